"""REST endpoints of the case engine: every program's cases through the common header.

Scope is the pages' scope, through cases.selectors (which start from
cases.access.cases_readable_by): a case the caller may not read answers 404 whether or
not it exists; an auditor's writes answer 403; portal users (citizens, employers) see
their own cases, only the entries of the timeline meant for parties, and may fire
only the transitions open to the PARTY pseudo-role. A staff member's read of a case
detail (it names the parties) is written to the access log.
"""

import re
from datetime import date, datetime
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from laborbureau.api.errors import InputError, errors, query_error, remap_fields
from laborbureau.api.pagination import Pages
from laborbureau.api.schemas import Text
from laborbureau.cases import access as case_access
from laborbureau.cases import selectors, workflows
from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, CaseParty, TimelineEntry
from laborbureau.core import access
from laborbureau.core import services as core_services
from laborbureau.core.api import DEFAULT_PURPOSE, EmployerId, PersonId, PurposeQuery
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.models import Employer, Person, Unit, User, UserKind

router = Router(tags=["cases 案件"])
parties_router = Router()

# What a case number can look like (115-LSC-000042); anything else cannot exist.
CASE_NUMBER = re.compile(r"[0-9A-Za-z-]{1,20}")
CaseNumber = Path(..., max_length=40, description="案件編號 Case number.", examples=["115-LSC-000042"])


# --- helpers -----------------------------------------------------------------------------


def _is_staff(user: User) -> bool:
    return user.kind == UserKind.STAFF


def _case(user: User, number: str) -> Case:
    if not CASE_NUMBER.fullmatch(number):
        raise NotFound("案件", "case")
    return selectors.case_get(user, number)


def _refuse_read_only(user: User) -> None:
    """The auditor reads everything and changes nothing: every write answers 403,
    before any other check could answer otherwise."""
    if access.is_read_only(user):
        raise Forbidden("稽核人員僅能檢視，不能變更資料。", "Auditors may read but not change anything.")


def _state_labels(case_type: str, status: str, public: bool) -> dict:
    try:
        state = workflows.get(case_type).state(status)
    except KeyError:  # a program no longer installed, or a retired state
        return {"zh": status, "en": status}
    if public:
        return {"zh": state.label_public_zh or state.label_zh, "en": state.label_public_en or state.label_en}
    return {"zh": state.label_zh, "en": state.label_en}


def _viewer_is_public(context) -> bool:
    request = (context or {}).get("request")
    user = getattr(request, "auth", None) or getattr(request, "user", None)
    return user is None or getattr(user, "kind", None) != UserKind.STAFF


# --- output ------------------------------------------------------------------------------


class LabelOut(Schema):
    zh: str = Field(description="中文 Chinese.", examples=["調解中"])
    en: str = Field(description="English.", examples=["In mediation"])


class UnitOut(Schema):
    code: str = Field(description="單位代碼 Unit code.", examples=["LS"])
    name_zh: str = Field(description="單位名稱 Name in Chinese.", examples=["勞動基準科"])
    name_en: str = Field(description="English name.", examples=["Labor Standards Section"])


class CaseSummaryOut(Schema):
    number: str = Field(description="案件編號 Case number.", examples=["115-LSC-000042"])
    case_type: str = Field(description="案件類型 Case type.", examples=["labor_standards_complaint"])
    type_name: LabelOut = Field(description="案件類型名稱 Name of the case type.")
    unit: UnitOut = Field(description="主辦單位 Owning unit.")
    status: str = Field(description="狀態代碼 Status code.", examples=["INVESTIGATING"])
    status_label: LabelOut = Field(description="狀態名稱 Status label (the public wording for portal users).")
    title: str = Field(description="案由 Title.", examples=["積欠工資申訴"])
    assignee: str | None = Field(description="承辦人 Assigned staff member (name).", examples=["勞動基準科承辦人"])
    opened_at: datetime = Field(description="立案時間 Opened at.")
    due_date: date | None = Field(
        description="目前階段的法定期限 Deadline of the current state.", examples=["2026-12-11"]
    )
    closed_at: datetime | None = Field(description="結案時間 Closed at.")
    overdue: bool = Field(description="已逾期 Past its deadline and still open.", examples=[False])

    @staticmethod
    def resolve_type_name(obj) -> dict:
        zh, en = selectors.type_name(obj.case_type)
        return {"zh": zh, "en": en}

    @staticmethod
    def resolve_status_label(obj, context) -> dict:
        return _state_labels(obj.case_type, obj.status, _viewer_is_public(context))

    @staticmethod
    def resolve_assignee(obj) -> str | None:
        return obj.assignee.label if obj.assignee_id else None

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.closed_at is None and obj.due_date is not None and obj.due_date < timezone.localdate()


