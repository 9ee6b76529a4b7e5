"""Pages of the Labor Rights Fund: applying on the portal, the staff list, and the
milestone, payment and reimbursement forms of the staff case panel. Thin: forms
parse, fund.services decides; the workflow steps run on the generic case pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from laborbureau.cases import access as case_access
from laborbureau.cases.models import Case
from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import UserKind
from laborbureau.core.services import EmployerInput, access_log_record
from laborbureau.relations.fund import forms, selectors, services
from laborbureau.relations.fund.workflows import CASE_TYPE, WORKFLOW

FIELD_MAP = {"employer.name": "employer_name", "employer.business_id": "business_id", "requested": "court_fee",
             "requested.COURT_FEE": "court_fee", "requested.ATTORNEY_FEE": "attorney_fee",
             "requested.LIVING": "living_allowance", "requested.ENFORCEMENT_FEE": "enforcement_fee", "file": "attachments"}


@login_required
def portal_apply(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    if request.user.person_id is None:
        messages.info(request, pick("請先完成身分資料。", "Please complete your identity details first."))
        return redirect("portal_register")
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_file(actor=request.user, data=services.ApplicationInput(
                employer=EmployerInput(name=data["employer_name"], business_id=data.get("business_id") or ""),
                dispute_kind=data["dispute_kind"], stage=data["stage"], requested=form.requested(),
                living_months=data.get("living_months") or 0, mediation_reference=data.get("mediation_reference") or "",
                mediation_case_number=data.get("mediation_case_number") or "", court=data.get("court") or "",
                docket=data.get("docket") or "", claim_amount=data.get("claim_amount") or 0,
                annual_income=data.get("annual_income"), other_aid=data.get("other_aid") or False,
                attachments=[(f.name, f.read()) for f in data.get("attachments") or []],
            ))
        except ApplicationError as error:
            add_application_error(form, error, FIELD_MAP)
        else:
            messages.success(request, pick(f"已收到您的申請，案號 {application.case.number}。",
                                           f"Application received: case {application.case.number}."))
            return redirect("portal_case", number=application.case.number)
    return render(request, "fund/apply.html", {"form": form, "nav": "fund"},
                  status=422 if request.method == "POST" else 200)


@staff_required
def staff_list(request):
    rows = list(selectors.application_list(user=request.user, status=request.GET.get("status", "")[:40])[:200])
    for row in rows:
        state = WORKFLOW.state(row.case.status)
        row.status_label = pick(state.label_zh, state.label_en)
    if rows:
        access_log_record(user=request.user, action="search", object_type="fund_applications", object_id="list",
                          purpose="勞工權益基金申請清單", object_label=f"{len(rows)} applications")
    return render(request, "fund/staff_list.html", {"rows": rows, "nav": "fund"})


def _case_for(request, number: str):
    case = Case.objects.filter(number=number[:20], case_type=CASE_TYPE).first()
    if case is None or not case_access.can_read_case(request.user, case):
        raise Http404
    return case, case.fund_application


def _post(request, number: str, form_class, prefix: str, call, done_zh: str, done_en: str):
    case, application = _case_for(request, number)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            call(application, form.cleaned_data)
        except ApplicationError as error:
            if error.status == 403:
                raise Http404 from None
            messages.error(request, error.message)
        else:
            messages.success(request, pick(done_zh, done_en))
    else:
        errors = "; ".join(f"{form.fields[name].label}: {' '.join(map(str, errs))}" if name in form.fields
                           else " ".join(map(str, errs)) for name, errs in form.errors.items())
        messages.error(request, errors)
    return redirect("staff_case", number=case.number)


@staff_required
@require_POST
def staff_milestone(request, number: str):
    return _post(request, number, forms.MilestoneForm, "milestone", lambda application, data: services.milestone_record(
        application=application, actor=request.user, stage=data["stage"], kind=data["kind"], on=data["on"],
        court=data["court"], docket=data["docket"], outcome=data["outcome"], note=data["note"],
    ), "已登錄訴訟進度。", "Milestone recorded.")


@staff_required
@require_POST
def staff_payment(request, number: str):
    return _post(request, number, forms.PaymentForm, "payment", lambda application, data: services.payment_record(
        application=application, actor=request.user, item=data["item"], amount=data["amount"],
        paid_on=data["paid_on"], reference=data["reference"],
    ), "已登錄撥付。", "Payment recorded.")


@staff_required
@require_POST
def staff_reimbursement(request, number: str):
    return _post(request, number, forms.ReimbursementForm, "reimbursement",
                 lambda application, data: services.reimbursement_record(
                     application=application, actor=request.user, amount=data["amount"],
                     received_on=data["received_on"], reference=data["reference"]),
                 "已登錄返還。", "Reimbursement recorded.")
