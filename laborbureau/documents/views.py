"""Public verification pages and the download of issued PDFs. Thin: the answers come
from documents.selectors; the access log from core.services."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from laborbureau.core.errors import NotFound
from laborbureau.core.services import access_log_record
from laborbureau.documents import selectors
from laborbureau.documents.codes import code_display
from laborbureau.documents.forms import VerifyCodeForm, VerifyFileForm

UNCHANGED = "unchanged"
MISMATCH = "mismatch"


def verify(request):
    """Enter a code (GET ?code=...) or upload a PDF to find the document it is."""
    code_form = VerifyCodeForm(request.GET or None)
    file_form = _file_form(request)
    found = None
    if request.method == "GET" and code_form.is_valid():
        return redirect("verify_document_code", code=code_display(code_form.cleaned_data["code"]))
    if request.method == "POST" and file_form.is_valid():
        found = selectors.document_find_by_sha256(file_form.sha256)
    status = 200 if request.method == "GET" or file_form.is_valid() else 422
    return render(
        request,
        "documents/verify.html",
        {"code_form": code_form, "file_form": file_form, "found": found, "uploaded_sha256": _sha(file_form)},
        status=status,
    )


def verify_code(request, code: str):
    """The answer for one code: authentic, revoked or unknown; with an uploaded PDF,
    whether its bytes are the ones issued under this code."""
    result = selectors.document_verify(code)
    file_form = _file_form(request)
    comparison = None
    status = 200 if result.document is not None else 404
    if request.method == "POST" and result.document is not None:
        if file_form.is_valid():
            comparison = UNCHANGED if file_form.sha256 == result.document.sha256 else MISMATCH
        else:
            status = 422
    return render(
        request,
        "documents/verify_result.html",
        {
            "result": result,
            "facts": result.public_fields,
            "typed_code": code[:40],
            "file_form": file_form,
            "comparison": comparison,
            "uploaded_sha256": _sha(file_form),
        },
        status=status,
    )


def _file_form(request) -> VerifyFileForm:
    if request.method == "POST":
        return VerifyFileForm(request.POST, request.FILES)
    return VerifyFileForm()


def _sha(form: VerifyFileForm) -> str:
    return form.cleaned_data.get("sha256", "") if form.is_bound and form.is_valid() else ""


@login_required
def download(request, code: str):
    """The issued PDF, for those who may read it (others: 404). A document about a
    person is written to the access log as an export."""
    try:
        document = selectors.document_get_for(request.user, code)
    except NotFound:
        raise Http404 from None
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if selectors.concerns_person(document):
        access_log_record(
            user=request.user,
            action="export",
            object_type="document",
            object_id=document.code,
            object_label=document.title,
            purpose="下載已發文件 download of an issued document",
        )
    return FileResponse(
        handle, as_attachment=True, filename=f"{document.display_code}.pdf", content_type="application/pdf"
    )
