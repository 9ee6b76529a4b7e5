"""REST endpoints of the 丁類 hazardous-workplace reviews at /api/v1/type-d-reviews: LIO
staff list them and take the inspector's step; an employer reads its own. The employer
applies on the portal (the documents are uploaded there)."""

from datetime import date
from typing import Literal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from laborbureau.api.errors import errors
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text
from laborbureau.core.errors import Forbidden
from laborbureau.core.models import UserKind
from laborbureau.inspection.hazardous import selectors, services
from laborbureau.inspection.hazardous.api import require_lio
from laborbureau.inspection.hazardous.models import ReviewStatus, TypeDReview

router = Router(tags=["type-d-reviews 丁類危險性工作場所審查"])
Number = Path(..., max_length=40, description="審查案號 Review case number.", examples=["115-HWR-000001"])


class CriterionOut(Schema):
    code: str = Field(description="標準代碼 Criterion code.", examples=["BUILDING"])
    item: int = Field(description="辦法第2條第4款之目次 Item of 辦法 art. 2(4).", examples=[1])
    zh: str = Field(description="標準（中文） Criterion in Chinese.", examples=["建築物高度在80公尺以上之建築工程"])
    en: str = Field(description="標準（英文） Criterion in English.", examples=["Building 80 m or taller"])


class ReviewOut(Schema):
    number: str = Field(description="案號 Case number.", examples=["115-HWR-000001"])
    status: str = Field(description="狀態 Status.", examples=["SUBMITTED"])
    project_id: int = Field(description="工程編號 Project id.", examples=[7])
    project_name: str = Field(description="工程名稱 Project.", examples=["信義區商辦大樓新建工程"])
    employer_id: int = Field(description="事業單位編號 Employer id.", examples=[12])
    employer_name: str = Field(description="事業單位 Employer.", examples=["大安營造股份有限公司"])
    work_starts_on: date = Field(description="預定作業日 Work starts.", examples=["2027-01-15"])
    due_date: date | None = Field(description="審查期限 Review due.", examples=["2026-12-27"])
    criteria: list[CriterionOut] = Field(description="符合之丁類標準 Type D criteria met.")
    documents: int = Field(description="檢附文件數 Documents filed.", examples=[2])
    supplement_request: str = Field(description="補正事項 Supplement asked for.", examples=["補附結構計算書"])
    refusal_reason: str = Field(description="不合格理由 Reasons for refusal.", examples=[""])
    follow_up_number: str = Field(description="追蹤檢查案號（機關人員） Follow-up inspection (staff).",
                                  examples=["115-INS-000031"])


class ReviewPage(Schema):
    items: list[ReviewOut] = Field(description="審查案 Reviews.")
    count: int = Field(description="符合條件的總筆數 Total matching.", examples=[1])


class ReviewFilters(Schema):
    status: ReviewStatus | None = Field(None, description="狀態 Status.", examples=["SUBMITTED"])


class ActionIn(Schema):
    action: Literal["propose_approval", "request_supplement", "refuse"] = Field(
        description="審查步驟 Step: propose_approval (to the chief's sign-off), request_supplement, refuse.",
        examples=["propose_approval"])
    site_checked_on: date | None = Field(None, description="現場檢查日期（propose_approval） Site check date.",
                                         examples=["2026-12-10"])
    note: Text(2000) = Field(description="審查意見、補正事項或不合格理由 Note, supplement or reasons.",
                             examples=["文件審查及現場檢查合格"])


def review_out(review: TypeDReview, *, staff: bool) -> dict:
    return {"number": review.case.number, "status": review.status, "project_id": review.project_id,
            "project_name": review.project.name, "employer_id": review.employer_id,
            "employer_name": review.employer.name, "work_starts_on": review.work_starts_on,
            "due_date": review.case.due_date, "criteria": review.criteria, "documents": len(review.documents),
            "supplement_request": review.supplement_request, "refusal_reason": review.refusal_reason,
            "follow_up_number": review.follow_up_number if staff else ""}


def _reader(user) -> bool:
    if user.kind == UserKind.EMPLOYER and user.employer_id:
        return False
    require_lio(user)
    return True


@router.get("", response={200: ReviewPage, **errors(401, 403, 422)}, summary="丁類審查清單 List type D reviews",
            description="勞動檢查處人員：全部審查案；事業單位：本身之申請。 LIO staff: all reviews; an employer: its own.")
def review_list(request, paging: Query[Pages.Input], filters: Query[ReviewFilters]):
    staff = _reader(request.auth)
    items, count = page_slice(selectors.reviews(request.auth, status=filters.status or ""), paging.page,
                              paging.page_size)
    return {"items": [review_out(r, staff=staff) for r in items], "count": count}


@router.get("/{number}", response={200: ReviewOut, **errors(401, 403, 404)}, summary="單一審查案 One review",
            description="他單位或他事業單位之審查案回應404。 Another employer's review answers 404.")
def review_get(request, number: str = Number):
    staff = _reader(request.auth)
    review = selectors.review_get(request.auth, number)
    if review is None:
        raise Http404
    return review_out(review, staff=staff)


@router.post("/{number}/actions", response={200: ReviewOut, **errors(401, 403, 404, 409, 422)},
             summary="審查步驟 Take the inspector's step",
             description="通知補正、審查合格送主管核定或審查不合格（勞動檢查法第26條）。 "
             "Ask for a supplement, propose approval (the chief signs off) or refuse.")
def review_action(request, payload: ActionIn, number: str = Number):
    if not _reader(request.auth):
        raise Forbidden("限勞動檢查處人員。", "Labor Inspection Office staff only.")
    review = selectors.review_get(request.auth, number)
    if review is None:
        raise Http404
    data = ({"site_checked_on": payload.site_checked_on, "note": payload.note}
            if payload.action == "propose_approval" else {"reason": payload.note})
    services.review_act(review=review, actor=request.auth, name=payload.action, data=data)
    return review_out(selectors.review_get(request.auth, number), staff=True)
