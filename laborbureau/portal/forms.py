from django import forms
from django.contrib.auth.password_validation import validate_password

from laborbureau.core.forms import DateField
from laborbureau.core.i18n import t
from laborbureau.core.models import User


class RegisterForm(forms.Form):
    """A citizen's portal account, tied to their person record by their ID."""

    username = forms.RegexField(
        label=t("帳號", "Username"),
        max_length=40,
        regex=r"^[A-Za-z0-9_.-]{4,40}$",
        error_messages={"invalid": t("帳號為4至40個英數字或 _ . -", "4 to 40 letters, digits or _ . -")},
    )
    id_number = forms.CharField(
        label=t("身分證字號或居留證號", "National ID or ARC number"), max_length=20,
    )
    name = forms.CharField(label=t("姓名", "Full name"), max_length=80)
    birth_date = DateField(
        label=t("出生日期", "Date of birth"),
        help_text=t("例如 80/05/01 或 1991-05-01", "e.g. 1991-05-01 or 80/05/01 (ROC)"),
    )
    email = forms.EmailField(label=t("電子郵件（接收通知）", "E-mail (for notices)"))
    phone = forms.CharField(label=t("手機", "Mobile phone"), max_length=30, required=False)
    password1 = forms.CharField(label=t("密碼", "Password"), widget=forms.PasswordInput, max_length=128)
    password2 = forms.CharField(label=t("再輸入一次密碼", "Password again"), widget=forms.PasswordInput, max_length=128)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password1"].widget.attrs["autocomplete"] = "new-password"
        self.fields["password2"].widget.attrs["autocomplete"] = "new-password"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(t("此帳號已有人使用。", "This username is taken."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", t("兩次輸入的密碼不同。", "The passwords differ."))
        elif data.get("password1"):
            try:
                validate_password(data["password1"], User(username=data.get("username", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
