"""Meta Graph API: the Facebook Page and Instagram professional account connectors.

One Meta app serves both (META_APP_ID / META_APP_SECRET); the API version is pinned in
settings (META_GRAPH_VERSION). Webhooks for both objects are signed with X-Hub-Signature-256.
"""
