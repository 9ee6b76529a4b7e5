"""The calculators' portal pages: an index and one page per calculator.

Presentation only: the form reads the input, calculators.adapters.run calls the
rules (the same call the API makes), the page shows the figures, the steps and the
legal basis with the article's wording. A refused input answers 422 with the reason
on its field and an error summary linking to it.
"""

from datetime import date

from django import forms as django_forms
from django.http import Http404
from django.shortcuts import render

from laborbureau.calculators import adapters
from laborbureau.calculators.forms import FORMS
from laborbureau.core.errors import ApplicationError
from laborbureau.core.i18n import pick
from laborbureau.rules.articles import article_text


def index(request):
    entries = [(calculator, pick(calculator.title_zh, calculator.title_en)) for calculator in _available()]
    return render(request, "calculators/index.html", {"entries": entries, "nav": "calculators"})


def _available() -> list[adapters.Calculator]:
    return [calculator for calculator in adapters.calculators() if calculator.slug in FORMS]


def calculator_page(request, slug: str):
    if slug not in FORMS or slug not in adapters.REGISTRY:
        raise Http404
    calculator = adapters.get(slug)
    form_class = FORMS[slug]
    form = form_class(request.GET or None)
    submitted = form.is_bound and any(name in request.GET for name in form.fields)
    if not submitted:
        form = form_class(None)
    outcome = None
    if submitted and form.is_valid():
        try:
            outcome = adapters.run(slug, **form.calculator_input())
        except ApplicationError as error:
            form.show_error(error)
    form.describe_fields()
    context = {
        "calculator": calculator,
        "title": pick(calculator.title_zh, calculator.title_en),
        "summary": pick(calculator.summary_zh, calculator.summary_en),
        "form": form,
        "error_links": _error_links(form) if submitted else [],
        "outcome": outcome,
        "figures": _figures(calculator, outcome) if outcome else [],
        "steps": _steps(outcome) if outcome else [],
        "basis": _basis(outcome) if outcome else [],
        "nav": "calculators",
    }
    return render(request, "calculators/calculator.html", context, status=422 if form.errors else 200)


def _error_links(form) -> list[tuple[str, str, str]]:
    """(anchor, field label, message) for the error summary, in the form's order."""
    links = []
    for message in form.non_field_errors():
        links.append(("", "", message))
    for name, field in form.fields.items():
        for message in form.errors.get(name, []):
            anchor = f"id_{name}_0" if isinstance(field.widget, django_forms.RadioSelect) else f"id_{name}"
            links.append((anchor, str(field.label), message))
    return links


def _display(kind: str, value):
    """A figure as the page shows it: (text, kind) with dates as date objects."""
    if kind == "money":
        return value
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "flag":
        return pick("是", "Yes") if value else pick("否", "No")
    labels = {
        "id_kind": adapters.ID_KIND_LABELS,
        "sex": adapters.SEX_LABELS,
        "rule": adapters.RULE_LABELS,
        "wage_kind": adapters.WAGE_KIND_LABELS,
        "system": adapters.SYSTEM_LABELS,
        "day_type": adapters.DAY_TYPE_LABELS,
        "extended_by": adapters.EXTENDED_BY_LABELS,
    }.get(kind)
    if labels is not None:
        return pick(*labels[value])
    if kind == "schedule":
        return [
            {**item, **{key: date.fromisoformat(item[key]) for key in ("period_start", "period_end", "office_day")}}
            for item in value
        ]
    if kind == "weekday":
        return pick(*adapters.WEEKDAY_LABELS[value - 1])
    return value


def _figures(calculator: adapters.Calculator, outcome: adapters.Outcome) -> list[dict]:
    rows = []
    for figure in calculator.figures:
        value = outcome.figures.get(figure.key)
        if value is None:
            continue
        rows.append(
            {
                "label": pick(figure.label_zh, figure.label_en),
                "kind": figure.kind,
                "value": _display(figure.kind, value),
            }
        )
    return rows


def _basis_row(basis) -> dict:
    return {
        "citation": basis.cite(),
        "law_en": basis.law_en,
        "article": basis.article,
        "version": basis.version,
        "text": article_text(basis.law, basis.article),
    }


def _steps(outcome: adapters.Outcome) -> list[dict]:
    return [
        {
            "label": pick(step.label_zh, step.label_en),
            "formula": step.formula,
            "value": step.value,
            "citation": step.basis.cite() if step.basis else "",
        }
        for step in outcome.steps
    ]


def _basis(outcome: adapters.Outcome) -> list[dict]:
    seen, rows = set(), []
    cited = list(outcome.basis) + [step.basis for step in outcome.steps if step.basis]
    for basis in cited:
        if basis.cite() not in seen:
            seen.add(basis.cite())
            rows.append(_basis_row(basis))
    return rows
