"""Input types shared by the routers.

`Text(n)` is the string every endpoint accepts: stripped, at most `n` characters,
and free of characters that no field of ours holds and that PostgreSQL refuses (NUL)
or cannot encode (unpaired surrogates), so that odd input answers 422 and never
reaches the database as a 500.
"""

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

# C0 controls except tab, line feed and carriage return; DEL; unpaired surrogates.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean_text(value: str) -> str:
    if _FORBIDDEN.search(value):
        raise PydanticCustomError(
            "invalid_characters", "The text contains control characters or invalid Unicode that are not allowed."
        )
    return value


def Text(max_length: int, min_length: int = 0):  # noqa: N802 - reads as a type
    """A stripped string of `min_length` to `max_length` characters, without control
    characters (tab and newlines allowed)."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(_clean_text),
    ]
