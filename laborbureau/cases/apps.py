from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "laborbureau.cases"
    label = "cases"
    verbose_name = "案件 Cases"

    def ready(self) -> None:
        from laborbureau.cases import services
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.notify.scheduler import register_periodic

        PARTY_REFERENCE_HOOKS.append(services.case_parties_repoint)
        register_periodic("cases.deadlines", services.deadline_sweep, every_seconds=3600)
