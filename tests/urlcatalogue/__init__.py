"""Every URL of the project, with how to visit it: the one catalogue the security tests walk
(every role x every URL, auditors never write) and other tests can reuse (a browser crawl of
every page at phone width).

- `World` (world.py) is a small city with one user per role and one object of every kind a URL
  can point at; message texts and author handles carry unique markers so a leak can be found.
- `CATALOGUE` maps each URL name ("inbox:detail") to a `Visit`: sample path arguments made from
  the world, the methods the URL accepts, and whether it is an HTML page.
- `url_names()` walks Django's resolver; `undeclared()` lists URL names nobody declared: the
  tests fail on them, so a new URL cannot escape the checks.

To add a URL (your app's, e.g. `connectors` or `publishing`): declare it with `visit(...)` in
`tests/urlcatalogue/<app>.py`, add the objects its arguments need to `World` (or build them in
an `extend_world` hook there), and import the module at the bottom of this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.urlcatalogue.world import World, build_world

Kwargs = dict[str, Any]
SAFE = ("GET",)
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Visit:
    """How to visit one URL name.

    `samples(world)` gives the path arguments to try (several when the answer depends on the
    object, e.g. a message of a channel the role works and one it does not); `methods` are the
    methods the view accepts besides HEAD/OPTIONS; `page` marks HTML pages (a browser crawl
    visits those); `query` is added to GET requests; `note` says why a URL is special.
    """

    name: str
    samples: Callable[[World], list[Kwargs]] = lambda world: [{}]
    methods: tuple[str, ...] = SAFE
    page: bool = True
    query: Kwargs = field(default_factory=dict)
    note: str = ""

    @property
    def writes(self) -> bool:
        return any(method in WRITE_METHODS for method in self.methods)

    def urls(self, world: World) -> list[str]:
        return [reverse(self.name, kwargs=kwargs) for kwargs in self.samples(world)]


CATALOGUE: dict[str, Visit] = {}
# Namespaces covered as a whole: Django's admin (staff only; every role is sent to its login).
NAMESPACES: dict[str, str] = {"admin": "Django's admin: superusers only, visited at its index"}


def visit(name: str, **options: Any) -> Visit:
    """Declare how to visit `name`; returns the declaration."""
    if name in CATALOGUE:
        raise ValueError(f"{name} is declared twice")
    declared = Visit(name=name, **options)
    CATALOGUE[name] = declared
    return declared


def _walk(patterns: list[Any], namespace: str | None = None) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            for name, route in _walk(pattern.url_patterns, inner):
                yield name, str(pattern.pattern) + route
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            yield (f"{namespace}:{name}" if namespace else name), str(pattern.pattern)


def url_patterns() -> list[tuple[str, str]]:
    """(name, route) of every URL pattern the resolver knows, admin included."""
    return list(_walk(get_resolver().url_patterns))


def url_names() -> list[str]:
    """Every URL name outside the namespaces covered as a whole."""
    return sorted(
        {name for name, _route in url_patterns() if name.split(":", 1)[0] not in NAMESPACES}
    )


def undeclared() -> list[str]:
    return [name for name in url_names() if name not in CATALOGUE]


__all__ = [
    "CATALOGUE",
    "NAMESPACES",
    "WRITE_METHODS",
    "Visit",
    "World",
    "build_world",
    "undeclared",
    "url_names",
    "url_patterns",
    "visit",
]

# The declarations, one module per area.
from tests.urlcatalogue import connectors, entries, publishing, reports  # noqa: E402, F401
