from django.apps import AppConfig


class RelationsConfig(AppConfig):
    name = "laborbureau.relations"
    label = "relations"
    verbose_name = "勞資關係 Labor relations"
