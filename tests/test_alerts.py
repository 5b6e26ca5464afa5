"""Alert emails against a real SMTP server (aiosmtpd on 127.0.0.1, a free port): recipients,
Chinese subjects, the findings in both MIME parts, HTML escaping, nothing new on a rerun, delivery
exactly once after the server was down, dry-run .eml files, and no password in any log."""

from __future__ import annotations

import email
import logging
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from disclosure_audit import alerts, templates
from disclosure_audit.alerts import SmtpSettings
from disclosure_audit.model import RosterUnit
from disclosure_audit.warehouse import Warehouse
from tests.wh_fixtures import finding, record, sqlite_url

CELL = "t3.new_received.natural_person"
PASSWORD = "pa55-Zq8!secret"
ROSTER = [
    RosterUnit("甲县人民政府", "湖南省/湘潭市", "county", "jia@example.gov.cn", supervisor_email="boss@example.gov.cn"),
    RosterUnit("乙县人民政府", "湖南省/湘潭市", "county", "yi@example.gov.cn", supervisor_email="boss@example.gov.cn"),
    RosterUnit("丙镇人民政府", "湖南省/株洲市", "township", "bing@example.gov.cn"),
]


class Inbox:
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self, refuse: frozenset[str] = frozenset()) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.refuse = refuse  # mailboxes the server does not know (550)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd hook name
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        msg = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port: int, password: str | None = None, refuse: frozenset[str] = frozenset()) -> None:
        self.inbox = Inbox(refuse)
        self.logins: list[str] = []
        kw = {}
        if password is not None:
            def authenticate(server, session, envelope, mechanism, auth_data):
                ok = auth_data.login == b"clerk" and auth_data.password == password.encode()
                self.logins.append("ok" if ok else "refused")
                return AuthResult(success=ok, handled=False)

            kw = {"authenticator": authenticate, "auth_require_tls": False, "auth_exclude_mechanism": ["PLAIN"]}
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port, **kw)

    def __enter__(self) -> "Server":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


@pytest.fixture
def smtp_env(monkeypatch):
    for name in ("HOST", "PORT", "TLS", "USER", "PASSWORD", "FROM", "PASSWORD_BLOCK"):
        monkeypatch.delenv(f"DISCLOSURE_AUDIT_SMTP_{name}", raising=False)
    port = free_port()
    monkeypatch.setenv("DISCLOSURE_AUDIT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DISCLOSURE_AUDIT_SMTP_PORT", str(port))
    monkeypatch.setenv("DISCLOSURE_AUDIT_SMTP_FROM", "audit@example.gov.cn")
    return port


def first_run(wh: Warehouse) -> int:
    run = wh.start_run("audit", {})
    wh.store(run, [record(), record(unit="乙县人民政府"), record(unit="丙镇人民政府")], [
        finding(cells=[CELL], expected=12, observed=13, message="自然人列 <script>alert(1)</script> & 总计不符"),
        finding(rule="narrative.applications", severity="warning", cells=[]),
        finding(rule="roster.missing", unit="乙县人民政府", year=2023, cells=[], expected=None, observed=None,
                message="未发布2023年度年报"),
    ])
    return run


def parts(msg) -> tuple[str, str]:
    return msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


def test_unit_emails_and_digest_are_delivered(wh, smtp_env):
    run = first_run(wh)
    assert alerts.enqueue_alerts(wh, run, ROSTER) == 3  # 甲, 乙 and the digest of their supervisor
    with Server(smtp_env) as server:
        report = alerts.send_pending(wh)
    assert (report.sent, report.failed, report.pending, report.error) == (3, 0, 0, None)
    got = {rcpt[0]: msg for rcpt, msg in server.inbox.messages}
    assert set(got) == {"jia@example.gov.cn", "yi@example.gov.cn", "boss@example.gov.cn"}
    jia = got["jia@example.gov.cn"]
    assert jia["Subject"] == "【政务公开年报审核】甲县人民政府：发现 1 项需整改的问题"
    assert jia["From"] == "audit@example.gov.cn"
    text, html = parts(jia)
    assert "规则 t3.balance：表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理" in text
    label = templates.label_of(CELL)
    assert label.startswith("表三") and f"{label}（{CELL}）" in text
    assert "应为：12；实际：13" in text and "<script>alert(1)</script>" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 总计不符" in html and "<script>" not in html
    assert "narrative.applications" not in text  # warnings are not alerted
    yi_text, _ = parts(got["yi@example.gov.cn"])
    assert "roster.missing" in yi_text and "名单内单位在发布期限（条例第四十九条或省级规定）过后仍未发布本年度年报" in yi_text and "2023 年度" in yi_text
    digest_text, digest_html = parts(got["boss@example.gov.cn"])
    assert got["boss@example.gov.cn"]["Subject"] == "【政务公开年报审核】湖南省/湘潭市汇总：2 家单位共 2 项新问题"
    assert "甲县人民政府：1 项" in digest_text and "乙县人民政府：1 项" in digest_text
    assert "&lt;script&gt;" in digest_html and "<script>" not in digest_html
    rows = wh.alerts(run)
    assert all(r["sent_at"] is not None and r["attempts"] == 1 for r in rows)
    assert sorted(len(r["finding_ids"]) for r in rows) == [1, 1, 2]


