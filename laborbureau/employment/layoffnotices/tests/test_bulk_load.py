"""The fast path of a large upload: the validation keeps the checked rows (COPY text
lines) and confirming the same day loads them, re-checking only the
employer's filings made since; on a later day the file is read again. The workers'
references are checked by triggers (no per-row foreign keys); the staged text survives
any value the row rules let through (property tests)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from laborbureau.core.errors import ApplicationError, Conflict
from laborbureau.core.tests.factories import national_id
from laborbureau.employment.layoffnotices import rows, services
from laborbureau.employment.layoffnotices.models import (
    LayoffNotice,
    LayoffUpload,
    LayoffUploadFile,
    LayoffWorker,
    UploadStatus,
)
from laborbureau.employment.layoffnotices.tests.factories import (
    committed,
    csv_bytes,
    employer_account,
    file_notice,
    in_days,
    worker_values,
)

pytestmark = pytest.mark.django_db

FIELDS = ("row", "id_number", "name", "sex", "birth_date", "phone", "email", "address", "position", "ground",
          "last_day", "needs_assistance", "due_on", "late", "invitation", "matches", "invitation_token")


def stored(made):
    """The upload's file and staged lines as the database holds them now."""
    class Stored:
        content = bytes(LayoffUploadFile.objects.get(upload=made).content)
        staged = [line for batch in services._staged_batches(made.pk) for line in batch]

    return Stored


def upload(account, content: bytes):
    data = services.UploadInput(file_name="名冊.csv", content=content, establishment_name="總公司")
    with committed():
        made, _ = services.upload_create(data=data, actor=account)
    return LayoffUpload.objects.get(pk=made.pk)


