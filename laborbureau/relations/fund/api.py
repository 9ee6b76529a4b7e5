"""REST endpoints of 勞工權益基金 Labor Rights Fund (`/api/v1/labor-rights-fund`).

A citizen applies for themself with their token; an officer of the Labor Relations
Section records one and names the applicant. The review (accept, documents, grant
or refusal with sign-off, final judgment, reimbursement) runs through the generic
`/api/v1/cases/{number}/transitions`; milestones, payments and reimbursements have
their own endpoints here. The record is read by staff who may read the case and by
the applicant; never by the employer.
"""

import datetime as dt
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.schemas import Text
from laborbureau.cases import access as case_access
from laborbureau.cases.models import Case, Channel
from laborbureau.core.api import PersonIn
from laborbureau.core.errors import Forbidden
from laborbureau.core.models import UserKind
from laborbureau.core.services import EmployerInput, PersonInput, access_log_record
from laborbureau.relations.fund import selectors, services
from laborbureau.relations.fund.models import AidItem, DisputeKind, FundApplication, MilestoneKind, Stage
from laborbureau.relations.fund.workflows import CASE_TYPE

router = Router(tags=["labor-rights-fund 勞工權益基金"])

class RequestedIn(Schema):
    COURT_FEE: int = Field(0, ge=0, le=services.MAX_AMOUNT, description="裁判費 Court fees (NT$).", examples=[52539])
    ATTORNEY_FEE: int = Field(0, ge=0, le=services.MAX_AMOUNT, description="律師費 Attorney fees (NT$).",
                              examples=[40000])
    LIVING: int = Field(0, ge=0, le=services.MAX_AMOUNT, description="生活費用 Living allowance (NT$).", examples=[0])
    ENFORCEMENT_FEE: int = Field(0, ge=0, le=services.MAX_AMOUNT, description="強制執行費 Enforcement fees (NT$).",
                                 examples=[0])


class EmployerRef(Schema):
    name: Text(120, 1) = Field(description="雇主名稱 Employer's name.", examples=["信義餐飲有限公司"])
    business_id: Text(12) = Field("", description="統一編號（選填） Business ID, optional.", examples=["04595257"])


class ApplicationIn(Schema):
    employer: EmployerRef = Field(description="相對人（雇主） The employer sued.")
    dispute_kind: DisputeKind = Field(description="爭議類別 Kind of dispute.", examples=["TERMINATION_WAGES"])
    stage: Stage = Field(description="申請補助之程序 Stage the aid is for.", examples=["FIRST"])
    requested: RequestedIn = Field(description="申請項目與金額 Items and amounts asked for.")
    living_months: int = Field(0, ge=0, le=24, description="生活費用月數 Months of living allowance.", examples=[0])
    mediation_reference: Text(80) = Field("", description="調解不成立紀錄字號（第一審必填） Reference of the failed "
                                          "mediation (required for the first instance).", examples=["北市勞資字第1130012345號"])
    mediation_case_number: Text(20) = Field("", description="本平台調解案號（選填） Mediation case number here.",
                                            examples=["115-DSP-000042"])
    court: Text(60) = Field("", description="法院 Court.", examples=["臺灣臺北地方法院"])
    docket: Text(60) = Field("", description="案號 Docket.", examples=["115年度勞訴字第12號"])
    claim_amount: int = Field(0, ge=0, le=services.MAX_AMOUNT, description="請求金額 Amount claimed.", examples=[350000])
    annual_income: int | None = Field(None, ge=0, le=services.MAX_AMOUNT, description="最近一年所得 Income last "
                                      "year.", examples=[420000])
    other_aid: bool = Field(False, description="已獲其他政府補助 Other government aid for the same costs.",
                            examples=[False])
    applicant: PersonIn | None = Field(None, description="申請人（僅承辦人登錄時填寫） The applicant (staff only).")


class ItemOut(Schema):
    item: str = Field(description="項目 Item.", examples=["ATTORNEY_FEE"])
    requested: int = Field(description="申請 Asked.", examples=[40000])
    granted: int | None = Field(description="核定 Granted.", examples=[40000])
    months: int = Field(description="月數 Months (living allowance).", examples=[0])
    paid: int = Field(description="已撥付 Paid.", examples=[0])


