"""papersite's own options, read from mkdocs.yml under ``extra.papersite`` (a standard MkDocs key).

::

    extra:
      papersite:
        search: pagefind          # or material, the default (see papersite.search)
        search_group_size: 10     # papers to a page of Pagefind's index
        unsorted_page_size: 1000  # papers on each page of Unsorted
        theme_page_size: 300      # papers on each page of a theme
        recent_papers: 10         # papers the home page lists as most recently published; 0: none
        feed_entries: 100         # papers in each Atom feed, newest first
        related_papers: 5         # related papers a paper's page lists (at most 100); 0: none

Every option is checked here, once: a misspelt option, a wrong value, an option written under
extra instead, papersite's options at the top level or under theme, an extra holding no settings,
papersite itself misspelt or an option set twice stops the build with the file
and line, rather than being ignored; every one of them is named in that run, not the first alone.
recent_papers and related_papers may be 0, which leaves that list out, heading and all; page sizes
and feed_entries may not (every page names the feeds). A number must be written in plain digits,
in the file or in an environment variable !ENV reads: MkDocs reads both as YAML 1.1 (010 is 8,
1:30 is 90), papersite its content files as 1.2.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from papersite.errors import (
    PapersiteError,
    Problem,
    Problems,
    absent,
    cannot_read,
    display_path,
    resolved,
)
from papersite.search import BACKENDS, DEFAULT_SEARCH_GROUP_SIZE, SearchBackend
from papersite.wording import as_yaml, describe, did_you_mean, listed, nearest, suggest
from papersite.yaml_hints import (
    read_again,
    undefined_alias,
    unknown_tag,
    unseen_break_at,
    unseen_break_beside,
    unseen_breaks,
)
from papersite.yamlfile import (
    MAX_DEPTH,
    TOO_DEEP,
    WIDE_SNIFF_BYTES,
    editor_lines,
    load_yaml_text,
    shown_line_at,
    wide_encoding,
    yaml_bytes,
)

# Used when mkdocs.yml does not set them: pages of about 300 KB (Unsorted) and 500 KB (a theme).
DEFAULT_UNSORTED_PAGE_SIZE = 1000
DEFAULT_THEME_PAGE_SIZE = 300
# The home page's list of the most recently published papers: a glance, the rest is a click away.
DEFAULT_RECENT_PAPERS = 10
# A feed is read for what is new; the full list is in papers.json.
DEFAULT_FEED_ENTRIES = 100
# A paper's page lists its nearest neighbours only: further down the list they are seldom related.
DEFAULT_RELATED_PAPERS = 5
# Each paper's best scores are kept while papers are compared, so memory grows with this (50,000
# papers: about 40 MB at 100); a list that long is no longer "related" anyway.
MOST_RELATED_PAPERS = 100
# A whole number written so that YAML 1.1, which MkDocs reads mkdocs.yml with, and YAML 1.2, which
# papersite reads its content files with, read it alike: no leading 0 (octal to 1.1), no '_' or
# ':' (1_000 and 1:30, base 60, are numbers to 1.1 alone), no 0x or 0o. Nor a '+': both read +10
# as 10, but a variable set to it was taken while one set to ' 10' was refused. A '-' is kept,
# for the bounds' message to name the number ("not -5"), but not before 0: -0 is 0 written
# otherwise, as +0 is (taken silently where 0 may be; "not 0" where it may not, named no -0).
_PLAIN_WHOLE = re.compile(r"0|-?[1-9][0-9]*")
_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Options:
    """The options under extra.papersite, checked, with their defaults filled in."""

    # The search backend: with Pagefind the site gets a Search page (see papersite.search).
    search: SearchBackend = "material"
    # Papers per Unsorted page: a long list is split into pages, so none grows to megabytes.
    unsorted_page_size: int = DEFAULT_UNSORTED_PAGE_SIZE
    # Papers per theme page, for the same reason (a theme's entries are longer: abstracts folded).
    theme_page_size: int = DEFAULT_THEME_PAGE_SIZE
    # Papers to a page of Pagefind's index (see PagefindIndexer).
    search_group_size: int = DEFAULT_SEARCH_GROUP_SIZE
    # Papers the home page lists as most recently published; 0 leaves that list out.
    recent_papers: int = DEFAULT_RECENT_PAPERS
    # Papers in each Atom feed: the newest, as a feed reader shows what is new.
    feed_entries: int = DEFAULT_FEED_ENTRIES
    # Related papers a paper's page lists; 0 leaves the section out.
    related_papers: int = DEFAULT_RELATED_PAPERS


# The option names, in the order messages list them: the fields above, so none can be forgotten.
KNOWN = tuple(option.name for option in fields(Options))


def options_of(config: Mapping[str, Any], config_file: Path) -> Options:
    """The options of ``config`` (mkdocs.yml as YAML read it), checked.

    Bad ones raise one PapersiteError carrying every problem, each at its file and line, in the
    order the files and their lines come, so that a curator fixes them all in one go, not one a run.
    """
    extra = config.get("extra")
    # ``config`` merges the files INHERIT leads to: each problem is named in the file writing it.
    refusals = _Refusals(inherited(config_file), Problems())
    _refuse_astray(config, refusals)
    _refuse_misplaced(extra, refusals)
    found = extra.get("papersite") if isinstance(extra, Mapping) else None
    if found is None:
        if refusals.problems:
            raise refusals.refused()
        return Options()
    # Each file's extra.papersite as written, composed once for the checks below (of an option
    # set twice in one of them, the last, which MkDocs reads: site_settings tells it, see
    # set_twice).
    nodes = {path: _papersite_node(path) for path in refusals.chain}
    if not isinstance(found, Mapping):
        _refuse_not_options(found, refusals)
        # Not a map: it holds no option for the checks below to read, so they are not run.
        raise refusals.refused()
    # MkDocs merges a file over the one it inherits from: the nearest file writing an option wins,
    # whatever it writes there (an !ENV set in the environment over a base's 010 leaves nothing
    # written to check).
    written_forms: dict[str, _Written | None] = {}
    for path in reversed(refusals.chain):
        written_forms.update(_written_forms(nodes[path]))
    _refuse_unknown(found, nodes, refusals)
    backend = _search_backend(found, refusals)
    whole_number = functools.partial(_whole_number, refusals, found, written_forms)
    options = Options(
        backend or Options.search,
        unsorted_page_size=whole_number("unsorted_page_size", DEFAULT_UNSORTED_PAGE_SIZE),
        theme_page_size=whole_number("theme_page_size", DEFAULT_THEME_PAGE_SIZE),
        search_group_size=whole_number("search_group_size", DEFAULT_SEARCH_GROUP_SIZE),
        recent_papers=whole_number("recent_papers", DEFAULT_RECENT_PAPERS, zero=True),
        # Every page names the feeds in its head: an empty one would be a feed that never updates.
        feed_entries=whole_number("feed_entries", DEFAULT_FEED_ENTRIES),
        related_papers=whole_number(
            "related_papers", DEFAULT_RELATED_PAPERS, zero=True, most=MOST_RELATED_PAPERS
        ),
    )
    if refusals.problems:
        raise refusals.refused()
    return options


@dataclass(frozen=True)
class _Refusals:
    """The problems options_of finds, each placed in the file of ``chain`` writing its key."""

    chain: list[Path]
    problems: Problems

    def refuse(self, message: str, keys: tuple[str, ...]) -> None:
        """Record an error at the nearest file writing ``keys`` (a path of mapping keys)."""
        self.problems.error(*_written_at(self.chain, keys), message)

    def refuse_option(self, message: str, option: str | None = None) -> None:
        """Record an error at extra.papersite's ``option``, or at extra.papersite itself."""
        self.refuse(message, ("extra", "papersite", *((option,) if option else ())))

    def refused(self) -> PapersiteError:
        """One PapersiteError carrying every problem recorded, in file order."""
        return in_file_order(self.chain, self.problems)


