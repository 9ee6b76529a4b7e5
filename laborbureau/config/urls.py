from django.urls import include, path
from django.views.i18n import set_language

from laborbureau.api.urls import api

urlpatterns = [
    path("", include("laborbureau.portal.urls")),
    path("", include("laborbureau.relations.urls")),
    path("", include("laborbureau.relations.mediation.urls")),
    path("", include("laborbureau.relations.layoffs.urls")),
    path("", include("laborbureau.relations.closures.urls")),
    path("", include("laborbureau.relations.advice.urls")),
    path("", include("laborbureau.relations.fund.urls")),
    path("", include("laborbureau.inspection.inspections.urls")),
    path("", include("laborbureau.employment.urls")),
    path("", include("laborbureau.employment.recruitment.urls")),
    path("", include("laborbureau.employment.fairs.urls")),
    path("", include("laborbureau.employment.certification.urls")),
    path("", include("laborbureau.employment.layoffnotices.urls")),
    path("", include("laborbureau.inspection.accidents.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("laborbureau.core.urls")),
    path("staff/", include("laborbureau.backoffice.urls")),
    path("notifications/", include("laborbureau.notify.urls")),
    path("documents/", include("laborbureau.documents.urls")),
    path("fines/", include("laborbureau.fines.urls")),
    path("calculators/", include("laborbureau.calculators.urls")),
    path("api/", api.urls),
]

