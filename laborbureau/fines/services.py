"""Writes of the fines ledger. Every change is one new FineEntry, appended under the
fine's row lock, after which the cached state is recomputed from all the entries
(fines.ledger.derive) in the same transaction.

Public entry points for other apps (the case workflows call the first two):

    fine_amount_check(*, law_code, article, violation_date, amount) -> FineRange
    fine_issue(*, employer, unit, law_code, article, violation_date, amount,
               decided_on, actor, case=None, due_days=None, served_on=None) -> Fine
    fine_service_record(*, fine, served_on, actor) -> Fine
    fine_payment_record(*, fine, amount, paid_on, reference, actor) -> FineEntry
    fine_payment_reverse(*, entry, reason, actor) -> FineEntry
    fine_reminder_send(*, fine, actor, today=None) -> FineEntry
    fine_reminders_sweep(today=None) -> int
    fine_refer_to_enforcement(*, fine, actor, today=None) -> FineEntry
    fine_appeal_file(*, fine, filed_on, actor, collection_suspended=True, reference="", note="")
    fine_appeal_decide(*, fine, outcome, decided_on, actor, new_amount=None, reference="", note="")
    fine_litigation_file(*, fine, filed_on, actor, collection_suspended=True, reference="", note="")
    fine_litigation_decide(*, fine, outcome, decided_on, actor, new_amount=None, reference="", note="")
    fine_cancel(*, fine, reason, actor, on=None)
    fine_write_off(*, fine, reason, actor, on=None)
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from laborbureau.cases import access as case_access
from laborbureau.cases.models import Case, CaseParty, TimelineEntry
from laborbureau.cases.services import timeline_append
from laborbureau.core import access
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, rule_error_to_application_error
from laborbureau.core.models import Employer, Unit, User, UserKind
from laborbureau.fines import ledger
from laborbureau.fines.models import (
    NUMBER_PREFIX,
    Fine,
    FineEntry,
    FineNumberSequence,
    FineStatus,
    Outcome,
    RemedyStage,
)
from laborbureau.notify.models import Channel
from laborbureau.notify.services import outbox_write
from laborbureau.rules import fine_ranges, roc_calendar
from laborbureau.rules.base import RuleError

log = logging.getLogger(__name__)

Kind = FineEntry.Kind

# 行政罰法第27條第1項: the power to impose a fine lapses three years after the violation.
LIMITATION_YEARS = 3
MAX_DUE_DAYS = 180


# --- checks -----------------------------------------------------------------------


def fine_amount_check(*, law_code: str, article: str, violation_date: date, amount: int, aggravated: bool = False):
    """Check `amount` against the range in force on `violation_date` for the article
    (rules.fine_ranges; `aggravated` applies an explicit aggravation ceiling such as
    勞動基準法第79條第4項). Returns the FineRange; raises ApplicationError naming the
    field at fault: "amount", "article", "law_code" or "violation_date" (a date the
    ranges do not cover). Writes nothing. The case workflows call this before a
    fine goes to sign-off."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ApplicationError("罰鍰金額應為整數（新臺幣元）。", "The amount must be a whole number of NTD.", field="amount")
    if amount <= 0:
        raise ApplicationError("罰鍰金額應大於0元。", "The amount must be more than NT$0.", field="amount")
    if not law_code or not article:
        raise ApplicationError("請選擇違反的法條。", "Choose the article violated.", field="article")
    if violation_date is None:
        raise ApplicationError("請填寫違規日期。", "The violation date is required.", field="violation_date")
    try:
        return fine_ranges.check_fine_amount(law_code, article, violation_date, amount, aggravated=aggravated)
    except RuleError as error:
        application_error = rule_error_to_application_error(error)
        application_error.field = _RULE_FIELDS.get(error.field, error.field)
        raise application_error from None


# rules.fine_ranges names its inputs (law_code, article, on, amount); ours name the date.
_RULE_FIELDS = {"date": "violation_date", "on": "violation_date"}


def normalize_article(article: str, field: str = "article") -> str:
    """The canonical form of an article reference (第79條第1項第1款)."""
    try:
        return fine_ranges.normalize_article(article)
    except RuleError as error:
        raise ApplicationError(error.message_zh, error.message_en, field=field) from None


