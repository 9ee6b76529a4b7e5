"""The pages: the employer's registration and outcome forms, the officer's judgement,
contacts and transfer steps, the worker's request, the lists (query counts) and the
panels on the generic case pages; other units and parties get 404."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case
from laborbureau.core.models import AccessLogEntry
from laborbureau.core.services import PersonInput
from laborbureau.core.tests.factories import EmployerFactory, PersonFactory, business_id, citizen, employer_user, staff
from laborbureau.employment.recruitment import services
from laborbureau.employment.recruitment.models import (
    DomesticRecruitment,
    EmployerContact,
    RecruitmentReferralOutcome,
    SeparationCertificateRequest,
    WorkerTransfer,
)
from laborbureau.employment.recruitment.tests.factories import (
    arc_number,
    officer,
    refer,
    registered,
    separation_input,
    transfer_input,
)

pytestmark = pytest.mark.django_db


def vacancy_form(**overrides):
    data = {
        "work_category": "MANUFACTURING", "title": "電子零件組裝作業員",
        "description": "負責電子零件組裝、品質目視檢查及產線清潔。", "occupation": "81", "district": "63000010",
        "address": "臺北市內湖區瑞光路100號", "pay_unit": "MONTHLY", "pay_min": "30000", "pay_max": "34000",
        "hours": "SHIFT", "openings": "2", "education_min": "NONE",
        "closing_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    data.update(overrides)
    return data


def test_employer_registers_on_the_portal_and_records_an_outcome(client):
    account = employer_user(EmployerFactory())
    client.force_login(account)
    assert client.get("/portal/domestic-recruitments/new/").status_code == 200
    response = client.post("/portal/domestic-recruitments/new/", vacancy_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    recruitment = DomesticRecruitment.objects.get()
    assert response["Location"] == f"/portal/cases/{recruitment.case.number}/"
    referral = refer(recruitment, officer())
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "國內招募" in page.content.decode()
    assert f"/cases/{recruitment.case.number}/referrals/{referral.pk}/outcome/" in page.content.decode()
    response = client.post(f"/cases/{recruitment.case.number}/referrals/{referral.pk}/outcome/",
                           {"decision": "REFUSED", "reason": "NO_SHOW", "detail": ""})
    assert response.status_code == 302
    assert RecruitmentReferralOutcome.objects.get().reason == "NO_SHOW"
    listing = client.get("/portal/domestic-recruitments/")
    assert recruitment.case.number in listing.content.decode()


def test_portal_form_shows_field_errors_and_writes_nothing(client):
    client.force_login(employer_user(EmployerFactory()))
    response = client.post("/portal/domestic-recruitments/new/", vacancy_form(
        closing_date=(timezone.localdate() + timedelta(days=2)).isoformat()))
    assert response.status_code == 422
    assert "法定招募期滿日" in response.content.decode()
    assert DomesticRecruitment.objects.count() == 0 and Case.objects.count() == 0


def test_other_employer_cannot_record_outcomes(client):
    recruitment = registered()
    referral = refer(recruitment, officer())
    client.force_login(employer_user(EmployerFactory()))
    response = client.post(f"/cases/{recruitment.case.number}/referrals/{referral.pk}/outcome/",
                           {"decision": "HIRED"})
    assert response.status_code == 404
    assert RecruitmentReferralOutcome.objects.count() == 0


def test_officer_judges_on_the_case_page(client):
    account = employer_user(EmployerFactory())
    recruitment = registered(account)
    counsellor = officer()
    referral = refer(recruitment, counsellor)
    outcome = services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="REFUSED",
                                               reason="EXTRA_REQUIREMENT", detail="要求身高170公分", actor=account)
    client.force_login(counsellor)
    page = client.get(f"/staff/cases/{recruitment.case.number}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "此類理由推定非正當理由" in html and referral.seeker.person.name in html
    response = client.post(f"/staff/domestic-recruitments/{recruitment.case.number}/outcomes/{outcome.pk}/judge/",
                           {"lawful": "0", "note": "求才登記未載明身高條件"})
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.judgement == "UNLAWFUL"
    client.force_login(staff("CASE_OFFICER", "LS"))
    response = client.post(f"/staff/domestic-recruitments/{recruitment.case.number}/outcomes/{outcome.pk}/judge/",
                           {"lawful": "1", "note": "x"})
    assert response.status_code == 404


def test_staff_lists_have_flat_query_counts(client):
    counsellor = officer()
    client.force_login(counsellor)
    registered()
    services.separation_request_file(data=separation_input(), actor=citizen(PersonFactory()))
    services.worker_transfer_open(data=transfer_input(), actor=counsellor)
    counts = {}
    for url in ("/staff/domestic-recruitments/", "/staff/separation-certificates/", "/staff/worker-transfers/"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    registered()
    registered()
    for n in range(2):
        services.separation_request_file(
            data=separation_input(separated_on=timezone.localdate() - timedelta(days=n + 10)),
            actor=citizen(PersonFactory()))
        services.worker_transfer_open(data=transfer_input(
            worker=PersonInput(id_number=arc_number(3000000 + n), name="X")), actor=counsellor)
    for url, count in counts.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == count, url
    assert AccessLogEntry.objects.filter(user=counsellor, object_type="separation_requests").exists()
    client.force_login(staff("CASE_OFFICER", "LS"))
    assert client.get("/staff/domestic-recruitments/").status_code == 404


def test_worker_requests_on_the_portal_and_the_officer_records_a_contact(client):
    worker = citizen(PersonFactory())
    client.force_login(worker)
    today = timezone.localdate()
    response = client.post("/portal/separation-certificates/new/", {
        "employer_name": "大同小吃店", "employer_business_id": business_id(), "job_title": "廚房助手",
        "employed_from": (today - timedelta(days=200)).isoformat(), "separated_on": (today - timedelta(days=2)).isoformat(),
        "ground": "LSA14", "ground_detail": "雇主積欠工資，依勞基法第14條終止契約。", "employer_refusal": "不開",
    })
    assert response.status_code == 302, response.content.decode()[:1500]
    request = SeparationCertificateRequest.objects.get()
    assert client.get(response["Location"]).status_code == 200
    counsellor = officer()
    client.force_login(counsellor)
    case_services.case_transition(case=request.case, name="take", actor=counsellor)
    response = client.post(f"/staff/separation-certificates/{request.case.number}/contacts/", {
        "contacted_on": today.isoformat(), "method": "LETTER", "result": "NO_ANSWER", "note": "函請開立未回"})
    assert response.status_code == 302
    assert EmployerContact.objects.get().result == "NO_ANSWER"
    page = client.get(f"/staff/cases/{request.case.number}/")
    assert "函請開立未回" in page.content.decode()


def test_separation_form_errors(client):
    client.force_login(citizen(PersonFactory()))
    today = timezone.localdate()
    response = client.post("/portal/separation-certificates/new/", {
        "employer_name": "大同小吃店", "employed_from": today.isoformat(),
        "separated_on": (today - timedelta(days=2)).isoformat(), "ground": "LSA11", "ground_detail": "說明",
    })
    assert response.status_code == 422
    assert SeparationCertificateRequest.objects.count() == 0
    client.force_login(employer_user())
    assert client.get("/portal/separation-certificates/new/").status_code == 404


def test_transfer_pages(client):
    counsellor = officer()
    client.force_login(counsellor)
    response = client.post("/staff/worker-transfers/new/", {
        "worker_name": "NGUYEN VAN BINH", "worker_id_number": arc_number(4444444), "nationality": "VNM",
        "work_category": "CONSTRUCTION", "employer_name": "大安營造", "employer_business_id": business_id(),
        "ground": "CLOSURE", "permit_served_on": timezone.localdate().isoformat(),
    })
    assert response.status_code == 302, response.content.decode()[:1500]
    transfer = WorkerTransfer.objects.get()
    page = client.get(response["Location"])
    assert "辦理轉換登記" in page.content.decode()
    response = client.post(f"/staff/worker-transfers/{transfer.case.number}/register/",
                           {"registered_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert Case.objects.get(pk=transfer.case_id).status == "SEEKING"
    response = client.post("/staff/worker-transfers/new/", {
        "worker_name": "X", "worker_id_number": "A123456789", "nationality": "VNM", "work_category": "CONSTRUCTION",
        "employer_name": "大安營造", "ground": "CLOSURE", "permit_served_on": timezone.localdate().isoformat(),
    })
    assert response.status_code == 422
    assert WorkerTransfer.objects.count() == 1


def test_the_employer_downloads_the_certificate_from_the_portal(client):
    from laborbureau.cases.models import SignOff
    from laborbureau.employment.recruitment.tests.factories import backdate, chief

    account = employer_user(EmployerFactory())
    counsellor = officer()
    recruitment = registered(account)
    referral = refer(recruitment, counsellor)
    services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="HIRED", actor=account)
    backdate(recruitment, 9)
    recruitment = DomesticRecruitment.objects.get(pk=recruitment.pk)
    case_services.case_transition(case=recruitment.case, name="propose_certificate", actor=counsellor)
    case_services.signoff_decide(signoff=SignOff.objects.get(case=recruitment.case), actor=chief(), approve=True)
    recruitment.refresh_from_db()
    client.force_login(account)
    page = client.get(f"/portal/cases/{recruitment.case.number}/").content.decode()
    link = reverse("document_pdf", args=[recruitment.certificate_code])
    assert "求才證明書" in page and link in page
    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])[:4] == b"%PDF"
    client.force_login(employer_user(EmployerFactory()))
    assert client.get(link).status_code == 404
