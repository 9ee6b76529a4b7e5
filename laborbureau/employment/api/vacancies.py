"""`/api/v1/vacancies`: the public list, posting and managing vacancies (求才)."""

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.auth import SessionOrToken
from laborbureau.api.errors import errors, query_error, remap_fields
from laborbureau.api.pagination import MAX_PAGE
from laborbureau.api.schemas import Text
from laborbureau.core.errors import ApplicationError
from laborbureau.core.services import EmployerInput
from laborbureau.employment import selectors, services
from laborbureau.employment.models import (
    Education,
    PayUnit,
    Vacancy,
    WorkingHours,
)

router = Router(tags=["vacancies 求才"])

# The service's names for the inputs -> the names the API client sends.
FIELD_NAMES = {"occupation": "occupation_code", "district": "district_code"}
PAY_LIMIT = 100_000_000  # a bound on the number itself; the service applies the real ones


# --- vacancies -------------------------------------------------------------------------


class VacancyEmployerIn(Schema):
    name: Text(120, 1) = Field(description="事業單位名稱 Employer name.", examples=["信義餐飲有限公司"])
    business_id: Text(12, 8) = Field(description="統一編號（須通過檢查碼） Business ID (check digit verified).",
                                     examples=["04595257"])
    address: Text(200) = Field("", description="事業單位地址 Employer address.", examples=["臺北市信義區松仁路100號"])
    phone: Text(30) = Field("", description="聯絡電話 Phone.", examples=["02-27208889"])


class VacancyIn(Schema):
    title: Text(services.MAX_TITLE, 2) = Field(description="職缺名稱（純文字，不可含HTML） Title, plain text.",
                                               examples=["餐廳外場服務人員"])
    description: Text(services.MAX_DESCRIPTION, services.MIN_DESCRIPTION) = Field(
        description="工作內容（純文字） Duties, plain text.", examples=["負責帶位、點餐、送餐及環境整理，提供完整教育訓練。"]
    )
    occupation_code: Text(4, 2) = Field(description="職業標準分類中類代碼 Occupation sub-major group.",
                                        examples=["51"])
    district_code: Text(8, 3) = Field(description="工作地點行政區（代碼或郵遞區號） Taipei district code or zip.",
                                      examples=["110"])
    address: Text(200, 4) = Field(description="工作地址 Workplace address.", examples=["臺北市信義區松仁路100號"])
    pay_unit: PayUnit = Field(description="計薪方式 MONTHLY or HOURLY.", examples=["MONTHLY"])
    pay_min: int = Field(ge=0, le=PAY_LIMIT, description="薪資下限（元），不得低於刊登日適用之最低工資（最低工資法"
                         "第5條） Lowest pay in NTD; not below the minimum wage in force on the posting date.",
                         examples=[32000])
    pay_max: int | None = Field(None, ge=0, le=PAY_LIMIT, description="薪資上限（元） Highest pay, if a range.",
                                examples=[36000])
    hours: WorkingHours = Field(description="工作時段 Working hours.", examples=["SHIFT"])
    hours_note: Text(100) = Field("", description="工作時間說明 Hours in words.", examples=["10:00-19:00，月休8天"])
    requirements: Text(services.MAX_REQUIREMENTS) = Field("", description="條件要求 Requirements.",
                                                          examples=["具餐飲服務經驗者佳"])
    education_min: Education = Field(Education.NONE, description="最低學歷 Minimum education.", examples=["NONE"])
    openings: int = Field(1, ge=1, le=services.MAX_OPENINGS, description="需求人數 Openings.", examples=[2])
    closing_date: dt.date = Field(description="截止日期（最後受理日，不可早於今天） Last open day, not in the past.",
                                  examples=["2026-12-31"])
    employer: VacancyEmployerIn | None = Field(
        None, description="徵才事業單位（就業服務處代登時必填；事業單位帳號免填） The employer: the employment "
        "service names it; an employer account posts for itself.")


class VacancyOut(Schema):
    id: int = Field(description="職缺編號 Vacancy id.", examples=[42])
    title: str = Field(description="職缺名稱 Title.", examples=["餐廳外場服務人員"])
    description: str = Field(description="工作內容（純文字） Duties, plain text.")
    employer_name: str = Field(description="事業單位 Employer.", examples=["信義餐飲有限公司"])
    occupation_code: str = Field(description="職業中類 Occupation.", examples=["51"])
    occupation_name: str = Field(description="職業名稱 Occupation name.", examples=["個人服務工作人員"])
    district_code: str = Field(description="行政區代碼 District code.", examples=["63000020"])
    district_name: str = Field(description="行政區 District.", examples=["信義區"])
    address: str = Field(description="工作地址 Address.")
    pay_unit: str = Field(description="MONTHLY or HOURLY.", examples=["MONTHLY"])
    pay_min: int = Field(description="薪資下限 Lowest pay.", examples=[32000])
    pay_max: int | None = Field(description="薪資上限 Highest pay.", examples=[36000])
    hours: str = Field(description="工作時段 Working hours.", examples=["SHIFT"])
    hours_note: str
    requirements: str
    education_min: str
    openings: int
    closing_date: dt.date
    status: str = Field(description="HELD, ACTIVE, FILLED, EXPIRED, WITHDRAWN, REJECTED.", examples=["ACTIVE"])
    posted_on: dt.date = Field(description="刊登日（適用最低工資之日） Posting date.")


