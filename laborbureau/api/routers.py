"""Mounts every app's router under /api/v1/. Add a line to ROUTERS for a new app.

The core's routers (parties, cases) are mounted explicitly first; an app's router is
found by its module path in ROUTERS.
"""

from laborbureau.api.urls import api
from laborbureau.cases import api as cases_api
from laborbureau.core import api as core_api

api.add_router("v1/persons", core_api.persons_router)
api.add_router("v1/employers", core_api.employers_router)
api.add_router("v1/employer-accounts", core_api.employer_accounts_router)
api.add_router("v1/cases", cases_api.router)
api.add_router("v1/", cases_api.parties_router)  # /persons/{id}/cases, /employers/{id}/cases

ROUTERS = [
    # (prefix, "module path of a `router`")
    ("fines", "laborbureau.fines.api"),
    ("notifications", "laborbureau.notify.api"),
    ("documents", "laborbureau.documents.api"),
    ("complaints", "laborbureau.relations.api"),
    ("disputes", "laborbureau.relations.mediation.api"),
    ("mass-layoff-plans", "laborbureau.relations.layoffs.api"),
    ("closure-determinations", "laborbureau.relations.closures.api"),
    ("advice-slots", "laborbureau.relations.advice.api"),
    ("labor-rights-fund", "laborbureau.relations.fund.api"),
    ("vacancies", "laborbureau.employment.api.review"),  # before vacancies: /review-queue is no {vacancy_id}
    ("vacancies", "laborbureau.employment.api.vacancies"),
    ("jobseekers", "laborbureau.employment.api.jobseekers"),
    ("referrals", "laborbureau.employment.api.referrals"),
    ("", "laborbureau.employment.api.matching"),  # jobseekers/{id}/matches, vacancies/{id}/matches, match-runs
    ("job-fairs", "laborbureau.employment.fairs.api"),
    ("unemployment-certifications", "laborbureau.employment.certification.api"),
    ("employment-events", "laborbureau.employment.certification.events_api"),
    ("layoff-notices", "laborbureau.employment.layoffnotices.api"),
    ("", "laborbureau.employment.recruitment.api"),  # domestic-recruitments, separation-certificates, worker-transfers
    ("calculators", "laborbureau.calculators.api"),
    ("accidents", "laborbureau.inspection.accidents.api"),
    ("open-data", "laborbureau.inspection.accidents.open_data_api"),
    ("inspections", "laborbureau.inspection.inspections.api"),
    ("resumptions", "laborbureau.inspection.inspections.api_resumptions"),
]

for prefix, module_path in ROUTERS:
    module = __import__(module_path, fromlist=["router"])
    api.add_router(f"v1/{prefix}", module.router)
