"""People, units and roles, and the access rules that follow from them.

Roles are assignments (a user may hold several, optionally scoped to a unit). Which role may use
which area of the product is data in `access.py`; object-level checks live in each app's selectors.
"""
