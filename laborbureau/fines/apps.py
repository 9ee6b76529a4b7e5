from django.apps import AppConfig


class FinesConfig(AppConfig):
    name = "laborbureau.fines"
    label = "fines"
    verbose_name = "罰鍰 Fines"
