"""Shared building blocks: base model, the application error type, health checks, navigation,
demo data. It holds no domain rules of its own and imports no other Someluotsi app at import time.
"""
