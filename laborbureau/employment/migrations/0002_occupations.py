"""Load the occupation classification (職業標準分類, 6th revision; data/SOURCES.md)."""

from django.db import migrations


def load(apps, schema_editor):
    from laborbureau.employment import reference

    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [("employment", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
