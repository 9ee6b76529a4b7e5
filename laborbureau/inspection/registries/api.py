"""`/api/v1/osh-registries`: the labor inspection office's registries (勞動檢查處).

Applications for registration (site self-management certification, training units,
health-check medical institutions, safety and health personnel): an employer account
applies and reads its own; the office's staff review, propose decisions and the section
chief signs them off (the step names are those of the OSR workflow; the generic
`/api/v1/cases/{number}/transitions` takes them too). The public list of registrations in
force, the e-newsletter's subscription and its archive need no login and carry no
personal data. Audits, monitored works, the yearly compilation and the issues are staff's.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text, decode_files
from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Employer, User, UserKind
from laborbureau.core.services import access_log_record
from laborbureau.inspection.registries import selectors, services
from laborbureau.inspection.registries.models import Registration, RegistryKind

router = Router(tags=["osh-registries 勞動檢查處登錄、彙編及電子報"])

Number = Path(..., max_length=20, description="申請案號 Application case number.", examples=["115-OSR-000001"])
Id = Annotated[int, Field(ge=1, le=2**62)]
PublicKind = Literal["SITE_CERTIFICATION", "TRAINING_UNIT", "MEDICAL_INSTITUTION"]


def _staff(user: User) -> None:
    if not selectors.is_lio_staff(user):
        raise Forbidden("限勞動檢查處人員。", "Labor inspection office staff only.")


# --- public ----------------------------------------------------------------------------------


class PublicRegistrationOut(Schema):
    kind: str = Field(description="登錄類別 Kind.", examples=["TRAINING_UNIT"])
    name: str = Field(description="名稱 Name of the site, unit or institution.", examples=["臺北安全衛生訓練中心"])
    address: str = Field(description="地址 Address.", examples=["臺北市中山區民生東路一段1號"])
    district: str = Field(description="行政區郵遞區號 District (zip3).", examples=["104"])
    valid_from: date = Field(description="生效日 Valid from.", examples=["2026-01-05"])
    valid_until: date | None = Field(description="有效期限（無則不設期限） Valid until (none: no expiry).",
                                     examples=["2029-01-04"])


class PublicPage(Schema):
    items: list[PublicRegistrationOut] = Field(description="本頁登錄 This page's registrations.")
    count: int = Field(description="符合條件的總筆數 Total.", examples=[42])


class PublicFilters(Schema):
    kind: PublicKind | None = Field(None, description="登錄類別 Kind.", examples=["TRAINING_UNIT"])
    district: Text(3) = Field("", description="行政區郵遞區號 District (zip3).", examples=["104"])


def _public_out(registration: Registration) -> dict:
    return {"kind": registration.kind, "name": registration.name, "address": registration.address,
            "district": registration.district.zip3 if registration.district else "",
            "valid_from": registration.valid_from, "valid_until": registration.valid_until}


@router.get("/public", auth=None, response={200: PublicPage, **errors(422)},
            summary="有效登錄名單 Registrations in force (public)",
            description="目前有效之自主管理認證工地、訓練單位及健康檢查醫療機構；不含人員登錄。 "
            "The certified sites, training units and medical institutions in force today; no personnel.")
def public_list(request, paging: Query[Pages.Input], filters: Query[PublicFilters]):
    items, count = page_slice(selectors.public_registrations(kind=filters.kind or "", district=filters.district),
                              paging.page, paging.page_size)
    return {"items": [_public_out(r) for r in items], "count": count}


# --- applications ----------------------------------------------------------------------------


class DocumentIn(Schema):
    name: Text(150, 1) = Field(description="檔名 File name.", examples=["venue.pdf"])
    content_base64: str = Field(max_length=14_000_000, description="PDF、JPEG 或 PNG 之 base64 The file, base64.",
                                examples=["JVBERi0xLjQK..."])


class ApplicationIn(Schema):
    kind: RegistryKind = Field(description="登錄類別 Kind.", examples=["TRAINING_UNIT"])
    name: Text(120) = Field(description="工地、訓練單位或醫療機構名稱 Name.", examples=["臺北安全衛生訓練中心"])
    description: Text(5000) = Field(description="申請內容（工程、課程、檢查類別或人員職務） What is applied for.",
                                    examples=["營造作業主管安全衛生教育訓練。"])
    address: Text(200) = Field("", description="地址（人員登錄免填） Address.", examples=["臺北市中山區民生東路一段1號"])
    district: Text(3) = Field("", description="行政區郵遞區號 District (zip3).", examples=["104"])
    contact_email: Text(254) = Field("", description="聯絡電子郵件 Contact e-mail.", examples=["train@example.tw"])
    personnel_name: Text(80) = Field("", description="人員姓名（人員登錄） Person (personnel only).", examples=["陳大文"])
    personnel_role: Literal["", "SUPERVISOR", "MANAGER", "SAFETY_MANAGER", "HEALTH_MANAGER", "OFFICER"] = Field(
        "", description="人員類別（職業安全衛生管理辦法第7條） Personnel role.", examples=["MANAGER"])
    personnel_certificate: Text(60) = Field("", description="資格證明文號 Qualification certificate number.",
                                            examples=["安管師字第123號"])
    employer_id: Id | None = Field(None, description="申請事業單位（承辦人代為登錄時） Employer (staff entry).",
                                   examples=[12])
    documents: list[DocumentIn] = Field(description="申請文件 Application documents.", max_length=10)


class ApplicationOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-OSR-000001"])
    status: str = Field(description="案件狀態 Status.", examples=["APPLIED"])
    kind: str = Field(description="登錄類別 Kind.", examples=["TRAINING_UNIT"])
    employer_id: int = Field(description="申請事業單位 Employer id.", examples=[12])
    employer_name: str = Field(description="申請事業單位 Employer.", examples=["臺北安全衛生協會"])
    name: str = Field(description="名稱 Name.", examples=["臺北安全衛生訓練中心"])
    district: str = Field(description="行政區 District (zip3).", examples=["104"])
    decision: str = Field(description="決定（APPROVED／REFUSED，未決為空） Decision.", examples=["APPROVED"])
    decision_reasons: str = Field(description="不予核准理由 Reasons for a refusal.", examples=[""])
    decided_on: date | None = Field(description="決定日 Decided on.", examples=["2026-12-01"])
    valid_from: date | None = Field(description="生效日 Valid from.", examples=["2026-12-01"])
    valid_until: date | None = Field(description="有效期限 Valid until.", examples=["2029-11-30"])
    revoked_on: date | None = Field(description="廢止日 Revoked on.", examples=[None])
    document_code: str = Field(description="證明書或處分書驗證碼 Certificate or decision code.", examples=["K7QM2XPD9HVA"])
    personnel_name: str = Field("", description="人員姓名（人員登錄，單筆查詢） Person (single reads).", examples=["陳大文"])
    review_opinion: str = Field("", description="審查意見（機關人員） Review (staff).", examples=["符合。"])


class ApplicationPage(Schema):
    items: list[ApplicationOut] = Field(description="本頁申請 This page's applications.")
    count: int = Field(description="符合條件的總筆數 Total.", examples=[12])


class ApplicationFilters(Schema):
    kind: RegistryKind | None = Field(None, description="登錄類別 Kind.", examples=["TRAINING_UNIT"])
    status: Text(40) = Field("", description="案件狀態 Status.", examples=["APPLIED"])


def _out(registration: Registration, user: User, detail: bool = False) -> dict:
    staff = user.kind == UserKind.STAFF
    return {
        "number": registration.case.number, "status": registration.case.status, "kind": registration.kind,
        "employer_id": registration.employer_id, "employer_name": registration.employer.name,
        "name": registration.name, "district": registration.district.zip3 if registration.district else "",
        "decision": registration.decision, "decision_reasons": registration.decision_reasons,
        "decided_on": registration.decided_on, "valid_from": registration.valid_from,
        "valid_until": registration.valid_until, "revoked_on": registration.revoked_on,
        "document_code": registration.certificate_code,
        "personnel_name": registration.personnel_name if detail else "",
        "review_opinion": registration.review_opinion if staff else "",
    }


def _get(user: User, number: str) -> Registration:
    registration = selectors.registration_get(user, number)
    if registration is None:
        raise Http404
    if registration.kind == RegistryKind.SAFETY_PERSONNEL and user.kind == UserKind.STAFF:
        access_log_record(user=user, action="view", object_type="osh_registration", object_id=registration.case.number,
                          purpose="登錄審查 API", object_label=registration.case.number)
    return registration


@router.get("/applications", response={200: ApplicationPage, **errors(401, 422)}, summary="登錄申請清單 Applications",
            description="勞動檢查處人員：全部申請；事業單位：本身之申請。 Staff: all; an employer: its own.")
def application_list(request, paging: Query[Pages.Input], filters: Query[ApplicationFilters]):
    user = request.auth
    items, count = page_slice(selectors.registration_list(user, kind=filters.kind or "", status=filters.status),
                              paging.page, paging.page_size)
    return {"items": [_out(r, user) for r in items], "count": count}


@router.post("/applications", response={201: ApplicationOut, **errors(401, 403, 422)}, summary="申請登錄 Apply",
             description="事業單位以本身帳號申請（須附文件）；承辦人代為登錄紙本申請須填 employer_id。 "
             "An employer applies for itself with documents; staff entering a paper application name the employer.")
def application_create(request, payload: ApplicationIn):
    user = request.auth
    files = decode_files(payload.documents, field="documents", label_zh="文件")
    data = services.RegistrationInput(**payload.dict(exclude={"documents"}), files=files)
    registration = services.registration_apply(data=data, actor=user,
                                               channel="api" if user.kind != UserKind.STAFF else "counter")
    return Status(201, _out(registration, user, detail=True))


@router.get("/applications/{number}", response={200: ApplicationOut, **errors(401, 404, 422)},
            summary="登錄申請 An application")
def application_get(request, number: str = Number):
    return _out(_get(request.auth, number), request.auth, detail=True)


class StepIn(Schema):
    step: Literal["request_supplement", "resubmit", "review", "propose_approval", "propose_refusal",
                  "propose_revocation", "withdraw"] = Field(description="步驟 Step.", examples=["review"])
    review_opinion: Text(5000) = Field("", description="審查意見（review） Review.", examples=["書面及現場審查符合。"])
    reason: Text(5000) = Field("", description="理由（propose_refusal、propose_revocation、withdraw） Reasons.",
                               examples=["未自備合格X光機。"])
    note: Text(2000) = Field("", description="說明 Remarks.", examples=[""])


@router.post("/applications/{number}/steps", response={200: ApplicationOut, **errors(401, 403, 404, 409, 422)},
             summary="審查步驟 Take a review step",
             description="承辦人審查、通知補正、擬予核准／不予核准／廢止（送科長陳核）；申請人補正或撤回。 "
             "Officers review and propose decisions (sent to the chief); the applicant resubmits or withdraws.")
def application_step(request, payload: StepIn, number: str = Number):
    user = request.auth
    registration = _get(user, number)
    data = {key: value for key, value in payload.dict(exclude={"step"}).items() if value}
    case_services.case_transition(case=registration.case, name=payload.step, actor=user, data=data)
    return _out(_get(user, number), user, detail=True)


class SignOffIn(Schema):
    approve: bool = Field(description="核可（false 為退回） Approve (false: return).", examples=[True])
    comment: Text(2000) = Field("", description="意見（退回時必填） Comment (required to return).", examples=[""])


@router.post("/applications/{number}/signoff", response={200: ApplicationOut, **errors(401, 403, 404, 409, 422)},
             summary="科長核定 The chief's sign-off",
             description="科長核可或退回陳核中之決定；核可即作成處分並產生證明書或處分書。 "
             "The section chief approves or returns the pending decision; approval issues the PDF.")
def application_signoff(request, payload: SignOffIn, number: str = Number):
    user = request.auth
    _staff(user)
    registration = _get(user, number)
    signoff = SignOff.objects.filter(case=registration.case, status=SignOff.Status.PENDING).first()
    if signoff is None:
        raise ApplicationError("此案沒有陳核中之決定。", "Nothing awaits sign-off on this case.", field="approve")
    case_services.signoff_decide(signoff=signoff, actor=user, approve=payload.approve, comment=payload.comment)
    return _out(_get(user, number), user, detail=True)


# --- training-unit audits ----------------------------------------------------------------------


class AuditOut(Schema):
    id: int = Field(description="查核編號 Audit id.", examples=[3])
    registration_number: str = Field(description="登錄案號 Registration case.", examples=["115-OSR-000001"])
    unit_name: str = Field(description="訓練單位 Training unit.", examples=["臺北安全衛生訓練中心"])
    scheduled_on: date = Field(description="預定查核日 Scheduled.", examples=["2026-12-10"])
    inspector: str = Field(description="檢查員 Inspector.", examples=["lio_inspector"])
    conducted_on: date | None = Field(description="查核日 Conducted.", examples=["2026-12-10"])
    findings: str = Field(description="查核發現 Findings.", examples=["教材與核定課程相符。"])
    result: str = Field(description="結果（PASS／CORRECTIVE／REVOKE，未查核為空） Result.", examples=["PASS"])
    corrective_due: date | None = Field(description="改善期限 Corrective action due.", examples=[None])


def _audit_out(audit) -> dict:
    return {"id": audit.pk, "registration_number": audit.registration.case.number, "unit_name": audit.registration.name,
            "scheduled_on": audit.scheduled_on, "inspector": audit.inspector.username,
            "conducted_on": audit.conducted_on, "findings": audit.findings, "result": audit.result,
            "corrective_due": audit.corrective_due}


class AuditIn(Schema):
    registration_number: Text(20, 1) = Field(description="訓練單位之登錄案號 Registration case.",
                                             examples=["115-OSR-000001"])
    scheduled_on: date = Field(description="預定查核日 Scheduled.", examples=["2026-12-10"])
    inspector_id: Id = Field(description="檢查員 Inspector id.", examples=[5])


class AuditResultIn(Schema):
    conducted_on: date = Field(description="查核日 Conducted.", examples=["2026-12-10"])
    findings: Text(5000) = Field(description="查核發現 Findings.", examples=["教材與核定課程相符。"])
    result: Literal["PASS", "CORRECTIVE", "REVOKE"] = Field(description="結果 Result.", examples=["PASS"])
    corrective_due: date | None = Field(None, description="改善期限（CORRECTIVE） Due date.", examples=["2027-01-10"])


@router.get("/audits", response={200: list[AuditOut], **errors(401, 403)}, summary="訓練單位查核 Training-unit audits")
def audit_list(request):
    _staff(request.auth)
    return [_audit_out(a) for a in selectors.audits_upcoming()]


@router.post("/audits", response={201: AuditOut, **errors(401, 403, 404, 422)}, summary="排定查核 Schedule an audit",
             description="職業安全衛生教育訓練規則第27條。 Training rules art. 27.")
def audit_create(request, payload: AuditIn):
    user = request.auth
    _staff(user)
    registration = _get(user, payload.registration_number)
    inspector = User.objects.filter(pk=payload.inspector_id).first()
    if inspector is None:
        raise ApplicationError("找不到此檢查員。", "No such inspector.", field="inspector_id")
    audit = services.audit_schedule(registration=registration, scheduled_on=payload.scheduled_on, inspector=inspector,
                                    actor=user)
    return Status(201, _audit_out(audit))


@router.post("/audits/{audit_id}/result", response={200: AuditOut, **errors(401, 403, 404, 409, 422)},
             summary="登錄查核結果 Record the result",
             description="結果為 REVOKE 時，系統送出廢止登錄之陳核。 A REVOKE result proposes the revocation for sign-off.")
def audit_result(request, payload: AuditResultIn, audit_id: Id):
    user = request.auth
    _staff(user)
    audit = selectors.audit_get(audit_id)
    if audit is None:
        raise Http404
    audit = services.audit_record(audit=audit, actor=user, **payload.dict())
    return _audit_out(selectors.audit_get(audit.pk))


# --- monitored works ----------------------------------------------------------------------------


class WorkOut(Schema):
    id: int = Field(description="編號 Id.", examples=[1])
    site_name: str = Field(description="工程名稱 Site.", examples=["捷運萬大線CQ850標"])
    employer_name: str = Field(description="承攬廠商 Contractor.", examples=["大安營造股份有限公司"])
    address: str = Field(description="工地地址 Address.", examples=["臺北市萬華區西藏路1號"])
    district: str = Field(description="行政區 District (zip3).", examples=["108"])
    stream_url: str = Field(description="影像串流參照 Stream reference.", examples=["https://cctv.example.tw/cq850"])
    starts_on: date = Field(description="開工日 Start.", examples=["2026-01-01"])
    ends_on: date | None = Field(description="預定完工日 End.", examples=["2028-12-31"])
    checks: int = Field(description="檢視次數 Checks recorded.", examples=[4])


class WorkIn(Schema):
    employer_id: Id = Field(description="承攬廠商 Employer id.", examples=[12])
    site_name: Text(120) = Field(description="工程名稱 Site.", examples=["捷運萬大線CQ850標"])
    address: Text(200) = Field(description="工地地址 Address.", examples=["臺北市萬華區西藏路1號"])
    district: Text(3) = Field(description="行政區 District (zip3).", examples=["108"])
    stream_url: Text(300) = Field(description="影像串流網址（僅記錄） Stream URL (recorded only).",
                                  examples=["https://cctv.example.tw/cq850"])
    starts_on: date = Field(description="開工日 Start.", examples=["2026-01-01"])
    ends_on: date | None = Field(None, description="預定完工日 End.", examples=["2028-12-31"])
    contract_amount: int | None = Field(None, ge=0, le=10**15, description="契約金額（元） Contract amount.",
                                        examples=[5_000_000_000])


class CheckIn(Schema):
    stream_available: bool = Field(description="影像可正常檢視 Stream available.", examples=[True])
    hazard_found: bool = Field(False, description="發現危害 Hazard found.", examples=[False])
    observations: Text(3000) = Field(description="觀察情形 Observations.", examples=["開口已設護欄。"])
    follow_up: Text(1000) = Field("", description="後續處置（發現危害時必填） Follow-up.", examples=[""])


class CheckOut(Schema):
    id: int = Field(description="編號 Id.", examples=[9])
    checked_at: datetime = Field(description="檢視時間 Checked at.", examples=["2026-12-01T10:00:00+08:00"])
    stream_available: bool = Field(description="影像可正常檢視 Stream available.", examples=[True])
    hazard_found: bool = Field(description="發現危害 Hazard found.", examples=[False])
    observations: str = Field(description="觀察情形 Observations.", examples=["開口已設護欄。"])
    follow_up: str = Field(description="後續處置 Follow-up.", examples=[""])


def _work_out(work, checks: int) -> dict:
    return {"id": work.pk, "site_name": work.site_name, "employer_name": work.employer.name, "address": work.address,
            "district": work.district.zip3, "stream_url": work.stream_url, "starts_on": work.starts_on,
            "ends_on": work.ends_on, "checks": checks}


@router.get("/monitored-works", response={200: list[WorkOut], **errors(401, 403)},
            summary="重大工程影像監視 Monitored major works")
def work_list(request):
    _staff(request.auth)
    return [_work_out(w, w.check_count) for w in selectors.monitored_works()]


@router.post("/monitored-works", response={201: WorkOut, **errors(401, 403, 422)}, summary="登錄監視工程 Add a work")
def work_create(request, payload: WorkIn):
    user = request.auth
    _staff(user)
    employer = Employer.objects.filter(pk=payload.employer_id).first()
    if employer is None:
        raise ApplicationError("找不到此事業單位。", "No such employer.", field="employer_id")
    work = services.monitored_work_create(employer=employer, actor=user, **payload.dict(exclude={"employer_id"}))
    return Status(201, _work_out(work, 0))


@router.post("/monitored-works/{work_id}/checks", response={201: CheckOut, **errors(401, 403, 404, 422)},
             summary="登錄影像檢視 Record a check")
def work_check(request, payload: CheckIn, work_id: Id):
    user = request.auth
    _staff(user)
    work = selectors.monitored_work_get(work_id)
    if work is None:
        raise Http404
    check = services.monitoring_check_record(work=work, actor=user, **payload.dict())
    return Status(201, {"id": check.pk, "checked_at": check.checked_at, "stream_available": check.stream_available,
                        "hazard_found": check.hazard_found, "observations": check.observations,
                        "follow_up": check.follow_up})


# --- the yearly compilation -----------------------------------------------------------------------


Year = Path(..., ge=2000, le=2200, description="西元年 Year.", examples=[2026])


class CandidateOut(Schema):
    case_number: str = Field(description="職災案號 Accident case.", examples=["115-OAC-000012"])
    month: date = Field(description="發生月份 Month.", examples=["2026-03-01"])
    district_name: str = Field(description="行政區 District.", examples=["信義區"])
    accident_type: str = Field(description="災害類型 Type.", examples=["FALL"])
    severity: str = Field(description="嚴重程度 Severity.", examples=["FATAL"])
    deaths: int = Field(description="死亡人數 Deaths.", examples=[1])
    injured: int = Field(description="受傷人數 Injured.", examples=[0])
    written: bool = Field(description="已撰寫彙編條目 Entry written.", examples=[True])


class EntryIn(Schema):
    summary: Text(3000, 1) = Field(description="災害概要（不載姓名） Summary, no names.", examples=["勞工於施工架作業時墜落。"])
    causes: Text(3000, 1) = Field(description="災害原因 Causes.", examples=["施工架未設護欄。"])
    prevention: Text(3000, 1) = Field(description="預防對策 Prevention.", examples=["設置護欄及安全網。"])


class CompilationOut(Schema):
    year: int = Field(description="年度 Year.", examples=[2026])
    entries: int = Field(description="收錄案數 Cases.", examples=[12])
    document_code: str = Field(description="PDF 驗證碼（/documents/{code}/pdf） PDF code.", examples=["K7QM2XPD9HVA"])
    generated_at: datetime = Field(description="產製時間 Generated at.", examples=["2026-12-01T10:00:00+08:00"])


@router.get("/compilations/{year}/cases", response={200: list[CandidateOut], **errors(401, 403, 422)},
            summary="可收錄之重大職災 Cases for the compilation")
def compilation_cases(request, year: int = Year):
    _staff(request.auth)
    return [{**row, "written": row["entry"] is not None} for row in selectors.compilation_candidates(year)]


@router.put("/compilations/{year}/cases/{case_number}", response={200: CandidateOut, **errors(401, 403, 422)},
            summary="撰寫彙編條目 Write a case's entry")
def compilation_entry(request, payload: EntryIn, year: int = Year,
                      case_number: str = Path(..., max_length=20, description="職災案號 Accident case.",
                                              examples=["115-OAC-000012"])):
    user = request.auth
    _staff(user)
    entry = services.compilation_entry_save(year=year, case_number=case_number, actor=user, **payload.dict())
    return {"case_number": entry.case_number, "month": entry.month, "district_name": entry.district_name,
            "accident_type": entry.accident_type, "severity": entry.severity, "deaths": entry.deaths,
            "injured": entry.injured, "written": True}


@router.post("/compilations/{year}", response={201: CompilationOut, **errors(401, 403, 422)},
             summary="產製彙編 PDF Generate the compilation")
def compilation_create(request, year: int = Year):
    user = request.auth
    _staff(user)
    compilation = services.compilation_generate(year=year, actor=user)
    return Status(201, {"year": compilation.year, "entries": compilation.entries,
                        "document_code": compilation.document_code, "generated_at": compilation.generated_at})


# --- the e-newsletter ---------------------------------------------------------------------------------


class SubscribeIn(Schema):
    email: Text(254, 3) = Field(description="電子郵件 E-mail.", examples=["reader@example.tw"])


class SubscribeOut(Schema):
    message: str = Field(description="結果說明 Message.", examples=["確認信已寄出 A confirmation e-mail is on its way."])


@router.post("/newsletter/subscriptions", auth=None, response={202: SubscribeOut, **errors(422)},
             summary="訂閱電子報 Subscribe", description="寄出確認信（雙重確認）；已訂閱者回應相同。 "
             "Sends a confirmation link (double opt-in); an existing subscriber gets the same answer.")
def subscribe(request, payload: SubscribeIn):
    services.subscription_request(email=payload.email)
    return Status(202, {"message": "若地址正確，確認信已寄出。 If the address is right, a confirmation e-mail is on its way."})


class ItemIO(Schema):
    title: Text(120) = Field(description="標題 Title.", examples=["高處作業墜落預防"])
    body: Text(3000) = Field(description="內容 Text.", examples=["請設置護欄並使用安全帶。"])
    link: Text(300) = Field("", description="連結 Link.", examples=["https://www.osha.gov.tw/"])


class IssueOut(Schema):
    id: int = Field(description="期號 Issue id.", examples=[3])
    month: date = Field(description="月份 Month.", examples=["2026-11-01"])
    title: str = Field(description="標題 Title.", examples=["115年11月安全衛生電子報"])
    items: list[ItemIO] = Field(description="內容 Items.")
    status: str = Field(description="狀態 Status.", examples=["SENT"])
    sent_at: datetime | None = Field(description="寄送完成時間 Sent at.", examples=["2026-11-05T09:00:00+08:00"])


class IssueIn(Schema):
    month: date = Field(description="月份（任一日） Month (any day).", examples=["2026-11-01"])
    title: Text(120) = Field(description="標題 Title.", examples=["115年11月安全衛生電子報"])
    items: list[ItemIO] = Field(description="內容 Items.", max_length=30)


def _issue_out(issue) -> dict:
    return {"id": issue.pk, "month": issue.month, "title": issue.title, "items": issue.items, "status": issue.status,
            "sent_at": issue.sent_at}


@router.get("/newsletter/issues", auth=None, response={200: list[IssueOut]}, summary="電子報彙整 Past issues (public)")
def issue_archive(request):
    return [_issue_out(i) for i in selectors.newsletter_issues_sent()[:120]]


@router.post("/newsletter/issues", response={201: IssueOut, **errors(401, 403, 422)}, summary="編輯一期 Compose an issue")
def issue_create(request, payload: IssueIn):
    user = request.auth
    _staff(user)
    issue = services.newsletter_issue_save(month=payload.month, title=payload.title,
                                           items=[i.dict() for i in payload.items], actor=user)
    return Status(201, _issue_out(issue))


@router.post("/newsletter/issues/{issue_id}/send", response={200: IssueOut, **errors(401, 403, 404)},
             summary="寄送 Send an issue", description="交由背景程序寄給已確認之訂閱者；重送不重複寄送。 "
             "The worker sends it to confirmed subscribers; asking again sends no duplicates.")
def issue_send(request, issue_id: Id):
    from laborbureau.inspection.registries.models import NewsletterIssue

    user = request.auth
    _staff(user)
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None:
        raise Http404
    return _issue_out(services.newsletter_issue_send(issue=issue, actor=user))


