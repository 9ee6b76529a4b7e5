"""Tests for laborbureau.rules.wages (basic / minimum wage, average wage)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.wages import (
    COVERAGE_START,
    WagePeriod,
    add_months,
    average_wage,
    basic_wage,
    basic_wage_history,
    known_through,
    round_half_up,
)

RAW = json.loads(resources.files("laborbureau.rules").joinpath("data", "minimum_wage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("on", "monthly", "hourly", "name"),
    [
        (date(2013, 1, 1), 18_780, 109, "基本工資"),
        (date(2013, 3, 31), 18_780, 109, "基本工資"),
        (date(2013, 4, 1), 19_047, 109, "基本工資"),
        (date(2013, 12, 31), 19_047, 109, "基本工資"),
        (date(2014, 1, 1), 19_047, 115, "基本工資"),
        (date(2014, 6, 30), 19_047, 115, "基本工資"),
        (date(2014, 7, 1), 19_273, 115, "基本工資"),
        (date(2015, 6, 30), 19_273, 115, "基本工資"),
        (date(2015, 7, 1), 20_008, 120, "基本工資"),
        (date(2016, 9, 30), 20_008, 120, "基本工資"),
        (date(2016, 10, 1), 20_008, 126, "基本工資"),
        (date(2016, 12, 31), 20_008, 126, "基本工資"),
        (date(2017, 1, 1), 21_009, 133, "基本工資"),
        (date(2018, 1, 1), 22_000, 140, "基本工資"),
        (date(2019, 1, 1), 23_100, 150, "基本工資"),
        (date(2020, 2, 29), 23_800, 158, "基本工資"),
        (date(2021, 1, 1), 24_000, 160, "基本工資"),
        (date(2022, 1, 1), 25_250, 168, "基本工資"),
        (date(2023, 12, 31), 26_400, 176, "基本工資"),
        (date(2024, 1, 1), 27_470, 183, "最低工資"),
        (date(2024, 12, 31), 27_470, 183, "最低工資"),
        (date(2025, 1, 1), 28_590, 190, "最低工資"),
        (date(2026, 1, 1), 29_500, 196, "最低工資"),
        (date(2026, 12, 31), 29_500, 196, "最低工資"),
    ],
)
def test_basic_wage_by_date(on, monthly, hourly, name):
    result = basic_wage(on)
    assert (result.monthly, result.hourly, result.name_zh) == (monthly, hourly, name)
    assert result.on == on
    assert result.version.startswith(result.effective_from.isoformat())


def test_regime_and_basis_switch_when_the_minimum_wage_act_took_effect():
    before = basic_wage(date(2023, 12, 31))
    after = basic_wage(date(2024, 1, 1))
    assert [b.cite() for b in before.basis] == ["勞動基準法第21條"]
    assert [b.cite() for b in after.basis] == ["最低工資法第5條", "最低工資法第14條"]
    assert after.basis[0].law_en == "Minimum Wage Act"
    assert after.effective_from == date(2024, 1, 1)


def test_steps_show_the_figures():
    result = basic_wage(date(2025, 6, 1))
    values = [step.value for step in result.steps]
    assert "28,590" in values and "190" in values


@pytest.mark.parametrize("on", [COVERAGE_START - timedelta(days=1), date(2000, 1, 1)])
def test_before_coverage_is_refused(on):
    with pytest.raises(RuleError) as caught:
        basic_wage(on)
    assert caught.value.field == "on"
    assert "2013-01-01" in caught.value.message_zh


def test_after_known_data_is_refused_not_guessed():
    assert known_through() == date(2026, 12, 31)
    with pytest.raises(RuleError) as caught:
        basic_wage(date(2027, 1, 1))
    assert caught.value.field == "on"
    assert "最低工資法第14條" in caught.value.message_zh


def test_history_is_ordered_and_never_decreases():
    history = basic_wage_history()
    assert history[0].effective_from == COVERAGE_START
    assert len(history) == len(RAW["entries"])
    for earlier, later in zip(history, history[1:], strict=False):
        assert earlier.effective_from < later.effective_from
        assert earlier.monthly <= later.monthly and earlier.hourly <= later.hourly


def test_every_entry_cites_a_source():
    assert all(entry["source"] and entry["note_zh"] for entry in RAW["entries"])


@given(st.dates(min_value=COVERAGE_START, max_value=date(2026, 12, 31)))
def test_figure_is_the_latest_entry_not_after_the_date(on):
    result = basic_wage(on)
    latest = max(
        (e for e in RAW["entries"] if date.fromisoformat(e["effective_from"]) <= on),
        key=lambda e: e["effective_from"],
    )
    assert (result.monthly, result.hourly) == (latest["monthly"], latest["hourly"])


# --- rounding helpers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(Fraction(5, 2), 3), (Fraction(7, 2), 4), (Fraction(-5, 2), -3), (Fraction(4999, 10), 500), (Fraction(1, 3), 0)],
)
def test_round_half_up_is_not_bankers_rounding(value, rounded):
    assert round_half_up(value) == rounded


def test_add_months_clamps_to_month_end():
    assert add_months(date(2024, 8, 31), -6) == date(2024, 2, 29)
    assert add_months(date(2023, 8, 31), -6) == date(2023, 2, 28)
    assert add_months(date(2017, 7, 25), -6) == date(2017, 1, 25)


# --- average wage ----------------------------------------------------------------


def _months(first: date, count: int, amount: int) -> list[WagePeriod]:
    periods = []
    start = first
    for _ in range(count):
        nxt = add_months(start, 1)
        periods.append(WagePeriod(start, nxt - timedelta(days=1), amount))
        start = nxt
    return periods


def test_ministry_style_example_full_window():
    """joeshr.com (勞基法平均工資範例一): 月薪4萬，105年3月1日資遣 → 240,000 ÷ 182 日 ≈ 1,319 元/日.

    The example then multiplies by 30 (內政部74年函); we follow 勞委會83年4月9日
    (83)台勞動2字第25564號函 (日平均工資 × 期間每月平均日數), i.e. 240,000 ÷ 6.
    """
    result = average_wage(event_date=date(2016, 3, 1), periods=_months(date(2015, 9, 1), 6, 40_000))
    assert result.window_start == date(2015, 9, 1)
    assert result.window_end == date(2016, 2, 29)  # leap year
    assert result.counted_days == 29 + 31 + 31 + 30 + 31 + 30
    assert result.daily == Fraction(240_000, 182)
    assert result.daily_rounded == 1_319
    assert result.monthly == 40_000 and result.monthly_rounded == 40_000


def test_legis_pedia_example_184_days():
    """法律百科「平均工資如何計算」: 月薪3萬, 2018-11-01 退休 → 180,000 ÷ 184 = 978.26 元/日."""
    result = average_wage(event_date=date(2018, 11, 1), periods=_months(date(2018, 5, 1), 6, 30_000))
    assert result.counted_days == 184
    assert round_half_up(result.daily * 100) == 97_826
    assert result.monthly == 30_000


def test_legis_pedia_example_employed_less_than_six_months():
    """法律百科: 6月1日到職、11月1日資遣, 150,000 ÷ 153 日 ≈ 980.39 元/日; 一個月平均工資 = 30,000."""
    result = average_wage(
        event_date=date(2018, 11, 1), periods=_months(date(2018, 6, 1), 5, 30_000), employment_start=date(2018, 6, 1)
    )
    assert result.short_employment is True
    assert result.counted_days == 153
    assert result.daily_rounded == 980
    assert result.days_per_month == Fraction(153, 5)
    assert result.monthly == 30_000


def test_legis_pedia_example_sixty_percent_floor():
    """法律百科: 時薪150、每日8小時、3/1 到職 6/1 解僱、實際工作50日: 60,000 ÷ 92 = 652 < 60,000 ÷ 50 × 60% = 720."""
    periods = [WagePeriod(date(2018, 3, 1), date(2018, 5, 31), 60_000)]
    result = average_wage(
        event_date=date(2018, 6, 1), periods=periods, employment_start=date(2018, 3, 1), actual_working_days=50
    )
    assert result.floor_applied is True
    assert result.daily == 720


def test_excluded_sick_day_pushes_the_window_back():
    """planwise.com.tw 例: 離職日107/3/5 → 106/9/5～107/3/4; 其間請病假1日 → 期間改自106/9/4起."""
    periods = [
        WagePeriod(date(2017, 9, 4), date(2018, 2, 24), 200_000),
        WagePeriod(date(2018, 2, 25), date(2018, 2, 25), 0, excluded=True),
        WagePeriod(date(2018, 2, 26), date(2018, 3, 4), 10_000),
    ]
    result = average_wage(event_date=date(2018, 3, 5), periods=periods)
    assert result.window_start == date(2017, 9, 4)
    assert result.excluded_days == 1
    assert result.counted_days == (date(2018, 3, 5) - date(2017, 9, 5)).days
    assert result.total_wages == 210_000


def test_window_that_starts_mid_period_is_refused_with_the_date():
    with pytest.raises(RuleError) as caught:
        average_wage(event_date=date(2017, 7, 25), periods=[WagePeriod(date(2017, 1, 1), date(2017, 7, 24), 200_000)])
    assert caught.value.field == "periods"
    assert "2017-01-25" in caught.value.message_zh


@pytest.mark.parametrize(
    "periods",
    [
        [WagePeriod(date(2017, 1, 25), date(2017, 3, 31), 1), WagePeriod(date(2017, 3, 31), date(2017, 7, 24), 1)],
        [WagePeriod(date(2017, 1, 25), date(2017, 3, 30), 1), WagePeriod(date(2017, 4, 1), date(2017, 7, 24), 1)],
        [WagePeriod(date(2017, 1, 25), date(2017, 7, 25), 1)],
        [WagePeriod(date(2017, 1, 25), date(2017, 7, 24), -1)],
        [WagePeriod(date(2017, 1, 25), date(2017, 7, 24), 1.5)],
        [WagePeriod(date(2017, 7, 24), date(2017, 1, 25), 1)],
        [],
    ],
)
def test_bad_periods_are_refused(periods):
    with pytest.raises(RuleError) as caught:
        average_wage(event_date=date(2017, 7, 25), periods=periods)
    assert caught.value.field.startswith("periods")


def test_tuples_are_accepted():
    result = average_wage(event_date=date(2017, 7, 25), periods=[(date(2017, 1, 25), date(2017, 7, 24), 181_000)])
    assert result.counted_days == 181 and result.daily == 1_000


@given(
    st.dates(min_value=date(2013, 7, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=1, max_value=500_000),
)
def test_constant_monthly_wage_averages_to_itself(event, monthly):
    start = add_months(event, -6)
    periods = []
    cursor = start
    for index in range(1, 7):
        nxt = add_months(start, index) if index < 6 else event
        periods.append(WagePeriod(cursor, nxt - timedelta(days=1), monthly))
        cursor = nxt
    result = average_wage(event_date=event, periods=periods)
    assert result.monthly == monthly
    assert result.counted_days == (event - start).days
