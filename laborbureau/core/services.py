"""Writes of the core: parties, merges, the access log, login throttling, API tokens."""

import hashlib
import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils import timezone, translation

from laborbureau.core import access
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, Throttled, rule_error_to_application_error
from laborbureau.core.hashchain import entry_hash
from laborbureau.core.middleware import current_request
from laborbureau.core.models import (
    AccessLogEntry,
    ApiToken,
    ChainHead,
    District,
    Employer,
    EmployerSignup,
    Establishment,
    HeadcountRecord,
    IdKind,
    IndustryClass,
    LoginAttempt,
    PartyMerge,
    Person,
    User,
    UserKind,
)
from laborbureau.rules import identifiers
from laborbureau.rules.base import RuleError

ACCESS_LOG_CHAIN = "access_log"
log = logging.getLogger(__name__)


# --- the access log ---------------------------------------------------------------


def access_log_record(
    *,
    user: User | None,
    action: str,
    object_type: str,
    object_id: object,
    purpose: str,
    object_label: str = "",
) -> AccessLogEntry:
    """Append one entry to the access log (個人資料保護法: who read what, when, why).

    Locks the chain head so that concurrent appends form one chain; the lock is held
    only for this short transaction (the caller's page read is not inside it).
    """
    context = current_request.get()
    with transaction.atomic():
        head, _ = ChainHead.objects.get_or_create(name=ACCESS_LOG_CHAIN)
        head = ChainHead.objects.select_for_update().get(pk=head.pk)
        entry = AccessLogEntry(
            seq=head.last_seq + 1,
            at=timezone.now(),
            user=user if user is not None and user.is_authenticated else None,
            username=user.get_username() if user is not None and user.is_authenticated else "",
            action=action,
            object_type=object_type,
            object_id=str(object_id)[:40],
            object_label=object_label[:200],
            purpose=purpose[:200],
            ip=context.ip,
            path=context.path,
            prev_hash=head.last_hash,
        )
        entry.hash = entry_hash(entry.prev_hash, access_log_fields(entry))
        entry.save()
        head.last_seq = entry.seq
        head.last_hash = entry.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


def access_log_fields(entry: AccessLogEntry) -> dict:
    """The fields covered by an access-log entry's hash."""
    return {
        "seq": entry.seq,
        "at": entry.at,
        "user_id": entry.user_id,
        "username": entry.username,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_label": entry.object_label,
        "purpose": entry.purpose,
        "ip": entry.ip,
        "path": entry.path,
    }


# --- persons ----------------------------------------------------------------------


@dataclass(frozen=True)
class PersonInput:
    id_number: str
    name: str
    id_kind: str = ""  # empty: infer from the number; "passport" must be said
    passport_country: str = ""
    birth_date: date | None = None
    sex: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    district_code: str = ""


def normalize_person_id(id_number: str, id_kind: str = "", passport_country: str = "") -> tuple[str, str, str]:
    """Validate and normalise a person's identifier: (kind, number, country)."""
    if id_kind == IdKind.PASSPORT:
        number = identifiers.normalize(id_number)
        country = passport_country.strip().upper()
        if not (5 <= len(number) <= 20) or not number.isalnum():
            raise ApplicationError(
                "護照號碼應為5至20個英數字元。",
                "A passport number has 5 to 20 letters and digits.",
                field="id_number",
            )
        if len(country) != 3 or not country.isalpha():
            raise ApplicationError(
                "請填寫護照核發國家的三碼代碼（如 IDN、VNM）。",
                "Give the issuing country as its three-letter code (e.g. IDN, VNM).",
                field="passport_country",
            )
        return IdKind.PASSPORT, number, country
    try:
        result = identifiers.check_person_id(id_number)
    except RuleError as error:
        raise rule_error_to_application_error(error) from None
    if id_kind and id_kind != result.kind:
        raise ApplicationError(
            "證號格式與所選證件類別不符。",
            "The number does not match the chosen kind of document.",
            field="id_kind",
        )
    return result.kind, result.value, ""


