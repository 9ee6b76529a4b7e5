"""Overtime and holiday pay: 勞動基準法第24條, 第39條, 第40條.

What the result is: the pay owed for the work on ``work_date`` **in addition to
the regular wage** the worker already receives for that day.  For a
monthly-paid worker the monthly wage already pays rest days, holidays and
regular days off (第39條 "工資應由雇主照給"), so the result is the whole
overtime / holiday pay; an hourly-paid worker is also owed the day's regular
wage where 第39條 applies, which is not part of this figure.

Hourly wage (平日每小時工資額): ``monthly_wage`` ÷ 30 ÷ 8 (勞委會96年8月7日
勞動2字第0960130677號函: a monthly wage agreed for 240 hours), kept exact;
or pass ``hourly_wage`` directly.  ``monthly_wage`` is the wage for normal
working hours (not including overtime pay).

Rates by day type (multiples of the hourly wage, per hour worked):

``workday`` — ``hours`` = hours beyond the normal working hours of the day.
    第24條第1項: first 2 hours ×1⅓ (加給三分之一), next 2 hours ×1⅔.
    Refused above 4 hours: with 8 normal hours that exceeds the 12-hour daily
    cap of 第32條第2項 (normal + extended).  Emergency extension under 第32條
    第3項 (第4項 from 2018-03-01), paid ×2 by 第24條第1項第3款, is not modelled
    for workdays.
``rest_day`` (休息日, 第36條) — ``hours`` = hours worked that day.  第24條第2項
    (from 2016-12-23): first 2 hours ×1⅓ (另再加給一又三分之一), hours 3–8 ×1⅔;
    hours 9–12 ×2⅔ (勞動部105年12月21日函釋).  From 2016-12-23 to 2018-02-28
    第24條第3項 counted the rest-day hours *and pay* in blocks: up to 4 hours
    as 4, over 4 up to 8 as 8, over 8 up to 12 as 12 (做一給四); the amendment
    promulgated 2018-01-31 repealed it from 2018-03-01 (actual hours).  Refused
    above 12 hours (第32條第2項).  Dates before 2016-12-23 are refused: the
    rest day of the 2016 amendment did not exist yet, and the earlier
    Ministry letters on the "休息日" of the 40-hour week (stopped 2016-12-23)
    are not modelled.
``holiday`` (休假日: 第37條 holidays, and 特別休假 worked, 第39條) — within 8
    hours: one extra day's wage (8 × hourly wage) whatever the hours worked
    (工資加倍發給); beyond 8 hours: 第24條第1項 rates (×1⅓ for 2 hours, ×1⅔
    for 2 more).  Refused above 12 hours.
``regular_day_off`` (例假, 第36條; worked only for 天災、事變或突發事件, 第40條)
    — within 8 hours: one extra day's wage (加倍發給) and a compensatory rest
    day afterwards (事後補假休息, flagged ``compensatory_rest``); beyond 8
    hours: ×2 as emergency extension (第24條第1項第3款 with 第32條第3/4項).
    Up to 24 hours (the emergency extension is not bound by the 12-hour cap).

The treatment of hours beyond 8 on a holiday or regular day off follows the
Ministry's published practice as we understand it; it was not found in a
stored copy of a Ministry letter (see the report in the commit history).

Rounding: all multiples stay exact fractions (hours may be fractional, e.g.
``"1.5"`` or ``Fraction(3, 2)``); the amount is rounded half up to the NTD
once, at the end, as the Ministry's 加班費試算 does with its result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Final, Literal

from laborbureau.rules.base import LegalBasis, RuleError, Step
from laborbureau.rules.wages import money, round_half_up

__all__ = ["DAY_TYPES", "OvertimePay", "OvertimeSegment", "hourly_wage_from_monthly", "overtime_pay"]

DayType = Literal["workday", "rest_day", "regular_day_off", "holiday"]
DAY_TYPES: Final = ("workday", "rest_day", "regular_day_off", "holiday")
_DAY_NAMES: Final = {
    "workday": ("平日（正常工作日）", "regular working day"),
    "rest_day": ("休息日", "rest day"),
    "regular_day_off": ("例假", "regular day off"),
    "holiday": ("休假日（國定假日／特別休假）", "holiday (national holiday / annual leave)"),
}
_LSA = "勞動基準法"
_LSA_EN = "Labor Standards Act"
_REST_DAY_FROM: Final = date(2016, 12, 23)


@dataclass(frozen=True, slots=True)
class OvertimeSegment:
    """One rate band: ``hours`` paid at ``multiplier`` × hourly wage (or a flat extra day)."""

    label_zh: str
    label_en: str
    hours: Fraction
    multiplier: Fraction
    amount: Fraction
    basis: LegalBasis
    formula: str = ""


@dataclass(frozen=True, slots=True)
class OvertimePay:
    """Pay owed for work on a day, on top of the regular wage.

    ``amount`` in NTD (rounded once); ``hours`` as given; ``counted_hours`` the
    hours the pay was computed on (differs under the 2016–2018 rest-day
    blocks); ``hourly_wage`` exact.
    """

    amount: int
    work_date: date
    day_type: str
    hours: Fraction
    counted_hours: Fraction
    hourly_wage: Fraction
    segments: tuple[OvertimeSegment, ...]
    compensatory_rest: bool
    basis: tuple[LegalBasis, ...]
    version: str
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class _Version:
    effective_from: date
    effective_to: date | None
    label: str
    article_version: str
    rest_day: str | None
    rest_day_blocks: tuple[int, ...]
    emergency_article: str
    cap_article: str


@cache
def _data() -> dict[str, Any]:
    return json.loads(
        resources.files("laborbureau.rules").joinpath("data", "overtime.json").read_text(encoding="utf-8")
    )


@cache
def _versions() -> tuple[_Version, ...]:
    return tuple(
        _Version(
            effective_from=date.fromisoformat(item["effective_from"]),
            effective_to=None if item["effective_to"] is None else date.fromisoformat(item["effective_to"]),
            label=item["label"],
            article_version=item["article_version"],
            rest_day=item["rest_day"],
            rest_day_blocks=tuple(item.get("rest_day_blocks", ())),
            emergency_article=item["emergency_article"],
            cap_article=item["cap_article"],
        )
        for item in _data()["versions"]
    )


def _tiers(name: str) -> list[tuple[Fraction, Fraction]]:
    return [(Fraction(width), Fraction(rate)) for width, rate in _data()["tiers"][name]]


def _version_on(on: date) -> _Version:
    start = date.fromisoformat(_data()["coverage_start"])
    if on < start:
        raise RuleError(
            "work_date",
            f"加班費規定自{start.isoformat()}起收錄，無法計算{on.isoformat()}之加班費。",
            f"Overtime rules are recorded from {start.isoformat()} only.",
        )
    for version in _versions():
        if version.effective_from <= on and (version.effective_to is None or on <= version.effective_to):
            return version
    raise AssertionError("overtime.json versions must cover every date from the coverage start")


def hourly_wage_from_monthly(monthly_wage: int) -> Fraction:
    """平日每小時工資額 of a monthly wage: ÷ 30 ÷ 8, exact."""
    spec = _data()["hourly_wage"]
    return Fraction(monthly_wage, spec["days"] * spec["hours"])


def _parse_hours(hours: Any) -> Fraction:
    if isinstance(hours, bool) or isinstance(hours, float):
        raise RuleError(
            "hours",
            "工作時數請以整數、分數或小數字串表示（不得為浮點數）。",
            "Give hours as int, Fraction or a decimal string.",
        )
    if isinstance(hours, int | Fraction):
        value = Fraction(hours)
    elif isinstance(hours, str):
        try:
            value = Fraction(hours.strip())
        except (ValueError, ZeroDivisionError):
            raise RuleError("hours", f"無法辨識的工作時數「{hours}」。", f"Unrecognised number of hours {hours!r}.")
    else:
        raise RuleError("hours", "工作時數格式錯誤。", "Hours must be a number.")
    if value <= 0:
        raise RuleError("hours", "工作時數應大於零。", "Hours must be positive.")
    return value


def _money_arg(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(field, "工資應為新臺幣整數元。", "Wages must be an integer number of NTD.")
    if value <= 0:
        raise RuleError(field, "工資應大於零。", "Wages must be positive.")
    return value


def _banded(
    hours: Fraction, tiers: list[tuple[Fraction, Fraction]], hourly: Fraction, basis: LegalBasis, offset: int
) -> list[OvertimeSegment]:
    segments = []
    remaining = hours
    position = offset
    for width, rate in tiers:
        if remaining <= 0:
            break
        used = min(remaining, width)
        first, last = position + 1, position + used
        label = f"第{first}～{money(last)}小時" if used > 1 else f"第{first}小時"
        segments.append(
            OvertimeSegment(
                f"{label} × {_rate_text(rate)}",
                f"hours {first}–{money(last)} × {_rate_text(rate)}",
                used,
                rate,
                used * hourly * rate,
                basis,
                f"{money(hourly)} × {money(used)} × {_rate_text(rate)}",
            )
        )
        remaining -= used
        position += int(width)
    if remaining > 0:
        raise AssertionError("hours beyond the last tier must be refused before banding")
    return segments


def _rate_text(rate: Fraction) -> str:
    if rate.denominator == 1:
        return str(rate.numerator)
    whole, rest = divmod(rate.numerator, rate.denominator)
    return f"{whole}又{rest}/{rate.denominator}" if whole else f"{rest}/{rate.denominator}"


def overtime_pay(
    *,
    work_date: date,
    day_type: DayType,
    hours: Fraction | int | str,
    monthly_wage: int | None = None,
    hourly_wage: int | None = None,
) -> OvertimePay:
    """Overtime / holiday pay for ``hours`` of work on ``work_date`` of ``day_type``.

    Give exactly one of ``monthly_wage`` (hourly = ÷30÷8) or ``hourly_wage``.
    Raises :class:`RuleError` on an unknown day type, non-positive hours, hours
    beyond the statutory daily cap, or a date outside the rules recorded.
    """
    if not isinstance(work_date, date):
        raise RuleError("work_date", "工作日期應為日期。", "The work date must be a date.")
    if day_type not in DAY_TYPES:
        raise RuleError(
            "day_type",
            f"未知的日別「{day_type}」；應為平日、休息日、例假或休假日。",
            f"Unknown day type {day_type!r}; use one of {', '.join(DAY_TYPES)}.",
        )
    version = _version_on(work_date)
    worked = _parse_hours(hours)
    if (monthly_wage is None) == (hourly_wage is None):
        raise RuleError("monthly_wage", "請擇一填寫月薪或時薪。", "Give either the monthly wage or the hourly wage.")
    steps: list[Step] = [
        Step("工作日期", "work date", work_date.isoformat()),
        Step("日別", "day type", f"{_DAY_NAMES[day_type][0]} / {_DAY_NAMES[day_type][1]}"),
        Step("工作時數", "hours", money(worked)),
    ]
    if monthly_wage is not None:
        monthly = _money_arg(monthly_wage, "monthly_wage")
        hourly = hourly_wage_from_monthly(monthly)
        steps.append(Step("平日每小時工資額", "hourly wage", money(hourly), f"{monthly:,} ÷ 30 ÷ 8"))
    else:
        hourly = Fraction(_money_arg(hourly_wage, "hourly_wage"))
        steps.append(Step("平日每小時工資額", "hourly wage", money(hourly)))

    art24_1 = LegalBasis(_LSA, "第24條第1項", version.article_version, _LSA_EN)
    cap_basis = LegalBasis(_LSA, version.cap_article, version.article_version, _LSA_EN)
    data = _data()
    normal = Fraction(data["normal_daily_hours"])
    cap = Fraction(data["daily_cap_hours"])
    counted = worked
    compensatory = False
    segments: list[OvertimeSegment]
    basis: tuple[LegalBasis, ...]

    if day_type == "workday":
        if worked > cap - normal:
            raise RuleError(
                "hours",
                f"平日延長工作時間{money(worked)}小時，連同正常工作時間8小時已逾一日12小時之上限"
                f"（勞動基準法{version.cap_article}）；本計算不予計算。",
                f"{money(worked)} overtime hours plus 8 normal hours exceed the 12-hour daily cap (LSA Art. 32(2)).",
            )
        segments = _banded(worked, _tiers("workday"), hourly, art24_1, 0)
        basis = (art24_1, cap_basis)
    elif day_type == "rest_day":
        if work_date < _REST_DAY_FROM:
            raise RuleError(
                "work_date",
                f"休息日出勤工資規定（勞動基準法第24條第2項）自{_REST_DAY_FROM.isoformat()}施行；"
                "其前之休息日工作依當時函釋處理，本計算不適用。",
                f"Rest-day pay (LSA Art. 24(2)) applies from {_REST_DAY_FROM.isoformat()}; earlier dates are "
                "not computed.",
            )
        if worked > cap:
            raise RuleError(
                "hours",
                f"休息日工作{money(worked)}小時，已逾一日12小時之上限（勞動基準法{version.cap_article}）。",
                f"{money(worked)} hours on a rest day exceed the 12-hour daily cap (LSA Art. 32(2)).",
            )
        art24_2 = LegalBasis(_LSA, "第24條第2項", version.article_version, _LSA_EN)
        basis = (art24_2,)
        if version.rest_day == "blocks":
            counted = Fraction(next(block for block in version.rest_day_blocks if worked <= block))
            art24_3 = LegalBasis(_LSA, "第24條第3項", version.article_version, _LSA_EN)
            basis += (art24_3,)
            steps.append(
                Step(
                    "休息日工作時間計算（四小時以內以四小時計；逾四至八小時以八小時計；逾八至十二小時以十二小時計）",
                    "rest-day hours counted in blocks of 4 / 8 / 12",
                    money(counted),
                    basis=art24_3,
                )
            )
        segments = _banded(counted, _tiers("rest_day"), hourly, art24_2, 0)
        basis += (cap_basis,)
    else:
        if day_type == "holiday":
            day_basis = LegalBasis(_LSA, "第39條", version.article_version, _LSA_EN)
            limit = cap
            beyond_tiers = _tiers("holiday_beyond_8")
            beyond_basis = art24_1
            limit_basis = cap_basis
        else:
            day_basis = LegalBasis(_LSA, "第40條", version.article_version, _LSA_EN)
            limit = Fraction(data["regular_day_off_max_hours"])
            beyond_tiers = _tiers("regular_day_off_beyond_8")
            beyond_basis = LegalBasis(_LSA, "第24條第1項第3款", version.article_version, _LSA_EN)
            limit_basis = LegalBasis(_LSA, version.emergency_article, version.article_version, _LSA_EN)
            compensatory = True
        if worked > limit:
            raise RuleError(
                "hours",
                f"{_DAY_NAMES[day_type][0]}工作{money(worked)}小時，逾一日{money(limit)}小時之上限。",
                f"{money(worked)} hours exceed the {money(limit)}-hour limit for the day.",
            )
        within = min(worked, normal)
        extra_day = normal * hourly
        segments = [
            OvertimeSegment(
                f"8小時以內：加發1日工資（實際工作{money(within)}小時）",
                f"within 8 hours: one extra day's wage ({money(within)} h worked)",
                normal,
                Fraction(1),
                extra_day,
                day_basis,
                f"{money(hourly)} × {money(normal)}",
            )
        ]
        if worked > normal:
            segments += _banded(worked - normal, beyond_tiers, hourly, beyond_basis, int(normal))
        basis = (day_basis,) + ((beyond_basis, limit_basis) if worked > normal else ())
        if compensatory:
            steps.append(Step("事後補假休息", "compensatory rest day owed", "是 / yes", basis=day_basis))

    for segment in segments:
        steps.append(
            Step(
                segment.label_zh,
                segment.label_en,
                money(segment.amount),
                segment.formula,
                segment.basis,
            )
        )
    total = sum((segment.amount for segment in segments), Fraction(0))
    amount = round_half_up(total)
    steps.append(Step("應給付工資（元以下四捨五入）", "amount owed (rounded to NTD)", f"{amount:,}", money(total)))
    return OvertimePay(
        amount=amount,
        work_date=work_date,
        day_type=day_type,
        hours=worked,
        counted_hours=counted,
        hourly_wage=hourly,
        segments=tuple(segments),
        compensatory_rest=compensatory,
        basis=basis,
        version=version.label,
        steps=tuple(steps),
    )
