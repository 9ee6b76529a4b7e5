"""Pages of the layoff notices: employer portal under /portal/employer/layoff-notices/, the
worker's invitations under /portal/layoff-invitations/, staff under /staff/employment/layoff-notices/."""

from django.urls import path

from laborbureau.employment.layoffnotices import views

urlpatterns = [
    path("portal/employer/layoff-notices/", views.employer_notices, name="layoffnotices_employer_notices"),
    path("portal/employer/layoff-notices/new/", views.employer_notice_new, name="layoffnotices_employer_new"),
    path("portal/employer/layoff-notices/<int:pk>/", views.employer_notice, name="layoffnotices_employer_notice"),
    path("portal/employer/layoff-notices/upload/", views.employer_upload_new, name="layoffnotices_employer_upload_new"),
    path("portal/employer/layoff-notices/uploads/<int:pk>/", views.employer_upload,
         name="layoffnotices_employer_upload"),
    path("portal/employer/layoff-notices/uploads/<int:pk>/report.csv", views.employer_upload_report,
         name="layoffnotices_employer_upload_report"),
    path("portal/employer/layoff-notices/uploads/<int:pk>/confirm/", views.employer_upload_confirm,
         name="layoffnotices_employer_upload_confirm"),
    path("portal/employer/layoff-notices/uploads/<int:pk>/discard/", views.employer_upload_discard,
         name="layoffnotices_employer_upload_discard"),
    path("portal/layoff-invitations/", views.my_invitations, name="layoffnotices_my_invitations"),
    path("portal/layoff-invitations/<int:pk>/answer/", views.invitation_answer, name="layoffnotices_answer"),
    path("staff/employment/layoff-notices/", views.staff_notices, name="layoffnotices_staff_notices"),
    path("staff/employment/layoff-notices/new/", views.staff_notice_new, name="layoffnotices_staff_new"),
    path("staff/employment/layoff-notices/<int:pk>/", views.staff_notice, name="layoffnotices_staff_notice"),
    path("staff/employment/layoff-notices/<int:pk>/letters/", views.staff_letters, name="layoffnotices_staff_letters"),
    path("staff/employment/layoff-notices/<int:pk>/fine/", views.staff_fine, name="layoffnotices_staff_fine"),
    path("staff/employment/layoff-notices/<int:pk>/match-run/", views.staff_match_run,
         name="layoffnotices_staff_match_run"),
]
