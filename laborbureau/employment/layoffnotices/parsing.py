"""Reading an uploaded layoff list: CSV in UTF-8 (with or without BOM) or Big5 (cp950,
what Excel on a Traditional-Chinese Windows writes), or an Excel .xlsx workbook (its
first sheet). Rows are yielded one at a time so a 100,000-row file is never held as
objects; no Django here.

The .xlsx reader is the standard library's zipfile and XML iterparse (Office Open XML,
ECMA-376 Part 1 §18.3 worksheets, §18.4 shared strings): the platform needs only the
cell values of one sheet, so it takes no spreadsheet dependency.
"""

from __future__ import annotations

import csv
import io
import operator
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice, repeat
from xml.etree.ElementTree import iterparse

MAX_BYTES = 30 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (after the 1900 leap-year bug)
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


class FileError(Exception):
    """The file as a whole cannot be read (format, encoding, size)."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


def detect_format(name: str, content: bytes) -> str:
    """"xlsx" or "csv", from the bytes (a zip is a workbook), checked against the name."""
    if not content:
        raise FileError("檔案是空的。", "The file is empty.")
    if len(content) > MAX_BYTES:
        raise FileError(f"檔案超過{MAX_BYTES // (1024 * 1024)}MB。", f"The file is over {MAX_BYTES // (1024 * 1024)} MB.")
    lowered = name.lower()
    if content.startswith(ZIP_MAGIC):
        if lowered.endswith((".xls", ".csv", ".txt")) and not lowered.endswith(".xlsx"):
            raise FileError("副檔名與檔案內容不符。", "The file's extension does not match its content.")
        return "xlsx"
    if lowered.endswith(".xls") or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileError("不支援舊版Excel（.xls）檔案，請另存為 .xlsx 或 CSV。",
                        "Old Excel (.xls) files are not supported; save as .xlsx or CSV.")
    if lowered.endswith(".xlsx"):
        raise FileError("這不是有效的Excel（.xlsx）檔案。", "This is not a valid Excel (.xlsx) file.")
    return "csv"


def detect_encoding(content: bytes) -> str:
    """The text encoding of a CSV: "utf-8-sig" (BOM), "utf-8", or "cp950" (Big5). A file
    that is valid UTF-8 is read as UTF-8 (Big5 text is almost never valid UTF-8, while
    the reverse does happen); anything else is read as Big5. This only chooses: the
    text is checked as it is decoded (`decode`), which names the first byte that is not
    in the encoding. (A Big5 file fails UTF-8 at its first Chinese character, in the
    header, so choosing costs nothing; a check here would decode the file once more.)"""
    if content.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileError("不支援UTF-16編碼，請另存為UTF-8或Big5。", "UTF-16 is not supported; save as UTF-8 or Big5.")
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return "cp950"
    return "utf-8"


class EncodingError(FileError):
    """The text is not in the file's encoding: nothing of the file can be read."""


def decode(part: bytes, encoding: str, offset: int = 0) -> str:
    """A CSV's text, or that of its part that starts at byte `offset`, decoded strictly
    in `encoding` (detect_encoding); EncodingError names the first byte, counted from
    the file's start, that is not in it."""
    try:
        return part.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding.startswith("utf-8"):  # only with a BOM: a file without one that fails UTF-8 is Big5
            raise EncodingError("檔案標示為UTF-8但含有無法解讀的字元。",
                                "The file is marked UTF-8 but holds bytes that are not UTF-8.") from None
        raise EncodingError(
            f"無法辨識檔案編碼（第{offset + error.start}位元組），請另存為UTF-8或Big5的CSV。",
            f"Unknown text encoding (byte {offset + error.start}); save the CSV as UTF-8 or Big5.",
        ) from None


def estimate_rows(content: bytes, file_format: str) -> int:
    """Data rows to expect, for the progress bar (the header not counted)."""
    if file_format == "csv":
        lines = content.count(b"\n") + (0 if content.endswith(b"\n") else 1)
        return max(0, lines - 1)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            with archive.open(_first_sheet(archive)) as sheet:
                head = sheet.read(4096).decode("utf-8", "ignore")
    except (zipfile.BadZipFile, KeyError, FileError):
        return 0
    found = re.search(r'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', head)
    return max(0, int(found.group(1)) - 1) if found else 0


