"""The scam-screening review (求職防騙, 不實徵才廣告查察): an officer's decision on a vacancy
the screening held (approve: it is published; refuse: it is final and the employer is told
why), the "confirmed scam" report on a vacancy that was published but later found to be a
scam (the screening missed it), and the screening's quality measured on those decisions.

Only the Employment Services Office staff who may serve (`services.can_serve`) decide;
its readers (the auditor, the director) read the queue and the figures. Each decision locks
the vacancy, refuses a vacancy in the wrong status (409), and writes the review, the
vacancy's status and event, the search index and the employer's notice in one
transaction.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from laborbureau.core.errors import ApplicationError, Conflict, NotFound
from laborbureau.core.models import User, UserKind
from laborbureau.employment import indexing, screening, services
from laborbureau.employment.models import ScreeningReview, Vacancy, VacancyEvent, VacancyStatus
from laborbureau.notify.services import outbox_write

MAX_NOTE = 500
Outcome = ScreeningReview.Outcome
Reason = ScreeningReview.Reason
SCAM_OUTCOMES = (Outcome.REJECT, Outcome.CONFIRMED_SCAM)
# A published vacancy an officer may still report as a scam (it is taken down if open).
REPORTABLE = (VacancyStatus.ACTIVE, VacancyStatus.FILLED, VacancyStatus.EXPIRED, VacancyStatus.WITHDRAWN)


def can_read(user: User) -> bool:
    return services.can_read(user)


def can_decide(user: User) -> bool:
    return services.can_serve(user)


# --- reading ---------------------------------------------------------------------------


def _employer_count(queryset: QuerySet) -> Coalesce:
    counted = queryset.filter(employer_id=OuterRef("employer_id")).order_by().values("employer_id")
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
                    Value(0))


def review_queue(user: User) -> QuerySet:
    """HELD vacancies, oldest first, with the employer's history (its vacancies, and those
    refused) in the same query. Empty for anyone who may not read."""
    if not can_read(user):
        return Vacancy.objects.none()
    return (
        Vacancy.objects.filter(status=VacancyStatus.HELD)
        .select_related("employer", "occupation", "district")
        .annotate(employer_vacancies=_employer_count(Vacancy.objects.all()),
                  employer_refused=_employer_count(Vacancy.objects.filter(status=VacancyStatus.REJECTED)))
        .order_by("created_at", "pk")
    )


def with_refusal(queryset: QuerySet) -> QuerySet:
    """Annotate each vacancy with the officer's latest refusal (reason code and note), for
    the employer's own list; one query."""
    latest = ScreeningReview.objects.filter(vacancy_id=OuterRef("pk"), outcome__in=SCAM_OUTCOMES).order_by(
        "-decided_at", "-pk")
    return queryset.annotate(refusal_reason=Subquery(latest.values("reason")[:1]),
                             refusal_note=Subquery(latest.values("note")[:1]))


def reason_label(code: str | None) -> str:
    return str(dict(Reason.choices).get(code or "", code or ""))


# --- deciding --------------------------------------------------------------------------


def _clean(outcome: str, reason: str, note: str, *, allowed: tuple[str, ...]) -> tuple[str, str]:
    if outcome not in allowed:
        raise ApplicationError("審核結果不正確。", "Unknown decision.", field="outcome")
    note = services.clean_text(note, field="note", label_zh="說明", label_en="Note", max_length=MAX_NOTE,
                               markup=True)
    if outcome == Outcome.APPROVE:
        return "", note
    if reason not in Reason.values:
        raise ApplicationError("不予刊登或查證為不實時，請選擇理由。", "Give the reason for the refusal.",
                               field="reason")
    if reason == Reason.OTHER and not note:
        raise ApplicationError("理由為「其他」時請說明。", "Explain the reason 'other'.", field="note")
    return reason, note


def _require_decider(actor: User) -> None:
    if not can_read(actor):
        raise NotFound("職缺", "vacancy")
    services.require_server(actor)


def _tell_employer(vacancy: Vacancy, *, subject_zh: str, subject_en: str, body_zh: str = "",
                   body_en: str = "") -> None:
    for account in User.objects.filter(kind=UserKind.EMPLOYER, employer_id=vacancy.employer_id, is_active=True):
        outbox_write(recipient=account, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh,
                     body_en=body_en, link="/portal/jobs/mine/")


