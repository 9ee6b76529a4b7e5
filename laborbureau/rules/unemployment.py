"""Unemployment benefit (失業給付) of the Employment Insurance Act (就業保險法).

Amount (第16條第1項, 第19條之1)
------------------------------
* Base: **60%** of the average monthly insured salary of the six months
  counted back from the month the insured left and was withdrawn from the
  insurance ("按申請人離職辦理本保險退保之當月起前六個月平均月投保薪資百分之六十").
* Dependants' supplement (加給給付, 第19條之1, in force since 2009-05-01):
  **10%** of the same average for each dependant, **at most 20%**.  A
  dependant is one supported by the insured and without work income: spouse,
  minor child or disabled child; **parents** were added by the amendment
  promulgated 2021-12-29, in force **2022-01-18** (行政院 order of
  2022-01-17).  A dependant already claimed by another insured person or
  drawing a benefit of this Act in the same period does not count (就業保險法
  施行細則第19條之1) — the caller must leave them out.
* The version applied is the one in force on the application (求職登記) date.

Rounding: the average is kept exact (a fraction) and the monthly amount is
``average × (60% + supplement)`` rounded once to whole dollars, halves up
(四捨五入).  The Bureau of Labor Insurance's own rounding step was not found in
the sources consulted (the only rounding rule in 就業保險法施行細則 is for
late-payment interest, 第12條之1: "以新臺幣元為單位，角以下四捨五入"); this is
the rule used here and is *unverified* against the Bureau's notices.

Duration (第16條第1項)
---------------------
Up to **6 months**; up to **9 months** if, when leaving and being withdrawn
from the insurance ("離職辦理本保險退保時"), the insured had reached 45 or held
a disability certificate (身心障礙證明).  The age is judged at the separation
(退保) date, not the application date.  年滿45 is reached on the 45th
birthday (a 29 February birthday: 1 March in common years, 民法第121條第2項).
The extensions of 第16條第2–3項 (economic downturn) and the reductions of
第16條第4–5項 (earlier claims) depend on facts this calculator does not take.

Dates (第20條, 第25條, 第29條)
----------------------------
* The claim is made within **2 years** of the withdrawal (第25條第1項).
* If no job or training is offered within 14 days of the job registration,
  unemployment is recognised (失業認定) on the next day (第25條第2項), and the
  benefit runs from the **15th day** counting the registration day as the
  first (第20條第1項): ``registration + 14 days``.
* The benefit is paid by the month; each further month needs a
  re-certification in person (失業再認定, "每個月親自前往", 第29條第1項), from
  the day after the previous benefit month ends.  Benefit months are counted
  as calendar months from the first benefit day (民法第121條第2項 / 行政程序法
  第48條第3項: the month ends the day before the corresponding day; if the
  last month has no such day, on its last day).  ``office_day`` is the first
  working day on or after that day on the government office calendar.  The
  Employment Service's administrative window for attending (how many days
  around the date it accepts) was not found in the Act or its 施行細則 and is
  not modelled.

Eligibility, refusals, work income (第11條, 第13條, 第15條, 第17條, 第30條)
---------------------------------------------------------------------
``eligibility`` checks what 第11條第1項第1款 asks the service to judge; ``job_refusal``
whether refusing a referred job keeps the benefit (第13條) or bars it (第15條第1款);
``work_income_deduction`` the month's benefit after declared work income (第17條第1項);
``MIN_JOB_SEARCH_RECORDS`` the two job-search records a re-certification needs (第30條).
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

from laborbureau.rules import working_days
from laborbureau.rules.base import LegalBasis, RuleError, Step
from laborbureau.rules.wages import add_months, basic_wage, money, round_half_up

__all__ = [
    "DEPENDANT_KINDS",
    "LAW",
    "MIN_JOB_SEARCH_RECORDS",
    "Eligibility",
    "Recertification",
    "RefusalAssessment",
    "UnemploymentBenefit",
    "WorkIncomeDeduction",
    "age_reached",
    "eligibility",
    "job_refusal",
    "unemployment_benefit",
    "work_income_deduction",
]

LAW: Final = "就業保險法"
LAW_EN: Final = "Employment Insurance Act"
DEPENDANT_KINDS: Final = {
    "parent": ("父母", "parent"),
    "spouse": ("配偶", "spouse"),
    "minor_child": ("未成年子女", "minor child"),
    "disabled_child": ("身心障礙子女", "disabled child"),
}


@dataclass(frozen=True, slots=True)
class Recertification:
    """Benefit month ``month`` (1-based) and the day its (re)certification may be made.

    Month 1 is covered by the initial recognition (失業認定); months 2.. need a
    re-certification (失業再認定) from ``earliest`` (the day after the previous
    month ends); ``office_day`` is the first office working day on or after it.
    """

    month: int
    period_start: date
    period_end: date
    earliest: date
    office_day: date
    initial: bool


@dataclass(frozen=True, slots=True)
class UnemploymentBenefit:
    """The monthly unemployment benefit and its schedule.

    ``average_insured_salary`` is exact (a :class:`~fractions.Fraction`);
    ``rate`` the total rate applied (e.g. ``Fraction(7, 10)``);
    ``monthly_benefit`` the monthly amount in whole NTD; ``dependants_counted``
    the dependants that earned a supplement; ``max_months`` 6 or 9;
    ``total_if_paid_in_full`` = ``monthly_benefit × max_months``.
    """

    average_insured_salary: Fraction
    rate: Fraction
    base_amount: int
    monthly_benefit: int
    dependants_counted: int
    max_months: int
    extended_by: str | None
    total_if_paid_in_full: int
    first_benefit_day: date
    schedule: tuple[Recertification, ...]
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class _Version:
    version: str
    effective_from: date
    effective_to: date | None
    base_rate: Fraction
    per_dependant_rate: Fraction
    max_dependants: int
    dependant_kinds: frozenset[str]
    months: int
    extended_months: int
    extended_age: int
    first_day_offset: int
    claim_years: int


@cache
def _versions() -> tuple[_Version, ...]:
    raw: dict[str, Any] = json.loads(
        resources.files("laborbureau.rules").joinpath("data", "unemployment.json").read_text(encoding="utf-8")
    )
    out = []
    for item in raw["versions"]:
        kinds = frozenset(item["dependant_kinds"])
        if not kinds <= set(DEPENDANT_KINDS):
            raise ValueError(f"unemployment.json: unknown dependant kind in {item['version']}")
        out.append(
            _Version(
                version=item["version"],
                effective_from=date.fromisoformat(item["effective_from"]),
                effective_to=None if item["effective_to"] is None else date.fromisoformat(item["effective_to"]),
                base_rate=Fraction(item["base_rate"]),
                per_dependant_rate=Fraction(item["per_dependant_rate"]),
                max_dependants=item["max_dependants"],
                dependant_kinds=kinds,
                months=item["months"],
                extended_months=item["extended_months"],
                extended_age=item["extended_age"],
                first_day_offset=item["first_day_offset"],
                claim_years=item["claim_years"],
            )
        )
    return tuple(sorted(out, key=lambda v: v.effective_from))


def _version(on: date) -> _Version:
    for version in _versions():
        if version.effective_from <= on and (version.effective_to is None or on <= version.effective_to):
            return version
    first = _versions()[0].effective_from
    raise RuleError(
        "on",
        f"{on.isoformat()} 早於本計算涵蓋之就業保險法版本（{first.isoformat()} 起）。",
        f"{on.isoformat()} is before the versions of the Act covered here (from {first.isoformat()}).",
    )


def _basis(version: _Version, article: str) -> LegalBasis:
    return LegalBasis(LAW, article, version.version, LAW_EN)


def age_reached(birth: date, age: int) -> date:
    """The day one has reached (年滿) ``age``: the birthday; 29 Feb → 1 March in common years."""
    year = birth.year + age
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return date(year, birth.month, birth.day)


def _month_end(start: date, months: int) -> date:
    """Last day of a period of ``months`` months beginning on (and counting) ``start`` (民法第121條第2項)."""
    corresponding = add_months(start, months)
    if corresponding.day != start.day:  # no corresponding day: the month's last day
        return corresponding
    return corresponding - timedelta(days=1)


def _validate(
    on: date, separation_date: date, birth_date: date, salaries: Sequence[int], dependants: Sequence[str]
) -> None:
    if len(salaries) != 6:
        raise RuleError(
            "insured_salaries",
            "請輸入離職退保當月起前六個月之月投保薪資（共六筆）。",
            "Enter the monthly insured salaries of the six months before leaving (six amounts).",
        )
    for amount in salaries:
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise RuleError(
                "insured_salaries",
                "月投保薪資應為正整數（新臺幣元）。",
                "Each insured salary must be a positive whole number of NTD.",
            )
    if birth_date >= separation_date:
        raise RuleError("birth_date", "出生日期應早於離職退保日。", "The birth date must be before the separation.")
    if on < separation_date:
        raise RuleError(
            "on",
            "求職登記（申請）日不得早於離職退保日。",
            "The application (job registration) date cannot be before the separation.",
        )
    for kind in dependants:
        if kind not in DEPENDANT_KINDS:
            raise RuleError(
                "dependants",
                f"未知的受扶養眷屬類別「{kind}」。",
                f"Unknown dependant kind {kind!r}; use one of {', '.join(DEPENDANT_KINDS)}.",
            )


def unemployment_benefit(
    *,
    on: date,
    separation_date: date,
    insured_salaries: Sequence[int],
    birth_date: date,
    dependants: Sequence[str] = (),
    disability_certificate: bool = False,
) -> UnemploymentBenefit:
    """Monthly unemployment benefit, its duration and (re)certification dates.

    ``on`` is the application / job-registration date (求職登記日) and selects
    the version of the Act; ``separation_date`` the day the insured left and
    was withdrawn from the insurance (離職退保日); ``insured_salaries`` the
    six monthly insured salaries counted back from the month of withdrawal;
    ``dependants`` the kinds of supported dependants without work income
    (``parent``, ``spouse``, ``minor_child``, ``disabled_child``);
    ``disability_certificate`` whether a 身心障礙證明 was held at the separation.
    """
    _validate(on, separation_date, birth_date, insured_salaries, dependants)
    version = _version(on)
    deadline = add_months(separation_date, 12 * version.claim_years)
    if on > deadline:
        raise RuleError(
            "on",
            f"應於離職退保後{version.claim_years}年內（{deadline.isoformat()}前）辦理求職登記及申請。",
            f"The claim must be made within {version.claim_years} years of the separation (by {deadline.isoformat()}).",
        )
    average = Fraction(sum(insured_salaries), 6)
    eligible = [kind for kind in dependants if kind in version.dependant_kinds]
    not_counted = [kind for kind in dependants if kind not in version.dependant_kinds]
    counted = min(len(eligible), version.max_dependants)
    rate = version.base_rate + version.per_dependant_rate * counted
    base_amount = round_half_up(average * version.base_rate)
    monthly = round_half_up(average * rate)

    reached_45 = age_reached(birth_date, version.extended_age)
    extended_by: str | None = None
    if separation_date >= reached_45:
        extended_by = "age"
    elif disability_certificate:
        extended_by = "disability"
    months = version.extended_months if extended_by else version.months

    first_day = on + timedelta(days=version.first_day_offset)
    schedule = []
    period_start = first_day
    for month in range(1, months + 1):
        period_end = _month_end(first_day, month)
        schedule.append(
            Recertification(
                month=month,
                period_start=period_start,
                period_end=period_end,
                earliest=period_start,
                office_day=working_days.add_working_days(period_start, 0),
                initial=month == 1,
            )
        )
        period_start = period_end + timedelta(days=1)

    salaries_text = " + ".join(f"{s:,}" for s in insured_salaries)
    steps = [
        Step(
            "平均月投保薪資",
            "Average monthly insured salary",
            money(average),
            formula=f"({salaries_text}) ÷ 6",
            basis=_basis(version, "第16條第1項"),
        ),
        Step(
            "基本給付（60%）",
            "Base benefit (60%)",
            f"{base_amount:,}",
            formula=f"{money(average)} × 60%",
            basis=_basis(version, "第16條第1項"),
        ),
    ]
    kinds_zh = "、".join(DEPENDANT_KINDS[k][0] for k in eligible) or "無"
    kinds_en = ", ".join(DEPENDANT_KINDS[k][1] for k in eligible) or "none"
    steps.append(
        Step(
            f"眷屬加給（{kinds_zh}；每人10%，最多20%）",
            f"Dependants' supplement ({kinds_en}; 10% each, at most 20%)",
            f"{counted} × 10% = {counted * 10}%",
            basis=_basis(version, "第19條之1"),
        )
    )
    if not_counted:
        steps.append(
            Step(
                "不計入加給之眷屬（申請日適用之條文未列）",
                "Dependants not counted under the version in force",
                "、".join(DEPENDANT_KINDS[k][0] for k in not_counted),
                basis=_basis(version, "第19條之1第2項"),
            )
        )
    steps.append(
        Step(
            "每月失業給付",
            "Monthly unemployment benefit",
            f"{monthly:,}",
            formula=f"{money(average)} × {int(rate * 100)}%（元以下四捨五入）",
            basis=_basis(version, "第16條第1項"),
        )
    )
    reason = {
        "age": ("離職退保時已年滿45歲", "aged 45 or over at the separation"),
        "disability": ("離職退保時領有身心障礙證明", "held a disability certificate at the separation"),
        None: ("未滿45歲且無身心障礙證明", "under 45, no disability certificate"),
    }[extended_by]
    steps.append(
        Step(
            f"最長給付月數（{reason[0]}）",
            f"Maximum months ({reason[1]})",
            str(months),
            basis=_basis(version, "第16條第1項"),
        )
    )
    steps.append(
        Step(
            "失業認定及給付起算日（求職登記之第15日）",
            "Unemployment recognised; benefit runs from (15th day of the registration)",
            first_day.isoformat(),
            formula=f"{on.isoformat()} + 14 日",
            basis=_basis(version, "第20條第1項、第25條第2項"),
        )
    )
    for item in schedule[1:]:
        steps.append(
            Step(
                f"第{item.month}個月失業再認定",
                f"Re-certification for month {item.month}",
                item.office_day.isoformat(),
                formula=f"自 {item.earliest.isoformat()} 起（前月期間末日之翌日）",
                basis=_basis(version, "第29條第1項"),
            )
        )
    return UnemploymentBenefit(
        average_insured_salary=average,
        rate=rate,
        base_amount=base_amount,
        monthly_benefit=monthly,
        dependants_counted=counted,
        max_months=months,
        extended_by=extended_by,
        total_if_paid_in_full=monthly * months,
        first_benefit_day=first_day,
        schedule=tuple(schedule),
        basis=(
            _basis(version, "第16條第1項"),
            _basis(version, "第19條之1"),
            _basis(version, "第20條第1項"),
            _basis(version, "第29條第1項"),
        ),
        version=version.version,
        steps=tuple(steps),
    )


# ---------------------------------------------------------------------------
# Eligibility, refusals and work income during the benefit (第11條, 第13條, 第17條, 第30條)

#: 第11條第1項第1款: "辦理本保險退保當日前三年內，保險年資合計滿一年以上".  Counted here
#: in whole months of insurance (12), as the worker's insurance record states them.
MIN_INSURED_MONTHS: Final = 12
#: 第13條第2款: "工作地點距離申請人日常居住處所三十公里以上".
REFUSAL_DISTANCE_KM: Final = 30
#: 第30條: "領取失業給付者，應於辦理失業再認定時，至少提供二次以上之求職紀錄，始得繼續請領".
MIN_JOB_SEARCH_RECORDS: Final = 2


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Whether a claim meets 第11條第1項第1款's conditions that the service can judge.

    ``reasons`` lists the unmet conditions as (zh, en) pairs; empty when eligible.
    """

    eligible: bool
    reasons: tuple[tuple[str, str], ...]
    claim_deadline: date
    basis: tuple[LegalBasis, ...]


