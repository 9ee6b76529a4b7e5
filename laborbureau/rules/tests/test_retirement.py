"""Tests for laborbureau.rules.retirement (勞動基準法第55條)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.retirement import counted_years, retirement_bases, retirement_pay
from laborbureau.rules.severance import seniority


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (date(2000, 1, 1), date(2009, 12, 31), Fraction(10)),  # exactly 10 years
        (date(2000, 1, 1), date(2010, 1, 5), Fraction(21, 2)),  # 10 y 5 d → 10½
        (date(2000, 1, 1), date(2010, 6, 29), Fraction(21, 2)),  # 10 y 5 m 30 d → 10½ (under half a year)
        (date(2000, 1, 1), date(2010, 6, 30), Fraction(11)),  # 10 y 6 m → 11 (half a year)
        (date(2000, 1, 1), date(2010, 7, 1), Fraction(11)),  # 10 y 6 m 1 d → 11
    ],
)
def test_half_year_rounding(start, end, years):
    """第55條第1項第1款「未滿半年者以半年計；滿半年者以一年計」."""
    assert counted_years(seniority(start, end)) == years


def test_exactly_half_a_year_counts_as_a_year():
    service = seniority(date(2000, 1, 1), date(2010, 6, 30))
    assert (service.years, service.months, service.days) == (10, 6, 0)
    assert counted_years(service) == 11
    assert counted_years(seniority(date(2000, 1, 1), date(2010, 6, 29))) == Fraction(21, 2)


@pytest.mark.parametrize(
    ("years", "raw", "capped"),
    [
        (Fraction(1, 2), Fraction(1), Fraction(1)),
        (Fraction(10), Fraction(20), Fraction(20)),
        (Fraction(29, 2), Fraction(29), Fraction(29)),
        (Fraction(15), Fraction(30), Fraction(30)),
        (Fraction(31, 2), Fraction(61, 2), Fraction(61, 2)),
        (Fraction(25), Fraction(40), Fraction(40)),
        (Fraction(30), Fraction(45), Fraction(45)),
        (Fraction(61, 2), Fraction(91, 2), Fraction(45)),
        (Fraction(40), Fraction(55), Fraction(45)),
    ],
)
def test_bases_two_per_year_then_one_capped_at_45(years, raw, capped):
    assert retirement_bases(years) == (raw, capped)


def test_hr_forum_example_25_years():
    """hr.org.tw Q&A 5098 (a forum question, not a Ministry example): 平均工資60,000、年資25年.

    The asker wrote 15×2+15×1 = 45 bases; 第55條 gives 15×2 + 10×1 = 40 (45 is reached at 30 years).
    """
    result = retirement_pay(start=date(1995, 1, 1), end=date(2019, 12, 31), average_monthly_wage=60_000)
    assert result.counted_years == 25
    assert result.bases == 40
    assert result.amount == 2_400_000


def test_hr_forum_example_14_years():
    """hr.org.tw Q&A 5098: 平均工資60,000、年資14年 → 14×2 = 28 基數、1,680,000 元."""
    result = retirement_pay(start=date(2000, 1, 1), end=date(2013, 12, 31), average_monthly_wage=60_000)
    assert result.bases == 28
    assert result.amount == 1_680_000


def test_cap_at_45_bases_after_30_years():
    result = retirement_pay(start=date(1985, 1, 1), end=date(2024, 12, 31), average_monthly_wage=50_000)
    assert result.counted_years == 40
    assert result.bases_before_cap == 55 and result.bases == 45 and result.capped
    assert result.amount == 2_250_000
    assert any(step.label_zh == "基數上限45" for step in result.steps)


def test_duty_incapacity_adds_twenty_percent_after_the_cap():
    result = retirement_pay(
        start=date(1985, 1, 1), end=date(2024, 12, 31), average_monthly_wage=50_000, duty_incapacity=True
    )
    assert result.bases == 45 and result.bonus_applied
    assert result.amount == 2_700_000
    assert "勞動基準法第55條第1項第2款" in [b.cite() for b in result.basis]


def test_rounding_half_up_once():
    # 10½ y → 21 bases × 33,333.5 = 700,003.5 → 700,004
    result = retirement_pay(start=date(2000, 1, 1), end=date(2010, 1, 5), average_monthly_wage=Fraction(66_667, 2))
    assert result.bases == 21
    assert result.amount == 700_004


def test_retirement_date_after_the_old_system_seniority():
    """勞工退休金條例第11條第2項: 保留年資以契約終止時之平均工資計給."""
    result = retirement_pay(
        start=date(1990, 7, 1), end=date(2005, 6, 30), average_monthly_wage=45_000, on=date(2024, 3, 31)
    )
    assert result.counted_years == 15 and result.bases == 30
    assert result.on == date(2024, 3, 31)
    assert result.basis[0].version.startswith("2015-02-04")


def test_version_before_the_2015_amendment():
    result = retirement_pay(start=date(1990, 1, 1), end=date(2015, 2, 5), average_monthly_wage=30_000)
    assert result.basis[0].version.startswith("1984-07-30")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"end": date(1999, 12, 31)}, "end"),
        ({"on": date(2019, 12, 30)}, "on"),
        ({"start": date(1984, 7, 31)}, "start"),
        ({"average_monthly_wage": 0}, "average_monthly_wage"),
        ({"average_monthly_wage": 1.5}, "average_monthly_wage"),
        ({"duty_incapacity": "yes"}, "duty_incapacity"),
    ],
)
def test_impossible_input_is_refused(kwargs, field):
    arguments = {"start": date(2000, 1, 1), "end": date(2019, 12, 31), "average_monthly_wage": 30_000}
    arguments.update(kwargs)
    with pytest.raises(RuleError) as caught:
        retirement_pay(**arguments)
    assert caught.value.field == field


@given(
    st.dates(min_value=date(1984, 8, 1), max_value=date(2026, 12, 31)),
    st.integers(0, 25_000),
    st.integers(0, 2_000),
    st.integers(1, 300_000),
    st.booleans(),
)
def test_bases_never_exceed_45_and_pay_never_decreases(start, length, extra, wage, incapacity):
    end = start + timedelta(days=length)
    shorter = retirement_pay(start=start, end=end, average_monthly_wage=wage, duty_incapacity=incapacity)
    longer = retirement_pay(
        start=start, end=end + timedelta(days=extra), average_monthly_wage=wage, duty_incapacity=incapacity
    )
    assert 0 < shorter.bases <= 45 and longer.bases <= 45
    assert longer.amount >= shorter.amount
    assert longer.counted_years * 2 == int(longer.counted_years * 2)  # whole or half years
