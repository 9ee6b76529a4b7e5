"""Writes of the labor inspections: opening inspections and the yearly plan, the field
record (findings, photos, acknowledgement, with idempotent sync from the phone), the
corrective notice with its re-inspection, stop-work orders and resumption requests.
Status changes go through the case engine (workflows.py)."""

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from laborbureau.cases import access as case_access
from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, TimelineEntry
from laborbureau.cases.services import PartyLink
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Establishment, Role, User, UserKind
from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.inspection.inspections import checklists, risk, selectors, workflows
from laborbureau.inspection.inspections.models import (
    ConstructionProject,
    CorrectiveNotice,
    Finding,
    FindingPhoto,
    FindingResult,
    Inspection,
    InspectionType,
    MachineryCertificate,
    NoticeStatus,
    Origin,
    ResumptionRequest,
    ResumptionStatus,
    StopWorkBasis,
    StopWorkOrder,
    StopWorkScope,
)
from laborbureau.notify.models import Channel
from laborbureau.notify.services import outbox_write
from laborbureau.rules import hazardous_machinery, roc_calendar
from laborbureau.rules.base import RuleError

SIGNATURE_MAX_CHARS = 300_000  # a PNG data URL of a phone-sized canvas is well under this
PHOTOS_PER_REQUEST = 10
_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_DATA_URL = re.compile(r"^data:image/(png|jpeg);base64,(?P<data>[A-Za-z0-9+/=\s]+)$")


def _require_inspector(actor: User) -> None:
    if actor.kind != UserKind.STAFF or actor.role not in (*workflows.INSPECTORS, Role.DIRECTOR):
        raise Forbidden("限勞動檢查處檢查員、承辦人或主管。", "Labor inspection staff only.")


def _require_actable(actor: User, case: Case) -> None:
    if not case_access.can_act_on_case(actor, case):
        raise Forbidden("您不能處理此案件。", "You may not act on this case.")


def _check_key(key: str) -> str:
    if not key or not _KEY.match(key):
        raise ApplicationError("同步識別碼格式不正確（8至64個英數字）。", "The idempotency key must be 8–64 letters, digits, - or _.",
                               field="idempotency_key")
    return key


# --- opening inspections ---------------------------------------------------------------------


def inspection_open(
    *,
    establishment: Establishment,
    inspection_type: str,
    origin: str,
    actor: User | None,
    inspector: User | None = None,
    scheduled_for: date | None = None,
    plan_year: int | None = None,
    score: risk.RiskScore | None = None,
    campaign: str = "",
    complaint_number: str = "",
    reinspection_of: Inspection | None = None,
) -> Inspection:
    """Open an inspection case (PLANNED) for an establishment. The employer is not a party
    yet: a planned visit is not announced (勞動檢查法第13條). Creates Case, Inspection."""
    if inspection_type not in InspectionType.values:
        raise ApplicationError("檢查類別不正確。", "Unknown inspection type.", field="inspection_type")
    if origin not in Origin.values:
        raise ApplicationError("檢查來源不正確。", "Unknown origin.", field="origin")
    if origin == Origin.CAMPAIGN and not campaign.strip():
        raise ApplicationError("專案檢查請填寫專案名稱。", "Name the campaign.", field="campaign")
    if origin == Origin.COMPLAINT and not complaint_number.strip():
        raise ApplicationError("申訴檢舉案請填寫申訴案號。", "Give the complaint's number.", field="complaint_number")
    if inspector is not None:
        _check_inspector(inspector)
    employer = establishment.employer
    if employer.merged_into_id:
        raise ApplicationError("此事業單位已合併至另一筆資料。", "This employer was merged into another record.",
                               field="establishment_id")
    type_label = InspectionType(inspection_type).label.split(" ")[0]
    with transaction.atomic():
        case = case_services.case_open(
            case_type=workflows.INSPECTION_CASE_TYPE, title=f"{type_label}：{establishment.name}"[:200],
            actor=actor, parties=[], channel="ex_officio", assignee=inspector,
        )
        return Inspection.objects.create(
            case=case, employer=employer, establishment=establishment, inspection_type=inspection_type,
            origin=origin, status=case.status, inspector=inspector, plan_year=plan_year,
            risk_score=score.score if score else None, risk_reasons=score.as_json() if score else [],
            campaign=campaign.strip()[:80], complaint_number=complaint_number.strip()[:40],
            reinspection_of=reinspection_of, scheduled_for=scheduled_for,
        )


