"""The advice desk through its services: publishing, booking, cancelling, outcomes,
the no-show policy and the periodic sweep."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import PersonFactory, citizen, employer_user, staff
from laborbureau.notify import scheduler
from laborbureau.notify.models import OutboxMessage
from laborbureau.relations.advice import services
from laborbureau.relations.advice.models import AdviceBooking, AdviceSlot, BookingDocument
from laborbureau.relations.advice.tests.factories import adviser, lr_officer, move_to_past, slot
from laborbureau.rules import working_days

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 test"


def ask(**overrides) -> services.BookingInput:
    values = {"topic": "DISMISSAL", "question": "公司口頭解僱，未給資遣費，怎麼辦？"}
    values.update(overrides)
    return services.BookingInput(**values)


@pytest.fixture
def officer():
    return lr_officer()


@pytest.fixture
def worker():
    return citizen()


# --- publishing -----------------------------------------------------------------------


def _next_monday_range(weeks: int = 4) -> tuple[date, date]:
    start = timezone.localdate() + timedelta(days=1)
    return start, start + timedelta(days=7 * weeks - 1)


def test_publish_creates_the_weekly_pattern_on_working_days_only(officer):
    who = adviser()
    start, end = _next_monday_range()
    result = services.slots_publish(
        actor=officer, adviser=who, date_from=start, date_to=end, weekdays=[1, 3], start_times=["14:00", "14:40"],
        duration_minutes=30, mode="IN_PERSON", place="勞動局諮詢室",
    )
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    pattern = [d for d in days if d.weekday() in (1, 3)]
    working = [d for d in pattern if working_days.is_working_day(d)]
    assert len(result.created) == 2 * len(working)
    assert len(result.skipped) == 2 * (len(pattern) - len(working))
    assert AdviceSlot.objects.count() == len(result.created)
    assert {(s.start_time, s.end_time) for s in AdviceSlot.objects.all()} == {
        (time(14, 0), time(14, 30)), (time(14, 40), time(15, 10))}


def test_publish_skips_a_time_the_adviser_already_has(officer):
    who = adviser()
    start, end = _next_monday_range(1)
    first = services.slots_publish(actor=officer, adviser=who, date_from=start, date_to=end, weekdays=list(range(7)),
                                   start_times=["14:00"], duration_minutes=30, mode="PHONE", place="電話")
    again = services.slots_publish(actor=officer, adviser=who, date_from=start, date_to=end, weekdays=list(range(7)),
                                   start_times=["14:15"], duration_minutes=30, mode="PHONE", place="電話")
    assert again.created == []
    assert len(again.skipped) == len(first.created) + len([s for s in first.skipped])
    assert AdviceSlot.objects.count() == len(first.created)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_times": ["25:00"]}, "start_times"),
        ({"start_times": ["14:00", "14:10"]}, "start_times"),
        ({"weekdays": []}, "weekdays"),
        ({"weekdays": [7]}, "weekdays"),
        ({"duration_minutes": 5}, "duration_minutes"),
        ({"mode": "TELEPATHY"}, "mode"),
        ({"place": " "}, "place"),
        ({"date_from": date(2020, 1, 1)}, "date_from"),
    ],
)
def test_publish_refusals_name_the_field_and_write_nothing(officer, changes, field):
    start, end = _next_monday_range(1)
    values = {"date_from": start, "date_to": end, "weekdays": [1], "start_times": ["14:00"], "duration_minutes": 30,
              "mode": "IN_PERSON", "place": "諮詢室"}
    values.update(changes)
    with pytest.raises(ApplicationError) as error:
        services.slots_publish(actor=officer, adviser=adviser(), **values)
    assert error.value.field == field
    assert AdviceSlot.objects.count() == 0


def test_only_the_labor_relations_section_publishes():
    start, end = _next_monday_range(1)
    for user in (staff(Role.CASE_OFFICER, "LS"), staff(Role.AUDITOR, "ADM"), citizen()):
        with pytest.raises(Forbidden):
            services.slots_publish(actor=user, adviser=adviser(), date_from=start, date_to=end, weekdays=[1],
                                   start_times=["14:00"], duration_minutes=30, mode="IN_PERSON", place="諮詢室")
    assert AdviceSlot.objects.count() == 0


# --- booking ------------------------------------------------------------------------------


def test_a_citizen_books_a_slot_with_a_document_and_is_told(worker):
    target = slot()
    booking = services.booking_create(
        actor=worker, slot=target, data=ask(attachments=[("契約.pdf", PDF)]),
    )
    assert (booking.person, booking.slot_date, booking.status, booking.channel) == (
        worker.person, target.date, "BOOKED", "portal")
    document = BookingDocument.objects.get()
    assert (document.original_name, document.content_type, document.size) == ("契約.pdf", "application/pdf", len(PDF))
    notice = OutboxMessage.objects.get(recipient=worker, channel="in_app")
    assert notice.subject_zh.startswith("法律諮詢預約成功")


def test_a_taken_slot_answers_conflict_and_nothing_is_written(worker):
    target = slot()
    services.booking_create(actor=worker, slot=target, data=ask())
    other = citizen()
    with pytest.raises(Conflict):
        services.booking_create(actor=other, slot=target, data=ask())
    assert AdviceBooking.objects.count() == 1
    assert not OutboxMessage.objects.filter(recipient=other).exists()


def test_one_booking_per_person_per_day(worker):
    who = adviser()
    first = slot(who=who, start=time(14, 0))
    second = slot(who=who, start=time(15, 0))
    services.booking_create(actor=worker, slot=first, data=ask())
    with pytest.raises(ApplicationError) as error:
        services.booking_create(actor=worker, slot=second, data=ask())
    assert error.value.code == "duplicate"
    assert AdviceBooking.objects.count() == 1


def test_a_bad_file_refuses_the_whole_booking(worker):
    target = slot()
    with pytest.raises(ApplicationError) as error:
        services.booking_create(actor=worker, slot=target, data=ask(attachments=[("x.exe", b"MZ\x90\x00")]))
    assert error.value.field == "attachments"
    assert AdviceBooking.objects.count() == 0
    assert BookingDocument.objects.count() == 0


def test_a_phone_slot_needs_a_phone_number():
    person = PersonFactory(phone="")
    user = citizen(person)
    with pytest.raises(ApplicationError) as error:
        services.booking_create(actor=user, slot=slot(mode="PHONE"), data=ask())
    assert error.value.field == "phone"
    assert AdviceBooking.objects.count() == 0


def test_employers_cannot_book_and_an_officer_books_by_phone_for_a_person(officer):
    with pytest.raises(Forbidden):
        services.booking_create(actor=employer_user(), slot=slot(), data=ask())
    person = PersonFactory()
    booking = services.booking_create(actor=officer, slot=slot(), data=ask(), person=person, channel="phone")
    assert (booking.person, booking.channel, booking.booked_by) == (person, "phone", officer)


# --- cancelling ---------------------------------------------------------------------------


def test_the_citizen_cancels_and_the_slot_is_free_again(worker):
    target = slot()
    booking = services.booking_create(actor=worker, slot=target, data=ask())
    services.booking_cancel(actor=worker, booking=booking, reason="臨時有事")
    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_by, booking.cancel_reason) == ("CANCELLED", worker, "臨時有事")
    again = services.booking_create(actor=citizen(), slot=target, data=ask())
    assert again.status == "BOOKED"


def test_no_online_cancellation_within_three_hours(worker, monkeypatch):
    # A fixed "now" (a Tuesday, 10:00 in Taipei) so that the slot two hours later is the
    # same day whatever the hour the suite runs at.
    fixed = timezone.make_aware(datetime(2026, 12, 1, 10, 0))
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    target = slot(day=fixed.date(), start=time(12, 0), minutes=30)
    booking = services.booking_create(actor=worker, slot=target, data=ask())
    with pytest.raises(ApplicationError):
        services.booking_cancel(actor=worker, booking=booking)
    assert AdviceBooking.objects.get().status == "BOOKED"


def test_someone_else_cannot_cancel(worker):
    booking = services.booking_create(actor=worker, slot=slot(), data=ask())
    with pytest.raises(Forbidden):
        services.booking_cancel(actor=citizen(), booking=booking)
    assert AdviceBooking.objects.get().status == "BOOKED"


# --- outcomes and the no-show policy --------------------------------------------------


def test_the_adviser_records_the_advice_and_the_citizen_learns_only_that_it_happened(worker):
    account = citizen()
    who = adviser(account=account)
    target = slot(who=who)
    booking = services.booking_create(actor=worker, slot=target, data=ask())
    with pytest.raises(ApplicationError):  # not started yet
        services.booking_outcome_record(actor=account, booking=booking, outcome="ATTENDED", note="說明資遣費")
    move_to_past(target)
    with pytest.raises(ApplicationError) as error:
        services.booking_outcome_record(actor=account, booking=booking, outcome="ATTENDED", note="")
    assert error.value.field == "note"
    services.booking_outcome_record(actor=account, booking=booking, outcome="ATTENDED", note="說明資遣費計算與調解程序")
    booking.refresh_from_db()
    assert (booking.status, booking.note, booking.outcome_recorded_by) == ("ATTENDED", "說明資遣費計算與調解程序", account)
    told = OutboxMessage.objects.filter(recipient=worker, channel="in_app").order_by("pk").last()
    assert "資遣費計算" not in told.subject_zh + told.body_zh


def test_another_adviser_cannot_record(worker):
    target = slot(who=adviser(account=citizen()))
    booking = services.booking_create(actor=worker, slot=target, data=ask())
    move_to_past(target)
    stranger = citizen()
    adviser(account=stranger, name="另一位律師")
    with pytest.raises(Forbidden):
        services.booking_outcome_record(actor=stranger, booking=booking, outcome="NO_SHOW")
    assert AdviceBooking.objects.get().status == "BOOKED"


def test_two_no_shows_block_online_booking_but_not_an_officer(worker, officer):
    for days_ago in (20, 5):
        target = slot()
        booking = services.booking_create(actor=worker, slot=target, data=ask())
        move_to_past(target, days=days_ago)
        services.booking_outcome_record(actor=officer, booking=booking, outcome="NO_SHOW")
    with pytest.raises(ApplicationError) as error:
        services.booking_create(actor=worker, slot=slot(), data=ask())
    assert error.value.code == "blocked"
    assert AdviceBooking.objects.filter(status="BOOKED").count() == 0
    booking = services.booking_create(actor=officer, slot=slot(), data=ask(), person=worker.person)
    assert booking.status == "BOOKED"


# --- the sweep ------------------------------------------------------------------------------


def test_reminders_go_once_to_tomorrows_bookings(worker):
    tomorrow = slot(day=timezone.localdate() + timedelta(days=1), start=time(23, 0))
    later = slot(day=timezone.localdate() + timedelta(days=2))
    services.booking_create(actor=worker, slot=tomorrow, data=ask())
    services.booking_create(actor=citizen(), slot=later, data=ask())
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    reminders = OutboxMessage.objects.filter(subject_zh__startswith="提醒：明天", channel="in_app")
    assert [m.recipient for m in reminders] == [worker]


def test_untaken_slots_close_when_they_start_and_booked_ones_stay(worker):
    taken = slot()
    services.booking_create(actor=worker, slot=taken, data=ask())
    move_to_past(taken)
    empty = slot()
    move_to_past(empty, days=1)
    future = slot()
    assert services.slots_close_untaken() == 1
    assert AdviceSlot.objects.get(pk=empty.pk).status == "CLOSED"
    assert AdviceSlot.objects.get(pk=taken.pk).status == "OPEN"
    assert AdviceSlot.objects.get(pk=future.pk).status == "OPEN"


def test_the_sweep_is_registered():
    assert "advice.sweep" in {periodic.name for periodic in scheduler.registered()}
