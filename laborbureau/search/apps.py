from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "laborbureau.search"
    label = "search"
    verbose_name = "搜尋 Search"
