"""The list pages: inbox, unit queue, due soon, overdue, search; the nav."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laborbureau.cases.models import Case, TimelineEntry
from laborbureau.core.models import AccessLogEntry
from laborbureau.core.tests import factories
from laborbureau.rules import working_days

pytestmark = pytest.mark.django_db


def _set_due(case, due):
    # Test set-up only: the engine computes due dates; here we pin them.
    Case.objects.filter(pk=case.pk).update(due_date=due)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("staff_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_portal_user_gets_404(client):
    client.force_login(factories.citizen())
    assert client.get(reverse("staff_home")).status_code == 404


def test_inbox_lists_my_open_cases_with_overdue_highlighted(login, officer, other_officer, case):
    mine_overdue = factories.open_test_case(actor=officer, assignee=officer, title="逾期的案件")
    _set_due(mine_overdue, timezone.localdate() - timedelta(days=1))
    someone_elses = factories.open_test_case(actor=officer, assignee=other_officer, title="別人的案件")

    response = login(officer).get(reverse("staff_home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert case.number in html
    assert mine_overdue.number in html
    assert someone_elses.number not in html
    assert '<tr class="row-overdue">' in html
    assert html.count('<strong class="overdue">逾期</strong>') == 1
    assert "<caption>我的案件</caption>" in html
    assert '<html lang="zh-Hant-TW">' in html


def test_inbox_in_english(login, officer, case):
    client = login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/staff/"})
    html = client.get(reverse("staff_home")).content.decode()
    assert "<h1>My inbox</h1>" in html
    assert "Test case" in html
    assert '<html lang="en">' in html


def test_nav_lists_the_pages_by_role(login, officer, auditor):
    html = login(officer).get(reverse("staff_home")).content.decode()
    for name in ("staff_home", "staff_queue", "staff_due_soon", "staff_overdue", "staff_search",
                 "staff_person_merge", "staff_employer_merge"):
        assert f'href="{reverse(name)}"' in html, name
    assert reverse("staff_access_log") not in html
    html = login(auditor).get(reverse("staff_home")).content.decode()
    assert f'href="{reverse("staff_access_log")}"' in html
    assert reverse("staff_person_merge") not in html


def test_queue_shows_unassigned_cases_of_my_unit_only(login, officer, outsider):
    unassigned = factories.open_test_case(actor=officer)
    assigned = factories.open_test_case(actor=officer, assignee=officer)

    html = login(officer).get(reverse("staff_queue")).content.decode()
    assert unassigned.number in html
    assert assigned.number not in html
    assert 'value="take"' in html

    assert unassigned.number not in login(outsider).get(reverse("staff_queue")).content.decode()


def test_officer_takes_a_case_from_the_queue(login, officer):
    case = factories.open_test_case(actor=officer)
    response = login(officer).post(reverse("staff_queue"), {"case": case.number, "action": "take"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == officer
    assert TimelineEntry.objects.filter(case=case, kind="assignment").count() == 1


def test_chief_assigns_from_the_queue(login, chief, officer):
    case = factories.open_test_case(actor=officer)
    client = login(chief)
    html = client.get(reverse("staff_queue")).content.decode()
    assert f'<option value="{officer.pk}">' in html
    response = client.post(reverse("staff_queue"), {"case": case.number, "action": "assign", "assignee": officer.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == officer


def test_officer_cannot_assign_to_someone_else(login, officer, other_officer):
    case = factories.open_test_case(actor=officer)
    response = login(officer).post(
        reverse("staff_queue"), {"case": case.number, "action": "assign", "assignee": other_officer.pk}
    )
    assert response.status_code == 403
    assert "只有科長可以分派案件" in response.content.decode()
    case.refresh_from_db()
    assert case.assignee is None


def test_taking_a_case_someone_took_meanwhile_fails_cleanly(login, officer, other_officer):
    case = factories.open_test_case(actor=officer, assignee=other_officer)
    response = login(officer).post(reverse("staff_queue"), {"case": case.number, "action": "take"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.assignee == other_officer


def test_auditor_cannot_take_or_assign(login, auditor, officer):
    case = factories.open_test_case(actor=officer)
    client = login(auditor)
    html = client.get(reverse("staff_queue")).content.decode()
    assert case.number in html
    assert 'value="take"' not in html
    assert client.post(reverse("staff_queue"), {"case": case.number, "action": "take"}).status_code == 403
    case.refresh_from_db()
    assert case.assignee is None


def test_queue_post_for_another_units_case_is_404(login, officer, outsider):
    case = factories.open_test_case(actor=officer)
    response = login(outsider).post(reverse("staff_queue"), {"case": case.number, "action": "take"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.assignee is None


def test_due_soon_counts_working_days(login, officer):
    today = timezone.localdate()
    inside = factories.open_test_case(actor=officer, assignee=officer, title="五日內")
    _set_due(inside, working_days.add_working_days(today, 5))
    outside = factories.open_test_case(actor=officer, assignee=officer, title="六日後")
    _set_due(outside, working_days.add_working_days(today, 6))
    late = factories.open_test_case(actor=officer, assignee=officer, title="已逾期")
    _set_due(late, today - timedelta(days=1))
    client = login(officer)

    html = client.get(reverse("staff_due_soon")).content.decode()
    assert inside.number in html
    assert outside.number not in html
    assert late.number not in html
    assert "5 個工作日內到期" in html

    html = client.get(reverse("staff_due_soon"), {"days": 6}).content.decode()
    assert outside.number in html


def test_due_soon_rejects_a_bad_number_of_days(login, officer):
    response = login(officer).get(reverse("staff_due_soon"), {"days": "-3"})
    assert response.status_code == 400
    assert 'class="field-error"' in response.content.decode()


def test_overdue_page(login, officer, chief):
    late = factories.open_test_case(actor=officer, assignee=officer)
    _set_due(late, timezone.localdate() - timedelta(days=2))
    fine = factories.open_test_case(actor=officer, assignee=officer)
    html = login(chief).get(reverse("staff_overdue")).content.decode()
    assert late.number in html
    assert fine.number not in html


def test_search_by_case_number_person_id_and_business_id(login, officer, case, person, employer):
    client = login(officer)

    html = client.post(reverse("staff_search"), {"q": case.number, "purpose": "查詢案件"}).content.decode()
    assert f'href="{reverse("staff_case", args=[case.number])}"' in html

    before = AccessLogEntry.objects.count()
    html = client.post(reverse("staff_search"), {"q": person.id_number, "purpose": "查詢案件"}).content.decode()
    assert f"<td>{person.masked_id}</td>" in html
    assert html.count(person.id_number) == 1  # only in the search box the officer typed it in
    assert case.number in html  # the case where this person is a party
    entry = AccessLogEntry.objects.get(seq=before + 1)
    assert (entry.action, entry.object_type, entry.object_id, entry.purpose) == (
        "search",
        "person",
        str(person.pk),
        "查詢案件",
    )

    html = client.post(reverse("staff_search"), {"q": employer.business_id, "purpose": "查詢"}).content.decode()
    assert employer.name in html
    assert AccessLogEntry.objects.count() == before + 1  # employer searches are not logged


def test_search_needs_a_purpose(login, officer, person):
    response = login(officer).post(reverse("staff_search"), {"q": person.name, "purpose": ""})
    assert response.status_code == 400
    assert AccessLogEntry.objects.count() == 0


def test_search_does_not_show_another_units_cases(login, officer, outsider, case):
    html = login(outsider).post(reverse("staff_search"), {"q": case.number, "purpose": "查詢"}).content.decode()
    assert reverse("staff_case", args=[case.number]) not in html
    assert "查無案件。" in html


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["staff_home", "staff_queue", "staff_due_soon", "staff_overdue"])
def test_list_pages_issue_no_per_row_queries(login, officer, chief, name, django_assert_max_num_queries):
    """30 cases cost the same queries as one."""
    assignee = None if name == "staff_queue" else officer
    viewer = chief if name == "staff_queue" else officer
    due = timezone.localdate() - timedelta(days=1) if name == "staff_overdue" else timezone.localdate()
    first = factories.open_test_case(actor=officer, assignee=assignee)
    _set_due(first, due)
    client = login(viewer)
    url = reverse(name)
    one = _queries(client, url)
    for _ in range(29):
        _set_due(factories.open_test_case(actor=officer, assignee=assignee), due)
    with django_assert_max_num_queries(one):
        response = client.get(url)
    assert response.content.decode().count('<th scope="row"><a href="/staff/cases/') == 30
    assert one <= 12


def test_search_page_query_count(login, officer, django_assert_max_num_queries):
    for _ in range(30):
        factories.open_test_case(actor=officer, assignee=officer, title="批次案件")
    client = login(officer)
    with django_assert_max_num_queries(12):
        response = client.post(reverse("staff_search"), {"q": "批次", "purpose": "查詢"})
    assert response.content.decode().count('<th scope="row"><a href="/staff/cases/') == 30


@pytest.mark.parametrize("role", ["officer", "chief", "director", "auditor", "sysadmin"])
def test_every_list_page_renders_for_every_staff_role(request, login, role, case):
    client = login(request.getfixturevalue(role))
    for name in ("staff_home", "staff_queue", "staff_due_soon", "staff_overdue", "staff_search"):
        assert client.get(reverse(name)).status_code == 200, name
    html = client.get(reverse("staff_due_soon")).content.decode()
    sees_case = role != "sysadmin"
    assert (case.number in html) is sees_case