class PartyOut(Schema):
    role: str = Field(description="當事人角色 Role in the case.", examples=["COMPLAINANT"])
    role_label: str = Field(description="角色名稱 Role label.", examples=["申訴人 Complainant"])
    kind: Literal["person", "employer"] = Field(description="個人或事業單位 Person or employer.", examples=["person"])
    name: str = Field(description="姓名或名稱 Name.", examples=["王小明"])
    person_id: int | None = Field(None, description="個人資料編號（僅機關人員） Person record id (staff only).")
    employer_id: int | None = Field(None, description="事業單位編號（僅機關人員） Employer record id (staff only).")
    masked_id: str | None = Field(None, description="遮蔽證號（僅機關人員） Masked identifier (staff only).")
    business_id: str | None = Field(None, description="統一編號 Business ID.", examples=["04595257"])


class TimelineEntryOut(Schema):
    seq: int = Field(description="序號 Sequence in the case.", examples=[3])
    at: datetime = Field(description="時間 When.")
    kind: str = Field(description="紀錄類別 Kind of entry.", examples=["transition"])
    transition: str = Field(
        description="步驟代碼（狀態變更時） Transition fired, if any.", examples=["start_mediation"]
    )
    from_status: str = Field(description="原狀態 Status before.", examples=["RECEIVED"])
    to_status: str = Field(description="新狀態 Status after.", examples=["IN_MEDIATION"])
    text: str = Field(description="內容 Text.", examples=["已排定調解會議"])
    actor: str | None = Field(None, description="執行者（僅機關人員） Who did it (staff only).")
    data: dict = Field(default_factory=dict, description="步驟輸入（僅機關人員） Inputs of the step (staff only).")
    visible_to_parties: bool = Field(description="當事人可見 Shown to the parties.")
    prev_hash: str = Field(description="前一筆雜湊 Hash of the entry before (SHA-256).")
    hash: str = Field(description="本筆雜湊 Hash of this entry (SHA-256).")

    @staticmethod
    def resolve_actor(obj, context) -> str | None:
        if _viewer_is_public(context) or obj.actor_id is None:
            return None
        return obj.actor.label

    @staticmethod
    def resolve_data(obj, context) -> dict:
        return {} if _viewer_is_public(context) else obj.data


class ChoiceOut(Schema):
    value: str = Field(description="值 Value to send.", examples=["agreed"])
    label: str = Field(description="名稱 Label.", examples=["調解成立 Agreement reached"])


class FieldSpecOut(Schema):
    name: str = Field(description="欄位名稱（data 的鍵） Key in `data`.", examples=["note"])
    label_zh: str = Field(description="欄位名稱 Label in Chinese.", examples=["說明"])
    label_en: str = Field(description="English label.", examples=["Note"])
    kind: str = Field(description="text, textarea, date, int, choice or bool.", examples=["text"])
    required: bool = Field(description="必填 Required.", examples=[True])
    choices: list[ChoiceOut] = Field(description="可選值（choice） Allowed values for a choice.")


class TransitionOut(Schema):
    name: str = Field(description="步驟代碼（POST transitions 的 name） The `name` to post.", examples=["close"])
    label_zh: str = Field(description="步驟名稱 Label in Chinese.", examples=["結案"])
    label_en: str = Field(description="English label.", examples=["Close"])
    target: str = Field(description="到達的狀態 Status after the step.", examples=["CLOSED"])
    target_label: LabelOut = Field(description="到達狀態的名稱 Label of the status after.")
    fields: list[FieldSpecOut] = Field(description="此步驟需填或可填的欄位 Inputs the step requires or accepts.")


