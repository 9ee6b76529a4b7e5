"""The labor-dispute mediation (勞資爭議調解) workflow.

勞資爭議處理法 (days are calendar days, counted under 行政程序法第48條; see
rules.dispute_deadlines):

    SUBMITTED --assign_mediator (第12條第1項: within 3 days of receipt)--> MEDIATOR_ASSIGNED
    SUBMITTED --designate_committee (第14條第1項: 3 days)--> COMMITTEE_FORMING
    MEDIATOR_ASSIGNED (第12條第2項: start within 7 days of appointment)
    COMMITTEE_FORMING (第15條: form and meet within 14 days)
        --schedule_meeting (services.meeting_schedule)--> MEETING_SCHEDULED
    MEETING_SCHEDULED (第12條第5項: a proposal within 10 days of starting)
        --record_settled--> SETTLED          調解成立 (第23條: deemed a contract)
        --record_not_settled--> NOT_SETTLED  調解不成立
        --record_respondent_absent--> RESPONDENT_ABSENT
        --adjourn--> AWAITING_NEXT_MEETING --schedule_meeting--> MEETING_SCHEDULED
    SUBMITTED --not_accept--> NOT_ACCEPTED; any open state --withdraw--> WITHDRAWN

Scheduling and the outcome carry structured input (a slot and a room; an amount per
claim), so their transitions are system steps fired by the services after their own
checks; the rest appear on the generic case pages.
"""

from laborbureau.cases.access import PARTY
from laborbureau.cases.models import Case, CaseParty, PartyRole
from laborbureau.cases.workflows import Deadline, FieldSpec, State, Transition, Workflow, register
from laborbureau.core.models import Role, UserKind
from laborbureau.relations.mediation import panels

CASE_TYPE = "labor_dispute_mediation"
LAW = "勞資爭議處理法"

OFFICERS = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF})
MEDIATION_STAFF = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF, Role.MEDIATOR})

APPOINT = Deadline(3, "calendar", basis=f"{LAW}第12條第1項、第14條第1項", from_opening=True)
MEDIATOR_START = Deadline(7, "calendar", basis=f"{LAW}第12條第2項")
COMMITTEE_MEETS = Deadline(14, "calendar", basis=f"{LAW}第15條")
PROPOSAL = Deadline(10, "calendar", basis=f"{LAW}第12條第5項")

OPEN_STATES = ("SUBMITTED", "MEDIATOR_ASSIGNED", "COMMITTEE_FORMING", "MEETING_SCHEDULED", "AWAITING_NEXT_MEETING")


def mediator_choices(on):
    """Active mediators on the roster, for the assignment step's select."""
    from laborbureau.relations.mediation.models import MediatorProfile

    return tuple(
        (str(profile.user_id), profile.user.label)
        for profile in MediatorProfile.objects.filter(active=True, user__is_active=True).select_related("user")
    )


def _dispute(case: Case):
    from laborbureau.relations.mediation.models import Dispute

    return Dispute.objects.select_for_update().get(case=case)


# --- guards --------------------------------------------------------------------------


def _procedure_is(procedure: str):
    def guard(case, actor, data):
        if _dispute(case).procedure != procedure:
            return (
                "申請人選擇的調解方式不是這一種（勞資爭議處理法第11條第1項）。",
                "The applicant chose the other procedure (Art. 11(1)).",
            )
        return None

    return guard


def _mediator_fits(case, actor, data):
    from laborbureau.relations.mediation import services

    services.mediator_check(dispute=_dispute(case), mediator_id=data["mediator"])
    return None


def _applicant_side_only(case, actor, data):
    """A party may withdraw only its own application: the respondent cannot."""
    if actor is None or actor.kind == UserKind.STAFF:
        return None
    applicants = CaseParty.objects.filter(case=case, role__in=(PartyRole.APPLICANT, PartyRole.WORKER, PartyRole.UNION))
    if actor.kind == UserKind.EMPLOYER:
        mine = applicants.filter(employer_id=actor.employer_id, role=PartyRole.APPLICANT)
    else:
        mine = applicants.filter(person_id=actor.person_id)
    if not mine.exists():
        return ("只有申請人可以撤回調解申請。", "Only the applicant may withdraw the application.")
    return None


# --- effects -------------------------------------------------------------------------


def _appoint(case, actor, data):
    from laborbureau.relations.mediation import services

    services.mediator_appoint(dispute=_dispute(case), mediator_id=data["mediator"], actor=actor,
                              committee_members=data.get("committee_members", ""))


def _withdrawn(case, actor, data):
    from laborbureau.relations.mediation import services

    services.dispute_close_meetings(dispute=_dispute(case), outcome="WITHDRAWN")


MEDIATOR_FIELD = FieldSpec("mediator", "調解人", "Mediator", kind="choice", choices=mediator_choices)
REASON = FieldSpec("reason", "理由", "Reason", kind="textarea")

