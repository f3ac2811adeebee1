from django.urls import path

from someluotsi.incidents import views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list, name="list"),
    path("alerts/<int:alert_id>/", views.alert, name="alert"),
    path("<int:incident_id>/", views.incident, name="incident"),
]