def test_confirming_the_day_of_the_report_loads_the_kept_rows_without_reading_the_file(monkeypatch):
    account = employer_account()
    made = upload(account, csv_bytes([worker_values(last_day=in_days(5)), worker_values(last_day=in_days(40)),
                                      worker_values(last_day=in_days(6), name="陳美麗", sex="女")]))
    assert made.status == UploadStatus.VALID
    assert stored(made).staged and made.summary["checked_on"] == in_days(0).isoformat()

    def no_second_read(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(services, "_scan", no_second_read)
    with committed():
        notice = services.upload_confirm(upload=made, actor=account)
    # The totals are those the rows give (two late: due 9 days before the last day).
    assert (notice.worker_count, notice.late_count, notice.late) == (3, 2, True)
    assert (notice.first_day, notice.last_day) == (in_days(5), in_days(40))
    assert notice.earliest_due == in_days(5) - timedelta(days=9)
    assert notice.max_days_late == 4
    workers = list(notice.workers.order_by("row"))
    assert [w.row for w in workers] == [2, 3, 4]
    assert [w.name for w in workers] == ["王小明", "王小明", "陳美麗"]
    assert [w.late for w in workers] == [True, False, True]
    assert workers[2].sex == "F" and workers[0].needs_assistance is True
    assert all(len(w.invitation_token) == 32 for w in workers)
    assert len({w.invitation_token for w in workers}) == 3
    made.refresh_from_db()
    assert made.status == UploadStatus.IMPORTED and stored(made).staged == [] and stored(made).content == b""


def test_an_upload_files_the_same_workers_as_the_form_would():
    values = [worker_values(last_day=in_days(8)), worker_values(last_day=in_days(20), email="a@example.tw",
                                                                 needs_assistance="否", ground="虧損")]
    by_form = file_notice(employer_account(), values)
    account = employer_account()
    with committed():
        by_file = services.upload_confirm(upload=upload(account, csv_bytes(values)), actor=account)

    def rows_of(notice):
        return [tuple(getattr(w, f) for f in FIELDS[1:-1]) for w in notice.workers.order_by("row")]

    assert rows_of(by_form) == rows_of(by_file)
    assert [by_form.late_count, by_form.earliest_due] == [by_file.late_count, by_file.earliest_due]


def test_a_filing_made_between_report_and_confirmation_is_refused_and_nothing_is_filed():
    account = employer_account()
    taken, later = national_id(), national_id()
    made = upload(account, csv_bytes([worker_values(), worker_values(id_number=taken),
                                      worker_values(id_number=later, last_day=in_days(50))]))
    assert made.status == UploadStatus.VALID
    # Meanwhile, another upload of the employer is confirmed with one of the workers, and
    # the form files another (same last day): both are caught at the confirmation.
    other = upload(account, csv_bytes([worker_values(id_number=taken)]))
    with committed():
        first = services.upload_confirm(upload=other, actor=account)
    file_notice(account, [worker_values(id_number=later, last_day=in_days(50))])
    with pytest.raises(ApplicationError) as error:
        services.upload_confirm(upload=made, actor=account)
    assert error.value.code == "invalid"
    made.refresh_from_db()
    assert made.status == UploadStatus.INVALID and made.error_count == 2
    assert [(e["row"], e["column"]) for e in made.errors] == [(3, "id_number"), (4, "id_number")]
    assert first.number in made.errors[0]["zh"]
    assert stored(made).staged == []
    assert LayoffWorker.objects.count() == 2 and LayoffNotice.objects.count() == 2


def test_the_same_worker_with_another_last_day_is_not_a_conflict():
    account = employer_account()
    person = national_id()
    made = upload(account, csv_bytes([worker_values(id_number=person, last_day=in_days(30))]))
    file_notice(account, [worker_values(id_number=person, last_day=in_days(60))])
    with committed():
        assert services.upload_confirm(upload=made, actor=account).worker_count == 1


def test_on_a_later_day_the_file_is_read_and_checked_again(monkeypatch):
    account = employer_account()
    made = upload(account, csv_bytes([worker_values(), worker_values()]))
    LayoffUpload.objects.filter(pk=made.pk).update(summary={**made.summary, "checked_on": in_days(-1).isoformat()})
    scans = []
    scan = services._scan
    monkeypatch.setattr(services, "_scan", lambda *a, **k: scans.append(1) or scan(*a, **k))
    with committed():
        notice = services.upload_confirm(upload=made, actor=account)
    assert scans == [1] and notice.worker_count == 2


def test_a_row_gone_out_of_the_window_by_the_confirmation_day_is_caught(monkeypatch):
    account = employer_account()
    made = upload(account, csv_bytes([worker_values(last_day=in_days(-rows.PAST_WINDOW_DAYS))]))
    assert made.status == UploadStatus.VALID
    tomorrow = in_days(1)
    monkeypatch.setattr(services.timezone, "localdate", lambda: tomorrow)
    with pytest.raises(ApplicationError):
        services.upload_confirm(upload=made, actor=account)
    made.refresh_from_db()
    assert made.status == UploadStatus.INVALID and made.errors[0]["column"] == "last_day"
    assert LayoffWorker.objects.count() == 0


def test_an_invalid_file_keeps_no_rows():
    account = employer_account()
    made = upload(account, csv_bytes([worker_values(), worker_values(id_number="A123456788")]))
    assert made.status == UploadStatus.INVALID and stored(made).staged == []


def test_values_with_tabs_backslashes_and_line_breaks_survive_the_staging():
    account = employer_account()
    odd = worker_values(name="王\t小明\\", address="臺北市\n信義區\r\n市府路1號 \\N", position="作業員\\t")
    made = upload(account, csv_bytes([odd]))
    assert made.status == UploadStatus.VALID, made.errors
    with committed():
        notice = services.upload_confirm(upload=made, actor=account)
    worker = notice.workers.get()
    assert (worker.name, worker.address, worker.position) == (odd["name"], odd["address"], odd["position"])


def test_a_worker_whose_employer_is_not_its_notices_is_refused_by_the_database():
    notice = file_notice(employer_account())
    stranger = employer_account().employer
    worker = notice.workers.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        LayoffWorker.objects.filter(pk=worker.pk).update(employer=stranger)
    with pytest.raises(IntegrityError), transaction.atomic():
        LayoffWorker.objects.filter(pk=worker.pk).update(notice_id=notice.pk + 1000)
    if connection.vendor == "postgresql":  # SQLite: the ORM's PROTECT only (see migrations/0002)
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM layoffnotices_layoffnotice WHERE id = %s", [notice.pk])
    assert LayoffWorker.objects.get(pk=worker.pk).employer_id == notice.employer_id


def _refs_trigger_present() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [services._REFS_TRIGGER])
        else:
            cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s", [services._REFS_TRIGGER])
        return cursor.fetchone() is not None


