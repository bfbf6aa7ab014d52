"""Reading and checking papers.yaml: the curators' decisions about single papers.

Each entry under 'papers:' becomes a :class:`~papersite.curation.Decision`, its theme and section
ids checked against what themes_file.py read; mistakes of layout (keys dedented, entries outside
'papers:' or nested) and tags that would clash are told as such. Apart from themes.yaml's reader,
which it follows; what an id naming nothing was meant to be is worked out in unknown_ids.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from papersite.catalogue import Catalogue
from papersite.characters import shows_nothing, unseen_names, unshown_in
from papersite.curation import THEMES_FILE, Decision, ExtraLink, PinnedTheme, Theme, UnknownEntry
from papersite.errors import Problems, absent
from papersite.markup import shown_length, shown_text, tag_anchor
from papersite.schema import WRITE_ARXIV_NULL, SchemaProblem, load_schema, read_checked, value_at
from papersite.themes_file import (
    ThemesRead,
    check_markdown,
    invalid_id_message,
    section_whose_hint,
    theme_titled,
    title_hint,
)
from papersite.unknown_ids import UnknownIds, report_kept_unknown, unknown_id_message, unknown_paper
from papersite.wording import counted, lines_named, listed
from papersite.yamlfile import DuplicateKey, Location, YamlDocument, flow_items, unquoted_key

# The longest note a featured paper should have, as its reader sees it (markup.shown_length, not
# its Markdown, whose link addresses are not shown): its themes' pages show it in full on the
# paper's "Start here" card and again in its section. CONTRIBUTING.md asks for one line; 500
# characters, some 80 words (four lines of a card), leaves room for a sentence or two and a link,
# all a reader choosing where to begin takes in at a glance.
FEATURED_NOTE_AT_MOST = 500

# What to do with a papers.yaml past the limits of a YAML file: it is one file, and the usual
# way there is pasting a whole triage snippet of a large catalogue.
PAPERS_TOO_BIG = (
    ": papers.yaml cannot be split, so shorten it: take out comments (a triage snippet's scores),"
    " or the last paste, and paste fewer (papersite triage --snippet N)"
)


@dataclass(frozen=True)
class DecisionsRead:
    """What papers.yaml gave: the decisions read, and what its entries tell of themes.yaml."""

    # By paper id; None when the file is there but cannot be read (no file: none to read).
    decisions: dict[str, Decision] | None = field(default_factory=dict)
    # Ids of papers whose entry was skipped for a mistake inside it.
    unread: frozenset[str] = frozenset()
    # Ids of papers whose entry holds a key twice, read with its first value.
    duplicated: frozenset[str] = frozenset()
    # The entries under an id of no paper (see CurationFiles.unknown_entries).
    unknown_entries: tuple[UnknownEntry, ...] = ()
    # The themes entries name by another id (see CurationFiles.misnamed).
    misnamed: frozenset[str] = frozenset()
    # The sections entries name by another id (see CurationFiles.misnamed_sections).
    misnamed_sections: frozenset[tuple[str, str]] = frozenset()
    # The sections of themes.yaml entries name, by their theme's id and their own.
    named_sections: frozenset[tuple[str, str]] = frozenset()
    # The unknown defaults whose section's id the entries show to be the typo (see
    # UnknownIds.section_typos).
    section_typos: frozenset[tuple[str, ...]] = frozenset()


@dataclass
class _PapersMistakes:
    """What papers.yaml's schema problems and duplicate keys mean, for read_checked to say."""

    catalogue: Catalogue
    themes: ThemesRead
    # Themes an entry names by their title where an id goes (see DecisionsRead.misnamed).
    misnamed: set[str] = field(default_factory=set)
    # Worked out once for the file, not for each of its schema problems (hundreds, when the file
    # is dedented), which all ask.
    _out_of_place: tuple[YamlDocument, dict[Location, Location], list[tuple[str, int]]] | None = (
        None
    )

    def out_of_place(
        self, document: YamlDocument
    ) -> tuple[dict[Location, Location], list[tuple[str, int]]]:
        """The keys of entries at the ids' column (_dedented), and entries outside 'papers:'."""
        if self._out_of_place is None or self._out_of_place[0] is not document:
            dedented = _dedented(document, self.catalogue)
            self._out_of_place = (document, dedented, _misplaced(document, self.catalogue))
        return self._out_of_place[1], self._out_of_place[2]

    def explain(self, document: YamlDocument, problem: SchemaProblem) -> str | None:
        """What to say of a schema problem instead of the schema's message; "" for nothing."""
        dedented, misplaced = self.out_of_place(document)
        if problem.location[:2] in dedented:
            return ""  # said once, of the entry they belong to: see read_decisions
        if (
            problem.location in dedented.values()
            and value_at(document.data, problem.location) is None
        ):
            return ""  # the entry left without its keys, said with them
        if len(problem.location) == 3 and _nested_entry(document, self.catalogue, problem.location):
            key = document.key_text(*problem.location)
            return f"'{key}' is a paper id: its entry is indented two spaces, like the others"
        if len(problem.location) == 4:
            # {efficiency: Efficient attention}: the section's theme; [Sequence Models]: none.
            theme_id = problem.location[3] if isinstance(problem.location[3], str) else None
            value = value_at(document.data, problem.location)
            titled = theme_titled(value, self.themes.themes) if isinstance(value, str) else None
            if problem.id_kind == "theme" and titled is not None:
                self.misnamed.add(titled.id)
            return invalid_id_message(document, problem, self.themes.themes, theme_id)
        if not problem.location and misplaced:
            return ""  # 'papers' missing: said with the entries that belong under it
        if len(problem.location) != 1 or problem.location[0] == "papers":
            return None
        key = document.key_text(*problem.location)
        if self.catalogue.get(key) is None:
            return None
        # Said once for them all: one line lost or the file dedented misplaces every entry.
        return _misplaced_message(document, misplaced) if key == misplaced[0][0] else ""

    def side_effect(self, document: YamlDocument, duplicate: DuplicateKey) -> bool:
        """Whether a duplicate key only follows from an entry indented four spaces (unsaid)."""
        # A key of the entry after one indented four spaces, which YAML read into this entry.
        entry = duplicate.location[:-1]
        line = duplicate.problem.line or 0
        return len(entry) == 2 and any(
            _nested_entry(document, self.catalogue, (*entry, key))
            and document.line(*entry, key) < line
            for key in value_at(document.data, entry)
        )