def _require_actor_on_unit(actor: User | None, unit_id: int) -> None:
    if actor is None or not access.can_act_on_unit(actor, unit_id):
        raise Forbidden("您不能處理此單位的罰鍰。", "You may not act on this unit's fines.")


def _today() -> date:
    return timezone.localdate()


def _check_date(value: date | None, field: str, label_zh: str, label_en: str, *, not_before: date | None = None,
                not_before_label: tuple[str, str] = ("", "")) -> date:
    if value is None:
        raise ApplicationError(f"請填寫{label_zh}。", f"{label_en} is required.", field=field)
    if value > _today():
        raise ApplicationError(f"{label_zh}不可晚於今天。", f"{label_en} cannot be in the future.", field=field)
    if not_before is not None and value < not_before:
        raise ApplicationError(
            f"{label_zh}不可早於{not_before_label[0]}。",
            f"{label_en} cannot be before the {not_before_label[1]}.",
            field=field,
        )
    return value


def _check_due_days(due_days: int | None) -> int:
    if due_days is None:
        return ledger.DEFAULT_DUE_DAYS
    if isinstance(due_days, bool) or not isinstance(due_days, int) or not 1 <= due_days <= MAX_DUE_DAYS:
        raise ApplicationError(
            f"繳納期限日數應為1至{MAX_DUE_DAYS}日。",
            f"The payment period must be 1 to {MAX_DUE_DAYS} days.",
            field="due_days",
        )
    return due_days


# --- numbers ----------------------------------------------------------------------


def fine_number_next(on: date) -> str:
    """The next fine number in the ROC year of `on`, e.g. 北市勞罰-115-000123.

    Increments the year's sequence row with F() inside the caller's transaction; the
    row stays locked until it commits, so numbers are unique and never reused."""
    roc_year = roc_calendar.to_roc(on)[0]
    sequence, _ = FineNumberSequence.objects.get_or_create(roc_year=roc_year)
    FineNumberSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
    sequence.refresh_from_db(fields=["last_number"])
    return f"{NUMBER_PREFIX}-{roc_year}-{sequence.last_number:06d}"


# --- the ledger core --------------------------------------------------------------


def _lock(fine: Fine) -> Fine:
    return Fine.objects.select_for_update().get(pk=fine.pk)


def _state(fine: Fine) -> ledger.FineState:
    return ledger.derive(fine.entries.order_by("seq"), fine.served_on)


def _append(fine: Fine, *, kind: str, on: date, actor: User | None, **values) -> FineEntry:
    """Append one entry to a locked fine and rewrite its cached state from all the
    entries. The caller holds the fine's row lock (or has just created the fine)."""
    entry = FineEntry.objects.create(
        fine=fine,
        seq=fine.entry_count + 1,
        kind=kind,
        on=on,
        actor=actor if actor is not None and actor.is_authenticated else None,
        **values,
    )
    fine.entry_count = entry.seq
    state = _state(fine)
    for name, value in state.as_fields().items():
        setattr(fine, name, value)
    Fine.objects.filter(pk=fine.pk).update(**state.as_fields())
    return entry


def fine_recompute(*, fine: Fine) -> Fine:
    """Rewrite a fine's cached state from its entries (repair tool; the services keep
    it current). Returns the fine with the recomputed values."""
    with transaction.atomic():
        fine = _lock(fine)
        state = _state(fine)
        Fine.objects.filter(pk=fine.pk).update(**state.as_fields())
        for name, value in state.as_fields().items():
            setattr(fine, name, value)
    return fine


# --- issue and service ------------------------------------------------------------


