"""`/api/v1/job-fairs`: job fairs (現場徵才活動) of the city job bank.

The list of upcoming fairs and a fair's page are public (no login; no personal data).
The Employment Services Office's staff create fairs, decide employers' applications, check
people in at the door, record interviews and read the registrants (logged) and the figures;
an employer account applies with its own open vacancies and records interviews at its
booth and their outcomes; a citizen pre-registers themself. Another unit's staff get 404.
"""

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from laborbureau.api.auth import SessionOrToken
from laborbureau.api.errors import errors, remap_fields
from laborbureau.api.pagination import Pages
from laborbureau.api.schemas import Text
from laborbureau.core.errors import NotFound
from laborbureau.core.services import PersonInput, access_log_record
from laborbureau.employment.fairs import selectors, services
from laborbureau.employment.fairs.models import (
    CheckIn,
    Fair,
    FairEmployer,
    FairInterview,
    FairRegistration,
    FairVacancy,
)
from laborbureau.employment.models import NotHiredReason

router = Router(tags=["job-fairs 現場徵才活動"])


# --- output --------------------------------------------------------------------------


class FairVacancyOut(Schema):
    vacancy_id: int = Field(description="職缺編號 Vacancy id.", examples=[42])
    title: str = Field(description="職缺名稱 Title.", examples=["餐廳外場服務人員"])
    occupation_code: str = Field(description="職業中類 Occupation sub-major group.", examples=["51"])
    pay: str = Field(description="薪資 Pay.", examples=["月薪 32,000–36,000"])
    openings: int = Field(description="需求人數 Openings.", examples=[2])


class FairEmployerOut(Schema):
    employer_name: str = Field(description="廠商 Employer.", examples=["信義餐飲有限公司"])
    booth: str = Field(description="攤位編號 Booth.", examples=["A03"])
    vacancies: list[FairVacancyOut] = Field(description="帶來的職缺 Vacancies at the fair.")


class FairOut(Schema):
    id: int = Field(description="活動編號 Fair id.", examples=[5])
    title: str = Field(description="活動名稱 Title.", examples=["臺北市115年度中高齡就業博覽會"])
    description: str = Field(description="活動說明（純文字） Description.", examples=[""])
    date: dt.date = Field(description="活動日期 Date.", examples=["2026-12-05"])
    starts_at: dt.time = Field(description="開始時間 Starts at.", examples=["09:30"])
    ends_at: dt.time = Field(description="結束時間 Ends at.", examples=["16:00"])
    venue: str = Field(description="活動場地 Venue.", examples=["臺北市政府1樓中庭"])
    address: str = Field(description="地址 Address.", examples=["臺北市信義區市府路1號"])
    district_code: str = Field(description="行政區代碼 District code.", examples=["63000020"])
    capacity: int = Field(description="預約名額 Pre-registration places.", examples=[300])
    preregistered: int = Field(description="已預約人數 Pre-registered so far.", examples=[128])
    registration_opens: dt.date = Field(description="報名開始日 Registration opens.", examples=["2026-11-15"])
    registration_closes: dt.date = Field(description="報名截止日（含） Last day to pre-register.",
                                         examples=["2026-12-03"])
    status: str = Field(description="PLANNED, OPEN, CLOSED, CANCELLED.", examples=["OPEN"])
    employers: list[FairEmployerOut] = Field(description="核准參加之廠商及職缺 Approved employers and vacancies.")

    @staticmethod
    def resolve_district_code(obj) -> str:
        return obj.district_id

    @staticmethod
    def resolve_employers(obj) -> list[dict]:
        return [{"employer_name": p.employer.name, "booth": p.booth,
                 "vacancies": [{"vacancy_id": item.vacancy_id, "title": item.vacancy.title,
                                "occupation_code": item.vacancy.occupation_id, "pay": item.vacancy.pay_text,
                                "openings": item.vacancy.openings} for item in p.vacancies.all()]}
                for p in getattr(obj, "approved", [])]


def _fair_out(fair: Fair) -> Fair:
    found = selectors.fair_get_public(fair.pk, None)
    if found is None:  # closed or cancelled: read it as the staff do
        found = (selectors._with_counts(Fair.objects.filter(pk=fair.pk)).select_related("district")
                 .prefetch_related(selectors._approved_prefetch()).get())
    return found


