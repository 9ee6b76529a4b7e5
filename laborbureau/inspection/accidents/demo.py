"""Demo accidents, through the real services: a duty roster around now (lio_officer as
duty supervisor, lio_inspector on call), about 300 accident reports across the 12
districts and the last 12 months (phone reports recorded by lio_officer with their
call times), the reportable ones taken through acknowledgement, dispatch, arrival and
findings, a few late, one occupational disease determination recorded by an officer and
one a worker applied for on the portal.

At scale (`seed(scale=667)`), closed accidents of the last two years are added in bulk,
ACCIDENTS_PER_SCALE per scale (50,025 at 667: the issue's benchmark size), so that the
public map and its open data are tried at city size: case headers numbered from the
real sequence, the employer as party, the record's public fields (district, month,
type, severity, industry) as the services would have set them (`history`)."""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, CaseParty
from laborbureau.core.models import District, Employer, Unit
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.inspection.accidents import geo, services, workflows
from laborbureau.inspection.accidents.models import Accident, AccidentType, DutyShift
from laborbureau.rules import roc_calendar

COUNT = 300
ACCIDENTS_PER_SCALE = 75
BATCH = 5000
DESCRIPTIONS = ["勞工於施工架作業時失足墜落。", "搬運貨物時遭堆高機撞擊。", "操作沖床時手部遭夾傷。", "更換燈具時感電。",
                "廚房地面濕滑跌倒。", "外送途中發生交通事故。", "清洗儲槽時吸入有害氣體。"]


def seed(*, rng: random.Random, citizens, employers, staff, scale: int = 1) -> int:
    if "lio_officer" not in staff:
        return 0
    made = 0 if Accident.objects.exists() else _stories(rng=rng, citizens=citizens, employers=employers, staff=staff)
    if scale > 1:
        made += history(rng, ACCIDENTS_PER_SCALE * scale - Accident.objects.count(), employers)
    return made


def _stories(*, rng: random.Random, citizens, employers, staff) -> int:
    officer, inspector, chief = staff["lio_officer"], staff["lio_inspector"], staff["lio_chief"]
    now = timezone.now()
    DutyShift.objects.create(user=officer, role="SUPERVISOR", starts_at=now - timedelta(hours=12),
                             ends_at=now + timedelta(days=3), phone="0912000111", created_by=chief)
    DutyShift.objects.create(user=inspector, role="ON_CALL", starts_at=now - timedelta(hours=12),
                             ends_at=now + timedelta(days=3), phone="0912000222", created_by=chief)
    pool = [e for e in employers if e.business_id][:40] or employers[:40]
    districts = geo.districts()
    made = 0
    fire = case_services.case_transition
    for index in range(COUNT):
        district = rng.choice(districts)
        lon, lat = district.centroid
        lon += rng.uniform(-0.008, 0.008)
        lat += rng.uniform(-0.008, 0.008)
        found = geo.district_at(lon, lat)
        if found is None or found.zip3 != district.zip3:  # jittered over the border
            lon, lat = district.centroid
        occurred = now - timedelta(days=rng.randint(1, 360), minutes=rng.randint(0, 1440))
        roll = rng.random()
        deaths, injured, hospitalised = (1, 0, 0) if roll < 0.06 else (0, 1, 1) if roll < 0.3 else (0, 1, 0)
        late = rng.random() < 0.1
        employer = rng.choice(pool)
        accident = services.accident_report(data=services.AccidentInput(
            occurred_at=occurred, accident_type=rng.choice(AccidentType.values), description=rng.choice(DESCRIPTIONS),
            deaths=deaths, injured=injured, hospitalised=hospitalised, lat=lat, lon=lon,
            employer=EmployerInput(name=employer.name, business_id=employer.business_id or ""),
            reported_at=occurred + timedelta(hours=rng.uniform(9, 20) if late else rng.uniform(0.2, 3)),
            reporter_name="值班主管", channel="phone",
        ), actor=officer)
        made += 1
        if accident.reportable and index % 3:
            fire(case=accident.case, name="dispatch", actor=chief, data={"inspector": str(inspector.pk)})
            fire(case=accident.case, name="arrive", actor=inspector, data={})
            fire(case=accident.case, name="record_findings", actor=inspector,
                 data={"findings": "已查明災害原因，另案實施檢查。", "stop_work_recommended": deaths > 0})
            # Demo times: acknowledgement and arrival spread realistically after the report.
            Accident.objects.filter(pk=accident.pk).update(
                acknowledged_at=accident.reported_at + timedelta(minutes=rng.uniform(2, 20)),
                dispatched_at=accident.reported_at + timedelta(minutes=rng.uniform(20, 30)),
                arrived_at=accident.reported_at + timedelta(minutes=rng.uniform(35, 120)),
            )
    services.disease_apply(data=services.DiseaseInput(
        person=PersonInput(id_number="A123456789", name="陳小華"), disease="職業性肺塵病", exposure="長期從事噴砂作業。"),
        actor=officer)
    made += 1
    if citizens:  # a worker's own application on the portal, waiting in the office's queue
        employer = employers[0] if employers else None
        services.disease_apply(data=services.DiseaseInput(
            disease="職業性下背痛", exposure="倉儲搬運工，每日搬運重物約200次，已12年。", diagnosed_by="臺北市立聯合醫院職業醫學科",
            diagnosed_on=timezone.localdate() - timedelta(days=20), consent=True,
            employer=EmployerInput(name=employer.name, business_id=employer.business_id or "") if employer else None,
        ), actor=citizens[0])
        made += 1
    return made


