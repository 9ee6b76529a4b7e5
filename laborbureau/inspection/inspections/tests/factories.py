"""Helpers for the inspection tests: LIO staff, a site, an inspection under way with
findings, through the real services."""

from laborbureau.cases import services as case_services
from laborbureau.core.models import HeadcountRecord, IndustryClass, Role
from laborbureau.core.tests.factories import EmployerFactory, EstablishmentFactory, staff
from laborbureau.inspection.inspections import services
from laborbureau.inspection.inspections.checklists import checklist

TINY_PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
TINY_JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"0" * 64


def lio(role=Role.INSPECTOR, username=None):
    return staff(role, "LIO", username=username)


def site(*, industry="F", headcount=None, employer=None):
    employer = employer or EmployerFactory(industry=IndustryClass.objects.filter(code=industry).first())
    establishment = EstablishmentFactory(employer=employer, industry=IndustryClass.objects.filter(code=industry).first())
    if headcount:
        from django.utils import timezone

        HeadcountRecord.objects.create(establishment=establishment, as_of=timezone.localdate(), headcount=headcount)
    return establishment


def planned(*, inspector, inspection_type="CONSTRUCTION", establishment=None, actor=None):
    return services.inspection_open(establishment=establishment or site(), inspection_type=inspection_type,
                                    origin="OTHER", actor=actor or inspector, inspector=inspector)


def started(*, inspector, inspection_type="CONSTRUCTION", establishment=None):
    inspection = planned(inspector=inspector, inspection_type=inspection_type, establishment=establishment)
    case_services.case_transition(case=inspection.case, name="start", actor=inspector)
    inspection.refresh_from_db()
    return inspection


def record_all(inspection, inspector, *, violations=("C01",)):
    for item in checklist(inspection.inspection_type).items:
        if violations and item.code in violations:
            services.finding_record(inspection=inspection, item_code=item.code, result="VIOLATION",
                                    note=f"{item.code} 現場未符合", actor=inspector)
        elif item.code in {entry.code for entry in services.checklist_items(inspection)}:
            services.finding_record(inspection=inspection, item_code=item.code, result="COMPLIANT", note="",
                                    actor=inspector)


def recorded(*, inspector, violations=("C01",), inspection_type="CONSTRUCTION", establishment=None):
    inspection = started(inspector=inspector, inspection_type=inspection_type, establishment=establishment)
    record_all(inspection, inspector, violations=violations)
    services.acknowledgement_record(inspection=inspection, actor=inspector, name="王大明", title="工地主任",
                                    method="typed")
    case_services.case_transition(case=inspection.case, name="complete", actor=inspector, data={"summary": "檢查完成"})
    inspection.refresh_from_db()
    return inspection
