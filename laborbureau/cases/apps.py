from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "laborbureau.cases"
    label = "cases"
    verbose_name = "案件 Cases"

    def ready(self) -> None:
        from laborbureau.cases import services
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS

        PARTY_REFERENCE_HOOKS.append(services.case_parties_repoint)
