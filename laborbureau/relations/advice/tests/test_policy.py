"""The desk's booking policy (pure): no-show block, cancel cut-off, booking window."""

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from laborbureau.relations.advice import policy

TODAY = date(2026, 11, 27)


def test_one_no_show_does_not_block():
    assert policy.booking_block([TODAY - timedelta(days=5)], TODAY) is None


def test_two_no_shows_within_90_days_block_for_30_days_from_the_latest():
    latest = TODAY - timedelta(days=10)
    block = policy.booking_block([TODAY - timedelta(days=80), latest], TODAY)
    assert block == policy.Block(until=latest + timedelta(days=30), no_shows=2)


def test_the_block_ends_after_30_days():
    latest = TODAY - timedelta(days=31)
    assert policy.booking_block([latest - timedelta(days=1), latest], TODAY) is None
    assert policy.booking_block([latest - timedelta(days=1), latest], latest + timedelta(days=30)) is not None


def test_no_shows_90_days_apart_do_not_block():
    latest = TODAY - timedelta(days=1)
    assert policy.booking_block([latest - timedelta(days=90), latest], TODAY) is None
    assert policy.booking_block([latest - timedelta(days=89), latest], TODAY) is not None


def test_future_dates_are_ignored():
    assert policy.booking_block([TODAY + timedelta(days=1), TODAY + timedelta(days=2)], TODAY) is None


def test_cancel_deadline_is_three_hours_before():
    start = datetime(2026, 12, 1, 14, 0)
    assert policy.cancel_deadline(start) == datetime(2026, 12, 1, 11, 0)


def test_booking_window():
    now = datetime(2026, 12, 1, 9, 0)
    assert policy.can_book(datetime(2026, 12, 1, 9, 30), now)
    assert not policy.can_book(datetime(2026, 12, 1, 9, 29), now)
    assert policy.can_book(datetime(2027, 1, 30, 9, 0), now)
    assert not policy.can_book(datetime(2027, 1, 31, 9, 0), now)


@given(st.lists(st.integers(min_value=0, max_value=400), max_size=8), st.integers(min_value=0, max_value=400))
def test_a_block_always_rests_on_enough_recent_no_shows(offsets, today_offset):
    base = date(2025, 1, 1)
    dates = [base + timedelta(days=o) for o in offsets]
    today = base + timedelta(days=today_offset)
    block = policy.booking_block(dates, today)
    past = sorted(d for d in dates if d <= today)
    if block is None:
        if past:
            latest = past[-1]
            recent = [d for d in past if (latest - d).days < policy.NO_SHOW_WINDOW_DAYS]
            assert len(recent) < policy.NO_SHOW_LIMIT or today > latest + timedelta(days=policy.BLOCK_DAYS)
    else:
        assert block.no_shows >= policy.NO_SHOW_LIMIT
        assert today <= block.until == past[-1] + timedelta(days=policy.BLOCK_DAYS)
