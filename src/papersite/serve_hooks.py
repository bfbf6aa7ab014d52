"""MkDocs' hooks in ``papersite serve``, which names this file in MkDocs' ``hooks`` setting.

MkDocs imports a hook from its file, as a module of its own: this one hands over to
papersite.serve, which knows the preview being served.
"""

from __future__ import annotations

from typing import Any


def on_serve(server: Any, /, *, config: Any, builder: Any) -> Any:
    """After MkDocs' first build: its rebuilds take turns with papersite's regenerations."""
    from papersite import serve

    return serve.on_serve(server, config)


def on_shutdown() -> None:
    """As MkDocs' dev server stops: the watcher stops, the built site is removed aside."""
    from papersite import serve

    serve.on_shutdown()
