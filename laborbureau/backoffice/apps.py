from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "laborbureau.backoffice"
    label = "backoffice"
    verbose_name = "業務工作區 Staff workspace"
