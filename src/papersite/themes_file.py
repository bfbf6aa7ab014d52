"""Reading and checking themes.yaml: the themes, their sections, and the rules that sort papers.

:func:`read_themes` gives a :class:`ThemesRead`, an entry with a mistake costing only what the
mistake is in; ids, the intros' Markdown and each term of the rules are checked here. Apart, as
themes.yaml is read first and alone: papers_file.py checks its entries against what this gives,
and the checks that need the papers sorted are in curation_checks.py.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from papersite import urls
from papersite.catalogue import slugify
from papersite.curation import THEMES_FILE, IntroLink, LiteralKeyword, RuleTerm, Section, Theme
from papersite.errors import Problems, absent, display_path
from papersite.markup import (
    located_note_problems,
    note_problems,
    relative_links,
    unlisted_lines,
    unlisted_problem,
)
from papersite.rules import (
    DEFAULT_TITLE_WEIGHT,
    RegexBudget,
    SectionRule,
    Term,
    ThemeRules,
    keyword_folded,
    keyword_pattern,
    keyword_start,
    keyword_within,
    regex_syntax,
)
from papersite.schema import SchemaProblem, foreign_letters, not_an_id, read_checked
from papersite.wording import (
    closest,
    describe,
    did_you_mean,
    listed,
    listing,
    missing_naming_stray,
    nearest,
    shortened,
)
from papersite.yamlfile import Location, YamlDocument

# A theme's id names files and addresses beside the whole site's own (papersite.urls): its page,
# its feed and its citations. These ids would take the place of one of the site's, without a word
# from MkDocs.
RESERVED_THEME_IDS = {
    urls.EVERY_PAPER: f"{urls.NEWEST_FEED} is the feed of every paper",
    "index": f"{urls.THEMES}index.md would be the themes folder's own page, at {urls.THEMES}",
    urls.SITEMAP: f"{urls.FEEDS_SITEMAP} is the empty sitemap Material for MkDocs looks for "
    "next to the feeds",
}


# --- ids written as titles ----------------------------------------------------------------------


def title_hint(value: str, kind: str, themes: Sequence[Theme], theme_id: str | None) -> str | None:
    """For a title written where an id goes: '(that is the title of section 'x': write its id)'.

    ``kind`` is what the place takes, "theme" or "section"; ``theme_id`` is the theme a section id
    is looked up in. Titles match ignoring case and the spaces around them; None when none does.
    """
    wanted = value.strip().casefold()
    own = [theme for theme in themes if theme.id == theme_id]
    others = [theme for theme in themes if theme.id != theme_id]
    for theme in own + others if kind == "section" else ():
        for section in theme.sections:
            if section.title.strip().casefold() == wanted:
                where = "" if theme.id == theme_id else f" of theme '{theme.id}'"
                return f"(that is the title of section '{section.id}'{where}: write its id)"
    titled = theme_titled(value, themes)
    if titled is not None:
        fix = "write its id" if kind == "theme" else "write a section id"
        return f"(that is the title of theme '{titled.id}': {fix})"
    for theme in themes if kind == "theme" else ():
        if any(section.title.strip().casefold() == wanted for section in theme.sections):
            return f"(that is the title of a section of theme '{theme.id}': write a theme id)"
    return None


def theme_titled(value: str, themes: Sequence[Theme]) -> Theme | None:
    """The theme whose title ``value`` is, ignoring case and the spaces around them."""
    wanted = value.strip().casefold()
    return next((theme for theme in themes if theme.title.strip().casefold() == wanted), None)


def section_whose_hint(section_id: str, theme: Theme, themes: Sequence[Theme]) -> str | None:
    """Whose a section id the theme does not have is: a section's title, another theme's id."""
    title = title_hint(section_id, "section", themes, theme.id)
    if title is not None:
        return title
    owners = [t.id for t in themes if t.id != theme.id and t.section(section_id) is not None]
    if owners:
        named = listed([f"'{owner}'" for owner in owners])
        return f"(a section of theme{'s' if len(owners) > 1 else ''} {named})"
    return None


def invalid_id_message(
    document: YamlDocument, problem: SchemaProblem, themes: Sequence[Theme], theme_id: str | None
) -> str | None:
    """For an id the schema refused: the id of the theme or section whose title it is, or near.

    An id is near one it looks like, with letters outside ASCII in its place ('fast-deсoding',
    its 'с' Cyrillic: :func:`~papersite.wording.looks_like`), or is but for case or a typo
    ('Recurrent-Networks': :func:`~papersite.wording.nearest`). Else a section id of a known
    theme is shown one of that theme's own sections for an example: the schema's, of another
    theme, would send the curator looking in the wrong list.
    """
    kind = problem.id_kind
    if kind is None:
        return None
    value: Any = document.data
    for step in problem.location:
        value = value[step]
    if not isinstance(value, str):
        return None
    hint = title_hint(value, kind, themes, theme_id)
    if kind == "theme":
        known = [theme.id for theme in themes]
    else:
        theme = next((theme for theme in themes if theme.id == theme_id), None)
        # One refused (refused_section_id) is no id to suggest, nor an example of one.
        known = [
            section.id
            for section in (theme.sections if theme else ())
            if not refused_section_id(section.id)
        ]
    near = nearest(value, known)
    if hint is None and near is not None:
        hint = did_you_mean(value, near)
    if hint:
        return f"{describe(value)} is not a valid id {hint}"
    if kind == "section" and known and not foreign_letters(value):
        return not_an_id(value, known[0])
    return None  # the schema's message says it


# --- themes.yaml -------------------------------------------------------------------------------


def _explain_themes(document: YamlDocument, problem: SchemaProblem) -> str | None:
    """A default section written as a title names the section's id.

    The themes are read here from the document as written, for the ones not read yet.
    """
    if problem.location[2:] != ("rules", "default_section"):
        return None
    themes: list[Theme] = []
    for entry in document.data.get("themes") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        sections = tuple(
            Section(item["id"], item["title"])
            for item in entry.get("sections") or []
            if isinstance(item, dict)
            and isinstance(item.get("id"), str)
            and isinstance(item.get("title"), str)
        )
        themes.append(Theme(entry["id"], str(entry.get("title", "")), "", sections))
    own = document.data["themes"][problem.location[1]].get("id")
    return invalid_id_message(document, problem, themes, own if isinstance(own, str) else None)


@dataclass(frozen=True)
class ThemesRead:
    """What themes.yaml gave: the themes read, and what is known of the entries that were not."""

    themes: tuple[Theme, ...] = ()
    rules: tuple[ThemeRules, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)
    # The line of each section's id, by its theme's id and its own.
    section_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    # The ids of entries not read (a mistake inside one, a second entry with an id): papers.yaml
    # may name them, but nothing it says of them can be checked. None when some entry's id, or
    # the whole file, could not be read: then no theme id papers.yaml names can be judged.
    unchecked: frozenset[str] | None = None
    # Themes read whose 'rules' could not be: the theme and its sections are known, without rules.
    without_rules: frozenset[str] = frozenset()
    intro_links: tuple[IntroLink, ...] = ()
    # By former id ('formerly'): the theme it became, and the line of that theme's id.
    former: dict[str, tuple[str, int]] = field(default_factory=dict)
    literal_keywords: tuple[LiteralKeyword, ...] = ()
    # The terms and exclusions of the rules kept, with their lines (see CurationFiles.rule_terms).
    rule_terms: tuple[RuleTerm, ...] = ()
    # A default_section a few edits from a section id, by its theme's id and the id it names,
    # with its line: which of the two is the typo is told once papers.yaml is read.
    unknown_defaults: dict[tuple[str, ...], int] = field(default_factory=dict)
    # The line of each default_section written that names a section, by its theme's id and the
    # section's: an error saying to correct that section's id says to correct the default too.
    default_lines: dict[tuple[str, str], int] = field(default_factory=dict)


def read_themes(path: Path, problems: Problems, stray: str | None = None) -> ThemesRead:
    """The themes and their rules; an entry with a mistake costs only what the mistake is in.

    ``stray`` is a file beside it most likely meant to be it ("themes.yml"), named when it is
    missing.
    """
    if absent(path):
        needed = f"missing: a curation folder needs {THEMES_FILE}"
        problems.error(display_path(path), None, missing_naming_stray(stray, needed))
        return ThemesRead()
    loaded = read_checked(path, "themes", problems, explain=_explain_themes)
    if loaded is None:
        return ThemesRead()
    document, broken = loaded
    reader = _ThemesReader(document, problems)
    for index, entry in enumerate(document.data["themes"]):
        # The places of the entry's mistakes, from inside the entry: ("rules", "threshold").
        mistakes = {location[2:] for location in broken if location[1] == index}
        reader.read_entry(index, entry, mistakes)
    return reader.result()


@dataclass
class _ThemesReader:
    """What :func:`read_themes` gathers entry by entry, in the file's order (see ThemesRead)."""

    document: YamlDocument
    problems: Problems
    themes: list[Theme] = field(default_factory=list)
    rules: list[ThemeRules] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    section_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    unchecked: set[str] | None = field(default_factory=set)
    without_rules: set[str] = field(default_factory=set)
    intro_links: list[IntroLink] = field(default_factory=list)
    former: dict[str, tuple[str, int]] = field(default_factory=dict)
    literal: list[LiteralKeyword] = field(default_factory=list)
    rule_terms: list[RuleTerm] = field(default_factory=list)
    unknown_defaults: dict[tuple[str, ...], int] = field(default_factory=dict)
    default_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    # One for every regex of the file: together they may take only so long over the papers.
    budget: RegexBudget = field(default_factory=RegexBudget)
    # Every id an entry has, read or not: none of them can be a former id as well.
    current: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.current = {
            entry["id"]: self.document.line("themes", index, "id")
            for index, entry in enumerate(self.document.data["themes"])
            if isinstance(entry, dict) and isinstance(entry.get("id"), str)
        }

    def read_entry(self, index: int, entry: Any, mistakes: set[Location]) -> None:
        """Read one entry of 'themes', ``mistakes`` the places in it the schema refused.

        A mistake in its rules costs the rules, one in 'formerly' the old addresses, and any
        other the whole entry.
        """
        formerly_broken = any(mistake[:1] == ("formerly",) for mistake in mistakes)
        mistakes = {mistake for mistake in mistakes if mistake[:1] != ("formerly",)}
        if any(mistake[:1] != ("rules",) for mistake in mistakes):
            theme_id = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(theme_id, str):
                self._wait_for(_ids_meant(entry))
            else:
                self.unchecked = None
            return
        if self._duplicate(index, entry):
            return
        theme = _theme(self.document, index, entry, self.problems)
        for number, item in enumerate(entry["sections"]):
            # The first of two with one id: the one kept (see _theme).
            self.section_lines.setdefault(
                (theme.id, item["id"]),
                self.document.line("themes", index, "sections", number, "id"),
            )
        if formerly_broken:
            # Papers naming an old id it lists wait for the fix, as for an entry not read.
            self._wait_for(_former_ids(entry.get("formerly")))
        else:
            formerly = _formerly(self.document, index, self.current, self.former, self.problems)
            theme = dataclasses.replace(theme, formerly=formerly)
        # The theme's terms with their lines, its sections' too, kept once the rules are.
        terms_written: list[RuleTerm] = []
        theme_rules = self._rules(
            index, theme, None if mistakes else entry.get("rules"), terms_written
        )
        if self._reserved(index, entry):
            return
        self.themes.append(theme)
        self.intro_links.extend(_intro_links(self.document, index, theme))
        if mistakes:
            self.without_rules.add(theme.id)
        elif theme_rules is not None:
            self.rules.append(theme_rules)
            self.rule_terms.extend(terms_written)

    def _wait_for(self, ids: set[str] | list[str]) -> None:
        """Papers naming these ids of an entry not read (or not all) wait for its fix."""
        if self.unchecked is not None:
            self.unchecked.update(ids)

    def _duplicate(self, index: int, entry: dict[str, Any]) -> bool:
        """Whether an earlier entry has this one's id (said); else its id's line is kept."""
        line = self.document.line("themes", index, "id")
        if entry["id"] not in self.lines:
            self.lines[entry["id"]] = line
            return False
        first = self.lines[entry["id"]]
        self.problems.error(
            self.document.path,
            line,
            f"duplicate theme id '{entry['id']}' (first defined on line {first})",
        )
        # Papers may name this entry's sections, which the first one need not have.
        self._wait_for({entry["id"]})
        return True

    def _rules(
        self, index: int, theme: Theme, written: dict[str, Any] | None, terms: list[RuleTerm]
    ) -> ThemeRules | None:
        """The theme's rules compiled from ``written`` (None: none), each term added to ``terms``.

        Its sections' terms are compiled for a theme without rules too, which has no use for them
        yet: a bad regex is reported where it is written, not once someone adds rules.
        """
        sections = _section_rules(
            self.document, index, theme, self.problems, self.literal, self.budget, terms
        )
        if written is None:
            return None
        compiled = _theme_rules(
            self.document,
            index,
            theme,
            written,
            sections,
            self.problems,
            self.literal,
            self.budget,
            self.unknown_defaults,
            terms,
        )
        default = written.get("default_section")
        if default is not None and theme.section(default) is not None:
            self.default_lines[(theme.id, default)] = self.document.line(
                "themes", index, "rules", "default_section"
            )
        return compiled

    def _reserved(self, index: int, entry: dict[str, Any]) -> bool:
        """Whether the entry's id is one the site keeps for itself (said): it is not kept."""
        if entry["id"] not in RESERVED_THEME_IDS:
            return False
        self.problems.error(
            self.document.path,
            self.document.line("themes", index, "id"),
            f"theme id '{entry['id']}' is taken: {RESERVED_THEME_IDS[entry['id']]}; "
            "choose another id",
        )
        # Checked all the same, but not kept: it is no theme of the site, and papers.yaml
        # naming it (or the id it had before, its title's) waits for the new id.
        self._wait_for(_ids_meant(entry))
        return True

    def result(self) -> ThemesRead:
        """What was read, as :func:`read_themes` gives it."""
        return ThemesRead(
            themes=tuple(self.themes),
            rules=tuple(self.rules),
            lines=self.lines,
            section_lines=self.section_lines,
            unchecked=None if self.unchecked is None else frozenset(self.unchecked),
            without_rules=frozenset(self.without_rules),
            intro_links=tuple(self.intro_links),
            former=self.former,
            literal_keywords=tuple(self.literal),
            rule_terms=tuple(self.rule_terms),
            unknown_defaults=self.unknown_defaults,
            default_lines=self.default_lines,
        )


