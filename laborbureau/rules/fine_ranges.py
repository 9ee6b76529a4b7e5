"""Statutory fine ranges (罰鍰額度) by law, article and date.

The ranges are data (``data/fine_ranges.json``): one entry per law, article
(條/項) and period in force, with its minimum and maximum in NTD, the version
note, a zh-Hant summary, the source it was checked against and how far it was
verified.  Coverage starts on 2013-01-01; dates before that raise.

Law codes: ``LSA`` 勞動基準法, ``OSHA`` 職業安全衛生法, ``GEEA`` 性別平等工作法
(named 性別工作平等法 until 2023-08-17), ``ESA`` 就業服務法, ``PDRPA`` 身心障礙者
權益保障法, ``AWPMR`` 大量解僱勞工保護法, ``LDSA`` 勞資爭議處理法.

Amendments modelled (effective dates follow 中央法規標準法第13條: a law "in
force from promulgation" takes effect on the third day counting the day of
promulgation):

* 勞動基準法: 第78條 became an administrative fine with the amendment
  promulgated 2015-02-04 (effective 2015-02-06; before that 第78條 was a
  criminal penalty, so there is no 罰鍰 range); 第79條第1項 rose from NT$20,000–
  300,000 to NT$20,000–1,000,000 with the amendment promulgated 2016-12-21
  (effective 2016-12-23), which also split off 第3項 (NT$20,000–300,000) and
  added 第4項: the authority may raise the fine up to half of the statutory
  maximum according to the size of the business, the number of workers
  affected or the circumstances.  第4項 is modelled explicitly as
  ``aggravated_max`` (1,500,000 / 675,000 / 450,000) and only applies when
  :func:`check_fine_amount` is called with ``aggravated=True``.
  第79條之1 has no range of its own (it applies the penalties chapter to the
  provisions it references); asking for it raises.
* 性別平等工作法: 第38條 NT$10,000–100,000 and 第38條之1 NT$100,000–500,000
  until the amendment promulgated 2014-06-18 (effective 2014-06-20): 第38條
  NT$20,000–300,000, 第38條之1第1項 NT$300,000–1,500,000, 第2項 NT$100,000–500,000.
  The amendment promulgated 2023-08-16 renamed the act (from 2023-08-18) and,
  from 2024-03-08, rewrote 第38條之1第2項 (NT$20,000–1,000,000) and added 第3–5
  項 and 第38條之2.
* 職業安全衛生法 (in force under this name since 2014-07-03): 第43條
  NT$30,000–300,000, 第45條 NT$30,000–150,000.  An amendment promulgated
  2025-12-19 (第43至46條 among others; 第43條 becomes NT$50,000–3,000,000 with a
  half-maximum aggravation) takes effect on a date the Executive Yuan sets by
  order.  No such order was found in the sources (searched 2026; see the JSON's
  ``source``), so it is recorded without ``effective_from``.

Amendments whose effective date is left to the Executive Yuan (施行日期由行政院
定之): under 中央法規標準法第14條 a law whose effective date is set by order takes
effect from the date the order sets, so until the data records that order the
amendment is not in force and the previous version applies.  The range returned
for a date after such an amendment's promulgation is the previous one, with a
bilingual ``caution_zh``/``caution_en`` telling the officer that the amendment
was promulgated and its effective date is not recorded, to be confirmed before
a decision.  Record the order's date as the pending entry's ``effective_from``
(and, for tidiness, the previous entry's ``effective_to``, the day before): the
new range applies from that date; a later version supersedes an open-ended
earlier one even if the earlier one's end was not recorded.
* 身心障礙者權益保障法第96條 (NT$20,000–100,000): private schools, bodies and
  businesses that without good reason fail the employment quota of 第38條第2項;
  "without good reason" per 勞動部 order of 2023-02-09, effective 2023-05-01.
  The shortfall fee (差額補助費, 第43條) is not a fine.

* 勞資爭議處理法 (the 2009-07-01 full revision, in force from 2011-05-01 by
  行政院 order 院臺勞字第1000019757號; later amendments of 2015, 2017 and 2021
  did not touch the penalties chapter): 第62條 fines a breach of 第8條 (no
  dismissal, closure or other detriment to workers — nor a strike — because of
  the dispute while it is in mediation, arbitration or adjudication): 第1項
  employers NT$200,000–600,000, 第2項 unions NT$100,000–300,000, 第3項 workers
  NT$10,000–30,000.  第63條: 第1項 false statements or documents to a mediator
  or arbitrator NT$30,000–150,000; 第2項 refusing without good reason to
  explain or to let them enter NT$10,000–50,000; 第3項 a party that without good
  reason does not attend a mediation meeting it was summoned to NT$2,000–10,000
  (verified against a 2016 city press release quoting it and a 2024 judgment).

Entries whose ``verified`` note says "recalled" (勞動基準法第80條, 就業服務法第65
條, 大量解僱勞工保護法第17條) could not be re-checked against a stored copy of the
statute during implementation; confirm against 全國法規資料庫 before relying on
them in a decision.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Final

from laborbureau.rules.base import LegalBasis, RuleError

__all__ = [
    "COVERAGE_START",
    "FineRange",
    "check_fine_amount",
    "fine_range",
    "law_codes",
    "law_name",
    "law_name_en",
    "list_articles",
    "normalize_article",
]

COVERAGE_START: Final = date(2013, 1, 1)

_ARTICLE = re.compile(
    r"第?(?P<art>\d+)(?:(?:條之|-)(?P<sub>\d+))?條?(?:第?(?P<para>\d+)項)?(?:第?(?P<item>\d+)款)?",
    re.ASCII,
)


@dataclass(frozen=True, slots=True)
class FineRange:
    """The fine range of one provision on one date.

    ``min``/``max`` are the statutory range in NTD.  ``aggravated_max`` is the
    ceiling when an explicit aggravation clause applies (勞動基準法第79條第4項),
    else ``None``.
    """

    law_code: str
    article: str
    min: int
    max: int
    basis: LegalBasis
    summary_zh: str
    effective_from: date
    effective_to: date | None
    aggravated_max: int | None = None
    aggravation_basis: LegalBasis | None = None
    note_zh: str = ""
    # An amendment of this article promulgated on or before the date, whose effective
    # date (set by the Executive Yuan) is not recorded: the range above is the
    # previous version's, and the officer should confirm (see the module docstring).
    amendment_promulgated: date | None = None
    caution_zh: str = ""
    caution_en: str = ""


@dataclass(frozen=True, slots=True)
class _Entry:
    law_code: str
    article: str
    min: int | None
    max: int | None
    effective_from: date | None
    effective_to: date | None
    version: str
    summary_zh: str
    source: str
    aggravated_max: int | None
    aggravated_article: str | None
    note_zh: str
    promulgated: date | None


@dataclass(frozen=True, slots=True)
class _Law:
    names: tuple[tuple[date, str], ...]
    en: str


def _parse_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


@cache
def _data() -> tuple[dict[str, _Law], tuple[_Entry, ...]]:
    return _parse(
        json.loads(resources.files("laborbureau.rules").joinpath("data", "fine_ranges.json").read_text(encoding="utf-8"))
    )


def _parse(raw: dict[str, Any]) -> tuple[dict[str, _Law], tuple[_Entry, ...]]:
    """The laws and entries of a ``fine_ranges.json`` document (tests feed variants)."""
    laws = {
        code: _Law(tuple((date.fromisoformat(start), name) for start, name in spec["names"]), spec["en"])
        for code, spec in raw["laws"].items()
    }
    entries = []
    for item in raw["entries"]:
        entry = _Entry(
            law_code=item["law_code"],
            article=item["article"],
            min=item["min"],
            max=item["max"],
            effective_from=_parse_date(item["effective_from"]),
            effective_to=_parse_date(item["effective_to"]),
            version=item["version"],
            summary_zh=item["summary_zh"],
            source=item["source"],
            aggravated_max=item.get("aggravated_max"),
            aggravated_article=item.get("aggravated_article"),
            note_zh=item.get("note_zh", ""),
            promulgated=_parse_date(item.get("promulgated")),
        )
        if entry.law_code not in laws or normalize_article(entry.article) != entry.article:
            raise ValueError(f"fine_ranges.json: bad entry {item!r}")
        if entry.min is not None and (entry.max is None or not 0 < entry.min <= entry.max):
            raise ValueError(f"fine_ranges.json: bad range {item!r}")
        if entry.effective_from is None and entry.promulgated is None:
            raise ValueError(f"fine_ranges.json: an entry needs effective_from or promulgated {item!r}")
        if entry.promulgated and entry.effective_from and entry.effective_from < entry.promulgated:
            raise ValueError(f"fine_ranges.json: in force before its promulgation {item!r}")
        entries.append(entry)
    return laws, tuple(entries)


def law_codes() -> list[str]:
    """The law codes known to this module."""
    return list(_data()[0])


def _law(law_code: str) -> _Law:
    laws = _data()[0]
    if law_code not in laws:
        raise RuleError(
            "law_code",
            f"未知的法律代碼「{law_code}」。",
            f"Unknown law code {law_code!r}; known: {', '.join(laws)}.",
        )
    return laws[law_code]


def law_name(law_code: str, on: date) -> str:
    """zh-Hant name of the law as in force on ``on`` (e.g. 性別工作平等法 before 2023-08-18)."""
    names = _law(law_code).names
    current = names[0][1]
    for start, name in names:
        if start <= on:
            current = name
    return current


def law_name_en(law_code: str) -> str:
    """English name of the law (e.g. ``Labor Standards Act``)."""
    return _law(law_code).en


def normalize_article(text: str) -> str:
    """Canonical article reference: ``第79條第1項``, ``第38-1條第2項``.

    Accepts ``79``, ``第79條``, ``第79條之1``, ``79-1``, ``第79條第1項第1款``,
    full-width digits and spaces.
    """
    cleaned = "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())
    match = _ARTICLE.fullmatch(cleaned)
    if not match:
        raise RuleError("article", f"無法辨識的條號「{text}」。", f"Unrecognized article reference {text!r}.")
    article = f"第{int(match['art'])}"
    if match["sub"]:
        article += f"-{int(match['sub'])}"
    article += "條"
    if match["para"]:
        article += f"第{int(match['para'])}項"
    if match["item"]:
        article += f"第{int(match['item'])}款"
    return article


def _in_force(entry: _Entry, on: date) -> bool:
    if entry.effective_from is None:
        return False
    return entry.effective_from <= on and (entry.effective_to is None or on <= entry.effective_to)


def _base_article(article: str) -> str:
    """``第43條第2款`` → ``第43條``; ``第38-1條第2項`` → ``第38-1條``."""
    return article[: article.index("條") + 1]


def _pending(entries: list[_Entry], on: date) -> _Entry | None:
    """An amendment promulgated before ``on`` whose effective date (left to the
    Executive Yuan) is not recorded.  It is not in force (中央法規標準法第14條), but
    the version that applies may change once the order is known: a caution."""
    for entry in entries:
        if entry.effective_from is None and entry.promulgated is not None and on > entry.promulgated:
            return entry
    return None


def _caution(pending: _Entry, current: _Entry, on: date) -> tuple[str, str]:
    law = law_name(pending.law_code, on)
    law_en = law_name_en(pending.law_code)
    article = _base_article(pending.article)
    promulgated = pending.promulgated.isoformat() if pending.promulgated else ""
    zh = (
        f"{law}{article}已於{promulgated}修正公布，施行日期由行政院定之；本系統未登錄行政院令定之施行日期，"
        f"修正條文自行政院令定之施行日起始生效力（中央法規標準法第14條），故依修正前規定（{current.version}）之額度。"
        f"裁處前請確認行政院是否已令定施行日期；如已施行，依行政罰法第5條適用最有利於受處罰者之規定。"
    )
    en = (
        f"{law_en} {article} was amended on {promulgated}, with its effective date to be set by the Executive Yuan. "
        f"No such order is recorded, so the amendment is not in force (Standard Act for Laws and Regulations, "
        f"art. 14) and the previous range ({current.version}) applies. Confirm whether the Executive Yuan has set "
        f"the date before deciding; if it is in force, the Administrative Penalty Act art. 5 applies the version "
        f"most favourable to the party."
    )
    return zh, en


def _shown(amount: int) -> str:
    return f"新臺幣{amount:,}元"


def _to_range(entry: _Entry, on: date, *, effective_to: date | None, pending: _Entry | None) -> FineRange:
    law = law_name(entry.law_code, on)
    law_en = law_name_en(entry.law_code)
    if entry.min is None or entry.max is None:
        if entry.promulgated is not None:
            raise RuleError(
                "article",
                f"{law}{entry.article}於{on.isoformat()}適用{entry.version}之條文，其罰鍰額度尚未收錄，請依修正條文確認。",
                f"{law_en} {entry.article} as amended ({entry.version}) applies on {on.isoformat()}; its range is "
                f"not recorded yet.",
            )
        raise RuleError(
            "article",
            f"{law}{entry.article}無獨立之罰鍰額度：{entry.summary_zh}。{entry.note_zh}",
            f"{law_en} {entry.article} has no fine range of its own.",
        )
    basis = LegalBasis(law=law, article=entry.article, version=entry.version, law_en=law_en)
    aggravation = None
    if entry.aggravated_article:
        aggravation = LegalBasis(law=law, article=entry.aggravated_article, version=entry.version, law_en=law_en)
    assert entry.effective_from is not None  # _in_force guarantees it
    caution_zh, caution_en = _caution(pending, entry, on) if pending is not None else ("", "")
    return FineRange(
        law_code=entry.law_code,
        article=entry.article,
        min=entry.min,
        max=entry.max,
        basis=basis,
        summary_zh=entry.summary_zh,
        effective_from=entry.effective_from,
        effective_to=effective_to,
        aggravated_max=entry.aggravated_max,
        aggravation_basis=aggravation,
        note_zh=entry.note_zh,
        amendment_promulgated=pending.promulgated if pending is not None else None,
        caution_zh=caution_zh,
        caution_en=caution_en,
    )


def fine_range(law_code: str, article: str, on: date) -> FineRange:
    """The fine range of ``law_code`` / ``article`` in force on ``on``.

    ``article`` may name a 款 or 項 below the level the range is set at (e.g.
    ``第79條第1項第1款`` resolves to ``第79條第1項``).  Raises
    :class:`RuleError` (field ``article``) when the provision had no fine range
    on that date, or has none of its own.  A promulgated amendment whose
    effective date is not recorded does not block: the previous range is
    returned with a caution (``caution_zh``/``caution_en``).
    """
    law = _law(law_code)
    canonical = normalize_article(article)
    if on < COVERAGE_START:
        raise RuleError(
            "date",
            f"罰鍰額度資料自{COVERAGE_START.isoformat()}起收錄，無法提供{on.isoformat()}之額度。",
            f"Fine ranges are recorded from {COVERAGE_START.isoformat()} only.",
        )
    entries = [e for e in _data()[1] if e.law_code == law_code]
    for key in _ancestors(canonical):
        matching = [e for e in entries if e.article == key]
        if not matching:
            continue
        in_force = [e for e in matching if _in_force(e, on)]
        if in_force:
            # A later version supersedes an open-ended earlier one (the data may record
            # only the new version's effective_from).
            entry = max(in_force, key=lambda e: e.effective_from or date.min)
            ends = [e.effective_from - timedelta(days=1) for e in matching if e.effective_from and e.effective_from > on]
            if entry.effective_to is not None:
                ends.append(entry.effective_to)
            end = min(ends, default=None)
            same_article = [e for e in entries if _base_article(e.article) == _base_article(key)]
            return _to_range(entry, on, effective_to=end, pending=_pending(same_article, on))
    sub_provisions = sorted(
        {e.article for e in entries if e.article.startswith(canonical) and e.article != canonical and _in_force(e, on)},
        key=_sort_key,
    )
    hint_zh = f"請指定項次：{'、'.join(sub_provisions)}。" if sub_provisions else ""
    raise RuleError(
        "article",
        f"{law_name(law_code, on)}{canonical}於{on.isoformat()}無罰鍰額度資料。{hint_zh}",
        f"No fine range recorded for {law.en} {canonical} on {on.isoformat()}.",
    )


def _ancestors(canonical: str) -> list[str]:
    """``第79條第1項第1款`` → [itself, ``第79條第1項``, ``第79條``]."""
    keys = [canonical]
    if "款" in canonical:
        keys.append(canonical[: canonical.rindex("第")])
    if "項" in keys[-1]:
        keys.append(keys[-1][: keys[-1].rindex("第")])
    return keys


def check_fine_amount(
    law_code: str,
    article: str,
    on: date,
    amount: int,
    *,
    aggravated: bool = False,
) -> FineRange:
    """Check that ``amount`` (int NTD) lies in the range in force on ``on``.

    With ``aggravated=True`` the ceiling is the explicit aggravation maximum
    (勞動基準法第79條第4項); asking for it where no such clause applies raises.
    Raises :class:`RuleError` (field ``amount``) when out of range.
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise RuleError("amount", "罰鍰金額應為新臺幣整數元。", "The fine amount must be an integer number of NTD.")
    found = fine_range(law_code, article, on)
    ceiling = found.max
    if aggravated:
        if found.aggravated_max is None:
            raise RuleError(
                "amount",
                f"{found.basis.cite()}無加重罰鍰之規定。",
                f"{found.basis.law_en} {found.article} has no aggravation clause.",
            )
        ceiling = found.aggravated_max
    if not found.min <= amount <= ceiling:
        clause = f"（依{found.aggravation_basis.cite()}加重）" if aggravated and found.aggravation_basis else ""
        raise RuleError(
            "amount",
            f"罰鍰金額{_shown(amount)}不在{found.basis.cite()}所定{_shown(found.min)}以上"
            f"{_shown(ceiling)}以下之範圍{clause}。",
            f"NT${amount:,} is outside the range NT${found.min:,}-{ceiling:,} of {found.basis.law_en} {found.article}.",
        )
    return found


def list_articles(on: date) -> list[FineRange]:
    """Every provision with a fine range in force on ``on`` (for dropdowns).

    Provisions without a range of their own are left out; one with a pending
    amendment (effective date not recorded) is listed with its caution.
    """
    order = {code: index for index, code in enumerate(law_codes())}
    result = []
    for key in sorted({(e.law_code, e.article) for e in _data()[1]}, key=lambda k: (order[k[0]], _sort_key(k[1]))):
        try:
            result.append(fine_range(key[0], key[1], on))
        except RuleError:
            continue
    # A parent key (e.g. 第38-1條 in 2013) may resolve for a child key too; keep one each.
    unique: dict[tuple[str, str, date], FineRange] = {}
    for item in result:
        unique.setdefault((item.law_code, item.article, item.effective_from), item)
    return list(unique.values())


def _sort_key(article: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", article))
