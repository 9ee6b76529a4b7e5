"""fund.eligibility (pure): who is eligible, the caps, what is returned."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.relations.fund import eligibility
from laborbureau.rules.base import RuleError

ON = date(2026, 11, 27)


def facts(**overrides):
    values = {"dispute_kind": "TERMINATION_WAGES", "stage": "FIRST", "mediation_failed": True, "other_aid": False,
              "means_confirmed": True}
    values.update(overrides)
    return eligibility.Facts(**values)


def test_an_eligible_first_instance_application_has_no_problem():
    assert eligibility.eligibility_problems(facts(), ON) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"dispute_kind": "OTHER"}, "dispute_kind"),
        ({"mediation_failed": False}, "mediation_reference"),
        ({"other_aid": True}, "other_aid"),
        ({"means_confirmed": False}, "means_confirmed"),
    ],
)
def test_each_condition_names_its_field(overrides, field):
    assert [p.field for p in eligibility.eligibility_problems(facts(**overrides), ON)] == [field]


@pytest.mark.parametrize("stage", ["SECOND", "THIRD", "RETRIAL", "ENFORCEMENT"])
def test_no_mediation_needed_from_the_second_instance(stage):
    assert eligibility.eligibility_problems(facts(stage=stage, mediation_failed=False), ON) == []


def test_caps():
    assert eligibility.item_cap("ATTORNEY_FEE", ON, basic_wage=28_590) == 40_000
    assert eligibility.item_cap("ATTORNEY_FEE", ON, basic_wage=28_590, complex_case=True) == 60_000
    assert eligibility.item_cap("LIVING", ON, basic_wage=28_590, months=9) == 6 * 28_590
    assert eligibility.item_cap("COURT_FEE", ON, basic_wage=28_590, receipt=52_539) == 52_539
    with pytest.raises(RuleError):
        eligibility.item_cap("GIFT", ON, basic_wage=1)
    with pytest.raises(RuleError):
        eligibility.rules_on(date(2012, 12, 31))


def test_reimbursement_is_the_living_allowance_up_to_the_award_plus_recovered_fees():
    assert eligibility.reimbursement_due(living_paid=60_000, court_fee_paid=10_000, awarded_amount=40_000,
                                         costs_recovered=0) == 40_000
    assert eligibility.reimbursement_due(living_paid=60_000, court_fee_paid=10_000, awarded_amount=500_000,
                                         costs_recovered=12_000) == 70_000


@given(st.integers(0, 10**7), st.integers(0, 10**7), st.integers(0, 10**7), st.integers(0, 10**7))
def test_never_more_is_returned_than_was_paid(living, court, awarded, recovered):
    due = eligibility.reimbursement_due(living_paid=living, court_fee_paid=court, awarded_amount=awarded,
                                        costs_recovered=recovered)
    assert 0 <= due <= living + court
    assert due <= awarded + recovered
