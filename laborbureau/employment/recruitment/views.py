"""Pages of domestic recruitment, separation-certificate help and worker transfers. The
case itself shows on the generic case pages (with this app's panels); these views
are the lists, the filing forms and the panels' small forms. Thin: forms parse,
services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from laborbureau.cases import workflows
from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import DateField, add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import UserKind
from laborbureau.core.services import access_log_record
from laborbureau.employment import services as employment_services
from laborbureau.employment.models import Referral
from laborbureau.employment.recruitment import selectors, services
from laborbureau.employment.recruitment.forms import (
    RecruitmentForm,
    SeparationForm,
    StaffRecruitmentForm,
    StaffSeparationForm,
    TransferForm,
)
from laborbureau.employment.recruitment.models import RecruitmentReferralOutcome

LIST_LIMIT = 200
FIELD_MAP = {
    "vacancy.title": "title", "vacancy.description": "description", "vacancy.occupation": "occupation",
    "vacancy.district": "district", "vacancy.address": "address", "vacancy.pay_min": "pay_min",
    "vacancy.pay_max": "pay_max", "vacancy.openings": "openings", "vacancy.closing_date": "closing_date",
    "vacancy.hours_note": "hours_note", "vacancy.requirements": "requirements",
    "vacancy.employer.name": "employer_name", "vacancy.employer.business_id": "business_id",
    "vacancy.employer.phone": "employer_phone", "employer": "work_category",
    "employer.name": "employer_name", "employer.business_id": "employer_business_id",
    "worker.id_number": "worker_id_number", "worker.name": "worker_name", "worker.passport_country":
    "worker_passport_country", "worker.id_kind": "worker_id_number", "original_employer.name": "employer_name",
    "original_employer.business_id": "employer_business_id",
}


def _fail(form, error: ApplicationError):
    if error.status in (403, 404):
        raise Http404 from None
    add_application_error(form, error, FIELD_MAP)


def _with_states(rows: list) -> list:
    """Each row's case state (labels for the list), from the workflow table: no query."""
    for row in rows:
        row.state = workflows.get(row.case.case_type).state(row.case.status)
    return rows


def _case_page(request, number: str):
    return redirect("staff_case" if request.user.kind == UserKind.STAFF else "portal_case", number=number)


# --- domestic recruitment ------------------------------------------------------------------


@login_required
def portal_recruitments(request):
    if request.user.kind != UserKind.EMPLOYER:
        raise Http404
    rows = _with_states(list(selectors.recruitments_readable_by(request.user)[:LIST_LIMIT]))
    return render(request, "recruitment/portal_recruitments.html", {"rows": rows, "nav": "mine"})


@login_required
def portal_recruitment_new(request):
    if request.user.kind != UserKind.EMPLOYER or request.user.employer_id is None:
        raise Http404
    form = RecruitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recruitment = services.domestic_recruitment_register(
                data=form.recruitment_input(form.vacancy_input()), actor=request.user)
        except ApplicationError as error:
            _fail(form, error)
        else:
            messages.success(request, pick(f"已辦理求才登記，案號 {recruitment.case.number}。",
                                           f"Registered as {recruitment.case.number}."))
            return redirect("portal_case", number=recruitment.case.number)
    return render(request, "recruitment/form.html", {
        "form": form, "portal": True, "title_zh": "辦理國內招募（求才登記）", "title_en": "Register for domestic recruitment",
    }, status=422 if request.method == "POST" else 200)


@staff_required
def staff_recruitments(request):
    if not employment_services.can_read(request.user):
        raise Http404
    rows = _with_states(list(selectors.recruitments_readable_by(request.user)[:LIST_LIMIT]))
    return render(request, "recruitment/staff_recruitments.html", {"rows": rows})


@staff_required
def staff_recruitment_new(request):
    if not employment_services.can_serve(request.user):
        raise Http404
    form = StaffRecruitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recruitment = services.domestic_recruitment_register(
                data=form.recruitment_input(form.vacancy_input(employer=form.employer_input())), actor=request.user)
        except ApplicationError as error:
            _fail(form, error)
        else:
            messages.success(request, pick(f"已登錄，案號 {recruitment.case.number}。",
                                           f"Registered as {recruitment.case.number}."))
            return redirect("staff_case", number=recruitment.case.number)
    return render(request, "recruitment/form.html", {
        "form": form, "portal": False, "title_zh": "登錄國內招募（臨櫃求才登記）",
        "title_en": "Record a domestic recruitment (counter)",
    }, status=422 if request.method == "POST" else 200)


@login_required
@require_POST
def recruitment_outcome(request, number: str, referral_pk: int):
    recruitment = selectors.recruitment_get(request.user, number)
    referral = Referral.objects.filter(pk=referral_pk).first()
    if recruitment is None or referral is None:
        raise Http404
    try:
        services.referral_outcome_record(
            recruitment=recruitment, referral=referral, decision=request.POST.get("decision", ""),
            reason=request.POST.get("reason", ""), detail=request.POST.get("detail", ""), actor=request.user,
        )
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, pick(error.message_zh, error.message_en))
    else:
        messages.success(request, pick("已登錄推介結果。", "Outcome recorded."))
    return _case_page(request, number)


@staff_required
@require_POST
def recruitment_judge(request, number: str, outcome_pk: int):
    recruitment = selectors.recruitment_get(request.user, number)
    outcome = (RecruitmentReferralOutcome.objects.filter(pk=outcome_pk, recruitment=recruitment)
               .select_related("recruitment__case").first() if recruitment else None)
    if outcome is None:
        raise Http404
    try:
        services.referral_outcome_judge(outcome=outcome, lawful=request.POST.get("lawful") == "1",
                                        note=request.POST.get("note", ""), actor=request.user)
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, pick(error.message_zh, error.message_en))
    else:
        messages.success(request, pick("已認定。", "Judged."))
    return redirect("staff_case", number=number)


