"""Reads from the search index: `search(kind, q, ...)` → ids in order, total, facets.

The index knows nothing of the records it points at: the caller loads the records by
id (in the order given) and applies its own access rules.
"""

import time
from dataclasses import dataclass, field
from datetime import date

from django.db import connection

from laborbureau.core.errors import ApplicationError
from laborbureau.search.backends import PreparedQuery, Range, attribute_value, backend_for, partition_prefix, tag
from laborbureau.search.services import NAME, check_name, index_state
from laborbureau.search.text import parse_query

MAX_PAGE_SIZE = 100
MAX_RESULT_WINDOW = 10_000  # deeper pages are refused: nobody reads them, and they cost
MAX_FILTER_VALUES = 50

__all__ = ["Range", "SearchResult", "search"]


@dataclass(frozen=True)
class SearchResult:
    ids: list[int]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    took_ms: float = 0.0


def _bad(message_zh: str, message_en: str, field_name: str) -> ApplicationError:
    return ApplicationError(message_zh, message_en, field=field_name)


def _prepare(kind: str, q: str, filters: dict) -> PreparedQuery:
    tags: list[tuple[str, ...]] = []
    ranges: list[tuple[str, int | None, int | None]] = []
    for name, value in filters.items():
        if not isinstance(name, str) or not NAME.match(name):
            raise _bad("篩選條件不存在。", f"Unknown filter {name!r}.", "filters")
        if isinstance(value, Range):
            bounds = [value.gte, value.lte]
            if any(b is not None and (isinstance(b, bool) or not isinstance(b, int | date)) for b in bounds):
                raise _bad("範圍條件須為整數或日期。", "A range takes integers or dates.", name)
            low = attribute_value(value.gte) if value.gte is not None else None
            high = attribute_value(value.lte) if value.lte is not None else None
            ranges.append((name, low, high))
            continue
        values = value if isinstance(value, list | tuple) else [value]
        if not values or len(values) > MAX_FILTER_VALUES:
            raise _bad("篩選值的數量不正確。", f"Give 1 to {MAX_FILTER_VALUES} values.", name)
        if any(isinstance(v, bool) or not isinstance(v, str | int) for v in values):
            raise _bad("篩選值格式不正確。", "Filter values are text or integers.", name)
        tags.append(tuple(tag(name, v) for v in dict.fromkeys(values)))
    built = index_state(kind)
    terms = parse_query(q or "", indexed_groups=built.groups) if q and q.strip() else ()
    local = None
    value = filters.get(built.partition) if built.partition else None
    one = value[0] if isinstance(value, list | tuple) and len(set(value)) == 1 else value
    if terms and isinstance(one, str | int) and not isinstance(one, bool):  # one value, not a list or a Range
        local = (built.partition, partition_prefix(one))
    return PreparedQuery(kind=kind, terms=terms, tags=tuple(tags), ranges=tuple(ranges), local=local)


def search(
    kind: str,
    q: str = "",
    *,
    filters: dict | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
    facets: list[str] | None = None,
    facet_values: dict[str, list] | None = None,
) -> SearchResult:
    """Search records of `kind` for the free text `q` (Chinese without spaces is fine).

    `filters`: field → value (equality), list (any of) or `Range(gte=, lte=)`.
    `sort`: "relevance" (bm25 / ts_rank; newest indexed first when `q` is empty), a sort
    key ascending ("posted") or descending ("-posted"). `facets`: fields whose value
    counts over the results are wanted; each ignores its own filter. Queries: one for
    the total, one for the page, one per facet (on PostgreSQL the facets of fields the
    query does not filter on are counted in the total's query). `facet_values`: for a
    facet field, the values it can take (a closed list such as the 12 districts); on
    SQLite those facets are then counted one tag at a time inside the index (about 1 ms
    each) instead of by reading every match's attributes (130 ms for 23,000 matches).
    """
    started = time.perf_counter()
    check_name(kind, "kind")
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise _bad("頁碼須為正整數。", "The page must be a positive integer.", "page")
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise _bad(f"每頁筆數須介於1至{MAX_PAGE_SIZE}。", f"The page size must be 1 to {MAX_PAGE_SIZE}.", "page_size")
    if page * page_size > MAX_RESULT_WINDOW:
        raise _bad(
            f"僅能瀏覽前{MAX_RESULT_WINDOW}筆結果，請縮小搜尋範圍。",
            f"Only the first {MAX_RESULT_WINDOW} results can be paged through; narrow the search.",
            "page",
        )
    if not isinstance(sort, str) or (sort != "relevance" and not NAME.match(sort.removeprefix("-"))):
        raise _bad("排序方式不正確。", "Unknown sort order.", "sort")
    for name in facets or []:
        if not isinstance(name, str) or not NAME.match(name):
            raise _bad("統計欄位不存在。", f"Unknown facet {name!r}.", "facets")
    for name, values in (facet_values or {}).items():
        if name not in (facets or []) or not isinstance(values, list | tuple) or not 1 <= len(values) <= 100 \
                or not all(isinstance(value, str | int) and not isinstance(value, bool) for value in values):
            raise _bad("統計欄位值不正確。", f"Bad facet values for {name!r}.", "facet_values")
    if not isinstance(q, str):
        raise _bad("搜尋文字格式不正確。", "The query must be text.", "q")
    query = _prepare(kind, q, filters or {})
    if q.strip() and not query.terms:
        # Only punctuation or symbols: nothing can match, and we do not list everything.
        return SearchResult(
            ids=[], total=0, facets={name: {} for name in facets or []}, took_ms=(time.perf_counter() - started) * 1e3
        )
    backend = backend_for(connection.vendor)
    with connection.cursor() as cursor:
        total = backend.count(cursor, query, facets=facets or [])
        offset = (page - 1) * page_size
        ids = backend.page(cursor, query, sort, page_size, offset) if offset < total else []
        facet_counts = {name: backend.facet(cursor, query, name, values=(facet_values or {}).get(name))
                        for name in facets or []}
    return SearchResult(ids=ids, total=total, facets=facet_counts, took_ms=(time.perf_counter() - started) * 1e3)
