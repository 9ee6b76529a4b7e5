"""Reads of the job bank, scoped by who asks.

`vacancy_search` is the public list. It is a plain filtered query for now; the search
backend of `laborbureau.search` (Chinese full text, ranking, facets) will replace its body,
keeping the signature: filters in, one page of vacancies and the total out.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from laborbureau.core.i18n import pick
from laborbureau.core.models import User, UserKind
from laborbureau.employment import services
from laborbureau.employment.models import (
    JobSeeker,
    Occupation,
    Referral,
    ReferralOutcome,
    SupportedGroup,
    Vacancy,
    VacancyStatus,
)

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class VacancyFilters:
    district: str = ""  # District code (8 digits) or postal code
    occupation: str = ""  # a sub-major (2 digits) or major group (1 digit)
    pay_unit: str = ""  # MONTHLY, HOURLY or any
    pay_min: int | None = None  # the pay offered reaches at least this
    hours: str = ""
    posted_within: int | None = None  # days
    employer_id: int | None = None


@dataclass
class VacancyPage:
    items: list[Vacancy]
    count: int
    page: int
    page_size: int
    extra: dict = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def open_vacancies(today: date | None = None) -> QuerySet:
    """Vacancies the public sees: published, active and not past the closing date (so an
    expired one leaves the list on the day after its closing date, sweep or no sweep)."""
    today = today or timezone.localdate()
    return Vacancy.objects.filter(status=VacancyStatus.ACTIVE, closing_date__gte=today, posted_at__isnull=False)


def _apply(queryset: QuerySet, filters: VacancyFilters) -> QuerySet:
    if filters.district:
        queryset = queryset.filter(Q(district_id=filters.district) | Q(district__zip3=filters.district))
    if filters.occupation:
        if len(filters.occupation) == 1:
            queryset = queryset.filter(occupation__parent_id=filters.occupation)
        else:
            queryset = queryset.filter(occupation_id=filters.occupation)
    if filters.pay_unit:
        queryset = queryset.filter(pay_unit=filters.pay_unit)
    if filters.pay_min is not None:
        queryset = queryset.alias(top=Coalesce("pay_max", "pay_min")).filter(top__gte=filters.pay_min)
    if filters.hours:
        queryset = queryset.filter(hours=filters.hours)
    if filters.posted_within:
        queryset = queryset.filter(posted_at__gte=timezone.now() - timedelta(days=filters.posted_within))
    if filters.employer_id:
        queryset = queryset.filter(employer_id=filters.employer_id)
    return queryset


def vacancy_search(*, filters: VacancyFilters, page: int = 1, page_size: int = PAGE_SIZE,
                   today: date | None = None) -> VacancyPage:
    """One page of open vacancies, newest first, and the total (two queries)."""
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    queryset = _apply(open_vacancies(today), filters)
    count = queryset.count()
    offset = (max(page, 1) - 1) * page_size
    items = list(
        queryset.select_related("employer", "district", "occupation").order_by("-posted_at", "-pk")[
            offset : offset + page_size
        ]
    )
    return VacancyPage(items=items, count=count, page=max(page, 1), page_size=page_size)


def vacancy_get_public(pk: int, user: User | None = None) -> Vacancy | None:
    """An open vacancy; or any of its own vacancies for its employer and the service staff."""
    vacancy = Vacancy.objects.select_related("employer", "district", "occupation").filter(pk=pk).first()
    if vacancy is None:
        return None
    if open_vacancies().filter(pk=pk).exists():
        return vacancy
    if user is not None and user.is_authenticated and (
        services.can_read(user) or services.can_manage_vacancy(user, vacancy)
    ):
        return vacancy
    return None


def vacancies_managed_by(user: User) -> QuerySet:
    """Every vacancy an employer account owns, or (service staff) all vacancies."""
    queryset = Vacancy.objects.select_related("employer", "district", "occupation").order_by("-created_at", "-pk")
    if user.is_authenticated and user.kind == UserKind.EMPLOYER and user.employer_id:
        return queryset.filter(employer_id=user.employer_id)
    if services.can_read(user):
        return queryset
    return queryset.none()


def seekers_readable_by(user: User) -> QuerySet:
    queryset = JobSeeker.objects.select_related("person", "person__district")
    if services.can_read(user):
        return queryset
    if user.is_authenticated and user.kind == UserKind.CITIZEN and user.person_id:
        return queryset.filter(person_id=user.person_id)
    return queryset.none()


def seeker_list(*, user: User, status: str = "", occupation: str = "", district: str = "", name: str = "") -> QuerySet:
    """Service staff: registrations, most recently updated first."""
    if not services.can_read(user):
        return JobSeeker.objects.none()
    queryset = JobSeeker.objects.select_related("person").prefetch_related("desired_occupations")
    if status:
        queryset = queryset.filter(status=status)
    if occupation:
        queryset = queryset.filter(desired_occupations__code=occupation)
    if district:
        queryset = queryset.filter(districts__code=district)
    if name:
        queryset = queryset.filter(Q(person__name__contains=name) | Q(person__id_number=name.upper()))
    return queryset.order_by("-updated_at", "-pk").distinct()


def my_registration(user: User) -> JobSeeker | None:
    if not user.is_authenticated or user.kind != UserKind.CITIZEN or not user.person_id:
        return None
    return JobSeeker.objects.filter(person_id=user.person_id).first()


def referrals_for(user: User) -> QuerySet:
    """Service staff: all; an employer: referrals to its vacancies; a citizen: their own."""
    queryset = Referral.objects.select_related(
        "vacancy__employer", "vacancy__district", "seeker__person", "counsellor"
    ).order_by("-created_at", "-pk")
    if services.can_read(user):
        return queryset
    if user.is_authenticated and user.kind == UserKind.EMPLOYER and user.employer_id:
        return queryset.filter(vacancy__employer_id=user.employer_id)
    if user.is_authenticated and user.kind == UserKind.CITIZEN and user.person_id:
        return queryset.filter(seeker__person_id=user.person_id)
    return queryset.none()


@dataclass(frozen=True)
class PlacementRow:
    key: str
    label: str
    referred: int
    answered: int
    hired: int

    @property
    def rate(self) -> int | None:
        """Placement rate (推介就業率): hires per referral, in per cent."""
        return round(100 * self.hired / self.referred) if self.referred else None


def _rows(counts: dict[str, dict[str, int]], labels: dict[str, str]) -> list[PlacementRow]:
    rows = []
    for key, by_outcome in counts.items():
        referred = sum(by_outcome.values())
        answered = referred - by_outcome.get(ReferralOutcome.PENDING, 0)
        rows.append(PlacementRow(key, labels.get(key, key), referred, answered,
                                 by_outcome.get(ReferralOutcome.HIRED, 0)))
    return sorted(rows, key=lambda row: (-row.referred, row.key))


def placement_figures(*, user: User, date_from: date, date_to: date) -> dict[str, list[PlacementRow]]:
    """Referrals made between the dates, by counsellor, by occupation (major group) and by
    supported group (a seeker in several groups counts in each). Five queries."""
    if not services.can_read(user):
        return {"counsellor": [], "occupation": [], "group": []}
    base = Referral.objects.filter(created_at__date__gte=date_from, created_at__date__lte=date_to)
    by_counsellor: dict[str, dict[str, int]] = {}
    for counsellor, outcome, n in base.values_list("counsellor_id", "outcome").annotate(n=Count("pk")).order_by():
        by_counsellor.setdefault(str(counsellor), {})[outcome] = n
    by_occupation: dict[str, dict[str, int]] = {}
    for major, outcome, n in base.values_list("occupation__parent_id", "outcome").annotate(n=Count("pk")).order_by():
        slot = by_occupation.setdefault(str(major), {})
        slot[outcome] = slot.get(outcome, 0) + n
    by_group: dict[str, dict[str, int]] = {}
    for groups, outcome, n in base.values_list("seeker__groups", "outcome").annotate(n=Count("pk")).order_by():
        for group in groups or ["NONE"]:
            slot = by_group.setdefault(group, {})
            slot[outcome] = slot.get(outcome, 0) + n
    counsellors = {str(pk): label for pk, label in _counsellor_labels(by_counsellor)}
    occupations = {code: f"{code} {name}" for code, name in Occupation.objects.filter(level="major").values_list(
        "code", "name_zh")}
    groups = {key: pick(*label.split(" ", 1)) for key, label in
              [*SupportedGroup.choices, ("NONE", "非特定對象 No supported group")]}
    return {
        "counsellor": _rows(by_counsellor, counsellors),
        "occupation": _rows(by_occupation, occupations),
        "group": _rows(by_group, groups),
    }


def _counsellor_labels(counts: dict) -> list[tuple[int, str]]:
    users = User.objects.filter(pk__in=[int(pk) for pk in counts]).only("username", "display_name", "first_name",
                                                                        "last_name")
    return [(user.pk, user.label) for user in users]
