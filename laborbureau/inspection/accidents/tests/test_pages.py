"""The pages: the employer's report form (bad photo shown on the field), the public map,
the alert page's steps, the live feed, the roster, and the list's query count."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from laborbureau.inspection.accidents import services
from laborbureau.inspection.accidents.models import Accident
from laborbureau.inspection.accidents.tests.conftest import jpeg, report
from laborbureau.notify.delivery import deliver_due

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form(**overrides):
    data = {"occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "accident_type": "FALL", "deaths": "1",
            "injured": "0", "hospitalised": "0", "district": "104", "address": "民生東路1號", "description": "墜落。"}
    data.update(overrides)
    return data


def test_employer_reports_on_the_portal_and_a_bad_photo_is_shown_on_its_field(team):
    client = signed_in(team["company"])
    bad = client.post("/portal/accidents/new/", form(photos=SimpleUploadedFile("a.jpg", b"text", "image/jpeg")))
    assert bad.status_code == 422 and "不是 JPEG 或 PNG 圖片" in bad.content.decode()
    assert not Accident.objects.exists()
    good = client.post("/portal/accidents/new/", form(photos=SimpleUploadedFile("a.jpg", jpeg(), "image/jpeg")))
    assert good.status_code == 302
    assert Accident.objects.get().location_approximate


def test_public_map_renders_an_svg_choropleth_without_login(team):
    services.accident_report(data=report(), actor=team["company"])
    page = Client().get("/accidents/map/")
    text = page.content.decode()
    assert page.status_code == 200 and "<svg" in text and text.count("<path") == 12 and "信義區" in text
    assert "信義工地" not in text


def test_alert_page_steps_and_live_feed(team):
    accident = services.accident_report(data=report(), actor=team["company"])
    deliver_due()
    client = signed_in(team["supervisor"])
    feed = client.get("/staff/accidents/alerts.json?after=0").json()["alerts"]
    assert [a["number"] for a in feed] == [accident.case.number]
    assert client.get(f"/staff/accidents/alerts.json?after={feed[0]['id']}").json()["alerts"] == []
    page = client.get(f"/staff/accidents/{accident.case.number}/")
    assert page.status_code == 200 and "簽收通報" in page.content.decode()
    done = client.post(f"/staff/accidents/{accident.case.number}/",
                       {"step": "dispatch", "t-dispatch-inspector": str(team["inspector"].pk)})
    assert done.status_code == 302
    accident.refresh_from_db()
    assert accident.inspector == team["inspector"]
    assert signed_in(team["company"]).get(f"/staff/accidents/{accident.case.number}/").status_code in (302, 404)


def test_staff_list_query_count_does_not_grow(team, django_assert_max_num_queries):
    client = signed_in(team["chief"])
    services.accident_report(data=report(), actor=team["company"])
    with django_assert_max_num_queries(40) as captured:
        client.get("/staff/accidents/")
    first = len(captured)
    for _ in range(4):
        services.accident_report(data=report(), actor=team["company"])
    with django_assert_max_num_queries(first):
        assert client.get("/staff/accidents/").status_code == 200


def test_roster_page_adds_a_shift(team):
    client = signed_in(team["chief"])
    now = timezone.localtime()
    answer = client.post("/staff/accidents/roster/", {
        "user": str(team["officer"].pk), "role": "SUPERVISOR", "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (now + timezone.timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"), "phone": ""})
    assert answer.status_code == 302
    assert team["officer"].label in client.get("/staff/accidents/roster/").content.decode()
