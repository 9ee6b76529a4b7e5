"""outbox_write: rows commit and roll back with the event that writes them."""

import pytest
from django.db import transaction

from laborbureau.core.models import Person
from laborbureau.core.tests.factories import PersonFactory, UserFactory
from laborbureau.notify.models import Channel, Notification, OutboxMessage
from laborbureau.notify.services import outbox_write

pytestmark = pytest.mark.django_db(transaction=True)


def test_outbox_rows_commit_with_the_event_and_are_delivered_after_commit(mailoutbox):
    # given a user with an e-mail address
    user = UserFactory(email="worker@example.tw")
    # when an event and its notice are written in one transaction
    with transaction.atomic():
        person = PersonFactory(name="林大同")
        rows = outbox_write(recipient=user, subject_zh="收件通知", subject_en="Received", link="/portal/")
    # then both rows exist, one per channel, and the commit woke delivery (immediate backend)
    assert Person.objects.filter(pk=person.pk).exists()
    assert sorted(row.channel for row in rows) == [Channel.EMAIL, Channel.IN_APP]
    assert sorted(OutboxMessage.objects.values_list("channel", "status")) == [
        ("email", "SENT"),
        ("in_app", "SENT"),
    ]
    assert Notification.objects.get(recipient=user).subject_zh == "收件通知"
    assert [message.to for message in mailoutbox] == [["worker@example.tw"]]


def test_outbox_rows_vanish_when_the_event_transaction_raises(mailoutbox):
    user = UserFactory(email="worker@example.tw")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            PersonFactory(name="林大同")
            outbox_write(recipient=user, subject_zh="收件通知")
            raise RuntimeError("the event failed")
    assert OutboxMessage.objects.count() == 0
    assert Person.objects.count() == 0
    assert Notification.objects.count() == 0
    assert mailoutbox == []


def test_one_delivery_task_per_transaction_however_many_rows(monkeypatch):
    from django.db import transaction

    from laborbureau.core.tests.factories import UserFactory
    from laborbureau.notify import services

    kicks = []
    monkeypatch.setattr(services, "_kick_delivery", lambda: kicks.append(1))
    users = [UserFactory() for _ in range(3)]
    with transaction.atomic():
        for user in users:
            services.outbox_write(recipient=user, subject_zh="通知")
    assert kicks == [1]
