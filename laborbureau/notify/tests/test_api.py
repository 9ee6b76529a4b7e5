"""/api/v1/notifications: my notices only."""

import pytest
from django.utils import timezone

from laborbureau.core.tests.factories import UserFactory
from laborbureau.notify.models import Notification
from laborbureau.notify.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications"


@pytest.fixture
def user(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_anonymous_callers_get_401(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["detail"][0]["type"] == "unauthorized"


def test_list_is_paginated_unread_first_and_mine_only(client, user, django_assert_max_num_queries):
    read = NotificationFactory(recipient=user, read_at=timezone.now())
    unread = NotificationFactory(recipient=user, subject_zh="新分派案件", case_id=5)
    NotificationFactory()
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [unread.pk, read.pk]
    assert (body["items"][0]["subject_zh"], body["items"][0]["case_id"], body["items"][0]["is_read"]) == (
        "新分派案件",
        5,
        False,
    )


def test_unread_filter_and_count(client, user):
    NotificationFactory(recipient=user, read_at=timezone.now())
    unread = NotificationFactory(recipient=user)
    assert [item["id"] for item in client.get(URL, {"unread": "true"}).json()["items"]] == [unread.pk]
    assert client.get(f"{URL}/unread-count").json() == {"unread": 1}


def test_pages_hold_fifty(client, user):
    NotificationFactory.create_batch(51, recipient=user)
    first = client.get(URL).json()
    second = client.get(URL, {"page": 2}).json()
    assert (first["count"], len(first["items"]), len(second["items"])) == (51, 50, 1)


def test_mark_read(client, user):
    notice = NotificationFactory(recipient=user)
    response = client.post(f"{URL}/{notice.pk}/read")
    assert response.status_code == 200
    assert response.json()["is_read"] is True
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_another_users_notice_cannot_be_marked(client, user):
    theirs = NotificationFactory()
    response = client.post(f"{URL}/{theirs.pk}/read")
    assert response.status_code == 404
    assert response.json()["detail"][0]["type"] == "not_found"
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read(client, user):
    NotificationFactory.create_batch(2, recipient=user)
    theirs = NotificationFactory()
    assert client.post(f"{URL}/read-all").json() == {"marked": 2}
    assert Notification.objects.filter(read_at__isnull=True).values_list("pk", flat=True).get() == theirs.pk


def test_bad_query_values_answer_422_not_500(client, user):
    assert client.get(URL, {"page": "x"}).status_code == 422
    assert client.post(f"{URL}/abc/read").status_code == 404
