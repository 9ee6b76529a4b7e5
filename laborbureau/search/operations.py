"""Migration operations for apps whose records the index holds by the hundred thousand.

`KindIndex(kind)`: on PostgreSQL, GIN indexes over the tokens of one kind's rows only
(`WHERE kind = '<kind>'`), on the documents and on the bag (search.backends). A text search of a large kind then reads that index alone: with
only the table-wide index, PostgreSQL intersected the word's matches with the 200,000-entry
bitmap of `kind = 'vacancy'` (25-35 ms of a 60 ms search) and visited the other kinds'
matching rows. Nothing on SQLite, where each kind is a rowid range of the FTS5 table.
The table-wide index stays for the small kinds.
"""

from django.db import migrations

from laborbureau.search.services import check_name


def kind_index_name(kind: str, table: str = "document") -> str:
    return f"search_{table}_tokens_{kind}"


class PostgresSQL(migrations.RunSQL):
    """RunSQL that runs on PostgreSQL only (the bag exists there alone)."""

    def deconstruct(self):
        return (self.__class__.__qualname__, [], {"sql": self.sql, "reverse_sql": self.reverse_sql})

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class KindIndex(migrations.operations.base.Operation):
    reversible = True
    reduces_to_sql = True

    def __init__(self, kind: str):
        check_name(kind, "kind")
        self.kind = kind

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.kind], {})

    def state_forwards(self, app_label, state):
        pass  # the index is not part of any model's state

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            # `kind` passed check_name (lower-case letters, digits, _): safe in the SQL text.
            for table in ("document", "bag"):
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {kind_index_name(self.kind, table)} ON search_{table} "
                    f"USING gin (tokens) WHERE kind = '{self.kind}'"
                )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            for table in ("document", "bag"):
                schema_editor.execute(f"DROP INDEX IF EXISTS {kind_index_name(self.kind, table)}")

    def describe(self):
        return f"PostgreSQL: a text index of the search kind {self.kind!r} alone"
