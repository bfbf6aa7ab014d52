"""The dumps a pull request adds, removes, renames or edits (DumpChange), by file name or bytes.

Comparing dumps reads their files and records, not the curation: a group of its own, apart from
review.py, which lists the changes (dumps_changed) beside the papers' and the themes'.
"""

from __future__ import annotations

import dataclasses
import filecmp
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from papersite.catalogue import SourceSummary
from papersite.dumps import read_dump
from papersite.review_sides import Side, by_keys, paper_keys
from papersite.sources import Record, SourceFile


@dataclass(frozen=True)
class DumpChange:
    """A dump the pull request adds (no ``base``), removes (no ``head``), renames or changes.

    Each side's accounting for the file (what ``papersite check`` prints of it), with what
    sources.yaml says of it; ``edited`` when the file's text differs too. Its papers' pages list
    it by its label, and a removed dump's papers leave the site unless another dump has them.
    """

    base: SourceSummary | None
    head: SourceSummary | None
    edited: bool = False
    # For a dump edited: every record in it reads as before (spaces or line endings alone
    # changed), so no page does.
    same_records: bool = False
    # For a dump removed, or left with no record: how many of its papers other dumps keep, and
    # how many it had.
    kept: tuple[int, int] | None = None
    # The file could not be read on that side (its error is under Check): no record of it is
    # read there, so its counts are no one's edit.
    base_unread: bool = False
    head_unread: bool = False
    # For a dump edited: the base branch's dump, under another name, whose bytes it now holds,
    # and whether that one now holds its own (the two swapped). sources.yaml labels and dates
    # dumps by file name: its entry for this name may describe the other file's records.
    holds: SourceSummary | None = None
    swapped: bool = False
    # For a dump added: another dump of the pull request holding the same bytes.
    copy_of: str | None = None
    # False when either side's sources.yaml could not be read: its labels and dates are then the
    # error's doing (every dump named by its file, undated), not a relabelling.
    labels_read: bool = True

    @property
    def renamed(self) -> bool:
        """Whether the dump is on both sides under two file names."""
        return bool(self.base and self.head and self.base.source.name != self.head.source.name)

    @property
    def relabelled(self) -> bool:
        """Whether sources.yaml gives the dump on both sides two labels."""
        was, now = self.base, self.head
        return bool(self.labels_read and was and now and was.source.label != now.source.label)

    @property
    def redated(self) -> bool:
        """Whether sources.yaml gives the dump on both sides two capture dates (or years)."""
        was, now = self.base, self.head
        return bool(self.labels_read and was and now and _dated(was.source) != _dated(now.source))

    @property
    def site_unchanged(self) -> bool:
        """Whether the site shows nothing of it: only its text changed, not a record in it."""
        return self.same_records and not (self.renamed or self.relabelled or self.redated)

    @property
    def name(self) -> str:
        """The dump's file name in content/sources: the pull request's, when it was renamed."""
        return _name(self.base, self.head)


def dumps_changed(base: Side, head: Side) -> tuple[DumpChange, ...]:
    """The dumps, by file name, that one side has alone, or whose label, date or text differ.

    A dump one side has alone, holding the bytes of one the other side has alone, was renamed:
    one dump, not one removed and another added with the same label and counts. Holding most of
    its records (_mostly_same), it was renamed and edited. A dump edited or added that holds the
    bytes of another under another name is said to: swapped with it, or a copy.
    """
    before = {summary.source.name: summary for summary in base.dumps}
    after = {summary.source.name: summary for summary in head.dumps}
    added = sorted(after.keys() - before.keys())
    renamed: dict[str, str] = {}
    # Each added dump's records, read once however many removed ones are compared with it.
    records: dict[str, Counter[Record] | None] = {}
    for old in sorted(before.keys() - after.keys()):
        # A file that cannot be read is no rename: its error is under Check.
        new = next(
            (
                name
                for name in added
                if _same_bytes(before[old].source.path, after[name].source.path, unreadable=False)
            ),
            None,
        )
        if new is None and added:
            old_records = _records_said(before[old].source)
            for name in added:
                if name not in records:
                    records[name] = _records_said(after[name].source)
            new = next((name for name in added if _mostly_same(old_records, records[name])), None)
        if new is not None:
            added.remove(new)
            renamed[old] = new
    pairs = [
        (before.get(name), after.get(name))
        for name in sorted(before.keys() | after.keys())
        if name not in renamed and name not in renamed.values()
    ]
    pairs += [(before[old], after[new]) for old, new in renamed.items()]
    labels_read = base.sources_unread is None and head.sources_unread is None
    changes = []
    for was, now in sorted(pairs, key=lambda pair: _name(*pair)):
        if now is None:
            assert was is not None  # on one side at least
            # One that could not be read had records unknown, not none.
            base_unread = was.source.name in base.unread_dumps
            stay = _kept_papers(base, head, was.source.name)
            changes.append(DumpChange(was, now, kept=stay, base_unread=base_unread))
            continue
        if was is None:
            # A copy adds no paper, only a second source to each of its papers' pages.
            copy = next((name for name in after if _copy(after[name], now)), None)
            # One that cannot be read is not an empty dump: its records are unknown.
            head_unread = now.source.name in head.unread_dumps
            changes.append(DumpChange(was, now, head_unread=head_unread, copy_of=copy))
            continue
        # Its papers' changes are listed, but not which dump brought them: an edit is named here.
        # A file that cannot be read is not called edited: the reading's error is under Check.
        # One that became unreadable, or readable, did change (a dump replaced by a broken link).
        base_unread = was.source.name in base.unread_dumps
        head_unread = now.source.name in head.unread_dumps
        edited = base_unread != head_unread or not _same_bytes(
            was.source.path, now.source.path, unreadable=True
        )
        # Left with no record, it is as good as removed to its papers: say how many stay.
        kept = None
        if edited and not now.read and was.read:
            kept = _kept_papers(base, head, was.source.name)
        # Names swapped or a file copied over another read as text edited, yet each of its
        # records is now labelled and dated as the other file's entry in sources.yaml does not.
        holds = next((other for other in base.dumps if edited and _copy(other, now)), None)
        swapped = bool(
            holds and holds.source.name in after and _copy(was, after[holds.source.name])
        )
        change = DumpChange(
            was,
            now,
            edited,
            edited and _same_records(was.source, now.source),
            kept,
            base_unread=base_unread,
            head_unread=head_unread,
            holds=holds,
            swapped=swapped,
            labels_read=labels_read,
        )
        if edited or change.renamed or change.relabelled or change.redated:
            changes.append(change)
    return tuple(changes)