def _check_inspector(inspector: User) -> None:
    if (inspector.kind != UserKind.STAFF or not inspector.is_active or inspector.unit_id is None
            or inspector.unit.code != workflows.UNIT or inspector.role not in workflows.INSPECTORS):
        raise ApplicationError("檢查員必須是勞動檢查處在職人員。", "The inspector must be active labor inspection staff.",
                               field="inspector_id")


@dataclass(frozen=True)
class PlanResult:
    year: int
    created: list[Inspection]
    workloads: dict[int, int]


def plan_generate(*, year: int, count: int, actor: User, on: date | None = None) -> PlanResult:
    """Add to the yearly inspection plan (年度檢查計畫) the `count` establishments of
    highest risk not yet on it, each with its score and reasons, assigned to the
    inspector with the lightest plan that year. The chief can then reassign or cancel
    entries. Creates one Inspection case per entry."""
    if actor.kind != UserKind.STAFF or actor.role not in (Role.SECTION_CHIEF, Role.DIRECTOR):
        raise Forbidden("只有勞動檢查處主管可以產生年度檢查計畫。", "Only the inspection chief generates the plan.")
    today = on or timezone.localdate()
    if not today.year - 1 <= year <= today.year + 1:
        raise ApplicationError("計畫年度應為去年、今年或明年。", "The plan year must be last year, this year or next.",
                               field="year")
    if not 1 <= count <= 2000:
        raise ApplicationError("每次可排入1至2000家。", "Plan 1 to 2,000 establishments at a time.", field="count")
    inspectors = list(User.objects.filter(kind=UserKind.STAFF, is_active=True, unit__code=workflows.UNIT,
                                          role=Role.INSPECTOR).order_by("pk"))
    if not inspectors:
        raise ApplicationError("勞動檢查處沒有在職檢查員可分派。", "No active inspector to assign.", field="count")
    scored = selectors.risk_ranking(on=today, exclude_planned_year=year, limit=count)
    workloads = selectors.plan_workloads(year, [user.pk for user in inspectors])
    created = []
    with transaction.atomic():
        for index, (establishment, facts, result) in enumerate(scored):
            inspector = min(inspectors, key=lambda user: (workloads.get(user.pk, 0), user.pk))
            workloads[inspector.pk] = workloads.get(inspector.pk, 0) + 1
            # Spread the visits over the year's remaining months, highest risk first.
            start = max(today, date(year, 1, 1))
            span = max((date(year, 12, 15) - start).days, 0)
            scheduled = start + timedelta(days=span * index // max(len(scored), 1))
            created.append(inspection_open(
                establishment=establishment, inspection_type=risk.suggested_type(facts), origin=Origin.PLAN,
                actor=actor, inspector=inspector, scheduled_for=scheduled, plan_year=year, score=result,
            ))
    return PlanResult(year=year, created=created, workloads=workloads)


def plan_entry_reassign(*, inspection: Inspection, inspector: User, actor: User) -> Inspection:
    """The chief moves a planned inspection to another inspector (workload balancing)."""
    _check_inspector(inspector)
    with transaction.atomic():
        case_services.case_assign(case=inspection.case, actor=actor, assignee=inspector)
        Inspection.objects.filter(pk=inspection.pk).update(inspector=inspector)
    inspection.refresh_from_db()
    return inspection


def construction_project_record(*, establishment: Establishment, name: str, starts_on: date, ends_on: date,
                                type_d: bool, actor: User) -> ConstructionProject:
    """Record construction work at a site (its period; whether it is a type D hazardous
    workplace under 勞動檢查法第26條第1項第5款): the plan's risk score reads it."""
    _require_inspector(actor)
    if not name.strip():
        raise ApplicationError("請填寫工程名稱。", "Name the project.", field="name")
    if ends_on < starts_on:
        raise ApplicationError("完工日不可早於開工日。", "The end cannot be before the start.", field="ends_on")
    return ConstructionProject.objects.create(establishment=establishment, name=name.strip()[:120],
                                              starts_on=starts_on, ends_on=ends_on, type_d=type_d, recorded_by=actor)


def machinery_certificate_record(*, establishment: Establishment, kind: str, serial: str, inspected_on: date,
                                 actor: User, months: int | None = None,
                                 inspection: Inspection | None = None) -> MachineryCertificate:
    """Record a dangerous machine's inspection certificate at a site, its validity and the
    day by which the periodic inspection must be applied for (rules.hazardous_machinery)."""
    _require_inspector(actor)
    if not (serial or "").strip():
        raise ApplicationError("請填寫合格證字號或機械編號。", "Give the certificate or machine number.", field="serial")
    if inspected_on > timezone.localdate():
        raise ApplicationError("檢查日期不可晚於今天。", "The inspection date cannot be in the future.", field="inspected_on")
    try:
        result = hazardous_machinery.certificate(kind, inspected_on, months)
    except RuleError as error:
        raise ApplicationError(error.message_zh, error.message_en, field=error.field) from None
    return MachineryCertificate.objects.create(
        employer=establishment.employer, establishment=establishment, kind=kind, serial=serial.strip()[:40],
        inspected_on=inspected_on, valid_until=result.valid_until, apply_by=result.apply_by,
        basis=result.basis.cite()[:80], inspection=inspection, recorded_by=actor)


# --- field work ----------------------------------------------------------------------------


def checklist_items(inspection: Inspection) -> list[checklists.Item]:
    """The provisions this inspection checks: the type's checklist, or for a re-inspection
    only the provisions its corrective notice named."""
    items = list(checklists.checklist(inspection.inspection_type).items)
    if inspection.origin == Origin.REINSPECTION and inspection.reinspection_of_id:
        notice = CorrectiveNotice.objects.filter(inspection_id=inspection.reinspection_of_id).first()
        if notice is not None:
            codes = {entry["code"] for entry in notice.items}
            items = [item for item in items if item.code in codes]
    return items


def items_missing(inspection: Inspection) -> list[str]:
    recorded = set(inspection.findings.values_list("item_code", flat=True))
    return [item.code for item in checklist_items(inspection) if item.code not in recorded]


def _locked_in_progress(inspection: Inspection, actor: User) -> Inspection:
    _require_inspector(actor)
    case = Case.objects.select_for_update(of=("self",)).get(pk=inspection.case_id)
    _require_actable(actor, case)
    inspection = Inspection.objects.select_related("case", "employer").get(pk=inspection.pk)
    if case.status != "IN_PROGRESS":
        raise Conflict("檢查尚未開始或已完成，不能再修改紀錄。", "The inspection is not under way; its record cannot change.")
    return inspection


def finding_record(*, inspection: Inspection, item_code: str, result: str, note: str, actor: User,
                   idempotency_key: str = "") -> tuple[Finding, bool]:
    """Record (or replace) the finding for one checklist provision. A retried sync with the
    same key changes nothing. Returns (finding, changed)."""
    item = next((entry for entry in checklist_items(inspection) if entry.code == item_code), None)
    if item is None:
        raise ApplicationError("此檢查沒有這個檢查項目。", "This inspection has no such checklist item.", field="item_code")
    if result not in FindingResult.values:
        raise ApplicationError("請選擇符合、違反或不適用。", "Choose compliant, violation or not applicable.", field="result")
    note = (note or "").strip()
    if result == FindingResult.VIOLATION and not note:
        raise ApplicationError("違反事項請描述現場情形。", "Describe what was found for a violation.", field="note")
    if len(note) > 2000:
        raise ApplicationError("說明不可超過2000字。", "The note is at most 2,000 characters.", field="note")
    key = _check_key(idempotency_key) if idempotency_key else ""
    with transaction.atomic():
        inspection = _locked_in_progress(inspection, actor)
        finding = Finding.objects.filter(inspection=inspection, item_code=item_code).first()
        if finding is not None and key and finding.client_key == key:
            return finding, False
        values = {"provision": item.provision, "result": result, "note": note, "penalty": item.penalty or "",
                  "recorded_by": actor, "recorded_at": timezone.now(), "client_key": key}
        if finding is None:
            finding = Finding.objects.create(inspection=inspection, item_code=item_code, **values)
        else:
            for name, value in values.items():
                setattr(finding, name, value)
            finding.save()
    return finding, True


def _decode_image(data_url: str) -> bytes:
    match = _DATA_URL.match(data_url or "")
    if not match:
        raise ApplicationError("照片格式不正確（限 JPEG 或 PNG）。", "The photo must be a JPEG or PNG image.", field="photo")
    try:
        return base64.b64decode(match.group("data"), validate=False)
    except (binascii.Error, ValueError):
        raise ApplicationError("照片內容無法解讀。", "The photo could not be read.", field="photo") from None


def _coordinate(value, low: int, high: int, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ApplicationError("座標格式不正確。", "Not a valid coordinate.", field=field) from None
    if not low <= number <= high:
        raise ApplicationError("座標超出範圍。", "The coordinate is out of range.", field=field)
    return number


def finding_photo_add(*, inspection: Inspection, item_code: str, content: bytes, name: str, captured_at: datetime,
                      actor: User, idempotency_key: str, latitude=None, longitude=None,
                      accuracy_m: int | None = None) -> tuple[FindingPhoto, bool]:
    """Attach a photo to the finding of an item, with its capture time and place. The same
    key twice stores it once. Returns (photo, created)."""
    key = _check_key(idempotency_key)
    existing = FindingPhoto.objects.filter(client_key=key).select_related("finding").first()
    if existing is not None:
        if existing.finding.inspection_id != inspection.pk:
            raise Conflict("此同步識別碼已用於其他檢查。", "This key was used for another inspection.")
        return existing, False
    lat = _coordinate(latitude, -90, 90, "latitude")
    lng = _coordinate(longitude, -180, 180, "longitude")
    now = timezone.now()
    if captured_at is None or captured_at > now + timedelta(minutes=5) or captured_at < now - timedelta(days=30):
        raise ApplicationError("拍攝時間不正確。", "The capture time is not plausible.", field="captured_at")
    with transaction.atomic():
        inspection = _locked_in_progress(inspection, actor)
        finding = Finding.objects.filter(inspection=inspection, item_code=item_code).first()
        if finding is None:
            raise ApplicationError("請先記錄此項目的檢查結果，再附照片。", "Record the item's finding before its photos.",
                                   field="item_code")
        attachment = case_services.attachment_add(case=inspection.case, actor=actor, name=name or f"{item_code}.jpg",
                                                  content=content, visible_to_parties=True)
        try:
            with transaction.atomic():
                photo = FindingPhoto.objects.create(
                    finding=finding, attachment=attachment, captured_at=captured_at, latitude=lat, longitude=lng,
                    accuracy_m=accuracy_m if accuracy_m is None or 0 <= accuracy_m < 100_000 else None, client_key=key)
        except IntegrityError:
            # The same upload raced in on another request; keep the first.
            raise Conflict("此照片已上傳。", "This photo was already uploaded.") from None
    return photo, True


def acknowledgement_record(*, inspection: Inspection, actor: User, name: str, title: str, method: str,
                           signature: str = "") -> Inspection:
    """The employer representative's acknowledgement of the findings on site: a drawn
    signature, a typed confirmation, or a recorded refusal to sign."""
    name = (name or "").strip()
    if method not in ("signature", "typed", "refused"):
        raise ApplicationError("請選擇簽名、打字確認或拒絕簽認。", "Choose signature, typed confirmation or refusal.",
                               field="method")
    if not name:
        raise ApplicationError("請填寫事業單位代表姓名。", "The representative's name is required.", field="name")
    if method == "signature":
        if not signature or len(signature) > SIGNATURE_MAX_CHARS or not signature.startswith("data:image/png;base64,"):
            raise ApplicationError("請於簽名欄簽名。", "Sign in the signature box.", field="signature")
        _decode_image(signature)
    else:
        signature = ""
    with transaction.atomic():
        inspection = _locked_in_progress(inspection, actor)
        inspection.representative_name = name[:80]
        inspection.representative_title = (title or "").strip()[:40]
        inspection.acknowledgement = method
        inspection.signature = signature
        inspection.acknowledged_at = timezone.now()
        inspection.save(update_fields=["representative_name", "representative_title", "acknowledgement", "signature",
                                       "acknowledged_at"])
        case_services.timeline_append(case=inspection.case, actor=actor, kind=TimelineEntry.Kind.NOTE,
                                      text=f"事業單位代表{name}{'拒絕簽認' if method == 'refused' else '已簽認檢查結果'}")
    return inspection


@dataclass(frozen=True)
class SyncOutcome:
    key: str
    ok: bool
    applied: bool
    error_zh: str = ""
    error_en: str = ""
    field: str = ""


def field_sync(*, inspection: Inspection, actor: User, operations: list[dict]) -> list[SyncOutcome]:
    """Apply the phone's queued edits in order, each on its own (one bad item does not
    lose the others). Each carries its idempotency key; a replay applies nothing twice."""
    outcomes = []
    for op in operations[:200]:
        key = str(op.get("key") or "")
        try:
            kind = op.get("kind")
            if kind == "finding":
                _, applied = finding_record(inspection=inspection, item_code=str(op.get("item_code", "")),
                                            result=str(op.get("result", "")), note=str(op.get("note", "")),
                                            actor=actor, idempotency_key=key)
            elif kind == "photo":
                captured = _parse_time(op.get("captured_at"))
                _, applied = finding_photo_add(
                    inspection=inspection, item_code=str(op.get("item_code", "")), content=_decode_image(op.get("data", "")),
                    name=str(op.get("name", ""))[:100], captured_at=captured, actor=actor, idempotency_key=key,
                    latitude=op.get("latitude"), longitude=op.get("longitude"),
                    accuracy_m=_int_or_none(op.get("accuracy")))
            elif kind == "ack":
                if inspection.acknowledged_at and Inspection.objects.filter(pk=inspection.pk, acknowledgement=op.get("method"),
                                                                            representative_name=op.get("name", "")).exists():
                    applied = False
                else:
                    acknowledgement_record(inspection=inspection, actor=actor, name=str(op.get("name", "")),
                                           title=str(op.get("title", "")), method=str(op.get("method", "")),
                                           signature=str(op.get("signature", "")))
                    applied = True
            else:
                raise ApplicationError("無法辨識的同步項目。", "Unknown sync operation.", field="kind")
            outcomes.append(SyncOutcome(key=key, ok=True, applied=applied))
        except ApplicationError as error:
            outcomes.append(SyncOutcome(key=key, ok=False, applied=False, error_zh=error.message_zh,
                                        error_en=error.message_en, field=error.field or ""))
        inspection.refresh_from_db()
    return outcomes


def _parse_time(value) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _int_or_none(value) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def inspection_completed(inspection: Inspection, *, summary: str) -> None:
    """The complete transition's effect: counts the violations and, for a re-inspection,
    settles the original corrective notice (all its provisions now compliant or not)."""
    violations = inspection.findings.filter(result=FindingResult.VIOLATION).count()
    inspection.violations = violations
    inspection.completed_on = timezone.localdate()
    inspection.summary = summary
    inspection.save(update_fields=["violations", "completed_on", "summary"])
    if inspection.origin == Origin.REINSPECTION and inspection.reinspection_of_id:
        notice = CorrectiveNotice.objects.select_for_update().filter(inspection_id=inspection.reinspection_of_id).first()
        if notice is not None:
            codes = [entry["code"] for entry in notice.items]
            still = inspection.findings.filter(item_code__in=codes, result=FindingResult.VIOLATION).exists()
            notice.status = NoticeStatus.NOT_COMPLIED if still else NoticeStatus.COMPLIED
            notice.save(update_fields=["status"])


def corrective_notice_issue(inspection: Inspection, *, deadline: date, actor: User, note: str = "") -> CorrectiveNotice:
    """The issue_notice transition's effect: the notice of results with the deadline
    (勞動檢查法第25條第1項), its PDF, and the re-inspection case for the day after the
    deadline, assigned to the same inspector."""
    violations = list(inspection.findings.filter(result=FindingResult.VIOLATION))
    today = timezone.localdate()
    notice = CorrectiveNotice.objects.create(
        inspection=inspection, issued_on=today, deadline=deadline,
        items=[{"code": f.item_code, "provision": f.provision, "note": f.note} for f in violations],
    )
    items = [f"貴單位{inspection.establishment.name}經本處於{roc_calendar.format_long(inspection.completed_on or today)}"
             f"實施檢查，發現下列違反規定事項，請於{roc_calendar.format_long(deadline)}以前改善完成（勞動檢查法第25條第1項）："]
    items += [f"{f.provision}：{f.note}" for f in violations]
    items.append("本處將於改善期限屆滿後派員複查；屆期未改善者，依職業安全衛生法或勞動基準法等規定處分。")
    items.append("依勞動檢查法第25條第2項，事業單位對檢查結果，應於違規場所顯明易見處公告七日以上。")
    if note:
        items.append(note)
    document_services.document_issue(
        case=inspection.case, kind=DocumentKind.NOTICE, title="勞動檢查結果通知書", template_name="documents/generic.html",
        context={"recipient": f"{inspection.employer.name}（負責人：{inspection.employer.representative or '—'}）",
                 "subject": "檢送本處實施勞動檢查結果，請依限改善，請查照。",
                 "blocks": [{"heading": "說明", "items": items}]},
        actor=actor, visible_to_parties=True,
    )
    reinspection = inspection_open(
        establishment=inspection.establishment, inspection_type=inspection.inspection_type, origin=Origin.REINSPECTION,
        actor=actor, inspector=inspection.inspector or actor, scheduled_for=deadline + timedelta(days=1),
        reinspection_of=inspection,
    )
    notice.reinspection = reinspection
    notice.save(update_fields=["reinspection"])
    return notice


# --- stop-work orders and resumption ----------------------------------------------------------


def stop_work_order_issue(*, inspection: Inspection, actor: User, basis: str, scope: str, area: str, danger: str,
                          item_codes: list[str] | None = None) -> StopWorkOrder:
    """Order the work stopped on the spot where there is imminent danger (立即發生危險之虞:
    勞動檢查法第28條, 職業安全衛生法第36條第1項; after an accident 勞動檢查法第27條).
    Opens the stop-work case with the employer as party, issues the 停工通知書 and tells
    the employer's accounts at once. Creates Case, StopWorkOrder, IssuedDocument."""
    _require_inspector(actor)
    if basis not in StopWorkBasis.values:
        raise ApplicationError("請選擇停工依據。", "Choose the legal basis.", field="basis")
    if scope not in StopWorkScope.values:
        raise ApplicationError("請選擇全部或部分停工。", "Choose full or partial.", field="scope")
    area, danger = (area or "").strip(), (danger or "").strip()
    if not area:
        raise ApplicationError("請填寫停工之作業或場所。", "Name the work or place stopped.", field="area")
    if not danger:
        raise ApplicationError("請描述立即發生危險之虞的情形。", "Describe the imminent danger.", field="danger")
    codes = list(dict.fromkeys(item_codes or []))
    known = {item.code for item in checklist_items(inspection)}
    if set(codes) - known:
        raise ApplicationError("檢查項目代碼不正確。", "Unknown checklist item.", field="item_codes")
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=inspection.case_id)
        _require_actable(actor, case)
        if case.status not in ("IN_PROGRESS", "RECORDED"):
            raise Conflict("停工通知須於檢查進行中或檢查完成時開立。", "A stop-work order is issued during or right after the visit.")
        inspection = Inspection.objects.select_related("employer", "establishment").get(pk=inspection.pk)
        order_case = case_services.case_open(
            case_type=workflows.STOP_WORK_CASE_TYPE, title=f"停工通知：{inspection.establishment.name} {area}"[:200],
            actor=actor, parties=[PartyLink(role="EMPLOYER", employer=inspection.employer)], channel="ex_officio",
            assignee=inspection.inspector or actor, note=danger,
        )
        order = StopWorkOrder.objects.create(
            case=order_case, inspection=inspection, employer=inspection.employer, establishment=inspection.establishment,
            basis=basis, scope=scope, area=area[:200], danger=danger, item_codes=codes, status=order_case.status,
            issued_at=timezone.now(), issued_by=actor,
        )
        case_services.timeline_append(case=case, actor=actor, kind=TimelineEntry.Kind.NOTE,
                                      text=f"開立停工通知 {order_case.number}：{area}", visible_to_parties=True,
                                      data={"stop_work_case": order_case.number})
        basis_label = StopWorkBasis(basis).label
        document_services.document_issue(
            case=order_case, kind=DocumentKind.NOTICE, title="停工通知書", template_name="documents/generic.html",
            context={"recipient": f"{inspection.employer.name}（負責人：{inspection.employer.representative or '—'}）",
                     "subject": f"貴單位{inspection.establishment.name}之{area}有立即發生危險之虞，應即"
                                f"{'全部' if scope == StopWorkScope.FULL else '部分'}停工，請查照。",
                     "blocks": [{"heading": "說明", "items": [
                         f"依據：{basis_label}。", f"停工範圍：{area}。", f"危險情形：{danger}",
                         "停工原因消滅後，得檢附改善情形及照片向本處申請復工（勞動檢查法第29條），經審查核准前不得復工。",
                         "停工期間，勞工之工資應照給付（職業安全衛生法第36條第2項）。"]}]},
            actor=actor, visible_to_parties=True,
        )
        for user in User.objects.filter(kind=UserKind.EMPLOYER, employer=inspection.employer, is_active=True):
            outbox_write(recipient=user, subject_zh=f"停工通知 {order_case.number}", subject_en=f"Stop-work order {order_case.number}",
                         body_zh=f"{inspection.establishment.name}：{area} 應即停工。", body_en=f"Stop work at once: {area}.",
                         link=f"/portal/cases/{order_case.number}/", case_id=order_case.pk,
                         channels=(Channel.IN_APP, Channel.EMAIL))
    return order


def resumption_apply(*, order: StopWorkOrder, actor: User, improvements: str,
                     photos: list[tuple[str, bytes]] | None = None) -> ResumptionRequest:
    """The employer applies to resume (勞動檢查法第29條) with the improvements made and
    their photos. Creates ResumptionRequest, Attachments; the case moves to review."""
    photos = photos or []
    if actor.kind != UserKind.EMPLOYER or actor.employer_id != order.employer_id:
        raise Forbidden("限受停工通知之事業單位申請。", "Only the employer under the order may apply.")
    if not (improvements or "").strip():
        raise ApplicationError("請說明改善情形。", "Describe the improvements made.", field="improvements")
    if len(photos) > PHOTOS_PER_REQUEST:
        raise ApplicationError(f"照片最多{PHOTOS_PER_REQUEST}張。", f"At most {PHOTOS_PER_REQUEST} photos.", field="photos")
    with transaction.atomic():
        case_services.case_transition(case=order.case, name="apply_resumption", actor=actor,
                                      data={"improvements": improvements})
        ids = [case_services.attachment_add(case=order.case, actor=actor, name=name, content=content).pk
               for name, content in photos]
        return ResumptionRequest.objects.create(order=order, improvements=improvements.strip(), attachment_ids=ids,
                                                submitted_by=actor, submitted_at=timezone.now())


def resumption_decide(*, request: ResumptionRequest, actor: User, approve: bool, review_method: str,
                      note: str) -> ResumptionRequest:
    """The inspector's review: approve (goes to the chief's sign-off, which lifts the order)
    or send back with reasons (the order stays in force)."""
    if review_method not in ("ON_SITE", "EVIDENCE"):
        raise ApplicationError("請選擇審查方式。", "Choose the review method.", field="review_method")
    if request.status != ResumptionStatus.SUBMITTED:
        raise Conflict("此復工申請已審查。", "This request was already reviewed.")
    name = "propose_resumption" if approve else "return_resumption"
    data = {"review_method": review_method, ("note" if approve else "reason"): note}
    case_services.case_transition(case=request.order.case, name=name, actor=actor, data=data)
    request.refresh_from_db()
    return request


def resumption_approved(order: StopWorkOrder, request: ResumptionRequest | None, *, actor: User) -> None:
    """The lift transition's effect (after the chief's sign-off): the order is lifted and
    the employer receives the 復工通知."""
    now = timezone.now()
    if request is not None:
        request.status = ResumptionStatus.APPROVED
        request.decided_at = now
        request.save(update_fields=["status", "decided_at"])
    order.lifted_at = now
    order.save(update_fields=["lifted_at"])
    document_services.document_issue(
        case=order.case, kind=DocumentKind.NOTICE, title="同意復工通知書", template_name="documents/generic.html",
        context={"recipient": f"{order.employer.name}（負責人：{order.employer.representative or '—'}）",
                 "subject": f"貴單位申請{order.area}復工一案，經審查改善情形符合規定，同意復工，請查照。",
                 "blocks": [{"heading": "說明", "items": [
                     f"依勞動檢查法第29條辦理；原停工通知案號{order.case.number}。",
                     "復工後仍應確實維持改善措施，本處將不定期檢查。"]}]},
        actor=actor, visible_to_parties=True,
    )


# --- merges ---------------------------------------------------------------------------------


def inspections_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Follow an employer merge (core.services.PARTY_REFERENCE_HOOKS)."""
    if kind != "employer":
        return
    Inspection.objects.filter(employer_id=old_id).update(employer_id=new_id)
    StopWorkOrder.objects.filter(employer_id=old_id).update(employer_id=new_id)


