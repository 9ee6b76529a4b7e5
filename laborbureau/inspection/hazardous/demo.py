"""Demo hazardous workplaces and machinery, through the real services: construction
projects at three sites, machinery certificates (one expiring within 60 days, one
expired), and 丁類 reviews by the demo employer (one awaiting review, one approved with
the chief's sign-off and its follow-up inspection)."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.core.models import Employer, Establishment, User, UserKind
from laborbureau.inspection.hazardous import services
from laborbureau.inspection.hazardous.models import TypeDReview
from laborbureau.inspection.inspections import services as inspection_services

PDF = b"%PDF-1.4\n% demo construction safety assessment\n" + b"0" * 128


def seed(*, rng: random.Random, citizens, employers: list[Employer], staff: dict[str, User]) -> int:
    inspector, chief = staff.get("lio_inspector"), staff.get("lio_chief")
    if inspector is None or chief is None or not employers or TypeDReview.objects.exists():
        return 0
    company = User.objects.filter(kind=UserKind.EMPLOYER, employer=employers[0], is_active=True).first()
    sites = list(Establishment.objects.filter(employer__in=employers[:20]).select_related("employer").order_by("pk")[:3])
    if company is None or not sites:
        return 0
    own = Establishment.objects.filter(employer=employers[0]).order_by("pk").first()
    today = timezone.localdate()
    made = 0
    projects = []
    for site, name in zip([own, own, *sites], ("信義區商辦大樓新建工程", "內湖科技園區廠房新建工程",
                                               "南港跨河橋梁工程", "北投地下捷運連通道工程"), strict=False):
        if site is None:
            continue
        projects.append(inspection_services.construction_project_record(
            establishment=site, name=name, starts_on=today - timedelta(days=rng.randint(0, 90)),
            ends_on=today + timedelta(days=rng.randint(400, 900)), type_d=False, actor=inspector))
        made += 1
    for site, kind, days_ago, serial in ((sites[0], "MOBILE_CRANE", 700, "北市移起字第1130412號"),
                                         (sites[-1], "GONDOLA", 380, "北市吊籠字第1140051號"),
                                         (sites[0], "FIXED_CRANE", 120, "北市固起字第1150233號")):
        inspection_services.machinery_certificate_record(
            establishment=site, kind=kind, serial=serial, inspected_on=today - timedelta(days=days_ago), actor=inspector)
        made += 1
    if own is not None and len(projects) >= 2:
        document = [services.Document("SAFETY_ASSESSMENT", "施工安全評估報告書.pdf", PDF)]
        waiting = services.review_apply(actor=company, project=projects[0], work_starts_on=today + timedelta(days=45),
                                        measures={"building_height_m": Decimal("96.5"),
                                                  "excavation_depth_m": Decimal("21"),
                                                  "excavation_area_m2": Decimal("2400")}, documents=document)
        made += 1
        approved = services.review_apply(actor=company, project=projects[1], work_starts_on=today + timedelta(days=31),
                                         measures={"formwork_height_m": Decimal("8.5"),
                                                   "formwork_area_m2": Decimal("420")}, documents=document)
        services.review_act(review=approved, actor=inspector, name="propose_approval",
                            data={"site_checked_on": today, "note": "文件審查及現場檢查合格"})
        signoff = SignOff.objects.get(case=approved.case, status=SignOff.Status.PENDING)
        case_services.signoff_decide(signoff=signoff, actor=chief, approve=True)
        made += 1
        services.review_act(review=waiting, actor=inspector, name="request_supplement",
                            data={"reason": "請補附開挖擋土支撐結構計算書及監測計畫。"})
    return made
