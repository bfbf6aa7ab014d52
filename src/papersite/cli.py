"""The ``papersite`` command: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import select
import shlex
import signal
import sys
import threading
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from papersite import __version__
from papersite.curation import CURATION_DIR, PAPERS_FILE, load_content, read_content
from papersite.errors import (
    PapersiteError,
    Problem,
    Problems,
    Terminated,
    cannot_write,
    display_path,
    printable,
)
from papersite.exports import (
    FORMATS,
    SERIALISERS,
    check_export_target,
    export_objects,
    schema_json,
    themes_json,
    themes_schema_json,
    write_export,
)
from papersite.triage import SNIPPET_PAPERS, format_triage, room_in, triage_content
from papersite.wording import closest, did_you_mean, listed

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
    _refuse_option_before_command(parser, given)
    _refuse_unknown_command(parser, given[0])
    args, unknown = parser.parse_known_args(given)
    if unknown:
        # Said with the command's usage: the top-level one lists none of its options. Each quoted
        # as the line told is: argparse's 'a b' was one argument holding a space or two.
        given_options = _given_options(given, {args.command: args.parser})
        args.parser.error(_unrecognized(unknown, _options(args.parser), given_options))
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


def _refuse_option_before_command(parser: _Parser, given: Sequence[str]) -> None:
    """Refuse a command's option written before the command, saying where it goes."""
    # argparse read 'papersite --content content check' as the command 'content' and said
    # "invalid choice: 'content'", naming no option. The top level's own (--help, --version),
    # abbreviated too, are its to read.
    if _top_level_option(parser, given[0]):
        return
    commands = _commands(parser)
    written, stop = _read_before_command(given, commands)
    # The top level's own after another ('--bogus --help', '--strict --version') are read as
    # argparse reads them: the help or version asked for, not a refusal. Unless a value comes
    # before ('--content x -h'), which argparse takes for the command and refuses first.
    for index, option in enumerate(written):
        if _top_level_option(parser, option.word):
            return
        if option.value is not None:
            if option.value not in commands and any(
                _top_level_option(parser, w.word) for w in written[index + 1 :]
            ):
                # Told so: '--content x --version' was "unrecognized arguments: --version", and
                # '--contnet x -h' told -h to go after the command.
                before = [*written[:index], _Written(option.word, option.names, None)]
                parser.errors(_command_refused(parser, before, option.value))
            break
    # A misspelt command first, read as an unknown option's value: the line would say COMMAND,
    # hiding the typo ('--bogus chek'). With nothing else to tell, the first such value is what
    # argparse reads as the command ('--bogus x'). Told with the options before it: argparse said
    # "invalid choice" alone, and '--bogus' was met only once that was fixed.
    values = {i: w.value for i, w in enumerate(written) if not w.names and w.value is not None}
    refused = [i for i, value in values.items() if closest(value, list(commands)) is not None]
    if stop == len(given) and not any(w.names for w in written):
        refused += list(values)[:1]
    for index in refused[:1]:
        before = [*written[:index], _Written(written[index].word, (), None)]
        parser.errors(_command_refused(parser, before, values[index]))
    if stop < len(given) and given[stop] not in commands:
        # The word argparse reads as the command, with the options before it. The line told was
        # 'papersite COMMAND --strict x check', which argparse refused for 'x' in turn.
        parser.errors(_command_refused(parser, written, given[stop]))
    if any(w.names for w in written):
        parser.errors(_misplaced_before_command(given, written, stop, commands))
    command = commands.get(given[stop]) if stop < len(given) else None
    if isinstance(command, _Parser) and any(w.value is not None for w in written):
        # argparse reads an unknown option's value as the command: '--contnet x check' was
        # "invalid choice: 'x'". Told with the command's usage, as '--bogus check' is (see main).
        command.errors(_misplaced_before_command(given, written, stop, commands))
    # No command at all, nor a word argparse reads as one ('--', 'x'), nor --version to run:
    # argparse said only that the command is required, '--bogus' unsaid.
    if all(w != "--" and w.startswith("-") and not _top_level_option(parser, w) for w in given):
        parser.errors(
            [
                _unrecognized(given, _every_option(parser), ()),
                "the following arguments are required: COMMAND",
            ]
        )
    # No command's option before it ('--bogus check'): argparse's "unrecognized arguments", told
    # with the command's usage (see main).


