from django.urls import path

from someluotsi.metrics import views

app_name = "metrics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("channel/<id:channel_id>/", views.channel, name="channel"),
    path("imports/<id:import_id>/", views.metric_import, name="import"),
    path("report/", views.report, name="report"),
    path("schedules/", views.schedules, name="schedules"),
]
