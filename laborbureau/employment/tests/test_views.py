"""The job-bank pages: the public list (no login, a fixed number of queries, escaped
text), employers' posting and answering, the citizen's registration, the staff pages
(404 for other units, notes never on a portal page, access log)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests.factories import business_id, citizen, employer_user, national_id, staff
from laborbureau.employment import services
from laborbureau.employment.models import JobSeeker, Referral, Vacancy
from laborbureau.employment.tests.factories import counsellor, seeker, vacancy

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "title": "門市銷售人員", "occupation": "52", "district": "63000030", "address": "臺北市大安區忠孝東路四段1號",
        "pay_unit": "MONTHLY", "pay_min": "31000", "pay_max": "35000", "hours": "FULL_TIME",
        "hours_note": "10:00-19:00", "openings": "2", "education_min": "SENIOR_HIGH",
        "description": "負責商品銷售、陳列及收銀，週休二日。", "requirements": "",
    }
    data["closing_date"] = (timezone.localdate() + timedelta(days=20)).isoformat()
    data.update(overrides)
    return data


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_public_list_needs_no_login_escapes_text_and_runs_in_a_fixed_number_of_queries(client):
    vacancy(description="歡迎 <3 二度就業 & 中高齡，工作內容：理貨")
    few = count_queries(client, "/jobs/")
    for _ in range(5):
        vacancy()
    assert count_queries(client, "/jobs/") == few
    page = client.get("/jobs/?district=63000020&occupation=5&posted_within=7").content.decode()
    assert "餐廳外場服務人員" in page
    assert "共 6 筆職缺" in page
    detail = client.get(f"/jobs/{Vacancy.objects.first().pk}/").content.decode()
    assert "&lt;3" in detail and "&amp; 中高齡" in detail


def test_a_bad_filter_answers_422_not_500(client):
    assert client.get("/jobs/?pay_min=abc&page=zz").status_code == 422


def test_an_employer_posts_through_the_form_and_a_low_pay_shows_on_its_field(client):
    owner = employer_user()
    client.force_login(owner)
    response = client.post("/portal/jobs/new/", form_data(pay_min="20000", pay_max=""))
    assert response.status_code == 422
    assert "最低工資" in response.content.decode()
    assert not Vacancy.objects.exists()
    response = client.post("/portal/jobs/new/", form_data(title="<b>急徵</b>"))
    assert response.status_code == 422
    assert not Vacancy.objects.exists()
    assert client.post("/portal/jobs/new/", form_data()).status_code == 302
    created = Vacancy.objects.get()
    assert (created.employer, created.status) == (owner.employer, "ACTIVE")
    page = client.get("/portal/jobs/mine/").content.decode()
    assert "門市銷售人員" in page
    assert client.post(f"/portal/jobs/{created.pk}/edit/", form_data(title="門市儲備幹部")).status_code == 302
    assert Vacancy.objects.get().title == "門市儲備幹部"
    assert client.post(f"/portal/jobs/{created.pk}/withdraw/").status_code == 302
    assert Vacancy.objects.get().status == "WITHDRAWN"


def test_employers_never_reach_another_employers_vacancies(client):
    job = vacancy()
    client.force_login(employer_user())
    assert client.get(f"/portal/jobs/{job.pk}/edit/").status_code == 404
    assert client.post(f"/portal/jobs/{job.pk}/withdraw/").status_code == 404
    assert "餐廳外場服務人員" not in client.get("/portal/jobs/mine/").content.decode()
    assert Vacancy.objects.get().status == "ACTIVE"


def test_a_citizen_registers_on_the_portal_and_updates(client):
    user = citizen()
    client.force_login(user)
    assert client.get("/portal/job-seeker/").status_code == 200
    response = client.post("/portal/job-seeker/", {
        "desired_occupations": ["51", "91"], "districts": ["63000020"], "pay_unit": "MONTHLY",
        "expected_pay": "30000", "education": "SENIOR_HIGH", "experience_years": "2",
        "groups": ["NEW_IMMIGRANT"], "consent_to_matching": "on", "languages": ["zh", "vi"],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    registered = JobSeeker.objects.get()
    assert (registered.person, registered.groups, registered.consent_to_matching) == (user.person, ["NEW_IMMIGRANT"],
                                                                                      True)
    response = client.post("/portal/job-seeker/", {"desired_occupations": [], "pay_unit": "MONTHLY",
                                                   "education": "NONE", "experience_years": "0"})
    assert response.status_code == 422
    assert client.post("/portal/job-seeker/status/", {"status": "PAUSED"}).status_code == 302
    assert JobSeeker.objects.get().status == "PAUSED"


def test_employers_and_staff_cannot_use_the_citizen_registration(client):
    client.force_login(employer_user())
    assert client.get("/portal/job-seeker/").status_code == 404
    client.force_login(staff(Role.CASE_OFFICER, "ESO"))
    assert client.get("/portal/job-seeker/").status_code == 404


def test_counselling_notes_never_reach_the_seeker_or_the_employer(client):
    worker = citizen()
    registered = seeker(user=worker)
    owner = employer_user()
    officer = counsellor()
    services.counselling_note_add(seeker=registered, text="機密：曾有家暴情形", actor=officer)
    referral = services.referral_create(seeker=registered, vacancy=vacancy(actor=owner), actor=officer)
    client.force_login(worker)
    for path in ("/portal/job-seeker/", "/portal/job-seeker/referrals/"):
        assert "機密" not in client.get(path).content.decode()
    client.force_login(owner)
    page = client.get(f"/portal/jobs/referrals/{referral.pk}/").content.decode()
    assert registered.person.name in page
    assert "機密" not in page
    assert "中高齡" not in page  # the supported groups are not the employer's to see
    client.force_login(officer)
    assert "機密：曾有家暴情形" in client.get(f"/staff/employment/seekers/{registered.pk}/").content.decode()


def test_the_employer_answers_and_the_seeker_sees_the_outcome(client):
    worker = citizen()
    owner = employer_user()
    referral = services.referral_create(seeker=seeker(user=worker), vacancy=vacancy(actor=owner), actor=counsellor())
    client.force_login(owner)
    assert "回覆結果" in client.get("/portal/jobs/referrals/").content.decode()
    response = client.post(f"/portal/jobs/referrals/{referral.pk}/", {"outcome": "NOT_HIRED", "reason": ""})
    assert response.status_code == 422
    assert client.post(f"/portal/jobs/referrals/{referral.pk}/",
                       {"outcome": "NOT_HIRED", "reason": "HOURS"}).status_code == 302
    client.force_login(worker)
    page = client.get("/portal/job-seeker/referrals/").content.decode()
    assert "未錄取" in page and "工作時間未合" in page
    client.force_login(employer_user())
    assert client.get(f"/portal/jobs/referrals/{referral.pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/staff/employment/", "/staff/employment/vacancies/", "/staff/employment/figures/",
                                  "/staff/employment/seekers/new/", "/staff/employment/vacancies/new/"])
def test_other_units_get_404_and_portal_users_too(client, path):
    client.force_login(staff(Role.CASE_OFFICER, "LS"))
    assert client.get(path).status_code == 404
    client.force_login(citizen())
    assert client.get(path).status_code == 404
    client.force_login(counsellor())
    assert client.get(path).status_code == 200


def test_other_units_cannot_open_a_seeker(client):
    registered = seeker()
    client.force_login(staff(Role.CASE_OFFICER, "LS"))
    assert client.get(f"/staff/employment/seekers/{registered.pk}/").status_code == 404
    client.force_login(staff(Role.DIRECTOR, "ADM"))
    assert client.get(f"/staff/employment/seekers/{registered.pk}/").status_code == 200
    assert AccessLogEntry.objects.filter(object_type="job_seeker", object_id=str(registered.pk)).count() == 1


@pytest.mark.parametrize("path", ["/staff/employment/", "/staff/employment/vacancies/", "/staff/employment/figures/"])
def test_staff_lists_run_in_a_fixed_number_of_queries(client, path):
    officer = counsellor()
    client.force_login(officer)
    owner = employer_user()
    services.referral_create(seeker=seeker(), vacancy=vacancy(actor=owner), actor=officer)
    count_queries(client, path)  # the first access-log entry also creates the chain's head
    few = count_queries(client, path)
    for _ in range(4):
        services.referral_create(seeker=seeker(), vacancy=vacancy(actor=owner), actor=officer)
    assert count_queries(client, path) == few


def test_a_counsellor_registers_at_the_counter_notes_refers_and_records_the_answer(client):
    officer = counsellor()
    client.force_login(officer)
    response = client.post("/staff/employment/seekers/new/", {
        "id_number": national_id(), "name": "陳阿土", "desired_occupations": ["54"], "pay_unit": "MONTHLY",
        "education": "JUNIOR_HIGH", "experience_years": "20", "groups": ["MIDDLE_AGED_OR_OLDER"],
        "consent_to_matching": "on",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    registered = JobSeeker.objects.get()
    path = f"/staff/employment/seekers/{registered.pk}/"
    assert client.post(path, {"action": "note", "text": "希望日班保全"}).status_code == 302
    response = client.post("/staff/employment/vacancies/new/", {
        **form_data(title="大樓保全", occupation="54", pay_min="32000", pay_max=""),
        "employer_name": "大安保全股份有限公司", "business_id": "12345678",
    })
    assert response.status_code == 422  # the 統一編號 fails its check
    response = client.post("/staff/employment/vacancies/new/", {
        **form_data(title="大樓保全", occupation="54", pay_min="32000", pay_max=""),
        "employer_name": "大安保全股份有限公司", "business_id": business_id(),
    })
    assert response.status_code == 302
    job = Vacancy.objects.get()
    assert client.post(path, {"action": "refer", "vacancy_id": "999999"}).status_code == 422
    assert client.post(path, {"action": "refer", "vacancy_id": str(job.pk)}).status_code == 302
    referral = Referral.objects.get()
    assert client.post(f"/staff/employment/referrals/{referral.pk}/", {"outcome": "HIRED"}).status_code == 302
    assert Referral.objects.get().outcome == "HIRED"
    page = client.get("/staff/employment/figures/").content.decode()
    assert "100%" in page
