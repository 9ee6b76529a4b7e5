"""Pages of mass layoffs: an employer's plans and filing on the portal, an officer's
recording of a paper plan, and the monitoring page with the layoff entry form.
Thin: forms parse, services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import Establishment, UserKind
from laborbureau.core.services import EmployerInput
from laborbureau.relations.layoffs import selectors, services
from laborbureau.relations.layoffs.forms import TRANCHES, EventForm, PlanForm, StaffPlanForm

FIELD_MAP = {
    "schedule": "day_1", "establishment.name": "establishment_name", "establishment.district": "establishment_district",
    "employer.name": "employer_name", "employer.business_id": "business_id", "file": "attachments",
}


def _plan_input(form, *, employer=None, received_on=None, channel="portal") -> services.LayoffPlanInput:
    data = form.cleaned_data
    schedule = [
        services.Tranche(data[f"day_{i}"], data[f"count_{i}"])
        for i in range(1, TRANCHES + 1) if data.get(f"day_{i}") and data.get(f"count_{i}")
    ]
    return services.LayoffPlanInput(
        establishment_name=data["establishment_name"], establishment_address=data.get("establishment_address") or "",
        establishment_district=data.get("establishment_district") or "", legal_ground=data["legal_ground"],
        reason=data["reason"], departments=data["departments"], schedule=schedule,
        selection_criteria=data["selection_criteria"], severance_method=data["severance_method"],
        reemployment_plan=data["reemployment_plan"], headcount=data["headcount"],
        sudden_event=data.get("sudden_event") or False, sudden_event_note=data.get("sudden_event_note") or "",
        notified_party=data.get("notified_party") or "", notified_on=data.get("notified_on"),
        posted_on=data.get("posted_on"), employer=employer, received_on=received_on, channel=channel,
        attachments=[(upload.name, upload.read()) for upload in data.get("attachments") or []],
    )


def _announce(request, plan) -> None:
    if plan.late:
        messages.warning(request, pick(
            f"已收件 {plan.case.number}。注意：解僱計畫書應於{plan.notice_due}以前通知，已逾期{plan.days_late}日（大量解僱勞工保護法第4條第1項、第17條）。",
            f"Filed as {plan.case.number}. Note: the plan was due by {plan.notice_due}; it is {plan.days_late} days late.",
        ))
    else:
        messages.success(request, pick(f"已收件，案號 {plan.case.number}。", f"Filed as {plan.case.number}."))


@login_required
def portal_plans(request):
    if request.user.kind != UserKind.EMPLOYER:
        raise Http404
    plans = selectors.plans_readable_by(request.user)[:200]
    return render(request, "layoffs/portal_plans.html", {"plans": plans, "nav": "mine"})


@login_required
def portal_plan_new(request):
    if request.user.kind != UserKind.EMPLOYER or request.user.employer_id is None:
        raise Http404
    form = PlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.layoff_plan_file(data=_plan_input(form), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, FIELD_MAP)
        else:
            _announce(request, plan)
            return redirect("portal_case", number=plan.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "layoffs/plan_form.html", {"form": form, "portal": True}, status=status)


@staff_required
def staff_plan_new(request):
    form = StaffPlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.layoff_plan_file(
                data=_plan_input(form, employer=EmployerInput(name=data["employer_name"], business_id=data["business_id"]),
                                 received_on=data["received_on"], channel=data["channel"]),
                actor=request.user,
            )
        except ApplicationError as error:
            if error.status == 403:
                raise Http404 from None
            add_application_error(form, error, FIELD_MAP)
        else:
            _announce(request, plan)
            return redirect("staff_case", number=plan.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "layoffs/plan_form.html", {"form": form, "portal": False}, status=status)


@staff_required
def staff_monitor(request):
    if not selectors.may_monitor(request.user):
        raise Http404
    establishments = Establishment.objects.filter(employer__merged_into__isnull=True).select_related(
        "employer").order_by("employer__name", "name")[:500]
    form = EventForm(request.POST or None, establishments=establishments)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            site = Establishment.objects.filter(pk=data["establishment"]).first()
            try:
                if site is None:
                    raise ApplicationError("找不到此廠場。", "No such establishment.", field="establishment")
                result = services.layoff_event_record(
                    establishment=site, day=data["day"], count=data["count"], source=data["source"],
                    actor=request.user, reference=data.get("reference") or "", headcount=data.get("headcount"),
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error)
            else:
                if result.monitoring:
                    messages.warning(request, pick(
                        f"已達大量解僱門檻（{result.clause}），未提出解僱計畫書：已開立監測案 {result.monitoring.case.number}。",
                        f"Threshold crossed ({result.clause}) without a plan: monitoring case {result.monitoring.case.number}.",
                    ))
                else:
                    messages.success(request, pick("已登錄。", "Recorded."))
                return redirect("staff_layoff_monitor")
    rows = selectors.monitor_rows(request.user, timezone.localdate())
    return render(request, "layoffs/monitor.html", {"rows": rows, "form": form}, status=status)
