"""Text normalisation and tokenisation for Traditional Chinese search (pure Python, no Django).

Chinese is written without spaces, so a document is indexed as overlapping character
bigrams (會計助理 → 會計 計助 助理) plus the last character of each run (理), which
both finds a one-character query and keeps two runs from joining into a false phrase.
A query of n >= 2 characters becomes the phrase of its n-1 consecutive bigrams, so any
substring of two or more characters of an indexed text is found, and a two-character
word (會計, 司機, 夜班: half of real queries) is a single index lookup.

The steps, in order (`normalize`):
1. NFKC: full-width Latin and digits to half-width (ＡＢＣ１２３ → ABC123), compatibility
   ideographs and Kangxi radicals to the unified character;
2. lower-case;
3. variant characters folded (`VARIANTS`: 臺 → 台, 裏 → 裡 ...);
4. combining marks dropped; every other character that is not a letter or a digit
   (punctuation, symbols, spaces, controls, NUL) becomes a single space.
The query goes through the same steps, then the synonym table (`synonyms.py`) expands
the words it knows into alternatives.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from laborbureau.search.synonyms import OCCUPATION_SYNONYMS, QUERY_NOISE_WORDS

# Variant characters folded to one form (the everyday Taiwanese form), for search only:
# the stored text keeps what the author wrote. Sources: 教育部異體字字典 entries for the
# pairs below, and the glyphs that reach Taiwanese ads through Japanese or simplified
# input (内, 説, 税). Targets are never sources, so folding is idempotent.
VARIANTS: dict[str, str] = {
    "臺": "台",  # 臺北 / 台北
    "檯": "台",  # 櫃檯 / 櫃台, 吧檯 / 吧台
    "枱": "台",
    "裏": "裡",
    "着": "著",
    "綫": "線",
    "峯": "峰",
    "麪": "麵",
    "麺": "麵",
    "衆": "眾",
    "爲": "為",
    "僞": "偽",
    "啓": "啟",
    "户": "戶",
    "戸": "戶",
    "説": "說",
    "脱": "脫",
    "税": "稅",
    "鋭": "銳",
    "閲": "閱",
    "悦": "悅",
    "兑": "兌",
    "内": "內",
    "温": "溫",
    "强": "強",
    "羣": "群",
    "够": "夠",
    "鷄": "雞",
    "滙": "匯",
    "牀": "床",
    "鈎": "鉤",
    "汚": "污",
    "汙": "污",
    "祕": "秘",
    "週": "周",  # 週休二日 / 周休二日
    "淸": "清",
    "靑": "青",
    "敎": "教",
    "査": "查",
    "鉄": "鐵",
    "銭": "錢",
    "駆": "驅",
    "讃": "讚",
    "姫": "姬",
}
_VARIANT_TABLE = str.maketrans(VARIANTS)

MAX_TOKEN_CHARS = 64  # a longer Latin "word" is cut: PostgreSQL lexemes are bounded
MAX_QUERY_CHARS = 100  # of normalised query text; the rest is ignored
MAX_QUERY_TERMS = 12


def _is_cjk(char: str) -> bool:
    """Characters written without spaces between words: Han, kana, Hangul, bopomofo."""
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or 0x3040 <= code <= 0x30FF
        or 0x31F0 <= code <= 0x31FF
        or 0x3100 <= code <= 0x312F
        or 0x31A0 <= code <= 0x31BF
        or 0x1100 <= code <= 0x11FF
        or 0x3130 <= code <= 0x318F
        or 0xAC00 <= code <= 0xD7AF
    )


def _normalize_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_VARIANT_TABLE)
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LN":
            out.append(char)
        elif category[0] == "M":
            continue
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def normalize(text: str) -> str:
    """Search form of `text`: NFKC, lower case, variants folded, separators as single spaces.

    Idempotent: lower-casing can produce a character NFKC changes again (rare letters
    outside Chinese), so the steps repeat until nothing changes.
    """
    for _ in range(4):
        folded = _normalize_once(text)
        if folded == text:
            break
        text = folded
    return text


def _runs(normalized: str) -> list[tuple[bool, str]]:
    """Split normalised text into runs: (True, CJK run) or (False, Latin/digit word)."""
    runs: list[tuple[bool, str]] = []
    for chunk in normalized.split(" "):
        if not chunk:
            continue
        current = ""
        current_cjk = False
        for char in chunk:
            cjk = _is_cjk(char)
            if current and cjk != current_cjk:
                runs.append((current_cjk, current))
                current = ""
            current += char
            current_cjk = cjk
        if current:
            runs.append((current_cjk, current))
    return runs


def _run_tokens(cjk: bool, run: str) -> list[str]:
    if not cjk:
        return [run[:MAX_TOKEN_CHARS]]
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_tokens(text: str) -> list[str]:
    """The tokens a document is indexed under, in order (positions matter for phrases)."""
    tokens: list[str] = []
    for cjk, run in _runs(normalize(text)):
        tokens.extend(_run_tokens(cjk, run))
    return tokens


@dataclass(frozen=True)
class Phrase:
    """Consecutive tokens; `prefix` for a one-character CJK query (matches any token starting with it)."""

    tokens: tuple[str, ...]
    prefix: bool = False


# A query is a conjunction of terms; a term is a disjunction of alternatives (a word and
# its synonyms); an alternative is a conjunction of phrases (one per run it contains).
Alternative = tuple[Phrase, ...]
Term = tuple[Alternative, ...]


def _phrases(text: str) -> Alternative:
    phrases = []
    for cjk, run in _runs(text):
        if cjk and len(run) == 1:
            phrases.append(Phrase((run,), prefix=True))
        elif cjk:
            phrases.append(Phrase(tuple(run[i : i + 2] for i in range(len(run) - 1))))
        else:
            phrases.append(Phrase((run[:MAX_TOKEN_CHARS],)))
    return tuple(phrases)


def _synonym_lookup() -> dict[str, tuple[str, ...]]:
    lookup: dict[str, tuple[str, ...]] = {}
    for group in OCCUPATION_SYNONYMS:
        words = tuple(dict.fromkeys(normalize(word) for word in group))
        for word in words:
            lookup[word] = words
    return lookup


SYNONYMS: dict[str, tuple[str, ...]] = _synonym_lookup()
_NOISE = frozenset(normalize(word) for word in QUERY_NOISE_WORDS)
_LONGEST_WORD = max(len(word) for word in [*SYNONYMS, *_NOISE])


def _segment_cjk(chunk: str) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    literal = ""
    i = 0
    while i < len(chunk):
        for length in range(min(_LONGEST_WORD, len(chunk) - i), 0, -1):
            piece = chunk[i : i + length]
            kind = "synonym" if length > 1 and piece in SYNONYMS else "noise" if piece in _NOISE else ""
            if kind:
                if literal:
                    pieces.append((literal, "literal"))
                    literal = ""
                pieces.append((piece, kind))
                i += length
                break
        else:
            literal += chunk[i]
            i += 1
    if literal:
        pieces.append((literal, "literal"))
    return pieces


def _segment(chunk: str) -> list[tuple[str, str]]:
    """Split a space-free query chunk into (piece, kind) by longest match on the synonym
    table and the noise words; kind is "synonym", "noise" or "literal".

    台北司機 → 台北 (literal), 司機 (synonym). A one-character leftover is not a word of its
    own (會計師 is not 會計 + 師): it is joined to its neighbour as a literal, unexpanded.
    """
    pieces: list[tuple[str, str]] = []
    for cjk, run in _runs(chunk):
        if cjk:
            pieces.extend(_segment_cjk(run))
        else:  # a Latin word is looked up whole (pt, qc, hr), never inside another (0pt)
            pieces.append((run, "synonym" if run in SYNONYMS else "noise" if run in _NOISE else "literal"))
    merged: list[tuple[str, str]] = []
    pending = ""
    for piece, kind in pieces:
        lone = kind == "literal" and len(piece) == 1 and _is_cjk(piece)
        if lone and merged:
            # Beside a noise word too: in 作台北作 the 台北 is part of the text, and
            # joining the two 作 across it would look for 作作.
            merged[-1] = (merged[-1][0] + piece, "literal")
        elif lone:
            pending += piece
        elif pending:
            merged.append((pending + piece, "literal"))
            pending = ""
        else:
            merged.append((piece, kind))
    if pending:
        merged.append((pending, "literal"))
    return merged


def _prune(alternatives: list[str]) -> list[str]:
    """Drop an alternative that contains another (清潔員 is found by 清潔 anyway)."""
    kept = [word for word in alternatives if not any(other != word and other in word for other in alternatives)]
    return list(dict.fromkeys(kept))


def parse_query(query: str, *, expand: bool = True, indexed_groups: frozenset[str] = frozenset()) -> tuple[Term, ...]:
    """The query as terms to AND together; each term ORs a word with its synonyms, or is
    the group's single token when the index holds it (`indexed_groups`, see above).

    User text only ever becomes tokens here; the backends quote every token, so no
    character typed reaches the FTS5 or tsquery syntax.
    """
    normalized = normalize(query)[:MAX_QUERY_CHARS].strip()
    words: list[tuple[str, str]] = []
    for chunk in normalized.split(" "):
        if chunk:
            words.extend(_segment(chunk) if expand else [(chunk, "literal")])
    meaningful = [(word, kind) for word, kind in words if kind != "noise"]
    if meaningful:
        words = meaningful
    terms: list[Term] = []
    seen: set[tuple[str, ...]] = set()
    for word, kind in words:
        alternatives = _prune(list(SYNONYMS[word])) if kind == "synonym" else [word]
        key = tuple(sorted(alternatives))
        if key in seen:
            continue
        seen.add(key)
        if kind == "synonym" and GROUP_TOKEN.get(word) in indexed_groups:
            term: Term = ((Phrase((GROUP_TOKEN[word],)),),)
        else:
            term = tuple(phrases for phrases in (_phrases(alt) for alt in alternatives) if phrases)
        if term:
            terms.append(term)
    return tuple(terms[:MAX_QUERY_TERMS])


# --- Synonym groups in the index ---------------------------------------------------------
# A synonym word expands a query into the OR of its group's words, and SQLite's bm25 then
# scores every word as a phrase of its own on every candidate row: 夜班 保全 was eight
# phrases, ~1.5 µs each per row, 3-5 ms to rank 1,000 candidates. So a document is also
# indexed under one token per group for each place it holds a word of that group, and a
# query whose group the index was built with asks for that single token instead. The
# answer is the same set of rows: a word's phrase matches exactly where its tokens are
# consecutive, which is what `group_tokens` looks for. The token is a hash of the group's
# words, so editing a group gives it a new token that no indexed row has yet; until the
# kind is re-indexed, the search knows it (`search.models.IndexState`) and expands that
# group at query time as before. "_" never survives `normalize`, so no text can make one.


def _group_token(words: tuple[str, ...]) -> str:
    return "_syn" + hashlib.sha256("\x1f".join(words).encode()).hexdigest()[:12]


def _group_phrases() -> tuple[dict[str, str], dict[str, list[tuple[tuple[str, ...], str]]]]:
    """(word → its group's token, first token → [(phrase tokens, group token)]). A group
    with a word that is not one plain phrase (two runs, a lone character) has no token:
    its words are expanded at query time, always."""
    tokens: dict[str, str] = {}
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words in dict.fromkeys(SYNONYMS.values()):
        phrases = [_phrases(word) for word in words]
        if not all(len(alt) == 1 and not alt[0].prefix for alt in phrases):
            continue
        token = _group_token(words)
        for word, (phrase,) in zip(words, phrases, strict=True):
            tokens[word] = token
            by_first.setdefault(phrase.tokens[0], []).append((phrase.tokens, token))
    return tokens, by_first


GROUP_TOKEN, _GROUP_BY_FIRST = _group_phrases()
GROUP_TOKENS: frozenset[str] = frozenset(GROUP_TOKEN.values())


def group_tokens(tokens: list[str]) -> list[str]:
    """The group tokens of a document's tokens: one per group per position where a word
    of the group starts (保全員 at one place is one 保全 token, not two)."""
    found: list[str] = []
    for position, token in enumerate(tokens):
        candidates = _GROUP_BY_FIRST.get(token)
        if not candidates:
            continue
        here: set[str] = set()
        for phrase, group in candidates:
            if group not in here and tuple(tokens[position : position + len(phrase)]) == phrase:
                here.add(group)
                found.append(group)
    return found


_SAFE_TOKEN = re.compile(r"^[^\s\"'\\\x00]+$")


def is_safe_token(token: str) -> bool:
    """A token never carries quote, backslash, space or NUL: normalisation removes them all."""
    return bool(_SAFE_TOKEN.match(token))
