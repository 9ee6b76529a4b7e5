"""REST endpoints of the labor-standards complaint (勞動條件申訴).

Filing: a citizen files for themself (token or session); an officer of the Labor
Standards Section records one received by phone, at the counter or by post and names
the complainant. The workflow itself (accept, findings, fine, close) runs through the
generic `/api/v1/cases/{number}/transitions`. The complaint's record is read by the
staff who may read the case and by the complainant; never by the employer it names.
"""

from datetime import date
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.schemas import Text
from laborbureau.cases import access as case_access
from laborbureau.cases.models import Case, Channel
from laborbureau.core.api import EmployerIn, PersonIn
from laborbureau.core.errors import Forbidden
from laborbureau.core.models import UserKind
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.relations import services
from laborbureau.relations.models import ComplaintCategory, LaborStandardsComplaint

router = Router(tags=["complaints 勞動條件申訴"])


class ComplaintIn(Schema):
    employer: EmployerIn = Field(description="被申訴的事業單位 The employer complained about.")
    establishment_name: Text(120) = Field("", description="廠場（工作地點）名稱 Site, if known.", examples=["內湖廠"])
    categories: list[ComplaintCategory] = Field(
        min_length=1, max_length=len(ComplaintCategory.values),
        description="申訴事項 What the complaint is about.", examples=[["OVERTIME_PAY", "UNPAID_WAGES"]],
    )
    description: Text(5000, 1) = Field(
        description="事實經過 What happened.", examples=["113年9月起每月加班約40小時，公司未給加班費。"]
    )
    still_employed: bool = Field(description="是否仍在職 Still employed there.", examples=[True])
    identity_disclosure_consent: bool = Field(
        False, description="同意向事業單位揭露身分（預設保密，勞動基準法第74條） Consent to disclose the "
        "complainant's identity to the employer (kept secret by default, LSA Art. 74).", examples=[False],
    )
    complainant: PersonIn | None = Field(
        None, description="申訴人（僅承辦人登錄時填寫；民眾申訴時為本人） The complainant: staff recording a "
        "complaint give it; a citizen files for themself.",
    )
    channel: Literal["phone", "counter", "mail", "api"] = Field(
        Channel.API, description="受理管道 How it was received (staff: phone, counter, mail).", examples=["phone"]
    )


class ComplaintOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-LSC-000042"])
    status: str = Field(description="案件狀態 Status code.", examples=["SUBMITTED"])
    opened_on: date
    due_date: date | None = Field(description="依法應回覆之期限 Statutory answer date (60 days).")
    employer_name: str
    employer_business_id: str | None
    categories: list[str]
    description: str
    still_employed: bool
    identity_disclosure_consent: bool
    findings: str
    violation_found: bool | None
    fine_number: str
    outcome_summary: str


def _out(complaint: LaborStandardsComplaint) -> dict:
    case = complaint.case
    return {
        "number": case.number,
        "status": case.status,
        "opened_on": timezone.localdate(case.opened_at),
        "due_date": case.due_date,
        "employer_name": complaint.employer.name,
        "employer_business_id": complaint.employer.business_id,
        "categories": complaint.categories,
        "description": complaint.description,
        "still_employed": complaint.still_employed,
        "identity_disclosure_consent": complaint.identity_disclosure_consent,
        "findings": complaint.findings,
        "violation_found": complaint.violation_found,
        "fine_number": complaint.fine_number,
        "outcome_summary": complaint.outcome_summary,
    }


@router.post(
    "",
    response={201: ComplaintOut, **errors(401, 403, 409, 422)},
    summary="提出勞動條件申訴 File a labor-standards complaint",
    description="民眾本人申訴，或勞動基準科承辦人登錄電話／臨櫃申訴（須填 complainant）。同一申訴人對同一事業單位已有"
    "處理中的申訴時回 422（欄位 employer.name），請於原案補充。 A citizen files for themself; an officer records "
    "one and names the complainant. An open complaint by the same person against the same employer answers 422.",
)
def complaint_file(request, payload: ComplaintIn):
    user = request.user
    if user.kind == UserKind.EMPLOYER:
        raise Forbidden("事業單位帳號不能提出勞工申訴。", "Employer accounts cannot file worker complaints.")
    complainant = None
    if payload.complainant is not None:
        if user.kind != UserKind.STAFF:
            raise Forbidden("民眾僅能以本人身分申訴。", "A citizen can only file for themself.")
        person = payload.complainant
        complainant = PersonInput(
            id_number=person.id_number, name=person.name, id_kind=person.id_kind or "",
            passport_country=person.passport_country, birth_date=person.birth_date, sex=person.sex or "",
            phone=person.phone, email=person.email, address=person.address, district_code=person.district_code,
        )
    employer = payload.employer
    complaint = services.complaint_file(
        data=services.ComplaintInput(
            employer=EmployerInput(
                name=employer.name, business_id=employer.business_id, representative=employer.representative,
                industry_code=employer.industry_code, phone=employer.phone, email=employer.email,
                address=employer.address, district_code=employer.district_code,
            ),
            categories=[str(value) for value in payload.categories],
            description=payload.description,
            still_employed=payload.still_employed,
            identity_disclosure_consent=payload.identity_disclosure_consent,
            establishment_name=payload.establishment_name,
            complainant=complainant,
            channel=payload.channel if user.kind == UserKind.STAFF else Channel.API,
        ),
        actor=user,
    )
    return Status(201, _out(complaint))


@router.get(
    "/{number}",
    response={200: ComplaintOut, **errors(401, 404)},
    summary="申訴內容 A complaint's record",
    description="承辦單位可讀取者與申訴人本人可讀；其他人（含被申訴事業單位）回 404。 Staff who may read the case "
    "and the complainant; anyone else (the employer included) gets 404.",
)
def complaint_get(request, number: str):
    case = Case.objects.filter(number=number[:20]).first()
    if case is None or not case_access.can_read_case(request.user, case):
        raise Http404
    complaint = LaborStandardsComplaint.objects.select_related("case", "employer").filter(case=case).first()
    if complaint is None:
        raise Http404
    return _out(complaint)
