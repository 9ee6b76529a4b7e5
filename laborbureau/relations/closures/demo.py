"""Demo closure determinations through the real services: applications in several
states, one with two workers, one determined with its letter. Uses the demo logins
lr_officer and lr_chief and the demo citizens."""

import random
from datetime import timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.core.services import EmployerInput
from laborbureau.relations.closures import services


def _apply(employer, worker, statement):
    return services.closure_apply(
        data=services.ClosureApplyInput(
            employer=EmployerInput(name=employer.name, business_id=employer.business_id or ""),
            statement=statement, claimed_since=timezone.localdate() - timedelta(days=45),
        ),
        actor=worker,
    )[0]


def seed(*, rng: random.Random, citizens, employers, staff) -> int:
    officer, chief = staff["lr_officer"], staff["lr_chief"]
    workers = [c for c in citizens if c.person_id]
    pool = [e for e in employers if e.business_id][-4:]
    if len(workers) < 3 or len(pool) < 3:
        return 0
    fire = case_services.case_transition
    today = timezone.localdate().isoformat()
    # Submitted, by one worker.
    _apply(pool[0], workers[0], "公司上週起大門深鎖，老闆電話不通。")
    # Investigating, two workers, visit recorded.
    record = _apply(pool[1], workers[1], "公司停止營業，積欠兩個月薪資。")
    _apply(pool[1], workers[2], "我也是該公司員工，薪資未發。")
    fire(case=record.case, name="accept", actor=officer)
    fire(case=record.case, name="record_visit", actor=officer, data={"visit_date": today, "findings": "現場已清空，張貼停業公告。"})
    # Determined, with the letter.
    record = _apply(pool[2], workers[0], "工廠已停工，機器搬離。")
    fire(case=record.case, name="accept", actor=officer)
    fire(case=record.case, name="record_visit", actor=officer, data={"visit_date": today, "findings": "廠房無人，機具已搬離。"})
    fire(case=record.case, name="record_evidence", actor=officer,
         data={"kind": "TAX", "observed_on": today, "note": "國稅局稅籍登記為停業。", "supports_closure": "yes"})
    fire(case=record.case, name="record_evidence", actor=officer,
         data={"kind": "UTILITIES", "observed_on": today, "note": "台電已停止供電。", "supports_closure": "yes"})
    fire(case=record.case, name="propose_determination", actor=officer, data={
        "outcome": "CEASED", "closed_since": (timezone.localdate() - timedelta(days=rng.randint(30, 60))).isoformat(),
        "reasons": "現場無營運事實，稅籍停業且已停止供電。"})
    case_services.signoff_decide(signoff=SignOff.objects.get(case=record.case, status="PENDING"), actor=chief,
                                 approve=True)
    return 3
