"""Verification codes: 12 characters of Crockford's base32 (60 random bits), shown in
groups of four (K7QM-2XPD-9HVA).

The alphabet leaves out I, L, O and U; when a code is typed, I and L are read as 1 and
O as 0, case and separators are ignored, so a code copied from paper still matches.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12  # 12 x 5 bits = 60 bits: guessing one of a million codes takes ~10^12 tries
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = str.maketrans("", "", " -_.\u3000\t")
MAX_INPUT = 40  # longer input is not a code; refuse it before doing any work


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_normalize(text: str) -> str | None:
    """The stored form of a typed code, or None if it cannot be one."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    value = text.translate(_SEPARATORS).upper().translate(_READ_AS)
    if len(value) != LENGTH or any(char not in ALPHABET for char in value):
        return None
    return value


def code_display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
