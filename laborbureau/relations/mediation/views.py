"""Pages of labor-dispute mediation: filing on the portal (workers, unions, employers)
and by staff, the dispute list, scheduling with slot proposals, the outcome, the
statistics (with CSV) and the mediator roster. Thin: forms parse, services decide."""

import csv
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from laborbureau.cases import selectors as case_selectors
from laborbureau.cases.models import Channel
from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError, NotFound
from laborbureau.core.i18n import pick
from laborbureau.core.models import Employer, Role, User, UserKind
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.relations.mediation import selectors, services
from laborbureau.relations.mediation.forms import (
    DisputeForm,
    MeetingForm,
    OutcomeForm,
    StaffDisputeForm,
    StatisticsForm,
    UnavailableForm,
)
from laborbureau.relations.mediation.models import Dispute, Language, MediatorProfile, MeetingRoom
from laborbureau.relations.mediation.workflows import CASE_TYPE, WORKFLOW

CALCULATORS = (
    ("basic-wage", "基本工資（最低工資）", "Minimum wage"),
    ("overtime", "加班費", "Overtime pay"),
    ("severance", "資遣費", "Severance pay"),
    ("retirement", "退休金", "Retirement pay"),
)

FIELD_MAP = {
    "employer.name": "employer_name",
    "employer.business_id": "business_id",
    "employer.address": "employer_address",
    "workplace_district_code": "workplace_district",
    "applicant.id_number": "applicant_id_number",
    "applicant.id_kind": "applicant_id_kind",
    "applicant.passport_country": "applicant_passport_country",
    "applicant.name": "applicant_name",
    "workers": "workers_text",
    "file": "attachments",
}


def _field_for(error: ApplicationError) -> str | None:
    """A service field ("claims.0.amount", "workers.2.id_number") -> the form field."""
    name = error.field or ""
    if name.startswith("workers."):
        return "workers_text"
    if name.startswith("claims.") and name.endswith(".amount"):
        return None  # the claim's index is the service's; the message names the claim
    return FIELD_MAP.get(name, name)


def _form_error(form, error: ApplicationError) -> None:
    field = _field_for(error)
    if field in form.fields:
        form.add_error(field, error.message)
    else:
        form.add_error(None, error.message)


def _dispute_input(form, *, channel: str, applicant: PersonInput | None = None, kind=None) -> services.DisputeInput:
    data = form.cleaned_data
    return services.DisputeInput(
        applicant_kind=kind or data["applicant_kind"],
        procedure=data["procedure"],
        employer=EmployerInput(
            name=data.get("employer_name") or "",
            business_id=data.get("business_id") or "",
            address=data.get("employer_address") or "",
        ),
        claims=form.claims(),
        description=data["description"],
        workers=data.get("workers_text") or [],
        applicant=applicant,
        union_name=data.get("union_name") or "",
        workplace_district_code=data.get("workplace_district") or "",
        language=data["language"],
        channel=channel,
        attachments=[(upload.name, upload.read()) for upload in data.get("attachments") or []],
    )


def _form_context(form, portal: bool) -> dict:
    return {"form": form, "portal": portal, "calculators": CALCULATORS}


@login_required
def portal_dispute_new(request):
    """A worker, a group of workers, a union's representative or an employer applies."""
    user = request.user
    if user.kind == UserKind.STAFF:
        raise Http404
    if user.kind == UserKind.CITIZEN and user.person_id is None:
        messages.info(request, pick("請先完成身分資料。", "Please complete your identity details first."))
        return redirect("portal_register")
    employer_account = user.kind == UserKind.EMPLOYER
    if employer_account and user.employer_id is None:
        raise Http404
    form = DisputeForm(request.POST or None, request.FILES or None, employer_account=employer_account)
    if request.method == "POST" and form.is_valid():
        try:
            dispute = services.dispute_file(data=_dispute_input(form, channel=Channel.PORTAL), actor=user)
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(request, pick(f"已收到您的調解申請，案號 {dispute.case.number}。",
                                           f"Your application was received: case {dispute.case.number}."))
            return redirect("portal_case", number=dispute.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "mediation/dispute_form.html", _form_context(form, True), status=status)


@staff_required
def staff_dispute_new(request):
    form = StaffDisputeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        applicant = PersonInput(
            id_number=data["applicant_id_number"], id_kind=data.get("applicant_id_kind") or "",
            passport_country=data.get("applicant_passport_country") or "", name=data["applicant_name"],
            phone=data.get("applicant_phone") or "", email=data.get("applicant_email") or "",
        )
        try:
            dispute = services.dispute_file(
                data=_dispute_input(form, channel=data["channel"], applicant=applicant), actor=request.user
            )
        except ApplicationError as error:
            if error.status == 403:
                raise Http404 from None
            _form_error(form, error)
        else:
            messages.success(request, pick(f"已立案 {dispute.case.number}。", f"Case {dispute.case.number} opened."))
            return redirect("staff_case", number=dispute.case.number)
    status = 422 if request.method == "POST" else 200
    return render(request, "mediation/dispute_form.html", _form_context(form, False), status=status)


