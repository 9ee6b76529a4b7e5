"""Writes of the labor-relations program: filing a labor-standards complaint."""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Channel, PartyRole
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Establishment, Person, User, UserKind
from laborbureau.relations.models import ComplaintCategory, LaborStandardsComplaint
from laborbureau.relations.workflows import CASE_TYPE, WORKFLOW

MAX_DESCRIPTION = 5000
# How a complaint can arrive (an inspection finding or an ex-officio case is not a complaint).
COMPLAINT_CHANNELS = {Channel.PORTAL, Channel.PHONE, Channel.COUNTER, Channel.MAIL, Channel.API}


@dataclass(frozen=True)
class ComplaintInput:
    employer: core_services.EmployerInput
    categories: list[str]
    description: str
    still_employed: bool
    identity_disclosure_consent: bool = False
    establishment_name: str = ""
    establishment_address: str = ""
    # Staff recording a phone or counter complaint give the complainant; on the
    # portal the complainant is the signed-in citizen.
    complainant: core_services.PersonInput | None = None
    channel: str = Channel.PORTAL
    attachments: list[tuple[str, bytes]] = field(default_factory=list)


def complaint_file(*, data: ComplaintInput, actor: User) -> LaborStandardsComplaint:
    """File a labor-standards complaint: registers (or finds) the complainant and the
    employer, opens the case in SUBMITTED with its 60-day limit, stores attachments.
    All or nothing."""
    categories = _clean_categories(data.categories)
    description = data.description.strip()
    if not description:
        raise ApplicationError("請說明申訴內容。", "Describe what happened.", field="description")
    if len(description) > MAX_DESCRIPTION:
        raise ApplicationError(
            f"申訴內容請在{MAX_DESCRIPTION}字以內。",
            f"Keep the description within {MAX_DESCRIPTION} characters.",
            field="description",
        )
    if data.channel not in COMPLAINT_CHANNELS:
        raise ApplicationError("受理管道不正確。", "Unknown channel.", field="channel")
    with transaction.atomic():
        with _fields_under("complainant"):
            complainant = _complainant(data, actor)
        with _fields_under("employer"):
            employer, _ = core_services.employer_register(data=data.employer, actor=actor)
        if employer.merged_into_id:
            employer = employer.merged_into
        duplicate = (
            LaborStandardsComplaint.objects.filter(
                complainant=complainant, employer=employer, case__closed_at__isnull=True
            )
            .select_related("case")
            .first()
        )
        if duplicate:
            raise ApplicationError(
                f"您對此事業單位已有處理中的申訴（{duplicate.case.number}），請在該案補充說明。",
                f"You already have an open complaint against this employer ({duplicate.case.number}); "
                "add to that case instead.",
                field="employer.name",
                code="duplicate",
            )
        establishment = None
        if data.establishment_name.strip():
            establishment = Establishment.objects.filter(
                employer=employer, name=data.establishment_name.strip()
            ).first() or core_services.establishment_add(
                employer=employer,
                name=data.establishment_name,
                address=data.establishment_address,
                actor=actor,
            )
        case = case_services.case_open(
            case_type=CASE_TYPE,
            title=f"{WORKFLOW.name_zh}：{employer.name}",
            actor=actor,
            channel=data.channel,
            parties=[
                case_services.PartyLink(role=PartyRole.COMPLAINANT, person=complainant),
                case_services.PartyLink(role=PartyRole.RESPONDENT, employer=employer),
            ],
        )
        complaint = LaborStandardsComplaint.objects.create(
            case=case,
            complainant=complainant,
            employer=employer,
            establishment=establishment,
            categories=categories,
            description=description,
            still_employed=data.still_employed,
            identity_disclosure_consent=data.identity_disclosure_consent,
        )
        for name, content in data.attachments:
            case_services.attachment_add(case=case, actor=actor, name=name, content=content)
    return complaint


@contextmanager
def _fields_under(prefix: str):
    """Name the part of the input a core error is about: "name" -> "employer.name"."""
    try:
        yield
    except ApplicationError as error:
        if error.field and "." not in error.field:
            error.field = f"{prefix}.{error.field}"
        raise


def _clean_categories(categories: list[str]) -> list[str]:
    chosen = [value for value in dict.fromkeys(categories) if value]
    if not chosen:
        raise ApplicationError("請至少選擇一項申訴事項。", "Choose at least one subject.", field="categories")
    unknown = [value for value in chosen if value not in ComplaintCategory.values]
    if unknown:
        raise ApplicationError("申訴事項的選項不正確。", "Unknown subject.", field="categories")
    return chosen


def _complainant(data: ComplaintInput, actor: User) -> Person:
    if actor.kind == UserKind.CITIZEN:
        if actor.person_id is None:
            raise ApplicationError(
                "請先完成身分資料，再提出申訴。", "Complete your identity details before filing.", field="complainant"
            )
        return actor.person
    if actor.kind == UserKind.STAFF:
        if actor.role not in WORKFLOW.open_roles:
            raise Forbidden("您的角色不可登錄申訴。", "Your role may not record complaints.")
        if data.complainant is None:
            raise ApplicationError("請填寫申訴人資料。", "Give the complainant's details.", field="complainant")
        person, _ = core_services.person_register(data=data.complainant, actor=actor)
        return person
    raise Forbidden("事業單位帳號不能提出勞工申訴。", "Employer accounts cannot file worker complaints.")


def complaint_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: the complaint's own references follow a merged person/employer."""
    if kind == "person":
        LaborStandardsComplaint.objects.filter(complainant_id=old_id).update(complainant_id=new_id)
    elif kind == "employer":
        LaborStandardsComplaint.objects.filter(employer_id=old_id).update(employer_id=new_id)