def eligibility(
    *, on: date, separation_date: date, involuntary: bool, insured_months_in_three_years: int, able_and_willing: bool
) -> Eligibility:
    """第11條第1項第1款 and 第25條第1項 on the application (求職登記) date ``on``.

    ``involuntary``: the separation is 非自願離職 as 第11條第3項 defines it (or a fixed-term
    contract ended as 第11條第2項 deems one); ``insured_months_in_three_years``: months of
    insurance in the three years up to the withdrawal; ``able_and_willing``: 具有工作能力及
    繼續工作意願. The 14-day condition (no job or training within 14 days of the
    registration) is judged at the initial certification, not here.
    """
    if insured_months_in_three_years < 0 or insured_months_in_three_years > 36:
        raise RuleError(
            "insured_months_in_three_years",
            "三年內保險年資月數應為0至36。",
            "Months of insurance in three years: 0 to 36.",
        )
    if on < separation_date:
        raise RuleError("on", "申請日不得早於離職退保日。", "The application cannot be before the separation.")
    version = _version(on)
    deadline = add_months(separation_date, 12 * version.claim_years)
    reasons: list[tuple[str, str]] = []
    if not involuntary:
        reasons.append(("離職原因非屬非自願離職（第11條第3項）", "Not an involuntary separation (Art. 11(3))"))
    if insured_months_in_three_years < MIN_INSURED_MONTHS:
        reasons.append(
            (
                f"離職退保前三年內保險年資合計未滿一年（{insured_months_in_three_years}個月）",
                f"Less than one year insured in the three years before ({insured_months_in_three_years} months)",
            )
        )
    if not able_and_willing:
        reasons.append(("不具工作能力或繼續工作意願", "Not able to or willing to work"))
    if on > deadline:
        reasons.append(
            (
                f"逾離職退保後{version.claim_years}年之申請期間（{deadline.isoformat()}）",
                f"Later than {version.claim_years} years after the separation ({deadline.isoformat()})",
            )
        )
    return Eligibility(
        eligible=not reasons,
        reasons=tuple(reasons),
        claim_deadline=deadline,
        basis=(_basis(version, "第11條第1項第1款"), _basis(version, "第11條第3項"), _basis(version, "第25條第1項")),
    )


