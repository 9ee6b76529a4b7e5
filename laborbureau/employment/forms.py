import re

from django import forms

from laborbureau.core.forms import DateField, district_choices
from laborbureau.core.i18n import pick, t
from laborbureau.employment import services
from laborbureau.employment.models import (
    Education,
    Language,
    NotHiredReason,
    Occupation,
    PayUnit,
    SeekerStatus,
    SupportedGroup,
    WorkingHours,
)

POSTED_WITHIN = [("", t("不限", "Any time")), ("1", t("1天內", "Last day")), ("3", t("3天內", "Last 3 days")),
                 ("7", t("7天內", "Last week")), ("30", t("30天內", "Last 30 days"))]


def occupation_choices(blank: bool = True) -> list:
    """Sub-major groups under their major group (one query)."""
    groups: dict[str, list] = {}
    titles: dict[str, str] = {}
    for occupation in Occupation.objects.order_by("code"):
        if occupation.level == "major":
            titles[occupation.code] = f"{occupation.code} {occupation.name_zh}"
        else:
            groups.setdefault(occupation.parent_id, []).append((occupation.code, f"{occupation.code} {occupation.name_zh}"))
    choices: list = [("", "—")] if blank else []
    for major in sorted(groups, key=lambda code: (code == "0", code)):
        choices.append((titles.get(major, major), groups[major]))
    return choices


def occupation_filter_choices() -> list:
    """Major groups (whole group) and their sub-major groups, for the public filter."""
    choices: list = [("", t("全部職業", "All occupations"))]
    for label, items in occupation_choices(blank=False):
        major = label.split(" ", 1)[0]
        choices.append((label, [(major, pick(f"{label}（全部）", f"{label} (all)"))] + items))
    return choices


def _taipei_districts() -> list:
    return [choice for choice in district_choices() if choice[0]]


SORT_CHOICES = [("relevance", t("最相關", "Best match")), ("newest", t("最新刊登", "Newest"))]


