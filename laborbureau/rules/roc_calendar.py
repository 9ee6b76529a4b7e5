"""民國紀年 (Republic of China calendar) dates.

The ROC year counts from 1912 (民國元年 = AD 1912), so ``roc_year = ad_year -
1911``; months and days are Gregorian.  Government documents write dates as
``民國115年11月27日``, forms as ``115/11/27`` and systems often as the 7-digit
``1151127`` (older ones as 6 digits, ``990101``, while the ROC year was < 100).

:func:`parse_date` accepts what people and legacy systems type:

* AD: ``2026-11-27``, ``2026/11/27``, ``2026.11.27``, ``2026年11月27日``,
  ``西元2026年11月27日`` and 8-digit ``20261127``;
* ROC: ``115/11/27``, ``115/1/5``, ``115-11-27``, ``115.11.27``,
  ``115年11月27日``, ``民國115年11月27日`` (also ``中華民國…``), 7-digit
  ``1151127`` and 6-digit ``990101``;
* full-width digits and punctuation, surrounding and inner spaces.

A year of 1 to 3 digits is an ROC year; a 4-digit year is AD.  Invalid input
(e.g. 2月30日, ROC year 0, garbage) raises :class:`RuleError` with field
``date``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Final

from laborbureau.rules.base import RuleError

__all__ = [
    "ROC_EPOCH_OFFSET",
    "format_compact",
    "format_long",
    "format_short",
    "from_roc",
    "parse_date",
    "to_roc",
]

#: AD year = ROC year + 1911.
ROC_EPOCH_OFFSET: Final = 1911

_SEPARATED = re.compile(r"(?P<y>\d{1,4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})", re.ASCII)
_CHINESE = re.compile(
    r"(?P<era>中華民國|民國|西元|公元)?(?P<y>\d{1,4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日?",
    re.ASCII,
)
_COMPACT = re.compile(r"\d{6,8}", re.ASCII)


def _date_error(message_zh: str, message_en: str) -> RuleError:
    return RuleError("date", message_zh, message_en)


def to_roc(d: date) -> tuple[int, int, int]:
    """``(roc_year, month, day)`` of ``d``; dates before 1912 have no ROC year."""
    roc_year = d.year - ROC_EPOCH_OFFSET
    if roc_year <= 0:
        raise _date_error(
            f"{d.isoformat()} 早於民國元年，無法以民國紀年表示。",
            f"{d.isoformat()} is before ROC year 1 (1912) and has no ROC year.",
        )
    return roc_year, d.month, d.day


def from_roc(year: int, month: int, day: int) -> date:
    """The date for ROC ``year``/``month``/``day``; raises :class:`RuleError` if none."""
    if year <= 0:
        raise _date_error("民國年份應大於0。", "The ROC year must be greater than 0.")
    return _make_date(year + ROC_EPOCH_OFFSET, month, day, f"民國{year}年{month}月{day}日")


def format_long(d: date) -> str:
    """``民國115年11月27日`` (no zero padding), as in official documents."""
    year, month, day = to_roc(d)
    return f"民國{year}年{month}月{day}日"


def format_short(d: date) -> str:
    """``115/11/27``; month and day zero-padded to two digits (``115/01/05``)."""
    year, month, day = to_roc(d)
    return f"{year}/{month:02d}/{day:02d}"


def format_compact(d: date) -> str:
    """7-digit ``yyymmdd`` (``1151127``; ``0990101`` for 2010-01-01)."""
    year, month, day = to_roc(d)
    return f"{year:03d}{month:02d}{day:02d}"


def _make_date(ad_year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(ad_year, month, day)
    except ValueError:
        raise _date_error(f"日期不存在：{shown}。", f"No such date: {shown}.") from None


def _from_parts(year_text: str, month: int, day: int, *, era: str | None) -> date:
    year = int(year_text)
    if era in ("西元", "公元") or (era is None and len(year_text) == 4):
        if year <= 0:
            raise _date_error("西元年份應大於0。", "The year must be greater than 0.")
        return _make_date(year, month, day, f"{year}-{month}-{day}")
    if len(year_text) == 4:
        raise _date_error("民國年份應為1至3位數。", "An ROC year has 1 to 3 digits.")
    return from_roc(year, month, day)


def parse_date(text: str) -> date:
    """Parse an AD or ROC date in the formats listed in the module docstring."""
    cleaned = unicodedata.normalize("NFKC", text)
    cleaned = "".join(ch for ch in cleaned if not ch.isspace())
    if match := _SEPARATED.fullmatch(cleaned):
        return _from_parts(match["y"], int(match["m"]), int(match["d"]), era=None)
    if match := _CHINESE.fullmatch(cleaned):
        return _from_parts(match["y"], int(match["m"]), int(match["d"]), era=match["era"])
    if _COMPACT.fullmatch(cleaned):
        if len(cleaned) == 8:
            return _from_parts(cleaned[:4], int(cleaned[4:6]), int(cleaned[6:]), era="西元")
        year_digits = len(cleaned) - 4
        return from_roc(int(cleaned[:year_digits]), int(cleaned[-4:-2]), int(cleaned[-2:]))
    raise _date_error(
        f"無法辨識的日期格式：「{text.strip()}」，請輸入如 115/11/27 或 2026-11-27。",
        f"Unrecognized date {text.strip()!r}; use e.g. 115/11/27 or 2026-11-27.",
    )
