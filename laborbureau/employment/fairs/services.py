"""Writes of the job fairs (現場徵才活動).

Who may do what:
- the Employment Services Office's staff (`employment.services.can_serve`) organise fairs,
  approve employers, check people in at the door, register walk-ins, record interviews
  and their outcomes;
- an employer account applies with its own open vacancies, and records interviews at its
  booth and their outcomes once approved;
- a citizen pre-registers themself and cancels their registration.
Every refusal is an `ApplicationError` (zh, en, field) raised before anything is written.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from laborbureau.core.models import User, UserKind
from laborbureau.employment import services as employment_services
from laborbureau.employment.fairs.models import (
    LIVE_FAIR,
    CheckIn,
    CheckInMethod,
    Fair,
    FairEmployer,
    FairInterview,
    FairRegistration,
    FairStatus,
    FairVacancy,
    ParticipationStatus,
    RegistrationStatus,
)
from laborbureau.employment.models import (
    JobSeeker,
    NotHiredReason,
    Referral,
    ReferralOutcome,
    SeekerStatus,
    Vacancy,
    VacancyStatus,
)
from laborbureau.notify.services import outbox_write

MAX_TITLE = 80
MAX_DESCRIPTION = 2000
MAX_CAPACITY = 20_000
MAX_DAYS_AHEAD = 365
MAX_VACANCIES = 30  # per employer and fair
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud at the door
CODE_LENGTH = 8

# --- who may do what ----------------------------------------------------------------


def can_read(user: User) -> bool:
    return employment_services.can_read(user)


def can_organise(user: User) -> bool:
    return employment_services.can_serve(user)


def require_organiser(user: User) -> None:
    if not can_organise(user):
        raise Forbidden("您沒有辦理徵才活動的權限。", "You may not run job fairs.")


def _is_employer(user: User) -> bool:
    return user.is_authenticated and user.kind == UserKind.EMPLOYER and user.employer_id is not None


def _is_citizen(user: User) -> bool:
    return user.is_authenticated and user.kind == UserKind.CITIZEN


def can_act_at_booth(user: User, fair_vacancy: FairVacancy) -> bool:
    """The service's staff, or an account of the employer (approved) whose vacancy it is."""
    if _is_employer(user):
        return (fair_vacancy.fair_employer.employer_id == user.employer_id
                and fair_vacancy.fair_employer.status == ParticipationStatus.APPROVED)
    return can_organise(user)


# --- fairs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FairInput:
    title: str
    date: date
    starts_at: time
    ends_at: time
    venue: str
    address: str
    district_code: str
    capacity: int
    registration_opens: date
    registration_closes: date
    description: str = ""


def _clean_fair(data: FairInput, today: date) -> dict:
    clean = employment_services.clean_text
    title = clean(data.title, field="title", label_zh="活動名稱", label_en="Title", max_length=MAX_TITLE, min_length=4)
    description = clean(data.description, field="description", label_zh="活動說明", label_en="Description",
                        max_length=MAX_DESCRIPTION, markup=True)
    venue = clean(data.venue, field="venue", label_zh="活動場地", label_en="Venue", max_length=100, min_length=2)
    address = clean(data.address, field="address", label_zh="地址", label_en="Address", max_length=200, min_length=4)
    district = employment_services.district_get(data.district_code)
    if data.date < today:
        raise ApplicationError("活動日期不可早於今天。", "The fair's date cannot be in the past.", field="date")
    if data.date > today + timedelta(days=MAX_DAYS_AHEAD):
        raise ApplicationError(f"活動日期最長為{MAX_DAYS_AHEAD}日內。",
                               f"The fair is at most {MAX_DAYS_AHEAD} days ahead.", field="date")
    if data.ends_at <= data.starts_at:
        raise ApplicationError("結束時間應晚於開始時間。", "The fair must end after it starts.", field="ends_at")
    if not 1 <= data.capacity <= MAX_CAPACITY:
        raise ApplicationError(f"預約名額應為1至{MAX_CAPACITY:,}人。", f"Capacity: 1 to {MAX_CAPACITY:,}.",
                               field="capacity")
    if data.registration_closes > data.date:
        raise ApplicationError("報名截止日不可晚於活動日期。", "Registration must close by the fair's date.",
                               field="registration_closes")
    if data.registration_opens > data.registration_closes:
        raise ApplicationError("報名開始日不可晚於報名截止日。", "Registration must open before it closes.",
                               field="registration_opens")
    return {"title": title, "description": description, "venue": venue, "address": address, "district": district,
            "date": data.date, "starts_at": data.starts_at, "ends_at": data.ends_at, "capacity": data.capacity,
            "registration_opens": data.registration_opens, "registration_closes": data.registration_closes}


