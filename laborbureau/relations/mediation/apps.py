from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "laborbureau.relations.mediation"
    label = "mediation"
    verbose_name = "勞資爭議調解 Labor-dispute mediation"
