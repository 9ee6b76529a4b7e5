"""The notices page, marking read, and the administrators' outbox page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests.factories import UserFactory, staff
from laborbureau.notify.models import Notification, OutboxMessage
from laborbureau.notify.tests.factories import NotificationFactory, OutboxMessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("notifications"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/notifications/"


def test_the_list_shows_unread_first_and_the_count_in_the_header(client, user, django_assert_max_num_queries):
    read = NotificationFactory(recipient=user, subject_zh="舊通知已讀", read_at=timezone.now())
    unread = NotificationFactory(recipient=user, subject_zh="新分派案件")
    NotificationFactory(subject_zh="別人的通知")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("notifications"))
    assert response.status_code == 200
    assert [n.pk for n in response.context["notices"]] == [unread.pk, read.pk]
    content = response.content.decode()
    assert "別人的通知" not in content
    assert '<span class="badge" aria-label="未讀">1</span>' in content
    assert "未讀通知：1" in content


def test_the_unread_filter(client, user):
    NotificationFactory(recipient=user, read_at=timezone.now())
    unread = NotificationFactory(recipient=user)
    response = client.get(reverse("notifications"), {"unread": "1"})
    assert [n.pk for n in response.context["notices"]] == [unread.pk]


def test_mark_one_read(client, user):
    notice = NotificationFactory(recipient=user)
    response = client.post(reverse("notification_read", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications")
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_open_marks_read_and_follows_the_link_to_the_case(client, user):
    notice = NotificationFactory(recipient=user, link="/portal/cases/115-LSC-000001/", case_id=1)
    response = client.post(reverse("notification_read", args=[notice.pk]), {"open": "1"})
    assert response["Location"] == "/portal/cases/115-LSC-000001/"


def test_open_never_redirects_off_site(client, user):
    notice = NotificationFactory(recipient=user, link="//evil.example/")
    response = client.post(reverse("notification_read", args=[notice.pk]), {"open": "1"})
    assert response["Location"] == reverse("notifications")


def test_another_users_notice_cannot_be_marked(client, user):
    theirs = NotificationFactory()
    response = client.post(reverse("notification_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_needs_post(client, user):
    notice = NotificationFactory(recipient=user)
    assert client.get(reverse("notification_read", args=[notice.pk])).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read(client, user):
    NotificationFactory.create_batch(3, recipient=user)
    theirs = NotificationFactory()
    response = client.post(reverse("notification_read_all"), follow=True)
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 0
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert "已將 3 則通知標為已讀。" in response.content.decode()


# --- the outbox page -------------------------------------------------------------------


def test_the_outbox_page_lists_dead_and_pending_rows_for_administrators(client, django_assert_max_num_queries):
    admin = staff(Role.SYSADMIN, "ADM")
    client.force_login(admin)
    dead = OutboxMessageFactory(status=OutboxMessage.Status.DEAD, attempts=8, last_error="SMTPException: 550")
    pending = OutboxMessageFactory()
    OutboxMessageFactory(status=OutboxMessage.Status.SENT, sent_at=timezone.now(), subject_zh="已送出的")
    with django_assert_max_num_queries(15):  # 8 of them append to the access log
        response = client.get(reverse("notification_outbox"))
    assert response.status_code == 200
    assert [m.pk for m in response.context["messages_page"]] == [dead.pk, pending.pk]
    assert "已送出的" not in response.content.decode()
    entry = AccessLogEntry.objects.get()
    assert (entry.username, entry.action, entry.object_type, entry.object_id) == (
        admin.username,
        "view",
        "outbox",
        "undelivered",
    )
    only_dead = client.get(reverse("notification_outbox"), {"status": "DEAD"})
    assert [m.pk for m in only_dead.context["messages_page"]] == [dead.pk]


@pytest.mark.parametrize("role", [Role.SECTION_CHIEF, Role.DIRECTOR, Role.AUDITOR])
def test_the_outbox_page_is_not_there_for_other_staff(client, role):
    client.force_login(staff(role, "LS"))
    assert client.get(reverse("notification_outbox")).status_code == 404
    assert AccessLogEntry.objects.count() == 0


def test_the_outbox_page_is_not_there_for_citizens(client, user):
    assert client.get(reverse("notification_outbox")).status_code == 404


def test_retry_now_delivers_a_dead_message(client, django_capture_on_commit_callbacks):
    client.force_login(staff(Role.SYSADMIN, "ADM"))
    dead = OutboxMessageFactory(status=OutboxMessage.Status.DEAD, attempts=8)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notification_outbox_retry", args=[dead.pk]))
    assert response.status_code == 302
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == ("SENT", 9)


def test_retry_by_someone_else_is_not_found_and_changes_nothing(client):
    client.force_login(staff(Role.SECTION_CHIEF, "LS"))
    dead = OutboxMessageFactory(status=OutboxMessage.Status.DEAD, attempts=8)
    assert client.post(reverse("notification_outbox_retry", args=[dead.pk])).status_code == 404
    dead.refresh_from_db()
    assert dead.status == "DEAD"


def test_retry_of_a_sent_message_says_so(client):
    client.force_login(staff(Role.SYSADMIN, "ADM"))
    sent = OutboxMessageFactory(status=OutboxMessage.Status.SENT, sent_at=timezone.now(), attempts=1)
    response = client.post(reverse("notification_outbox_retry", args=[sent.pk]), follow=True)
    assert "此訊息已送達，不需重送。" in response.content.decode()
