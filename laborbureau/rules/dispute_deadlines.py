"""Statutory days of a labour-dispute mediation and of the layoff notice.

勞資爭議處理法 (Act for Settlement of Labor-Management Disputes), text in force
since 2011-05-01 (全文 promulgated 2009-07-01; 行政院 order of 2011-04-26).
The applicant chooses a mediator or a committee (第11條第1項); the days are:

* mediator (調解人): appointed within **3 days** of receiving the application
  (第12條第1項); the mediator starts within **7 days** of the appointment
  (第12條第2項) and makes a proposal within **10 days** of starting (第12條第5項);
* committee (調解委員會): the parties each choose a member within **3 days** of
  receiving the authority's notice, else the authority designates one
  (第14條第1項); the committee is formed and meets within **14 days** of the
  members' choice/designation (第15條); the appointed member reports within
  **10 days** of appointment, save special circumstances (第16條第1項); the
  committee meets within **15 days** of receiving the report, extendable by
  **7 days** when necessary or agreed (第16條第2項).

The Act says "日", not "工作日": these are **calendar days**, counted under
行政程序法第48條 (the first day is not counted; an end on a Sunday, holiday or
other rest day moves to the next working day, an end on a non-working Saturday
to Monday morning), through :func:`working_days.deadline_detail`.  (The brief
that asked for this module named 第11條/第13條 for these days; in the current
text they are 第12條 and 第14–16條.)  Days chain: each step starts from the
actual date of the previous one when known, else from the previous step's
due date (the latest the law allows).

Layoff notice (就業服務法第33條第1項)
-----------------------------------
"雇主資遣員工時，應於員工離職之十日前……列冊通報當地主管機關及公立就業服務
機構。但其資遣係因天災、事變或其他不可抗力之情事所致者，應自被資遣員工離職之
日起三日內為之。"

This is a period counted **backwards** from the separation, which 行政程序法
第48條 does not address (it governs periods running forward).  The Ministry's
and the Taipei Department of Labor's practice, as published:

* days are calendar days, weekends and holidays included;
* the anchor is the day the layoff takes effect (資遣生效日, the day after the
  last day of the contract, 資遣日); it is the 始日 and is not counted, as in
  民法第120條第2項 / 行政程序法第48條第2項, so the notice is due **10 calendar
  days before the effective day**: ``latest_notice = contract_end + 1 - 10``;
* the end is **not** moved when it falls on a weekend or holiday: moving a
  backward deadline later would shorten the statutory ten days (filing online
  at layoff.ejob.gov.tw is possible on any day; a paper filing counts by its
  postmark).

*Hazard, unresolved*: the Taipei Department of Labor's 2021 news release
("預告≠資遣通報", example: 資遣日 110-03-19, 資遣生效日 03-20) draws the
notice day on **03-11**, one day later than the strict count above (03-10),
while its 預告 day (03-09) follows the strict count.  The module returns the
strict date as ``latest_notice`` (safe for the employer under both readings)
and the published Taipei date as ``lenient_latest_notice``; a fine for a
notification made on the lenient date would contradict the Department's own
published example.  Confirm with the Ministry before relying on the difference.

For force majeure (但書) the notice is due within 3 days *from* the
separation, a forward period: 行政程序法第48條 applies in full (start not
counted, end extended).  The module counts from the last day of the contract
(資遣日), the earlier of the two possible anchors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Final, Literal

from laborbureau.rules import working_days
from laborbureau.rules.base import LegalBasis, RuleError, Step

__all__ = [
    "DISPUTE_LAW",
    "EMPLOYMENT_SERVICE_LAW",
    "LayoffNotice",
    "MediationDeadline",
    "MediationDeadlines",
    "days_before",
    "layoff_notice",
    "mediation_deadlines",
]

DISPUTE_LAW: Final = "勞資爭議處理法"
DISPUTE_LAW_EN: Final = "Act for Settlement of Labor-Management Disputes"
EMPLOYMENT_SERVICE_LAW: Final = "就業服務法"
EMPLOYMENT_SERVICE_LAW_EN: Final = "Employment Service Act"

Method = Literal["mediator", "committee"]


@dataclass(frozen=True, slots=True)
class MediationDeadline:
    """One statutory step: ``key`` (e.g. ``appoint_mediator``), the day it runs from, its days and due date.

    ``due`` follows 行政程序法第48條 (``morning_only`` when the period ends on a
    Monday morning because its nominal end was a Saturday); ``actual`` is the
    date the step was done, if given; ``extended_due`` is the due date with a
    statutory extension (第16條第2項), else ``None``.
    """

    key: str
    label_zh: str
    label_en: str
    start: date
    days: int
    due: date
    morning_only: bool
    actual: date | None
    extended_due: date | None
    basis: LegalBasis


@dataclass(frozen=True, slots=True)
class MediationDeadlines:
    method: Method
    received: date
    items: tuple[MediationDeadline, ...]
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class LayoffNotice:
    """The layoff notice (資遣通報) date for one separation.

    ``latest_notice`` is the last day to notify (strict reading, see the
    module docstring); ``lenient_latest_notice`` the day one later drawn in the
    Taipei Department of Labor's published example (``None`` for force
    majeure); ``effective_date`` the day the layoff takes effect.
    """

    contract_end: date
    effective_date: date
    force_majeure: bool
    latest_notice: date
    lenient_latest_notice: date | None
    morning_only: bool
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


@cache
def _data() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(
        resources.files("laborbureau.rules").joinpath("data", "dispute_deadlines.json").read_text(encoding="utf-8")
    )
    return raw


def _in_force(entries: list[dict[str, Any]], on: date, field: str) -> dict[str, Any]:
    for entry in entries:
        start = date.fromisoformat(entry["effective_from"])
        end = None if entry["effective_to"] is None else date.fromisoformat(entry["effective_to"])
        if start <= on and (end is None or on <= end):
            return entry
    first = min(date.fromisoformat(e["effective_from"]) for e in entries)
    raise RuleError(
        field,
        f"{on.isoformat()} 早於本計算涵蓋之法規版本（{first.isoformat()} 起）。",
        f"{on.isoformat()} is before the version of the law covered here (from {first.isoformat()}).",
    )


def days_before(anchor: date, days: int) -> date:
    """The day ``days`` calendar days before ``anchor``, ``anchor`` itself not counted.

    The backward counterpart of 行政程序法第48條第2項 used for "N日前" duties
    (就業服務法第33條, 大量解僱勞工保護法第4條).  No weekend/holiday shift.
    """
    if days < 1:
        raise RuleError("days", "期間日數應至少為1日。", "A period must be at least one day.")
    return anchor - timedelta(days=days)


_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "mediator": ("appoint_mediator", "mediator_start", "mediator_proposal"),
    "committee": ("select_members", "convene_committee", "investigation_report", "committee_meeting"),
}


def mediation_deadlines(
    *,
    received: date,
    method: Method,
    done: dict[str, date] | None = None,
) -> MediationDeadlines:
    """Due dates of a mediation's statutory steps (勞資爭議處理法第12條、第14–16條).

    ``received`` is the day the authority received the application (for a
    committee: the day the parties received the authority's notice, which
    starts 第14條's three days; give the notice day if that is what is known);
    ``method`` is ``"mediator"`` (調解人) or ``"committee"`` (調解委員會);
    ``done`` maps step keys to the dates the steps were actually done, so the
    next step runs from the real date.  Keys: ``appoint_mediator``,
    ``mediator_start``, ``mediator_proposal`` / ``select_members``,
    ``convene_committee``, ``investigation_report`` (the day the member was
    appointed is taken as the committee meeting day), ``committee_meeting``.
    """
    if method not in _ORDER:
        raise RuleError("method", "調解方式應為 mediator（調解人）或 committee（調解委員會）。", "Unknown method.")
    done = dict(done or {})
    unknown = set(done) - set(_ORDER[method])
    if unknown:
        raise RuleError(
            "done",
            f"未知的調解步驟：{', '.join(sorted(unknown))}。",
            f"Unknown steps for this method: {', '.join(sorted(unknown))}.",
        )
    entry = _in_force(_data()["mediation"], received, "received")
    version = entry["version"]
    items: list[MediationDeadline] = []
    steps: list[Step] = [Step("收件日", "Application received", received.isoformat())]
    start = received
    for key in _ORDER[method]:
        spec = entry["steps"][key]
        basis = LegalBasis(DISPUTE_LAW, spec["article"], version, DISPUTE_LAW_EN)
        detail = working_days.deadline_detail(start, spec["days"], "calendar")
        extended = None
        if "extension_days" in spec:
            extended = working_days.deadline(start, spec["days"] + spec["extension_days"], "calendar")
        actual = done.get(key)
        if actual is not None and actual < start:
            raise RuleError(
                "done",
                f"步驟「{spec['zh']}」之日期早於其起算日 {start.isoformat()}。",
                f"Step {key!r} is dated before the day it runs from ({start.isoformat()}).",
            )
        items.append(
            MediationDeadline(
                key=key,
                label_zh=spec["zh"],
                label_en=spec["en"],
                start=start,
                days=spec["days"],
                due=detail.due,
                morning_only=detail.morning_only,
                actual=actual,
                extended_due=extended,
                basis=basis,
            )
        )
        shown = detail.due.isoformat() + ("（上午）" if detail.morning_only else "")
        steps.append(
            Step(
                spec["zh"],
                spec["en"],
                shown,
                formula=f"自{spec['from_zh']}（{start.isoformat()}）起 {spec['days']} 日",
                basis=basis,
            )
        )
        start = actual if actual is not None else detail.due
    basis = tuple(dict.fromkeys(item.basis for item in items)) + (working_days.DEADLINE_BASIS,)
    return MediationDeadlines(
        method=method,
        received=received,
        items=tuple(items),
        basis=basis,
        version=version,
        steps=tuple(steps),
    )


def layoff_notice(*, contract_end: date, force_majeure: bool = False) -> LayoffNotice:
    """Last day for the layoff notice of 就業服務法第33條第1項.

    ``contract_end`` is the last day of the contract (資遣日, 契約終止日); the
    layoff takes effect the next day.  ``force_majeure`` applies the proviso
    (天災、事變或其他不可抗力: within 3 days from the separation).
    """
    entry = _in_force(_data()["layoff_notice"], contract_end, "contract_end")
    version = entry["version"]
    effective = contract_end + timedelta(days=1)
    steps = [
        Step("資遣日（契約終止日）", "Last day of the contract", contract_end.isoformat()),
        Step("資遣生效日", "Layoff takes effect", effective.isoformat()),
    ]
    if force_majeure:
        basis = LegalBasis(EMPLOYMENT_SERVICE_LAW, "第33條第1項但書", version, EMPLOYMENT_SERVICE_LAW_EN)
        detail = working_days.deadline_detail(contract_end, entry["force_majeure_days"], "calendar")
        steps.append(
            Step(
                "資遣通報期限（不可抗力）",
                "Notice due (force majeure)",
                detail.due.isoformat() + ("（上午）" if detail.morning_only else ""),
                formula=f"自 {contract_end.isoformat()} 起 {entry['force_majeure_days']} 日（行政程序法第48條）",
                basis=basis,
            )
        )
        return LayoffNotice(
            contract_end=contract_end,
            effective_date=effective,
            force_majeure=True,
            latest_notice=detail.due,
            lenient_latest_notice=None,
            morning_only=detail.morning_only,
            basis=(basis, working_days.DEADLINE_BASIS),
            version=version,
            steps=tuple(steps),
        )
    basis = LegalBasis(EMPLOYMENT_SERVICE_LAW, "第33條第1項", version, EMPLOYMENT_SERVICE_LAW_EN)
    latest = days_before(effective, entry["days_before"])
    steps.append(
        Step(
            "資遣通報最後期限",
            "Last day to file the layoff notice",
            latest.isoformat(),
            formula=f"資遣生效日 {effective.isoformat()} 往前 {entry['days_before']} 日（當日不算入，遇假日不順延）",
            basis=basis,
        )
    )
    return LayoffNotice(
        contract_end=contract_end,
        effective_date=effective,
        force_majeure=False,
        latest_notice=latest,
        lenient_latest_notice=latest + timedelta(days=1),
        morning_only=False,
        basis=(basis,),
        version=version,
        steps=tuple(steps),
    )
