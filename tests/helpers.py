"""Small helpers shared by tests."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import pypdf
from django.db import connections

T = TypeVar("T")


def wait_until(
    predicate: Callable[[], bool], timeout: float = 20.0, interval: float = 0.05
) -> bool:
    """Poll until `predicate()` holds; immediate with eager tasks, a moment with a real worker."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)


def run_concurrently(action: Callable[[], T], count: int = 4, timeout: float = 60) -> list[T]:
    """Run `action` in `count` threads released at the same instant; return their results.

    Each thread closes its database connections; an exception in any thread is re-raised.
    """
    barrier = threading.Barrier(count)
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(action())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    if errors:
        raise errors[0]
    return results


def pdf_text(pdf: bytes) -> tuple[str, pypdf.PdfReader]:
    """A PDF's text, pages joined, with every run of white space as one space; and its reader.

    A table cell or a paragraph wraps wherever its neighbours happen to be long (the factories
    draw names at random), so a phrase that is one phrase in the document must be one in the
    test too: without this a wanted moment goes missing at random, and worse, a leak that wraps
    passes a `not in` check."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), reader
