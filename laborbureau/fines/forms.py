"""Forms of the fines pages: input parsing only; the rules live in fines.services."""

from datetime import date

from django import forms

from laborbureau.core.i18n import pick, t
from laborbureau.fines.models import Outcome
from laborbureau.fines.selectors import STATUS_FILTERS
from laborbureau.rules import fine_ranges, roc_calendar
from laborbureau.rules.base import RuleError

ARTICLE_SEPARATOR = "|"


class RocDateField(forms.DateField):
    """A date typed as 2026-11-27, 115/11/27 or 民國115年11月27日."""

    widget = forms.DateInput(attrs={"type": "date"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return roc_calendar.parse_date(str(value))
        except RuleError as error:
            raise forms.ValidationError(pick(error.message_zh, error.message_en), code="invalid") from None


def article_choices(on: date) -> list[tuple[str, str]]:
    """The articles with a fine range in force on `on` (rules.fine_ranges.list_articles)."""
    choices = [("", pick("請選擇", "Choose"))]
    for item in fine_ranges.list_articles(on):
        label = f"{item.basis.cite()}（{item.min:,}–{item.max:,}）"
        if item.caution_zh:
            label += pick("※修正條文施行日期待定", " * amendment's effective date not set")
        choices.append((f"{item.law_code}{ARTICLE_SEPARATOR}{item.article}", label))
    return choices


class FineIssueForm(forms.Form):
    article = forms.ChoiceField(label=t("違反法條", "Article violated"))
    violation_date = RocDateField(label=t("違規日期", "Date of violation"))
    amount = forms.IntegerField(label=t("罰鍰金額（新臺幣元）", "Amount (NTD)"), min_value=1)
    decided_on = RocDateField(label=t("處分日期", "Decision date"))
    due_days = forms.IntegerField(
        label=t("繳納期限（送達後日數）", "Days to pay after service"),
        min_value=1,
        max_value=180,
        initial=30,
        help_text=t("本局處分書通常為送達後30日內繳納。", "The department's decisions usually give 30 days after service."),
    )
    served_on = RocDateField(label=t("送達日期（已送達時填寫）", "Served on (if already served)"), required=False)
    case_number = forms.CharField(label=t("案件編號（選填）", "Case number (optional)"), max_length=20, required=False)
    unit = forms.ChoiceField(label=t("處分單位", "Deciding unit"))

    def __init__(self, *args, articles_on: date, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = article_choices(articles_on)
        self.fields["unit"].choices = [(unit.code, pick(unit.name_zh, unit.name_en)) for unit in units]
        if len(self.fields["unit"].choices) == 1:
            self.fields["unit"].initial = self.fields["unit"].choices[0][0]

    def law_and_article(self) -> tuple[str, str]:
        law_code, _, article = self.cleaned_data["article"].partition(ARTICLE_SEPARATOR)
        return law_code, article


class ServiceForm(forms.Form):
    served_on = RocDateField(label=t("送達日期", "Served on"))
    reason = forms.CharField(label=t("更正理由（更正時填寫）", "Reason (when correcting)"), max_length=200, required=False)


class PaymentForm(forms.Form):
    amount = forms.IntegerField(label=t("繳款金額（新臺幣元）", "Amount paid (NTD)"), min_value=1)
    paid_on = RocDateField(label=t("繳款日期", "Paid on"))
    reference = forms.CharField(label=t("收據或交易序號", "Receipt or transaction reference"), max_length=80)


class ReverseForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=t("更正理由", "Reason"), max_length=200)


class NoteForm(forms.Form):
    note = forms.CharField(label=t("備註", "Note"), max_length=500, required=False)


class RemedyFileForm(forms.Form):
    filed_on = RocDateField(label=t("提起日期", "Filed on"))
    collection_suspended = forms.BooleanField(
        label=t("暫緩執行（訴願法第93條第2項）", "Hold collection (Administrative Appeal Act, art. 93(2))"),
        required=False,
        initial=True,
    )
    reference = forms.CharField(label=t("收文或案號", "Reference or docket number"), max_length=80, required=False)


class AppealAnswerForm(forms.Form):
    answered_on = RocDateField(label=t("答辯書發文日期", "Answer sent on"))
    reference = forms.CharField(label=t("答辯書字號", "Reference of the answer"), max_length=80, required=False)


class RemedyDecideForm(forms.Form):
    outcome = forms.ChoiceField(label=t("結果", "Outcome"), choices=Outcome.choices)
    decided_on = RocDateField(
        label=t("決定送達日（判決確定日）", "Decision served on (judgment final on)"),
    )
    new_amount = forms.IntegerField(label=t("變更後金額（一部撤銷時）", "New amount (partial revocation)"),
                                    min_value=1, required=False)
    reference = forms.CharField(label=t("決定或判決字號", "Decision or judgment number"), max_length=80, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=t("理由", "Reason"), max_length=500)


class StaffFilterForm(forms.Form):
    status = forms.ChoiceField(label=t("狀態", "Status"), required=False)
    q = forms.CharField(label=t("處分書號、事業單位或統一編號", "Number, employer or business ID"), max_length=80,
                        required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", pick("全部", "All"))] + [
            (value, pick(zh, en)) for value, zh, en in STATUS_FILTERS
        ]


class OpenDataFilterForm(forms.Form):
    """Filters of the public list. Values outside the offered choices are still applied
    (an unknown law or year simply matches nothing); malformed ones are ignored."""

    law = forms.CharField(label=t("法規", "Law"), required=False, max_length=40)
    year = forms.IntegerField(label=t("處分年度", "Year"), required=False, min_value=2000, max_value=2200)

    def __init__(self, *args, laws, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["law"].widget = forms.Select(choices=[("", pick("全部", "All"))] + list(laws))
        self.fields["year"].widget = forms.Select(
            choices=[("", pick("全部", "All"))] + [(str(year), f"{year - 1911}（{year}）") for year in years]
        )
