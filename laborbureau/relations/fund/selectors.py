"""Reads of the Labor Rights Fund, scoped through the case engine's access rules."""

from django.db.models import QuerySet

from laborbureau.cases.access import cases_readable_by
from laborbureau.core.models import User
from laborbureau.relations.fund.models import FundApplication
from laborbureau.relations.fund.workflows import CASE_TYPE


def application_list(*, user: User, status: str = "") -> QuerySet:
    """Applications whose case `user` may read (staff scope; citizens: their own)."""
    cases = cases_readable_by(user).filter(case_type=CASE_TYPE)
    if status:
        cases = cases.filter(status=status)
    return (
        FundApplication.objects.filter(case__in=cases.values("pk"))
        .select_related("case", "applicant", "case__assignee")
        .order_by("-case__opened_at")
    )
