"""Building the site: load the content, render the Markdown, run MkDocs, swap the result in.

A build works in a temporary folder next to the target and only moves the finished site into
place, with renames, when every step succeeded: a failed or interrupted build leaves the previous
site as it was. Time stamps come only from SOURCE_DATE_EPOCH (or, when it is unset, from the newest
date in the content), so the same content always gives the same bytes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from papersite.catalogue import Catalogue
from papersite.curation import Loaded, load_content
from papersite.errors import (
    CannotWrite,
    PapersiteError,
    Problem,
    cannot_write,
    display_path,
    failed_writing,
)
from papersite.options import options_of
from papersite.related import RelatedPapers, RelatedWorker
from papersite.render import Generated, NavEntry, SiteSettings, generate
from papersite.search import (
    PagefindIndexer,
    SearchBackend,
    SearchSettings,
    add_to_material_index,
    search_advice,
    without_search_plugin,
)
from papersite.tags import with_tag_order
from papersite.wording import describe

# Names the host and process that own a work folder, so a later build can tell a killed one's.
OWNER_FILE = "owner"

# Material 9.7+ prints a notice about MkDocs 2.0 on every build unless this is set.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CONFIG_FILE = Path("mkdocs.yml")
# papersite's overrides of the theme's templates (the Atom feeds in every page's head).
THEME_OVERRIDES = Path(__file__).parent / "templates" / "overrides"

# A gzip header (the sitemap's) holds its time stamp in 32 unsigned bits: 1970 to February 2106.
MAX_EPOCH = 2**32 - 1


@dataclass(frozen=True)
class BuildResult:
    """What one build made, for the summary line."""

    papers: int
    pages: int
    files: int
    bytes: int
    seconds: float
    site_dir: Path
    # What the build found and repaired of earlier builds that were killed, one sentence each.
    recovered: tuple[str, ...] = ()
    # Suggestions for the maintainer about the site built, one sentence each.
    advice: tuple[str, ...] = ()

    def __str__(self) -> str:
        return (
            f"Built {self.papers} papers: {self.pages} pages, {self.files} files, "
            f"{self.bytes / 1_000_000:.1f} MB in {display_path(self.site_dir)} "
            f"in {self.seconds:.1f} s"
        )


def build_epoch(catalogue: Catalogue) -> int:
    """Seconds since 1970 that date this build: SOURCE_DATE_EPOCH, else the newest content date."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is not None:
        try:
            epoch = int(raw)
        except ValueError:
            epoch = -1
        if not 0 <= epoch <= MAX_EPOCH:
            raise PapersiteError(
                "SOURCE_DATE_EPOCH",
                None,
                f"expected whole seconds since 1970, at most {MAX_EPOCH} (2106), got {raw!r}",
            )
        return epoch
    days = [d for p in catalogue.papers for d in (p.published, p.upvotes_as_of) if d is not None]
    if not days:
        return 0
    newest = max(days)
    epoch = int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp())
    # The sources refuse such dates; a catalogue made another way must still build.
    return min(max(epoch, 0), MAX_EPOCH)


def site_settings(config_file: Path, epoch: int) -> SiteSettings:
    """The site's name and address from mkdocs.yml; feeds and citations need an absolute URL."""
    config = read_mkdocs_yaml(config_file)
    site_url = config.get("site_url")
    site_name = config.get("site_name")
    if not isinstance(site_name, str) or not site_name:
        raise PapersiteError(display_path(config_file), None, "site_name must be set")
    if not isinstance(site_url, str) or "://" not in site_url:
        raise PapersiteError(
            display_path(config_file),
            None,
            "site_url must be the published address, e.g. https://example.github.io/papers/",
        )
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    repo_url = config.get("repo_url")
    # MkDocs refuses a repo_url that is no address; papersite links only a web one.
    if not (isinstance(repo_url, str) and repo_url.startswith(("https://", "http://"))):
        repo_url = None
    options = options_of(config, config_file)
    built = datetime.fromtimestamp(epoch, UTC)
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, Mapping) else None
    search = SearchSettings(
        options.search,
        options.search_group_size,
        language if isinstance(language, str) and language else "en",
    )
    return SiteSettings(
        site_name,
        site_url,
        built,
        options.unsorted_page_size,
        options.theme_page_size,
        search,
        repo_url,
    )


