"""Severance pay (資遣費): old system, new system and mixed seniority.

Old system — 勞動基準法第17條第1項
    "一、在同一雇主之事業單位繼續工作，每滿一年發給相當於一個月平均工資之
    資遣費。二、依前款計算之剩餘月數，或工作未滿一年者，以比例計給之。未
    滿一個月者以一個月計。"  Bases = full years + remaining months / 12, where
    any leftover days count as one more month.  No cap.

New system — 勞工退休金條例第12條第1項 (in force 2005-07-01)
    "每滿一年發給二分之一個月之平均工資，未滿一年者，以比例計給；最高以發給
    六個月平均工資為限".  "以比例計給" per 勞委會勞動4字第1010132304號令: the
    odd seniority is converted by its actual months and days (days over 365,
    months over 12), so bases = (years + months/12 + days/365) × 1/2, capped at
    6.  Days count here (unlike the old system).

Mixed — 勞工退休金條例第11條
    A worker employed before the switch to the new system keeps the earlier
    seniority (第1項); on a termination that owes severance the employer pays
    for it "依各法規定，以契約終止時之平均工資" (第2項), i.e. under 勞基法第17條
    with the average wage at termination, and the seniority after the switch
    under 第12條.  The 6-month cap of 第12條 applies to the new-system part only;
    the old-system part has no cap.  ``switch_date`` is the first day under the
    new system (default 2005-07-01, the Act's entry into force; later for a
    worker who switched later).  Old-system seniority settled earlier under
    第11條第3項 is not owed again: pass the seniority still to be paid.

Seniority is counted from ``start`` (first day of employment) through ``end``
(the last day of employment, inclusive): 2020-03-01 .. 2021-02-28 is exactly
one year.  It is split into whole years, whole months (calendar months from
the start day, clamped to the month's end) and leftover days.  Seniority
before the Labor Standards Act applied to the worker (勞基法第84條之2) is not
computed here: ``start`` must be on or after 1984-08-01.

Rounding: the bases stay exact fractions; the amount is the average monthly
wage × the total bases, rounded half up to the NTD once, at the end.  The
old/new parts shown in the breakdown are the exact parts rounded for display
only, so they can differ from the total by NT$1.  (The Ministry's calculator
asks for the monthly average wage and rounds its result to the NTD.)

The average monthly wage is the "一個月平均工資" of :func:`laborbureau.rules.
wages.average_wage` (its exact ``monthly`` value or ``monthly_rounded``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Final, Literal

from laborbureau.rules.base import LegalBasis, RuleError, Step
from laborbureau.rules.wages import add_months, money, round_half_up

__all__ = [
    "Seniority",
    "SeveranceResult",
    "SeverancePart",
    "check_wage",
    "new_system_bases",
    "old_system_bases",
    "seniority",
    "severance_pay",
]

System = Literal["old", "new", "mixed"]
SYSTEMS: Final = ("old", "new", "mixed")


@dataclass(frozen=True, slots=True)
class Seniority:
    """Seniority from ``start`` through ``end`` (inclusive) as years, months and days."""

    start: date
    end: date
    years: int
    months: int
    days: int

    def as_zh(self) -> str:
        return f"{self.years}年{self.months}個月{self.days}日"

    def as_en(self) -> str:
        return f"{self.years} y {self.months} m {self.days} d"


def seniority(start: date, end: date) -> Seniority:
    """Split the service from ``start`` through ``end`` (inclusive) into years, months and days."""
    after = end + timedelta(days=1)
    months = 0
    # Count whole calendar months from the start day; anchors are always taken
    # from ``start`` (not chained), so a start on the 31st stays on month ends.
    while add_months(start, months + 1) <= after:
        months += 1
    days = (after - add_months(start, months)).days
    return Seniority(start, end, months // 12, months % 12, days)


def old_system_bases(service: Seniority) -> Fraction:
    """勞基法第17條: years + months/12, a part month counting as a whole month."""
    months = service.months + (1 if service.days else 0)
    return service.years + Fraction(months, 12)


def new_system_bases(service: Seniority, days_per_year: int = 365) -> Fraction:
    """勞工退休金條例第12條 before the cap: (years + months/12 + days/365) × 1/2."""
    return (service.years + Fraction(service.months, 12) + Fraction(service.days, days_per_year)) / 2


@dataclass(frozen=True, slots=True)
class SeverancePart:
    """One system's part: its seniority, bases (exact, after any cap) and the exact amount."""

    system: Literal["old", "new"]
    seniority: Seniority
    bases_before_cap: Fraction
    bases: Fraction
    capped: bool
    amount_exact: Fraction
    amount_display: int
    basis: LegalBasis