def read_decisions(
    path: Path, catalogue: Catalogue, themes: ThemesRead, problems: Problems
) -> DecisionsRead:
    """The decisions of papers.yaml, checked, with what its entries tell of themes.yaml."""
    # papers.yaml left out is a curation of rules alone, with a warning (read_curation); a broken
    # link to it is not left out but unreadable, which load_yaml_file says (every decision would
    # be dropped).
    if absent(path):
        return DecisionsRead()
    said = _PapersMistakes(catalogue, themes)
    loaded = read_checked(
        path,
        "papers",
        problems,
        explain=said.explain,
        side_effect=said.side_effect,
        too_big=PAPERS_TOO_BIG,
    )
    if loaded is None:
        return DecisionsRead(None, misnamed=frozenset(said.misnamed))
    document, mistakes = loaded
    dedented, misplaced = said.out_of_place(document)
    for owner, keys in _dedented_by_entry(dedented).items():
        problems.error(document.path, *_dedented_message(document, owner, keys))
    if misplaced and not document.data.get("papers"):
        # No decision is where it is read: counts of the rules alone would read as the curators'.
        return DecisionsRead(None, misnamed=frozenset(said.misnamed))
    # What a misplaced entry decides is not applied: the rules alone place the paper.
    unread = {key for key, _ in misplaced}
    broken = {location[1] for location in mistakes} | {owner[1] for owner in dedented.values()}
    decisions: dict[str, Decision] = {}
    # Ids of no paper read while a dump could not be read at all: most are likely in that dump.
    unknown: list[tuple[str, int]] = []
    # Every entry under an id of no paper, with the papers its error names.
    unknown_entries: list[UnknownEntry] = []
    # Every tag of a paper on the site, with its line, in the file's order.
    tags_used: list[tuple[str, int]] = []
    unknown_ids = UnknownIds(
        document,
        problems,
        themes.themes,
        themes.lines,
        section_lines=themes.section_lines,
        defaults=themes.unknown_defaults,
        default_lines=themes.default_lines,
    )
    for paper_id, entry in (document.data.get("papers") or {}).items():
        if ("papers", paper_id) in dedented:
            continue
        key = document.key_text("papers", paper_id)
        line = document.line("papers", paper_id)
        if not isinstance(paper_id, str) and catalogue.get(key) is not None:
            # yes, 2024 or 2024-05-01 unquoted: the entry is still checked, as meant.
            problems.error(document.path, line, unquoted_key("paper id", key, paper_id))
        if catalogue.get(key) is None:
            unknown_entries.append(unknown_paper(key, line, document, catalogue, problems, unknown))
            continue
        checker = _References(document, ("papers", paper_id), themes, problems, unknown_ids)
        if paper_id in broken:
            unread.add(key)
            _check_refused_sections_themes(checker, mistakes)
            continue
        if _decides_nothing(entry):
            # A curator who wrote the entry meant something, most likely to keep the paper out of
            # the rules' themes; as it is, the rules place it without a word.
            problems.warning(
                document.path,
                line,
                f"paper '{key}': its entry decides nothing, so the rules place the paper; write "
                "'themes: []' to keep it in no theme, or remove the entry",
            )
        decisions[key] = decision = _decision(key, line, entry or {}, checker)
        if decision.hidden is None:
            tags_used.extend(
                (tag, document.line("papers", paper_id, "tags", number))
                for number, tag in enumerate(decision.tags)
            )
    unknown_ids.report()
    _check_tag_anchors(document.path, tags_used, problems)
    _check_tag_variants(document.path, tags_used, problems)
    report_kept_unknown(document.path, unknown, catalogue, problems)
    return DecisionsRead(
        decisions,
        unread=frozenset(unread),
        duplicated=_duplicated(document, catalogue, said),
        unknown_entries=tuple(unknown_entries),
        misnamed=frozenset(said.misnamed | unknown_ids.meant),
        misnamed_sections=frozenset(unknown_ids.meant_sections),
        named_sections=frozenset(unknown_ids.named_sections),
        section_typos=frozenset(unknown_ids.section_typos),
    )


