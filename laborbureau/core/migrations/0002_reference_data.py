"""Load the reference data (districts, industry classification, units)."""

from django.db import migrations


def load(apps, schema_editor):
    from laborbureau.core import reference

    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
