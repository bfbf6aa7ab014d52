"""Building the site: load the content, render the Markdown, run MkDocs, swap the result in.

A build works in a temporary folder next to the target and only moves the finished site into
place, with renames, when every step succeeded: a failed or interrupted build leaves the previous
site as it was. Time stamps come only from SOURCE_DATE_EPOCH (or, when it is unset, from the newest
date in the content), so the same content always gives the same bytes. What MkDocs is given and
how its failures read is papersite.mkdocs_glue's, which ``papersite serve`` shares.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from papersite.catalogue import Catalogue
from papersite.content import Loaded, load_content
from papersite.errors import (
    CannotWrite,
    PapersiteError,
    Problem,
    Terminated,
    cannot_write,
    display_path,
    failed_writing,
    spellings,
)
from papersite.mkdocs_glue import CONFIG_FILE, papersite_options, run_mkdocs, site_settings
from papersite.related import RelatedPapers, RelatedWorker
from papersite.render import TEMPLATES, Generated, generate, holds_nothing_but_litter
from papersite.search import PagefindIndexer, add_to_material_index, search_advice

# Names the host and process that own a work folder, so a later build can tell a killed one's.
OWNER_FILE = "owner"

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


@dataclass(frozen=True)
class GenerateResult:
    """What one ``papersite generate`` made, for the summary line."""

    generated: Generated
    out: Path

    def __str__(self) -> str:
        return (
            f"Generated {self.generated.pages} pages and {self.generated.files} files in {self.out}"
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


def generate_docs(
    loaded: Loaded,
    out: Path,
    *,
    config_file: Path = CONFIG_FILE,
    related: RelatedPapers | None = None,
    progress: bool = False,
    epoch: int | None = None,
    keep: Collection[str] = (),
    stop: threading.Event | None = None,
) -> Generated:
    """Render the Markdown pages and data files of ``loaded`` into ``out``, dated ``epoch``.

    Without ``epoch``, the date is :func:`build_epoch`'s. The files ``keep`` names are the
    caller's, and ``stop`` stops the writing (see :func:`papersite.render.generate`).
    """
    if epoch is None:
        epoch = build_epoch(loaded.catalogue)
    settings = site_settings(config_file, epoch)
    return generate(
        loaded.catalogue,
        loaded.curation,
        settings,
        out,
        related=related,
        progress=progress,
        keep=keep,
        stop=stop,
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
    # Checked again, now the content is read: the folder may have changed meanwhile.
    target = check_site_folder(given, config_file, content)
    work, recovered = _make_work_folder(target)
    try:
        (work / OWNER_FILE).write_text(f"{socket.gethostname()} {os.getpid()}\n", encoding="utf-8")
        generated, built = _build_in(
            work, loaded, config_file=config_file, strict=strict, progress=progress, related=related
        )
        advice = search_advice(built, generated.search.backend)
        files, size = folder_size(built)
        Terminated.check()  # asked to stop where it could not be raised: the site stays as it was
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


def _make_work_folder(target: Path) -> tuple[Path, tuple[str, ...]]:
    """A new work folder beside ``target``, once what killed builds left there is cleared.

    Also what that clearing did (see :func:`recover_killed_builds`). A folder the machine refuses
    to write is one line naming it.
    """
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
    return work, recovered


def _build_in(
    work: Path,
    loaded: Loaded,
    *,
    config_file: Path,
    strict: bool,
    progress: bool,
    related: RelatedPapers | None,
) -> tuple[Generated, Path]:
    """Render the pages into ``work`` and build the site there with MkDocs, indexed for search.

    What was rendered, and the folder of the site built: nothing outside ``work`` is touched.
    """
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
    return generated, built


def _real_folder(site_dir: Path) -> Path:
    """The folder a site folder given as a symbolic link points to, which the build replaces.

    Swapping the link itself would replace it with a folder and leave the folder it points to, the
    one a web server may be serving, with the old site. The swap happens beside the real folder,
    and the link is kept. A loop of links was refused before (see :func:`check_site_folder`).
    """
    return site_dir.resolve(strict=False) if site_dir.is_symlink() else site_dir


def link_loop_refusal(path: Path) -> str | None:
    """Why ``path`` can be no folder because a symbolic link on its way loops, or None.

    A loop (``ln -s loop loop``, or a -> b -> a) made Path.resolve raise (RuntimeError before
    Python 3.13) deep in a check, a traceback. The link named is the first on the way that loops,
    ``path`` itself or a folder above it.
    """
    absolute = path.absolute()
    if not _loops(absolute):
        return None
    link = next((above for above in reversed(absolute.parents) if _loops(above)), absolute)
    if link == absolute:
        return "symbolic-link loop: following the link never reaches a folder"
    return (
        f"lies under {display_path(link)}, a symbolic-link loop: following it never reaches "
        "a folder"
    )


def file_in_the_way_refusal(path: Path) -> str | None:
    """Why ``path`` can be no folder because it, or a folder above it, is a file; or None.

    Told by the machine when writing, it was "cannot write: File exists" for a build (at the work
    folder beside the site folder) and "Not a directory" for generate, neither naming the file.
    """
    absolute = path.absolute()
    for above in (absolute, *absolute.parents):
        if above.is_dir():
            return None
        if above.exists():
            if above == absolute:
                return "is a file, not a folder"
            return f"lies under {display_path(above)}, a file, not a folder"
    return None


def _loops(path: Path) -> bool:
    """Whether the system gives up following the links of ``path`` (ELOOP)."""
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def check_site_folder(site_dir: Path, config_file: Path, content: Path | None = None) -> Path:
    """Refuse ``site_dir`` as :func:`_check_target` says; the folder a build then replaces.

    Cheap, and made before the content is read, so a refused folder is said at once, and said
    even when the content has errors too.
    """
    given = site_dir.absolute()
    refusal = link_loop_refusal(given) or file_in_the_way_refusal(given)
    if refusal is not None:
        raise PapersiteError(display_path(given), None, refusal)
    _check_target(given, config_file, content)
    return _real_folder(given)


def generate_folder(
    loaded: Loaded,
    out: Path,
    *,
    content: Path,
    config_file: Path = CONFIG_FILE,
    progress: bool = False,
) -> Generated:
    """``papersite generate``: :func:`generate_docs` into ``out``, which is removed if it fails.

    Only a folder this run created is removed: one written before is left as it is, since an
    earlier generation, or the preview, may be using it. A write the machine refuses (a full disk,
    a folder that cannot be written) is one line naming the file. ``out`` is refused as
    :func:`docs_folder_refusal` says, ``content`` being the folder ``loaded`` was read from.
    """
    check_docs_folder(out, config_file, content)
    created = not (out.exists() or out.is_symlink())
    try:
        return generate_docs(loaded, out, config_file=config_file, progress=progress)
    except BaseException:
        if created:
            # Half a folder of pages would pass for a whole one.
            shutil.rmtree(out, ignore_errors=True)
        raise


def check_docs_folder(out: Path, config_file: Path, content: Path) -> None:
    """Refuse ``out`` as the folder of ``papersite generate``, as docs_folder_refusal says."""
    refusal = docs_folder_refusal(out, config_file, content, [TEMPLATES])
    if refusal is not None:
        raise PapersiteError(display_path(out), None, refusal)


def generate_content(
    content: Path,
    out: Path,
    *,
    config_file: Path = CONFIG_FILE,
    progress: bool = False,
    warn: Callable[[Sequence[Problem]], None] = lambda problems: None,
) -> GenerateResult:
    """``papersite generate``: load ``content`` and :func:`generate_folder` its pages into ``out``.

    ``out`` is refused before the content is read: reading a large content takes a while, and its
    errors would hide the refusal. ``warn`` is shown the content's warnings once it is loaded.
    """
    check_docs_folder(out, config_file, content)
    loaded = load_content(content)
    warn(loaded.problems)
    generated = generate_folder(
        loaded, out, content=content, config_file=config_file, progress=progress
    )
    return GenerateResult(generated, out)


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
    ``site_dir`` is refused before the content is read (see :func:`check_site_folder`).
    """
    check_site_folder(site_dir, config_file, content)
    # Known before the worker starts, so that a list without related papers never starts it (nor
    # imports scikit-learn). A mistake in mkdocs.yml is raised below, after the content's warnings.
    try:
        count: int | None = papersite_options(config_file).related_papers
    except PapersiteError:
        count = None
    with RelatedWorker(background=False if count == 0 else None) as worker:
        loaded = load_content(content, strict=strict)
        # Shown before mkdocs.yml's mistake: it stops the build, and they would be lost.
        warn(loaded.problems)
        if count is None:
            count = papersite_options(config_file).related_papers
        related = worker.compute([item.paper for item in loaded.curation.papers], count)
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
    if _holds_any(target, _project_folders(config_file, content)):
        raise PapersiteError(
            display_path(target),
            None,
            "refusing to replace a folder holding the project, the content or your home "
            "folder: choose a site folder of its own, such as ./site",
        )
    if content is not None and _inside_any(target, [content]):
        # content/sources or content/curation would be replaced by the site.
        raise PapersiteError(
            display_path(target), None, "refusing to build the site inside the content folder"
        )
    if not holds_nothing_but_litter(target) and not (target / "index.html").exists():
        raise PapersiteError(
            display_path(target),
            None,
            "folder is not empty and holds no built site: choose another",
        )


