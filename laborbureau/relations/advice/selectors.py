"""Reads of the advice desk, scoped by who asks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from laborbureau.core.models import User, UserKind
from laborbureau.relations.advice import policy, services
from laborbureau.relations.advice.models import (
    ACTIVE_BOOKING,
    AdviceBooking,
    AdviceSlot,
    AdviceTopic,
    Adviser,
    BookingStatus,
    SlotStatus,
)


def open_slots(
    *, date_from: date | None = None, date_to: date | None = None, topic: str = "", language: str = "",
    mode: str = "", now: datetime | None = None,
) -> QuerySet:
    """Slots a citizen can still book (public: no personal data)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    date_from = max(date_from or today, today)
    date_to = date_to or today + timedelta(days=policy.BOOKING_HORIZON_DAYS)
    taken = AdviceBooking.objects.filter(slot=OuterRef("pk"), status__in=ACTIVE_BOOKING)
    queryset = (
        AdviceSlot.objects.filter(status=SlotStatus.OPEN, date__range=(date_from, date_to), adviser__active=True)
        .exclude(Exists(taken))
        .select_related("adviser")
        .order_by("date", "start_time", "pk")
    )
    # Not within the booking lead time of the start (policy.can_book).
    lead = timezone.localtime(now + timedelta(minutes=policy.BOOKING_LEAD_MINUTES))
    queryset = queryset.exclude(date__lt=lead.date()).exclude(date=lead.date(), start_time__lt=lead.time())
    if mode:
        queryset = queryset.filter(mode=mode)
    slots = queryset
    # Topics and languages are JSON lists, which SQLite and PostgreSQL query
    # differently: match them here and filter by id (two queries).
    if topic or language:
        wanted = []
        for slot in slots:
            adviser = slot.adviser
            if topic and adviser.topics and topic not in adviser.topics:
                continue
            if language and language not in adviser.languages:
                continue
            wanted.append(slot.pk)
        slots = queryset.filter(pk__in=wanted)
    return slots


def slot_calendar(*, user: User, date_from: date, date_to: date) -> QuerySet:
    """Every slot in the range with its active booking (staff)."""
    if not services.can_read(user):
        return AdviceSlot.objects.none()
    return (
        AdviceSlot.objects.filter(date__range=(date_from, date_to))
        .select_related("adviser")
        .prefetch_related("bookings__person")
        .order_by("date", "start_time", "adviser__name")
    )


def active_booking(slot: AdviceSlot) -> AdviceBooking | None:
    for booking in slot.bookings.all():
        if booking.status in ACTIVE_BOOKING:
            return booking
    return None


def bookings_for(*, user: User, date_from: date | None = None, date_to: date | None = None, status: str = "") -> QuerySet:
    """Staff: all bookings; an adviser: those in their slots; a citizen: their own."""
    queryset = AdviceBooking.objects.select_related("slot__adviser", "person").order_by(
        "slot_date", "slot__start_time", "pk"
    )
    if services.can_read(user):
        pass
    elif user.is_authenticated and user.kind == UserKind.CITIZEN:
        adviser = services.adviser_of(user)
        condition = Q(person_id=user.person_id) if user.person_id else Q(pk__in=[])
        if adviser is not None:
            condition |= Q(slot__adviser=adviser)
        queryset = queryset.filter(condition)
    else:
        return queryset.none()
    if date_from:
        queryset = queryset.filter(slot_date__gte=date_from)
    if date_to:
        queryset = queryset.filter(slot_date__lte=date_to)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def my_bookings(user: User) -> QuerySet:
    if not user.is_authenticated or not user.person_id:
        return AdviceBooking.objects.none()
    return (
        AdviceBooking.objects.filter(person_id=user.person_id)
        .select_related("slot__adviser")
        .order_by("-slot_date", "-slot__start_time")
    )


def adviser_day(*, user: User, day: date) -> QuerySet:
    adviser = services.adviser_of(user)
    if adviser is None:
        return AdviceBooking.objects.none()
    return (
        AdviceBooking.objects.filter(slot__adviser=adviser, slot_date=day)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("slot", "person")
        .prefetch_related("documents")
        .order_by("slot__start_time")
    )


def booking_get(*, user: User, pk: int) -> AdviceBooking | None:
    """A booking the user may read (None otherwise: answer 404)."""
    return bookings_for(user=user).prefetch_related("documents").filter(pk=pk).first()


@dataclass(frozen=True)
class NoShowRow:
    person_id: int
    name: str
    masked_id: str
    no_shows: int
    last: date
    blocked_until: date | None


def no_show_list(*, user: User, today: date | None = None) -> list[NoShowRow]:
    """People with no-shows in the policy window, and whether they are blocked."""
    if not services.can_read(user):
        return []
    today = today or timezone.localdate()
    since = today - timedelta(days=policy.NO_SHOW_WINDOW_DAYS + policy.BLOCK_DAYS)
    rows = AdviceBooking.objects.filter(status=BookingStatus.NO_SHOW, slot_date__gte=since).select_related("person")
    by_person: dict[int, list] = {}
    people = {}
    for booking in rows:
        by_person.setdefault(booking.person_id, []).append(booking.slot_date)
        people[booking.person_id] = booking.person
    result = []
    for person_id, dates in by_person.items():
        block = policy.booking_block(dates, today)
        person = people[person_id]
        result.append(NoShowRow(person_id, person.name, person.masked_id, len(dates), max(dates),
                                block.until if block else None))
    return sorted(result, key=lambda row: (row.blocked_until is None, -row.no_shows, row.name))


@dataclass(frozen=True)
class MonthFigures:
    month: int
    slots: int
    booked: int
    attended: int
    no_show: int
    cancelled: int

    @property
    def take_up(self) -> int:
        """Per cent of published slots that held a booking."""
        return round(100 * self.booked / self.slots) if self.slots else 0


def monthly_figures(*, user: User, year: int) -> tuple[list[MonthFigures], list[tuple[str, int]]]:
    """Per month of `year`: slots published, bookings by outcome; and the advice
    given per topic over the year. Three queries whatever the volume."""
    if not services.can_read(user):
        return [], []
    slots = dict(
        AdviceSlot.objects.filter(date__year=year).values_list("date__month").annotate(n=Count("pk")).values_list(
            "date__month", "n"
        )
    )
    counts = Counter()
    for month, status, n in (
        AdviceBooking.objects.filter(slot_date__year=year)
        .values_list("slot_date__month", "status")
        .annotate(n=Count("pk"))
        .values_list("slot_date__month", "status", "n")
    ):
        counts[(month, status)] += n
    months = []
    for month in range(1, 13):
        attended = counts[(month, BookingStatus.ATTENDED)]
        no_show = counts[(month, BookingStatus.NO_SHOW)]
        booked = counts[(month, BookingStatus.BOOKED)] + attended + no_show
        months.append(MonthFigures(month, slots.get(month, 0), booked, attended, no_show,
                                   counts[(month, BookingStatus.CANCELLED)]))
    labels = dict(AdviceTopic.choices)
    topics = [
        (labels.get(topic, topic), n)
        for topic, n in AdviceBooking.objects.filter(slot_date__year=year, status=BookingStatus.ATTENDED)
        .values_list("topic")
        .annotate(n=Count("pk"))
        .order_by("-n", "topic")
        .values_list("topic", "n")
    ]
    return months, topics


def advisers(*, user: User) -> QuerySet:
    if not services.can_read(user):
        return Adviser.objects.none()
    return Adviser.objects.select_related("account").order_by("-active", "name")
