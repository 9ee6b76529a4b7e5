"""How a case type declares its workflow: states, transitions, roles, guards,
required fields and statutory deadlines, as data (Oscar's status pipeline).

A program's `workflows.py` builds one `Workflow` and registers it with `register()`;
the engine (cases.services.case_transition) is the only code that changes a status.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from laborbureau.rules import working_days


@dataclass(frozen=True)
class Deadline:
    """A statutory time limit a state carries, counted from the day it is entered.

    `kind` is "working" (days the government offices work, Taiwan's official calendar)
    or "calendar". Counting follows 行政程序法第48條: the first day is not counted and
    a limit ending on a day off moves to the next working day.
    """

    days: int
    kind: str = "working"
    basis: str = ""  # the article that sets the limit, e.g. 勞資爭議處理法第10條
    from_opening: bool = False  # counted from the day the case was received, not the state

    def due(self, start: date) -> date:
        return working_days.deadline(start, self.days, self.kind)


@dataclass(frozen=True)
class State:
    code: str
    label_zh: str
    label_en: str
    deadline: Deadline | None = None
    terminal: bool = False
    label_public_zh: str = ""  # what a citizen sees, when it should differ
    label_public_en: str = ""


@dataclass(frozen=True)
class FieldSpec:
    """An input a transition requires (or accepts) from the person firing it."""

    name: str
    label_zh: str
    label_en: str
    kind: str = "text"  # text, textarea, date, int, choice, bool
    required: bool = True
    # (value, label) pairs, or a function of the date returning them (e.g. the fining
    # articles in force today).
    choices: tuple[tuple[str, str], ...] | Callable[[date], tuple[tuple[str, str], ...]] = ()

    def choice_list(self, on: date) -> tuple[tuple[str, str], ...]:
        return self.choices(on) if callable(self.choices) else self.choices


# A guard returns None when the transition may fire, or (message_zh, message_en).
Guard = Callable[["object", "object", dict], tuple[str, str] | None]
# An effect updates the program's domain record inside the transition's transaction.
Effect = Callable[["object", "object", dict], None]


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    label_zh: str
    label_en: str
    fields: tuple[FieldSpec, ...] = ()
    guards: tuple[Guard, ...] = ()
    effects: tuple[Effect, ...] = ()
    notify_parties: bool = False  # tell the portal users who are parties
    public_note_zh: str = ""  # the timeline text parties see
    public_note_en: str = ""
    assignee_only: bool = False  # only the assignee (or a chief/director) may fire it
    # With PARTY in `roles`: the party roles that may fire it (None: any party). The
    # respondent of a mediation may not withdraw the applicant's application.
    party_roles: frozenset[str] | None = None


@dataclass(frozen=True)
class Workflow:
    case_type: str
    type_code: str  # the letters in the case number: 115-LSC-000042
    unit_code: str  # the unit that owns this case type
    name_zh: str
    name_en: str
    initial: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    open_roles: frozenset[str] = field(default_factory=frozenset)  # staff who may open one
    # Party roles whose portal users may see the case (None: every party). A complaint
    # is hidden from the employer it names, to protect the complainant.
    portal_party_roles: frozenset[str] | None = None
    # The program's panel on the generic case pages: (case, viewer) -> (template, context).
    staff_panel: Callable | None = None
    portal_panel: Callable | None = None

    def state(self, code: str) -> State:
        for state in self.states:
            if state.code == code:
                return state
        raise KeyError(code)

    def transition(self, name: str) -> Transition:
        for transition in self.transitions:
            if transition.name == name:
                return transition
        raise KeyError(name)

    def available(self, status: str) -> list[Transition]:
        return [t for t in self.transitions if status in t.sources]

    def check(self) -> None:
        """Fail at start-up on a table that names an unknown state."""
        codes = {state.code for state in self.states}
        if self.initial not in codes:
            raise ValueError(f"{self.case_type}: unknown initial state {self.initial}")
        for transition in self.transitions:
            unknown = (set(transition.sources) | {transition.target}) - codes
            if unknown:
                raise ValueError(f"{self.case_type}.{transition.name}: unknown states {unknown}")


_REGISTRY: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    workflow.check()
    _REGISTRY[workflow.case_type] = workflow
    return workflow


def get(case_type: str) -> Workflow:
    return _REGISTRY[case_type]


def all_workflows() -> list[Workflow]:
    return list(_REGISTRY.values())
