"""Verification codes: 60 random bits, typable, forgiving of how they are typed."""

from laborbureau.documents.codes import ALPHABET, code_display, code_new, code_normalize


def test_a_new_code_has_twelve_characters_of_the_alphabet():
    codes = {code_new() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 12 and set(code) <= set(ALPHABET) for code in codes)
    assert len(ALPHABET) == 32  # 5 bits a character: 60 bits in all


def test_display_groups_by_four():
    assert code_display("K7QM2XPD9HVA") == "K7QM-2XPD-9HVA"


def test_typed_codes_are_normalised():
    assert code_normalize("k7qm-2xpd-9hva") == "K7QM2XPD9HVA"
    assert code_normalize(" K7QM 2XPD 9HVA ") == "K7QM2XPD9HVA"
    assert code_normalize("K7QM－2XPD") is None  # a full-width dash is not a separator we expect
    assert code_normalize("O1IL-2XPD-9HVA") == "0111-2XPD-9HVA".replace("-", "")


def test_what_cannot_be_a_code_is_refused():
    assert code_normalize("") is None
    assert code_normalize("K7QM-2XPD") is None
    assert code_normalize("K7QM-2XPD-9HVU") is None  # U is not in the alphabet
    assert code_normalize("A" * 41) is None
    assert code_normalize("K7QM-2XPD-9HV!") is None