def fine_issue(
    *,
    employer: Employer,
    unit: Unit,
    law_code: str,
    article: str,
    violation_date: date,
    amount: int,
    decided_on: date,
    actor: User,
    case: Case | None = None,
    due_days: int | None = None,
    served_on: date | None = None,
    aggravated: bool = False,
    violated_article: str = "",
) -> Fine:
    """Record a fine decision (裁處) and its ASSESSED entry.

    Checks the amount against the range in force on the violation date (not the
    decision date: 行政罰法第5條 applies the law in force when the act was done
    unless a later one favours the offender, which the range rules encode), the
    three-year limitation (行政罰法第27條第1項), and that the actor may act for
    `unit`. With a case: locks the case row, checks the employer is a party to it,
    and appends a FINE entry to its timeline. With `served_on`: also records the
    service (and so the payment deadline). `aggravated` applies an explicit
    aggravation ceiling (勞動基準法第79條第4項); `violated_article` names the duty
    breached (e.g. 第24條第1項) when it differs from the penalty article.
    Creates: Fine, FineEntry(ies), TimelineEntry."""
    _require_actor_on_unit(actor, unit.pk)
    if employer.merged_into_id:
        raise ApplicationError(
            "此事業單位資料已合併至另一筆，請對合併後的資料裁處。",
            "This employer record was merged into another; fine the surviving record.",
            field="employer",
        )
    violation_date = _check_date(violation_date, "violation_date", "違規日期", "The violation date")
    decided_on = _check_date(
        decided_on, "decided_on", "處分日期", "The decision date",
        not_before=violation_date, not_before_label=("違規日期", "violation date"),
    )
    if decided_on > _add_years(violation_date, LIMITATION_YEARS):
        raise ApplicationError(
            "違規行為終了已逾3年，裁處權已因時效完成而消滅（行政罰法第27條第1項）。",
            "More than three years have passed since the violation: the power to fine has lapsed "
            "(Administrative Penalty Act, art. 27(1)).",
            field="violation_date",
        )
    due_days = _check_due_days(due_days)
    fine_range = fine_amount_check(law_code=law_code, article=article, violation_date=violation_date, amount=amount,
                                   aggravated=aggravated)
    article = normalize_article(article)
    violated_article = normalize_article(violated_article, "violated_article") if violated_article.strip() else ""
    if served_on is not None:
        _check_date(served_on, "served_on", "送達日期", "The service date",
                    not_before=decided_on, not_before_label=("處分日期", "decision date"))
    basis = fine_range.basis
    with transaction.atomic():
        if case is not None:
            # Lock the case first (the engine's order: case, then its records), so the
            # timeline sequence cannot race with a transition on the same case.
            case = Case.objects.select_for_update().get(pk=case.pk)
            if not case_access.can_act_on_case(actor, case):
                raise Forbidden("您不能處理此案件。", "You may not act on this case.")
            if not CaseParty.objects.filter(case=case, employer=employer).exists():
                raise ApplicationError(
                    "受處分的事業單位不是此案件的當事人。",
                    "The employer fined is not a party to this case.",
                    field="employer",
                )
        fine = Fine.objects.create(
            number=fine_number_next(decided_on),
            employer=employer,
            case=case,
            unit=unit,
            employer_name=employer.name,
            representative=employer.representative,
            business_id=employer.business_id or "",
            law_code=law_code,
            article=article,
            violated_article=violated_article,
            aggravated=aggravated,
            law_name=basis.law,
            legal_basis=f"{basis.law}{article}"[:200],
            legal_basis_version=(basis.version or "")[:80],
            range_min=fine_range.min,
            range_max=fine_range.aggravated_max if aggravated else fine_range.max,
            violation_date=violation_date,
            amount=amount,
            decided_on=decided_on,
            due_days=due_days,
            created_by=actor,
        )
        # A pending amendment (effective date not recorded) does not block the fine, but
        # the ledger keeps the caution the officer was shown.
        caution = f"。注意：{fine_range.caution_zh}" if fine_range.caution_zh else ""
        _append(fine, kind=Kind.ASSESSED, on=decided_on, actor=actor, amount=amount,
                note=f"{basis.cite()}（{fine.range_min:,}–{fine.range_max:,}元；{basis.version}）{caution}")
        if served_on is not None:
            _serve(fine, served_on=served_on, actor=actor)
        if case is not None:
            timeline_append(
                case=case,
                actor=actor,
                kind=TimelineEntry.Kind.FINE,
                text=f"裁處罰鍰 {fine.number}：{fine.legal_basis}，新臺幣{amount:,}元",
                data={
                    "fine_id": fine.pk,
                    "number": fine.number,
                    "amount": amount,
                    "law_code": law_code,
                    "article": article,
                    "decided_on": decided_on.isoformat(),
                },
            )
    return fine


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _serve(fine: Fine, *, served_on: date, actor: User | None) -> FineEntry:
    due = ledger.due_date_for(served_on, fine.due_days)
    fine.served_on = served_on
    fine.due_date = due
    Fine.objects.filter(pk=fine.pk).update(served_on=served_on, due_date=due)
    return _append(fine, kind=Kind.SERVED, on=served_on, actor=actor,
                   note=f"繳納期限 Payment due {due.isoformat()}")


