"""Triage for curators: the papers no decision covers yet, and where the rules disagree with one.

``papersite triage`` lists every paper whose themes papers.yaml does not decide: those the rules
leave in no theme, and those the rules placed, each with the rules' scores, so a curator confirms
or corrects them. An entry's 'add' and 'remove' only adjust the rules' choice: its paper is listed
too, with them. It ends with a papers.yaml snippet for all of them (for a paper the rules placed,
it pins where they put it; one in no theme stays there, the themes it nearly joined suggested in a
comment; either pin replaces an entry's 'add' and 'remove'), so a curator edits suggestions
instead of typing ids. Of many papers it holds the first
few hundred, and never more than papers.yaml has room for: it is one YAML file, within MAX_BYTES
and MAX_NODES, which 50,000 papers' entries would pass. Pinned papers the rules
would sort differently (a hint to tune the rules or to revisit the pin) are only counted;
``--disagreements`` lists them. ``--theme`` keeps the papers one theme is concerned by: after adding
a theme, its candidates among papers already pinned elsewhere are its disagreements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from papersite.catalogue import Catalogue, Paper
from papersite.content import Loaded
from papersite.curation import CURATION_DIR, CurationFiles, Placement, sort_papers
from papersite.errors import PapersiteError, display_path, printable
from papersite.rules import ThemeScore
from papersite.wording import counted, suggest
from papersite.yamlfile import MAX_BYTES, MAX_NODES, load_yaml_file, plain_key

# Papers in one snippet: as many as a curator checks at a sitting (the next run gives the next).
SNIPPET_PAPERS = 500


@dataclass(frozen=True)
class Room:
    """What papers.yaml can still take within the limits of a YAML file: bytes and values."""

    bytes: int
    values: int


def room_in(path: Path) -> Room:
    """The room left in papers.yaml at ``path``, as it stands (all of it when there is none)."""
    if not path.is_file():
        # It is yet to be written: 'papers:' and the map under it.
        return Room(MAX_BYTES - len("papers:\n"), MAX_NODES - 3)
    document = load_yaml_file(path)
    return Room(MAX_BYTES - path.stat().st_size, MAX_NODES - document.values)


@dataclass(frozen=True)
class TriageItem:
    """One paper to look at: what the rules score it, and where the curation put it.

    ``line`` is where the paper's entry in papers.yaml starts, when it has one; ``added`` and
    ``removed`` are the themes its 'add' and 'remove' adjust the rules' choice by; ``flow`` is
    the rest of an entry written in flow style, ``flow_end`` the line it ends on, and
    ``flow_kept`` true for one left as written (Decision.flow, flow_end and flow_kept). An entry
    written '{}' or as an alias has its keys in ``flow`` too, and ``alias_of`` is the line of
    the entry whose map an alias shares (Decision.bare and alias_of).
    """

    paper: Paper
    scores: tuple[ThemeScore, ...]
    placements: tuple[Placement, ...] = ()
    line: int | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    flow: str | None = None
    flow_end: int | None = None
    flow_kept: bool = False
    alias_of: int | None = None

    @property
    def suggestions(self) -> tuple[ThemeScore, ...]:
        """Themes whose rules score the paper at all, closest to their threshold first."""
        scored = [score for score in self.scores if score.score > 0]
        return tuple(sorted(scored, key=lambda s: -s.score / s.threshold))

    @property
    def rules_themes(self) -> tuple[str, ...]:
        """The themes the rules alone would put the paper in."""
        return tuple(score.theme for score in self.scores if score.accepted)


@dataclass(frozen=True)
class Triage:
    """Papers waiting for a decision, and decisions the rules disagree with.

    No decision sets the themes of a paper in ``unsorted`` (in no theme) or in ``placed`` (where
    the rules alone put it).
    """

    papers_path: str
    unsorted: tuple[TriageItem, ...]
    disagreements: tuple[TriageItem, ...]
    placed: tuple[TriageItem, ...] = ()
    # The theme the papers were chosen for (see ``about``); None for every paper.
    theme: str | None = None

    @property
    def undecided(self) -> tuple[TriageItem, ...]:
        """Every paper waiting for a decision, in the order the report lists them."""
        return self.unsorted + self.placed

    def about(self, theme_id: str) -> Triage:
        """Only the papers one theme is concerned by, as a curator adding or tuning it needs.

        A paper waiting for a decision is, when the rules put it in the theme or score it there
        at all; a pinned paper, when the rules would add it to the theme or take it out.
        """

        def waits(item: TriageItem) -> bool:
            placed = any(p.theme == theme_id for p in item.placements)
            return placed or any(s.theme == theme_id for s in item.suggestions)

        def differs(item: TriageItem) -> bool:
            return theme_id in set(item.rules_themes) ^ {p.theme for p in item.placements}

        return Triage(
            self.papers_path,
            tuple(filter(waits, self.unsorted)),
            tuple(filter(differs, self.disagreements)),
            tuple(filter(waits, self.placed)),
            theme=theme_id,
        )


def triage(files: CurationFiles, catalogue: Catalogue) -> Triage:
    """Compare the rules with the decisions for every visible paper."""
    curation = sort_papers(files, catalogue)
    unsorted: list[TriageItem] = []
    placed: list[TriageItem] = []
    disagreements: list[TriageItem] = []
    for item in curation.papers:
        scores = files.scores(item.paper)
        ranked = tuple(scores[theme.id] for theme in files.themes if theme.id in scores)
        decision = files.decisions.get(item.paper.id)
        if decision is None or not decision.sets_themes:
            # A note or tags leave the paper's themes to the rules, and 'add' or 'remove' only
            # adjust their choice: it still waits, its adjustments shown.
            adjusted = (
                () if decision is None else tuple(pin.theme for pin in decision.add),
                () if decision is None else decision.remove,
            )
            entry = TriageItem(item.paper, ranked, item.placements, None, *adjusted)
            if decision is not None:
                entry = replace(
                    entry,
                    line=decision.line,
                    # '{}' and an alias have no key to put 'themes' beside, nor braces to put
                    # it in: their line is the whole entry, as one in flow style has.
                    flow=decision.flow if decision.bare is None else decision.bare,
                    flow_end=decision.flow_end,
                    flow_kept=decision.flow_kept,
                    alias_of=decision.alias_of,
                )
            (placed if item.placements else unsorted).append(entry)
            continue
        entry = TriageItem(item.paper, ranked, item.placements, decision.line)
        if set(entry.rules_themes) != set(item.themes):
            disagreements.append(entry)
    return Triage(files.papers_path, tuple(unsorted), tuple(disagreements), tuple(placed))


def triage_content(
    loaded: Loaded, content: Path, theme: str | None = None
) -> tuple[Triage, str | None]:
    """:func:`triage` of the loaded ``content``, about ``theme`` when given (:func:`about_theme`).

    With the notice :func:`about_theme` gives, if any. Content without a curation folder has no
    decisions to compare with the rules: a PapersiteError at the folder it lacks.
    """
    if loaded.files is None:
        raise PapersiteError(
            display_path(content / CURATION_DIR), None, "no curation folder: nothing to triage"
        )
    report = triage(loaded.files, loaded.catalogue)
    return (report, None) if theme is None else about_theme(report, loaded.files, theme)


def about_theme(report: Triage, files: CurationFiles, given: str) -> tuple[Triage, str | None]:
    """``report`` about the theme ``--theme given`` names; a notice when it is a former id.

    As the site's old addresses do, a renamed theme's old id leads to it, the notice saying its
    id now. An id no theme has, now or before, is a PapersiteError at themes.yaml naming the
    closest ones.
    """
    known = [theme.id for theme in files.themes]
    now = {old: theme.id for theme in files.themes for old in theme.formerly}
    theme_id = now.get(given, given)
    notice = None
    if theme_id != given:
        notice = f"--theme {given}: it is now '{theme_id}'"
    elif theme_id not in known:
        hint = suggest(given, known, "themes")
        raise PapersiteError(
            files.themes_path, None, f"--theme: no theme has the id '{given}' {hint}"
        )
    return report.about(theme_id), notice


def format_triage(
    report: Triage,
    *,
    disagreements: bool = False,
    most: int = SNIPPET_PAPERS,
    room: Room | None = None,
) -> str:
    """The triage as text for the terminal, ending in a snippet to paste into papers.yaml.

    The snippet holds the first ``most`` papers, and no more than ``room`` (papers.yaml's, when
    known) takes. With ``disagreements``, the pinned papers the rules would sort differently
    instead.
    """
    if disagreements:
        return _format_disagreements(report)
    path = report.papers_path
    head = f"{counted(len(report.undecided), 'paper')} not yet decided in {path}{_for(report)}"
    if report.undecided:
        head += f": {len(report.unsorted)} in no theme, {len(report.placed)} placed by the rules"
        # For one theme, "placed" read as placed in it: those it only scores are said apart.
        elsewhere = sum(
            all(p.theme != report.theme for p in item.placements) for item in report.placed
        )
        if report.theme and elsewhere:
            head += f" ({elsewhere} of them only in other themes, scored by its rules)"
    lines = [head]
    for heading, items in (
        ("In no theme", report.unsorted),
        ("Placed by the rules", report.placed),
    ):
        lines += ["", f"{heading} ({len(items)}):"] if items else []
        for item in items:
            lines += ["", f"  {_named(item, path)}", f"    {item.paper.title}"]
            if item.added or item.removed:
                lines.append(f"    {_adjusted(item)}; scores: {_scores(item.suggestions)}")
            elif item.placements:
                where = _where((p.theme, p.section) for p in item.placements)
                lines.append(f"    rules: {where}; scores: {_scores(item.suggestions)}")
            else:
                lines.append(f"    {_unplaced_scores(item)}")
    if report.disagreements:
        differing = counted(len(report.disagreements), "pinned paper")
        also = f" --theme {report.theme}" if report.theme else ""
        hint = f"papersite triage --disagreements{also} lists them"
        lines += ["", f"{differing} the rules would sort differently ({hint})"]
    new = tuple(item for item in report.undecided if item.line is None)
    # In the order of their lines, which a curator goes down papers.yaml by.
    entered = tuple(
        sorted(
            (item for item in report.undecided if item.line is not None),
            key=lambda item: item.line or 0,
        )
    )
    fits = _fitting(new + entered, most, room)
    if fits < len(report.undecided):
        lines += ["", _left_out(fits, len(report.undecided), most, path, room)]
    new, entered = new[:fits], entered[: max(fits - len(new), 0)]
    if new:
        lines += ["", f"Paste under 'papers:' in {path}, then check each line:", ""]
        lines += snippet(new)
    if entered:
        # A second entry for a paper would be a duplicate key: its line goes into the first.
        lines += ["", f"Add to the entries already in {path}, at the lines given:", ""]
        lines += snippet(entered)
    return "\n".join(lines) + "\n"


def _fitting(items: tuple[TriageItem, ...], most: int, room: Room | None) -> int:
    """How many of the items the snippet holds: ``most`` at most, and what ``room`` takes."""
    taken = Room(0, 0)
    for count, item in enumerate(items[:most]):
        size = sum(len(line.encode("utf-8")) + 1 for line in snippet((item,)))
        # The id, its map, 'themes' and its value, and a theme and a section for each pin (only a
        # paper the rules placed has pins).
        taken = Room(taken.bytes + size, taken.values + 4 + 2 * len(item.placements))
        if room is not None and (taken.bytes > room.bytes or taken.values > room.values):
            return count
    return min(most, len(items))


def _left_out(fits: int, waiting: int, most: int, path: str, room: Room | None) -> str:
    """Why the snippet holds only ``fits`` of the papers waiting, and how to get the rest."""
    held = f"The snippet below holds the first {fits} of the {counted(waiting, 'paper')} waiting"
    if fits < most and room is not None:
        limits = f"{MAX_BYTES:,} bytes and {MAX_NODES:,} values"
        return (
            f"{held}: {path} has room for no more within the limits of a YAML file ({limits});"
            " a paper in no theme stays in Unsorted without an entry"
        )
    return (
        f"{held} (--snippet N sets how many, {most} now): paste and check them, then run"
        " papersite triage again for the next"
    )


def _adjusted(item: TriageItem) -> str:
    """Where the rules put a paper, then its entry's 'add' and 'remove', each part so labelled.

    Its places written as one list read as the rules' choice, what 'add' put there included.
    """
    parts = [f"rules: {_ruled(item)}"]
    if item.added:
        parts.append(
            "add: " + _where((p.theme, p.section) for p in item.placements if p.theme in item.added)
        )
    if item.removed:
        parts.append("remove: " + ", ".join(item.removed))
    return "; ".join(parts)


def _ruled(item: TriageItem) -> str:
    """Where the rules alone would put the paper, written as its places are."""
    return _where((s.theme, s.section) for s in item.scores if s.accepted)


def _format_disagreements(report: Triage) -> str:
    differing = counted(len(report.disagreements), "pinned paper")
    lines = [f"{differing} the rules would sort differently{_for(report)}"]
    for item in report.disagreements:
        pinned = _where((p.theme, p.section) for p in item.placements)
        # Where the rules would put it, written as the pin is, so the two lines compare at a glance.
        ruled = _ruled(item)
        lines += ["", f"  {_named(item, report.papers_path)}", f"    {item.paper.title}"]
        lines += [
            f"    pinned: {pinned}",
            f"    rules:  {ruled}; scores: {_scores(item.suggestions)}",
        ]
    return "\n".join(lines) + "\n"


def snippet(items: tuple[TriageItem, ...]) -> list[str]:
    """papers.yaml entries for undecided papers.

    A paper the rules placed is pinned where they put it. One in no theme stays there,
    ``themes: []``, so that pasting the snippet moves no paper the site shows: the themes scoring
    half their threshold or more are suggested in the comment, with the pin to write if the
    curator agrees. A paper with an entry already is named with its line, and whether the pin
    replaces the entry's 'add' or 'remove', which 'themes' may not go beside; a new entry is under
    its title in a comment, as papers.yaml's entries are: an id alone says little of the paper.
    An entry written in flow style ('id: {add: [x], tags: [moe]}') takes no line below it: the
    whole entry is given, in flow style, 'themes' in place of its 'add' and 'remove', its other
    keys kept, to put in place of all its lines. One holding an anchor, an alias or a comment,
    which its values cannot write again, is kept: its 'themes' line goes in its braces. One
    written '{}' or as an alias ('id: *shared'), with no key under it, is given whole too, an
    alias's shared keys written out.
    """
    lines: list[str] = []
    for item in items:
        where = f"  # line {item.line}" if item.line is not None else ""
        if item.flow is not None:
            if item.line is not None and item.flow_end is not None and item.flow_end > item.line:
                # Put over its first line only, the rest of the entry is left as a syntax error.
                where = f"  # lines {item.line}–{item.flow_end}"
            where += ", replacing the entry"
            if item.alias_of is not None:
                # Its keys are the anchored map's: written out, the paper keeps them.
                where += f" (an alias of line {item.alias_of}'s map, written out as its own)"
        else:
            where += _in_entry(item)
        # printable: a newline in a title would end the comment, and its rest be read as YAML.
        # Not above lines to add to an entry: the entry has its own.
        if item.line is None:
            lines.append(f"  # {printable(item.paper.title)}")
        pins, scores = _pinned(item)
        key = plain_key(item.paper.id)
        if item.flow is not None:
            rest = f", {item.flow}" if item.flow else ""
            lines.append(f"  {key}: {{themes: {pins}{rest}}}{where}; {scores}")
            continue
        lines += [f"  {key}:{where}", f"    themes: {pins}  # {scores}"]
    return lines


def _in_entry(item: TriageItem) -> str:
    """Where the 'themes' line goes in a paper's entry: in its braces, in place of which keys."""
    where = ", in its braces" if item.flow_kept else ""
    if item.added or item.removed:
        # 'themes' beside them is an error: the pin is the whole choice, written in their place.
        keys = " and ".join(
            f"'{key}'" for key, ids in (("add", item.added), ("remove", item.removed)) if ids
        )
        where += f", replacing its {keys}"
    if item.flow_kept:
        where += " (kept as written: it holds an anchor, an alias or a comment)"
    return where


