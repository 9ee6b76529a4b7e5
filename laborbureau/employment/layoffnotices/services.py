"""Writes of the layoff notices (資遣通報, 就業服務法第33條).

Public entry points:

    notice_file(*, data: NoticeInput, actor) -> LayoffNotice          portal form, API
    upload_create(*, data: UploadInput, actor) -> (LayoffUpload, created)
    upload_validate(upload_id) -> LayoffUpload                        the background task
    upload_confirm(*, upload, actor) -> LayoffNotice                  all rows or none
    upload_discard(*, upload, actor) -> LayoffUpload
    invitations_send(notice_id) -> int                                the background task
    invitation_accept(*, worker, actor, profile=None) -> LayoffWorker
    invitation_decline(*, worker, actor) -> LayoffWorker
    notice_match_run(*, notice, actor) -> MatchRun
    fine_case_open(*, notice, actor, violation_date, amount, findings="") -> Case
    monitor_feed_due(today=None) -> int                               periodic
    matches_refresh_due(today=None) -> int                            periodic

Who: an employer account files for itself (its own establishments); the Employment
Services Office's staff (ESO, the director, a unit grant) read every notice, record a
worker's answer at the counter, run matching and open the fine case.
"""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import operator
import os
import pickle
import re
import signal
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, PartyRole
from laborbureau.cases.models import Channel as CaseChannel
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from laborbureau.core.models import Employer, Establishment, User, UserKind
from laborbureau.employment import matching, scoring
from laborbureau.employment import services as employment_services
from laborbureau.employment.layoffnotices import columns, parsing, rows, workflows
from laborbureau.employment.layoffnotices.models import (
    Channel,
    FineProposal,
    InvitationStatus,
    LayoffNotice,
    LayoffStagedBatch,
    LayoffUpload,
    LayoffUploadFile,
    LayoffWorker,
    MonitorFeed,
    NumberSequence,
    UploadStatus,
)
from laborbureau.employment.models import JobSeeker
from laborbureau.notify.services import outbox_write
from laborbureau.rules import roc_calendar

log = logging.getLogger(__name__)

MAX_FORM_WORKERS = 500  # a longer list goes through the file upload
MAX_STORED_ERRORS = 5000
PROGRESS_SECONDS = 0.5
INSERT_BATCH = 5000
MATCHES_KEPT = 5
NUMBER_PREFIX = "LN"


# --- who ---------------------------------------------------------------------------------


def _filing_employer(actor: User) -> Employer:
    """The employer an account files for (a notice on paper is entered by the office:
    notice_file with NoticeInput.employer_business_id)."""
    if not actor.is_authenticated or actor.kind != UserKind.EMPLOYER:
        raise Forbidden("資遣通報由事業單位以其帳號提出；紙本通報由就業服務處登打。",
                        "Layoff notices are filed by employer accounts; the office enters paper ones.")
    if actor.employer_id is None:
        raise Forbidden("此帳號未連結事業單位。", "This account is not linked to an employer.")
    employer = actor.employer
    return employer.merged_into if employer.merged_into_id else employer


def _establishment(employer: Employer, establishment_id: int | None, name: str, address: str) -> Establishment:
    """The site the workers work at: one of the employer's, by id, or by name (added if new)."""
    if establishment_id:
        site = Establishment.objects.filter(pk=establishment_id, employer=employer).first()
        if site is None:
            raise ApplicationError("查無此廠場。", "Unknown establishment.", field="establishment_id")
        return site
    name = (name or "").strip()
    if not name:
        raise ApplicationError("請選擇或填寫廠場（工作地點）。", "Choose or name the establishment.",
                               field="establishment_name")
    if len(name) > 120:
        raise ApplicationError("廠場名稱請在120字以內。", "Establishment name: at most 120 characters.",
                               field="establishment_name")
    site = Establishment.objects.filter(employer=employer, name=name).first()
    if site is None:
        site = Establishment.objects.create(employer=employer, name=name, address=(address or "").strip()[:200])
    return site


def can_read(user: User) -> bool:
    return employment_services.can_read(user)


def can_serve(user: User) -> bool:
    return employment_services.can_serve(user)


# --- numbers -------------------------------------------------------------------------------


def _number_next(on: date) -> str:
    year = roc_calendar.to_roc(on)[0]
    NumberSequence.objects.get_or_create(roc_year=year)
    NumberSequence.objects.filter(pk=year).update(last_number=F("last_number") + 1)
    return f"{NUMBER_PREFIX}-{year}-{NumberSequence.objects.get(pk=year).last_number:06d}"


# --- filing from a form or the API ------------------------------------------------------------


@dataclass(frozen=True)
class NoticeInput:
    workers: list[dict[str, str]]  # each: rows.COLUMNS keys -> text as typed
    establishment_id: int | None = None
    establishment_name: str = ""
    establishment_address: str = ""
    force_majeure: bool = False  # 第33條第1項但書
    contact_name: str = ""
    contact_phone: str = ""
    channel: str = Channel.PORTAL
    # A notice on paper (at the counter or by mail), entered by an ESO officer: the
    # employer by its 統一編號 (found, or recorded with the name given), and the day the
    # paper reached the office (by mail: the postmark's day, 行政程序法第49條).
    employer_business_id: str = ""
    employer_name: str = ""
    received_on: date | None = None


# How far back the office may date a paper notice it enters (a local working rule,
# not a statutory limit: older papers are entered with the chief's note in the case file).
PAPER_BACKDATE_DAYS = 30


def _counter_filing(data: NoticeInput, actor: User) -> tuple[core_services.EmployerInput, date]:
    """The employer (to find or record, in the filing's transaction) and the filing day
    of a paper notice entered by the office."""
    if not can_serve(actor):
        raise Forbidden("您不可代為登打資遣通報。", "You may not enter layoff notices for employers.")
    today = timezone.localdate()
    received = data.received_on or today
    if received > today:
        raise ApplicationError("收件日不可晚於今天。", "The day received cannot be in the future.",
                               field="received_on")
    if received < today - timedelta(days=PAPER_BACKDATE_DAYS):
        raise ApplicationError(f"收件日早於{PAPER_BACKDATE_DAYS}日前，請簽陳科長後另案登錄。",
                               f"Received more than {PAPER_BACKDATE_DAYS} days ago: record it through the chief.",
                               field="received_on")
    if not data.employer_business_id.strip():
        raise ApplicationError("請填寫事業單位統一編號。", "The employer's business ID is required.",
                               field="employer_business_id")
    try:
        business_id = core_services.normalize_business_id(data.employer_business_id)
    except ApplicationError as error:
        raise ApplicationError(error.message_zh, error.message_en, field="employer_business_id") from None
    name = data.employer_name.strip()
    if len(name) > 120:
        raise ApplicationError("事業單位名稱請在120字以內。", "Employer name: at most 120 characters.",
                               field="employer_name")
    return core_services.EmployerInput(name=name or "（紙本通報）", business_id=business_id), received


def _counter_employer(employer_input: core_services.EmployerInput, actor: User) -> Employer:
    employer, _ = core_services.employer_register(data=employer_input, actor=actor)
    return employer.merged_into if employer.merged_into_id else employer


