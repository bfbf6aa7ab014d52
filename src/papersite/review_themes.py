"""The themes whose page or rules a pull request edits (ThemeEdit), each change named.

Title, place in the theme order, intro, sections, 'formerly' and rules, compared on the
curation files alone: a group of its own, apart from review.py, which lists them (themes_edited)
beside the papers' changes and the dumps'.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from papersite import urls
from papersite.curation import CurationFiles, Theme
from papersite.markup import code_span, escape_gfm
from papersite.review_sides import Side
from papersite.review_text import text_edit
from papersite.rules import Term


@dataclass(frozen=True)
class ThemeEdit:
    """A theme whose page or rules changed, or a new one whose 'formerly' adds addresses.

    ``changes`` are what its page shows (title, place in the theme order, intro, sections);
    ``rules`` what decides which papers it gets, whose effect the Moved list shows.
    """

    theme_id: str
    title: str
    changes: tuple[str, ...]
    rules: tuple[str, ...] = ()


def themes_edited(
    base: Side, head: Side, renames: dict[str, str], sections: dict[str, dict[str, str]]
) -> tuple[ThemeEdit, ...]:
    """Themes on both sides, in the pull request's order, whose page or rules changed.

    A theme a side could not read is not there to compare: what it shows is a mistake under
    Check, and the table says "not counted" for it. A theme renamed is compared with the base
    theme it renames, a section renamed (``sections``, _section_renames) with the one it was. A
    theme new to the pull request is listed for the addresses its 'formerly' adds: the table says
    it is new, not that the site serves old addresses for it.
    """
    if base.files is None or head.files is None:
        return ()
    before, after = base.files, head.files
    unread = (before.unread_themes or frozenset()) | (after.unread_themes or frozenset())
    base_id = {new: old for old, new in renames.items()}
    # A second entry with the id is not read: which of the two the curator edited is not known.
    common = [
        theme.id
        for theme in after.themes
        if theme.id not in unread
        and base_id.get(theme.id, theme.id) not in unread
        and _theme_of(before, base_id.get(theme.id, theme.id)) is not None
    ]
    base_order = [renames.get(theme.id, theme.id) for theme in before.themes]
    head_order = [theme.id for theme in after.themes]
    moved = _moved_in_order([t for t in base_order if t in common], common)
    # Ids a former id added can have led to: those are under "Old addresses kept by formerly".
    published = {old for theme in before.themes for old in (theme.id, *theme.formerly)}
    edits = []
    for theme_id in head_order:
        if theme_id not in common:
            theme = _theme_of(after, theme_id)
            # New, unless a side could not read it: then it is not known to be.
            new = not {theme_id, base_id.get(theme_id, theme_id)} & unread
            if theme is not None and new and (added := _formerly_added(theme, published)):
                edits.append(ThemeEdit(theme_id, theme.title, tuple(added)))
            continue
        old_id = base_id.get(theme_id, theme_id)
        was, now = _theme_of(before, old_id), _theme_of(after, theme_id)
        assert was is not None and now is not None  # common to both sides
        changes = []
        if was.title != now.title:
            changes.append(f"title {escape_gfm(was.title)} → {escape_gfm(now.title)}")
        if theme_id in moved:
            changes.append(
                f"position {base_order.index(theme_id) + 1} → {head_order.index(theme_id) + 1} "
                "in the theme order"
            )
        if was.intro != now.intro:
            changes.append(text_edit("intro", now.intro))
        renamed = sections.get(theme_id, {})
        changes += _section_edits(was, now, renamed)
        changes += _formerly_edits(was, now, published)
        rules = _rules_edits(before, after, old_id, theme_id, renamed)
        if changes or rules:
            edits.append(ThemeEdit(theme_id, now.title, tuple(changes), rules))
    return tuple(edits)


def _formerly_edits(was: Theme, now: Theme, published: set[str]) -> list[str]:
    """Addresses a theme's 'formerly' adds that the base site had under no theme, and its feed id.

    A former id removed is not named here: the addresses it costs are named with the others the
    site stops publishing, and one another theme took over with the others kept (Addresses).
    """
    changes = _formerly_added(now, published)
    # The feed's Atom id is its first address's (render.py): a reader may take a feed whose id
    # changed for a new one.
    was_first, now_first = (*was.formerly, was.id)[0], (*now.formerly, now.id)[0]
    if was_first != now_first:
        changes.append(
            f"feed id `{urls.feed_url(was_first)}` → `{urls.feed_url(now_first)}` (formerly's "
            "first id gives it): feed readers may take it for a new feed"
        )
    return changes


def _formerly_added(theme: Theme, published: set[str]) -> list[str]:
    """Each former id of the theme's that the base site published under no theme: its addresses."""
    return [
        f"formerly `{old}` added: `{urls.theme_url(old)}` redirects here, and "
        f"`{urls.feed_url(old)}` and `{urls.bibtex_url(old)}` serve copies of its feed and BibTeX"
        for old in theme.formerly
        if old not in published
    ]


def _theme_of(files: CurationFiles, theme_id: str) -> Theme | None:
    return next((theme for theme in files.themes if theme.id == theme_id), None)


