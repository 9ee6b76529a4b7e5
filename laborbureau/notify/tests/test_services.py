"""outbox_write's choice of channels, marking notices read, and retry by an administrator."""

import pytest
from django.utils import timezone

from laborbureau.core.errors import Conflict, NotFound
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import UserFactory, staff
from laborbureau.notify.models import Channel, Notification, OutboxMessage
from laborbureau.notify.services import (
    notification_mark_all_read,
    notification_mark_read,
    outbox_retry,
    outbox_write,
)
from laborbureau.notify.tests.factories import NotificationFactory, OutboxMessageFactory

pytestmark = pytest.mark.django_db


def test_e_mail_is_queued_only_where_an_address_is_known():
    user = UserFactory(email="")
    rows = outbox_write(recipient=user, subject_zh="通知", case_id=7)
    assert [(row.channel, row.recipient_id, row.email, row.case_id) for row in rows] == [
        (Channel.IN_APP, user.pk, "", 7)
    ]


def test_an_address_without_an_account_gets_e_mail_only():
    rows = outbox_write(email="employer@example.tw", subject_zh="通知")
    assert [(row.channel, row.recipient_id, row.email) for row in rows] == [
        (Channel.EMAIL, None, "employer@example.tw")
    ]


def test_overlong_subject_and_link_are_cut_to_the_column_size():
    [row] = outbox_write(email="a@example.tw", subject_zh="長" * 250, link="/x" * 200, channels=(Channel.EMAIL,))
    assert (len(row.subject_zh), len(row.link)) == (200, 300)


def test_mark_read_sets_the_time_once():
    notice = NotificationFactory()
    first = notification_mark_read(actor=notice.recipient, notification_id=notice.pk)
    again = notification_mark_read(actor=notice.recipient, notification_id=notice.pk)
    assert first.read_at is not None
    assert again.read_at == first.read_at


def test_another_users_notice_is_not_found_and_stays_unread():
    notice = NotificationFactory()
    with pytest.raises(NotFound):
        notification_mark_read(actor=UserFactory(), notification_id=notice.pk)
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read_touches_only_the_actors_unread_notices():
    user = UserFactory()
    mine = NotificationFactory.create_batch(2, recipient=user)
    already = NotificationFactory(recipient=user, read_at=timezone.now() - timezone.timedelta(days=1))
    theirs = NotificationFactory()
    assert notification_mark_all_read(actor=user) == 2
    assert Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).count() == 0
    already_read_at = already.read_at
    already.refresh_from_db()
    assert already.read_at == already_read_at
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_retry_makes_a_dead_message_due_now_and_keeps_its_history(django_capture_on_commit_callbacks):
    admin = staff(Role.SYSADMIN, "ADM")
    message = OutboxMessageFactory(
        status=OutboxMessage.Status.DEAD,
        attempts=8,
        last_error="SMTPException: boom",
        next_attempt_at=timezone.now() - timezone.timedelta(days=2),
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        retried = outbox_retry(actor=admin, message_id=message.pk)
    assert (retried.status, retried.attempts, retried.retry_requested_by_id) == ("PENDING", 8, admin.pk)
    assert retried.next_attempt_at <= timezone.now()
    assert len(callbacks) == 1  # delivery is woken after the commit


def test_retry_refuses_a_sent_message_and_hides_from_non_administrators():
    message = OutboxMessageFactory(status=OutboxMessage.Status.SENT, sent_at=timezone.now(), attempts=1)
    with pytest.raises(Conflict):
        outbox_retry(actor=staff(Role.SYSADMIN, "ADM"), message_id=message.pk)
    dead = OutboxMessageFactory(status=OutboxMessage.Status.DEAD, attempts=8)
    with pytest.raises(NotFound):
        outbox_retry(actor=staff(Role.SECTION_CHIEF, "LS"), message_id=dead.pk)
    dead.refresh_from_db()
    assert (dead.status, dead.retry_requested_by_id) == ("DEAD", None)
