"""The one path from a calculator's input to the rules and back.

The API (calculators.api) and the portal pages (calculators.views) both call
:func:`run`: it takes the validated input as plain Python values (dates, ints,
strings), calls the rules function(s) of ``laborbureau.rules`` and returns an
:class:`Outcome` (the figures, the legal basis, the version applied and the
steps). No arithmetic happens here: every figure comes from a rules result; this
module only chooses which rule to call and names the figures.

A rule that refuses its input raises ``rules.base.RuleError`` with the rule's own
field name (e.g. ``id_number``); :func:`run` re-raises it as an
``ApplicationError`` on the calculator's input field (e.g. ``number``), which the
API answers as 422 at ``["body", <field>]`` and the page shows on that field.

Input limits shared by the API schemas and the page forms live here too, so both
refuse the same input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from django.utils import timezone

from laborbureau.core.errors import ApplicationError
from laborbureau.rules import identifiers, mass_layoff, roc_calendar, working_days
from laborbureau.rules.base import LegalBasis, RuleError, Step

# --- shared input limits (API schemas and page forms) ---------------------------

#: Longest text accepted for an identifier or a typed date (anything longer is garbage).
MAX_TEXT: Final = 40
#: Longest period the working-day calculator counts (about ten years of working days).
MAX_DAYS: Final = 2_500
#: Largest headcount or number of workers accepted (no employer in Taiwan comes near it).
MAX_HEADCOUNT: Final = 1_000_000
#: Most sites and dated layoffs one mass-layoff question may list.
MAX_SITES: Final = 50
MAX_LAYOFFS: Final = 400


# --- the result every calculator gives ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """How one figure of a result is labelled and shown on the page.

    ``kind`` picks the display: ``money`` (NT$ with separators), ``date``
    (民國 date), ``flag`` (yes/no), ``count``/``text`` (as is).
    """

    key: str
    label_zh: str
    label_en: str
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The figures (JSON-ready values keyed as in the API), basis, version and steps."""

    figures: dict[str, Any]
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Calculator:
    slug: str
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    figures: tuple[Figure, ...]
    compute: Callable[..., Outcome]
    #: RuleError.field -> the calculator's input field (unlisted names pass through).
    field_map: dict[str, str] = field(default_factory=dict)
    #: Input field that takes an error whose field is not an input (the first input).
    default_field: str = ""


REGISTRY: dict[str, Calculator] = {}


def register(calculator: Calculator) -> Calculator:
    REGISTRY[calculator.slug] = calculator
    return calculator


def calculators() -> list[Calculator]:
    return list(REGISTRY.values())


def get(slug: str) -> Calculator:
    return REGISTRY[slug]


@contextmanager
def on_field(name: str) -> Iterator[None]:
    """Report a RuleError raised inside the block on input field ``name``."""
    try:
        yield
    except RuleError as error:
        raise RuleError(name, error.message_zh, error.message_en) from None


def refuse(field_name: str, message_zh: str, message_en: str) -> ApplicationError:
    return ApplicationError(message_zh, message_en, field=field_name)


def run(slug: str, **inputs: Any) -> Outcome:
    """Compute calculator ``slug`` on validated ``inputs``.

    Raises ``ApplicationError`` with ``field`` naming the input at fault when a rule
    refuses the input.
    """
    calculator = REGISTRY[slug]
    try:
        return calculator.compute(**inputs)
    except RuleError as error:
        target = calculator.field_map.get(error.field, error.field)
        if target not in inputs:
            target = calculator.default_field or next(iter(inputs), "")
        raise ApplicationError(error.message_zh, error.message_en, field=target) from None


def today() -> date:
    return timezone.localdate()


def _yes_no(value: bool) -> tuple[str, str]:
    return ("是", "yes") if value else ("否", "no")


# --- identifier -----------------------------------------------------------------------

_PERSON_KINDS: Final = {
    "national_id": ("國民身分證統一編號", "national ID number"),
    "arc_new": ("新式外來人口統一證號", "UI number, new format (2021)"),
    "arc_old": ("舊式外來人口統一證號", "UI number, old format"),
}
_SEX: Final = {"M": ("男", "male"), "F": ("女", "female")}
_BUSINESS_RULES: Final = {
    "mod10": ("加權和可被10整除（原檢查邏輯）", "weighted sum divisible by 10 (original rule)"),
    "mod5": ("加權和可被5整除（2023年4月1日起新檢查邏輯）", "weighted sum divisible by 5 (rule from 2023-04-01)"),
}


