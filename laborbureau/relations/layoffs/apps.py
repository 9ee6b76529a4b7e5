from django.apps import AppConfig


class LayoffsConfig(AppConfig):
    name = "laborbureau.relations.layoffs"
    label = "layoffs"
    verbose_name = "大量解僱 Mass layoffs"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.relations.layoffs import services, workflows  # noqa: F401 - registers the case types

        PARTY_REFERENCE_HOOKS.append(services.layoffs_parties_repoint)
