from django.urls import path

from someluotsi.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<id:notification_id>/read/", views.notification_read, name="read"),
    path("deliveries/", views.deliveries, name="deliveries"),
]
