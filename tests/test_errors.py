from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from papersite.characters import BLANK
from papersite.errors import (
    CannotWrite,
    PapersiteError,
    Problem,
    Problems,
    Severity,
    cannot_write,
    display_path,
    failed_writing,
    printable,
)

WARNING = Problem("content/sources/a.txt", 3, "empty file", Severity.WARNING)
ERROR = Problem("content/curation/papers.yaml", 7, "unknown key 'x'")
WHOLE_FILE = Problem("content/curation/themes.yaml", None, "missing")


def test_a_problem_reads_path_line_label_and_message() -> None:
    assert str(ERROR) == "content/curation/papers.yaml:7: unknown key 'x'"
    assert str(WARNING) == "content/sources/a.txt:3: warning: empty file"
    # A problem of the whole file has no line to name.
    assert str(WHOLE_FILE) == "content/curation/themes.yaml: missing"
    assert ERROR.severity is Severity.ERROR


def test_the_worst_severity_is_the_largest() -> None:
    assert max(Severity.WARNING, Severity.ERROR) is Severity.ERROR
    assert max([WARNING, ERROR, WARNING], key=lambda p: p.severity) is ERROR


def test_a_papersite_error_is_its_one_problem() -> None:
    error = PapersiteError("mkdocs.yml", 4, "site_name must be set")
    assert error.problems == (Problem("mkdocs.yml", 4, "site_name must be set"),)
    assert (error.path, error.line, error.message) == ("mkdocs.yml", 4, "site_name must be set")
    assert str(error) == "mkdocs.yml:4: site_name must be set"
    # Bad input is a ValueError to code that knows nothing of papersite.
    assert isinstance(error, ValueError)


def test_an_error_from_problems_carries_each_in_order_and_the_first_names_it() -> None:
    error = PapersiteError.from_problems(iter([ERROR, WHOLE_FILE]))
    assert error.problems == (ERROR, WHOLE_FILE)
    assert (error.path, error.line, error.message) == (ERROR.path, 7, ERROR.message)
    assert str(error) == str(ERROR)


def test_an_error_named_by_a_warning_says_it_is_one() -> None:
    # raise_if_failing carries the warnings found before the error that fails the run.
    error = PapersiteError.from_problems([WARNING, ERROR])
    assert str(error) == "content/sources/a.txt:3: warning: empty file"


def test_an_error_from_no_problems_is_a_bug_not_an_empty_error() -> None:
    with pytest.raises(ValueError, match=r"^from_problems needs at least one problem$"):
        PapersiteError.from_problems([])


def test_problems_are_kept_in_the_order_found_with_their_severity() -> None:
    problems = Problems()
    problems.warning("b.txt", 9, "late")
    problems.error("a.txt", None, "unread")
    problems.extend([ERROR, WARNING])
    assert list(problems) == [
        Problem("b.txt", 9, "late", Severity.WARNING),
        Problem("a.txt", None, "unread", Severity.ERROR),
        ERROR,
        WARNING,
    ]
    assert len(problems) == 4


@pytest.mark.parametrize(
    ("found", "failing", "strictly_failing"),
    [
        ([], [], []),
        ([WARNING], [], [WARNING]),
        ([WARNING, ERROR, WARNING], [ERROR], [WARNING, ERROR, WARNING]),
    ],
)
def test_errors_fail_a_run_and_warnings_only_a_strict_one(
    found: list[Problem], failing: list[Problem], strictly_failing: list[Problem]
) -> None:
    problems = Problems(list(found))
    assert problems.failing() == failing
    assert problems.failing(strict=True) == strictly_failing


def test_a_failing_run_raises_every_problem_warnings_too() -> None:
    problems = Problems([ERROR, WARNING])
    with pytest.raises(PapersiteError) as raised:
        problems.raise_if_failing()
    # The warnings go with the errors: the one report a curator reads holds them all.
    assert raised.value.problems == (ERROR, WARNING)


def test_warnings_alone_raise_only_when_strict() -> None:
    problems = Problems([WARNING])
    problems.raise_if_failing()
    with pytest.raises(PapersiteError) as raised:
        problems.raise_if_failing(strict=True)
    assert raised.value.problems == (WARNING,)


