from django import forms

from laborbureau.core.forms import DateField, district_choices
from laborbureau.core.i18n import t
from laborbureau.employment.fairs import services
from laborbureau.employment.models import NotHiredReason


class FairForm(forms.Form):
    title = forms.CharField(label=t("活動名稱", "Title"), max_length=services.MAX_TITLE)
    date = DateField(label=t("活動日期", "Date"), help_text=t("例：115/12/5", "e.g. 2026-12-05"))
    starts_at = forms.TimeField(label=t("開始時間", "Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=t("結束時間", "Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    venue = forms.CharField(label=t("活動場地", "Venue"), max_length=100)
    address = forms.CharField(label=t("地址", "Address"), max_length=200)
    district = forms.ChoiceField(label=t("行政區", "District"))
    capacity = forms.IntegerField(label=t("預約名額", "Pre-registration places"), min_value=1,
                                  max_value=services.MAX_CAPACITY)
    registration_opens = DateField(label=t("報名開始日", "Registration opens"))
    registration_closes = DateField(label=t("報名截止日", "Registration closes"),
                                    help_text=t("最後可預約報名之日，不晚於活動日期。",
                                                "The last day to pre-register; not after the fair."))
    description = forms.CharField(label=t("活動說明", "Description"), required=False,
                                  max_length=services.MAX_DESCRIPTION, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", "—"), *district_choices()]

    def fair_input(self) -> services.FairInput:
        data = self.cleaned_data
        return services.FairInput(
            title=data["title"], date=data["date"], starts_at=data["starts_at"], ends_at=data["ends_at"],
            venue=data["venue"], address=data["address"], district_code=data["district"], capacity=data["capacity"],
            registration_opens=data["registration_opens"], registration_closes=data["registration_closes"],
            description=data.get("description") or "",
        )

    @staticmethod
    def initial_from(fair) -> dict:
        return {"title": fair.title, "date": fair.date, "starts_at": fair.starts_at, "ends_at": fair.ends_at,
                "venue": fair.venue, "address": fair.address, "district": fair.district_id,
                "capacity": fair.capacity, "registration_opens": fair.registration_opens,
                "registration_closes": fair.registration_closes, "description": fair.description}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=t("審核", "Decision"), widget=forms.RadioSelect,
                                 choices=[("approve", t("核准", "Approve")), ("reject", t("不核准", "Decline"))])
    booth = forms.CharField(label=t("攤位編號", "Booth"), max_length=20, required=False)
    note = forms.CharField(label=t("說明", "Note"), max_length=300, required=False)


class ApplyForm(forms.Form):
    vacancy_ids = forms.TypedMultipleChoiceField(label=t("參加之職缺", "Vacancies you bring"), coerce=int,
                                                 widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=t("聯絡說明（到場人員、需求）", "Note (who comes, what you need)"), max_length=300,
                           required=False)

    def __init__(self, *args, vacancies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy_ids"].choices = [(v.pk, f"{v.title}（{v.pay_text}，{v.openings}人）") for v in vacancies]


class CodeForm(forms.Form):
    code = forms.CharField(label=t("報名序號", "Registration code"), max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "inputmode": "text", "autofocus": True}))


class WalkInForm(forms.Form):
    id_number = forms.CharField(label=t("身分證統一編號或居留證號", "National ID or resident certificate number"),
                                max_length=20)
    name = forms.CharField(label=t("姓名", "Name"), max_length=60)
    phone = forms.CharField(label=t("聯絡電話", "Phone"), max_length=30, required=False)


class InterviewForm(forms.Form):
    code = forms.CharField(label=t("求職人報名序號", "The job seeker's registration code"), max_length=20)
    fair_vacancy = forms.TypedChoiceField(label=t("職缺", "Vacancy"), coerce=int)

    def __init__(self, *args, booth_vacancies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fair_vacancy"].choices = [
            ("", "—"),
            *[(fv.pk, f"{fv.fair_employer.booth} {fv.fair_employer.employer.name}：{fv.vacancy.title}")
              for fv in booth_vacancies],
        ]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=t("結果", "Outcome"), widget=forms.RadioSelect,
                                choices=[("HIRED", t("錄取", "Hired")), ("NOT_HIRED", t("未錄取", "Not hired"))])
    reason = forms.ChoiceField(label=t("未錄取原因", "Reason not hired"), required=False,
                               choices=[("", "—")] + NotHiredReason.choices)
    note = forms.CharField(label=t("說明", "Note"), max_length=300, required=False)
