"""Delivery: in-app notice and e-mail, retries with back-off, DEAD, at most once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from laborbureau.notify import delivery
from laborbureau.notify.delivery import backoff, deliver_due, deliver_one
from laborbureau.notify.models import Channel, Notification, OutboxMessage
from laborbureau.notify.tests.factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db

FAILING = "laborbureau.notify.tests.failing_backend.FailingForSomeBackend"


def _at(moment):
    """Run delivery as if the clock read `moment`."""
    return mock.patch.object(delivery.timezone, "now", return_value=moment)


def test_in_app_delivery_creates_the_notice_with_the_case_link(mailoutbox):
    message = OutboxMessageFactory(subject_zh="案件已受理", body_zh="請靜候通知。", link="/portal/cases/1/", case_id=42)
    assert deliver_due() == 1
    notice = Notification.objects.get()
    assert (notice.recipient_id, notice.subject_zh, notice.body_zh, notice.link, notice.case_id, notice.outbox_id) == (
        message.recipient_id,
        "案件已受理",
        "請靜候通知。",
        "/portal/cases/1/",
        42,
        message.pk,
    )
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("SENT", 1, "")
    assert message.sent_at is not None
    assert mailoutbox == []


def test_e_mail_delivery_sends_both_languages_and_the_full_link(mailoutbox, settings):
    settings.PUBLIC_BASE_URL = "https://labor.gov.taipei"
    OutboxMessageFactory(
        channel=Channel.EMAIL,
        recipient=None,
        email="worker@example.tw",
        subject_zh="案件進度",
        subject_en="Case update",
        body_zh="已排定調解。",
        body_en="Mediation is scheduled.",
        link="/portal/cases/1/",
    )
    assert deliver_due() == 1
    [mail] = mailoutbox
    assert mail.to == ["worker@example.tw"]
    assert mail.subject == "案件進度 / Case update"
    assert mail.body == "已排定調解。\n\nMediation is scheduled.\n\nhttps://labor.gov.taipei/portal/cases/1/"
    assert Notification.objects.count() == 0


def test_a_failing_e_mail_backend_leads_to_back_off_then_dead(mailoutbox, settings):
    settings.EMAIL_BACKEND = FAILING
    settings.NOTIFY_MAX_ATTEMPTS = 3
    start = timezone.now()
    message = OutboxMessageFactory(channel=Channel.EMAIL, recipient=None, email="x@fail.example", next_attempt_at=start)

    with _at(start):
        assert deliver_one(message.pk) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("PENDING", 1)
    assert message.next_attempt_at == start + timedelta(seconds=30)
    assert message.last_error == "ConnectionRefusedError: SMTP server refused the connection"

    with _at(start + timedelta(seconds=29)):  # not due yet: nothing happens
        assert deliver_due() == 0
    message.refresh_from_db()
    assert message.attempts == 1

    second = start + timedelta(seconds=30)
    with _at(second):
        assert deliver_one(message.pk) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (
        "PENDING",
        2,
        second + timedelta(seconds=60),
    )

    with _at(second + timedelta(seconds=60)):
        assert deliver_one(message.pk) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("DEAD", 3)
    assert mailoutbox == []

    with _at(second + timedelta(days=30)):  # a DEAD row is kept, never retried by itself
        assert deliver_due() == 0
    assert OutboxMessage.objects.filter(pk=message.pk, status="DEAD").count() == 1


def test_back_off_doubles_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4, 10, 20)] == [30, 60, 120, 240, 15360, 21600]


def test_one_failing_message_does_not_block_the_others(mailoutbox, settings):
    settings.EMAIL_BACKEND = FAILING
    bad = OutboxMessageFactory(channel=Channel.EMAIL, recipient=None, email="x@fail.example")
    good = OutboxMessageFactory(channel=Channel.EMAIL, recipient=None, email="ok@example.tw")
    assert deliver_due() == 1
    bad.refresh_from_db()
    good.refresh_from_db()
    assert (bad.status, bad.attempts, good.status) == ("PENDING", 1, "SENT")
    assert [mail.to for mail in mailoutbox] == [["ok@example.tw"]]


def test_an_unexpected_error_on_one_row_is_logged_and_the_next_row_still_goes(mailoutbox):
    first = OutboxMessageFactory()
    OutboxMessageFactory()
    real = delivery.deliver_one

    def flaky(message_id):
        if message_id == first.pk:
            raise RuntimeError("database hiccup")
        return real(message_id)

    with mock.patch.object(delivery, "deliver_one", side_effect=flaky):
        assert deliver_due() == 1
    assert list(OutboxMessage.objects.order_by("pk").values_list("status", flat=True)) == ["PENDING", "SENT"]


def test_a_row_is_delivered_once_even_if_deliver_one_is_called_twice(mailoutbox):
    in_app = OutboxMessageFactory()
    email = OutboxMessageFactory(channel=Channel.EMAIL, recipient=None, email="worker@example.tw")
    assert [deliver_one(in_app.pk), deliver_one(in_app.pk)] == [1, 0]
    assert [deliver_one(email.pk), deliver_one(email.pk)] == [1, 0]
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1
    assert list(OutboxMessage.objects.values_list("attempts", flat=True)) == [1, 1]


def test_a_failed_in_app_delivery_leaves_no_half_written_notice():
    message = OutboxMessageFactory()
    with mock.patch.object(Notification.objects, "get_or_create", side_effect=ValueError("bad row")):
        assert deliver_one(message.pk) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("PENDING", 1, "ValueError: bad row")
    assert Notification.objects.count() == 0
