"""Demo mediations in every state, driven through the real services (notices, records
and timelines are what a real case would have), then spread over the last months so
that the statistics have months, districts, industries and days to close.

Logins relied on (core.demo): lr_officer (files and schedules), lr_mediator and
lr_chief (on the mediator roster), citizen (the first worker: an open case with a
meeting), employer (the demo employer login's company is the respondent of several)."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case
from laborbureau.core.errors import ApplicationError
from laborbureau.core.models import User
from laborbureau.core.services import EmployerInput
from laborbureau.relations.mediation import services
from laborbureau.relations.mediation.models import ClaimType, Dispute, MediatorProfile, Meeting

TARGETS = [
    "MEETING_SCHEDULED", "SUBMITTED", "MEDIATOR_ASSIGNED", "SETTLED", "NOT_SETTLED", "SETTLED", "RESPONDENT_ABSENT",
    "WITHDRAWN", "AWAITING_NEXT_MEETING", "SETTLED", "NOT_SETTLED", "SUBMITTED", "SETTLED", "MEETING_SCHEDULED",
]
STORIES = [
    "公司自今年起未給付延長工時工資，每月約加班30小時。",
    "公司以業務緊縮為由資遣，未給付資遣費及預告工資。",
    "主管口頭解僱，未說明理由，認為係違法解僱。",
    "離職時特別休假未休完，公司不願折發工資。",
    "公司未依法提繳6%勞工退休金，要求補提繳。",
    "上班途中發生車禍，公司未給付職災期間原領工資。",
]
AMOUNTS = {
    ClaimType.UNPAID_WAGES: (20000, 120000), ClaimType.OVERTIME: (8000, 90000), ClaimType.SEVERANCE: (30000, 400000),
    ClaimType.LEAVE: (3000, 30000), ClaimType.PENSION: (5000, 80000),
    ClaimType.OCCUPATIONAL_ACCIDENT: (20000, 300000),
}


def _roster(staff: dict[str, User]) -> list[User]:
    mediators = []
    for username, languages in (("lr_mediator", ["zh", "en"]), ("lr_chief", ["zh", "vi"])):
        user = staff.get(username)
        if user is None:
            continue
        MediatorProfile.objects.get_or_create(
            user=user, defaults={"languages": languages, "weekdays": [0, 1, 2, 3, 4], "max_open_cases": 60}
        )
        mediators.append(user)
    return mediators


def _claims(rng: random.Random) -> list[services.ClaimInput]:
    kinds = rng.sample([k for k in ClaimType.values if k != ClaimType.OTHER], rng.randint(1, 3))
    claims = []
    for kind in kinds:
        low_high = AMOUNTS.get(kind)
        claims.append(services.ClaimInput(
            claim_type=kind, amount=rng.randrange(low_high[0], low_high[1], 1000) if low_high else None))
    return claims


def seed(*, rng: random.Random, citizens: list[User], employers, staff: dict[str, User]) -> int:
    officer = staff["lr_officer"]
    mediators = _roster(staff)
    if not mediators:
        return 0
    made = 0
    for index, target in enumerate(TARGETS):
        # The first employer (the demo employer login's) is the respondent of every third case.
        employer = employers[0] if index % 3 == 0 else employers[(index * 7 + 1) % len(employers)]
        employer_input = EmployerInput(name=employer.name, business_id=employer.business_id or "")
        if index == 11:
            employer_input = EmployerInput(name="永康街無名小吃店", address="臺北市大安區永康街")  # no 統一編號 yet
        dispute = None
        for attempt in range(len(citizens)):  # a worker with an open case here: the next one
            worker = citizens[(index + attempt) % len(citizens)]
            try:
                dispute = services.dispute_file(
                    data=services.DisputeInput(
                        applicant_kind="WORKER", procedure="committee" if index == 2 else "mediator",
                        employer=employer_input, claims=_claims(rng), description=rng.choice(STORIES),
                        language="vi" if index % 5 == 4 else "zh",
                    ),
                    actor=worker,
                )
                break
            except ApplicationError:
                continue
        if dispute is None:
            continue
        mediator_user = mediators[index % len(mediators)]
        _drive(dispute, target, officer, mediator_user, worker, rng)
        made += 1
    return made


def _drive(dispute: Dispute, target: str, officer: User, mediator_user: User, worker: User, rng) -> None:
    case = dispute.case
    fire = case_services.case_transition
    if target == "SUBMITTED":
        return
    if target == "WITHDRAWN":
        fire(case=case, name="withdraw", actor=worker, data={"reason": "已與公司自行和解"})
        _spread(dispute, rng.randint(5, 60), rng.randint(1, 10))
        return
    if dispute.procedure == "committee":
        fire(case=case, name="designate_committee", actor=officer,
             data={"mediator": str(mediator_user.pk), "committee_members": "勞方選定委員、資方選定委員"})
    else:
        fire(case=case, name="assign_mediator", actor=officer, data={"mediator": str(mediator_user.pk)})
    if target == "MEDIATOR_ASSIGNED":
        return
    dispute.refresh_from_db()
    slot = services.slot_proposals(dispute)[0]
    services.meeting_schedule(case=case, actor=officer, starts_at=slot.starts_at, room_id=slot.room.pk)
    if target == "MEETING_SCHEDULED":
        return
    received_days_ago = rng.randint(8, 150)
    with transaction.atomic():
        meeting = dispute.meetings.get(status="SCHEDULED")
        start = timezone.now() - timedelta(days=received_days_ago - 5)
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(minutes=90))
        today = timezone.localdate()
        Dispute.objects.filter(pk=dispute.pk).update(
            received_on=today - timedelta(days=received_days_ago), appointed_on=today - timedelta(days=received_days_ago - 2)
        )
    outcome = {"AWAITING_NEXT_MEETING": "ADJOURNED"}.get(target, target)
    claims = list(dispute.claims.all())
    settled = {c.claim_type: int(c.amount * rng.choice((0.6, 0.8, 1.0))) for c in claims if c.amount is not None}
    services.dispute_outcome_record(
        case=case, actor=mediator_user,
        data=services.OutcomeInput(
            outcome=outcome, applicant_attended=True, respondent_attended=outcome != "RESPONDENT_ABSENT",
            record_summary={
                "SETTLED": "經調解人說明相關法令，雙方就給付金額及期限達成合意。",
                "NOT_SETTLED": "雙方對請求金額差距過大，無法達成合意。",
                "RESPONDENT_ABSENT": "相對人經合法通知，無正當理由未到場。",
                "ADJOURNED": "雙方需補充出勤紀錄及薪資資料，另訂期日續行調解。",
            }[outcome],
            settlement_terms="相對人同意於30日內將前述金額匯入申請人薪資帳戶。" if outcome == "SETTLED" else "",
            settled_amounts=settled if outcome == "SETTLED" else {},
        ),
    )
    if outcome != "ADJOURNED":
        _spread(dispute, received_days_ago, rng.randint(6, 35))


def _spread(dispute: Dispute, received_days_ago: int, days_to_close: int) -> None:
    """Move a closed demo case's receipt and closing into the past (statistics)."""
    now = timezone.now()
    opened = now - timedelta(days=received_days_ago)
    closed = min(now, opened + timedelta(days=days_to_close))
    Case.objects.filter(pk=dispute.pk).update(opened_at=opened, closed_at=closed)
    Dispute.objects.filter(pk=dispute.pk).update(received_on=timezone.localdate(opened),
                                                 outcome_on=timezone.localdate(closed))

