#!/usr/bin/env python
"""Benchmarks of the foundation, each printed as a ratio against a baseline measured in
the same run on the same database (so the figures travel between machines).

    make bench                       # SQLite under var/bench/
    DATABASE_URL=postgres://... make bench
    .venv/bin/python bench/run.py --scale 10 --repeat 200

1. access-log append (hash chain, row-locked head) vs a plain one-row insert
2. a workflow transition (lock, checks, effect, timeline, outbox) vs a bare UPDATE of status
3. the staff inbox page and the cases API list vs the public home page (same client)
4. a 60-day statutory deadline on the official calendar vs plain date arithmetic
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laborbureau.config.settings")
os.environ.setdefault("LB_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("LOG_LEVEL", "ERROR")


def timed(function, repeat: int) -> float:
    """Median seconds per call over `repeat` calls (after one warm-up)."""
    function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(name: str, subject: float, baseline: float, baseline_name: str) -> None:
    print(f"{name:<46} {subject * 1e3:9.3f} ms   {baseline_name:<28} {baseline * 1e3:9.3f} ms   ratio {subject / baseline:6.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale=args.scale, verbosity=0)

    from datetime import date, timedelta

    from django.test import Client

    from laborbureau.cases import services as case_services
    from laborbureau.cases.models import Case
    from laborbureau.core.models import LoginAttempt, User
    from laborbureau.core.services import access_log_record
    from laborbureau.rules import working_days

    officer = User.objects.get(username="ls_officer")
    print(f"database: {django.db.connection.vendor}; scale {args.scale}; "
          f"{Case.objects.count()} cases; median of {args.repeat} runs\n")

    chained = timed(lambda: access_log_record(user=officer, action="view", object_type="person", object_id=1,
                                              purpose="benchmark"), args.repeat)
    plain = timed(lambda: LoginAttempt.objects.create(username="bench", ip="127.0.0.1", succeeded=True), args.repeat)
    report("1. access-log append (hash chain)", chained, plain, "plain insert")

    # Fresh complaints for the transition benchmark, so every run measures the same step.
    from laborbureau.core.services import EmployerInput
    from laborbureau.relations import services as relations_services

    worker = User.objects.get(username="citizen")
    submitted = [
        relations_services.complaint_file(
            data=relations_services.ComplaintInput(
                employer=EmployerInput(name=f"基準測試商行{index}"), categories=["OVERTIME_PAY"],
                description="benchmark", still_employed=True,
            ),
            actor=worker,
        ).case.pk
        for index in range(args.repeat + 1)
    ]
    pool = iter(submitted)

    def transition():
        case_services.case_transition(case=Case.objects.get(pk=next(pool)), name="accept", actor=officer)

    def bare_update():
        Case.objects.filter(pk=submitted[0]).update(status="SUBMITTED")

    report("2. workflow transition 'accept'", timed(transition, args.repeat), timed(bare_update, args.repeat),
           "bare UPDATE of status")

    client = Client()
    client.force_login(officer)

    def get(path):
        def fetch():
            response = client.get(path)
            if response.status_code != 200:  # timing an error page would measure nothing
                raise SystemExit(f"{path} answered {response.status_code}")
        return fetch

    home = timed(get("/"), args.repeat)
    inbox = timed(get("/staff/"), args.repeat)
    api = timed(get("/api/v1/cases?limit=50"), args.repeat)
    report("3a. staff inbox page", inbox, home, "public home page")
    report("3b. GET /api/v1/cases (50 per page)", api, home, "public home page")

    start = date(2026, 1, 20)
    statutory = timed(lambda: working_days.deadline(start, 60, "calendar"), args.repeat * 10)
    naive = timed(lambda: start + timedelta(days=60), args.repeat * 10)
    report("4. 60-day deadline on the official calendar", statutory, naive, "date + timedelta")


if __name__ == "__main__":
    main()
