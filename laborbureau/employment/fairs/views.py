"""Pages of the job fairs. Thin: forms parse, fairs.services decides, fairs.selectors reads.

Public: upcoming fairs with their employers and vacancies (/jobs/fairs/). Portal: a
citizen pre-registers and sees their registrations and codes; an employer applies with
its vacancies, records interviews at its booth and their outcomes. Staff (Employment
Services Office): fairs, employers' applications, the door (check-in on a phone),
registrants, interviews, figures and their CSV. Other units' staff get 404.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import UserKind
from laborbureau.core.services import PersonInput, access_log_record
from laborbureau.documents.services import qr_data_uri
from laborbureau.employment import selectors as employment_selectors
from laborbureau.employment.fairs import forms, selectors, services
from laborbureau.employment.fairs.models import (
    LIVE_FAIR,
    FairEmployer,
    FairInterview,
    FairRegistration,
    FairStatus,
    RegistrationStatus,
)
from laborbureau.employment.models import VacancyStatus

WALK_IN_FIELDS = {"person.id_number": "id_number", "person.name": "name", "person.id_kind": "id_number",
                  "person.phone": "phone", "person.birth_date": "id_number", "person.district": "id_number"}


# --- public -----------------------------------------------------------------------------


def fair_list(request):
    """Upcoming fairs with their approved employers and vacancies. Public, no personal data."""
    fairs = list(selectors.upcoming_fairs()[:50])
    return render(request, "fairs/fair_list.html", {"fairs": fairs, "nav": "jobs"})


def fair_detail(request, pk: int):
    fair = selectors.fair_get_public(pk, request.user)
    if fair is None:
        raise Http404
    user = request.user
    today = timezone.localdate()
    context = {"fair": fair, "nav": "jobs", "today": today,
               "places_left": max(0, fair.capacity - fair.preregistered),
               "registration_open": fair.status == FairStatus.OPEN
               and fair.registration_opens <= today <= fair.registration_closes}
    if user.is_authenticated and user.kind == UserKind.CITIZEN:
        context["registration"] = selectors.my_registration_for(user, fair)
        context["seeker"] = employment_selectors.my_registration(user)
    if user.is_authenticated and user.kind == UserKind.EMPLOYER and user.employer_id:
        context["participation"] = FairEmployer.objects.filter(fair=fair, employer_id=user.employer_id).first()
    return render(request, "fairs/fair_detail.html", context)


# --- citizens ------------------------------------------------------------------------------


def _citizen(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    if request.user.person_id is None:
        messages.info(request, pick("請先完成身分資料。", "Please complete your identity details first."))
        return redirect("portal_register")
    return None


@login_required
@require_POST
def register(request, pk: int):
    early = _citizen(request)
    if early:
        return early
    fair = selectors.fair_get_public(pk, request.user)
    if fair is None:
        raise Http404
    try:
        registration = services.registration_create(fair=fair, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("fairs_detail", pk=pk)
    messages.success(request, pick(f"報名成功，您的報名序號是 {registration.code}。",
                                   f"You are registered; your code is {registration.code}."))
    return redirect("fairs_mine")


@login_required
def my_registrations(request):
    """My registrations with the code (and a QR code of it) to show at the door."""
    early = _citizen(request)
    if early:
        return early
    today = timezone.localdate()
    rows = []
    for registration in selectors.my_registrations(request.user):
        upcoming = registration.status == RegistrationStatus.REGISTERED and registration.fair.date >= today
        rows.append({"registration": registration, "upcoming": upcoming,
                     "qr": qr_data_uri(registration.code) if upcoming else "",
                     "checked_in": getattr(registration, "check_in", None)})
    return render(request, "fairs/my_registrations.html", {
        "rows": rows, "seeker": employment_selectors.my_registration(request.user), "nav": "job_seeker",
    })


@login_required
@require_POST
def cancel_registration(request, pk: int):
    early = _citizen(request)
    if early:
        return early
    registration = FairRegistration.objects.filter(pk=pk, person_id=request.user.person_id).first()
    if registration is None:
        raise Http404
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, pick("已取消報名。", "Registration cancelled."))
    return redirect("fairs_mine")


# --- employers -------------------------------------------------------------------------------


def _employer(request):
    if request.user.kind != UserKind.EMPLOYER or not request.user.employer_id:
        raise Http404


@login_required
def employer_fairs(request):
    _employer(request)
    return render(request, "fairs/employer_fairs.html", {
        "participations": selectors.employer_participations(request.user),
        "upcoming": list(selectors.upcoming_fairs().filter(status=FairStatus.OPEN)[:20]), "nav": "jobs_mine",
    })


@login_required
def employer_apply(request, pk: int):
    """Apply to take part with the employer's own open vacancies."""
    _employer(request)
    fair = selectors.fair_get_public(pk, request.user)
    if fair is None or fair.status not in LIVE_FAIR:
        raise Http404
    today = timezone.localdate()
    vacancies = list(employment_selectors.vacancies_managed_by(request.user)
                     .filter(status=VacancyStatus.ACTIVE, closing_date__gte=today)[:100])
    form = forms.ApplyForm(request.POST or None, vacancies=vacancies)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_apply(fair=fair, vacancy_ids=form.cleaned_data["vacancy_ids"], actor=request.user,
                                    note=form.cleaned_data.get("note") or "")
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已送出申請，待就業服務處審核。", "Applied; the service will decide."))
            return redirect("fairs_employer")
    return render(request, "fairs/employer_apply.html", {
        "fair": fair, "form": form, "vacancies": vacancies, "nav": "jobs_mine",
    }, status=422 if request.method == "POST" else 200)