def notice_file(*, data: NoticeInput, actor: User) -> LayoffNotice:
    """File a notice of up to MAX_FORM_WORKERS workers. Every worker is checked (the
    error names `workers.<i>.<field>`); a worker already notified by this employer for
    the same last day is refused (409). Writes the notice, its workers and, after the
    commit, the invitations; nothing on a refusal.

    An employer account files for itself, on the day. An ESO officer enters a notice
    that came on paper (channel COUNTER), for the employer named by its 統一編號 and on
    the day it was received: its deadlines and lateness are judged on that day."""
    employer_input = None
    if actor.is_authenticated and actor.kind == UserKind.STAFF:
        employer_input, today = _counter_filing(data, actor)
        channel = Channel.COUNTER
    else:
        if data.employer_business_id or data.received_on:
            raise Forbidden("僅就業服務處可代為登打紙本通報。", "Only the office enters paper notices.")
        employer = _filing_employer(actor)
        today = timezone.localdate()
        channel = data.channel
    if not data.workers:
        raise ApplicationError("請至少填寫一位被資遣員工。", "List at least one worker.", field="workers")
    if len(data.workers) > MAX_FORM_WORKERS:
        raise ApplicationError(f"逐筆填報最多{MAX_FORM_WORKERS}人，人數較多請以檔案上傳。",
                               f"At most {MAX_FORM_WORKERS} workers here; upload a file for more.", field="workers")
    contact_name, contact_phone = _contact(data.contact_name, data.contact_phone)
    checked: list[rows.Worker] = []
    seen: dict[str, int] = {}
    for index, values in enumerate(data.workers):
        worker, problems = rows.check_worker({k: str(v or "").strip() for k, v in values.items()}, row=index,
                                             today=today, force_majeure=data.force_majeure)
        if problems:
            first = problems[0]
            raise ApplicationError(first.zh, first.en, field=f"workers.{index}.{first.column or 'id_number'}")
        if worker.id_number in seen:
            raise ApplicationError(f"此員工與第{seen[worker.id_number] + 1}位重複。",
                                   f"The same worker as number {seen[worker.id_number] + 1}.",
                                   field=f"workers.{index}.id_number", code="duplicate")
        seen[worker.id_number] = index
        checked.append(worker)
    with transaction.atomic():
        if employer_input is not None:  # recorded with the notice, or not at all
            employer = _counter_employer(employer_input, actor)
        Employer.objects.select_for_update().filter(pk=employer.pk).first()  # serialise one employer's filings
        site = _establishment(employer, data.establishment_id, data.establishment_name, data.establishment_address)
        existing = _already_filed(employer, checked)
        for index, worker in enumerate(checked):
            number = existing.get((worker.id_number, worker.last_day))
            if number:
                raise Conflict(f"此員工同一離職日已於{number}通報。",
                               f"This worker was already notified for this last day ({number}).",
                               field=f"workers.{index}.id_number", code="duplicate")
        notice = _notice_create(employer=employer, site=site, actor=actor, channel=channel,
                                force_majeure=data.force_majeure, contact_name=contact_name,
                                contact_phone=contact_phone, upload=None, today=today)
        writer = _WorkerWriter(notice, today)
        for index, worker in enumerate(checked, start=1):
            writer.add(index, worker)
        writer.close()
        _notice_totals(notice, writer.totals)
        _after_filing(notice)
    return notice


def _contact(name: str, phone: str) -> tuple[str, str]:
    name, phone = (name or "").strip(), (phone or "").strip()
    if len(name) > 80:
        raise ApplicationError("聯絡人請在80字以內。", "Contact name: at most 80 characters.", field="contact_name")
    if phone and not rows._PHONE.match(phone):
        raise ApplicationError("聯絡電話僅可含數字、+、-、#、括號。", "Contact phone: digits, +, -, # and brackets.",
                               field="contact_phone")
    return name, phone


def _already_filed(employer: Employer, workers: Iterable[rows.Worker]) -> dict[tuple[str, date], str]:
    ids = sorted({w.id_number for w in workers})
    found: dict[tuple[str, date], str] = {}
    for start in range(0, len(ids), 2000):
        for id_number, last_day, number in LayoffWorker.objects.filter(
            employer=employer, id_number__in=ids[start:start + 2000]
        ).values_list("id_number", "last_day", "notice__number"):
            found[(id_number, last_day)] = number
    return found


def _notice_create(*, employer, site, actor, channel, force_majeure, contact_name, contact_phone, upload, today):
    # The totals are set once the workers are in (_notice_totals), in the same transaction.
    return LayoffNotice.objects.create(
        number=_number_next(timezone.localdate()), employer=employer, establishment=site, channel=channel,
        force_majeure=force_majeure, contact_name=contact_name, contact_phone=contact_phone, filed_on=today,
        filed_by=actor, worker_count=1, first_day=today, last_day=today, earliest_due=today, upload=upload,
    )


# Workers travel in batches held a column at a time: a list of values per column of
# BATCH_COLUMNS, each value as PostgreSQL's COPY text format writes it (backslash, tab,
# CR and LF escaped), so that a batch is made and loaded without Python work per row:
# columns are extended from a checked chunk's columns, zipped into rows for SQLite's
# executemany, joined into COPY lines for PostgreSQL. The validation keeps them
# (LayoffStagedBatch: the columns joined by LF, the batch's columns by RS) for the
# filing. The notice, the employer, the invitation state and the matches are added
# when the rows are inserted.
BATCH_COLUMNS = ("row", "id_number", "name", "sex", "birth_date", "phone", "email", "address", "position", "ground",
                 "last_day", "needs_assistance", "due_on", "late", "invitation_token")
_TEXT_COLUMNS = tuple(BATCH_COLUMNS.index(name) for name in ("name", "phone", "email", "address", "position"))
_ID_COLUMN = BATCH_COLUMNS.index("id_number")
_LAST_DAY_COLUMN = BATCH_COLUMNS.index("last_day")
_COLUMN_SEPARATOR = "\x1e"  # a control character: the row rules let none into a value
# The summary's mark of the staged batches' layout: an upload validated with another
# (before an upgrade) is read and checked again when confirmed.
STAGED_LAYOUT = 3
CHUNK_ROWS = 5000  # rows checked together, column-wise (columns.check_chunk)
_COPY_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_UNESCAPE = re.compile(r"\\(.)")
_COPY_CODES = {"t": "\t", "n": "\n", "r": "\r"}
_SENT = InvitationStatus.SENT.value
_CODE = re.compile("[0-9a-f]{32}")
_FLAG = {True: "1", False: "0"}


def _invitation_codes(count: int) -> list[str]:
    """Random codes printed on the invitation letters, for the counter (secrets' source)."""
    return _CODE.findall(os.urandom(16 * count).hex())


def _copy_unescape(value: str) -> str:
    return _COPY_UNESCAPE.sub(lambda m: _COPY_CODES.get(m.group(1), m.group(1)), value)


def _batch_rows(batch: list[list[str]]) -> Iterator[tuple[str, ...]]:
    """A batch's rows, values unescaped (a value holds a backslash only when escaped,
    and only the free-text columns can)."""
    columns = list(batch)
    for index in _TEXT_COLUMNS:
        if "\\" in "".join(columns[index]):  # one scan in C, not a call per value
            columns[index] = list(map(_copy_unescape, columns[index]))
    return zip(*columns, strict=True)


@dataclass
class _Totals:
    """The notice's figures, kept while its rows go by (first/last day, lateness)."""

    count: int = 0
    late_count: int = 0
    max_days_late: int = 0
    first_day: date | None = None
    last_day: date | None = None
    earliest_due: date | None = None
    earliest_late_due: date | None = None

    def add(self, last_day: date, due: date, late: bool, today: date, count: int = 1) -> None:
        if late:
            self.late_count += count
            self.max_days_late = max(self.max_days_late, (today - due).days)
            self.earliest_late_due = due if self.earliest_late_due is None else min(self.earliest_late_due, due)
        self.count += count
        self.first_day = last_day if self.first_day is None else min(self.first_day, last_day)
        self.last_day = last_day if self.last_day is None else max(self.last_day, last_day)
        self.earliest_due = due if self.earliest_due is None else min(self.earliest_due, due)

    def as_dict(self) -> dict:
        return {key: value.isoformat() if isinstance(value, date) else value for key, value in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict) -> _Totals:
        dates = ("first_day", "last_day", "earliest_due", "earliest_late_due")
        return cls(**{key: (date.fromisoformat(data[key]) if key in dates and data[key] else data[key])
                      for key in cls.__dataclass_fields__})


