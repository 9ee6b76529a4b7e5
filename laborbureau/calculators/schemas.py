"""Input and output schemas of the calculators API, one pair per calculator.

Dates are ISO strings (``2026-11-27``); the ROC forms people type (``115/11/27``,
``民國115年11月27日``, ``1151127``) are accepted as well and read by
``rules.roc_calendar.parse_date``. Money is integer New Taiwan dollars. A value
refused here answers 422 at ``["body", <field>]`` with the reason in zh-Hant and
English (api.errors).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict

from laborbureau.calculators import adapters
from laborbureau.rules import roc_calendar
from laborbureau.rules.articles import article, article_text
from laborbureau.rules.base import LegalBasis, RuleError, Step


def _read_date(value: Any) -> Any:
    """A date given as text in ISO or an ROC form; anything else is refused."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise RuleError(
            "date", "應為日期文字，如 2026-11-27 或 115/11/27。", "A date is text, e.g. 2026-11-27 or 115/11/27."
        )
    if len(value) > adapters.MAX_TEXT:
        raise RuleError("date", "日期文字太長。", "The date text is too long.")
    return roc_calendar.parse_date(value)


#: A date in ISO (2026-11-27) or an ROC form (115/11/27, 民國115年11月27日, 1151127).
InputDate = Annotated[date, BeforeValidator(_read_date)]

DATE_NOTE = "ISO 2026-11-27；亦接受民國寫法 115/11/27、民國115年11月27日、1151127 (ROC forms accepted)."


class CalculatorInput(Schema):
    """Unknown fields are refused, so a misspelt field name is not silently ignored."""

    model_config = ConfigDict(extra="forbid")


# --- common output -------------------------------------------------------------------


class BasisOut(Schema):
    law: str = Field(description="法規名稱 Name of the law (zh-Hant).", examples=["勞動基準法"])
    law_en: str = Field(description="Name of the law in English.", examples=["Labor Standards Act"])
    article: str = Field(description="條項款 Article reference.", examples=["第17條"])
    citation: str = Field(description="引用寫法 Citation as written in a decision.", examples=["勞動基準法第17條"])
    version: str = Field(description="適用之版本 Version of the provision applied.", examples=["2015-07-01 修正"])
    text: str | None = Field(
        description="條文內容（全國法規資料庫） Wording of the article (zh-Hant, as in the Laws & Regulations Database); null when not an article of a law.",
        examples=["雇主依前條終止勞動契約者，應依下列規定發給勞工資遣費：…"],
    )
    text_amended: str | None = Field(
        description="所示條文之修正公布日（現行條文；與 version 不同時，所適用者為當時之條文） Amendment that gave the wording shown its present form; the wording is today's, so where version names an earlier text, that earlier text was applied.",
        examples=["2015-02-04 修正公布"],
    )

    @staticmethod
    def of(basis: LegalBasis) -> dict:
        return {
            "law": basis.law,
            "law_en": basis.law_en,
            "article": basis.article,
            "citation": basis.cite(),
            "version": basis.version,
            "text": article_text(basis.law, basis.article),
            "text_amended": "；".join(item.amended for item in article(basis.law, basis.article)) or None,
        }


class StepOut(Schema):
    label: str = Field(description="步驟（中文） What this line is, zh-Hant.", examples=["平均工資"])
    label_en: str = Field(description="What this line is, in English.", examples=["average wage"])
    formula: str = Field(description="算式 How it was computed (may be empty).", examples=["45,000 × 3"])
    value: str = Field(description="結果 The value as displayed.", examples=["135,000"])
    basis: BasisOut | None = Field(description="本步驟依據之條文 Article this step applies, if any.")

    @staticmethod
    def of(step: Step) -> dict:
        return {
            "label": step.label_zh,
            "label_en": step.label_en,
            "formula": step.formula,
            "value": step.value,
            "basis": BasisOut.of(step.basis) if step.basis else None,
        }


