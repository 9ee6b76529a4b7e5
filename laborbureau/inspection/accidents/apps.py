from django.apps import AppConfig


class AccidentsConfig(AppConfig):
    name = "laborbureau.inspection.accidents"
    label = "accidents"
    verbose_name = "職業災害 Occupational accidents"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.inspection.accidents import services, workflows  # noqa: F401 - registers the case types
        from laborbureau.notify.scheduler import register_periodic

        PARTY_REFERENCE_HOOKS.append(services.accidents_parties_repoint)
        register_periodic("accidents.undelivered_alerts", services.undelivered_alerts_sweep, every_seconds=60)
