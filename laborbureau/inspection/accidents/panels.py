"""The accident and disease records on the generic case pages (staff and portal)."""


def accident_staff_panel(case, viewer):
    from laborbureau.inspection.accidents.models import Accident
    from laborbureau.inspection.accidents.selectors import chain_times, late_report_fine_range, with_alert_times

    accident = with_alert_times(Accident.objects.filter(case=case)).select_related(
        "employer", "district", "inspector", "acknowledged_by").get()
    return "accidents/panel.html", {"accident": accident, "times": chain_times(accident), "staff": True,
                                    "victims": list(accident.victims.all()),
                                    "fine_range": late_report_fine_range(accident)}


def accident_portal_panel(case, viewer):
    from laborbureau.inspection.accidents.models import Accident

    accident = Accident.objects.select_related("district").get(case=case)
    return "accidents/panel.html", {"accident": accident, "staff": False, "victims": list(accident.victims.all())}


def disease_panel(case, viewer):
    from laborbureau.inspection.accidents.models import DiseaseDetermination

    return "accidents/disease_panel.html", {"determination": DiseaseDetermination.objects.get(case=case)}
