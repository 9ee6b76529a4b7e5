"""Tests for laborbureau.rules.dispute_deadlines (勞資爭議處理法、就業服務法第33條)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.dispute_deadlines import days_before, layoff_notice, mediation_deadlines
from laborbureau.rules.working_days import is_working_day


def test_mediator_route_on_ordinary_days():
    # Received Monday 2024-03-04: appoint by Thu 03-07 (第12條第1項, 3 days),
    # start by Thu 03-14 (7 days), proposal by Sun 03-24 -> Mon 03-25 (第48條第4項).
    result = mediation_deadlines(received=date(2024, 3, 4), method="mediator")
    assert [(i.key, i.due) for i in result.items] == [
        ("appoint_mediator", date(2024, 3, 7)),
        ("mediator_start", date(2024, 3, 14)),
        ("mediator_proposal", date(2024, 3, 25)),
    ]
    assert result.items[0].basis.cite() == "勞資爭議處理法第12條第1項"
    assert result.items[2].basis.cite() == "勞資爭議處理法第12條第5項"


def test_end_on_saturday_moves_to_monday_morning():
    # Received Wednesday 2024-03-06: 3 days end Saturday 03-09 -> Monday 03-11 morning.
    first = mediation_deadlines(received=date(2024, 3, 6), method="mediator").items[0]
    assert first.due == date(2024, 3, 11) and first.morning_only


def test_lunar_new_year_extends_the_end():
    # Received Tuesday 2024-02-06: 3 days end Fri 02-09 (除夕), office closed until Thu 02-15.
    first = mediation_deadlines(received=date(2024, 2, 6), method="mediator").items[0]
    assert first.due == date(2024, 2, 15)


def test_actual_dates_restart_the_chain():
    result = mediation_deadlines(
        received=date(2024, 3, 4), method="mediator", done={"appoint_mediator": date(2024, 3, 5)}
    )
    assert result.items[1].start == date(2024, 3, 5)
    assert result.items[1].due == date(2024, 3, 12)


def test_committee_route():
    result = mediation_deadlines(received=date(2024, 3, 4), method="committee")
    keys = [i.key for i in result.items]
    assert keys == ["select_members", "convene_committee", "investigation_report", "committee_meeting"]
    assert result.items[0].due == date(2024, 3, 7)  # 第14條: 3 days
    assert result.items[1].due == date(2024, 3, 21)  # 第15條: 14 days
    assert result.items[2].due == date(2024, 3, 31) + timedelta(days=1)  # 第16條第1項: Sun 03-31 -> Mon 04-01
    assert result.items[3].due == date(2024, 4, 16)  # 第16條第2項: 15 days
    assert result.items[3].extended_due == date(2024, 4, 23)  # + 7 days


def test_before_the_2011_act_raises():
    with pytest.raises(RuleError) as caught:
        mediation_deadlines(received=date(2011, 4, 30), method="mediator")
    assert caught.value.field == "received"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"method": "court"}, "method"),
        ({"method": "mediator", "done": {"select_members": date(2024, 3, 5)}}, "done"),
        ({"method": "mediator", "done": {"appoint_mediator": date(2024, 3, 1)}}, "done"),
    ],
)
def test_bad_input(kwargs, field):
    with pytest.raises(RuleError) as caught:
        mediation_deadlines(received=date(2024, 3, 4), **kwargs)
    assert caught.value.field == field


def test_taipei_department_example():
    # 臺北市政府勞動局「預告≠資遣通報」(2021): 資遣日 110-03-19, 生效日 03-20.
    result = layoff_notice(contract_end=date(2021, 3, 19))
    assert result.effective_date == date(2021, 3, 20)
    assert result.latest_notice == date(2021, 3, 10)  # strict count: 10 days before 03-20
    assert result.lenient_latest_notice == date(2021, 3, 11)  # the date drawn in the Department's chart
    assert result.basis[0].cite() == "就業服務法第33條第1項"


def test_backward_deadline_is_not_moved_off_a_holiday():
    # Last day 2024-02-19 (Mon): effective 02-20, 10 days before = 02-10 (春節, a Saturday).
    result = layoff_notice(contract_end=date(2024, 2, 19))
    assert result.latest_notice == date(2024, 2, 10)
    assert not is_working_day(result.latest_notice)


def test_leap_day():
    assert layoff_notice(contract_end=date(2024, 3, 9)).latest_notice == date(2024, 2, 29)
    assert layoff_notice(contract_end=date(2023, 3, 9)).latest_notice == date(2023, 2, 28)


def test_force_majeure_three_days_forward():
    # Last day Thu 2024-02-08: 3 days end Sun 02-11 (春節) -> first working day 02-15.
    result = layoff_notice(contract_end=date(2024, 2, 8), force_majeure=True)
    assert result.latest_notice == date(2024, 2, 15)
    assert result.lenient_latest_notice is None
    assert result.basis[0].article == "第33條第1項但書"


def test_days_before_rejects_zero():
    with pytest.raises(RuleError):
        days_before(date(2024, 1, 1), 0)


@given(st.dates(min_value=date(2013, 1, 1), max_value=date(2027, 11, 30)))
def test_notice_is_always_ten_days_before_the_effective_day(day):
    result = layoff_notice(contract_end=day)
    assert (result.effective_date - result.latest_notice).days == 10
    assert result.latest_notice < day


@given(st.dates(min_value=date(2013, 1, 1), max_value=date(2027, 9, 30)), st.sampled_from(["mediator", "committee"]))
def test_every_due_date_is_a_working_day_after_its_start(day, method):
    for item in mediation_deadlines(received=day, method=method).items:
        assert item.due > item.start
        assert is_working_day(item.due)


def test_dates_outside_the_office_calendar_are_refused():
    # The Act applies from 2011-05-01, but the office calendar starts in 2013.
    with pytest.raises(RuleError) as caught:
        mediation_deadlines(received=date(2012, 6, 1), method="mediator")
    assert caught.value.field == "date"
