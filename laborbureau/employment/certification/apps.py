from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "laborbureau.employment.certification"
    label = "certification"
    verbose_name = "失業認定 Unemployment certification"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.employment.certification import services
        from laborbureau.notify.scheduler import register_periodic

        if services.certification_parties_repoint not in PARTY_REFERENCE_HOOKS:
            PARTY_REFERENCE_HOOKS.append(services.certification_parties_repoint)
        # Reminders before each date and missed dates (idempotent: each date reminded once,
        # each missed date marked once).
        register_periodic("certification.sweep", services.certification_sweep, every_seconds=3600)
