"""The access-log search page: auditors and the director only; searching is logged."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laborbureau.core import services as core_services
from laborbureau.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db

URL = "/staff/audit/access-log/"


def test_url():
    assert reverse("staff_access_log") == URL


@pytest.mark.parametrize("role", ["auditor", "director"])
def test_auditor_and_director_may_search(request, login, officer, person, role):
    core_services.access_log_record(
        user=officer, action="view", object_type="person", object_id=person.pk, purpose="案件承辦", object_label="林美麗"
    )
    viewer = request.getfixturevalue(role)
    response = login(viewer).get(URL, {"username": officer.username, "object_type": "person"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "案件承辦" in html
    assert f"person #{person.pk} 林美麗" in html
    assert "<caption>" in html
    last = AccessLogEntry.objects.order_by("-seq").first()
    assert (last.username, last.object_type, last.action) == (viewer.username, "access_log", "search")
    assert f"username={officer.username}" in last.object_label


@pytest.mark.parametrize("role", ["officer", "chief", "sysadmin"])
def test_others_are_refused(request, login, role):
    viewer = request.getfixturevalue(role)
    assert login(viewer).get(URL).status_code == 403
    assert AccessLogEntry.objects.count() == 0


def test_filters_by_roc_date_range(login, auditor, officer, person):
    core_services.access_log_record(user=officer, action="view", object_type="person", object_id=person.pk, purpose="p")
    client = login(auditor)
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)

    def roc(day) -> str:
        return f"{day.year - 1911}/{day.month}/{day.day}"

    html = client.get(URL, {"date_from": roc(today), "date_to": roc(today), "object_type": "person"}).content.decode()
    assert f"person #{person.pk}" in html
    html = client.get(URL, {"date_from": roc(tomorrow), "object_type": "person"}).content.decode()
    assert f"person #{person.pk}" not in html
    assert "查無紀錄。" in html


def test_bad_date_range(login, auditor):
    response = login(auditor).get(URL, {"date_from": "115/11/28", "date_to": "115/11/01"})
    assert response.status_code == 400
    assert 'id="id_date_from_error"' in response.content.decode()
    response = login(auditor).get(URL, {"date_from": "昨天"})
    assert response.status_code == 400
