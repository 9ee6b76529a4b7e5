"""Tests for laborbureau.rules.fine_ranges."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.fine_ranges import (
    COVERAGE_START,
    check_fine_amount,
    fine_range,
    law_codes,
    law_name,
    law_name_en,
    list_articles,
    normalize_article,
)

RAW = json.loads(resources.files("laborbureau.rules").joinpath("data", "fine_ranges.json").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("79", "第79條"),
        ("第79條", "第79條"),
        ("第79條第1項", "第79條第1項"),
        ("79條1項1款", "第79條第1項第1款"),
        ("第79條之1", "第79-1條"),
        ("79-1", "第79-1條"),
        ("第 38-1 條 第 2 項", "第38-1條第2項"),
        ("７９條１項", "第79條第1項"),
    ],
)
def test_normalize_article(text, canonical):
    assert normalize_article(text) == canonical


@pytest.mark.parametrize("text", ["", "abc", "第條", "79條a項"])
def test_normalize_article_rejects_garbage(text):
    with pytest.raises(RuleError) as caught:
        normalize_article(text)
    assert caught.value.field == "article"


def test_labor_standards_act_79_history():
    before = fine_range("LSA", "第79條第1項", date(2016, 12, 22))
    after = fine_range("LSA", "第79條第1項", date(2016, 12, 23))
    assert (before.min, before.max, before.aggravated_max) == (20_000, 300_000, None)
    assert (after.min, after.max, after.aggravated_max) == (20_000, 1_000_000, 1_500_000)
    assert after.basis.cite() == "勞動基準法第79條第1項"
    assert after.basis.version == "2016-12-21 修正公布"
    assert after.basis.law_en == "Labor Standards Act"
    assert after.aggravation_basis is not None
    assert after.aggravation_basis.cite() == "勞動基準法第79條第4項"


def test_labor_standards_act_79_other_paragraphs():
    assert (fine_range("LSA", "第79條第2項", TODAY).min, fine_range("LSA", "第79條第2項", TODAY).max) == (
        90_000,
        450_000,
    )
    third = fine_range("LSA", "第79條第3項", TODAY)
    assert (third.min, third.max, third.aggravated_max) == (20_000, 300_000, 450_000)
    with pytest.raises(RuleError):
        fine_range("LSA", "第79條第3項", date(2016, 1, 1))  # paragraph did not exist yet


def test_item_level_reference_resolves_to_paragraph():
    assert fine_range("LSA", "第79條第1項第1款", TODAY).article == "第79條第1項"


def test_article_without_paragraph_lists_the_paragraphs():
    with pytest.raises(RuleError) as caught:
        fine_range("LSA", "第79條", TODAY)
    assert "第79條第1項、第79條第2項、第79條第3項" in caught.value.message_zh


def test_labor_standards_act_78_is_a_fine_only_from_2015_02_06():
    with pytest.raises(RuleError):
        fine_range("LSA", "第78條第1項", date(2015, 2, 5))
    first = fine_range("LSA", "第78條第1項", date(2015, 2, 6))
    assert (first.min, first.max) == (300_000, 1_500_000)
    assert (fine_range("LSA", "第78條第2項", TODAY).min, fine_range("LSA", "第78條第2項", TODAY).max) == (
        90_000,
        450_000,
    )


def test_article_79_1_has_no_range_of_its_own():
    with pytest.raises(RuleError) as caught:
        fine_range("LSA", "第79條之1", TODAY)
    assert "無獨立之罰鍰額度" in caught.value.message_zh


def test_labor_standards_act_80():
    found = fine_range("LSA", "80", TODAY)
    assert (found.min, found.max) == (30_000, 150_000)


def test_gender_equality_act_history_and_rename():
    old = fine_range("GEEA", "第38條", date(2014, 6, 19))
    new = fine_range("GEEA", "第38條", date(2014, 6, 20))
    assert (old.min, old.max) == (10_000, 100_000)
    assert (new.min, new.max) == (20_000, 300_000)
    assert fine_range("GEEA", "第38條", date(2023, 8, 17)).basis.law == "性別工作平等法"
    assert fine_range("GEEA", "第38條", date(2023, 8, 18)).basis.law == "性別平等工作法"
    assert law_name("GEEA", date(2020, 1, 1)) == "性別工作平等法"
    # 第38-1條: single range before 2014-06-20, split afterwards, rewritten 2024-03-08.
    assert fine_range("GEEA", "第38-1條", date(2014, 1, 1)).max == 500_000
    assert fine_range("GEEA", "第38-1條第1項", date(2014, 1, 1)).article == "第38-1條"
    assert fine_range("GEEA", "第38-1條第1項", TODAY).max == 1_500_000
    assert fine_range("GEEA", "第38-1條第2項", date(2024, 3, 7)).min == 100_000
    second = fine_range("GEEA", "第38-1條第2項", date(2024, 3, 8))
    assert (second.min, second.max) == (20_000, 1_000_000)
    with pytest.raises(RuleError):
        fine_range("GEEA", "第38-1條第3項", date(2024, 3, 7))
    assert fine_range("GEEA", "第38-2條第1項", TODAY).max == 1_000_000


def test_occupational_safety_act_ranges_and_pending_amendment():
    assert fine_range("OSHA", "第43條", date(2025, 12, 19)).max == 300_000
    assert fine_range("OSHA", "第45條", date(2020, 1, 1)).max == 150_000
    with pytest.raises(RuleError):
        fine_range("OSHA", "第43條", date(2014, 7, 2))  # before the act took effect under this name
    # The 2025-12-19 amendment's effective date is left to the Executive Yuan and not
    # recorded: the previous range applies, with a caution (it no longer blocks).
    for article, bounds in (("第43條", (30_000, 300_000)), ("第45條", (30_000, 150_000))):
        found = fine_range("OSHA", article, date(2025, 12, 20))
        assert (found.min, found.max) == bounds
        assert found.basis.version == "2013-07-03 修正公布全文，2014-07-03 施行"
        assert found.amendment_promulgated == date(2025, 12, 19)
        assert "2025-12-19修正公布" in found.caution_zh and "行政院" in found.caution_zh
        assert "Executive Yuan" in found.caution_en and "previous range" in found.caution_en


def test_other_laws():
    assert (fine_range("ESA", "第65條第1項", TODAY).min, fine_range("ESA", "第65條第1項", TODAY).max) == (
        300_000,
        1_500_000,
    )
    with pytest.raises(RuleError) as caught:
        fine_range("ESA", "第67條", TODAY)
    assert "第67條第1項" in caught.value.message_zh
    assert (fine_range("ESA", "第67條第1項", TODAY).min, fine_range("ESA", "第67條第1項", TODAY).max) == (
        60_000,
        300_000,
    )
    assert (fine_range("PDRPA", "第96條", TODAY).min, fine_range("PDRPA", "第96條", TODAY).max) == (
        20_000,
        100_000,
    )
    assert (fine_range("AWPMR", "第17條", TODAY).min, fine_range("AWPMR", "第17條", TODAY).max) == (
        100_000,
        500_000,
    )
    # Obstructing a labor inspection (勞動檢查法第14條第1項) is fined under its 第35條.
    obstruction = fine_range("LIA", "第35條第1款", TODAY)
    assert (obstruction.article, obstruction.min, obstruction.max) == ("第35條", 30_000, 150_000)
    assert obstruction.basis.cite() == "勞動檢查法第35條"


def test_law_names():
    assert law_codes() == ["LSA", "OSHA", "GEEA", "ESA", "PDRPA", "AWPMR", "LDSA", "LIA"]
    assert law_name_en("LSA") == "Labor Standards Act"
    assert law_name_en("AWPMR") == "Act for Worker Protection of Mass Redundancy"
    with pytest.raises(RuleError) as caught:
        law_name_en("XYZ")
    assert caught.value.field == "law_code"


def test_dates_before_coverage_raise():
    with pytest.raises(RuleError) as caught:
        fine_range("LSA", "第80條", COVERAGE_START - timedelta(days=1))
    assert caught.value.field == "date"


def test_check_fine_amount_bounds_are_inclusive():
    assert check_fine_amount("LSA", "第79條第1項", TODAY, 20_000).max == 1_000_000
    assert check_fine_amount("LSA", "第79條第1項", TODAY, 1_000_000).min == 20_000
    for amount in (19_999, 1_000_001, 0, -5):
        with pytest.raises(RuleError) as caught:
            check_fine_amount("LSA", "第79條第1項", TODAY, amount)
        assert caught.value.field == "amount"
        assert "勞動基準法第79條第1項" in caught.value.message_zh


def test_check_fine_amount_uses_the_version_in_force():
    with pytest.raises(RuleError):
        check_fine_amount("LSA", "第79條第1項", date(2016, 12, 22), 500_000)
    assert check_fine_amount("LSA", "第79條第1項", date(2016, 12, 23), 500_000)


def test_aggravation_is_explicit_and_only_where_the_law_allows_it():
    with pytest.raises(RuleError):
        check_fine_amount("LSA", "第79條第1項", TODAY, 1_500_000)
    found = check_fine_amount("LSA", "第79條第1項", TODAY, 1_500_000, aggravated=True)
    assert found.aggravated_max == 1_500_000
    with pytest.raises(RuleError) as caught:
        check_fine_amount("LSA", "第79條第1項", TODAY, 1_500_001, aggravated=True)
    assert "第79條第4項" in caught.value.message_zh
    with pytest.raises(RuleError) as caught:
        check_fine_amount("LSA", "第78條第1項", TODAY, 300_000, aggravated=True)
    assert "無加重罰鍰之規定" in caught.value.message_zh
    with pytest.raises(RuleError):  # no 第4項 before 2016-12-23
        check_fine_amount("LSA", "第79條第1項", date(2016, 1, 1), 300_000, aggravated=True)


@pytest.mark.parametrize("amount", [1.5, 20000.0, "20000", True, None])
def test_check_fine_amount_rejects_non_integers(amount):
    with pytest.raises(RuleError) as caught:
        check_fine_amount("LSA", "第79條第1項", TODAY, amount)  # type: ignore[arg-type]
    assert caught.value.field == "amount"


def test_list_articles_today():
    listed = [(r.law_code, r.article, r.min, r.max) for r in list_articles(TODAY)]
    assert ("LSA", "第79條第1項", 20_000, 1_000_000) in listed
    assert ("GEEA", "第38-1條第5項", 10_000, 50_000) in listed
    assert ("OSHA", "第43條", 30_000, 300_000) in listed  # the previous range, while the amendment is pending
    assert all(r.caution_zh for r in list_articles(TODAY) if r.law_code == "OSHA")
    assert not any(r.caution_zh for r in list_articles(TODAY) if r.law_code != "OSHA")
    assert not any(article == "第79-1條" for _, article, *_ in listed)
    assert len(listed) == len(set(listed))


def test_list_articles_2013():
    listed = [(r.law_code, r.article) for r in list_articles(date(2013, 1, 1))]
    assert ("LSA", "第79條第1項") in listed
    assert ("GEEA", "第38-1條") in listed
    assert ("LSA", "第78條第1項") not in listed
    assert ("OSHA", "第43條") not in listed


def test_data_entries_do_not_overlap():
    by_key: dict[tuple[str, str], list[tuple[date, date]]] = {}
    for entry in RAW["entries"]:
        if entry["effective_from"] is None:
            continue
        start = date.fromisoformat(entry["effective_from"])
        end = date.fromisoformat(entry["effective_to"]) if entry["effective_to"] else date.max
        assert start <= end
        by_key.setdefault((entry["law_code"], entry["article"]), []).append((start, end))
        assert entry["source"] and entry["summary_zh"] and entry["verified"]
    for periods in by_key.values():
        periods.sort()
        for (_, end), (next_start, _) in zip(periods, periods[1:], strict=False):
            assert end < next_start


@settings(deadline=None)  # timing on a shared machine is not what these test
@given(st.dates(min_value=COVERAGE_START, max_value=date(2030, 12, 31)))
def test_every_listed_range_accepts_its_bounds(on):
    for found in list_articles(on):
        assert 0 < found.min <= found.max
        assert check_fine_amount(found.law_code, found.article, on, found.min) == found
        assert check_fine_amount(found.law_code, found.article, on, found.max) == found
        assert found.effective_from <= on
        assert found.effective_to is None or on <= found.effective_to
