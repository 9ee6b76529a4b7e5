"""REST endpoints of resumption after a stop-work order (復工, 勞動檢查法第29條): the
employer applies with the improvements and photos; the inspector decides (approval goes
to the chief's sign-off, which lifts the order; or sent back with reasons)."""

from datetime import datetime
from typing import Annotated, Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors, remap_fields
from laborbureau.api.schemas import Text, decode_files
from laborbureau.core.errors import Forbidden
from laborbureau.core.models import Role, UserKind
from laborbureau.inspection.inspections import selectors, services

router = Router(tags=["resumptions 復工申請"])


class PhotoIn(Schema):
    name: Text(100, 1) = Field(description="檔名 File name.", examples=["guardrail.jpg"])
    content_base64: Annotated[str, Field(max_length=14_000_000)] = Field(
        description="JPEG 或 PNG 檔案內容（base64） The file, base64.", examples=["/9j/4AAQSkZJRg..."])


class ResumptionIn(Schema):
    stop_work_order: Text(40, 1) = Field(description="停工案號 Stop-work case number.", examples=["115-SWO-000001"])
    improvements: Text(5000, 1) = Field(description="改善情形 Improvements made.", examples=["已於7樓外牆施工架設置護欄及安全網。"])
    photos: list[PhotoIn] = Field(default_factory=list, max_length=10, description="改善照片 Photos (up to 10).")


class ResumptionOut(Schema):
    id: int = Field(description="申請編號 Request id.", examples=[3])
    stop_work_order: str = Field(description="停工案號 Stop-work case.", examples=["115-SWO-000001"])
    order_status: str = Field(description="停工案件狀態 The order's status.", examples=["RESUMPTION_REQUESTED"])
    status: str = Field(description="申請狀態 Request status.", examples=["SUBMITTED"])
    improvements: str = Field(description="改善情形 Improvements.", examples=["已設置護欄。"])
    photos: int = Field(description="照片數 Photos.", examples=[2])
    review_method: str = Field(description="審查方式 Review method.", examples=["EVIDENCE"])
    review_note: str = Field(description="審查意見或退回理由 Note or reasons.", examples=[""])
    submitted_at: datetime = Field(description="申請時間 Submitted.", examples=["2026-11-27T15:00:00+08:00"])


def _out(request_row) -> dict:
    request_row.order.refresh_from_db(fields=["status"])
    return {"id": request_row.pk, "stop_work_order": request_row.order.case.number, "order_status": request_row.order.status,
            "status": request_row.status, "improvements": request_row.improvements, "photos": len(request_row.attachment_ids),
            "review_method": request_row.review_method, "review_note": request_row.review_note,
            "submitted_at": timezone.localtime(request_row.submitted_at)}


@router.post("", response={201: ResumptionOut, **errors(401, 403, 404, 409, 422)}, summary="申請復工 Apply to resume",
             description="受停工通知之事業單位於停工原因消滅後申請復工，附改善情形及照片（勞動檢查法第29條）。 "
             "The employer under the order applies with the improvements and photos.")
def resumption_apply(request, payload: ResumptionIn):
    user = request.auth
    if user.kind != UserKind.EMPLOYER:
        raise Forbidden("限受停工通知之事業單位申請。", "Only the employer under the order may apply.")
    order = selectors.stop_work_order_get(user, payload.stop_work_order)
    if order is None:
        raise Http404
    photos = decode_files(payload.photos, field="photos.{index}.content_base64", label_zh="照片")
    row = services.resumption_apply(order=order, actor=user, improvements=payload.improvements, photos=photos)
    return Status(201, _out(row))


class DecisionIn(Schema):
    decision: Literal["approve", "return"] = Field(description="同意（送主管核定）或退回 Approve (to sign-off) or send back.",
                                                   examples=["approve"])
    review_method: Literal["ON_SITE", "EVIDENCE"] = Field(description="現場複查或書面審查 Review method.", examples=["ON_SITE"])
    note: Text(5000, 1) = Field(description="審查意見或退回理由 Review note or reasons.", examples=["現場確認護欄已設置。"])


@router.post("/{request_id}/decision", response={200: ResumptionOut, **errors(401, 403, 404, 409, 422)},
             summary="審查復工申請 Decide a resumption request",
             description="檢查員審查：同意者送主管簽核，核定後解除停工；退回者附理由，停工令仍有效。 "
             "The inspector approves (to the chief's sign-off, which lifts the order) or sends back with reasons.")
def resumption_decide(request, payload: DecisionIn,
                      request_id: int = Path(..., ge=1, le=2**62, description="申請編號 Request id.", examples=[3])):
    user = request.auth
    if user.kind != UserKind.STAFF or user.role in (Role.AUDITOR, Role.SYSADMIN):
        raise Forbidden("限機關人員。", "Staff only.")
    row = selectors.resumption_get(user, request_id)
    if row is None:
        raise Http404
    with remap_fields(reason="note", transition="decision"):
        row = services.resumption_decide(request=row, actor=user, approve=payload.decision == "approve",
                                         review_method=payload.review_method, note=payload.note)
    return _out(row)
