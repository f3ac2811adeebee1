"""Shared building blocks: base model, the application error type, charts, PDF, page helpers,
navigation and the home page. It holds no domain rules of its own and imports no feature app.
"""
