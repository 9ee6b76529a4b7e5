"""Reads of the mass-layoff program, scoped by the reader (cases.access)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from laborbureau.cases.access import cases_readable_by
from laborbureau.core import access
from laborbureau.core.models import HeadcountRecord, Unit, User, UserKind
from laborbureau.relations.layoffs.models import LayoffEvent, LayoffMonitoring, LayoffPlan
from laborbureau.relations.layoffs.workflows import UNIT
from laborbureau.rules import mass_layoff

NEAR_SHARE = 0.7  # "near": at least 70% of the number that crosses
ENTERPRISE_LIMIT = 200  # 第2條第1項第5款 (in force since 2014-06-06)


def plans_readable_by(user: User) -> QuerySet:
    return (
        LayoffPlan.objects.filter(case__in=cases_readable_by(user))
        .select_related("case", "employer", "establishment")
        .order_by("-case__opened_at")
    )


def plan_get(user: User, number: str) -> LayoffPlan | None:
    return plans_readable_by(user).filter(case__number=number[:20]).first()


def may_monitor(user: User) -> bool:
    """LR staff (and those who read every unit) see the monitoring page."""
    if not user.is_authenticated or user.kind != UserKind.STAFF:
        return False
    unit = Unit.objects.filter(code=UNIT).first()
    return unit is not None and access.can_read_unit(user, unit.pk)


@dataclass
class MonitorRow:
    employer_id: int
    employer_name: str
    establishment_name: str  # "" for the enterprise row
    headcount: int | None
    counted: int
    limit: int | None  # the most that may be laid off in 60 days without crossing
    single_day_max: int
    single_day_limit: int | None
    clause: str
    over: bool
    open_monitoring: str  # the number of an open monitoring case, if any

    @property
    def share(self) -> int:
        return round(100 * self.counted / (self.limit + 1)) if self.limit is not None else 0


def monitor_rows(user: User, today: date) -> list[MonitorRow]:
    """Establishments (and enterprises) whose layoffs in the 60 days ending today are
    near or over a 第2條 threshold, the highest share first. Three queries."""
    if not may_monitor(user):
        return []
    start = today - timedelta(days=59)
    events = list(
        LayoffEvent.objects.filter(day__gte=start, day__lte=today).select_related("establishment", "employer")
    )
    site_ids = {e.establishment_id for e in events}
    headcounts: dict[int, HeadcountRecord] = {}
    for record in HeadcountRecord.objects.filter(establishment_id__in=site_ids).order_by("as_of"):
        if record.establishment_id not in headcounts or record.as_of < start:
            headcounts[record.establishment_id] = record
    open_cases = {
        (m.employer_id, m.establishment_id): m.case.number
        for m in LayoffMonitoring.objects.filter(case__closed_at__isnull=True, crossing_date__gte=start - timedelta(days=59))
        .select_related("case")
    }
    rows = []
    by_site: dict[int, list[LayoffEvent]] = {}
    by_employer: dict[int, list[LayoffEvent]] = {}
    for event in events:
        by_site.setdefault(event.establishment_id, []).append(event)
        by_employer.setdefault(event.employer_id, []).append(event)
    for site_id, site_events in by_site.items():
        counted = sum(e.count for e in site_events)
        per_day: dict[date, int] = {}
        for e in site_events:
            per_day[e.day] = per_day.get(e.day, 0) + e.count
        record = headcounts.get(site_id)
        clause, limit, single = (mass_layoff.thresholds(today, record.headcount) if record and record.headcount
                                 else ("", None, None))
        peak = max(per_day.values())
        over = (limit is not None and counted > limit) or (single is not None and peak > single)
        near = limit is not None and counted >= NEAR_SHARE * (limit + 1)
        if over or near:
            first = site_events[0]
            rows.append(MonitorRow(
                first.employer_id, first.employer.name, first.establishment.name,
                record.headcount if record else None, counted, limit, peak, single, clause, over,
                open_cases.get((first.employer_id, site_id), ""),
            ))
    for employer_id, employer_events in by_employer.items():
        counted = sum(e.count for e in employer_events)
        if counted >= NEAR_SHARE * (ENTERPRISE_LIMIT + 1):
            per_day = {}
            for e in employer_events:
                per_day[e.day] = per_day.get(e.day, 0) + e.count
            peak = max(per_day.values())
            rows.append(MonitorRow(
                employer_id, employer_events[0].employer.name, "", None, counted, ENTERPRISE_LIMIT, peak, 100,
                "第2條第1項第5款", counted > ENTERPRISE_LIMIT or peak > 100, open_cases.get((employer_id, None), ""),
            ))
    rows.sort(key=lambda row: (not row.over, -row.share))
    return rows
