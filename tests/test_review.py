from __future__ import annotations

import os
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from papersite import rules, summary
from papersite.cli import main
from papersite.errors import PapersiteError
from papersite.markup import code_span, escape_gfm
from papersite.review import review
from papersite.review_sides import Place
from papersite.review_text import NOTE_SHOWN
from papersite.summary import format_review

from .conftest import (
    CURATION_DATA,
    DATA,
    LONG,
    SHARED,
    TWIN_STEM,
    write_second_page,
    write_twins,
)

REVIEW_DATA = DATA / "review"
# The summary between its first line and its Check list while the pull request's papers are not
# compared (its papers.yaml or themes.yaml could not be read): the base's counts alone.
NOT_COUNTED = (
    "\n"
    "### Papers per theme\n"
    "\n"
    "| theme | base | this PR | change | featured |\n"
    "| --- | ---: | ---: | ---: | ---: |\n"
    "| Efficiency | 3 | not counted |  |  |\n"
    "| Sequence Models | 2 | not counted |  |  |\n"
    "| Arithmetic Reasoning | 1 | not counted |  |  |\n"
    "| Unsorted | 1 | not counted |  |  |\n"
    "\n"
    "### Dumps (1)\n"
    "\n"
    "- `dump.txt`: text edited; 7 records, 7 papers first seen in this dump\n"
    "\n"
    "### Check\n"
    "\n"
)
# What tests/data/review's papers.yaml edits in teaching-transformers-to-add: its note, shown anew.
NOTE_EDITED = (
    "note, now: The cleanest study of \\*length generalisation\\* on addition; read it first."
)


@pytest.fixture
def head_content(curated_content: Path) -> Path:
    """The pull request's side of ./content: tests/data/review's dump and papers.yaml, as ./head."""
    head = Path("head")
    (head / "sources").mkdir(parents=True)
    (head / "curation").mkdir()
    shutil.copy(REVIEW_DATA / "dump.txt", head / "sources" / "dump.txt")
    shutil.copy(REVIEW_DATA / "papers.yaml", head / "curation" / "papers.yaml")
    shutil.copy(CURATION_DATA / "themes.yaml", head / "curation" / "themes.yaml")
    return head


def test_review_summarises_counts_added_moved_removed_and_check_messages(
    curated_content: Path, head_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    assert capsys.readouterr().out == (
        "## Content review\n"
        "\n"
        "**6 → 6 papers** on the site: 2 added, 1 moved, 2 removed, 2 edited; "
        "`papersite check`: 0 errors, 1 warning.\n"
        "\n"
        "### Papers per theme\n"
        "\n"
        "| theme | base | this PR | change | featured |\n"
        "| --- | ---: | ---: | ---: | ---: |\n"
        "| Efficiency | 3 | 5 | +2 | 1 |\n"
        "| Sequence Models | 2 | 0 | -2 | 0 |\n"
        "| Arithmetic Reasoning | 1 | 1 | 0 | 1 |\n"
        "| Unsorted | 1 | 1 | 0 |  |\n"
        "\n"
        "### Dumps (1)\n"
        "\n"
        "- `dump.txt`: text edited; 7 records, 7 papers first seen in this dump\n"
        "\n"
        "### Added (2)\n"
        "\n"
        "- A Survey of Cooking Robots `a-survey-of-cooking-robots`: `unsorted` "
        "(unhidden; not yet decided in papers.yaml)\n"
        "- Speculative Decoding \\<Fast\\> \\| Drafts\\* `speculative-decoding-fast-drafts`: "
        "`efficiency / fast-decoding` (placed by the rules: not yet decided in papers.yaml)\n"
        "\n"
        "### Moved (1)\n"
        "\n"
        "- Teaching Transformers to Add `teaching-transformers-to-add`: "
        "`sequence-models / transformers`, `arithmetic-reasoning / arithmetic` → "
        "`efficiency / fast-decoding`, `arithmetic-reasoning / arithmetic`\n"
        "\n"
        "### Removed (2)\n"
        "\n"
        "- Kernels That Speed Up Training `kernels-that-speed-up-training`: was `unsorted` "
        "(no longer in any dump)\n"
        "- Selective State Space Models for Long Context "
        "`selective-state-space-models-for-long-context`: was `sequence-models / state-space` "
        "(hidden: Superseded by its journal version.)\n"
        "\n"
        "### Notes and details edited (2)\n"
        "\n"
        "- Quantized State Space Models `quantized-state-space-models`: tag `quantization` added\n"
        "- Teaching Transformers to Add `teaching-transformers-to-add`: "
        "note, now: The cleanest study of \\*length generalisation\\* on addition; read it first.\n"
        "\n"
        "### Check\n"
        "\n"
        "- **warning** `head/curation/themes.yaml:20`: theme 'sequence-models' has no papers\n"
    )


def test_a_tag_told_apart_by_a_space_that_is_no_space_names_it_in_the_check_list(
    curated_content: Path, head_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Shown as a space, the no-break space made the warning name one tag twice; the terminal
    # shows it as '\xa0'.
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    text = text.replace("tags: [addition]", "tags: [deep learning]")
    papers.write_text(text.replace("tags: [quantization]", "tags: [deep\xa0learning]"))
    assert main(["review", "--base-content", "content", "--content", "head", "--job-summary"]) == 0
    check = capsys.readouterr().out.split("### Check\n\n")[1]
    assert (
        "- **warning** `head/curation/papers.yaml:17`: tag 'deep\\<U+00A0\\>learning' looks like "
        "'deep learning' on 1 paper"
    ) in check


def test_unchanged_content_reviews_as_no_change(curated_content: Path) -> None:
    report = review(curated_content, curated_content)
    assert (report.added, report.moved, report.removed, report.problems) == ((), (), (), ())
    assert (report.catalogue, report.upvotes_changed, report.dumps) == ((), 0, ())
    assert [(c.theme, c.base, c.head, c.delta) for c in report.counts] == [
        ("efficiency", 3, 3, 0),
        ("sequence-models", 2, 2, 0),
        ("arithmetic-reasoning", 1, 1, 0),
        ("unsorted", 1, 1, 0),
    ]
    assert report.themes_edited == ()
    assert report.unchanged
    # Said in one line: a table of zeros and four lists of "None." hid that nothing changed.
    assert format_review(report) == (
        "## Content review\n"
        "\n"
        "**No change to the site**: no paper, theme, rule or dump differs from the base branch "
        "(6 papers on the site); `papersite check`: 0 errors, 0 warnings.\n"
    )


def test_a_pull_request_that_changes_nothing_says_so_and_keeps_its_check_list(
    curated_content: Path,
) -> None:
    # A theme with no papers warns on both sides; the pull request only edits comments.
    empty = "  - id: empty\n    title: Empty\n    intro: None yet.\n    sections:\n"
    empty += "      - id: all\n        title: All\n"
    with (curated_content / "curation" / "themes.yaml").open("a", encoding="utf-8") as themes:
        themes.write(empty)
    head = _head_copy(curated_content)
    for name in ("themes.yaml", "papers.yaml"):
        path = head / "curation" / name
        path.write_text(f"# Edited.\n{path.read_text(encoding='utf-8')}", encoding="utf-8")
    text = format_review(review(curated_content, head))
    assert text == (
        "## Content review\n"
        "\n"
        "**No change to the site**: no paper, theme, rule or dump differs from the base branch "
        "(6 papers on the site); `papersite check`: 0 errors, 1 warning.\n"
        "\n"
        "### Check\n"
        "\n"
        "- **warning** `head/curation/themes.yaml:42`: theme 'empty' has no papers\n"
    )


def test_a_pull_request_whose_only_edit_is_in_error_does_not_claim_no_rule_differs(
    curated_content: Path,
) -> None:
    # The second threshold is an error, so the rules read as before: "no rule differs" would
    # vouch for an edit nothing compared.
    head = _head_copy(curated_content)
    _edit_themes(head, ("threshold: 3\n", "threshold: 3\n      threshold: 1\n"))
    assert format_review(review(curated_content, head)).startswith(
        "## Content review\n"
        "\n"
        "**No change to the site that could be read**: no paper, theme, rule or dump differs from "
        "the base branch as read (6 papers on the site), and what errors keep from being read is "
        "not compared (see Check); `papersite check`: 1 error, 0 warnings.\n"
        "\n"
        "### Check\n"
    )


def test_a_new_entry_under_a_typo_lists_the_paper_it_names_as_not_compared(
    curated_content: Path,
) -> None:
    # The base branch has no entry for the paper: the note meant for it is lost all the same.
    head = _head_copy(curated_content)
    with (head / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write("  four-bit-quantizaton-of-large-language-models:\n    note: Kept.\n")
    report = review(curated_content, head)
    assert [(n.paper_id, n.where) for n in report.not_compared] == [
        (
            "four-bit-quantization-of-large-language-models",
            "in this pull request: its entry at `head/curation/papers.yaml:17` names no paper now "
            "(see Check)",
        )
    ]
    assert not report.unchanged


def test_a_pull_request_that_changes_one_thing_keeps_the_whole_summary(
    curated_content: Path,
) -> None:
    # Its lists say "None." where nothing changed, as always: a reviewer knows where to look.
    head = _head_copy(curated_content)
    papers = head / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("note: Quantizes", "note: It quantizes"), encoding="utf-8")
    report = review(curated_content, head)
    assert not report.unchanged
    text = format_review(report)
    assert text.startswith(
        "## Content review\n\n**6 → 6 papers** on the site: 0 added, 0 moved, 0 removed, "
        "1 edited; `papersite check`: 0 errors, 0 warnings.\n\n### Papers per theme\n"
    )
    assert text.count("\nNone.\n") == 3
    assert "Catalogue changes" not in text  # shown only when a dump changed something
    assert "dded hidden" not in text  # shown only when a dump brings a paper hidden at once
    assert "Themes edited" not in text and "themes edited" not in text
    assert "### Dumps" not in text  # shown only when a dump, or what sources.yaml says, changed
    assert text.endswith("### Check\n\nNo errors or warnings.\n")


def _list_dumps(content: Path, entries: str) -> None:
    """Write content's sources.yaml, listing dumps with these entries (YAML, two spaces in)."""
    (content / "sources" / "sources.yaml").write_text(f"sources:\n{entries}", encoding="utf-8")


def test_dumps_added_removed_relabelled_or_redated_are_named(curated_content: Path) -> None:
    # A label is what a paper's page lists under Sources: changed alone, it changed 43 pages
    # that the review said nothing of. A dump added or removed was known by its papers alone.
    (curated_content / "sources" / "old.txt").write_text(
        "Kernels That Speed Up Training\n\nCustom kernels.\n", encoding="utf-8"
    )
    _list_dumps(
        curated_content,
        "  dump.txt: {label: 'Daily, November', captured: 2025-11-20}\n"
        "  old.txt: {label: Old, captured: 2025}\n",
    )
    head = _head_copy(curated_content)
    (head / "sources" / "old.txt").unlink()
    _add_dump(head, "Paged Caches for Serving", "Sourdough Bread at Home")
    _list_dumps(
        head,
        "  dump.txt: {label: 'Daily, 20 November', captured: 2025-11-21}\n"
        "  new.txt: {label: 'A *new* `dump`', captured: 2025-11-22}\n",
    )
    report = review(curated_content, head)
    assert [(c.name, c.base is None, c.head is None, c.edited) for c in report.dumps] == [
        ("dump.txt", False, False, False),
        ("new.txt", True, False, False),
        ("old.txt", False, True, False),
    ]
    text = format_review(report)
    # Labels are the curators' text, shown as written in code spans, as link labels are. The
    # kernels paper was first captured in old.txt (2025 counts from its first day): removed, it is
    # first seen in dump.txt.
    assert (
        "| Unsorted | 1 | 3 | +2 |  |\n"
        "\n"
        "### Dumps (3)\n"
        "\n"
        "- `dump.txt`: label `Daily, November` → `Daily, 20 November`, "
        "captured 2025-11-20 → 2025-11-21; 7 records, 6 → 7 papers first seen in this dump\n"
        "- `new.txt` added: label `` A *new* `dump` ``, captured 2025-11-22; 2 records, "
        "2 papers first seen in this dump\n"
        "- `old.txt` removed: label `Old`, captured 2025; it had 1 record, "
        "1 paper first seen in this dump; of its 1 paper, 1 stays through other dumps\n"
        "\n"
        "### Added (2)\n"
    ) in text


def test_a_dump_removed_says_how_many_of_its_papers_other_dumps_keep(
    curated_content: Path,
) -> None:
    # "It had 2 records" beside "1 removed" read as if both of its papers had left the site.
    (curated_content / "sources" / "old.txt").write_text(
        "Kernels That Speed Up Training\n\nCustom kernels.\n\n"
        "Paged Caches for Serving\n\nCaches, in pages.\n",
        encoding="utf-8",
    )
    head = _head_copy(curated_content)
    (head / "sources" / "old.txt").unlink()
    report = review(curated_content, head)
    assert [(c.name, c.kept) for c in report.dumps] == [("old.txt", (1, 2))]
    text = format_review(report)
    assert "0 moved, 1 removed, 0 edited" in text
    assert (
        "- `old.txt` removed: label `old.txt`, captured unknown; it had 2 records, "
        "1 paper first seen in this dump; of its 2 papers, 1 stays through other dumps\n"
    ) in text


def _two_dumps(content: Path) -> Path:
    """Give content old.txt, of a paper dump.txt has and one of its own; a copy of it as ./head."""
    (content / "sources" / "old.txt").write_text(
        "Kernels That Speed Up Training\n\nCustom kernels.\n\n"
        "Paged Caches for Serving\n\nCaches, in pages.\n",
        encoding="utf-8",
    )
    return _head_copy(content)


def test_a_dump_that_cannot_be_read_is_said_so_and_its_papers_not_called_gone(
    curated_content: Path,
) -> None:
    # Re-saved as UTF-16, it read as "text edited; 2 → 0 records", and its papers as "no longer
    # in any dump", where check says the file may hold them once it is fixed.
    head = _two_dumps(curated_content)
    old = head / "sources" / "old.txt"
    old.write_bytes(old.read_text(encoding="utf-8").encode("utf-16-le"))
    report = review(curated_content, head)
    assert [(c.name, c.head_unread, c.kept) for c in report.dumps] == [("old.txt", True, (1, 2))]
    text = format_review(report)
    assert (
        "- `old.txt`: could not be read (see Check); it had 2 records, 1 paper first seen in this "
        "dump; of its 2 papers, 1 stays through other dumps\n"
    ) in text
    assert (
        "- Paged Caches for Serving `paged-caches-for-serving`: was `unsorted` "
        "(`old.txt` could not be read, and may hold it: see Check)\n"
    ) in text


def _unreadable(path: Path, kind: str) -> None:
    """Make at path what no dump can be read from: a "folder", a "pipe" or a "broken link"."""
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/nonexistent/x")


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("broken link", "cannot read file: No such file or directory (a broken link?)"),
        ("pipe", "is not a regular file (a pipe, a socket or a device)"),
    ],
)
def test_a_dump_replaced_by_a_broken_link_or_a_pipe_is_one_that_cannot_be_read(
    curated_content: Path, replacement: str, message: str
) -> None:
    # It read as removed, its papers as in no dump, where check says the file cannot be read.
    head = _two_dumps(curated_content)
    old = head / "sources" / "old.txt"
    old.unlink()
    _unreadable(old, replacement)
    report = review(curated_content, head)
    assert [(c.name, c.head_unread, c.kept) for c in report.dumps] == [("old.txt", True, (1, 2))]
    text = format_review(report)
    assert "- `old.txt`: could not be read (see Check); it had 2 records" in text
    assert "(`old.txt` could not be read, and may hold it: see Check)\n" in text
    assert [problem.message for problem in report.problems] == [message]


@pytest.mark.parametrize("kind", ["folder", "pipe", "broken link"])
def test_a_dump_added_that_cannot_be_read_is_said_so(curated_content: Path, kind: str) -> None:
    # It read as "added: … 0 records, 0 papers first seen in this dump", as if empty.
    head = _head_copy(curated_content)
    _unreadable(head / "sources" / "new.txt", kind)
    report = review(curated_content, head)
    assert [(c.name, c.head_unread) for c in report.dumps] == [("new.txt", True)]
    assert (
        "- `new.txt` added: label `new.txt`, captured unknown; could not be read (see Check)\n"
    ) in format_review(report)


@pytest.mark.parametrize("kind", ["folder", "pipe", "broken link"])
def test_a_dump_removed_that_could_not_be_read_on_the_base_branch_is_said_so(
    curated_content: Path, kind: str
) -> None:
    # It read as "removed: … it had 0 records, 0 papers first seen in this dump", as if empty.
    head = _head_copy(curated_content)
    _unreadable(curated_content / "sources" / "z.txt", kind)
    _list_dumps(curated_content, "  z.txt: {label: Z, captured: 2025-11-02}\n")
    report = review(curated_content, head)
    assert [(c.name, c.base_unread) for c in report.dumps] == [("z.txt", True)]
    assert (
        "- `z.txt` removed: label `Z`, captured 2025-11-02; could not be read on the base branch\n"
    ) in format_review(report)


def test_a_dump_that_is_a_folder_on_both_sides_is_not_listed(curated_content: Path) -> None:
    # Unchanged, it is no change to review, as a broken link or a UTF-16 file left alone is not;
    # it read as "could not be read, nor on the base branch".
    (curated_content / "sources" / "old.txt").mkdir()
    report = review(curated_content, _head_copy(curated_content))
    assert report.dumps == ()


