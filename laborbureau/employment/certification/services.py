"""Writes of unemployment certification (失業認定, 就業保險法).

Who may do what:
- the Employment Services Office's counsellors (`employment.services.can_serve`) take the
  first certification in person, offer referrals and training, record each date, verify
  job-search records, run events and export to the Bureau of Labor Insurance;
- a citizen applies for themself, enters their job-search records before each date and
  registers for events.
Every refusal is an `ApplicationError` (zh, en, field) raised before anything is written.

The legal rules come from `rules.unemployment` (amount, schedule, eligibility, refusals,
work income); this module applies them to the records.
"""

import hashlib
import mimetypes
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from laborbureau.core.models import Person, User, UserKind
from laborbureau.employment import services as employment_services
from laborbureau.employment.certification.models import (
    INVOLUNTARY_REASONS,
    OPEN_STATUSES,
    Certification,
    CertificationDate,
    CertificationStatus,
    CloseReason,
    DateStatus,
    Event,
    EventKind,
    EventRegistration,
    EventStatus,
    JobSearchRecord,
    MissingDocument,
    Offer,
    OfferKind,
    OfferResponse,
    RefusalGround,
    SearchMethod,
    SearchResult,
    SeparationReason,
)
from laborbureau.employment.models import Channel, JobSeeker, Vacancy
from laborbureau.notify.services import outbox_write
from laborbureau.rules import identifiers, working_days
from laborbureau.rules import unemployment as rules
from laborbureau.rules.base import RuleError
from laborbureau.rules.wages import add_months

#: Days before a date the worker is reminded (once per date).
REMIND_DAYS_BEFORE = 3
#: 第11條第2項: a fixed-term contract ended counts as involuntary when the worker has been
#: without work for more than a month and the contracts in the year before add up to six months.
FIXED_TERM_MIN_MONTHS = 6
#: Same bytes-sniffing rule as case attachments (cases.services.attachment_add).
ALLOWED_FILE_TYPES = {"application/pdf": b"%PDF", "image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG"}
MAX_EVENT_CAPACITY = 2000
MAX_RECORDS_PER_CLAIM = 200
#: 第25條第5項: "申請人未檢齊第一項規定文件者，應於七日內補正；屆期未補正者，視為未申請。"
CURE_DAYS = 7
NOT_CURED_NOTE = "屆期未補正，視為未申請（就業保險法第25條第5項）"

# --- who may do what ----------------------------------------------------------------


def can_read(user: User) -> bool:
    return employment_services.can_read(user)


def can_serve(user: User) -> bool:
    return employment_services.can_serve(user)


def require_server(user: User) -> None:
    if not can_serve(user):
        raise Forbidden("您沒有辦理失業認定的權限。", "You may not handle unemployment certification.")


def _is_citizen(user: User) -> bool:
    return user.is_authenticated and user.kind == UserKind.CITIZEN and user.person_id is not None


def is_own(user: User, certification: Certification) -> bool:
    return _is_citizen(user) and user.person_id == certification.person_id


def _rule_error(error: RuleError, field_map: dict[str, str] | None = None) -> ApplicationError:
    name = (field_map or {}).get(error.field, error.field)
    return ApplicationError(error.message_zh, error.message_en, field=name)


def _citizen_accounts(person_id: int):
    return User.objects.filter(kind=UserKind.CITIZEN, person_id=person_id, is_active=True)


def _tell_worker(certification: Certification, subject_zh: str, subject_en: str, body_zh: str = "",
                 body_en: str = "") -> None:
    for account in _citizen_accounts(certification.person_id):
        outbox_write(recipient=account, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh,
                     body_en=body_en, link=f"/portal/certification/{certification.pk}/")


def _roc(day: date) -> str:
    return f"{day.year - 1911}年{day.month}月{day.day}日"


# --- the application ------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationInput:
    separation_date: date
    separation_reason: str
    last_employer_name: str
    insured_salaries: list[int]
    insured_months_in_three_years: int
    birth_date: date | None = None  # defaults to the person's record
    last_employer_tax_id: str = ""
    fixed_term_months_last_year: int | None = None
    dependants: list[str] = field(default_factory=list)
    disability_certificate: bool = False


def benefit_for(certification: Certification, on: date | None = None) -> rules.UnemploymentBenefit:
    """The benefit as `rules.unemployment` computes it (for information: the Bureau pays),
    on the registration date (or `on`, before the first certification)."""
    return rules.unemployment_benefit(
        on=on or certification.registration_date or certification.applied_on,
        separation_date=certification.separation_date, insured_salaries=list(certification.insured_salaries),
        birth_date=certification.birth_date, dependants=list(certification.dependants),
        disability_certificate=certification.disability_certificate)


