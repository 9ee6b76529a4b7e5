from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "laborbureau.employment.recruitment"
    label = "recruitment"
    verbose_name = "國內招募、離職證明協助、外勞轉換 Domestic recruitment, separation certificates, worker transfers"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.employment.recruitment import services, workflows  # noqa: F401 - registers the case types

        if services.recruitment_parties_repoint not in PARTY_REFERENCE_HOOKS:
            PARTY_REFERENCE_HOOKS.append(services.recruitment_parties_repoint)
