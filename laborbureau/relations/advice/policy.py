"""The desk's booking policy: pure Python (no Django), dates in, decisions out.

These are the department's own service rules, not statute, so they live with the
app and are written down here (and on the portal page):

- NO_SHOW_LIMIT no-shows within NO_SHOW_WINDOW_DAYS (counted back from today) block
  online booking for BLOCK_DAYS from the latest of them. A no-show frees nothing
  retroactively (the slot was lost); it only counts against future bookings. The
  citizen can still book by phone through an officer.
- A booking may be cancelled online up to CANCEL_CUTOFF_HOURS before the slot
  starts; later, the citizen phones the desk (so the slot is not silently lost).
- Slots can be booked from now until BOOKING_HORIZON_DAYS ahead, and not within
  BOOKING_LEAD_MINUTES of their start (the adviser needs to see the question).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

NO_SHOW_LIMIT = 2
NO_SHOW_WINDOW_DAYS = 90
BLOCK_DAYS = 30
CANCEL_CUTOFF_HOURS = 3
BOOKING_HORIZON_DAYS = 60
BOOKING_LEAD_MINUTES = 30


@dataclass(frozen=True)
class Block:
    until: date  # online booking is possible again from the day after
    no_shows: int


def booking_block(no_show_dates: list[date], today: date) -> Block | None:
    """Whether online booking is blocked today, given the person's no-show dates.

    Blocked when at least NO_SHOW_LIMIT no-shows fall within the NO_SHOW_WINDOW_DAYS
    up to the latest one, and today is within BLOCK_DAYS of that latest one. Only
    no-shows up to today count (a date in the future is ignored).
    """
    past = sorted(day for day in no_show_dates if day <= today)
    if len(past) < NO_SHOW_LIMIT:
        return None
    latest = past[-1]
    in_window = [day for day in past if (latest - day).days < NO_SHOW_WINDOW_DAYS]
    if len(in_window) < NO_SHOW_LIMIT:
        return None
    until = latest + timedelta(days=BLOCK_DAYS)
    if today > until:
        return None
    return Block(until=until, no_shows=len(in_window))


def cancel_deadline(slot_start: datetime) -> datetime:
    """The last moment a citizen may cancel online."""
    return slot_start - timedelta(hours=CANCEL_CUTOFF_HOURS)


def can_book(slot_start: datetime, now: datetime) -> bool:
    """Within the booking horizon and not too close to the start."""
    if slot_start - timedelta(minutes=BOOKING_LEAD_MINUTES) < now:
        return False
    return slot_start.date() <= (now + timedelta(days=BOOKING_HORIZON_DAYS)).date()
