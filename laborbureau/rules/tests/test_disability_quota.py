"""Tests for laborbureau.rules.disability_quota (身心障礙者權益保障法第38條、第43條).

Statute: 全國法規資料庫 via kong0107/mojLawSplitJSON ch/D0050046.json.  The
public-sector table (34–66 staff: 1; 67–99: 2; 100–133: 3) is the Workforce
Development Agency's explanation of 第38條第1項 (as re-published on yamol.tw).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.disability_quota import EmployedPerson, quota, required_number

ON = date(2024, 6, 1)  # minimum wage NT$27,470


@pytest.mark.parametrize(
    ("headcount", "required"),
    [(33, 0), (34, 1), (66, 1), (67, 2), (99, 2), (100, 3), (133, 3), (134, 4)],
)
def test_public_sector_table(headcount, required):
    assert required_number(on=ON, sector="public", headcount=headcount) == required


@pytest.mark.parametrize(
    ("headcount", "required"),
    [(66, 0), (67, 1), (199, 1), (200, 2), (299, 2), (300, 3)],
)
def test_private_sector_at_least_one(headcount, required):
    assert required_number(on=ON, sector="private", headcount=headcount) == required


def test_half_headcount_below_threshold():
    assert required_number(on=ON, sector="private", headcount=Fraction(133, 2)) == 0  # 66.5
    assert required_number(on=ON, sector="public", headcount=Fraction(201, 2)) == 3  # 100.5 × 3% = 3.015


def test_shortfall_fee_private_2024():
    result = quota(on=ON, sector="private", headcount=250, employed=[("mild", False)])
    assert (result.required, result.counted, result.shortfall) == (2, 1, 1)
    assert result.monthly_fee == 27_470
    assert result.basis[0].cite() == "身心障礙者權益保障法第38條第2項"
    assert result.basis[2].cite() == "身心障礙者權益保障法第43條第2項"


def test_severe_counts_two_and_part_time_half():
    employed = [("severe", False), ("moderate", True), ("very_severe", True)]
    result = quota(on=ON, sector="public", headcount=200, employed=employed)  # required 6
    assert result.counted == Fraction(7, 2)  # 2 + 1/2 + 1
    assert result.shortfall == Fraction(5, 2)
    assert result.monthly_fee == 68_675  # 2.5 × 27,470


def test_half_shortfall_with_odd_wage_rounds_half_up():
    # 2017 basic wage NT$21,009: half of it is 10,504.5 -> 10,505.
    result = quota(on=date(2017, 3, 1), sector="private", headcount=100, employed=[("mild", True)])
    assert result.shortfall == Fraction(1, 2)
    assert result.monthly_fee == 10_505


def test_fee_follows_the_wage_of_the_month():
    kwargs = {"sector": "private", "headcount": 120, "employed": []}
    assert quota(on=date(2024, 12, 1), **kwargs).monthly_fee == 27_470
    assert quota(on=date(2025, 1, 1), **kwargs).monthly_fee == 28_590
    assert quota(on=date(2026, 1, 1), **kwargs).monthly_fee == 29_500


def test_pay_below_the_wage_is_not_counted():
    employed = [
        EmployedPerson("mild", part_time=False, monthly_pay=27_469),  # below the wage: 0
        EmployedPerson("mild", part_time=True, monthly_pay=13_735),  # at least half: 1/2
        EmployedPerson("mild", part_time=True, monthly_pay=13_734),  # below half: 0
    ]
    result = quota(on=ON, sector="private", headcount=100, employed=employed)
    assert result.counted == Fraction(1, 2)


def test_surplus_and_not_obliged():
    over = quota(on=ON, sector="private", headcount=100, employed=[("severe", False)])
    assert (over.shortfall, over.surplus, over.monthly_fee) == (0, 1, 0)
    small = quota(on=ON, sector="private", headcount=50, employed=[])
    assert (small.obliged, small.required, small.monthly_fee) == (False, 0, 0)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sector": "charity"}, "sector"),
        ({"headcount": -1}, "headcount"),
        ({"headcount": Fraction(1, 3)}, "headcount"),
        ({"headcount": 10.5}, "headcount"),
        ({"employed": [("extreme", False)]}, "employed"),
        ({"employed": [EmployedPerson("mild", monthly_pay=-5)]}, "employed"),
        ({"on": date(2011, 2, 2)}, "on"),
    ],
)
def test_bad_input_is_refused(kwargs, field):
    args = {"on": ON, "sector": "private", "headcount": 100, "employed": []}
    args.update(kwargs)
    with pytest.raises(RuleError) as caught:
        quota(**args)
    assert caught.value.field == field


def test_steps_show_the_fee():
    result = quota(on=ON, sector="private", headcount=250, employed=[])
    assert result.steps[-1].value == "54,940"
    assert all(step.label_zh and step.label_en for step in result.steps)


HEADCOUNT = st.integers(min_value=0, max_value=5_000)


@given(st.sampled_from(["public", "private"]), HEADCOUNT, st.integers(min_value=0, max_value=50))
def test_required_never_decreases_as_headcount_grows(sector, headcount, more):
    assert required_number(on=ON, sector=sector, headcount=headcount) <= required_number(
        on=ON, sector=sector, headcount=headcount + more
    )


PERSON = st.builds(
    EmployedPerson, severity=st.sampled_from(["mild", "moderate", "severe", "very_severe"]), part_time=st.booleans()
)


@given(st.sampled_from(["public", "private"]), HEADCOUNT, st.lists(PERSON, max_size=10), PERSON)
def test_employing_one_more_never_raises_the_fee(sector, headcount, people, extra):
    before = quota(on=ON, sector=sector, headcount=headcount, employed=people)
    after = quota(on=ON, sector=sector, headcount=headcount, employed=[*people, extra])
    assert after.monthly_fee <= before.monthly_fee
    assert after.monthly_fee == before.monthly_fee or after.counted > before.counted
