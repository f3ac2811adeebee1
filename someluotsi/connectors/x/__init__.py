"""X (Twitter) API v2: mentions and replies to the account, replies, hiding replies, publishing,
the Account Activity webhook (CRC + x-twitter-webhooks-signature)."""
