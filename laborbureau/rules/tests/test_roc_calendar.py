"""Tests for laborbureau.rules.roc_calendar."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.roc_calendar import (
    format_compact,
    format_long,
    format_short,
    from_roc,
    parse_date,
    to_roc,
)

DAY = date(2026, 11, 27)
ROC_DATES = st.dates(min_value=date(1912, 1, 1), max_value=date(2200, 12, 31))


def test_to_and_from_roc():
    assert to_roc(DAY) == (115, 11, 27)
    assert to_roc(date(1912, 1, 1)) == (1, 1, 1)
    assert from_roc(115, 11, 27) == DAY
    assert from_roc(1, 1, 1) == date(1912, 1, 1)


def test_formats():
    assert format_long(DAY) == "民國115年11月27日"
    assert format_long(date(2026, 1, 5)) == "民國115年1月5日"
    assert format_short(DAY) == "115/11/27"
    assert format_short(date(2026, 1, 5)) == "115/01/05"
    assert format_compact(DAY) == "1151127"
    assert format_compact(date(2010, 1, 1)) == "0990101"


def test_dates_before_roc_year_one_cannot_be_formatted():
    with pytest.raises(RuleError) as caught:
        to_roc(date(1911, 12, 31))
    assert caught.value.field == "date"
    with pytest.raises(RuleError):
        format_long(date(1900, 1, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-27", DAY),
        ("2026/11/27", DAY),
        ("2026.11.27", DAY),
        ("20261127", DAY),
        ("2026年11月27日", DAY),
        ("西元2026年11月27日", DAY),
        ("115/11/27", DAY),
        ("115/1/5", date(2026, 1, 5)),
        ("115-11-27", DAY),
        ("115.11.27", DAY),
        ("115年11月27日", DAY),
        ("民國115年11月27日", DAY),
        ("中華民國115年11月27日", DAY),
        ("民國 115 年 11 月 27 日", DAY),
        ("1151127", DAY),
        ("0990101", date(2010, 1, 1)),
        ("990101", date(2010, 1, 1)),
        ("99/1/1", date(2010, 1, 1)),
        ("１１５／１１／２７", DAY),
        ("民國１１５年１１月２７日", DAY),
        ("  2026-11-27\u3000", DAY),
        ("1/1/1", date(1912, 1, 1)),
        ("113/02/29", date(2024, 2, 29)),
    ],
)
def test_parse_date_accepts_documented_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment_zh"),
    [
        ("115/2/30", "日期不存在"),
        ("2026-02-30", "日期不存在"),
        ("114/02/29", "日期不存在"),
        ("1150230", "日期不存在"),
        ("115/13/01", "日期不存在"),
        ("0/1/1", "民國年份應大於0"),
        ("000101", "民國年份應大於0"),
        ("民國0年1月1日", "民國年份應大於0"),
        ("民國2026年1月1日", "1至3位數"),
        ("", "無法辨識"),
        ("hello", "無法辨識"),
        ("115/11-27", "無法辨識"),
        ("115/11/27/1", "無法辨識"),
        ("12345", "無法辨識"),
        ("123456789", "無法辨識"),
        ("１１５-１１", "無法辨識"),
        ("\u0661\u0661\u0665/11/27", "無法辨識"),
    ],
)
def test_parse_date_rejects_invalid_input(text, fragment_zh):
    with pytest.raises(RuleError) as caught:
        parse_date(text)
    assert caught.value.field == "date"
    assert fragment_zh in caught.value.message_zh
    assert caught.value.message_en


@given(ROC_DATES)
def test_parse_round_trips_every_format(d):
    assert parse_date(format_long(d)) == d
    assert parse_date(format_short(d)) == d
    assert parse_date(format_compact(d)) == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(d.strftime("%Y/%m/%d")) == d


@given(ROC_DATES)
def test_roc_tuple_round_trips(d):
    assert from_roc(*to_roc(d)) == d
    assert to_roc(d)[0] == d.year - 1911


@given(ROC_DATES)
def test_full_width_variants_parse(d):
    full_width = format_short(d).translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    assert parse_date(full_width) == d


@given(st.text())
def test_parse_date_never_raises_anything_but_rule_error(text):
    try:
        result = parse_date(text)
    except RuleError as error:
        assert error.field == "date"
    else:
        assert isinstance(result, date)
