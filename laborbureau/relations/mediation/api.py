"""REST endpoints of 勞資爭議調解 Labor-dispute mediation (mounted at /api/v1/disputes).

A worker (or a union's representative) files for themself with their token; an
employer's account files as the employer; an officer of the Labor Relations Section
records an application received by phone, at the counter or by post. Both sides of a
dispute read it with their own tokens (mediation is two-sided); staff read it within
their unit's scope, and their reads go to the access log. Refusals answer 4xx with the
field path in `loc` (api.errors).
"""

import re
from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from laborbureau.api.errors import errors, query_error, remap_fields
from laborbureau.api.pagination import Pages
from laborbureau.api.schemas import Text
from laborbureau.cases import selectors as case_selectors
from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, Channel
from laborbureau.core import access
from laborbureau.core import services as core_services
from laborbureau.core.api import DEFAULT_PURPOSE, EmployerIn, PersonIn, PurposeQuery
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.models import User, UserKind
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.relations.mediation import selectors, services
from laborbureau.relations.mediation.models import (
    ApplicantKind,
    ClaimType,
    Dispute,
    Language,
    Meeting,
    Outcome,
    Procedure,
)
from laborbureau.relations.mediation.workflows import CASE_TYPE, WORKFLOW

router = Router(tags=["disputes 勞資爭議調解"])

CASE_NUMBER = re.compile(r"[0-9A-Za-z-]{1,20}")


# --- input ---------------------------------------------------------------------------


class ClaimIn(Schema):
    claim_type: ClaimType = Field(description="請求事項 Claim type.", examples=["OVERTIME"])
    amount: int | None = Field(
        None, ge=1, le=services.MAX_AMOUNT,
        description="請求金額（新臺幣元；金錢請求必填，可用 /calculators/ 試算） Amount claimed in NT$ (required for "
        "money claims: unpaid wages, overtime, severance, leave, pension, occupational accident).",
        examples=[48000],
    )
    note: Text(300) = Field("", description="說明（「其他」必填） Note (required for OTHER).", examples=["113年9月至12月"])


class DisputeIn(Schema):
    applicant_kind: ApplicantKind = Field(
        description="申請人類別 Who applies: WORKER, WORKERS (a group), UNION or EMPLOYER (an employer's account).",
        examples=["WORKER"],
    )
    procedure: Procedure = Field(
        description="調解方式（勞資爭議處理法第11條第1項） mediator: a single mediator; committee: a mediation committee.",
        examples=["mediator"],
    )
    employer: EmployerIn | None = Field(
        None, description="爭議之事業單位（勞工、工會申請時必填；無統一編號亦可） The employer (required unless an "
        "employer's account applies; a business ID may be left empty and matched later).",
    )
    claims: list[ClaimIn] = Field(
        min_length=1, max_length=len(ClaimType.values), description="請求事項 The claims.",
        examples=[[{"claim_type": "OVERTIME", "amount": 48000, "note": ""}]],
    )
    description: Text(services.MAX_DESCRIPTION, 1) = Field(
        description="爭議內容 What the dispute is about.", examples=["113年9月起每月加班約40小時，公司未給加班費。"]
    )
    workers: list[PersonIn] = Field(
        [], max_length=services.MAX_WORKERS,
        description="其他勞工：共同申請人、工會所代表之會員，或雇主申請時所涉之勞工 Other workers: the rest of a group, "
        "a union's members concerned, or the workers an employer's application is about.",
    )
    applicant: PersonIn | None = Field(
        None, description="申請人（僅承辦人登錄時填寫；民眾申請時為本人） The applicant (staff recording only).",
    )
    union_name: Text(120) = Field("", description="工會名稱（工會申請時必填） Union name.", examples=["臺北市餐飲業產業工會"])
    workplace_district_code: Text(8) = Field(
        "", description="工作地點行政區代碼 District of the workplace (MOI code).", examples=["63000030"]
    )
    language: Language = Field(Language.ZH, description="申請人使用語言 Applicant's language.", examples=["zh"])
    channel: Literal["phone", "counter", "mail", "api"] = Field(
        Channel.API, description="受理管道（承辦人登錄時） How it was received (staff: phone, counter, mail).",
        examples=["api"],
    )


