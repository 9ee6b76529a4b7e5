"""職業安全衛生法第37條第2項: which accidents are reported within 8 hours, and lateness."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules import occupational_accidents as oa
from laborbureau.rules.base import RuleError

ON = date(2026, 3, 2)
counts = st.integers(min_value=0, max_value=50)


def test_a_death_is_clause_1():
    result = oa.assess(on=ON, deaths=1, disabled=0, hospitalised=0)
    assert result.reportable and result.clauses == (1,)
    assert result.citations == ["職業安全衛生法第37條第2項第1款"]


def test_three_injured_is_clause_2_but_two_is_not():
    assert oa.assess(on=ON, deaths=0, disabled=3, hospitalised=0).clauses == (2,)
    assert not oa.assess(on=ON, deaths=0, disabled=2, hospitalised=0).reportable


def test_the_dead_count_among_the_three():
    assert oa.assess(on=ON, deaths=1, disabled=2, hospitalised=0).clauses == (1, 2)


def test_one_hospitalised_is_clause_3_and_designated_is_clause_4():
    assert oa.assess(on=ON, deaths=0, disabled=1, hospitalised=1).clauses == (3,)
    assert oa.assess(on=ON, deaths=0, disabled=0, hospitalised=0, designated=True).clauses == (4,)


def test_before_the_act_is_refused():
    with pytest.raises(RuleError) as error:
        oa.assess(on=date(2014, 7, 2), deaths=1, disabled=0, hospitalised=0)
    assert error.value.field == "occurred_at"


@pytest.mark.parametrize("bad", [-1, True, 1.5, "2"])
def test_bad_counts_are_refused(bad):
    with pytest.raises(RuleError) as error:
        oa.assess(on=ON, deaths=bad, disabled=0, hospitalised=0)
    assert error.value.field == "deaths"


def test_deadline_is_eight_hours_and_exactly_eight_is_in_time():
    known = datetime(2026, 3, 2, 22, 30)
    assert oa.report_deadline(known) == datetime(2026, 3, 3, 6, 30)
    assert not oa.lateness(known_at=known, reported_at=datetime(2026, 3, 3, 6, 30)).late
    late = oa.lateness(known_at=known, reported_at=datetime(2026, 3, 3, 6, 30, 1))
    assert late.late and late.minutes_late == 1


def test_report_before_knowledge_is_refused():
    with pytest.raises(RuleError) as error:
        oa.lateness(known_at=datetime(2026, 3, 2, 10), reported_at=datetime(2026, 3, 2, 9))
    assert error.value.field == "known_at"


@given(deaths=counts, disabled=counts, hospitalised=counts, designated=st.booleans())
def test_reportable_exactly_when_a_clause_is_met(deaths, disabled, hospitalised, designated):
    result = oa.assess(on=ON, deaths=deaths, disabled=disabled, hospitalised=hospitalised, designated=designated)
    expected = deaths >= 1 or deaths + disabled >= 3 or hospitalised >= 1 or designated
    assert result.reportable == expected
    assert list(result.clauses) == sorted(set(result.clauses))


@given(deaths=counts, disabled=counts, hospitalised=counts, more=st.integers(min_value=0, max_value=5))
def test_more_casualties_never_make_it_unreportable(deaths, disabled, hospitalised, more):
    before = oa.assess(on=ON, deaths=deaths, disabled=disabled, hospitalised=hospitalised)
    after = oa.assess(on=ON, deaths=deaths + more, disabled=disabled + more, hospitalised=hospitalised + more)
    assert set(before.clauses) <= set(after.clauses)


@given(minutes=st.integers(min_value=0, max_value=5 * 24 * 60), seconds=st.integers(min_value=0, max_value=59))
def test_late_exactly_after_eight_hours(minutes, seconds):
    known = datetime(2026, 5, 1, 8, 0)
    reported = known + timedelta(minutes=minutes, seconds=seconds)
    result = oa.lateness(known_at=known, reported_at=reported)
    assert result.late == (reported > known + timedelta(hours=8))
    if result.late:
        assert (result.minutes_late - 1) * 60 < (reported - result.deadline).total_seconds() <= result.minutes_late * 60
    else:
        assert result.minutes_late == 0
