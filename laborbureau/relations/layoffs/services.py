"""Writes of the mass-layoff program: filing a layoff plan (解僱計畫書), recording the
layoffs the department learns of (資遣通報 and officers' entries) and the monitoring
that alerts the officers when a 大量解僱勞工保護法第2條 threshold is crossed without a plan.

Public entry points (other programs call these, never the models):

    layoff_plan_file(*, data: LayoffPlanInput, actor) -> LayoffPlan
    layoff_event_record(*, establishment, day, count, source, actor, reference="", headcount=None)
        -> EventResult
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Channel, PartyRole
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Employer, Establishment, HeadcountRecord, Role, User, UserKind
from laborbureau.notify.models import Channel as NotifyChannel
from laborbureau.notify.services import outbox_write
from laborbureau.relations.layoffs.models import (
    EventSource,
    LayoffEvent,
    LayoffMonitoring,
    LayoffPlan,
    LegalGround,
    NotifiedParty,
    Trigger,
)
from laborbureau.relations.layoffs.workflows import (
    MONITORING_CASE_TYPE,
    MONITORING_WORKFLOW,
    OFFICERS,
    PLAN_CASE_TYPE,
    PLAN_WORKFLOW,
    UNIT,
)
from laborbureau.rules import mass_layoff, roc_calendar
from laborbureau.rules.base import RuleError

WINDOW_DAYS = 60  # 第2條第1項 "於六十日內"
MAX_TRANCHES = 20
MAX_TEXT = 5000
MAX_COUNT = 100_000
PLAN_CHANNELS = {Channel.PORTAL, Channel.COUNTER, Channel.MAIL, Channel.API}


@dataclass(frozen=True)
class Tranche:
    day: date
    count: int


@dataclass(frozen=True)
class LayoffPlanInput:
    establishment_name: str
    legal_ground: str
    reason: str
    departments: str
    schedule: list[Tranche]
    selection_criteria: str
    severance_method: str
    reemployment_plan: str
    headcount: int
    establishment_address: str = ""
    establishment_district: str = ""
    sudden_event: bool = False
    sudden_event_note: str = ""
    notified_party: str = ""
    notified_on: date | None = None
    posted_on: date | None = None
    # Staff recording a plan received at the counter or by post name the employer and
    # the day it was received; an employer files for itself, received today.
    employer: core_services.EmployerInput | None = None
    received_on: date | None = None
    channel: str = Channel.PORTAL
    attachments: list[tuple[str, bytes]] = field(default_factory=list)


@contextmanager
def _fields_under(prefix: str):
    try:
        yield
    except ApplicationError as error:
        if error.field and "." not in error.field:
            error.field = f"{prefix}.{error.field}"
        raise


def _text(value: str, name: str, label_zh: str, label_en: str, *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(f"請填寫{label_zh}。", f"{label_en} is required.", field=name)
    if len(value) > limit:
        raise ApplicationError(f"{label_zh}請在{limit}字以內。", f"Keep {label_en} within {limit} characters.", field=name)
    return value


def _lr_staff(actor: User) -> bool:
    return actor.kind == UserKind.STAFF and (
        (actor.role in OFFICERS and actor.unit is not None and actor.unit.code == UNIT) or actor.role == Role.DIRECTOR
    )


def _filing_employer(data: LayoffPlanInput, actor: User) -> Employer:
    if actor.kind == UserKind.EMPLOYER:
        if actor.employer_id is None:
            raise Forbidden("此帳號未連結事業單位。", "This account is not linked to an employer.")
        if data.employer is not None:
            raise Forbidden("事業單位僅能以本身名義提出解僱計畫書。", "An employer files only its own plan.")
        employer = actor.employer
    elif actor.kind == UserKind.STAFF:
        if not _lr_staff(actor):
            raise Forbidden("您的角色不可登錄解僱計畫書。", "Your role may not record layoff plans.")
        if data.employer is None:
            raise ApplicationError("請填寫事業單位資料。", "Give the employer's details.", field="employer")
        with _fields_under("employer"):
            employer, _ = core_services.employer_register(data=data.employer, actor=actor)
    else:
        raise Forbidden("解僱計畫書由事業單位提出。", "Layoff plans are filed by employers.")
    return employer.merged_into if employer.merged_into_id else employer


def _schedule(tranches: list[Tranche], received_on: date) -> list[Tranche]:
    if not tranches:
        raise ApplicationError("請至少填寫一筆解僱日期及人數。", "Give at least one layoff date and number.", field="schedule")
    if len(tranches) > MAX_TRANCHES:
        raise ApplicationError(f"解僱日期最多{MAX_TRANCHES}筆。", f"At most {MAX_TRANCHES} layoff dates.", field="schedule")
    merged: dict[date, int] = {}
    for tranche in tranches:
        if not isinstance(tranche.count, int) or isinstance(tranche.count, bool) or not 1 <= tranche.count <= MAX_COUNT:
            raise ApplicationError("解僱人數應為1以上的整數。", "Each number laid off must be a whole number of 1 or more.",
                                   field="schedule")
        if tranche.day > received_on + timedelta(days=366):
            raise ApplicationError("解僱日期請在一年以內。", "Layoff dates must be within a year.", field="schedule")
        merged[tranche.day] = merged.get(tranche.day, 0) + tranche.count
    return [Tranche(day, count) for day, count in sorted(merged.items())]


@dataclass(frozen=True)
class PlanAssessment:
    required: bool
    clause: str
    crossing_date: date | None
    notice_due: date | None
    late: bool
    days_late: int
    steps: list[dict]


def plan_assess(*, schedule: list[Tranche], headcount: int, received_on: date, sudden_event: bool) -> PlanAssessment:
    """Whether a plan with this schedule is required by 第2條 and came in time under
    第4條第1項 (rules.mass_layoff; the site's schedule alone, the enterprise clause
    on the same numbers)."""
    try:
        result = mass_layoff.assess(
            site_headcounts={"site": headcount},
            layoffs=[mass_layoff.Layoff(day=t.day, count=t.count, site="site") for t in schedule],
            sudden_event=sudden_event,
        )
    except RuleError as error:
        field_name = "headcount" if error.field == "site_headcounts" else "schedule"
        raise ApplicationError(error.message_zh, error.message_en, field=field_name) from None
    late = bool(result.crossed and result.notice_due is not None and received_on > result.notice_due)
    return PlanAssessment(
        required=result.crossed,
        clause=result.clause or "",
        crossing_date=result.crossing_date,
        notice_due=result.notice_due,
        late=late,
        days_late=(received_on - result.notice_due).days if late else 0,
        steps=[
            {"label_zh": s.label_zh, "label_en": s.label_en, "value": s.value, "formula": s.formula,
             "basis": s.basis.cite() if s.basis else ""}
            for s in result.steps
        ],
    )


def _lr_recipients() -> list[User]:
    """The labor-relations case officers and chief: the same-day alert goes to them."""
    return list(
        User.objects.filter(kind=UserKind.STAFF, is_active=True, unit__code=UNIT, role__in=OFFICERS).order_by("pk")
    )


def _alert(*, case, subject_zh: str, subject_en: str, body_zh: str, body_en: str) -> None:
    for recipient in _lr_recipients():
        outbox_write(
            recipient=recipient, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh, body_en=body_en,
            link=f"/staff/cases/{case.number}/", case_id=case.pk,
            channels=(NotifyChannel.IN_APP, NotifyChannel.EMAIL),
        )


def layoff_plan_file(*, data: LayoffPlanInput, actor: User) -> LayoffPlan:
    """File a layoff plan: checks the content 第4條第3項 requires, assesses it with
    rules.mass_layoff (required? which clause? the 第4條第1項 date; late?), opens the
    MLP case in FILED, alerts the LR officers the same day and, for a late plan (no
    sudden event), opens a monitoring case for the 第17條 fine. All or nothing."""
    today = timezone.localdate()
    received_on = data.received_on or today
    if received_on > today:
        raise ApplicationError("收件日期不可晚於今天。", "The day received cannot be in the future.", field="received_on")
    if actor.kind != UserKind.STAFF and data.received_on not in (None, today):
        raise Forbidden("收件日期由本局登錄。", "Only staff record the day a plan was received.")
    if data.channel not in PLAN_CHANNELS:
        raise ApplicationError("受理管道不正確。", "Unknown channel.", field="channel")
    if data.legal_ground not in LegalGround.values:
        raise ApplicationError("解僱事由的選項不正確。", "Unknown ground for the layoff.", field="legal_ground")
    reason = _text(data.reason, "reason", "解僱理由", "The reason")
    departments = _text(data.departments, "departments", "解僱部門", "The departments", limit=300)
    criteria = _text(data.selection_criteria, "selection_criteria", "解僱對象之選定標準", "The selection criteria")
    severance = _text(data.severance_method, "severance_method", "資遣費計算方式", "The severance computation")
    reemployment = _text(data.reemployment_plan, "reemployment_plan", "輔導轉業方案", "The re-employment assistance")
    if not isinstance(data.headcount, int) or isinstance(data.headcount, bool) or not 1 <= data.headcount <= 10**6:
        raise ApplicationError("僱用勞工人數應為1以上的整數。", "The headcount must be a whole number of 1 or more.",
                               field="headcount")
    schedule = _schedule(data.schedule, received_on)
    total = sum(t.count for t in schedule)
    if total > data.headcount:
        raise ApplicationError("解僱人數合計不可多於僱用勞工人數。", "More workers laid off than employed.", field="schedule")
    sudden_note = data.sudden_event_note.strip()
    if data.sudden_event and not sudden_note:
        raise ApplicationError("主張天災、事變或突發事件時，請說明事由。", "Describe the disaster, incident or sudden event.",
                               field="sudden_event_note")
    if data.notified_party and data.notified_party not in NotifiedParty.values:
        raise ApplicationError("通知對象的選項不正確。", "Unknown party notified.", field="notified_party")
    for name, value in (("notified_on", data.notified_on), ("posted_on", data.posted_on)):
        if value is not None and value > today:
            raise ApplicationError("日期不可晚於今天。", "The date cannot be in the future.", field=name)
    if data.notified_on and not data.notified_party:
        raise ApplicationError("請選擇通知對象。", "Say whom the plan was sent to.", field="notified_party")
    name = _text(data.establishment_name, "establishment_name", "廠場名稱", "The establishment", limit=120)
    assessment = plan_assess(schedule=schedule, headcount=data.headcount, received_on=received_on,
                             sudden_event=data.sudden_event)
    with transaction.atomic():
        employer = _filing_employer(data, actor)
        Employer.objects.select_for_update().filter(pk=employer.pk).first()  # serialise filings per employer
        establishment = Establishment.objects.filter(employer=employer, name=name).first()
        if establishment is None:
            with _fields_under("establishment"):
                establishment = core_services.establishment_add(
                    employer=employer, name=name, address=data.establishment_address,
                    district_code=data.establishment_district, actor=actor,
                )
        duplicate = (
            LayoffPlan.objects.filter(
                establishment=establishment, case__closed_at__isnull=True,
                first_day__lte=schedule[-1].day, last_day__gte=schedule[0].day,
            ).select_related("case").first()
        )
        if duplicate:
            raise ApplicationError(
                f"此廠場同期間已有處理中的解僱計畫書（{duplicate.case.number}），請於該案補充。",
                f"This establishment already has an open plan for these dates ({duplicate.case.number}).",
                field="establishment_name", code="duplicate",
            )
        case = case_services.case_open(
            case_type=PLAN_CASE_TYPE,
            title=f"{PLAN_WORKFLOW.name_zh}：{employer.name} {establishment.name}",
            actor=actor,
            channel=data.channel if actor.kind == UserKind.STAFF else (
                Channel.API if data.channel == Channel.API else Channel.PORTAL),
            parties=[case_services.PartyLink(role=PartyRole.EMPLOYER, employer=employer)],
        )
        plan = LayoffPlan.objects.create(
            case=case, employer=employer, establishment=establishment, legal_ground=data.legal_ground,
            reason=reason, departments=departments,
            schedule=[{"day": t.day.isoformat(), "count": t.count} for t in schedule],
            total_count=total, first_day=schedule[0].day, last_day=schedule[-1].day,
            selection_criteria=criteria, severance_method=severance, reemployment_plan=reemployment,
            headcount=data.headcount, sudden_event=data.sudden_event, sudden_event_note=sudden_note,
            notified_party=data.notified_party, notified_on=data.notified_on, posted_on=data.posted_on,
            received_on=received_on, required=assessment.required, clause=assessment.clause,
            crossing_date=assessment.crossing_date, notice_due=assessment.notice_due, late=assessment.late,
            days_late=assessment.days_late, assessment=assessment.steps,
        )
        case_services.timeline_append(
            case=case, actor=actor, kind="note", text=plan_summary_zh(plan), visible_to_parties=True,
            data={"required": plan.required, "clause": plan.clause, "late": plan.late, "days_late": plan.days_late},
        )
        for attachment_name, content in data.attachments:
            case_services.attachment_add(case=case, actor=actor, name=attachment_name, content=content)
        flag = f"【逾期{plan.days_late}日】" if plan.late else ""
        _alert(
            case=case,
            subject_zh=f"{flag}收到解僱計畫書 {case.number} {employer.name}"[:200],
            subject_en=f"{'[LATE] ' if plan.late else ''}Layoff plan {case.number} filed by {employer.name}"[:200],
            body_zh=plan_summary_zh(plan), body_en=plan_summary_en(plan),
        )
        if plan.late:
            _monitoring_open(
                employer=employer, establishment=establishment, trigger=Trigger.LATE_PLAN, plan=plan,
                clause=plan.clause, crossing_date=plan.crossing_date,
                window_start=plan.crossing_date - timedelta(days=WINDOW_DAYS - 1),
                counted=total, limit=0, single_day=False, notice_due=plan.notice_due,
            )
    return plan


def plan_summary_zh(plan: LayoffPlan) -> str:
    if not plan.required:
        return f"依所載人數（僱用{plan.headcount}人，解僱{plan.total_count}人），未達大量解僱勞工保護法第2條門檻。"
    text = f"符合大量解僱勞工保護法{plan.clause}（{roc_calendar.format_short(plan.crossing_date)}）。"
    if plan.sudden_event:
        return text + "主張天災、事變或突發事件，不受六十日之限制（第4條第1項但書）。"
    text += f"解僱計畫書應於{roc_calendar.format_short(plan.notice_due)}以前通知（第4條第1項）"
    return text + (f"，逾期{plan.days_late}日提出。" if plan.late else "，已於期限內提出。")


def plan_summary_en(plan: LayoffPlan) -> str:
    if not plan.required:
        return f"Below the thresholds of Art. 2 ({plan.total_count} of {plan.headcount} workers)."
    text = f"A mass layoff under Art. 2 ({plan.clause}) on {plan.crossing_date}. "
    if plan.sudden_event:
        return text + "Sudden event claimed: no 60-day notice (Art. 4(1) proviso)."
    text += f"The plan was due by {plan.notice_due} (Art. 4(1))"
    return text + (f"; filed {plan.days_late} days late." if plan.late else "; filed in time.")


# --- monitoring -----------------------------------------------------------------------------


def _monitoring_open(*, employer, establishment, trigger, plan, clause, crossing_date, window_start, counted, limit,
                     single_day, notice_due) -> LayoffMonitoring:
    """Open a monitoring case and alert the LR officers and chief (in-app and e-mail).
    The caller holds the employer's row lock."""
    where = establishment.name if establishment is not None else "全事業單位"
    case = case_services.case_open(
        case_type=MONITORING_CASE_TYPE,
        title=f"{MONITORING_WORKFLOW.name_zh}：{employer.name} {where}",
        actor=None,
        channel=Channel.EX_OFFICIO,
        parties=[case_services.PartyLink(role=PartyRole.RESPONDENT, employer=employer)],
    )
    monitoring = LayoffMonitoring.objects.create(
        case=case, employer=employer, establishment=establishment, trigger=trigger, plan=plan, clause=clause,
        crossing_date=crossing_date, window_start=window_start, counted=counted, limit=limit, single_day=single_day,
        notice_due=notice_due,
    )
    if trigger == Trigger.THRESHOLD:
        body_zh = (
            f"{employer.name}（{where}）於{roc_calendar.format_short(window_start)}至{roc_calendar.format_short(crossing_date)}"
            f"解僱{counted}人，逾大量解僱勞工保護法{clause}所定{limit}人，本局未收到解僱計畫書。"
        )
        body_en = (f"{employer.name} ({where}) laid off {counted} between {window_start} and {crossing_date}, "
                   f"over the limit of {limit} in {clause}; no layoff plan is on file.")
        subject_zh, subject_en = "大量解僱門檻已達，未提出解僱計畫書", "Mass-layoff threshold crossed without a plan"
    else:
        body_zh = plan_summary_zh(plan)
        body_en = plan_summary_en(plan)
        subject_zh, subject_en = "解僱計畫書逾期提出", "Layoff plan filed late"
    case_services.timeline_append(case=case, actor=None, kind="note", text=body_zh, data={"trigger": trigger})
    _alert(case=case, subject_zh=f"{subject_zh}：{case.number} {employer.name}"[:200],
           subject_en=f"{subject_en}: {case.number}", body_zh=body_zh, body_en=body_en)
    return monitoring


