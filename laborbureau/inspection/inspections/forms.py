"""Forms of the inspection pages: bilingual labels, parsing only (services decide)."""

from django import forms

from laborbureau.core.forms import DateField, MultipleFileField
from laborbureau.core.i18n import t
from laborbureau.inspection.inspections.models import InspectionType, Origin, StopWorkBasis, StopWorkScope


class InspectionForm(forms.Form):
    establishment_id = forms.IntegerField(label=t("廠場編號", "Establishment id"), min_value=1)
    inspection_type = forms.ChoiceField(label=t("檢查類別", "Inspection type"), choices=InspectionType.choices)
    origin = forms.ChoiceField(label=t("檢查來源", "Origin"), choices=[c for c in Origin.choices if c[0] != "REINSPECTION"])
    campaign = forms.CharField(label=t("專案名稱（專案檢查）", "Campaign (project inspections)"), max_length=80, required=False)
    complaint_number = forms.CharField(label=t("申訴案號（申訴檢舉）", "Complaint number"), max_length=40, required=False)
    scheduled_for = DateField(label=t("預定檢查日", "Scheduled for"), required=False)
    inspector = forms.TypedChoiceField(label=t("檢查員", "Inspector"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, inspectors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspector"].choices = [("", "—"), *[(user.pk, user.label) for user in inspectors]]


class PlanForm(forms.Form):
    count = forms.IntegerField(label=t("新增排入家數", "Establishments to add"), min_value=1, max_value=2000, initial=20)


class ReassignForm(forms.Form):
    inspection = forms.CharField(max_length=20, widget=forms.HiddenInput)
    inspector = forms.TypedChoiceField(label=t("改派檢查員", "Reassign to"), coerce=int)

    def __init__(self, *args, inspectors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspector"].choices = [(user.pk, user.label) for user in inspectors]


class StopWorkForm(forms.Form):
    basis = forms.ChoiceField(label=t("停工依據", "Legal basis"), choices=StopWorkBasis.choices, initial=StopWorkBasis.LIA_28)
    scope = forms.ChoiceField(label=t("停工範圍", "Scope"), choices=StopWorkScope.choices, initial=StopWorkScope.PARTIAL)
    area = forms.CharField(label=t("停工之作業或場所", "Work or place stopped"), max_length=200)
    danger = forms.CharField(label=t("立即發生危險之虞的情形", "The imminent danger"), widget=forms.Textarea(attrs={"rows": 3}))
    item_codes = forms.MultipleChoiceField(label=t("相關檢查項目", "Checklist items concerned"), required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_codes"].choices = [(item.code, f"{item.code} {item.provision}") for item in items]


class ResumptionForm(forms.Form):
    improvements = forms.CharField(label=t("改善情形", "Improvements made"), widget=forms.Textarea(attrs={"rows": 5}))
    photos = MultipleFileField(label=t("改善照片（JPEG、PNG，最多10張）", "Photos (JPEG or PNG, up to 10)"), required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=t("審查結果", "Decision"), widget=forms.RadioSelect, choices=(
        ("approve", t("改善完成，擬同意復工（送主管核定）", "Improvements verified: approve (to the chief)")),
        ("return", t("未完成改善，退回", "Not yet: send back")),
    ))
    review_method = forms.ChoiceField(label=t("審查方式", "Review method"), widget=forms.RadioSelect, choices=(
        ("ON_SITE", t("現場複查", "On site")), ("EVIDENCE", t("書面及照片審查", "On the evidence"))))
    note = forms.CharField(label=t("審查意見或退回理由", "Review note or reasons"), widget=forms.Textarea(attrs={"rows": 3}))
