"""The calculators' page forms (GET, so a result is a link and needs no CSRF).

The forms only read the typed text into Python values with the same limits as the
API schemas (calculators.adapters); the rules check the rest, and their refusals
come back on the field they concern (views.calculator_page). Each form groups its
fields in ``fieldsets``: (legend zh, legend en, field names).
"""

from decimal import Decimal

from django import forms

from laborbureau.calculators import adapters
from laborbureau.core.i18n import pick, t
from laborbureau.rules import roc_calendar
from laborbureau.rules.base import RuleError

DATE_HELP = t("例如 115/11/27 或 2026-11-27", "e.g. 115/11/27 or 2026-11-27")


class RocDateField(forms.DateField):
    """A date typed in an ROC form (115/11/27, 民國115年11月27日, 1151127) or ISO."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": adapters.MAX_TEXT})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        text = str(value)
        if len(text) > adapters.MAX_TEXT:
            raise forms.ValidationError(pick("日期文字太長。", "The date text is too long."))
        try:
            return roc_calendar.parse_date(text)
        except RuleError as error:
            raise forms.ValidationError(pick(error.message_zh, error.message_en)) from None


class CalculatorForm(forms.Form):
    fieldsets: list[tuple[str, str, list[str]]] = []
    #: A rule's error field that is not a form field -> the form field that shows it.
    error_fields: dict[str, str] = {}

    def calculator_input(self) -> dict:
        """The validated input as calculators.adapters.run takes it."""
        return dict(self.cleaned_data)

    def show_error(self, error) -> None:
        """Put an ApplicationError from adapters.run on the field it concerns."""
        field = self.error_fields.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                field.widget.attrs.setdefault("inputmode", "numeric")

    def describe_fields(self) -> None:
        """Tie each input to its help and error text (aria-describedby, aria-invalid)."""
        for name, field in self.fields.items():
            described = []
            if name in self.errors:
                described.append(f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if field.help_text:
                described.append(f"id_{name}_help")
            if described and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def groups(self):
        """[(legend, [bound fields])] in the order of ``fieldsets``."""
        return [(pick(zh, en), [self[name] for name in names]) for zh, en, names in self.fieldsets]


class IdentifierForm(CalculatorForm):
    kind = forms.ChoiceField(
        label=t("號碼種類", "Kind of number"),
        choices=[
            ("person", t("身分證字號或外來人口統一證號", "National ID or UI (resident certificate) number")),
            ("business", t("營利事業統一編號", "Unified business number")),
        ],
        widget=forms.RadioSelect,
        initial="person",
    )
    number = forms.CharField(
        label=t("號碼", "Number"),
        max_length=adapters.MAX_TEXT,
        help_text=t(
            "大小寫、全形與空白不拘，例如 A123456789",
            "Case, full-width characters and spaces do not matter, e.g. A123456789",
        ),
    )
    on = RocDateField(
        label=t("查核日期（選填，預設今日）", "Date of the check (optional, default today)"),
        required=False,
        help_text=t(
            "統一編號新檢查邏輯（可被5整除）自112年4月1日起適用。例如 115/11/27",
            "The divisible-by-5 business-number rule applies from 2023-04-01. E.g. 115/11/27",
        ),
    )
    fieldsets = [("要檢查的號碼", "Number to check", ["kind", "number", "on"])]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        )


class RocDateForm(CalculatorForm):
    date = forms.CharField(
        label=t("日期（民國或西元）", "Date (ROC or AD)"),
        max_length=adapters.MAX_TEXT,
        help_text=t(
            "例如 115/11/27、民國115年11月27日、1151127、2026-11-27",
            "e.g. 115/11/27, 民國115年11月27日, 1151127, 2026-11-27",
        ),
    )
    fieldsets = [("要換算的日期", "Date to convert", ["date"])]


class WorkingDaysForm(CalculatorForm):
    start = RocDateField(label=t("起算日（事實發生日，不算入）", "Start day (day of the event, not counted)"))
    days = forms.IntegerField(
        label=t("期間日數", "Length of the period (days)"),
        required=False,
        min_value=1,
        max_value=adapters.MAX_DAYS,
        help_text=t("計算期間末日時填寫", "Fill in to find the last day of a period"),
    )
    period_kind = forms.ChoiceField(
        label=t("計算方式", "How the days count"),
        choices=[
            ("working", t("以上班日計算", "Working days")),
            ("calendar", t("以日曆日計算，末日逢放假日順延", "Calendar days, the last day moved off a day off")),
        ],
        widget=forms.RadioSelect,
        initial="working",
        required=False,
    )
    end = RocDateField(
        label=t("結束日（選填，計算其間上班日數）", "End day (optional: count the working days in between)"),
        required=False,
    )
    fieldsets = [
        ("期間末日", "Last day of a period", ["start", "days", "period_kind"]),
        ("其間上班日數", "Working days between two dates", ["end"]),
    ]

    def clean_period_kind(self):
        return self.cleaned_data.get("period_kind") or "working"


PAGE_SITES = 3
PAGE_LAYOFFS = 8


class MassLayoffForm(CalculatorForm):
    """Up to three sites and eight dated layoffs on the page (the API takes more)."""

    enterprise_headcount = forms.IntegerField(
        label=t("事業單位全體僱用人數（選填）", "Headcount of the whole enterprise (optional)"),
        required=False,
        min_value=1,
        max_value=adapters.MAX_HEADCOUNT,
        help_text=t("僅2014年6月6日前之解僱需要", "Needed only for layoffs before 6 June 2014"),
    )
    sudden_event = forms.BooleanField(
        label=t("因天災、事變或突發事件而解僱", "Layoffs due to a natural disaster, incident or sudden event"),
        required=False,
    )
    #: RuleError fields that are lists in the API, shown on the first input of the list.
    error_fields = {"sites": "site_1_headcount", "layoffs": "layoff_1_day"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site_choices = [(str(n), t(f"廠場{n}", f"Site {n}")) for n in range(1, PAGE_SITES + 1)]
        self.fieldsets = []
        for n in range(1, PAGE_SITES + 1):
            self.fields[f"site_{n}_name"] = forms.CharField(
                label=t(f"廠場{n}名稱（選填）", f"Site {n} name (optional)"),
                required=False,
                max_length=adapters.MAX_TEXT,
            )
            self.fields[f"site_{n}_headcount"] = forms.IntegerField(
                label=t(f"廠場{n}僱用勞工人數", f"Site {n} headcount"),
                required=n == 1,
                min_value=1,
                max_value=adapters.MAX_HEADCOUNT,
                help_text=t(
                    "解僱開始前之人數，不含定期契約勞工", "Before the layoffs began, fixed-term workers excluded"
                )
                if n == 1
                else "",
            )
            self.fieldsets.append((f"廠場{n}", f"Site {n}", [f"site_{n}_name", f"site_{n}_headcount"]))
        for n in range(1, PAGE_LAYOFFS + 1):
            self.fields[f"layoff_{n}_day"] = RocDateField(
                label=t(f"第{n}筆解僱日", f"Layoff {n}: day"), required=n == 1, help_text=DATE_HELP if n == 1 else ""
            )
            self.fields[f"layoff_{n}_count"] = forms.IntegerField(
                label=t(f"第{n}筆解僱人數", f"Layoff {n}: workers laid off"),
                required=n == 1,
                min_value=1,
                max_value=adapters.MAX_HEADCOUNT,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            self.fields[f"layoff_{n}_site"] = forms.ChoiceField(
                label=t(f"第{n}筆廠場", f"Layoff {n}: site"), choices=site_choices, initial="1", required=False
            )
            self.fieldsets.append(
                (f"第{n}筆解僱", f"Layoff {n}", [f"layoff_{n}_day", f"layoff_{n}_count", f"layoff_{n}_site"])
            )
        self.fieldsets.append(("其他", "Other", ["enterprise_headcount", "sudden_event"]))
        self.order_fields([name for _, _, names in self.fieldsets for name in names])

    def clean(self):
        data = super().clean()
        for n in range(2, PAGE_LAYOFFS + 1):
            day, count = data.get(f"layoff_{n}_day"), data.get(f"layoff_{n}_count")
            if (
                (day is None) != (count is None)
                and not self.has_error(f"layoff_{n}_day")
                and not self.has_error(f"layoff_{n}_count")
            ):
                missing = f"layoff_{n}_count" if count is None else f"layoff_{n}_day"
                self.add_error(missing, pick("請一併填寫解僱日與人數。", "Give both the day and the number."))
        return data

    def calculator_input(self) -> dict:
        data = self.cleaned_data
        names = {
            str(n): (data.get(f"site_{n}_name") or "").strip() or pick(f"廠場{n}", f"Site {n}")
            for n in range(1, PAGE_SITES + 1)
        }
        sites = [
            {"site": names[str(n)], "headcount": data[f"site_{n}_headcount"]}
            for n in range(1, PAGE_SITES + 1)
            if data.get(f"site_{n}_headcount") is not None
        ]
        layoffs = [
            {
                "day": data[f"layoff_{n}_day"],
                "count": data[f"layoff_{n}_count"],
                "site": names[data.get(f"layoff_{n}_site") or "1"],
            }
            for n in range(1, PAGE_LAYOFFS + 1)
            if data.get(f"layoff_{n}_day") is not None and data.get(f"layoff_{n}_count") is not None
        ]
        return {
            "sites": sites,
            "layoffs": layoffs,
            "enterprise_headcount": data.get("enterprise_headcount"),
            "sudden_event": bool(data.get("sudden_event")),
        }


def wage_field(label, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=adapters.MAX_WAGE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


class BasicWageForm(CalculatorForm):
    on = RocDateField(label=t("查詢日期", "Date"))
    fieldsets = [("查詢日期", "Date", ["on"])]


class SeveranceForm(CalculatorForm):
    start = RocDateField(label=t("到職日", "First day of employment"))
    end = RocDateField(label=t("離職日（最後工作日）", "Last day of employment"))
    average_monthly_wage = wage_field(
        t("一個月平均工資（元）", "Average monthly wage (NT$)"),
        help_text=t(
            "離職前6個月工資總額÷6（勞動基準法第2條第4款）", "Wages of the 6 months before leaving ÷ 6 (LSA Art. 2(4))"
        ),
    )
    system = forms.ChoiceField(
        label=t("適用制度", "System"),
        choices=[
            ("new", t("新制（勞工退休金條例）", "New system (Labor Pension Act)")),
            ("old", t("舊制（勞動基準法）", "Old system (Labor Standards Act)")),
            ("mixed", t("新舊制年資併存", "Seniority under both systems")),
        ],
        widget=forms.RadioSelect,
        initial="new",
    )
    switch_date = RocDateField(
        label=t("新制適用日（僅新舊制併存，選填）", "First day under the new system (both systems only, optional)"),
        required=False,
        help_text=t("未填以94年7月1日計。例如 94/7/1", "Default 1 July 2005. E.g. 94/7/1"),
    )
    fieldsets = [
        ("年資", "Seniority", ["start", "end", "system", "switch_date"]),
        ("工資", "Wage", ["average_monthly_wage"]),
    ]


class RetirementForm(CalculatorForm):
    start = RocDateField(label=t("到職日", "First day of employment"))
    end = RocDateField(
        label=t("舊制年資截止日", "Last day of old-system seniority"),
        help_text=t(
            "新舊制併存者填新制適用日前一日。例如 115/7/31",
            "With both systems: the day before switching. E.g. 115/7/31",
        ),
    )
    on = RocDateField(
        label=t("退休日（選填，預設同上）", "Retirement date (optional, default as above)"), required=False
    )
    average_monthly_wage = wage_field(t("核准退休時一個月平均工資（元）", "Average monthly wage at retirement (NT$)"))
    duty_incapacity = forms.BooleanField(
        label=t(
            "因執行職務致身心障礙而強制退休（加給20%）",
            "Forced retirement for an incapacity caused by the duties (+20%)",
        ),
        required=False,
    )
    fieldsets = [
        ("年資", "Seniority", ["start", "end", "on"]),
        ("工資", "Wage", ["average_monthly_wage", "duty_incapacity"]),
    ]


class OvertimeForm(CalculatorForm):
    work_date = RocDateField(label=t("工作日期", "Date of the work"))
    day_type = forms.ChoiceField(
        label=t("日別", "Kind of day"),
        choices=[
            (key, t(*adapters.DAY_TYPE_LABELS[key])) for key in ("workday", "rest_day", "regular_day_off", "holiday")
        ],
        widget=forms.RadioSelect,
        initial="workday",
    )
    hours = forms.DecimalField(
        label=t("時數", "Hours"),
        min_value=Decimal("0.01"),
        max_value=adapters.MAX_HOURS,
        max_digits=4,
        decimal_places=2,
        help_text=t(
            "平日填延長工時時數；其他日別填當日工作時數。可填小數，如 2.5",
            "On a workday the hours beyond the normal day; on other days the hours worked. Decimals allowed, e.g. 2.5",
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    monthly_wage = wage_field(
        t("月薪（元，與時薪擇一）", "Monthly wage (NT$, or give the hourly wage)"), required=False
    )
    hourly_wage = forms.IntegerField(
        label=t("時薪（元，與月薪擇一）", "Hourly wage (NT$, or give the monthly wage)"),
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    fieldsets = [
        ("工作", "Work", ["work_date", "day_type", "hours"]),
        ("工資", "Wage", ["monthly_wage", "hourly_wage"]),
    ]


class UnemploymentForm(CalculatorForm):
    on = RocDateField(label=t("求職登記（申請）日", "Job registration (application) date"))
    separation_date = RocDateField(label=t("離職退保日", "Day you left and were withdrawn from the insurance"))
    birth_date = RocDateField(label=t("出生日期", "Date of birth"))
    disability_certificate = forms.BooleanField(
        label=t("離職退保時領有身心障礙證明", "I held a disability certificate when I left"), required=False
    )
    parents = forms.IntegerField(
        label=t("受扶養之父母（人）", "Supported parents"), required=False, min_value=0, max_value=2, initial=0
    )
    spouse = forms.IntegerField(
        label=t("受扶養之配偶（人）", "Supported spouse"), required=False, min_value=0, max_value=1, initial=0
    )
    minor_children = forms.IntegerField(
        label=t("受扶養之未成年子女（人）", "Supported minor children"),
        required=False,
        min_value=0,
        max_value=15,
        initial=0,
    )
    disabled_children = forms.IntegerField(
        label=t("受扶養之身心障礙子女（人）", "Supported disabled children"),
        required=False,
        min_value=0,
        max_value=15,
        initial=0,
    )
    error_fields = {"insured_salaries": "salary_1", "dependants": "parents"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, 7):
            self.fields[f"salary_{n}"] = wage_field(
                t(
                    f"離職退保當月起往前第{n}個月之月投保薪資（元）",
                    f"Insured salary, month {n} counted back from leaving (NT$)",
                )
            )
        self.fieldsets = [
            ("日期", "Dates", ["on", "separation_date", "birth_date", "disability_certificate"]),
            ("月投保薪資", "Monthly insured salaries", [f"salary_{n}" for n in range(1, 7)]),
            (
                "受扶養眷屬（無工作收入）",
                "Supported dependants without work income",
                ["parents", "spouse", "minor_children", "disabled_children"],
            ),
        ]
        self.order_fields([name for _, _, names in self.fieldsets for name in names])

    def calculator_input(self) -> dict:
        data = self.cleaned_data
        dependants = []
        for field, kind in (
            ("parents", "parent"),
            ("spouse", "spouse"),
            ("minor_children", "minor_child"),
            ("disabled_children", "disabled_child"),
        ):
            dependants += [kind] * (data.get(field) or 0)
        return {
            "on": data["on"],
            "separation_date": data["separation_date"],
            "birth_date": data["birth_date"],
            "insured_salaries": [data[f"salary_{n}"] for n in range(1, 7)],
            "dependants": dependants,
            "disability_certificate": bool(data.get("disability_certificate")),
        }


class DisabilityQuotaForm(CalculatorForm):
    """Counts per kind of employee rather than one row each: the page asks how many
    full-time and part-time employees of each severity there are."""

    on = RocDateField(label=t("計算月份之一日", "The 1st of the month counted"))
    sector = forms.ChoiceField(
        label=t("機關（構）類別", "Sector"),
        choices=[
            ("private", t("私立學校、團體及民營事業機構", "Private school, association or business")),
            ("public", t("政府機關、公立學校及公營事業機構", "Government body, public school or public enterprise")),
        ],
        widget=forms.RadioSelect,
        initial="private",
    )
    headcount = forms.DecimalField(
        label=t("員工總人數", "Staff total"),
        min_value=0,
        max_value=adapters.MAX_HEADCOUNT,
        max_digits=9,
        decimal_places=1,
        help_text=t(
            "每月一日參加勞保、公保人數；部分工時2人以1人計，可填 .5",
            "Insured on the 1st of the month; two part-timers count as one, so .5 is allowed",
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    error_fields = {"employed": "mild_full"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = []
        for key, (zh, en) in adapters.SEVERITY_LABELS.items():
            for part_time, zh_kind, en_kind in ((False, "全時", "full-time"), (True, "部分工時", "part-time")):
                name = f"{key}_{'part' if part_time else 'full'}"
                self.fields[name] = forms.IntegerField(
                    label=t(f"{zh}、{zh_kind}（人）", f"{en.capitalize()}, {en_kind}"),
                    required=False,
                    min_value=0,
                    max_value=10_000,
                    initial=0,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
                names.append(name)
        self.fieldsets = [
            ("義務機關（構）", "Employer", ["on", "sector", "headcount"]),
            (
                "進用之身心障礙員工（月領薪資達基本工資；部分工時達其半數）",
                "Employees with a disability (paid at least the basic wage; part-timers at least half)",
                names,
            ),
        ]

    def calculator_input(self) -> dict:
        data = self.cleaned_data
        employed = []
        for key in adapters.SEVERITY_LABELS:
            for part_time in (False, True):
                count = data.get(f"{key}_{'part' if part_time else 'full'}") or 0
                employed += [{"severity": key, "part_time": part_time, "monthly_pay": None}] * count
        return {"on": data["on"], "sector": data["sector"], "headcount": data["headcount"], "employed": employed}


FORMS: dict[str, type[CalculatorForm]] = {
    "disability-quota": DisabilityQuotaForm,
    "basic-wage": BasicWageForm,
    "severance": SeveranceForm,
    "retirement": RetirementForm,
    "overtime": OvertimeForm,
    "unemployment-benefit": UnemploymentForm,
    "mass-layoff": MassLayoffForm,
    "identifier": IdentifierForm,
    "roc-date": RocDateForm,
    "working-days": WorkingDaysForm,
}