class TransitionIn(Schema):
    name: Text(40, 1) = Field(description="步驟代碼 Transition name.", examples=["assign_mediator"])
    data: dict[str, str | int | bool | None] = Field(
        {}, description="步驟欄位 The step's inputs (see `transitions` in the detail).", examples=[{"mediator": "12"}]
    )


class MeetingIn(Schema):
    starts_at: datetime = Field(
        description="會議開始時間（臺北時間，90分鐘） Start (Taipei time; meetings last 90 minutes).",
        examples=["2026-12-02T09:00:00+08:00"],
    )
    room_id: int = Field(ge=1, le=2_147_483_647, description="會議室編號 Room id (see /slots).", examples=[1])
    late_reason: Text(300) = Field(
        "", description="晚於法定期限時之理由 Reason when the slot is after the statutory day.", examples=[""]
    )


class OutcomeIn(Schema):
    outcome: Literal["SETTLED", "NOT_SETTLED", "RESPONDENT_ABSENT", "ADJOURNED"] = Field(
        description="調解結果；ADJOURNED 為另訂期日續行 Outcome; ADJOURNED when another meeting is needed.",
        examples=["SETTLED"],
    )
    applicant_attended: bool = Field(description="申請人出席 The applicant attended.", examples=[True])
    respondent_attended: bool = Field(description="相對人出席 The respondent attended.", examples=[True])
    attendance_note: Text(300) = Field("", description="出席說明 Note on attendance.", examples=["相對人委任代理人出席"])
    record_summary: Text(services.MAX_DESCRIPTION, 1) = Field(
        description="調解經過 Account of the meeting.", examples=["雙方就加班費金額達成共識。"]
    )
    settlement_terms: Text(services.MAX_DESCRIPTION) = Field(
        "", description="調解方案（成立時必填） Settlement terms (required when settled).",
        examples=["相對人同意於115年12月31日前給付申請人加班費新臺幣40,000元。"],
    )
    settled_amounts: dict[ClaimType, Annotated[int, Field(ge=0, le=services.MAX_AMOUNT)]] = Field(
        {}, description="各請求事項之成立金額（新臺幣元） Settled amount per claim type, NT$.",
        examples=[{"OVERTIME": 40000}],
    )
    confirm_over_claim: list[ClaimType] = Field(
        [], description="確認成立金額高於請求金額之請求事項 Claim types whose settled amount above the claim is "
        "confirmed.", examples=[[]],
    )


class StatisticsQuery(Schema):
    date_from: date | None = Field(None, description="收件日起 Received on or after.", examples=["2026-01-01"])
    date_to: date | None = Field(None, description="收件日迄 Received on or before.", examples=["2026-12-31"])


class ListQuery(Schema):
    status: Text(40) = Field("", description="狀態代碼 Status code.", examples=["MEETING_SCHEDULED"])


# --- output --------------------------------------------------------------------------


class ClaimOut(Schema):
    claim_type: str = Field(description="請求事項 Claim type.", examples=["OVERTIME"])
    label: str = Field(description="名稱 Label.", examples=["加班費 Overtime pay"])
    amount: int | None = Field(description="請求金額 Amount claimed (NT$).", examples=[48000])
    note: str = Field(description="說明 Note.", examples=[""])
    settled_amount: int | None = Field(description="成立金額 Amount settled (NT$).", examples=[40000])
    settled_over_claim_confirmed: bool = Field(description="已確認高於請求 Confirmed above the claim.")


class MeetingOut(Schema):
    sequence: int = Field(description="第幾次會議 Meeting number.", examples=[1])
    starts_at: datetime = Field(description="開始 Start.")
    ends_at: datetime = Field(description="結束 End.")
    room: str = Field(description="地點 Room.", examples=["調解室一"])
    mediator: str = Field(description="調解人 Mediator.", examples=["勞資關係科調解人"])
    status: str = Field(description="SCHEDULED, HELD or CANCELLED.", examples=["SCHEDULED"])
    deadline: date = Field(description="法定期限 Statutory day for this meeting.", examples=["2026-12-04"])
    applicant_attended: bool | None = Field(description="申請人出席 Applicant attended.")
    respondent_attended: bool | None = Field(description="相對人出席 Respondent attended.")