def _identifier(*, kind: str, number: str, on: date | None = None) -> Outcome:
    on = on or today()
    if kind == "person":
        person = identifiers.check_person_id(number)
        kind_zh, kind_en = _PERSON_KINDS[person.kind]
        sex_zh, sex_en = _SEX[person.sex] if person.sex else ("", "")
        steps = (
            Step(
                "正規化（全形轉半形、去空白、轉大寫）", "normalised (half-width, no spaces, upper case)", person.value
            ),
            Step("號碼種類", "kind of number", f"{kind_zh} {kind_en}", basis=person.basis),
            Step("性別碼", "sex digit", f"{sex_zh} {sex_en}".strip()),
            Step("檢查碼", "check digit", "正確 correct", basis=person.basis),
        )
        return Outcome(
            figures={
                "valid": True,
                "normalized": person.value,
                "id_kind": person.kind,
                "sex": person.sex,
                "rule": None,
            },
            basis=(person.basis,),
            version=person.basis.version,
            steps=steps,
        )
    business = identifiers.check_business_id(number, on)
    rule_zh, rule_en = _BUSINESS_RULES[business.rule]
    steps = (
        Step("正規化（全形轉半形、去空白）", "normalised (half-width, no spaces)", business.value),
        Step("查核日期", "checked as of", on.isoformat()),
        Step("檢查規則", "check rule", f"{rule_zh} {rule_en}", basis=business.basis),
    )
    return Outcome(
        figures={
            "valid": True,
            "normalized": business.value,
            "id_kind": "business_id",
            "sex": None,
            "rule": business.rule,
        },
        basis=(business.basis,),
        version=business.basis.version,
        steps=steps,
    )


register(
    Calculator(
        slug="identifier",
        title_zh="身分證字號、統一證號與統一編號檢查",
        title_en="ID, UI and business number check",
        summary_zh="檢查國民身分證統一編號、外來人口統一證號（新式、舊式）或營利事業統一編號是否正確，並說明錯誤原因。",
        summary_en="Check a national ID, a resident certificate (UI) number (new or old format) or a unified business number, and say why an invalid one is invalid.",
        figures=(
            Figure("valid", "檢查結果", "Result", "flag"),
            Figure("normalized", "正規化後號碼", "Normalised number"),
            Figure("id_kind", "號碼種類", "Kind of number", "id_kind"),
            Figure("sex", "性別", "Sex", "sex"),
            Figure("rule", "符合之檢查規則", "Check rule passed", "rule"),
        ),
        compute=_identifier,
        field_map={"id_number": "number", "business_id": "number", "date": "on"},
        default_field="number",
    )
)

ID_KIND_LABELS: Final = {**_PERSON_KINDS, "business_id": ("營利事業統一編號", "unified business number")}
SEX_LABELS: Final = _SEX
RULE_LABELS: Final = _BUSINESS_RULES


# --- ROC date -------------------------------------------------------------------------

_WEEKDAYS: Final = (
    ("星期一", "Monday"),
    ("星期二", "Tuesday"),
    ("星期三", "Wednesday"),
    ("星期四", "Thursday"),
    ("星期五", "Friday"),
    ("星期六", "Saturday"),
    ("星期日", "Sunday"),
)
ROC_VERSION: Final = "民國紀年：西元年 = 民國年 + 1911（民國元年為西元1912年）"


def _roc_date(*, date: str) -> Outcome:  # noqa: A002 - the API field is called "date"
    day = roc_calendar.parse_date(date)
    roc_year, month, dom = roc_calendar.to_roc(day)
    weekday_zh, weekday_en = _WEEKDAYS[day.weekday()]
    steps = (
        Step("辨識輸入日期", "date as read", day.isoformat(), formula=date.strip()),
        Step(
            "民國年",
            "ROC year",
            str(roc_year),
            formula=f"{day.year} − {roc_calendar.ROC_EPOCH_OFFSET}",
        ),
        Step("星期", "weekday", f"{weekday_zh} {weekday_en}"),
    )
    return Outcome(
        figures={
            "iso_date": day.isoformat(),
            "roc_year": roc_year,
            "month": month,
            "day": dom,
            "roc_long": roc_calendar.format_long(day),
            "roc_short": roc_calendar.format_short(day),
            "roc_compact": roc_calendar.format_compact(day),
            "weekday": day.isoweekday(),
        },
        basis=(),
        version=ROC_VERSION,
        steps=steps,
    )


