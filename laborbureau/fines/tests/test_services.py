"""The fines ledger services: range checks, numbering, payments, reminders,
enforcement, appeal and litigation; the derived state always matches the entries."""

from datetime import date, timedelta

import pytest

from laborbureau.cases.models import TimelineEntry
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.services import employer_merge
from laborbureau.core.tests import factories
from laborbureau.fines import ledger, services
from laborbureau.fines.models import Fine, FineEntry, FineNumberSequence, FineStatus, RemedyStage
from laborbureau.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db

Kind = FineEntry.Kind


def served(issue, **overrides):
    """A fine decided 2024-03-01 and served 2024-03-04 (due 2024-04-03)."""
    return issue(served_on=date(2024, 3, 4), **overrides)


def assert_cache_consistent(fine):
    fine = Fine.objects.get(pk=fine.pk)
    state = ledger.derive(fine.entries.order_by("seq"), fine.served_on)
    assert {name: getattr(fine, name) for name in state.as_fields()} == state.as_fields()


# --- the amount check -------------------------------------------------------------


def test_amount_out_of_range_is_refused_on_the_amount_field_and_nothing_is_written(issue):
    with pytest.raises(ApplicationError) as refused:
        issue(amount=19_999)
    assert refused.value.field == "amount"
    assert "20,000" in refused.value.message_zh and "1,000,000" in refused.value.message_zh
    assert (Fine.objects.count(), FineEntry.objects.count(), FineNumberSequence.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize("amount", [20_000, 1_000_000])
def test_boundary_amounts_are_accepted(issue, amount):
    fine = issue(amount=amount)
    assert (fine.amount, fine.amount_due, fine.balance, fine.range_min, fine.range_max) == (
        amount, amount, amount, 20_000, 1_000_000
    )


def test_just_above_the_maximum_is_refused(issue):
    with pytest.raises(ApplicationError) as refused:
        issue(amount=1_000_001)
    assert refused.value.field == "amount"


def test_range_is_the_one_in_force_on_the_violation_date(issue):
    # 第79條第1項 rose from 300,000 to 1,000,000 on 2016-12-23 (fine_ranges).
    with pytest.raises(ApplicationError) as refused:
        issue(violation_date=date(2016, 6, 1), decided_on=date(2016, 7, 1), amount=500_000)
    assert refused.value.field == "amount"
    fine = issue(violation_date=date(2017, 1, 10), decided_on=date(2017, 2, 1), amount=500_000)
    assert (fine.range_max, fine.legal_basis, fine.legal_basis_version) == (
        1_000_000, "勞動基準法第79條第1項第1款", "2016-12-21 修正公布"
    )
    assert Fine.objects.count() == 1


def test_article_without_a_range_on_that_date_is_refused_on_the_article_field(issue):
    # 第78條 was a criminal penalty until 2015-02-06.
    with pytest.raises(ApplicationError) as refused:
        issue(article="第78條第1項", violation_date=date(2014, 6, 1), decided_on=date(2014, 7, 1), amount=300_000)
    assert refused.value.field == "article"
    assert Fine.objects.count() == 0


def test_violation_before_the_ranges_coverage_names_the_violation_date():
    with pytest.raises(ApplicationError) as refused:
        services.fine_amount_check(law_code="LSA", article="第79條第1項", violation_date=date(2012, 5, 1),
                                   amount=50_000)
    assert refused.value.field == "violation_date"


def test_amount_check_returns_the_range_and_writes_nothing():
    found = services.fine_amount_check(law_code="LSA", article="79條1項", violation_date=date(2024, 1, 5),
                                       amount=20_000)
    assert (found.min, found.max, found.basis.cite()) == (20_000, 1_000_000, "勞動基準法第79條第1項")
    assert Fine.objects.count() == 0


def test_aggravated_ceiling_applies_only_when_asked(issue):
    with pytest.raises(ApplicationError):
        issue(amount=1_200_000)
    fine = issue(amount=1_200_000, aggravated=True)
    assert (fine.aggravated, fine.range_max) == (True, 1_500_000)


def test_limitation_of_three_years_refuses_on_violation_date(issue):
    with pytest.raises(ApplicationError) as refused:
        issue(violation_date=date(2020, 1, 1), decided_on=date(2023, 1, 2))
    assert refused.value.field == "violation_date"
    assert Fine.objects.count() == 0


def test_decision_before_the_violation_is_refused(issue):
    with pytest.raises(ApplicationError) as refused:
        issue(violation_date=date(2024, 2, 1), decided_on=date(2024, 1, 31))
    assert refused.value.field == "decided_on"


def test_other_units_staff_and_auditors_cannot_issue(issue, outsider, auditor):
    for actor in (outsider, auditor):
        with pytest.raises(Forbidden):
            issue(actor=actor)
    assert Fine.objects.count() == 0


# --- numbers, snapshots, case timeline --------------------------------------------


def test_numbers_run_per_roc_year_and_snapshot_the_employer(issue, employer):
    first = issue()
    second = issue()
    third = issue(violation_date=date(2025, 1, 2), decided_on=date(2025, 1, 10))
    assert [first.number, second.number, third.number] == ["北市勞罰-113-000001", "北市勞罰-113-000002",
                                                           "北市勞罰-114-000001"]
    employer.name = "改名後有限公司"
    employer.save()
    first.refresh_from_db()
    assert (first.employer_name, first.representative) == ("信義測試有限公司", "陳大文")


def test_issue_with_a_case_appends_a_fine_entry_to_its_timeline(issue, officer, employer):
    case = factories.open_test_case(actor=officer, assignee=officer, person=factories.PersonFactory(),
                                    employer=employer)
    fine = issue(case=case)
    entry = TimelineEntry.objects.get(case=case, kind=TimelineEntry.Kind.FINE)
    assert (entry.seq, entry.data["number"], entry.data["amount"]) == (2, fine.number, 100_000)
    case.refresh_from_db()
    assert case.timeline_count == 2


def test_issue_with_a_case_the_employer_is_not_party_to_is_refused(issue, officer):
    case = factories.open_test_case(actor=officer, employer=factories.EmployerFactory())
    with pytest.raises(ApplicationError) as refused:
        issue(case=case)
    assert refused.value.field == "employer"
    assert (Fine.objects.count(), TimelineEntry.objects.filter(kind="fine").count()) == (0, 0)


# --- service and due date ---------------------------------------------------------


def test_service_sets_the_due_date_30_days_later_moved_off_a_sunday(issue, officer):
    fine = issue()
    assert (fine.status, fine.due_date) == (FineStatus.UNSERVED, None)
    fine = services.fine_service_record(fine=fine, served_on=date(2024, 3, 1), actor=officer)
    # 2024-03-31 is a Sunday: the period ends on Monday 2024-04-01 (行政程序法第48條第4項).
    assert (fine.served_on, fine.due_date, fine.status) == (date(2024, 3, 1), date(2024, 4, 1), FineStatus.UNPAID)
    with pytest.raises(ApplicationError) as refused:
        services.fine_service_record(fine=fine, served_on=date(2024, 3, 2), actor=officer)
    assert refused.value.field == "reason"


def test_due_days_is_configurable_per_decision(issue):
    fine = issue(served_on=date(2024, 3, 4), due_days=15)
    assert fine.due_date == date(2024, 3, 19)


# --- payments ---------------------------------------------------------------------


def test_partial_payments_derive_the_balance(issue, officer):
    fine = served(issue)
    services.fine_payment_record(fine=fine, amount=30_000, paid_on=date(2024, 3, 10), reference="R1", actor=officer)
    services.fine_payment_record(fine=fine, amount=20_000, paid_on=date(2024, 3, 11), reference="R2", actor=officer)
    fine.refresh_from_db()
    assert (fine.paid_total, fine.balance, fine.status) == (50_000, 50_000, FineStatus.UNPAID)
    services.fine_payment_record(fine=fine, amount=50_000, paid_on=date(2024, 3, 12), reference="R3", actor=officer)
    fine.refresh_from_db()
    assert (fine.paid_total, fine.balance, fine.status) == (100_000, 0, FineStatus.PAID)
    assert list(fine.entries.values_list("kind", flat=True)) == ["ASSESSED", "SERVED", "PAYMENT", "PAYMENT", "PAYMENT"]
    assert_cache_consistent(fine)


def test_overpayment_is_refused_and_nothing_is_written(issue, officer):
    fine = served(issue)
    services.fine_payment_record(fine=fine, amount=90_000, paid_on=date(2024, 3, 10), reference="R1", actor=officer)
    with pytest.raises(ApplicationError) as refused:
        services.fine_payment_record(fine=fine, amount=10_001, paid_on=date(2024, 3, 11), reference="R2",
                                     actor=officer)
    assert refused.value.field == "amount"
    assert "10,000" in refused.value.message_zh
    assert fine.entries.count() == 3
    fine.refresh_from_db()
    assert fine.balance == 10_000


def test_payment_needs_a_reference_and_a_past_date(issue, officer):
    fine = served(issue)
    with pytest.raises(ApplicationError) as refused:
        services.fine_payment_record(fine=fine, amount=1, paid_on=date(2024, 3, 10), reference=" ", actor=officer)
    assert refused.value.field == "reference"
    with pytest.raises(ApplicationError) as refused:
        services.fine_payment_record(fine=fine, amount=1, paid_on=date.today() + timedelta(days=1), reference="R",
                                     actor=officer)
    assert refused.value.field == "paid_on"
    assert fine.entries.count() == 2


def test_a_reversed_payment_restores_the_balance_and_keeps_both_entries(issue, officer):
    fine = served(issue)
    payment = services.fine_payment_record(fine=fine, amount=40_000, paid_on=date(2024, 3, 10), reference="R1",
                                           actor=officer)
    services.fine_payment_reverse(entry=payment, reason="重複登錄", actor=officer)
    fine.refresh_from_db()
    assert (fine.paid_total, fine.balance) == (0, 100_000)
    with pytest.raises(Conflict):
        services.fine_payment_reverse(entry=payment, reason="again", actor=officer)
    assert list(fine.entries.values_list("kind", flat=True)) == ["ASSESSED", "SERVED", "PAYMENT", "PAYMENT_REVERSED"]


def test_auditor_and_other_unit_cannot_record_payments(issue, auditor, outsider):
    fine = served(issue)
    for actor in (auditor, outsider):
        with pytest.raises(Forbidden):
            services.fine_payment_record(fine=fine, amount=1, paid_on=date(2024, 3, 10), reference="R", actor=actor)
    assert fine.entries.count() == 2


# --- reminders --------------------------------------------------------------------


def test_reminders_are_idempotent_per_round(issue, employer_account):
    fine = served(issue)
    assert services.fine_reminders_sweep(date(2024, 4, 3)) == 0  # due today: not overdue yet
    assert services.fine_reminders_sweep(date(2024, 4, 4)) == 1
    assert services.fine_reminders_sweep(date(2024, 4, 4)) == 0
    assert services.fine_reminders_sweep(date(2024, 4, 20)) == 0  # next round only 30 days later
    reminders = fine.entries.filter(kind=Kind.REMINDER_SENT)
    assert list(reminders.values_list("reminder_round", "on")) == [(1, date(2024, 4, 4))]
    messages = OutboxMessage.objects.filter(recipient=employer_account)
    assert sorted(messages.values_list("channel", flat=True)) == ["email", "in_app"]
    assert messages.first().subject_zh == f"罰鍰催繳通知 {fine.number}"
    assert services.fine_reminders_sweep(date(2024, 5, 4)) == 1
    assert services.fine_reminders_sweep(date(2024, 6, 10)) == 0  # at most two rounds
    fine.refresh_from_db()
    assert (fine.reminders_sent, fine.last_reminder_on) == (2, date(2024, 5, 4))


def test_reminder_goes_to_the_employers_email_when_it_has_no_account(issue, employer):
    served(issue)
    assert services.fine_reminders_sweep(date(2024, 4, 4)) == 1
    assert list(OutboxMessage.objects.values_list("channel", "email")) == [("email", employer.email)]


def test_no_reminder_for_paid_or_suspended_fines(issue, officer):
    paid = served(issue)
    services.fine_payment_record(fine=paid, amount=100_000, paid_on=date(2024, 3, 10), reference="R", actor=officer)
    appealed = served(issue)
    services.fine_appeal_file(fine=appealed, filed_on=date(2024, 3, 20), actor=officer)
    assert services.fine_reminders_sweep(date(2024, 4, 10)) == 0
    assert FineEntry.objects.filter(kind=Kind.REMINDER_SENT).count() == 0


# --- enforcement ------------------------------------------------------------------


def test_referral_is_refused_before_the_due_date_has_passed(issue, officer):
    fine = served(issue)
    with pytest.raises(ApplicationError) as refused:
        services.fine_refer_to_enforcement(fine=fine, actor=officer, today=date(2024, 4, 3))
    assert refused.value.message_en == "The payment deadline has not passed yet."
    assert fine.entries.filter(kind=Kind.REFERRED_TO_ENFORCEMENT).count() == 0


def test_referral_is_refused_while_an_appeal_suspends_collection(issue, officer):
    fine = served(issue)
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer)
    fine.refresh_from_db()
    assert (fine.remedy, fine.collection_suspended) == (RemedyStage.APPEAL_PENDING, True)
    with pytest.raises(ApplicationError) as refused:
        services.fine_refer_to_enforcement(fine=fine, actor=officer, today=date(2024, 5, 1))
    assert "suspended" in refused.value.message_en
    assert fine.entries.filter(kind=Kind.REFERRED_TO_ENFORCEMENT).count() == 0


