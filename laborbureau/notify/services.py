"""Writes of notifications: enqueue into the outbox (inside the caller's transaction),
mark in-app notices read, and let an administrator retry a failed delivery."""

import logging

from django.db import transaction
from django.utils import timezone

from laborbureau.core.errors import Conflict, NotFound
from laborbureau.core.models import Role, User, UserKind
from laborbureau.notify.models import Channel, Notification, OutboxMessage

log = logging.getLogger(__name__)


def outbox_write(
    *,
    recipient: User | None = None,
    email: str = "",
    phone: str = "",
    subject_zh: str,
    subject_en: str = "",
    body_zh: str = "",
    body_en: str = "",
    link: str = "",
    case_id: int | None = None,
    channels: tuple[str, ...] = (Channel.IN_APP, Channel.EMAIL),
) -> list[OutboxMessage]:
    """Queue a notice for delivery. Call it inside the event's transaction: the rows
    commit or roll back with the event. E-mail is queued only where an address is known,
    an SMS (Channel.SMS, asked for explicitly) only where `phone` is given."""
    now = timezone.now()
    address = email or (recipient.email if recipient is not None else "")
    rows = []
    for channel in channels:
        if channel == Channel.IN_APP and recipient is None:
            continue
        if channel == Channel.EMAIL and not address:
            continue
        if channel == Channel.SMS and not phone.strip():
            continue
        rows.append(
            OutboxMessage(
                channel=channel,
                recipient=recipient,
                email=address if channel == Channel.EMAIL else "",
                phone=phone.strip()[:30] if channel == Channel.SMS else "",
                subject_zh=subject_zh[:200],
                subject_en=subject_en[:200],
                body_zh=body_zh,
                body_en=body_en,
                link=link[:300],
                case_id=case_id,
                next_attempt_at=now,
            )
        )
    created = OutboxMessage.objects.bulk_create(rows)
    if created:
        # Wake the worker once the event is committed; if this process dies first,
        # the worker's periodic sweep still finds the rows.
        _kick_delivery_on_commit()
    return created


def _kick_delivery_on_commit() -> None:
    """One wake-up per transaction, however many rows it writes: a transition that
    notifies five parties queues one delivery task, not five. (Callbacks of a
    rolled-back savepoint are dropped by Django, so the check never loses a kick.)"""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        callback is _kick_delivery for _, callback, *_ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_kick_delivery)


def _kick_delivery() -> None:
    from laborbureau.notify.tasks import deliver_outbox

    try:
        deliver_outbox.enqueue()
    except Exception:  # noqa: BLE001 - the scheduler delivers what a failed enqueue missed
        log.warning("outbox: could not enqueue delivery; the scheduler will deliver", exc_info=True)


# --- in-app notices -------------------------------------------------------------------


def notification_mark_read(*, actor: User, notification_id: int) -> Notification:
    """Mark one of `actor`'s notices read (idempotent). Another user's notice, or an
    unknown id, answers NotFound: the two look the same from outside."""
    notification = Notification.objects.filter(pk=notification_id, recipient_id=actor.pk).first()
    if notification is None:
        raise NotFound("通知", "notice")
    if notification.read_at is None:
        now = timezone.now()
        # Conditional update: two clicks at once set the time once.
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.refresh_from_db(fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor: User) -> int:
    """Mark all of `actor`'s unread notices read; returns how many changed."""
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(read_at=timezone.now())


# --- administration -------------------------------------------------------------------


def can_manage_outbox(user: User) -> bool:
    """System administrators watch delivery and retry what failed."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or (user.kind == UserKind.STAFF and user.role == Role.SYSADMIN))
    )


def outbox_retry(*, actor: User, message_id: int) -> OutboxMessage:
    """Make a PENDING or DEAD message due now and wake the worker.

    A DEAD message gets one more attempt: its attempt count is kept (history), so if
    that attempt fails too it goes straight back to DEAD. A SENT message is refused."""
    if not can_manage_outbox(actor):
        raise NotFound("待送訊息", "outbox message")
    now = timezone.now()
    with transaction.atomic():
        changed = OutboxMessage.objects.filter(
            pk=message_id, status__in=(OutboxMessage.Status.PENDING, OutboxMessage.Status.DEAD)
        ).update(
            status=OutboxMessage.Status.PENDING,
            next_attempt_at=now,
            retry_requested_by=actor,
            retry_requested_at=now,
        )
        if not changed:
            if OutboxMessage.objects.filter(pk=message_id).exists():
                raise Conflict("此訊息已送達，不需重送。", "This message was already delivered.")
            raise NotFound("待送訊息", "outbox message")
        _kick_delivery_on_commit()
    return OutboxMessage.objects.get(pk=message_id)