@pytest.fixture
def in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder, tmp_path/project, that display_path names paths relative to."""
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    # As the working folder reads: tmp_path may lie behind a symbolic link.
    return Path.cwd()


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("content/sources/a.txt", "content/sources/a.txt"),
        ("./content//sources/", "content/sources"),
        ("{project}/content/sources/a.txt", "content/sources/a.txt"),
        ("{project}", "."),
        # Inside, though its name starts with the two dots of a climb out.
        ("{project}/..notes/a.txt", "..notes/a.txt"),
        ("..notes", "..notes"),
        # Outside the working folder, a path is shown as typed, not as a climb of '..'s.
        ("../elsewhere/a.txt", "../elsewhere/a.txt"),
        ("{project}/../elsewhere", "{project}/../elsewhere"),
        ("/etc/passwd", "/etc/passwd"),
        # Not expanded: '~' is a folder name to Python, and the curator typed it so.
        ("~/content", "~/content"),
    ],
)
def test_display_path_names_a_path_as_a_curator_would_type_it(
    in_project: Path, given: str, shown: str
) -> None:
    project = str(in_project)
    assert display_path(given.format(project=project)) == shown.format(project=project)
    assert display_path(Path(given.format(project=project))) == shown.format(project=project)


def test_a_path_with_no_relative_form_is_shown_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    def other_drive(path: str) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    # Windows has no relative path from one drive to another.
    monkeypatch.setattr(os.path, "relpath", other_drive)
    assert display_path("D:/content") == "D:/content"


def test_cannot_write_is_one_line_with_the_system_s_reason_and_a_note(in_project: Path) -> None:
    refusal = PermissionError(errno.EACCES, "Permission denied", "site/x")
    error = cannot_write(in_project / "site", refusal, "; the previous site is kept")
    assert isinstance(error, CannotWrite) and error.refusal is refusal
    assert str(error) == "site: cannot write: Permission denied; the previous site is kept"
    # An OSError made without a reason still says something.
    assert str(cannot_write("<stdout>", OSError("closed"))) == "<stdout>: cannot write: closed"


@pytest.mark.parametrize(
    ("error", "failed"),
    [
        # The machine refusing whatever the file: a failing write() names none.
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
        (OSError(errno.EROFS, "Read-only file system", "/anywhere"), True),
        (OSError(errno.EIO, "Input/output error"), True),
        (OSError(errno.EFBIG, "File too large"), True),
        # Refused where the output goes: the folder, a file inside it, a folder made for it.
        (PermissionError(errno.EACCES, "Permission denied", "/srv/site"), True),
        (PermissionError(errno.EACCES, "Permission denied", "/srv/site/papers/a.html"), True),
        (PermissionError(errno.EACCES, "Permission denied", b"/srv/site/papers"), True),
        (PermissionError(errno.EACCES, "Permission denied", Path("/srv")), True),
        (NotADirectoryError(errno.ENOTDIR, "Not a directory", "/srv/site/../site/x"), True),
        # Anything else is a bug to show: another file, or no file named.
        (PermissionError(errno.EACCES, "Permission denied", "/srv/site2/index.html"), False),
        (PermissionError(errno.EACCES, "Permission denied", "/etc/papersite.conf"), False),
        (PermissionError(errno.EACCES, "Permission denied"), False),
        (OSError(errno.EBADF, "Bad file descriptor", 3), False),
    ],
)
def test_failed_writing_tells_the_machine_refusing_output_from_a_bug(
    error: OSError, failed: bool
) -> None:
    assert failed_writing(error, Path("/srv/site")) is failed


@pytest.mark.parametrize(
    ("quoted", "shown"),
    [
        ("kv|\n::error file=README.md::leaked", "kv|\\n::error file=README.md::leaked"),
        ("a\r\nb", "a\\r\\nb"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("line\u2028separator\u2029", "line\\u2028separator\\u2029"),
        ("tab\there", "tab\\there"),
        # Bidirectional controls reorder what follows them on the line.
        ("abc\u202etxt.exe", "abc\\u202etxt.exe"),
        ("\u2066x\u2069 \u200f", "\\u2066x\\u2069 \\u200f"),
        ("Naïve, 漢字 and — stay", "Naïve, 漢字 and — stay"),
        # Invisible format characters: 'x\u200b' showed as 'x', a second id looking the same.
        ("labeling\u200b", "labeling\\u200b"),
        ("soft\u00adhyphen\ufeff word\u2060joiner", "soft\\xadhyphen\\ufeff word\\u2060joiner"),
        # Marks that show as nothing after a letter: the id looked valid. After an emoji, a
        # variation selector picks how it looks (the test below keeps it).
        ("recurrent-net\ufe0fworks a\u034fb", "recurrent-net\\ufe0fworks a\\u034fb"),
        ("x\u3164y n\U000e0100", "x\\u3164y n\\U000e0100"),
        # Spaces a curator did not type: they look like the space, and are not.
        ("10\u00a0km 1\u2007000 5\u202fs \u3000", "10\\xa0km 1\\u2007000 5\\u202fs \\u3000"),
        # Private use, unassigned, a lone surrogate (from a file name not in UTF-8): no glyph.
        ("\ue000\uffff\udcff", "\\ue000\\uffff\\udcff"),
    ],
)
def test_a_problem_quoting_control_characters_prints_on_one_line(quoted: str, shown: str) -> None:
    # Messages quote curators' and dumps' text: a newline in it printed a line of its own, a fake
    # "file:line: error" or a GitHub Actions command in CI's log.
    problem = Problem("content/curation/themes.yaml", 7, f"keyword '{quoted}' is odd")
    assert str(problem) == f"content/curation/themes.yaml:7: keyword '{shown}' is odd"
    assert len(str(problem).splitlines()) == 1


def test_a_problem_escapes_every_character_shows_nothing_counts_as_blank() -> None:
    # Quoted as it is, the Braille pattern blank made "site_name '⠀' shows nothing": empty quotes.
    for char in BLANK:
        assert str(Problem("mkdocs.yml", 2, f"'{char}'")) == f"mkdocs.yml:2: '\\u{ord(char):04x}'"


def test_what_papersite_writes_in_messages_shows_as_it_is() -> None:
    # Its own typography, and the letters and symbols of titles in any script.
    text = "… – — ’ “ ” × ≥ → «é» ü ß 漢字 한국어 ✓ ✔\ufe0f 🚀 cafe\u0301 (a combining accent)"
    assert printable(text) == text
    problem = Problem("p.yaml", 1, f"tag '{text}'", Severity.WARNING)
    assert str(problem) == f"p.yaml:1: warning: tag '{text}'"


def test_a_zero_width_space_is_told_apart_from_the_id_it_follows() -> None:
    problem = Problem("papers.yaml", 33, "unknown paper id 'a-b\u200b' (did you mean 'a-b'?)")
    assert str(problem) == r"papers.yaml:33: unknown paper id 'a-b\u200b' (did you mean 'a-b'?)"
