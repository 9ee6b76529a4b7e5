"""Staff pages and the employer's page: scope, read-only auditors, field-level errors."""

from datetime import date

import pytest

from laborbureau.core.models import Unit
from laborbureau.core.tests import factories
from laborbureau.fines import services
from laborbureau.fines.models import Fine, FineEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def fine(issue):
    return issue(served_on=date(2024, 3, 4))


@pytest.fixture
def other_unit_fine(employer, outsider):
    return services.fine_issue(employer=employer, unit=Unit.objects.get(code="LR"), law_code="LSA",
                               article="第79條第1項", violation_date=date(2024, 2, 1), amount=50_000,
                               decided_on=date(2024, 3, 1), actor=outsider)


def test_list_shows_only_readable_units_with_bounded_queries(login, officer, issue, other_unit_fine,
                                                            django_assert_max_num_queries):
    for _ in range(12):
        issue(served_on=date(2024, 3, 4))
    client = login(officer)
    with django_assert_max_num_queries(9):
        response = client.get("/fines/staff/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("北市勞罰-113-") == 12
    assert other_unit_fine.number not in html


def test_list_filters_overdue_and_under_appeal(login, officer, issue):
    overdue = issue(served_on=date(2024, 3, 4))
    appealed = issue(served_on=date(2024, 3, 4))
    services.fine_appeal_file(fine=appealed, filed_on=date(2024, 3, 20), actor=officer)
    client = login(officer)
    html = client.get("/fines/staff/?status=overdue").content.decode()
    assert overdue.number in html and appealed.number not in html
    html = client.get("/fines/staff/?status=under_appeal").content.decode()
    assert appealed.number in html and overdue.number not in html
    assert client.get("/fines/staff/?status=bogus").status_code == 200


def test_another_units_fine_is_404(login, outsider, fine):
    assert login(outsider).get(f"/fines/staff/{fine.pk}/").status_code == 404


def test_auditor_reads_but_cannot_write(login, auditor, fine):
    client = login(auditor)
    response = client.get(f"/fines/staff/{fine.pk}/")
    assert response.status_code == 200
    assert 'name="action"' not in response.content.decode()
    response = client.post(f"/fines/staff/{fine.pk}/", {"action": "payment", "payment-amount": "1",
                                                        "payment-paid_on": "2024-03-10", "payment-reference": "R"})
    assert response.status_code == 403
    assert fine.entries.count() == 2


def test_payment_form_records_and_overpayment_shows_a_field_error(login, officer, fine):
    client = login(officer)
    response = client.post(f"/fines/staff/{fine.pk}/", {"action": "payment", "payment-amount": "30000",
                                                        "payment-paid_on": "113/03/10", "payment-reference": "R1"})
    assert response.status_code == 302
    fine.refresh_from_db()
    assert fine.balance == 70_000
    response = client.post(f"/fines/staff/{fine.pk}/", {"action": "payment", "payment-amount": "70001",
                                                        "payment-paid_on": "2024-03-11", "payment-reference": "R2"})
    assert response.status_code == 400
    assert response.context["forms"][1][2].errors["amount"] == ["繳款金額超過未繳餘額新臺幣70,000元。"]
    assert fine.entries.count() == 3


def test_unknown_action_and_garbage_input_are_4xx(login, officer, fine):
    client = login(officer)
    assert client.post(f"/fines/staff/{fine.pk}/", {"action": "drop_table"}).status_code == 400
    response = client.post(f"/fines/staff/{fine.pk}/", {"action": "appeal_decide", "appeal_decide-outcome": "x",
                                                        "appeal_decide-decided_on": "99/99/99"})
    assert response.status_code == 400


def test_issue_form_checks_the_amount_with_a_field_error_in_both_languages(login, officer, employer):
    client = login(officer)
    url = f"/fines/staff/issue/{employer.pk}/"
    assert "勞動基準法第79條第1項" in client.get(url).content.decode()
    data = {"article": "LSA|第79條第1項", "violation_date": "2024-02-01", "amount": "10000",
            "decided_on": "2024-03-01", "due_days": "30", "unit": "LS"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["amount"] == [
        "罰鍰金額新臺幣10,000元不在勞動基準法第79條第1項所定新臺幣20,000元以上新臺幣1,000,000元以下之範圍。"
    ]
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["amount"] == [
        "NT$10,000 is outside the range NT$20,000-1,000,000 of Labor Standards Act 第79條第1項."
    ]
    assert Fine.objects.count() == 0
    response = client.post(url, {**data, "amount": "20000"})
    fine = Fine.objects.get()
    assert response.status_code == 302 and response.url == f"/fines/staff/{fine.pk}/"


def test_issue_form_is_refused_to_auditors(login, auditor, employer):
    assert login(auditor).get(f"/fines/staff/issue/{employer.pk}/").status_code == 403


def test_employer_sees_only_its_own_fines(client, employer_account, fine, issue):
    other = issue(employer=factories.EmployerFactory())
    client.force_login(employer_account)
    response = client.get("/fines/mine/")
    html = response.content.decode()
    assert response.status_code == 200
    assert fine.number in html and other.number not in html
    assert response.context["total_balance"] == 100_000


def test_staff_and_citizens_have_no_employer_page(login, officer):
    assert login(officer).get("/fines/mine/").status_code == 404


def test_portal_users_have_no_staff_pages(client, employer_account, fine):
    client.force_login(employer_account)
    assert client.get("/fines/staff/").status_code == 404
    assert client.get(f"/fines/staff/{fine.pk}/").status_code == 404
    assert FineEntry.objects.count() == 2


def test_a_pending_amendment_does_not_block_the_fine_and_its_caution_is_shown(login, officer, employer):
    """職業安全衛生法第43條 was amended on 2025-12-19, its effective date left to the
    Executive Yuan and not recorded: the previous range applies, with a caution on the
    issue page, after issuing, on the fine's page and in the ledger."""
    client = login(officer)
    url = f"/fines/staff/issue/{employer.pk}/"
    page = client.get(url).content.decode()
    assert "施行日期待行政院令定" in page and "2025-12-19修正公布" in page
    assert page.count('class="range-caution"') == 2  # 第43條 and 第45條, folded in one notice
    assert "職業安全衛生法第43條（30,000–300,000）※修正條文施行日期待定" in page  # marked in the dropdown
    violation = date(2025, 12, 20)  # the first day the amendment could matter
    data = {"article": "OSHA|第43條", "violation_date": violation.isoformat(), "amount": "300001",
            "decided_on": violation.isoformat(), "due_days": "30", "unit": "LS"}
    response = client.post(url, data)
    assert response.status_code == 400 and "新臺幣300,000元以下" in response.context["form"].errors["amount"][0]
    assert Fine.objects.count() == 0
    response = client.post(url, {**data, "amount": "300000"}, follow=True)
    fine = Fine.objects.get()
    assert (fine.range_min, fine.range_max, fine.amount) == (30_000, 300_000, 300_000)
    assert fine.legal_basis_version == "2013-07-03 修正公布全文，2014-07-03 施行"
    page = response.content.decode()
    assert "修正條文施行日期待定" in page and "中央法規標準法第14條" in page
    assert "注意：職業安全衛生法第43條已於2025-12-19修正公布" in FineEntry.objects.get(fine=fine).note
    english = client.get(f"/fines/staff/{fine.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Executive Yuan" in english and "previous range" in english


def test_no_caution_where_no_amendment_is_pending(login, officer, fine):
    page = login(officer).get(f"/fines/staff/{fine.pk}/").content.decode()
    assert "range-caution" not in page
    assert "注意：" not in FineEntry.objects.filter(fine=fine).first().note
