from django import forms

from laborbureau.core.i18n import pick, t
from laborbureau.core.models import District, IndustryClass


class LoginForm(forms.Form):
    username = forms.CharField(label=t("帳號", "Username"), max_length=150)
    password = forms.CharField(label=t("密碼", "Password"), widget=forms.PasswordInput, max_length=128)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


def add_application_error(form: forms.Form, error, field_map: dict[str, str] | None = None) -> None:
    """Show a service's ApplicationError on the form field it names (or on the form)."""
    field = (field_map or {}).get(error.field, error.field)
    if field in form.fields:
        form.add_error(field, error.message)
    else:
        form.add_error(None, error.message)


class DateField(forms.DateField):
    """A date typed in the ROC form (115/11/27, 115年11月27日) or ISO (2026-11-27)."""

    widget = forms.TextInput

    def to_python(self, value):
        from laborbureau.rules import roc_calendar
        from laborbureau.rules.base import RuleError

        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return roc_calendar.parse_date(str(value))
        except RuleError as error:
            raise forms.ValidationError(f"{error.message_zh} {error.message_en}") from None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def district_choices() -> list[tuple[str, str]]:
    """The 12 districts of 臺北市 by postal code, and none."""
    return [("", "—")] + [
        (district.code, f"{district.zip3} {pick(district.name_zh, district.name_en)}")
        for district in District.objects.all()
    ]


def industry_choices(current: str = "") -> list:
    """行業統計分類 divisions grouped by section (one query). A current value that is
    not a division (an older record may hold a section) stays selectable."""
    groups: dict[str, list[tuple[str, str]]] = {}
    titles: dict[str, str] = {}
    known = set()
    for industry in IndustryClass.objects.order_by("code"):
        known.add(industry.code)
        if industry.level == "section":
            titles[industry.code] = f"{industry.code} {industry.name_zh}"
        else:
            groups.setdefault(industry.parent_id or "", []).append((industry.code, f"{industry.code} {industry.name_zh}"))
    choices: list = [("", "—")]
    if current and current in known and not any(current == code for items in groups.values() for code, _ in items):
        choices.append((current, str(current)))
    for section, items in groups.items():
        choices.append((titles.get(section, section), items))
    return choices
