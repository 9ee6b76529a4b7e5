"""Forms of the accidents pages: the report (portal and phone), the roster, the
disease application, the public map's filters, and the field steps of the alert page."""

from django import forms

from laborbureau.core.forms import DateField, MultipleFileField
from laborbureau.core.i18n import t
from laborbureau.core.models import IndustryClass, Role, User, UserKind
from laborbureau.inspection.accidents.models import AccidentType, DutyRole, Outcome, Severity

VICTIM_ROWS = 3
DATETIME = {"type": "datetime-local"}


class ReportForm(forms.Form):
    occurred_at = forms.DateTimeField(label=t("發生時間", "When it happened"), widget=forms.DateTimeInput(attrs=DATETIME))
    known_at = forms.DateTimeField(label=t("事業單位知悉時間（未填即為發生時間）", "When the employer learned of it (if later)"),
                                   required=False, widget=forms.DateTimeInput(attrs=DATETIME))
    accident_type = forms.ChoiceField(label=t("災害類型", "Kind of accident"), choices=AccidentType.choices)
    deaths = forms.IntegerField(label=t("死亡人數", "Deaths"), min_value=0, max_value=500, initial=0)
    injured = forms.IntegerField(label=t("受傷人數", "Injured"), min_value=0, max_value=500, initial=0)
    hospitalised = forms.IntegerField(label=t("需住院治療人數", "Needing hospital treatment"), min_value=0, max_value=500,
                                      initial=0)
    establishment_name = forms.CharField(label=t("工作場所（廠場、工地）名稱", "Workplace (site) name"), max_length=120,
                                         required=False)
    district = forms.ChoiceField(label=t("行政區", "District"), required=False)
    address = forms.CharField(label=t("地址", "Address"), max_length=200, required=False)
    lat = forms.FloatField(label=t("緯度（地圖位置）", "Latitude (map point)"), required=False,
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    lon = forms.FloatField(label=t("經度（地圖位置）", "Longitude (map point)"), required=False,
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    description = forms.CharField(label=t("災害經過", "What happened"), max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    photos = MultipleFileField(label=t("現場照片（JPEG、PNG，每張8 MB以內，最多6張）", "Photos (JPEG or PNG, 8 MB each, up to 6)"),
                               required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(zip3, label) for zip3, label in _district_zip_choices()]
        self.fields["photos"].widget.attrs.update({"accept": "image/jpeg,image/png", "capture": "environment"})
        for index in range(1, VICTIM_ROWS + 1):
            self.fields[f"victim_name_{index}"] = forms.CharField(
                label=t(f"罹災者姓名（{index}）", f"Injured worker's name ({index})"), max_length=80, required=False)
            self.fields[f"victim_age_{index}"] = forms.IntegerField(
                label=t(f"年齡（{index}）", f"Age ({index})"), min_value=14, max_value=100, required=False)
            self.fields[f"victim_outcome_{index}"] = forms.ChoiceField(
                label=t(f"罹災情形（{index}）", f"Outcome ({index})"), choices=[("", "—"), *Outcome.choices],
                required=False)


    # The page's sections, in the order an employer on the site thinks of them.
    GROUPS = (
        ("what", "發生經過", "What happened",
         ("occurred_at", "known_at", "accident_type", "deaths", "injured", "hospitalised", "description")),
        ("where", "地點", "Where", ("establishment_name", "district", "address", "lat", "lon")),
        ("photos", "現場照片", "Photos", ("photos",)),
        ("victims", "罹災者（可稍後補填）", "The injured (may follow later)",
         tuple(f"victim_{part}_{index}" for index in range(1, VICTIM_ROWS + 1) for part in ("name", "age", "outcome"))),
    )

    def groups(self) -> list[tuple[str, str, str, list]]:
        """(key, legend zh, legend en, bound fields) per section; fields of a subclass
        not named in GROUPS (the phone report's caller) come first."""
        named = {name for *_, names in self.GROUPS for name in names}
        extra = [self[name] for name in self.fields if name not in named]
        sections = [("caller", "通報來源", "The report", extra)] if extra else []
        return sections + [(key, zh, en, [self[name] for name in names]) for key, zh, en, names in self.GROUPS]


def _district_zip_choices():
    from laborbureau.core.models import District

    return [("", "—")] + [(d.zip3, f"{d.zip3} {d.name_zh}") for d in District.objects.all()]


class PhoneReportForm(ReportForm):
    """An officer records a phone report: the employer, the caller and when they called."""

    employer_name = forms.CharField(label=t("事業單位名稱", "Employer"), max_length=120)
    business_id = forms.CharField(label=t("統一編號（未知可空白）", "Business ID (if known)"), max_length=20, required=False)
    reporter_name = forms.CharField(label=t("來電者", "Caller"), max_length=80, required=False)
    reporter_phone = forms.CharField(label=t("來電者電話", "Caller's phone"), max_length=30, required=False)
    reported_at = forms.DateTimeField(label=t("來電時間（未填即為現在）", "Call received at (default now)"), required=False,
                                      widget=forms.DateTimeInput(attrs=DATETIME))


class VictimsForm(forms.Form):
    """Completing the casualties and the injured's data later."""

    deaths = forms.IntegerField(label=t("死亡人數", "Deaths"), min_value=0, max_value=500)
    injured = forms.IntegerField(label=t("受傷人數", "Injured"), min_value=0, max_value=500)
    hospitalised = forms.IntegerField(label=t("需住院治療人數", "Needing hospital treatment"), min_value=0, max_value=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(1, VICTIM_ROWS + 1):
            self.fields[f"victim_name_{index}"] = forms.CharField(
                label=t(f"罹災者姓名（{index}）", f"Injured worker's name ({index})"), max_length=80, required=False)
            self.fields[f"victim_age_{index}"] = forms.IntegerField(
                label=t(f"年齡（{index}）", f"Age ({index})"), min_value=14, max_value=100, required=False)
            self.fields[f"victim_outcome_{index}"] = forms.ChoiceField(
                label=t(f"罹災情形（{index}）", f"Outcome ({index})"), choices=[("", "—"), *Outcome.choices],
                required=False)


def victims_from(data) -> list:
    from laborbureau.inspection.accidents.services import VictimInput

    victims = []
    for index in range(1, VICTIM_ROWS + 1):
        name, age, outcome = data.get(f"victim_name_{index}"), data.get(f"victim_age_{index}"), \
            data.get(f"victim_outcome_{index}")
        if name or age or outcome:
            victims.append(VictimInput(name=name or "", age=age, outcome=outcome or Outcome.UNKNOWN))
    return victims


class ShiftForm(forms.Form):
    user = forms.ChoiceField(label=t("值勤人員", "Who"))
    role = forms.ChoiceField(label=t("值勤角色", "Role"), choices=DutyRole.choices)
    starts_at = forms.DateTimeField(label=t("開始", "From"), widget=forms.DateTimeInput(attrs=DATETIME))
    ends_at = forms.DateTimeField(label=t("結束", "Until"), widget=forms.DateTimeInput(attrs=DATETIME))
    phone = forms.CharField(label=t("簡訊手機號碼（選填）", "Mobile for SMS (optional)"), max_length=30, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(kind=UserKind.STAFF, is_active=True, unit__code="LIO",
                                    role__in=(Role.CASE_OFFICER, Role.INSPECTOR, Role.SECTION_CHIEF)).order_by("username")
        self.fields["user"].choices = [(str(u.pk), u.label) for u in staff]


class DiseaseForm(forms.Form):
    id_number = forms.CharField(label=t("勞工身分證或居留證號", "Worker's ID or ARC number"), max_length=20)
    name = forms.CharField(label=t("勞工姓名", "Worker's name"), max_length=80)
    phone = forms.CharField(label=t("聯絡電話", "Phone"), max_length=30, required=False)
    disease = forms.CharField(label=t("疾病名稱", "Disease"), max_length=200)
    exposure = forms.CharField(label=t("工作內容及暴露情形", "Work and exposure"), max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}))
    diagnosed_by = forms.CharField(label=t("診斷醫師或醫院", "Physician or hospital"), max_length=200, required=False)
    diagnosed_on = DateField(label=t("診斷日期", "Diagnosed on"), required=False)
    received_on = DateField(label=t("收件日（未填即為今天）", "Received on (default today)"), required=False)


class PortalDiseaseForm(forms.Form):
    """A worker applies for themself on the portal (their identity is their account's)."""

    disease = forms.CharField(label=t("疾病名稱（依診斷證明書）", "Disease (as on the medical certificate)"), max_length=200)
    diagnosed_by = forms.CharField(label=t("診斷醫師或醫院", "Physician or hospital"), max_length=200, required=False)
    diagnosed_on = DateField(label=t("診斷日期", "Diagnosed on"), required=False)
    exposure = forms.CharField(
        label=t("工作內容及暴露情形", "Your work and what you were exposed to"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=t("例如：職稱、工作期間、每日工時、接觸的化學品、噪音、粉塵或重複性動作。",
                    "E.g. job title, years, daily hours, chemicals, noise, dust or repetitive movements."))
    employer_name = forms.CharField(label=t("事業單位（公司）名稱", "Employer (company)"), max_length=120, required=False)
    business_id = forms.CharField(label=t("統一編號（知道時填寫）", "Business ID (if known)"), max_length=20, required=False)
    documents = MultipleFileField(
        label=t("診斷證明書及相關資料（PDF、JPEG、PNG，最多6件）", "Medical certificate and records (PDF, JPEG, PNG; up to 6)"),
        required=False)
    consent = forms.BooleanField(
        label=t("我同意臺北市政府勞動局為職業疾病認定之目的，蒐集、處理及利用我的病歷及健康資料，並於必要時向醫療機構、雇主查詢。",
                "I agree that the Department of Labor may collect and use my medical and health data for the "
                "determination, and ask hospitals and my employer where needed."),
        required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].widget.attrs.update({"accept": "application/pdf,image/jpeg,image/png"})


class MapFilterForm(forms.Form):
    month_from = forms.CharField(label=t("起月（西元年-月）", "From month (YYYY-MM)"), required=False,
                                 widget=forms.TextInput(attrs={"type": "month"}))
    month_to = forms.CharField(label=t("迄月", "To month"), required=False, widget=forms.TextInput(attrs={"type": "month"}))
    district = forms.ChoiceField(label=t("行政區", "District"), required=False)
    industry = forms.ChoiceField(label=t("行業（大類）", "Industry (section)"), required=False)
    accident_type = forms.ChoiceField(label=t("災害類型", "Kind"), required=False,
                                      choices=[("", t("全部", "All")), *AccidentType.choices])
    severity = forms.ChoiceField(label=t("嚴重程度", "Severity"), required=False,
                                 choices=[("", t("全部", "All")), *Severity.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", t("全部", "All"))] + _district_zip_choices()[1:]
        self.fields["industry"].choices = [("", t("全部", "All"))] + [
            (i.code, f"{i.code} {i.name_zh}") for i in IndustryClass.objects.filter(level="section").order_by("code")
        ]

    def clean_month_from(self):
        return _month(self.cleaned_data.get("month_from"))

    def clean_month_to(self):
        return _month(self.cleaned_data.get("month_to"))


def _month(value):
    from laborbureau.inspection.accidents.open_data import parse_month

    try:
        return parse_month(value or "")
    except ValueError:
        raise forms.ValidationError("月份格式應為 YYYY-MM。 Month as YYYY-MM.") from None


def step_form(transition, data=None, on=None):
    """A form for one workflow step, built from its FieldSpecs."""
    form = forms.Form(data, prefix=f"t-{transition.name}")
    for spec in transition.fields:
        label = t(spec.label_zh, spec.label_en)
        if spec.kind == "textarea":
            field = forms.CharField(label=label, required=spec.required, max_length=10_000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
        elif spec.kind == "bool":
            field = forms.BooleanField(label=label, required=False)
        elif spec.kind == "int":
            field = forms.IntegerField(label=label, required=spec.required, min_value=0)
        elif spec.kind == "choice":
            field = forms.ChoiceField(label=label, required=spec.required, choices=[("", "—"), *spec.choice_list(on)])
        elif spec.kind == "date":
            field = DateField(label=label, required=spec.required)
        else:
            field = forms.CharField(label=label, required=spec.required, max_length=200)
        form.fields[spec.name] = field
    form.transition = transition
    return form

