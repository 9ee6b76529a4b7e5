"""Identifiers: national ID, resident certificate (UI) numbers and 統一編號.

Sources (verified 2026-11):

* 國民身分證統一編號 (national ID): one letter for the issuing area, a sex digit
  (1 male, 2 female), seven serial digits and a check digit.  The letter maps to
  a two-digit code (A=10 … H=17, I=34, J=18 … N=22, O=35, P=23 … V=29, W=32,
  X=30, Y=31, Z=33); tens*1 + units*9 + d2*8 + d3*7 + … + d9*1 + d10*1 must be a
  multiple of 10.  內政部 編碼原則; letter table as published with it.
* 外來人口統一證號 (UI number on the Alien/Resident Certificate):
  - new format since 2021-01-02 (內政部移民署; announced 2020-12-16, CNA
    「新式外來人口統一證號 比照身分證字號編碼」): area letter + 8 (male) or
    9 (female) + 8 digits, same check as the national ID;
  - old format (issued until 2021-01-01, to be invalidated from 2031-01-01):
    two letters + 8 digits; the second letter is A or C for males, B or D for
    females and counts with the units digit of its code (A→0, B→1, C→2, D→3)
    in the sex position.  Old numbers stay valid during the transition, so this
    module accepts both (no date parameter: it validates the number's form).
* 營利事業統一編號 (unified business number): 8 digits, weights 1,2,1,2,1,2,4,1,
  the digits of each product summed.  Old rule: the total is a multiple of 10;
  when the 7th digit is 7 (product 28 → 10, read as 1 or 0) the total or the
  total + 1 may be a multiple of 10.  財政部財政資訊中心「營利事業統一編號檢查碼
  邏輯修正說明」: to extend the number space the check becomes "divisible by 5"
  (same special case); 財政部 started using the new logic on 2023-04-01
  (民國112年4月1日; 北區國稅局 press release 2024-03-16: 「財政部已於112年4月1日
  修正啟用統一編號之檢查邏輯」).  A number is therefore accepted under the
  mod-10 rule on any date and under the mod-5 rule only on/after 2023-04-01.

Single-substitution detection (used by the property tests): the national-ID
check detects a changed digit at weight ``w`` by ``delta`` exactly when
``w * delta`` is not a multiple of 10, so e.g. a change by 5 at an even weight
goes undetected (A123456789 and A128456789 are both valid).  The check digit
and the positions weighted 7, 3 and 1 always detect a change.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from laborbureau.rules.base import LegalBasis, RuleError

__all__ = [
    "BUSINESS_ID_MOD5_EFFECTIVE",
    "BusinessIdResult",
    "PersonIdResult",
    "check_business_id",
    "check_person_id",
    "is_valid_business_id",
    "is_valid_person_id",
    "make_arc_new",
    "make_arc_old",
    "make_business_id",
    "make_national_id",
    "normalize",
]

PersonIdKind = Literal["national_id", "arc_old", "arc_new"]
Sex = Literal["M", "F"]
BusinessIdRule = Literal["mod10", "mod5"]

# Letter codes for the first letter (and, units digit only, the old second letter).
LETTER_CODES: Final[dict[str, int]] = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17,
    "I": 34, "J": 18, "K": 19, "L": 20, "M": 21, "N": 22, "O": 35, "P": 23,
    "Q": 24, "R": 25, "S": 26, "T": 27, "U": 28, "V": 29, "W": 32, "X": 30,
    "Y": 31, "Z": 33,
}  # fmt: skip

# Weights of characters 2..10 (the letter itself counts tens*1 + units*9).
PERSON_ID_WEIGHTS: Final[tuple[int, ...]] = (8, 7, 6, 5, 4, 3, 2, 1, 1)
BUSINESS_ID_WEIGHTS: Final[tuple[int, ...]] = (1, 2, 1, 2, 1, 2, 4, 1)

NATIONAL_SEX_DIGITS: Final[dict[str, Sex]] = {"1": "M", "2": "F"}
ARC_NEW_SEX_DIGITS: Final[dict[str, Sex]] = {"8": "M", "9": "F"}
ARC_OLD_SEX_LETTERS: Final[dict[str, Sex]] = {"A": "M", "B": "F", "C": "M", "D": "F"}

#: 財政部: new "divisible by 5" check logic in use from 民國112年4月1日.
BUSINESS_ID_MOD5_EFFECTIVE: Final[date] = date(2023, 4, 1)

NATIONAL_ID_BASIS: Final = LegalBasis(
    law="國民身分證統一編號編碼原則（內政部）",
    article="檢查碼",
    version="現行",
    law_en="National ID number coding rules (Ministry of the Interior)",
)
ARC_NEW_BASIS: Final = LegalBasis(
    law="外來人口統一證號編碼原則（內政部移民署）",
    article="新式統一證號（第2碼8或9）",
    version="2021-01-02 起實施",
    law_en="UI number coding rules (National Immigration Agency), new format",
)
ARC_OLD_BASIS: Final = LegalBasis(
    law="外來人口統一證號編碼原則（內政部移民署）",
    article="舊式統一證號（第2碼A至D）",
    version="2021-01-01 前核發；過渡期至2030-12-31",
    law_en="UI number coding rules (National Immigration Agency), old format",
)
BUSINESS_ID_MOD10_BASIS: Final = LegalBasis(
    law="營利事業統一編號檢查碼邏輯（財政部財政資訊中心）",
    article="加權和可被10整除",
    version="原檢查邏輯（各日期均適用）",
    law_en="Unified Business Number check logic (Ministry of Finance)",
)
BUSINESS_ID_MOD5_BASIS: Final = LegalBasis(
    law="營利事業統一編號檢查碼邏輯修正說明（財政部財政資訊中心）",
    article="加權和可被5整除",
    version="2023-04-01 起適用",
    law_en="Unified Business Number check logic revision (Ministry of Finance)",
)

_ZERO_WIDTH: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_ASCII_UPPER: Final = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def normalize(text: str) -> str:
    """Normalize an identifier as typed by a person.

    Full-width letters and digits become ASCII (NFKC), every space (including
    the ideographic space U+3000 and zero-width characters) is removed and ASCII
    letters are upper-cased.  Idempotent: ``normalize(normalize(x)) ==
    normalize(x)``.
    """
    current = text
    # NFKC then removing spaces can expose a new composable pair, so repeat
    # until stable; two rounds suffice in practice, the bound is a safety net.
    for _ in range(8):
        step = unicodedata.normalize("NFKC", current).translate(_ZERO_WIDTH)
        step = "".join(ch for ch in step if not ch.isspace()).translate(_ASCII_UPPER)
        if step == current:
            break
        current = step
    return current


# --------------------------------------------------------------------------- persons


@dataclass(frozen=True, slots=True)
class PersonIdResult:
    """A valid national ID or UI (resident certificate) number."""

    value: str
    kind: PersonIdKind
    sex: Sex | None
    basis: LegalBasis


def _person_error(message_zh: str, message_en: str) -> RuleError:
    return RuleError("id_number", message_zh, message_en)


def _person_checksum(letter: str, second_value: int, rest: str) -> int:
    """Weighted sum; ``rest`` holds characters 3..10 (8 digits)."""
    code = LETTER_CODES[letter]
    total = (code // 10) * 1 + (code % 10) * 9 + second_value * PERSON_ID_WEIGHTS[0]
    for digit, weight in zip(rest, PERSON_ID_WEIGHTS[1:], strict=True):
        total += int(digit) * weight
    return total


def check_person_id(text: str) -> PersonIdResult:
    """Validate a national ID or a (new or old format) UI number.

    Raises :class:`RuleError` (field ``id_number``) naming the specific fault:
    wrong length, bad first letter, bad sex digit/letter, non-digits, or a
    wrong check digit.
    """
    value = normalize(text)
    if len(value) != 10:
        raise _person_error(
            f"身分證字號或統一證號應為10碼，輸入為{len(value)}碼。",
            f"An ID or UI number has 10 characters; got {len(value)}.",
        )
    letter, second, rest = value[0], value[1], value[2:]
    if letter not in LETTER_CODES:
        raise _person_error(
            "第1碼應為英文字母A至Z。",
            "The first character must be a letter A-Z.",
        )
    if not (rest.isascii() and rest.isdigit()):
        raise _person_error(
            "第3碼至第10碼應為數字。",
            "Characters 3 to 10 must be digits.",
        )
    kind: PersonIdKind
    sex: Sex
    if second in NATIONAL_SEX_DIGITS:
        kind, sex, second_value, basis = "national_id", NATIONAL_SEX_DIGITS[second], int(second), NATIONAL_ID_BASIS
    elif second in ARC_NEW_SEX_DIGITS:
        kind, sex, second_value, basis = "arc_new", ARC_NEW_SEX_DIGITS[second], int(second), ARC_NEW_BASIS
    elif second in ARC_OLD_SEX_LETTERS:
        kind, sex, basis = "arc_old", ARC_OLD_SEX_LETTERS[second], ARC_OLD_BASIS
        second_value = LETTER_CODES[second] % 10
    elif second.isascii() and second.isdigit():
        raise _person_error(
            "第2碼（性別碼）應為1或2（身分證）、8或9（新式統一證號）。",
            "The second character (sex digit) must be 1 or 2 (national ID) or 8 or 9 (new UI number).",
        )
    else:
        raise _person_error(
            "舊式統一證號第2碼應為A、B、C或D。",
            "The second letter of an old-format UI number must be A, B, C or D.",
        )
    if _person_checksum(letter, second_value, rest) % 10 != 0:
        raise _person_error(
            "檢查碼不正確，請確認號碼是否輸入錯誤。",
            "The check digit is wrong; please check the number.",
        )
    return PersonIdResult(value=value, kind=kind, sex=sex, basis=basis)


def is_valid_person_id(text: str) -> bool:
    """True if :func:`check_person_id` accepts ``text``."""
    try:
        check_person_id(text)
    except RuleError:
        return False
    return True


def _make_person_id(letter: str, second: str, second_value: int, serial7: int) -> str:
    letter = normalize(letter)
    if letter not in LETTER_CODES:
        raise _person_error("第1碼應為英文字母A至Z。", "The first character must be a letter A-Z.")
    if not 0 <= serial7 <= 9_999_999:
        raise _person_error("流水號應為0至9999999。", "serial7 must be between 0 and 9,999,999.")
    serial = f"{serial7:07d}"
    partial = _person_checksum(letter, second_value, serial + "0")
    check = (-partial) % 10
    return f"{letter}{second}{serial}{check}"


def make_national_id(letter: str, sex_digit: int, serial7: int) -> str:
    """Build a valid national ID (``sex_digit`` 1 or 2) with the right check digit."""
    if sex_digit not in (1, 2):
        raise _person_error("性別碼應為1或2。", "sex_digit must be 1 or 2.")
    return _make_person_id(letter, str(sex_digit), sex_digit, serial7)


def make_arc_new(letter: str, sex_digit: int, serial7: int) -> str:
    """Build a valid new-format UI number (``sex_digit`` 8 or 9)."""
    if sex_digit not in (8, 9):
        raise _person_error("新式統一證號性別碼應為8或9。", "sex_digit must be 8 or 9.")
    return _make_person_id(letter, str(sex_digit), sex_digit, serial7)


def make_arc_old(letter: str, second_letter: str, serial7: int) -> str:
    """Build a valid old-format UI number (``second_letter`` A, B, C or D)."""
    second_letter = normalize(second_letter)
    if second_letter not in ARC_OLD_SEX_LETTERS:
        raise _person_error("舊式統一證號第2碼應為A、B、C或D。", "second_letter must be A, B, C or D.")
    return _make_person_id(letter, second_letter, LETTER_CODES[second_letter] % 10, serial7)


# --------------------------------------------------------------------------- businesses


@dataclass(frozen=True, slots=True)
class BusinessIdResult:
    """A valid 統一編號 and the check rule it satisfied."""

    value: str
    rule: BusinessIdRule
    basis: LegalBasis


def _business_error(message_zh: str, message_en: str) -> RuleError:
    return RuleError("business_id", message_zh, message_en)


def _business_sum(value: str) -> int:
    """Sum of the digits of each weighted product (7th digit 7 counts as 10)."""
    total = 0
    for digit, weight in zip(value, BUSINESS_ID_WEIGHTS, strict=True):
        product = int(digit) * weight
        total += product // 10 + product % 10
    return total


def _business_passes(value: str, divisor: int) -> bool:
    total = _business_sum(value)
    if total % divisor == 0:
        return True
    # 7th digit 7: its product 28 gives 10, which may be read as 1 or 0.
    return value[6] == "7" and (total + 1) % divisor == 0


def check_business_id(text: str, on: date) -> BusinessIdResult:
    """Validate a 統一編號 as of ``on``.

    The mod-10 rule is accepted on every date; the mod-5 rule only on/after
    :data:`BUSINESS_ID_MOD5_EFFECTIVE` (2023-04-01).  Raises
    :class:`RuleError` (field ``business_id``).
    """
    value = normalize(text)
    if len(value) != 8:
        raise _business_error(
            f"統一編號應為8碼數字，輸入為{len(value)}碼。",
            f"A business ID has 8 digits; got {len(value)} characters.",
        )
    if not (value.isascii() and value.isdigit()):
        raise _business_error("統一編號應全為數字。", "A business ID must contain digits only.")
    if _business_passes(value, 10):
        return BusinessIdResult(value=value, rule="mod10", basis=BUSINESS_ID_MOD10_BASIS)
    if _business_passes(value, 5):
        if on >= BUSINESS_ID_MOD5_EFFECTIVE:
            return BusinessIdResult(value=value, rule="mod5", basis=BUSINESS_ID_MOD5_BASIS)
        raise _business_error(
            "此統一編號僅符合新制檢查邏輯（可被5整除），新制自2023年4月1日起適用。",
            "This business ID only passes the new divisible-by-5 check, which applies from 2023-04-01.",
        )
    raise _business_error(
        "統一編號檢查碼不正確，請確認號碼是否輸入錯誤。",
        "The business ID check digit is wrong; please check the number.",
    )


def is_valid_business_id(text: str, on: date) -> bool:
    """True if :func:`check_business_id` accepts ``text`` on ``on``."""
    try:
        check_business_id(text, on)
    except RuleError:
        return False
    return True


def make_business_id(prefix7: int, *, rule: BusinessIdRule = "mod10") -> str | None:
    """Complete a 7-digit prefix into a valid 統一編號 by choosing the check digit.

    With ``rule="mod10"`` (default) the result is valid on every date.  With
    ``rule="mod5"`` the result passes the new rule but *not* the old one (a
    number only issuable from 2023-04-01).  Returns ``None`` when no check digit
    satisfies the rule; with the current weights the check digit has weight 1,
    so a digit always exists and ``None`` is a guard for future rule changes.
    """
    if not 0 <= prefix7 <= 9_999_999:
        raise _business_error("前7碼應為0至9999999。", "prefix7 must be between 0 and 9,999,999.")
    prefix = f"{prefix7:07d}"
    for check in range(10):
        candidate = f"{prefix}{check}"
        if rule == "mod10" and _business_passes(candidate, 10):
            return candidate
        if rule == "mod5" and _business_passes(candidate, 5) and not _business_passes(candidate, 10):
            return candidate
    return None
