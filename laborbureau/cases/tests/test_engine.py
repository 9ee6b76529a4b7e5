"""The case engine on the test-only TST workflow: numbers, transitions, atomicity,
deadlines on the office calendar and the timeline's hash chain."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from laborbureau.cases import services
from laborbureau.cases.models import Case, CaseNumberSequence, PartyRole, TimelineEntry
from laborbureau.cases.services import PartyLink, case_open, case_transition
from laborbureau.cases.tests import tst_workflow
from laborbureau.cases.tests.tst_workflow import EffectFailure, open_case
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.hashchain import GENESIS, entry_hash
from laborbureau.core.tests import factories
from laborbureau.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _roc_year(day: date) -> int:
    return day.year - 1911


def _snapshot(case: Case) -> tuple:
    """Everything a transition may write, to assert that a refused one wrote nothing."""
    case.refresh_from_db()
    return (
        case.status,
        case.due_date,
        case.closed_at,
        case.timeline_count,
        case.timeline_head,
        TimelineEntry.objects.filter(case=case).count(),
        OutboxMessage.objects.count(),
    )


def _started(officer, person, **kwargs) -> Case:
    case = open_case(officer, person=person, **kwargs)
    return case_transition(case=case, name="start", actor=officer, data={"note": "開始"})


# --- case numbers ---------------------------------------------------------------------


def test_case_numbers_are_roc_year_type_code_and_a_six_digit_counter(officer, person):
    year = _roc_year(timezone.localdate())

    numbers = [open_case(officer, person=person).number for _ in range(3)]

    assert numbers == [f"{year}-TST-000001", f"{year}-TST-000002", f"{year}-TST-000003"]


def test_a_failed_open_leaves_no_case_and_issued_numbers_are_never_reused(officer, person):
    year = _roc_year(timezone.localdate())
    first = open_case(officer, person=person)
    # A party that is neither a person nor an employer breaks a constraint inside the open.
    with pytest.raises(IntegrityError), transaction.atomic():
        case_open(
            case_type=tst_workflow.CASE_TYPE,
            title="壞的案件",
            actor=officer,
            parties=[PartyLink(role=PartyRole.COMPLAINANT)],
            channel="counter",
        )
    # A program's open that fails after the engine's part rolls back as a whole.
    with pytest.raises(RuntimeError), transaction.atomic():
        open_case(officer, person=person, title="程式失敗")
        raise RuntimeError("the domain record could not be saved")
    assert list(Case.objects.values_list("number", flat=True)) == [first.number]

    # A closed (withdrawn) case keeps its number: the next one counts on.
    case_transition(case=first, name="withdraw", actor=factories.citizen(person=person), data={})
    second = open_case(officer, person=person)
    third = open_case(officer, person=person)

    assert first.number == f"{year}-TST-000001"
    assert [second.number, third.number] == [f"{year}-TST-000002", f"{year}-TST-000003"]
    assert Case.objects.values("number").distinct().count() == Case.objects.count() == 3


def test_numbering_restarts_each_roc_year(officer, person, frozen_today):
    frozen_today(date(2026, 12, 31))
    last_of_115 = open_case(officer, person=person)
    frozen_today(date(2027, 1, 4))
    first_of_116 = open_case(officer, person=person)

    assert (last_of_115.number, first_of_116.number) == ("115-TST-000001", "116-TST-000001")
    assert CaseNumberSequence.objects.filter(type_code="TST").count() == 2


def test_opening_writes_the_header_parties_and_the_first_timeline_entry(officer, person, employer):
    case = open_case(officer, person=person, employer=employer, title="  積欠工資  ")

    assert (case.status, case.title, case.unit.code, case.created_by, case.closed_at) == (
        "NEW",
        "積欠工資",
        "LS",
        officer,
        None,
    )
    assert sorted(case.parties.values_list("role", flat=True)) == ["COMPLAINANT", "RESPONDENT"]
    entry = case.timeline.get()
    assert (entry.seq, entry.kind, entry.to_status, entry.visible_to_parties) == (1, "opened", "NEW", True)


def test_staff_of_another_unit_or_without_an_opening_role_cannot_open(outsider, auditor, person):
    with pytest.raises(Forbidden):
        open_case(outsider, person=person)
    with pytest.raises(Forbidden):
        open_case(factories.staff("INSPECTOR", "LS"), person=person)
    assert Case.objects.count() == 0
    assert CaseNumberSequence.objects.filter(last_number__gt=0).count() == 0


# --- transitions ----------------------------------------------------------------------


def test_a_transition_writes_status_timeline_and_outbox(officer, other_officer, person):
    case = open_case(officer, person=person, assignee=other_officer)

    case = case_transition(case=case, name="start", actor=officer, data={"note": " 已受理 ", "extra": "ignored"})

    case.refresh_from_db()
    assert (case.status, case.closed_at, case.timeline_count) == ("IN_PROGRESS", None, 2)
    entry = case.timeline.get(seq=2)
    assert (entry.kind, entry.transition, entry.from_status, entry.to_status, entry.actor, entry.text) == (
        "transition",
        "start",
        "NEW",
        "IN_PROGRESS",
        officer,
        "已受理",
    )
    assert entry.data == {"note": "已受理"}
    notices = OutboxMessage.objects.filter(case_id=case.pk)
    assert [(m.recipient, m.channel) for m in notices] == [(other_officer, "in_app")]


def test_a_failure_after_the_status_is_saved_rolls_back_status_and_timeline(
    officer, other_officer, person, monkeypatch
):
    case = open_case(officer, person=person, assignee=other_officer)
    before = _snapshot(case)

    def outbox_down(**kwargs):
        raise RuntimeError("outbox table unavailable")

    monkeypatch.setattr(services, "outbox_write", outbox_down)
    with pytest.raises(RuntimeError):
        case_transition(case=case, name="start", actor=officer, data={"note": "開始"})

    assert _snapshot(case) == before


def test_an_effect_that_raises_leaves_nothing_behind(officer, person):
    case = _started(officer, person)
    before = _snapshot(case)

    with pytest.raises(EffectFailure):
        case_transition(case=case, name="explode", actor=officer, data={})

    assert _snapshot(case) == before
    assert not TimelineEntry.objects.filter(text="不應留下").exists()
    assert not OutboxMessage.objects.filter(subject_zh="不應留下").exists()


def test_a_transition_from_the_wrong_state_is_a_conflict(officer, person):
    case = open_case(officer, person=person)
    before = _snapshot(case)

    with pytest.raises(Conflict):
        case_transition(case=case, name="close", actor=officer, data={})

    assert _snapshot(case) == before


def test_a_stale_case_object_cannot_fire_twice(officer, person):
    case = open_case(officer, person=person)
    stale = Case.objects.get(pk=case.pk)
    case_transition(case=case, name="start", actor=officer, data={"note": "一"})

    with pytest.raises(Conflict):
        case_transition(case=stale, name="start", actor=officer, data={"note": "二"})

    assert TimelineEntry.objects.filter(case=case, kind="transition").count() == 1


@pytest.mark.parametrize("who", ["outsider", "auditor", "inspector_not_in_roles", "citizen_party"])
def test_a_role_not_allowed_is_forbidden(officer, outsider, auditor, person, who):
    case = _started(officer, person)
    actor = {
        "outsider": outsider,
        "auditor": auditor,
        "inspector_not_in_roles": factories.staff("INSPECTOR", "LS"),  # not in `submit`'s roles
        "citizen_party": factories.citizen(person=person),
    }[who]
    before = _snapshot(case)

    with pytest.raises(Forbidden):
        case_transition(case=case, name="submit", actor=actor, data={"summary": "陳核"})

    assert _snapshot(case) == before


def test_an_unknown_transition_is_an_application_error(officer, person):
    case = open_case(officer, person=person)

    with pytest.raises(ApplicationError) as raised:
        case_transition(case=case, name="teleport", actor=officer, data={})

    assert raised.value.field == "transition"


@pytest.mark.parametrize("data", [{}, {"note": ""}, {"note": "   "}, {"note": None}])
def test_a_missing_required_field_is_refused_with_the_field(officer, person, data):
    case = open_case(officer, person=person)
    before = _snapshot(case)

    with pytest.raises(ApplicationError) as raised:
        case_transition(case=case, name="start", actor=officer, data=data)

    assert (raised.value.field, raised.value.message_zh, raised.value.message_en) == (
        "note",
        "請填寫說明。",
        "Note is required.",
    )
    assert _snapshot(case) == before


@pytest.mark.parametrize(
    ("data", "field"),
    [({"amount": "many"}, "amount"), ({"amount": -1}, "amount"), ({"outcome": "maybe"}, "outcome")],
)
def test_a_malformed_field_is_refused_with_the_field(officer, person, data, field):
    case = _started(officer, person)
    before = _snapshot(case)

    with pytest.raises(ApplicationError) as raised:
        case_transition(case=case, name="close", actor=officer, data=data)

    assert raised.value.field == field
    assert _snapshot(case) == before


def test_a_non_scalar_choice_value_is_refused_with_the_field(officer, person):
    case = _started(officer, person)

    with pytest.raises(ApplicationError) as raised:
        case_transition(case=case, name="close", actor=officer, data={"outcome": ["ok"]})

    assert raised.value.field == "outcome"


def test_a_guard_refuses_and_nothing_is_written(officer, person):
    case = _started(officer, person)
    before = _snapshot(case)

    with pytest.raises(ApplicationError) as raised:
        case_transition(case=case, name="close", actor=officer, data={"amount": "101"})

    assert (raised.value.message_zh, raised.value.field) == ("金額超過上限。", None)
    assert _snapshot(case) == before


def test_a_guard_that_passes_lets_the_case_close(officer, person):
    case = _started(officer, person)

    case = case_transition(case=case, name="close", actor=officer, data={"amount": "100", "outcome": "ok"})

    case.refresh_from_db()
    assert (case.status, case.due_date, case.closed_at is not None) == ("CLOSED", None, True)
    assert case.timeline.get(seq=3).data == {"amount": 100, "outcome": "ok"}


def test_a_party_fires_a_party_transition_and_the_parties_are_told(officer, person):
    citizen = factories.citizen(person=person)
    case = open_case(officer, person=person)

    case = case_transition(case=case, name="withdraw", actor=citizen, data={})

    case.refresh_from_db()
    assert (case.status, case.closed_at is not None) == ("WITHDRAWN", True)
    entry = case.timeline.get(seq=2)
    assert (entry.actor, entry.visible_to_parties) == (citizen, True)
    assert set(OutboxMessage.objects.filter(case_id=case.pk).values_list("recipient", "channel")) == {
        (citizen.pk, "in_app"),
        (citizen.pk, "email"),
    }


def test_someone_who_is_not_a_party_cannot_fire_a_party_transition(officer, director, person):
    case = open_case(officer, person=person)
    before = _snapshot(case)

    for actor in (factories.citizen(), officer, director, factories.employer_user()):
        with pytest.raises(Forbidden):
            case_transition(case=case, name="withdraw", actor=actor, data={})

    assert _snapshot(case) == before


def test_transitions_available_lists_what_the_actor_may_fire_now(officer, auditor, person):
    citizen = factories.citizen(person=person)
    case = open_case(officer, person=person)

    assert [t.name for t in services.transitions_available(officer, case)] == ["start"]
    assert [t.name for t in services.transitions_available(citizen, case)] == ["withdraw"]
    assert services.transitions_available(auditor, case) == []


# --- deadlines on the office calendar -------------------------------------------------


def test_the_due_date_counts_working_days_on_the_office_calendar(officer, person, frozen_today):
    # 2026-12-23 is a Wednesday; 12/25 (行憲紀念日, from 2025) and 2027-01-01 are days off.
    frozen_today(date(2026, 12, 23))
    case = open_case(officer, person=person)
    assert case.due_date == date(2026, 12, 29)  # 3 working days: 12/24, 12/28, 12/29

    case = case_transition(case=case, name="start", actor=officer, data={"note": "開始"})
    case.refresh_from_db()
    assert case.due_date == date(2027, 1, 8)  # 10 working days, skipping 12/25 and 1/1


def test_the_due_date_skips_a_weekend_but_not_a_makeup_working_day(officer, person, frozen_today):
    frozen_today(date(2026, 11, 27))  # a Friday
    assert open_case(officer, person=person).due_date == date(2026, 12, 2)  # Mon 30, Tue 1, Wed 2


def test_a_state_without_deadline_clears_the_due_date(officer, person):
    case = _started(officer, person)
    assert case.due_date is not None

    case = case_transition(case=case, name="submit", actor=officer, data={"summary": "陳核"})

    case.refresh_from_db()
    assert (case.status, case.due_date) == ("PENDING_APPROVAL", None)


# --- the timeline hash chain ----------------------------------------------------------


def test_the_timeline_is_a_hash_chain(officer, person):
    case = _started(officer, person)
    services.case_note_add(case=case, actor=officer, text="電話聯繫")
    case = case_transition(case=case, name="close", actor=officer, data={"amount": 5})

    case.refresh_from_db()
    entries = list(TimelineEntry.objects.filter(case=case).order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert entries[0].prev_hash == GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash
    # Re-read from the database, every hash still matches its fields.
    for entry in entries:
        assert entry.hash == entry_hash(entry.prev_hash, services.timeline_fields(entry))
    assert (case.timeline_head, case.timeline_count) == (entries[-1].hash, 4)


def test_changing_an_entry_breaks_the_chain(officer, person):
    case = _started(officer, person)
    TimelineEntry.objects.filter(case=case, seq=1).update(text="竄改")

    entry = TimelineEntry.objects.get(case=case, seq=1)

    assert entry.hash != entry_hash(entry.prev_hash, services.timeline_fields(entry))
