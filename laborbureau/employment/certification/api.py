"""`/api/v1/unemployment-certifications`: unemployment certification (失業認定, 就業保險法), and
`/api/v1/employment-events`: briefings for laid-off workers and job-search workshops.

A citizen applies for themself and enters job-search records; the Employment Services
Office's counsellors take the first certification, record each date (in person), offer
referrals and training and record the answers, and export certified dates for the Bureau of
Labor Insurance. A citizen reads only their own claims; other units' staff get 404. Every
read of a claim by staff is written to the access log. The benefit shown is an estimate:
the Bureau of Labor Insurance (勞保局) decides and pays it.
"""

import datetime as dt
from typing import Literal

from django.http import HttpResponse
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.pagination import Pages
from laborbureau.api.schemas import Text
from laborbureau.core.errors import NotFound
from laborbureau.core.models import Person
from laborbureau.core.services import access_log_record
from laborbureau.employment.certification import export, selectors, services
from laborbureau.employment.certification.models import (
    CertificationDate,
    Event,
    EventKind,
    EventRegistration,
    MissingDocument,
    Offer,
    SearchMethod,
    SearchResult,
    SeparationReason,
)
from laborbureau.employment.models import Vacancy

router = Router(tags=["unemployment-certifications 失業認定"])
events_router = Router(tags=["employment-events 就業資源說明會及求職技巧工作坊"])


# --- output -----------------------------------------------------------------------------


class DateOut(Schema):
    id: int = Field(description="認定日期編號 Date id.", examples=[31])
    month: int = Field(description="給付月次（1為初次失業認定） Benefit month (1: the initial recognition).",
                       examples=[2])
    period_start: dt.date = Field(description="本月起日（最早可辦理日） First day of the month, earliest day.",
                                  examples=["2027-01-12"])
    period_end: dt.date = Field(description="本月末日（逾期視為未到） Last day; after it the date is missed.",
                                examples=["2027-02-11"])
    due_date: dt.date = Field(description="應辦理日（起日後第一個上班日） The date: first office day from the start.",
                              examples=["2027-01-12"])
    status: str = Field(description="SCHEDULED, CERTIFIED, NOT_CERTIFIED, MISSED, CANCELLED.", examples=["SCHEDULED"])
    attended_on: dt.date | None = Field(description="辦理日 Recorded on.", examples=[None])
    in_person: bool = Field(description="親自辦理（否：委託，第29條第1項但書） In person.", examples=[True])
    job_search_records: int = Field(description="核對之求職紀錄數（第30條） Records verified.", examples=[2])
    work_income: int | None = Field(description="申報之工作收入（第31條） Declared work income.", examples=[None])
    payable: int | None = Field(description="本月估算給付（勞保局核發） Estimated benefit of the month (the Bureau "
                                "pays).", examples=[27480])
    outcome_note: str = Field(description="結果說明 Outcome note.", examples=[""])


class RecordOut(Schema):
    id: int = Field(description="求職紀錄編號 Record id.", examples=[7])
    searched_on: dt.date = Field(description="求職日期 Date.", examples=["2027-01-05"])
    employer_name: str = Field(description="求職單位 Employer.", examples=["大安科技股份有限公司"])
    position: str = Field(description="應徵職務 Position.", examples=["門市人員"])
    method: str = Field(description="IN_PERSON, ONLINE, PHONE, MAIL, FAIR.", examples=["ONLINE"])
    result: str = Field(description="AWAITING, INTERVIEWED, NOT_HIRED, NO_OPENING, HIRED.", examples=["AWAITING"])
    has_file: bool = Field(description="附有證明檔案 Has a proof file.", examples=[False])
    verified: bool = Field(description="已於認定時核對 Verified at a date.", examples=[False])
    date_id: int | None = Field(description="核對之認定日期 The date it was verified at.", examples=[None])

    @staticmethod
    def resolve_has_file(obj) -> bool:
        return bool(obj.file)


