"""`/api/v1/referrals`: referrals (推介) and the employer's answer."""

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.schemas import Text
from laborbureau.core.errors import NotFound
from laborbureau.core.services import access_log_record
from laborbureau.employment import selectors, services
from laborbureau.employment.models import (
    JobSeeker,
    NotHiredReason,
    Referral,
    Vacancy,
)

router = Router(tags=["referrals 推介"])



# --- referrals -------------------------------------------------------------------------


class ReferralIn(Schema):
    seeker_id: int = Field(description="求職登記編號 Registration id.", examples=[7])
    vacancy_id: int = Field(description="職缺編號 Vacancy id.", examples=[42])
    message: Text(500) = Field("", description="給雇主的推介說明 Message to the employer.",
                               examples=["求職人具3年餐飲經驗，可配合輪班。"])


class ReferralOut(Schema):
    id: int = Field(description="推介編號 Referral id.", examples=[3])
    seeker_id: int
    seeker_name: str = Field(description="求職人 Job seeker.", examples=["王小明"])
    vacancy_id: int
    vacancy_title: str = Field(description="職缺 Vacancy.", examples=["餐廳外場服務人員"])
    employer_name: str
    outcome: str = Field(description="PENDING, INTERVIEWED, HIRED, NOT_HIRED.", examples=["PENDING"])
    not_hired_reason: str = Field(description="未錄取原因 Reason not hired.", examples=[""])
    outcome_note: str
    created_at: dt.datetime
    answered_at: dt.datetime | None


def _referral_out(referral: Referral) -> dict:
    return {
        "id": referral.pk, "seeker_id": referral.seeker_id, "seeker_name": referral.seeker.person.name,
        "vacancy_id": referral.vacancy_id, "vacancy_title": referral.vacancy.title,
        "employer_name": referral.vacancy.employer.name, "outcome": referral.outcome,
        "not_hired_reason": referral.not_hired_reason, "outcome_note": referral.outcome_note,
        "created_at": referral.created_at, "answered_at": referral.answered_at,
    }


@router.post(
    "", response={201: ReferralOut, **errors(401, 403, 404, 409, 422)},
    summary="推介 Refer a job seeker to a vacancy (service staff)",
    description="求職人須在求職中且同意推介；職缺須徵才中；同一組合僅推介一次（409）。 The seeker must be active and "
    "consenting, the vacancy open; once per pair (409).",
)
def referral_create(request, payload: ReferralIn):
    services.require_server(request.user)
    seeker = JobSeeker.objects.filter(pk=payload.seeker_id).first()
    vacancy = Vacancy.objects.filter(pk=payload.vacancy_id).first()
    if seeker is None:
        raise NotFound("求職登記", "registration")
    if vacancy is None:
        raise NotFound("職缺", "vacancy")
    referral = services.referral_create(seeker=seeker, vacancy=vacancy, actor=request.user, message=payload.message)
    return Status(201, _referral_out(selectors.referrals_for(request.user).get(pk=referral.pk)))


@router.get(
    "", response={200: list[ReferralOut], **errors(401)},
    summary="推介清單 Referrals",
    description="就業服務處：全部；雇主：推介到自己職缺者；民眾：自己的（最多500筆）。 The service: all; an employer: "
    "to its vacancies; a citizen: their own (500 at most).",
)
def referral_list(request):
    rows = list(selectors.referrals_for(request.user)[:500])
    if rows and request.user.kind != "CITIZEN":
        access_log_record(user=request.user, action="api", object_type="referrals", object_id="list",
                          purpose="就業服務（推介清單）", object_label=f"{len(rows)} referrals")
    return [_referral_out(r) for r in rows]


class AnswerIn(Schema):
    outcome: Literal["INTERVIEWED", "HIRED", "NOT_HIRED"] = Field(description="結果 Outcome.", examples=["HIRED"])
    reason: NotHiredReason | None = Field(None, description="未錄取原因（未錄取時必填） Reason when not hired.",
                                          examples=["SKILLS"])
    note: Text(300) = Field("", description="說明 Note.", examples=["已通知12月1日報到"])


@router.post(
    "/{referral_id}/answer", response={200: ReferralOut, **errors(401, 404, 409, 422)},
    summary="回覆推介結果 Answer a referral (employer or service staff)",
)
def referral_answer(request, referral_id: int, payload: AnswerIn):
    referral = selectors.referrals_for(request.user).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    services.referral_answer(referral=referral, outcome=payload.outcome, reason=payload.reason or "",
                             note=payload.note, actor=request.user)
    return _referral_out(selectors.referrals_for(request.user).get(pk=referral_id))
