"""REST endpoints of mass layoffs (大量解僱勞工保護法).

An employer files its own layoff plan with its token (or session); an officer of the
Labor Relations Section records a plan received at the counter or by post and names
the employer. Staff and other systems (the employment service's layoff notices,
資遣通報) record layoffs per establishment at `/events`; each one re-assesses the
60-day windows and may open a monitoring case. Another unit's or employer's plan
answers 404.
"""

from datetime import date
from typing import Annotated, Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors, remap_fields
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text
from laborbureau.cases import services as case_services
from laborbureau.cases import workflows
from laborbureau.core.api import EmployerIn
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.models import Establishment, Role, UserKind
from laborbureau.core.services import EmployerInput
from laborbureau.relations.layoffs import selectors, services
from laborbureau.relations.layoffs.models import EventSource, LayoffPlan, LegalGround, NotifiedParty

Number = Path(..., max_length=40, description="案號 Case number.", examples=["115-MLP-000001"])

router = Router(tags=["mass-layoff-plans 大量解僱"])

Count = Annotated[int, Field(ge=1, le=100_000)]


class TrancheIn(Schema):
    day: date = Field(description="解僱日期 Layoff day.", examples=["2027-03-01"])
    count: Count = Field(description="當日解僱人數（不含定期契約勞工） Workers laid off that day (fixed-term excluded).",
                         examples=[25])


class PlanIn(Schema):
    establishment_name: Text(120, 1) = Field(description="廠場名稱 The establishment (site).", examples=["內湖廠"])
    establishment_address: Text(200) = Field("", description="廠場地址 Its address.", examples=["臺北市內湖區瑞光路100號"])
    establishment_district: Text(8) = Field("", description="行政區代碼或郵遞區號 Taipei district.", examples=["114"])
    legal_ground: LegalGround = Field(description="解僱事由（勞基法第11條各款或併購改組） Ground.", examples=["LSA11_2"])
    reason: Text(5000, 1) = Field(description="解僱理由（第4條第3項第1款） Reason.", examples=["訂單減少，業務緊縮。"])
    departments: Text(300, 1) = Field(description="解僱部門（第2款） Departments.", examples=["生產部"])
    schedule: list[TrancheIn] = Field(min_length=1, max_length=20,
                                      description="解僱日期及人數（第3、4款） Layoff dates and numbers.")
    selection_criteria: Text(5000, 1) = Field(description="解僱對象之選定標準（第5款） Selection criteria.",
                                              examples=["依年資及考核成績。"])
    severance_method: Text(5000, 1) = Field(description="資遣費計算方式（第6款） Severance computation.",
                                            examples=["依勞工退休金條例第12條計給。"])
    reemployment_plan: Text(5000, 1) = Field(description="輔導轉業方案（第6款） Re-employment assistance.",
                                             examples=["協助轉介就業服務站。"])
    headcount: Annotated[int, Field(ge=1, le=1_000_000)] = Field(
        description="廠場僱用勞工人數（解僱前，不含定期契約勞工） Site headcount before the layoffs.", examples=[120])
    sudden_event: bool = Field(False, description="天災、事變或突發事件（第4條第1項但書） Sudden event.", examples=[False])
    sudden_event_note: Text(2000) = Field("", description="突發事件說明 What happened.", examples=[""])
    notified_party: NotifiedParty | Literal[""] = Field(
        "", description="已通知之相關單位或人員（第4條第2項） Who was notified.", examples=["UNION"])
    notified_on: date | None = Field(None, description="通知日期 Day notified.", examples=["2026-11-20"])
    posted_on: date | None = Field(None, description="公告揭示日期 Day posted.", examples=["2026-11-20"])
    employer: EmployerIn | None = Field(None, description="事業單位（僅承辦人登錄時填寫） The employer: staff only.")
    received_on: date | None = Field(None, description="收件日（僅承辦人登錄時填寫） Day received: staff only.",
                                     examples=["2026-11-20"])
    channel: Literal["api", "counter", "mail"] = Field("api", description="受理管道 Channel.", examples=["api"])


class TrancheOut(Schema):
    day: date
    count: int


class PlanOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-MLP-000001"])
    status: str = Field(description="案件狀態 Status.", examples=["FILED"])
    due_date: date | None = Field(description="本階段法定期限 Due date of the current step.")
    employer_name: str
    establishment_name: str
    legal_ground: str
    schedule: list[TrancheOut]
    total_count: int
    headcount: int
    received_on: date
    required: bool = Field(description="是否屬大量解僱（第2條） Whether Art. 2 is met.")
    clause: str = Field(description="適用條款 Clause met.", examples=["第2條第1項第2款"])
    crossing_date: date | None = Field(description="符合第2條之日 Day the threshold is crossed.")
    notice_due: date | None = Field(description="第4條第1項通知期限 Day the plan was due.")
    late: bool = Field(description="是否逾期 Filed late.")
    days_late: int
    notified_party: str
    posted_on: date | None
    committee_meetings: int
    agreement_summary: str