def test_a_dump_emptied_says_how_many_of_its_papers_other_dumps_keep(
    curated_content: Path,
) -> None:
    # "Text edited; 2 → 0 records" beside "1 removed" read as if both of its papers had left.
    head = _two_dumps(curated_content)
    (head / "sources" / "old.txt").write_bytes(b"")
    text = format_review(review(curated_content, head))
    assert (
        "- `old.txt`: text edited; 2 → 0 records, 1 → 0 papers first seen in this dump; "
        "of its 2 papers, 1 stays through other dumps\n"
    ) in text
    assert "(no longer in any dump)\n" in text


def test_dumps_whose_contents_were_swapped_are_said_to_be(curated_content: Path) -> None:
    # Names swapped read as two plain edits, though every record's page now gave it the other
    # file's label and capture date.
    _list_dumps(
        curated_content,
        "  dump.txt: {label: Daily, captured: 2025-11-20}\n"
        "  old.txt: {label: Old, captured: 2025}\n",
    )
    head = _two_dumps(curated_content)
    dump, old = head / "sources" / "dump.txt", head / "sources" / "old.txt"
    texts = dump.read_bytes(), old.read_bytes()
    dump.write_bytes(texts[1])
    old.write_bytes(texts[0])
    text = format_review(review(curated_content, head))
    assert (
        "- `dump.txt`: contents swapped with `old.txt`; its label and capture date in "
        "sources.yaml are not those `old.txt` had, so they no longer describe its records; "
        "7 → 2 records, 6 → 1 papers first seen in this dump\n"
        "- `old.txt`: contents swapped with `dump.txt`; its label and capture date in "
        "sources.yaml are not those `dump.txt` had, so they no longer describe its records; "
        "2 → 7 records, 2 → 7 papers first seen in this dump\n"
    ) in text
    # sources.yaml's entries swapped with them: the labels and dates follow the records.
    _list_dumps(
        head,
        "  dump.txt: {label: Old, captured: 2025}\n"
        "  old.txt: {label: Daily, captured: 2025-11-20}\n",
    )
    text = format_review(review(curated_content, head))
    assert (
        "- `old.txt`: label `Old` → `Daily`, captured 2025 → 2025-11-20, contents swapped with "
        "`dump.txt`; 2 → 7 records, 2 → 6 papers first seen in this dump\n"
    ) in text
    # One file copied over another, which stays: it holds what that one held.
    old.write_bytes(texts[1])
    text = format_review(review(curated_content, head))
    assert (
        "- `dump.txt`: label `Daily` → `Old`, captured 2025-11-20 → 2025, now holds what "
        "`old.txt` held; 7 → 2 records, 6 → 2 papers first seen in this dump\n"
    ) in text


def test_a_dump_added_as_a_copy_of_another_is_said_to_be(curated_content: Path) -> None:
    head = _two_dumps(curated_content)
    shutil.copy(head / "sources" / "old.txt", head / "sources" / "older.txt")
    assert (
        "- `older.txt` added: label `older.txt`, captured unknown; 2 records, 0 papers first "
        "seen in this dump; it holds the same bytes as `old.txt`, so its records add nothing but "
        "a second source\n"
    ) in format_review(review(curated_content, head))


# How the line saying a sources.yaml could not be read ends: the catalogue is not compared either.
NOR_PAPERS = (
    "and papers' titles, abstracts, dates and upvotes from the dumps are not compared either "
    "(the capture dates decide them)."
)


def test_a_sources_yaml_that_cannot_be_read_is_said_in_one_line_not_dump_by_dump(
    curated_content: Path,
) -> None:
    # Every dump read as relabelled to its file name and redated to unknown, one line each.
    _list_dumps(curated_content, "  dump.txt: {label: Daily, captured: 2025-11-20}\n")
    head = _head_copy(curated_content)
    with (head / "sources" / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write("  old.txt: [oops\n")
    report = review(curated_content, head)
    assert report.dumps == ()
    assert not report.unchanged
    assert (
        "### Dumps (0)\n"
        "\n"
        "**Labels and capture dates not compared**: this pull request's "
        "`head/sources/sources.yaml` could not be read (see Check), so what it says of each "
        f"dump is not known, {NOR_PAPERS}\n"
        "\n"
        "### Added (0)\n"
    ) in format_review(report)
    # The base branch's too, and a dump edited: its line follows.
    shutil.copy(head / "sources" / "sources.yaml", curated_content / "sources" / "sources.yaml")
    with (head / "sources" / "dump.txt").open("a", encoding="utf-8") as dump:
        dump.write("Paged Caches for Serving\nCaches, in pages.\n")
    assert (
        "`head/sources/sources.yaml` and the base branch's `content/sources/sources.yaml` could "
        f"not be read (see Check), so what they say of each dump is not known, {NOR_PAPERS}\n"
        "\n"
        "- `dump.txt`: text edited; 7 → 8 records"
    ) in format_review(review(curated_content, head))


@pytest.mark.parametrize("side", ["head", "content"])
def test_a_sources_yaml_that_cannot_be_read_leaves_the_catalogue_uncompared(
    curated_content: Path, side: str
) -> None:
    # A year-less date reads as unknown without the dump's capture date: the error's doing.
    (curated_content / "sources" / "dated.txt").write_text(
        "Paged Caches for Serving\n\nCaches, in pages.\n\n  • 2 authors\n·\nNov 2 7\n",
        encoding="utf-8",
    )
    _list_dumps(
        curated_content,
        "  dump.txt: {label: Daily, captured: 2025-11-20}\n"
        "  dated.txt: {label: Dated, captured: 2025-11-20}\n",
    )
    head = _head_copy(curated_content)
    (Path(side) / "sources" / "sources.yaml").write_text(
        "sources:\n  dump.txt: {label: Daily, captured: [2025-11-19}\n", encoding="utf-8"
    )
    report = review(curated_content, head)
    assert report.catalogue == ()
    assert report.upvotes_changed == 0
    text = format_review(report)
    assert "0 added, 0 moved, 0 removed, 0 edited; " in text
    assert "Catalogue changes" not in text
    assert NOR_PAPERS in text


def test_a_dump_whose_text_changed_is_named_with_its_counts_before_and_after(
    curated_content: Path,
) -> None:
    head = _head_copy(curated_content)
    with (head / "sources" / "dump.txt").open("a", encoding="utf-8") as dump:
        dump.write("Paged Caches for Serving\nCaches, in pages.\n")
    report = review(curated_content, head)
    assert not report.unchanged
    assert "\n- `dump.txt`: text edited; 7 → 8 records, 7 → 8 papers first seen in this dump\n" in (
        format_review(report)
    )


def test_a_dump_renamed_is_one_dump_under_another_name(curated_content: Path) -> None:
    # It showed as one dump removed and one added, of the same label and counts.
    _list_dumps(curated_content, "  dump.txt: {label: Daily, captured: 2025-11-20}\n")
    head = _head_copy(curated_content)
    (head / "sources" / "dump.txt").rename(head / "sources" / "000_daily.txt")
    _list_dumps(head, "  000_daily.txt: {label: Daily, captured: 2025-11-20}\n")
    report = review(curated_content, head)
    assert [(c.name, c.base is None, c.head is None, c.edited) for c in report.dumps] == [
        ("000_daily.txt", False, False, False)
    ]
    assert not report.unchanged
    assert (
        "### Dumps (1)\n"
        "\n"
        "- `000_daily.txt`: renamed from `dump.txt`; 7 records, 7 papers first seen in this "
        "dump\n"
    ) in format_review(report)


def test_a_dump_renamed_and_edited_is_one_dump_when_most_records_match(
    curated_content: Path,
) -> None:
    # A record edited as the file was renamed showed as one dump removed and one added.
    _list_dumps(curated_content, "  dump.txt: {label: Daily, captured: 2025-11-20}\n")
    head = _head_copy(curated_content)
    dump = head / "sources" / "dump.txt"
    text = dump.read_text(encoding="utf-8").replace("Robots that cook", "Robots that bake")
    (head / "sources" / "000_daily.txt").write_text(text, encoding="utf-8")
    dump.unlink()
    _list_dumps(head, "  000_daily.txt: {label: Daily, captured: 2025-11-20}\n")
    report = review(curated_content, head)
    assert [(c.name, c.renamed, c.edited, c.same_records) for c in report.dumps] == [
        ("000_daily.txt", True, True, False)
    ]
    assert (
        "- `000_daily.txt`: renamed from `dump.txt`, text edited; 7 records, 7 papers first "
        "seen in this dump\n"
    ) in format_review(report)


def test_a_dump_whose_records_read_as_before_is_named_and_changes_nothing(
    curated_content: Path,
) -> None:
    # Trailing spaces and Windows line endings showed as "text edited; 7 records read, 7 new
    # papers" in a review of 0 added: as if the papers had come with the edit.
    head = _head_copy(curated_content)
    dump = head / "sources" / "dump.txt"
    lines = dump.read_text(encoding="utf-8").splitlines()
    dump.write_bytes("".join(f"{line}  \r\n" for line in lines).encode("utf-8"))
    report = review(curated_content, head)
    assert [(c.name, c.edited, c.same_records) for c in report.dumps] == [("dump.txt", True, True)]
    assert report.unchanged
    assert format_review(report) == (
        "## Content review\n"
        "\n"
        "**No change to the site**: no paper, theme, rule or dump differs from the base branch "
        "(6 papers on the site); `papersite check`: 0 errors, 0 warnings. Text edited in "
        "`dump.txt`, with every record reading as before.\n"
    )
    # With another change, the dump is listed as it is.
    papers = head / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("note: Quantizes", "note: It quantizes"), encoding="utf-8")
    assert (
        "- `dump.txt`: text edited, every record reading as before; 7 records, "
        "7 papers first seen in this dump\n"
    ) in format_review(review(curated_content, head))
    # A word changed is a change, though the counts stay.
    text = "\n".join(lines).replace("Robots that cook", "Robots that bake")
    dump.write_text(text, encoding="utf-8")
    report = review(curated_content, head)
    assert [(c.edited, c.same_records) for c in report.dumps] == [(True, False)]


def test_a_theme_the_pull_request_s_themes_yaml_cannot_read_is_not_counted_as_emptied(
    curated_content: Path, head_content: Path
) -> None:
    # A section without its title costs the whole theme: its papers fall to other themes or to
    # Unsorted, which is a mistake to fix under Check, not the curators emptying a theme.
    themes = head_content / "curation" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    themes.write_text(text.replace("        title: Quantization\n", "        titel: x\n"), "utf-8")
    counts = {count.theme: count for count in review(curated_content, head_content).counts}
    assert (counts["efficiency"].base, counts["efficiency"].head) == (3, None)
    assert counts["efficiency"].delta is None
    assert counts["unsorted"].head is None
    assert counts["sequence-models"].head is not None


