"""Tests for laborbureau.rules.working_days (辦公日曆表 and 行政程序法第48條)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.working_days import (
    add_calendar_days,
    add_working_days,
    covered_years,
    deadline,
    deadline_detail,
    holiday_name,
    is_working_day,
    working_days_between,
)

RAW = json.loads(resources.files("laborbureau.rules").joinpath("data", "calendar_tw.json").read_text(encoding="utf-8"))
# Leave room at the end so that add_working_days stays inside the covered years.
DAYS = st.dates(min_value=date(2013, 1, 1), max_value=date(2027, 9, 30))


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


def test_covered_years():
    assert covered_years() == range(2013, 2028)


@pytest.mark.parametrize("year", range(2013, 2028))
def test_days_off_per_year_match_the_official_totals(year):
    official = RAW[str(year)]["official_total_days_off"]
    days_off = sum(1 for day in days_of(year) if not is_working_day(day))
    expected = {
        2013: 115, 2014: 113, 2015: 116, 2016: 116, 2017: 116, 2018: 115, 2019: 115,
        2020: 115, 2021: 116, 2022: 115, 2023: 116, 2024: 115, 2025: 118, 2026: 120,
        2027: 121,
    }  # fmt: skip
    assert days_off == expected[year]
    if official is not None:
        assert days_off == official


@pytest.mark.parametrize("year", range(2013, 2028))
def test_calendar_data_is_well_formed(year):
    entry = RAW[str(year)]
    holidays = [date.fromisoformat(d) for d, _ in entry["holidays"]]
    makeups = [date.fromisoformat(d) for d, _ in entry["makeup_workdays"]]
    assert holidays == sorted(set(holidays))
    assert all(d.year == year for d in holidays + makeups)
    assert all(d.weekday() == 5 for d in makeups)  # every 補行上班 was a Saturday
    assert not set(holidays) & set(makeups)
    assert entry["source"]
    assert all(name for _, name in entry["holidays"] + entry["makeup_workdays"])


def test_lunar_new_year_2024():
    for day in range(8, 15):
        assert not is_working_day(date(2024, 2, day)), day
    assert is_working_day(date(2024, 2, 7))
    assert is_working_day(date(2024, 2, 15))
    assert holiday_name(date(2024, 2, 9)) == "農曆除夕"


def test_2024_02_17_was_a_make_up_working_saturday():
    # 113年辦公日曆表（112年5月25日院授人培字第11230268412號函）: 小年夜 2/8 調整放假，
    # 於2月17日（星期六）補行上班.
    assert is_working_day(date(2024, 2, 17))
    assert holiday_name(date(2024, 2, 17)) == "補行上班"
    assert not is_working_day(date(2024, 2, 18))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2023, 1, 7), True),  # 補行上班 Saturday
        (date(2023, 1, 20), False),  # 小年夜 調整放假
        (date(2023, 6, 23), False),
        (date(2024, 5, 1), True),  # 勞動節: not an office holiday before 2026
        (date(2025, 5, 1), True),
        (date(2026, 5, 1), False),  # 勞動節 for everyone from 2026
        (date(2024, 9, 27), True),  # no 教師節 holiday before 2025
        (date(2025, 9, 29), False),  # 教師節 (Sun 9/28) 補假
        (date(2025, 10, 24), False),  # 光復節 (Sat 10/25) 補假
        (date(2024, 12, 25), True),
        (date(2025, 12, 25), False),  # 行憲紀念日
        (date(2026, 2, 20), False),  # 除夕前一日 (Sun 2/15) 補假
        (date(2026, 2, 23), True),
        (date(2026, 2, 27), False),
        (date(2026, 9, 28), False),
        (date(2026, 10, 26), False),
        (date(2026, 11, 27), True),
        (date(2026, 11, 28), False),  # ordinary Saturday
        (date(2027, 2, 4), False),
        (date(2027, 4, 30), False),
        (date(2027, 12, 31), False),  # 2028-01-01 (Sat) 補假
        (date(2021, 12, 31), False),  # 2022-01-01 (Sat) 補假
        (date(2014, 12, 27), True),  # worked for 2015-01-02
        (date(2015, 1, 2), False),
        (date(2013, 4, 5), False),  # 兒童節 moved to the day after (Thursday rule)
    ],
)
def test_known_days(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize("day", [date(2012, 12, 31), date(2028, 1, 3), date(1999, 1, 1)])
def test_dates_outside_covered_years_raise(day):
    with pytest.raises(RuleError) as caught:
        is_working_day(day)
    assert caught.value.field == "date"
    assert "2013–2027" in caught.value.message_zh


def test_add_working_days_examples():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 13), 0) == date(2026, 2, 13)
    assert add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 23)
    assert add_working_days(date(2024, 2, 16), 1) == date(2024, 2, 17)  # make-up Saturday
    assert add_working_days(date(2026, 11, 27), 5) == date(2026, 12, 4)
    with pytest.raises(RuleError) as caught:
        add_working_days(date(2026, 1, 1), -1)
    assert caught.value.field == "days"
    with pytest.raises(RuleError):
        add_working_days(date(2027, 12, 30), 2)  # runs past the covered years


def test_working_days_between_examples():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == -1
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 27)) == 0
    assert working_days_between(date(2024, 2, 7), date(2024, 2, 18)) == 3  # 2/7 excl., 2/15, 2/16, 2/17


def test_add_calendar_days():
    assert add_calendar_days(date(2026, 11, 27), 30) == date(2026, 12, 27)
    assert add_calendar_days(date(2026, 11, 27), -27) == date(2026, 10, 31)
    assert add_calendar_days(date(2030, 1, 1), 1) == date(2030, 1, 2)  # no calendar needed


@given(DAYS, st.integers(1, 60))
def test_add_then_count_round_trips(start, n):
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert working_days_between(start, end) == n
    assert working_days_between(start, end - timedelta(days=1)) == n - 1


@given(DAYS)
def test_add_zero_is_start_or_next_working_day(start):
    result = add_working_days(start, 0)
    assert result >= start
    assert is_working_day(result)
    skipped = [start + timedelta(days=i) for i in range((result - start).days)]
    assert not any(is_working_day(day) for day in skipped)
    assert (result == start) is is_working_day(start)


@given(DAYS, st.integers(0, 40), st.integers(0, 40))
def test_working_days_between_is_additive(start, a, b):
    middle = start + timedelta(days=a)
    end = middle + timedelta(days=b)
    assert working_days_between(start, end) == working_days_between(start, middle) + working_days_between(middle, end)


# --------------------------------------------------------------------------- deadlines


def test_deadline_end_on_lunar_new_year_moves_to_next_working_day():
    detail = deadline_detail(date(2024, 2, 5), 7)
    assert detail.nominal_end == date(2024, 2, 12)
    assert detail.due == date(2024, 2, 15)
    assert detail.extended is True
    assert detail.morning_only is False
    assert detail.basis.cite() == "行政程序法第48條第2項、第4項"


def test_deadline_end_on_saturday_is_monday_morning():
    detail = deadline_detail(date(2026, 11, 21), 7)
    assert detail.nominal_end == date(2026, 11, 28)
    assert detail.due == date(2026, 11, 30)
    assert detail.morning_only is True
    assert deadline(date(2026, 11, 21), 7) == date(2026, 11, 30)


def test_deadline_saturday_then_holiday_monday_moves_to_next_working_day():
    # 2027-10-09 (Sat) -> Monday 10-11 is 國慶日補假 -> Tuesday 10-12, whole day.
    detail = deadline_detail(date(2027, 9, 29), 10)
    assert detail.nominal_end == date(2027, 10, 9)
    assert detail.due == date(2027, 10, 12)
    assert detail.morning_only is False


def test_deadline_on_make_up_saturday_is_not_extended():
    # 法務部99年2月3日法律字第0990004718號函.
    detail = deadline_detail(date(2024, 2, 7), 10)
    assert detail.nominal_end == date(2024, 2, 17)
    assert detail.due == date(2024, 2, 17)
    assert detail.extended is False


def test_labor_day_extends_periods_only_from_2026():
    assert deadline(date(2025, 4, 21), 10) == date(2025, 5, 1)
    assert deadline(date(2026, 4, 21), 10) == date(2026, 5, 4)


def test_deadline_sunday_end_moves_to_monday_whole_day():
    detail = deadline_detail(date(2026, 11, 22), 7)  # ends Sunday 11-29
    assert (detail.due, detail.morning_only) == (date(2026, 11, 30), False)


def test_deadline_working_days():
    assert deadline(date(2026, 2, 13), 1, "working") == date(2026, 2, 23)
    assert deadline(date(2026, 11, 27), 10, "working") == date(2026, 12, 11)


def test_deadline_unextended_for_sanction_periods():
    detail = deadline_detail(date(2024, 2, 5), 7, extend_end=False)
    assert detail.due == date(2024, 2, 12)
    assert detail.basis.article == "第48條第2項、第5項"
    # Needs no calendar, so it works outside the covered years too.
    assert deadline(date(2030, 1, 1), 30, extend_end=False) == date(2030, 1, 31)


@pytest.mark.parametrize("days", [0, -3])
def test_deadline_rejects_non_positive_periods(days):
    with pytest.raises(RuleError) as caught:
        deadline(date(2026, 1, 5), days)
    assert caught.value.field == "days"


def test_deadline_rejects_unknown_kind():
    with pytest.raises(RuleError):
        deadline(date(2026, 1, 5), 3, "lunar")  # type: ignore[arg-type]


@given(DAYS, st.integers(1, 90))
def test_calendar_deadline_is_first_working_day_not_before_nominal_end(start, days):
    detail = deadline_detail(start, days)
    assert detail.nominal_end == start + timedelta(days=days)
    assert detail.due >= detail.nominal_end
    assert is_working_day(detail.due)
    assert working_days_between(detail.nominal_end, detail.due) == (1 if detail.extended else 0)
    assert detail.extended is (not is_working_day(detail.nominal_end))
    if detail.morning_only:
        assert detail.nominal_end.weekday() == 5
        assert detail.due == detail.nominal_end + timedelta(days=2)