class _Lines:
    """Checked workers gathered into batches (BATCH_COLUMNS) with their totals, for one
    filing day. `sink(batch)` receives every INSERT_BATCH rows (the insert, or the
    staging). A list has few last days: what follows from the day (due date, lateness)
    is worked out once per day, and the totals from the count per day."""

    def __init__(self, today: date, force_majeure: bool, sink):
        self.today = today
        self.force_majeure = force_majeure
        self.sink = sink
        self.batch: list[list[str]] = [[] for _ in BATCH_COLUMNS]
        self.size = 0
        self.per_day: dict[date, int] = {}
        self.days: dict[date, tuple[str, str, str]] = {}  # last day: its ISO text, due date, lateness

    def _day(self, day: date) -> tuple[str, str, str]:
        found = self.days.get(day)
        if found is None:
            due, late_after = rows.due_date(day, self.force_majeure)
            found = self.days[day] = (day.isoformat(), due.isoformat(), _FLAG[self.today > late_after])
        return found

    def add(self, row: int, worker: rows.Worker) -> None:
        day, due, late = self._day(worker.last_day)
        self.per_day[worker.last_day] = self.per_day.get(worker.last_day, 0) + 1
        escape = _COPY_ESCAPE
        values = (str(row), worker.id_number, worker.name.translate(escape), worker.sex,
                  worker.birth_date.isoformat(), worker.phone.translate(escape), worker.email.translate(escape),
                  worker.address.translate(escape), worker.position.translate(escape), worker.ground, day,
                  _FLAG[worker.needs_assistance], due, late, _invitation_codes(1)[0])
        for column, value in zip(self.batch, values, strict=True):
            column.append(value)
        self.size += 1
        if self.size >= INSERT_BATCH:
            self.flush()

    def add_clean(self, first_row: int, clean: columns.Clean) -> None:
        """A chunk found good column-wise, added a column at a time (in C: extend and
        map): its values hold nothing to escape (columns.check_chunk leaves such rows
        to the row rules)."""
        days = Counter(clean.last_day)
        for day, count in days.items():
            self.per_day[day] = self.per_day.get(day, 0) + count
        iso, due, late = ({day: self._day(day)[k] for day in days} for k in range(3))
        count = len(clean.last_day)
        for column, values in zip(self.batch, (
                map(str, range(first_row, first_row + count)), clean.id_number, clean.name, clean.sex,
                clean.birth_date, clean.phone, clean.email, clean.address, clean.position, clean.ground,
                map(iso.__getitem__, clean.last_day), map(_FLAG.__getitem__, clean.needs_assistance),
                map(due.__getitem__, clean.last_day), map(late.__getitem__, clean.last_day),
                _invitation_codes(count)), strict=True):
            column.extend(values)
        self.size += count
        if self.size >= INSERT_BATCH:
            self.flush()

    @property
    def totals(self) -> _Totals:
        totals = _Totals()
        for day, count in sorted(self.per_day.items()):
            due, late_after = rows.due_date(day, self.force_majeure)
            totals.add(day, due, self.today > late_after, self.today, count)
        return totals

    def flush(self) -> None:
        if self.size:
            self.sink(self.batch)
            self.batch = [[] for _ in BATCH_COLUMNS]
            self.size = 0


class _Stager:
    """The validation's copy of the checked rows, written a batch at a time
    (LayoffStagedBatch) as the file is read, so that memory holds one batch."""

    def __init__(self, upload_id: int, today: date, force_majeure: bool):
        self.upload_id = upload_id
        self.written = 0
        self.lines = _Lines(today, force_majeure, self._write)

    def _write(self, batch: list[list[str]]) -> None:
        self.write_encoded(_encode_batch(batch))

    def write_encoded(self, data: bytes) -> None:
        _staged_write(self.upload_id, self.written, data)
        self.written += 1

    def close(self) -> None:
        self.lines.flush()


def _encode_batch(batch: list[list[str]]) -> bytes:
    """A batch as it is staged: each column's values joined by LF, the columns by RS."""
    return _COLUMN_SEPARATOR.join(map("\n".join, batch)).encode()


def _raw_cursor():
    """The driver's cursor. On PostgreSQL a server-side-binding one: Django's
    (client-side) cannot send or take binary, and through the ORM a bytea comes as hex
    text, twice its size, decoded again; a 10 MB file would be quoted as 20 MB of hex."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        import psycopg

        return psycopg.Cursor(connection.connection)
    return connection.connection.cursor()


def _raw(sql: str, params: list, *, fetch: bool = False):
    """Run one statement on the driver's cursor (_raw_cursor): `%s` marks a parameter,
    `%b` a bytes one (sent in binary on PostgreSQL); with `fetch`, its first row (bytes
    taken in binary). Tables and columns come from the models, never from input."""
    postgres = connection.vendor == "postgresql"
    raw = _raw_cursor()
    try:
        if postgres:
            raw.execute(sql, params, binary=fetch)
        else:
            raw.execute(sql.replace("%b", "?").replace("%s", "?"), params)
        return raw.fetchone() if fetch else None
    finally:
        raw.close()


def _staged_write(upload_id: int, seq: int, data: bytes) -> None:
    _raw(f"INSERT INTO {LayoffStagedBatch._meta.db_table} (upload_id, seq, lines) VALUES (%s, %s, %b)",  # noqa: S608
         [upload_id, seq, data])


def _staged_batches(upload_id: int) -> Iterator[list[list[str]]]:
    """The staged batches back, one at a time, in the order they were written."""
    query = f"SELECT lines FROM {LayoffStagedBatch._meta.db_table} WHERE upload_id = %s AND seq = %s"  # noqa: S608
    seq = 0
    while (found := _raw(query, [upload_id, seq], fetch=True)) is not None:
        yield [column.split("\n") for column in bytes(found[0]).decode().split(_COLUMN_SEPARATOR)]
        seq += 1


def _staged_clear(upload_id: int) -> None:
    LayoffStagedBatch.objects.filter(upload_id=upload_id).delete()


def _content_read(upload_id: int) -> bytes:
    """An upload's file, as bytes."""
    found = _raw(f"SELECT content FROM {LayoffUploadFile._meta.db_table} WHERE upload_id = %s",  # noqa: S608
                 [upload_id], fetch=True)
    return bytes(found[0]) if found and found[0] is not None else b""


def _content_write(upload_id: int, data: bytes) -> None:
    """Keep an upload's file."""
    _raw(f"INSERT INTO {LayoffUploadFile._meta.db_table} (upload_id, content) VALUES (%s, %b)",  # noqa: S608
         [upload_id, data])


def _load_lines(notice: LayoffNotice, batch: list[list[str]]) -> None:
    """Insert a batch of workers (BATCH_COLUMNS) into the notice, on the driver's own
    cursor: Django's wrapper would re-quote every parameter for its query log and
    rewrite the placeholders, per statement."""
    if not batch[0]:
        return
    table = LayoffWorker._meta.db_table
    names = ", ".join(connection.ops.quote_name(name)
                      for name in ("notice_id", "employer_id", *BATCH_COLUMNS, "invitation", "matches"))
    notice_id, employer_id = int(notice.pk), int(notice.employer_id)
    raw = _raw_cursor()
    try:
        if connection.vendor == "postgresql":
            # COPY text lines, the values already in its format: no Python adaptation.
            prefix, suffix = f"{notice_id}\t{employer_id}\t", f"\t{_SENT}\t[]\n"
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                copy.write(prefix + (suffix + prefix).join(map("\t".join, zip(*batch, strict=True))) + suffix)
        else:
            # SQLite stores the text as the columns' affinity says (integers, 0/1, ISO
            # dates: what Django writes). Table and columns come from the model, the
            # notice and employer are integers.
            marks = ", ".join(["?"] * len(BATCH_COLUMNS))
            raw.executemany(f"INSERT INTO {table} ({names}) "  # noqa: S608
                            f"VALUES ({notice_id}, {employer_id}, {marks}, '{_SENT}', '[]')", _batch_rows(batch))
    finally:
        raw.close()


_REFS_TRIGGER = "layoffnotices_worker_refs_insert"  # migrations/0002


@contextmanager
def _references_checked_once(notice: LayoffNotice):
    """Load a notice's workers with their references checked once, not row by row.

    On SQLite a trigger checks each inserted worker's notice and employer (migrations/
    0002); on a 100,000-row list that is a third of the load. Every row loaded here
    carries this notice and its employer, so one check says the same: inside the
    filing's transaction the trigger is dropped, the rows loaded, the notice checked,
    and the trigger created again from its own text before the commit. SQLite's DDL is
    transactional: a failure rolls the drop back with the rows, and other connections
    never see the table without it (the transaction holds the write lock). PostgreSQL
    checks a whole COPY in one statement-level trigger already."""
    if connection.vendor != "sqlite" or not connection.in_atomic_block or not connection.connection.in_transaction:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [_REFS_TRIGGER])
        found = cursor.fetchone()
        if found:
            cursor.execute(f"DROP TRIGGER {_REFS_TRIGGER}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM layoffnotices_layoffnotice WHERE id = %s AND employer_id = %s",
                       [notice.pk, notice.employer_id])
        if cursor.fetchone() is None:
            raise IntegrityError("layoffnotices_layoffworker: notice missing, or employer other than the notice's")
        if found:
            cursor.execute(found[0])


