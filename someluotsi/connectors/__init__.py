"""Platform connectors: the register's channels linked to Facebook, Instagram, YouTube, LinkedIn,
X, TikTok and a sandbox platform, in both directions.

Responsible for: OAuth connections with encrypted tokens, signed webhooks and polling that feed
the inbox's ingestion service, replies, hides and deletes carried out on the platform, the daily
metrics pull, and publishing for the `publishing` app (`outbound.py`). One folder per platform;
`registry.CONNECTORS` lists them explicitly. This app sits above inbox, channels and metrics:
nothing below imports it. It never logs tokens or message bodies, and never calls a platform
inside a web request (tasks do).
"""