def fair_create(*, data: FairInput, actor: User, today: date | None = None) -> Fair:
    """A fair organised by the service; PLANNED until opened for registration."""
    require_organiser(actor)
    fields = _clean_fair(data, today or timezone.localdate())
    return Fair.objects.create(created_by=actor, status=FairStatus.PLANNED, **fields)


def fair_update(*, fair: Fair, data: FairInput, actor: User, today: date | None = None) -> Fair:
    """Change a planned or open fair. The capacity may not drop below those registered."""
    require_organiser(actor)
    fields = _clean_fair(data, today or timezone.localdate())
    with transaction.atomic():
        locked = Fair.objects.select_for_update().get(pk=fair.pk)
        if locked.status not in LIVE_FAIR:
            raise Conflict("此活動已結束或取消，不能修改。", "This fair is closed or cancelled.")
        registered = _preregistered_count(locked)
        if fields["capacity"] < registered:
            raise ApplicationError(f"已有{registered}人報名，名額不可少於此數。",
                                   f"{registered} are registered already; the capacity cannot be lower.",
                                   field="capacity")
        for name, value in fields.items():
            setattr(locked, name, value)
        if locked.date != fair.date:
            locked.reminder_sent_at = None
        locked.save()
    return locked


FAIR_ACTIONS = {
    "open": ((FairStatus.PLANNED,), FairStatus.OPEN),
    "close": ((FairStatus.PLANNED, FairStatus.OPEN), FairStatus.CLOSED),
    "cancel": ((FairStatus.PLANNED, FairStatus.OPEN), FairStatus.CANCELLED),
}


def fair_transition(*, fair: Fair, action: str, actor: User) -> Fair:
    """Open for registration, close (after the day), or cancel (everyone registered and
    every approved employer is told)."""
    require_organiser(actor)
    if action not in FAIR_ACTIONS:
        raise ApplicationError("動作不正確。", "Unknown action.", field="action")
    allowed, target = FAIR_ACTIONS[action]
    with transaction.atomic():
        locked = Fair.objects.select_for_update().get(pk=fair.pk)
        if locked.status not in allowed:
            raise Conflict("活動目前的狀態不能執行此動作。", "The fair's status does not allow this.")
        locked.status = target
        locked.save(update_fields=["status", "updated_at"])
        if target == FairStatus.CANCELLED:
            when = f"{locked.date.year - 1911}年{locked.date.month}月{locked.date.day}日"
            for account in _registrant_accounts(locked):
                outbox_write(recipient=account, subject_zh=f"徵才活動取消：{locked.title}",
                             subject_en=f"Job fair cancelled: {locked.title}",
                             body_zh=f"原訂{when}之活動取消，造成不便敬請見諒。", link="/portal/fairs/mine/")
            for account in _employer_accounts(locked, ParticipationStatus.APPROVED):
                outbox_write(recipient=account, subject_zh=f"徵才活動取消：{locked.title}",
                             subject_en=f"Job fair cancelled: {locked.title}", link="/portal/fairs/employer/")
    return locked


def _registrant_accounts(fair: Fair):
    persons = FairRegistration.objects.filter(fair=fair, status=RegistrationStatus.REGISTERED).values("person_id")
    return User.objects.filter(kind=UserKind.CITIZEN, person_id__in=persons, is_active=True)


def _employer_accounts(fair: Fair, status: str):
    employers = FairEmployer.objects.filter(fair=fair, status=status).values("employer_id")
    return User.objects.filter(kind=UserKind.EMPLOYER, employer_id__in=employers, is_active=True)


def _require_live(fair: Fair, field: str = "fair_id") -> None:
    if fair.status not in LIVE_FAIR:
        raise ApplicationError("此活動已結束或取消。", "This fair is closed or cancelled.", field=field,
                               code="fair_not_live")


# --- employers -----------------------------------------------------------------------------


