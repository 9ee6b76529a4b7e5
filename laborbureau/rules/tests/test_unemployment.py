"""Tests for laborbureau.rules.unemployment (就業保險法第16條、第19條之1、第20條、第25條、第29條).

Statute text: 全國法規資料庫 via kong0107/mojLawSplitJSON ch/N0050021.json.  No
worked example of the Bureau of Labor Insurance was available in the sources;
the 45,800 cases below are the top insured-salary grade, whose 60% (27,480)
and 80% (36,640) are the maximum figures the Bureau publishes.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.unemployment import age_reached, unemployment_benefit
from laborbureau.rules.working_days import is_working_day


def claim(**overrides):
    kwargs = {
        "on": date(2024, 4, 1),
        "separation_date": date(2024, 3, 29),
        "insured_salaries": [45_800] * 6,
        "birth_date": date(1990, 5, 5),
    }
    kwargs.update(overrides)
    return unemployment_benefit(**kwargs)


def test_top_grade_without_and_with_dependants():
    assert claim().monthly_benefit == 27_480
    two = claim(dependants=["spouse", "minor_child"])
    assert (two.monthly_benefit, two.rate, two.dependants_counted) == (36_640, Fraction(4, 5), 2)
    three = claim(dependants=["spouse", "minor_child", "disabled_child"])
    assert three.monthly_benefit == 36_640  # capped at 20%
    assert three.basis[1].cite() == "就業保險法第19條之1"


def test_average_is_exact_and_rounded_once():
    result = claim(insured_salaries=[27_470, 27_470, 27_470, 28_800, 28_800, 28_800])
    assert result.average_insured_salary == Fraction(168_810, 6)  # 28,135
    assert result.monthly_benefit == 16_881  # 28,135 × 60%
    odd = [26_400, 26_400, 26_400, 26_400, 26_400, 27_470]  # average 26,578.33…
    assert claim(insured_salaries=odd).base_amount == 15_947  # × 60% = 15,947.0
    assert claim(insured_salaries=odd, dependants=["spouse"]).monthly_benefit == 18_605  # × 70% = 18,604.83…


def test_parents_count_only_from_2022_01_18():
    before = claim(on=date(2022, 1, 17), separation_date=date(2022, 1, 10), dependants=["parent"])
    after = claim(on=date(2022, 1, 18), separation_date=date(2022, 1, 10), dependants=["parent"])
    assert before.dependants_counted == 0 and before.monthly_benefit == 27_480
    assert after.dependants_counted == 1 and after.monthly_benefit == 32_060
    assert before.version.startswith("2009-04-22") and after.version.startswith("2021-12-29")
    assert any("不計入" in s.label_zh for s in before.steps)


def test_nine_months_from_the_45th_birthday_at_separation():
    birth = date(1979, 3, 29)
    assert claim(birth_date=birth, separation_date=date(2024, 3, 28), on=date(2024, 4, 1)).max_months == 6
    at_45 = claim(birth_date=birth, separation_date=date(2024, 3, 29), on=date(2024, 4, 1))
    assert (at_45.max_months, at_45.extended_by) == (9, "age")
    # Age at the application does not matter: 45 on the application day but not at the separation.
    assert claim(birth_date=date(1979, 3, 31), separation_date=date(2024, 3, 29)).max_months == 6


def test_leap_day_birthday():
    assert age_reached(date(1980, 2, 29), 45) == date(2025, 3, 1)
    assert age_reached(date(1980, 2, 29), 44) == date(2024, 2, 29)


def test_disability_certificate_gives_nine_months():
    result = claim(disability_certificate=True)
    assert (result.max_months, result.extended_by) == (9, "disability")
    assert len(result.schedule) == 9


def test_schedule():
    # Registered Monday 2024-04-01: benefit from the 15th day, 04-15 (第20條).
    result = claim()
    assert result.first_benefit_day == date(2024, 4, 15)
    first, second, sixth = result.schedule[0], result.schedule[1], result.schedule[5]
    assert first.initial and (first.period_start, first.period_end) == (date(2024, 4, 15), date(2024, 5, 14))
    assert (second.earliest, second.office_day) == (date(2024, 5, 15), date(2024, 5, 15))
    assert sixth.period_end == date(2024, 10, 14)
    assert result.total_if_paid_in_full == 27_480 * 6


def test_month_without_corresponding_day_and_holiday():
    # Registered 2024-01-17 -> benefit from 01-31; month 1 ends 02-29 (no 02-31), month 2 ends 03-30.
    result = claim(on=date(2024, 1, 17), separation_date=date(2024, 1, 16))
    assert result.schedule[0].period_end == date(2024, 2, 29)
    assert result.schedule[1].period_start == date(2024, 3, 1)
    assert result.schedule[1].period_end == date(2024, 3, 30)
    assert result.schedule[2].period_start == date(2024, 3, 31)  # a Sunday
    assert result.schedule[2].office_day == date(2024, 4, 1)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"insured_salaries": [30_000] * 5}, "insured_salaries"),
        ({"insured_salaries": [30_000] * 5 + [0]}, "insured_salaries"),
        ({"insured_salaries": [30_000] * 5 + [30_000.5]}, "insured_salaries"),
        ({"dependants": ["cousin"]}, "dependants"),
        ({"on": date(2024, 3, 1)}, "on"),  # before the separation
        ({"on": date(2026, 3, 30)}, "on"),  # more than two years after
        ({"birth_date": date(2024, 4, 1)}, "birth_date"),
        ({"on": date(2009, 4, 30), "separation_date": date(2009, 4, 1)}, "on"),
    ],
)
def test_bad_input_is_refused(overrides, field):
    with pytest.raises(RuleError) as caught:
        claim(**overrides)
    assert caught.value.field == field


SALARIES = st.lists(st.integers(min_value=1_500, max_value=45_800), min_size=6, max_size=6)
KINDS = st.lists(st.sampled_from(["parent", "spouse", "minor_child", "disabled_child"]), max_size=4)


@given(SALARIES, KINDS)
def test_benefit_never_exceeds_eighty_percent(salaries, kinds):
    result = claim(insured_salaries=salaries, dependants=kinds)
    exact = Fraction(sum(salaries), 6) * Fraction(4, 5)
    assert result.monthly_benefit <= exact + Fraction(1, 2)
    assert result.base_amount <= result.monthly_benefit


@given(SALARIES, KINDS)
def test_more_dependants_never_lower_the_benefit(salaries, kinds):
    fewer = claim(insured_salaries=salaries, dependants=kinds[:-1])
    more = claim(insured_salaries=salaries, dependants=kinds)
    assert fewer.monthly_benefit <= more.monthly_benefit


@given(st.dates(min_value=date(2013, 1, 1), max_value=date(2026, 12, 31)))
def test_schedule_months_are_contiguous_and_offices_open(day):
    result = claim(on=day, separation_date=day, birth_date=date(1970, 1, 1))
    for earlier, later in zip(result.schedule, result.schedule[1:], strict=False):
        assert (later.period_start - earlier.period_end).days == 1
    assert all(is_working_day(item.office_day) for item in result.schedule)
