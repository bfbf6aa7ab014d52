"""The ``papersite`` command: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from papersite import __version__
from papersite.catalogue import Catalogue, load_catalogue
from papersite.errors import PapersiteError, Problem, Severity
from papersite.exports import FORMATS, SERIALISERS, export_objects


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
        return status
    except PapersiteError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("papersite: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="papersite", description="Build curated reading lists of ML papers."
    )
    parser.add_argument("--version", action="version", version=f"papersite {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate everything under the content folder")
    _content_option(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=_run_check)

    export = commands.add_parser("export", help="write the catalogue as JSON or CSV")
    _content_option(export)
    export.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    export.set_defaults(run=_run_export)
    return parser


def _content_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="the content folder (default: ./content)",
    )


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _load(content: Path) -> Catalogue:
    """The catalogue, or a PapersiteError carrying every error found while reading it."""
    catalogue = load_catalogue(content)
    if any(p.severity is Severity.ERROR for p in catalogue.problems):
        raise PapersiteError.from_problems(catalogue.problems)
    _print_problems(catalogue.problems)
    return catalogue


def _run_check(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.content)
    for summary in catalogue.sources:
        print(summary)
        for skipped in summary.skipped:
            print(f"  skipped: {skipped}")
    reported = {id(p) for s in catalogue.sources for p in s.skipped}
    _print_problems([p for p in catalogue.problems if id(p) not in reported])
    errors = sum(p.severity is Severity.ERROR for p in catalogue.problems)
    warnings = len(catalogue.problems) - errors
    print(f"{len(catalogue)} papers; {errors} errors, {warnings} warnings")
    failing = errors + (warnings if args.strict else 0)
    return 1 if failing else 0


def _run_export(args: argparse.Namespace) -> int:
    catalogue = _load(args.content)
    text = SERIALISERS[args.format](export_objects(catalogue))
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0
