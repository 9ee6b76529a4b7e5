"""The staff workspace (業務工作區): presentation only.

Each view parses input, calls one selector (reads, scoped by the actor) or one
service (writes), and renders. A service's ApplicationError goes back on the form
field it names, or on the form as a whole, with its 4xx status; a case the viewer
may not read answers 404 whether it exists or not.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from laborbureau.backoffice import forms as staff_forms
from laborbureau.backoffice import panels
from laborbureau.backoffice import programs as staff_programs
from laborbureau.cases import access as case_access
from laborbureau.cases import selectors as case_selectors
from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, PartyRole, TimelineEntry
from laborbureau.core import access
from laborbureau.core import selectors as core_selectors
from laborbureau.core import services as core_services
from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.i18n import pick
from laborbureau.core.models import Role
from laborbureau.documents import selectors as document_selectors
from laborbureau.rules import roc_calendar

PAGE_SIZE = 30
CHIEF_ROLES = (Role.SECTION_CHIEF, Role.DIRECTOR)
TAKING_ROLES = (Role.CASE_OFFICER, Role.MEDIATOR, Role.INSPECTOR, Role.SECTION_CHIEF)


# --- helpers ----------------------------------------------------------------------


def _render(request, template: str, context: dict, status: int = 200):
    user = request.user
    context.setdefault("nav", "")
    context["can_read_access_log"] = core_selectors.can_read_access_log(user)
    context["can_manage_parties"] = access.can_manage_parties(user)
    context["can_read_parties"] = access.can_read_parties(user)
    return render(request, template, context, status=status)


def _attach_error(form, error: ApplicationError) -> None:
    """Put a service's error on the field it names, else on the form."""
    if error.field and form is not None and error.field in form.fields:
        form.add_error(error.field, error.message)
    elif form is not None:
        form.add_error(None, error.message)


def _raise_http(error: ApplicationError):
    if isinstance(error, NotFound):
        raise Http404(error.message)
    if isinstance(error, Forbidden):
        raise PermissionDenied(error.message)
    raise error


@dataclass
class CaseRow:
    """A case as a list shows it: labels resolved from the registry, no extra queries."""

    case: Case
    type_name: str
    status_label: str
    overdue: bool
    due_today_or_soon: bool


def _rows(cases) -> list[CaseRow]:
    today = timezone.localdate()
    rows = []
    for case in cases:
        type_zh, type_en = case_selectors.type_name(case.case_type)
        status_zh, status_en = case_selectors.status_label(case)
        open_case = case.closed_at is None
        rows.append(
            CaseRow(
                case=case,
                type_name=pick(type_zh, type_en),
                status_label=pick(status_zh, status_en),
                overdue=bool(open_case and case.due_date and case.due_date < today),
                due_today_or_soon=bool(open_case and case.due_date and case.due_date == today),
            )
        )
    return rows


def _page(request, queryset):
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return page, _rows(page.object_list)


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _case_url(case: Case, anchor: str = "") -> str:
    url = reverse("staff_case", args=[case.number])
    return f"{url}#{anchor}" if anchor else url


def _purpose_for(case: Case) -> str:
    return f"案件 {case.number} 承辦 case work"


# --- lists ------------------------------------------------------------------------


def _list_page(request, *, nav: str, title_zh: str, title_en: str, queryset, extra: dict | None = None, status=200):
    page, rows = _page(request, queryset)
    context = {
        "nav": nav,
        "title": pick(title_zh, title_en),
        "page": page,
        "rows": rows,
        "query": _query_without_page(request),
        **(extra or {}),
    }
    return _render(request, "backoffice/case_list.html", context, status=status)


@staff_required
def home(request):
    """My inbox: open cases assigned to me, nearest deadline first."""
    return _list_page(
        request,
        nav="home",
        title_zh="我的案件",
        title_en="My inbox",
        queryset=case_selectors.inbox(request.user),
        extra={
            "empty_zh": "目前沒有分派給您的未結案件。",
            "empty_en": "No open cases are assigned to you.",
        },
    )


@staff_required
def queue(request):
    """My unit's unassigned cases; officers take one, chiefs assign one."""
    user = request.user
    status = 200
    errors: dict[str, str] = {}
    if request.method == "POST":
        status = _queue_post(request, errors)
        if status is None:
            return redirect(request.get_full_path())
    cases = case_selectors.unit_queue(user)
    page, rows = _page(request, cases)
    can_act = not access.is_read_only(user) and user.role != Role.SYSADMIN
    staff_by_unit: dict[int, list] = {}
    if user.role in CHIEF_ROLES:
        for staff_member in case_selectors.assignable_staff_for_units(user, {row.case.unit_id for row in rows}):
            staff_by_unit.setdefault(staff_member.unit_id, []).append(staff_member)
    for row in rows:
        row.assignable = staff_by_unit.get(row.case.unit_id, [])
        row.error = errors.get(row.case.number, "")
    context = {
        "nav": "queue",
        "title": pick("單位待分案", "Unit queue"),
        "page": page,
        "rows": rows,
        "query": _query_without_page(request),
        "can_take": can_act and user.role in TAKING_ROLES,
        "can_assign": can_act and user.role in CHIEF_ROLES,
    }
    return _render(request, "backoffice/queue.html", context, status=status)


