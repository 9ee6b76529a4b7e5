"""Demo accidents, through the real services: a duty roster around now (lio_officer as
duty supervisor, lio_inspector on call), about 300 accident reports across the 12
districts and the last 12 months (phone reports recorded by lio_officer with their
call times), the reportable ones taken through acknowledgement, dispatch, arrival and
findings, a few late, one occupational disease determination recorded by an officer and
one a worker applied for on the portal."""

import random
from datetime import timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.inspection.accidents import geo, services
from laborbureau.inspection.accidents.models import Accident, AccidentType, DutyShift

COUNT = 300
DESCRIPTIONS = ["勞工於施工架作業時失足墜落。", "搬運貨物時遭堆高機撞擊。", "操作沖床時手部遭夾傷。", "更換燈具時感電。",
                "廚房地面濕滑跌倒。", "外送途中發生交通事故。", "清洗儲槽時吸入有害氣體。"]


def seed(*, rng: random.Random, citizens, employers, staff) -> int:
    if Accident.objects.exists() or "lio_officer" not in staff:
        return 0
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
        if geo.district_at(lon, lat) is None:
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
