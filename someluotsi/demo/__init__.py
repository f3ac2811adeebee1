"""Demo data for a fresh installation: the city's units, one user per role, the city's channels,
the register's requests and campaigns, an inbox, metrics, checked drafts and a storm taken up as
an incident (`manage.py load_demo`, refused with DEBUG off).

The top of the layers (docs/architecture.md): it may import every app and no app imports it.
"""