def _interviews_page(request, fair, template: str, base_template: str, nav: str):
    """Record an interview (code × vacancy) and list the interviews with their outcomes."""
    booth_vacancies = selectors.booth_vacancies(user=request.user, fair=fair)
    form = forms.InterviewForm(request.POST or None, booth_vacancies=booth_vacancies)
    if request.method == "POST" and form.is_valid():
        chosen = next((fv for fv in booth_vacancies if fv.pk == form.cleaned_data["fair_vacancy"]), None)
        try:
            if chosen is None:
                raise ApplicationError("請選擇職缺。", "Choose a vacancy.", field="fair_vacancy")
            services.interview_record(fair=fair, fair_vacancy=chosen, actor=request.user,
                                      code=form.cleaned_data["code"])
        except ApplicationError as error:
            add_application_error(form, error, {"vacancy_id": "fair_vacancy"})
        else:
            messages.success(request, pick("已記錄面試。", "Interview recorded."))
            return redirect(request.path)
    interviews = list(selectors.interviews_for(user=request.user, fair=fair)[:300])
    return render(request, template, {
        "fair": fair, "form": form, "interviews": interviews, "booth_vacancies": booth_vacancies,
        "fair_day": fair.date == timezone.localdate() and fair.status in LIVE_FAIR,
        "base_template": base_template, "nav": nav,
    }, status=422 if request.method == "POST" else 200)


@login_required
def employer_booth(request, pk: int):
    _employer(request)
    participation = (FairEmployer.objects.filter(fair_id=pk, employer_id=request.user.employer_id)
                     .select_related("fair").first())
    if participation is None:
        raise Http404
    return _interviews_page(request, participation.fair, "fairs/interviews.html", "portal/base.html", "jobs_mine")


def _outcome_page(request, interview: FairInterview, base_template: str, back: str, nav: str):
    form = forms.OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interview_outcome(interview=interview, outcome=data["outcome"], reason=data.get("reason") or "",
                                       note=data.get("note") or "", actor=request.user)
        except ApplicationError as error:
            if error.status == 404:
                raise Http404 from None
            add_application_error(form, error)
        else:
            messages.success(request, pick("已記錄面試結果。", "Outcome recorded."))
            return redirect(back)
    return render(request, "fairs/outcome.html", {
        "interview": interview, "form": form, "base_template": base_template, "back": back, "nav": nav,
    }, status=422 if request.method == "POST" else 200)


def _interview(request, pk: int) -> FairInterview:
    interview = FairInterview.objects.filter(pk=pk).select_related("fair").first()
    if interview is None:
        raise Http404
    found = selectors.interviews_for(user=request.user, fair=interview.fair).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