# --- public ---------------------------------------------------------------------------


@router.get(
    "", auth=None, response={200: list[FairOut], **errors(422)},
    summary="即將舉辦的徵才活動 Upcoming job fairs (public)",
    description="未取消且尚未結束的活動，日期近者在前，含核准參加之廠商及職缺；不含個人資料。 Fairs not cancelled and "
    "not over, soonest first, with their approved employers and vacancies; no personal data.",
)
@paginate(Pages, page_size=20)
def fair_list(request):
    return selectors.upcoming_fairs()


@router.get(
    "/{fair_id}", auth=None, response={200: FairOut, **errors(404)},
    summary="徵才活動 A job fair (public)",
    description="籌備中或開放報名的活動任何人可查；已結束或取消者僅就業服務處及參加者可查。 A planned or open fair is "
    "public; a closed or cancelled one only for the service and those in it.",
)
def fair_detail(request, fair_id: int):
    # Public: a signed-in officer or participant (session or token) also reads a closed one.
    fair = selectors.fair_get_public(fair_id, SessionOrToken()(request))
    if fair is None:
        raise Http404
    return fair


# --- staff: fairs ---------------------------------------------------------------------


class FairIn(Schema):
    title: Text(services.MAX_TITLE, 4) = Field(description="活動名稱 Title.", examples=["臺北市115年度中高齡就業博覽會"])
    date: dt.date = Field(description="活動日期（不可早於今天） Date, not in the past.", examples=["2026-12-05"])
    starts_at: dt.time = Field(description="開始時間 Starts at.", examples=["09:30"])
    ends_at: dt.time = Field(description="結束時間（晚於開始） Ends at, after the start.", examples=["16:00"])
    venue: Text(100, 2) = Field(description="活動場地 Venue.", examples=["臺北市政府1樓中庭"])
    address: Text(200, 4) = Field(description="地址 Address.", examples=["臺北市信義區市府路1號"])
    district_code: Text(8, 3) = Field(description="行政區（代碼或郵遞區號） District code or zip.", examples=["110"])
    capacity: int = Field(ge=1, le=services.MAX_CAPACITY, description="預約名額 Pre-registration places.",
                          examples=[300])
    registration_opens: dt.date = Field(description="報名開始日 Registration opens.", examples=["2026-11-15"])
    registration_closes: dt.date = Field(description="報名截止日（不晚於活動日） Last day to pre-register, not after "
                                         "the fair.", examples=["2026-12-03"])
    description: Text(services.MAX_DESCRIPTION) = Field("", description="活動說明（純文字） Description, plain text.",
                                                         examples=["現場提供履歷健診及職涯諮詢。"])


@router.post(
    "", response={201: FairOut, **errors(401, 403, 422)},
    summary="新增徵才活動 Create a job fair (service staff)",
    description="日期不可早於今天；結束時間晚於開始；報名截止不晚於活動日。活動建立為籌備中（PLANNED）。 The date is not "
    "in the past, the end after the start, registration closes by the date. Created PLANNED.",
)
def fair_create(request, payload: FairIn):
    with remap_fields(district="district_code"):
        fair = services.fair_create(data=services.FairInput(**payload.dict()), actor=request.user)
    return Status(201, _fair_out(fair))


class FairActionIn(Schema):
    action: Literal["open", "close", "cancel"] = Field(
        description="open 開放報名, close 結束, cancel 取消（通知報名者及廠商） open registration, close, cancel "
        "(registrants and employers are told).", examples=["open"])


@router.post(
    "/{fair_id}/status", response={200: FairOut, **errors(401, 403, 404, 409, 422)},
    summary="變更活動狀態 Open, close or cancel a fair (service staff)",
)
def fair_status(request, fair_id: int, payload: FairActionIn):
    fair = _staff_fair(request, fair_id)
    services.fair_transition(fair=fair, action=payload.action, actor=request.user)
    return _fair_out(fair)


def _staff_fair(request, fair_id: int) -> Fair:
    fair = selectors.fair_for_staff(request.user, fair_id)
    if fair is None:
        raise NotFound("徵才活動", "job fair")
    return fair


