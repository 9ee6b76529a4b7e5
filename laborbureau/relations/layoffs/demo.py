"""Demo mass layoffs, through the real services: plans in time and late (with their
monitoring case), plans through the negotiation committee, and layoff notices that
cross a threshold without a plan. Uses the demo logins lr_officer, lr_chief and
employer (the fine waits for the director's approval)."""

import random
from datetime import timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.core import services as core_services
from laborbureau.core.services import EmployerInput
from laborbureau.relations.layoffs import services
from laborbureau.relations.layoffs.models import LayoffMonitoring


def _plan(employer, *, days_ahead, count, headcount, site, received_ago=0):
    today = timezone.localdate()
    return services.LayoffPlanInput(
        establishment_name=site, legal_ground="LSA11_2", reason="訂單大幅減少，部分產線停止，業務緊縮。",
        departments="生產部、物流部",
        schedule=[services.Tranche(today + timedelta(days=days_ahead), count)],
        selection_criteria="依年資、考核成績及家庭狀況綜合評定。", severance_method="依勞工退休金條例第12條計給，另加發一個月。",
        reemployment_plan="會同臺北市就業服務處辦理再就業說明會及職業訓練轉介。", headcount=headcount,
        notified_party="UNION", notified_on=today - timedelta(days=received_ago), posted_on=today - timedelta(days=received_ago),
        employer=EmployerInput(name=employer.name, business_id=employer.business_id or ""),
        received_on=today - timedelta(days=received_ago), channel="mail",
    )


def seed(*, rng: random.Random, citizens, employers, staff) -> int:
    officer, chief = staff["lr_officer"], staff["lr_chief"]
    fire = case_services.case_transition
    created = 0
    pool = [e for e in employers if e.business_id][:6]
    if len(pool) < 4:
        return 0
    # 1. In time, reviewed, negotiating.
    plan = services.layoff_plan_file(data=_plan(pool[0], days_ahead=75, count=45, headcount=120, site="內湖廠"),
                                     actor=officer)
    fire(case=plan.case, name="review", actor=officer)
    fire(case=plan.case, name="record_negotiation_start", actor=officer,
         data={"started_on": timezone.localdate().isoformat()})
    created += 1
    # 2. Through the committee to an agreement.
    plan = services.layoff_plan_file(data=_plan(pool[1], days_ahead=65, count=60, headcount=150, site="南港廠",
                                                received_ago=2), actor=officer)
    fire(case=plan.case, name="review", actor=officer)
    fire(case=plan.case, name="request_committee", actor=officer, data={"reason": "工會拒絕資方所提資遣條件。"})
    fire(case=plan.case, name="convene_committee", actor=officer,
         data={"meeting_date": timezone.localdate().isoformat(), "members": "7"})
    fire(case=plan.case, name="record_agreement", actor=officer, data={"agreement_summary": "資遣費加發二個月，並優先回聘。"})
    created += 1
    # 3. Late: the monitoring case proposes an Art. 17 fine awaiting the director.
    plan = services.layoff_plan_file(data=_plan(pool[2], days_ahead=25, count=35, headcount=90, site="信義門市"),
                                     actor=officer)
    monitoring = LayoffMonitoring.objects.get(plan=plan)
    fire(case=monitoring.case, name="take", actor=officer)
    fire(case=monitoring.case, name="propose_fine", actor=officer,
         data={"violation_date": (plan.notice_due + timedelta(days=1)).isoformat(), "amount": "150000"})
    case_services.signoff_decide(signoff=SignOff.objects.get(case=monitoring.case, status="PENDING"), actor=chief,
                                 approve=True)
    created += 2
    # 4. The demo employer's own plan on the portal, if the login exists.
    account = staff.get("employer")
    if account is not None and account.employer_id:
        today = timezone.localdate()
        services.layoff_plan_file(data=services.LayoffPlanInput(
            establishment_name="總公司", legal_ground="MERGER", reason="與母公司合併，重複職務裁撤。", departments="行政部",
            schedule=[services.Tranche(today + timedelta(days=45), 12)], selection_criteria="重複職務。",
            severance_method="依法計給。", reemployment_plan="協助轉任關係企業。", headcount=28,
        ), actor=account)
        created += 1
    # 5. Layoff notices at a small site that cross without a plan: the same-day alert.
    site = core_services.establishment_add(employer=pool[3], name="大同倉庫", actor=officer)
    for days_ago, count in ((40, 4), (20, 4), (3, 3)):
        services.layoff_event_record(establishment=site, day=timezone.localdate() - timedelta(days=days_ago),
                                     count=count, source="EMPLOYMENT_NOTICE", actor=None,
                                     headcount=26 if days_ago == 40 else None, reference=f"資遣通報-{rng.randint(1000, 9999)}")
    created += 1
    return created
