from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "laborbureau.demo"
    label = "demo"
    verbose_name = "示範資料 Demo data"
