"""`/api/v1/vacancies/review-queue`, `/api/v1/vacancies/{id}/review`,
`/api/v1/vacancies/review-quality`: the scam screening of job ads (求職防騙, 不實徵才廣告查察).

Staff of the Employment Services Office only: anyone else gets 404 (401 without a login).
The router is mounted before the vacancies router under the same prefix, so
`review-queue` and `review-quality` are not taken for a vacancy id.
"""

import datetime as dt
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from laborbureau.api.errors import errors, query_error
from laborbureau.api.pagination import Pages
from laborbureau.api.schemas import Text
from laborbureau.core.services import access_log_record
from laborbureau.employment import reviews
from laborbureau.employment.models import ScreeningReview, Vacancy

router = Router(tags=["vacancies 求才"])

EXAMPLE_SIGNAL = {"code": "FEE_OR_DEPOSIT", "weight": 1.0, "reason_zh": "要求求職人繳交保證金、押金或訓練、服裝等費用，或購買產品",
                  "reason_en": "Asks the job seeker for a deposit, a fee (training, uniform …) or to buy products",
                  "basis": "就業服務法第5條第2項第3款", "evidence": "保證金"}


def _reader(request) -> None:
    if not reviews.can_read(request.user):
        raise Http404


class SignalOut(Schema):
    code: str = Field(description="訊號代碼 Signal code (screening.SIGNALS).", examples=["FEE_OR_DEPOSIT"])
    weight: float = Field(description="權重 Weight added to the score.", examples=[1.0])
    reason_zh: str = Field(description="理由（中文） Reason in Chinese.", examples=[EXAMPLE_SIGNAL["reason_zh"]])
    reason_en: str = Field(description="理由（英文） Reason in English.", examples=[EXAMPLE_SIGNAL["reason_en"]])
    basis: str = Field(description="法律依據（無則空白） Legal basis, if any.", examples=["就業服務法第5條第2項第3款"])
    evidence: str = Field(description="觸發的文字或數字 The words or figures that fired it.", examples=["保證金"])


class QueueItemOut(Schema):
    id: int = Field(description="職缺編號 Vacancy id.", examples=[42])
    title: str = Field(description="職缺名稱 Title.", examples=["門市儲備幹部"])
    description: str = Field(description="工作內容 Duties.", examples=["到職前需繳交保證金5000元。"])
    requirements: str = Field(description="條件要求 Requirements.", examples=[""])
    occupation_code: str = Field(description="職業中類 Occupation.", examples=["52"])
    pay_unit: str = Field(description="MONTHLY or HOURLY.", examples=["MONTHLY"])
    pay_min: int = Field(description="薪資下限 Lowest pay.", examples=[35000])
    pay_max: int | None = Field(description="薪資上限 Highest pay.", examples=[45000])
    address: str = Field(description="工作地址 Workplace address.", examples=["臺北市中山區南京東路二段100號"])
    created_at: dt.datetime = Field(description="登錄時間 Posted (held) at.", examples=["2026-11-27T10:00:00+08:00"])
    employer_id: int = Field(description="事業單位編號 Employer id.", examples=[7])
    employer_name: str = Field(description="事業單位 Employer.", examples=["某某人力有限公司"])
    employer_business_id: str = Field(description="統一編號 Business ID.", examples=["04595257"])
    employer_vacancies: int = Field(description="此事業單位的職缺總數（含本件） The employer's vacancies, this one "
                                    "included.", examples=[1])
    employer_refused: int = Field(description="此事業單位被不予刊登的職缺數 The employer's refused vacancies.",
                                  examples=[0])
    screening_score: float | None = Field(description="篩檢分數 Screening score.", examples=[1.5])
    screening_threshold: float | None = Field(description="送審門檻 Threshold at or above which an ad is held.",
                                              examples=[1.0])
    signals: list[SignalOut] = Field(description="觸發的訊號 The signals that fired.", examples=[[EXAMPLE_SIGNAL]])

    @staticmethod
    def resolve_occupation_code(obj: Vacancy) -> str:
        return obj.occupation_id

    @staticmethod
    def resolve_employer_name(obj: Vacancy) -> str:
        return obj.employer.name

    @staticmethod
    def resolve_employer_business_id(obj: Vacancy) -> str:
        return obj.employer.business_id or ""

    @staticmethod
    def resolve_signals(obj: Vacancy) -> list[dict]:
        return [s for s in (obj.screening_signals or []) if isinstance(s, dict)]


