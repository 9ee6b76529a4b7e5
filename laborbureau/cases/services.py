"""The case engine's writes. `case_transition` is the only function that changes a
case's status: it locks the row, checks the workflow table and its guards, applies
the effects, appends the timeline entry and writes the outbox rows, all in one
transaction."""

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from laborbureau.cases import access as case_access
from laborbureau.cases import workflows
from laborbureau.cases.models import (
    Attachment,
    Case,
    CaseGrant,
    CaseNumberSequence,
    CaseParty,
    SignOff,
    SignOffStep,
    TimelineEntry,
)
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.hashchain import entry_hash
from laborbureau.core.models import Employer, Person, Role, Unit, User, UserKind
from laborbureau.notify.models import Channel
from laborbureau.notify.services import outbox_write
from laborbureau.rules import roc_calendar

# --- numbers and opening -------------------------------------------------------------


def case_number_next(type_code: str, on: date) -> str:
    """The next number for a type in the ROC year of `on` (e.g. 115-LSC-000042).

    Locks the sequence row: two cases opened at once never share a number, and a
    number once issued is never issued again (a rolled-back open burns nothing,
    since the increment rolls back with it).
    """
    roc_year = roc_calendar.to_roc(on)[0]
    (number,) = case_numbers_reserve(type_code, roc_year, 1)
    return f"{roc_year}-{type_code}-{number:06d}"


def case_numbers_reserve(type_code: str, roc_year: int, count: int) -> range:
    """Reserve `count` consecutive numbers of a type's sequence in an ROC year, for a
    bulk load (demo data, an import): the caller formats them as case_number_next does.
    The sequence row is updated in one statement, so numbers are never shared."""
    sequence, _ = CaseNumberSequence.objects.get_or_create(type_code=type_code, roc_year=roc_year)
    CaseNumberSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + count)
    sequence.refresh_from_db(fields=["last_number"])
    return range(sequence.last_number - count + 1, sequence.last_number + 1)


@dataclass(frozen=True)
class PartyLink:
    role: str
    person: Person | None = None
    employer: Employer | None = None


def case_open(
    *,
    case_type: str,
    title: str,
    actor: User | None,
    parties: list[PartyLink],
    channel: str,
    assignee: User | None = None,
    note: str = "",
) -> Case:
    """Open a case of `case_type` in its initial state. The caller (a program's
    service) wraps this and its domain record in one transaction."""
    workflow = workflows.get(case_type)
    if actor is not None and actor.kind == UserKind.STAFF:
        if actor.role not in workflow.open_roles:
            raise Forbidden("您的角色不可立此類案件。", "Your role may not open this type of case.")
        if actor.unit.code != workflow.unit_code and actor.role != Role.DIRECTOR:
            raise Forbidden("此類案件由其他單位受理。", "Another unit handles this type of case.")
    if not title.strip():
        raise ApplicationError("請填寫案由。", "A title is required.", field="title")
    unit = Unit.objects.get(code=workflow.unit_code)
    now = timezone.now()
    today = timezone.localdate()
    state = workflow.state(workflow.initial)
    with transaction.atomic():
        case = Case.objects.create(
            number=case_number_next(workflow.type_code, today),
            case_type=case_type,
            unit=unit,
            status=state.code,
            title=title.strip()[:200],
            assignee=assignee,
            created_by=actor if actor is not None and actor.is_authenticated else None,
            channel=channel,
            opened_at=now,
            state_entered_at=now,
            due_date=state.deadline.due(today) if state.deadline else None,  # opening day = state day
        )
        CaseParty.objects.bulk_create(
            CaseParty(case=case, role=link.role, person=link.person, employer=link.employer) for link in parties
        )
        timeline_append(
            case=case,
            actor=actor,
            kind=TimelineEntry.Kind.OPENED,
            to_status=state.code,
            text=note,
            visible_to_parties=True,
        )
    return case


# --- the timeline -----------------------------------------------------------------


def timeline_fields(entry: TimelineEntry) -> dict:
    """The fields covered by a timeline entry's hash."""
    return {
        "case_id": entry.case_id,
        "seq": entry.seq,
        "at": entry.at,
        "actor_id": entry.actor_id,
        "kind": entry.kind,
        "transition": entry.transition,
        "from_status": entry.from_status,
        "to_status": entry.to_status,
        "text": entry.text,
        "data": entry.data,
        "visible_to_parties": entry.visible_to_parties,
    }