class _WorkerWriter:
    """Inserts a notice's workers in batches as they are checked, keeping only the
    running totals: a long list is never held as objects."""

    def __init__(self, notice: LayoffNotice, today: date):
        self.notice = notice
        self.lines = _Lines(today, notice.force_majeure, lambda batch: _load_lines(notice, batch))
        self.add = self.lines.add

    @property
    def totals(self) -> _Totals:
        return self.lines.totals

    def close(self) -> None:
        self.lines.flush()


def _notice_totals(notice: LayoffNotice, totals: _Totals) -> None:
    notice.worker_count = totals.count
    notice.first_day = totals.first_day
    notice.last_day = totals.last_day
    notice.late_count = totals.late_count
    notice.late = totals.late_count > 0
    notice.max_days_late = totals.max_days_late
    # For a late notice, the due date that matters is the earliest one missed.
    notice.earliest_due = totals.earliest_late_due if notice.late else totals.earliest_due
    notice.save(update_fields=["worker_count", "first_day", "last_day", "late_count", "late", "max_days_late",
                               "earliest_due"])


def _after_filing(notice: LayoffNotice) -> None:
    """The receipt to the filing account, an alert to ESO on a late notice, and the
    invitations (a background task, after the commit)."""
    flag_zh = f"（逾期，{notice.late_count}人未於離職十日前通報）" if notice.late else ""
    if notice.filed_by.kind == UserKind.EMPLOYER:
        receivers = [notice.filed_by]
    else:  # entered by the office from paper: the employer's accounts, if it has any
        receivers = list(User.objects.filter(kind=UserKind.EMPLOYER, is_active=True, employer_id=notice.employer_id)
                         .order_by("pk")[:5])
    for receiver in receivers:
        outbox_write(
            recipient=receiver,
            subject_zh=f"資遣通報 {notice.number} 已收件{flag_zh}",
            subject_en=f"Layoff notice {notice.number} received" + (" (late)" if notice.late else ""),
            body_zh=f"貴單位通報資遣員工{notice.worker_count}人（{notice.establishment.name}），本處將協助其再就業（就業服務法第33條第2項）。",
            body_en=f"{notice.worker_count} workers notified; the employment service will help them find work.",
            link=f"/portal/employer/layoff-notices/{notice.pk}/",
        )
    if notice.late:
        for officer in User.objects.filter(kind=UserKind.STAFF, is_active=True, unit__code=workflows.UNIT,
                                           role__in=workflows.OFFICERS).order_by("pk"):
            outbox_write(
                recipient=officer,
                subject_zh=f"逾期資遣通報 {notice.number} {notice.employer.name}"[:200],
                subject_en=f"Late layoff notice {notice.number}",
                body_zh=f"{notice.late_count}人未於離職十日前通報（最多逾期{notice.max_days_late}日），得依就業服務法第68條第1項查處。",
                body_en=f"{notice.late_count} workers notified late (up to {notice.max_days_late} days).",
                link=f"/staff/employment/layoff-notices/{notice.pk}/",
            )
    notice_id = notice.pk
    transaction.on_commit(lambda: _enqueue_invitations(notice_id))


def _enqueue_invitations(notice_id: int) -> None:
    from laborbureau.employment.layoffnotices.tasks import send_invitations

    send_invitations.enqueue(notice_id)


# --- uploads ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadInput:
    file_name: str
    content: bytes
    establishment_id: int | None = None
    establishment_name: str = ""
    establishment_address: str = ""
    force_majeure: bool = False
    channel: str = Channel.UPLOAD


def upload_create(*, data: UploadInput, actor: User) -> tuple[LayoffUpload, bool]:
    """Keep an uploaded file and queue its validation (progress on the row). The same
    file uploaded again by the employer answers the earlier upload (created False)
    unless that one was discarded; a file already filed answers 409."""
    employer = _filing_employer(actor)
    name = (data.file_name or "upload.csv").strip()[-200:]
    try:
        file_format = parsing.detect_format(name, data.content)
    except parsing.FileError as error:
        raise ApplicationError(error.message_zh, error.message_en, field="file") from None
    digest = hashlib.sha256(data.content).hexdigest()
    with transaction.atomic():
        Employer.objects.select_for_update().filter(pk=employer.pk).first()
        earlier = (LayoffUpload.objects.filter(employer=employer, file_hash=digest)
                   .exclude(status=UploadStatus.DISCARDED).order_by("-pk").first())
        if earlier is not None:
            if earlier.status == UploadStatus.IMPORTED:
                number = LayoffNotice.objects.filter(upload=earlier).values_list("number", flat=True).first()
                raise Conflict(f"此檔案已於{number}完成通報，不會重複匯入。",
                               f"This file was already filed as {number}; it is not imported twice.", field="file",
                               code="duplicate")
            return earlier, False
        site = _establishment(employer, data.establishment_id, data.establishment_name, data.establishment_address)
        upload = LayoffUpload.objects.create(
            employer=employer, establishment=site, force_majeure=data.force_majeure, uploaded_by=actor,
            channel=data.channel, file_name=name, file_hash=digest, file_format=file_format,
            total_rows=parsing.estimate_rows(data.content, file_format),
        )
        _content_write(upload.pk, data.content)
        upload_id = upload.pk
        transaction.on_commit(lambda: _enqueue_validation(upload_id))
    return upload, True


def _enqueue_validation(upload_id: int) -> None:
    from laborbureau.employment.layoffnotices.tasks import validate_upload

    validate_upload.enqueue(upload_id)


class _Invalid(Exception):
    def __init__(self, problems: list[rows.Problem], count: int):
        super().__init__("invalid")
        self.problems = problems
        self.count = count