class OfferOut(Schema):
    id: int = Field(description="推介編號 Offer id.", examples=[4])
    kind: str = Field(description="JOB 推介就業, TRAINING 職業訓練.", examples=["JOB"])
    referral_id: int | None = Field(description="人力銀行推介編號 Job-bank referral.", examples=[88])
    vacancy_title: str = Field(description="職缺或課程 Vacancy or course.", examples=["餐廳外場服務人員"])
    provider: str = Field(description="雇主或訓練單位 Employer or provider.", examples=["信義餐飲有限公司"])
    response: str = Field(description="PENDING, ACCEPTED, REFUSED.", examples=["PENDING"])
    refusal_ground: str = Field(description="不接受理由 Refusal ground.", examples=[""])
    justified: bool | None = Field(description="拒絕仍得請領（第13、14條） Refusal kept the benefit.", examples=[None])

    @staticmethod
    def resolve_vacancy_title(obj) -> str:
        return obj.referral.vacancy.title if obj.referral_id else obj.course_name

    @staticmethod
    def resolve_provider(obj) -> str:
        return obj.referral.vacancy.employer.name if obj.referral_id else obj.provider


class CertificationOut(Schema):
    id: int = Field(description="申請編號 Claim id.", examples=[12])
    number: str = Field(description="案號 Claim number.", examples=["UC000012"])
    name: str = Field(description="申請人 Applicant.", examples=["王小明"])
    status: str = Field(description="SUBMITTED, WAITING, RECEIVING, REJECTED, CLOSED.", examples=["WAITING"])
    close_reason: str = Field(description="結案原因 EMPLOYED, TRAINING, COMPLETED, REFUSED_OFFER, WITHDRAWN, NOT_CURED "
                              "(屆期未補正，視為未申請，第25條第5項 documents not completed in time: deemed not made).",
                              examples=[""])
    decision_note: str = Field(description="不予認定或結案之說明 Why refused or closed.", examples=[""])
    separation_date: dt.date = Field(description="離職退保日 Separation.", examples=["2026-11-20"])
    separation_reason: str = Field(description="離職原因代碼 Separation reason.", examples=["LSA_11"])
    last_employer_name: str = Field(description="原投保單位 Last employer.", examples=["信義餐飲有限公司"])
    applied_on: dt.date = Field(description="申請日 Applied on.", examples=["2026-11-23"])
    registration_date: dt.date | None = Field(description="求職登記日（親自辦理初次認定） Registration.",
                                              examples=["2026-11-24"])
    documents_requested_on: dt.date | None = Field(description="文件未檢齊之到場日（初次親自辦理） The first visit, "
                                                   "when documents were missing.", examples=["2026-11-24"])
    missing_documents: list[str] = Field(description="未檢齊之文件 SEPARATION, IDENTITY（第25條第1項） Documents "
                                         "missing; empty once completed.", examples=[["SEPARATION"]])
    missing_documents_note: str = Field(description="未檢齊之說明 Note on the missing documents.", examples=[""])
    cure_deadline: dt.date | None = Field(description="補正期限（第25條第5項；行政程序法第48條；補正後為 null） Last day to "
                                          "complete them; null once completed.", examples=["2026-12-01"])
    cure_deadline_morning_only: bool = Field(description="期限為星期一上午（末日為星期六，行政程序法第48條第4項） The "
                                             "period ends on a Monday morning.", examples=[False])
    monthly_benefit_estimate: int | None = Field(description="每月失業給付估算（第16條、第19條之1；勞保局核發） "
                                                 "Estimated monthly benefit; the Bureau decides and pays.",
                                                 examples=[27480])
    max_months: int | None = Field(description="最長給付月數 Maximum months.", examples=[6])
    first_benefit_day: dt.date | None = Field(description="給付起算日 Benefit runs from.", examples=["2026-12-08"])
    dates: list[DateOut] = Field(description="認定日期 Certification dates.")
    job_search_records: list[RecordOut] = Field(description="求職紀錄 Job-search records.")
    offers: list[OfferOut] = Field(description="推介及訓練 Referrals and training offered.")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name

    @staticmethod
    def resolve_monthly_benefit_estimate(obj) -> int | None:
        return obj.monthly_benefit

    @staticmethod
    def resolve_dates(obj) -> list:
        return list(obj.dates.all())

    @staticmethod
    def resolve_job_search_records(obj) -> list:
        return list(obj.search_records.all())

    @staticmethod
    def resolve_offers(obj) -> list:
        return list(obj.offers.all())


