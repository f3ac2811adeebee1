from django.urls import path

from someluotsi.channels import views

app_name = "channels"

urlpatterns = [
    path("", views.channel_list, name="list"),
    path("export.csv", views.channel_export, name="export"),
    path("health/", views.health, name="health"),
    path("<id:channel_id>/", views.channel_detail, name="detail"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/existing/", views.existing, name="existing"),
    path("requests/<id:request_id>/", views.request_detail, name="request"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/<id:campaign_id>/", views.campaign_detail, name="campaign"),
    path("register/", views.channel_register, name="register"),
    path("absences/", views.absences, name="absences"),
]
