"""The public verification pages: authentic, revoked, unknown; unchanged or not."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import PersonFactory, staff
from laborbureau.documents.codes import code_new
from laborbureau.documents.services import document_revoke, verification_url
from laborbureau.documents.tests.factories import issue, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return staff(Role.CASE_OFFICER, "LS")


@pytest.fixture
def document(officer):
    person = PersonFactory(name="林大同", id_number="A123456789")
    return issue(actor=officer, case=make_case(person=person), person=person)


def _pdf_bytes(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def test_the_printed_url_is_the_public_page_of_the_code(document):
    assert verification_url(document.code) == f"https://labor.gov.taipei/documents/verify/{document.display_code}/"


def test_a_code_answers_authentic_with_public_facts_only(client, document):
    response = client.get(reverse("verify_document_code", args=[document.display_code]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "這是本局發出的有效文件。" in content
    assert document.display_code in content
    assert "違反勞動基準法處分書" in content
    assert document.case.number in content
    assert document.sha256 in content
    assert "處分書" in content
    assert "民國" in content
    # no personal data on the public page: no names, no identifiers, no recipient
    for private in (
        "林大同",
        "A123456789",
        "大安測試股份有限公司",
        document.issued_by.username,
        document.issued_by.label,
    ):
        assert private not in content


def test_the_code_may_be_typed_loosely(client, document):
    response = client.get(reverse("verify_document_code", args=[document.code.lower()]))
    assert response.context["result"].status == "authentic"


def test_a_random_code_answers_unknown(client, document):
    other = code_new()
    response = client.get(reverse("verify_document_code", args=[other]))
    assert response.status_code == 404
    assert "查無此驗證碼" in response.content.decode()
    assert response.context["result"].status == "unknown"


def test_an_overlong_or_odd_code_answers_unknown_not_500(client):
    for code in ("X" * 500, "<script>", "K7QM-2XPD-9HVU"):
        response = client.get(reverse("verify_document_code", args=[code]))
        assert response.status_code == 404
        assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_a_revoked_document_says_so(client, document, officer):
    document_revoke(document=document, actor=officer, reason="誤繕")
    response = client.get(reverse("verify_document_code", args=[document.code]))
    assert response.status_code == 200
    assert response.context["result"].status == "revoked"
    content = response.content.decode()
    assert "這份文件確為本局所發，但已於" in content
    assert "撤銷，不再有效。" in content
    assert "誤繕" not in content  # the reason is internal


def test_uploading_the_issued_file_says_unchanged(client, document):
    upload = SimpleUploadedFile("notice.pdf", _pdf_bytes(document), content_type="application/pdf")
    response = client.post(reverse("verify_document_code", args=[document.display_code]), {"file": upload})
    assert response.status_code == 200
    assert response.context["comparison"] == "unchanged"
    assert "檔案未經變更" in response.content.decode()


def test_uploading_a_modified_file_says_it_does_not_match(client, document):
    tampered = _pdf_bytes(document).replace(b"%%EOF", b"%%EOF\n% amended", 1)
    upload = SimpleUploadedFile("notice.pdf", tampered, content_type="application/pdf")
    response = client.post(reverse("verify_document_code", args=[document.display_code]), {"file": upload})
    assert response.status_code == 200
    assert response.context["comparison"] == "mismatch"
    content = response.content.decode()
    assert "檔案內容不符" in content
    assert response.context["uploaded_sha256"] in content


def test_a_non_pdf_upload_is_a_field_error(client, document):
    upload = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\nnot a pdf", content_type="application/pdf")
    response = client.post(reverse("verify_document_code", args=[document.display_code]), {"file": upload})
    assert response.status_code == 422
    assert response.context["file_form"].errors == {"file": ["這不是 PDF 檔案。"]}
    assert response.context["comparison"] is None


def test_an_upload_with_no_file_is_a_field_error(client, document):
    response = client.post(reverse("verify_document_code", args=[document.display_code]), {})
    assert response.status_code == 422
    assert response.context["file_form"].errors == {"file": ["請選擇檔案。"]}


def test_the_form_sends_a_typed_code_to_its_page(client, document):
    response = client.get(reverse("verify_document"), {"code": f" {document.code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("verify_document_code", args=[document.display_code])


def test_the_form_shows_a_field_error_for_a_malformed_code(client):
    response = client.get(reverse("verify_document"), {"code": "12345"})
    assert response.status_code == 200
    assert response.context["code_form"].errors == {
        "code": ["驗證碼為12個英數字（不含 I、L、O、U），例如 K7QM-2XPD-9HVA。"]
    }
    too_long = client.get(reverse("verify_document"), {"code": "A" * 41})
    assert too_long.context["code_form"].errors == {"code": ["驗證碼最多40個字元。"]}


def test_the_empty_form_page_has_labelled_fields(client):
    response = client.get(reverse("verify_document"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<label for="id_code">驗證碼' in content
    assert '<label for="id_file">PDF 檔案' in content
    assert '<html lang="zh-Hant-TW">' in content


def test_uploading_a_file_on_the_form_finds_the_document(client, document):
    upload = SimpleUploadedFile("notice.pdf", _pdf_bytes(document), content_type="application/pdf")
    response = client.post(reverse("verify_document"), {"file": upload})
    assert response.status_code == 200
    assert response.context["found"].status == "authentic"
    assert response.context["found"].document == document
    assert "檔案內容與本局發出的文件完全相同。" in response.content.decode()


def test_uploading_an_unknown_file_on_the_form_finds_nothing(client, document):
    upload = SimpleUploadedFile("other.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    response = client.post(reverse("verify_document"), {"file": upload})
    assert response.context["found"].status == "unknown"
    assert "查無內容相同的文件" in response.content.decode()


def test_english_page(client, document):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("verify_document_code", args=[document.code]), HTTP_ACCEPT_LANGUAGE="en")
    assert "This is an authentic document issued by us" in response.content.decode()
