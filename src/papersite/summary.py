"""The job summary: a pull request's Review (review.py) as GitHub-flavoured Markdown.

``papersite review`` prints it, and CI writes it to the job page: a first line with the totals and
``papersite check``'s count (after one naming papers.yaml when the pull request deletes it), the
papers per theme as a table, the addresses the site stops publishing or keeps by ``formerly``,
then a heading and a list for each kind of change (dumps, themes edited, papers not compared,
added, moved, removed, newly decided, edited, changed in the catalogue), and last the Check list.
A pull request that changes nothing on the site gets one line saying so instead, naming the
papers it decides where the rules had placed them, which are listed below it. Titles, notes
and messages are the pull request's text and the dumps', so none of it may come alive: text is
backslash-escaped and what must show to the letter (an id, an address, a file name) is put in a
code span (markup.py). Printed, the summary is whole; in the job summary (``--job-summary``, a
limit) lists stop at MAX_LISTED entries and the whole is cut at a line to fit, keeping the Check
list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from papersite import urls
from papersite.catalogue import SourceSummary
from papersite.curation import CURATION_DIR, PAPERS_FILE, THEMES_FILE
from papersite.errors import Problem, Severity
from papersite.markup import code_span, escape_gfm
from papersite.review import (
    Addresses,
    PaperChange,
    PaperEdit,
    Review,
    TagAddress,
)
from papersite.review_dumps import DumpChange
from papersite.review_sides import Place
from papersite.review_themes import ThemeEdit
from papersite.sources import SourceFile
from papersite.wording import counted

# A job summary is read, not searched: past this many lines a list says how many more there are.
# Printed locally, every list is whole: there a reviewer reads what the job summary leaves out.
MAX_LISTED = 50
# The most bytes of summary ``papersite review --job-summary`` writes. GitHub shows no job summary
# over 1 MiB (the whole review would be lost), and lists alone do not bound it: each entry is as
# long as the titles, links, tags and messages in it, and the themes table is never cut.
JOB_SUMMARY_BYTES = 512 * 1024
# The last section's heading: a summary cut to fit keeps it (see _cut).
CHECK_HEADING = "### Check"
# Says where a changed paper was or goes, for one list of the summary.
Where = Callable[[PaperChange], str]


def format_review(report: Review, limit: int | None = None) -> str:
    """The review as GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY or a terminal.

    Without a ``limit`` it is whole. With one (the job summary), each list stops at MAX_LISTED
    entries and counts the rest, and a review of more bytes (UTF-8) than the limit is cut at a
    line to fit, and says so in its last line.
    """
    if limit is None:
        return _format_review(report, None)
    return _cut(_format_review(report, MAX_LISTED), limit)


def _cut(text: str, limit: int) -> str:
    """The text cut at a line to at most ``limit`` bytes, saying where it was cut.

    The Check list, last, is kept whole when it fits: what is wrong with the content matters most
    to a reviewer, and is cut only when it alone is too long.
    """
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    # After a blank line: on the line after a table row or a list item, it would join them.
    ending = (
        f"\n**The review is cut here**: it runs to {len(data):,} bytes, more than the job summary "
        "holds. `papersite review` run locally prints it whole (CONTRIBUTING.md, "
        '"The pull request")'
    )
    head, found, check = text.rpartition(f"\n{CHECK_HEADING}\n")
    if found:
        tail = f"; its Check list follows.\n\n{CHECK_HEADING}\n{check}"
        room = limit - len((ending + tail).encode("utf-8"))
        if room > 0:
            return _whole_lines(head.encode("utf-8"), room) + ending + tail
    room = limit - len(ending.encode("utf-8")) - len(".\n")
    if room < 0:
        raise ValueError(f"a review cut to {limit} bytes has no room for saying it was cut")
    return _whole_lines(data, room) + ending + ".\n"


def _whole_lines(data: bytes, room: int) -> str:
    """The lines of ``data`` that fit in ``room`` bytes, whole, decoded."""
    # A line break is one byte in UTF-8, never part of another character: the rest decodes.
    kept = data[:room]
    return kept[: kept.rfind(b"\n") + 1].decode("utf-8")


def _format_review(report: Review, listed: int | None) -> str:
    """The review's Markdown, each list stopping at ``listed`` entries (None: whole)."""
    lines = ["## Content review", ""]
    check = (
        f"`papersite check`: {counted(report.errors, 'error')}, "
        f"{counted(report.warnings, 'warning')}."
    )
    messages = [_message(problem) for problem in report.problems]
    if report.unchanged:
        # A table of zeros and lists saying "None." would hide the one thing to say.
        lines += [_no_change(report, check), *_decided(report, listed)]
        if messages:
            lines += ["", CHECK_HEADING, "", *_capped(messages, listed)]
        return "\n".join(lines) + "\n"
    lines += _deleted(report)
    lines.append(_totals(report, check) if report.compared else f"{_not_compared(report)} {check}")
    lines += _themes_table(report)
    lines += _addresses_changed(report)
    lines += _dumps_section(report, listed)
    lines += _themes_edited_section(report, listed)
    if report.compared:
        lines += _changes(report, listed)
    lines += ["", CHECK_HEADING, "", *(_capped(messages, listed) or ["No errors or warnings."])]
    return "\n".join(lines) + "\n"