class DeadlineOut(Schema):
    due: date = Field(description="下次會議之法定期限 Last day for the next meeting.", examples=["2026-12-04"])
    basis: str = Field(description="法律依據 Legal basis.", examples=["勞資爭議處理法第12條第2項"])
    label_zh: str = Field(description="步驟 Step.", examples=["調解人開始調解"])
    label_en: str = Field(description="Step.", examples=["Mediator starts"])


class DisputeSummaryOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-DSP-000042"])
    status: str = Field(description="狀態代碼 Status code.", examples=["SUBMITTED"])
    status_label: str = Field(description="狀態名稱 Status label.", examples=["已收件 Received"])
    applicant_kind: str = Field(description="申請人類別 Applicant kind.", examples=["WORKER"])
    procedure: str = Field(description="調解方式 Procedure.", examples=["mediator"])
    employer_name: str = Field(description="事業單位 Employer.", examples=["大安測試股份有限公司"])
    employer_business_id: str | None = Field(description="統一編號（未查明為 null） Business ID.", examples=["04595257"])
    received_on: date = Field(description="收件日 Received on.", examples=["2026-11-27"])
    due_date: date | None = Field(description="本階段法定期限 Deadline of the current state.", examples=["2026-11-30"])
    outcome: str = Field(description="調解結果（未結為空） Outcome.", examples=[""])
    claim_types: list[str] = Field(description="請求事項 Claim types.", examples=[["OVERTIME"]])

    # Resolvers read a Dispute (list endpoint) or a dict built by _out (detail).
    @staticmethod
    def resolve_number(obj) -> str:
        return obj["number"] if isinstance(obj, dict) else obj.case.number

    @staticmethod
    def resolve_status(obj) -> str:
        return obj["status"] if isinstance(obj, dict) else obj.case.status

    @staticmethod
    def resolve_status_label(obj, context) -> str:
        if isinstance(obj, dict):
            return obj["status_label"]
        request = (context or {}).get("request")
        user = getattr(request, "auth", None)
        return _label(obj.case, getattr(user, "kind", None) != UserKind.STAFF)

    @staticmethod
    def resolve_employer_name(obj) -> str:
        return obj["employer_name"] if isinstance(obj, dict) else obj.employer.name

    @staticmethod
    def resolve_employer_business_id(obj) -> str | None:
        return obj["employer_business_id"] if isinstance(obj, dict) else obj.employer.business_id

    @staticmethod
    def resolve_due_date(obj) -> date | None:
        return obj["due_date"] if isinstance(obj, dict) else obj.case.due_date

    @staticmethod
    def resolve_claim_types(obj) -> list[str]:
        return obj["claim_types"] if isinstance(obj, dict) else [claim.claim_type for claim in obj.claims.all()]


class SlotOut(Schema):
    starts_at: datetime = Field(description="開始 Start.")
    ends_at: datetime = Field(description="結束 End.")
    room_id: int = Field(description="會議室編號 Room id.", examples=[1])
    room: str = Field(description="會議室 Room.", examples=["調解室一"])
    within_deadline: bool = Field(description="在法定期限內 On or before the statutory day.", examples=[True])


class SlotsOut(Schema):
    deadline: DeadlineOut | None = Field(description="法定期限（未指派調解人時為 null） Statutory day.")
    warning: str = Field(description="期限警示 Warning when the deadline is near or no slot meets it.", examples=[""])
    slots: list[SlotOut] = Field(description="建議時段 Proposed slots.")


