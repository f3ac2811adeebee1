"""The guideline engine: checks texts against a municipality's social media guideline.

Pure Python. It must never import Django (a nested ruff rule and a test enforce this), so it runs
the same from the `someluotsi` command line, a test without a database, a Celery worker or a web
request.
"""

from someluotsi import __version__

__all__ = ("__version__",)