def test_an_appeal_filed_without_suspension_does_not_stop_referral(issue, officer):
    # 訴願法第93條第1項: filing does not by itself suspend execution.
    fine = served(issue)
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer, collection_suspended=False)
    services.fine_refer_to_enforcement(fine=fine, actor=officer, today=date(2024, 4, 4))
    fine.refresh_from_db()
    assert (fine.status, fine.referred_on, fine.balance) == (FineStatus.REFERRED, date(2024, 4, 4), 100_000)


def test_referral_after_the_due_date_and_only_once(issue, officer, employer_account):
    fine = served(issue)
    services.fine_payment_record(fine=fine, amount=40_000, paid_on=date(2024, 3, 10), reference="R", actor=officer)
    services.fine_refer_to_enforcement(fine=fine, actor=officer, today=date(2024, 4, 4))
    fine.refresh_from_db()
    assert (fine.status, fine.balance) == (FineStatus.REFERRED, 60_000)
    assert OutboxMessage.objects.filter(subject_zh__startswith="罰鍰移送行政執行通知").count() == 2
    with pytest.raises(ApplicationError):
        services.fine_refer_to_enforcement(fine=fine, actor=officer, today=date(2024, 4, 5))
    # Payment to the enforcement agency is still recorded; it settles the fine.
    services.fine_payment_record(fine=fine, amount=60_000, paid_on=date(2024, 5, 1), reference="執行", actor=officer)
    fine.refresh_from_db()
    assert fine.status == FineStatus.PAID


