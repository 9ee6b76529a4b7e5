from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "laborbureau.portal"
    label = "portal"
    verbose_name = "民眾入口 Portal"
