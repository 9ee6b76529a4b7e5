from django import forms

from laborbureau.core.i18n import t


class LoginForm(forms.Form):
    username = forms.CharField(label=t("帳號", "Username"), max_length=150)
    password = forms.CharField(label=t("密碼", "Password"), widget=forms.PasswordInput, max_length=128)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