# --- separation certificates ---------------------------------------------------------------


@login_required
def portal_separation_new(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    form = SeparationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            separation = services.separation_request_file(data=form.separation_input(), actor=request.user)
        except ApplicationError as error:
            _fail(form, error)
        else:
            messages.success(request, pick(f"已收件，案號 {separation.case.number}。", f"Received as {separation.case.number}."))
            return redirect("portal_case", number=separation.case.number)
    return render(request, "recruitment/form.html", {
        "form": form, "portal": True, "title_zh": "申請協助開立離職證明", "title_en": "Ask for help with a separation certificate",
        "intro_zh": "勞動契約終止時，勞工請求發給服務證明書，雇主不得拒絕（勞動基準法第19條）。雇主拒絕開立時，本處協助聯繫雇主，必要時協助開立離職證明，供辦理失業給付使用。",
        "intro_en": "An employer must issue a service certificate on request (LSA Art. 19). If yours refuses, we contact them and, if needed, issue a certificate for your unemployment claim.",
    }, status=422 if request.method == "POST" else 200)


@staff_required
def staff_separations(request):
    if not employment_services.can_read(request.user):
        raise Http404
    rows = _with_states(list(selectors.separations_readable_by(request.user)[:LIST_LIMIT]))
    if rows:
        access_log_record(user=request.user, action="list", object_type="separation_requests", object_id="list",
                          purpose="協助開立離職證明（清單）", object_label=f"{len(rows)} requests")
    return render(request, "recruitment/staff_separations.html", {"rows": rows})


@staff_required
def staff_separation_new(request):
    if not employment_services.can_serve(request.user):
        raise Http404
    form = StaffSeparationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            separation = services.separation_request_file(
                data=form.separation_input(worker=form.worker_input(), channel=form.cleaned_data["channel"]),
                actor=request.user)
        except ApplicationError as error:
            _fail(form, error)
        else:
            messages.success(request, pick(f"已收件，案號 {separation.case.number}。", f"Received as {separation.case.number}."))
            return redirect("staff_case", number=separation.case.number)
    return render(request, "recruitment/form.html", {
        "form": form, "portal": False, "title_zh": "受理協助開立離職證明", "title_en": "Record a separation-certificate request",
    }, status=422 if request.method == "POST" else 200)


@staff_required
@require_POST
def separation_contact(request, number: str):
    separation = selectors.separation_get(request.user, number)
    if separation is None:
        raise Http404
    try:
        day = DateField().clean(request.POST.get("contacted_on", ""))
    except ValidationError:
        messages.error(request, pick("聯繫日期格式不正確。", "The contact day is not a valid date."))
        return redirect("staff_case", number=number)
    try:
        services.employer_contact_record(request=separation, contacted_on=day, method=request.POST.get("method", ""),
                                         result=request.POST.get("result", ""), note=request.POST.get("note", ""),
                                         actor=request.user)
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, pick(error.message_zh, error.message_en))
    else:
        messages.success(request, pick("已登錄聯繫紀錄。", "Contact recorded."))
    return redirect("staff_case", number=number)


# --- transfers -------------------------------------------------------------------------------


@staff_required
def staff_transfers(request):
    if not employment_services.can_read(request.user):
        raise Http404
    rows = _with_states(list(selectors.transfers_readable_by(request.user)[:LIST_LIMIT]))
    if rows:
        access_log_record(user=request.user, action="list", object_type="worker_transfers", object_id="list",
                          purpose="外國人轉換雇主（清單）", object_label=f"{len(rows)} transfers")
    return render(request, "recruitment/staff_transfers.html", {"rows": rows})


@staff_required
def staff_transfer_new(request):
    if not employment_services.can_serve(request.user):
        raise Http404
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.worker_transfer_open(data=form.transfer_input(), actor=request.user)
        except ApplicationError as error:
            _fail(form, error)
        else:
            messages.success(request, pick(f"已立案，案號 {transfer.case.number}。", f"Opened as {transfer.case.number}."))
            return redirect("staff_case", number=transfer.case.number)
    return render(request, "recruitment/form.html", {
        "form": form, "portal": False, "title_zh": "登錄外國人轉換雇主", "title_en": "Record a foreign worker's transfer",
    }, status=422 if request.method == "POST" else 200)


@staff_required
@require_POST
def transfer_register(request, number: str):
    transfer = selectors.transfer_get(request.user, number)
    if transfer is None:
        raise Http404
    try:
        day = DateField().clean(request.POST.get("registered_on", ""))
        services.worker_transfer_register(transfer=transfer, registered_on=day, actor=request.user)
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, pick(error.message_zh, error.message_en))
    except ValidationError:
        messages.error(request, pick("登記日期格式不正確。", "The registration day is not a valid date."))
    else:
        messages.success(request, pick("已辦理轉換登記。", "Registered for transfer."))
    return redirect("staff_case", number=number)


@staff_required
@require_POST
def transfer_extend(request, number: str):
    transfer = selectors.transfer_get(request.user, number)
    if transfer is None:
        raise Http404
    try:
        services.worker_transfer_extend(transfer=transfer, reason=request.POST.get("reason", ""), actor=request.user)
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, pick(error.message_zh, error.message_en))
    else:
        messages.success(request, pick("已延長轉換期間。", "Transfer period extended."))
    return redirect("staff_case", number=number)

