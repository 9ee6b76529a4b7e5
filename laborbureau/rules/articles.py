"""The wording of the articles the public calculators cite.

``data/articles.json`` holds, per law and article (``第17條``, ``第38條之1``), the
text in force as published by 全國法規資料庫 (law.moj.gov.tw), paragraphs
separated by a newline, with the date of the amendment that gave the text its
current wording and the date it was checked.  :func:`article_text` takes a
``LegalBasis``'s ``law`` and ``article`` as the rules write them
(``第48條第2項、第4項``, ``第17條第1項第1款``, ``第39條、第40條``) and answers
the wording of the whole article(s) named, or ``None`` when the basis is not an
article we hold (e.g. an administrative coding rule).

The text is the current wording: where a calculator applies an older version of
an article (the rules name the version they applied), the wording shown is
today's and the entry's ``amended`` note says since when it reads so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

__all__ = ["Article", "article", "article_text", "articles"]

_ARTICLE_REF: Final = re.compile(r"第\s*(\d+)\s*條(?:\s*之\s*(\d+))?")


@dataclass(frozen=True, slots=True)
class Article:
    law: str
    article: str
    text: str
    amended: str
    source: str


def _key(number: str, sub: str | None) -> str:
    return f"第{int(number)}條" + (f"之{int(sub)}" if sub else "")


@cache
def articles() -> dict[tuple[str, str], Article]:
    """Every article held, keyed by (law, ``第N條`` or ``第N條之M``)."""
    raw = json.loads(resources.files("laborbureau.rules").joinpath("data", "articles.json").read_text(encoding="utf-8"))
    held: dict[tuple[str, str], Article] = {}
    for law, entries in raw["laws"].items():
        for entry in entries:
            match = _ARTICLE_REF.fullmatch(entry["article"])
            if match is None or _key(*match.groups()) != entry["article"]:
                raise ValueError(f"articles.json: bad article reference {law} {entry['article']!r}")
            key = (law, entry["article"])
            if key in held:
                raise ValueError(f"articles.json: duplicate {law} {entry['article']}")
            text = "\n".join(entry["paragraphs"])
            held[key] = Article(law, entry["article"], text, entry["amended"], entry.get("source", raw["source"]))
    return held


def _law_name(law: str) -> str:
    # The rules may add a note after the name, e.g. 性別平等工作法（原名性別工作平等法）.
    return re.split(r"[（(]", law, maxsplit=1)[0].strip()


def article(law: str, reference: str) -> list[Article]:
    """The articles named in ``reference`` (in order, each once) that we hold."""
    held = articles()
    found: list[Article] = []
    for number, sub in _ARTICLE_REF.findall(reference):
        entry = held.get((_law_name(law), _key(number, sub or None)))
        if entry is not None and entry not in found:
            found.append(entry)
    return found


def article_text(law: str, article_reference: str) -> str | None:
    """The wording of the article(s) ``article_reference`` of ``law``, or None.

    One article answers its text; several (``第39條、第40條``) answer each text
    headed by its number.  A reference to a paragraph (``第48條第4項``) answers the
    whole article, so the paragraph is read in its context.
    """
    found = article(law, article_reference)
    if not found:
        return None
    if len(found) == 1:
        return found[0].text
    return "\n\n".join(f"{item.article}\n{item.text}" for item in found)