@staff_required
def staff_disputes(request):
    """The unit's disputes, newest first, with the current deadline (200 a page)."""
    status = request.GET.get("status", "")
    if status and status not in {state.code for state in WORKFLOW.states}:
        status = ""
    disputes = list(selectors.dispute_list(request.user, status=status or None).select_related("case__assignee")[:200])
    labels = {state.code: pick(state.label_zh, state.label_en) for state in WORKFLOW.states}
    for dispute in disputes:
        dispute.status_label = labels.get(dispute.case.status, dispute.case.status)
    return render(request, "mediation/dispute_list.html", {
        "disputes": disputes, "states": WORKFLOW.states, "status": status, "today": timezone.localdate(),
    })


def _staff_dispute(request, number: str) -> Dispute:
    try:
        case = case_selectors.case_get(request.user, number[:40])
    except NotFound:
        raise Http404 from None
    if case.case_type != CASE_TYPE:
        raise Http404
    return Dispute.objects.select_related("case", "employer", "mediator").get(case=case)


@staff_required
def staff_dispute_schedule(request, number: str):
    """Slot proposals (deadline, mediator, rooms, parties) and the booking."""
    dispute = _staff_dispute(request, number)
    slots = services.slot_proposals(dispute)
    deadline = services.meeting_deadline(dispute)
    form = MeetingForm(request.POST or None, slots=slots)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            value, _, room_id = form.cleaned_data["slot"].rpartition("|")
            try:
                services.meeting_schedule(
                    case=dispute.case, actor=request.user, starts_at=datetime.fromisoformat(value),
                    room_id=int(room_id), late_reason=form.cleaned_data.get("late_reason") or "",
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                form.add_error("late_reason" if error.field == "late_reason" else None, error.message)
                status = error.status if error.status != 400 else 422
            else:
                messages.success(request, pick("已排定調解會議，並寄發雙方開會通知。",
                                               "Meeting scheduled; both sides were sent the notice."))
                return redirect("staff_case", number=dispute.case.number)
    return render(request, "mediation/schedule.html", {
        "dispute": dispute, "case": dispute.case, "form": form, "deadline": deadline,
        "warning": services.deadline_warning(deadline, slots), "slots": slots,
    }, status=status)


@staff_required
def staff_dispute_outcome(request, number: str):
    dispute = _staff_dispute(request, number)
    claims = list(dispute.claims.all())
    form = OutcomeForm(request.POST or None, claims=claims)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.dispute_outcome_record(case=dispute.case, actor=request.user, data=services.OutcomeInput(
                    outcome=data["outcome"], applicant_attended=data["applicant_attended"],
                    respondent_attended=data["respondent_attended"], attendance_note=data["attendance_note"],
                    record_summary=data["record_summary"], settlement_terms=data["settlement_terms"],
                    settled_amounts=form.settled_amounts(), confirm_over_claim=form.confirmed(),
                ))
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                field = (error.field or "").replace("settled_amounts.", "settled_")
                form.add_error(field if field in form.fields else None, error.message)
                status = error.status if error.status != 400 else 422
            else:
                messages.success(request, pick("已登錄調解結果。", "Outcome recorded."))
                return redirect("staff_case", number=dispute.case.number)
    return render(request, "mediation/outcome.html", {"dispute": dispute, "case": dispute.case, "form": form},
                  status=status)


def _statistics(request):
    form = StatisticsForm(request.GET or None)
    date_from = date_to = None
    if form.is_bound and form.is_valid():
        date_from, date_to = form.cleaned_data.get("date_from"), form.cleaned_data.get("date_to")
    return form, selectors.dispute_statistics(request.user, date_from=date_from, date_to=date_to)


@staff_required
def staff_dispute_statistics(request):
    form, statistics = _statistics(request)
    tables = [
        (name, *selectors.DIMENSION_LABELS[name], statistics.tables[name]) for name in selectors.DIMENSIONS
    ]
    return render(request, "mediation/statistics.html", {
        "form": form, "statistics": statistics, "tables": tables, "query": request.GET.urlencode(),
    }, status=422 if form.is_bound and not form.is_valid() else 200)


@staff_required
def staff_dispute_statistics_csv(request):
    form, statistics = _statistics(request)
    if form.is_bound and not form.is_valid():
        return HttpResponse("date_from/date_to", status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mediation-statistics.csv"'
    response.write("\ufeff")  # BOM: Excel opens UTF-8 Chinese correctly
    writer = csv.writer(response)
    for row in selectors.statistics_csv_rows(statistics):
        writer.writerow(row)
    return response


@staff_required
def staff_mediators(request):
    """The mediator roster: languages, weekdays, caseload, conflicts, absences; rooms."""
    user = request.user
    if request.method == "POST":
        try:
            _roster_action(request)
        except ApplicationError as error:
            messages.error(request, error.message)
            status = 404 if error.status == 404 else (403 if error.status == 403 else 422)
            return _roster_page(request, status)
        messages.success(request, pick("已更新調解人名冊。", "Roster updated."))
        return redirect("staff_mediators")
    if user.role == Role.SYSADMIN:
        raise Http404
    return _roster_page(request, 200)


def _roster_page(request, status):
    profiles = list(MediatorProfile.objects.select_related("user").prefetch_related("conflicts__employer", "absences")
                    .order_by("user__username"))
    loads = services.open_caseload(profile.user_id for profile in profiles)
    rows = [(profile, loads.get(profile.user_id, 0)) for profile in profiles]
    candidates = User.objects.filter(kind=UserKind.STAFF, unit__code=WORKFLOW.unit_code, is_active=True,
                                     role__in=[Role.MEDIATOR, Role.CASE_OFFICER, Role.SECTION_CHIEF]).order_by("username")
    return render(request, "mediation/roster.html", {
        "rows": rows, "rooms": MeetingRoom.objects.order_by("name"), "languages": Language.choices,
        "candidates": candidates, "today": timezone.localdate(),
    }, status=status)


def _roster_action(request) -> None:
    post = request.POST
    action = post.get("action", "")
    actor = request.user
    if action == "room":
        services.meeting_room_add(actor=actor, name=post.get("name", ""), location=post.get("location", ""))
        return
    if action == "profile":
        user = User.objects.filter(kind=UserKind.STAFF, username=post.get("username", "")[:150]).first()
        if user is None:
            raise ApplicationError("找不到此人員。", "No such staff member.", field="username")
        try:
            weekdays = [int(value) for value in post.getlist("weekdays")]
            max_open = int(post.get("max_open_cases") or 20)
        except ValueError:
            raise ApplicationError("數字格式不正確。", "Not a number.", field="max_open_cases") from None
        services.mediator_profile_save(actor=actor, user=user, languages=post.getlist("languages"),
                                       weekdays=weekdays, max_open_cases=max_open)
        return
    profile = MediatorProfile.objects.filter(user__username=post.get("mediator", "")[:150]).first()
    if profile is None:
        raise ApplicationError("找不到此調解人。", "No such mediator.", field="mediator")
    if action == "conflict":
        business_id = post.get("business_id", "").strip()
        employer = Employer.objects.filter(business_id=business_id[:8], merged_into__isnull=True).first()
        if employer is None:
            raise ApplicationError("找不到此統一編號的事業單位。", "No employer with that business ID.", field="business_id")
        services.mediator_conflict_add(actor=actor, profile=profile, employer=employer, reason=post.get("reason", ""))
        return
    if action == "absence":
        from laborbureau.rules import roc_calendar
        from laborbureau.rules.base import RuleError

        try:
            day = roc_calendar.parse_date(post.get("day", ""))
        except RuleError as error:
            raise ApplicationError(error.message_zh, error.message_en, field="day") from None
        services.mediator_absence_add(actor=actor, profile=profile, day=day, reason=post.get("reason", ""))
        return
    raise ApplicationError("無法辨識的操作。", "Unknown action.")


@login_required
def portal_dispute_unavailable(request, number: str):
    """A party tells the days it cannot attend (its own side only)."""
    if request.method != "POST" or request.user.kind == UserKind.STAFF:
        raise Http404
    try:
        case = case_selectors.case_get(request.user, number[:40])
    except NotFound:
        raise Http404 from None
    if case.case_type != CASE_TYPE:
        raise Http404
    form = UnavailableForm(request.POST)
    side = "respondent" if case.parties.filter(
        role="RESPONDENT", person_id=request.user.person_id or -1
    ).exists() or case.parties.filter(role="RESPONDENT", employer_id=request.user.employer_id or -1).exists() else "applicant"
    if form.is_valid():
        try:
            services.party_unavailable_set(case=case, actor=request.user, side=side, days=form.cleaned_data["days"])
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, pick("已通知承辦人您無法出席的日期。", "We have noted the days you cannot attend."))
    else:
        messages.error(request, " ".join(form.errors.get("days", [])))
    return redirect(reverse("portal_case", args=[case.number]))


