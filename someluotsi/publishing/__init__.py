"""Publishing: the composer with the guideline check as you type, approvals, the calendar,
scheduled publishing through the platform connectors (or by hand), corrections and withdrawals,
the asset library, the ambassador hub and elected officials' clearance requests (§1.1, §2.3–2.5,
§3, §5, §6.4, §9, §14.4, §15).

It sits above `connectors`, `compliance`, `channels` and `metrics`: it calls the connectors only
through `someluotsi.connectors.outbound` (see `platforms.py`) and is imported by none of them.
"""
