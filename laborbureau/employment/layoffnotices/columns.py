"""Checking a chunk of a layoff list a column at a time. No Django.

`rows.check_worker` checks one row at a time and words every problem it finds; it stays
the rule. In a large file nearly every row is good, though, and calling it row by row
is most of a 100,000-row upload's time (issue 6 asks for the whole import in a
twentieth of the naive one). `check_chunk` takes a chunk of rows and only decides
whether *every* row of it is good, with work done in C a column at a time: `map`,
sets of the distinct values (a list has few last days and grounds), one regular
expression over a whole text column, numpy for the ID check digits. When the answer is
not a plain yes (a bad value, anything unusual, anything it cannot tell cheaply) it
answers None and the caller checks that chunk row by row with `check_worker`, which
finds and words the problems. For a chunk it accepts, the values are exactly those
`check_worker` gives; tests/test_columns.py compares the two on generated files.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from laborbureau.employment.layoffnotices import rows
from laborbureau.rules.base import RuleError

# Any character a text value may not hold (rows._CONTROL) plus those the staged line
# would have to escape (tab, CR, backslash); newline joins the values, and is counted.
_UNUSUAL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f<>\\]")
_TEXT_LIMITS = (("name", 80), ("phone", 30), ("address", 200), ("position", 60))
_EMAIL_LIMIT = 254
_BIRTH_GAP = rows._FOURTEEN_YEARS.days
_FIRST_BIRTH_YEAR = 1900

_LETTER_PARTS = np.zeros(256, dtype=np.int64)
for _letter, _part in rows._LETTER_PARTS.items():
    _LETTER_PARTS[ord(_letter)] = _part
_ID_WEIGHTS = np.array([8, 7, 6, 5, 4, 3, 2, 1, 1], dtype=np.int64)  # characters 2 to 10
_MALE_DIGITS = (ord("1"), ord("8"))
_SEXES = np.array(["F", "M"])


@dataclass(frozen=True)
class Clean:
    """A chunk whose every row is good: per row, the values as `check_worker` makes them
    (dates and the yes/no as the staged text writes them, `isoformat` and 1/0)."""

    id_number: list[str]
    name: Sequence[str]
    sex: list[str]
    birth_date: list[str]
    phone: Sequence[str]
    email: Sequence[str]
    address: Sequence[str]
    position: Sequence[str]
    ground: list[str]
    last_day: list[date]
    needs_assistance: list[bool]


def check_chunk(chunk: list[list[str]], positions: dict[str, int], *, today: date) -> Clean | None:
    """The chunk's values if every row is good, else None (check it row by row). The
    cells are as read (not yet stripped); a row shorter than the header, or blank,
    sends the chunk to the row-by-row check."""
    count = len(chunk)
    needed = max(positions.values()) + 1
    if not count or min(map(len, chunk)) < needed or not all(map(any, chunk)):
        return None
    # The columns, by position, every cell stripped (in C: zip and map, no Python frame).
    by_position = list(zip(*chunk, strict=False))

    def column(key: str) -> list[str] | None:
        index = positions.get(key)
        return None if index is None else list(map(str.strip, by_position[index]))

    ids = column("id_number")
    names, phones, addresses, positions_held = (column(key) for key in ("name", "phone", "address", "position"))
    if ids is None or names is None or phones is None or addresses is None or positions_held is None:
        return None
    emails = column("email") or [""] * count
    texts = {"name": names, "phone": phones, "address": addresses, "position": positions_held}
    for key, limit in _TEXT_LIMITS:
        values = texts[key]
        if not all(values) or max(map(len, values)) > limit:
            return None
    if max(map(len, emails)) > _EMAIL_LIMIT:
        return None
    joined = "\n".join((*names, *addresses, *positions_held, *emails))
    if joined.count("\n") != 4 * count - 1 or _UNUSUAL.search(joined):
        return None
    if not all(map(rows._PHONE.match, phones)):
        return None
    given_emails = [email for email in set(emails) if email]
    if not all(map(rows._EMAIL.match, given_emails)):
        return None

    checked_ids = _ids(ids)
    if checked_ids is None:
        return None
    id_numbers, id_sexes = checked_ids

    sexes = _sexes(column("sex"), id_sexes)
    if sexes is None:
        return None

    earliest, latest = rows._bounds(today)
    last_texts = column("last_day")
    last_of: dict[str, date] = {}
    for text in set(last_texts or ("",)):
        day = rows.parse_date(text) if text else None
        if day is None or day < earliest or day > latest or day < rows._COVERAGE_START:
            return None
        last_of[text] = day
    birth_texts = column("birth_date")
    birth_of: dict[str, int] = {}
    for text in set(birth_texts or ("",)):
        born = rows.parse_date(text) if text else None
        if born is None or born.year < _FIRST_BIRTH_YEAR:
            return None
        birth_of[text] = born.toordinal()
    last_ordinal = {text: day.toordinal() for text, day in last_of.items()}
    # Every worker 14 or older at the last day: the largest birth-minus-last-day gap.
    if max(map(operator.sub, map(birth_of.__getitem__, birth_texts),
               map(last_ordinal.__getitem__, last_texts))) > -_BIRTH_GAP:
        return None
    birth_iso = {text: date.fromordinal(ordinal).isoformat() for text, ordinal in birth_of.items()}

    ground_texts = column("ground")
    ground_of = {}
    for text in set(ground_texts or ("",)):
        ground = rows.parse_ground(text) if text else None
        if ground is None:
            return None
        ground_of[text] = ground

    assistance = _assistance(column("needs_assistance"), count)
    if assistance is None:
        return None
    return Clean(
        id_number=id_numbers, name=names, sex=sexes, birth_date=list(map(birth_iso.__getitem__, birth_texts)),
        phone=phones, email=emails, address=addresses, position=positions_held,
        ground=list(map(ground_of.__getitem__, ground_texts)), last_day=list(map(last_of.__getitem__, last_texts)),
        needs_assistance=assistance,
    )


def _ids(ids: list[str]) -> tuple[list[str], list[str]] | None:
    """(the normalised IDs, the sex each gives) or None if one is wrong. The usual file,
    national IDs and new-format UI numbers only, is checked in numpy with the weights
    of rules.identifiers; any other list one by one with rows.person_id."""
    if all(map(rows._PLAIN_ID.fullmatch, ids)):
        codes = np.frombuffer("".join(ids).encode("ascii"), dtype=np.uint8).reshape(len(ids), 10)
        totals = _LETTER_PARTS[codes[:, 0]] + (codes[:, 1:].astype(np.int64) - ord("0")) @ _ID_WEIGHTS
        if np.any(totals % 10):
            return None
        male = (codes[:, 1] == _MALE_DIGITS[0]) | (codes[:, 1] == _MALE_DIGITS[1])
        return ids, _SEXES[male.astype(np.intp)].tolist()
    numbers, sexes = [], []
    for text in ids:
        if not text:
            return None
        try:
            number, sex = rows.person_id(text)
        except RuleError:
            return None
        numbers.append(number)
        sexes.append(sex)
    return numbers, sexes


def _sexes(texts: list[str] | None, from_ids: list[str]) -> list[str] | None:
    """The sex column as check_worker reads it: 男/女/M/F..., or the ID's when blank."""
    if texts is None:
        return from_ids
    given = {}
    for text in set(texts):
        key = text.lower()
        if key and key not in rows._SEX:
            return None
        given[text] = rows._SEX.get(key, "")
    if "" not in given.values():
        return list(map(given.__getitem__, texts))
    return [given[text] or from_id for text, from_id in zip(texts, from_ids, strict=True)]


def _assistance(texts: list[str] | None, count: int) -> list[bool] | None:
    """需否就業輔導: blank means yes (check_worker's default)."""
    if texts is None:
        return [True] * count
    answer = {}
    for text in set(texts):
        key = text.lower()
        if not key or key in rows._YES:
            answer[text] = True
        elif key in rows._NO:
            answer[text] = False
        else:
            return None
    return list(map(answer.__getitem__, texts))
