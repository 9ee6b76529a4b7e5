"""Reads of the labor inspections, scoped by the reader: the risk ranking behind the
yearly plan, the inspectors' workloads and worklists, an employer's inspection history,
and the records a user may read (another unit's answers 404)."""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from laborbureau.cases.models import CaseGrant
from laborbureau.core import access
from laborbureau.core.models import Establishment, HeadcountRecord, Role, User, UserKind
from laborbureau.inspection.inspections import risk
from laborbureau.inspection.inspections.models import (
    ConstructionProject,
    Finding,
    FindingResult,
    Inspection,
    MachineryCertificate,
    ResumptionRequest,
    StopWorkOrder,
)
from laborbureau.relations import selectors as relations_selectors

HISTORY_YEARS = 3
OPEN_STATUSES = ("PLANNED", "IN_PROGRESS", "RECORDED", "CORRECTION", "FINE_PENDING_APPROVAL", "FINED")
WORKLIST_STATUSES = ("PLANNED", "IN_PROGRESS", "RECORDED", "CORRECTION")
ORDER_OPEN_STATUSES = ("IN_FORCE", "RESUMPTION_REQUESTED", "RESUMPTION_PENDING_APPROVAL")


def accident_counts_by_establishment(*, since: date, establishment_ids=None) -> dict[int, int]:
    """Occupational accidents per establishment reported on or after `since`.

    The accident reports are another app of this program (laborbureau.inspection.accidents,
    built in parallel); until it offers a selector, this returns no accidents, so the risk
    score's accident part is 0. Replace the body with a call to that selector; nothing
    else changes (risk.RiskFacts.accidents is already an input)."""
    return {}


def _three_years_before(on: date) -> date:
    try:
        return on.replace(year=on.year - HISTORY_YEARS)
    except ValueError:  # 29 February
        return on.replace(year=on.year - HISTORY_YEARS, day=28)


def risk_facts(*, on: date, establishment_ids=None) -> dict[int, tuple[int, risk.RiskFacts]]:
    """{establishment_id: (employer_id, RiskFacts)} for the establishments of employers not
    merged away, in a fixed number of queries whatever their number."""
    sites = Establishment.objects.filter(employer__merged_into__isnull=True)
    if establishment_ids is not None:
        sites = sites.filter(pk__in=establishment_ids)
    rows = list(sites.values_list("pk", "employer_id", "industry_id", "industry__parent_id",
                                  "employer__industry_id", "employer__industry__parent_id"))
    ids = [row[0] for row in rows]
    since = _three_years_before(on)
    headcounts: dict[int, int] = {}
    for site_id, count in (HeadcountRecord.objects.filter(establishment_id__in=ids, as_of__lte=on)
                           .order_by("establishment_id", "as_of", "pk").values_list("establishment_id", "headcount")):
        headcounts[site_id] = count  # the last one per site wins
    violations = dict(
        Finding.objects.filter(result=FindingResult.VIOLATION, inspection__completed_on__gte=since,
                               inspection__completed_on__lte=on, inspection__establishment_id__in=ids)
        .values("inspection__establishment_id").annotate(n=Count("pk"))
        .values_list("inspection__establishment_id", "n")
    )
    inspected = set(Inspection.objects.filter(completed_on__gte=since, completed_on__lte=on, establishment_id__in=ids)
                    .values_list("establishment_id", flat=True).distinct())
    complaints = relations_selectors.complaint_counts_by_employer(since=on - timedelta(days=365))
    accidents = accident_counts_by_establishment(since=since, establishment_ids=ids)
    building = set(ConstructionProject.objects.filter(starts_on__lte=on, ends_on__gte=on, establishment_id__in=ids)
                   .values_list("establishment_id", flat=True))
    facts = {}
    for site_id, employer_id, industry, industry_parent, employer_industry, employer_parent in rows:
        code = industry or employer_industry or ""
        parent = industry_parent if industry else employer_parent
        section = code if code[:1].isalpha() else (parent or "")
        facts[site_id] = (employer_id, risk.RiskFacts(
            industry_section=section, headcount=headcounts.get(site_id), violations=violations.get(site_id, 0),
            accidents=accidents.get(site_id, 0), complaints=complaints.get(employer_id, 0),
            construction_in_progress=site_id in building, inspected_recently=site_id in inspected,
        ))
    return facts


def risk_ranking(*, on: date, exclude_planned_year: int | None = None, limit: int = 100):
    """The establishments of highest risk score, highest first (ties: the oldest record
    first): [(Establishment, RiskFacts, RiskScore)]. Those already on the year's plan
    are left out."""
    facts = risk_facts(on=on)
    if exclude_planned_year is not None:
        planned = set(Inspection.objects.filter(plan_year=exclude_planned_year).values_list("establishment_id", flat=True))
        facts = {key: value for key, value in facts.items() if key not in planned}
    scored = sorted(((risk.score(f), site_id, f) for site_id, (_, f) in facts.items()),
                    key=lambda entry: (-entry[0].score, entry[1]))[:limit]
    sites = Establishment.objects.select_related("employer").in_bulk([site_id for _, site_id, _ in scored])
    return [(sites[site_id], f, result) for result, site_id, f in scored]


def plan_workloads(year: int, inspector_ids: list[int]) -> dict[int, int]:
    """Open inspections per inspector for the year's plan plus every other open one they
    hold (their whole workload, not only the plan's)."""
    rows = (Inspection.objects.filter(inspector_id__in=inspector_ids)
            .filter(Q(plan_year=year) | Q(status__in=OPEN_STATUSES))
            .exclude(status="CANCELLED").values("inspector_id").annotate(n=Count("pk")))
    return {row["inspector_id"]: row["n"] for row in rows}


