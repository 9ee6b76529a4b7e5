"""Reading just enough of a PDF for the tests: the names of its embedded fonts."""

import re
import zlib

# A stream's bytes are exactly its dictionary's /Length (WeasyPrint writes it as a direct
# integer). Splitting on "\r?\nendstream" instead is wrong about 1 time in 256: compressed
# data that ends in byte 0x0D loses it to the "\r?", and the stream no longer inflates.
_STREAM_START = re.compile(rb"/Length (\d+)\s*>>\s*stream\r?\n")
_BASE_FONT = re.compile(rb"/BaseFont\s*/([A-Za-z0-9+\-_]+)")
_FONT_FILE = re.compile(rb"/FontFile[23]?\s+\d+\s+0\s+R")


def _parts(pdf: bytes):
    yield pdf
    for match in _STREAM_START.finditer(pdf):
        data = pdf[match.end() : match.end() + int(match.group(1))]
        try:
            yield zlib.decompress(data)
        except zlib.error:
            continue


def font_names(pdf: bytes) -> set[str]:
    """Base font names, e.g. {"ABCDEF+Noto-Serif-CJK-TC", ...} (object streams inflated)."""
    return {name.decode() for part in _parts(pdf) for name in _BASE_FONT.findall(part)}


def embedded_font_files(pdf: bytes) -> int:
    """How many font descriptors point at an embedded font program."""
    return sum(len(_FONT_FILE.findall(part)) for part in _parts(pdf))