@dataclass(frozen=True)
class _Written:
    """An option written before the command, with the value it took."""

    word: str  # as written: '--cont', '--out=x', '-ox.json'
    # The commands' options it may give, in full: several for an abbreviation they share, none
    # for a word no command has ('--bogus').
    names: tuple[str, ...]
    value: str | None  # the next word, when it took it

    @property
    def words(self) -> list[str]:
        """The words it was written as."""
        return [self.word] if self.value is None else [self.word, self.value]


def _read_before_command(
    given: Sequence[str], commands: dict[str, argparse.ArgumentParser]
) -> tuple[list[_Written], int]:
    """The options written before the command, and where the first word that is none stands."""
    # Known as argparse knows them: abbreviated ('--cont'), with a value after '=' or attached
    # ('-ox.json'). The first word that is neither an option nor an option's value is the command
    # (so '--content build check' is check's); a '--' before it is skipped, as it ends nothing.
    written: list[_Written] = []
    index = 0
    while index < len(given):
        word = given[index]
        if word == "--":
            index += 1
            continue
        last = written[-1] if written else None
        if not word.startswith("-"):
            if word in commands or last is None or last.names or last.value is not None:
                break
            # An unknown option's value, as argparse would read it after the command:
            # '--contnet x check' told the line 'papersite COMMAND --strict x check'.
            written[-1] = _Written(last.word, (), word)
            index += 1
            continue
        option = _command_option(word, commands)
        names, takes_value = option if option is not None else ([], False)
        after = given[index + 1] if index + 1 < len(given) else None
        # An option's value is the next word unless written with it: '--out=x', '-ox'. Of an
        # ambiguous abbreviation ('--s': '--strict' or '--site-dir'), unless that word is a command.
        if takes_value and after is not None and not (len(names) > 1 and after in commands):
            written.append(_Written(word, tuple(names), after))
            index += 2
        else:
            written.append(_Written(word, tuple(names), None))
            index += 1
    return written, index


def _misplaced_before_command(
    given: Sequence[str],
    written: Sequence[_Written],
    stop: int,
    commands: dict[str, argparse.ArgumentParser],
) -> list[str]:
    """The messages for ``written``, the words before ``given[stop]``."""
    # The line is told, with the command first (COMMAND when none is named) and each option's
    # name in full, quoted for a shell so that it can be pasted, only when the command takes every
    # option; otherwise each it does not take is told, in the order written.
    named = stop < len(given) and given[stop] in commands
    command = given[stop] if named else "COMMAND"
    # Read as argparse reads them after the command, against its options alone: '--out' is
    # export's '--output', and '--co' is ambiguous after build only.
    reading = {command: commands[command]} if named else commands
    options = [w for w in written if w.names]
    # An option no command has is told as argparse tells it, not moved into a line it refuses.
    refused = [word for w in written if not w.names for word in w.words]
    option_words = [w.word for w in options]  # the options given, before or after it
    found = _command_option(options[0].word, reading) if options else None
    groups: list[Sequence[str]] = [w.words for w in options]  # each option with its value
    if not named:
        behind = list(given[stop:])
        # No line for an abbreviation that stays ambiguous: pasted, it would be refused in turn.
        told = []
        if found is not None and len(found[0]) > 1:
            told.append(_ambiguous_before_command(options[0].word, found[0]))
        told += [m for w in options if (m := _ignored_value(w.word, reading)) is not None]
    else:
        # Each of them, not the first alone: the line told would be refused for the next.
        told = [
            message for w in options if (message := _misplaced(w, command, commands)) is not None
        ]
        taken, refused_after, shared = _after_command(given[stop + 1 :], reading)
        told += shared
        refused += refused_after
        option_words += [group[0] for group in taken]
        groups += taken
        behind = [word for group in taken for word in _moved(group, reading)]
    # A value left out, or '--', which is none: the line told would be refused in turn, for the
    # option last on it ('papersite check --strict --content') or joined ('--content=--').
    told += [m for group in groups if (m := _no_value(group, reading)) is not None]
    unrecognized = []
    if refused:
        # The words the command refuses, before or after it, on one line, as argparse tells them.
        known = [name for sub in reading.values() for name in _options(sub)]
        unrecognized.append(_unrecognized(refused, known, _given_options(option_words, reading)))
    # None: no command's option was written, or the command does not take it (_misplaced told).
    if told or found is None:
        return [*told, *unrecognized]
    # Each option, not the first alone: the line told was refused for the next ('--content -x').
    before = [word for w in options for word in _moved(w.words, reading)]
    line = " ".join(_shell_word(word) for word in ["papersite", command, *before, *behind])
    return [*unrecognized, f"argument {found[0][0]}: options go after the command: {line}"]