def generate_docs(
    loaded: Loaded,
    out: Path,
    *,
    config_file: Path = CONFIG_FILE,
    related: RelatedPapers | None = None,
    progress: bool = False,
    epoch: int | None = None,
) -> Generated:
    """Render the Markdown pages and data files of ``loaded`` into ``out``, dated ``epoch``.

    Without ``epoch``, the date is :func:`build_epoch`'s.
    """
    if epoch is None:
        epoch = build_epoch(loaded.catalogue)
    settings = site_settings(config_file, epoch)
    return generate(
        loaded.catalogue, loaded.curation, settings, out, related=related, progress=progress
    )


def build_site(
    loaded: Loaded,
    site_dir: Path,
    *,
    config_file: Path = CONFIG_FILE,
    content: Path | None = None,
    strict: bool = False,
    progress: bool = False,
    related: RelatedPapers | None = None,
) -> BuildResult:
    """Generate and build the site into ``site_dir``, replacing it only when all went well.

    ``content`` names the content folder the site was loaded from, so it can never be the target;
    ``related``, the related papers when they are known or being computed (see ``generate``).
    """
    started = time.perf_counter()
    given = site_dir.absolute()
    target = _real_folder(given)
    _check_target(given, config_file, content)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        recovered = recover_killed_builds(target)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    except OSError as error:
        if not failed_writing(error, target.parent):
            raise
        failed = Path(os.fsdecode(error.filename)) if error.filename else target.parent
        if failed.parent == target.parent or failed == target.parent:
            # mkdtemp names a work folder the user never heard of: name the folder it was to be
            # in, which must be writable even when the site folder is (the swap renames there).
            raise cannot_write(
                target.parent,
                error,
                f"; a build writes the new site there, then renames it to {target.name}",
            ) from None
        raise cannot_write(failed, error) from None  # a folder above it, being made
    try:
        (work / OWNER_FILE).write_text(f"{socket.gethostname()} {os.getpid()}\n", encoding="utf-8")
        docs, built = work / "docs", work / "site"
        epoch = build_epoch(loaded.catalogue)
        generated = generate_docs(
            loaded, docs, config_file=config_file, related=related, progress=progress, epoch=epoch
        )
        with index_search(generated, work) as finish_index:
            run_mkdocs(
                config_file,
                docs,
                built,
                generated.nav,
                epoch=epoch,
                strict=strict,
                progress=progress,
                search=generated.search.backend,
            )
            # Inside the work folder, so a failed indexing leaves the previous site in place.
            finish_index(built)
        advice = search_advice(built, generated.search.backend)
        files, size = folder_size(built)
        _swap(built, target, work / "previous")
    except (OSError, CannotWrite) as caught:
        # A refusal generating the pages is already one line, naming a file in the work folder.
        refusal = caught.refusal if isinstance(caught, CannotWrite) else caught
        if not failed_writing(refusal, work):
            raise
        # The file in the work folder is gone with it: name the site the build was for instead.
        kept = "; the previous site is kept" if target.exists() else ""
        raise cannot_write(given, refusal, kept) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    return BuildResult(
        generated.papers,
        generated.pages,
        files,
        size,
        seconds,
        site_dir,
        recovered,
        (advice,) if advice else (),
    )


def _real_folder(site_dir: Path) -> Path:
    """The folder a site folder given as a symbolic link points to, which the build replaces.

    Swapping the link itself would replace it with a folder and leave the folder it points to, the
    one a web server may be serving, with the old site. The swap happens beside the real folder,
    and the link is kept.
    """
    if not site_dir.is_symlink():
        return site_dir
    try:
        return site_dir.resolve(strict=False)
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        raise PapersiteError(
            display_path(site_dir), None, "symbolic link that leads in a loop, to no folder"
        ) from None