def iter_rows(content: bytes, file_format: str, encoding: str = "", strip: bool = True,
              book: XlsxBook | None = None) -> Iterator[list[str]]:
    """Every row (the header first) as a list of strings, stripped unless `strip` is
    False (a caller that strips a column at a time; a workbook's cells come stripped)."""
    if file_format == "csv":
        encoding = encoding or detect_encoding(content)
        decode(content, encoding)  # an undecodable file fails here, before its first row
        text = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
        try:
            if not strip:
                yield from csv.reader(text)
                return
            for row in csv.reader(text):
                yield [cell.strip() for cell in row]
        except csv.Error as error:
            raise FileError(f"CSV格式錯誤：{error}", f"The CSV is malformed: {error}") from None
        return
    yield from _xlsx_rows(content, book)


def iter_chunks(content: bytes, file_format: str, encoding: str = "", size: int = 5000) -> Iterator[list[list[str]]]:
    """The rows as iter_rows(strip=False) gives them, in lists: the header alone first,
    then `size` rows at a time. A plain CSV (no quote character: most files, as Excel
    quotes only a value holding a comma, a quote or a line break) is cut with str.split,
    which finds the rows the csv module finds in a fraction of its time; any other file
    goes through the csv module (tests/test_rows.py compares the two)."""
    if file_format == "csv" and _plain_bytes(content):
        yield from plain_chunks(content, encoding or detect_encoding(content), size)
        return
    yield from chunked(iter_rows(content, file_format, encoding, strip=False), size)


def chunked(stream: Iterator[list[str]], size: int, stop_at: int | None = None) -> Iterator[list[list[str]]]:
    """A file's rows from `stream` (the header first) in lists: the header alone, then
    `size` rows at a time; with `stop_at`, the chunks end before that row number and go
    on from it (another process may be reading from there)."""
    header = next(stream, None)
    if header is None:
        return
    yield [header]
    if stop_at is not None:
        yield from chunked_body(islice(stream, max(0, stop_at - 2)), size)
    yield from chunked_body(stream, size)


def chunked_body(stream: Iterator[list[str]], size: int) -> Iterator[list[list[str]]]:
    """Rows without a header, `size` at a time."""
    while chunk := list(islice(stream, size)):
        yield chunk


def plain_lines(content: bytes, encoding: str, offset: int = 0) -> list[str] | None:
    """A plain CSV's lines (of its part at byte `offset`), or None if the text is not
    plain: a quote character, a NUL, or a CR other than in CRLF."""
    text = _plain_csv(content, encoding, offset)
    if text is None:
        return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the line break that ends the last row
    return lines


def _plain_bytes(content: bytes) -> bool:
    """Whether a CSV is plain (plain_lines), read off its bytes: in UTF-8 and in Big5 a
    quote, a NUL, a CR or a line break byte is always that character, never part of
    another (so a plain file may also be cut at any line break)."""
    return b'"' not in content and b"\x00" not in content and content.count(b"\r") == content.count(b"\r\n")