class CertificationRowOut(Schema):
    id: int = Field(description="申請編號 Claim id.", examples=[12])
    number: str = Field(description="案號 Claim number.", examples=["UC000012"])
    name: str = Field(description="申請人 Applicant.", examples=["王小明"])
    status: str = Field(description="狀態 Status.", examples=["RECEIVING"])
    applied_on: dt.date = Field(description="申請日 Applied on.", examples=["2026-11-23"])

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name


def _read(request, certification_id: int, purpose: str = "失業認定"):
    claim = selectors.certification_get(request.user, certification_id)
    if claim is None:
        raise NotFound("失業給付申請", "claim")
    if services.can_read(request.user):
        access_log_record(user=request.user, action="api", object_type="unemployment_certification",
                          object_id=claim.pk, purpose=purpose, object_label=claim.person.name)
    return claim


# --- claims -----------------------------------------------------------------------------


class ApplyIn(Schema):
    separation_date: dt.date = Field(description="離職退保日（2年內，第25條第1項） Separation, within 2 years.",
                                     examples=["2026-11-20"])
    separation_reason: SeparationReason = Field(description="離職原因（第11條第2、3項） Separation reason.",
                                                examples=["LSA_11"])
    last_employer_name: Text(100, 2) = Field(description="原投保單位名稱 Last employer.", examples=["信義餐飲有限公司"])
    last_employer_tax_id: Text(8) = Field("", description="原投保單位統一編號 Its tax ID.", examples=["04595257"])
    insured_salaries: list[int] = Field(min_length=6, max_length=6, description="離職退保當月起前六個月之月投保薪資 "
                                        "Six monthly insured salaries.", examples=[[45800] * 6])
    insured_months_in_three_years: int = Field(ge=0, le=36, description="離職退保前三年內保險年資月數（第11條第1項第1款）"
                                               " Months insured in the three years before.", examples=[30])
    birth_date: dt.date | None = Field(None, description="出生日期（預設為個人資料） Birth date; default: the record's.",
                                       examples=["1975-05-05"])
    fixed_term_months_last_year: int | None = Field(None, ge=0, le=12, description="定期契約屆滿者：離職前一年內契約"
                                                    "月數 Fixed-term: contract months in the year before.",
                                                    examples=[None])
    dependants: list[Literal["parent", "spouse", "minor_child", "disabled_child"]] = Field(
        [], max_length=6, description="受扶養眷屬（第19條之1） Supported dependants.", examples=[["spouse"]])
    disability_certificate: bool = Field(False, description="領有身心障礙證明 Holds a disability certificate.",
                                         examples=[False])
    person_id: int | None = Field(None, description="申請人（臨櫃由就業服務處代為申請時） The person, for a counsellor "
                                  "at the counter.", examples=[None])


@router.post(
    "", response={201: CertificationOut, **errors(401, 403, 409, 422)},
    summary="申請失業給付 Apply for unemployment benefit (citizen; or a counsellor for a person)",
    description="須先辦理求職登記；每人同時一件進行中申請（409）。申請後須親自辦理初次失業認定。 The person must be "
    "registered as a job seeker; one open claim per person (409). Then the first certification, in person.",
)
def certification_apply(request, payload: ApplyIn):
    person = None
    if payload.person_id is not None and services.can_serve(request.user):
        person = Person.objects.filter(pk=payload.person_id).first()
        if person is None:
            raise NotFound("申請人", "person")
    data = services.ApplicationInput(**payload.dict(exclude={"person_id"}))
    claim = services.certification_apply(data=data, actor=request.user, person=person)
    return Status(201, _read(request, claim.pk))


