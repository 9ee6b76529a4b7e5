"""Reads of notifications, scoped to the reader."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from laborbureau.core.models import User
from laborbureau.notify.models import Notification, OutboxMessage


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """`user`'s own notices: unread first, then newest first."""
    queryset = Notification.objects.filter(recipient_id=user.pk)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    unread_first = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
    return queryset.order_by(unread_first, "-created_at", "-id")


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def outbox_list(*, status: str | None = None) -> QuerySet[OutboxMessage]:
    """Undelivered outbox rows for administrators: DEAD first (they need a person),
    then PENDING by due time."""
    statuses = [status] if status else [OutboxMessage.Status.DEAD, OutboxMessage.Status.PENDING]
    return (
        OutboxMessage.objects.filter(status__in=statuses)
        .select_related("recipient")
        .order_by("status", "next_attempt_at", "id")  # "DEAD" sorts before "PENDING"
    )
