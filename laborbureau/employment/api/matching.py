"""Matching under /api/v1/: `jobseekers/{id}/matches`, `vacancies/{id}/matches`, the
counsellor's exclusions, and bulk runs `match-runs` (employment.matching)."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.pagination import Pages
from laborbureau.api.schemas import Text
from laborbureau.core.services import access_log_record
from laborbureau.employment import matching, selectors, services
from laborbureau.employment.api.jobseekers import readable_seeker
from laborbureau.employment.models import JobSeeker, MatchOverride, MatchRun, MatchRunResult

router = Router(tags=["matching 媒合"])


class ReasonOut(Schema):
    part: str = Field(description="occupation, district, pay, requirements, skills, recency.", examples=["occupation"])
    label: str = Field(description="項目 Part.", examples=["職業"])
    weight: int = Field(description="配分 Weight (points the part can give).", examples=[35])
    points: float = Field(description="得分 Points given.", examples=[35.0])
    detail: str = Field(description="說明（中文） Why, in Chinese.", examples=["希望從事「餐飲服務人員」"])
    detail_en: str = Field(description="Why, in English.", examples=["Wants Food service workers"])


class MatchVacancyOut(Schema):
    id: int = Field(description="職缺編號 Vacancy id.", examples=[42])
    title: str = Field(description="職缺名稱 Title.", examples=["餐廳外場服務人員"])
    employer_name: str = Field(description="事業單位 Employer.", examples=["信義餐飲有限公司"])
    district_name: str = Field(description="工作地點行政區 District.", examples=["信義區"])
    occupation_code: str = Field(description="職業中類 Occupation sub-major group.", examples=["51"])
    pay: str = Field(description="待遇 Pay in words.", examples=["月薪 32,000–36,000"])
    closing_date: dt.date = Field(description="截止日期 Last open day.", examples=["2026-12-31"])


class MatchSeekerOut(Schema):
    id: int = Field(description="求職登記編號 Registration id.", examples=[7])
    name: str = Field(description="姓名 Name.", examples=["王小明"])
    masked_id: str = Field(description="遮蔽之證號 Masked ID number.", examples=["A12****789"])


class MatchOut(Schema):
    score: float = Field(description="總分0–100（各項得分之和） Score 0–100, the sum of the parts.", examples=[87.5])
    reasons: list[ReasonOut] = Field(description="各項得分及說明 The parts of the score, explained.")
    referred: bool = Field(description="已推介 Already referred.", examples=[False])
    vacancy: MatchVacancyOut | None = Field(None, description="配對之職缺（求職人的配對） The vacancy (a seeker's "
                                            "matches).")
    seeker: MatchSeekerOut | None = Field(None, description="配對之求職人（職缺的配對） The job seeker (a vacancy's "
                                          "matches).")


class MatchQuery(Schema):
    k: int = Field(matching.TOP_K, ge=1, le=100, description="筆數 How many.", examples=[20])


def _match_out(match: matching.Match) -> dict:
    out = {
        "score": match.score, "referred": match.referred,
        "reasons": [{"part": r.part, "label": r.label_zh, "weight": r.weight, "points": r.points,
                     "detail": r.detail_zh, "detail_en": r.detail_en} for r in match.reasons],
    }
    if match.vacancy is not None:
        v = match.vacancy
        out["vacancy"] = {"id": v.pk, "title": v.title, "employer_name": v.employer.name,
                          "district_name": v.district.name_zh, "occupation_code": v.occupation_id, "pay": v.pay_text,
                          "closing_date": v.closing_date}
    if match.seeker is not None:
        s = match.seeker
        out["seeker"] = {"id": s.pk, "name": s.person.name, "masked_id": s.person.masked_id}
    return out


def _seeker(request, seeker_id: int) -> JobSeeker:
    return readable_seeker(request, seeker_id, "就業服務（求職人媒合）", with_lists=False)


@router.get(
    "/jobseekers/{seeker_id}/matches", response={200: list[MatchOut], **errors(401, 404, 422)},
    summary="求職人的配對職缺 The best vacancies for a job seeker",
    description="依總分排序之開放職缺，附各項得分說明（職業35、地區20、待遇15、條件15、技能10、刊登時間5）。"
    "就業服務人員或求職人本人；排除之職缺不列。 Open vacancies by score with the parts explained; the service staff "
    "or the seeker themself; vacancies a counsellor excluded are left out.",
)
def seeker_matches(request, seeker_id: int, query: Query[MatchQuery]):
    seeker = _seeker(request, seeker_id)
    return [_match_out(m) for m in matching.seeker_matches(seeker=seeker, actor=request.user, k=query.k)]


@router.get(
    "/vacancies/{vacancy_id}/matches", response={200: list[MatchOut], **errors(401, 404, 422)},
    summary="職缺的配對求職人 The best job seekers for a vacancy (service staff)",
    description="同意媒合之求職中求職人，依總分排序並說明；僅就業服務人員（雇主於推介後始見求職人）。 Active job "
    "seekers who consented, by score, explained; the employment service only (an employer sees a seeker once "
    "referred).",
)
def vacancy_matches(request, vacancy_id: int, query: Query[MatchQuery]):
    if not services.can_read(request.user):
        raise Http404
    vacancy = selectors.vacancies_managed_by(request.user).select_related("district", "occupation").filter(
        pk=vacancy_id).first()
    if vacancy is None:
        raise Http404
    return [_match_out(m) for m in matching.vacancy_matches(vacancy=vacancy, actor=request.user, k=query.k)]


class ExclusionIn(Schema):
    vacancy_id: int = Field(ge=1, description="排除之職缺 The vacancy to take off the list.", examples=[42])
    reason: Text(200, 2) = Field(description="原因 Why.", examples=["求職人不便夜間通勤"])


class ExclusionOut(Schema):
    vacancy_id: int = Field(description="排除之職缺 The excluded vacancy.", examples=[42])
    reason: str = Field(description="原因 Why.", examples=["求職人不便夜間通勤"])
    at: dt.datetime = Field(description="排除時間 When.")


@router.post(
    "/jobseekers/{seeker_id}/match-exclusions", response={201: ExclusionOut, **errors(401, 404, 409, 422)},
    summary="排除配對職缺 Exclude a vacancy from a seeker's matches",
    description="就業服務人員判斷不適合時排除，並記錄原因；同一組合再次排除回409。 A counsellor takes a vacancy off "
    "the seeker's matches (and the seeker off the vacancy's), with the reason; excluding the same pair again "
    "answers 409.",
)
def exclusion_add(request, seeker_id: int, payload: ExclusionIn):
    if not services.can_serve(request.user):
        raise Http404
    seeker = _seeker(request, seeker_id)
    vacancy = selectors.vacancies_managed_by(request.user).filter(pk=payload.vacancy_id).first()
    if vacancy is None:
        raise Http404
    override = matching.match_exclude(seeker=seeker, vacancy=vacancy, reason=payload.reason, actor=request.user)
    return Status(201, {"vacancy_id": override.vacancy_id, "reason": override.reason, "at": override.at})


@router.delete(
    "/jobseekers/{seeker_id}/match-exclusions/{vacancy_id}", response={204: None, **errors(401, 404)},
    summary="取消排除 Put an excluded vacancy back",
    description="就業服務人員 Service staff.",
)
def exclusion_remove(request, seeker_id: int, vacancy_id: int):
    if not services.can_serve(request.user):
        raise Http404
    seeker = _seeker(request, seeker_id)
    override = get_object_or_404(MatchOverride, seeker=seeker, vacancy_id=vacancy_id)
    matching.match_include(override=override, actor=request.user)
    return Status(204, None)


class RunIn(Schema):
    label: Text(100, 2) = Field(description="名稱 What the run is for.", examples=["某公司大量解僱離職員工"])
    seeker_ids: list[int] = Field(min_length=1, max_length=matching.MAX_RUN_SEEKERS,
                                  description="求職登記編號 Job-seeker ids (up to 50,000).", examples=[[7, 8, 9]])


class RunOut(Schema):
    id: int = Field(examples=[3])
    label: str = Field(description="名稱 What the run is for.", examples=["某公司大量解僱離職員工"])
    status: str = Field(description="QUEUED, RUNNING, DONE, FAILED.", examples=["RUNNING"])
    total: int = Field(description="求職人數 Seekers in the run.", examples=[10000])
    done: int = Field(description="已完成 Seekers done so far.", examples=[4250])
    percent: int = Field(examples=[42])
    processes: int = Field(description="使用之處理程序數 Worker processes used.", examples=[2])
    vacancies_scored: int = Field(description="比對之開放職缺數 Open vacancies scored.", examples=[200000])
    error: str = Field(description="失敗原因 Why it failed (empty unless FAILED).", examples=[""])
    created_at: dt.datetime = Field(description="建立時間 Queued at.")
    started_at: dt.datetime | None = Field(description="開始時間 Started at.")
    finished_at: dt.datetime | None = Field(description="完成時間 Finished at.")


def _run_out(run: MatchRun) -> dict:
    return {"id": run.pk, "label": run.label, "status": run.status, "total": run.total, "done": run.done,
            "percent": run.percent, "processes": run.processes, "vacancies_scored": run.vacancies_scored,
            "error": run.error, "created_at": run.created_at, "started_at": run.started_at,
            "finished_at": run.finished_at}


@router.post(
    "/match-runs", response={202: RunOut, **errors(401, 404, 422)},
    summary="批次配對 Start a bulk matching run",
    description="於背景工作程序為名單上每位求職人找出前20名職缺（如大量解僱之離職勞工）；以 GET /match-runs/{id} "
    "查看進度。 Finds the top 20 vacancies of each listed seeker in the background worker (e.g. the workers of a "
    "mass layoff); poll GET /match-runs/{id} for progress.",
)
def run_start(request, payload: RunIn):
    if not services.can_serve(request.user):
        raise Http404
    run = matching.match_run_start(seeker_ids=payload.seeker_ids, actor=request.user, label=payload.label)
    return Status(202, _run_out(run))


def _run(request, run_id: int) -> MatchRun:
    if not services.can_read(request.user):
        raise Http404
    return get_object_or_404(MatchRun, pk=run_id)


@router.get("/match-runs/{run_id}", response={200: RunOut, **errors(401, 404)}, summary="批次配對進度 A run's progress",
            description="就業服務人員；執行中時 done/percent 隨之增加。 Service staff; done and percent grow while it "
            "runs.")
def run_get(request, run_id: int):
    return _run_out(_run(request, run_id))


class RunResultOut(Schema):
    seeker_id: int = Field(examples=[7])
    matches: list[list[float]] = Field(description="[[職缺編號, 分數], …] [[vacancy id, score], …], best first.",
                                       examples=[[[42, 91.5], [77, 88.0]]])


@router.get("/match-runs/{run_id}/results", response=list[RunResultOut],
            summary="批次配對結果 A run's results", description="每頁500位求職人 500 seekers a page.")
@paginate(Pages, page_size=500)
def run_results(request, run_id: int):
    run = _run(request, run_id)
    access_log_record(user=request.user, action="api", object_type="match_run", object_id=run.pk,
                      purpose="就業服務（批次配對結果）", object_label=run.label)
    return MatchRunResult.objects.filter(run=run).order_by("pk").values("seeker_id", "matches")