class MilestoneOut(Schema):
    stage: str = Field(description="審級 Stage.", examples=["FIRST"])
    kind: str = Field(description="進度 Milestone.", examples=["HEARING"])
    on: dt.date = Field(description="日期 Date.", examples=["2027-01-15"])
    court: str = Field(description="法院 Court.", examples=["臺灣臺北地方法院"])
    docket: str = Field(description="案號 Docket.", examples=["115年度勞訴字第12號"])
    outcome: str = Field(description="結果 Outcome.", examples=[""])


class ApplicationOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-LRF-000007"])
    status: str = Field(description="狀態 Status.", examples=["SUBMITTED"])
    opened_on: dt.date = Field(description="收件日 Received on.", examples=["2026-11-27"])
    due_date: dt.date | None = Field(description="處理期限 Processing limit (行政程序法第51條).", examples=["2027-01-26"])
    dispute_kind: str = Field(description="爭議類別 Dispute.", examples=["TERMINATION_WAGES"])
    stage: str = Field(description="程序 Stage.", examples=["FIRST"])
    employer_name: str = Field(description="雇主 Employer.", examples=["信義餐飲有限公司"])
    mediation_reference: str = Field(description="調解紀錄 Mediation reference.", examples=["北市勞資字第1130012345號"])
    grant_total: int = Field(description="核定合計 Total granted.", examples=[0])
    outcome: str = Field(description="訴訟結果 Outcome.", examples=[""])
    reimbursement_due: int = Field(description="應返還 To be returned.", examples=[0])
    items: list[ItemOut]
    milestones: list[MilestoneOut]


def _out(application: FundApplication) -> dict:
    case = application.case
    paid: dict[str, int] = {}
    for payment in application.payments.all():
        paid[payment.item] = paid.get(payment.item, 0) + payment.amount
    return {
        "number": case.number, "status": case.status, "opened_on": timezone.localdate(case.opened_at), "due_date": case.due_date,
        "dispute_kind": application.dispute_kind, "stage": application.stage,
        "employer_name": application.employer_name, "mediation_reference": application.mediation_reference,
        "grant_total": application.grant_total, "outcome": application.outcome,
        "reimbursement_due": application.reimbursement_due,
        "items": [{"item": r.item, "requested": r.requested, "granted": r.granted, "months": r.months,
                   "paid": paid.get(r.item, 0)} for r in application.items.all()],
        "milestones": [{"stage": m.stage, "kind": m.kind, "on": m.on, "court": m.court, "docket": m.docket,
                        "outcome": m.outcome} for m in application.milestones.all()],
    }


def _with_related(queryset):
    return queryset.select_related("case").prefetch_related("items", "milestones", "payments")


@router.post(
    "", response={201: ApplicationOut, **errors(401, 403, 409, 422)},
    summary="申請訴訟補助 Apply for litigation aid",
    description="民眾本人申請，或勞資關係科承辦人登錄（須填 applicant）。同一審級已有處理中申請時回 422（stage）。 "
    "A citizen applies for themself; an officer records one and names the applicant.",
)
def application_file(request, payload: ApplicationIn):
    user = request.user
    if user.kind == UserKind.EMPLOYER:
        raise Forbidden("事業單位帳號不能申請勞工訴訟補助。", "Employer accounts cannot apply.")
    applicant = None
    if payload.applicant is not None:
        if user.kind != UserKind.STAFF:
            raise Forbidden("民眾僅能以本人身分申請。", "A citizen can only apply for themself.")
        person = payload.applicant
        applicant = PersonInput(
            id_number=person.id_number, name=person.name, id_kind=person.id_kind or "",
            passport_country=person.passport_country, birth_date=person.birth_date, sex=person.sex or "",
            phone=person.phone, email=person.email, address=person.address, district_code=person.district_code,
        )
    application = services.application_file(actor=user, data=services.ApplicationInput(
        employer=EmployerInput(name=payload.employer.name, business_id=payload.employer.business_id),
        dispute_kind=payload.dispute_kind, stage=payload.stage, requested=payload.requested.dict(),
        living_months=payload.living_months, mediation_reference=payload.mediation_reference,
        mediation_case_number=payload.mediation_case_number, court=payload.court, docket=payload.docket,
        claim_amount=payload.claim_amount, annual_income=payload.annual_income, other_aid=payload.other_aid,
        applicant=applicant, channel=Channel.API if user.kind != UserKind.STAFF else Channel.COUNTER,
    ))
    return Status(201, _out(_with_related(FundApplication.objects).get(pk=application.pk)))


