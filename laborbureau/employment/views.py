"""Pages of the city job bank. Thin: forms parse, employment.services decides,
employment.selectors reads.

Portal: the public vacancy list and page (no login); employers post and manage their
vacancies and answer referrals; citizens register as job seekers and see their referrals.
Staff (Employment Services Office): job seekers, counter registration, notes, referrals,
vacancies posted for employers, placement figures. Other units' staff get 404.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick, t
from laborbureau.core.models import UserKind
from laborbureau.core.services import EmployerInput, PersonInput, access_log_record
from laborbureau.employment import forms, matching, reviews, selectors, services
from laborbureau.employment.models import JobSeeker, MatchOverride, Referral, SeekerStatus, VacancyStatus

VACANCY_FIELDS = {
    "occupation": "occupation", "district": "district", "employer.name": "employer_name",
    "employer.business_id": "business_id", "employer.phone": "employer_phone",
}
SEEKER_FIELDS = {"person.id_number": "id_number", "person.name": "name", "person.birth_date": "birth_date",
                 "person.id_kind": "id_number", "person.district": "id_number"}


def _page_number(request) -> int:
    try:
        return min(max(int(request.GET.get("page", "1")), 1), 10_000)
    except ValueError:
        return 1


# --- public ----------------------------------------------------------------------------


def _facet_links(request, result) -> list[dict]:
    """The facet counts as links: the same search with that district or major group."""
    groups = []
    for name, param, title in (("district", "district", t("依行政區", "By district")),
                               ("major", "occupation", t("依職業大類", "By occupation group"))):
        chosen = request.GET.get(param, "")
        links = []
        for facet in result.facets.get(name, []):
            query = request.GET.copy()
            query.pop("page", None)
            query[param] = facet.code
            links.append({"label": facet.label, "count": facet.count, "url": f"?{query.urlencode()}",
                          "selected": facet.code == chosen})
        groups.append({"name": name, "title": title, "links": links})
    return groups


def vacancy_list(request):
    """Open vacancies: free text through the search index (relevance or newest), or
    newest first; filters, facet counts, paging. Public, no personal data."""
    form = forms.VacancyFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.VacancyFilters(
        district=data.get("district") or "", occupation=data.get("occupation") or "",
        pay_unit=data.get("pay_unit") or "", pay_min=data.get("pay_min"), hours=data.get("hours") or "",
        posted_within=data.get("posted_within"), q=data.get("q") or "", sort=data.get("sort") or "relevance",
    )
    page = _page_number(request)
    if filters.q:
        page = min(page, selectors.MAX_RESULTS // selectors.PAGE_SIZE)
    try:
        result = selectors.vacancy_search(filters=filters, page=page, facets=True)
    except ApplicationError as error:
        add_application_error(form, error, {})
        result = selectors.VacancyPage(items=[], count=0, page=1, page_size=selectors.PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "employment/vacancy_list.html", {
        "form": form, "result": result, "query": query.urlencode(), "nav": "jobs",
        "facet_groups": _facet_links(request, result),
    }, status=422 if request.GET and not form.is_valid() else 200)


def vacancy_detail(request, pk: int):
    vacancy = selectors.vacancy_get_public(pk, request.user)
    if vacancy is None:
        raise Http404
    return render(request, "employment/vacancy_detail.html", {
        "vacancy": vacancy, "nav": "jobs",
        "can_manage": request.user.is_authenticated and services.can_manage_vacancy(request.user, vacancy),
    })


# --- employers -------------------------------------------------------------------------


def _employer(request):
    if not request.user.is_authenticated or request.user.kind != UserKind.EMPLOYER or not request.user.employer_id:
        raise Http404


@login_required
def employer_vacancies(request):
    _employer(request)
    vacancies = list(reviews.with_refusal(selectors.vacancies_managed_by(request.user))[:200])
    for vacancy in vacancies:
        vacancy.refusal_label = reviews.reason_label(vacancy.refusal_reason)
    return render(request, "employment/employer_vacancies.html", {"vacancies": vacancies, "nav": "jobs_mine"})


def _vacancy_form(request, form, vacancy=None, staff=False):
    """Post or edit: the service decides; its refusals show on their fields."""
    if request.method == "POST" and form.is_valid():
        employer = None
        if staff and vacancy is None:
            data = form.cleaned_data
            employer = EmployerInput(name=data["employer_name"], business_id=data["business_id"],
                                     phone=data.get("employer_phone") or "")
        try:
            if vacancy is None:
                saved = services.vacancy_create(data=form.vacancy_input(employer), actor=request.user)
            else:
                saved = services.vacancy_update(vacancy=vacancy, data=form.vacancy_input(), actor=request.user)
        except ApplicationError as error:
            if error.status == 404:
                raise Http404 from None
            add_application_error(form, error, VACANCY_FIELDS)
        else:
            if saved.status == VacancyStatus.ACTIVE:
                messages.success(request, pick(f"職缺已刊登（編號 {saved.pk}）。", f"Vacancy {saved.pk} published."))
            else:
                messages.info(request, pick(f"職缺（編號 {saved.pk}）待審核後刊登。",
                                            f"Vacancy {saved.pk} will be published after review."))
            return None
    return form


@login_required
def employer_vacancy_new(request):
    _employer(request)
    form = _vacancy_form(request, forms.VacancyForm(request.POST or None))
    if form is None:
        return redirect("employment_employer_vacancies")
    return render(request, "employment/vacancy_form.html", {
        "form": form, "base_template": "portal/base.html", "employer": request.user.employer, "nav": "jobs_mine",
    }, status=422 if request.method == "POST" else 200)


def _initial(vacancy) -> dict:
    return {
        "title": vacancy.title, "occupation": vacancy.occupation_id, "district": vacancy.district_id,
        "address": vacancy.address, "pay_unit": vacancy.pay_unit, "pay_min": vacancy.pay_min,
        "pay_max": vacancy.pay_max, "hours": vacancy.hours, "hours_note": vacancy.hours_note,
        "openings": vacancy.openings, "education_min": vacancy.education_min,
        "closing_date": vacancy.closing_date.isoformat(), "description": vacancy.description,
        "requirements": vacancy.requirements,
    }


def _managed(request, pk: int):
    vacancy = selectors.vacancies_managed_by(request.user).filter(pk=pk).first()
    if vacancy is None:
        raise Http404
    return vacancy


@login_required
def employer_vacancy_edit(request, pk: int):
    _employer(request)
    vacancy = _managed(request, pk)
    if vacancy.status not in (VacancyStatus.ACTIVE, VacancyStatus.HELD):
        raise Http404
    form = _vacancy_form(request, forms.VacancyForm(request.POST or None, initial=_initial(vacancy)), vacancy)
    if form is None:
        return redirect("employment_employer_vacancies")
    return render(request, "employment/vacancy_form.html", {
        "form": form, "base_template": "portal/base.html", "vacancy": vacancy, "employer": vacancy.employer,
        "nav": "jobs_mine",
    }, status=422 if request.method == "POST" else 200)


@login_required
@require_POST
def vacancy_action(request, pk: int, action: str):
    """Withdraw or mark filled (the employer, or the service staff)."""
    if action not in ("withdraw", "fill"):
        raise Http404
    vacancy = _managed(request, pk)
    try:
        services.vacancy_transition(vacancy=vacancy, action=action, actor=request.user,
                                    note=request.POST.get("note", "")[:200])
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, error.message)
    else:
        messages.success(request, pick("已撤回職缺。", "Vacancy withdrawn.") if action == "withdraw"
                         else pick("已標示額滿。", "Marked filled."))
    if request.user.kind == UserKind.STAFF:
        return redirect("employment_staff_vacancy", pk=pk)
    return redirect("employment_employer_vacancies")


@login_required
def employer_referrals(request):
    _employer(request)
    referrals = list(selectors.referrals_for(request.user)[:200])
    return render(request, "employment/employer_referrals.html", {"referrals": referrals, "nav": "jobs_referrals"})


def _answer(request, referral):
    form = forms.AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_answer(referral=referral, outcome=data["outcome"], reason=data.get("reason") or "",
                                     note=data.get("note") or "", actor=request.user)
        except ApplicationError as error:
            if error.status == 404:
                raise Http404 from None
            add_application_error(form, error)
        else:
            messages.success(request, pick("已回覆推介結果。", "Outcome recorded."))
            return None
    return form


@login_required
def employer_referral(request, pk: int):
    """A referred seeker's profile for the employer (never the groups or the notes) and
    the answer form."""
    _employer(request)
    referral = selectors.referrals_for(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404
    access_log_record(user=request.user, action="view", object_type="job_seeker", object_id=referral.seeker_id,
                      purpose="雇主檢視推介求職人", object_label=referral.seeker.person.name)
    form = _answer(request, referral)
    if form is None:
        return redirect("employment_employer_referrals")
    seeker = JobSeeker.objects.prefetch_related("desired_occupations").get(pk=referral.seeker_id)
    return render(request, "employment/referral_answer.html", {
        "referral": referral, "seeker": seeker, "form": form, "base_template": "portal/base.html",
        "nav": "jobs_referrals",
    }, status=422 if request.method == "POST" else 200)


# --- citizens --------------------------------------------------------------------------


def _citizen(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    if request.user.person_id is None:
        messages.info(request, pick("請先完成身分資料。", "Please complete your identity details first."))
        return redirect("portal_register")
    return None


@login_required
def seeker_profile(request):
    """求職登記: register, or update the registration."""
    early = _citizen(request)
    if early:
        return early
    seeker = selectors.my_registration(request.user)
    initial = forms.SeekerForm.initial_from(seeker) if seeker else {}
    form = forms.SeekerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if seeker is None:
                services.job_seeker_register(profile=form.profile(), actor=request.user)
            else:
                services.job_seeker_update(seeker=seeker, profile=form.profile(), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已完成求職登記。", "Your registration is saved."))
            return redirect("employment_seeker_profile")
    return render(request, "employment/seeker_form.html", {
        "form": form, "seeker": seeker, "base_template": "portal/base.html", "portal": True,
        "status_form": forms.SeekerStatusForm(initial={"status": seeker.status}) if seeker else None,
        "nav": "job_seeker",
    }, status=422 if request.method == "POST" else 200)


@login_required
@require_POST
def seeker_status(request):
    early = _citizen(request)
    if early:
        return early
    seeker = selectors.my_registration(request.user)
    form = forms.SeekerStatusForm(request.POST)
    if seeker is None or not form.is_valid():
        raise Http404
    services.job_seeker_set_status(seeker=seeker, status=form.cleaned_data["status"], actor=request.user)
    messages.success(request, pick("已更新求職狀態。", "Status updated."))
    return redirect("employment_seeker_profile")


@login_required
def seeker_referrals(request):
    early = _citizen(request)
    if early:
        return early
    referrals = list(selectors.referrals_for(request.user)[:200])
    return render(request, "employment/seeker_referrals.html", {"referrals": referrals, "nav": "job_seeker"})


# --- staff -----------------------------------------------------------------------------


def _reader(request):
    if not services.can_read(request.user):
        raise Http404


@staff_required
def staff_seekers(request):
    _reader(request)
    status = request.GET.get("status", "")
    status = status if status in SeekerStatus.values else ""
    name = request.GET.get("name", "").strip()[:40]
    text = request.GET.get("q", "").strip()[:selectors.MAX_QUERY]
    if text:
        seekers, total = selectors.seeker_search(user=request.user, q=text, status=status, name=name)
    else:
        seekers = list(selectors.seeker_list(user=request.user, status=status, name=name)[:100])
        total = None
    if seekers:
        access_log_record(user=request.user, action="search", object_type="job_seekers", object_id="list",
                          purpose="就業服務（求職人清單）", object_label=f"{len(seekers)} seekers")
    return render(request, "employment/staff_seekers.html", {
        "seekers": seekers, "status": status, "name": name, "q": text, "total": total,
        "statuses": SeekerStatus.choices,
        "can_serve": services.can_serve(request.user), "nav": "employment",
    })


@staff_required
def staff_seeker_new(request):
    if not services.can_serve(request.user):
        raise Http404
    form = forms.StaffSeekerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = PersonInput(id_number=data["id_number"], name=data["name"], birth_date=data.get("birth_date"),
                             phone=data.get("phone") or "", email=data.get("email") or "")
        try:
            seeker = services.job_seeker_register(profile=form.profile(), actor=request.user, person=person)
        except ApplicationError as error:
            add_application_error(form, error, SEEKER_FIELDS)
        else:
            messages.success(request, pick("已完成求職登記。", "Registered."))
            return redirect("employment_staff_seeker", pk=seeker.pk)
    return render(request, "employment/seeker_form.html", {
        "form": form, "base_template": "backoffice/base.html", "portal": False, "nav": "employment",
    }, status=422 if request.method == "POST" else 200)


def _staff_seeker(request, pk: int, purpose: str) -> JobSeeker:
    _reader(request)
    seeker = (selectors.seekers_readable_by(request.user).prefetch_related("desired_occupations", "districts")
              .filter(pk=pk).first())
    if seeker is None:
        raise Http404
    access_log_record(user=request.user, action="view", object_type="job_seeker", object_id=seeker.pk,
                      purpose=purpose, object_label=seeker.person.name)
    return seeker


@staff_required
def staff_seeker(request, pk: int):
    """The registration, counselling notes, referrals; add a note, refer."""
    seeker = _staff_seeker(request, pk, "就業服務（求職人資料）")
    note_form = forms.NoteForm()
    referral_form = forms.ReferralForm()
    status = 200
    if request.method == "POST":
        if not services.can_serve(request.user):
            raise Http404
        try:
            if request.POST.get("action") == "note":
                note_form = forms.NoteForm(request.POST)
                if note_form.is_valid():
                    services.counselling_note_add(seeker=seeker, text=note_form.cleaned_data["text"],
                                                  actor=request.user)
                    messages.success(request, pick("已新增諮詢紀錄。", "Note added."))
                    return redirect(request.path)
            elif request.POST.get("action") == "refer":
                referral_form = forms.ReferralForm(request.POST)
                if referral_form.is_valid():
                    vacancy = selectors.vacancies_managed_by(request.user).filter(
                        pk=referral_form.cleaned_data["vacancy_id"]).first()
                    if vacancy is None:
                        raise ApplicationError("查無此職缺。", "No such vacancy.", field="vacancy_id")
                    services.referral_create(seeker=seeker, vacancy=vacancy, actor=request.user,
                                             message=referral_form.cleaned_data["message"])
                    messages.success(request, pick("已推介並通知雇主。", "Referred; the employer was told."))
                    return redirect(request.path)
            elif request.POST.get("action") == "status":
                status_form = forms.SeekerStatusForm(request.POST)
                if status_form.is_valid():
                    services.job_seeker_set_status(seeker=seeker, status=status_form.cleaned_data["status"],
                                                   actor=request.user)
                    return redirect(request.path)
        except ApplicationError as error:
            target = note_form if request.POST.get("action") == "note" else referral_form
            add_application_error(target, error, {"seeker_id": "__all__", "text": "text"})
        status = 422
    matches = matching.seeker_matches(seeker=seeker, actor=request.user) if seeker.status == SeekerStatus.ACTIVE \
        else []
    return render(request, "employment/staff_seeker.html", {
        "seeker": seeker, "notes": list(seeker.notes.select_related("author")), "matches": matches,
        "exclusions": list(MatchOverride.objects.filter(seeker=seeker).select_related("vacancy", "by")),
        "referrals": list(seeker.referrals.select_related("vacancy__employer", "counsellor")),
        "note_form": note_form, "referral_form": referral_form,
        "status_form": forms.SeekerStatusForm(initial={"status": seeker.status}),
        "can_serve": services.can_serve(request.user), "nav": "employment",
    }, status=status)


@staff_required
def staff_seeker_edit(request, pk: int):
    seeker = _staff_seeker(request, pk, "就業服務（更新求職登記）")
    if not services.can_serve(request.user):
        raise Http404
    form = forms.SeekerForm(request.POST or None, initial=forms.SeekerForm.initial_from(seeker))
    if request.method == "POST" and form.is_valid():
        try:
            services.job_seeker_update(seeker=seeker, profile=form.profile(), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已更新求職登記。", "Registration updated."))
            return redirect("employment_staff_seeker", pk=seeker.pk)
    return render(request, "employment/seeker_form.html", {
        "form": form, "seeker": seeker, "base_template": "backoffice/base.html", "portal": False,
        "nav": "employment",
    }, status=422 if request.method == "POST" else 200)


@staff_required
def staff_vacancies(request):
    _reader(request)
    status = request.GET.get("status", "")
    queryset = selectors.vacancies_managed_by(request.user)
    if status in VacancyStatus.values:
        queryset = queryset.filter(status=status)
    vacancies = list(queryset[:200])
    return render(request, "employment/staff_vacancies.html", {
        "vacancies": vacancies, "status": status, "statuses": VacancyStatus.choices,
        "can_serve": services.can_serve(request.user), "nav": "employment",
    })


@staff_required
def staff_vacancy_new(request):
    if not services.can_serve(request.user):
        raise Http404
    form = _vacancy_form(request, forms.StaffVacancyForm(request.POST or None), staff=True)
    if form is None:
        return redirect("employment_staff_vacancies")
    return render(request, "employment/vacancy_form.html", {
        "form": form, "base_template": "backoffice/base.html", "nav": "employment",
    }, status=422 if request.method == "POST" else 200)


@staff_required
def staff_vacancy(request, pk: int):
    _reader(request)
    vacancy = _managed(request, pk)
    referrals = list(Referral.objects.filter(vacancy=vacancy).select_related("seeker__person", "counsellor"))
    matches = matching.vacancy_matches(vacancy=vacancy, actor=request.user) if vacancy.status == VacancyStatus.ACTIVE \
        else []
    return render(request, "employment/staff_vacancy.html", {
        "vacancy": vacancy, "referrals": referrals, "events": list(vacancy.events.select_related("actor")),
        "matches": matches,
        "can_serve": services.can_serve(request.user), "nav": "employment",
    })


@staff_required
def staff_referral(request, pk: int):
    """A counsellor records the employer's answer given by phone."""
    _reader(request)
    referral = selectors.referrals_for(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404
    if request.method == "POST" and not services.can_serve(request.user):
        raise Http404
    form = _answer(request, referral)
    if form is None:
        return redirect("employment_staff_vacancy", pk=referral.vacancy_id)
    seeker = JobSeeker.objects.prefetch_related("desired_occupations").get(pk=referral.seeker_id)
    return render(request, "employment/referral_answer.html", {
        "referral": referral, "seeker": seeker, "form": form, "base_template": "backoffice/base.html",
        "nav": "employment",
    }, status=422 if request.method == "POST" else 200)


@staff_required
def staff_figures(request):
    _reader(request)
    form = forms.FiguresForm(request.GET or None)
    today = timezone.localdate()
    date_from, date_to = today.replace(month=1, day=1), today
    if form.is_valid():
        date_from = form.cleaned_data.get("date_from") or date_from
        date_to = form.cleaned_data.get("date_to") or date_to
    if date_to < date_from or (date_to - date_from) > timedelta(days=3660):
        date_to = date_from + timedelta(days=365)
    figures = selectors.placement_figures(user=request.user, date_from=date_from, date_to=date_to)
    return render(request, "employment/staff_figures.html", {
        "form": form, "figures": figures, "date_from": date_from, "date_to": date_to, "nav": "employment",
    })
