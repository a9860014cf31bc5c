"""
The stopit package's ThreadingTimeout, the deadline the stopit-timeout style relies on. It is optional: where it does
not import, the style is not applicable, with the reason, and nothing stands in for it.
"""

from __future__ import annotations

import sys
from typing import Callable, Optional, Tuple


def stopit_status() -> Tuple[Optional[str], Optional[str]]:
    """(stopit's version, None) where it imports; (None, why not) elsewhere."""
    try:
        import stopit
    except Exception as error:  # stopit 1.1.2 also fails when pkg_resources (setuptools) is missing
        if isinstance(error, ModuleNotFoundError) and error.name == "stopit":
            return None, f"the stopit package is not installed in {sys.prefix}: {error!r}"
        return None, f"the stopit package is installed in {sys.prefix} but does not import: {error!r}"
    return _version_of(stopit), None


def run_under_deadline(seconds: float, on_fire: Callable[[], None], body: Callable[[], None]) -> None:
    """
    Runs body() inside stopit.ThreadingTimeout(seconds), entered on the work's own thread as its recipe says: at the
    deadline stopit's timer thread raises TimeoutException into this thread (swallowed at the end of the block).
    `on_fire` notes the moment stopit's timer acts, which the stop is timed from.
    """
    import stopit

    class NotedTimeout(stopit.ThreadingTimeout):
        def stop(self) -> None:
            on_fire()
            super().stop()

    with NotedTimeout(seconds):
        body()


def _version_of(module) -> str:
    from importlib import metadata

    try:
        return metadata.version("stopit")
    except metadata.PackageNotFoundError:
        return getattr(module, "__version__", "unknown")
