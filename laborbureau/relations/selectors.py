"""Reads of labor relations that other programs may use (ADR 0003: programs talk through
services and selectors)."""

from datetime import date

from django.db.models import Count

from laborbureau.relations.models import LaborStandardsComplaint


def complaint_counts_by_employer(*, since: date, employer_ids=None) -> dict[int, int]:
    """How many labor-standards complaints (勞動基準法第74條) each employer received on or
    after `since`: {employer_id: count}. The labor inspection's risk score reads it; it
    carries no complainant, so no personal data leaves the program."""
    rows = LaborStandardsComplaint.objects.filter(case__opened_at__date__gte=since)
    if employer_ids is not None:
        rows = rows.filter(employer_id__in=employer_ids)
    return dict(rows.values("employer_id").annotate(n=Count("pk")).values_list("employer_id", "n"))
