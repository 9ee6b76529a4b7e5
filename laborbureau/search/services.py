"""Writes to the search index. The caller owns the record; the index only mirrors it.

Call `index_upsert` in the same transaction as the change to the record (so the index
never shows a record that was rolled back) and `index_delete` when the record leaves
search (withdrawn, expired, filled). `index_rebuild` reloads a whole kind in bulk.
"""

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from laborbureau.search.backends import PreparedDocument, attribute_value, backend_for, partition_prefix, tag
from laborbureau.search.models import Document, IndexState
from laborbureau.search.text import GROUP_TOKENS, group_tokens, index_tokens

NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_TEXT_CHARS = 20_000  # beyond this a text is indexed truncated


@dataclass(frozen=True)
class IndexRow:
    """One record for `index_rebuild`; the same arguments as `index_upsert`."""

    object_id: int
    text: str
    filters: dict = field(default_factory=dict)
    sort_keys: dict = field(default_factory=dict)
    title: str = ""


def check_name(name: str, what: str) -> None:
    # Kinds and field names come from code, never from users: a bad one is a bug.
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError(f"Invalid search {what} name {name!r} (lower-case letters, digits, _).")


def _filter_values(name: str, value) -> list[str | int]:
    values = value if isinstance(value, list | tuple) else [value]
    for item in values:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise ValueError(f"Filter {name!r}: values are str, int or a list of them, not {item!r}.")
    return list(dict.fromkeys(values))


def prepare(row: IndexRow, partition: str = "") -> PreparedDocument:
    """The row as the backends write it. `partition`: a filter field of the row with one
    value (the kind's partition, see `index_upsert`)."""
    if isinstance(row.object_id, bool) or not isinstance(row.object_id, int):
        raise ValueError(f"object_id must be an int, not {row.object_id!r}.")
    attributes: dict = {}
    tags: list[str] = []
    for name, value in row.filters.items():
        check_name(name, "filter")
        values = _filter_values(name, value)
        attributes[name] = values if isinstance(value, list | tuple) else values[0]
        tags.extend(tag(name, item) for item in values)
    for name, value in row.sort_keys.items():
        check_name(name, "sort key")
        if name in attributes:
            raise ValueError(f"{name!r} is both a filter and a sort key.")
        if isinstance(value, bool | datetime) or not isinstance(value, int | date):
            raise ValueError(f"Sort key {name!r}: an int or a date, not {value!r}.")
        attributes[name] = attribute_value(value)
    prefix = ""
    if partition:
        value = row.filters.get(partition)
        if isinstance(value, list | tuple) or value in (None, ""):
            raise ValueError(f"The partition field {partition!r} needs one value, not {value!r}.")
        prefix = partition_prefix(value)
    title_tokens = index_tokens(row.title[:MAX_TEXT_CHARS])
    body_tokens = index_tokens(row.text[:MAX_TEXT_CHARS])
    # Each column's group tokens go at its end: no phrase of real tokens runs across them.
    return PreparedDocument(
        object_id=row.object_id,
        title_tokens=title_tokens + group_tokens(title_tokens),
        body_tokens=body_tokens + group_tokens(body_tokens),
        tags=tags,
        attributes=attributes,
        partition=prefix,
    )


def index_upsert(
    kind: str,
    object_id: int,
    text: str,
    filters: dict[str, str | int | list] | None = None,
    sort_keys: dict[str, int | date] | None = None,
    *,
    title: str = "",
    partition: str = "",
) -> None:
    """Index (or re-index) one record of `kind`: its text (and an optional title, which
    weighs more in ranking), filter values and sort keys. Replaces what was indexed.
    `partition`: a filter that takes one value per record and that searches often
    filter on (the job bank's district): the record's words are indexed a second time
    for that value, so a search filtered on it reads only that value's rows (SQLite).
    Give every upsert and rebuild of a kind the same partition."""
    check_name(kind, "kind")
    if partition:
        check_name(partition, "filter")
    document = prepare(IndexRow(object_id, text, filters or {}, sort_keys or {}, title), partition)
    with transaction.atomic():
        if not IndexState.objects.filter(kind=kind).exists() and not Document.objects.filter(kind=kind).exists():
            _built_with(kind, partition)  # the kind's first row: every row has the groups and partition
        with connection.cursor() as cursor:
            backend_for(connection.vendor).upsert(cursor, kind, document)


