"""Forms of the registries' pages: they parse; the services decide."""

from django import forms

from laborbureau.core.forms import DateField, MultipleFileField
from laborbureau.core.i18n import pick, t
from laborbureau.core.models import District
from laborbureau.inspection.registries.models import AuditResult, PersonnelRole, RegistryKind


def zip3_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(d.zip3, f"{d.zip3} {pick(d.name_zh, d.name_en)}") for d in District.objects.order_by("zip3")]


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=t("登錄類別", "Kind"), choices=RegistryKind.choices)
    name = forms.CharField(label=t("工地、訓練單位或醫療機構名稱", "Name of the site, unit or institution"), max_length=120)
    description = forms.CharField(label=t("申請內容（工程概要、訓練課程、檢查類別或人員職務）", "What is applied for"),
                                  widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    address = forms.CharField(label=t("地址（人員登錄免填）", "Address (not for personnel)"), max_length=200,
                              required=False)
    district = forms.ChoiceField(label=t("行政區", "District"), required=False)
    contact_email = forms.EmailField(label=t("聯絡電子郵件", "Contact e-mail"), required=False)
    personnel_name = forms.CharField(label=t("人員姓名（人員登錄）", "Person's name (personnel)"), max_length=80,
                                     required=False)
    personnel_role = forms.ChoiceField(label=t("人員類別", "Personnel role"),
                                       choices=[("", "—"), *PersonnelRole.choices], required=False)
    personnel_certificate = forms.CharField(label=t("資格證明文號", "Qualification certificate number"), max_length=60,
                                            required=False)
    files = MultipleFileField(label=t("申請文件（PDF、JPEG、PNG）", "Documents (PDF, JPEG, PNG)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = zip3_choices()


class PublicFilterForm(forms.Form):
    kind = forms.ChoiceField(label=t("類別", "Kind"), required=False, choices=[
        ("", t("全部", "All")), *[(k.value, k.label) for k in
                                  (RegistryKind.SITE_CERTIFICATION, RegistryKind.TRAINING_UNIT,
                                   RegistryKind.MEDICAL_INSTITUTION)]])
    district = forms.ChoiceField(label=t("行政區", "District"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = zip3_choices()


class AuditForm(forms.Form):
    registration_number = forms.CharField(label=t("訓練單位登錄案號", "Registration case"), max_length=20)
    scheduled_on = DateField(label=t("預定查核日", "Scheduled on"))
    inspector = forms.ChoiceField(label=t("檢查員", "Inspector"))

    def __init__(self, *args, inspectors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspector"].choices = inspectors


class AuditResultForm(forms.Form):
    conducted_on = DateField(label=t("查核日", "Conducted on"))
    findings = forms.CharField(label=t("查核發現", "Findings"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    result = forms.ChoiceField(label=t("結果", "Result"), choices=AuditResult.choices)
    corrective_due = DateField(label=t("改善期限（限期改善時）", "Corrective action due"), required=False)


class WorkForm(forms.Form):
    employer_id = forms.IntegerField(label=t("承攬廠商編號", "Contractor (employer id)"), min_value=1)
    site_name = forms.CharField(label=t("工程名稱", "Site"), max_length=120)
    address = forms.CharField(label=t("工地地址", "Address"), max_length=200)
    district = forms.ChoiceField(label=t("行政區", "District"))
    stream_url = forms.CharField(label=t("影像串流網址（僅記錄）", "Stream URL (recorded only)"), max_length=300)
    starts_on = DateField(label=t("開工日", "Start"))
    ends_on = DateField(label=t("預定完工日", "End"), required=False)
    contract_amount = forms.IntegerField(label=t("契約金額（元）", "Contract amount (NT$)"), min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = zip3_choices()


class CheckForm(forms.Form):
    stream_available = forms.BooleanField(label=t("影像可正常檢視", "Stream available"), required=False)
    hazard_found = forms.BooleanField(label=t("發現危害", "Hazard found"), required=False)
    observations = forms.CharField(label=t("觀察情形", "Observations"), widget=forms.Textarea(attrs={"rows": 3}),
                                   max_length=3000)
    follow_up = forms.CharField(label=t("後續處置", "Follow-up"), widget=forms.Textarea(attrs={"rows": 2}),
                                max_length=1000, required=False)


class EntryForm(forms.Form):
    summary = forms.CharField(label=t("災害概要（不載姓名、事業單位）", "Summary (no names)"),
                              widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)
    causes = forms.CharField(label=t("災害原因", "Causes"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)
    prevention = forms.CharField(label=t("預防對策", "Prevention measures"), widget=forms.Textarea(attrs={"rows": 4}),
                                 max_length=3000)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=t("電子郵件", "E-mail"), max_length=254)


class IssueForm(forms.Form):
    month = DateField(label=t("月份（該月任一日）", "Month (any day of it)"))
    title = forms.CharField(label=t("標題", "Title"), max_length=120)
    items = forms.CharField(
        label=t("內容：每則一段，第一行標題、其後內文，最後一行可為連結；各則以空白行分隔",
                "Items: one paragraph each, first line the title, then the text, optionally a link last; "
                "separate items with a blank line"),
        widget=forms.Textarea(attrs={"rows": 12}), max_length=60_000)

    def parsed_items(self) -> list[dict]:
        items = []
        for block in self.cleaned_data["items"].replace("\r\n", "\n").split("\n\n"):
            lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
            if not lines:
                continue
            link = lines.pop() if len(lines) > 2 and lines[-1].startswith(("http://", "https://")) else ""
            items.append({"title": lines[0], "body": "\n".join(lines[1:]), "link": link})
        return items


def items_text(items: list[dict]) -> str:
    return "\n\n".join("\n".join(filter(None, (i["title"], i["body"], i.get("link", "")))) for i in items)
