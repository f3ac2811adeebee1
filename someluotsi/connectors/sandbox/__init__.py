"""The sandbox platform: a platform of our own for the demo and the tests.

`platform.py` is the platform's side (its posts, comments and what the city did there, stored in
`SandboxItem`); `connector.py` is the connector that reaches it the way the real ones reach
theirs: OAuth with PKCE, signed webhooks with a replay window, fetching by id, replies, hides,
deletes, publishing and daily figures.
"""