def employer_outcome(request, pk: int):
    _employer(request)
    interview = _interview(request, pk)
    back = f"/portal/fairs/{interview.fair_id}/booth/"
    return _outcome_page(request, interview, "portal/base.html", back, "jobs_mine")


# --- staff ---------------------------------------------------------------------------------


def _reader(request):
    if not services.can_read(request.user):
        raise Http404


def _organiser(request):
    if not services.can_organise(request.user):
        raise Http404


def _staff_fair(request, pk: int):
    _reader(request)
    fair = selectors.fair_for_staff(request.user, pk)
    if fair is None:
        raise Http404
    return fair


@staff_required
def staff_fairs(request):
    _reader(request)
    status = request.GET.get("status", "")
    status = status if status in FairStatus.values else ""
    fairs = list(selectors.fairs_for_staff(request.user, status)[:200])
    return render(request, "fairs/staff_fairs.html", {
        "fairs": fairs, "status": status, "statuses": FairStatus.choices,
        "can_serve": services.can_organise(request.user), "nav": "employment",
    })


@staff_required
def staff_fair_new(request):
    _organiser(request)
    form = forms.FairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fair = services.fair_create(data=form.fair_input(), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, {"district_code": "district"})
        else:
            messages.success(request, pick("已建立徵才活動。", "Fair created."))
            return redirect("fairs_staff_fair", pk=fair.pk)
    return render(request, "fairs/fair_form.html", {"form": form, "nav": "employment"},
                  status=422 if request.method == "POST" else 200)


@staff_required
def staff_fair_edit(request, pk: int):
    fair = _staff_fair(request, pk)
    _organiser(request)
    form = forms.FairForm(request.POST or None, initial=forms.FairForm.initial_from(fair))
    if request.method == "POST" and form.is_valid():
        try:
            services.fair_update(fair=fair, data=form.fair_input(), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, {"district_code": "district"})
        else:
            messages.success(request, pick("已更新徵才活動。", "Fair updated."))
            return redirect("fairs_staff_fair", pk=fair.pk)
    return render(request, "fairs/fair_form.html", {"form": form, "fair": fair, "nav": "employment"},
                  status=422 if request.method == "POST" else 200)


@staff_required
def staff_fair(request, pk: int):
    """The fair, its status actions, and the employers' applications to decide."""
    fair = _staff_fair(request, pk)
    return render(request, "fairs/staff_fair.html", {
        "fair": fair, "participations": selectors.participations(fair), "decision_form": forms.DecisionForm(),
        "can_serve": services.can_organise(request.user), "nav": "employment",
        "actions": [name for name, (allowed, _) in services.FAIR_ACTIONS.items() if fair.status in allowed],
    })


@staff_required
@require_POST
def staff_fair_action(request, pk: int, action: str):
    fair = _staff_fair(request, pk)
    _organiser(request)
    try:
        services.fair_transition(fair=fair, action=action, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, pick("已更新活動狀態。", "Status updated."))
    return redirect("fairs_staff_fair", pk=pk)


@staff_required
@require_POST
def staff_decide(request, pk: int, participation_pk: int):
    fair = _staff_fair(request, pk)
    _organiser(request)
    participation = FairEmployer.objects.filter(pk=participation_pk, fair=fair).first()
    if participation is None:
        raise Http404
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, pick("請選擇核准或不核准。", "Choose approve or decline."))
        return redirect("fairs_staff_fair", pk=pk)
    data = form.cleaned_data
    try:
        services.employer_decide(participation=participation, approve=data["decision"] == "approve",
                                 booth=data.get("booth") or "", note=data.get("note") or "", actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, pick("已審核並通知廠商。", "Decided; the employer was told."))
    return redirect("fairs_staff_fair", pk=pk)


def _log_registrants(request, fair, rows, purpose: str) -> None:
    if rows:
        access_log_record(user=request.user, action="view", object_type="fair_registrations", object_id=fair.pk,
                          purpose=purpose, object_label=f"{fair.title}：{len(rows)} registrants")