def _refuse_astray(config: Mapping[str, Any], refusals: _Refusals) -> None:
    """Refuse an extra that holds no settings, and papersite's options outside extra.

    MkDocs refuses an extra that is no map ('extra:' left empty) only when it builds: generate
    took it as no options. papersite's options written at the top level or under theme were
    ignored without a word: MkDocs only warns of a key it does not have, and hands the theme's
    to its templates, which never read them. So was one option written at the top level
    ('related_papers: 5'), which names no setting of MkDocs (KNOWN holds none of them).
    """
    extra = config.get("extra", {})
    if not isinstance(extra, Mapping):
        example = "such as papersite's options (papersite: ...)"
        # As extra.papersite's (_refuse_not_options): "not 'hello'" named no variable.
        from_env = _held_by_variable(
            "extra", extra, env_read(refusals.chain, ("extra",)), "settings", f", {example}"
        )
        refusals.refuse(
            from_env
            or (
                f"extra is empty: write its settings under it, {example}, or remove the line"
                if extra is None
                else f"extra must hold settings (key: value), {example}, not {describe(extra)}"
            ),
            ("extra",),
        )
    for holder, keys, where in (
        (config, ("papersite",), "at the top level"),
        (config.get("theme"), ("theme", "papersite"), "under theme"),
    ):
        if isinstance(holder, Mapping) and "papersite" in holder:
            refusals.refuse(
                f"papersite's options go under extra (extra.papersite): written {where}, they "
                "are ignored",
                keys,
            )
    for key in config:
        if key in KNOWN:
            refusals.refuse(
                f"{key} is an option of papersite: it belongs under extra.papersite; written at "
                "the top level, it is ignored",
                (key,),
            )


def _refuse_misplaced(extra: object, refusals: _Refusals) -> None:
    """Refuse each of papersite's options written under extra instead of extra.papersite.

    And a key of extra misspelt from papersite ('papersit'), whose options would go unread.
    """
    for key in extra if isinstance(extra, Mapping) else ():
        if key in KNOWN:
            # extra is MkDocs' and the theme's: an option there would be silently ignored.
            refusals.refuse(
                f"{key} is an option of papersite: it belongs under extra.papersite, indented two "
                "spaces more",
                ("extra", key),
            )
        elif isinstance(key, str) and nearest(key, ("papersite",)) is not None:
            # MkDocs takes any key under extra: 'papersit' would leave every option at its
            # default without a word. By the typo rule, not difflib's likeness: a template's own
            # 'paper' or 'papers' is no typo. Refused beside a papersite too, most likely a typo.
            refusals.refuse(
                f"extra has no {as_yaml(key)} {did_you_mean(key, 'papersite')}: papersite's "
                "options go under extra.papersite",
                ("extra", key),
            )


def _refuse_not_options(found: object, refusals: _Refusals) -> None:
    """Refuse an extra.papersite that is no map of options (``found``, as MkDocs read it)."""
    listing = ", ".join(KNOWN)
    read = env_read(refusals.chain, ("extra", "papersite"))
    refusals.refuse_option(
        _held_by_variable("extra.papersite", found, read, "options", f" ({listing})")
        or f"extra.papersite must hold options ({listing})"
    )


