"""REST endpoints: `/api/v1/domestic-recruitments` (國內招募), `/api/v1/separation-certificates`
(協助開立離職證明) and `/api/v1/worker-transfers` (外國人轉換雇主及承接).

Each record is a case of the Employment Services Office; other steps (sign-off,
withdrawal, take-over) go through `/api/v1/cases/{number}/transitions` and the case
engine's sign-off endpoints. An employer reads only its own records, a worker only
their own requests; another unit's staff and anyone else get 404. Reads of personal
data are logged (core.services.access_log_record).
"""

import datetime as dt
from typing import Annotated, Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors, remap_fields
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text
from laborbureau.cases import services as case_services
from laborbureau.core.api import EmployerIn, PersonIn
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.models import UserKind
from laborbureau.core.services import EmployerInput, PersonInput, access_log_record
from laborbureau.employment import services as employment_services
from laborbureau.employment.models import Education, PayUnit, Referral, WorkingHours
from laborbureau.employment.recruitment import selectors, services
from laborbureau.employment.recruitment.models import (
    ContactMethod,
    ContactResult,
    DomesticRecruitment,
    RecruitmentReferralOutcome,
    RefusalReasonCode,
    SeparationCertificateRequest,
    SeparationGround,
    TransferGround,
    WorkCategory,
    WorkerTransfer,
)

Number = Path(..., max_length=40, description="案號 Case number.", examples=["115-DRC-000001"])
Id = Annotated[int, Field(ge=1, le=2**62)]

recruitments_router = Router(tags=["domestic-recruitments 國內招募"])
separations_router = Router(tags=["separation-certificates 協助開立離職證明"])
transfers_router = Router(tags=["worker-transfers 外國人轉換雇主及承接"])
router = Router()
router.add_router("domestic-recruitments", recruitments_router)
router.add_router("separation-certificates", separations_router)
router.add_router("worker-transfers", transfers_router)


def _person(payload: PersonIn) -> PersonInput:
    return PersonInput(id_number=payload.id_number, name=payload.name, id_kind=str(payload.id_kind or ""),
                       passport_country=payload.passport_country, birth_date=payload.birth_date,
                       sex=str(payload.sex or ""), phone=payload.phone, email=payload.email, address=payload.address,
                       district_code=payload.district_code)


def _employer(payload: EmployerIn) -> EmployerInput:
    return EmployerInput(name=payload.name, business_id=payload.business_id, representative=payload.representative,
                         industry_code=payload.industry_code, phone=payload.phone, email=payload.email,
                         address=payload.address, district_code=payload.district_code)


# --- domestic recruitment ------------------------------------------------------------------


