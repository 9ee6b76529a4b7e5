"""Two officers book the same mediator for the same time at once: the roster row lock
lets exactly one through (PostgreSQL, real concurrent transactions)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from laborbureau.core.errors import Conflict
from laborbureau.core.tests.factories import citizen
from laborbureau.relations.mediation import services
from laborbureau.relations.mediation.models import Meeting, MeetingRoom
from laborbureau.relations.mediation.tests.factories import assign, file_dispute, lr_officer, mediator

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)")
def test_two_simultaneous_bookings_of_one_mediator_leave_one_meeting():
    officer = lr_officer()
    mediator_user = mediator()
    rooms = [MeetingRoom.objects.get_or_create(name=name)[0] for name in ("甲室", "乙室")]
    disputes = [assign(file_dispute(citizen()), officer, mediator_user) for _ in range(2)]
    starts_at = services.slot_proposals(disputes[0])[0].starts_at
    barrier = threading.Barrier(2)
    outcomes = []

    def book(dispute, room, shift):
        # Overlapping, not identical, starts: only the lock (not the unique constraint) stops the second.
        try:
            barrier.wait()
            services.meeting_schedule(case=dispute.case, actor=officer, starts_at=starts_at + shift, room_id=room.pk)
            outcomes.append("booked")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    shifts = (timedelta(0), timedelta(minutes=30))
    threads = [threading.Thread(target=book, args=args) for args in zip(disputes, rooms, shifts, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "conflict"]
    assert Meeting.objects.filter(mediator=mediator_user, status="SCHEDULED").count() == 1
