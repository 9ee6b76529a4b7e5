"""Reads of the case engine, scoped by the actor (Zulip's `access_*` pattern).

Every function starts from cases.access.cases_readable_by, so a page built on these
never shows another unit's case by accident. List selectors join the unit and the
assignee (select_related) so that a page of cases costs a fixed number of queries,
however many rows it shows.
"""

from datetime import date

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from laborbureau.cases import access as case_access
from laborbureau.cases import workflows
from laborbureau.cases.models import Attachment, Case, CaseGrant, CaseParty, SignOff, TimelineEntry
from laborbureau.core import access
from laborbureau.core.errors import ApplicationError, NotFound, rule_error_to_application_error
from laborbureau.core.models import Role, Unit, User, UserKind
from laborbureau.core.services import access_log_record
from laborbureau.rules import identifiers
from laborbureau.rules import working_days as office_calendar
from laborbureau.rules.base import RuleError

DEFAULT_DUE_SOON_WORKING_DAYS = 5
MAX_DUE_SOON_WORKING_DAYS = 60


def _cases(actor: User) -> QuerySet:
    return case_access.cases_readable_by(actor).select_related("unit", "assignee")


def _open(queryset: QuerySet) -> QuerySet:
    return queryset.filter(closed_at__isnull=True)


def _by_due_date(queryset: QuerySet) -> QuerySet:
    # Cases without a deadline go last; among equals the oldest first.
    return queryset.order_by(F("due_date").asc(nulls_last=True), "opened_at", "pk")


def working_day_horizon(working_days_ahead: int, today: date | None = None) -> date:
    """The last day of a window of `working_days_ahead` working days after today
    (today not counted, 行政程序法第48條 as in rules.working_days.deadline)."""
    today = today or timezone.localdate()
    if not 0 <= working_days_ahead <= MAX_DUE_SOON_WORKING_DAYS:
        raise ApplicationError(
            f"工作日數應為0至{MAX_DUE_SOON_WORKING_DAYS}日。",
            f"The number of working days must be 0 to {MAX_DUE_SOON_WORKING_DAYS}.",
            field="days",
        )
    try:
        return office_calendar.add_working_days(today, working_days_ahead)
    except RuleError as error:
        raise rule_error_to_application_error(error) from None


def _party_match(q: str) -> Q:
    """Cases with a party whose identifier or name matches `q`."""
    number = identifiers.normalize(q)
    parties = CaseParty.objects.filter(
        Q(person__id_number=number)
        | Q(person__name__icontains=q)
        | Q(employer__business_id=number)
        | Q(employer__name__icontains=q)
    ).values("case_id")
    return Q(pk__in=parties)


def case_list(
    actor: User,
    *,
    assignee: User | int | None = None,
    unit: Unit | int | str | None = None,
    status: str | None = None,
    case_type: str | None = None,
    overdue: bool = False,
    due_within_working_days: int | None = None,
    q: str | None = None,
) -> QuerySet:
    """Cases `actor` may read, filtered. `unit` is a Unit, its id or its code; `q`
    matches the case number or title, or a party's ID, 統一編號 or name."""
    queryset = _cases(actor)
    if assignee is not None:
        queryset = queryset.filter(assignee_id=assignee.pk if isinstance(assignee, User) else assignee)
    if unit is not None:
        if isinstance(unit, Unit):
            queryset = queryset.filter(unit_id=unit.pk)
        elif isinstance(unit, int):
            queryset = queryset.filter(unit_id=unit)
        else:
            queryset = queryset.filter(unit__code=unit)
    if status:
        queryset = queryset.filter(status=status)
    if case_type:
        queryset = queryset.filter(case_type=case_type)
    today = timezone.localdate()
    if overdue:
        queryset = _open(queryset).filter(due_date__lt=today)
    if due_within_working_days is not None:
        horizon = working_day_horizon(due_within_working_days, today)
        queryset = _open(queryset).filter(due_date__gte=today, due_date__lte=horizon)
    if q and q.strip():
        text = q.strip()
        queryset = queryset.filter(Q(number__icontains=text) | Q(title__icontains=text) | _party_match(text))
    if overdue or due_within_working_days is not None:
        return _by_due_date(queryset)
    return queryset.order_by("-opened_at", "-pk")


def case_get(actor: User, number: str) -> Case:
    """The case numbered `number`, if `actor` may read it. A case of another unit and a
    missing case answer the same (NotFound, 404), so that numbers do not leak."""
    case = _cases(actor).filter(number=number.strip()).first()
    if case is None:
        raise NotFound("案件", "case")
    return case


def inbox(actor: User) -> QuerySet:
    """My open cases, the nearest deadline first."""
    return _by_due_date(_open(_cases(actor)).filter(assignee_id=actor.pk))


def unit_queue(actor: User) -> QuerySet:
    """Open, unassigned cases of the units `actor` works for (own unit and unit
    grants; every unit for the director and the auditor)."""
    units = access.readable_unit_ids(actor)
    queryset = _open(_cases(actor)).filter(assignee__isnull=True)
    if units != access.ALL_UNITS:
        queryset = queryset.filter(unit_id__in=units)
    return _by_due_date(queryset)