def fine_service_record(*, fine: Fine, served_on: date, actor: User, reason: str = "") -> Fine:
    """Record the day the decision was served (送達), which sets the payment deadline
    (served_on + the decision's due_days, 行政程序法第48條) and starts the appeal
    period. A second record corrects the first (a new SERVED entry) and needs a
    reason. Creates: FineEntry(SERVED); updates served_on, due_date and the cache."""
    _require_actor_on_unit(actor, fine.unit_id)
    with transaction.atomic():
        fine = _lock(fine)
        _check_date(served_on, "served_on", "送達日期", "The service date",
                    not_before=fine.decided_on, not_before_label=("處分日期", "decision date"))
        if fine.status == FineStatus.CANCELLED:
            raise Conflict("此罰鍰已撤銷。", "This fine has been cancelled.")
        if fine.served_on is not None and not reason.strip():
            raise ApplicationError(
                "已登錄送達日期；更正時請說明理由。",
                "The service date is already recorded; give a reason to correct it.",
                field="reason",
            )
        entry = _serve(fine, served_on=served_on, actor=actor)
        if reason.strip():
            FineEntry.objects.filter(pk=entry.pk).update(note=f"{entry.note}；更正理由：{reason.strip()}")
    return fine


# --- payments ---------------------------------------------------------------------


def fine_payment_record(*, fine: Fine, amount: int, paid_on: date, reference: str, actor: User) -> FineEntry:
    """Record a payment (partial payments allowed). Refused on a cancelled or
    written-off fine, above the balance (no overpayment), in the future or before
    the decision. Creates: FineEntry(PAYMENT); updates the cache."""
    _require_actor_on_unit(actor, fine.unit_id)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ApplicationError("繳款金額應為大於0的整數。", "The amount paid must be a whole number above 0.",
                               field="amount")
    reference = (reference or "").strip()
    if not reference:
        raise ApplicationError("請填寫收據或交易序號。", "Give the receipt or transaction reference.", field="reference")
    if len(reference) > 80:
        raise ApplicationError("收據或交易序號太長。", "The reference is too long.", field="reference")
    with transaction.atomic():
        fine = _lock(fine)
        _check_date(paid_on, "paid_on", "繳款日期", "The payment date",
                    not_before=fine.decided_on, not_before_label=("處分日期", "decision date"))
        if fine.status in (FineStatus.CANCELLED, FineStatus.WRITTEN_OFF):
            raise ApplicationError(
                "此罰鍰已撤銷或註銷，不能登錄繳款。",
                "This fine has been cancelled or written off; no payment can be recorded.",
                field="amount",
            )
        if fine.balance == 0:
            raise ApplicationError("此罰鍰已繳清。", "This fine is fully paid.", field="amount")
        if amount > fine.balance:
            raise ApplicationError(
                f"繳款金額超過未繳餘額新臺幣{fine.balance:,}元。",
                f"The amount exceeds the balance of NT${fine.balance:,}.",
                field="amount",
            )
        return _append(fine, kind=Kind.PAYMENT, on=paid_on, actor=actor, amount=amount, reference=reference)


def fine_payment_reverse(*, entry: FineEntry, reason: str, actor: User) -> FineEntry:
    """Reverse a payment recorded in error (a new PAYMENT_REVERSED entry; the payment
    entry stays). Creates: FineEntry(PAYMENT_REVERSED); updates the cache."""
    _require_actor_on_unit(actor, entry.fine.unit_id)
    if not reason.strip():
        raise ApplicationError("請說明更正理由。", "Give the reason for the correction.", field="reason")
    with transaction.atomic():
        fine = _lock(entry.fine)
        if entry.kind != Kind.PAYMENT:
            raise ApplicationError("只能更正繳款紀錄。", "Only a payment can be reversed.", field="entry")
        if FineEntry.objects.filter(reverses=entry, kind=Kind.PAYMENT_REVERSED).exists():
            raise Conflict("此筆繳款已更正過。", "This payment has already been reversed.")
        return _append(fine, kind=Kind.PAYMENT_REVERSED, on=_today(), actor=actor, amount=entry.amount,
                       reverses=entry, reference=entry.reference, note=reason.strip())


# --- reminders and enforcement ----------------------------------------------------