def _queue_post(request, errors: dict) -> int | None:
    user = request.user
    if access.is_read_only(user) or user.role == Role.SYSADMIN:
        raise PermissionDenied
    number = request.POST.get("case", "")
    try:
        case = case_selectors.case_get(user, number)
    except NotFound as error:
        _raise_http(error)
    try:
        if request.POST.get("action") == "take":
            assignee = user
        else:
            assignee = case_selectors.assignable_staff(user, case).filter(pk=request.POST.get("assignee") or 0).first()
            if assignee is None:
                raise ApplicationError("請選擇承辦人。", "Choose an assignee.", field="assignee")
        case_services.case_assign(case=case, actor=user, assignee=assignee)
    except ApplicationError as error:
        errors[case.number] = error.message
        messages.error(request, f"{case.number}：{error.message}")
        return error.status
    messages.success(request, pick(f"{case.number} 已分派給 {assignee.label}。", f"{case.number} assigned to {assignee.label}."))
    return None


@staff_required
def due_soon(request):
    """Open cases due within N working days (?days=N, default 5)."""
    form = staff_forms.DueSoonForm(request.GET or None)
    days = case_selectors.DEFAULT_DUE_SOON_WORKING_DAYS
    status = 200
    queryset = case_selectors.case_list(request.user).none()
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        if form.is_bound and form.cleaned_data.get("days") is not None:
            days = form.cleaned_data["days"]
        try:
            queryset = case_selectors.due_soon(request.user, working_days=days)
        except ApplicationError as error:
            _attach_error(form, error)
            status = error.status
    return _list_page(
        request,
        nav="due",
        title_zh=f"{days} 個工作日內到期",
        title_en=f"Due within {days} working days",
        queryset=queryset,
        extra={"days_form": form, "empty_zh": "沒有即將到期的案件。", "empty_en": "No cases are due soon."},
        status=status,
    )


@staff_required
def overdue(request):
    return _list_page(
        request,
        nav="overdue",
        title_zh="逾期案件",
        title_en="Overdue cases",
        queryset=case_selectors.overdue(request.user),
        extra={"empty_zh": "沒有逾期案件。", "empty_en": "No cases are overdue."},
    )


@staff_required
def search(request):
    """Cases by number, title or party; persons by ID or name (logged); employers by
    統一編號 or name."""
    # POST, not GET: a national ID typed here must not end up in URLs, browser
    # history or the web server's access log.
    form = staff_forms.SearchForm(request.POST if request.method == "POST" else None)
    context: dict = {"nav": "search", "form": form, "searched": False}
    status = 200
    if form.is_bound:
        if form.is_valid():
            q, purpose = form.cleaned_data["q"], form.cleaned_data["purpose"]
            context["searched"] = True
            context["case_rows"] = _rows(case_selectors.case_list(request.user, q=q)[:PAGE_SIZE])
            if access.can_read_parties(request.user):
                try:
                    context["persons"] = core_selectors.person_search(request.user, q, purpose)
                    context["employers"] = core_selectors.employer_search(request.user, q)
                except ApplicationError as error:
                    _attach_error(form, error)
                    status = error.status
            context["purpose"] = purpose
        else:
            status = 400
    return _render(request, "backoffice/search.html", context, status=status)


# --- the case page ----------------------------------------------------------------


def _case_or_404(request, number: str) -> Case:
    try:
        return case_selectors.case_get(request.user, number)
    except NotFound as error:
        raise Http404(error.message) from None


@staff_required
def programs(request):
    return _render(request, "backoffice/programs.html", {"programs": staff_programs.programs_for(request.user),
                                                          "nav": "programs"})


@staff_required
def case_detail(request, number: str):
    """Any registered case type: header, parties, timeline, attachments, the viewer's
    transitions, sign-offs, notes, assignment and grants, and program panels."""
    case = _case_or_404(request, number)
    user = request.user
    bound: dict = {}
    status = 200
    if request.method == "POST":
        if not case_access.can_act_on_case(user, case):
            raise PermissionDenied
        handler = _CASE_ACTIONS.get(request.POST.get("action", ""))
        if handler is None:
            messages.error(request, pick("無法辨識的操作。", "Unknown action."))
            status = 400
        else:
            outcome = handler(request, case, bound)
            if isinstance(outcome, HttpResponseRedirect):
                return outcome
            status = outcome
            case = _case_or_404(request, number)  # re-read: nothing changed, but be exact
    # The page shows the parties' names and the case's facts: a read of personal data.
    core_services.access_log_record(
        user=user, action="view", object_type="case", object_id=case.number, object_label=case.title[:200],
        purpose=_purpose_for(case),
    )
    return _render(request, "backoffice/case_detail.html", _case_context(request, case, bound), status=status)


