"""Downloading an issued PDF: those who may read the case (parties too); others 404;
every download of a document about a person goes to the access log."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laborbureau.cases.models import CaseGrant
from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests.factories import EmployerFactory, PersonFactory, citizen, staff
from laborbureau.documents.tests.factories import issue, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return staff(Role.CASE_OFFICER, "LS")


@pytest.fixture
def person():
    return PersonFactory()


@pytest.fixture
def document(officer, person):
    return issue(actor=officer, case=make_case(person=person))


def _url(document):
    return reverse("document_pdf", args=[document.display_code])


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_staff_of_the_unit_download_it_and_the_export_is_logged(client, officer, document):
    client.force_login(officer)
    response = client.get(_url(document))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{document.display_code}.pdf"'
    with document.file.open("rb") as handle:
        assert _body(response) == handle.read()
    entry = AccessLogEntry.objects.get()
    assert (entry.user_id, entry.action, entry.object_type, entry.object_id, entry.path) == (
        officer.pk,
        "export",
        "document",
        document.code,
        _url(document),
    )


def test_a_party_to_the_case_downloads_it_from_the_portal(client, person, document):
    client.force_login(citizen(person))
    response = client.get(_url(document))
    assert response.status_code == 200
    assert AccessLogEntry.objects.get().action == "export"


def test_a_party_does_not_get_an_internal_record(client, officer, person):
    record = issue(actor=officer, case=make_case(person=person), kind="record", title="內部簽辦紀錄")
    client.force_login(citizen(person))
    assert client.get(_url(record)).status_code == 404
    assert AccessLogEntry.objects.count() == 0


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: staff(Role.CASE_OFFICER, "LR"),  # another unit
        lambda: staff(Role.SYSADMIN, "ADM"),  # manages accounts, not cases
        lambda: citizen(),  # not a party
    ],
)
def test_others_get_404_and_nothing_is_logged(client, document, make_user):
    client.force_login(make_user())
    assert client.get(_url(document)).status_code == 404
    assert AccessLogEntry.objects.count() == 0


def test_a_case_grant_opens_another_units_document(client, officer, document):
    reader = staff(Role.CASE_OFFICER, "LR")
    CaseGrant.objects.create(
        case=document.case,
        user=reader,
        granted_by=staff(Role.SECTION_CHIEF, "LS"),
        reason="協查",
        expires_at=timezone.now() + timedelta(days=1),
    )
    client.force_login(reader)
    assert client.get(_url(document)).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, document):
    response = client.get(_url(document))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_and_malformed_codes_are_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("document_pdf", args=["K7QM-2XPD-9HVA"])).status_code == 404
    assert client.get(reverse("document_pdf", args=["x" * 300])).status_code == 404


def test_a_document_about_an_employer_only_is_not_logged(client, officer):
    case = make_case()
    from laborbureau.cases.models import CaseParty, PartyRole

    CaseParty.objects.create(case=case, role=PartyRole.EMPLOYER, employer=EmployerFactory())
    document = issue(actor=officer, case=case)
    client.force_login(officer)
    assert client.get(_url(document)).status_code == 200
    assert AccessLogEntry.objects.count() == 0


def test_a_document_without_a_case_is_for_its_unit_and_its_person(client, officer):
    person = PersonFactory()
    certificate = issue(actor=officer, kind="certificate", title="非自願離職證明書", person=person)
    client.force_login(staff(Role.SECTION_CHIEF, "LS"))
    assert client.get(_url(certificate)).status_code == 200
    client.force_login(citizen(person))
    assert client.get(_url(certificate)).status_code == 200
    client.force_login(staff(Role.CASE_OFFICER, "ES"))
    assert client.get(_url(certificate)).status_code == 404
    assert AccessLogEntry.objects.count() == 2


def test_a_missing_file_is_404_not_500(client, officer, document):
    document.file.storage.delete(document.file.name)
    client.force_login(officer)
    assert client.get(_url(document)).status_code == 404
    assert AccessLogEntry.objects.count() == 0
