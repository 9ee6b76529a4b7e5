"""The column-wise check of a chunk (columns.check_chunk) gives what the row rules give:
the same report and the same staged lines on files that mix good rows with every kind
of bad, odd or duplicate value, in chunks small enough that some are taken column-wise
and some row by row."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laborbureau.core.tests.factories import national_id
from laborbureau.employment.layoffnotices import columns, rows, services
from laborbureau.employment.layoffnotices.models import LayoffUpload, UploadStatus
from laborbureau.employment.layoffnotices.tests.factories import (
    HEADER,
    csv_bytes,
    employer_account,
    file_notice,
    in_days,
    worker_values,
    xlsx_bytes,
)
from laborbureau.rules.identifiers import make_arc_new, make_national_id

pytestmark = pytest.mark.django_db

POSITIONS = {key: index for index, key in enumerate(("id_number", "name", "sex", "birth_date", "phone", "address",
                                                      "email", "position", "ground", "last_day", "needs_assistance"))}
GOOD_IDS = [make_national_id("ABCDEFGHJK"[i % 10], 1 + i % 2, 1000 + i) for i in range(14)]
ODD_IDS = [make_arc_new("A", 8, 77), GOOD_IDS[0].lower(), f" {GOOD_IDS[1]} ", "Ａ" + GOOD_IDS[2][1:], "A123456788",
           "", "A12345678", "AC12345678", "1234567890"]


# Per column: values the rules take (other spellings), and values they refuse or that
# the column-wise check must leave to them (escapes, odd IDs, the 14-year rule).
VARIANTS = {
    "id_number": (GOOD_IDS, ODD_IDS),
    "name": (["王小明", "Ａｂｃ"], ["", "x" * 81, "a<b", "王\t明", "王\n明", "王\\明"]),
    "sex": (["", "男", "女", "M", "f"], ["x", "男性"]),
    "birth_date": (["1980-05-31", "69/05/31", "1980/5/31", "0690531"],
                   ["", "abc", "1890-01-01", in_days(-365 * 10).isoformat(), "1980-02-30"]),
    "phone": (["0912-345-678", "(02)2720-8889#123"], ["", "09123", "abc", "0" * 31]),
    "address": (["臺北市信義區市府路1號"], ["", "a" * 201, "\x01x", "臺北\r\n市"]),
    "email": (["", "a@example.tw"], ["bad", "a\\b@example.tw", "<a@b.tw>", "x" * 250 + "@a.tw"]),
    "position": (["作業員", "司機"], ["", "x" * 61]),
    "ground": (["11-2", "虧損", "LSA13", "第11條第4款"], ["", "xyz", "11"]),
    "last_day": ([in_days(20).isoformat(), in_days(-5).isoformat(), in_days(9).isoformat()],
                 ["", "bad", in_days(-rows.PAST_WINDOW_DAYS - 1).isoformat(), in_days(400).isoformat(), "115/13/01"]),
    "needs_assistance": (["", "是", "否", "Y"], ["maybe"]),
}
GOOD = [(column, value) for column, (good, _) in VARIANTS.items() for value in good]
ODD = [(column, value) for column, (_, odd) in VARIANTS.items() for value in odd]


def _file(specs: list) -> list:
    """Rows from their specs: each good row has its own ID unless it repeats the first."""
    made = []
    for number, spec in enumerate(specs):
        if isinstance(spec, list):
            made.append(spec)
            continue
        repeat, changes = spec
        values = worker_values(id_number=GOOD_IDS[0 if repeat else number])
        values.update(changes)
        made.append(values)
    return made


# Good rows, some with values changed to other good spellings, some with one value
# changed to a bad or odd one; now and then a worker repeated, a blank or a short row.
_repeat = st.sampled_from([False] * 9 + [True])
_rows = st.lists(st.one_of(
    st.tuples(_repeat, st.lists(st.sampled_from(GOOD), max_size=3)),
    st.tuples(_repeat, st.lists(st.sampled_from(ODD), min_size=1, max_size=1)),
    st.tuples(_repeat, st.lists(st.sampled_from(ODD), min_size=1, max_size=1)),
    st.sampled_from([[], ["", ""], ["A123456789", "王"]]),
), min_size=1, max_size=14).map(_file)


def _scan(upload, column_wise: bool):
    staged: list[tuple[str, ...]] = []
    lines = services._Lines(in_days(0), upload.force_majeure, lambda batch: staged.extend(zip(*batch, strict=True)))
    scan = services._scan(upload, in_days(0), sink=lines, column_wise=column_wise)
    lines.flush()
    without_codes = [row[:-1] for row in staged]
    return scan, without_codes, lines.totals


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workers=_rows, chunk=st.integers(1, 5), already_filed=st.booleans())
def test_the_column_wise_check_reports_and_stages_what_the_row_rules_do(workers, chunk, already_filed):
    account = employer_account()
    if already_filed:  # a worker of the pool notified before, for one of the file's last days
        file_notice(account, [worker_values(id_number=GOOD_IDS[3], last_day=in_days(20))])
    made, _ = services.upload_create(data=services.UploadInput(file_name="名冊.csv", content=csv_bytes(workers), establishment_name="總公司"),
                                     actor=account)
    upload = LayoffUpload.objects.get(pk=made.pk)
    original = services.CHUNK_ROWS
    services.CHUNK_ROWS = chunk
    try:
        by_columns = _scan(upload, column_wise=True)
        by_rows = _scan(upload, column_wise=False)
    finally:
        services.CHUNK_ROWS = original
    assert by_columns[0] == by_rows[0]
    assert by_columns[1:] == by_rows[1:]


@pytest.mark.parametrize(("column", "value"), GOOD + ODD)
def test_each_spelling_and_each_bad_value_alone_in_a_chunk_gives_what_the_row_rules_give(column, value):
    specs = [(False, []), (False, [(column, value)]), (False, [])]
    made, _ = services.upload_create(data=services.UploadInput(file_name="名冊.csv", content=csv_bytes(_file(specs)),
                                                               establishment_name="總公司"), actor=employer_account())
    upload = LayoffUpload.objects.get(pk=made.pk)
    assert _scan(upload, column_wise=True) == _scan(upload, column_wise=False)


def test_a_clean_chunk_is_taken_whole_and_a_doubtful_one_is_left_to_the_row_rules():
    today = in_days(0)
    good = [list(worker_values(id_number=national_id()).values()) for _ in range(3)]
    clean = columns.check_chunk(good, POSITIONS, today=today)
    assert clean is not None and clean.id_number == [row[0] for row in good]
    assert clean.birth_date == ["1980-05-31"] * 3 and clean.ground == ["LSA11_2"] * 3
    assert clean.sex == ["M"] * 3 and clean.needs_assistance == [True] * 3 and clean.last_day == [in_days(30)] * 3
    for column, value in (("id_number", "A123456788"), ("name", "王\t明"), ("birth_date", "1890-01-01"),
                          ("last_day", "bad"), ("email", "a\\b@example.tw"), ("ground", "11")):
        doubtful = [row[:] for row in good]
        doubtful[1][POSITIONS[column]] = value
        assert columns.check_chunk(doubtful, POSITIONS, today=today) is None, column
    assert columns.check_chunk(good + [[]], POSITIONS, today=today) is None
    assert columns.check_chunk([row[:5] for row in good], POSITIONS, today=today) is None


def test_the_sex_is_read_from_the_id_when_the_column_is_blank():
    women = [list(worker_values(id_number=make_national_id("A", 2, 5), sex="").values()),
             list(worker_values(id_number=make_arc_new("B", 8, 6), sex="女").values())]
    clean = columns.check_chunk(women, POSITIONS, today=in_days(0))
    assert clean is not None and clean.sex == ["F", "F"]


def test_a_large_file_is_checked_column_wise_with_its_header_first(monkeypatch):
    account = employer_account()
    workers = [worker_values(last_day=in_days(10 + i % 3)) for i in range(40)]
    made, _ = services.upload_create(data=services.UploadInput(file_name="名冊.csv", content=csv_bytes(workers), establishment_name="總公司"),
                                     actor=account)
    calls = []
    monkeypatch.setattr(services, "CHUNK_ROWS", 16)
    monkeypatch.setattr(services.rows, "check_worker", lambda *a, **k: calls.append(1))
    scan, staged, totals = _scan(LayoffUpload.objects.get(pk=made.pk), column_wise=True)
    assert calls == [] and scan.problem_count == 0 and scan.rows == 40 and len(staged) == 40
    assert [row[0] for row in staged] == [str(n) for n in range(2, 42)]
    assert totals.count == 40 and totals.first_day == in_days(10) and totals.last_day == in_days(12)
    assert HEADER[0] == "身分證統一編號" and isinstance(totals.earliest_due, date)


def _validated(account, workers, monkeypatch, file_format: str, *, two_processes: bool):
    """upload_validate's outcome with the second half checked by a second process or not:
    (status, errors, summary, staged rows without their invitation codes)."""
    monkeypatch.setattr(services, "CHUNK_ROWS", 2)
    monkeypatch.setattr(services, "PARALLEL_MIN_ROWS", 4 if two_processes else 10**9)
    listed = workers if two_processes else [*workers, {}]  # a blank row: another file, the same rows
    content = csv_bytes(listed) if file_format == "csv" else xlsx_bytes(listed)
    made, _ = services.upload_create(data=services.UploadInput(
        file_name=f"名冊{two_processes}.{file_format}", content=content, establishment_name="總公司"), actor=account)
    checked = services.upload_validate(made.pk)
    staged = [row[:-1] for batch in services._staged_batches(made.pk) for row in services._batch_rows(batch)]
    summary = {key: value for key, value in checked.summary.items()}
    return checked.status, checked.errors, summary, staged


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("case", ["good", "bad in the second half", "repeated across halves", "filed before",
                                  "bad in the first half"])
def test_a_second_process_checking_the_second_half_changes_nothing_in_the_outcome(case, file_format, monkeypatch):
    account = employer_account()
    workers = [worker_values(id_number=GOOD_IDS[i], last_day=in_days(10 + i % 3)) for i in range(11)]
    if case == "bad in the second half":
        workers[9]["birth_date"] = "1890-01-01"
    elif case == "repeated across halves":
        workers[8]["id_number"] = GOOD_IDS[1]
    elif case == "filed before":
        file_notice(account, [worker_values(id_number=GOOD_IDS[10], last_day=in_days(10 + 10 % 3))])
    elif case == "bad in the first half":
        workers[0]["ground"] = "xyz"
    alone = _validated(account, workers, monkeypatch, file_format, two_processes=False)
    taken = []
    take = services._SecondHalf.take
    monkeypatch.setattr(services._SecondHalf, "take", lambda *args: taken.append(take(*args)) or taken[-1])
    both = _validated(account, workers, monkeypatch, file_format, two_processes=True)
    assert taken == [case == "good"]  # the child's half is used only when all is good
    assert both == alone
    assert (alone[0] == UploadStatus.VALID) == (case == "good")


def test_without_a_second_process_to_be_had_the_file_is_checked_by_this_one(monkeypatch):
    account = employer_account()
    workers = [worker_values(id_number=GOOD_IDS[i]) for i in range(9)]

    def no_fork():
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(services.os, "fork", no_fork)
    checked = _validated(account, workers, monkeypatch, "csv", two_processes=True)
    assert checked[0] == UploadStatus.VALID and len(checked[3]) == 9
    assert services.gc.isenabled()


@pytest.mark.parametrize("two_processes", [True, False])
@pytest.mark.parametrize("bad_row", [3, 10])
def test_a_byte_not_in_big5_is_the_whole_report_wherever_it_is_found(bad_row, two_processes, monkeypatch):
    """The encoding is checked as each part of the file is decoded (parsing.decode), not
    before: a bad byte late in the file, found after rows were checked (some with
    problems), still makes a report of that one problem, naming the byte, as a check
    before the first row would."""
    account = employer_account()
    workers = [worker_values(id_number=GOOD_IDS[i]) for i in range(11)]
    workers[0]["ground"] = "xyz"  # a row problem, before the bad byte: not reported
    marked = "壞字"
    workers[bad_row - 2]["name"] = marked
    content = csv_bytes(workers, encoding="cp950")
    at = content.index(marked.encode("cp950"))
    content = content[:at] + b"\x80" + content[at + 1:]  # 0x80 is never a Big5 byte
    monkeypatch.setattr(services, "CHUNK_ROWS", 2)
    monkeypatch.setattr(services, "PARALLEL_MIN_ROWS", 4 if two_processes else 10**9)
    made, _ = services.upload_create(data=services.UploadInput(file_name="名冊.csv", content=content,
                                                               establishment_name="總公司"), actor=account)
    checked = services.upload_validate(made.pk)
    assert checked.status == UploadStatus.INVALID and checked.error_count == 1
    assert checked.errors == [{"row": 0, "column": "", "zh": f"無法辨識檔案編碼（第{at}位元組），請另存為UTF-8或Big5的CSV。",
                               "en": f"Unknown text encoding (byte {at}); save the CSV as UTF-8 or Big5."}]
    assert checked.encoding == "" and list(services._staged_batches(made.pk)) == []
