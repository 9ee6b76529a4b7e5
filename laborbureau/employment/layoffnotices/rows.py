"""Checking one worker of a layoff list, from a form, the API or a file row. No Django
(the services add what needs the database: duplicates already filed).

The items are those 就業服務法第33條第1項 requires: 姓名、性別、年齡（出生日期）、住址、
電話、擔任工作、資遣事由、需否就業輔導, with the worker's 身分證統一編號 or 居留證統一證號
(rules.identifiers) and the last day of work (離職日), from which the notice is due.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from laborbureau.rules import dispute_deadlines, identifiers
from laborbureau.rules.base import RuleError

# A last day more than this many days ago is refused: the notice exists so the service
# can help the worker before they leave (第33條第2項); a layoff long past is reported at
# the counter, where the officer records why it came so late. Not a statutory limit.
PAST_WINDOW_DAYS = 90
FUTURE_WINDOW_DAYS = 366
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    required: bool
    aliases: tuple[str, ...]


COLUMNS = (
    Column("id_number", "身分證統一編號", "ID number", True,
           ("身分證字號", "身分證號", "身分證統一編號", "統一證號", "居留證號", "身分證/居留證號", "idnumber", "id")),
    Column("name", "姓名", "Name", True, ("姓名", "name")),
    Column("sex", "性別", "Sex", False, ("性別", "sex", "gender")),
    Column("birth_date", "出生日期", "Birth date", True, ("出生日期", "出生年月日", "生日", "birthdate", "dateofbirth")),
    Column("phone", "電話", "Phone", True, ("電話", "聯絡電話", "手機", "phone", "telephone")),
    Column("address", "住址", "Address", True, ("住址", "地址", "通訊地址", "居住地址", "address")),
    Column("email", "電子郵件", "E-mail", False, ("電子郵件", "電子信箱", "email", "e-mail")),
    Column("position", "擔任工作", "Position", True, ("擔任工作", "職稱", "職務", "工作內容", "position", "jobtitle")),
    Column("ground", "資遣事由", "Ground", True, ("資遣事由", "資遣原因", "事由", "ground", "reason")),
    Column("last_day", "離職日", "Last day", True,
           ("離職日", "離職日期", "資遣日", "資遣日期", "最後工作日", "lastday", "lastdayofwork")),
    Column("needs_assistance", "需否就業輔導", "Needs assistance", False,
           ("需否就業輔導", "是否需要就業輔導", "就業輔導", "needsassistance")),
)
BY_KEY = {column.key: column for column in COLUMNS}
GROUND_CODES = ("LSA11_1", "LSA11_2", "LSA11_3", "LSA11_4", "LSA11_5", "LSA13", "LSA20")
_GROUND_WORDS = {"歇業": "LSA11_1", "轉讓": "LSA11_1", "虧損": "LSA11_2", "業務緊縮": "LSA11_2",
                 "不可抗力": "LSA11_3", "業務性質變更": "LSA11_4", "不能勝任": "LSA11_5", "天災": "LSA13",
                 "事變": "LSA13", "改組": "LSA20"}
_GROUND_NUMBERS = re.compile(r"(11|13|20)(?:[^0-9]+([1-5]))?")
_DATE = re.compile(r"(\d{1,4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()#\- ]{6,30}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f<>]")
_YES = {"是", "需要", "要", "y", "yes", "true", "1", "需"}
_NO = {"否", "不需要", "不要", "n", "no", "false", "0", "不需"}
_SEX = {"男": "M", "m": "M", "male": "M", "女": "F", "f": "F", "female": "F"}


def _header_key(text: str) -> str:
    return re.sub(r"[\s_（）()*＊]", "", unicodedata.normalize("NFKC", text)).lower()


_ALIASES = {_header_key(alias): column.key for column in COLUMNS for alias in (column.zh, column.en, *column.aliases)}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # a COLUMNS key, or "" for the whole row/file
    zh: str
    en: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "zh": self.zh, "en": self.en}


def map_header(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """Column positions by key, and the problems: required columns missing, a column
    named twice. Unknown columns are ignored."""
    positions: dict[str, int] = {}
    problems = []
    for index, title in enumerate(header):
        key = _ALIASES.get(_header_key(title))
        if key is None:
            continue
        if key in positions:
            column = BY_KEY[key]
            problems.append(Problem(1, key, f"欄位「{column.zh}」重複出現。", f"The column {column.en} appears twice."))
        positions.setdefault(key, index)
    missing = [column for column in COLUMNS if column.required and column.key not in positions]
    if missing:
        problems.append(Problem(
            1, "", "缺少必要欄位：" + "、".join(c.zh for c in missing) + "。",
            "Missing columns: " + ", ".join(c.en for c in missing) + ".",
        ))
    return positions, problems


_PLAIN_ID = re.compile(r"[A-Z][1289][0-9]{8}")
_LETTER_PARTS = {letter: (code // 10) + (code % 10) * 9 for letter, code in identifiers.LETTER_CODES.items()}
_ID_SEX = {"1": "M", "2": "F", "8": "M", "9": "F"}
_ISO_DATE = re.compile(r"(\d{4})[-/](\d{2})[-/](\d{2})")


def person_id(text: str) -> tuple[str, str]:
    """(the normalised ID, "M"/"F"/""), or RuleError naming the fault. A plain national ID
    or new-format UI number (the bulk of a file) is checked here with the weights of
    rules.identifiers; anything else goes through identifiers.check_person_id, which
    also gives the precise message when the check digit is wrong."""
    if _PLAIN_ID.fullmatch(text):
        d = text
        total = (_LETTER_PARTS[d[0]] + int(d[1]) * 8 + int(d[2]) * 7 + int(d[3]) * 6 + int(d[4]) * 5
                 + int(d[5]) * 4 + int(d[6]) * 3 + int(d[7]) * 2 + int(d[8]) + int(d[9]))
        if total % 10 == 0:
            return text, _ID_SEX[d[1]]
    result = identifiers.check_person_id(text)
    return result.value, result.sex or ""


@lru_cache(maxsize=65536)
def parse_date(text: str) -> date | None:
    """A date written as 2026-12-01, 2026/12/01, ROC 115/12/01, 115年12月1日, 1151201 or
    20261201. None if it is not one. Cached: a list repeats its last days, and birth
    dates fall on some 30,000 days."""
    plain = _ISO_DATE.fullmatch(text)
    if plain:
        try:
            return date(int(plain.group(1)), int(plain.group(2)), int(plain.group(3)))
        except ValueError:
            return None
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.strip().replace(" ", "")
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    elif text.isdigit() and len(text) in (7, 8):
        year, month, day = int(text[:-4]), int(text[-4:-2]), int(text[-2:])
    else:
        return None
    if year < 1000:  # 民國 (ROC) year
        year += 1911
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def parse_ground(text: str) -> str | None:
    value = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if value.upper() in GROUND_CODES:
        return value.upper()
    match = _GROUND_NUMBERS.search(value)
    if match:
        article, clause = match.groups()
        if article == "11" and clause:
            return f"LSA11_{clause}"
        if article in ("13", "20"):
            return f"LSA{article}"
    for word, code in _GROUND_WORDS.items():
        if word in value:
            return code
    return None


@lru_cache(maxsize=4096)
def due_date(last_day: date, force_majeure: bool) -> tuple[date, date]:
    """(latest_notice, the day after which the notice is late) for a worker leaving after
    `last_day` (rules.dispute_deadlines.layoff_notice, 就業服務法第33條第1項). The notice
    is late only after the Taipei Department of Labor's published reading of the ten
    days (`lenient_latest_notice`, one day after the strict count): fining a notice the
    Department's own example calls timely would not stand. Cached: a file has few days."""
    result = dispute_deadlines.layoff_notice(contract_end=last_day, force_majeure=force_majeure)
    return result.latest_notice, result.lenient_latest_notice or result.latest_notice


