"""Forms of the staff workspace. They parse and label input; the rules live in the
services, whose ApplicationError is put back on the field it names (views.py)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from laborbureau.cases.workflows import FieldSpec, Transition
from laborbureau.core.forms import DateField, district_choices, industry_choices
from laborbureau.core.i18n import pick, t
from laborbureau.core.models import IdKind, Sex
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


# --- registering and correcting parties -------------------------------------------


def _label_choices(choices, blank_label) -> list[tuple[str, str]]:
    return [("", blank_label)] + [(value, _bilingual(label)) for value, label in choices]


class PartyDateField(DateField):
    """core.forms.DateField with the date hint and a ROC rendering of the value."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": "30"})

    def prepare_value(self, value):
        if hasattr(value, "isoformat"):
            return roc_calendar.format_short(value)
        return value


def _check_birth_date(value):
    if value is not None:
        if value > timezone.localdate():
            raise forms.ValidationError(pick("出生日期不可晚於今天。", "Birth date cannot be in the future."))
        if value.year < 1900:
            raise forms.ValidationError(pick("出生日期不可早於1900年。", "Birth date cannot be before 1900."))
    return value


class PersonContactForm(forms.Form):
    """What staff may correct on a person: everything but the identifier."""

    name = forms.CharField(label=t("姓名", "Name"), max_length=80)
    birth_date = PartyDateField(label=t("出生日期", "Birth date"), required=False)
    sex = forms.ChoiceField(label=t("性別", "Sex"), required=False)
    phone = forms.CharField(label=t("電話", "Phone"), max_length=30, required=False)
    email = forms.EmailField(label=t("電子郵件", "E-mail"), max_length=254, required=False)
    address = forms.CharField(label=t("地址", "Address"), max_length=200, required=False)
    district = forms.ChoiceField(label=t("行政區", "District"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sex"].choices = _label_choices(Sex.choices, "—")
        self.fields["district"].choices = district_choices()
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean_birth_date(self):
        return _check_birth_date(self.cleaned_data.get("birth_date"))


class PersonRegisterForm(PersonContactForm):
    """A new person: the identifier first, then the contact details."""

    id_kind = forms.ChoiceField(label=t("證件類別", "Kind of document"), required=False)
    id_number = forms.CharField(
        label=t("證號", "ID number"),
        max_length=30,
        help_text=t(
            "身分證字號、居留證號或護照號碼；證件類別不填時由證號判斷（護照須選「護照」）。",
            "National ID, resident certificate (ARC) or passport number; the kind is inferred when left empty "
            "(choose Passport for a passport).",
        ),
    )
    passport_country = forms.CharField(
        label=t("護照核發國家", "Passport issuing country"),
        max_length=3,
        required=False,
        help_text=t("僅護照：三碼國家代碼，如 IDN、VNM、PHL。", "Passports only: three-letter code, e.g. IDN, VNM, PHL."),
    )

    field_order = ["id_kind", "id_number", "passport_country", "name", "birth_date", "sex", "phone", "email",
                   "address", "district"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_kind"].choices = _label_choices(IdKind.choices, pick("由證號判斷", "Infer from the number"))
        self.fields["id_number"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "characters",
                                                      "spellcheck": "false"})
        self.fields["passport_country"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "characters"})

    def clean(self):
        data = super().clean()
        if data.get("passport_country") and data.get("id_kind") != IdKind.PASSPORT:
            self.add_error(
                "passport_country",
                pick("只有護照需填核發國家。", "Only a passport has an issuing country."),
            )
        return data


class EmployerForm(forms.Form):
    """An employer's details. The 統一編號 is set once (see core.services.employer_update)."""

    business_id = forms.CharField(
        label=t("統一編號", "Business ID (統一編號)"),
        max_length=12,
        required=False,
        help_text=t("8位數字；尚不知道可以空白，日後再補。", "8 digits; leave blank if not yet known and add it later."),
    )
    name = forms.CharField(label=t("事業單位名稱", "Employer name"), max_length=120)
    representative = forms.CharField(label=t("代表人", "Representative"), max_length=80, required=False)
    industry = forms.ChoiceField(label=t("行業（行業統計分類中類）", "Industry (DGBAS division)"), required=False)
    phone = forms.CharField(label=t("電話", "Phone"), max_length=30, required=False)
    email = forms.EmailField(label=t("電子郵件", "E-mail"), max_length=254, required=False)
    address = forms.CharField(label=t("地址", "Address"), max_length=200, required=False)
    district = forms.ChoiceField(label=t("行政區", "District"), required=False)

    def __init__(self, *args, identified: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        current = str(self.initial.get("industry") or "")
        self.fields["industry"].choices = industry_choices(current)
        self.fields["district"].choices = district_choices()
        self.fields["business_id"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        if identified:
            # Shown, not editable: a wrong number is two records, merged on the merge page.
            self.fields["business_id"].widget.attrs["readonly"] = True
            self.fields["business_id"].help_text = t(
                "已登錄的統一編號不可修改；若有誤，請登錄正確的事業單位後合併兩筆紀錄。",
                "A recorded business ID cannot be changed; if it is wrong, register the right employer and merge "
                "the two records.",
            )


class EstablishmentForm(forms.Form):
    prefix = "site"
    name = forms.CharField(label=t("廠場名稱", "Establishment name"), max_length=120)
    address = forms.CharField(label=t("廠場地址", "Establishment address"), max_length=200, required=False)
    district = forms.ChoiceField(label=t("廠場行政區", "Establishment district"), required=False)
    industry = forms.ChoiceField(
        label=t("廠場行業", "Establishment industry"),
        required=False,
        help_text=t("不填時同事業單位。", "The employer's when left empty."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = district_choices()
        self.fields["industry"].choices = industry_choices()


class HeadcountForm(forms.Form):
    prefix = "headcount"
    establishment = forms.ChoiceField(label=t("廠場", "Establishment"))
    as_of = PartyDateField(label=t("基準日", "As of"))
    headcount = forms.IntegerField(label=t("勞工人數", "Headcount"), min_value=0, max_value=1_000_000)
    source = forms.CharField(
        label=t("來源", "Source"),
        max_length=60,
        required=False,
        help_text=t("如：勞保投保人數、事業單位申報。同一基準日再登錄即更正該筆。",
                    "E.g. labor insurance roll, employer's report. Recording the same date again corrects it."),
    )

    def __init__(self, *args, establishments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].choices = [("", "—")] + [(str(site.pk), site.name) for site in establishments]
