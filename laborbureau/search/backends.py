"""The two index backends behind `search.services` and `search.selectors`.

Both index the same tokens (`search.text`) and filter tags, and answer the same query
structure; only the SQL differs.

- SQLite: FTS5 table `search_fts(title, body, tags)`, rowid = `search_document.id`.
  Equality filters are tags in the `tags` column and the kind is a rowid range, so a
  filtered count is one FTS5 doclist intersection without touching `search_document`. bm25 ranks (title
  weighted 4, body 1, tags 0). A kind may name a partition field (the job bank: the
  district): each row's title and body tokens are written a second time with its
  value as a prefix (`partition_prefix`), so that a search filtered on one value
  matches those tokens instead of intersecting with the value's tag
  (`PreparedQuery.local`).
- PostgreSQL: `search_document.tokens` tsvector (title at weight A, body at C, tags
  without positions) with a GIN index; `@@` with phrase operators (<->) and ts_rank.
  The cost is the bitmap heap scan that visits each GIN match (rows are ~1.2 kB, the
  tsvector inline), so the count also collects the ranking candidates in that pass.

Relevance order is the same on both: the score over the RANK_CANDIDATES newest
matches, then the older ones newest first (`SqliteBackend._relevance_page`).

Injection: user text reaches SQL only as bound parameters, and inside the FTS5 or
tsquery expression only as tokens produced by `text.normalize` (letters and digits),
each quoted (FTS5 "…", tsquery '…') with the quote characters doubled anyway. The SQL
strings assembled here (`# noqa: S608`) join fixed fragments only; every value, field
name and JSON path is a bound parameter.
"""

import hashlib
import itertools
import json
from dataclasses import dataclass
from datetime import date

from laborbureau.search.text import Phrase, Term

# Relevance ranks at most this many matches (the most recently indexed), on both
# backends; see SqliteBackend._relevance_page.
RANK_CANDIDATES = 1000
POSTGRES_MAX_POSITION = 16383  # tsvector positions are capped here
POSTGRES_MAX_POSITIONS_PER_LEXEME = 256


@dataclass(frozen=True)
class Range:
    """A range filter on an integer or date attribute: gte <= value <= lte (either bound optional)."""

    gte: int | date | None = None
    lte: int | date | None = None


def attribute_value(value: int | date) -> int:
    """Sort keys and range bounds as integers (dates as proleptic Gregorian ordinals)."""
    if isinstance(value, date):
        return value.toordinal()
    return value


def tag(field: str, value: str | int) -> str:
    """The filter tag for field = value: the value hex-encoded, so any value is one safe token."""
    return f"{field}={str(value).encode().hex()}"


def partition_prefix(value: str | int) -> str:
    """SQLite: the prefix of a row's partition tokens, e.g. `l3633303030303530_` before
    `會計` for district 63000050. The value is hex-encoded, so the prefix is exact (no
    two values share one) and ASCII; lower-case because the FTS5 `ascii` tokenizer folds
    case. No text token looks like it: text tokens hold no `_`, group tokens start with one."""
    return f"l{str(value).encode().hex()}_"


def kind_rowids(kind: str) -> tuple[int, int]:
    """SQLite: the rowid range of a kind (22 bits of its name's SHA-256, then 40 bits of
    sequence). Restricting a MATCH to a rowid range costs FTS5 nothing, where a kind
    token common to every row of the kind made each query intersect a 200,000-entry
    doclist. Two kinds that share a range are refused at the first write (`upsert`)."""
    base = (int.from_bytes(hashlib.sha256(kind.encode()).digest()[:3], "big") & 0x3FFFFF) << 40
    return base, base + (1 << 40) - 1


@dataclass(frozen=True)
class _BagGroup:
    singles: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    tsquery: str  # the group as a tsquery, when it has phrases to check


@dataclass(frozen=True)
class PreparedDocument:
    object_id: int
    title_tokens: list[str]
    body_tokens: list[str]
    tags: list[str]
    attributes: dict
    partition: str = ""  # SQLite: the prefix of the row's partition tokens, if the kind has them


@dataclass(frozen=True)
class PreparedQuery:
    kind: str
    terms: tuple[Term, ...]
    tags: tuple[tuple[str, ...], ...]  # AND of (OR of tags)
    ranges: tuple[tuple[str, int | None, int | None], ...]
    # SQLite: (field, prefix) when the query filters the kind's partition field on one
    # value and has words: the words are matched as that value's partition tokens and
    # the field's tag is left out. Why: FTS5 intersects doclists and bm25 counts every
    # phrase's doclist for its IDF, and a district's tag is in ~17,000 of 200,000 ads;
    # the prefixed words' doclists hold only that district's rows (a filtered count
    # 1-3 ms → 0.2-0.8 ms, its ranking 2-4x faster). PostgreSQL keeps the tag.
    local: tuple[str, str] | None = None