@router.get(
    "", response={200: list[ApplicationOut], **errors(401)},
    summary="申請清單 Applications",
    description="承辦單位可讀者，或申請人本人（最多200筆，新者在前）。 Staff scope or the applicant's own (200 at most).",
)
def application_list(request, status: Text(40) = ""):
    rows = list(_with_related(selectors.application_list(user=request.user, status=status))[:200])
    if rows and request.user.kind == UserKind.STAFF:
        access_log_record(user=request.user, action="api", object_type="fund_applications", object_id="list",
                          purpose="勞工權益基金申請清單（API）", object_label=f"{len(rows)} applications")
    return [_out(row) for row in rows]


def _get(request, number: str) -> FundApplication:
    case = Case.objects.filter(number=number[:20], case_type=CASE_TYPE).first()
    if case is None or not case_access.can_read_case(request.user, case):
        raise Http404
    return _with_related(FundApplication.objects).get(case=case)


@router.get(
    "/{number}", response={200: ApplicationOut, **errors(401, 404)},
    summary="申請內容 An application",
    description="承辦單位可讀者與申請人本人；其他人回 404。 Staff who may read the case and the applicant.",
)
def application_get(request, number: str):
    application = _get(request, number)
    if request.user.kind == UserKind.STAFF:
        access_log_record(user=request.user, action="api", object_type="case", object_id=number[:20],
                          purpose="勞工權益基金申請（API）", object_label=application.applicant.name)
    return _out(application)


class MilestoneIn(Schema):
    stage: Stage = Field(description="審級 Stage.", examples=["FIRST"])
    kind: MilestoneKind = Field(description="進度 Milestone.", examples=["HEARING"])
    on: dt.date = Field(description="日期 Date.", examples=["2027-01-15"])
    court: Text(60) = Field("", description="法院 Court.", examples=["臺灣臺北地方法院"])
    docket: Text(60) = Field("", description="案號 Docket.", examples=["115年度勞訴字第12號"])
    outcome: Literal["", "WON", "PARTLY_WON", "LOST", "SETTLED", "WITHDRAWN"] = Field(
        "", description="結果（判決時必填） Outcome (judgments).", examples=[""])
    note: Text(300) = Field("", description="備註 Note.", examples=["第一次言詞辯論"])


@router.post(
    "/{number}/milestones", response={201: ApplicationOut, **errors(401, 403, 404, 409, 422)},
    summary="登錄訴訟進度 Record a court milestone (staff)",
)
def milestone_record(request, number: str, payload: MilestoneIn):
    application = _get(request, number)
    services.milestone_record(application=application, actor=request.user, stage=payload.stage, kind=payload.kind,
                              on=payload.on, court=payload.court, docket=payload.docket, outcome=payload.outcome,
                              note=payload.note)
    return Status(201, _out(_get(request, number)))


class PaymentIn(Schema):
    item: AidItem = Field(description="項目 Item.", examples=["ATTORNEY_FEE"])
    amount: int = Field(ge=1, le=services.MAX_AMOUNT, description="撥付金額 Amount (NT$).", examples=[40000])
    paid_on: dt.date = Field(description="撥付日期 Paid on.", examples=["2026-12-10"])
    reference: Text(60) = Field("", description="付款憑證號 Reference.", examples=["付-115-0032"])


@router.post(
    "/{number}/payments", response={201: ApplicationOut, **errors(401, 403, 404, 409, 422)},
    summary="登錄撥付 Record a payment of granted aid (staff)",
    description="每項累計不得超過核定金額（422 amount）。 The total per item cannot exceed the grant.",
)
def payment_record(request, number: str, payload: PaymentIn):
    application = _get(request, number)
    services.payment_record(application=application, actor=request.user, item=payload.item, amount=payload.amount,
                            paid_on=payload.paid_on, reference=payload.reference)
    return Status(201, _out(_get(request, number)))


class ReimbursementIn(Schema):
    amount: int = Field(ge=1, le=services.MAX_AMOUNT, description="返還金額 Amount (NT$).", examples=[60000])
    received_on: dt.date = Field(description="收款日期 Received on.", examples=["2027-06-01"])
    reference: Text(60) = Field("", description="收據號 Receipt.", examples=["收-116-0005"])


@router.post(
    "/{number}/reimbursements", response={201: ApplicationOut, **errors(401, 403, 404, 409, 422)},
    summary="登錄返還 Record a reimbursement (staff)",
)
def reimbursement_record(request, number: str, payload: ReimbursementIn):
    application = _get(request, number)
    services.reimbursement_record(application=application, actor=request.user, amount=payload.amount,
                                  received_on=payload.received_on, reference=payload.reference)
    return Status(201, _out(_get(request, number)))

