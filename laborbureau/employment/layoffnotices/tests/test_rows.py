"""The row rules and the file reader, with properties (hypothesis): the fast ID check
agrees with rules.identifiers on every input; dates round-trip in every written form;
any bytes give rows or a FileError, never another exception."""

import io
import zipfile
from datetime import date
from itertools import chain

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laborbureau.employment.layoffnotices import parsing, rows
from laborbureau.employment.layoffnotices.tests.factories import worker_values, xlsx_bytes
from laborbureau.rules import identifiers
from laborbureau.rules.base import RuleError

letters = st.sampled_from("ABCDEFGHJKLMNPQRSTUVXYWZIO")


@given(letters, st.sampled_from([1, 2]), st.integers(0, 9_999_999), st.integers(0, 9))
def test_the_fast_id_check_agrees_with_the_rules(letter, sex, serial, last):
    valid = identifiers.make_national_id(letter, sex, serial)
    assert rows.person_id(valid) == (valid, "M" if sex == 1 else "F")
    candidate = valid[:-1] + str(last)
    try:
        expected = identifiers.check_person_id(candidate).value
    except RuleError:
        expected = None
    try:
        got = rows.person_id(candidate)[0]
    except RuleError:
        got = None
    assert got == expected


@given(st.dates(min_value=date(1912, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_read_in_every_written_form(day):
    roc = day.year - 1911
    for text in (day.isoformat(), day.strftime("%Y/%m/%d"), f"{roc}/{day.month:02d}/{day.day:02d}",
                 f"{roc}年{day.month}月{day.day}日", f"{roc:03d}{day.month:02d}{day.day:02d}",
                 day.strftime("%Y%m%d"), "２０" + day.isoformat()[2:] if day.year >= 2000 else day.isoformat()):
        assert rows.parse_date(text) == day, text


@given(st.text(max_size=20))
def test_parse_date_never_raises(text):
    result = rows.parse_date(text)
    assert result is None or isinstance(result, date)


@settings(max_examples=60)
@given(st.binary(max_size=300))
def test_any_bytes_give_rows_or_a_file_error(content):
    try:
        file_format = parsing.detect_format("x.csv", content)
        encoding = parsing.detect_encoding(content) if file_format == "csv" else ""
        for row in parsing.iter_rows(content, file_format, encoding):
            assert isinstance(row, list)
    except parsing.FileError as error:
        assert error.message_zh and error.message_en


@pytest.mark.parametrize(("text", "code"), [("11-2", "LSA11_2"), ("第11條第5款", "LSA11_5"), ("虧損", "LSA11_2"),
                                            ("LSA20", "LSA20"), ("13", "LSA13"), ("自願離職", None), ("11", None)])
def test_grounds(text, code):
    assert rows.parse_ground(text) == code


def test_a_workbook_with_a_dtd_is_refused():
    content = xlsx_bytes([worker_values()])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<?xml version="1.0"?>',
                                    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>')
            target.writestr(info, data)
    with pytest.raises(parsing.FileError) as error:
        list(parsing.iter_rows(buffer.getvalue(), "xlsx"))
    assert "XML" in error.value.message_zh


def test_xlsx_date_cells_and_numbers_read_as_text():
    content = xlsx_bytes([worker_values(last_day="2026-12-31")])
    header, first = list(parsing.iter_rows(content, "xlsx"))
    assert header[0] == "身分證統一編號" and first[9] == "2026-12-31"


def test_a_last_day_in_year_one_is_a_problem_not_a_crash():
    # 14 years before 0001-01-05 is no date: the birth-date rule must not overflow.
    values = worker_values(last_day="0001-01-05")
    worker, problems = rows.check_worker(values, row=2, today=date(2026, 11, 27), force_majeure=False)
    assert worker is None
    assert [p.column for p in problems] == ["birth_date", "last_day"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "王", ",", " ", "\n", "\r", "\r\n", "\r\n", '"', "\x00"]), max_size=40)
       .map("".join),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp950"]), size=st.integers(1, 4))
def test_chunks_hold_the_rows_the_csv_module_reads(text, encoding, size):
    content = (b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b"") + text.encode("utf-8" if encoding != "cp950" else "cp950")
    try:
        expected = list(parsing.iter_rows(content, "csv", encoding, strip=False))
    except parsing.FileError:
        return  # the csv module refuses it (a NUL, before Python 3.11): the chunks go the same way
    chunks = list(parsing.iter_chunks(content, "csv", encoding, size))
    assert [row for chunk in chunks for row in chunk] == expected
    assert all(len(chunk) == 1 for chunk in chunks[:1]) and all(0 < len(chunk) <= size for chunk in chunks[1:])


def test_a_plain_csv_is_cut_without_the_csv_module(monkeypatch):
    content = "身分證統一編號,姓名\r\nA123456789,王小明\r\n\r\nB123456780, 陳美麗 \r\n".encode("cp950")
    monkeypatch.setattr(parsing.csv, "reader", None)  # not called
    assert list(parsing.iter_chunks(content, "csv", "cp950", 2)) == [
        [["身分證統一編號", "姓名"]], [["A123456789", "王小明"], []], [["B123456780", " 陳美麗 "]]]


def _rows_or_error(read):
    try:
        return [row for chunk in read() for row in chunk]
    except parsing.FileError as error:
        return error.message_en


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "王", "許", ",", " ", "\n", "\r\n", "\n\n", '"', "\r"]), max_size=40)
       .map("".join),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp950"]), size=st.integers(1, 4),
       bad_at=st.one_of(st.none(), st.integers(0, 80)))
