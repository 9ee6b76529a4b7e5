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
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from django.utils import timezone

from laborbureau.core.errors import ApplicationError
from laborbureau.rules import (
    disability_quota,
    identifiers,
    mass_layoff,
    overtime,
    retirement,
    roc_calendar,
    severance,
    unemployment,
    wages,
    working_days,
)
from laborbureau.rules.base import LegalBasis, RuleError, Step

# --- shared input limits (API schemas and page forms) ---------------------------

#: Longest text accepted for an identifier or a typed date (anything longer is garbage).
MAX_TEXT: Final = 40
#: Longest period the working-day calculator counts (about ten years of working days).
MAX_DAYS: Final = 2_500
#: Largest headcount or number of workers accepted (no employer in Taiwan comes near it).
MAX_HEADCOUNT: Final = 1_000_000
#: Most sites and dated layoffs one mass-layoff question may list.
#: Largest monthly wage or insured salary accepted (NT$10 million a month).
MAX_WAGE: Final = 10_000_000
#: Longest hours of work on one day accepted (the rules refuse what the law caps lower).
MAX_HOURS: Final = 24
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


def _fraction(value: Fraction) -> str:
    """An exact fraction as text: ``29/4``, or ``7`` when whole."""
    return str(value)


# --- basic wage / minimum wage ------------------------------------------------------------


def _basic_wage(*, on: date) -> Outcome:
    result = wages.basic_wage(on)
    return Outcome(
        figures={
            "monthly": result.monthly,
            "hourly": result.hourly,
            "effective_from": result.effective_from.isoformat(),
            "kind": "minimum_wage" if result.name_en == "minimum wage" else "basic_wage",
        },
        basis=result.basis,
        version=result.version,
        steps=result.steps,
    )


register(
    Calculator(
        slug="basic-wage",
        title_zh="基本工資／最低工資查詢",
        title_en="Basic wage / minimum wage on a date",
        summary_zh="查詢某日適用之每月及每小時基本工資（2023年以前，勞動基準法第21條）或最低工資（2024年起，最低工資法）。",
        summary_en="The monthly and hourly basic wage (to 2023, Labor Standards Act Art. 21) or minimum wage (from 2024, Minimum Wage Act) in force on a date.",
        figures=(
            Figure("monthly", "每月", "Monthly", "money"),
            Figure("hourly", "每小時", "Hourly", "money"),
            Figure("kind", "名稱", "Name", "wage_kind"),
            Figure("effective_from", "本數額生效日", "In force since", "date"),
        ),
        compute=_basic_wage,
        default_field="on",
    )
)

WAGE_KIND_LABELS: Final = {"basic_wage": ("基本工資", "basic wage"), "minimum_wage": ("最低工資", "minimum wage")}


# --- severance ---------------------------------------------------------------------------------


def _severance(
    *, start: date, end: date, average_monthly_wage: int, system: str, switch_date: date | None = None
) -> Outcome:
    result = severance.severance_pay(
        start=start,
        end=end,
        average_monthly_wage=average_monthly_wage,
        system=system,  # type: ignore[arg-type]
        switch_date=switch_date,
    )
    parts = {part.system: part for part in result.parts}
    old, new = parts.get("old"), parts.get("new")
    return Outcome(
        figures={
            "amount": result.amount,
            "system": result.system,
            "bases": _fraction(result.bases),
            "old_system_amount": old.amount_display if old else None,
            "old_system_bases": _fraction(old.bases) if old else None,
            "new_system_amount": new.amount_display if new else None,
            "new_system_bases": _fraction(new.bases) if new else None,
            "new_system_capped": new.capped if new else None,
            "switch_date": _iso(result.switch_date),
        },
        basis=result.basis,
        version=result.version,
        steps=result.steps,
    )


register(
    Calculator(
        slug="severance",
        title_zh="資遣費試算",
        title_en="Severance pay",
        summary_zh="依勞動基準法第17條（舊制）、勞工退休金條例第12條（新制，最高6個月平均工資）或新舊制年資併存（第11條），試算資遣費。",
        summary_en="Severance under the Labor Standards Act Art. 17 (old system), the Labor Pension Act Art. 12 (new system, capped at 6 months' average wage) or seniority spanning both (Art. 11).",
        figures=(
            Figure("amount", "資遣費", "Severance pay", "money"),
            Figure("system", "適用制度", "System", "system"),
            Figure("bases", "基數（月數）", "Months of average wage (bases)", "text"),
            Figure("old_system_amount", "舊制年資部分", "Old-system part", "money"),
            Figure("old_system_bases", "舊制基數", "Old-system bases", "text"),
            Figure("new_system_amount", "新制年資部分", "New-system part", "money"),
            Figure("new_system_bases", "新制基數", "New-system bases", "text"),
            Figure("new_system_capped", "新制已達6個月上限", "New-system cap reached", "flag"),
            Figure("switch_date", "新制適用日", "First day under the new system", "date"),
        ),
        compute=_severance,
        default_field="start",
    )
)

