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


@router.post(
    "/basic-wage",
    auth=None,
    response={200: s.BasicWageOut, **errors(413, 422)},
    operation_id="calculators_basic_wage",
    summary="基本工資／最低工資 Basic / minimum wage on a date",
    description=adapters.get("basic-wage").summary_zh + "\n\n" + adapters.get("basic-wage").summary_en,
)
def basic_wage(request, payload: s.BasicWageIn):
    return _answer("basic-wage", payload)


@router.post(
    "/severance",
    auth=None,
    response={200: s.SeveranceOut, **errors(413, 422)},
    operation_id="calculators_severance",
    summary="資遣費 Severance pay",
    description=adapters.get("severance").summary_zh + "\n\n" + adapters.get("severance").summary_en,
)
def severance(request, payload: s.SeveranceIn):
    return _answer("severance", payload)


@router.post(
    "/retirement",
    auth=None,
    response={200: s.RetirementOut, **errors(413, 422)},
    operation_id="calculators_retirement",
    summary="舊制退休金 Old-system retirement pay",
    description=adapters.get("retirement").summary_zh + "\n\n" + adapters.get("retirement").summary_en,
)
def retirement(request, payload: s.RetirementIn):
    return _answer("retirement", payload)


@router.post(
    "/overtime",
    auth=None,
    response={200: s.OvertimeOut, **errors(413, 422)},
    operation_id="calculators_overtime",
    summary="加班費 Overtime and holiday pay",
    description=adapters.get("overtime").summary_zh + "\n\n" + adapters.get("overtime").summary_en,
)
def overtime(request, payload: s.OvertimeIn):
    return _answer("overtime", payload)


@router.post(
    "/unemployment-benefit",
    auth=None,
    response={200: s.UnemploymentOut, **errors(413, 422)},
    operation_id="calculators_unemployment_benefit",
    summary="失業給付 Unemployment benefit",
    description=adapters.get("unemployment-benefit").summary_zh
    + "\n\n"
    + adapters.get("unemployment-benefit").summary_en,
)
def unemployment_benefit(request, payload: s.UnemploymentIn):
    return _answer("unemployment-benefit", payload)


@router.post(
    "/disability-quota",
    auth=None,
    response={200: s.DisabilityQuotaOut, **errors(413, 422)},
    operation_id="calculators_disability_quota",
    summary="身心障礙者定額進用 Disability employment quota",
    description=adapters.get("disability-quota").summary_zh + "\n\n" + adapters.get("disability-quota").summary_en,
)
def disability_quota(request, payload: s.DisabilityQuotaIn):
    return _answer("disability-quota", payload)
