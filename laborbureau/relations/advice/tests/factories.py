"""Test helpers of the advice desk: advisers and slots made directly (the services
refuse slots in the past, which the outcome tests need)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import staff
from laborbureau.relations.advice.models import AdviceSlot, Adviser


def lr_officer(username: str | None = None):
    return staff(Role.CASE_OFFICER, "LR", username=username)


def adviser(**values) -> Adviser:
    defaults = {"kind": "LAWYER", "name": "林律師", "organisation": "TAIPEI_BAR", "languages": ["zh", "nan"],
                "topics": []}
    defaults.update(values)
    return Adviser.objects.create(**defaults)


def slot(*, day: date | None = None, start: time = time(14, 0), minutes: int = 30, who: Adviser | None = None,
         mode: str = "IN_PERSON", created_by=None) -> AdviceSlot:
    day = day or timezone.localdate() + timedelta(days=3)
    end = (datetime.combine(day, start) + timedelta(minutes=minutes)).time()
    return AdviceSlot.objects.create(
        adviser=who or adviser(), date=day, start_time=start, end_time=end, mode=mode, place="勞動局諮詢室",
        created_by=created_by or lr_officer(),
    )


def move_to_past(slot: AdviceSlot, days: int = 0) -> AdviceSlot:
    """Put a booked slot's start in the past (so the outcome can be recorded)."""
    day = timezone.localdate() - timedelta(days=days)
    AdviceSlot.objects.filter(pk=slot.pk).update(date=day, start_time=time(0, 0), end_time=time(0, 30))
    slot.bookings.update(slot_date=day)
    slot.refresh_from_db()
    return slot