class RecruitmentIn(Schema):
    work_category: WorkCategory = Field(description="聘僱外國人工作類別（家庭看護工作依第18條，不在此辦理） Kind of "
                                        "work (home care is recruited under Art. 18, not here).", examples=["MANUFACTURING"])
    title: Text(employment_services.MAX_TITLE, 2) = Field(description="職缺名稱 Job title.", examples=["電子零件組裝作業員"])
    description: Text(employment_services.MAX_DESCRIPTION, employment_services.MIN_DESCRIPTION) = Field(
        description="工作內容（純文字） Duties, plain text.", examples=["負責電子零件組裝、品質目視檢查及產線清潔。"])
    occupation_code: Text(4, 2) = Field(description="職業標準分類中類代碼 Occupation sub-major group.", examples=["81"])
    district_code: Text(8, 3) = Field(description="工作地點行政區（代碼或郵遞區號） Taipei district.", examples=["114"])
    address: Text(200, 4) = Field(description="工作地址 Workplace address.", examples=["臺北市內湖區瑞光路100號"])
    pay_unit: PayUnit = Field(description="計薪方式 MONTHLY or HOURLY.", examples=["MONTHLY"])
    pay_min: int = Field(ge=0, le=100_000_000, description="薪資下限（元），不得低於最低工資 Lowest pay (not below "
                         "the minimum wage).", examples=[30000])
    pay_max: int | None = Field(None, ge=0, le=100_000_000, description="薪資上限（元） Highest pay.", examples=[34000])
    hours: WorkingHours = Field(description="工作時段 Working hours.", examples=["SHIFT"])
    hours_note: Text(100) = Field("", description="工作時間說明 Hours in words.", examples=["三班制，月休8天"])
    requirements: Text(employment_services.MAX_REQUIREMENTS) = Field(
        "", description="條件要求（未載明之條件不得作為拒絕理由） Requirements; unstated ones cannot justify a refusal.",
        examples=["能配合輪班"])
    education_min: Education = Field(Education.NONE, description="最低學歷 Minimum education.", examples=["NONE"])
    openings: int = Field(ge=1, le=employment_services.MAX_OPENINGS, description="需求人數（擬聘僱人數） Workers sought.",
                          examples=[3])
    closing_date: dt.date = Field(description="求才截止日（須在法定招募期滿日以後） Closing date, after the statutory "
                                  "period.", examples=["2026-12-31"])
    employer: EmployerIn | None = Field(None, description="事業單位（承辦人臨櫃登錄時必填） The employer: officers only.")
    newspaper_name: Text(60) = Field("", description="同時刊登之國內新聞紙 Newspaper also used.", examples=[""])
    newspaper_first_day: dt.date | None = Field(None, description="報紙連續刊登二日之首日（第17條第1項但書） First of "
                                                "two newspaper days (Art. 17(1) proviso).", examples=[None])
    union_notified_on: dt.date | None = Field(None, description="通知工會或勞工日（第47條第1項） Union notified on.",
                                              examples=["2026-11-27"])
    posted_at_workplace_on: dt.date | None = Field(None, description="工作場所公告日 Posted at the workplace on.",
                                                   examples=["2026-11-27"])


class PeriodOut(Schema):
    first_day: dt.date = Field(description="招募期間首日 First day.", examples=["2026-11-29"])
    last_day: dt.date = Field(description="招募期滿日 Last day.", examples=["2026-12-05"])
    days: int = Field(description="法定最少日數 Statutory minimum days.", examples=[7])
    basis: str = Field(description="法律依據 Legal basis.", examples=["雇主聘僱外國人許可及管理辦法第17條第1項"])
    certificate_from: dt.date = Field(description="得開具求才證明書之日 Certificate possible from.",
                                      examples=["2026-12-06"])


class OutcomeOut(Schema):
    id: int | None = Field(description="結果編號（未登錄為 null） Outcome id, null if none.", examples=[4])
    referral_id: int = Field(description="推介編號 Referral id.", examples=[31])
    seeker_name: str = Field(description="求職人 Job seeker.", examples=["王小明"])
    referred_at: dt.datetime = Field(description="推介時間 Referred at.")
    decision: str = Field(description="HIRED、REFUSED；空白為未登錄 Decision; empty when not recorded.", examples=["REFUSED"])
    reason: str = Field(description="不予錄用理由代碼 Reason code.", examples=["NO_SHOW"])
    reason_detail: str = Field(description="說明 Detail.", examples=[""])
    presumed_lawful: bool | None = Field(description="此理由是否推定為正當理由 Whether the reason is presumed proper.",
                                         examples=[True])
    judgement: str = Field(description="PENDING、LAWFUL、UNLAWFUL；空白為未登錄 The officer's judgement.",
                           examples=["PENDING"])
    judgement_note: str = Field(description="認定理由 Grounds.", examples=[""])


class BlockerOut(Schema):
    zh: str = Field(description="中文說明 In Chinese.", examples=["招募期間尚未期滿。"])
    en: str = Field(description="English.", examples=["The period is running."])


class RecruitmentOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-DRC-000001"])
    status: str = Field(description="RECRUITING、CERTIFICATE_PENDING、REFUSAL_PENDING、CERTIFIED、REFUSED、WITHDRAWN.",
                        examples=["RECRUITING"])
    employer_name: str = Field(description="事業單位 Employer.", examples=["永豐精密工業股份有限公司"])
    employer_business_id: str = Field(description="統一編號 Business ID.", examples=["04595257"])
    vacancy_id: int = Field(description="求才職缺編號（求才求職系統） Job-bank vacancy id.", examples=[42])
    vacancy_status: str = Field(description="職缺狀態 Vacancy status.", examples=["ACTIVE"])
    work_category: str = Field(description="工作類別 Kind of work.", examples=["MANUFACTURING"])
    openings: int = Field(description="需求人數 Workers sought.", examples=[3])
    registered_on: dt.date = Field(description="求才登記日 Registered on.", examples=["2026-11-27"])
    period: PeriodOut | None = Field(description="法定招募期間（求才廣告刊登後） Statutory period, once published.")
    referrals: list[OutcomeOut] = Field(description="推介及結果 Referrals and outcomes.")
    hired: int = Field(description="錄用人數 Hired.", examples=[1])
    shortfall: int = Field(description="本國勞工不足額 Shortfall.", examples=[2])
    blockers: list[BlockerOut] = Field(description="尚不能開具求才證明書之原因 What stops the certificate now.")
    certificate_code: str = Field(description="求才證明書驗證碼（已開具時） Certificate verification code.",
                                  examples=[""])


def _recruitment_out(recruitment: DomesticRecruitment) -> dict:
    assessment = selectors.recruitment_assess(recruitment, timezone.localdate())
    period = assessment.period
    return {
        "number": recruitment.case.number, "status": recruitment.case.status,
        "employer_name": recruitment.employer.name, "employer_business_id": recruitment.employer.business_id or "",
        "vacancy_id": recruitment.vacancy_id, "vacancy_status": recruitment.vacancy.status,
        "work_category": recruitment.work_category, "openings": recruitment.vacancy.openings,
        "registered_on": recruitment.registered_on,
        "period": None if period is None else {
            "first_day": period.first_day, "last_day": period.last_day, "days": period.days,
            "basis": period.basis.cite(), "certificate_from": period.certificate_from,
        },
        "referrals": [{
            "id": row.outcome.pk if row.outcome else None, "referral_id": row.referral.pk,
            "seeker_name": row.referral.seeker.person.name, "referred_at": row.referral.created_at,
            "decision": row.outcome.decision if row.outcome else "", "reason": row.outcome.reason if row.outcome else "",
            "reason_detail": row.outcome.reason_detail if row.outcome else "", "presumed_lawful": row.presumed_lawful,
            "judgement": row.outcome.judgement if row.outcome else "",
            "judgement_note": row.outcome.judgement_note if row.outcome else "",
        } for row in assessment.rows],
        "hired": assessment.hired, "shortfall": assessment.shortfall,
        "blockers": [{"zh": zh, "en": en} for zh, en in assessment.blockers],
        "certificate_code": recruitment.certificate_code,
    }


def _readable_recruitment(request, number: str) -> DomesticRecruitment:
    recruitment = selectors.recruitment_get(request.auth, number)
    if recruitment is None:
        raise Http404
    if request.auth.kind == UserKind.STAFF:
        access_log_record(user=request.auth, action="api", object_type="domestic_recruitment",
                          object_id=recruitment.case.number, purpose="國內招募（推介求職人資料）",
                          object_label=recruitment.employer.name[:200])
    return recruitment


VACANCY_FIELDS = {f"vacancy.{name}": name for name in (
    "title", "description", "address", "pay_min", "pay_max", "openings", "closing_date", "hours_note", "requirements",
    "education_min", "hours", "pay_unit")}
VACANCY_FIELDS.update({"vacancy.occupation": "occupation_code", "vacancy.district": "district_code",
                       "vacancy.employer.name": "employer.name", "vacancy.employer.business_id": "employer.business_id",
                       "vacancy.employer": "employer"})


