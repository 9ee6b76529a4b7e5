"""The department's answer to an appeal (訴願答辯, 訴願法第58條): due 20 days after the
appeal is filed, recorded once, only while the appeal is pending."""

from datetime import date

import pytest

from laborbureau.core.errors import ApplicationError, Conflict
from laborbureau.fines import selectors, services
from laborbureau.fines.models import FineEntry
from laborbureau.fines.tests.test_services import served

pytestmark = pytest.mark.django_db


def test_the_answer_is_due_20_days_after_the_appeal_and_clears_when_sent(issue, officer):
    fine = served(issue)
    assert selectors.appeal_answer_due(fine) is None
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer)
    assert selectors.appeal_answer_due(fine) == date(2024, 4, 9)  # 20 days, a Tuesday
    services.fine_appeal_answer(fine=fine, answered_on=date(2024, 4, 8), actor=officer, reference="北市勞法字第1號")
    assert selectors.appeal_answer_due(fine) is None
    entry = fine.entries.get(kind=FineEntry.Kind.APPEAL_ANSWERED)
    assert (entry.on, entry.reference) == (date(2024, 4, 8), "北市勞法字第1號")
    fine.refresh_from_db()
    assert fine.collection_suspended  # answering does not end the appeal


def test_a_limit_ending_on_a_day_off_moves_to_the_next_working_day(issue, officer):
    fine = served(issue)
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 16), actor=officer)
    assert selectors.appeal_answer_due(fine) == date(2024, 4, 8)  # 04-05 is a holiday, then a weekend


def test_no_answer_without_a_pending_appeal_twice_or_before_the_appeal(issue, officer):
    fine = served(issue)
    with pytest.raises(Conflict):
        services.fine_appeal_answer(fine=fine, answered_on=date(2024, 4, 1), actor=officer)
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer)
    with pytest.raises(ApplicationError) as early:
        services.fine_appeal_answer(fine=fine, answered_on=date(2024, 3, 19), actor=officer)
    assert early.value.field == "answered_on"
    services.fine_appeal_answer(fine=fine, answered_on=date(2024, 3, 25), actor=officer)
    with pytest.raises(Conflict):
        services.fine_appeal_answer(fine=fine, answered_on=date(2024, 3, 26), actor=officer)
    assert fine.entries.filter(kind=FineEntry.Kind.APPEAL_ANSWERED).count() == 1


def test_the_api_records_the_answer_and_shows_the_limit(issue, officer, client):
    from laborbureau.core.services import api_token_create

    fine = served(issue)
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer)
    _, key = api_token_create(user=officer, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    detail = client.get(f"/api/v1/fines/{fine.pk}", **auth).json()
    assert detail["appeal_answer_due"] == "2024-04-09"
    bad = client.post(f"/api/v1/fines/{fine.pk}/appeal/answer", {"answered_on": "2024-03-01"},
                      content_type="application/json", **auth)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"][-1] == "answered_on"
    ok = client.post(f"/api/v1/fines/{fine.pk}/appeal/answer", {"answered_on": "2024-04-01"},
                     content_type="application/json", **auth)
    assert ok.status_code == 201
    assert ok.json()["appeal_answer_due"] is None
