"""The search index's document table, shared by every kind of searchable record.

Only `kind`, `object_id` and `attributes` are Django fields. The text index lives beside
it and depends on the database (migration 0001): on SQLite an FTS5 table `search_fts`
whose rowid is this table's id; on PostgreSQL a `tokens tsvector` column on this table
with a GIN index. Rows are written only by `search.services` (raw SQL keeps the two
in step); nothing else should create or delete them.
"""

from django.db import models


class Document(models.Model):
    """One indexed record (e.g. a vacancy): its filter values and sort keys as JSON."""

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    # Filter values (str, int or list) and sort keys (int; dates as proleptic ordinals).
    attributes = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_kind_object")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class IndexState(models.Model):
    """What a kind's index was built with: the synonym groups whose tokens every row of
    the kind carries (`search.text.group_tokens`), and the partition field whose tokens
    every row carries (SQLite, `search.backends.partition_prefix`). Set by a rebuild, and
    by the first upsert into an empty kind; a search uses a group's token only if it is
    listed here, and expands the group's words otherwise (an edited group, until the next
    rebuild); it matches partition tokens only if `partition` names the field filtered."""

    kind = models.CharField(max_length=40, primary_key=True)
    synonym_groups = models.JSONField(default=list)
    partition = models.CharField(max_length=40, blank=True, default="")
    built_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.kind
