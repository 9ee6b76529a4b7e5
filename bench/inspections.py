#!/usr/bin/env python
"""Benchmark of the labor inspections at the issue's size (200,000 inspections), each
figure beside a naive baseline measured in the same run:

- an employer's inspection history (inspections.selectors.employer_history: the 50
  newest with their case and site, the stop-work orders, the totals: 3 queries) vs a
  first version that reads every inspection of the employer and then its case and site
  one by one;
- the employer page (/staff/employers/<id>/, the foundation's page with every program's
  panel) over HTTP, with its query count;
- the inspector's worklist (selectors.worklist: one indexed query) vs walking the
  inspector's open cases and loading each case's inspection;
- the list endpoint GET /api/v1/inspections?mine=true.

The data: `--inspections N` (default 200,000) through the demo's bulk path
(laborbureau/inspection/inspections/demo.py) on 20,000 employers, in its own database
(var/bench-inspections; or DATABASE_URL). Seeding once takes a few minutes.

    .venv/bin/python bench/inspections.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lb_insp_bench .venv/bin/python bench/inspections.py
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laborbureau.config.settings")
os.environ.setdefault("LB_VAR_DIR", str(ROOT / "var" / "bench-inspections"))
os.environ.setdefault("LOG_LEVEL", "ERROR")


def timed(function, repeat: int) -> tuple[float, float, int]:
    """(p50, p95) in ms and the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()
    connection.queries_log.clear()  # the seeding filled the bounded log; counts come from its growth
    with CaptureQueriesContext(connection) as context:
        function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))], len(context.captured_queries)


def report(label: str, ours, naive=None) -> None:
    line = f"{label:<44} {ours[0]:8.2f} ms p50 {ours[1]:8.2f} ms p95 {ours[2]:4d} queries"
    if naive:
        line += f" | naive {naive[0]:9.2f} ms p50 {naive[2]:5d} queries | x{naive[0] / max(ours[0], 1e-6):.1f}"
    print(line)


def seed(target: int) -> None:
    from django.core.management import call_command

    from laborbureau.core.models import Employer, User, UserKind
    from laborbureau.demo import parties
    from laborbureau.inspection.inspections import demo
    from laborbureau.inspection.inspections.models import Inspection

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="lio_inspector").exists():
        call_command("seed_demo", scale=1, verbosity=0)
    rng = random.Random(7)
    have = Employer.objects.count()
    if have < 20_000:
        parties.make_employers(rng, 20_000 - have, start_prefix=5_000_000 + have * 11)
    missing = target - Inspection.objects.count()
    if missing > 0:
        started = time.perf_counter()
        staff = {user.username: user for user in User.objects.filter(kind=UserKind.STAFF)}
        demo._bulk(rng, missing, staff)
        print(f"seeded {missing} inspections in {time.perf_counter() - started:.0f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inspections", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    import django

    django.setup()
    seed(args.inspections)

    from django.db.models import Count
    from django.test import Client

    from laborbureau.cases.models import Case
    from laborbureau.core.models import User
    from laborbureau.core.services import api_token_create
    from laborbureau.inspection.inspections import selectors
    from laborbureau.inspection.inspections.models import Inspection

    inspector = User.objects.get(username="lio_inspector")
    total = Inspection.objects.count()
    busiest = (Inspection.objects.values("employer_id").annotate(n=Count("pk")).order_by("-n").first())
    employer_id, history_size = busiest["employer_id"], busiest["n"]
    open_count = Inspection.objects.filter(inspector=inspector, status__in=selectors.WORKLIST_STATUSES).count()
    print(f"{total} inspections; busiest employer has {history_size}; lio_inspector has {open_count} open")

    def naive_history():
        rows = list(Inspection.objects.filter(employer_id=employer_id).order_by("-created_at"))
        shown = [(row.case.number, row.establishment.name, row.status) for row in rows][:50]
        return shown, len(rows), sum(1 for row in rows if row.violations)

    report("employer history (selector)", timed(lambda: selectors.employer_history(inspector, employer_id), args.repeat),
           timed(naive_history, max(3, args.repeat // 5)))

    client = Client()
    client.force_login(inspector)
    url = f"/staff/employers/{employer_id}/?purpose=bench"
    assert client.get(url).status_code == 200
    report("employer page over HTTP (all panels)", timed(lambda: client.get(url), args.repeat))

    def naive_worklist():
        cases = Case.objects.filter(assignee=inspector, closed_at__isnull=True, case_type="labor_inspection")
        rows = [case.inspection for case in cases]
        rows = [row for row in rows if row.status in selectors.WORKLIST_STATUSES]
        rows.sort(key=lambda row: (row.scheduled_for, row.pk))
        return [(row.case.number, row.establishment.name, row.employer.name) for row in rows[:200]]

    report("inspector worklist (selector, 200 rows)", timed(lambda: [(i.case.number, i.establishment.name, i.employer.name)
                                                                      for i in selectors.worklist(inspector)], args.repeat),
           timed(naive_worklist, 3))
    worklist_url = "/staff/inspections/"
    report("worklist page over HTTP", timed(lambda: client.get(worklist_url), args.repeat))
    _, key = api_token_create(user=inspector, name="bench")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    report("GET /api/v1/inspections?mine=true", timed(lambda: api.get("/api/v1/inspections?mine=true"), args.repeat))
    report("GET /api/v1/inspections (page 1 of all)", timed(lambda: api.get("/api/v1/inspections"), args.repeat))


if __name__ == "__main__":
    main()
