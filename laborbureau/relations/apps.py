from django.apps import AppConfig


class RelationsConfig(AppConfig):
    name = "laborbureau.relations"
    label = "relations"
    verbose_name = "勞資關係 Labor relations"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.relations import services, workflows  # noqa: F401 - registers the case types

        PARTY_REFERENCE_HOOKS.append(services.complaint_parties_repoint)
