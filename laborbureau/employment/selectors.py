"""Reads of the job bank, scoped by who asks.

`vacancy_search` is the public list: with free text `q` it asks the search index
(`laborbureau.search`: Chinese bigrams, variants, synonyms; relevance or newest), without
it a plain filtered query, newest first. Both give one page, the total and facet counts
(by district and by occupation major group; each facet ignores its own filter).
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from laborbureau.core.errors import ApplicationError
from laborbureau.core.i18n import pick
from laborbureau.core.models import District, User, UserKind
from laborbureau.employment import indexing, services
from laborbureau.employment.models import (
    OPEN_VACANCY,
    JobSeeker,
    Occupation,
    Referral,
    ReferralOutcome,
    SupportedGroup,
    Vacancy,
    VacancyStatus,
)
from laborbureau.search import selectors as search_selectors
from laborbureau.search.selectors import Range

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY = 100  # characters of free text
SORTS = {"relevance": "relevance", "newest": "-posted"}  # public name -> the index's sort
MAX_RESULTS = search_selectors.MAX_RESULT_WINDOW  # a text search pages through this many at most
# What no list of vacancies shows (the card, the API's VacancyOut): a search page
# leaves them unread; building the 20 objects is then about a third faster.
LIST_DEFERRED = ("minimum_wage_checked", "skill_bits", "screening_decision", "screening_reason", "screening_score",
                 "screening_threshold", "screening_signals", "channel", "created_by", "created_at", "updated_at",
                 "closed_at")


@dataclass(frozen=True)
class VacancyFilters:
    district: str = ""  # District code (8 digits) or postal code
    occupation: str = ""  # a sub-major (2 digits) or major group (1 digit)
    pay_unit: str = ""  # MONTHLY, HOURLY or any
    pay_min: int | None = None  # the pay offered reaches at least this
    hours: str = ""
    posted_within: int | None = None  # days
    employer_id: int | None = None
    q: str = ""  # free text (Chinese without spaces is fine)
    sort: str = "relevance"  # relevance or newest; without q always newest


@dataclass(frozen=True)
class FacetCount:
    code: str
    label: str
    count: int


@dataclass
class VacancyPage:
    items: list[Vacancy]
    count: int
    page: int
    page_size: int
    extra: dict = field(default_factory=dict)
    # "district" and "major" (occupation major group): counts over the results, largest first.
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)

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


def _check_text(filters: VacancyFilters) -> str:
    q = filters.q if isinstance(filters.q, str) else ""
    q = q.strip()
    if len(q) > MAX_QUERY:
        raise ApplicationError(f"搜尋文字請在{MAX_QUERY}字以內。", f"The search text: at most {MAX_QUERY} characters.",
                               field="q")
    if filters.sort not in SORTS:
        raise ApplicationError("排序方式應為 relevance（相關度）或 newest（最新）。",
                               "Sort by relevance or newest.", field="sort")
    return q


def _facet_list(counts: dict[str, int], labels: dict[str, str]) -> list[FacetCount]:
    rows = [FacetCount(code, labels.get(code, code), n) for code, n in counts.items() if n]
    return sorted(rows, key=lambda row: (-row.count, row.code))


def _facet_names() -> tuple[dict[str, str], dict[str, str]]:
    """The values the facets can take with their labels: the 12 districts, the 10 major
    groups. Two queries of reference data."""
    districts = dict(District.objects.values_list("pk", "name_zh"))
    majors = {code: f"{code} {name}" for code, name in
              Occupation.objects.filter(level="major").values_list("pk", "name_zh")}
    return districts, majors


def _facet_labels(district_counts: dict[str, int], major_counts: dict[str, int],
                  names: tuple[dict[str, str], dict[str, str]] | None = None) -> dict[str, list[FacetCount]]:
    """Counts with their labels (two queries unless `names` were read already)."""
    districts, majors = names or _facet_names()
    return {"district": _facet_list(district_counts, districts), "major": _facet_list(major_counts, majors)}


def _sql_facets(filters: VacancyFilters, today: date | None) -> dict[str, list[FacetCount]]:
    # Each facet ignores its own filter (the district facet the district, the major
    # group facet a major-group filter), as the index's facets do.
    by_district = _apply(open_vacancies(today), replace(filters, district=""))
    district_counts = {str(code): n for code, n in
                       by_district.values_list("district_id").annotate(n=Count("pk")).order_by()}
    major_filters = replace(filters, occupation="") if len(filters.occupation) == 1 else filters
    by_major = _apply(open_vacancies(today), major_filters)
    major_counts = {str(code): n for code, n in
                    by_major.values_list("occupation__parent_id").annotate(n=Count("pk")).order_by()}
    return _facet_labels(district_counts, major_counts)


# The dates on which the index was seen to hold no vacancy past its closing date (see
# `_index_holds_expired`), kept by each process.
_swept_on: set[date] = set()


def _index_holds_expired(today: date) -> bool:
    """Whether the index may still hold vacancies whose closing date is before `today`.
    The hourly sweep takes an ad out once its closing date has passed; until it has run
    (in the hour after midnight) the index must filter by date. Once it holds none on a
    day it gains none that day (`indexing.vacancy_sync` indexes only ads open that day),
    so the answer "none" is kept for the day: the check is a query, a tenth of a
    search's time budget on SQLite."""
    if today in _swept_on:
        return False
    if Vacancy.objects.filter(status__in=OPEN_VACANCY, closing_date__lt=today).exists():
        return True
    if len(_swept_on) > 8:
        _swept_on.clear()
    _swept_on.add(today)
    return False