class Worker(NamedTuple):
    id_number: str
    name: str
    sex: str
    birth_date: date
    phone: str
    address: str
    email: str
    position: str
    ground: str
    last_day: date
    needs_assistance: bool


def _text(value: str, column: str, row: int, limit: int, problems: list[Problem], required: bool = True) -> str:
    if not value:
        if required:
            spec = BY_KEY[column]
            problems.append(Problem(row, column, f"請填寫{spec.zh}。", f"{spec.en} is required."))
        return ""
    if len(value) > limit:
        spec = BY_KEY[column]
        problems.append(Problem(row, column, f"{spec.zh}請在{limit}字以內。", f"{spec.en}: at most {limit} characters."))
    elif _CONTROL.search(value):
        spec = BY_KEY[column]
        problems.append(Problem(row, column, f"{spec.zh}含有不允許的字元（控制字元或<>）。",
                                f"{spec.en} contains characters not allowed (control characters or <>)."))
    return value


@lru_cache(maxsize=8)
def _bounds(today: date) -> tuple[date, date]:
    return today - timedelta(days=PAST_WINDOW_DAYS), today + timedelta(days=FUTURE_WINDOW_DAYS)


_FOURTEEN_YEARS = timedelta(days=365 * 14)
_COVERAGE_START = date(2013, 1, 1)


