from django import forms

from laborbureau.cases.models import Channel
from laborbureau.core.forms import DateField, MultipleFileField
from laborbureau.core.i18n import t
from laborbureau.core.models import IdKind


class ApplyForm(forms.Form):
    employer_name = forms.CharField(label=t("事業單位（公司）名稱", "Employer (company) name"), max_length=120)
    business_id = forms.CharField(label=t("統一編號", "Business ID (統一編號)"), max_length=12, required=False,
                                  help_text=t("8位數字；不知道可以空白。", "8 digits; leave blank if unknown."))
    employer_address = forms.CharField(label=t("營業地址", "Business address"), max_length=200, required=False)
    establishment_name = forms.CharField(label=t("分支機構或廠場（僅分支機構歇業時填寫）", "Branch (only if a branch closed)"),
                                         max_length=120, required=False)
    claimed_since = DateField(label=t("停業日期（您所知）", "When it stopped (as far as you know)"), required=False)
    statement = forms.CharField(label=t("停業情形", "How the business stopped"), widget=forms.Textarea(attrs={"rows": 5}),
                                max_length=5000)
    still_owed = forms.BooleanField(
        label=t("雇主仍積欠工資、退休金或資遣費", "The employer still owes wages, pension or severance"), required=False,
        initial=True,
    )
    mediation_reference = forms.CharField(label=t("勞資爭議調解案號（如有）", "Mediation case number (if any)"),
                                          max_length=40, required=False)
    attachments = MultipleFileField(label=t("附件（PDF、JPG、PNG）", "Attachments (PDF, JPG, PNG)"), required=False,
                                    help_text=t("例如：薪資單、停業公告照片。", "e.g. pay slips, a photo of the closure notice."))


class StaffApplyForm(ApplyForm):
    channel = forms.ChoiceField(label=t("受理管道", "Received by"),
                                choices=[(c.value, c.label) for c in (Channel.COUNTER, Channel.MAIL, Channel.PHONE)])
    applicant_id_kind = forms.ChoiceField(label=t("證件類別", "Kind of ID"),
                                          choices=[("", t("依證號判斷", "From the number"))] + IdKind.choices,
                                          required=False)
    applicant_id_number = forms.CharField(label=t("申請人身分證字號／居留證號", "Applicant's ID / ARC number"),
                                          max_length=20)
    applicant_name = forms.CharField(label=t("申請人姓名", "Applicant's name"), max_length=80)
    applicant_phone = forms.CharField(label=t("聯絡電話", "Phone"), max_length=30, required=False)
    applicant_email = forms.EmailField(label=t("電子郵件", "E-mail"), required=False)

    field_order = ["channel", "applicant_id_kind", "applicant_id_number", "applicant_name", "applicant_phone",
                   "applicant_email"]