class CalculationOut(Schema):
    basis: list[BasisOut] = Field(description="法律依據 Legal basis of the result.")
    version: str = Field(description="適用之規定版本 Version of the rule applied.", examples=["2024-01-01 起"])
    steps: list[StepOut] = Field(description="計算步驟 How the figures were reached, step by step.")


def outcome_body(outcome: adapters.Outcome) -> dict:
    return {
        "figures": outcome.figures,
        "basis": [BasisOut.of(item) for item in outcome.basis],
        "version": outcome.version,
        "steps": [StepOut.of(step) for step in outcome.steps],
    }


# --- identifier ----------------------------------------------------------------------


class IdentifierIn(CalculatorInput):
    kind: Literal["person", "business"] = Field(
        description="號碼種類：person＝身分證字號或外來人口統一證號，business＝營利事業統一編號。 Kind: person (national ID or UI number) or business (unified business number).",
        examples=["person"],
    )
    number: str = Field(
        max_length=adapters.MAX_TEXT,
        description="要檢查的號碼（大小寫、全形與空白不拘） The number to check (case, full-width characters and spaces are normalised).",
        examples=["A123456789"],
    )
    on: InputDate | None = Field(
        None,
        description="查核日期（統一編號之新檢查邏輯自2023-04-01起適用；預設今日） Date of the check (the divisible-by-5 business-number rule applies from 2023-04-01; default today). "
        + DATE_NOTE,
        examples=["2026-11-27"],
    )


class IdentifierFigures(Schema):
    valid: bool = Field(
        description="號碼正確 The number is valid (an invalid one answers 422 with the reason).", examples=[True]
    )
    normalized: str = Field(description="正規化後號碼 The number normalised.", examples=["A123456789"])
    id_kind: Literal["national_id", "arc_new", "arc_old", "business_id"] = Field(
        description="號碼種類 national_id 身分證, arc_new 新式統一證號, arc_old 舊式統一證號, business_id 統一編號.",
        examples=["national_id"],
    )
    sex: Literal["M", "F"] | None = Field(
        description="性別碼所示性別 Sex shown by the number (persons only).", examples=["M"]
    )
    rule: Literal["mod10", "mod5"] | None = Field(
        description="統一編號符合之檢查規則 Business-number check rule passed (mod10 original, mod5 from 2023-04-01).",
        examples=[None],
    )


class IdentifierOut(CalculationOut):
    figures: IdentifierFigures = Field(description="試算結果 The figures of the result.")


# --- ROC date ------------------------------------------------------------------------


class RocDateIn(CalculatorInput):
    date: str = Field(
        max_length=adapters.MAX_TEXT,
        description="民國或西元日期 An ROC or AD date: 115/11/27, 民國115年11月27日, 1151127, 2026-11-27, 2026年11月27日.",
        examples=["115/11/27"],
    )


class RocDateFigures(Schema):
    iso_date: str = Field(description="西元日期 AD date, ISO 8601.", examples=["2026-11-27"])
    roc_year: int = Field(description="民國年 ROC year.", examples=[115])
    month: int = Field(description="月 Month.", examples=[11])
    day: int = Field(description="日 Day.", examples=[27])
    roc_long: str = Field(description="公文寫法 Official long form.", examples=["民國115年11月27日"])
    roc_short: str = Field(description="表格寫法 Short form.", examples=["115/11/27"])
    roc_compact: str = Field(description="7碼寫法 Seven-digit form.", examples=["1151127"])
    weekday: int = Field(description="星期（1＝星期一…7＝星期日） ISO weekday, 1 Monday to 7 Sunday.", examples=[5])


class RocDateOut(CalculationOut):
    figures: RocDateFigures = Field(description="試算結果 The figures of the result.")


# --- working days --------------------------------------------------------------------


