from django.urls import path

from someluotsi.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("export.csv", views.audit_export, name="export"),
    path("people/<id:person_id>/", views.person_report, name="person"),
    path("people/<id:person_id>/export.csv", views.person_export, name="person_export"),
    path("authors/", views.author_report, name="author"),
    path("authors/export.csv", views.author_export, name="author_export"),
]
