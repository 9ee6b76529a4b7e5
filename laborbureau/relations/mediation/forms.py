"""Forms of the mediation pages. They parse; services.* decide."""

from django import forms

from laborbureau.cases.models import Channel
from laborbureau.core.forms import DateField, MultipleFileField
from laborbureau.core.i18n import t
from laborbureau.core.models import District, IdKind
from laborbureau.core.services import PersonInput
from laborbureau.relations.mediation.models import MONEY_CLAIMS, ApplicantKind, ClaimType, Language, Procedure
from laborbureau.relations.mediation.services import MAX_AMOUNT, MAX_DESCRIPTION

MAX_FILES = 5


def _district_choices():
    return [("", t("請選擇", "Choose"))] + [
        (district.code, f"{district.zip3} {district.name_zh} {district.name_en}") for district in District.objects.all()
    ]


def claim_fields():
    """(claim type, checkbox field name, amount field name, note field name) for each claim."""
    return [(value, f"claim_{value}", f"amount_{value}", f"note_{value}") for value in ClaimType.values]


def parse_workers(text: str) -> list[PersonInput]:
    """One worker a line: "ID number, name" (comma, space or tab)."""
    people = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = line.replace("，", ",").replace("\t", ",").replace(",", " ").split(None, 1)
        if len(parts) != 2:
            raise forms.ValidationError(
                t(f"第{number}行請寫「身分證字號 姓名」。", f"Line {number}: write the ID number, then the name.")
            )
        people.append(PersonInput(id_number=parts[0], name=parts[1].strip()[:80]))
    return people


