"""勞資爭議處理法 (Act for Settlement of Labor-Management Disputes) in rules.fine_ranges:
第62條 (breach of 第8條 during mediation, arbitration or adjudication) and 第63條
(false statements, refusals, absence from a mediation meeting)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.fine_ranges import check_fine_amount, fine_range, law_name, law_name_en, list_articles

TODAY = date(2026, 11, 27)

EXPECTED = {
    "第62條第1項": (200_000, 600_000),
    "第62條第2項": (100_000, 300_000),
    "第62條第3項": (10_000, 30_000),
    "第63條第1項": (30_000, 150_000),
    "第63條第2項": (10_000, 50_000),
    "第63條第3項": (2_000, 10_000),
}


@pytest.mark.parametrize(("article", "bounds"), sorted(EXPECTED.items()))
def test_each_paragraph_has_its_statutory_range(article, bounds):
    found = fine_range("LDSA", article, TODAY)
    assert (found.min, found.max) == bounds
    assert found.aggravated_max is None
    assert found.basis.cite() == f"勞資爭議處理法{article}"
    assert found.basis.law_en == "Act for Settlement of Labor-Management Disputes"
    assert found.effective_from == date(2011, 5, 1)


def test_the_law_is_named_and_listed():
    assert law_name("LDSA", TODAY) == "勞資爭議處理法"
    assert law_name_en("LDSA") == "Act for Settlement of Labor-Management Disputes"
    listed = {(r.law_code, r.article) for r in list_articles(TODAY)}
    assert {("LDSA", article) for article in EXPECTED} <= listed


def test_an_article_without_paragraph_asks_for_one():
    with pytest.raises(RuleError) as caught:
        fine_range("LDSA", "第62條", TODAY)
    assert caught.value.field == "article"
    assert "第62條第1項、第62條第2項、第62條第3項" in caught.value.message_zh


def test_an_item_or_loose_reference_resolves_to_the_paragraph():
    assert fine_range("LDSA", "63條3項", TODAY).article == "第63條第3項"


def test_absence_from_mediation_bounds_are_inclusive():
    assert check_fine_amount("LDSA", "第63條第3項", TODAY, 2_000).max == 10_000
    assert check_fine_amount("LDSA", "第63條第3項", TODAY, 10_000).min == 2_000
    for amount in (1_999, 10_001):
        with pytest.raises(RuleError) as caught:
            check_fine_amount("LDSA", "第63條第3項", TODAY, amount)
        assert caught.value.field == "amount"
        assert "勞資爭議處理法第63條第3項" in caught.value.message_zh


def test_no_aggravation_clause():
    with pytest.raises(RuleError) as caught:
        check_fine_amount("LDSA", "第62條第1項", TODAY, 600_000, aggravated=True)
    assert "無加重罰鍰之規定" in caught.value.message_zh


def test_other_articles_of_the_act_have_no_fine():
    with pytest.raises(RuleError):
        fine_range("LDSA", "第8條", TODAY)


@settings(deadline=None)  # timing on a shared machine is not what these test
@given(
    article=st.sampled_from(sorted(EXPECTED)),
    on=st.dates(min_value=date(2013, 1, 1), max_value=date(2030, 12, 31)),
    amount=st.integers(min_value=-10, max_value=700_000),
)
def test_an_amount_is_accepted_exactly_when_it_lies_in_the_range(article, on, amount):
    low, high = EXPECTED[article]
    if low <= amount <= high:
        assert check_fine_amount("LDSA", article, on, amount).article == article
    else:
        with pytest.raises(RuleError):
            check_fine_amount("LDSA", article, on, amount)
