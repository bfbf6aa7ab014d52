"""Search backends: Material's built-in search, or Pagefind for long lists.

Material's search plugin puts every page's text into one search_index.json that each reader's
browser fetches whole on every page it opens, before any search is typed (Material's script asks
for it at load, to build the index in a worker): fine for hundreds of papers, megabytes for a
reader who came for one paper's page at thousands. Pagefind splits its index into small chunks
and a browser fetches only those a query needs. mkdocs.yml picks the backend (see
:mod:`papersite.options`)::

    extra:
      papersite:
        search: pagefind   # or material, the default

With Pagefind, MkDocs runs without its search plugin. papersite writes the papers' titles and
abstracts into pages of its own, ten papers to a page by default, which Pagefind indexes while
MkDocs builds (:class:`PagefindIndexer`); a Search page in the navigation lists the papers found.

Either way a paper is found by its title and abstract (with Material, by its tags too) and by
its arXiv id, not by the headings and boilerplate its page also shows (Links, Cite, Sources).
Material's plugin would split every paper page into eight entries, so paper pages say
``search: exclude`` in their front matter and papersite adds one entry per paper, from the data
it already has, to the index the plugin wrote: less than half the size, one result per paper,
and MkDocs no longer parses every paper page a third time. A tag's pages, lists of titles, say
``search: exclude`` too, and lists and pagers elsewhere are marked ``data-search-exclude``.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Literal

from papersite.catalogue import unversioned_arxiv_id
from papersite.errors import PapersiteError

SearchBackend = Literal["material", "pagefind"]
BACKENDS: tuple[SearchBackend, ...] = ("material", "pagefind")
# Indexing 50,000 papers takes well under a minute: this only stops a hung indexer.
INDEX_TIMEOUT_SECONDS = 1800
# Where Material's search plugin writes its index, relative to the built site.
MATERIAL_INDEX = Path("search") / "search_index.json"
# Material's search fetches its whole index as any page loads, and parses it in the page: past a
# few megabytes (about 3,000 papers) every visit pays for it, so the build suggests Pagefind.
LARGE_INDEX_BYTES = 5_000_000
# The field of Material's index holding a paper's arXiv id, weighed as a title (Material's 1e3):
# the id names the paper as its title does, so the paper comes before abstracts citing the id.
MATERIAL_ARXIV_FIELD = "arxiv"
MATERIAL_ARXIV_BOOST = 1e3
# The id of the element holding a paper's arXiv id on Pagefind's pages. Not a heading, so no
# paper of its own to Pagefind, and an anchor, so the Search page tells the id from the abstract
# (search.js keeps it out of excerpts). A colon is in no paper id, so it names no paper.
PAGEFIND_ARXIV_ANCHOR = "arxiv:{number}"
# Papers to a page of Pagefind's index: its list of pages, which a first search fetches whole, is
# then a tenth as long (see PagefindIndexer and BENCHMARKS.md, "Search payload").
DEFAULT_SEARCH_GROUP_SIZE = 10


@dataclass(frozen=True)
class SearchSettings:
    """Which backend indexes the site and, for Pagefind, how (from mkdocs.yml)."""

    backend: SearchBackend = "material"
    # Papers to a page of Pagefind's index (see PagefindIndexer).
    group_size: int = DEFAULT_SEARCH_GROUP_SIZE
    # The site's language (Material's theme.language), for Pagefind's word stemming and the Atom
    # feeds' xml:lang.
    language: str = "en"


@dataclass(frozen=True)
class SearchEntry:
    """One paper as search finds it: its id, page (relative to the site root), plain-text fields."""

    id: str
    location: str
    title: str
    text: str
    tags: tuple[str, ...] = ()
    # The paper's arXiv id without its version ('2312.00752'), which a reader may search for.
    arxiv: str | None = None


def searched_arxiv_id(arxiv_id: str | None) -> str | None:
    """The arXiv id as search indexes it: without its version ('2312.00752v2' as '2312.00752').

    A reader pastes an id with a version or without; the Search page and papersite.js take the
    version off a query's id too.
    """
    return unversioned_arxiv_id(arxiv_id) if arxiv_id else None


def without_search_plugin(plugins: Any) -> list[Any]:
    """The plugins of mkdocs.yml minus Material's search, which Pagefind replaces."""
    if isinstance(plugins, Mapping):
        return [{name: value} for name, value in plugins.items() if name != "search"]
    return [
        entry
        for entry in plugins or []
        if entry != "search" and not (isinstance(entry, Mapping) and "search" in entry)
    ]