def _clean_application(data: ApplicationInput, person: Person, today: date) -> dict:
    if data.separation_reason not in SeparationReason.values:
        raise ApplicationError("請選擇離職原因。", "Choose the reason for leaving.", field="separation_reason")
    if data.separation_date > today:
        raise ApplicationError("離職退保日不可晚於今天。", "The separation cannot be in the future.",
                               field="separation_date")
    name = employment_services.clean_text(data.last_employer_name, field="last_employer_name",
                                          label_zh="原投保單位名稱", label_en="Last employer", max_length=100,
                                          min_length=2)
    tax_id = (data.last_employer_tax_id or "").strip()
    if tax_id:
        try:
            identifiers.check_business_id(tax_id, today)
        except RuleError as error:
            raise _rule_error(error, {error.field: "last_employer_tax_id"}) from None
    birth = data.birth_date or person.birth_date
    if birth is None:
        raise ApplicationError("請填寫出生日期。", "Give the birth date.", field="birth_date")
    if data.separation_reason == SeparationReason.FIXED_TERM:
        if data.fixed_term_months_last_year is None:
            raise ApplicationError("定期契約屆滿離職者，請填寫離職前一年內契約期間合計月數。",
                                   "For a fixed-term contract, give the contract months in the year before.",
                                   field="fixed_term_months_last_year")
        if not 0 <= data.fixed_term_months_last_year <= 12:
            raise ApplicationError("契約期間合計月數應為0至12。", "Contract months: 0 to 12.",
                                   field="fixed_term_months_last_year")
    if not 0 <= data.insured_months_in_three_years <= 36:
        raise ApplicationError("三年內保險年資月數應為0至36。", "Months insured in three years: 0 to 36.",
                               field="insured_months_in_three_years")
    values = {"separation_date": data.separation_date, "separation_reason": data.separation_reason,
              "last_employer_name": name, "last_employer_tax_id": tax_id,
              "fixed_term_months_last_year": data.fixed_term_months_last_year,
              "insured_salaries": list(data.insured_salaries), "dependants": list(dict.fromkeys(data.dependants)),
              "insured_months_in_three_years": data.insured_months_in_three_years,
              "disability_certificate": data.disability_certificate, "birth_date": birth}
    try:  # the amount, the 2-year claim window (第25條第1項) and the inputs, as the rule checks them
        rules.unemployment_benefit(on=today, separation_date=data.separation_date,
                                   insured_salaries=values["insured_salaries"], birth_date=birth,
                                   dependants=values["dependants"],
                                   disability_certificate=data.disability_certificate)
    except RuleError as error:
        raise _rule_error(error, {"on": "separation_date"}) from None
    return values


def certification_apply(*, data: ApplicationInput, actor: User, person: Person | None = None,
                        today: date | None = None) -> Certification:
    """申請失業給付: a citizen for themself (portal or API), or a counsellor for a person at
    the counter. The person must have registered as a job seeker (求職登記). One open
    claim per person. The claim waits for the first certification in person."""
    today = today or timezone.localdate()
    if _is_citizen(actor):
        owner = Person.objects.get(pk=actor.person_id)
        channel = Channel.PORTAL
    elif can_serve(actor):
        if person is None:
            raise ApplicationError("請指定申請人。", "Name the applicant.", field="person_id")
        owner = person
        channel = Channel.COUNTER
    else:
        raise Forbidden("請以民眾帳號申請，或由就業服務處臨櫃受理。",
                        "Apply with a citizen account, or at the employment service's counter.")
    seeker = JobSeeker.objects.filter(person=owner).first()
    if seeker is None:
        raise ApplicationError("請先辦理求職登記，再申請失業給付。",
                               "Register as a job seeker first, then apply.", field="seeker", code="not_registered")
    values = _clean_application(data, owner, today)
    with transaction.atomic():
        Person.objects.select_for_update().get(pk=owner.pk)  # one open claim per person, even racing
        if Certification.objects.filter(person=owner, status__in=OPEN_STATUSES).exists():
            raise Conflict("已有進行中的失業給付申請。", "There is an open claim already.", code="duplicate")
        certification = Certification.objects.create(person=owner, seeker=seeker, channel=channel,
                                                      applied_on=today, created_by=actor, **values)
        if channel == Channel.PORTAL:
            _tell_worker(certification, "已收到您的失業給付申請", "Your unemployment benefit claim was received",
                         "請攜帶離職證明及身分證件，親自至就業服務處辦理求職登記及失業認定（就業保險法第25條第1項）。",
                         "Bring your separation certificate and ID to the employment service in person (Art. 25(1)).")
    return certification


def _schedule_date(certification: Certification, month: int, benefit: rules.UnemploymentBenefit
                   ) -> CertificationDate | None:
    """The date of benefit month `month` from the rule's schedule (第20條第1項, 第29條第1項);
    None past the last month."""
    if month > benefit.max_months:
        return None
    item = benefit.schedule[month - 1]
    return CertificationDate.objects.create(certification=certification, month=month,
                                            period_start=item.period_start, period_end=item.period_end,
                                            due_date=item.office_day)


# --- the first visit: documents missing (第25條第5項) ---------------------------------------


def cure_deadline(visit: date) -> working_days.Deadline:
    """The last day to complete the documents missing at the first visit (第25條第5項 "應於
    七日內補正"), a period counted under 行政程序法第48條: the visit's day is not counted
    (第2項); an end on a Sunday, a national holiday or another rest day moves to the next
    working day, an end on a non-working Saturday to the following Monday morning (第4項).
    A make-up working Saturday is not a rest day (法務部99年2月3日法律字第0990004718號函).
    Raises RuleError outside the office calendar's years (`rules.working_days`)."""
    return working_days.deadline_detail(visit, CURE_DAYS, "calendar")


def _document_names(codes: list[str]) -> tuple[str, str]:
    labels = [MissingDocument(code).label.partition(" ") for code in codes]
    return "、".join(zh for zh, _, _ in labels), "; ".join(en for _, _, en in labels)


def _submitted(locked: Certification) -> None:
    """Only a claim awaiting the first certification (the row is locked by the caller)."""
    if locked.status == CertificationStatus.CLOSED and locked.close_reason == CloseReason.NOT_CURED:
        raise Conflict("屆期未補正，此申請視為未申請；請重新申請。",
                       "The documents were not completed in time: the claim is deemed not made. Apply again.",
                       code="not_cured")
    if locked.status != CertificationStatus.SUBMITTED:
        raise Conflict("此申請已完成初次認定。", "The first certification is done already.")