class CaseDetailOut(CaseSummaryOut):
    channel: str = Field(description="受理管道 Channel.", examples=["portal"])
    state_entered_at: datetime = Field(description="進入目前狀態的時間 Entered the current status at.")
    parties: list[PartyOut] = Field(description="當事人 Parties.")
    timeline: list[TimelineEntryOut] = Field(description="歷程，舊者在前 Timeline, oldest first.")
    transitions: list[TransitionOut] = Field(
        description="您現在可以執行的步驟 The steps you may take now, with their fields."
    )


def _party(party: CaseParty, staff: bool) -> dict:
    if party.person_id:
        item = {"kind": "person", "name": party.person.name}
        if staff:
            item.update(person_id=party.person_id, masked_id=party.person.masked_id)
    else:
        item = {"kind": "employer", "name": party.employer.name, "business_id": party.employer.business_id}
        if staff:
            item["employer_id"] = party.employer_id
    item.update(role=party.role, role_label=party.get_role_display())
    return item


def _transition(transition: workflows.Transition, workflow: workflows.Workflow, today: date) -> dict:
    target = workflow.state(transition.target)
    fields = []
    for spec in transition.fields:
        choices = spec.choice_list(today) if hasattr(spec, "choice_list") else spec.choices
        fields.append(
            {
                "name": spec.name,
                "label_zh": spec.label_zh,
                "label_en": spec.label_en,
                "kind": spec.kind,
                "required": spec.required,
                "choices": [{"value": value, "label": label} for value, label in choices],
            }
        )
    return {
        "name": transition.name,
        "label_zh": transition.label_zh,
        "label_en": transition.label_en,
        "target": target.code,
        "target_label": {"zh": target.label_zh, "en": target.label_en},
        "fields": fields,
    }


class _CaseWith:
    """A case plus the lists its detail shows, read as one object by CaseDetailOut."""

    def __init__(self, case: Case, **extra):
        self._case = case
        self._extra = extra

    def __getattr__(self, name):
        if name in self._extra:
            return self._extra[name]
        return getattr(self._case, name)


def _detail(user: User, case: Case) -> _CaseWith:
    """The case with its parties, timeline and the steps `user` may take, each read
    through the selectors' scope."""
    staff = _is_staff(user)
    workflow = selectors.workflow_for(case)
    transitions = []
    if workflow is not None:
        today = timezone.localdate()
        transitions = [_transition(t, workflow, today) for t in case_services.transitions_available(user, case)]
    return _CaseWith(
        case,
        parties=[_party(party, staff) for party in selectors.case_parties(user, case)],
        timeline=list(selectors.case_timeline(user, case)),
        transitions=transitions,
    )


# --- input -------------------------------------------------------------------------------


class CaseFilters(Schema):
    type: Text(40) | None = Field(
        None, description="案件類型或其編號代碼 Case type, or its letters in case numbers.", examples=["LSC"]
    )
    status: Text(40) | None = Field(None, description="狀態代碼 Status code.", examples=["RECEIVED"])
    unit: Text(8) | None = Field(None, description="主辦單位代碼 Owning unit's code.", examples=["LS"])
    assignee: Literal["me"] | None = Field(None, description="me：我承辦的案件 Only cases assigned to me.")
    overdue: bool = Field(False, description="只列逾期未結 Only open cases past their deadline.")
    due_within_days: int | None = Field(
        None,
        ge=0,
        le=selectors.MAX_DUE_SOON_WORKING_DAYS,
        description="只列今天起若干「工作日」內到期者（依行政機關辦公日曆） Only open cases due within this many working days.",
        examples=[5],
    )
    q: Text(50) | None = Field(
        None,
        description="案號、案由或當事人證號/名稱 Case number, title, or a party's ID or name.",
        examples=["000042"],
    )


FieldValue = bool | Annotated[int, Field(ge=-(10**12), le=10**12)] | Text(10_000) | None


class CaseTransitionIn(Schema):
    name: Text(40, 1) = Field(description="步驟代碼（見案件的 transitions） The step to take.", examples=["close"])
    data: dict[Text(40, 1), FieldValue] = Field(
        default_factory=dict,
        max_length=50,
        description="步驟所需欄位（見 transitions[].fields） The step's inputs, by field name.",
        examples=[{"note": "已與雙方確認"}],
    )


