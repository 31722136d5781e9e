"""Login protection and log hygiene: what the logs may say about people (nothing personal).

Logs are read by operators and copied to other systems, so they carry ids and actions only.
Failed sign-ins are logged as a keyed digest of the username and address: repeated
failures from one client still group together, but the log does not reveal who it was.
"""

import hashlib
import hmac
import logging
import re

from django.conf import settings

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
REDACTED_EMAIL = "[e-mail removed]"


def client_digest(*parts: str) -> str:
    """A short keyed digest: the same client gets the same value, and it cannot be reversed."""
    message = "|".join(p or "" for p in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:16]


def anonymous_client_str(username, ip_address, user_agent, path_info, request) -> str:
    """Axes' AXES_CLIENT_STR_CALLABLE: how a sign-in attempt appears in the logs."""
    return f"client {client_digest(username, ip_address)} on {path_info}"


class PersonalDataLogFilter(logging.Filter):
    """Last line of defence: e-mail addresses that slip into a log message are removed."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if EMAIL_PATTERN.search(message):
            record.msg = EMAIL_PATTERN.sub(REDACTED_EMAIL, message)
            record.args = ()
        return True

