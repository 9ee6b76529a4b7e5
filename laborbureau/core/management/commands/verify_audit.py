"""`manage.py verify_audit`: check the hash chains of the access log and of every case
timeline, and report what was changed or removed behind the application's back.

For each chain it recomputes every entry's hash from its stored fields and the
previous entry's stored hash (core.hashchain.entry_hash), so that:

- an entry whose fields were edited (an UPDATE outside the services) fails its own
  hash and is reported as *changed*;
- an entry whose hash was also rewritten to match breaks the link from the entry
  after it (`prev_hash`), reported as *link broken* at that next entry;
- a deleted entry leaves a gap in `seq`, reported as *removed*; deleting the last
  entries shows as the chain head (ChainHead / Case.timeline_count) pointing past
  the last entry that is left.

Exit status 0 when every chain verifies, 1 otherwise (CommandError).
"""

from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError

from laborbureau.cases.models import Case, TimelineEntry
from laborbureau.cases.services import timeline_fields
from laborbureau.core.hashchain import GENESIS, entry_hash
from laborbureau.core.models import AccessLogEntry, ChainHead
from laborbureau.core.services import ACCESS_LOG_CHAIN, access_log_fields

BATCH = 2000


@dataclass
class Problem:
    chain: str  # "access_log" or the case number
    seq: int | None
    kind: str  # changed, removed, link, head, order
    detail: str

    def __str__(self) -> str:
        where = f"{self.chain} seq {self.seq}" if self.seq is not None else self.chain
        return f"{where}: {self.kind}: {self.detail}"


@dataclass
class ChainReport:
    problems: list[Problem] = field(default_factory=list)
    entries: int = 0
    chains: int = 0


def verify_sequence(chain: str, entries, fields_of, report: ChainReport) -> tuple[int, str]:
    """Walk one chain's entries (ordered by seq). Returns (last seq, last stored hash)."""
    expected_seq = 1
    previous_hash = GENESIS
    for entry in entries:
        report.entries += 1
        if entry.seq > expected_seq:
            missing = (
                str(expected_seq) if entry.seq - 1 == expected_seq else f"{expected_seq}–{entry.seq - 1}"
            )
            for seq in range(expected_seq, entry.seq):
                report.problems.append(Problem(chain, seq, "removed", f"entry missing (gap {missing})"))
        elif entry.seq < expected_seq:
            report.problems.append(Problem(chain, entry.seq, "order", "duplicate or out-of-order seq"))
        if entry.seq == expected_seq and entry.prev_hash != previous_hash:
            # With no gap before it, a mismatched link means the entry before it was
            # rewritten (hash included) or this link itself was edited.
            report.problems.append(
                Problem(chain, entry.seq, "link", "prev_hash does not match the previous entry's hash")
            )
        if entry_hash(entry.prev_hash, fields_of(entry)) != entry.hash:
            report.problems.append(Problem(chain, entry.seq, "changed", "stored fields do not match the entry's hash"))
        previous_hash = entry.hash
        expected_seq = max(expected_seq, entry.seq + 1)
    return expected_seq - 1, previous_hash


def verify_access_log(report: ChainReport) -> None:
    report.chains += 1
    entries = AccessLogEntry.objects.order_by("seq").iterator(chunk_size=BATCH)
    last_seq, last_hash = verify_sequence(ACCESS_LOG_CHAIN, entries, access_log_fields, report)
    head = ChainHead.objects.filter(name=ACCESS_LOG_CHAIN).first()
    head_seq = head.last_seq if head else 0
    head_hash = head.last_hash if head else GENESIS
    if head_seq > last_seq:
        for seq in range(last_seq + 1, head_seq + 1):
            report.problems.append(Problem(ACCESS_LOG_CHAIN, seq, "removed", "entry missing at the end of the chain"))
    elif head_seq < last_seq:
        report.problems.append(
            Problem(ACCESS_LOG_CHAIN, None, "head", f"chain head says {head_seq} entries, the table has {last_seq}")
        )
    elif head_hash != last_hash:
        report.problems.append(
            Problem(ACCESS_LOG_CHAIN, last_seq, "head", "chain head hash does not match the last entry")
        )


def verify_timelines(report: ChainReport) -> None:
    """Every case's timeline: one query for the headers, one streamed query for the
    entries (ordered by case, then seq), so memory stays flat however many cases."""
    heads = {pk: (number, count, head) for pk, number, count, head in
             Case.objects.values_list("pk", "number", "timeline_count", "timeline_head")}
    entries = TimelineEntry.objects.order_by("case_id", "seq").iterator(chunk_size=BATCH)
    seen: set[int] = set()

    def check_case(case_id: int, case_entries: list) -> None:
        number, count, head = heads.get(case_id, (f"case #{case_id}", 0, GENESIS))
        report.chains += 1
        seen.add(case_id)
        last_seq, last_hash = verify_sequence(number, case_entries, timeline_fields, report)
        if count > last_seq:
            for seq in range(last_seq + 1, count + 1):
                report.problems.append(Problem(number, seq, "removed", "entry missing at the end of the timeline"))
        elif count < last_seq:
            report.problems.append(
                Problem(number, None, "head", f"timeline_count is {count}, the timeline has {last_seq} entries")
            )
        elif head != last_hash:
            report.problems.append(Problem(number, last_seq, "head", "timeline_head does not match the last entry"))

    current_id = None
    batch: list = []
    for entry in entries:
        if entry.case_id != current_id:
            if current_id is not None:
                check_case(current_id, batch)
            current_id, batch = entry.case_id, []
        batch.append(entry)
    if current_id is not None:
        check_case(current_id, batch)
    # Cases whose every entry is gone.
    for pk, (number, count, head) in heads.items():
        if pk in seen:
            continue
        report.chains += 1
        if count:
            for seq in range(1, count + 1):
                report.problems.append(Problem(number, seq, "removed", "entry missing (the timeline is empty)"))
        elif head != GENESIS:
            report.problems.append(Problem(number, None, "head", "timeline_head set on an empty timeline"))


class Command(BaseCommand):
    help = "Verify the hash chains of the access log and every case timeline; exit 1 on any tampering."

    def add_arguments(self, parser):
        parser.add_argument("--skip-timelines", action="store_true", help="Check only the access log.")

    def handle(self, *args, **options):
        access_report = ChainReport()
        verify_access_log(access_report)
        timeline_report = ChainReport()
        if not options["skip_timelines"]:
            verify_timelines(timeline_report)
        self.stdout.write(f"存取紀錄 Access log: {access_report.entries} entries, {len(access_report.problems)} problems")
        for problem in access_report.problems:
            self.stdout.write(f"  {problem}")
        if not options["skip_timelines"]:
            self.stdout.write(
                f"案件歷程 Case timelines: {timeline_report.chains} cases, {timeline_report.entries} entries, "
                f"{len(timeline_report.problems)} problems"
            )
            for problem in timeline_report.problems:
                self.stdout.write(f"  {problem}")
        total = len(access_report.problems) + len(timeline_report.problems)
        if total:
            raise CommandError(f"驗證失敗 Verification failed: {total} problem(s); see the report above.")
        self.stdout.write(self.style.SUCCESS("驗證通過 All chains verify."))