def _run(request, form, call, *, success_zh: str, success_en: str):
    """Validate `form`, call the service; redirect on success, else the 4xx status."""
    if not form.is_valid():
        return 400
    try:
        call(form.cleaned_data)
    except ApplicationError as error:
        _attach_error(form, error)
        return error.status
    messages.success(request, pick(success_zh, success_en))
    return None


def _after(request, case: Case, anchor: str, status):
    return HttpResponseRedirect(_case_url(case, anchor)) if status is None else status


def _action_transition(request, case: Case, bound: dict):
    user = request.user
    name = request.POST.get("transition", "")
    available = {t.name: t for t in case_services.transitions_available(user, case)}
    transition = available.get(name)
    if transition is None:
        messages.error(
            request,
            pick("此步驟目前無法執行，請重新整理頁面。", "This step is not available now; reload the page."),
        )
        return 409 if name in _all_transition_names(case) else 400
    form = staff_forms.TransitionForm(request.POST, transition=transition, on=timezone.localdate())
    bound[f"transition:{name}"] = form
    status = _run(
        request,
        form,
        lambda data: case_services.case_transition(case=case, name=name, actor=user, data=data),
        success_zh=f"已執行：{transition.label_zh}",
        success_en=f"Done: {transition.label_en}",
    )
    return _after(request, case, "actions", status)


def _all_transition_names(case: Case) -> set[str]:
    workflow = case_selectors.workflow_for(case)
    return {t.name for t in workflow.transitions} if workflow else set()


def _action_signoff(request, case: Case, bound: dict):
    user = request.user
    try:
        signoff = case_selectors.signoff_get(user, case, int(request.POST.get("signoff") or 0))
    except (ValueError, NotFound):
        raise Http404 from None
    form = staff_forms.SignOffForm(request.POST, prefix=f"signoff-{signoff.pk}")
    bound[f"signoff:{signoff.pk}"] = form
    approve = request.POST.get("decision") == "approve"
    status = _run(
        request,
        form,
        lambda data: case_services.signoff_decide(signoff=signoff, actor=user, approve=approve, comment=data["comment"]),
        success_zh="已核准。" if approve else "已退回。",
        success_en="Approved." if approve else "Returned.",
    )
    return _after(request, case, "signoffs", status)


def _action_note(request, case: Case, bound: dict):
    form = staff_forms.NoteForm(request.POST)
    bound["note"] = form
    status = _run(
        request,
        form,
        lambda data: case_services.case_note_add(
            case=case, actor=request.user, text=data["text"], visible_to_parties=data["visible_to_parties"]
        ),
        success_zh="已新增紀錄。",
        success_en="Note added.",
    )
    return _after(request, case, "timeline", status)


def _action_assign(request, case: Case, bound: dict):
    user = request.user
    staff = case_selectors.assignable_staff(user, case)
    if request.POST.get("take"):
        form = staff_forms.AssignForm({"assign-assignee": str(user.pk)}, staff=[user])
    else:
        form = staff_forms.AssignForm(request.POST, staff=staff)
    bound["assign"] = form

    def call(data):
        assignee = staff.filter(pk=data["assignee"]).first() or (user if str(user.pk) == data["assignee"] else None)
        if assignee is None:
            raise ApplicationError("請選擇承辦人。", "Choose an assignee.", field="assignee")
        case_services.case_assign(case=case, actor=user, assignee=assignee)

    status = _run(request, form, call, success_zh="已分派。", success_en="Assigned.")
    return _after(request, case, "header", status)


def _action_grant(request, case: Case, bound: dict):
    form = staff_forms.GrantForm(request.POST)
    bound["grant"] = form

    def call(data):
        grantee = case_selectors.staff_by_username(data["user"])
        case_services.case_grant(
            case=case,
            actor=request.user,
            user=grantee,
            reason=data["reason"],
            days=data["days"],
            can_act=data["can_act"],
        )

    status = _run(request, form, call, success_zh="已授權。", success_en="Access granted.")
    return _after(request, case, "grants", status)