def generate_folder(
    loaded: Loaded, out: Path, *, config_file: Path = CONFIG_FILE, progress: bool = False
) -> Generated:
    """``papersite generate``: :func:`generate_docs` into ``out``, which is removed if it fails.

    Only a folder this run created is removed: one written before is left as it is, since an
    earlier generation, or the preview, may be using it. A write the machine refuses (a full disk,
    a folder that cannot be written) is one line naming the file.
    """
    created = not (out.exists() or out.is_symlink())
    try:
        return generate_docs(loaded, out, config_file=config_file, progress=progress)
    except BaseException:
        if created:
            # Half a folder of pages would pass for a whole one.
            shutil.rmtree(out, ignore_errors=True)
        raise


@contextlib.contextmanager
def index_search(generated: Generated, work: Path) -> Iterator[Callable[[Path], None]]:
    """Start indexing the papers for search; the function given finishes it in a built site.

    Pagefind indexes pages of its own in the background while MkDocs builds (see
    papersite.search.PagefindIndexer); Material's index is finished after MkDocs wrote it.
    """
    if generated.search.backend == "pagefind":
        with PagefindIndexer(generated.search_entries, work, generated.search) as indexer:
            yield indexer.finish
    else:
        yield lambda site: add_to_material_index(site, generated.search_entries)


def build_content(
    content: Path,
    site_dir: Path,
    *,
    config_file: Path = CONFIG_FILE,
    strict: bool = False,
    progress: bool = False,
    warn: Callable[[Sequence[Problem]], None] = lambda problems: None,
) -> BuildResult:
    """Load ``content`` and build its site, comparing papers in a second process meanwhile.

    ``warn`` is shown the content's warnings as soon as it is loaded, before the build goes on.
    """
    with RelatedWorker() as worker:
        loaded = load_content(content, strict=strict)
        related = worker.compute([item.paper for item in loaded.curation.papers])
        warn(loaded.problems)
        return build_site(
            loaded,
            site_dir,
            config_file=config_file,
            content=content,
            strict=strict,
            progress=progress,
            related=related,
        )


def recover_killed_builds(target: Path) -> tuple[str, ...]:
    """Clear the work folders that killed builds of ``target`` left, putting back a site first.

    A build removes its work folder even when it fails or is interrupted, but not when it is killed
    (SIGKILL, power loss). Killed between the two renames of the swap, it leaves the previous site
    inside its work folder and none at ``target``: that site is moved back, never deleted. Only
    folders whose owner file names this host and a process that is gone are touched, so a build
    running beside this one, or on another machine sharing the folder, keeps its work.
    """
    recovered: list[str] = []
    for work in sorted(target.parent.glob(f".{target.name}.building-*")):
        try:
            host, pid = (work / OWNER_FILE).read_text(encoding="utf-8").split()
            if host != socket.gethostname() or _process_exists(int(pid)):
                continue
        except (OSError, ValueError):
            continue  # not a work folder of this version, or being created: leave it
        previous = work / "previous"
        if previous.is_dir() and not (target.exists() or target.is_symlink()):
            os.rename(previous, target)
            recovered.append(
                f"{display_path(target)}: put back the site that a killed build had moved aside"
            )
        shutil.rmtree(work, ignore_errors=True)
        recovered.append(f"{display_path(work)}: removed what a killed build left")
    return tuple(recovered)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def mkdocs_nav(nav: tuple[NavEntry, ...]) -> list[dict[str, str]]:
    """The navigation as mkdocs.yml writes it."""
    return [{entry.title: entry.path} for entry in nav]


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    nav: tuple[NavEntry, ...],
    *,
    epoch: int,
    strict: bool = False,
    progress: bool = False,
    search: SearchBackend = "material",
) -> None:
    """Run MkDocs' build on generated docs; its warnings go to stderr, its failures raise.

    With the Pagefind backend, Material's search plugin is left out: its index would be built for
    nothing, and its search box would compete with the Search page. Material's tags plugin orders
    tags as readers expect (:func:`papersite.tags.with_tag_order`).
    """
    from mkdocs.commands.build import build

    written = read_mkdocs_yaml(config_file)
    overrides: dict[str, Any] = {"theme": with_theme_overrides(written.get("theme"))}
    plugins = written.get("plugins")
    if search == "pagefind":
        plugins = without_search_plugin(plugins)
    if plugins is not None:  # none written: MkDocs' default, search alone
        overrides["plugins"] = with_tag_order(plugins, written.get("theme"))
    with mkdocs_logging() as log, mkdocs_failures(log, config_file), _source_date_epoch(epoch):
        config = load_mkdocs_config(
            config_file,
            docs_dir=str(docs_dir),
            site_dir=str(site_dir),
            nav=mkdocs_nav(nav),
            strict=strict,
            **overrides,
        )
        if progress:
            config.plugins["papersite-progress"] = _progress_plugin()
        build(config)


