"""Rendering: the catalogue and its curation as Markdown pages and data files for MkDocs.

Python decides what each page holds and builds typed views of it; Jinja2 templates in
``templates/`` decide how it looks. Data is only ever passed to templates as values, never compiled
as a template, and every value is escaped on the way out (see :mod:`papersite.markup`). Every file
is written through :class:`SiteWriter`, which refuses any path that would leave the output folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import json
import math
import os
import re
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, cached_property
from pathlib import Path, PurePath
from typing import Generic, TypeVar
from urllib.parse import urlsplit

import jinja2
import yaml
from markupsafe import Markup

from papersite import urls
from papersite.bibtex import Citation, bibtex_file, citation
from papersite.catalogue import Catalogue, Paper
from papersite.curation import (
    FEATURED_AT_MOST,
    CuratedPaper,
    Curation,
    Theme,
    arxiv_id_of,
    newest_first,
)
from papersite.dumps import MONTH_NAMES
from papersite.errors import (
    PapersiteError,
    cannot_write,
    display_path,
    failed_writing,
    resolved,
    stop_if_asked,
)
from papersite.exports import (
    EXPORT_FIELDS,
    export_objects,
    schema_json,
    themes_json,
    themes_schema_json,
    to_csv,
    to_json,
)
from papersite.feeds import atom_feed
from papersite.markup import (
    escape_html,
    escape_markdown,
    escape_url,
    render_note,
    safe_url,
    tag_anchor,
)
from papersite.options import Options
from papersite.related import Related, RelatedPapers, related_papers
from papersite.search import SearchEntry, SearchSettings, searched_arxiv_id
from papersite.sources import SourceFile
from papersite.tags import tag_slugs, text_order
from papersite.wording import counted, listed

TEMPLATES = Path(__file__).parent / "templates"
MARKER = ".papersite-generated"
# What the files papersite writes end in: pages, redirects, data files, feeds, citations, assets.
# The marker lets the writer remove what it did not write, and a pull request can commit one
# anywhere (tests/, .github/, src/); a file papersite could never have written, by its name or
# its suffix, makes it refuse the folder instead. Told by names, not by asking git what it
# tracks, so it holds without git, outside a checkout and for files not yet committed.
WRITTEN_SUFFIXES = frozenset({".md", ".html", ".json", ".csv", ".xml", ".bib", ".css", ".js"})
# What file managers leave in any folder they show: removing it loses nothing.
LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
# Ids become folder names; anything else (dots, slashes, capitals) is refused before writing.
# themes.yaml's schema gives its ids the same maxLength, so the check says so at their line (a
# test holds them equal). Papers' ids are shorter still (catalogue.PAPER_ID_MAX_LENGTH).
THEME_ID_MAX_LENGTH = 100
SAFE_ID = re.compile(rf"[a-z0-9](?:[a-z0-9-]{{0,{THEME_ID_MAX_LENGTH - 2}}}[a-z0-9])?")
_SAFE_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# Material's script takes every <link rel="alternate"> in a page's head for another language's
# copy of the site and fetches sitemap.xml next to it: next to the feeds a page names
# (templates/overrides/main.html) that would be a 404 on every page view. An empty one is a few
# bytes and names no page, so no link is taken for one of another site.
FEEDS_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<!-- Not a sitemap of the site (that is ../sitemap.xml): Material for MkDocs looks for one "
    "next to each feed a page names. -->\n"
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)
# A word as search finds one: letters and digits, any case ("State-Space" is "state", "space").
_WORD = re.compile(r"[^\W_]+")
# A page's meta description, which search engines and link previews show, is cut near here.
DESCRIPTION_LENGTH = 160
# Where a sentence may end: its mark, then a space and what opens a sentence (or the text's end).
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"'(\[]|$)")
# Words whose period ends no sentence ("et al. Their ...", "e.g. Transformers").
_ABBREVIATIONS = frozenset({"al", "e.g", "i.e", "vs", "cf", "fig", "eq", "sec", "no", "approx"})
_TAG = re.compile(r"<[^>]*>")
# What every page says of a paper whose publication date is unknown (published_on, date_range).
DATE_UNKNOWN = "publication date unknown"


@dataclass(frozen=True)
class SiteSettings:
    """What pages, feeds and citations need to know about the site as a whole."""

    site_name: str
    site_url: str
    built: datetime
    # mkdocs.yml's extra.papersite, with their defaults: each option is written once, in Options.
    options: Options = field(default_factory=Options)
    # The site's language (Material's theme.language), for Pagefind's word stemming and the Atom
    # feeds' xml:lang.
    language: str = "en"
    # The project's repository (mkdocs.yml's repo_url), which the About page asks readers to fork.
    repo_url: str | None = None
    # Who the Atom feeds name as their author (mkdocs.yml's site_author); None: the feeds' default.
    site_author: str | None = None

    @property
    def search(self) -> SearchSettings:
        """The search backend with what Pagefind needs to index the site (see papersite.search).

        Made from the options and the language, not kept beside them, so it cannot disagree with
        them: with Pagefind the site gets a Search page.
        """
        return SearchSettings(self.options.search, self.options.search_group_size, self.language)


# The titles of the site's own pages, which their nav entries and the pages themselves (front
# matter and heading, from the templates' global ``page_titles``) both show: said once, they agree.
PAGE_TITLES = {
    urls.HOME: "Home",
    urls.SEARCH: "Search",
    urls.TAGS: "Tags",
    urls.UNSORTED: "Unsorted",
    urls.ABOUT: "About",
}


@dataclass(frozen=True)
class NavEntry:
    """One top-level navigation entry: its title (HTML-escaped) and its Markdown file."""

    title: str
    path: str


@dataclass(frozen=True)
class Generated:
    """What generation produced."""

    papers: int
    pages: int
    files: int
    nav: tuple[NavEntry, ...]
    # What search finds of each paper page, for the backend to index (see papersite.search).
    search_entries: tuple[SearchEntry, ...] = ()
    # The search backend the pages were made for.
    search: SearchSettings = field(default_factory=SearchSettings)
    # Files written anew (created or rewritten) or removed: none when the content changed in
    # nothing the pages show, as for a comment in papers.yaml.
    changed: int = 0
    # Every file the run left in the folder, written anew or unchanged (the writer's ``written``):
    # the preview tells from them a page removed since (see papersite.serve).
    written: frozenset[Path] = frozenset()


@dataclass(frozen=True)
class LinkView:
    """A link shown to readers; the URL has passed :func:`safe_url`."""

    label: str
    url: str


@dataclass(frozen=True)
class TitleSearches:
    """The addresses of searches for a paper's title; paper.md.j2 words their links."""

    arxiv: str
    hugging_face: str


@dataclass(frozen=True)
class FeedView:
    """An Atom feed a page names in its head for feed readers: title, address from the site root.

    The title is the feed's own (what a feed reader lists), as text; templates escape it.
    """

    title: str
    url: str


@dataclass(frozen=True)
class TagView:
    """A tag as Material's tags plugin names it, its anchor on the Tags page, its page's slug."""

    name: str
    anchor: str
    # Its page's folder under the Tags page (urls.tag_url), unique among the site's tags.
    slug: str


@dataclass(frozen=True)
class TagEntry:
    """A tag as the Tags page lists it: with how many papers its page lists."""

    tag: TagView
    count: int


@dataclass(frozen=True)
class SourceView:
    """A dump a paper was seen in: its label for readers and, when that differs, its file name."""

    label: str
    file: str | None


