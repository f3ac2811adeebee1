from django.urls import path

from someluotsi.incidents import views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list, name="list"),
    path("alerts/<id:alert_id>/", views.alert, name="alert"),
    path("<id:incident_id>/", views.incident, name="incident"),
]