@dataclass(frozen=True, slots=True)
class SeveranceResult:
    """Severance owed.  ``amount`` in NTD (rounded once); ``bases`` the total months of average wage."""

    amount: int
    system: str
    start: date
    end: date
    switch_date: date | None
    average_monthly_wage: Fraction
    bases: Fraction
    parts: tuple[SeverancePart, ...]
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


@cache
def _data() -> dict[str, Any]:
    return json.loads(
        resources.files("laborbureau.rules").joinpath("data", "severance.json").read_text(encoding="utf-8")
    )


def _basis(key: str, on: date) -> LegalBasis:
    spec = _data()["articles"][key]
    version = None
    for item in spec["versions"]:
        if date.fromisoformat(item["effective_from"]) <= on:
            version = item["version"]
    if version is None:  # callers validate dates first
        raise RuleError("end", f"{spec['law']}{spec['article']}於{on.isoformat()}尚未施行。", "Not yet in force.")
    return LegalBasis(spec["law"], spec["article"], version, spec["law_en"])


def check_wage(value: Any, field: str = "average_monthly_wage") -> Fraction:
    """Accept a positive int or Fraction amount in NTD; refuse floats, bools, strings."""
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise RuleError(
            field,
            "平均工資應為新臺幣整數元（或精確分數），不得為浮點數。",
            "The average wage must be an integer (or exact fraction) of NTD, not a float.",
        )
    if value <= 0:
        raise RuleError(field, "平均工資應大於零。", "The average wage must be positive.")
    return Fraction(value)


def _check_dates(start: Any, end: Any) -> None:
    if not isinstance(start, date):
        raise RuleError("start", "到職日應為日期。", "The start date must be a date.")
    if not isinstance(end, date):
        raise RuleError("end", "離職日應為日期。", "The end date must be a date.")
    if end < start:
        raise RuleError("end", "離職日（最後工作日）不得早於到職日。", "Employment cannot end before it starts.")
    lsa = date.fromisoformat(_data()["lsa_in_force"])
    if start < lsa:
        raise RuleError(
            "start",
            f"勞動基準法自{lsa.isoformat()}施行；適用前之年資依第84條之2按當時法令計算，本計算不適用，"
            "請自適用勞動基準法之日起輸入。",
            f"The Labor Standards Act applies from {lsa.isoformat()}; earlier seniority (Art. 84-2) is "
            "not computed here.",
        )