def _held_by_variable(
    key: str, found: object, read: EnvRead | None, wanted: str, example: str
) -> str | None:
    """Why ``key``, read from an !ENV as ``found``, holds no ``wanted`` (a map); None without one.

    MkDocs reads a variable's text as one value, never as a map ('{a: 1}' is text): the fix is
    to write them in the file, ``example`` saying which. An unset variable with no default, or
    a default that is no map, is named too: the line shows the !ENV, not what it read.
    """
    if read is None or not read.variables:
        return None
    if read.variable is not None:
        how = (
            f"environment variable {read.variable} (!ENV), set to {read.text!r}, which MkDocs "
            f"reads as {_read_as(found)}"
        )
    else:
        names = list(read.variables)
        unset = (
            f"variable {names[0]} (!ENV), which is unset"
            if len(names) == 1
            else f"variables {listed(names)} (!ENV), which are all unset"
        )
        default = (
            "with no default" if read.default is None else f"and its default is {_shown(found)}"
        )
        how = f"environment {unset}, {default}"
    return (
        f"{key} is read from the {how}: a variable holds one value, not {wanted}; write them in "
        f"the file{example}"
    )


def _refuse_unknown(
    found: Mapping[Any, Any], nodes: Mapping[Path, yaml.MappingNode | None], refusals: _Refusals
) -> None:
    """Refuse each key of extra.papersite that names no option, with the option meant if any."""
    for option in found:
        if option not in KNOWN:
            written = _key_written(refusals.chain, nodes, option)
            # Named as written: 'yes:' is true to YAML, a word the curator never wrote.
            shown = as_yaml(option) if isinstance(option, str) else written
            hint = suggest(written, KNOWN, "options")
            refusals.refuse_option(f"extra.papersite has no option {shown} {hint}", written)


def _search_backend(found: Mapping[Any, Any], refusals: _Refusals) -> SearchBackend | None:
    """The search option's backend; None when it names none, which is refused."""
    search = found.get("search", Options.search)
    backend = next((b for b in BACKENDS if b == search), None)
    if backend is None:
        backends = ", ".join(BACKENDS)
        message = f"extra.papersite.search must be one of {backends}, not {_shown(search)}"
        read = env_read(refusals.chain, ("extra", "papersite", "search"))
        if read is not None and read.variable is not None:
            # As a number's is: "not 'pagefnd'" named no variable, and the line shows none.
            subject = _set_by_variable("search", read, search, as_written=isinstance(search, str))
            message = f"{subject}: set it to one of {backends}{_without_spaces(read)}"
        refusals.refuse_option(message, "search")
    return backend


def _whole_number(
    refusals: _Refusals,
    found: Mapping[Any, Any],
    written_forms: Mapping[str, _Written | None],
    option: str,
    default: int,
    *,
    zero: bool = False,
    most: int = 0,
) -> int:
    """The option's value, a whole number above 0 (or 0 too, with ``zero``), up to ``most``.

    ``found`` is extra.papersite as MkDocs read it, ``written_forms`` its numbers as written (see
    _written_forms). A bad one is refused and ``default`` stands in, so the rest are checked.
    """
    size = found.get(option, default)
    written = written_forms.get(option)
    # A number's digits as written, when they are not plain.
    unplain = (
        written
        if isinstance(size, int)
        and written is not None
        and not _PLAIN_WHOLE.fullmatch(written.digits)
        else None
    )
    least = 0 if zero else 1

    def fits(value: object) -> bool:
        """Whether ``value`` is a whole number within the option's bounds."""
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value >= least
            and not (most and value > most)
        )

    out_of_bounds = not fits(size)
    # 0150 is 104 only to YAML 1.1: told to write it in plain digits, not "not 104". One out of
    # bounds whatever its digits (+0, -10_000) is told its bounds: its plain digits would be
    # refused next.
    if unplain is not None and not out_of_bounds:
        refusals.refuse_option(_read_apart(option, unplain, size, fits), option)
        return default
    if out_of_bounds:
        unbounded = ", 0 or more" if zero else " above 0"
        allowed = f" from {least} to {most}" if most else unbounded
        # As written: "not 8" named no number written for -010.
        shown = _shown(size) if unplain is None else unplain.digits
        message = f"extra.papersite.{option} must be a whole number{allowed}, not {shown}"
        read = env_read(refusals.chain, ("extra", "papersite", option))
        if read is not None and read.variable is not None:
            # As the 010 message does: "not ' 10'" or "not true" named no variable.
            number = isinstance(size, int) and not isinstance(size, bool)
            subject = _set_by_variable(option, read, size, as_written=number)
            message = f"{subject}: set it to a whole number{allowed}{_without_spaces(read)}"
        refusals.refuse_option(message, option)
        return default
    assert isinstance(size, int)  # out_of_bounds refused any other
    return size


def in_file_order(chain: list[Path], problems: Iterable[Problem]) -> PapersiteError:
    """One PapersiteError carrying ``problems`` in file order, over ``chain`` (see inherited).

    A file INHERIT names comes after the one naming it, and a file's problems go by their lines.
    sorted is stable, so two problems of one line stay in the order checked.
    """
    order = {display_path(path): index for index, path in enumerate(chain)}
    return PapersiteError.from_problems(
        sorted(problems, key=lambda problem: (order.get(problem.path, 0), problem.line or 0))
    )


