"""Reading just enough of a PDF for the tests: the names of its embedded fonts."""

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_BASE_FONT = re.compile(rb"/BaseFont\s*/([A-Za-z0-9+\-_]+)")
_FONT_FILE = re.compile(rb"/FontFile[23]?\s+\d+\s+0\s+R")


def _parts(pdf: bytes):
    yield pdf
    for match in _STREAM.finditer(pdf):
        try:
            yield zlib.decompress(match.group(1))
        except zlib.error:
            continue


def font_names(pdf: bytes) -> set[str]:
    """Base font names, e.g. {"ABCDEF+Noto-Serif-CJK-TC", ...} (object streams inflated)."""
    return {name.decode() for part in _parts(pdf) for name in _BASE_FONT.findall(part)}


def embedded_font_files(pdf: bytes) -> int:
    """How many font descriptors point at an embedded font program."""
    return sum(len(_FONT_FILE.findall(part)) for part in _parts(pdf))