class CaseNoteIn(Schema):
    text: Text(5_000, 1) = Field(description="紀錄內容 Text of the note.", examples=["已電話聯繫申訴人"])
    visible_to_parties: bool = Field(False, description="當事人可見 Show it to the parties.")


class CaseAssignmentIn(Schema):
    assignee: Text(150, 1) = Field(description="承辦人帳號 Username of the staff member.", examples=["ls_officer"])


# --- cases ---------------------------------------------------------------------------------


def _filters_checked(filters: CaseFilters) -> tuple[dict, list[str] | None]:
    """The selector's arguments from the query, refusing values that name nothing, and
    the case types the `type` filter stands for (a type, or every type of a code)."""
    known = {w.case_type: w for w in workflows.all_workflows()}
    case_types = None
    if filters.type:
        code = filters.type.upper()
        case_types = [filters.type] if filters.type in known else [t for t, w in known.items() if w.type_code == code]
        if not case_types:
            raise query_error("type", "沒有這個案件類型。", "Unknown case type.")
    if filters.status:
        candidates = [known[t] for t in case_types] if case_types else known.values()
        if not any(filters.status in {s.code for s in w.states} for w in candidates):
            raise query_error("status", "沒有這個案件狀態。", "Unknown status.")
    if filters.unit and not Unit.objects.filter(code=filters.unit.upper()).exists():
        raise query_error("unit", "沒有這個單位。", "Unknown unit.")
    arguments = {
        "status": filters.status,
        "unit": filters.unit.upper() if filters.unit else None,
        "overdue": filters.overdue,
        "due_within_working_days": filters.due_within_days,
        "q": filters.q,
    }
    return arguments, case_types


@router.get(
    "",
    response={200: list[CaseSummaryOut], **errors(401, 422)},
    summary="案件清單 List cases",
    description="您可以檢視的案件，可依類型、狀態、單位、承辦人、逾期與到期（工作日）篩選。"
    " The cases you may read, filtered; `due_within_days` counts working days on the office calendar.",
)
@paginate(Pages)
def case_list(request, filters: Query[CaseFilters]):
    user = request.auth
    arguments, case_types = _filters_checked(filters)
    try:
        cases = selectors.case_list(user, assignee=user.pk if filters.assignee == "me" else None, **arguments)
    except ApplicationError as error:
        if error.field in ("days", "date"):
            raise InputError(["query", "due_within_days"], error.message_zh, error.message_en) from None
        raise
    return cases.filter(case_type__in=case_types) if case_types else cases


@router.get(
    "/{number}",
    response={200: CaseDetailOut, **errors(401, 404, 422)},
    summary="案件 A case",
    description="案件、當事人、歷程，以及您現在可以執行的步驟與其欄位。"
    " The case with its parties, timeline and the steps you may take now with their fields.",
)
def case_detail(request, query: Query[PurposeQuery], number: str = CaseNumber):
    user = request.auth
    case = _case(user, number)
    if _is_staff(user):
        core_services.access_log_record(
            user=user,
            action="api",
            object_type="case",
            object_id=case.number,
            object_label=case.title,
            purpose=query.purpose or DEFAULT_PURPOSE,
        )
    return _detail(user, case)


