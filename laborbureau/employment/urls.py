"""Pages of the city job bank: public under /jobs/, portal under /portal/, staff under /staff/employment/."""

from django.urls import path

from laborbureau.employment import match_views, review_views, views

urlpatterns = [
    path("jobs/", views.vacancy_list, name="employment_vacancies"),
    path("jobs/<int:pk>/", views.vacancy_detail, name="employment_vacancy"),
    path("portal/jobs/mine/", views.employer_vacancies, name="employment_employer_vacancies"),
    path("portal/jobs/new/", views.employer_vacancy_new, name="employment_employer_vacancy_new"),
    path("portal/jobs/<int:pk>/edit/", views.employer_vacancy_edit, name="employment_employer_vacancy_edit"),
    path("portal/jobs/<int:pk>/<str:action>/", views.vacancy_action, name="employment_vacancy_action"),
    path("portal/jobs/referrals/", views.employer_referrals, name="employment_employer_referrals"),
    path("portal/jobs/referrals/<int:pk>/", views.employer_referral, name="employment_employer_referral"),
    path("portal/job-seeker/", views.seeker_profile, name="employment_seeker_profile"),
    path("portal/job-seeker/status/", views.seeker_status, name="employment_seeker_status"),
    path("portal/job-seeker/referrals/", views.seeker_referrals, name="employment_seeker_referrals"),
    path("staff/employment/", views.staff_seekers, name="employment_staff_seekers"),
    path("staff/employment/seekers/new/", views.staff_seeker_new, name="employment_staff_seeker_new"),
    path("staff/employment/seekers/<int:pk>/", views.staff_seeker, name="employment_staff_seeker"),
    path("staff/employment/seekers/<int:pk>/edit/", views.staff_seeker_edit, name="employment_staff_seeker_edit"),
    path("staff/employment/vacancies/", views.staff_vacancies, name="employment_staff_vacancies"),
    path("staff/employment/vacancies/new/", views.staff_vacancy_new, name="employment_staff_vacancy_new"),
    path("staff/employment/vacancies/<int:pk>/", views.staff_vacancy, name="employment_staff_vacancy"),
    path("staff/employment/referrals/<int:pk>/", views.staff_referral, name="employment_staff_referral"),
    path("staff/employment/figures/", views.staff_figures, name="employment_staff_figures"),
    path("portal/job-seeker/matches/", match_views.seeker_matches, name="employment_seeker_matches"),
    path("staff/employment/seekers/<int:pk>/matches/exclude/", match_views.staff_match_exclude,
         name="employment_staff_match_exclude"),
    path("staff/employment/seekers/<int:pk>/matches/include/<int:vacancy_pk>/", match_views.staff_match_include,
         name="employment_staff_match_include"),
    path("staff/employment/match-runs/", match_views.staff_match_runs, name="employment_staff_match_runs"),
    path("staff/employment/match-runs/<int:pk>/", match_views.staff_match_run, name="employment_staff_match_run"),
    path("staff/employment/review/", review_views.review_queue, name="employment_review_queue"),
    path("staff/employment/review/<int:pk>/", review_views.review_decide, name="employment_review_decide"),
    path("staff/employment/review/report/", review_views.review_report, name="employment_review_report"),
]