register(
    Calculator(
        slug="roc-date",
        title_zh="民國與西元日期換算",
        title_en="ROC (Minguo) and AD date conversion",
        summary_zh="輸入民國或西元日期（如 115/11/27、民國115年11月27日、1151127、2026-11-27），換算成各種寫法。",
        summary_en="Type an ROC or AD date (115/11/27, 民國115年11月27日, 1151127, 2026-11-27) and get all its usual written forms.",
        figures=(
            Figure("iso_date", "西元日期", "AD date (ISO)"),
            Figure("roc_long", "民國日期（公文寫法）", "ROC date (official form)"),
            Figure("roc_short", "民國日期（表格寫法）", "ROC date (short form)"),
            Figure("roc_compact", "民國日期（7碼）", "ROC date (7 digits)"),
            Figure("roc_year", "民國年", "ROC year", "count"),
            Figure("weekday", "星期", "Weekday", "weekday"),
        ),
        compute=_roc_date,
        default_field="date",
    )
)

WEEKDAY_LABELS: Final = _WEEKDAYS


# --- working days ---------------------------------------------------------------------


def _day_label(day: date) -> str:
    name = working_days.holiday_name(day)
    kind = "上班日 working day" if working_days.is_working_day(day) else "放假日 day off"
    return f"{day.isoformat()}（{kind}{'：' + name if name else ''}）"


def _working_days(
    *, start: date, days: int | None = None, end: date | None = None, period_kind: str = "working"
) -> Outcome:
    if days is None and end is None:
        raise RuleError(
            "days",
            "請輸入期間日數，或輸入結束日以計算其間的上班日數。",
            "Enter a number of days, or an end date to count the working days in between.",
        )
    with on_field("start"):
        start_label = _day_label(start)
    steps: list[Step] = [
        Step("起算日（不算入）", "start day (not counted)", start_label, basis=working_days.DEADLINE_BASIS)
    ]
    basis: list[LegalBasis] = [working_days.CALENDAR_BASIS]
    figures: dict[str, Any] = {
        "due": None,
        "nominal_end": None,
        "morning_only": None,
        "extended": None,
        "working_days": None,
    }
    if end is not None:
        if end < start:
            raise RuleError("end", "結束日不得早於起算日。", "The end date must not be before the start date.")
        with on_field("end"):
            end_label = _day_label(end)
            count = working_days.working_days_between(start, end)
        figures["working_days"] = count
        steps.append(Step("結束日（算入）", "end day (counted)", end_label))
        steps.append(
            Step(
                "其間上班日數",
                "working days in between",
                str(count),
                formula=f"({start.isoformat()}, {end.isoformat()}]",
            )
        )
    if days is not None:
        with on_field("days"):
            detail = working_days.deadline_detail(start, days, period_kind)  # type: ignore[arg-type]
        figures.update(
            due=detail.due.isoformat(),
            nominal_end=detail.nominal_end.isoformat(),
            morning_only=detail.morning_only,
            extended=detail.extended,
        )
        if period_kind == "working":
            steps.append(
                Step(
                    f"往後數第{days}個上班日",
                    f"the {days}th working day after the start",
                    detail.due.isoformat(),
                    basis=detail.basis,
                )
            )
        else:
            steps.append(
                Step(
                    "期間末日（依日曆日計算）",
                    "nominal last day (calendar days)",
                    _day_label(detail.nominal_end),
                    formula=f"{start.isoformat()} + {days}",
                    basis=detail.basis,
                )
            )
            if detail.extended:
                steps.append(
                    Step(
                        "末日為放假日，順延",
                        "last day is a day off: moved to the next working day",
                        detail.due.isoformat() + ("（上午 morning）" if detail.morning_only else ""),
                        basis=detail.basis,
                    )
                )
        basis.insert(0, detail.basis)
    return Outcome(figures=figures, basis=tuple(basis), version=working_days.CALENDAR_BASIS.version, steps=tuple(steps))


