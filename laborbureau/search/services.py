"""Writes to the search index. The caller owns the record; the index only mirrors it.

Call `index_upsert` in the same transaction as the change to the record (so the index
never shows a record that was rolled back) and `index_delete` when the record leaves
search (withdrawn, expired, filled). `index_rebuild` reloads a whole kind in bulk.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from laborbureau.search.backends import PreparedDocument, attribute_value, backend_for, tag
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


def prepare(row: IndexRow) -> PreparedDocument:
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
    title_tokens = index_tokens(row.title[:MAX_TEXT_CHARS])
    body_tokens = index_tokens(row.text[:MAX_TEXT_CHARS])
    # Each column's group tokens go at its end: no phrase of real tokens runs across them.
    return PreparedDocument(
        object_id=row.object_id,
        title_tokens=title_tokens + group_tokens(title_tokens),
        body_tokens=body_tokens + group_tokens(body_tokens),
        tags=tags,
        attributes=attributes,
    )


def index_upsert(
    kind: str,
    object_id: int,
    text: str,
    filters: dict[str, str | int | list] | None = None,
    sort_keys: dict[str, int | date] | None = None,
    *,
    title: str = "",
) -> None:
    """Index (or re-index) one record of `kind`: its text (and an optional title, which
    weighs more in ranking), filter values and sort keys. Replaces what was indexed."""
    check_name(kind, "kind")
    document = prepare(IndexRow(object_id, text, filters or {}, sort_keys or {}, title))
    with transaction.atomic():
        if not IndexState.objects.filter(kind=kind).exists() and not Document.objects.filter(kind=kind).exists():
            _built_with_current_groups(kind)  # the kind's first row: every row has the groups
        with connection.cursor() as cursor:
            backend_for(connection.vendor).upsert(cursor, kind, document)


def index_delete(kind: str, object_id: int) -> None:
    """Remove one record of `kind` from the index (nothing happens if it is not there)."""
    check_name(kind, "kind")
    with transaction.atomic(), connection.cursor() as cursor:
        backend_for(connection.vendor).delete(cursor, kind, object_id)


def index_rebuild(kind: str, rows: Iterable[IndexRow | tuple], *, cluster_by: str | None = None) -> int:
    """Replace every indexed record of `kind` with `rows` in one transaction; returns the count.

    Rows are `IndexRow`s or tuples (object_id, text, filters, sort_keys[, title]); they
    are consumed as a stream, so a generator over a queryset's `.iterator()` keeps
    memory flat. `cluster_by`: a filter field by which PostgreSQL stores the rows
    together, for kinds of many rows whose words go with that field (see
    `PostgresBackend.recluster`); ids still follow the order of `rows`.
    """
    check_name(kind, "kind")
    if cluster_by is not None:
        check_name(cluster_by, "filter")
    documents = (prepare(row if isinstance(row, IndexRow) else IndexRow(*row)) for row in rows)
    with transaction.atomic():
        with connection.cursor() as cursor:
            count = backend_for(connection.vendor).rebuild(cursor, kind, documents, cluster_by=cluster_by)
        _built_with_current_groups(kind)
        return count


def _built_with_current_groups(kind: str) -> None:
    IndexState.objects.update_or_create(
        kind=kind, defaults={"synonym_groups": sorted(GROUP_TOKENS), "built_at": timezone.now()}
    )


def indexed_groups(kind: str) -> frozenset[str]:
    """The synonym groups whose tokens every row of the kind carries (`IndexState`); none
    for a kind indexed before group tokens, or never."""
    state = IndexState.objects.filter(kind=kind).values_list("synonym_groups", flat=True).first()
    return frozenset(state or ())


def index_synonyms_current(kind: str) -> bool:
    """Whether every synonym group of the code is in the kind's index: if not (a group
    was edited or added since the last rebuild), the kind wants `index_rebuild`;
    searches stay right meanwhile, expanding those groups at query time."""
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