class DisputeOut(DisputeSummaryOut):
    description: str = Field(description="爭議內容 Description.")
    union_name: str = Field(description="工會名稱 Union name.", examples=[""])
    language: str = Field(description="語言 Language.", examples=["zh"])
    mediator: str | None = Field(description="調解人 Mediator.", examples=["勞資關係科調解人"])
    appointed_on: date | None = Field(description="指派日 Appointed on.")
    committee_members: str = Field(description="調解委員 Committee members.", examples=[""])
    workers: list[str] = Field(description="所涉勞工姓名 Workers concerned (names).", examples=[["王小明"]])
    claims: list[ClaimOut] = Field(description="請求事項 Claims.")
    meetings: list[MeetingOut] = Field(description="調解會議 Meetings.")
    next_meeting_deadline: DeadlineOut | None = Field(description="下次會議法定期限 Statutory day of the next meeting.")
    settlement_terms: str = Field(description="調解方案 Settlement terms.")
    record_summary: str = Field(description="調解經過 Account of the meeting.")
    outcome_on: date | None = Field(description="結果日 Outcome recorded on.")
    transitions: list[str] = Field(description="您現在可執行的步驟 Steps you may take now.", examples=[["withdraw"]])


class StatisticsRowOut(Schema):
    key: str = Field(description="分類代碼 Key.", examples=["2026-11"])
    label_zh: str = Field(description="名稱 Label.", examples=["2026-11"])
    label_en: str = Field(description="English label.", examples=["2026-11"])
    cases: int = Field(description="件數 Cases.", examples=[12])
    closed: int = Field(description="已結案 Closed.", examples=[8])
    settled: int = Field(description="調解成立 Settled.", examples=[5])
    settlement_rate: float | None = Field(description="成立率（%，以結案數為分母） Settled per closed, %.", examples=[62.5])
    average_days_to_close: float | None = Field(description="平均結案日數 Average days to close.", examples=[17.5])
    claimed_amount: int = Field(description="請求金額合計 Amount claimed, NT$.", examples=[480000])
    settled_amount: int = Field(description="成立金額合計 Amount settled, NT$.", examples=[300000])


class StatisticsOut(Schema):
    date_from: date | None = Field(description="收件日起 From.")
    date_to: date | None = Field(description="收件日迄 To.")
    total: StatisticsRowOut = Field(description="合計 Totals.")
    month: list[StatisticsRowOut] = Field(description="依收件月份 By month received.")
    district: list[StatisticsRowOut] = Field(description="依工作地點行政區 By district.")
    industry: list[StatisticsRowOut] = Field(description="依行業（大類） By industry section.")
    claim_type: list[StatisticsRowOut] = Field(description="依請求事項（一案可多項） By claim type (a case per type).")
    outcome: list[StatisticsRowOut] = Field(description="依處理結果 By outcome.")
    days_to_close: list[StatisticsRowOut] = Field(description="依結案日數 By days to close.")


# --- helpers -------------------------------------------------------------------------


def _dispute(user: User, number: str) -> Dispute:
    if not CASE_NUMBER.fullmatch(number):
        raise NotFound("調解案件", "dispute")
    case = case_selectors.case_get(user, number)
    if case.case_type != CASE_TYPE:
        raise NotFound("調解案件", "dispute")
    return (
        Dispute.objects.select_related("case", "employer", "mediator")
        .prefetch_related("claims", "workers__person")
        .get(case=case)
    )


def _label(case: Case, public: bool) -> str:
    state = WORKFLOW.state(case.status)
    if public and state.label_public_zh:
        return f"{state.label_public_zh} {state.label_public_en}"
    return f"{state.label_zh} {state.label_en}"


def _deadline(deadline) -> dict | None:
    if deadline is None:
        return None
    return {"due": deadline.due, "basis": deadline.basis, "label_zh": deadline.label_zh, "label_en": deadline.label_en}


def _summary(dispute: Dispute, public: bool) -> dict:
    case = dispute.case
    return {
        "number": case.number,
        "status": case.status,
        "status_label": _label(case, public),
        "applicant_kind": dispute.applicant_kind,
        "procedure": dispute.procedure,
        "employer_name": dispute.employer.name,
        "employer_business_id": dispute.employer.business_id,
        "received_on": dispute.received_on,
        "due_date": case.due_date,
        "outcome": dispute.outcome,
        "claim_types": [claim.claim_type for claim in dispute.claims.all()],
    }