def _no_change(report: Review, check: str) -> str:
    """The one line of a review that changes nothing on the site, ending with ``check``."""
    total = counted(report.head_total or 0, "paper")
    # A triage pull request changes no page, yet its decisions are what a reviewer checks:
    # "No change" alone would pass them unseen.
    decided = ""
    if report.decided:
        number = len(report.decided)
        are, them = ("is", "it") if number == 1 else ("are", "them")
        decided = (
            f"; {counted(number, 'paper')} {are} now decided in papers.yaml where the rules "
            f"had placed {them}, and otherwise"
        )
    if report.errors:
        # An edit in error (a key written twice, an entry under a typo) is not read: "no
        # rule differs" would vouch for what nothing compared.
        line = (
            f"**No change to the site that could be read**{decided or ':'} no paper, theme, "
            f"rule or dump differs from the base branch as read ({total} on the site), and "
            f"what errors keep from being read is not compared (see Check); {check}"
        )
    else:
        line = (
            f"**No change to the site**{decided or ':'} no paper, theme, rule or dump differs "
            f"from the base branch ({total} on the site); {check}"
        )
    # A dump's diff is in the pull request: the reviewer is told it changes nothing.
    if names := [code_span(dump.name) for dump in report.dumps]:
        line += f" Text edited in {', '.join(names)}, with every record reading as before."
    return line


def _deleted(report: Review) -> list[str]:
    """A first line when the pull request deletes papers.yaml or the curation folder; or none."""
    held = report.entries_deleted
    gone = "is" if held == 1 else "are"
    # Entries, not decisions: one may only add a theme or give a note (review.entries_deleted).
    held_entries = f"{held} {'entry' if held == 1 else 'entries'}"
    if report.papers_deleted:
        # Said first, as a file not read is: below, the lists tell it paper by paper, by the
        # hundred, and the warning naming the file comes last, under Check.
        said = f"**{code_span(report.papers_deleted)} is deleted in this pull request**"
        if held:
            said += f": the {held_entries} it held {gone} gone"
        return [f"{said}.", ""]
    if report.curation_deleted:
        # Said first too: no check warns of a content folder without curation, which is valid.
        files = " and ".join(report.curation_files_deleted)
        said = (
            f"**The curation folder {code_span(report.curation_deleted)} ({files}) is deleted in "
            "this pull request**: every paper is unsorted"
        )
        if held:
            said += f", and the {held_entries} {PAPERS_FILE} held {gone} gone"
        return [f"{said}.", ""]
    return []


