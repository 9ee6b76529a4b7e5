from django.apps import AppConfig


class LayoffsConfig(AppConfig):
    name = "laborbureau.relations.layoffs"
    label = "layoffs"
    verbose_name = "大量解僱 Mass layoffs"
