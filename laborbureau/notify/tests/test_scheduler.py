"""The scheduler: periodic sweeps claimed once per period, delivery every round,
`--once`, and a clean stop on SIGTERM."""

import signal
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from laborbureau.notify import scheduler
from laborbureau.notify.models import OutboxMessage, PeriodicRun
from laborbureau.notify.tests.factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test (apps may have registered their own sweeps)."""
    monkeypatch.setattr(scheduler, "_registry", {})
    return scheduler._registry


def test_register_periodic_refuses_bad_arguments(registry):
    with pytest.raises(ValueError):
        scheduler.register_periodic("", print, 3600)
    with pytest.raises(ValueError):
        scheduler.register_periodic("too.often", print, 59)
    scheduler.register_periodic("fines.reminders", print, 3600)
    scheduler.register_periodic("fines.reminders", print, 7200)  # re-registering replaces
    assert [(p.name, p.every_seconds) for p in scheduler.registered()] == [("fines.reminders", 7200)]


def test_a_sweep_runs_once_per_period(registry):
    calls = []
    scheduler.register_periodic("cases.deadlines", lambda: calls.append("ran"), 3600)
    start = timezone.now()
    assert scheduler.run_due_periodics(start) == ["cases.deadlines"]
    assert scheduler.run_due_periodics(start + timedelta(minutes=59)) == []
    assert scheduler.run_due_periodics(start + timedelta(minutes=60)) == ["cases.deadlines"]
    assert calls == ["ran", "ran"]
    run = PeriodicRun.objects.get(name="cases.deadlines")
    assert (run.runs, run.next_run_at, run.last_error) == (2, start + timedelta(minutes=120), "")
    assert run.last_finished_at is not None


def test_two_schedulers_asking_at_once_claim_a_period_once(registry):
    periodic = scheduler.Periodic("fines.reminders", print, 3600)
    now = timezone.now()
    assert [scheduler.claim(periodic, now), scheduler.claim(periodic, now)] == [True, False]
    assert PeriodicRun.objects.get(name="fines.reminders").runs == 1


def test_a_failing_sweep_is_recorded_and_the_others_still_run(registry):
    def broken():
        raise RuntimeError("no calendar for 2031")

    calls = []
    scheduler.register_periodic("a.broken", broken, 3600)
    scheduler.register_periodic("b.works", lambda: calls.append(1), 3600)
    assert scheduler.run_due_periodics() == ["a.broken", "b.works"]
    assert calls == [1]
    assert PeriodicRun.objects.get(name="a.broken").last_error == "RuntimeError: no calendar for 2031"


def test_once_delivers_due_messages_and_runs_due_sweeps(registry):
    scheduler.register_periodic("cases.deadlines", lambda: None, 3600)
    OutboxMessageFactory.create_batch(2)
    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert out.getvalue() == "delivered 2; periodic: cases.deadlines\n"
    assert OutboxMessage.objects.filter(status="SENT").count() == 2


def test_the_loop_stops_cleanly_on_sigterm(registry):
    rounds = []

    def tick():
        rounds.append(1)
        if len(rounds) == 2:
            signal.raise_signal(signal.SIGTERM)  # as `kill` would, mid-run
        return 0, []

    before = signal.getsignal(signal.SIGTERM)
    out = StringIO()
    with mock.patch.object(scheduler, "tick", side_effect=tick):
        call_command("scheduler", "--interval", "0.01", stdout=out)
    assert len(rounds) == 2
    assert out.getvalue().splitlines()[-1] == "scheduler: stopped after 2 rounds"
    assert signal.getsignal(signal.SIGTERM) is before  # the handler is put back


def test_bad_interval_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("scheduler", "--interval", "0")
