"""The department's mediation rooms, so that a fresh installation can schedule at once
(more are added on the roster page)."""

from django.db import migrations

ROOMS = [
    ("調解室一", "臺北市政府勞動局 西區 6樓"),
    ("調解室二", "臺北市政府勞動局 西區 6樓"),
    ("調解室三", "臺北市政府勞動局 西區 6樓"),
]


def add_rooms(apps, schema_editor):
    room = apps.get_model("mediation", "MeetingRoom")
    for name, location in ROOMS:
        room.objects.get_or_create(name=name, defaults={"location": location})


class Migration(migrations.Migration):
    dependencies = [("mediation", "0001_initial")]

    operations = [migrations.RunPython(add_rooms, migrations.RunPython.noop)]