class VacancyFilterForm(forms.Form):
    q = forms.CharField(label=t("關鍵字", "Keywords"), required=False, max_length=100,
                        help_text=t("例：會計、餐廳 外場、夜班 保全", "e.g. 會計, 餐廳 外場, 夜班 保全"),
                        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}))
    sort = forms.ChoiceField(label=t("排序", "Sort"), required=False, choices=SORT_CHOICES,
                             help_text=t("未填關鍵字時依刊登日期排序。", "Without keywords: newest first."))
    district = forms.ChoiceField(label=t("工作地點", "District"), required=False)
    occupation = forms.ChoiceField(label=t("職業類別", "Occupation"), required=False)
    pay_unit = forms.ChoiceField(label=t("計薪方式", "Pay"), required=False,
                                 choices=[("", t("不限", "Any"))] + PayUnit.choices)
    pay_min = forms.IntegerField(label=t("薪資至少（元）", "Pay at least (NTD)"), required=False, min_value=0,
                                 max_value=10_000_000)
    hours = forms.ChoiceField(label=t("工作時段", "Hours"), required=False,
                              choices=[("", t("不限", "Any"))] + WorkingHours.choices)
    posted_within = forms.TypedChoiceField(label=t("刊登時間", "Posted"), required=False, choices=POSTED_WITHIN,
                                           coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", t("臺北市全區", "All Taipei"))] + _taipei_districts()
        self.fields["occupation"].choices = occupation_filter_choices()
        self.fields["pay_min"].widget.attrs.update({"inputmode": "numeric"})


class VacancyForm(forms.Form):
    title = forms.CharField(label=t("職缺名稱", "Job title"), max_length=services.MAX_TITLE,
                            help_text=t("純文字，不可含HTML。", "Plain text, no HTML."))
    occupation = forms.ChoiceField(label=t("職業類別（職業標準分類）", "Occupation (standard classification)"))
    district = forms.ChoiceField(label=t("工作地點行政區", "District of the workplace"))
    address = forms.CharField(label=t("工作地址", "Workplace address"), max_length=200)
    pay_unit = forms.ChoiceField(label=t("計薪方式", "Pay basis"), choices=PayUnit.choices, widget=forms.RadioSelect,
                                 initial=PayUnit.MONTHLY)
    pay_min = forms.IntegerField(label=t("薪資下限（元）", "Lowest pay (NTD)"), min_value=0, max_value=100_000_000,
                                 help_text=t("不得低於最低工資（最低工資法第5條）：月薪以每月、時薪以每小時數額檢核。",
                                             "Not below the minimum wage (Minimum Wage Act Art. 5): monthly or "
                                             "hourly figure."))
    pay_max = forms.IntegerField(label=t("薪資上限（元）", "Highest pay (NTD)"), min_value=0, max_value=100_000_000,
                                 required=False)
    hours = forms.ChoiceField(label=t("工作時段", "Working hours"), choices=WorkingHours.choices)
    hours_note = forms.CharField(label=t("工作時間說明", "Hours in words"), max_length=100, required=False,
                                 help_text=t("例如：09:00-18:00，週休二日", "e.g. 09:00-18:00, weekends off"))
    openings = forms.IntegerField(label=t("需求人數", "Openings"), min_value=1, max_value=services.MAX_OPENINGS,
                                  initial=1)
    education_min = forms.ChoiceField(label=t("學歷要求", "Education required"), choices=Education.choices)
    closing_date = DateField(label=t("截止日期", "Closing date"),
                             help_text=t("最後受理日，例如 115/12/31 或 2026-12-31。",
                                         "Last open day, e.g. 2026-12-31."))
    description = forms.CharField(label=t("工作內容", "Duties"), max_length=services.MAX_DESCRIPTION,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    requirements = forms.CharField(label=t("條件要求", "Requirements"), max_length=services.MAX_REQUIREMENTS,
                                   required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = occupation_choices()
        self.fields["district"].choices = [("", "—")] + _taipei_districts()
        for name in ("pay_min", "pay_max", "openings"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})

    def vacancy_input(self, employer=None) -> services.VacancyInput:
        data = self.cleaned_data
        return services.VacancyInput(
            title=data["title"], description=data["description"], occupation_code=data["occupation"],
            district_code=data["district"], address=data["address"], pay_unit=data["pay_unit"],
            pay_min=data["pay_min"], pay_max=data.get("pay_max"), hours=data["hours"],
            hours_note=data.get("hours_note") or "", requirements=data.get("requirements") or "",
            education_min=data["education_min"], openings=data["openings"], closing_date=data["closing_date"],
            employer=employer,
        )


class StaffVacancyForm(VacancyForm):
    """A counsellor posts for an employer (求才登記 at the counter or by phone)."""

    employer_name = forms.CharField(label=t("事業單位名稱", "Employer name"), max_length=120)
    business_id = forms.CharField(label=t("統一編號", "Business ID (統一編號)"), max_length=12)
    employer_phone = forms.CharField(label=t("事業單位電話", "Employer phone"), max_length=30, required=False)

    field_order = ["employer_name", "business_id", "employer_phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_id"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})


class SeekerForm(forms.Form):
    desired_occupations = forms.MultipleChoiceField(
        label=t("希望從事的職業（最多5項）", "Occupations you want (up to 5)"), widget=forms.CheckboxSelectMultiple)
    districts = forms.MultipleChoiceField(
        label=t("可工作的行政區（不選為不限）", "Districts you can work in (none: any)"), required=False,
        widget=forms.CheckboxSelectMultiple)
    pay_unit = forms.ChoiceField(label=t("希望計薪方式", "Pay basis"), choices=PayUnit.choices,
                                 widget=forms.RadioSelect, initial=PayUnit.MONTHLY)
    expected_pay = forms.IntegerField(label=t("希望待遇（元）", "Expected pay (NTD)"), required=False, min_value=1,
                                      max_value=100_000_000)
    working_hours = forms.MultipleChoiceField(label=t("可配合的工作時段", "Working hours you accept"),
                                              choices=WorkingHours.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    education = forms.ChoiceField(label=t("最高學歷", "Education"), choices=Education.choices)
    experience_years = forms.IntegerField(label=t("工作年資（年）", "Years of experience"), min_value=0, max_value=60,
                                          initial=0)
    experience = forms.CharField(label=t("工作經歷", "Work experience"), required=False,
                                 max_length=services.MAX_PROFILE_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    skills = forms.CharField(label=t("專長技能", "Skills"), required=False, max_length=services.MAX_PROFILE_TEXT,
                             widget=forms.Textarea(attrs={"rows": 2}))
    licences = forms.CharField(label=t("證照", "Licences"), required=False, max_length=services.MAX_PROFILE_TEXT,
                               widget=forms.Textarea(attrs={"rows": 2}))
    languages = forms.MultipleChoiceField(label=t("語言能力", "Languages"), choices=Language.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    groups = forms.MultipleChoiceField(
        label=t("特定對象身分（就業服務法第24條，可複選，僅就業服務人員可見）",
                "Supported groups (Employment Service Act Art. 24; seen only by the employment service)"),
        choices=SupportedGroup.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=t("符合者可獲得就業促進措施；不會提供給雇主。",
                    "Opens employment-promotion measures; never shown to employers."))
    consent_to_matching = forms.BooleanField(
        label=t("我同意就業服務處為我媒合職缺，並於推介時將求職資料（不含特定對象身分）提供給徵才雇主。",
                "I agree that the employment service matches me with vacancies and, when referring me, gives my "
                "profile (without the supported groups) to the employer."),
        required=False)
    digest_opt_in = forms.BooleanField(
        label=t("每天寄送符合我條件的新職缺（須同意媒合）", "Send me new matching vacancies every day (needs the consent "
                "to matching)"),
        required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desired_occupations"].choices = occupation_choices(blank=False)
        self.fields["districts"].choices = _taipei_districts()
        self.fields["expected_pay"].widget.attrs.update({"inputmode": "numeric"})

    @staticmethod
    def initial_from(seeker) -> dict:
        return {
            "desired_occupations": [o.pk for o in seeker.desired_occupations.all()],
            "districts": [d.pk for d in seeker.districts.all()], "pay_unit": seeker.pay_unit,
            "expected_pay": seeker.expected_pay, "working_hours": seeker.working_hours,
            "education": seeker.education, "experience_years": seeker.experience_years,
            "experience": seeker.experience, "skills": seeker.skills, "licences": seeker.licences,
            "languages": seeker.languages, "groups": seeker.groups,
            "consent_to_matching": seeker.consent_to_matching, "digest_opt_in": seeker.digest_opt_in,
        }

    def profile(self) -> services.SeekerProfile:
        data = self.cleaned_data
        return services.SeekerProfile(
            desired_occupations=data["desired_occupations"], districts=data.get("districts") or [],
            pay_unit=data["pay_unit"], expected_pay=data.get("expected_pay"),
            working_hours=data.get("working_hours") or [], education=data["education"],
            experience_years=data["experience_years"], experience=data.get("experience") or "",
            skills=data.get("skills") or "", licences=data.get("licences") or "",
            languages=data.get("languages") or [], groups=data.get("groups") or [],
            consent_to_matching=data.get("consent_to_matching", False),
            digest_opt_in=data.get("digest_opt_in", False),
        )


class StaffSeekerForm(SeekerForm):
    """A counsellor registers a person at the counter."""

    id_number = forms.CharField(label=t("身分證字號或居留證號", "National ID or ARC number"), max_length=20)
    name = forms.CharField(label=t("姓名", "Name"), max_length=80)
    birth_date = DateField(label=t("出生日期", "Birth date"), required=False)
    phone = forms.CharField(label=t("聯絡電話", "Phone"), max_length=30, required=False)
    email = forms.EmailField(label=t("電子郵件", "E-mail"), required=False)

    field_order = ["id_number", "name", "birth_date", "phone", "email"]


class SeekerStatusForm(forms.Form):
    status = forms.ChoiceField(label=t("求職狀態", "Status"), choices=SeekerStatus.choices)


class NoteForm(forms.Form):
    text = forms.CharField(label=t("諮詢紀錄（僅就業服務人員可見）", "Counselling note (service staff only)"),
                           max_length=services.MAX_NOTE, widget=forms.Textarea(attrs={"rows": 3}))


class ReferralForm(forms.Form):
    vacancy_id = forms.IntegerField(label=t("職缺編號", "Vacancy number"), min_value=1, max_value=2**31 - 1)
    message = forms.CharField(label=t("給雇主的推介說明", "Message to the employer"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy_id"].widget.attrs.update({"inputmode": "numeric"})


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=t("推介結果", "Outcome"), widget=forms.RadioSelect,
        choices=[("INTERVIEWED", t("已面試（尚未決定）", "Interviewed (not decided yet)")),
                 ("HIRED", t("錄取", "Hired")), ("NOT_HIRED", t("未錄取", "Not hired"))])
    reason = forms.ChoiceField(label=t("未錄取原因", "Reason not hired"), required=False,
                               choices=[("", "—")] + NotHiredReason.choices)
    note = forms.CharField(label=t("說明", "Note"), max_length=300, required=False)


class FiguresForm(forms.Form):
    date_from = DateField(label=t("推介日起", "Referred from"), required=False)
    date_to = DateField(label=t("推介日迄", "Referred to"), required=False)


class ExcludeMatchForm(forms.Form):
    vacancy_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(label=t("排除原因", "Reason to exclude"), max_length=200, min_length=2)


class MatchRunForm(forms.Form):
    """A bulk run: a label and who — pasted job-seeker numbers, or every active, consenting
    seeker who wants an occupation and/or can work in a district."""

    label = forms.CharField(label=t("名稱", "Label"), max_length=100, min_length=2,
                            help_text=t("例如：○○公司大量解僱離職員工", "E.g. the workers of a mass layoff"))
    seeker_ids = forms.CharField(label=t("求職登記編號（以逗號、空白或換行分隔）", "Job-seeker numbers (comma, space or "
                                         "line separated)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    occupation = forms.ChoiceField(label=t("或：希望職業", "Or: occupation wanted"), required=False)
    district = forms.ChoiceField(label=t("或：可工作地區", "Or: district"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = [("", t("不限", "Any"))] + occupation_choices(blank=False)
        self.fields["district"].choices = [("", t("不限", "Any"))] + _taipei_districts()

    def clean_seeker_ids(self) -> list[int]:
        raw = self.cleaned_data.get("seeker_ids") or ""
        tokens = [token for token in re.split(r"[\s,，、;；]+", raw) if token]
        if any(not token.isdigit() for token in tokens):
            raise forms.ValidationError(t("求職登記編號須為數字。", "Job-seeker numbers are digits."))
        return [int(token) for token in tokens]
