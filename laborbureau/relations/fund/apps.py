from django.apps import AppConfig


class FundConfig(AppConfig):
    name = "laborbureau.relations.fund"
    label = "fund"
    verbose_name = "勞工權益基金 Labor Rights Fund"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.relations.fund import services, workflows  # noqa: F401 - registers the case type

        PARTY_REFERENCE_HOOKS.append(services.fund_parties_repoint)
