"""Shared REST API plumbing: the versioned root, authentication, permissions, the single error
shape and the OpenAPI schema. Each app keeps its own endpoints beside its services."""