def documents_missing_record(*, certification: Certification, actor: User, missing_documents: list[str],
                             note: str = "", today: date | None = None) -> Certification:
    """At the first visit in person the worker lacks a document of 第25條第1項 (the separation
    certificate, or one without the name, the employer or the reason of 第25條第4項; the ID):
    record which, the visit's day and the last day to complete them (`cure_deadline`), and
    tell the worker. The claim stays SUBMITTED: completed in time, the counsellor records the
    first certification (`first_certification_record`); not completed, the sweep closes it as
    deemed not made (第25條第5項). Once per claim: the seven days run from the first visit."""
    require_server(actor)
    today = today or timezone.localdate()
    codes = list(dict.fromkeys(missing_documents))
    if not codes or any(code not in MissingDocument.values for code in codes):
        raise ApplicationError("請勾選未檢齊之文件（就業保險法第25條第1項）。",
                               "Tick the documents that are missing (Art. 25(1)).", field="missing_documents")
    note = employment_services.clean_text(note, field="note", label_zh="說明", label_en="Note", max_length=300)
    try:
        deadline = cure_deadline(today)
    except RuleError as error:  # a day outside the office calendar's years
        raise ApplicationError(error.message_zh, error.message_en) from None
    with transaction.atomic():
        locked = Certification.objects.select_for_update().get(pk=certification.pk)
        _submitted(locked)
        if locked.cure_deadline is not None:
            raise Conflict(f"已於{_roc(locked.documents_requested_on)}通知補正，期限{_roc(locked.cure_deadline)}。",
                           f"Missing documents were recorded on {locked.documents_requested_on}; the deadline is "
                           f"{locked.cure_deadline}.", code="cure_pending")
        locked.documents_requested_on = today
        locked.missing_documents = codes
        locked.missing_documents_note = note
        locked.cure_deadline = deadline.due
        locked.cure_deadline_morning_only = deadline.morning_only
        locked.save()
        names_zh, names_en = _document_names(codes)
        by_zh = f"{_roc(deadline.due)}{'上午' if deadline.morning_only else ''}"
        by_en = f"{deadline.due}{' (morning)' if deadline.morning_only else ''}"
        _tell_worker(locked, f"請於{by_zh}前補正失業給付申請文件", f"Complete your claim's documents by {by_en}",
                     f"您於{_roc(today)}親自辦理失業給付申請時，未檢齊：{names_zh}。{note}"
                     f"請於{by_zh}前攜至就業服務處補正；屆期未補正者，視為未申請（就業保險法第25條第5項）。",
                     f"At your visit on {today} these were missing: {names_en}. {note + ' ' if note else ''}"
                     f"Bring them to the employment service by {by_en}; otherwise the claim is deemed not made "
                     "(Art. 25(5)).")
    return locked


# --- the first certification ----------------------------------------------------------------


def first_certification_record(*, certification: Certification, actor: User, documents_checked: bool,
                               able_and_willing: bool, note: str = "", today: date | None = None) -> Certification:
    """The first certification in person (第25條第1項): the documents, the separation reason,
    counselling. Eligible (第11條第1項第1款): registered, the 14-day referral period starts and
    the first date is scheduled on the 15th day (第20條第1項, 第25條第2項). Otherwise refused
    with the unmet conditions. Documents not checked are not a refusal: they are recorded as
    missing (`documents_missing_record`, seven days to complete them, 第25條第5項); completed
    by the deadline, this records the certification and clears the deadline."""
    require_server(actor)
    today = today or timezone.localdate()
    note = employment_services.clean_text(note, field="note", label_zh="紀錄", label_en="Note", max_length=1000)
    if not documents_checked:
        raise ApplicationError("請確認離職證明文件及身分證件；未檢齊者，請記錄未檢齊之文件（七日內補正，就業保險法第25條"
                               "第5項）。", "Check the separation certificate and ID; if one is missing, record it as "
                               "missing (seven days to complete it, Art. 25(5)).", field="documents_checked")
    with transaction.atomic():
        # The hourly sweep closes a claim not cured in time with a conditional update on its
        # status: this lock makes the two exclusive (whichever commits first wins).
        locked = Certification.objects.select_for_update().get(pk=certification.pk)
        _submitted(locked)
        if locked.cure_deadline is not None and today > locked.cure_deadline:
            # Judged by the day: a period ending on a Monday morning (第48條第4項後段) is not
            # refused by the hour here; the counsellor at the counter sees the time.
            raise ApplicationError(f"補正期限{_roc(locked.cure_deadline)}已過，視為未申請（就業保險法第25條第5項）。",
                                   f"The deadline to complete the documents ({locked.cure_deadline}) has passed: the "
                                   "claim is deemed not made (Art. 25(5)).", field="documents_checked",
                                   code="cure_expired")
        # Completed in time, the documents complete the application the worker made in person
        # at the first visit: the claim is judged and registered as of that day (the two-year
        # window of 第25條第1項, the 14 days of 第25條第2項, 第20條第1項's 15th day). The Act
        # does not say so in words (an interpretation; the former rules of 1998 for the labour
        # insurance's unemployment benefit ran the waiting period from the registration when
        # the documents were completed in time, laws.mol.gov.tw FL014997).
        on = locked.documents_requested_on or today
        involuntary = locked.separation_reason in INVOLUNTARY_REASONS
        extra: list[tuple[str, str]] = []
        if locked.separation_reason == SeparationReason.FIXED_TERM:
            # 第11條第2項: more than a month without work, six months of contracts in the year before.
            if on <= add_months(locked.separation_date, 1):
                involuntary = False
                extra.append(("定期契約屆滿離職未逾一個月（第11條第2項）",
                              "Fixed-term contract ended less than a month ago (Art. 11(2))"))
            if (locked.fixed_term_months_last_year or 0) < FIXED_TERM_MIN_MONTHS:
                involuntary = False
                extra.append(("離職前一年內定期契約期間合計未滿六個月（第11條第2項）",
                              "Less than six months of contracts in the year before (Art. 11(2))"))
        try:
            result = rules.eligibility(on=on, separation_date=locked.separation_date, involuntary=involuntary,
                                       insured_months_in_three_years=locked.insured_months_in_three_years,
                                       able_and_willing=able_and_willing)
            benefit = benefit_for(locked, on=on)
        except RuleError as error:
            raise _rule_error(error) from None
        locked.documents_checked = True
        locked.missing_documents = []
        locked.missing_documents_note = ""
        locked.cure_deadline = None
        locked.cure_deadline_morning_only = False
        locked.able_and_willing = able_and_willing
        locked.intake_note = note
        locked.intake_by = actor
        if not result.eligible:
            reasons = [*extra, *[r for r in result.reasons if not (extra and r[0].startswith("離職原因"))]]
            locked.status = CertificationStatus.REJECTED
            locked.decision_note = "；".join(zh for zh, _ in reasons)[:500]
            locked.save()
            _tell_worker(locked, "失業給付申請不予認定", "Unemployment benefit claim refused", locked.decision_note)
            return locked
        locked.registration_date = on
        locked.monthly_benefit = benefit.monthly_benefit
        locked.max_months = benefit.max_months
        locked.first_benefit_day = benefit.first_benefit_day
        locked.status = CertificationStatus.WAITING
        locked.save()
        first = _schedule_date(locked, 1, benefit)
        _tell_worker(locked, f"失業認定日期：{_roc(first.due_date)}", f"Your certification date: {first.due_date}",
                     f"已完成求職登記。就業服務處將於14日內為您推介就業或安排職業訓練；未能推介者，請於{_roc(first.due_date)}"
                     "起親自辦理失業認定（就業保險法第25條第2項）。",
                     f"Registered. If no job or training is arranged within 14 days, come in person from "
                     f"{first.due_date} for the certification (Art. 25(2)).")
    return locked


