#!/usr/bin/env python
"""Benchmark of a large layoff-list upload (資遣通報, issue 6): a 100,000-row CSV in Big5
is checked (employment.layoffnotices.services.upload_validate, the background task) and
filed (upload_confirm: every row read and checked again, then inserted in one
transaction: PostgreSQL COPY, SQLite multi-row INSERTs), against the baseline measured
in the same run: the same rows saved one by one with the ORM (`LayoffWorker(...).save()`,
each in its own transaction, as a naive import would), timed on a sample and scaled to
the full file (the output says so).

    .venv/bin/python bench/layoff_upload.py                    # SQLite under var/bench-layoffs
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lb_layoff_bench .venv/bin/python bench/layoff_upload.py

Targets: validate + import < 6 s on SQLite, < 4 s on PostgreSQL; steady memory (the peak
resident size grows by far less than the file's rows as objects would take); at least
20x the row-by-row baseline. The invitations (background work after the commit) are not
part of the timed import.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laborbureau.config.settings")
os.environ.setdefault("LB_VAR_DIR", str(ROOT / "var" / "bench-layoffs"))
os.environ.setdefault("LOG_LEVEL", "ERROR")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_csv(rows: int) -> bytes:
    """`rows` distinct workers, Big5 as Excel on a zh-TW Windows saves it."""
    import csv
    import io
    from datetime import timedelta

    from django.utils import timezone

    from laborbureau.rules.identifiers import make_national_id

    last_days = [(timezone.localdate() + timedelta(days=20 + i % 40)).isoformat() for i in range(40)]
    grounds = ["11-2", "虧損", "LSA11_4", "第11條第1款"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["身分證統一編號", "姓名", "性別", "出生日期", "電話", "住址", "電子郵件", "擔任工作", "資遣事由",
                     "離職日", "需否就業輔導"])
    for i in range(rows):
        writer.writerow([make_national_id("ABCDEFGHJK"[i % 10], 1 + i % 2, i), f"王大明{i % 997}", "男" if i % 2 == 0 else "女",
                         f"{1960 + i % 40}/{1 + i % 12:02d}/{1 + i % 28:02d}", f"09{i % 100000000:08d}",
                         f"臺北市信義區市府路{1 + i % 300}號", "" if i % 3 else f"w{i}@example.tw", "作業員",
                         grounds[i % 4], last_days[i % 40], "是" if i % 5 else "否"])
    return buffer.getvalue().encode("cp950")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2000, help="rows saved one by one for the baseline")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from laborbureau.core.models import Employer, Establishment, User, UserKind
    from laborbureau.employment.layoffnotices import rows as row_rules
    from laborbureau.employment.layoffnotices import services
    from laborbureau.employment.layoffnotices.models import LayoffNotice, LayoffUpload, LayoffWorker, MonitorFeed

    # The background work is run here by hand (validation) or not timed (invitations).
    services._enqueue_validation = lambda upload_id: None
    services._enqueue_invitations = lambda notice_id: None

    content = make_csv(args.rows)
    stamp = str(time.time_ns())[-8:]
    employer = Employer.objects.create(name=f"基準測試股份有限公司{stamp}")
    account = User.objects.create(username=f"bench_employer_{stamp}", kind=UserKind.EMPLOYER, employer=employer)
    site = Establishment.objects.create(employer=employer, name="總廠")
    print(f"database: {connection.vendor}; file: {args.rows:,} rows, {len(content) / 1e6:.1f} MB (Big5)")

    insert_seconds = [0.0]
    flush = services._WorkerWriter.flush

    def timed_flush(self):
        began = time.perf_counter()
        flush(self)
        insert_seconds[0] += time.perf_counter() - began

    services._WorkerWriter.flush = timed_flush
    rss_before = rss_mb()
    started = time.perf_counter()
    upload, _ = services.upload_create(data=services.UploadInput(file_name="bench.csv", content=content,
                                                                 establishment_id=site.pk), actor=account)
    stored = time.perf_counter()
    upload = services.upload_validate(upload.pk)
    validated = time.perf_counter()
    assert upload.status == "VALID", upload.errors[:3]
    notice = services.upload_confirm(upload=LayoffUpload.objects.get(pk=upload.pk), actor=account)
    confirmed = time.perf_counter()
    rss_after = rss_mb()
    assert LayoffWorker.objects.filter(notice=notice).count() == args.rows
    ours = confirmed - started
    print(f"store the file (hash, row estimate)      {stored - started:7.2f} s")
    print(f"validate every row (background task)     {validated - stored:7.2f} s")
    print(f"confirm: re-check + insert, one commit   {confirmed - validated:7.2f} s")
    print(f"  of which the inserts ({connection.vendor == 'postgresql' and 'COPY' or 'executemany'})        "
          f"{insert_seconds[0]:7.2f} s   ({args.rows / insert_seconds[0]:,.0f} rows/s)")
    print(f"validate + import, total                 {ours:7.2f} s   ({args.rows / ours:,.0f} rows/s)")
    print(f"peak resident memory: {rss_before:.0f} MB before, {rss_after:.0f} MB after "
          f"(+{rss_after - rss_before:.0f} MB for a {len(content) / 1e6:.0f} MB file)")

    # Baseline: the same rows, checked and saved one by one with the ORM, each save in its
    # own transaction. Timed on a sample (a second notice of a second employer) and scaled.
    other = Employer.objects.create(name=f"基準測試對照公司{stamp}")
    other_site = Establishment.objects.create(employer=other, name="總廠")
    baseline_notice = LayoffNotice.objects.create(
        number=f"BENCH-{stamp}", employer=other, establishment=other_site, channel="UPLOAD", filed_on=timezone.localdate(),
        filed_by=account, worker_count=1, first_day=timezone.localdate(), last_day=timezone.localdate(),
        earliest_due=timezone.localdate())
    from laborbureau.employment.layoffnotices import parsing

    stream = parsing.iter_rows(content, "csv", "cp950")
    positions, _ = row_rules.map_header(next(stream))
    today = timezone.localdate()
    checked = []
    check_started = time.perf_counter()
    for number, cells in enumerate(stream, start=2):
        if number - 1 > args.sample:
            break
        values = {key: cells[index] for key, index in positions.items()}
        worker, _ = row_rules.check_worker(values, row=number, today=today, force_majeure=False)
        checked.append((number, worker, row_rules.due_date(worker.last_day, False)))
    check_per_row = (time.perf_counter() - check_started) / args.sample
    save_started = time.perf_counter()
    for number, worker, (due, late_after) in checked:
        LayoffWorker(notice=baseline_notice, employer=other, row=number, id_number=worker.id_number, name=worker.name,
                     sex=worker.sex, birth_date=worker.birth_date, phone=worker.phone, email=worker.email,
                     address=worker.address, position=worker.position, ground=worker.ground, last_day=worker.last_day,
                     needs_assistance=worker.needs_assistance, due_on=due, late=today > late_after,
                     invitation_token=f"{stamp}{number:024d}"[-32:]).save()
    save_per_row = (time.perf_counter() - save_started) / args.sample
    saves = save_per_row * args.rows
    baseline = (check_per_row + save_per_row) * args.rows
    print(f"baseline: row-by-row ORM save()          {saves:7.2f} s   (measured on {args.sample:,} rows, "
          f"{save_per_row * 1e3:.3f} ms/row, each save its own transaction; scaled to {args.rows:,})")
    print(f"baseline: check + save each row          {baseline:7.2f} s   (the same rows checked once, then saved)")
    print(f"ratio, inserting the rows: {saves / insert_seconds[0]:.1f}x the row-by-row saves")
    print(f"ratio, end to end (validate + import vs check + save each row once): {baseline / ours:.1f}x")

    with transaction.atomic():  # leave the bench database as it was
        for made in (notice, baseline_notice):
            LayoffWorker.objects.filter(notice=made).delete()
            MonitorFeed.objects.filter(notice=made).delete()
            LayoffNotice.objects.filter(pk=made.pk).delete()
        LayoffUpload.objects.filter(pk=upload.pk).delete()


if __name__ == "__main__":
    main()
