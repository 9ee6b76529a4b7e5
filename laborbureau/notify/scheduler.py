"""The scheduler behind `manage.py scheduler`: outbox delivery every few seconds and
registered periodic sweeps (fine reminders, case deadline sweeps, ...).

Apps register their sweeps from `AppConfig.ready()`:

    from laborbureau.notify.scheduler import register_periodic
    register_periodic("fines.reminders", fines.tasks.send_reminders, every_seconds=3600)

Several schedulers may run on several machines against one PostgreSQL database. A
sweep's last and next run are kept in `PeriodicRun`; a scheduler runs a sweep only
after claiming it with one conditional UPDATE (`WHERE next_run_at <= now`), which
exactly one of the competitors wins. If a scheduler dies during a sweep the claim
stands and the sweep runs again at its next period (sweeps must be idempotent).
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import close_old_connections, connection
from django.db.models import F
from django.utils import timezone

from laborbureau.notify.delivery import deliver_due
from laborbureau.notify.models import PeriodicRun

log = logging.getLogger(__name__)

DELIVERY_INTERVAL_SECONDS = 15
DEFAULT_PERIOD_SECONDS = 3600


@dataclass(frozen=True)
class Periodic:
    name: str
    func: Callable[[], object]
    every_seconds: int


_registry: dict[str, Periodic] = {}


def register_periodic(name: str, func: Callable[[], object], every_seconds: int = DEFAULT_PERIOD_SECONDS) -> None:
    """Register a sweep to run every `every_seconds` (at least 60). Registering the
    same name again replaces it (AppConfig.ready may run more than once in tests)."""
    if not name or len(name) > 80:
        raise ValueError("a periodic sweep needs a name of 1 to 80 characters")
    if every_seconds < 60:
        raise ValueError("a periodic sweep runs at most once a minute")
    _registry[name] = Periodic(name=name, func=func, every_seconds=every_seconds)


def unregister_periodic(name: str) -> None:
    _registry.pop(name, None)


def registered() -> list[Periodic]:
    return sorted(_registry.values(), key=lambda periodic: periodic.name)


def claim(periodic: Periodic, now: datetime) -> bool:
    """Claim the sweep's current period for this process: True for exactly one of the
    schedulers that ask while it is due."""
    PeriodicRun.objects.get_or_create(name=periodic.name, defaults={"next_run_at": now})
    won = PeriodicRun.objects.filter(name=periodic.name, next_run_at__lte=now).update(
        next_run_at=now + timedelta(seconds=periodic.every_seconds),
        last_started_at=now,
        runs=F("runs") + 1,
    )
    return won == 1


def run_due_periodics(now: datetime | None = None) -> list[str]:
    """Run every registered sweep that is due and claimed by us; returns their names.
    A sweep that raises is logged and recorded; the others still run."""
    ran = []
    for periodic in registered():
        moment = now or timezone.now()
        if not claim(periodic, moment):
            continue
        error = ""
        try:
            periodic.func()
        except Exception as exc:  # noqa: BLE001 - one broken sweep must not stop the scheduler
            error = f"{type(exc).__name__}: {exc}"[:2000]
            log.exception("scheduler: periodic %s failed", periodic.name)
        PeriodicRun.objects.filter(name=periodic.name).update(last_finished_at=timezone.now(), last_error=error)
        ran.append(periodic.name)
    return ran


def tick() -> tuple[int, list[str]]:
    """One round: deliver the due outbox rows, then run the due sweeps."""
    _drop_stale_connections()
    try:
        sent = deliver_due()
    except Exception:  # noqa: BLE001 - e.g. the database is restarting; try again next round
        log.exception("scheduler: outbox delivery failed")
        sent = 0
    try:
        ran = run_due_periodics()
    except Exception:  # noqa: BLE001
        log.exception("scheduler: periodic sweeps failed")
        ran = []
    return sent, ran


def run_forever(stop: threading.Event, interval: float = DELIVERY_INTERVAL_SECONDS) -> int:
    """Tick every `interval` seconds until `stop` is set; returns the number of rounds.
    `stop.wait` returns at once when a signal handler sets the event."""
    rounds = 0
    while not stop.is_set():
        tick()
        rounds += 1
        stop.wait(interval)
    _drop_stale_connections()
    return rounds


def _drop_stale_connections() -> None:
    """A long-lived process: drop connections the server closed or that outlived
    CONN_MAX_AGE. Never inside a transaction (a test's, or a caller's): closing would
    abandon it."""
    if not connection.in_atomic_block:
        close_old_connections()