@dataclass
class _Scan:
    """The outcome of reading a file once: its problems (capped) and figures."""

    problems: list[rows.Problem] = field(default_factory=list)
    problem_count: int = 0
    rows: int = 0
    late: int = 0
    first_day: date | None = None
    last_day: date | None = None

    def problem(self, problem: rows.Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_STORED_ERRORS:
            self.problems.append(problem)


def _scan(upload: LayoffUpload, today: date, sink: _Lines | None = None, progress=None,
          column_wise: bool = True, stager: _Stager | None = None) -> _Scan:
    """Read the upload once, checking every row. `sink` receives the valid workers while
    no problem is found (the staging, or the import); `progress(rows)` is called after
    each chunk. Duplicates in the file and workers already filed are problems too.

    The rows go by in chunks of CHUNK_ROWS. A chunk is first checked a column at a time
    (columns.check_chunk, with the duplicate checks here, in sets); a chunk that is not
    plainly good (or every chunk, when `column_wise` is False) is checked row by row
    with rows.check_worker, which words each problem.

    Given the validation's `stager` (then its lines are the sink), the second half of a large plain CSV or
    workbook is checked column-wise by a second process at the same time (_SecondHalf);
    what it found is taken only if both halves are wholly good, else this process goes
    on through the second half itself, as if there had been no second process."""
    scan = _Scan()
    if stager is not None:
        sink = stager.lines
    content = _content_read(upload.pk)
    try:
        encoding = parsing.detect_encoding(content) if upload.file_format == "csv" else ""
        # A large file is cut in two: this process reads the first part while a second
        # one checks the rest (_SecondHalf).
        second_part = None  # (its first row, its chunks when read)
        parallel = stager is not None and column_wise and _SecondHalf.worth_it(upload.total_rows)
        if parallel and upload.file_format == "csv" and (cut := parsing.halves(content, encoding)):
            head, rest, rest_row = cut
            # Only the header line is decoded before the second process starts; the rest
            # of the first part is decoded here while it works.
            chunks = parsing.plain_chunks(head, encoding, CHUNK_ROWS)
            second_part = (rest_row, lambda: parsing.body_chunks(rest, encoding, CHUNK_ROWS, offset=len(head)))
        elif parallel and upload.file_format == "xlsx" and (split := parsing.xlsx_halves(content)):
            book, sheet, cut_row, tail = split
            chunks = parsing.chunked(parsing.sheet_rows(io.BytesIO(sheet), book), CHUNK_ROWS, stop_at=cut_row)
            second_part = (cut_row, lambda: parsing.chunked_body(
                parsing.sheet_rows(io.BytesIO(tail), book, first_row=cut_row), CHUNK_ROWS))
        else:
            chunks = parsing.iter_chunks(content, upload.file_format, encoding, CHUNK_ROWS)
        header = next(chunks, [None])[0]
    except parsing.FileError as error:
        scan.problem(rows.Problem(0, "", error.message_zh, error.message_en))
        return scan
    if upload.file_format == "csv" and upload.encoding != encoding:
        upload.encoding = encoding
        LayoffUpload.objects.filter(pk=upload.pk).update(encoding=encoding)
    header = [cell.strip() for cell in header or []]
    if not any(header):
        scan.problem(rows.Problem(1, "", "第一列應為欄位名稱（如 身分證統一編號、姓名…）。",
                                  "The first row must hold the column names (ID number, name, ...)."))
        return scan
    positions, header_problems = rows.map_header(header)
    if header_problems:
        for problem in header_problems:
            scan.problem(problem)
        return scan
    checker = _RowChecker(scan, positions, today, upload.force_majeure, _existing_for(upload.employer_id, today),
                          sink)
    second = None
    collecting = gc.isenabled()
    first = 2
    try:
        # A file's rows are many small lists that hold no cycles, yet every few thousand
        # of them set off the cyclic collector, which walks the whole heap each time: a
        # fifth of a large file's check. Off for the scan (reference counting frees them).
        gc.disable()
        if second_part is not None:
            first_row, part_chunks = second_part
            with suppress(OSError):  # no process to be had: this one reads it all
                second = _SecondHalf(part_chunks, first_row, positions, today, upload.force_majeure,
                                     checker.existing)
            if upload.file_format == "csv":  # the first part's chunks end at the cut; then the rest, if not taken
                chunks = chain(chunks, part_chunks())
        for chunk in chunks:
            if second is not None and first == second.first_row:
                taken = second.take(checker, stager)
                second.stop()
                second = None
                if taken:
                    if progress is not None:
                        progress(scan.rows)
                    break
            clean = None
            if column_wise and scan.rows + len(chunk) <= rows.MAX_ROWS:
                clean = columns.check_chunk(chunk, positions, today=today)
            if clean is None or not checker.take_clean(first, clean):
                if not checker.check_rows(first, chunk):
                    break  # over MAX_ROWS
            first += len(chunk)
            if progress is not None:
                progress(scan.rows)
    except parsing.FileError as error:
        if isinstance(error, parsing.EncodingError):
            # Found as the text is decoded, maybe after rows were checked: the file
            # cannot be read, and that alone is the report, as if found first; no
            # encoding was found either.
            scan = _Scan()
            upload.encoding = ""
            LayoffUpload.objects.filter(pk=upload.pk).update(encoding="")
        scan.problem(rows.Problem(0, "", error.message_zh, error.message_en))
    finally:
        if second is not None:
            second.stop()
        if collecting:
            gc.enable()
    if not scan.rows and not scan.problem_count:
        scan.problem(rows.Problem(2, "", "檔案沒有資料列。", "The file has no data rows."))
    return scan


PARALLEL_MIN_ROWS = 20_000  # a shorter file is checked faster than a second process starts


class _SecondHalf:
    """The second half of a large plain CSV or workbook, checked column-wise in a forked
    process while this one checks the first: a 100,000-row file is checked in about
    half the time on two cores. The child only computes (pure functions on the bytes it
    inherits: it never touches the database connection it inherits either), sends its
    result through a pipe and leaves with os._exit. It gives up (None) at the first chunk that is not
    plainly good, or that repeats a worker or one already filed: the parent then checks
    the second half itself, row by row where needed, and words the problems."""

    @staticmethod
    def worth_it(estimated_rows: int) -> bool:
        return (PARALLEL_MIN_ROWS <= estimated_rows <= rows.MAX_ROWS + 1 and hasattr(os, "fork")
                and (os.cpu_count() or 1) > 1)

    def __init__(self, part_chunks, first_row: int, positions: dict[str, int], today: date, force_majeure: bool,
                 existing: dict[tuple[str, date], str]):
        self.first_row = first_row
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            raise
        if pid == 0:  # the child
            os.close(reader)
            try:
                result = _check_half(part_chunks(), first_row, positions, today, force_majeure, existing)
            except BaseException:  # noqa: BLE001 - any failure: the parent checks the half itself
                result = None
            try:
                with os.fdopen(writer, "wb") as out:
                    pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0)
        os.close(writer)
        self.pid: int = pid
        self.reader: int | None = reader

    def take(self, checker: _RowChecker, stager: _Stager) -> bool:
        """Take the child's half if it and everything before it are good, and none of its
        workers was seen in the first half; False: check the second half here."""
        with os.fdopen(self.reader, "rb", closefd=False) as source:
            data = source.read()
        try:
            result = pickle.loads(data) if data else None  # noqa: S301 - written by our own child, above
        except Exception:  # noqa: BLE001 - a child that died mid-write: check the half here
            result = None
        if result is None or checker.scan.problem_count:
            return False
        ids = result["ids"].split("\n")
        if not checker.seen.keys().isdisjoint(ids) or checker.scan.rows + len(ids) > rows.MAX_ROWS:
            return False
        stager.lines.flush()
        with transaction.atomic():
            for data in result["batches"]:
                stager.write_encoded(data)
        checker.scan.rows += len(ids)  # the scan ends with this half: no row comes after it
        checker._counted(result["per_day"].items())
        for day, count in result["per_day"].items():
            stager.lines.per_day[day] = stager.lines.per_day.get(day, 0) + count
        return True

    def stop(self) -> None:
        """End the child (done, or no longer wanted) and close the pipe; once."""
        if self.reader is None:
            return
        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.close(self.reader)
        self.reader = None
        os.waitpid(self.pid, 0)


def _check_half(chunks: Iterator[list[list[str]]], first_row: int, positions: dict[str, int], today: date,
                force_majeure: bool, existing: dict[tuple[str, date], str]) -> dict | None:
    """In the second process: the rows of `chunks` checked column-wise and made into
    encoded batches, or None at the first chunk that is not plainly good."""
    batches: list[bytes] = []
    made = _Lines(today, force_majeure, lambda batch: batches.append(_encode_batch(batch)))
    seen: set[str] = set()
    ids: list[list[str]] = []
    row = first_row
    for chunk in chunks:
        clean = columns.check_chunk(chunk, positions, today=today)
        if clean is None:
            return None
        if _repeats(clean, seen, existing):
            return None
        seen.update(clean.id_number)
        ids.append(clean.id_number)
        made.add_clean(row, clean)
        row += len(chunk)
    if row == first_row:
        return None  # no rows: nothing to take
    made.flush()
    return {"batches": batches, "ids": "\n".join(chain.from_iterable(ids)), "per_day": made.per_day}


def _repeats(clean: columns.Clean, seen, existing: dict[tuple[str, date], str]) -> bool:
    """Whether a chunk found good repeats a worker: within itself, one of `seen` (the
    IDs met before it), or one the employer has filed for the same last day."""
    ids = clean.id_number
    return (len(set(ids)) != len(ids) or not seen.isdisjoint(ids)
            or bool(existing) and not existing.keys().isdisjoint(zip(ids, clean.last_day, strict=True)))