def _moved_in_order(before: Sequence[str], after: Sequence[str]) -> set[str]:
    """The fewest of the ids (the same in both) that moved: all but the most left in order.

    Moving one theme to the top shifts every other down a place; only the one moved is news.
    """
    where = {item: index for index, item in enumerate(before)}
    positions = [where[item] for item in after]
    # The longest run of ids, in ``after``'s order, that kept their order: the rest moved.
    longest: list[list[int]] = []
    for index, position in enumerate(positions):
        runs = [run for run in longest if positions[run[-1]] < position]
        longest.append([*max(runs, key=len, default=[]), index])
    kept = max(longest, key=len, default=[])
    return {item for index, item in enumerate(after) if index not in kept}


def _section_edits(was: Theme, now: Theme, renamed: dict[str, str]) -> list[str]:
    """Sections added, renamed, retitled, introduced anew or moved, in page order; then removed.

    A section renamed (``renamed``: old id to new) is compared with the one it was.
    """
    before = [renamed.get(section.id, section.id) for section in was.sections]
    after = [section.id for section in now.sections]
    moved = _moved_in_order([s for s in before if s in after], [s for s in after if s in before])
    old_ids = {new: old for old, new in renamed.items()}
    changes = []
    for section in now.sections:
        old = was.section(old_ids.get(section.id, section.id))
        if old is None:
            changes.append(f"section `{section.id}` added")
            continue
        if old.id != section.id:
            # The page's anchor is the section's id: no address keeps the old one (render.py),
            # and one another section now has leads there.
            lands = "land on another section" if now.section(old.id) else "no longer land on it"
            changes.append(
                f"section renamed `{old.id}` → `{section.id}`: links to `#{old.id}` {lands} "
                "(sections have no `formerly`)"
            )
        if old.title != section.title:
            changes.append(
                f"section `{section.id}` title {escape_gfm(old.title)} → "
                f"{escape_gfm(section.title)}"
            )
        if old.intro != section.intro:
            changes.append(text_edit(f"section `{section.id}` intro", section.intro))
        if section.id in moved:
            changes.append(
                f"section `{section.id}` position "
                f"{before.index(section.id) + 1} → {after.index(section.id) + 1}"
            )
    changes += [f"section `{s}` removed" for s in before if now.section(s) is None]
    return changes


def _rules_edits(
    before: CurationFiles,
    after: CurationFiles,
    old_id: str,
    theme_id: str,
    renamed: dict[str, str],
) -> tuple[str, ...]:
    """What changed in a theme's rules: each part named, each term added or removed by its text.

    ``old_id`` is the theme's id on the base branch, another when the pull request renames it;
    ``renamed`` its sections the pull request renames, old id to new, compared with their own.
    """
    if old_id in before.without_rules or theme_id in after.without_rules:
        return ()  # a side's rules could not be read: a mistake under Check, not an edit
    was = next((rules for rules in before.rules if rules.theme == old_id), None)
    now = next((rules for rules in after.rules if rules.theme == theme_id), None)
    if was is None or now is None:
        return () if was is now else ("added",) if was is None else ("removed",)
    changes = []
    if was.threshold != now.threshold:
        changes.append(f"threshold {was.threshold:g} → {now.threshold:g}")
    if was.title_weight != now.title_weight:
        changes.append(f"title weight {was.title_weight:g} → {now.title_weight:g}")
    changes += _term_edits(was.terms, now.terms, "")
    changes += _term_edits(was.exclude, now.exclude, "exclude ")
    sections = {renamed.get(rule.section, rule.section): rule.terms for rule in was.sections}
    for rule in now.sections:
        if rule.section in sections:
            changes += _term_edits(sections[rule.section], rule.terms, f"section `{rule.section}` ")
    if renamed.get(was.default_section, was.default_section) != now.default_section:
        changes.append(f"default section `{was.default_section}` → `{now.default_section}`")
    return tuple(changes)


def _term_edits(before: Sequence[Term], after: Sequence[Term], part: str) -> list[str]:
    """Terms of one list added, removed or reweighted, named as the curator wrote them.

    By kind, text and weight: a pattern compiles anew on each side, and its line says nothing.
    """
    was = Counter((term.kind, term.text, term.weight) for term in before)
    now = Counter((term.kind, term.text, term.weight) for term in after)
    added, removed = list((now - was).elements()), list((was - now).elements())
    changes = []
    for kind, text, weight in removed:
        # The same term with another weight: reweighted, not one removed and one added.
        new = next((t for t in added if t[:2] == (kind, text)), None)
        if new is None:
            changes.append(f"{part}{kind} {code_span(text)}{_weight(weight)} removed")
        else:
            added.remove(new)
            changes.append(f"{part}{kind} {code_span(text)} weight {weight:g} → {new[2]:g}")
    changes += [
        f"{part}{kind} {code_span(text)}{_weight(weight)} added" for kind, text, weight in added
    ]
    return changes


def _weight(weight: float) -> str:
    return "" if weight == 1 else f" (weight {weight:g})"
