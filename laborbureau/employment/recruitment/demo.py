"""Demo domestic recruitments, separation-certificate requests and worker transfers, made
through the services (so every rule applies) after the job bank's demo (it refers the
job bank's demo seekers). Dates are moved back afterwards where the story needs a
period that has already run; nothing else is written directly.

- three domestic recruitments: one recruiting with referrals (an outcome awaits the
  officer's judgement), one awaiting the chief's approval of its certificate, one certified;
- three separation requests: received, being handled (contacts recorded), issued;
- three transfers: awaiting registration, seeking (registered), taken over.
"""

import random
from datetime import timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.errors import ApplicationError
from laborbureau.core.models import Employer, User
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.employment import services as employment_services
from laborbureau.employment.models import JobSeeker, SeekerStatus, Vacancy
from laborbureau.employment.recruitment import services
from laborbureau.employment.recruitment.models import DomesticRecruitment, RecruitmentReferralOutcome
from laborbureau.rules import identifiers

JOBS = [
    ("電子零件組裝作業員", "81", "MANUFACTURING", "負責電子零件組裝、品質目視檢查及產線清潔，提供職前訓練。"),
    ("營造工地作業員", "93", "CONSTRUCTION", "協助模板、鋼筋搬運及工地整理，需配合戶外作業。"),
    ("機構照顧服務員", "53", "INSTITUTIONAL_CARE", "於護理之家協助住民日常生活照顧，含翻身、餵食及清潔。"),
]


def _vacancy(title, occupation, description, *, openings, employer):
    return employment_services.VacancyInput(
        title=title, description=description, occupation_code=occupation, district_code="63000010",
        address="臺北市內湖區瑞光路100號", pay_unit="MONTHLY", pay_min=30000, pay_max=34000, hours="SHIFT",
        openings=openings, closing_date=timezone.localdate() + timedelta(days=30),
        employer=EmployerInput(name=employer.name, business_id=employer.business_id or ""),
    )


def _backdate(recruitment: DomesticRecruitment, days: int) -> None:
    DomesticRecruitment.objects.filter(pk=recruitment.pk).update(
        registered_on=recruitment.registered_on - timedelta(days=days))
    vacancy = recruitment.vacancy
    Vacancy.objects.filter(pk=vacancy.pk).update(posted_at=vacancy.posted_at - timedelta(days=days),
                                                 posted_on=vacancy.posted_on - timedelta(days=days))
    Case.objects.filter(pk=recruitment.case_id).update(opened_at=recruitment.case.opened_at - timedelta(days=days))


def _recruitments(rng, employers, officer, chief, seekers) -> int:
    made = 0
    pool = [e for e in employers if e.business_id][:3]
    if len(pool) < 3 or officer is None:
        return 0
    for index, (employer, (title, occupation, category, description)) in enumerate(zip(pool, JOBS, strict=True)):
        recruitment = services.domestic_recruitment_register(
            data=services.RecruitmentInput(
                vacancy=_vacancy(title, occupation, description, openings=3, employer=employer),
                work_category=category, union_notified_on=timezone.localdate(),
                posted_at_workplace_on=timezone.localdate()),
            actor=officer)
        made += 1
        if recruitment.vacancy.posted_at is None:
            continue  # held by the screening: waits for the officer like any vacancy
        referrals = []
        for seeker in seekers[index * 3:index * 3 + 3]:
            try:
                referrals.append(employment_services.referral_create(seeker=seeker, vacancy=recruitment.vacancy,
                                                                     actor=officer))
            except ApplicationError:  # a demo seeker that cannot be referred is skipped
                continue
        decisions = [("HIRED", ""), ("REFUSED", "NO_SHOW"), ("REFUSED", "EXTRA_REQUIREMENT")]
        for referral, (decision, reason) in zip(referrals, decisions, strict=False):
            outcome = services.referral_outcome_record(
                recruitment=recruitment, referral=referral, decision=decision, reason=reason, actor=officer,
                detail="要求具越南語能力（求才登記未載明）" if reason == "EXTRA_REQUIREMENT" else "")
            made += 1
            if index > 0 and decision == "REFUSED":  # the others are judged; the first awaits the officer
                services.referral_outcome_judge(outcome=outcome, lawful=True, actor=officer,
                                                note="經查求職人所述屬實，理由正當。" if reason != "NO_SHOW" else "")
        if index == 0:
            continue
        _backdate(recruitment, 10)
        recruitment = DomesticRecruitment.objects.select_related("case").get(pk=recruitment.pk)
        if RecruitmentReferralOutcome.objects.filter(recruitment=recruitment).count() != len(referrals):
            continue
        case_services.case_transition(case=recruitment.case, name="propose_certificate", actor=officer)
        if index == 2 and chief is not None:
            case_services.signoff_decide(signoff=SignOff.objects.get(case=recruitment.case, status="PENDING"),
                                         actor=chief, approve=True)
    return made


