"""Derive a fine's collection state from its entries (no database access).

`derive(entries, served_on)` replays the append-only entries in order and returns
the amount due, the amount paid, the balance, the status, the remedy stage, whether
collection is suspended and the day the decision becomes final. The services cache
the result on the Fine row in the same transaction as each append.

Legal rules applied here:

- Payment deadline: the decision states it (行政執行法第11條第1項第1款: a fine whose
  decision sets a time limit for payment and is not paid by then may be referred for
  enforcement). The department's decisions give 30 calendar days after service
  (`DEFAULT_DUE_DAYS`, configurable per decision), counted under 行政程序法第48條
  (the day of service is not counted; a last day on a day off moves to the next
  working day), through rules.working_days.
- Collection while an appeal or a suit is pending: 訴願法第93條第1項 and 行政訴訟法
  第116條第1項 say filing does not by itself suspend execution; 訴願法第93條第2項
  lets the appeal body or the deciding agency suspend it. The department holds
  enforcement while a remedy is pending (`HOLD_COLLECTION_PENDING_REMEDY`), so an
  APPEAL_FILED / LITIGATION_FILED entry suspends collection unless it says
  `collection_suspended=False`; the decision on the remedy lifts the suspension.
- Finality (確定), which decides publication: a decision is final when no remedy
  against it is pending or possible any more:
    * served, and the 30-day appeal period (訴願法第14條第1項, from the day after
      service) ran out with no appeal filed; or
    * the appeal was decided (upheld or partly revoked) and the two-month period
      for a suit (行政訴訟法第106條第1項, from service of the appeal decision; the
      APPEAL_DECIDED entry's date is that service date) ran out with no suit; or
    * a judgment upholding (or partly revoking) it became final (the
      LITIGATION_DECIDED entry's date is the day it became final).
  A revoked or cancelled decision is never final. `final_on` is the last day of
  the last open period; the decision is final from the next day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from laborbureau.fines.models import FineEntry, FineStatus, Outcome, RemedyStage
from laborbureau.rules import working_days
from laborbureau.rules.base import RuleError

DEFAULT_DUE_DAYS = 30  # the department's decisions: 30 days after service
APPEAL_PERIOD_DAYS = 30  # 訴願法第14條第1項
LITIGATION_PERIOD_MONTHS = 2  # 行政訴訟法第106條第1項
HOLD_COLLECTION_PENDING_REMEDY = True  # department practice under 訴願法第93條第2項
REMINDER_INTERVAL_DAYS = 30  # between two reminder rounds
MAX_REMINDER_ROUNDS = 2  # after that, refer for enforcement

Kind = FineEntry.Kind


@dataclass(frozen=True)
class FineState:
    status: str
    remedy: str
    amount_due: int
    paid_total: int
    balance: int
    refund_due: int
    collection_suspended: bool
    reminders_sent: int
    last_reminder_on: date | None
    referred_on: date | None
    final_on: date | None
    entry_count: int

    def as_fields(self) -> dict:
        """The values of the Fine's cached columns."""
        return {
            "status": self.status,
            "remedy": self.remedy,
            "amount_due": self.amount_due,
            "paid_total": self.paid_total,
            "balance": self.balance,
            "collection_suspended": self.collection_suspended,
            "reminders_sent": self.reminders_sent,
            "last_reminder_on": self.last_reminder_on,
            "referred_on": self.referred_on,
            "final_on": self.final_on,
            "entry_count": self.entry_count,
        }


# The department answers an appeal it does not grant itself (訴願法第58條第2、3項: it
# re-examines the decision, then sends its 答辯書 with the file to the appeal body and a
# copy to the appellant "儘速"); the government's document rules (文書流程管理作業規範,
# 訴願案件) set 20 days from receiving the appeal, which the ledger shows as the limit.
APPEAL_ANSWER_DAYS = 20


def period_end(start: date, days: int) -> date:
    """Last day of a period of `days` calendar days after `start` (行政程序法第48條).

    Outside the years the office calendar covers, the nominal day is used."""
    try:
        return working_days.deadline(start, days, "calendar")
    except RuleError:
        return start + timedelta(days=days)


