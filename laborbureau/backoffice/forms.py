"""Forms of the staff workspace. They parse and label input; the rules live in the
services, whose ApplicationError is put back on the field it names (views.py)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from laborbureau.cases.workflows import FieldSpec, Transition
from laborbureau.core.i18n import pick, t
from laborbureau.rules import roc_calendar
from laborbureau.rules.base import RuleError

DATE_HELP = t("可填民國或西元日期，如 115/11/27 或 2026-11-27。", "ROC or AD date, e.g. 115/11/27 or 2026-11-27.")


class RocDateField(forms.Field):
    """A date typed as ROC (115/11/27, 民國115年11月27日) or AD (2026-11-27)."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": "30"})

    def to_python(self, value):
        text = (value or "").strip() if isinstance(value, str) else value
        if not text:
            return None
        if not isinstance(text, str):
            return text
        try:
            return roc_calendar.parse_date(text[:30])
        except RuleError as error:
            raise forms.ValidationError(pick(error.message_zh, error.message_en)) from None

    def prepare_value(self, value):
        if hasattr(value, "isoformat"):
            return roc_calendar.format_short(value)
        return value


def _bilingual(label: str) -> str:
    zh, _, en = str(label).partition(" ")
    return pick(zh, en) if en else str(label)


def _choices(spec: FieldSpec, on) -> tuple:
    choice_list = getattr(spec, "choice_list", None)
    pairs = choice_list(on) if choice_list else spec.choices
    return tuple((value, _bilingual(label)) for value, label in pairs)


def spec_field(spec: FieldSpec, on) -> forms.Field:
    """The form field for one workflow FieldSpec."""
    label = pick(spec.label_zh, spec.label_en)
    required = spec.required
    if spec.kind == "textarea":
        return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 4}))
    if spec.kind == "date":
        return RocDateField(label=label, required=required)
    if spec.kind == "int":
        return forms.IntegerField(label=label, required=required, min_value=0)
    if spec.kind == "choice":
        choices = _choices(spec, on)
        if not required:
            choices = (("", "—"), *choices)
        return forms.ChoiceField(label=label, required=required, choices=choices)
    if spec.kind == "bool":
        return forms.BooleanField(label=label, required=required)
    return forms.CharField(label=label, required=required, max_length=500)


class TransitionForm(forms.Form):
    """The inputs one transition asks for, built from its FieldSpec list."""

    def __init__(self, *args, transition: Transition, on, **kwargs):
        kwargs.setdefault("prefix", f"t-{transition.name}")
        super().__init__(*args, **kwargs)
        self.transition = transition
        for spec in transition.fields:
            self.fields[spec.name] = spec_field(spec, on)

    @property
    def label(self) -> str:
        return pick(self.transition.label_zh, self.transition.label_en)


class NoteForm(forms.Form):
    prefix = "note"
    text = forms.CharField(label=t("紀錄內容", "Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    visible_to_parties = forms.BooleanField(label=t("當事人可見", "Visible to the parties"), required=False)


class AssignForm(forms.Form):
    prefix = "assign"
    assignee = forms.ChoiceField(label=t("承辦人", "Assignee"))

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "—")] + [(str(user.pk), user.label) for user in staff]


class GrantForm(forms.Form):
    prefix = "grant"
    user = forms.CharField(label=t("授權對象帳號", "Username to grant"), max_length=150)
    reason = forms.CharField(label=t("授權理由", "Reason"), max_length=200)
    days = forms.IntegerField(label=t("授權日數", "Days"), min_value=1, max_value=365, initial=30)
    can_act = forms.BooleanField(label=t("可辦理（不只檢視）", "May act (not only read)"), required=False)


class SignOffForm(forms.Form):
    comment = forms.CharField(
        label=t("意見（退回時必填）", "Comment (required to return)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class AttachmentForm(forms.Form):
    prefix = "attachment"
    file = forms.FileField(
        label=t("檔案", "File"),
        allow_empty_file=True,  # the service says why an empty file is refused
    )
    visible_to_parties = forms.BooleanField(label=t("當事人可見", "Visible to the parties"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.ATTACHMENT_MAX_BYTES)
        self.fields["file"].help_text = pick(f"PDF、JPEG 或 PNG，上限 {limit}。", f"PDF, JPEG or PNG, up to {limit}.")
        self.fields["file"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"


PURPOSE_HELP = t(
    "依個人資料保護法，查閱個人資料須說明目的，並留存紀錄。",
    "The Personal Data Protection Act requires a stated purpose; this look-up is logged.",
)


class PurposeForm(forms.Form):
    purpose = forms.CharField(label=t("查閱目的", "Purpose"), max_length=200, help_text=PURPOSE_HELP)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=t("案號、身分證號、姓名、統一編號或名稱", "Case number, ID, name, business ID or employer name"),
        max_length=120,
    )
    purpose = forms.CharField(
        label=t("查閱目的", "Purpose"), max_length=200, help_text=PURPOSE_HELP, initial=t("案件承辦", "Case work")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"


class MergeForm(forms.Form):
    survivor = forms.IntegerField(
        label=t("保留的紀錄（系統編號）", "Record to keep (record number)"), min_value=1
    )
    absorbed = forms.IntegerField(
        label=t("併入的重複紀錄（系統編號）", "Duplicate to merge in (record number)"), min_value=1
    )


class MergeConfirmForm(MergeForm):
    reason = forms.CharField(label=t("合併理由", "Reason for the merge"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].widget = forms.HiddenInput()
        self.fields["absorbed"].widget = forms.HiddenInput()


OBJECT_TYPES = (
    ("", "—"),
    ("person", t("個人", "Person")),
    ("employer", t("事業單位", "Employer")),
    ("attachment", t("附件", "Attachment")),
    ("access_log", t("存取紀錄", "Access log")),
)


class AccessLogSearchForm(forms.Form):
    username = forms.CharField(label=t("帳號", "Username"), max_length=150, required=False)
    object_type = forms.ChoiceField(label=t("資料類別", "Object type"), choices=OBJECT_TYPES, required=False)
    object_id = forms.CharField(label=t("資料編號", "Object ID"), max_length=40, required=False)
    date_from = RocDateField(label=t("起日", "From"), required=False)
    date_to = RocDateField(label=t("迄日", "To"), required=False)


class DueSoonForm(forms.Form):
    days = forms.IntegerField(label=t("工作日數", "Working days"), min_value=0, max_value=60, initial=5, required=False)