def _any_fair(fair_id: int) -> Fair:
    fair = Fair.objects.filter(pk=fair_id).first()
    if fair is None:
        raise NotFound("徵才活動", "job fair")
    return fair


# --- employers ------------------------------------------------------------------------


class EmployerJoinIn(Schema):
    vacancy_ids: list[int] = Field(min_length=1, max_length=services.MAX_VACANCIES,
                                   description="貴單位徵才中的職缺編號 Your own open vacancies.", examples=[[42, 43]])
    note: Text(300) = Field("", description="聯絡說明（到場人員、需求） Who comes, what you need.",
                            examples=["到場2人，需電源插座"])


class ParticipationOut(Schema):
    id: int = Field(description="參加申請編號 Application id.", examples=[9])
    fair_id: int = Field(description="活動編號 Fair id.", examples=[5])
    employer_name: str = Field(description="廠商 Employer.", examples=["信義餐飲有限公司"])
    status: str = Field(description="APPLIED, APPROVED, REJECTED, WITHDRAWN.", examples=["APPLIED"])
    booth: str = Field(description="攤位編號 Booth.", examples=[""])
    decision_note: str = Field(description="審核說明 Decision note.", examples=[""])
    vacancy_ids: list[int] = Field(description="帶來的職缺 Vacancies at the fair.", examples=[[42, 43]])


def _participation_out(participation: FairEmployer) -> dict:
    return {"id": participation.pk, "fair_id": participation.fair_id, "employer_name": participation.employer.name,
            "status": participation.status, "booth": participation.booth,
            "decision_note": participation.decision_note,
            "vacancy_ids": list(FairVacancy.objects.filter(fair_employer=participation).values_list("vacancy_id",
                                                                                                     flat=True))}


@router.post(
    "/{fair_id}/employers", response={201: ParticipationOut, **errors(401, 403, 404, 409, 422)},
    summary="廠商申請參加 Apply to take part (employer account)",
    description="職缺須為貴單位且徵才中；每場活動申請一次（409）；由就業服務處審核。 The vacancies must be yours and "
    "open; once per fair (409); the service decides.",
)
def employer_join(request, fair_id: int, payload: EmployerJoinIn):
    fair = selectors.fair_get_public(fair_id, request.user)
    if fair is None:
        raise NotFound("徵才活動", "job fair")
    participation = services.employer_apply(fair=fair, vacancy_ids=payload.vacancy_ids, actor=request.user,
                                            note=payload.note)
    return Status(201, _participation_out(FairEmployer.objects.select_related("employer").get(pk=participation.pk)))


class DecisionIn(Schema):
    approve: bool = Field(description="核准 true；不核准 false Approve or decline.", examples=[True])
    booth: Text(20) = Field("", description="攤位編號（核准時必填） Booth, when approving.", examples=["A03"])
    note: Text(300) = Field("", description="說明（不核准時必填） Note, when declining.", examples=[""])


@router.post(
    "/{fair_id}/employers/{participation_id}/decision",
    response={200: ParticipationOut, **errors(401, 403, 404, 409, 422)},
    summary="審核廠商申請 Decide an employer's application (service staff)",
)
def employer_decision(request, fair_id: int, participation_id: int, payload: DecisionIn):
    fair = _staff_fair(request, fair_id)
    participation = FairEmployer.objects.filter(pk=participation_id, fair=fair).first()
    if participation is None:
        raise NotFound("參加申請", "application")
    services.employer_decide(participation=participation, approve=payload.approve, booth=payload.booth,
                             note=payload.note, actor=request.user)
    return _participation_out(FairEmployer.objects.select_related("employer").get(pk=participation_id))


# --- registrations and the door -------------------------------------------------------


class RegistrationOut(Schema):
    id: int = Field(description="報名編號 Registration id.", examples=[31])
    fair_id: int = Field(description="活動編號 Fair id.", examples=[5])
    code: str = Field(description="報名序號（入場出示） The code to show at the door.", examples=["K7P2M9QX"])
    status: str = Field(description="REGISTERED, CANCELLED.", examples=["REGISTERED"])
    walk_in: bool = Field(description="現場登記 Registered at the door.", examples=[False])
    checked_in_at: dt.datetime | None = Field(description="報到時間 Checked in at.", examples=[None])

    @staticmethod
    def resolve_checked_in_at(obj) -> dt.datetime | None:
        try:
            return obj.check_in.at
        except CheckIn.DoesNotExist:
            return None


