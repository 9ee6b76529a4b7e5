"""Pages: staff lists and forms of construction projects and machinery certificates (with
the certificates expiring within 60 days), the 丁類 review queue and the inspector's
review step; on the portal, the employer's applications, the application and the
supplement. Thin: forms parse, services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import Establishment, UserKind
from laborbureau.inspection.hazardous import selectors, services
from laborbureau.inspection.hazardous.forms import (
    ApplicationForm,
    CertificateForm,
    ProjectForm,
    ReviewActionForm,
    SupplementForm,
)
from laborbureau.inspection.hazardous.models import ReviewStatus
from laborbureau.inspection.inspections import services as inspection_services

PAGE_SIZE = 50


def _lio(request) -> None:
    if not selectors.is_lio_staff(request.user):
        raise Http404


def _site(establishment_id: int) -> Establishment:
    site = Establishment.objects.select_related("employer").filter(pk=establishment_id).first()
    if site is None:
        raise ApplicationError("找不到此廠場。", "No such establishment.", field="establishment_id")
    return site


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _form_page(request, form, *, title, intro="", status=200):
    return render(request, "hazardous/form.html", {"form": form, "title": title, "intro": intro,
                                                   "nav": "programs"}, status=status)


@staff_required
def staff_projects(request):
    _lio(request)
    type_d = {"1": True, "0": False}.get(request.GET.get("type_d", ""))
    q = (request.GET.get("q") or "").strip()[:60]
    page = _page(request, selectors.construction_projects(request.user, q=q, type_d=type_d))
    return render(request, "hazardous/projects.html", {"page": page, "q": q, "type_d": request.GET.get("type_d", ""),
                                                       "nav": "programs"})


@staff_required
def staff_project_edit(request, pk: int | None = None):
    _lio(request)
    project = None
    if pk is not None:
        project = selectors.construction_project_get(request.user, pk)
        if project is None:
            raise Http404
    initial = ({"establishment_id": project.establishment_id, "name": project.name, "starts_on": project.starts_on,
                "ends_on": project.ends_on} if project else None)
    form = ProjectForm(request.POST or None, initial=initial)
    if project:
        form.fields["establishment_id"].disabled = True
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                if project:
                    inspection_services.construction_project_update(
                        project=project, name=data["name"], starts_on=data["starts_on"], ends_on=data["ends_on"],
                        actor=request.user)
                else:
                    inspection_services.construction_project_record(
                        establishment=_site(data["establishment_id"]), name=data["name"], starts_on=data["starts_on"],
                        ends_on=data["ends_on"], type_d=False, actor=request.user)
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error, {})
            else:
                messages.success(request, pick("已儲存工程資料。", "Project saved."))
                return redirect("hazardous_projects")
    title = pick("修改營造工程", "Edit construction project") if project else pick("登錄營造工程", "Record a construction project")
    return _form_page(request, form, title=title, status=status,
                      intro=pick("丁類危險性工作場所之認定由審查案核定，不在此修改。",
                                 "The type D flag is set by an approved review, not here."))


@staff_required
def staff_certificates(request):
    _lio(request)
    expiring = request.GET.get("expiring") == "1"
    today = timezone.localdate()
    page = _page(request, selectors.machinery_certificates(request.user, on=today, expiring=expiring))
    return render(request, "hazardous/certificates.html", {"page": page, "expiring": expiring, "today": today,
                                                           "days": selectors.EXPIRING_DAYS, "nav": "programs"})


@staff_required
def staff_certificate_edit(request, pk: int | None = None):
    _lio(request)
    certificate = None
    if pk is not None:
        certificate = selectors.machinery_certificate_get(request.user, pk)
        if certificate is None:
            raise Http404
    initial = ({"establishment_id": certificate.establishment_id, "kind": certificate.kind,
                "serial": certificate.serial, "inspected_on": certificate.inspected_on} if certificate else None)
    form = CertificateForm(request.POST or None, initial=initial)
    if certificate:
        form.fields["establishment_id"].disabled = True
        form.fields["kind"].disabled = True
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                if certificate:
                    inspection_services.machinery_certificate_update(
                        certificate=certificate, serial=data["serial"], inspected_on=data["inspected_on"],
                        months=data.get("months"), actor=request.user)
                else:
                    inspection_services.machinery_certificate_record(
                        establishment=_site(data["establishment_id"]), kind=data["kind"], serial=data["serial"],
                        inspected_on=data["inspected_on"], months=data.get("months"), actor=request.user)
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error, {})
            else:
                messages.success(request, pick("已儲存合格證資料。", "Certificate saved."))
                return redirect("hazardous_certificates")
    title = pick("修改危險性機械合格證", "Edit a machinery certificate") if certificate else pick(
        "登錄危險性機械合格證", "Record a machinery certificate")
    return _form_page(request, form, title=title, status=status, intro=pick(
        "有效期限及定期檢查申請期限依危險性機械及設備安全檢查規則計算。",
        "Validity and the periodic-inspection deadline follow the Regulations for Safety Inspection of Dangerous Machinery."))


@staff_required
def staff_reviews(request):
    _lio(request)
    status = request.GET.get("status", "")
    status = status if status in ReviewStatus.values else ""
    page = _page(request, selectors.reviews(request.user, status=status))
    return render(request, "hazardous/reviews.html", {"page": page, "status": status,
                                                      "statuses": ReviewStatus.choices, "nav": "programs"})


@staff_required
def staff_review_act(request, number: str):
    _lio(request)
    review = selectors.review_get(request.user, number)
    if review is None:
        raise Http404
    form = ReviewActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            action = data["action"]
            payload = ({"site_checked_on": data.get("site_checked_on"), "note": data["note"]}
                       if action == "propose_approval" else {"reason": data["note"]})
            try:
                services.review_act(review=review, actor=request.user, name=action, data=payload)
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error, {"reason": "note", "on": "site_checked_on"})
            else:
                messages.success(request, pick("已送出審查結果。", "Review recorded."))
                return redirect("staff_case", number=review.case.number)
    return render(request, "hazardous/review_act.html", {"form": form, "review": review, "nav": "programs"},
                  status=status)


# --- portal -----------------------------------------------------------------------------------


def _employer(request) -> None:
    if request.user.kind != UserKind.EMPLOYER or not request.user.employer_id:
        raise Http404


@login_required
def portal_reviews(request):
    _employer(request)
    rows = list(selectors.reviews(request.user)[:100])
    return render(request, "hazardous/portal_reviews.html", {"rows": rows, "nav": "mine"})


@login_required
def portal_review_new(request):
    _employer(request)
    projects = list(selectors.employer_projects(request.user))
    form = ApplicationForm(request.POST or None, request.FILES or None, projects=projects)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            project = next((p for p in projects if p.pk == data["project"]), None)
            documents = [services.Document("SAFETY_ASSESSMENT", data["safety_assessment"].name,
                                           data["safety_assessment"].read())]
            documents += [services.Document("OTHER", upload.name, upload.read())
                          for upload in data.get("other_documents") or []]
            try:
                review = services.review_apply(
                    actor=request.user, project=project, work_starts_on=data["work_starts_on"],
                    measures={name: data.get(name) for name in (*services.MEASURE_FIELDS, "bridge_multi_span",
                                                                "compressed_air")},
                    documents=documents)
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error, {"measures": "building_height_m", "file": "safety_assessment",
                                                    "documents": "other_documents"})
            else:
                messages.success(request, pick(f"已送出審查申請 {review.case.number}。",
                                               f"Application {review.case.number} sent."))
                return redirect("portal_case", number=review.case.number)
    return render(request, "hazardous/portal_apply.html", {"form": form, "has_projects": bool(projects),
                                                           "nav": "mine"}, status=status)


@login_required
def portal_review_supplement(request, number: str):
    _employer(request)
    review = selectors.review_get(request.user, number)
    if review is None:
        raise Http404
    form = SupplementForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.review_supplement(review=review, actor=request.user, note=data["note"], documents=[
                    services.Document("OTHER", upload.name, upload.read()) for upload in data.get("documents") or []])
            except ApplicationError as error:
                if error.status == 403:
                    raise Http404 from None
                add_application_error(form, error, {"file": "documents"})
            else:
                messages.success(request, pick("已送出補正資料。", "Supplement sent."))
                return redirect("portal_case", number=review.case.number)
    return render(request, "hazardous/portal_supplement.html", {"form": form, "review": review, "nav": "mine"},
                  status=status)
