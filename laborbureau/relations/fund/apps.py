from django.apps import AppConfig


class FundConfig(AppConfig):
    name = "laborbureau.relations.fund"
    label = "fund"
    verbose_name = "勞工權益基金 Labor Rights Fund"