def _separations(citizens, employers, officer, chief) -> int:
    workers = [c for c in citizens if c.person_id][:3]
    pool = [e for e in employers if e.business_id][3:6]
    if len(workers) < 3 or len(pool) < 3 or officer is None:
        return 0
    today = timezone.localdate()
    made = 0
    for index, (worker, employer) in enumerate(zip(workers, pool, strict=True)):
        request = services.separation_request_file(data=services.SeparationInput(
            employer=EmployerInput(name=employer.name, business_id=employer.business_id or ""),
            employed_from=today - timedelta(days=500 + index), separated_on=today - timedelta(days=7 + index),
            ground=["LSA11", "LSA14", "CLOSURE"][index], job_title=["門市人員", "作業員", "廚房助手"][index],
            ground_detail=["公司以業務緊縮為由資遣。", "雇主積欠工資兩個月，依勞基法第14條終止契約。", "店家歇業。"][index],
            employer_refusal="向雇主請求開立離職證明，雇主拒絕。"), actor=worker)
        made += 1
        if index == 0:
            continue
        case_services.case_transition(case=request.case, name="take", actor=officer)
        services.employer_contact_record(request=request, contacted_on=today, method="PHONE",
                                         result="REFUSED" if index == 1 else "CLOSED_DOWN", actor=officer,
                                         note="負責人拒絕開立" if index == 1 else "店面已歇業，負責人電話未接")
        if index == 2:
            case_services.case_transition(case=request.case, name="propose_certificate", actor=officer, data={
                "verification": "CLOSURE", "verification_note": "經派員訪視，店面已歇業，商業登記已辦理歇業。"})
            if chief is not None:
                case_services.signoff_decide(signoff=SignOff.objects.get(case=request.case, status="PENDING"),
                                             actor=chief, approve=True)
    return made


def _transfers(rng, employers, officer) -> int:
    pool = [e for e in employers if e.business_id][6:10]
    if len(pool) < 4 or officer is None:
        return 0
    today = timezone.localdate()
    names = [("NGUYEN VAN AN", "VNM"), ("SITI RAHAYU", "IDN"), ("SOMCHAI PRASERT", "THA")]
    made = 0
    for index, (name, nationality) in enumerate(names):
        arc = identifiers.make_arc_new("A", 8 if index % 2 == 0 else 9, 7_100_000 + rng.randrange(800_000))
        transfer = services.worker_transfer_open(data=services.TransferInput(
            worker=PersonInput(id_number=arc, name=name), nationality=nationality,
            work_category=["MANUFACTURING", "INSTITUTIONAL_CARE", "CONSTRUCTION"][index],
            original_employer=EmployerInput(name=pool[index].name, business_id=pool[index].business_id or ""),
            ground=["CLOSURE", "OTHER", "CLOSURE"][index],
            permit_served_on=today - timedelta(days=3 + index), permit_reference=f"勞動發事字第115000{index:04d}號",
        ), actor=officer)
        made += 1
        if index == 0:
            continue
        services.worker_transfer_register(transfer=transfer, registered_on=today - timedelta(days=index),
                                          actor=officer)
        if index == 2:
            case_services.case_transition(case=transfer.case, name="take_over", actor=officer, data={
                "new_employer_name": pool[3].name, "new_employer_business_id": pool[3].business_id,
                "agreed_on": today,
            })
    return made


def seed(*, rng: random.Random, citizens: list[User], employers: list[Employer], staff: dict[str, User]) -> int:
    """Create the demo records once (0 when they exist); returns how many were made."""
    if DomesticRecruitment.objects.exists():
        return 0
    officer, chief = staff.get("eso_officer"), staff.get("eso_chief")
    seekers = list(JobSeeker.objects.filter(status=SeekerStatus.ACTIVE, consent_to_matching=True).order_by("pk")[:9])
    return (_recruitments(rng, employers, officer, chief, seekers) + _separations(citizens, employers, officer, chief)
            + _transfers(rng, employers, officer))