def _key_written(
    chain: list[Path], nodes: Mapping[Path, yaml.MappingNode | None], key: object
) -> str:
    """The text of the extra.papersite key YAML read as ``key``: 'yes' for true, '1' for 1.

    Lines are looked up by a key's text, and str(True) is 'True'; the nearest file's key wins.
    """
    read = get_yaml_loader()("")
    for path in chain:
        node = nodes[path]
        for key_node, _ in _pairs(node) if node is not None else ():
            if isinstance(key_node, yaml.ScalarNode):
                value = read.construct_object(key_node)
                if type(value) is type(key) and value == key:
                    return str(key_node.value)
    return str(key)


def _shown(value: object) -> str:
    """A value as an option's message names it: as written in YAML, 'empty' for none at all."""
    return "empty" if value is None else as_yaml(value)


def _read_as(value: object) -> str:
    """What MkDocs reads a variable's text as, for a message: 'text', or the value (true, 1.5)."""
    return "text" if isinstance(value, str) else _shown(value)


def _set_by_variable(option: str, read: EnvRead, value: object, *, as_written: bool) -> str:
    """How a message names an option read from a variable: "... from the environment variable V".

    ``value`` is what MkDocs reads the variable's text as; unless it is ``as_written`` (the text
    shows it), what that is is said: "which MkDocs reads as true".
    """
    reads = "" if as_written else f", which MkDocs reads as {_read_as(value)}"
    return (
        f"extra.papersite.{option} is read from the environment variable {read.variable} "
        f"(!ENV), set to {read.text!r}{reads}"
    )


def _without_spaces(read: EnvRead) -> str:
    """What a fix says of a variable set with spaces around its text: ", without spaces"."""
    # ' 10' shows as 10 where the variable is set: the quotes alone show the space.
    return ", without spaces" if read.text != read.text.strip() else ""


@dataclass(frozen=True)
class _Written:
    """A whole number's digits as YAML 1.1 reads them, and the !ENV variable set to them, if any."""

    digits: str
    variable: str | None = None


def _read_apart(option: str, written: _Written, value: int, fits: Callable[[int], bool]) -> str:
    """Why a whole number written other than in plain digits (010, 1:30, 0x10) is refused.

    ``value`` is how MkDocs reads it, within the option's bounds; ``fits`` tells whether another
    number is (the hint offers none that would be refused next).
    """
    # As papersite reads papers.yaml's 'order: 010'.
    content = load_yaml_text(f"{written.digits}\n", "option").data
    subject, fix = f"extra.papersite.{option} is written {written.digits}", "write it"
    reader = "mkdocs.yml"
    if written.variable is not None:
        # MkDocs reads the variable's text as it reads the file's: 010 is 8 there too.
        subject = (
            f"extra.papersite.{option} is read from the environment variable {written.variable} "
            f"(!ENV), set to {written.digits!r}"
        )
        fix, reader = "set it", "MkDocs"
    if content == value:
        return f"{subject}: {fix} in plain digits, {value}"
    if isinstance(content, int) and not isinstance(content, bool):
        # 0144 is 100 to YAML 1.1 and 144 to 1.2: related_papers may be 100, not 144.
        other = f"as {content}"
        meant = f"{value} or {content}" if fits(content) else str(value)
    else:
        other, meant = "as text", str(value)
    # No content file holds a variable's text: how YAML 1.2 would read it means nothing there.
    contents = "" if written.variable else f" and papersite's content files (YAML 1.2) {other}"
    return (
        f"{subject}, which {reader} (YAML 1.1) reads as {value}{contents}: {fix} in plain "
        f"digits, {meant}"
    )


def _written_forms(node: yaml.MappingNode | None) -> dict[str, _Written | None]:
    """The options an extra.papersite map writes, as written when YAML 1.1 reads a number.

    Those a merge key (<<) brings in count, as MkDocs reads them. An !ENV whose variables are
    all unset is its default, as written; one read from the environment is the variable's text,
    with its name. Any other (text) is None: it has no digits to check.
    """
    if node is None:
        return {}
    return {key.value: _number_written(value) for key, value in _pairs(node)}


def _number_written(node: yaml.Node) -> _Written | None:
    """The digits of a whole number YAML 1.1 reads from ``node``, as written; None for any other."""
    # MkDocs' !ENV [VAR, ..., default] reads the default as YAML 1.1 does: 010 is 8 there too.
    read = _env_of(node)
    if read is not None and read.variable is not None:
        # And the variable's text, with the file's resolvers (pyyaml-env-tag).
        tag = get_yaml_loader()("").resolve(yaml.ScalarNode, read.text, (True, False))
        return _Written(read.text, read.variable) if tag == _INT_TAG else None
    node = _env_default(node)
    if isinstance(node, yaml.ScalarNode) and node.tag == _INT_TAG:
        return _Written(node.value)
    return None


@dataclass(frozen=True)
class EnvRead:
    """A value written as MkDocs' !ENV, and what MkDocs reads for it.

    ``!ENV VAR`` or ``!ENV [VAR, OTHER, default]``: MkDocs reads the first of the variables set
    in the environment, empty or not, and no later one nor the default; with all unset, the
    default (the last item of a list of two or more; of one name there is none, and it reads
    nothing). A message about such a value names the variable, or the !ENV whose default it is:
    the curator finds the value there, not at the line written.
    """

    variables: tuple[str, ...]
    # The one MkDocs reads, and its text; None and "" when all are unset.
    variable: str | None
    text: str
    default: yaml.Node | None

    @property
    def default_text(self) -> str | None:
        """The default as written when it is one value; None for none, a list or a map."""
        return self.default.value if isinstance(self.default, yaml.ScalarNode) else None


