"""Reads of the hazardous-workplace pages: construction projects, machinery certificates
(with those expiring soon) and the 丁類 reviews, scoped to the Labor Inspection Office (LIO)
and the director; an employer reads its own."""

from datetime import date, timedelta

from django.db.models import QuerySet

from laborbureau.core.models import Role, User, UserKind
from laborbureau.inspection.hazardous.models import TypeDReview
from laborbureau.inspection.hazardous.workflows import UNIT
from laborbureau.inspection.inspections.models import ConstructionProject, MachineryCertificate

EXPIRING_DAYS = 60


def is_lio_staff(user: User) -> bool:
    return user.is_authenticated and user.kind == UserKind.STAFF and (
        user.role == Role.DIRECTOR or (user.unit_id is not None and user.unit.code == UNIT))


def construction_projects(user: User, *, q: str = "", type_d: bool | None = None) -> QuerySet:
    if not is_lio_staff(user):
        return ConstructionProject.objects.none()
    queryset = ConstructionProject.objects.select_related("establishment__employer").order_by("-starts_on", "-pk")
    if q:
        queryset = queryset.filter(name__icontains=q)
    if type_d is not None:
        queryset = queryset.filter(type_d=type_d)
    return queryset


def construction_project_get(user: User, pk: int) -> ConstructionProject | None:
    return construction_projects(user).filter(pk=pk).first()


def employer_projects(user: User) -> QuerySet:
    """The employer's own projects still under way (for the application form)."""
    if user.kind != UserKind.EMPLOYER or not user.employer_id:
        return ConstructionProject.objects.none()
    return (ConstructionProject.objects.filter(establishment__employer_id=user.employer_id)
            .select_related("establishment").order_by("-starts_on"))


def machinery_certificates(user: User, *, on: date, expiring: bool = False, employer_id: int | None = None) -> QuerySet:
    """Certificates, soonest expiry first; `expiring`: still valid on `on` and ending
    within EXPIRING_DAYS (the officer's reminder list)."""
    if not is_lio_staff(user):
        return MachineryCertificate.objects.none()
    queryset = MachineryCertificate.objects.select_related("employer", "establishment").order_by("valid_until", "pk")
    if expiring:
        queryset = queryset.filter(valid_until__gte=on, valid_until__lte=on + timedelta(days=EXPIRING_DAYS))
    if employer_id:
        queryset = queryset.filter(employer_id=employer_id)
    return queryset


def machinery_certificate_get(user: User, pk: int) -> MachineryCertificate | None:
    return MachineryCertificate.objects.filter(pk=pk).select_related("employer", "establishment").first() \
        if is_lio_staff(user) else None


def reviews(user: User, *, status: str = "") -> QuerySet:
    queryset = TypeDReview.objects.select_related("case", "employer", "establishment", "project", "inspector") \
        .order_by("-submitted_at")
    if user.kind == UserKind.EMPLOYER and user.employer_id:
        queryset = queryset.filter(employer_id=user.employer_id)
    elif not is_lio_staff(user):
        return TypeDReview.objects.none()
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def review_get(user: User, number: str) -> TypeDReview | None:
    return reviews(user).filter(case__number=number).first()