# --- offers: referrals and training ------------------------------------------------------


def _open_claim(certification: Certification) -> Certification:
    locked = Certification.objects.select_for_update().get(pk=certification.pk)
    if locked.status not in (CertificationStatus.WAITING, CertificationStatus.RECEIVING):
        raise ApplicationError("此申請目前不在認定中。", "The claim is not under certification.", field="certification")
    return locked


def _current_date(certification: Certification) -> CertificationDate | None:
    return certification.dates.filter(status=DateStatus.SCHEDULED).order_by("month").first()


def offer_job(*, certification: Certification, vacancy: Vacancy, actor: User, message: str = "",
              today: date | None = None) -> Offer:
    """推介就業: a real job-bank referral (employment.services.referral_create decides: an
    active, consenting job seeker, an open vacancy, once per pair), recorded as an offer."""
    require_server(actor)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _open_claim(certification)
        referral = employment_services.referral_create(seeker=locked.seeker, vacancy=vacancy, actor=actor,
                                                       message=message or "失業認定推介", today=today)
        return Offer.objects.create(certification=locked, date=_current_date(locked), kind=OfferKind.JOB,
                                    referral=referral, offered_wage=vacancy.pay_min, offered_by=actor)


def offer_training(*, certification: Certification, course_name: str, provider: str, actor: User) -> Offer:
    """安排職業訓練: recorded as the course and its provider (the vocational academy's course
    records are not in the platform yet); the worker is told."""
    require_server(actor)
    course_name = employment_services.clean_text(course_name, field="course_name", label_zh="課程名稱",
                                                 label_en="Course", max_length=100, min_length=2)
    provider = employment_services.clean_text(provider, field="provider", label_zh="訓練單位", label_en="Provider",
                                              max_length=100, min_length=2)
    with transaction.atomic():
        locked = _open_claim(certification)
        offer = Offer.objects.create(certification=locked, date=_current_date(locked), kind=OfferKind.TRAINING,
                                     course_name=course_name, provider=provider, offered_by=actor)
        _tell_worker(locked, f"已為您安排職業訓練：{course_name}", f"Training arranged for you: {course_name}",
                     f"訓練單位：{provider}。")
    return offer


JOB_GROUNDS = (RefusalGround.WAGE_BELOW_BENEFIT, RefusalGround.DISTANCE, RefusalGround.NONE)
TRAINING_GROUNDS = (RefusalGround.ILLNESS, RefusalGround.RELOCATION, RefusalGround.NONE)


def offer_answer(*, offer: Offer, accepted: bool, actor: User, offered_wage: int | None = None,
                 distance_km: int | None = None, ground: str = "", note: str = "",
                 today: date | None = None) -> Offer:
    """The worker's answer to an offer, recorded by the counsellor. A refused job is judged
    by 第13條 (`rules.unemployment.job_refusal`: the pay against the monthly benefit, the
    distance from home); a refused training by 第14條第1項 (illness, pregnancy or
    childbirth with proof; a move of home found too hard). A refusal without such cause
    bars the benefit (第15條): the claim is refused (before the certification) or closed."""
    require_server(actor)
    today = today or timezone.localdate()
    note = employment_services.clean_text(note, field="note", label_zh="說明", label_en="Note", max_length=300)
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        if locked.response != OfferResponse.PENDING:
            raise Conflict("此推介已有回覆。", "This offer has its answer already.")
        claim = _open_claim(locked.certification)
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.note = note
        if accepted:
            locked.response = OfferResponse.ACCEPTED
            locked.save()
            return locked
        locked.response = OfferResponse.REFUSED
        if locked.kind == OfferKind.JOB:
            if offered_wage is None or offered_wage < 0:
                raise ApplicationError("請填寫該工作之月薪資。", "Give the job's monthly pay.", field="offered_wage")
            if distance_km is None or distance_km < 0:
                raise ApplicationError("請填寫工作地點與住處之距離（公里）。", "Give the distance from home (km).",
                                       field="distance_km")
            assessment = rules.job_refusal(on=today, offered_monthly_wage=offered_wage,
                                           monthly_benefit=claim.monthly_benefit or 0, distance_km=distance_km)
            locked.offered_wage = offered_wage
            locked.distance_km = distance_km
            locked.justified = assessment.justified
            if offered_wage < (claim.monthly_benefit or 0):
                locked.refusal_ground = RefusalGround.WAGE_BELOW_BENEFIT
            elif distance_km >= rules.REFUSAL_DISTANCE_KM:
                locked.refusal_ground = RefusalGround.DISTANCE
            else:
                locked.refusal_ground = RefusalGround.NONE
        else:
            if ground not in TRAINING_GROUNDS:
                raise ApplicationError("請選擇不參加訓練之理由（第14條第1項）或「無正當理由」。",
                                       "Choose the reason (Art. 14(1)) or 'no justified reason'.", field="ground")
            locked.refusal_ground = ground
            locked.justified = ground != RefusalGround.NONE
        locked.save()
        if not locked.justified:
            basis = "第15條第1款" if locked.kind == OfferKind.JOB else "第15條第2款"
            reason = f"無正當理由不接受{'推介之工作' if locked.kind == OfferKind.JOB else '職業訓練'}（就業保險法{basis}）"
            _bar(claim, reason, actor)
    return locked


