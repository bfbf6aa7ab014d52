"""Live preview for curators: MkDocs' dev server over Markdown that is regenerated on every edit.

MkDocs watches the generated docs folder and reloads the browser. A thread here watches the content
folder, the templates, mkdocs.yml and the files its INHERIT names, and the theme's custom_dir; on a
change it regenerates the Markdown, and the writer rewrites only the files whose bytes changed (an
edit to the theme's templates has every page touched instead). An edit that breaks the content
prints its problems and keeps the last good preview on screen, with the problems at the bottom of
every page (a script only the preview adds, see Preview.show_problems). Unlike a build, the preview
has no search and never splits MkDocs' sitemap into a sitemap index (see papersite.sitemap).

Papersite's regenerations and MkDocs' builds take turns (Preview.lock): MkDocs' watcher wakes at the
first file papersite rewrites, and a build reading the docs folder while it is being written finds
pages changed between its reading and its rendering of them, which fails.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_IFMT, S_ISDIR, S_ISREG
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from papersite.build import docs_folder_refusal, file_in_the_way_refusal, generate_docs
from papersite.catalogue import Catalogue, read_catalogue
from papersite.content import Loaded, load_content
from papersite.errors import (
    CannotWrite,
    PapersiteError,
    Problem,
    Severity,
    Stopped,
    display_path,
    spellings,
    stop_if_asked,
)
from papersite.mkdocs_glue import (
    CONFIG_FILE,
    THEME_OVERRIDES,
    MkDocsLog,
    load_mkdocs_config,
    load_mkdocs_yaml,
    mkdocs_config_problem,
    mkdocs_failures,
    mkdocs_logging,
    mkdocs_nav,
    mkdocs_overrides,
    one_line,
    papersite_options,
    with_theme_overrides,
)
from papersite.options import inherited, inheriting, line_of, written_at
from papersite.related import Related, related_papers
from papersite.render import (
    LITTER,
    MARKER,
    TEMPLATES,
    Generated,
    SiteWriter,
    holds_nothing_but_litter,
    refusals_to_write,
    write_assets,
)
from papersite.sources import SOURCES_DIR, link_in_the_way
from papersite.wording import counted, listed

POLL_SECONDS = 0.5
# How often MkDocs' watcher, waiting for its turn (see _look_in_turn), looks whether it was stopped.
LOCK_SLICE_SECONDS = 0.05
# How many times a regeneration writes the pages again into a docs folder removed as they are
# written (see Preview._write_pages).
WRITE_ATTEMPTS = 5
# How long after a folder's last change its modification time is not trusted to tell a change
# since: some file systems keep it to the second or two (FAT, HFS+), and Linux to the clock's tick,
# so a page removed just after the folder was listed may leave the time as it was (see
# Preview._removed).
RECENT_NS = 2_000_000_000
# How many of the files and folders removed from the docs folder a line names; the rest are
# counted (``rm build/docs/papers/*.md`` removes thousands).
NAMED_REMOVED = 5
# The highest TCP port.
MAX_PORT = 65535
# MkDocs' hooks of the preview (its ``hooks`` setting): see on_serve.
HOOKS_FILE = Path(__file__).with_name("serve_hooks.py")
# The preview's own files in the docs folder, which builds never have (see Preview.show_problems):
# the script every page runs (in MkDocs' extra_javascript) and the errors it shows.
PROBLEMS_SCRIPT = "javascripts/papersite-preview.js"
PROBLEMS_FILE = "papersite-preview.json"
# Settings of mkdocs.yml the preview reads once, at start-up: papersite gives MkDocs its own
# theme, plugins, hooks and extra_javascript (see serve), built from them, for every rebuild; the
# pages are written to the docs_dir read then; and the server listens where it began to, at the
# path of site_url (see _startup_settings).
STARTUP_SETTINGS = (
    "theme",
    "plugins",
    "hooks",
    "extra_javascript",
    "docs_dir",
    "dev_addr",
    "site_url",
)


# What snapshot knows of a file: its modification time, size, permissions, owner and group.
Seen = tuple[int, int, int, int, int]


def snapshot(paths: Iterable[Path]) -> dict[Path, Seen]:
    """Modification time, size and access of each file, and of every file under each folder.

    A cheap change detector. Access too: a file made unreadable (chmod 000) and readable again
    keeps its time and size, so the preview went on listing it as unreadable once it was
    readable again, and an unreadable dump went untold behind the catalogue read before.
    """
    seen: dict[Path, Seen] = {}
    for root in paths:
        # os.walk lists nothing for a file (mkdocs.yml), and skips a folder that vanishes while
        # it walks.
        files = [root] if root.is_file() else (Path(p, n) for p, _, ns in os.walk(root) for n in ns)
        for path in files:
            # A file may vanish between being listed and being looked at: editors write and
            # delete temporary files as they save.
            try:
                stat = path.stat()
            except OSError:
                continue
            if S_ISREG(stat.st_mode):
                seen[path] = (
                    stat.st_mtime_ns,
                    stat.st_size,
                    stat.st_mode,
                    stat.st_uid,
                    stat.st_gid,
                )
    return seen


@dataclass
class Preview:
    """What the last regeneration read, so an edit costs only what it changed.

    A curator mostly edits papers.yaml: the sources, and so the catalogue, stay the same, and the
    related papers stay the same while the same papers are shown. Both are kept and reused; the
    curation is always read again, and the writer rewrites only files whose bytes changed, so
    MkDocs rebuilds only those pages.
    """

    content: Path
    docs: Path
    config_file: Path
    # The navigation MkDocs builds with. MkDocs' dev server reads its settings again for every
    # rebuild, from the same overrides, so changing this list in place changes the next build's.
    nav: list[dict[str, str]] = field(default_factory=list)
    sources_seen: dict[Path, Seen] = field(default_factory=dict)
    catalogue: Catalogue | None = None
    # The papers shown and how many related papers each lists, which ``related`` was found for.
    related_for: tuple[tuple[str, ...], int] = ((), 0)
    related: Mapping[str, Related] | None = None
    # Held while papersite writes the docs folder, while MkDocs builds from it and while its
    # watcher looks at it (see on_serve).
    lock: threading.Lock = field(default_factory=threading.Lock)
    # The inputs as they were when last regenerated from, and the errors that regeneration met.
    inputs_seen: dict[Path, Seen] = field(default_factory=dict)
    failed: tuple[Problem, ...] = ()
    # Whether the last generation wrote, removed or touched a page: MkDocs rebuilds only then.
    pages_changed: bool = False
    # Set once MkDocs' first build is done and its rebuilds take their turn (see on_serve).
    serving: threading.Event = field(default_factory=threading.Event)
    # The theme's custom_dir (papersite's overrides, or one mkdocs.yml sets), whose templates
    # MkDocs renders every page with. MkDocs watches only the docs folder and mkdocs.yml.
    theme: Path | None = None
    # mkdocs.yml's STARTUP_SETTINGS as serve read them, to tell an edit to them that the preview
    # cannot show; None when not serving.
    startup: dict[str, Any] | None = None
    # The values of them an edit was told to need a new start for: each is told once.
    startup_told: dict[str, Any] = field(default_factory=dict)
    # Where MkDocs' messages go while serving, and the errors its last rebuild failed with (see
    # on_serve).
    mkdocs_log: MkDocsLog | None = None
    mkdocs_failed: tuple[Problem, ...] = ()
    # Whether the docs folder holds no site yet, but the page saying to fix the errors first.
    waiting: bool = False
    # Set as the preview stops: a regeneration going on stops at its next step (see _Watcher).
    stop: threading.Event = field(default_factory=threading.Event)
    # The temporary folder MkDocs' dev server builds the site into (see on_shutdown).
    site: Path | None = None
    # What the last refreshes have to say once MkDocs' rebuild they start is done: each line as
    # said if it succeeds, and as said if it fails (see refresh).
    untold: list[tuple[str, str]] = field(default_factory=list)
    # The docs folder as the last generation left it (see _folder_id), to tell it removed or
    # replaced since (make clean, git clean): see refresh.
    docs_id: tuple[int, int] | None = None
    # Has MkDocs' watcher watch the docs folder afresh (see on_serve); None before it serves.
    rewatch: Callable[[], None] | None = None
    # Whether the file standing where the docs folder is was told already (see _docs_in_the_way).
    told_in_the_way: bool = False
    # The files the last generation left in the docs folder, by folder (paths relative to it, ""
    # for the docs folder itself; every folder above a file has its entry), to tell a folder or
    # page removed since (rm -rf build/docs/papers, or build/docs/themes/<id>): see _removed.
    docs_written: dict[str, frozenset[str]] = field(default_factory=dict)
    # The modification time of each of those folders when last listed and found whole, or missing
    # only what was told; one changed since, or not listed yet, is listed at the next look.
    docs_listed: dict[str, int] = field(default_factory=dict)
    # The folders and pages told removed since the last generation that wrote them all, with the
    # type of what stood in their place once told (see _standing): a file in a folder's place,
    # a folder in a page's, which the writer refuses or cannot write over, or nothing, for those
    # the writer stopped short of. Each is told again only once that changes (see _removed).
    told_gone: dict[str, int | None] = field(default_factory=dict)

    @property
    def inputs(self) -> tuple[Path, ...]:
        """What the pages are made from: mkdocs.yml holds papersite's options (page sizes...)."""
        theme = () if self.theme is None else (self.theme,)
        return (self.content, TEMPLATES, *self.settings_files, *theme)

    @property
    def settings_files(self) -> tuple[Path, ...]:
        """mkdocs.yml and the files its INHERIT leads to, whose settings MkDocs merges into it.

        Read again at each look: an edit may add an INHERIT. A bad one is the regeneration's to
        tell; the files are watched as far as they were read, the one refused too: with
        mkdocs.yml alone watched, a second mistake in a refused base.yml was never told, and the
        box went on listing the first.
        """
        files: list[Path] = []
        # One at a time: those yielded before the refusal are kept.
        with contextlib.suppress(PapersiteError):
            for path in inheriting(self.config_file):
                files.append(path)
        return tuple(files)

    def start(self) -> None:
        """The first generation; inputs change from here on.

        Errors in the inputs (the content, mkdocs.yml's options, the templates) do not stop the
        preview: the docs folder then holds one page saying to fix them, the box under it lists
        them, and the first good generation puts the site there. Any other error (a docs folder
        that cannot be written, or is refused) raises.
        """
        self._check_docs()
        # Looked at first: an edit saved while the pages are written is one more change.
        self.inputs_seen = snapshot(self.inputs)
        try:
            self.generate()
        except PapersiteError as error:
            # A file of the docs folder that cannot be written is no input's either.
            if isinstance(error, CannotWrite) or not all(
                self._is_input(problem.path) for problem in error.problems
            ):
                raise
            self.failed = error.problems
            # Written first: a docs folder that cannot be written is then the one line said.
            self._wait_for_a_fix()
            for problem in error.problems:
                print(problem, file=sys.stderr)
            print(
                "papersite: the preview shows a page listing the errors, and the site once they "
                "are fixed",
                file=sys.stderr,
            )
        self.show_problems()

    def _check_docs(self) -> None:
        """Refuse a docs folder whose pruning would remove the project or the inputs.

        The marker file that lets the writer prune a folder can be committed by a pull request,
        and docs_dir set to the project's folder or the content's: refused whatever it holds.
        """
        theme = () if self.theme is None else (self.theme,)
        refusal = docs_folder_refusal(
            self.docs, self.config_file, self.content, [TEMPLATES, *theme]
        )
        if refusal is not None:
            raise PapersiteError(
                display_path(self.config_file),
                line_of(self.config_file, ("docs_dir",)),
                f"docs_dir {display_path(self.docs)!r}: {refusal}",
            )

    def _is_input(self, shown: str) -> bool:
        """Whether a problem's path, as shown, is one of the inputs or under one.

        A problem with the docs folder itself (not papersite's) is none: the writer names it.
        Where a path is and where its links lead both count: the content's curation folder
        linking to nowhere outside it, or to itself, is still the content's mistake.
        """
        path = spellings(Path(shown))
        if path & spellings(self.docs):
            return False
        return any(
            spelling.is_relative_to(folder)
            for spelling in path
            for given in self.inputs
            for folder in spellings(given)
        )

    def _wait_for_a_fix(self) -> None:
        """Leave one page in the docs folder, saying the content's errors come first."""
        # Pages an earlier preview left are not served: the navigation they were made with is
        # not known, and MkDocs without one lists every page (each paper's) in its own.
        with refusals_to_write(self.docs):
            writer = SiteWriter(self.docs, keep=(PROBLEMS_SCRIPT, PROBLEMS_FILE))
            writer.write("index.md", (TEMPLATES / "preview-waiting.md").read_bytes())
            write_assets(writer)
            writer.prune()
        self.waiting = True
        self.docs_id = _folder_id(self.docs)
        self._note_written(writer.written)

    def refresh(self) -> None:
        """Regenerate when an input changed since the last look; hold ``lock`` meanwhile.

        A change to the theme's templates alone regenerates nothing: every page is touched, as
        MkDocs' dirty rebuilds render only touched pages, and the touch starts MkDocs' rebuild.
        A docs folder removed, replaced or emptied since the last generation, or a folder or page
        removed from it, is written again first; a file in its place is said once, and nothing is
        written until it is gone.

        Any error but a stop is told with its traceback, as the bug it is, and watching goes on:
        a dead watcher left the preview frozen without a word, and the next look may well work.
        """
        try:
            self._refresh()
        except Exception:
            traceback.print_exc()
            print("papersite: regenerating failed (a bug); still watching", file=sys.stderr)

    def _refresh(self) -> None:
        """:meth:`refresh`, errors raised."""
        if self._docs_in_the_way():
            return
        shown = display_path(self.docs)
        if _folder_id(self.docs) != self.docs_id:
            self._write_docs_again(f"{shown} was removed")
        elif self._docs_emptied():
            self._write_docs_again(f"{shown} was emptied")
        elif gone := self._removed():
            were = "was" if len(gone) == 1 else "were"
            named = [f"{shown}/{path}" for path in gone[:NAMED_REMOVED]]
            if len(gone) > NAMED_REMOVED:
                named[-1] = f"{len(gone) - NAMED_REMOVED + 1} more"
            self._write_docs_again(f"{listed(named)} {were} removed")
            if self.failed:
                # Kept with those told before, all as they stand now: keeping only the last told
                # had the others found gone again, and the pages regenerated, at every look.
                told = self.told_gone.keys() | gone
                self.told_gone = {path: self._standing(path) for path in told}
        now = snapshot(self.inputs)
        if now == self.inputs_seen:
            return
        changed = {
            path
            for path in now.keys() | self.inputs_seen.keys()
            if now.get(path) != self.inputs_seen.get(path)
        }
        self.inputs_seen = now
        settings = bool(changed.intersection(self.settings_files))
        theme = {path for path in changed if self._in_theme(path)}
        done: list[str] = []
        rewrote = False
        # Every page is touched for the theme's templates, and for a setting of MkDocs' that
        # changes no Markdown (copyright, extra, the palette): MkDocs' dirty rebuilds render only
        # touched pages, and it showed on none.
        every_page = bool(theme)
        if changed - theme:
            started = time.perf_counter()
            regenerated = self.regenerate()
            every_page = every_page or (regenerated and settings)
            if regenerated and self.pages_changed:
                rewrote = True
                done.append(f"pages regenerated in {time.perf_counter() - started:.1f} s")
            elif regenerated and not every_page:
                # A comment in papers.yaml: the writer rewrote nothing, and MkDocs rebuilds nothing.
                done.append("no page changed")
        if every_page:
            _touch_every_file(self.docs, self.stop)
            done.append("every page rebuilt")
        said: list[tuple[str, str]] = []
        if done:
            what = f"papersite: {self._what_changed(changed)} changed"
            said.append((f"{what}, {', '.join(done)}", what))
        if settings:
            said.extend((line, line) for line in self._startup_settings_changed())
        # While serving, MkDocs rebuilds after pages are written or touched, or mkdocs.yml edited,
        # and may fail (a template's or a setting's mistake): "every page rebuilt" said first was
        # followed by the error that stopped it. Said once it is done (see on_serve).
        rebuilds = rewrote or every_page or settings
        if self.serving.is_set() and rebuilds:
            self.untold.extend(said)
        else:
            for line, _ in said:
                print(line, file=sys.stderr)

    def _docs_in_the_way(self) -> bool:
        """Whether a file stands where the docs folder is, or above it; said once while it does.

        ``rm -rf build/docs; touch build/docs`` while serving: every look raised
        NotADirectoryError, and MkDocs' rebuild removed every page it served. papersite removes
        no file it did not make: the last good pages are served on, and once the file is gone,
        the next look writes the folder again (see :meth:`_write_docs_again`).
        """
        refusal = file_in_the_way_refusal(self.docs)
        if refusal is None:
            self.told_in_the_way = False
            return False
        if not self.told_in_the_way:
            self.told_in_the_way = True
            print(
                f"{display_path(self.docs)}: {refusal}: the preview serves the last good pages, "
                "and writes the pages there again once the file is removed",
                file=sys.stderr,
            )
        return True

    def _docs_emptied(self) -> bool:
        """Whether the docs folder papersite wrote was emptied (``rm -rf build/docs/*``).

        Only its top level is looked at, cheap at every look: emptied, it holds nothing but
        papersite's marker (a dot file, which ``*`` leaves) or a file manager's litter.
        """
        if self.docs_id is None:
            return False
        try:
            with os.scandir(self.docs) as entries:
                return all(
                    (entry.name == MARKER or entry.name in LITTER) and entry.is_file()
                    for entry in entries
                )
        except OSError:  # gone meanwhile: the next look finds it removed
            return False

    def _removed(self) -> list[str]:
        """What the last generation wrote that is gone: folders, and files in folders left.

        ``rm -rf build/docs/papers``, or ``build/docs/themes/<id>`` or one paper's page, while
        serving: MkDocs removed the pages it served from them, and nothing was written again
        until an edit. Paths relative to the docs folder, sorted; a folder gone stands for all
        in it. Cheap at every look at 50,000 papers: a stat of each folder papersite wrote (a
        few, and one for each theme or tag split into pages), and a folder is listed only when
        its modification time says something in it was made or removed since it was last listed.
        Stating every file instead walked 50,000 of them twice a second.

        One a file stands in place of is written again once that file is gone, not at every
        look: ``rm -rf build/docs/themes; : > build/docs/themes`` had the writer's refusal
        printed, and the pages regenerated, twice a second. So is a page a folder stands in place
        of (``rm x.md; mkdir x.md``), which its name alone, still listed, did not tell gone. One
        told gone is found again only once what stands in its place changes (see ``told_gone``):
        the folder in the way removed, or one put in the place of a page the writer stopped
        short of.
        """
        gone: list[str] = []
        lost: set[str] = set()
        for folder in sorted(self.docs_written):  # a folder before the folders in it
            if folder and folder.rpartition("/")[0] in lost:
                lost.add(folder)
                continue
            path = self.docs / folder
            try:
                stat = path.stat()
            except OSError:
                stat = None
            if stat is None or not S_ISDIR(stat.st_mode):
                if not folder:  # the docs folder itself: the next look finds it removed
                    return []
                lost.add(folder)
                gone.append(folder)
                continue
            if self.docs_listed.get(folder) == stat.st_mtime_ns:
                continue
            try:
                with os.scandir(path) as entries:
                    # A folder in a page's place (rm x.md; mkdir x.md) is no page: the names alone
                    # told nothing gone. The type is the listing's, no stat of each page.
                    names = {entry.name for entry in entries if not entry.is_dir()}
            except OSError:  # removed meanwhile: the next look finds it gone
                continue
            missing = [
                f"{folder}/{name}" if folder else name
                for name in sorted(self.docs_written[folder] - names)
            ]
            gone.extend(missing)
            # A removal within the same tick of the file system's clock leaves the time as it
            # is: a time that recent is not kept, and the folder is listed again at the next look.
            # A folder in a page's place stays so until its folder changes: not listed every look.
            whole = all(self._told_as_it_is(path) for path in missing)
            if whole and time.time_ns() - stat.st_mtime_ns > RECENT_NS:
                self.docs_listed[folder] = stat.st_mtime_ns
        return sorted(path for path in gone if not self._told_as_it_is(path))

    def _told_as_it_is(self, path: str) -> bool:
        """Whether ``path`` (in the docs folder) was told gone, and stands as it stood then."""
        return path in self.told_gone and self._standing(path) == self.told_gone[path]

    def _standing(self, path: str) -> int | None:
        """The type of what stands at ``path`` in the docs folder (S_IFDIR...), None for nothing.

        Its own, not a link's target: a link put in place of a page is no page either.
        """
        try:
            return S_IFMT(os.lstat(self.docs / path).st_mode)
        except OSError:
            return None

    def _note_written(self, written: Iterable[Path]) -> None:
        """Keep the files a generation left in the docs folder, ``written``, to tell one removed.

        The marker and the preview's own files are left out: they are not the pages', and a
        marker removed is the writer's to refuse at the next regeneration. Every folder is listed
        at the next look (see :meth:`_removed`): a page removed as the pages were written is
        found then.
        """
        # The writer's paths are under the docs folder resolved.
        prefix = str(self.docs.resolve()) + os.sep
        own = {MARKER, PROBLEMS_SCRIPT, PROBLEMS_FILE}
        folders: dict[str, set[str]] = {"": set()}
        for path in written:
            relative = str(path).removeprefix(prefix).replace(os.sep, "/")
            if relative in own:
                continue
            folder, _, name = relative.rpartition("/")
            if folder not in folders:
                parts = folder.split("/")
                for depth in range(1, len(parts) + 1):
                    folders.setdefault("/".join(parts[:depth]), set())
            folders[folder].add(name)
        self.docs_written = {folder: frozenset(names) for folder, names in folders.items()}
        self.docs_listed = {}
        # Every page written: nothing stood in the way, and a folder put in a page's place again
        # is news again.
        self.told_gone = {}

    def _write_docs_again(self, what: str) -> None:
        """Write the pages into a docs folder removed (``rm -rf``, make clean), replaced or emptied.

        MkDocs' watcher of the folder stops for good once the folder is gone: MkDocs rebuilt
        nothing after, and the preview stayed stale. It watches the new folder (``rewatch``)
        before the pages are written, so that it sees them all and rebuilds. ``what``: what
        happened to the folder, or to folders in it, as said ("build/docs was emptied").
        """
        started = time.perf_counter()
        # The pages are made from the inputs as they are now: an edit made meanwhile (while a
        # file stood in the folder's place) is no change to regenerate once more after.
        self.inputs_seen = snapshot(self.inputs)
        # A file in its place: the regeneration says it cannot write there.
        with contextlib.suppress(OSError):
            self.docs.mkdir(parents=True, exist_ok=True)
        if self.rewatch is not None:
            self.rewatch()
        what = f"papersite: {what}"
        if self.regenerate():
            took = f"{what}, pages written again in {time.perf_counter() - started:.1f} s"
            said = [(took, what)]
        else:
            # Its problems were printed; the folder holds the page saying to fix them first, and
            # MkDocs' navigation no longer names the pages gone with it. Not for something in the
            # folder the writer cannot write over (a folder in a page's place): the pages stay as
            # they are, as for a file in a folder's place, which the writer refuses. Pruned for
            # that page, every page went, and the folder in the way with them, unsaid.
            if all(self._is_input(problem.path) for problem in self.failed):
                self.nav.clear()
                with contextlib.suppress(PapersiteError):  # the regeneration's error already
                    self._wait_for_a_fix()
                    self.show_problems()
            waiting = f"{what}: the preview shows the site once the errors are fixed"
            said = [(waiting, waiting)]
        # A folder that cannot be made is looked at again only once it is another again.
        self.docs_id = _folder_id(self.docs)
        if self.serving.is_set():
            self.untold.extend(said)
        else:
            for line, _ in said:
                print(line, file=sys.stderr)

    def tell_rebuilt(self, failed: bool) -> None:
        """Print what the refreshes before MkDocs' rebuild had to say: if it failed, what changed.

        A rebuild that failed rebuilt no page: its errors follow, and no line says it went well.
        """
        for rebuilt, not_rebuilt in self.untold:
            print(not_rebuilt if failed else rebuilt, file=sys.stderr)
        self.untold.clear()

    def _startup_settings_changed(self) -> list[str]:
        """Lines saying which settings read at start-up mkdocs.yml now sets otherwise.

        MkDocs rebuilt and the terminal said the pages were regenerated, yet a new palette or
        theme name never showed: they are among the settings the preview gives MkDocs as it read
        them at start-up, which only a new start reads again. Each new value is told once (every
        later edit repeated it), and none the regeneration refused at its line ('site_url:
        ftp://x'): a new start would stop at it, and its mistake is told already.
        """
        if self.startup is None:
            return []
        try:
            written = load_mkdocs_yaml(self.config_file)
        except PapersiteError:  # told already, by the regeneration reading papersite's options
            return []
        now = _startup_settings(written)
        changed = [name for name, value in self.startup.items() if now[name] != value]
        # One set back is told again once changed again.
        self.startup_told = {
            name: value for name, value in self.startup_told.items() if name in changed
        }
        names = [
            name
            for name in changed
            if (name not in self.startup_told or self.startup_told[name] != now[name])
            and not self._refused_at(name)
        ]
        self.startup_told.update((name, now[name]) for name in names)
        lines = []
        if "theme" in names:
            mistake = _theme_mistake(self.config_file, written.get("theme"))
            if mistake is not None:
                # Started again, the preview would stop at it: the mistake is said, not "start
                # it again" (a custom_dir that does not exist was only "theme changed").
                lines.append(str(mistake))
                names.remove("theme")
        if names:
            them = "it" if len(names) == 1 else "them"
            lines.append(
                f"papersite: {display_path(self.config_file)}'s {listed(names)} changed: "
                f"stop the preview and start it again to see {them}"
            )
        return lines

    def _refused_at(self, name: str) -> bool:
        """Whether the last regeneration failed at the line writing the setting ``name``."""
        try:
            place = written_at(self.config_file, (name,))
        except PapersiteError:  # a chain refused: told already
            return False
        return place[1] is not None and any(
            (problem.path, problem.line) == place for problem in self.failed
        )

    def _in_theme(self, path: Path) -> bool:
        return self.theme is not None and path.is_relative_to(self.theme)

    def _what_changed(self, changed: set[Path]) -> str:
        """The file that changed, or what the files that changed are: "content and templates"."""
        if len(changed) == 1:
            return display_path(next(iter(changed)))
        kinds = {self._kind(path) for path in changed}
        order = ["content", "templates", "theme templates", display_path(self.config_file)]
        return listed([kind for kind in order if kind in kinds])

    def _kind(self, path: Path) -> str:
        """What an input is, as :meth:`_what_changed` names it."""
        if self._in_theme(path):  # first: papersite's overrides are among its templates
            return "theme templates"
        if path.is_relative_to(self.content):
            return "content"
        if path.is_relative_to(TEMPLATES):
            return "templates"
        return display_path(self.config_file)

    def load(self) -> Loaded:
        """The content, reading the sources again only when a file under sources/ changed."""
        # The catalogue is read from the sources folder alone.
        seen = snapshot([self.content / SOURCES_DIR])
        if self.catalogue is None or seen != self.sources_seen:
            self.catalogue = read_catalogue(self.content)
            self.sources_seen = seen
            self.related = None
        return load_content(self.content, catalogue=self.catalogue)

    def generate(self) -> Generated:
        """Load the content and write the pages that changed; errors raise, warnings are printed.

        The warnings are printed as ``papersite check`` prints them, once for each generation
        (which happens on a change): CI's ``check --strict`` fails on them, and the preview is
        where a curator looks at a change before pushing it.

        When the navigation changes (a theme added or renamed, the first tag), every page is
        touched as well: each carries the navigation, and MkDocs rebuilds only touched pages.
        """
        loaded = self.load()
        # A stop is looked at after loading and after comparing papers, each about a second at
        # 5,000 papers and not stopped midway, and before every page written.
        stop_if_asked(self.stop)
        for warning in loaded.problems:
            print(warning, file=sys.stderr)
        count = papersite_options(self.config_file).related_papers
        shown = (tuple(item.paper.id for item in loaded.curation.papers), count)
        if self.related is None or shown != self.related_for:
            related = related_papers([item.paper for item in loaded.curation.papers], count)
            stop_if_asked(self.stop)
            self.related, self.related_for = related, shown
        generated = self._write_pages(loaded)
        nav = mkdocs_nav(generated.nav)
        self.pages_changed = generated.changed > 0
        self.waiting = False
        self.docs_id = _folder_id(self.docs)
        self._note_written(generated.written)
        if nav != self.nav:
            first = not self.nav
            self.nav[:] = nav
            if not first:
                _touch_every_file(self.docs, self.stop)
                self.pages_changed = True
        return generated

    def _write_pages(self, loaded: Loaded) -> Generated:
        """Write the pages of ``loaded``; again whole when the docs folder was removed meanwhile.

        ``rm -rf`` of the folder while papersite wrote it (make clean during a regeneration)
        removed the pages written so far and the marker, and the writer made the folders of the
        rest again: paper pages without home or theme pages were said regenerated, and every later
        regeneration refused the folder as not made by papersite. A folder that lost its marker
        while papersite wrote it is papersite's: it is marked again and written whole, the writer
        still refusing any file in it papersite never writes.
        """
        for _ in range(WRITE_ATTEMPTS):
            # A folder the writer refuses as not papersite's stays refused (its marker removed
            # between regenerations: someone's doing).
            ours = (self.docs / MARKER).is_file() or holds_nothing_but_litter(self.docs)
            try:
                generated = generate_docs(
                    loaded,
                    self.docs,
                    config_file=self.config_file,
                    related=self.related,
                    keep=(PROBLEMS_SCRIPT, PROBLEMS_FILE),
                    stop=self.stop,
                )
            except (OSError, PapersiteError):
                # A file or folder removed under the writer (pruning one gone already).
                if not ours or (self.docs / MARKER).is_file():
                    raise
            else:
                if (self.docs / MARKER).is_file():
                    return generated
            with refusals_to_write(self.docs):
                self.docs.mkdir(parents=True, exist_ok=True)
                (self.docs / MARKER).touch()
            # MkDocs' watcher stopped if the folder went (see _write_docs_again), which its
            # device and inode do not tell: a folder made again may have the removed one's.
            if self.rewatch is not None:
                self.rewatch()
        # Still being removed: the next look writes it again (see refresh).
        self.docs_id = None
        raise PapersiteError(
            display_path(self.docs),
            None,
            f"removed while papersite wrote the pages, {counted(WRITE_ATTEMPTS, 'time')} in a "
            "row: they are written again at the next look",
        )

    def regenerate(self) -> bool:
        """Regenerate the Markdown; problems are printed and the previous pages kept."""
        try:
            self.generate()
        except PapersiteError as error:
            self.failed = error.problems
            for problem in error.problems:
                print(problem, file=sys.stderr)
        else:
            self.failed = ()
        self.show_problems()
        return not self.failed

    def show_problems(self) -> None:
        """Write the errors of the last regeneration where every page of the preview shows them.

        A curator watching the browser saw the last good pages stay, as if the edit had taken:
        the problems were in the terminal alone. The preview's script (PROBLEMS_SCRIPT) shows
        those in PROBLEMS_FILE at the bottom of every page, and none once they are fixed; the file
        is rewritten only when they change, and MkDocs reloads the pages when it is.
        """
        # A docs folder that cannot be written is already the regeneration's error, told in the
        # terminal; the pages then stay as they were, without the script's news. A file in it
        # papersite never writes (an editor's swap file beside a page) stops the regeneration,
        # whose error that is: the box says it, as the preview's two files are no reason to refuse.
        try:
            with contextlib.suppress(OSError):
                writer = SiteWriter(self.docs, refuse_foreign=False)
                writer.write(PROBLEMS_SCRIPT, (TEMPLATES / "preview.js").read_bytes())
                writer.write(PROBLEMS_FILE, _problems_report(self.failed, waiting=self.waiting))
        except PapersiteError as error:
            # The folder refused otherwise (its marker removed): said once, not as a bug.
            for problem in error.problems:
                if problem not in self.failed:
                    print(problem, file=sys.stderr)

    def show_mkdocs_problems(self, site: Path, failed: tuple[Problem, ...]) -> None:
        """Show the errors MkDocs' rebuild failed with, ``failed``, under the last good pages.

        MkDocs copies the docs folder's PROBLEMS_FILE into the served ``site`` only when a build
        succeeds: the file is written there, with the content's errors and ``failed``, and once
        a rebuild succeeds again, with the content's alone. Nothing is written while MkDocs
        neither fails nor failed last.
        """
        if failed or self.mkdocs_failed:
            problems = self.failed + tuple(p for p in failed if not _told(p, self.failed))
            # MkDocs' own folder, not papersite's (SiteWriter's); its dev server answers no
            # request while it rebuilds, so none reads the file half-written. One that cannot be
            # written leaves the box as it was: the terminal has the errors.
            with contextlib.suppress(OSError):
                report = _problems_report(problems, waiting=self.waiting)
                (site / PROBLEMS_FILE).write_text(report, encoding="utf-8")
        self.mkdocs_failed = failed