def _duplicated(
    document: YamlDocument, catalogue: Catalogue, said: _PapersMistakes
) -> frozenset[str]:
    """The ids of papers whose entry holds a key written twice (or is written twice itself).

    YAML keeps the first value: which one the curator meant is not known, so what the entry
    decides is not theirs for sure either. A key only YAML's reading of an entry indented four
    spaces doubles (said.side_effect) is no such key.
    """
    return frozenset(
        key
        for duplicate in document.duplicates
        if duplicate.location[:1] == ("papers",)
        and len(duplicate.location) >= 2
        and not said.side_effect(document, duplicate)
        and catalogue.get(key := document.key_text("papers", duplicate.location[1])) is not None
    )


def _check_refused_sections_themes(checker: _References, mistakes: set[Location]) -> None:
    """The theme ids of a map of sections the schema refused, checked though the entry is not.

    In ``themes: {Arithmetic-Reasoning: Arithmetic-Numeracy}`` both ids are wrong; the entry is
    skipped for its section, and its theme would go unsaid until that is fixed. The schema names
    one refused section of a map: the theme id of every section written as text is checked.
    """
    paper_id = checker.place[-1]
    keys = {
        location[2]
        for location in mistakes
        if len(location) == 4 and location[1] == paper_id and isinstance(location[3], str)
    }
    for key in ("themes", "add"):
        placements = value_at(checker.document.data, (*checker.place, key)) if key in keys else {}
        for theme_id, section_id in placements.items():
            # A theme without a section as text ({a b}, {a: [b, c]}) is the schema's one mistake.
            if isinstance(theme_id, str) and isinstance(section_id, str):
                checker.theme(theme_id, key, theme_id)


def _dedented(document: YamlDocument, catalogue: Catalogue) -> dict[Location, Location]:
    """The keys of a paper's entry written at the papers' column, with the entry they follow.

    YAML reads each as an entry of its own, and their paper's entry as one without them.
    """
    papers = document.data.get("papers") if isinstance(document.data, dict) else None
    keys = _decision_keys()
    found: dict[Location, Location] = {}
    owner: Location | None = None
    for paper_id in papers if isinstance(papers, dict) else ():
        place = ("papers", paper_id)
        if paper_id in keys and catalogue.get(document.key_text(*place)) is None:
            if owner is not None:
                found[place] = owner
        else:
            owner = place
    return found


