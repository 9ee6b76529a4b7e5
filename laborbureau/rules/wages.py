"""Basic wage / minimum wage (基本工資／最低工資) by date, and the average wage (平均工資).

Basic wage / minimum wage
-------------------------
The monthly and hourly figures are data (``data/minimum_wage.json``), one entry
per effective date with its source; coverage starts on 2013-01-01 and ends on
the ``known_through`` date of the data (2026-12-31): a date after it raises
instead of silently carrying the last figure forward, because a new figure
takes effect each 1 January once approved (最低工資法第14條) and the 2027
figure was not found in the sources when this data was compiled.  Add the
entry and move ``known_through`` to lift the block.

Two regimes:

* until 2023-12-31 the figure is the **基本工資** of 勞動基準法第21條 (set by
  the 基本工資審議委員會 and approved by the Executive Yuan);
* from 2024-01-01 it is the **最低工資** of 最低工資法 (enacted 2023-12-27; in
  force 2024-01-01 — several secondary sources agree; *not* 2025-01-01).  The
  2024 figures (27,470 / 183) were approved as 基本工資 in 2023 and are the
  minimum wage from the Act's entry into force; 2025 was the first figure
  reviewed by the 最低工資審議會.  The wage agreed may not be lower
  (最低工資法第5條; before: 勞動基準法第21條第1項).

Figures verified (see each entry's ``source``): 2013-01-01 hourly 109
(monthly 18,780), 2013-04-01 monthly 19,047, 2014-01-01 hourly 115,
2014-07-01 monthly 19,273, 2015-07-01 20,008 / 120, 2016-10-01 hourly 126,
2017-01-01 21,009 / 133, 2018 22,000 / 140, 2019 23,100 / 150, 2020 23,800 /
158, 2021 24,000 / 160, 2022 25,250 / 168, 2023 26,400 / 176, 2024 27,470 /
183, 2025 28,590 / 190, 2026 29,500 / 196.  No rounding: the figures are
integers as announced.

Average wage (平均工資, 勞動基準法第2條第4款)
------------------------------------------------
"計算事由發生之當日前六個月內所得工資總額除以該期間之總日數"; employed less
than six months: the wages of the period employed over its days; wages by
day/hour/piece: not less than 60% of the total over the days actually worked.

* The window ends the day before the event (施行細則第2條第1款: the event day
  itself is not counted) and starts on the same day-of-month six months
  earlier (clamped to the month's end), e.g. event 2017-07-25 → 2017-01-25 ..
  2017-07-24, as in the Ministry's published examples.
* Days of the periods listed in 施行細則第2條 (occupational-injury treatment,
  half-pay maternity under 第50條第2項, force majeure stoppage, ordinary sick
  leave, menstrual/maternity/family-care leave that reduced wages, unpaid
  leave) are left out with their wages, and the window is pushed back by the
  same number of days (Ministry examples: one sick day → the window starts
  one day earlier).
* 一個月平均工資 (the "month of average wage" that severance and retirement
  multiply): the daily average times the average number of days per month of
  the period (勞委會83年4月9日(83)台勞動2字第25564號函, replacing the ×30 of
  內政部74年).  For a full window this is total ÷ 6; for a worker employed
  less than six months the period's days are divided by its length in
  calendar months (whole months plus the leftover days as a fraction of the
  next month's length) — our reading of the same letter.

Input: :class:`WagePeriod` rows (start, end inclusive, amount in NTD, whether
the period is excluded) that tile the window with no gap or overlap, ending
on the day before the event.  Monthly payroll rows work as they are when the
window is whole months; otherwise split the first month at the window start
(the error message names the date).

Rounding: the daily and monthly averages are kept exact (``Fraction``) and
also given rounded half up to the NTD (四捨五入到元), once, from the exact
value.  Severance and retirement accept the exact value to avoid rounding
twice.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Final

from laborbureau.rules.base import LegalBasis, RuleError, Step

__all__ = [
    "AVERAGE_WAGE_BASIS",
    "COVERAGE_START",
    "AverageWage",
    "BasicWage",
    "WagePeriod",
    "add_months",
    "average_wage",
    "basic_wage",
    "basic_wage_history",
    "known_through",
    "money",
    "round_half_up",
]

COVERAGE_START: Final = date(2013, 1, 1)
MINIMUM_WAGE_ACT_IN_FORCE: Final = date(2024, 1, 1)
LSA_IN_FORCE: Final = date(1984, 8, 1)

_LSA = "勞動基準法"
_LSA_EN = "Labor Standards Act"
_MWA = "最低工資法"
_MWA_EN = "Minimum Wage Act"

AVERAGE_WAGE_BASIS: Final = LegalBasis(_LSA, "第2條第4款", "平均工資定義（1984-07-30 制定起未變）", _LSA_EN)
_EXCLUSION_BASIS: Final = LegalBasis(
    "勞動基準法施行細則", "第2條", "現行條文", "Enforcement Rules of the Labor Standards Act"
)
_MONTH_LETTER = "勞委會83年4月9日(83)台勞動2字第25564號函"


def round_half_up(value: Fraction | int) -> int:
    """Round to the nearest integer, halves away from zero (四捨五入) — never banker's rounding."""
    value = Fraction(value)
    if value < 0:
        return -round_half_up(-value)
    return int(value + Fraction(1, 2))