@router.get(
    "", response={200: list[CertificationRowOut], **errors(401)},
    summary="失業給付申請 Claims (service staff: all, logged; a citizen: their own)",
)
@paginate(Pages)
def certification_list(request, status: str = "", name: str = ""):
    if services.can_read(request.user):
        access_log_record(user=request.user, action="api", object_type="unemployment_certification", object_id=0,
                          purpose="失業認定清單", object_label=f"status={status} name={name}"[:100])
    return selectors.certification_list(user=request.user, status=status, name=name)


@router.get(
    "/export", response={200: str, **errors(401, 404, 422)},
    summary="轉送勞保局之認定資料 Certified dates for the Bureau of Labor Insurance (CSV, layout UC-EXPORT-1)",
    description="就業服務處人員；期間最長366日；欄位見 docs/certification-export.md；記入個資存取紀錄。 Service staff; "
    "range at most 366 days; columns in docs/certification-export.md; logged.",
)
def certification_export(request, date_from: dt.date, date_to: dt.date):
    text, _count = export.bureau_export(date_from=date_from, date_to=date_to, actor=request.user)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="uc-export-{date_from:%Y%m%d}-{date_to:%Y%m%d}.csv"'
    return response


@router.get(
    "/{certification_id}", response={200: CertificationOut, **errors(401, 404)},
    summary="失業給付申請 A claim with its dates, records and offers (the citizen's own, or service staff; logged)",
)
def certification_detail(request, certification_id: int):
    return _read(request, certification_id)


class FirstCertificationIn(Schema):
    documents_checked: bool = Field(description="已核對離職證明及身分證件（第25條第1項） Documents checked.",
                                    examples=[True])
    able_and_willing: bool = Field(description="具工作能力及繼續工作意願 Able and willing to work.", examples=[True])
    note: Text(1000) = Field("", description="就業諮詢紀錄 Counselling note.", examples=["已說明求職紀錄規定"])


@router.post(
    "/{certification_id}/first-certification", response={200: CertificationOut, **errors(401, 403, 404, 409, 422)},
    summary="初次失業認定（親自） First certification in person (counsellor)",
    description="符合第11條第1項第1款者完成求職登記並排定第15日之失業認定；不符者不予認定並載明理由。文件未檢齊者"
    "請用 missing-documents；補正期限內補正後以本端點辦理（求職登記日為首次到場日），逾期 422（cure_expired）。 Eligible: "
    "registered and the 15th-day date scheduled; otherwise refused with the reasons. Documents missing: use "
    "missing-documents; completed by the deadline, record it here (registered as of the first visit); after it, 422.",
)
def first_certification(request, certification_id: int, payload: FirstCertificationIn):
    claim = _read(request, certification_id)
    services.first_certification_record(certification=claim, actor=request.user, **payload.dict())
    return _read(request, certification_id)


class MissingDocumentsIn(Schema):
    missing_documents: list[MissingDocument] = Field(min_length=1, max_length=len(MissingDocument.values),
                                                     description="未檢齊之文件（第25條第1項）：SEPARATION 離職或定期契約證明"
                                                     "文件, IDENTITY 身分證明文件 Documents missing.",
                                                     examples=[["SEPARATION"]])
    note: Text(300) = Field("", description="說明 Note.", examples=["離職證明未載明離職原因"])


@router.post(
    "/{certification_id}/missing-documents", response={200: CertificationOut, **errors(401, 403, 404, 409, 422)},
    summary="文件未檢齊，通知七日內補正 Documents missing at the first visit: seven days to complete them (counsellor)",
    description="就業保險法第25條第5項：應於七日內補正，屆期未補正者視為未申請（每小時之作業於期限翌日結案，"
    "close_reason NOT_CURED）。期限依行政程序法第48條：自次日起算，末日為星期日或國定假日順延至次一上班日，為星期六者"
    "至次星期一上午。每件一次（409）。 Art. 25(5): seven days, counted from the next day; an end on a Sunday or "
    "holiday moves to the next working day, on a Saturday to Monday morning (Administrative Procedure Act, Art. 48). "
    "Not completed in time, the claim closes the next day (NOT_CURED). Once per claim (409).",
)
def missing_documents(request, certification_id: int, payload: MissingDocumentsIn):
    claim = _read(request, certification_id)
    services.documents_missing_record(certification=claim, actor=request.user,
                                      missing_documents=[str(code) for code in payload.missing_documents],
                                      note=payload.note)
    return _read(request, certification_id)


