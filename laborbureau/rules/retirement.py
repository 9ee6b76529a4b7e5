"""Old-system retirement pay (舊制退休金), 勞動基準法第55條.

第55條第1項:
    "一、按其工作年資，每滿一年給與兩個基數。但超過十五年之工作年資，每滿一
    年給與一個基數，最高總數以四十五個基數為限。未滿半年者以半年計；滿半年
    者以一年計。二、依第五十四條第一項第二款規定，強制退休之勞工，其身心障
    礙係因執行職務所致者，依前款規定加給百分之二十。"
第2項: a base (基數) is one month of average wage at the approved retirement.

How it is computed here:

* Seniority from ``start`` through ``end`` (inclusive), split into years,
  months and days as in :func:`laborbureau.rules.severance.seniority`.
* The odd part is rounded to half years: nothing left → whole years; a
  remainder of less than six months (even a few days) → + ½ year; six months
  or more → + 1 year.
* Bases = 2 per year for the first 15 years, 1 per year after, capped at 45
  (reached at 30 years).  At the boundary a half year counts at the rate of
  the tier it falls in (14½ years → 29 bases; 15½ → 30½).
* Forced retirement for incapacity caused by the performance of duties
  (第54條第1項第2款): the amount is raised by 20% after the cap (so up to 54
  bases' worth); the 45-base cap limits the bases themselves.
* For a worker with seniority kept under 勞工退休金條例第11條 (old system
  before switching), pass ``end`` = the day before the switch and ``on`` = the
  retirement date; the base is the average wage at retirement (第11條第2項).
* Seniority before the Act applied to the worker (第84條之2) is not computed:
  ``start`` must be on or after 1984-08-01.

Rounding: bases are exact (halves); the amount is average monthly wage ×
bases (× 6/5), rounded half up to the NTD once at the end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

from laborbureau.rules.base import LegalBasis, RuleError, Step
from laborbureau.rules.severance import Seniority, check_wage, seniority
from laborbureau.rules.wages import money, round_half_up

__all__ = ["RetirementResult", "counted_years", "retirement_bases", "retirement_pay"]

_LSA = "勞動基準法"
_LSA_EN = "Labor Standards Act"


@dataclass(frozen=True, slots=True)
class RetirementResult:
    """Old-system retirement pay.

    ``amount`` in NTD (rounded once); ``counted_years`` the seniority after
    half-year rounding; ``bases`` after the 45 cap; ``bonus_applied`` whether
    the 20% for duty-caused incapacity was added.
    """

    amount: int
    start: date
    end: date
    on: date
    seniority: Seniority
    counted_years: Fraction
    bases_before_cap: Fraction
    bases: Fraction
    capped: bool
    bonus_applied: bool
    average_monthly_wage: Fraction
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


@cache
def _data() -> dict[str, Any]:
    return json.loads(
        resources.files("laborbureau.rules").joinpath("data", "retirement.json").read_text(encoding="utf-8")
    )


def _version(on: date) -> str:
    current = None
    for item in _data()["versions"]:
        if date.fromisoformat(item["effective_from"]) <= on:
            current = item["version"]
    assert current is not None  # dates are validated first
    return current


def counted_years(service: Seniority) -> Fraction:
    """Seniority rounded per 第55條第1項第1款: under half a year → ½, half a year or more → 1."""
    if service.months == 0 and service.days == 0:
        return Fraction(service.years)
    if service.months < 6:
        return service.years + Fraction(1, 2)
    return Fraction(service.years + 1)


def retirement_bases(years: Fraction) -> tuple[Fraction, Fraction]:
    """(bases before the cap, bases after the cap) for ``years`` of counted seniority."""
    data = _data()
    first = Fraction(data["first_tier_years"])
    raw = min(years, first) * data["first_tier_bases_per_year"] + max(years - first, 0) * data["later_bases_per_year"]
    return raw, min(raw, Fraction(data["max_bases"]))


def retirement_pay(
    *,
    start: date,
    end: date,
    average_monthly_wage: int | Fraction,
    duty_incapacity: bool = False,
    on: date | None = None,
) -> RetirementResult:
    """Old-system retirement pay for seniority ``start``..``end`` (inclusive), retiring on ``on`` (default ``end``).

    ``duty_incapacity``: forced retirement under 第54條第1項第2款 for an
    incapacity caused by the performance of duties (+20%).
    """
    if not isinstance(start, date):
        raise RuleError("start", "到職日應為日期。", "The start date must be a date.")
    if not isinstance(end, date):
        raise RuleError("end", "年資截止日應為日期。", "The end date must be a date.")
    retire_on = end if on is None else on
    if not isinstance(retire_on, date):
        raise RuleError("on", "退休日應為日期。", "The retirement date must be a date.")
    if end < start:
        raise RuleError("end", "年資截止日不得早於到職日。", "Seniority cannot end before it starts.")
    if retire_on < end:
        raise RuleError(
            "on", "退休日不得早於年資截止日。", "The retirement date cannot be before the end of seniority."
        )
    lsa = date.fromisoformat(_data()["lsa_in_force"])
    if start < lsa:
        raise RuleError(
            "start",
            f"勞動基準法自{lsa.isoformat()}施行；適用前之年資依第84條之2按當時法令計算，本計算不適用。",
            f"The Labor Standards Act applies from {lsa.isoformat()}; earlier seniority (Art. 84-2) is not computed here.",
        )
    if not isinstance(duty_incapacity, bool):
        raise RuleError(
            "duty_incapacity", "是否因執行職務致身心障礙應為是或否。", "duty_incapacity must be true or false."
        )
    wage = check_wage(average_monthly_wage)

    version = _version(retire_on)
    basis_main = LegalBasis(_LSA, "第55條第1項第1款", version, _LSA_EN)
    basis_base = LegalBasis(_LSA, "第55條第2項", version, _LSA_EN)
    basis_bonus = LegalBasis(_LSA, "第55條第1項第2款", version, _LSA_EN)
    service = seniority(start, end)
    years = counted_years(service)
    raw, bases = retirement_bases(years)
    multiplier = Fraction(1) + (Fraction(_data()["duty_incapacity_bonus"]) if duty_incapacity else 0)
    amount = round_half_up(wage * bases * multiplier)

    steps = [
        Step(
            "年資", "seniority", f"{service.as_zh()} / {service.as_en()}", f"{start.isoformat()} ～ {end.isoformat()}"
        ),
        Step(
            "採計年資（未滿半年以半年計，滿半年以一年計）",
            "counted years (under ½ year → ½, ½ year or more → 1)",
            money(years),
            basis=basis_main,
        ),
        Step(
            "基數（前15年每年2個基數，其後每年1個基數）",
            "bases (2 a year for the first 15 years, then 1)",
            money(raw),
            f"{money(min(years, 15))} × 2 + {money(max(years - 15, 0))} × 1",
            basis_main,
        ),
    ]
    if raw > bases:
        steps.append(Step("基數上限45", "capped at 45 bases", money(bases), basis=basis_main))
    steps.append(
        Step("基數標準：核准退休時一個月平均工資", "base: one month of average wage", money(wage), basis=basis_base)
    )
    formula = f"{money(wage)} × {money(bases)}"
    if duty_incapacity:
        formula += " × 120%"
        steps.append(
            Step("因執行職務致身心障礙強制退休，加給20%", "duty-caused incapacity: +20%", "120%", basis=basis_bonus)
        )
    steps.append(Step("退休金（元以下四捨五入）", "retirement pay (rounded to NTD)", f"{amount:,}", formula))
    basis: tuple[LegalBasis, ...] = (basis_main, basis_base)
    if duty_incapacity:
        basis += (basis_bonus,)
    return RetirementResult(
        amount=amount,
        start=start,
        end=end,
        on=retire_on,
        seniority=service,
        counted_years=years,
        bases_before_cap=raw,
        bases=bases,
        capped=raw > bases,
        bonus_applied=duty_incapacity,
        average_monthly_wage=wage,
        basis=basis,
        version=f"勞動基準法第55條：{version}",
        steps=tuple(steps),
    )
