"""Normalisation, tokenisation and query parsing (pure, no database)."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from laborbureau.search.synonyms import OCCUPATION_SYNONYMS
from laborbureau.search.text import (
    GROUP_TOKEN,
    GROUP_TOKENS,
    MAX_QUERY_CHARS,
    SYNONYMS,
    VARIANTS,
    Phrase,
    group_tokens,
    index_tokens,
    is_safe_token,
    normalize,
    parse_query,
)


def matches(tokens: list[str], query) -> bool:
    """Reference semantics of a parsed query against a document's tokens (what both
    database backends implement): AND of terms, OR of alternatives, AND of phrases."""

    def phrase_found(phrase: Phrase) -> bool:
        n = len(phrase.tokens)
        if phrase.prefix:
            return any(token.startswith(phrase.tokens[0]) for token in tokens)
        return any(tuple(tokens[i : i + n]) == phrase.tokens for i in range(len(tokens) - n + 1))

    return all(any(all(phrase_found(p) for p in alternative) for alternative in term) for term in query)


# Han characters job ads use, the variant characters folded, and a few kana/Latin.
CJK = "會計司機夜班保全門市外送員送餐美髮型設計師台臺北裏裡着著綫線峯峰麪麵清潔打掃廚房助手作業操"
CJK_TEXT = st.text(alphabet=st.sampled_from(CJK + "".join(VARIANTS)), min_size=2, max_size=30)


def test_normalize_folds_width_case_variants_and_separators():
    assert normalize("ＡＢＣ　１２３") == "abc 123"
    assert normalize("臺北市，中山區！") == "台北市 中山區"
    assert normalize("裏面着綫峯麪") == "裡面著線峰麵"
    assert normalize("週休二日\x00(PT)") == "周休二日 pt"
    assert normalize("  ") == ""


def test_index_tokens_are_bigrams_with_the_last_character_and_whole_words():
    assert index_tokens("誠徵會計助理（臺北市）Excel 2016") == [
        "誠徵",
        "徵會",
        "會計",
        "計助",
        "助理",
        "理",
        "台北",
        "北市",
        "市",
        "excel",
        "2016",
    ]
    assert index_tokens("PHP工程師") == ["php", "工程", "程師", "師"]
    assert index_tokens("店") == ["店"]


def test_query_becomes_phrases_of_consecutive_bigrams():
    assert parse_query("會計師", expand=False) == (((Phrase(("會計", "計師")),),),)
    assert parse_query("店", expand=False) == (((Phrase(("店",), prefix=True),),),)


def test_query_segments_known_words_and_keeps_one_character_leftovers_joined():
    # 夜班保全 typed without a space: two words, each expanded.
    night, guard = parse_query("夜班保全")
    assert Phrase(("晚班",)) in [alt[0] for alt in night]
    assert Phrase(("警衛",)) in [alt[0] for alt in guard]
    # 會計師 is not 會計 + 師: one literal phrase, unexpanded.
    assert parse_query("會計師") == (((Phrase(("會計", "計師")),),),)
    # Noise words go when the query has something else.
    assert parse_query("找會計工作") == parse_query("會計")
    assert parse_query("工作") == (((Phrase(("工作",)),),),)


def test_synonyms_expand_to_the_group_and_variants_fold_in_the_query():
    (term,) = parse_query("外送")
    assert (Phrase(("送餐", "餐員")),) in term
    assert parse_query("臺北") == parse_query("台北")
    assert parse_query("櫃檯") == parse_query("櫃台")


def test_synonym_table_has_forty_groups_and_each_word_in_one_group():
    assert len(OCCUPATION_SYNONYMS) >= 40
    words = [normalize(word) for group in OCCUPATION_SYNONYMS for word in group]
    assert len(words) == len(set(words))
    assert all(len(group) >= 2 for group in OCCUPATION_SYNONYMS)


@given(st.text())
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@given(st.text(max_size=300))
def test_no_token_can_carry_query_syntax(text):
    # The backends rely on this: a token never holds a quote, backslash, space or NUL.
    assert all(is_safe_token(token) for token in index_tokens(text))
    for term in parse_query(text):
        for alternative in term:
            for phrase in alternative:
                assert all(is_safe_token(token) for token in phrase.tokens)


@settings(max_examples=300)
@given(CJK_TEXT, st.data())
def test_any_substring_of_two_or_more_characters_is_found(text, data):
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 2, min(len(text), start + MAX_QUERY_CHARS)))
    tokens = index_tokens(text)
    assert matches(tokens, parse_query(text[start:end]))
    assert matches(tokens, parse_query(text[start:end], expand=False))


@given(st.text(alphabet=string.ascii_letters + string.digits + " ", min_size=1, max_size=40))
def test_latin_words_are_found_whole(text):
    tokens = index_tokens(text)
    for word in text.split():
        assert matches(tokens, parse_query(word))


def test_a_document_carries_a_group_token_where_a_word_of_the_group_starts():
    tokens = index_tokens("夜班保全員，徵PT人員")
    assert group_tokens(tokens) == [GROUP_TOKEN["夜班"], GROUP_TOKEN["保全"], GROUP_TOKEN["兼職"]]
    assert group_tokens(index_tokens("帳務，人員")) == []  # the pieces of 帳務人員 apart are not it
    assert group_tokens(index_tokens("大夜班")) == [GROUP_TOKEN["夜班"]] * 2  # 大夜, then 夜班
    assert all(token.startswith("_syn") and not normalize(token).startswith("_") for token in GROUP_TOKENS)


SYNONYM_PIECES = st.sampled_from([*SYNONYMS, "帳務", "人員", "部分", "工時", "夜", "班", "，", " ", "x"])


@settings(max_examples=300)
@given(st.lists(SYNONYM_PIECES, max_size=10).map("".join), st.lists(SYNONYM_PIECES, min_size=1, max_size=3))
def test_a_query_by_group_tokens_matches_exactly_the_documents_its_expansion_does(text, words):
    tokens = index_tokens(text)
    q = " ".join(words)
    assert matches(tokens + group_tokens(tokens), parse_query(q, indexed_groups=GROUP_TOKENS)) == matches(
        tokens, parse_query(q)
    )