SYSTEM_LABELS: Final = {
    "old": ("舊制（勞動基準法第17條）", "old system (LSA Art. 17)"),
    "new": ("新制（勞工退休金條例第12條）", "new system (Labor Pension Act Art. 12)"),
    "mixed": ("新舊制併存", "old and new system"),
}


# --- old-system retirement ------------------------------------------------------------------


def _retirement(
    *,
    start: date,
    end: date,
    average_monthly_wage: int,
    duty_incapacity: bool = False,
    on: date | None = None,
) -> Outcome:
    result = retirement.retirement_pay(
        start=start, end=end, average_monthly_wage=average_monthly_wage, duty_incapacity=duty_incapacity, on=on
    )
    return Outcome(
        figures={
            "amount": result.amount,
            "counted_years": _fraction(result.counted_years),
            "bases": _fraction(result.bases),
            "bases_before_cap": _fraction(result.bases_before_cap),
            "capped": result.capped,
            "bonus_applied": result.bonus_applied,
            "on": result.on.isoformat(),
        },
        basis=result.basis,
        version=result.version,
        steps=result.steps,
    )


register(
    Calculator(
        slug="retirement",
        title_zh="舊制退休金試算",
        title_en="Old-system retirement pay",
        summary_zh="依勞動基準法第55條：前15年每年2個基數，其後每年1個基數，最高45個基數；未滿半年以半年計，滿半年以一年計。",
        summary_en="Labor Standards Act Art. 55: 2 bases a year for the first 15 years, 1 a year after, at most 45; under half a year counts as half, half or more as a whole year.",
        figures=(
            Figure("amount", "退休金", "Retirement pay", "money"),
            Figure("counted_years", "採計年資（年）", "Seniority counted (years)", "text"),
            Figure("bases", "基數", "Bases", "text"),
            Figure("bases_before_cap", "上限前基數", "Bases before the cap", "text"),
            Figure("capped", "已達45基數上限", "45-base cap reached", "flag"),
            Figure("bonus_applied", "加給百分之二十", "20% increase applied", "flag"),
            Figure("on", "退休日", "Retirement date", "date"),
        ),
        compute=_retirement,
        default_field="start",
    )
)


# --- overtime and holiday pay ----------------------------------------------------------------


def _overtime(
    *,
    work_date: date,
    day_type: str,
    hours: Decimal,
    monthly_wage: int | None = None,
    hourly_wage: int | None = None,
) -> Outcome:
    result = overtime.overtime_pay(
        work_date=work_date,
        day_type=day_type,  # type: ignore[arg-type]
        hours=str(hours),
        monthly_wage=monthly_wage,
        hourly_wage=hourly_wage,
    )
    return Outcome(
        figures={
            "amount": result.amount,
            "day_type": result.day_type,
            "hours": _fraction(result.hours),
            "counted_hours": _fraction(result.counted_hours),
            "hourly_wage": _fraction(result.hourly_wage),
            "compensatory_rest": result.compensatory_rest,
        },
        basis=result.basis,
        version=result.version,
        steps=result.steps,
    )


register(
    Calculator(
        slug="overtime",
        title_zh="加班費試算（平日、休息日、例假、休假日）",
        title_en="Overtime and holiday pay",
        summary_zh="依工作日期當時有效之勞動基準法第24條、第39條、第40條，試算平日延長工時、休息日、例假及國定假日（休假日）工作應加給之工資。",
        summary_en="The extra pay owed for overtime on a working day, or work on a rest day, a regular day off or a holiday, under the Labor Standards Act Arts. 24, 39 and 40 as in force on the work date.",
        figures=(
            Figure("amount", "應加給之工資", "Extra pay owed", "money"),
            Figure("day_type", "日別", "Kind of day", "day_type"),
            Figure("hours", "工作時數", "Hours worked", "text"),
            Figure("counted_hours", "計算時數", "Hours counted", "text"),
            Figure("hourly_wage", "平日每小時工資額", "Regular hourly wage", "text"),
            Figure("compensatory_rest", "應於事後補假休息", "Compensatory rest day owed", "flag"),
        ),
        compute=_overtime,
        default_field="hours",
    )
)

DAY_TYPE_LABELS: Final = {
    "workday": ("平日（正常工作日）", "regular working day"),
    "rest_day": ("休息日", "rest day"),
    "regular_day_off": ("例假", "regular day off"),
    "holiday": ("休假日（國定假日／特別休假）", "holiday (national holiday / annual leave)"),
}


# --- unemployment benefit ----------------------------------------------------------------------


def _unemployment(
    *,
    on: date,
    separation_date: date,
    birth_date: date,
    insured_salaries: list[int],
    dependants: list[str],
    disability_certificate: bool = False,
) -> Outcome:
    result = unemployment.unemployment_benefit(
        on=on,
        separation_date=separation_date,
        insured_salaries=insured_salaries,
        birth_date=birth_date,
        dependants=dependants,
        disability_certificate=disability_certificate,
    )
    return Outcome(
        figures={
            "monthly_benefit": result.monthly_benefit,
            "base_amount": result.base_amount,
            "average_insured_salary": _fraction(result.average_insured_salary),
            "rate": _fraction(result.rate),
            "dependants_counted": result.dependants_counted,
            "max_months": result.max_months,
            "extended_by": result.extended_by,
            "total_if_paid_in_full": result.total_if_paid_in_full,
            "first_benefit_day": result.first_benefit_day.isoformat(),
            "schedule": [
                {
                    "month": item.month,
                    "period_start": item.period_start.isoformat(),
                    "period_end": item.period_end.isoformat(),
                    "office_day": item.office_day.isoformat(),
                    "initial": item.initial,
                }
                for item in result.schedule
            ],
        },
        basis=result.basis,
        version=result.version,
        steps=result.steps,
    )