def _action_attachment(request, case: Case, bound: dict):
    form = staff_forms.AttachmentForm(request.POST, request.FILES)
    bound["attachment"] = form

    def call(data):
        upload = data["file"]
        # Read at most one byte past the limit: the service refuses an oversize file
        # with its own message, and a huge upload is never held in memory whole.
        content = upload.read(settings.ATTACHMENT_MAX_BYTES + 1)
        case_services.attachment_add(
            case=case,
            actor=request.user,
            name=upload.name,
            content=content,
            visible_to_parties=data["visible_to_parties"],
        )

    status = _run(request, form, call, success_zh="已上傳附件。", success_en="File attached.")
    return _after(request, case, "attachments", status)


_CASE_ACTIONS = {
    "transition": _action_transition,
    "signoff": _action_signoff,
    "note": _action_note,
    "assign": _action_assign,
    "grant": _action_grant,
    "attachment": _action_attachment,
}


def _case_context(request, case: Case, bound: dict) -> dict:
    user = request.user
    today = timezone.localdate()
    workflow = case_selectors.workflow_for(case)
    can_act = case_access.can_act_on_case(user, case)
    type_zh, type_en = case_selectors.type_name(case.case_type)
    status_zh, status_en = case_selectors.status_label(case)
    transitions = case_services.transitions_available(user, case) if (can_act and workflow) else []
    transition_forms = [
        bound.get(f"transition:{t.name}") or staff_forms.TransitionForm(transition=t, on=today) for t in transitions
    ]
    signoffs = []
    for signoff in case_selectors.case_signoffs_pending(user, case):
        may_decide = (
            can_act and signoff.awaited_role == user.role and signoff.requested_by_id != user.pk
        )
        form = bound.get(f"signoff:{signoff.pk}") or staff_forms.SignOffForm(prefix=f"signoff-{signoff.pk}")
        signoffs.append(
            {
                "signoff": signoff,
                "awaited_role": Role(signoff.awaited_role).label if signoff.awaited_role in Role.values else "",
                "chain": [Role(r).label if r in Role.values else r for r in signoff.chain],
                "form": form if may_decide else None,
            }
        )
    is_chief = user.role in CHIEF_ROLES
    context = {
        "case": case,
        "type_name": pick(type_zh, type_en),
        "status_label": pick(status_zh, status_en),
        "overdue": bool(case.closed_at is None and case.due_date and case.due_date < today),
        "can_act": can_act,
        "parties": _party_rows(user, case),
        "timeline": _timeline_rows(user, case, workflow),
        "attachments": case_selectors.case_attachments(user, case),
        "documents": document_selectors.case_documents(user, case),
        "transition_forms": transition_forms,
        "signoffs": signoffs,
        "note_form": (bound.get("note") or staff_forms.NoteForm()) if can_act else None,
        "attachment_form": (bound.get("attachment") or staff_forms.AttachmentForm()) if can_act else None,
        "assign_form": (
            bound.get("assign") or staff_forms.AssignForm(staff=case_selectors.assignable_staff(user, case))
        )
        if (can_act and is_chief)
        else None,
        "can_take": can_act and case.assignee_id is None and user.role in TAKING_ROLES and not is_chief,
        "grant_form": (bound.get("grant") or staff_forms.GrantForm()) if (can_act and is_chief) else None,
        "grants": case_selectors.case_grants(user, case) if (is_chief or access.is_read_only(user)) else None,
        "panels": panels.render_panels(request, case),
        "purpose": _purpose_for(case),
    }
    return context


def _party_rows(user, case: Case) -> list[dict]:
    rows = []
    for party in case_selectors.case_parties(user, case):
        role = PartyRole(party.role).label if party.role in PartyRole.values else party.role
        if party.person_id:
            rows.append(
                {
                    "role": role,
                    "name": party.person.name,
                    "identifier": party.person.masked_id,
                    "url": reverse("staff_person", args=[party.person_id]),
                    "kind": "person",
                }
            )
        else:
            rows.append(
                {
                    "role": role,
                    "name": party.employer.name,
                    "identifier": party.employer.business_id or "",
                    "url": reverse("staff_employer", args=[party.employer_id]),
                    "kind": "employer",
                }
            )
    return rows


def _timeline_rows(user, case: Case, workflow) -> list[dict]:
    def state_label(code: str) -> str:
        if not code or workflow is None:
            return code
        try:
            state = workflow.state(code)
        except KeyError:
            return code
        return pick(state.label_zh, state.label_en)

    rows = []
    for entry in case_selectors.case_timeline(user, case):
        label = TimelineEntry.Kind(entry.kind).label if entry.kind in TimelineEntry.Kind.values else entry.kind
        transition_label = ""
        if entry.transition and workflow is not None:
            try:
                transition = workflow.transition(entry.transition)
                transition_label = pick(transition.label_zh, transition.label_en)
            except KeyError:
                transition_label = entry.transition
        rows.append(
            {
                "entry": entry,
                "kind": label,
                "transition": transition_label,
                "from_status": state_label(entry.from_status),
                "to_status": state_label(entry.to_status),
                "actor": entry.actor.label if entry.actor_id else pick("系統", "System"),
            }
        )
    return rows