def employer_apply(*, fair: Fair, vacancy_ids: list[int], actor: User, note: str = "",
                   today: date | None = None) -> FairEmployer:
    """An employer account applies to take part with its own open vacancies (the staff
    approve it). Once per fair and employer."""
    today = today or timezone.localdate()
    if not _is_employer(actor):
        raise Forbidden("參加徵才活動須以事業單位帳號申請。", "Employers apply with an employer account.")
    note = employment_services.clean_text(note, field="note", label_zh="聯絡說明", label_en="Note", max_length=300)
    ids = list(dict.fromkeys(vacancy_ids or []))
    if not ids:
        raise ApplicationError("請至少選擇一個職缺。", "Choose at least one vacancy.", field="vacancy_ids")
    if len(ids) > MAX_VACANCIES:
        raise ApplicationError(f"每場活動最多{MAX_VACANCIES}個職缺。", f"At most {MAX_VACANCIES} vacancies a fair.",
                               field="vacancy_ids")
    _require_live(fair)
    if fair.date < today:
        raise ApplicationError("此活動已過。", "This fair is over.", field="fair_id")
    vacancies = {v.pk: v for v in Vacancy.objects.filter(pk__in=ids)}
    for pk in ids:
        vacancy = vacancies.get(pk)
        if vacancy is None or vacancy.employer_id != actor.employer_id:
            raise ApplicationError(f"職缺{pk}不是貴單位的職缺。", f"Vacancy {pk} is not yours.", field="vacancy_ids",
                                   code="not_yours")
        if vacancy.status != VacancyStatus.ACTIVE or vacancy.closing_date < today:
            raise ApplicationError(f"職缺{pk}（{vacancy.title}）不在徵才中。",
                                   f"Vacancy {pk} ({vacancy.title}) is not open.", field="vacancy_ids",
                                   code="vacancy_not_open")
    with transaction.atomic():
        if FairEmployer.objects.filter(fair=fair, employer_id=actor.employer_id).exists():
            raise Conflict("貴單位已申請參加此活動。", "You have applied to this fair already.", code="duplicate")
        try:
            with transaction.atomic():
                participation = FairEmployer.objects.create(fair=fair, employer_id=actor.employer_id,
                                                            applied_by=actor, contact_note=note)
        except IntegrityError:
            raise Conflict("貴單位已申請參加此活動。", "You have applied to this fair already.",
                           code="duplicate") from None
        FairVacancy.objects.bulk_create([FairVacancy(fair=fair, fair_employer=participation, vacancy_id=pk)
                                         for pk in ids])
        outbox_write(recipient=fair.created_by, subject_zh=f"徵才活動廠商申請：{fair.title}",
                     subject_en=f"An employer applied: {fair.title}", link=f"/staff/employment/fairs/{fair.pk}/")
    return participation


def employer_decide(*, participation: FairEmployer, approve: bool, actor: User, booth: str = "",
                    note: str = "") -> FairEmployer:
    """The staff approve an application (with its booth number) or decline it; the
    employer's accounts are told."""
    require_organiser(actor)
    booth = employment_services.clean_text(booth, field="booth", label_zh="攤位編號", label_en="Booth", max_length=20)
    note = employment_services.clean_text(note, field="note", label_zh="說明", label_en="Note", max_length=300)
    if approve and not booth:
        raise ApplicationError("核准時請填寫攤位編號。", "Give the booth number when approving.", field="booth")
    if not approve and not note:
        raise ApplicationError("不核准時請說明原因。", "Say why when declining.", field="note")
    with transaction.atomic():
        locked = FairEmployer.objects.select_for_update().select_related("fair").get(pk=participation.pk)
        _require_live(locked.fair)
        if locked.status != ParticipationStatus.APPLIED:
            raise Conflict("此申請已審核。", "This application was decided already.")
        if approve and FairEmployer.objects.filter(fair_id=locked.fair_id, booth=booth,
                                                   status=ParticipationStatus.APPROVED).exists():
            raise ApplicationError(f"攤位{booth}已分配給其他廠商。", f"Booth {booth} is taken.", field="booth")
        locked.status = ParticipationStatus.APPROVED if approve else ParticipationStatus.REJECTED
        locked.booth = booth if approve else ""
        locked.decision_note = note
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save()
        fair = locked.fair
        for account in User.objects.filter(kind=UserKind.EMPLOYER, employer_id=locked.employer_id, is_active=True):
            if approve:
                outbox_write(recipient=account, subject_zh=f"徵才活動參加核准：{fair.title}（攤位{booth}）",
                             subject_en=f"Approved for the job fair: {fair.title} (booth {booth})",
                             body_zh=f"{fair.venue}，{fair.address}。", link="/portal/fairs/employer/")
            else:
                outbox_write(recipient=account, subject_zh=f"徵才活動參加未核准：{fair.title}",
                             subject_en=f"Not approved for the job fair: {fair.title}", body_zh=note,
                             link="/portal/fairs/employer/")
    return locked


