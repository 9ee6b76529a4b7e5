import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import employer_user, staff
from laborbureau.inspection.accidents import services
from laborbureau.inspection.accidents.models import DutyShift


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def report(**overrides) -> services.AccidentInput:
    values = {
        "occurred_at": timezone.now() - timedelta(minutes=30), "accident_type": "FALL",
        "description": "勞工於施工架作業時墜落。", "deaths": 1, "lat": 25.0330, "lon": 121.5654,
        "establishment_name": "信義工地",
    }
    values.update(overrides)
    return services.AccidentInput(**values)


@pytest.fixture
def team(db):
    chief = staff(Role.SECTION_CHIEF, "LIO", username="lio_chief_t")
    officer = staff(Role.CASE_OFFICER, "LIO", username="lio_officer_t")
    supervisor = staff(Role.CASE_OFFICER, "LIO", username="lio_supervisor_t")
    inspector = staff(Role.INSPECTOR, "LIO", username="lio_inspector_t")
    now = timezone.now()
    for user, role, phone in ((supervisor, "SUPERVISOR", "0912345678"), (inspector, "ON_CALL", "0922333444")):
        DutyShift.objects.create(user=user, role=role, starts_at=now - timedelta(hours=1),
                                 ends_at=now + timedelta(hours=8), phone=phone, created_by=chief)
    return {"chief": chief, "officer": officer, "supervisor": supervisor, "inspector": inspector,
            "company": employer_user(), "director": staff(Role.DIRECTOR, "ADM", username="director_t")}