def _kept_papers(base: Side, head: Side, name: str) -> tuple[int, int]:
    """Of the base branch's papers a removed dump mentions, how many the pull request still has.

    Beside the dump's records, the Removed list reads as all of them; those other dumps mention
    stay, told by paper (paper_keys) as an id can change.
    """
    known = by_keys(head)
    papers = [
        paper
        for paper_id in (*base.papers, *base.hidden)
        if (paper := base.paper(paper_id)) is not None and name in paper.sources
    ]
    return sum(not paper_keys(paper).isdisjoint(known) for paper in papers), len(papers)


def _name(was: SourceSummary | None, now: SourceSummary | None) -> str:
    """A dump's file name in the pull request, or on the base branch when it is removed."""
    summary = now or was
    assert summary is not None  # on one side at least
    return summary.source.name


def _copy(was: SourceSummary, now: SourceSummary) -> bool:
    """Whether ``now`` holds the same records as another file ``was``: the same bytes."""
    # An empty file or one not read is no copy of another such: it holds no record of it.
    return (
        was.source.name != now.source.name
        and now.read > 0
        and _same_bytes(was.source.path, now.source.path, unreadable=False)
    )


def _same_bytes(was: Path, now: Path, *, unreadable: bool) -> bool:
    """Whether two dumps hold the same bytes; ``unreadable`` when either cannot be read."""
    # filecmp calls a folder or a pipe different from anything, where a broken link raises.
    if not (was.is_file() and now.is_file()):
        return unreadable
    try:
        return filecmp.cmp(was, now, shallow=False)
    except OSError:
        return unreadable


def _same_records(was: SourceFile, now: SourceFile) -> bool:
    """Whether two dumps read as the same records, in the same order, wherever their lines are.

    Trailing spaces or line endings changed, or a blank line added, change no page: the
    catalogue merges records by what they say, and only their order within a dump decides ids.
    """
    before, after = read_dump(was), read_dump(now)
    return (
        not before.unread
        and not after.unread
        and before.skipped_titles == after.skipped_titles
        and [_said(record) for record in before.records]
        == [_said(record) for record in after.records]
    )


def _records_said(source: SourceFile) -> Counter[Record] | None:
    """A dump's records as _said gives them, counted; None when the file cannot be read."""
    dump = read_dump(source)
    return None if dump.unread else Counter(_said(record) for record in dump.records)


def _mostly_same(was: Counter[Record] | None, now: Counter[Record] | None) -> bool:
    """Whether most records of two dumps, read, are the same records (wherever their lines are).

    More than half of the longer one's: a dump renamed as some of its records were edited,
    not a dump removed and another added.
    """
    if was is None or now is None:
        return False
    return 2 * (was & now).total() > max(was.total(), now.total())


def _said(record: Record) -> Record:
    """A record without where its dump has it: its file and its lines."""
    return dataclasses.replace(record, source="", line=0, date_line=None)


def _dated(source: SourceFile) -> tuple[date | None, int | None]:
    return source.captured, source.captured_year