def _out(user: User, dispute: Dispute) -> dict:
    public = user.kind != UserKind.STAFF
    case = dispute.case
    meetings = list(dispute.meetings.select_related("room", "mediator").order_by("sequence"))
    return {
        **_summary(dispute, public),
        "description": dispute.description,
        "union_name": dispute.union_name,
        "language": dispute.language,
        "mediator": dispute.mediator.label if dispute.mediator_id else None,
        "appointed_on": dispute.appointed_on,
        "committee_members": dispute.committee_members,
        "workers": [row.person.name for row in dispute.workers.all()],
        "claims": [
            {
                "claim_type": c.claim_type, "label": c.get_claim_type_display(), "amount": c.amount, "note": c.note,
                "settled_amount": c.settled_amount, "settled_over_claim_confirmed": c.settled_over_claim_confirmed,
            }
            for c in dispute.claims.all()
        ],
        "meetings": [
            {
                "sequence": m.sequence, "starts_at": m.starts_at, "ends_at": m.ends_at, "room": m.room.name,
                "mediator": m.mediator.label, "status": m.status, "deadline": m.deadline,
                "applicant_attended": m.applicant_attended, "respondent_attended": m.respondent_attended,
            }
            for m in meetings
        ],
        "next_meeting_deadline": None if case.is_closed else _deadline(services.meeting_deadline(dispute)),
        "settlement_terms": dispute.settlement_terms,
        "record_summary": dispute.record_summary,
        "outcome_on": dispute.outcome_on,
        "transitions": [t.name for t in case_services.transitions_available(user, case)],
    }


def _log_read(user: User, dispute: Dispute, purpose: str) -> None:
    if user.kind == UserKind.STAFF:
        core_services.access_log_record(
            user=user, action="api", object_type="case", object_id=dispute.case.number,
            object_label=dispute.case.title, purpose=purpose or DEFAULT_PURPOSE,
        )


def _person(person: PersonIn) -> PersonInput:
    return PersonInput(
        id_number=person.id_number, name=person.name, id_kind=person.id_kind or "",
        passport_country=person.passport_country, birth_date=person.birth_date, sex=person.sex or "",
        phone=person.phone, email=person.email, address=person.address, district_code=person.district_code,
    )


def _refuse_read_only(user: User) -> None:
    if access.is_read_only(user):
        raise Forbidden("稽核人員僅能檢視，不能變更資料。", "Auditors may read but not change anything.")


# --- endpoints -----------------------------------------------------------------------


@router.post(
    "",
    response={201: DisputeOut, **errors(401, 403, 422)},
    summary="申請勞資爭議調解 File a mediation application",
    description="勞工、工會代表以本人身分申請；事業單位帳號以雇主身分申請（須列出所涉勞工）；勞資關係科承辦人登錄電話、"
    "臨櫃或書面申請（須填 applicant）。同一勞工、同一事業單位、處理中且請求事項重複者回 422（欄位 claims，訊息含原案號）。"
    " A worker or union representative files for themself; an employer's account files as the employer; an officer "
    "records one and names the applicant. A duplicate of an open case (same workers, employer and a shared claim) "
    "answers 422 at claims with the existing case number.",
)
def dispute_file(request, payload: DisputeIn):
    user = request.auth
    _refuse_read_only(user)
    if user.kind != UserKind.STAFF and payload.applicant is not None:
        raise ApplicationError("民眾僅能以本人身分申請。", "You can only apply for yourself.", field="applicant")
    if payload.employer is None and user.kind != UserKind.EMPLOYER:
        raise ApplicationError("請填寫事業單位資料。", "Give the employer's details.", field="employer")
    employer = payload.employer or EmployerIn(name=user.employer.name if user.employer_id else "-")
    with remap_fields(**{"workplace_district": "workplace_district_code"}):
        dispute = services.dispute_file(
            data=services.DisputeInput(
                applicant_kind=str(payload.applicant_kind),
                procedure=str(payload.procedure),
                employer=EmployerInput(
                    name=employer.name, business_id=employer.business_id, representative=employer.representative,
                    industry_code=employer.industry_code, phone=employer.phone, email=employer.email,
                    address=employer.address, district_code=employer.district_code,
                ),
                claims=[
                    services.ClaimInput(claim_type=str(c.claim_type), amount=c.amount, note=c.note)
                    for c in payload.claims
                ],
                description=payload.description,
                workers=[_person(person) for person in payload.workers],
                applicant=_person(payload.applicant) if payload.applicant else None,
                union_name=payload.union_name,
                workplace_district_code=payload.workplace_district_code,
                language=str(payload.language),
                channel=payload.channel if user.kind == UserKind.STAFF else Channel.API,
            ),
            actor=user,
        )
    return Status(201, _out(user, _dispute(user, dispute.case.number)))