def timeline_append(
    *,
    case: Case,
    actor: User | None,
    kind: str,
    text: str = "",
    transition: str = "",
    from_status: str = "",
    to_status: str = "",
    data: dict | None = None,
    visible_to_parties: bool = False,
) -> TimelineEntry:
    """Append to a case's timeline, chaining the hash. The caller holds the case's row
    lock (or has just created it), so the sequence cannot race. The head is read from
    the row, not from `case`: another service in the same transaction may have
    appended through its own instance of the case."""
    count, head = Case.objects.filter(pk=case.pk).values_list("timeline_count", "timeline_head").get()
    entry = TimelineEntry(
        case=case,
        seq=count + 1,
        at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        kind=kind,
        transition=transition,
        from_status=from_status,
        to_status=to_status,
        text=text,
        data=data or {},
        visible_to_parties=visible_to_parties,
        prev_hash=head,
    )
    entry.hash = entry_hash(entry.prev_hash, timeline_fields(entry))
    entry.save()
    case.timeline_count = entry.seq
    case.timeline_head = entry.hash
    Case.objects.filter(pk=case.pk).update(timeline_count=entry.seq, timeline_head=entry.hash, updated_at=timezone.now())
    return entry


def _lock(case: Case) -> Case:
    # of=("self",): lock the case row only; PostgreSQL refuses FOR UPDATE on the
    # nullable side of the outer join to the assignee.
    return Case.objects.select_for_update(of=("self",)).select_related("unit", "assignee").get(pk=case.pk)


# --- transitions ------------------------------------------------------------------


def can_fire(user: User, case: Case, transition: workflows.Transition) -> bool:
    """Role and scope check for one transition (guards are checked when it fires)."""
    if case_access.PARTY in transition.roles and case_access.is_party(user, case, transition.party_roles):
        return True
    staff_roles = transition.roles - {case_access.PARTY}
    if not staff_roles:
        return False  # a party's own step (e.g. withdrawing): not even the director fires it for them
    if not case_access.can_act_on_case(user, case):
        return False
    if user.role not in staff_roles and user.role != Role.DIRECTOR:
        return False
    if transition.assignee_only and case.assignee_id not in (None, user.pk):
        return user.role in (Role.SECTION_CHIEF, Role.DIRECTOR)
    return True


def transitions_available(user: User, case: Case) -> list[workflows.Transition]:
    workflow = workflows.get(case.case_type)
    return [t for t in workflow.available(case.status) if can_fire(user, case, t)]