@recruitments_router.post(
    "", response={201: RecruitmentOut, **errors(401, 403, 422)},
    summary="辦理國內招募（求才登記） Register for domestic recruitment",
    description="事業單位以本身帳號（須經查核）辦理；就業服務處承辦人臨櫃登錄時填 employer。職缺即進入求才求職系統公開"
    "刊登（或待審核），法定招募期間依雇主聘僱外國人許可及管理辦法第17條第1項計算。 An employer (verified account) "
    "or an ESO officer registers; the vacancy is published in the job bank and the statutory period computed.",
)
def recruitment_register(request, payload: RecruitmentIn):
    vacancy = employment_services.VacancyInput(
        title=payload.title, description=payload.description, occupation_code=payload.occupation_code,
        district_code=payload.district_code, address=payload.address, pay_unit=payload.pay_unit,
        pay_min=payload.pay_min, pay_max=payload.pay_max, hours=payload.hours, hours_note=payload.hours_note,
        requirements=payload.requirements, education_min=payload.education_min, openings=payload.openings,
        closing_date=payload.closing_date, employer=_employer(payload.employer) if payload.employer else None,
    )
    data = services.RecruitmentInput(
        vacancy=vacancy, work_category=str(payload.work_category), newspaper_name=payload.newspaper_name,
        newspaper_first_day=payload.newspaper_first_day, union_notified_on=payload.union_notified_on,
        posted_at_workplace_on=payload.posted_at_workplace_on,
    )
    with remap_fields(**VACANCY_FIELDS):
        recruitment = services.domestic_recruitment_register(data=data, actor=request.auth)
    return Status(201, _recruitment_out(selectors.recruitment_get(request.auth, recruitment.case.number)))


class RecruitmentSummaryOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-DRC-000001"])
    status: str = Field(description="案件狀態 Status.", examples=["RECRUITING"])
    employer_name: str = Field(description="事業單位 Employer.", examples=["永豐精密工業股份有限公司"])
    vacancy_id: int = Field(description="職缺編號 Vacancy id.", examples=[42])
    vacancy_title: str = Field(description="職缺名稱 Title.", examples=["電子零件組裝作業員"])
    work_category: str = Field(description="工作類別 Kind of work.", examples=["MANUFACTURING"])
    openings: int = Field(description="需求人數 Workers sought.", examples=[3])
    registered_on: dt.date = Field(description="求才登記日 Registered on.", examples=["2026-11-27"])
    certificate_code: str = Field(description="求才證明書驗證碼 Certificate code.", examples=[""])


class RecruitmentPage(Schema):
    items: list[RecruitmentSummaryOut] = Field(description="本頁資料 This page.")
    count: int = Field(description="總筆數 Total.", examples=[12])


@recruitments_router.get(
    "", response={200: RecruitmentPage, **errors(401, 422)}, summary="國內招募清單 List domestic recruitments",
    description="事業單位：本身的；就業服務處：全部。 An employer's own; the service: all.",
)
def recruitment_list(request, paging: Query[Pages.Input]):
    items, count = page_slice(selectors.recruitments_readable_by(request.auth), paging.page, paging.page_size)
    return {"items": [{
        "number": r.case.number, "status": r.case.status, "employer_name": r.employer.name, "vacancy_id": r.vacancy_id,
        "vacancy_title": r.vacancy.title, "work_category": r.work_category, "openings": r.vacancy.openings,
        "registered_on": r.registered_on, "certificate_code": r.certificate_code,
    } for r in items], "count": count}


@recruitments_router.get(
    "/{number}", response={200: RecruitmentOut, **errors(401, 404)}, summary="國內招募內容 A domestic recruitment",
    description="含法定招募期間、推介求職人及結果、不足額與尚不能開具之原因。 With the period, the referrals and their "
    "outcomes, the shortfall and what stops the certificate.",
)
def recruitment_get(request, number: str = Number):
    return _recruitment_out(_readable_recruitment(request, number))


class OutcomeIn(Schema):
    referral_id: Id = Field(description="推介編號（就業服務處推介至本職缺者） Referral id.", examples=[31])
    decision: Literal["HIRED", "REFUSED"] = Field(description="錄用或不予錄用 Hired or not.", examples=["REFUSED"])
    reason: RefusalReasonCode | None = Field(None, description="不予錄用理由（不予錄用時必填） Reason for a refusal.",
                                             examples=["NO_SHOW"])
    detail: Text(500) = Field("", description="說明（理由為 OTHER 時必填） Detail (required for OTHER).",
                              examples=["約定12/1面試未到"])


