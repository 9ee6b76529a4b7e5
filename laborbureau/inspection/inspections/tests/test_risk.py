"""The risk score is pure: bounded, monotone in every fact, its reasons adding up, and
exact on a worked example (hypothesis for the properties)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.inspection.inspections import risk

sections = st.sampled_from(["", "A", "B", "C", "F", "G", "H", "I", "K", "S"])
facts = st.builds(
    risk.RiskFacts, industry_section=sections, headcount=st.one_of(st.none(), st.integers(0, 5000)),
    violations=st.integers(0, 40), accidents=st.integers(0, 20), complaints=st.integers(0, 30),
    construction_in_progress=st.booleans(), inspected_recently=st.booleans(),
)


def test_a_worked_example():
    result = risk.score(risk.RiskFacts(industry_section="F", headcount=120, violations=2, accidents=1, complaints=1,
                                       construction_in_progress=True, inspected_recently=True))
    # 30 industry + 15 size (100–299) + 12 violations + 10 accident + 4 complaint + 15 construction
    assert result.score == 86
    assert [r.code for r in result.reasons] == ["industry", "construction", "size", "violations", "accidents", "complaints"]
    assert result.reasons[0].text_zh == "行業別：營造業（F）"


def test_the_total_is_capped():
    result = risk.score(risk.RiskFacts(industry_section="F", headcount=1000, violations=10, accidents=10, complaints=10,
                                       construction_in_progress=True))
    assert result.score == 100
    assert sum(r.points for r in result.reasons) > 100


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        risk.score(risk.RiskFacts(violations=-1))


@given(facts)
def test_bounded_and_the_reasons_add_up(f):
    result = risk.score(f)
    assert 0 <= result.score <= risk.MAX_SCORE
    assert result.score == min(sum(r.points for r in result.reasons), risk.MAX_SCORE)
    assert all(r.points > 0 for r in result.reasons)
    assert [r.points for r in result.reasons] == sorted((r.points for r in result.reasons), reverse=True)


@given(facts, st.sampled_from(["violations", "accidents", "complaints"]), st.integers(1, 10))
def test_more_history_never_lowers_the_score(f, name, more):
    worse = risk.RiskFacts(**{**f.__dict__, name: getattr(f, name) + more})
    assert risk.score(worse).score >= risk.score(f).score


@given(facts, st.integers(1, 1000))
def test_more_workers_never_lower_the_score(f, more):
    worse = risk.RiskFacts(**{**f.__dict__, "headcount": (f.headcount or 0) + more})
    assert risk.score(worse).score >= risk.score(f).score


@given(facts)
def test_construction_and_no_recent_inspection_never_lower_it(f):
    worse = risk.RiskFacts(**{**f.__dict__, "construction_in_progress": True, "inspected_recently": False})
    assert risk.score(worse).score >= risk.score(f).score


@given(facts)
def test_construction_work_is_inspected_as_a_construction_site(f):
    if f.construction_in_progress or f.industry_section == "F":
        assert risk.suggested_type(f) == "CONSTRUCTION"
    else:
        assert risk.suggested_type(f) in ("LABOR_CONDITIONS", "GENERAL")