def _bar(claim: Certification, reason: str, actor: User) -> None:
    """第15條: no benefit. Before the certification the claim is refused; during it, closed."""
    if claim.status == CertificationStatus.WAITING:
        claim.status = CertificationStatus.REJECTED
    else:
        claim.status = CertificationStatus.CLOSED
        claim.close_reason = CloseReason.REFUSED_OFFER
    claim.decision_note = reason
    claim.save()
    claim.dates.filter(status=DateStatus.SCHEDULED).update(status=DateStatus.CANCELLED, decided_by=actor,
                                                           decided_at=timezone.now())
    _tell_worker(claim, "失業給付停止", "Unemployment benefit stopped", reason)


# --- job-search records -------------------------------------------------------------------


@dataclass(frozen=True)
class SearchRecordInput:
    searched_on: date
    employer_name: str
    position: str
    method: str
    result: str


def _file_checked(content: bytes, name: str) -> tuple[str, str, str]:
    """(content type, clean name, sha256) of an upload: PDF, JPEG or PNG judged by their
    first bytes, at most ATTACHMENT_MAX_BYTES."""
    if not content:
        raise ApplicationError("檔案是空的。", "The file is empty.", field="file")
    if len(content) > settings.ATTACHMENT_MAX_BYTES:
        limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise ApplicationError(f"檔案超過 {limit} MB 上限。", f"The file exceeds the {limit} MB limit.", field="file")
    kind = next((k for k, magic in ALLOWED_FILE_TYPES.items() if content.startswith(magic)), None)
    if kind is None:
        raise ApplicationError("只接受 PDF、JPEG 或 PNG 檔案。", "Only PDF, JPEG or PNG files are accepted.",
                               field="file")
    clean = (name or "record").replace("/", "_").replace("\\", "_").strip()[:150] or "record"
    return kind, clean, hashlib.sha256(content).hexdigest()


def search_record_add(*, certification: Certification, data: SearchRecordInput, actor: User,
                      file_name: str = "", content: bytes | None = None, today: date | None = None
                      ) -> JobSearchRecord:
    """求職紀錄 (第30條): the worker (or the counsellor at the counter) records a job search
    made since the claim began, with an optional proof file (PDF, JPEG, PNG)."""
    today = today or timezone.localdate()
    if not (is_own(actor, certification) or can_serve(actor)):
        raise NotFound("失業給付申請", "claim")
    employer_name = employment_services.clean_text(data.employer_name, field="employer_name", label_zh="求職單位",
                                                   label_en="Employer", max_length=100, min_length=2)
    position = employment_services.clean_text(data.position, field="position", label_zh="應徵職務",
                                              label_en="Position", max_length=60, min_length=1)
    if data.method not in SearchMethod.values:
        raise ApplicationError("請選擇求職方式。", "Choose how you applied.", field="method")
    if data.result not in SearchResult.values:
        raise ApplicationError("請選擇求職結果。", "Choose the result.", field="result")
    if data.searched_on > today:
        raise ApplicationError("求職日期不可晚於今天。", "The date cannot be in the future.", field="searched_on")
    if data.searched_on < certification.separation_date:
        raise ApplicationError("求職日期不可早於離職日。", "The date cannot be before the separation.",
                               field="searched_on")
    checked = _file_checked(content, file_name) if content is not None else None
    with transaction.atomic():
        locked = Certification.objects.select_for_update().get(pk=certification.pk)
        if locked.status not in OPEN_STATUSES:
            raise ApplicationError("此申請已結案，不能再登錄求職紀錄。", "The claim is closed.", field="certification")
        if JobSearchRecord.objects.filter(certification=locked).count() >= MAX_RECORDS_PER_CLAIM:
            raise ApplicationError("求職紀錄筆數已達上限。", "Too many records on this claim.", field="certification")
        record = JobSearchRecord(certification=locked, searched_on=data.searched_on, employer_name=employer_name,
                                 position=position, method=data.method, result=data.result, added_by=actor)
        if checked is not None:
            kind, clean, digest = checked
            record.original_name, record.content_type, record.size, record.sha256 = clean, kind, len(content), digest
            record.file.save(f"{digest[:16]}{mimetypes.guess_extension(kind) or ''}", ContentFile(content), save=False)
        try:
            record.save()
        except Exception:
            if record.file:
                record.file.delete(save=False)
            raise
    return record


# --- the dates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DateRecordInput:
    certified: bool
    record_ids: list[int] = field(default_factory=list)  # job-search records verified today
    in_person: bool = True
    proxy_reason: str = ""
    work_income: int | None = None
    employed: bool = False  # the worker found work: the claim ends
    note: str = ""


