"""Delivery of outbox rows to their channels, with retries and back-off.

Guarantees:
- At least once: a row leaves PENDING only when its channel accepted it (SENT) or it
  has failed NOTIFY_MAX_ATTEMPTS times (DEAD, listed for administrators). If a process
  dies mid-delivery its transaction rolls back and the row is still PENDING.
- Never twice from two workers: each row is delivered inside a transaction that holds
  its row lock (`select_for_update(skip_locked=True)` on PostgreSQL; SQLite ignores
  the clause but takes the database write lock up front, which serialises writers),
  and the status is re-checked under that lock.
- One failing row does not block the rest: each row is its own transaction and any
  error is recorded on that row.

The hazard left is the e-mail that the server accepted just before the commit
failed: it is sent again on the retry (duplicates are preferred to losses).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from laborbureau.notify.models import Channel, Notification, OutboxMessage

log = logging.getLogger(__name__)

BATCH = 100
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 6 * 3600


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` failures: 30 s, 1 min, 2 min, ...,
    capped at 6 hours."""
    seconds = BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, BACKOFF_CAP_SECONDS))


def deliver_due(limit: int = BATCH) -> int:
    """Deliver up to `limit` due rows, oldest first; returns how many were sent."""
    sent = 0
    ids = list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    for message_id in ids:
        try:
            sent += deliver_one(message_id)
        except Exception:  # noqa: BLE001 - e.g. a database error on one row; the others go on
            log.exception("outbox: delivering message %s failed outside its channel", message_id)
    return sent


def deliver_one(message_id: int) -> int:
    """Deliver one row if it is still PENDING and due: 1 if sent now, else 0.

    Safe to call twice, concurrently or not: the second call finds the row locked
    (skipped) or no longer PENDING, and does nothing."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now())
            .first()
        )
        if message is None:
            return 0
        try:
            # A savepoint: a channel that fails half-way (e.g. the in-app row written,
            # then an error) leaves nothing behind but the recorded failure.
            with transaction.atomic():
                _send(message)
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.DEAD
                log.error("outbox: message %s is DEAD after %s attempts: %s", message.pk, message.attempts, error)
            else:
                message.next_attempt_at = timezone.now() + backoff(message.attempts)
                log.warning("outbox: message %s failed (attempt %s): %s", message.pk, message.attempts, error)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return 0
        message.attempts += 1
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return 1


def _send(message: OutboxMessage) -> None:
    if message.channel == Channel.IN_APP:
        Notification.objects.get_or_create(
            outbox=message,
            defaults={
                "recipient_id": message.recipient_id,
                "subject_zh": message.subject_zh,
                "subject_en": message.subject_en,
                "body_zh": message.body_zh,
                "body_en": message.body_en,
                "link": message.link,
                "case_id": message.case_id,
            },
        )
    elif message.channel == Channel.EMAIL:
        link = f"{settings.PUBLIC_BASE_URL}{message.link}" if message.link.startswith("/") else message.link
        subject = message.subject_zh + (f" / {message.subject_en}" if message.subject_en else "")
        subject = " ".join(subject.split())  # a header: no line breaks
        body = "\n\n".join(part for part in (message.body_zh, message.body_en, link) if part)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [message.email], fail_silently=False)
    elif message.channel == Channel.SMS:
        from laborbureau.notify.sms import sms_backend

        text = " ".join(f"{message.subject_zh} {message.body_zh}".split())
        if message.link:
            text += f" {settings.PUBLIC_BASE_URL}{message.link}" if message.link.startswith("/") else f" {message.link}"
        sms_backend().send(message.phone, text)
    else:
        raise ValueError(f"unknown channel {message.channel}")