def money(amount: Fraction | int) -> str:
    """Display an amount in NTD: ``29,500``; a non-integer shows two decimals (``1,319.34…``)."""
    amount = Fraction(amount)
    if amount.denominator == 1:
        return f"{amount.numerator:,}"
    whole = int(amount)
    cents = round_half_up((amount - whole) * 100)
    if cents == 100:
        whole, cents = whole + 1, 0
    return f"≈{whole:,}.{cents:02d}"


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# ---------------------------------------------------------------------------
# Basic wage / minimum wage


@dataclass(frozen=True, slots=True)
class BasicWage:
    """The basic / minimum wage in force on a date.

    ``monthly`` and ``hourly`` in NTD; ``effective_from`` the date this pair
    took effect; ``name_zh`` 基本工資 (before 2024) or 最低工資.
    """

    on: date
    monthly: int
    hourly: int
    effective_from: date
    name_zh: str
    name_en: str
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]
    source: str


@dataclass(frozen=True, slots=True)
class _WageEntry:
    effective_from: date
    monthly: int
    hourly: int
    regime: str
    note_zh: str
    source: str


@cache
def _wage_data() -> tuple[date, tuple[_WageEntry, ...]]:
    raw: dict[str, Any] = json.loads(
        resources.files("laborbureau.rules").joinpath("data", "minimum_wage.json").read_text(encoding="utf-8")
    )
    entries = tuple(
        _WageEntry(
            effective_from=date.fromisoformat(item["effective_from"]),
            monthly=item["monthly"],
            hourly=item["hourly"],
            regime=item["regime"],
            note_zh=item["note_zh"],
            source=item["source"],
        )
        for item in raw["entries"]
    )
    previous: _WageEntry | None = None
    for entry in entries:
        if entry.regime not in {"LSA21", "MWA"} or entry.monthly <= 0 or entry.hourly <= 0:
            raise ValueError(f"minimum_wage.json: bad entry {entry!r}")
        if previous and not (
            previous.effective_from < entry.effective_from
            and previous.monthly <= entry.monthly
            and previous.hourly <= entry.hourly
        ):
            raise ValueError(f"minimum_wage.json: entries out of order or decreasing at {entry.effective_from}")
        if (entry.regime == "MWA") != (entry.effective_from >= MINIMUM_WAGE_ACT_IN_FORCE):
            raise ValueError(f"minimum_wage.json: regime does not match the Act's entry into force at {entry!r}")
        previous = entry
    if entries[0].effective_from != COVERAGE_START:
        raise ValueError("minimum_wage.json: data must start on the coverage start")
    return date.fromisoformat(raw["_meta"]["known_through"]), entries


def known_through() -> date:
    """The last date for which the recorded figures are known to apply."""
    return _wage_data()[0]


def _check_date(on: date, field: str) -> None:
    if not isinstance(on, date):
        raise RuleError(field, "日期格式錯誤。", "A date is required.")
    last = known_through()
    if on < COVERAGE_START:
        raise RuleError(
            field,
            f"基本工資資料自{COVERAGE_START.isoformat()}起收錄（至{last.isoformat()}），無法提供{on.isoformat()}之數額。",
            f"Basic/minimum wage figures are recorded from {COVERAGE_START.isoformat()} to {last.isoformat()} only.",
        )
    if on > last:
        raise RuleError(
            field,
            f"{on.isoformat()}適用之最低工資尚未登錄（資料至{last.isoformat()}）；依最低工資法第14條，"
            f"新數額經行政院核定後自次年1月1日實施，請先登錄當年度公告。",
            f"The minimum wage applying on {on.isoformat()} is not recorded (data through {last.isoformat()}); "
            f"a new figure takes effect each 1 January once approved (Minimum Wage Act Art. 14).",
        )


