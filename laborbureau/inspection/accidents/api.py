"""REST endpoints of occupational accidents (職業災害通報) and the public accident data.

An employer reports its own accident with its token (or session); an officer of the
inspection office records a phone report and names the employer. The duty supervisor
acknowledges and dispatches, the inspector records arrival and findings. Another
employer's or unit's accident answers 404. The open data (`/open-data/...`) needs no
login and carries no personal data: month, district, industry section, type,
severity, counts and a 200 m grid point (or the district's centroid)."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpResponse
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors, query_error, remap_fields
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text, decode_files
from laborbureau.cases import services as case_services
from laborbureau.core.api import EmployerIn, PersonIn
from laborbureau.core.errors import ApplicationError, NotFound
from laborbureau.core.models import UserKind
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.inspection.accidents import open_data, selectors, services
from laborbureau.inspection.accidents.models import Accident, AccidentType, Outcome

router = Router(tags=["accidents 職業災害通報"])
open_data_router = Router(tags=["open-data 開放資料"])

Number = Path(..., max_length=40, description="案號 Case number.", examples=["115-OAC-000001"])
Count = Annotated[int, Field(ge=0, le=500)]


class VictimIn(Schema):
    name: Text(80) = Field("", description="罹災者姓名（可事後補填） Name; may be given later.", examples=["王小明"])
    age: Annotated[int, Field(ge=14, le=100)] | None = Field(None, description="年齡 Age.", examples=[42])
    outcome: Outcome = Field(Outcome.UNKNOWN, description="罹災情形 Outcome.", examples=["HOSPITALISED"])
    injury: Text(200) = Field("", description="傷害情形 Injury.", examples=["右腿骨折"])


class PhotoIn(Schema):
    name: Text(150, 1) = Field(description="檔名 File name.", examples=["scene1.jpg"])
    content_base64: str = Field(max_length=12_000_000, description="JPEG 或 PNG 圖檔之 base64（8 MB 以內） The image, base64.",
                                examples=["/9j/4AAQSkZJRgABAQ..."])


class ReportIn(Schema):
    occurred_at: datetime = Field(description="發生時間（含時區） When it happened.", examples=["2026-11-27T09:40:00+08:00"])
    known_at: datetime | None = Field(None, description="事業單位知悉時間（施行細則第47條；未填即為發生時間） When the employer "
                                      "learned of it.", examples=["2026-11-27T09:45:00+08:00"])
    accident_type: AccidentType = Field(description="災害類型 Kind of accident.", examples=["FALL"])
    description: Text(5000, 1) = Field(description="災害經過 What happened.", examples=["勞工於3樓施工架作業時墜落。"])
    deaths: Count = Field(0, description="死亡人數 Deaths.", examples=[1])
    injured: Count = Field(0, description="受傷人數（失能傷害，不含死亡） Injured, the dead excluded.", examples=[0])
    hospitalised: Count = Field(0, description="需住院治療人數 Needing hospital treatment.", examples=[0])
    designated: bool = Field(False, description="中央主管機關指定公告之災害（第37條第2項第4款） Designated kind.",
                             examples=[False])
    lat: float | None = Field(None, ge=-90, le=90, description="緯度（地圖位置，須在臺北市內） Latitude.", examples=[25.0330])
    lon: float | None = Field(None, ge=-180, le=180, description="經度 Longitude.", examples=[121.5654])
    address: Text(200) = Field("", description="地址（無地圖位置時必填） Address; required without a map point.",
                               examples=["臺北市信義區市府路1號"])
    district: Text(8) = Field("", description="行政區郵遞區號（無地圖位置時必填） District postal code.", examples=["110"])
    establishment_name: Text(120) = Field("", description="工作場所名稱 Workplace.", examples=["信義工地"])
    industry_code: Text(8) = Field("", description="行業統計分類代碼 Industry code.", examples=["F"])
    victims: list[VictimIn] = Field(default_factory=list, max_length=50, description="罹災者（可事後補填） The injured.")
    photos: list[PhotoIn] = Field(default_factory=list, max_length=6, description="現場照片 Photos (up to 6).")
    employer: EmployerIn | None = Field(None, description="事業單位（僅勞動檢查處登錄電話通報時） Employer: staff only.")
    employer_id: Annotated[int, Field(ge=1, le=2**62)] | None = Field(None, description="事業單位編號（僅承辦人） Employer id.",
                                                                       examples=[12])
    reporter_name: Text(80) = Field("", description="來電者（電話通報） Caller.", examples=["林主任"])
    reporter_phone: Text(30) = Field("", description="來電者電話 Caller's phone.", examples=["0912345678"])
    reported_at: datetime | None = Field(None, description="來電時間（僅承辦人；未填即為現在） Call time: staff only.",
                                         examples=["2026-11-27T10:00:00+08:00"])
    channel: Literal["api", "phone"] = Field("api", description="通報管道 Channel.", examples=["api"])


class VictimOut(Schema):
    name: str
    age: int | None
    outcome: str
    injury: str


class AccidentOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-OAC-000001"])
    status: str = Field(description="案件狀態 Status.", examples=["REPORTED"])
    employer_name: str
    occurred_at: datetime
    known_at: datetime
    reported_at: datetime
    district: str = Field(description="行政區郵遞區號 District.", examples=["110"])
    address: str
    lat: float
    lon: float
    location_approximate: bool = Field(description="位置為行政區中心（無地圖位置） Point is the district centroid.")
    accident_type: str
    severity: str
    deaths: int
    injured: int
    hospitalised: int
    reportable: bool = Field(description="應於八小時內通報（職業安全衛生法第37條第2項） Must be reported within 8 hours.")
    clauses: list[int] = Field(description="符合之款次 The 款 met.", examples=[[1]])
    deadline_at: datetime | None = Field(description="通報期限（知悉起八小時） The 8-hour deadline.")
    late: bool = Field(description="逾時通報 Reported late.")
    minutes_late: int
    victims_pending: bool = Field(description="罹災者資料待補 The injured's data is still to come.")
    victims: list[VictimOut]
    alerted_at: datetime | None = Field(description="通報首次送達時間 First delivery of the alert.")
    acknowledged_at: datetime | None
    dispatched_at: datetime | None
    inspector: str
    arrived_at: datetime | None
    findings: str
    stop_work_recommended: bool
    inspection_number: str = Field(description="相關檢查或停工案號 The related inspection.", examples=["115-INS-000003"])
    fine_number: str


def _out(accident: Accident, user) -> dict:
    staff = user.kind == UserKind.STAFF
    return {
        "number": accident.case.number, "status": accident.case.status, "employer_name": accident.employer.name,
        "occurred_at": accident.occurred_at, "known_at": accident.known_at, "reported_at": accident.reported_at,
        "district": accident.district.zip3, "address": accident.address, "lat": accident.lat, "lon": accident.lon,
        "location_approximate": accident.location_approximate, "accident_type": accident.accident_type,
        "severity": accident.severity, "deaths": accident.deaths, "injured": accident.injured,
        "hospitalised": accident.hospitalised, "reportable": accident.reportable, "clauses": accident.clauses,
        "deadline_at": accident.deadline_at, "late": accident.late, "minutes_late": accident.minutes_late,
        "victims_pending": accident.victims_pending,
        "victims": [{"name": v.name, "age": v.age, "outcome": v.outcome, "injury": v.injury}
                    for v in accident.victims.all()],
        "alerted_at": getattr(accident, "alerted_at", None) if staff else None,
        "acknowledged_at": accident.acknowledged_at, "dispatched_at": accident.dispatched_at,
        "inspector": accident.inspector.label if accident.inspector_id else "", "arrived_at": accident.arrived_at,
        "findings": accident.findings if staff else "", "stop_work_recommended": accident.stop_work_recommended,
        "inspection_number": accident.inspection_number, "fine_number": accident.fine_number,
    }


def _get(user, number: str) -> Accident:
    accident = selectors.with_alert_times(selectors.accidents_readable_by(user)).filter(
        case__number=number[:20]).prefetch_related("victims").first()
    if accident is None:
        raise NotFound("職業災害通報", "accident report")
    if user.kind == UserKind.STAFF:
        from laborbureau.core.services import access_log_record

        access_log_record(user=user, action="view", object_type="accident", object_id=accident.case.number,
                          purpose="職業災害通報處理 API", object_label=accident.case.number)
    return accident


@router.post(
    "", response={201: AccidentOut, **errors(401, 403, 422)},
    summary="職業災害通報 Report an occupational accident",
    description="事業單位以本身帳號通報；勞動檢查處承辦人登錄電話通報須填 employer（或 employer_id）。系統依職業安全衛生法第37條"
    "第2項判斷是否應於八小時內通報（施行細則第47條：自知悉起算），逾時者 late 為 true；應通報者立即通知值日主管及待命檢查員。"
    "罹災者資料可事後補填。 An employer reports its own accident; an inspection officer records a phone report. A "
    "reportable accident alerts those on duty at once; a late report is flagged.",
)
def accident_report(request, payload: ReportIn):
    user = request.auth
    employer = None
    if payload.employer is not None:
        e = payload.employer
        employer = EmployerInput(name=e.name, business_id=e.business_id, representative=e.representative,
                                 industry_code=e.industry_code, phone=e.phone, email=e.email, address=e.address,
                                 district_code=e.district_code)
    data = services.AccidentInput(
        occurred_at=payload.occurred_at, known_at=payload.known_at, accident_type=str(payload.accident_type),
        description=payload.description, deaths=payload.deaths, injured=payload.injured,
        hospitalised=payload.hospitalised, designated=payload.designated, lat=payload.lat, lon=payload.lon,
        address=payload.address, district=payload.district, establishment_name=payload.establishment_name,
        industry_code=payload.industry_code,
        victims=[services.VictimInput(name=v.name, age=v.age, outcome=str(v.outcome), injury=v.injury)
                 for v in payload.victims],
        photos=decode_files(payload.photos, field="photos", label_zh="照片"), employer=employer, employer_id=payload.employer_id,
        reporter_name=payload.reporter_name, reporter_phone=payload.reporter_phone, reported_at=payload.reported_at,
        channel=payload.channel if user.kind == UserKind.STAFF else "api",
    )
    accident = services.accident_report(data=data, actor=user)
    return Status(201, _out(_get(user, accident.case.number), user))


# --- occupational disease determination (職業疾病認定) ------------------------------------------
# (Declared before the "/{number}" routes, which would otherwise take "/diseases".)


class DocumentIn(Schema):
    name: Text(150, 1) = Field(description="檔名 File name.", examples=["診斷證明書.pdf"])
    content_base64: str = Field(max_length=14_000_000, description="PDF、JPEG 或 PNG 檔之 base64（10 MB 以內） The file, base64.",
                                examples=["JVBERi0xLjQK..."])


class DiseaseApplyIn(Schema):
    disease: Text(200, 1) = Field(description="疾病名稱（依診斷證明書） The disease.", examples=["職業性下背痛"])
    exposure: Text(5000, 1) = Field(description="工作內容及暴露情形 The work and the exposure.",
                                    examples=["搬運工，每日搬運30公斤貨物約200次，已12年。"])
    diagnosed_by: Text(200) = Field("", description="診斷醫師或醫院 Physician or hospital.", examples=["臺大醫院職業醫學科"])
    diagnosed_on: date | None = Field(None, description="診斷日期 Diagnosed on.", examples=["2026-10-02"])
    employer: EmployerIn | None = Field(None, description="事業單位（勞工所知之名稱及統一編號） The employer, as the worker "
                                        "knows it.", examples=[{"name": "大安物流股份有限公司", "business_id": "04595257"}])
    documents: list[DocumentIn] = Field(default_factory=list, max_length=6,
                                        description="診斷證明書及相關資料（最多6件） Medical certificate and records.",
                                        examples=[[]])
    consent: bool = Field(False, description="勞工本人申請時須為 true：同意為認定目的利用其病歷及健康資料 A citizen must agree "
                          "to the use of their medical data.", examples=[True])
    person: PersonIn | None = Field(None, description="勞動檢查處承辦人登錄時之勞工資料（勞工本人申請免填） The worker, when an "
                                    "officer records it.", examples=[None])
    received_on: date | None = Field(None, description="收件日（承辦人登錄；未填即為今天） Received on (officers).",
                                     examples=["2026-11-27"])


class DiseaseOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-ODD-000001"])
    status: str = Field(description="案件狀態 Status.", examples=["APPLIED"])
    disease: str = Field(description="疾病名稱 The disease.", examples=["職業性下背痛"])
    received_on: date = Field(description="收件日 Received on.", examples=["2026-11-27"])
    employer_name: str | None = Field(description="事業單位 The employer.", examples=["大安物流股份有限公司"])


@router.post(
    "/diseases", response={201: DiseaseOut, **errors(401, 403, 422)},
    summary="申請職業疾病認定 Apply for an occupational disease determination",
    description="勞工本人以民眾帳號申請（身分以帳號為準，須 consent 為 true）；勞動檢查處承辦人登錄臨櫃或書面申請時須填 person。"
    "同一勞工同一疾病已有審理中之申請者拒絕。 A worker applies for themself with a citizen account (consent required); "
    "an inspection officer records one received at the counter, giving the person.",
)
def disease_apply(request, payload: DiseaseApplyIn):
    user = request.auth
    person = None
    if payload.person is not None:
        p = payload.person
        person = PersonInput(id_number=p.id_number, name=p.name, id_kind=p.id_kind or "",
                             passport_country=p.passport_country, birth_date=p.birth_date, sex=p.sex or "",
                             phone=p.phone, email=p.email, address=p.address, district_code=p.district_code)
    employer = None
    if payload.employer is not None:
        employer = EmployerInput(name=payload.employer.name, business_id=payload.employer.business_id)
    determination = services.disease_apply(data=services.DiseaseInput(
        disease=payload.disease, exposure=payload.exposure, diagnosed_by=payload.diagnosed_by,
        diagnosed_on=payload.diagnosed_on, employer=employer, documents=decode_files(payload.documents, field="documents"),
        consent=payload.consent, person=person, received_on=payload.received_on,
        channel="api" if user.kind == UserKind.STAFF else "portal",
    ), actor=user)
    return Status(201, {"number": determination.case.number, "status": determination.case.status,
                        "disease": determination.disease, "received_on": determination.received_on,
                        "employer_name": determination.employer.name if determination.employer else None})


class AccidentPage(Schema):
    items: list[AccidentOut]
    count: int = Field(description="符合條件的總筆數 Total number.")


@router.get(
    "", response={200: AccidentPage, **errors(401, 422)},
    summary="職業災害通報清單 List accident reports",
    description="事業單位：本身的通報；勞動檢查處：可讀取者，最新通報在前。 An employer's own reports; staff: those they may read.",
)
def accident_list(request, paging: Query[Pages.Input]):
    user = request.auth
    queryset = selectors.with_alert_times(selectors.accidents_readable_by(user)).prefetch_related("victims")
    items, count = page_slice(queryset, paging.page, paging.page_size)
    return {"items": [_out(a, user) for a in items], "count": count}


class AlertOut(Schema):
    id: int = Field(description="通知編號（輪詢時以 after 帶入最大值） Alert id; poll with after=max id.", examples=[42])
    number: str
    subject: str
    severity: str
    district: str
    reported_at: datetime
    delivered_at: datetime | None
    acknowledged: bool


@router.get(
    "/alerts", response={200: list[AlertOut], **errors(401)},
    summary="我的職災即時通知 My live accident alerts",
    description="已送達本人之職災通報通知（站內），新者在前；值日主管頁面每數秒以 after 輪詢。 The caller's delivered alerts, "
    "newest first; the supervisor's page polls with `after`.",
)
def my_alerts(request, after: int = Query(0, ge=0, le=2**62, description="只列此編號之後 Only alerts after this id.")):
    return [
        {"id": a.pk, "number": a.accident.case.number, "subject": a.outbox.subject_zh, "severity": a.accident.severity,
         "district": a.accident.district.name_zh, "reported_at": a.accident.reported_at,
         "delivered_at": a.outbox.sent_at, "acknowledged": a.accident.acknowledged_at is not None}
        for a in selectors.alerts_for(request.auth, after_id=after)
    ]


@router.get(
    "/{number}", response={200: AccidentOut, **errors(401, 404)},
    summary="職業災害通報內容 An accident report",
    description="通報之事業單位與勞動檢查處人員；其他人回 404。讀取者記入個資存取紀錄。 The reporting employer and inspection "
    "staff; reads are written to the access log.",
)
def accident_get(request, number: str = Number):
    return _out(_get(request.auth, number), request.auth)


class UpdateIn(Schema):
    deaths: Count | None = Field(None, description="死亡人數 Deaths.", examples=[1])
    injured: Count | None = Field(None, description="受傷人數 Injured.", examples=[2])
    hospitalised: Count | None = Field(None, description="需住院治療人數 Hospitalised.", examples=[1])
    victims: list[VictimIn] | None = Field(None, max_length=50, description="罹災者（整批取代） The injured (replaces all).")


@router.patch(
    "/{number}", response={200: AccidentOut, **errors(401, 404, 422)},
    summary="補正罹災資料 Complete the casualties",
    description="補填或更正罹災人數及罹災者資料；因此成為應通報者即時通知值勤人員。 Complete or correct the casualties; if it "
    "becomes reportable, those on duty are alerted now.",
)
def accident_update(request, payload: UpdateIn, number: str = Number):
    user = request.auth
    accident = _get(user, number)
    victims = None if payload.victims is None else [
        services.VictimInput(name=v.name, age=v.age, outcome=str(v.outcome), injury=v.injury) for v in payload.victims]
    services.accident_update(accident=accident, actor=user, deaths=payload.deaths, injured=payload.injured,
                             hospitalised=payload.hospitalised, victims=victims)
    return _out(_get(user, number), user)


class StepIn(Schema):
    note: Text(2000) = Field("", description="說明 Note.", examples=[""])


class DispatchIn(StepIn):
    inspector_id: Annotated[int, Field(ge=1, le=2**62)] = Field(description="派遣之檢查員帳號編號 The inspector.", examples=[7])


class FindingsIn(Schema):
    findings: Text(10_000, 1) = Field(description="檢查結果及災害原因 Findings.", examples=["施工架未設護欄，勞工未使用安全帶。"])
    stop_work_recommended: bool = Field(False, description="建議停工（第36條，交檢查案件辦理） Stop work recommended.",
                                        examples=[True])
    inspection_number: Text(40) = Field("", description="相關檢查／停工案號 Related inspection.", examples=["115-INS-000003"])


def _fire(request, number: str, name: str, data: dict) -> dict:
    user = request.auth
    accident = _get(user, number)
    with remap_fields(inspector="inspector_id"):
        case_services.case_transition(case=accident.case, name=name, actor=user, data=data)
    return _out(_get(user, number), user)


STEP_ERRORS = errors(400, 401, 403, 404, 409, 422)


@router.post("/{number}/acknowledge", response={200: AccidentOut, **STEP_ERRORS}, summary="簽收通報 Acknowledge",
             description="值日主管（或主管）簽收。 The duty supervisor (or a chief) acknowledges the report.")
def accident_acknowledge(request, payload: StepIn, number: str = Number):
    return _fire(request, number, "acknowledge", {"note": payload.note})


@router.post("/{number}/dispatch", response={200: AccidentOut, **STEP_ERRORS}, summary="派員 Dispatch an inspector",
             description="值日主管派遣檢查員前往（未簽收者同時簽收），並通知該檢查員。 The duty supervisor dispatches an inspector.")
def accident_dispatch(request, payload: DispatchIn, number: str = Number):
    return _fire(request, number, "dispatch", {"inspector": str(payload.inspector_id), "note": payload.note})


@router.post("/{number}/arrive", response={200: AccidentOut, **STEP_ERRORS}, summary="到達現場 Arrived on site",
             description="受派檢查員登錄到達時間。 The dispatched inspector records arrival.")
def accident_arrive(request, payload: StepIn, number: str = Number):
    return _fire(request, number, "arrive", {"note": payload.note})


@router.post("/{number}/findings", response={200: AccidentOut, **STEP_ERRORS}, summary="檢查結果 Record findings",
             description="受派檢查員登錄檢查結果；建議停工者請填相關檢查案號。 The inspector records the findings.")
def accident_findings(request, payload: FindingsIn, number: str = Number):
    return _fire(request, number, "record_findings", {
        "findings": payload.findings, "stop_work_recommended": payload.stop_work_recommended,
        "inspection_number": payload.inspection_number})


class LinkIn(Schema):
    inspection_number: Text(40, 1) = Field(description="檢查或停工案號 The inspection's number.", examples=["115-INS-000003"])


@router.post("/{number}/inspection", response={200: AccidentOut, **errors(401, 404, 422)},
             summary="關聯檢查案件 Link an inspection",
             description="檢查案件（含停工、復工）由檢查業務辦理；此處記錄其案號，兩案互相連結。 Records the inspection opened "
             "because of this accident.")
def accident_link(request, payload: LinkIn, number: str = Number):
    user = request.auth
    services.accident_link_inspection(accident=_get(user, number), actor=user,
                                      inspection_number=payload.inspection_number)
    return _out(_get(user, number), user)


# --- open data (no login) ---------------------------------------------------------------------

FILTER_DOC = "月份 YYYY-MM；行政區郵遞區號；行業大類 A–S；災害類型；嚴重程度。 Filters: months YYYY-MM, district postal code, " \
             "industry section, type, severity."


class OpenFilters(Schema):
    month_from: str = Field("", max_length=7, description="起月 From month.", examples=["2026-01"])
    month_to: str = Field("", max_length=7, description="迄月 To month.", examples=["2026-11"])
    district: str = Field("", max_length=3, description="行政區郵遞區號 District.", examples=["104"])
    industry: str = Field("", max_length=1, description="行業大類 Industry section.", examples=["F"])
    type: str = Field("", max_length=16, description="災害類型 Kind.", examples=["FALL"])
    severity: str = Field("", max_length=12, description="嚴重程度 Severity.", examples=["FATAL"])


def _filters(query: OpenFilters):
    try:
        return open_data.filters_from(month_from=query.month_from, month_to=query.month_to, district=query.district,
                                      industry=query.industry, accident_type=query.type, severity=query.severity)
    except ApplicationError as error:
        raise query_error(error.field or "query", error.message_zh, error.message_en) from None


class MapDistrictOut(Schema):
    zip3: str
    name_zh: str
    name_en: str
    count: int


class MapPointOut(Schema):
    lon: float
    lat: float
    count: int
    district: str
    at_centroid: bool = Field(description="少於門檻之格點併入行政區中心 Fewer than the threshold: shown at the centroid.")


class MapOut(Schema):
    total: int
    districts: list[MapDistrictOut]
    points: list[MapPointOut] = Field(description="200 公尺格點（去識別化） 200 m cells, anonymised.")
    grid_metres: int
    min_cell_count: int


@open_data_router.get("/accidents/map", auth=None, response={200: MapOut, **errors(422)},
                      summary="職災地圖資料 The accident map's data",
                      description="各行政區件數及 200 公尺格點件數（去識別化，不含個人資料）。" + FILTER_DOC)
def open_map(request, query: Query[OpenFilters]):
    response = HttpResponse(open_data.map_json(_filters(query)), content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@open_data_router.get("/accidents.geojson", auth=None, response={200: None, **errors(422)},
                      summary="職業災害開放資料（GeoJSON） Accidents as GeoJSON",
                      description="每件一筆：月份、行政區、行業大類、類型、嚴重程度、人數及去識別化位置。" + FILTER_DOC)
def open_geojson(request, query: Query[OpenFilters]):
    response = HttpResponse(open_data.geojson_text(_filters(query)), content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@open_data_router.get("/accidents.csv", auth=None, response={200: None, **errors(422)},
                      summary="職業災害開放資料（CSV） Accidents as CSV", description="同 GeoJSON 之欄位。" + FILTER_DOC)
def open_csv(request, query: Query[OpenFilters]):
    response = HttpResponse("\ufeff" + open_data.csv_text(_filters(query)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="accidents.csv"'
    response["Cache-Control"] = "public, max-age=300"
    return response



