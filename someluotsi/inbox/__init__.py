"""One inbox for every channel: citizens' comments, replies, mentions and direct messages.

Ingestion is idempotent on (platform, external id) and transactional; each message is triaged by
the pure engine (someluotsi.guideline.messages.triage) as it arrives. Bodies and authors are
personal data: only the people who work a channel see them, and every view is audited.
"""