def _vacancy_out(vacancy: Vacancy) -> dict:
    return {
        "id": vacancy.pk, "title": vacancy.title, "description": vacancy.description,
        "employer_name": vacancy.employer.name, "occupation_code": vacancy.occupation_id,
        "occupation_name": vacancy.occupation.name_zh, "district_code": vacancy.district_id,
        "district_name": vacancy.district.name_zh, "address": vacancy.address, "pay_unit": vacancy.pay_unit,
        "pay_min": vacancy.pay_min, "pay_max": vacancy.pay_max, "hours": vacancy.hours,
        "hours_note": vacancy.hours_note, "requirements": vacancy.requirements,
        "education_min": vacancy.education_min, "openings": vacancy.openings, "closing_date": vacancy.closing_date,
        "status": vacancy.status, "posted_on": vacancy.posted_on,
    }


def _vacancy_input(payload: VacancyIn) -> services.VacancyInput:
    employer = None
    if payload.employer is not None:
        employer = EmployerInput(name=payload.employer.name, business_id=payload.employer.business_id,
                                 address=payload.employer.address, phone=payload.employer.phone)
    return services.VacancyInput(
        title=payload.title, description=payload.description, occupation_code=payload.occupation_code,
        district_code=payload.district_code, address=payload.address, pay_unit=payload.pay_unit,
        pay_min=payload.pay_min, pay_max=payload.pay_max, hours=payload.hours, hours_note=payload.hours_note,
        requirements=payload.requirements, education_min=payload.education_min, openings=payload.openings,
        closing_date=payload.closing_date, employer=employer,
    )


class VacancyFilter(Schema):
    q: Text(selectors.MAX_QUERY) = Field(
        "", description="關鍵字（中文免空格；異體字、同義詞皆可） Free text: Chinese without spaces, variants "
        "(台/臺) and everyday occupation names (外送 finds 送餐員) understood.", examples=["會計", "餐廳 外場", "夜班 保全"])
    sort: Literal["relevance", "newest"] = Field(
        "relevance", description="排序：relevance 最相關（有關鍵字時）、newest 最新刊登；無關鍵字時一律最新。 "
        "Sort by relevance (with q) or newest; without q always newest.", examples=["relevance"])
    district: Text(8) = Field("", description="行政區代碼或郵遞區號 District code or zip.", examples=["110"])
    occupation: Text(4) = Field("", description="職業大類（1碼）或中類（2碼） Occupation major or sub-major group.",
                                examples=["51"])
    pay_unit: PayUnit | None = Field(None, description="計薪方式 MONTHLY or HOURLY.", examples=["MONTHLY"])
    pay_min: int | None = Field(None, ge=0, le=PAY_LIMIT, description="薪資至少（元） Pay reaches at least.",
                                examples=[30000])
    hours: WorkingHours | None = Field(None, description="工作時段 Working hours.", examples=["FULL_TIME"])
    posted_within: int | None = Field(None, ge=1, le=365, description="幾天內刊登 Posted within N days.",
                                      examples=[7])
    page: int = Field(1, ge=1, le=MAX_PAGE, description="頁碼 Page, from 1.", examples=[1])
    page_size: int = Field(selectors.PAGE_SIZE, ge=1, le=selectors.MAX_PAGE_SIZE, description="每頁筆數 Per page.",
                           examples=[20])


class FacetOut(Schema):
    code: str = Field(description="代碼 Code (district code or occupation major group).", examples=["63000020"])
    label: str = Field(description="名稱 Name.", examples=["信義區"])
    count: int = Field(description="符合筆數 Matching vacancies.", examples=[12])


class FacetsOut(Schema):
    district: list[FacetOut] = Field(
        description="依行政區的筆數（不受行政區條件限制） Counts by district (ignoring the district filter).",
        examples=[[{"code": "63000020", "label": "信義區", "count": 12}]])
    occupation_major: list[FacetOut] = Field(
        description="依職業大類的筆數（不受大類條件限制） Counts by occupation major group (ignoring a major-group "
        "filter).", examples=[[{"code": "5", "label": "5 服務及銷售工作人員", "count": 30}]])


class VacancyPageOut(Schema):
    items: list[VacancyOut]
    facets: FacetsOut = Field(description="結果的分類筆數 Facet counts over the results.")
    count: int = Field(description="符合條件的總筆數 Total matching.", examples=[1234])
    page: int = Field(description="頁碼 Page.", examples=[1])
    pages: int = Field(description="總頁數 Pages.", examples=[62])