def _dedented_by_entry(dedented: dict[Location, Location]) -> dict[Location, list[str]]:
    """The keys :func:`_dedented` found, by the entry they belong to."""
    grouped: dict[Location, list[str]] = {}
    for place, owner in dedented.items():
        grouped.setdefault(owner, []).append(str(place[1]))
    return grouped


def _dedented_message(document: YamlDocument, owner: Location, keys: list[str]) -> tuple[int, str]:
    """Where and how to say an entry's keys are at the papers' column (see :func:`_dedented`)."""
    named = ", ".join(keys)
    if value_at(document.data, owner) is None:
        return document.line(*owner), (
            f"the keys of '{document.key_text(*owner)}' ({named}) are at the papers' column: "
            "indent them four spaces, under the id"
        )
    named = listed([f"'{key}'" for key in keys])
    return document.line("papers", keys[0]), (
        f"{named} {'is' if len(keys) == 1 else 'are'} at the papers' column, not among the keys "
        f"of '{document.key_text(*owner)}' above: indent {'it' if len(keys) == 1 else 'them'} "
        "four spaces, like them"
    )


def _nested_entry(document: YamlDocument, catalogue: Catalogue, location: Location) -> bool:
    """Whether the key at ``location``, inside a paper's entry, is a paper id.

    That is an entry indented four spaces, which YAML reads as a key of the entry above.
    """
    return (
        len(location) == 3
        and location[0] == "papers"
        and location[2] not in _decision_keys()
        and catalogue.get(document.key_text(*location)) is not None
    )


def _decides_nothing(entry: Any) -> bool:
    """Whether a paper's entry is empty, or holds only empty values ('links: {}', 'tags: []').

    'themes: []' is no such value: it keeps the paper out of every theme. 'featured: false' is
    one, as 'featured: []' is: it is the default, and rules feature no paper for it to undo.
    """
    return isinstance(entry, dict) and all(
        key != "themes" and (value in ({}, [], "") or (key == "featured" and value is False))
        for key, value in entry.items()
    )


def _decision_keys() -> set[str]:
    """The keys a paper's entry may have, as papers.yaml's schema names them."""
    schema: Any = load_schema("papers").schema
    return set(schema["$defs"]["decision"]["properties"])


def _misplaced(document: YamlDocument, catalogue: Catalogue) -> list[tuple[str, int]]:
    """The paper entries written at the top level of papers.yaml, not under 'papers:', by line.

    Each is written at the start of its line, as if it were a section of its own.
    """
    data = document.data if isinstance(document.data, dict) else {}
    return [
        (key, document.line(paper_id))
        for paper_id in data
        if paper_id != "papers" and catalogue.get(key := document.key_text(paper_id)) is not None
    ]


def _misplaced_message(document: YamlDocument, misplaced: list[tuple[str, int]]) -> str:
    """One message for every paper entry written outside 'papers:' (see :func:`_misplaced`)."""
    if len(misplaced) == 1:
        what, them = f"'{misplaced[0][0]}' is a paper id: its entry belongs", "it"
    else:
        first, last = misplaced[0][1], misplaced[-1][1]
        what = f"the {len(misplaced)} paper entries from line {first} to {last} belong"
        them = "them"
    message = f"{what} under 'papers:', indented two spaces"
    if "papers" not in document.data:
        message += f"; the file is missing 'papers:': write it on a line of its own above {them}"
    return message


