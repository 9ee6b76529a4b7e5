"""Person and employer pages (each view logged with purpose, user and IP), their
cases across programs, and the merge pages."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laborbureau.cases.models import CaseParty
from laborbureau.core import services as core_services
from laborbureau.core.models import AccessLogEntry, Employer, HeadcountRecord, PartyMerge, Person
from laborbureau.core.tests import factories

pytestmark = pytest.mark.django_db


def person_url(person, purpose="案件承辦"):
    return reverse("staff_person", args=[person.pk]) + (f"?purpose={purpose}" if purpose else "")


def employer_url(employer, purpose="案件承辦"):
    return reverse("staff_employer", args=[employer.pk]) + (f"?purpose={purpose}" if purpose else "")


def test_person_page_asks_for_a_purpose_first(login, officer, person):
    response = login(officer).get(person_url(person, purpose=None))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="purpose"' in html
    assert person.id_number not in html
    assert AccessLogEntry.objects.count() == 0


def test_blank_purpose_is_refused(login, officer, person):
    response = login(officer).get(reverse("staff_person", args=[person.pk]) + "?purpose=+")
    assert response.status_code == 400
    assert AccessLogEntry.objects.count() == 0


def test_person_page_logs_the_read(login, officer, person, case):
    response = login(officer).get(person_url(person), REMOTE_ADDR="192.0.2.10")
    html = response.content.decode()
    assert response.status_code == 200
    assert person.id_number in html
    assert case.number in html
    assert "申訴人" in html  # the role in that case
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.username, entry.action, entry.object_type, entry.object_id) == (
        officer,
        officer.username,
        "view",
        "person",
        str(person.pk),
    )
    assert (entry.purpose, entry.ip, entry.path) == ("案件承辦", "192.0.2.10", reverse("staff_person", args=[person.pk]))
    assert entry.object_label == person.name


def test_person_page_lists_only_cases_the_viewer_may_read(login, officer, outsider, person, case):
    html = login(outsider).get(person_url(person)).content.decode()
    assert case.number not in html
    assert "沒有您可檢視的案件。" in html
    assert AccessLogEntry.objects.filter(username=outsider.username).count() == 1


def test_person_page_query_count(login, officer, person, django_assert_max_num_queries):
    """The cases list costs the same queries for 30 cases as for one."""
    factories.open_test_case(actor=officer, person=person)
    client = login(officer)
    client.get(person_url(person))  # the first access-log row also creates the chain head
    with CaptureQueriesContext(connection) as one:
        client.get(person_url(person))
    for _ in range(29):
        factories.open_test_case(actor=officer, person=person)
    with django_assert_max_num_queries(len(one)):
        response = client.get(person_url(person))
    assert response.content.decode().count('<th scope="row"><a href="/staff/cases/') == 30


def test_missing_person_is_404_and_not_logged(login, officer):
    assert login(officer).get(reverse("staff_person", args=[999999]) + "?purpose=x").status_code == 404
    assert AccessLogEntry.objects.count() == 0


def test_sysadmin_may_not_open_persons(login, sysadmin, person):
    assert login(sysadmin).get(person_url(person)).status_code == 403
    assert AccessLogEntry.objects.count() == 0


def test_auditor_may_read_persons(login, auditor, person, case):
    html = login(auditor).get(person_url(person)).content.decode()
    assert case.number in html
    assert reverse("staff_person_merge") not in html
    assert AccessLogEntry.objects.get().username == auditor.username


def test_employer_page_shows_sites_and_headcounts_and_logs(login, officer, employer, case):
    site = factories.EstablishmentFactory(employer=employer, name="內湖廠")
    HeadcountRecord.objects.create(establishment=site, as_of=date(2026, 1, 1), headcount=120, source="勞保")
    HeadcountRecord.objects.create(establishment=site, as_of=date(2026, 6, 1), headcount=95, source="勞保")
    response = login(officer).get(employer_url(employer), REMOTE_ADDR="192.0.2.11")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h3>內湖廠</h3>" in html
    assert html.index("115/06/01") < html.index("115/01/01")
    assert "<td>1,20</td>" not in html and "<td>120</td>" in html
    assert case.number in html and "相對人" in html
    entry = AccessLogEntry.objects.get()
    assert (entry.object_type, entry.object_id, entry.purpose, entry.ip) == (
        "employer",
        str(employer.pk),
        "案件承辦",
        "192.0.2.11",
    )


def test_person_merge_confirms_side_by_side_then_keeps_both_histories(login, officer, person):
    duplicate = factories.PersonFactory(name="林美麗", phone="0222223333")
    kept_case = factories.open_test_case(actor=officer, person=person)
    moved_case = factories.open_test_case(actor=officer, person=duplicate)
    client = login(officer)

    response = client.get(reverse("staff_person_merge"), {"survivor": person.pk, "absorbed": duplicate.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert person.id_number in html and duplicate.id_number in html
    assert 'name="reason"' in html
    assert AccessLogEntry.objects.filter(object_type="person").count() == 2
    assert PartyMerge.objects.count() == 0

    response = client.post(
        reverse("staff_person_merge"), {"survivor": person.pk, "absorbed": duplicate.pk, "reason": "同一人重複建檔"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff_person", args=[person.pk]))
    duplicate.refresh_from_db()
    assert duplicate.merged_into == person
    merge = PartyMerge.objects.get()
    assert (merge.survivor_id, merge.absorbed_id, merge.reason, merge.merged_by) == (
        person.pk,
        duplicate.pk,
        "同一人重複建檔",
        officer,
    )
    assert merge.snapshot["id_number"] == duplicate.id_number

    html = client.get(person_url(person)).content.decode()
    assert kept_case.number in html and moved_case.number in html
    assert f"#{duplicate.pk}" in html  # merge history
    html = client.get(person_url(duplicate)).content.decode()
    assert "本紀錄已併入" in html
    assert duplicate.id_number in html


def test_merge_without_a_reason_changes_nothing(login, officer, person):
    duplicate = factories.PersonFactory()
    factories.open_test_case(actor=officer, person=duplicate)
    response = login(officer).post(
        reverse("staff_person_merge"), {"survivor": person.pk, "absorbed": duplicate.pk, "reason": ""}
    )
    assert response.status_code == 400
    assert 'id="id_reason_error"' in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert PartyMerge.objects.count() == 0
    assert CaseParty.objects.filter(person=duplicate).count() == 1


def test_merge_with_itself_is_refused(login, officer, person):
    response = login(officer).get(reverse("staff_person_merge"), {"survivor": person.pk, "absorbed": person.pk})
    assert response.status_code == 400
    assert Person.objects.filter(merged_into__isnull=False).count() == 0


def test_auditor_may_not_merge(login, auditor, person):
    duplicate = factories.PersonFactory()
    client = login(auditor)
    assert client.get(reverse("staff_person_merge")).status_code == 403
    data = {"survivor": person.pk, "absorbed": duplicate.pk, "reason": "x"}
    assert client.post(reverse("staff_person_merge"), data).status_code == 403
    assert PartyMerge.objects.count() == 0


def test_employer_merge_moves_sites_and_cases(login, officer, employer):
    unidentified = factories.EmployerFactory(business_id=None, name="信義測試")
    site = factories.EstablishmentFactory(employer=unidentified, name="松山店")
    moved_case = factories.open_test_case(actor=officer, employer=unidentified)
    client = login(officer)
    html = client.get(reverse("staff_employer_merge"), {"survivor": employer.pk, "absorbed": unidentified.pk})
    assert "信義測試" in html.content.decode()
    response = client.post(
        reverse("staff_employer_merge"), {"survivor": employer.pk, "absorbed": unidentified.pk, "reason": "同一公司"}
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.employer == employer
    assert Employer.objects.get(pk=unidentified.pk).merged_into == employer
    html = client.get(employer_url(employer)).content.decode()
    assert moved_case.number in html and "松山店" in html


def test_employer_merge_with_different_business_ids_is_refused(login, officer, employer):
    other = factories.EmployerFactory()
    response = login(officer).post(
        reverse("staff_employer_merge"), {"survivor": employer.pk, "absorbed": other.pk, "reason": "x"}
    )
    assert response.status_code == 400
    assert "統一編號不同" in response.content.decode()
    assert PartyMerge.objects.count() == 0


def test_merge_page_reads_through_the_merge_service_rules(officer, person):
    # the view calls the service; a merge of an already merged record is refused there
    duplicate = factories.PersonFactory()
    core_services.person_merge(survivor=person, absorbed=duplicate, actor=officer, reason="x")
    with pytest.raises(core_services.ApplicationError):
        core_services.person_merge(survivor=person, absorbed=duplicate, actor=officer, reason="x")
