from django.urls import path

from someluotsi.metrics import views

app_name = "metrics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("channel/<id:channel_id>/", views.channel, name="channel"),
    path("imports/<id:import_id>/", views.metric_import, name="import"),
    path("report/", views.report, name="report"),
    path("reports/", views.reports, name="reports"),
    path("reports/<id:job_id>/", views.report_job, name="report_job"),
    path("reports/<id:job_id>/progress/", views.report_job_progress, name="report_job_progress"),
    path("reports/<id:job_id>/file/", views.report_job_file, name="report_job_file"),
    path("schedules/", views.schedules, name="schedules"),
]