def _problems_report(problems: tuple[Problem, ...], *, waiting: bool = False) -> str:
    """PROBLEMS_FILE's text: the box's heading and its lines, none for no problems.

    ``waiting``: no good pages were made yet (see :meth:`Preview.start`).
    """
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    # Counted as listed: "1 error" over an error and a warning read as a miscount.
    warnings = len(problems) - errors
    counts = counted(errors, "error") + (f", {counted(warnings, 'warning')}" if warnings else "")
    they = "it is" if errors == 1 else "they are"
    shows = (
        f"this preview shows the site once {they} fixed"
        if waiting
        else f"this preview shows the last good pages until {they} fixed"
    )
    message = f"papersite: {counts}; {shows} (the terminal says the same)"
    report = {
        "message": message if problems else "",
        "problems": [str(problem) for problem in problems],
    }
    return json.dumps(report, indent=1) + "\n"


def _folder_id(folder: Path) -> tuple[int, int] | None:
    """The folder's device and inode, which another folder at its path does not share.

    None when it is gone.
    """
    try:
        stat = folder.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def _touch_every_file(folder: Path, stop: threading.Event | None = None) -> None:
    """Give every file under the folder a new modification time, so MkDocs rebuilds it.

    Once ``stop`` is set, the next file raises :class:`~papersite.errors.Stopped`.
    """
    for path in folder.rglob("*"):
        stop_if_asked(stop)
        if path.is_file():
            path.touch()


