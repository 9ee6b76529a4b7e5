"""Pages of closure determinations: a worker's applications and the form on the portal,
an officer's recording. Thin: forms parse, closures.services decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from laborbureau.cases.access import cases_readable_by
from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import UserKind
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.relations.closures import services
from laborbureau.relations.closures.forms import ApplyForm, StaffApplyForm
from laborbureau.relations.closures.models import ClosureDetermination

FIELD_MAP = {
    "employer.name": "employer_name", "employer.business_id": "business_id", "employer.address": "employer_address",
    "applicant.id_number": "applicant_id_number", "applicant.id_kind": "applicant_id_kind",
    "applicant.name": "applicant_name", "file": "attachments",
}


def _input(form, *, applicant=None, channel="portal") -> services.ClosureApplyInput:
    data = form.cleaned_data
    return services.ClosureApplyInput(
        employer=EmployerInput(name=data["employer_name"], business_id=data.get("business_id") or "",
                               address=data.get("employer_address") or ""),
        statement=data["statement"], still_owed=data.get("still_owed") or False,
        claimed_since=data.get("claimed_since"), establishment_name=data.get("establishment_name") or "",
        mediation_reference=data.get("mediation_reference") or "", applicant=applicant, channel=channel,
        attachments=[(upload.name, upload.read()) for upload in data.get("attachments") or []],
    )


def _announce(request, record, joined: bool) -> None:
    if joined:
        messages.success(request, pick(
            f"同一事業單位已有處理中的認定案，您已加入 {record.case.number}。",
            f"This employer already has an open case; you joined {record.case.number}.",
        ))
    else:
        messages.success(request, pick(f"已收件，案號 {record.case.number}。", f"Received: case {record.case.number}."))


@login_required
def portal_applications(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    records = (ClosureDetermination.objects.filter(case__in=cases_readable_by(request.user))
               .select_related("case", "employer").order_by("-case__opened_at")[:200])
    return render(request, "closures/portal_list.html", {"records": records, "nav": "mine"})


@login_required
def portal_apply(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    if request.user.person_id is None:
        messages.info(request, pick("請先完成身分資料。", "Please complete your identity details first."))
        return redirect("portal_register")
    form = ApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record, joined = services.closure_apply(data=_input(form), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, FIELD_MAP)
        else:
            _announce(request, record, joined)
            return redirect("portal_case", number=record.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "closures/apply_form.html", {"form": form, "portal": True}, status=status)


@staff_required
def staff_apply(request):
    form = StaffApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        applicant = PersonInput(id_number=data["applicant_id_number"], id_kind=data.get("applicant_id_kind") or "",
                                name=data["applicant_name"], phone=data.get("applicant_phone") or "",
                                email=data.get("applicant_email") or "")
        try:
            record, joined = services.closure_apply(data=_input(form, applicant=applicant, channel=data["channel"]),
                                                    actor=request.user)
        except ApplicationError as error:
            if error.status == 403:
                raise Http404 from None
            add_application_error(form, error, FIELD_MAP)
        else:
            _announce(request, record, joined)
            return redirect("staff_case", number=record.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "closures/apply_form.html", {"form": form, "portal": False}, status=status)
