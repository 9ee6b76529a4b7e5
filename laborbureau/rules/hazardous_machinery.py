"""Inspection certificates of dangerous machinery and equipment (危險性機械及設備):
how long a certificate is valid and when the periodic inspection must be applied for.

職業安全衛生法第16條第1項: dangerous machinery may be used only after passing the
inspection, and past the period set, only after passing it again. The periods are in
危險性機械及設備安全檢查規則 (2016-11-21 version, 勞動部令; checked against
law.moj.gov.tw, PCODE N0060039):

* 移動式起重機 (mobile crane): periodic inspection certificate valid at most two years
  (第28條第1項);
* 人字臂起重桿 (derrick): completion inspection certificate valid at most two years
  (第36條第2項);
* 吊籠 (gondola): use inspection certificate valid at most one year (第66條第2項);
* 固定式起重機 (fixed crane): the employer applies for the periodic inspection one month
  before the certificate expires; not applying in time or failing it, the crane may not
  be used (第17條第1項). Its two-year maximum validity is recalled (第16條), not
  re-checked against a stored text: `verified` says so.

The amendment of 2025-12-23 (第3、19、29條 from 2026-12-23) does not touch these articles.
Dates in, dates out; no Django.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from laborbureau.rules.base import LegalBasis, RuleError

__all__ = ["KINDS", "Certificate", "certificate", "periodic_application_due"]

LAW = "危險性機械及設備安全檢查規則"
LAW_EN = "Regulations for Safety Inspection of Dangerous Machinery and Equipment"
VERSION = "2016-11-21 修正發布"
APPLY_MONTHS_BEFORE = 1  # 第17條第1項 (固定式起重機), 第47條第1項 (營建用升降機): 屆滿前一個月


@dataclass(frozen=True, slots=True)
class _Kind:
    name_zh: str
    name_en: str
    max_months: int
    article: str
    verified: str


KINDS: dict[str, _Kind] = {
    "MOBILE_CRANE": _Kind("移動式起重機", "Mobile crane", 24, "第28條第1項", "text verified"),
    "DERRICK": _Kind("人字臂起重桿", "Derrick", 24, "第36條第2項", "text verified"),
    "GONDOLA": _Kind("吊籠", "Gondola", 12, "第66條第2項", "text verified"),
    "FIXED_CRANE": _Kind("固定式起重機", "Fixed crane", 24, "第16條", "recalled; not re-checked against a stored text"),
}


@dataclass(frozen=True, slots=True)
class Certificate:
    kind: str
    inspected_on: date
    valid_until: date  # the last day of validity
    apply_by: date  # the periodic inspection must be applied for by this day
    basis: LegalBasis
    verified: str


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def periodic_application_due(valid_until: date) -> date:
    """The last day to apply for the periodic inspection: one month before expiry."""
    return _add_months(valid_until, -APPLY_MONTHS_BEFORE)


def certificate(kind: str, inspected_on: date, months: int | None = None) -> Certificate:
    """The certificate issued on passing an inspection on `inspected_on`: valid for
    `months` (the inspection body's grant; at most the kind's maximum), ending the day
    before the same date that many months later."""
    spec = KINDS.get(kind)
    if spec is None:
        raise RuleError("kind", "不是本系統收錄之危險性機械種類。", "Not a dangerous machinery kind covered here.")
    months = spec.max_months if months is None else months
    if not 1 <= months <= spec.max_months:
        raise RuleError("months", f"{spec.name_zh}檢查合格證有效期限最長為{spec.max_months}個月（{LAW}{spec.article}）。",
                        f"A {spec.name_en} certificate is valid for at most {spec.max_months} months.")
    valid_until = _add_months(inspected_on, months) - timedelta(days=1)
    return Certificate(kind=kind, inspected_on=inspected_on, valid_until=valid_until,
                       apply_by=periodic_application_due(valid_until),
                       basis=LegalBasis(LAW, spec.article, VERSION, LAW_EN), verified=spec.verified)