class RegistrantOut(RegistrationOut):
    name: str = Field(description="姓名 Name.", examples=["王小明"])

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name


def _registration(pk: int) -> FairRegistration:
    return FairRegistration.objects.select_related("person", "check_in").get(pk=pk)


@router.post(
    "/{fair_id}/registrations", response={201: RegistrationOut, **errors(401, 403, 404, 409, 422)},
    summary="預約報名 Pre-register (citizen, for themself)",
    description="報名期間內、尚有名額時（名額已滿或已截止：422）；重複報名：409。報名成功會收到通知及報名序號。 Within "
    "the registration window while places remain (full or closed: 422); twice: 409. The code comes in a notice.",
)
def registration_create(request, fair_id: int):
    fair = selectors.fair_get_public(fair_id, request.user)
    if fair is None:
        raise NotFound("徵才活動", "job fair")
    registration = services.registration_create(fair=fair, actor=request.user)
    return Status(201, _registration(registration.pk))


@router.get(
    "/{fair_id}/registrations", response={200: list[RegistrantOut], **errors(401, 404)},
    summary="報名名單 Registrants (service staff; logged)",
    description="依姓名排序；每次查詢記入個資存取紀錄。 By name; each read goes to the access log.",
)
@paginate(Pages)
def registration_list(request, fair_id: int):
    fair = _staff_fair(request, fair_id)
    access_log_record(user=request.user, action="api", object_type="fair_registrations", object_id=fair.pk,
                      purpose="徵才活動報名名單", object_label=fair.title)
    return FairRegistration.objects.filter(fair=fair).select_related("person", "check_in").order_by("person__name",
                                                                                                "pk")


@router.post(
    "/registrations/{registration_id}/cancel", response={200: RegistrationOut, **errors(401, 404, 409)},
    summary="取消報名 Cancel a registration (the person, or the service)",
)
def registration_cancel(request, registration_id: int):
    registration = FairRegistration.objects.filter(pk=registration_id).first()
    if registration is None:
        raise NotFound("報名", "registration")
    services.registration_cancel(registration=registration, actor=request.user)
    return _registration(registration_id)


class CheckInIn(Schema):
    code: Text(20) = Field("", description="報名序號（與 registration_id 擇一） The registration code, or give "
                           "registration_id.", examples=["K7P2M9QX"])
    registration_id: int | None = Field(None, description="報名編號（以姓名或證號查到者） A registration found by a name "
                                        "or ID search.", examples=[None])


class CheckInOut(Schema):
    registration: RegistrantOut
    method: str = Field(description="CODE, SEARCH, WALK_IN.", examples=["CODE"])
    at: dt.datetime = Field(description="報到時間 When.")


def _check_in_out(done: CheckIn) -> dict:
    return {"registration": _registration(done.registration_id), "method": done.method, "at": done.at}


@router.post(
    "/{fair_id}/check-ins", response={201: CheckInOut, **errors(401, 403, 404, 409, 422)},
    summary="入場報到 Check in at the door (service staff)",
    description="僅限活動當天；已取消之報名不能報到（422）；重複報到：409。 On the fair's day only; not a cancelled "
    "registration (422); twice: 409.",
)
def check_in(request, fair_id: int, payload: CheckInIn):
    fair = _staff_fair(request, fair_id)
    services.require_organiser(request.user)
    done = services.check_in(fair=fair, actor=request.user, code=payload.code,
                             registration_id=payload.registration_id)
    return Status(201, _check_in_out(done))


class WalkInIn(Schema):
    id_number: Text(20, 8) = Field(description="身分證統一編號或居留證號 National ID or resident certificate number.",
                                   examples=["A123456789"])
    name: Text(60, 1) = Field(description="姓名 Name.", examples=["王小明"])
    phone: Text(30) = Field("", description="聯絡電話 Phone.", examples=["0912345678"])


