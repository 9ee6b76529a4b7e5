#!/usr/bin/env python
"""Benchmark of the job bank at city scale (issue 5), on the demo data of
`seed_demo --scale N` (300 vacancies and 300 job seekers per scale: 667 gives 200,100 of
each), each figure printed beside a plain baseline measured in the same run:

- portal search (total count + top 20) through employment.selectors.vacancy_search, with and
  without a district filter, vs the LIKE search a first version would use (icontains on the
  title and description of open vacancies);
- the top 20 matches of one job seeker (the vectorised matrix, and the whole service call with
  the explanations) and of one vacancy, vs a per-row Python loop over every open vacancy with
  the same reference score (employment.scoring.score_pair);
- a bulk run for 10,000 job seekers in worker processes (one per core), vs the same Python
  loop, timed on a sample and scaled to 10,000.

    LB_VAR_DIR=var/bench-jobs .venv/bin/python manage.py seed_demo --scale 667   # once (minutes)
    LB_VAR_DIR=var/bench-jobs .venv/bin/python bench/jobbank.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lb_jobs_bench .venv/bin/python bench/jobbank.py

Targets: search p95 < 5 ms (SQLite) / < 50 ms (PostgreSQL); one seeker's top 20 < 10 ms;
10,000 seekers < 30 s.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laborbureau.config.settings")
os.environ.setdefault("LB_VAR_DIR", str(ROOT / "var" / "bench-jobs"))
os.environ.setdefault("LOG_LEVEL", "ERROR")

QUERIES = ["會計", "司機", "夜班", "保全", "餐廳 外場", "夜班 保全", "台北 司機", "兼職 清潔", "外送", "門市"]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def timed(function, repeat: int) -> list[float]:
    function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def like_search(q: str, district: str, today) -> tuple[int, list[int]]:
    from django.db.models import Q

    from laborbureau.employment.selectors import open_vacancies

    queryset = open_vacancies(today)
    for word in q.split():
        queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if district:
        queryset = queryset.filter(district_id=district)
    return queryset.count(), list(queryset.order_by("-posted_at", "-pk").values_list("pk", flat=True)[:20])


def bench_search(repeat: int, baseline_repeat: int) -> None:
    from django.utils import timezone

    from laborbureau.employment.selectors import VacancyFilters, vacancy_search

    today = timezone.localdate()
    district = "63000050"  # 中山區
    print("\nPortal search: total count + top 20 (p95)")
    print(f"{'query':<12}{'district':<10}{'index':>12}{'LIKE':>12}{'ratio':>9}")
    worst = 0.0
    unfiltered_like = []
    for q in QUERIES:
        for where in ("", district):
            filters = VacancyFilters(q=q, district=where)
            index = percentile(timed(lambda f=filters: vacancy_search(filters=f, today=today), repeat), 0.95)
            like = percentile(timed(lambda q=q, w=where: like_search(q, w, today), baseline_repeat), 0.95)
            worst = max(worst, index)
            if not where:
                unfiltered_like.append(like)
            print(f"{q:<12}{(where and '中山區') or '—':<10}{ms(index)}{ms(like)}{like / index:8.1f}×")
    facets = percentile(timed(lambda: vacancy_search(filters=VacancyFilters(q="會計"), today=today, facets=True),
                              repeat), 0.95)
    print(f"worst p95 {worst * 1000:.2f} ms; with facet counts (會計) p95 {facets * 1000:.2f} ms")
    # The figures were measured on a machine where this LIKE scan took about
    # 150 ms at p95: the ratio tells how much slower (or faster) this one is.
    like_median = percentile(unfiltered_like, 0.5)
    print(f"machine: the unfiltered LIKE scan's p95 is {like_median * 1000:.0f} ms here (median of the queries), "
          f"against ~150 ms where the issue's targets were set: {like_median / 0.150:.1f}× its time")
    compare_district_by_tag(repeat, district, today)
    check_newest_first(district)


def compare_district_by_tag(repeat: int, district: str, today) -> None:
    """The district filter through the district's own words (the index's partition, as
    searched above) against its tag (as before the partition, or for an index built
    without it), in the same run: p95 of the whole search, and whether the top 20 agree."""
    from django.db import connection

    from laborbureau.employment.selectors import VacancyFilters, vacancy_search
    from laborbureau.search import selectors, services

    if connection.vendor != "sqlite":
        return  # PostgreSQL filters by the tag (the partition tokens are SQLite's)
    if not services.index_state("vacancy").partition:
        print("(the vacancy index has no partition tokens: rebuild it to compare)")
        return
    real = services.index_state

    def by_tag(kind):
        return services.BuiltWith(real(kind).groups, "")

    print("\nDistrict filter (中山區): by the district's words vs by its tag, p95")
    for q in QUERIES:
        filters = VacancyFilters(q=q, district=district)
        words = percentile(timed(lambda f=filters: vacancy_search(filters=f, today=today), repeat), 0.95)
        same = [v.pk for v in vacancy_search(filters=filters, today=today).items]
        selectors.index_state = by_tag
        try:
            tag = percentile(timed(lambda f=filters: vacancy_search(filters=f, today=today), repeat), 0.95)
            same = same == [v.pk for v in vacancy_search(filters=filters, today=today).items]
        finally:
            selectors.index_state = real
        print(f"{q:<12}{ms(words)}{ms(tag)}{tag / words:8.1f}×  {'same top 20' if same else 'top 20 differs'}")


def check_newest_first(district: str) -> None:
    """SQLite: every query's matches read newest first (how the relevance page reads its
    candidates) must be as many as counted. SQLite 3.40.1's FTS5 lost up to 3 in 4 of
    them (laborbureau/config/sqlite.py); a small test index does not show it."""
    from django.db import connection

    from laborbureau.search.backends import SqliteBackend
    from laborbureau.search.selectors import _prepare

    if connection.vendor != "sqlite":
        return
    backend = SqliteBackend()
    lost = []
    with connection.cursor() as cursor:
        for q in QUERIES:
            for where in ("", district):
                query = _prepare("vacancy", q, {"district": where} if where else {})
                sql, params = backend._fts_where(query)
                total = backend.count(cursor, query)
                cursor.execute("SELECT rowid FROM search_fts WHERE " + sql + " ORDER BY rowid DESC", params)  # noqa: S608
                newest_first = len(cursor.fetchall())
                if newest_first != total:
                    lost.append(f"{q}{' ' + where if where else ''}: {total} counted, {newest_first} newest first")
    from django.db.backends.sqlite3.base import Database

    print(f"SQLite {Database.sqlite_version}: matches read newest first = counted for all {2 * len(QUERIES)} "
          "queries" if not lost else "MISMATCH, newest first: " + "; ".join(lost))


def bench_matching(repeat: int, loop_sample: int, bulk: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from laborbureau.employment import matching, scoring
    from laborbureau.employment.models import JobSeeker, MatchRun, SeekerStatus, Vacancy, VacancyStatus

    now = timezone.now()
    matching.reset()
    started = time.perf_counter()
    vacancies = matching.vacancy_matrix(now)
    build_vacancies = time.perf_counter() - started
    started = time.perf_counter()
    seekers_matrix = matching.seeker_matrix()
    build_seekers = time.perf_counter() - started
    started = time.perf_counter()
    matching.vacancy_matrix(now)
    refresh = time.perf_counter() - started
    print(f"\nMatching: {vacancies.live_count:,} open vacancies, {int(seekers_matrix.columns['active'].sum()):,} "
          f"active consenting seekers")
    print(f"columns built from the database: vacancies {build_vacancies:.2f} s, seekers {build_seekers:.2f} s; "
          f"a refresh with nothing changed {refresh * 1000:.2f} ms")

    rng = random.Random(11)
    active = list(JobSeeker.objects.filter(status=SeekerStatus.ACTIVE, consent_to_matching=True)
                  .values_list("pk", flat=True)[:50_000])
    sample = [JobSeeker.objects.get(pk=pk) for pk in rng.sample(active, 30)]
    profiles = [matching.seeker_profile(s) for s in sample]
    staff = get_user_model().objects.get(username="eso_officer")

    top = [s for p in profiles for s in timed(lambda p=p: vacancies.top(p, 20), max(1, repeat // 30))]
    service = [s for seeker in sample
               for s in timed(lambda seeker=seeker: matching.seeker_matches(seeker=seeker, actor=staff), 3)]
    open_rows = [matching.vacancy_profile_from_row(row) for row in
                 Vacancy.objects.filter(status=VacancyStatus.ACTIVE, closing_date__gte=timezone.localdate())
                 .values_list(*matching.VACANCY_FIELDS)]
    codes = matching.codes()
    ts = now.timestamp()

    def python_loop(profile):
        scored = [(scoring.score_pair(profile, v, now=ts, codes=codes).total, v.id) for v in open_rows]
        scored.sort(reverse=True)
        return scored[:20]

    loop = timed(lambda: python_loop(profiles[0]), loop_sample)
    loop_p50 = percentile(loop, 0.5)
    print(f"{'one seeker, top 20':<40}{'p50':>12}{'p95':>12}{'vs Python loop (p50)':>24}")
    print(f"{'  vectorised matrix':<40}{ms(percentile(top, 0.5))}{ms(percentile(top, 0.95))}"
          f"{loop_p50 / percentile(top, 0.5):20.0f}×")
    print(f"{'  service call with explanations':<40}{ms(percentile(service, 0.5))}{ms(percentile(service, 0.95))}"
          f"{loop_p50 / percentile(service, 0.5):20.0f}×")
    print(f"{'  baseline: Python loop, every vacancy':<40}{ms(loop_p50)}{ms(percentile(loop, 0.95))}")
    vacancy_rows = list(Vacancy.objects.filter(status=VacancyStatus.ACTIVE).order_by("?")[:20])
    reverse = [s for v in vacancy_rows
               for s in timed(lambda v=v: seekers_matrix.top(matching.vacancy_profile(v), 20, now=ts), 3)]
    print(f"{'one vacancy, top 20 seekers':<40}{ms(percentile(reverse, 0.5))}{ms(percentile(reverse, 0.95))}")

    if bulk:
        ids = rng.sample(active, min(bulk, len(active)))
        run = MatchRun.objects.create(label=f"bench {len(ids)}", seeker_ids=ids, total=len(ids), requested_by=staff)
        matching.reset()  # the run builds its columns like a fresh worker would
        started = time.perf_counter()
        run = matching.match_run_execute(run.pk)
        elapsed = time.perf_counter() - started
        estimate = loop_p50 * len(ids)
        print(f"\nBulk run: {run.done:,} seekers, {run.processes} processes, status {run.status}: {elapsed:.1f} s "
              f"(target 30 s); the Python loop would take ~{estimate / 60:.0f} min ({estimate / elapsed:.0f}× slower, "
              f"scaled from its p50 per seeker)")
        MatchRun.objects.filter(pk=run.pk).delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--baseline-repeat", type=int, default=5)
    parser.add_argument("--loop-sample", type=int, default=2, help="Python-loop repetitions (each ~1 s at 200k)")
    parser.add_argument("--bulk", type=int, default=10_000, help="seekers in the bulk run (0: skip)")
    parser.add_argument("--skip-search", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from laborbureau.employment.models import JobSeeker, Vacancy

    print(f"database: {connection.vendor}; vacancies {Vacancy.objects.count():,}, "
          f"job seekers {JobSeeker.objects.count():,}; {os.cpu_count()} cores")
    if not args.skip_search:
        bench_search(args.repeat, args.baseline_repeat)
    bench_matching(args.repeat, args.loop_sample, args.bulk)


if __name__ == "__main__":
    main()
