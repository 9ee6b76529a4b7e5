from django import forms

from laborbureau.core.forms import DateField
from laborbureau.core.i18n import t
from laborbureau.employment.certification import services
from laborbureau.employment.certification.models import (
    EventKind,
    MissingDocument,
    SearchMethod,
    SearchResult,
    SeparationReason,
)
from laborbureau.rules.unemployment import DEPENDANT_KINDS


class ApplyForm(forms.Form):
    separation_date = DateField(label=t("離職退保日", "Separation (withdrawn from insurance)"),
                                help_text=t("例：115/11/20", "e.g. 2026-11-20"))
    separation_reason = forms.ChoiceField(label=t("離職原因", "Reason for leaving"), choices=SeparationReason.choices)
    last_employer_name = forms.CharField(label=t("原投保單位名稱", "Last employer"), max_length=100)
    last_employer_tax_id = forms.CharField(label=t("原投保單位統一編號", "Its tax ID"), max_length=8, required=False)
    salaries = forms.CharField(label=t("離職前六個月月投保薪資（以逗號分隔）", "Six monthly insured salaries (comma-separated)"),
                               help_text=t("例：45800,45800,45800,45800,45800,45800", "e.g. 45800,45800,…"))
    insured_months_in_three_years = forms.IntegerField(label=t("離職前三年內保險年資（月）", "Months insured in 3 years"),
                                                       min_value=0, max_value=36)
    birth_date = DateField(label=t("出生日期", "Birth date"), required=False)
    fixed_term_months_last_year = forms.IntegerField(label=t("定期契約：離職前一年內契約月數", "Fixed-term: contract months"),
                                                     min_value=0, max_value=12, required=False)
    dependants = forms.MultipleChoiceField(label=t("受扶養眷屬（無工作收入）", "Supported dependants"), required=False,
                                           widget=forms.CheckboxSelectMultiple,
                                           choices=[(k, f"{zh} {en}") for k, (zh, en) in DEPENDANT_KINDS.items()])
    disability_certificate = forms.BooleanField(label=t("領有身心障礙證明", "Holds a disability certificate"),
                                                required=False)

    def clean_salaries(self):
        parts = [p.strip().replace("，", "") for p in self.cleaned_data["salaries"].replace("、", ",").split(",")]
        try:
            return [int(p) for p in parts if p]
        except ValueError:
            raise forms.ValidationError(t("請輸入六個整數金額。", "Enter six whole amounts.")) from None

    def application(self) -> services.ApplicationInput:
        data = self.cleaned_data
        return services.ApplicationInput(
            separation_date=data["separation_date"], separation_reason=data["separation_reason"],
            last_employer_name=data["last_employer_name"], last_employer_tax_id=data.get("last_employer_tax_id") or "",
            insured_salaries=data["salaries"], insured_months_in_three_years=data["insured_months_in_three_years"],
            birth_date=data.get("birth_date"), fixed_term_months_last_year=data.get("fixed_term_months_last_year"),
            dependants=data.get("dependants") or [], disability_certificate=data.get("disability_certificate", False))


APPLY_FIELDS = {"insured_salaries": "salaries", "seeker": "separation_reason"}


class RecordForm(forms.Form):
    searched_on = DateField(label=t("求職日期", "Date"))
    employer_name = forms.CharField(label=t("求職單位", "Employer"), max_length=100)
    position = forms.CharField(label=t("應徵職務", "Position"), max_length=60)
    method = forms.ChoiceField(label=t("求職方式", "How"), choices=SearchMethod.choices)
    result = forms.ChoiceField(label=t("結果", "Result"), choices=SearchResult.choices)
    file = forms.FileField(label=t("證明檔案（PDF、JPEG、PNG，選填）", "Proof (PDF, JPEG, PNG; optional)"), required=False)


