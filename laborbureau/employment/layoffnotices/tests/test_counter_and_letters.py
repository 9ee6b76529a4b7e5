"""Paper notices entered by the office (臨櫃或郵寄, judged on the day received: 行政程序法
第49條 for mail), through the service, the staff page and the API; the invitation letters
printed for workers with neither a portal account nor an e-mail; bounded pages on the
list endpoints."""

import pytest
from django.test import Client

from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import AccessLogEntry, Employer, Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import PersonFactory, business_id, citizen, national_id, staff
from laborbureau.employment.layoffnotices import services
from laborbureau.employment.layoffnotices.models import Channel, LayoffNotice, LayoffWorker
from laborbureau.employment.layoffnotices.tests.factories import (
    committed,
    counsellor,
    employer_account,
    file_notice,
    in_days,
    worker_values,
)
from laborbureau.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def paper(officer=None, workers=None, **overrides):
    values = {"employer_business_id": business_id(), "employer_name": "大同紡織股份有限公司",
              "establishment_name": "大同廠", **overrides}
    return file_notice(officer or counsellor(), workers or [worker_values()], **values)


# --- the service ------------------------------------------------------------------------------


def test_a_paper_notice_is_judged_on_the_day_it_was_received():
    officer = counsellor()
    # Last day in 7 days: due 2 days ago. Mailed 3 days ago (the postmark): in time;
    # the same list filed today would be late.
    notice = paper(officer, [worker_values(last_day=in_days(7))], received_on=in_days(-3))
    assert (notice.channel, notice.filed_on, notice.filed_by) == (Channel.COUNTER, in_days(-3), officer)
    assert notice.late is False and notice.workers.get().late is False
    assert notice.employer.name == "大同紡織股份有限公司" and notice.employer.business_id
    today = file_notice(employer_account(), [worker_values(last_day=in_days(7))])
    assert today.late is True


def test_a_paper_notice_reaches_the_employer_already_known_and_its_duplicates_are_refused():
    account = employer_account()
    employer = account.employer
    employer.business_id = business_id()
    employer.save()
    person = national_id()
    file_notice(account, [worker_values(id_number=person)])
    with pytest.raises(Conflict):
        paper(workers=[worker_values(id_number=person)], employer_business_id=employer.business_id)
    officer = counsellor()
    notice = paper(officer, employer_business_id=employer.business_id, employer_name="")
    assert notice.employer == employer and Employer.objects.filter(business_id=employer.business_id).count() == 1
    # The receipt goes to the employer's account (the officer gets none).
    assert OutboxMessage.objects.filter(recipient=account, subject_zh__contains=notice.number).exists()
    assert not OutboxMessage.objects.filter(recipient=officer).exists()


@pytest.mark.parametrize(("days", "field"), [(1, "received_on"), (-31, "received_on")])
def test_the_day_received_is_not_in_the_future_nor_far_back(days, field):
    with pytest.raises(ApplicationError) as error:
        paper(received_on=in_days(days))
    assert error.value.field == field
    assert LayoffNotice.objects.count() == 0


def test_a_wrong_business_id_is_a_field_error():
    with pytest.raises(ApplicationError) as error:
        paper(employer_business_id="12345678")
    assert error.value.field == "employer_business_id"


def test_a_refused_paper_notice_records_no_employer():
    new_id = business_id()
    with pytest.raises(ApplicationError) as error:
        paper(workers=[worker_values(id_number="A123456788")], employer_business_id=new_id)
    assert error.value.field == "workers.0.id_number"
    assert not Employer.objects.filter(business_id=new_id).exists()


def test_only_the_office_enters_paper_notices():
    with pytest.raises(Forbidden):
        paper(staff(Role.INSPECTOR, "LS"))
    with pytest.raises(Forbidden):
        paper(staff(Role.AUDITOR, "ESO"))


# --- the staff page and the API ------------------------------------------------------------------


def form(**overrides):
    post = {"employer_business_id": business_id(), "employer_name": "大同紡織股份有限公司",
            "establishment_name": "大同廠", "received_on": in_days(-1).isoformat()}
    for key, value in worker_values().items():
        post[f"w0-{key}"] = value
    post.update(overrides)
    return post


def test_an_officer_enters_a_paper_notice_on_the_staff_page():
    client = browser(counsellor())
    page = client.get("/staff/employment/layoff-notices/new/")
    assert page.status_code == 200 and "收件日" in page.content.decode()
    assert "登打紙本資遣通報" in client.get("/staff/employment/layoff-notices/").content.decode()
    with committed():
        response = client.post("/staff/employment/layoff-notices/new/", form())
    notice = LayoffNotice.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/layoff-notices/{notice.pk}/")
    assert notice.channel == Channel.COUNTER and notice.filed_on == in_days(-1)
    bad = client.post("/staff/employment/layoff-notices/new/", form(**{"w0-last_day": "115/13/01"}))
    assert bad.status_code == 422 and "workers.0.last_day" in bad.content.decode()
    wrong_day = client.post("/staff/employment/layoff-notices/new/", form(received_on="not a day"))
    assert wrong_day.status_code == 422 and "received_on" in wrong_day.content.decode()
    assert LayoffNotice.objects.count() == 1
    assert browser(staff(Role.CASE_OFFICER, "LS")).get("/staff/employment/layoff-notices/new/").status_code == 404


