"""The ``papersite`` command: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import contextlib
import os
import select
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from papersite import __version__
from papersite.cli_mistakes import (
    Parser,
    given_twice,
    refuse_option_before_command,
    refuse_unknown_command,
    refuse_unrecognized,
    refuse_unrecognized_and_missing,
)
from papersite.content import load_content, read_content
from papersite.curation import CURATION_DIR, PAPERS_FILE
from papersite.errors import (
    PapersiteError,
    Problem,
    Problems,
    Terminated,
    cannot_write,
    display_path,
)
from papersite.exports import (
    FORMATS,
    SERIALISERS,
    check_export_target,
    export_format,
    export_objects,
    schema_json,
    themes_json,
    themes_schema_json,
    write_export,
)
from papersite.triage import SNIPPET_PAPERS, format_triage, room_in, triage_content

# How messages name standard output, which has no path of its own (Python's name for it).
STDOUT = "<stdout>"
# How a command line names standard output as the file to write (``-o -``).
STDOUT_NAME = "-"


class _StdoutClosed(Exception):
    """Whoever reads stdout stopped reading (``head``, a pager quit): nothing more is wanted."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Exit statuses: 0 done, 1 bad input or an environment that refused (one line per problem), 2 a
    command line that cannot be used (argparse's usage and one line, or one per option written
    before a command that does not take it, and one for the words it refuses), and
    128 plus the signal's number when stopped, as a shell reports a process the signal killed:
    130 on Ctrl-C (SIGINT), 143 on SIGTERM, 141 when the reader of stdout went away (SIGPIPE).
    """
    parser = _parser()
    given = sys.argv[1:] if argv is None else list(argv)
    if not given:
        # argparse's "the following arguments are required: COMMAND" named none of them.
        parser.print_help(sys.stderr)
        return 2
    refuse_option_before_command(parser, given)
    refuse_unknown_command(parser, given[0])
    refuse_unrecognized_and_missing(parser, given)
    args, unknown = parser.parse_known_args(given)
    if unknown:
        refuse_unrecognized(parser, args.command, given, unknown)
    if args.command == "export":
        _refuse_meaningless_export(args)
    try:
        with _sigterm_raises():
            status: int = args.run(args)
            with _writing_stdout():  # a closed or full stdout fails here, not as Python exits
                sys.stdout.flush()
        return status
    except PapersiteError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except Terminated:
        print("papersite: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("papersite: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except _StdoutClosed:
        # Quietly, as a tool that SIGPIPE killed: the reader wanted no more, nothing went wrong.
        return 128 + signal.SIGPIPE


def _refuse_meaningless_export(args: argparse.Namespace) -> None:
    """Refuse, as argparse refuses ``--schema --format``, options ``export`` cannot honour together.

    Those of its parser's ``refused_together``, the second of each pair named, whatever the order.
    """
    parser: Parser = args.parser
    for first, second in parser.refused_together:
        if _given(parser, args, first) and _given(parser, args, second):
            parser.error(f"argument {second}: not allowed with argument {first}")


def _given(parser: Parser, args: argparse.Namespace, option: str) -> bool:
    """Whether ``option`` of ``parser`` was given: ``args`` holds other than its default."""
    action = parser._option_string_actions[option]
    return bool(getattr(args, action.dest) != action.default)


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Meanwhile SIGTERM raises :class:`Terminated`, so a build cleans up as on Ctrl-C.

    Python's default for SIGTERM is to die at once, leaving a build's work folder behind. A second
    SIGTERM while cleaning up kills at once: whoever sends it has stopped waiting. One that arrived
    where Python could not raise it (see Terminated.requested) is raised when the command returns,
    if nothing raised it before.
    """

    def terminated(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        Terminated.requested = True
        raise Terminated

    def unraisable(unraisable: sys.UnraisableHookArgs) -> None:
        # The stop is not lost, only deferred (Terminated.check): no traceback for it.
        if unraisable.exc_type is None or not issubclass(unraisable.exc_type, Terminated):
            previous_hook(unraisable)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (main() called from a thread)
        return
    Terminated.requested = False
    previous = signal.signal(signal.SIGTERM, terminated)
    previous_hook, sys.unraisablehook = sys.unraisablehook, unraisable
    try:
        yield
        Terminated.check()
    except Exception as error:
        # CPython can lose the Terminated the handler raised: one raised inside an import's error
        # path (pathspec's "from typing import override" on 3.11) came out as "TypeError: expected
        # a message argument". Once a stop was asked for, whatever unwinds is that stop.
        if Terminated.requested:
            raise Terminated from error
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = previous_hook
        Terminated.requested = False


def _write(text: str, *, data: bool = False) -> None:
    r"""Write to stdout: a reader gone is :class:`_StdoutClosed`, any other failure one line.

    All of ``text`` is written, or the write fails. Not through stdout's own ``write``: under
    ``PYTHONUNBUFFERED`` (``python -u``, many containers) it makes one write(2) and drops, without
    an error, what the pipe did not take, as when ``head`` closes it part-way (exit 0, not 141)
    or a non-blocking pipe is full (output cut short).

    ``data`` (an export) is UTF-8 whatever stdout's encoding, the bytes ``-o`` and the site
    write; other text is in stdout's encoding, a character it lacks as its escape (``ï`` as
    ``\xef``).
    """
    with _writing_stdout():
        try:
            fd = sys.stdout.fileno()
        except (OSError, ValueError):  # no file descriptor (a test's capture): nothing to lose
            sys.stdout.write(text)
            return
        sys.stdout.flush()  # anything written to it before goes first
        _write_all(fd, _encoded(text, data=data))


def _encoded(text: str, *, data: bool) -> bytes:
    if data:
        return text.encode("utf-8")
    # Python's own stdout is strict outside the C locale: a title with 'ï' under a Latin-1 or
    # ASCII stdout (Windows' code page, PYTHONIOENCODING) was a UnicodeEncodeError traceback.
    # Its other handlers (surrogateescape for a path's undecodable bytes) are kept.
    errors = sys.stdout.errors or "strict"
    return text.encode(sys.stdout.encoding, "backslashreplace" if errors == "strict" else errors)


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd``, waiting while a non-blocking pipe is full."""
    rest = memoryview(data)
    while rest:
        try:
            rest = rest[os.write(fd, rest) :]
        except BlockingIOError:
            select.select([], [fd], [])


@contextlib.contextmanager
def _writing_stdout() -> Iterator[None]:
    """Turn stdout's failures meanwhile into :class:`_StdoutClosed` or a PapersiteError."""
    try:
        yield
    except BrokenPipeError:
        _discard_stdout()
        raise _StdoutClosed from None
    except OSError as error:  # a full disk, /dev/full
        _discard_stdout()
        raise cannot_write(STDOUT, error) from None


def _discard_stdout() -> None:
    """Point stdout at /dev/null (Python docs, "Note on SIGPIPE").

    What is still buffered would fail again in the flush as Python exits, with a second message
    and exit status 120; the output is lost either way.
    """
    with contextlib.suppress(OSError, ValueError):  # no file descriptor (a test's capture)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _parser() -> Parser:
    parser = Parser(prog="papersite", description="Build curated reading lists of ML papers.")
    parser.add_argument("--version", action="version", version=f"papersite {__version__}")
    commands = _Commands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))

    check = commands.add_parser("check", help="validate everything under the content folder")
    _content_option(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=_run_check)

    export = commands.add_parser(
        "export", help="write the catalogue as JSON or CSV, or its themes as JSON"
    )
    _content_option(export)
    what = export.add_mutually_exclusive_group()
    # No default: argparse lets `--format json --schema` pass when the value given is the default.
    what.add_argument(
        "--format",
        action=_Once,
        choices=FORMATS,
        help="default: csv for an output file named .csv, else json",
    )
    what.add_argument(
        "--schema",
        action="store_true",
        help="write the JSON Schema of the json format instead (the site's papers.schema.json;"
        " with --themes, its themes.schema.json)",
    )
    export.add_argument(
        "--themes",
        action="store_true",
        help="write the themes, their sections and the order of their papers instead (the site's"
        " themes.json, JSON only)",
    )
    export.add_argument(
        "-o",
        "--output",
        action=_Once,
        type=_output_file,
        metavar="FILE",
        help="file to write (default, or '-': stdout)",
    )
    export.add_argument(
        "--rules-only",
        action="store_true",
        help="sort by the rules alone, ignoring papers.yaml (to judge rule changes)",
    )
    # Not argparse's mutually exclusive groups: --themes goes with --schema (themes.json's schema)
    # and --rules-only, and --rules-only with --themes but not --schema.
    export.refused_together = [
        # The schema is the same sorted by the rules or not.
        ("--schema", "--rules-only"),
        # themes.json has no CSV; and `--format json`, the only one, is refused as with --schema.
        ("--themes", "--format"),
    ]
    export.set_defaults(run=_run_export)

    triage_command = commands.add_parser(
        "triage", help="list the papers papers.yaml does not decide yet, with a snippet to paste"
    )
    _content_option(triage_command)
    # The disagreements come with no snippet: a --snippet beside it would be ignored unsaid.
    listing = triage_command.add_mutually_exclusive_group()
    listing.add_argument(
        "--disagreements",
        action="store_true",
        help="list the pinned papers the rules would sort differently instead",
    )
    triage_command.add_argument(
        "--theme",
        action=_Once,
        metavar="ID",
        help="only the papers the theme's rules score or whose place in it is in question",
    )
    listing.add_argument(
        "--snippet",
        action=_Once,
        type=_positive,
        default=SNIPPET_PAPERS,
        metavar="N",
        help=f"at most N papers in the snippet to paste (default: {SNIPPET_PAPERS}); never more"
        " than papers.yaml has room for",
    )
    triage_command.set_defaults(run=_run_triage)

    review_command = commands.add_parser(
        "review", help="a Markdown summary of what the content changes against a base branch"
    )
    _content_option(review_command)
    review_command.add_argument(
        "--base-content",
        action=_Once,
        type=_path,
        required=True,
        metavar="DIR",
        help="the base branch's content folder, checked out elsewhere",
    )
    review_command.add_argument(
        "--job-summary",
        action="store_true",
        help=(
            "list 50 entries of each list, and cut a long summary at a line, to fit a GitHub job "
            "summary (none over 1 MiB shows); without it the summary is whole"
        ),
    )
    review_command.set_defaults(run=_run_review)

    build = commands.add_parser("build", help="generate the pages and build the site with MkDocs")
    _content_option(build)
    _config_option(build)
    build.add_argument(
        "--site-dir",
        action=_Once,
        type=_path,
        default=Path("site"),
        metavar="DIR",
        help="default: ./site",
    )
    build.add_argument(
        "--strict", action="store_true", help="fail on warnings, from the content or from MkDocs"
    )
    build.set_defaults(run=_run_build)

    generate = commands.add_parser("generate", help="write only the Markdown pages and data files")
    _content_option(generate)
    _config_option(generate)
    generate.add_argument(
        "--out", action=_Once, type=_path, required=True, metavar="DIR", help="folder to write"
    )
    generate.set_defaults(run=_run_generate)

    serve = commands.add_parser("serve", help="live preview that regenerates as content changes")
    _content_option(serve)
    _config_option(serve)
    serve.add_argument(
        "-a",
        "--dev-addr",
        action=_Once,
        metavar="IP:PORT",
        help="where to serve (default: mkdocs.yml's dev_addr, else 127.0.0.1:8000)",
    )
    serve.set_defaults(run=_run_serve)
    return parser