@router.get(
    "/review-queue", response={200: list[QueueItemOut], **errors(401, 404, 422)},
    summary="防騙審核佇列 The scam-screening review queue (staff)",
    description="篩檢後待審核（HELD）的職缺，最早者在前，附分數、觸發訊號與理由、事業單位紀錄；分頁。僅就業服務處人員"
    "（含稽核唯讀）；其他帳號回404，未登入401。 Vacancies held by the scam screening, oldest first, with the "
    "score, the fired signals and the employer's record; paginated. ESO staff only (the auditor reads); anyone "
    "else 404, no login 401.",
)
@paginate(Pages, page_size=50)
def review_queue(request):
    _reader(request)
    return reviews.review_queue(request.user)


class ReviewIn(Schema):
    outcome: Literal["APPROVE", "REJECT", "CONFIRMED_SCAM"] = Field(
        description="APPROVE 核准刊登、REJECT 不予刊登（待審核職缺）；CONFIRMED_SCAM 已刊登職缺查證為不實（下架） "
        "APPROVE or REJECT a held vacancy; CONFIRMED_SCAM for a published one found to be a scam (taken down).",
        examples=["REJECT"])
    reason: ScreeningReview.Reason | None = Field(
        None, description="理由（REJECT、CONFIRMED_SCAM 必填） Reason, required with REJECT and CONFIRMED_SCAM.",
        examples=["DEPOSIT"])
    note: Text(reviews.MAX_NOTE) = Field("", description="說明（不予刊登時將通知雇主；理由為OTHER時必填） Note; told "
                                         "to the employer on a refusal; required with reason OTHER.",
                                         examples=["要求求職人繳交保證金，違反就業服務法第5條第2項第3款。"])


class ReviewOut(Schema):
    id: int = Field(description="審核紀錄編號 Review id.", examples=[3])
    vacancy_id: int = Field(description="職缺編號 Vacancy id.", examples=[42])
    vacancy_status: str = Field(description="審核後職缺狀態 The vacancy's status after it.", examples=["REJECTED"])
    outcome: str = Field(description="APPROVE, REJECT, CONFIRMED_SCAM.", examples=["REJECT"])
    reason: str = Field(description="理由代碼 Reason code.", examples=["DEPOSIT"])
    note: str = Field(description="說明 Note.", examples=["要求繳交保證金。"])
    officer: str = Field(description="審核人員 Officer's username.", examples=["eso_officer"])
    decided_at: dt.datetime = Field(description="審核時間 Decided at.", examples=["2026-11-27T10:30:00+08:00"])
    screening_decision: str = Field(description="當時篩檢結論 publish 或 review The screening's verdict then.",
                                    examples=["review"])
    screening_score: float | None = Field(description="當時篩檢分數 The score then.", examples=[1.5])


@router.post(
    "/{vacancy_id}/review", response={200: ReviewOut, **errors(401, 403, 404, 409, 422)},
    summary="審核職缺 Decide on a held vacancy, or confirm a published one a scam (staff)",
    description="就業服務處承辦人員（非稽核）：待審核職缺 APPROVE（刊登）或 REJECT（不予刊登，通知雇主理由）；已刊登職缺"
    " CONFIRMED_SCAM（查證為不實，徵才中者下架）。狀態不符回409，理由未填回422。 ESO officers who serve (not the "
    "auditor): APPROVE or REJECT a held vacancy (the employer is told the reason); CONFIRMED_SCAM for a published "
    "one. A wrong status answers 409, a missing reason 422 at [\"body\",\"reason\"].",
)
def review_decide(request, vacancy_id: int, payload: ReviewIn):
    _reader(request)
    vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
    if vacancy is None:
        raise Http404
    if payload.outcome == "CONFIRMED_SCAM":
        review = reviews.scam_confirm(vacancy=vacancy, actor=request.user, reason=payload.reason or "",
                                      note=payload.note)
    else:
        review = reviews.review_decide(vacancy=vacancy, outcome=payload.outcome, actor=request.user,
                                       reason=payload.reason or "", note=payload.note)
    review = ScreeningReview.objects.select_related("vacancy", "officer").get(pk=review.pk)
    access_log_record(user=request.user, action="api", object_type="vacancy", object_id=vacancy_id,
                      purpose="求職防騙審核", object_label=review.vacancy.title)
    return {"id": review.pk, "vacancy_id": review.vacancy_id, "vacancy_status": review.vacancy.status,
            "outcome": review.outcome, "reason": review.reason, "note": review.note,
            "officer": review.officer.username, "decided_at": review.decided_at,
            "screening_decision": review.screening_decision, "screening_score": review.screening_score}


