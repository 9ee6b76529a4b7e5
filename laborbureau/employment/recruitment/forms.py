from django import forms

from laborbureau.cases.models import Channel
from laborbureau.core.forms import DateField
from laborbureau.core.i18n import t
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.employment.forms import StaffVacancyForm, VacancyForm
from laborbureau.employment.recruitment import services
from laborbureau.employment.recruitment.models import SeparationGround, TransferGround, WorkCategory

CATEGORY_CHOICES = [(value, label) for value, label in WorkCategory.choices if value != "HOME_CARE"]


class _RecruitmentFields(forms.Form):
    work_category = forms.ChoiceField(label=t("聘僱外國人工作類別", "Kind of work for foreign workers"),
                                      choices=CATEGORY_CHOICES)
    union_notified_on = DateField(label=t("通知工會或勞工日期（就業服務法第47條第1項）", "Union or workers notified on (Art. 47(1))"),
                                  required=False)
    posted_at_workplace_on = DateField(label=t("於工作場所公告日期", "Posted at the workplace on"), required=False)
    newspaper_name = forms.CharField(label=t("同時刊登之國內新聞紙（選填）", "Newspaper also advertised in (optional)"),
                                     max_length=60, required=False)
    newspaper_first_day = DateField(label=t("報紙連續刊登二日之首日", "First of two consecutive newspaper days"),
                                    required=False, help_text=t("第17條第1項但書：刊登期滿之次日起至少三日。",
                                                                "Art. 17(1) proviso: 3 days from the day after."))

    def recruitment_input(self, vacancy_input) -> services.RecruitmentInput:
        data = self.cleaned_data
        return services.RecruitmentInput(
            vacancy=vacancy_input, work_category=data["work_category"], newspaper_name=data.get("newspaper_name") or "",
            newspaper_first_day=data.get("newspaper_first_day"), union_notified_on=data.get("union_notified_on"),
            posted_at_workplace_on=data.get("posted_at_workplace_on"),
        )


class RecruitmentForm(_RecruitmentFields, VacancyForm):
    """An employer registers the vacancy for domestic recruitment (求才登記)."""

    field_order = ["work_category"]


class StaffRecruitmentForm(_RecruitmentFields, StaffVacancyForm):
    field_order = ["employer_name", "business_id", "employer_phone", "work_category"]

    def employer_input(self) -> EmployerInput:
        data = self.cleaned_data
        return EmployerInput(name=data["employer_name"], business_id=data["business_id"],
                             phone=data.get("employer_phone") or "")


class SeparationForm(forms.Form):
    """A worker asks for help with the separation certificate (勞動基準法第19條)."""

    employer_name = forms.CharField(label=t("雇主（事業單位）名稱", "Employer"), max_length=120)
    employer_business_id = forms.CharField(label=t("統一編號（如知道）", "Business ID (if known)"), max_length=12,
                                           required=False)
    job_title = forms.CharField(label=t("職稱", "Job title"), max_length=60, required=False)
    employed_from = DateField(label=t("到職日", "First day of work"))
    separated_on = DateField(label=t("離職日（勞動契約終止日）", "Last day (contract ended)"))
    ground = forms.ChoiceField(label=t("離職原因", "Why you left"), choices=SeparationGround.choices)
    ground_detail = forms.CharField(label=t("離職經過說明（書面釋明）", "What happened (your written statement)"),
                                    widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    employer_refusal = forms.CharField(label=t("您向雇主請求開立而遭拒的情形", "How the employer refused"),
                                       widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False)

    def separation_input(self, worker=None, channel=Channel.PORTAL) -> services.SeparationInput:
        data = self.cleaned_data
        return services.SeparationInput(
            employer=EmployerInput(name=data["employer_name"], business_id=data.get("employer_business_id") or ""),
            employed_from=data["employed_from"], separated_on=data["separated_on"], ground=data["ground"],
            ground_detail=data["ground_detail"], employer_refusal=data.get("employer_refusal") or "",
            job_title=data.get("job_title") or "", worker=worker, channel=channel,
        )


class StaffSeparationForm(SeparationForm):
    worker_name = forms.CharField(label=t("勞工姓名", "Worker's name"), max_length=80)
    worker_id_number = forms.CharField(label=t("身分證或居留證號", "National ID or ARC number"), max_length=20)
    worker_phone = forms.CharField(label=t("聯絡電話", "Phone"), max_length=30, required=False)
    channel = forms.ChoiceField(label=t("受理管道", "Received by"),
                                choices=[(c.value, c.label) for c in (Channel.COUNTER, Channel.PHONE, Channel.MAIL)])

    field_order = ["worker_name", "worker_id_number", "worker_phone", "channel"]

    def worker_input(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(id_number=data["worker_id_number"], name=data["worker_name"],
                           phone=data.get("worker_phone") or "")


class TransferForm(forms.Form):
    worker_name = forms.CharField(label=t("外國人姓名", "Worker's name"), max_length=80)
    worker_id_number = forms.CharField(label=t("居留證號或護照號碼", "ARC or passport number"), max_length=20)
    worker_passport_country = forms.CharField(label=t("護照國別（以護照登錄時，三碼）", "Passport country (3 letters, passports only)"),
                                              max_length=3, required=False)
    nationality = forms.CharField(label=t("國籍（三碼，如 IDN、VNM）", "Nationality (IDN, VNM, THA, PHL)"), max_length=3)
    work_category = forms.ChoiceField(label=t("工作類別", "Kind of work"), choices=WorkCategory.choices)
    employer_name = forms.CharField(label=t("原雇主名稱", "Original employer"), max_length=120)
    employer_business_id = forms.CharField(label=t("原雇主統一編號", "Original employer's business ID"), max_length=12,
                                           required=False)
    ground = forms.ChoiceField(label=t("轉換事由（就業服務法第59條第1項）", "Ground (Art. 59(1))"),
                               choices=TransferGround.choices)
    permit_served_on = DateField(label=t("轉出函送達日", "Day the transfer permit was served"))
    permit_reference = forms.CharField(label=t("轉出函文號", "Permit reference"), max_length=60, required=False)

    def transfer_input(self) -> services.TransferInput:
        data = self.cleaned_data
        country = (data.get("worker_passport_country") or "").strip()
        return services.TransferInput(
            worker=PersonInput(id_number=data["worker_id_number"], name=data["worker_name"],
                               id_kind="passport" if country else "", passport_country=country),
            nationality=data["nationality"], work_category=data["work_category"],
            original_employer=EmployerInput(name=data["employer_name"],
                                            business_id=data.get("employer_business_id") or ""),
            ground=data["ground"], permit_served_on=data["permit_served_on"],
            permit_reference=data.get("permit_reference") or "",
        )
