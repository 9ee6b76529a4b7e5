from django.apps import AppConfig


class ClosuresConfig(AppConfig):
    name = "laborbureau.relations.closures"
    label = "closures"
    verbose_name = "關廠歇業事實認定 Closure determinations"
