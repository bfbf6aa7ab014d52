from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import io
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synth import write_dumps

from papersite import rules
from papersite.cli import _parser, main
from papersite.errors import Terminated
from papersite.exports import schema_json
from papersite.render import SiteWriter

from .conftest import EXCERPT, REPO, SEEDS, MakeContent
from .sites import write_content


def test_check_reports_every_file_and_exits_0_on_the_shipped_content(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # tests/test_content.py counts the shipped reading list's papers; this holds for any content.
    assert main(["check", "--strict", "--content", str(REPO / "content")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].endswith(" papers; 0 errors, 0 warnings")
    assert sum("records read" in line for line in out) == len(list(SEEDS.glob("*.txt")))


def test_check_exits_1_and_prints_path_line_message(
    make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_content("bad_date.txt", "spaced_small.txt")
    assert main(["check", "--content", str(content)]) == 1
    captured = capsys.readouterr()
    summary = "bad_date.txt: spaced, 1 record read, 0 new papers, 0 duplicates merged"
    assert f"{content}/sources/{summary}" in captured.out
    assert (
        f"  skipped: {content}/sources/bad_date.txt:11: impossible date 'Feb 30, 2024'; "
        "paper 'A Paper From A Day That Never Was' skipped"
    ) in captured.out
    # The warning: spaced_small.txt's year-less "Oct 29" with no sources.yaml to date it.
    assert captured.out.splitlines()[-1] == "3 papers; 1 error, 1 warning"


def test_check_says_a_duplicate_merged_by_its_abstract_is_a_retitled_paper(
    make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    # Counted only as merged, a retitle was news to the curator on the site alone, where the
    # paper may show under its new title (merge_records).
    abstract = (
        "Recent sequence models route tokens on to separate experts, and we show that a router "
        "trained to balance load improves accuracy at a tenth of the compute."
    )
    title = "Load-Balanced Routing for Mixture-of-Experts"
    content = make_content(
        sources_yaml="sources:\n  a.txt:\n    label: A\n    captured: 2025-11-01\n"
        "  b.txt:\n    label: B\n    captured: 2025-11-27\n"
    )
    for name, written, text in [
        ("a.txt", title, abstract),
        ("b.txt", f"{title} at Scale", abstract.replace("on to", "onto").removesuffix(".")),
    ]:
        page = f"{written}\n\n{text}\n\n  • 2 authors\n·\nOct 20, 2025\n"
        (content / "sources" / name).write_text(page, encoding="utf-8")
    assert main(["check", "--strict", "--content", str(content)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        f"{content}/sources/a.txt: spaced, 1 record read, 1 new paper, 0 duplicates merged, "
        "0 skipped",
        f"{content}/sources/b.txt: spaced, 1 record read, 0 new papers, 1 duplicate merged "
        "(1 retitled: matched by its abstract), 0 skipped",
    ]


def test_check_prints_a_dump_named_with_a_newline_on_one_line(
    make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    # A pull request names its dumps: a newline in a name printed a line of its own, such as a
    # GitHub Actions command in CI's log.
    content = make_content("bad_date.txt")
    sources = content / "sources"
    (sources / "bad_date.txt").rename(sources / "x\n::error file=README.md::y.txt")
    assert main(["check", "--content", str(content)]) == 1
    out = capsys.readouterr().out
    assert not [line for line in out.splitlines() if line.startswith("::")]
    assert f"{sources}/x\\n::error file=README.md::y.txt: spaced, 1 record read" in out


def test_check_lists_papers_skipped_for_one_cause_once(
    make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_content("latin1.txt")
    assert main(["check", "--content", str(content)]) == 1
    out = capsys.readouterr().out.splitlines()
    summary = "latin1.txt: spaced, 4 records read, 1 new paper, 0 duplicates merged"
    assert out[0].startswith(f"{content}/sources/{summary}")
    assert out[0].endswith(", 3 skipped")
    # Two papers skipped for the lines that are not UTF-8 share that one error.
    assert [line.split(": ")[2] for line in out[1:-1]] == ["not UTF-8", "malformed meta block"]
    assert out[-1] == "1 paper; 2 errors, 0 warnings"


def _excerpt_with_a_bad_byte(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of tests/data/excerpt whose dump has a byte that is not UTF-8 on line 15.

    That line is the abstract of a paper papers.yaml pins.
    """
    content = tmp_path / "content"
    shutil.copytree(EXCERPT, content)
    (dump,) = (content / "sources").glob("*.txt")
    lines = dump.read_bytes().split(b"\n")
    lines[14] = lines[14].replace(b" the ", b" th\xe9 ", 1)
    dump.write_bytes(b"\n".join(lines))
    return content, dump


def test_one_bad_byte_in_a_dump_is_one_error_not_a_cascade_from_papers_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, dump = _excerpt_with_a_bad_byte(tmp_path)
    assert main(["check", "--content", str(content)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "3 papers; 1 error, 0 warnings"
    assert err.startswith(f"{dump}:15: not UTF-8: byte 0xe9 at column ")


@pytest.mark.parametrize(
    "command", [["export"], ["export", "--rules-only"], ["triage"], ["check"], ["generate"]]
)
def test_a_broken_dump_and_a_mistake_in_papers_yaml_are_reported_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    content, dump = _excerpt_with_a_bad_byte(tmp_path)
    papers = content / "curation/papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("\npapers:\n", "\npapers:\n  no-such-paper:\n    note: x\n", 1))
    line = text[: text.index("\npapers:\n")].count("\n") + 3
    extra = {"generate": ["--config", str(REPO / "mkdocs.yml"), "--out", str(tmp_path / "docs")]}
    assert main([*command, "--content", str(content), *extra.get(command[0], [])]) == 1
    err = capsys.readouterr().err.splitlines()
    # Every command that reads the content reports what generate and build report: both.
    assert [problem.split(": ")[0] for problem in err] == [f"{dump}:15", f"{papers}:{line}"]
    assert "unknown paper id 'no-such-paper'" in err[1]


def test_check_strict_fails_on_warnings(
    make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_content("empty.txt", "spaced_small.txt")
    assert main(["check", "--content", str(content)]) == 0
    assert f"{content}/sources/empty.txt: warning: empty file" in capsys.readouterr().err
    assert main(["check", "--strict", "--content", str(content)]) == 1


def test_a_misspelt_command_is_told_the_command_meant(capsys: pytest.CaptureFixture[str]) -> None:
    # argparse listed the commands, where papersite says "did you mean" of any other name.
    with pytest.raises(SystemExit) as exited:
        main(["chek"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "papersite: error: argument COMMAND: invalid choice: 'chek' (did you mean 'check'?)\n"
    )


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["bu\x1bild"], "papersite: error: argument COMMAND: invalid choice: 'bu\\x1bild'"),
        (
            ["build", "--frobnicate", "\x1b[31mred\n"],
            "papersite build: error: unrecognized arguments: --frobnicate $'\\x1b[31mred\\n'",
        ),
        # Quoted as the line told is: 'my file' read as two arguments.
        (
            ["build", "my file", "a'b"],
            "papersite build: error: unrecognized arguments: 'my file' 'a'\"'\"'b'",
        ),
        (
            ["triage", "--snippet", "1\u202e"],
            "papersite triage: error: argument --snippet: '1\\u202e' is not a whole number",
        ),
        (
            ["build", "--co=\r"],
            "papersite build: error: ambiguous option: --co=\\r could match --content, --config",
        ),
    ],
)
def test_argparse_s_messages_show_the_words_typed_escaped_on_one_line(
    given: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # argparse printed them as typed: an escape sequence acted on the terminal, a newline broke
    # the line.
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith(said)


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            ["--content", "content", "check"],
            "argument --content: options go after the command: papersite check --content content",
        ),
        (
            ["--content=my content", "check", "--strict"],
            "argument --content: options go after the command: "
            "papersite check '--content=my content' --strict",
        ),
        (
            ["-o", "x.json"],
            "argument -o: options go after the command: papersite COMMAND -o x.json",
        ),
        # The value was read as the command: "papersite build --content check".
        (
            ["--content", "build", "check"],
            "argument --content: options go after the command: papersite check --content build",
        ),
        # Abbreviated, or a value attached, as argparse takes them: "invalid choice: 'x'" and
        # "unrecognized arguments: -ox.json".
        (
            ["--cont", "x", "check"],
            "argument --content: options go after the command: papersite check --content x",
        ),
        # Read against the command's options alone, as argparse reads it after the command: it
        # was "--out is an option of generate, not of export".
        (
            ["--out=x.json", "export"],
            "argument --output: options go after the command: papersite export --output=x.json",
        ),
        (
            ["--co", "x", "export"],
            "argument --content: options go after the command: papersite export --content x",
        ),
        (
            ["-ox.json", "export"],
            "argument -o: options go after the command: papersite export -ox.json",
        ),
        # Pasted, it is the line meant; a newline or an escape sequence printed as it was.
        (
            ["--content", "a\x1b[31m'b\\\n", "check"],
            "argument --content: options go after the command: papersite check --content "
            "$'a\\x1b[31m\\'b\\\\\\n'",
        ),
        # It was "invalid choice: 'content'", which the hint was written to replace.
        (
            ["--con", "content", "check"],
            "argument --content: options go after the command: papersite check --content content",
        ),
        # A value like an option joined to it, and a '--' dropped: argparse refused either line.
        (
            ["--content", "-x", "check"],
            "argument --content: options go after the command: papersite check --content=-x",
        ),
        (
            ["-o", "-x.json", "export"],
            "argument -o: options go after the command: papersite export -o-x.json",
        ),
        (
            ["--strict", "--", "check"],
            "argument --strict: options go after the command: papersite check --strict",
        ),
        # Each of them, not the first alone: '--content -x' was refused ("expected one argument").
        (
            ["--strict", "--cont", "-x", "check"],
            "argument --strict: options go after the command: "
            "papersite check --strict --content=-x",
        ),
        # Not '-o' and '--out=y' as it was: the line told gave it twice, refused once pasted.
        (
            ["--co", "x", "-o", "-x.json", "--form=csv", "export"],
            "argument --content: options go after the command: "
            "papersite export --content x -o-x.json --format=csv",
        ),
        # A misspelt command is said first: the line said COMMAND, hiding the typo.
        (["--strict", "chek"], "argument COMMAND: invalid choice: 'chek' (did you mean 'check'?)"),
        # Ambiguous within the command, in argparse's words; the line would be refused in turn.
        (
            ["--co=x", "build"],
            "ambiguous option: --co=x could match --content, --config; "
            "options go after the command, written in full",
        ),
        # Some of them take no value: the next word is the command when it names one.
        (
            ["--s", "x", "build"],
            "ambiguous option: --s could match --site-dir, --strict; "
            "options go after the command, written in full",
        ),
        (
            ["--s", "build"],
            "ambiguous option: --s could match --site-dir, --strict; "
            "options go after the command, written in full",
        ),
        # No command named: ambiguous among every command's options.
        (
            ["--con", "content"],
            "ambiguous option: --con could match --content, --config; "
            "options go after the command, written in full",
        ),
        (
            ["--s", "x", "review"],
            "ambiguous option: --s could match --strict, --schema, --snippet, --site-dir; "
            "none of them is an option of review",
        ),
        # Moved after a command not taking it, it was "unrecognized arguments: --dev-addr x".
        (
            ["--dev-addr", "x", "check"],
            "argument --dev-addr: --dev-addr is an option of serve, not of check",
        ),
        (["--out", "x", "check"], "argument --out: --out is an option of generate, not of check"),
        # Not the first alone: the line told was "papersite check --content x --out y".
        (
            ["--content", "x", "--out", "y", "check"],
            "argument --out: --out is an option of generate, not of check",
        ),
        (["-ox.json", "check"], "argument -o: -o is an option of export, not of check"),
        (
            ["--conf=x", "export"],
            "argument --config: --config is an option of build, generate and serve, not of export",
        ),
        # A value taken before the command and none after: the line told was 'papersite export
        # --themes x' and 'papersite export --schema x', which argparse refused for 'x'.
        (
            ["--theme", "x", "export"],
            "argument --theme: --theme is an option of triage, not of export",
        ),
        (
            ["--s", "x", "export"],
            "ambiguous option: --s could match --strict, --schema, --snippet, --site-dir; "
            "after export it is --schema, which takes no value",
        ),
    ],
)
def test_a_command_s_option_before_the_command_is_told_to_go_after_it(
    given: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # It was "argument COMMAND: invalid choice: 'content'", naming no option.
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(f"papersite: error: {said}\n")


def test_every_line_told_for_an_option_before_the_command_is_read_by_argparse(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Every command's options, and each abbreviation of the long ones, with a value, before each
    # command: 'papersite --theme x export' was told 'papersite export --themes x', a flag. And
    # each last on the line, its value left out, before any command or after one: 'papersite
    # --strict check --content' was told 'papersite check --strict --content', refused in turn.
    commands = next(
        a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    names = {name for command in commands.values() for name in command._option_string_actions}
    given = []
    for name in sorted(names):
        ends = range(3, len(name) + 1) if name.startswith("--") else [len(name)]
        for word in (name[:end] for end in ends):
            # Not written first: only the first option was checked for ambiguity ('--content x --co'
            # was told 'papersite COMMAND --content x --co'). Before the version, which argparse
            # prints: '--content --version' was told 'papersite COMMAND --content=--version'.
            # An empty value: '--content= check' was told 'papersite check --content=', refused
            # once pasted as "the path is empty".
            empty = [f"{word}="] if word.startswith("--") else [word, ""]
            given += [[word], ["--content", "x", word], [word, "--version"], empty]
            for command, parser in commands.items():
                # A value the option the command reads it as accepts: the line told is the one
                # meant, not one its value is refused in.
                takes = parser._option_string_actions
                value = next((VALUES[n] for n in VALUES if n.startswith(word) and n in takes), "x")
                given += [[word, value, command], ["--content", "x", command, word]]
                # One of the command's options where a value goes: '-o --schema export' was told
                # 'papersite export -o--schema', which wrote a file named '--schema'.
                other = list(takes)[-1]
                its_value = [VALUES.get(other, "x")] if takes[other].nargs != 0 else []
                given += [[word, other, *its_value, command]]
                # Given twice, before the command and after: the line told held it twice.
                given += [[*empty, command], [word, value, command, word, value]]
                # A value after '=', given to a short option ('-o= export' was told 'papersite
                # export -o=', refused once pasted) or after the command to a flag ('--content x
                # check --strict=1' was told 'papersite check --content x --strict=1').
                given += [[f"{word}=", command], ["--content", "x", command, f"{word}=1"]]
    lenient, plain = _lenient_parser(), _parser()
    refused, unread = [], []
    for words in given:
        with pytest.raises(SystemExit) as exited:
            main(words)
        err = capsys.readouterr().err
        # The help or the version argparse gives for the words as written, papersite gives too.
        if exited.value.code != 0 and _exits_0(plain, words):
            unread.append(words)
        capsys.readouterr()
        if "options go after the command: " not in err:
            continue
        line = shlex.split(err.rsplit("options go after the command: ", 1)[1])
        # COMMAND stands for the one meant: the line must be one that some command reads.
        meant = list(commands) if line[1] == "COMMAND" else [line[1]]
        if all(_refused(lenient, [command, *line[2:]]) for command in meant):
            refused.append((words, line))
        # Read, it means what was meant: no option's value is one of the command's options.
        elif line[1] != "COMMAND" and not _exits_0(lenient, line[1:]):
            values = vars(lenient.parse_args(line[1:])).values()
            if any(str(v) in commands[line[1]]._option_string_actions for v in values):
                refused.append((words, line))
    assert (refused, unread) == ([], [])


def _lenient_parser() -> argparse.ArgumentParser:
    """The parser, requiring no option: the line told leaves out those the command requires.

    Review's --base-content, generate's --out: argparse says they are missing before anything
    else it refuses.
    """
    parser = _parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                for option in command._actions:
                    option.required = False
    return parser


def _exits_0(parser: argparse.ArgumentParser, args: list[str]) -> bool:
    """Whether ``parser`` exits 0 reading ``args``: the help or the version was asked for."""
    try:
        parser.parse_known_args(args)
    except SystemExit as exited:
        return exited.code == 0
    return False


def _refused(parser: argparse.ArgumentParser, args: list[str]) -> bool:
    """Whether ``parser`` refuses ``args``."""
    try:
        parser.parse_args(args)
    except SystemExit as exited:
        return exited.code != 0
    return False


def test_every_option_before_the_command_it_does_not_take_is_told_in_the_order_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Only the first was read against the command, and the line told was refused in turn.
    given = ["--out", "y", "--content", "x", "--dev-addr", "z", "--co=w", "--strict", "build"]
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-3:] == [
        "papersite: error: argument --out: --out is an option of generate, not of build",
        "papersite: error: argument --dev-addr: --dev-addr is an option of serve, not of build",
        "papersite: error: ambiguous option: --co=w could match --content, --config; "
        "options go after the command, written in full",
    ]


# The line told for '--strict' before check.
_STRICT_AFTER_CHECK = "argument --strict: options go after the command: papersite check --strict"
# What argparse says of a command line naming no command.
_NO_COMMAND = "the following arguments are required: COMMAND"
# What argparse says of 'x' read as the command.
_NO_COMMAND_X = (
    "argument COMMAND: invalid choice: 'x' "
    "(choose from 'check', 'export', 'triage', 'review', 'build', 'generate', 'serve')"
)
# '--content' before a word argparse reads as the command; '--contnet' refused there.
_CONTENT_BEFORE = "argument --content: options go after the command"
_CONTNET = "unrecognized arguments: --contnet (did you mean '--content'?)"


@pytest.mark.parametrize(
    ("given", "said"),
    [
        # '--strict' was among the unrecognized: "papersite check: error: unrecognized arguments:
        # --bogus --strict".
        (
            ["--bogus", "--strict", "check"],
            ["unrecognized arguments: --bogus", _STRICT_AFTER_CHECK],
        ),
        # The line told held '--bogus', which argparse refused in turn.
        (
            ["--strict", "--bogus", "check"],
            ["unrecognized arguments: --bogus", _STRICT_AFTER_CHECK],
        ),
        (
            ["--strict", "check", "--bogus"],
            ["unrecognized arguments: --bogus", _STRICT_AFTER_CHECK],
        ),
        (
            ["--strict", "-x", "check", "extra"],
            ["unrecognized arguments: -x extra", _STRICT_AFTER_CHECK],
        ),
        (
            ["--strict", "check", "--", "--strict"],
            ["unrecognized arguments: -- --strict", _STRICT_AFTER_CHECK],
        ),
        # The option it is near is given already: taking the hint, the line held it twice.
        (
            ["--strict", "--stirct", "check"],
            ["unrecognized arguments: --stirct", _STRICT_AFTER_CHECK],
        ),
        (
            ["--strict", "check", "--strikt"],
            ["unrecognized arguments: --strikt", _STRICT_AFTER_CHECK],
        ),
        (
            ["--str", "check", "--strikt"],
            ["unrecognized arguments: --strikt", _STRICT_AFTER_CHECK],
        ),
        # Its value, as after the command: 'x' was read as the command ('papersite COMMAND').
        (
            ["--strict", "--contnet", "x", "check"],
            [
                "unrecognized arguments: --contnet (did you mean '--content'?) x",
                _STRICT_AFTER_CHECK,
            ],
        ),
        # After a value argparse reads as the command, a top-level option is neither read nor
        # refused: argparse refuses 'x' before. '--content x -h' was told 'papersite COMMAND
        # --content x -h', '--content x --version' "unrecognized arguments: --version" with it,
        # '--contnet x -h' "argument -h: options go after the command".
        (["--content", "x", "-h"], [_CONTENT_BEFORE, _NO_COMMAND_X]),
        (["--content", "x", "--version"], [_CONTENT_BEFORE, _NO_COMMAND_X]),
        (["--contnet", "x", "--version"], [_CONTNET, _NO_COMMAND_X]),
        (["--contnet", "x", "-h"], [_CONTNET, _NO_COMMAND_X]),
        (["--content", "x", "--content", "--help"], [_CONTENT_BEFORE, _NO_COMMAND_X]),
        (
            ["--co", "chek", "--help"],
            [
                "ambiguous option: --co could match --content, --config; "
                "options go after the command, written in full",
                "argument COMMAND: invalid choice: 'chek' (did you mean 'check'?)",
            ],
        ),
        # An unknown option's value argparse reads as the command, told with the option: it was
        # "invalid choice" alone, '--bogus' unsaid until that was fixed.
        (["--bogus", "x"], ["unrecognized arguments: --bogus", _NO_COMMAND_X]),
        (
            ["--bogus", "chek"],
            [
                "unrecognized arguments: --bogus",
                "argument COMMAND: invalid choice: 'chek' (did you mean 'check'?)",
            ],
        ),
        (
            ["--strict", "--bogus", "chek"],
            [
                "unrecognized arguments: --bogus",
                "argument --strict: options go after the command",
                "argument COMMAND: invalid choice: 'chek' (did you mean 'check'?)",
            ],
        ),
        # After an option taking no value, the word argparse reads as the command is none: the
        # line told was 'papersite COMMAND --job-summary x review'.
        (
            ["--job", "x", "review"],
            ["argument --job-summary: options go after the command", _NO_COMMAND_X],
        ),
        (
            ["--strict", "x", "check"],
            ["argument --strict: options go after the command", _NO_COMMAND_X],
        ),
        # A value given to an option taking none, as argparse refuses it: the line told held
        # '--strict=1', which argparse refused in turn.
        (["--strict=1", "check"], ["argument --strict: ignored explicit argument '1'"]),
        (
            ["--content", "x", "--strict=", "check"],
            ["argument --strict: ignored explicit argument ''"],
        ),
        # Compared without the dashes every long option has: '--bogus' was near generate's '--out'.
        (
            ["--strict", "--bogus"],
            [
                "unrecognized arguments: --bogus",
                "argument --strict: options go after the command: papersite COMMAND --strict",
            ],
        ),
        # Another command's option leaves no line to tell.
        (
            ["--dev-addr", "x", "--bogus", "check"],
            [
                "argument --dev-addr: --dev-addr is an option of serve, not of check",
                "unrecognized arguments: --bogus",
            ],
        ),
        (["--strict", "build", "--s"], ["ambiguous option: --s could match --site-dir, --strict"]),
        # Each option, not the first alone: the line told was 'papersite COMMAND --strict --co'.
        (
            ["--strict", "--co"],
            [
                "ambiguous option: --co could match --content, --config; "
                "options go after the command, written in full"
            ],
        ),
        # No command: argparse said only that it was missing, the option it refused unsaid.
        (["--bogus"], ["unrecognized arguments: --bogus", _NO_COMMAND]),
        (["--bogus=x", "-x"], ["unrecognized arguments: --bogus=x -x", _NO_COMMAND]),
        (
            ["--strikt"],
            ["unrecognized arguments: --strikt (did you mean '--strict'?)", _NO_COMMAND],
        ),
        (
            ["--verison"],
            ["unrecognized arguments: --verison (did you mean '--version'?)", _NO_COMMAND],
        ),
        # Near misses: argparse listed the commands, or said "unrecognized arguments" alone.
        (["help"], ["argument COMMAND: invalid choice: 'help' (did you mean 'papersite -h'?)"]),
        (
            ["help", "check"],
            ["argument COMMAND: invalid choice: 'help' (did you mean 'papersite check -h'?)"],
        ),
        (
            ["--serve"],
            ["unrecognized arguments: --serve (did you mean the command 'serve'?)", _NO_COMMAND],
        ),
        (
            ["--check", "--strict"],
            [
                "unrecognized arguments: --check (did you mean the command 'check'?)",
                "argument --strict: options go after the command: papersite COMMAND --strict",
            ],
        ),
        # A typographic dash, pasted from formatted text: the word is no option to argparse.
        (
            ["—strict", "check"],
            [
                "argument COMMAND: invalid choice: '—strict' "
                "(did you mean '--strict'? its '—' is U+2014 EM DASH)"
            ],
        ),
        (
            ["–strict"],
            [
                "argument COMMAND: invalid choice: '–strict' "
                "(did you mean '--strict'? its '–' is U+2013 EN DASH)"
            ],
        ),
    ],
)
def test_an_unknown_option_near_the_command_is_told_apart_from_those_misplaced(
    given: list[str], said: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[1:] == [f"papersite: error: {m}" for m in said]


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["--stirct", "check"], "--stirct (did you mean '--strict'?)"),
        (["check", "--stirct"], "--stirct (did you mean '--strict'?)"),
        (
            ["check", "—strict"],
            "'—strict' (did you mean '--strict'? its '—' is U+2014 EM DASH)",
        ),
        (["build", "--sitedir=x"], "--sitedir=x (did you mean '--site-dir'?)"),
        # Not the option it is near when given already: taken, the hint gave it twice.
        (["check", "--strict", "--strikt"], "--strikt"),
        (["check", "--stri", "--strikt"], "--strikt"),
        (["export", "-o", "x.json", "--outptu=y.json"], "--outptu=y.json"),
    ],
)
def test_an_unknown_option_of_a_command_says_the_one_it_is_near(
    given: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 2
    command = "check" if "check" in given else given[0]
    assert capsys.readouterr().err.endswith(
        f"papersite {command}: error: unrecognized arguments: {said}\n"
    )


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["check", "--out", "x"], ["argument --out: --out is an option of generate, not of check"]),
        # The value goes with it only when it follows it.
        (
            ["check", "-ox.json", "y"],
            ["argument -o: -o is an option of export, not of check", "unrecognized arguments: y"],
        ),
        (
            ["check", "--conf=x", "--bogus"],
            [
                "argument --config: --config is an option of build, generate and serve, "
                "not of check",
                "unrecognized arguments: --bogus",
            ],
        ),
        # Read as export's --themes, which takes no value: it was "unrecognized arguments: x".
        (
            ["export", "--theme", "x"],
            [
                "argument --theme: --theme is an option of triage; "
                "export reads it as --themes, which takes no value"
            ],
        ),
    ],
)
def test_another_command_s_option_after_the_command_is_told_so(
    given: list[str], said: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # Before the command it was told so; after it, only "unrecognized arguments: --out x".
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert errors == [f"papersite {given[0]}: error: {m}" for m in said]


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            ["review", "--base-contnet", "x"],
            "--base-contnet (did you mean '--base-content'?) x",
        ),
        (["review", "--job-sumary"], "--job-sumary (did you mean '--job-summary'?)"),
        (["generate", "--ouput", "x"], "--ouput (did you mean '--out'?) x"),
        (["generate", "--bogus"], "--bogus"),
    ],
)
def test_an_unknown_option_is_told_with_a_required_option_left_out(
    given: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # argparse told only the option left out: the typo and its "did you mean" were met once that
    # was given.
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 2
    required = "--base-content" if given[0] == "review" else "--out"
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"papersite {given[0]}: error: unrecognized arguments: {said}",
        f"papersite {given[0]}: error: the following arguments are required: {required}",
    ]


def test_an_unknown_option_s_value_before_the_command_is_told_with_the_command_s_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 'x' was read as the command ("invalid choice: 'x'"). Said as '--bogus check' is, with
    # check's usage: the top-level one lists none of its options.
    with pytest.raises(SystemExit) as exited:
        main(["--contnet", "x", "check"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        "usage: papersite check [-h] [--content DIR] [--strict]",
        "papersite check: error: unrecognized arguments: --contnet (did you mean '--content'?) x",
    ]


@pytest.mark.parametrize(
    ("given", "out"),
    [
        (["--bogus", "--version"], "papersite "),
        # Not refused under the usage line listing it, nor moved after a command.
        (["--strict", "--version"], "papersite "),
        # '--help' was told to go after the command ('papersite COMMAND --help').
        (["--bogus", "--help"], "usage: papersite [-h] [--version] COMMAND"),
        (["--strict", "--he"], "usage: papersite [-h] [--version] COMMAND"),
        # Not an option's value: the line told was 'papersite COMMAND --content=--version'.
        (["--content", "--version"], "papersite "),
        (["--strict", "-o", "--he", "export"], "usage: papersite [-h] [--version] COMMAND"),
    ],
)
def test_the_top_level_options_after_another_are_still_read(
    given: list[str], out: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(out)


@pytest.mark.parametrize(
    "given",
    [
        ["--bogus", "--strict", "check"],
        ["--strict", "--contnet", "x", "check"],
        ["--out=x.json", "export"],
        ["--co", "x", "export"],
        ["--con", "x", "check"],
        ["--content", "-x", "check"],
        ["-o", "-x.json", "export"],
        ["--strict", "--", "check"],
        ["--strict", "--content", "-x", "check"],
        ["--co", "x", "-o", "-x.json", "export"],
    ],
)
def test_the_line_told_for_an_option_before_the_command_is_read_by_argparse(
    given: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # It was told with every command's options: --out, generate's, was refused after export.
    with pytest.raises(SystemExit):
        main(given)
    err = capsys.readouterr().err
    assert "options go after the command: " in err
    line = shlex.split(err.rsplit("options go after the command: ", 1)[1])
    # --help ends the run once the words before it are read, so nothing is exported or built.
    with pytest.raises(SystemExit) as exited:
        main([*line[1:], "--help"])
    assert exited.value.code == 0


@pytest.mark.parametrize(
    "word",
    [
        "a\x1b[31m'b\\\n",
        # Inside $'...' bash reads '\xa0' as the byte A0, not U+00A0 (C2 A0): '\u00a0' is it.
        "a\u00a0b",
        "a\u0085b",
        "a\u00ad1",
        "x\u200by\U000e0001",
        # A byte that is not UTF-8 (Python's surrogate escape): bash made '\udce9' ED B3 A9.
        os.fsdecode(b"caf\xe9"),
        os.fsdecode(b"\xff1\xc3\n"),
        # Backslashes of its own, not escapes.
        "\\xa0\\udce9\t",
        # A backslash of its own before 'x8...' in a word $'...' quotes: doubled, not an escape.
        "a\\x80\n",
        "\\\\x8f\x1b",
        "\\\x85",
    ],
)
def test_the_command_line_told_pastes_back_in_bash_as_the_very_bytes(
    word: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--content", word, "check"])
    err = capsys.readouterr().err
    printed = err.rsplit("papersite check --content ", 1)[1].removesuffix("\n")
    pasted = subprocess.run(
        ["bash", "-c", f"printf %s {printed}"],
        capture_output=True,
        check=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert pasted.stdout == os.fsencode(word)


def test_triage_refuses_a_theme_given_twice(capsys: pytest.CaptureFixture[str]) -> None:
    # The last was used, the first dropped unsaid.
    with pytest.raises(SystemExit) as exited:
        main(["triage", "--theme", "efficiency", "--theme", "sequence-models"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "papersite triage: error: argument --theme: given twice; give it once\n"
    )


def _options_taking_a_value() -> list[tuple[str, str, str]]:
    """Every command's options that take a value: command, option, and its names as said."""
    commands = next(
        a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    return [
        (name, action.option_strings[-1], "/".join(action.option_strings))
        for name, command in commands.items()
        for action in command._actions
        if action.option_strings and action.nargs != 0
    ]


# A value each option accepts; any other takes a path or a word.
VALUES = {"--format": "csv", "--snippet": "3"}


@pytest.mark.parametrize(("command", "option", "names"), _options_taking_a_value())
def test_every_option_taking_a_value_is_refused_twice(
    command: str, option: str, names: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The last was used, the first dropped unsaid (`export -o a.json -o b.json`).
    value = VALUES.get(option, "x")
    with pytest.raises(SystemExit) as exited:
        _parser().parse_args([command, option, value, option, value])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"papersite {command}: error: argument {names}: given twice; give it once\n"
    )


def _options_given_a_double_dash() -> list[tuple[str, list[str], str]]:
    """Every command's option taking a value, given '--' as it, joined or not, before the command
    or after: the command, the words, and the option's names as said."""
    cases = []
    for command, _, names in _options_taking_a_value():
        for name in names.split("/"):
            joined = f"{name}=--" if name.startswith("--") else f"{name}--"
            cases += [
                (command, [command, joined], names),
                (command, [joined, command], names),
                (command, [name, "--", command], names),
            ]
    return cases


@pytest.mark.parametrize(("command", "given", "names"), _options_given_a_double_dash())
def test_no_option_takes_a_double_dash_as_its_value(
    command: str, given: list[str], names: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Python 3.11's argparse gave '--content=--' an empty list, its type unapplied: check ended in
    # a TypeError. Before the command, the line told was 'papersite check --content=--'.
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 2
    said = f"papersite {command}" if given[0] == command else "papersite"
    assert capsys.readouterr().err.endswith(
        f"{said}: error: argument {names}: expected one argument\n"
    )


# What argparse says of --content given no value, and given twice.
_NO_CONTENT = "argument --content: expected one argument"
_CONTENT_TWICE = "argument --content: given twice; give it once"
# What papersite says of export's --rules-only with --schema, in either order.
_RULES_ONLY_SCHEMA = "argument --rules-only: not allowed with argument --schema"


@pytest.mark.parametrize(
    ("given", "said"),
    [
        # The line told was 'papersite check --strict --content=--', which crashed when pasted.
        (["--strict", "check", "--content", "--"], _NO_CONTENT),
        # The line told ended in '--content', refused in turn when pasted.
        (["--strict", "check", "--content"], _NO_CONTENT),
        (["--strict", "--content"], _NO_CONTENT),
        (["--content"], _NO_CONTENT),
        # One of the command's options where a value goes is none, as argparse reads it after the
        # command: the line told was 'papersite export -o--schema', which wrote a file '--schema'.
        (["-o", "--schema", "export"], "argument -o/--output: expected one argument"),
        (["--content", "--strict", "check"], _NO_CONTENT),
        (["--theme", "--disagreements", "triage"], "argument --theme: expected one argument"),
        # The line told was 'papersite check --content=', refused once pasted.
        (["--content=", "check"], "argument --content: the path is empty"),
        (["--content", "", "check"], "argument --content: the path is empty"),
        (["--content="], "argument --content: the path is empty"),
        (["-o", "", "export"], "argument -o/--output: the path is empty"),
        (["--snippet", "0", "triage"], "argument --snippet: must be 1 or more, not 0"),
        (
            ["--format", "xml", "export"],
            "argument --format: invalid choice: 'xml' (choose from 'json', 'csv')",
        ),
        # The line told was 'papersite check --content x --content y', refused once pasted.
        (["--content", "x", "check", "--content", "y"], _CONTENT_TWICE),
        (["--content", "x", "--co", "y", "check"], _CONTENT_TWICE),
        (["--content", "x", "--content", "y"], _CONTENT_TWICE),
        (
            ["-o", "a.json", "export", "--output=b.json"],
            "argument -o/--output: given twice; give it once",
        ),
        # A flag given a value after the command, another option before it, and '=' after a short
        # option: the line told held them as written, refused once pasted.
        (["--strict", "check", "--strict=1"], "argument --strict: ignored explicit argument '1'"),
        (["--strict", "check", "--he=x"], "argument -h/--help: ignored explicit argument 'x'"),
        (
            ["--job-summary", "review", "--job-summary=1", "--base-content", "content"],
            "argument --job-summary: ignored explicit argument '1'",
        ),
        (["-o=", "export"], "argument -o/--output: the path is empty"),
        (["-a=--", "serve"], "argument -a/--dev-addr: expected one argument"),
        # Options the command takes only apart: the line told held both, refused once pasted.
        (
            ["--disagreements", "--snippet", "3", "triage"],
            "argument --snippet: not allowed with argument --disagreements",
        ),
        (
            ["--schema", "--format", "csv", "export"],
            "argument --format: not allowed with argument --schema",
        ),
        (["--rules-only", "--schema", "export"], _RULES_ONLY_SCHEMA),
        (["--schema", "export", "--rules-only"], _RULES_ONLY_SCHEMA),
    ],
)
def test_what_the_command_would_refuse_is_told_so_and_no_line(
    given: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(given)
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[1:] == [f"papersite: error: {said}"]


def test_export_json_to_a_file(make_content: MakeContent, tmp_path: Path) -> None:
    out = tmp_path / "papers.json"
    assert main(["export", "--content", str(make_content("dense_small.txt")), "-o", str(out)]) == 0
    assert [p["title"] for p in json.loads(out.read_text())] == [
        "Fine-tune Language Models",
        "Gated Attention for Large Language Models",
    ]


def test_export_schema_writes_the_json_schema_without_reading_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--schema", "--content", str(tmp_path / "nope")]) == 0
    assert capsys.readouterr().out == schema_json()
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--schema", "--format", "json"])
    assert exit_info.value.code == 2
    assert "--format: not allowed with argument --schema" in capsys.readouterr().err
    # The schema is the same sorted by the rules or not: --rules-only would be ignored.
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--schema", "--rules-only"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.endswith(
        "papersite export: error: argument --rules-only: not allowed with argument --schema\n"
    )


def test_export_themes_writes_the_site_s_themes_json_and_its_schema_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    content = str(REPO / "content")
    assert main(["generate", "--content", content, "--out", str(docs)]) == 0
    capsys.readouterr()
    assert main(["export", "--themes", "--content", content]) == 0
    assert capsys.readouterr().out == (docs / "themes.json").read_text(encoding="utf-8")
    out = tmp_path / "themes.json"
    assert main(["export", "--themes", "--content", content, "-o", str(out)]) == 0
    assert out.read_bytes() == (docs / "themes.json").read_bytes()
    # As papers.schema.json, the schema needs no content.
    assert main(["export", "--schema", "--themes", "--content", str(tmp_path / "nope")]) == 0
    assert capsys.readouterr().out == (docs / "themes.schema.json").read_text(encoding="utf-8")


def test_export_themes_rules_only_sorts_each_theme_by_the_rules_alone(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def sections(*options: str) -> dict[str, dict[str, list[str]]]:
        assert main(["export", "--themes", *options]) == 0
        themes = json.loads(capsys.readouterr().out)
        assert all(theme["featured"] == [] for theme in themes) == bool(options)
        return {t["id"]: {s["id"]: s["papers"] for s in t["sections"]} for t in themes}

    curated, by_rules = sections(), sections("--rules-only")
    # papers.yaml takes it out of sequence-models and puts the other in arithmetic-reasoning,
    # which has no rules: the rules alone do neither.
    assert "quantized-state-space-models" not in curated["sequence-models"]["state-space"]
    assert "quantized-state-space-models" in by_rules["sequence-models"]["state-space"]
    assert curated["arithmetic-reasoning"] == {"arithmetic": ["teaching-transformers-to-add"]}
    assert by_rules["arithmetic-reasoning"] == {"arithmetic": []}


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--themes", "--format", "csv"], "argument --format: not allowed with argument --themes"),
        # The only format, but said as with --schema: the option does nothing.
        (["--format", "json", "--themes"], "argument --format: not allowed with argument --themes"),
        (
            ["--themes", "--schema", "--rules-only"],
            "argument --rules-only: not allowed with argument --schema",
        ),
    ],
)
def test_export_themes_refuses_the_options_it_would_ignore(
    args: list[str], error: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", *args, "--content", str(tmp_path / "nope")])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage: papersite export [-h]")
    assert captured.err.endswith(f"\npapersite export: error: {error}\n")


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["check", "--bogus"], "usage: papersite check [-h] [--content DIR] [--strict]\n"),
        (["triage", "extra"], "usage: papersite triage [-h]"),
        (["serve", "--port", "1"], "usage: papersite serve [-h]"),
    ],
)
def test_an_unknown_argument_is_said_with_its_command_s_usage(
    args: list[str], usage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The top-level usage listed none of the command's options.
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage)
    unknown = " ".join(args[1:])
    assert err.endswith(f"papersite {args[0]}: error: unrecognized arguments: {unknown}\n")


def test_no_command_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    for command in ("check", "export", "triage", "review", "build", "generate", "serve"):
        assert re.search(rf"^    {command} +\w", err, re.MULTILINE), command


def test_a_command_s_help_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "\nValidate everything under the content folder.\n" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "required"),
    [
        (["review", "--help"], "--base-content DIR"),
        (["generate", "--help"], "--out DIR"),
        # A value refused while the command's words are read, before their check that none the
        # command requires is missing.
        (["review", "--content"], "--base-content DIR"),
        (["generate", "--config"], "--out DIR"),
    ],
    ids=["review-help", "generate-help", "review-refused", "generate-refused"],
)
def test_a_command_s_usage_shows_the_options_it_requires_as_required(
    args: list[str], required: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # They showed in brackets, as if optional: the command's words are read with none required
    # first, to tell a typo along with what is missing, and --help prints during that reading.
    with pytest.raises(SystemExit):
        main(args)
    captured = capsys.readouterr()
    usage = " ".join((captured.out or captured.err).split("\n\n")[0].split())
    assert usage.startswith(f"usage: papersite {args[0]} [-h]")
    assert f" {required}" in usage
    assert f"[{required}]" not in usage


def test_serve_takes_mkdocs_short_option_for_its_address() -> None:
    assert _parser().parse_args(["serve", "-a", "127.0.0.1:8001"]).dev_addr == "127.0.0.1:8001"


def test_readme_s_command_table_shows_each_option_as_the_parser_takes_it() -> None:
    # Every option of each command named in its rows, in brackets unless it is required.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    optional: dict[str, dict[str, bool]] = defaultdict(dict)  # command -> option -> in brackets
    for name, usage in re.findall(r"^\| `papersite (\w+)([^`]*)` \|", readme, re.MULTILINE):
        depth = 0
        for token in re.findall(r"[][]|--[\w-]+|(?<![\w-])-\w\b", usage):
            if token in ("[", "]"):
                depth += 1 if token == "[" else -1
            else:
                optional[name][token] = optional[name].get(token, True) and depth > 0
    subcommands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in subcommands.choices.items():
        options = [a for a in command._actions if a.option_strings and a.dest != "help"]
        assert set(optional[name]) <= {o for a in options for o in a.option_strings}, name
        shown = {
            a.dest: all(optional[name][o] for o in a.option_strings if o in optional[name])
            if any(o in optional[name] for o in a.option_strings)
            else "not named"
            for a in options
        }
        # `export --schema` and `export --themes` are forms of the command of their own, each with
        # a row of its own.
        forms = ("schema", "themes")
        assert shown == {a.dest: not a.required and a.dest not in forms for a in options}, name


def test_export_to_a_file_named_csv_writes_csv_unless_told_otherwise(
    tmp_path: Path, make_content: MakeContent
) -> None:
    # `export -o papers.csv` wrote JSON into papers.csv, exit 0.
    content = make_content("dense_small.txt")
    export = ["export", "--content", str(content), "-o"]
    assert main([*export, str(tmp_path / "asked.csv"), "--format", "csv"]) == 0
    assert main([*export, str(tmp_path / "named.CSV")]) == 0
    assert (tmp_path / "named.CSV").read_bytes() == (tmp_path / "asked.csv").read_bytes()
    assert main([*export, str(tmp_path / "json.csv"), "--format", "json"]) == 0
    assert main([*export, str(tmp_path / "papers.json")]) == 0
    assert (tmp_path / "json.csv").read_bytes() == (tmp_path / "papers.json").read_bytes()
    assert (tmp_path / "papers.json").read_text(encoding="utf-8").startswith("[")


@pytest.mark.parametrize("option", ["--schema", "--themes"])
def test_a_json_only_export_to_a_file_named_csv_is_refused(
    option: str, tmp_path: Path, make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_content("dense_small.txt")
    output = tmp_path / "themes.csv"
    assert main(["export", option, "--content", str(content), "-o", str(output)]) == 1
    assert capsys.readouterr().err == (
        f"{output}: {option} writes JSON, which has no CSV: name the file .json\n"
    )
    assert not output.exists()


@pytest.mark.parametrize(
    ("output", "reason"),
    [("nowhere/papers.json", "No such file or directory"), (".", "Is a directory")],
)
def test_export_to_a_path_it_cannot_write_is_one_line(
    output: str,
    reason: str,
    make_content: MakeContent,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    content = make_content("dense_small.txt")
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--content", str(content), "-o", output]) == 1
    assert capsys.readouterr().err == f"{output}: cannot write: {reason}\n"


@pytest.mark.parametrize(
    ("output", "options", "refusal"),
    [
        (
            "content/sources/dense_small.txt",
            [],
            "inside the content folder: choose a file outside it",
        ),
        (
            "content/curation.json",
            ["--schema"],
            "inside the content folder: choose a file outside it",
        ),
        ("linked/dense_small.txt", [], "inside the content folder: choose a file outside it"),
        ("mkdocs.yml", ["--themes"], "over the MkDocs configuration: choose another file"),
    ],
)
def test_export_refuses_to_write_over_the_project_s_inputs(
    output: str,
    options: list[str],
    refusal: str,
    make_content: MakeContent,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Written over silently, exit 0: a dump, papers.yaml or mkdocs.yml lost to an export.
    make_content("dense_small.txt")
    monkeypatch.chdir(tmp_path)
    Path("mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    Path("linked").symlink_to("content/sources")
    before = {path: path.read_bytes() for path in Path().rglob("*") if path.is_file()}
    assert main(["export", *options, "-o", output]) == 1
    assert capsys.readouterr().err == f"{output}: refusing to write the export {refusal}\n"
    assert {path: path.read_bytes() for path in Path().rglob("*") if path.is_file()} == before


@pytest.mark.parametrize(
    ("folder", "argv"),
    [(".", ["-o", "content/../out.json"]), ("content", ["--content", ".", "-o", "../out.json"])],
)
def test_export_writes_beside_the_content_folder_reached_through_dotdot(
    folder: str,
    argv: list[str],
    make_content: MakeContent,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # '..' was kept in the written spelling, so content/../out.json read as inside the content.
    make_content("dense_small.txt")
    monkeypatch.chdir(tmp_path / folder)
    assert main(["export", *argv]) == 0
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("output", "refusal"),
    [
        # The project's mkdocs.yml, run from the folder above it: not ./mkdocs.yml.
        ("project/mkdocs.yml", "over the MkDocs configuration: choose another file"),
        # The file project/mkdocs.yml's INHERIT names.
        ("project/base.yml", "over the MkDocs configuration: choose another file"),
        # A hard link: the same file as papers.yaml under another name, outside the folder.
        (
            "hard.yaml",
            "over project/content/curation/papers.yaml, the same file (a hard link to it): "
            "choose another file",
        ),
        ("hard-mkdocs.yml", "over the MkDocs configuration: choose another file"),
    ],
)
def test_export_refuses_the_project_s_files_however_they_are_reached(
    output: str,
    refusal: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Each was overwritten with the export, exit 0.
    monkeypatch.chdir(tmp_path)
    project = Path("project")
    write_content(project)
    (project / "content" / "curation").mkdir()
    (project / "content" / "curation" / "papers.yaml").write_text("papers: []\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    (project / "base.yml").write_text("site_name: x\n", encoding="utf-8")
    os.link(project / "content" / "curation" / "papers.yaml", "hard.yaml")
    os.link(project / "mkdocs.yml", "hard-mkdocs.yml")
    before = {path: path.read_bytes() for path in Path().rglob("*") if path.is_file()}
    assert main(["export", "--content", "project/content", "-o", output]) == 1
    assert capsys.readouterr().err == f"{output}: refusing to write the export {refusal}\n"
    assert {path: path.read_bytes() for path in Path().rglob("*") if path.is_file()} == before


@pytest.mark.parametrize("unread", ["pipe", "/dev/zero"])
def test_export_protects_an_inherit_it_cannot_read_without_reading_it(
    unread: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # To protect it, export read the file INHERIT names: a pipe waited for a writer for ever,
    # /dev/zero was read until memory ran out. Not followed, it is still refused as -o.
    monkeypatch.chdir(tmp_path)
    write_content(Path())
    os.mkfifo("pipe")
    Path("mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    Path("base.yml").write_text(f"INHERIT: {unread}\n", encoding="utf-8")
    assert main(["export", "-o", "out.json"]) == 0
    assert json.loads(Path("out.json").read_text(encoding="utf-8"))
    for protected in ("base.yml", unread):
        assert main(["export", "-o", protected]) == 1
        assert capsys.readouterr().err == (
            f"{protected}: refusing to write the export over the MkDocs configuration: choose "
            "another file\n"
        )
    assert Path("base.yml").read_text(encoding="utf-8") == f"INHERIT: {unread}\n"


def test_export_to_an_empty_path_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    # It was ".: cannot write: Is a directory", naming a path no one typed.
    with pytest.raises(SystemExit) as exited:
        main(["export", "--schema", "-o", ""])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "papersite export: error: argument -o/--output: the path is empty\n"
    )


def test_export_to_a_dash_writes_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file named '-' was written; './-' is how to name one.
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--schema", "-o", "-"]) == 0
    assert capsys.readouterr().out == schema_json()
    assert list(tmp_path.iterdir()) == []
    assert main(["export", "--schema", "-o", "./-"]) == 0
    assert (tmp_path / "-").read_text(encoding="utf-8") == schema_json()


@pytest.mark.parametrize(
    ("arguments", "option"),
    [
        (["check", "--content", ""], "--content"),
        (["build", "--config", ""], "--config"),
        (["build", "--site-dir", ""], "--site-dir"),
        (["generate", "--out", ""], "--out"),
        (["review", "--base-content", ""], "--base-content"),
    ],
)
def test_an_empty_path_is_refused_naming_its_option(
    capsys: pytest.CaptureFixture[str], arguments: list[str], option: str
) -> None:
    # Path("") is ".": `--content ""` checked the working folder ("no sources folder").
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"papersite {arguments[0]}: error: argument {option}: the path is empty\n"
    )


def test_export_refuses_bad_input_with_one_line_per_problem_and_no_traceback(
    make_content: MakeContent,
) -> None:
    content = make_content("truncated.txt")
    result = subprocess.run(
        [sys.executable, "-m", "papersite", "export", "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{content}/sources/truncated.txt:9: title 'A Title Whose Abstract Was Cut Off' has no "
        "abstract (truncated dump?); paper skipped\n"
    )


def test_missing_content_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--content", str(tmp_path / "nope")]) == 1
    assert (
        capsys.readouterr().err
        == f"{tmp_path}/nope/sources: no sources folder: put the dumps there\n"
    )


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("content", "Too many levels of symbolic links (a link that loops)"),
        ("/nonexistent/content", "No such file or directory (a broken link?)"),
    ],
)
# A link in a middle part of the path, named there: "content/x/sources: no sources folder".
@pytest.mark.parametrize("below", ["", "/x"])
@pytest.mark.parametrize(
    "command", [["export"], ["check"], ["review", "--base-content", "base/content"]]
)
def test_a_content_folder_link_that_loops_or_leads_nowhere_is_told_so(
    command: list[str],
    below: str,
    target: str,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # "content/sources: no sources folder" of a content folder given, as a link that cannot be.
    monkeypatch.chdir(tmp_path)
    write_content(Path("base"))
    Path("content").symlink_to(target)
    assert main([*command, "--content", f"content{below}"]) == 1
    assert capsys.readouterr().err.startswith(f"content: cannot read folder: {said}\n")


def test_check_validates_the_curation_and_counts_its_problems(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        "content/curation: 3 themes (efficiency 3, sequence-models 2, arithmetic-reasoning 1), "
        "1 unsorted, 1 hidden",
        # The site's count too, which review and build say.
        "7 papers, 6 on the site; 0 errors, 0 warnings",
    ]
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text("papers:\n  teaching-transformers:\n    order: first\n", encoding="utf-8")
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "content/curation/themes.yaml:35: warning: theme 'arithmetic-reasoning' has no papers",
        "content/curation/papers.yaml:2: unknown paper id 'teaching-transformers' "
        "(did you mean 'teaching-transformers-to-add'?)",
        "content/curation/papers.yaml:3: 'order' must be a whole number, not 'first'",
    ]
    assert captured.out.splitlines()[-1] == "7 papers; 2 errors, 1 warning"


def test_check_reports_a_runaway_regex_with_every_other_problem(
    curated_content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "REGEX_TIMEOUT_SECONDS", 0.05)
    themes = curated_content / "curation" / "themes.yaml"
    old = "{regex: 'speed(s|ed)? up', weight: 0.5}"
    text = themes.read_text(encoding="utf-8")
    assert old in text
    # "(.|..)+" tries every way of splitting a paper's text into ones and twos.
    themes.write_text(text.replace(old, r"{regex: '(.|..)+\d', weight: 0.5}"), encoding="utf-8")
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(
        "papers:\n  bogus-id-xyz:\n    order: 1\n  bogus-id-xyz:\n    order: 2\n",
        encoding="utf-8",
    )
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    err = [line for line in captured.err.splitlines() if ": warning: " not in line]
    assert [line.split(": ")[0] for line in err] == [
        "content/curation/themes.yaml:18",
        "content/curation/papers.yaml:2",
        "content/curation/papers.yaml:4",
    ]
    assert err[0].startswith(r"content/curation/themes.yaml:18: regex '(.|..)+\d' ran over")
    assert err[1:] == [
        "content/curation/papers.yaml:2: unknown paper id 'bogus-id-xyz' "
        "(no paper has a similar id)",
        "content/curation/papers.yaml:4: duplicate key 'bogus-id-xyz' (first defined on line 2)",
    ]
    # The summary as for any content: the dump read, the curation's count, the papers'.
    assert "records read" in captured.out
    assert captured.out.splitlines()[-1].startswith("7 papers; 3 errors")


def test_check_shows_invisible_characters_a_curator_pasted_as_escapes(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Printed raw, a zero-width space made an unknown id read as the one suggested for it.
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(
        "papers:\n  teaching-transformers-to-add\u200b:\n    tags: [survey, \u200b]\n",
        encoding="utf-8",
    )
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/curation/themes.yaml:35: warning: theme 'arithmetic-reasoning' has no papers",
        r"content/curation/papers.yaml:2: unknown paper id 'teaching-transformers-to-add\u200b' "
        "(did you mean 'teaching-transformers-to-add'?)",
        r"content/curation/papers.yaml:3: item 2 of 'tags', '\u200b', holds characters that do "
        "not show as themselves: <U+200B>; delete them",
    ]


def test_check_counts_no_papers_when_papers_yaml_cannot_be_read(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The rules alone would sort the papers: counts of that would read as the curators' doing,
    # and arithmetic-reasoning, which has no rules, would be "a theme with no papers".
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text("papers:\n  teaching-transformers-to-add: {note: [\n", encoding="utf-8")
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-2:] == [
        "content/curation: 3 themes (efficiency, sequence-models, arithmetic-reasoning); "
        "papers not counted, as papers.yaml could not be read",
        "7 papers; 1 error, 0 warnings",
    ]
    assert captured.err == (
        "content/curation/papers.yaml:2: YAML syntax error: the [ on this line is never closed: "
        "end it with ] (YAML read on to the end of the file looking for it)\n"
    )


@pytest.mark.parametrize(
    "name", ["curation/papers.yaml", "curation/themes.yaml", "sources/sources.yaml"]
)
def test_check_refuses_a_yaml_file_that_is_a_pipe_in_one_line(
    curated_content: Path, name: str
) -> None:
    # Opened to be read, a named pipe waited for a writer: check hung for ever. In a process of
    # its own, so that a hang fails the test rather than stopping the run.
    path = curated_content / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    done = subprocess.run(
        [sys.executable, "-m", "papersite", "check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"content/{name}: is not a regular file (a pipe, a socket or a device)\n"
    )


def test_check_counts_the_papers_of_a_curation_with_no_theme_yet(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 'themes: []', the start an empty themes.yaml is told to write, had no curation line.
    (curated_content / "curation" / "themes.yaml").write_text("themes: []\n", encoding="utf-8")
    (curated_content / "curation" / "papers.yaml").write_text("papers:\n", encoding="utf-8")
    assert main(["check"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "content/curation: 0 themes, 7 unsorted, 0 hidden",
        "7 papers; 0 errors, 0 warnings",
    ]


@pytest.mark.parametrize(
    ("papers", "unread"),
    [(None, "themes.yaml"), ("papers:\n  a: [\n", "themes.yaml and papers.yaml")],
)
def test_check_says_nothing_is_counted_when_themes_yaml_cannot_be_read(
    curated_content: Path, capsys: pytest.CaptureFixture[str], papers: str | None, unread: str
) -> None:
    # The curation line was missing, as for a content folder with no curation at all.
    themes = curated_content / "curation" / "themes.yaml"
    themes.write_text('themes:\n  - {id: a, regex: "\\d+-bit"}\n', encoding="utf-8")
    if papers is not None:
        (curated_content / "curation" / "papers.yaml").write_text(papers, encoding="utf-8")
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-2] == (
        f"content/curation: themes and papers not counted, as {unread} could not be read"
    )
    assert captured.err.startswith("content/curation/themes.yaml:2: YAML syntax error: ")


def test_check_names_the_line_a_quote_was_left_open_on(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Open on line 6, the text reads on to the quote opening the note on line 14, where PyYAML
    # stops: the line it reported before.
    papers = curated_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    text = text.replace("note: The cleanest", 'note: "The cleanest')
    text = text.replace("note: Quantizes", 'note: "Quantizes').replace("memory.", 'memory."')
    papers.write_text(text, encoding="utf-8")
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "content/curation/papers.yaml:6: YAML syntax error: the text in double quotes that starts "
        'on this line is never closed: end it with " (quoted text may go on over several lines, '
        'so YAML took the " on line 14 for its end)\n'
    )


def test_check_strict_fails_on_a_theme_with_no_papers(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (curated_content / "curation" / "papers.yaml").write_text("papers:\n", encoding="utf-8")
    assert main(["check"]) == 0
    assert main(["check", "--strict"]) == 1
    assert "warning: theme 'arithmetic-reasoning' has no papers" in capsys.readouterr().err


def test_export_shows_themes_and_sections_and_rules_only_ignores_decisions(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export"]) == 0
    curated = {o["id"]: o for o in json.loads(capsys.readouterr().out)}
    assert "a-survey-of-cooking-robots" not in curated  # hidden
    add = curated["teaching-transformers-to-add"]
    assert add["themes"] == ["sequence-models", "arithmetic-reasoning"]
    assert add["sections"] == {
        "sequence-models": "transformers",
        "arithmetic-reasoning": "arithmetic",
    }
    assert (add["featured"], add["tags"], add["arxiv"]) == (
        ["arithmetic-reasoning"],
        ["addition"],
        "2402.09371",
    )
    assert main(["export", "--rules-only", "--format", "csv"]) == 0
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["teaching-transformers-to-add"]["themes"] == "sequence-models"
    assert rows["teaching-transformers-to-add"]["sections"] == "sequence-models: transformers"
    assert rows["quantized-state-space-models"]["sections"] == (
        "efficiency: quantization | sequence-models: state-space"
    )


def test_triage_prints_the_report_and_refuses_without_a_curation(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["triage"]) == 0
    assert capsys.readouterr().out.startswith(
        # quantized-state-space-models' entry only removes a theme: the rules choose the rest.
        "5 papers not yet decided in content/curation/papers.yaml: 1 in no theme, "
        "4 placed by the rules\n"
    )
    assert main(["triage", "--disagreements"]) == 0
    assert capsys.readouterr().out.startswith("1 pinned paper the rules would sort differently\n")
    # The disagreements list has no snippet to cut.
    with pytest.raises(SystemExit) as exit_info:
        main(["triage", "--disagreements", "--snippet", "2"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.endswith(
        "papersite triage: error: argument --snippet: not allowed with argument --disagreements\n"
    )
    assert main(["triage", "--disagreements", "--theme", "arithmetic-reasoning"]) == 0
    assert capsys.readouterr().out.startswith(
        "1 pinned paper the rules would sort differently, for theme 'arithmetic-reasoning'\n"
    )
    themes = curated_content / "curation" / "themes.yaml"
    written = themes.read_text()
    themes.write_text(
        written.replace("id: arithmetic-reasoning", "id: arithmetic\n    formerly: [sums]")
    )
    papers = curated_content / "curation" / "papers.yaml"
    decided = papers.read_text()
    papers.write_text(decided.replace("arithmetic-reasoning", "arithmetic"))
    # As the site's addresses do, a renamed theme's old id leads to it.
    assert main(["triage", "--disagreements", "--theme", "sums"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "papersite: --theme sums: it is now 'arithmetic'\n"
    assert captured.out.startswith(
        "1 pinned paper the rules would sort differently, for theme 'arithmetic'\n"
    )
    themes.write_text(written)
    papers.write_text(decided)
    assert main(["triage", "--theme", "arithmetic"]) == 1
    assert capsys.readouterr().err == (
        "content/curation/themes.yaml: --theme: no theme has the id 'arithmetic' "
        "(did you mean 'arithmetic-reasoning'?)\n"
    )
    shutil.rmtree(curated_content / "curation")
    assert main(["triage"]) == 1
    assert capsys.readouterr().err == "content/curation: no curation folder: nothing to triage\n"


def _papersite(*args: str, **kwargs: Any) -> subprocess.Popen[str]:
    """``python -m papersite`` in a process of its own, with text pipes for stderr."""
    command = [sys.executable, "-m", "papersite", *args]
    return subprocess.Popen(command, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.parametrize(
    "args",
    [("export", "--schema"), ("check", "--content", str(REPO / "content"))],
    ids=["export", "check"],
)
def test_a_reader_that_stops_reading_ends_papersite_quietly(args: tuple[str, ...]) -> None:
    # As `papersite check | head -1` does: the pipe's reading end closes before papersite is done.
    child = _papersite(*args, stdout=subprocess.PIPE)
    assert child.stdout is not None
    child.stdout.close()
    _, err = child.communicate(timeout=120)
    assert err == ""
    assert child.returncode == 128 + signal.SIGPIPE


# Whether Python buffers stdout: unbuffered (PYTHONUNBUFFERED, as many containers set it), its
# write() makes one write(2) and used to drop whatever part of it the pipe did not take.
BUFFERING = pytest.mark.parametrize("unbuffered", ["1", None], ids=["PYTHONUNBUFFERED", "buffered"])


def _environment(unbuffered: str | None) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered is not None:
        environment["PYTHONUNBUFFERED"] = unbuffered
    return environment


@pytest.fixture
def large_export(tmp_path: Path) -> Path:
    """A content folder whose export (half a megabyte) is more than a pipe holds.

    Synthetic papers, not the shipped content: a fork's few papers fit in the pipe.
    """
    content = tmp_path / "large"
    write_dumps(content / "sources", 300)
    return content


@BUFFERING
def test_a_reader_that_stops_part_way_ends_papersite_quietly(
    large_export: Path, unbuffered: str | None
) -> None:
    # As `papersite export | head -c 100`: the export is more than the pipe holds, so papersite
    # is still writing it when the reader, having read the start, closes its end.
    child = _papersite(
        "export",
        "--content",
        str(large_export),
        stdout=subprocess.PIPE,
        env=_environment(unbuffered),
    )
    assert child.stdout is not None
    assert child.stdout.read(100).startswith("[")
    child.stdout.close()
    _, err = child.communicate(timeout=120)
    assert err == ""
    assert child.returncode == 128 + signal.SIGPIPE


@BUFFERING
def test_a_non_blocking_pipe_gets_the_whole_export(
    tmp_path: Path, large_export: Path, unbuffered: str | None
) -> None:
    # A pipe set non-blocking (by another program sharing it) takes what fits and refuses the
    # rest for now: papersite must wait and write the rest, neither drop it nor fail.
    expected = tmp_path / "papers.json"
    assert main(["export", "--content", str(large_export), "-o", str(expected)]) == 0
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    with open(read_end, "rb") as reader:
        child = _papersite(
            "export",
            "--content",
            str(large_export),
            stdout=write_end,
            env=_environment(unbuffered),
        )
        os.close(write_end)
        received = reader.read()
    _, err = child.communicate(timeout=120)
    assert (err, child.returncode) == ("", 0)
    assert received == expected.read_bytes()


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
def test_an_export_to_stdout_is_utf_8_whatever_stdout_s_encoding(
    tmp_path: Path, encoding: str
) -> None:
    # `papersite export > papers.csv` where stdout is not UTF-8 (Windows' code page, a Latin-1
    # locale) stopped with a UnicodeEncodeError traceback at the shipped abstracts' first 'π',
    # and where every character could be encoded wrote a file in that encoding, not the site's.
    written = tmp_path / "papers.csv"
    export = ["export", "--content", str(REPO / "content"), "--format", "csv"]
    assert main([*export, "-o", str(written)]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "papersite", *export],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        check=False,
    )
    assert (result.stderr, result.returncode) == (b"", 0)
    assert result.stdout == written.read_bytes()


def test_a_title_stdout_cannot_encode_is_escaped_not_a_traceback(tmp_path: Path) -> None:
    # The same stdout made `papersite triage` a traceback at the first title it could not encode
    # ("Naïve"); a listing for a terminal shows such a character as its escape instead.
    # Content of its own, not the shipped content: a fork's may hold no such title.
    content = tmp_path / "content"
    shutil.copytree(EXCERPT, content)
    (content / "curation" / "papers.yaml").write_text("papers:\n", encoding="utf-8")
    (dump,) = (content / "sources").glob("*.txt")
    title = "Gated Attention for Large Language Models:"
    text = dump.read_text(encoding="utf-8")
    assert title in text
    dump.write_text(text.replace(title, f"Or be Naïve: {title}", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "papersite", "triage", "--content", str(content)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert (b"Traceback" in result.stderr, result.returncode) == (False, 0)
    assert "Or be Na\\xefve: Gated" in result.stdout.decode("ascii")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_under_stdout_is_one_line() -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        child = _papersite("export", "--schema", stdout=full)
        _, err = child.communicate(timeout=60)
    assert err == "<stdout>: cannot write: No space left on device\n"
    assert child.returncode == 1


def test_a_broken_pipe_that_is_not_stdout_s_is_a_bug_and_shows_as_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A worker process's pipe breaking is papersite's fault: it must not pass for a reader gone.
    def broken(args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("papersite.cli._run_triage", broken)
    with pytest.raises(BrokenPipeError):
        main(["triage"])


@contextlib.contextmanager
def _sigterm_stand_in() -> Iterator[Callable[[int, object], None]]:
    """Meanwhile SIGTERM's handler fails the test: papersite must set its own, then put it back.

    Python's default would end pytest itself.
    """

    def unhandled(signum: int, frame: object) -> None:
        raise AssertionError("papersite left SIGTERM to the handler it found")

    before = signal.signal(signal.SIGTERM, unhandled)
    try:
        yield unhandled
    finally:
        signal.signal(signal.SIGTERM, before)


def test_sigterm_is_handled_as_ctrl_c_and_the_handler_is_put_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cleaned: list[str] = []

    def stopped(args: object) -> int:
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(10)  # the handler interrupts this
        finally:
            cleaned.append("work folder")
        return 0

    monkeypatch.setattr("papersite.cli._run_triage", stopped)
    with _sigterm_stand_in() as unhandled:
        assert main(["triage"]) == 128 + signal.SIGTERM
        assert signal.getsignal(signal.SIGTERM) is unhandled
    assert capsys.readouterr().err == "papersite: terminated\n"
    assert cleaned == ["work folder"]


def test_sigterm_where_python_cannot_raise_it_is_raised_when_the_command_returns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A finaliser, as an import's module-lock callback was when this was found: Python printed
    # "Exception ignored in ..." with a traceback, and the build went on to replace the site.
    finished: list[str] = []

    class Finaliser:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(1000))  # the handler runs here, where its exception cannot leave

    def stopped(args: object) -> int:
        Finaliser()
        finished.append("the rest of the command")
        return 0

    monkeypatch.setattr("papersite.cli._run_triage", stopped)
    with _sigterm_stand_in():
        assert main(["triage"]) == 128 + signal.SIGTERM
    assert finished == ["the rest of the command"]  # it could not be stopped sooner
    assert capsys.readouterr().err == "papersite: terminated\n"
    assert not Terminated.requested  # a later command in this process starts afresh


@pytest.mark.parametrize("signalled", [True, False])
def test_sigterm_that_python_loses_on_the_way_out_is_still_a_stop(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], signalled: bool
) -> None:
    # CPython replaced the Terminated raised inside an import's error path (pathspec's "from
    # typing import override" on 3.11) with "TypeError: expected a message argument": a traceback
    # where "papersite: terminated" was due. Without a SIGTERM the same error is a bug, unhidden.
    def stopped(args: object) -> int:
        try:
            if signalled:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(10)  # the handler interrupts this
        except Terminated:
            pass
        raise TypeError("expected a message argument")

    monkeypatch.setattr("papersite.cli._run_triage", stopped)
    with _sigterm_stand_in():
        if signalled:
            assert main(["triage"]) == 128 + signal.SIGTERM
            assert capsys.readouterr().err == "papersite: terminated\n"
        else:
            with pytest.raises(TypeError, match="expected a message argument"):
                main(["triage"])
    assert not Terminated.requested


def _writes_then_fills_the_disk(monkeypatch: pytest.MonkeyPatch, writes: int) -> None:
    """Let ``writes`` files be written, then fail as a full disk does (write() names no file)."""
    real = SiteWriter.write
    count = 0

    def write(self: SiteWriter, relative: str, data: str | bytes) -> None:
        nonlocal count
        count += 1
        if count > writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, relative, data)

    monkeypatch.setattr(SiteWriter, "write", write)


def test_generate_on_a_full_disk_is_one_line_and_leaves_no_half_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_content(tmp_path)
    _writes_then_fills_the_disk(monkeypatch, 5)
    out = tmp_path / "gen"
    argv = ["generate", "--content", str(content), "--config", str(REPO / "mkdocs.yml")]
    assert main([*argv, "--out", str(out)]) == 1
    assert capsys.readouterr().err == f"{out}: cannot write: No space left on device\n"
    assert not out.exists()


def test_generate_into_a_folder_it_cannot_make_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_content(tmp_path)
    (tmp_path / "a-file").write_text("not a folder")
    out = tmp_path / "a-file" / "gen"
    argv = ["generate", "--content", str(content), "--config", str(REPO / "mkdocs.yml")]
    assert main([*argv, "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"{out}: lies under {tmp_path / 'a-file'}, a file, not a folder\n"
    )


@pytest.mark.parametrize("command", ["generate", "build", "serve"])
def test_every_mistake_of_mkdocs_yml_and_its_base_is_told_in_one_run_by_every_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    # build told the options' alone, site_url's and the rest a run later, and serve MkDocs' first
    # refusal ("MkDocs serve failed: 'site_name' must be text"), one a run.
    monkeypatch.chdir(tmp_path)
    content = write_content(tmp_path)
    Path("base.yml").write_text(
        "theme: material\nsite_name: 123\nextra:\n  papersite:\n    recent_papers: x\n",
        encoding="utf-8",
    )
    Path("mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        "site_url: example.org\n"
        "repo_url: ftp://example.org/x\n"
        "extra:\n"
        "  papersite:\n"
        "    feed_entries: 0\n",
        encoding="utf-8",
    )
    where = {"generate": ["--out", "docs"], "build": ["--site-dir", "site"]}
    argv = [command, "--content", str(content), *where.get(command, [])]
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        "mkdocs.yml:2: site_url 'example.org' has no scheme (https://): write the published "
        "address in full, e.g. https://example.github.io/papers/\n"
        "mkdocs.yml:3: repo_url 'ftp://example.org/x' has the scheme 'ftp:': write the "
        "repository's address as an https:// (or http://) one, e.g. "
        "https://github.com/owner/papers\n"
        "mkdocs.yml:6: extra.papersite.feed_entries must be a whole number above 0, not 0\n"
        "base.yml:2: 'site_name' must be text, not the number 123\n"
        "base.yml:5: extra.papersite.recent_papers must be a whole number, 0 or more, not 'x'\n"
    )