def test_a_theme_renamed_with_formerly_keeps_its_addresses_in_the_review(
    curated_content: Path, head_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    themes = head_content / "curation" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    renamed = "  - id: numbers\n    formerly: arithmetic-reasoning\n"
    themes.write_text(text.replace("  - id: arithmetic-reasoning\n", renamed), encoding="utf-8")
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    out = capsys.readouterr().out
    assert "| Arithmetic Reasoning (renamed: `arithmetic-reasoning` → `numbers`) | 1 |" in out
    assert "removed: `arithmetic-reasoning`" not in out
    assert "stops publishing" not in out
    # The same theme: its old page redirects (render.py), and its feed and BibTeX, which cannot,
    # are served as copies under the old names.
    assert (
        "\nOld addresses kept by `formerly`: `themes/arithmetic-reasoning/` redirects to "
        "`themes/numbers/`, and `feeds/arithmetic-reasoning.xml` and "
        "`bibtex/arithmetic-reasoning.bib` serve copies of its feed and BibTeX.\n"
    ) in out


def test_errors_in_the_pull_request_are_listed_and_a_deleted_theme_still_counts(
    curated_content: Path, head_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    themes = head_content / "curation" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    themes.write_text(text[: text.index("  - id: arithmetic-reasoning")], encoding="utf-8")
    # An error on the base branch is not the pull request's doing, so it is not listed.
    with (curated_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write("  no-such-paper:\n    order: 1\n")
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    out = capsys.readouterr().out
    assert "| Arithmetic Reasoning (removed: `arithmetic-reasoning`) | 1 | 0 | -1 |  |\n" in out
    assert (
        "\nAddresses the site stops publishing, which links and feed readers use: "
        "`themes/arithmetic-reasoning/`, `feeds/arithmetic-reasoning.xml`, "
        "`bibtex/arithmetic-reasoning.bib`. A theme renamed keeps them by listing its old id "
        "under `formerly`.\n"
    ) in out
    assert "`papersite check`: 2 errors, 1 warning.\n" in out
    # A theme gone with no theme left for it to have become is said to be removed.
    gone = (
        "unknown theme 'arithmetic-reasoning' (themes: efficiency, sequence-models): removed from "
        "themes.yaml? remove it from the entries, or start papers.yaml afresh: leave only its line "
        "'papers:' and run 'papersite triage'"
    )
    assert out.endswith(
        "### Check\n\n"
        "- **warning** `head/curation/themes.yaml:20`: theme 'sequence-models' has no papers\n"
        f"- **error** `head/curation/papers.yaml:6`: {gone}\n"
        f"- **error** `head/curation/papers.yaml:7`: {gone}\n"
    )


def test_a_runaway_regex_in_the_pull_request_is_listed_and_the_review_still_made(
    curated_content: Path,
    head_content: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rules, "REGEX_TIMEOUT_SECONDS", 0.05)
    themes = head_content / "curation" / "themes.yaml"
    old = "{regex: 'speed(s|ed)? up', weight: 0.5}"
    text = themes.read_text(encoding="utf-8")
    assert old in text
    # "(.|..)+" tries every way of splitting a paper's text into ones and twos.
    themes.write_text(text.replace(old, r"{regex: '(.|..)+\d', weight: 0.5}"), encoding="utf-8")
    with (head_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write("  no-such-paper:\n    order: 1\n")
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    out = capsys.readouterr().out
    # The summary is made, and the runaway listed among the other problems.
    assert "| Efficiency |" in out
    # The summary is markup: '|' and '\' in a message are escaped.
    assert "\n- **error** `head/curation/themes.yaml:18`: " + r"regex '(.\|..)+\\d' ran over" in out
    assert "`head/curation/papers.yaml:" in out and "unknown paper id 'no-such-paper'" in out


def test_a_theme_given_a_new_id_shows_as_one_removed_and_one_new_by_their_ids(
    curated_content: Path, head_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two rows titled alike, without ids, read as a mistake of the table.
    for name in ("themes.yaml", "papers.yaml"):
        path = head_content / "curation" / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("arithmetic-reasoning", "arithmetic"), encoding="utf-8")
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    out = capsys.readouterr().out
    assert "| Arithmetic Reasoning (new: `arithmetic`) | not counted |" not in out
    rows = [line for line in out.splitlines() if line.startswith("| Arithmetic Reasoning")]
    assert rows == [
        "| Arithmetic Reasoning (new: `arithmetic`) | 0 | 1 | +1 | 1 |",
        "| Arithmetic Reasoning (removed: `arithmetic-reasoning`) | 1 | 0 | -1 |  |",
    ]
    assert "`themes/arithmetic-reasoning/`" in out


def test_a_papers_yaml_that_cannot_be_read_is_said_and_no_paper_compared(
    curated_content: Path, head_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two spaces short, the note breaks the YAML: the rules alone then place every paper, which
    # once reviewed as papers moved, unfeatured and edited by the hundred.
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("    note:", "  note:", 1), encoding="utf-8")
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    assert capsys.readouterr().out == (
        "## Content review\n"
        "\n"
        "**Papers not compared**: this pull request's `head/curation/papers.yaml` could not be "
        "read, so what the curators decided is not known and the papers stand where the rules "
        "alone put them; once the error under Check is fixed, the review lists the changes. "
        "`papersite check`: 1 error, 0 warnings.\n"
        + NOT_COUNTED
        + "- **error** `head/curation/papers.yaml:8`: YAML syntax error: this line starts in "
        "column 3 and the keys on lines 7 and 9 around it in column 5, so YAML reads it as ending "
        "their entry; indent it to column 5 like them\n"
    )


def test_a_base_papers_yaml_that_cannot_be_read_is_said_too(
    curated_content: Path, head_content: Path
) -> None:
    (curated_content / "curation" / "papers.yaml").write_text("papers: [\n", encoding="utf-8")
    report = review(curated_content, head_content)
    assert (report.base_unread, report.head_unread) == (("content/curation/papers.yaml",), ())
    assert (report.added, report.moved, report.removed, report.edited) == ((), (), (), ())
    efficiency = report.counts[0]
    assert (efficiency.base, efficiency.head, efficiency.delta, efficiency.featured) == (
        None,
        5,
        None,
        1,
    )
    text = format_review(report)
    assert text.startswith(
        "## Content review\n\n**Papers not compared**: the base branch's "
        "`content/curation/papers.yaml` could not be read, so what the curators decided is not "
        "known and the papers stand where the rules alone put them; once the base branch's file "
        "is fixed, the review lists the changes. `papersite check`: 0 errors, 1 warning.\n"
    )
    assert "| Efficiency | not counted | 5 |  | 1 |\n" in text


@pytest.mark.parametrize("target", ["curation", "/nonexistent/curation"])
def test_a_curation_folder_that_cannot_be_read_is_said_in_one_line_as_themes_yaml_is(
    curated_content: Path, head_content: Path, target: str
) -> None:
    # A link that loops or leads nowhere read as no curation at all: every theme removed and
    # every paper moved to Unsorted (on the base branch, every theme new).
    shutil.rmtree(head_content / "curation")
    (head_content / "curation").symlink_to(target)
    report = review(curated_content, head_content)
    assert (report.base_unread, report.head_unread) == ((), ("head/curation",))
    assert (report.added, report.moved, report.removed, report.not_compared) == ((), (), (), ())
    text = format_review(report)
    assert text.startswith(
        "## Content review\n\n**Papers not compared**: this pull request's `head/curation` could "
        "not be read, so which themes there are, and which papers each holds, is not known; once "
        "the error under Check is fixed, the review lists the changes."
    )
    # As with an unreadable themes.yaml, its side is not counted, and no address is said to go:
    # the table read every theme as removed (3 → 0) and its papers as moved to Unsorted.
    assert (
        "| Efficiency | 3 | not counted |  |  |\n"
        "| Sequence Models | 2 | not counted |  |  |\n"
        "| Arithmetic Reasoning | 1 | not counted |  |  |\n"
        "| Unsorted | 1 | not counted |  |  |\n"
    ) in text
    assert "Addresses" not in text
    report = review(head_content, curated_content)
    assert (report.base_unread, report.head_unread) == (("head/curation",), ())
    text = format_review(report)
    assert text.startswith(
        "## Content review\n\n**Papers not compared**: the base branch's `head/curation` could "
        "not be read, so which themes there are, and which papers each holds, is not known; once "
        "the base branch's folder is fixed, the review lists the changes."
    )
    assert (
        "| Efficiency | not counted | 3 |  | 1 |\n"
        "| Sequence Models | not counted | 2 |  | 0 |\n"
        "| Arithmetic Reasoning | not counted | 1 |  | 1 |\n"
        "| Unsorted | not counted | 1 |  |  |\n"
    ) in text
    assert "Addresses" not in text


def test_a_themes_yaml_that_cannot_be_read_is_said_in_one_line_not_paper_by_paper(
    curated_content: Path, head_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Without a theme read, every entry naming one is in error: the summary once listed each of
    # them as not compared, and the papers the rules place as moved to Unsorted, the one error
    # that is the news at its foot.
    _edit_themes(head_content, ("title: Sequence Models", "title: Sequence Models: RNNs"))
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    assert capsys.readouterr().out == (
        "## Content review\n"
        "\n"
        "**Papers not compared**: this pull request's `head/curation/themes.yaml` could not be "
        "read, so which themes there are, and which papers each holds, is not known; once the "
        "error under Check is fixed, the review lists the changes. "
        "`papersite check`: 1 error, 0 warnings.\n"
        + NOT_COUNTED
        + "- **error** `head/curation/themes.yaml:21`: YAML syntax error: ': ' inside unquoted "
        "text reads as another key; put the text after 'title:' in double quotes\n"
    )
    # Both files named, and both errors to fix; the base branch's likewise.
    (head_content / "curation" / "papers.yaml").write_text("papers: [\n", encoding="utf-8")
    report = review(curated_content, head_content)
    assert report.head_unread == ("head/curation/themes.yaml", "head/curation/papers.yaml")
    assert format_review(report).startswith(
        "## Content review\n\n**Papers not compared**: this pull request's "
        "`head/curation/themes.yaml` and `head/curation/papers.yaml` could not be read, so which "
        "themes there are, and which papers each holds, is not known; once the errors under "
        "Check are fixed, the review lists the changes."
    )
    (curated_content / "curation" / "themes.yaml").write_text("themes: [\n", encoding="utf-8")
    report = review(head_content, curated_content)
    assert (report.base_unread, report.head_unread) == (
        ("head/curation/themes.yaml", "head/curation/papers.yaml"),
        ("content/curation/themes.yaml",),
    )
    assert (report.added, report.moved, report.not_compared) == ((), (), ())


@pytest.mark.parametrize(
    ("head", "base", "fixes"),
    [
        (("h/papers.yaml",), (), "the error under Check is"),
        (("h/themes.yaml", "h/papers.yaml"), (), "the errors under Check are"),
        ((), ("b/papers.yaml",), "the base branch's file is"),
        ((), ("b/curation",), "the base branch's folder is"),
        ((), ("b/themes.yaml", "b/papers.yaml"), "the base branch's files are"),
        # Both sides: one verb for the two, never "once the error under Check is and ... is".
        (
            ("h/papers.yaml",),
            ("b/papers.yaml",),
            "the error under Check and the base branch's file are",
        ),
        (
            ("h/themes.yaml",),
            ("b/themes.yaml", "b/papers.yaml"),
            "the error under Check and the base branch's files are",
        ),
        (
            ("h/themes.yaml", "h/papers.yaml"),
            ("b/curation",),
            "the errors under Check and the base branch's folder are",
        ),
    ],
)
def test_what_is_to_fix_before_papers_are_compared_is_said_in_grammar_for_either_side_or_both(
    curated_content: Path,
    head_content: Path,
    head: tuple[str, ...],
    base: tuple[str, ...],
    fixes: str,
) -> None:
    report = replace(review(curated_content, head_content), head_unread=head, base_unread=base)
    assert f"; once {fixes} fixed, the review lists the changes." in summary._not_compared(report)


@pytest.mark.parametrize(
    ("mistake", "fixed"),
    [
        # The schema refuses it, and the whole entry is skipped: the rules alone place the paper.
        ("arxiv: 2402.09371", "arxiv: '2402.09371'"),
        # Read without the unknown section's theme: the paper leaves 'efficiency', unfeatured.
        ("efficiency: fast-decodin}", "efficiency: fast-decoding}"),
    ],
)
def test_a_paper_whose_entry_is_in_error_is_not_compared_rather_than_edited(
    curated_content: Path, head_content: Path, mistake: str, fixed: str
) -> None:
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace(fixed, mistake), encoding="utf-8")
    report = review(curated_content, head_content)
    changed = {c.paper_id for c in (*report.added, *report.moved, *report.removed)}
    edited = {e.paper_id for e in report.edited}
    assert "teaching-transformers-to-add" not in changed | edited
    assert edited == {"quantized-state-space-models"}
    assert [(n.paper_id, n.where) for n in report.not_compared] == [
        ("teaching-transformers-to-add", "in this pull request")
    ]
    text = format_review(report)
    assert "1 edited, 1 not compared; `papersite check`: 1 error" in text
    assert (
        "### Not compared (1)\n\nAn error (the pull request's are under Check) keeps what "
        "papers.yaml, or a theme's rules, decide for these papers from being applied in full: the "
        "counts above may be off by them, and what the pull request changes about them is listed "
        "once it is fixed."
        "\n\n- Teaching Transformers to Add `teaching-transformers-to-add`: in this pull request\n"
        "\n### Added (2)\n"
    ) in text


def test_papers_a_theme_s_unread_rules_move_are_not_compared_rather_than_moved(
    curated_content: Path,
) -> None:
    # One bad value in a theme's rules: the theme is read without them, so the papers they place
    # there went to Unsorted, each listed as moved and one as unfeatured, on a head that cannot
    # build. A paper moved elsewhere by papers.yaml is still listed.
    head = _with_unread_efficiency_rules(curated_content)
    papers = head / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(
        text.replace("sequence-models: transformers}", "sequence-models: state-space}"),
        encoding="utf-8",
    )
    report = review(curated_content, head)
    assert [c.paper_id for c in report.moved] == ["teaching-transformers-to-add"]
    assert report.edited == ()
    efficiency = "the rules of `efficiency` could not be read"
    assert [(n.paper_id, n.where) for n in report.not_compared] == [
        (paper_id, f"in this pull request: {efficiency} (see Check)")
        for paper_id in (
            "four-bit-quantization-of-large-language-models",
            "quantized-state-space-models",
            "speculative-decoding-with-small-drafts",
        )
    ]
    text = format_review(report)
    assert "1 moved, 0 removed, 0 edited, 3 not compared; `papersite check`: 1 error" in text
    assert (
        "An error (the pull request's are under Check) keeps what papers.yaml, or a theme's "
        "rules, decide for these papers from being applied in full"
    ) in text


def test_a_paper_papers_yaml_pins_in_a_theme_whose_rules_are_unread_is_still_compared(
    curated_content: Path,
) -> None:
    # papers.yaml overrides the rules: a theme's rules unread cannot change the place of a paper
    # the pull request pins there, so its move and edits are listed, not set aside.
    head = _with_unread_efficiency_rules(curated_content)
    papers = head / "curation" / "papers.yaml"
    with papers.open("a", encoding="utf-8") as file:
        file.write(
            "  speculative-decoding-with-small-drafts:\n"
            "    themes: {efficiency: quantization}\n"
            "    featured: true\n"
            "    note: Drafts cheaply.\n"
        )
    report = review(curated_content, head)
    assert [c.paper_id for c in report.moved] == ["speculative-decoding-with-small-drafts"]
    assert [e.paper_id for e in report.edited] == ["speculative-decoding-with-small-drafts"]
    assert [n.paper_id for n in report.not_compared] == [
        "four-bit-quantization-of-large-language-models",
        "quantized-state-space-models",
    ]
    text = format_review(report)
    assert "1 moved, 0 removed, 1 edited, 2 not compared; `papersite check`: 1 error" in text
    # The base branch's unread rules, which the pull request fixes, keep the pin's undoing too.
    report = review(head, curated_content)
    [moved] = [c for c in report.moved if c.paper_id == "speculative-decoding-with-small-drafts"]
    assert (
        moved.note
        == "its entry in papers.yaml removed in this pull request: placed by the rules now"
    )
    assert report.not_compared == ()


@pytest.mark.parametrize(
    ("written", "twice"),
    [
        # Read with the first note: "note, now: Draft." would pass for the curator's edit.
        ("    note: The cleanest", "    note: Draft.\n    note: The cleanest"),
        # Read with the first tags: "tag addition removed", which the curator never did.
        ("    tags: [addition]\n", "    tags: []\n    tags: [addition]\n"),
        # The entry written twice: the second, dropped, may be the one meant.
        (
            "  quantized-state-space-models:",
            "  teaching-transformers-to-add: {note: Second.}\n  quantized-state-space-models:",
        ),
    ],
)
def test_a_paper_whose_entry_holds_a_key_twice_is_not_compared_rather_than_edited(
    curated_content: Path, head_content: Path, written: str, twice: str
) -> None:
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace(written, twice, 1), encoding="utf-8")
    report = review(curated_content, head_content)
    assert any("duplicate" in p.message for p in report.problems)
    assert "teaching-transformers-to-add" not in {e.paper_id for e in report.edited}
    assert [(n.paper_id, n.where) for n in report.not_compared] == [
        ("teaching-transformers-to-add", "in this pull request")
    ]


def _under_a_typo(content: Path, stray: str = "") -> int:
    """Put teaching-transformers-to-add's entry under a typo, after a ``stray`` one; its line."""
    papers = content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8").replace("papers:\n", f"papers:\n{stray}", 1)
    text = text.replace("  teaching-transformers-to-add:", "  teaching-transformers-to-ad:")
    papers.write_text(text, encoding="utf-8")
    return text.split("\n").index("  teaching-transformers-to-ad:") + 1


def test_a_paper_whose_entry_the_pull_request_puts_under_a_typo_is_not_compared(
    curated_content: Path, head_content: Path
) -> None:
    # "did you mean 'teaching-transformers-to-add'?" under Check: the paper losing its featuring,
    # note and place is that mistake's doing, not edits of the curators'.
    assert _under_a_typo(head_content) == 5
    report = review(curated_content, head_content)
    changed = {c.paper_id for c in (*report.added, *report.moved, *report.removed)}
    assert "teaching-transformers-to-add" not in changed | {e.paper_id for e in report.edited}
    [not_compared] = report.not_compared
    assert (not_compared.paper_id, not_compared.where) == (
        "teaching-transformers-to-add",
        "in this pull request: its entry at `head/curation/papers.yaml:5` names no paper now "
        "(see Check)",
    )
    assert any("did you mean 'teaching-transformers-to-add'?" in p.message for p in report.problems)


def test_a_paper_two_entries_under_typos_name_is_not_compared_with_both_lines(
    curated_content: Path, head_content: Path
) -> None:
    # Naming only the first, a one-line 'featured: false', sent a reviewer to the wrong entry:
    # the decisions are in the second.
    stray = "  teaching-transformer-to-add:\n    featured: false\n"
    first, second = 5, _under_a_typo(head_content, stray)
    [not_compared] = review(curated_content, head_content).not_compared
    assert (not_compared.paper_id, not_compared.where) == (
        "teaching-transformers-to-add",
        f"in this pull request: its entries at `head/curation/papers.yaml:{first}` and "
        f"`head/curation/papers.yaml:{second}` name no paper now (see Check)",
    )


def test_an_entry_in_error_on_the_base_branch_is_named_as_such(
    curated_content: Path, head_content: Path
) -> None:
    papers = curated_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("order: 1", "order: first"), encoding="utf-8")
    report = review(curated_content, head_content)
    # The base's order went unread: the pull request did not set it, whatever a comparison says.
    assert "teaching-transformers-to-add" not in {e.paper_id for e in report.edited}
    assert [(n.paper_id, n.where) for n in report.not_compared] == [
        ("teaching-transformers-to-add", "on the base branch")
    ]
    # The base branch's errors are not the pull request's: Check lists only the head's.
    assert [p.path for p in report.problems] == ["head/curation/themes.yaml"]


def test_a_base_folder_without_sources_is_refused_rather_than_reviewed_as_empty(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--base-content", "base/content"]) == 1
    assert capsys.readouterr() == (
        "",
        "base/content/sources: no sources folder: is this a content folder?\n",
    )


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("sources", "Too many levels of symbolic links (a link that loops)"),
        ("/nonexistent/sources", "No such file or directory (a broken link?)"),
    ],
)
def test_a_sources_folder_link_that_loops_or_leads_nowhere_is_told_so_not_no_content(
    curated_content: Path, head_content: Path, target: str, said: str
) -> None:
    # "no sources folder: is this a content folder?" of a folder that is there, as a link.
    shutil.rmtree(head_content / "sources")
    (head_content / "sources").symlink_to(target)
    with pytest.raises(PapersiteError) as error:
        review(curated_content, head_content)
    assert str(error.value) == f"head/sources: cannot read folder: {said}"


def test_an_added_paper_papers_yaml_pins_is_not_called_undecided(
    curated_content: Path, head_content: Path
) -> None:
    papers = head_content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text(encoding="utf-8")
        + "  speculative-decoding-fast-drafts:\n    themes: {efficiency: fast-decoding}\n"
        + "  a-survey-of-cooking-robots:\n    themes: []\n",
        encoding="utf-8",
    )
    text = format_review(review(curated_content, head_content))
    added = text.split("### Added (2)")[1].split("###")[0]
    assert "`speculative-decoding-fast-drafts`: `efficiency / fast-decoding`\n" in added
    assert "`a-survey-of-cooking-robots`: `unsorted` (unhidden)\n" in added
    assert "not yet decided" not in text


def test_an_added_paper_s_featuring_and_note_are_shown(
    curated_content: Path, head_content: Path
) -> None:
    papers = head_content / "curation" / "papers.yaml"
    long = "Read *this* first: " + "the clearest account of drafting " * 8
    papers.write_text(
        papers.read_text(encoding="utf-8")
        + "  speculative-decoding-fast-drafts:\n    themes: {efficiency: fast-decoding}\n"
        + f"    featured: true\n    note: '{long}'\n",
        encoding="utf-8",
    )
    text = format_review(review(curated_content, head_content))
    line = next(line for line in text.splitlines() if "`speculative-decoding-fast-drafts`" in line)
    shown = line.split("`efficiency / fast-decoding` (")[1]
    assert shown.startswith("featured in efficiency; note: Read \\*this\\* first: the clearest")
    # Cut at a word, to one line's worth.
    kept = shown.removesuffix(" …)").split("note: ")[1].replace("\\", "")
    assert shown.endswith(" …)") and len(kept) <= 160 and long.startswith(kept + " ")


def _add_dump(content: Path, *titles: str) -> None:
    """Give content a new dump, new.txt, of papers with these titles: new to the dumps."""
    dump = "".join(f"{title}\n\nAn abstract of {title}.\n\n" for title in titles)
    (content / "sources" / "new.txt").write_text(dump, encoding="utf-8")