def _former_ids(value: Any) -> list[str]:
    """The ids 'formerly' holds as written: one, or a list of them (anything else left out)."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, str)]


def _formerly(
    document: YamlDocument,
    index: int,
    current: Mapping[str, int],
    former: dict[str, tuple[str, int]],
    problems: Problems,
) -> tuple[str, ...]:
    """A theme's 'formerly', checked; each old id kept is added to ``former``.

    An old id's address leads to the theme, so it must be free: no theme's id now (whose page is
    there), none the site keeps for itself, and no other theme's old id.
    """
    entry = document.data["themes"][index]
    value = entry.get("formerly")
    if value is None:
        return ()
    theme_id = entry["id"]
    kept: list[str] = []
    for number, old in enumerate(_former_ids(value)):
        line = document.line(
            "themes", index, "formerly", *([number] if isinstance(value, list) else [])
        )
        if old == theme_id:
            message = f"'formerly' names the theme's own id '{old}': remove it"
        elif old in current:
            message = (
                f"'formerly' names '{old}', the id of the theme on line {current[old]}: an address "
                f"can lead to one theme only; remove '{old}' from 'formerly'"
            )
        elif old in RESERVED_THEME_IDS:
            message = f"'formerly' cannot name '{old}': {RESERVED_THEME_IDS[old]}; remove it"
        elif old in former:
            owner, owner_line = former[old]
            message = (
                f"'formerly' names '{old}', already a former id of theme '{owner}' (line "
                f"{owner_line}): its old address can lead to one theme only; keep it in one"
            )
        else:
            former[old] = (theme_id, document.line("themes", index, "id"))
            kept.append(old)
            continue
        problems.error(document.path, line, message)
    return tuple(kept)


def _intro_links(document: YamlDocument, index: int, theme: Theme) -> list[IntroLink]:
    """The relative links of a theme's intro and its sections', each at its intro's line."""
    entry = document.data["themes"][index]
    places: list[tuple[Location, Any]] = [(("themes", index, "intro"), entry.get("intro"))]
    for number, item in enumerate(entry["sections"]):
        places.append((("themes", index, "sections", number, "intro"), item.get("intro")))
    return [
        IntroLink(theme.id, url, document.line(*place))
        for place, text in places
        if text
        for url in relative_links(text)
    ]