class WorkingDaysIn(CalculatorInput):
    start: InputDate = Field(
        description="起算日（事實發生日，不算入期間） Start day: the day of the event; not counted. " + DATE_NOTE,
        examples=["2026-11-27"],
    )
    days: int | None = Field(
        None,
        ge=1,
        le=adapters.MAX_DAYS,
        description="期間日數（與 end 至少擇一） Length of the period in days (give days, end or both).",
        examples=[10],
    )
    period_kind: Literal["working", "calendar"] = Field(
        "working",
        description="working＝以上班日計算；calendar＝以日曆日計算，末日逢放假日順延（行政程序法第48條第4項）。 Count working days, or calendar days with the end moved off a day off (APA Art. 48(4)).",
        examples=["working"],
    )
    end: InputDate | None = Field(
        None,
        description="結束日（計算起算日後至結束日之上班日數，結束日算入） End day: count the working days after start up to and including end. "
        + DATE_NOTE,
        examples=["2026-12-31"],
    )


class WorkingDaysFigures(Schema):
    due: str | None = Field(
        description="期間末日 Last day of the period (when days was given).", examples=["2026-12-11"]
    )
    nominal_end: str | None = Field(
        description="未順延前之末日 Last day before any extension (calendar periods).", examples=["2026-12-11"]
    )
    morning_only: bool | None = Field(
        description="末日為星期一上午（原末日為星期六） The period ends on Monday morning (nominal end a Saturday).",
        examples=[False],
    )
    extended: bool | None = Field(description="末日已順延 The last day was moved off a day off.", examples=[False])
    working_days: int | None = Field(
        description="起算日後至結束日之上班日數 Working days after start up to end (when end was given).", examples=[23]
    )


class WorkingDaysOut(CalculationOut):
    figures: WorkingDaysFigures = Field(description="試算結果 The figures of the result.")


# --- mass layoff -----------------------------------------------------------------------


class SiteIn(CalculatorInput):
    site: str = Field(
        min_length=1,
        max_length=adapters.MAX_TEXT,
        description="廠場名稱（同一事業單位之同一廠場） Name of the site (廠場) of the enterprise.",
        examples=["內湖廠"],
    )
    headcount: int = Field(
        ge=1,
        le=adapters.MAX_HEADCOUNT,
        description="解僱開始前該廠場僱用勞工人數（不含就業服務法第46條定期契約勞工） Workers employed at the site before the layoffs began, fixed-term workers excluded.",
        examples=[120],
    )


class LayoffIn(CalculatorInput):
    day: InputDate = Field(description="解僱日 Day of the layoff. " + DATE_NOTE, examples=["2026-03-02"])
    count: int = Field(
        ge=1,
        le=adapters.MAX_HEADCOUNT,
        description="當日於該廠場解僱人數（不含定期契約勞工） Workers laid off that day at that site, fixed-term workers excluded.",
        examples=[25],
    )
    site: str = Field(
        min_length=1,
        max_length=adapters.MAX_TEXT,
        description="廠場名稱（須列於 sites） The site, as named in sites.",
        examples=["內湖廠"],
    )


class MassLayoffIn(CalculatorInput):
    sites: list[SiteIn] = Field(
        min_length=1,
        max_length=adapters.MAX_SITES,
        description="各廠場及其僱用人數 Each site and its headcount.",
        examples=[[{"site": "內湖廠", "headcount": 120}]],
    )
    layoffs: list[LayoffIn] = Field(
        min_length=1,
        max_length=adapters.MAX_LAYOFFS,
        description="各日解僱人數 The dated layoffs.",
        examples=[[{"day": "2026-03-02", "count": 25, "site": "內湖廠"}]],
    )
    enterprise_headcount: int | None = Field(
        None,
        ge=1,
        le=adapters.MAX_HEADCOUNT,
        description="事業單位全體僱用勞工人數（僅2014-06-06前之解僱需要） Headcount of the whole enterprise; needed only for layoffs before 2014-06-06.",
        examples=[800],
    )
    sudden_event: bool = Field(
        False,
        description="因天災、事變或突發事件（第4條第1項但書，不受60日之限制） Natural disaster, incident or sudden event (Art. 4(1) proviso: no 60-day notice).",
        examples=[False],
    )