def _no_value(group: Sequence[str], commands: dict[str, argparse.ArgumentParser]) -> str | None:
    """Argparse's refusal of ``group`` (an option and its value) giving it no value, or None.

    Read against ``commands``. None given, the option last on the line ('--strict check
    --content', '--strict --content'), or '--': '--content -- check', '--content=-- check',
    '-o-- export'.
    """
    word, *value = group
    option = _command_option(word, commands)
    if option is None or len(option[0]) > 1:
        return None
    name = option[0][0]
    action = next(
        c._option_string_actions[name]
        for c in commands.values()
        if name in c._option_string_actions
    )
    if word.startswith("--"):
        attached = word.split("=", 1)[1] if "=" in word else None
    else:
        attached = word[2:] or None
    if action.nargs == 0 or (value[0] if value else attached) not in (None, "--"):
        return None
    return f"argument {'/'.join(action.option_strings)}: {_NO_VALUE}"


def _ambiguous_before_command(word: str, names: Sequence[str]) -> str:
    """Argparse's "ambiguous option" for ``word`` (``names``), written before the command."""
    return (
        f"ambiguous option: {word} could match {', '.join(names)}; "
        "options go after the command, written in full"
    )


def _top_level_option(parser: argparse.ArgumentParser, word: str) -> bool:
    """Whether ``word`` is an option of ``parser``'s own (--help, --version), abbreviated or not."""
    written, top = word.split("=", 1)[0], parser._option_string_actions
    return written in top or (written.startswith("--") and any(o.startswith(written) for o in top))


def _after_command(
    words: Sequence[str], commands: dict[str, argparse.ArgumentParser]
) -> tuple[list[Sequence[str]], list[str], list[str]]:
    """``words``, written after the command, read as its parser (in ``commands``) reads them.

    The options it takes, each with its value; the words it refuses ('--bogus', an argument,
    which no command takes, and every word from a '--' on, as argparse lists them); and the
    abbreviations its options share, told in argparse's words.
    """
    taken: list[Sequence[str]] = []
    refused: list[str] = []
    ambiguous: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            refused.extend(words[index:])
            break
        option = _command_option(word, commands) if word.startswith("-") else None
        if option is None:
            refused.append(word)
        elif len(option[0]) > 1:
            ambiguous.append(f"ambiguous option: {word} could match {', '.join(option[0])}")
        else:
            step = 2 if option[1] else 1
            taken.append(words[index : index + step])
            index += step
            continue
        index += 1
    return taken, refused, ambiguous


def _unrecognized(words: Sequence[str], options: Sequence[str], given: Collection[str]) -> str:
    """Argparse's "unrecognized arguments: ..." for ``words``, each quoted as the line told is.

    Said with "did you mean" after a long option near one of ``options`` ('--stirct'): argparse
    names none, and a misspelt option reads as one the command lacks. Not near one in ``given``,
    written already: 'papersite --strict check --strikt' was told 'papersite check --strict' and
    "did you mean '--strict'?", which gave it twice.
    """
    # Compared without their dashes, which every long option shares: '--bogus' was near '--out'.
    names = {
        option.lstrip("-"): option
        for option in options
        if option.startswith("--") and option not in given
    }
    said: list[str] = []
    for word in words:
        shown = _shell_word(word)
        name = word.split("=", 1)[0]
        # After a '--' each word is an argument, none an option.
        option = name.startswith("--") and len(name) > 2 and "--" not in words[: len(said)]
        meant = closest(name[2:], list(names)) if option else None
        said.append(shown if meant is None else f"{shown} {did_you_mean(name, names[meant])}")
    return f"unrecognized arguments: {' '.join(said)}"


