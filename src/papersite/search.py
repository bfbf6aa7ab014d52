"""Search backends: Material's built-in search, or Pagefind for long lists.

Material's search plugin puts every page's text into one search_index.json that each reader
downloads whole before the first result shows: fine for hundreds of papers, tens of megabytes at
tens of thousands. Pagefind splits its index into small chunks and a browser fetches only those a
query needs. mkdocs.yml picks the backend, under standard MkDocs keys only::

    extra:
      papersite:
        search: pagefind   # or material, the default

With Pagefind, MkDocs runs without its search plugin and the Pagefind indexer runs over the built
site before it is swapped in; a Search page in the navigation loads Pagefind's UI.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from papersite.errors import PapersiteError

SearchBackend = Literal["material", "pagefind"]
BACKENDS: tuple[SearchBackend, ...] = ("material", "pagefind")
# Indexing 50,000 papers takes well under a minute: this only stops a hung indexer.
INDEX_TIMEOUT_SECONDS = 1800


def search_backend_of(config: Mapping[str, Any], where: str) -> SearchBackend:
    """The backend that mkdocs.yml (as read by YAML) chooses under ``extra.papersite.search``."""
    extra = config.get("extra")
    settings = extra.get("papersite") if isinstance(extra, Mapping) else None
    chosen = settings.get("search", "material") if isinstance(settings, Mapping) else "material"
    for backend in BACKENDS:
        if chosen == backend:
            return backend
    raise PapersiteError(
        where, None, f"extra.papersite.search must be one of {', '.join(BACKENDS)}, not {chosen!r}"
    )


def without_search_plugin(plugins: Any) -> list[Any]:
    """The plugins of mkdocs.yml minus Material's search, which Pagefind replaces."""
    if isinstance(plugins, Mapping):
        return [{name: value} for name, value in plugins.items() if name != "search"]
    return [
        entry
        for entry in plugins or []
        if entry != "search" and not (isinstance(entry, Mapping) and "search" in entry)
    ]


def index_site(site: Path) -> None:
    """Run the Pagefind indexer over a built site; it writes site/pagefind/."""
    from pagefind_bin import get_executable  # the binary ships in the pagefind[bin] wheel

    command = [str(get_executable()), "--site", str(site), "--silent"]
    try:
        finished = subprocess.run(
            command, capture_output=True, text=True, timeout=INDEX_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PapersiteError(str(site), None, f"Pagefind indexing failed: {error}") from None
    if finished.returncode != 0:
        detail = (finished.stderr or finished.stdout).strip().splitlines()
        raise PapersiteError(
            str(site),
            None,
            f"Pagefind indexing failed: {detail[-1] if detail else finished.returncode}",
        )
