"""REST endpoints of closure determinations (關廠歇業事實認定).

A worker applies for themself (token or session); an officer of the Labor Relations
Section records an application and names the applicant. A second worker of the same
employer joins the open case (the answer says `joined`). The applicants and the staff
who may read the case read it; the employer never does (404).
"""

from datetime import date
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors, remap_fields
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text
from laborbureau.cases import access as case_access
from laborbureau.cases import services as case_services
from laborbureau.cases.access import cases_readable_by
from laborbureau.core.api import EmployerIn, PersonIn
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.models import Role, UserKind
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.relations.closures import services
from laborbureau.relations.closures.models import ClosureDetermination
from laborbureau.relations.closures.workflows import WORKFLOW

Number = Path(..., max_length=40, description="案號 Case number.", examples=["115-CLD-000001"])

router = Router(tags=["closure-determinations 歇業事實認定"])


class ApplyIn(Schema):
    employer: EmployerIn = Field(description="歇業之事業單位 The employer that closed.")
    establishment_name: Text(120) = Field("", description="分支機構或廠場（如僅分支機構歇業） Branch, if only it closed.",
                                          examples=[""])
    statement: Text(5000, 1) = Field(description="停業情形 How the business stopped.",
                                     examples=["公司自上月起停止營業，負責人失聯。"])
    still_owed: bool = Field(True, description="是否仍有積欠工資、退休金或資遣費 Still owed wages, pension or severance.",
                             examples=[True])
    claimed_since: date | None = Field(None, description="停業日（申請人所知） When it stopped.", examples=["2026-10-15"])
    mediation_reference: Text(40) = Field("", description="勞資爭議調解案號 Prior mediation case.",
                                          examples=["115-DSP-000012"])
    applicant: PersonIn | None = Field(None, description="申請人（僅承辦人登錄時填寫） The applicant: staff only.")
    channel: Literal["api", "counter", "mail", "phone"] = Field("api", description="受理管道 Channel.", examples=["api"])


class ClosureOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-CLD-000001"])
    status: str = Field(description="狀態 Status.", examples=["SUBMITTED"])
    due_date: date | None = Field(description="法定處理期限 Statutory due date (two months, 行政程序法第51條).")
    joined: bool = Field(False, description="是否加入既有申請案 Whether this application joined an open case.")
    employer_name: str
    applicants: int = Field(description="申請人數 Number of applicants.")
    claimed_since: date | None
    visit_date: date | None
    outcome: str = Field(description="認定結果 Finding (DEREGISTERED, CEASED, NOT_CLOSED) or empty.")
    closed_since: date | None


class ClosurePage(Schema):
    items: list[ClosureOut]
    count: int = Field(description="總筆數 Total.")


class TransitionIn(Schema):
    name: Text(40, 1) = Field(description="步驟代碼 The step.", examples=["accept"])
    data: dict[Text(40, 1), bool | Annotated[int, Field(ge=-(10**12), le=10**12)] | Text(10_000) | None] = Field(
        default_factory=dict, max_length=50, description="步驟所需欄位 The step's inputs.",
        examples=[{"visit_date": "2026-11-20", "findings": "大門深鎖"}])


def _out(record: ClosureDetermination, joined: bool = False) -> dict:
    case = record.case
    return {
        "number": case.number, "status": case.status, "due_date": case.due_date, "joined": joined,
        "employer_name": record.employer.name, "applicants": record.applicants.count(),
        "claimed_since": record.claimed_since, "visit_date": record.visit_date, "outcome": record.outcome,
        "closed_since": record.closed_since,
    }


def _readable(user):
    return (ClosureDetermination.objects.filter(case__in=cases_readable_by(user))
            .select_related("case", "employer").order_by("-case__opened_at"))


def _get(user, number: str) -> ClosureDetermination:
    record = _readable(user).filter(case__number=number[:20]).first()
    if record is None:
        raise NotFound("歇業事實認定案", "closure determination")
    return record


@router.post(
    "", response={201: ClosureOut, **errors(401, 403, 422)},
    summary="申請歇業事實認定 Apply for a closure determination",
    description="勞工本人申請，或勞資關係科承辦人登錄（須填 applicant）。同一事業單位已有處理中之案件時，加入該案（joined 為 true）。"
    " A worker applies for themself; an officer records one. A second worker of the same employer joins the open case.",
)
def closure_apply(request, payload: ApplyIn):
    user = request.auth
    applicant = None
    if payload.applicant is not None:
        if user.kind != UserKind.STAFF:
            raise Forbidden("民眾僅能以本人名義申請。", "A citizen applies only for themself.")
        p = payload.applicant
        applicant = PersonInput(id_number=p.id_number, name=p.name, id_kind=p.id_kind or "",
                                passport_country=p.passport_country, birth_date=p.birth_date, sex=p.sex or "",
                                phone=p.phone, email=p.email, address=p.address, district_code=p.district_code)
    e = payload.employer
    with remap_fields(**{"employer.district": "employer.district_code", "applicant.district": "applicant.district_code"}):
        record, joined = services.closure_apply(
            data=services.ClosureApplyInput(
                employer=EmployerInput(name=e.name, business_id=e.business_id, representative=e.representative,
                                       industry_code=e.industry_code, phone=e.phone, email=e.email, address=e.address,
                                       district_code=e.district_code),
                statement=payload.statement, still_owed=payload.still_owed, claimed_since=payload.claimed_since,
                establishment_name=payload.establishment_name, mediation_reference=payload.mediation_reference,
                applicant=applicant, channel=payload.channel if user.kind == UserKind.STAFF else "api",
            ),
            actor=user,
        )
    return Status(201, _out(record, joined))


@router.get("", response={200: ClosurePage, **errors(401, 422)}, summary="歇業事實認定案清單 List closure determinations",
            description="申請人：本人的案件；承辦單位：可讀取者。 Applicants: their own; staff: those they may read.")
def closure_list(request, paging: Query[Pages.Input]):
    items, count = page_slice(_readable(request.auth).prefetch_related("applicants"), paging.page, paging.page_size)
    return {"items": [_out(record) for record in items], "count": count}


@router.get("/{number}", response={200: ClosureOut, **errors(401, 404)}, summary="歇業事實認定案 A closure determination",
            description="申請人與可讀取之承辦人員；其他人（含事業單位）回 404。 Applicants and staff who may read it.")
def closure_get(request, number: str = Number):
    record = _get(request.auth, number)
    if not case_access.can_read_case(request.auth, record.case):
        raise Http404
    return _out(record)


@router.post(
    "/{number}/transitions", response={200: ClosureOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="執行步驟 Take a step",
    description="受理、登錄訪查、登錄查證資料、擬具認定（陳核科長）、撤回等；欄位錯誤回 422 於 "
    '["body", "data", 欄位]，狀態已變更回 409。 Fires a workflow step.',
)
def closure_transition(request, payload: TransitionIn, number: str = Number):
    user = request.auth
    record = _get(user, number)
    try:
        transition = WORKFLOW.transition(payload.name)
    except KeyError:
        raise ApplicationError("沒有這個處理步驟。", "Unknown transition.", field="name") from None
    if user.kind == UserKind.STAFF and user.role == Role.AUDITOR:
        raise Forbidden("稽核人員僅能檢視。", "Auditors may only read.")
    renames = {spec.name: f"data.{spec.name}" for spec in transition.fields}
    with remap_fields(transition="name", **renames):
        case_services.case_transition(case=record.case, name=transition.name, actor=user, data=payload.data)
    return _out(_get(user, number))