def date_record(*, date_row: CertificationDate, data: DateRecordInput, actor: User,
                today: date | None = None) -> CertificationDate:
    """Record a date in person: the initial recognition (month 1) or a re-certification.

    - within the benefit month only (from its first day to its last; afterwards it is missed);
    - in person, or by a proxy with medical proof during treatment (第29條第1項但書);
    - a re-certification needs at least two job-search records, verified here (第30條);
    - declared work income above the minimum wage bars the month, below it is deducted as
      第17條第1項 says (for information, the Bureau pays);
    - a certified date schedules the next month's (第29條第1項); the last one ends the claim;
    - `employed`: the worker found work, the claim closes (no further dates).
    """
    require_server(actor)
    today = today or timezone.localdate()
    note = employment_services.clean_text(data.note, field="note", label_zh="紀錄", label_en="Note", max_length=500)
    proxy_reason = employment_services.clean_text(data.proxy_reason, field="proxy_reason", label_zh="委託理由",
                                                  label_en="Proxy reason", max_length=300)
    if not data.in_person and not proxy_reason:
        raise ApplicationError("非親自辦理者，請記錄傷病診療之證明及委託理由（就業保險法第29條第1項但書）。",
                               "Not in person: record the medical proof and why (Art. 29(1) proviso).",
                               field="proxy_reason")
    if data.work_income is not None and data.work_income < 0:
        raise ApplicationError("工作收入不可為負數。", "Work income cannot be negative.", field="work_income")
    with transaction.atomic():
        row = CertificationDate.objects.select_for_update().get(pk=date_row.pk)
        claim = Certification.objects.select_for_update().get(pk=row.certification_id)
        if row.status != DateStatus.SCHEDULED:
            raise Conflict("此認定日期已處理。", "This date is recorded already.")
        if claim.status not in (CertificationStatus.WAITING, CertificationStatus.RECEIVING):
            raise ApplicationError("此申請目前不在認定中。", "The claim is not under certification.",
                                   field="certification")
        if today < row.period_start:
            raise ApplicationError(f"本次認定自{_roc(row.period_start)}起始得辦理。",
                                   f"This date can be recorded from {row.period_start}.", field="date",
                                   code="too_early")
        if today > row.period_end:
            raise ApplicationError("本次認定期間已過（視為未到）。", "This month is over (missed).", field="date",
                                   code="missed")
        if claim.offers.filter(response=OfferResponse.PENDING, date=row).exists() and data.certified:
            raise ApplicationError("本次推介或訓練尚未記錄回覆。", "Record the answer to this date's offers first.",
                                   field="offers")
        ids = list(dict.fromkeys(data.record_ids))
        records = list(JobSearchRecord.objects.select_for_update().filter(pk__in=ids, certification=claim,
                                                                          date__isnull=True))
        if len(records) != len(ids):
            raise ApplicationError("求職紀錄不屬於本申請或已於先前認定使用。",
                                   "A record is not this claim's or was used at an earlier date.",
                                   field="record_ids")
        certified = data.certified
        outcome = note
        if certified and not row.initial and len(records) < rules.MIN_JOB_SEARCH_RECORDS:
            raise ApplicationError(f"失業再認定應提供{rules.MIN_JOB_SEARCH_RECORDS}次以上之求職紀錄（就業保險法第30條），"
                                   f"目前核對{len(records)}筆。",
                                   f"A re-certification needs at least {rules.MIN_JOB_SEARCH_RECORDS} job-search "
                                   f"records (Art. 30); {len(records)} verified.", field="record_ids")
        payable = None
        if certified and data.work_income is not None and claim.first_benefit_day:
            benefit = benefit_for(claim)
            try:
                deduction = rules.work_income_deduction(
                    on=row.period_start, monthly_benefit=benefit.monthly_benefit,
                    average_insured_salary=benefit.average_insured_salary, work_income=data.work_income)
            except RuleError as error:  # e.g. the minimum wage of that year is not recorded yet
                raise _rule_error(error, {"on": "work_income"}) from None
            payable = deduction.payable
            if deduction.barred:
                certified = False
                outcome = (f"工作收入{data.work_income:,}元超過基本工資{deduction.minimum_wage:,}元，"
                           f"本月不得請領（就業保險法第17條第1項）。{note}")[:500]
        elif certified:
            payable = claim.monthly_benefit
        for record in records:
            record.date = row
            record.verified = True
            record.verified_by = actor
            record.save(update_fields=["date", "verified", "verified_by"])
        row.status = DateStatus.CERTIFIED if certified else DateStatus.NOT_CERTIFIED
        row.attended_on = today
        row.in_person = data.in_person
        row.proxy_reason = proxy_reason
        row.job_search_records = len(records)
        row.work_income = data.work_income
        row.payable = payable if certified else None
        row.outcome_note = outcome
        row.decided_by = actor
        row.decided_at = timezone.now()
        row.save()
        if certified and claim.status == CertificationStatus.WAITING:
            claim.status = CertificationStatus.RECEIVING
        if data.employed:
            claim.status = CertificationStatus.CLOSED
            claim.close_reason = CloseReason.EMPLOYED
            claim.decision_note = "再就業"
            claim.save()
            _tell_worker(claim, "失業認定結案：已就業", "Certification closed: you found work")
            return row
        following = _schedule_date(claim, row.month + 1, benefit_for(claim))
        if following is None:
            claim.status = CertificationStatus.CLOSED
            claim.close_reason = CloseReason.COMPLETED
        claim.save()
        word_zh = "已認定" if certified else "不予認定"
        next_zh = f"下次失業再認定：{_roc(following.due_date)}起，請親自辦理並攜帶2次以上求職紀錄。" if following else "給付月數已屆滿。"
        next_en = (f"Next re-certification from {following.due_date}, in person, with two job-search records."
                   if following else "All benefit months are done.")
        _tell_worker(claim, f"第{row.month}個月失業認定：{word_zh}", f"Month {row.month}: "
                     f"{'certified' if certified else 'not certified'}", f"{outcome}{next_zh}", next_en)
    return row


