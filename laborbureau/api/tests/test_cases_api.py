"""/api/v1/cases: list with filters, detail, transitions, notes, assignment; scope by
unit and role; query counts."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from laborbureau.cases.models import Case, TimelineEntry
from laborbureau.cases.services import case_transition
from laborbureau.cases.tests import tst_workflow
from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests import factories
from laborbureau.notify.models import OutboxMessage
from laborbureau.rules import working_days

pytestmark = pytest.mark.django_db


def _numbers(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["number"] for item in response.json()["items"]]


def _open(officer, **kwargs) -> Case:
    return tst_workflow.open_case(officer, person=factories.PersonFactory(), **kwargs)


def _state(case: Case) -> tuple:
    case.refresh_from_db()
    return case.status, case.timeline_count, OutboxMessage.objects.count()


# --- list -------------------------------------------------------------------------------


def test_staff_list_their_units_cases_newest_first(as_user, officer, case, lr_case):
    newer = _open(officer)

    response = as_user(officer).get("/cases")

    assert _numbers(response) == [newer.number, case.number]
    assert response.json()["count"] == 2
    item = response.json()["items"][1]
    assert (item["status"], item["status_label"], item["unit"]["code"], item["type_name"]["zh"]) == (
        "NEW",
        {"zh": "新案", "en": "New"},
        "LS",
        "測試案件",
    )


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.AUDITOR])
def test_director_and_auditor_list_every_unit(as_user, case, lr_case, role):
    assert set(_numbers(as_user(factories.staff(role, "ADM")).get("/cases"))) == {case.number, lr_case.number}


def test_the_system_administrator_lists_nothing(as_user, sysadmin, case):
    assert _numbers(as_user(sysadmin).get("/cases")) == []


def test_filters(as_user, officer, chief, case):
    mine = _open(officer, assignee=officer)
    started = _open(officer)
    case_transition(case=started, name="start", actor=officer, data={"note": "開始"})
    api = as_user(officer)

    assert _numbers(api.get("/cases", {"assignee": "me"})) == [mine.number]
    assert _numbers(api.get("/cases", {"status": "IN_PROGRESS"})) == [started.number]
    assert set(_numbers(api.get("/cases", {"type": "TST"}))) == {case.number, mine.number, started.number}
    assert len(_numbers(api.get("/cases", {"type": tst_workflow.CASE_TYPE, "unit": "ls"}))) == 3
    assert _numbers(api.get("/cases", {"unit": "LR"})) == []
    assert _numbers(api.get("/cases", {"q": case.number[-6:]})) == [case.number]


def test_overdue_and_due_within_working_days(as_user, officer, case):
    today = timezone.localdate()
    late = _open(officer)
    soon = _open(officer)
    later = _open(officer)
    Case.objects.filter(pk=late.pk).update(due_date=today - timedelta(days=1))
    Case.objects.filter(pk=soon.pk).update(due_date=working_days.add_working_days(today, 2))
    Case.objects.filter(pk=later.pk).update(due_date=working_days.add_working_days(today, 9))
    Case.objects.filter(pk=case.pk).update(due_date=None)
    api = as_user(officer)

    overdue = api.get("/cases", {"overdue": "true"})
    assert _numbers(overdue) == [late.number]
    assert overdue.json()["items"][0]["overdue"] is True
    assert _numbers(api.get("/cases", {"due_within_days": 2})) == [soon.number]
    assert _numbers(api.get("/cases", {"due_within_days": 9})) == [soon.number, later.number]


def test_pagination(as_user, officer, case):
    for _ in range(4):
        _open(officer)
    api = as_user(officer)

    first = api.get("/cases", {"page_size": 2})
    third = api.get("/cases", {"page_size": 2, "page": 3})
    beyond = api.get("/cases", {"page_size": 2, "page": 4})

    assert (len(_numbers(first)), first.json()["count"]) == (2, 5)
    assert _numbers(third) == [case.number]
    assert _numbers(beyond) == []


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"type": "NOPE"}, ["query", "type"]),
        ({"status": "FLYING"}, ["query", "status"]),
        ({"type": "TST", "status": "APPROVED"}, ["query", "status"]),
        ({"unit": "XX"}, ["query", "unit"]),
        ({"assignee": "someone"}, ["query", "assignee"]),
        ({"overdue": "perhaps"}, ["query", "overdue"]),
        ({"due_within_days": -1}, ["query", "due_within_days"]),
        ({"due_within_days": 61}, ["query", "due_within_days"]),
        ({"due_within_days": "soon"}, ["query", "due_within_days"]),
        ({"page": 0}, ["query", "page"]),
        ({"page": 10**30}, ["query", "page"]),
        ({"page_size": 100000}, ["query", "page_size"]),
        ({"q": "x" * 51}, ["query", "q"]),
        ({"q": "115\x00"}, ["query", "q"]),
    ],
)
def test_bad_filters_answer_422_at_the_parameter(as_user, officer, params, loc):
    response = as_user(officer).get("/cases", params)

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == loc
    assert error["msg"] and error["msg_en"]


def _count_queries(django_assert_max_num_queries, api, path, params=None, limit=8):
    with django_assert_max_num_queries(limit):
        response = api.get(path, params or {})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("who", ["officer", "director", "citizen", "granted_outsider"])
def test_the_list_costs_a_fixed_number_of_queries(as_user, django_assert_max_num_queries, officer, chief, who):
    person = factories.PersonFactory()
    user = {
        "officer": lambda: officer,
        "director": lambda: factories.staff(Role.DIRECTOR, "ADM"),
        "citizen": lambda: factories.citizen(person=person),
        "granted_outsider": lambda: factories.staff(Role.CASE_OFFICER, "LR"),
    }[who]()
    for index in range(3):
        case = tst_workflow.open_case(officer, person=person, assignee=officer if index % 2 else chief)
        if who == "granted_outsider":
            from laborbureau.cases.services import case_grant

            case_grant(case=case, actor=chief, user=user, reason="協辦")
    api = as_user(user)

    small = _count_queries(django_assert_max_num_queries, api, "/cases", {"overdue": "false", "unit": "LS"})
    for index in range(12):
        case = tst_workflow.open_case(officer, person=person, assignee=officer if index % 2 else chief)
        if who == "granted_outsider":
            from laborbureau.cases.services import case_grant

            case_grant(case=case, actor=chief, user=user, reason="協辦")
    large = _count_queries(django_assert_max_num_queries, api, "/cases", {"overdue": "false", "unit": "LS"})

    assert (small.json()["count"], large.json()["count"]) == (3, 15)


# --- detail -------------------------------------------------------------------------------


def test_detail_shows_parties_timeline_and_the_callers_steps_with_their_fields(as_user, officer, case, person):
    response = as_user(officer).get(f"/cases/{case.number}", {"purpose": "審查申訴"})

    assert response.status_code == 200
    body = response.json()
    assert (body["number"], body["title"], body["channel"]) == (case.number, "積欠工資申訴", "counter")
    assert [(p["role"], p["kind"], p["name"]) for p in body["parties"]] == [
        ("COMPLAINANT", "person", "林美麗"),
        ("RESPONDENT", "employer", "信義測試股份有限公司"),
    ]
    assert body["parties"][0]["person_id"] == person.pk
    assert body["parties"][0]["masked_id"] == person.masked_id
    assert [(e["seq"], e["kind"], e["to_status"]) for e in body["timeline"]] == [(1, "opened", "NEW")]
    assert body["transitions"] == [
        {
            "name": "start",
            "label_zh": "開始處理",
            "label_en": "Start",
            "target": "IN_PROGRESS",
            "target_label": {"zh": "處理中", "en": "In progress"},
            "fields": [
                {
                    "name": "note",
                    "label_zh": "說明",
                    "label_en": "Note",
                    "kind": "text",
                    "required": True,
                    "choices": [],
                }
            ],
        }
    ]
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.object_type, entry.object_id, entry.purpose) == (
        officer,
        "api",
        "case",
        case.number,
        "審查申訴",
    )
    assert entry.path == f"/api/v1/cases/{case.number}"


def test_detail_lists_choices_of_a_choice_field(as_user, officer, case):
    case_transition(case=case, name="start", actor=officer, data={"note": "開始"})

    body = as_user(officer).get(f"/cases/{case.number}").json()

    close = next(t for t in body["transitions"] if t["name"] == "close")
    outcome = next(f for f in close["fields"] if f["name"] == "outcome")
    assert outcome["choices"] == [{"value": "ok", "label": "完成 Done"}, {"value": "moot", "label": "無須處理 Moot"}]
    assert [t["name"] for t in body["transitions"]] == ["close", "explode", "submit"]


@pytest.mark.parametrize("number", ["115-TST-999999", "nonsense", "115-TST-000001%00", "a" * 41])
def test_a_missing_or_malformed_number_answers_404(as_user, officer, case, number):
    response = as_user(officer).get(f"/cases/{number}")

    assert response.status_code in (404, 422)
    if response.status_code == 404:
        assert response.json()["detail"][0]["type"] == "not_found"


def test_another_units_case_answers_404_like_a_missing_one(as_user, outsider, case):
    api = as_user(outsider)

    for response in (
        api.get(f"/cases/{case.number}"),
        api.get(f"/cases/{case.number}/notes"),
        api.post(f"/cases/{case.number}/transitions", {"name": "start", "data": {"note": "x"}}),
        api.post(f"/cases/{case.number}/notes", {"text": "x"}),
        api.post(f"/cases/{case.number}/assignment", {"assignee": "lr_officer"}),
    ):
        assert response.status_code == 404
        assert response.json()["detail"][0]["msg_en"] == "The case was not found."
    assert _state(case)[:2] == ("NEW", 1)
    assert AccessLogEntry.objects.count() == 0


def test_a_case_grant_opens_another_units_case(as_user, outsider, chief, case):
    from laborbureau.cases.services import case_grant

    case_grant(case=case, actor=chief, user=outsider, reason="協辦", can_act=True)

    response = as_user(outsider).post(f"/cases/{case.number}/transitions", {"name": "start", "data": {"note": "協辦"}})

    assert (response.status_code, response.json()["status"]) == (200, "IN_PROGRESS")


# --- portal users --------------------------------------------------------------------------


def test_a_citizen_sees_only_their_case_in_public_words(as_user, officer, case, person):
    citizen = factories.citizen(person=person)
    _open(officer)  # someone else's case
    from laborbureau.cases.services import case_note_add

    case_note_add(case=case, actor=officer, text="內部紀錄")
    api = as_user(citizen)

    listed = api.get("/cases")
    detail = api.get(f"/cases/{case.number}").json()

    assert _numbers(listed) == [case.number]
    assert listed.json()["items"][0]["status_label"] == {"zh": "已收件", "en": "Received"}
    assert detail["status_label"] == {"zh": "已收件", "en": "Received"}
    assert [(e["kind"], e["actor"], e["data"]) for e in detail["timeline"]] == [("opened", None, {})]
    assert [p.get("person_id") for p in detail["parties"]] == [None, None]
    assert [p.get("masked_id") for p in detail["parties"]] == [None, None]
    assert [t["name"] for t in detail["transitions"]] == ["withdraw"]
    assert AccessLogEntry.objects.count() == 0  # the data subject reading their own case


def test_a_citizen_fires_only_party_transitions(as_user, case, person):
    api = as_user(factories.citizen(person=person))

    refused = api.post(f"/cases/{case.number}/transitions", {"name": "start", "data": {"note": "我自己來"}})
    assert refused.status_code == 403
    assert _state(case)[:2] == ("NEW", 1)

    withdrawn = api.post(f"/cases/{case.number}/transitions", {"name": "withdraw"})
    assert (withdrawn.status_code, withdrawn.json()["status"], withdrawn.json()["closed_at"] is not None) == (
        200,
        "WITHDRAWN",
        True,
    )


def test_a_citizen_cannot_add_notes_or_assign(as_user, case, person):
    api = as_user(factories.citizen(person=person))

    assert api.post(f"/cases/{case.number}/notes", {"text": "補充"}).status_code == 403
    assert api.post(f"/cases/{case.number}/assignment", {"assignee": "ls_officer"}).status_code == 403
    assert _state(case)[:2] == ("NEW", 1)


@pytest.mark.parametrize("stranger", ["citizen", "employer"])
def test_someone_elses_case_answers_404_to_portal_users(as_user, case, stranger):
    user = factories.citizen() if stranger == "citizen" else factories.employer_user()

    assert as_user(user).get(f"/cases/{case.number}").status_code == 404
    assert _numbers(as_user(user).get("/cases")) == []


def test_the_employer_party_sees_the_case(as_user, case, employer):
    assert _numbers(as_user(factories.employer_user(employer)).get("/cases")) == [case.number]


# --- transitions -----------------------------------------------------------------------------


def test_a_transition_moves_the_case_and_answers_the_new_detail(as_user, officer, case):
    response = as_user(officer).post(f"/cases/{case.number}/transitions", {"name": "start", "data": {"note": "受理"}})

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["due_date"]) == (
        "IN_PROGRESS",
        str(working_days.deadline(timezone.localdate(), 10, "working")),
    )
    assert body["timeline"][-1]["transition"] == "start"
    assert body["timeline"][-1]["text"] == "受理"
    assert [t["name"] for t in body["transitions"]] == ["close", "explode", "submit"]


def test_a_missing_required_field_answers_422_at_its_path(as_user, officer, case):
    response = as_user(officer).post(f"/cases/{case.number}/transitions", {"name": "start", "data": {"note": "  "}})

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "data", "note"], "msg": "請填寫說明。", "msg_en": "Note is required.", "type": "invalid"}
        ]
    }
    assert _state(case)[:2] == ("NEW", 1)


def test_an_unknown_transition_answers_422_at_name(as_user, officer, case):
    response = as_user(officer).post(f"/cases/{case.number}/transitions", {"name": "teleport"})

    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, ["body", "name"])


def test_a_step_from_the_wrong_state_answers_409(as_user, officer, case):
    response = as_user(officer).post(f"/cases/{case.number}/transitions", {"name": "close"})

    assert (response.status_code, response.json()["detail"][0]["type"]) == (409, "conflict")
    assert _state(case)[:2] == ("NEW", 1)


def test_a_refusing_guard_answers_400_with_its_message(as_user, officer, case):
    case_transition(case=case, name="start", actor=officer, data={"note": "開始"})
    before = _state(case)

    response = as_user(officer).post(f"/cases/{case.number}/transitions", {"name": "close", "data": {"amount": 101}})

    assert response.status_code == 400
    assert response.json()["detail"][0] == {
        "loc": [],
        "msg": "金額超過上限。",
        "msg_en": "The amount exceeds the limit.",
        "type": "invalid",
    }
    assert _state(case) == before


@pytest.mark.parametrize(
    ("data", "loc"),
    [
        ({"amount": "lots"}, ["body", "data", "amount"]),
        ({"amount": -5}, ["body", "data", "amount"]),
        ({"outcome": "maybe"}, ["body", "data", "outcome"]),
        ({"outcome": ["ok"]}, ["body", "data", "outcome"]),
        ({"outcome": {"a": 1}}, ["body", "data", "outcome"]),
        ({"amount": 1.5}, ["body", "data", "amount"]),
        ({"amount": 10**20}, ["body", "data", "amount"]),
    ],
)
def test_malformed_step_inputs_answer_422(as_user, officer, case, data, loc):
    case_transition(case=case, name="start", actor=officer, data={"note": "開始"})
    before = _state(case)

    response = as_user(officer).post(f"/cases/{case.number}/transitions", {"name": "close", "data": data})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][: len(loc)] == loc
    assert _state(case) == before


def test_an_auditor_gets_403_on_every_write_and_nothing_is_written(as_user, auditor, officer, case):
    api = as_user(auditor)
    before = _state(case)

    answers = [
        api.post(f"/cases/{case.number}/transitions", {"name": "start", "data": {"note": "x"}}),
        api.post(f"/cases/{case.number}/transitions", {"name": "close"}),  # wrong state too: still 403
        api.post(f"/cases/{case.number}/transitions", {"name": "teleport"}),
        api.post(f"/cases/{case.number}/notes", {"text": "稽核意見"}),
        api.post(f"/cases/{case.number}/assignment", {"assignee": officer.username}),
    ]

    assert [answer.status_code for answer in answers] == [403] * 5
    assert _state(case) == before
    assert api.get(f"/cases/{case.number}").status_code == 200  # reads are fine


# --- notes and assignment --------------------------------------------------------------------


def test_notes_are_added_and_listed(as_user, officer, case):
    api = as_user(officer)

    created = api.post(f"/cases/{case.number}/notes", {"text": "  已電話聯繫申訴人  ", "visible_to_parties": True})
    listed = api.get(f"/cases/{case.number}/notes")

    assert created.status_code == 201
    assert (created.json()["kind"], created.json()["text"], created.json()["seq"]) == ("note", "已電話聯繫申訴人", 2)
    assert [item["text"] for item in listed.json()["items"]] == ["已電話聯繫申訴人"]
    assert TimelineEntry.objects.get(case=case, seq=2).visible_to_parties is True


def test_an_empty_note_answers_422(as_user, officer, case):
    response = as_user(officer).post(f"/cases/{case.number}/notes", {"text": "   "})

    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, ["body", "text"])
    assert case.timeline.count() == 1


def test_a_chief_assigns_and_an_officer_takes_an_unassigned_case(as_user, officer, chief, case):
    other = factories.staff(Role.CASE_OFFICER, "LS", username="ls_other")

    taken = as_user(officer).post(f"/cases/{case.number}/assignment", {"assignee": officer.username})
    assert (taken.status_code, taken.json()["assignee"]) == (200, officer.label)

    refused = as_user(officer).post(f"/cases/{case.number}/assignment", {"assignee": other.username})
    assert refused.status_code == 403

    assigned = as_user(chief).post(f"/cases/{case.number}/assignment", {"assignee": other.username})
    assert (assigned.status_code, assigned.json()["assignee"]) == (200, other.label)
    case.refresh_from_db()
    assert case.assignee == other


@pytest.mark.parametrize("assignee", ["nobody", "lr_officer"])
def test_assigning_someone_who_cannot_work_on_the_case_answers_422(as_user, chief, outsider, case, assignee):
    response = as_user(chief).post(f"/cases/{case.number}/assignment", {"assignee": assignee})

    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, ["body", "assignee"])
    case.refresh_from_db()
    assert case.assignee is None


def test_notes_list_costs_a_fixed_number_of_queries(as_user, officer, case, django_assert_max_num_queries):
    from laborbureau.cases.services import case_note_add

    api = as_user(officer)
    case_note_add(case=case, actor=officer, text="一")
    _count_queries(django_assert_max_num_queries, api, f"/cases/{case.number}/notes")
    for index in range(10):
        case_note_add(case=case, actor=factories.staff(Role.CASE_OFFICER, "LS"), text=f"紀錄{index}")
    response = _count_queries(django_assert_max_num_queries, api, f"/cases/{case.number}/notes")
    assert response.json()["count"] == 11


def test_due_dates_in_the_answer_are_iso_dates(as_user, officer, case):
    body = as_user(officer).get("/cases").json()

    assert date.fromisoformat(body["items"][0]["due_date"]) == case.due_date