class _Commands:
    """The subcommands' parsers, each with its help as its description and itself as ``parser``.

    ``papersite check --help`` showed the options without saying what the command does, and an
    unknown option was said with the top-level usage (see :func:`refuse_unrecognized`).
    """

    def __init__(self, commands: argparse._SubParsersAction[Parser]) -> None:
        self._commands = commands

    def add_parser(self, name: str, *, help: str) -> Parser:
        """A subcommand ``name``, described by ``help``."""
        command = self._commands.add_parser(name, help=help, description=_sentence(help))
        command.set_defaults(parser=command)
        return command


class _Once(argparse.Action):
    """An option given at most once: argparse keeps the last of several, the others unsaid.

    Every option taking a value uses it. Which were given is noted apart from the values: a
    default is set before any option is parsed, so a value cannot tell.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        given: set[str] = namespace.__dict__.setdefault(_GIVEN, set())
        if self.dest in given:
            parser.error(given_twice("/".join(self.option_strings)))
        given.add(self.dest)
        setattr(namespace, self.dest, values)


# Where _Once notes the options given, in the namespace argparse fills.
_GIVEN = "_once_given"


def _sentence(help: str) -> str:
    """A command's help as a description: a sentence, capitalised and ending in a full stop."""
    return help[0].upper() + help[1:] + "."


