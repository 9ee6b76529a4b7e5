"""Selectors are scoped by the actor, and reads of personal data write the log."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import selectors as case_selectors
from laborbureau.cases.models import Case
from laborbureau.core import selectors
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests import factories
from laborbureau.rules import working_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return factories.staff(Role.CASE_OFFICER, "LS")


@pytest.fixture
def outsider():
    return factories.staff(Role.CASE_OFFICER, "LR")


def pin_due(case, due):
    Case.objects.filter(pk=case.pk).update(due_date=due)


# --- cases --------------------------------------------------------------------------


def test_case_get_hides_other_units_cases(officer, outsider):
    case = factories.open_test_case(actor=officer)
    assert case_selectors.case_get(officer, case.number) == case
    with pytest.raises(NotFound):
        case_selectors.case_get(outsider, case.number)
    with pytest.raises(NotFound):
        case_selectors.case_get(officer, "115-TST-999999")


def test_director_and_auditor_read_every_unit(officer):
    case = factories.open_test_case(actor=officer)
    for role in (Role.DIRECTOR, Role.AUDITOR):
        assert case_selectors.case_get(factories.staff(role, "ADM"), case.number) == case
    with pytest.raises(NotFound):
        case_selectors.case_get(factories.staff(Role.SYSADMIN, "ADM"), case.number)


def test_case_list_filters(officer):
    other = factories.staff(Role.CASE_OFFICER, "LS")
    mine = factories.open_test_case(actor=officer, assignee=officer, title="加班費未給付")
    theirs = factories.open_test_case(actor=officer, assignee=other, title="資遣費")
    assert list(case_selectors.case_list(officer, assignee=officer)) == [mine]
    assert set(case_selectors.case_list(officer, unit="LS")) == {mine, theirs}
    assert list(case_selectors.case_list(officer, unit="LR")) == []
    assert list(case_selectors.case_list(officer, q="加班")) == [mine]
    assert list(case_selectors.case_list(officer, q=theirs.number)) == [theirs]
    assert set(case_selectors.case_list(officer, status="NEW", case_type=factories.TEST_CASE_TYPE)) == {mine, theirs}
    assert list(case_selectors.case_list(officer, status="CLOSED")) == []


def test_case_list_matches_parties(officer):
    person = factories.PersonFactory(name="陳阿土")
    employer = factories.EmployerFactory(name="中山科技股份有限公司")
    with_person = factories.open_test_case(actor=officer, person=person)
    with_employer = factories.open_test_case(actor=officer, employer=employer)
    assert list(case_selectors.case_list(officer, q=person.id_number.lower())) == [with_person]
    assert list(case_selectors.case_list(officer, q="阿土")) == [with_person]
    assert list(case_selectors.case_list(officer, q=employer.business_id)) == [with_employer]
    assert list(case_selectors.case_list(officer, q="中山科技")) == [with_employer]


def test_inbox_queue_due_soon_overdue(officer):
    today = timezone.localdate()
    assigned = factories.open_test_case(actor=officer, assignee=officer)
    unassigned = factories.open_test_case(actor=officer)
    late = factories.open_test_case(actor=officer, assignee=officer)
    pin_due(late, today - timedelta(days=1))
    far = factories.open_test_case(actor=officer, assignee=officer)
    pin_due(far, working_days.add_working_days(today, 10))
    pin_due(assigned, working_days.add_working_days(today, 3))

    assert list(case_selectors.inbox(officer)) == [late, assigned, far]
    assert list(case_selectors.unit_queue(officer)) == [unassigned]
    assert list(case_selectors.overdue(officer)) == [late]
    due = set(case_selectors.due_soon(officer, working_days=5))
    assert assigned in due and far not in due and late not in due
    assert far in set(case_selectors.due_soon(officer, working_days=10))
    with pytest.raises(ApplicationError):
        case_selectors.due_soon(officer, working_days=-1)


def test_unit_queue_is_per_unit(officer, outsider):
    factories.open_test_case(actor=officer)
    assert list(case_selectors.unit_queue(outsider)) == []
    assert len(case_selectors.unit_queue(factories.staff(Role.DIRECTOR, "ADM"))) == 1


def test_working_day_horizon_skips_weekends():
    friday = date(2026, 11, 27)
    assert case_selectors.working_day_horizon(1, friday) == date(2026, 11, 30)
    assert case_selectors.working_day_horizon(5, friday) == date(2026, 12, 4)


def test_timeline_for_staff_and_party(officer):
    person = factories.PersonFactory()
    citizen = factories.citizen(person=person)
    case = factories.open_test_case(actor=officer, person=person)
    from laborbureau.cases import services

    services.case_note_add(case=case, actor=officer, text="內部紀錄")
    assert [entry.kind for entry in case_selectors.case_timeline(officer, case)] == ["opened", "note"]
    assert [entry.kind for entry in case_selectors.case_timeline(citizen, case)] == ["opened"]
    with pytest.raises(NotFound):
        case_selectors.case_timeline(factories.staff(Role.CASE_OFFICER, "LR"), case)


# --- parties ----------------------------------------------------------------------


def test_person_get_logs_every_read(officer):
    person = factories.PersonFactory()
    assert selectors.person_get(officer, person.pk, "申訴案件承辦") == person
    selectors.person_get(officer, person.pk, "申訴案件承辦")
    entries = list(AccessLogEntry.objects.order_by("seq"))
    assert [(e.seq, e.action, e.object_type, e.object_id, e.username, e.purpose) for e in entries] == [
        (1, "view", "person", str(person.pk), officer.username, "申訴案件承辦"),
        (2, "view", "person", str(person.pk), officer.username, "申訴案件承辦"),
    ]
    assert entries[1].prev_hash == entries[0].hash


def test_person_get_needs_purpose_and_permission(officer):
    person = factories.PersonFactory()
    with pytest.raises(ApplicationError) as error:
        selectors.person_get(officer, person.pk, "  ")
    assert error.value.field == "purpose"
    with pytest.raises(Forbidden):
        selectors.person_get(factories.staff(Role.SYSADMIN, "ADM"), person.pk, "x")
    with pytest.raises(Forbidden):
        selectors.person_get(factories.citizen(), person.pk, "x")
    with pytest.raises(NotFound):
        selectors.person_get(officer, 999999, "x")
    assert AccessLogEntry.objects.count() == 0


def test_person_search_logs_each_person_returned(officer):
    first = factories.PersonFactory(name="張志明")
    second = factories.PersonFactory(name="張志明")
    factories.PersonFactory(name="李大同")
    found = selectors.person_search(officer, "志明", "查詢")
    assert {p.pk for p in found} == {first.pk, second.pk}
    logged = set(AccessLogEntry.objects.values_list("action", "object_id"))
    assert logged == {("search", str(first.pk)), ("search", str(second.pk))}
    assert selectors.person_search(officer, first.id_number, "查詢") == [first]
    assert selectors.person_search(officer, "無此人", "查詢") == []
    assert AccessLogEntry.objects.count() == 3


def test_employer_get_logs_and_search_does_not(officer):
    employer = factories.EmployerFactory(name="大同商行")
    assert selectors.employer_search(officer, employer.business_id) == [employer]
    assert selectors.employer_search(officer, "同商") == [employer]
    assert AccessLogEntry.objects.count() == 0
    selectors.employer_get(officer, employer.pk, "檢查")
    assert AccessLogEntry.objects.get().object_type == "employer"


def test_party_cases_across_types_and_scoped(officer, outsider):
    person = factories.PersonFactory()
    case = factories.open_test_case(actor=officer, person=person)
    factories.open_test_case(actor=officer)  # not theirs
    cases = list(selectors.party_cases(officer, person=person))
    assert cases == [case]
    assert [party.role for party in cases[0].party_roles] == ["COMPLAINANT"]
    assert list(selectors.party_cases(outsider, person=person)) == []
    employer = factories.EmployerFactory()
    employer_case = factories.open_test_case(actor=officer, employer=employer)
    assert list(selectors.party_cases(officer, employer=employer)) == [employer_case]
    with pytest.raises(ValueError):
        selectors.party_cases(officer)


def test_merge_keeps_both_histories(officer):
    from laborbureau.core import services

    survivor = factories.PersonFactory()
    absorbed = factories.PersonFactory()
    first = factories.open_test_case(actor=officer, person=survivor)
    second = factories.open_test_case(actor=officer, person=absorbed)
    selectors.person_get(officer, absorbed.pk, "查核重複")
    services.person_merge(survivor=survivor, absorbed=absorbed, actor=officer, reason="重複建檔")

    assert set(selectors.party_cases(officer, person=survivor)) == {first, second}
    assert [m.absorbed_id for m in selectors.person_merges(officer, survivor)] == [absorbed.pk]
    assert [m.survivor_id for m in selectors.person_merges(officer, absorbed)] == [survivor.pk]
    assert list(selectors.person_merged_from(officer, survivor)) == [absorbed]
    # the absorbed record and the log of reads against it stay
    assert selectors.person_get(officer, absorbed.pk, "查核").merged_into == survivor
    assert AccessLogEntry.objects.filter(object_type="person", object_id=str(absorbed.pk)).count() == 2


# --- the access log ---------------------------------------------------------------


def test_access_log_search_for_auditors_and_the_director(officer):
    person = factories.PersonFactory()
    selectors.person_get(officer, person.pk, "承辦")
    auditor = factories.staff(Role.AUDITOR, "ADM")
    director = factories.staff(Role.DIRECTOR, "ADM")
    results = selectors.access_log_search(auditor, username=officer.username)
    assert [(e.object_type, e.object_id) for e in results] == [("person", str(person.pk))]
    assert len(selectors.access_log_search(director, object_type="person", object_id=str(person.pk))) == 1
    today = timezone.localdate()
    assert len(selectors.access_log_search(auditor, username=officer.username, date_from=today, date_to=today)) == 1
    assert selectors.access_log_search(auditor, username=officer.username, date_from=today + timedelta(days=1)) == []
    for role, unit in ((Role.SECTION_CHIEF, "LS"), (Role.SYSADMIN, "ADM"), (Role.CASE_OFFICER, "LS")):
        with pytest.raises(Forbidden):
            selectors.access_log_search(factories.staff(role, unit))
    searches = AccessLogEntry.objects.filter(object_type="access_log")
    assert searches.count() == 4
    assert {e.username for e in searches} == {auditor.username, director.username}