@recruitments_router.post(
    "/{number}/referral-outcomes", response={201: RecruitmentOut, **errors(401, 404, 409, 422)},
    summary="登錄推介結果 Record a referral's outcome",
    description="雇主（或承辦人代登）登錄錄用或不予錄用及理由（就業服務法第47條第2項：非有正當理由不得拒絕）。求才求職"
    "系統之推介結果同步更新。 The employer records hired or not and why; the job bank's referral is answered too.",
)
def outcome_record(request, payload: OutcomeIn, number: str = Number):
    recruitment = selectors.recruitment_get(request.auth, number)
    referral = Referral.objects.filter(pk=payload.referral_id).first()
    if recruitment is None:
        raise Http404
    if referral is None:
        raise ApplicationError("找不到此推介。", "No such referral.", field="referral_id")
    services.referral_outcome_record(recruitment=recruitment, referral=referral, decision=payload.decision,
                                     reason=str(payload.reason or ""), detail=payload.detail, actor=request.auth)
    return Status(201, _recruitment_out(selectors.recruitment_get(request.auth, number)))


class JudgementIn(Schema):
    lawful: bool = Field(description="是否有正當理由 Whether the refusal had a proper reason.", examples=[False])
    note: Text(500) = Field("", description="認定理由（認定無正當理由或與推定不同時必填） Grounds.",
                            examples=["求才登記未載明此條件。"])


@recruitments_router.post(
    "/{number}/referral-outcomes/{outcome_id}/judgement", response={200: RecruitmentOut, **errors(401, 404, 409, 422)},
    summary="認定不予錄用理由 Judge a refusal (ESO officers)",
)
def outcome_judge(request, payload: JudgementIn, number: str = Number, outcome_id: int = Path(
        ..., ge=1, le=2**62, description="結果編號 Outcome id.", examples=[4])):
    recruitment = selectors.recruitment_get(request.auth, number)
    outcome = (RecruitmentReferralOutcome.objects.filter(pk=outcome_id, recruitment=recruitment)
               .select_related("recruitment__case").first() if recruitment else None)
    if outcome is None:
        raise Http404
    services.referral_outcome_judge(outcome=outcome, lawful=payload.lawful, note=payload.note, actor=request.auth)
    return _recruitment_out(selectors.recruitment_get(request.auth, number))


class ProposalIn(Schema):
    note: Text(2000) = Field("", description="補充說明 Remarks.", examples=[""])


class RefusalIn(Schema):
    reason: Text(5000, 1) = Field(description="不予開具理由 Reasons for the refusal.",
                                  examples=["雇主無正當理由拒絕本處推介之求職人。"])


def _fire(request, number: str, name: str, data: dict) -> dict:
    recruitment = selectors.recruitment_get(request.auth, number)
    if recruitment is None:
        raise Http404
    if request.auth.kind != UserKind.STAFF:
        raise Forbidden("由就業服務處承辦人辦理。", "Done by employment service officers.")
    case_services.case_transition(case=recruitment.case, name=name, actor=request.auth, data=data)
    return _recruitment_out(selectors.recruitment_get(request.auth, number))