class FirstCertificationForm(forms.Form):
    documents_checked = forms.BooleanField(label=t("已核對離職證明及身分證件", "Documents checked"), required=False)
    able_and_willing = forms.BooleanField(label=t("具工作能力及繼續工作意願", "Able and willing to work"), required=False)
    note = forms.CharField(label=t("就業諮詢紀錄", "Counselling note"), max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class MissingDocumentsForm(forms.Form):
    """Documents missing at the first visit (就業保險法第25條第5項). Nothing ticked is refused by
    the service, on its field, in both languages."""

    missing_documents = forms.MultipleChoiceField(label=t("未檢齊之文件", "Documents missing"), required=False,
                                                  widget=forms.CheckboxSelectMultiple, choices=MissingDocument.choices)
    note = forms.CharField(label=t("說明（選填）", "Note (optional)"), max_length=300, required=False,
                           help_text=t("例：離職證明未載明離職原因（第25條第4項）", "e.g. the certificate does not state "
                                       "the reason (Art. 25(4))"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_cure_%s")  # on the page with the first certification's form (its own note)
        super().__init__(*args, **kwargs)


class DateRecordForm(forms.Form):
    certified = forms.TypedChoiceField(label=t("結果", "Outcome"), coerce=lambda v: v == "yes",
                                       widget=forms.RadioSelect,
                                       choices=[("yes", t("認定", "Certify")), ("no", t("不予認定", "Do not certify"))])
    record_ids = forms.TypedMultipleChoiceField(label=t("核對之求職紀錄", "Records verified"), coerce=int,
                                                required=False, widget=forms.CheckboxSelectMultiple)
    in_person = forms.BooleanField(label=t("親自辦理", "In person"), required=False, initial=True)
    proxy_reason = forms.CharField(label=t("委託辦理理由及證明", "Proxy: reason and proof"), max_length=300,
                                   required=False)
    work_income = forms.IntegerField(label=t("本月其他工作收入（元）", "Work income this month (NTD)"), min_value=0,
                                     required=False)
    employed = forms.BooleanField(label=t("已再就業（結案）", "Found work (close)"), required=False)
    note = forms.CharField(label=t("紀錄", "Note"), max_length=500, required=False)

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_ids"].choices = [(r.pk, f"{r.searched_on} {r.employer_name} {r.position}")
                                             for r in records]


class OfferForm(forms.Form):
    kind = forms.ChoiceField(label=t("類別", "Kind"), widget=forms.RadioSelect,
                             choices=[("JOB", t("推介就業", "Job referral")), ("TRAINING", t("職業訓練", "Training"))])
    vacancy_id = forms.IntegerField(label=t("職缺編號", "Vacancy id"), required=False, min_value=1)
    course_name = forms.CharField(label=t("課程名稱", "Course"), max_length=100, required=False)
    provider = forms.CharField(label=t("訓練單位", "Provider"), max_length=100, required=False)


class AnswerForm(forms.Form):
    accepted = forms.TypedChoiceField(label=t("回覆", "Answer"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
                                      choices=[("yes", t("接受", "Accepted")), ("no", t("不接受", "Refused"))])
    offered_wage = forms.IntegerField(label=t("工作月薪資", "Monthly pay"), min_value=0, required=False)
    distance_km = forms.IntegerField(label=t("距住處公里數", "Distance from home (km)"), min_value=0, required=False)
    ground = forms.ChoiceField(label=t("不參加訓練之理由", "Training refusal reason"), required=False,
                               choices=[("", "—"), ("ILLNESS", t("傷病、懷孕或分娩", "Illness, pregnancy, childbirth")),
                                        ("RELOCATION", t("需變更住所顯有困難", "Would have to move")),
                                        ("NONE", t("無正當理由", "No justified reason"))])
    note = forms.CharField(label=t("說明", "Note"), max_length=300, required=False)


class ExportForm(forms.Form):
    date_from = DateField(label=t("認定日起", "Certified from"))
    date_to = DateField(label=t("認定日迄", "Certified to"))


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=t("類別", "Kind"), choices=EventKind.choices)
    title = forms.CharField(label=t("活動名稱", "Title"), max_length=80)
    date = DateField(label=t("日期", "Date"))
    starts_at = forms.TimeField(label=t("開始", "Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=t("結束", "Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    venue = forms.CharField(label=t("地點", "Venue"), max_length=100)
    capacity = forms.IntegerField(label=t("名額", "Places"), min_value=1, max_value=services.MAX_EVENT_CAPACITY)
    description = forms.CharField(label=t("說明", "Description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
