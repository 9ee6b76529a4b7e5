"""Pages of the fines ledger: the public open data (勞動基準法第80條之1), the staff
list / detail / issue pages and the employer's own list. Thin: parse, check, call one
service or selector, render."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from laborbureau.cases.access import cases_readable_by
from laborbureau.core import access
from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError, NotFound
from laborbureau.core.i18n import pick
from laborbureau.core.models import Employer, Unit, UserKind
from laborbureau.core.services import access_log_record
from laborbureau.fines import forms, selectors, services
from laborbureau.fines.models import FineEntry, FineStatus

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _apply_error(form, error: ApplicationError, field_map: dict | None = None) -> None:
    """Put a service's refusal on the form field it names (else on the form)."""
    field = (field_map or {}).get(error.field, error.field)
    form.add_error(field if field in form.fields else None, error.message)


# --- open data --------------------------------------------------------------------


def _open_data_query(request):
    today = timezone.localdate()
    form = forms.OpenDataFilterForm(
        request.GET or None, laws=selectors.open_data_laws(today), years=selectors.open_data_years(today)
    )
    law_code, year = "", None
    if form.is_bound and form.is_valid():
        law_code, year = form.cleaned_data["law"], form.cleaned_data["year"]
    return form, selectors.open_data_list(law_code=law_code, year=year, today=today)


@require_GET
def open_data(request):
    form, queryset = _open_data_query(request)
    page = _page(request, queryset)
    rows = selectors.open_data_rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "fines/open_data.html",
        {"form": form, "page": page, "rows": rows, "columns": selectors.OPEN_DATA_COLUMNS,
         "query": query.urlencode()},
    )


@require_GET
def open_data_csv(request):
    _, queryset = _open_data_query(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="taipei-labor-fines.csv"'
    response.write("\ufeff")  # BOM: Excel opens UTF-8 as such
    writer = csv.writer(response)
    writer.writerow([zh for _, zh, _ in selectors.OPEN_DATA_COLUMNS])
    for row in selectors.open_data_rows(queryset):
        writer.writerow([row.number, row.employer_name, row.business_id, row.representative,
                         row.decided_on.isoformat(), row.law, row.legal_basis, row.amount])
    return response


@require_GET
def open_data_json(request):
    _, queryset = _open_data_query(request)
    rows = [row.__dict__ for row in selectors.open_data_rows(queryset)]
    body = {
        "title": "臺北市政府勞動局 違法事業單位公布（勞動基準法第80條之1）",
        "title_en": "Department of Labor, Taipei City: employers fined (Labor Standards Act, art. 80-1)",
        "fields": [{"key": key, "zh": zh, "en": en} for key, zh, en in selectors.OPEN_DATA_COLUMNS],
        "count": len(rows),
        "results": rows,
    }
    return HttpResponse(json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False),
                        content_type="application/json; charset=utf-8")


# --- staff pages ------------------------------------------------------------------


@staff_required
def staff_list(request):
    form = forms.StaffFilterForm(request.GET or None)
    status, q = "", ""
    if form.is_bound and form.is_valid():
        status, q = form.cleaned_data["status"], form.cleaned_data["q"]
    queryset = selectors.fine_list(user=request.user, status=status, q=q)
    page = _page(request, queryset)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "fines/staff_list.html", {
        "form": form, "page": page, "today": timezone.localdate(), "query": query.urlencode(), "nav": "fines",
    })


_ACTIONS = {
    # action: (form class, service call)
    "serve": forms.ServiceForm,
    "payment": forms.PaymentForm,
    "reverse": forms.ReverseForm,
    "reminder": forms.NoteForm,
    "refer": forms.NoteForm,
    "appeal_file": forms.RemedyFileForm,
    "appeal_answer": forms.AppealAnswerForm,
    "appeal_decide": forms.RemedyDecideForm,
    "litigation_file": forms.RemedyFileForm,
    "litigation_decide": forms.RemedyDecideForm,
    "cancel": forms.ReasonForm,
}


_ACTION_LABELS = {
    "serve": ("登錄送達", "Record service"),
    "payment": ("登錄繳款", "Record a payment"),
    "reminder": ("寄發催繳通知", "Send a reminder"),
    "refer": ("移送行政執行", "Refer for enforcement"),
    "appeal_file": ("登錄提起訴願", "Record an appeal"),
    "appeal_answer": ("登錄訴願答辯", "Record the answer to the appeal"),
    "appeal_decide": ("登錄訴願決定", "Record the appeal decision"),
    "litigation_file": ("登錄提起行政訴訟", "Record a suit"),
    "litigation_decide": ("登錄判決確定", "Record the final judgment"),
    "cancel": ("撤銷原處分", "Cancel the decision"),
}