def _months_end(start: date, months: int) -> date:
    """Last day of a period of months after `start` (民法第121條第2項 through
    行政程序法第48條第3項: the day before the day corresponding to `start`'s next day,
    i.e. the same day of the month; month end when the month is shorter), moved to
    the next working day when it falls on a day off (第48條第4項)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    nominal = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    try:
        return working_days.add_working_days(nominal, 0)
    except RuleError:
        return nominal


def due_date_for(served_on: date, due_days: int) -> date:
    """The payment deadline of a decision served on `served_on`."""
    return period_end(served_on, due_days)


def derive(entries: Iterable, served_on: date | None) -> FineState:
    """Replay `entries` (in seq order) into the fine's state."""
    amount_due = 0
    paid = 0
    cancelled = written_off = False
    remedy = RemedyStage.NONE
    suspended = False
    reminders = 0
    last_reminder_on = None
    referred_on = None
    remedy_window_end: date | None = None
    count = 0
    for entry in entries:
        count += 1
        kind = entry.kind
        if kind == Kind.ASSESSED:
            amount_due = entry.amount
        elif kind == Kind.PAYMENT:
            paid += entry.amount
        elif kind == Kind.PAYMENT_REVERSED:
            paid -= entry.amount
        elif kind == Kind.REMINDER_SENT:
            reminders += 1
            last_reminder_on = entry.on
        elif kind == Kind.REFERRED_TO_ENFORCEMENT:
            referred_on = entry.on
        elif kind in (Kind.APPEAL_FILED, Kind.LITIGATION_FILED):
            remedy = RemedyStage.APPEAL_PENDING if kind == Kind.APPEAL_FILED else RemedyStage.LITIGATION_PENDING
            suspended = (
                HOLD_COLLECTION_PENDING_REMEDY if entry.collection_suspended is None else entry.collection_suspended
            )
            remedy_window_end = None
        elif kind in (Kind.APPEAL_DECIDED, Kind.LITIGATION_DECIDED):
            suspended = False
            if kind == Kind.APPEAL_DECIDED:
                remedy = RemedyStage.APPEAL_DECIDED
                remedy_window_end = _months_end(entry.on, LITIGATION_PERIOD_MONTHS)
            else:
                remedy = RemedyStage.LITIGATION_DECIDED
                remedy_window_end = entry.on
            if entry.outcome == Outcome.REVOKED:
                cancelled = True
                amount_due = 0
            elif entry.outcome == Outcome.PARTIALLY_REVOKED:
                amount_due = entry.amount
        elif kind == Kind.CANCELLED:
            cancelled = True
            amount_due = 0
            suspended = False
        elif kind == Kind.WRITTEN_OFF:
            written_off = True
    outstanding = max(amount_due - paid, 0)
    refund_due = max(paid - amount_due, 0)
    balance = 0 if (cancelled or written_off) else outstanding
    if cancelled:
        status = FineStatus.CANCELLED
    elif written_off:
        status = FineStatus.WRITTEN_OFF
    elif balance == 0:
        status = FineStatus.PAID
    elif referred_on is not None:
        status = FineStatus.REFERRED
    elif served_on is None:
        status = FineStatus.UNSERVED
    else:
        status = FineStatus.UNPAID
    if cancelled:
        final_on = None
    elif remedy == RemedyStage.NONE:
        final_on = period_end(served_on, APPEAL_PERIOD_DAYS) if served_on else None
    elif remedy in (RemedyStage.APPEAL_PENDING, RemedyStage.LITIGATION_PENDING):
        final_on = None
    else:
        final_on = remedy_window_end
    return FineState(
        status=status,
        remedy=remedy,
        amount_due=amount_due,
        paid_total=paid,
        balance=balance,
        refund_due=refund_due,
        collection_suspended=suspended and not cancelled,
        reminders_sent=reminders,
        last_reminder_on=last_reminder_on,
        referred_on=referred_on,
        final_on=final_on,
        entry_count=count,
    )
