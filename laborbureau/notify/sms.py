"""The SMS channel's gateway, pluggable: settings.NOTIFY_SMS_BACKEND names a class whose
`send(phone, text)` hands one message to the gateway and raises on failure (the
outbox then retries with back-off, notify.delivery). A real gateway (an operator's
HTTP API on the government intranet) is one such class; the shipped ones log, or
keep messages in memory for tests, or always fail (to exercise the retries)."""

import logging
import re
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

PHONE = re.compile(r"^\+?[0-9]{8,15}$")


class SmsBackend:
    def send(self, phone: str, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


def check_phone(phone: str) -> str:
    """The number as the gateway takes it (digits, optional +); ValueError if not one."""
    cleaned = re.sub(r"[\s\-()]", "", phone or "")
    if not PHONE.match(cleaned):
        raise ValueError(f"not a phone number: {phone!r}")
    return cleaned


class LoggingSmsBackend(SmsBackend):
    """Writes the message to the log: the default where no gateway is contracted."""

    def send(self, phone: str, text: str) -> None:
        log.info("SMS to %s: %s", check_phone(phone), text[:500])


class MemorySmsBackend(SmsBackend):
    """Keeps the messages in `outbox` (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        MemorySmsBackend.outbox.append((check_phone(phone), text))


class FailingSmsBackend(SmsBackend):
    """Always refuses, like a gateway that is down (tests of retries and escalation)."""

    def send(self, phone: str, text: str) -> None:
        raise ConnectionError("SMS gateway unreachable")


@cache
def _backend_class(path: str) -> type[SmsBackend]:
    return import_string(path)


def sms_backend() -> SmsBackend:
    return _backend_class(settings.NOTIFY_SMS_BACKEND)()
