from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "laborbureau.relations.mediation"
    label = "mediation"
    verbose_name = "勞資爭議調解 Labor-dispute mediation"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.relations.mediation import services, workflows  # noqa: F401 - registers the case type

        if services.dispute_parties_repoint not in PARTY_REFERENCE_HOOKS:
            PARTY_REFERENCE_HOOKS.append(services.dispute_parties_repoint)
