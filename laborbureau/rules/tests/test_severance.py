"""Tests for laborbureau.rules.severance (勞基法第17條, 勞工退休金條例第11條、第12條)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.severance import (
    new_system_bases,
    old_system_bases,
    seniority,
    severance_pay,
)


@pytest.mark.parametrize(
    ("start", "end", "ymd"),
    [
        (date(2020, 3, 1), date(2021, 2, 28), (1, 0, 0)),  # end inclusive: a full year
        (date(2020, 3, 1), date(2021, 3, 1), (1, 0, 1)),
        (date(2020, 3, 1), date(2020, 3, 1), (0, 0, 1)),
        (date(2020, 1, 31), date(2020, 2, 29), (0, 1, 1)),  # Jan 31 + 1 month = Feb 29 (leap year)
        (date(2020, 1, 31), date(2020, 3, 30), (0, 2, 0)),  # … + 2 months = Mar 31
        (date(2019, 2, 28), date(2020, 2, 27), (1, 0, 0)),
        (date(2016, 2, 29), date(2017, 2, 27), (1, 0, 0)),  # anniversary clamps to Feb 28
        (date(2005, 7, 1), date(2020, 8, 15), (15, 1, 15)),
    ],
)
def test_seniority_split(start, end, ymd):
    service = seniority(start, end)
    assert (service.years, service.months, service.days) == ymd


def test_old_system_part_month_counts_as_a_month():
    """勞基法第17條第1項第2款「未滿一個月者以一個月計」."""
    service = seniority(date(2020, 1, 1), date(2022, 4, 10))  # 2 y 3 m 10 d
    assert old_system_bases(service) == 2 + Fraction(4, 12)
    assert old_system_bases(seniority(date(2020, 1, 1), date(2022, 3, 31))) == 2 + Fraction(3, 12)


def test_new_system_days_count():
    """勞委會勞動4字第1010132304號令: 畸零年資以實際工作日數分月、日換算 — (年 + 月/12 + 日/365) × 1/2."""
    service = seniority(date(2020, 1, 1), date(2022, 4, 10))  # 2 y 3 m 10 d
    assert new_system_bases(service) == (2 + Fraction(3, 12) + Fraction(10, 365)) / 2


def test_court_example_six_years_new_system():
    """臺中地院106年度豐勞簡字第1號: 年資6年、平均工資48,510元 → 基數3、資遣費145,530元."""
    result = severance_pay(start=date(2010, 6, 17), end=date(2016, 6, 16), average_monthly_wage=48_510, system="new")
    assert result.bases == 3
    assert result.amount == 145_530
    assert [b.cite() for b in result.basis] == ["勞工退休金條例第12條"]


def test_old_system_whole_years_and_rounding_up_of_a_month():
    result = severance_pay(start=date(2000, 1, 1), end=date(2010, 6, 5), average_monthly_wage=36_000, system="old")
    # 10 y 5 m 5 d → 10 + 6/12 bases
    assert result.bases == Fraction(21, 2)
    assert result.amount == 378_000
    assert result.basis[0].cite() == "勞動基準法第17條"


def test_old_system_under_one_year_is_prorated():
    result = severance_pay(start=date(2003, 1, 1), end=date(2003, 2, 10), average_monthly_wage=30_000, system="old")
    assert result.bases == Fraction(2, 12)
    assert result.amount == 5_000


def test_new_system_under_one_year_rounds_half_up_once():
    # 0 y 0 m 10 d → 10/730 × 30,001 = 410.97 → 411
    result = severance_pay(start=date(2024, 1, 1), end=date(2024, 1, 10), average_monthly_wage=30_001, system="new")
    assert result.bases == Fraction(10, 730)
    assert result.amount == 411


def test_new_system_cap_of_six_months():
    at_cap = severance_pay(start=date(2006, 1, 1), end=date(2017, 12, 31), average_monthly_wage=40_000, system="new")
    assert at_cap.bases == 6 and not at_cap.parts[0].capped  # exactly 12 years
    beyond = severance_pay(start=date(2006, 1, 1), end=date(2018, 1, 1), average_monthly_wage=40_000, system="new")
    assert beyond.bases == 6 and beyond.parts[0].capped
    assert beyond.amount == 240_000
    below = severance_pay(start=date(2006, 1, 2), end=date(2017, 12, 31), average_monthly_wage=40_000, system="new")
    assert below.bases < 6


def test_mixed_caps_only_the_new_part():
    """勞工退休金條例第11條第2項: 保留年資依勞基法第17條（無上限）; 第12條上限只及於新制年資."""
    result = severance_pay(start=date(1990, 3, 1), end=date(2020, 8, 15), average_monthly_wage=40_000, system="mixed")
    old, new = result.parts
    assert (old.seniority.years, old.seniority.months, old.seniority.days) == (15, 4, 0)
    assert old.bases == 15 + Fraction(4, 12)
    assert new.capped and new.bases == 6
    assert result.bases == 21 + Fraction(1, 3)
    assert result.amount == 853_333
    assert [b.cite() for b in result.basis] == ["勞工退休金條例第11條", "勞動基準法第17條", "勞工退休金條例第12條"]
    assert result.switch_date == date(2005, 7, 1)


def test_mixed_with_a_later_switch_date():
    result = severance_pay(
        start=date(2001, 1, 1),
        end=date(2010, 12, 31),
        average_monthly_wage=30_000,
        system="mixed",
        switch_date=date(2006, 1, 1),
    )
    old, new = result.parts
    assert old.bases == 5 and new.bases == Fraction(5, 2)
    assert result.amount == 225_000


def test_version_changes_with_the_2015_amendment_of_article_17():
    before = severance_pay(start=date(2000, 1, 1), end=date(2015, 2, 5), average_monthly_wage=30_000, system="old")
    after = severance_pay(start=date(2000, 1, 1), end=date(2015, 2, 6), average_monthly_wage=30_000, system="old")
    assert before.basis[0].version.startswith("1984-07-30")
    assert after.basis[0].version.startswith("2015-02-04")
    assert "勞動基準法第17條" in after.version


def test_fractional_wage_is_used_exactly():
    result = severance_pay(
        start=date(2020, 1, 1), end=date(2020, 12, 31), average_monthly_wage=Fraction(240_000, 7), system="new"
    )
    assert result.amount == 17_143  # 120,000 / 7 = 17,142.857…


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"start": date(2020, 1, 2), "end": date(2020, 1, 1)}, "end"),
        ({"average_monthly_wage": 0}, "average_monthly_wage"),
        ({"average_monthly_wage": -1}, "average_monthly_wage"),
        ({"average_monthly_wage": 30000.0}, "average_monthly_wage"),
        ({"average_monthly_wage": True}, "average_monthly_wage"),
        ({"system": "both"}, "system"),
        ({"system": "new", "start": date(2005, 6, 30)}, "start"),
        ({"system": "old", "start": date(1984, 7, 31)}, "start"),
        ({"system": "old", "switch_date": date(2010, 1, 1)}, "switch_date"),
        ({"system": "mixed", "start": date(2006, 1, 1)}, "switch_date"),
        ({"system": "mixed", "switch_date": date(2005, 6, 30)}, "switch_date"),
        ({"system": "mixed", "start": date(2000, 1, 1), "end": date(2005, 6, 30)}, "switch_date"),
        ({"system": "mixed", "switch_date": date(2030, 1, 1)}, "switch_date"),
    ],
)
def test_impossible_input_is_refused(kwargs, field):
    arguments = {"start": date(2000, 1, 1), "end": date(2020, 1, 1), "average_monthly_wage": 30_000, "system": "old"}
    arguments.update(kwargs)
    with pytest.raises(RuleError) as caught:
        severance_pay(**arguments)
    assert caught.value.field == field


def test_steps_explain_the_figure():
    result = severance_pay(start=date(1990, 3, 1), end=date(2020, 8, 15), average_monthly_wage=40_000, system="mixed")
    labels = [step.label_zh for step in result.steps]
    assert "舊制年資" in labels and "新制年資" in labels and "新制基數上限（六個月）" in labels
    assert result.steps[-1].value == "853,333"


starts = st.dates(min_value=date(1984, 8, 1), max_value=date(2025, 12, 31))


@given(starts, st.integers(0, 15_000), st.integers(0, 400), st.integers(1, 300_000), st.sampled_from(["old", "new"]))
def test_severance_never_decreases_with_longer_service(start, length, extra, wage, system):
    if system == "new":
        start = max(start, date(2005, 7, 1))
    end = start + timedelta(days=length)
    shorter = severance_pay(start=start, end=end, average_monthly_wage=wage, system=system)
    longer = severance_pay(start=start, end=end + timedelta(days=extra), average_monthly_wage=wage, system=system)
    assert longer.amount >= shorter.amount
    assert longer.bases >= shorter.bases


@given(
    st.dates(min_value=date(1984, 8, 1), max_value=date(2005, 6, 30)),
    st.integers(0, 9_000),
    st.integers(0, 400),
    st.integers(1, 300_000),
)
def test_mixed_never_decreases_and_new_part_never_exceeds_six(start, length, extra, wage):
    end = date(2005, 7, 1) + timedelta(days=length)
    shorter = severance_pay(start=start, end=end, average_monthly_wage=wage, system="mixed")
    longer = severance_pay(start=start, end=end + timedelta(days=extra), average_monthly_wage=wage, system="mixed")
    assert longer.amount >= shorter.amount
    assert all(part.bases <= 6 for part in longer.parts if part.system == "new")
    assert abs(longer.amount - wage * longer.bases) <= Fraction(1, 2)


@given(starts, st.integers(0, 20_000), st.integers(1, 300_000))
def test_old_system_never_less_than_new_for_the_same_service(start, length, wage):
    start = max(start, date(2005, 7, 1))
    end = start + timedelta(days=length)
    old = severance_pay(start=start, end=end, average_monthly_wage=wage, system="old")
    new = severance_pay(start=start, end=end, average_monthly_wage=wage, system="new")
    assert old.amount >= new.amount