@staff_required
def attachment_download(request, number: str, pk: int):
    """Stream a case's file to a reader of the case, under its original name."""
    case = _case_or_404(request, number)
    try:
        attachment = case_selectors.attachment_open(request.user, case, pk, purpose=_purpose_for(case))
    except NotFound:
        raise Http404 from None
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- persons and employers --------------------------------------------------------


def _purpose_gate(request, template_context: dict):
    """Without a stated purpose, ask for one: no personal data is shown or logged."""
    form = staff_forms.PurposeForm(request.GET if "purpose" in request.GET else None)
    if form.is_bound and form.is_valid():
        return form.cleaned_data["purpose"], None
    status = 400 if form.is_bound else 200
    return None, _render(request, "backoffice/purpose.html", {**template_context, "form": form}, status=status)


@staff_required
def person_detail(request, pk: int):
    user = request.user
    if not access.can_read_parties(user):
        raise PermissionDenied
    purpose, response = _purpose_gate(request, {"what": pick("個人資料", "personal record")})
    if response is not None:
        return response
    try:
        person = core_selectors.person_get(user, pk, purpose)
    except ApplicationError as error:
        _raise_http(error)
    context = {
        "nav": "search",
        "person": person,
        "case_rows": _party_case_rows(core_selectors.party_cases(user, person=person)),
        "merges": core_selectors.person_merges(user, person),
        "merged_from": core_selectors.person_merged_from(user, person),
        "purpose": purpose,
    }
    return _render(request, "backoffice/person.html", context)


@staff_required
def employer_detail(request, pk: int):
    """The employer, its establishments with their headcount history and its cases;
    for those who manage parties, forms to add a site and record a headcount
    (posted here, with the purpose kept in the query string)."""
    user = request.user
    posted = request.method == "POST"
    if posted and not access.can_manage_parties(user):
        raise Http404  # the forms do not exist for readers
    if not access.can_read_parties(user):
        raise PermissionDenied
    purpose, response = _purpose_gate(request, {"what": pick("事業單位資料", "employer record")})
    if response is not None:
        if posted:
            response.status_code = 400
        return response
    try:
        employer = core_selectors.employer_get(user, pk, purpose)
    except ApplicationError as error:
        _raise_http(error)
    establishments = list(employer.establishments.all())
    bound: dict = {}
    status = 200
    if posted:
        outcome = _employer_site_post(request, employer, establishments, bound)
        if outcome is None:
            target = reverse("staff_employer", args=[employer.pk])
            return redirect(f"{target}?{urlencode({'purpose': purpose})}#h-sites")
        status = outcome
    can_add = access.can_manage_parties(user) and not employer.merged_into_id
    context = {
        "nav": "search",
        "employer": employer,
        "establishments": establishments,
        "case_rows": _party_case_rows(core_selectors.party_cases(user, employer=employer)),
        "program_panels": panels.render_employer_panels(request, employer),
        "merges": core_selectors.employer_merges(user, employer),
        "merged_from": core_selectors.employer_merged_from(user, employer),
        "purpose": purpose,
        "site_form": (bound.get("site") or staff_forms.EstablishmentForm()) if can_add else None,
        "headcount_form": (
            bound.get("headcount") or staff_forms.HeadcountForm(establishments=establishments)
        )
        if can_add and establishments
        else None,
    }
    return _render(request, "backoffice/employer.html", context, status=status)


def _employer_site_post(request, employer, establishments: list, bound: dict) -> int | None:
    """Add an establishment or record a headcount: None on success, else the status."""
    user = request.user
    action = request.POST.get("action", "")
    if action not in ("establishment", "headcount"):
        messages.error(request, pick("無法辨識的操作。", "Unknown action."))
        return 400
    if employer.merged_into_id:
        messages.error(
            request,
            pick("此紀錄已併入其他紀錄，請在保留的紀錄登錄。", "This record was merged; use the record that was kept."),
        )
        return 409
    if action == "establishment":
        form = staff_forms.EstablishmentForm(request.POST)
        bound["site"] = form

        def call(data):
            return core_services.establishment_add(
                employer=employer,
                name=data["name"],
                address=data["address"],
                district_code=data["district"],
                industry_code=data["industry"],
                actor=user,
            )

        success = ("已新增廠場。", "Establishment added.")
    else:
        form = staff_forms.HeadcountForm(request.POST, establishments=establishments)
        bound["headcount"] = form
        sites = {str(site.pk): site for site in establishments}

        def call(data):
            return core_services.headcount_record(
                establishment=sites[data["establishment"]],
                as_of=data["as_of"],
                headcount=data["headcount"],
                source=data["source"],
                actor=user,
            )

        success = ("已登錄勞工人數。", "Headcount recorded.")
    if not form.is_valid():
        return 400
    try:
        call(form.cleaned_data)
    except ApplicationError as error:
        _party_error(form, error)
        return error.status
    messages.success(request, pick(*success))
    return None


