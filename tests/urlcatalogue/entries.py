"""How to visit each URL of the project (see tests/urlcatalogue/__init__.py)."""

from __future__ import annotations

from tests.urlcatalogue import visit

GP = ("GET", "POST")
POST = ("POST",)
API_READ = {"page": False}

# --- Shell, health, accounts, audit ----------------------------------------------------------
visit("core:home")
visit("healthz", page=False)
visit("accounts:login", methods=GP, note="signing in: open to read-only roles too")
visit("accounts:logout", methods=POST, page=False, note="signing out")
visit("accounts:set_language", methods=POST, page=False, note="the session's language")
visit("accounts:password_reset", methods=GP, note="open to everyone: throttled, reveals nobody")
visit("accounts:password_reset_done")
visit(
    "accounts:password_reset_confirm",
    samples=lambda w: [{"uidb64": "MQ", "token": "set-password"}],
    methods=GP,
    note="reached from the e-mail; a made-up token shows the expired-link page",
)
visit("accounts:password_reset_complete")
visit("accounts:people")
visit("accounts:person_detail", samples=lambda w: [{"person_id": w.users["updater"].pk}])
visit("audit:list")
visit("audit:export", page=False)
visit("audit:person", samples=lambda w: [{"person_id": w.users["updater"].pk}])
visit("audit:person_export", samples=lambda w: [{"person_id": w.users["updater"].pk}], page=False)
visit("audit:author", methods=GP, note="the search is posted: no author in an address")
visit("audit:author_export", methods=GP, page=False, note="posted from the report")
visit("core:manifest", page=False)
visit("core:service_worker", page=False)
visit("core:offline")

# --- Channels --------------------------------------------------------------------------------
visit("channels:list", methods=GP)
visit("channels:export", page=False)
visit("channels:health")
visit(
    "channels:detail",
    samples=lambda w: [{"channel_id": w.channel.pk}, {"channel_id": w.other_channel.pk}],
    methods=GP,
)
visit("channels:requests")
visit("channels:request_new", methods=GP)
visit("channels:existing", query={"platform": "facebook"}, page=False, note="htmx fragment")
visit("channels:request", samples=lambda w: [{"request_id": w.channel_request.pk}], methods=GP)
visit("channels:campaigns", methods=GP)
visit("channels:campaign", samples=lambda w: [{"campaign_id": w.campaign.pk}], methods=GP)
visit("channels:register", methods=GP, note="the mavi team adds an existing account")
visit("channels:absences", methods=GP)

# --- Checker -----------------------------------------------------------------------------------
visit("compliance:check", methods=GP)

# --- Inbox -------------------------------------------------------------------------------------
MESSAGES = lambda w: [  # noqa: E731 - a sample list
    {"message_id": w.message.pk},
    {"message_id": w.other_message.pk},
    {"message_id": w.threat.pk},
]
visit("inbox:queue")
visit("inbox:detail", samples=MESSAGES)
visit("inbox:act", samples=MESSAGES, methods=POST, page=False)
visit("inbox:escalations")
visit("inbox:saved_replies", methods=GP, note="a person's own saved replies")
visit("inbox:escalation", samples=lambda w: [{"escalation_id": w.escalation.pk}], methods=GP)
visit(
    "inbox:escalation_export",
    samples=lambda w: [
        {"escalation_id": w.escalation.pk, "fmt": "json"},
        {"escalation_id": w.escalation.pk, "fmt": "pdf"},
    ],
    page=False,
)
visit("inbox:replies", methods=GP)
visit("inbox:figures")

# --- Metrics -----------------------------------------------------------------------------------
visit("metrics:dashboard")
visit(
    "metrics:channel",
    samples=lambda w: [{"channel_id": w.channel.pk}, {"channel_id": w.other_channel.pk}],
    methods=GP,
)
visit("metrics:import", samples=lambda w: [{"import_id": w.metric_import.pk}], methods=GP)
visit("metrics:report", methods=GP, page=False)
visit("metrics:schedules", methods=GP)

# --- Incidents ---------------------------------------------------------------------------------
visit("incidents:list", methods=GP)
visit(
    "incidents:alert",
    samples=lambda w: [{"alert_id": w.alert.pk}, {"alert_id": w.other_alert.pk}],
    methods=GP,
)
visit("incidents:incident", samples=lambda w: [{"incident_id": w.incident.pk}], methods=GP)

# --- Notifications -----------------------------------------------------------------------------
visit("notifications:list")
visit(
    "notifications:read",
    samples=lambda w: [{"notification_id": w.notification.pk}],
    methods=POST,
    page=False,
)
visit("notifications:deliveries", methods=GP)

# --- Connectors (platform connections, the sandbox platform, webhooks) -------------------------
CHANNEL = lambda w: [{"channel_id": w.channel.pk}]  # noqa: E731 - a sample list
visit("connectors:connect", samples=CHANNEL, methods=POST, page=False, note="form target")
visit("connectors:disconnect", samples=CHANNEL, methods=POST, page=False, note="form target")
visit("connectors:callback", page=False, note="the platform's redirect after authorisation")
visit("connectors:act", samples=MESSAGES, methods=POST, page=False)
visit("connectors:sandbox_authorize", methods=GP)
visit(
    "webhook",
    samples=lambda w: [{"platform": "sandbox"}],
    methods=GP,
    page=False,
    note="platforms' deliveries, signed; no user session",
)

# --- API ---------------------------------------------------------------------------------------
visit("api:root", **API_READ)
visit("api:token", methods=POST, page=False, note="exchanging credentials for a token")
visit("api:me", **API_READ)
visit("api:units", **API_READ)
visit("api:channels", methods=GP, page=False)
visit(
    "api:channel-detail",
    samples=lambda w: [{"pk": w.channel.pk}, {"pk": w.other_channel.pk}],
    **API_READ,
)
visit("api:channel-health", **API_READ)
visit("api:channel-requests", methods=GP, page=False)
visit("api:channel-request-detail", samples=lambda w: [{"pk": w.channel_request.pk}], **API_READ)
visit(
    "api:channel-request-decide",
    samples=lambda w: [{"pk": w.channel_request.pk}],
    methods=POST,
    page=False,
)
visit("api:campaigns", methods=GP, page=False)
visit("api:campaign-detail", samples=lambda w: [{"pk": w.campaign.pk}], **API_READ)
visit("api:metric-values", methods=GP, page=False)
visit("api:channel-figures", **API_READ)
visit("api:storm-alerts", **API_READ)
visit(
    "api:storm-alert-detail",
    samples=lambda w: [{"pk": w.alert.pk}, {"pk": w.other_alert.pk}],
    **API_READ,
)
visit("api:incidents", **API_READ)
visit("api:incident-detail", samples=lambda w: [{"pk": w.incident.pk}], **API_READ)
visit("api:check", methods=POST, page=False)
visit("api:messages", methods=POST, page=False)
visit("api:audit-events", **API_READ)
visit("api:schema", **API_READ)
visit("api:docs", page=True)
