from django.urls import path

from someluotsi.inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<id:message_id>/", views.message_detail, name="detail"),
    path("<id:message_id>/act", views.message_act, name="act"),
    path("escalations/", views.escalation_list, name="escalations"),
    path("escalations/<id:escalation_id>/", views.escalation_detail, name="escalation"),
    path(
        "escalations/<id:escalation_id>/evidence.<str:fmt>",
        views.escalation_export,
        name="escalation_export",
    ),
    path("replies/", views.reply_templates, name="replies"),
    path("figures/", views.figures, name="figures"),
]
