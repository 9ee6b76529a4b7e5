"""REST endpoints for the parties: persons (個人) and employers (事業單位).

Handlers parse, check permission, call one service or read, and render. Only staff
who may read parties (core.access.can_read_parties) reach these endpoints; portal
users and the system administrator get 403. Every read of a person writes one row to
the access log (個人資料保護法) with the purpose the caller gives in `purpose`: a
search writes one "search" row naming the criteria and the records listed (a list
shows only names and masked IDs), a detail or registration one "api" row per person.
A person's or an employer's cases are served by cases.api (the core does not import
the case engine).
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import field_validator

from laborbureau.api.errors import errors, query_error, remap_fields
from laborbureau.api.pagination import MAX_PAGE, MAX_PAGE_SIZE, Pages, page_slice
from laborbureau.api.schemas import Text
from laborbureau.core import access
from laborbureau.core import services as core_services
from laborbureau.core.errors import Conflict, Forbidden, NotFound
from laborbureau.core.models import Employer, Establishment, IdKind, Person, Sex, User
from laborbureau.rules import identifiers
from laborbureau.rules.base import RuleError

persons_router = Router(tags=["persons 個人"])
employers_router = Router(tags=["employers 事業單位"])
employer_accounts_router = Router(tags=["employer accounts 事業單位帳號"])

DEFAULT_PURPOSE = "API 查詢"
MAX_ID = 2**63 - 1
PERSON_PAGE_SIZE = 20
PASSPORT_PATTERN = r"^[A-Z0-9]{5,20}$"


# --- permission and lookups ------------------------------------------------------------


def _reader(request) -> User:
    user = request.auth
    if not access.can_read_parties(user):
        raise Forbidden("您沒有查閱當事人資料的權限。", "You may not read records of persons and employers.")
    return user


def _manager(request) -> User:
    user = request.auth
    if not access.can_manage_parties(user):
        raise Forbidden("您沒有登錄或修改當事人資料的權限。", "You may not register or change persons and employers.")
    return user


def _person(person_id: int) -> Person:
    person = Person.objects.select_related("district").filter(pk=person_id).first()
    if person is None:
        raise NotFound("個人資料", "person")
    return person


def _employer(employer_id: int) -> Employer:
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise NotFound("事業單位", "employer")
    return employer


def _live_employer(employer_id: int) -> Employer:
    employer = _employer(employer_id)
    if employer.merged_into_id:
        raise Conflict(
            f"此事業單位已合併至編號 {employer.merged_into_id}，請改用該筆資料。",
            f"This employer was merged into record {employer.merged_into_id}; use that record.",
        )
    return employer


def _log_person_read(user: User, person: Person, purpose: str, action: str = "api") -> None:
    core_services.access_log_record(
        user=user,
        action=action,
        object_type="person",
        object_id=person.pk,
        object_label=person.name,
        purpose=purpose or DEFAULT_PURPOSE,
    )


PersonId = Path(..., ge=1, le=MAX_ID, description="個人資料編號 Person record id.", examples=[42])
EmployerId = Path(..., ge=1, le=MAX_ID, description="事業單位資料編號 Employer record id.", examples=[7])
EstablishmentId = Path(..., ge=1, le=MAX_ID, description="廠場編號 Establishment id.", examples=[3])


# --- shared output pieces --------------------------------------------------------------


class DistrictOut(Schema):
    code: str = Field(description="行政區代碼（內政部）District code (MOI).", examples=["63000020"])
    zip3: str = Field(description="郵遞區號 Postal code.", examples=["110"])
    name_zh: str = Field(description="中文名稱 Name in Chinese.", examples=["信義區"])
    name_en: str = Field(description="English name.", examples=["Xinyi District"])


class IndustryOut(Schema):
    code: str = Field(description="行業統計分類代碼 Industry code (DGBAS).", examples=["47-48"])
    name_zh: str = Field(description="行業名稱 Name of the industry.", examples=["零售業"])


class PurposeQuery(Schema):
    purpose: Text(200) = Field(
        DEFAULT_PURPOSE,
        description="查閱目的，記入個資存取紀錄 Why you read this record; written to the access log.",
        examples=["勞資爭議調解 Mediation of a labor dispute"],
    )


# --- persons ---------------------------------------------------------------------------


class PersonSummaryOut(Schema):
    id: int = Field(description="個人資料編號 Record id.", examples=[42])
    id_kind: str = Field(description="證件類別 Kind of identifier.", examples=["national_id"])
    masked_id: str = Field(description="遮蔽之證號 Identifier with its middle hidden.", examples=["A12****789"])
    name: str = Field(description="姓名 Name.", examples=["王小明"])


class PersonOut(Schema):
    id: int = Field(description="資料編號 Record id.", examples=[42])
    id_kind: str = Field(description="證件類別 Kind of identifier.", examples=["national_id"])
    id_number: str = Field(description="證號 Identifier.", examples=["A123456789"])
    passport_country: str = Field(description="護照核發國（ISO 3166 三碼） Passport country.", examples=[""])
    name: str = Field(description="名稱 Name.", examples=["王小明"])
    birth_date: date | None = Field(description="出生日期 Birth date.", examples=["1980-05-17"])
    sex: str = Field(description="性別 F/M/X, empty if unknown.", examples=["M"])
    phone: str = Field(description="電話 Phone.", examples=["0912345678"])
    email: str = Field(description="電子郵件 E-mail.", examples=["ming@example.tw"])
    address: str = Field(description="地址 Address.", examples=["臺北市信義區市府路1號"])
    district: DistrictOut | None = Field(description="臺北市行政區 Taipei district, if known.")
    merged_into_id: int | None = Field(
        description="已合併時，存續資料的編號 The surviving record when this one was merged.", examples=[None]
    )
    created_at: datetime = Field(description="建立時間 Created at.")
    updated_at: datetime = Field(description="更新時間 Updated at.")


class PersonPage(Schema):
    items: list[PersonSummaryOut] = Field(description="本頁資料 The persons on this page.")
    count: int = Field(description="符合條件的總筆數 Total number of matches.", examples=[1])


class PersonSearchQuery(Schema):
    id_number: Text(20) | None = Field(
        None,
        description="身分證字號、居留證號或護照號碼（完全相符） ID, resident certificate or passport number (exact).",
        examples=["A123456789"],
    )
    name: Text(80) | None = Field(
        None, description="姓名（部分相符，至少2字） Name (contains, at least 2 characters).", examples=["王小明"]
    )
    purpose: Text(200) = Field(
        DEFAULT_PURPOSE,
        description="查閱目的，記入個資存取紀錄 Why you search; written to the access log.",
        examples=["勞資爭議調解 Mediation of a labor dispute"],
    )
    page: int = Field(1, ge=1, le=MAX_PAGE, description="頁碼 Page number, from 1.", examples=[1])
    page_size: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description=f"每頁筆數（預設{PERSON_PAGE_SIZE}） Items per page.", examples=[20]
    )


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise RuleError("email", "電子郵件地址格式不正確。", "Not a valid e-mail address.") from None
    return value


class PersonIn(Schema):
    id_kind: IdKind | None = Field(
        None,
        description="證件類別；不填時由證號判斷，護照須註明 passport. Kind of identifier; inferred when empty, "
        "except passports.",
        examples=["national_id"],
    )
    passport_country: Text(3) = Field(
        "",
        validate_default=True,
        description="護照核發國 ISO 3166-1 三碼（僅護照） Issuing country, three letters (passports only).",
        examples=["IDN"],
    )
    id_number: Text(20, 1) = Field(
        description="身分證字號、居留證號或護照號碼 National ID, resident certificate (ARC) or passport number.",
        examples=["A123456789"],
    )
    name: Text(80, 1) = Field(description="姓名 Name.", examples=["王小明"])
    birth_date: date | None = Field(None, description="出生日期 Birth date (YYYY-MM-DD).", examples=["1980-05-17"])
    sex: Sex | None = Field(
        None, description="性別；本國證號可推得 F/M/X (inferred from a national ID).", examples=["M"]
    )
    phone: Text(30) = Field("", description="電話 Phone.", examples=["0912345678"])
    email: Text(254) = Field("", description="電子郵件 E-mail.", examples=["ming@example.tw"])
    address: Text(200) = Field("", description="地址 Address.", examples=["臺北市信義區市府路1號"])
    district_code: Text(8) = Field(
        "", description="臺北市行政區代碼或郵遞區號 Taipei district code or postal code.", examples=["110"]
    )

    @field_validator("passport_country")
    @classmethod
    def _country(cls, value: str, info) -> str:
        value = value.upper()
        if info.data.get("id_kind") == IdKind.PASSPORT:
            if len(value) != 3 or not (value.isascii() and value.isalpha()):
                raise RuleError(
                    "passport_country",
                    "請填寫護照核發國家的三碼代碼（如 IDN、VNM）。",
                    "Give the issuing country as its three-letter code (e.g. IDN, VNM).",
                )
        elif value:
            raise RuleError("passport_country", "只有護照需填核發國家。", "Only a passport has an issuing country.")
        return value

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str, info) -> str:
        kind = info.data.get("id_kind")
        if kind == IdKind.PASSPORT:
            number = identifiers.normalize(value)
            if not (5 <= len(number) <= 20 and number.isascii() and number.isalnum()):
                raise RuleError(
                    "id_number", "護照號碼應為5至20個英數字元。", "A passport number has 5 to 20 letters and digits."
                )
            return number
        result = identifiers.check_person_id(value)  # raises RuleError (a ValueError): 422 at id_number
        if kind and kind != result.kind:
            raise RuleError(
                "id_number",
                "證號格式與所選證件類別不符。",
                "The number does not match the chosen kind of document.",
            )
        return result.value

    @field_validator("birth_date")
    @classmethod
    def _birth_date(cls, value: date | None) -> date | None:
        if value is not None and value > timezone.localdate():
            raise RuleError("birth_date", "出生日期不可晚於今天。", "Birth date cannot be in the future.")
        if value is not None and value.year < 1900:
            raise RuleError("birth_date", "出生日期不可早於1900年。", "Birth date cannot be before 1900.")
        return value

    @field_validator("email")
    @classmethod
    def _check_email(cls, value: str) -> str:
        return _email(value)


@persons_router.get(
    "",
    response={200: PersonPage, **errors(401, 403, 422)},
    summary="查詢個人 Search persons",
    description="以證號（完全相符）或姓名（部分相符）查詢；每次查詢寫入一筆個資存取紀錄。"
    " Search by identifier (exact) or name (contains); each search is written to the access log.",
)
def person_search(request, query: Query[PersonSearchQuery]):
    user = _reader(request)
    if not query.id_number and not query.name:
        raise query_error("id_number", "請提供證號或姓名。", "Give an identifier or a name.")
    persons = Person.objects.filter(merged_into__isnull=True)
    criteria = []
    if query.id_number:
        number = identifiers.normalize(query.id_number)
        persons = persons.filter(id_number=number)
        criteria.append(f"id_number={number}")
    if query.name:
        if len(query.name) < 2:
            raise query_error("name", "姓名請至少輸入2個字。", "Give at least 2 characters of the name.")
        persons = persons.filter(name__icontains=query.name)
        criteria.append(f"name={query.name}")
    items, count = page_slice(persons.order_by("name", "pk"), query.page, query.page_size, PERSON_PAGE_SIZE)
    listed = ",".join(str(person.pk) for person in items)
    core_services.access_log_record(
        user=user,
        action="search",
        object_type="person",
        object_id=str(items[0].pk) if len(items) == 1 else "search",
        object_label=f"{' '.join(criteria)} -> {count}: {listed}",
        purpose=query.purpose or DEFAULT_PURPOSE,
    )
    return {"items": items, "count": count}


@persons_router.post(
    "",
    response={201: PersonOut, 200: PersonOut, **errors(401, 403, 422)},
    summary="登錄個人 Register a person",
    description="同一證號只有一筆資料：新登錄回 201，已登錄者回 200 並傳回既有資料（不修改）。"
    " One record per identifier: 201 when created, 200 with the existing record (unchanged) when known.",
)
def person_register(request, payload: PersonIn, query: Query[PurposeQuery]):
    user = _manager(request)
    data = core_services.PersonInput(
        id_number=payload.id_number,
        name=payload.name,
        id_kind=payload.id_kind or "",
        passport_country=payload.passport_country,
        birth_date=payload.birth_date,
        sex=payload.sex or "",
        phone=payload.phone,
        email=payload.email,
        address=payload.address,
        district_code=payload.district_code,
    )
    with remap_fields(district="district_code"):
        person, created = core_services.person_register(data=data, actor=user)
    _log_person_read(user, person, query.purpose)
    return Status(201 if created else 200, _person(person.pk))


@persons_router.get(
    "/{person_id}",
    response={200: PersonOut, **errors(401, 403, 404, 422)},
    summary="個人資料 A person",
    description="完整個人資料；每次讀取寫入一筆個資存取紀錄。 The full record; each read is written to the access log.",
)
def person_detail(request, query: Query[PurposeQuery], person_id: int = PersonId):
    user = _reader(request)
    person = _person(person_id)
    _log_person_read(user, person, query.purpose)
    return person


# --- employers -------------------------------------------------------------------------


class HeadcountOut(Schema):
    as_of: date = Field(description="基準日 As of.", examples=["2026-10-31"])
    headcount: int = Field(description="勞工人數 Number of workers.", examples=[230])
    source: str = Field(description="資料來源 Source.", examples=["勞保投保人數"])


class EstablishmentOut(Schema):
    id: int = Field(description="資料編號 Record id.", examples=[3])
    name: str = Field(description="廠場名稱 Name of the site.", examples=["內湖廠"])
    address: str = Field(description="地址 Address.", examples=["臺北市內湖區瑞光路1號"])
    district: DistrictOut | None = Field(description="臺北市行政區 Taipei district, if known.")
    industry: IndustryOut | None = Field(description="行業 Industry, if known.")
    headcounts: list[HeadcountOut] = Field(description="人數紀錄，新者在前 Headcount history, newest first.")

    @staticmethod
    def resolve_headcounts(obj):
        return list(obj.headcounts.all())


class EmployerSummaryOut(Schema):
    id: int = Field(description="資料編號 Record id.", examples=[7])
    business_id: str | None = Field(description="統一編號 Business ID (8 digits).", examples=["04595257"])
    name: str = Field(description="名稱 Name.", examples=["大安測試股份有限公司"])
    representative: str = Field(description="代表人 Representative.", examples=["陳大文"])
    district: DistrictOut | None = Field(description="臺北市行政區 Taipei district, if known.")


class EmployerOut(Schema):
    id: int = Field(description="資料編號 Record id.", examples=[7])
    business_id: str | None = Field(description="統一編號 Business ID (8 digits).", examples=["04595257"])
    name: str = Field(description="名稱 Name.", examples=["大安測試股份有限公司"])
    representative: str = Field(description="代表人 Representative.", examples=["陳大文"])
    industry: IndustryOut | None = Field(description="行業 Industry, if known.")
    phone: str = Field(description="電話 Phone.", examples=["02-27208889"])
    email: str = Field(description="電子郵件 E-mail.", examples=["hr@example.tw"])
    address: str = Field(description="地址 Address.", examples=["臺北市大安區復興南路一段1號"])
    district: DistrictOut | None = Field(description="臺北市行政區 Taipei district, if known.")
    merged_into_id: int | None = Field(
        description="已合併時，存續資料的編號 The surviving record when this one was merged.", examples=[None]
    )
    establishments: list[EstablishmentOut] = Field(description="廠場及人數紀錄 Sites with their headcount history.")
    created_at: datetime = Field(description="建立時間 Created at.")
    updated_at: datetime = Field(description="更新時間 Updated at.")

    @staticmethod
    def resolve_establishments(obj):
        return list(obj.establishments.all())


class EmployerSearchQuery(Schema):
    business_id: Text(20) | None = Field(
        None, description="統一編號（完全相符） Business ID (exact).", examples=["04595257"]
    )
    name: Text(120) | None = Field(None, description="名稱（部分相符） Name (contains).", examples=["大安"])


class EmployerIn(Schema):
    name: Text(120, 1) = Field(description="事業單位名稱 Name.", examples=["大安測試股份有限公司"])
    business_id: Text(20) = Field(
        "",
        description="統一編號；尚未查明可留空 Business ID (8 digits); empty if not yet known.",
        examples=["04595257"],
    )
    representative: Text(80) = Field("", description="代表人 Representative.", examples=["陳大文"])
    industry_code: Text(8) = Field("", description="行業統計分類代碼 Industry code (DGBAS).", examples=["47-48"])
    phone: Text(30) = Field("", description="電話 Phone.", examples=["02-27208889"])
    email: Text(254) = Field("", description="電子郵件 E-mail.", examples=["hr@example.tw"])
    address: Text(200) = Field("", description="地址 Address.", examples=["臺北市大安區復興南路一段1號"])
    district_code: Text(8) = Field("", description="臺北市行政區代碼或郵遞區號 Taipei district.", examples=["106"])

    @field_validator("business_id")
    @classmethod
    def _business_id(cls, value: str) -> str:
        if not value:
            return value
        return identifiers.check_business_id(value, timezone.localdate()).value  # RuleError: 422 at business_id

    @field_validator("email")
    @classmethod
    def _check_email(cls, value: str) -> str:
        return _email(value)


class EstablishmentIn(Schema):
    name: Text(120, 1) = Field(description="廠場名稱 Name of the site.", examples=["內湖廠"])
    address: Text(200) = Field("", description="地址 Address.", examples=["臺北市內湖區瑞光路1號"])
    district_code: Text(8) = Field("", description="臺北市行政區代碼或郵遞區號 Taipei district.", examples=["114"])
    industry_code: Text(8) = Field(
        "", description="行業代碼；不填時同事業單位 Industry code; the employer's when empty.", examples=["C"]
    )


class HeadcountIn(Schema):
    as_of: date = Field(description="基準日，不可晚於今天 As of (not in the future).", examples=["2026-10-31"])
    headcount: int = Field(ge=0, le=10_000_000, description="勞工人數 Number of workers.", examples=[230])
    source: Text(60) = Field("", description="資料來源 Source.", examples=["勞保投保人數"])


def _employer_detail(employer_id: int) -> Employer:
    sites = Establishment.objects.select_related("district", "industry").prefetch_related("headcounts").order_by("pk")
    employer = (
        Employer.objects.select_related("district", "industry")
        .prefetch_related(Prefetch("establishments", queryset=sites))
        .filter(pk=employer_id)
        .first()
    )
    if employer is None:
        raise NotFound("事業單位", "employer")
    return employer


@employers_router.get(
    "",
    response={200: list[EmployerSummaryOut], **errors(401, 403, 422)},
    summary="查詢事業單位 Search employers",
    description="以統一編號（完全相符）或名稱（部分相符）查詢現存資料。 Search live records by business ID or name.",
)
@paginate(Pages)
def employer_search(request, query: Query[EmployerSearchQuery]):
    _reader(request)
    employers = Employer.objects.filter(merged_into__isnull=True).select_related("district")
    if query.business_id:
        employers = employers.filter(business_id=identifiers.normalize(query.business_id))
    if query.name:
        employers = employers.filter(name__icontains=query.name)
    return employers.order_by("name", "pk")


@employers_router.post(
    "",
    response={201: EmployerOut, 200: EmployerOut, **errors(401, 403, 422)},
    summary="登錄事業單位 Register an employer",
    description="同一統一編號只有一筆資料：新登錄回 201，已登錄者回 200 並傳回既有資料。"
    " One record per business ID: 201 when created, 200 with the existing record when known.",
)
def employer_register(request, payload: EmployerIn):
    user = _manager(request)
    data = core_services.EmployerInput(**payload.dict())
    with remap_fields(district="district_code"):
        employer, created = core_services.employer_register(data=data, actor=user)
    return Status(201 if created else 200, _employer_detail(employer.pk))


@employers_router.get(
    "/{employer_id}",
    response={200: EmployerOut, **errors(401, 403, 404, 422)},
    summary="事業單位 An employer",
    description="含廠場與各廠場人數紀錄。 With its establishments and their headcount history.",
)
def employer_detail(request, employer_id: int = EmployerId):
    _reader(request)
    return _employer_detail(employer_id)


@employers_router.post(
    "/{employer_id}/establishments",
    response={201: EstablishmentOut, **errors(401, 403, 404, 409, 422)},
    summary="新增廠場 Add an establishment",
)
def establishment_add(request, payload: EstablishmentIn, employer_id: int = EmployerId):
    user = _manager(request)
    employer = _live_employer(employer_id)
    with remap_fields(district="district_code"):
        site = core_services.establishment_add(employer=employer, actor=user, **payload.dict())
    site = Establishment.objects.select_related("district", "industry").prefetch_related("headcounts").get(pk=site.pk)
    return Status(201, site)


@employers_router.post(
    "/{employer_id}/establishments/{establishment_id}/headcounts",
    response={200: HeadcountOut, **errors(401, 403, 404, 409, 422)},
    summary="登錄廠場人數 Record a headcount",
    description="登錄（或更正）某日的勞工人數。 Record, or correct, the headcount of a site as of a date.",
)
def headcount_record(
    request, payload: HeadcountIn, employer_id: int = EmployerId, establishment_id: int = EstablishmentId
):
    user = _manager(request)
    employer = _live_employer(employer_id)
    site = Establishment.objects.filter(pk=establishment_id, employer=employer).first()
    if site is None:
        raise NotFound("廠場", "establishment")
    return core_services.headcount_record(establishment=site, actor=user, **payload.dict())


# --- employer accounts: self sign-up (public) ------------------------------------------


class EmployerAccountIn(Schema):
    business_id: Text(20, 1) = Field(
        description="統一編號，8碼數字（2023-04-01 起之檢查規則） Business ID, 8 digits (check rule as of 2023-04-01).",
        examples=["04595257"],
    )
    employer_name: Text(120, 1) = Field(
        description="事業單位名稱；已登錄者不以此更改，名稱不同時留待本局確認 The employer's name; a registered "
        "name is not changed by it, a different one is kept for the department to check.",
        examples=["大安測試股份有限公司"],
    )
    employer_address: Text(200, 1) = Field(
        description="事業單位地址 The employer's address.", examples=["臺北市大安區復興南路一段1號"]
    )
    contact_name: Text(80, 1) = Field(description="聯絡人姓名 The contact person's name.", examples=["陳小華"])
    contact_email: Text(254, 1) = Field(description="聯絡人電子郵件 The contact's e-mail.", examples=["hr@example.tw"])
    contact_phone: Text(30, 1) = Field(
        description="聯絡電話（數字，可含 - 、括號、分機#） Contact phone (digits; -, brackets, # extension).",
        examples=["02-27208889#123"],
    )
    username: Text(40, 1) = Field(
        description="帳號，4至40個英數字或 _ . - Username: 4 to 40 letters, digits or _ . -", examples=["daan_hr"]
    )
    password: str = Field(
        min_length=1,
        max_length=128,
        description="密碼，須通過密碼規則（至少10字元、不可過於常見或全為數字、不可近似帳號資料） Password: at "
        "least 10 characters, not common, not all digits, not like the username or e-mail.",
        examples=["a-long-pass-phrase-2026"],
    )


class EmployerAccountOut(Schema):
    id: int = Field(description="帳號編號 Account id.", examples=[120])
    username: str = Field(description="帳號 Username.", examples=["daan_hr"])
    employer_id: int = Field(description="事業單位資料編號 The employer record.", examples=[7])
    business_id: str = Field(description="統一編號 Business ID.", examples=["04595257"])
    employer_name: str = Field(
        description="本局登錄之事業單位名稱 The employer's name as registered.", examples=["大安測試股份有限公司"]
    )
    verified: bool = Field(
        description="本局是否已確認此帳號；自行註冊者為 false Whether the department has verified the account; "
        "false after a self sign-up.",
        examples=[False],
    )


@employer_accounts_router.post(
    "",
    auth=None,
    response={201: EmployerAccountOut, **errors(409, 422, 429)},
    summary="事業單位註冊 Employer sign-up",
    description="公開：以統一編號建立事業單位帳號（不登入）。每個統一編號限一個有效帳號：已有帳號者回 409"
    "（請洽現有帳號管理人或本局）；已登錄之事業單位沿用原紀錄，不更改其資料。帳號在本局確認前為未確認。"
    "同一網路位址每小時限註冊10次（429）；登入另有失敗次數限制。"
    " Public: open an employer account by business ID (it does not sign in). One active account per business"
    " ID: 409 when there is one (ask its holder or the department). A registered employer's record is reused,"
    " unchanged. The account is unverified until the department checks it. At most 10 sign-ups an hour from"
    " one address (429); sign-in has its own failure limit.",
)
def employer_account_create(request, payload: EmployerAccountIn):
    user = core_services.employer_account_create(data=core_services.EmployerSignupInput(**payload.dict()))
    employer = user.employer
    return Status(
        201,
        {
            "id": user.pk,
            "username": user.username,
            "employer_id": employer.pk,
            "business_id": employer.business_id,
            "employer_name": employer.name,
            "verified": user.employer_signup.is_verified,
        },
    )
