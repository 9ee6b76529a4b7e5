"""The public calculators API at /api/v1/calculators/<name> (no authentication).

One explicit POST operation per calculator, each with its own input and output
schema. Thin: the schema parses, calculators.adapters.run calls the rules, the
answer carries the figures, the legal basis (with the article's wording), the
version applied and the steps. A rule's refusal answers 422 at
``["body", <field>]`` with the reason in zh-Hant and English (api.errors).
"""

from ninja import Router

from laborbureau.api.errors import errors
from laborbureau.calculators import adapters
from laborbureau.calculators import schemas as s

router = Router(tags=["calculators 試算"])


def _answer(slug: str, payload) -> dict:
    return s.outcome_body(adapters.run(slug, **payload.model_dump()))


@router.post(
    "/identifier",
    auth=None,
    response={200: s.IdentifierOut, **errors(413, 422)},
    operation_id="calculators_identifier",
    summary="身分證字號、統一證號與統一編號檢查 Check an ID, UI or business number",
    description=adapters.get("identifier").summary_zh + "\n\n" + adapters.get("identifier").summary_en,
)
def identifier(request, payload: s.IdentifierIn):
    return _answer("identifier", payload)


@router.post(
    "/roc-date",
    auth=None,
    response={200: s.RocDateOut, **errors(413, 422)},
    operation_id="calculators_roc_date",
    summary="民國與西元日期換算 ROC and AD date conversion",
    description=adapters.get("roc-date").summary_zh + "\n\n" + adapters.get("roc-date").summary_en,
)
def roc_date(request, payload: s.RocDateIn):
    return _answer("roc-date", payload)


@router.post(
    "/working-days",
    auth=None,
    response={200: s.WorkingDaysOut, **errors(413, 422)},
    operation_id="calculators_working_days",
    summary="上班日與期間末日 Working days and deadlines",
    description=adapters.get("working-days").summary_zh + "\n\n" + adapters.get("working-days").summary_en,
)
def working_days(request, payload: s.WorkingDaysIn):
    return _answer("working-days", payload)


@router.post(
    "/mass-layoff",
    auth=None,
    response={200: s.MassLayoffOut, **errors(413, 422)},
    operation_id="calculators_mass_layoff",
    summary="大量解僱門檻與通知期限 Mass layoff thresholds and notice date",
    description=adapters.get("mass-layoff").summary_zh + "\n\n" + adapters.get("mass-layoff").summary_en,
)
def mass_layoff(request, payload: s.MassLayoffIn):
    return _answer("mass-layoff", payload)
