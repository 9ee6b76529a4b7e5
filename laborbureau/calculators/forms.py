"""The calculators' page forms (GET, so a result is a link and needs no CSRF).

The forms only read the typed text into Python values with the same limits as the
API schemas (calculators.adapters); the rules check the rest, and their refusals
come back on the field they concern (views.calculator_page). Each form groups its
fields in ``fieldsets``: (legend zh, legend en, field names).
"""

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


FORMS: dict[str, type[CalculatorForm]] = {
    "identifier": IdentifierForm,
    "roc-date": RocDateForm,
    "working-days": WorkingDaysForm,
}