class QualityFilter(Schema):
    date_from: dt.date | None = Field(None, description="審核日起（含），預設今年1月1日 From (inclusive); default "
                                      "1 January this year.", examples=["2026-01-01"])
    date_to: dt.date | None = Field(None, description="審核日迄（含），預設今天 To (inclusive); default today.",
                                    examples=["2026-11-27"])


class SignalQualityOut(Schema):
    code: str = Field(description="訊號代碼 Signal code.", examples=["FEE_OR_DEPOSIT"])
    on_scams: int = Field(description="在查證為不實者觸發次數 Fired on ads found to be scams.", examples=[12])
    on_legitimate: int = Field(description="在核准刊登者觸發次數 Fired on ads approved.", examples=[1])


class QualityOut(Schema):
    date_from: dt.date = Field(description="起 From.", examples=["2026-01-01"])
    date_to: dt.date = Field(description="迄 To.", examples=["2026-11-27"])
    reviewed: int = Field(description="已審核職缺數（每件以最後一次審核為準） Vacancies decided (latest decision "
                          "each).", examples=[40])
    approved: int = Field(description="核准刊登 Approved.", examples=[5])
    refused: int = Field(description="不予刊登 Refused.", examples=[33])
    confirmed_scams: int = Field(description="刊登後查證為不實 Published, then confirmed scams.", examples=[2])
    true_positives: int = Field(description="篩檢送審且確為不實 Held and a scam.", examples=[33])
    false_positives: int = Field(description="篩檢送審但核准刊登 Held but approved.", examples=[5])
    false_negatives: int = Field(description="篩檢放行但查證為不實 Published but a scam.", examples=[2])
    precision: float | None = Field(description="精確率（無送審者為null） Precision; null with no held ad decided.",
                                    examples=[0.868])
    recall: float | None = Field(description="召回率（無不實者為null） Recall; null with no scam found.",
                                 examples=[0.943])
    waiting: int = Field(description="目前待審核 Held now, undecided.", examples=[4])
    signals: list[SignalQualityOut] = Field(description="各訊號在已審核職缺的觸發次數 Each signal on the decided ads.")


@router.get(
    "/review-quality", response={200: QualityOut, **errors(401, 404, 422)},
    summary="防騙篩檢成效 Precision and recall of the scam screening (staff)",
    description="以承辦人員審核結果為準（不予刊登、查證為不實為陽性），計算期間內篩檢之精確率與召回率。 Measured on "
    "the officers' decisions in the period (refused or confirmed scam = positive).",
)
def review_quality(request, filters: Query[QualityFilter]):
    _reader(request)
    today = timezone.localdate()
    date_from = filters.date_from or today.replace(month=1, day=1)
    date_to = filters.date_to or today
    if date_to < date_from:
        raise query_error("date_to", "結束日期不可早於開始日期。", "The end date is before the start date.")
    if (date_to - date_from).days > 3660:
        raise query_error("date_from", "查詢期間最長10年。", "The period is at most 10 years.")
    quality = reviews.screening_quality(date_from, date_to)
    return {**{name: getattr(quality, name) for name in (
        "date_from", "date_to", "reviewed", "approved", "refused", "confirmed_scams", "true_positives",
        "false_positives", "false_negatives", "precision", "recall", "waiting")},
        "signals": [s.__dict__ for s in quality.signals]}
