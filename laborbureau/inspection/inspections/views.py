"""Pages of the labor inspections: the inspector's worklist, the yearly plan, opening an
inspection, the phone field form (offline-safe: drafts in the browser, idempotent sync),
the stop-work order, the review of a resumption request; on the portal, the employer's
stop-work orders and the resumption application. Thin: forms parse, services decide."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import Establishment, Role, User, UserKind
from laborbureau.core.services import access_log_record
from laborbureau.inspection.inspections import selectors, services, workflows
from laborbureau.inspection.inspections.forms import (
    InspectionForm,
    PlanForm,
    ReassignForm,
    ResumptionForm,
    ReviewForm,
    StopWorkForm,
)
from laborbureau.inspection.inspections.models import FindingResult

SYNC_MAX_BYTES = 8 * 1024 * 1024


def _lio_staff(user) -> bool:
    return user.role == Role.DIRECTOR or (user.unit_id is not None and user.unit.code == workflows.UNIT)


def _inspection_or_404(request, number: str):
    inspection = selectors.inspection_get(request.user, number)
    if inspection is None:
        raise Http404
    return inspection


@staff_required
def staff_worklist(request):
    """The inspector's own open inspections, the soonest first (a phone-sized list)."""
    if not _lio_staff(request.user):
        raise Http404
    rows = selectors.worklist(request.user)
    return render(request, "inspections/worklist.html", {"rows": rows, "nav": "programs",
                                                         "year": timezone.localdate().year})


@staff_required
def staff_inspection_new(request):
    if not _lio_staff(request.user):
        raise Http404
    form = InspectionForm(request.POST or None, inspectors=selectors.inspectors(request.user))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                site = Establishment.objects.select_related("employer").filter(pk=data["establishment_id"]).first()
                if site is None:
                    raise ApplicationError("找不到此廠場。", "No such establishment.", field="establishment_id")
                inspector = User.objects.filter(pk=data["inspector"]).select_related("unit").first() if data["inspector"] else None
                inspection = services.inspection_open(
                    establishment=site, inspection_type=data["inspection_type"], origin=data["origin"],
                    actor=request.user, inspector=inspector, scheduled_for=data.get("scheduled_for"),
                    campaign=data.get("campaign") or "", complaint_number=data.get("complaint_number") or "",
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error, {"inspector_id": "inspector"})
            else:
                messages.success(request, pick(f"已排定檢查 {inspection.case.number}。", f"Scheduled {inspection.case.number}."))
                return redirect("staff_case", number=inspection.case.number)
    return render(request, "inspections/inspection_form.html", {"form": form, "nav": "programs"}, status=status)


@staff_required
def staff_plan(request, year: int | None = None):
    """The yearly plan: entries by risk with their reasons, the inspectors' workloads; the
    chief adds establishments and reassigns entries."""
    user = request.user
    if not _lio_staff(user):
        raise Http404
    year = year or timezone.localdate().year
    inspectors = selectors.inspectors(user)
    is_chief = user.role in (Role.SECTION_CHIEF, Role.DIRECTOR)
    plan_form = PlanForm(request.POST if request.POST.get("action") == "generate" else None)
    status = 200
    if request.method == "POST":
        if not is_chief:
            raise Http404
        status = 422
        try:
            if request.POST.get("action") == "generate" and plan_form.is_valid():
                result = services.plan_generate(year=year, count=plan_form.cleaned_data["count"], actor=user)
                messages.success(request, pick(f"已排入{len(result.created)}家。", f"Added {len(result.created)} establishments."))
                return redirect("inspection_plan_year", year=year)
            if request.POST.get("action") == "reassign":
                form = ReassignForm(request.POST, inspectors=inspectors)
                if form.is_valid():
                    inspection = _inspection_or_404(request, form.cleaned_data["inspection"])
                    target = next(u for u in inspectors if u.pk == form.cleaned_data["inspector"])
                    services.plan_entry_reassign(inspection=inspection, inspector=target, actor=user)
                    messages.success(request, pick("已改派。", "Reassigned."))
                    return redirect("inspection_plan_year", year=year)
                messages.error(request, pick("請選擇檢查員。", "Choose an inspector."))
        except ApplicationError as error:
            if error.field in plan_form.fields:
                add_application_error(plan_form, error)
            else:
                messages.error(request, error.message)
    rows = selectors.plan_rows(user, year)
    workloads = selectors.plan_workloads(year, [u.pk for u in inspectors])
    loads = [{"user": u, "count": workloads.get(u.pk, 0)} for u in inspectors]
    return render(request, "inspections/plan.html", {
        "rows": rows, "year": year, "loads": loads, "plan_form": plan_form if is_chief else None,
        "inspectors": inspectors, "is_chief": is_chief, "nav": "programs",
    }, status=status)


