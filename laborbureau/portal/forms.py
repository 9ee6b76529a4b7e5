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


class EmployerSignupForm(forms.Form):
    """An employer's portal account (事業單位帳號): the company by its 統一編號, a contact
    person, a username and password. The rules live in core.services.employer_account_create."""

    business_id = forms.CharField(
        label=t("統一編號", "Business ID (統一編號)"),
        max_length=20,
        help_text=t("8碼數字", "8 digits"),
    )
    employer_name = forms.CharField(label=t("事業單位名稱", "Employer's name"), max_length=120)
    employer_address = forms.CharField(label=t("事業單位地址", "Employer's address"), max_length=200)
    contact_name = forms.CharField(label=t("聯絡人姓名", "Contact person"), max_length=80)
    contact_email = forms.EmailField(label=t("聯絡人電子郵件", "Contact e-mail"), max_length=254)
    contact_phone = forms.CharField(
        label=t("聯絡電話", "Contact phone"),
        max_length=30,
        help_text=t("例如 02-27208889#123 或 0912345678", "e.g. 02-27208889#123 or 0912345678"),
    )
    username = forms.RegexField(
        label=t("帳號", "Username"),
        max_length=40,
        regex=r"^[A-Za-z0-9_.-]{4,40}$",
        error_messages={"invalid": t("帳號為4至40個英數字或 _ . -", "4 to 40 letters, digits or _ . -")},
    )
    password1 = forms.CharField(label=t("密碼", "Password"), widget=forms.PasswordInput, max_length=128)
    password2 = forms.CharField(label=t("再輸入一次密碼", "Password again"), widget=forms.PasswordInput, max_length=128)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = {
            "business_id": {"inputmode": "numeric", "autocomplete": "off"},
            "employer_name": {"autocomplete": "organization"},
            "employer_address": {"autocomplete": "street-address"},
            "contact_name": {"autocomplete": "name"},
            "contact_email": {"autocomplete": "email"},
            "contact_phone": {"autocomplete": "tel", "inputmode": "tel"},
            "username": {"autocomplete": "username", "autocapitalize": "none"},
            "password1": {"autocomplete": "new-password"},
            "password2": {"autocomplete": "new-password"},
        }
        for name, values in attrs.items():
            self.fields[name].widget.attrs.update(values)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", t("兩次輸入的密碼不同。", "The passwords differ."))
        return data