# --- registrations ---------------------------------------------------------------------------


def _preregistered_count(fair: Fair) -> int:
    return FairRegistration.objects.filter(fair=fair, status=RegistrationStatus.REGISTERED, walk_in=False).count()


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _unique_code() -> str:
    for _ in range(10):
        code = _new_code()
        if not FairRegistration.objects.filter(code=code).exists():
            return code
    raise RuntimeError("could not draw a free registration code")  # 32^8: never in practice


def normalise_code(value: str) -> str:
    """What a person reads out or types: spaces, dashes and case do not matter."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())[:CODE_LENGTH + 4]


def registration_create(*, fair: Fair, actor: User, today: date | None = None) -> FairRegistration:
    """A citizen pre-registers themself: within the registration window, while places
    remain (the fair's row is locked, so two last-place registrations cannot both pass).
    Their job-bank registration is linked if they have one. A cancelled registration is
    restored with its code."""
    today = today or timezone.localdate()
    if not _is_citizen(actor):
        raise Forbidden("預約報名請以民眾帳號登入。", "Pre-register with a citizen account.")
    if actor.person_id is None:
        raise ApplicationError("請先完成身分資料，再報名。", "Complete your identity details first.", field="person")
    with transaction.atomic():
        locked = Fair.objects.select_for_update().get(pk=fair.pk)
        if locked.status != FairStatus.OPEN:
            raise ApplicationError("此活動目前未開放報名。", "This fair is not open for registration.",
                                   field="fair_id", code="not_open")
        if today < locked.registration_opens:
            raise ApplicationError("報名尚未開始。", "Registration has not opened yet.", field="fair_id",
                                   code="not_open")
        if today > locked.registration_closes:
            raise ApplicationError("報名已截止，歡迎活動當天現場參加。",
                                   "Registration has closed; you are welcome to walk in on the day.",
                                   field="fair_id", code="registration_closed")
        existing = FairRegistration.objects.filter(fair=locked, person_id=actor.person_id).first()
        if existing is not None and existing.status == RegistrationStatus.REGISTERED:
            raise Conflict("您已報名此活動。", "You are registered for this fair already.", code="duplicate")
        if _preregistered_count(locked) >= locked.capacity:
            raise ApplicationError("預約名額已滿，歡迎活動當天現場參加。",
                                   "The fair is fully booked; you are welcome to walk in on the day.",
                                   field="fair_id", code="full")
        seeker = JobSeeker.objects.filter(person_id=actor.person_id).first()
        if existing is not None:
            existing.status = RegistrationStatus.REGISTERED
            existing.cancelled_at = None
            existing.seeker = seeker
            existing.save(update_fields=["status", "cancelled_at", "seeker"])
            registration = existing
        else:
            registration = FairRegistration.objects.create(
                fair=locked, person_id=actor.person_id, seeker=seeker, code=_unique_code(), registered_by=actor)
        outbox_write(recipient=actor, subject_zh=f"徵才活動報名成功：{locked.title}",
                     subject_en=f"Registered for the job fair: {locked.title}",
                     body_zh=f"報名序號 {registration.code}，活動當天請出示序號或QR碼入場。"
                     f"{locked.venue}（{locked.address}）。",
                     body_en=f"Your code is {registration.code}; show it (or its QR code) at the door.",
                     link="/portal/fairs/mine/")
    return registration


def registration_cancel(*, registration: FairRegistration, actor: User, today: date | None = None
                        ) -> FairRegistration:
    """The person themself (or the staff) cancels before checking in; the place is freed."""
    today = today or timezone.localdate()
    own = _is_citizen(actor) and actor.person_id == registration.person_id
    if not own and not can_organise(actor):
        raise NotFound("報名", "registration")
    with transaction.atomic():
        locked = FairRegistration.objects.select_for_update().select_related("fair").get(pk=registration.pk)
        if locked.status == RegistrationStatus.CANCELLED:
            raise Conflict("此報名已取消。", "This registration is cancelled already.")
        if CheckIn.objects.filter(registration=locked).exists():
            raise Conflict("已入場報到，不能取消。", "Checked in already; it cannot be cancelled.")
        if locked.fair.date < today:
            raise Conflict("活動已過，不能取消。", "The fair is over.")
        locked.status = RegistrationStatus.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancelled_at"])
    return locked


# --- at the door ------------------------------------------------------------------------------


def _require_fair_day(fair: Fair, today: date, field: str) -> None:
    if fair.status not in LIVE_FAIR:
        raise ApplicationError("此活動已結束或取消。", "This fair is closed or cancelled.", field=field,
                               code="fair_not_live")
    if fair.date != today:
        when = f"{fair.date.year - 1911}年{fair.date.month}月{fair.date.day}日"
        raise ApplicationError(f"此活動在{when}舉行，今天不能報到或記錄面試。",
                               f"This fair is on {fair.date.isoformat()}, not today.", field=field,
                               code="not_fair_day")


def check_in(*, fair: Fair, actor: User, code: str = "", registration_id: int | None = None,
             today: date | None = None, now: datetime | None = None) -> CheckIn:
    """報到: the staff at the door check a registration in, by its code or (found by a
    name or ID search) by its id. On the fair's day only; once; not a cancelled one."""
    require_organiser(actor)
    today = today or timezone.localdate()
    if registration_id is None:
        code = normalise_code(code)
        if not code:
            raise ApplicationError("請輸入報名序號。", "Enter the registration code.", field="code")
        method = CheckInMethod.CODE
        lookup = {"code": code}
        field = "code"
    else:
        method = CheckInMethod.SEARCH
        lookup = {"pk": registration_id}
        field = "registration_id"
    _require_fair_day(fair, today, field)
    with transaction.atomic():
        registration = FairRegistration.objects.select_for_update().filter(**lookup).first()
        if registration is None or registration.fair_id != fair.pk:
            if registration is not None:
                raise ApplicationError("此序號是其他場次的報名。", "This code is for another fair.", field=field,
                                       code="other_fair")
            raise ApplicationError("查無此報名序號。", "No registration with this code.", field=field,
                                   code="not_found")
        return _check_in_locked(registration, fair, actor, method, now)


def _check_in_locked(registration: FairRegistration, fair: Fair, actor: User, method: str,
                     now: datetime | None) -> CheckIn:
    if registration.status == RegistrationStatus.CANCELLED:
        raise ApplicationError("此報名已取消，請改以現場登記入場。",
                               "This registration was cancelled; register as a walk-in.", field="code",
                               code="cancelled")
    done = CheckIn.objects.filter(registration=registration).first()
    if done is not None:
        raise Conflict(f"已於{timezone.localtime(done.at):%H:%M}報到。",
                       f"Checked in already at {timezone.localtime(done.at):%H:%M}.", code="already_checked_in")
    return CheckIn.objects.create(registration=registration, fair=fair, method=method, by=actor,
                                  at=now or timezone.now())


def walk_in(*, fair: Fair, person: core_services.PersonInput, actor: User, today: date | None = None,
            now: datetime | None = None) -> CheckIn:
    """現場登記: someone who did not pre-register is found or registered by their ID and
    checked in at once. One who pre-registered is checked in on that registration."""
    require_organiser(actor)
    today = today or timezone.localdate()
    _require_fair_day(fair, today, "person.id_number")
    with transaction.atomic():
        try:
            found, _ = core_services.person_register(data=person, actor=actor)
        except ApplicationError as error:
            if error.field and "." not in error.field:
                error.field = f"person.{error.field}"
            raise
        found = found.merged_into if found.merged_into_id else found
        # Walk-ins at one fair are written one at a time: two desks registering the same person make one row.
        Fair.objects.select_for_update().get(pk=fair.pk)
        registration = FairRegistration.objects.select_for_update().filter(fair=fair, person=found).first()
        seeker = JobSeeker.objects.filter(person=found).first()
        if registration is None:
            registration = FairRegistration.objects.create(fair=fair, person=found, seeker=seeker, walk_in=True,
                                                           code=_unique_code(), registered_by=actor)
            method = CheckInMethod.WALK_IN
        elif registration.status == RegistrationStatus.CANCELLED:
            # Cancelled, then came anyway: counted as a walk-in.
            registration.status = RegistrationStatus.REGISTERED
            registration.walk_in = True
            registration.cancelled_at = None
            registration.seeker = seeker
            registration.save(update_fields=["status", "walk_in", "cancelled_at", "seeker"])
            method = CheckInMethod.WALK_IN
        else:
            method = CheckInMethod.SEARCH
        return _check_in_locked(registration, fair, actor, method, now)


# --- interviews ------------------------------------------------------------------------------


def _fair_referral(registration: FairRegistration, vacancy: Vacancy, fair: Fair, actor: User,
                   today: date) -> Referral | None:
    """The job bank's referral for a fair interview recorded by the staff: an existing
    one for the pair, or a new one when the job seeker is registered, active and consented
    (employment.services.referral_create decides; the employer's booth interview is the
    referral's first answer). None when it cannot be made: the interview is still kept."""
    if registration.seeker_id is None or not can_organise(actor):
        return None
    existing = Referral.objects.filter(seeker_id=registration.seeker_id, vacancy=vacancy).first()
    if existing is not None:
        return existing if not hasattr(existing, "fair_interview") else None
    seeker = registration.seeker
    if seeker.status != SeekerStatus.ACTIVE or not seeker.consent_to_matching:
        return None
    if vacancy.status != VacancyStatus.ACTIVE or vacancy.closing_date < today:
        return None
    referral = employment_services.referral_create(seeker=seeker, vacancy=vacancy, actor=actor, today=today,
                                                   message=f"現場徵才活動面試：{fair.title}")
    return employment_services.referral_answer(referral=referral, outcome=ReferralOutcome.INTERVIEWED, actor=actor,
                                               note="現場徵才活動面試")


def interview_record(*, fair: Fair, fair_vacancy: FairVacancy, actor: User, code: str = "",
                     registration_id: int | None = None, today: date | None = None) -> FairInterview:
    """An interview at a booth on the fair's day: a checked-in person (by code, or by
    registration id for the staff) × a vacancy at the fair. Once per person and vacancy."""
    today = today or timezone.localdate()
    if fair_vacancy.fair_id != fair.pk:
        raise ApplicationError("此職缺未參加本活動。", "This vacancy is not at this fair.", field="vacancy_id")
    if not can_act_at_booth(actor, fair_vacancy):
        raise NotFound("職缺", "vacancy")
    field = "code" if registration_id is None else "registration_id"
    _require_fair_day(fair, today, field)
    if registration_id is None:
        code = normalise_code(code)
        if not code:
            raise ApplicationError("請輸入報名序號。", "Enter the registration code.", field="code")
        registration = FairRegistration.objects.filter(code=code, fair=fair).select_related("seeker").first()
    else:
        registration = FairRegistration.objects.filter(pk=registration_id, fair=fair).select_related("seeker").first()
    if registration is None:
        raise ApplicationError("查無此報名序號。", "No registration with this code at this fair.", field=field,
                               code="not_found")
    if registration.status != RegistrationStatus.REGISTERED or not CheckIn.objects.filter(
            registration=registration).exists():
        raise ApplicationError("此求職人尚未報到入場。", "This person has not checked in.", field=field,
                               code="not_checked_in")
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().get(pk=fair_vacancy.vacancy_id)
        if FairInterview.objects.filter(registration=registration, fair_vacancy=fair_vacancy).exists():
            raise Conflict("已記錄過此面試。", "This interview is recorded already.", code="duplicate")
        referral = _fair_referral(registration, vacancy, fair, actor, today)
        try:
            with transaction.atomic():
                interview = FairInterview.objects.create(
                    fair=fair, registration=registration, fair_vacancy=fair_vacancy,
                    occupation_id=vacancy.occupation_id, referral=referral, recorded_by=actor)
        except IntegrityError:
            raise Conflict("已記錄過此面試。", "This interview is recorded already.", code="duplicate") from None
    return interview


def interview_outcome(*, interview: FairInterview, outcome: str, actor: User, reason: str = "",
                      note: str = "") -> FairInterview:
    """錄取 or 未錄取 (with the job bank's reason) after the interview, by the employer or the
    staff; once. A linked referral gets the same answer, so a hire counts in the job bank."""
    fair_vacancy = FairVacancy.objects.select_related("fair_employer").get(pk=interview.fair_vacancy_id)
    if not can_act_at_booth(actor, fair_vacancy):
        raise NotFound("面試紀錄", "interview")
    if outcome not in (ReferralOutcome.HIRED, ReferralOutcome.NOT_HIRED):
        raise ApplicationError("結果應為錄取或未錄取。", "The outcome is hired or not hired.", field="outcome")
    if outcome == ReferralOutcome.NOT_HIRED:
        if reason not in NotHiredReason.values:
            raise ApplicationError("未錄取請選擇原因。", "Give the reason for not hiring.", field="reason")
    else:
        reason = ""
    note = employment_services.clean_text(note, field="note", label_zh="說明", label_en="Note", max_length=300,
                                          markup=True)
    if outcome == ReferralOutcome.NOT_HIRED and reason == NotHiredReason.OTHER and not note:
        raise ApplicationError("原因為「其他」時請說明。", "Explain the reason 'other'.", field="note")
    with transaction.atomic():
        # No select_related: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
        locked = FairInterview.objects.select_for_update().get(pk=interview.pk)
        if locked.outcome != ReferralOutcome.INTERVIEWED:
            raise Conflict("此面試已有結果。", "This interview has its outcome already.")
        locked.outcome = outcome
        locked.not_hired_reason = reason
        locked.outcome_note = note
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.save()
        referral = locked.referral
        if referral is not None and referral.outcome in (ReferralOutcome.PENDING, ReferralOutcome.INTERVIEWED):
            employment_services.referral_answer(referral=referral, outcome=outcome, actor=actor, reason=reason,
                                                note=note)
    return locked


# --- the day before ---------------------------------------------------------------------------


def fair_reminders_send(today: date | None = None) -> int:
    """Remind everyone registered for tomorrow's fairs (once per fair); the periodic
    scheduler runs it hourly. Returns the notices written."""
    today = today or timezone.localdate()
    written = 0
    for fair in Fair.objects.filter(date=today + timedelta(days=1), status__in=LIVE_FAIR, reminder_sent_at=None):
        with transaction.atomic():
            locked = Fair.objects.select_for_update().filter(pk=fair.pk, reminder_sent_at=None).first()
            if locked is None:
                continue
            codes = dict(FairRegistration.objects.filter(fair=locked, status=RegistrationStatus.REGISTERED)
                         .values_list("person_id", "code"))
            for account in User.objects.filter(kind=UserKind.CITIZEN, person_id__in=list(codes), is_active=True):
                outbox_write(recipient=account, subject_zh=f"明天見：{locked.title}",
                             subject_en=f"See you tomorrow: {locked.title}",
                             body_zh=f"{locked.starts_at:%H:%M}–{locked.ends_at:%H:%M}，{locked.venue}"
                             f"（{locked.address}）。報名序號 {codes[account.person_id]}。",
                             body_en=f"{locked.starts_at:%H:%M}–{locked.ends_at:%H:%M}, {locked.venue}. "
                             f"Your code: {codes[account.person_id]}.",
                             link="/portal/fairs/mine/")
                written += 1
            locked.reminder_sent_at = timezone.now()
            locked.save(update_fields=["reminder_sent_at"])
    return written


# --- merges ----------------------------------------------------------------------------------


def fair_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: registrations follow a merged person and applications a merged employer,
    except at a fair where the survivor has its own (that row stays on the absorbed party)."""
    if kind == "person":
        taken = FairRegistration.objects.filter(person_id=new_id).values("fair_id")
        FairRegistration.objects.filter(person_id=old_id).exclude(fair_id__in=taken).update(person_id=new_id)
    elif kind == "employer":
        taken = FairEmployer.objects.filter(employer_id=new_id).values("fair_id")
        FairEmployer.objects.filter(employer_id=old_id).exclude(fair_id__in=taken).update(employer_id=new_id)