# --- appeal and litigation --------------------------------------------------------


def test_appeal_revoked_cancels_collection_and_makes_payments_refundable(issue, officer):
    fine = served(issue)
    services.fine_payment_record(fine=fine, amount=30_000, paid_on=date(2024, 3, 10), reference="R", actor=officer)
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer)
    services.fine_appeal_decide(fine=fine, outcome="revoked", decided_on=date(2024, 6, 1), actor=officer)
    fine.refresh_from_db()
    assert (fine.status, fine.amount_due, fine.balance, fine.collection_suspended, fine.final_on) == (
        FineStatus.CANCELLED, 0, 0, False, None
    )
    assert ledger.derive(fine.entries.order_by("seq"), fine.served_on).refund_due == 30_000
    with pytest.raises(ApplicationError) as refused:
        services.fine_payment_record(fine=fine, amount=1, paid_on=date(2024, 6, 2), reference="R", actor=officer)
    assert refused.value.field == "amount"
    with pytest.raises(ApplicationError):
        services.fine_refer_to_enforcement(fine=fine, actor=officer, today=date(2024, 7, 1))


def test_appeal_partially_revoked_changes_the_amount_through_an_entry(issue, officer):
    fine = served(issue)
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer)
    with pytest.raises(ApplicationError) as refused:
        services.fine_appeal_decide(fine=fine, outcome="partially_revoked", new_amount=100_000,
                                    decided_on=date(2024, 6, 1), actor=officer)
    assert refused.value.field == "new_amount"
    services.fine_appeal_decide(fine=fine, outcome="partially_revoked", new_amount=60_000,
                                decided_on=date(2024, 6, 3), actor=officer)
    fine.refresh_from_db()
    assert (fine.amount, fine.amount_due, fine.balance, fine.remedy, fine.collection_suspended) == (
        100_000, 60_000, 60_000, RemedyStage.APPEAL_DECIDED, False
    )
    # Two months for a suit after service of the appeal decision (行政訴訟法第106條).
    assert fine.final_on == date(2024, 8, 5)  # 2024-08-03 is a Saturday


