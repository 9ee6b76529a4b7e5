"""Writes of closure determinations: a worker's application, joining the open case of
the same employer rather than starting a parallel one.

    closure_apply(*, data: ClosureApplyInput, actor) -> (ClosureDetermination, joined: bool)
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import CaseParty, Channel, PartyRole, TimelineEntry
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Employer, Establishment, Person, Role, User, UserKind
from laborbureau.notify.models import Channel as NotifyChannel
from laborbureau.notify.services import outbox_write
from laborbureau.relations.closures.models import ClosureApplicant, ClosureDetermination
from laborbureau.relations.closures.workflows import CASE_TYPE, OFFICERS, UNIT, WORKFLOW

MAX_STATEMENT = 5000
APPLY_CHANNELS = {Channel.PORTAL, Channel.COUNTER, Channel.MAIL, Channel.PHONE, Channel.API}


@dataclass(frozen=True)
class ClosureApplyInput:
    employer: core_services.EmployerInput
    statement: str
    still_owed: bool = True
    claimed_since: date | None = None
    establishment_name: str = ""
    mediation_reference: str = ""
    applicant: core_services.PersonInput | None = None  # staff recording name the worker
    channel: str = Channel.PORTAL
    attachments: list[tuple[str, bytes]] = field(default_factory=list)


def _prefixed(error: ApplicationError, prefix: str) -> ApplicationError:
    if error.field and "." not in error.field:
        error.field = f"{prefix}.{error.field}"
    return error


def _applicant(data: ClosureApplyInput, actor: User) -> Person:
    if actor.kind == UserKind.CITIZEN:
        if data.applicant is not None:
            raise Forbidden("民眾僅能以本人名義申請。", "A citizen applies only for themself.")
        if actor.person_id is None:
            raise ApplicationError("請先完成身分資料。", "Complete your identity details first.", field="applicant")
        return actor.person
    if actor.kind == UserKind.STAFF:
        if not ((actor.role in OFFICERS and actor.unit.code == UNIT) or actor.role == Role.DIRECTOR):
            raise Forbidden("您的角色不可登錄歇業事實認定申請。", "Your role may not record these applications.")
        if data.applicant is None:
            raise ApplicationError("請填寫申請人資料。", "Give the applicant's details.", field="applicant")
        try:
            person, _ = core_services.person_register(data=data.applicant, actor=actor)
        except ApplicationError as error:
            raise _prefixed(error, "applicant") from None
        return person
    raise Forbidden("歇業事實認定由勞工申請。", "Workers apply for a closure determination.")


def closure_apply(*, data: ClosureApplyInput, actor: User) -> tuple[ClosureDetermination, bool]:
    """A worker's application. If the employer already has an open determination case,
    the worker joins it (an APPLICANT party, a timeline entry, the assignee told);
    otherwise a case opens in SUBMITTED with its two-month limit. Returns the record
    and whether the worker joined an existing case. All or nothing."""
    statement = (data.statement or "").strip()
    if not statement:
        raise ApplicationError("請說明事業單位停業的情形。", "Describe how the business stopped.", field="statement")
    if len(statement) > MAX_STATEMENT:
        raise ApplicationError(f"說明請在{MAX_STATEMENT}字以內。", f"Keep it within {MAX_STATEMENT} characters.",
                               field="statement")
    if data.claimed_since is not None and data.claimed_since > timezone.localdate():
        raise ApplicationError("停業日期不可晚於今天。", "The day it stopped cannot be in the future.",
                               field="claimed_since")
    if data.channel not in APPLY_CHANNELS:
        raise ApplicationError("受理管道不正確。", "Unknown channel.", field="channel")
    mediation = (data.mediation_reference or "").strip()[:40]
    with transaction.atomic():
        person = _applicant(data, actor)
        try:
            employer, _ = core_services.employer_register(data=data.employer, actor=actor)
        except ApplicationError as error:
            raise _prefixed(error, "employer") from None
        if employer.merged_into_id:
            employer = employer.merged_into
        # Lock the employer: two workers applying at once must end in one case.
        Employer.objects.select_for_update().filter(pk=employer.pk).first()
        existing = (
            ClosureDetermination.objects.filter(employer=employer, case__closed_at__isnull=True)
            .select_related("case").first()
        )
        if existing is not None:
            if existing.applicants.filter(person=person).exists():
                raise ApplicationError(
                    f"您已是本事業單位歇業事實認定案（{existing.case.number}）的申請人。",
                    f"You already applied in case {existing.case.number}.", field="employer.name", code="duplicate",
                )
            _join(existing, person, statement, data, actor)
            return existing, True
        establishment = None
        if data.establishment_name.strip():
            establishment = Establishment.objects.filter(employer=employer, name=data.establishment_name.strip()).first()
            if establishment is None:
                establishment = core_services.establishment_add(employer=employer, name=data.establishment_name,
                                                                actor=actor)
        case = case_services.case_open(
            case_type=CASE_TYPE,
            title=f"{WORKFLOW.name_zh}：{employer.name}",
            actor=actor,
            channel=data.channel if actor.kind == UserKind.STAFF else (
                Channel.API if data.channel == Channel.API else Channel.PORTAL),
            parties=[
                case_services.PartyLink(role=PartyRole.APPLICANT, person=person),
                case_services.PartyLink(role=PartyRole.RESPONDENT, employer=employer),
            ],
        )
        record = ClosureDetermination.objects.create(
            case=case, employer=employer, establishment=establishment, claimed_since=data.claimed_since,
            mediation_reference=mediation,
        )
        ClosureApplicant.objects.create(determination=record, person=person, statement=statement,
                                        still_owed=data.still_owed)
        for name, content in data.attachments:
            case_services.attachment_add(case=case, actor=actor, name=name, content=content)
    return record, False


def _join(record: ClosureDetermination, person: Person, statement: str, data: ClosureApplyInput, actor: User) -> None:
    case = case_services._lock(record.case)  # noqa: SLF001 - the engine's row lock, as the timeline requires
    CaseParty.objects.create(case=case, role=PartyRole.APPLICANT, person=person)
    ClosureApplicant.objects.create(determination=record, person=person, statement=statement,
                                    still_owed=data.still_owed)
    if data.mediation_reference.strip() and not record.mediation_reference:
        record.mediation_reference = data.mediation_reference.strip()[:40]
        record.save(update_fields=["mediation_reference"])
    case_services.timeline_append(
        case=case, actor=actor, kind=TimelineEntry.Kind.NOTE, text="另有勞工加入本件申請。",
        data={"joined_person": person.pk}, visible_to_parties=True,
    )
    for name, content in data.attachments:
        case_services.attachment_add(case=case, actor=actor, name=name, content=content)
    if case.assignee_id:
        outbox_write(
            recipient=case.assignee, subject_zh=f"{case.number} 另有勞工加入申請", subject_en=f"{case.number}: a worker joined",
            link=f"/staff/cases/{case.number}/", case_id=case.pk, channels=(NotifyChannel.IN_APP,),
        )


def closure_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: the program's own references follow a merged person or employer."""
    if kind == "person":
        ClosureApplicant.objects.filter(person_id=old_id).update(person_id=new_id)
    elif kind == "employer":
        ClosureDetermination.objects.filter(employer_id=old_id).update(employer_id=new_id)