def index_delete(kind: str, object_id: int) -> None:
    """Remove one record of `kind` from the index (nothing happens if it is not there)."""
    check_name(kind, "kind")
    with transaction.atomic(), connection.cursor() as cursor:
        backend_for(connection.vendor).delete(cursor, kind, object_id)


def index_rebuild(kind: str, rows: Iterable[IndexRow | tuple], *, cluster_by: str | None = None,
                  partition: str = "") -> int:
    """Replace every indexed record of `kind` with `rows` in one transaction; returns the count.

    Rows are `IndexRow`s or tuples (object_id, text, filters, sort_keys[, title]); they
    are consumed as a stream, so a generator over a queryset's `.iterator()` keeps
    memory flat. `cluster_by`: a filter field by which PostgreSQL stores the rows
    together, for kinds of many rows whose words go with that field (see
    `PostgresBackend.recluster`); ids still follow the order of `rows`. `partition`: as
    for `index_upsert`.
    """
    check_name(kind, "kind")
    for name in (cluster_by, partition):
        if name:
            check_name(name, "filter")
    documents = (prepare(row if isinstance(row, IndexRow) else IndexRow(*row), partition) for row in rows)
    with transaction.atomic():
        with connection.cursor() as cursor:
            count = backend_for(connection.vendor).rebuild(cursor, kind, documents, cluster_by=cluster_by)
        _built_with(kind, partition)
        return count


def _built_with(kind: str, partition: str) -> None:
    IndexState.objects.update_or_create(
        kind=kind, defaults={"synonym_groups": sorted(GROUP_TOKENS), "partition": partition,
                             "built_at": timezone.now()}
    )
    index_state_forget()


@dataclass(frozen=True)
class BuiltWith:
    groups: frozenset[str]  # the synonym groups whose tokens every row of the kind carries
    partition: str  # the filter field whose partition tokens every row carries, or ""


# A search reads the state of its kind's index from here rather than from the table:
# it changes only when a kind is rebuilt, and the query would be a fifth of a search's
# time budget on SQLite. Another process's rebuild is seen within STATE_SECONDS; until
# then searches use what this process read, which stays right after a rebuild by the
# same code (it only adds groups and partition tokens; before they are seen a search
# expands the words and filters by tag, as for an older index).
STATE_SECONDS = 30.0
_states: dict[str, tuple[float, BuiltWith]] = {}


def index_state(kind: str) -> BuiltWith:
    """What the kind's index was built with (`IndexState`); nothing for a kind indexed
    before group tokens, or never."""
    cached = _states.get(kind)
    if cached is not None and time.monotonic() - cached[0] < STATE_SECONDS:
        return cached[1]
    row = IndexState.objects.filter(kind=kind).values_list("synonym_groups", "partition").first()
    state = BuiltWith(frozenset(row[0] or ()), row[1]) if row else BuiltWith(frozenset(), "")
    _states[kind] = (time.monotonic(), state)
    return state


def index_state_forget() -> None:
    """Read the index states afresh at the next search (after a rebuild; between tests)."""
    _states.clear()


def indexed_groups(kind: str) -> frozenset[str]:
    """The synonym groups whose tokens every row of the kind carries (`IndexState`), as
    the table says now (not the searches' cached view)."""
    state = IndexState.objects.filter(kind=kind).values_list("synonym_groups", flat=True).first()
    return frozenset(state or ())


def index_current(kind: str, *, partition: str = "") -> bool:
    """Whether the kind's index holds every synonym group of the code and the partition
    tokens of `partition`: if not (a group was edited or added, or the partition changed
    since the last rebuild), the kind wants `index_rebuild`; searches stay right
    meanwhile, expanding those groups at query time and filtering by tag."""
    state = IndexState.objects.filter(kind=kind).values_list("synonym_groups", "partition").first()
    return state is not None and GROUP_TOKENS <= frozenset(state[0] or ()) and state[1] == partition


def index_synonyms_current(kind: str) -> bool:
    """Whether every synonym group of the code is in the kind's index (see `index_current`)."""
    return GROUP_TOKENS <= indexed_groups(kind)


def index_recluster(kind: str, cluster_by: str) -> None:
    """PostgreSQL: store the kind's rows in the order of `cluster_by` again (rows indexed
    since the last rebuild sit at the end of the table). Nothing on SQLite. Takes the
    kind's rows' locks for its duration (seconds at 200,000 rows): run it at night."""
    check_name(kind, "kind")
    check_name(cluster_by, "filter")
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        backend_for(connection.vendor).recluster(cursor, kind, cluster_by)