def _ids_meant(entry: dict[str, Any]) -> set[str]:
    """The ids papers.yaml may name a theme whose entry is in error by.

    Its id, and the id meant when the id is the mistake ("Arithmetic Reasoning"), or when it was
    refused and the theme is likely known by its title's ('papers' titled "Multimodal"): the
    papers naming 'arithmetic-reasoning' or 'multimodal' wait for the fix rather than each be an
    error. So do those naming an id the entry lists under 'formerly'.
    """
    meant = {entry["id"], slugify(entry["id"]), *_former_ids(entry.get("formerly"))}
    if isinstance(entry.get("title"), str):
        meant.add(slugify(entry["title"]))
    return meant - {""}


def _theme(document: YamlDocument, index: int, entry: dict[str, Any], problems: Problems) -> Theme:
    sections: list[Section] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(entry["sections"]):
        line = document.line("themes", index, "sections", number, "id")
        if item["id"] in seen:
            problems.error(
                document.path,
                line,
                f"duplicate section id '{item['id']}' in theme '{entry['id']}' "
                f"(first defined on line {seen[item['id']]})",
            )
            continue
        seen[item["id"]] = line
        if refused_section_id(item["id"]):
            # Kept all the same: papers.yaml may name it, and is checked against it as usual.
            prefix = urls.PAPER_ANCHOR_PREFIX
            problems.error(
                document.path,
                line,
                f"section id '{item['id']}' is taken: on the theme's page, "
                f"#{prefix}<id> is the anchor of the paper with that id, where the "
                f"paper's own page links to; choose an id that does not start with '{prefix}'",
            )
        where = ("themes", index, "sections", number, "intro")
        check_markdown(document, where, item.get("intro"), problems)
        sections.append(Section(item["id"], item["title"], item.get("intro", "").strip()))
    check_markdown(document, ("themes", index, "intro"), entry.get("intro"), problems)
    return Theme(entry["id"], entry["title"], entry.get("intro", "").strip(), tuple(sections))