@dataclass(frozen=True)
class EventResult:
    event: LayoffEvent
    crossed: bool
    clause: str
    crossing_date: date | None
    monitoring: LayoffMonitoring | None  # opened by this event (None if none, or already alerted)


def _headcount_before(establishment_id: int, day: date, headcounts: list[HeadcountRecord]) -> int | None:
    """The site's headcount before the layoffs: the latest record on or before `day`
    (the day before the window's first layoff), else the earliest one."""
    own = [h for h in headcounts if h.establishment_id == establishment_id]
    before = [h for h in own if h.as_of <= day]
    chosen = max(before, key=lambda h: h.as_of) if before else (min(own, key=lambda h: h.as_of) if own else None)
    return chosen.headcount if chosen is not None and chosen.headcount > 0 else None


def _plan_on_file(employer: Employer, establishment_id: int | None, start: date, end: date) -> bool:
    """A plan (not withdrawn) whose layoff dates come within 60 days of the window."""
    plans = LayoffPlan.objects.filter(
        employer=employer, first_day__lte=end + timedelta(days=WINDOW_DAYS),
        last_day__gte=start - timedelta(days=WINDOW_DAYS),
    ).exclude(case__status="WITHDRAWN")
    if establishment_id is not None:
        plans = plans.filter(establishment_id=establishment_id)
    return plans.exists()


