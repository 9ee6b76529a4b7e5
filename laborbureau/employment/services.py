"""Writes of the job bank: job-seeker registration (求職登記), vacancies (求才登記) and their
life cycle, referrals (推介) and their answers, counselling notes.

Who may do what:
- the Employment Services Office (unit ESO; the director everywhere; a unit grant) serves:
  registers job seekers at the counter, posts vacancies for employers, refers, writes notes;
- an employer account posts and manages its own vacancies and answers referrals to them;
- a citizen registers and updates their own profile.
Anyone else is refused (pages and the API answer 404 for other units' staff).
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from laborbureau.core import access
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from laborbureau.core.models import District, Employer, Person, Role, Unit, User, UserKind
from laborbureau.employment import indexing, screening
from laborbureau.employment import skills as skill_terms
from laborbureau.employment.models import (
    OPEN_VACANCY,
    Channel,
    CounsellingNote,
    Education,
    JobSeeker,
    Language,
    NotHiredReason,
    Occupation,
    PayUnit,
    Referral,
    ReferralOutcome,
    SeekerStatus,
    SupportedGroup,
    Vacancy,
    VacancyEvent,
    VacancyStatus,
    WorkingHours,
)
from laborbureau.notify.services import outbox_write
from laborbureau.rules import identifiers, wages
from laborbureau.rules.base import RuleError

UNIT_CODE = "ESO"
MAX_TITLE = 60
MAX_DESCRIPTION = 3000
MIN_DESCRIPTION = 10
MAX_REQUIREMENTS = 1000
MAX_PROFILE_TEXT = 2000
MAX_NOTE = 2000
MAX_OPENINGS = 500
MAX_CLOSING_DAYS = 365  # a vacancy stays open at most a year; repost after that
# Sanity bounds that catch a typo (an extra zero), not a legal limit.
MAX_PAY = {PayUnit.MONTHLY: 2_000_000, PayUnit.HOURLY: 20_000}

# --- who may do what ----------------------------------------------------------------


def _eso_unit_id(user: User) -> int | None:
    cached = getattr(user, "_eso_unit_id", None)
    if cached is None:
        cached = Unit.objects.filter(code=UNIT_CODE).values_list("pk", flat=True).first()
        user._eso_unit_id = cached
    return cached


def can_read(user: User) -> bool:
    """ESO staff (and the director, the auditor, a unit grant) read job seekers."""
    if not user.is_authenticated or user.kind != UserKind.STAFF:
        return False
    return access.can_read_unit(user, _eso_unit_id(user))


def can_serve(user: User) -> bool:
    """ESO staff who may register, post, refer and write notes (not the auditor)."""
    if not user.is_authenticated or user.kind != UserKind.STAFF or user.role in (Role.AUDITOR, Role.SYSADMIN):
        return False
    return access.can_act_on_unit(user, _eso_unit_id(user))


def require_server(user: User) -> None:
    if not can_serve(user):
        raise Forbidden("您沒有就業服務的權限。", "You may not act for the employment service.")


def can_manage_vacancy(user: User, vacancy: Vacancy) -> bool:
    if user.is_authenticated and user.kind == UserKind.EMPLOYER:
        return user.employer_id is not None and user.employer_id == vacancy.employer_id
    return can_serve(user)


# --- free text ------------------------------------------------------------------------

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
_ACTIVE_CONTENT = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|svg|img|link|meta|form)\b|javascript\s*:|<[^>]*\bon\w+\s*=",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_text(value: str, *, field: str, label_zh: str, label_en: str, max_length: int, min_length: int = 0,
               markup: bool = False) -> str:
    """Strip and check free text: length, no control characters, no script; no markup at
    all unless `markup` (a description may hold "<" as text; it is rendered escaped)."""
    text = (value or "").strip().replace("\r\n", "\n")
    if min_length and len(text) < min_length:
        if not text:
            raise ApplicationError(f"請填寫{label_zh}。", f"{label_en} is required.", field=field)
        raise ApplicationError(f"{label_zh}至少{min_length}個字。", f"{label_en}: at least {min_length} characters.",
                               field=field)
    if len(text) > max_length:
        raise ApplicationError(f"{label_zh}請在{max_length}字以內（目前{len(text)}字）。",
                               f"{label_en}: at most {max_length} characters (now {len(text)}).", field=field)
    if _CONTROL.search(text):
        raise ApplicationError(f"{label_zh}含有不允許的控制字元。", f"{label_en} contains control characters.",
                               field=field)
    if _ACTIVE_CONTENT.search(text) or (not markup and _TAG.search(text)):
        raise ApplicationError(f"{label_zh}不可含HTML標籤或程式碼，請輸入純文字。",
                               f"{label_en} may not contain HTML or script; write plain text.", field=field,
                               code="markup")
    return text


# --- reference lookups -------------------------------------------------------------------


def occupation_get(code: str, *, field: str = "occupation") -> Occupation:
    """A sub-major group (two digits) of 職業標準分類."""
    occupation = Occupation.objects.filter(pk=(code or "").strip(), level="sub_major").first()
    if occupation is None:
        raise ApplicationError("職業代碼不在職業標準分類（第6次修正）的中類之內。",
                               "Unknown occupation code (a two-digit sub-major group of the 6th revision).",
                               field=field)
    return occupation


def district_get(code: str, *, field: str = "district") -> District:
    code = (code or "").strip()
    district = District.objects.filter(pk=code).first() or District.objects.filter(zip3=code).first()
    if district is None:
        raise ApplicationError("行政區不在臺北市12區之內。", "Unknown Taipei district.", field=field)
    return district


def minimum_wage(pay_unit: str, on: date) -> int:
    """The minimum wage in force on `on` for the pay unit (最低工資法第5條; 勞動基準法第21條
    before 2024-01-01): the monthly figure for monthly pay, the hourly figure for hourly pay."""
    try:
        figure = wages.basic_wage(on)
    except RuleError as error:
        raise ApplicationError(error.message_zh, error.message_en, field="pay_min") from None
    return figure.monthly if pay_unit == PayUnit.MONTHLY else figure.hourly


# --- vacancies -------------------------------------------------------------------------


@dataclass(frozen=True)
class VacancyInput:
    title: str
    description: str
    occupation_code: str
    district_code: str
    address: str
    pay_unit: str
    pay_min: int
    closing_date: date
    hours: str
    pay_max: int | None = None
    hours_note: str = ""
    requirements: str = ""
    education_min: str = Education.NONE
    openings: int = 1
    # Staff posting for an employer name it; an employer account posts for itself.
    employer: core_services.EmployerInput | None = None


def _clean_vacancy(data: VacancyInput, today: date) -> dict:
    title = clean_text(data.title, field="title", label_zh="職缺名稱", label_en="Title", max_length=MAX_TITLE,
                       min_length=2)
    description = clean_text(data.description, field="description", label_zh="工作內容", label_en="Description",
                             max_length=MAX_DESCRIPTION, min_length=MIN_DESCRIPTION, markup=True)
    requirements = clean_text(data.requirements, field="requirements", label_zh="條件要求", label_en="Requirements",
                              max_length=MAX_REQUIREMENTS, markup=True)
    address = clean_text(data.address, field="address", label_zh="工作地址", label_en="Address", max_length=200,
                         min_length=4)
    hours_note = clean_text(data.hours_note, field="hours_note", label_zh="工作時間說明", label_en="Hours note",
                            max_length=100)
    occupation = occupation_get(data.occupation_code)
    district = district_get(data.district_code)
    if data.pay_unit not in PayUnit.values:
        raise ApplicationError("計薪方式應為月薪或時薪。", "Pay is monthly or hourly.", field="pay_unit")
    if data.hours not in WorkingHours.values:
        raise ApplicationError("工作時段不正確。", "Unknown working hours.", field="hours")
    if data.education_min not in Education.values:
        raise ApplicationError("學歷要求不正確。", "Unknown education level.", field="education_min")
    if not 1 <= data.openings <= MAX_OPENINGS:
        raise ApplicationError(f"需求人數應為1至{MAX_OPENINGS}人。", f"Openings: 1 to {MAX_OPENINGS}.",
                               field="openings")
    floor = minimum_wage(data.pay_unit, today)
    unit_zh, unit_en = ("月", "monthly") if data.pay_unit == PayUnit.MONTHLY else ("小時", "hourly")
    if data.pay_min < floor:
        raise ApplicationError(
            f"薪資不得低於{today.year - 1911}年{today.month}月{today.day}日適用之最低工資每{unit_zh}{floor:,}元"
            "（最低工資法第5條）。",
            f"Pay may not be below the {unit_en} minimum wage in force on {today.isoformat()}: NT${floor:,} "
            "(Minimum Wage Act Art. 5).",
            field="pay_min", code="below_minimum_wage",
        )
    if data.pay_min > MAX_PAY[data.pay_unit]:
        raise ApplicationError("薪資金額過高，請確認是否多打了0。", "The pay looks too high; check for an extra zero.",
                               field="pay_min")
    if data.pay_max is not None:
        if data.pay_max < data.pay_min:
            raise ApplicationError("薪資上限不可低於下限。", "The top of the range is below the bottom.",
                                   field="pay_max")
        if data.pay_max > MAX_PAY[data.pay_unit]:
            raise ApplicationError("薪資上限過高，請確認是否多打了0。",
                                   "The top of the range looks too high; check for an extra zero.", field="pay_max")
    if data.closing_date < today:
        raise ApplicationError("截止日期不可早於今天。", "The closing date cannot be in the past.",
                               field="closing_date")
    if data.closing_date > today + timedelta(days=MAX_CLOSING_DAYS):
        raise ApplicationError(f"截止日期最長為{MAX_CLOSING_DAYS}日內。",
                               f"The closing date is at most {MAX_CLOSING_DAYS} days ahead.", field="closing_date")
    return {
        "title": title, "description": description, "requirements": requirements, "address": address,
        "hours_note": hours_note, "occupation": occupation, "district": district, "pay_unit": data.pay_unit,
        "pay_min": data.pay_min, "pay_max": data.pay_max if data.pay_max != data.pay_min else None,
        "minimum_wage_checked": floor, "hours": data.hours, "education_min": data.education_min,
        "openings": data.openings, "closing_date": data.closing_date,
        "skill_bits": skill_terms.vacancy_bits(title=title, description=description, requirements=requirements),
    }


def _identified_employer(employer: Employer | None, today: date, field_name: str) -> Employer:
    """A vacancy's employer must carry a 統一編號 that passes its check (商業登記法, 營利事業
    統一發證辦法; rules.identifiers)."""
    if employer is None or not employer.business_id:
        raise ApplicationError("求才須有事業單位統一編號。", "A vacancy needs the employer's business ID.",
                               field=field_name)
    try:
        identifiers.check_business_id(employer.business_id, today)
    except RuleError as error:
        raise ApplicationError(error.message_zh, error.message_en, field=field_name) from None
    return employer.merged_into if employer.merged_into_id else employer


def _vacancy_employer(data: VacancyInput, actor: User, today: date) -> tuple[Employer, str]:
    if actor.is_authenticated and actor.kind == UserKind.EMPLOYER:
        return _identified_employer(actor.employer, today, "employer.business_id"), Channel.PORTAL
    require_server(actor)
    if data.employer is None:
        raise ApplicationError("請填寫徵才事業單位。", "Name the employer.", field="employer.name")
    if not data.employer.business_id.strip():
        raise ApplicationError("求才須有事業單位統一編號。", "A vacancy needs the employer's business ID.",
                               field="employer.business_id")
    try:
        employer, _ = core_services.employer_register(data=data.employer, actor=actor)
    except ApplicationError as error:
        if error.field and "." not in error.field:
            error.field = f"employer.{error.field}"
        raise
    return _identified_employer(employer, today, "employer.business_id"), Channel.COUNTER


def vacancy_create(*, data: VacancyInput, actor: User, channel: str | None = None,
                   today: date | None = None) -> Vacancy:
    """Register a vacancy: validate everything (nothing is saved half-filled), pass it
    through the screening hook, and publish it (ACTIVE) or hold it (HELD). Writes the
    created event. `today` is the posting date (default: today in Taipei)."""
    today = today or timezone.localdate()
    if actor.is_authenticated and actor.kind == UserKind.CITIZEN:
        raise Forbidden("求才須以事業單位帳號或由就業服務處登錄。",
                        "Vacancies are posted by employer accounts or by the employment service.")
    fields = _clean_vacancy(data, today)
    with transaction.atomic():
        employer, default_channel = _vacancy_employer(data, actor, today)
        vacancy = Vacancy(employer=employer, posted_on=today, created_by=actor,
                          channel=channel or default_channel, **fields)
        decision = screening.screen_vacancy(vacancy)
        screening.record(vacancy, decision)
        if decision.decision == screening.PUBLISH:
            vacancy.status = VacancyStatus.ACTIVE
            vacancy.posted_at = timezone.now()
        else:
            vacancy.status = VacancyStatus.HELD
        vacancy.save()
        VacancyEvent.objects.create(vacancy=vacancy, action="create", to_status=vacancy.status, actor=actor,
                                    note=decision.reason[:200])
        indexing.vacancy_sync(vacancy)
    return vacancy


def vacancy_update(*, vacancy: Vacancy, data: VacancyInput, actor: User, today: date | None = None) -> Vacancy:
    """Change an open vacancy's content. Checked as a new posting on `today` (the minimum
    wage in force today applies) and screened again; the employer cannot be changed."""
    today = today or timezone.localdate()
    if not can_manage_vacancy(actor, vacancy):
        raise NotFound("職缺", "vacancy")
    fields = _clean_vacancy(data, today)
    with transaction.atomic():
        locked = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
        if locked.status not in OPEN_VACANCY:
            raise Conflict("此職缺已結束，不能修改。", "This vacancy is closed and cannot be changed.")
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.posted_on = today
        decision = screening.screen_vacancy(locked)
        before = locked.status
        screening.record(locked, decision)
        note = decision.reason[:200]
        if before == VacancyStatus.HELD:
            # A held ad waits for the officer even if the edit took the flagged words out:
            # otherwise a scam would publish itself by rewording. The officer sees the new text.
            note = note or "待審核中修改，仍待審核"
        elif decision.decision == screening.PUBLISH:
            locked.status = VacancyStatus.ACTIVE
            locked.posted_at = locked.posted_at or timezone.now()
        else:
            locked.status = VacancyStatus.HELD
        locked.save()
        VacancyEvent.objects.create(vacancy=locked, action="update", from_status=before, to_status=locked.status,
                                    actor=actor, note=note)
        indexing.vacancy_sync(locked)
    return locked


# (action, sources, target): every status change of a vacancy after its creation.
VACANCY_TRANSITIONS = {
    "withdraw": ((VacancyStatus.HELD, VacancyStatus.ACTIVE), VacancyStatus.WITHDRAWN),
    "fill": ((VacancyStatus.ACTIVE,), VacancyStatus.FILLED),
    "expire": ((VacancyStatus.HELD, VacancyStatus.ACTIVE), VacancyStatus.EXPIRED),
}


def vacancy_transition(*, vacancy: Vacancy, action: str, actor: User | None, note: str = "") -> Vacancy:
    """Withdraw (撤回), mark filled (額滿) or expire one vacancy: locks the row, checks the
    source state, writes the event. `actor` None is the system."""
    if action not in VACANCY_TRANSITIONS:
        raise ApplicationError("不明的操作。", "Unknown action.", field="action")
    if actor is not None and not can_manage_vacancy(actor, vacancy):
        raise NotFound("職缺", "vacancy")
    sources, target = VACANCY_TRANSITIONS[action]
    note = clean_text(note, field="note", label_zh="說明", label_en="Note", max_length=200)
    with transaction.atomic():
        locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
        if locked.status not in sources:
            raise Conflict("此職缺目前的狀態不能這樣處理。", "The vacancy's status does not allow this.")
        before = locked.status
        locked.status = target
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        VacancyEvent.objects.create(vacancy=locked, action=action, from_status=before, to_status=target,
                                    actor=actor, note=note)
        indexing.vacancy_sync(locked)  # no target status is searchable: leaves the index
    return locked


def vacancy_expire_due(today: date | None = None) -> int:
    """The periodic sweep: every open vacancy whose closing date has passed becomes EXPIRED
    (the closing date is the last open day). Idempotent; returns how many expired. A
    conditional UPDATE per batch, so a withdrawal racing it is never overwritten."""
    today = today or timezone.localdate()
    expired = 0
    while True:
        with transaction.atomic():
            batch = list(
                Vacancy.objects.filter(status__in=OPEN_VACANCY, closing_date__lt=today)
                .values_list("pk", "status")[:2000]
            )
            if not batch:
                return expired
            now = timezone.now()
            by_status: dict[str, list[int]] = {}
            for pk, status in batch:
                by_status.setdefault(status, []).append(pk)
            for status, pks in by_status.items():
                changed = Vacancy.objects.filter(pk__in=pks, status=status).update(
                    status=VacancyStatus.EXPIRED, closed_at=now, updated_at=now
                )
                expired += changed
                indexing.vacancy_unindex(pks)
                VacancyEvent.objects.bulk_create(
                    VacancyEvent(vacancy_id=pk, action="expire", from_status=status, to_status=VacancyStatus.EXPIRED,
                                 note=f"截止日期已過 closing date before {today.isoformat()}")
                    for pk in pks
                )


# --- job seekers -----------------------------------------------------------------------


@dataclass(frozen=True)
class SeekerProfile:
    desired_occupations: list[str]
    districts: list[str] = field(default_factory=list)
    pay_unit: str = PayUnit.MONTHLY
    expected_pay: int | None = None
    working_hours: list[str] = field(default_factory=list)
    education: str = Education.NONE
    experience_years: int = 0
    experience: str = ""
    skills: str = ""
    licences: str = ""
    languages: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    consent_to_matching: bool = False
    digest_opt_in: bool = False  # the daily digest of new matching vacancies (needs the consent)


def _choices(values: list[str], allowed: list[str], field_name: str, label_zh: str, label_en: str) -> list[str]:
    chosen = [value for value in dict.fromkeys(values or []) if value]
    if any(value not in allowed for value in chosen):
        raise ApplicationError(f"{label_zh}的選項不正確。", f"Unknown {label_en}.", field=field_name)
    return chosen


def _clean_profile(profile: SeekerProfile) -> tuple[dict, list[Occupation], list[District]]:
    codes = [code for code in dict.fromkeys(profile.desired_occupations or []) if code]
    if not codes:
        raise ApplicationError("請至少選擇一種希望從事的職業。", "Choose at least one occupation.",
                               field="desired_occupations")
    if len(codes) > 5:
        raise ApplicationError("希望職業最多5種。", "At most 5 occupations.", field="desired_occupations")
    occupations = [occupation_get(code, field="desired_occupations") for code in codes]
    districts = [district_get(code, field="districts") for code in dict.fromkeys(profile.districts or []) if code]
    if profile.pay_unit not in PayUnit.values:
        raise ApplicationError("計薪方式應為月薪或時薪。", "Pay is monthly or hourly.", field="pay_unit")
    if profile.expected_pay is not None and not 0 < profile.expected_pay <= MAX_PAY[profile.pay_unit]:
        raise ApplicationError("希望待遇金額不正確。", "The expected pay is out of range.", field="expected_pay")
    if profile.education not in Education.values:
        raise ApplicationError("學歷不正確。", "Unknown education level.", field="education")
    if not 0 <= profile.experience_years <= 60:
        raise ApplicationError("工作年資應為0至60年。", "Years of experience: 0 to 60.", field="experience_years")
    values = {
        "pay_unit": profile.pay_unit,
        "expected_pay": profile.expected_pay,
        "working_hours": _choices(profile.working_hours, WorkingHours.values, "working_hours", "工作時段",
                                  "working hours"),
        "education": profile.education,
        "experience_years": profile.experience_years,
        "experience": clean_text(profile.experience, field="experience", label_zh="工作經歷", label_en="Experience",
                                 max_length=MAX_PROFILE_TEXT, markup=True),
        "skills": clean_text(profile.skills, field="skills", label_zh="專長技能", label_en="Skills",
                             max_length=MAX_PROFILE_TEXT, markup=True),
        "licences": clean_text(profile.licences, field="licences", label_zh="證照", label_en="Licences",
                               max_length=MAX_PROFILE_TEXT, markup=True),
        "languages": _choices(profile.languages, Language.values, "languages", "語言", "language"),
        "groups": _choices(profile.groups, SupportedGroup.values, "groups", "特定對象身分", "group"),
        "consent_to_matching": bool(profile.consent_to_matching),
        "digest_opt_in": bool(profile.digest_opt_in),
    }
    if values["digest_opt_in"] and not values["consent_to_matching"]:
        raise ApplicationError("每日新職缺通知須先同意媒合。",
                               "The daily digest needs your consent to matching.", field="digest_opt_in")
    values["skill_bits"] = skill_terms.seeker_bits(skills=values["skills"], licences=values["licences"],
                                              experience=values["experience"], languages=values["languages"])
    return values, occupations, districts


def _seeker_person(actor: User, person: core_services.PersonInput | None) -> tuple[Person, str]:
    if actor.is_authenticated and actor.kind == UserKind.CITIZEN:
        if person is not None:
            raise Forbidden("民眾僅能以本人身分登記。", "A citizen registers only themself.")
        if actor.person_id is None:
            raise ApplicationError("請先完成身分資料，再辦理求職登記。",
                                   "Complete your identity details before registering.", field="person")
        return actor.person, Channel.PORTAL
    require_server(actor)
    if person is None:
        raise ApplicationError("請填寫求職人身分資料。", "Give the job seeker's identity.", field="person.id_number")
    try:
        found, _ = core_services.person_register(data=person, actor=actor)
    except ApplicationError as error:
        if error.field and "." not in error.field:
            error.field = f"person.{error.field}"
        raise
    return (found.merged_into if found.merged_into_id else found), Channel.COUNTER


def job_seeker_register(*, profile: SeekerProfile, actor: User, person: core_services.PersonInput | None = None,
                        channel: str | None = None) -> JobSeeker:
    """求職登記: a citizen for themself, or a counsellor for a person at the counter (found
    or registered by their ID). One registration per person: a second answers 409."""
    values, occupations, districts = _clean_profile(profile)
    with transaction.atomic():
        owner, default_channel = _seeker_person(actor, person)
        existing = JobSeeker.objects.filter(person=owner).first()
        if existing is not None:
            raise Conflict("此人已辦理求職登記，請更新原登記。",
                           "This person is already registered; update the registration.", code="duplicate")
        seeker = JobSeeker.objects.create(person=owner, registered_by=actor, channel=channel or default_channel,
                                          status=SeekerStatus.ACTIVE, **values)
        seeker.desired_occupations.set(occupations)
        seeker.districts.set(districts)
        indexing.seeker_sync(seeker)
    return seeker


def can_manage_seeker(user: User, seeker: JobSeeker) -> bool:
    if user.is_authenticated and user.kind == UserKind.CITIZEN:
        return user.person_id is not None and user.person_id == seeker.person_id
    return can_serve(user)


def job_seeker_update(*, seeker: JobSeeker, profile: SeekerProfile, actor: User) -> JobSeeker:
    """Replace the registration's profile (the person and their ID are not changed here).
    A citizen keeps the groups a counsellor recorded unless they change them themself."""
    if not can_manage_seeker(actor, seeker):
        raise NotFound("求職登記", "registration")
    values, occupations, districts = _clean_profile(profile)
    with transaction.atomic():
        locked = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        locked.desired_occupations.set(occupations)
        locked.districts.set(districts)
        indexing.seeker_sync(locked)
    return locked


def job_seeker_set_status(*, seeker: JobSeeker, status: str, actor: User) -> JobSeeker:
    """Pause, resume or close a registration (the seeker themself or a counsellor)."""
    if not can_manage_seeker(actor, seeker):
        raise NotFound("求職登記", "registration")
    if status not in SeekerStatus.values:
        raise ApplicationError("狀態不正確。", "Unknown status.", field="status")
    with transaction.atomic():
        JobSeeker.objects.filter(pk=seeker.pk).update(status=status, updated_at=timezone.now())
        indexing.seeker_sync(JobSeeker.objects.get(pk=seeker.pk))
    seeker.status = status
    return seeker


def counselling_note_add(*, seeker: JobSeeker, text: str, actor: User) -> CounsellingNote:
    """A counsellor's note (就業諮詢紀錄): staff-only reading."""
    require_server(actor)
    text = clean_text(text, field="text", label_zh="諮詢紀錄", label_en="Note", max_length=MAX_NOTE, min_length=1,
                      markup=True)
    return CounsellingNote.objects.create(seeker=seeker, text=text, author=actor)