def _collectable_overdue(fine: Fine, today: date) -> tuple[str, str] | None:
    """None when the fine is overdue with a balance and collection may proceed,
    else the reason (zh, en) it may not."""
    if fine.status not in (FineStatus.UNPAID,):
        if fine.status == FineStatus.REFERRED:
            return ("此罰鍰已移送行政執行。", "This fine has already been referred for enforcement.")
        return ("此罰鍰目前沒有待繳餘額。", "This fine has no balance to collect.")
    if fine.due_date is None or today <= fine.due_date:
        return ("繳納期限尚未屆滿。", "The payment deadline has not passed yet.")
    if fine.collection_suspended:
        return ("訴願或行政訴訟進行中，暫緩執行。", "Collection is suspended while an appeal or suit is pending.")
    return None


def _reminder_due(fine: Fine, today: date) -> bool:
    if _collectable_overdue(fine, today) is not None:
        return False
    if fine.reminders_sent >= ledger.MAX_REMINDER_ROUNDS:
        return False
    if fine.last_reminder_on and today < fine.last_reminder_on + timedelta(days=ledger.REMINDER_INTERVAL_DAYS):
        return False
    return True


def _send_reminder(fine: Fine, today: date, actor: User | None) -> FineEntry:
    round_number = fine.reminders_sent + 1
    entry = _append(fine, kind=Kind.REMINDER_SENT, on=today, actor=actor, reminder_round=round_number,
                    amount=None, note=f"第{round_number}次催繳 Reminder {round_number}")
    _notify_employer(
        fine,
        subject_zh=f"罰鍰催繳通知 {fine.number}",
        subject_en=f"Reminder: fine {fine.number} is overdue",
        body_zh=(
            f"貴事業單位之罰鍰（{fine.legal_basis}，處分書號 {fine.number}）繳納期限"
            f"{roc_calendar.format_long(fine.due_date)}已屆滿，尚有新臺幣{fine.balance:,}元未繳，"
            "請儘速繳納；逾期未繳將依行政執行法第11條移送強制執行。"
        ),
        body_en=(
            f"The fine {fine.number} ({fine.legal_basis}) was due on {fine.due_date.isoformat()}; "
            f"NT${fine.balance:,} remains unpaid. Please pay it promptly: an unpaid fine is referred for "
            "compulsory enforcement (Administrative Execution Act, art. 11)."
        ),
    )
    return entry


def _notify_employer(fine: Fine, *, subject_zh: str, subject_en: str, body_zh: str, body_en: str) -> None:
    """Tell the employer: its portal accounts, else the e-mail address on record."""
    accounts = list(User.objects.filter(is_active=True, kind=UserKind.EMPLOYER, employer_id=fine.employer_id))
    for account in accounts:
        outbox_write(recipient=account, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh,
                     body_en=body_en, link="/fines/mine/", case_id=fine.case_id)
    if not accounts:
        email = Employer.objects.filter(pk=fine.employer_id).values_list("email", flat=True).first()
        if email:
            outbox_write(email=email, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh,
                         body_en=body_en, case_id=fine.case_id, channels=(Channel.EMAIL,))


def fine_reminder_send(*, fine: Fine, actor: User, today: date | None = None) -> FineEntry:
    """Send the next reminder round now (staff action): only for an overdue fine with
    a balance whose collection is not suspended, and at most MAX_REMINDER_ROUNDS.
    Creates: FineEntry(REMINDER_SENT), outbox rows to the employer."""
    _require_actor_on_unit(actor, fine.unit_id)
    today = today or _today()
    with transaction.atomic():
        fine = _lock(fine)
        refusal = _collectable_overdue(fine, today)
        if refusal:
            raise ApplicationError(*refusal)
        if fine.reminders_sent >= ledger.MAX_REMINDER_ROUNDS:
            raise ApplicationError(
                f"已催繳{ledger.MAX_REMINDER_ROUNDS}次，請移送行政執行。",
                f"{ledger.MAX_REMINDER_ROUNDS} reminders have been sent; refer the fine for enforcement.",
            )
        return _send_reminder(fine, today, actor)