class MassLayoffFigures(Schema):
    crossed: bool = Field(description="是否達大量解僱門檻 Whether a threshold of Art. 2 was crossed.", examples=[True])
    crossing_date: str | None = Field(
        description="符合第2條情形之日 Day the threshold was crossed.", examples=["2026-03-02"]
    )
    clause: str | None = Field(description="適用條款 Clause crossed.", examples=["第2條第1項第2款"])
    site: str | None = Field(
        description="廠場（事業單位門檻時為 null） Site (null for the enterprise clauses).", examples=["內湖廠"]
    )
    limit: int | None = Field(
        description="門檻人數（逾此數即達門檻） The number that had to be exceeded.", examples=[20]
    )
    counted: int | None = Field(description="解僱人數 Number laid off that exceeded it.", examples=[25])
    single_day: bool = Field(description="依單日門檻 Crossed by the single-day limit.", examples=[True])
    window_start: str | None = Field(description="計算期間起日 First day of the window.", examples=["2026-03-02"])
    window_end: str | None = Field(description="計算期間迄日 Last day of the window.", examples=["2026-03-02"])
    notice_due: str | None = Field(
        description="解僱計畫書通知期限（第4條；突發事件為 null） Last day to notify the layoff plan (Art. 4); null for a sudden event.",
        examples=["2026-01-01"],
    )
    notice_retroactive: bool = Field(
        description="期限早於已發生之解僱（以事後加總方達門檻） The notice date lies before layoffs already made.",
        examples=[False],
    )


class MassLayoffOut(CalculationOut):
    figures: MassLayoffFigures = Field(description="試算結果 The figures of the result.")


# --- basic wage ----------------------------------------------------------------------------


class BasicWageIn(CalculatorInput):
    on: InputDate = Field(
        description="查詢日期 The date on which the wage applies. " + DATE_NOTE, examples=["2026-11-27"]
    )


class BasicWageFigures(Schema):
    monthly: int = Field(description="每月基本工資／最低工資（新臺幣元） Monthly figure, NTD.", examples=[29500])
    hourly: int = Field(description="每小時基本工資／最低工資（新臺幣元） Hourly figure, NTD.", examples=[196])
    effective_from: str = Field(description="本數額生效日 Date this figure took effect.", examples=["2026-01-01"])
    kind: Literal["basic_wage", "minimum_wage"] = Field(
        description="basic_wage 基本工資（2023年以前）或 minimum_wage 最低工資（2024年起）.", examples=["minimum_wage"]
    )


class BasicWageOut(CalculationOut):
    figures: BasicWageFigures = Field(description="試算結果 The figures of the result.")


# --- severance ----------------------------------------------------------------------------

Wage = Annotated[int, Field(ge=1, le=adapters.MAX_WAGE)]


class SeveranceIn(CalculatorInput):
    start: InputDate = Field(
        description="到職日（年資起算日） First day of employment. " + DATE_NOTE, examples=["2018-03-01"]
    )
    end: InputDate = Field(
        description="離職日（最後工作日，算入年資） Last day of employment (counted). " + DATE_NOTE,
        examples=["2026-11-30"],
    )
    average_monthly_wage: Wage = Field(
        description="一個月平均工資（新臺幣元，勞動基準法第2條第4款） Average monthly wage in NTD (LSA Art. 2(4)); at most 10,000,000.",
        examples=[45000],
    )
    system: Literal["old", "new", "mixed"] = Field(
        description="old＝舊制（勞基法第17條）；new＝新制（勞退條例第12條）；mixed＝新舊制年資併存（勞退條例第11條）. Which system applies.",
        examples=["new"],
    )
    switch_date: InputDate | None = Field(
        None,
        description="新制適用日（僅 mixed；預設2005-07-01） First day under the new system (mixed only; default 2005-07-01). "
        + DATE_NOTE,
        examples=["2005-07-01"],
    )