def layoff_event_record(
    *,
    establishment: Establishment,
    day: date,
    count: int,
    source: str,
    actor: User | None,
    reference: str = "",
    headcount: int | None = None,
) -> EventResult:
    """Record `count` workers laid off on `day` at `establishment` and, in the same
    transaction, re-assess the 60-day windows around it (rules.mass_layoff, site and
    enterprise clauses). A crossing with no plan on file opens one monitoring case and
    alerts the LR officers and chief the same day (outbox: in-app and e-mail); a
    crossing already alerted in the same window is not alerted again.

    `headcount`, when given, is the site's headcount before the layoffs (recorded in
    the core's headcount history as of the day before). Callers: staff of LR, the
    employment service (through its services, actor its officer or None for a system)."""
    if actor is not None and actor.kind != UserKind.STAFF:
        raise Forbidden("僅機關人員或系統可登錄解僱資料。", "Only staff or systems record layoffs.")
    if actor is not None and (actor.role in (Role.AUDITOR, Role.SYSADMIN)):
        raise Forbidden("您的角色不可登錄解僱資料。", "Your role may not record layoffs.")
    if source not in EventSource.values:
        raise ApplicationError("資料來源不正確。", "Unknown source.", field="source")
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_COUNT:
        raise ApplicationError("解僱人數應為1以上的整數。", "The number laid off must be 1 or more.", field="count")
    today = timezone.localdate()
    if day > today:
        raise ApplicationError("解僱日期不可晚於今天。", "The layoff day cannot be in the future.", field="day")
    if day < mass_layoff_coverage_start():
        raise ApplicationError("解僱日期早於本系統監測範圍（2014年6月6日起）。",
                               "The day is before the monitored period (from 2014-06-06).", field="day")
    if headcount is not None and (not isinstance(headcount, int) or isinstance(headcount, bool) or headcount < 1):
        raise ApplicationError("僱用勞工人數應為1以上的整數。", "The headcount must be 1 or more.", field="headcount")
    with transaction.atomic():
        # One employer's events are assessed one at a time: two notices arriving at
        # once must not both see "not yet alerted" and open two cases.
        employer = Employer.objects.select_for_update().get(pk=establishment.employer_id)
        if employer.merged_into_id:
            raise ApplicationError("此事業單位已合併至另一筆資料。", "This employer was merged into another record.",
                                   field="establishment")
        if headcount is not None:
            core_services.headcount_record(
                establishment=establishment, as_of=day - timedelta(days=1), headcount=headcount,
                source=EventSource(source).label.split(" ")[0], actor=actor,
            )
        event = LayoffEvent.objects.create(
            employer=employer, establishment=establishment, day=day, count=count, source=source,
            reference=(reference or "").strip()[:60], recorded_by=actor,
        )
        return _assess_around(employer, event)


