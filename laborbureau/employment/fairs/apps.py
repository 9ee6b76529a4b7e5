from django.apps import AppConfig


class FairsConfig(AppConfig):
    name = "laborbureau.employment.fairs"
    label = "employment_fairs"
    verbose_name = "現場徵才活動 Job fairs"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.employment.fairs import services
        from laborbureau.notify.scheduler import register_periodic

        if services.fair_parties_repoint not in PARTY_REFERENCE_HOOKS:
            PARTY_REFERENCE_HOOKS.append(services.fair_parties_repoint)

        # The day-before reminder to those registered (idempotent: each fair is reminded once).
        register_periodic("employment_fairs.remind", services.fair_reminders_send, every_seconds=3600)
