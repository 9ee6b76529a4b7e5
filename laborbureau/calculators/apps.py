from django.apps import AppConfig


class CalculatorsConfig(AppConfig):
    name = "laborbureau.calculators"
    label = "calculators"
    verbose_name = "試算服務 Public calculators"
