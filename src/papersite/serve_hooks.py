"""MkDocs' hooks in ``papersite serve``, which names this file in MkDocs' ``hooks`` setting.

MkDocs imports a hook from its file, as a module of its own: this one hands over to
papersite.serve, which knows the preview being served.
"""

from __future__ import annotations

from typing import Any


def on_config(config: Any, /) -> Any:
    """Before each build: the texts the theme writes into pages, HTML-escaped as build has them.

    MkDocs' dev server reads the settings again for every rebuild, so an edit to site_description
    shows, escaped, without a new start.
    """
    from papersite.mkdocs_glue import with_texts_escaped

    return with_texts_escaped(config)


def on_env(env: Any, /, *, config: Any, files: Any) -> Any:
    """Before each build renders: papersite's changes to the theme, as build has them."""
    from papersite.mkdocs_glue import THEME_OVERRIDES
    from papersite.theme_env import prepare_env

    prepare_env(env, config, THEME_OVERRIDES)
    return env


def on_serve(server: Any, /, *, config: Any, builder: Any) -> Any:
    """After MkDocs' first build: its rebuilds take turns with papersite's regenerations."""
    from papersite import serve

    return serve.on_serve(server, config)


def on_shutdown() -> None:
    """As MkDocs' dev server stops: the watcher stops, the built site is removed aside."""
    from papersite import serve

    serve.on_shutdown()
