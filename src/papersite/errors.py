"""Problems found in user input, and the one exception that carries them.

Every stage reports bad input as a :class:`Problem` naming the file and line. Stages that can go on
collect problems and carry on (a bad record is skipped and reported); when the caller needs a clean
result it raises :class:`PapersiteError`, which the CLI prints one problem a line before exiting 1.
Also :class:`Terminated`, how a stop asked for by SIGTERM unwinds through every stage, and
:class:`Stopped`, how work another thread asked to stop does.
"""

from __future__ import annotations

import enum
import errno
import os
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from papersite.characters import INVISIBLE


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived (``kill``, ``timeout``, a container or service stopping).

    A KeyboardInterrupt, so that it unwinds as Ctrl-C does: past ``except Exception``, through
    every ``finally`` that removes a build's work folder or stops a worker process.
    """

    # Set by the CLI's handler as it raises one. A signal handled while Python runs a finaliser or
    # a weak reference's callback (an import's module lock has one) cannot raise there: Python
    # prints "Exception ignored in ..." and the work goes on. Whatever must not happen once a stop
    # was asked for (a build replacing the site) asks check() first.
    requested: ClassVar[bool] = False

    @classmethod
    def check(cls) -> None:
        """Raise one now if SIGTERM arrived where it could not be raised."""
        if cls.requested:
            raise cls


class Stopped(Terminated):
    """The thread that started the work asked it to stop (see :func:`stop_if_asked`).

    The preview's regeneration, run in a thread of its own, is stopped so as the preview stops.
    A Terminated, so that it unwinds as a SIGTERM does: past ``except Exception``, through every
    ``finally``, and the CLI says nothing of it.
    """


def stop_if_asked(stop: threading.Event | None) -> None:
    """Raise :class:`Stopped` when ``stop`` is set; None: never.

    Called where long work goes on from one step to the next (each page written), as another
    thread cannot be interrupted safely: the work stops at the next such step.
    """
    if stop is not None and stop.is_set():
        raise Stopped


class Severity(enum.IntEnum):
    """How bad a problem is; ordered so that ``max()`` gives the worst."""

    WARNING = 1
    ERROR = 2


def printable(text: str) -> str:
    r"""``text`` on one line, each character that does not show as itself written as an escape.

    Messages quote what curators and dumps wrote: a keyword holding a newline printed lines of
    its own, such as a fake "file:line: error" or a GitHub Actions command ("::error ..."). The
    characters escaped are those ``str.isprintable()`` rejects, written as Python writes them
    ('\n', '\x1b', '\u202e'):

    - C0 and C1 controls (newlines, carriage returns, escape sequences), and the Unicode line
      and paragraph separators, which would break the line or act on a terminal;
    - format characters (category Cf): the bidirectional controls, which reorder what follows
      them (U+202E shows "exe.txt" as "txt.exe"), and the invisible ones, a zero-width space,
      a soft hyphen, a byte-order mark, which made "unknown paper id 'x\u200b' (did you mean
      'x'?)" show the same id twice;
    - spaces other than the space (category Zs: U+00A0 no-break, U+3000 ideographic), which
      look like one but are not the one a curator would type;
    - private-use, unassigned and lone surrogate code points, which show as nothing or a box;
    - marks that show as nothing after a letter, digit or ASCII punctuation (a variation selector,
      the combining grapheme joiner) and the characters drawn blank (characters.BLANK: the
      Hangul fillers, the Braille pattern blank), which str.isprintable() accepts:
      'recurrent-net\ufe0fworks' showed as the valid id it was said not to be. After an emoji,
      a variation selector chooses how it looks, and stays.

    Letters of any script, marks, symbols and punctuation (é, 漢, ×, —, ’) show as they are.
    """
    # Nearly every message is printable as it is: isprintable() answers in C, once.
    if text.isprintable() and (text.isascii() or not INVISIBLE.search(text)):
        return text
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    return INVISIBLE.sub(_escaped, shown)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, at a place a curator can open."""

    path: str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR
    # The paper a warning is about, when hiding that paper in papers.yaml answers it.
    paper: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        label = "warning: " if self.severity is Severity.WARNING else ""
        return printable(f"{where}: {label}{self.message}")


class PapersiteError(ValueError):
    """Bad user input: carries the file, the line and the message of each problem."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.problems: tuple[Problem, ...] = (Problem(path, line, message),)
        super().__init__(str(self.problems[0]))

    @classmethod
    def from_problems(cls, problems: Iterable[Problem]) -> PapersiteError:
        """Build one error from several problems; the first one names it."""
        found = tuple(problems)
        if not found:
            raise ValueError("from_problems needs at least one problem")
        first = found[0]
        error = cls(first.path, first.line, first.message)
        error.problems = found
        # As printed: the first problem may be a warning, which its label must still say.
        error.args = (str(first),)
        return error

    @property
    def path(self) -> str:
        """The file the first problem is in."""
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        """The line of the first problem, when it has one."""
        return self.problems[0].line

    @property
    def message(self) -> str:
        """The first problem's message, without its place."""
        return self.problems[0].message