def _watch(preview: Preview, stop: threading.Event) -> None:
    """Regenerate the pages as their inputs change, in turn with MkDocs' builds, until ``stop``."""
    while not stop.wait(POLL_SECONDS):
        # MkDocs' first build takes no turns (see on_serve): an edit meanwhile waits for it.
        if preview.serving.is_set():
            with preview.lock:
                preview.refresh()


class _Watcher:
    """Runs :func:`_watch` in a thread of its own, which :meth:`stop` stops at its next step.

    Signals reach the main thread alone, and a regeneration of thousands of papers takes seconds
    (tens of seconds at 50,000): a stop that waited for it to end took 10 s or more, and the
    SIGKILL a container's stop sends 10 s after SIGTERM cut the clean-up short. The stop sets the
    preview's ``stop``, which the regeneration looks at before each page it writes and between its
    steps: it then unwinds as ``papersite generate`` does on Ctrl-C, whose code it is, through
    every ``finally``. The pages it wrote stay, and the next start writes again any that differ.
    """

    def __init__(self, preview: Preview) -> None:
        self._preview = preview
        self._thread = threading.Thread(target=self._run, name="papersite-watch", daemon=True)

    def start(self) -> None:
        """Start watching."""
        self._thread.start()

    def stop(self) -> None:
        """Stop watching, and a regeneration in progress at its next step; return once stopped.

        Stopping again does nothing.
        """
        self._preview.stop.set()
        if self._thread.ident is not None:  # started
            self._thread.join()

    def _run(self) -> None:
        # A regeneration stopped by stop(): nothing to tell.
        with contextlib.suppress(Stopped):
            _watch(self._preview, self._preview.stop)


