"""The labelled set of job ads (data/screening_labelled.json) and its evaluation, shared
by the test and bench/screening.py."""

import json
from pathlib import Path

from laborbureau.employment import screening

PATH = Path(__file__).resolve().parent / "data" / "screening_labelled.json"
# Written blind (by someone who had not seen the scorer) to measure it honestly; see its
# "about" for the figures measured before the rules were widened for its misses.
HOLDOUT_PATH = Path(__file__).resolve().parent / "data" / "screening_holdout.json"
HOLDOUT2_PATH = Path(__file__).resolve().parent / "data" / "screening_holdout2.json"


def load_labelled(path: Path = PATH) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["ads"]


def facts(ad: dict) -> tuple[screening.AdFacts, screening.EmployerFacts]:
    return (
        screening.AdFacts(title=ad["title"], description=ad["description"], occupation_code=ad["occupation"],
                          pay_unit=ad["pay_unit"], pay_min=ad["pay_min"], pay_max=ad["pay_max"],
                          requirements=ad["requirements"], hours_note=ad["hours_note"], address=ad["address"]),
        screening.EmployerFacts(**ad["employer"]),
    )


def score_labelled(ads: list[dict]) -> list[screening.ScreeningDecision]:
    return [screening.score_ad(*facts(ad)) for ad in ads]


def evaluate(ads: list[dict]) -> dict:
    decisions = score_labelled(ads)
    tp = fp = fn = tn = 0
    signals = {code: {"scam": 0, "legit": 0, "decisive": 0} for code in screening.SIGNAL_CODES}
    by_kind: dict[str, list[int]] = {}
    errors = []
    for ad, decision in zip(ads, decisions, strict=True):
        held = decision.decision == screening.REVIEW
        scam = ad["label"] == "scam"
        tp += held and scam
        fp += held and not scam
        fn += scam and not held
        tn += not scam and not held
        if held != scam:
            errors.append((ad, decision))
        kind = by_kind.setdefault(ad["kind"], [0, 0])
        kind[0] += held
        kind[1] += 1
        for fired in decision.signals:
            signals[fired.code]["scam" if scam else "legit"] += 1
            if scam and held and decision.score - fired.weight < decision.threshold:
                signals[fired.code]["decisive"] += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "f1": f1,
            "positives": tp + fn, "negatives": fp + tn, "signals": signals,
            "by_kind": {k: tuple(v) for k, v in by_kind.items()}, "errors": errors}
