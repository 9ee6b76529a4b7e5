"""The complaint's own record on the generic case pages (staff and portal)."""

from laborbureau.fines import selectors as fine_selectors
from laborbureau.relations.models import ComplaintCategory, LaborStandardsComplaint


def _categories(complaint: LaborStandardsComplaint) -> list[str]:
    labels = dict(ComplaintCategory.choices)
    return [labels.get(value, value) for value in complaint.categories]


def staff_panel(case, viewer):
    complaint = LaborStandardsComplaint.objects.select_related("complainant", "employer", "establishment").get(case=case)
    fine = (
        fine_selectors.fines_readable_by(viewer).filter(number=complaint.fine_number).first()
        if complaint.fine_number
        else None
    )
    return "relations/complaint_panel.html", {"complaint": complaint, "categories": _categories(complaint), "fine": fine}


def portal_panel(case, viewer):
    complaint = LaborStandardsComplaint.objects.get(case=case)
    return "relations/complaint_portal_panel.html", {"complaint": complaint, "categories": _categories(complaint)}