def severance_pay(
    *,
    start: date,
    end: date,
    average_monthly_wage: int | Fraction,
    system: System,
    switch_date: date | None = None,
) -> SeveranceResult:
    """Severance owed on a termination whose last day of employment is ``end``.

    ``system``: ``"old"`` (勞基法第17條 for the whole service), ``"new"``
    (勞工退休金條例第12條; employment on or after 2005-07-01) or ``"mixed"``
    (old-system seniority before ``switch_date``, new-system from it).
    """
    if system not in SYSTEMS:
        raise RuleError(
            "system", f"未知的退休金制度「{system}」。", f"Unknown system {system!r}; use old, new or mixed."
        )
    _check_dates(start, end)
    wage = check_wage(average_monthly_wage)
    lpa = date.fromisoformat(_data()["lpa_in_force"])
    if system != "mixed" and switch_date is not None:
        raise RuleError(
            "switch_date", "僅新舊制併存者需填新制適用日。", "A switch date applies to mixed seniority only."
        )
    if system == "new" and start < lpa:
        raise RuleError(
            "start",
            f"勞工退休金條例自{lpa.isoformat()}施行，其前之年資屬勞動基準法（舊制）年資；請選擇新舊制併存。",
            f"The Labor Pension Act applies from {lpa.isoformat()}; earlier seniority is old-system: use mixed.",
        )
    if system == "mixed":
        switch = switch_date or date.fromisoformat(_data()["default_switch_date"])
        if not isinstance(switch, date):
            raise RuleError("switch_date", "新制適用日應為日期。", "The switch date must be a date.")
        if switch < lpa:
            raise RuleError(
                "switch_date",
                f"新制適用日不得早於勞工退休金條例施行日{lpa.isoformat()}。",
                f"The switch date cannot be before the Labor Pension Act took effect ({lpa.isoformat()}).",
            )
        if not start < switch <= end:
            raise RuleError(
                "switch_date",
                f"新制適用日（{switch.isoformat()}）應在到職日之後、離職日（含）之前；否則請選擇舊制或新制。",
                "The switch date must fall after the start and on or before the end of employment.",
            )
    else:
        switch = None

    steps: list[Step] = [
        Step("到職日", "first day of employment", start.isoformat()),
        Step("離職日（最後工作日）", "last day of employment", end.isoformat()),
        Step("一個月平均工資", "one month of average wage", money(wage)),
    ]
    parts: list[SeverancePart] = []
    if system in ("old", "mixed"):
        old_end = end if switch is None else switch - timedelta(days=1)
        parts.append(_old_part(seniority(start, old_end), wage, end, steps))
    if system in ("new", "mixed"):
        new_start = start if switch is None else switch
        parts.append(_new_part(seniority(new_start, end), wage, end, steps))

    total_bases = sum((part.bases for part in parts), Fraction(0))
    amount = round_half_up(wage * total_bases)
    steps.append(
        Step(
            "資遣費（元以下四捨五入）",
            "severance pay (rounded to NTD)",
            f"{amount:,}",
            f"{money(wage)} × {_fraction_text(total_bases)}",
        )
    )
    basis = tuple(part.basis for part in parts)
    if system == "mixed":
        basis = (_basis("LPA11", end), *basis)
    return SeveranceResult(
        amount=amount,
        system=system,
        start=start,
        end=end,
        switch_date=switch,
        average_monthly_wage=wage,
        bases=total_bases,
        parts=tuple(parts),
        basis=basis,
        version="；".join(f"{b.cite()}：{b.version}" for b in basis),
        steps=tuple(steps),
    )


def _fraction_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    whole, rest = divmod(value.numerator, value.denominator)
    text = f"{rest}/{value.denominator}"
    return f"{whole} {text}" if whole else text


def _old_part(service: Seniority, wage: Fraction, on: date, steps: list[Step]) -> SeverancePart:
    basis = _basis("LSA17", on)
    bases = old_system_bases(service)
    exact = wage * bases
    steps.append(Step("舊制年資", "old-system seniority", f"{service.as_zh()} / {service.as_en()}"))
    steps.append(
        Step(
            "舊制基數（未滿一個月以一個月計）",
            "old-system bases (a part month counts as a month)",
            _fraction_text(bases),
            f"{service.years} + {service.months + (1 if service.days else 0)}/12",
            basis,
        )
    )
    return SeverancePart("old", service, bases, bases, False, exact, round_half_up(exact), basis)


def _new_part(service: Seniority, wage: Fraction, on: date, steps: list[Step]) -> SeverancePart:
    basis = _basis("LPA12", on)
    data = _data()
    cap = Fraction(data["new_system_cap_months"])
    raw = new_system_bases(service, data["new_system_days_per_year"])
    bases = min(raw, cap)
    exact = wage * bases
    steps.append(Step("新制年資", "new-system seniority", f"{service.as_zh()} / {service.as_en()}"))
    steps.append(
        Step(
            "新制基數",
            "new-system bases",
            _fraction_text(raw),
            f"({service.years} + {service.months}/12 + {service.days}/{data['new_system_days_per_year']}) × 1/2",
            basis,
        )
    )
    if raw > cap:
        steps.append(Step("新制基數上限（六個月）", "new-system cap (6 months)", _fraction_text(cap), basis=basis))
    return SeverancePart("new", service, raw, bases, raw > cap, exact, round_half_up(exact), basis)
