"""Public pages and the citizen's and employer's own records. Presentation only:
reads go through cases.access scoping, writes through the services."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from laborbureau.cases import access as case_access
from laborbureau.cases import services as case_services
from laborbureau.cases import workflows
from laborbureau.cases.models import Attachment, Case
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import UserKind
from laborbureau.documents import selectors as document_selectors
from laborbureau.portal.forms import EmployerSignupForm, RegisterForm


def home(request):
    return render(request, "portal/home.html", {"nav": "home"})


def services(request):
    return render(request, "portal/services.html", {"nav": "services"})


def register(request):
    if request.user.is_authenticated:
        return redirect("portal_home")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = core_services.citizen_account_create(
                username=data["username"],
                password=data["password1"],
                person_data=core_services.PersonInput(
                    id_number=data["id_number"],
                    name=data["name"],
                    birth_date=data["birth_date"],
                    email=data["email"],
                    phone=data.get("phone") or "",
                ),
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, pick("帳號已建立。", "Your account is ready."))
            return redirect("portal_home")
    status = 422 if request.method == "POST" else 200
    return render(request, "portal/register.html", {"form": form}, status=status)


def register_employer(request):
    """事業單位註冊: an employer opens its own account; it is signed in at once and may
    use the portal while an officer checks the account."""
    if request.user.is_authenticated:
        return redirect("portal_home")
    form = EmployerSignupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = core_services.employer_account_create(
                    data=core_services.EmployerSignupInput(
                        business_id=data["business_id"],
                        employer_name=data["employer_name"],
                        employer_address=data["employer_address"],
                        contact_name=data["contact_name"],
                        contact_email=data["contact_email"],
                        contact_phone=data["contact_phone"],
                        username=data["username"],
                        password=data["password1"],
                    )
                )
            except ApplicationError as error:
                add_application_error(form, error, {"password": "password1"})
                status = 429 if error.status == 429 else 409 if error.status == 409 else 422
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    pick(
                        "事業單位帳號已建立，即可使用。本局將於近日確認帳號，確認前部分服務可能需較長處理時間。",
                        "Your employer account is ready to use. The department will confirm it shortly; until "
                        "then some services may take longer.",
                    ),
                )
                return redirect(_employer_landing())
    return render(request, "portal/register_employer.html", {"form": form}, status=status)


def _employer_landing() -> str:
    """The employer's job bank page when the job bank is installed, else the portal home
    (the portal does not import the programs)."""
    try:
        return reverse("employment_employer_vacancies")
    except NoReverseMatch:
        return reverse("portal_home")


def _portal_user(request):
    if request.user.kind == UserKind.STAFF:
        raise Http404
    return request.user


@login_required
def portal_home(request):
    user = _portal_user(request)
    cases = case_access.cases_readable_by(user).select_related("unit").order_by("-opened_at")[:200]
    rows = [(case, workflows.get(case.case_type), workflows.get(case.case_type).state(case.status)) for case in cases]
    return render(request, "portal/my_cases.html", {"rows": rows, "nav": "mine"})


def _case_for_party(request, number: str) -> Case:
    user = _portal_user(request)
    case = case_access.cases_readable_by(user).filter(number=number).select_related("unit").first()
    if case is None:
        raise Http404
    return case


@login_required
def portal_case(request, number: str):
    case = _case_for_party(request, number)
    workflow = workflows.get(case.case_type)
    context = {
        "case": case,
        "workflow": workflow,
        "state": workflow.state(case.status),
        "timeline": _public_timeline(case, workflow),
        "attachments": case.attachments.filter(visible_to_parties=True).order_by("created_at"),
        "documents": document_selectors.case_documents(request.user, case),
        "transitions": case_services.transitions_available(request.user, case),
        "nav": "mine",
    }
    if workflow.portal_panel:
        context["panel_template"], panel_context = workflow.portal_panel(case, request.user)
        context.update(panel_context)
    return render(request, "portal/case_detail.html", context)


def _public_timeline(case: Case, workflow: workflows.Workflow) -> list[dict]:
    """What a party sees of the timeline: the public steps, in words they understand."""
    rows = []
    for entry in case.timeline.filter(visible_to_parties=True).order_by("seq"):
        zh, en = entry.text, entry.text
        if entry.kind == "opened":
            zh, en = "收件", "Received"
        elif entry.kind == "transition":
            state = workflow.state(entry.to_status)
            transition = workflow.transition(entry.transition)
            zh = state.label_public_zh or state.label_zh
            en = state.label_public_en or state.label_en
            if transition.public_note_zh:
                zh, en = f"{zh}：{transition.public_note_zh}", f"{en}: {transition.public_note_en}"
        elif entry.kind == "attachment":
            zh, en = f"附件：{entry.text}", f"Attachment: {entry.text}"
        elif entry.kind == "document":
            zh, en = f"公文：{entry.text}", f"Document: {entry.text}"
        rows.append({"at": entry.at, "text": pick(zh, en)})
    return rows


@login_required
@require_POST
def portal_case_transition(request, number: str, name: str):
    case = _case_for_party(request, number)
    try:
        case_services.case_transition(case=case, name=name, actor=request.user, data=request.POST.dict())
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, pick("已送出。", "Done."))
    return redirect("portal_case", number=number)


@login_required
@require_POST
def portal_case_attach(request, number: str):
    case = _case_for_party(request, number)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ApplicationError("請選擇檔案。", "Choose a file.", field="file")
        case_services.attachment_add(case=case, actor=request.user, name=upload.name, content=upload.read())
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, pick("附件已上傳。", "File uploaded."))
    return redirect("portal_case", number=number)


@login_required
def portal_attachment(request, number: str, attachment_id: int):
    case = _case_for_party(request, number)
    attachment = get_object_or_404(Attachment, pk=attachment_id, case=case, visible_to_parties=True)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
        content_type=attachment.content_type,
    )