# --- referrals -------------------------------------------------------------------------


def referral_create(*, seeker: JobSeeker, vacancy: Vacancy, actor: User, message: str = "",
                    today: date | None = None) -> Referral:
    """推介: a counsellor refers an active, consenting job seeker to an open vacancy; the
    employer's accounts and the seeker are told. Once per seeker and vacancy."""
    require_server(actor)
    today = today or timezone.localdate()
    message = clean_text(message, field="message", label_zh="推介說明", label_en="Message", max_length=500,
                         markup=True)
    with transaction.atomic():
        seeker = JobSeeker.objects.select_for_update().select_related("person").get(pk=seeker.pk)
        vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
        if seeker.status != SeekerStatus.ACTIVE:
            raise ApplicationError("求職登記不在求職中，不能推介。", "The job seeker is not active.",
                                   field="seeker_id")
        if not seeker.consent_to_matching:
            raise ApplicationError("求職人未同意媒合推介（提供資料給雇主），請先取得同意。",
                                   "The job seeker has not consented to referrals; ask first.", field="seeker_id",
                                   code="no_consent")
        if vacancy.status != VacancyStatus.ACTIVE or vacancy.closing_date < today:
            raise ApplicationError("職缺已不在徵才中。", "The vacancy is no longer open.", field="vacancy_id")
        if Referral.objects.filter(seeker=seeker, vacancy=vacancy).exists():
            raise Conflict("已推介過此職缺。", "Already referred to this vacancy.", code="duplicate")
        referral = Referral.objects.create(seeker=seeker, vacancy=vacancy, counsellor=actor,
                                           occupation_id=vacancy.occupation_id, message=message)
        for account in User.objects.filter(kind=UserKind.EMPLOYER, employer=vacancy.employer, is_active=True):
            outbox_write(recipient=account, subject_zh=f"就業服務處推介求職人：{vacancy.title}",
                         subject_en=f"A job seeker referred to you: {vacancy.title}",
                         body_zh="請於線上服務回覆面試及錄用結果。", body_en="Please answer online after the interview.",
                         link="/portal/jobs/referrals/")
        for account in User.objects.filter(kind=UserKind.CITIZEN, person=seeker.person, is_active=True):
            outbox_write(recipient=account, subject_zh=f"已為您推介職缺：{vacancy.title}",
                         subject_en=f"You were referred to: {vacancy.title}",
                         body_zh=f"{vacancy.employer.name}，{vacancy.address}。", link="/portal/job-seeker/referrals/")
    return referral