def _given_options(words: Sequence[str], commands: dict[str, argparse.ArgumentParser]) -> set[str]:
    """Every name of the options of ``commands`` that ``words`` give, as their parsers read them.

    Each option's names all: '-o' given, '--output' is too. An abbreviation several options share
    gives none of them.
    """
    given: set[str] = set()
    for word in words:
        if word == "--":
            break  # every word after it is an argument
        option = _command_option(word, commands) if word.startswith("-") else None
        if option is None or len(option[0]) > 1:
            continue
        for command in commands.values():
            action = command._option_string_actions.get(option[0][0])
            given.update(action.option_strings if action is not None else [])
    return given


def _options(command: argparse.ArgumentParser) -> list[str]:
    """The names of ``command``'s options, '-h' and '--help' among them, in the order added."""
    return list(command._option_string_actions)


def _every_option(parser: argparse.ArgumentParser) -> list[str]:
    """The names of the top level's options and of every command's, for "did you mean"."""
    return [
        *_options(parser),
        *(name for sub in _commands(parser).values() for name in _options(sub)),
    ]


def _moved(group: Sequence[str], commands: dict[str, argparse.ArgumentParser]) -> list[str]:
    """The words of ``group`` (an option and the value it took) as written after the command.

    Read against ``commands``, as argparse reads it there. Its name in full, so that the line
    pasted means what argparse understood; a value that starts with '-' joined to it
    ('--content=-x', '-o-x.json'): after the command, argparse takes a separate '-x' for an
    option. A word that is none of their options, or an abbreviation several share, as written.
    """
    word, *value = group
    option = _command_option(word, commands)
    if option is None or len(option[0]) > 1:
        return list(group)
    names, takes_value = option
    if word.startswith("--"):
        word = names[0] + word[len(word.split("=", 1)[0]) :]
    if takes_value and value and value[0].startswith("-"):
        return [word + ("=" if word.startswith("--") else "") + value[0]]
    return [word, *value]


def _misplaced(
    written: _Written, command: str, commands: dict[str, argparse.ArgumentParser]
) -> str | None:
    """Why option ``written``, before ``command``, cannot go after it, or None.

    After the command, argparse reads it against that command's options alone: '--out' is
    export's '--output', and '--co' is ambiguous after build only. Nor when it took a value
    before and takes none after: moved, the value would be an argument ('--theme x export' was
    told 'papersite export --themes x').
    """
    word, names = written.word, written.names
    reading = {command: commands[command]}
    own = _command_option(word, reading)
    if own is not None and len(own[0]) > 1:
        return _ambiguous_before_command(word, own[0])
    flag_after = own is not None and written.value is not None and not own[1]
    if own is not None and not flag_after:
        return _ignored_value(word, reading)
    if own is not None and len(names) > 1:
        return (
            f"ambiguous option: {word} could match {', '.join(names)}; "
            f"after {command} it is {own[0][0]}, which takes no value"
        )
    if len(names) > 1:
        # Moved after a command taking none of them, the line told would be refused in turn.
        return (
            f"ambiguous option: {word} could match {', '.join(names)}; "
            f"none of them is an option of {command}"
        )
    owners = [name for name, sub in commands.items() if names[0] in sub._option_string_actions]
    return f"argument {names[0]}: {names[0]} is an option of {listed(owners)}, not of {command}"


def _ignored_value(word: str, commands: dict[str, argparse.ArgumentParser]) -> str | None:
    """Argparse's refusal of ``word`` giving a value to an option of ``commands`` taking none."""
    # Moved after the command as written, '--strict=1' is refused there; dropped, '--strict=0'
    # would turn it on.
    option = _command_option(word, commands) if word.startswith("--") and "=" in word else None
    if option is None or len(option[0]) > 1:
        return None
    name = option[0][0]
    if any(
        c._option_string_actions[name].nargs != 0
        for c in commands.values()
        if name in c._option_string_actions
    ):
        return None
    return f"argument {name}: ignored explicit argument {word.split('=', 1)[1]!r}"