@recruitments_router.post(
    "/{number}/certificate", response={200: RecruitmentOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="擬開具求才證明書（陳核） Propose the certificate for approval",
    description="招募期滿、推介結果均已登錄及認定、無無正當理由拒絕、且有不足額時，承辦人陳核；科長核准後開具求才證明書"
    "（PDF，status 變為 CERTIFIED）。不符時回 422 並說明原因。 After the period, with every outcome recorded and "
    "judged, no improper refusal and a shortfall; the chief's approval issues the PDF.",
)
def certificate_propose(request, payload: ProposalIn, number: str = Number):
    return _fire(request, number, "propose_certificate", {"note": payload.note})


@recruitments_router.post(
    "/{number}/refusal", response={200: RecruitmentOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="擬不予開具求才證明書（陳核） Propose refusing the certificate",
    description="雇主無正當理由拒絕推介求職人、招募已足額或求才廣告未刊登滿期間時，承辦人敘明理由陳核；核准後發不予開具"
    "處分書（PDF）。 With reasons; the approval issues the decision.",
)
def refusal_propose(request, payload: RefusalIn, number: str = Number):
    return _fire(request, number, "propose_refusal", {"reason": payload.reason})


# --- separation certificates ---------------------------------------------------------------


class SeparationIn(Schema):
    employer: EmployerIn = Field(description="雇主 The employer.")
    job_title: Text(60) = Field("", description="職稱 Job title.", examples=["廚房助手"])
    employed_from: dt.date = Field(description="到職日 First day.", examples=["2025-09-01"])
    separated_on: dt.date = Field(description="離職日（契約終止日） Last day.", examples=["2026-11-20"])
    ground: SeparationGround = Field(description="離職原因 Ground.", examples=["LSA11"])
    ground_detail: Text(2000, 1) = Field(description="離職經過（書面釋明） The worker's account.",
                                         examples=["雇主以業務緊縮為由資遣。"])
    employer_refusal: Text(2000) = Field("", description="雇主拒絕開立之情形 How the employer refused.",
                                         examples=["老闆表示不開離職證明。"])
    worker: PersonIn | None = Field(None, description="勞工（承辦人受理時必填；勞工本人免填） The worker: officers only.")
    channel: Literal["api", "counter", "phone", "mail"] = Field("api", description="受理管道 Channel.", examples=["api"])


class ContactOut(Schema):
    contacted_on: dt.date = Field(description="聯繫日 Day.", examples=["2026-11-25"])
    method: str = Field(description="PHONE、LETTER、EMAIL、VISIT.", examples=["PHONE"])
    result: str = Field(description="WILL_ISSUE、REFUSED、NO_ANSWER、CLOSED_DOWN.", examples=["REFUSED"])


class SeparationOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-SEP-000001"])
    status: str = Field(description="REQUESTED、CONTACTING、CERTIFICATE_PENDING、ISSUED、RESOLVED、CLOSED、WITHDRAWN.",
                        examples=["REQUESTED"])
    worker_name: str = Field(description="勞工 Worker.", examples=["林小華"])
    employer_name: str = Field(description="雇主 Employer.", examples=["大同小吃店"])
    employed_from: dt.date = Field(description="到職日 First day.")
    separated_on: dt.date = Field(description="離職日 Last day.")
    ground: str = Field(description="離職原因 Ground.", examples=["LSA11"])
    involuntary: bool = Field(description="是否屬非自願離職之原因（就業保險法第11條第3項） Involuntary ground.")
    contacts: list[ContactOut] = Field(description="與雇主聯繫紀錄 Contacts with the employer.")
    certificate_code: str = Field(description="離職證明驗證碼（已開具時） Certificate code.", examples=[""])


def _separation_out(request_row: SeparationCertificateRequest) -> dict:
    return {
        "number": request_row.case.number, "status": request_row.case.status, "worker_name": request_row.worker.name,
        "employer_name": request_row.employer.name, "employed_from": request_row.employed_from,
        "separated_on": request_row.separated_on, "ground": request_row.ground, "involuntary": request_row.involuntary,
        "contacts": [{"contacted_on": c.contacted_on, "method": c.method, "result": c.result}
                     for c in request_row.contacts.all()],
        "certificate_code": request_row.certificate_code,
    }


def _log(request, object_type: str, number: str, purpose: str) -> None:
    if request.auth.kind == UserKind.STAFF:
        access_log_record(user=request.auth, action="api", object_type=object_type, object_id=number, purpose=purpose)


@separations_router.post(
    "", response={201: SeparationOut, **errors(401, 403, 409, 422)},
    summary="申請協助開立離職證明 Ask for help with a separation certificate",
    description="勞工本人申請，或就業服務處承辦人受理時填 worker。雇主依勞動基準法第19條不得拒絕發給服務證明書。 The "
    "worker asks (or an officer records it with the worker's identity).",
)
def separation_file(request, payload: SeparationIn):
    data = services.SeparationInput(
        employer=_employer(payload.employer), employed_from=payload.employed_from, separated_on=payload.separated_on,
        ground=str(payload.ground), ground_detail=payload.ground_detail, employer_refusal=payload.employer_refusal,
        job_title=payload.job_title, worker=_person(payload.worker) if payload.worker else None,
        channel=payload.channel,
    )
    separation = services.separation_request_file(data=data, actor=request.auth)
    return Status(201, _separation_out(selectors.separation_get(request.auth, separation.case.number)))


class SeparationPage(Schema):
    items: list[SeparationOut] = Field(description="本頁資料 This page.")
    count: int = Field(description="總筆數 Total.", examples=[3])


@separations_router.get(
    "", response={200: SeparationPage, **errors(401, 422)}, summary="申請清單 List requests",
    description="勞工：本人的；雇主：涉及本身的；就業服務處：全部。 A worker's own; an employer's; the service: all.",
)
def separation_list(request, paging: Query[Pages.Input]):
    queryset = selectors.separations_readable_by(request.auth).prefetch_related("contacts")
    items, count = page_slice(queryset, paging.page, paging.page_size)
    if items:
        _log(request, "separation_requests", "list", "協助開立離職證明（清單）")
    return {"items": [_separation_out(r) for r in items], "count": count}


@separations_router.get("/{number}", response={200: SeparationOut, **errors(401, 404)},
                        summary="申請內容 A request")
def separation_read(request, number: str = Number):
    separation = selectors.separation_get(request.auth, number)
    if separation is None:
        raise Http404
    _log(request, "separation_request", separation.case.number, "協助開立離職證明")
    return _separation_out(separation)


class ContactIn(Schema):
    contacted_on: dt.date = Field(description="聯繫日 Day.", examples=["2026-11-25"])
    method: ContactMethod = Field(description="方式 Method.", examples=["PHONE"])
    result: ContactResult = Field(description="結果 Result.", examples=["REFUSED"])
    note: Text(500) = Field("", description="紀要 Note.", examples=["負責人拒絕開立"])


@separations_router.post(
    "/{number}/contacts", response={201: SeparationOut, **errors(401, 404, 409, 422)},
    summary="登錄與雇主聯繫紀錄 Record a contact with the employer (ESO officers)",
)
def separation_contact(request, payload: ContactIn, number: str = Number):
    separation = selectors.separation_get(request.auth, number)
    if separation is None:
        raise Http404
    services.employer_contact_record(request=separation, contacted_on=payload.contacted_on, method=str(payload.method),
                                     result=str(payload.result), note=payload.note, actor=request.auth)
    return Status(201, _separation_out(selectors.separation_get(request.auth, number)))


# --- transfers -------------------------------------------------------------------------------


class TransferIn(Schema):
    worker: PersonIn = Field(description="外國人（居留證號或護照） The worker (ARC or passport).")
    nationality: Text(3, 3) = Field(description="國籍 ISO 3166-1 三碼 Nationality.", examples=["VNM"])
    work_category: WorkCategory = Field(description="工作類別 Kind of work.", examples=["MANUFACTURING"])
    original_employer: EmployerIn = Field(description="原雇主 Original employer.")
    ground: TransferGround = Field(description="轉換事由（就業服務法第59條第1項） Ground.", examples=["CLOSURE"])
    permit_served_on: dt.date = Field(description="轉出函送達日 Day the permit to transfer out was served.",
                                      examples=["2026-11-25"])
    permit_reference: Text(60) = Field("", description="轉出函文號 Permit reference.", examples=["勞動發事字第1150000001號"])
    channel: Literal["api", "counter", "mail", "phone"] = Field("api", description="受理管道 Channel.", examples=["api"])


class TransferOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-FWT-000001"])
    status: str = Field(description="AWAITING_REGISTRATION、SEEKING、SEEKING_EXTENDED、TAKEN_OVER、DEPARTED、CLOSED.",
                        examples=["SEEKING"])
    due_date: dt.date | None = Field(description="目前期限（登記期限或轉換期間末日） Current due date.")
    worker_name: str = Field(description="外國人 Worker.", examples=["NGUYEN VAN AN"])
    nationality: str = Field(description="國籍 Nationality.", examples=["VNM"])
    original_employer_name: str = Field(description="原雇主 Original employer.")
    new_employer_name: str = Field(description="新雇主（承接後） New employer.", examples=[""])
    permit_served_on: dt.date = Field(description="轉出函送達日 Permit served.")
    registered_on: dt.date | None = Field(description="轉換登記日 Registered.")
    extended: bool = Field(description="是否已延長 Extended.")
    agreed_on: dt.date | None = Field(description="接續聘僱合意日 Takeover agreed.")


def _transfer_out(transfer: WorkerTransfer) -> dict:
    return {
        "number": transfer.case.number, "status": transfer.case.status, "due_date": transfer.case.due_date,
        "worker_name": transfer.worker.name, "nationality": transfer.nationality,
        "original_employer_name": transfer.original_employer.name,
        "new_employer_name": transfer.new_employer.name if transfer.new_employer else "",
        "permit_served_on": transfer.permit_served_on, "registered_on": transfer.registered_on,
        "extended": transfer.extended, "agreed_on": transfer.agreed_on,
    }


@transfers_router.post(
    "", response={201: TransferOut, **errors(401, 403, 409, 422)},
    summary="登錄外國人轉換雇主 Record a transfer (ESO officers)",
    description="外國人以居留證號（檢查碼驗證）或護照登錄；立案後期限為轉出函送達後十四日之轉換登記期限。 The worker is "
    "identified by ARC (check digit verified) or passport; due 14 days after the permit was served.",
)
def transfer_open(request, payload: TransferIn):
    data = services.TransferInput(
        worker=_person(payload.worker), nationality=payload.nationality, work_category=str(payload.work_category),
        original_employer=_employer(payload.original_employer), ground=str(payload.ground),
        permit_served_on=payload.permit_served_on, permit_reference=payload.permit_reference, channel=payload.channel,
    )
    transfer = services.worker_transfer_open(data=data, actor=request.auth)
    return Status(201, _transfer_out(selectors.transfer_get(request.auth, transfer.case.number)))


class TransferPage(Schema):
    items: list[TransferOut] = Field(description="本頁資料 This page.")
    count: int = Field(description="總筆數 Total.", examples=[3])


@transfers_router.get("", response={200: TransferPage, **errors(401, 422)}, summary="轉換案件清單 List transfers")
def transfer_list(request, paging: Query[Pages.Input]):
    items, count = page_slice(selectors.transfers_readable_by(request.auth), paging.page, paging.page_size)
    if items:
        _log(request, "worker_transfers", "list", "外國人轉換雇主（清單）")
    return {"items": [_transfer_out(t) for t in items], "count": count}


@transfers_router.get("/{number}", response={200: TransferOut, **errors(401, 404)}, summary="轉換案件 A transfer")
def transfer_read(request, number: str = Number):
    transfer = selectors.transfer_get(request.auth, number)
    if transfer is None:
        raise Http404
    _log(request, "worker_transfer", transfer.case.number, "外國人轉換雇主")
    return _transfer_out(transfer)


class RegistrationIn(Schema):
    registered_on: dt.date = Field(description="轉換登記日 Registered on.", examples=["2026-11-27"])


@transfers_router.post(
    "/{number}/registration", response={200: TransferOut, **errors(401, 404, 409, 422)},
    summary="辦理轉換登記 Register the worker for transfer",
    description="轉換作業期間六十日自登記日起算。 The 60-day transfer period runs from the registration.",
)
def transfer_register(request, payload: RegistrationIn, number: str = Number):
    transfer = selectors.transfer_get(request.auth, number)
    if transfer is None:
        raise NotFound("轉換案件", "transfer")
    services.worker_transfer_register(transfer=transfer, registered_on=payload.registered_on, actor=request.auth)
    return _transfer_out(selectors.transfer_get(request.auth, number))


class ExtensionIn(Schema):
    reason: Text(500, 1) = Field(description="延長理由 Reason.", examples=["原雇主申請延長轉換期間"])


@transfers_router.post(
    "/{number}/extension", response={200: TransferOut, **errors(401, 404, 409, 422)},
    summary="延長轉換期間（一次，六十日） Extend the transfer period (once, 60 days)",
)
def transfer_extend(request, payload: ExtensionIn, number: str = Number):
    transfer = selectors.transfer_get(request.auth, number)
    if transfer is None:
        raise NotFound("轉換案件", "transfer")
    services.worker_transfer_extend(transfer=transfer, reason=payload.reason, actor=request.auth)
    return _transfer_out(selectors.transfer_get(request.auth, number))