@router.get(
    "", auth=None, response={200: VacancyPageOut, **errors(422)},
    summary="徵才中的職缺 Open vacancies (public)",
    description="不需登入；只列徵才中且未過截止日者。有關鍵字 `q` 時以全文索引搜尋（中文免空格、異體字與同義詞），"
    "依相關度或最新排序；並回傳依行政區及職業大類的筆數。 No login; open vacancies only. With `q` a Chinese "
    "full-text search (relevance or newest); facet counts by district and occupation major group. "
    "Example: `/api/v1/vacancies?q=會計&district=110&sort=newest`.",
)
def vacancy_list(request, filters: Query[VacancyFilter]):
    try:
        result = selectors.vacancy_search(
            filters=selectors.VacancyFilters(
                district=filters.district, occupation=filters.occupation, pay_unit=filters.pay_unit or "",
                pay_min=filters.pay_min, hours=filters.hours or "", posted_within=filters.posted_within,
                q=filters.q, sort=filters.sort,
            ),
            page=filters.page, page_size=filters.page_size, facets=True,
        )
    except ApplicationError as error:
        raise query_error(error.field or "q", error.message_zh, error.message_en) from None

    def facet_out(name: str) -> list[dict]:
        return [{"code": f.code, "label": f.label, "count": f.count} for f in result.facets.get(name, [])]

    return {"items": [_vacancy_out(v) for v in result.items], "count": result.count, "page": result.page,
            "pages": result.pages, "facets": {"district": facet_out("district"), "occupation_major": facet_out("major")}}


@router.get(
    "/mine", response={200: list[VacancyOut], **errors(401)},
    summary="我管理的職缺 Vacancies I manage",
    description="事業單位：自己的全部職缺；就業服務處：全部（最多500筆）。 An employer's own; the service: all (500).",
)
def vacancy_mine(request):
    return [_vacancy_out(v) for v in selectors.vacancies_managed_by(request.user)[:500]]


@router.post(
    "", response={201: VacancyOut, **errors(401, 403, 422)},
    summary="求才登記 Post a vacancy",
    description="事業單位帳號或就業服務處（代登，須填 employer）。薪資低於刊登日最低工資、截止日已過、職業代碼不存在、"
    "統一編號檢查碼錯誤、含HTML皆回422並指出欄位。 Employers, or the service for an employer. Pay below the minimum "
    "wage answers 422 at [\"body\",\"pay_min\"] with the figure in force.",
)
def vacancy_create(request, payload: VacancyIn):
    with remap_fields(**FIELD_NAMES):
        vacancy = services.vacancy_create(data=_vacancy_input(payload), actor=request.user, channel="api")
    return Status(201, _vacancy_out(vacancy))


def _managed_vacancy(request, vacancy_id: int) -> Vacancy:
    vacancy = selectors.vacancies_managed_by(request.user).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise Http404
    return vacancy


@router.get(
    "/{vacancy_id}", auth=None, response={200: VacancyOut, **errors(404)},
    summary="職缺內容 A vacancy",
    description="徵才中者公開；其他狀態僅該事業單位及就業服務處可讀。 Public while open; otherwise its employer "
    "and the service only.",
)
def vacancy_get(request, vacancy_id: int):
    # A public endpoint: a signed-in employer or officer (session or token) also reads
    # their own vacancies that are no longer public.
    user = SessionOrToken()(request)
    vacancy = selectors.vacancy_get_public(vacancy_id, user)
    if vacancy is None:
        raise Http404
    return _vacancy_out(vacancy)


@router.put(
    "/{vacancy_id}", response={200: VacancyOut, **errors(401, 404, 409, 422)},
    summary="修改職缺 Update a vacancy",
    description="以修改日重新檢核（含最低工資）並重新篩檢；已結束者回409。 Checked again as of today and screened "
    "again; a closed vacancy answers 409.",
)
def vacancy_update(request, vacancy_id: int, payload: VacancyIn):
    vacancy = _managed_vacancy(request, vacancy_id)
    with remap_fields(**FIELD_NAMES):
        vacancy = services.vacancy_update(vacancy=vacancy, data=_vacancy_input(payload), actor=request.user)
    return _vacancy_out(vacancy)


class ReasonIn(Schema):
    note: Text(200) = Field("", description="說明 Note.", examples=["職缺已由內部調任補足"])


@router.post(
    "/{vacancy_id}/withdraw", response={200: VacancyOut, **errors(401, 404, 409, 422)},
    summary="撤回職缺 Withdraw a vacancy",
)
def vacancy_withdraw(request, vacancy_id: int, payload: ReasonIn):
    vacancy = _managed_vacancy(request, vacancy_id)
    services.vacancy_transition(vacancy=vacancy, action="withdraw", actor=request.user, note=payload.note)
    return _vacancy_out(_managed_vacancy(request, vacancy_id))


@router.post(
    "/{vacancy_id}/filled", response={200: VacancyOut, **errors(401, 404, 409, 422)},
    summary="職缺額滿 Mark a vacancy filled",
)
def vacancy_fill(request, vacancy_id: int, payload: ReasonIn):
    vacancy = _managed_vacancy(request, vacancy_id)
    services.vacancy_transition(vacancy=vacancy, action="fill", actor=request.user, note=payload.note)
    return _vacancy_out(_managed_vacancy(request, vacancy_id))