def _basis_for(entry: _WageEntry) -> tuple[LegalBasis, ...]:
    if entry.regime == "MWA":
        return (
            LegalBasis(_MWA, "第5條", "2023-12-27 制定公布，2024-01-01 施行", _MWA_EN),
            LegalBasis(_MWA, "第14條", "2023-12-27 制定公布，2024-01-01 施行", _MWA_EN),
        )
    return (LegalBasis(_LSA, "第21條", "基本工資（最低工資法施行前）", _LSA_EN),)


def _to_result(entry: _WageEntry, on: date) -> BasicWage:
    name_zh, name_en = ("最低工資", "minimum wage") if entry.regime == "MWA" else ("基本工資", "basic wage")
    basis = _basis_for(entry)
    version = f"{entry.effective_from.isoformat()} 起（{entry.note_zh}）"
    steps = (
        Step("適用日期", "date", on.isoformat()),
        Step("適用版本生效日", "in force since", entry.effective_from.isoformat(), basis=basis[-1]),
        Step(f"每月{name_zh}", f"monthly {name_en}", f"{entry.monthly:,}", basis=basis[0]),
        Step(f"每小時{name_zh}", f"hourly {name_en}", f"{entry.hourly:,}", basis=basis[0]),
    )
    return BasicWage(
        on=on,
        monthly=entry.monthly,
        hourly=entry.hourly,
        effective_from=entry.effective_from,
        name_zh=name_zh,
        name_en=name_en,
        basis=basis,
        version=version,
        steps=steps,
        source=entry.source,
    )


def basic_wage(on: date) -> BasicWage:
    """The basic wage (before 2024) or minimum wage (from 2024) in force on ``on``.

    Raises :class:`RuleError` (field ``on``) before 2013-01-01 or after the
    last date the data is known for.
    """
    _check_date(on, "on")
    current = None
    for entry in _wage_data()[1]:
        if entry.effective_from <= on:
            current = entry
    assert current is not None  # the first entry starts on COVERAGE_START
    return _to_result(current, on)


def basic_wage_history() -> list[BasicWage]:
    """Every recorded figure, each as in force on its effective date (for tables and open data)."""
    return [_to_result(entry, entry.effective_from) for entry in _wage_data()[1]]


# ---------------------------------------------------------------------------
# Average wage


@dataclass(frozen=True, slots=True)
class WagePeriod:
    """Wages earned (所得工資) in one span of the averaging window.

    ``start``/``end`` inclusive; ``amount`` in whole NTD (wages per 勞動基準法
    第2條第3款, including overtime pay and regular allowances); ``excluded``
    marks a span that 施行細則第2條 leaves out (its days and wages are not
    counted; ``amount`` is then ignored).
    """

    start: date
    end: date
    amount: int
    excluded: bool = False


@dataclass(frozen=True, slots=True)
class AverageWage:
    """Average wage on an event date.

    ``daily``/``monthly`` are the exact averages; ``daily_rounded``/
    ``monthly_rounded`` the same rounded half up to the NTD.
    ``window_start``/``window_end`` the span used (inclusive), ``counted_days``
    its days less the excluded ones, ``total_wages`` the wages counted,
    ``floor_applied`` whether the 60% floor for wages by day/hour/piece raised
    the average.
    """

    event_date: date
    window_start: date
    window_end: date
    counted_days: int
    excluded_days: int
    total_wages: int
    daily: Fraction
    daily_rounded: int
    monthly: Fraction
    monthly_rounded: int
    days_per_month: Fraction
    short_employment: bool
    floor_applied: bool
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


def _as_period(item: WagePeriod | Sequence[Any], index: int) -> WagePeriod:
    field = f"periods[{index}]"
    if isinstance(item, WagePeriod):
        period = item
    else:
        try:
            period = WagePeriod(*item)
        except TypeError:
            raise RuleError(
                field, "工資期間應為（起日, 迄日, 金額[, 是否不計入]）。", "Expected (start, end, amount[, excluded])."
            )
    if not isinstance(period.start, date) or not isinstance(period.end, date):
        raise RuleError(field, "工資期間之起迄應為日期。", "Period start and end must be dates.")
    if period.end < period.start:
        raise RuleError(field, "工資期間之迄日早於起日。", "The period ends before it starts.")
    if isinstance(period.amount, bool) or not isinstance(period.amount, int):
        raise RuleError(field, "工資金額應為新臺幣整數元（不得為小數）。", "Wages must be an integer number of NTD.")
    if period.amount < 0:
        raise RuleError(field, "工資金額不得為負數。", "Wages cannot be negative.")
    return period