# The preview being served, for on_serve, and its watcher, for on_shutdown: MkDocs calls its
# hooks with no way to pass them along.
_serving: Preview | None = None
_watching: _Watcher | None = None


def on_shutdown() -> None:
    """MkDocs' ``on_shutdown`` hook: papersite's watcher stops, and the built site is removed aside.

    A regeneration going on ran to its end meanwhile, and slowed MkDocs' removal of thousands of
    built pages tenfold, the two taking turns at the one interpreter lock: 12 s at 5,000 papers.
    That removal alone, which MkDocs does after this hook and before serve returns, took 20 to 45 s
    at 50,000 papers, well past the SIGKILL a container's stop sends 10 s after SIGTERM: the site
    is handed to :func:`_remove_aside` instead, and MkDocs finds nothing left to remove.
    """
    if _watching is not None:
        _watching.stop()
    if _serving is not None and _serving.site is not None:
        _remove_aside(_serving.site)


def _remove_aside(folder: Path) -> subprocess.Popen[bytes] | None:
    """Rename ``folder`` and remove it in a process of its own, which outlives this one.

    The folder is MkDocs' temporary copy of the built site, nobody's to read once the preview
    stops: the process's stop need not wait for its removal. The remover is in a session of its
    own, so that the stop sent to the preview's process group (Ctrl-C, ``kill -- -PGID``) does not
    stop it. The process, None when the folder was removed here: when it could not be renamed
    (MkDocs then removes it, as before), or no process could be started.
    """
    # Only MkDocs' own temporary folder (mkdtemp(prefix="mkdocs_")): never a folder of the user's.
    if folder.parent != Path(tempfile.gettempdir()) or not folder.name.startswith("mkdocs_"):
        return None
    # As a container's first process, this one's exit kills every other process of the container:
    # a remover would die with it and leave the whole site in the temporary folder, restart after
    # restart. MkDocs removes it then, as before.
    if os.getpid() == 1:
        return None
    aside = folder.with_name(f"{folder.name}-stopped")
    try:
        folder.rename(aside)
    except OSError:
        return None
    remove = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        return subprocess.Popen(
            [sys.executable, "-c", remove, str(aside)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(aside, ignore_errors=True)
        return None


def on_serve(server: Any, config: Any = None) -> Any:
    """MkDocs' ``on_serve`` hook: its rebuilds from now on take turns with papersite's writes.

    MkDocs' watcher wakes at the first file papersite rewrites and starts a rebuild 0.1 s after
    the last change it saw, while papersite may still be writing. A page rewritten between MkDocs'
    reading the pages and rendering them is rendered unread: "argument of type 'NoneType' is not
    iterable", and a preview said to be stuck. So each rebuild, from reading mkdocs.yml (with the
    navigation papersite keeps) to its last page, holds the preview's lock that a regeneration
    holds, and first regenerates what changed: a rebuild for a change to mkdocs.yml then shows
    pages made with its new options. MkDocs' first build comes before this hook: papersite's
    watcher waits for it (``serving``). A page papersite removed (a paper hidden, a list a page
    shorter) has its built page removed from ``config``'s site folder: MkDocs' rebuilds write the
    pages that changed and delete none, so the preview went on serving it.

    A rebuild that fails (a mistake in mkdocs.yml or the theme's templates) is one line in the
    terminal and in the box under the last good pages, and counts as done: raised, MkDocs' dev
    server printed a traceback and held every request until a rebuild succeeded.
    """
    preview = _serving
    if preview is None:  # MkDocs served by something else than papersite's serve
        return server
    build: Callable[..., None] = server.builder
    pages = _files_under(preview.docs)
    if config is not None:
        preview.site = Path(config.site_dir)

    def build_in_turn(*args: Any) -> None:
        nonlocal pages
        with preview.lock:
            preview.refresh()
            if not preview.docs.is_dir():
                # A file in its place (see Preview._docs_in_the_way): every built page would be
                # removed as gone, and the build fail for a docs_dir that is none. The last good
                # pages are served on.
                return
            refused = _settings_refused(preview.config_file)
            if refused:
                # MkDocs' rebuild reads the settings chain again, unchecked: an INHERIT naming a
                # pipe had it wait for a writer for ever, holding the lock, and the preview never
                # answered again. papersite's regeneration has said why; the last good pages are
                # served on, the box under them saying it too, until the chain is mended.
                preview.tell_rebuilt(failed=True)
                if config is not None:
                    preview.show_mkdocs_problems(Path(config.site_dir), refused)
                return
            now = _files_under(preview.docs)
            if config is not None:
                _remove_built(pages - now, preview.docs, config)
            pages = now
            failed = _rebuild_problems(preview, lambda: build(*args))
            if failed and _folder_id(preview.docs) != preview.docs_id:
                # The folder removed as MkDocs built from it (make clean): "MkDocs serve failed"
                # was nothing to act on. The next look writes it again, and MkDocs rebuilds then;
                # what the refreshes had to say waits for that rebuild.
                return
            preview.tell_rebuilt(failed=bool(failed))
            for problem in failed:
                # papersite's regeneration may have met it first: a YAML mistake in mkdocs.yml.
                if not _told(problem, preview.failed):
                    print(problem, file=sys.stderr)
            if config is not None:
                preview.show_mkdocs_problems(Path(config.site_dir), failed)

    def rewatch() -> None:
        # MkDocs watches the docs_dir it read (1.6): its watcher stopped as the folder went.
        docs = os.path.abspath(config.docs_dir)
        before = set(server.observer.emitters)
        with contextlib.suppress(KeyError):  # not watched (any more)
            server.unwatch(docs)
        server.watch(docs)
        for emitter in set(server.observer.emitters) - before:
            _in_turn(emitter, preview.lock)

    server.builder = build_in_turn
    _look_in_turn(server, preview.lock)
    if config is not None and hasattr(server, "unwatch"):
        preview.rewatch = rewatch
    preview.serving.set()
    # Said here, once MkDocs has built the pages and listens: said at start-up, it came before
    # the error of a preview that never served.
    print("papersite: serving without search", file=sys.stderr)
    return server


def _settings_refused(config_file: Path) -> tuple[Problem, ...]:
    """Why papersite refuses ``config_file``'s INHERIT chain (see options.inherited), or nothing."""
    try:
        inherited(config_file)
    except PapersiteError as error:
        return error.problems
    return ()


def _with_settings_problems(config_file: Path, error: PapersiteError) -> PapersiteError:
    """MkDocs' refusal to start, ``error``, after every problem papersite finds in the settings.

    MkDocs stops at the first setting it refuses ('site_name' must be text): five mistakes took
    five runs of serve, where generate and build name them all (see site_settings), each at its
    file and line. MkDocs' causes papersite does not tell already follow them.
    """
    try:
        papersite_options(config_file)
    except PapersiteError as refused:
        told = refused.problems
        return PapersiteError.from_problems(
            (*told, *(problem for problem in error.problems if not _told(problem, told)))
        )
    return error


def _told(problem: Problem, told: tuple[Problem, ...]) -> bool:
    """Whether MkDocs' ``problem`` is one of ``told``, papersite's, in other words or not.

    papersite words some of MkDocs' refusals as MkDocs' are worded (see site_settings): the box
    counted "'site_name' must be text..." and "MkDocs serve failed: 'site_name' must be text..."
    as two errors of one mistake. One at the very line of papersite's is that one's too: a
    'site_name: 123' appended is a key set twice to papersite, and a number to MkDocs.
    """
    message = problem.message.removeprefix("MkDocs serve failed: ")
    return any(
        message == earlier.message
        or (
            problem.line is not None
            and (problem.path, problem.line) == (earlier.path, earlier.line)
        )
        for earlier in told
    )


def _rebuild_problems(preview: Preview, build: Callable[[], None]) -> tuple[Problem, ...]:
    """Run MkDocs' rebuild; the problems it failed with, in papersite's words, or none."""
    from mkdocs.exceptions import ConfigurationError

    log = preview.mkdocs_log or MkDocsLog(logging.ERROR)
    theme = preview.theme or THEME_OVERRIDES
    try:
        with log.keeping_errors(), mkdocs_failures(log, preview.config_file, "serve", theme):
            try:
                build()
            except ConfigurationError as error:
                # mkdocs.yml that MkDocs cannot read (a YAML mistake, the file gone), which it
                # words over lines. papersite's regeneration read it just before, and has told
                # it already in its words ("cannot read"): said once. Settings MkDocs refuses are
                # an Abort, its causes logged.
                where = display_path(preview.config_file)
                told = tuple(problem for problem in preview.failed if problem.path == where)
                return told or (mkdocs_config_problem(preview.config_file, error),)
    except PapersiteError as error:
        return error.problems
    except Exception as error:  # a plugin's or the theme's: serving goes on, one line
        # Where it was raised, in place of the traceback the dev server printed: a bug (in a
        # plugin, the theme or papersite) is still found from the line.
        frames = traceback.extract_tb(error.__traceback__)
        raised = f" (raised at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
        message = f"MkDocs serve failed: {type(error).__name__}: {one_line(str(error))}{raised}"
        return (Problem(display_path(preview.config_file), None, message),)
    return ()


def _look_in_turn(server: Any, lock: threading.Lock) -> None:
    """Have MkDocs' watcher look at the files it watches only while ``lock`` is free.

    It compares the docs folder with its last look every 0.5 s, and a regeneration writes its
    pages over a second or so (the lists first, each paper's page last): a look in the middle saw
    the first pages changed, the next look the rest, and MkDocs rebuilt, and reloaded the browser,
    twice for one save. Looking in turn with the regeneration, it sees all its pages at once.
    Only what MkDocs watches at its ``on_serve`` is waited for: the docs folder and mkdocs.yml.
    """
    for emitter in getattr(getattr(server, "observer", None), "emitters", ()):
        _in_turn(emitter, lock)


def _in_turn(emitter: Any, lock: threading.Lock) -> None:
    """Have one of MkDocs' watchers (a watchdog emitter) look only while ``lock`` is free."""
    look: Callable[[float], None] = emitter.queue_events

    def in_turn(timeout: float) -> None:
        # The wait between looks is outside the lock, which papersite would otherwise wait for.
        if emitter.stopped_event.wait(timeout):
            return
        # Waited for a slice at a time: a stop meanwhile (the preview's, while papersite
        # regenerates) joins the watcher, which would otherwise wait for the lock.
        while not lock.acquire(timeout=LOCK_SLICE_SECONDS):
            if emitter.stopped_event.is_set():
                return
        try:
            look(0)
        finally:
            lock.release()

    emitter.queue_events = in_turn


def serve(content: Path, *, config_file: Path = CONFIG_FILE, dev_addr: str | None = None) -> None:
    """Generate the pages, then serve them with live reload until interrupted.

    MkDocs' settings are checked first: a mistake in them is reported in seconds, not after every
    page was generated. MkDocs failing to start is reported as ``papersite build`` reports it.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    global _serving, _watching
    # An empty one ('-a ""') served at mkdocs.yml's address without a word.
    if dev_addr is not None:
        _check_dev_addr(dev_addr)
    # Else it served a page of the error until stopped, where every other command exits 1: a
    # folder that comes later would be a mistyped --content put right, to start again with.
    if not content.is_dir():
        # As every other command says it (see sources.no_sources_folder).
        link = link_in_the_way(content)
        if link is not None:
            raise PapersiteError.from_problems([link])
        reason = "not a folder" if content.exists() else "no such folder"
        message = f"{reason}: --content names the content folder (default: ./content)"
        raise PapersiteError(display_path(content), None, message)
    written = load_mkdocs_yaml(config_file)
    docs = config_file.parent / str(written.get("docs_dir", "docs"))
    # --dev-addr wins over mkdocs.yml's, edited or not.
    startup = {
        name: value
        for name, value in _startup_settings(written).items()
        if not (name == "dev_addr" and dev_addr)
    }
    preview = Preview(content, docs, config_file, startup=startup)
    # Dirty rebuilds: MkDocs renders again only the pages whose Markdown is newer than their
    # HTML, and the writer touches only pages whose bytes changed, so an edit rebuilds a few pages
    # rather than every paper's (all of them when the navigation changes, see Preview.generate).
    # A search index would hold only the rebuilt pages: the preview goes without search, and so
    # always has a list of plugins to make readable again. Nor is the sitemap split past 50,000
    # URLs (run_mkdocs' plugin): the preview's names its own address, which no crawler reads.
    overrides = mkdocs_overrides(written, preview.nav, search=False)
    overrides["plugins"] = _readable_again(overrides["plugins"])
    overrides["hooks"] = _with_preview_entry(written.get("hooks"), str(HOOKS_FILE))
    overrides["extra_javascript"] = _with_preview_entry(
        written.get("extra_javascript"), PROBLEMS_SCRIPT
    )
    if dev_addr:
        overrides["dev_addr"] = dev_addr
    # Errors alone: MkDocs' dev server reads the settings again, and prints their warnings then.
    # The pages are not there yet, and MkDocs wants docs_dir to exist: it is given an empty one.
    try:
        with (
            tempfile.TemporaryDirectory(prefix="papersite-") as no_pages_yet,
            mkdocs_logging(logging.ERROR) as log,
            mkdocs_failures(log, config_file, "serve"),
        ):
            config = load_mkdocs_config(config_file, **{**overrides, "docs_dir": no_pages_yet})
    except PapersiteError as error:
        raise _with_settings_problems(config_file, error) from None
    host, port = config.dev_addr
    # --dev-addr's address is named as given; mkdocs.yml's dev_addr at its line.
    written_in = None if dev_addr else config_file
    _check_can_listen(host, port, written_in)
    if config.theme.custom_dir is not None:
        preview.theme = Path(config.theme.custom_dir)
    preview.start()
    watcher = _Watcher(preview)
    watcher.start()
    _serving, _watching = preview, watcher
    stopped_by: list[BaseException] = []
    try:
        with (
            mkdocs_logging(logging.INFO) as handler,
            mkdocs_failures(handler, config_file, "serve"),
            _signals_noted(stopped_by),
        ):
            handler.addFilter(_not_told)
            handler.addFilter(_print_errors_once_serving(handler))
            preview.mkdocs_log = handler
            # MkDocs watches mkdocs.yml, not the files its INHERIT names (1.6): an edit to those
            # did nothing until mkdocs.yml was saved.
            mkdocs_serve(
                config_file=str(config_file),
                livereload=True,
                build_type="dirty",
                watch=[str(path) for path in inherited(config_file)[1:]],
                **overrides,
            )
        # MkDocs' dev server catches the KeyboardInterrupt of Ctrl-C (and papersite's Terminated,
        # one too), cleans up and returns as if done: papersite says it was stopped, and how.
        if stopped_by:
            raise stopped_by[0]
    except OSError as error:
        # The address was free before the pages were generated and built, seconds ago: something
        # may have taken it since. No other errno is surely about the address: the rest is raised.
        if error.errno != errno.EADDRINUSE:
            raise
        raise _cannot_listen(host, port, error, written_in) from None
    finally:
        _serving = _watching = None
        # The preview's own files would be published by a plain ``mkdocs build`` of the docs
        # folder. The watcher may be writing them: it is stopped first.
        watcher.stop()
        for own in (PROBLEMS_SCRIPT, PROBLEMS_FILE):
            # A file in the folder's place has none of them (see Preview._docs_in_the_way).
            with contextlib.suppress(NotADirectoryError):
                (preview.docs / own).unlink(missing_ok=True)


def _startup_settings(written: Mapping[str, Any]) -> dict[str, Any]:
    """What the preview reads once of mkdocs.yml's STARTUP_SETTINGS, ``written`` as read.

    Of site_url, only the path: MkDocs' dev server mounts the site at it once, at start-up, and
    gives every rebuild its own address (http://host:port/path/) for site_url, so an edit to the
    host alone changes nothing MkDocs serves; papersite's pages (feeds, citations) are made again
    with it at once. Copied: the overrides are made from the settings.
    """
    read = {name: copy.deepcopy(written.get(name)) for name in STARTUP_SETTINGS}
    read["site_url"] = _mount_path(read["site_url"])
    return read


def _mount_path(site_url: Any) -> Any:
    """The path MkDocs' dev server serves a site_url's site at, as it derives it (1.6).

    A value that is no address is MkDocs' to refuse, at start-up: kept as it is.
    """
    if site_url is not None and not isinstance(site_url, str):
        return site_url
    path = urlsplit(site_url or "/").path
    # "/papersite" and "/papersite/" are one mount path to MkDocs.
    return ("/" + path.lstrip("/")).rstrip("/") + "/"


def _theme_mistake(config_file: Path, theme: Any) -> Problem | None:
    """MkDocs' error for mkdocs.yml's ``theme`` (a custom_dir that does not exist...), or None.

    In MkDocs' words, as ``papersite build`` says it, with papersite's overrides as build adds
    them; at the custom_dir's line when the error is about it, else at the theme's.
    """
    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import Theme

    option = Theme(default="mkdocs")
    # What MkDocs' reading of the file sets: a relative custom_dir is found next to it.
    option.config_file_path = str(config_file.absolute())
    try:
        option.validate(copy.deepcopy(with_theme_overrides(theme)))
    except ValidationError as error:
        keys = ("theme", "custom_dir") if "custom_dir" in str(error) else ("theme",)
        # MkDocs ends its sentence with a full stop, which the preview's clause follows.
        refused = str(error).rstrip(".")
        return Problem(
            display_path(config_file),
            line_of(config_file, keys),
            f"Config value 'theme': {refused}; the preview goes on with the theme it started with",
        )
    return None


def _files_under(folder: Path) -> set[str]:
    """The files under ``folder``, as paths relative to it (those :func:`snapshot` looks at)."""
    return {path.relative_to(folder).as_posix() for path in snapshot([folder])}


def _remove_built(removed: Iterable[str], docs: Path, config: Any) -> None:
    """Remove from the served site what MkDocs built from the docs files ``removed``.

    What stands there now is skipped when it is not such a file: a file ``tags`` removed was built
    to ``tags``, where the folder of tags/'s pages is once a folder is back in its place. Raised,
    the error failed every later rebuild, and the preview froze until started again.
    """
    from mkdocs.structure.files import File

    site = Path(config.site_dir)
    for source in removed:
        built = Path(File(source, str(docs), str(site), config.use_directory_urls).abs_dest_path)
        try:
            built.unlink(missing_ok=True)
        except OSError:  # a folder in its place, or a file in place of a folder above it
            continue
        # The folder a page was served from (papers/<id>/), when nothing else is left in it.
        for folder in built.parents:
            if folder == site or not folder.is_relative_to(site):
                break
            try:
                folder.rmdir()
            except OSError:  # not empty, or never built
                break


def _with_preview_entry(listed: Any, entry: str) -> Any:
    """A list mkdocs.yml sets (``hooks``, ``extra_javascript``) with the preview's ``entry`` last.

    The preview's hooks are on_serve's, its script Preview.show_problems'. A value that is no list
    is MkDocs' to refuse, as it does at start-up.
    """
    if listed is None:
        return [entry]
    if isinstance(listed, list):
        return [*listed, entry]
    return listed


def _print_errors_once_serving(handler: MkDocsLog) -> Callable[[logging.LogRecord], bool]:
    """A filter that makes ``handler`` print MkDocs' errors from when its server listens.

    Until then an error ends serve, and mkdocs_failures reports it once. After, MkDocs goes on
    serving: the errors of a rebuild are kept to name its failure (see _rebuild_problems), and
    printed when it succeeds all the same; any other (a request it failed to answer) is printed.
    """

    def note(record: logging.LogRecord) -> bool:
        # MkDocs offers no hook between its first build and its serving, hence its words (1.6):
        # should they change, errors go back to being kept unprinted, as before, no worse.
        if record.name == "mkdocs.livereload" and "Serving on" in record.getMessage():
            handler.print_errors = True
        return True

    return note


def _check_dev_addr(dev_addr: str) -> None:
    """Refuse a --dev-addr MkDocs would refuse, misread or not listen on, naming the option.

    MkDocs' "foo: Must be a string of format 'IP:PORT'" read as the problem of a file named foo.
    An empty one, spaces around it, a port of other than ASCII digits or outside 1-65535 and a
    missing host are refused here, before MkDocs' own check of the format.
    """
    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import IpAddress

    example = "127.0.0.1:8001"
    host, _, port = dev_addr.rpartition(":")
    # MkDocs reads the port with int(), which takes spaces around it and any Unicode digits:
    # '127.0.0.1:8000 ' was served at 8000, and '127.0.0.1:' with Arabic-Indic 3333 at 3333.
    if dev_addr[-1:].isspace():
        why = "ends with a space"
    elif dev_addr[:1].isspace():
        why = "starts with a space"
    elif ":" not in dev_addr:
        why = "no port" if dev_addr else "empty"
    elif not (port.isascii() and port.isdigit()):
        why = f"{port!r} is not a valid port"
    # Said here in the option's words; _check_can_listen says it of mkdocs.yml's dev_addr.
    elif not 1 <= int(port) <= MAX_PORT:
        why = f"port must be from 1 to {MAX_PORT}"
    elif not host:
        # MkDocs said "'' does not appear to be an IPv4 or IPv6 address".
        why = "no host"
        example = f"127.0.0.1:{int(port)}"
    else:
        try:
            IpAddress().validate(dev_addr)  # type: ignore[no-untyped-call]
            return
        except ValidationError as error:
            why = str(error)
    raise PapersiteError(
        f"--dev-addr {dev_addr!r}", None, f"{why}; write IP:PORT, such as {example}"
    )


def _check_can_listen(host: str, port: int, written_in: Path | None) -> None:
    """Refuse an address MkDocs' dev server could not listen on, before the pages are generated.

    MkDocs binds only after generating and building every page, then fails with a traceback
    (OverflowError for a port above 65535). Its check of the address stops at the format, and port
    0 would serve on a port nobody is told. The probe binds as MkDocs' server does, then lets go:
    every OSError from it is about the address. ``written_in`` is the file the address is the
    dev_addr of, None for --dev-addr's (see :func:`_cannot_listen`).
    """
    if not 1 <= port <= MAX_PORT:
        # --dev-addr's port was checked before (_check_dev_addr): this one is ``written_in``'s
        # dev_addr, named at its line as MkDocs' own refusals of it are.
        assert written_in is not None
        raise PapersiteError(
            *written_at(written_in, ("dev_addr",)),
            f"dev_addr {_address(host, port)!r}: port must be from 1 to {MAX_PORT}; write "
            "another there, or serve elsewhere with --dev-addr IP:PORT",
        )
    # MkDocs' server takes IPv6 for a host that is an IPv6 address, which MkDocs wrote without
    # brackets; 'localhost' is IPv4 to it.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            # As socketserver sets it: a port whose last connections are closing is free to it.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        raise _cannot_listen(host, port, error, written_in) from None


def _cannot_listen(
    host: str, port: int, error: OSError, config_file: Path | None = None
) -> PapersiteError:
    """Why the preview cannot listen at the address, in one line, with the way out.

    An address that is the dev_addr ``config_file`` (or a file its INHERIT names) writes is named
    at its line, as its port outside 1-65535 is (_check_can_listen); --dev-addr's, or MkDocs'
    default, by the address alone.
    """
    place = written_at(config_file, ("dev_addr",)) if config_file is not None else None
    if place is not None and place[1] is not None:
        return PapersiteError(
            *place,
            f"dev_addr {_address(host, port)!r}: cannot serve the preview there: "
            f"{error.strerror or error}; write another there, or serve elsewhere with "
            "--dev-addr IP:PORT (make serve DEV_ADDR=IP:PORT)",
        )
    return PapersiteError(
        _address(host, port),
        None,
        f"cannot serve the preview there: {error.strerror or error}; "
        "choose another address with --dev-addr IP:PORT (make serve DEV_ADDR=IP:PORT)",
    )


def _address(host: str, port: int) -> str:
    """``host:port`` as typed for --dev-addr, with an IPv6 host in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _readable_again(plugins: list[Any]) -> dict[str, Any] | list[Any]:
    """The plugins as a mapping of names to options, which MkDocs reads without changing it.

    MkDocs takes each ``{name: options}`` entry of a list apart as it reads it, and its dev server
    reads the overrides again for every rebuild: the first rebuild found the entry empty and
    stopped at a configuration error. A plugin listed twice cannot be a key twice, and an entry
    MkDocs would refuse is for MkDocs to report: such lists are passed on as they are.
    """
    entries = [{entry: {}} if isinstance(entry, str) else entry for entry in plugins]
    if not all(isinstance(entry, Mapping) and len(entry) == 1 for entry in entries):
        return plugins
    named = [next(iter(entry.items())) for entry in entries]
    if len({name for name, _ in named}) < len(named):
        return plugins
    return dict(named)


# How MkDocs (1.6) starts its note of pages the nav leaves out (validation.nav.omitted_files).
_NOT_IN_NAV = "The following pages exist in the docs directory, but are not included in the"


def _not_told(record: logging.LogRecord) -> bool:
    """Whether to print a message of MkDocs'; some would only alarm or repeat.

    MkDocs warns on every dirty build that links may be stale (see serve() for why such builds),
    says "Shutting down..." when stopped, which papersite says in its own words, and warns of
    every request it answers otherwise than with a page: a redirect too, from the site's root to
    the path of site_url where it serves the site, at every visit. It notes pages outside the
    nav, which papersite sets: the Tags page is written untagged and left out until a paper has
    a tag. ``papersite build`` prints no such note either (it drops MkDocs' notes, below WARNING).
    """
    message = record.getMessage()
    if record.name == "mkdocs.livereload" and message.endswith('" code 302'):
        return False
    if record.levelno < logging.WARNING and message.startswith(_NOT_IN_NAV):
        return False
    return not message.startswith("A 'dirty' build is being performed") and (
        message != "Shutting down..."
    )


@contextlib.contextmanager
def _signals_noted(noted: list[BaseException]) -> Iterator[None]:
    """Meanwhile what SIGINT's and SIGTERM's handlers raise is added to ``noted`` as well.

    The handlers are left to raise as they did (KeyboardInterrupt, papersite's Terminated).
    Only the main thread may set handlers; a signal ignored stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}

    def noting(handler: Callable[[int, FrameType | None], Any]) -> Callable[..., Any]:
        def note(signum: int, frame: FrameType | None) -> Any:
            try:
                return handler(signum, frame)
            except BaseException as error:
                noted.append(error)
                raise

        return note

    installed: dict[signal.Signals, Callable[..., Any]] = {}
    for signum, handler in handlers.items():
        if callable(handler):
            installed[signum] = noting(handler)
            signal.signal(signum, installed[signum])
    try:
        yield
    finally:
        for signum, note in installed.items():
            # A handler may have put another in its place (papersite's SIGTERM: the default,
            # so a second one kills at once): that one stays.
            if signal.getsignal(signum) is note:
                signal.signal(signum, handlers[signum])
