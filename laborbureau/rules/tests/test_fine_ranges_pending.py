"""A promulgated amendment whose effective date the Executive Yuan sets (施行日期由行政院
定之): not in force until the data records the order (中央法規標準法第14條), so the
previous range applies with a caution; once ``effective_from`` is recorded, the new
range applies from that day. Property tests of the boundaries."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laborbureau.rules import fine_ranges
from laborbureau.rules.base import RuleError
from laborbureau.rules.fine_ranges import check_fine_amount, fine_range, list_articles

RAW = json.loads(resources.files("laborbureau.rules").joinpath("data", "fine_ranges.json").read_text(encoding="utf-8"))
PROMULGATED = date(2025, 12, 19)
OLD = (30_000, 300_000)
NEW = (50_000, 3_000_000)
IN_FORCE_FROM = date(2014, 7, 3)

osh_dates = st.dates(min_value=IN_FORCE_FROM, max_value=date(2035, 12, 31))
articles = st.sampled_from(["第43條", "第43條第2款", "43", "第43條第1款"])


@settings(deadline=None)  # timing on a shared machine is not what these test
@given(on=osh_dates, article=articles)
def test_the_previous_range_applies_and_the_caution_starts_the_day_after_promulgation(on, article):
    found = fine_range("OSHA", article, on)
    assert (found.min, found.max) == OLD
    assert found.aggravated_max is None  # the new half-maximum aggravation is not in force
    pending = on > PROMULGATED
    assert bool(found.caution_zh) is pending and bool(found.caution_en) is pending
    assert found.amendment_promulgated == (PROMULGATED if pending else None)


@settings(deadline=None)  # timing on a shared machine is not what these test
@given(on=st.dates(min_value=PROMULGATED + timedelta(days=1), max_value=date(2035, 12, 31)))
def test_the_pending_amendment_never_blocks_a_fine_within_the_previous_range(on):
    assert check_fine_amount("OSHA", "第43條第2款", on, OLD[0]).caution_zh
    assert check_fine_amount("OSHA", "第43條第2款", on, OLD[1]).max == OLD[1]
    for amount in (OLD[0] - 1, OLD[1] + 1, NEW[1]):
        with pytest.raises(RuleError) as caught:
            check_fine_amount("OSHA", "第43條第2款", on, amount)
        assert caught.value.field == "amount"
    with pytest.raises(RuleError):  # the new 第43條第2項 aggravation is not in force either
        check_fine_amount("OSHA", "第43條", on, NEW[1], aggravated=True)


def _with_effective_date(effective_from: date, *, close_old: bool) -> dict:
    raw = copy.deepcopy(RAW)
    for entry in raw["entries"]:
        if entry["law_code"] != "OSHA" or entry["article"] != "第43條":
            continue
        if entry["effective_from"] is None:
            entry["effective_from"] = effective_from.isoformat()
        elif close_old:
            entry["effective_to"] = (effective_from - timedelta(days=1)).isoformat()
    return raw


@settings(deadline=None)  # timing on a shared machine is not what these test
@given(
    effective_from=st.dates(min_value=PROMULGATED + timedelta(days=1), max_value=date(2030, 12, 31)),
    offset=st.integers(min_value=-400, max_value=400),
    close_old=st.booleans(),
)
def test_once_recorded_the_new_range_applies_from_the_effective_date(effective_from, offset, close_old):
    parsed = fine_ranges._parse(_with_effective_date(effective_from, close_old=close_old))
    on = effective_from + timedelta(days=offset)
    original = fine_ranges._data
    fine_ranges._data = lambda: parsed  # hypothesis forbids function-scoped fixtures
    try:
        found = fine_range("OSHA", "第43條第2款", on)
        assert not found.caution_zh and found.amendment_promulgated is None  # the date is known
        if on >= effective_from:
            assert (found.min, found.max, found.aggravated_max) == (*NEW, 4_500_000)
            assert found.effective_from == effective_from and found.effective_to is None
            assert check_fine_amount("OSHA", "第43條", on, 4_500_000, aggravated=True).max == NEW[1]
        else:
            assert (found.min, found.max) == OLD
            assert found.effective_to == effective_from - timedelta(days=1)
            with pytest.raises(RuleError):
                check_fine_amount("OSHA", "第43條", on, NEW[1])
        listed = {(r.article, r.min, r.max) for r in list_articles(on) if r.law_code == "OSHA" and r.article == "第43條"}
        assert listed == {("第43條", *(NEW if on >= effective_from else OLD))}
    finally:
        fine_ranges._data = original


def test_a_recorded_date_for_an_amendment_without_its_range_asks_for_the_range(monkeypatch):
    raw = copy.deepcopy(RAW)
    for entry in raw["entries"]:
        if entry["law_code"] == "OSHA" and entry["article"] == "第45條" and entry["effective_from"] is None:
            entry["effective_from"] = "2026-07-01"
    parsed = fine_ranges._parse(raw)
    monkeypatch.setattr(fine_ranges, "_data", lambda: parsed)
    assert fine_range("OSHA", "第45條", date(2026, 6, 30)).max == 150_000
    with pytest.raises(RuleError) as caught:
        fine_range("OSHA", "第45條", date(2026, 7, 1))
    assert "尚未收錄" in caught.value.message_zh and caught.value.field == "article"


def test_the_data_refuses_an_amendment_in_force_before_its_promulgation():
    raw = _with_effective_date(PROMULGATED - timedelta(days=1), close_old=True)
    with pytest.raises(ValueError, match="before its promulgation"):
        fine_ranges._parse(raw)
    raw = copy.deepcopy(RAW)
    raw["entries"][0] = {**raw["entries"][0], "effective_from": None}
    with pytest.raises(ValueError, match="effective_from or promulgated"):
        fine_ranges._parse(raw)


def test_other_laws_carry_no_caution():
    for found in list_articles(date(2026, 6, 1)):
        assert bool(found.caution_zh) is (found.law_code == "OSHA")