def person_find(*, id_number: str, id_kind: str = "", passport_country: str = "") -> Person | None:
    """The live record for an identifier, following merges (None if unknown)."""
    kind, number, country = normalize_person_id(id_number, id_kind, passport_country)
    return Person.objects.filter(
        id_kind=kind, id_number=number, passport_country=country, merged_into__isnull=True
    ).first()


def _district(code: str) -> District | None:
    if not code:
        return None
    district = District.objects.filter(pk=code).first() or District.objects.filter(zip3=code).first()
    if district is None:
        raise ApplicationError("行政區不在臺北市12區之內。", "Unknown Taipei district.", field="district")
    return district


def person_register(*, data: PersonInput, actor: User | None) -> tuple[Person, bool]:
    """Find the person with this identifier or create them: (person, created).

    One Person per identifier: registering a known ID returns the existing record
    unchanged (a correction goes through person_update).
    """
    kind, number, country = normalize_person_id(data.id_number, data.id_kind, data.passport_country)
    name = data.name.strip()
    if not name:
        raise ApplicationError("請填寫姓名。", "Name is required.", field="name")
    if data.birth_date and data.birth_date > timezone.localdate():
        raise ApplicationError("出生日期不可晚於今天。", "Birth date cannot be in the future.", field="birth_date")
    district = _district(data.district_code)
    existing = Person.objects.filter(
        id_kind=kind, id_number=number, passport_country=country, merged_into__isnull=True
    ).first()
    if existing:
        return existing, False
    sex = data.sex
    if not sex and kind in (IdKind.NATIONAL_ID, IdKind.ARC_NEW):
        sex = identifiers.check_person_id(number).sex or ""
    try:
        with transaction.atomic():
            person = Person.objects.create(
                id_kind=kind,
                id_number=number,
                passport_country=country,
                name=name,
                birth_date=data.birth_date,
                sex=sex,
                phone=data.phone.strip(),
                email=data.email.strip(),
                address=data.address.strip(),
                district=district,
            )
    except IntegrityError:
        # Two registrations of the same ID raced: the other one won; use it.
        return Person.objects.get(id_kind=kind, id_number=number, passport_country=country, merged_into__isnull=True), False
    return person, True


def person_update(*, person: Person, actor: User, **fields) -> Person:
    """Correct a person's contact details (not their identifier: that is a merge)."""
    if not access.can_manage_parties(actor):
        raise Forbidden("您沒有修改個人資料的權限。", "You may not change personal data.")
    allowed = {"name", "birth_date", "sex", "phone", "email", "address", "district_code"}
    for key in fields:
        if key not in allowed:
            raise ApplicationError("不可修改此欄位。", "This field cannot be changed.", field=key)
    if "name" in fields and not str(fields["name"] or "").strip():
        raise ApplicationError("請填寫姓名。", "Name is required.", field="name")
    birth_date = fields.get("birth_date")
    if birth_date and birth_date > timezone.localdate():
        raise ApplicationError("出生日期不可晚於今天。", "Birth date cannot be in the future.", field="birth_date")
    if "district_code" in fields:
        person.district = _district(fields["district_code"])
    for key, value in fields.items():
        if key != "district_code":
            setattr(person, key, value.strip() if isinstance(value, str) else value)
    person.save()
    return person


@transaction.atomic
def person_merge(*, survivor: Person, absorbed: Person, actor: User, reason: str) -> PartyMerge:
    """Merge `absorbed` into `survivor`: accounts and case parties move over; the
    absorbed row stays, pointing at the survivor, with a snapshot in PartyMerge."""
    _check_merge(actor, survivor, absorbed, reason)
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    absorbed = Person.objects.select_for_update().get(pk=absorbed.pk)
    if absorbed.merged_into_id or survivor.merged_into_id:
        raise ApplicationError("其中一筆資料已被合併。", "One of the records was already merged.")
    snapshot = model_to_dict(absorbed)
    snapshot["birth_date"] = absorbed.birth_date.isoformat() if absorbed.birth_date else None
    for field in ("birth_date", "sex", "phone", "email", "address", "district"):
        if not getattr(survivor, field) and getattr(absorbed, field):
            setattr(survivor, field, getattr(absorbed, field))
    survivor.save()
    absorbed.merged_into = survivor
    absorbed.save(update_fields=["merged_into", "updated_at"])
    User.objects.filter(person=absorbed).update(person=survivor)
    _repoint_party_references("person", absorbed.pk, survivor.pk)
    return PartyMerge.objects.create(
        kind=PartyMerge.Kind.PERSON,
        survivor_id=survivor.pk,
        absorbed_id=absorbed.pk,
        reason=reason.strip(),
        snapshot=snapshot,
        merged_by=actor,
    )