register(
    Calculator(
        slug="working-days",
        title_zh="上班日與期間末日",
        title_en="Working days and deadlines",
        summary_zh="依行政院人事行政總處辦公日曆表，計算起算日後第N個上班日、N日期間的末日（行政程序法第48條），或兩日之間的上班日數。",
        summary_en="On the official office calendar: the Nth working day after a date, the last day of an N-day period (Administrative Procedure Act Art. 48), or the working days between two dates.",
        figures=(
            Figure("due", "期間末日", "Last day of the period", "date"),
            Figure("morning_only", "末日僅至上午", "Ends on that morning", "flag"),
            Figure("nominal_end", "未順延前之末日", "Last day before any extension", "date"),
            Figure("extended", "是否順延", "Extended", "flag"),
            Figure("working_days", "其間上班日數", "Working days in between", "count"),
        ),
        compute=_working_days,
        field_map={"date": "start"},
        default_field="start",
    )
)


# --- mass layoff ------------------------------------------------------------------------


def _mass_layoff(
    *,
    sites: list[dict],
    layoffs: list[dict],
    enterprise_headcount: int | None = None,
    sudden_event: bool = False,
) -> Outcome:
    headcounts: dict[str, int] = {}
    for site in sites:
        name = site["site"].strip()
        if name in headcounts:
            raise RuleError("sites", f"廠場「{name}」重複輸入。", f"Site {name!r} is listed twice.")
        headcounts[name] = site["headcount"]
    dated = [mass_layoff.Layoff(day=item["day"], count=item["count"], site=item["site"].strip()) for item in layoffs]
    result = mass_layoff.assess(
        site_headcounts=headcounts,
        layoffs=dated,
        enterprise_headcount=enterprise_headcount,
        sudden_event=sudden_event,
    )
    return Outcome(
        figures={
            "crossed": result.crossed,
            "crossing_date": _iso(result.crossing_date),
            "clause": result.clause,
            "site": result.site,
            "limit": result.limit,
            "counted": result.counted,
            "single_day": result.single_day,
            "window_start": _iso(result.window_start),
            "window_end": _iso(result.window_end),
            "notice_due": _iso(result.notice_due),
            "notice_retroactive": result.notice_retroactive,
        },
        basis=result.basis,
        version=result.version,
        steps=result.steps,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


register(
    Calculator(
        slug="mass-layoff",
        title_zh="大量解僱門檻與解僱計畫書通知期限",
        title_en="Mass layoff thresholds and the layoff-plan notice date",
        summary_zh="依各廠場僱用人數與各日解僱人數，判斷任何60日內是否達大量解僱勞工保護法第2條之門檻、依哪一款，以及第4條解僱計畫書應通知之期限。",
        summary_en="From each site's headcount and the dated layoffs: whether any 60-day window crosses a threshold of the Act for Worker Protection of Mass Redundancy, Art. 2, by which clause, and the Art. 4 date by which the layoff plan had to be notified.",
        figures=(
            Figure("crossed", "是否達大量解僱門檻", "Threshold crossed", "flag"),
            Figure("crossing_date", "符合大量解僱之日", "Day the threshold is crossed", "date"),
            Figure("clause", "適用條款", "Clause", "text"),
            Figure("site", "廠場", "Site", "text"),
            Figure("counted", "解僱人數", "Laid off", "count"),
            Figure("limit", "門檻（逾此人數）", "Threshold (more than)", "count"),
            Figure("single_day", "單日門檻", "Single-day threshold", "flag"),
            Figure("window_start", "計算期間起日", "Window from", "date"),
            Figure("window_end", "計算期間迄日", "Window to", "date"),
            Figure("notice_due", "解僱計畫書通知期限", "Layoff plan to be notified by", "date"),
            Figure(
                "notice_retroactive", "期限早於已發生之解僱", "Notice date lies before layoffs already made", "flag"
            ),
        ),
        compute=_mass_layoff,
        field_map={"site_headcounts": "sites"},
        default_field="layoffs",
    )
)