def inspectors(viewer: User) -> list[User]:
    return list(User.objects.filter(kind=UserKind.STAFF, is_active=True, unit__code="LIO", role=Role.INSPECTOR)
                .order_by("username"))


def inspections_readable_by(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """Inspections `user` may read: staff through the case scope; an employer its own,
    except those still only planned (勞動檢查法第13條: the visit is not announced)."""
    queryset = Inspection.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if user.kind == UserKind.STAFF:
        return queryset.filter(_staff_scope(user))
    if user.kind == UserKind.EMPLOYER and user.employer_id:
        return queryset.filter(employer_id=user.employer_id).exclude(status__in=("PLANNED", "CANCELLED"))
    return queryset.none()


def _staff_scope(user: User) -> Q:
    """The case scope of cases.access.cases_readable_by, specialised: every inspection and
    stop-work case belongs to the LIO unit (the workflows' unit_code), so a reader of that
    unit reads them all without the subquery over the case table (which made SQLite walk
    the unit's cases instead of the employer's index), and anyone else only the cases
    granted to them."""
    if user.role == Role.SYSADMIN:
        return Q(pk__in=[])
    units = access.readable_unit_ids(user)
    if units == access.ALL_UNITS or _lio_unit_id() in units:
        return Q()
    granted = CaseGrant.objects.filter(user=user, expires_at__gt=timezone.now()).values("case_id")
    return Q(case_id__in=granted)


def _lio_unit_id() -> int | None:
    from laborbureau.core.models import Unit

    return Unit.objects.filter(code="LIO").values_list("pk", flat=True).first()


def inspection_get(user: User, number: str) -> Inspection | None:
    return (inspections_readable_by(user)
            .select_related("case", "employer", "establishment", "inspector", "case__unit")
            .filter(case__number=number).first())


def inspection_list(user: User, *, year: int | None = None, status: str = "", inspector_id: int | None = None,
                    employer_id: int | None = None) -> QuerySet:
    queryset = inspections_readable_by(user).select_related("case", "employer", "establishment", "inspector")
    if year:
        queryset = queryset.filter(Q(plan_year=year) | Q(plan_year__isnull=True, created_at__year=year))
    if status:
        queryset = queryset.filter(status=status)
    if inspector_id:
        queryset = queryset.filter(inspector_id=inspector_id)
    if employer_id:
        queryset = queryset.filter(employer_id=employer_id)
    # Newest first by the case's key (the primary key here): an index walk, where sorting
    # 200,000 rows by created_at took a third of a second on SQLite.
    return queryset.order_by("-pk")


def worklist(user: User, limit: int = 200) -> list[Inspection]:
    """The inspector's own open inspections, the soonest first: what to do in the field."""
    return list(Inspection.objects.filter(inspector=user, status__in=WORKLIST_STATUSES)
                .select_related("case", "employer", "establishment", "inspector")
                .order_by("scheduled_for", "pk")[:limit])


def plan_rows(user: User, year: int, limit: int = 500) -> list[Inspection]:
    return list(inspections_readable_by(user).filter(plan_year=year).exclude(status="CANCELLED")
                .select_related("case", "employer", "establishment", "inspector")
                .order_by("-risk_score", "pk")[:limit])


def employer_history(user: User, employer_id: int, limit: int = 50) -> dict:
    """An employer's inspections (newest first, at most `limit`), its stop-work orders and
    their state, and totals: three queries, whatever the history's length."""
    inspections = list(inspections_readable_by(user).filter(employer_id=employer_id)
                       .select_related("case", "establishment", "inspector")
                       .order_by("-created_at", "-pk")[:limit])
    orders = list(stop_work_orders_readable_by(user).filter(employer_id=employer_id)
                  .select_related("case", "establishment").order_by("-issued_at")[:20])
    certificates = (list(MachineryCertificate.objects.filter(employer_id=employer_id)
                         .select_related("establishment").order_by("valid_until")[:20])
                    if user.kind == UserKind.STAFF and inspections else [])
    totals = (inspections_readable_by(user).filter(employer_id=employer_id)
              .aggregate(total=Count("pk"), violations=Count("pk", filter=Q(violations__gt=0))))
    return {"inspections": inspections, "orders": orders, "total": totals["total"],
            "with_violations": totals["violations"], "certificates": certificates,
            "open_orders": sum(1 for order in orders if order.status in ORDER_OPEN_STATUSES)}


def stop_work_orders_readable_by(user: User) -> QuerySet:
    queryset = StopWorkOrder.objects.all()
    if not user.is_authenticated:
        return queryset.none()
    if user.kind == UserKind.STAFF:
        return queryset.filter(_staff_scope(user))
    if user.kind == UserKind.EMPLOYER and user.employer_id:
        return queryset.filter(employer_id=user.employer_id)
    return queryset.none()


def stop_work_order_get(user: User, number: str) -> StopWorkOrder | None:
    return (stop_work_orders_readable_by(user).select_related("case", "employer", "establishment", "inspection__case")
            .filter(case__number=number).first())


def resumption_get(user: User, pk: int) -> ResumptionRequest | None:
    return (ResumptionRequest.objects.filter(order__in=stop_work_orders_readable_by(user), pk=pk)
            .select_related("order__case", "order__employer").first())
