"""Forms of the hazardous-workplace pages: parsing only (services decide)."""

from django import forms

from laborbureau.core.forms import DateField, MultipleFileField
from laborbureau.core.i18n import t
from laborbureau.inspection.inspections.models import MachineryKind


class ProjectForm(forms.Form):
    establishment_id = forms.IntegerField(label=t("廠場編號", "Establishment id"), min_value=1)
    name = forms.CharField(label=t("工程名稱", "Project name"), max_length=120)
    starts_on = DateField(label=t("開工日", "Starts on"))
    ends_on = DateField(label=t("預定完工日", "Ends on"))


class CertificateForm(forms.Form):
    establishment_id = forms.IntegerField(label=t("廠場編號", "Establishment id"), min_value=1)
    kind = forms.ChoiceField(label=t("機械種類", "Kind"), choices=MachineryKind.choices)
    serial = forms.CharField(label=t("合格證字號或機械編號", "Certificate or machine number"), max_length=40)
    inspected_on = DateField(label=t("檢查日期", "Inspected on"))
    months = forms.IntegerField(label=t("有效期間（月，空白為法定最長）", "Months valid (blank: the legal maximum)"),
                                min_value=1, max_value=24, required=False)


def _measure(zh, en):
    return forms.DecimalField(label=t(zh, en), min_value=0, max_value=99999.99, decimal_places=2, required=False)


class ApplicationForm(forms.Form):
    project = forms.TypedChoiceField(label=t("工程", "Project"), coerce=int)
    work_starts_on = DateField(label=t("預定使勞工作業日（應於30日前申請）", "Work starts on (apply 30 days before)"))
    building_height_m = _measure("建築物高度（公尺）", "Building height (m)")
    bridge_span_m = _measure("橋墩跨距（公尺）", "Bridge pier span (m)")
    bridge_multi_span = forms.BooleanField(label=t("多跨橋梁", "Multi-span bridge"), required=False)
    compressed_air = forms.BooleanField(label=t("採用壓氣施工作業", "Work under compressed air"), required=False)
    tunnel_length_m = _measure("隧道長度（公尺）", "Tunnel length (m)")
    shaft_depth_m = _measure("豎坑開挖深度（公尺）", "Shaft depth (m)")
    excavation_depth_m = _measure("開挖深度（公尺）", "Excavation depth (m)")
    excavation_area_m2 = _measure("開挖面積（平方公尺）", "Excavation area (m²)")
    formwork_height_m = _measure("模板支撐高度（公尺）", "Formwork shoring height (m)")
    formwork_area_m2 = _measure("模板支撐面積（平方公尺）", "Formwork shoring area (m²)")
    safety_assessment = forms.FileField(label=t("施工安全評估報告書（PDF）", "Construction safety assessment report (PDF)"))
    other_documents = MultipleFileField(label=t("其他文件（工程概要、安全衛生管理計畫等）", "Other documents"), required=False)

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [(p.pk, f"{p.name}（{p.establishment.name}）") for p in projects]


class SupplementForm(forms.Form):
    note = forms.CharField(label=t("補正說明", "What was supplemented"), widget=forms.Textarea(attrs={"rows": 3}))
    documents = MultipleFileField(label=t("補正文件", "Documents"), required=False)


class ReviewActionForm(forms.Form):
    action = forms.ChoiceField(label=t("審查結果", "Decision"), widget=forms.RadioSelect, choices=(
        ("propose_approval", t("文件審查及現場檢查合格，送主管核定", "Documents and site check pass: to the chief")),
        ("request_supplement", t("通知補正", "Ask for a supplement")),
        ("refuse", t("審查不合格", "Refuse")),
    ))
    site_checked_on = DateField(label=t("現場檢查日期（合格時）", "Site check date (when passing)"), required=False)
    note = forms.CharField(label=t("審查意見、補正事項或不合格理由", "Review note, supplement or reasons"),
                           widget=forms.Textarea(attrs={"rows": 3}))