def env_read(chain: list[Path], keys: tuple[str, ...]) -> EnvRead | None:
    """How MkDocs reads ``keys`` (a path of mapping keys) when an !ENV writes it, or None.

    The first file of ``chain`` (``config_file`` and the files its INHERIT leads to, see
    :func:`inherited`) writing ``keys`` is the one looked at, as :func:`written_at` finds its
    line: MkDocs merges a file over the one it inherits from.
    """
    for path in chain:
        pairs = _key_pairs(path, keys)
        if len(pairs) == len(keys):
            return _env_of(pairs[-1][1])
    return None


def _env_of(node: yaml.Node) -> EnvRead | None:
    """The !ENV ``node`` writes, as MkDocs reads it now; None for any other node."""
    if node.tag != "!ENV":
        return None
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    variables, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    # MkDocs refuses a file whose !ENV names a variable by a list or a map, and says where.
    if not all(isinstance(each, yaml.ScalarNode) for each in variables):
        return None
    names = tuple(str(each.value) for each in variables)
    variable = next((name for name in names if name in os.environ), None)
    text = "" if variable is None else os.environ[variable]
    return EnvRead(names, variable, text, default)


def _env_default(node: yaml.Node) -> yaml.Node:
    """The default MkDocs reads for an !ENV whose variables are all unset; any other node as is."""
    read = _env_of(node)
    if read is None or read.variable is not None or read.default is None:
        return node
    return read.default


def _pairs(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """The map's keys and values as MkDocs' loader reads them, those of a merge key (<<) in place.

    Of a key written twice the last wins. Which of two merged maps setting a key PyYAML keeps
    follows the key strings' identity (its dedupe is by id), not their order, so no rule written
    here could match it: PyYAML's own merge decides, on a copy of the nodes, as it rewrites them.
    """
    # deepcopy keeps aliases shared and the key strings themselves (str is not copied): the
    # merge sees the very graph MkDocs' loader sees.
    flat = copy.deepcopy(node)
    try:
        get_yaml_loader()("").flatten_mapping(flat)
    except yaml.YAMLError:
        # A merge of no map: MkDocs refuses the file and says where; the map's own keys are
        # all there is to name.
        return [(key, value) for key, value in node.value if key.tag != _MERGE_TAG]
    return list(flat.value)


def _papersite_node(config_file: Path) -> yaml.MappingNode | None:
    """The file's extra.papersite map, the last of a key written twice as YAML reads it."""
    node = _compose(config_file)
    for key in ("extra", "papersite"):
        # 'papersite: !ENV [VAR, {recent_papers: 010}]', VAR unset, is the map it ends with.
        node = None if node is None else _env_default(node)
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in reversed(_pairs(node)) if k.value == key), None)
    node = None if node is None else _env_default(node)
    return node if isinstance(node, yaml.MappingNode) else None


def _compose(config_file: Path) -> yaml.Node | None:
    """The file's node graph, or None when it cannot be read."""
    try:
        # Composed as MkDocs' loader composes (no constructor runs: its tags need none), so the
        # nodes, and the key strings merges tell apart by identity, are the ones MkDocs reads.
        text = yaml_bytes(config_file, display_path(config_file)).decode("utf-8")
        return yaml.compose(text, Loader=get_yaml_loader())
    except (OSError, UnicodeDecodeError, yaml.YAMLError, PapersiteError):
        return None


def set_twice(chain: list[Path]) -> list[Problem]:
    """Every key written twice in one map of a file of ``chain`` (see inherited), in file order.

    Told with the settings' other problems, which are checked with the value MkDocs keeps, the
    last: refused alone as the chain was read, it hid every other mistake until mended.
    """
    return [problem for path in chain for _, problem in _set_twice(path)]