def _snapshot(vacancy: Vacancy) -> dict:
    return {"screening_decision": vacancy.screening_decision, "screening_score": vacancy.screening_score,
            "screening_signals": [s.get("code", "") for s in (vacancy.screening_signals or []) if isinstance(s, dict)]}


def review_decide(*, vacancy: Vacancy, outcome: str, actor: User, reason: str = "", note: str = "",
                  today: date | None = None) -> ScreeningReview:
    """An officer decides on a held vacancy: APPROVE publishes it (ACTIVE, posted now,
    indexed); REJECT refuses it (REJECTED, final) with a reason the employer is told."""
    _require_decider(actor)
    reason, note = _clean(outcome, reason, note, allowed=(Outcome.APPROVE, Outcome.REJECT))
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = Vacancy.objects.select_for_update().select_related("employer", "occupation", "district").filter(
            pk=vacancy.pk).first()
        if locked is None:
            raise NotFound("職缺", "vacancy")
        if locked.status != VacancyStatus.HELD:
            raise Conflict("此職缺不在待審核狀態，無法審核。", "This vacancy is not held for review.")
        if outcome == Outcome.APPROVE and locked.closing_date < today:
            raise Conflict("職缺截止日期已過，無法核准刊登。", "The closing date has passed; it cannot be published.")
        review = ScreeningReview.objects.create(vacancy=locked, outcome=outcome, reason=reason, note=note,
                                                officer=actor, **_snapshot(locked))
        now = timezone.now()
        if outcome == Outcome.APPROVE:
            locked.status = VacancyStatus.ACTIVE
            locked.posted_at = now
            locked.save(update_fields=["status", "posted_at", "updated_at"])
            VacancyEvent.objects.create(vacancy=locked, action="approve", from_status=VacancyStatus.HELD,
                                        to_status=VacancyStatus.ACTIVE, actor=actor, note=note[:200])
            _tell_employer(locked, subject_zh=f"職缺已審核通過並刊登：{locked.title}",
                           subject_en=f"Your vacancy was approved and published: {locked.title}")
        else:
            locked.status = VacancyStatus.REJECTED
            locked.closed_at = now
            locked.save(update_fields=["status", "closed_at", "updated_at"])
            label = reason_label(reason)
            VacancyEvent.objects.create(vacancy=locked, action="reject", from_status=VacancyStatus.HELD,
                                        to_status=VacancyStatus.REJECTED, actor=actor,
                                        note=f"{label}：{note}"[:200] if note else label[:200])
            _tell_employer(locked, subject_zh=f"職缺不予刊登：{locked.title}",
                           subject_en=f"Your vacancy was refused: {locked.title}",
                           body_zh=f"理由：{label.split(' ')[0]}。{note}".strip(),
                           body_en=f"Reason: {' '.join(label.split(' ')[1:])}. {note}".strip())
        indexing.vacancy_sync(locked)
    return review


def scam_confirm(*, vacancy: Vacancy, actor: User, reason: str, note: str = "") -> ScreeningReview:
    """A published vacancy found to be a scam (a report, an inspection): recorded as a
    confirmed scam (a false negative of the screening if it published it); taken down
    (REJECTED) if it is still open. Once per vacancy."""
    _require_decider(actor)
    reason, note = _clean(Outcome.CONFIRMED_SCAM, reason, note, allowed=(Outcome.CONFIRMED_SCAM,))
    with transaction.atomic():
        locked = Vacancy.objects.select_for_update().select_related("employer", "occupation", "district").filter(
            pk=vacancy.pk).first()
        if locked is None:
            raise NotFound("職缺", "vacancy")
        if locked.status == VacancyStatus.HELD:
            raise Conflict("此職缺待審核中，請於審核佇列處理。", "This vacancy is held: decide it in the review queue.")
        if locked.status not in REPORTABLE or locked.posted_at is None:
            raise Conflict("此職缺未曾刊登或已不予刊登。", "This vacancy was never published or is already refused.")
        if ScreeningReview.objects.filter(vacancy=locked, outcome=Outcome.CONFIRMED_SCAM).exists():
            raise Conflict("此職缺已查證為不實。", "This vacancy is already confirmed a scam.")
        review = ScreeningReview.objects.create(vacancy=locked, outcome=Outcome.CONFIRMED_SCAM, reason=reason,
                                                note=note, officer=actor, **_snapshot(locked))
        label = reason_label(reason)
        if locked.status == VacancyStatus.ACTIVE:
            locked.status = VacancyStatus.REJECTED
            locked.closed_at = timezone.now()
            locked.save(update_fields=["status", "closed_at", "updated_at"])
            VacancyEvent.objects.create(vacancy=locked, action="takedown", from_status=VacancyStatus.ACTIVE,
                                        to_status=VacancyStatus.REJECTED, actor=actor,
                                        note=f"查證為不實徵才：{label}"[:200])
            indexing.vacancy_sync(locked)
        else:
            VacancyEvent.objects.create(vacancy=locked, action="confirm_scam", from_status=locked.status,
                                        to_status=locked.status, actor=actor, note=f"查證為不實徵才：{label}"[:200])
        _tell_employer(locked, subject_zh=f"職缺經查證為不實徵才：{locked.title}",
                       subject_en=f"Your vacancy was found to be a false or unlawful ad: {locked.title}",
                       body_zh=f"理由：{label.split(' ')[0]}。{note}".strip(),
                       body_en=f"Reason: {' '.join(label.split(' ')[1:])}. {note}".strip())
    return review