def certification_close(*, certification: Certification, reason: str, actor: User, note: str = "") -> Certification:
    """Close a claim: the worker found work, entered training, or withdrew."""
    if reason not in (CloseReason.EMPLOYED, CloseReason.TRAINING, CloseReason.WITHDRAWN):
        raise ApplicationError("請選擇結案原因。", "Choose why the claim closes.", field="reason")
    if not (can_serve(actor) or (is_own(actor, certification) and reason == CloseReason.WITHDRAWN)):
        raise NotFound("失業給付申請", "claim")
    note = employment_services.clean_text(note, field="note", label_zh="說明", label_en="Note", max_length=500)
    with transaction.atomic():
        locked = Certification.objects.select_for_update().get(pk=certification.pk)
        if locked.status not in OPEN_STATUSES:
            raise Conflict("此申請已結案。", "The claim is closed already.")
        locked.status = CertificationStatus.CLOSED
        locked.close_reason = reason
        locked.decision_note = note
        locked.save()
        locked.dates.filter(status=DateStatus.SCHEDULED).update(status=DateStatus.CANCELLED, decided_by=actor,
                                                                decided_at=timezone.now())
    return locked


# --- the sweep: reminders and missed dates ----------------------------------------------------


def certification_sweep(today: date | None = None) -> dict[str, int]:
    """Hourly (notify.scheduler): remind each worker once, REMIND_DAYS_BEFORE days before a
    date (and on it, if the reminder was not sent yet); mark a date not recorded by the last
    day of its month as missed: no benefit for that month (就業保險法第29條第2項 "未經公立就業
    服務機構為失業再認定者，應停止發給失業給付") and schedule the next month's date, so the worker
    can come back within the claim; close a claim whose missing documents were not completed
    by the deadline: deemed not made (第25條第5項 "屆期未補正者，視為未申請"). Each row is
    handled once (conditional on its state)."""
    today = today or timezone.localdate()
    reminded = missed = 0
    due = (CertificationDate.objects.filter(status=DateStatus.SCHEDULED, reminder_sent_at=None,
                                            due_date__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
                                            period_end__gte=today)
           .select_related("certification"))
    for row in due:
        with transaction.atomic():
            if not CertificationDate.objects.filter(pk=row.pk, reminder_sent_at=None,
                                                    status=DateStatus.SCHEDULED).update(reminder_sent_at=timezone.now()):
                continue
            what_zh = "失業認定" if row.initial else "失業再認定"
            _tell_worker(row.certification, f"提醒：{_roc(row.due_date)}起請親自辦理{what_zh}",
                         f"Reminder: your certification date is {row.due_date}",
                         f"請於{_roc(row.due_date)}起至{_roc(row.period_end)}前親自至就業服務處辦理"
                         + ("，並攜帶2次以上之求職紀錄（就業保險法第30條）。" if not row.initial else "。"),
                         f"Come in person between {row.due_date} and {row.period_end}"
                         + (" with at least two job-search records (Art. 30)." if not row.initial else "."))
            reminded += 1
    for row in CertificationDate.objects.filter(status=DateStatus.SCHEDULED, period_end__lt=today):
        with transaction.atomic():
            claim = Certification.objects.select_for_update().get(pk=row.certification_id)
            if not CertificationDate.objects.filter(pk=row.pk, status=DateStatus.SCHEDULED).update(
                    status=DateStatus.MISSED, outcome_note="未於期間內辦理失業再認定，本月停止發給（就業保險法第29條第2項）"):
                continue
            missed += 1
            following = None
            if claim.status in (CertificationStatus.WAITING, CertificationStatus.RECEIVING):
                following = _schedule_date(claim, row.month + 1, benefit_for(claim))
                if following is None:
                    claim.status = CertificationStatus.CLOSED
                    claim.close_reason = CloseReason.COMPLETED
                    claim.save()
            _tell_worker(claim, f"未辦理第{row.month}個月失業認定", f"Missed: the certification for month {row.month}",
                         "該月失業給付停止發給（就業保險法第29條第2項）。"
                         + (f"下次認定：{_roc(following.due_date)}起。" if following else ""),
                         "No benefit for that month (Art. 29(2))."
                         + (f" Next date from {following.due_date}." if following else ""))
    return {"reminded": reminded, "missed": missed, "not_cured": _close_not_cured(today)}


def _close_not_cured(today: date) -> int:
    """第25條第5項: a claim whose documents were not completed by the deadline is deemed not
    made; it closes (the one-open-claim rule lets the worker apply again) and the worker is
    told. The update is conditional on the claim still awaiting them, so a claim is closed
    once, and never after the counsellor recorded the completion (which locks the row)."""
    closed = 0
    expired = Certification.objects.filter(status=CertificationStatus.SUBMITTED, cure_deadline__lt=today)
    for pk in expired.values_list("pk", flat=True):
        with transaction.atomic():
            if not Certification.objects.filter(pk=pk, status=CertificationStatus.SUBMITTED,
                                                cure_deadline__lt=today).update(
                    status=CertificationStatus.CLOSED, close_reason=CloseReason.NOT_CURED,
                    decision_note=NOT_CURED_NOTE, updated_at=timezone.now()):
                continue
            claim = Certification.objects.get(pk=pk)
            _tell_worker(claim, "失業給付申請：屆期未補正，視為未申請", "Claim deemed not made: documents not completed",
                         f"申請文件未於{_roc(claim.cure_deadline)}前補正，依就業保險法第25條第5項視為未申請。"
                         "如仍符合資格，請備齊離職證明文件及身分證件重新申請。",
                         f"The documents were not completed by {claim.cure_deadline}: under Art. 25(5) the claim "
                         "is deemed not made. If you are still eligible, apply again with the documents.")
            closed += 1
    return closed


