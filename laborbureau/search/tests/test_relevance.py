"""Relevance on the judged queries (judged_queries.json) over the synthetic corpus
(corpus.json, written by corpus.py from labels, so the judgments do not come from the
search itself)."""

import json
from pathlib import Path

import pytest

from laborbureau.search.relevance import ndcg_at_k, recall_at_k
from laborbureau.search.selectors import search
from laborbureau.search.services import IndexRow, index_rebuild

HERE = Path(__file__).resolve().parent
NDCG_FLOOR = 0.93  # measured 0.963 (SQLite, bm25) and 0.964 (PostgreSQL, ts_rank)
RECALL_FLOOR = 0.95  # measured 0.969 on both: night shifts written as hours (22:00-06:00) and ads without a city miss


def test_ndcg_and_recall_by_hand():
    grades = {1: 2, 2: 1, 3: 2}
    assert ndcg_at_k([1, 3, 2], grades) == pytest.approx(1.0)
    assert ndcg_at_k([9, 8], grades) == 0.0
    assert ndcg_at_k([2, 1, 3], grades) < ndcg_at_k([1, 2, 3], grades) < 1.0
    assert recall_at_k([1, 9], grades) == 0.5  # grade-2 documents only
    assert (
        recall_at_k(list(range(100)), {n: 2 for n in range(50)}) == 1.0
    )  # 20 of 50 found in the first 20: capped at k


@pytest.mark.django_db
def test_judged_queries_reach_the_floors():
    corpus = json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))
    judged = json.loads((HERE / "judged_queries.json").read_text(encoding="utf-8"))
    index_rebuild(
        "vacancy",
        (IndexRow(ad["id"], ad["text"], {"district": ad["labels"]["district"]}, title=ad["title"]) for ad in corpus),
    )
    rows = []
    for query in judged:
        grades = {int(doc): grade for doc, grade in query["relevant"].items()}
        ranked = search("vacancy", query["q"], page_size=20).ids
        rows.append((query["q"], ndcg_at_k(ranked, grades, 10), recall_at_k(ranked, grades, 20)))
    ndcg = sum(row[1] for row in rows) / len(rows)
    recall = sum(row[2] for row in rows) / len(rows)
    print(f"\n{len(rows)} judged queries over {len(corpus)} ads: nDCG@10 {ndcg:.3f}, recall@20 {recall:.3f}")
    for q, query_ndcg, query_recall in sorted(rows, key=lambda row: row[1])[:8]:
        print(f"  {q:<10} nDCG@10 {query_ndcg:.3f}  recall@20 {query_recall:.3f}")
    assert ndcg >= NDCG_FLOOR
    assert recall >= RECALL_FLOOR
