"""Skill terms for matching (data/skill_terms.json): the skills, licences and languages an
ad asks for or a job seeker has, as bits of one 64-bit integer, so that the overlap of a
seeker and 200,000 vacancies is one AND and one popcount per row.

Terms are found on the search form of the text (laborbureau.search.text.normalize:
NFKC, lower case, 臺/台 and other variants folded); a Latin term must stand alone
("java" is not found in "javascript").
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from laborbureau.search.text import normalize

DATA = Path(__file__).resolve().parent / "data" / "skill_terms.json"
MAX_TERMS = 63  # bit 63 stays clear: the column is a signed 64-bit integer in both databases


@dataclass(frozen=True)
class Skill:
    bit: int
    code: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class Vocabulary:
    skills: tuple[Skill, ...]
    pattern: re.Pattern
    bit_of_term: dict[str, int]
    language_bits: dict[str, int]


@cache
def vocabulary() -> Vocabulary:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    entries = data["terms"]
    if len(entries) > MAX_TERMS:
        raise ValueError(f"skill_terms.json has {len(entries)} entries; at most {MAX_TERMS} fit")
    skills, bit_of_term = [], {}
    for bit, entry in enumerate(entries):
        skills.append(Skill(bit=bit, code=entry["code"], label_zh=entry["zh"], label_en=entry["en"]))
        for term in entry["terms"]:
            bit_of_term[normalize(term)] = bit
    # Longest first, so 中餐烹調 wins over 中餐; Latin terms bounded by non-letters.
    alternatives = []
    for term in sorted(bit_of_term, key=len, reverse=True):
        escaped = re.escape(term)
        alternatives.append(rf"(?<![a-z]){escaped}(?![a-z])" if term.isascii() else escaped)
    codes = {skill.code: skill.bit for skill in skills}
    language_bits = {language: codes[code] for language, code in data["languages"].items()}
    return Vocabulary(tuple(skills), re.compile("|".join(alternatives)), bit_of_term, language_bits)


def bits_of_text(*texts: str) -> int:
    vocab = vocabulary()
    bits = 0
    for text in texts:
        if text:
            for match in vocab.pattern.finditer(normalize(text)):
                bits |= 1 << vocab.bit_of_term[match.group(0)]
    return bits


def vacancy_bits(*, title: str, description: str, requirements: str) -> int:
    return bits_of_text(title, description, requirements)


def seeker_bits(*, skills: str, licences: str, experience: str, languages: list[str]) -> int:
    bits = bits_of_text(skills, licences, experience)
    for language in languages:
        bit = vocabulary().language_bits.get(language)
        if bit is not None:
            bits |= 1 << bit
    return bits


def labels(bits: int) -> list[Skill]:
    return [skill for skill in vocabulary().skills if bits >> skill.bit & 1]