# --- employers --------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerInput:
    name: str
    business_id: str = ""
    representative: str = ""
    industry_code: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    district_code: str = ""


def normalize_business_id(business_id: str, on: date | None = None) -> str:
    try:
        return identifiers.check_business_id(business_id, on or timezone.localdate()).value
    except RuleError as error:
        raise rule_error_to_application_error(error) from None


def _industry(code: str) -> IndustryClass | None:
    if not code:
        return None
    industry = IndustryClass.objects.filter(pk=code.strip().upper()).first()
    if industry is None:
        raise ApplicationError("行業代碼不在行業統計分類之內。", "Unknown industry code.", field="industry_code")
    return industry


def employer_register(*, data: EmployerInput, actor: User | None) -> tuple[Employer, bool]:
    """Find the employer with this 統一編號 or create it: (employer, created).

    An employer without a 統一編號 (not yet identified) is always created; it can be
    merged into the right record once identified.
    """
    name = data.name.strip()
    if not name:
        raise ApplicationError("請填寫事業單位名稱。", "Employer name is required.", field="name")
    business_id = normalize_business_id(data.business_id) if data.business_id.strip() else None
    industry = _industry(data.industry_code)
    district = _district(data.district_code)
    if business_id:
        existing = Employer.objects.filter(business_id=business_id, merged_into__isnull=True).first()
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            employer = Employer.objects.create(
                business_id=business_id,
                name=name,
                representative=data.representative.strip(),
                industry=industry,
                phone=data.phone.strip(),
                email=data.email.strip(),
                address=data.address.strip(),
                district=district,
            )
    except IntegrityError:
        return Employer.objects.get(business_id=business_id, merged_into__isnull=True), False
    return employer, True


def employer_update(*, employer: Employer, data: EmployerInput, actor: User) -> Employer:
    """Correct an employer's name, representative, industry, contact details, address
    and district; set the 統一編號 of an employer not yet identified.

    The 統一編號 of an identified employer is not changed here: a wrong one means two
    records, and that is a merge (employer_merge). A number already held by another
    live record is refused for the same reason.
    """
    if not access.can_manage_parties(actor):
        raise Forbidden("您沒有修改事業單位資料的權限。", "You may not change employer records.")
    name = data.name.strip()
    if not name:
        raise ApplicationError("請填寫事業單位名稱。", "Employer name is required.", field="name")
    business_id = normalize_business_id(data.business_id) if data.business_id.strip() else None
    industry = _industry(data.industry_code)
    district = _district(data.district_code)
    try:
        with transaction.atomic():
            # Lock the row: a merge or another correction running now must not be lost.
            employer = Employer.objects.select_for_update().get(pk=employer.pk)
            if employer.merged_into_id:
                raise ApplicationError(
                    "此紀錄已併入其他紀錄，請修正保留的紀錄。",
                    "This record was merged into another; correct the record that was kept.",
                )
            if employer.business_id and business_id != employer.business_id:
                raise ApplicationError(
                    "已登錄的統一編號不可修改；若有誤，請登錄正確的事業單位後合併兩筆紀錄。",
                    "A recorded business ID cannot be changed; if it is wrong, register the right employer "
                    "and merge the two records.",
                    field="business_id",
                )
            if business_id and not employer.business_id:
                if Employer.objects.filter(business_id=business_id, merged_into__isnull=True).exists():
                    raise _business_id_taken()
                employer.business_id = business_id
            employer.name = name
            employer.representative = data.representative.strip()
            employer.industry = industry
            employer.phone = data.phone.strip()
            employer.email = data.email.strip()
            employer.address = data.address.strip()
            employer.district = district
            employer.save()
    except IntegrityError:
        # Another record took the number between the check and the save.
        raise _business_id_taken() from None
    return employer


