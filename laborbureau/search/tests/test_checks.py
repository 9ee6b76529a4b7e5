"""The system check that refuses a SQLite whose FTS5 loses rows read newest first."""

import pytest
from django.db import connection

from laborbureau.search.checks import sqlite_errors, sqlite_version


def test_an_old_sqlite_is_refused():
    errors = sqlite_errors((3, 40, 1), "3.40.1")
    assert [error.id for error in errors] == ["search.E001"]
    assert "3.40.1" in errors[0].msg and "3.51.0" in errors[0].msg
    assert sqlite_errors((3, 51, 1), "3.51.1") == []


@pytest.mark.django_db
def test_the_installed_sqlite_passes():
    assert sqlite_version() == []  # the pinned pysqlite3-binary; nothing asked of PostgreSQL
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_version()")
            assert tuple(map(int, cursor.fetchone()[0].split("."))) >= (3, 51, 0)
