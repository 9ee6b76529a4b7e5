from django import forms

from laborbureau.core.forms import DateField, MultipleFileField
from laborbureau.core.i18n import t
from laborbureau.relations.fund.models import AidItem, DisputeKind, MilestoneKind, Outcome, Stage


class ApplicationForm(forms.Form):
    employer_name = forms.CharField(label=t("雇主（事業單位）名稱", "Employer's name"), max_length=120)
    business_id = forms.CharField(label=t("統一編號（選填）", "Business ID (optional)"), max_length=12, required=False)
    dispute_kind = forms.ChoiceField(label=t("爭議類別", "Kind of dispute"), choices=DisputeKind.choices)
    stage = forms.ChoiceField(label=t("申請補助之程序", "Stage the aid is for"), choices=Stage.choices)
    mediation_reference = forms.CharField(
        label=t("調解不成立紀錄字號", "Reference of the failed mediation"), max_length=80, required=False,
        help_text=t("第一審必填；第二審以後免填。", "Required for the first instance."),
    )
    mediation_case_number = forms.CharField(label=t("本平台調解案號（選填）", "Mediation case number here (optional)"),
                                            max_length=20, required=False)
    court = forms.CharField(label=t("法院", "Court"), max_length=60, required=False)
    docket = forms.CharField(label=t("案號（如已起訴）", "Docket (if filed)"), max_length=60, required=False)
    claim_amount = forms.IntegerField(label=t("請求金額（元）", "Amount claimed (NT$)"), min_value=0, required=False)
    court_fee = forms.IntegerField(label=t("申請裁判費（元）", "Court fees asked (NT$)"), min_value=0, required=False)
    attorney_fee = forms.IntegerField(label=t("申請律師費（元）", "Attorney fees asked (NT$)"), min_value=0,
                                      required=False)
    living_allowance = forms.IntegerField(label=t("申請生活費用（元）", "Living allowance asked (NT$)"), min_value=0,
                                          required=False)
    living_months = forms.IntegerField(label=t("生活費用月數", "Months of living allowance"), min_value=0,
                                       max_value=24, required=False)
    enforcement_fee = forms.IntegerField(label=t("申請強制執行費（元）", "Enforcement fees asked (NT$)"), min_value=0,
                                         required=False)
    annual_income = forms.IntegerField(label=t("最近一年所得（元）", "Income last year (NT$)"), min_value=0,
                                       required=False)
    other_aid = forms.BooleanField(label=t("同一費用已獲其他政府機關補助", "Already aided by another government body"),
                                   required=False)
    attachments = MultipleFileField(
        label=t("附件（調解紀錄、起訴狀、收據、所得及財產清單；PDF、JPG、PNG）",
                "Documents (mediation record, filings, receipts, tax lists; PDF, JPG, PNG)"),
        required=False,
    )

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > 10:
            raise forms.ValidationError(t("附件最多10個。", "At most 10 files."))
        return files

    def requested(self) -> dict[str, int]:
        data = self.cleaned_data
        return {
            AidItem.COURT_FEE: data.get("court_fee") or 0,
            AidItem.ATTORNEY_FEE: data.get("attorney_fee") or 0,
            AidItem.LIVING: data.get("living_allowance") or 0,
            AidItem.ENFORCEMENT_FEE: data.get("enforcement_fee") or 0,
        }


class MilestoneForm(forms.Form):
    stage = forms.ChoiceField(label=t("審級", "Stage"), choices=Stage.choices)
    kind = forms.ChoiceField(label=t("進度", "Milestone"), choices=MilestoneKind.choices)
    on = DateField(label=t("日期", "Date"))
    court = forms.CharField(label=t("法院", "Court"), max_length=60, required=False)
    docket = forms.CharField(label=t("案號", "Docket"), max_length=60, required=False)
    outcome = forms.ChoiceField(label=t("結果（判決時）", "Outcome (judgments)"), required=False,
                                choices=[("", "—")] + Outcome.choices)
    note = forms.CharField(label=t("備註", "Note"), max_length=300, required=False)


class PaymentForm(forms.Form):
    item = forms.ChoiceField(label=t("項目", "Item"), choices=AidItem.choices)
    amount = forms.IntegerField(label=t("撥付金額（元）", "Amount (NT$)"), min_value=1)
    paid_on = DateField(label=t("撥付日期", "Paid on"))
    reference = forms.CharField(label=t("付款憑證號", "Reference"), max_length=60, required=False)


class ReimbursementForm(forms.Form):
    amount = forms.IntegerField(label=t("返還金額（元）", "Amount returned (NT$)"), min_value=1)
    received_on = DateField(label=t("收款日期", "Received on"))
    reference = forms.CharField(label=t("收據號", "Receipt"), max_length=60, required=False)
