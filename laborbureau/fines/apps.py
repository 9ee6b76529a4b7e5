from django.apps import AppConfig


class FinesConfig(AppConfig):
    name = "laborbureau.fines"
    label = "fines"
    verbose_name = "罰鍰 Fines"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.fines import services, tasks

        if services.fines_employer_repoint not in PARTY_REFERENCE_HOOKS:
            PARTY_REFERENCE_HOOKS.append(services.fines_employer_repoint)
        # The daily reminder sweep, where the scheduler exists (notify.scheduler).
        try:
            from laborbureau.notify.scheduler import register_periodic
        except ImportError:  # pragma: no cover - older tree without the scheduler
            return
        register_periodic("fines.reminders", tasks.send_reminders, every_seconds=tasks.REMINDER_SWEEP_SECONDS)
