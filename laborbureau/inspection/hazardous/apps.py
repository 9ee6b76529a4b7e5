from django.apps import AppConfig


class HazardousConfig(AppConfig):
    name = "laborbureau.inspection.hazardous"
    label = "hazardous"
    verbose_name = "危險性工作場所審查 Hazardous workplace reviews"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.inspection.hazardous import services, workflows  # noqa: F401 - registers

        PARTY_REFERENCE_HOOKS.append(services.hazardous_parties_repoint)