def with_theme_overrides(theme: Any) -> Any:
    """mkdocs.yml's ``theme`` with papersite's template overrides as its ``custom_dir``.

    They are set here rather than in mkdocs.yml because the site's feeds are papersite's own, and
    a custom_dir written there is found next to the file: a copy of mkdocs.yml elsewhere would
    lose it. A theme with a custom_dir of its own keeps it (MkDocs takes one), and no theme stays
    MkDocs' default.
    """
    if isinstance(theme, str):
        return {"name": theme, "custom_dir": str(THEME_OVERRIDES)}
    if isinstance(theme, Mapping) and theme.get("custom_dir") is None:
        return {**theme, "custom_dir": str(THEME_OVERRIDES)}
    return theme


def read_mkdocs_yaml(config_file: Path) -> dict[str, Any]:
    """The configuration file as written, before MkDocs validates it (docs_dir need not exist)."""
    from mkdocs import exceptions
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open("rb") as stream:
            written = yaml_load(stream)
    except OSError as error:
        raise PapersiteError(
            display_path(config_file), None, f"cannot read: {error.strerror}"
        ) from None
    except exceptions.ConfigurationError as error:
        raise PapersiteError.from_problems([mkdocs_config_problem(config_file, error)]) from None
    # Every caller looks settings up by name; a list or a bare word there would fail as a bug.
    # (An empty file is read as no settings, {}.) The top level starts at the first line.
    if not isinstance(written, dict):
        raise PapersiteError(
            display_path(config_file),
            1,
            f"expected settings (key: value) at the top level, not {describe(written)}",
        )
    return written


def mkdocs_config_problem(config_file: Path, error: Exception) -> Problem:
    """MkDocs' error reading its configuration, in one line at the line it names.

    MkDocs words a YAML mistake over three lines, its place on the last; while serving, its dev
    server prints it with two chained tracebacks. The YAML error it wraps holds the place.
    """
    import yaml

    cause = error.__context__
    if isinstance(cause, yaml.MarkedYAMLError):
        mark = cause.problem_mark or cause.context_mark
        # The file an INHERIT of mkdocs.yml names has the mistake when the mark names it.
        name = mark.name if mark is not None else ""
        where = display_path(Path(name)) if name and not name.startswith("<") else None
        return Problem(
            where or display_path(config_file),
            mark.line + 1 if mark is not None else None,
            f"YAML syntax error: {cause.problem or cause.context or 'invalid YAML'}",
        )
    return Problem(display_path(config_file), None, str(error))


