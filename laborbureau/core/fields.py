"""Model fields shared by the apps."""

from django.db import models


class RowidAutoField(models.BigAutoField):
    """A BigAutoField that SQLite keys by its plain rowid, without AUTOINCREMENT.

    With AUTOINCREMENT, SQLite finds the table's row in `sqlite_sequence` (a scan of
    one row per table that has one: every Django model) and writes it back on each
    INSERT statement: on a 100,000-row list loaded with executemany that is more than a
    third of the load (ADR 0008). Without it a new row takes the largest id + 1, which
    is the same id, as long as rows of the table are never deleted: use it only for a
    table whose rows are kept (on_delete PROTECT all the way up), so that no id is ever
    given twice. PostgreSQL keeps its identity column."""

    def db_type_suffix(self, connection):
        if connection.vendor == "sqlite":
            return None
        return super().db_type_suffix(connection)