def test_a_rerun_sends_nothing_new(wh, smtp_env):
    run = first_run(wh)
    alerts.enqueue_alerts(wh, run, ROSTER)
    with Server(smtp_env) as server:
        alerts.send_pending(wh)
        assert alerts.enqueue_alerts(wh, run, ROSTER) == 0  # the same run again
        run2 = wh.start_run("rerun", {})
        wh.store(run2, [record()], [finding(cells=[CELL], expected=12, observed=13)])  # seen again, not new
        assert alerts.enqueue_alerts(wh, run2) == 0  # roster from the warehouse this time
        assert alerts.send_pending(wh).sent == 0
        # a new error in a third run is alerted, alone
        run3 = wh.start_run("rerun", {})
        wh.store(run3, [record()], [finding(cells=[CELL]), finding(rule="t4.total", cells=["t4.review.total"])])
        assert alerts.enqueue_alerts(wh, run3) == 2
        assert alerts.send_pending(wh).sent == 2
    assert len(server.inbox.messages) == 5
    text, _ = parts(server.inbox.messages[-2][1])
    assert "t4.total" in text and "t3.balance" not in text


def test_smtp_down_then_up_delivers_each_alert_once(wh, smtp_env, tmp_path):
    run = first_run(wh)
    alerts.enqueue_alerts(wh, run, ROSTER)
    down = alerts.send_pending(wh)  # nobody listens on the port: the run goes on
    assert (down.sent, down.failed, down.pending) == (0, 3, 3) and "无法连接发信服务器" in down.error
    with pytest.raises(alerts.AlertDeliveryError):
        alerts.send_pending(wh, raise_on_error=True)
    assert all(r["attempts"] == 2 and r["sent_at"] is None and r["last_error"] for r in wh.alerts(run))
    with Server(smtp_env) as server:
        up = alerts.send_pending(wh)
        again = alerts.send_pending(wh)
    assert (up.sent, up.pending, again.sent) == (3, 0, 0)
    assert sorted(r[0][0] for r in server.inbox.messages) == ["boss@example.gov.cn", "jia@example.gov.cn", "yi@example.gov.cn"]


def test_no_smtp_configured_keeps_alerts_queued(wh, monkeypatch):
    monkeypatch.delenv("DISCLOSURE_AUDIT_SMTP_HOST", raising=False)
    run = first_run(wh)
    alerts.enqueue_alerts(wh, run, ROSTER)
    report = alerts.send_pending(wh)
    assert report.sent == 0 and report.pending == 3 and "DISCLOSURE_AUDIT_SMTP_HOST" in report.error