class _RowChecker:
    """What `_scan` keeps across chunks: the workers seen (by ID, their row) and those
    the employer has already filed, and where the checked workers go."""

    def __init__(self, scan: _Scan, positions: dict[str, int], today: date, force_majeure: bool,
                 existing: dict[tuple[str, date], str], sink: _Lines | None):
        self.scan = scan
        self.today = today
        self.force_majeure = force_majeure
        self.existing = existing
        self.sink = sink
        self.seen: dict[str, int] = {}
        self.items = list(positions.items())
        self.keys = [key for key, _ in self.items]
        self.needed = max(index for _, index in self.items) + 1
        # Every column of a full row in one C call (most rows are full); a short row cell by cell.
        self.take = operator.itemgetter(*(index for _, index in self.items))

    def _counted(self, days: Iterable[tuple[date, int]]) -> None:
        """Lateness and the first and last days, from the workers' count per last day."""
        scan = self.scan
        days = list(days)
        for day, count in days:
            if self.today > rows.due_date(day, self.force_majeure)[1]:
                scan.late += count
        first, last = min(day for day, _ in days), max(day for day, _ in days)
        scan.first_day = first if scan.first_day is None else min(scan.first_day, first)
        scan.last_day = last if scan.last_day is None else max(scan.last_day, last)

    def take_clean(self, first: int, clean: columns.Clean) -> bool:
        """Take a chunk found good column by column, unless one of its workers is a
        duplicate (in the file, or already filed): False, and the chunk goes row by row."""
        ids = clean.id_number
        if _repeats(clean, self.seen.keys(), self.existing):
            return False
        self.seen.update(zip(ids, range(first, first + len(ids)), strict=True))
        self.scan.rows += len(ids)
        self._counted(Counter(clean.last_day).items())
        if self.sink is not None and not self.scan.problem_count:
            self.sink.add_clean(first, clean)
        return True

    def check_rows(self, first: int, chunk: list[list[str]]) -> bool:
        """Check the chunk row by row with rows.check_worker; False once over MAX_ROWS."""
        scan, items, keys, needed, take = self.scan, self.items, self.keys, self.needed, self.take
        for number, raw in enumerate(chunk, start=first):
            cells = [cell.strip() for cell in raw]
            if not any(cells):
                continue  # blank lines (Excel leaves them at the end)
            scan.rows += 1
            if scan.rows > rows.MAX_ROWS:
                scan.problem(rows.Problem(number, "", f"資料超過{rows.MAX_ROWS:,}列，請分檔上傳。",
                                          f"More than {rows.MAX_ROWS:,} rows; split the file."))
                return False
            if len(cells) >= needed:
                values = dict(zip(keys, take(cells), strict=True))  # 9+ columns: a tuple
            else:
                values = {key: (cells[index] if index < len(cells) else "") for key, index in items}
            worker, problems = rows.check_worker(values, row=number, today=self.today,
                                                 force_majeure=self.force_majeure)
            if worker is not None:
                earlier = self.seen.get(worker.id_number)
                filed = self.existing.get((worker.id_number, worker.last_day))
                if earlier is not None:
                    problems = [rows.Problem(number, "id_number", f"與第{earlier}列為同一員工。",
                                             f"The same worker as row {earlier}.")]
                elif filed is not None:
                    problems = [rows.Problem(number, "id_number", f"此員工同一離職日已於{filed}通報。",
                                             f"Already notified for this last day ({filed}).")]
                else:
                    self.seen[worker.id_number] = number
            for problem in problems:
                scan.problem(problem)
            if not problems:
                self._counted(((worker.last_day, 1),))
                if self.sink is not None and not scan.problem_count:
                    self.sink.add(number, worker)
        return True


def _existing_for(employer_id: int, today: date) -> dict[tuple[str, date], str]:
    """The employer's workers already filed whose last day a file may still name."""
    return {
        (id_number, last_day): number
        for id_number, last_day, number in LayoffWorker.objects.filter(  # by the notices' employer index
            notice__employer_id=employer_id, last_day__gte=today - timedelta(days=rows.PAST_WINDOW_DAYS)
        ).values_list("id_number", "last_day", "notice__number").iterator(chunk_size=5000)
    }


def upload_validate(upload_id: int) -> LayoffUpload:
    """Check every row of a queued upload and store the report (row, column, message).
    A valid file's checked rows are kept, normalised, with the upload (LayoffStagedBatch,
    for the day they were checked): confirming that day loads them without reading the
    file again. Idempotent: an upload past validation is returned as it is; one left in
    VALIDATING (a worker stopped) is checked again from the start."""
    claimed = LayoffUpload.objects.filter(pk=upload_id, status__in=(UploadStatus.QUEUED, UploadStatus.VALIDATING))
    if not claimed.update(status=UploadStatus.VALIDATING, processed_rows=0):
        return LayoffUpload.objects.get(pk=upload_id)
    upload = LayoffUpload.objects.select_related("employer").get(pk=upload_id)
    today = timezone.localdate()

    shown = [time.monotonic()]

    def progress(done: int) -> None:
        # At most twice a second: each is a write (on SQLite, the one writer at a time).
        if time.monotonic() - shown[0] >= PROGRESS_SECONDS:
            shown[0] = time.monotonic()
            LayoffUpload.objects.filter(pk=upload_id).update(processed_rows=done,
                                                            total_rows=max(upload.total_rows, done))

    _staged_clear(upload_id)
    stager = _Stager(upload_id, today, upload.force_majeure)
    scan = _scan(upload, today, progress=progress, stager=stager)
    problems = sorted(scan.problems, key=lambda p: (p.row, p.column))
    summary = {"first_day": scan.first_day.isoformat() if scan.first_day else None,
               "last_day": scan.last_day.isoformat() if scan.last_day else None}
    if not scan.problem_count:
        stager.close()
        summary.update(checked_on=today.isoformat(), staged_layout=STAGED_LAYOUT,
                       totals=stager.lines.totals.as_dict())
    with transaction.atomic():
        if scan.problem_count:
            _staged_clear(upload_id)  # what was staged before the first problem
        LayoffUpload.objects.filter(pk=upload_id).update(
            status=UploadStatus.INVALID if scan.problem_count else UploadStatus.VALID,
            total_rows=scan.rows, processed_rows=scan.rows, error_count=scan.problem_count,
            errors=[p.as_dict() for p in problems], late_count=scan.late, validated_at=timezone.now(),
            summary=summary,
        )
    return LayoffUpload.objects.select_related("employer").get(pk=upload_id)


def _own_upload(upload: LayoffUpload, actor: User) -> LayoffUpload:
    employer = _filing_employer(actor)
    if upload.employer_id != employer.pk:
        raise NotFound("上傳檔案", "upload")
    return upload