@router.post(
    "/{number}/transitions",
    response={200: CaseDetailOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="執行步驟 Take a step",
    description='執行工作流程的一個步驟（狀態變更、歷程與通知同一交易）。欄位錯誤回 422 於 ["body", "data", 欄位]；'
    "案件狀態已變更回 409。 Fires one workflow transition: a missing or bad input answers 422 at "
    '["body", "data", <field>], a case that moved on meanwhile 409, a refusing guard 400.',
)
def case_transition(request, payload: CaseTransitionIn, number: str = CaseNumber):
    user = request.auth
    _refuse_read_only(user)
    case = _case(user, number)
    workflow = selectors.workflow_for(case)
    if workflow is None:
        raise NotFound("案件類型", "case type")
    try:
        transition = workflow.transition(payload.name)
    except KeyError:
        raise ApplicationError("沒有這個處理步驟。", "Unknown transition.", field="name") from None
    if not case_services.can_fire(user, case, transition):
        raise Forbidden("您不能執行這個步驟。", "You may not perform this step.")
    renames = {spec.name: f"data.{spec.name}" for spec in transition.fields}
    with remap_fields(transition="name", **renames):
        case = case_services.case_transition(case=case, name=transition.name, actor=user, data=payload.data)
    return _detail(user, selectors.case_get(user, case.number))


@router.get(
    "/{number}/notes",
    response={200: list[TimelineEntryOut], **errors(401, 404, 422)},
    summary="案件紀錄 Notes of a case",
)
@paginate(Pages)
def case_notes(request, number: str = CaseNumber):
    user = request.auth
    case = _case(user, number)
    return selectors.case_timeline(user, case).filter(kind=TimelineEntry.Kind.NOTE)


@router.post(
    "/{number}/notes",
    response={201: TimelineEntryOut, **errors(401, 403, 404, 422)},
    summary="新增紀錄 Add a note",
)
def case_note_add(request, payload: CaseNoteIn, number: str = CaseNumber):
    user = request.auth
    _refuse_read_only(user)
    case = _case(user, number)
    entry = case_services.case_note_add(
        case=case, actor=user, text=payload.text, visible_to_parties=payload.visible_to_parties
    )
    return Status(201, entry)


@router.post(
    "/{number}/assignment",
    response={200: CaseSummaryOut, **errors(401, 403, 404, 422)},
    summary="分案 Assign a case",
    description="科長分派案件；承辦人可承接本單位未分派的案件（指派給自己）。"
    " A section chief assigns; an officer may take an unassigned case of their unit (assign it to themselves).",
)
def case_assign(request, payload: CaseAssignmentIn, number: str = CaseNumber):
    user = request.auth
    _refuse_read_only(user)
    case = _case(user, number)
    assignee = User.objects.filter(username=payload.assignee, kind=UserKind.STAFF, is_active=True).first()
    if assignee is None:
        raise ApplicationError(
            "找不到此帳號的機關人員。", "No active staff member has this username.", field="assignee"
        )
    case = case_services.case_assign(case=case, actor=user, assignee=assignee)
    return selectors.case_get(user, case.number)


# --- a party's cases across programs ----------------------------------------------------


def _party_cases(user: User, parties) -> object:
    return (
        case_access.cases_readable_by(user, Case.objects.filter(pk__in=parties.values("case_id")))
        .select_related("unit", "assignee")
        .order_by("-opened_at", "-pk")
    )


def _party_reader(request) -> User:
    user = request.auth
    if not access.can_read_parties(user):
        raise Forbidden("您沒有查閱當事人資料的權限。", "You may not read records of persons and employers.")
    return user


@parties_router.get(
    "/persons/{person_id}/cases",
    response={200: list[CaseSummaryOut], **errors(401, 403, 404, 422)},
    tags=["persons 個人"],
    summary="個人的案件 A person's cases",
    description="此人為當事人、且您可以檢視的各業務案件；寫入一筆個資存取紀錄。"
    " The cases across programs in which the person is a party and which you may read; logged.",
)
@paginate(Pages)
def person_cases(request, query: Query[PurposeQuery], person_id: int = PersonId):
    user = _party_reader(request)
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise NotFound("個人資料", "person")
    core_services.access_log_record(
        user=user,
        action="api",
        object_type="person",
        object_id=person.pk,
        object_label=f"{person.name}：案件 cases",
        purpose=query.purpose or DEFAULT_PURPOSE,
    )
    return _party_cases(user, CaseParty.objects.filter(person=person))


@parties_router.get(
    "/employers/{employer_id}/cases",
    response={200: list[CaseSummaryOut], **errors(401, 403, 404, 422)},
    tags=["employers 事業單位"],
    summary="事業單位的案件 An employer's cases",
    description="此事業單位為當事人、且您可以檢視的各業務案件。"
    " The cases across programs in which the employer is a party and which you may read.",
)
@paginate(Pages)
def employer_cases(request, employer_id: int = EmployerId):
    user = _party_reader(request)
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise NotFound("事業單位", "employer")
    return _party_cases(user, CaseParty.objects.filter(employer=employer))
