"""Layoff events and the monitoring: a crossing without a plan alerts the LR officers
and chief the same day, once per crossing, and opens one monitoring case; a plan on
file silences it; bad events are refused and nothing is written."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from laborbureau.cases.models import Case
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import HeadcountRecord, Role
from laborbureau.core.tests.factories import EstablishmentFactory, employer_user, staff
from laborbureau.notify.models import OutboxMessage
from laborbureau.relations.layoffs import services
from laborbureau.relations.layoffs.models import LayoffEvent, LayoffMonitoring
from laborbureau.relations.layoffs.tests.factories import plan_input

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def lr_officer():
    return staff(Role.CASE_OFFICER, "LR")


@pytest.fixture
def lr_chief():
    return staff(Role.SECTION_CHIEF, "LR")


def record(site, days_ago, count, actor, **extra):
    return services.layoff_event_record(
        establishment=site, day=TODAY() - timedelta(days=days_ago), count=count, source="EMPLOYMENT_NOTICE",
        actor=actor, **extra,
    )


def test_a_site_of_25_crossing_ten_in_60_days_alerts_once_and_opens_one_case(lr_officer, lr_chief):
    site = EstablishmentFactory()
    first = record(site, 40, 6, None, headcount=25)
    assert (first.crossed, first.monitoring) == (False, None)
    second = record(site, 10, 5, None)  # 11 in 31 days > 10 (第2條第1項第1款)
    assert (second.crossed, second.clause) == (True, "第2條第1項第1款")
    assert second.crossing_date == TODAY() - timedelta(days=10)
    monitoring = second.monitoring
    assert (monitoring.counted, monitoring.limit, monitoring.trigger) == (11, 10, "THRESHOLD")
    assert monitoring.notice_due == second.crossing_date - timedelta(days=60)
    assert monitoring.case.status == "OPEN"
    assert {m.recipient for m in OutboxMessage.objects.filter(channel="in_app")} == {lr_officer, lr_chief}
    assert OutboxMessage.objects.filter(channel="email").count() == 2

    third = record(site, 5, 3, None)  # the same crossing: no second alert
    assert (third.crossed, third.monitoring) == (True, None)
    assert LayoffMonitoring.objects.count() == 1
    assert OutboxMessage.objects.count() == 4
    assert HeadcountRecord.objects.get(establishment=site).headcount == 25


def test_a_single_day_over_twenty_at_a_site_of_100_crosses_that_day(lr_officer):
    site = EstablishmentFactory()
    result = record(site, 2, 21, lr_officer, headcount=100)
    assert (result.clause, result.monitoring.single_day, result.monitoring.limit) == ("第2條第1項第2款", True, 20)


def test_the_enterprise_clause_adds_the_sites_up(lr_officer):
    site_a = EstablishmentFactory()
    site_b = EstablishmentFactory(employer=site_a.employer)
    for days_ago in (50, 40, 30, 20):
        record(site_a, days_ago, 25, lr_officer, headcount=5000)  # 100 at a site of 5000: far below 1/5
        record(site_b, days_ago, 25, lr_officer, headcount=5000)
    last = record(site_b, 1, 2, lr_officer)  # 202 in 50 days > 200 (第2條第1項第5款)
    assert last.clause == "第2條第1項第5款"
    assert last.monitoring.establishment is None
    assert last.monitoring.counted == 202
    assert LayoffMonitoring.objects.count() == 1


def test_a_plan_on_file_means_no_alert(lr_officer):
    company = employer_user()
    site = EstablishmentFactory(employer=company.employer, name="內湖廠")
    services.layoff_plan_file(data=plan_input(days_ahead=30), actor=company)  # late: its own monitoring case
    OutboxMessage.objects.all().delete()
    result = services.layoff_event_record(
        establishment=site, day=TODAY(), count=30, source="OFFICER", actor=lr_officer, headcount=100
    )
    assert result.crossed is True
    assert result.monitoring is None
    assert list(LayoffMonitoring.objects.values_list("trigger", flat=True)) == ["LATE_PLAN"]
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"count": 0}, "count"),
        ({"count": -3}, "count"),
        ({"day": "future"}, "day"),
        ({"source": "RUMOUR"}, "source"),
        ({"headcount": 0}, "headcount"),
    ],
)
def test_bad_events_are_refused_and_nothing_is_written(lr_officer, change, field):
    site = EstablishmentFactory()
    arguments = {"establishment": site, "day": TODAY(), "count": 5, "source": "OFFICER", "actor": lr_officer}
    arguments.update(change)
    if arguments["day"] == "future":
        arguments["day"] = TODAY() + timedelta(days=1)
    with pytest.raises(ApplicationError) as error:
        services.layoff_event_record(**arguments)
    assert error.value.field == field
    assert not LayoffEvent.objects.exists()
    assert not Case.objects.exists()


def test_portal_users_cannot_record_events():
    company = employer_user()
    site = EstablishmentFactory(employer=company.employer)
    with pytest.raises(Forbidden):
        services.layoff_event_record(establishment=site, day=TODAY(), count=5, source="API", actor=company)
    assert not LayoffEvent.objects.exists()


@settings(max_examples=25, deadline=None)
@given(counts=st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=6))
def test_no_alert_while_a_small_site_stays_at_ten_or_below(counts):
    """A site of 20: any layoffs totalling at most 10 in 60 days never alert."""
    LayoffEvent.objects.all().delete()
    site = EstablishmentFactory()
    total = 0
    for index, count in enumerate(counts):
        if total + count > 10:
            break
        total += count
        result = services.layoff_event_record(
            establishment=site, day=TODAY() - timedelta(days=50 - index), count=count, source="API", actor=None,
            headcount=20 if index == 0 else None,
        )
        assert result.crossed is False
    assert not LayoffMonitoring.objects.filter(employer=site.employer).exists()
