"""Helpers for the hazardous-workplace tests, through the real services."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from laborbureau.core.tests.factories import employer_user
from laborbureau.inspection.hazardous import services
from laborbureau.inspection.inspections import services as inspection_services
from laborbureau.inspection.inspections.tests.factories import lio, site

PDF = b"%PDF-1.4\n" + b"0" * 64


def project(*, inspector=None, establishment=None, type_d=False):
    today = timezone.localdate()
    return inspection_services.construction_project_record(
        establishment=establishment or site(), name="信義區商辦大樓新建工程", starts_on=today,
        ends_on=today + timedelta(days=700), type_d=type_d, actor=inspector or lio())


def applied(*, project_=None, company=None, days_ahead=40, measures=None):
    project_ = project_ or project()
    company = company or employer_user(project_.establishment.employer)
    return services.review_apply(
        actor=company, project=project_, work_starts_on=timezone.localdate() + timedelta(days=days_ahead),
        measures=measures or {"building_height_m": Decimal("92.5")},
        documents=[services.Document("SAFETY_ASSESSMENT", "施工安全評估報告書.pdf", PDF)])
