"""`manage.py verify_audit` finds entries changed or removed behind the application's
back, in the access log and in each case timeline, and names exactly those."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, TimelineEntry
from laborbureau.core import services
from laborbureau.core.models import AccessLogEntry, ChainHead, Role
from laborbureau.core.tests import factories

pytestmark = pytest.mark.django_db


def run() -> tuple[bool, list[str]]:
    """(passed, problem lines) of one run of the command."""
    out = StringIO()
    try:
        call_command("verify_audit", stdout=out)
        passed = True
    except CommandError:
        passed = False
    problems = [line.strip() for line in out.getvalue().splitlines() if line.startswith("  ")]
    return passed, problems


@pytest.fixture
def officer():
    return factories.staff(Role.CASE_OFFICER, "LS")


@pytest.fixture
def log(officer):
    person = factories.PersonFactory()
    for n in range(5):
        services.access_log_record(
            user=officer, action="view", object_type="person", object_id=person.pk, purpose=f"承辦 {n}"
        )
    return list(AccessLogEntry.objects.order_by("seq"))


@pytest.fixture
def case(officer):
    case = factories.open_test_case(actor=officer, assignee=officer)
    for text in ("一", "二", "三"):
        case_services.case_note_add(case=case, actor=officer, text=text)
    case.refresh_from_db()
    return case


def test_untouched_chains_verify(log, case):
    out = StringIO()
    call_command("verify_audit", stdout=out)
    text = out.getvalue()
    assert "Access log: 5 entries, 0 problems" in text
    assert "Case timelines: 1 cases, 4 entries, 0 problems" in text
    assert "All chains verify." in text


def test_empty_database_verifies(db):
    assert run() == (True, [])


def test_edited_access_log_entry_is_reported_exactly(log, case):
    AccessLogEntry.objects.filter(seq=3).update(purpose="改過的目的")
    assert run() == (False, ["access_log seq 3: changed: stored fields do not match the entry's hash"])


def test_rehashed_entry_breaks_the_next_link(log, case):
    # A forger who also recomputes the edited entry's hash is caught by the next link.
    from laborbureau.core.hashchain import entry_hash

    entry = AccessLogEntry.objects.get(seq=2)
    entry.purpose = "偽造"
    new_hash = entry_hash(entry.prev_hash, services.access_log_fields(entry))
    AccessLogEntry.objects.filter(seq=2).update(purpose="偽造", hash=new_hash)
    assert run() == (False, ["access_log seq 3: link: prev_hash does not match the previous entry's hash"])


def test_deleted_access_log_entry_is_reported(log, case):
    AccessLogEntry.objects.filter(seq=2).delete()
    assert run() == (False, ["access_log seq 2: removed: entry missing (gap 2)"])


def test_deleted_last_entries_are_reported(log, case):
    AccessLogEntry.objects.filter(seq__gte=4).delete()
    assert run() == (
        False,
        [
            "access_log seq 4: removed: entry missing at the end of the chain",
            "access_log seq 5: removed: entry missing at the end of the chain",
        ],
    )


def test_chain_head_rewritten(log, case):
    ChainHead.objects.filter(name="access_log").update(last_hash="f" * 64)
    assert run() == (False, ["access_log seq 5: head: chain head hash does not match the last entry"])


def test_edited_timeline_entry_is_reported_exactly(log, case):
    TimelineEntry.objects.filter(case=case, seq=3).update(text="竄改")
    assert run() == (False, [f"{case.number} seq 3: changed: stored fields do not match the entry's hash"])


def test_deleted_timeline_entry_is_reported(log, case, officer):
    untouched = factories.open_test_case(actor=officer)
    TimelineEntry.objects.filter(case=case, seq=2).delete()
    passed, problems = run()
    assert not passed
    assert problems == [f"{case.number} seq 2: removed: entry missing (gap 2)"]
    assert untouched.number not in " ".join(problems)


def test_deleted_last_timeline_entry_is_reported(log, case):
    TimelineEntry.objects.filter(case=case, seq=4).delete()
    assert run() == (False, [f"{case.number} seq 4: removed: entry missing at the end of the timeline"])


def test_timeline_head_rewritten(log, case):
    Case.objects.filter(pk=case.pk).update(timeline_head="a" * 64)
    assert run() == (False, [f"{case.number} seq 4: head: timeline_head does not match the last entry"])


def test_timeline_data_edit_is_reported(log, officer):
    case = factories.open_test_case(actor=officer, assignee=officer)
    case_services.case_transition(
        case=case, name="start", actor=officer, data={"visit_date": "115/11/20", "outcome": "ok", "workers": "3"}
    )
    assert run()[0]
    TimelineEntry.objects.filter(case=case, seq=2).update(data={"visit_date": "2026-11-21", "outcome": "ok", "workers": 3})
    assert run() == (False, [f"{case.number} seq 2: changed: stored fields do not match the entry's hash"])
