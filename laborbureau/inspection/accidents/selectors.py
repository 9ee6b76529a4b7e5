"""Reads of the accidents sub-app, scoped by the reader: who is on duty, the accidents
a user may see, a supervisor's live alerts, the alert-chain figures, and the public
(anonymised) map data."""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from laborbureau.cases.access import cases_readable_by
from laborbureau.core.models import District, Role, User, UserKind
from laborbureau.inspection.accidents import geo
from laborbureau.inspection.accidents.models import Accident, AccidentAlert, DutyShift
from laborbureau.notify.models import Channel, OutboxMessage
from laborbureau.rules import fine_ranges
from laborbureau.rules import occupational_accidents as oa
from laborbureau.rules.base import RuleError

UNIT = "LIO"
# Fewer accidents than this in one 200 m cell (after the filters) and the public map
# shows them at the district's centroid instead: a lone point could single out a site.
MIN_CELL_COUNT = 3


def is_lio_staff(user: User) -> bool:
    return bool(
        user.is_authenticated and user.kind == UserKind.STAFF and user.is_active
        and ((user.unit_id and user.unit.code == UNIT and user.role in (Role.CASE_OFFICER, Role.INSPECTOR,
                                                                         Role.SECTION_CHIEF))
             or user.role == Role.DIRECTOR)
    )


def on_duty(at: datetime, role: str | None = None) -> list[DutyShift]:
    """The shifts covering the moment `at` (not cancelled), supervisors first."""
    shifts = DutyShift.objects.filter(starts_at__lte=at, ends_at__gt=at, cancelled_at__isnull=True,
                                      user__is_active=True).select_related("user")
    if role:
        shifts = shifts.filter(role=role)
    return sorted(shifts, key=lambda s: (s.role != "SUPERVISOR", s.starts_at, s.pk))


def is_on_duty(user: User, role: str | None = None, at: datetime | None = None) -> bool:
    return any(shift.user_id == user.pk for shift in on_duty(at or timezone.now(), role))


def lio_chiefs() -> list[User]:
    return list(User.objects.filter(kind=UserKind.STAFF, is_active=True, unit__code=UNIT,
                                    role=Role.SECTION_CHIEF).order_by("pk"))


def shifts_upcoming(now: datetime) -> QuerySet:
    return DutyShift.objects.filter(ends_at__gt=now, cancelled_at__isnull=True).select_related("user").order_by(
        "starts_at", "role")[:200]


def accidents_readable_by(user: User) -> QuerySet:
    return (
        Accident.objects.filter(case__in=cases_readable_by(user))
        .select_related("case", "employer", "district", "inspector")
        .order_by("-reported_at")
    )


def accident_get(user: User, number: str) -> Accident | None:
    return accidents_readable_by(user).filter(case__number=number[:20]).first()


def late_report_violation_date(accident: Accident) -> date:
    """The day of the breach of 職業安全衛生法第37條第2項: the 8 hours ran out (Asia/Taipei)."""
    return timezone.localtime(accident.deadline_at).date()


def late_report_fine_range(accident: Accident) -> fine_ranges.FineRange | None:
    """The range of the late-report fine (第43條第2款) in force on the violation date,
    with its caution if an amendment is pending; None if the report was in time."""
    if not accident.late or accident.deadline_at is None:
        return None
    try:
        return fine_ranges.fine_range(oa.FINE_LAW_CODE, oa.FINE_ARTICLE, late_report_violation_date(accident))
    except RuleError:
        return None


def with_alert_times(queryset: QuerySet) -> QuerySet:
    """Annotate `alerted_at`: the first delivery of the report's alert (any channel)."""
    return queryset.annotate(alerted_at=Min("alerts__outbox__sent_at", filter=Q(alerts__kind="REPORT")))


def alerts_for(user: User, after_id: int = 0, limit: int = 50) -> list[AccidentAlert]:
    """`user`'s accident alerts delivered in the browser (the in-app row sent), newest
    first: what the supervisor's page polls. Two queries whatever the count."""
    return list(
        AccidentAlert.objects.filter(recipient=user, pk__gt=after_id, outbox__channel=Channel.IN_APP,
                                     outbox__status=OutboxMessage.Status.SENT)
        .select_related("accident__case", "accident__district", "accident__employer", "outbox")
        .order_by("-pk")[:limit]
    )


