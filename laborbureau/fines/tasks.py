"""Background work of the fines ledger: the reminder sweep (registered with
notify.scheduler in FinesConfig.ready; runs hourly, sends at most one reminder per
fine per round, so running it often is harmless)."""

from laborbureau.fines.services import fine_reminders_sweep

REMINDER_SWEEP_SECONDS = 3600


def send_reminders() -> int:
    return fine_reminders_sweep()
