from django import forms

from laborbureau.core.i18n import t


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
