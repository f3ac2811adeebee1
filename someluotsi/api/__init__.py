"""Shared REST API plumbing: permissions and the single error shape. Each app keeps its own
endpoints beside its services; the versioned root, the URL map and the OpenAPI schema pages are
the project's (config/api_urls.py)."""
