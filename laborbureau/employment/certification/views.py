"""Pages of unemployment certification. Thin: forms parse, services decide, selectors read.

Staff (Employment Services Office) under /staff/employment/certifications/: the queue of
today's and overdue dates and applications awaiting the first certification, the claim's
page (logged), the Bureau export, events. Portal under /portal/certification/: apply, the
dates and the benefit estimate, job-search records with proof files, events. Other units'
staff and other citizens get 404.
"""

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
from laborbureau.core.services import access_log_record
from laborbureau.employment import selectors as employment_selectors
from laborbureau.employment.certification import export, forms, selectors, services
from laborbureau.employment.certification.models import Event, EventRegistration, Offer
from laborbureau.employment.models import Vacancy
from laborbureau.rules.base import RuleError


def _reader(request) -> None:
    if not services.can_read(request.user):
        raise Http404


def _claim_for_staff(request, pk: int):
    _reader(request)
    claim = selectors.certification_get(request.user, pk)
    if claim is None:
        raise Http404
    access_log_record(user=request.user, action="view", object_type="unemployment_certification", object_id=claim.pk,
                      purpose="失業認定承辦", object_label=claim.person.name)
    return claim


def _benefit(claim):
    try:
        return services.benefit_for(claim)
    except RuleError:  # an estimate only: a rule refusal (e.g. dates outside its data) hides it
        return None


# --- staff ---------------------------------------------------------------------------------


@staff_required
def staff_queue(request):
    _reader(request)
    today = timezone.localdate()
    rows = list(selectors.queue(user=request.user, today=today)[:200])
    intake = list(selectors.awaiting_intake(user=request.user)[:100])
    access_log_record(user=request.user, action="view", object_type="unemployment_certification", object_id=0,
                      purpose="失業認定待辦清單", object_label=f"{len(rows)} dates, {len(intake)} applications")
    return render(request, "certification/staff_queue.html", {
        "rows": rows, "intake": intake, "today": today, "nav": "employment", "export_form": forms.ExportForm(),
        "can_serve": services.can_serve(request.user)})


def _claim_page(request, claim, *, status: int = 200, **bound_forms):
    """The claim's staff page; `bound_forms` (e.g. `missing_form=`) replace the empty forms to
    show a refusal on its field."""
    current = next((d for d in claim.dates.all() if d.status == "SCHEDULED"), None)
    waiting = [r for r in claim.search_records.all() if r.date_id is None]
    context = {"claim": claim, "current": current, "benefit": _benefit(claim), "nav": "employment",
               "can_serve": services.can_serve(request.user), "today": timezone.localdate(),
               "first_form": forms.FirstCertificationForm(initial={"able_and_willing": True}),
               "missing_form": forms.MissingDocumentsForm(),
               "date_form": forms.DateRecordForm(records=waiting, initial={"in_person": True, "certified": "yes"}),
               "offer_form": forms.OfferForm(initial={"kind": "JOB"}), "answer_form": forms.AnswerForm(),
               "record_form": forms.RecordForm(), **bound_forms}
    return render(request, "certification/staff_claim.html", context, status=status)


@staff_required
def staff_claim(request, pk: int):
    return _claim_page(request, _claim_for_staff(request, pk))


def _done(request, pk: int, error: ApplicationError | None, ok_zh: str, ok_en: str):
    if error is not None:
        messages.error(request, error.message)
    else:
        messages.success(request, pick(ok_zh, ok_en))
    return redirect("certification_staff_claim", pk=pk)


