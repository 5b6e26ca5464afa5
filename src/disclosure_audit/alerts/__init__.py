"""Alert emails of disclosure-audit: after a run, queue one email per unit contact with its new
errors and a digest per region supervisor (``enqueue_alerts``), then send the queue by SMTP or
write it as .eml files (``send_pending``)."""

from disclosure_audit.alerts.outbox import build_alerts, enqueue_alerts
from disclosure_audit.alerts.send import AlertDeliveryError, SendReport, build_message, send_pending
from disclosure_audit.alerts.settings import SmtpConfigError, SmtpSettings

__all__ = ["AlertDeliveryError", "SendReport", "SmtpConfigError", "SmtpSettings", "build_alerts", "build_message",
           "enqueue_alerts", "send_pending"]