@dataclass(frozen=True, slots=True)
class RefusalAssessment:
    """Whether refusing a referred job keeps the benefit (第13條) or bars it (第15條第1款)."""

    justified: bool
    grounds: tuple[tuple[str, str], ...]
    basis: tuple[LegalBasis, ...]


def job_refusal(*, on: date, offered_monthly_wage: int, monthly_benefit: int, distance_km: int) -> RefusalAssessment:
    """第13條: a referred job may be refused and the benefit still claimed when
    "一、工資低於其每月得請領之失業給付數額。二、工作地點距離申請人日常居住處所三十公里以上。"
    Otherwise the refusal is without cause and 第15條第1款 bars the benefit.

    The current wording of 第1款 (compared with the monthly benefit) is taken from the Ministry's
    FAQ (hr.taiwanjobs.gov.tw, citing 第13條); the 2007 text compared with 60% of the average
    insured salary (勞委會職業字第0950024470號函 quoting it). The date of that change was not
    confirmed; the versions held here start 2009-05-01 and all use the current wording.
    ``distance_km`` is whole kilometres from the worker's home to the workplace.
    """
    if offered_monthly_wage < 0 or monthly_benefit < 0 or distance_km < 0:
        raise RuleError("offered_monthly_wage", "金額及距離不可為負數。", "Amounts and distance cannot be negative.")
    version = _version(on)
    grounds: list[tuple[str, str]] = []
    if offered_monthly_wage < monthly_benefit:
        grounds.append(
            (
                f"工資（{offered_monthly_wage:,}）低於每月得請領之失業給付（{monthly_benefit:,}）",
                f"Pay ({offered_monthly_wage:,}) below the monthly benefit ({monthly_benefit:,})",
            )
        )
    if distance_km >= REFUSAL_DISTANCE_KM:
        grounds.append(
            (
                f"工作地點距離日常居住處所{distance_km}公里（三十公里以上）",
                f"Workplace {distance_km} km from home (30 km or more)",
            )
        )
    basis = (_basis(version, "第13條"),) if grounds else (_basis(version, "第13條"), _basis(version, "第15條第1款"))
    return RefusalAssessment(justified=bool(grounds), grounds=tuple(grounds), basis=basis)


