"""Input types shared by the routers.

`Text(n)` is the string every endpoint accepts: stripped, at most `n` characters,
and free of characters that no field of ours holds and that PostgreSQL refuses (NUL)
or cannot encode (unpaired surrogates), so that odd input answers 422 and never
reaches the database as a 500.
"""

import base64
import binascii
import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from laborbureau.core.errors import ApplicationError

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


def decode_files(items, *, field: str, label_zh: str = "") -> list[tuple[str, bytes]]:
    """Files sent in JSON as `name` and `content_base64`, decoded to (name, bytes) for a
    service. Bad base64 is a 422 on `field` (which may name the item: "photos.{index}")."""
    decoded = []
    for index, item in enumerate(items):
        try:
            decoded.append((item.name, base64.b64decode(item.content_base64, validate=True)))
        except (binascii.Error, ValueError):
            raise ApplicationError(f"{label_zh}「{item.name}」不是有效的 base64。", f"{item.name!r} is not valid base64.",
                                   field=field.format(index=index)) from None
    return decoded