# A section's id is its heading's anchor on the theme's page, beside the anchor each paper listed
# there has, paper-<paper id> (urls.PAPER_ANCHOR_PREFIX), where the paper's own page links to. A
# section id starting so could be a paper's anchor: the page would hold two elements with one id
# and the paper's link land on the heading. Refused whether or not that paper is there yet: a new
# dump or a rule change brings papers to a theme without themes.yaml changing. The page's other
# ids cannot collide: Material's all start with '__', which an id may not, and a heading toc names
# (the page's title) gives way to an id written out, taking '_1'; intros and notes have none.
def refused_section_id(section_id: str) -> bool:
    """Whether themes.yaml refuses a section id (:func:`_theme` reports it): a paper's anchor's.

    Such a section is kept, but its id is none to suggest: entries changed to it would be in
    error again once the section's id is fixed.
    """
    return section_id.startswith(urls.PAPER_ANCHOR_PREFIX)


def check_markdown(
    document: YamlDocument,
    location: Location,
    text: str | None,
    problems: Problems,
    *,
    pages: int = 1,
) -> None:
    """Warn of what rendering ``text``, Markdown at ``location`` shown on ``pages``, changes.

    List items under text are told at the first one's line when the text is a '|' or '>' block,
    whose lines are known; else, as for the rest, at the key's. List items a '>' block joins to
    the line above are told instead, at the first one's line. The rest (a link, raw HTML) are
    told at their own line in a '|' block, whose lines are the text's one for one; a '>' block
    may have joined the line to others, and quoted or plain text to any number.
    """
    if not text:
        return
    line = document.line(*location)
    found = unlisted_lines(text)
    unlisted = unlisted_problem([item.strip() for _, item in found]) if found else None
    if folded := document.folded_items.get(location):
        more = len(folded) - 1
        problems.warning(
            document.path,
            folded[0][0],
            f"'{location[-1]}': {shortened(folded[0][1], 50)!r}"
            f"{f' (and {more} more)' if more else ''} is joined to the line above it: a '>' "
            "block folds its lines into one; write the text as a '|' block to keep its lines, "
            # A '|' block would make a dash meant as text a list item: the escape keeps the fold.
            "with a blank line before a list; write '\\-' for a dash that starts no list",
        )
    # The block's lines are YAML's, split at newlines only; splitlines() splits at more.
    lines = document.block_lines.get(location, ())
    split = text.splitlines()
    if split != text.split("\n")[: len(split)]:
        lines = ()
    # Each problem is looked for at its line (a few renders each) only in a '|' block, whose
    # lines are the text's one for one; elsewhere only list items are told at theirs.
    if lines and location in document.literal:
        told = located_note_problems(text, pages=pages)
    else:
        told = tuple(
            (found[0][0] if message == unlisted else None, message)
            for message in note_problems(text, pages=pages)
        )
    for index, message in told:
        at = line
        if message == unlisted and folded:
            # Fixed with the fold; told, it would quote joined text the curator never wrote.
            continue
        if index is not None and index < len(lines):
            at = lines[index] or line
        problems.warning(document.path, at, f"'{location[-1]}': {message}")