register(
    Calculator(
        slug="unemployment-benefit",
        title_zh="失業給付試算",
        title_en="Unemployment benefit",
        summary_zh="依就業保險法第16條、第19條之1：離職退保當月起前6個月平均月投保薪資之60%，每一受扶養眷屬加給10%（最多20%）；最長6個月（45歲以上或領有身心障礙證明者9個月），並列出失業再認定日期。",
        summary_en="Employment Insurance Act Arts. 16 and 19-1: 60% of the average insured salary of the six months up to leaving, plus 10% per dependant (at most 20%); up to 6 months (9 from age 45 or with a disability certificate), with the re-certification dates.",
        figures=(
            Figure("monthly_benefit", "每月失業給付", "Monthly benefit", "money"),
            Figure("base_amount", "基本給付（60%）", "Base benefit (60%)", "money"),
            Figure("average_insured_salary", "平均月投保薪資", "Average monthly insured salary", "text"),
            Figure("rate", "給付比率", "Rate", "text"),
            Figure("dependants_counted", "加給眷屬人數", "Dependants counted", "count"),
            Figure("max_months", "最長給付月數", "Maximum months", "count"),
            Figure("extended_by", "延長為9個月之原因", "Why 9 months", "extended_by"),
            Figure("total_if_paid_in_full", "領滿之總額", "Total if paid in full", "money"),
            Figure("first_benefit_day", "給付起算日", "First benefit day", "date"),
            Figure("schedule", "失業（再）認定日期", "(Re-)certification dates", "schedule"),
        ),
        compute=_unemployment,
        default_field="insured_salaries",
    )
)

EXTENDED_BY_LABELS: Final = {
    "age": ("離職退保時已年滿45歲", "aged 45 or over when leaving"),
    "disability": ("領有身心障礙證明", "holds a disability certificate"),
}


# --- disability employment quota ---------------------------------------------------------


def _disability_quota(*, on: date, sector: str, headcount: Decimal, employed: list[dict]) -> Outcome:
    people = [
        disability_quota.EmployedPerson(
            severity=item["severity"], part_time=item["part_time"], monthly_pay=item.get("monthly_pay")
        )
        for item in employed
    ]
    result = disability_quota.quota(
        on=on,
        sector=sector,  # type: ignore[arg-type]
        headcount=_exact(headcount),
        employed=people,
    )
    return Outcome(
        figures={
            "obliged": result.obliged,
            "required": result.required,
            "counted": _fraction(result.counted),
            "shortfall": _fraction(result.shortfall),
            "surplus": _fraction(result.surplus),
            "wage": result.wage,
            "monthly_fee": result.monthly_fee,
        },
        basis=result.basis,
        version=result.version,
        steps=result.steps,
    )


def _exact(value: Decimal | int) -> int | Fraction:
    """A whole or half number given as a decimal (67, 67.5) as the rules take it."""
    exact = Fraction(value)
    return exact.numerator if exact.denominator == 1 else exact


register(
    Calculator(
        slug="disability-quota",
        title_zh="身心障礙者定額進用與差額補助費",
        title_en="Disability employment quota and shortfall fee",
        summary_zh="依身心障礙者權益保障法第38條、第43條：公部門34人以上進用3%、私部門67人以上進用1%且至少1人；重度以上1人以2人計、部分工時2人以1人計；不足人數按月乘以基本工資（最低工資）繳納差額補助費。",
        summary_en="People with Disabilities Rights Protection Act Arts. 38 and 43: public bodies of 34 or more employ 3%, private ones of 67 or more 1% and at least one; a severe disability counts two, two part-timers one; each missing person costs the monthly basic (minimum) wage.",
        figures=(
            Figure("obliged", "是否為義務機關（構）", "Obliged employer", "flag"),
            Figure("required", "應進用人數", "Required number", "count"),
            Figure("counted", "已進用人數（核計）", "Number counted", "text"),
            Figure("shortfall", "不足人數", "Shortfall", "text"),
            Figure("surplus", "超額進用人數", "Surplus", "text"),
            Figure("wage", "每月基本工資（最低工資）", "Monthly basic (minimum) wage", "money"),
            Figure("monthly_fee", "每月差額補助費", "Monthly shortfall fee", "money"),
        ),
        compute=_disability_quota,
        default_field="headcount",
    )
)

SEVERITY_LABELS: Final = {
    "mild": ("輕度", "mild"),
    "moderate": ("中度", "moderate"),
    "severe": ("重度", "severe"),
    "very_severe": ("極重度", "very severe"),
}