def upload_confirm(*, upload: LayoffUpload, actor: User) -> LayoffNotice:
    """File a valid upload as one notice: every row in one transaction, or none.

    Under the employer's lock (every filing of the employer takes it), the rows are
    checked again for what can have changed since the report: workers another filing
    has notified meanwhile (the employer's filings are read now, whole, so a filing
    that was still open when the file was checked is seen too). A problem turns the
    upload INVALID with the new report and files nothing. The rows checked at
    validation are loaded as they were kept; on a later day (the window and lateness
    depend on the day) the file is read and checked again instead."""
    _own_upload(upload, actor)
    today = timezone.localdate()
    try:
        with transaction.atomic():
            Employer.objects.select_for_update().filter(pk=upload.employer_id).first()
            locked = (LayoffUpload.objects.select_for_update(of=("self",)).select_related("establishment", "employer")
                      .get(pk=upload.pk))
            if locked.status == UploadStatus.IMPORTED:
                raise Conflict("此檔案已確認通報。", "This upload was already confirmed.", code="duplicate")
            if locked.status != UploadStatus.VALID:
                raise Conflict("檔案尚未通過檢核，不能確認。", "Only a valid upload can be confirmed.", code="invalid_state")
            summary = locked.summary or {}
            fresh = summary.get("checked_on") == today.isoformat() and summary.get("staged_layout") == STAGED_LAYOUT
            fresh = fresh and LayoffStagedBatch.objects.filter(upload_id=locked.pk).exists()
            if fresh:
                conflicts = _staged_conflicts(locked.pk, _existing_for(locked.employer_id, today))
                if conflicts:
                    raise _Invalid(conflicts[:MAX_STORED_ERRORS], len(conflicts))
            notice = _notice_create(employer=locked.employer, site=locked.establishment, actor=actor,
                                    channel=locked.channel, force_majeure=locked.force_majeure, contact_name="",
                                    contact_phone="", upload=locked, today=today)
            with _references_checked_once(notice):
                if fresh:
                    for batch in _staged_batches(locked.pk):
                        _load_lines(notice, batch)
                    totals = _Totals.from_dict(locked.summary["totals"])
                else:
                    writer = _WorkerWriter(notice, today)
                    scan = _scan(locked, today, sink=writer.lines)
                    if scan.problem_count:
                        raise _Invalid(scan.problems, scan.problem_count)
                    writer.close()
                    totals = writer.totals
            _notice_totals(notice, totals)
            LayoffUpload.objects.filter(pk=locked.pk).update(status=UploadStatus.IMPORTED, confirmed_at=timezone.now())
            LayoffUploadFile.objects.filter(upload_id=locked.pk).update(content=b"")
            _staged_clear(locked.pk)
            _after_filing(notice)
    except _Invalid as invalid:
        with transaction.atomic():
            LayoffUpload.objects.filter(pk=upload.pk).update(
                status=UploadStatus.INVALID, error_count=invalid.count,
                errors=[p.as_dict() for p in sorted(invalid.problems, key=lambda p: (p.row, p.column))],
            )
            _staged_clear(upload.pk)
        raise ApplicationError(f"檔案有{invalid.count}項錯誤（資料已有變動），未通報任何資料，請查看檢核報告。",
                               f"The file has {invalid.count} problems now; nothing was filed. See the report.",
                               field="file", code="invalid") from None
    except IntegrityError:
        # Two confirmations of overlapping lists raced past the check: the unique
        # (employer, worker, last day) stopped the second one; nothing of it was written.
        raise Conflict("部分員工剛已由另一筆通報送出，未通報任何資料，請重新上傳。",
                       "Some workers were just filed by another notice; nothing was filed. Upload again.",
                       field="file", code="duplicate") from None
    return notice


def _staged_conflicts(upload_id: int, existing: dict[tuple[str, date], str]) -> list[rows.Problem]:
    """The staged workers the employer has notified since (same worker, same last day)."""
    if not existing:
        return []
    filed = {(id_number, day.isoformat()): number for (id_number, day), number in existing.items()}
    found = []
    for batch in _staged_batches(upload_id):
        for row, id_number, day in zip(batch[0], batch[_ID_COLUMN], batch[_LAST_DAY_COLUMN], strict=True):
            number = filed.get((id_number, day))
            if number:
                found.append(rows.Problem(int(row), "id_number", f"此員工同一離職日已於{number}通報。",
                                          f"Already notified for this last day ({number})."))
    return found


def upload_discard(*, upload: LayoffUpload, actor: User) -> LayoffUpload:
    """Give up an upload that was not filed (its file is dropped)."""
    _own_upload(upload, actor)
    with transaction.atomic():
        updated = LayoffUpload.objects.filter(pk=upload.pk).exclude(status=UploadStatus.IMPORTED).update(
            status=UploadStatus.DISCARDED)
        if not updated:
            raise Conflict("已確認通報的檔案不能放棄。", "A confirmed upload cannot be discarded.")
        LayoffUploadFile.objects.filter(upload_id=upload.pk).update(content=b"")
        _staged_clear(upload.pk)
    upload.refresh_from_db()
    return upload


# --- invitations and matches -------------------------------------------------------------------


def invitations_send(notice_id: int) -> int:
    """Invite each worker of a notice to register with the employment service: in the
    portal (a citizen account with the worker's ID sees it, and gets an in-app notice)
    and by e-mail where the employer gave one; workers with neither get a letter, printed
    from the staff queue. Idempotent per worker (invited_at)."""
    from laborbureau.core.models import Person

    sent = 0
    notice = LayoffNotice.objects.select_related("employer").get(pk=notice_id)
    pending = LayoffWorker.objects.filter(notice_id=notice_id, invited_at__isnull=True).order_by("pk")
    while True:
        chunk = list(pending.values("pk", "id_number", "name", "email", "last_day", "invitation_token")[:500])
        if not chunk:
            return sent
        accounts: dict[str, User] = {}
        persons = Person.objects.filter(id_number__in=[w["id_number"] for w in chunk], merged_into__isnull=True)
        for account in User.objects.filter(kind=UserKind.CITIZEN, is_active=True, person__in=persons).select_related(
                "person"):
            accounts.setdefault(account.person.id_number, account)
        with transaction.atomic():
            for worker in chunk:
                account = accounts.get(worker["id_number"])
                if account is None and not worker["email"]:
                    continue  # the letter
                day = roc_calendar.format_long(worker["last_day"])
                outbox_write(
                    recipient=account, email=worker["email"] if account is None else (account.email or worker["email"]),
                    subject_zh="臺北市就業服務處邀請您辦理求職登記",
                    subject_en="The Taipei employment service invites you to register",
                    body_zh=(f"{worker['name']} 您好：{notice.employer.name}已依就業服務法第33條通報您將於{day}離職。"
                             "本處可在您離職前為您媒合職缺。請登入臺北市勞動局網站，於「資遣員工求職邀請」接受邀請，"
                             f"或持邀請碼 {worker['invitation_token'][:8]} 洽就業服務處。"),
                    body_en=("Your employer notified the employment service of your layoff. We can match you with "
                             "vacancies before your last day: sign in to the portal and accept the invitation."),
                    link="/portal/layoff-invitations/",
                )
                sent += 1
            LayoffWorker.objects.filter(pk__in=[w["pk"] for w in chunk]).update(invited_at=timezone.now())


# The office named on the printed invitations (settings.LAYOFF_LETTER_OFFICE overrides).
LETTER_OFFICE = {
    "name": "臺北市就業服務處",
    "address": "10822臺北市萬華區艋舺大道101號",
    "phone": "(02)2308-5230",
    "hours": "週一至週五 上午8時30分至下午5時30分",
}


def letter_office() -> dict[str, str]:
    from django.conf import settings

    return {**LETTER_OFFICE, **getattr(settings, "LAYOFF_LETTER_OFFICE", {}),
            "portal": settings.PUBLIC_BASE_URL.rstrip("/") + "/portal/layoff-invitations/"}


def letters_mark_sent(*, notice: LayoffNotice, actor: User, worker_ids: Iterable[int]) -> int:
    """Record the printed invitations as mailed (those of the notice that go by letter
    and were not recorded yet). Returns how many were recorded."""
    from laborbureau.employment.layoffnotices import selectors

    if not can_serve(actor):
        raise Forbidden("您不可登錄邀請函寄送。", "You may not record letters as mailed.")
    ids = [int(pk) for pk in worker_ids]
    if not ids:
        raise ApplicationError("請選擇已寄出的邀請函。", "Choose the letters mailed.", field="workers")
    due = selectors.letter_workers(notice).filter(pk__in=ids, letter_sent_at__isnull=True)
    return LayoffWorker.objects.filter(pk__in=list(due.values_list("pk", flat=True))).update(
        letter_sent_at=timezone.now())


def _require_worker_access(worker: LayoffWorker, actor: User) -> str:
    """"citizen" (the worker themself, by their ID) or "staff" (ESO at the counter)."""
    if actor.is_authenticated and actor.kind == UserKind.CITIZEN:
        if actor.person_id is None or actor.person.id_number != worker.id_number:
            raise NotFound("邀請", "invitation")
        return "citizen"
    if can_serve(actor):
        return "staff"
    raise NotFound("邀請", "invitation")


