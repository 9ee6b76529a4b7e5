from django import forms

from laborbureau.cases.models import Channel
from laborbureau.core.forms import DateField, MultipleFileField, district_choices
from laborbureau.core.i18n import t
from laborbureau.relations.layoffs.models import EventSource, LegalGround, NotifiedParty

TRANCHES = 3


class PlanForm(forms.Form):
    """The layoff plan's content (大量解僱勞工保護法第4條第3項)."""

    establishment_name = forms.CharField(label=t("廠場名稱", "Establishment (site)"), max_length=120)
    establishment_address = forms.CharField(label=t("廠場地址", "Site address"), max_length=200, required=False)
    establishment_district = forms.ChoiceField(label=t("廠場行政區", "Site district"), required=False)
    headcount = forms.IntegerField(
        label=t("廠場僱用勞工人數（解僱前，不含定期契約勞工）", "Workers employed at the site before the layoffs (fixed-term excluded)"),
        min_value=1, max_value=1_000_000,
    )
    legal_ground = forms.ChoiceField(label=t("解僱事由", "Ground"), choices=LegalGround.choices)
    reason = forms.CharField(label=t("解僱理由", "Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    departments = forms.CharField(label=t("解僱部門", "Departments"), max_length=300)
    day_1 = DateField(label=t("解僱日期（一）", "Layoff day (1)"), help_text=t("例：115/12/01", "e.g. 2026-12-01"))
    count_1 = forms.IntegerField(label=t("解僱人數（一）", "Number laid off (1)"), min_value=1, max_value=100_000)
    day_2 = DateField(label=t("解僱日期（二）", "Layoff day (2)"), required=False)
    count_2 = forms.IntegerField(label=t("解僱人數（二）", "Number laid off (2)"), min_value=1, max_value=100_000,
                                 required=False)
    day_3 = DateField(label=t("解僱日期（三）", "Layoff day (3)"), required=False)
    count_3 = forms.IntegerField(label=t("解僱人數（三）", "Number laid off (3)"), min_value=1, max_value=100_000,
                                 required=False)
    selection_criteria = forms.CharField(label=t("解僱對象之選定標準", "Selection criteria"),
                                         widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    severance_method = forms.CharField(label=t("資遣費計算方式", "Severance computation"),
                                       widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    reemployment_plan = forms.CharField(label=t("輔導轉業方案", "Re-employment assistance"),
                                        widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    notified_party = forms.ChoiceField(
        label=t("已通知之相關單位或人員（第4條第2項）", "Notified (Art. 4(2))"),
        choices=[("", t("尚未通知", "Not yet"))] + list(NotifiedParty.choices), required=False,
    )
    notified_on = DateField(label=t("通知日期", "Day notified"), required=False)
    posted_on = DateField(label=t("公告揭示日期", "Day posted"), required=False)
    sudden_event = forms.BooleanField(
        label=t("因天災、事變或突發事件（第4條第1項但書，不受六十日限制）", "Natural disaster, incident or sudden event (no 60-day notice)"),
        required=False,
    )
    sudden_event_note = forms.CharField(label=t("突發事件說明", "What happened"), widget=forms.Textarea(attrs={"rows": 2}),
                                        max_length=2000, required=False)
    attachments = MultipleFileField(label=t("附件：解僱計畫書（PDF）", "Attachment: the plan (PDF)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment_district"].choices = district_choices()

    def clean(self):
        data = super().clean()
        for index in range(2, TRANCHES + 1):
            day, count = data.get(f"day_{index}"), data.get(f"count_{index}")
            if (day is None) != (count is None):
                self.add_error(f"count_{index}" if day else f"day_{index}",
                               t("日期與人數請一併填寫。", "Give both the day and the number."))
        return data


class StaffPlanForm(PlanForm):
    """An officer records a plan received at the counter or by post."""

    employer_name = forms.CharField(label=t("事業單位名稱", "Employer name"), max_length=120)
    business_id = forms.CharField(label=t("統一編號", "Business ID"), max_length=12)
    channel = forms.ChoiceField(label=t("受理管道", "Received by"),
                                choices=[(c.value, c.label) for c in (Channel.COUNTER, Channel.MAIL)])
    received_on = DateField(label=t("收件日期", "Day received"))

    field_order = ["employer_name", "business_id", "channel", "received_on"]


class EventForm(forms.Form):
    """An officer records layoffs at a site (e.g. from a 資遣通報 received on paper)."""

    establishment = forms.TypedChoiceField(label=t("廠場", "Establishment"), coerce=int)
    day = DateField(label=t("解僱日期", "Day laid off"))
    count = forms.IntegerField(label=t("解僱人數（不含定期契約勞工）", "Workers laid off (fixed-term excluded)"),
                               min_value=1, max_value=100_000)
    headcount = forms.IntegerField(label=t("廠場解僱前僱用人數（未登錄過者必填）", "Site headcount before (if not on record)"),
                                   min_value=1, max_value=1_000_000, required=False)
    source = forms.ChoiceField(label=t("資料來源", "Source"),
                               choices=[(s.value, s.label) for s in (EventSource.OFFICER, EventSource.EMPLOYMENT_NOTICE)])
    reference = forms.CharField(label=t("來源文號", "Reference"), max_length=60, required=False)

    def __init__(self, *args, establishments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].choices = [("", "—")] + [
            (site.pk, f"{site.employer.name} {site.name}") for site in establishments
        ]
