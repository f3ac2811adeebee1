from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Metric(models.TextChoices):
    """Daily values per channel (§16.3). Follower totals are recorded by hand now and then;
    the platforms' exports give the daily change."""

    FOLLOWERS = "followers", _("Followers or subscribers (total)")
    NEW_FOLLOWERS = "new_followers", _("New followers (net, per day)")
    REACH = "reach", _("Reach (people)")
    VIEWS = "views", _("Views")
    IMPRESSIONS = "impressions", _("Impressions")
    INTERACTIONS = "interactions", _("Interactions")
    REACTIONS = "reactions", _("Reactions")
    COMMENTS = "comments", _("Comments")
    SHARES = "shares", _("Shares")
    CLICKS = "clicks", _("Clicks")
    VISITS = "visits", _("Page visits")
    VIDEO_VIEWS = "video_views", _("Video views")
    WATCH_HOURS = "watch_hours", _("Watch time (hours)")
    POSTS = "posts", _("Posts published")


class ValueSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Imported from the platform's export")
    PLATFORM = "platform", _("From the platform's interface")
    PUBLISHING = "publishing", _("Counted from posts published in Someluotsi")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Waiting for confirmation")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")
    REJECTED = "rejected", _("Rejected")


class GoalKind(models.TextChoices):
    FOLLOWER_GROWTH = "follower_growth", _("Follower growth in the year (%)")
    MEDIAN_RESPONSE = "median_response", _("Median first response (working hours)")
    NEGATIVE_SHARE = "negative_share", _("Negative share of reactions (%)")
    ON_TIME = "on_time", _("Messages handled on time (%)")
    REACH_MONTH = "reach_month", _("Reach per month")
    POSTS_MONTH = "posts_month", _("Posts per month")


# Goals where a smaller number is better.
LOWER_IS_BETTER = frozenset({GoalKind.MEDIAN_RESPONSE, GoalKind.NEGATIVE_SHARE})
# Goals whose target is a count (people reached, posts): a whole number. The others are shares
# (%), a growth rate (%) or working hours and may have decimals.
WHOLE_GOALS = frozenset({GoalKind.REACH_MONTH, GoalKind.POSTS_MONTH})


def whole_number_refusal(number: Decimal) -> str | None:
    """Why a count (followers, likes, posts) cannot be this number: it has a fraction; else None."""
    if number == number.to_integral_value():
        return None
    return str(_("A count is a whole number: give it without decimals."))


class ReportJobStatus(models.TextChoices):
    """Where a report someone asked for stands (report_jobs.py)."""

    QUEUED = "queued", pgettext_lazy("report", "Waiting to start")
    RUNNING = "running", pgettext_lazy("report", "Being made")
    DONE = "done", pgettext_lazy("report", "Ready")
    FAILED = "failed", pgettext_lazy("report", "Failed")
    EXPIRED = "expired", pgettext_lazy("report", "Removed")


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    CSV = "csv", "CSV"
