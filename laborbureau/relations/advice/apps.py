from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "laborbureau.relations.advice"
    label = "advice"
    verbose_name = "義務律師諮詢 Volunteer-lawyer advice"
