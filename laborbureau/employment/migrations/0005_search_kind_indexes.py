from django.db import migrations

from laborbureau.search.operations import KindIndex


class Migration(migrations.Migration):
    """The job bank's two search kinds hold 200,000 rows each at city scale: each gets a
    text index of its own on PostgreSQL (see search.operations)."""

    dependencies = [
        ("employment", "0004_matching"),
        ("search", "0002_bag"),
    ]

    operations = [
        KindIndex("vacancy"),
        KindIndex("jobseeker"),
    ]