@router.post(
    "/{fair_id}/walk-ins", response={201: CheckInOut, **errors(401, 403, 404, 409, 422)},
    summary="現場登記入場 Register a walk-in and check them in (service staff)",
)
def walk_in(request, fair_id: int, payload: WalkInIn):
    fair = _staff_fair(request, fair_id)
    with remap_fields(**{"person.id_number": "id_number", "person.name": "name", "person.phone": "phone"}):
        done = services.walk_in(fair=fair, actor=request.user,
                                person=PersonInput(id_number=payload.id_number, name=payload.name, phone=payload.phone))
    return Status(201, _check_in_out(done))


# --- interviews -----------------------------------------------------------------------


class InterviewIn(Schema):
    vacancy_id: int = Field(description="活動中的職缺編號 A vacancy at the fair.", examples=[42])
    code: Text(20) = Field("", description="求職人報名序號（與 registration_id 擇一） The person's code.",
                           examples=["K7P2M9QX"])
    registration_id: int | None = Field(None, description="報名編號 Or the registration id.", examples=[None])


class InterviewOut(Schema):
    id: int = Field(description="面試編號 Interview id.", examples=[12])
    fair_id: int = Field(description="活動編號 Fair id.", examples=[5])
    registration_code: str = Field(description="報名序號 The person's code.", examples=["K7P2M9QX"])
    name: str = Field(description="求職人 Job seeker.", examples=["王小明"])
    vacancy_id: int = Field(description="職缺編號 Vacancy.", examples=[42])
    vacancy_title: str = Field(description="職缺 Vacancy.", examples=["餐廳外場服務人員"])
    employer_name: str = Field(description="廠商 Employer.", examples=["信義餐飲有限公司"])
    outcome: str = Field(description="INTERVIEWED, HIRED, NOT_HIRED.", examples=["INTERVIEWED"])
    not_hired_reason: str = Field(description="未錄取原因 Reason not hired.", examples=[""])
    referral_id: int | None = Field(description="人力銀行推介編號（有求職登記且同意推介時） The job bank's referral, "
                                    "if any.", examples=[88])
    created_at: dt.datetime = Field(description="記錄時間 Recorded at.")

    @staticmethod
    def resolve_registration_code(obj) -> str:
        return obj.registration.code

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.registration.person.name

    @staticmethod
    def resolve_vacancy_id(obj) -> int:
        return obj.fair_vacancy.vacancy_id

    @staticmethod
    def resolve_vacancy_title(obj) -> str:
        return obj.fair_vacancy.vacancy.title

    @staticmethod
    def resolve_employer_name(obj) -> str:
        return obj.fair_vacancy.fair_employer.employer.name


def _fresh_interview(request, fair: Fair, pk: int) -> FairInterview:
    return selectors.interviews_for(user=request.user, fair=fair).get(pk=pk)


@router.post(
    "/{fair_id}/interviews", response={201: InterviewOut, **errors(401, 404, 409, 422)},
    summary="記錄現場面試 Record an interview (service staff, or the employer at its booth)",
    description="活動當天、已報到者；每人每職缺一次（409）。求職人有求職登記且同意推介、由就業服務處記錄時，同時建立人力銀行推介。 "
    "On the day, a checked-in person; once per person and vacancy (409). Recorded by the service for a consenting "
    "registered job seeker, it is also a job-bank referral.",
)
def interview_create(request, fair_id: int, payload: InterviewIn):
    fair = _any_fair(fair_id)
    fair_vacancy = (FairVacancy.objects.filter(fair=fair, vacancy_id=payload.vacancy_id)
                    .select_related("fair_employer").first())
    if fair_vacancy is None or not services.can_act_at_booth(request.user, fair_vacancy):
        raise NotFound("職缺", "vacancy")
    interview = services.interview_record(fair=fair, fair_vacancy=fair_vacancy, actor=request.user,
                                          code=payload.code, registration_id=payload.registration_id)
    return Status(201, _fresh_interview(request, fair, interview.pk))