@staff_required
@require_POST
def staff_action(request, pk: int, action: str):
    claim = _claim_for_staff(request, pk)
    if action in INTAKE_ACTIONS:
        return _intake_action(request, claim, action)
    error = None
    try:
        if action == "date":
            row = next((d for d in claim.dates.all() if d.status == "SCHEDULED"), None)
            if row is None:
                raise Http404
            waiting = [r for r in claim.search_records.all() if r.date_id is None]
            form = forms.DateRecordForm(request.POST, records=waiting)
            if not form.is_valid():
                raise ApplicationError("請檢查輸入。", "Check the form.", field="form")
            services.date_record(date_row=row, data=services.DateRecordInput(**form.cleaned_data), actor=request.user)
        elif action == "offer":
            form = forms.OfferForm(request.POST)
            if not form.is_valid():
                raise ApplicationError("請檢查輸入。", "Check the form.", field="form")
            data = form.cleaned_data
            if data["kind"] == "JOB":
                vacancy = Vacancy.objects.filter(pk=data.get("vacancy_id") or 0).first()
                if vacancy is None:
                    raise ApplicationError("查無此職缺。", "No such vacancy.", field="vacancy_id")
                services.offer_job(certification=claim, vacancy=vacancy, actor=request.user)
            else:
                services.offer_training(certification=claim, course_name=data.get("course_name") or "",
                                        provider=data.get("provider") or "", actor=request.user)
        elif action == "answer":
            offer = Offer.objects.filter(pk=request.POST.get("offer_id") or 0, certification=claim).first()
            form = forms.AnswerForm(request.POST)
            if offer is None or not form.is_valid():
                raise ApplicationError("請檢查輸入。", "Check the form.", field="form")
            services.offer_answer(offer=offer, actor=request.user, **form.cleaned_data)
        elif action == "record":
            form = forms.RecordForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ApplicationError("請檢查輸入。", "Check the form.", field="form")
            _add_record(claim, form, request.user)
        else:
            raise Http404
    except ApplicationError as caught:
        error = caught
    return _done(request, pk, error, "已記錄。", "Recorded.")


#: The first visit's actions: the first certification, or documents missing (第25條第5項).
INTAKE_ACTIONS = {
    "first": (forms.FirstCertificationForm, services.first_certification_record, "first_form",
              ("已記錄初次失業認定。", "First certification recorded.")),
    "missing": (forms.MissingDocumentsForm, services.documents_missing_record, "missing_form",
                ("已記錄未檢齊之文件並通知補正期限。", "Missing documents recorded; the worker was told the deadline.")),
}