@dataclass(frozen=True)
class FieldView:
    """A key of papers.json (a column of papers.csv) as the About page describes it."""

    name: str
    type: str
    meaning_html: Markup


@dataclass(frozen=True)
class PlaceView:
    """Where a paper sits in the reading list."""

    theme_id: str
    theme_title: str
    section_title: str | None


@dataclass(frozen=True)
class PaperView:
    """Everything a page shows about one paper, ready to print (tags in reading order)."""

    id: str
    title: str
    abstract: str
    # The line under a paper's title ("Published 10 May 2025 · 3 authors · …") is worded by the
    # templates (_macros.j2's meta) from these five; dates as readers write them (format_date).
    published: str | None
    authors: int | None
    # Who published the paper, shown when the number of authors is unknown.
    organization: str | None
    upvotes: int | None
    upvotes_as_of: str | None
    tags: tuple[TagView, ...]
    note_html: Markup | None
    places: tuple[PlaceView, ...]
    arxiv_id: str | None
    links: tuple[LinkView, ...]
    # Searches for the title where the paper may be found, for one whose arXiv id is unknown.
    searches: TitleSearches | None
    # In capture order; papers.json keeps the file names, for those who reuse the data.
    sources: tuple[SourceView, ...]
    # Its page's sections, in page order, as (anchor, heading): see paper_sections.
    sections: tuple[tuple[str, str], ...]

    @property
    def arxiv(self) -> LinkView | None:
        """The link to the paper's arXiv page, when it has an arXiv id."""
        if self.arxiv_id is None:
            return None
        return LinkView(f"arXiv:{self.arxiv_id}", urls.arxiv_url(self.arxiv_id))

    @property
    def description(self) -> str:
        """The page's summary for search engines and link previews: the abstract's opening."""
        return summarize(self.abstract)


# A paper page's sections in page order, as (anchor, heading). Markup: headings are the package's
# own words, which escaping would write "Curator&#39;s note".
_PAPER_SECTIONS = tuple(
    (anchor, Markup(heading))
    for anchor, heading in (
        ("abstract", "Abstract"),
        ("curators-note", "Curator's note"),
        ("in-the-reading-list", "In the reading list"),
        ("links", "Links"),
        ("related-papers", "Related papers"),
        ("cite", "Cite"),
        ("sources", "Sources"),
    )
)


@cache
def paper_sections(*, note: bool, related: bool) -> tuple[tuple[str, str], ...]:
    """A paper page's sections, as (anchor, heading): paper.md.j2 lists them and writes each.

    The curator's note only for a paper that has one; related papers only when mkdocs.yml's
    related_papers asks for some: with 0 the section would only say none were found. One list,
    so that the page's table of contents and its headings cannot disagree.
    """
    left_out = {"curators-note"} if not note else set()
    if not related:
        left_out.add("related-papers")
    return tuple(section for section in _PAPER_SECTIONS if section[0] not in left_out)


@dataclass(frozen=True)
class RelatedView:
    """A related paper as listed on a paper page."""

    id: str
    title: str
    published: str | None


@dataclass(frozen=True)
class SectionView:
    """A section of a theme page with its papers."""

    id: str
    title: str
    # Markdown, whose relative links lead from the theme's page (its first), where curators
    # write them from (curation_checks.check_intro_links).
    intro: str | None
    papers: tuple[PaperView, ...]
    # True on a theme page that goes on with a section an earlier page began.
    continued: bool = False
    # The way up from the page that shows the section to the theme's first page: "../" on page 2.
    to_first: str = ""

    @cached_property
    def intro_html(self) -> Markup | None:
        """The introduction, its relative links leading where they would from the first page."""
        return _note(self.intro, prefix=self.to_first)


@dataclass(frozen=True)
class ThemeView:
    """A theme as its page and the home page show it."""

    id: str
    title: str
    intro_html: Markup | None
    count: int
    featured: tuple[PaperView, ...]
    sections: tuple[SectionView, ...]

    @property
    def on_card(self) -> tuple[PaperView, ...]:
        """The picks the theme's card on the home page names, the first few.

        As many as ``check`` accepts without a warning (FEATURED_AT_MOST): forty made a card
        taller than the screen.
        """
        return self.featured[:FEATURED_AT_MOST]

    @property
    def off_card(self) -> int:
        """How many picks the card leaves to the theme's page, which lists them all."""
        return len(self.featured) - len(self.on_card)

    @property
    def description(self) -> str:
        """The page's summary for search engines and link previews: its introduction's opening."""
        intro = html.unescape(_TAG.sub("", self.intro_html)) if self.intro_html else ""
        if intro.strip():
            return summarize(intro)
        return f"{counted(self.count, 'paper')} on {self.title}"


