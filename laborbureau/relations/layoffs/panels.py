"""The mass-layoff records on the generic case pages (staff and portal)."""

from laborbureau.fines import selectors as fine_selectors


def _plan(case):
    from laborbureau.relations.layoffs.models import LayoffPlan

    return LayoffPlan.objects.select_related("employer", "establishment").get(case=case)


def plan_staff_panel(case, viewer):
    from laborbureau.relations.layoffs.models import LayoffMonitoring

    plan = _plan(case)
    monitorings = list(LayoffMonitoring.objects.filter(plan=plan).select_related("case"))
    return "layoffs/plan_panel.html", {"plan": plan, "monitorings": monitorings, "staff": True}


def plan_portal_panel(case, viewer):
    return "layoffs/plan_panel.html", {"plan": _plan(case), "monitorings": [], "staff": False}


def monitoring_staff_panel(case, viewer):
    from laborbureau.relations.layoffs.models import LayoffEvent, LayoffMonitoring

    monitoring = LayoffMonitoring.objects.select_related("employer", "establishment", "plan__case").get(case=case)
    events = LayoffEvent.objects.filter(employer=monitoring.employer, day__gte=monitoring.window_start,
                                        day__lte=monitoring.crossing_date).select_related("establishment")
    if monitoring.establishment_id:
        events = events.filter(establishment_id=monitoring.establishment_id)
    fine = (
        fine_selectors.fines_readable_by(viewer).filter(number=monitoring.fine_number).first()
        if monitoring.fine_number else None
    )
    return "layoffs/monitoring_panel.html", {"monitoring": monitoring, "events": list(events), "fine": fine}
