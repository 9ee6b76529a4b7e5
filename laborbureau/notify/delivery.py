"""Delivery of outbox rows to their channels, with retries and back-off."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from laborbureau.notify.models import Channel, Notification, OutboxMessage

BATCH = 100


def deliver_due(limit: int = BATCH) -> int:
    """Deliver up to `limit` due rows; returns how many were sent."""
    sent = 0
    ids = list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    for message_id in ids:
        sent += deliver_one(message_id)
    return sent


def deliver_one(message_id: int) -> int:
    with transaction.atomic():
        # skip_locked: several workers share the queue without delivering a row twice.
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxMessage.Status.PENDING)
            .first()
        )
        if message is None:
            return 0
        try:
            with transaction.atomic():
                _send(message)
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.DEAD
            else:
                message.next_attempt_at = timezone.now() + timedelta(seconds=30 * 2 ** (message.attempts - 1))
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return 0
        message.attempts += 1
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "status", "sent_at"])
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
            },
        )
    elif message.channel == Channel.EMAIL:
        link = f"{settings.PUBLIC_BASE_URL}{message.link}" if message.link.startswith("/") else message.link
        subject = message.subject_zh + (f" / {message.subject_en}" if message.subject_en else "")
        body = "\n\n".join(part for part in (message.body_zh, message.body_en, link) if part)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [message.email])
    else:
        raise ValueError(f"unknown channel {message.channel}")
