"""REST endpoints of the labor inspections (勞動檢查處). Staff of the Labor Inspection
Office (LIO) and other systems: the yearly plan, inspections and their findings,
stop-work orders. An employer reads its own inspections once the visit has begun
(勞動檢查法第13條: planned visits are not announced). Another unit's record answers 404."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors, remap_fields
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Establishment, Role, User, UserKind
from laborbureau.core.services import access_log_record
from laborbureau.inspection.inspections import selectors, services
from laborbureau.inspection.inspections.models import (
    FindingResult,
    Inspection,
    InspectionType,
    StopWorkBasis,
    StopWorkScope,
)

router = Router(tags=["inspections 勞動檢查"])

Number = Path(..., max_length=40, description="檢查案號 Inspection case number.", examples=["115-INS-000001"])
Id = Annotated[int, Field(ge=1, le=2**62)]


def _staff(user: User) -> None:
    if user.kind != UserKind.STAFF or user.role in (Role.AUDITOR, Role.SYSADMIN):
        raise Forbidden("限機關人員。", "Staff only.")


class ReasonOut(Schema):
    code: str = Field(description="理由代碼 Reason code.", examples=["industry"])
    points: int = Field(description="分數 Points.", examples=[30])
    zh: str = Field(description="理由（中文） Reason in Chinese.", examples=["行業別：營造業（F）"])
    en: str = Field(description="理由（英文） Reason in English.", examples=["Industry: construction (F)"])


class FindingOut(Schema):
    item_code: str = Field(description="檢查項目代碼 Checklist item.", examples=["C01"])
    provision: str = Field(description="法令依據 Provision checked.", examples=["職業安全衛生設施規則第224條第1項"])
    result: str = Field(description="結果 Result.", examples=["VIOLATION"])
    note: str = Field(description="說明 Note.", examples=["三樓樓板開口未設護欄。"])
    photos: int = Field(description="照片數 Photos.", examples=[2])


class InspectionOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-INS-000001"])
    status: str = Field(description="狀態 Status.", examples=["PLANNED"])
    employer_id: int = Field(description="事業單位編號 Employer id.", examples=[12])
    employer_name: str = Field(description="事業單位 Employer.", examples=["大安營造股份有限公司"])
    establishment_id: int = Field(description="廠場編號 Establishment id.", examples=[31])
    establishment_name: str = Field(description="廠場 Establishment.", examples=["信義區工地"])
    inspection_type: str = Field(description="檢查類別 Type.", examples=["CONSTRUCTION"])
    origin: str = Field(description="來源 Origin.", examples=["PLAN"])
    inspector: str = Field(description="檢查員 Inspector.", examples=["lio_inspector"])
    plan_year: int | None = Field(description="計畫年度 Plan year.", examples=[2026])
    risk_score: int | None = Field(description="風險分數 Risk score.", examples=[72])
    risk_reasons: list[ReasonOut] = Field(description="風險理由 The score's reasons.")
    scheduled_for: date | None = Field(description="預定日 Scheduled.", examples=["2026-12-01"])
    completed_on: date | None = Field(description="完成日 Completed.", examples=["2026-12-01"])
    violations: int = Field(description="違反項數 Violations.", examples=[1])
    findings: list[FindingOut] | None = Field(None, description="檢查結果（單筆查詢時） Findings (single reads).")


def _out(inspection: Inspection, *, findings: bool = False, staff: bool = True) -> dict:
    data = {
        "number": inspection.case.number, "status": inspection.status, "employer_id": inspection.employer_id,
        "employer_name": inspection.employer.name, "establishment_id": inspection.establishment_id,
        "establishment_name": inspection.establishment.name, "inspection_type": inspection.inspection_type,
        "origin": inspection.origin, "inspector": inspection.inspector.username if staff and inspection.inspector else "",
        "plan_year": inspection.plan_year if staff else None, "risk_score": inspection.risk_score if staff else None,
        "risk_reasons": inspection.risk_reasons if staff else [], "scheduled_for": inspection.scheduled_for if staff else None,
        "completed_on": inspection.completed_on, "violations": inspection.violations,
    }
    if findings:
        data["findings"] = [{"item_code": f.item_code, "provision": f.provision, "result": f.result, "note": f.note,
                             "photos": len(f.photos.all())}
                            for f in inspection.findings.prefetch_related("photos")]
    return data


class InspectionPage(Schema):
    items: list[InspectionOut] = Field(description="本頁檢查 This page's inspections.")
    count: int = Field(description="符合條件的總筆數 Total.", examples=[120])


class ListFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2200, description="計畫或立案年度 Year.", examples=[2026])
    status: Text(40) = Field("", description="狀態 Status.", examples=["PLANNED"])
    inspector_id: int | None = Field(None, ge=1, le=2**62, description="檢查員 Inspector id.", examples=[5])
    employer_id: int | None = Field(None, ge=1, le=2**62, description="事業單位 Employer id.", examples=[12])
    mine: bool = Field(False, description="只列自己的待辦（檢查員工作清單） Only my worklist.", examples=[True])


@router.get("", response={200: InspectionPage, **errors(401, 422)}, summary="檢查清單 List inspections",
            description="機關人員：可讀取之檢查（可依年度、狀態、檢查員、事業單位篩選）；事業單位：本身已開始之檢查。 "
            "Staff: the inspections they may read, filtered; an employer: its own, once begun.")
def inspection_list(request, paging: Query[Pages.Input], filters: Query[ListFilters]):
    user = request.auth
    if filters.mine:
        rows = selectors.worklist(user, limit=200)
        return {"items": [_out(i) for i in rows], "count": len(rows)}
    queryset = selectors.inspection_list(user, year=filters.year, status=filters.status, inspector_id=filters.inspector_id,
                                         employer_id=filters.employer_id)
    items, count = page_slice(queryset, paging.page, paging.page_size)
    staff = user.kind == UserKind.STAFF
    return {"items": [_out(i, staff=staff) for i in items], "count": count}


class InspectionIn(Schema):
    establishment_id: Id = Field(description="廠場編號 Establishment id.", examples=[31])
    inspection_type: InspectionType = Field(description="檢查類別 Type.", examples=["CONSTRUCTION"])
    origin: Literal["COMPLAINT", "CAMPAIGN", "ACCIDENT", "OTHER", "PLAN"] = Field(
        description="來源 Origin.", examples=["COMPLAINT"])
    inspector_id: Id | None = Field(None, description="檢查員 Inspector id.", examples=[5])
    scheduled_for: date | None = Field(None, description="預定檢查日 Scheduled for.", examples=["2026-12-01"])
    campaign: Text(80) = Field("", description="專案名稱 Campaign (CAMPAIGN).", examples=["餐飲業勞動條件專案檢查"])
    complaint_number: Text(40) = Field("", description="申訴案號 Complaint (COMPLAINT).", examples=["115-LSC-000012"])


@router.post("", response={201: InspectionOut, **errors(401, 403, 409, 422)}, summary="排定檢查 Schedule an inspection",
             description="勞動檢查處人員排定一次檢查（申訴、專案、職災或其他）；不事先通知事業單位（勞動檢查法第13條）。 "
             "LIO staff schedule an inspection; the employer is not told in advance.")
def inspection_create(request, payload: InspectionIn):
    user = request.auth
    _staff(user)
    site = Establishment.objects.select_related("employer").filter(pk=payload.establishment_id).first()
    if site is None:
        raise ApplicationError("找不到此廠場。", "No such establishment.", field="establishment_id")
    inspector = None
    if payload.inspector_id:
        inspector = User.objects.select_related("unit").filter(pk=payload.inspector_id).first()
        if inspector is None:
            raise ApplicationError("找不到此檢查員。", "No such inspector.", field="inspector_id")
    inspection = services.inspection_open(
        establishment=site, inspection_type=str(payload.inspection_type), origin=payload.origin, actor=user,
        inspector=inspector, scheduled_for=payload.scheduled_for, campaign=payload.campaign,
        complaint_number=payload.complaint_number)
    return Status(201, _out(inspection))


class PlanIn(Schema):
    year: int = Field(ge=2000, le=2200, description="計畫年度 Plan year.", examples=[2026])
    count: int = Field(ge=1, le=2000, description="新增排入家數 Establishments to add.", examples=[50])


class WorkloadOut(Schema):
    inspector_id: int = Field(description="檢查員 Inspector id.", examples=[5])
    username: str = Field(description="帳號 Username.", examples=["lio_inspector"])
    open: int = Field(description="未結檢查數 Open inspections.", examples=[12])


class PlanOut(Schema):
    year: int = Field(description="計畫年度 Plan year.", examples=[2026])
    entries: list[InspectionOut] = Field(description="計畫內容（依風險） Entries by risk.")
    workloads: list[WorkloadOut] = Field(description="檢查員工作量 Workloads.")


def _plan_out(user: User, year: int) -> dict:
    inspectors = selectors.inspectors(user)
    loads = selectors.plan_workloads(year, [u.pk for u in inspectors])
    return {"year": year, "entries": [_out(i) for i in selectors.plan_rows(user, year)],
            "workloads": [{"inspector_id": u.pk, "username": u.username, "open": loads.get(u.pk, 0)} for u in inspectors]}


class PlanQuery(Schema):
    year: int = Field(ge=2000, le=2200, description="計畫年度 Plan year.", examples=[2026])


@router.get("/plan", response={200: PlanOut, **errors(401, 403, 422)}, summary="年度檢查計畫 The yearly plan",
            description="計畫內容依風險分數排序，附理由與檢查員工作量。限勞動檢查處。 Entries by risk with reasons; workloads.")
def plan_get(request, query: Query[PlanQuery]):
    _staff(request.auth)
    return _plan_out(request.auth, query.year)


@router.post("/plan", response={201: PlanOut, **errors(401, 403, 422)}, summary="依風險排入年度計畫 Add to the plan by risk",
             description="主管依風險分數（行業、規模、違規、職災、申訴、施工中）新增排入N家，並分派給工作量最少之檢查員。 "
             "The chief adds the N riskiest establishments not yet planned, to the least-loaded inspectors.")
def plan_generate(request, payload: PlanIn):
    services.plan_generate(year=payload.year, count=payload.count, actor=request.auth)
    return Status(201, _plan_out(request.auth, payload.year))


@router.get("/{number}", response={200: InspectionOut, **errors(401, 404)}, summary="檢查內容 An inspection",
            description="含逐條檢查結果。 With the findings per provision.")
def inspection_get(request, number: str = Number):
    user = request.auth
    inspection = selectors.inspection_get(user, number)
    if inspection is None:
        raise Http404
    access_log_record(user=user, action="api", object_type="inspection", object_id=number,
                      object_label=inspection.employer.name[:200], purpose="勞動檢查")
    staff = user.kind == UserKind.STAFF
    # The employer sees the findings once the record is complete, as on the portal page.
    return _out(inspection, findings=staff or inspection.status not in ("PLANNED", "IN_PROGRESS"), staff=staff)


class FindingIn(Schema):
    item_code: Text(10, 1) = Field(description="檢查項目代碼（見該類別檢查表） Checklist item.", examples=["C01"])
    result: FindingResult = Field(description="符合、違反或不適用 Result.", examples=["VIOLATION"])
    note: Text(2000) = Field("", description="說明（違反時必填） Note, required for a violation.", examples=["三樓樓板開口未設護欄。"])
    idempotency_key: Text(64) = Field("", description="冪等識別碼：同一鍵重送不重複記錄 Idempotency key.",
                                      examples=["a1b2c3d4e5f6a7b8"])


class FindingWriteOut(Schema):
    item_code: str = Field(description="檢查項目代碼 Item.", examples=["C01"])
    result: str = Field(description="結果 Result.", examples=["VIOLATION"])
    applied: bool = Field(description="是否有變更（重送同一鍵為 false） Whether anything changed.", examples=[True])


@router.post("/{number}/findings", response={200: FindingWriteOut, **errors(401, 403, 404, 409, 422)},
             summary="記錄檢查結果 Record a finding",
             description="檢查進行中（IN_PROGRESS）時記錄一項檢查結果；同一項目再記錄則取代。 Record or replace one finding.")
def finding_record(request, payload: FindingIn, number: str = Number):
    user = request.auth
    _staff(user)
    inspection = selectors.inspection_get(user, number)
    if inspection is None:
        raise Http404
    finding, applied = services.finding_record(inspection=inspection, item_code=payload.item_code,
                                               result=str(payload.result), note=payload.note, actor=user,
                                               idempotency_key=payload.idempotency_key)
    return {"item_code": finding.item_code, "result": finding.result, "applied": applied}


class StopWorkIn(Schema):
    basis: StopWorkBasis = Field(description="停工依據 Legal basis.", examples=["LIA_28"])
    scope: StopWorkScope = Field(description="全部或部分停工 Scope.", examples=["PARTIAL"])
    area: Text(200, 1) = Field(description="停工之作業或場所 Work or place stopped.", examples=["7樓外牆施工架作業"])
    danger: Text(5000, 1) = Field(description="立即發生危險之虞的情形 The imminent danger.", examples=["施工架未設護欄及安全網。"])
    item_codes: list[Text(10, 1)] = Field(default_factory=list, max_length=50, description="相關檢查項目 Items.",
                                          examples=[["C01", "C02"]])


class StopWorkOut(Schema):
    number: str = Field(description="停工案號 Stop-work case number.", examples=["115-SWO-000001"])
    status: str = Field(description="狀態 Status.", examples=["IN_FORCE"])
    inspection: str = Field(description="檢查案號 Inspection.", examples=["115-INS-000001"])
    employer_id: int = Field(description="事業單位編號 Employer id.", examples=[12])
    area: str = Field(description="停工範圍 Area.", examples=["7樓外牆施工架作業"])
    scope: str = Field(description="範圍 Scope.", examples=["PARTIAL"])
    basis: str = Field(description="依據 Basis.", examples=["LIA_28"])
    issued_at: datetime = Field(description="開立時間 Issued at.", examples=["2026-11-27T10:30:00+08:00"])


def order_out(order) -> dict:
    return {"number": order.case.number, "status": order.status, "inspection": order.inspection.case.number,
            "employer_id": order.employer_id, "area": order.area, "scope": order.scope, "basis": order.basis,
            "issued_at": timezone.localtime(order.issued_at)}


@router.post("/{number}/stop-work-orders", response={201: StopWorkOut, **errors(401, 403, 404, 409, 422)},
             summary="開立停工通知 Issue a stop-work order",
             description="有立即發生危險之虞時當場通知停工（勞動檢查法第28條、職業安全衛生法第36條第1項）。 "
             "Order the work stopped on the spot where danger is imminent.")
def stop_work_issue(request, payload: StopWorkIn, number: str = Number):
    user = request.auth
    _staff(user)
    inspection = selectors.inspection_get(user, number)
    if inspection is None:
        raise Http404
    with remap_fields():
        order = services.stop_work_order_issue(inspection=inspection, actor=user, basis=str(payload.basis),
                                               scope=str(payload.scope), area=payload.area, danger=payload.danger,
                                               item_codes=list(payload.item_codes))
    return Status(201, order_out(order))
