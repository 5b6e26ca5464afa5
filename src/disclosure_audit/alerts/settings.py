"""SMTP settings of the alert emails, from the environment:

    DISCLOSURE_AUDIT_SMTP_HOST, _PORT, _TLS (none | starttls | ssl), _USER, _FROM
    DISCLOSURE_AUDIT_SMTP_PASSWORD            the password itself, or
    DISCLOSURE_AUDIT_SMTP_PASSWORD_BLOCK      the name of a Prefect Secret block holding it

The password is not part of ``SmtpSettings``: ``password()`` reads it at the moment of login, so
it is never stored, printed in a repr or logged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

PREFIX = "DISCLOSURE_AUDIT_SMTP_"
TLS_MODES = ("none", "starttls", "ssl")
DEFAULT_FROM = "disclosure-audit@localhost"


class SmtpConfigError(ValueError):
    """The SMTP settings cannot be used; the message names the variable and what to set."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    tls: str = "none"
    user: str | None = None
    from_addr: str = DEFAULT_FROM
    password_block: str | None = None  # name of a Prefect Secret block
    timeout: float = 10.0

    def __post_init__(self) -> None:
        if self.tls not in TLS_MODES:
            raise SmtpConfigError(f"{PREFIX}TLS={self.tls!r}: use one of {', '.join(TLS_MODES)}")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "SmtpSettings | None":
        """The settings of the environment, or None when no SMTP host is configured."""
        env = os.environ if env is None else env
        host = env.get(PREFIX + "HOST", "").strip()
        if not host:
            return None
        tls = (env.get(PREFIX + "TLS") or "none").strip().lower()
        default_port = {"none": 25, "starttls": 587, "ssl": 465}.get(tls, 25)
        port_text = (env.get(PREFIX + "PORT") or "").strip()
        try:
            port = int(port_text) if port_text else default_port
        except ValueError:
            raise SmtpConfigError(f"{PREFIX}PORT={port_text!r} is not a port number") from None
        return cls(host=host, port=port, tls=tls, user=(env.get(PREFIX + "USER") or "").strip() or None,
                   from_addr=(env.get(PREFIX + "FROM") or "").strip() or DEFAULT_FROM,
                   password_block=(env.get(PREFIX + "PASSWORD_BLOCK") or "").strip() or None)

    def password(self) -> str | None:
        """The SMTP password, read now: $DISCLOSURE_AUDIT_SMTP_PASSWORD, else the Prefect Secret
        block named by $DISCLOSURE_AUDIT_SMTP_PASSWORD_BLOCK (or ``password_block``)."""
        value = os.environ.get(PREFIX + "PASSWORD")
        if value:
            return value
        block = self.password_block or os.environ.get(PREFIX + "PASSWORD_BLOCK")
        if not block:
            return None
        from prefect.blocks.system import Secret

        secret = Secret.load(block)
        return str(secret.get())
