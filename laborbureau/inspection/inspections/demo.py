"""Demo labor inspections. Through the real services at every scale: the current year's
risk-based plan (chosen by lio_chief, assigned to lio_inspector), an inspection under
way on a construction site with findings, a stop-work order on the demo employer with
its resumption request awaiting review, a corrective notice with its re-inspection,
and a labor-conditions violation whose fine awaits the director's approval.

Bulk by design: `seed(scale=667)` adds about 200,000 past inspections (300 per scale;
the issue's benchmark size) with bulk_create: case headers numbered from the real
sequences, the employer as party, the domain rows and a violation finding for each
violation counted, and 3% still open on lio_inspector's worklist."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, CaseParty, SignOff
from laborbureau.core.models import Employer, Establishment, Unit, User
from laborbureau.inspection.inspections import checklists, services, workflows
from laborbureau.inspection.inspections.models import (
    ConstructionProject,
    Finding,
    FindingResult,
    Inspection,
    InspectionType,
    Origin,
)
from laborbureau.rules import roc_calendar

INSPECTIONS_PER_SCALE = 300
BATCH = 5000
OPEN_SHARE = 0.03


def seed(*, rng: random.Random, citizens, employers: list[Employer], staff: dict[str, User], scale: int = 1) -> int:
    needed = ("lio_inspector", "lio_chief")
    if any(name not in staff for name in needed) or not employers:
        return 0
    made = 0
    if not Inspection.objects.filter(origin=Origin.PLAN).exists():
        made += _stories(rng, employers, staff)
    wanted = INSPECTIONS_PER_SCALE * scale - Inspection.objects.count()
    if scale > 1 and wanted > 0:
        made += _bulk(rng, wanted, staff)
    return made


def _stories(rng, employers, staff) -> int:
    inspector, chief = staff["lio_inspector"], staff["lio_chief"]
    officer = staff.get("lio_officer", inspector)
    director = staff.get("director")
    today = timezone.localdate()
    fire = case_services.case_transition
    sites = list(Establishment.objects.filter(employer__in=employers[:60]).select_related("employer").order_by("pk"))
    demo_site = next((site for site in sites if site.employer_id == employers[0].pk), None)
    if demo_site is None or len(sites) < 13:
        return 0
    # Construction in progress at a few sites (the plan's risk score reads it).
    for site in [demo_site, *sites[5:8]]:
        ConstructionProject.objects.create(establishment=site, name=f"{site.employer.name}新建工程",
                                           starts_on=today - timedelta(days=90), ends_on=today + timedelta(days=270),
                                           type_d=site is demo_site, recorded_by=chief)
    plan = services.plan_generate(year=today.year, count=12, actor=chief)
    made = len(plan.created)
    # The demo employer's construction site: under way, a violation, a stop-work order
    # and the employer's resumption request waiting for the inspector.
    visit = services.inspection_open(establishment=demo_site, inspection_type=InspectionType.CONSTRUCTION,
                                     origin=Origin.OTHER, actor=inspector, inspector=inspector, scheduled_for=today)
    fire(case=visit.case, name="start", actor=inspector)
    for item in checklists.checklist("CONSTRUCTION").items:
        bad = item.code in ("C01", "C05")
        services.finding_record(inspection=visit, item_code=item.code, result="VIOLATION" if bad else "COMPLIANT",
                                note="7樓樓板開口未設護欄及護蓋，勞工有墜落之虞。" if bad else "", actor=inspector)
    order = services.stop_work_order_issue(inspection=visit, actor=inspector, basis="LIA_28", scope="PARTIAL",
                                           area="7樓樓板開口周邊作業", danger="7樓樓板開口未設護欄及護蓋，勞工有墜落之虞。",
                                           item_codes=["C01", "C05"])
    company = User.objects.filter(username="employer").first()
    if company is not None and company.employer_id == order.employer_id:
        services.resumption_apply(order=order, actor=company, improvements="7樓樓板開口已設置護欄（上欄杆高度90公分以上）及護蓋。")
    # Another site visited earlier: recorded, notice with a deadline, re-inspection scheduled.
    earlier = services.inspection_open(establishment=sites[10], inspection_type=InspectionType.GENERAL,
                                       origin=Origin.OTHER, actor=inspector, inspector=inspector,
                                       scheduled_for=today - timedelta(days=3))
    _record(earlier, inspector, violations=("G03",))
    fire(case=earlier.case, name="issue_notice", actor=inspector, data={"deadline": today + timedelta(days=30)})
    # A labor-conditions inspection: unpaid overtime, fine signed by the chief, awaiting the director.
    wages = services.inspection_open(establishment=sites[12], inspection_type=InspectionType.LABOR_CONDITIONS,
                                     origin=Origin.CAMPAIGN, campaign="餐飲業勞動條件專案檢查", actor=officer,
                                     inspector=inspector, scheduled_for=today - timedelta(days=2))
    _record(wages, inspector, violations=("L04",))
    fire(case=wages.case, name="propose_fine", actor=inspector, data={
        "fine_article": "LSA|第79條第1項", "violated_article": "第24條",
        "violation_date": today - timedelta(days=40), "amount": 50000})
    signoff = SignOff.objects.filter(case=wages.case).first()
    if signoff is not None and director is not None:
        case_services.signoff_decide(signoff=signoff, actor=chief, approve=True, comment="")
    return made + 3


def _record(inspection, inspector, *, violations):
    case_services.case_transition(case=inspection.case, name="start", actor=inspector)
    for item in services.checklist_items(inspection):
        bad = item.code in violations
        services.finding_record(inspection=inspection, item_code=item.code, result="VIOLATION" if bad else "COMPLIANT",
                                note="抽查出勤紀錄，延長工時未依規定加給工資。" if bad else "", actor=inspector)
    services.acknowledgement_record(inspection=inspection, actor=inspector, name="林經理", title="人資主管", method="typed")
    case_services.case_transition(case=inspection.case, name="complete", actor=inspector)


def _bulk(rng, count: int, staff) -> int:
    inspector = staff["lio_inspector"]
    unit = Unit.objects.get(code=workflows.UNIT)
    sites = list(Establishment.objects.filter(employer__merged_into__isnull=True).values_list("pk", "employer_id", "name"))
    types = list(InspectionType.values)
    type_labels = {value: InspectionType(value).label.split(" ")[0] for value in types}
    item_codes = {value: [item for item in checklists.checklist(value).items] for value in types}
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        rows = []
        for _ in range(size):
            is_open = rng.random() < OPEN_SHARE
            day = today - timedelta(days=rng.randint(0, 20) if is_open else rng.randint(15, 3 * 365))
            rows.append((day, is_open, rng.choice(sites), rng.choice(types)))
        by_year: dict[int, list] = {}
        for row in rows:
            by_year.setdefault(roc_calendar.to_roc(row[0])[0], []).append(row)
        with transaction.atomic():
            for roc_year, group in by_year.items():
                numbers = case_services.case_numbers_reserve("INS", roc_year, len(group))
                cases, domain = [], []
                for number, (day, is_open, (site_id, employer_id, site_name), kind) in zip(numbers, group, strict=True):
                    at = timezone.make_aware(datetime.combine(day, time(9, rng.randint(0, 59))), tz)
                    violations = 0 if is_open else rng.choice((0, 0, 0, 1, 1, 2))
                    # Open: planned or under way. Done: closed, or within the correction period
                    # when violations were found in the last six weeks.
                    status = (rng.choice(("PLANNED", "IN_PROGRESS")) if is_open
                              else "CORRECTION" if violations and (today - day).days < 45 else "CLOSED")
                    cases.append(Case(number=f"{roc_year}-INS-{number:06d}", case_type=workflows.INSPECTION_CASE_TYPE,
                                      unit=unit, status=status, title=f"{type_labels[kind]}：{site_name}"[:200],
                                      assignee=inspector, channel="ex_officio", opened_at=at, state_entered_at=at,
                                      closed_at=at + timedelta(hours=3) if status == "CLOSED" else None))
                    domain.append((site_id, employer_id, kind, status, day, is_open, violations))
                cases = Case.objects.bulk_create(cases, batch_size=1000)
                CaseParty.objects.bulk_create(
                    [CaseParty(case=case, role="EMPLOYER", employer_id=row[1])
                     for case, row in zip(cases, domain, strict=True) if row[3] != "PLANNED"], batch_size=2000)
                inspections = Inspection.objects.bulk_create([
                    Inspection(case=case, employer_id=employer_id, establishment_id=site_id, inspection_type=kind,
                               origin=rng.choice((Origin.PLAN, Origin.PLAN, Origin.COMPLAINT, Origin.CAMPAIGN)),
                               status=status, inspector=inspector, scheduled_for=day,
                               completed_on=None if is_open else day, violations=violations,
                               representative_name="" if is_open else "現場負責人",
                               acknowledgement="" if is_open else "typed")
                    for case, (site_id, employer_id, kind, status, day, is_open, violations) in zip(cases, domain, strict=True)
                ], batch_size=1000)
                findings = []
                for inspection, row in zip(inspections, domain, strict=True):
                    for item in rng.sample(item_codes[row[2]], row[6]):
                        findings.append(Finding(inspection=inspection, item_code=item.code, provision=item.provision,
                                                result=FindingResult.VIOLATION, note="（歷史資料）",
                                                penalty=item.penalty or "", recorded_by=inspector,
                                                recorded_at=inspection.case.opened_at))
                Finding.objects.bulk_create(findings, batch_size=2000)
        made += size
    return made