class EventIn(Schema):
    establishment_id: Annotated[int, Field(ge=1, le=2**62)] = Field(description="廠場編號 Establishment id.",
                                                                     examples=[12])
    day: date = Field(description="解僱日期 Day laid off.", examples=["2026-11-20"])
    count: Count = Field(description="解僱人數（不含定期契約勞工） Workers laid off.", examples=[8])
    source: EventSource = Field(EventSource.API, description="資料來源 Source.", examples=["EMPLOYMENT_NOTICE"])
    reference: Text(60) = Field("", description="來源文號（如資遣通報編號） Reference.", examples=["ESO-115-0042"])
    headcount: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None, description="廠場解僱前僱用勞工人數（如通報所載） Site headcount before the layoffs.", examples=[25])


class EventOut(Schema):
    id: int
    crossed: bool = Field(description="是否已達第2條門檻 Whether a threshold is crossed.")
    clause: str
    crossing_date: date | None
    monitoring_case: str = Field(description="本次開立之監測案號（無則空白） Monitoring case opened now.",
                                 examples=["115-MLM-000003"])


class TransitionIn(Schema):
    name: Text(40, 1) = Field(description="步驟代碼 The step.", examples=["review"])
    data: dict[Text(40, 1), bool | Annotated[int, Field(ge=-(10**12), le=10**12)] | Text(10_000) | None] = Field(
        default_factory=dict, max_length=50, description="步驟所需欄位 The step's inputs.", examples=[{"note": ""}])


class MonitorOut(Schema):
    employer_name: str
    establishment_name: str = Field(description="廠場（空白為全事業單位） Site; empty for the enterprise.")
    headcount: int | None
    counted: int = Field(description="六十日內解僱人數 Laid off in the last 60 days.")
    limit: int | None = Field(description="不逾此數即未達門檻 The most that stays below the threshold.")
    single_day_max: int
    clause: str
    over: bool
    open_monitoring: str


def _out(plan: LayoffPlan) -> dict:
    case = plan.case
    return {
        "number": case.number, "status": case.status, "due_date": case.due_date,
        "employer_name": plan.employer.name, "establishment_name": plan.establishment.name,
        "legal_ground": plan.legal_ground, "schedule": plan.schedule, "total_count": plan.total_count,
        "headcount": plan.headcount, "received_on": plan.received_on, "required": plan.required,
        "clause": plan.clause, "crossing_date": plan.crossing_date, "notice_due": plan.notice_due,
        "late": plan.late, "days_late": plan.days_late, "notified_party": plan.notified_party,
        "posted_on": plan.posted_on, "committee_meetings": plan.committee_meetings,
        "agreement_summary": plan.agreement_summary,
    }


@router.post(
    "", response={201: PlanOut, **errors(401, 403, 409, 422)},
    summary="提出解僱計畫書 File a layoff plan",
    description="事業單位以本身帳號提出；勞資關係科承辦人登錄臨櫃或書面收件者須填 employer 及 received_on。系統依大量解僱勞工"
    "保護法第2條判斷是否屬大量解僱，並依第4條第1項計算通知期限；逾期者 late 為 true 並另案查處。 An employer files its "
    "own plan; an LR officer records one and names the employer. The answer says whether the plan is required, by "
    "which clause, when it was due and whether it came late.",
)
def plan_file(request, payload: PlanIn):
    user = request.auth
    employer = None
    if payload.employer is not None:
        e = payload.employer
        employer = EmployerInput(name=e.name, business_id=e.business_id, representative=e.representative,
                                 industry_code=e.industry_code, phone=e.phone, email=e.email, address=e.address,
                                 district_code=e.district_code)
    data = services.LayoffPlanInput(
        establishment_name=payload.establishment_name, establishment_address=payload.establishment_address,
        establishment_district=payload.establishment_district, legal_ground=str(payload.legal_ground),
        reason=payload.reason, departments=payload.departments,
        schedule=[services.Tranche(t.day, t.count) for t in payload.schedule],
        selection_criteria=payload.selection_criteria, severance_method=payload.severance_method,
        reemployment_plan=payload.reemployment_plan, headcount=payload.headcount, sudden_event=payload.sudden_event,
        sudden_event_note=payload.sudden_event_note, notified_party=str(payload.notified_party or ""),
        notified_on=payload.notified_on, posted_on=payload.posted_on, employer=employer,
        received_on=payload.received_on, channel=payload.channel if user.kind == UserKind.STAFF else "api",
    )
    with remap_fields(establishment="establishment_name", **{"establishment.name": "establishment_name",
                                                              "establishment.district": "establishment_district"}):
        plan = services.layoff_plan_file(data=data, actor=user)
    return Status(201, _out(plan))