def _set_twice(path: Path) -> list[tuple[str, Problem]]:
    """Every key written twice in one map of the file: its keys, dotted, and the problem.

    The problem is at the second line, naming the first. Read as YAML, the last of two wins
    without a word: a second ``site_name:`` at the end of mkdocs.yml quietly replaced the
    first, where papersite's own files refuse it. Keys a merge key (<<) brings may be set again
    beside it, and ``<<`` may be written more than once.
    """
    node = _compose(path)
    problems = []
    # Each map once, however many aliases name it; its place is the keys leading to it (a list's
    # items are not counted: the line says which).
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [] if node is None else [(node, ())]
    while stack:
        node, keys = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, keys) for item in reversed(node.value))
        if not isinstance(node, yaml.MappingNode):
            continue
        lines: dict[tuple[str, str], int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                stack.append((value_node, keys))
                continue
            line = key_node.start_mark.line + 1
            written = (key_node.tag, key_node.value)
            dotted = ".".join((*keys, key_node.value))
            if written in lines:
                problems.append(
                    (
                        dotted,
                        Problem(
                            display_path(path),
                            line,
                            f"{dotted} is set twice, first on line {lines[written]}: keep one",
                        ),
                    )
                )
            else:
                lines[written] = line
            stack.append((value_node, (*keys, key_node.value)))
    return sorted(problems, key=lambda twice: twice[1].line or 0)


# MkDocs reads a file's INHERIT by calling itself, a few frames deep each time: a chain of 1,200
# files ran out of Python's stack (RecursionError), one of 200 did not. No site needs a tenth.
MAX_INHERITED = 100


def inherited(config_file: Path) -> list[Path]:
    """``config_file`` and the files its INHERIT leads to, itself first; a bad INHERIT raises.

    MkDocs follows INHERIT without a check: an unset !ENV or a number there fails with a
    TypeError, a file that leads back to itself recurses until Python stops it, and a list to
    merge fails in mergedeep. Each file is read as MkDocs reads it (its loader resolves !ENV), so
    the chain is the one MkDocs follows; INHERIT written twice in a file raises (which the writer
    meant is not known), any other key written twice is :func:`set_twice`'s. If ``config_file``
    cannot be read or parsed, the chain ends there: reading it with MkDocs says why, at its line.
    A file INHERIT names that cannot be is named, with the INHERIT naming it. Any file of the
    chain in UTF-16 or UTF-32, ``config_file`` too, raises, naming its encoding, and so does one
    that is no regular file (a pipe, a device) or over MAX_BYTES: see :func:`yaml_bytes`.
    """
    return list(inheriting(config_file))


def inheriting(config_file: Path) -> Iterator[Path]:
    """The files of :func:`inherited`, each given before it is read; a bad INHERIT raises.

    For a caller that needs the chain's names only as far as they go, whatever ends it (see
    exports.check_export_target): a file that cannot be read is still had, by its name.
    """
    chain = [config_file]
    yield config_file
    seen = {resolved(config_file)}
    # The INHERIT naming the file read, for a message about that file: a problem has one place.
    named_by = ""
    while True:
        path = chain[-1]
        written = _read_inherited_file(path, named_by)
        if written is None or "INHERIT" not in written:
            return
        value = written["INHERIT"]
        name, line = display_path(path), line_of(path, ("INHERIT",))
        # MkDocs reads an unset variable without a default, or one set empty, as nothing, and a
        # default of "" as empty: "not nothing" or "not ''" named neither the variable nor why.
        # Only spaces not from an !ENV are looked for as a file's name, as MkDocs would.
        blank = value is None or (isinstance(value, str) and not value.strip())
        from_env = (
            as_nothing_message(
                env_read([path], ("INHERIT",)), "INHERIT", "a YAML file's name", "base.yml"
            )
            if blank
            else None
        )
        if from_env is not None or not isinstance(value, str) or not value:
            raise PapersiteError(
                name,
                line,
                from_env or f"INHERIT must be the name of a YAML file, not {describe(value)}",
            )
        # As MkDocs finds it: next to the file that names it.
        parent = Path(os.path.normpath(path.parent / value))
        if resolved(parent) in seen:
            loop = " → ".join(display_path(earlier) for earlier in [*chain, parent])
            raise PapersiteError(
                name,
                line,
                f"INHERIT leads back to {display_path(parent)} ({loop}): a file cannot inherit "
                "from itself",
            )
        # A folder, or a file that cannot be read, is named itself as the loop reads it.
        if absent(parent):
            raise PapersiteError(
                name,
                line,
                f"INHERIT names {describe(display_path(parent))}: no such file"
                f"{_spaced_hint(path, value)}",
            )
        if len(chain) == MAX_INHERITED:
            raise PapersiteError(
                name,
                line,
                f"INHERIT leads through more than {MAX_INHERITED} files: MkDocs cannot follow a "
                "chain that long",
            )
        chain.append(parent)
        yield parent
        seen.add(resolved(parent))
        named_by = f" (named by INHERIT at {name}{'' if line is None else f':{line}'})"


def _depth_bounded_loader(path: Path, raw: bytes, named_by: str) -> Any:
    """MkDocs' YAML loader for ``raw``, the file at ``path``, refusing it nested too deep.

    PyYAML's composer recurses once per level: a mkdocs.yml some 3,000 '[' deep ended in a
    RecursionError traceback. Refused at its line, as papersite's own YAML files are (see
    yamlfile.MAX_DEPTH), while :func:`inherited` reads the chain, before any other reader of the
    files (MkDocs' own among them) composes them. ``named_by`` ends the message (see
    :func:`_read_inherited_file`).
    """

    class DepthBounded(get_yaml_loader()):  # type: ignore[misc]
        depth = 0

        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            self.depth += 1
            try:
                # The document's root is the first level, as yamlfile's loader counts.
                if self.depth > MAX_DEPTH + 1:
                    line = self.peek_event().start_mark.line + 1
                    shown = editor_lines(raw.decode("utf-8", errors="replace"))
                    raise PapersiteError(display_path(path), shown(line), f"{TOO_DEEP}{named_by}")
                node: yaml.Node | None = super().compose_node(parent, index)
                return node
            finally:
                self.depth -= 1

    return DepthBounded


def _read_inherited_file(path: Path, named_by: str) -> dict[Any, Any] | None:
    """The settings a file of an INHERIT chain writes, as MkDocs reads them; None ends the chain.

    ``named_by`` is " (named by INHERIT at file:line)" for a file an INHERIT names, which a
    problem with it ends with, and "" for the first file: that one unreadable or unparsable ends
    the chain (reading it with MkDocs says why, at its line), but not a pipe or a device, which
    MkDocs would wait on or read for ever. An empty file ends the chain too.
    """
    try:
        raw = yaml_bytes(path, display_path(path), named_by=named_by)
        # Refused as papersite's own YAML files are, even where PyYAML reads them (UTF-16
        # with a byte-order mark): git shows such a file as binary, so a pull request's diff
        # cannot be reviewed. MkDocs named the others by an "unacceptable character #x0000".
        wide = wide_encoding(raw[:WIDE_SNIFF_BYTES])
        if wide is not None:
            raise PapersiteError(
                display_path(path), None, f"{wide}: save the file as UTF-8{named_by}"
            )
        # yaml.load, not MkDocs' yaml_load: that one follows INHERIT itself, unchecked.
        written = yaml.load(raw, Loader=_depth_bounded_loader(path, raw, named_by))
    except (OSError, yaml.YAMLError) as error:
        if not named_by:
            return None
        # MkDocs named mkdocs.yml, and the file it read only by a position in its bytes.
        where, why = unreadable(path, error)
        raise PapersiteError(display_path(path), where, f"{why}{named_by}") from None
    # MkDocs ends a line there, which no editor shows: a comment's words after one were read as
    # a setting ('# was 0 once:<U+2028>recent_papers: 0'). No warning reaches the commands that
    # read mkdocs.yml, so it is refused.
    unseen = unseen_breaks(raw.decode("utf-8-sig", errors="replace"))
    if unseen:
        raise PapersiteError.from_problems(
            Problem(
                display_path(path),
                line,
                f"{name}, which MkDocs reads as the end of the line though an editor shows none: "
                f"what follows it on the line is read as a line of its own (a comment's words as "
                f"a setting); remove it{named_by}",
            )
            for line, name in unseen
        )
    # MkDocs follows the last, and the files a chain not meant leads to would be checked: told
    # alone. Any other key written twice is told with the settings' other problems (set_twice).
    twice = [problem for keys, problem in _set_twice(path) if keys == "INHERIT"]
    if twice:
        raise PapersiteError.from_problems(twice)
    if written is None:  # an empty file: MkDocs reads no settings
        return None
    if not isinstance(written, dict):
        # MkDocs would merge it into the settings over it, and fail there with a TypeError.
        node = _compose(path)
        raise PapersiteError(
            display_path(path),
            node.start_mark.line + 1 if node is not None else 1,
            f"expected settings (key: value) at the top level, not {describe(written)}",
        )
    return written


def _spaced_hint(path: Path, value: str) -> str:
    """For an INHERIT of a file's name with spaces around it: " (with a trailing space; ...)".

    A variable set to 'base.yml ' reads so, and the name quoted shows the space, yet is easily
    read past; empty when the name without its spaces is no file either.
    """
    bare = value.strip()
    meant = Path(os.path.normpath(path.parent / bare)) if bare else None
    if bare == value or meant is None or not meant.exists():
        return ""
    if value.startswith(bare):
        where = "a trailing space"
    else:
        where = "a leading space" if value.endswith(bare) else "spaces around it"
    return f" (with {where}; {display_path(meant)} exists)"


def unreadable(path: Path, error: OSError | yaml.YAMLError) -> tuple[int | None, str]:
    """The line of the file that reading raised ``error``, and why, as papersite words it.

    A file that cannot be opened is said as a curation file is (errors.cannot_read): a link
    leading nowhere is named as one, not as a file missing.
    """
    if isinstance(error, OSError):
        return None, cannot_read(path, error)
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        why = error.problem or error.context or "invalid YAML"
        # PyYAML names the line after the last for a value or a ']' missing at the end, and the
        # line after a U+2028 as if an editor showed one there.
        # A file that cannot be had whole (a device) leaves the line as PyYAML names it.
        with contextlib.suppress(OSError, UnicodeDecodeError, PapersiteError):
            # Not read_text: it would make each lone CR a LF, a line break to an editor too.
            text = yaml_bytes(path, display_path(path)).decode("utf-8")
            shown = editor_lines(text)
            # PyYAML counts a line at a lone CR and at U+2028 or U+0085; an editor does not.
            if line is not None:
                line = shown(line)
            if tagged := unknown_tag(text, error, [*_mkdocs_tags(), _RELATIVE], [_RELATIVE]):
                # Not a syntax error: said as papers.yaml says it, naming the key and the fix.
                return line, tagged
            if cause := unseen_break_at(text, error):
                line, why = cause
            elif alias := undefined_alias(text, error, shown, text_hint=False):
                # Naming the anchor meant, or none: in settings an alias is meant as one, not
                # text to quote as in a note.
                why = alias
            elif said := read_again(text, error):
                # Worded and placed as in papersite's own files: an unclosed '[' at its line.
                line, why = said
            why += unseen_break_beside(text, error)
        return line, f"YAML syntax error: {why}"
    if not isinstance(error, yaml.reader.ReaderError):
        return None, str(error).splitlines()[0]
    # Read as papersite reads a settings file: MkDocs refused '/dev/zero' at its first byte, and
    # reading it whole here to find the line ran out of memory.
    try:
        raw = yaml_bytes(path, display_path(path))
    except OSError as unread:
        return None, cannot_read(path, unread)
    except PapersiteError as refused:
        return None, refused.problems[0].message
    if error.encoding != "unicode":
        # Bytes not UTF-8 (UTF-16 and UTF-32 are refused before): the position counts bytes.
        start = raw.rfind(b"\n", 0, error.position) + 1
        return raw.count(b"\n", 0, error.position) + 1, (
            f"not {error.encoding.upper()}: byte 0x{error.character:02x} at column "
            f"{error.position - start + 1}; save the file as UTF-8"
        )
    # A control character YAML refuses: its position counts characters, not bytes, and the
    # line is named as an editor numbers it. Said as papersite's own files say it.
    text = raw.decode("utf-8", errors="replace")
    return shown_line_at(text, error.position), (
        f"YAML syntax error: character U+{error.character:04X} is not allowed"
    )


# MkDocs' tag for a path relative to the configuration or a page: its loader reads it only when
# bound to a configuration being loaded, which papersite's reading of mkdocs.yml is not.
_RELATIVE = "!relative"


def _mkdocs_tags() -> list[str]:
    """The local tags papersite's reading of mkdocs.yml takes ('!ENV'), for a typo of one."""
    tags = get_yaml_loader().yaml_constructors
    return sorted(tag for tag in tags if tag and tag.startswith("!"))


def as_nothing_message(read: EnvRead | None, key: str, wanted: str, example: str) -> str | None:
    """The message saying why the top-level ``key``, written as ``read``, reads as nothing.

    ``read`` is as :func:`env_read` gives it, and the message names its variables: ``wanted`` is
    what the key takes ('a YAML file's name'), ``example`` a default to show. The message assumes
    the value read is nothing, empty text or only spaces (a default of "", a variable set to
    '  '); None when no !ENV writes ``key``.
    """
    if read is None or not read.variables:
        return None
    names, name, default = list(read.variables), read.variable, read.default
    if name is not None:
        value = read.text
        if not value:
            how = "which is set but empty"
        elif not value.strip():
            how = f"which is set to only spaces, {value!r}"
        else:
            # As a variable read as a number is told: "set to '123', which YAML reads as ...".
            how = f"set to {value!r}, which YAML reads as nothing"
        # With PS_B or a default after it, 'PS_A=' looks unset; MkDocs reads it all the same.
        after = names[names.index(name) + 1 :] + (["the default"] if default is not None else [])
        unset = f", or unset it for {listed(after)} to be read" if after else ""
        return (
            f"{key} is read from the environment variable {name} (!ENV), {how}: "
            f"set it to {wanted}{unset}"
        )
    if len(names) == 1:
        unset, fix = f"variable {names[0]} (!ENV), which is unset", "set it"
    else:
        unset, fix = f"variables {listed(names)} (!ENV), which are all unset", "set one"
    written = f"!ENV [{', '.join(names)}, {example}]"
    if default is None:
        return (
            f"{key} is read from the environment {unset}: {fix}, or write a default after it, "
            f"{written}"
        )
    # null, ~ or "" is empty; '  ' is read as it is.
    spaces = read.default_text and not read.default_text.strip()
    empty = "only spaces" if spaces else "empty"
    return (
        f"{key} is read from the environment {unset}, and its default is {empty}: {fix}, or "
        f"write {wanted} as the default, {written}"
    )


def written_at(config_file: Path, keys: tuple[str, ...]) -> tuple[str, int | None]:
    """The nearest file of ``config_file``'s INHERIT chain writing ``keys``, and its line.

    ``keys`` is a path of mapping keys; if no file writes it, ``config_file`` and no line.
    """
    return _written_at(inherited(config_file), keys)


def _written_at(chain: list[Path], keys: tuple[str, ...]) -> tuple[str, int | None]:
    """The first file of ``chain`` that writes ``keys``, and its line: the first file's if none."""
    for path in chain:
        lines = _key_lines(path, keys)
        if len(lines) == len(keys):
            return display_path(path), lines[-1]
    return display_path(chain[0]), line_of(chain[0], keys)


def entry_written_at(
    config_file: Path, keys: tuple[str, ...], index: int
) -> tuple[str, int | None]:
    """The nearest file of the chain writing the list at ``keys``, and its item ``index``'s line.

    MkDocs takes a list a file of the chain writes whole, never merged with a base's: the item is
    in the nearest file writing ``keys``. Without such an item, the line of ``keys`` there.
    """
    chain = inherited(config_file)
    for path in chain:
        pairs = _key_pairs(path, keys)
        if len(pairs) == len(keys):
            items = _env_default(pairs[-1][1])
            if isinstance(items, yaml.SequenceNode) and index < len(items.value):
                return display_path(path), items.value[index].start_mark.line + 1
            return display_path(path), pairs[-1][0].start_mark.line + 1
    return _written_at(chain, keys)


def line_of(config_file: Path, keys: tuple[str, ...]) -> int | None:
    """The line of the deepest of ``keys`` (a path of mapping keys) found in the file, 1-based."""
    lines = _key_lines(config_file, keys)
    return lines[-1] if lines else None


def _key_lines(config_file: Path, keys: tuple[str, ...]) -> list[int]:
    """The lines of ``keys`` (a path of mapping keys), 1-based, as far as the file writes them."""
    return [key.start_mark.line + 1 for key, _ in _key_pairs(config_file, keys)]


def _key_pairs(config_file: Path, keys: tuple[str, ...]) -> list[tuple[yaml.Node, yaml.Node]]:
    """The key and value nodes of ``keys`` (a path of mapping keys), as far as the file has them."""
    node = _compose(config_file)
    found = []
    for key in keys:
        # Into an !ENV's default map, as MkDocs reads it with its variables unset.
        node = None if node is None else _env_default(node)
        if not isinstance(node, yaml.MappingNode):
            break
        # The last, as YAML reads a key written twice: the one MkDocs keeps.
        pair = next(((k, v) for k, v in reversed(_pairs(node)) if k.value == key), None)
        if pair is None:
            break
        found.append(pair)
        node = pair[1]
    return found
