"""The review record on the generic case pages (staff and portal)."""


def _context(case, viewer, staff: bool):
    from laborbureau.inspection.hazardous.models import TypeDReview

    review = TypeDReview.objects.select_related("employer", "establishment", "project", "inspector").get(case=case)
    return "hazardous/review_panel.html", {"review": review, "staff": staff}


def review_staff_panel(case, viewer):
    return _context(case, viewer, True)


def review_portal_panel(case, viewer):
    return _context(case, viewer, False)