def _config_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--config",
        action=_Once,
        type=_path,
        metavar="FILE",
        help="the MkDocs configuration (default: ./mkdocs.yml)",
    )


def _config_file(args: argparse.Namespace) -> Path:
    """The ``--config`` given, else mkdocs_glue.CONFIG_FILE, which build and serve default to.

    Imported here, not at the top: mkdocs_glue brings in the renderer, which would double the time
    ``papersite check`` takes to start.
    """
    from papersite.mkdocs_glue import CONFIG_FILE

    given: Path | None = args.config
    return CONFIG_FILE if given is None else given


def _positive(text: str) -> int:
    """A count an option takes: a whole number, 1 or more."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _output_file(text: str) -> Path | None:
    """The file to write: None, stdout, for '-', as most tools read it; not empty.

    '-' became a file of that name. Told apart here, as typed: Path reads './-', the way to name
    such a file, as '-'. An empty path Path reads as '.', a folder no one typed.
    """
    if text == STDOUT_NAME:
        return None
    return _path(text)


def _path(text: str) -> Path:
    """A file or folder an option names: not empty, which Path reads as '.', a folder no one typed.

    ``--content ""`` read the working folder, and said it had no sources folder.
    """
    if not text:
        raise argparse.ArgumentTypeError("the path is empty")
    return Path(text)


def _content_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--content",
        action=_Once,
        type=_path,
        default=Path("content"),
        metavar="DIR",
        help="the content folder (default: ./content)",
    )


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _run_check(args: argparse.Namespace) -> int:
    loaded = read_content(args.content)
    listed: set[Problem] = set()
    for summary in loaded.catalogue.sources:
        _write(f"{summary}\n")
        # Papers skipped for one cause (lines that are not UTF-8) share its problem: listed once.
        for skipped in dict.fromkeys(summary.skipped):
            _write(f"  skipped: {skipped}\n")
        listed.update(summary.skipped)
    # No line for a content folder without curation; one for a themes.yaml that could not be read,
    # and for 'themes: []', a fork's start, whose papers are all unsorted.
    if loaded.files is not None:
        _write(f"{loaded.curation.summary(display_path(args.content / CURATION_DIR))}\n")
    # A skipped record's problem is among the catalogue's too: it was listed with its dump above.
    _print_problems([p for p in loaded.problems if p not in listed])
    _write(f"{loaded.counts()}\n")
    return 1 if Problems(list(loaded.problems)).failing(strict=args.strict) else 0


def _run_triage(args: argparse.Namespace) -> int:
    loaded = load_content(args.content)
    _print_problems(loaded.problems)
    triaged, notice = triage_content(loaded, args.content, args.theme)
    if notice is not None:
        print(f"papersite: {notice}", file=sys.stderr)
    room = room_in(args.content / CURATION_DIR / PAPERS_FILE)
    _write(format_triage(triaged, disagreements=args.disagreements, most=args.snippet, room=room))
    return 0


def _run_review(args: argparse.Namespace) -> int:
    from papersite.review import review
    from papersite.summary import JOB_SUMMARY_BYTES, format_review

    # 0 even when the content has problems: the summary lists them; `papersite check` fails a run.
    limit = JOB_SUMMARY_BYTES if args.job_summary else None
    _write(format_review(review(args.base_content, args.content), limit))
    return 0


def _run_export(args: argparse.Namespace) -> int:
    json_only = "--schema" if args.schema else "--themes" if args.themes else None
    format_ = export_format(args.format, args.output, json_only=json_only)
    if args.output is not None:
        # Imported here for the reason _config_file gives; export reads no --config of its own.
        from papersite.mkdocs_glue import CONFIG_FILE

        check_export_target(args.output, args.content, CONFIG_FILE)
    if args.schema:
        # The same for any content, rules-only or not: nothing to read.
        text = themes_schema_json() if args.themes else schema_json()
    else:
        loaded = load_content(args.content, rules_only=args.rules_only)
        _print_problems(loaded.problems)
        if args.themes:
            text = themes_json(loaded.curation)
        else:
            text = SERIALISERS[format_](export_objects(loaded.curation))
    if args.output is None:
        _write(text, data=True)
    else:
        write_export(text, args.output)
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from papersite.build import build_content

    result = build_content(
        args.content,
        args.site_dir,
        config_file=_config_file(args),
        strict=args.strict,
        progress=sys.stderr.isatty(),
        warn=_print_problems,
    )
    for line in (*result.recovered, *result.advice):
        print(line, file=sys.stderr)
    _write(f"{result}\n")
    return 0


def _run_generate(args: argparse.Namespace) -> int:
    from papersite.build import generate_content

    result = generate_content(
        args.content,
        args.out,
        config_file=_config_file(args),
        progress=sys.stderr.isatty(),
        warn=_print_problems,
    )
    _write(f"{result}\n")
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from papersite.serve import serve

    serve(args.content, config_file=_config_file(args), dev_addr=args.dev_addr)
    return 0