def history(rng: random.Random, count: int, employers: list[Employer] | None = None) -> int:
    """`count` closed accidents of the last two years, in bulk (for the map at city size;
    bench/accidents.py uses it too). Severity and reportability follow the services'
    rules (`services.severity_of`); the 8-hour deadline is met, so none is late."""
    if count <= 0:
        return 0
    unit = Unit.objects.get(code=workflows.UNIT)
    pool = [employer.pk for employer in (employers or [])[:2000]] or [
        Employer.objects.get_or_create(name="歷史資料營造有限公司")[0].pk]
    districts = {district.zip3: district.pk for district in District.objects.all()}
    shapes = geo.districts()
    now = timezone.now()
    made = 0
    while made < count:
        rows = []
        for _ in range(min(BATCH, count - made)):
            shape = rng.choice(shapes)
            lon = shape.centroid[0] + rng.uniform(-0.008, 0.008)
            lat = shape.centroid[1] + rng.uniform(-0.008, 0.008)
            found = geo.district_at(lon, lat)
            if found is None or found.zip3 != shape.zip3:  # jittered over the border
                lon, lat = shape.centroid
            roll = rng.random()
            deaths, injured, hospitalised = (1, 0, 0) if roll < 0.04 else (0, 1, 1) if roll < 0.25 else (0, 1, 0)
            at = now - timedelta(days=rng.randint(14, 730), minutes=rng.randint(0, 1440))
            rows.append((at, shape.zip3, lon, lat, deaths, injured, hospitalised, rng.choice(pool)))
        by_year: dict[int, list] = {}
        for row in rows:
            by_year.setdefault(roc_calendar.to_roc(timezone.localdate(row[0]))[0], []).append(row)
        with transaction.atomic():
            for roc_year, group in by_year.items():
                numbers = case_services.case_numbers_reserve(workflows.ACCIDENT_WORKFLOW.type_code, roc_year, len(group))
                cases = Case.objects.bulk_create([
                    Case(number=f"{roc_year}-{workflows.ACCIDENT_WORKFLOW.type_code}-{number:06d}",
                         case_type=workflows.ACCIDENT_CASE_TYPE, unit=unit, status="CLOSED",
                         title="職業災害通報（歷史資料）", channel="phone", opened_at=row[0],
                         state_entered_at=row[0] + timedelta(days=3), closed_at=row[0] + timedelta(days=3))
                    for number, row in zip(numbers, group, strict=True)], batch_size=1000)
                CaseParty.objects.bulk_create([CaseParty(case=case, role="EMPLOYER", employer_id=row[7])
                                               for case, row in zip(cases, group, strict=True)], batch_size=2000)
                records = []
                for case, (at, zip3, lon, lat, deaths, injured, hospitalised, employer_id) in zip(cases, group, strict=True):
                    local = timezone.localtime(at)
                    cell_x, cell_y = geo.grid_cell(lon, lat)
                    severity = services.severity_of(deaths, injured, hospitalised)
                    records.append(Accident(
                        case=case, employer_id=employer_id, industry_section=rng.choice("CFFFGHIN"), channel="phone",
                        occurred_at=at, known_at=at, reported_at=at + timedelta(hours=rng.uniform(0.2, 4)),
                        district_id=districts[zip3], lon=lon, lat=lat, accident_type=rng.choice(AccidentType.values),
                        description=rng.choice(DESCRIPTIONS), deaths=deaths, injured=injured,
                        hospitalised=hospitalised, severity=severity, reportable=deaths > 0 or hospitalised > 0,
                        month=date(local.year, local.month, 1), cell_x=cell_x, cell_y=cell_y))
                Accident.objects.bulk_create(records, batch_size=1000)
        made += len(rows)
    return made