def fine_reminders_sweep(today: date | None = None) -> int:
    """Send the due reminder round to every overdue unpaid fine (the daily job).

    Idempotent: a fine gets at most one reminder per round (the round is the number
    of reminders sent so far plus one; rounds are REMINDER_INTERVAL_DAYS apart), so
    running the sweep twice on a day sends nothing the second time. Each fine is
    handled in its own transaction under its row lock; the unique constraint on
    (fine, round) stops two sweeps that race. Returns the number of reminders sent."""
    today = today or _today()
    candidates = (
        Fine.objects.filter(status=FineStatus.UNPAID, due_date__lt=today, collection_suspended=False,
                            reminders_sent__lt=ledger.MAX_REMINDER_ROUNDS)
        .filter(Q(last_reminder_on__isnull=True)
                | Q(last_reminder_on__lte=today - timedelta(days=ledger.REMINDER_INTERVAL_DAYS)))
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    sent = 0
    for fine_id in list(candidates):
        try:
            with transaction.atomic():
                fine = Fine.objects.select_for_update().get(pk=fine_id)
                if not _reminder_due(fine, today):
                    continue  # paid or suspended meanwhile, or another sweep got there first
                _send_reminder(fine, today, None)
                sent += 1
        except IntegrityError:
            log.info("fine %s: reminder already sent by a concurrent sweep", fine_id)
    return sent


def fine_refer_to_enforcement(*, fine: Fine, actor: User, today: date | None = None, note: str = "") -> FineEntry:
    """Refer an unpaid fine for compulsory enforcement (移送行政執行, 行政執行法第11條
    第1項第1款): only once the payment deadline the decision set has passed with a
    balance, and not while collection is suspended for a pending appeal or suit
    (department practice under 訴願法第93條第2項, see fines.ledger).
    Creates: FineEntry(REFERRED_TO_ENFORCEMENT); updates the cache."""
    _require_actor_on_unit(actor, fine.unit_id)
    today = today or _today()
    with transaction.atomic():
        fine = _lock(fine)
        refusal = _collectable_overdue(fine, today)
        if refusal:
            raise ApplicationError(*refusal)
        entry = _append(fine, kind=Kind.REFERRED_TO_ENFORCEMENT, on=today, actor=actor,
                        note=note.strip() or f"移送金額 Referred: NT${fine.balance:,}")
        _notify_employer(
            fine,
            subject_zh=f"罰鍰移送行政執行通知 {fine.number}",
            subject_en=f"Fine {fine.number} referred for enforcement",
            body_zh=f"貴事業單位之罰鍰（處分書號 {fine.number}）逾期未繳新臺幣{fine.balance:,}元，已依行政執行法第11條移送行政執行。",
            body_en=f"The unpaid NT${fine.balance:,} of fine {fine.number} has been referred for compulsory enforcement.",
        )
        return entry


# --- appeal and litigation --------------------------------------------------------


def _remedy_file(fine: Fine, *, kind: str, filed_on: date, actor: User, collection_suspended: bool,
                 reference: str, note: str) -> FineEntry:
    _require_actor_on_unit(actor, fine.unit_id)
    with transaction.atomic():
        fine = _lock(fine)
        _check_date(filed_on, "filed_on", "提起日期", "The filing date",
                    not_before=fine.decided_on, not_before_label=("處分日期", "decision date"))
        if fine.status == FineStatus.CANCELLED:
            raise Conflict("此罰鍰已撤銷。", "This fine has been cancelled.")
        if kind == Kind.APPEAL_FILED:
            if fine.remedy != RemedyStage.NONE:
                raise Conflict("此罰鍰已提起過訴願。", "An appeal has already been filed against this fine.")
        else:
            # 訴願前置 (行政訴訟法第4條第1項): a suit follows a decided appeal.
            if fine.remedy != RemedyStage.APPEAL_DECIDED:
                raise ApplicationError(
                    "提起撤銷訴訟前應先經訴願決定（行政訴訟法第4條第1項）。",
                    "A suit to revoke the decision follows an appeal decision (Administrative Litigation Act, art. 4(1)).",
                )
        entry = _append(fine, kind=kind, on=filed_on, actor=actor, collection_suspended=bool(collection_suspended),
                        reference=(reference or "").strip()[:80], note=(note or "").strip())
        if fine.case_id:
            _case_note(fine, actor, f"{Kind(kind).label.split()[0]}：{fine.number}")
        return entry


def _remedy_decide(fine: Fine, *, kind: str, outcome: str, decided_on: date, actor: User, new_amount: int | None,
                   reference: str, note: str) -> FineEntry:
    _require_actor_on_unit(actor, fine.unit_id)
    if outcome not in Outcome.values:
        raise ApplicationError("決定結果不是可用的選項。", "Unknown outcome.", field="outcome")
    with transaction.atomic():
        fine = _lock(fine)
        pending = RemedyStage.APPEAL_PENDING if kind == Kind.APPEAL_DECIDED else RemedyStage.LITIGATION_PENDING
        if fine.remedy != pending:
            raise Conflict(
                "沒有進行中的訴願。" if kind == Kind.APPEAL_DECIDED else "沒有進行中的行政訴訟。",
                "No appeal is pending." if kind == Kind.APPEAL_DECIDED else "No suit is pending.",
            )
        filed = fine.entries.filter(kind=Kind.APPEAL_FILED if kind == Kind.APPEAL_DECIDED else Kind.LITIGATION_FILED)
        filed_on = filed.order_by("-seq").values_list("on", flat=True).first()
        _check_date(decided_on, "decided_on", "決定日期", "The decision date",
                    not_before=filed_on, not_before_label=("提起日期", "filing date"))
        amount = None
        if outcome == Outcome.PARTIALLY_REVOKED:
            if isinstance(new_amount, bool) or not isinstance(new_amount, int) or new_amount <= 0:
                raise ApplicationError("一部撤銷時請填寫變更後的罰鍰金額。",
                                       "Give the new amount for a partial revocation.", field="new_amount")
            if new_amount >= fine.amount_due:
                raise ApplicationError(
                    f"變更後金額應低於原應繳金額新臺幣{fine.amount_due:,}元。",
                    f"The new amount must be less than the current NT${fine.amount_due:,}.",
                    field="new_amount",
                )
            amount = new_amount
        elif new_amount is not None:
            raise ApplicationError("只有一部撤銷時才填寫變更後金額。",
                                   "A new amount is only given for a partial revocation.", field="new_amount")
        entry = _append(fine, kind=kind, on=decided_on, actor=actor, outcome=outcome, amount=amount,
                        reference=(reference or "").strip()[:80], note=(note or "").strip())
        if fine.case_id:
            _case_note(fine, actor, f"{Kind(kind).label.split()[0]}：{fine.number} {Outcome(outcome).label.split()[0]}")
        return entry


def _case_note(fine: Fine, actor: User | None, text: str) -> None:
    """A FINE entry on the linked case's timeline (case row locked first)."""
    case = Case.objects.select_for_update().get(pk=fine.case_id)
    timeline_append(case=case, actor=actor, kind=TimelineEntry.Kind.FINE, text=text,
                    data={"fine_id": fine.pk, "number": fine.number, "status": fine.status})


def fine_appeal_file(*, fine: Fine, filed_on: date, actor: User, collection_suspended: bool = True,
                     reference: str = "", note: str = "") -> FineEntry:
    """Record that the employer filed an appeal (訴願). Collection is held while it is
    pending unless `collection_suspended=False` (訴願法第93條). Creates: FineEntry."""
    return _remedy_file(fine, kind=Kind.APPEAL_FILED, filed_on=filed_on, actor=actor,
                        collection_suspended=collection_suspended, reference=reference, note=note)


def fine_appeal_answer(*, fine: Fine, answered_on: date, actor: User, reference: str = "", note: str = "") -> FineEntry:
    """Record that the department sent its answer (訴願答辯書) on a pending appeal, with
    a copy to the appellant (訴願法第58條第3、4項). Creates: FineEntry(APPEAL_ANSWERED)."""
    _require_actor_on_unit(actor, fine.unit_id)
    with transaction.atomic():
        fine = _lock(fine)
        filed = fine.entries.filter(kind=Kind.APPEAL_FILED).order_by("seq").last()
        if filed is None or fine.remedy != RemedyStage.APPEAL_PENDING:
            raise Conflict("此罰鍰沒有待答辯的訴願。", "No appeal is pending on this fine.")
        if fine.entries.filter(kind=Kind.APPEAL_ANSWERED).exists():
            raise Conflict("此訴願已登錄答辯。", "The answer to this appeal has already been recorded.")
        _check_date(answered_on, "answered_on", "答辯日期", "The answer date",
                    not_before=filed.on, not_before_label=("提起訴願日期", "appeal date"))
        entry = _append(fine, kind=Kind.APPEAL_ANSWERED, on=answered_on, actor=actor,
                        reference=(reference or "").strip()[:80], note=(note or "").strip())
        if fine.case_id:
            _case_note(fine, actor, f"訴願答辯：{fine.number}")
        return entry


def fine_appeal_decide(*, fine: Fine, outcome: str, decided_on: date, actor: User, new_amount: int | None = None,
                       reference: str = "", note: str = "") -> FineEntry:
    """Record the appeal decision (訴願決定); `decided_on` is the day it was served on
    the employer (it starts the period for a suit). upheld: collection resumes;
    revoked: the fine is cancelled; partially_revoked: `new_amount` becomes the
    amount due. Creates: FineEntry(APPEAL_DECIDED)."""
    return _remedy_decide(fine, kind=Kind.APPEAL_DECIDED, outcome=outcome, decided_on=decided_on, actor=actor,
                          new_amount=new_amount, reference=reference, note=note)


def fine_litigation_file(*, fine: Fine, filed_on: date, actor: User, collection_suspended: bool = True,
                         reference: str = "", note: str = "") -> FineEntry:
    """Record a suit against the decision (行政訴訟), after the appeal was decided.
    Collection is held while it is pending unless `collection_suspended=False`
    (行政訴訟法第116條). Creates: FineEntry(LITIGATION_FILED)."""
    return _remedy_file(fine, kind=Kind.LITIGATION_FILED, filed_on=filed_on, actor=actor,
                        collection_suspended=collection_suspended, reference=reference, note=note)


def fine_litigation_decide(*, fine: Fine, outcome: str, decided_on: date, actor: User, new_amount: int | None = None,
                           reference: str = "", note: str = "") -> FineEntry:
    """Record the final judgment (判決確定); `decided_on` is the day it became final.
    Outcomes as for the appeal. Creates: FineEntry(LITIGATION_DECIDED)."""
    return _remedy_decide(fine, kind=Kind.LITIGATION_DECIDED, outcome=outcome, decided_on=decided_on, actor=actor,
                          new_amount=new_amount, reference=reference, note=note)


# --- cancellation and write-off ---------------------------------------------------


def fine_cancel(*, fine: Fine, reason: str, actor: User, on: date | None = None) -> FineEntry:
    """The department revokes its own decision (職權撤銷, 行政程序法第117條).
    Collection stops; payments already made become refundable. Creates: FineEntry."""
    _require_actor_on_unit(actor, fine.unit_id)
    if not reason.strip():
        raise ApplicationError("請說明撤銷理由。", "Give the reason for the cancellation.", field="reason")
    with transaction.atomic():
        fine = _lock(fine)
        if fine.status == FineStatus.CANCELLED:
            raise Conflict("此罰鍰已撤銷。", "This fine has already been cancelled.")
        entry = _append(fine, kind=Kind.CANCELLED, on=on or _today(), actor=actor, note=reason.strip())
        if fine.case_id:
            _case_note(fine, actor, f"撤銷罰鍰 {fine.number}：{reason.strip()}")
        return entry


def fine_write_off(*, fine: Fine, reason: str, actor: User, on: date | None = None) -> FineEntry:
    """Write off an uncollectable balance (註銷; e.g. the enforcement period under
    行政執行法第7條 ran out, or the enforcement agency issued a certificate of debt).
    Only a referred fine with a balance. Creates: FineEntry(WRITTEN_OFF)."""
    _require_actor_on_unit(actor, fine.unit_id)
    if not reason.strip():
        raise ApplicationError("請說明註銷理由。", "Give the reason for the write-off.", field="reason")
    with transaction.atomic():
        fine = _lock(fine)
        if fine.status != FineStatus.REFERRED:
            raise ApplicationError("只有已移送行政執行且仍有餘額的罰鍰可以註銷。",
                                   "Only a referred fine with a balance can be written off.")
        return _append(fine, kind=Kind.WRITTEN_OFF, on=on or _today(), actor=actor, note=reason.strip())


# --- merges -----------------------------------------------------------------------


def fines_employer_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook (core.services.PARTY_REFERENCE_HOOKS): the absorbed employer's fines
    move to the survivor. The decision's snapshot (name, representative) stays as
    decided."""
    if kind == "employer":
        Fine.objects.filter(employer_id=old_id).update(employer_id=new_id)
