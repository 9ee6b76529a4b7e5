"""Working days on Taiwan's official government office calendar, and deadlines.

Calendar
--------
Working days follow the 政府行政機關辦公日曆表 approved each year by the
Executive Yuan and published by 行政院人事行政總處 (DGPA).  The data lives in
``data/calendar_tw.json``: per year the days off (紀念日, 節日, 補假, 調整放假 —
listed even when they fall on a weekend) and the Saturdays that are 補行上班
(make-up working days).  A Saturday or Sunday is a non-working day unless it is
listed as a make-up working day.  Dates outside :func:`covered_years` raise
:class:`RuleError` rather than guessing.

Covered years: 2013–2027 (民國102–116年).  Every year was checked three ways:
the DGPA announcements (as re-published by agencies and the press: 總放假日數
and the 調整放假/補行上班 pairs, cited per year in the JSON ``source`` field),
the open-source ``python-holidays`` Taiwan calendar (itself checked against
the DGPA calendars; identical non-working-day sets for every year), and the
yearly total of days off, which the tests recompute.  2027 comes from the DGPA
open-data set (政府資料開放平台 dataset 14718) as mirrored by
``ruyut/TaiwanCalendar``; no press release with its total was found.

Rules worth knowing when reading the data:

* Until 2024 a holiday on a Tuesday or Thursday made the Monday/Friday an
  調整放假 worked back on a Saturday (政府機關調整上班日期處理要點); 2024 kept
  only the 小年夜 one (2024-02-08 off, **2024-02-17 Saturday worked**).
* Holidays on a weekend get a 補假 since 2015 (紀念日及節日實施辦法第5條之1,
  103年6月11日修正): Saturday → previous working day, Sunday → next; 除夕/春節
  always → next working days.
* 紀念日及節日實施條例 (公布 2025-05-28) added 孔子誕辰紀念日/教師節 9/28,
  臺灣光復暨金門古寧頭大捷紀念日 10/25 and 行憲紀念日 12/25 from the second
  half of 2025 (2025 calendar revised 2025-06-13: 115 → 118 days off), and
  勞動節 5/1 and 除夕前一日 (小年夜) for everyone from 2026; it also ended
  調整放假/補行上班.  勞動節 before 2026 was a day off for workers under the
  Labor Standards Act but *not* for government offices, so it is a working day
  here (e.g. 2025-05-01).
* Typhoon and other ad-hoc office closures (停止上班) are decided locally and
  are not in this calendar.

Deadlines (行政程序法第48條)
---------------------------
* 第2項: a period counted in days does not count its first day.
* 第4項: if the last day is a Sunday, national holiday or other rest day, the
  next day is the last day (repeated until a working day); if it is a
  Saturday, the period ends on the following **Monday morning** (上午).
* 法務部99年2月3日法律字第0990004718號函: rest days are judged for the
  administration as a whole, so a make-up working Saturday is *not* a rest day
  and a period ending on it is not extended (same reasoning: 勞動節 before
  2026 did not extend periods, 經濟部 notice 2025-04-16).
* 第5項: for a period measuring a sanction or other adverse measure the end
  day counts even if it is a holiday ("照計") unless 第2項/第4項 favour the
  person; pass ``extend_end=False`` for such durations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Final, Literal

from laborbureau.rules.base import LegalBasis, RuleError

__all__ = [
    "CALENDAR_BASIS",
    "DEADLINE_BASIS",
    "Deadline",
    "add_calendar_days",
    "add_working_days",
    "covered_years",
    "deadline",
    "deadline_detail",
    "holiday_name",
    "is_working_day",
    "working_days_between",
]

DeadlineKind = Literal["working", "calendar"]

CALENDAR_BASIS: Final = LegalBasis(
    law="政府行政機關辦公日曆表（行政院人事行政總處）",
    article="各年度辦公日曆表",
    version="2013–2027年度（2025年為114年6月13日修正版）",
    law_en="Government office calendar (Directorate-General of Personnel Administration)",
)
DEADLINE_BASIS: Final = LegalBasis(
    law="行政程序法",
    article="第48條第2項、第4項",
    version="1999-02-03 公布，2001-01-01 施行（本條未修正）",
    law_en="Administrative Procedure Act",
)
UNEXTENDED_BASIS: Final = LegalBasis(
    law="行政程序法",
    article="第48條第2項、第5項",
    version="1999-02-03 公布，2001-01-01 施行（本條未修正）",
    law_en="Administrative Procedure Act",
)

_SATURDAY: Final = 5
_SUNDAY: Final = 6


@dataclass(frozen=True, slots=True)
class _Calendar:
    years: range
    holidays: dict[date, str]
    makeup_workdays: dict[date, str]


@cache
def _calendar() -> _Calendar:
    raw = json.loads(
        resources.files("laborbureau.rules").joinpath("data", "calendar_tw.json").read_text(encoding="utf-8")
    )
    holidays: dict[date, str] = {}
    makeup: dict[date, str] = {}
    years = sorted(int(key) for key in raw if key.isdigit())
    for year in years:
        entry = raw[str(year)]
        for text, name in entry["holidays"]:
            day = date.fromisoformat(text)
            if day.year != year or day in holidays:
                raise ValueError(f"calendar_tw.json: bad or duplicate holiday {text}")
            holidays[day] = name
        for text, name in entry["makeup_workdays"]:
            day = date.fromisoformat(text)
            if day.year != year or day.weekday() < _SATURDAY or day in holidays:
                raise ValueError(f"calendar_tw.json: bad make-up working day {text}")
            makeup[day] = name
    covered = range(years[0], years[-1] + 1)
    if list(covered) != years:
        raise ValueError("calendar_tw.json: covered years must be contiguous")
    return _Calendar(covered, holidays, makeup)


def covered_years() -> range:
    """Years for which the official calendar is loaded (currently 2013–2027)."""
    return _calendar().years


def _require_covered(day: date) -> _Calendar:
    calendar = _calendar()
    if day.year not in calendar.years:
        first, last = calendar.years[0], calendar.years[-1]
        raise RuleError(
            "date",
            f"{day.isoformat()} 不在辦公日曆表涵蓋範圍（{first}–{last}年）內，無法判斷是否為上班日。",
            f"{day.isoformat()} is outside the office calendar's years ({first}-{last}).",
        )
    return calendar


def is_working_day(day: date) -> bool:
    """True if government offices work on ``day`` (辦公日曆表).

    Raises :class:`RuleError` (field ``date``) outside :func:`covered_years`.
    """
    calendar = _require_covered(day)
    if day in calendar.makeup_workdays:
        return True
    if day in calendar.holidays:
        return False
    return day.weekday() < _SATURDAY


def holiday_name(day: date) -> str | None:
    """Name of the holiday/make-up entry on ``day`` (``None`` for ordinary days)."""
    calendar = _require_covered(day)
    return calendar.holidays.get(day) or calendar.makeup_workdays.get(day)


def _days_error(message_zh: str, message_en: str) -> RuleError:
    return RuleError("days", message_zh, message_en)


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself not counted).

    ``n == 0`` returns ``start`` when it is a working day, otherwise the next
    working day.  ``n`` must be >= 0.
    """
    if n < 0:
        raise _days_error("工作日數不得為負數。", "The number of working days must not be negative.")
    current = start
    if n == 0:
        while not is_working_day(current):
            current += timedelta(days=1)
        return current
    counted = 0
    while counted < n:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Number of working days in ``(start, end]``; negative when ``end < start``."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def add_calendar_days(start: date, n: int) -> date:
    """``start`` plus ``n`` calendar days (no holiday handling; may be negative)."""
    return start + timedelta(days=n)


