"""Pages of occupational accidents: the employer's report and list (portal), the public
accident map, and the inspection office's pages (phone-sized first: the alert page
with its field steps, the live alerts, the roster, the figures, undelivered alerts,
the staff map, disease determinations). Thin: forms parse, services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from laborbureau.cases import services as case_services
from laborbureau.cases import workflows
from laborbureau.cases.models import Attachment
from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import User, UserKind
from laborbureau.core.services import EmployerInput, PersonInput, access_log_record
from laborbureau.inspection.accidents import geo, open_data, selectors, services
from laborbureau.inspection.accidents.forms import (
    DiseaseForm,
    MapFilterForm,
    PhoneReportForm,
    PortalDiseaseForm,
    ReportForm,
    ShiftForm,
    VictimsForm,
    step_form,
    victims_from,
)
from laborbureau.inspection.accidents.models import AccidentType, DutyShift, Severity

FIELD_MAP = {"employer.name": "employer_name", "employer.business_id": "business_id", "victims": "victim_name_1",
             "known_at": "known_at"}
FIELD_STEPS = ("acknowledge", "dispatch", "arrive", "record_findings")


def _input(form, **extra) -> services.AccidentInput:
    data = form.cleaned_data
    return services.AccidentInput(
        occurred_at=data["occurred_at"], known_at=data.get("known_at"), accident_type=data["accident_type"],
        description=data["description"], deaths=data["deaths"], injured=data["injured"],
        hospitalised=data["hospitalised"], lat=data.get("lat"), lon=data.get("lon"), address=data.get("address") or "",
        district=data.get("district") or "", establishment_name=data.get("establishment_name") or "",
        victims=victims_from(data), photos=[(f.name, f.read()) for f in data.get("photos") or []], **extra,
    )


def _announce(request, accident) -> None:
    if accident.late:
        messages.warning(request, pick(
            f"已通報，案號 {accident.case.number}。注意：依職業安全衛生法第37條第2項應於知悉後八小時內通報，本件逾時"
            f"{accident.minutes_late}分鐘，將依同法第43條查處。",
            f"Reported as {accident.case.number}. This report is {accident.minutes_late} minutes past the 8-hour limit.",
        ))
    elif accident.reportable:
        messages.success(request, pick(f"已通報，案號 {accident.case.number}；已通知值勤檢查人員。",
                                       f"Reported as {accident.case.number}; the inspectors on duty are alerted."))
    else:
        messages.success(request, pick(f"已登錄，案號 {accident.case.number}。", f"Recorded as {accident.case.number}."))
    if accident.victims_pending:
        messages.info(request, pick("罹災者資料可稍後補填。", "You can complete the injured's data later."))


# --- portal -----------------------------------------------------------------------------


@login_required
def portal_report(request):
    if request.user.kind != UserKind.EMPLOYER or request.user.employer_id is None:
        raise Http404
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            accident = services.accident_report(data=_input(form), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, FIELD_MAP)
        else:
            _announce(request, accident)
            return redirect("portal_case", number=accident.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "accidents/report_form.html", {"form": form, "portal": True}, status=status)


@login_required
def portal_list(request):
    if request.user.kind != UserKind.EMPLOYER:
        raise Http404
    accidents = selectors.accidents_readable_by(request.user)[:200]
    return render(request, "accidents/portal_list.html", {"accidents": accidents})


@login_required
def portal_victims(request, number: str):
    accident = selectors.accident_get(request.user, number)
    if request.user.kind != UserKind.EMPLOYER or accident is None:
        raise Http404
    return _victims_page(request, accident, "portal_case")


@login_required
def portal_disease_new(request):
    """A worker applies for an occupational disease determination (職業疾病認定)."""
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    form = PortalDiseaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        employer = None
        if data.get("employer_name"):
            employer = EmployerInput(name=data["employer_name"], business_id=data.get("business_id") or "")
        try:
            determination = services.disease_apply(data=services.DiseaseInput(
                disease=data["disease"], exposure=data["exposure"], diagnosed_by=data.get("diagnosed_by") or "",
                diagnosed_on=data.get("diagnosed_on"), employer=employer,
                documents=[(f.name, f.read()) for f in data.get("documents") or []], consent=data["consent"],
            ), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, {"employer.name": "employer_name", "employer.business_id": "business_id",
                                                "employer": "employer_name", "person": None})
        else:
            messages.success(request, pick(
                f"已收件，案號 {determination.case.number}。勞動檢查處將通知您補充資料及審查結果。",
                f"Received as {determination.case.number}. The inspection office will tell you what else it needs "
                f"and its decision."))
            return redirect("portal_case", number=determination.case.number)
    return render(request, "accidents/portal_disease_form.html", {"form": form},
                  status=422 if request.method == "POST" else 200)


def _victims_page(request, accident, back: str):
    initial = {"deaths": accident.deaths, "injured": accident.injured, "hospitalised": accident.hospitalised}
    for index, victim in enumerate(accident.victims.all()[:3], start=1):
        initial.update({f"victim_name_{index}": victim.name, f"victim_age_{index}": victim.age,
                        f"victim_outcome_{index}": victim.outcome})
    form = VictimsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.accident_update(accident=accident, actor=request.user, deaths=data["deaths"],
                                     injured=data["injured"], hospitalised=data["hospitalised"],
                                     victims=victims_from(data))
        except ApplicationError as error:
            add_application_error(form, error, FIELD_MAP)
        else:
            messages.success(request, pick("已更新罹災資料。", "The casualties are updated."))
            return redirect(back, number=accident.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "accidents/victims_form.html", {"form": form, "accident": accident,
                                                           "portal": back == "portal_case"}, status=status)


def _map_context(request, *, staff: bool):
    form = MapFilterForm(request.GET or None)
    filters = selectors.MapFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.MapFilters(data.get("month_from"), data.get("month_to"), data.get("district") or "",
                                       data.get("industry") or "", data.get("accident_type") or "",
                                       data.get("severity") or "")
    data = open_data.map_data(filters)
    context = {"form": form, "data": data, "filters": filters, "view_box": geo.view_box(), "query": request.GET.urlencode(),
               "type_labels": dict(AccidentType.choices), "severity_labels": dict(Severity.choices)}
    if staff:
        rows = selectors.public_queryset(filters).filter(
            case__in=selectors.accidents_readable_by(request.user).values("case")
        ).select_related("case", "district").order_by("-reported_at")[:1000]
        context["cases"] = [
            {"accident": a, "x": geo.project(a.lon, a.lat)[0], "y": geo.project(a.lon, a.lat)[1]} for a in rows
        ]
    return context


def _point_circles(points: list[dict]) -> str:
    """The public map's cells as SVG circles. Built here rather than in a template loop
    (thousands of cells: ~40 ms of template rendering against ~2 ms); numbers only, so
    nothing needs escaping."""
    return mark_safe("".join(
        f'<circle cx="{p["x"]}" cy="{p["y"]}" r="{p["r"]}" fill="#1f5fa8" fill-opacity="0.8" stroke="#fff" '
        f'stroke-width="1.5"><title>{int(p["count"])}</title></circle>'
        for p in points
    ))


def public_map(request):
    context = _map_context(request, staff=False)
    if context["form"].is_bound and not context["form"].is_valid():
        return render(request, "accidents/public_map.html", context, status=422)
    # The SVG (a circle per cell: thousands) is the page's cost; render it once per
    # filter set, data version and language.
    context["map_svg"] = open_data.cached(
        f"map-svg-{get_language()}", context["filters"],
        lambda: render_to_string("accidents/_map_svg.html", {**context, "circles": _point_circles(context["data"].points)}),
    )
    return render(request, "accidents/public_map.html", context)


# --- staff ------------------------------------------------------------------------------------


def _lio(request):
    if not selectors.is_lio_staff(request.user):
        raise Http404


@staff_required
def staff_list(request):
    _lio(request)
    accidents = selectors.with_alert_times(selectors.accidents_readable_by(request.user))[:100]
    on_duty = selectors.on_duty(timezone.now())
    return render(request, "accidents/staff_list.html", {"accidents": accidents, "on_duty": on_duty,
                                                         "nav": "programs"})


@staff_required
def staff_new(request):
    _lio(request)
    form = PhoneReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            accident = services.accident_report(
                data=_input(form, employer=EmployerInput(name=data["employer_name"],
                                                         business_id=data.get("business_id") or ""),
                            reporter_name=data.get("reporter_name") or "",
                            reporter_phone=data.get("reporter_phone") or "",
                            reported_at=data.get("reported_at"), channel="phone"),
                actor=request.user,
            )
        except ApplicationError as error:
            if error.status == 403:
                raise Http404 from None
            add_application_error(form, error, FIELD_MAP)
        else:
            _announce(request, accident)
            return redirect("accident_staff_detail", number=accident.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "accidents/report_form.html", {"form": form, "portal": False}, status=status)


@staff_required
def staff_detail(request, number: str):
    """The alert page: what happened, the photos, the chain's times, and the field steps
    the viewer may take now (acknowledge, dispatch, arrive, findings)."""
    _lio(request)
    accident = selectors.with_alert_times(selectors.accidents_readable_by(request.user)).filter(
        case__number=number[:20]).first()
    if accident is None:
        raise Http404
    case = accident.case
    workflow = workflows.get(case.case_type)
    today = timezone.localdate()
    bound = None
    if request.method == "POST":
        name = request.POST.get("step", "")
        if name not in FIELD_STEPS:
            raise Http404
        transition = workflow.transition(name)
        bound = step_form(transition, request.POST, today)
        if bound.is_valid():
            try:
                case_services.case_transition(case=case, name=name, actor=request.user, data=bound.cleaned_data)
            except ApplicationError as error:
                add_application_error(bound, error)
            else:
                messages.success(request, pick(f"已完成：{transition.label_zh}。", f"Done: {transition.label_en}."))
                return redirect("accident_staff_detail", number=case.number)
    access_log_record(user=request.user, action="view", object_type="accident", object_id=case.number,
                      purpose="職業災害通報處理", object_label=case.number)
    steps = []
    for transition in case_services.transitions_available(request.user, case):
        if transition.name in FIELD_STEPS:
            steps.append(bound if bound is not None and bound.transition.name == transition.name
                         else step_form(transition, None, today))
    photos = [a for a in Attachment.objects.filter(case=case).order_by("pk") if a.content_type.startswith("image/")]
    alerts = list(accident.alerts.select_related("recipient", "outbox").order_by("pk"))
    return render(request, "accidents/staff_detail.html", {
        "accident": accident, "case": case, "steps": steps, "photos": photos, "alerts": alerts,
        "times": selectors.chain_times(accident), "victims": list(accident.victims.all()), "nav": "programs",
    }, status=422 if bound is not None else 200)


@staff_required
def staff_victims(request, number: str):
    _lio(request)
    accident = selectors.accident_get(request.user, number)
    if accident is None:
        raise Http404
    return _victims_page(request, accident, "accident_staff_detail")


@staff_required
def staff_alerts(request):
    _lio(request)
    alerts = selectors.alerts_for(request.user, limit=30)
    return render(request, "accidents/alerts.html", {"alerts": alerts, "nav": "programs",
                                                     "last_id": alerts[0].pk if alerts else 0})


@staff_required
def staff_alerts_json(request):
    """What the alerts page polls every few seconds: alerts delivered after `after`."""
    _lio(request)
    try:
        after = max(0, int(request.GET.get("after", "0")))
    except ValueError:
        return JsonResponse({"error": "after must be an integer"}, status=400)
    return JsonResponse({"alerts": [
        {"id": a.pk, "number": a.accident.case.number, "subject": a.outbox.subject_zh, "body": a.outbox.body_zh[:200],
         "severity": a.accident.severity, "url": f"/staff/accidents/{a.accident.case.number}/",
         "acknowledged": a.accident.acknowledged_at is not None}
        for a in selectors.alerts_for(request.user, after_id=after)
    ]})


@staff_required
def staff_roster(request):
    _lio(request)
    form = ShiftForm(request.POST or None)
    if request.method == "POST" and request.POST.get("cancel"):
        shift = DutyShift.objects.filter(pk=request.POST.get("cancel")).first()
        if shift is None:
            raise Http404
        try:
            services.shift_cancel(actor=request.user, shift=shift)
        except ApplicationError:
            raise Http404 from None
        return redirect("accident_staff_roster")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.shift_add(actor=request.user, user=User.objects.get(pk=data["user"]), role=data["role"],
                               starts_at=data["starts_at"], ends_at=data["ends_at"], phone=data.get("phone") or "")
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已排班。", "Shift added."))
            return redirect("accident_staff_roster")
    now = timezone.now()
    return render(request, "accidents/roster.html", {
        "form": form, "shifts": selectors.shifts_upcoming(now), "on_duty": selectors.on_duty(now), "nav": "programs",
    }, status=422 if request.method == "POST" else 200)


@staff_required
def staff_stats(request):
    _lio(request)
    rows = selectors.with_alert_times(selectors.accidents_readable_by(request.user).filter(reportable=True))[:50]
    return render(request, "accidents/stats.html", {
        "months": selectors.month_figures(request.user), "recent": [selectors.chain_times(a) for a in rows],
        "nav": "programs",
    })


@staff_required
def staff_undelivered(request):
    _lio(request)
    return render(request, "accidents/undelivered.html", {"alerts": selectors.undelivered_alerts(), "nav": "programs"})


@staff_required
def staff_map(request):
    _lio(request)
    return render(request, "accidents/staff_map.html", _map_context(request, staff=True))


@staff_required
def staff_disease_new(request):
    _lio(request)
    form = DiseaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            determination = services.disease_apply(data=services.DiseaseInput(
                person=PersonInput(id_number=data["id_number"], name=data["name"], phone=data.get("phone") or ""),
                disease=data["disease"], exposure=data["exposure"], diagnosed_by=data.get("diagnosed_by") or "",
                diagnosed_on=data.get("diagnosed_on"), received_on=data.get("received_on"),
            ), actor=request.user)
        except ApplicationError as error:
            if error.status == 403:
                raise Http404 from None
            add_application_error(form, error, {"person.id_number": "id_number", "person.name": "name"})
        else:
            messages.success(request, pick(f"已受理，案號 {determination.case.number}。",
                                           f"Opened as {determination.case.number}."))
            return redirect("staff_case", number=determination.case.number)
    return render(request, "accidents/disease_form.html", {"form": form, "nav": "programs"},
                  status=422 if request.method == "POST" else 200)



