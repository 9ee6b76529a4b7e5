"""Tests for laborbureau.rules.overtime (勞動基準法第24條、第39條、第40條)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.overtime import DAY_TYPES, hourly_wage_from_monthly, overtime_pay

TODAY = date(2026, 11, 27)


def test_hourly_wage_is_monthly_over_240():
    """勞動2字第0960130677號函 (g0v/labor-standards-tw test): 月薪36,000元 → 平均時薪150元."""
    assert hourly_wage_from_monthly(36_000) == 150
    assert hourly_wage_from_monthly(29_500) == Fraction(29_500, 240)


@pytest.mark.parametrize(("hours", "amount"), [(1, 200), (2, 400), (3, 650), (4, 900), ("2.5", 525)])
def test_workday_bands(hours, amount):
    """g0v/labor-standards-tw: 時薪150, 平日工作10小時 (2 h overtime) → 400; 第3、4小時 × 1⅔."""
    result = overtime_pay(work_date=TODAY, day_type="workday", hours=hours, monthly_wage=36_000)
    assert result.amount == amount
    assert result.basis[0].cite() == "勞動基準法第24條第1項"


def test_workday_beyond_the_daily_cap_is_refused():
    """第32條第2項: 正常工時連同延長工時一日不得超過12小時."""
    with pytest.raises(RuleError) as caught:
        overtime_pay(work_date=TODAY, day_type="workday", hours="4.01", monthly_wage=36_000)
    assert caught.value.field == "hours"
    assert "第32條第2項" in caught.value.message_zh


@pytest.mark.parametrize(
    ("hours", "amount"),
    [(1, 200), (2, 400), (3, 650), (8, 1_900), (9, 2_300), (12, 3_500)],
)
def test_rest_day_actual_hours_from_2018_03_01(hours, amount):
    """第24條第2項 (2018-03-01 起核實計算); 第9～12小時 × 2⅔ (勞動部105年12月21日函釋)."""
    result = overtime_pay(work_date=date(2018, 3, 1), day_type="rest_day", hours=hours, monthly_wage=36_000)
    assert result.amount == amount
    assert result.counted_hours == hours
    assert result.version.startswith("2018-03-01")


@pytest.mark.parametrize(
    ("hours", "counted", "amount"),
    [(1, 4, 900), (2, 4, 900), (4, 4, 900), (5, 8, 1_900), (8, 8, 1_900), ("8.5", 12, 3_500), (12, 12, 3_500)],
)
def test_rest_day_blocks_from_2016_12_23_to_2018_02_28(hours, counted, amount):
    """第24條第3項 (2016-12-21 修正): 四小時以內以四小時計… g0v hackpad 例: 時薪150、休息日工作2小時 → 900."""
    result = overtime_pay(work_date=date(2018, 2, 28), day_type="rest_day", hours=hours, monthly_wage=36_000)
    assert result.counted_hours == counted
    assert result.amount == amount
    assert "勞動基準法第24條第3項" in [b.cite() for b in result.basis]


def test_rest_day_rule_changes_on_2018_03_01():
    before = overtime_pay(work_date=date(2018, 2, 28), day_type="rest_day", hours=1, monthly_wage=36_000)
    after = overtime_pay(work_date=date(2018, 3, 1), day_type="rest_day", hours=1, monthly_wage=36_000)
    assert (before.amount, after.amount) == (900, 200)


def test_rest_day_before_the_2016_amendment_is_refused():
    first = overtime_pay(work_date=date(2016, 12, 23), day_type="rest_day", hours=2, monthly_wage=36_000)
    assert first.counted_hours == 4
    with pytest.raises(RuleError) as caught:
        overtime_pay(work_date=date(2016, 12, 22), day_type="rest_day", hours=2, monthly_wage=36_000)
    assert caught.value.field == "work_date"


def test_rest_day_beyond_twelve_hours_is_refused():
    with pytest.raises(RuleError) as caught:
        overtime_pay(work_date=TODAY, day_type="rest_day", hours=13, monthly_wage=36_000)
    assert caught.value.field == "hours"


@pytest.mark.parametrize(("hours", "amount"), [(1, 1_200), (8, 1_200), (9, 1_400), (10, 1_600), (12, 2_100)])
def test_holiday_one_extra_day_within_eight_hours(hours, amount):
    """第39條: 休假日工作工資加倍發給 — 8小時以內加發1日工資；逾8小時依第24條第1項."""
    result = overtime_pay(work_date=date(2025, 10, 10), day_type="holiday", hours=hours, monthly_wage=36_000)
    assert result.amount == amount
    assert result.basis[0].cite() == "勞動基準法第39條"
    assert not result.compensatory_rest


@pytest.mark.parametrize(("hours", "amount"), [(2, 1_200), (8, 1_200), (10, 1_800), (16, 3_600)])
def test_regular_day_off_double_pay_and_compensatory_rest(hours, amount):
    """第40條: 例假停止之工資加倍發給並事後補假休息；逾8小時 × 2 (第24條第1項第3款)."""
    result = overtime_pay(work_date=TODAY, day_type="regular_day_off", hours=hours, monthly_wage=36_000)
    assert result.amount == amount
    assert result.compensatory_rest
    assert result.basis[0].cite() == "勞動基準法第40條"


def test_regular_day_off_cites_the_renumbered_emergency_paragraph():
    old = overtime_pay(work_date=date(2018, 2, 28), day_type="regular_day_off", hours=9, monthly_wage=36_000)
    new = overtime_pay(work_date=date(2018, 3, 1), day_type="regular_day_off", hours=9, monthly_wage=36_000)
    assert "勞動基準法第32條第3項" in [b.cite() for b in old.basis]
    assert "勞動基準法第32條第4項" in [b.cite() for b in new.basis]


def test_hourly_wage_input_and_rounding_once():
    # 29,500 ÷ 240 = 122.9166…; 2 h × 4/3 → 327.77… → 328
    result = overtime_pay(work_date=TODAY, day_type="workday", hours=2, monthly_wage=29_500)
    assert result.amount == 328
    hourly = overtime_pay(work_date=TODAY, day_type="workday", hours=3, hourly_wage=196)
    assert hourly.amount == round_half(Fraction(196) * (Fraction(8, 3) + Fraction(5, 3)))


def round_half(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"day_type": "weekend"}, "day_type"),
        ({"hours": 0}, "hours"),
        ({"hours": -1}, "hours"),
        ({"hours": 1.5}, "hours"),
        ({"hours": "abc"}, "hours"),
        ({"hours": True}, "hours"),
        ({"work_date": date(2012, 12, 31)}, "work_date"),
        ({"monthly_wage": None}, "monthly_wage"),
        ({"hourly_wage": 200}, "monthly_wage"),
        ({"monthly_wage": 0}, "monthly_wage"),
        ({"monthly_wage": 36000.0}, "monthly_wage"),
        ({"monthly_wage": None, "hourly_wage": -5}, "hourly_wage"),
        ({"day_type": "holiday", "hours": 13}, "hours"),
        ({"day_type": "regular_day_off", "hours": 25}, "hours"),
    ],
)
def test_impossible_input_is_refused(kwargs, field):
    arguments = {"work_date": TODAY, "day_type": "workday", "hours": 2, "monthly_wage": 36_000}
    arguments.update(kwargs)
    with pytest.raises(RuleError) as caught:
        overtime_pay(**arguments)
    assert caught.value.field == field


def test_coverage_starts_2013():
    result = overtime_pay(work_date=date(2013, 1, 1), day_type="workday", hours=2, monthly_wage=36_000)
    assert result.amount == 400
    assert result.version.startswith("勞動基準法第24條（2016-12-21 修正前）")


def test_steps_end_with_the_amount():
    result = overtime_pay(work_date=TODAY, day_type="rest_day", hours=9, monthly_wage=36_000)
    assert result.steps[-1].value == "2,300"
    assert any("2又2/3" in step.label_zh for step in result.steps)


hours_strategy = st.fractions(min_value=Fraction(1, 4), max_value=24, max_denominator=60)
limits = {"workday": 4, "rest_day": 12, "holiday": 12, "regular_day_off": 24}


@given(
    st.sampled_from(DAY_TYPES),
    hours_strategy,
    hours_strategy,
    st.integers(1, 300_000),
    st.dates(min_value=date(2016, 12, 23), max_value=date(2030, 12, 31)),
)
def test_pay_never_decreases_with_more_hours(day_type, a, b, monthly, work_date):
    low, high = sorted((a, b))
    if high > limits[day_type]:
        return
    first = overtime_pay(work_date=work_date, day_type=day_type, hours=low, monthly_wage=monthly)
    second = overtime_pay(work_date=work_date, day_type=day_type, hours=high, monthly_wage=monthly)
    assert second.amount >= first.amount
    assert first.amount >= 0


@given(st.sampled_from(DAY_TYPES), hours_strategy, st.integers(1, 300_000))
def test_overtime_pays_at_least_the_plain_hourly_wage(day_type, hours, monthly):
    """Every hour is paid at least once more; workday and rest-day hours at least ×1⅓."""
    if hours > limits[day_type]:
        return
    result = overtime_pay(work_date=TODAY, day_type=day_type, hours=hours, monthly_wage=monthly)
    floor = Fraction(4, 3) if day_type in ("workday", "rest_day") else Fraction(1)
    assert result.amount >= round_half(hours * Fraction(monthly, 240) * floor)
