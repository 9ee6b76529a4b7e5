"""Two workers never deliver the same row: while one holds a row's lock, another
skips it (PostgreSQL; SQLite serialises writers instead, so this runs on PostgreSQL)."""

import threading

import pytest
from django.db import connection, transaction

from laborbureau.notify.delivery import deliver_one
from laborbureau.notify.models import Notification, OutboxMessage
from laborbureau.notify.tests.factories import OutboxMessageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks with SKIP LOCKED need PostgreSQL"),
]


def test_a_row_locked_by_one_worker_is_skipped_by_another():
    message = OutboxMessageFactory()
    locked = threading.Event()
    release = threading.Event()
    results = {}

    def first_worker():
        try:
            with transaction.atomic():
                OutboxMessage.objects.select_for_update().get(pk=message.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    def second_worker():
        try:
            results["second"] = deliver_one(message.pk)
        finally:
            connection.close()

    holder = threading.Thread(target=first_worker)
    holder.start()
    assert locked.wait(10)
    other = threading.Thread(target=second_worker)
    other.start()
    other.join(10)
    release.set()
    holder.join(10)

    assert results == {"second": 0}  # skipped at once, not blocked, not delivered
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("PENDING", 0)
    assert Notification.objects.count() == 0
    assert deliver_one(message.pk) == 1  # once the lock is gone, it goes