class RecertificationIn(Schema):
    certified: bool = Field(description="認定（否：不予認定） Certify the month or not.", examples=[True])
    record_ids: list[int] = Field([], max_length=50, description="本次核對之求職紀錄（再認定至少2筆，第30條） Records "
                                  "verified now (at least 2 for a re-certification).", examples=[[7, 8]])
    in_person: bool = Field(True, description="親自辦理 In person.", examples=[True])
    proxy_reason: Text(300) = Field("", description="委託辦理之理由及證明（非親自時必填） Proxy reason.", examples=[""])
    work_income: int | None = Field(None, ge=0, description="本月其他工作收入（第31條） Work income this month.",
                                    examples=[None])
    employed: bool = Field(False, description="已再就業（結案） Found work: the claim closes.", examples=[False])
    note: Text(500) = Field("", description="紀錄 Note.", examples=[""])


@router.post(
    "/{certification_id}/recertifications", response={201: DateOut, **errors(401, 403, 404, 409, 422)},
    summary="記錄失業認定或再認定 Record the current certification date (counsellor, in person)",
    description="記錄目前待辦之認定日期（第1個月為失業認定，其後為再認定）；僅於該月期間內；再認定須2筆以上求職紀錄；"
    "完成後排定下個月日期。 Records the next scheduled date, within its month; a re-certification needs two "
    "records; the next month's date is scheduled.",
)
def recertification_record(request, certification_id: int, payload: RecertificationIn):
    claim = _read(request, certification_id)
    row = next((d for d in claim.dates.all() if d.status == "SCHEDULED"), None)
    if row is None:
        raise NotFound("待辦理之認定日期", "scheduled date")
    services.date_record(date_row=row, data=services.DateRecordInput(**payload.dict()), actor=request.user)
    return Status(201, CertificationDate.objects.get(pk=row.pk))


@router.get(
    "/{certification_id}/recertifications", response={200: list[DateOut], **errors(401, 404)},
    summary="認定日期 The claim's dates (the citizen's own, or service staff)",
)
def recertification_list(request, certification_id: int):
    return list(_read(request, certification_id).dates.all())


class RecordIn(Schema):
    searched_on: dt.date = Field(description="求職日期 Date.", examples=["2027-01-05"])
    employer_name: Text(100, 2) = Field(description="求職單位 Employer.", examples=["大安科技股份有限公司"])
    position: Text(60, 1) = Field(description="應徵職務 Position.", examples=["門市人員"])
    method: SearchMethod = Field(description="求職方式 How.", examples=["ONLINE"])
    result: SearchResult = Field(description="結果 Result.", examples=["AWAITING"])


@router.post(
    "/{certification_id}/job-search-records", response={201: RecordOut, **errors(401, 404, 422)},
    summary="登錄求職紀錄 Add a job-search record (the citizen, or a counsellor)",
    description="證明檔案（PDF、JPEG、PNG）請於線上服務上傳。 Proof files are uploaded on the portal.",
)
def record_add(request, certification_id: int, payload: RecordIn):
    claim = _read(request, certification_id)
    record = services.search_record_add(certification=claim, actor=request.user,
                                        data=services.SearchRecordInput(**payload.dict()))
    return Status(201, record)