class DisputeForm(forms.Form):
    """A mediation application: who applies, against which employer, what is claimed."""

    applicant_kind = forms.ChoiceField(
        label=t("申請人", "Who applies"), widget=forms.RadioSelect,
        choices=[(k.value, k.label) for k in (ApplicantKind.WORKER, ApplicantKind.WORKERS, ApplicantKind.UNION)],
        initial=ApplicantKind.WORKER,
    )
    procedure = forms.ChoiceField(
        label=t("調解方式（勞資爭議處理法第11條）", "Procedure (Labor Dispute Act Art. 11)"),
        widget=forms.RadioSelect, choices=Procedure.choices, initial=Procedure.MEDIATOR,
        help_text=t("調解人：指派後7日內開會；調解委員會：雙方各選調解委員，14日內開會。",
                    "A mediator meets within 7 days of appointment; a committee (each side names a member) within 14."),
    )
    employer_name = forms.CharField(label=t("事業單位（公司）名稱", "Employer (company) name"), max_length=120)
    business_id = forms.CharField(
        label=t("統一編號", "Business ID (統一編號)"), max_length=12, required=False,
        help_text=t("8位數字；不知道可以空白，本局會再查明。", "8 digits; leave blank if unknown, we will find it."),
    )
    employer_address = forms.CharField(label=t("公司地址", "Company address"), max_length=200, required=False)
    workplace_district = forms.ChoiceField(label=t("工作地點行政區", "District of the workplace"), required=False)
    union_name = forms.CharField(label=t("工會名稱（工會申請時）", "Union name (union applications)"), max_length=120,
                                 required=False)
    workers_text = forms.CharField(
        label=t("其他勞工（共同申請人或工會所代表的會員；每行一位：身分證字號 姓名）",
                "Other workers (co-applicants or the union's members; one a line: ID number, name)"),
        widget=forms.Textarea(attrs={"rows": 3}), required=False,
    )
    description = forms.CharField(
        label=t("爭議內容", "What the dispute is about"), widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_DESCRIPTION,
    )
    language = forms.ChoiceField(label=t("使用語言", "Language"), choices=Language.choices, initial=Language.ZH)
    attachments = MultipleFileField(
        label=t("附件（PDF、JPG、PNG，最多5個）", "Attachments (PDF, JPG, PNG, up to 5)"), required=False,
        help_text=t("例如：勞動契約、薪資單、出勤紀錄、解僱通知。", "For example the contract, pay slips, time records."),
    )

    def __init__(self, *args, employer_account: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer_account = employer_account
        self.fields["workplace_district"].choices = _district_choices()
        self.fields["business_id"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        for value, checkbox, amount, note in claim_fields():
            label = ClaimType(value).label
            self.fields[checkbox] = forms.BooleanField(label=label, required=False)
            self.fields[amount] = forms.IntegerField(
                label=t(f"{label.split(' ')[0]}：請求金額（新臺幣元）", f"{label.split(' ', 1)[1]}: amount claimed (NT$)"),
                min_value=1, max_value=MAX_AMOUNT, required=False,
            )
            self.fields[amount].widget.attrs.update({"inputmode": "numeric"})
            if value == ClaimType.OTHER:
                self.fields[note] = forms.CharField(label=t("其他請求說明", "The other claim"), max_length=300,
                                                    required=False)
        if employer_account:
            self.fields["applicant_kind"].choices = [(ApplicantKind.EMPLOYER.value, ApplicantKind.EMPLOYER.label)]
            self.fields["applicant_kind"].initial = ApplicantKind.EMPLOYER
            for name in ("employer_name", "business_id", "employer_address", "union_name"):
                del self.fields[name]
            self.fields["workers_text"].label = t(
                "爭議所涉之勞工（每行一位：身分證字號 姓名）", "The workers concerned (one a line: ID number, name)"
            )
            self.fields["workers_text"].required = True

    def claim_rows(self):
        """The claim fields grouped for the template: (checkbox, amount, note or None)."""
        return [
            (self[checkbox], self[amount], self[note] if note in self.fields else None)
            for _, checkbox, amount, note in claim_fields()
        ]

    def main_fields(self):
        claim_names = {name for row in claim_fields() for name in row[1:]}
        return [field for field in self.visible_fields() if field.name not in claim_names]

    def clean_workers_text(self):
        return parse_workers(self.cleaned_data.get("workers_text") or "")

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(t("附件最多5個。", "At most 5 attachments."))
        return files

    def clean(self):
        data = super().clean()
        chosen = [value for value, checkbox, _, _ in claim_fields() if data.get(checkbox)]
        if not chosen:
            self.add_error(None, t("請至少勾選一項請求事項。", "Tick at least one claim."))
        for value, _, amount, _ in claim_fields():
            if value in chosen and value in MONEY_CLAIMS and not data.get(amount):
                self.add_error(amount, t("請填寫請求金額（可用上方試算工具計算）。", "Give the amount (the calculators help)."))
        return data

    def claims(self):
        from laborbureau.relations.mediation.services import ClaimInput

        data = self.cleaned_data
        return [
            ClaimInput(claim_type=value, amount=data.get(amount), note=data.get(note) or "")
            for value, checkbox, amount, note in claim_fields()
            if data.get(checkbox)
        ]


class StaffDisputeForm(DisputeForm):
    """An officer records an application received by phone, at the counter or by post."""

    channel = forms.ChoiceField(
        label=t("受理管道", "Received by"),
        choices=[(c.value, c.label) for c in (Channel.COUNTER, Channel.PHONE, Channel.MAIL)],
    )
    applicant_id_kind = forms.ChoiceField(
        label=t("證件類別", "Kind of ID"), choices=[("", t("依證號判斷", "From the number"))] + IdKind.choices,
        required=False,
    )
    applicant_id_number = forms.CharField(
        label=t("申請人（或工會代表人）身分證字號／居留證號／護照號碼", "Applicant's (or union representative's) ID number"),
        max_length=20,
    )
    applicant_passport_country = forms.CharField(label=t("護照核發國（三碼）", "Passport country (3 letters)"),
                                                 max_length=3, required=False)
    applicant_name = forms.CharField(label=t("申請人姓名", "Applicant's name"), max_length=80)
    applicant_phone = forms.CharField(label=t("聯絡電話", "Phone"), max_length=30, required=False)
    applicant_email = forms.EmailField(label=t("電子郵件", "E-mail"), required=False)

    field_order = ["channel", "applicant_id_kind", "applicant_id_number", "applicant_passport_country",
                   "applicant_name", "applicant_phone", "applicant_email"]


class MeetingForm(forms.Form):
    slot = forms.ChoiceField(label=t("會議時段與會議室", "Slot and room"), widget=forms.RadioSelect)
    late_reason = forms.CharField(
        label=t("晚於法定期限之理由（如雙方同意延後）", "Reason if after the statutory day (e.g. both sides asked)"),
        max_length=300, required=False,
    )

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        from laborbureau.rules import roc_calendar

        choices = []
        for slot in slots:
            local = timezone.localtime(slot.starts_at)
            flag = "" if slot.within_deadline else "（逾法定期限 after the statutory day）"
            choices.append((
                f"{slot.starts_at.isoformat()}|{slot.room.pk}",
                f"{roc_calendar.format_short(local.date())} {local:%H:%M} {slot.room.name}{flag}",
            ))
        # A slot proposed when the page was drawn may be taken by the time it is posted:
        # keep it as a choice so that the booking service answers why (409), rather
        # than the form saying only "not a valid choice".
        posted = self.data.get("slot", "") if self.is_bound else ""
        if posted and posted not in {value for value, _ in choices}:
            from datetime import datetime

            start, _, room = posted.rpartition("|")
            try:
                datetime.fromisoformat(start)
                if not 0 < int(room) < 2**31:
                    raise ValueError(room)
            except ValueError:
                pass
            else:
                choices.append((posted, posted))
        self.fields["slot"].choices = choices


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=t("調解結果", "Outcome"), widget=forms.RadioSelect,
        choices=[("SETTLED", "調解成立 Settled"), ("NOT_SETTLED", "調解不成立 Not settled"),
                 ("RESPONDENT_ABSENT", "相對人未到場 Respondent absent"),
                 ("ADJOURNED", "另訂期日續行調解 Another meeting is needed")],
    )
    applicant_attended = forms.BooleanField(label=t("申請人出席", "The applicant attended"), required=False)
    respondent_attended = forms.BooleanField(label=t("相對人出席", "The respondent attended"), required=False)
    attendance_note = forms.CharField(label=t("出席說明", "Note on attendance"), max_length=300, required=False)
    record_summary = forms.CharField(label=t("調解經過", "Account of the meeting"), widget=forms.Textarea(attrs={"rows": 4}),
                                     max_length=MAX_DESCRIPTION)
    settlement_terms = forms.CharField(label=t("調解方案（成立時）", "Settlement terms (when settled)"),
                                       widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_DESCRIPTION,
                                       required=False)

    def __init__(self, *args, claims=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.claim_names = []
        for claim in claims:
            label = claim.get_claim_type_display()
            asked = f"{claim.amount:,}" if claim.amount is not None else "—"
            self.fields[f"settled_{claim.claim_type}"] = forms.IntegerField(
                label=t(f"{label.split(' ')[0]}成立金額（請求 {asked} 元）",
                        f"{label.split(' ', 1)[1]}: amount settled (claimed {asked})"),
                min_value=0, max_value=MAX_AMOUNT, required=False,
            )
            self.fields[f"confirm_{claim.claim_type}"] = forms.BooleanField(
                label=t(f"確認{label.split(' ')[0]}成立金額高於請求金額", "Confirm the amount above the claim"),
                required=False,
            )
            self.claim_names.append(claim.claim_type)

    def settled_amounts(self) -> dict[str, int]:
        return {name: self.cleaned_data[f"settled_{name}"] for name in self.claim_names
                if self.cleaned_data.get(f"settled_{name}") is not None}

    def confirmed(self) -> list[str]:
        return [name for name in self.claim_names if self.cleaned_data.get(f"confirm_{name}")]


class StatisticsForm(forms.Form):
    date_from = DateField(label=t("收件日起", "Received from"), required=False)
    date_to = DateField(label=t("收件日迄", "Received to"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", t("迄日不可早於起日。", "The end is before the start."))
        return data


class UnavailableForm(forms.Form):
    days = forms.CharField(
        label=t("無法出席的日期（以逗號分隔，如 115/12/03, 115/12/04）", "Days you cannot attend (comma-separated)"),
        max_length=400,
    )

    def clean_days(self):
        from laborbureau.rules import roc_calendar
        from laborbureau.rules.base import RuleError

        days = []
        for part in self.cleaned_data["days"].replace("，", ",").split(","):
            if part.strip():
                try:
                    days.append(roc_calendar.parse_date(part.strip()))
                except RuleError as error:
                    raise forms.ValidationError(f"{error.message_zh} {error.message_en}") from None
        if not days:
            raise forms.ValidationError(t("請填寫日期。", "Give at least one day."))
        return days
