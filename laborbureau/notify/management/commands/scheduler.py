"""`manage.py scheduler`: deliver the outbox every 15 s and run the registered
periodic sweeps (notify.scheduler). Runs beside `manage.py db_worker`; stops cleanly
on SIGTERM or SIGINT after the round in progress."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from laborbureau.notify import scheduler


class Command(BaseCommand):
    help = "Deliver due notifications and run periodic sweeps until stopped (SIGTERM/SIGINT)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run one round and exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=scheduler.DELIVERY_INTERVAL_SECONDS,
            help="Seconds between rounds (default 15).",
        )

    def handle(self, *args, once: bool, interval: float, **options):
        if interval <= 0:
            raise CommandError("--interval must be positive.")
        if once:
            sent, ran = scheduler.tick()
            self.stdout.write(f"delivered {sent}; periodic: {', '.join(ran) or '-'}")
            return
        stop = threading.Event()

        def request_stop(signum, frame):
            self.stdout.write(f"scheduler: received signal {signum}, stopping after this round")
            stop.set()

        previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        names = ", ".join(p.name for p in scheduler.registered()) or "-"
        self.stdout.write(f"scheduler: every {interval:g} s; periodic sweeps: {names}")
        try:
            rounds = scheduler.run_forever(stop, interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write(f"scheduler: stopped after {rounds} rounds")