def _intake_action(request, claim, action: str):
    """A refusal on a field shows on the claim's page (422); one on the claim as a whole (it
    changed meanwhile) as a message."""
    form_class, service, name, (ok_zh, ok_en) = INTAKE_ACTIONS[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(certification=claim, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            if error.field is None:
                return _done(request, claim.pk, error, ok_zh, ok_en)
            add_application_error(form, error)
        else:
            return _done(request, claim.pk, None, ok_zh, ok_en)
    return _claim_page(request, claim, status=422, **{name: form})


def _add_record(claim, form, user):
    data = dict(form.cleaned_data)
    upload = data.pop("file", None)
    content = None
    if upload:
        if upload.size > 50 * 1024 * 1024:  # never read a huge body into memory; the service has the real limit
            raise ApplicationError("檔案過大。", "The file is too large.", field="file")
        content = upload.read()
    return services.search_record_add(certification=claim, actor=user, data=services.SearchRecordInput(**data),
                                      content=content, file_name=upload.name if upload else "")


@staff_required
def staff_export(request):
    _reader(request)
    form = forms.ExportForm(request.GET or None)
    if form.is_valid():
        try:
            text, _count = export.bureau_export(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            response = HttpResponse(text, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (f'attachment; filename="uc-export-{form.cleaned_data["date_from"]:%Y%m%d}'
                                               f'-{form.cleaned_data["date_to"]:%Y%m%d}.csv"')
            return response
    return render(request, "certification/staff_export.html", {"form": form, "nav": "employment"},
                  status=422 if request.GET and not form.is_valid() else 200)


@staff_required
def staff_events(request):
    _reader(request)
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_create(data=services.EventInput(**form.cleaned_data), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已新增活動。", "Event created."))
            return redirect("certification_staff_events")
    return render(request, "certification/staff_events.html", {
        "events": list(selectors.events_for_staff(request.user)[:100]), "form": form, "nav": "employment",
        "can_serve": services.can_serve(request.user)}, status=422 if request.method == "POST" else 200)


@staff_required
def staff_event(request, pk: int):
    _reader(request)
    event = selectors.events_for_staff(request.user).filter(pk=pk).first()
    if event is None:
        raise Http404
    if request.method == "POST":
        registration = EventRegistration.objects.filter(pk=request.POST.get("registration_id") or 0, event=event).first()
        try:
            if registration is None:
                raise ApplicationError("查無此報名。", "No such registration.", field="registration_id")
            services.event_attendance(registration=registration, attended=request.POST.get("attended") == "yes",
                                      actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("certification_staff_event", pk=pk)
    access_log_record(user=request.user, action="view", object_type="employment_event_registrations",
                      object_id=event.pk, purpose="說明會報名名單", object_label=event.title)
    registrations = EventRegistration.objects.filter(event=event).select_related("person").order_by("pk")
    return render(request, "certification/staff_event.html", {"event": event, "registrations": registrations,
                                                               "nav": "employment"})


# --- portal -----------------------------------------------------------------------------------


def _citizen(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    if request.user.person_id is None:
        messages.info(request, pick("請先完成身分資料。", "Please complete your identity details first."))
        return redirect("portal_register")
    return None


@login_required
def my_claims(request):
    early = _citizen(request)
    if early:
        return early
    claims = list(selectors.certifications_readable_by(request.user).prefetch_related("dates").order_by("-pk"))
    return render(request, "certification/my_claims.html", {
        "claims": claims, "seeker": employment_selectors.my_registration(request.user), "nav": "job_seeker"})


@login_required
def apply(request):
    early = _citizen(request)
    if early:
        return early
    form = forms.ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.certification_apply(data=form.application(), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, forms.APPLY_FIELDS)
        else:
            messages.success(request, pick("已收到申請，請親自至就業服務處辦理初次失業認定。",
                                           "Received. Come to the employment service in person for the first "
                                           "certification."))
            return redirect("certification_mine", pk=claim.pk)
    return render(request, "certification/apply.html", {
        "form": form, "seeker": employment_selectors.my_registration(request.user), "nav": "job_seeker"},
        status=422 if request.method == "POST" else 200)


@login_required
def my_claim(request, pk: int):
    early = _citizen(request)
    if early:
        return early
    claim = selectors.certification_get(request.user, pk)
    if claim is None:
        raise Http404
    form = forms.RecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            _add_record(claim, form, request.user)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已登錄求職紀錄。", "Job-search record added."))
            return redirect("certification_mine", pk=pk)
    current = next((d for d in claim.dates.all() if d.status == "SCHEDULED"), None)
    return render(request, "certification/my_claim.html", {
        "claim": claim, "current": current, "benefit": _benefit(claim), "form": form, "nav": "job_seeker"},
        status=422 if request.method == "POST" else 200)


def events(request):
    """Upcoming briefings and workshops (public); a signed-in citizen registers."""
    rows = list(selectors.upcoming_events()[:100])
    mine = {}
    if request.user.is_authenticated and request.user.kind == UserKind.CITIZEN:
        mine = {r.event_id: r for r in selectors.my_event_registrations(request.user)}
    for event in rows:
        found = mine.get(event.pk)
        event.mine = found if found is not None and not found.cancelled else None
    return render(request, "certification/events.html", {"events": rows, "nav": "job_seeker"})


@login_required
@require_POST
def event_register(request, pk: int):
    early = _citizen(request)
    if early:
        return early
    event = Event.objects.filter(pk=pk).first()
    if event is None:
        raise Http404
    try:
        services.event_register(event=event, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, pick("報名成功。", "Registered."))
    return redirect("certification_events")


@login_required
@require_POST
def event_cancel(request, pk: int):
    early = _citizen(request)
    if early:
        return early
    registration = EventRegistration.objects.filter(pk=pk, person_id=request.user.person_id).first()
    if registration is None:
        raise Http404
    try:
        services.event_cancel_registration(registration=registration, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("certification_events")
