"""Litigation aid from the Taipei City Labor Rights Fund (臺北市勞工權益基金): who may
get it and how much, as dated data. Pure Python (no Django).

Sources found (and how far they go):
- 臺北市勞工權益基金收支保管及運用自治條例 authorises the aid; the aid rules were
  「臺北市勞工權益基金補助辦法」 (applied 2008–2010: 臺北高等行政法院99年度簡字第659號
  判決 — the fund's review panel 審核小組 granted the full 裁判費 and NT$40,000 of
  attorney fees per instance) and are now 「臺北市勞資爭議法律及生活費用補助辦法」
  (applied 2024: 臺北高等行政法院114年度簡字第38號判決 — a worker applied for the
  second-instance 裁判費, 律師費 and nine months' 生活費用).
- The city's application page (service.gov.taipei, 臺北市勞資爭議法律及生活費用補助)
  lists what an applicant files: the mediation record of a labor authority (not
  needed in the cases of 第4條第3項但書), the last year's tax income list and property
  list (a means test), a declaration of no other government aid, and per item the
  court filings and fee receipts (裁判費, 強制執行費, 律師費).
- The central rules (勞資爭議法律及生活費用扶助辦法, 勞動部) — used here where the city's
  text was not found: eligible disputes (第3條: termination, unpaid wages, severance or
  pension under the Labor Standards Act; occupational accident without compensation;
  uninsured or under-declared insurance), no prior mediation needed at the second or
  third instance or a retrial (第3條第4項), attorney fees NT$40,000 per instance for an
  individual (up to NT$60,000 when complex, 第7條第1款), and the living allowance
  returned when a final judgment awards the wages (2011 reasons of the living-allowance
  article).

Not verified (kept as data flagged `verified=False`, to be confirmed against the
city's current 辦法 before relying on them): the city's income and property limits
(the means test is therefore the officer's determination on the tax lists), its
living-allowance amount (modelled as at most the basic wage per month, at most 6
months per instance) and the cap on enforcement fees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from laborbureau.rules.base import LegalBasis, RuleError

COURT_FEE = "COURT_FEE"
ATTORNEY_FEE = "ATTORNEY_FEE"
LIVING = "LIVING"
ENFORCEMENT_FEE = "ENFORCEMENT_FEE"
ITEMS = (COURT_FEE, ATTORNEY_FEE, LIVING, ENFORCEMENT_FEE)

ELIGIBLE_DISPUTES = ("TERMINATION_WAGES", "OCCUPATIONAL_ACCIDENT", "INSURANCE")
STAGES_WITHOUT_MEDIATION = ("SECOND", "THIRD", "RETRIAL", "ENFORCEMENT")


@dataclass(frozen=True)
class Cap:
    amount: int | None  # None: the receipt amount (no fixed cap)
    verified: bool
    basis: str


@dataclass(frozen=True)
class AidRules:
    name: str
    effective_from: date
    attorney_fee_per_instance: Cap
    attorney_fee_complex: Cap
    court_fee: Cap
    living_months_per_instance: Cap
    enforcement_fee: Cap
    means_test: str
    sources: tuple[str, ...] = field(default_factory=tuple)

    def basis(self) -> LegalBasis:
        return LegalBasis(law=self.name, article="", version=f"{self.effective_from.isoformat()}起適用",
                          law_en="Taipei City rules on legal and living-cost aid in labor disputes")


RULES: tuple[AidRules, ...] = (
    AidRules(
        name="臺北市勞資爭議法律及生活費用補助辦法",
        effective_from=date(2013, 1, 1),  # data start; the city's own effective date was not found
        attorney_fee_per_instance=Cap(40_000, True, "每審級律師費4萬元（審核小組97年核定例；勞動部扶助辦法第7條第1款）"),
        attorney_fee_complex=Cap(60_000, False, "案件複雜者6萬元（勞動部扶助辦法第7條第1款但書；本市規定未查證）"),
        court_fee=Cap(None, True, "裁判費依收據全額（審核小組97年核定例）"),
        living_months_per_instance=Cap(6, False, "生活費用每審級至多6個月、每月以基本工資為上限（未查證之假設）"),
        enforcement_fee=Cap(None, False, "強制執行費依收據（上限未查證）"),
        means_test="最近1年綜合所得稅各類所得資料清單及財產歸屬資料清單，由承辦人審認非屬有資力者（本市所得及財產限額未查證）",
        sources=(
            "臺北高等行政法院99年度簡字第659號判決",
            "臺北高等行政法院114年度簡字第38號判決",
            "臺北市政府 service.gov.taipei 臺北市勞資爭議法律及生活費用補助 應備文件",
            "勞資爭議法律及生活費用扶助辦法（勞動部）第2條、第3條、第7條",
        ),
    ),
)


def rules_on(on: date) -> AidRules:
    in_force = [r for r in RULES if r.effective_from <= on]
    if not in_force:
        raise RuleError("date", "此日期無補助規定資料。", "No aid rules are recorded for this date.")
    return in_force[-1]


@dataclass(frozen=True)
class Facts:
    dispute_kind: str
    stage: str
    mediation_failed: bool  # a mediation record of 不成立 (or the respondent absent)
    other_aid: bool  # aid for the same costs from another government body
    means_confirmed: bool | None  # the officer's determination; None before review


@dataclass(frozen=True)
class Problem:
    field: str
    message_zh: str
    message_en: str


def eligibility_problems(facts: Facts, on: date) -> list[Problem]:
    """Why an application is not eligible (empty when it is), on `on`."""
    rules_on(on)
    problems = []
    if facts.dispute_kind not in ELIGIBLE_DISPUTES:
        problems.append(Problem("dispute_kind", "此類爭議不在補助範圍內。", "This kind of dispute is not covered."))
    if not facts.mediation_failed and facts.stage not in STAGES_WITHOUT_MEDIATION:
        problems.append(Problem(
            "mediation_reference", "第一審訴訟之補助須先經勞資爭議調解不成立（第二審以後免附）。",
            "First-instance aid needs a failed labor-dispute mediation first (not from the second instance on).",
        ))
    if facts.other_aid:
        problems.append(Problem("other_aid", "同一費用已獲其他政府機關補助者不得重複申請。",
                                "Costs already aided by another government body cannot be aided again."))
    if facts.means_confirmed is False:
        problems.append(Problem("means_confirmed", "經審認屬有資力者，不予補助。",
                                "The applicant was found to have sufficient means."))
    return problems


def item_cap(item: str, on: date, *, basic_wage: int, complex_case: bool = False, months: int = 0,
             receipt: int | None = None) -> int | None:
    """The most that may be granted for one item at one instance; None: no fixed cap
    beyond the receipt. `basic_wage` is the monthly basic wage in force (rules.wages)."""
    rules = rules_on(on)
    if item == ATTORNEY_FEE:
        return (rules.attorney_fee_complex if complex_case else rules.attorney_fee_per_instance).amount
    if item == LIVING:
        allowed = min(months, rules.living_months_per_instance.amount or 0)
        return allowed * basic_wage
    if item in (COURT_FEE, ENFORCEMENT_FEE):
        return receipt
    raise RuleError("item", "未知的補助項目。", "Unknown aid item.")


def reimbursement_due(*, living_paid: int, court_fee_paid: int, awarded_amount: int, costs_recovered: int) -> int:
    """What the worker returns after a final judgment: the living allowance paid, up
    to what the judgment awarded (the wages it replaced), plus court fees the employer
    was ordered to bear and the worker recovered, up to what the fund paid."""
    if min(living_paid, court_fee_paid, awarded_amount, costs_recovered) < 0:
        raise RuleError("amount", "金額不可為負數。", "Amounts cannot be negative.")
    return min(living_paid, awarded_amount) + min(court_fee_paid, costs_recovered)