def summarize(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """A summary as search engines and link previews show one, at most ``limit`` characters.

    The text's first sentence when it fits, else the whole words that fit and "…".
    """
    text = " ".join(text.split())
    first = next(
        (
            text[: end.end()]
            for end in _SENTENCE_END.finditer(text)
            if text[: end.start()].rsplit(" ", 1)[-1].lower() not in _ABBREVIATIONS
        ),
        text,
    )
    if len(first) <= limit:
        return first
    return cut_to(text, limit)


def cut_to(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` on one line, cut to whole words and "…" within ``limit`` characters if longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]  # a word cut in two is dropped
    return head.rstrip(" ,;:") + "…"


# A page's description, as its meta description and link previews show it, is made here for
# every page but home (mkdocs.yml's site_description) from what the page holds: one page's
# words repeated on every other told a search engine, and a reader of its results, nothing.


def list_page_description(lead: str, page: ListPage[T], where: str = "") -> str:
    """A page of a list (a theme's, Unsorted's, a tag's): ``lead`` says what the list is.

    On a list of several pages it goes on to say which page this is, which of the papers it
    lists and ``where`` they are (", in …" for a theme's sections, " (…)" for dates).
    """
    if page.count == 1:
        return cut_to(f"{lead}.")
    return cut_to(f"{lead}; page {page.number} of {page.count} lists {page.holds}{where}.")


def theme_page_description(theme: ThemeView, page: ListPage[SectionView]) -> str:
    """A theme's page: the first by the theme's description, a later one by what it lists."""
    if page.number == 1:
        return theme.description
    sections = [
        f"{s.title} (continued)" if s.continued else s.title for s in page.items if s.papers
    ]
    where = f", in {listed(sections)}" if sections else ""
    return list_page_description(f"{counted(theme.count, 'paper')} on {theme.title}", page, where)


def unsorted_page_description(page: ListPage[PaperView], total: int) -> str:
    """A page of Unsorted, with the months its papers were published in (date_range)."""
    span = page.dates[page.number - 1] if page.dates else ""
    lead = f"{counted(total, 'paper')} not yet sorted into a theme, newest first"
    return list_page_description(lead, page, f" ({span})" if span else "")


def tag_page_description(name: str, page: ListPage[PaperView], total: int) -> str:
    """A page of a tag's papers: the tag, and how many papers it has."""
    return list_page_description(
        f"{counted(total, 'paper')} curators tagged “{name}”, by title", page
    )


def tags_description(tags: int) -> str:
    """The Tags page: how many tags it lists."""
    if not tags:
        return "No paper has a tag yet."
    return f"The {counted(tags, 'tag')} curators gave papers, with how many papers each has."


def about_description(site_name: str) -> str:
    """The About page: what it tells."""
    return cut_to(
        f"How {site_name} is made from Hugging Face Daily Papers, and its papers as data: JSON, "
        "CSV, JSON Schemas, Atom feeds and BibTeX."
    )


def search_description(total: int) -> str:
    """Pagefind's Search page: what it searches."""
    return f"Search the titles and abstracts of {counted(total, 'paper')}."


def newest_feed(site_name: str) -> FeedView:
    """The Atom feed of every paper, newest first, which every page names (as main.html does)."""
    return FeedView(f"{site_name}: newest papers", urls.NEWEST_FEED)


def theme_feed(site_name: str, theme: Theme) -> FeedView:
    """The Atom feed of a theme's papers, as its pages and its papers' pages name it."""
    return FeedView(f"{site_name}: {theme.title}", urls.feed_url(theme.id))


def format_date(day: date | None) -> str | None:
    """A date as readers write it, the same in every locale: "10 May 2025"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}" if day else None


def published_on(day: str | None) -> str:
    """When a paper was published, as every list shows it: "Published 10 May 2025".

    A paper with no known date says DATE_UNKNOWN, the same under a title, in a related list and
    in what a page of Unsorted spans: three wordings left a reader wondering if they differed.
    """
    return f"Published {day}" if day else DATE_UNKNOWN.capitalize()


def check_id(kind: str, value: str, where: str) -> str:
    """The id if it is safe as one folder name in a URL, else a PapersiteError naming it."""
    if not SAFE_ID.fullmatch(value):
        raise PapersiteError(
            where,
            None,
            f"{kind} id {value!r} cannot be a page address: use lower-case letters, digits and "
            f"'-', at most {THEME_ID_MAX_LENGTH} characters",
        )
    return value


class SiteWriter:
    """Writes files under one folder and nowhere else; unchanged files are left alone.

    Leaving unchanged files untouched keeps their modification times, so a live preview rebuilds
    only what changed. Files from an earlier run that this run did not write are removed by
    :meth:`prune`, but only in a folder this writer created (it carries a marker file), and
    except those in ``keep`` (paths relative to the root), which another writer looks after. A
    marked folder holding a file papersite could never have written is refused, before anything
    is written or removed (see WRITTEN_SUFFIXES); with ``refuse_foreign`` False only when
    :meth:`prune` would remove one, for a writer of a few files of its own into a folder accepted
    before (the preview's box of problems, which must say that refusal).

    Once ``stop`` is set, the next file written or :meth:`prune` raises
    :class:`~papersite.errors.Stopped`: the files written stay, and nothing is pruned.
    """

    def __init__(
        self,
        root: Path,
        *,
        keep: Collection[str] = (),
        refuse_foreign: bool = True,
        stop: threading.Event | None = None,
    ) -> None:
        self.root = root.resolve()
        self._stop = stop
        if not holds_nothing_but_litter(self.root) and not (self.root / MARKER).exists():
            raise PapersiteError(
                display_path(root),
                None,
                "folder is not empty and was not made by papersite: choose another",
            )
        # An empty folder (a build's work folder) holds no earlier file to compare with.
        self._fresh = not self.root.exists() or not any(self.root.iterdir())
        if not self._fresh and refuse_foreign:
            # Before writing anything: the pages would mix with files that are not papersite's.
            self._refuse_foreign(self.root.rglob("*"))
        self.root.mkdir(parents=True, exist_ok=True)
        if not (self.root / MARKER).exists():
            # Touching it again would change the folder on every run and wake MkDocs' watcher.
            (self.root / MARKER).touch()
        self.written: set[Path] = {self.root / MARKER, *(self.root / path for path in keep)}
        # Files created, rewritten or removed: the ones a watcher of the folder sees change.
        self.changed = 0
        self._folders: dict[tuple[str, ...], Path] = {}
        self._made: set[Path] = {self.root}

    def path(self, relative: str) -> Path:
        """The absolute path of a file under the root; refuses anything that could leave it."""
        target = self._in_folder(relative)
        if target.is_symlink():
            target = resolved(target)
            if not target.is_relative_to(self.root):
                raise PapersiteError(
                    display_path(self.root), None, f"refusing to write {relative!r}"
                )
        return target

    def _in_folder(self, relative: str) -> Path:
        """The path of a file under the root whose folders are no link out of it."""
        parts = relative.split("/")
        if not all(_SAFE_PART.fullmatch(part) and part not in {".", ".."} for part in parts):
            raise PapersiteError(display_path(self.root), None, f"refusing to write {relative!r}")
        # Only a symlink can lead out now. Folders are resolved once each, and the file itself
        # only when it is a link: resolving every path was a tenth of rendering a large list.
        folder = tuple(parts[:-1])
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = resolved(self.root.joinpath(*folder))
        if not real.is_relative_to(self.root):
            raise PapersiteError(display_path(self.root), None, f"refusing to write {relative!r}")
        return real / parts[-1]

    def write(self, relative: str, data: str | bytes) -> None:
        """Write one file (UTF-8 for text) unless it already holds exactly these bytes."""
        stop_if_asked(self._stop)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if self._fresh:
            target = self._in_folder(relative)
            # Nothing to compare with: skip the failing read, and make each folder once.
            if target.parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(target.parent)
            # Created exclusively, which never follows a link, so the file needs no look first;
            # anything already there (a second write, or a link) takes the checked way below.
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                pass
            else:
                with open(fd, "wb") as file:
                    file.write(raw)
                self.written.add(target)
                self.changed += 1
                return
        target = self.path(relative)
        self.written.add(target)
        if not self._fresh:
            try:
                if target.read_bytes() == raw:
                    return
            except OSError:
                target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
        self.changed += 1

    def prune(self) -> None:
        """Remove files and empty folders this run did not write.

        Every file to remove is looked at first: one papersite could never have written (see
        WRITTEN_SUFFIXES) is refused, and nothing is removed.
        """
        stop_if_asked(self._stop)
        paths = sorted(self.root.rglob("*"), reverse=True)
        folders = [path for path in paths if path.is_dir() and not path.is_symlink()]
        kept = self.written.union(folders)
        stale = [path for path in paths if path not in kept]
        self._refuse_foreign(stale)
        for path in stale:
            path.unlink()
            self.changed += 1
        for folder in folders:  # the deepest first
            if not any(folder.iterdir()):
                folder.rmdir()

    def _refuse_foreign(self, paths: Iterable[Path]) -> None:
        """Refuse the folder when one of ``paths`` (under the root) is no file papersite writes."""
        for path in sorted(paths):
            if path == self.root / MARKER or (path.is_dir() and not path.is_symlink()):
                continue
            if not could_have_written(path.relative_to(self.root)):
                raise PapersiteError(
                    display_path(path),
                    None,
                    f"not a file papersite writes, in a folder holding papersite's marker "
                    f"({MARKER}), whose files papersite removes: refusing to touch the folder; "
                    "move the file out, or choose another folder for the pages",
                )


def holds_nothing_but_litter(folder: Path) -> bool:
    """Whether ``folder`` is missing, or holds no file but a file manager's LITTER.

    A folder just made in Finder holds a .DS_Store: taking it for one holding someone's files
    refused it as not empty.
    """
    if not folder.exists():
        return True
    # A file is no folder: listing it raises, as the caller's refusal to write says.
    return all(entry.name in LITTER and entry.is_file() for entry in folder.iterdir())


def could_have_written(relative: PurePath) -> bool:
    """Whether papersite could have written the file at ``relative``, under an output folder.

    Its every part is one the writer accepts (no dot file, see SiteWriter), and it ends in one of
    WRITTEN_SUFFIXES; or it is a file manager's LITTER, or the root's robots.txt (.txt alone
    would take in the dumps' files).
    """
    if relative.name in LITTER or relative == PurePath(urls.ROBOTS):
        return True
    return relative.suffix in WRITTEN_SUFFIXES and all(
        _SAFE_PART.fullmatch(part) for part in relative.parts
    )


def write_assets(writer: SiteWriter) -> None:
    """The files every page asks for, whatever the content.

    The site's stylesheet and script, and the sitemap Material looks for next to the newest
    papers' feed, which every page names (see FEEDS_SITEMAP).
    """
    writer.write(urls.STYLESHEET, (TEMPLATES / "papersite.css").read_bytes())
    writer.write(urls.SCRIPT, (TEMPLATES / "papersite.js").read_bytes())
    writer.write(urls.FEEDS_SITEMAP, FEEDS_SITEMAP)


def robots_txt(site_url: str) -> str | None:
    """robots.txt, naming the sitemap, for a site at its host's root; None for one under a path.

    Crawlers read robots.txt at a host's root alone (RFC 9309): one under a project's path on
    GitHub Pages (owner.github.io/repo/, as the deploy publishes) would be ignored, and the root's
    is the owner's other site's to write. Neither MkDocs nor Material writes one. It lets every
    page be crawled, as none does, and tells where the sitemap is, which otherwise a crawler
    learns only when the site's owner submits it.
    """
    if urlsplit(site_url).path not in ("", "/"):
        return None
    return f"User-agent: *\nDisallow:\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


class Renderer:
    """Builds the views of one catalogue and curation and renders them with the templates."""

    def __init__(self, catalogue: Catalogue, curation: Curation, settings: SiteSettings) -> None:
        self.catalogue = catalogue
        self.curation = curation
        self.settings = settings
        self.env = _environment()
        self._templates: dict[str, jinja2.Template] = {}
        self._sources = {summary.source.name: summary.source for summary in catalogue.sources}
        for theme in curation.themes:
            check_id("theme", theme.id, theme.title)
            for old in theme.formerly:
                check_id("former theme", old, theme.title)
            for section in theme.sections:
                check_id("section", section.id, f"{theme.id}: {section.title}")
        for item in curation.papers:
            check_id("paper", item.paper.id, _where(item.paper))
        # Made from every tag at once: tags that slug alike are told apart (tags.tag_slugs).
        self.tag_slugs = tag_slugs(tag for item in curation.papers for tag in item.tags)

    def render(self, template: str, **values: object) -> str:
        """One template filled with values; the settings are always available as ``site``.

        A mistake in a template (its syntax, a name or filter it does not have) is a
        PapersiteError at the template's line: the templates are the maintainers' to edit.
        """
        try:
            loaded = self._templates.get(template)
            if loaded is None:
                loaded = self._templates[template] = self.env.get_template(template)
            return loaded.render(site=self.settings, **values)
        except jinja2.TemplateError as error:
            mistake = template_mistake(error, TEMPLATES)
            if mistake is None:
                raise
            raise mistake from None

    def paper_view(self, item: CuratedPaper) -> PaperView:
        """What the pages show about one paper."""
        paper = item.paper
        arxiv_id = arxiv_id_of(item)
        links = [LinkView(x.label, x.url) for x in item.links if _is_web(x.url)]
        links += [LinkView(_link_label(url), url) for url in paper.links if _is_web(url)]
        listed = {_address(urls.arxiv_url(arxiv_id))} if arxiv_id else set()
        searches = (
            None
            if arxiv_id
            else TitleSearches(
                urls.arxiv_title_search_url(paper.title), urls.hugging_face_search_url(paper.title)
            )
        )
        note_html = Markup(render_note(item.note)) if item.note else None
        return PaperView(
            id=paper.id,
            title=paper.title,
            abstract=paper.abstract,
            published=format_date(paper.published),
            authors=paper.authors,
            organization=paper.organization,
            upvotes=paper.upvotes,
            upvotes_as_of=format_date(paper.upvotes_as_of),
            # Alphabetical whatever their case (papersite.tags), not in the order curators wrote.
            tags=tuple(
                TagView(tag, tag_anchor(tag), self.tag_slugs[tag])
                for tag in sorted(item.tags, key=text_order)
            ),
            note_html=note_html,
            places=tuple(self._place(p.theme, item) for p in item.placements),
            arxiv_id=arxiv_id,
            links=_each_address_once(links, listed),
            searches=searches,
            sources=self._source_views(paper.sources),
            sections=paper_sections(
                note=bool(note_html), related=bool(self.settings.options.related_papers)
            ),
        )

    def _source_views(self, names: Sequence[str]) -> tuple[SourceView, ...]:
        """The dumps named, as readers know them (sources.yaml's labels), in capture order."""
        known = [self._sources.get(name) or SourceFile(Path(name), name, name) for name in names]
        return tuple(
            SourceView(s.label, s.name if s.label != s.name else None)
            for s in sorted(known, key=_seen_in_order)
        )

    def _place(self, theme_id: str, item: CuratedPaper) -> PlaceView:
        theme = self.curation.theme(theme_id)
        placement = item.placement(theme_id)
        section = theme.section(placement.section) if theme and placement else None
        return PlaceView(
            theme_id, theme.title if theme else theme_id, section.title if section else None
        )

    def theme_view(self, theme: Theme, views: dict[str, PaperView]) -> ThemeView:
        """A theme with its sections filled; papers in a section the theme lacks go last."""
        papers = self.curation.in_theme(theme.id)
        sections = tuple(
            SectionView(
                section.id,
                section.title,
                section.intro,
                tuple(views[item.paper.id] for item in items),
            )
            for section, items in self.curation.grouped(theme)
        )
        featured = tuple(views[item.paper.id] for item in self.curation.featured(theme.id))
        return ThemeView(theme.id, theme.title, _note(theme.intro), len(papers), featured, sections)


def generate(
    catalogue: Catalogue,
    curation: Curation,
    settings: SiteSettings,
    out: Path,
    *,
    related: RelatedPapers | None = None,
    progress: bool = False,
    keep: Collection[str] = (),
    stop: threading.Event | None = None,
) -> Generated:
    """Write every page and data file of the site into ``out``, removing what is no longer made.

    ``related`` saves computing the related papers again when the caller has them, or is being
    computed elsewhere (a callable, called once every page without them is written). A write the
    machine refuses (a full disk, ``out`` a file) is one line naming the file, for every caller.
    The files ``keep`` names (relative to ``out``) are the caller's: they are not removed. Once
    ``stop`` is set, the next page raises :class:`~papersite.errors.Stopped` (see SiteWriter).
    """
    with refusals_to_write(out):
        return _generate(
            catalogue,
            curation,
            settings,
            out,
            related=related,
            progress=progress,
            keep=keep,
            stop=stop,
        )


@contextlib.contextmanager
def refusals_to_write(out: Path) -> Iterator[None]:
    """Meanwhile the machine refusing a write into ``out`` raises one line naming the file.

    Other OSErrors are raised as they are, as the bugs they may be (see ``failed_writing``).
    """
    try:
        yield
    except OSError as error:
        if not failed_writing(error, out):
            raise
        raise cannot_write(error.filename or out, error) from None


def _generate(
    catalogue: Catalogue,
    curation: Curation,
    settings: SiteSettings,
    out: Path,
    *,
    related: RelatedPapers | None,
    progress: bool,
    keep: Collection[str],
    stop: threading.Event | None,
) -> Generated:
    """:func:`generate`, the machine's refusals to write raised as they come."""
    site = _Generation(catalogue, curation, settings, out, keep, stop)
    site.write_home_page()
    placed_on = site.write_theme_pages()
    listed_on = site.write_unsorted_pages()
    tagged = site.write_tags_page()
    site.write_about_page()
    if site.search_page:
        site.write_search_page()
    citations = site.write_data_files()
    write_assets(site.writer)
    if robots := robots_txt(settings.site_url):
        site.writer.write(urls.ROBOTS, robots)
    # Asked for only now, when every page that lists none is written: a worker computing them
    # (papersite.related) has had all that time, which waiting for them earlier would waste.
    related_by_id = _related_now(related, curation, settings)
    site.write_paper_pages(related_by_id, placed_on, listed_on, citations, progress)
    site.writer.prune()
    return site.generated(tagged)


def _related_now(
    related: RelatedPapers | None, curation: Curation, settings: SiteSettings
) -> Mapping[str, Related]:
    """Every paper's related papers: the caller's, waited for when being computed, else computed."""
    if related is None:
        return related_papers(
            [item.paper for item in curation.papers], settings.options.related_papers
        )
    if callable(related):
        return related()
    return related


class _Generation:
    """One run of :func:`generate`: the views its pages share, and a method per kind of page.

    A ``write_`` method writes its pages and returns what a later one needs of them (where each
    paper is listed, its citation); :func:`_generate` calls them in the order that matters.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        curation: Curation,
        settings: SiteSettings,
        out: Path,
        keep: Collection[str],
        stop: threading.Event | None,
    ) -> None:
        self.catalogue = catalogue
        self.curation = curation
        self.settings = settings
        # With Pagefind the site gets a Search page (and its script) in the nav, a field at home.
        self.search_page = settings.search.backend == "pagefind"
        # Made before the writer: a bad id (Renderer checks them) stops the run before the folder
        # is touched.
        self.renderer = Renderer(catalogue, curation, settings)
        self.writer = SiteWriter(out, keep=keep, stop=stop)
        self.views = {item.paper.id: self.renderer.paper_view(item) for item in curation.papers}
        self.themes = [self.renderer.theme_view(theme, self.views) for theme in curation.themes]
        unsorted = curation.unsorted()
        self.unsorted = [self.views[item.paper.id] for item in unsorted]
        # Their dates, which their pages' pager spans: a view has them only as readers write them.
        self.unsorted_dates = [item.paper.published for item in unsorted]
        self.example = search_example(curation) if self.search_page else None
        # Each theme's feed, made once: every page of the theme and every paper in it names it.
        self.feeds = {theme.id: theme_feed(settings.site_name, theme) for theme in curation.themes}
        self.pages = 0

    def _page(self, path: str, template: str, **values: object) -> None:
        """Write one page from its template, and count it."""
        self.writer.write(path, self.renderer.render(template, **values))
        self.pages += 1

    def write_home_page(self) -> None:
        """The home page: the themes, the newest papers, how many are unsorted."""
        newest = sorted(self.curation.papers, key=newest_first)[
            : self.settings.options.recent_papers
        ]
        # The cards count a paper once for each of its themes (home.md.j2 says by how many more).
        in_a_theme = len(self.curation.papers) - len(self.unsorted)
        self._page(
            urls.page_file(urls.HOME),
            "home.md.j2",
            themes=self.themes,
            recent=[self.views[item.paper.id] for item in newest],
            total=len(self.curation.papers),
            unsorted_count=len(self.unsorted),
            in_several=sum(len(item.themes) > 1 for item in self.curation.papers),
            in_a_theme=in_a_theme,
            on_cards=sum(theme.count for theme in self.themes),
            search_page=self.search_page,
            search_example=self.example,
            root="",
        )

    def write_theme_pages(self) -> dict[str, dict[str, str]]:
        """Every theme's pages; returns the page listing each paper, by paper id then theme id."""
        placed_on: dict[str, dict[str, str]] = {}
        for theme, formerly in zip(
            self.themes, (t.formerly for t in self.curation.themes), strict=True
        ):
            for theme_page in paginate_theme(theme, self.settings.options.theme_page_size):
                self._page(
                    theme_page.path,
                    "theme.md.j2",
                    theme=theme,
                    page=theme_page,
                    description=theme_page_description(theme, theme_page),
                    feeds=(self.feeds[theme.id],),
                )
                for section in theme_page.items:
                    for view in section.papers:
                        placed_on.setdefault(view.id, {})[theme.id] = theme_page.url
                # Page n of an old address to page n: a rename moves no paper, so a bookmark of
                # page 3 (or of a section on it) finds the papers it had. Only the pages the
                # theme has now are written, the way its own later pages come and go.
                for old in formerly:
                    old_url = urls.list_page_url(urls.theme_url(old), theme_page.number)
                    self._redirect(old_url, theme_page.url, theme_page.title, self.feeds[theme.id])
        return placed_on

    def _redirect(self, url: str, target: str, title: str, feed: FeedView) -> None:
        """A page at ``url``, an address the site had, that sends its reader on to ``target``.

        Static HTML, which MkDocs copies as it is and any static host serves: the address is kept
        without server rules. The way there is relative, so it holds wherever the site is
        served; the page's #anchor goes along (a paper's place, a section), and search engines
        are told to index the target instead. Its head names the site's feed and ``feed``, as
        the target's does: feed readers follow neither the script nor the refresh.
        """
        root = urls.up_to_root(url)
        newest = newest_feed(self.settings.site_name)
        self.writer.write(
            urls.redirect_file(url),
            self.renderer.render(
                "redirect.html.j2",
                target=f"{root}{target}",
                canonical=f"{self.settings.site_url}{target}",
                title=title,
                language=self.settings.language,
                feeds=[FeedView(view.title, f"{root}{view.url}") for view in (newest, feed)],
            ),
        )

    def write_unsorted_pages(self) -> dict[str, str]:
        """The Unsorted pages; returns the page listing each paper in no theme, by paper id."""
        unsorted_pages = paginate(
            self.unsorted, self.settings.options.unsorted_page_size, self.unsorted_dates
        )
        for unsorted_page in unsorted_pages:
            self._page(
                unsorted_page.path,
                "unsorted.md.j2",
                page=unsorted_page,
                total=len(self.unsorted),
                description=unsorted_page_description(unsorted_page, len(self.unsorted)),
            )
        return {view.id: u.url for u in unsorted_pages for view in u.items}

    def write_tags_page(self) -> bool:
        """The Tags page and each tag's pages; returns whether any paper has a tag.

        The Tags page lists the tags alone, each with its count and a link to its own pages,
        which list its papers by title, split as Unsorted is: one page of every tag and its
        papers grew past a megabyte at 5,000 papers. The nav names the Tags page only when a
        paper has a tag, and never a tag's pages (mkdocs.yml's not_in_nav).
        """
        tagged: dict[str, list[PaperView]] = {}
        for item in self.curation.papers:
            view = self.views[item.paper.id]
            for tag in view.tags:
                tagged.setdefault(tag.name, []).append(view)
        entries = []
        for name in sorted(tagged, key=text_order):
            # By title as readers see it, then by id: two papers may share a title.
            papers = sorted(tagged[name], key=lambda v: (*text_order(v.title), v.id))
            tag = next(t for t in papers[0].tags if t.name == name)
            entries.append(TagEntry(tag, len(papers)))
            first_url = urls.tag_url(tag.slug)
            for tag_page in paginate(
                papers,
                self.settings.options.unsorted_page_size,
                first_url=first_url,
                label=f"Tag: {name}",
            ):
                self._page(
                    tag_page.path,
                    "tag.md.j2",
                    page=tag_page,
                    tag=tag,
                    total=len(papers),
                    description=tag_page_description(name, tag_page, len(papers)),
                )
        # Written even with no tags, so a kept address still opens; the nav then leaves it out.
        self._page(
            urls.page_file(urls.TAGS),
            "tags.md.j2",
            tags=entries,
            root=urls.up_to_root(urls.TAGS),
            description=tags_description(len(entries)),
        )
        return bool(entries)

    def write_about_page(self) -> None:
        """The About page, with the fields of papers.json."""
        self._page(
            urls.page_file(urls.ABOUT),
            "about.md.j2",
            themes=self.themes,
            fields=field_views(),
            root=urls.up_to_root(urls.ABOUT),
            description=about_description(self.settings.site_name),
        )

    def write_search_page(self) -> None:
        """Pagefind's Search page and its script."""
        self._page(
            urls.page_file(urls.SEARCH),
            "search.md.j2",
            root=urls.up_to_root(urls.SEARCH),
            total=len(self.curation.papers),
            search_example=self.example,
            description=search_description(len(self.curation.papers)),
        )
        self.writer.write(urls.SEARCH_SCRIPT, (TEMPLATES / "search.js").read_bytes())

    def write_data_files(self) -> dict[str, Citation]:
        """papers.json and the other data files (:func:`_write_data`); returns each citation."""
        # Made once each: a paper's page shows its citation, its themes' files and papers.bib too.
        citations = {
            item.paper.id: citation(
                item.paper, self.settings.site_url, self.views[item.paper.id].arxiv_id
            )
            for item in self.curation.papers
        }
        _write_data(self.writer, self.curation, self.settings, citations)
        return citations

    def write_paper_pages(
        self,
        related: Mapping[str, Related],
        placed_on: dict[str, dict[str, str]],
        listed_on: dict[str, str],
        citations: dict[str, Citation],
        progress: bool,
    ) -> None:
        """Every paper's page, with its related papers and where the reading list has it."""
        # Once per paper, the hot loop of a build: what every page uses is bound once, before.
        views, feeds, page = self.views, self.feeds, self._page
        for item in _progress(self.curation.papers, progress, "pages"):
            view = views[item.paper.id]
            url = urls.paper_url(item.paper.id)
            page(
                urls.page_file(url),
                "paper.md.j2",
                paper=view,
                related=_related_views(related[item.paper.id], views),
                unsorted_url=listed_on.get(item.paper.id),
                theme_urls=placed_on.get(item.paper.id, {}),
                # A reader who gives a feed reader this page's address is offered its themes' feeds.
                feeds=tuple(feeds[place.theme_id] for place in view.places),
                citation=citations[item.paper.id],
                root=urls.up_to_root(url),
            )

    def generated(self, tagged: bool) -> Generated:
        """What this run made: counts, the navigation, and what search finds of each paper."""
        nav = (
            NavEntry(PAGE_TITLES[urls.HOME], urls.page_file(urls.HOME)),
            *(
                (NavEntry(PAGE_TITLES[urls.SEARCH], urls.page_file(urls.SEARCH)),)
                if self.search_page
                else ()
            ),
            *(
                NavEntry(escape_html(t.title), urls.page_file(urls.theme_url(t.id)))
                for t in self.curation.themes
            ),
            *((NavEntry(PAGE_TITLES[urls.TAGS], urls.page_file(urls.TAGS)),) if tagged else ()),
            NavEntry(PAGE_TITLES[urls.UNSORTED], urls.page_file(urls.UNSORTED)),
            NavEntry(PAGE_TITLES[urls.ABOUT], urls.page_file(urls.ABOUT)),
        )
        entries = tuple(
            SearchEntry(
                v.id,
                urls.paper_url(v.id),
                v.title,
                v.abstract,
                tuple(t.name for t in v.tags),
                searched_arxiv_id(v.arxiv_id),
            )
            for v in (self.views[item.paper.id] for item in self.curation.papers)
        )
        papers = len(self.curation.papers)
        written = len(self.writer.written)
        return Generated(
            papers,
            self.pages,
            written,
            nav,
            entries,
            self.settings.search,
            self.writer.changed,
            frozenset(self.writer.written),
        )


def field_views() -> tuple[FieldView, ...]:
    """The export's keys as README's "Export schema" table describes them, for the About page."""
    views = []
    for f in EXPORT_FIELDS:
        # One paragraph of the project's own Markdown: without its <p>, it fits a table cell.
        meaning = render_note(f.meaning).strip().removeprefix("<p>").removesuffix("</p>")
        views.append(FieldView(f.name, f.type, Markup(meaning)))
    return tuple(views)


def search_example(curation: Curation) -> str | None:
    """An example query for the search field that finds papers on this site, or None.

    The first theme title, else section title, in curation order, every word of which one paper
    of that theme or section holds in its title or abstract (what search indexes): an example
    that finds nothing tells a reader search is broken.
    """
    candidates = [(theme.title, curation.in_theme(theme.id)) for theme in curation.themes]
    candidates += [
        (section.title, curation.in_section(theme.id, section.id))
        for theme in curation.themes
        for section in theme.sections
    ]
    for text, items in candidates:
        wanted = _words(text)
        if wanted and any(wanted <= _words(f"{i.paper.title} {i.paper.abstract}") for i in items):
            return text
    return None


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _write_data(
    writer: SiteWriter,
    curation: Curation,
    settings: SiteSettings,
    citations: dict[str, Citation],
) -> None:
    """papers.json and .csv, themes.json, their JSON Schemas, BibTeX per theme and of all, feeds."""
    objects = export_objects(curation)
    writer.write(urls.PAPERS_JSON, to_json(objects))
    writer.write(urls.PAPERS_SCHEMA, schema_json())
    writer.write(urls.PAPERS_CSV, to_csv(objects))
    writer.write(urls.THEMES_JSON, themes_json(curation))
    writer.write(urls.THEMES_SCHEMA, themes_schema_json())
    site = settings.site_url

    def feed(
        title: str,
        url: str,
        page_url: str,
        items: Sequence[CuratedPaper],
        first_url: str | None = None,
    ) -> bytes:
        return atom_feed(
            title=title,
            feed_url=f"{site}{url}",
            feed_id=f"{site}{first_url}" if first_url else None,
            page_url=page_url,
            site_url=site,
            items=items,
            built=settings.built,
            max_entries=settings.options.feed_entries,
            author=settings.site_author,
            language=settings.language,
        )

    # One file of every paper, so a reader who wants several themes gets each key once.
    every = (citations[item.paper.id] for item in curation.papers)
    writer.write(urls.EVERY_BIBTEX, bibtex_file(f"{settings.site_name}: every paper", every))
    view = newest_feed(settings.site_name)
    newest = feed(view.title, view.url, site, curation.papers)
    writer.write(urls.NEWEST_FEED, newest)
    for theme in curation.themes:
        items = curation.in_theme(theme.id)
        entries = (citations[i.paper.id] for i in items)
        title = f"{settings.site_name}: {theme.title}"
        bibtex = bibtex_file(title, entries)
        view = theme_feed(settings.site_name, theme)
        # A renamed theme's feed keeps the id it had at its first address (formerly's first,
        # the oldest): Atom asks that a feed's id never change, and readers may tell feeds by it.
        first = urls.feed_url(theme.formerly[0]) if theme.formerly else None
        atom = feed(view.title, view.url, f"{site}{urls.theme_url(theme.id)}", items, first)
        # Neither Atom nor BibTeX has a redirect, and a feed reader polls the address it was
        # given: an old id's address serves the same file as the new. The feed's self link is
        # the new address, where a reader may move the subscription; its entries are the same.
        for theme_id in (theme.id, *theme.formerly):
            writer.write(urls.bibtex_url(theme_id), bibtex)
            writer.write(urls.feed_url(theme_id), atom)


def template_mistake(error: jinja2.TemplateError, folder: Path) -> PapersiteError | None:
    """``error`` as a PapersiteError at the line of the template in ``folder`` that made it.

    A syntax error names its template and line; an error while rendering (a name, attribute,
    filter or test the template does not have) is found at the innermost frame of a template,
    which Jinja2 rewrites to carry the template's file name and line. An error with no template
    to blame (Python asking for a template that does not exist) is None: a bug, left to show so.
    """
    place: tuple[str, int] | None = None
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        place = error.filename, error.lineno
    else:
        trace = error.__traceback__
        while trace is not None:
            filename = trace.tb_frame.f_code.co_filename
            if Path(filename).is_relative_to(folder):
                place = filename, trace.tb_lineno
            trace = trace.tb_next
    if place is None:
        return None
    if isinstance(error, jinja2.TemplateNotFound):
        message = f"no template named {error.name!r}"
    else:
        # Jinja's lexer counts characters from the template's start ("unexpected char '#' at
        # 409"): the line is given already, and the count means nothing to the one editing it.
        message = _CHAR_OFFSET.sub("", error.message or type(error).__name__)
    return PapersiteError(display_path(place[0]), place[1], message)


_CHAR_OFFSET = re.compile(r" at \d+$")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # Everything printed is HTML-escaped unless a filter below made it Markup on purpose.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The templates are the package's own and do not change during a run: checking each one's
        # modification time on every page was a twentieth of rendering.
        auto_reload=False,
    )
    env.filters["md"] = lambda text: Markup(escape_markdown(str(text)))
    env.filters["yaml"] = _yaml_string
    env.filters["href"] = lambda url: Markup(escape_url(str(url)))
    env.filters["counted"] = counted
    env.filters["published_on"] = published_on
    env.globals["page_span"] = page_span
    # Templates take every address from papersite.urls, never spell one.
    env.globals["urls"] = urls
    env.globals["page_titles"] = PAGE_TITLES
    # A paper's anchor on a page listing it, which curators' links name too (#paper-<id>).
    env.globals["paper_anchor_prefix"] = urls.PAPER_ANCHOR_PREFIX
    return env


T = TypeVar("T")
# Pages up to which a pager links every one; past it, the first, the last and the neighbours.
PAGER_WINDOW = 7


@dataclass(frozen=True)
class SectionPlace:
    """A section of a paginated theme as each of its pages lists them: where it starts and ends."""

    id: str
    title: str
    count: int
    # The pages it is shown on, counting from 1: a long section goes on over several.
    first_page: int
    last_page: int
    # The address of the page it starts on, from the site's root.
    url: str

    def shown_on(self, number: int) -> bool:
        """Whether page ``number`` of the theme shows (part of) the section."""
        return self.first_page <= number <= self.last_page


@dataclass(frozen=True)
class DateRun:
    """Pages of a newest-first list that one line of its "Pages by date" stands for."""

    # Counting from 1; the same page for a run of one.
    first: int
    last: int
    # What they span (date_range); a run of several pages holds only undated papers.
    dates: str

    def stands_for(self, number: int) -> bool:
        """Whether page ``number`` of the list is one of the run's."""
        return self.first <= number <= self.last


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list split into pages (Unsorted, a theme): its items and its neighbours.

    Its addresses are :func:`papersite.urls.list_page_url`'s: the first page keeps the list's own,
    which the navigation and older links use.
    """

    # The address of the list's first page, the one the navigation links to.
    first_url: str
    label: str
    number: int
    count: int
    items: tuple[T, ...]
    # The places of its first and last paper in the whole list, counting from 1 (0 when empty).
    first: int
    last: int
    # A theme's sections, every page's list of them: a reader on page 1 learns what page 3 holds.
    sections: tuple[SectionPlace, ...] = ()
    # What each page of Unsorted spans (date_range), by number from 1: where to jump for a year.
    dates: tuple[str, ...] = ()
    # The same, as its "Pages by date" lists them (date_runs).
    date_runs: tuple[DateRun, ...] = ()

    @property
    def holds(self) -> str:
        """Which of the list's papers the page holds: "papers 301 to 600", or "paper 2" alone."""
        if self.first == self.last:
            return f"paper {self.first}"
        return f"papers {self.first} to {self.last}"

    @property
    def title(self) -> str:
        """The page's title and heading."""
        return self.label if self.number == 1 else f"{self.label}, page {self.number}"

    @property
    def path(self) -> str:
        """The Markdown file, under the docs folder."""
        return urls.page_file(self.url)

    @property
    def url(self) -> str:
        """The address from the site's root."""
        return self.page_url(self.number)

    @property
    def root(self) -> str:
        """The way back to the site's root from this page."""
        return urls.up_to_root(self.url)

    @property
    def previous_url(self) -> str | None:
        """The address of the page before (Unsorted: newer papers)."""
        return self.page_url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        """The address of the page after (Unsorted: older papers)."""
        return self.page_url(self.number + 1) if self.number < self.count else None

    @property
    def window(self) -> tuple[int | None, ...]:
        """The page numbers the pager links to, None for an ellipsis between two of them.

        Every page when there are few; else the first, the last and this one's neighbours, so
        the pager stays one line on a phone however many pages the list has.
        """
        if self.count <= PAGER_WINDOW:
            return tuple(range(1, self.count + 1))
        near = range(max(1, self.number - 1), min(self.count, self.number + 1) + 1)
        numbers: list[int | None] = []
        previous = 0
        for number in sorted({1, *near, self.count}):
            if number - previous == 2:
                numbers.append(number - 1)  # an ellipsis would hide no more than that one page
            elif number - previous > 2:
                numbers.append(None)
            numbers.append(number)
            previous = number
        return tuple(numbers)

    def page_url(self, number: int) -> str:
        """The address of page ``number`` of the list."""
        return urls.list_page_url(self.first_url, number)


@dataclass(frozen=True)
class PageSpan:
    """Pages of a list as every page of it names them, printed: "page 3", "pages 2–4".

    In two parts, for a template to keep the numbers together on a line.
    """

    word: str
    numbers: str

    def __str__(self) -> str:
        return f"{self.word} {self.numbers}"


def page_span(first: int, last: int) -> PageSpan:
    """Pages ``first`` to ``last`` of a list, as every page of it names them.

    A theme's list of sections and Unsorted's pages by date both say where something is.
    """
    return PageSpan("page", str(first)) if first == last else PageSpan("pages", f"{first}–{last}")


def paginate(
    papers: Sequence[PaperView],
    size: int,
    published: Sequence[date | None] = (),
    first_url: str = urls.UNSORTED,
    label: str | None = None,
) -> list[ListPage[PaperView]]:
    """A list of papers (Unsorted, a tag's) in pages of ``size``; one empty page when none.

    ``published`` holds the papers' dates, in the same order: each page then says what it spans.
    ``label`` is the pages' title, Unsorted's without one.
    """
    # Looked up now, not when the module was read, as the nav's entry is: the two stay the same.
    label = PAGE_TITLES[urls.UNSORTED] if label is None else label
    starts = range(0, len(papers), size) or range(1)
    chunks = [published[start : start + size] for start in starts]
    dates = tuple(date_range(chunk) for chunk in chunks)
    runs = date_runs(chunks)
    return [
        ListPage(
            first_url,
            label,
            number,
            len(starts),
            tuple(papers[start : start + size]),
            min(start + 1, len(papers)),
            min(start + size, len(papers)),
            dates=dates if published else (),
            date_runs=runs if published else (),
        )
        for number, start in enumerate(starts, start=1)
    ]


def date_range(days: Sequence[date | None]) -> str:
    """What a page of a newest-first list spans: "Nov 2022 – Mar 2021", its undated counted.

    Undated papers are counted in DATE_UNKNOWN's words: "Jan 2019 and 2 papers with publication
    date unknown". Months, not days: a page of a thousand papers spans months, and a reader looks
    for one.
    """
    known = sorted(day for day in days if day)
    # The newest month, then the oldest when it is another.
    span = " – ".join(
        dict.fromkeys(f"{MONTH_NAMES[d.month - 1]} {d.year}" for d in known[-1:] + known[:1])
    )
    undated = len(days) - len(known)
    if not undated:
        return span
    papers = f"{counted(undated, 'paper')} with {DATE_UNKNOWN}"
    return f"{span} and {papers}" if span else papers


def date_runs(pages: Sequence[Sequence[date | None]]) -> tuple[DateRun, ...]:
    """Each page's span (date_range), pages after each other holding only undated papers as one.

    Undated papers come last, and thousands of them made dozens of lines alike ("Page 18: 5
    undated papers" to "Page 61: 5 undated papers"); the pager still reaches each page.
    """
    runs: list[DateRun] = []
    undated_before = False
    for number, days in enumerate(pages, start=1):
        undated = bool(days) and not any(days)
        if undated and undated_before:
            runs[-1] = DateRun(runs[-1].first, number, f"papers with {DATE_UNKNOWN}")
        else:
            runs.append(DateRun(number, number, date_range(days)))
        undated_before = undated
    return tuple(runs)


def paginate_theme(theme: ThemeView, size: int) -> list[ListPage[SectionView]]:
    """A theme's sections in pages of ``size`` papers, in reading order.

    A section that does not fit goes on at the top of the next page, marked ``continued`` and
    without its introduction; a section with no papers stays where it falls in the order.
    """
    total = sum(len(section.papers) for section in theme.sections)
    count = max(1, math.ceil(total / size))
    pages: list[list[SectionView]] = [[] for _ in range(count)]
    position = 0
    for section in theme.sections:
        if not section.papers:
            pages[min(position // size, count - 1)].append(section)
        done = 0
        while done < len(section.papers):
            # A chunk ends at the section's end or at the end of the page it starts on.
            at = position + done
            room = size - at % size
            chunk = section.papers[done : done + room]
            pages[at // size].append(
                dataclasses.replace(
                    section,
                    papers=chunk,
                    intro=section.intro if done == 0 else None,
                    continued=done > 0,
                )
            )
            done += len(chunk)
        position += len(section.papers)
    first = urls.theme_url(theme.id)
    places = []
    position = 0
    for section in theme.sections:
        # An empty section falls where the next paper would (on the last page past the end).
        start = min(position // size, count - 1) + 1
        end = max(start, (position + len(section.papers) - 1) // size + 1)
        places.append(
            SectionPlace(
                section.id,
                section.title,
                len(section.papers),
                start,
                end,
                urls.list_page_url(first, start),
            )
        )
        position += len(section.papers)
    return [
        ListPage(
            first,
            theme.title,
            number,
            count,
            # A later page is a folder below the first, so its intros' links need one more "../".
            tuple(
                dataclasses.replace(
                    s, to_first=urls.up_to(urls.list_page_url(first, number), first)
                )
                for s in items
            ),
            min((number - 1) * size + 1, total),
            min(number * size, total),
            sections=tuple(places),
        )
        for number, items in enumerate(pages, start=1)
    ]


def _yaml_string(text: str) -> Markup:
    """A front-matter value: HTML-escaped (Material prints titles and tags as HTML), quoted."""
    escaped = escape_html(text)
    if escaped.isprintable() and (escaped.isascii() or max(escaped) <= "\ufffd"):
        # For printable text, JSON's string is PyYAML's double-quoted scalar byte for byte (only
        # '"' and '\\' escaped), at a thirtieth of the cost: a tenth of rendering every paper page,
        # whose descriptions (from abstracts) are often not ASCII. PyYAML escapes characters past
        # U+FFFD, which JSON would write as they are.
        return Markup(json.dumps(escaped, ensure_ascii=False))
    dumped = yaml.safe_dump(escaped, default_style='"', width=1_000_000, allow_unicode=True)
    return Markup(dumped.strip())


def _note(text: str | None, *, prefix: str = "") -> Markup | None:
    return Markup(render_note(text, prefix=prefix)) if text and text.strip() else None


def _seen_in_order(source: SourceFile) -> tuple[int, date, str]:
    """Dated captures by day; a year alone after that year's dated ones; unknown ones last."""
    # catalogue.capture_order puts a year alone first, to keep ids; a reader wants known days first.
    year = source.captured.year if source.captured else source.captured_year
    return (year or 9999, source.captured or date.max, source.name)


def _where(paper: Paper) -> str:
    return paper.sources[0] if paper.sources else paper.id


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://")) and safe_url(url) is not None


def _link_label(url: str) -> str:
    return url.split("://", 1)[1].rstrip("/")


def _each_address_once(links: Iterable[LinkView], listed: set[str]) -> tuple[LinkView, ...]:
    """The links to addresses not ``listed`` yet, each address once under its first label.

    Curators' links come first, so their label wins over an address written in the abstract.
    """
    kept = []
    for link in links:
        address = _address(link.url)
        if address not in listed:
            listed.add(address)
            kept.append(link)
    return tuple(kept)


def _address(url: str) -> str:
    """An address as readers tell it apart: http or https, a host's case, a final / all alike."""
    _, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return host.lower() + slash + path.rstrip("/")


def _related_views(related: Related, views: dict[str, PaperView]) -> tuple[RelatedView, ...]:
    return tuple(
        RelatedView(paper_id, views[paper_id].title, views[paper_id].published)
        for paper_id in related.related
    )


def _progress(items: Sequence[CuratedPaper], enabled: bool, unit: str) -> Iterable[CuratedPaper]:
    if not enabled:
        return items
    from tqdm import tqdm  # only when a terminal shows it

    bar: Iterator[CuratedPaper] = iter(
        tqdm(items, unit=unit, desc="Writing paper pages", leave=False)
    )
    return bar