def _shell_word(word: str) -> str:
    r"""``word`` quoted for a shell: by shlex.quote, or in bash's $'...' when it must be escaped.

    shlex.quote keeps a newline or an escape sequence as it is, which would break the message's
    line or act on the terminal: such a word is written with printable's escapes ('\n', '\x1b'),
    which $'...' reads back as the very characters. Bash reads '\xHH' as the byte HH, so a
    character from U+0080 to U+00FF is written '\u00HH' (its UTF-8), and a byte that was not UTF-8
    (Python's surrogate escape, U+DC80 to U+DCFF) '\xHH', the byte itself.
    """
    shown = printable(word)
    if shown == word:
        return shlex.quote(word)
    # Its own backslashes doubled first, and its quotes escaped, so that only printable's escape.
    escaped = printable(word.replace("\\", "\\\\")).replace("'", "\\'")
    return f"$'{_BASH_ESCAPE.sub(_bash_escape, escaped)}'"


# printable's escapes that bash's $'...' reads otherwise: '\xa0' (U+00A0; bash: the byte A0) and
# '\udce9' (the byte E9; bash: U+DCE9 as UTF-8, ED B3 A9). A doubled backslash, the word's own, is
# matched so that the letters after it are not read as an escape.
_BASH_ESCAPE = re.compile(r"\\\\|\\x([89a-f][0-9a-f])|\\udc([89a-f][0-9a-f])")


def _bash_escape(match: re.Match[str]) -> str:
    """The escape of ``match``, one of _BASH_ESCAPE's, as bash's $'...' reads it back."""
    character, byte = match.groups()
    if character is not None:
        return f"\\u00{character}"
    return match.group() if byte is None else f"\\x{byte}"


def _command_option(
    word: str, commands: dict[str, argparse.ArgumentParser]
) -> tuple[list[str], bool] | None:
    """The options of the commands ``word`` may give, as their parsers read it, or None.

    With their names in full, one unless a long name is abbreviated to a prefix several share
    (in the commands' order, as argparse lists them), and whether the next word may be a value.
    Read as argparse reads it: ``--name=value``, a long name abbreviated, or a short option with
    its value attached (``-ox.json``).
    """
    actions = {
        name: action
        for command in commands.values()
        for name, action in command._option_string_actions.items()
    }
    name = word.split("=", 1)[0] if word.startswith("--") else word
    names = [name]
    if name not in actions and name.startswith("--"):
        names = [option for option in actions if option.startswith(name)]
    elif name not in actions and len(name) > 2 and name[:2] in actions:
        # '-ox.json'; '-hx' is a cluster of options taking no value, left to argparse to read.
        name = name[:2]
        return ([name], False) if actions[name].nargs != 0 else None
    if not names or names[0] not in actions:
        return None
    takes_value = any(actions[name].nargs != 0 for name in names) and "=" not in word
    return names, takes_value


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The commands' parsers by name."""
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subparsers.choices)


def _refuse_unknown_command(parser: argparse.ArgumentParser, word: str) -> None:
    """Refuse a misspelt command with "did you mean", as papersite says of any other name.

    argparse (Python 3.11) lists the commands; one far from all of them is left to it.
    """
    if word.startswith("-"):
        return
    names = list(_commands(parser))
    if word not in names and closest(word, names) is not None:
        parser.error(_invalid_command(parser, word))


def _invalid_command(parser: argparse.ArgumentParser, word: str) -> str:
    """The refusal of ``word`` as the command: "did you mean" when near one, else argparse's."""
    names = list(_commands(parser))
    meant = closest(word, names)
    if meant is None:
        choices = ", ".join(repr(name) for name in names)
        return f"argument COMMAND: invalid choice: {word!r} (choose from {choices})"
    return f"argument COMMAND: invalid choice: '{word}' {did_you_mean(word, meant)}"


