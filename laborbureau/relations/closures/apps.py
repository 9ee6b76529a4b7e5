from django.apps import AppConfig


class ClosuresConfig(AppConfig):
    name = "laborbureau.relations.closures"
    label = "closures"
    verbose_name = "關廠歇業事實認定 Closure determinations"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.relations.closures import services, workflows  # noqa: F401 - registers the case type

        PARTY_REFERENCE_HOOKS.append(services.closure_parties_repoint)