@router.get(
    "/{fair_id}/interviews", response={200: list[InterviewOut], **errors(401, 404)},
    summary="面試紀錄 Interviews (service staff: all; an employer: its booth)",
)
@paginate(Pages)
def interview_list(request, fair_id: int):
    fair = _any_fair(fair_id)
    if not services.can_read(request.user) and not FairEmployer.objects.filter(
            fair=fair, employer_id=getattr(request.user, "employer_id", None)).exists():
        raise NotFound("徵才活動", "job fair")
    return selectors.interviews_for(user=request.user, fair=fair)


class OutcomeIn(Schema):
    outcome: Literal["HIRED", "NOT_HIRED"] = Field(description="錄取或未錄取 Hired or not.", examples=["HIRED"])
    reason: NotHiredReason | None = Field(None, description="未錄取原因（未錄取時必填） Reason when not hired.",
                                          examples=["SKILLS"])
    note: Text(300) = Field("", description="說明（原因為其他時必填） Note (required for OTHER).",
                            examples=["12月10日報到"])


@router.post(
    "/{fair_id}/interviews/{interview_id}/outcome", response={200: InterviewOut, **errors(401, 404, 409, 422)},
    summary="回覆面試結果 Record an interview's outcome (the employer or service staff)",
    description="一次；連結之人力銀行推介同步回覆，錄取計入推介就業統計。 Once; a linked job-bank referral gets the "
    "same answer, so a hire counts in the placement figures.",
)
def interview_outcome(request, fair_id: int, interview_id: int, payload: OutcomeIn):
    fair = _any_fair(fair_id)
    interview = selectors.interviews_for(user=request.user, fair=fair).filter(pk=interview_id).first()
    if interview is None:
        raise NotFound("面試紀錄", "interview")
    services.interview_outcome(interview=interview, outcome=payload.outcome, reason=payload.reason or "",
                               note=payload.note, actor=request.user)
    return _fresh_interview(request, fair, interview_id)


# --- figures --------------------------------------------------------------------------


class OccupationFiguresOut(Schema):
    code: str = Field(description="職業中類 Occupation.", examples=["51"])
    label: str = Field(description="職業名稱 Name.", examples=["51 個人服務工作人員"])
    vacancies: int
    openings: int
    interviews: int
    hires: int
    hire_rate: int | None = Field(description="錄取人次÷面試人次（%） Hires per interview, per cent.", examples=[40])


class FiguresOut(Schema):
    employers: int = Field(description="核准參加廠商 Approved employers.", examples=[12])
    vacancies: int = Field(description="職缺數 Vacancies.", examples=[40])
    openings: int = Field(description="需求人數 Openings.", examples=[95])
    preregistered: int = Field(description="預約報名（未取消） Pre-registered.", examples=[150])
    checked_in: int = Field(description="入場人數 Checked in.", examples=[170])
    checked_in_preregistered: int = Field(description="入場（預約） Checked in, pre-registered.", examples=[120])
    checked_in_walk_in: int = Field(description="入場（現場登記） Checked in, walk-ins.", examples=[50])
    interviews: int = Field(description="面試人次 Interviews.", examples=[210])
    interviewed_persons: int = Field(description="面試人數 People interviewed.", examples=[130])
    hires: int = Field(description="錄取人次 Hires.", examples=[60])
    hired_persons: int = Field(description="錄取人數 People hired.", examples=[58])
    not_hired: int = Field(description="未錄取人次 Not hired.", examples=[100])
    awaiting: int = Field(description="待回覆 Awaiting an outcome.", examples=[50])
    hire_rate: int | None = Field(description="媒合率：錄取人數÷入場人數（%） People hired per person checked in.",
                                  examples=[34])
    by_occupation: list[OccupationFiguresOut]


@router.get(
    "/{fair_id}/figures", response={200: FiguresOut, **errors(401, 404)},
    summary="活動統計 A fair's figures (service staff)",
)
def figures(request, fair_id: int):
    fair = _staff_fair(request, fair_id)
    result = selectors.fair_figures(fair)
    out = {name: getattr(result, name) for name in FiguresOut.model_fields if name != "by_occupation"}
    out["by_occupation"] = [{"code": r.code, "label": r.label, "vacancies": r.vacancies, "openings": r.openings,
                             "interviews": r.interviews, "hires": r.hires, "hire_rate": r.hire_rate}
                            for r in result.by_occupation]
    return out

