"""YouTube channel: comments through the Data API v3 (polling: YouTube has no comment push),
moderation, video upload, and daily figures from the Analytics API v2."""