ANSWERS = {
    ReferralOutcome.PENDING: (ReferralOutcome.INTERVIEWED, ReferralOutcome.HIRED, ReferralOutcome.NOT_HIRED),
    ReferralOutcome.INTERVIEWED: (ReferralOutcome.HIRED, ReferralOutcome.NOT_HIRED),
}


def can_answer_referral(user: User, referral: Referral) -> bool:
    if user.is_authenticated and user.kind == UserKind.EMPLOYER:
        return user.employer_id is not None and user.employer_id == referral.vacancy.employer_id
    return can_serve(user)


def referral_answer(*, referral: Referral, outcome: str, actor: User, reason: str = "", note: str = "") -> Referral:
    """The employer's answer (or a counsellor recording it from the phone): interviewed,
    hired, or not hired with a reason. Hires that reach the openings mark the vacancy
    filled. The counsellor and the seeker are told."""
    if not can_answer_referral(actor, referral):
        raise NotFound("推介", "referral")
    if outcome not in (ReferralOutcome.INTERVIEWED, ReferralOutcome.HIRED, ReferralOutcome.NOT_HIRED):
        raise ApplicationError("回覆結果不正確。", "Unknown outcome.", field="outcome")
    if outcome == ReferralOutcome.NOT_HIRED:
        if reason not in NotHiredReason.values:
            raise ApplicationError("未錄取請選擇原因。", "Give the reason for not hiring.", field="reason")
    else:
        reason = ""
    note = clean_text(note, field="note", label_zh="說明", label_en="Note", max_length=300, markup=True)
    if outcome == ReferralOutcome.NOT_HIRED and reason == NotHiredReason.OTHER and not note:
        raise ApplicationError("原因為「其他」時請說明。", "Explain the reason 'other'.", field="note")
    with transaction.atomic():
        locked = Referral.objects.select_for_update().select_related("vacancy", "seeker__person").get(pk=referral.pk)
        if outcome not in ANSWERS.get(locked.outcome, ()):
            raise Conflict("此推介已回覆結果。", "This referral already has its outcome.")
        locked.outcome = outcome
        locked.not_hired_reason = reason
        locked.outcome_note = note
        locked.answered_at = timezone.now()
        locked.answered_by = actor
        locked.save()
        vacancy = locked.vacancy
        label = ReferralOutcome(outcome).label.split()[0]
        outbox_write(recipient=locked.counsellor, subject_zh=f"推介結果：{label}（{vacancy.title}）",
                     subject_en=f"Referral outcome: {ReferralOutcome(outcome).label} ({vacancy.title})",
                     link=f"/staff/employment/seekers/{locked.seeker_id}/")
        for account in User.objects.filter(kind=UserKind.CITIZEN, person=locked.seeker.person, is_active=True):
            outbox_write(recipient=account, subject_zh=f"推介結果：{label}（{vacancy.title}）",
                         subject_en=f"Referral outcome: {ReferralOutcome(outcome).label} ({vacancy.title})",
                         link="/portal/job-seeker/referrals/")
        if outcome == ReferralOutcome.HIRED and vacancy.status == VacancyStatus.ACTIVE:
            hired = Referral.objects.filter(vacancy=vacancy, outcome=ReferralOutcome.HIRED).count()
            if hired >= vacancy.openings:
                vacancy_transition(vacancy=vacancy, action="fill", actor=None, note="推介錄取已達需求人數")
    return locked


# --- merges ----------------------------------------------------------------------------


def employment_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: vacancies follow a merged employer; a registration follows a merged
    person unless the survivor has its own (then the absorbed one stays, closed)."""
    if kind == "employer":
        moved = list(Vacancy.objects.filter(employer_id=old_id).values_list("pk", flat=True))
        Vacancy.objects.filter(employer_id=old_id).update(employer_id=new_id)
        for vacancy in Vacancy.objects.filter(pk__in=moved).select_related("occupation", "district", "employer"):
            indexing.vacancy_sync(vacancy)  # the employer filter and name follow the merge
    elif kind == "person":
        if JobSeeker.objects.filter(person_id=new_id).exists():
            closed = list(JobSeeker.objects.filter(person_id=old_id))
            JobSeeker.objects.filter(person_id=old_id).update(status=SeekerStatus.CLOSED)
            for seeker in closed:
                seeker.status = SeekerStatus.CLOSED
                indexing.seeker_sync(seeker)
        else:
            JobSeeker.objects.filter(person_id=old_id).update(person_id=new_id)
