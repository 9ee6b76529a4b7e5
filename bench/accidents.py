#!/usr/bin/env python
"""Benchmark of the accident map's public data and of the alert delivery (issue 7).

    .venv/bin/python bench/accidents.py                    # SQLite under var/bench-accidents/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lb_acc_bench .venv/bin/python bench/accidents.py
    .venv/bin/python bench/accidents.py --accidents 50000 --repeat 30 --alerts 5

1. Seeds --accidents accident reports in bulk (cases and records, spread over 12 districts,
   24 months, every type and severity); a second run reuses them.
2. The public map's data (GET /api/v1/open-data/accidents/map), uncached (the cache is
   cleared before each call) and cached, all rows and filtered: p95 against the
   baseline measured in the same run, a per-row Python aggregation of the same figures
   (what a first version loading the rows would do). Target: under 200 ms. Also the
   public map page (HTML) itself, uncached and cached.
3. Alert delivery: a fatal report through the service with a running `db_worker` (the
   report's commit enqueues the delivery task), timed from the report's commit to the
   in-app outbox row SENT; baseline: the same with only `manage.py scheduler` running
   (delivery at its next 15-second round). Target: within 5 s.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laborbureau.config.settings")
os.environ.setdefault("LB_VAR_DIR", str(ROOT / "var" / "bench-accidents"))
os.environ.setdefault("LOG_LEVEL", "ERROR")


def p95(function, repeat: int, before=None) -> float:
    samples = []
    for _ in range(repeat + 2):
        if before:
            before()
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    samples = sorted(samples[2:])
    return samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def seed(count: int) -> None:
    """The demo's bulk history of closed accidents (inspection.accidents.demo.history), up to `count`."""
    from django.db import connection

    from laborbureau.inspection.accidents import demo
    from laborbureau.inspection.accidents.models import Accident

    have = Accident.objects.count()
    if have >= count:
        print(f"reusing {have} accidents")
        return
    made = demo.history(random.Random(7), count - have)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {made} accidents")


def baseline_map(filters) -> dict:
    """Per-row Python aggregation: load the rows, filter and count in Python."""
    from laborbureau.inspection.accidents.models import Accident

    per_district, per_cell = {}, {}
    for month, zip3, _section, _kind, severity, cell_x, cell_y in Accident.objects.values_list(
            "month", "district__zip3", "industry_section", "accident_type", "severity", "cell_x", "cell_y"):
        if filters.district and zip3 != filters.district or filters.severity and severity != filters.severity:
            continue
        if filters.month_from and month < filters.month_from:
            continue
        per_district[zip3] = per_district.get(zip3, 0) + 1
        per_cell[(cell_x, cell_y)] = per_cell.get((cell_x, cell_y), 0) + 1
    return {"districts": per_district, "cells": len(per_cell)}


def bench_map(repeat: int) -> None:
    from django.core.cache import cache
    from django.test import Client

    from laborbureau.inspection.accidents.selectors import MapFilters

    client = Client()
    cases = [("all rows", "", MapFilters()),
             ("district 104, fatal", "?district=104&severity=FATAL", MapFilters(district="104", severity="FATAL")),
             ("from 2026-01", "?month_from=2026-01", MapFilters(month_from=date(2026, 1, 1)))]
    print(f"{'public map data':32} {'endpoint uncached':>18} {'cached':>9} {'baseline':>10} {'ratio':>7}")
    for label, query, filters in cases:
        url = f"/api/v1/open-data/accidents/map{query}"
        assert client.get(url).status_code == 200
        uncached = p95(lambda url=url: client.get(url), repeat, before=cache.clear)
        cached = p95(lambda url=url: client.get(url), repeat)
        base = p95(lambda filters=filters: baseline_map(filters), max(3, repeat // 5))
        print(f"{label:32} {uncached * 1000:15.1f} ms {cached * 1000:6.1f} ms {base * 1000:7.1f} ms "
              f"{base / uncached:6.1f}x")
    # The public map page itself (HTML: the same figures drawn as SVG, and the table).
    url = "/accidents/map/"
    assert client.get(url).status_code == 200
    uncached = p95(lambda: client.get(url), repeat, before=cache.clear)
    cached = p95(lambda: client.get(url), repeat)
    base = p95(lambda: baseline_map(MapFilters()), max(3, repeat // 5))
    print(f"{'map page (HTML), all rows':32} {uncached * 1000:15.1f} ms {cached * 1000:6.1f} ms {base * 1000:7.1f} ms "
          f"{base / uncached:6.1f}x")


def bench_alerts(count: int) -> None:
    from django.utils import timezone

    from laborbureau.core.models import Role, Unit, User, UserKind
    from laborbureau.inspection.accidents import services
    from laborbureau.inspection.accidents.models import AccidentAlert, DutyShift

    unit = Unit.objects.get(code="LIO")
    supervisor, _ = User.objects.get_or_create(username="bench_supervisor", defaults=dict(
        kind=UserKind.STAFF, unit=unit, role=Role.CASE_OFFICER, email="bench@example.tw"))
    company, _ = User.objects.get_or_create(username="bench_company", defaults=dict(kind=UserKind.EMPLOYER))
    if company.employer_id is None:
        from laborbureau.core.models import Employer

        company.employer, _ = Employer.objects.get_or_create(name="基準測試營造有限公司")
        company.save()
    now = timezone.now()
    DutyShift.objects.get_or_create(user=supervisor, role="SUPERVISOR", defaults=dict(
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=1), created_by=supervisor))
    env = dict(os.environ, LOG_LEVEL="ERROR")

    def measure(command: list[str]) -> list[float]:
        process = subprocess.Popen([sys.executable, "manage.py", *command], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(4)  # let it start
            latencies = []
            for _ in range(count):
                accident = services.accident_report(data=services.AccidentInput(
                    occurred_at=timezone.now() - timedelta(minutes=5), accident_type="FALL", description="bench",
                    deaths=1, lat=25.033, lon=121.5654), actor=company)
                committed = time.perf_counter()
                deadline = committed + 40
                while time.perf_counter() < deadline:
                    if AccidentAlert.objects.filter(accident=accident, outbox__channel="in_app",
                                                    outbox__status="SENT").exists():
                        break
                    time.sleep(0.05)
                latencies.append(time.perf_counter() - committed)
            return latencies
        finally:
            process.terminate()
            process.wait(timeout=30)

    worker = measure(["db_worker", "--queue-name", "default"])
    scheduler = measure(["scheduler"])
    print(f"alert delivery (report commit -> in-app SENT), {count} reports:")
    print(f"  with db_worker:        max {max(worker):6.2f} s, median {sorted(worker)[len(worker) // 2]:6.2f} s")
    print(f"  baseline scheduler:    max {max(scheduler):6.2f} s, median {sorted(scheduler)[len(scheduler) // 2]:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accidents", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--alerts", type=int, default=5)
    args = parser.parse_args()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    print(f"database: {connection.vendor}")
    seed(args.accidents)
    bench_map(args.repeat)
    if args.alerts:
        bench_alerts(args.alerts)


if __name__ == "__main__":
    main()
