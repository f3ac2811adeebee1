from django.urls import path

from someluotsi.compliance import views

app_name = "compliance"

urlpatterns = [path("", views.check_page, name="check")]