def _business_id_taken() -> ApplicationError:
    return ApplicationError(
        "此統一編號已屬另一筆事業單位紀錄；若為同一事業單位，請合併兩筆紀錄。",
        "This business ID belongs to another employer record; if they are the same employer, merge the two.",
        field="business_id",
    )


def establishment_add(
    *, employer: Employer, name: str, address: str = "", district_code: str = "", industry_code: str = "", actor: User
) -> Establishment:
    if not name.strip():
        raise ApplicationError("請填寫廠場名稱。", "Establishment name is required.", field="name")
    return Establishment.objects.create(
        employer=employer,
        name=name.strip(),
        address=address.strip(),
        district=_district(district_code),
        industry=_industry(industry_code) or employer.industry,
    )


def headcount_record(
    *, establishment: Establishment, as_of: date, headcount: int, source: str = "", actor: User | None
) -> HeadcountRecord:
    """Record (or correct) the headcount of a site on a date."""
    if headcount < 0:
        raise ApplicationError("人數不可為負數。", "Headcount cannot be negative.", field="headcount")
    if as_of > timezone.localdate():
        raise ApplicationError("日期不可晚於今天。", "The date cannot be in the future.", field="as_of")
    record, _ = HeadcountRecord.objects.update_or_create(
        establishment=establishment,
        as_of=as_of,
        defaults={"headcount": headcount, "source": source[:60], "recorded_by": actor},
    )
    return record


@transaction.atomic
def employer_merge(*, survivor: Employer, absorbed: Employer, actor: User, reason: str) -> PartyMerge:
    """Merge `absorbed` into `survivor`: establishments, accounts and case parties move
    over; the absorbed row stays, pointing at the survivor."""
    _check_merge(actor, survivor, absorbed, reason)
    survivor = Employer.objects.select_for_update().get(pk=survivor.pk)
    absorbed = Employer.objects.select_for_update().get(pk=absorbed.pk)
    if absorbed.merged_into_id or survivor.merged_into_id:
        raise ApplicationError("其中一筆資料已被合併。", "One of the records was already merged.")
    if survivor.business_id and absorbed.business_id and survivor.business_id != absorbed.business_id:
        raise ApplicationError(
            "兩筆資料的統一編號不同，不可合併。",
            "The two records have different business IDs and cannot be merged.",
            field="absorbed",
        )
    snapshot = model_to_dict(absorbed)
    if not survivor.business_id and absorbed.business_id:
        # The unidentified record survives and takes the number: free it first.
        number = absorbed.business_id
        absorbed.business_id = None
        absorbed.save(update_fields=["business_id"])
        survivor.business_id = number
    for field in ("representative", "industry", "phone", "email", "address", "district"):
        if not getattr(survivor, field) and getattr(absorbed, field):
            setattr(survivor, field, getattr(absorbed, field))
    survivor.save()
    absorbed.merged_into = survivor
    absorbed.save(update_fields=["merged_into", "updated_at"])
    Establishment.objects.filter(employer=absorbed).update(employer=survivor)
    User.objects.filter(employer=absorbed).update(employer=survivor)
    _repoint_party_references("employer", absorbed.pk, survivor.pk)
    return PartyMerge.objects.create(
        kind=PartyMerge.Kind.EMPLOYER,
        survivor_id=survivor.pk,
        absorbed_id=absorbed.pk,
        reason=reason.strip(),
        snapshot=snapshot,
        merged_by=actor,
    )


def _check_merge(actor: User, survivor, absorbed, reason: str) -> None:
    if not access.can_manage_parties(actor):
        raise Forbidden("您沒有合併資料的權限。", "You may not merge records.")
    if survivor.pk == absorbed.pk:
        raise ApplicationError("不可與自己合併。", "A record cannot be merged with itself.", field="absorbed")
    if not reason.strip():
        raise ApplicationError("請說明合併理由。", "Give the reason for the merge.", field="reason")


# Apps that hold party references register a function here (called inside the merge
# transaction) so that the core never imports them: (kind, old_id, new_id) -> None.
PARTY_REFERENCE_HOOKS: list = []