def _pinned(item: TriageItem) -> tuple[str, str]:
    """The snippet's 'themes' for a paper, and its comment: the scores, the pins suggested."""
    if item.placements:
        return _pins((p.theme, p.section) for p in item.placements), _scores(item.suggestions)
    near = _near(item)
    if near:
        pins = _pins((s.theme, s.section) for s in near)
        return "[]", f"suggested: {_scores(near)}, {pins}"
    return "[]", _scores(item.suggestions)


def _near(item: TriageItem) -> tuple[ThemeScore, ...]:
    """The themes suggested for a paper in no theme: those scoring half their threshold or more."""
    # Not a theme the entry removes the paper from: the curator has said no to it.
    return tuple(
        s
        for s in item.suggestions
        if s.excluded_by is None and s.score * 2 >= s.threshold and s.theme not in item.removed
    )


def _unplaced_scores(item: TriageItem) -> str:
    """The listing's line of scores for a paper in no theme, "suggested" only as the snippet's is.

    A theme scoring it 0.5 of 4 was "suggested" here and not in the snippet's comment.
    """
    near = _near(item)
    if not near:
        return f"scores: {_scores(item.suggestions)}"
    rest = tuple(score for score in item.suggestions if score not in near)
    return f"suggested: {_scores(near)}" + (f"; other scores: {_scores(rest)}" if rest else "")


def _pins(places: Iterable[tuple[str, str]]) -> str:
    """The themes and sections given, as papers.yaml's ``themes`` map writes them."""
    return "{" + ", ".join(f"{theme}: {section}" for theme, section in places) + "}"


def _for(report: Triage) -> str:
    return f", for theme '{report.theme}'" if report.theme else ""


def _named(item: TriageItem, papers_path: str) -> str:
    """The paper's id, and where its entry in papers.yaml is when it has one."""
    return item.paper.id if item.line is None else f"{item.paper.id} ({papers_path}:{item.line})"


def _where(places: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{theme} ({section})" for theme, section in places) or "no theme"


def _scores(scores: tuple[ThemeScore, ...]) -> str:
    if not scores:
        return "no rule matched"
    parts = []
    for score in scores:
        text = f"{score.theme} {score.score:g} of {score.threshold:g}"
        if score.excluded_by is not None:
            text += f" (excluded by '{score.excluded_by.text}')"
        parts.append(text)
    return ", ".join(parts)