# --- events: briefings and workshops ---------------------------------------------------------


@dataclass(frozen=True)
class EventInput:
    kind: str
    title: str
    date: date
    starts_at: time
    ends_at: time
    venue: str
    capacity: int
    description: str = ""


def event_create(*, data: EventInput, actor: User, today: date | None = None) -> Event:
    """A briefing for laid-off workers (就業資源說明會) or a job-search workshop, open for registration."""
    require_server(actor)
    today = today or timezone.localdate()
    clean = employment_services.clean_text
    if data.kind not in EventKind.values:
        raise ApplicationError("請選擇活動類別。", "Choose the kind of event.", field="kind")
    title = clean(data.title, field="title", label_zh="活動名稱", label_en="Title", max_length=80, min_length=4)
    venue = clean(data.venue, field="venue", label_zh="地點", label_en="Venue", max_length=100, min_length=2)
    description = clean(data.description, field="description", label_zh="說明", label_en="Description",
                        max_length=2000, markup=True)
    if data.date < today:
        raise ApplicationError("活動日期不可早於今天。", "The date cannot be in the past.", field="date")
    if data.ends_at <= data.starts_at:
        raise ApplicationError("結束時間應晚於開始時間。", "The event must end after it starts.", field="ends_at")
    if not 1 <= data.capacity <= MAX_EVENT_CAPACITY:
        raise ApplicationError(f"名額應為1至{MAX_EVENT_CAPACITY}人。", f"Capacity: 1 to {MAX_EVENT_CAPACITY}.",
                               field="capacity")
    return Event.objects.create(kind=data.kind, title=title, venue=venue, description=description, date=data.date,
                                starts_at=data.starts_at, ends_at=data.ends_at, capacity=data.capacity,
                                created_by=actor)


def _taken(event: Event) -> int:
    return EventRegistration.objects.filter(event=event, cancelled=False).count()


def event_register(*, event: Event, actor: User, person: Person | None = None,
                   today: date | None = None) -> EventRegistration:
    """A place at an event: a citizen for themself, or a counsellor for a person. While
    places remain (the event's row is locked: two last places cannot both be taken)."""
    today = today or timezone.localdate()
    if _is_citizen(actor):
        person_id = actor.person_id
    elif can_serve(actor):
        if person is None:
            raise ApplicationError("請指定報名者。", "Name the person.", field="person_id")
        person_id = person.pk
    else:
        raise Forbidden("報名請以民眾帳號登入。", "Register with a citizen account.")
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status != EventStatus.OPEN or locked.date < today:
            raise ApplicationError("此活動未開放報名。", "This event is not open for registration.", field="event_id",
                                   code="not_open")
        existing = EventRegistration.objects.filter(event=locked, person_id=person_id).first()
        if existing is not None and not existing.cancelled:
            raise Conflict("已報名此活動。", "Registered for this event already.", code="duplicate")
        if _taken(locked) >= locked.capacity:
            raise ApplicationError("名額已滿。", "The event is full.", field="event_id", code="full")
        if existing is not None:
            existing.cancelled = False
            existing.registered_by = actor
            existing.save(update_fields=["cancelled", "registered_by"])
            registration = existing
        else:
            registration = EventRegistration.objects.create(event=locked, person_id=person_id, registered_by=actor)
        for account in _citizen_accounts(person_id):
            outbox_write(recipient=account, subject_zh=f"報名成功：{locked.title}",
                         subject_en=f"Registered: {locked.title}",
                         body_zh=f"{_roc(locked.date)} {locked.starts_at:%H:%M}，{locked.venue}。",
                         link="/portal/certification/events/")
    return registration


def event_cancel_registration(*, registration: EventRegistration, actor: User) -> EventRegistration:
    if not ((_is_citizen(actor) and actor.person_id == registration.person_id) or can_serve(actor)):
        raise NotFound("報名", "registration")
    with transaction.atomic():
        locked = EventRegistration.objects.select_for_update().get(pk=registration.pk)
        if locked.cancelled:
            raise Conflict("此報名已取消。", "Cancelled already.")
        if locked.attended is not None:
            raise Conflict("已記錄出席，不能取消。", "Attendance is recorded; it cannot be cancelled.")
        locked.cancelled = True
        locked.save(update_fields=["cancelled"])
    return locked


def event_attendance(*, registration: EventRegistration, attended: bool, actor: User,
                     today: date | None = None) -> EventRegistration:
    """出席: recorded by the service on or after the event's day."""
    require_server(actor)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = EventRegistration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        if locked.cancelled:
            raise ApplicationError("此報名已取消。", "This registration is cancelled.", field="registration_id")
        if locked.event.date > today:
            raise ApplicationError("活動尚未舉行。", "The event has not taken place yet.", field="registration_id")
        locked.attended = attended
        locked.save(update_fields=["attended"])
    return locked


# --- merges ----------------------------------------------------------------------------------


def certification_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: claims and event registrations follow a merged person (an event where the
    survivor has its own registration keeps the absorbed one's)."""
    if kind != "person":
        return
    Certification.objects.filter(person_id=old_id).filter(~Q(status__in=OPEN_STATUSES)).update(person_id=new_id)
    if not Certification.objects.filter(person_id=new_id, status__in=OPEN_STATUSES).exists():
        Certification.objects.filter(person_id=old_id).update(person_id=new_id)
    taken = EventRegistration.objects.filter(person_id=new_id).values("event_id")
    EventRegistration.objects.filter(person_id=old_id).exclude(event_id__in=taken).update(person_id=new_id)

