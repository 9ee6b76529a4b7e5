"""The inspection history on the foundation's employer page (core.panels)."""

from django.utils import timezone

from laborbureau.inspection.inspections import selectors


def inspection_history_panel(employer, viewer):
    """The employer's inspections and stop-work orders with their state, for staff who may
    read them; nothing when there are none."""
    history = selectors.employer_history(viewer, employer.pk)
    if not history["inspections"] and not history["orders"]:
        return None
    return "inspections/employer_history_panel.html", {"history": history, "employer": employer,
                                                      "today": timezone.localdate()}