def test_an_added_paper_s_tags_are_shown_before_its_note(
    curated_content: Path, head_content: Path
) -> None:
    # A new tag comes with a new paper: shown nowhere else, it would reach the tags page unseen.
    _add_dump(head_content, "Paged Caches for Serving")
    with (head_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write(
            "  paged-caches-for-serving:\n    themes: {efficiency: fast-decoding}\n"
            "    tags: [kv-cache, 'Serving|*', attention, 'survey; note: approved']\n"
            "    note: Read it.\n"
        )
    text = format_review(review(curated_content, head_content))
    # In the page's order, whatever their case, and as written: each in a code span, so a tag
    # that reads "; note: …" cannot pass for the curators' note.
    assert (
        "- Paged Caches for Serving `paged-caches-for-serving`: `efficiency / fast-decoding` "
        "(tags: `attention`, `kv-cache`, `Serving|*`, `survey; note: approved`; note: Read it.)\n"
    ) in text.split("### Added (3)\n")[1].split("###")[0]


def test_an_added_paper_s_reading_order_and_arxiv_id_are_shown(
    curated_content: Path, head_content: Path
) -> None:
    # Its arXiv id makes its arXiv link and BibTeX: a wrong one must be seen before it is merged.
    with (head_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write(
            "  speculative-decoding-fast-drafts:\n    themes: {efficiency: fast-decoding}\n"
            "    order: 2\n    arxiv: '2312.00752'\n    note: Read it.\n"
        )
    text = format_review(review(curated_content, head_content))
    assert (
        "- Speculative Decoding \\<Fast\\> \\| Drafts\\* `speculative-decoding-fast-drafts`: "
        "`efficiency / fast-decoding` (reading order 2; note: Read it.; arXiv id `2312.00752`)\n"
    ) in text


def test_an_arxiv_null_shows_as_written_added_or_edited(
    curated_content: Path, head_content: Path
) -> None:
    # It takes the arXiv link and BibTeX off the paper's page: "none" would read as no change.
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8").replace("'2402.09371'", "null")
    papers.write_text(
        text + "  speculative-decoding-fast-drafts:\n    themes: []\n    arxiv: null\n",
        encoding="utf-8",
    )
    report = review(curated_content, head_content)
    edits = {edit.paper_id: edit.changes for edit in report.edited}
    assert "arXiv id `2402.09371` → none (`arxiv: null`)" in edits["teaching-transformers-to-add"]
    assert "(arXiv id none (`arxiv: null`))" in format_review(report)


def _link_arxiv_in_abstract(content: Path) -> None:
    """Make the quantized state-space paper's abstract link arXiv 2410.01234, as its own id."""
    dump = content / "sources" / "dump.txt"
    dump.write_text(
        dump.read_text(encoding="utf-8").replace(
            "at eight bits.", "at eight bits (https://arxiv.org/abs/2410.01234)."
        ),
        encoding="utf-8",
    )


def _set_arxiv(content: Path, value: str) -> None:
    """Give the quantized state-space paper's entry in papers.yaml 'arxiv: value'."""
    papers = content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text(encoding="utf-8").replace(
            "without losing their long memory.\n",
            f"without losing their long memory.\n    arxiv: {value}\n",
        ),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("base_null", "said"),
    [
        (False, "arXiv id `2410.01234` (from its abstract) → none (`arxiv: null`)"),
        (True, "arXiv id none (`arxiv: null`) → `2410.01234` (from its abstract)"),
    ],
)
def test_an_arxiv_null_names_the_id_from_the_abstract_it_takes_away_or_gives_back(
    curated_content: Path, head_content: Path, base_null: bool, said: str
) -> None:
    for content in (curated_content, head_content):
        _link_arxiv_in_abstract(content)
    _set_arxiv(curated_content if base_null else head_content, "null")
    edits = {e.paper_id: e.changes for e in review(curated_content, head_content).edited}
    assert said in edits["quantized-state-space-models"]


def test_papers_hidden_as_they_arrive_are_listed_with_the_reason_and_counted(
    curated_content: Path, head_content: Path
) -> None:
    # A new dump's papers must add up: each shows as added, or as added hidden with the reason
    # the curators give, which is the decision a reviewer checks.
    _add_dump(head_content, "Sourdough Bread at Home", "Paged Caches for Serving")
    with (head_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write("  sourdough-bread-at-home:\n    hidden: A *bread* recipe | not ML.\n")
    report = review(curated_content, head_content)
    # Hidden from the site on the base branch already, or hidden now: not new, not listed.
    assert [c.paper_id for c in report.added_hidden] == ["sourdough-bread-at-home"]
    text = format_review(report)
    assert "**6 → 7 papers** on the site: 3 added, 1 added hidden, 1 moved, 2 removed" in text
    assert (
        "### Added hidden (1)\n"
        "\n"
        "- Sourdough Bread at Home `sourdough-bread-at-home`: not on the site "
        "(hidden: A \\*bread\\* recipe \\| not ML.)\n"
        "\n"
        "### Moved (1)\n"
    ) in text
    assert "`paged-caches-for-serving`: `unsorted`" in text.split("### Added (3)")[1]


def test_every_reason_for_hiding_is_shortened_as_a_note_is(curated_content: Path) -> None:
    # A reason of a megabyte would make a summary GitHub refuses: reviewers would get none.
    long = "Off *topic*: " + "a recipe, not machine learning " * 4_000
    head = _head_copy(curated_content)
    _add_dump(head, "Sourdough Bread at Home")
    papers = head / "curation" / "papers.yaml"
    # Hidden on both sides, its reason edited.
    text = papers.read_text(encoding="utf-8").replace("Off topic for every theme.", f"'{long}'")
    for paper_id in (
        "sourdough-bread-at-home",  # added hidden
        "kernels-that-speed-up-training",  # removed: hidden by the pull request
    ):
        text += f"  {paper_id}:\n    hidden: '{long}'\n"
    papers.write_text(text, encoding="utf-8")
    text = format_review(review(curated_content, head))
    assert len(text) < 10_000
    shown = [line for line in text.splitlines() if "Off \\*topic\\*" in line]
    assert len(shown) == 3
    for line in shown:
        reason = line.split("Off ", 1)[1].removesuffix(")").replace("\\", "")
        # Cut at a word, to one line's worth, as an added paper's note is.
        assert reason.endswith(" …") and len("Off " + reason) <= NOTE_SHOWN + 2
        assert long.startswith("Off " + reason.removesuffix(" …") + " ")


def test_a_paper_hidden_as_it_arrives_with_an_error_in_its_entry_is_not_compared(
    curated_content: Path, head_content: Path
) -> None:
    # Hidden, but what the entry says of a theme is not applied: a mistake under Check first.
    _add_dump(head_content, "Sourdough Bread at Home")
    with (head_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write(
            "  sourdough-bread-at-home:\n    hidden: Off topic.\n    themes: {no-such-theme: x}\n"
        )
    report = review(curated_content, head_content)
    assert report.added_hidden == ()
    assert [n.paper_id for n in report.not_compared] == ["sourdough-bread-at-home"]
    assert "added hidden" not in format_review(report)


def test_long_lists_end_in_a_count_of_the_rest_in_the_job_summary_alone(
    curated_content: Path,
    head_content: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(summary, "MAX_LISTED", 1)
    assert main(["review", "--base-content", "content", "--content", "head", "--job-summary"]) == 0
    text = capsys.readouterr().out
    assert "### Added (2)\n\n- A Survey of Cooking Robots" in text
    assert (
        "(unhidden; not yet decided in papers.yaml)\n"
        "- … and 1 more (`papersite review` run locally lists them all)\n\n### Moved (1)"
    ) in text
    # Run locally, as the line says, the review lists every one: the rest are seen somewhere.
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    whole = capsys.readouterr().out
    assert "more (`papersite review`" not in whole
    assert "(unhidden; not yet decided in papers.yaml)\n- Speculative Decoding" in whole


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("a | b", "a \\| b"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[link](https://x.test)", "\\[link\\](https\\://x.test)"),
        ("$O(n^2)$ & ~x~", "\\$O(n^2)\\$ \\& \\~x\\~"),
        ("back\\slash\nnewline", "back\\\\slash newline"),
        # A carriage return ends a line in CommonMark: the rest would be a heading of its own.
        ("Arith\r# heading\r| x |", "Arith # heading \\| x \\|"),
        # At a list item's start: a heading, a nested list, an ordered list, a code block.
        ("# Heading", "\\# Heading"),
        ("- Dash", "\\- Dash"),
        ("+ Plus", "\\+ Plus"),
        ("= x", "\\= x"),
        ("1. Ordered", "1\\. Ordered"),
        ("12) x", "12\\) x"),
        ("    four spaces", "four spaces"),
        ("2024 results, 1.5x", "2024 results, 1.5x"),
        # cmark-gfm links a bare address at "www." and "://", but not once either is escaped.
        ("www.evil.test https://e.test/a", "www\\.evil.test https\\://e.test/a"),
        # Characters that show nothing or reverse what follows are named.
        ("a\u202eb\u200bc", "a\\<U+202E\\>b\\<U+200B\\>c"),
        # So are spaces other than the space, which show as one, as the terminal shows them.
        ("deep\xa0learning\u3000x", "deep\\<U+00A0\\>learning\\<U+3000\\>x"),
    ],
)
def test_scraped_text_cannot_become_markup_in_the_summary(text: str, escaped: str) -> None:
    assert escape_gfm(text) == escaped


def test_a_file_the_pull_request_names_cannot_become_markup_in_the_check_list(
    curated_content: Path, head_content: Path
) -> None:
    # Any file but a .txt in sources/ is warned of by its name, which the pull request chose.
    name = "a` **approved** [go](https:\\evil.test) <!-- `b\n<!--"
    (head_content / "sources" / name).write_text("", encoding="utf-8")
    text = format_review(review(curated_content, head_content))
    check = text.split("### Check\n\n")[1]
    line = next(line for line in check.splitlines() if "approved" in line)
    shown = "head/sources/a` **approved** [go](https:\\evil.test) <!-- `b <!--"
    assert line == f"- **warning** ``{shown}``: not a .txt file, so not read as a dump"
    assert len(check.splitlines()) == 2  # that line and the theme's warning: no line broken off


def test_featuring_and_unfeaturing_are_named_with_their_theme(
    curated_content: Path, head_content: Path
) -> None:
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("featured: [arithmetic-reasoning]", "featured: false"))
    report = review(curated_content, head_content)
    edits = {edit.paper_id: edit.changes for edit in report.edited}
    assert edits["teaching-transformers-to-add"] == (
        "no longer featured in `arithmetic-reasoning`",
        NOTE_EDITED,
    )
    assert edits["quantized-state-space-models"] == ("tag `quantization` added",)
    # The table's featured column too, as base → this PR: "0" alone read as if nothing changed.
    shown = format_review(report)
    assert "| Arithmetic Reasoning | 1 | 1 | 0 | 1 → 0 |\n" in shown
    assert "| Efficiency | 3 | 5 | +2 | 1 |\n" in shown  # unchanged: the count alone
    # Each tag named, as a new one makes a page of its own; their order in papers.yaml is not
    # the page's, so a reordering alone is no edit.
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("tags: [quantization]", "tags: [Zeta, 'a|b', quantization]"))
    edits = {edit.paper_id: edit.changes for edit in review(curated_content, head_content).edited}
    assert edits["quantized-state-space-models"] == (
        "tag `a|b` added",
        "tag `quantization` added",
        "tag `Zeta` added",
    )
    # On both sides: [addition].
    teaching = "teaching-transformers-to-add"
    for tags, changes in [
        ("[Zeta, addition]", ("tag `Zeta` added",)),
        ("[]", ("tag `addition` removed",)),
        ("[b, addition]", ("tag `b` added",)),
    ]:
        papers.write_text(text.replace("tags: [addition]", f"tags: {tags}"))
        edited = {e.paper_id: e.changes for e in review(curated_content, head_content).edited}
        assert edited[teaching][-len(changes) :] == changes
    base = curated_content / "curation" / "papers.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("[addition]", "[b, addition]"))
    papers.write_text(text.replace("tags: [addition]", "tags: [addition, b]"))
    edited = {e.paper_id: e.changes for e in review(curated_content, head_content).edited}
    assert not [change for change in edited.get(teaching, ()) if "tag" in change]


def test_an_edited_arxiv_id_order_or_note_shows_its_values(
    curated_content: Path, head_content: Path
) -> None:
    # A name alone ("arXiv id", "reading order") hid a wrong id, which changes the paper's arXiv
    # link and BibTeX, and which of two papers now comes first.
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    text = text.replace("order: 1", "order: 2").replace("'2402.09371'", "'2402.09372'")
    text = text.replace(
        "    note: Quantizes state-space models without losing their long memory.\n",
        "    order: 1\n    arxiv: '2312.00752'\n",
    )
    papers.write_text(text, encoding="utf-8")
    report = review(curated_content, head_content)
    edits = {edit.paper_id: edit.changes for edit in report.edited}
    assert edits["teaching-transformers-to-add"] == (
        NOTE_EDITED,
        "reading order 1 → 2",
        "arXiv id `2402.09371` → `2402.09372`",
    )
    assert edits["quantized-state-space-models"] == (
        "note removed",
        "reading order none → 1",
        "tag `quantization` added",
        "arXiv id none → `2312.00752`",
    )
    # A long note shows its start, cut at a word as an added paper's is.
    long = "read *this* first, " + "the clearest account of adding " * 8
    papers.write_text(text.replace("read it first.", long), encoding="utf-8")
    edits = {edit.paper_id: edit.changes for edit in review(curated_content, head_content).edited}
    shown = edits["teaching-transformers-to-add"][0]
    assert shown.startswith("note, now: The cleanest study of \\*length generalisation\\*")
    kept = shown.removeprefix("note, now: ").removesuffix(" …").replace("\\", "")
    assert shown.endswith(" …") and len(kept) <= 160


def test_a_new_reason_for_hiding_is_listed_among_the_edits(
    curated_content: Path, head_content: Path
) -> None:
    # Hidden on both sides: not added, moved or removed, but the reason is what a reviewer reads.
    with (head_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write("  a-survey-of-cooking-robots:\n    hidden: A *duplicate* of another.\n")
    report = review(curated_content, head_content)
    assert report.added_hidden == ()  # hidden on the base branch too: it did not arrive now
    text = format_review(report)
    assert (
        "- A Survey of Cooking Robots `a-survey-of-cooking-robots`: reason for hiding, now: "
        "A \\*duplicate\\* of another.\n"
    ) in text


# What the review says of a paper whose old id another paper took, and of the paper that took it.
TAKEN = (
    "**its old id now names another paper**, to which what papers.yaml decides under it now applies"
)
TOOK = "**took the id of another paper**, "
APPLIES = "what papers.yaml decides under it applies to this paper"


def _capture_earlier(head: Path) -> None:
    """In head, a dump captured on a known day of another paper titled as Teaching Transformers.

    It ranks before the undated dump.txt, so its paper, whose title slugs the same, takes the id
    teaching-transformers-to-add and whatever papers.yaml holds under it.
    """
    (head / "sources" / "older.txt").write_text(
        "Teaching Transformers to Add: Ω\n\nAnother paper.\n\n  • 2 authors\n·\nNov 20, 2025\n",
        encoding="utf-8",
    )
    (head / "sources" / "sources.yaml").write_text(
        "sources:\n  older.txt:\n    captured: 2025-11-20\n", encoding="utf-8"
    )


def test_an_id_taken_by_another_paper_is_named_among_the_edits(curated_content: Path) -> None:
    head = _head_copy(curated_content)
    # Another paper captured earlier takes the id and the curation filed under it.
    _capture_earlier(head)
    report = review(curated_content, head)
    # The paper is on the site on both sides, under another id: an id change, not added; the
    # decisions under its old id are the new paper's now, said on both.
    [(moved, changes)] = [(edit.paper_id, edit.changes) for edit in report.edited]
    assert changes[:3] == (
        "**id changed**, was `teaching-transformers-to-add` (its page leaves "
        "`papers/teaching-transformers-to-add/`)",
        TAKEN,
        "no longer featured in `arithmetic-reasoning`",
    )
    [added] = report.added
    assert (added.paper_id, added.title) == (
        "teaching-transformers-to-add",
        "Teaching Transformers to Add: Ω",
    )
    assert added.note is not None
    assert added.note.startswith(f"{TOOK}Teaching Transformers to Add: {APPLIES}; featured in")
    assert moved.startswith("teaching-transformers-to-add-")
    assert report.removed == ()
    # Another paper, not the same one's data changed: not a catalogue change as well.
    assert report.catalogue == ()


def _trade_ids(base: Path, entries: str = "") -> Path:
    """A base branch with two papers whose titles slug to SHARED, and a head where they trade ids.

    "… And Beyond" is captured first on the base branch and gets SHARED; the head swaps the
    dumps' capture dates. ``entries`` are added to papers.yaml on both sides. Returns head.
    """
    write_twins(base, beyond_first=True)
    with (base / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write(entries)
    head = _head_copy(base)
    write_twins(head, beyond_first=False)
    return head


def test_two_papers_trading_ids_are_each_an_id_change_with_the_decisions_said(
    curated_content: Path,
) -> None:
    # Capture dates swapped: the paper captured first now is the other, and takes the shared id
    # and what papers.yaml decides under it; each paper is still on the site, compared with itself.
    head = _trade_ids(
        curated_content, f"  {SHARED}:\n    featured: true\n    note: Beyond is the one.\n"
    )
    report = review(curated_content, head)
    assert report.added == report.removed == report.added_hidden == ()
    edits = {edit.title.rsplit(" ", 1)[1]: edit for edit in report.edited}
    beyond, together = edits["Beyond"], edits["Together"]
    assert together.paper_id == SHARED
    assert beyond.changes == (
        f"**id changed**, was `{SHARED}` (its page leaves `papers/{SHARED}/`)",
        TAKEN,
        "no longer featured in `efficiency`",
        "note removed",
    )
    assert together.changes[1:] == (
        f"{TOOK}{LONG} And Beyond: {APPLIES}",
        "featured in `efficiency`",
        "note, now: Beyond is the one.",
    )
    assert "no longer in any dump" not in format_review(report)


def test_ids_traded_with_no_entry_under_them_say_no_decisions_moved(
    curated_content: Path,
) -> None:
    # The swap above, with papers.yaml holding nothing under either id: no decision moves with
    # the ids, and none is said to.
    head = _trade_ids(curated_content)
    report = review(curated_content, head)
    edits = {edit.title.rsplit(" ", 1)[1]: edit.changes[1:] for edit in report.edited}
    assert edits == {
        "Beyond": ("**its old id now names another paper**",),
        "Together": (f"{TOOK}{LONG} And Beyond",),
    }


def test_an_arxiv_id_deleted_that_its_abstract_links_anyway_is_no_edit(
    curated_content: Path,
) -> None:
    # The page links the same id either way: "`2410.01234` → `2410.01234` (from its abstract)"
    # and "1 edited" would send a reviewer looking for a change that is not there.
    _link_arxiv_in_abstract(curated_content)
    head = _head_copy(curated_content)
    _set_arxiv(curated_content, "'2410.01234'")
    report = review(curated_content, head)
    assert report.edited == ()
    assert report.unchanged


def test_a_paper_moved_as_its_entry_stays_under_the_id_it_lost_says_so(
    curated_content: Path,
) -> None:
    # Each paper of the swap has an entry, pinning its place. Together takes SHARED and Beyond's
    # entry; Beyond's new id has none (Together's is under Together's old id, now no paper's):
    # the rules place it, which its move alone would pass off as the curators' doing.
    together = f"{TWIN_STEM}-8bbdc7"
    head = _trade_ids(
        curated_content,
        f"  {SHARED}:\n    themes: {{efficiency: fast-decoding}}\n"
        f"  {together}:\n    themes: {{sequence-models: state-space}}\n",
    )
    text = format_review(review(curated_content, head))
    assert (
        f"- {LONG} And Beyond `{TWIN_STEM}-35a23d`: `efficiency / fast-decoding` → "
        "`efficiency / quantization` (placed by the rules: papers.yaml no longer decides it, its "
        "entry being under its old id, which another paper now has)\n"
        f"- {LONG} And Together `{SHARED}`: `sequence-models / state-space` → "
        "`efficiency / fast-decoding`\n"
    ) in text


def test_a_paper_moved_as_the_pull_request_deletes_the_entry_under_its_old_id_is_not_told_so(
    curated_content: Path,
) -> None:
    # The swap above, with the pull request deleting the entry under SHARED: the rules place
    # Beyond, but no entry stays under its old id to be told of. It read with no reason at all.
    together = f"{TWIN_STEM}-8bbdc7"
    shared_entry = f"  {SHARED}:\n    themes: {{efficiency: fast-decoding}}\n"
    head = _trade_ids(
        curated_content,
        f"{shared_entry}  {together}:\n    themes: {{sequence-models: state-space}}\n",
    )
    papers = head / "curation" / "papers.yaml"
    papers.write_text(papers.read_text(encoding="utf-8").replace(shared_entry, ""))
    text = format_review(review(curated_content, head))
    assert (
        "### Moved (1)\n\n"
        f"- {LONG} And Beyond `{TWIN_STEM}-35a23d`: `efficiency / fast-decoding` → "
        "`efficiency / quantization` (placed by the rules: papers.yaml no longer decides it)\n"
    ) in text
    # Together's entry is still under its old id, which no paper has now: a mistake under Check,
    # not the curators' unpinning it.
    line = papers.read_text(encoding="utf-8").split("\n").index(f"  {together}:") + 1
    assert (
        f"- {LONG} And Together `{SHARED}`: in this pull request: its entry at "
        f"`head/curation/papers.yaml:{line}` names no paper now (see Check)\n"
    ) in text
    # Its id change is said where ids are, not in its move.
    assert (
        f"- {LONG} And Beyond `{TWIN_STEM}-35a23d`: **id changed**, was `{SHARED}` (its page "
        f"leaves `papers/{SHARED}/`), **its old id now names another paper**\n"
    ) in text


def test_a_paper_added_under_an_id_no_entry_is_under_is_not_told_it_gets_its_decisions(
    curated_content: Path,
) -> None:
    # As in test_an_id_taken_by_another_paper_is_named_among_the_edits, without the entry: the
    # paper that takes the id is placed by the rules, as any paper papers.yaml says nothing of.
    papers = curated_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    start, end = text.index("  teaching-transformers-to-add:"), text.index("  quantized-state")
    papers.write_text(text[:start] + text[end:], encoding="utf-8")
    head = _head_copy(curated_content)
    _capture_earlier(head)
    report = review(curated_content, head)
    [added] = report.added
    assert added.note == (
        f"{TOOK}Teaching Transformers to Add; placed by the rules: not yet decided in papers.yaml"
    )
    [edit] = report.edited
    assert edit.changes[1:] == ("**its old id now names another paper**",)


def _hide_under_the_id_left(base: Path, head: Path, title: str, reason: str) -> str:
    """In head, have an earlier capture take the paper's id, and hide it under the id it gets.

    The earlier capture, 005_x.txt, is of another paper whose title slugs the same. Returns the
    paper's new id, as the review lists it before it is hidden: an id change.
    """
    (head / "sources" / "005_x.txt").write_text(
        f"{title}: Ω\n\nAnother paper.\n\n  • 2 authors\n·\nJan 2, 2024\n", encoding="utf-8"
    )
    (head / "sources" / "sources.yaml").write_text(
        "sources:\n  005_x.txt: {label: Evil dump, captured: 2024-01-02}\n", encoding="utf-8"
    )
    report = review(base, head)
    # Shown on both sides, or unhidden as its old id's hiding goes to the other paper.
    edited = [edit.paper_id for edit in report.edited if edit.title == title]
    added = [c.paper_id for c in report.added if c.title == title and c.was_id is not None]
    [again] = edited + added
    with (head / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write(f"  {again}:\n    hidden: {reason}\n")
    return again


def test_a_paper_hidden_under_the_id_it_has_since_another_took_its_own_is_removed(
    curated_content: Path,
) -> None:
    # An earlier capture of another paper whose title slugs the same takes the plain id; hiding
    # the real paper under its new id must not pass it off as a new paper hidden on arrival.
    head = _head_copy(curated_content)
    moved = _hide_under_the_id_left(
        curated_content, head, "Teaching Transformers to Add", "A duplicate."
    )
    report = review(curated_content, head)
    assert report.added_hidden == ()
    text = format_review(report)
    # The other paper is added under the id, with the decisions papers.yaml holds under it.
    assert "1 added, 0 moved, 1 removed, 0 edited;" in text
    assert "`teaching-transformers-to-add`: `sequence-models / transformers`, " in text
    assert (
        "### Removed (1)\n"
        "\n"
        f"- Teaching Transformers to Add `{moved}`: was "
        "`sequence-models / transformers`, `arithmetic-reasoning / arithmetic`, under the id "
        "`teaching-transformers-to-add`, which another paper now has (hidden: A duplicate.)\n"
    ) in text


def test_hidden_papers_are_added_hidden_by_paper_not_by_id(curated_content: Path) -> None:
    # An earlier capture takes the id of a paper the base branch hides, and the hiding with it: that
    # capture's paper is new and hidden on arrival; the paper hidden before, hidden anew under its
    # new id, is not.
    head = _head_copy(curated_content)
    _hide_under_the_id_left(curated_content, head, "A Survey of Cooking Robots", "Off topic.")
    report = review(curated_content, head)
    assert [(c.paper_id, c.title) for c in report.added_hidden] == [
        ("a-survey-of-cooking-robots", "A Survey of Cooking Robots: Ω")
    ]
    assert report.added == report.removed == ()


# Long enough for the catalogue to tell a paper retitled between versions by its abstract.
RETRIEVAL = (
    "Retrieval helps language models answer questions over many documents at once, and we "
    "measure by how much on three benchmarks."
)
SECOND = "Retrieval Helps, Second Version"
CATALOGUE_INTRO = (
    "Papers whose title, abstract or date a dump added or edited now gives otherwise: "
    "check that each page still reads right."
)


def _take_an_earlier_title(base: Path, before: str, after: str) -> Path:
    """A base branch with a paper captured once, and a pull request whose dump of an earlier page
    gives it its first title, and so another id: retrieval-helps, was
    retrieval-helps-second-version. papers.yaml holds ``before`` under the old id and ``after``
    (its entry moved) under the new one. Returns the pull request's content.
    """
    (base / "sources" / "second.txt").write_text(f"{SECOND}\n\n{RETRIEVAL}\n", encoding="utf-8")
    (base / "sources" / "sources.yaml").write_text(
        "sources:\n  second.txt: {captured: 2025-02-01}\n", encoding="utf-8"
    )
    head = _head_copy(base)
    with (base / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write(f"  retrieval-helps-second-version:\n    {before}\n")
    with (head / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write(f"  retrieval-helps:\n    {after}\n")
    (head / "sources" / "first.txt").write_text(
        f"Retrieval Helps\n\n{RETRIEVAL}\n", encoding="utf-8"
    )
    (head / "sources" / "sources.yaml").write_text(
        "sources:\n  first.txt: {captured: 2025-01-01}\n  second.txt: {captured: 2025-02-01}\n",
        encoding="utf-8",
    )
    return head


def test_a_paper_whose_id_changed_is_one_paper_with_a_new_id_not_one_removed_one_added(
    curated_content: Path,
) -> None:
    # Its entry in papers.yaml moved with it, to another section: one paper, which moved.
    head = _take_an_earlier_title(
        curated_content,
        "themes: {efficiency: fast-decoding}",
        "themes: {efficiency: quantization}\n    note: Read it.",
    )
    report = review(curated_content, head)
    assert report.added == report.removed == report.added_hidden == ()
    text = format_review(report)
    assert "**7 → 7 papers** on the site: 0 added, 1 moved, 0 removed, 1 edited" in text
    assert (
        "- Retrieval Helps `retrieval-helps`: `efficiency / fast-decoding` → "
        "`efficiency / quantization`\n"
    ) in text
    assert (
        "- Retrieval Helps `retrieval-helps`: **id changed**, was "
        "`retrieval-helps-second-version` (its page leaves "
        "`papers/retrieval-helps-second-version/`), note, now: Read it.\n"
    ) in text
    # Compared with itself: the title its earlier page gives is a change in the dumps.
    assert (
        "- Retrieval Helps `retrieval-helps`: title, was Retrieval Helps, Second Version\n"
        in (text.split("### Catalogue changes (1)")[1])
    )


@pytest.mark.parametrize(
    ("before", "after", "listed"),
    [
        (
            "themes: {efficiency: fast-decoding}",
            "hidden: A duplicate.",
            "### Removed (1)\n\n- Retrieval Helps, Second Version `retrieval-helps`: was "
            "`efficiency / fast-decoding`, under the id `retrieval-helps-second-version` "
            "(hidden: A duplicate.)\n",
        ),
        (
            "hidden: A duplicate.",
            "themes: {efficiency: fast-decoding}",
            "### Added (1)\n\n- Retrieval Helps `retrieval-helps`: `efficiency / fast-decoding` "
            "(unhidden; **id changed**, was `retrieval-helps-second-version`)\n",
        ),
        (
            "hidden: A duplicate.",
            "hidden: A duplicate.",
            "- Retrieval Helps `retrieval-helps`: **id changed**, was "
            "`retrieval-helps-second-version`\n",
        ),
    ],
)
def test_a_paper_whose_id_changed_as_it_is_hidden_or_unhidden_is_one_paper(
    curated_content: Path, before: str, after: str, listed: str
) -> None:
    head = _take_an_earlier_title(curated_content, before, after)
    report = review(curated_content, head)
    # Hidden on the base branch already: not new to the dumps.
    assert report.added_hidden == ()
    # Shown on one side at most: one paper that leaves or joins the site, or neither.
    assert len(report.added) + len(report.removed) == ("themes" in before) + ("themes" in after)
    text = format_review(report)
    assert listed in text
    # Its old id is free: no other paper has it.
    assert "which another paper now has" not in text


@pytest.mark.parametrize("decision", ["hidden: Off topic.", "themes: {efficiency: fast-decoding}"])
def test_a_paper_a_new_dump_retitles_is_the_same_paper_under_its_id(
    curated_content: Path, decision: str
) -> None:
    # A later capture under a longer title, of the same abstract, joins the paper and names it.
    (curated_content / "sources" / "first.txt").write_text(
        f"Retrieval Helps\n\n{RETRIEVAL}\n", encoding="utf-8"
    )
    with (curated_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write(f"  retrieval-helps:\n    {decision}\n")
    head = _head_copy(curated_content)
    _captured_later(head, "Retrieval Helps Everyone")
    report = review(curated_content, head)
    assert report.added == report.added_hidden == report.removed == ()
    assert report.edited == ()
    text = format_review(report)
    assert "another paper" not in text
    if decision.startswith("themes"):
        assert (
            "- Retrieval Helps Everyone `retrieval-helps`: title, was Retrieval Helps, "
            "date unknown → 2025-01-02\n"
        ) in text
    else:
        assert report.catalogue == ()  # not on the site: no page to read again


@pytest.mark.parametrize(
    "title",
    [
        "Retrieval Helps Everyone",
        "Retrieval Helped",
        "Retri eval Helps",
        # Characters that show nothing are left out of a title as it is read: the same title.
        "Retri\u200beval Helps",
        "Retri\u00adeval Helps",
    ],
)
def test_a_paper_a_new_dump_retitles_is_a_catalogue_change_never_another_paper(
    curated_content: Path, title: str
) -> None:
    # No entry in papers.yaml: the paper is on the site as the rules place it, and the title a
    # later capture gives it (a word changed, one split) is not its title's match key, but its
    # abstract tells it, as it told the catalogue to merge them.
    (curated_content / "sources" / "first.txt").write_text(
        f"Retrieval Helps\n\n{RETRIEVAL}\n", encoding="utf-8"
    )
    head = _head_copy(curated_content)
    _captured_later(head, title, authors=3)
    report = review(curated_content, head)
    assert report.added == report.added_hidden == report.removed == ()
    assert report.edited == ()
    text = format_review(report)
    assert "another paper" not in text
    shown = title if title.isprintable() else "Retrieval Helps"
    change = "title, was Retrieval Helps, " if shown != "Retrieval Helps" else ""
    assert (
        f"### Catalogue changes (1)\n\n{CATALOGUE_INTRO}\n\n"
        f"- {escape_gfm(shown)} `retrieval-helps`: {change}date unknown → 2025-01-02\n\n"
    ) in text


# A mention richer than the first capture's: its title, abstract and date win the merge.
RICH = "\n\n  • 3 authors\n·\nJan 2, 2025 7\n\n"


@pytest.mark.parametrize(
    ("first", "later", "listed"),
    [
        # Merged by their titles as written, the same without case or punctuation; the title a
        # page shows reads the TeX, and the abstract is a new version's.
        (
            "Pi-Net: Retrieval Helps",
            f"$\\Pi$-Net: Retrieval Helps\n\n{RETRIEVAL} Code is out.{RICH}",
            "- Π-Net: Retrieval Helps `pi-net-retrieval-helps`: title, was Pi-Net: Retrieval "
            "Helps, abstract, date unknown → 2025-01-02\n",
        ),
        # Retitled with the abstract it had, then, by that title, a new version's: neither the
        # title nor the abstract its page shows is one the base branch's page had.
        (
            "Retrieval Helps",
            f"Retrieval Helps Everyone\n\n{RETRIEVAL}\n\n"
            f"Retrieval Helps Everyone\n\n{RETRIEVAL} Code is out.{RICH}",
            "- Retrieval Helps Everyone `retrieval-helps`: title, was Retrieval Helps, abstract, "
            "date unknown → 2025-01-02\n",
        ),
    ],
)
def test_a_paper_is_told_by_what_the_catalogue_merged_its_mentions_by(
    curated_content: Path, first: str, later: str, listed: str
) -> None:
    (curated_content / "sources" / "first.txt").write_text(
        f"{first}\n\n{RETRIEVAL}\n", encoding="utf-8"
    )
    head = _head_copy(curated_content)
    (head / "sources" / "later.txt").write_text(later, encoding="utf-8")
    report = review(curated_content, head)
    assert report.added == report.added_hidden == report.removed == ()
    assert report.edited == ()
    text = format_review(report)
    assert "another paper" not in text
    assert f"### Catalogue changes (1)\n\n{CATALOGUE_INTRO}\n\n{listed}" in text


def test_a_paper_unhidden_as_a_new_dump_retitles_it_is_added_not_a_catalogue_change(
    curated_content: Path,
) -> None:
    # Its page is new to the site: Added lists it, under the title it shows; no page changed.
    (curated_content / "sources" / "first.txt").write_text(
        f"Retrieval Helps\n\n{RETRIEVAL}\n", encoding="utf-8"
    )
    with (curated_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write("  retrieval-helps:\n    hidden: Off topic.\n")
    head = _head_copy(curated_content)
    papers_yaml = head / "curation" / "papers.yaml"
    papers_yaml.write_text(
        papers_yaml.read_text(encoding="utf-8").replace(
            "hidden: Off topic.", "themes: {efficiency: fast-decoding}"
        ),
        encoding="utf-8",
    )
    _captured_later(head, "Retrieval Helps Everyone")
    report = review(curated_content, head)
    assert report.catalogue == ()
    text = format_review(report)
    assert (
        "### Added (1)\n\n- Retrieval Helps Everyone `retrieval-helps`: "
        "`efficiency / fast-decoding` (unhidden)\n"
    ) in text
    assert "Catalogue changes" not in text


def test_papers_whose_title_abstract_or_date_changed_are_listed_and_upvotes_counted(
    curated_content: Path,
) -> None:
    votes = (
        "Teaching Transformers to Add\n\nWe train transformers.\n\n"
        "  • 2 authors\n·\nMay 2, 2024 {}\n\n"
    )
    sources_yaml = "sources:\n  votes.txt:\n    captured: 2025-11-01\n"
    (curated_content / "sources" / "votes.txt").write_text(votes.format(5), encoding="utf-8")
    (curated_content / "sources" / "sources.yaml").write_text(sources_yaml, encoding="utf-8")
    head = Path("head")
    shutil.copytree(curated_content, head)
    # A new capture: the same upvotes read anew, and a dated mention of a paper the dense dump
    # gives no date.
    (head / "sources" / "votes.txt").write_text(
        votes.format(9) + "Speculative Decoding with Small Drafts\n\nA small draft model proposes "
        "tokens that the large model verifies, which speeds up inference.\n\n"
        "  • 3 authors\n·\nOct 20, 2025 7\n",
        encoding="utf-8",
    )
    dump = head / "sources" / "dump.txt"
    dump.write_text(
        dump.read_text(encoding="utf-8")
        .replace("Four-Bit Quantization of Large", "Four-bit quantization of large")
        .replace("on one machine.", "on one GPU.")
        .replace("Robots that cook, surveyed.", "Robots that cook."),  # hidden: not on the site
        encoding="utf-8",
    )
    report = review(curated_content, head)
    assert report.edited == ()
    assert report.upvotes_changed == 2
    text = format_review(report)
    assert "0 edited, 3 changed in the dumps; `papersite check`" in text
    assert (
        "### Catalogue changes (3)\n"
        "\n"
        "Papers whose title, abstract or date a dump added or edited now gives otherwise: "
        "check that each page still reads right.\n"
        "\n"
        "- Four-bit quantization of large Language Models "
        "`four-bit-quantization-of-large-language-models`: title, was Four-Bit Quantization of "
        "Large Language Models\n"
        "- Kernels That Speed Up Training `kernels-that-speed-up-training`: abstract\n"
        "- Speculative Decoding with Small Drafts `speculative-decoding-with-small-drafts`: "
        "date unknown → 2025-10-20\n"
        "\n"
        "Upvotes changed on 2 papers (not listed: every capture reads them anew).\n"
    ) in text


def _set_links(content: Path, links: str) -> None:
    """Give teaching-transformers-to-add these links (a YAML flow mapping) in content's papers."""
    papers = content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    old = "links: {code: 'https://github.com/example/add'}"
    assert old in text
    papers.write_text(text.replace(old, f"links: {links}"), encoding="utf-8")


@pytest.mark.parametrize(
    ("links", "said"),
    [
        (
            "{code: 'https://github.com/example/add', demo: 'https://demo.test/add'}",
            "link `demo` added: `https://demo.test/add`",
        ),
        ("{}", "link `code` removed: `https://github.com/example/add`"),
        (
            "{code: 'https://github.com/attacker/add'}",
            "link `code` now `https://github.com/attacker/add`, "
            "was `https://github.com/example/add`",
        ),
        (
            "{repository: 'https://github.com/example/add'}",
            "link `code` now labelled `repository`: `https://github.com/example/add`",
        ),
    ],
)
def test_links_added_removed_or_changed_are_named_with_label_and_address(
    curated_content: Path, head_content: Path, links: str, said: str
) -> None:
    # A new outbound address is what a reviewer must see: "links" alone let any through unseen.
    _set_links(head_content, links)
    report = review(curated_content, head_content)
    edits = {edit.paper_id: edit.changes for edit in report.edited}
    assert edits["teaching-transformers-to-add"] == (NOTE_EDITED, said)
    assert (
        f"- Teaching Transformers to Add `teaching-transformers-to-add`: {NOTE_EDITED}, {said}\n"
    ) in format_review(report)


@pytest.mark.parametrize("limit", [400, 700, 1_000])
def test_a_review_longer_than_its_limit_is_cut_at_a_line_and_says_so(
    curated_content: Path, head_content: Path, limit: int
) -> None:
    _set_links(head_content, "{code: 'https://github.com/example/ådd/" + "é" * 300 + "'}")
    report = review(curated_content, head_content)
    whole = format_review(report)
    cut = format_review(report, limit)
    assert len(whole.encode("utf-8")) > limit >= len(cut.encode("utf-8"))
    before, check = cut.split("\n### Check\n")
    # The Check list whole: what is wrong with the content matters most to a reviewer.
    assert whole.endswith(f"\n### Check\n{check}") and "theme 'sequence-models'" in check
    kept, said = before.rsplit("\n\n", 1)
    # Whole lines from the start, then a blank line (no table row or list item takes in the next).
    assert whole.startswith(kept + "\n") and kept.startswith("## Content review\n")
    assert said.startswith("**The review is cut here**: ")
    assert f"runs to {len(whole.encode('utf-8')):,} bytes" in said and "run locally" in said
    assert said.endswith("; its Check list follows.\n")
    assert format_review(report, len(whole.encode("utf-8"))) == whole  # fits: not cut


def test_a_check_list_longer_than_the_limit_is_cut_with_the_rest(
    curated_content: Path, head_content: Path
) -> None:
    # Check's messages quote what the pull request wrote: one may be as long as it likes.
    themes = head_content / "curation" / "themes.yaml"
    themes.write_text(
        themes.read_text(encoding="utf-8").replace(
            "id: sequence-models", "id: sequence-models\n    unknown_key_" + "x" * 1_000 + ": 1"
        ),
        encoding="utf-8",
    )
    report = review(curated_content, head_content)
    whole = format_review(report)
    assert "unknown\\_key\\_x" in whole.split("### Check")[1]
    check = whole.split("### Check")[1]
    assert len(check) > 1_000
    cut = format_review(report, 1_000)
    assert len(cut.encode("utf-8")) <= 1_000
    assert whole.startswith(cut.rsplit("\n\n", 1)[0])
    assert cut.endswith('prints it whole (CONTRIBUTING.md, "The pull request").\n')


def test_the_job_summary_is_cut_under_what_github_shows(
    curated_content: Path, head_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Lists are capped, but not their entries: one link's address is as long as it is written.
    _set_links(head_content, "{code: 'https://evil.test/" + "a" * 1_200_000 + "'}")
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    whole = capsys.readouterr().out
    assert len(whole.encode("utf-8")) > 1_200_000
    assert main(["review", "--base-content", "content", "--content", "head", "--job-summary"]) == 0
    cut = capsys.readouterr().out
    assert len(cut.encode("utf-8")) <= summary.JOB_SUMMARY_BYTES < 1024 * 1024
    assert cut.startswith("## Content review\n") and "**The review is cut here**" in cut


def test_links_only_reordered_say_so(curated_content: Path, head_content: Path) -> None:
    _set_links(curated_content, "{code: 'https://github.com/example/add', b: 'https://b.test/'}")
    _set_links(head_content, "{b: 'https://b.test/', code: 'https://github.com/example/add'}")
    edits = {e.paper_id: e.changes for e in review(curated_content, head_content).edited}
    assert edits["teaching-transformers-to-add"] == (NOTE_EDITED, "links reordered")


def test_a_hostile_link_shows_as_written_and_cannot_become_markup(
    curated_content: Path, head_content: Path
) -> None:
    # Labels and addresses are untrusted: in code spans (fenced past any backticks they hold) no
    # link, tag, table cell or emphasis comes alive, and no address becomes a live link. An
    # address may hold no backtick, '<', '|' or format character (check refuses it), but Markdown
    # of its own; a label may hold a direction mark, which is named.
    _set_links(
        head_content,
        "{code: 'https://github.com/example/add', "
        "'`x` | <script>alert(1)</script>': 'https://evil.test/a**b**_c_', "
        "'[docs](https://evil.test)': 'https://evil.test/[x](javascript:alert(1))', "
        "'ok\u200f': 'https://evil.test/gnp.exe'}",
    )
    text = format_review(review(curated_content, head_content))
    assert (
        f"- Teaching Transformers to Add `teaching-transformers-to-add`: {NOTE_EDITED}, "
        "link `` `x` | <script>alert(1)</script> `` added: `https://evil.test/a**b**_c_`, "
        "link `[docs](https://evil.test)` added: "
        "`https://evil.test/[x](javascript:alert(1))`, "
        "link `ok<U+200F>` added: `https://evil.test/gnp.exe`\n"
    ) in text


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("plain", "`plain`"),
        ("a`b", "``a`b``"),
        ("a``b`", "``` a``b` ```"),
        ("`x`", "`` `x` ``"),
        (" padded ", "`  padded  `"),
        ("line\nbreak\r\n- item", "`line break  - item`"),
        ("<b>&amp;</b>", "`<b>&amp;</b>`"),
        ("a\x00b\u200bc\u2028d", "`a\ufffdb<U+200B>c<U+2028>d`"),
        ("deep\xa0learning", "`deep<U+00A0>learning`"),
        # A variation selector shows as nothing after a letter; after an emoji it is its look.
        ("net\ufe0fworks \u2714\ufe0f", "`net<U+FE0F>works \u2714\ufe0f`"),
    ],
)
def test_untrusted_text_in_a_code_span_shows_as_written(text: str, span: str) -> None:
    assert code_span(text) == span


def test_an_added_paper_s_links_are_named_with_label_and_address(
    curated_content: Path, head_content: Path
) -> None:
    # A paper the pull request adds brings its curator links to the site: new addresses too.
    with (head_content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write(
            "  speculative-decoding-fast-drafts:\n"
            "    links: {code: 'https://evil.test/[x](y)', '[site](https://evil.test)': "
            "'https://evil.test/*b*'}\n"
        )
    text = format_review(review(curated_content, head_content))
    assert (
        "- Speculative Decoding \\<Fast\\> \\| Drafts\\* `speculative-decoding-fast-drafts`: "
        "`efficiency / fast-decoding` (placed by the rules: not yet decided in papers.yaml); "
        "link `code`: `https://evil.test/[x](y)`; "
        "link `[site](https://evil.test)`: `https://evil.test/*b*`\n"
    ) in text


def _with_unread_efficiency_rules(content: Path) -> Path:
    """A copy of ``content`` as ./head whose efficiency rules cannot be read ('threshold: four')."""
    head = Path("head")
    shutil.copytree(content, head)
    _edit_themes(head, ("threshold: 3\n", "threshold: four\n"))
    return head


def _edit_themes(content: Path, *edits: tuple[str, str]) -> None:
    """Replace each text in content's themes.yaml, which must hold it, with another."""
    themes = content / "curation" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    themes.write_text(text, encoding="utf-8")


def _captured_later(head: Path, title: str, authors: int = 2) -> None:
    """A dump in ``head`` captured after first.txt, giving RETRIEVAL's paper ``title``."""
    (head / "sources" / "later.txt").write_text(
        f"{title}\n\n{RETRIEVAL}\n\n  • {authors} authors\n·\nJan 2, 2025 7\n", encoding="utf-8"
    )
    (head / "sources" / "sources.yaml").write_text(
        "sources:\n  first.txt: {captured: 2025-01-01}\n  later.txt: {captured: 2025-02-01}\n",
        encoding="utf-8",
    )


def test_hiding_the_second_page_of_a_paper_sharing_an_abstract_removes_that_page_alone(
    curated_content: Path,
) -> None:
    # check's advice for a new title first read with a revised abstract: the second page, which
    # shares the first's abstract, was hidden, and review also called the first paper removed,
    # "under the id 'gated-attention', which another paper now has", though it is still there.
    write_second_page(curated_content / "sources")
    _list_dumps(
        curated_content,
        "  dump.txt: {captured: 2025-10-01}\n  x.txt: {captured: 2025-11-01}\n"
        "  a.txt: {captured: 2025-11-10}\n  b.txt: {captured: 2025-11-10}\n",
    )
    head = _head_copy(curated_content)
    papers = head / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text(encoding="utf-8")
        + "  gated-attention-training:\n    hidden: The same paper as gated-attention.\n",
        encoding="utf-8",
    )
    report = review(curated_content, head)
    assert [change.paper_id for change in report.removed] == ["gated-attention-training"]
    assert report.base_total is not None
    assert report.head_total == report.base_total - 1


def _head_copy(content: Path) -> Path:
    """A copy of content as ./head: a pull request that changes only what a test edits."""
    head = Path("head")
    shutil.copytree(content, head)
    return head


def test_a_theme_s_page_edits_are_named_in_the_order_its_page_shows_them(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = _head_copy(curated_content)
    _edit_themes(
        head,
        ("title: Efficiency", "title: Efficient <ML> | *fast*"),
        ("intro: Making models *cheaper*.", "intro: Making models cheaper."),
        # Quantization last, and introduced; Fast decoding retitled; a section added, one renamed
        # (the same papers under a new id).
        (
            "      - id: quantization\n        title: Quantization\n"
            "        terms: [quantiz*, four bits, eight bits]\n"
            "      - id: fast-decoding\n        title: Fast decoding\n"
            "        terms: [speculative decoding, draft model]\n",
            "      - id: fast-decoding\n        title: Fast *decoding*\n"
            "        terms: [speculative decoding, draft model]\n"
            "      - id: pruning\n        title: Pruning\n"
            "      - id: quantization\n        title: Quantization\n        intro: Fewer bits.\n"
            "        terms: [quantiz*, four bits, eight bits]\n",
        ),
        ("      - id: state-space\n", "      - id: ssm\n"),
    )
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    out = capsys.readouterr().out
    assert "0 removed, 0 edited, 2 themes edited; `papersite check`" in out
    assert (
        "| Unsorted | 1 | 1 | 0 |  |\n"
        "\n"
        "### Themes edited (2)\n"
        "\n"
        "- Efficient \\<ML\\> \\| \\*fast\\* `efficiency`: "
        "title Efficiency → Efficient \\<ML\\> \\| \\*fast\\*, intro, now: Making models cheaper., "
        "section `fast-decoding` title Fast decoding → Fast \\*decoding\\*, "
        "section `pruning` added, section `quantization` intro, now: Fewer bits., "
        "section `quantization` position 1 → 3; "
        # Left unset, the default is the first section: moving it is a change of rules too.
        "rules: default section `quantization` → `fast-decoding`\n"
        "- Sequence Models `sequence-models`: section renamed `state-space` → `ssm`: links to "
        "`#state-space` no longer land on it (sections have no `formerly`)\n"
        "\n"
        "### Added (0)\n"
    ) in out


def test_a_section_given_a_new_id_with_its_papers_is_a_rename_whose_anchor_breaks(
    curated_content: Path,
) -> None:
    # It showed as one section added and one removed, its papers as moved, and links to the old
    # anchor broke unsaid.
    head = _head_copy(curated_content)
    _edit_themes(
        head,
        ("      - id: state-space\n", "      - id: ssm\n"),
        ("terms: [state space]", "terms: [state space, mamba]"),
    )
    report = review(curated_content, head)
    assert report.moved == ()
    assert [(e.theme_id, e.changes, e.rules) for e in report.themes_edited] == [
        (
            "sequence-models",
            (
                "section renamed `state-space` → `ssm`: links to `#state-space` no longer land "
                "on it (sections have no `formerly`)",
            ),
            # Its rules compared with those it had.
            ("section `ssm` keyword `mamba` added",),
        )
    ]
    # A section whose papers went elsewhere is no rename of a new one: one removed, one added.
    _edit_themes(head, ("terms: [state space, mamba]", "terms: [mamba]"))
    report = review(curated_content, head)
    assert [(e.theme_id, e.changes) for e in report.themes_edited] == [
        ("sequence-models", ("section `ssm` added", "section `state-space` removed"))
    ]


@pytest.mark.parametrize(
    ("quantization", "fast_decoding", "lands"),
    [
        # Swapped: each anchor now leads to the other section.
        ("fast-decoding", "quantization", "land on another section"),
        # A chain: the first id is no one's, the second another section's.
        ("fast-decoding", "drafting", "no longer land on it"),
    ],
)
def test_sections_that_trade_ids_are_each_renamed_whose_anchors_land_elsewhere(
    curated_content: Path, quantization: str, fast_decoding: str, lands: str
) -> None:
    # Its papers showed as moved, both sections as retitled and their keywords as edited, and
    # links to either anchor, now on the other section, changed unsaid.
    head = _head_copy(curated_content)
    _edit_themes(
        head,
        ("      - id: quantization\n", "      - id: QUANTIZATION\n"),
        ("      - id: fast-decoding\n", f"      - id: {fast_decoding}\n"),
        ("      - id: QUANTIZATION\n", f"      - id: {quantization}\n"),
    )
    report = review(curated_content, head)
    assert report.moved == ()
    assert [(e.theme_id, e.changes, e.rules) for e in report.themes_edited] == [
        (
            "efficiency",
            (
                f"section renamed `quantization` → `{quantization}`: links to `#quantization` "
                f"{lands} (sections have no `formerly`)",
                f"section renamed `fast-decoding` → `{fast_decoding}`: links to `#fast-decoding` "
                "land on another section (sections have no `formerly`)",
            ),
            (),
        )
    ]


def test_an_edited_intro_shows_the_start_of_its_new_text(curated_content: Path) -> None:
    _edit_themes(
        curated_content,
        (
            "        title: Transformers\n",
            "        title: Transformers\n        intro: Attention.\n",
        ),
    )
    head = _head_copy(curated_content)
    long = "Models that *read* sequences, " * 10
    _edit_themes(
        head,
        ("intro: How models read sequences.", f"intro: '{long}'"),
        ("        intro: Attention.\n", ""),
    )
    edits = {edit.theme_id: edit.changes for edit in review(curated_content, head).themes_edited}
    intro, section = edits["sequence-models"]
    assert intro.startswith(
        "intro, now: Models that \\*read\\* sequences, Models"
    ) and intro.endswith(" …")
    assert len(intro.removeprefix("intro, now: ").replace("\\", "")) <= 160 + len(" …")
    assert section == "section `transformers` intro removed"


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("threshold: 3", "threshold: 2.5", "threshold 3 → 2.5"),
        ("      title_weight: 2\n", "", "title weight 2 → 3"),
        ("        - quantiz*\n", "", "keyword `quantiz*` removed"),
        (
            "        - quantiz*\n",
            "        - quantiz*\n        - {regex: 'a`b|<i>', weight: -1}\n",
            "regex ``a`b|<i>`` (weight -1) added",
        ),
        (
            "{keyword: speculative decoding, weight: 2}",
            "{keyword: speculative decoding, weight: 1.5}",
            "keyword `speculative decoding` weight 2 → 1.5",
        ),
        # The same text written as a regex is another term: "*" is no longer a word's ending.
        ("        - quantiz*\n", "        - {regex: quantiz*}\n", "keyword `quantiz*` removed"),
        ("exclude: [survey]", "exclude: [survey, review*]", "exclude keyword `review*` added"),
        (
            "terms: [quantiz*, four bits, eight bits]",
            "terms: [quantiz*, four bits]",
            "section `quantization` keyword `eight bits` removed",
        ),
        (
            "      default_section: transformers\n",
            "      default_section: state-space\n",
            "default section `transformers` → `state-space`",
        ),
    ],
)
def test_each_part_of_a_theme_s_rules_that_changed_is_named(
    curated_content: Path, old: str, new: str, said: str
) -> None:
    head = _head_copy(curated_content)
    _edit_themes(head, (old, new))
    edits = review(curated_content, head).themes_edited
    assert said in [change for edit in edits for change in edit.rules]
    assert all(edit.changes == () for edit in edits)  # no page of a theme changed


def test_rules_given_to_a_theme_or_taken_from_it_are_said(curated_content: Path) -> None:
    head = _head_copy(curated_content)
    rules = (
        "    rules:\n      threshold: 2\n      title_weight: 2\n"
        "      terms: [state space, transformer*, recurrence]\n"
        "      default_section: transformers\n"
    )
    _edit_themes(head, (rules, ""))
    # Without rules, the theme holds only the papers papers.yaml places in it.
    edits = review(curated_content, head).themes_edited
    assert [(e.theme_id, e.changes, e.rules) for e in edits] == [
        ("sequence-models", (), ("removed",))
    ]
    edits = review(head, curated_content).themes_edited
    assert [(e.theme_id, e.rules) for e in edits] == [("sequence-models", ("added",))]
    assert "- Sequence Models `sequence-models`: rules: added\n" in format_review(
        review(head, curated_content)
    )


def test_a_paper_the_rules_move_says_so_as_an_added_one_does(curated_content: Path) -> None:
    # No entry places the four-bit paper: its move is a rule's edit, not a curator's decision.
    head = _head_copy(curated_content)
    _edit_themes(
        head,
        ("terms: [quantiz*, four bits, eight bits]", "terms: [eight bits]"),
        ("terms: [speculative decoding, draft model]", "terms: [speculative decoding, four bits]"),
    )
    text = format_review(review(curated_content, head))
    assert (
        "### Moved (1)\n\n"
        "- Four-Bit Quantization of Large Language Models "
        "`four-bit-quantization-of-large-language-models`: `efficiency / quantization` → "
        "`efficiency / fast-decoding` (placed by the rules: not yet decided in papers.yaml)\n"
    ) in text


# A pin the pull request removes (_unpinned): the entry's edit, and what the review says of it.
UNPINNED = [
    ("", "its entry in papers.yaml removed in this pull request"),
    ("    note: kept\n", "its themes in papers.yaml removed in this pull request"),
]


def _unpinned(content: Path, section: str, edited: str) -> Path:
    """Pin the four-bit paper to efficiency's ``section`` in content; ./head with it ``edited``.

    ``edited`` replaces the pin in the pull request's entry; empty, the entry is deleted.
    """
    entry = "  four-bit-quantization-of-large-language-models:\n"
    pinned = f"    themes: {{efficiency: {section}}}\n"
    papers = content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text(encoding="utf-8") + entry + pinned, encoding="utf-8")
    head = _head_copy(content)
    text = (head / "curation" / "papers.yaml").read_text(encoding="utf-8")
    (head / "curation" / "papers.yaml").write_text(
        text.replace(entry + pinned, entry + edited if edited else ""), encoding="utf-8"
    )
    return head


@pytest.mark.parametrize(("edited", "said"), UNPINNED)
def test_a_paper_moved_as_the_pull_request_removes_its_pinned_themes_says_so(
    curated_content: Path, edited: str, said: str
) -> None:
    # "not yet decided in papers.yaml" would say no curator ever placed it, hiding the removal.
    head = _unpinned(curated_content, "fast-decoding", edited)
    [moved] = review(curated_content, head).moved
    assert (moved.paper_id, moved.note) == (
        "four-bit-quantization-of-large-language-models",
        f"{said}: placed by the rules now",
    )


def test_a_theme_moved_in_the_order_is_named_and_not_those_it_passed(
    curated_content: Path,
) -> None:
    head = _head_copy(curated_content)
    themes = head / "curation" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    last = text.index("  - id: arithmetic-reasoning")
    first = text.index("  - id: efficiency")
    themes.write_text(text[:first] + text[last:] + text[first:last], encoding="utf-8")
    report = review(curated_content, head)
    # The other two are a place lower each, but in the same order: what moved is the one.
    assert [(e.theme_id, e.changes) for e in report.themes_edited] == [
        ("arithmetic-reasoning", ("position 3 → 1 in the theme order",))
    ]
    assert (
        "### Themes edited (1)\n\n"
        "- Arithmetic Reasoning `arithmetic-reasoning`: position 3 → 1 in the theme order\n"
    ) in format_review(report)


def test_a_theme_a_side_cannot_read_is_not_listed_as_edited(curated_content: Path) -> None:
    head = _head_copy(curated_content)
    # Retitled, but a section without its title costs the whole theme: a mistake under Check.
    _edit_themes(
        head,
        ("title: Efficiency", "title: Efficient ML"),
        ("        title: Quantization\n", "        titel: x\n"),
    )
    assert review(curated_content, head).themes_edited == ()
    # Nor one given twice: which of the two entries the curator means is the mistake to fix.
    _edit_themes(head, ("        titel: x\n", "        title: Quantization\n"))
    with (head / "curation" / "themes.yaml").open("a", encoding="utf-8") as themes:
        themes.write(
            "  - id: efficiency\n    title: Efficiency\n    sections: [{id: a, title: A}]\n"
        )
    assert review(curated_content, head).themes_edited == ()
    _edit_themes(
        head, ("  - id: efficiency\n    title: Efficiency\n    sections: [{id: a, title: A}]\n", "")
    )
    # Rules that cannot be read are not rules removed, nor their threshold changed.
    _edit_themes(head, ("threshold: 2\n", "threshold: two\n"), ("Sequence Models", "Sequences"))
    edits = review(curated_content, head).themes_edited
    assert [(e.theme_id, e.rules) for e in edits] == [("efficiency", ()), ("sequence-models", ())]
    assert [e.changes for e in edits] == [
        ("title Efficiency → Efficient ML",),
        ("title Sequence Models → Sequences",),
    ]


def test_themes_edited_are_listed_while_papers_are_not_compared(
    curated_content: Path, head_content: Path
) -> None:
    # themes.yaml was read: what a theme's page shows does not wait for papers.yaml's fix.
    (head_content / "curation" / "papers.yaml").write_text("papers: [\n", encoding="utf-8")
    _edit_themes(head_content, ("title: Efficiency", "title: Efficient ML"))
    text = format_review(review(curated_content, head_content))
    assert "- Efficient ML `efficiency`: title Efficiency → Efficient ML\n\n### Check\n" in text


def test_a_long_list_of_themes_edited_ends_in_a_count_of_the_rest(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(summary, "MAX_LISTED", 1)
    head = _head_copy(curated_content)
    _edit_themes(head, ("intro: Numbers.", "intro: Sums."), ("Making", "Made"))
    report = review(curated_content, head)
    assert (
        "### Themes edited (2)\n\n"
        "- Efficiency `efficiency`: intro, now: Made models \\*cheaper\\*.\n"
        "- … and 1 more (`papersite review` run locally lists them all)\n"
    ) in format_review(report, summary.JOB_SUMMARY_BYTES)
    assert "\n- Arithmetic Reasoning `arithmetic-reasoning`: intro" in format_review(report)


def test_a_theme_s_many_terms_edited_end_in_a_count_in_the_job_summary(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1,500 terms pasted in were one paragraph of 81 KB in the job summary.
    monkeypatch.setattr(summary, "MAX_LISTED", 2)
    head = _head_copy(curated_content)
    _edit_themes(head, ("exclude: [survey]", "exclude: [survey, aa, bb, cc, dd]"))
    report = review(curated_content, head)
    assert (
        "- Efficiency `efficiency`: rules: exclude keyword `aa` added, exclude keyword `bb` "
        "added, and 2 more\n"
    ) in format_review(report, summary.JOB_SUMMARY_BYTES)
    # Printed locally, whole.
    assert "exclude keyword `dd` added\n" in format_review(report)


def _rename(content: Path, old: str, new: str, formerly: str) -> None:
    """Give theme ``old`` the id ``new`` and this 'formerly', in themes.yaml and papers.yaml."""
    _edit_themes(content, (f"  - id: {old}\n", f"  - id: {new}\n    formerly: {formerly}\n"))
    papers = content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_theme_renamed_compares_as_one_theme_with_only_its_real_changes(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = _head_copy(curated_content)
    _rename(head, "arithmetic-reasoning", "numbers", "[arithmetic-reasoning]")
    papers = head / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    featured = text.replace("featured: [numbers]", "featured: [numbers, sequence-models]")
    papers.write_text(featured, encoding="utf-8")
    _edit_themes(head, ("title: Arithmetic Reasoning", "title: Numbers"))
    report = review(curated_content, head)
    assert [(c.theme, c.was, c.base, c.head, c.status) for c in report.counts] == [
        ("efficiency", None, 3, 3, ""),
        ("sequence-models", None, 2, 2, ""),
        ("numbers", "arithmetic-reasoning", 1, 1, ""),
        ("unsorted", None, 1, 1, ""),
    ]
    # Its paper stays where it was and stays featured there: the featuring added is the news.
    assert report.moved == ()
    assert [(e.paper_id, e.changes) for e in report.edited] == [
        ("teaching-transformers-to-add", ("featured in `sequence-models`",))
    ]
    assert [(e.theme_id, e.changes) for e in report.themes_edited] == [
        ("numbers", ("title Arithmetic Reasoning → Numbers",))
    ]
    assert main(["review", "--base-content", "content", "--content", "head"]) == 0
    out = capsys.readouterr().out
    # Its picks compared with those it had under its old id; the one featuring added counted.
    assert "| Numbers (renamed: `arithmetic-reasoning` → `numbers`) | 1 | 1 | 0 | 1 |\n" in out
    assert "| Sequence Models | 2 | 2 | 0 | 0 → 1 |\n" in out
    assert "### Moved (0)\n\nNone.\n" in out


def test_a_theme_renamed_has_its_rules_compared_with_those_it_had(curated_content: Path) -> None:
    # Its papers' featuring ('featured: true') is the theme's too, under either id.
    head = _head_copy(curated_content)
    _rename(head, "efficiency", "efficient-ml", "efficiency")
    _edit_themes(head, ("exclude: [survey]", "exclude: [survey, cooking]"))
    report = review(curated_content, head)
    assert (report.moved, report.edited) == ((), ())
    assert [(e.theme_id, e.changes, e.rules) for e in report.themes_edited] == [
        ("efficient-ml", (), ("exclude keyword `cooking` added",))
    ]


def test_a_theme_merged_from_two_is_a_rename_of_neither(curated_content: Path) -> None:
    # Two themes in one is a change of where papers are: not a rename of either.
    head = _head_copy(curated_content)
    themes = head / "curation" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    themes.write_text(text[: text.index("  - id: arithmetic-reasoning")], encoding="utf-8")
    _rename(head, "sequence-models", "sequences", "[sequence-models, arithmetic-reasoning]")
    report = review(curated_content, head)
    assert [(c.theme, c.was, c.status) for c in report.counts][-4:-1] == [
        ("sequences", None, "new"),
        ("sequence-models", None, "removed"),
        ("arithmetic-reasoning", None, "removed"),
    ]
    assert [(a.old, a.now) for a in report.addresses] == [
        ("sequence-models", "sequences"),
        ("arithmetic-reasoning", "sequences"),
    ]


def test_a_former_id_dropped_names_the_addresses_the_site_stops_publishing(
    curated_content: Path,
) -> None:
    renamed = _head_copy(curated_content)
    _rename(renamed, "arithmetic-reasoning", "numbers", "[arithmetic-reasoning]")
    head = Path("again")
    shutil.copytree(renamed, head)
    # Renamed again, keeping the latest old id only: the first one's addresses go.
    _rename(head, "numbers", "sums", "[numbers]")
    _edit_themes(head, ("    formerly: [arithmetic-reasoning]\n", ""))
    report = review(renamed, head)
    assert [(a.old, a.now) for a in report.addresses] == [
        ("numbers", "sums"),
        ("arithmetic-reasoning", None),
    ]
    assert (
        "\nAddresses the site stops publishing, which links and feed readers use: "
        "`themes/arithmetic-reasoning/`, `feeds/arithmetic-reasoning.xml`, "
        "`bibtex/arithmetic-reasoning.bib`. A theme renamed keeps them by listing its old id "
        "under `formerly`.\n"
    ) in format_review(report)
    # Its 'formerly' deleted, the theme keeps only its own addresses.
    dropped = Path("dropped")
    shutil.copytree(renamed, dropped)
    _edit_themes(dropped, ("    formerly: [arithmetic-reasoning]\n", ""))
    report = review(renamed, dropped)
    assert [(a.old, a.now) for a in report.addresses] == [("arithmetic-reasoning", None)]
    assert "stops publishing, which links and feed readers use: `themes/arithmetic-reasoning/`" in (
        format_review(report)
    )


def test_tag_pages_the_site_stops_publishing_are_named_with_no_redirect(
    curated_content: Path, head_content: Path
) -> None:
    base = curated_content / "curation" / "papers.yaml"
    base.write_text(
        base.read_text(encoding="utf-8").replace("[addition]", "[addition, survey, 'C++']"),
        encoding="utf-8",
    )
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8").replace("[addition]", "[addition, overview, 'C++']")
    # "C#" slugs as "C++" does, on as many papers, and comes first in text_order: it takes
    # `tags/c/`, and "C++" moves to a hashed slug.
    papers.write_text(text.replace("[quantization]", "[quantization, 'C#']"), encoding="utf-8")
    report = review(curated_content, head_content)
    assert [(a.tag, a.old, a.now, a.shown) for a in report.tag_addresses] == [
        ("C++", "c", "c-f1deb75f", "C#"),
        ("survey", "survey", None, None),
    ]
    # `tags/c/` is published still: its links land on another tag's list, not on a missing page.
    assert (
        "\nTag pages the site stops publishing, with no redirect (tags have no `formerly`): "
        "`tags/survey/` (tag `survey`, which no paper on the site has now).\n"
        "\nTag addresses that now show another tag, with no redirect (tags have no `formerly`): "
        "`tags/c/` shows `C#`'s papers (tag `C++`, now at `tags/c-f1deb75f/`).\n"
    ) in format_review(report)
    # A tag given to other papers keeps its address: nothing to name.
    papers.write_text(text.replace("[quantization]", "[quantization, survey]"), encoding="utf-8")
    report = review(curated_content, head_content)
    assert report.tag_addresses == ()
    assert "Tag pages" not in format_review(report)


def test_a_tag_gone_whose_address_another_base_tag_took_is_said_to_show_that_tag(
    curated_content: Path, head_content: Path
) -> None:
    # "survéy" was hashed beside "survey" on the base branch; "survey" gone, it takes the plain
    # address, so `tags/survey/` lists another tag's papers, and its own old address goes.
    base = curated_content / "curation" / "papers.yaml"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("[addition]", "[addition, survey, survéy]"), encoding="utf-8")
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("[addition]", "[addition, survéy]"), encoding="utf-8")
    report = review(curated_content, head_content)
    assert [(a.tag, a.now, a.shown) for a in report.tag_addresses] == [
        ("survey", None, "survéy"),
        ("survéy", "survey", None),
    ]
    assert (
        "`tags/survey/` shows `survéy`'s papers (tag `survey`, which no paper on the site has now)."
    ) in format_review(report)


def test_tag_pages_going_while_papers_are_not_compared_are_said_with_a_caveat(
    curated_content: Path, head_content: Path
) -> None:
    # The entry in error is not read: its paper's tags are the error's to lose, not the PR's.
    papers = head_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("order: 1", "order: first"), encoding="utf-8")
    text = format_review(review(curated_content, head_content))
    assert (
        "\nTag pages the site stops publishing, with no redirect (tags have no `formerly`): "
        "`tags/addition/` (tag `addition`, which no paper on the site has now). Papers not "
        "compared (below) may keep some of these once their errors are fixed.\n"
    ) in text


def _retagged(content: Path, was: str, now: str) -> Path:
    """Tag content's addition paper ``was`` too; a copy of content as ./head tags it ``now``."""
    papers = content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("[addition]", f"[addition, {was}]"), encoding="utf-8")
    head = _head_copy(content)
    papers = head / "curation" / "papers.yaml"
    papers.write_text(text.replace("[addition]", f"[addition, {now}]"), encoding="utf-8")
    return head


def test_a_tag_renamed_only_in_case_is_the_same_tag_at_its_new_address(
    curated_content: Path,
) -> None:
    # "index" is reserved, so its slug is hashed, and the hash is of the name: "Index" has pages
    # at another address, but it is the tag renamed, not one gone and one new.
    head = _retagged(curated_content, "index", "Index")
    assert (
        "`tags/index-1bc04b52/` (tag `index`, renamed `Index`, now at `tags/index-39c3be11/`)."
    ) in format_review(review(curated_content, head))


def test_tags_with_no_ascii_letter_are_not_called_one_tag_renamed(curated_content: Path) -> None:
    # Both slug to nothing before their hash: "日本語" read as renamed "中文", two unlike tags.
    report = review(curated_content, _retagged(curated_content, "日本語", "中文"))
    assert [(a.tag, a.now, a.renamed) for a in report.tag_addresses] == [("日本語", None, None)]


def test_a_former_id_close_to_an_address_dropped_is_said_to_be_likely_meant(
    curated_content: Path,
) -> None:
    head = _head_copy(curated_content)
    _rename(head, "arithmetic-reasoning", "numbers", "[arithmetic-reasonin]")
    report = review(curated_content, head)
    assert [(a.old, a.now, a.typo) for a in report.addresses] == [
        ("arithmetic-reasoning", None, ("arithmetic-reasonin", "numbers"))
    ]
    assert (
        "`bibtex/arithmetic-reasoning.bib` (theme `numbers` lists `arithmetic-reasonin` under "
        "`formerly`: did you mean `arithmetic-reasoning`?). A theme renamed"
    ) in format_review(report)
    # An old id like none of them is no typo of one: the addresses are listed alone.
    _edit_themes(head, ("[arithmetic-reasonin]", "[maths]"))
    report = review(curated_content, head)
    assert [(a.old, a.now, a.typo) for a in report.addresses] == [
        ("arithmetic-reasoning", None, None)
    ]
    assert "did you mean" not in format_review(report)


def test_a_former_id_that_leads_to_another_theme_is_named(curated_content: Path) -> None:
    renamed = _head_copy(curated_content)
    _rename(renamed, "arithmetic-reasoning", "numbers", "[arithmetic-reasoning]")
    head = Path("moved")
    shutil.copytree(renamed, head)
    _edit_themes(
        head,
        ("    formerly: [arithmetic-reasoning]\n", ""),
        ("  - id: efficiency\n", "  - id: efficiency\n    formerly: arithmetic-reasoning\n"),
    )
    report = review(renamed, head)
    assert [(a.old, a.now) for a in report.addresses] == [("arithmetic-reasoning", "efficiency")]
    assert (
        "\nOld addresses kept by `formerly`: `themes/arithmetic-reasoning/` redirects to another "
        "theme's page, `themes/efficiency/`, and `feeds/arithmetic-reasoning.xml` and "
        "`bibtex/arithmetic-reasoning.bib` serve copies of its feed and BibTeX.\n"
    ) in format_review(report)
    # Renamed, a theme keeps leading its former ids to itself: no news.
    again = Path("again")
    shutil.copytree(renamed, again)
    _rename(again, "numbers", "sums", "[numbers, arithmetic-reasoning]")
    _edit_themes(again, ("    formerly: [arithmetic-reasoning]\n", ""))
    assert [(a.old, a.now) for a in review(renamed, again).addresses] == [("numbers", "sums")]


def test_a_theme_renamed_counts_as_one_while_papers_are_not_compared(
    curated_content: Path,
) -> None:
    head = _head_copy(curated_content)
    _rename(head, "arithmetic-reasoning", "numbers", "[arithmetic-reasoning]")
    _edit_themes(head, ("intro: Numbers.", "intro: Sums."))
    (head / "curation" / "papers.yaml").write_text("papers: [\n", encoding="utf-8")
    report = review(curated_content, head)
    assert [(c.theme, c.was, c.base) for c in report.counts if c.theme != "unsorted"] == [
        ("efficiency", None, 3),
        ("sequence-models", None, 2),
        ("numbers", "arithmetic-reasoning", 1),
    ]
    assert [(e.theme_id, e.changes) for e in report.themes_edited] == [
        ("numbers", ("intro, now: Sums.",))
    ]
    assert [(a.old, a.now) for a in report.addresses] == [("arithmetic-reasoning", "numbers")]


def test_a_former_id_added_that_the_site_never_published_is_named_with_its_addresses(
    curated_content: Path,
) -> None:
    # Said to be "No change to the site", yet the site gained a redirect, a feed and a .bib.
    head = _head_copy(curated_content)
    _edit_themes(
        head,
        ("  - id: sequence-models\n", "  - id: sequence-models\n    formerly: [efficiency-old]\n"),
    )
    report = review(curated_content, head)
    assert not report.unchanged
    assert report.addresses == ()  # the base site had no such address to keep or drop
    assert (
        "### Themes edited (1)\n"
        "\n"
        "- Sequence Models `sequence-models`: formerly `efficiency-old` added: "
        "`themes/efficiency-old/` redirects here, and `feeds/efficiency-old.xml` and "
        "`bibtex/efficiency-old.bib` serve copies of its feed and BibTeX, feed id "
        "`feeds/sequence-models.xml` → `feeds/efficiency-old.xml` (formerly's first id gives "
        "it): feed readers may take it for a new feed\n"
    ) in format_review(report)
    # A former id the base site published, kept or dropped, is named once, with the addresses.
    renamed = Path("renamed")
    shutil.copytree(curated_content, renamed)
    _rename(renamed, "arithmetic-reasoning", "numbers", "[arithmetic-reasoning]")
    assert "Themes edited" not in format_review(review(curated_content, renamed))


def test_a_new_theme_s_former_id_is_named_with_the_addresses_it_adds(
    curated_content: Path,
) -> None:
    # Only a theme on both sides had them named: a new theme's redirect, feed and .bib passed.
    head = _head_copy(curated_content)
    _edit_themes(
        head,
        (
            "  - id: arithmetic-reasoning\n",
            "  - id: maths\n    title: Maths\n    formerly: [math-old]\n    sections:\n"
            "      - id: all\n        title: All\n  - id: arithmetic-reasoning\n",
        ),
    )
    report = review(curated_content, head)
    assert [(e.theme_id, e.changes) for e in report.themes_edited] == [
        (
            "maths",
            (
                "formerly `math-old` added: `themes/math-old/` redirects here, and "
                "`feeds/math-old.xml` and `bibtex/math-old.bib` serve copies of its feed and "
                "BibTeX",
            ),
        )
    ]
    assert "| Maths (new: `maths`) | 0 | 0 | 0 | 0 |\n" in format_review(report)


def test_a_paper_added_as_a_theme_s_rules_cannot_be_read_is_said_to_have_no_known_place(
    curated_content: Path,
) -> None:
    # Only efficiency's rules, unread, would place it: it read as added to Unsorted, and the
    # table as efficiency emptied (3 → 0, its pick unfeatured), a mistake under Check.
    head = _with_unread_efficiency_rules(curated_content)
    _add_dump(head, "Speculative Decoding for Quantized Models")
    text = format_review(review(curated_content, head))
    assert (
        "| Efficiency | 3 | not counted |  |  |\n"
        "| Sequence Models | 2 | 2 | 0 | 0 |\n"
        "| Arithmetic Reasoning | 1 | 1 | 0 | 1 |\n"
        "| Unsorted | 1 | not counted |  |  |\n"
    ) in text
    assert (
        "### Added (1)\n\n"
        "- Speculative Decoding for Quantized Models `speculative-decoding-for-quantized-models`: "
        "`unsorted` (not yet decided in papers.yaml; may belong in `efficiency`, whose rules "
        "could not be read: see Check)\n"
    ) in text


def test_a_theme_s_rules_unread_on_both_sides_are_no_change_of_the_pull_request_s(
    curated_content: Path,
) -> None:
    # Neither side's count of efficiency or Unsorted is made: that is no difference between them.
    broken = _with_unread_efficiency_rules(curated_content)
    report = review(broken, broken)
    assert [(c.theme, c.base, c.head) for c in report.counts][::3] == [
        ("efficiency", None, None),
        ("unsorted", None, None),
    ]
    assert report.unchanged


@pytest.mark.parametrize(("edited", "said"), UNPINNED)
def test_a_pin_removed_where_the_rules_put_the_paper_anyway_is_said(
    curated_content: Path, edited: str, said: str
) -> None:
    # The paper stays where it was, so nothing was listed: the curator's decision went unseen.
    head = _unpinned(curated_content, "quantization", edited)
    report = review(curated_content, head)
    assert report.moved == ()
    expected = [f"{said}: the rules leave it where it was"]
    if edited:
        expected.append("note, now: kept")
    assert [(e.paper_id, list(e.changes)) for e in report.edited] == [
        ("four-bit-quantization-of-large-language-models", expected)
    ]


def test_papers_the_pull_request_s_fixed_rules_move_are_moved_with_the_base_s_error_said(
    curated_content: Path,
) -> None:
    # Their places now are known: listed as not compared, the fix's effect went unseen. Nor is
    # the featuring the base's error took away an edit of the curators'.
    base = _with_unread_efficiency_rules(curated_content)
    report = review(base, curated_content)
    assert report.not_compared == () and report.edited == ()
    said = (
        "the rules of `efficiency` could not be read on the base branch, so its place there was "
        "the error's"
    )
    assert [(c.paper_id, c.before, c.after, c.note) for c in report.moved] == [
        (
            "four-bit-quantization-of-large-language-models",
            (Place("unsorted", "unsorted"),),
            (Place("efficiency", "quantization"),),
            f"placed by the rules: not yet decided in papers.yaml; {said}",
        ),
        (
            # Its entry only removes a theme: the rules choose the rest, as triage says.
            "quantized-state-space-models",
            (Place("unsorted", "unsorted"),),
            (Place("efficiency", "quantization"),),
            f"placed by the rules: not yet decided in papers.yaml; {said}",
        ),
        (
            "speculative-decoding-with-small-drafts",
            (Place("unsorted", "unsorted"),),
            (Place("efficiency", "fast-decoding"),),
            f"placed by the rules: not yet decided in papers.yaml; {said}",
        ),
    ]
    assert "| Efficiency | not counted | 3 |  | 1 |\n" in format_review(report)


def test_a_papers_yaml_the_pull_request_deletes_is_said_first(
    curated_content: Path, head_content: Path
) -> None:
    # Its entries listed one by one as removed, by the hundred, hid the one thing to say, and the
    # warning naming the file came last, under Check.
    (head_content / "curation" / "papers.yaml").unlink()
    report = review(curated_content, head_content)
    assert report.papers_deleted == "head/curation/papers.yaml"
    assert format_review(report).startswith(
        "## Content review\n\n**`head/curation/papers.yaml` is deleted in this pull request**: "
        "the 3 entries it held are gone.\n"
        "\n**6 → 7 papers** on the site: "
    )
    # Kept, it is not said.
    (head_content / "curation" / "papers.yaml").write_text("papers:\n", encoding="utf-8")
    assert review(curated_content, head_content).papers_deleted is None


def test_a_curation_folder_the_pull_request_deletes_is_said_first(
    curated_content: Path, head_content: Path
) -> None:
    # It had no headline: the themes' rows and the papers' moves, by the hundred, said it alone.
    shutil.rmtree(head_content / "curation")
    report = review(curated_content, head_content)
    assert report.papers_deleted is None
    assert format_review(report).startswith(
        "## Content review\n\n**The curation folder `head/curation` (themes.yaml and papers.yaml) "
        "is deleted in this pull request**: every paper is unsorted, and the 3 entries "
        "papers.yaml held are gone.\n"
        "\n**6 → 7 papers** on the site: "
    )
    # Without a papers.yaml on the base branch, no entry is said to be gone.
    (curated_content / "curation" / "papers.yaml").unlink()
    assert format_review(review(curated_content, head_content)).startswith(
        "## Content review\n\n**The curation folder `head/curation` (themes.yaml) is deleted in "
        "this pull request**: every paper is unsorted.\n\n"
    )
    # Nor is a folder the base branch lacks too.
    shutil.rmtree(curated_content / "curation")
    assert review(curated_content, head_content).curation_deleted is None


def test_a_papers_yaml_deleted_that_held_no_entry_is_not_said_to_lose_any(
    curated_content: Path, head_content: Path
) -> None:
    # 'papers:' alone was said to have "every decision it held" gone.
    (curated_content / "curation" / "papers.yaml").write_text("papers:\n", encoding="utf-8")
    (head_content / "curation" / "papers.yaml").unlink()
    assert format_review(review(curated_content, head_content)).startswith(
        "## Content review\n\n**`head/curation/papers.yaml` is deleted in this pull request**.\n\n"
    )


def _triage_pasted(content: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """./head: a copy of content with ``papersite triage``'s whole snippet pasted in papers.yaml."""
    head = _head_copy(content)
    assert main(["triage", "--content", "head"]) == 0
    snippet = capsys.readouterr().out.split("then check each line:\n\n", 1)[1]
    # The new entries go under 'papers:'; a line for an entry already there replaces its 'add'
    # or 'remove' (tests/data/curation's quantized-state-space-models only removes a theme).
    new, _, existing = snippet.partition("\nAdd to the entries already in ")
    papers_yaml = head / "curation" / "papers.yaml"
    text = papers_yaml.read_text(encoding="utf-8")
    for entry in re.findall(
        r"^  (\S+):  # line \d+, replacing its '\w+'\n(    .*\n)", existing, re.M
    ):
        paper_id, line = entry
        text = re.sub(
            rf"^(  {re.escape(paper_id)}:\n)    (?:add|remove): .*\n",
            rf"\g<1>{line}",
            text,
            flags=re.M,
        )
    papers_yaml.write_text(text + new, encoding="utf-8")
    return head


# The papers tests/data/curation leaves to the rules (quantized-state-space-models' entry only
# removes a theme), pinned by triage's snippet where they stand.
DECIDED = (
    "### Newly decided in papers.yaml (5)\n"
    "\n"
    "Papers papers.yaml now pins where the rules had placed them: the site shows them as before, "
    "and a rule's edit no longer moves them.\n"
    "\n"
    "- Four-Bit Quantization of Large Language Models "
    "`four-bit-quantization-of-large-language-models`: `efficiency / quantization`\n"
    "- Kernels That Speed Up Training `kernels-that-speed-up-training`: `unsorted`\n"
    "- Quantized State Space Models `quantized-state-space-models`: `efficiency / quantization`\n"
    "- Selective State Space Models for Long Context "
    "`selective-state-space-models-for-long-context`: `sequence-models / state-space`\n"
    "- Speculative Decoding with Small Drafts `speculative-decoding-with-small-drafts`: "
    "`efficiency / fast-decoding`\n"
)


def test_papers_a_triage_snippet_decides_where_they_stood_are_listed_under_no_change(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Deciding papers is what a triage pull request is for, yet the site is the same: the review
    # said only "No change to the site", and the 4 decisions went unseen.
    head = _triage_pasted(curated_content, capsys)
    report = review(curated_content, head)
    assert report.unchanged
    assert format_review(report) == (
        "## Content review\n"
        "\n"
        "**No change to the site**; 5 papers are now decided in papers.yaml where the rules had "
        "placed them, and otherwise no paper, theme, rule or dump differs from the base branch "
        "(6 papers on the site); `papersite check`: 0 errors, 0 warnings.\n"
        "\n" + DECIDED
    )


def test_papers_newly_decided_are_counted_and_listed_beside_other_changes(
    curated_content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    head = _triage_pasted(curated_content, capsys)
    papers = head / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("note: Quantizes", "note: It quantizes"), encoding="utf-8")
    text = format_review(review(curated_content, head))
    assert text.startswith(
        "## Content review\n\n**6 → 6 papers** on the site: 0 added, 0 moved, 0 removed, "
        "5 newly decided, 1 edited; `papersite check`: 0 errors, 0 warnings.\n"
    )
    assert f"### Removed (0)\n\nNone.\n\n{DECIDED}\n### Notes and details edited (1)\n" in text
    # Capped in the job summary as every list is.
    monkeypatch.setattr(summary, "MAX_LISTED", 2)
    assert (
        "`kernels-that-speed-up-training`: `unsorted`\n"
        "- … and 3 more (`papersite review` run locally lists them all)\n\n"
        "### Notes and details edited (1)\n"
    ) in format_review(review(curated_content, head), limit=summary.JOB_SUMMARY_BYTES)


def test_a_paper_moved_by_its_new_pin_or_pinned_already_is_not_newly_decided(
    curated_content: Path,
) -> None:
    head = _head_copy(curated_content)
    with (head / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        # Moved: listed among the moves. Pinned already ('themes'), its themes written in another
        # order: decided on both sides.
        papers.write(
            "  four-bit-quantization-of-large-language-models:\n"
            "    themes: {efficiency: fast-decoding}\n"
        )
    text = (head / "curation" / "papers.yaml").read_text(encoding="utf-8")
    (head / "curation" / "papers.yaml").write_text(
        text.replace(
            "themes: {arithmetic-reasoning: arithmetic, sequence-models: transformers}",
            "themes: {sequence-models: transformers, arithmetic-reasoning: arithmetic}",
        ),
        encoding="utf-8",
    )
    report = review(curated_content, head)
    assert [change.paper_id for change in report.moved] == [
        "four-bit-quantization-of-large-language-models"
    ]
    assert report.decided == ()
    assert "Newly decided" not in format_review(report)


def test_one_paper_newly_decided_beside_an_edit_in_error_is_said_as_read(
    curated_content: Path,
) -> None:
    head = _head_copy(curated_content)
    _edit_themes(head, ("threshold: 3\n", "threshold: 3\n      threshold: 1\n"))
    with (head / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write("  kernels-that-speed-up-training:\n    themes: []\n")
    assert format_review(review(curated_content, head)).startswith(
        "## Content review\n"
        "\n"
        "**No change to the site that could be read**; 1 paper is now decided in papers.yaml "
        "where the rules had placed it, and otherwise no paper, theme, rule or dump differs from "
        "the base branch as read (6 papers on the site), and what errors keep from being read is "
        "not compared (see Check); `papersite check`: 1 error, 0 warnings.\n"
        "\n"
        "### Newly decided in papers.yaml (1)\n"
    )
