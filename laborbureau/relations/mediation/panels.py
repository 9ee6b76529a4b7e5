"""The dispute's own record on the generic case pages (staff and portal)."""

from django.utils import timezone

from laborbureau.cases import access as case_access
from laborbureau.core.models import Role


def _dispute(case):
    from laborbureau.relations.mediation.models import Dispute

    return (
        Dispute.objects.select_related("employer", "mediator", "workplace_district", "employer__industry")
        .prefetch_related("claims", "workers__person")
        .get(case=case)
    )


def _context(case, dispute):
    from laborbureau.relations.mediation import services

    meetings = list(dispute.meetings.select_related("room", "mediator").order_by("sequence"))
    deadline = services.meeting_deadline(dispute) if not case.is_closed else None
    today = timezone.localdate()
    return {
        "case": case,
        "dispute": dispute,
        "claims": list(dispute.claims.all()),
        "meetings": meetings,
        "next_meeting": next((m for m in meetings if m.status == "SCHEDULED"), None),
        "deadline": deadline,
        "deadline_passed": deadline is not None and deadline.due < today and case.status != "MEETING_SCHEDULED",
        "deadline_near": deadline is not None and 0 <= (deadline.due - today).days <= 2,
    }


def staff_panel(case, viewer):
    from laborbureau.relations.mediation import services

    dispute = _dispute(case)
    context = _context(case, dispute)
    may_act = case_access.can_act_on_case(viewer, case) and (
        viewer.role != Role.MEDIATOR or dispute.mediator_id == viewer.pk
    )
    context["may_schedule"] = may_act and case.status in ("MEDIATOR_ASSIGNED", "COMMITTEE_FORMING", "AWAITING_NEXT_MEETING")
    context["may_record"] = may_act and case.status == "MEETING_SCHEDULED"
    context["roster"] = services.roster_for(dispute)[:5] if case.status == "SUBMITTED" else []
    return "mediation/dispute_panel.html", context


def portal_panel(case, viewer):
    dispute = _dispute(case)
    return "mediation/dispute_portal_panel.html", _context(case, dispute)
