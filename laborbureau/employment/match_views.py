"""Pages of matching: a seeker's own matches on the portal; the counsellor's exclusions;
bulk runs with their progress and results (staff). The match lists on the staff seeker
and vacancy pages are drawn by views.py with the same template (_match_list.html)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import UserKind
from laborbureau.core.services import access_log_record
from laborbureau.employment import forms, matching, selectors, services
from laborbureau.employment.models import JobSeeker, MatchOverride, MatchRun, MatchRunStatus, SeekerStatus

RUN_PAGE_ROWS = 200


@login_required
def seeker_matches(request):
    """「為我推薦的職缺」: the citizen's own best vacancies with the reasons."""
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    seeker = selectors.my_registration(request.user)
    matches = []
    if seeker is not None and seeker.status == SeekerStatus.ACTIVE:
        matches = matching.seeker_matches(seeker=seeker, actor=request.user)
    return render(request, "employment/seeker_matches.html", {
        "seeker": seeker, "matches": matches, "nav": "job_seeker",
    })


def _served_seeker(request, pk: int) -> JobSeeker:
    if not services.can_serve(request.user):
        raise Http404
    seeker = selectors.seekers_readable_by(request.user).filter(pk=pk).first()
    if seeker is None:
        raise Http404
    return seeker


@staff_required
@require_POST
def staff_match_exclude(request, pk: int):
    seeker = _served_seeker(request, pk)
    form = forms.ExcludeMatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, pick("請填寫排除原因（至少2字）。", "Give the reason (2 characters or more)."))
        return redirect("employment_staff_seeker", pk=seeker.pk)
    vacancy = selectors.vacancies_managed_by(request.user).filter(pk=form.cleaned_data["vacancy_id"]).first()
    if vacancy is None:
        raise Http404
    try:
        matching.match_exclude(seeker=seeker, vacancy=vacancy, reason=form.cleaned_data["reason"], actor=request.user)
    except ApplicationError as error:
        messages.error(request, pick(error.message_zh, error.message_en))
    else:
        messages.success(request, pick("已排除此職缺。", "The vacancy is excluded."))
    return redirect("employment_staff_seeker", pk=seeker.pk)


@staff_required
@require_POST
def staff_match_include(request, pk: int, vacancy_pk: int):
    seeker = _served_seeker(request, pk)
    override = get_object_or_404(MatchOverride, seeker=seeker, vacancy_id=vacancy_pk)
    matching.match_include(override=override, actor=request.user)
    messages.success(request, pick("已取消排除。", "The vacancy is back in the matches."))
    return redirect("employment_staff_seeker", pk=seeker.pk)


@staff_required
def staff_match_runs(request):
    """Bulk runs: the list, and a form to start one."""
    if not services.can_read(request.user):
        raise Http404
    form = forms.MatchRunForm(request.POST or None)
    if request.method == "POST":
        if not services.can_serve(request.user):
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            ids = data["seeker_ids"]
            if not ids and (data["occupation"] or data["district"]):
                chosen = JobSeeker.objects.filter(status=SeekerStatus.ACTIVE, consent_to_matching=True)
                if data["occupation"]:
                    chosen = chosen.filter(desired_occupations=data["occupation"])
                if data["district"]:
                    chosen = chosen.filter(districts=data["district"])
                ids = list(chosen.values_list("pk", flat=True).distinct()[: matching.MAX_RUN_SEEKERS + 1])
            try:
                run = matching.match_run_start(seeker_ids=ids, actor=request.user, label=data["label"])
            except ApplicationError as error:
                add_application_error(form, error, {"seeker_ids": "seeker_ids", "label": "label"})
            else:
                messages.success(request, pick("已排入背景執行。", "Queued for the background worker."))
                return redirect("employment_staff_match_run", pk=run.pk)
    runs = list(MatchRun.objects.select_related("requested_by")[:50])
    return render(request, "employment/staff_match_runs.html", {
        "form": form, "runs": runs, "can_serve": services.can_serve(request.user), "nav": "employment",
    }, status=422 if request.method == "POST" else 200)


@staff_required
def staff_match_run(request, pk: int):
    """A run's progress (the page refreshes itself while it runs) and its results."""
    if not services.can_read(request.user):
        raise Http404
    run = get_object_or_404(MatchRun, pk=pk)
    running = run.status in (MatchRunStatus.QUEUED, MatchRunStatus.RUNNING)
    rows = [] if running else matching.run_results(run, limit=RUN_PAGE_ROWS)
    if rows:
        access_log_record(user=request.user, action="view", object_type="match_run", object_id=run.pk,
                          purpose="就業服務（批次配對結果）", object_label=run.label)
    return render(request, "employment/staff_match_run.html", {
        "run": run, "running": running, "rows": rows, "shown": RUN_PAGE_ROWS, "nav": "employment",
        "can_serve": services.can_serve(request.user),
    })