def _section_rules(
    document: YamlDocument,
    index: int,
    theme: Theme,
    problems: Problems,
    literal: list[LiteralKeyword],
    budget: RegexBudget,
    rule_terms: list[RuleTerm],
) -> tuple[SectionRule, ...]:
    """The terms of each section of a theme, compiled; a bad regex is reported at its line.

    Each term is added to ``rule_terms``, naming its section.
    """
    found: list[SectionRule] = []
    for number, item in enumerate(document.data["themes"][index]["sections"]):
        if theme.section(item["id"]):
            place = ("themes", index, "sections", number, "terms")
            lines: list[tuple[Term, int]] = []
            terms = _terms(document, item.get("terms", []), place, problems, literal, budget, lines)
            found.append(SectionRule(item["id"], terms))
            rule_terms.extend(
                RuleTerm(theme.id, term, line, False, item["id"]) for term, line in lines
            )
    return tuple(found)


def _theme_rules(
    document: YamlDocument,
    index: int,
    theme: Theme,
    entry: dict[str, Any],
    section_rules: tuple[SectionRule, ...],
    problems: Problems,
    literal: list[LiteralKeyword],
    budget: RegexBudget,
    unknown_defaults: dict[tuple[str, ...], int],
    rule_terms: list[RuleTerm],
) -> ThemeRules:
    """A theme's rules, compiled; each of its terms and exclusions is added to ``rule_terms``."""
    place = ("themes", index, "rules")

    def terms(items: list[Any], *location: str | int) -> tuple[Term, ...]:
        lines: list[tuple[Term, int]] = []
        found = _terms(document, items, location, problems, literal, budget, lines)
        excluding = location[-1] == "exclude"
        rule_terms.extend(RuleTerm(theme.id, term, line, excluding) for term, line in lines)
        return found

    default = entry.get("default_section", theme.sections[0].id)
    if theme.section(default) is None:
        known = [section.id for section in theme.sections]
        # One refused (refused_section_id) is no id to suggest; listed, it is only what there is.
        guessable = [known_id for known_id in known if not refused_section_id(known_id)]
        line = document.line(*place, "default_section")
        if nearest(default, guessable) is not None:
            # The typo may be the section's id: papers.yaml tells which (report_unknown_defaults).
            unknown_defaults[(theme.id, default)] = line
        else:
            close = closest(default, guessable)
            hint = did_you_mean(default, close) if close else listing(known, "sections")
            problems.error(
                document.path, line, f"unknown section '{default}' in theme '{theme.id}' {hint}"
            )
        default = theme.sections[0].id
    rules = ThemeRules(
        theme=theme.id,
        threshold=float(entry["threshold"]),
        terms=terms(entry["terms"], *place, "terms"),
        sections=section_rules,
        default_section=default,
        exclude=terms(entry.get("exclude", []), *place, "exclude"),
        title_weight=float(entry.get("title_weight", DEFAULT_TITLE_WEIGHT)),
    )
    _check_threshold(document.path, document.line(*place, "threshold"), rules, problems)
    return rules