class SeveranceFigures(Schema):
    amount: int = Field(
        description="資遣費（新臺幣元，四捨五入至元） Severance pay, NTD, rounded half up.", examples=[196875]
    )
    system: Literal["old", "new", "mixed"] = Field(description="適用制度 System applied.", examples=["new"])
    bases: str = Field(description="基數（精確分數） Months of average wage, exact fraction.", examples=["35/8"])
    old_system_amount: int | None = Field(description="舊制年資部分 Old-system part (display).", examples=[None])
    old_system_bases: str | None = Field(description="舊制基數 Old-system bases.", examples=[None])
    new_system_amount: int | None = Field(description="新制年資部分 New-system part (display).", examples=[196875])
    new_system_bases: str | None = Field(description="新制基數 New-system bases.", examples=["35/8"])
    new_system_capped: bool | None = Field(
        description="新制已達6個月上限 New-system 6-month cap reached.", examples=[False]
    )
    switch_date: str | None = Field(description="新制適用日 First day under the new system.", examples=[None])


class SeveranceOut(CalculationOut):
    figures: SeveranceFigures = Field(description="試算結果 The figures of the result.")


# --- retirement ---------------------------------------------------------------------------


class RetirementIn(CalculatorInput):
    start: InputDate = Field(
        description="到職日（年資起算日） First day of employment. " + DATE_NOTE, examples=["1996-08-01"]
    )
    end: InputDate = Field(
        description="舊制年資截止日（含；新舊制併存者為新制適用日前一日） Last day of old-system seniority (inclusive). "
        + DATE_NOTE,
        examples=["2026-07-31"],
    )
    average_monthly_wage: Wage = Field(
        description="核准退休時一個月平均工資（新臺幣元） Average monthly wage at the approved retirement, NTD; at most 10,000,000.",
        examples=[52000],
    )
    duty_incapacity: bool = Field(
        False,
        description="依第54條第1項第2款強制退休且身心障礙係因執行職務所致（加給20%） Forced retirement for an incapacity caused by the duties (+20%).",
        examples=[False],
    )
    on: InputDate | None = Field(
        None, description="退休日（預設同 end） Retirement date (default: end). " + DATE_NOTE, examples=["2026-07-31"]
    )


class RetirementFigures(Schema):
    amount: int = Field(
        description="退休金（新臺幣元，四捨五入至元） Retirement pay, NTD, rounded half up.", examples=[1560000]
    )
    counted_years: str = Field(description="採計年資（年，半年為單位） Seniority counted, in years.", examples=["30"])
    bases: str = Field(description="基數 Bases (months of average wage).", examples=["45"])
    bases_before_cap: str = Field(description="上限前基數 Bases before the 45-base cap.", examples=["45"])
    capped: bool = Field(description="已達45基數上限 Cap reached.", examples=[False])
    bonus_applied: bool = Field(description="已加給20% 20% increase applied.", examples=[False])
    on: str = Field(description="退休日 Retirement date.", examples=["2026-07-31"])


class RetirementOut(CalculationOut):
    figures: RetirementFigures = Field(description="試算結果 The figures of the result.")


# --- overtime -----------------------------------------------------------------------------