def _repoint_party_references(kind: str, old_id: int, new_id: int) -> None:
    for hook in PARTY_REFERENCE_HOOKS:
        hook(kind, old_id, new_id)


# --- login throttling -------------------------------------------------------------


def login_is_throttled(*, username: str, ip: str) -> bool:
    """True when too many recent failures came for this username or from this address."""
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    limit = settings.LOGIN_FAILURE_LIMIT
    recent = LoginAttempt.objects.filter(at__gte=since, succeeded=False)
    by_user = recent.filter(username=username.lower()).count()
    by_ip = recent.filter(ip=ip).count() if ip else 0
    # An address may try a few accounts (a shared office NAT), not dozens.
    return by_user >= limit or by_ip >= limit * 4


def login_attempt_record(*, username: str, ip: str, succeeded: bool) -> None:
    LoginAttempt.objects.create(username=username.lower()[:150], ip=ip, succeeded=succeeded)
    if succeeded:
        # A successful login clears that account's failure count.
        LoginAttempt.objects.filter(username=username.lower(), succeeded=False).delete()


# --- API tokens -------------------------------------------------------------------

TOKEN_PREFIX = "lb_"


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the token row and the key, shown only once."""
    if not name.strip():
        raise ApplicationError("請為權杖命名。", "Give the token a name.", field="name")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip()[:80], prefix=key[:8], key_hash=token_hash(key))
    return token, key


def api_token_revoke(*, token: ApiToken, actor: User) -> None:
    if token.user_id != actor.pk:
        raise Forbidden("只能撤銷自己的權杖。", "You can only revoke your own tokens.")
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_authenticate(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Record use at most once a minute: a write on every API call would serialise
    # busy clients on SQLite and churn the row on PostgreSQL.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- portal accounts --------------------------------------------------------------


@transaction.atomic
def citizen_account_create(
    *, username: str, password: str, person_data: PersonInput
) -> User:
    """Create a citizen's portal account tied to their person record.

    The person is found by ID or created. An ID that already has an account cannot
    get a second one, and an existing record's birth date must match: without a
    national login (自然人憑證 / TW FidO, not reachable from here) this is the check
    that keeps one person from opening another's cases.
    """
    if person_data.birth_date is None:
        raise ApplicationError("請填寫出生日期。", "Date of birth is required.", field="birth_date")
    kind, number, country = normalize_person_id(person_data.id_number, person_data.id_kind, person_data.passport_country)
    existing = Person.objects.filter(
        id_kind=kind, id_number=number, passport_country=country, merged_into__isnull=True
    ).first()
    if existing is not None:
        if User.objects.filter(person=existing).exists():
            raise ApplicationError(
                "此證號已註冊帳號，請直接登入；忘記密碼請洽本局。",
                "This ID already has an account: sign in, or contact us if you forgot the password.",
                field="id_number",
            )
        if existing.birth_date and existing.birth_date != person_data.birth_date:
            raise ApplicationError(
                "身分資料與本局紀錄不符，請洽本局臨櫃辦理。",
                "These details do not match our records; please visit our counter.",
                field="birth_date",
            )
    person, _ = person_register(data=person_data, actor=None)
    if person.birth_date is None:
        person.birth_date = person_data.birth_date
        person.save(update_fields=["birth_date", "updated_at"])
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError("此帳號已有人使用。", "This username is taken.", field="username")
    user = User(username=username, kind="CITIZEN", person=person, email=person_data.email, display_name=person.name)
    user.set_password(password)
    user.save()
    return user


# --- employer accounts (self sign-up) ---------------------------------------------

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{4,40}$")
_PHONE_PATTERN = re.compile(r"^\+?[0-9()#\- ]{6,30}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
# Sign-ups from one address in a window: generous for an office behind one NAT that
# registers a few companies, tight for a script creating accounts.
SIGNUP_LIMIT_PER_IP = 10
SIGNUP_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class EmployerSignupInput:
    business_id: str
    employer_name: str
    employer_address: str
    contact_name: str
    contact_email: str
    contact_phone: str
    username: str
    password: str


def _required_text(value: str, *, field: str, label_zh: str, label_en: str, max_length: int) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ApplicationError(f"請填寫{label_zh}。", f"{label_en} is required.", field=field)
    if len(text) > max_length:
        raise ApplicationError(
            f"{label_zh}請在{max_length}字以內。", f"{label_en}: at most {max_length} characters.", field=field
        )
    if _CONTROL.search(text):
        raise ApplicationError(f"{label_zh}含有不允許的字元。", f"{label_en} contains characters that are not allowed.",
                               field=field)
    return text


def _same_name(a: str, b: str) -> bool:
    """Names equal but for width, spaces and 台/臺 (the way people type a company name)."""

    def fold(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split()).replace("台", "臺").casefold()

    return fold(a) == fold(b)


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not USERNAME_PATTERN.match(username):
        raise ApplicationError(
            "帳號為4至40個英數字或 _ . -", "A username has 4 to 40 letters, digits or _ . -", field="username"
        )
    if User.objects.filter(username__iexact=username).exists():
        raise _username_taken()
    return username


def _username_taken() -> ApplicationError:
    return ApplicationError("此帳號已有人使用。", "This username is taken.", field="username")


def check_new_password(password: str, user: User) -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), their messages
    in both languages, as one ApplicationError on `password`."""
    messages = {}
    for language in ("zh-hant", "en"):
        with translation.override(language):
            try:
                validate_password(password, user)
            except DjangoValidationError as error:
                messages[language] = " ".join(error.messages)
    if messages:
        raise ApplicationError(messages.get("zh-hant", ""), messages.get("en", ""), field="password")