def load_mkdocs_config(config_file: Path, **overrides: Any) -> Any:
    """MkDocs' validated configuration, with ``overrides`` replacing options of the file."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    if not config_file.is_file():
        raise PapersiteError(display_path(config_file), None, "no such MkDocs configuration file")
    try:
        return load_config(str(config_file), **overrides)
    except exceptions.ConfigurationError as error:
        raise PapersiteError.from_problems([mkdocs_config_problem(config_file, error)]) from None


def _swap(built: Path, target: Path, previous: Path) -> None:
    """Rename the new site into place; on any failure the previous site is put back."""
    had_previous = target.exists() or target.is_symlink()
    try:
        if had_previous:
            os.rename(target, previous)
        os.rename(built, target)
    except BaseException as error:
        # The caller deletes the work folder, and ``previous`` with it: move it back first.
        if had_previous and (previous.exists() or previous.is_symlink()):
            os.rename(previous, target)
        if isinstance(error, OSError):
            raise PapersiteError(
                display_path(target),
                None,
                f"cannot move the new site into place: {error.strerror}; the previous site is kept",
            ) from None
        raise


def _check_target(target: Path, config_file: Path, content: Path | None = None) -> None:
    """Refuse to replace a folder that is not a built site, such as the project itself.

    The swap deletes what it replaces, so the project, the content, the home folder and everything
    above them are refused by path, whatever they hold, even through a symbolic link.
    """
    if target.exists() and not target.is_dir():
        raise PapersiteError(display_path(target), None, "site folder exists and is not a folder")
    protected = {Path.cwd(), config_file.absolute().parent}
    with contextlib.suppress(RuntimeError):  # no HOME and no password entry: nothing to protect
        protected.add(Path.home())
    if content is not None:
        protected.add(content.absolute())
    resolved = {p.resolve() for p in protected}
    for candidate in {target, target.resolve()}:
        if any(candidate == p or candidate in p.parents for p in protected | resolved):
            raise PapersiteError(
                display_path(target),
                None,
                "refusing to replace a folder holding the project, the content or your home "
                "folder: choose a site folder of its own, such as ./site",
            )
        if content is not None and candidate.is_relative_to(content.resolve()):
            # content/sources or content/curation would be replaced by the site.
            raise PapersiteError(
                display_path(target), None, "refusing to build the site inside the content folder"
            )
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").exists():
        raise PapersiteError(
            display_path(target),
            None,
            "folder is not empty and holds no built site: choose another",
        )


def folder_size(folder: Path) -> tuple[int, int]:
    """How many files a folder holds, and their bytes."""
    files = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size


@contextlib.contextmanager
def _source_date_epoch(epoch: int) -> Iterator[None]:
    """MkDocs dates the sitemap (and its gzip header) from this variable, or from today."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


class MkDocsLog(logging.Handler):
    """Prints MkDocs' messages on stderr and keeps its errors for the PapersiteError they cause.

    Set ``print_errors`` once no error ends the command (a running preview, whose failed rebuilds
    MkDocs survives): errors are then printed like the rest, as nothing else would show them.
    """

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.errors: list[str] = []
        self.print_errors = False

    def emit(self, record: logging.LogRecord) -> None:
        """Print one message, or keep it when it is an error."""
        if record.levelno >= logging.ERROR and not self.print_errors:
            self.errors.append(record.getMessage())
            return
        label = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        print(f"mkdocs: {label}{record.getMessage()}", file=sys.stderr)


@contextlib.contextmanager
def mkdocs_logging(level: int = logging.WARNING) -> Iterator[MkDocsLog]:
    """Route MkDocs' log to stderr meanwhile; messages below ``level`` (chatter) are dropped."""
    logger = logging.getLogger("mkdocs")
    handler = MkDocsLog(level)
    saved = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, level = saved
        logger.setLevel(level)


@contextlib.contextmanager
def mkdocs_failures(log: MkDocsLog, config_file: Path, command: str = "build") -> Iterator[None]:
    """Turn MkDocs' failure meanwhile into a PapersiteError, one problem for each cause it logged.

    MkDocs logs the causes and raises a bare "Aborted": without them the message says nothing.
    ``command`` names what failed, as in "MkDocs build failed: ...".
    """
    from mkdocs import exceptions

    try:
        yield
    except (exceptions.MkDocsException, PapersiteError) as error:
        causes = log.errors or [str(error.message if isinstance(error, PapersiteError) else error)]
        where = display_path(config_file)
        raise PapersiteError.from_problems(
            Problem(where, None, f"MkDocs {command} failed: {cause}") for cause in causes
        ) from None


def _progress_plugin() -> Any:
    """A plugin that advances a progress bar as MkDocs writes pages."""
    from mkdocs.plugins import BasePlugin
    from tqdm import tqdm

    class Progress(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        bar: Any = None

        def on_files(self, files: Any, *, config: Any) -> Any:
            self.bar = tqdm(
                total=len(files.documentation_pages()), unit="pages", desc="MkDocs", leave=False
            )
            return files

        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            self.bar.update()
            return output

        def on_post_build(self, *, config: Any) -> None:
            self.bar.close()

    return Progress()
