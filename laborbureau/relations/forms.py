from django import forms

from laborbureau.cases.models import Channel
from laborbureau.core.forms import MultipleFileField, district_choices
from laborbureau.core.i18n import t
from laborbureau.core.models import IdKind
from laborbureau.relations.models import ComplaintCategory

MAX_FILES = 5


class ComplaintForm(forms.Form):
    """What a worker tells us about the employer and the problem."""

    employer_name = forms.CharField(label=t("事業單位（公司）名稱", "Employer (company) name"), max_length=120)
    business_id = forms.CharField(
        label=t("統一編號", "Business ID (統一編號)"),
        max_length=12,
        required=False,
        help_text=t("8位數字；不知道可以空白。", "8 digits; leave blank if you don't know it."),
    )
    employer_address = forms.CharField(label=t("工作地點或公司地址", "Workplace or company address"), max_length=200)
    employer_district = forms.ChoiceField(label=t("工作地點行政區", "District of the workplace"), required=False)
    categories = forms.MultipleChoiceField(
        label=t("申訴事項（可複選）", "What is the complaint about (choose all that apply)"),
        widget=forms.CheckboxSelectMultiple,
        choices=ComplaintCategory.choices,
    )
    description = forms.CharField(
        label=t("事實經過", "What happened"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=t("請寫下期間、金額、發生的事情。", "Give the dates, amounts and what happened."),
    )
    still_employed = forms.TypedChoiceField(
        label=t("目前是否仍在職", "Do you still work there"),
        choices=[("yes", t("仍在職", "Yes")), ("no", t("已離職", "No, I left"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    identity_disclosure_consent = forms.BooleanField(
        label=t(
            "我同意向事業單位揭露我的身分（未勾選時，本局依勞動基準法第74條對您的身分保密）",
            "I agree that my identity may be disclosed to the employer (unless ticked, we keep it secret under "
            "Labor Standards Act Art. 74)",
        ),
        required=False,
    )
    attachments = MultipleFileField(
        label=t("附件（PDF、JPG、PNG，最多5個）", "Attachments (PDF, JPG, PNG, up to 5)"),
        required=False,
        help_text=t("例如：薪資單、出勤紀錄、勞動契約。", "For example pay slips, time records, the contract."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer_district"].choices = district_choices()
        self.fields["business_id"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(t("附件最多5個。", "At most 5 attachments."))
        return files


class StaffComplaintForm(ComplaintForm):
    """An officer records a complaint received by phone, at the counter or by post."""

    channel = forms.ChoiceField(
        label=t("受理管道", "Received by"),
        choices=[(c.value, c.label) for c in (Channel.PHONE, Channel.COUNTER, Channel.MAIL)],
    )
    complainant_id_kind = forms.ChoiceField(
        label=t("證件類別", "Kind of ID"), choices=[("", t("依證號判斷", "From the number"))] + IdKind.choices,
        required=False,
    )
    complainant_id_number = forms.CharField(
        label=t("申訴人身分證字號／居留證號／護照號碼", "Complainant's national ID / ARC / passport number"),
        max_length=20,
    )
    complainant_passport_country = forms.CharField(
        label=t("護照核發國（三碼）", "Passport country (3 letters)"), max_length=3, required=False
    )
    complainant_name = forms.CharField(label=t("申訴人姓名", "Complainant's name"), max_length=80)
    complainant_phone = forms.CharField(label=t("聯絡電話", "Phone"), max_length=30, required=False)
    complainant_email = forms.EmailField(label=t("電子郵件", "E-mail"), required=False)
    complainant_address = forms.CharField(label=t("聯絡地址", "Address"), max_length=200, required=False)

    field_order = [
        "channel",
        "complainant_id_kind",
        "complainant_id_number",
        "complainant_passport_country",
        "complainant_name",
        "complainant_phone",
        "complainant_email",
        "complainant_address",
    ]
