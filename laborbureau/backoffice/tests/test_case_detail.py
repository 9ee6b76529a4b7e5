"""The generic case page: header, parties, timeline, transitions from FieldSpecs,
sign-off, notes, assignment, grants, program panels; scoping and read-only roles."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from laborbureau.backoffice import panels
from laborbureau.cases.models import Case, CaseGrant, SignOff, TimelineEntry
from laborbureau.core.tests import factories

pytestmark = pytest.mark.django_db


def roc(day) -> str:
    return f"民國{day.year - 1911}年{day.month}月{day.day}日"


def url(case):
    return reverse("staff_case", args=[case.number])


def start_data(**overrides):
    data = {
        "action": "transition",
        "transition": "start",
        "t-start-visit_date": "115/11/20",
        "t-start-workers": "12",
        "t-start-outcome": "issue",
        "t-start-urgent": "on",
        "t-start-note": "到場訪查",
    }
    data.update(overrides)
    return data


def snapshot(case):
    case.refresh_from_db()
    return case.status, case.timeline_count, case.assignee_id


@pytest.mark.parametrize("role", ["officer", "chief", "director", "auditor"])
def test_case_page_renders_for_readers(request, login, case, role):
    viewer = request.getfixturevalue(role)
    response = login(viewer).get(url(case))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<span class="case-number">{case.number}</span>' in html
    assert "<dd>測試案件</dd>" in html  # the type's name, from the workflow registry
    assert "<dd>勞動基準科</dd>" in html
    assert '<span class="status">新收案</span>' in html
    case.refresh_from_db()
    assert roc(timezone.localdate(case.opened_at)) in html  # opened, in ROC form
    assert roc(case.due_date) in html  # due: 5 working days after opening
    assert "林美麗" in html
    assert "信義測試有限公司" in html


def test_header_and_headings_are_in_order(login, officer, case):
    html = login(officer).get(url(case)).content.decode()
    assert html.count("<h1") == 1
    assert html.index("<h1") < html.index("<h2") < html.index("<h3")
    assert '<caption class="visually-hidden">' in html
    assert 'scope="col"' in html


def test_party_ids_are_masked_and_link_to_logged_pages(login, officer, case, person):
    html = login(officer).get(url(case)).content.decode()
    assert person.masked_id in html
    assert person.id_number not in html
    assert f'href="{reverse("staff_person", args=[person.pk])}?purpose=' in html


def test_each_view_of_a_case_page_is_in_the_access_log(login, officer, case):
    from laborbureau.core.models import AccessLogEntry

    login(officer).get(url(case))
    entry = AccessLogEntry.objects.get(object_type="case")
    assert (entry.user, entry.object_id, entry.action) == (officer, case.number, "view")
    assert entry.purpose.startswith(f"案件 {case.number}")


def test_another_units_case_answers_404(login, outsider, case):
    client = login(outsider)
    before = snapshot(case)
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case), {"action": "note", "note-text": "x"}).status_code == 404
    assert client.get(reverse("staff_case", args=["115-TST-999999"])).status_code == 404
    assert snapshot(case) == before


def test_auditor_sees_no_forms_and_cannot_post(login, auditor, case):
    client = login(auditor)
    html = client.get(url(case)).content.decode()
    assert 'name="action"' not in html
    before = snapshot(case)
    for data in (start_data(), {"action": "note", "note-text": "稽核加註"}, {"action": "assign", "take": "1"}):
        assert client.post(url(case), data).status_code == 403
    assert snapshot(case) == before


def test_transition_form_is_built_from_the_field_specs(login, officer, case):
    html = login(officer).get(url(case)).content.decode()
    assert '<h3 id="h-t-start">開始處理</h3>' in html
    assert 'name="t-start-visit_date"' in html and 'inputmode="numeric"' in html
    assert 'type="number" name="t-start-workers"' in html
    assert '<option value="issue">待改善</option>' in html
    assert 'type="checkbox" name="t-start-urgent"' in html
    assert '<textarea name="t-start-note"' in html
    assert 'for="id_t-start-visit_date"' in html
    # submit is not available in this state
    assert 'value="submit"' not in html


def test_transition_with_an_roc_date(login, officer, case):
    response = login(officer).post(url(case), start_data())
    assert response.status_code == 302
    assert response["Location"] == url(case) + "#actions"
    case.refresh_from_db()
    assert case.status == "IN_PROGRESS"
    entry = TimelineEntry.objects.get(case=case, kind="transition")
    assert entry.data == {
        "visit_date": "2026-11-20",
        "workers": 12,
        "outcome": "issue",
        "urgent": True,
        "note": "到場訪查",
    }


def test_transition_accepts_an_iso_date(login, officer, case):
    assert login(officer).post(url(case), start_data(**{"t-start-visit_date": "2026-11-20"})).status_code == 302
    assert TimelineEntry.objects.get(case=case, kind="transition").data["visit_date"] == "2026-11-20"


def test_bad_date_is_shown_on_its_field_and_nothing_changes(login, officer, case):
    before = snapshot(case)
    response = login(officer).post(url(case), start_data(**{"t-start-visit_date": "115/02/30"}))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_t-start-visit_date_error"' in html
    assert snapshot(case) == before


def test_missing_required_field(login, officer, case):
    before = snapshot(case)
    response = login(officer).post(url(case), start_data(**{"t-start-outcome": ""}))
    assert response.status_code == 400
    assert 'id="id_t-start-outcome_error"' in response.content.decode()
    assert snapshot(case) == before


def test_guard_refusal_is_shown_with_4xx_and_nothing_changes(login, officer, case):
    before = snapshot(case)
    response = login(officer).post(url(case), start_data(**{"t-start-outcome": "blocked"}))
    assert response.status_code == 400
    assert "此結果不得選用。" in response.content.decode()
    assert snapshot(case) == before


def test_stale_transition_is_a_conflict(login, officer, case):
    client = login(officer)
    assert client.post(url(case), start_data()).status_code == 302
    response = client.post(url(case), start_data())
    assert response.status_code == 409
    assert "重新整理" in response.content.decode()


def test_unknown_action_is_400(login, officer, case):
    assert login(officer).post(url(case), {"action": "explode"}).status_code == 400


def test_signoff_chain_approve(login, officer, chief, case):
    officer_client = login(officer)
    officer_client.post(url(case), start_data())
    assert officer_client.post(url(case), {"action": "transition", "transition": "submit"}).status_code == 302
    signoff = SignOff.objects.get(case=case)
    # the maker sees the pending sign-off but no decision form
    html = officer_client.get(url(case)).content.decode()
    assert "陳核中" in html and 'value="approve"' not in html

    chief_client = login(chief)
    html = chief_client.get(url(case)).content.decode()
    assert 'name="decision" value="approve"' in html
    response = chief_client.post(
        url(case), {"action": "signoff", "signoff": signoff.pk, "decision": "approve", f"signoff-{signoff.pk}-comment": ""}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "CLOSED"
    assert case.closed_at is not None


def test_signoff_return_needs_a_comment(login, officer, chief, case):
    officer_client = login(officer)
    officer_client.post(url(case), start_data())
    officer_client.post(url(case), {"action": "transition", "transition": "submit"})
    signoff = SignOff.objects.get(case=case)
    chief_client = login(chief)
    before = snapshot(case)
    response = chief_client.post(url(case), {"action": "signoff", "signoff": signoff.pk, "decision": "return"})
    assert response.status_code == 400
    assert f'id="id_signoff-{signoff.pk}-comment_error"' in response.content.decode()
    assert snapshot(case) == before
    response = chief_client.post(
        url(case),
        {"action": "signoff", "signoff": signoff.pk, "decision": "return", f"signoff-{signoff.pk}-comment": "補件"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "IN_PROGRESS"


def test_officer_cannot_decide_a_chiefs_signoff(login, officer, other_officer, case):
    login(officer).post(url(case), start_data())
    login(officer).post(url(case), {"action": "transition", "transition": "submit"})
    signoff = SignOff.objects.get(case=case)
    before = snapshot(case)
    response = login(other_officer).post(url(case), {"action": "signoff", "signoff": signoff.pk, "decision": "approve"})
    assert response.status_code == 403
    assert snapshot(case) == before


def test_add_note_and_empty_note(login, officer, case):
    client = login(officer)
    assert client.post(url(case), {"action": "note", "note-text": "電話聯繫申訴人"}).status_code == 302
    assert TimelineEntry.objects.filter(case=case, kind="note", text="電話聯繫申訴人").count() == 1
    before = snapshot(case)
    response = client.post(url(case), {"action": "note", "note-text": "   "})
    assert response.status_code == 400
    assert 'id="id_note-text_error"' in response.content.decode()
    assert snapshot(case) == before


def test_officer_takes_and_chief_assigns_on_the_case_page(login, officer, other_officer, chief):
    case = factories.open_test_case(actor=officer)
    html = login(officer).get(url(case)).content.decode()
    assert 'name="take"' in html
    assert login(officer).post(url(case), {"action": "assign", "take": "1"}).status_code == 302
    case.refresh_from_db()
    assert case.assignee == officer

    html = login(chief).get(url(case)).content.decode()
    assert 'name="assign-assignee"' in html
    response = login(chief).post(url(case), {"action": "assign", "assign-assignee": other_officer.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == other_officer


def test_chief_grants_another_units_officer(login, chief, outsider, case):
    client = login(chief)
    assert 'name="grant-user"' in client.get(url(case)).content.decode()
    response = client.post(
        url(case), {"action": "grant", "grant-user": outsider.username, "grant-reason": "協辦", "grant-days": "10"}
    )
    assert response.status_code == 302
    assert CaseGrant.objects.filter(case=case, user=outsider, can_act=False).count() == 1
    assert login(outsider).get(url(case)).status_code == 200


def test_grant_to_unknown_user_shows_field_error(login, chief, case):
    response = login(chief).post(
        url(case), {"action": "grant", "grant-user": "nobody", "grant-reason": "協辦", "grant-days": "10"}
    )
    assert response.status_code == 400
    assert 'id="id_grant-user_error"' in response.content.decode()
    assert CaseGrant.objects.count() == 0


def test_officer_has_no_grant_form(login, officer, outsider, case):
    client = login(officer)
    assert 'name="grant-user"' not in client.get(url(case)).content.decode()
    response = client.post(
        url(case), {"action": "grant", "grant-user": outsider.username, "grant-reason": "協辦", "grant-days": "10"}
    )
    assert response.status_code == 403
    assert CaseGrant.objects.count() == 0


def test_registered_panel_is_shown(login, officer, case, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"]}
    ]

    def panel(request, shown_case):
        return ("backoffice/tests/panel.html", {"case": shown_case})

    def plain(request, shown_case):
        return "<script>x</script>"

    panels.register(case.case_type, panel)
    panels.register(case.case_type, plain)
    try:
        html = login(officer).get(url(case)).content.decode()
    finally:
        panels.unregister(case.case_type, panel)
        panels.unregister(case.case_type, plain)
    assert f'<h2 id="h-panel">測試面板 {case.number}</h2>' in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_case_of_an_unregistered_type_still_renders(login, officer, case):
    Case.objects.filter(pk=case.pk).update(case_type="retired_type")
    html = login(officer).get(url(case)).content.decode()
    assert "retired_type" in html
    assert 'name="transition"' not in html


def test_workflow_staff_panel_is_shown(login, officer, case, monkeypatch):
    """A program declares its panel on its workflow (it may not import the back office)."""
    import dataclasses

    from laborbureau.cases import workflows

    seen = []

    def staff_panel(shown_case, viewer):
        seen.append((shown_case.pk, viewer.pk))
        return format_html('<h2>{}</h2><p>{}</p>', "申訴內容", shown_case.title)

    workflow = workflows.get(case.case_type)
    monkeypatch.setitem(workflows._REGISTRY, case.case_type, dataclasses.replace(workflow, staff_panel=staff_panel))
    html = login(officer).get(url(case)).content.decode()
    assert '<section class="card panel"><h2>申訴內容</h2><p>測試案件</p></section>' in html
    assert seen == [(case.pk, officer.pk)]