class OfferIn(Schema):
    kind: Literal["JOB", "TRAINING"] = Field(description="推介就業或職業訓練 Job or training.", examples=["JOB"])
    vacancy_id: int | None = Field(None, description="職缺（推介就業） The vacancy, for a job.", examples=[42])
    course_name: Text(100) = Field("", description="課程名稱（職業訓練） Course, for training.", examples=[""])
    provider: Text(100) = Field("", description="訓練單位 Provider.", examples=[""])


@router.post(
    "/{certification_id}/offers", response={201: OfferOut, **errors(401, 403, 404, 409, 422)},
    summary="推介就業或安排職業訓練 Offer a job referral or training (counsellor)",
    description="推介就業同時建立人力銀行推介。 A job offer is also a job-bank referral.",
)
def offer_create(request, certification_id: int, payload: OfferIn):
    claim = _read(request, certification_id)
    if payload.kind == "JOB":
        vacancy = Vacancy.objects.filter(pk=payload.vacancy_id or 0).first()
        if vacancy is None:
            raise NotFound("職缺", "vacancy")
        offer = services.offer_job(certification=claim, vacancy=vacancy, actor=request.user)
    else:
        offer = services.offer_training(certification=claim, course_name=payload.course_name,
                                        provider=payload.provider, actor=request.user)
    return Status(201, Offer.objects.select_related("referral__vacancy__employer").get(pk=offer.pk))


class AnswerIn(Schema):
    accepted: bool = Field(description="接受 Accepted.", examples=[False])
    offered_wage: int | None = Field(None, ge=0, description="工作月薪資（拒絕推介就業時） The job's monthly pay.",
                                     examples=[32000])
    distance_km: int | None = Field(None, ge=0, description="工作地點距住處公里數 Distance from home, km.",
                                    examples=[35])
    ground: Literal["", "ILLNESS", "RELOCATION", "NONE"] = Field("", description="不參加訓練之理由（第14條第1項） "
                                                                 "Training refusal reason.", examples=[""])
    note: Text(300) = Field("", description="說明 Note.", examples=[""])


@router.post(
    "/{certification_id}/offers/{offer_id}/answer", response={200: OfferOut, **errors(401, 403, 404, 409, 422)},
    summary="記錄推介回覆 Record the worker's answer to an offer (counsellor)",
    description="無第13條、第14條情事而拒絕者，依第15條不予給付。 A refusal without the causes of Art. 13/14 bars the "
    "benefit (Art. 15).",
)
def offer_answer(request, certification_id: int, offer_id: int, payload: AnswerIn):
    claim = _read(request, certification_id)
    offer = next((o for o in claim.offers.all() if o.pk == offer_id), None)
    if offer is None:
        raise NotFound("推介", "offer")
    services.offer_answer(offer=offer, actor=request.user, **payload.dict())
    return Offer.objects.select_related("referral__vacancy__employer").get(pk=offer_id)


# --- events ---------------------------------------------------------------------------------


class EventOut(Schema):
    id: int = Field(description="活動編號 Event id.", examples=[3])
    kind: str = Field(description="BRIEFING 就業資源說明會, WORKSHOP 求職技巧工作坊.", examples=["BRIEFING"])
    title: str = Field(description="活動名稱 Title.", examples=["資遣勞工就業資源說明會"])
    description: str = Field(description="說明 Description.", examples=[""])
    date: dt.date = Field(description="日期 Date.", examples=["2026-12-10"])
    starts_at: dt.time = Field(description="開始 Starts.", examples=["14:00"])
    ends_at: dt.time = Field(description="結束 Ends.", examples=["16:00"])
    venue: str = Field(description="地點 Venue.", examples=["就業服務處3樓"])
    capacity: int = Field(description="名額 Places.", examples=[40])
    taken: int = Field(description="已報名 Registered.", examples=[12])
    status: str = Field(description="OPEN, CLOSED, CANCELLED.", examples=["OPEN"])