def _check_threshold(path: str, line: int, rules: ThemeRules, problems: Problems) -> None:
    """Warn at a threshold above the most a paper can score: the rules then place no paper.

    A term earns its weight once in the abstract and title_weight times it in the title
    (rules.score_terms), so a paper matching every term of positive weight in both scores the
    most there is; a term left out for a mistake, which is an error of its own, counts nothing.
    """
    weights = sum(term.weight for term in rules.terms if term.weight > 0)
    # Rounded as ThemeRules.score rounds a score, so a sum that float arithmetic puts a hair
    # under the threshold is not told as out of reach.
    most = round(weights * (1 + rules.title_weight), 3)
    if most >= rules.threshold:
        return
    problems.warning(
        path,
        line,
        f"threshold {rules.threshold:g} is out of reach of theme '{rules.theme}': a paper "
        f"matching each of its terms of positive weight ({weights:g} in all) in its title (×"
        f"{rules.title_weight:g}) and abstract scores {most:g}, so the rules put no paper in it; "
        "lower the threshold, or weigh the terms more",
    )


def _terms(
    document: YamlDocument,
    items: list[Any],
    location: tuple[str | int, ...],
    problems: Problems,
    literal: list[LiteralKeyword],
    budget: RegexBudget,
    lines: list[tuple[Term, int]] | None = None,
) -> tuple[Term, ...]:
    """Compile a list of terms; a bad one is reported and left out, one with regex syntax kept.

    Each term kept is added to ``lines``, when given, with the line it is written on.
    """
    found: list[Term] = []
    seen = _ListTerms()
    for number, item in enumerate(items):
        at: tuple[str | int, ...] = (number, "keyword")
        if isinstance(item, str):
            item, at = {"keyword": item}, (number,)
        weight = float(item.get("weight", 1.0))
        if "keyword" in item:
            term = Term.keyword(item["keyword"], weight)
            line = document.line(*location, *at)
            # '*' or '-' alone leaves no word to find, and the empty pattern matches every text:
            # one such term would score every paper into the theme (or, excluding, out of it).
            if term.matches_empty():
                problems.error(
                    document.path,
                    line,
                    f"keyword '{item['keyword']}' would match every paper: a keyword needs a "
                    "word to find ('*' only ends one, as in 'quantiz*')",
                )
                continue
            syntax = regex_syntax(item["keyword"])
            if syntax:
                # Notation such as 'L^p' or '[CLS] token' is often meant as written: whether the
                # keyword finds nothing is told once the papers are read.
                literal.append(LiteralKeyword(document.path, line, term, syntax, at == (number,)))
            _check_repeat(document.path, line, term, seen, location[-1] == "exclude", problems)
            _check_weight(document, item, term, (*location, number), problems)
            found.append(term)
            if lines is not None:
                lines.append((term, line))
            continue
        line = document.line(*location, number, "regex")
        try:
            term = Term.regex(item["regex"], weight, (document.path, line), budget)
        except re.error as exc:
            problems.error(
                document.path,
                line,
                f"invalid regex '{item['regex']}': {exc.msg}"
                + (f" at position {exc.pos}" if exc.pos is not None else ""),
            )
            continue
        # A regex is searched, not matched whole: one that can match empty text finds it in every
        # paper, as a keyword of '*' alone would, and nothing in the results would say so.
        if term.matches_empty():
            problems.error(
                document.path,
                line,
                f"regex '{item['regex']}' matches empty text, and so every paper: make part of it "
                "required ('+', one or more, instead of '*', which allows none; no '?' after the "
                "whole; no empty alternative, as in 'a|')",
            )
            continue
        _check_repeat(document.path, line, term, seen, location[-1] == "exclude", problems)
        _check_weight(document, item, term, (*location, number), problems)
        found.append(term)
        if lines is not None:
            lines.append((term, line))
    return tuple(found)


