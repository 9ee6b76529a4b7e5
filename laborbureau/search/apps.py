from django.apps import AppConfig
from django.core import checks


class SearchConfig(AppConfig):
    name = "laborbureau.search"
    label = "search"
    verbose_name = "搜尋 Search"

    def ready(self):
        from laborbureau.search.checks import sqlite_version  # noqa: PLC0415

        checks.register(sqlite_version)
