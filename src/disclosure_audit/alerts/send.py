"""Send the pending alerts of the outbox by SMTP, or write them as .eml files (dry run).

Delivery: each alert is marked sent right after the SMTP server accepted it. If the server cannot
be reached the alerts stay pending (attempts and last_error are recorded, the run goes on) and the
next ``send_pending`` delivers them, once each.

Dry run: every pending alert is written to ``<dry_run_dir>/alert-<id>.eml`` and marked with
``dry_run_at``/``dry_run_path``, but NOT as sent: a dry run previews, it does not consume. A later
real send delivers it; a later dry run into the same folder does not write it twice.
"""

from __future__ import annotations

import logging
import smtplib
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any, Iterator

from disclosure_audit.alerts.settings import DEFAULT_FROM, SmtpSettings
from disclosure_audit.warehouse import outbox

log = logging.getLogger(__name__)
# alerts claimed at a time, just before they are sent: a claim never gets near the outbox's
# 15-minute lease however many alerts a run sends
CLAIM_BATCH = 100


class AlertDeliveryError(RuntimeError):
    """Sending failed; the alerts stay queued for the next run."""


@dataclass
class SendReport:
    sent: int = 0
    written: int = 0  # dry-run .eml files
    failed: int = 0
    pending: int = 0  # still queued afterwards
    error: str | None = None
    unreachable: bool = False  # the server could not be reached or the connection dropped (retry helps)
    files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"sent": self.sent, "written": self.written, "failed": self.failed, "pending": self.pending,
                "error": self.error}


def build_message(alert: dict[str, Any], from_addr: str, *, dry_run: bool = False) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = from_addr
    msg["To"] = alert["recipient"]
    msg["Subject"] = alert["subject"]
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(idstring=f"alert-{alert['id']}-run-{alert['run_id']}", domain="disclosure-audit")
    msg["X-Disclosure-Audit-Alert"] = str(alert["id"])
    if dry_run:
        msg["X-Disclosure-Audit-Dry-Run"] = "yes"
    msg.set_content(alert["body_text"])
    msg.add_alternative(alert["body_html"], subtype="html")
    return msg


def _write_dry_run(wh: Any, alerts: list[dict[str, Any]], folder: Path, from_addr: str) -> SendReport:
    folder.mkdir(parents=True, exist_ok=True)
    report = SendReport()
    for a in alerts:
        path = folder / f"alert-{a['id']}.eml"
        if a.get("dry_run_path") == str(path) and path.exists():
            continue
        path.write_bytes(bytes(build_message(a, from_addr, dry_run=True)))
        outbox.mark_dry_run(wh.engine, a["id"], str(path))
        report.written += 1
        report.files.append(str(path))
    report.pending = len(alerts)
    log.info("wrote %d alert(s) as .eml files to %s (not sent)", report.written, folder)
    return report


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    if settings.tls == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.tls == "starttls":
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password() or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def send_pending(
    wh: Any,
    settings: SmtpSettings | None = None,
    dry_run_dir: str | Path | None = None,
    *,
    dry_run: str | Path | None = None,
    raise_on_error: bool = False,
) -> SendReport:
    """Send (or with ``dry_run_dir`` write) every pending alert. ``dry_run`` is an alias of
    ``dry_run_dir``. SMTP trouble is recorded on the alerts and returned in ``SendReport.error``
    (raised as ``AlertDeliveryError`` with ``raise_on_error``); the alerts stay queued."""
    alerts = outbox.pending(wh.engine)
    folder = dry_run_dir or dry_run
    if folder:
        from_addr = settings.from_addr if settings else (SmtpSettings.from_env() or SmtpSettings("localhost")).from_addr
        return _write_dry_run(wh, alerts, Path(folder), from_addr)
    report = SendReport(pending=len(alerts))
    if not alerts:
        return report
    settings = settings or SmtpSettings.from_env()
    if settings is None:
        report.error = "未配置发信服务器（DISCLOSURE_AUDIT_SMTP_HOST），提醒已保留在待发队列"
        log.warning("no SMTP host configured; %d alert(s) stay queued", len(alerts))
        return _finish(report, raise_on_error)
    try:
        smtp = _connect(settings)
    except (OSError, smtplib.SMTPException, socket.timeout) as exc:
        report.error = f"无法连接发信服务器 {settings.host}:{settings.port}（{type(exc).__name__}: {exc}），提醒已保留在待发队列"
        report.failed = len(alerts)
        report.unreachable = True
        outbox.mark_failed(wh.engine, [a["id"] for a in alerts], report.error)
        log.warning("SMTP %s:%s unreachable (%s); %d alert(s) stay queued", settings.host, settings.port,
                    type(exc).__name__, len(alerts))
        return _finish(report, raise_on_error)
    token = outbox.new_token()
    unsent: set[int] = set()  # claimed by this sender, not sent (yet)
    try:
        for a in _claimed(wh, alerts, token, unsent):
            try:
                smtp.send_message(build_message(a, settings.from_addr or DEFAULT_FROM))
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
                outbox.mark_failed(wh.engine, [a["id"]], f"{type(exc).__name__}: {exc}")
                report.failed += 1
                report.error = f"部分提醒未能发送：{type(exc).__name__}"
                continue
            except (OSError, smtplib.SMTPException) as exc:  # connection lost: the rest stay queued
                outbox.mark_failed(wh.engine, [a["id"]], f"{type(exc).__name__}: {exc}")
                report.failed += 1
                report.unreachable = True
                report.error = f"发送中断（{type(exc).__name__}），其余提醒已保留在待发队列"
                break
            unsent.discard(a["id"])
            if outbox.mark_sent(wh.engine, a["id"]):
                report.sent += 1
    finally:
        outbox.release(wh.engine, sorted(unsent), token)  # failed or not reached: the next run retries
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    report.pending = len(alerts) - report.sent
    log.info("sent %d alert(s), %d still queued", report.sent, report.pending)
    return _finish(report, raise_on_error)


def _claimed(wh: Any, alerts: list[dict[str, Any]], token: str, held: set[int]) -> Iterator[dict[str, Any]]:
    """The alerts this sender may send, claimed ``CLAIM_BATCH`` at a time as the sending reaches
    them (the others: another sender holds them); each claimed id is added to ``held``."""
    for start in range(0, len(alerts), CLAIM_BATCH):
        batch = alerts[start : start + CLAIM_BATCH]
        mine = outbox.claim(wh.engine, [a["id"] for a in batch], token)
        held |= mine
        yield from (a for a in batch if a["id"] in mine)


def _finish(report: SendReport, raise_on_error: bool) -> SendReport:
    if raise_on_error and report.error:
        raise AlertDeliveryError(report.error)
    return report