@dataclass(frozen=True, slots=True)
class Deadline:
    """The last day of a period and how it was reached.

    ``due`` is the last day; ``morning_only`` is True when the nominal end fell
    on a (non-working) Saturday and the period therefore ends on Monday
    morning (行政程序法第48條第4項後段); ``nominal_end`` is the day before any
    extension; ``extended`` says whether 第4項 moved it.
    """

    due: date
    morning_only: bool
    nominal_end: date
    extended: bool
    basis: LegalBasis


def deadline_detail(
    start: date,
    days: int,
    kind: DeadlineKind = "calendar",
    *,
    extend_end: bool = True,
) -> Deadline:
    """Last day of a period of ``days`` days beginning after ``start``.

    ``start`` is the day of the triggering event (e.g. service of a decision);
    it is not counted (第48條第2項).  ``kind="working"`` counts working days on
    the office calendar (the result is always a working day).
    ``kind="calendar"`` counts calendar days and, unless ``extend_end`` is
    False, moves an end on a Sunday/holiday to the next working day and an
    end on a non-working Saturday to Monday morning (第48條第4項; if that
    Monday is not a working day, to the next working day, whole day).
    ``extend_end=False`` applies 第48條第5項 ("照計") for periods measuring a
    sanction.
    """
    if days < 1:
        raise _days_error("期間日數應至少為1日。", "A period must be at least one day.")
    if kind == "working":
        due = add_working_days(start, days)
        return Deadline(due, False, due, False, DEADLINE_BASIS)
    if kind != "calendar":
        raise _days_error("期間種類應為 working 或 calendar。", "kind must be 'working' or 'calendar'.")
    nominal = start + timedelta(days=days)
    if not extend_end:
        return Deadline(nominal, False, nominal, False, UNEXTENDED_BASIS)
    if is_working_day(nominal):
        return Deadline(nominal, False, nominal, False, DEADLINE_BASIS)
    if nominal.weekday() == _SATURDAY:
        monday = nominal + timedelta(days=2)
        if is_working_day(monday):
            return Deadline(monday, True, nominal, True, DEADLINE_BASIS)
        return Deadline(add_working_days(monday, 0), False, nominal, True, DEADLINE_BASIS)
    return Deadline(add_working_days(nominal, 0), False, nominal, True, DEADLINE_BASIS)


def deadline(
    start: date,
    days: int,
    kind: DeadlineKind = "calendar",
    *,
    extend_end: bool = True,
) -> date:
    """Last day of the period (see :func:`deadline_detail`, 行政程序法第48條).

    When the nominal end was a non-working Saturday the returned Monday is a
    *morning* deadline; use :func:`deadline_detail` when the time matters.
    """
    return deadline_detail(start, days, kind, extend_end=extend_end).due
