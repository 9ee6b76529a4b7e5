"""Writes of notifications: enqueue into the outbox (inside the caller's transaction)."""

from django.db import transaction
from django.utils import timezone

from laborbureau.core.models import User
from laborbureau.notify.models import Channel, OutboxMessage


def outbox_write(
    *,
    recipient: User | None = None,
    email: str = "",
    subject_zh: str,
    subject_en: str = "",
    body_zh: str = "",
    body_en: str = "",
    link: str = "",
    case_id: int | None = None,
    channels: tuple[str, ...] = (Channel.IN_APP, Channel.EMAIL),
) -> list[OutboxMessage]:
    """Queue a notice for delivery. Call it inside the event's transaction: the rows
    commit or roll back with the event. E-mail is queued only where an address is known."""
    now = timezone.now()
    address = email or (recipient.email if recipient is not None else "")
    rows = []
    for channel in channels:
        if channel == Channel.IN_APP and recipient is None:
            continue
        if channel == Channel.EMAIL and not address:
            continue
        rows.append(
            OutboxMessage(
                channel=channel,
                recipient=recipient,
                email=address if channel == Channel.EMAIL else "",
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
        transaction.on_commit(_kick_delivery)
    return created


def _kick_delivery() -> None:
    from laborbureau.notify.tasks import deliver_outbox

    try:
        deliver_outbox.enqueue()
    except Exception:  # noqa: BLE001 - the sweep delivers what a failed enqueue missed
        pass
