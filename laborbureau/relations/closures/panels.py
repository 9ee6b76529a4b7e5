"""The closure determination on the generic case pages (staff and portal)."""


def _record(case):
    from laborbureau.relations.closures.models import ClosureDetermination

    return ClosureDetermination.objects.select_related("employer", "establishment").get(case=case)


def staff_panel(case, viewer):
    record = _record(case)
    return "closures/panel.html", {
        "record": record, "applicants": list(record.applicants.select_related("person")),
        "evidence": list(record.evidence.all()), "staff": True,
    }


def portal_panel(case, viewer):
    record = _record(case)
    return "closures/panel.html", {"record": record, "applicants": [], "evidence": [], "staff": False}
