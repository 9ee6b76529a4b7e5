"""rules.unemployment: eligibility (第11條), refusals (第13條/第15條), work income (第17條)."""

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.unemployment import eligibility, job_refusal, work_income_deduction

ON = date(2026, 3, 2)


def test_eligible_claim():
    result = eligibility(on=ON, separation_date=date(2026, 2, 27), involuntary=True,
                         insured_months_in_three_years=12, able_and_willing=True)
    assert (result.eligible, result.reasons, result.claim_deadline) == (True, (), date(2028, 2, 27))
    assert [b.cite() for b in result.basis] == ["就業保險法第11條第1項第1款", "就業保險法第11條第3項",
                                                "就業保險法第25條第1項"]


def test_each_unmet_condition_is_named():
    result = eligibility(on=date(2028, 2, 28), separation_date=date(2026, 2, 27), involuntary=False,
                         insured_months_in_three_years=11, able_and_willing=False)
    assert not result.eligible
    assert [zh[:6] for zh, _ in result.reasons] == ["離職原因非屬", "離職退保前三", "不具工作能力", "逾離職退保後"]


def test_eligibility_refuses_impossible_months():
    with pytest.raises(RuleError) as error:
        eligibility(on=ON, separation_date=ON, involuntary=True, insured_months_in_three_years=37,
                    able_and_willing=True)
    assert error.value.field == "insured_months_in_three_years"


def test_refusal_grounds_of_article_13():
    assert job_refusal(on=ON, offered_monthly_wage=27_479, monthly_benefit=27_480, distance_km=5).justified
    assert job_refusal(on=ON, offered_monthly_wage=40_000, monthly_benefit=27_480, distance_km=30).justified
    bare = job_refusal(on=ON, offered_monthly_wage=27_480, monthly_benefit=27_480, distance_km=29)
    assert (bare.justified, [b.cite() for b in bare.basis]) == (False, ["就業保險法第13條", "就業保險法第15條第1款"])


@given(wage=st.integers(0, 200_000), benefit=st.integers(0, 50_000), km=st.integers(0, 500))
def test_refusal_is_justified_exactly_on_the_two_grounds(wage, benefit, km):
    result = job_refusal(on=ON, offered_monthly_wage=wage, monthly_benefit=benefit, distance_km=km)
    assert result.justified == (wage < benefit or km >= 30)
    assert len(result.grounds) == (wage < benefit) + (km >= 30)


def test_work_income_examples_2026():
    # Minimum wage 2026: 29,500. Average 45,800 → ceiling 36,640; benefit 27,480.
    none = work_income_deduction(on=ON, monthly_benefit=27_480, average_insured_salary=45_800, work_income=0)
    assert (none.deducted, none.payable, none.barred) == (0, 27_480, False)
    some = work_income_deduction(on=ON, monthly_benefit=27_480, average_insured_salary=45_800, work_income=12_000)
    assert (some.minimum_wage, some.ceiling, some.deducted, some.payable) == (29_500, 36_640, 2_840, 24_640)
    over = work_income_deduction(on=ON, monthly_benefit=27_480, average_insured_salary=45_800, work_income=29_501)
    assert (over.barred, over.payable) == (True, 0)
    # Total below the minimum wage: nothing deducted even above 80% of a low average.
    low = work_income_deduction(on=ON, monthly_benefit=16_000, average_insured_salary=Fraction(80_000, 3),
                                work_income=10_000)
    assert (low.deducted, low.payable) == (0, 16_000)


@given(income=st.integers(0, 60_000), average=st.integers(27_470, 45_800))
def test_work_income_never_pays_more_than_the_benefit(income, average):
    benefit = round(average * 0.6)
    result = work_income_deduction(on=ON, monthly_benefit=benefit, average_insured_salary=average,
                                   work_income=income)
    assert 0 <= result.payable <= benefit
    assert result.payable + result.deducted == benefit
    if not result.barred and income + benefit >= result.minimum_wage and result.deducted < benefit:
        assert income + result.payable <= max(result.ceiling, income)