def employer_signup_is_throttled(ip: str) -> bool:
    if not ip:
        return False
    since = timezone.now() - SIGNUP_WINDOW
    return EmployerSignup.objects.filter(ip=ip, created_at__gte=since).count() >= SIGNUP_LIMIT_PER_IP


def _active_employer_accounts(employer: Employer):
    return User.objects.filter(kind=UserKind.EMPLOYER, employer=employer, is_active=True)


@transaction.atomic
def employer_account_create(*, data: EmployerSignupInput) -> User:
    """Open an employer's portal account by self sign-up (統一編號, the employer's name and
    address, a contact person, a username and password).

    - One account per 統一編號: an employer that already has an active account gets no
      second one this way (Conflict on business_id); another account is added by the
      existing holder or the department.
    - The Employer record for the number is reused (employer_register); the sign-up
      never changes it. A declared name that differs from the registered one is kept on
      the sign-up and flagged for staff.
    - The account is unverified (EmployerSignup.verified_at empty) until an officer
      verifies it (employer_account_verify).
    Everything is written in one transaction, or nothing.
    """
    ip = current_request.get().ip
    if employer_signup_is_throttled(ip):
        raise Throttled(
            "此網路位址短時間內註冊次數過多，請稍後再試或洽本局。",
            "Too many sign-ups from this address. Try again later or contact the department.",
        )
    business_id = normalize_business_id(data.business_id)
    name = _required_text(data.employer_name, field="employer_name", label_zh="事業單位名稱",
                          label_en="The employer's name", max_length=120)
    address = _required_text(data.employer_address, field="employer_address", label_zh="事業單位地址",
                             label_en="The employer's address", max_length=200)
    contact_name = _required_text(data.contact_name, field="contact_name", label_zh="聯絡人姓名",
                                  label_en="The contact person's name", max_length=80)
    email = (data.contact_email or "").strip()
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ApplicationError("電子郵件地址格式不正確。", "Not a valid e-mail address.", field="contact_email") from None
    if len(email) > 254:
        raise ApplicationError("電子郵件地址太長。", "The e-mail address is too long.", field="contact_email")
    phone = (data.contact_phone or "").strip()
    if not _PHONE_PATTERN.match(phone) or sum(ch.isdigit() for ch in phone) < 6:
        raise ApplicationError(
            "請填寫聯絡電話（數字，可含 - 、括號、分機#）。",
            "Give a contact phone number (digits; -, brackets and # for an extension allowed).",
            field="contact_phone",
        )
    username = _check_username(data.username)
    user = User(username=username, kind=UserKind.EMPLOYER, email=email, first_name=contact_name[:150])
    check_new_password(data.password, user)

    employer, _ = employer_register(
        data=EmployerInput(name=name, business_id=business_id, address=address, phone=phone, email=email), actor=None
    )
    # Lock the record: two sign-ups for one number wait here, and the second sees the first's account.
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if _active_employer_accounts(employer).exists():
        raise Conflict(
            "此統一編號已有事業單位帳號。如需另一個帳號，請洽貴單位現有帳號的管理人，或洽本局就業服務處。",
            "This business ID already has an employer account. For another account, ask the person who holds "
            "the existing one, or contact the department's Employment Services Office.",
            field="business_id",
        )
    user.employer = employer
    user.display_name = employer.name[:80]
    user.set_password(data.password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise _username_taken() from None  # taken between the check and the save
    EmployerSignup.objects.create(
        user=user,
        declared_name=name,
        declared_address=address,
        name_differs=not _same_name(name, employer.name),
        contact_name=contact_name,
        contact_phone=phone,
        ip=ip,
    )
    return user


def _live_employer(employer: Employer) -> Employer:
    seen = set()
    while employer.merged_into_id and employer.pk not in seen:
        seen.add(employer.pk)
        employer = Employer.objects.get(pk=employer.merged_into_id)
    return employer


def employer_account_verified(employer: Employer) -> bool:
    """True when the department stands behind this employer's portal accounts: it has an
    active employer account and none of its active accounts is a self sign-up still
    awaiting an officer's check. Follows merges to the live record.

    An employer with no active portal account answers False (no account is vouched
    for); a vacancy an officer posted for it is vouched for by the officer, which the
    caller knows from the vacancy itself.
    """
    accounts = _active_employer_accounts(_live_employer(employer))
    if not accounts.exists():
        return False
    return not accounts.filter(employer_signup__isnull=False, employer_signup__verified_at__isnull=True).exists()


def _require_account_checker(actor: User) -> None:
    if not access.can_verify_employer_accounts(actor):
        raise Forbidden("您沒有審核事業單位帳號的權限。", "You may not verify employer accounts.")


def _locked_signup(signup: EmployerSignup) -> EmployerSignup:
    return EmployerSignup.objects.select_for_update().select_related("user").get(pk=signup.pk)


@transaction.atomic
def employer_account_verify(*, signup: EmployerSignup, actor: User, note: str = "") -> EmployerSignup:
    """An officer confirms that a self-signed-up account belongs to the employer (e.g. a
    call to the number on the company register). Recorded on the sign-up: who, when, note."""
    _require_account_checker(actor)
    signup = _locked_signup(signup)
    if signup.deactivated_at or not signup.user.is_active:
        raise Conflict("此帳號已停用，不可審核通過。", "This account was deactivated and cannot be verified.")
    if signup.verified_at:
        raise Conflict("此帳號已審核通過。", "This account was already verified.")
    signup.verified_at = timezone.now()
    signup.verified_by = actor
    signup.decision_note = (note or "").strip()[:200]
    signup.save(update_fields=["verified_at", "verified_by", "decision_note"])
    log.info("employer account %s verified by %s", signup.user.username, actor.username)
    return signup


@transaction.atomic
def employer_account_deactivate(*, signup: EmployerSignup, actor: User, reason: str) -> EmployerSignup:
    """An officer stops an account opened by self sign-up (not the employer's, or a
    scam): it can no longer sign in or use its tokens, and the 統一編號 may sign up again."""
    _require_account_checker(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("請說明停用理由。", "Give the reason for deactivating.", field="reason")
    signup = _locked_signup(signup)
    if signup.deactivated_at or not signup.user.is_active:
        raise Conflict("此帳號已停用。", "This account was already deactivated.")
    User.objects.filter(pk=signup.user_id).update(is_active=False)
    signup.deactivated_at = timezone.now()
    signup.deactivated_by = actor
    signup.decision_note = reason[:200]
    signup.save(update_fields=["deactivated_at", "deactivated_by", "decision_note"])
    log.info("employer account %s deactivated by %s", signup.user.username, actor.username)
    return signup