def check_worker(values: dict[str, str], *, row: int, today: date, force_majeure: bool
                 ) -> tuple[Worker | None, list[Problem]]:
    """One worker's values (strings, as typed) checked: the Worker, or None with every
    problem found on the row (not only the first)."""
    problems: list[Problem] = []
    earliest, latest = _bounds(today)
    raw_id = values.get("id_number", "")
    id_number = ""
    sex_from_id = ""
    if not raw_id:
        problems.append(Problem(row, "id_number", "請填寫身分證統一編號或居留證統一證號。", "The ID number is required."))
    else:
        try:
            id_number, sex_from_id = person_id(raw_id)
        except RuleError as error:
            problems.append(Problem(row, "id_number", error.message_zh, error.message_en))
    name = _text(values.get("name", ""), "name", row, 80, problems)
    sex_text = values.get("sex", "").strip().lower()
    sex = _SEX.get(sex_text, "") if sex_text else sex_from_id
    if sex_text and not sex:
        problems.append(Problem(row, "sex", "性別請填「男」或「女」。", "Sex: M or F."))
    birth_text = values.get("birth_date", "")
    birth_date = parse_date(birth_text)
    last_text = values.get("last_day", "")
    last_day = parse_date(last_text)
    if not birth_text:
        problems.append(Problem(row, "birth_date", "請填寫出生日期。", "The birth date is required."))
    elif birth_date is None:
        problems.append(Problem(row, "birth_date", f"出生日期「{birth_text[:20]}」格式不正確（例：1980-05-31 或 69/05/31）。",
                                f"Birth date {birth_text[:20]!r} is not a date (e.g. 1980-05-31)."))
    # By ordinals: a last day in year 1 (a typing slip) has no date 14 years before it.
    elif birth_date.year < 1900 or (last_day is not None
                                    and birth_date.toordinal() > last_day.toordinal() - _FOURTEEN_YEARS.days):
        problems.append(Problem(row, "birth_date", "出生日期不合理（離職時未滿14歲或早於1900年）。",
                                "The birth date is implausible (under 14 at the last day, or before 1900)."))
    phone = _text(values.get("phone", ""), "phone", row, 30, problems)
    if phone and not _PHONE.match(phone):
        problems.append(Problem(row, "phone", "電話僅可含數字、+、-、#、括號。", "Phone: digits, +, -, # and brackets only."))
    address = _text(values.get("address", ""), "address", row, 200, problems)
    email = values.get("email", "").strip()
    if email and (len(email) > 254 or not _EMAIL.match(email) or _CONTROL.search(email)):
        problems.append(Problem(row, "email", "電子郵件格式不正確。", "The e-mail address is not valid."))
    position = _text(values.get("position", ""), "position", row, 60, problems)
    ground_text = values.get("ground", "")
    ground = parse_ground(ground_text) if ground_text else None
    if not ground_text:
        problems.append(Problem(row, "ground", "請填寫資遣事由（如 11-2 或 虧損）。", "The ground is required (e.g. 11-2)."))
    elif ground is None:
        problems.append(Problem(
            row, "ground", f"資遣事由「{ground_text[:20]}」不是勞動基準法第11條、第13條但書或第20條之事由。",
            f"Ground {ground_text[:20]!r} is not one of Labor Standards Act arts. 11, 13 (proviso) or 20.",
        ))
    if not last_text:
        problems.append(Problem(row, "last_day", "請填寫離職日。", "The last day of work is required."))
    elif last_day is None:
        problems.append(Problem(row, "last_day", f"離職日「{last_text[:20]}」格式不正確（例：2026-12-31 或 115/12/31）。",
                                f"Last day {last_text[:20]!r} is not a date (e.g. 2026-12-31)."))
    elif last_day < earliest:
        problems.append(Problem(
            row, "last_day", f"離職日早於今天{PAST_WINDOW_DAYS}日以上，請洽就業服務處臨櫃補報。",
            f"The last day is more than {PAST_WINDOW_DAYS} days ago; report it at the Employment Services Office.",
        ))
    elif last_day > latest:
        problems.append(Problem(row, "last_day", "離職日請在一年以內。", "The last day must be within a year."))
    elif last_day < _COVERAGE_START:
        problems.append(Problem(row, "last_day", "離職日早於本系統涵蓋期間。", "The last day is before the period covered."))
    assistance_text = values.get("needs_assistance", "").strip().lower()
    needs_assistance = True
    if assistance_text:
        if assistance_text in _YES:
            needs_assistance = True
        elif assistance_text in _NO:
            needs_assistance = False
        else:
            problems.append(Problem(row, "needs_assistance", "需否就業輔導請填「是」或「否」。",
                                    "Needs assistance: yes or no."))
    if problems:
        return None, problems
    return Worker(id_number=id_number, name=name, sex=sex, birth_date=birth_date, phone=phone, address=address,
                  email=email, position=position, ground=ground, last_day=last_day,
                  needs_assistance=needs_assistance), []
