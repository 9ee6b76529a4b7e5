"""Pages of the labor inspections: staff pages under /staff/inspections/, the employer's
stop-work orders and resumption requests under /portal/."""

from django.urls import path

from laborbureau.inspection.inspections import views

urlpatterns = [
    path("staff/inspections/", views.staff_worklist, name="inspection_worklist"),
    path("staff/inspections/new/", views.staff_inspection_new, name="inspection_new"),
    path("staff/inspections/plan/", views.staff_plan, name="inspection_plan"),
    path("staff/inspections/plan/<int:year>/", views.staff_plan, name="inspection_plan_year"),
    path("staff/inspections/sw.js", views.service_worker, name="inspection_service_worker"),
    path("staff/inspections/<str:number>/field/", views.staff_field, name="inspection_field"),
    path("staff/inspections/<str:number>/sync/", views.staff_field_sync, name="inspection_field_sync"),
    path("staff/inspections/<str:number>/stop-work/", views.staff_stop_work, name="inspection_stop_work"),
    path("staff/resumptions/<int:pk>/review/", views.staff_resumption_review, name="staff_resumption_review"),
    path("portal/stop-work-orders/", views.portal_orders, name="portal_stop_work_orders"),
    path("portal/stop-work-orders/<str:number>/resume/", views.portal_resumption_new, name="portal_resumption_new"),
]