WORKFLOW = register(
    Workflow(
        case_type=CASE_TYPE,
        type_code="DSP",
        unit_code="LR",
        name_zh="勞資爭議調解",
        name_en="Labor-dispute mediation",
        initial="SUBMITTED",
        open_roles=OFFICERS,
        portal_party_roles=None,  # two-sided: both the applicant and the respondent see the case
        staff_panel=panels.staff_panel,
        portal_panel=panels.portal_panel,
        states=(
            State("SUBMITTED", "已收件", "Received", APPOINT, label_public_zh="已收件，指派調解人中",
                  label_public_en="Received; a mediator is being appointed"),
            State("MEDIATOR_ASSIGNED", "已指派調解人", "Mediator appointed", MEDIATOR_START,
                  label_public_zh="已指派調解人，排定會議中", label_public_en="Mediator appointed; meeting being scheduled"),
            State("COMMITTEE_FORMING", "調解委員會組成中", "Committee being formed", COMMITTEE_MEETS,
                  label_public_zh="調解委員會組成中", label_public_en="The committee is being formed"),
            State("MEETING_SCHEDULED", "已排定調解會議", "Meeting scheduled", PROPOSAL),
            State("AWAITING_NEXT_MEETING", "待續行調解", "Awaiting another meeting", PROPOSAL,
                  label_public_zh="將再次召開調解會議", label_public_en="Another meeting will be held"),
            State("SETTLED", "調解成立", "Settled", terminal=True),
            State("NOT_SETTLED", "調解不成立", "Not settled", terminal=True),
            State("RESPONDENT_ABSENT", "相對人未到場", "Respondent absent", terminal=True,
                  label_public_zh="相對人未到場，調解不成立", label_public_en="The respondent did not attend; not settled"),
            State("NOT_ACCEPTED", "不受理", "Not accepted", terminal=True),
            State("WITHDRAWN", "已撤回", "Withdrawn", terminal=True),
        ),
        transitions=(
            Transition(
                "assign_mediator", ("SUBMITTED",), "MEDIATOR_ASSIGNED", OFFICERS, "指派調解人", "Appoint a mediator",
                fields=(MEDIATOR_FIELD,), guards=(_procedure_is("mediator"), _mediator_fits), effects=(_appoint,),
                notify_parties=True,
                public_note_zh="本局已指派調解人，將於指派後7日內召開調解會議（勞資爭議處理法第12條）。",
                public_note_en="A mediator has been appointed; the meeting will be held within 7 days (Art. 12).",
            ),
            Transition(
                "designate_committee", ("SUBMITTED",), "COMMITTEE_FORMING", OFFICERS, "組成調解委員會",
                "Form the mediation committee",
                fields=(
                    FieldSpec("mediator", "主席（本局代表）", "Chair (the department's member)", kind="choice",
                              choices=mediator_choices),
                    FieldSpec("committee_members", "雙方選定或指定之調解委員", "Members chosen or designated"),
                ),
                guards=(_procedure_is("committee"), _mediator_fits), effects=(_appoint,), notify_parties=True,
                public_note_zh="本局已組成調解委員會，將於14日內召開調解會議（勞資爭議處理法第15條）。",
                public_note_en="The mediation committee is formed and will meet within 14 days (Art. 15).",
            ),
            Transition(
                "not_accept", ("SUBMITTED",), "NOT_ACCEPTED", OFFICERS, "不予受理", "Do not accept",
                fields=(REASON,), notify_parties=True,
            ),
            # Fired by services.meeting_schedule after the slot, room and mediator checks.
            Transition(
                "schedule_meeting", ("MEDIATOR_ASSIGNED", "COMMITTEE_FORMING", "AWAITING_NEXT_MEETING"),
                "MEETING_SCHEDULED", frozenset(), "排定調解會議", "Schedule the meeting",
            ),
            # Fired by services.dispute_outcome_record with the amounts per claim.
            Transition("adjourn", ("MEETING_SCHEDULED",), "AWAITING_NEXT_MEETING", frozenset(), "續行調解",
                       "Another meeting is needed"),
            Transition("record_settled", ("MEETING_SCHEDULED",), "SETTLED", frozenset(), "調解成立", "Settled"),
            Transition("record_not_settled", ("MEETING_SCHEDULED",), "NOT_SETTLED", frozenset(), "調解不成立",
                       "Not settled"),
            Transition("record_respondent_absent", ("MEETING_SCHEDULED",), "RESPONDENT_ABSENT", frozenset(),
                       "相對人未到場", "Respondent absent"),
            Transition(
                "withdraw", OPEN_STATES, "WITHDRAWN", frozenset({PARTY, *OFFICERS}), "撤回調解申請",
                "Withdraw the application",
                fields=(FieldSpec("reason", "撤回理由", "Reason", kind="textarea", required=False),),
                guards=(_applicant_side_only,), effects=(_withdrawn,), notify_parties=True,
                party_roles=frozenset({"APPLICANT", "WORKER", "UNION"}),
            ),
        ),
    )
)