def test_a_file_cut_in_two_holds_the_rows_of_the_whole(text, encoding, size, bad_at):
    """The two parts give the whole file's rows, or its encoding error naming the same
    byte (a byte 0x80, never in Big5, put in at `bad_at`). The first part is plain (or
    there is no cut); the rest may hold quotes and CRs (read by the csv module)."""
    content = (b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b"") + text.encode("utf-8" if encoding != "cp950" else "cp950")
    if bad_at is not None and encoding == "cp950":
        content = content[:bad_at] + b"\x80" + content[bad_at:]
    expected = _rows_or_error(lambda: [[row] for row in parsing.iter_rows(content, "csv", encoding, strip=False)])
    cut = parsing.halves(content, encoding)
    if cut is None:
        return  # too short to cut, or a quote before the cut: read whole
    head, rest, rest_row = cut
    both = _rows_or_error(lambda: chain(parsing.plain_chunks(head, encoding, size),
                                        parsing.body_chunks(rest, encoding, size, offset=len(head))))
    assert both == expected
    if isinstance(expected, list):
        assert len([row for chunk in parsing.plain_chunks(head, encoding, size) for row in chunk]) + 1 == rest_row


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6), min_size=11,
                               max_size=11), min_size=6, max_size=30))
def test_a_workbook_cut_in_two_holds_the_rows_of_the_whole(cells):
    keys = ["id_number", "name", "sex", "birth_date", "phone", "address", "email", "position", "ground", "last_day",
            "needs_assistance"]
    content = xlsx_bytes([dict(zip(keys, row, strict=True)) for row in cells])
    whole = list(parsing.iter_rows(content, "xlsx"))
    cut = parsing.xlsx_halves(content)
    assert cut is not None
    book, _, first_row, tail = cut
    assert 2 < first_row <= len(whole)
    assert list(parsing.sheet_rows(io.BytesIO(tail), book, first_row=first_row)) == whole[first_row - 1:]


def test_a_workbook_is_not_cut_where_its_rows_are_not_plainly_numbered():
    content = xlsx_bytes([worker_values() for _ in range(6)])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    for changed in (sheet.replace(b'<row r="5">', b"<row>"), sheet.replace(b"<sheetData>", b"<sheetData><!-- x -->"),
                    sheet.replace(b'<row r="4">', b'<row r="9">')):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, changed if name == "xl/worksheets/sheet1.xml" else data)
        assert parsing.xlsx_halves(buffer.getvalue()) is None


def test_a_byte_order_mark_is_taken_off_the_file_only_not_off_a_later_part():
    content = "\ufeff身分證統一編號,姓名\n" + "".join(f"A{i},王\n" for i in range(6)) + "\ufeffB9,陳\n"
    content = content.encode("utf-8")
    expected = list(parsing.iter_rows(content, "csv", "utf-8-sig", strip=False))
    assert expected[0] == ["身分證統一編號", "姓名"] and expected[-1] == ["\ufeffB9", "陳"]
    assert [row for chunk in parsing.iter_chunks(content, "csv", "utf-8-sig", 3) for row in chunk] == expected
    head, rest, _ = parsing.halves(content, "utf-8-sig")
    assert [row for chunk in parsing.plain_chunks(head, "utf-8-sig", 2) for row in chunk] + [
        row for chunk in parsing.body_chunks(rest, "utf-8-sig", 2) for row in chunk] == expected
