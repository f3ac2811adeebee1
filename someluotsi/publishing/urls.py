from django.urls import path

from someluotsi.publishing.views import assets, calendar, compose, hub, posts, setup

app_name = "publishing"

urlpatterns = [
    path("", calendar.calendar_view, name="calendar"),
    path("calendar/<str:view>/", calendar.calendar_view, name="calendar_view"),
    path("calendar-feed/", calendar.feed_settings, name="feed_settings"),
    path("feed/<str:token>.ics", calendar.feed, name="feed"),
    path("new/", compose.compose, name="compose"),
    path("check/", compose.compose_check, name="compose_check"),
    path("posts/<id:post_id>/", posts.post_detail, name="post"),
    path("posts/<id:post_id>/edit/", compose.compose, name="edit"),
    path("posts/<id:post_id>/action/", posts.post_action, name="action"),
    path("assets/", assets.asset_list, name="assets"),
    path("assets/<id:asset_id>/", assets.asset_detail, name="asset"),
    path("assets/<id:asset_id>/file", assets.asset_file, name="asset_file"),
    path("assets/<id:asset_id>/thumb", assets.asset_file, {"variant": "thumb"}, name="asset_thumb"),
    path("channels/", setup.channel_policies, name="channels"),
    path("campaigns/", setup.campaigns, name="campaigns"),
    path("hub/", hub.hub_feed, name="hub"),
    path("hub/<id:post_id>/share/", hub.hub_share, name="share"),
    path("hub/<id:post_id>/share/<str:platform>/", hub.hub_share_go, name="share_go"),
    path("clearances/", hub.clearance_list, name="clearances"),
    path("clearances/<id:clearance_id>/", hub.clearance_detail, name="clearance"),
]
