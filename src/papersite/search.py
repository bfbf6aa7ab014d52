"""Search backends: Material's built-in search, or Pagefind for long lists.

Material's search plugin puts every page's text into one search_index.json that each reader
downloads whole before the first result shows: fine for hundreds of papers, tens of megabytes at
tens of thousands. Pagefind splits its index into small chunks and a browser fetches only those a
query needs. mkdocs.yml picks the backend (see :mod:`papersite.options`)::

    extra:
      papersite:
        search: pagefind   # or material, the default

With Pagefind, MkDocs runs without its search plugin and the Pagefind indexer runs over the built
site before it is swapped in; a Search page in the navigation loads Pagefind's UI.

Either way a paper is found by its title and abstract (with Material, by its tags too), not by
the headings and boilerplate its page also shows (Links, Cite, Sources). Pagefind reads only the
part of a paper page marked ``data-pagefind-body``. Material's plugin would split every paper page
into eight entries, so paper pages say ``search: exclude`` in their front matter and papersite adds
one entry per paper, from the data it already has, to the index the plugin wrote: less than half
the size, one result per paper, and MkDocs no longer parses every paper page a third time.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Literal

from papersite.errors import PapersiteError

SearchBackend = Literal["material", "pagefind"]
BACKENDS: tuple[SearchBackend, ...] = ("material", "pagefind")
# Indexing 50,000 papers takes well under a minute: this only stops a hung indexer.
INDEX_TIMEOUT_SECONDS = 1800
# Where Material's search plugin writes its index, relative to the built site.
MATERIAL_INDEX = Path("search") / "search_index.json"
# Material's search loads its whole index before the first result, and parses it in the page:
# past a few megabytes (about 3,000 papers) that is a long wait, so the build suggests Pagefind.
LARGE_INDEX_BYTES = 5_000_000


@dataclass(frozen=True)
class SearchEntry:
    """One paper as search finds it: its page (relative to the site root) and plain-text fields."""

    location: str
    title: str
    text: str
    tags: tuple[str, ...] = ()


def without_search_plugin(plugins: Any) -> list[Any]:
    """The plugins of mkdocs.yml minus Material's search, which Pagefind replaces."""
    if isinstance(plugins, Mapping):
        return [{name: value} for name, value in plugins.items() if name != "search"]
    return [
        entry
        for entry in plugins or []
        if entry != "search" and not (isinstance(entry, Mapping) and "search" in entry)
    ]


def index_site(site: Path, backend: SearchBackend, papers: Sequence[SearchEntry]) -> None:
    """Finish the built site's search index: ``papers`` into Material's, or run Pagefind."""
    if backend == "pagefind":
        run_pagefind(site)
    else:
        add_to_material_index(site, papers)


def add_to_material_index(site: Path, papers: Sequence[SearchEntry]) -> None:
    """Append one entry per paper to the index Material's search plugin wrote.

    The entries are what the plugin makes of a page section: HTML-escaped title, text in a
    paragraph, tags by name (escaped too: the results insert them as HTML). A site whose
    mkdocs.yml has no search plugin has no index to add to.
    """
    path = site / MATERIAL_INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index["docs"]
    for paper in papers:
        entry: dict[str, object] = {
            "location": paper.location,
            "title": escape(paper.title, quote=False),
        }
        text = " ".join(paper.text.split())
        entry["text"] = f"<p>{escape(text, quote=False)}</p>" if text else ""
        if paper.tags:
            # Material's search results insert tags as HTML, as they do titles.
            entry["tags"] = [escape(tag, quote=False) for tag in paper.tags]
        docs.append(entry)
    # Written as the plugin writes it: compact separators, non-ASCII escaped.
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


def search_advice(site: Path, backend: SearchBackend) -> str | None:
    """A suggestion to switch to Pagefind when Material's index has grown too big, else None."""
    path = site / MATERIAL_INDEX
    if backend != "material" or not path.is_file():
        return None
    size = path.stat().st_size
    if size <= LARGE_INDEX_BYTES:
        return None
    return (
        f"{MATERIAL_INDEX.as_posix()} is {size / 1_000_000:.1f} MB, which every reader downloads "
        "before a first result: for a list this long, set 'search: pagefind' under "
        "extra.papersite in mkdocs.yml (see README, Search)"
    )


def run_pagefind(site: Path) -> None:
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
