"""Reads of unemployment certification, scoped by who asks. Staff of the Employment
Services Office (and the director, the auditor, a grant) read every claim; a citizen only
their own. Callers log reads of personal data (core.services.access_log_record)."""

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from laborbureau.core.models import User, UserKind
from laborbureau.employment.certification import services
from laborbureau.employment.certification.models import (
    Certification,
    CertificationDate,
    DateStatus,
    Event,
    EventRegistration,
    EventStatus,
    JobSearchRecord,
    Offer,
)


def certifications_readable_by(user: User) -> QuerySet:
    if services.can_read(user):
        return Certification.objects.all()
    if user.is_authenticated and user.kind == UserKind.CITIZEN and user.person_id:
        return Certification.objects.filter(person_id=user.person_id)
    return Certification.objects.none()


def certification_get(user: User, pk: int) -> Certification | None:
    """One claim with its dates, records and offers (a fixed number of queries)."""
    return (certifications_readable_by(user).filter(pk=pk).select_related("person", "seeker")
            .prefetch_related(
                Prefetch("dates", queryset=CertificationDate.objects.order_by("month")),
                Prefetch("search_records", queryset=JobSearchRecord.objects.order_by("searched_on", "pk")),
                Prefetch("offers", queryset=Offer.objects.select_related("referral__vacancy__employer")),
            ).first())


def certification_list(*, user: User, status: str = "", name: str = "") -> QuerySet:
    queryset = certifications_readable_by(user).select_related("person")
    if status:
        queryset = queryset.filter(status=status)
    if name:
        queryset = queryset.filter(person__name__icontains=name.strip()[:40])
    return queryset.order_by("-created_at", "-pk")


def queue(*, user: User, today: date | None = None) -> QuerySet:
    """The counsellor's queue: dates due today or before and not yet recorded (overdue
    first), with the claim and the person, and the records waiting to be verified."""
    today = today or timezone.localdate()
    if not services.can_read(user):
        return CertificationDate.objects.none()
    return (CertificationDate.objects.filter(status=DateStatus.SCHEDULED, due_date__lte=today)
            .select_related("certification__person")
            .annotate(records_waiting=Count("certification__search_records",
                                            filter=Q(certification__search_records__date__isnull=True)))
            .order_by("due_date", "pk"))


def awaiting_intake(*, user: User) -> QuerySet:
    if not services.can_read(user):
        return Certification.objects.none()
    return Certification.objects.filter(status="SUBMITTED").select_related("person").order_by("created_at", "pk")


def upcoming_events(today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return (Event.objects.filter(status=EventStatus.OPEN, date__gte=today)
            .annotate(taken=Count("registrations", filter=Q(registrations__cancelled=False)))
            .order_by("date", "starts_at", "pk"))


def events_for_staff(user: User) -> QuerySet:
    if not services.can_read(user):
        return Event.objects.none()
    return (Event.objects.annotate(taken=Count("registrations", filter=Q(registrations__cancelled=False)),
                                   attended=Count("registrations", filter=Q(registrations__attended=True)))
            .order_by("-date", "-pk"))


def my_event_registrations(user: User) -> QuerySet:
    if not (user.is_authenticated and user.kind == UserKind.CITIZEN and user.person_id):
        return EventRegistration.objects.none()
    return EventRegistration.objects.filter(person_id=user.person_id).select_related("event").order_by("-event__date")