def _party_case_rows(cases) -> list[CaseRow]:
    rows = _rows(cases)
    for row in rows:
        row.roles = [
            PartyRole(party.role).label if party.role in PartyRole.values else party.role
            for party in row.case.party_roles
        ]
    return rows


MERGE_PURPOSE = "合併重複資料 merge duplicate records"


def _merge_page(request, *, kind: str):
    user = request.user
    if not access.can_manage_parties(user):
        raise PermissionDenied
    getter = core_selectors.person_get if kind == "person" else core_selectors.employer_get
    merge = core_services.person_merge if kind == "person" else core_services.employer_merge
    nav = f"merge_{kind}"
    if request.method == "POST":
        form = staff_forms.MergeConfirmForm(request.POST)
    else:
        form = staff_forms.MergeForm(request.GET or None)
    context = {"nav": nav, "kind": kind, "form": form, "confirm_form": None}
    if not form.is_bound:
        return _render(request, "backoffice/merge.html", context)
    if not form.is_valid():
        return _render(request, "backoffice/merge.html", context, status=400)
    survivor_id, absorbed_id = form.cleaned_data["survivor"], form.cleaned_data["absorbed"]
    if survivor_id == absorbed_id:
        form.add_error("absorbed", pick("不可與自己合併。", "A record cannot be merged with itself."))
        return _render(request, "backoffice/merge.html", context, status=400)
    try:
        survivor = getter(user, survivor_id, MERGE_PURPOSE)
        absorbed = getter(user, absorbed_id, MERGE_PURPOSE)
    except NotFound:
        form.add_error(None, pick("找不到其中一筆資料。", "One of the records was not found."))
        return _render(request, "backoffice/merge.html", context, status=404)
    confirm_form = form if request.method == "POST" else staff_forms.MergeConfirmForm(
        initial={"survivor": survivor.pk, "absorbed": absorbed.pk}
    )
    context.update({"survivor": survivor, "absorbed": absorbed, "confirm_form": confirm_form, "form": None})
    context["rows"] = _merge_rows(kind, survivor, absorbed)
    if request.method != "POST":
        return _render(request, "backoffice/merge.html", context)
    try:
        merge(survivor=survivor, absorbed=absorbed, actor=user, reason=form.cleaned_data["reason"])
    except ApplicationError as error:
        if error.field in ("survivor", "absorbed") or not error.field:
            form.add_error(None, error.message)
        else:
            _attach_error(form, error)
        return _render(request, "backoffice/merge.html", context, status=error.status)
    messages.success(request, pick("已合併，兩筆紀錄的歷程都保留。", "Merged; both records' history is kept."))
    target = reverse("staff_person" if kind == "person" else "staff_employer", args=[survivor.pk])
    return redirect(f"{target}?{urlencode({'purpose': MERGE_PURPOSE})}")


def _merge_rows(kind: str, survivor, absorbed) -> list[tuple[str, str, str]]:
    if kind == "person":
        fields = [
            (pick("系統編號", "Record number"), "pk"),
            (pick("證號", "ID number"), "id_number"),
            (pick("姓名", "Name"), "name"),
            (pick("出生日期", "Birth date"), "birth_date"),
            (pick("電話", "Phone"), "phone"),
            (pick("電子郵件", "E-mail"), "email"),
            (pick("地址", "Address"), "address"),
        ]
    else:
        fields = [
            (pick("系統編號", "Record number"), "pk"),
            (pick("統一編號", "Business ID"), "business_id"),
            (pick("名稱", "Name"), "name"),
            (pick("代表人", "Representative"), "representative"),
            (pick("電話", "Phone"), "phone"),
            (pick("電子郵件", "E-mail"), "email"),
            (pick("地址", "Address"), "address"),
        ]
    return [(label, _shown(getattr(survivor, name)), _shown(getattr(absorbed, name))) for label, name in fields]


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        return roc_calendar.format_short(value)
    return str(value)


@staff_required
def person_merge(request):
    return _merge_page(request, kind="person")


@staff_required
def employer_merge(request):
    return _merge_page(request, kind="employer")


# --- registering and correcting parties -------------------------------------------
# Only those who manage parties (core.access.can_manage_parties) see these pages;
# for anyone else they do not exist (404), whatever the method.

PERSON_EDIT_PURPOSE = "修正個人資料 correct a personal record"
EMPLOYER_EDIT_PURPOSE = "修正事業單位資料 correct an employer record"
PARTY_FIELDS = {"industry_code": "industry", "district_code": "district"}