@router.get(
    "",
    response={200: list[DisputeSummaryOut], **errors(401, 422)},
    summary="調解案件清單 List disputes",
    description="您可以檢視的調解案件（機關人員依單位；民眾與事業單位為其為當事人之案件，雙方皆可見）。"
    " The disputes you may read: staff by unit; citizens and employers those they are a party to (both sides).",
)
@paginate(Pages)
def dispute_list(request, query: Query[ListQuery]):
    user = request.auth
    if query.status and query.status not in {state.code for state in WORKFLOW.states}:
        raise query_error("status", "沒有這個案件狀態。", "Unknown status.")
    return selectors.dispute_list(user, status=query.status or None)


@router.get(
    "/statistics",
    response={200: StatisticsOut, **errors(401, 403, 422)},
    summary="調解統計 Mediation statistics",
    description="依收件月份、行政區、行業、請求事項、處理結果與結案日數統計（機關人員）。與頁面及 CSV 下載為同一計算。"
    " Figures by month, district, industry, claim type, outcome and days to close (staff only); the same "
    "computation as the staff page and its CSV.",
)
def dispute_statistics(request, query: Query[StatisticsQuery]):
    user = request.auth
    if user.kind != UserKind.STAFF:
        raise Forbidden("統計僅供機關人員查詢。", "Statistics are for staff.")
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise query_error("date_to", "迄日不可早於起日。", "The end is before the start.")
    result = selectors.dispute_statistics(user, date_from=query.date_from, date_to=query.date_to)
    return {"date_from": result.date_from, "date_to": result.date_to, "total": result.total, **result.tables}


@router.get(
    "/{number}",
    response={200: DisputeOut, **errors(401, 404, 422)},
    summary="調解案件 A dispute",
    description="案件內容、請求事項、會議與結果。雙方當事人與可讀取之機關人員可讀，其他人回 404。"
    " The dispute with claims, meetings and outcome; both parties and staff in scope; anyone else 404.",
)
def dispute_get(request, query: Query[PurposeQuery], number: str):
    user = request.auth
    dispute = _dispute(user, number[:40])
    _log_read(user, dispute, query.purpose)
    return _out(user, dispute)