def _months_between(start: date, end_exclusive: date) -> Fraction:
    """Calendar length of [start, end_exclusive) in months: whole months plus leftover days of the next month."""
    whole = 0
    while add_months(start, whole + 1) <= end_exclusive:
        whole += 1
    anchor = add_months(start, whole)
    leftover = (end_exclusive - anchor).days
    if leftover == 0:
        return Fraction(whole)
    month_length = (add_months(start, whole + 1) - anchor).days
    return whole + Fraction(leftover, month_length)


def average_wage(
    *,
    event_date: date,
    periods: Sequence[WagePeriod | Sequence[Any]],
    employment_start: date | None = None,
    actual_working_days: int | None = None,
) -> AverageWage:
    """Average wage (平均工資) per 勞動基準法第2條第4款 for an event on ``event_date``.

    ``periods`` tile the window (see the module docstring) and end on the day
    before ``event_date``.  Pass ``employment_start`` when the worker may have
    been employed less than six months.  Pass ``actual_working_days`` (days
    actually worked in the window) for wages paid by the day, hour or piece:
    the average is then at least 60% of the total over those days.
    """
    if not isinstance(event_date, date):
        raise RuleError("event_date", "事由發生日應為日期。", "The event date must be a date.")
    if event_date <= LSA_IN_FORCE:
        raise RuleError(
            "event_date",
            f"勞動基準法自{LSA_IN_FORCE.isoformat()}施行，無法計算其前之平均工資。",
            f"The Labor Standards Act applies from {LSA_IN_FORCE.isoformat()}.",
        )
    if employment_start is not None:
        if not isinstance(employment_start, date):
            raise RuleError("employment_start", "到職日應為日期。", "The employment start must be a date.")
        if employment_start >= event_date:
            raise RuleError(
                "employment_start", "到職日應早於事由發生日。", "Employment must start before the event date."
            )
    if not periods:
        raise RuleError("periods", "請提供事由發生前之工資資料。", "Wages before the event are required.")
    rows = sorted((_as_period(item, index) for index, item in enumerate(periods)), key=lambda p: p.start)
    for before, after in zip(rows, rows[1:], strict=False):
        if after.start <= before.end:
            raise RuleError(
                "periods",
                f"工資期間重疊（{before.start}～{before.end} 與 {after.start}～{after.end}）。",
                "Wage periods overlap.",
            )
        if after.start != before.end + timedelta(days=1):
            raise RuleError(
                "periods",
                f"工資期間有空缺（{before.end + timedelta(days=1)}～{after.start - timedelta(days=1)}）；"
                "請逐日列明（不計入期間請以不計入列示）。",
                "Wage periods leave a gap; every day of the window must be listed.",
            )
    last_day = event_date - timedelta(days=1)
    if rows[-1].end != last_day:
        raise RuleError(
            "periods",
            f"工資期間應截至事由發生日之前一日（{last_day.isoformat()}）；事由發生之當日不計入（施行細則第2條第1款）。",
            f"Wage periods must end on {last_day.isoformat()}, the day before the event.",
        )

    six_months_back = add_months(event_date, -6)
    short = employment_start is not None and employment_start > six_months_back
    excluded_days = 0
    if short:
        assert employment_start is not None
        window_start = employment_start
        if rows[0].start != window_start:
            raise RuleError(
                "periods",
                f"工作未滿六個月：工資期間應自到職日（{window_start.isoformat()}）起算。",
                f"Employed less than six months: wage periods must start on {window_start.isoformat()}.",
            )
        used = rows
        counted_days = sum((p.end - p.start).days + 1 for p in used if not p.excluded)
        excluded_days = sum((p.end - p.start).days + 1 for p in used if p.excluded)
        if counted_days <= 0:
            raise RuleError("periods", "計算期間內無可計入之日數。", "No countable days in the window.")
    else:
        required = (event_date - six_months_back).days
        counted_days = 0
        used = []
        for period in reversed(rows):
            used.append(period)
            days = (period.end - period.start).days + 1
            if period.excluded:
                excluded_days += days
            else:
                counted_days += days
            if counted_days >= required:
                break
        used.reverse()
        window_start = used[0].start
        if counted_days < required or counted_days > required:
            needed_start = _required_start(rows, event_date, required)
            if employment_start is not None and needed_start < employment_start:
                raise RuleError("periods", "工資期間早於到職日。", "Wage periods start before employment.")
            raise RuleError(
                "periods",
                f"平均工資計算期間應自{needed_start.isoformat()}起至{last_day.isoformat()}止"
                f"（事由發生日前六個月，共計入{required}日，不計入期間依施行細則第2條往前遞延）；"
                "請將跨越起日之期間於該日分開列示。",
                f"The averaging window runs from {needed_start.isoformat()} to {last_day.isoformat()} "
                f"({required} counted days); split the period that straddles its start.",
            )
        if len(used) != len(rows):
            raise RuleError(
                "periods",
                f"工資期間早於計算期間起日（{window_start.isoformat()}），請刪除。",
                f"Wage periods before the window start {window_start.isoformat()} must be left out.",
            )
        if employment_start is not None and window_start < employment_start:
            raise RuleError("periods", "工資期間早於到職日。", "Wage periods start before employment.")

    total = sum(p.amount for p in used if not p.excluded)
    if total <= 0:
        raise RuleError("periods", "計算期間內之工資總額應大於零。", "Total wages in the window must be positive.")
    daily = Fraction(total, counted_days)
    steps = [
        Step("事由發生日", "event date", event_date.isoformat()),
        Step(
            "計算期間",
            "averaging window",
            f"{window_start.isoformat()} ～ {last_day.isoformat()}",
            basis=AVERAGE_WAGE_BASIS,
        ),
    ]
    if excluded_days:
        steps.append(Step("不計入日數", "days left out", f"{excluded_days}", basis=_EXCLUSION_BASIS))
    steps.append(Step("工資總額", "total wages", money(total)))
    steps.append(Step("計入日數", "days counted", f"{counted_days}"))
    steps.append(
        Step("平均工資（日）", "average daily wage", money(daily), f"{total:,} ÷ {counted_days}", AVERAGE_WAGE_BASIS)
    )
    floor_applied = False
    if actual_working_days is not None:
        if isinstance(actual_working_days, bool) or not isinstance(actual_working_days, int):
            raise RuleError("actual_working_days", "實際工作日數應為整數。", "Days worked must be an integer.")
        if not 0 < actual_working_days <= counted_days:
            raise RuleError(
                "actual_working_days",
                f"實際工作日數應介於1與計入日數{counted_days}之間。",
                f"Days actually worked must be between 1 and {counted_days}.",
            )
        floor = Fraction(total, actual_working_days) * Fraction(3, 5)
        steps.append(
            Step(
                "按日／時／件計酬之最低標準（60%）",
                "floor for wages by day/hour/piece (60%)",
                money(floor),
                f"{total:,} ÷ {actual_working_days} × 60%",
                AVERAGE_WAGE_BASIS,
            )
        )
        if floor > daily:
            daily = floor
            floor_applied = True
    if short:
        months = _months_between(window_start, event_date)
        window_days = (event_date - window_start).days
        days_per_month = Fraction(window_days) / months
    else:
        days_per_month = Fraction(counted_days, 6)
    monthly = daily * days_per_month
    steps.append(
        Step(
            "每月平均日數",
            "average days per month",
            money(days_per_month),
            f"{counted_days} ÷ 6" if not short else f"{(event_date - window_start).days} ÷ {money(months)}",
        )
    )
    steps.append(
        Step(
            "一個月平均工資（四捨五入至元）",
            "one month of average wage (rounded to NTD)",
            f"{round_half_up(monthly):,}",
            f"{money(daily)} × {money(days_per_month)}（{_MONTH_LETTER}）",
            AVERAGE_WAGE_BASIS,
        )
    )
    return AverageWage(
        event_date=event_date,
        window_start=window_start,
        window_end=last_day,
        counted_days=counted_days,
        excluded_days=excluded_days,
        total_wages=total,
        daily=daily,
        daily_rounded=round_half_up(daily),
        monthly=monthly,
        monthly_rounded=round_half_up(monthly),
        days_per_month=days_per_month,
        short_employment=short,
        floor_applied=floor_applied,
        basis=(AVERAGE_WAGE_BASIS, _EXCLUSION_BASIS),
        version=f"勞動基準法第2條第4款（1984-07-30 制定）；一個月平均工資依{_MONTH_LETTER}",
        steps=tuple(steps),
    )


def _required_start(rows: list[WagePeriod], event_date: date, required: int) -> date:
    """The window start: walking back from the day before the event until ``required`` days count."""
    excluded = set()
    for period in rows:
        if period.excluded:
            day = period.start
            while day <= period.end:
                excluded.add(day)
                day += timedelta(days=1)
    day = event_date
    counted = 0
    while counted < required:
        day -= timedelta(days=1)
        if day not in excluded:
            counted += 1
    return day