class EventIn(Schema):
    kind: EventKind = Field(description="活動類別 Kind.", examples=["BRIEFING"])
    title: Text(80, 4) = Field(description="活動名稱 Title.", examples=["資遣勞工就業資源說明會"])
    date: dt.date = Field(description="日期（不早於今天） Date.", examples=["2026-12-10"])
    starts_at: dt.time = Field(description="開始 Starts.", examples=["14:00"])
    ends_at: dt.time = Field(description="結束 Ends.", examples=["16:00"])
    venue: Text(100, 2) = Field(description="地點 Venue.", examples=["就業服務處3樓"])
    capacity: int = Field(ge=1, le=services.MAX_EVENT_CAPACITY, description="名額 Places.", examples=[40])
    description: Text(2000) = Field("", description="說明 Description.", examples=["失業給付及職業訓練說明"])


class RegistrationOut(Schema):
    id: int = Field(description="報名編號 Registration id.", examples=[9])
    event_id: int = Field(description="活動編號 Event.", examples=[3])
    cancelled: bool = Field(description="已取消 Cancelled.", examples=[False])
    attended: bool | None = Field(description="出席（未記錄為 null） Attended.", examples=[None])


class RegistrationIn(Schema):
    person_id: int | None = Field(None, description="報名者（由就業服務處代為報名時） The person, for a counsellor.",
                                  examples=[None])


@events_router.get("", auth=None, response={200: list[EventOut]},
                   summary="即將舉辦之說明會及工作坊 Upcoming briefings and workshops (public)")
@paginate(Pages)
def event_list(request):
    return selectors.upcoming_events()


@events_router.post("", response={201: EventOut, **errors(401, 403, 422)},
                    summary="新增說明會或工作坊 Create an event (counsellor)")
def event_create(request, payload: EventIn):
    event = services.event_create(data=services.EventInput(**payload.dict()), actor=request.user)
    return Status(201, selectors.upcoming_events(today=event.date).get(pk=event.pk))


@events_router.post("/{event_id}/registrations", response={201: RegistrationOut, **errors(401, 403, 404, 409, 422)},
                    summary="報名 Register (a citizen for themself; a counsellor for a person)",
                    description="名額已滿或未開放：422；重複：409。 Full or not open: 422; twice: 409.")
def event_register(request, event_id: int, payload: RegistrationIn):
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise NotFound("活動", "event")
    person = None
    if payload.person_id is not None and services.can_serve(request.user):
        person = Person.objects.filter(pk=payload.person_id).first()
        if person is None:
            raise NotFound("報名者", "person")
    return Status(201, services.event_register(event=event, actor=request.user, person=person))


@events_router.get("/{event_id}/registrations", response={200: list[RegistrationOut], **errors(401, 404)},
                   summary="報名名單 Registrations (service staff; logged)")
@paginate(Pages)
def event_registrations(request, event_id: int):
    event = selectors.events_for_staff(request.user).filter(pk=event_id).first()
    if event is None:
        raise NotFound("活動", "event")
    access_log_record(user=request.user, action="api", object_type="employment_event_registrations",
                      object_id=event.pk, purpose="說明會報名名單", object_label=event.title)
    return EventRegistration.objects.filter(event=event).order_by("pk")


class AttendanceIn(Schema):
    attended: bool = Field(description="出席 Attended.", examples=[True])


@events_router.post("/registrations/{registration_id}/attendance",
                    response={200: RegistrationOut, **errors(401, 403, 404, 422)},
                    summary="記錄出席 Record attendance (counsellor)")
def event_attendance(request, registration_id: int, payload: AttendanceIn):
    registration = EventRegistration.objects.filter(pk=registration_id).first()
    if registration is None or not services.can_read(request.user):
        raise NotFound("報名", "registration")
    return services.event_attendance(registration=registration, attended=payload.attended, actor=request.user)


@events_router.post("/registrations/{registration_id}/cancel", response={200: RegistrationOut, **errors(401, 404, 409)},
                    summary="取消報名 Cancel a registration (the person, or the service)")
def event_cancel(request, registration_id: int):
    registration = EventRegistration.objects.filter(pk=registration_id).first()
    if registration is None:
        raise NotFound("報名", "registration")
    return services.event_cancel_registration(registration=registration, actor=request.user)
