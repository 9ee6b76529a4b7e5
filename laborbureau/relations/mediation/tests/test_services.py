"""Mediation services: filing (unknown employers, duplicates, claims), the mediator's
appointment (conflicts, caseload), scheduling (deadline, double booking, notices), the
outcome (over-claim confirmation, records) and withdrawal."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, CaseParty
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.core.tests.factories import (
    EmployerFactory,
    PersonFactory,
    business_id,
    citizen,
    employer_user,
    national_id,
)
from laborbureau.documents.models import IssuedDocument
from laborbureau.notify.models import OutboxMessage
from laborbureau.relations.mediation import services
from laborbureau.relations.mediation.forms import parse_workers
from laborbureau.relations.mediation.models import (
    Dispute,
    DisputeWorker,
    MediatorAbsence,
    MediatorConflict,
    Meeting,
)
from laborbureau.relations.mediation.tests.factories import (
    assign,
    claim,
    file_dispute,
    hold_meeting_yesterday,
    lr_officer,
    mediator,
    next_working_slot,
    room,
)
from laborbureau.rules import dispute_deadlines, working_days

pytestmark = pytest.mark.django_db


def settle(dispute, actor, **overrides):
    data = {
        "outcome": "SETTLED", "applicant_attended": True, "respondent_attended": True,
        "record_summary": "雙方同意給付加班費。", "settlement_terms": "相對人於115年12月31日前給付40,000元。",
        "settled_amounts": {"OVERTIME": 40000},
    }
    data.update(overrides)
    return services.dispute_outcome_record(case=dispute.case, actor=actor, data=services.OutcomeInput(**data))


def scheduled(dispute, officer, mediator_user, slot=None):
    assign(dispute, officer, mediator_user)
    slot = slot or services.slot_proposals(dispute)[0]
    services.meeting_schedule(case=dispute.case, actor=officer, starts_at=slot.starts_at, room_id=slot.room.pk)
    dispute.refresh_from_db()
    return dispute


# --- filing ----------------------------------------------------------------------------


def test_a_worker_files_and_the_case_carries_the_three_day_appointment_limit():
    worker = citizen()
    dispute = file_dispute(worker, claims=[claim("OVERTIME", 48000), claim("ILLEGAL_DISMISSAL", None)])
    case = dispute.case
    assert case.status == "SUBMITTED"
    assert case.number.split("-")[1] == "DSP"
    assert case.due_date == working_days.deadline(timezone.localdate(), 3, "calendar")
    assert dispute.received_on == timezone.localdate()
    roles = sorted(CaseParty.objects.filter(case=case).values_list("role", flat=True))
    assert roles == ["APPLICANT", "RESPONDENT"]
    assert list(dispute.claims.values_list("claim_type", "amount")) == [("OVERTIME", 48000), ("ILLEGAL_DISMISSAL", None)]
    assert list(DisputeWorker.objects.filter(dispute=dispute).values_list("person_id", flat=True)) == [worker.person_id]


def test_a_dispute_against_an_unknown_employer_is_filed_and_follows_the_merge():
    worker = citizen()
    dispute = file_dispute(worker, employer=EmployerInput(name="無名小吃店"))
    unknown = dispute.employer
    assert unknown.business_id is None
    officer = lr_officer()
    profile = mediator().mediator_profile
    MediatorConflict.objects.create(mediator=profile, employer=unknown, reason="曾任顧問")
    identified = EmployerFactory()
    core_services.employer_merge(survivor=identified, absorbed=unknown, actor=officer, reason="查明統一編號")
    dispute.refresh_from_db()
    assert dispute.employer_id == identified.pk
    assert MediatorConflict.objects.get().employer_id == identified.pk
    assert CaseParty.objects.get(case=dispute.case, role="RESPONDENT").employer_id == identified.pk


def test_the_workers_follow_a_person_merge():
    officer = lr_officer()
    worker = citizen()
    twin = PersonFactory()
    dispute = file_dispute(
        worker, applicant_kind="WORKERS", workers=[PersonInput(id_number=twin.id_number, name=twin.name)]
    )
    survivor = PersonFactory()
    core_services.person_merge(survivor=survivor, absorbed=twin, actor=officer, reason="同一人")
    assert sorted(DisputeWorker.objects.filter(dispute=dispute).values_list("person_id", flat=True)) == sorted(
        [worker.person_id, survivor.pk]
    )


def test_a_duplicate_application_is_refused_with_the_existing_case_number_and_writes_nothing():
    worker = citizen()
    number = business_id()
    first = file_dispute(worker, employer=EmployerInput(name="信義餐飲", business_id=number))
    cases, outbox = Case.objects.count(), OutboxMessage.objects.count()
    with pytest.raises(ApplicationError) as refused:
        file_dispute(worker, employer=EmployerInput(name="信義餐飲", business_id=number),
                     claims=[claim("OVERTIME", 10000), claim("SEVERANCE", 90000)])
    assert refused.value.code == "duplicate"
    assert refused.value.field == "claims"
    assert first.case.number in refused.value.message_zh
    assert (Case.objects.count(), OutboxMessage.objects.count(), Dispute.objects.count()) == (cases, outbox, 1)


def test_a_different_claim_or_a_closed_case_is_not_a_duplicate():
    worker = citizen()
    number = business_id()
    employer = EmployerInput(name="信義餐飲", business_id=number)
    first = file_dispute(worker, employer=employer)
    second = file_dispute(worker, employer=employer, claims=[claim("SEVERANCE", 90000)])
    case_services.case_transition(case=first.case, name="withdraw", actor=worker, data={})
    third = file_dispute(worker, employer=employer)
    assert len({first.pk, second.pk, third.pk}) == 3


def test_a_group_member_already_in_an_open_case_makes_the_group_application_a_duplicate():
    colleague = citizen()
    number = business_id()
    first = file_dispute(colleague, employer=EmployerInput(name="信義餐飲", business_id=number))
    leader = citizen()
    with pytest.raises(ApplicationError, match=first.case.number):
        file_dispute(leader, applicant_kind="WORKERS", employer=EmployerInput(name="信義餐飲", business_id=number),
                     workers=[PersonInput(id_number=colleague.person.id_number, name=colleague.person.name)])


@pytest.mark.parametrize(
    ("claims", "field"),
    [
        ([], "claims"),
        ([claim("OVERTIME", None)], "claims.0.amount"),
        ([claim("OVERTIME", 0)], "claims.0.amount"),
        ([claim("ILLEGAL_DISMISSAL", None), claim("SEVERANCE", None)], "claims.1.amount"),
        ([claim("OTHER", None, "")], "claims.0.note"),
        ([claim("OVERTIME", 1), claim("OVERTIME", 2)], "claims.1.claim_type"),
        ([claim("NOT_A_CLAIM", 1)], "claims.0.claim_type"),
        ([claim("OVERTIME", services.MAX_AMOUNT + 1)], "claims.0.amount"),
    ],
)
def test_bad_claims_are_refused_on_their_field_and_nothing_is_written(claims, field):
    with pytest.raises(ApplicationError) as refused:
        file_dispute(citizen(), claims=claims)
    assert refused.value.field == field
    assert not Case.objects.exists()


def test_an_employer_account_applies_as_the_employer_about_named_workers():
    account = employer_user()
    worker = PersonFactory()
    dispute = file_dispute(account, applicant_kind="EMPLOYER", employer=EmployerInput(name="ignored"),
                           workers=[PersonInput(id_number=worker.id_number, name=worker.name)])
    assert dispute.employer_id == account.employer_id
    parties = set(CaseParty.objects.filter(case=dispute.case).values_list("role", "person_id", "employer_id"))
    assert parties == {("APPLICANT", None, account.employer_id), ("RESPONDENT", worker.pk, None)}


@pytest.mark.parametrize(
    ("kind", "field"), [("WORKER", "applicant_kind"), ("EMPLOYER", "workers")]
)
def test_an_employer_account_must_apply_as_employer_and_name_workers(kind, field):
    with pytest.raises(ApplicationError) as refused:
        file_dispute(employer_user(), applicant_kind=kind)
    assert refused.value.field == field
    assert not Case.objects.exists()


def test_a_union_applies_through_its_representative():
    representative = citizen()
    member = PersonFactory()
    dispute = file_dispute(representative, applicant_kind="UNION", union_name="臺北市餐飲業產業工會",
                           workers=[PersonInput(id_number=member.id_number, name=member.name)])
    roles = set(CaseParty.objects.filter(case=dispute.case).values_list("role", flat=True))
    assert roles == {"UNION", "WORKER", "RESPONDENT"}
    with pytest.raises(ApplicationError) as refused:
        file_dispute(citizen(), applicant_kind="UNION")
    assert refused.value.field == "union_name"


def test_an_officer_records_an_application_for_a_worker():
    officer = lr_officer()
    dispute = file_dispute(officer, applicant=PersonInput(id_number=national_id(), name="林小華"), channel="counter")
    assert dispute.case.channel == "counter"
    assert dispute.workers.get().person.name == "林小華"


def test_a_labor_standards_officer_cannot_record_a_mediation():
    from laborbureau.core.models import Role
    from laborbureau.core.tests.factories import staff

    with pytest.raises(Forbidden):
        file_dispute(staff(Role.CASE_OFFICER, "LS"), applicant=PersonInput(id_number=national_id(), name="林小華"))
    assert not Case.objects.exists()


@given(st.text(max_size=200))
def test_the_worker_list_parser_either_parses_or_refuses(text):
    from django import forms

    try:
        people = parse_workers(text)
    except forms.ValidationError:
        return
    assert all(person.id_number and person.name for person in people)


# --- appointment ------------------------------------------------------------------------


def test_a_mediator_with_a_conflict_of_interest_is_refused_and_the_case_stays():
    officer = lr_officer()
    mediator_user = mediator()
    dispute = file_dispute(citizen())
    MediatorConflict.objects.create(mediator=mediator_user.mediator_profile, employer=dispute.employer, reason="親屬任職")
    with pytest.raises(ApplicationError, match="利益衝突"):
        assign(dispute, officer, mediator_user)
    dispute.refresh_from_db()
    assert (dispute.case.status, dispute.mediator_id) == ("SUBMITTED", None)


def test_a_mediator_at_the_caseload_limit_is_refused():
    officer = lr_officer()
    mediator_user = mediator(max_open_cases=1)
    assign(file_dispute(citizen()), officer, mediator_user)
    with pytest.raises(ApplicationError, match="上限"):
        assign(file_dispute(citizen()), officer, mediator_user)


def test_the_committee_procedure_cannot_be_given_a_single_mediator():
    dispute = file_dispute(citizen(), procedure="committee")
    with pytest.raises(ApplicationError, match="第11條"):
        assign(dispute, lr_officer(), mediator())
    case_services.case_transition(case=dispute.case, name="designate_committee", actor=lr_officer(),
                                  data={"mediator": str(mediator().pk), "committee_members": "甲委員、乙委員"})
    dispute.refresh_from_db()
    assert dispute.case.status == "COMMITTEE_FORMING"
    assert dispute.case.due_date == working_days.deadline(timezone.localdate(), 14, "calendar")


def test_the_roster_ranks_eligible_then_language_then_caseload():
    officer = lr_officer()
    busy = mediator(languages=["zh", "vi"])
    idle = mediator(languages=["zh"])
    speaker = mediator(languages=["zh", "vi"])
    conflicted = mediator(languages=["vi"])
    assign(file_dispute(citizen()), officer, busy)
    dispute = file_dispute(citizen(), language="vi")
    MediatorConflict.objects.create(mediator=conflicted.mediator_profile, employer=dispute.employer, reason="x")
    order = [row.profile.user_id for row in services.roster_for(dispute)]
    assert order == [speaker.pk, busy.pk, idle.pk, conflicted.pk]


# --- scheduling ------------------------------------------------------------------------


def test_the_first_meeting_deadline_is_seven_days_after_the_appointment():
    dispute = assign(file_dispute(citizen()), lr_officer(), mediator())
    plan = dispute_deadlines.mediation_deadlines(
        received=timezone.localdate(), method="mediator", done={"appoint_mediator": timezone.localdate()}
    )
    deadline = services.meeting_deadline(dispute)
    assert deadline.due == plan.items[1].due
    assert deadline.basis == "勞資爭議處理法第12條第2項"
    assert dispute.case.due_date == working_days.deadline(timezone.localdate(), 7, "calendar")


def test_proposals_skip_the_mediators_meetings_absences_and_the_parties_unavailable_days():
    officer = lr_officer()
    mediator_user = mediator()
    other = scheduled(file_dispute(citizen()), officer, mediator_user)
    booked = other.meetings.get().starts_at
    dispute = assign(file_dispute(citizen()), officer, mediator_user)
    first_day = next_working_slot(2).date()
    MediatorAbsence.objects.create(mediator=mediator_user.mediator_profile, day=first_day)
    blocked = next_working_slot(4).date()
    dispute.applicant_unavailable = [blocked.isoformat()]
    dispute.save()
    slots = services.slot_proposals(dispute, limit=30)
    starts = [slot.starts_at for slot in slots]
    assert booked not in starts
    assert all(timezone.localdate(s) not in (first_day, blocked) for s in starts)
    deadline = services.meeting_deadline(dispute).due
    assert all(slot.within_deadline == (timezone.localdate(slot.starts_at) <= deadline) for slot in slots)


def test_scheduling_books_the_meeting_and_notifies_both_sides_with_pdf_notices():
    worker = citizen()
    account = employer_user()
    officer = lr_officer()
    mediator_user = mediator()
    employer = account.employer
    dispute = file_dispute(worker, employer=EmployerInput(name=employer.name, business_id=employer.business_id))
    before = OutboxMessage.objects.count()
    dispute = scheduled(dispute, officer, mediator_user)
    meeting = dispute.meetings.get()
    assert dispute.case.status == "MEETING_SCHEDULED"
    assert meeting.deadline == services.meeting_deadline(dispute, 1).due
    notices = IssuedDocument.objects.filter(case=dispute.case, kind="notice")
    assert notices.count() == 2
    assert set(notices.values_list("title", flat=True)) == {"勞資爭議調解會議開會通知"}
    assert all(notices.values_list("visible_to_parties", flat=True))
    recipients = set(
        OutboxMessage.objects.filter(subject_zh__startswith="調解會議開會通知").values_list("recipient_id", flat=True)
    )
    assert {worker.pk, account.pk} <= recipients
    assert OutboxMessage.objects.count() > before


def test_a_mediator_cannot_be_booked_twice_at_once_and_the_refusal_writes_nothing():
    officer = lr_officer()
    mediator_user = mediator()
    first = scheduled(file_dispute(citizen()), officer, mediator_user)
    taken = first.meetings.get()
    second = assign(file_dispute(citizen()), officer, mediator_user)
    counts = (Meeting.objects.count(), OutboxMessage.objects.count(), IssuedDocument.objects.count())
    later_room = [r for r in type(taken.room).objects.all() if r.pk != taken.room_id][0]
    with pytest.raises(Conflict):
        services.meeting_schedule(case=second.case, actor=officer, starts_at=taken.starts_at + timedelta(minutes=30),
                                  room_id=later_room.pk)
    assert (Meeting.objects.count(), OutboxMessage.objects.count(), IssuedDocument.objects.count()) == counts
    second.case.refresh_from_db()
    assert second.case.status == "MEDIATOR_ASSIGNED"


def test_the_database_refuses_a_second_scheduled_meeting_for_the_same_mediator_and_start():
    officer = lr_officer()
    mediator_user = mediator()
    first = scheduled(file_dispute(citizen()), officer, mediator_user)
    taken = first.meetings.get()
    second = assign(file_dispute(citizen()), officer, mediator_user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(dispute=second, sequence=1, starts_at=taken.starts_at, ends_at=taken.ends_at,
                               room=[r for r in type(taken.room).objects.all() if r.pk != taken.room_id][0],
                               mediator=mediator_user, deadline=taken.deadline)


def test_a_room_cannot_be_booked_twice():
    officer = lr_officer()
    first = scheduled(file_dispute(citizen()), officer, mediator())
    taken = first.meetings.get()
    second = assign(file_dispute(citizen()), officer, mediator())
    with pytest.raises(ApplicationError) as refused:
        services.meeting_schedule(case=second.case, actor=officer, starts_at=taken.starts_at, room_id=taken.room_id)
    assert refused.value.field == "room"


def test_a_slot_after_the_statutory_day_needs_a_reason():
    officer = lr_officer()
    dispute = assign(file_dispute(citizen()), officer, mediator())
    due = services.meeting_deadline(dispute).due
    late = next_working_slot((due - timezone.localdate()).days + 1)
    with pytest.raises(ApplicationError) as refused:
        services.meeting_schedule(case=dispute.case, actor=officer, starts_at=late, room_id=room().pk)
    assert (refused.value.field, refused.value.code) == ("late_reason", "late")
    assert not Meeting.objects.exists()
    services.meeting_schedule(case=dispute.case, actor=officer, starts_at=late, room_id=room().pk,
                              late_reason="雙方同意延後")
    assert Meeting.objects.get().deadline == due


def test_a_day_off_a_past_day_and_after_hours_are_refused():
    officer = lr_officer()
    dispute = assign(file_dispute(citizen()), officer, mediator())
    day = timezone.localdate() + timedelta(days=1)
    while working_days.is_working_day(day):
        day += timedelta(days=1)
    saturday = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time().replace(hour=9)))
    for starts in (saturday, timezone.now() - timedelta(days=1), next_working_slot(1).replace(hour=17)):
        with pytest.raises(ApplicationError) as refused:
            services.meeting_schedule(case=dispute.case, actor=officer, starts_at=starts, room_id=room().pk,
                                      late_reason="x")
        assert refused.value.field == "starts_at"
    assert not Meeting.objects.exists()


def test_another_mediator_cannot_schedule_a_case_not_theirs():
    officer = lr_officer()
    dispute = assign(file_dispute(citizen()), officer, mediator())
    with pytest.raises(Forbidden):
        services.meeting_schedule(case=dispute.case, actor=mediator(), starts_at=next_working_slot(), room_id=room().pk)


# --- outcome ---------------------------------------------------------------------------


def test_the_mediator_records_a_settlement_with_the_record_pdf():
    officer = lr_officer()
    mediator_user = mediator()
    dispute = scheduled(file_dispute(citizen()), officer, mediator_user)
    hold_meeting_yesterday(dispute)
    settle(dispute, mediator_user)
    dispute.refresh_from_db()
    assert (dispute.case.status, dispute.outcome) == ("SETTLED", "SETTLED")
    assert dispute.case.closed_at is not None
    assert dispute.claims.get().settled_amount == 40000
    meeting = dispute.meetings.get()
    assert (meeting.status, meeting.applicant_attended, meeting.respondent_attended) == ("HELD", True, True)
    record = IssuedDocument.objects.get(case=dispute.case, kind="record")
    assert (record.title, record.visible_to_parties) == ("勞資爭議調解紀錄", True)


def test_a_settled_amount_above_the_claim_needs_a_confirmation():
    officer = lr_officer()
    mediator_user = mediator()
    dispute = scheduled(file_dispute(citizen()), officer, mediator_user)
    hold_meeting_yesterday(dispute)
    with pytest.raises(ApplicationError) as refused:
        settle(dispute, mediator_user, settled_amounts={"OVERTIME": 50000})
    assert (refused.value.field, refused.value.code) == ("settled_amounts.OVERTIME", "over_claim")
    dispute.refresh_from_db()
    assert dispute.case.status == "MEETING_SCHEDULED"
    assert dispute.claims.get().settled_amount is None
    assert not IssuedDocument.objects.filter(kind="record").exists()
    settle(dispute, mediator_user, settled_amounts={"OVERTIME": 50000}, confirm_over_claim=["OVERTIME"])
    claim_row = dispute.claims.get()
    assert (claim_row.settled_amount, claim_row.settled_over_claim_confirmed) == (50000, True)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"settled_amounts": {}}, "settled_amounts.OVERTIME"),
        ({"settlement_terms": ""}, "settlement_terms"),
        ({"respondent_attended": False}, "respondent_attended"),
        ({"settled_amounts": {"OVERTIME": 1, "SEVERANCE": 2}}, "settled_amounts.SEVERANCE"),
        ({"record_summary": " "}, "record_summary"),
    ],
)
def test_an_incomplete_settlement_is_refused(overrides, field):
    officer = lr_officer()
    mediator_user = mediator()
    dispute = scheduled(file_dispute(citizen()), officer, mediator_user)
    hold_meeting_yesterday(dispute)
    with pytest.raises(ApplicationError) as refused:
        settle(dispute, mediator_user, **overrides)
    assert refused.value.field == field
    assert Case.objects.get().status == "MEETING_SCHEDULED"


def test_an_outcome_before_the_meeting_is_refused():
    officer = lr_officer()
    mediator_user = mediator()
    dispute = scheduled(file_dispute(citizen()), officer, mediator_user)
    with pytest.raises(ApplicationError, match="尚未召開"):
        settle(dispute, mediator_user)


def test_not_settled_closes_with_a_record_for_the_fund_and_the_arrears_advance():
    officer = lr_officer()
    mediator_user = mediator()
    dispute = scheduled(file_dispute(citizen()), officer, mediator_user)
    hold_meeting_yesterday(dispute)
    services.dispute_outcome_record(case=dispute.case, actor=mediator_user, data=services.OutcomeInput(
        outcome="NOT_SETTLED", applicant_attended=True, respondent_attended=True, record_summary="金額差距過大。"))
    dispute.refresh_from_db()
    assert (dispute.case.status, dispute.outcome) == ("NOT_SETTLED", "NOT_SETTLED")
    assert IssuedDocument.objects.filter(case=dispute.case, kind="record").count() == 1
    assert any("勞工權益基金訴訟扶助" in line for line in services.NEXT_STEPS_NOT_SETTLED)
    assert any("勞動基準法第28條" in line for line in services.NEXT_STEPS_NOT_SETTLED)


def test_an_absent_respondent_closes_the_case_and_must_really_be_absent():
    officer = lr_officer()
    mediator_user = mediator()
    dispute = scheduled(file_dispute(citizen()), officer, mediator_user)
    hold_meeting_yesterday(dispute)
    data = {"outcome": "RESPONDENT_ABSENT", "applicant_attended": True, "record_summary": "相對人經通知未到場。"}
    with pytest.raises(ApplicationError):
        services.dispute_outcome_record(case=dispute.case, actor=mediator_user,
                                        data=services.OutcomeInput(respondent_attended=True, **data))
    services.dispute_outcome_record(case=dispute.case, actor=mediator_user,
                                    data=services.OutcomeInput(respondent_attended=False, **data))
    assert Case.objects.get().status == "RESPONDENT_ABSENT"


def test_a_second_meeting_after_an_adjournment_runs_to_the_proposal_day():
    officer = lr_officer()
    mediator_user = mediator()
    dispute = scheduled(file_dispute(citizen()), officer, mediator_user)
    first = hold_meeting_yesterday(dispute)
    services.dispute_outcome_record(case=dispute.case, actor=mediator_user, data=services.OutcomeInput(
        outcome="ADJOURNED", applicant_attended=True, respondent_attended=True, record_summary="需補資料。"))
    dispute.refresh_from_db()
    assert dispute.case.status == "AWAITING_NEXT_MEETING"
    first.refresh_from_db()
    deadline = services.meeting_deadline(dispute)
    assert deadline.basis == "勞資爭議處理法第12條第5項"
    assert deadline.due == working_days.deadline(timezone.localdate(first.starts_at), 10, "calendar")
    slot = services.slot_proposals(dispute)[0]
    services.meeting_schedule(case=dispute.case, actor=officer, starts_at=slot.starts_at, room_id=slot.room.pk,
                              late_reason="補資料")
    assert list(dispute.meetings.values_list("sequence", "status")) == [(1, "HELD"), (2, "SCHEDULED")]


# --- withdrawal ------------------------------------------------------------------------


def test_the_respondent_cannot_withdraw_but_the_applicant_can_and_the_meeting_is_cancelled():
    worker = citizen()
    account = employer_user()
    employer = account.employer
    dispute = scheduled(file_dispute(worker, employer=EmployerInput(name=employer.name,
                                                                    business_id=employer.business_id)),
                        lr_officer(), mediator())
    assert "withdraw" not in [t.name for t in case_services.transitions_available(account, dispute.case)]
    with pytest.raises(Forbidden):
        case_services.case_transition(case=dispute.case, name="withdraw", actor=account, data={})
    case_services.case_transition(case=dispute.case, name="withdraw", actor=worker, data={"reason": "已和解"})
    dispute.refresh_from_db()
    assert (dispute.case.status, dispute.outcome) == ("WITHDRAWN", "WITHDRAWN")
    assert dispute.meetings.get().status == "CANCELLED"


def test_a_party_sets_only_its_own_sides_unavailable_days():
    worker = citizen()
    dispute = file_dispute(worker)
    day = timezone.localdate() + timedelta(days=3)
    services.party_unavailable_set(case=dispute.case, actor=worker, side="applicant", days=[day])
    dispute.refresh_from_db()
    assert dispute.applicant_unavailable == [day.isoformat()]
    with pytest.raises(Forbidden):
        services.party_unavailable_set(case=dispute.case, actor=worker, side="respondent", days=[day])


def test_the_not_settled_record_names_the_fund_aid_and_the_arrears_advance_and_both_sides(monkeypatch):
    issued = []
    original = services.document_services.document_issue

    def recording(**kwargs):
        issued.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(services.document_services, "document_issue", recording)
    worker = citizen()
    officer = lr_officer()
    mediator_user = mediator()
    dispute = scheduled(file_dispute(worker), officer, mediator_user)
    notices = [call for call in issued if call["kind"] == "notice"]
    assert sorted(call["context"]["recipient"] for call in notices) == sorted(
        [f"{worker.person.name}（申請人）", f"{dispute.employer.name}（相對人）"]
    )
    hold_meeting_yesterday(dispute)
    services.dispute_outcome_record(case=dispute.case, actor=mediator_user, data=services.OutcomeInput(
        outcome="NOT_SETTLED", applicant_attended=True, respondent_attended=True, record_summary="差距過大。"))
    record = next(call for call in issued if call["kind"] == "record")
    assert record["title"] == "勞資爭議調解紀錄"
    blocks = {block["heading"]: block["items"] for block in record["context"]["blocks"]}
    assert blocks["調解結果"] == ["調解不成立"]
    assert blocks["後續權益（勞工權益基金訴訟扶助及積欠工資墊償）"] == services.NEXT_STEPS_NOT_SETTLED
    assert blocks["請求事項"] == ["加班費：請求 48,000 元"]