@router.post(
    "/{number}/transitions",
    response={200: DisputeOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="執行步驟 Take a step",
    description="指派調解人（assign_mediator，data.mediator）、組成調解委員會（designate_committee）、不受理（not_accept）、"
    "撤回（withdraw，申請人或承辦人）。排定會議與登錄結果請用 /meetings 與 /outcome。"
    " Fire assign_mediator, designate_committee, not_accept or withdraw; scheduling and outcomes have their own "
    "endpoints. A bad input answers 422 at [\"body\", \"data\", field].",
)
def dispute_transition(request, payload: TransitionIn, number: str):
    user = request.auth
    _refuse_read_only(user)
    dispute = _dispute(user, number[:40])
    try:
        transition = WORKFLOW.transition(payload.name)
    except KeyError:
        raise ApplicationError("沒有這個處理步驟。", "Unknown transition.", field="name") from None
    if not transition.roles:
        raise ApplicationError(
            "此步驟請用排定會議或登錄結果的端點。", "Use the meetings or outcome endpoint for this step.", field="name"
        )
    if not case_services.can_fire(user, dispute.case, transition):
        raise Forbidden("您不能執行這個步驟。", "You may not perform this step.")
    renames = {spec.name: f"data.{spec.name}" for spec in transition.fields}
    with remap_fields(transition="name", **renames):
        case_services.case_transition(case=dispute.case, name=transition.name, actor=user, data=payload.data)
    return _out(user, _dispute(user, dispute.case.number))


@router.get(
    "/{number}/slots",
    response={200: SlotsOut, **errors(401, 403, 404, 422)},
    summary="建議會議時段 Proposed meeting slots",
    description="符合法定期限、調解人與會議室空檔、雙方可出席日之時段；逾期時段標示 within_deadline=false。"
    " Slots that fit the statutory day, the mediator, a free room and the parties; later ones are marked.",
)
def dispute_slots(request, number: str):
    user = request.auth
    if user.kind != UserKind.STAFF:
        raise Forbidden("僅機關人員可排定會議。", "Only staff schedule meetings.")
    dispute = _dispute(user, number[:40])
    deadline = services.meeting_deadline(dispute)
    slots = services.slot_proposals(dispute)
    return {
        "deadline": _deadline(deadline),
        "warning": services.deadline_warning(deadline, slots),
        "slots": [
            {"starts_at": s.starts_at, "ends_at": s.ends_at, "room_id": s.room.pk, "room": s.room.name,
             "within_deadline": s.within_deadline}
            for s in slots
        ],
    }


@router.post(
    "/{number}/meetings",
    response={201: MeetingOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="排定調解會議 Schedule a meeting",
    description="排定下一次調解會議，並以PDF及通知寄發雙方開會通知。調解人同時段已有會議回 409；晚於法定期限須填 "
    "late_reason（否則 422）。 Books the next meeting and sends both sides the notice (PDF and outbox). A mediator "
    "already booked then answers 409; a slot after the statutory day needs late_reason (else 422).",
)
def meeting_schedule(request, payload: MeetingIn, number: str):
    user = request.auth
    _refuse_read_only(user)
    dispute = _dispute(user, number[:40])
    if user.kind != UserKind.STAFF:
        raise Forbidden("僅機關人員可排定會議。", "Only staff schedule meetings.")
    with remap_fields(room="room_id"):
        meeting = services.meeting_schedule(
            case=dispute.case, actor=user, starts_at=payload.starts_at, room_id=payload.room_id,
            late_reason=payload.late_reason,
        )
    meeting = Meeting.objects.select_related("room", "mediator").get(pk=meeting.pk)
    return Status(201, {
        "sequence": meeting.sequence, "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
        "room": meeting.room.name, "mediator": meeting.mediator.label, "status": meeting.status,
        "deadline": meeting.deadline, "applicant_attended": None, "respondent_attended": None,
    })


@router.post(
    "/{number}/outcome",
    response={200: DisputeOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="登錄調解結果 Record the outcome",
    description="登錄出席與結果：成立（調解方案與各請求事項成立金額；高於請求金額者須列於 confirm_over_claim）、不成立、"
    "相對人未到場，或 ADJOURNED 另訂期日續行。結案時發給雙方調解紀錄（PDF）。 Attendance and outcome; a settled amount "
    "above the claim needs confirm_over_claim (else 422 at settled_amounts.<type>). The record goes to both sides.",
)
def outcome_record(request, payload: OutcomeIn, number: str):
    user = request.auth
    _refuse_read_only(user)
    dispute = _dispute(user, number[:40])
    if user.kind != UserKind.STAFF:
        raise Forbidden("僅調解人或承辦人可登錄結果。", "Only the mediator or an officer records the outcome.")
    services.dispute_outcome_record(
        case=dispute.case,
        actor=user,
        data=services.OutcomeInput(
            outcome=payload.outcome,
            applicant_attended=payload.applicant_attended,
            respondent_attended=payload.respondent_attended,
            attendance_note=payload.attendance_note,
            record_summary=payload.record_summary,
            settlement_terms=payload.settlement_terms,
            settled_amounts={str(key): value for key, value in payload.settled_amounts.items()},
            confirm_over_claim=[str(value) for value in payload.confirm_over_claim],
        ),
    )
    return _out(user, _dispute(user, dispute.case.number))


__all__ = ["Outcome", "router"]
