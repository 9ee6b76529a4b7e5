from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "laborbureau.relations.advice"
    label = "advice"
    verbose_name = "義務律師諮詢 Volunteer-lawyer advice"

    def ready(self) -> None:
        from laborbureau.notify.scheduler import register_periodic
        from laborbureau.relations.advice import services

        # Reminders the day before and closing untaken slots; idempotent (see services).
        register_periodic("advice.sweep", services.advice_sweep, every_seconds=900)
