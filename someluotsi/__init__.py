"""Someluotsi: social media governance for Finnish municipalities.

`someluotsi.guideline` is the pure text-analysis engine (no Django); the other packages are the
Django shell around it: accounts, audit, notifications, channels and the REST API.
"""

__version__ = "0.1.0"
