import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import employer_user, staff
from laborbureau.inspection.registries import services


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 30, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def application(**overrides) -> services.RegistrationInput:
    values = {"kind": "TRAINING_UNIT", "name": "臺北安全衛生訓練中心", "description": "營造作業主管、一般安全衛生教育訓練。",
              "address": "臺北市中山區民生東路一段1號", "district": "104", "contact_email": "train@example.tw",
              "files": [("venue.jpg", jpeg())]}
    values.update(overrides)
    return services.RegistrationInput(**values)


@pytest.fixture
def team(db):
    return {"chief": staff(Role.SECTION_CHIEF, "LIO", username="lio_chief_r"),
            "officer": staff(Role.CASE_OFFICER, "LIO", username="lio_officer_r"),
            "inspector": staff(Role.INSPECTOR, "LIO", username="lio_inspector_r"),
            "other": staff(Role.CASE_OFFICER, "LS", username="ls_officer_r"),
            "company": employer_user()}


def approve(registration, team):
    """Take an application through review, proposal and the chief's sign-off."""
    fire = case_services.case_transition
    fire(case=registration.case, name="review", actor=team["officer"], data={"review_opinion": "書面及現場審查符合。"})
    fire(case=registration.case, name="propose_approval", actor=team["officer"], data={})
    signoff = SignOff.objects.get(case=registration.case, status=SignOff.Status.PENDING)
    case_services.signoff_decide(signoff=signoff, actor=team["chief"], approve=True)
    registration.refresh_from_db()
    registration.case.refresh_from_db()
    return registration


def closed_fatal_accident(team, occurred_at=None):
    """A closed fatal accident through the accidents app's own services."""
    from laborbureau.core.services import EmployerInput
    from laborbureau.inspection.accidents import services as accident_services

    occurred_at = occurred_at or timezone.now() - timedelta(hours=2)
    accident = accident_services.accident_report(
        data=accident_services.AccidentInput(
            occurred_at=occurred_at, accident_type="FALL", description="勞工王小明於施工架墜落。", deaths=1,
            lat=25.0330, lon=121.5654, establishment_name="信義工地", employer=EmployerInput(name="大安營造有限公司"),
            channel="phone", reporter_name="林主任"),
        actor=team["officer"])
    fire = case_services.case_transition
    fire(case=accident.case, name="dispatch", actor=team["chief"], data={"inspector": str(team["inspector"].pk)})
    fire(case=accident.case, name="arrive", actor=team["inspector"], data={})
    fire(case=accident.case, name="record_findings", actor=team["inspector"], data={"findings": "未設護欄。"})
    fire(case=accident.case, name="close", actor=team["chief"], data={"note": "結案。"})
    accident.refresh_from_db()
    return accident
