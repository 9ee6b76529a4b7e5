"""The portal through HTTP: registering, filing a complaint, following it."""

import pytest
from django.urls import reverse

from laborbureau.cases.models import Case
from laborbureau.core.models import Person, User
from laborbureau.core.tests.factories import PersonFactory, business_id, citizen, national_id

pytestmark = pytest.mark.django_db


def register_data(**overrides):
    data = {
        "username": "mei_hua",
        "id_number": national_id(2),
        "name": "林美華",
        "birth_date": "80/05/01",
        "email": "mei@example.tw",
        "phone": "0912000111",
        "password1": "a-long-pass-phrase-2026",
        "password2": "a-long-pass-phrase-2026",
    }
    data.update(overrides)
    return data


def test_registering_creates_the_person_and_the_account_and_signs_in(client):
    data = register_data()
    response = client.post(reverse("portal_register"), data)
    assert response.status_code == 302
    user = User.objects.get(username="mei_hua")
    assert user.person.id_number == data["id_number"]
    assert user.person.birth_date.isoformat() == "1991-05-01"
    assert client.get(reverse("portal_home")).status_code == 200


def test_a_bad_id_is_shown_on_its_field_and_nothing_is_created(client):
    response = client.post(reverse("portal_register"), register_data(id_number="A123456780"))
    assert response.status_code == 422
    assert "id_number" in response.context["form"].errors
    assert not User.objects.filter(username="mei_hua").exists()
    assert not Person.objects.exists()


def test_an_id_that_has_an_account_cannot_register_again(client):
    person = PersonFactory()
    citizen(person)
    response = client.post(reverse("portal_register"), register_data(id_number=person.id_number))
    assert response.status_code == 422
    assert "id_number" in response.context["form"].errors


def test_a_known_person_must_give_the_birth_date_on_record(client):
    person = PersonFactory(birth_date="1990-01-01")
    response = client.post(reverse("portal_register"), register_data(id_number=person.id_number, birth_date="1991-01-01"))
    assert response.status_code == 422
    assert "birth_date" in response.context["form"].errors
    response = client.post(reverse("portal_register"), register_data(id_number=person.id_number, birth_date="79/01/01"))
    assert response.status_code == 302
    assert User.objects.get(username="mei_hua").person == person


def complaint_post(**overrides):
    data = {
        "employer_name": "信義餐飲有限公司",
        "business_id": business_id(),
        "employer_address": "臺北市信義區松仁路100號",
        "employer_district": "63000020",
        "categories": ["OVERTIME_PAY"],
        "description": "每月加班40小時未給加班費。",
        "still_employed": "yes",
    }
    data.update(overrides)
    return data


def test_a_citizen_files_a_complaint_with_a_pay_slip_and_follows_it(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    user = citizen()
    client.force_login(user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    pay_slip = SimpleUploadedFile("薪資單.pdf", b"%PDF-1.4 pay slip", content_type="application/pdf")
    response = client.post(reverse("portal_complaint_new"), {**complaint_post(), "attachments": [pay_slip]})
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal_case", args=[case.number])
    page = client.get(response["Location"])
    assert page.status_code == 200
    content = page.content.decode()
    assert case.number in content
    assert "薪資單.pdf" in content
    assert case.attachments.get().sha256 == __import__("hashlib").sha256(b"%PDF-1.4 pay slip").hexdigest()


def test_a_renamed_executable_is_refused_and_no_case_is_opened(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(citizen())
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("slip.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("portal_complaint_new"), {**complaint_post(), "attachments": [fake]})
    assert response.status_code == 422
    assert "attachments" in response.context["form"].errors
    assert not Case.objects.exists()


def test_an_invalid_business_id_is_shown_on_its_field(client):
    client.force_login(citizen())
    response = client.post(reverse("portal_complaint_new"), complaint_post(business_id="12345678"))
    assert response.status_code == 422
    assert "business_id" in response.context["form"].errors
    assert not Case.objects.exists()


def test_english_pages_and_errors(client):
    client.force_login(citizen())
    client.cookies["django_language"] = "en"
    response = client.post(reverse("portal_complaint_new"), complaint_post(business_id="12345678"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "File a labor-standards complaint" in response.content.decode()


def test_another_citizens_case_answers_404(client):
    owner = citizen()
    client.force_login(owner)
    client.post(reverse("portal_complaint_new"), complaint_post())
    number = Case.objects.get().number
    client.force_login(citizen())
    assert client.get(reverse("portal_case", args=[number])).status_code == 404


def test_staff_have_no_portal_case_list(client):
    from laborbureau.core.tests.factories import staff

    client.force_login(staff())
    assert client.get(reverse("portal_home")).status_code == 404


def test_the_public_home_page_renders_in_both_languages(client):
    assert "勞動條件申訴" in client.get("/").content.decode()
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Labor-standards complaints" in response.content.decode()
