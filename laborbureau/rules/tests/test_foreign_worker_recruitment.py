"""Tests for laborbureau.rules.foreign_worker_recruitment (就業服務法第47條、第59條;
雇主聘僱外國人許可及管理辦法第17條)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.foreign_worker_recruitment import (
    PERIOD_IN_FORCE_FROM,
    REFUSAL_REASONS,
    WORK_CATEGORIES,
    recruitment_period,
    refusal_reason,
    transfer_period,
)

CATEGORIES = sorted(code for code in WORK_CATEGORIES if code != "HOME_CARE")
days_in_force = st.dates(min_value=PERIOD_IN_FORCE_FROM, max_value=date(2040, 12, 31))


def test_web_advertisement_seven_days_from_the_day_after():
    # Registered Mon 2026-11-02, advertised the same day: the advertisement counts from
    # Tue 11-03 (the day after the registration), recruitment Wed 11-04 .. Tue 11-10.
    period = recruitment_period(registered_on=date(2026, 11, 2), advertised_on=date(2026, 11, 2),
                                work_category="MANUFACTURING")
    assert period.advertised_on == date(2026, 11, 3)
    assert (period.first_day, period.last_day) == (date(2026, 11, 4), date(2026, 11, 10))
    assert period.days == 7
    assert period.certificate_from == date(2026, 11, 11)
    assert period.basis.cite() == "雇主聘僱外國人許可及管理辦法第17條第1項"
    assert not period.complete_on(date(2026, 11, 10))
    assert period.complete_on(date(2026, 11, 11))


def test_a_held_advertisement_counts_from_its_publication():
    period = recruitment_period(registered_on=date(2026, 11, 2), advertised_on=date(2026, 11, 5),
                                work_category="CONSTRUCTION")
    assert (period.first_day, period.last_day) == (date(2026, 11, 6), date(2026, 11, 12))


def test_newspaper_two_days_then_three_days():
    # Newspaper on 11-03 and 11-04; recruitment 11-05 .. 11-07, earlier than the web's 11-10.
    period = recruitment_period(registered_on=date(2026, 11, 2), advertised_on=date(2026, 11, 3),
                                work_category="MANUFACTURING", newspaper_first_day=date(2026, 11, 3))
    assert period.newspaper is True
    assert (period.first_day, period.last_day, period.days) == (date(2026, 11, 5), date(2026, 11, 7), 3)
    assert period.basis.cite() == "雇主聘僱外國人許可及管理辦法第17條第1項但書"


def test_a_late_newspaper_does_not_lengthen_the_web_period():
    period = recruitment_period(registered_on=date(2026, 11, 2), advertised_on=date(2026, 11, 3),
                                work_category="MANUFACTURING", newspaper_first_day=date(2026, 11, 20))
    assert period.newspaper is False
    assert period.last_day == date(2026, 11, 10)


def test_refusals():
    with pytest.raises(RuleError) as error:
        recruitment_period(registered_on=date(2026, 1, 5), advertised_on=date(2026, 1, 5), work_category="HOME_CARE")
    assert error.value.field == "work_category"
    assert "第18條" in error.value.message_zh
    with pytest.raises(RuleError) as error:
        recruitment_period(registered_on=date(2023, 5, 29), advertised_on=date(2023, 5, 29),
                           work_category="MANUFACTURING")
    assert error.value.field == "registered_on"
    with pytest.raises(RuleError) as error:
        recruitment_period(registered_on=date(2026, 1, 5), advertised_on=date(2026, 1, 4),
                           work_category="MANUFACTURING")
    assert error.value.field == "advertised_on"
    with pytest.raises(RuleError) as error:
        recruitment_period(registered_on=date(2026, 1, 5), advertised_on=date(2026, 1, 6),
                           work_category="MANUFACTURING", newspaper_first_day=date(2026, 1, 5))
    assert error.value.field == "newspaper_first_day"
    with pytest.raises(RuleError):
        recruitment_period(registered_on=date(2026, 1, 5), advertised_on=date(2026, 1, 6), work_category="X")


@given(registered=days_in_force, delay=st.integers(0, 60), category=st.sampled_from(CATEGORIES))
def test_web_period_is_always_seven_days_after_the_counted_advertisement(registered, delay, category):
    advertised = registered + timedelta(days=delay)
    period = recruitment_period(registered_on=registered, advertised_on=advertised, work_category=category)
    assert period.advertised_on == max(advertised, registered + timedelta(days=1))
    assert period.first_day == period.advertised_on + timedelta(days=1)
    assert (period.last_day - period.first_day).days + 1 == 7
    assert period.first_day >= registered + timedelta(days=2)  # never earlier than the law allows


@given(registered=days_in_force, delay=st.integers(0, 30), paper_delay=st.integers(0, 30),
       category=st.sampled_from(CATEGORIES))
def test_newspaper_never_lengthens_and_keeps_three_days(registered, delay, paper_delay, category):
    advertised = registered + timedelta(days=delay)
    web = recruitment_period(registered_on=registered, advertised_on=advertised, work_category=category)
    paper_day = web.advertised_on + timedelta(days=paper_delay)
    both = recruitment_period(registered_on=registered, advertised_on=advertised, work_category=category,
                              newspaper_first_day=paper_day)
    assert both.last_day <= web.last_day
    if both.newspaper:
        assert both.last_day == paper_day + timedelta(days=4)
        assert both.days == 3


def test_refusal_reasons_are_classified_and_cited():
    assert refusal_reason("NO_SHOW").presumed_lawful is True
    assert refusal_reason("EXTRA_REQUIREMENT").presumed_lawful is False
    assert refusal_reason("DISCRIMINATION").basis.cite() == "就業服務法第5條第1項"
    assert refusal_reason("NOT_QUALIFIED").basis.cite() == "就業服務法第47條第2項"
    assert {r.presumed_lawful for r in REFUSAL_REASONS.values()} == {True, False}
    with pytest.raises(RuleError) as error:
        refusal_reason("BAD")
    assert error.value.field == "reason"


def test_transfer_period():
    result = transfer_period(served_on=date(2026, 11, 2))
    assert result.registration_due == date(2026, 11, 16)
    assert result.period_end is None
    result = transfer_period(served_on=date(2026, 11, 2), registered_on=date(2026, 11, 5))
    assert result.period_end == date(2027, 1, 4)
    result = transfer_period(served_on=date(2026, 11, 2), registered_on=date(2026, 11, 5), extended=True)
    assert result.period_end == date(2027, 3, 5)
    with pytest.raises(RuleError):
        transfer_period(served_on=date(2026, 11, 2), registered_on=date(2026, 11, 1))
    with pytest.raises(RuleError):
        transfer_period(served_on=date(2026, 11, 2), extended=True)


@given(served=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)), wait=st.integers(0, 30),
       extended=st.booleans())
def test_transfer_period_lengths(served, wait, extended):
    registered = served + timedelta(days=wait)
    result = transfer_period(served_on=served, registered_on=registered, extended=extended)
    assert (result.period_end - registered).days == (120 if extended else 60)
    assert (result.registration_due - served).days == 14
