"""The inspection records on the generic case pages (staff and portal)."""

from laborbureau.fines import selectors as fine_selectors


def _inspection(case):
    from laborbureau.inspection.inspections.models import Inspection

    return Inspection.objects.select_related("employer", "establishment", "inspector").get(case=case)


def _findings(inspection):
    return list(inspection.findings.prefetch_related("photos__attachment").order_by("item_code"))


def inspection_staff_panel(case, viewer):
    from laborbureau.inspection.inspections.models import CorrectiveNotice, StopWorkOrder

    inspection = _inspection(case)
    notice = CorrectiveNotice.objects.filter(inspection=inspection).select_related("reinspection__case").first()
    orders = list(StopWorkOrder.objects.filter(inspection=inspection).select_related("case"))
    fine = (fine_selectors.fines_readable_by(viewer).filter(number=inspection.fine_number).first()
            if inspection.fine_number else None)
    return "inspections/inspection_panel.html", {
        "inspection": inspection, "findings": _findings(inspection), "notice": notice, "orders": orders,
        "fine": fine, "staff": True,
    }


def inspection_portal_panel(case, viewer):
    from laborbureau.inspection.inspections.models import CorrectiveNotice, StopWorkOrder

    inspection = _inspection(case)
    done = inspection.status not in ("PLANNED", "IN_PROGRESS")
    return "inspections/inspection_panel.html", {
        "inspection": inspection, "findings": _findings(inspection) if done else [],
        "notice": CorrectiveNotice.objects.filter(inspection=inspection).first(),
        "orders": list(StopWorkOrder.objects.filter(inspection=inspection).select_related("case")),
        "fine": None, "staff": False,
    }


def _order(case):
    from laborbureau.inspection.inspections.models import StopWorkOrder

    return StopWorkOrder.objects.select_related("employer", "establishment", "inspection__case").get(case=case)


def stop_work_staff_panel(case, viewer):
    order = _order(case)
    return "inspections/stop_work_panel.html", {"order": order, "requests": list(order.resumptions.all()),
                                                "staff": True}


def stop_work_portal_panel(case, viewer):
    order = _order(case)
    return "inspections/stop_work_panel.html", {"order": order, "requests": list(order.resumptions.all()),
                                                "staff": False}