def invitation_accept(*, worker: LayoffWorker, actor: User,
                      profile: employment_services.SeekerProfile | None = None) -> LayoffWorker:
    """The worker accepts: their job-seeker registration (求職登記) is made, or the one they
    have is linked, and their best open vacancies are matched at once. A citizen
    accepts for themself; an ESO officer records an answer given at the counter or by
    phone. A profile is needed only when the person has no registration yet."""
    who = _require_worker_access(worker, actor)
    with transaction.atomic():
        locked = LayoffWorker.objects.select_for_update().get(pk=worker.pk)
        if locked.invitation == InvitationStatus.ACCEPTED:
            raise Conflict("已接受邀請。", "The invitation was already accepted.")
        person = actor.person if who == "citizen" else core_services.person_find(id_number=locked.id_number)
        seeker = JobSeeker.objects.filter(person=person).first() if person is not None else None
        if seeker is None:
            if profile is None:
                raise ApplicationError("請填寫希望從事的職業等求職資料。", "Give your job-seeker details.",
                                       field="desired_occupations")
            person_input = None if who == "citizen" else core_services.PersonInput(
                id_number=locked.id_number, name=locked.name, birth_date=locked.birth_date, sex=locked.sex,
                phone=locked.phone, email=locked.email, address=locked.address)
            seeker = employment_services.job_seeker_register(profile=profile, actor=actor, person=person_input)
        locked.seeker = seeker
        locked.invitation = InvitationStatus.ACCEPTED
        locked.responded_at = timezone.now()
        locked.save(update_fields=["seeker", "invitation", "responded_at"])
    _matches_store([locked])
    locked.refresh_from_db()
    return locked


def invitation_decline(*, worker: LayoffWorker, actor: User) -> LayoffWorker:
    """The worker needs no help (recorded; the service does not contact them again)."""
    _require_worker_access(worker, actor)
    updated = LayoffWorker.objects.filter(pk=worker.pk, invitation=InvitationStatus.SENT).update(
        invitation=InvitationStatus.DECLINED, responded_at=timezone.now())
    if not updated:
        raise Conflict("此邀請已回覆。", "This invitation was already answered.")
    worker.refresh_from_db()
    return worker


def _matches_store(workers: list[LayoffWorker]) -> int:
    """Score the workers' registrations against the open vacancies in bulk (the job
    bank's scorer, scoring.top_each on a chunk) and keep each one's best few."""
    by_seeker = {w.seeker_id: w for w in workers if w.seeker_id}
    if not by_seeker:
        return 0
    matrix = matching.vacancy_matrix()
    profiles = matching._run_profiles(list(by_seeker))
    now = timezone.now()
    for seeker_id, top in scoring.top_each(matrix, profiles, MATCHES_KEPT):
        LayoffWorker.objects.filter(pk=by_seeker[seeker_id].pk).update(
            matches=[[pk, round(score, 1)] for pk, score in top], matched_at=now)
    return len(by_seeker)


def matches_refresh_due(today: date | None = None) -> int:
    """Refresh the matches of workers who accepted and have not yet left (or left in the
    last 30 days): new vacancies appear every day."""
    today = today or timezone.localdate()
    workers = LayoffWorker.objects.filter(invitation=InvitationStatus.ACCEPTED, seeker__isnull=False,
                                          last_day__gte=today - timedelta(days=30)).order_by("pk")
    done = 0
    last = 0
    while True:
        chunk = list(workers.filter(pk__gt=last)[:matching.RUN_CHUNK])
        if not chunk:
            return done
        done += _matches_store(chunk)
        last = chunk[-1].pk


def notice_match_run(*, notice: LayoffNotice, actor: User):
    """A bulk matching run (employment.matching) of the notice's workers who accepted,
    to follow in the job bank's run page."""
    seeker_ids = list(LayoffWorker.objects.filter(notice=notice, seeker__isnull=False).values_list("seeker_id",
                                                                                                 flat=True))
    if not seeker_ids:
        raise ApplicationError("尚無接受邀請的員工。", "No worker has accepted yet.", field="notice")
    return matching.match_run_start(seeker_ids=seeker_ids, actor=actor, label=f"資遣通報 {notice.number}")


# --- the late-notice fine ----------------------------------------------------------------------


def fine_case_open(*, notice: LayoffNotice, actor: User, violation_date: date, amount: int,
                   findings: str = "") -> Case:
    """Open the fine case of a late notice and propose the fine for sign-off, in one step
    (就業服務法第68條第1項; the workflow checks the amount against the range in force on
    the violation date). One case per notice."""
    if not (can_serve(actor) and actor.role in workflows.OFFICERS):
        raise Forbidden("您的角色不可提出裁罰。", "Your role may not propose fines.")
    if len(findings or "") > 2000:
        raise ApplicationError("查處情形請在2000字以內。", "Findings: at most 2000 characters.", field="findings")
    with transaction.atomic():
        locked = LayoffNotice.objects.select_for_update().select_related("employer").get(pk=notice.pk)
        if not locked.late:
            raise ApplicationError("此通報未逾期，不能裁罰。", "This notice was not late; it cannot be fined.",
                                   field="notice")
        if locked.fine_case_id:
            raise Conflict("此通報已開立查處案件。", "A fine case is already open for this notice.", code="duplicate")
        employer = locked.employer.merged_into if locked.employer.merged_into_id else locked.employer
        case = case_services.case_open(
            case_type=workflows.CASE_TYPE,
            title=f"{workflows.WORKFLOW.name_zh}：{employer.name}（{locked.number}）"[:200],
            actor=actor, channel=CaseChannel.EX_OFFICIO,
            parties=[case_services.PartyLink(role=PartyRole.RESPONDENT, employer=employer)],
            assignee=actor,
        )
        FineProposal.objects.create(case=case, notice=locked, employer=employer, violation_date=violation_date,
                                    amount=amount if isinstance(amount, int) and amount > 0 else 0,
                                    findings=(findings or "").strip())
        LayoffNotice.objects.filter(pk=locked.pk).update(fine_case=case)
        case = case_services.case_transition(
            case=case, name="propose_fine", actor=actor,
            data={"violation_date": violation_date, "amount": amount, "findings": findings},
        )
    return case


# --- the mass-layoff monitor ---------------------------------------------------------------------


def monitor_feed_due(today: date | None = None) -> int:
    """Record each notice's layoffs with the mass-layoff monitor (大量解僱勞工保護法第2條,
    relations.layoffs.layoff_event_record), per establishment and last day, once that
    day has come (the monitor counts layoffs that happened; a notice comes before).
    Idempotent: a MonitorFeed row per (notice, day) is written in the same transaction
    as the event. Returns the events recorded."""
    from laborbureau.relations.layoffs import services as layoff_services
    from laborbureau.relations.layoffs.models import EventSource

    today = today or timezone.localdate()
    start = layoff_services.mass_layoff_coverage_start()
    due = (LayoffWorker.objects.filter(last_day__lte=today, last_day__gte=start)
           .values("notice_id", "last_day").order_by("notice_id", "last_day").annotate(count=Count("pk")))
    done_pairs = set(MonitorFeed.objects.filter(day__lte=today).values_list("notice_id", "day"))
    recorded = 0
    for item in due:
        if (item["notice_id"], item["last_day"]) in done_pairs:
            continue
        notice = LayoffNotice.objects.select_related("establishment").get(pk=item["notice_id"])
        try:
            with transaction.atomic():
                MonitorFeed.objects.create(notice=notice, day=item["last_day"], count=item["count"])
                layoff_services.layoff_event_record(
                    establishment=notice.establishment, day=item["last_day"], count=item["count"],
                    source=EventSource.EMPLOYMENT_NOTICE, actor=None, reference=notice.number,
                )
            recorded += 1
        except IntegrityError:
            continue  # another sweep recorded it
        except ApplicationError as error:
            log.warning("layoff notice %s day %s not recorded with the monitor: %s", notice.number,
                        item["last_day"], error.message_en)
    return recorded


def notice_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: the notices and uploads follow a merged employer."""
    if kind == "employer":
        for model in (LayoffNotice, LayoffUpload, LayoffWorker, FineProposal):
            model.objects.filter(employer_id=old_id).update(employer_id=new_id)


def report_csv(upload: LayoffUpload) -> bytes:
    """The validation report as CSV (UTF-8 with BOM, so Excel shows the Chinese)."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["列 Row", "欄位 Column", "說明", "Problem"])
    for item in upload.errors:
        column = rows.BY_KEY.get(item["column"])
        writer.writerow([item["row"] or "", f"{column.zh} {column.en}" if column else "", item["zh"], item["en"]])
    if upload.error_count > len(upload.errors):
        writer.writerow(["", "", f"另有{upload.error_count - len(upload.errors)}項錯誤未列出。",
                         f"{upload.error_count - len(upload.errors)} more problems not listed."])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