def _perform(action: str, fine, data: dict, user):
    if action == "serve":
        services.fine_service_record(fine=fine, served_on=data["served_on"], actor=user, reason=data["reason"])
    elif action == "payment":
        services.fine_payment_record(fine=fine, amount=data["amount"], paid_on=data["paid_on"],
                                     reference=data["reference"], actor=user)
    elif action == "reverse":
        entry = FineEntry.objects.filter(fine=fine, pk=data["entry"]).first()
        if entry is None:
            raise NotFound("繳款紀錄", "payment entry")
        services.fine_payment_reverse(entry=entry, reason=data["reason"], actor=user)
    elif action == "reminder":
        services.fine_reminder_send(fine=fine, actor=user)
    elif action == "refer":
        services.fine_refer_to_enforcement(fine=fine, actor=user, note=data["note"])
    elif action in ("appeal_file", "litigation_file"):
        call = services.fine_appeal_file if action == "appeal_file" else services.fine_litigation_file
        call(fine=fine, filed_on=data["filed_on"], actor=user, collection_suspended=data["collection_suspended"],
             reference=data["reference"])
    elif action == "appeal_answer":
        services.fine_appeal_answer(fine=fine, answered_on=data["answered_on"], actor=user, reference=data["reference"])
    elif action in ("appeal_decide", "litigation_decide"):
        call = services.fine_appeal_decide if action == "appeal_decide" else services.fine_litigation_decide
        call(fine=fine, outcome=data["outcome"], decided_on=data["decided_on"], actor=user,
             new_amount=data["new_amount"], reference=data["reference"])
    elif action == "cancel":
        services.fine_cancel(fine=fine, reason=data["reason"], actor=user)


@staff_required
def staff_detail(request, pk: int):
    try:
        fine = selectors.fine_get(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    writable = selectors.can_write(request.user, fine)
    bound_action, bound_form, status = None, None, 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in _ACTIONS:
            return HttpResponse(pick("不明的操作。", "Unknown action."), status=400)
        if not writable:
            return _forbidden()
        form = _ACTIONS[action](request.POST, prefix=action)
        if form.is_valid():
            try:
                _perform(action, fine, form.cleaned_data, request.user)
            except ApplicationError as error:
                _apply_error(form, error, {"filed_on": "filed_on", "answered_on": "answered_on", "entry": None})
            else:
                messages.success(request, pick("已登錄。", "Recorded."))
                return redirect("fine_detail", pk=fine.pk)
        bound_action, bound_form, status = action, form, 400
    else:
        access_log_record(user=request.user, action="view", object_type="fine", object_id=fine.pk,
                          purpose="罰鍰管理 fines ledger", object_label=fine.number)
    action_forms = []
    if writable:
        for action, form_class in _ACTIONS.items():
            if action == "reverse":
                continue
            form = bound_form if action == bound_action else form_class(prefix=action)
            action_forms.append((action, pick(*_ACTION_LABELS[action]), form))
    entries = list(selectors.fine_entries(fine))
    state = services.ledger.derive(entries, fine.served_on)
    return render(request, "fines/staff_detail.html", {
        "fine": fine, "entries": entries, "state": state, "writable": writable, "forms": action_forms,
        "appeal_answer_due": selectors.appeal_answer_due(fine), "today": timezone.localdate(),
        "bound_action": bound_action, "overdue": selectors.is_overdue(fine), "nav": "fines",
        "reverse_error": bound_form if bound_action == "reverse" else None,
        "caution": selectors.range_caution(fine.law_code, fine.article, fine.violation_date),
    }, status=status)


def _forbidden():
    return HttpResponse(pick("您只能檢視此罰鍰，不能變更。", "You may view this fine but not change it."), status=403)


@staff_required
def staff_issue(request, employer_id: int):
    if access.is_read_only(request.user) or access.actable_unit_ids(request.user) == set():
        return _forbidden()
    employer = get_object_or_404(Employer, pk=employer_id, merged_into__isnull=True)
    units = _actable_units(request.user)
    form = forms.FineIssueForm(request.POST or None, articles_on=timezone.localdate(), units=units)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                fine = _issue(request.user, employer, units, form)
            except ApplicationError as error:
                _apply_error(form, error, {"law_code": "article", "employer": None, "case": "case_number"})
            else:
                messages.success(request, pick(f"已開立罰鍰 {fine.number}。", f"Fine {fine.number} issued."))
                if caution := selectors.range_caution(fine.law_code, fine.article, fine.violation_date):
                    messages.warning(request, pick(caution.caution_zh, caution.caution_en))
                return redirect("fine_detail", pk=fine.pk)
        status = 400
    return render(request, "fines/staff_issue.html", {
        "form": form, "employer": employer, "nav": "fines", "cautions": selectors.range_cautions(timezone.localdate()),
    }, status=status)


def _actable_units(user):
    units = access.actable_unit_ids(user)
    queryset = Unit.objects.all() if units == access.ALL_UNITS else Unit.objects.filter(pk__in=units)
    return list(queryset.order_by("code"))


def _issue(user, employer, units, form):
    data = form.cleaned_data
    unit = next(unit for unit in units if unit.code == data["unit"])
    case = None
    if data["case_number"]:
        case = cases_readable_by(user).filter(number=data["case_number"].strip()).first()
        if case is None:
            raise ApplicationError("找不到此案件編號。", "No case with this number.", field="case_number")
    law_code, article = form.law_and_article()
    return services.fine_issue(
        employer=employer, unit=unit, law_code=law_code, article=article,
        violation_date=data["violation_date"], amount=data["amount"], decided_on=data["decided_on"],
        actor=user, case=case, due_days=data["due_days"], served_on=data["served_on"],
    )


# --- the employer's own fines -----------------------------------------------------


def my_fines(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.kind != UserKind.EMPLOYER:
        raise Http404
    fines = list(selectors.employer_fines(request.user))
    open_statuses = {FineStatus.UNSERVED, FineStatus.UNPAID, FineStatus.REFERRED}
    total = sum(fine.balance for fine in fines if fine.status in open_statuses)
    return render(request, "fines/mine.html", {"fines": fines, "total_balance": total, "today": timezone.localdate()})