class OvertimeIn(CalculatorInput):
    work_date: InputDate = Field(description="工作日期 Date of the work. " + DATE_NOTE, examples=["2026-11-27"])
    day_type: Literal["workday", "rest_day", "regular_day_off", "holiday"] = Field(
        description="日別：workday 平日、rest_day 休息日、regular_day_off 例假、holiday 休假日（國定假日／特別休假）. Kind of day.",
        examples=["rest_day"],
    )
    hours: Decimal = Field(
        gt=0,
        le=adapters.MAX_HOURS,
        max_digits=4,
        decimal_places=2,
        description="平日為延長工時時數；其他日別為當日工作時數（可含小數，如 2.5） Hours beyond the normal day on a workday; hours worked on other days.",
        examples=[3],
    )
    monthly_wage: Wage | None = Field(
        None,
        description="月薪（正常工時之工資，與 hourly_wage 擇一；時薪＝月薪÷30÷8） Monthly wage for normal hours (give this or hourly_wage).",
        examples=[36000],
    )
    hourly_wage: Annotated[int, Field(ge=1, le=100_000)] | None = Field(
        None, description="時薪（與 monthly_wage 擇一） Hourly wage (give this or monthly_wage).", examples=[196]
    )


class OvertimeFigures(Schema):
    amount: int = Field(
        description="應加給之工資（新臺幣元，四捨五入至元） Extra pay owed, NTD, rounded half up.", examples=[650]
    )
    day_type: str = Field(description="日別 Kind of day.", examples=["rest_day"])
    hours: str = Field(description="工作時數 Hours worked.", examples=["3"])
    counted_hours: str = Field(description="計算時數 Hours counted.", examples=["3"])
    hourly_wage: str = Field(description="平日每小時工資額（精確分數） Regular hourly wage, exact.", examples=["150"])
    compensatory_rest: bool = Field(
        description="應於事後補假休息（第40條） Compensatory rest owed (Art. 40).", examples=[False]
    )


class OvertimeOut(CalculationOut):
    figures: OvertimeFigures = Field(description="試算結果 The figures of the result.")


# --- unemployment benefit -----------------------------------------------------------------


class UnemploymentIn(CalculatorInput):
    on: InputDate = Field(
        description="求職登記（申請）日 Date of the job registration / application. " + DATE_NOTE,
        examples=["2026-03-02"],
    )
    separation_date: InputDate = Field(
        description="離職退保日 Day the insured left and was withdrawn from the insurance. " + DATE_NOTE,
        examples=["2026-02-27"],
    )
    birth_date: InputDate = Field(description="出生日期 Date of birth. " + DATE_NOTE, examples=["1985-05-05"])
    insured_salaries: list[Wage] = Field(
        min_length=6,
        max_length=6,
        description="離職退保當月起前六個月之月投保薪資（6筆，新臺幣元） The six monthly insured salaries counted back from the month of leaving, NTD.",
        examples=[[45800, 45800, 45800, 45800, 45800, 45800]],
    )
    dependants: list[Literal["parent", "spouse", "minor_child", "disabled_child"]] = Field(
        default_factory=list,
        max_length=20,
        description="受扶養且無工作收入之眷屬（每人一筆）：parent 父母、spouse 配偶、minor_child 未成年子女、disabled_child 身心障礙子女. Supported dependants without work income, one entry each.",
        examples=[["spouse", "minor_child"]],
    )
    disability_certificate: bool = Field(
        False, description="離職退保時領有身心障礙證明 Held a disability certificate when leaving.", examples=[False]
    )


class RecertificationOut(Schema):
    month: int = Field(description="給付月次 Benefit month.", examples=[1])
    period_start: str = Field(description="該月給付期間起日 First day of the benefit month.", examples=["2026-03-16"])
    period_end: str = Field(description="該月給付期間迄日 Last day of the benefit month.", examples=["2026-04-15"])
    office_day: str = Field(
        description="起日當日或其後第一個上班日 First office working day on or after the start.",
        examples=["2026-03-16"],
    )
    initial: bool = Field(description="初次認定（第1個月） The initial recognition (month 1).", examples=[True])


