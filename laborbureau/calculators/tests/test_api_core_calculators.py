"""identifier, roc-date and working-days through the API: exact figures from the
rules module and worked by hand, the legal basis with the article's wording, and
field-level refusals."""

from datetime import date

import pytest

from laborbureau.calculators.tests.conftest import error_at
from laborbureau.rules import identifiers, roc_calendar, working_days

pytestmark = pytest.mark.django_db


# --- identifier ------------------------------------------------------------------


def test_a_national_id_checked_by_hand(api):
    # 內政部 編碼原則: A -> 10 counts 1×1 + 0×9 = 1; 1..8 weighted 8..1 give 120; check 9.
    # 1 + 120 + 9 = 130, a multiple of 10: valid; sex digit 1 is male.
    body = api.ok("identifier", {"kind": "person", "number": " a123456789 "})

    assert body["figures"] == {
        "valid": True,
        "normalized": "A123456789",
        "id_kind": "national_id",
        "sex": "M",
        "rule": None,
    }
    result = identifiers.check_person_id("A123456789")
    assert body["basis"][0]["citation"] == result.basis.cite()
    assert body["version"] == result.basis.version
    assert [step["label_en"] for step in body["steps"]][:2] == [
        "normalised (half-width, no spaces, upper case)",
        "kind of number",
    ]


@pytest.mark.parametrize(
    ("number", "kind", "sex"),
    [
        (identifiers.make_arc_new("A", 8, 1234567), "arc_new", "M"),
        (identifiers.make_arc_old("F", "D", 7654321), "arc_old", "F"),
        (identifiers.make_national_id("Z", 2, 1), "national_id", "F"),
    ],
)
def test_resident_certificate_numbers_match_the_rules_module(api, number, kind, sex):
    body = api.ok("identifier", {"kind": "person", "number": number})

    expected = identifiers.check_person_id(number)
    assert (body["figures"]["normalized"], body["figures"]["id_kind"], body["figures"]["sex"]) == (
        expected.value,
        expected.kind,
        expected.sex,
    )
    assert (kind, sex) == (expected.kind, expected.sex)


def test_a_wrong_check_digit_is_refused_on_the_number_field(api):
    detail = api.refused("identifier", {"kind": "person", "number": "A123456788"})

    assert detail == [
        {
            "loc": ["body", "number"],
            "msg": "檢查碼不正確，請確認號碼是否輸入錯誤。",
            "msg_en": "The check digit is wrong; please check the number.",
            "type": "invalid",
        }
    ]


def test_a_business_id_checked_by_hand(api):
    # 04595257: digits × 1,2,1,2,1,2,4,1 = 0,8,5,18,5,4,20,7; digit sums 0+8+5+9+5+4+2+7 = 40,
    # divisible by 10 (財政部 統一編號檢查邏輯).
    body = api.ok("identifier", {"kind": "business", "number": "04595257", "on": "115/11/27"})

    assert body["figures"] == {
        "valid": True,
        "normalized": "04595257",
        "id_kind": "business_id",
        "sex": None,
        "rule": "mod10",
    }
    assert body["version"] == identifiers.BUSINESS_ID_MOD10_BASIS.version


def test_a_mod5_business_id_depends_on_the_date_of_the_check(api):
    number = identifiers.make_business_id(1234567, rule="mod5")

    after = api.ok("identifier", {"kind": "business", "number": number, "on": "2023-04-01"})
    detail = api.refused("identifier", {"kind": "business", "number": number, "on": "2023-03-31"})

    assert after["figures"]["rule"] == "mod5"
    assert after["version"] == identifiers.BUSINESS_ID_MOD5_BASIS.version
    assert error_at(detail, "number")["msg_en"].startswith("This business ID only passes the new divisible-by-5 check")


# --- roc-date ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["115/11/27", "民國115年11月27日", "1151127", "2026-11-27", "２０２６年１１月２７日"])
def test_every_written_form_converts_to_the_same_day(api, typed):
    body = api.ok("roc-date", {"date": typed})

    # By hand: 2026 − 1911 = 115; 2026-11-27 is a Friday.
    assert body["figures"] == {
        "iso_date": "2026-11-27",
        "roc_year": 115,
        "month": 11,
        "day": 27,
        "roc_long": "民國115年11月27日",
        "roc_short": "115/11/27",
        "roc_compact": "1151127",
        "weekday": 5,
    }
    assert body["basis"] == []
    assert body["steps"][1] == {
        "label": "民國年",
        "label_en": "ROC year",
        "formula": "2026 − 1911",
        "value": "115",
        "basis": None,
    }