# --- measuring -------------------------------------------------------------------------


@dataclass
class SignalQuality:
    code: str
    on_scams: int = 0
    on_legitimate: int = 0


@dataclass
class Quality:
    """The screening measured on the officers' decisions in a period. A positive is an ad
    an officer refused or confirmed a scam; the screening predicted positive when it held
    the ad. Ads published and never reviewed are not counted (their truth is unknown), so
    there is no true-negative count."""

    date_from: date
    date_to: date
    reviewed: int = 0  # distinct vacancies, the latest decision of each
    approved: int = 0
    refused: int = 0
    confirmed_scams: int = 0
    true_positives: int = 0  # held, and a scam
    false_positives: int = 0  # held, but approved
    false_negatives: int = 0  # published, later confirmed a scam
    waiting: int = 0  # held now, not decided
    signals: list[SignalQuality] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        held = self.true_positives + self.false_positives
        return round(self.true_positives / held, 3) if held else None

    @property
    def recall(self) -> float | None:
        scams = self.true_positives + self.false_negatives
        return round(self.true_positives / scams, 3) if scams else None


def _day_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (datetime.combine(date_from, time.min, tzinfo=zone),
            datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone))


def screening_quality(date_from: date, date_to: date) -> Quality:
    """Precision and recall of the screening on the vacancies an officer decided between
    the two dates (Taipei days, inclusive): the latest decision of each vacancy is its
    truth, the screening's verdict recorded with that decision its prediction. Two queries."""
    if date_to < date_from:
        raise ApplicationError("結束日期不可早於開始日期。", "The end date is before the start date.", field="date_to")
    start, end = _day_bounds(date_from, date_to)
    rows = (ScreeningReview.objects.filter(decided_at__gte=start, decided_at__lt=end)
            .order_by("vacancy_id", "-decided_at", "-pk")
            .values_list("vacancy_id", "outcome", "screening_decision", "screening_signals"))
    quality = Quality(date_from=date_from, date_to=date_to)
    by_code = {code: SignalQuality(code) for code in screening.SIGNAL_CODES}
    seen = set()
    for vacancy_id, outcome, verdict, codes in rows.iterator(chunk_size=2000):
        if vacancy_id in seen:
            continue
        seen.add(vacancy_id)
        quality.reviewed += 1
        scam = outcome in SCAM_OUTCOMES
        held = verdict == screening.REVIEW
        if outcome == Outcome.APPROVE:
            quality.approved += 1
        elif outcome == Outcome.REJECT:
            quality.refused += 1
        else:
            quality.confirmed_scams += 1
        quality.true_positives += scam and held
        quality.false_positives += held and not scam
        quality.false_negatives += scam and not held
        for code in codes or []:
            if code in by_code:
                if scam:
                    by_code[code].on_scams += 1
                else:
                    by_code[code].on_legitimate += 1
    quality.waiting = Vacancy.objects.filter(status=VacancyStatus.HELD).count()
    quality.signals = [row for row in by_code.values() if row.on_scams or row.on_legitimate]
    return quality