def _check_tag_anchors(path: str, used: list[tuple[str, int]], problems: Problems) -> None:
    """Refuse a tag written unlike another with the same anchor ('RNN' beside 'rnn').

    The tags page would show both headings with one id, and every link to the second would land
    on the first, which does not list its papers. ``used`` holds every tag of a paper on the site
    with its line. Each rarer spelling is one error, at its first line, naming the commoner one
    (the first written, when as common): 'Survey' once beside 'survey' on 7 papers was 7 errors.
    """
    spellings: dict[str, dict[str, list[int]]] = {}
    for tag, line in used:
        spellings.setdefault(tag_anchor(tag), {}).setdefault(tag, []).append(line)
    # Each rarer spelling's message, told when its first line comes: in the file's order.
    messages: dict[str, str] = {}
    for anchor, written in spellings.items():
        # max() keeps the first of equals: the spelling written first.
        kept = max(written, key=lambda tag: len(written[tag]))
        kept_lines = written[kept]
        papers = f"on {len(kept_lines)} papers, " if len(kept_lines) > 1 else ""
        for tag, (_, *others) in written.items():
            if tag == kept:
                continue
            here = f" (here and on {lines_named(others)})" if others else ""
            # The anchor leaves out what does not show, so a joiner or a direction mark makes a
            # tag that reads as the other: said, or the two would seem one spelling.
            unshown = [
                f"'{name}' holds characters that do not show, {unseen_names(chars)}"
                for name in (tag, kept)
                if (chars := unshown_in(name))
            ]
            alike = f", and look alike: {'; '.join(unshown)};" if unshown else ":"
            # Punctuation counts for nothing in the anchor: 'C++' and 'C#' collide as well.
            messages[tag] = (
                f"tag '{tag}'{here} and tag '{kept}' ({papers}{lines_named(kept_lines)}) would "
                f"share one place on the tags page (#{anchor}){alike} write one tag one way, and "
                "tell tags apart by a letter or digit"
            )
    for tag, line in used:
        if tag in messages:
            problems.error(path, line, messages.pop(tag))


def _check_tag_variants(path: str, used: list[tuple[str, int]], problems: Problems) -> None:
    """Warn of a tag that looks like another tag in use but for case, '-', '_', spaces or a plural.

    'Benchmarks' beside 'benchmark', or 'multimodal' beside 'Multi-Modal', is likely one tag split
    in two on the tags page. The rarer form is named, at each of its lines, with the commoner one
    to write (the first written, when as common). Tags written differently with one anchor are the
    error of :func:`_check_tag_anchors`, and count here as one form.
    """
    written = {_tag_folded(tag) for tag, _ in used}
    forms: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for tag, line in used:
        stem = _tag_stem(tag, written)
        forms.setdefault(stem, {}).setdefault(tag_anchor(tag), []).append((tag, line))
    for variants in forms.values():
        # max() keeps the first of equals: the form written first.
        common = max(variants.values(), key=len)
        for places in variants.values():
            if places is common:
                continue
            (tag, first), *others = places
            here = f" (here and on {lines_named([line for _, line in others])})" if others else ""
            write = common[0][0]
            # Its papers alone: a spelling sharing its anchor ('deep-learning' beside 'deep
            # learning') is another tag, the error of _check_tag_anchors.
            papers = sum(1 for other, _ in common if other == write)
            # Said as a likeness: 'GPs' and 'GP' may be meant apart.
            problems.warning(
                path,
                first,
                f"tag '{tag}'{here} looks like '{write}' on {counted(papers, 'paper')}: "
                f"the tags page lists them as two tags; if they are one, write '{write}'",
            )


def _tag_folded(tag: str) -> str:
    """A tag folded, without the hyphens, underscores and spaces that tell no tags apart."""
    return re.sub(r"[\s_-]+", "", tag).casefold()


def _tag_stem(tag: str, written: set[str]) -> str:
    """A tag as :func:`_check_tag_variants` compares it: folded (:func:`_tag_folded`), singular.

    ``written`` holds every tag in use, folded: a plural in '-es' is told from one in '-s' by the
    singular written ('processes' of 'process', 'caches' of 'cache').
    """
    stem = _tag_folded(tag)
    # A plural 's' is written lower-case after a letter: 'TTS' is no plural of 'TT', nor 'loss'
    # and 'class' plurals, nor '1990s' of '1990'.
    if len(stem) <= 2 or not tag.endswith("s") or not tag[-2:-1].isalpha():
        return stem
    if re.search(r"(?:[sxz]|ch|sh)es$", stem) and stem[:-2] in written:
        return stem[:-2]
    return stem if stem[-2] == "s" else stem[:-1]


