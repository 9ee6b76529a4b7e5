"""Tests for laborbureau.rules.mass_layoff (大量解僱勞工保護法第2條、第4條).

No worked example from the Ministry was found; the cases below are read off the
statute (current text: 全國法規資料庫 via kong0107/mojLawSplitJSON
ch/N0020012.json; 2008 text of 第2條 as re-published by customs-assoc.org).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.mass_layoff import Layoff, assess, thresholds

D = date(2024, 3, 1)


def one_site(headcount: int, *layoffs: tuple[date, int]):
    return assess(site_headcounts={"A": headcount}, layoffs=[Layoff(d, n, "A") for d, n in layoffs])


@pytest.mark.parametrize(
    ("headcount", "expected"),
    [
        (1, ("第2條第1項第1款", 10, None)),
        (29, ("第2條第1項第1款", 10, None)),
        (30, ("第2條第1項第2款", 10, 20)),  # more than 30/3 = 10
        (31, ("第2條第1項第2款", 10, 20)),  # more than 10.33 -> 11
        (33, ("第2條第1項第2款", 11, 20)),
        (199, ("第2條第1項第2款", 66, 20)),
        (200, ("第2條第1項第3款", 50, 50)),
        (499, ("第2條第1項第3款", 124, 50)),
        (500, ("第2條第1項第4款", 100, 80)),
        (1000, ("第2條第1項第4款", 200, 80)),
    ],
)
def test_site_thresholds_current(headcount, expected):
    assert thresholds(D, headcount) == expected


def test_site_of_500_before_2014_amendment_has_no_site_clause():
    assert thresholds(date(2014, 6, 5), 500) == ("", None, None)
    assert thresholds(date(2014, 6, 6), 500) == ("第2條第1項第4款", 100, 80)


def test_small_site_exactly_ten_is_not_over_ten():
    assert not one_site(25, (D, 10)).crossed
    result = one_site(25, (D, 11))
    assert result.crossed and result.clause == "第2條第1項第1款"
    assert result.crossing_date == D
    # 60 days before 2024-03-01 (leap February): 2024-01-01.
    assert result.notice_due == date(2024, 1, 1)
    assert result.basis[0].cite() == "大量解僱勞工保護法第2條第1項第1款"
    assert result.version == "2014-06-04 修正公布（2014-06-06 生效）"


def test_ratio_exactly_one_third_is_not_over():
    assert not one_site(90, (D, 15), (D + timedelta(days=3), 15)).crossed
    result = one_site(90, (D, 15), (D + timedelta(days=3), 15), (D + timedelta(days=9), 1))
    assert (result.clause, result.limit, result.counted) == ("第2條第1項第2款", 30, 31)


def test_single_day_limit():
    assert not one_site(150, (D, 20)).crossed
    result = one_site(150, (D, 21))
    assert result.single_day and result.limit == 20 and result.counted == 21
    assert result.window_start == D


def test_sixty_day_window_includes_both_ends():
    # 6 + 5 = 11 > 10 only if both days fall in one 60-day window.
    assert one_site(20, (D, 6), (D + timedelta(days=59), 5)).crossing_date == D + timedelta(days=59)
    assert not one_site(20, (D, 6), (D + timedelta(days=60), 5)).crossed


def test_crossing_is_retroactive_when_reached_by_adding_up():
    result = one_site(20, (date(2024, 1, 10), 6), (date(2024, 2, 20), 5))
    assert result.crossing_date == date(2024, 2, 20)
    assert result.notice_due == date(2023, 12, 22)
    assert result.notice_retroactive  # due before the first of the layoffs counted
    assert result.window_start == date(2023, 12, 23)


def test_sudden_event_has_no_notice_period():
    result = assess(site_headcounts={"A": 20}, layoffs=[Layoff(D, 11, "A")], sudden_event=True)
    assert result.crossed and result.notice_due is None
    assert any(s.basis and s.basis.article == "第4條第1項但書" for s in result.steps)


def test_enterprise_clause_5_adds_up_sites():
    sites = {"A": 1000, "B": 1000, "C": 1000}
    layoffs = [Layoff(D, 70, "A"), Layoff(D + timedelta(days=1), 70, "B"), Layoff(D + timedelta(days=2), 60, "C")]
    assert not assess(site_headcounts=sites, layoffs=layoffs).crossed  # exactly 200
    layoffs.append(Layoff(D + timedelta(days=3), 1, "C"))
    result = assess(site_headcounts=sites, layoffs=layoffs)
    assert result.clause == "第2條第1項第5款" and result.site is None
    assert result.counted == 201 and result.crossing_date == D + timedelta(days=3)


def test_enterprise_single_day_over_100():
    sites = {"A": 1000, "B": 1000}
    layoffs = [Layoff(D, 50, "A"), Layoff(D, 51, "B")]
    result = assess(site_headcounts=sites, layoffs=layoffs)
    assert (result.clause, result.single_day, result.counted) == ("第2條第1項第5款", True, 101)


def test_old_enterprise_clause_4_before_2014():
    def spread(day):  # 161 in all, each site within its own 1/4 (100) and 50 a day
        nxt = day + timedelta(days=1)
        return [Layoff(day, 40, "A"), Layoff(nxt, 40, "A"), Layoff(day, 40, "B"), Layoff(nxt, 41, "B")]

    sites = {"A": 400, "B": 400}
    result = assess(site_headcounts=sites, layoffs=spread(date(2014, 1, 6)), enterprise_headcount=800)
    assert result.clause == "第2條第1項第4款" and result.site is None  # 161 > 800 / 5 = 160
    assert (result.limit, result.counted) == (160, 161)
    assert result.version.startswith("2008-05-23")
    # The same layoffs under the 2014 text: 161 is not over 200, nor 81 a day over 100.
    assert not assess(site_headcounts=sites, layoffs=spread(date(2014, 6, 6))).crossed


def test_old_version_needs_enterprise_headcount():
    with pytest.raises(RuleError) as caught:
        assess(site_headcounts={"A": 20}, layoffs=[Layoff(date(2013, 5, 1), 3, "A")])
    assert caught.value.field == "enterprise_headcount"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"site_headcounts": {"A": 20}, "layoffs": []}, "layoffs"),
        ({"site_headcounts": {"A": 20}, "layoffs": [Layoff(D, 0, "A")]}, "layoffs"),
        ({"site_headcounts": {"A": 20}, "layoffs": [Layoff(D, 3, "B")]}, "layoffs"),
        ({"site_headcounts": {"A": 0}, "layoffs": [Layoff(D, 3, "A")]}, "site_headcounts"),
        ({"site_headcounts": {"A": 20}, "layoffs": [Layoff(date(2008, 5, 24), 3, "A")]}, "layoffs"),
    ],
)
def test_bad_input_is_refused(kwargs, field):
    with pytest.raises(RuleError) as caught:
        assess(**kwargs)
    assert caught.value.field == field


def test_steps_are_bilingual():
    result = one_site(25, (D, 11))
    assert all(step.label_zh and step.label_en and step.value for step in result.steps)


LAYOFF = st.builds(
    Layoff,
    day=st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31)),
    count=st.integers(min_value=1, max_value=60),
    site=st.sampled_from(["A", "B"]),
)
SITES = st.fixed_dictionaries({"A": st.integers(1, 800), "B": st.integers(1, 800)})


@given(SITES, st.lists(LAYOFF, min_size=1, max_size=8), LAYOFF)
def test_adding_a_layoff_never_uncrosses(sites, layoffs, extra):
    before = assess(site_headcounts=sites, layoffs=layoffs)
    after = assess(site_headcounts=sites, layoffs=[*layoffs, extra])
    if before.crossed:
        assert after.crossed
        assert after.crossing_date <= before.crossing_date


@given(SITES, st.lists(LAYOFF, min_size=1, max_size=8))
def test_notice_due_is_sixty_days_before_crossing(sites, layoffs):
    result = assess(site_headcounts=sites, layoffs=layoffs)
    if result.crossed:
        assert result.crossing_date - result.notice_due == timedelta(days=60)
        assert result.counted > result.limit
