"""Demo complaints in every state of the workflow, driven through the real services
(so timelines, sign-offs, fines and notices are what a real case would have)."""

import random
from datetime import timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.models import User
from laborbureau.core.services import EmployerInput
from laborbureau.relations import services
from laborbureau.relations.models import ComplaintCategory
from laborbureau.rules import working_days

TARGETS = [
    "SUBMITTED", "SUBMITTED", "INVESTIGATING", "INVESTIGATING", "INVESTIGATING", "FINDINGS_RECORDED",
    "FINE_PENDING_APPROVAL", "FINED", "CLOSED", "CLOSED", "NOT_ACCEPTED", "WITHDRAWN",
]
STORIES = [
    "每月加班約30小時，公司只給補休，離職時也未結算加班費。",
    "公司連續兩個月延遲發薪，至今仍有一個月薪資未發。",
    "排班常連續工作超過12小時，且七休一未落實。",
    "公司以底薪低於基本工資方式計薪，全勤獎金另計。",
    "離職後發現公司未依法提繳6%勞工退休金。",
    "主管口頭通知隔天不用來上班，未給預告工資及資遣費。",
]


def seed(*, rng: random.Random, citizens: list[User], employers, officers: list[User], chief: User, director: User,
         count: int) -> list[Case]:
    cases = []
    for index in range(count):
        worker = citizens[index % len(citizens)]
        employer = employers[index % len(employers)]
        target = TARGETS[index % len(TARGETS)]
        officer = officers[index % len(officers)]
        try:
            complaint = services.complaint_file(
                data=services.ComplaintInput(
                    employer=EmployerInput(name=employer.name, business_id=employer.business_id or ""),
                    categories=rng.sample(
                        [c for c in ComplaintCategory.values if c != "OTHER"], rng.randint(1, 3)
                    ),
                    description=rng.choice(STORIES),
                    still_employed=rng.random() < 0.5,
                ),
                actor=worker,
            )
        except Exception:  # noqa: BLE001, S112 - a duplicate pairing in the demo: skip it
            continue
        case = complaint.case
        _drive(case, target, officer, chief, director, worker, rng)
        _backdate(case, rng.randint(0, 75))
        cases.append(case)
    return cases


def _drive(case, target, officer, chief, director, worker, rng):
    fire = case_services.case_transition
    if target == "SUBMITTED":
        return
    if target == "WITHDRAWN":
        fire(case=case, name="withdraw", actor=worker, data={"reason": "已與公司和解"})
        return
    if target == "NOT_ACCEPTED":
        fire(case=case, name="not_accept", actor=officer, data={"reason": "事業單位位於新北市，已移送新北市政府勞工局。"})
        return
    fire(case=case, name="accept", actor=officer)
    if target == "INVESTIGATING":
        return
    violation = target in ("FINE_PENDING_APPROVAL", "FINED") or rng.random() < 0.3
    fire(
        case=case, name="record_findings", actor=officer,
        data={
            "findings": "調閱出勤紀錄及薪資清冊，" + ("確認未依法給付延長工時工資。" if violation else "查無違法情事。"),
            "violation_found": "yes" if violation else "no",
        },
    )
    if target == "FINDINGS_RECORDED":
        return
    if target == "CLOSED" and not violation:
        fire(case=case, name="close", actor=officer, data={"outcome_summary": "經查事業單位已依法給付，查無違法。"})
        return
    fire(
        case=case, name="propose_fine", actor=officer,
        data={
            "violated_article": "第24條",
            "fine_article": "LSA|第79條第1項",
            "violation_date": (timezone.localdate() - timedelta(days=90)).isoformat(),
            "amount": str(rng.choice((20000, 30000, 50000, 100000))),
        },
    )
    if target == "FINE_PENDING_APPROVAL":
        return
    signoff = SignOff.objects.get(case=case, status="PENDING")
    case_services.signoff_decide(signoff=signoff, actor=chief, approve=True)
    case_services.signoff_decide(signoff=SignOff.objects.get(pk=signoff.pk), actor=director, approve=True)
    if target == "FINED":
        return
    fire(
        case=Case.objects.get(pk=case.pk), name="close_after_fine", actor=officer,
        data={"outcome_summary": "經查違反勞動基準法第24條，已依同法第79條裁處罰鍰並公布事業單位名稱。"},
    )


def _backdate(case: Case, days: int) -> None:
    """Spread the demo over the last weeks so that due-soon and overdue lists have rows."""
    case.refresh_from_db()
    opened = case.opened_at - timedelta(days=days)
    due = None
    if case.closed_at is None and case.due_date is not None:
        due = working_days.deadline(timezone.localdate(opened), 60, "calendar")
    Case.objects.filter(pk=case.pk).update(opened_at=opened, due_date=due)
