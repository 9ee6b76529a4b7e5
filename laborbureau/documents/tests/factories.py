"""Test helpers for documents: a case header made directly (no program workflow is
needed to issue a document), and an issued document."""

import itertools

from django.utils import timezone

from laborbureau.cases.models import Case, CaseParty, PartyRole
from laborbureau.core.models import Person, Unit
from laborbureau.documents.services import document_issue

_numbers = itertools.count(1)


def make_case(*, unit_code: str = "LS", person: Person | None = None) -> Case:
    now = timezone.now()
    case = Case.objects.create(
        number=f"115-TST-{next(_numbers):06d}",
        case_type="test",
        unit=Unit.objects.get(code=unit_code),
        status="OPEN",
        title="工資爭議",
        channel="counter",
        opened_at=now,
        state_entered_at=now,
    )
    if person is not None:
        CaseParty.objects.create(case=case, role=PartyRole.COMPLAINANT, person=person)
    return case


def issue(*, actor, case=None, kind="decision", title="違反勞動基準法處分書", **extra):
    return document_issue(
        case=case,
        kind=kind,
        title=title,
        template_name="documents/generic.html",
        context={
            "recipient": "大安測試股份有限公司",
            "subject": "貴公司違反勞動基準法第24條規定，處罰鍰新臺幣2萬元。",
            "blocks": [
                {"heading": "事實", "items": ["延長工作時間未依法給付加班費。"]},
                {"heading": "理由及法令依據", "items": ["勞動基準法第24條。", "勞動基準法第79條第1項第1款。"]},
            ],
        },
        actor=actor,
        **extra,
    )