def test_litigation_follows_an_appeal_decision(issue, officer):
    fine = served(issue)
    with pytest.raises(ApplicationError):
        services.fine_litigation_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer)
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer)
    with pytest.raises(Conflict):
        services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 21), actor=officer)
    services.fine_appeal_decide(fine=fine, outcome="upheld", decided_on=date(2024, 6, 3), actor=officer)
    services.fine_litigation_file(fine=fine, filed_on=date(2024, 7, 1), actor=officer)
    fine.refresh_from_db()
    assert (fine.remedy, fine.collection_suspended, fine.final_on) == (RemedyStage.LITIGATION_PENDING, True, None)
    services.fine_litigation_decide(fine=fine, outcome="upheld", decided_on=date(2025, 3, 1), actor=officer)
    fine.refresh_from_db()
    assert (fine.remedy, fine.collection_suspended, fine.final_on, fine.balance) == (
        RemedyStage.LITIGATION_DECIDED, False, date(2025, 3, 1), 100_000
    )
    assert_cache_consistent(fine)


def test_cancel_needs_a_reason_and_is_recorded_once(issue, officer):
    fine = served(issue)
    with pytest.raises(ApplicationError) as refused:
        services.fine_cancel(fine=fine, reason="", actor=officer)
    assert refused.value.field == "reason"
    services.fine_cancel(fine=fine, reason="職權撤銷", actor=officer)
    with pytest.raises(Conflict):
        services.fine_cancel(fine=fine, reason="again", actor=officer)
    fine.refresh_from_db()
    assert fine.status == FineStatus.CANCELLED