@staff_required
def staff_door(request, pk: int):
    """At the door, on a phone: check in by code, find by name or ID and check in, or
    register a walk-in."""
    fair = _staff_fair(request, pk)
    _organiser(request)
    code_form, walk_in_form = forms.CodeForm(), forms.WalkInForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "code":
                code_form = forms.CodeForm(request.POST)
                if code_form.is_valid():
                    done = services.check_in(fair=fair, actor=request.user, code=code_form.cleaned_data["code"])
                    return _checked_in(request, done)
            elif action == "search":
                registration_id = int(request.POST.get("registration_id", "0") or 0)
                done = services.check_in(fair=fair, actor=request.user, registration_id=registration_id)
                return _checked_in(request, done)
            elif action == "walk_in":
                walk_in_form = forms.WalkInForm(request.POST)
                if walk_in_form.is_valid():
                    data = walk_in_form.cleaned_data
                    done = services.walk_in(fair=fair, actor=request.user, person=PersonInput(
                        id_number=data["id_number"], name=data["name"], phone=data.get("phone") or ""))
                    return _checked_in(request, done)
        except ValueError:
            raise Http404 from None
        except ApplicationError as error:
            if action == "walk_in":
                add_application_error(walk_in_form, error, WALK_IN_FIELDS)
            elif action == "code":
                add_application_error(code_form, error, {"registration_id": "code"})
            else:
                messages.error(request, error.message)
        status = 422
    q = request.GET.get("q", "").strip()[:selectors.MAX_SEARCH]
    found = selectors.registrants(user=request.user, fair=fair, q=q, limit=20) if q else []
    _log_registrants(request, fair, found, "徵才活動入場報到（查詢報名者）")
    figures = selectors.fair_figures(fair)
    return render(request, "fairs/door.html", {
        "fair": fair, "code_form": code_form, "walk_in_form": walk_in_form, "q": q, "found": found,
        "figures": figures, "fair_day": fair.date == timezone.localdate(), "nav": "employment",
    }, status=status)


def _checked_in(request, done):
    registration = done.registration
    messages.success(request, pick(f"{registration.person.name} 已報到（{registration.code}）。",
                                   f"{registration.person.name} checked in ({registration.code})."))
    return redirect("fairs_staff_door", pk=done.fair_id)


@staff_required
def staff_registrants(request, pk: int):
    """Who registered and who came (personal data: the read is logged)."""
    fair = _staff_fair(request, pk)
    q = request.GET.get("q", "").strip()[:selectors.MAX_SEARCH]
    rows = selectors.registrants(user=request.user, fair=fair, q=q, limit=500)
    _log_registrants(request, fair, rows, "徵才活動報名名單")
    return render(request, "fairs/registrants.html", {"fair": fair, "rows": rows, "q": q, "nav": "employment"})


@staff_required
def staff_interviews(request, pk: int):
    fair = _staff_fair(request, pk)
    if request.method == "POST":
        _organiser(request)
    return _interviews_page(request, fair, "fairs/interviews.html", "backoffice/base.html", "employment")


@staff_required
def staff_outcome(request, pk: int):
    _reader(request)
    interview = _interview(request, pk)
    if request.method == "POST":
        _organiser(request)
    back = f"/staff/employment/fairs/{interview.fair_id}/interviews/"
    return _outcome_page(request, interview, "backoffice/base.html", back, "employment")


@staff_required
def staff_figures(request, pk: int):
    fair = _staff_fair(request, pk)
    figures = selectors.fair_figures(fair)
    rows = [(zh, en, getattr(figures, name)) for name, zh, en in selectors.FIGURE_LABELS]
    return render(request, "fairs/figures.html", {"fair": fair, "figures": figures, "rows": rows,
                                                  "nav": "employment"})


def _csv_cell(value):
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@staff_required
def staff_figures_csv(request, pk: int):
    fair = _staff_fair(request, pk)
    figures = selectors.fair_figures(fair)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="job-fair-{fair.pk}-figures.csv"'
    response.write("\ufeff")  # BOM: Excel opens UTF-8 Chinese correctly
    writer = csv.writer(response)
    for row in selectors.figures_csv_rows(fair, figures):
        writer.writerow([_csv_cell(cell) for cell in row])
    return response