class PlanPage(Schema):
    items: list[PlanOut]
    count: int = Field(description="符合條件的總筆數 Total number of plans.")


@router.get(
    "", response={200: PlanPage, **errors(401, 422)},
    summary="解僱計畫書清單 List layoff plans",
    description="事業單位：本身的計畫書；承辦單位：可讀取者。 An employer's own plans; staff: those they may read.",
)
def plan_list(request, paging: Query[Pages.Input]):
    items, count = page_slice(selectors.plans_readable_by(request.auth), paging.page, paging.page_size)
    return {"items": [_out(plan) for plan in items], "count": count}


@router.get(
    "/monitor", response={200: list[MonitorOut], **errors(401, 403)},
    summary="接近或已達門檻之廠場 Establishments near or over a threshold",
    description="最近六十日之解僱人數接近（70%以上）或已逾大量解僱勞工保護法第2條門檻者。限勞資關係科人員。 "
    "Sites and enterprises whose layoffs in the last 60 days are near (70%+) or over a threshold. LR staff only.",
)
def monitor(request):
    if not selectors.may_monitor(request.auth):
        raise Forbidden("限勞資關係科人員。", "Labor relations staff only.")
    return selectors.monitor_rows(request.auth, timezone.localdate())


@router.post(
    "/events", response={201: EventOut, **errors(401, 403, 404, 422)},
    summary="登錄解僱人數 Record a layoff",
    description="機關人員或介接系統（如就業服務之資遣通報）登錄某廠場某日之解僱人數。系統即時重新判斷六十日內是否達門檻，"
    "未提出解僱計畫書者當日通知勞資關係科並開立監測案件（同一門檻只通知一次）。 Staff or systems record layoffs; a "
    "threshold crossed without a plan alerts the LR officers the same day and opens one monitoring case.",
)
def event_record(request, payload: EventIn):
    user = request.auth
    if user.kind != UserKind.STAFF or user.role in (Role.AUDITOR, Role.SYSADMIN):
        raise Forbidden("僅機關人員或系統可登錄解僱資料。", "Only staff or systems record layoffs.")
    establishment = Establishment.objects.filter(pk=payload.establishment_id).first()
    if establishment is None:
        raise ApplicationError("找不到此廠場。", "No such establishment.", field="establishment_id")
    with remap_fields(establishment="establishment_id"):
        result = services.layoff_event_record(
            establishment=establishment, day=payload.day, count=payload.count, source=str(payload.source),
            actor=user, reference=payload.reference, headcount=payload.headcount,
        )
    return Status(201, {
        "id": result.event.pk, "crossed": result.crossed, "clause": result.clause,
        "crossing_date": result.crossing_date,
        "monitoring_case": result.monitoring.case.number if result.monitoring else "",
    })


@router.get(
    "/{number}", response={200: PlanOut, **errors(401, 404)},
    summary="解僱計畫書內容 A layoff plan",
    description="提出之事業單位與可讀取之承辦人員；其他人回 404。 The filing employer and staff who may read it.",
)
def plan_get(request, number: str = Number):
    plan = selectors.plan_get(request.auth, number)
    if plan is None:
        raise Http404
    return _out(plan)


@router.post(
    "/{number}/transitions", response={200: PlanOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="執行步驟 Take a step",
    description="審查（review）、登錄協商、召集協商委員會、登錄協議、撤回等；欄位錯誤回 422 於 "
    '["body", "data", 欄位]，狀態已變更回 409。 Fires a workflow step of the plan.',
)
def plan_transition(request, payload: TransitionIn, number: str = Number):
    user = request.auth
    plan = selectors.plan_get(user, number)
    if plan is None:
        raise NotFound("解僱計畫書", "layoff plan")
    workflow = workflows.get(plan.case.case_type)
    try:
        transition = workflow.transition(payload.name)
    except KeyError:
        raise ApplicationError("沒有這個處理步驟。", "Unknown transition.", field="name") from None
    if user.kind == UserKind.STAFF and user.role in (Role.AUDITOR,):
        raise Forbidden("稽核人員僅能檢視。", "Auditors may only read.")
    renames = {spec.name: f"data.{spec.name}" for spec in transition.fields}
    with remap_fields(transition="name", **renames):
        case_services.case_transition(case=plan.case, name=transition.name, actor=user, data=payload.data)
    return _out(selectors.plan_get(user, number))

