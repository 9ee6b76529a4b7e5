"""Tests for laborbureau.rules.identifiers.

Known-valid vectors: A123456789 (the textbook example) and the national-ID, old
and new UI-number vectors published in the test suite of the open-source
``taiwan-id-validator`` package; 22099131 (TSMC), 53212539, 12345675 are
commonly cited valid 統一編號; 04595252 passes only the 2023 mod-5 rule.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules.base import RuleError
from laborbureau.rules.identifiers import (
    BUSINESS_ID_MOD5_EFFECTIVE,
    BUSINESS_ID_WEIGHTS,
    LETTER_CODES,
    PERSON_ID_WEIGHTS,
    check_business_id,
    check_person_id,
    is_valid_business_id,
    is_valid_person_id,
    make_arc_new,
    make_arc_old,
    make_business_id,
    make_national_id,
    normalize,
)

LETTERS = sorted(LETTER_CODES)
BEFORE_MOD5 = date(2023, 3, 31)
MOD5_DAY = date(2023, 4, 1)

# --------------------------------------------------------------------------- normalize


def test_normalize_full_width_spaces_and_case():
    assert normalize(" ａ１２３　４５６ 789\t") == "A123456789"
    assert normalize("\u200ba123456789") == "A123456789"


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(alphabet=st.characters(codec="ascii")))
def test_normalize_output_has_no_whitespace_or_lowercase_ascii(text):
    result = normalize(text)
    assert not any(ch.isspace() for ch in result)
    assert not any("a" <= ch <= "z" for ch in result)


# --------------------------------------------------------------------------- persons


@pytest.mark.parametrize(
    ("value", "sex"),
    [
        ("A123456789", "M"),
        ("F131104093", "M"),
        ("O158238845", "M"),
        ("N116247806", "M"),
        ("L122544270", "M"),
        ("C180661564", "M"),
        ("Y123456788", "M"),
        ("A223456781", "F"),
    ],
)
def test_known_national_ids_are_valid(value, sex):
    result = check_person_id(value)
    assert result.value == value
    assert result.kind == "national_id"
    assert result.sex == sex
    assert result.basis.law.startswith("國民身分證統一編號")


@pytest.mark.parametrize(
    ("value", "sex"),
    [
        ("AA00000009", "M"),
        ("AB00207171", "F"),
        ("AC03095424", "M"),
        ("BD01300667", "F"),
        ("CC00151114", "M"),
        ("HD02717288", "F"),
        ("TD00251124", "F"),
        ("AD30196818", "F"),
    ],
)
def test_known_old_ui_numbers_are_valid(value, sex):
    result = check_person_id(value)
    assert (result.kind, result.sex) == ("arc_old", sex)


@pytest.mark.parametrize(
    ("value", "sex"),
    [
        ("A800000014", "M"),
        ("A900207177", "F"),
        ("A803095426", "M"),
        ("B801300667", "M"),
        ("C800151116", "M"),
        ("H802717288", "M"),
        ("T900251126", "F"),
        ("A930196810", "F"),
    ],
)
def test_known_new_ui_numbers_are_valid(value, sex):
    result = check_person_id(value)
    assert (result.kind, result.sex) == ("arc_new", sex)
    assert result.basis.version == "2021-01-02 起實施"


@pytest.mark.parametrize(
    "variant", ["a123456789", " A123456789 ", "A 123 456 789", "ａ１２３４５６７８９", "A123456789\u3000"]
)
def test_person_id_variants_are_accepted_and_normalized(variant):
    assert check_person_id(variant).value == "A123456789"


@pytest.mark.parametrize(
    ("value", "fragment_zh", "fragment_en"),
    [
        ("A12345678", "應為10碼，輸入為9碼", "got 9"),
        ("A1234567890", "輸入為11碼", "got 11"),
        ("", "輸入為0碼", "got 0"),
        ("1123456789", "第1碼應為英文字母", "first character"),
        ("#123456789", "第1碼應為英文字母", "first character"),
        ("A323456789", "性別碼", "sex digit"),
        ("A023456789", "性別碼", "sex digit"),
        ("AE00000009", "舊式統一證號第2碼", "old-format"),
        ("A12345678X", "第3碼至第10碼應為數字", "digits"),
        ("A123456788", "檢查碼不正確", "check digit"),
        ("F131104091", "檢查碼不正確", "check digit"),
        ("AA00000000", "檢查碼不正確", "check digit"),
        ("A800000000", "檢查碼不正確", "check digit"),
    ],
)
def test_invalid_person_ids_name_the_reason(value, fragment_zh, fragment_en):
    with pytest.raises(RuleError) as caught:
        check_person_id(value)
    error = caught.value
    assert error.field == "id_number"
    assert fragment_zh in error.message_zh
    assert fragment_en in error.message_en
    assert str(error) == f"{error.message_zh} / {error.message_en}"
    assert is_valid_person_id(value) is False


def test_even_weight_change_by_five_is_not_detected_by_the_algorithm():
    # A documented limitation of the national-ID check digit, not of this code.
    assert is_valid_person_id("A123456789")
    assert is_valid_person_id("A128456789")


national_ids = st.builds(make_national_id, st.sampled_from(LETTERS), st.sampled_from([1, 2]), st.integers(0, 9_999_999))
new_ui_numbers = st.builds(make_arc_new, st.sampled_from(LETTERS), st.sampled_from([8, 9]), st.integers(0, 9_999_999))
old_ui_numbers = st.builds(make_arc_old, st.sampled_from(LETTERS), st.sampled_from("ABCD"), st.integers(0, 9_999_999))
person_ids = st.one_of(national_ids, new_ui_numbers, old_ui_numbers)


@given(person_ids)
def test_generated_person_ids_are_valid(value):
    assert check_person_id(value).value == value


@given(person_ids, st.sampled_from(["lower", "spaces", "fullwidth"]))
def test_generated_person_id_variants_are_accepted(value, how):
    if how == "lower":
        variant = value.lower()
    elif how == "spaces":
        variant = f" {value[:3]} {value[3:]}\u3000"
    else:
        variant = value.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    assert check_person_id(variant).value == value


@given(person_ids, st.integers(2, 9), st.integers(1, 9))
def test_single_digit_change_detected_iff_weight_times_delta_not_multiple_of_ten(value, position, delta):
    old_digit = int(value[position])
    new_digit = (old_digit + delta) % 10
    changed = value[:position] + str(new_digit) + value[position + 1 :]
    weight = PERSON_ID_WEIGHTS[position - 1]
    detected = (weight * (new_digit - old_digit)) % 10 != 0
    assert is_valid_person_id(changed) is (not detected)


@given(person_ids, st.integers(1, 9))
def test_any_change_of_the_check_digit_is_detected(value, delta):
    changed = value[:9] + str((int(value[9]) + delta) % 10)
    assert not is_valid_person_id(changed)


@given(person_ids, st.sampled_from([3, 7, 10]), st.integers(1, 9))
def test_any_change_at_odd_weight_positions_is_detected(value, position_1based, delta):
    index = position_1based - 1
    changed = value[:index] + str((int(value[index]) + delta) % 10) + value[index + 1 :]
    assert not is_valid_person_id(changed)


@given(national_ids, st.sampled_from([c for c in LETTERS]))
def test_changing_the_letter_keeps_validity_only_if_checksum_matches(value, letter):
    changed = letter + value[1:]

    # The letter contributes tens*1 + units*9; a different letter with the same
    # contribution mod 10 would pass, so compare contributions explicitly.
    def contribution(ch: str) -> int:
        code = LETTER_CODES[ch]
        return (code // 10 + (code % 10) * 9) % 10

    assert is_valid_person_id(changed) is (contribution(letter) == contribution(value[0]))


def test_generators_reject_bad_input():
    with pytest.raises(RuleError):
        make_national_id("A", 3, 1)
    with pytest.raises(RuleError):
        make_arc_new("A", 1, 1)
    with pytest.raises(RuleError):
        make_arc_old("A", "E", 1)
    with pytest.raises(RuleError):
        make_national_id("1", 1, 1)
    with pytest.raises(RuleError):
        make_national_id("A", 1, 10_000_000)


def test_make_national_id_matches_known_example():
    assert make_national_id("A", 1, 2345678) == "A123456789"
    assert make_arc_new("A", 8, 1) == "A800000014"
    assert make_arc_old("A", "A", 0) == "AA00000009"


# --------------------------------------------------------------------------- businesses


@pytest.mark.parametrize("value", ["22099131", "53212539", "12345675", "47217677", "22822281", "04595257"])
def test_known_business_ids_valid_under_mod10_on_any_date(value):
    for on in (date(2000, 1, 1), BEFORE_MOD5, MOD5_DAY, date(2030, 1, 1)):
        result = check_business_id(value, on)
        assert result.rule == "mod10"
        assert result.value == value


def test_mod5_only_business_id_depends_on_date():
    assert check_business_id("04595252", MOD5_DAY).rule == "mod5"
    assert check_business_id("04595252", MOD5_DAY).basis.version == "2023-04-01 起適用"
    with pytest.raises(RuleError) as caught:
        check_business_id("04595252", BEFORE_MOD5)
    assert caught.value.field == "business_id"
    assert "2023年4月1日" in caught.value.message_zh
    assert BUSINESS_ID_MOD5_EFFECTIVE == date(2023, 4, 1)


def test_seventh_digit_seven_special_case():
    # 7th digit 7: weighted sum 49 here; 49 + 1 = 50 is divisible by 10.
    assert check_business_id("10458575", BEFORE_MOD5).rule == "mod10"
    assert check_business_id("88117125", BEFORE_MOD5).rule == "mod10"


@pytest.mark.parametrize(
    ("value", "fragment_zh"),
    [
        ("2209913", "應為8碼數字，輸入為7碼"),
        ("220991311", "輸入為9碼"),
        ("2209913A", "應全為數字"),
        ("22099132", "檢查碼不正確"),
        ("11099131", "檢查碼不正確"),
    ],
)
def test_invalid_business_ids(value, fragment_zh):
    with pytest.raises(RuleError) as caught:
        check_business_id(value, MOD5_DAY)
    assert caught.value.field == "business_id"
    assert fragment_zh in caught.value.message_zh
    assert is_valid_business_id(value, MOD5_DAY) is False


def test_business_id_variants_are_accepted():
    assert check_business_id(" ２２０９ ９１３１ ", MOD5_DAY).value == "22099131"


@given(st.integers(0, 9_999_999))
def test_make_business_id_mod10_is_valid_on_any_date(prefix):
    value = make_business_id(prefix)
    assert value is not None
    assert value.startswith(f"{prefix:07d}")
    assert check_business_id(value, date(2001, 1, 1)).rule == "mod10"


@given(st.integers(0, 9_999_999))
def test_make_business_id_mod5_only_valid_from_effective_date(prefix):
    value = make_business_id(prefix, rule="mod5")
    assert value is not None
    assert check_business_id(value, MOD5_DAY).rule == "mod5"
    assert not is_valid_business_id(value, BEFORE_MOD5)


@given(st.integers(0, 9_999_999), st.integers(1, 9))
def test_mod10_detects_any_change_of_a_weight_1_or_2_digit(prefix, delta):
    value = make_business_id(prefix)
    assert value is not None
    for index, weight in enumerate(BUSINESS_ID_WEIGHTS):
        if weight == 4:
            continue  # position 7 (weight 4): 0<->7 and the 7 special case collide by design
        changed = value[:index] + str((int(value[index]) + delta) % 10) + value[index + 1 :]
        if changed[6] == "7" or value[6] == "7":
            continue
        assert not is_valid_business_id(changed, BEFORE_MOD5)


def test_make_business_id_rejects_bad_prefix():
    with pytest.raises(RuleError):
        make_business_id(10_000_000)
    with pytest.raises(RuleError):
        make_business_id(-1)