def _check_weight(
    document: YamlDocument,
    item: dict[str, Any],
    term: Term,
    place: tuple[str | int, ...],
    problems: Problems,
) -> None:
    """Warn at a weight that does nothing: 0 on a term that scores, any on an exclusion.

    ``place`` is the term's in the document. Both read as meant and change no paper's place, so
    only a triage of disagreements would show that the edit did nothing.
    """
    if "weight" not in item:
        return
    line = document.line(*place, "weight")
    if place[-2] == "exclude":
        # ThemeRules.score keeps out a paper any exclusion matches, whatever its weight.
        problems.warning(
            document.path,
            line,
            f"'weight' does nothing in 'exclude': a paper {term.kind} '{term.text}' matches is "
            "kept out of the theme whatever its weight; remove the weight (a term of 'terms' "
            "with a negative weight counts against a paper instead)",
        )
    elif term.weight == 0:
        problems.warning(
            document.path,
            line,
            f"{term.kind} '{term.text}' has weight 0, so it changes no paper's score: give it "
            "the weight meant (negative to count against a paper), or remove it",
        )


def _sameness(term: Term) -> str:
    r"""What a term finds, as a key: two terms of a list with one key find the same text.

    Both kinds match in any case. A keyword is known by its pattern, written folded as
    re.IGNORECASE matches letters (rules.keyword_folded: 'Hopfield' and 'hopfield', 'ſparsity'
    and 'sparsity', 'µ-law' and 'μ-law'; 'key value' and 'key-value' are one keyword); a regex by
    its text, in lower case too unless it holds an escape ('\S' is not '\s'), so a regex is the
    same as a keyword only when it is that keyword's pattern. Whether some other regex finds what
    a keyword finds cannot be told reliably: 'mamba' as a regex finds 'Mambaformer' too, which the
    keyword does not.
    """
    if term.kind == "keyword":
        # Not lower(): 'ſ', 'İ' and the micro sign 'µ' stay apart from 's', 'i' and 'μ' under it,
        # and a repeat was told as a keyword finding nothing another does not.
        return keyword_pattern(keyword_folded(term.text))
    return term.text if "\\" in term.text else term.text.lower()


