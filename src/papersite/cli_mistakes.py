"""What the ``papersite`` command tells of a command line written wrong.

argparse takes an option written before the command for the command, names no option near a
misspelt one and tells one problem of several: here each is told on its own line, with where an
option goes (a line to paste, only when argparse would read it: else what it would refuse there),
"did you mean", and a :class:`Parser` escaping what it quotes. Apart from cli.py, which parses
arguments and calls the library, so that it stays thin.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shlex
import sys
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import NoReturn

from papersite.errors import printable
from papersite.wording import closest, did_you_mean, listed


def refuse_option_before_command(parser: Parser, given: Sequence[str]) -> None:
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
        if _asks_top_level(parser, option):
            return
        if option.value is not None:
            if option.value not in commands and any(
                _asks_top_level(parser, w) for w in written[index + 1 :]
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
        parser.errors(_command_refused(parser, written, given[stop], given[stop + 1 :]))
    if any(w.names for w in written):
        parser.errors(_misplaced_before_command(given, written, stop, commands))
    command = commands.get(given[stop]) if stop < len(given) else None
    if isinstance(command, Parser) and any(w.value is not None for w in written):
        # argparse reads an unknown option's value as the command: '--contnet x check' was
        # "invalid choice: 'x'". Told with the command's usage, as '--bogus check' is (see
        # refuse_unrecognized).
        command.errors(_misplaced_before_command(given, written, stop, commands))
    # No command at all, nor a word argparse reads as one ('--', 'x'), nor --version to run:
    # argparse said only that the command is required, '--bogus' unsaid.
    if all(w != "--" and w.startswith("-") and not _top_level_option(parser, w) for w in given):
        parser.errors(
            [
                _unrecognized(given, _every_option(parser), (), commands),
                "the following arguments are required: COMMAND",
            ]
        )
    # No command's option before it ('--bogus check'): argparse's "unrecognized arguments", told
    # with the command's usage (see refuse_unrecognized).


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
        # Each of them, not the first alone: '--strict --co' was told 'papersite COMMAND --strict
        # --co'.
        told = [_ambiguous_before_command(w.word, w.names) for w in options if len(w.names) > 1]
        told += [m for w in options if (m := _ignored_value(w.word, reading)) is not None]
    else:
        # Each of them, not the first alone: the line told would be refused for the next.
        told = [
            message for w in options if (message := _misplaced(w, command, commands)) is not None
        ]
        taken, refused_after, shared = _after_command(given[stop + 1 :], reading)
        told += shared
        # A flag given a value after it too: the line told was 'papersite check --strict
        # --strict=1', refused once pasted.
        told += [m for group in taken if (m := _ignored_value(group[0], reading)) is not None]
        refused += refused_after
        option_words += [group[0] for group in taken]
        groups += taken
        behind = [word for group in taken for word in _moved(group, reading)]
    # A value left out, or '--', which is none, or one the option refuses: the line told would be
    # refused in turn, for the option last on it ('papersite check --strict --content'), joined
    # ('--content=--') or empty ('--content=').
    told += [m for group in groups if (m := _refused_value(group, reading)) is not None]
    told += _given_twice(groups, reading)
    told += _not_allowed(groups, reading)
    unrecognized = []
    if refused:
        # The words the command refuses, before or after it, on one line, as argparse tells them.
        known = [name for sub in reading.values() for name in _options(sub)]
        given_options = _given_options(option_words, reading)
        # A command written as an option ('--check --strict') where none is named.
        unrecognized.append(_unrecognized(refused, known, given_options, () if named else commands))
    # None: no command's option was written, or the command does not take it (_misplaced told).
    if told or found is None:
        return [*told, *unrecognized]
    # Each option, not the first alone: the line told was refused for the next ('--content -x').
    before = [word for w in options for word in _moved(w.words, reading)]
    line = " ".join(_shell_word(word) for word in ["papersite", command, *before, *behind])
    return [*unrecognized, f"argument {found[0][0]}: options go after the command: {line}"]


def _refused_value(
    group: Sequence[str], commands: dict[str, argparse.ArgumentParser]
) -> str | None:
    """Argparse's refusal of the value ``group`` (an option and its value) gives it, or None.

    Read against ``commands``. None given, the option last on the line ('--strict check
    --content', '--strict --content'), or '--': '--content -- check', '--content=-- check',
    '-o-- export'; nor one of their options, which argparse reads as an option there ('-o
    --schema export' was told 'papersite export -o--schema', writing a file named '--schema').
    Or one its type or choices refuse, in their words: '--content= check', '--snippet 0 triage'.
    """
    word, *value = group
    found = _action(word, commands)
    if found is None:
        return None
    command, action = found
    if word.startswith("--"):
        attached = word.split("=", 1)[1] if "=" in word else None
    else:
        # argparse reads '-o=x' as '-o x', and '-o=' as an empty value: '-a=-- serve' was told
        # 'papersite serve -a=--', refused once pasted.
        attached = word[2:].removeprefix("=") if len(word) > 2 else None
    given = value[0] if value else attached
    if action.nargs == 0:
        return None
    # A value like an option that is none ('-x.json') is joined to it on purpose (see _moved).
    an_option = bool(value) and value[0].startswith("-") and _command_option(value[0], commands)
    if given in (None, "--") or an_option:
        return f"argument {'/'.join(action.option_strings)}: {_NO_VALUE}"
    try:
        command._get_values(action, [given])
    except argparse.ArgumentError as error:
        return str(error)
    return None


def _given_twice(
    groups: Sequence[Sequence[str]], commands: dict[str, argparse.ArgumentParser]
) -> list[str]:
    """Argparse's refusal of each option taking a value that ``groups`` give more than once.

    Read against ``commands``. Each is taken once at most (cli's _Once): '--content x check
    --content y' was told 'papersite check --content x --content y', refused once pasted.
    """
    names = []
    for group in groups:
        found = _action(group[0], commands)
        if found is not None and found[1].nargs != 0:
            names.append("/".join(found[1].option_strings))
    twice = [name for name in dict.fromkeys(names) if names.count(name) > 1]
    return [given_twice(name) for name in twice]


def given_twice(option: str) -> str:
    """The refusal of an option taking a value given twice, before the command or after it."""
    return f"argument {option}: given twice; give it once"


def _not_allowed(
    groups: Sequence[Sequence[str]], commands: dict[str, argparse.ArgumentParser]
) -> list[str]:
    """The refusal of each option ``groups`` give with one their command takes only without it.

    Read against ``commands``. Two of a mutually exclusive group, the later refused, in argparse's
    words ('--disagreements --snippet 3 triage' was told 'papersite triage --disagreements
    --snippet 3'); or a pair of a Parser's ``refused_together`` ('--rules-only --schema export').
    """
    given = [found[1] for group in groups if (found := _action(group[0], commands)) is not None]
    names = {name for action in given for name in action.option_strings}
    told = []
    for command in commands.values():
        exclusive = [g._group_actions for g in command._mutually_exclusive_groups]
        for index, action in enumerate(given):
            told += [
                f"argument {_name(action)}: not allowed with argument {_name(before)}"
                for before in given[:index]
                if any(action in actions and before in actions for actions in exclusive)
            ]
        pairs = command.refused_together if isinstance(command, Parser) else ()
        for first, second in pairs:
            if first in names and second in names:
                told.append(f"argument {second}: not allowed with argument {first}")
    return told


def _name(action: argparse.Action) -> str:
    """``action``'s names, as argparse's messages give them."""
    return "/".join(action.option_strings)


def _action(
    word: str, commands: dict[str, argparse.ArgumentParser]
) -> tuple[argparse.ArgumentParser, argparse.Action] | None:
    """The option ``word`` gives, read against ``commands``, and the first of their parsers with it.

    None for a word none of them has, or an abbreviation several of their options share.
    """
    option = _command_option(word, commands)
    if option is None or len(option[0]) > 1:
        return None
    name = option[0][0]
    return next(
        (c, c._option_string_actions[name])
        for c in commands.values()
        if name in c._option_string_actions
    )


def _ambiguous_before_command(word: str, names: Sequence[str]) -> str:
    """Argparse's "ambiguous option" for ``word`` (``names``), written before the command."""
    return (
        f"ambiguous option: {word} could match {', '.join(names)}; "
        "options go after the command, written in full"
    )


def _top_level_option(parser: argparse.ArgumentParser, word: str) -> bool:
    """Whether ``word`` is an option of ``parser``'s own (--help, --version), abbreviated or not."""
    written, top = word.split("=", 1)[0], parser._option_string_actions
    # '--' abbreviates no option: argparse reads it as the end of the options.
    abbreviated = written.startswith("--") and len(written) > 2
    return written in top or (abbreviated and any(o.startswith(written) for o in top))


def _asks_top_level(parser: argparse.ArgumentParser, written: _Written) -> bool:
    """Whether ``written`` is an option of ``parser``'s own, or took one as its value.

    Argparse reads the top level's own where they stand, not as a value: 'papersite --content
    --version' prints the version, and was told 'papersite COMMAND --content=--version'.
    """
    words = [written.word] if written.value is None else written.words
    return any(_top_level_option(parser, word) for word in words)


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


def refuse_unrecognized(
    parser: argparse.ArgumentParser, name: str, given: Sequence[str], unknown: Sequence[str]
) -> NoReturn:
    """Refuse ``unknown``, the words of ``given`` that command ``name``'s parser did not read.

    Said with the command's usage: the top-level one lists none of its options. Each word quoted
    as the line told is: argparse's 'a b' was one argument holding a space or two. An option of
    another command is told so, as before the command: 'papersite check --out x' was only
    "unrecognized arguments: --out x".
    """
    command = _commands(parser)[name]
    told, rest = _of_other_commands(parser, name, given, unknown)
    if rest:
        given_options = _given_options(given, {name: command})
        told.append(_unrecognized(rest, _options(command), given_options))
    if not isinstance(command, Parser):  # each is (see Parser)
        command.error(" ".join(told))
    command.errors(told)


def _of_other_commands(
    parser: argparse.ArgumentParser, name: str, given: Sequence[str], unknown: Sequence[str]
) -> tuple[list[str], list[str]]:
    """The messages for the words of ``unknown`` that give other commands' options, and the rest.

    ``unknown`` are the words of ``given`` command ``name`` did not read, in order. An option's
    value goes with it when it is the next word given; a word some options share is the rest's.
    The value of another command's option, which the command read as an abbreviation of one of
    its own taking none, is told by that option: 'papersite export --theme x' was "unrecognized
    arguments: x".
    """
    commands = _commands(parser)
    others = {n: c for n, c in commands.items() if n != name}
    # Where each word stands in given, to tell the next word given from the next unknown.
    places, start = [], 0
    for word in unknown:
        start = list(given).index(word, start) + 1
        places.append(start - 1)
    told: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(unknown):
        word = unknown[index]
        if word == "--":
            rest.extend(unknown[index:])  # every word after it is an argument
            break
        read = given[places[index] - 1] if places[index] > 0 else ""
        misread = _misread_as_flag(read, name, commands) if not word.startswith("-") else None
        option = _command_option(word, others) if word.startswith("-") else None
        if misread is not None:
            told.append(misread)
            index += 1
            continue
        if option is None or len(option[0]) > 1:
            rest.append(word)
            index += 1
            continue
        told.append(_option_of_others(option[0][0], others, name))
        after = index + 1
        valued = after < len(unknown) and places[after] == places[index] + 1
        index += 2 if option[1] and valued and not unknown[after].startswith("-") else 1
    return told, rest


def _misread_as_flag(
    word: str, name: str, commands: dict[str, argparse.ArgumentParser]
) -> str | None:
    """The refusal of ``word``, another command's option taking a value, read as a flag, or None.

    Command ``name`` read it as an abbreviation of one of its own taking none, and refused the
    value after it: 'papersite export --theme x' was "unrecognized arguments: x".
    """
    flag = word.startswith("--") and "=" not in word
    own = _command_option(word, {name: commands[name]}) if flag else None
    if own is None or own[1] or len(own[0]) > 1 or own[0] == [word]:
        return None
    owners = [n for n, c in commands.items() if n != name and word in c._option_string_actions]
    if not any(commands[n]._option_string_actions[word].nargs != 0 for n in owners):
        return None
    return (
        f"argument {word}: {word} is an option of {listed(owners)}; "
        f"{name} reads it as {own[0][0]}, which takes no value"
    )


def refuse_unrecognized_and_missing(parser: argparse.ArgumentParser, given: Sequence[str]) -> None:
    """Refuse the words of ``given`` its command does not read, with the options it requires unsaid.

    argparse tells only that one is missing: 'papersite review --base-contnet x' was "the following
    arguments are required: --base-content", the typo and its "did you mean" unsaid until that
    was given. Read as argparse reads them, none of the command's options required meanwhile.
    """
    command = _commands(parser).get(given[0]) if given else None
    if not isinstance(command, Parser):
        return
    required = [action for action in command._actions if action.required]
    for action in required:
        action.required = False
    command.relaxed = required
    try:
        args, unknown = command.parse_known_args(given[1:])
    finally:
        command.relaxed = ()
        for action in required:
            action.required = True
    # Given, an option holds what its type made of the word, never its default itself.
    missing = [_name(action) for action in required if getattr(args, action.dest) is action.default]
    if unknown and missing:
        given_options = _given_options(given, {given[0]: command})
        command.errors(
            [
                _unrecognized(unknown, _options(command), given_options),
                f"the following arguments are required: {', '.join(missing)}",
            ]
        )


def _unrecognized(
    words: Sequence[str],
    options: Sequence[str],
    given: Collection[str],
    commands: Collection[str] = (),
) -> str:
    """Argparse's "unrecognized arguments: ..." for ``words``, each quoted as the line told is.

    Said with "did you mean" after a long option near one of ``options`` ('--stirct'): argparse
    names none, and a misspelt option reads as one the command lacks. Not near one in ``given``,
    written already: 'papersite --strict check --strikt' was told 'papersite check --strict' and
    "did you mean '--strict'?", which gave it twice. Nor after a typographic dash ('—strict'),
    said with the dash that is not '-'. Or, where no command is given, after one of ``commands``
    written as an option ('papersite --serve').
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
        bare = _long_option_name(name) if "--" not in words[: len(said)] else None
        if bare is not None and bare in commands:
            said.append(f"{shown} (did you mean the command '{bare}'?)")
            continue
        meant = closest(bare, list(names)) if bare is not None else None
        said.append(shown if meant is None else f"{shown} {did_you_mean(name, names[meant])}")
    return f"unrecognized arguments: {' '.join(said)}"


def _long_option_name(word: str) -> str | None:
    """The name ``word`` gives a long option, without its dashes, or None when it gives none.

    'strict' of '--strict', and of '—strict' or '–strict': a word processor turns '--' into a
    typographic dash, which argparse reads as no option (the word pasted from formatted text).
    """
    if word.startswith("--"):
        return word[2:] or None
    if word and word[0] in _DASHES:
        return word.lstrip(_DASHES + "-") or None
    return None


# Dashes that are not '-': hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal
# bar, minus sign.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


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
    return _option_of_others(names[0], commands, command)


def _option_of_others(
    option: str, commands: dict[str, argparse.ArgumentParser], command: str
) -> str:
    """The refusal of ``option``, an option of some of ``commands`` but not of ``command``."""
    owners = [name for name, sub in commands.items() if option in sub._option_string_actions]
    return f"argument {option}: {option} is an option of {listed(owners)}, not of {command}"


def _ignored_value(word: str, commands: dict[str, argparse.ArgumentParser]) -> str | None:
    """Argparse's refusal of ``word`` giving a value to an option of ``commands`` taking none."""
    # Moved after the command as written, '--strict=1' is refused there; dropped, '--strict=0'
    # would turn it on.
    option = _command_option(word, commands) if word.startswith("--") and "=" in word else None
    if option is None or len(option[0]) > 1:
        return None
    name = option[0][0]
    actions = [
        c._option_string_actions[name]
        for c in commands.values()
        if name in c._option_string_actions
    ]
    if any(action.nargs != 0 for action in actions):
        return None
    return f"argument {_name(actions[0])}: ignored explicit argument {word.split('=', 1)[1]!r}"


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


def refuse_unknown_command(parser: argparse.ArgumentParser, word: str) -> None:
    """Refuse a misspelt command with "did you mean", as papersite says of any other name.

    argparse (Python 3.11) lists the commands; one far from all of them is left to it.
    """
    if word.startswith("-"):
        return
    names = list(_commands(parser))
    if word not in names and closest(word, names) is not None:
        parser.error(_invalid_command(parser, word))


def _invalid_command(parser: argparse.ArgumentParser, word: str, after: Sequence[str] = ()) -> str:
    """The refusal of ``word`` as the command: "did you mean" when near one, else argparse's.

    Or near an option after a typographic dash ('—strict check'); or 'help', which asks for the
    help of the command ``after`` names, if any ('papersite help check': 'papersite check -h').
    """
    names = list(_commands(parser))
    if word == "help":
        asked = f"{after[0]} " if after[:1] and after[0] in names else ""
        return (
            f"argument COMMAND: invalid choice: 'help' {did_you_mean(word, f'papersite {asked}-h')}"
        )
    meant = closest(word, names)
    bare = _long_option_name(word)  # '—strict', which argparse reads as no option
    if meant is None and bare is not None:
        options = {o[2:]: o for o in _every_option(parser) if o.startswith("--")}
        option = closest(bare, list(options))
        if option is not None:
            return (
                f"argument COMMAND: invalid choice: '{word}' {did_you_mean(word, options[option])}"
            )
    if meant is None:
        choices = ", ".join(repr(name) for name in names)
        return f"argument COMMAND: invalid choice: {word!r} (choose from {choices})"
    return f"argument COMMAND: invalid choice: '{word}' {did_you_mean(word, meant)}"


def _command_refused(
    parser: argparse.ArgumentParser,
    written: Sequence[_Written],
    word: str,
    after: Sequence[str] = (),
) -> list[str]:
    """The messages for ``word``, which argparse reads as the command, and ``written`` before it.

    No line is told: the word meant as an option's value, argparse reads as the command.
    ``after``: the words after it (see _invalid_command).
    """
    refused = [part for w in written if not w.names for part in w.words]
    told = [_unrecognized(refused, _every_option(parser), ())] if refused else []
    for w in written:
        if len(w.names) > 1:
            told.append(_ambiguous_before_command(w.word, w.names))
        elif w.names:
            told.append(f"argument {w.names[0]}: options go after the command")
    return [*told, _invalid_command(parser, word, after)]


class Parser(argparse.ArgumentParser):
    """argparse's parser, its messages on one line, a user's words shown as papersite shows them.

    argparse quotes the words it refuses as they were typed ("unrecognized arguments: ...", an
    option's value in a type's message): an escape sequence acted on the terminal, a newline broke
    the line. Every message goes through :func:`papersite.errors.printable`; the commands' parsers
    are of this class too (add_subparsers makes them of the parser's own).
    """

    # Pairs of options the command refuses together that argparse's mutually exclusive groups
    # cannot say (export's --themes goes with --schema, --schema not with --rules-only): the
    # second is refused, named as argparse names its groups'. The command's run refuses them;
    # read here too, so that no line holding both is told.
    refused_together: Sequence[tuple[str, str]] = ()

    # The required options refuse_unrecognized_and_missing reads as optional while it parses. The
    # usage and help printed meanwhile ('--help', a value refused) show them as declared: 'papersite
    # review --help' showed '[--base-content DIR]', as if it could be left out.
    relaxed: Sequence[argparse.Action] = ()

    def format_usage(self) -> str:
        """The usage line, the options this command requires shown as required."""
        with _as_declared(self.relaxed):
            return super().format_usage()

    def format_help(self) -> str:
        """The help, the options this command requires shown as required."""
        with _as_declared(self.relaxed):
            return super().format_help()

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


@contextlib.contextmanager
def _as_declared(relaxed: Sequence[argparse.Action]) -> Iterator[None]:
    """Within it, the ``relaxed`` actions are required again, as their command declares them."""
    for action in relaxed:
        action.required = True
    try:
        yield
    finally:
        for action in relaxed:
            action.required = False


# Argparse's words for an option taking one value given none: '--' is none.
_NO_VALUE = "expected one argument"
