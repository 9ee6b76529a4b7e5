"""document_issue: a PDF with CJK glyphs embedded, its code and checksum, a timeline entry."""

import hashlib

import pytest
from django.utils import timezone

from laborbureau.cases.models import TimelineEntry
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import PersonFactory, citizen, staff
from laborbureau.documents.codes import ALPHABET
from laborbureau.documents.models import IssuedDocument
from laborbureau.documents.services import document_revoke
from laborbureau.documents.tests.factories import issue, make_case
from laborbureau.documents.tests.pdf import embedded_font_files, font_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return staff(Role.CASE_OFFICER, "LS")


def test_issue_stores_a_cjk_pdf_with_its_checksum_and_records_it_on_the_case(officer, media_root):
    case = make_case()
    document = issue(actor=officer, case=case)

    pdf = document.file.read()
    document.file.close()
    assert pdf.startswith(b"%PDF-")
    assert document.sha256 == hashlib.sha256(pdf).hexdigest()
    assert document.size == len(pdf)
    assert document.file.name == f"documents/{document.issued_at:%Y/%m}/{document.code}.pdf"
    assert (media_root / document.file.name).exists()
    fonts = font_names(pdf)
    assert any(name.endswith("+Noto-Serif-CJK-TC") for name in fonts), fonts
    assert any("CJK" in name and "+" in name for name in fonts)  # subset-embedded ("ABCDEF+...")
    assert embedded_font_files(pdf) >= 1

    assert len(document.code) == 12 and set(document.code) <= set(ALPHABET)
    assert (document.kind, document.title, document.case_id, document.unit.code, document.issued_by_id) == (
        "decision",
        "違反勞動基準法處分書",
        case.pk,
        "LS",
        officer.pk,
    )
    entry = TimelineEntry.objects.get(case=case)
    assert (entry.kind, entry.seq, entry.actor_id, entry.text, entry.visible_to_parties) == (
        "document",
        1,
        officer.pk,
        "處分書：違反勞動基準法處分書",
        True,
    )
    assert entry.data == {
        "document_code": document.code,
        "kind": "decision",
        "sha256": document.sha256,
        "size": len(pdf),
    }
    case.refresh_from_db()
    assert (case.timeline_count, case.timeline_head) == (1, entry.hash)


def test_two_documents_get_different_codes(officer):
    first = issue(actor=officer)
    second = issue(actor=officer)
    assert first.code != second.code
    assert first.case_id is None and first.unit.code == "LS"


def test_an_internal_record_is_not_shown_to_parties(officer):
    case = make_case()
    document = issue(actor=officer, case=case, kind="record", title="訪談紀錄")
    assert document.visible_to_parties is False
    assert TimelineEntry.objects.get(case=case).visible_to_parties is False


@pytest.mark.parametrize(
    "make_actor",
    [
        lambda: staff(Role.CASE_OFFICER, "LR"),  # another unit
        lambda: staff(Role.AUDITOR, "LS"),  # reads, never writes
        lambda: citizen(),
    ],
)
def test_those_who_may_not_act_on_the_case_cannot_issue(make_actor, media_root):
    case = make_case()
    with pytest.raises(Forbidden):
        issue(actor=make_actor(), case=case)
    assert IssuedDocument.objects.count() == 0
    assert TimelineEntry.objects.count() == 0
    assert not (media_root / "documents").exists()


def test_bad_kind_and_empty_title_are_field_errors(officer):
    with pytest.raises(ApplicationError) as bad_kind:
        issue(actor=officer, kind="memo")
    with pytest.raises(ApplicationError) as no_title:
        issue(actor=officer, title="   ")
    assert (bad_kind.value.field, no_title.value.field) == ("kind", "title")
    assert IssuedDocument.objects.count() == 0


def test_a_failure_after_rendering_leaves_no_file_behind(officer, media_root, monkeypatch):
    case = make_case()

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("laborbureau.documents.services.timeline_append", broken)
    with pytest.raises(RuntimeError):
        issue(actor=officer, case=case)
    assert IssuedDocument.objects.count() == 0
    assert list((media_root / "documents").rglob("*.pdf")) == []


def test_revoke_records_the_reason_and_cannot_happen_twice(officer):
    case = make_case()
    document = issue(actor=officer, case=case)
    revoked = document_revoke(document=document, actor=officer, reason="受處分人名稱誤植，另行發文")
    assert (revoked.is_revoked, revoked.revoke_reason, revoked.revoked_by_id) == (
        True,
        "受處分人名稱誤植，另行發文",
        officer.pk,
    )
    assert TimelineEntry.objects.filter(case=case).count() == 2
    with pytest.raises(Conflict):
        document_revoke(document=revoked, actor=officer, reason="again")
    with pytest.raises(ApplicationError) as no_reason:
        document_revoke(document=issue(actor=officer, case=case), actor=officer, reason=" ")
    assert no_reason.value.field == "reason"


def test_revoke_needs_the_right_to_act_on_the_case(officer):
    document = issue(actor=officer, case=make_case())
    with pytest.raises(Forbidden):
        document_revoke(document=document, actor=staff(Role.CASE_OFFICER, "LR"), reason="錯誤")
    document.refresh_from_db()
    assert document.revoked_at is None


def test_the_person_a_document_concerns_can_be_named(officer):
    person = PersonFactory()
    document = issue(actor=officer, kind="certificate", title="非自願離職證明書", person=person)
    assert document.person_id == person.pk


def test_the_document_carries_letterhead_code_url_and_qr(officer, monkeypatch):
    from laborbureau.documents import services
    from laborbureau.rules import roc_calendar

    rendered = []
    real = services.render_to_string

    def spy(template_name, context):
        html = real(template_name, context)
        rendered.append(html)
        return html

    monkeypatch.setattr(services, "render_to_string", spy)
    case = make_case()
    document = issue(actor=officer, case=case)
    [html] = rendered
    url = f"https://labor.gov.taipei/documents/verify/{document.display_code}/"
    issued_on = roc_calendar.format_long(timezone.localtime(document.issued_at).date())
    for expected in (
        '<html lang="zh-Hant-TW">',
        '<p class="issuer">臺北市政府勞動局</p>',
        '<p class="kind">處分書</p>',
        f'<tr><th scope="row">發文日期：</th><td>{issued_on}</td></tr>',
        f'<tr><th scope="row">發文字號：</th><td>{case.number}</td></tr>',
        f'<span class="code">{document.display_code}</span>',
        f"<div>{url}</div>",
        f'<img src="{services.qr_data_uri(url)}"',
        '"Noto Serif CJK TC", "Noto Sans CJK TC"',
        "<li>勞動基準法第79條第1項第1款。</li>",
    ):
        assert expected in html, expected
    assert services.qr_data_uri(url).startswith("data:image/svg+xml")
