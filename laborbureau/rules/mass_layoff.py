"""Mass layoff (大量解僱) thresholds and the layoff-plan notice date.

大量解僱勞工保護法 (Act for Worker Protection of Mass Redundancy)
-----------------------------------------------------------------
* 第2條第1項: a layoff for a reason of 勞動基準法第11條 (or a merger or
  reorganisation) is a *mass layoff* when, within 60 days ("於六十日內"),

  1. a site (同一事業單位之同一廠場) employing **fewer than 30** workers lays off
     **more than 10**;
  2. a site employing **30–199** lays off more than **1/3** of its workers, or
     more than **20 in a single day**;
  3. a site employing **200–499** lays off more than **1/4**, or more than
     **50 in a single day**;
  4. a site employing **500 or more** lays off more than **1/5**, or more than
     **80 in a single day**;
  5. the enterprise (同一事業單位, all sites) lays off more than **200**, or
     more than **100 in a single day**.

  "逾" is *strictly more than*: exactly 10, exactly a third, exactly 20 in a
  day do not cross.  Clauses 4 and 5 are the text since the amendment
  promulgated 2014-06-04 (in force 2014-06-06, 中央法規標準法第13條).  From
  2008-05-25 to 2014-06-05 clause 4 read "同一事業單位僱用勞工人數在五百人以上
  者，於六十日內解僱勞工逾所僱用勞工人數五分之一" (an *enterprise*-wide ratio, no
  single-day limit) and there was no clause 5.  Both versions are data in
  ``data/mass_layoff.json``; each layoff day is judged under the version in
  force on that day.  Dates before 2008-05-25 raise.
* 第2條第2項: fixed-term contract workers (就業服務法第46條所定之定期契約勞工)
  are counted neither in the headcount nor among those laid off; callers pass
  counts without them.

Headcount (僱用勞工人數)
-----------------------
The Act does not say at which moment the headcount is taken and no Ministry
interpretation was found in the sources consulted.  This module takes the
headcount the caller gives for each site as the number employed (excluding
fixed-term workers) **before the layoffs in question began**, i.e. at the
start of the 60-day window: counting after the layoffs would shrink the
denominator with every dismissal and make the ratio clauses circular.  Give
the figure on the day before the first layoff.  *Unverified: confirm with the
Ministry's practice before relying on it in a decision.*

The 60-day window
-----------------
A window is any 60 consecutive calendar days, both ends included
(``[day - 59, day]``).  The threshold is *crossed* on the first layoff day on
which the layoffs of the window ending that day exceed a ratio/fixed limit,
or that day's own layoffs exceed the single-day limit.  Adding a layoff can
only move the crossing earlier, never undo it.

Notice (第4條)
-------------
"應於符合第二條規定情形之日起六十日前，將解僱計畫書通知主管機關及相關單位或
人員，並公告揭示。但因天災、事變或突發事件，不受六十日之限制。"  The day the
Art. 2 situation is met is the crossing day; the plan was due **60 calendar
days before it**, counted backwards without counting the crossing day itself
(the backward analogue of 行政程序法第48條第2項; a backward deadline is not
moved by weekends or holidays, since moving it later would shorten the
statutory period, so ``notice_due`` may fall on a day off).  When the
crossing is reached only by adding up layoffs already carried out
("retroactively"), ``notice_due`` lies before some of those layoffs: the
plan was due before them even though the employer may have meant each as an
ordinary dismissal, and failing it is fined under 第17條.  ``notice_due`` is
``None`` for a natural disaster, incident or sudden event (第4條第1項但書).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Final

from laborbureau.rules.base import LegalBasis, RuleError, Step

__all__ = [
    "LAW",
    "Layoff",
    "MassLayoffResult",
    "assess",
    "thresholds",
]

LAW: Final = "大量解僱勞工保護法"
LAW_EN: Final = "Act for Worker Protection of Mass Redundancy"


@dataclass(frozen=True, slots=True)
class Layoff:
    """Workers laid off on one day at one site (``count`` > 0, fixed-term workers excluded)."""

    day: date
    count: int
    site: str


@dataclass(frozen=True, slots=True)
class _Band:
    clause: str
    min: int
    max: int | None
    fixed: int | None
    ratio: int | None
    single_day: int | None


@dataclass(frozen=True, slots=True)
class _Enterprise:
    clause: str
    min_headcount: int
    ratio: int | None
    fixed: int | None
    single_day: int | None


@dataclass(frozen=True, slots=True)
class _Version:
    version: str
    effective_from: date
    effective_to: date | None
    bands: tuple[_Band, ...]
    enterprise: _Enterprise
    source: str


@dataclass(frozen=True, slots=True)
class MassLayoffResult:
    """Whether and when Art. 2 was met, by which clause, and the Art. 4 notice date.

    ``crossing_date`` is the first day on which a threshold was exceeded
    (``None`` if never); ``clause`` cites the clause (e.g. ``第2條第1項第2款``),
    ``site`` the site (``None`` for the enterprise clauses), ``limit`` the
    number that had to be exceeded, ``counted`` the number laid off that
    exceeded it, ``single_day`` whether it was the single-day limit,
    ``window_start``/``window_end`` the 60-day window, ``notice_due`` the last
    day to notify the plan (``None`` when not crossed or for a sudden event).
    """

    crossed: bool
    crossing_date: date | None
    clause: str | None
    site: str | None
    limit: int | None
    counted: int | None
    single_day: bool
    window_start: date | None
    window_end: date | None
    notice_due: date | None
    notice_retroactive: bool
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


@cache
def _data() -> tuple[int, int, tuple[_Version, ...]]:
    raw: dict[str, Any] = json.loads(
        resources.files("laborbureau.rules").joinpath("data", "mass_layoff.json").read_text(encoding="utf-8")
    )
    versions = []
    for item in raw["versions"]:
        bands = tuple(_Band(**band) for band in item["site_bands"])
        start = date.fromisoformat(item["effective_from"])
        versions.append(
            _Version(
                version=item["version"],
                effective_from=start,
                effective_to=_date(item["effective_to"]),
                bands=bands,
                enterprise=_Enterprise(**item["enterprise"]),
                source=item["source"],
            )
        )
    versions.sort(key=lambda v: v.effective_from)
    for earlier, later in zip(versions, versions[1:], strict=False):
        if earlier.effective_to is None or earlier.effective_to + timedelta(days=1) != later.effective_from:
            raise ValueError("mass_layoff.json: versions must be contiguous")
    return raw["_meta"]["window_days"], raw["_meta"]["notice_days"], tuple(versions)


def _version(day: date) -> _Version:
    versions = _data()[2]
    for version in versions:
        if version.effective_from <= day and (version.effective_to is None or day <= version.effective_to):
            return version
    raise RuleError(
        "layoffs",
        f"{day.isoformat()} 早於本計算涵蓋之大量解僱勞工保護法版本（{versions[0].effective_from.isoformat()} 起）。",
        f"{day.isoformat()} is before the versions of the Act covered here "
        f"(from {versions[0].effective_from.isoformat()}).",
    )


def _basis(version: _Version, article: str) -> LegalBasis:
    return LegalBasis(law=LAW, article=article, version=version.version, law_en=LAW_EN)


def thresholds(on: date, headcount: int) -> tuple[str, int | None, int | None]:
    """``(clause, window_limit, single_day_limit)`` for a *site* of ``headcount`` on ``on``.

    ``window_limit`` is the largest number that may be laid off in 60 days
    without crossing (the clause's "逾" figure: for a ratio, ``headcount //
    denominator``, since more than N/3 means at least ``N // 3 + 1``).  Sites
    of 500 or more before 2014-06-06 had no site clause: ``(\"\", None, None)``.
    """
    if headcount < 1:
        raise RuleError("site_headcounts", "廠場僱用勞工人數應至少為1人。", "A site's headcount must be at least 1.")
    version = _version(on)
    for band in version.bands:
        if band.min <= headcount and (band.max is None or headcount < band.max):
            limit = band.fixed if band.ratio is None else headcount // band.ratio
            return band.clause, limit, band.single_day
    return "", None, None


def _validate(layoffs: Iterable[Layoff], site_headcounts: Mapping[str, int]) -> list[Layoff]:
    items = list(layoffs)
    if not items:
        raise RuleError("layoffs", "請至少輸入一筆解僱資料。", "Enter at least one layoff.")
    for item in items:
        if not isinstance(item.count, int) or isinstance(item.count, bool) or item.count < 1:
            raise RuleError("layoffs", "每筆解僱人數應為正整數。", "Each layoff count must be a positive integer.")
        if item.site not in site_headcounts:
            raise RuleError(
                "layoffs",
                f"解僱資料之廠場「{item.site}」未提供僱用勞工人數。",
                f"No headcount was given for site {item.site!r}.",
            )
    for site, headcount in site_headcounts.items():
        if not isinstance(headcount, int) or isinstance(headcount, bool) or headcount < 1:
            raise RuleError(
                "site_headcounts",
                f"廠場「{site}」之僱用勞工人數應為正整數。",
                f"The headcount of site {site!r} must be a positive integer.",
            )
    return sorted(items, key=lambda item: item.day)


@dataclass(frozen=True, slots=True)
class _Hit:
    day: date
    clause: str
    site: str | None
    limit: int
    counted: int
    single_day: bool
    headcount: int | None
    ratio: int | None


def _window_sum(per_day: Mapping[date, int], end: date, window_days: int) -> int:
    start = end - timedelta(days=window_days - 1)
    return sum(count for day, count in per_day.items() if start <= day <= end)


def _first_hit(
    layoffs: list[Layoff], site_headcounts: Mapping[str, int], enterprise_headcount: int | None, window_days: int
) -> _Hit | None:
    by_site: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    total: dict[date, int] = defaultdict(int)
    for item in layoffs:
        by_site[item.site][item.day] += item.count
        total[item.day] += item.count
    for day in sorted(total):
        version = _version(day)
        # Site clauses, sites in a stable order so the reported site is deterministic.
        for site in sorted(by_site):
            per_day = by_site[site]
            if day not in per_day:
                continue
            headcount = site_headcounts[site]
            clause, limit, single = thresholds(day, headcount)
            if limit is None:
                continue
            ratio = next(b.ratio for b in version.bands if b.clause == clause)
            if single is not None and per_day[day] > single:
                return _Hit(day, clause, site, single, per_day[day], True, headcount, None)
            counted = _window_sum(per_day, day, window_days)
            if counted > limit:
                return _Hit(day, clause, site, limit, counted, False, headcount, ratio)
        rule = version.enterprise
        if rule.single_day is not None and total[day] > rule.single_day:
            return _Hit(day, rule.clause, None, rule.single_day, total[day], True, enterprise_headcount, None)
        counted = _window_sum(total, day, window_days)
        if rule.fixed is not None and counted > rule.fixed:
            return _Hit(day, rule.clause, None, rule.fixed, counted, False, enterprise_headcount, None)
        if rule.ratio is not None and enterprise_headcount is not None and enterprise_headcount >= rule.min_headcount:
            limit = enterprise_headcount // rule.ratio
            if counted > limit:
                return _Hit(day, rule.clause, None, limit, counted, False, enterprise_headcount, rule.ratio)
    return None


def _needs_enterprise_headcount(layoffs: list[Layoff], enterprise_headcount: int | None) -> None:
    if enterprise_headcount is not None:
        if (
            not isinstance(enterprise_headcount, int)
            or isinstance(enterprise_headcount, bool)
            or enterprise_headcount < 1
        ):
            raise RuleError(
                "enterprise_headcount",
                "事業單位僱用勞工人數應為正整數。",
                "The enterprise headcount must be a positive integer.",
            )
        return
    if any(_version(item.day).enterprise.ratio is not None for item in layoffs):
        raise RuleError(
            "enterprise_headcount",
            "2014年6月6日前之解僱，須輸入事業單位僱用勞工人數以判斷第2條第1項第4款。",
            "Layoffs before 2014-06-06 need the enterprise headcount (Art. 2(1)(4) as then in force).",
        )


def assess(
    *,
    site_headcounts: Mapping[str, int],
    layoffs: Iterable[Layoff],
    enterprise_headcount: int | None = None,
    sudden_event: bool = False,
) -> MassLayoffResult:
    """Judge dated layoffs against 大量解僱勞工保護法第2條 and compute the 第4條 notice date.

    ``site_headcounts`` maps each site (廠場) to its headcount before the
    layoffs (fixed-term workers excluded, see the module docstring);
    ``layoffs`` are the dated layoffs of the enterprise, each at one of those
    sites; ``enterprise_headcount`` is the enterprise's headcount, required
    only for layoffs before 2014-06-06 (the old clause 4 ratio);
    ``sudden_event`` applies 第4條第1項但書 (no 60-day notice period).
    Each layoff day is judged under the version of the Act in force on it.
    """
    window_days, notice_days, _ = _data()
    items = _validate(layoffs, site_headcounts)
    _needs_enterprise_headcount(items, enterprise_headcount)
    hit = _first_hit(items, site_headcounts, enterprise_headcount, window_days)
    last_version = _version(items[-1].day)
    steps: list[Step] = [
        Step(
            "解僱資料",
            "Layoffs",
            f"{sum(i.count for i in items)} 人（{items[0].day.isoformat()}–{items[-1].day.isoformat()}）",
        ),
    ]
    if hit is None:
        steps.append(
            Step(
                "結果：未達大量解僱門檻",
                "Result: no threshold crossed",
                "否 / no",
                basis=_basis(last_version, "第2條第1項"),
            )
        )
        return MassLayoffResult(
            crossed=False,
            crossing_date=None,
            clause=None,
            site=None,
            limit=None,
            counted=None,
            single_day=False,
            window_start=None,
            window_end=None,
            notice_due=None,
            notice_retroactive=False,
            basis=(_basis(last_version, "第2條"),),
            version=last_version.version,
            steps=tuple(steps),
        )
    version = _version(hit.day)
    window_start = hit.day if hit.single_day else hit.day - timedelta(days=window_days - 1)
    where = "同一事業單位" if hit.site is None else f"廠場「{hit.site}」"
    where_en = "the enterprise" if hit.site is None else f"site {hit.site!r}"
    if hit.headcount is not None:
        steps.append(Step("僱用勞工人數", "Headcount", f"{hit.headcount:,} 人（{where}）"))
    if hit.single_day:
        steps.append(
            Step(
                "單日解僱人數",
                "Laid off in a single day",
                f"{hit.counted:,} 人 > {hit.limit:,} 人",
                formula=f"{hit.day.isoformat()}",
                basis=_basis(version, hit.clause),
            )
        )
    else:
        formula = (
            f"{hit.headcount:,} ÷ {hit.ratio} = {hit.headcount / hit.ratio:.2f}（逾此數即達門檻）"
            if hit.ratio is not None and hit.headcount is not None
            else f"逾 {hit.limit:,} 人"
        )
        steps.append(
            Step(
                "六十日內解僱人數",
                "Laid off within 60 days",
                f"{hit.counted:,} 人 > {hit.limit:,} 人",
                formula=f"{window_start.isoformat()}–{hit.day.isoformat()}；{formula}",
                basis=_basis(version, hit.clause),
            )
        )
    steps.append(
        Step(
            f"符合大量解僱之日（{where}）",
            f"Day the threshold is crossed ({where_en})",
            hit.day.isoformat(),
            basis=_basis(version, hit.clause),
        )
    )
    notice_due: date | None
    if sudden_event:
        notice_due = None
        steps.append(
            Step(
                "解僱計畫書通知期限",
                "Layoff plan notice due",
                "不受六十日之限制（天災、事變或突發事件）",
                basis=_basis(version, "第4條第1項但書"),
            )
        )
    else:
        notice_due = hit.day - timedelta(days=notice_days)
        steps.append(
            Step(
                "解僱計畫書通知期限",
                "Layoff plan notice due",
                notice_due.isoformat(),
                formula=f"{hit.day.isoformat()} 往前 {notice_days} 日（當日不算入）",
                basis=_basis(version, "第4條第1項"),
            )
        )
    first_in_window = min(i.day for i in items if window_start <= i.day <= hit.day)
    retroactive = notice_due is not None and first_in_window < hit.day
    return MassLayoffResult(
        crossed=True,
        crossing_date=hit.day,
        clause=hit.clause,
        site=hit.site,
        limit=hit.limit,
        counted=hit.counted,
        single_day=hit.single_day,
        window_start=window_start,
        window_end=hit.day,
        notice_due=notice_due,
        notice_retroactive=retroactive,
        basis=(_basis(version, hit.clause), _basis(version, "第4條第1項")),
        version=version.version,
        steps=tuple(steps),
    )
