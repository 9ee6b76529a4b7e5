"""Staff pages of the scam screening (求職防騙審核): the review queue of held vacancies
with their score, fired signals and the employer's record, the approve / refuse form, the
report of a published vacancy found to be a scam, and the screening's quality figures.
Thin: employment.reviews decides and measures."""

import unicodedata
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import DateField, add_application_error
from laborbureau.core.i18n import pick, t
from laborbureau.employment import reviews
from laborbureau.employment.models import ScreeningReview, Vacancy

PAGE_SIZE = 20
REASONS = [("", t("（請選擇）", "(choose)")), *ScreeningReview.Reason.choices]


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=t("審核結果", "Decision"), widget=forms.RadioSelect, choices=[
        (ScreeningReview.Outcome.APPROVE, t("核准刊登", "Approve and publish")),
        (ScreeningReview.Outcome.REJECT, t("不予刊登", "Refuse")),
    ])
    reason = forms.ChoiceField(label=t("不予刊登理由", "Reason for refusing"), choices=REASONS, required=False)
    note = forms.CharField(label=t("說明（不予刊登時通知雇主）", "Note (told to the employer on a refusal)"),
                           max_length=reviews.MAX_NOTE, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    vacancy_id = forms.IntegerField(label=t("職缺編號", "Vacancy number"), min_value=1, max_value=2**31 - 1)
    reason = forms.ChoiceField(label=t("理由", "Reason"), choices=REASONS)
    note = forms.CharField(label=t("查證說明", "What was found"), max_length=reviews.MAX_NOTE, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class QualityForm(forms.Form):
    date_from = DateField(label=t("審核日起", "Decided from"), required=False)
    date_to = DateField(label=t("審核日迄", "Decided to"), required=False)


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).lower()
    folded = folded if len(folded) == 1 else char
    return "台" if folded == "臺" else folded


def highlight(text: str, evidence: list[str]) -> list[tuple[str, bool]]:
    """The text cut into (piece, fired) segments: the words that fired a signal are
    marked. Matched on a character-by-character fold (全形, 臺/台, case), so the marks land
    on the original text; evidence folded across spaces is simply not marked."""
    folded = "".join(_fold_char(char) for char in text)
    marked = [False] * len(text)
    for word in evidence:
        if not word:
            continue
        start = folded.find(word)
        while start != -1:
            for index in range(start, start + len(word)):
                marked[index] = True
            start = folded.find(word, start + len(word))
    segments: list[tuple[str, bool]] = []
    for char, flag in zip(text, marked, strict=True):
        if segments and segments[-1][1] == flag:
            segments[-1] = (segments[-1][0] + char, flag)
        else:
            segments.append((char, flag))
    return segments


def _period(form: QualityForm):
    today = timezone.localdate()
    date_from, date_to = today.replace(month=1, day=1), today
    if form.is_valid():
        date_from = form.cleaned_data.get("date_from") or date_from
        date_to = form.cleaned_data.get("date_to") or date_to
    if date_to < date_from or (date_to - date_from) > timedelta(days=3660):
        date_to = date_from + timedelta(days=365)
    return date_from, date_to


def _queue_page(request, *, bound: dict | None = None, report_form: ReportForm | None = None, status: int = 200):
    if not reviews.can_read(request.user):
        raise Http404
    bound = bound or {}
    paginator = Paginator(reviews.review_queue(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    items = []
    for vacancy in page.object_list:
        signals = [s for s in (vacancy.screening_signals or []) if isinstance(s, dict)]
        evidence = [str(s.get("evidence", "")) for s in signals]
        items.append({
            "vacancy": vacancy, "signals": signals,
            "title": highlight(vacancy.title, evidence),
            "description": highlight(vacancy.description, evidence),
            "requirements": highlight(vacancy.requirements, evidence),
            "form": bound.get(vacancy.pk) or DecideForm(prefix=f"v{vacancy.pk}"),
        })
    quality_form = QualityForm(request.GET or None)
    date_from, date_to = _period(quality_form)
    return render(request, "employment/review_queue.html", {
        "items": items, "page": page, "quality": reviews.screening_quality(date_from, date_to),
        "quality_form": quality_form, "report_form": report_form or ReportForm(),
        "can_decide": reviews.can_decide(request.user), "nav": "employment",
    }, status=status)


@staff_required
def review_queue(request):
    """待審核職缺: oldest first, the score and the fired signals highlighted, the
    employer's record; approve or refuse; the screening's precision and recall."""
    return _queue_page(request)


@staff_required
@require_POST
def review_decide(request, pk: int):
    if not reviews.can_read(request.user) or not reviews.can_decide(request.user):
        raise Http404
    vacancy = Vacancy.objects.filter(pk=pk).first()
    if vacancy is None:
        raise Http404
    form = DecideForm(request.POST, prefix=f"v{pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            reviews.review_decide(vacancy=vacancy, outcome=data["outcome"], reason=data.get("reason") or "",
                                  note=data.get("note") or "", actor=request.user)
        except ApplicationError as error:
            if error.status == 404:
                raise Http404 from None
            add_application_error(form, error, {})
        else:
            if data["outcome"] == ScreeningReview.Outcome.APPROVE:
                messages.success(request, pick(f"已核准刊登職缺（編號 {pk}）。", f"Vacancy {pk} approved and published."))
            else:
                messages.success(request, pick(f"職缺（編號 {pk}）不予刊登，已通知雇主。",
                                               f"Vacancy {pk} refused; the employer was told."))
            return redirect("employment_review_queue")
    return _queue_page(request, bound={pk: form}, status=422)


@staff_required
@require_POST
def review_report(request):
    """A published vacancy found to be a scam (a report, an inspection): recorded, and
    taken down if still open."""
    if not reviews.can_read(request.user) or not reviews.can_decide(request.user):
        raise Http404
    form = ReportForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        vacancy = Vacancy.objects.filter(pk=data["vacancy_id"]).first()
        try:
            if vacancy is None:
                raise ApplicationError("查無此職缺。", "No such vacancy.", field="vacancy_id")
            reviews.scam_confirm(vacancy=vacancy, actor=request.user, reason=data["reason"],
                                 note=data.get("note") or "")
        except ApplicationError as error:
            add_application_error(form, error, {})
        else:
            messages.success(request, pick(f"已記錄職缺（編號 {vacancy.pk}）查證為不實。",
                                           f"Vacancy {vacancy.pk} recorded as a confirmed scam."))
            return redirect("employment_review_queue")
    return _queue_page(request, report_form=form, status=422)