_district_codes: dict[str, str] = {}


def _district_code(text: str) -> str:
    """A district's code from its code or its postal code (reference data, read once a
    process); an unknown text is returned as it is (it then matches nothing)."""
    if not _district_codes:
        for code, zip3 in District.objects.values_list("pk", "zip3"):
            _district_codes[code] = code
            if zip3:
                _district_codes.setdefault(zip3, code)
    return _district_codes.get(text, text)


def search_state_forget() -> None:
    """Check the index's expiry and the districts afresh (between tests)."""
    _swept_on.clear()
    _district_codes.clear()


def _index_filters(filters: VacancyFilters, today: date) -> dict:
    index: dict = {}
    # Without expired ads in the index no range is needed, and a ranged query costs a join
    # and a full bm25 ranking of every match (120 ms instead of 3 for a common word at
    # 200,000 ads).
    if _index_holds_expired(today):
        index["closes"] = Range(gte=today)
    if filters.district:
        index["district"] = _district_code(filters.district)
    if filters.occupation:
        index["major" if len(filters.occupation) == 1 else "occupation"] = filters.occupation
    if filters.pay_unit:
        index["pay_unit"] = filters.pay_unit
    if filters.pay_min is not None:
        index["pay_top"] = Range(gte=filters.pay_min)
    if filters.hours:
        index["hours"] = filters.hours
    if filters.posted_within:
        index["posted"] = Range(gte=int((timezone.now() - timedelta(days=filters.posted_within)).timestamp()))
    if filters.employer_id:
        index["employer"] = filters.employer_id
    return index


def _text_search(q: str, filters: VacancyFilters, page: int, page_size: int, today: date | None,
                 facets: bool) -> VacancyPage:
    today = today or timezone.localdate()
    if page * page_size > MAX_RESULTS:
        raise ApplicationError(f"僅能瀏覽前{MAX_RESULTS}筆結果，請縮小搜尋範圍。",
                               f"Only the first {MAX_RESULTS} results can be paged through; narrow the search.",
                               field="page")
    # The facets' closed lists of values let the index count each value inside itself
    # (search.selectors.search, facet_values); the same read gives their labels.
    names = _facet_names() if facets else None
    result = search_selectors.search(
        indexing.VACANCY, q, filters=_index_filters(filters, today), sort=SORTS[filters.sort], page=page,
        page_size=page_size, facets=["district", "major"] if facets else None,
        facet_values={"district": list(names[0]), "major": list(names[1])} if names else None,
    )
    # The index holds only open vacancies; the same rule is applied again on load, in
    # Python: with the rule in SQL, SQLite walks the (status, closing_date) index over
    # every open vacancy instead of looking up 20 primary keys (50 ms at 200,000).
    loaded = Vacancy.objects.filter(pk__in=result.ids).select_related("employer", "district", "occupation") \
        .defer(*LIST_DEFERRED) if result.ids else []
    found = {v.pk: v for v in loaded
             if v.status == VacancyStatus.ACTIVE and v.closing_date >= today and v.posted_at is not None}
    items = [found[pk] for pk in result.ids if pk in found]
    page_facets = _facet_labels(result.facets.get("district", {}), result.facets.get("major", {}), names) \
        if names else {}
    return VacancyPage(items=items, count=result.total, page=page, page_size=page_size, facets=page_facets,
                       extra={"took_ms": result.took_ms})


def vacancy_search(*, filters: VacancyFilters, page: int = 1, page_size: int = PAGE_SIZE,
                   today: date | None = None, facets: bool = False) -> VacancyPage:
    """One page of open vacancies and the total. With `filters.q`: the search index,
    by relevance or newest (count, page, load: 3 queries, +1 for a postal code). Without:
    the filtered table, newest first (2 queries). `facets`: 4 queries more (2 counts,
    2 label lookups). Refuses a bad sort, an overlong text or a page past the window
    (ApplicationError)."""
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(page, 1)
    q = _check_text(filters)
    if q:
        return _text_search(q, filters, page, page_size, today, facets)
    queryset = _apply(open_vacancies(today), filters)
    count = queryset.count()
    offset = (page - 1) * page_size
    items = list(
        queryset.select_related("employer", "district", "occupation").order_by("-posted_at", "-pk")[
            offset : offset + page_size
        ]
    )
    return VacancyPage(items=items, count=count, page=page, page_size=page_size,
                       facets=_sql_facets(filters, today) if facets else {})


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


def seeker_search(*, user: User, q: str, status: str = "", name: str = "", limit: int = 100, page: int = 1
                  ) -> tuple[list[JobSeeker], int]:
    """Service staff: registrations whose desired occupations, skills, experience or
    licences match the free text `q` (the index, kind "jobseeker"), best first; the total.
    `name` (name or ID number) narrows the page loaded. Three queries and a prefetch."""
    if not services.can_read(user):
        return [], 0
    q = (q or "").strip()
    if len(q) > MAX_QUERY:
        raise ApplicationError(f"搜尋文字請在{MAX_QUERY}字以內。", f"The search text: at most {MAX_QUERY} characters.",
                               field="q")
    result = search_selectors.search(indexing.JOBSEEKER, q, filters={"status": status} if status else None,
                                     page=page, page_size=max(1, min(limit, search_selectors.MAX_PAGE_SIZE)))
    if not result.ids:
        return [], result.total
    queryset = seeker_list(user=user, name=name).filter(pk__in=result.ids)
    found = {seeker.pk: seeker for seeker in queryset}
    return [found[pk] for pk in result.ids if pk in found], result.total


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