def _quote_fts(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _quote_tsquery(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class SqliteBackend:
    vendor = "sqlite"

    # Writing -----------------------------------------------------------------------
    def upsert(self, cursor, kind: str, document: PreparedDocument) -> None:
        low, high = kind_rowids(kind)
        cursor.execute(
            "SELECT (SELECT id FROM search_document WHERE kind = %s AND object_id = %s), "
            "(SELECT max(id) FROM search_document WHERE id BETWEEN %s AND %s), "
            "(SELECT kind FROM search_document WHERE id BETWEEN %s AND %s AND kind != %s LIMIT 1)",
            [kind, document.object_id, low, high, low, high, kind],
        )
        existing, last, other_kind = cursor.fetchone()
        if other_kind:
            raise ValueError(f"Search kinds {kind!r} and {other_kind!r} share a rowid range: rename one.")
        # A new id is the next in the kind's range: the write transaction (BEGIN
        # IMMEDIATE on SQLite) holds the database lock, so no other writer takes it.
        row_id = existing or (last or low) + 1
        cursor.execute(
            "INSERT INTO search_document (id, kind, object_id, attributes) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (kind, object_id) DO UPDATE SET attributes = excluded.attributes",
            [row_id, kind, document.object_id, json.dumps(document.attributes, ensure_ascii=False)],
        )
        cursor.execute(
            "INSERT OR REPLACE INTO search_fts (rowid, title, body, tags) VALUES (%s, %s, %s, %s)",
            [row_id, *self._columns(kind, document)],
        )

    def _columns(self, kind: str, document: PreparedDocument) -> tuple[str, str, str]:
        title, body = " ".join(document.title_tokens), " ".join(document.body_tokens)
        if document.partition:
            # The partition tokens follow the plain ones in the same column: a query's
            # phrase is all plain or all prefixed, so none runs across the two, and the
            # title keeps its weight. Every row of the kind doubles its length, so bm25's
            # length ratio (a row's length over the table's mean) barely moves.
            prefix = document.partition
            title = f"{title} {' '.join(prefix + token for token in document.title_tokens)}" if title else ""
            body = f"{body} {' '.join(prefix + token for token in document.body_tokens)}" if body else ""
        return title, body, " ".join(document.tags)

    def delete(self, cursor, kind: str, object_id: int) -> None:
        cursor.execute(
            "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_document WHERE kind = %s AND object_id = %s)",
            [kind, object_id],
        )
        cursor.execute("DELETE FROM search_document WHERE kind = %s AND object_id = %s", [kind, object_id])

    def rebuild(self, cursor, kind: str, documents, batch_size: int = 5000, cluster_by: str | None = None) -> int:
        # `cluster_by` is for PostgreSQL's heap; an FTS5 doclist has no such locality.
        cursor.execute("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_document WHERE kind = %s)", [kind])
        cursor.execute("DELETE FROM search_document WHERE kind = %s", [kind])
        # Ids are assigned here rather than one RETURNING per row: the caller holds the
        # write transaction (SQLite takes the database lock on BEGIN IMMEDIATE), so no
        # other writer can take the same ids in between.
        low, high = kind_rowids(kind)
        cursor.execute(
            "SELECT kind FROM search_document WHERE id BETWEEN %s AND %s AND kind != %s LIMIT 1", [low, high, kind]
        )
        if other := cursor.fetchone():
            raise ValueError(f"Search kinds {kind!r} and {other[0]!r} share a rowid range: rename one.")
        next_id = low
        count = 0
        batch: list[PreparedDocument] = []

        def flush():
            nonlocal next_id
            ids = list(range(next_id + 1, next_id + 1 + len(batch)))
            next_id += len(batch)
            cursor.executemany(
                "INSERT INTO search_document (id, kind, object_id, attributes) VALUES (%s, %s, %s, %s)",
                [
                    (row_id, kind, doc.object_id, json.dumps(doc.attributes, ensure_ascii=False))
                    for row_id, doc in zip(ids, batch, strict=True)
                ],
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, tags) VALUES (%s, %s, %s, %s)",
                [(row_id, *self._columns(kind, doc)) for row_id, doc in zip(ids, batch, strict=True)],
            )
            batch.clear()

        for document in documents:
            batch.append(document)
            count += 1
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        # Merge the FTS5 segments written in batches into one b-tree: faster queries.
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        return count

    # Reading -----------------------------------------------------------------------
    @staticmethod
    def _phrase(phrase: Phrase, prefix: str = "") -> str:
        text = _quote_fts(" ".join(prefix + token for token in phrase.tokens))
        return text + "*" if phrase.prefix else text

    def match_expression(self, query: PreparedQuery, *, skip_tags_of: str | None = None) -> str:
        # A facet that ignores the partition field's filter (skip_tags_of) matches the plain words.
        local = query.local if query.local and query.local[0] != skip_tags_of and query.terms else None
        prefix = local[1] if local else ""
        parts = []
        for group in query.tags:
            if group and any(name and group[0].startswith(name + "=") for name in (skip_tags_of, local and local[0])):
                continue
            parts.append("(" + " OR ".join(_quote_fts(token) for token in group) + ")")
        for term in query.terms:
            alternatives = ["(" + " AND ".join(self._phrase(phrase, prefix) for phrase in alt) + ")" for alt in term]
            parts.append("(" + " OR ".join(alternatives) + ")")
        # Nothing to match (no words, no filters): every token of a row is in `tags` or
        # the text; match rows of the kind through the rowid range alone.
        return " AND ".join(parts)

    @staticmethod
    def _ranges(query: PreparedQuery, skip: str | None = None) -> tuple[str, list]:
        sql, params = "", []
        for field, low, high in query.ranges:
            if field == skip:
                continue
            if low is not None:
                sql += " AND json_extract(d.attributes, %s) >= %s"
                params += [f"$.{field}", low]
            if high is not None:
                sql += " AND json_extract(d.attributes, %s) <= %s"
                params += [f"$.{field}", high]
        return sql, params

    def _fts_where(self, query: PreparedQuery, skip: str | None = None) -> tuple[str, list]:
        """The FTS5 condition: the kind's rowid range, and MATCH when there is anything to match."""
        sql, params = "search_fts.rowid BETWEEN %s AND %s", list(kind_rowids(query.kind))
        match = self.match_expression(query, skip_tags_of=skip)
        if match:
            sql += " AND search_fts MATCH %s"
            params.append(match)
        return sql, params

    def count(self, cursor, query: PreparedQuery, facets: list[str] | tuple = ()) -> int:
        where, params = self._fts_where(query)
        range_sql, range_params = self._ranges(query)
        if range_sql:
            cursor.execute(
                "SELECT count(*) FROM search_fts JOIN search_document d ON d.id = search_fts.rowid "  # noqa: S608
                "WHERE " + where + range_sql,
                [*params, *range_params],
            )
        else:
            cursor.execute("SELECT count(*) FROM search_fts WHERE " + where, params)  # noqa: S608
        total = cursor.fetchone()[0]
        self._counted = (query, total)
        return total

    def page(self, cursor, query: PreparedQuery, sort: str, limit: int, offset: int) -> list[int]:
        where, params = self._fts_where(query)
        range_sql, range_params = self._ranges(query)
        if sort == "relevance" and query.terms and not range_sql:
            counted = self._counted[1] if self._counted is not None and self._counted[0] == query else None
            return self._relevance_page(cursor, where, params, limit, offset, counted)
        if sort == "relevance":
            order, order_params = ("search_fts.rank, d.id DESC", []) if query.terms else ("d.id DESC", [])
        else:
            key, descending = sort.removeprefix("-"), sort.startswith("-")
            direction = "DESC" if descending else "ASC"
            order = (
                f"json_extract(d.attributes, %s) IS NULL, json_extract(d.attributes, %s) {direction}, d.id {direction}"
            )
            order_params = [f"$.{key}", f"$.{key}"]
        cursor.execute(
            "SELECT d.object_id FROM search_fts JOIN search_document d ON d.id = search_fts.rowid "  # noqa: S608
            "WHERE " + where + range_sql + " ORDER BY " + order + " LIMIT %s OFFSET %s",
            [*params, *range_params, *order_params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]

    _counted: tuple[PreparedQuery, int] | None = None  # the last `count`, for `page`

    def _relevance_page(
        self, cursor, where: str, params: list, limit: int, offset: int, total: int | None = None
    ) -> list[int]:
        """Relevance order: bm25 over the RANK_CANDIDATES most recently indexed matches,
        then the older matches, newest first.

        Why bounded: bm25 is computed per matching row, and a two-character word matches
        several percent of 200,000 ads (司機: ~8,000 rows, ~10 ms; 1,000 rows ~1 ms). Job ads age fast, so
        the best-scoring of the newest candidates is what a person wants first; the rest
        stays reachable, in date order, on later pages. The order is total, so pages
        neither repeat nor skip a result.

        When `count` found no more than RANK_CANDIDATES matches (`total`: a filter
        usually does), every match is a candidate and they are ranked in one forward
        pass: FTS5 walks a doclist backwards (ORDER BY rowid DESC) at about twice the
        cost, and a district tag made that walk the larger part of a filtered search.
        """
        ids: list[int] = []
        cap = RANK_CANDIDATES
        if total is not None and total <= cap:
            cursor.execute(
                "SELECT d.object_id FROM (SELECT rowid, bm25(search_fts, 4.0, 1.0, 0.0) AS score "  # noqa: S608
                "FROM search_fts WHERE " + where + " ORDER BY score, rowid DESC LIMIT %s OFFSET %s) f "
                "JOIN search_document d ON d.id = f.rowid ORDER BY f.score, f.rowid DESC",
                [*params, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]
        if offset < cap:
            cursor.execute(
                "SELECT d.object_id FROM (SELECT rowid, score FROM (SELECT rowid, "  # noqa: S608
                "bm25(search_fts, 4.0, 1.0, 0.0) AS score FROM search_fts WHERE " + where + " "
                "ORDER BY rowid DESC LIMIT %s) ORDER BY score, rowid DESC LIMIT %s OFFSET %s) f "
                "JOIN search_document d ON d.id = f.rowid ORDER BY f.score, f.rowid DESC",
                [*params, cap, min(limit, cap - offset), offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        if offset + limit > cap:
            cursor.execute(
                "SELECT d.object_id FROM (SELECT rowid FROM search_fts WHERE " + where + " "  # noqa: S608
                "ORDER BY rowid DESC LIMIT %s OFFSET %s) f JOIN search_document d ON d.id = f.rowid "
                "ORDER BY f.rowid DESC",
                [*params, limit - len(ids), max(offset, cap)],
            )
            ids += [row[0] for row in cursor.fetchall()]
        return ids

    def facet(self, cursor, query: PreparedQuery, field: str, values: list | None = None) -> dict[str, int]:
        # Counts for a field ignore that field's own filter, so a user who chose one
        # district still sees how many results the other districts have.
        where, params = self._fts_where(query, skip=field)
        range_sql, range_params = self._ranges(query, skip=field)
        if values and not range_sql:
            # A closed list of values: one count per value's tag inside FTS5, all in one
            # statement; no row of search_document is read.
            base = self.match_expression(query, skip_tags_of=field)
            low, high = kind_rowids(query.kind)
            selects, select_params = [], []
            for value in values:
                expression = _quote_fts(tag(field, value)) + (" AND " + base if base else "")
                selects.append("SELECT %s, (SELECT count(*) FROM search_fts WHERE search_fts.rowid BETWEEN %s AND %s "
                               "AND search_fts MATCH %s)")
                select_params += [str(value), low, high, expression]
            cursor.execute(" UNION ALL ".join(selects), select_params)
            return {value: count for value, count in cursor.fetchall() if count}
        cursor.execute(
            "SELECT value.value, count(*) FROM search_fts JOIN search_document d ON d.id = search_fts.rowid, "  # noqa: S608
            "json_each(d.attributes, %s) value WHERE " + where + range_sql + " GROUP BY value.value",
            [f"$.{field}", *params, *range_params],
        )
        return {str(value): count for value, count in cursor.fetchall() if value is not None}


class PostgresBackend:
    vendor = "postgresql"
    RANK_WEIGHTS = "{0.0, 0.25, 0.5, 1.0}"  # D (tags), C (body), B, A (title)

    # Writing -----------------------------------------------------------------------
    @staticmethod
    def tsvector(document: PreparedDocument) -> str:
        positions: dict[str, list[str]] = {}
        position = 0
        for tokens, weight in ((document.title_tokens, "A"), (document.body_tokens, "C")):
            position += 1  # a gap between title and body: no phrase across them
            for token in tokens:
                position += 1
                if position > POSTGRES_MAX_POSITION:
                    break
                slots = positions.setdefault(token, [])
                if len(slots) < POSTGRES_MAX_POSITIONS_PER_LEXEME:
                    slots.append(f"{position}{weight}")
        lexemes = [f"{_quote_tsquery(token)}:{','.join(slots)}" for token, slots in positions.items()]
        lexemes += [_quote_tsquery(token) for token in document.tags if token not in positions]
        return " ".join(lexemes)

    def upsert(self, cursor, kind: str, document: PreparedDocument) -> None:
        cursor.execute(
            "INSERT INTO search_document (kind, object_id, attributes, tokens) VALUES (%s, %s, %s::jsonb, %s::tsvector) "
            "ON CONFLICT (kind, object_id) DO UPDATE SET attributes = excluded.attributes, tokens = excluded.tokens "
            "RETURNING id",
            [kind, document.object_id, json.dumps(document.attributes, ensure_ascii=False), self.tsvector(document)],
        )
        self._bag_write(cursor, "d.id = %s", [cursor.fetchone()[0]])

    def delete(self, cursor, kind: str, object_id: int) -> None:
        cursor.execute(
            "DELETE FROM search_bag WHERE id IN (SELECT id FROM search_document WHERE kind = %s AND object_id = %s)",
            [kind, object_id],
        )
        cursor.execute("DELETE FROM search_document WHERE kind = %s AND object_id = %s", [kind, object_id])

    # The bag: each row's tokens as the integer ids of a dictionary (search_token), in
    # a narrow table (search_bag, ~350 bytes a row against ~1.3 kB) with its own GIN
    # index. A query of plain words and filters (no phrase, no prefix, no range: most
    # searches, 2-character words being single tokens) is counted there: a word in a
    # quarter of 200,000 ads (夜班 with its synonyms) visited 26,700 pages of
    # search_document (100-200 ms) and visits 9,000 cached pages of the bag (15-30 ms).
    # `&&` (overlap) on an integer array is exact in GIN: no row is rechecked.
    _NEW_TOKENS = (
        "INSERT INTO search_token (token) SELECT DISTINCT u.lexeme FROM search_document d, unnest(d.tokens) u "
        "WHERE {where} AND NOT EXISTS (SELECT 1 FROM search_token t WHERE t.token = u.lexeme) "
        "ON CONFLICT (token) DO NOTHING"
    )
    _BAG_ROWS = (
        "SELECT d.id, d.kind, ARRAY(SELECT t.id FROM unnest(d.tokens) u JOIN search_token t ON t.token = u.lexeme "
        "ORDER BY t.id) FROM search_document d WHERE {where}"
    )

    def _bag_write(self, cursor, where: str, params: list, order: str = "", order_params: list | None = None) -> None:
        """(Re)write the bag rows of the documents `where` selects (`d.` columns)."""
        cursor.execute(self._NEW_TOKENS.format(where=where), params)  # noqa: S608 (fixed fragments)
        cursor.execute(
            "INSERT INTO search_bag (id, kind, tokens) " + self._BAG_ROWS.format(where=where) + order  # noqa: S608
            + " ON CONFLICT (id) DO UPDATE SET tokens = excluded.tokens",
            [*params, *(order_params or [])],
        )

    def recluster(self, cursor, kind: str, cluster_by: str | None) -> None:
        """Rewrite the kind's rows in the order of the attribute `cluster_by` (then id),
        keeping their ids. Why: counting a word's matches visits each matching row's heap
        page (GIN has no index-only scan), and a row is ~1.3 kB, so 15,000 matches spread
        over the table touched 12,800 of its pages (40-90 ms, more when they are not in
        shared buffers). Words cluster by occupation (夜班 in security and convenience
        stores, 會計 in accounting), so rows stored by occupation put a word's matches on a
        few thousand pages (10-15 ms). Rows indexed since land at the end, out of order,
        until the next recluster (`search.services.index_recluster`, nightly for the job
        bank). Both the deleted and the re-inserted rows are this transaction's: other
        sessions see the old rows until it commits."""
        if cluster_by:
            cursor.execute(
                "WITH moved AS (DELETE FROM search_document WHERE kind = %s "
                "RETURNING id, kind, object_id, attributes, tokens) "
                "INSERT INTO search_document (id, kind, object_id, attributes, tokens) "
                "SELECT id, kind, object_id, attributes, tokens FROM moved ORDER BY attributes -> %s, id",
                [kind, cluster_by],
            )
        self._bag_fill(cursor, kind, cluster_by)
        cursor.execute("ANALYZE search_document")

    def _bag_fill(self, cursor, kind: str, cluster_by: str | None) -> None:
        """Rewrite the kind's bag rows from its documents, in the same order (cluster_by, id)."""
        cursor.execute("DELETE FROM search_bag WHERE kind = %s", [kind])
        if cluster_by:
            self._bag_write(cursor, "d.kind = %s", [kind], " ORDER BY d.attributes -> %s, d.id", [cluster_by])
        else:
            self._bag_write(cursor, "d.kind = %s", [kind], " ORDER BY d.id")
        cursor.execute("ANALYZE search_bag")

    def rebuild(self, cursor, kind: str, documents, batch_size: int = 5000, cluster_by: str | None = None) -> int:
        cursor.execute("DELETE FROM search_bag WHERE kind = %s", [kind])
        cursor.execute("DELETE FROM search_document WHERE kind = %s", [kind])
        target = "search_document"
        if cluster_by:
            # Loaded into a scratch table first, taking ids from the table's own sequence in
            # the order of `documents`, then written to the table once, ordered by
            # `cluster_by` (see `recluster`): no second copy of every row left dead.
            cursor.execute("SELECT pg_get_serial_sequence('search_document', 'id')")
            sequence = cursor.fetchone()[0]
            cursor.execute(
                "CREATE TEMPORARY TABLE search_rebuild (id bigint NOT NULL DEFAULT nextval(%s::regclass), "
                "kind varchar(40) NOT NULL, object_id bigint NOT NULL, attributes jsonb NOT NULL, "
                "tokens tsvector NOT NULL) ON COMMIT DROP",
                [sequence],
            )
            target = "search_rebuild"
        count = 0
        documents = iter(documents)
        # COPY a batch at a time (psycopg escapes each field). The batch is read before
        # its COPY starts: `documents` may itself read the database on this connection
        # (a queryset's .iterator()), which would block inside an open COPY.
        while batch := list(itertools.islice(documents, batch_size)):
            with cursor.cursor.copy(f"COPY {target} (kind, object_id, attributes, tokens) FROM STDIN") as copy:
                for document in batch:
                    copy.write_row(
                        (
                            kind,
                            document.object_id,
                            json.dumps(document.attributes, ensure_ascii=False),
                            self.tsvector(document),
                        )
                    )
            count += len(batch)
        if cluster_by:
            cursor.execute(
                "INSERT INTO search_document (id, kind, object_id, attributes, tokens) "
                "SELECT id, kind, object_id, attributes, tokens FROM search_rebuild ORDER BY attributes -> %s, id",
                [cluster_by],
            )
            cursor.execute("DROP TABLE search_rebuild")
        self._bag_fill(cursor, kind, cluster_by)
        cursor.execute("ANALYZE search_document")
        return count

    # Reading -----------------------------------------------------------------------
    @staticmethod
    def _phrase(phrase: Phrase) -> str:
        if phrase.prefix:
            return _quote_tsquery(phrase.tokens[0]) + ":*"
        return " <-> ".join(_quote_tsquery(token) for token in phrase.tokens)

    def _term_query(self, term) -> str:
        alternatives = ["(" + " & ".join("(" + self._phrase(p) + ")" for p in alt) + ")" for alt in term]
        return "(" + " | ".join(alternatives) + ")"

    def text_query(self, query: PreparedQuery) -> str:
        return " & ".join(self._term_query(term) for term in query.terms)

    def _where(self, query: PreparedQuery, skip: str | None = None) -> tuple[str, list]:
        sql, params = "kind = %s", [query.kind]
        parts = []
        for group in query.tags:
            if skip and group and group[0].startswith(skip + "="):
                continue
            parts.append("(" + " | ".join(_quote_tsquery(token) for token in group) + ")")
        text = self.text_query(query)
        if text:
            parts.append(text)
        if parts:
            sql += " AND tokens @@ %s::tsquery"
            params.append(" & ".join(parts))
        for field, low, high in query.ranges:
            if field == skip:
                continue
            if low is not None:
                sql += " AND (attributes ->> %s)::bigint >= %s"
                params += [field, low]
            if high is not None:
                sql += " AND (attributes ->> %s)::bigint <= %s"
                params += [field, high]
        return sql, params

    # The counts of one facet field over a set of matching rows `m` (id, attributes).
    _FACET_OF_MATCHES = (
        "(SELECT json_object_agg(value, n) FROM (SELECT value, sum(n)::bigint AS n FROM (SELECT attributes -> %s AS v, "
        "count(*) AS n FROM m GROUP BY 1) g, jsonb_array_elements_text(CASE jsonb_typeof(v) WHEN 'array' THEN v "
        "ELSE jsonb_build_array(v) END) value WHERE value IS NOT NULL GROUP BY value) x)"
    )

    def count(self, cursor, query: PreparedQuery, facets: list[str] | tuple = ()) -> int:
        """The total, and in the same pass over the matching rows: the ids of the
        RANK_CANDIDATES newest matches when there are words to rank (kept for `page`),
        and the counts of each facet field the query does not filter on (kept for
        `facet`). The bitmap heap scan that checks each GIN match is the cost of a search
        here (a common word at 200,000 ads: ~150 ms), so everything that needs the whole
        set of matches shares one scan instead of one each."""
        where, params = self._where(query)
        shared = [field for field in facets if self._where(query, skip=field) == (where, params)]
        self._facets = (query, {})
        groups = self._bag_groups(query)
        if groups is not None and not shared:
            return self._bag_count(cursor, query, groups)
        if not query.terms and not shared:
            cursor.execute("SELECT count(*) FROM search_document WHERE " + where, params)  # noqa: S608
            return cursor.fetchone()[0]
        columns, column_params = ["(SELECT count(*) FROM m)"], []
        if query.terms:
            columns.append("(SELECT (array_agg(id ORDER BY id DESC))[1:%s] FROM m)")
            column_params.append(RANK_CANDIDATES)
        for field in shared:
            columns.append(self._FACET_OF_MATCHES)
            column_params.append(field)
        # The matches' attributes are carried only when a facet needs them (52,000
        # matches' JSON spilled the CTE to disk).
        carried = "id, attributes" if shared else "id"
        cursor.execute(
            "WITH m AS MATERIALIZED (SELECT " + carried + " FROM search_document WHERE " + where + ") "  # noqa: S608
            "SELECT " + ", ".join(columns),
            [*params, *column_params],
        )
        row = list(cursor.fetchone())
        total = row.pop(0)
        if query.terms:
            self._candidates = (query, row.pop(0) or [])
        self._facets = (query, {field: {str(k): int(v) for k, v in (counts or {}).items()}
                                for field, counts in zip(shared, row, strict=True)})
        return total

    def _bag_groups(self, query: PreparedQuery) -> list[_BagGroup] | None:
        """The query as an AND of groups for the bag, or None when it cannot be counted
        there (no words and no filters, a range, a one-character prefix). A group is a
        filter's values or a word with its synonyms: the single tokens, any OR of which
        matches, and the phrases (會計 → 帳務人員), whose tokens the bag can only require
        all present (a superset), so a row that matches a group by a phrase alone is
        checked against the tsvector (`tsquery`)."""
        if query.ranges or not (query.terms or query.tags):
            return None
        groups = [_BagGroup(singles=tuple(group), phrases=(), tsquery="") for group in query.tags]
        for term in query.terms:
            singles, phrases = [], []
            for alternative in term:
                if any(phrase.prefix for phrase in alternative):
                    return None
                tokens = [token for phrase in alternative for token in phrase.tokens]
                if len(tokens) == 1:
                    singles.append(tokens[0])
                else:
                    phrases.append(tuple(dict.fromkeys(tokens)))
            groups.append(_BagGroup(singles=tuple(singles), phrases=tuple(phrases),
                                    tsquery=self._term_query(term) if phrases else ""))
        return groups

    def _bag_count(self, cursor, query: PreparedQuery, groups: list[_BagGroup]) -> int:
        """Count in the bag, and keep the RANK_CANDIDATES newest ids for `page` (one pass).
        The words become ids in the same statement; a word no row has leaves its array
        NULL, and `tokens && NULL` matches nothing, as it should."""
        arrays, array_params, conditions, condition_params = [], [], [], []
        for number, group in enumerate(groups):
            # Only column aliases numbered here and fixed fragments reach the SQL text.
            single = f"b.tokens && (SELECT s{number} FROM q)"  # noqa: S608
            arrays.append(f"array_agg(id) FILTER (WHERE token = ANY(%s)) AS s{number}")
            array_params.append(list(group.singles))
            matches = [single]
            for index, phrase in enumerate(group.phrases):
                # All of a phrase's tokens or none: with one missing no row has the
                # phrase, and the rest alone would select rows by the thousand to check.
                arrays.append(f"CASE WHEN count(*) FILTER (WHERE token = ANY(%s)) = %s "
                              f"THEN array_agg(id) FILTER (WHERE token = ANY(%s)) END AS p{number}_{index}")
                array_params += [list(phrase), len(phrase), list(phrase)]
                matches.append(f"b.tokens @> (SELECT p{number}_{index} FROM q)")  # noqa: S608
            conditions.append("(" + " OR ".join(matches) + ")")
            if group.phrases:
                conditions.append("(" + single + " OR EXISTS (SELECT 1 FROM search_document d "  # noqa: S608
                                  "WHERE d.id = b.id AND d.tokens @@ %s::tsquery))")
                condition_params.append(group.tsquery)
        words = sorted({token for group in groups for token in (*group.singles, *(t for p in group.phrases for t in p))})
        cursor.execute(
            "WITH q AS (SELECT " + ", ".join(arrays) + " FROM search_token WHERE token = ANY(%s)) "  # noqa: S608
            "SELECT count(*), (array_agg(b.id ORDER BY b.id DESC))[1:%s] FROM search_bag b "
            "WHERE b.kind = %s AND " + " AND ".join(conditions),
            [*array_params, words, RANK_CANDIDATES, query.kind, *condition_params],
        )
        total, candidates = cursor.fetchone()
        if query.terms:
            self._candidates = (query, candidates or [])
        return total

    def page(self, cursor, query: PreparedQuery, sort: str, limit: int, offset: int) -> list[int]:
        where, params = self._where(query)
        if sort == "relevance" and query.terms:
            return self._relevance_page(cursor, query, where, params, limit, offset)
        if sort == "relevance":
            order, order_params = "id DESC", []
        else:
            key, descending = sort.removeprefix("-"), sort.startswith("-")
            direction = "DESC" if descending else "ASC"
            order = f"(attributes -> %s) IS NULL, attributes -> %s {direction}, id {direction}"
            order_params = [key, key]
        cursor.execute(
            "SELECT object_id FROM search_document WHERE " + where + " ORDER BY " + order + " LIMIT %s OFFSET %s",  # noqa: S608
            [*params, *order_params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]

    _candidates: tuple[PreparedQuery, list[int]] | None = None

    def _relevance_page(self, cursor, query: PreparedQuery, where: str, params: list, limit: int, offset: int):
        """The same order as SqliteBackend._relevance_page: ts_rank over the
        RANK_CANDIDATES newest matches (highest id: ids only grow, and a re-indexed
        record keeps its id on both backends), ties newest first, then the older
        matches newest first. ts_rank reads every position of a row's tsvector, so
        ranking all of a common word's 18,000 matches cost more than the target alone.
        The candidates come from `count` when it ran for this query (one pass over the
        matches), else from a query of their own."""
        ids: list[int] = []
        cap = RANK_CANDIDATES
        if offset < cap:
            if self._candidates is not None and self._candidates[0] == query:
                candidates = self._candidates[1]
            else:
                cursor.execute(
                    "SELECT id FROM search_document WHERE " + where + " ORDER BY id DESC LIMIT %s",  # noqa: S608
                    [*params, cap],
                )
                candidates = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                "SELECT object_id FROM search_document WHERE id = ANY(%s) "  # noqa: S608
                f"ORDER BY ts_rank('{self.RANK_WEIGHTS}', tokens, %s::tsquery) DESC, id DESC LIMIT %s OFFSET %s",
                [candidates, self.text_query(query), min(limit, cap - offset), offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        if offset + limit > cap:
            cursor.execute(
                "SELECT object_id FROM search_document WHERE " + where + " ORDER BY id DESC LIMIT %s OFFSET %s",  # noqa: S608
                [*params, limit - len(ids), max(offset, cap)],
            )
            ids += [row[0] for row in cursor.fetchall()]
        return ids

    _facets: tuple[PreparedQuery, dict[str, dict[str, int]]] | None = None

    def facet(self, cursor, query: PreparedQuery, field: str, values: list | None = None) -> dict[str, int]:
        if self._facets is not None and self._facets[0] == query and field in self._facets[1]:
            return self._facets[1][field]  # counted in `count`'s pass
        # One grouped pass over the matches by the field's stored JSON value (a few dozen
        # distinct values), then lists are expanded once per distinct value, not per row:
        # a set-returning function per match tripled the cost of the pass.
        where, params = self._where(query, skip=field)
        cursor.execute(
            "SELECT value, sum(n)::bigint FROM (SELECT attributes -> %s AS v, count(*) AS n "  # noqa: S608
            "FROM search_document WHERE " + where + " GROUP BY 1) g, jsonb_array_elements_text("
            "CASE jsonb_typeof(v) WHEN 'array' THEN v ELSE jsonb_build_array(v) END) value GROUP BY value",
            [field, *params],
        )
        return {str(value): count for value, count in cursor.fetchall() if value is not None}


def backend_for(vendor: str):
    if vendor == "sqlite":
        return SqliteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"No search index for database vendor {vendor!r}.")