@dataclass
class _References:
    """Checks the theme and section ids one decision names, against the themes read."""

    document: YamlDocument
    place: tuple[str | int, ...]
    themes: ThemesRead
    problems: Problems
    # Where unknown ids go, to be said together with the other entries naming them.
    unknown: UnknownIds
    # False once a reference is wrong (and reported) or cannot be checked: see Decision.sound.
    sound: bool = True

    def report(self, message: str, *location: str | int) -> None:
        """An error at a key of the decision; what the decision leads to is then not checked."""
        self.problems.error(self.document.path, self.document.line(*self.place, *location), message)
        self.sound = False

    def report_unknown(
        self,
        named: tuple[str, ...],
        message: str,
        *location: str | int,
        write: str | None = None,
        renamed: Theme | None = None,
        guessed: bool = False,
    ) -> None:
        """Like :meth:`report`, for an unknown id other entries may name too (UnknownIds).

        ``write`` is the id to write instead, when that is known; ``renamed`` the theme the
        unknown theme id may have become; ``guessed``, that what it meant is left to guess.
        """
        line = self.document.line(*self.place, *location)
        self.unknown.add(named, message, self.place[-1], line, write, renamed, guessed)
        self.sound = False

    def cannot_check(self, theme_id: str) -> bool:
        """Whether themes.yaml says too little of the theme to check what the decision says of it.

        The decision is then not sound either: where the paper ends up is not checked.
        """
        unchecked = self.themes.unchecked
        if unchecked is None or theme_id in unchecked:
            self.sound = False
            return True
        return False

    def theme(self, theme_id: str, *location: str | int) -> bool:
        if self.cannot_check(theme_id):
            return True
        if any(t.id == theme_id for t in self.themes.themes):
            self.unknown.named_themes.add(theme_id)
            return True
        if theme_id in self.themes.former:
            now, line = self.themes.former[theme_id]
            message = f"unknown theme '{theme_id}': it is now '{now}' ({THEMES_FILE} line {line})"
            self.report_unknown((theme_id,), message, *location, write=now)
            self.unknown.meant.add(now)
            return False
        titled = theme_titled(theme_id, self.themes.themes)
        if titled is not None:
            self.unknown.meant.add(titled.id)
        message = unknown_id_message((theme_id,))
        title = title_hint(theme_id, "theme", self.themes.themes, None)
        # Else a "did you mean" is a guess, made once every entry is read (UnknownIds.report).
        self.report_unknown(
            (theme_id,),
            f"{message} {title}" if title else message,
            *location,
            renamed=titled,
            guessed=title is None,
        )
        return False

    def section(self, theme_id: str, section_id: str, *location: str | int) -> bool:
        theme = next((t for t in self.themes.themes if t.id == theme_id), None)
        if self.cannot_check(theme_id) or theme is None:
            return True
        if theme.section(section_id):
            self.unknown.named_sections.add((theme_id, section_id))
            return True
        message = unknown_id_message((theme_id, section_id))
        whose = section_whose_hint(section_id, theme, self.themes.themes)
        # Else a "did you mean" is a guess, made once every entry is read (UnknownIds.report).
        self.report_unknown(
            (theme_id, section_id),
            f"{message} {whose}" if whose else message,
            *location,
            guessed=whose is None,
        )
        return False

    def placements(self, value: Any, key: str) -> tuple[PinnedTheme, ...]:
        """The list or map form of 'themes' and 'add', keeping only ids that exist."""
        if isinstance(value, list):
            return tuple(
                PinnedTheme(theme_id)
                for number, theme_id in enumerate(value)
                if self.theme(theme_id, key, number)
            )
        return tuple(
            PinnedTheme(theme_id, section)
            for theme_id, section in value.items()
            if self.theme(theme_id, key, theme_id)
            and self.section(theme_id, section, key, theme_id)
        )


