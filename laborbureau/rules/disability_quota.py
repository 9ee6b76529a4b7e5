"""Disability employment quota (定額進用) and the shortfall fee (差額補助費).

身心障礙者權益保障法 (People with Disabilities Rights Protection Act)
------------------------------------------------------------------
* 第38條第1項: government agencies, public schools and public enterprises
  with **34 or more** staff employ people with disabilities able to work for
  at least **3%** of the total staff.
* 第38條第2項: private schools, associations and private enterprises with
  **67 or more** employees: at least **1%**, and **not fewer than one**.
* Fractions are dropped (the Workforce Development Agency's own table: a
  public body of 34–66 staff employs 1, 67–99 employs 2, 100–133 employs 3).
* 第38條第3項: both the staff total and the number employed are the persons
  insured (勞保/公保) on the **1st of each month**; frozen posts are left out.
* 第38條第4項: a disabled employee paid less than the monthly basic (minimum)
  wage counts in neither number; but a **part-time** employee paid at least
  **half** of it counts: "進用二人得以一人計入身心障礙者人數及員工總人數" —
  each counts as **1/2**, in the disabled count *and* in the staff total.
* 第38條第5項: sheltered-employment workers count in neither.
* 第38條第6項: a person with a **severe or very severe** (重度以上) disability
  counts as **two**.  A severe part-time employee therefore counts 2 × 1/2 =
  1; the Act does not spell out the combination and this product is the
  reading applied here (*unverified* against the Agency's practice).
* 第43條第2項: a body below the quota pays monthly into the local disability
  employment fund a **shortfall fee = shortfall × the monthly basic wage**.
  Since the Minimum Wage Act the figure in force is the monthly minimum wage;
  it comes from :func:`laborbureau.rules.wages.basic_wage`, for the month the
  count applies to.  A half shortfall (from half-counted part-timers) gives
  half a wage; an odd wage then leaves 50 cents, rounded half up (四捨五入) —
  the fund's own rounding was not found in the sources (*unverified*).

Coverage: the text of 第38條 in force since the amendment promulgated
2011-02-01 (in force 2011-02-03).  Dates before raise: the 2007 text (in
force 2009-07-11, same 34/3% and 67/1%) could not be checked word for word.

The caller gives the staff total already counted under 第38條第3–5項 (an
integer, or a multiple of 1/2 when part-timers are in it) and the list of
disabled employees; each is ``(severity, part_time)`` or an
:class:`EmployedPerson`, whose optional ``monthly_pay`` lets this module apply
the pay thresholds of 第38條第4項 itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache
from importlib import resources
from math import floor
from typing import Any, Final, Literal

from laborbureau.rules.base import LegalBasis, RuleError, Step
from laborbureau.rules.wages import basic_wage, money, round_half_up

__all__ = [
    "LAW",
    "SEVERITIES",
    "EmployedPerson",
    "QuotaResult",
    "quota",
    "required_number",
]

LAW: Final = "身心障礙者權益保障法"
LAW_EN: Final = "People with Disabilities Rights Protection Act"
SEVERITIES: Final = {
    "mild": ("輕度", "mild"),
    "moderate": ("中度", "moderate"),
    "severe": ("重度", "severe"),
    "very_severe": ("極重度", "very severe"),
}

Sector = Literal["public", "private"]
Severity = Literal["mild", "moderate", "severe", "very_severe"]


@dataclass(frozen=True, slots=True)
class EmployedPerson:
    """One employee with a disability certificate.

    ``monthly_pay`` (NTD) is optional: when given, 第38條第4項 is applied
    (below the monthly basic wage — or below half of it for a part-timer — the
    person is not counted).
    """

    severity: Severity
    part_time: bool = False
    monthly_pay: int | None = None


@dataclass(frozen=True, slots=True)
class QuotaResult:
    """Required number, number counted, shortfall and monthly shortfall fee (NTD).

    ``counted`` and ``shortfall`` are multiples of 1/2 (:class:`Fraction`);
    ``obliged`` is False when the staff total is below the threshold;
    ``wage`` is the monthly basic/minimum wage used for the fee.
    """

    sector: Sector
    headcount: Fraction
    obliged: bool
    required: int
    counted: Fraction
    shortfall: Fraction
    surplus: Fraction
    wage: int
    monthly_fee: int
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class _SectorRule:
    min_headcount: int
    rate: Fraction
    minimum: int
    article: str


@dataclass(frozen=True, slots=True)
class _Version:
    version: str
    effective_from: date
    effective_to: date | None
    public: _SectorRule
    private: _SectorRule
    severe_weight: int
    part_time_weight: Fraction
    severe_levels: frozenset[str]


def _rule(raw: dict[str, Any]) -> _SectorRule:
    return _SectorRule(raw["min_headcount"], Fraction(raw["rate"]), raw["minimum"], raw["article"])


@cache
def _versions() -> tuple[_Version, ...]:
    raw: dict[str, Any] = json.loads(
        resources.files("laborbureau.rules").joinpath("data", "disability_quota.json").read_text(encoding="utf-8")
    )
    return tuple(
        sorted(
            (
                _Version(
                    version=item["version"],
                    effective_from=date.fromisoformat(item["effective_from"]),
                    effective_to=None if item["effective_to"] is None else date.fromisoformat(item["effective_to"]),
                    public=_rule(item["public"]),
                    private=_rule(item["private"]),
                    severe_weight=item["severe_weight"],
                    part_time_weight=Fraction(item["part_time_weight"]),
                    severe_levels=frozenset(item["severe_levels"]),
                )
                for item in raw["versions"]
            ),
            key=lambda v: v.effective_from,
        )
    )


def _version(on: date) -> _Version:
    for version in _versions():
        if version.effective_from <= on and (version.effective_to is None or on <= version.effective_to):
            return version
    first = _versions()[0].effective_from
    raise RuleError(
        "on",
        f"{on.isoformat()} 早於本計算涵蓋之第38條版本（{first.isoformat()} 起）。",
        f"{on.isoformat()} is before the version of Art. 38 covered here (from {first.isoformat()}).",
    )


def _basis(version: _Version, article: str) -> LegalBasis:
    return LegalBasis(LAW, article, version.version, LAW_EN)


def _sector_rule(version: _Version, sector: str) -> _SectorRule:
    if sector == "public":
        return version.public
    if sector == "private":
        return version.private
    raise RuleError(
        "sector",
        "機關（構）類別應為 public（公部門）或 private（私部門）。",
        "sector must be 'public' or 'private'.",
    )


def _headcount(value: int | Fraction) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise RuleError("headcount", "員工總人數應為整數或半數。", "The staff total must be a whole or half number.")
    amount = Fraction(value)
    if amount < 0 or (amount * 2).denominator != 1:
        raise RuleError(
            "headcount",
            "員工總人數不得為負數，且僅能為整數或半數（部分工時二人以一人計）。",
            "The staff total must be non-negative and a multiple of 1/2 (two part-timers count as one).",
        )
    return amount


def required_number(*, on: date, sector: Sector, headcount: int | Fraction) -> int:
    """The number of employees with disabilities required by 第38條第1項/第2項 (0 if not obliged)."""
    version = _version(on)
    rule = _sector_rule(version, sector)
    total = _headcount(headcount)
    if total < rule.min_headcount:
        return 0
    return max(floor(total * rule.rate), rule.minimum)


def _person(raw: EmployedPerson | tuple[Any, ...]) -> EmployedPerson:
    person = raw if isinstance(raw, EmployedPerson) else EmployedPerson(*raw)
    if person.severity not in SEVERITIES:
        raise RuleError(
            "employed",
            f"未知的障礙等級「{person.severity}」。",
            f"Unknown severity {person.severity!r}; use one of {', '.join(SEVERITIES)}.",
        )
    if person.monthly_pay is not None and (
        not isinstance(person.monthly_pay, int) or isinstance(person.monthly_pay, bool) or person.monthly_pay < 0
    ):
        raise RuleError("employed", "月領薪資應為非負整數。", "Monthly pay must be a non-negative whole number.")
    return person


def _weight(person: EmployedPerson, version: _Version, wage: int) -> Fraction:
    if person.monthly_pay is not None:
        floor_pay = Fraction(wage) * (version.part_time_weight if person.part_time else 1)
        if person.monthly_pay < floor_pay:
            return Fraction(0)
    weight = Fraction(version.severe_weight if person.severity in version.severe_levels else 1)
    if person.part_time:
        weight *= version.part_time_weight
    return weight


def _half(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def quota(
    *,
    on: date,
    sector: Sector,
    headcount: int | Fraction,
    employed: Iterable[EmployedPerson | tuple[Any, ...]],
) -> QuotaResult:
    """Quota, count, shortfall and monthly shortfall fee for the month of ``on``.

    ``on`` is the 1st of the month counted (第38條第3項; any day of the month
    gives that month's figures); ``sector`` ``"public"`` or ``"private"``;
    ``headcount`` the staff total counted under 第38條第3–5項; ``employed`` the
    employees with a disability certificate insured on that day.
    """
    version = _version(on)
    rule = _sector_rule(version, sector)
    total = _headcount(headcount)
    people = [_person(p) for p in employed]
    wage_result = basic_wage(on)
    wage = wage_result.monthly
    obliged = total >= rule.min_headcount
    required = required_number(on=on, sector=sector, headcount=total)
    weights = [_weight(p, version, wage) for p in people]
    counted = sum(weights, Fraction(0))
    shortfall = max(Fraction(required) - counted, Fraction(0))
    surplus = max(counted - required, Fraction(0)) if obliged else Fraction(0)
    fee = round_half_up(shortfall * wage)

    sector_zh = (
        "公部門（各級政府機關、公立學校及公營事業機構）"
        if sector == "public"
        else "私部門（私立學校、團體及民營事業機構）"
    )
    steps = [
        Step("義務機關（構）類別", "Sector", sector_zh, basis=_basis(version, rule.article)),
        Step(
            "員工總人數（每月一日勞保、公保人數）",
            "Staff total (insured on the 1st)",
            _half(total),
            basis=_basis(version, "第38條第3項"),
        ),
    ]
    rate_pct = f"{float(rule.rate * 100):g}%"
    if obliged:
        formula = f"{_half(total)} × {float(rule.rate * 100):g}% = {float(total * rule.rate):g}，小數捨去"
        if rule.minimum:
            formula += f"，且不得少於 {rule.minimum} 人"
        steps.append(
            Step("應進用人數", "Required number", str(required), formula=formula, basis=_basis(version, rule.article))
        )
    else:
        steps.append(
            Step(
                f"應進用人數（員工未達 {rule.min_headcount} 人，非義務機關）",
                f"Required number (fewer than {rule.min_headcount} staff: not obliged)",
                "0",
                formula=f"{rule.min_headcount} 人以上始適用 {rate_pct}",
                basis=_basis(version, rule.article),
            )
        )
    for person, weight in zip(people, weights, strict=True):
        label = SEVERITIES[person.severity]
        kind_zh = "部分工時" if person.part_time else "全時"
        kind_en = "part-time" if person.part_time else "full-time"
        note = ""
        if weight == 0:
            note = "（月領薪資未達門檻，不計入）"
        steps.append(
            Step(
                f"{label[0]}、{kind_zh}{note}",
                f"{label[1]}, {kind_en}",
                _half(weight),
                basis=_basis(version, "第38條第4項、第6項"),
            )
        )
    steps.append(Step("已進用人數（核計）", "Number counted", _half(counted), basis=_basis(version, "第38條第6項")))
    steps.append(
        Step(
            "不足人數",
            "Shortfall",
            _half(shortfall),
            formula=f"{required} − {_half(counted)}",
            basis=_basis(version, rule.article),
        )
    )
    steps.append(
        Step(
            f"每月差額補助費（{wage_result.name_zh} {wage:,} 元）",
            f"Monthly shortfall fee ({wage_result.name_en} NT${wage:,})",
            f"{fee:,}",
            formula=f"{_half(shortfall)} × {wage:,} = {money(shortfall * wage)}",
            basis=_basis(version, "第43條第2項"),
        )
    )
    return QuotaResult(
        sector=sector,
        headcount=total,
        obliged=obliged,
        required=required,
        counted=counted,
        shortfall=shortfall,
        surplus=surplus,
        wage=wage,
        monthly_fee=fee,
        basis=(
            _basis(version, rule.article),
            _basis(version, "第38條第3項、第4項、第6項"),
            _basis(version, "第43條第2項"),
            *wage_result.basis,
        ),
        version=version.version,
        steps=tuple(steps),
    )