def test_the_api_enters_a_paper_notice_for_staff_only():
    body = {"employer_business_id": business_id(), "employer_name": "大同紡織股份有限公司",
            "establishment_name": "大同廠", "received_on": in_days(-2).isoformat(), "workers": [worker_values()]}
    with committed():
        response = api(counsellor()).post("/api/v1/layoff-notices/counter", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert (response.json()["channel"], response.json()["filed_on"]) == ("COUNTER", in_days(-2).isoformat())
    for user in (employer_account(), citizen()):
        assert api(user).post("/api/v1/layoff-notices/counter", body,
                              content_type="application/json").status_code == 403
    # Staff use /counter; the employer endpoint refuses them.
    assert api(counsellor()).post("/api/v1/layoff-notices", body, content_type="application/json").status_code == 403
    wrong = api(counsellor()).post("/api/v1/layoff-notices/counter", {**body, "employer_business_id": "12345678"},
                                   content_type="application/json")
    assert wrong.status_code == 422 and "employer_business_id" in str(wrong.json())
    assert LayoffNotice.objects.count() == 1


def test_list_endpoints_bound_their_pages():
    account = employer_account()
    for _ in range(3):
        file_notice(account)
    client = api(account)
    page = client.get("/api/v1/layoff-notices?page_size=2&page=2").json()
    assert page["count"] == 3 and len(page["items"]) == 1
    for query in ("page_size=201", "page_size=0", "page=0", "page=100001"):
        assert client.get(f"/api/v1/layoff-notices?{query}").status_code == 422
    notice = file_notice(workers=[worker_values() for _ in range(3)])
    officer = api(counsellor())
    workers = officer.get(f"/api/v1/layoff-notices/{notice.pk}/workers?page_size=2&page=2").json()
    assert workers["count"] == 3 and [w["row"] for w in workers["items"]] == [3]
    assert officer.get(f"/api/v1/layoff-notices/{notice.pk}/workers?page_size=500").status_code == 422


# --- the letters ----------------------------------------------------------------------------------


def mixed_notice():
    with_account = PersonFactory()
    citizen(with_account)
    return file_notice(workers=[
        worker_values(email="worker@example.tw"),
        worker_values(id_number=with_account.id_number),
        worker_values(name="林阿土", address="臺北市萬華區西園路二段9號"),
    ])


def test_the_letters_page_prints_one_letter_for_each_worker_the_invitation_cannot_reach():
    notice = mixed_notice()
    officer = counsellor()
    client = browser(officer)
    queue = client.get(f"/staff/employment/layoff-notices/{notice.pk}/").content.decode()
    assert queue.count("寄紙本邀請函") == 1 and "列印紙本求職邀請函" in queue
    response = client.get(f"/staff/employment/layoff-notices/{notice.pk}/letters/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="letter"') == 1
    letter = html[html.index('class="letter"'):]
    worker = notice.workers.get(name="林阿土")
    for text in ("林阿土", "臺北市萬華區西園路二段9號", notice.employer.name, "就業服務法第33條",
                 services.LETTER_OFFICE["address"], services.LETTER_OFFICE["phone"], "/portal/layoff-invitations/",
                 worker.invitation_token[:8], notice.number, f"{worker.last_day.month}月{worker.last_day.day}日",
                 "page-break-after"):
        assert text in html, text
    assert "王小明" not in letter  # the others are reached by the portal or e-mail
    assert AccessLogEntry.objects.filter(object_type="layoff_notice", object_id=str(notice.pk), action="export",
                                         username=officer.username).count() == 1


def test_letters_recorded_as_mailed_leave_the_print_run():
    notice = mixed_notice()
    client = browser(counsellor())
    worker = notice.workers.get(name="林阿土")
    others = list(notice.workers.exclude(pk=worker.pk).values_list("pk", flat=True))
    response = client.post(f"/staff/employment/layoff-notices/{notice.pk}/letters/",
                           {"workers": [worker.pk, *others]})
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.letter_sent_at is not None
    assert LayoffWorker.objects.filter(pk__in=others, letter_sent_at__isnull=False).count() == 0
    assert 'class="letter"' not in client.get(f"/staff/employment/layoff-notices/{notice.pk}/letters/").content.decode()
    again = client.get(f"/staff/employment/layoff-notices/{notice.pk}/letters/?all=1").content.decode()
    assert again.count('class="letter"') == 1 and "已於" in again
    assert "邀請函已寄" in client.get(f"/staff/employment/layoff-notices/{notice.pk}/").content.decode()


def test_the_letters_are_for_the_office_only():
    notice = mixed_notice()
    for user in (staff(Role.CASE_OFFICER, "LS"), staff(Role.AUDITOR, "ESO")):
        assert browser(user).get(f"/staff/employment/layoff-notices/{notice.pk}/letters/").status_code == 404
    with pytest.raises(Forbidden):
        services.letters_mark_sent(notice=notice, actor=staff(Role.AUDITOR, "ESO"), worker_ids=[1])


def test_the_letters_page_has_a_fixed_number_of_queries(django_assert_max_num_queries):
    notice = file_notice(workers=[worker_values()])
    client = browser(counsellor())
    url = f"/staff/employment/layoff-notices/{notice.pk}/letters/"
    client.get(url)
    with django_assert_max_num_queries(30) as first:
        client.get(url)
    many = file_notice(workers=[worker_values() for _ in range(20)])
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(f"/staff/employment/layoff-notices/{many.pk}/letters/")
    assert response.content.decode().count('class="letter"') == 20
