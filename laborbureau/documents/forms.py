"""Input of the public verification page: a typed code, or an uploaded PDF."""

import hashlib

from django import forms

from laborbureau.core.i18n import t
from laborbureau.documents.codes import MAX_INPUT, code_normalize

VERIFY_MAX_BYTES = 20 * 1024 * 1024  # issued documents are far smaller


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=t("驗證碼", "Verification code"),
        max_length=MAX_INPUT,
        help_text=t("印在文件頁尾，例如 K7QM-2XPD-9HVA。", "Printed in the document's footer, e.g. K7QM-2XPD-9HVA."),
        error_messages={
            "required": t("請輸入驗證碼。", "Enter the verification code."),
            "max_length": t("驗證碼最多40個字元。", "A code has at most 40 characters."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        )

    def clean_code(self) -> str:
        code = code_normalize(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                t(
                    "驗證碼為12個英數字（不含 I、L、O、U），例如 K7QM-2XPD-9HVA。",
                    "A code has 12 letters and digits (no I, L, O or U), e.g. K7QM-2XPD-9HVA.",
                )
            )
        return code


class VerifyFileForm(forms.Form):
    file = forms.FileField(
        label=t("PDF 檔案", "PDF file"),
        help_text=t(
            "上傳您收到的 PDF 檔，比對其 SHA-256 是否與本局留存相同。檔案不會被保存。",
            "Upload the PDF you received to compare its SHA-256 with ours. The file is not kept.",
        ),
        error_messages={
            "required": t("請選擇檔案。", "Choose a file."),
            "empty": t("檔案是空的。", "The file is empty."),
            "invalid": t("無法讀取檔案。", "The file could not be read."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > VERIFY_MAX_BYTES:
            raise forms.ValidationError(t("檔案超過 20 MB。", "The file is larger than 20 MB."))
        digest = hashlib.sha256()
        head = b""
        for chunk in upload.chunks():
            if not head:
                head = chunk[:5]
            digest.update(chunk)
        if head != b"%PDF-":
            raise forms.ValidationError(t("這不是 PDF 檔案。", "This is not a PDF file."))
        self.cleaned_data["sha256"] = digest.hexdigest()
        return upload

    @property
    def sha256(self) -> str:
        return self.cleaned_data["sha256"]