def service_worker(request):
    """The field form's service worker: a cached copy of the field page answers when the
    network does not, so a form in progress reopens offline. Served from here (not
    /static/) so that its scope covers /staff/inspections/."""
    body = render_to_string("inspections/sw.js")
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@staff_required
def staff_field(request, number: str):
    """The phone field form: checklist items with findings and photos, the
    representative's acknowledgement, and the stop-work link."""
    inspection = _inspection_or_404(request, number)
    access_log_record(user=request.user, action="view", object_type="inspection", object_id=number,
                      object_label=inspection.employer.name[:200], purpose="勞動檢查現場紀錄")
    items = services.checklist_items(inspection)
    findings = {f.item_code: f for f in inspection.findings.prefetch_related("photos")}
    rows = [{"item": item, "finding": findings.get(item.code)} for item in items]
    server_state = {code: {"result": f.result, "note": f.note, "key": f.client_key,
                           "photos": [p.client_key for p in f.photos.all()]} for code, f in findings.items()}
    return render(request, "inspections/field.html", {
        "inspection": inspection, "rows": rows, "results": FindingResult.choices,
        "server_state": server_state, "editable": inspection.status == "IN_PROGRESS", "nav": "programs",
    })


@staff_required
@require_POST
def staff_field_sync(request, number: str):
    """The field form's sync endpoint: JSON {"operations": [...]} from the browser's queue;
    answers each operation's outcome. Idempotent per operation key."""
    inspection = _inspection_or_404(request, number)
    if len(request.body) > SYNC_MAX_BYTES:
        return JsonResponse({"detail": pick("資料過大。", "Too large.")}, status=413)
    try:
        payload = json.loads(request.body or b"{}")
        operations = payload.get("operations")
        if not isinstance(operations, list) or not all(isinstance(op, dict) for op in operations):
            raise ValueError
    except (ValueError, AttributeError):
        return JsonResponse({"detail": pick("格式不正確。", "Malformed request.")}, status=400)
    outcomes = services.field_sync(inspection=inspection, actor=request.user, operations=operations)
    return JsonResponse({"results": [
        {"key": o.key, "ok": o.ok, "applied": o.applied, "field": o.field, "message": pick(o.error_zh, o.error_en) if not o.ok else ""}
        for o in outcomes
    ]})


@staff_required
def staff_stop_work(request, number: str):
    inspection = _inspection_or_404(request, number)
    items = services.checklist_items(inspection)
    form = StopWorkForm(request.POST or None, items=items)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                order = services.stop_work_order_issue(
                    inspection=inspection, actor=request.user, basis=data["basis"], scope=data["scope"],
                    area=data["area"], danger=data["danger"], item_codes=data["item_codes"])
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error)
            else:
                messages.warning(request, pick(f"已開立停工通知 {order.case.number}，並通知事業單位。",
                                               f"Stop-work order {order.case.number} issued; the employer was told."))
                return redirect("staff_case", number=order.case.number)
    return render(request, "inspections/stop_work_form.html", {"form": form, "inspection": inspection,
                                                                "nav": "programs"}, status=status)


@staff_required
def staff_resumption_review(request, pk: int):
    resumption = selectors.resumption_get(request.user, pk)
    if resumption is None:
        raise Http404
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.resumption_decide(request=resumption, actor=request.user, approve=data["decision"] == "approve",
                                           review_method=data["review_method"], note=data["note"])
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error, {"reason": "note"})
            else:
                messages.success(request, pick("已送出審查結果。", "Review recorded."))
                return redirect("staff_case", number=resumption.order.case.number)
    return render(request, "inspections/review_form.html", {"form": form, "resumption": resumption,
                                                             "nav": "programs"}, status=status)


@login_required
def portal_orders(request):
    """The employer's stop-work orders with their state, and its inspections."""
    if request.user.kind != UserKind.EMPLOYER or not request.user.employer_id:
        raise Http404
    orders = list(selectors.stop_work_orders_readable_by(request.user).select_related("case", "establishment")
                  .order_by("-issued_at")[:100])
    inspections = list(selectors.inspections_readable_by(request.user).select_related("case", "establishment")
                       .order_by("-created_at")[:100])
    return render(request, "inspections/portal_orders.html", {"orders": orders, "inspections": inspections,
                                                              "nav": "mine"})


@login_required
def portal_resumption_new(request, number: str):
    if request.user.kind != UserKind.EMPLOYER:
        raise Http404
    order = selectors.stop_work_order_get(request.user, number)
    if order is None:
        raise Http404
    form = ResumptionForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.resumption_apply(order=order, actor=request.user, improvements=data["improvements"],
                                          photos=[(upload.name, upload.read()) for upload in data.get("photos") or []])
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error, {"file": "photos"})
            else:
                messages.success(request, pick("已送出復工申請，檢查員將審查。", "Request sent; an inspector will review it."))
                return redirect("portal_case", number=order.case.number)
    return render(request, "inspections/resumption_form.html", {"form": form, "order": order, "nav": "mine"},
                  status=status)
