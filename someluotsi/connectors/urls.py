from django.urls import path

from someluotsi.connectors import views

app_name = "connectors"

urlpatterns = [
    path("channels/<id:channel_id>/connect", views.connect_start, name="connect"),
    path("channels/<id:channel_id>/disconnect", views.disconnect, name="disconnect"),
    path("callback/", views.connect_callback, name="callback"),
    path("messages/<id:message_id>/act", views.message_act, name="act"),
    path("sandbox/authorize/", views.sandbox_authorize, name="sandbox_authorize"),
    path("sandbox/items/<str:item_id>/", views.sandbox_item, name="sandbox_item"),
]