def test_the_references_are_still_checked_after_a_load_and_after_a_load_that_failed(monkeypatch):
    account = employer_account()
    made = upload(account, csv_bytes([worker_values(), worker_values()]))
    with committed():
        notice = services.upload_confirm(upload=made, actor=account)
    assert _refs_trigger_present()
    worker = notice.workers.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        LayoffWorker.objects.filter(pk=worker.pk).update(notice_id=notice.pk + 1000)

    failing = upload(account, csv_bytes([worker_values()]))

    def load_then_fail(notice, batch):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(services, "_load_lines", load_then_fail)
    with pytest.raises(Conflict):
        services.upload_confirm(upload=failing, actor=account)
    assert _refs_trigger_present() and LayoffNotice.objects.filter(upload=failing).count() == 0


def test_worker_ids_keep_rising_and_sqlite_keys_them_by_the_plain_rowid():
    """core.fields.RowidAutoField: no AUTOINCREMENT (a third of a large load's inserts on
    SQLite), and, as no worker is ever deleted, each new worker's id is above every
    earlier one, as AUTOINCREMENT would give."""
    account = employer_account()
    first = upload(account, csv_bytes([worker_values(), worker_values()]))
    with committed():
        earlier = services.upload_confirm(upload=first, actor=account)
    later = file_notice(account, workers=[worker_values() for _ in range(3)])
    old_ids = sorted(earlier.workers.values_list("pk", flat=True))
    new_ids = sorted(later.workers.values_list("pk", flat=True))
    assert len(new_ids) == 3 and min(new_ids) > max(old_ids)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s",
                           [LayoffWorker._meta.db_table])
            table_sql = cursor.fetchone()[0]
        assert '"id" integer NOT NULL PRIMARY KEY,' in table_sql and "AUTOINCREMENT" not in table_sql


# --- the staged text, as properties ------------------------------------------------------------

# Any text the row rules let into a value: tabs, line breaks and backslashes included.
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).filter(lambda t: not rows._CONTROL.search(t))


@settings(max_examples=200, deadline=None)
@given(name=texts, address=texts, position=texts, email=texts, row=st.integers(2, 100_001))
def test_a_worker_comes_back_from_its_staged_batch_as_it_went_in(name, address, position, email, row):
    worker = rows.Worker(id_number="A123456789", name=name, sex="M", birth_date=in_days(-9000), phone="0912",
                         address=address, email=email, position=position, ground="LSA11_2", last_day=in_days(30),
                         needs_assistance=False)
    batches = []
    lines = services._Lines(in_days(9), False, batches.append)
    lines.add(row, worker)
    lines.flush()
    [batch] = batches
    staged = services._COLUMN_SEPARATOR.join(map("\n".join, batch))  # as the staging keeps it
    assert staged.count("\n") == 0 and "\r" not in staged
    back = [column.split("\n") for column in staged.split(services._COLUMN_SEPARATOR)]
    [fields] = list(services._batch_rows(back))
    assert len(fields[-1]) == 32
    assert dict(zip(services.BATCH_COLUMNS, fields[:-1], strict=False)) == {
        "row": str(row), "id_number": "A123456789", "name": name, "sex": "M",
        "birth_date": in_days(-9000).isoformat(), "phone": "0912", "email": email, "address": address,
        "position": position, "ground": "LSA11_2", "last_day": in_days(30).isoformat(), "needs_assistance": "0",
        "due_on": rows.due_date(in_days(30), False)[0].isoformat(), "late": "0"}


_value = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\x1e"), max_size=12)
_batch = st.integers(1, 6).flatmap(lambda size: st.lists(st.lists(_value, min_size=size, max_size=size),
                                                         min_size=len(services.BATCH_COLUMNS),
                                                         max_size=len(services.BATCH_COLUMNS)))


@settings(max_examples=60, deadline=None)
@given(batches=st.lists(_batch, min_size=1, max_size=4))
def test_staged_batches_come_back_whole_in_their_order(batches):
    made, _ = services.upload_create(data=services.UploadInput(file_name="名冊.csv", content=csv_bytes([worker_values()]),
                                                               establishment_name="總公司"), actor=employer_account())
    stager = services._Stager(made.pk, in_days(0), False)
    for batch in batches:
        stager._write(batch)
    assert list(services._staged_batches(made.pk)) == batches