def mass_layoff_coverage_start() -> date:
    # Before 2014-06-06 the enterprise clause needs the enterprise headcount, which a
    # layoff notice does not carry (rules.mass_layoff); monitoring starts then.
    return date(2014, 6, 6)


def _assess_around(employer: Employer, event: LayoffEvent) -> EventResult:
    start = event.day - timedelta(days=WINDOW_DAYS - 1)
    end = event.day + timedelta(days=WINDOW_DAYS - 1)
    events = list(LayoffEvent.objects.filter(employer=employer, day__gte=start, day__lte=end))
    site_ids = {e.establishment_id for e in events}
    headcounts = list(HeadcountRecord.objects.filter(establishment_id__in=site_ids))
    first_day = {site: min(e.day for e in events if e.establishment_id == site) for site in site_ids}
    site_headcounts = {}
    for site in site_ids:
        value = _headcount_before(site, first_day[site] - timedelta(days=1), headcounts)
        if value is not None:
            site_headcounts[str(site)] = value
    hits = []
    # Each site with a known headcount, with its own layoffs (the site clauses; the
    # enterprise clause on a subset that crosses also crosses on the whole).
    for site, value in site_headcounts.items():
        own = [mass_layoff.Layoff(day=e.day, count=e.count, site=site) for e in events if str(e.establishment_id) == site]
        hits.append(mass_layoff.assess(site_headcounts={site: value}, layoffs=own))
    # The enterprise clause (第2條第1項第5款) on every layoff, whatever the sites'
    # headcounts: each layoff in chunks of at most 80 at pseudo-sites so large that no
    # site clause can apply, so only the enterprise totals can cross.
    chunks = []
    for event in events:
        left = event.count
        while left > 0:
            chunks.append(mass_layoff.Layoff(day=event.day, count=min(left, 80), site=f"*{len(chunks)}"))
            left -= 80
    hits.append(mass_layoff.assess(site_headcounts={c.site: 10**9 for c in chunks}, layoffs=chunks))
    crossed = [hit for hit in hits if hit.crossed]
    if not crossed:
        return EventResult(event=event, crossed=False, clause="", crossing_date=None, monitoring=None)
    hit = min(crossed, key=lambda h: (h.crossing_date, h.site is None))
    site_id = int(hit.site) if hit.site is not None else None
    establishment = next((e.establishment for e in events if e.establishment_id == site_id), None)
    monitoring = None
    already = LayoffMonitoring.objects.filter(
        employer=employer, establishment_id=site_id, trigger=Trigger.THRESHOLD,
        crossing_date__gt=hit.crossing_date - timedelta(days=WINDOW_DAYS),
        crossing_date__lt=hit.crossing_date + timedelta(days=WINDOW_DAYS),
    ).exists()
    if not already and not _plan_on_file(employer, site_id, hit.window_start, hit.window_end):
        monitoring = _monitoring_open(
            employer=employer, establishment=establishment, trigger=Trigger.THRESHOLD, plan=None, clause=hit.clause,
            crossing_date=hit.crossing_date, window_start=hit.window_start, counted=hit.counted, limit=hit.limit,
            single_day=hit.single_day, notice_due=hit.notice_due,
        )
    return EventResult(event=event, crossed=True, clause=hit.clause, crossing_date=hit.crossing_date,
                       monitoring=monitoring)


def layoffs_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: the program's own employer references follow a merged employer."""
    if kind == "employer":
        for model in (LayoffPlan, LayoffEvent, LayoffMonitoring):
            model.objects.filter(employer_id=old_id).update(employer_id=new_id)
