"""Inputs for the mass-layoff tests."""

from datetime import timedelta

from django.utils import timezone

from laborbureau.relations.layoffs import services


def plan_input(*, days_ahead: int = 90, count: int = 40, headcount: int = 100, **overrides) -> services.LayoffPlanInput:
    """A plan of `count` layoffs on one day `days_ahead` days from today at a site of
    `headcount` (40 of 100 crosses 第2條第1項第2款 on that day, by a third and by the
    single-day limit of 20)."""
    values = {
        "establishment_name": "內湖廠",
        "establishment_address": "臺北市內湖區瑞光路100號",
        "legal_ground": "LSA11_2",
        "reason": "訂單減少，業務緊縮。",
        "departments": "生產部、品管部",
        "schedule": [services.Tranche(timezone.localdate() + timedelta(days=days_ahead), count)],
        "selection_criteria": "依年資及考核成績。",
        "severance_method": "依勞工退休金條例第12條計給資遣費。",
        "reemployment_plan": "協助轉介就業服務站並辦理職業訓練。",
        "headcount": headcount,
        "notified_party": "UNION",
        "notified_on": timezone.localdate(),
        "posted_on": timezone.localdate(),
    }
    values.update(overrides)
    return services.LayoffPlanInput(**values)