def docs_folder_refusal(
    docs: Path, config_file: Path, content: Path, inputs: Collection[Path] = ()
) -> str | None:
    """Why the pages must not be generated into ``docs``, or None when they may.

    Generating removes every file of the folder it did not write, wherever the folder's marker
    file came from (a pull request can commit one): the project, the content, mkdocs.yml and the
    ``inputs`` (templates) are refused by path, as is a folder holding them, or one inside the
    content or an input, where generated files would mix with what they are made from. A folder
    whose symbolic links loop, or that is or lies under a file, is refused too: it can be no
    folder.
    """
    loop = link_loop_refusal(docs)
    if loop is not None:
        return loop
    held = {*_project_folders(config_file, content), config_file.absolute(), *inputs}
    if _holds_any(docs, held):
        return (
            "refusing to write the pages there: it is, or holds, the project, the content, "
            "mkdocs.yml, the templates or your home folder; choose a folder of their own, "
            "such as build/docs"
        )
    if _inside_any(docs, [content, *inputs]):
        return (
            "refusing to write the pages inside the content or the templates: choose a folder "
            "of their own, such as build/docs"
        )
    # Last: mkdocs.yml or README.md as the folder is the project's file, which says more.
    return file_in_the_way_refusal(docs)


def _project_folders(config_file: Path, content: Path | None) -> set[Path]:
    """The folders no output may replace: the working folder, the project, home, the content."""
    protected = {Path.cwd(), config_file.absolute().parent}
    with contextlib.suppress(RuntimeError):  # no HOME and no password entry: nothing to protect
        protected.add(Path.home())
    if content is not None:
        protected.add(content.absolute())
    return protected


def _holds_any(target: Path, paths: Collection[Path]) -> bool:
    """Whether ``target`` is, or holds, one of ``paths``, by path or through a symbolic link."""
    every = _spellings(paths)
    return any(c == path or c in path.parents for c in _spellings([target]) for path in every)


def _inside_any(target: Path, folders: Collection[Path]) -> bool:
    """Whether ``target`` lies inside one of ``folders``, by path or through a symbolic link."""
    every = _spellings(folders)
    return any(c.is_relative_to(folder) for c in _spellings([target]) for folder in every)


def _spellings(paths: Collection[Path]) -> set[Path]:
    """Each of ``paths`` made absolute, and the path it leads to through symbolic links.

    A path whose links loop leads nowhere, and holds nothing: it has its absolute spelling only.
    (The output folder's own loop is refused before, see :func:`link_loop_refusal`.)
    """
    return {spelling for path in paths for spelling in spellings(path)}


def folder_size(folder: Path) -> tuple[int, int]:
    """How many files a folder holds, and their bytes."""
    files = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size
