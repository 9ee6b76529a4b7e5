"""Pages of the registries: employers apply on the portal; the public list of
registrations in force; the e-newsletter's subscription and archive; the office's staff
pages (applications, audits, monitored works, the compilation, the newsletter). The
review and decisions themselves happen on the generic case page (/staff/cases/<number>/),
where the workflow's steps and the chief's sign-off are. Thin: forms parse, services decide."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError, NotFound
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import Role, User, UserKind
from laborbureau.inspection.registries import forms, selectors, services
from laborbureau.inspection.registries.models import EXPIRY_REMINDER_DAYS, NewsletterIssue, RegistryKind

LIST_LIMIT = 200


def _lio(request) -> None:
    if not selectors.is_lio_staff(request.user):
        raise Http404


# --- portal -----------------------------------------------------------------------------------


@login_required
def portal_list(request):
    if request.user.kind != UserKind.EMPLOYER:
        raise Http404
    registrations = selectors.registrations_readable_by(request.user)[:LIST_LIMIT]
    return render(request, "registries/portal_list.html", {"registrations": registrations})


@login_required
def portal_apply(request):
    if request.user.kind != UserKind.EMPLOYER:
        raise Http404
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_apply(
                data=services.RegistrationInput(
                    kind=data["kind"], name=data["name"], description=data["description"], address=data["address"],
                    district=data["district"], contact_email=data["contact_email"],
                    personnel_name=data["personnel_name"], personnel_role=data["personnel_role"],
                    personnel_certificate=data["personnel_certificate"],
                    files=[(f.name, f.read()) for f in data.get("files") or []]),
                actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, {"file": "files"})
        else:
            messages.success(request, pick(f"已收件，案號 {registration.case.number}。",
                                           f"Received as {registration.case.number}."))
            return redirect("portal_case", registration.case.number)
    return render(request, "registries/portal_apply.html", {"form": form})


def public_list(request):
    form = forms.PublicFilterForm(request.GET or None)
    kind = district = ""
    if form.is_valid():
        kind, district = form.cleaned_data["kind"], form.cleaned_data["district"]
    registrations = selectors.public_registrations(kind=kind, district=district)[:500]
    return render(request, "registries/public_list.html", {"form": form, "registrations": registrations})


# --- the e-newsletter (public) ----------------------------------------------------------------


def newsletter(request):
    form = forms.SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_request(email=form.cleaned_data["email"])
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("若地址正確，確認信已寄出，請點選信中連結完成訂閱。",
                                           "If the address is right, a confirmation e-mail is on its way."))
            return redirect("registries_newsletter")
    issues = selectors.newsletter_issues_sent()[:120]
    return render(request, "registries/newsletter.html", {"form": form, "issues": issues})


def newsletter_issue(request, issue_id: int):
    issue = selectors.newsletter_issues_sent().filter(pk=issue_id).first()
    if issue is None:
        raise Http404
    return render(request, "registries/newsletter_issue.html", {"issue": issue})


@require_http_methods(["GET", "POST"])
def newsletter_confirm(request, token: str):
    # GET shows a button; the POST confirms (a mail scanner's GET must not subscribe anyone).
    if request.method == "POST":
        try:
            services.subscription_confirm(token=token)
        except NotFound:
            raise Http404 from None
        messages.success(request, pick("已完成訂閱。", "You are subscribed."))
        return redirect("registries_newsletter")
    return render(request, "registries/newsletter_token.html", {"confirm": True})


@csrf_exempt  # one-click unsubscribe from a mail client (RFC 8058): the token is the credential
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token: str):
    if request.method == "POST":
        try:
            services.subscription_unsubscribe(token=token)
        except NotFound:
            raise Http404 from None
        messages.success(request, pick("已取消訂閱。", "You are unsubscribed."))
        return redirect("registries_newsletter")
    return render(request, "registries/newsletter_token.html", {"confirm": False})


# --- staff ------------------------------------------------------------------------------------


@staff_required
def staff_list(request):
    _lio(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in RegistryKind.values else ""
    status = request.GET.get("status", "")[:40]
    registrations = selectors.registration_list(request.user, kind=kind, status=status)[:LIST_LIMIT]
    expiring = selectors.registrations_expiring(request.user)[:LIST_LIMIT]
    return render(request, "registries/staff_list.html", {
        "registrations": registrations, "kind": kind, "status": status, "kinds": RegistryKind.choices,
        "expiring": expiring, "lead_days": EXPIRY_REMINDER_DAYS[0]})


def _inspectors():
    return [(str(u.pk), u.label) for u in User.objects.filter(
        kind=UserKind.STAFF, is_active=True, unit__code="LIO", role__in=(Role.INSPECTOR, Role.SECTION_CHIEF))
        .order_by("role", "username")]


@staff_required
def staff_audits(request):
    _lio(request)
    form = forms.AuditForm(request.POST or None, inspectors=_inspectors())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        registration = selectors.registration_get(request.user, data["registration_number"])
        try:
            if registration is None:
                raise ApplicationError("找不到此登錄案。", "No such registration.", field="registration_number")
            services.audit_schedule(registration=registration, scheduled_on=data["scheduled_on"],
                                    inspector=User.objects.get(pk=int(data["inspector"])), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, {"registration": "registration_number"})
        else:
            messages.success(request, pick("已排定查核。", "Audit scheduled."))
            return redirect("registries_staff_audits")
    return render(request, "registries/staff_audits.html", {"form": form, "audits": selectors.audits_upcoming()})


@staff_required
def staff_audit(request, audit_id: int):
    _lio(request)
    audit = selectors.audit_get(audit_id)
    if audit is None:
        raise Http404
    form = forms.AuditResultForm(request.POST or None, initial={"conducted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_record(audit=audit, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已登錄查核結果。", "Result recorded."))
            return redirect("registries_staff_audits")
    return render(request, "registries/staff_audit.html", {"form": form, "audit": audit})


@staff_required
def staff_works(request):
    _lio(request)
    form = forms.WorkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from laborbureau.core.models import Employer

        data = dict(form.cleaned_data)
        employer = Employer.objects.filter(pk=data.pop("employer_id")).first()
        try:
            if employer is None:
                raise ApplicationError("找不到此事業單位。", "No such employer.", field="employer_id")
            work = services.monitored_work_create(employer=employer, actor=request.user, **data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            return redirect("registries_staff_work", work.pk)
    return render(request, "registries/staff_works.html", {"form": form, "works": selectors.monitored_works()})


@staff_required
def staff_work(request, work_id: int):
    _lio(request)
    work = selectors.monitored_work_get(work_id)
    if work is None:
        raise Http404
    form = forms.CheckForm(request.POST or None, initial={"stream_available": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.monitoring_check_record(work=work, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已登錄檢視紀錄。", "Check recorded."))
            return redirect("registries_staff_work", work.pk)
    checks = work.checks.select_related("officer")[:LIST_LIMIT]
    return render(request, "registries/staff_work.html", {"form": form, "work": work, "checks": checks})


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 2000 <= year <= 2200:
        raise Http404
    return year


@staff_required
def staff_compilation(request, year: int | None = None):
    _lio(request)
    year = _year(year or request.GET.get("year") or timezone.localdate().year)
    if request.method == "POST":
        try:
            compilation = services.compilation_generate(year=year, actor=request.user)
        except ApplicationError as error:
            messages.error(request, pick(error.message_zh, error.message_en))
        else:
            messages.success(request, pick(f"已產製彙編（{compilation.entries}案）。",
                                           f"Compilation generated ({compilation.entries} cases)."))
        return redirect("registries_staff_compilation_year", year)
    return render(request, "registries/staff_compilation.html", {
        "year": year, "roc_year": year - 1911, "candidates": selectors.compilation_candidates(year),
        "editions": selectors.compilations(year)[:20]})


@staff_required
def staff_compilation_entry(request, year: int, case_number: str):
    _lio(request)
    year = _year(year)
    row = next((r for r in selectors.compilation_candidates(year) if r["case_number"] == case_number), None)
    if row is None:
        raise Http404
    entry = row["entry"]
    initial = {"summary": entry.summary, "causes": entry.causes, "prevention": entry.prevention} if entry else {
        "causes": row["findings"]}
    form = forms.EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.compilation_entry_save(year=year, case_number=case_number, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            return redirect("registries_staff_compilation_year", year)
    return render(request, "registries/staff_compilation_entry.html", {"form": form, "row": row, "year": year})


@staff_required
def staff_newsletter(request):
    _lio(request)
    form = forms.IssueForm(request.POST or None, initial={"month": timezone.localdate().replace(day=1)})
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.newsletter_issue_save(month=form.cleaned_data["month"], title=form.cleaned_data["title"],
                                                   items=form.parsed_items(), actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error, {"items.0.title": "items"})
        else:
            return redirect("registries_staff_issue", issue.pk)
    return render(request, "registries/staff_newsletter.html", {"form": form,
                                                                "issues": selectors.newsletter_issues_all()[:60]})


@staff_required
def staff_issue(request, issue_id: int):
    _lio(request)
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None:
        raise Http404
    form = forms.IssueForm(request.POST or None, initial={"month": issue.month, "title": issue.title,
                                                          "items": forms.items_text(issue.items)})
    if request.method == "POST" and request.POST.get("action") == "send":
        services.newsletter_issue_send(issue=issue, actor=request.user)
        messages.success(request, pick("已排入寄送，背景程序將寄給已確認之訂閱者。",
                                       "Queued: the worker sends it to the confirmed subscribers."))
        return redirect("registries_staff_issue", issue.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.newsletter_issue_save(month=form.cleaned_data["month"], title=form.cleaned_data["title"],
                                           items=form.parsed_items(), actor=request.user, issue=issue)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已儲存。", "Saved."))
            return redirect("registries_staff_issue", issue.pk)
    delivered = issue.deliveries.count()
    return render(request, "registries/staff_issue.html", {"form": form, "issue": issue, "delivered": delivered})