def _command_refused(
    parser: argparse.ArgumentParser, written: Sequence[_Written], word: str
) -> list[str]:
    """The messages for ``word``, which argparse reads as the command, and ``written`` before it.

    No line is told: the word meant as an option's value, argparse reads as the command.
    """
    refused = [part for w in written if not w.names for part in w.words]
    told = [_unrecognized(refused, _every_option(parser), ())] if refused else []
    for w in written:
        if len(w.names) > 1:
            told.append(_ambiguous_before_command(w.word, w.names))
        elif w.names:
            told.append(f"argument {w.names[0]}: options go after the command")
    return [*told, _invalid_command(parser, word)]


def _refuse_meaningless_export(args: argparse.Namespace) -> None:
    """Refuse, as argparse refuses ``--schema --format``, options ``export`` cannot honour together.

    Not argparse's mutually exclusive groups: ``--themes`` goes with ``--schema`` (themes.json's
    schema) and ``--rules-only``, and ``--rules-only`` with ``--themes`` but not ``--schema``.
    """
    if args.schema and args.rules_only:
        # The schema is the same sorted by the rules or not.
        args.parser.error("argument --rules-only: not allowed with argument --schema")
    if args.themes and args.format is not None:
        # themes.json has no CSV; and `--format json`, the only one, is refused as with --schema.
        args.parser.error("argument --format: not allowed with argument --themes")


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


def _write(text: str) -> None:
    """Write to stdout: a reader gone is :class:`_StdoutClosed`, any other failure one line.

    All of ``text`` is written, or the write fails. Not through stdout's own ``write``: under
    ``PYTHONUNBUFFERED`` (``python -u``, many containers) it makes one write(2) and drops, without
    an error, what the pipe did not take, as when ``head`` closes it part-way (exit 0, not 141)
    or a non-blocking pipe is full (output cut short).
    """
    with _writing_stdout():
        try:
            fd = sys.stdout.fileno()
        except (OSError, ValueError):  # no file descriptor (a test's capture): nothing to lose
            sys.stdout.write(text)
            return
        sys.stdout.flush()  # anything written to it before goes first
        _write_all(fd, text.encode(sys.stdout.encoding, sys.stdout.errors or "strict"))


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


class _Parser(argparse.ArgumentParser):
    """argparse's parser, its messages on one line, a user's words shown as papersite shows them.

    argparse quotes the words it refuses as they were typed ("unrecognized arguments: ...", an
    option's value in a type's message): an escape sequence acted on the terminal, a newline broke
    the line. Every message goes through :func:`papersite.errors.printable`; the commands' parsers
    are of this class too (add_subparsers makes them of the parser's own).
    """

    def error(self, message: str) -> NoReturn:
        """Exit 2 after the usage and ``message``, as argparse does, the message escaped."""
        self.errors([message])

    def errors(self, messages: Sequence[str]) -> NoReturn:
        """Exit 2 after the usage and one line for each of ``messages``, each escaped."""
        self.print_usage(sys.stderr)
        self.exit(2, "".join(f"{self.prog}: error: {printable(m)}\n" for m in messages))

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> object:
        """The value of ``action`` from ``arg_strings``, a lone '--' refused as an option's value.

        Python 3.11's argparse drops the '--' of '--content=--' (and '-o--') and gives the option
        an empty list, its type unapplied: check ended in a TypeError in discover_sources.
        """
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            raise argparse.ArgumentError(action, _NO_VALUE)
        return super()._get_values(action, arg_strings)


# Argparse's words for an option taking one value given none: '--' is none.
_NO_VALUE = "expected one argument"


def _parser() -> _Parser:
    parser = _Parser(prog="papersite", description="Build curated reading lists of ML papers.")
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
    what.add_argument("--format", action=_Once, choices=FORMATS, help="default: json")
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
    unknown option was said with the top-level usage (see :func:`main`).
    """

    def __init__(self, commands: argparse._SubParsersAction[_Parser]) -> None:
        self._commands = commands

    def add_parser(self, name: str, *, help: str) -> _Parser:
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
            parser.error(f"argument {'/'.join(self.option_strings)}: given twice; give it once")
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
            text = SERIALISERS[args.format or "json"](export_objects(loaded.curation))
    if args.output is None:
        _write(text)
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