@dataclass
class _ListTerms:
    """The terms of one list read so far, found by what an added term may repeat or overlap."""

    # Each term by what makes it the same as another (see _sameness), with its line, in list order.
    by_sameness: dict[str, tuple[Term, int]] = field(default_factory=dict)
    # The keywords among them by their start (see keyword_start), each with its place in
    # by_sameness; and those starts, sorted, so the ones a start begins stand together.
    by_start: dict[str, list[tuple[int, Term, int]]] = field(default_factory=dict)
    starts: list[str] = field(default_factory=list)

    def overlap_candidates(self, start: str) -> list[tuple[Term, int]]:
        """The keywords so far whose start begins ``start`` or begins with it, in list order.

        Only these can find a text a keyword of that start finds (see keyword_within): pairing
        a keyword with each earlier one took minutes for a list of thousands.
        """
        found = [
            entry for end in range(len(start) + 1) for entry in self.by_start.get(start[:end], ())
        ]
        # Longer starts beginning with it follow it in sorted order (an equal one is found above).
        at = bisect.bisect_right(self.starts, start)
        while at < len(self.starts) and self.starts[at].startswith(start):
            found.extend(self.by_start[self.starts[at]])
            at += 1
        return [(term, line) for _, term, line in sorted(found, key=lambda entry: entry[0])]

    def add(self, term: Term, line: int) -> tuple[Term, int]:
        """The term read first of those the same as ``term``, with its line: ``term`` when new.

        A new keyword is indexed by its start too, with its place in by_sameness.
        """
        earlier = self.by_sameness.setdefault(_sameness(term), (term, line))
        if earlier[0] is term and term.kind == "keyword":
            start = keyword_start(term.text)
            if start not in self.by_start:
                bisect.insort(self.starts, start)
            self.by_start.setdefault(start, []).append((len(self.by_sameness) - 1, term, line))
        return earlier


def _check_repeat(
    path: str,
    line: int,
    term: Term,
    seen: _ListTerms,
    excluding: bool,
    problems: Problems,
) -> None:
    """Warn of a term the same as an earlier one of its list: a paper would score both.

    Or of a keyword whose every match starts with one of another keyword of the list (the
    narrower is told at its line; see keyword_within): a paper it finds scores both too.
    """
    earlier = seen.add(term, line)
    if earlier[0] is term:
        # A regex overlaps nothing that can be told (see _check_overlap), so only keywords pair.
        if term.kind == "keyword":
            for other, other_line in seen.overlap_candidates(keyword_start(term.text)):
                if other is not term:
                    _check_overlap(path, (term, line), (other, other_line), excluding, problems)
        return
    first, first_line = earlier
    advice = (
        "either keeps the same papers out; remove one"
        if excluding
        else f"a paper matching one matches both, so both weights count ({first.weight:g} and "
        f"{term.weight:g}); keep one, with the weight meant"
    )
    problems.warning(
        path,
        line,
        f"{term.kind} '{term.text}' repeats {first.kind} '{first.text}' (line {first_line}): "
        f"{advice}",
    )


def _check_overlap(
    path: str,
    one: tuple[Term, int],
    other: tuple[Term, int],
    excluding: bool,
    problems: Problems,
) -> None:
    """Warn of a keyword that finds nothing another of its list does not: a paper scores both.

    Weights of opposite signs are left alone: a narrower keyword taking back what a wider one
    gives ('efficien*', then 'efficiently' at -1) is written so on purpose. So is a weight of 0,
    which counts nothing.
    """
    terms = (one, other)
    if any(term.kind != "keyword" for term, _ in terms):
        return  # what a regex finds cannot be told reliably (see _sameness)
    if not excluding and one[0].weight * other[0].weight <= 0:
        return
    for (narrow, narrow_line), (wide, wide_line) in (terms, terms[::-1]):
        if keyword_within(narrow.text, wide.text):
            advice = (
                f"'{wide.text}' already keeps out every paper it does; remove it"
                if excluding
                else f"a paper matching it matches both, so both weights count "
                f"({narrow.weight:g} and {wide.weight:g}); keep one, with the weight meant"
            )
            problems.warning(
                path,
                narrow_line,
                f"keyword '{narrow.text}' finds nothing keyword '{wide.text}' (line {wide_line}) "
                f"does not: {advice}",
            )
            return