def add_to_material_index(site: Path, papers: Sequence[SearchEntry]) -> None:
    """Append one entry per paper to the index Material's search plugin wrote.

    The entries are what the plugin makes of a page section: HTML-escaped title, text in a
    paragraph, tags by name (escaped too: the results insert them as HTML). A paper's arXiv id
    goes in a field of its own, which Material searches but shows nowhere (its results show a
    title, a text and tags): in the text, it would show as if the abstract's. A site whose
    mkdocs.yml has no search plugin has no index to add to.
    """
    path = site / MATERIAL_INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index["docs"]
    if any(paper.arxiv for paper in papers):
        fields = index.setdefault("config", {}).setdefault("fields", {})
        fields.setdefault(MATERIAL_ARXIV_FIELD, {"boost": MATERIAL_ARXIV_BOOST})
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
        if paper.arxiv:
            entry[MATERIAL_ARXIV_FIELD] = paper.arxiv
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
        f"{MATERIAL_INDEX.as_posix()} is {size / 1_000_000:.1f} MB, which a reader's browser "
        "fetches on opening any page, searching or not: for a list this long, set "
        "'search: pagefind' under extra.papersite in mkdocs.yml (see README, Search)"
    )


# Files of Pagefind's bundle that only its ready-made search interfaces load (about 420 KB).
PAGEFIND_INTERFACES = ("pagefind-*ui.*", "pagefind-highlight.js")


class PagefindIndexer:
    """Pagefind indexing the papers in the background, from pages papersite writes for it.

    Pagefind's page list, which a browser fetches whole before a first result, names every page it
    indexed (about 6.5 bytes each): 321 KB for 50,000 paper pages. So the papers are written
    ``group_size`` to a page, each a section whose heading's id is the paper's id, and the Search
    page (templates/search.js) lists the papers of the groups Pagefind finds. The pages are
    written from the papers' data, not read back from the built site, so Pagefind indexes them
    while MkDocs builds. Use as a context manager: leaving it stops an indexer still running.
    """

    def __init__(self, papers: Sequence[SearchEntry], work: Path, settings: SearchSettings):
        self.source = work / "pagefind-pages"
        self.output = work / "pagefind"
        write_pagefind_pages(self.source, papers, settings.group_size, settings.language)
        from pagefind_bin import get_executable  # the binary ships in the pagefind[bin] wheel

        command = [str(get_executable()), "--site", str(self.source)]
        command += ["--output-path", str(self.output), "--silent"]
        # To a file, not a pipe: nobody reads a pipe while MkDocs builds, and a full one would
        # stop Pagefind.
        self.log = work / "pagefind.log"
        with self.log.open("wb") as log:
            try:
                self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
            except OSError as error:
                raise PapersiteError(str(self.source), None, f"Pagefind failed: {error}") from None

    def __enter__(self) -> PagefindIndexer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def finish(self, site: Path) -> None:
        """Wait for the index and move it into the built ``site`` as pagefind/."""
        try:
            status = self._process.wait(timeout=INDEX_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise PapersiteError(
                str(self.source), None, f"Pagefind took over {INDEX_TIMEOUT_SECONDS} s"
            ) from None
        if status != 0:
            said = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            last = said[-1] if said else f"exit status {status}"
            raise PapersiteError(str(self.source), None, f"Pagefind indexing failed: {last}")
        # Pagefind's own search interfaces are left out: the Search page is search.js, and their
        # results would link to the group pages, which are not published.
        for name in PAGEFIND_INTERFACES:
            for path in self.output.glob(name):
                path.unlink()
        self.output.rename(site / "pagefind")


def write_pagefind_pages(
    folder: Path, papers: Sequence[SearchEntry], group_size: int, language: str
) -> None:
    """Write the pages Pagefind indexes, ``group_size`` papers to a page.

    A paper is its title, a heading whose id is the paper's, then its abstract, then its arXiv id
    if it has one, in an element of its own (PAGEFIND_ARXIV_ANCHOR): Pagefind finds "2312.00752"
    whole and by its parts, and the Search page reads where the abstract ends.
    """
    folder.mkdir(parents=True, exist_ok=True)
    head = (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        "<title>Papers</title></head><body><main data-pagefind-body>\n"
    )
    # With no papers, one page all the same: Pagefind refuses to index nothing, and the Search
    # page then finds no paper.
    starts = range(0, max(len(papers), 1), group_size)
    for number, start in enumerate(starts):
        sections = "".join(
            f'<h2 id="{escape(paper.id)}">{escape(paper.title, quote=False)}</h2>'
            f"<p>{escape(paper.text, quote=False)}</p>"
            + (
                f'<p id="{PAGEFIND_ARXIV_ANCHOR.format(number=n)}">'
                f"{escape(paper.arxiv, quote=False)}</p>"
                if paper.arxiv
                else ""
            )
            + "\n"
            for n, paper in enumerate(papers[start : start + group_size])
        )
        (folder / f"{number}.html").write_text(
            f"{head}{sections or '<p>No papers yet.</p>'}</main></body></html>\n",
            encoding="utf-8",
        )