def _clean_fields(transition: workflows.Transition, data: dict) -> dict:
    cleaned = {}
    errors = []
    for spec in transition.fields:
        value = data.get(spec.name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if spec.required:
                errors.append(spec)
            continue
        if not isinstance(value, str | int | bool | date):
            raise ApplicationError(
                f"{spec.label_zh}的格式不正確。", f"{spec.label_en}: not a single value.", field=spec.name
            )
        if spec.kind == "bool":
            value = value in (True, "1", "true", "on", "yes")
        if spec.kind == "date" and isinstance(value, str):
            try:
                value = roc_calendar.parse_date(value)
            except ValueError:
                raise ApplicationError(
                    f"{spec.label_zh}的日期格式不正確。", f"{spec.label_en}: not a valid date.", field=spec.name
                ) from None
        if spec.kind == "int":
            try:
                value = int(value)
                if value < 0:
                    raise ValueError
            except (TypeError, ValueError):
                raise ApplicationError(
                    f"{spec.label_zh}應為0以上的整數。", f"{spec.label_en} must be a whole number, 0 or more.", field=spec.name
                ) from None
        if spec.kind == "choice" and value not in {code for code, _ in spec.choice_list(timezone.localdate())}:
            raise ApplicationError(
                f"{spec.label_zh}的選項不正確。", f"{spec.label_en}: not one of the choices.", field=spec.name
            )
        cleaned[spec.name] = value
    if errors:
        spec = errors[0]
        raise ApplicationError(f"請填寫{spec.label_zh}。", f"{spec.label_en} is required.", field=spec.name)
    return cleaned


def case_transition(
    *, case: Case, name: str, actor: User | None, data: dict | None = None, system: bool = False
) -> Case:
    """Fire transition `name` on `case` as `actor`.

    Changes: the case's status, state timestamps, due date and closed time; the
    program's domain record through the transition's effects; one timeline entry;
    outbox rows for the parties and the assignee. All or nothing. `system` is for the
    engine's own follow-ups (a completed sign-off), which skip the role check.
    """
    workflow = workflows.get(case.case_type)
    try:
        transition = workflow.transition(name)
    except KeyError:
        raise ApplicationError("沒有這個處理步驟。", "Unknown transition.", field="transition") from None
    with transaction.atomic():
        case = _lock(case)
        # Permission first: a caller who may not act learns nothing about the state.
        if not system and (actor is None or not can_fire(actor, case, transition)):
            raise Forbidden("您不能執行這個步驟。", "You may not perform this step.")
        if case.status not in transition.sources:
            # Someone else moved the case on meanwhile, or the request is stale.
            raise Conflict(
                "案件目前的狀態不能執行這個步驟，請重新整理頁面。",
                "The case's current status does not allow this step; reload the page.",
            )
        cleaned = _clean_fields(transition, data or {})
        for guard in transition.guards:
            refusal = guard(case, actor, cleaned)
            if refusal:
                raise ApplicationError(*refusal)
        for effect in transition.effects:
            effect(case, actor, cleaned)
        source = case.status
        target = workflow.state(transition.target)
        now = timezone.now()
        case.status = target.code
        case.state_entered_at = now
        case.due_date = _due_date(case, target)
        case.closed_at = now if target.terminal else None
        case.save(update_fields=["status", "state_entered_at", "due_date", "closed_at", "updated_at"])
        note = cleaned.get("note") or cleaned.get("reason") or ""
        timeline_append(
            case=case,
            actor=actor,
            kind=TimelineEntry.Kind.TRANSITION,
            transition=transition.name,
            from_status=source,
            to_status=target.code,
            text=str(note),
            data={key: _jsonable(value) for key, value in cleaned.items()},
            visible_to_parties=transition.notify_parties,
        )
        if transition.notify_parties:
            _notify_parties(case, transition, target)
        if case.assignee_id and actor is not None and case.assignee_id != actor.pk:
            outbox_write(
                recipient=case.assignee,
                subject_zh=f"{case.number} {transition.label_zh}",
                subject_en=f"{case.number} {transition.label_en}",
                body_zh=f"案件狀態：{target.label_zh}",
                body_en=f"Status: {target.label_en}",
                link=f"/staff/cases/{case.number}/",
                case_id=case.pk,
                channels=(Channel.IN_APP,),
            )
    return case


def _due_date(case: Case, state: workflows.State) -> date | None:
    if state.deadline is None:
        return None
    start = timezone.localdate(case.opened_at) if state.deadline.from_opening else timezone.localdate()
    return state.deadline.due(start)


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def _notify_parties(case: Case, transition: workflows.Transition, target: workflows.State) -> None:
    """Tell the parties (their portal accounts, else their e-mail) that the case moved."""
    workflow = workflows.get(case.case_type)
    label_zh = target.label_public_zh or target.label_zh
    label_en = target.label_public_en or target.label_en
    subject_zh = f"您的案件 {case.number} 進度更新：{label_zh}"
    subject_en = f"Your case {case.number}: {label_en}"
    body_zh = transition.public_note_zh or f"案件「{case.title}」目前狀態為「{label_zh}」。"
    body_en = transition.public_note_en or f"Case \"{case.title}\" is now: {label_en}."
    link = f"/portal/cases/{case.number}/"
    for party in case.parties.select_related("person", "employer"):
        if workflow.portal_party_roles is not None and party.role not in workflow.portal_party_roles:
            continue  # a party the workflow keeps out of the case (e.g. a complaint's employer)
        accounts = list(
            User.objects.filter(is_active=True, person=party.person)
            if party.person_id
            else User.objects.filter(is_active=True, employer=party.employer)
        )
        for account in accounts:
            outbox_write(
                recipient=account,
                subject_zh=subject_zh,
                subject_en=subject_en,
                body_zh=body_zh,
                body_en=body_en,
                link=link,
                case_id=case.pk,
            )
        if not accounts:
            email = party.person.email if party.person_id else party.employer.email
            if email:
                outbox_write(
                    email=email,
                    subject_zh=subject_zh,
                    subject_en=subject_en,
                    body_zh=body_zh,
                    body_en=body_en,
                    case_id=case.pk,
                    channels=(Channel.EMAIL,),
                )


# --- notes, assignment, attachments -----------------------------------------------


def case_note_add(*, case: Case, actor: User, text: str, visible_to_parties: bool = False) -> TimelineEntry:
    """Add a note to the timeline."""
    if not text.strip():
        raise ApplicationError("請填寫內容。", "The note is empty.", field="text")
    with transaction.atomic():
        case = _lock(case)
        if not case_access.can_act_on_case(actor, case):
            raise Forbidden("您不能在此案件加註。", "You may not add notes to this case.")
        return timeline_append(
            case=case, actor=actor, kind=TimelineEntry.Kind.NOTE, text=text.strip(), visible_to_parties=visible_to_parties
        )


def case_assign(*, case: Case, actor: User, assignee: User) -> Case:
    """Assign the case to a staff member of its unit (a chief assigns; an officer may
    take an unassigned case of their unit)."""
    with transaction.atomic():
        case = _lock(case)
        if not case_access.can_act_on_case(actor, case):
            raise Forbidden("您不能分派此案件。", "You may not assign this case.")
        taking_unassigned = assignee.pk == actor.pk and case.assignee_id is None
        if actor.role not in (Role.SECTION_CHIEF, Role.DIRECTOR) and not taking_unassigned:
            raise Forbidden("只有科長可以分派案件。", "Only a section chief may assign cases.")
        if assignee.kind != UserKind.STAFF or not assignee.is_active or not case_access.can_act_on_case(assignee, case):
            raise ApplicationError(
                "承辦人必須是本單位在職人員。", "The assignee must be active staff of the case's unit.", field="assignee"
            )
        previous = case.assignee
        case.assignee = assignee
        case.save(update_fields=["assignee", "updated_at"])
        timeline_append(
            case=case,
            actor=actor,
            kind=TimelineEntry.Kind.ASSIGNMENT,
            text=f"{previous.label if previous else '—'} → {assignee.label}",
            data={"from": previous.pk if previous else None, "to": assignee.pk},
        )
        if assignee.pk != actor.pk:
            outbox_write(
                recipient=assignee,
                subject_zh=f"新分派案件 {case.number}",
                subject_en=f"Case {case.number} assigned to you",
                body_zh=case.title,
                link=f"/staff/cases/{case.number}/",
                case_id=case.pk,
                channels=(Channel.IN_APP,),
            )
    return case


ALLOWED_ATTACHMENT_TYPES = {
    "application/pdf": b"%PDF",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG",
}


def attachment_add(
    *, case: Case, actor: User, name: str, content: bytes, visible_to_parties: bool = True
) -> Attachment:
    """Store a file for the case outside the database, with its SHA-256.

    Only PDF, JPEG and PNG are accepted, judged by their first bytes rather than the
    name the client sent; the size limit is ATTACHMENT_MAX_BYTES."""
    if not content:
        raise ApplicationError("檔案是空的。", "The file is empty.", field="file")
    if len(content) > settings.ATTACHMENT_MAX_BYTES:
        limit_mb = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise ApplicationError(
            f"檔案超過 {limit_mb} MB 上限。", f"The file exceeds the {limit_mb} MB limit.", field="file"
        )
    content_type = next((kind for kind, magic in ALLOWED_ATTACHMENT_TYPES.items() if content.startswith(magic)), None)
    if content_type is None:
        raise ApplicationError(
            "只接受 PDF、JPEG 或 PNG 檔案。", "Only PDF, JPEG or PNG files are accepted.", field="file"
        )
    clean_name = (name or "attachment").replace("/", "_").replace("\\", "_").strip()[:150] or "attachment"
    extension = mimetypes.guess_extension(content_type) or ""
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        case = _lock(case)
        if not (case_access.can_act_on_case(actor, case) or case_access.is_party(actor, case)):
            raise Forbidden("您不能為此案件上傳附件。", "You may not attach files to this case.")
        if case.is_closed and actor.kind != UserKind.STAFF:
            raise ApplicationError("案件已結案，無法上傳附件。", "The case is closed.", field="file")
        attachment = Attachment(
            case=case,
            original_name=clean_name,
            content_type=content_type,
            size=len(content),
            sha256=digest,
            uploaded_by=actor,
            visible_to_parties=visible_to_parties,
        )
        attachment.file.save(f"{digest[:16]}{extension}", ContentFile(content), save=False)
        # If saving the row fails, remove the stored file with it.
        try:
            attachment.save()
            timeline_append(
                case=case,
                actor=actor,
                kind=TimelineEntry.Kind.ATTACHMENT,
                text=clean_name,
                data={"attachment_id": attachment.pk, "sha256": digest, "size": len(content)},
                visible_to_parties=visible_to_parties,
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment


# --- sign-off ---------------------------------------------------------------------


def signoff_request(
    *, case: Case, actor: User, subject: str, summary: str, payload: dict, chain: list[str]
) -> SignOff:
    """Start a sign-off chain for a decision. The case's workflow moves to its
    pending-approval state through the transition that calls this (in its effect)."""
    if SignOff.objects.filter(case=case, subject=subject, status=SignOff.Status.PENDING).exists():
        raise Conflict("此決定已在陳核中。", "This decision is already awaiting approval.")
    signoff = SignOff.objects.create(
        case=case, subject=subject, summary=summary[:300], payload=payload, chain=chain, requested_by=actor
    )
    timeline_append(
        case=case,
        actor=actor,
        kind=TimelineEntry.Kind.SIGNOFF,
        text=f"陳核：{summary}",
        data={"signoff_id": signoff.pk, "chain": chain, "event": "requested"},
    )
    for reviewer in _reviewers(case, chain[0]):
        outbox_write(
            recipient=reviewer,
            subject_zh=f"待核：{case.number} {summary}"[:200],
            subject_en=f"Awaiting your approval: {case.number}",
            link=f"/staff/cases/{case.number}/",
            case_id=case.pk,
            channels=(Channel.IN_APP,),
        )
    return signoff


def _reviewers(case: Case, role: str):
    staff = User.objects.filter(kind=UserKind.STAFF, is_active=True, role=role)
    return staff if role == Role.DIRECTOR else staff.filter(unit_id=case.unit_id)


# What each sign-off subject does when the chain completes or returns: the workflow
# transitions to fire. Programs register their subjects here.
SIGNOFF_OUTCOMES: dict[str, tuple[str, str]] = {}


def signoff_decide(*, signoff: SignOff, actor: User, approve: bool, comment: str = "") -> SignOff:
    """Approve or return the awaited step. The last approval fires the subject's
    approve transition; a return fires its return transition (comment required)."""
    with transaction.atomic():
        case = _lock(signoff.case)
        signoff = SignOff.objects.select_for_update().get(pk=signoff.pk)
        if signoff.status != SignOff.Status.PENDING:
            raise Conflict("此陳核已處理完畢。", "This approval has already been decided.")
        role = signoff.awaited_role
        if actor.role != role or not case_access.can_act_on_case(actor, case):
            raise Forbidden("目前不是由您核定。", "This step is not awaiting your approval.")
        if actor.pk == signoff.requested_by_id:
            raise Forbidden("不可核定自己陳核的案件。", "You cannot approve your own request.")
        if not approve and not comment.strip():
            raise ApplicationError("退回時請說明理由。", "Give a reason for returning it.", field="comment")
        SignOffStep.objects.create(
            signoff=signoff,
            step=signoff.step,
            role=role,
            decided_by=actor,
            decision=SignOffStep.Decision.APPROVE if approve else SignOffStep.Decision.RETURN,
            comment=comment.strip(),
        )
        finished = not approve or signoff.step + 1 >= len(signoff.chain)
        if approve and not finished:
            signoff.step += 1
        if finished:
            signoff.status = SignOff.Status.APPROVED if approve else SignOff.Status.RETURNED
            signoff.decided_at = timezone.now()
        signoff.save(update_fields=["step", "status", "decided_at"])
        timeline_append(
            case=case,
            actor=actor,
            kind=TimelineEntry.Kind.SIGNOFF,
            text=("核准" if approve else "退回") + (f"：{comment.strip()}" if comment.strip() else ""),
            data={"signoff_id": signoff.pk, "role": role, "approve": approve},
        )
        if approve and not finished:
            for reviewer in _reviewers(case, signoff.chain[signoff.step]):
                outbox_write(
                    recipient=reviewer,
                    subject_zh=f"待核：{case.number} {signoff.summary}"[:200],
                    subject_en=f"Awaiting your approval: {case.number}",
                    link=f"/staff/cases/{case.number}/",
                    case_id=case.pk,
                    channels=(Channel.IN_APP,),
                )
        if finished:
            on_approve, on_return = SIGNOFF_OUTCOMES[signoff.subject]
            case_transition(
                case=case,
                name=on_approve if approve else on_return,
                actor=actor,
                data={"note": comment, "signoff_id": signoff.pk},
                system=True,
            )
            if signoff.requested_by_id != actor.pk:
                outbox_write(
                    recipient=signoff.requested_by,
                    subject_zh=f"{case.number} 陳核{'已核准' if approve else '被退回'}",
                    subject_en=f"{case.number}: request {'approved' if approve else 'returned'}",
                    body_zh=comment,
                    link=f"/staff/cases/{case.number}/",
                    case_id=case.pk,
                    channels=(Channel.IN_APP,),
                )
    return signoff


# --- grants and merges ------------------------------------------------------------


def case_grant(*, case: Case, actor: User, user: User, reason: str, days: int = 30, can_act: bool = False) -> CaseGrant:
    """Let a staff member of another unit read (and optionally work on) one case. Only
    the owning unit's chief or the director may grant."""
    if actor.role not in (Role.SECTION_CHIEF, Role.DIRECTOR) or not case_access.can_act_on_case(actor, case):
        raise Forbidden("只有案件所屬單位科長可以授權。", "Only the owning unit's chief may grant access.")
    if user.kind != UserKind.STAFF or user.role == Role.SYSADMIN:
        raise ApplicationError(
            "只能授權給辦理案件的機關人員。", "Access can only be granted to staff who work on cases.", field="user"
        )
    if not reason.strip():
        raise ApplicationError("請說明授權理由。", "Give the reason for the grant.", field="reason")
    if not 1 <= days <= 365:
        raise ApplicationError("授權期間為1至365日。", "A grant lasts 1 to 365 days.", field="days")
    with transaction.atomic():
        grant = CaseGrant.objects.create(
            case=case,
            user=user,
            granted_by=actor,
            reason=reason.strip()[:200],
            can_act=can_act,
            expires_at=timezone.now() + timedelta(days=days),
        )
        locked = _lock(case)
        timeline_append(
            case=locked,
            actor=actor,
            kind=TimelineEntry.Kind.NOTE,
            text=f"授權 {user.label} 存取本案（{reason.strip()}）",
            data={"grant_id": grant.pk, "user": user.pk, "can_act": can_act},
        )
    return grant


def case_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook (core.services): the absorbed record's case parties move over."""
    if kind == "person":
        CaseParty.objects.filter(person_id=old_id).update(person_id=new_id)
    elif kind == "employer":
        CaseParty.objects.filter(employer_id=old_id).update(employer_id=new_id)


# --- deadline sweep ----------------------------------------------------------------

DUE_SOON_WORKING_DAYS = 2


def deadline_sweep(today: date | None = None) -> int:
    """Remind the assignee (or, if none, the unit's chiefs) of open cases whose
    statutory deadline falls within DUE_SOON_WORKING_DAYS working days, and again once
    overdue. Idempotent: one reminder per case, kind and due date. Returns how many."""
    from laborbureau.cases.models import DeadlineReminder
    from laborbureau.rules import working_days

    today = today or timezone.localdate()
    horizon = working_days.add_working_days(today, DUE_SOON_WORKING_DAYS)
    open_cases = Case.objects.filter(closed_at__isnull=True, due_date__isnull=False, due_date__lte=horizon)
    sent = 0
    for case in open_cases.select_related("assignee").iterator():
        kind = DeadlineReminder.Kind.OVERDUE if case.due_date < today else DeadlineReminder.Kind.DUE_SOON
        with transaction.atomic():
            _, created = DeadlineReminder.objects.get_or_create(case=case, kind=kind, due_date=case.due_date)
            if not created:
                continue
            recipients = [case.assignee] if case.assignee_id else list(_reviewers(case, Role.SECTION_CHIEF))
            day = roc_calendar.format_short(case.due_date)
            for recipient in recipients:
                outbox_write(
                    recipient=recipient,
                    subject_zh=f"{case.number} {'已逾期' if kind == 'OVERDUE' else '即將到期'}（期限 {day}）",
                    subject_en=f"{case.number} {'is overdue' if kind == 'OVERDUE' else 'is due soon'} (due {case.due_date})",
                    link=f"/staff/cases/{case.number}/",
                    case_id=case.pk,
                    channels=(Channel.IN_APP, Channel.EMAIL),
                )
            sent += 1
    return sent
