"""Relevance measures for judged queries (pure functions).

Judgments are graded: 2 = what the person wants, 1 = near it, absent = not relevant.
"""

import math
from collections.abc import Mapping, Sequence


def ndcg_at_k(ranked_ids: Sequence[int], grades: Mapping[int, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain of the first k results (gain 2^grade - 1)."""
    dcg = sum((2 ** grades.get(doc, 0) - 1) / math.log2(rank + 2) for rank, doc in enumerate(ranked_ids[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(ideal))
    return dcg / idcg if idcg else 1.0


def recall_at_k(ranked_ids: Sequence[int], grades: Mapping[int, int], k: int = 20, min_grade: int = 2) -> float:
    """Share of the fully relevant documents (grade >= min_grade) in the first k results,
    out of at most k (a query with more relevant documents than k can still reach 1)."""
    relevant = {doc for doc, grade in grades.items() if grade >= min_grade}
    if not relevant:
        return 1.0
    return len(relevant & set(ranked_ids[:k])) / min(len(relevant), k)