def _decision(paper_id: str, line: int, entry: dict[str, Any], check: _References) -> Decision:
    if "themes" in entry and ("add" in entry or "remove" in entry):
        check.report(
            "'themes' already sets every theme of the paper; "
            "use 'add' and 'remove' only without it",
            "add" if "add" in entry else "remove",
        )
    featured = entry.get("featured", False)
    if isinstance(featured, list):
        featured = tuple(
            theme_id
            for number, theme_id in enumerate(featured)
            if check.theme(theme_id, "featured", number)
        )
    # A note shows on the paper's page and on its themes' pages.
    where = (*check.place, "note")
    note = entry.get("note")
    if isinstance(note, str) and note.strip() and shows_nothing(visible := shown_text(note)):
        # The schema refuses only spaces: a zero-width space, written or as '&#8203;', made the
        # pages an empty "Curator's note", and a featured paper passed for one with a note.
        names = unseen_names(visible)
        check.report(
            f"'note' shows nothing{f', only {names}' if names else ''}: write the text", "note"
        )
    check_markdown(check.document, where, note, check.problems, pages=2)
    shown = shown_length(note) if featured and isinstance(note, str) else 0
    if shown > FEATURED_NOTE_AT_MOST:
        check.problems.warning(
            check.document.path,
            check.document.line(*where),
            f"'note' shows {shown:,} characters, more than a featured paper's card takes in: "
            f"its themes' pages show it in full, on the card and in its section; keep it to "
            f"{FEATURED_NOTE_AT_MOST}, a sentence or two on why to read it first",
        )
    themes = check.placements(entry["themes"], "themes") if "themes" in entry else None
    add = check.placements(entry.get("add", []), "add")
    remove = tuple(
        theme_id
        for number, theme_id in enumerate(entry.get("remove", []))
        if check.theme(theme_id, "remove", number)
    )
    added = {pin.theme for pin in add}
    for number, theme_id in enumerate(entry.get("remove", [])):
        if theme_id in added:
            # Which one was meant cannot be told: 'add' would win without a word.
            check.report(
                f"'{theme_id}' is both in 'add' and in 'remove': keep it in the one you mean",
                "remove",
                number,
            )
    no_arxiv_id = "arxiv" in entry and entry["arxiv"] is None
    if no_arxiv_id and (*check.place, "arxiv") not in check.document.written_values:
        # 'arxiv:' with nothing after it reads as null too, but may be an id not written yet:
        # an abstract's link is only dropped when a curator says so ('null', '~' or '!!null').
        no_arxiv_id = False
        check.problems.error(
            check.document.path,
            check.document.line(*check.place, "arxiv"),
            f"'arxiv' is empty: {WRITE_ARXIV_NULL}, or its id, quoted: '2510.21450'",
        )
    bare, alias_of = _bare_entry(check, entry, line)
    # Only an entry not setting 'themes' waits in triage: the others' are never written. Its
    # style is the one read, not guessed from its keys' lines: 'id: {' with its first key on the
    # line below passed for a block entry, and its snippet put over the id's line dropped the '{'.
    flow = None
    flow_kept = False
    if themes is None and check.place in check.document.flow_ends:
        flow_kept = check.place in check.document.flow_extras
        if not flow_kept:
            flow = flow_items(
                {key: value for key, value in entry.items() if key not in ("add", "remove")}
            )
    return Decision(
        paper_id=paper_id,
        line=line,
        bare=bare,
        alias_of=alias_of,
        themes=themes,
        add=add,
        remove=remove,
        note=entry["note"].strip() if "note" in entry else None,
        featured=featured,
        featured_line=check.document.line(*check.place, "featured"),
        order=entry.get("order"),
        hidden=entry.get("hidden"),
        arxiv_id=entry.get("arxiv"),
        no_arxiv_id=no_arxiv_id,
        arxiv_line=check.document.line(*check.place, "arxiv"),
        links=tuple(ExtraLink(label, url) for label, url in entry.get("links", {}).items()),
        tags=tuple(entry.get("tags", [])),
        flow=flow,
        flow_end=check.document.flow_ends.get(check.place) if flow is not None else None,
        flow_kept=flow_kept,
        sound=check.sound,
    )


def _bare_entry(
    check: _References, entry: dict[str, Any], line: int
) -> tuple[str | None, int | None]:
    """Decision.bare and alias_of for an entry: set for one written '{}' or as an alias."""
    document = check.document
    # Not one holding an anchor ('&shared {}'): replaced, an alias of it would name none.
    empty = not entry and document.flow_ends.get(check.place) == line
    if empty and check.place not in document.flow_extras:
        return "", None
    # An alias's keys are all on the lines of the map it shares, above it (an anchor comes
    # first); an aliased '{}' has none, only its braces, on the anchor's line.
    lines = [document.line(*check.place, key) for key in entry]
    lines = lines or [document.flow_ends.get(check.place, line)]
    if max(lines) >= line:
        return None, None
    bare = flow_items({key: value for key, value in entry.items() if key not in ("add", "remove")})
    # The entry the shared map is in: the last one starting on or above the map's first line.
    parent = check.place[:-1]
    anchored = max(
        (
            number
            for place, number in document.lines.items()
            if len(place) == len(check.place) and place[:-1] == parent and number <= min(lines)
        ),
        default=min(lines),
    )
    return bare, anchored
