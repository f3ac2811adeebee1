"""TikTok: the account's organic comments through the API for Business (v1.3 Accounts API) and
the TikTok-Signature webhook with a replay window."""
