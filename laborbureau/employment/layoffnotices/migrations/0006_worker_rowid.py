import importlib

from django.db import migrations

import laborbureau.core.fields
from laborbureau.core.migration_ops import VendorRunSQL

# The workers' id without SQLite's AUTOINCREMENT (core.fields.RowidAutoField); nothing
# changes on PostgreSQL. On SQLite the change rebuilds the table, which drops its
# triggers: 0005's are created again after it.
SQLITE_TRIGGERS = importlib.import_module(
    "laborbureau.employment.layoffnotices.migrations.0005_worker_index_by_id").SQLITE_TRIGGERS


class Migration(migrations.Migration):

    dependencies = [
        ('layoffnotices', '0005_worker_index_by_id'),
    ]

    operations = [
        VendorRunSQL("sqlite", migrations.RunSQL.noop, SQLITE_TRIGGERS),
        migrations.AlterField(
            model_name='layoffworker',
            name='id',
            field=laborbureau.core.fields.RowidAutoField(primary_key=True, serialize=False),
        ),
        VendorRunSQL("sqlite", SQLITE_TRIGGERS, migrations.RunSQL.noop),
    ]
