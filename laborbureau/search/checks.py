"""System check: on SQLite, the library must be one whose FTS5 reads AND queries newest
first correctly (see laborbureau/config/sqlite.py)."""

from django.conf import settings
from django.core.checks import Error

from laborbureau.config.sqlite import MINIMUM_SQLITE


def sqlite_version(app_configs=None, **kwargs) -> list[Error]:
    engine = settings.DATABASES["default"]["ENGINE"]
    if not engine.endswith("sqlite3"):
        return []
    from django.db.backends.sqlite3.base import Database  # noqa: PLC0415 (only when SQLite is used)

    return sqlite_errors(Database.sqlite_version_info, Database.sqlite_version)


def sqlite_errors(version_info: tuple[int, ...], version: str) -> list[Error]:
    if version_info >= MINIMUM_SQLITE:
        return []
    wanted = ".".join(map(str, MINIMUM_SQLITE))
    return [Error(
        f"SQLite {version} is too old for the search index (FTS5 drops rows of AND queries read in descending "
        f"rowid order); {wanted} or newer is needed.",
        hint="Run `make install` (it installs the pinned pysqlite3-binary), or use PostgreSQL.",
        id="search.E001",
    )]
