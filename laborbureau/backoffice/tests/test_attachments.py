"""Attachments on the case page: upload errors on the field with nothing written;
download streamed to readers only, under the original name, and logged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from laborbureau.cases.models import Attachment, TimelineEntry
from laborbureau.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test document\n" + b"0" * 200


def upload(client, case, name, content, **extra):
    data = {"action": "attachment", "attachment-file": SimpleUploadedFile(name, content), **extra}
    return client.post(reverse("staff_case", args=[case.number]), data)


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def assert_nothing_written(case, media_root, timeline_before):
    assert Attachment.objects.count() == 0
    assert TimelineEntry.objects.filter(case=case).count() == timeline_before
    assert stored_files(media_root) == []


def test_upload_and_download(login, officer, case, _media_root):
    client = login(officer)
    response = upload(client, case, "薪資單.pdf", PDF)
    assert response.status_code == 302
    attachment = Attachment.objects.get(case=case)
    assert (attachment.original_name, attachment.content_type, attachment.size) == ("薪資單.pdf", "application/pdf", len(PDF))
    assert len(stored_files(_media_root)) == 1

    html = client.get(reverse("staff_case", args=[case.number])).content.decode()
    download_url = reverse("staff_attachment", args=[case.number, attachment.pk])
    assert f'href="{download_url}"' in html

    response = client.get(download_url, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E8%96%AA%E8%B3%87%E5%96%AE.pdf" in response["Content-Disposition"]
    entry = AccessLogEntry.objects.get(object_type="attachment")
    assert (entry.object_id, entry.username, entry.ip) == (str(attachment.pk), officer.username, "10.0.0.7")


def test_download_is_404_for_another_unit(login, officer, outsider, case):
    upload(login(officer), case, "a.pdf", PDF)
    attachment = Attachment.objects.get()
    response = login(outsider).get(reverse("staff_attachment", args=[case.number, attachment.pk]))
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(object_type="attachment").count() == 0


def test_download_of_another_cases_attachment_is_404(login, officer, case):
    from laborbureau.core.tests import factories

    other = factories.open_test_case(actor=officer, assignee=officer)
    upload(login(officer), other, "a.pdf", PDF)
    attachment = Attachment.objects.get()
    assert login(officer).get(reverse("staff_attachment", args=[case.number, attachment.pk])).status_code == 404


def test_auditor_may_download_but_not_upload(login, officer, auditor, case, _media_root):
    upload(login(officer), case, "a.pdf", PDF)
    attachment = Attachment.objects.get()
    client = login(auditor)
    assert client.get(reverse("staff_attachment", args=[case.number, attachment.pk])).status_code == 200
    assert upload(client, case, "b.pdf", PDF).status_code == 403
    assert Attachment.objects.count() == 1


def test_empty_file_is_refused_on_the_field(login, officer, case, _media_root):
    before = TimelineEntry.objects.filter(case=case).count()
    response = upload(login(officer), case, "empty.pdf", b"")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_attachment-file_error"' in html
    assert "檔案是空的。" in html
    assert_nothing_written(case, _media_root, before)


def test_executable_renamed_pdf_is_refused(login, officer, case, _media_root):
    before = TimelineEntry.objects.filter(case=case).count()
    response = upload(login(officer), case, "invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_attachment-file_error"' in html
    assert "只接受 PDF、JPEG 或 PNG 檔案。" in html
    assert_nothing_written(case, _media_root, before)


def test_file_over_the_limit_is_refused(login, officer, case, settings, _media_root):
    settings.ATTACHMENT_MAX_BYTES = 2048
    before = TimelineEntry.objects.filter(case=case).count()
    response = upload(login(officer), case, "big.pdf", b"%PDF-1.4\n" + b"0" * 3000)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_attachment-file_error"' in html
    assert "檔案超過" in html
    assert_nothing_written(case, _media_root, before)


def test_file_at_the_limit_is_accepted(login, officer, case, settings):
    settings.ATTACHMENT_MAX_BYTES = 2048
    content = b"%PDF" + b"0" * 2044
    assert upload(login(officer), case, "edge.pdf", content).status_code == 302
    assert Attachment.objects.get().size == 2048