@dataclass(frozen=True, slots=True)
class WorkIncomeDeduction:
    """The month's benefit after other work income (第17條第1項).

    ``barred``: the income exceeds the minimum wage, so no benefit for the month;
    otherwise ``deducted`` is what the income plus the benefit exceed 80% of the average
    insured salary by (nothing if that total is below the minimum wage).
    """

    work_income: int
    monthly_benefit: int
    minimum_wage: int
    ceiling: int
    deducted: int
    payable: int
    barred: bool
    basis: tuple[LegalBasis, ...]


def work_income_deduction(
    *, on: date, monthly_benefit: int, average_insured_salary: Fraction | int, work_income: int
) -> WorkIncomeDeduction:
    """第17條第1項: "被保險人於失業期間另有工作，其每月工作收入超過基本工資者，不得請領失業給付；
    其每月工作收入未超過基本工資者，其該月工作收入加上失業給付之總額，超過其平均月投保薪資百分之
    八十部分，應自失業給付中扣除。但總額低於基本工資者，不予扣除。" (wording as the Bureau of Labor
    Insurance and smile.org.tw, 2025-03-11, restate it). The figure in force on ``on`` is the
    basic wage, the minimum wage from 2024-01-01 (``rules.wages.basic_wage``). The worker
    declares the income at the (re)certification (第31條). The 80% ceiling is rounded half up.
    """
    if work_income < 0 or monthly_benefit < 0:
        raise RuleError("work_income", "工作收入不可為負數。", "Work income cannot be negative.")
    version = _version(on)
    minimum = basic_wage(on).monthly
    ceiling = round_half_up(Fraction(average_insured_salary) * Fraction(80, 100))
    basis = (_basis(version, "第17條第1項"), _basis(version, "第31條"))
    if work_income > minimum:
        return WorkIncomeDeduction(work_income, monthly_benefit, minimum, ceiling, monthly_benefit, 0, True, basis)
    total = work_income + monthly_benefit
    deducted = 0 if total < minimum else max(0, min(monthly_benefit, total - ceiling))
    return WorkIncomeDeduction(
        work_income, monthly_benefit, minimum, ceiling, deducted, monthly_benefit - deducted, False, basis
    )
