"""The program's records on the generic case pages (staff /staff/cases/<n>/ and portal
/portal/cases/<n>/). Each returns (template, context); the forms in them post to this
app's views."""

from django.utils import timezone

from laborbureau.rules.foreign_worker_recruitment import REFUSAL_REASONS


def _recruitment(case):
    from laborbureau.employment.recruitment.models import DomesticRecruitment

    return DomesticRecruitment.objects.select_related("employer", "vacancy", "vacancy__occupation").get(case=case)


def _recruitment_context(case, viewer, staff: bool) -> dict:
    from laborbureau.employment.recruitment import selectors
    from laborbureau.employment.recruitment.models import RefusalReasonCode

    recruitment = _recruitment(case)
    assessment = selectors.recruitment_assess(recruitment, timezone.localdate())
    return {
        "recruitment": recruitment, "assessment": assessment, "staff": staff, "open": case.status == "RECRUITING",
        "reasons": [(code, label, REFUSAL_REASONS[code].presumed_lawful) for code, label in RefusalReasonCode.choices],
    }


def recruitment_staff_panel(case, viewer):
    return "recruitment/recruitment_panel.html", _recruitment_context(case, viewer, True)


def recruitment_portal_panel(case, viewer):
    return "recruitment/recruitment_panel.html", _recruitment_context(case, viewer, False)


def _separation_context(case, staff: bool) -> dict:
    from laborbureau.employment.recruitment.models import ContactMethod, ContactResult, SeparationCertificateRequest

    request = SeparationCertificateRequest.objects.select_related("worker", "employer").get(case=case)
    return {
        "request": request, "contacts": list(request.contacts.select_related("officer")), "staff": staff,
        "contacting": case.status == "CONTACTING", "methods": ContactMethod.choices, "results": ContactResult.choices,
        "today": timezone.localdate(),
    }


def separation_staff_panel(case, viewer):
    return "recruitment/separation_panel.html", _separation_context(case, True)


def separation_portal_panel(case, viewer):
    return "recruitment/separation_panel.html", _separation_context(case, False)


def _transfer_context(case, staff: bool) -> dict:
    from laborbureau.employment.recruitment.models import WorkerTransfer
    from laborbureau.rules.foreign_worker_recruitment import transfer_period

    transfer = WorkerTransfer.objects.select_related("worker", "original_employer", "new_employer").get(case=case)
    period = transfer_period(served_on=transfer.permit_served_on, registered_on=transfer.registered_on,
                             extended=transfer.extended)
    return {"transfer": transfer, "period": period, "staff": staff, "status": case.status,
            "today": timezone.localdate()}


def transfer_staff_panel(case, viewer):
    return "recruitment/transfer_panel.html", _transfer_context(case, True)


def transfer_portal_panel(case, viewer):
    return "recruitment/transfer_panel.html", _transfer_context(case, False)