def halves(content: bytes, encoding: str) -> tuple[bytes, bytes, int] | None:
    """A CSV cut in two at a line break near its middle: (the first part, the rest, the
    rest's first row number), each part for a process to decode and read. None if the
    first part is not plain (a quoted value may hold a line break: the cut could fall
    inside a row) or the file is too short to cut. The rest need not be plain: its
    reader falls back to the csv module (plain_chunks), from a row's start."""
    # A little before the middle: this process also stages what both find.
    cut = content.find(b"\n", len(content) * 45 // 100)
    if cut < 0 or cut + 1 >= len(content):
        return None
    head = content[:cut + 1]
    if not _plain_bytes(head):
        return None
    rows_in_head = head.count(b"\n")
    if rows_in_head < 2:
        return None
    return head, content[cut + 1:], rows_in_head + 1


def plain_chunks(part: bytes, encoding: str, size: int, header: bool = True,
                 offset: int = 0) -> Iterator[list[list[str]]]:
    """The rows of (a part of) a plain CSV, as iter_chunks gives them; with `header`, the
    first line alone first, and only it is decoded until the next chunk is asked for.
    `offset`: where the part starts in the file (for the byte an EncodingError names).
    A later part is decoded without a byte-order mark: only the file's start has one.
    A part that is not plain after all is read by the csv module."""
    if header:
        end = part.find(b"\n") + 1 or len(part)
        first = plain_lines(part[:end], encoding, offset)
        if not first:
            return
        yield split_plain(first)
        part, offset = part[end:], offset + end
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    lines = plain_lines(part, encoding, offset)
    if lines is not None:
        for start in range(0, len(lines), size):
            yield split_plain(lines[start:start + size])
        return
    try:
        yield from chunked_body(csv.reader(io.StringIO(decode(part, encoding, offset), newline="")), size)
    except csv.Error as error:
        raise FileError(f"CSV格式錯誤：{error}", f"The CSV is malformed: {error}") from None


def body_chunks(part: bytes, encoding: str, size: int, offset: int = 0) -> Iterator[list[list[str]]]:
    """The rows of a CSV's later part (no header; at byte `offset` of the file), `size`
    at a time; decoded when read."""
    return plain_chunks(part, encoding, size, header=False, offset=offset)


def split_plain(part: list[str]) -> list[list[str]]:
    """Plain CSV lines cut into their cells, as the csv module reads them."""
    chunk = list(map(str.split, part, repeat(",")))
    if "" in part:  # a blank line is a row of no cells to the csv module
        chunk = [cells if line else [] for cells, line in zip(chunk, part, strict=True)]
    return chunk


def _plain_csv(content: bytes, encoding: str, offset: int = 0) -> str | None:
    """The CSV's text with its line breaks as LF, if the csv module would read it as
    plain comma-separated lines: no quote character, no NUL, no CR other than in CRLF."""
    text = decode(content, encoding, offset)
    if '"' in text or "\x00" in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    return text


MAX_UNPACKED = 400 * 1024 * 1024  # a zip bomb stops here


def _part(archive: zipfile.ZipFile, name: str):
    """An XML part of the workbook, opened for streaming, after the checks that make
    parsing an untrusted file safe: a bounded unpacked size, and no DTD (a DOCTYPE can
    only come before the root element, so the head tells; without one there are no
    entities to expand or fetch)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise FileError("這不是有效的Excel（.xlsx）檔案。", "This is not a valid Excel (.xlsx) file.") from None
    if info.file_size > MAX_UNPACKED or sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
        raise FileError("Excel檔案解壓縮後過大。", "The workbook is too large when unpacked.")
    with archive.open(info) as handle:
        head = handle.read(4096)
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise FileError("Excel檔案含有不允許的XML宣告。", "The workbook holds XML declarations that are not allowed.")
    return archive.open(info)


def _parse(source):
    # Safe on what _part lets through (no DTD, bounded size): the standard parser then
    # expands nothing and fetches nothing.
    return iterparse(source)  # noqa: S314


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The path of the workbook's first sheet (through workbook.xml and its relations)."""
    with _part(archive, "xl/workbook.xml") as workbook:
        first = next((el for _, el in _parse(workbook) if el.tag == f"{_NS}sheet"), None)
    if first is None:
        raise FileError("活頁簿中沒有工作表。", "The workbook has no sheet.")
    rel_id = first.get(f"{_REL_NS}id")
    with _part(archive, "xl/_rels/workbook.xml.rels") as rels:
        for _, el in _parse(rels):
            if el.tag.endswith("Relationship") and el.get("Id") == rel_id:
                target = el.get("Target", "").lstrip("/")
                return target if target.startswith("xl/") else f"xl/{target}"
    raise FileError("找不到第一個工作表。", "The first sheet is missing.")


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index - 1


@dataclass(frozen=True)
class XlsxBook:
    """What reading a workbook's first sheet needs besides the sheet: its shared
    strings, the cell styles that are dates, and the sheet's part name."""

    shared: list[str]
    date_styles: set[int]
    sheet: str


def _archive(content: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise FileError("這不是有效的Excel（.xlsx）檔案。", "This is not a valid Excel (.xlsx) file.") from None


def xlsx_book(content: bytes) -> XlsxBook:
    with _archive(content) as archive:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in archive.namelist():
            with _part(archive, "xl/sharedStrings.xml") as handle:
                for _, el in _parse(handle):
                    if el.tag == f"{_NS}si":
                        shared.append("".join(t.text or "" for t in el.iter(f"{_NS}t")))
                        el.clear()
        return XlsxBook(shared, _date_styles(archive), _first_sheet(archive))


def _xlsx_rows(content: bytes, book: XlsxBook | None = None) -> Iterator[list[str]]:
    book = book or xlsx_book(content)
    with _archive(content) as archive, _part(archive, book.sheet) as handle:
        yield from sheet_rows(handle, book)


def sheet_rows(handle, book: XlsxBook, first_row: int = 1) -> Iterator[list[str]]:
    """A sheet's rows from its XML (a file object), the first being `first_row`: a row
    absent from the XML (an empty row) is given as []."""
    expected = first_row
    for _, el in _parse(handle):
        if el.tag != f"{_NS}row":
            continue
        number = int(el.get("r") or expected)
        while expected < number:  # empty rows are absent from the XML
            yield []
            expected += 1
        expected = number + 1
        cells: list[str] = []
        for cell in el.iter(f"{_NS}c"):
            ref = _CELL_REF.match(cell.get("r") or "")
            column = _column_index(ref.group(1)) if ref else len(cells)
            while len(cells) < column:
                cells.append("")
            cells.append(_cell_text(cell, book.shared, book.date_styles).strip())
        yield cells
        el.clear()


MAX_SPLIT_SHEET = 200 * 1024 * 1024  # a larger sheet is read by one process, streamed


def xlsx_halves(content: bytes) -> tuple[XlsxBook, bytes, int, bytes] | None:
    """A workbook's first sheet cut in two for two processes: (the book, the sheet's
    XML, the first row of the second part, the second part as a sheet document of its
    own: the sheet's head, up to and with its <sheetData>, then the rows from that row
    on). The cut is at a `<row r="N"` tag near the middle, N given; None when the sheet
    is not written so (prefixed names, comments or CDATA, no row numbers), or too large."""
    book = xlsx_book(content)
    with _archive(content) as archive:
        if book.sheet not in archive.namelist() or archive.getinfo(book.sheet).file_size > MAX_SPLIT_SHEET:
            return None  # a missing sheet is reported by the reader
        with _part(archive, book.sheet) as handle:
            xml = handle.read()
    if b"<!--" in xml or b"<![CDATA[" in xml:
        return None
    data = xml.find(b"<sheetData")
    opened = xml.find(b">", data)
    if data < 0 or opened < 0 or xml[opened - 1:opened] == b"/":
        return None
    # Every row numbered, in order: then the rows before the cut are the rows before N.
    numbers = list(map(int, _ROW_TAG.findall(xml)))
    if len(numbers) != xml.count(b"<row") or not all(map(operator.lt, numbers, numbers[1:])):
        return None
    found = _ROW_TAG.search(xml, len(xml) // 2)
    if found is None or found.start() <= opened or int(found.group(1)) <= 2:
        return None
    return book, xml, int(found.group(1)), xml[:opened + 1] + xml[found.start():]


_ROW_TAG = re.compile(rb"<row r=[\"'](\d+)[\"']")


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """The cell-style indexes whose number format is a date (built-in 14–22, 45–47, or a
    custom format with y/m/d and no time-only letters)."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    custom_dates: set[int] = set()
    styles: set[int] = set()
    in_xfs = False
    index = 0
    with _part(archive, "xl/styles.xml") as handle:
        events = list(iterparse(handle, events=("start", "end")))  # noqa: S314 - checked by _part; a small part
    for event, el in events:
        if event == "start" and el.tag == f"{_NS}cellXfs":
            in_xfs = True
        elif event == "end" and el.tag == f"{_NS}cellXfs":
            in_xfs = False
        elif event == "end" and el.tag == f"{_NS}numFmt":
            code = (el.get("formatCode") or "").lower()
            if "y" in code or ("d" in code and "m" in code):
                custom_dates.add(int(el.get("numFmtId") or 0))
        elif event == "end" and el.tag == f"{_NS}xf" and in_xfs:
            fmt = int(el.get("numFmtId") or 0)
            if 14 <= fmt <= 22 or 45 <= fmt <= 47 or fmt in custom_dates:
                styles.add(index)
            index += 1
    return styles


def _cell_text(cell, shared: list[str], date_styles: set[int]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_NS}t"))
    value = cell.find(f"{_NS}v")
    if value is None or value.text is None:
        return ""
    text = value.text
    if kind == "s":
        try:
            return shared[int(text)]
        except (ValueError, IndexError):
            return ""
    if kind in ("str", "b", "e"):
        return text
    if int(cell.get("s") or 0) in date_styles:
        try:
            return (_EXCEL_EPOCH + timedelta(days=int(float(text)))).isoformat()
        except (ValueError, OverflowError):
            return text
    if text.endswith(".0"):
        return text[:-2]
    return text
