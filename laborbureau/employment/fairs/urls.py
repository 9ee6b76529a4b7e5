"""Pages of the job fairs: public under /jobs/fairs/, portal under /portal/fairs/, staff under
/staff/employment/fairs/."""

from django.urls import path

from laborbureau.employment.fairs import views

urlpatterns = [
    path("jobs/fairs/", views.fair_list, name="fairs_list"),
    path("jobs/fairs/<int:pk>/", views.fair_detail, name="fairs_detail"),
    path("portal/fairs/<int:pk>/register/", views.register, name="fairs_register"),
    path("portal/fairs/mine/", views.my_registrations, name="fairs_mine"),
    path("portal/fairs/registrations/<int:pk>/cancel/", views.cancel_registration, name="fairs_cancel"),
    path("portal/fairs/employer/", views.employer_fairs, name="fairs_employer"),
    path("portal/fairs/<int:pk>/apply/", views.employer_apply, name="fairs_employer_apply"),
    path("portal/fairs/<int:pk>/booth/", views.employer_booth, name="fairs_employer_booth"),
    path("portal/fairs/interviews/<int:pk>/outcome/", views.employer_outcome, name="fairs_employer_outcome"),
    path("staff/employment/fairs/", views.staff_fairs, name="fairs_staff_list"),
    path("staff/employment/fairs/new/", views.staff_fair_new, name="fairs_staff_new"),
    path("staff/employment/fairs/<int:pk>/", views.staff_fair, name="fairs_staff_fair"),
    path("staff/employment/fairs/<int:pk>/edit/", views.staff_fair_edit, name="fairs_staff_edit"),
    path("staff/employment/fairs/<int:pk>/action/<str:action>/", views.staff_fair_action, name="fairs_staff_action"),
    path("staff/employment/fairs/<int:pk>/employers/<int:participation_pk>/decide/", views.staff_decide,
         name="fairs_staff_decide"),
    path("staff/employment/fairs/<int:pk>/door/", views.staff_door, name="fairs_staff_door"),
    path("staff/employment/fairs/<int:pk>/registrants/", views.staff_registrants, name="fairs_staff_registrants"),
    path("staff/employment/fairs/<int:pk>/interviews/", views.staff_interviews, name="fairs_staff_interviews"),
    path("staff/employment/fairs/interviews/<int:pk>/outcome/", views.staff_outcome, name="fairs_staff_outcome"),
    path("staff/employment/fairs/<int:pk>/figures/", views.staff_figures, name="fairs_staff_figures"),
    path("staff/employment/fairs/<int:pk>/figures.csv", views.staff_figures_csv, name="fairs_staff_figures_csv"),
]
