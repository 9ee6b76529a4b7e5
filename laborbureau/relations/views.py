"""Pages of the labor-standards complaint: filing on the portal, recording by staff.
Thin: forms parse, relations.services.complaint_file decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from laborbureau.cases.models import Channel
from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import UserKind
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.relations import services
from laborbureau.relations.forms import ComplaintForm, StaffComplaintForm

# Service error fields -> form fields.
FIELD_MAP = {
    "employer.name": "employer_name",
    "employer.business_id": "business_id",
    "employer.district": "employer_district",
    "employer.address": "employer_address",
    "complainant.id_number": "complainant_id_number",
    "complainant.id_kind": "complainant_id_kind",
    "complainant.passport_country": "complainant_passport_country",
    "complainant.name": "complainant_name",
    "complainant.district": "complainant_address",
    "file": "attachments",
}


def _complaint_input(form, channel: str, complainant: PersonInput | None = None) -> services.ComplaintInput:
    data = form.cleaned_data
    return services.ComplaintInput(
        employer=EmployerInput(
            name=data["employer_name"],
            business_id=data.get("business_id") or "",
            address=data["employer_address"],
            district_code=data.get("employer_district") or "",
        ),
        categories=data["categories"],
        description=data["description"],
        still_employed=data["still_employed"],
        identity_disclosure_consent=data.get("identity_disclosure_consent") or False,
        channel=channel,
        complainant=complainant,
        attachments=[(upload.name, upload.read()) for upload in data.get("attachments") or []],
    )


@login_required
def portal_complaint_new(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    if request.user.person_id is None:
        messages.info(request, pick("請先完成身分資料。", "Please complete your identity details first."))
        return redirect("portal_register")
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_file(data=_complaint_input(form, Channel.PORTAL), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, FIELD_MAP)
        else:
            messages.success(
                request,
                pick(
                    f"已收到您的申訴，案號 {complaint.case.number}。",
                    f"Your complaint was received: case {complaint.case.number}.",
                ),
            )
            return redirect("portal_case", number=complaint.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "relations/complaint_form.html", {"form": form, "portal": True}, status=status)


@staff_required
def staff_complaint_new(request):
    form = StaffComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        complainant = PersonInput(
            id_number=data["complainant_id_number"],
            id_kind=data.get("complainant_id_kind") or "",
            passport_country=data.get("complainant_passport_country") or "",
            name=data["complainant_name"],
            phone=data.get("complainant_phone") or "",
            email=data.get("complainant_email") or "",
            address=data.get("complainant_address") or "",
        )
        try:
            complaint = services.complaint_file(
                data=_complaint_input(form, data["channel"], complainant), actor=request.user
            )
        except ApplicationError as error:
            add_application_error(form, error, FIELD_MAP)
            if error.status == 403:
                raise Http404 from None
        else:
            messages.success(request, pick(f"已立案 {complaint.case.number}。", f"Case {complaint.case.number} opened."))
            return redirect("staff_case", number=complaint.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "relations/complaint_form.html", {"form": form, "portal": False}, status=status)
