from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "laborbureau.inspection.inspections"
    label = "inspections"
    verbose_name = "勞動檢查 Labor inspections"

    def ready(self) -> None:
        from laborbureau.core import panels
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.inspection.inspections import employer_panel, services, workflows  # noqa: F401 - registers

        PARTY_REFERENCE_HOOKS.append(services.inspections_parties_repoint)
        panels.employer_panel_register(employer_panel.inspection_history_panel)
