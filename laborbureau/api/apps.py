from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "laborbureau.api"
    label = "api"
    verbose_name = "API"
