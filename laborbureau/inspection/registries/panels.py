"""The registration record on the generic case pages (staff and portal)."""


def registration_staff_panel(case, viewer):
    from laborbureau.core.services import access_log_record
    from laborbureau.inspection.registries.models import Registration, RegistryKind

    registration = Registration.objects.select_related("employer", "district").get(case=case)
    if registration.kind == RegistryKind.SAFETY_PERSONNEL:
        access_log_record(user=viewer, action="view", object_type="osh_registration", object_id=case.pk,
                          purpose="登錄審查 Registration review", object_label=case.number)
    return "registries/panel.html", {"registration": registration, "audits": list(registration.audits.all()),
                                     "staff": True}


def registration_portal_panel(case, viewer):
    from laborbureau.inspection.registries.models import Registration

    registration = Registration.objects.select_related("employer", "district").get(case=case)
    return "registries/panel.html", {"registration": registration, "audits": [], "staff": False}