def _totals(report: Review, check: str) -> str:
    """The line of a compared review: papers on the site, each kind of change counted, ``check``."""
    catalogue = f", {len(report.catalogue)} changed in the dumps" if report.catalogue else ""
    not_compared = f", {len(report.not_compared)} not compared" if report.not_compared else ""
    themes = report.themes_edited
    themes_edited = f", {counted(len(themes), 'theme')} edited" if themes else ""
    # Not on the site, so not in the totals, but a new dump's papers add up with them.
    hidden = report.added_hidden
    added_hidden = f", {len(hidden)} added hidden" if hidden else ""
    decided = f", {len(report.decided)} newly decided" if report.decided else ""
    return (
        f"**{report.base_total} → {report.head_total} papers** on the site: "
        f"{len(report.added)} added{added_hidden}, {len(report.moved)} moved, "
        f"{len(report.removed)} removed{decided}, {len(report.edited)} edited{catalogue}"
        f"{not_compared}{themes_edited}; {check}"
    )


def _themes_table(report: Review) -> list[str]:
    """The papers per theme on each side, under a heading: a row a theme, never capped."""
    lines = [
        "",
        "### Papers per theme",
        "",
        "| theme | base | this PR | change | featured |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for count in report.counts:
        featured = "" if count.featured is None else str(count.featured)
        if count.featured is not None and count.base_featured not in (None, count.featured):
            featured = f"{count.base_featured} → {featured}"
        delta = "" if count.delta is None else _signed(count.delta)
        # By id too: a theme given a new id without 'formerly' shows as one removed and one new,
        # likely of the same title.
        status = f" ({count.status}: `{count.theme}`)" if count.status else ""
        if count.was is not None:
            status = f" (renamed: `{count.was}` → `{count.theme}`)"
        lines.append(
            f"| {escape_gfm(count.title)}{status} | {_count_or_not(count.base)} | "
            f"{_count_or_not(count.head)} | {delta} | {featured} |"
        )
    return lines


def _addresses_changed(report: Review) -> list[str]:
    """The theme and tag addresses the site stops publishing, or keeps by ``formerly``; or none."""
    lines = []
    gone = "; ".join(
        _addresses(address.old) + _typo(address) for address in report.addresses if not address.now
    )
    if gone:
        lines += [
            "",
            f"Addresses the site stops publishing, which links and feed readers use: {gone}. "
            "A theme renamed keeps them by listing its old id under `formerly`.",
        ]
    kept = "; ".join(_kept(address) for address in report.addresses if address.now)
    if kept:
        lines += ["", f"Old addresses kept by `formerly`: {kept}."]
    # A paper not compared may have tags its error leaves unread, as its count may be off.
    caveat = (
        " Papers not compared (below) may keep some of these once their errors are fixed."
        if report.not_compared
        else ""
    )
    if tags := "; ".join(_tag_gone(a) for a in report.tag_addresses if a.shown is None):
        lines += [
            "",
            "Tag pages the site stops publishing, with no redirect (tags have no `formerly`): "
            f"{tags}.{caveat}",
        ]
    # Still published, so no link breaks: it lands on another tag's list instead.
    if tags := "; ".join(_tag_taken(a) for a in report.tag_addresses if a.shown is not None):
        lines += [
            "",
            "Tag addresses that now show another tag, with no redirect (tags have no "
            f"`formerly`): {tags}.{caveat}",
        ]
    return lines


def _dumps_section(report: Review, listed: int | None) -> list[str]:
    """The dumps added, removed or changed, under a heading; or none."""
    unread = _labels_not_compared(report)
    if not report.dumps and not unread:
        return []
    # What pages name as a paper's sources, and where a new dump's papers come from.
    entries = [_dump_change(change) for change in report.dumps]
    lines = ["", f"### Dumps ({len(entries)})", "", *unread]
    lines += ["", *_capped(entries, listed)] if unread and entries else _capped(entries, listed)
    return lines


def _themes_edited_section(report: Review, listed: int | None) -> list[str]:
    """The themes whose page or rules changed, or whose 'formerly' adds addresses; or none."""
    # Most pull requests edit papers.yaml alone: no heading for what they leave as it was.
    if not report.themes_edited:
        return []
    entries = [_theme_edit(edit, listed) for edit in report.themes_edited]
    return ["", f"### Themes edited ({len(entries)})", "", *_capped(entries, listed)]


def _addresses(theme_id: str) -> str:
    """A theme's page, feed and BibTeX, as the review names them."""
    return (
        f"`{urls.theme_url(theme_id)}`, `{urls.feed_url(theme_id)}`, `{urls.bibtex_url(theme_id)}`"
    )


def _kept(address: Addresses) -> str:
    """How the site keeps a base theme's addresses that now lead to another id (render.py)."""
    assert address.now is not None  # kept, not dropped
    old, now = address.old, address.now
    # Renamed, it is the same theme; otherwise the old feed's readers get another's papers.
    page = "`{}` redirects to {}`{}`".format(
        urls.theme_url(old),
        "" if address.renamed else "another theme's page, ",
        urls.theme_url(now),
    )
    # A page can redirect; Atom and BibTeX cannot, so the old feed and .bib are copies.
    return (
        f"{page}, and `{urls.feed_url(old)}` and `{urls.bibtex_url(old)}` serve copies of its "
        "feed and BibTeX"
    )


def _tag_gone(address: TagAddress) -> str:
    """A tag page's address dropped, with the tag's name and its new address, if it has one."""
    return f"`{urls.tag_url(address.old)}` ({_tag_where(address)})"


def _tag_taken(address: TagAddress) -> str:
    """A tag page's address another tag took, with the tag it showed and where that one went."""
    assert address.shown is not None  # taken, not dropped
    return (
        f"`{urls.tag_url(address.old)}` shows {code_span(address.shown)}'s papers "
        f"({_tag_where(address)})"
    )


def _tag_where(address: TagAddress) -> str:
    """The tag an address showed, and where its pages are now, if anywhere."""
    where = (
        "which no paper on the site has now"
        if address.now is None
        else f"now at `{urls.tag_url(address.now)}`"
    )
    if address.renamed is not None:
        where = f"renamed {code_span(address.renamed)}, {where}"
    return f"tag {code_span(address.tag)}, {where}"


def _typo(address: Addresses) -> str:
    """For addresses dropped, the former id the pull request likely meant as theirs."""
    if address.typo is None:
        return ""
    written, theme = address.typo
    return (
        f" (theme `{theme}` lists {code_span(written)} under `formerly`: "
        f"did you mean `{address.old}`?)"
    )


def _not_compared(report: Review) -> str:
    """The summary's first line when a side's curation files, or folder, could not be read.

    One line, not every paper listed as not compared: the file is the one thing to fix.
    """
    unread = [
        f"{side} {' and '.join(code_span(path) for path in paths)}"
        for side, paths in (
            ("this pull request's", report.head_unread),
            ("the base branch's", report.base_unread),
        )
        if paths
    ]
    # The base branch's errors are not under Check, which lists the pull request's alone.
    # A curation folder that cannot be read (a link that loops) is named alone, as the folder.
    what = "folder" if any(Path(p).name == CURATION_DIR for p in report.base_unread) else "file"
    fixes = [
        fix if len(paths) == 1 else plural
        for fix, plural, paths in (
            ("the error under Check", "the errors under Check", report.head_unread),
            (f"the base branch's {what}", "the base branch's files", report.base_unread),
        )
        if paths
    ]
    # One verb for them all: "once the error under Check and the base branch's file are fixed".
    verb = "is" if len(fixes) == 1 and len(report.head_unread + report.base_unread) == 1 else "are"
    paths = (*report.head_unread, *report.base_unread)
    if any(Path(path).name in {THEMES_FILE, CURATION_DIR} for path in paths):
        # No theme read: the papers stand in none, so where they would stand is not known either.
        why = "which themes there are, and which papers each holds, is not known"
    else:
        why = (
            "what the curators decided is not known and the papers stand where the rules alone "
            "put them"
        )
    return (
        f"**Papers not compared**: {' and '.join(unread)} could not be read, so {why}; "
        f"once {' and '.join(fixes)} {verb} fixed, the review lists the changes."
    )


def _labels_not_compared(report: Review) -> list[str]:
    """A line, before the dumps, for a side's sources.yaml that could not be read; or none.

    One line, not every dump relabelled and redated, nor every paper's date changed in the
    catalogue: the file is the one thing to fix.
    """
    unread = [
        f"{side} {code_span(path)}"
        for side, path in (
            ("this pull request's", report.head_sources_unread),
            ("the base branch's", report.base_sources_unread),
        )
        if path is not None
    ]
    if not unread:
        return []
    # The base branch's errors are not under Check, which lists the pull request's alone.
    check = " (see Check)" if report.head_sources_unread else ""
    return [
        f"**Labels and capture dates not compared**: {' and '.join(unread)} could not be "
        f"read{check}, so what {'it says' if len(unread) == 1 else 'they say'} of each dump is "
        "not known, and papers' titles, abstracts, dates and upvotes from the dumps are not "
        "compared either (the capture dates decide them)."
    ]


def _changes(report: Review, listed: int | None) -> list[str]:
    """The lists of papers added (shown or hidden), moved, removed, edited, and not compared."""
    lines = []
    if report.not_compared:
        # First: it says how far to trust the counts above and the lists below.
        entries = [
            f"- {escape_gfm(n.title)} `{n.paper_id}`: {n.where}" for n in report.not_compared
        ]
        lines += [
            "",
            f"### Not compared ({len(entries)})",
            "",
            "An error (the pull request's are under Check) keeps what papers.yaml, or a "
            "theme's rules, decide for these papers from being applied in full: the counts above "
            "may be off by them, and "
            "what the pull request changes about them is listed once it is fixed.",
            "",
            *_capped(entries, listed),
        ]
    lines += _section("Added", report.added, lambda c: _places(c.after), listed)
    if report.added_hidden:
        # Only a pull request that adds a dump can have any: most have none to show.
        lines += _section("Added hidden", report.added_hidden, lambda c: "not on the site", listed)
    lines += _section(
        "Moved", report.moved, lambda c: f"{_places(c.before)} → {_places(c.after)}", listed
    )
    lines += _section("Removed", report.removed, _was, listed)
    lines += _decided(report, listed)
    lines += [
        "",
        f"### Notes and details edited ({len(report.edited)})",
        "",
        *(_capped(_edits_listed(report.edited), listed) or ["None."]),
    ]
    if report.catalogue or report.upvotes_changed:
        # Only a pull request that adds or edits a dump has any: most have none to show.
        upvotes = counted(report.upvotes_changed, "paper")
        lines += [
            "",
            f"### Catalogue changes ({len(report.catalogue)})",
            "",
            "Papers whose title, abstract or date a dump added or edited now gives otherwise: "
            "check that each page still reads right.",
            "",
            *(_capped(_edits_listed(report.catalogue), listed) or ["None."]),
        ]
        if report.upvotes_changed:
            lines += [
                "",
                f"Upvotes changed on {upvotes} (not listed: every capture reads them anew).",
            ]
    return lines


def _decided(report: Review, listed: int | None) -> list[str]:
    """The papers papers.yaml now pins where the rules had placed them, under a heading; or none.

    Only a pull request that decides papers (a triage snippet pasted) has any: most have none to
    show, so no "None." either.
    """
    if not report.decided:
        return []
    return [
        "",
        f"### Newly decided in papers.yaml ({len(report.decided)})",
        "",
        "Papers papers.yaml now pins where the rules had placed them: the site shows them as "
        "before, and a rule's edit no longer moves them.",
        "",
        *_capped(_entries(report.decided, lambda c: _places(c.after)), listed),
    ]


def _dump_change(change: DumpChange) -> str:
    """One dump added, removed or changed: its label, capture date and accounting, as changed."""
    name = code_span(change.name)
    was, now = change.base, change.head
    if was is None or now is None:
        summary = now or was
        assert summary is not None  # on one side at least
        # A removed dump's accounting is the base branch's: what the site loses with it.
        had = "" if now else "it had "
        copy = ""
        if change.copy_of is not None:
            copy = (
                f"; it holds the same bytes as {code_span(change.copy_of)}, so its records add "
                "nothing but a second source"
            )
        # Its error is under Check: "0 records" would read as an empty dump. A removed one's
        # error was the base branch's, which Check does not read.
        if change.head_unread:
            accounting = "could not be read (see Check)"
        elif change.base_unread:
            accounting = "could not be read on the base branch"
        else:
            accounting = f"{had}{_accounting(None, summary)}"
        return (
            f"- {name} {'added' if now else 'removed'}: label {code_span(summary.source.label)}, "
            f"captured {_capture(summary.source)}; {accounting}{_kept_said(change)}{copy}"
        )
    changes = []
    if change.renamed:
        changes.append(f"renamed from {code_span(was.source.name)}")
    if change.relabelled:
        changes.append(f"label {code_span(was.source.label)} → {code_span(now.source.label)}")
    if change.redated:
        changes.append(f"captured {_capture(was.source)} → {_capture(now.source)}")
    # Its records are unknown where it could not be read: the counts of that side are not its.
    accounting = _accounting(was, now)
    if change.head_unread:
        unread = ", nor on the base branch" if change.base_unread else ""
        changes.append(f"could not be read (see Check){unread}")
        accounting = "" if change.base_unread else f"it had {_accounting(None, was)}"
    elif change.base_unread:
        changes.append("could not be read on the base branch")
        accounting = _accounting(None, now)
    elif change.holds is not None:
        other = code_span(change.holds.source.name)
        changes.append(
            f"contents swapped with {other}" if change.swapped else f"now holds what {other} held"
        )
        # Pages name and date each record by this name's entry: the other file's entry was its.
        if _described(now.source) != _described(change.holds.source):
            accounting = (
                f"its label and capture date in sources.yaml are not those {other} had, so they "
                f"no longer describe its records; {accounting}"
            )
    elif change.same_records:
        changes.append("text edited, every record reading as before")
    elif change.edited:
        changes.append("text edited")
    counts = f"; {accounting}" if accounting else ""
    return f"- {name}: {', '.join(changes)}{counts}{_kept_said(change)}"


def _kept_said(change: DumpChange) -> str:
    """For a dump removed or left with no record: how many of its papers other dumps keep."""
    if change.kept is None or not change.kept[1]:
        return ""
    stay, papers = change.kept
    stays = f"{stay} stay{'s' * (stay == 1)}"
    return f"; of its {counted(papers, 'paper')}, {stays} through other dumps"


def _capture(source: SourceFile) -> str:
    """A dump's capture date as sources.yaml gives it: a day, a year alone, or none."""
    if source.captured is not None:
        return source.captured.isoformat()
    return "unknown" if source.captured_year is None else str(source.captured_year)


def _described(source: SourceFile) -> tuple[str, date | None, int | None]:
    """What sources.yaml says of a dump that its papers' pages show: its label and capture date."""
    return source.label, source.captured, source.captured_year


def _accounting(was: SourceSummary | None, now: SourceSummary) -> str:
    """Records read and new papers, as ``papersite check`` counts them; was → is, when changed.

    Not in check's words: "57 new papers" in a review reads as 57 papers the pull request adds,
    where it counts the papers no dump captured before this one mentions (catalogue.capture_order):
    papers, not records, as a dump may mention one paper twice.
    """

    def count(before: int | None, after: int) -> str:
        return f"{before} → {after}" if before is not None and before != after else str(after)

    read, papers = (None, None) if was is None else (was.read, was.papers)
    records = f"{count(read, now.read)} record{'' if now.read == 1 and read in (None, 1) else 's'}"
    plural = "" if now.papers == 1 and papers in (None, 1) else "s"
    return f"{records}, {count(papers, now.papers)} paper{plural} first seen in this dump"


def _theme_edit(edit: ThemeEdit, listed: int | None) -> str:
    """One theme's edits: its page's first, in the order the page shows them, then its rules.

    Each part stops at ``listed`` edits (None: all), counting the rest: a list of terms pasted in
    would otherwise be one paragraph of tens of kilobytes.
    """

    def said(edits: Sequence[str]) -> str:
        # Within the theme's one list entry, not on a line of their own as _capped's rest: a
        # line there would end the entry, so the rest are counted in its sentence.
        shown, rest = _first(edits, listed)
        return ", ".join([*shown, f"and {rest:,} more"] if rest else shown)

    parts = [said(edit.changes)] if edit.changes else []
    parts += [f"rules: {said(edit.rules)}"] if edit.rules else []
    return f"- {escape_gfm(edit.title)} `{edit.theme_id}`: {'; '.join(parts)}"


def _edits_listed(edits: Sequence[PaperEdit]) -> list[str]:
    return [f"- {escape_gfm(e.title)} `{e.paper_id}`: {', '.join(e.changes)}" for e in edits]


def _section(
    heading: str, changes: Sequence[PaperChange], where: Where, listed: int | None
) -> list[str]:
    entries = _entries(changes, where)
    return ["", f"### {heading} ({len(changes)})", "", *(_capped(entries, listed) or ["None."])]


def _entries(changes: Sequence[PaperChange], where: Where) -> list[str]:
    """One list entry a paper: its title, id, where it is or was, note and curator links."""
    return [
        f"- {escape_gfm(c.title)} `{c.paper_id}`: {where(c)}"
        + (f" ({c.note})" if c.note else "")
        + "".join(f"; link {code_span(link.label)}: {code_span(link.url)}" for link in c.links)
        for c in changes
    ]


def _capped(entries: list[str], listed: int | None) -> list[str]:
    """The first ``listed`` list entries (None: all), and a line counting the rest."""
    shown, rest = _first(entries, listed)
    if not rest:
        return list(shown)
    # The rest are not lost: the review printed locally lists every one.
    return [*shown, f"- … and {rest:,} more (`papersite review` run locally lists them all)"]


def _first(items: Sequence[str], listed: int | None) -> tuple[Sequence[str], int]:
    """The first ``listed`` items (None: all), and how many are left out."""
    if listed is None or len(items) <= listed:
        return items, 0
    return items[:listed], len(items) - listed


def _message(problem: Problem) -> str:
    label = "error" if problem.severity is Severity.ERROR else "warning"
    where = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    # A path names a file the pull request may have named: a backtick or a line break in it must
    # not end the code span and let the rest be Markdown (a link, an HTML comment hiding the list).
    return f"- **{label}** {code_span(where)}: {escape_gfm(problem.message)}"


def _was(change: PaperChange) -> str:
    """Where a removed paper was, and under which id when it had another (another paper's now)."""
    taken = ", which another paper now has" if change.id_taken else ""
    was_id = f", under the id `{change.was_id}`{taken}" if change.was_id else ""
    return f"was {_places(change.before)}{was_id}"


def _places(places: tuple[Place, ...]) -> str:
    return ", ".join(f"`{place}`" for place in places)


def _count_or_not(number: int | None) -> str:
    """A theme's count in the table; None (a side's curation not read) is said, not left blank."""
    return "not counted" if number is None else str(number)


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)