def test_roc_date_matches_the_rules_module_on_a_leap_day(api):
    body = api.ok("roc-date", {"date": "113/2/29"})

    day = roc_calendar.parse_date("113/2/29")
    assert day == date(2024, 2, 29)
    assert body["figures"]["roc_short"] == roc_calendar.format_short(day) == "113/02/29"


@pytest.mark.parametrize(
    ("typed", "message_en"),
    [
        ("114/2/29", "No such date: 民國114年2月29日."),
        ("0/1/1", "The ROC year must be greater than 0."),
        ("tomorrow", "Unrecognized date 'tomorrow'; use e.g. 115/11/27 or 2026-11-27."),
    ],
)
def test_impossible_dates_are_refused_on_the_date_field(api, typed, message_en):
    detail = api.refused("roc-date", {"date": typed})

    assert error_at(detail, "date")["msg_en"] == message_en


# --- working-days -----------------------------------------------------------------


def test_ten_working_days_after_a_friday_by_hand(api):
    # 2026-11-27 is a Friday; counting from the next day (行政程序法第48條第2項): Mon 30 Nov
    # is the 1st, Tue 1 Dec to Fri 4 Dec the 2nd–5th, Mon 7 to Fri 11 Dec the 6th–10th.
    body = api.ok("working-days", {"start": "2026-11-27", "days": 10})

    assert body["figures"]["due"] == "2026-12-11"
    assert working_days.add_working_days(date(2026, 11, 27), 10) == date(2026, 12, 11)
    assert body["basis"][0]["citation"] == "行政程序法第48條第2項、第4項"
    assert body["basis"][0]["text"].startswith(
        "期間以時計算者，即時起算。\n期間以日、星期、月或年計算者，其始日不計算在內。"
    )
    assert body["version"] == working_days.CALENDAR_BASIS.version


def test_a_calendar_period_ending_on_a_saturday_ends_on_monday_morning(api):
    # 行政程序法第48條第4項: 2026-11-27 + 8 days = Sat 2026-12-05 -> Monday 2026-12-07, morning.
    body = api.ok("working-days", {"start": "115/11/27", "days": 8, "period_kind": "calendar"})

    assert body["figures"] == {
        "due": "2026-12-07",
        "nominal_end": "2026-12-05",
        "morning_only": True,
        "extended": True,
        "working_days": None,
    }
    detail = working_days.deadline_detail(date(2026, 11, 27), 8, "calendar")
    assert (detail.due, detail.morning_only) == (date(2026, 12, 7), True)


def test_working_days_between_two_dates_by_hand(api):
    # (2026-11-27, 2026-12-31]: Mon 30 Nov, then December's 23 weekdays less
    # 行憲紀念日 (Fri 25 Dec, a day off from 2025) = 1 + 22 = 23.
    body = api.ok("working-days", {"start": "2026-11-27", "end": "2026-12-31"})

    assert body["figures"]["working_days"] == 23
    assert working_days.working_days_between(date(2026, 11, 27), date(2026, 12, 31)) == 23
    assert body["figures"]["due"] is None


def test_end_before_start_is_refused_on_end(api):
    detail = api.refused("working-days", {"start": "2026-11-27", "end": "2026-11-26"})

    assert error_at(detail, "end")["msg"] == "結束日不得早於起算日。"


def test_neither_days_nor_end_is_refused_on_days(api):
    detail = api.refused("working-days", {"start": "2026-11-27"})

    assert (
        error_at(detail, "days")["msg_en"]
        == "Enter a number of days, or an end date to count the working days in between."
    )


def test_dates_outside_the_official_calendar_are_refused_on_their_field(api):
    before = api.refused("working-days", {"start": "2012-12-31", "days": 1})
    after = api.refused("working-days", {"start": "2026-11-27", "end": "2028-01-03"})
    overflow = api.refused("working-days", {"start": "2027-12-01", "days": 100})

    assert error_at(before, "start")["msg_en"] == "2012-12-31 is outside the office calendar's years (2013-2027)."
    assert error_at(after, "end")["msg_en"] == "2028-01-03 is outside the office calendar's years (2013-2027)."
    assert error_at(overflow, "days")["msg_en"].endswith("is outside the office calendar's years (2013-2027).")
