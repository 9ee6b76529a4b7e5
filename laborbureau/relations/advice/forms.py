from django import forms

from laborbureau.core.forms import DateField, MultipleFileField
from laborbureau.core.i18n import t
from laborbureau.relations.advice.models import AdviceTopic, Adviser, AdviserKind, Language, Mode, Organisation

WEEKDAYS = [
    ("0", t("星期一", "Monday")), ("1", t("星期二", "Tuesday")), ("2", t("星期三", "Wednesday")),
    ("3", t("星期四", "Thursday")), ("4", t("星期五", "Friday")), ("5", t("星期六", "Saturday")),
    ("6", t("星期日", "Sunday")),
]


class RangeForm(forms.Form):
    date_from = DateField(label=t("起日", "From"), required=False)
    date_to = DateField(label=t("迄日", "To"), required=False)


class SlotFilterForm(RangeForm):
    topic = forms.ChoiceField(label=t("主題", "Topic"), required=False,
                              choices=[("", t("不限", "Any"))] + AdviceTopic.choices)
    language = forms.ChoiceField(label=t("語言", "Language"), required=False,
                                 choices=[("", t("不限", "Any"))] + Language.choices)
    mode = forms.ChoiceField(label=t("方式", "How"), required=False, choices=[("", t("不限", "Any"))] + Mode.choices)


class PublishForm(forms.Form):
    adviser = forms.ModelChoiceField(label=t("顧問", "Adviser"), queryset=Adviser.objects.filter(active=True))
    date_from = DateField(label=t("起日", "From"))
    date_to = DateField(label=t("迄日", "To"))
    weekdays = forms.MultipleChoiceField(label=t("星期（可複選）", "Weekdays"), choices=WEEKDAYS,
                                         widget=forms.CheckboxSelectMultiple)
    start_times = forms.CharField(
        label=t("開始時間（以逗號分隔）", "Start times (comma-separated)"), max_length=200,
        help_text=t("例如：14:00, 14:40, 15:20", "For example 14:00, 14:40, 15:20"),
    )
    duration_minutes = forms.IntegerField(label=t("每段分鐘數", "Minutes per slot"), min_value=10, max_value=180,
                                          initial=30)
    mode = forms.ChoiceField(label=t("方式", "How"), choices=Mode.choices)
    place = forms.CharField(label=t("地點或聯繫方式", "Place or how we reach you"), max_length=120,
                            initial="臺北市政府勞動局 勞資關係科諮詢室（市府路1號北區1樓）")

    def clean_start_times(self):
        return [part.strip() for part in self.cleaned_data["start_times"].replace("，", ",").split(",") if part.strip()]


class AdviserForm(forms.Form):
    kind = forms.ChoiceField(label=t("類別", "Kind"), choices=AdviserKind.choices)
    name = forms.CharField(label=t("姓名", "Name"), max_length=80)
    organisation = forms.ChoiceField(label=t("所屬單位", "Organisation"), choices=Organisation.choices)
    topics = forms.MultipleChoiceField(label=t("擅長主題（不選為不限）", "Topics (none: any)"), required=False,
                                       choices=AdviceTopic.choices, widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=t("語言", "Languages"), choices=Language.choices,
                                          widget=forms.CheckboxSelectMultiple, initial=["zh"])
    account = forms.CharField(label=t("登入帳號（選填，民眾帳號）", "Sign-in account (optional, a portal account)"),
                              max_length=150, required=False)


class BookingForm(forms.Form):
    topic = forms.ChoiceField(label=t("諮詢主題", "Topic"), choices=AdviceTopic.choices)
    question = forms.CharField(label=t("想詢問的問題", "Your question"), max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=t("請簡述經過與想問的事，律師會先看過。",
                                           "Say briefly what happened and what you want to ask."))
    language = forms.ChoiceField(label=t("使用語言", "Language"), choices=Language.choices, initial="zh")
    phone = forms.CharField(label=t("聯絡電話（電話諮詢必填）", "Phone (required for a phone slot)"), max_length=30,
                            required=False)
    attachments = MultipleFileField(label=t("附件（PDF、JPG、PNG，最多5個）", "Documents (PDF, JPG, PNG, up to 5)"),
                                    required=False)

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > 5:
            raise forms.ValidationError(t("附件最多5個。", "At most 5 files."))
        return files


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=t("結果", "Outcome"), widget=forms.RadioSelect,
        choices=[("ATTENDED", t("已完成諮詢", "Advice given")), ("NO_SHOW", t("未到", "Did not come"))],
    )
    note = forms.CharField(
        label=t("諮詢紀要（僅供本局存查，不提供民眾）", "Advice note (for the department's records only)"),
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 5}),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=t("取消理由", "Reason"), max_length=200, required=False)


class CloseSlotForm(forms.Form):
    reason = forms.CharField(label=t("關閉理由", "Reason"), max_length=200)