def _require_party_manager(request) -> None:
    if not access.can_manage_parties(request.user):
        raise Http404


def _party_error(form, error: ApplicationError) -> None:
    """A service's refusal on its field, in both languages (the ID rules name the
    exact fault, and a counter clerk may read it to a foreign worker)."""
    field = PARTY_FIELDS.get(error.field or "", error.field)
    message = f"{error.message_zh} {error.message_en}"
    form.add_error(field if field in form.fields else None, message)


def _bound(request, form_class, **kwargs):
    return form_class(request.POST, **kwargs) if request.method == "POST" else form_class(**kwargs)


@staff_required
def person_new(request):
    """Register a person; a known identifier leads to the existing record, unchanged.
    The person's page then asks for the purpose like any other look-up."""
    _require_party_manager(request)
    form = _bound(request, staff_forms.PersonRegisterForm)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            person_data = core_services.PersonInput(
                id_number=data["id_number"],
                id_kind=data["id_kind"],
                passport_country=data["passport_country"],
                name=data["name"],
                birth_date=data["birth_date"],
                sex=data["sex"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
                district_code=data["district"],
            )
            try:
                person, created = core_services.person_register(data=person_data, actor=request.user)
            except ApplicationError as error:
                _party_error(form, error)
                status = error.status
            else:
                if created:
                    messages.success(request, pick(f"已登錄（系統編號 {person.pk}）。", f"Registered (record {person.pk})."))
                else:
                    messages.warning(
                        request,
                        pick(
                            f"此證號已有紀錄（系統編號 {person.pk}），未做任何變更；要修正資料請在該頁按「修正資料」。",
                            f"This ID was already on record (record {person.pk}); nothing was changed. "
                            "To correct it, use 'Correct details' on its page.",
                        ),
                    )
                return redirect("staff_person", pk=person.pk)
    return _render(request, "backoffice/person_form.html", {"nav": "search", "form": form}, status=status)


def _person_for_edit(request, pk: int):
    try:
        return core_selectors.person_get(request.user, pk, PERSON_EDIT_PURPOSE)
    except ApplicationError as error:
        _raise_http(error)


@staff_required
def person_edit(request, pk: int):
    """Correct a person's contact details (reading them to do so is logged). The
    identifier is not corrected here: the right one is registered and the two merged."""
    _require_party_manager(request)
    person = _person_for_edit(request, pk)
    initial = {
        "name": person.name,
        "birth_date": person.birth_date,
        "sex": person.sex,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "district": person.district_id or "",
    }
    form = _bound(request, staff_forms.PersonContactForm, initial=initial)
    context = {"nav": "search", "person": person, "form": form}
    if person.merged_into_id:
        context["form"] = None
        return _render(request, "backoffice/person_form.html", context, status=409 if form.is_bound else 200)
    if not form.is_bound:
        return _render(request, "backoffice/person_form.html", context)
    if not form.is_valid():
        return _render(request, "backoffice/person_form.html", context, status=400)
    data = form.cleaned_data
    try:
        core_services.person_update(
            person=person,
            actor=request.user,
            name=data["name"],
            birth_date=data["birth_date"],
            sex=data["sex"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            district_code=data["district"],
        )
    except ApplicationError as error:
        _party_error(form, error)
        return _render(request, "backoffice/person_form.html", context, status=error.status)
    messages.success(request, pick("已修正個人資料。", "Details corrected."))
    target = reverse("staff_person", args=[person.pk])
    return redirect(f"{target}?{urlencode({'purpose': PERSON_EDIT_PURPOSE})}")


def _employer_input(data) -> core_services.EmployerInput:
    return core_services.EmployerInput(
        name=data["name"],
        business_id=data["business_id"],
        representative=data["representative"],
        industry_code=data["industry"],
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        district_code=data["district"],
    )


@staff_required
def employer_new(request):
    """Register an employer; a known 統一編號 leads to the existing record, unchanged."""
    _require_party_manager(request)
    form = _bound(request, staff_forms.EmployerForm)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                employer, created = core_services.employer_register(
                    data=_employer_input(form.cleaned_data), actor=request.user
                )
            except ApplicationError as error:
                _party_error(form, error)
                status = error.status
            else:
                if created:
                    messages.success(
                        request, pick(f"已登錄（系統編號 {employer.pk}）。", f"Registered (record {employer.pk}).")
                    )
                else:
                    messages.warning(
                        request,
                        pick(
                            f"此統一編號已有紀錄（系統編號 {employer.pk}），未做任何變更；要修正資料請在該頁按「修正資料」。",
                            f"This business ID was already on record (record {employer.pk}); nothing was changed. "
                            "To correct it, use 'Correct details' on its page.",
                        ),
                    )
                return redirect("staff_employer", pk=employer.pk)
    return _render(request, "backoffice/employer_form.html", {"nav": "search", "form": form}, status=status)


@staff_required
def employer_edit(request, pk: int):
    """Correct an employer's details; set its 統一編號 if it has none yet."""
    _require_party_manager(request)
    try:
        employer = core_selectors.employer_get(request.user, pk, EMPLOYER_EDIT_PURPOSE)
    except ApplicationError as error:
        _raise_http(error)
    initial = {
        "business_id": employer.business_id or "",
        "name": employer.name,
        "representative": employer.representative,
        "industry": employer.industry_id or "",
        "phone": employer.phone,
        "email": employer.email,
        "address": employer.address,
        "district": employer.district_id or "",
    }
    form = _bound(request, staff_forms.EmployerForm, initial=initial, identified=bool(employer.business_id))
    context = {"nav": "search", "employer": employer, "form": form}
    if employer.merged_into_id:
        context["form"] = None
        return _render(request, "backoffice/employer_form.html", context, status=409 if form.is_bound else 200)
    if not form.is_bound:
        return _render(request, "backoffice/employer_form.html", context)
    if not form.is_valid():
        return _render(request, "backoffice/employer_form.html", context, status=400)
    try:
        core_services.employer_update(employer=employer, data=_employer_input(form.cleaned_data), actor=request.user)
    except ApplicationError as error:
        _party_error(form, error)
        return _render(request, "backoffice/employer_form.html", context, status=error.status)
    messages.success(request, pick("已修正事業單位資料。", "Details corrected."))
    target = reverse("staff_employer", args=[employer.pk])
    return redirect(f"{target}?{urlencode({'purpose': EMPLOYER_EDIT_PURPOSE})}")


# --- the access log ---------------------------------------------------------------


@staff_required
def access_log(request):
    user = request.user
    if not core_selectors.can_read_access_log(user):
        raise PermissionDenied
    form = staff_forms.AccessLogSearchForm(request.GET or None)
    context = {"nav": "audit", "form": form, "entries": None, "limit": core_selectors.ACCESS_LOG_LIMIT}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        try:
            context["entries"] = core_selectors.access_log_search(
                user,
                username=data.get("username", ""),
                object_type=data.get("object_type", ""),
                object_id=data.get("object_id", ""),
                date_from=data.get("date_from"),
                date_to=data.get("date_to"),
            )
        except ApplicationError as error:
            _attach_error(form, error)
            status = error.status
    return _render(request, "backoffice/access_log.html", context, status=status)


# --- employer accounts opened by self sign-up --------------------------------------


@staff_required
def employer_accounts(request):
    """Employer accounts opened on the portal, for the ESO and LS officers and the
    director to verify (e.g. after a call to the number on the company register) or
    deactivate. The list shows the contact person's details, so it asks for the purpose
    first and logs each account listed; a decision is recorded on the sign-up."""
    user = request.user
    if not access.can_verify_employer_accounts(user):
        raise PermissionDenied
    if request.method == "POST":
        return _employer_account_decide(request)
    purpose, response = _purpose_gate(request, {"what": pick("事業單位帳號申請", "employer account sign-ups")})
    if response is not None:
        return response
    status = request.GET.get("status", "pending")
    if status not in core_selectors.SIGNUP_STATUSES:
        status = "pending"
    signups = core_selectors.employer_signups(user, status, purpose)
    context = {
        "nav": "programs",
        "signups": signups,
        "status": status,
        "purpose": purpose,
        "limit": core_selectors.SIGNUP_LIST_LIMIT,
        "tabs": [
            ("pending", pick("待確認", "Awaiting verification")),
            ("verified", pick("已確認", "Verified")),
            ("deactivated", pick("已停用", "Deactivated")),
        ],
    }
    return _render(request, "backoffice/employer_accounts.html", context)


def _employer_account_decide(request):
    user = request.user
    purpose = request.POST.get("purpose", "")[:200]
    back = f"{reverse('staff_employer_accounts')}?{urlencode({'purpose': purpose, 'status': 'pending'})}"
    try:
        signup = core_selectors.employer_signup_get(user, int(request.POST.get("signup") or 0))
        action = request.POST.get("action", "")
        if action == "verify":
            core_services.employer_account_verify(signup=signup, actor=user, note=request.POST.get("note", ""))
            messages.success(request, pick(f"帳號 {signup.user.username} 已確認。", f"Account {signup.user.username} verified."))
        elif action == "deactivate":
            core_services.employer_account_deactivate(signup=signup, actor=user, reason=request.POST.get("note", ""))
            messages.success(
                request, pick(f"帳號 {signup.user.username} 已停用。", f"Account {signup.user.username} deactivated.")
            )
        else:
            raise ApplicationError("無法辨識的操作。", "Unknown action.", field="action")
    except ValueError:
        raise Http404 from None
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(back)