def test_write_off_only_after_referral(issue, officer):
    fine = served(issue)
    with pytest.raises(ApplicationError):
        services.fine_write_off(fine=fine, reason="執行期間屆滿", actor=officer)
    services.fine_refer_to_enforcement(fine=fine, actor=officer, today=date(2024, 4, 4))
    services.fine_write_off(fine=fine, reason="執行期間屆滿", actor=officer)
    fine.refresh_from_db()
    assert (fine.status, fine.balance, fine.amount_due) == (FineStatus.WRITTEN_OFF, 0, 100_000)


# --- invariants -------------------------------------------------------------------


def test_the_cached_state_of_every_fine_matches_its_entries(issue, officer):
    a = served(issue)
    b = served(issue)
    c = issue()
    services.fine_payment_record(fine=a, amount=10, paid_on=date(2024, 3, 10), reference="R", actor=officer)
    services.fine_appeal_file(fine=b, filed_on=date(2024, 3, 20), actor=officer)
    services.fine_appeal_decide(fine=b, outcome="partially_revoked", new_amount=5, decided_on=date(2024, 6, 3),
                                actor=officer)
    services.fine_reminders_sweep(date(2024, 4, 10))
    for fine in (a, b, c):
        assert_cache_consistent(fine)
    stale = Fine.objects.get(pk=a.pk)
    Fine.objects.filter(pk=a.pk).update(balance=1)
    assert services.fine_recompute(fine=stale).balance == 99_990


def test_entries_are_never_deleted_or_updated_by_the_services():
    source = open(services.__file__, encoding="utf-8").read()
    assert ".delete(" not in source
    assert "FineEntry.objects.filter(pk=entry.pk).update(note=" in source  # the one note amended in its own txn
    assert source.count("FineEntry.objects.filter(") == 2


def test_employer_merge_moves_fines_to_the_survivor(issue, employer):
    fine = issue()
    survivor = factories.EmployerFactory(business_id=None, name="存續公司")
    chief = factories.staff(Role.SECTION_CHIEF, "LS")
    employer_merge(survivor=survivor, absorbed=employer, actor=chief, reason="重複建檔")
    fine.refresh_from_db()
    assert (fine.employer_id, fine.employer_name) == (survivor.pk, "信義測試有限公司")