def test_dry_run_writes_eml_files_without_consuming_the_queue(wh, smtp_env, tmp_path):
    run = first_run(wh)
    alerts.enqueue_alerts(wh, run, ROSTER)
    out = tmp_path / "emails"
    report = alerts.send_pending(wh, dry_run_dir=out)
    assert report.written == 3 and report.sent == 0
    files = sorted(out.glob("*.eml"))
    assert len(files) == 3
    msgs = [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    assert {m["To"] for m in msgs} == {"jia@example.gov.cn", "yi@example.gov.cn", "boss@example.gov.cn"}
    assert all(m["X-Disclosure-Audit-Dry-Run"] == "yes" for m in msgs)
    assert any("t3.balance" in parts(m)[0] for m in msgs)
    assert alerts.send_pending(wh, dry_run=out).written == 0  # not written twice
    assert all(r["dry_run_path"] and r["sent_at"] is None for r in wh.alerts(run))
    with Server(smtp_env) as server:  # a later real send still delivers them
        assert alerts.send_pending(wh).sent == 3
    assert len(server.inbox.messages) == 3


def test_password_is_used_but_never_logged(wh, smtp_env, monkeypatch, caplog, capsys):
    monkeypatch.setenv("DISCLOSURE_AUDIT_SMTP_USER", "clerk")
    monkeypatch.setenv("DISCLOSURE_AUDIT_SMTP_PASSWORD", PASSWORD)
    caplog.set_level(logging.DEBUG)
    run = first_run(wh)
    alerts.enqueue_alerts(wh, run, ROSTER)
    settings = SmtpSettings.from_env()
    assert PASSWORD not in repr(settings)
    with Server(smtp_env, password="wrong-one") as server:  # login refused: queued, reason recorded
        refused = alerts.send_pending(wh)
    assert refused.sent == 0 and server.logins == ["refused"]
    with Server(smtp_env, password=PASSWORD) as server:
        sent = alerts.send_pending(wh)
    assert sent.sent == 3 and server.logins == ["ok"] and len(server.inbox.messages) == 3
    out = capsys.readouterr()
    ours = [r.getMessage() for r in caplog.records if not r.name.startswith("mail.log")]
    assert ours, "the sender logs what it does"
    for text in [*ours, out.out, out.err, refused.error or "", *(r["last_error"] or "" for r in wh.alerts(run))]:
        assert PASSWORD not in text


def test_settings_from_env():
    s = SmtpSettings.from_env({"DISCLOSURE_AUDIT_SMTP_HOST": "smtp.example.gov.cn", "DISCLOSURE_AUDIT_SMTP_TLS": "ssl"})
    assert (s.host, s.port, s.tls, s.from_addr) == ("smtp.example.gov.cn", 465, "ssl", "disclosure-audit@localhost")
    assert SmtpSettings.from_env({}) is None
    with pytest.raises(alerts.SmtpConfigError, match="TLS"):
        SmtpSettings.from_env({"DISCLOSURE_AUDIT_SMTP_HOST": "h", "DISCLOSURE_AUDIT_SMTP_TLS": "maybe"})


@pytest.mark.slow
def test_password_from_a_prefect_secret_block(tmp_path, smtp_env, monkeypatch, prefect_harness, caplog):
    from prefect.blocks.system import Secret

    Secret(value=PASSWORD).save("da-test-smtp-password", overwrite=True)
    monkeypatch.setenv("DISCLOSURE_AUDIT_SMTP_USER", "clerk")
    monkeypatch.setenv("DISCLOSURE_AUDIT_SMTP_PASSWORD_BLOCK", "da-test-smtp-password")
    caplog.set_level(logging.DEBUG)
    wh = Warehouse(sqlite_url(tmp_path))
    run = first_run(wh)
    alerts.enqueue_alerts(wh, run, ROSTER)
    with Server(smtp_env, password=PASSWORD) as server:
        assert alerts.send_pending(wh).sent == 3
    assert server.logins == ["ok"]
    assert PASSWORD not in caplog.text


def test_a_unit_spelled_otherwise_in_its_report_still_gets_its_alert(wh):
    # the report writes full-width brackets and a space where the roster has neither
    roster = [RosterUnit("甲县人民政府(本级)", "湖南省/湘潭市", "county", "jia@example.gov.cn")]
    run = wh.start_run("audit", {})
    wh.store(run, [record(unit="甲县 人民政府（本级）")], [finding(unit="甲县 人民政府（本级）", cells=[CELL])])
    assert alerts.enqueue_alerts(wh, run, roster) == 1
    assert [a["recipient"] for a in wh.alerts(run)] == ["jia@example.gov.cn"]


def test_a_digest_over_many_regions_fits_its_outbox_row(wh):
    units = [RosterUnit(f"第{i}区人民政府", f"某省/第{i:02d}个很长很长很长的地区名称", "county", f"u{i}@example.gov.cn",
                        supervisor_email="boss@example.gov.cn") for i in range(40)]
    run = wh.start_run("audit", {})
    wh.store(run, [record(unit=u.unit) for u in units], [finding(unit=u.unit, cells=[CELL]) for u in units])
    assert alerts.enqueue_alerts(wh, run, units) == 41
    digest = [a for a in wh.alerts(run) if a["kind"] == "digest"][0]
    assert len(digest["unit"]) <= 200 and digest["unit"].endswith("等40个地区")


def test_a_refused_recipient_costs_its_own_alert_only(wh, smtp_env):
    from disclosure_audit.pipeline.alerting import send

    run = first_run(wh)
    assert alerts.enqueue_alerts(wh, run, ROSTER) == 3
    with Server(smtp_env, refuse=frozenset({"yi@example.gov.cn"})) as server:
        result = send(wh.url, None)  # the flow's send step: no exception, so no pointless retries
    assert result["sent"] == 2 and "部分提醒未能发送" in result["error"]
    assert {rcpt[0] for rcpt, _ in server.inbox.messages} == {"jia@example.gov.cn", "boss@example.gov.cn"}
    refused = [a for a in wh.alerts(run) if a["sent_at"] is None]
    assert [a["recipient"] for a in refused] == ["yi@example.gov.cn"] and "550" in refused[0]["last_error"]
    assert refused[0]["claimed_by"] is None  # released: the next run tries it again


def test_an_alert_another_sender_holds_is_not_sent_twice(wh, smtp_env):
    # a clerk's rerun and the scheduled audit send at the same time: each alert goes out once
    from datetime import timedelta

    from sqlalchemy import update

    from disclosure_audit.warehouse import outbox, schema

    run = first_run(wh)
    assert alerts.enqueue_alerts(wh, run, ROSTER) == 3
    ids = sorted(a["id"] for a in wh.alerts(run))
    other = outbox.new_token()
    assert outbox.claim(wh.engine, ids[:1], other) == {ids[0]}  # the other sender is sending this one
    assert outbox.claim(wh.engine, ids, outbox.new_token()) == set(ids[1:])  # a third gets only the free ones
    outbox.release(wh.engine, ids[1:], "not-the-holder")  # only the holder's token releases a claim
    assert all(a["claimed_by"] for a in wh.alerts(run))
    with wh.engine.begin() as conn:
        conn.execute(update(schema.alert_outbox).where(schema.alert_outbox.c.id.in_(ids[1:])).values(claimed_by=None, claimed_at=None))
    with Server(smtp_env) as server:
        first = alerts.send_pending(wh)
        assert (first.sent, first.pending) == (2, 1) and len(server.inbox.messages) == 2
        # the other sender died before sending: once its claim is older than the lease, the next run sends it
        stale = wh.alerts(run)[0]["claimed_at"] - outbox.CLAIM_LEASE - timedelta(minutes=1)
        with wh.engine.begin() as conn:
            conn.execute(update(schema.alert_outbox).where(schema.alert_outbox.c.id == ids[0]).values(claimed_at=stale))
        later = alerts.send_pending(wh)
        again = alerts.send_pending(wh)
    assert (later.sent, again.sent) == (1, 0) and len(server.inbox.messages) == 3


def test_alerts_are_claimed_a_batch_at_a_time_just_before_they_are_sent(wh, smtp_env, monkeypatch):
    # a long send must not outlive its claims: each batch is claimed when its turn comes
    from disclosure_audit.alerts import send as send_mod
    from disclosure_audit.warehouse import outbox

    run = first_run(wh)
    assert alerts.enqueue_alerts(wh, run, ROSTER) == 3
    monkeypatch.setattr(send_mod, "CLAIM_BATCH", 2)
    claimed: list[list[int]] = []
    real = outbox.claim
    monkeypatch.setattr(outbox, "claim", lambda engine, ids, token, now=None: claimed.append(list(ids)) or real(engine, ids, token, now))
    with Server(smtp_env) as server:
        assert alerts.send_pending(wh).sent == 3
    ids = sorted(a["id"] for a in wh.alerts(run))
    assert claimed == [ids[:2], ids[2:]] and len(server.inbox.messages) == 3


def test_errors_of_a_run_that_stopped_before_alerting_are_alerted_by_the_next(wh):
    first_run(wh)  # stored; the process died before the alerts were queued
    r2 = wh.start_run("audit", {})
    wh.store(r2, [record(), record(unit="乙县人民政府"), record(unit="丙镇人民政府")], [
        finding(cells=[CELL], expected=12, observed=13, message="自然人列 总计不符"),
        finding(rule="roster.missing", unit="乙县人民政府", year=2023, cells=[], expected=None, observed=None, message="未发布"),
    ])
    assert wh.new_findings(r2) == []  # seen before: not new in run 2
    assert alerts.enqueue_alerts(wh, r2, ROSTER) == 3  # but never alerted: 甲, 乙 and their digest
    assert alerts.enqueue_alerts(wh, wh.start_run("audit", {}), ROSTER) == 0  # and only once


def test_alert_values_are_written_like_the_reports_but_blank_says_so() -> None:
    from disclosure_audit.alerts.render import value_text
    from disclosure_audit.report.figures import display_value

    for v in (2.0, 1234567.5, 0.1 + 0.2, [3.0, 4.5], True, "5 万元"):
        assert value_text(v) == display_value(v)
    assert value_text(0.1 + 0.2) == "0.3"  # never a float's repr (0.30000000000000004)
    assert value_text(None) == "（空白）" and display_value(None) == "—"
    assert value_text([None, 2.0]) == "（空白）、2"
