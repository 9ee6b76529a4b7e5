"""Reads of the registries sub-app, scoped by the reader."""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from laborbureau.cases.access import cases_readable_by
from laborbureau.core.models import User, UserKind
from laborbureau.inspection.accidents import selectors as accident_selectors
from laborbureau.inspection.registries.models import (
    EXPIRY_REMINDER_DAYS,
    PUBLIC_KINDS,
    Compilation,
    CompilationEntry,
    Decision,
    IssueStatus,
    MonitoredWork,
    NewsletterIssue,
    Registration,
    TrainingUnitAudit,
)

is_lio_staff = accident_selectors.is_lio_staff


def registrations_readable_by(user: User) -> QuerySet:
    """Staff of the office: every application; an employer account: its own."""
    queryset = Registration.objects.select_related("case", "employer", "district").order_by("-case__opened_at")
    if user.kind == UserKind.EMPLOYER:
        return queryset.filter(employer_id=user.employer_id) if user.employer_id else queryset.none()
    return queryset.filter(case__in=cases_readable_by(user))


def registration_list(user: User, *, kind: str = "", status: str = "") -> QuerySet:
    queryset = registrations_readable_by(user)
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(case__status=status)
    return queryset


def registrations_expiring(user: User, *, on: date | None = None) -> QuerySet:
    """The registrations in force that `user` may read whose validity ends within the
    longest reminder lead time (EXPIRY_REMINDER_DAYS), soonest first, with the reminder
    sent (expiry_reminder_days, expiry_reminded_at). Revoked ones and those awaiting their
    revocation's sign-off are left out, as the sweep leaves them."""
    on = on or timezone.localdate()
    return (registrations_readable_by(user)
            .filter(decision=Decision.APPROVED, revoked_on__isnull=True, case__status="APPROVED",
                    valid_from__lte=on, valid_until__gte=on,
                    valid_until__lte=on + timedelta(days=EXPIRY_REMINDER_DAYS[0]))
            .order_by("valid_until", "pk"))


def registration_get(user: User, number: str) -> Registration | None:
    return registrations_readable_by(user).filter(case__number=number[:20]).first()


def public_registrations(*, kind: str = "", district: str = "") -> QuerySet:
    """The registrations in force today, for the public list: name, address, district,
    validity. Never the safety personnel (a person's registration is personal data)."""
    today = timezone.localdate()
    queryset = (Registration.objects.filter(kind__in=PUBLIC_KINDS, decision=Decision.APPROVED, revoked_on__isnull=True,
                                            valid_from__lte=today)
                .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
                .select_related("district").order_by("kind", "name", "pk"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if district:
        queryset = queryset.filter(district__zip3=district)
    return queryset


def audits_upcoming() -> QuerySet:
    return (TrainingUnitAudit.objects.select_related("registration__case", "inspector")
            .order_by("result", "scheduled_on", "pk")[:200])


def audit_get(pk: int) -> TrainingUnitAudit | None:
    return TrainingUnitAudit.objects.select_related("registration__case", "registration__employer").filter(pk=pk).first()


def monitored_works() -> QuerySet:
    return MonitoredWork.objects.select_related("district", "employer").annotate(check_count=Count("checks"))


def monitored_work_get(pk: int) -> MonitoredWork | None:
    return MonitoredWork.objects.select_related("district", "employer").filter(pk=pk).first()


def compilation_candidates(year: int) -> list[dict]:
    """The year's closed serious accidents, each with its editorial entry if written."""
    entries = {entry.case_number: entry for entry in CompilationEntry.objects.filter(year=year)}
    rows = accident_selectors.closed_serious_cases(year)
    for row in rows:
        row["entry"] = entries.get(row["case_number"])
    return rows


def compilations(year: int | None = None) -> QuerySet:
    queryset = Compilation.objects.all()
    return queryset.filter(year=year) if year else queryset


def newsletter_issues_sent() -> QuerySet:
    return NewsletterIssue.objects.filter(status=IssueStatus.SENT).order_by("-month")


def newsletter_issues_all() -> QuerySet:
    return NewsletterIssue.objects.annotate(delivered=Count("deliveries")).order_by("-month")
