#!/usr/bin/env python
"""The scam screening (laborbureau.employment.screening) on the labelled set of job ads.

    .venv/bin/python bench/screening.py            # precision, recall, F1, confusion, per signal, timing
    .venv/bin/python bench/screening.py --errors   # also list the ads it gets wrong

The labelled set (laborbureau/employment/tests/data/screening_labelled.json) holds
hand-written realistic Taipei job ads: scams and unlawful ads of every kind the screening
looks for, and legitimate ads that look alike (day-labour pay, genuinely high pay, an ID
copy for insurance after hiring, a lawful single-sex requirement …). A positive is an ad
the screening holds for review. Scoring uses the pure scorer with the shipped reference pay
table (no database), so the figures are the same on every machine.
Targets (issue): recall >= 0.9 at precision >= 0.85.

Caveat: the same person wrote the rules and the ads, so the figures on the set are
optimistic. The last 24 ads (batch "holdout") were written after the rules were first set
and scored before any change: precision 0.91, recall 0.83 (3 errors: a 工本費 deducted from
pay, "每天賺3000", a lawful 女湯 requirement). The rules were then fixed for those gaps, so
that batch is no longer held out either; the officers' decisions on real ads
(`reviews.screening_quality`) are the measure that counts.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laborbureau.config.settings")
os.environ.setdefault("LB_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("LOG_LEVEL", "ERROR")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the misclassified ads")
    parser.add_argument("--repeat", type=int, default=20, help="timing: passes over the set")
    parser.add_argument("--set", choices=["labelled", "holdout", "holdout2"], default="labelled",
                        help="labelled: written with the rules; holdout: written blind (see its 'about'); "
                        "holdout2: a second blind set (see its 'about')")
    args = parser.parse_args()

    import django

    django.setup()
    from laborbureau.employment import screening
    from laborbureau.employment.tests import labelled
    from laborbureau.employment.tests.labelled import evaluate, load_labelled, score_labelled

    path = {"labelled": labelled.PATH, "holdout": labelled.HOLDOUT_PATH,
            "holdout2": labelled.HOLDOUT2_PATH}[args.set]
    ads = load_labelled(path)
    print(f"set: {path.name}")
    result = evaluate(ads)
    print(f"labelled ads: {len(ads)} ({result['positives']} scams or unlawful, {result['negatives']} legitimate)")
    print(f"threshold {screening.THRESHOLD:g}")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}   "
          "(targets: recall >= 0.9 at precision >= 0.85)")
    print(f"confusion: TP {result['tp']}  FP {result['fp']}  FN {result['fn']}  TN {result['tn']}")
    print()
    print("per signal: fired on scams / on legitimate ads; held scams that it alone decided "
          "(the score would fall below the threshold without it)")
    print(f"{'signal':28} {'weight':>6} {'scam':>5} {'legit':>6} {'decisive':>9}")
    for signal in screening.SIGNALS:
        row = result["signals"][signal.code]
        print(f"{signal.code:28} {signal.weight:>6.1f} {row['scam']:>5} {row['legit']:>6} {row['decisive']:>9}")
    print()
    holdout = [ad for ad in ads if ad.get("batch") == "holdout"]
    if holdout:
        part = evaluate(holdout)
        print(f"of which the last batch ({len(holdout)} ads written after the rules were first set; see the "
              "docstring): "
              f"precision {part['precision']:.3f} recall {part['recall']:.3f} "
              f"(TP {part['tp']} FP {part['fp']} FN {part['fn']} TN {part['tn']})")
        print()
    by_kind = result["by_kind"]
    print("by kind (held / total):", ", ".join(f"{kind} {held}/{total}" for kind, (held, total) in by_kind.items()))
    if args.errors:
        print()
        for ad, decision in result["errors"]:
            codes = ",".join(s.code for s in decision.signals) or "-"
            print(f"  #{ad['id']} [{ad['label']}/{ad['kind']}] score {decision.score:g} {codes}: {ad['title']}")
    start = time.perf_counter()
    for _ in range(args.repeat):
        score_labelled(ads)
    elapsed = (time.perf_counter() - start) / (args.repeat * len(ads))
    print()
    print(f"time to score one ad (pure scorer, no database): {elapsed * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