@dataclass
class Problems:
    """A collector that stages append to, so every problem is reported in one pass."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int | None, message: str) -> None:
        """Record an error: the input cannot be used as it is."""
        self.items.append(Problem(path, line, message, Severity.ERROR))

    def warning(
        self, path: str, line: int | None, message: str, *, paper: str | None = None
    ) -> None:
        """Record a warning: usable, but a curator should look (``paper``: see Problem)."""
        self.items.append(Problem(path, line, message, Severity.WARNING, paper))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems found elsewhere."""
        self.items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def failing(self, *, strict: bool = False) -> list[Problem]:
        """The problems that fail a run: errors, and warnings too when strict."""
        return [p for p in self.items if strict or p.severity is Severity.ERROR]

    def raise_if_failing(self, *, strict: bool = False) -> None:
        """Raise one PapersiteError carrying every problem if any of them fails the run."""
        if self.failing(strict=strict):
            raise PapersiteError.from_problems(self.items)


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as a curator would type it: relative to the working folder when inside it."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:
        return text
    # Outside, the relative path climbs out ('../x'); a folder named '..notes' inside is no climb.
    outside = relative == os.pardir or relative.startswith(os.pardir + os.sep)
    return text if outside else relative


def absent(path: Path) -> bool:
    """Whether nothing at all is at ``path``, not even a link.

    ``Path.exists()`` is false for a link whose target is missing or that loops too: such a link
    stands for a file meant to be read, so a file that may be left out (sources.yaml; papers.yaml,
    with a warning) behind one is an error to report (:func:`cannot_read`), not a file left out.
    """
    return not path.exists() and not path.is_symlink()


def resolved(path: Path) -> Path:
    """``path`` made absolute with its symbolic links followed, as far as they lead anywhere.

    A link that loops leads nowhere: ``path`` is then made absolute only, and reading it says
    why it cannot be read (:func:`cannot_read`). ``Path.resolve`` raised, a traceback (RuntimeError
    before Python 3.13, OSError from it).
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def spellings(path: Path) -> set[Path]:
    """``path`` made absolute, and where its symbolic links lead: two ways to name one place.

    Checks that a path is, or lies in, a folder compare every spelling of both.
    """
    # The written spelling is normalised by its words alone: Path.absolute keeps '..', so
    # 'content/../out.json' read as inside content. A '..' after a link is resolved's to follow.
    return {Path(os.path.normpath(path.absolute())), resolved(path)}


def cannot_read(path: Path, error: OSError, what: str = "file") -> str:
    """The message for a file that cannot be opened: the system's reason, and a link's part in it.

    A link is followed, so "No such file or directory" means its target, which the user may not
    know the link has.
    """
    if error.errno == errno.ELOOP:
        return f"cannot read {what}: {error.strerror} (a link that loops)"
    link = " (a broken link?)" if path.is_symlink() else ""
    return f"cannot read {what}: {error.strerror}{link}"


def unlistable(folder: Path) -> OSError | None:
    """Why the files of ``folder`` cannot be listed or read, else None.

    A folder without read permission cannot list its files, one without search permission
    (chmod 000, a checkout made by another user) cannot reach them: ``Path.exists`` on a file
    in it raised PermissionError, a traceback. Listing it and looking at it from inside tells
    both.
    """
    try:
        os.listdir(folder)
        os.stat(os.path.join(folder, os.curdir))  # not Path: it drops the "."
    except OSError as error:
        return error
    return None


# Failures of a write that the machine causes whatever the file: a full disk or quota, a file
# too large, a read-only or failing disk. A failing write() names no file, so only its errno tells.
STORAGE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO})


class CannotWrite(PapersiteError):
    """Output the machine refused to write (see :func:`cannot_write`); ``refusal`` says why.

    The refusal is kept for a caller that tells it naming its own output instead: a build names
    the site, not the file in its work folder that the refusal named.
    """

    def __init__(self, path: str | os.PathLike[str], refusal: OSError, note: str = "") -> None:
        super().__init__(
            display_path(path), None, f"cannot write: {refusal.strerror or refusal}{note}"
        )
        self.refusal = refusal


def cannot_write(path: str | os.PathLike[str], error: OSError, note: str = "") -> CannotWrite:
    """One line for output that cannot be written: the path, the system's reason and ``note``."""
    return CannotWrite(path, error, note)


def failed_writing(error: OSError, folder: str | os.PathLike[str]) -> bool:
    """Whether ``error`` is the machine refusing output written into ``folder``.

    True for a full or read-only disk, and for an error naming ``folder``, a path inside it, or
    one of the folders above it that were being made for it. Any other OSError is left to show as
    the bug it may be.
    """
    if error.errno in STORAGE_ERRORS:
        return True
    if not isinstance(error.filename, (str, bytes, os.PathLike)):
        return False
    failed = os.path.abspath(os.fsdecode(error.filename))
    inside = os.path.abspath(os.fspath(folder))
    return os.path.commonpath([failed, inside]) in {failed, inside}