def due_soon(actor: User, working_days: int = DEFAULT_DUE_SOON_WORKING_DAYS) -> QuerySet:
    """Open cases due from today up to `working_days` working days ahead."""
    return case_list(actor, due_within_working_days=working_days)


def overdue(actor: User) -> QuerySet:
    """Open cases whose current state's deadline has passed."""
    return case_list(actor, overdue=True)


def case_timeline(actor: User, case: Case) -> QuerySet:
    """The case's timeline, oldest first. Portal users see only the public entries."""
    if not case_access.can_read_case(actor, case):
        raise NotFound("案件", "case")
    entries = TimelineEntry.objects.filter(case=case).select_related("actor").order_by("seq")
    if actor.kind != UserKind.STAFF:
        entries = entries.filter(visible_to_parties=True)
    return entries


def case_parties(actor: User, case: Case) -> QuerySet:
    if not case_access.can_read_case(actor, case):
        raise NotFound("案件", "case")
    return CaseParty.objects.filter(case=case).select_related("person", "employer").order_by("pk")


def case_attachments(actor: User, case: Case) -> QuerySet:
    if not case_access.can_read_case(actor, case):
        raise NotFound("案件", "case")
    attachments = Attachment.objects.filter(case=case).select_related("uploaded_by").order_by("created_at", "pk")
    if actor.kind != UserKind.STAFF:
        attachments = attachments.filter(visible_to_parties=True)
    return attachments


def attachment_get(actor: User, case: Case, pk: int) -> Attachment:
    """One attachment of a case the actor may read (NotFound otherwise)."""
    attachment = case_attachments(actor, case).filter(pk=pk).first()
    if attachment is None:
        raise NotFound("附件", "attachment")
    return attachment


def attachment_open(actor: User, case: Case, pk: int, *, purpose: str) -> Attachment:
    """An attachment about to be downloaded: files often hold personal data (pay slips,
    medical notes), so the download is written to the access log like a person's
    record."""
    attachment = attachment_get(actor, case, pk)
    access_log_record(
        user=actor,
        action="view",
        object_type="attachment",
        object_id=attachment.pk,
        purpose=purpose,
        object_label=f"{case.number} {attachment.original_name}",
    )
    return attachment


def case_signoffs_pending(actor: User, case: Case) -> QuerySet:
    if not case_access.can_read_case(actor, case):
        raise NotFound("案件", "case")
    return (
        SignOff.objects.filter(case=case, status=SignOff.Status.PENDING)
        .select_related("requested_by")
        .prefetch_related(Prefetch("steps", to_attr="step_list"))
        .order_by("created_at")
    )


def signoff_get(actor: User, case: Case, pk: int) -> SignOff:
    signoff = SignOff.objects.filter(case=case, pk=pk).select_related("case").first()
    if signoff is None or not case_access.can_read_case(actor, case):
        raise NotFound("陳核", "sign-off")
    return signoff


def case_grants(actor: User, case: Case) -> QuerySet:
    if not case_access.can_read_case(actor, case):
        raise NotFound("案件", "case")
    return CaseGrant.objects.filter(case=case).select_related("user", "granted_by").order_by("-created_at")


def assignable_staff(actor: User, case: Case) -> QuerySet:
    """Active case-working staff of the case's unit (whom a chief may assign)."""
    if not case_access.can_read_case(actor, case):
        raise NotFound("案件", "case")
    return User.objects.filter(
        kind=UserKind.STAFF,
        is_active=True,
        unit_id=case.unit_id,
        role__in=[Role.CASE_OFFICER, Role.MEDIATOR, Role.INSPECTOR, Role.SECTION_CHIEF],
    ).order_by("username")


def assignable_staff_for_units(actor: User, unit_ids: set[int]) -> QuerySet:
    """Active case-working staff of several units at once (the queue page's assign
    menus: one query for the whole page), limited to units the actor may act on."""
    units = access.actable_unit_ids(actor)
    if units != access.ALL_UNITS:
        unit_ids = set(unit_ids) & set(units)
    return User.objects.filter(
        kind=UserKind.STAFF,
        is_active=True,
        unit_id__in=unit_ids,
        role__in=[Role.CASE_OFFICER, Role.MEDIATOR, Role.INSPECTOR, Role.SECTION_CHIEF],
    ).order_by("username")


def staff_by_username(username: str) -> User:
    """An active staff member by username (grant forms name the person they grant)."""
    user = User.objects.filter(username=username.strip(), kind=UserKind.STAFF, is_active=True).first()
    if user is None:
        raise ApplicationError("找不到此帳號的機關人員。", "No staff member has this username.", field="user")
    return user


def workflow_for(case: Case) -> workflows.Workflow | None:
    """The case type's workflow, or None if its program is not installed."""
    try:
        return workflows.get(case.case_type)
    except KeyError:
        return None


def status_label(case: Case) -> tuple[str, str]:
    workflow = workflow_for(case)
    if workflow is not None:
        try:
            state = workflow.state(case.status)
        except KeyError:
            return case.status, case.status
        return state.label_zh, state.label_en
    return case.status, case.status


def type_name(case_type: str) -> tuple[str, str]:
    try:
        workflow = workflows.get(case_type)
    except KeyError:
        return case_type, case_type
    return workflow.name_zh, workflow.name_en