class UnemploymentFigures(Schema):
    monthly_benefit: int = Field(
        description="每月失業給付（含眷屬加給） Monthly benefit with the dependants' supplement, NTD.", examples=[32060]
    )
    base_amount: int = Field(description="基本給付（平均月投保薪資60%） Base benefit (60%), NTD.", examples=[27480])
    average_insured_salary: str = Field(
        description="平均月投保薪資（精確分數） Average insured salary, exact.", examples=["45800"]
    )
    rate: str = Field(description="給付比率（分數） Rate applied, as a fraction.", examples=["7/10"])
    dependants_counted: int = Field(
        description="加給之眷屬人數（最多2人） Dependants counted (at most 2).", examples=[1]
    )
    max_months: int = Field(description="最長給付月數 Maximum months.", examples=[6])
    extended_by: Literal["age", "disability"] | None = Field(
        description="延長為9個月之原因 Why 9 months.", examples=[None]
    )
    total_if_paid_in_full: int = Field(description="領滿之總額 Total if paid for every month.", examples=[192360])
    first_benefit_day: str = Field(
        description="給付起算日（求職登記之第15日） First benefit day.", examples=["2026-03-16"]
    )
    schedule: list[RecertificationOut] = Field(
        description="失業認定及每月再認定日期 Recognition and monthly re-certification dates."
    )


class UnemploymentOut(CalculationOut):
    figures: UnemploymentFigures = Field(description="試算結果 The figures of the result.")


# --- disability quota ---------------------------------------------------------------------


class EmployedIn(CalculatorInput):
    severity: Literal["mild", "moderate", "severe", "very_severe"] = Field(
        description="障礙等級：mild 輕度、moderate 中度、severe 重度、very_severe 極重度. Severity on the disability certificate.",
        examples=["severe"],
    )
    part_time: bool = Field(False, description="部分工時 Part-time.", examples=[False])
    monthly_pay: Annotated[int, Field(ge=0, le=adapters.MAX_WAGE)] | None = Field(
        None,
        description="月領薪資（選填；填寫時適用第38條第4項之薪資門檻） Monthly pay, optional; when given the pay thresholds of Art. 38(4) apply.",
        examples=[32000],
    )


class DisabilityQuotaIn(CalculatorInput):
    on: InputDate = Field(
        description="計算月份之一日（每月一日參加勞保、公保人數為準） The 1st of the month counted. " + DATE_NOTE,
        examples=["2026-11-01"],
    )
    sector: Literal["public", "private"] = Field(
        description="public＝各級政府機關、公立學校及公營事業機構；private＝私立學校、團體及民營事業機構. Sector.",
        examples=["private"],
    )
    headcount: Decimal = Field(
        ge=0,
        le=adapters.MAX_HEADCOUNT,
        max_digits=9,
        decimal_places=1,
        description="員工總人數（依第38條第3至5項計算；部分工時2人以1人計，可為 .5） Staff total under Art. 38(3)-(5); may end in .5.",
        examples=[250],
    )
    employed: list[EmployedIn] = Field(
        default_factory=list,
        max_length=10_000,
        description="進用之身心障礙員工（每人一筆） Employees with a disability certificate, one entry each.",
        examples=[[{"severity": "severe", "part_time": False}]],
    )


class DisabilityQuotaFigures(Schema):
    obliged: bool = Field(description="是否為義務機關（構） Whether the employer is obliged.", examples=[True])
    required: int = Field(description="應進用人數（小數捨去） Required number (fractions dropped).", examples=[2])
    counted: str = Field(description="已進用人數（核計，可為半數） Number counted (may be a half).", examples=["2"])
    shortfall: str = Field(description="不足人數 Shortfall.", examples=["0"])
    surplus: str = Field(description="超額進用人數 Surplus.", examples=["0"])
    wage: int = Field(
        description="該月每月基本工資（最低工資） Monthly basic/minimum wage of the month.", examples=[29500]
    )
    monthly_fee: int = Field(description="每月差額補助費（新臺幣元） Monthly shortfall fee, NTD.", examples=[0])


class DisabilityQuotaOut(CalculationOut):
    figures: DisabilityQuotaFigures = Field(description="試算結果 The figures of the result.")
