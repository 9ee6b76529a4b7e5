"""Demo Labor Rights Fund applications in several states, through the real services
and workflow (sign-offs, letters, milestones, payments, a reimbursement).

Logins relied on: `lr_officer`, `lr_chief`, `director`, the demo citizens."""

import random
from datetime import timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.models import User
from laborbureau.core.services import EmployerInput
from laborbureau.relations.fund import services
from laborbureau.relations.fund.models import FundApplication

TARGETS = ["SUBMITTED", "UNDER_REVIEW", "AWAITING_DOCUMENTS", "PENDING_APPROVAL", "GRANTED", "GRANTED",
           "REFUSED", "CLOSED", "REIMBURSEMENT_DUE"]


def _fire(case, name, actor, **data):
    return case_services.case_transition(case=Case.objects.get(pk=case.pk), name=name, actor=actor, data=data)


def _approve(case, *users):
    for user in users:
        signoff = SignOff.objects.filter(case=case, status="PENDING").first()
        if signoff is None:
            return
        case_services.signoff_decide(signoff=signoff, actor=user, approve=True)


def seed(*, rng: random.Random, citizens: list[User], employers, staff: dict[str, User]) -> int:
    officer, chief, director = staff["lr_officer"], staff["lr_chief"], staff["director"]
    if FundApplication.objects.exists():
        return 0
    today = timezone.localdate()
    made = 0
    for index, target in enumerate(TARGETS):
        worker = citizens[index % len(citizens)]
        employer = employers[(index * 3) % len(employers)]
        living = target in ("GRANTED", "REIMBURSEMENT_DUE")
        requested = {"COURT_FEE": rng.choice((8_870, 12_000, 21_780)), "ATTORNEY_FEE": 40_000}
        if living:
            requested["LIVING"] = 90_000
        try:
            application = services.application_file(actor=worker, data=services.ApplicationInput(
                employer=EmployerInput(name=employer.name, business_id=employer.business_id or ""),
                dispute_kind="TERMINATION_WAGES" if index % 3 else "OCCUPATIONAL_ACCIDENT", stage="FIRST",
                requested=requested, living_months=3 if living else 0,
                mediation_reference=f"北市勞資字第115{index:07d}號", claim_amount=rng.choice((180_000, 350_000, 620_000)),
                annual_income=rng.choice((320_000, 410_000, 2_600_000 if target == "REFUSED" else 380_000)),
            ))
        except Exception:  # noqa: BLE001, S112 - a duplicate pairing in the demo: skip it
            continue
        made += 1
        case = application.case
        if target == "SUBMITTED":
            continue
        _fire(case, "accept", officer)
        if target == "UNDER_REVIEW":
            continue
        if target == "AWAITING_DOCUMENTS":
            _fire(case, "request_documents", officer, note="請於10日內補正最近一年綜合所得稅各類所得資料清單及財產歸屬資料清單。")
            continue
        if target == "REFUSED":
            _fire(case, "propose_refusal", officer, means_confirmed="no", reason="經審查所得及財產資料，屬有資力者。")
            _approve(case, chief)
            continue
        grant = {"means_confirmed": "yes", "court_fee": str(requested["COURT_FEE"]), "attorney_fee": "40000",
                 "reason": "符合補助資格。"}
        if living:
            grant.update(living_months="3", living_allowance="60000")
        _fire(case, "propose_grant", officer, **grant)
        if target == "PENDING_APPROVAL":
            continue
        _approve(case, chief, director)
        application.refresh_from_db()
        services.milestone_record(application=application, actor=officer, stage="FIRST", kind="FILED",
                                  on=today - timedelta(days=20), court="臺灣臺北地方法院",
                                  docket=f"115年度勞訴字第{100 + index}號")
        services.milestone_record(application=application, actor=officer, stage="FIRST", kind="HEARING",
                                  on=today + timedelta(days=14 + index), court="臺灣臺北地方法院")
        services.payment_record(application=application, actor=officer, item="ATTORNEY_FEE", amount=40_000,
                                paid_on=today - timedelta(days=10))
        if living:
            services.payment_record(application=application, actor=officer, item="LIVING", amount=60_000,
                                    paid_on=today - timedelta(days=5))
        if target == "GRANTED":
            continue
        outcome = "LOST" if target == "CLOSED" else "WON"
        _fire(case, "record_final_judgment", officer, outcome=outcome, final_on=today.isoformat(),
              awarded_amount="0" if outcome == "LOST" else "350000")
        if target == "CLOSED":
            _fire(case, "close", officer)
        else:
            _fire(case, "require_reimbursement", officer)
    return made