def undelivered_alerts() -> QuerySet:
    """Accident alerts not delivered: given up on (DEAD), or still retrying after a
    failure. For the chief's page."""
    return (
        AccidentAlert.objects.filter(
            Q(outbox__status=OutboxMessage.Status.DEAD)
            | Q(outbox__status=OutboxMessage.Status.PENDING, outbox__attempts__gte=1)
        )
        .select_related("accident__case", "recipient", "outbox")
        .order_by("-pk")[:200]
    )


# --- the alert chain's figures ----------------------------------------------------------


def _minutes(start, end) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 60, 1)


@dataclass
class ChainTimes:
    accident: Accident
    report_to_alert: float | None
    alert_to_ack: float | None
    report_to_arrival: float | None


def chain_times(accident: Accident) -> ChainTimes:
    alerted = getattr(accident, "alerted_at", None)
    return ChainTimes(accident, _minutes(accident.reported_at, alerted), _minutes(alerted, accident.acknowledged_at),
                      _minutes(accident.reported_at, accident.arrived_at))


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, -(-9 * len(ordered) // 10) - 1))]  # nearest rank


@dataclass
class MonthFigures:
    month: date
    reports: int
    late: int
    medians: dict
    p90s: dict


def month_figures(user: User, months: int = 12) -> list[MonthFigures]:
    """Per month (the last `months`): reportable accidents, late reports, and the median
    and 90th percentile (nearest rank) of report→alert, alert→acknowledgement and
    report→arrival in minutes. One query."""
    today = timezone.localdate()
    start_index = today.year * 12 + today.month - months
    first = date(start_index // 12, start_index % 12 + 1, 1)
    rows = with_alert_times(accidents_readable_by(user).filter(reportable=True, month__gte=first))
    buckets: dict[date, list[ChainTimes]] = defaultdict(list)
    for accident in rows:
        buckets[accident.month].append(chain_times(accident))
    figures = []
    for month in sorted(buckets, reverse=True):
        times = buckets[month]
        medians, p90s = {}, {}
        for key in ("report_to_alert", "alert_to_ack", "report_to_arrival"):
            values = [getattr(t, key) for t in times if getattr(t, key) is not None]
            medians[key] = round(statistics.median(values), 1) if values else None
            p90s[key] = _p90(values) if values else None
        figures.append(MonthFigures(month, len(times), sum(t.accident.late for t in times), medians, p90s))
    return figures


# --- the public map (anonymised) ---------------------------------------------------------


@dataclass(frozen=True)
class MapFilters:
    month_from: date | None = None
    month_to: date | None = None
    district: str = ""  # zip3
    industry: str = ""  # section letter A–S
    accident_type: str = ""
    severity: str = ""

    def key(self) -> str:
        return "|".join(str(v or "") for v in (self.month_from, self.month_to, self.district, self.industry,
                                                self.accident_type, self.severity))


def public_queryset(filters: MapFilters, district_codes: dict[str, str] | None = None) -> QuerySet:
    """The accidents the filters select. With `district_codes` (zip3 → District code)
    the district filter needs no join (the map's covering index answers it alone)."""
    queryset = Accident.objects.all()
    if filters.month_from:
        queryset = queryset.filter(month__gte=filters.month_from)
    if filters.month_to:
        queryset = queryset.filter(month__lte=filters.month_to)
    if filters.district and district_codes is not None:
        queryset = queryset.filter(district_id=district_codes.get(filters.district, ""))
    elif filters.district:
        queryset = queryset.filter(district__zip3=filters.district)
    if filters.industry:
        queryset = queryset.filter(industry_section=filters.industry)
    if filters.accident_type:
        queryset = queryset.filter(accident_type=filters.accident_type)
    if filters.severity:
        queryset = queryset.filter(severity=filters.severity)
    return queryset


def data_version() -> str:
    """Changes whenever any accident is written: the public caches key on it."""
    last = Accident.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return last.isoformat() if last else "empty"


@dataclass
class MapData:
    total: int
    districts: list[dict]  # zip3, name_zh, name_en, count, path, class
    points: list[dict]  # lon, lat, x, y, count, at_centroid


def map_data(filters: MapFilters) -> MapData:
    """The public map's figures: accidents per district (the choropleth) and per 200 m
    cell, a cell with fewer than MIN_CELL_COUNT shown at its district's centroid
    instead. One grouped query over the covering index `accident_map_cover` (no table
    row is read: COUNT(*), and every filter column is in the index), plus the 12
    districts; the per-district totals are the sums of their cells."""
    zip_by_code = dict(District.objects.values_list("code", "zip3"))
    queryset = public_queryset(filters, {zip3: code for code, zip3 in zip_by_code.items()})
    cells = queryset.values_list("district_id", "cell_x", "cell_y").annotate(n=Count("*")).order_by()
    per_district: Counter = Counter()
    points = []
    at_centroid: Counter = Counter()
    for code, cell_x, cell_y, count in cells:
        zip3 = zip_by_code[code]
        per_district[zip3] += count
        if count >= MIN_CELL_COUNT:
            lon, lat = geo.cell_centre(cell_x, cell_y)
            points.append({"lon": lon, "lat": lat, "count": count, "district": zip3, "at_centroid": False})
        else:
            at_centroid[zip3] += count
    for zip3, count in sorted(at_centroid.items()):
        district = geo.district_by_zip(zip3)
        lon, lat = round(district.centroid[0], 5), round(district.centroid[1], 5)
        points.append({"lon": lon, "lat": lat, "count": count, "district": zip3, "at_centroid": True})
    for point in points:
        point["x"], point["y"] = geo.project(point["lon"], point["lat"])
        point["r"] = 12 if point["count"] > 20 else 9 if point["count"] > 5 else 7  # drawn radius
    top = max(per_district.values(), default=0)
    districts = []
    paths = geo.district_paths()
    for district in geo.districts():
        count = per_district.get(district.zip3, 0)
        districts.append({
            "zip3": district.zip3, "name_zh": district.name_zh, "name_en": district.name_en, "count": count,
            "path": paths[district.zip3], "class": 0 if not count else min(4, 1 + (4 * count - 1) // top),
        })
    return MapData(total=sum(per_district.values()), districts=districts, points=points)


PUBLIC_FIELDS = ("month", "district__zip3", "district__name_zh", "industry_section", "accident_type", "severity",
                 "cell_x", "cell_y", "deaths", "injured")


def public_rows(filters: MapFilters, limit: int | None = None) -> list[dict]:
    """One anonymised row per accident: month (not the day), district, industry section,
    type, severity, casualty counts and the 200 m cell's centre — or the district
    centroid where the cell holds fewer than MIN_CELL_COUNT of the rows. No name, no
    address, no employer."""
    queryset = public_queryset(filters).order_by("-month", "pk").values_list(*PUBLIC_FIELDS)
    rows = list(queryset[:limit] if limit else queryset)
    per_cell = Counter((row[6], row[7]) for row in rows)
    out = []
    for month, zip3, name_zh, section, kind, severity, cell_x, cell_y, deaths, injured in rows:
        if per_cell[(cell_x, cell_y)] >= MIN_CELL_COUNT:
            lon, lat = geo.cell_centre(cell_x, cell_y)
            approximate = "grid_200m"
        else:
            centroid = geo.district_by_zip(zip3).centroid
            lon, lat, approximate = round(centroid[0], 5), round(centroid[1], 5), "district_centroid"
        out.append({"month": month.strftime("%Y-%m"), "district": zip3, "district_name": name_zh,
                    "industry": section, "type": kind, "severity": severity, "deaths": deaths, "injured": injured,
                    "lon": lon, "lat": lat, "location": approximate})
    return out


def districts_by_zip() -> dict[str, District]:
    return {d.zip3: d for d in District.objects.all()}


def closed_serious_cases(year: int) -> list[dict]:
    """The closed fatal and serious accidents (reportable under 職業安全衛生法第37條第2項)
    that occurred in `year`, anonymised for the yearly compilation (職業災害案實錄彙編):
    case number, month, district, industry section, type, severity, casualty counts,
    the description and the inspector's findings. No name, no address, no employer.
    One query."""
    rows = (Accident.objects.filter(reportable=True, case__status="CLOSED", month__year=year)
            .order_by("month", "case__number")
            .values_list("case__number", "month", "district__name_zh", "industry_section", "accident_type",
                         "severity", "deaths", "injured", "description", "findings"))
    keys = ("case_number", "month", "district_name", "industry_section", "accident_type", "severity", "deaths",
            "injured", "description", "findings")
    return [dict(zip(keys, row, strict=True)) for row in rows]
