from __future__ import annotations

import re
from pathlib import Path

import pytest

from papersite.catalogue import read_catalogue

from .conftest import GATED, SHARED, TWIN_STEM, write_twins
from .curation_helpers import HEADER, P, errors, write


def test_an_entry_for_a_paper_its_dump_skipped_says_so(content: Path) -> None:
    dump = content / "sources" / "dump.txt"
    # The last title loses its abstract: the dump skips that paper, with the reason.
    dump.write_text("".join(dump.read_text().splitlines(keepends=True)[:-1]))
    with (content / "curation" / "papers.yaml").open("a") as papers:
        papers.write("  kernels-that-speed-up-training:\n    note: Fast.\n")
    found = errors(content)
    assert not any("unknown paper id" in problem for problem in found), found
    assert any(
        problem.endswith(
            "paper 'kernels-that-speed-up-training' was skipped in its dump (see there why)"
        )
        for problem in found
    ), found


@pytest.mark.parametrize("unread", ["binary", "linked outside"])
def test_entries_unknown_while_a_dump_is_unread_are_one_error(content: Path, unread: str) -> None:
    dump = content / "sources" / "dump.txt"
    if unread == "binary":
        dump.write_bytes(b"Binary\x00data\n")
    else:
        # Not read for linking outside the content folder, as a pipe or a folder in its place is
        # not for being unreadable: each of papers.yaml's entries was its own "unknown paper id".
        outside = Path("outside.txt").absolute()
        outside.write_bytes(dump.read_bytes())
        dump.unlink()
        dump.symlink_to(outside)
    found = [problem for problem in errors(content) if problem.startswith(P)]
    assert len(found) == 1, found
    assert re.fullmatch(
        rf"{P}:\d+: unknown paper id '[a-z-]+' and \d+ more: content/sources/dump.txt could not "
        r"be read \(see there why\), and may hold them; check again once it is fixed",
        found[0],
    ), found


GONE = (
    "Mixture of Recursions",
    "Rotary Embeddings Revisited",
    "Gated Linear Attention",
    "Ring Attention",
)


def test_entries_for_the_papers_of_a_dump_deleted_are_one_error_naming_it(content: Path) -> None:
    # A seed dump deleted left 36 errors, each an unknown id, most "no paper has a similar id",
    # some with a "did you mean" naming an unrelated paper. An id a typo away from a paper's is
    # still said alone: no sign tells which dump held a paper once the dump is gone.
    sources = content / "sources"
    gone = "".join(f"{title}\nAbout {title.lower()}.\n" for title in GONE)
    (sources / "gone.txt").write_text(gone, encoding="utf-8")
    (sources / "sources.yaml").write_text(
        "sources:\n  dump.txt: {captured: 2025-11-01}\n  gone.txt: {captured: 2025-11-02}\n",
        encoding="utf-8",
    )
    entries = "".join(
        f"  {slug}:\n    themes: []\n"
        for slug in (
            "mixture-of-recursions",
            "rotary-embeddings-revisited",
            "gated-linear-attention",
            "ring-attention",
            "quantized-state-space-model",
        )
    )
    write(content, papers=HEADER + "papers:\n" + entries)
    assert errors(content) == [
        f"{P}:11: unknown paper id 'quantized-state-space-model' (did you mean "
        "'quantized-state-space-models'?)"
    ]
    (sources / "gone.txt").unlink()
    assert errors(content) == [
        f"{P}:3: unknown paper id 'mixture-of-recursions' (line 3), 'rotary-embeddings-revisited' "
        "(line 5), 'gated-linear-attention' (line 7) and 1 more: 4 entries name papers no dump "
        "holds (their ids no typo of any paper's); content/sources/sources.yaml lists gone.txt "
        "(line 3), which is missing and may have held them: restore it, or remove those entries",
        f"{P}:11: unknown paper id 'quantized-state-space-model' (did you mean "
        "'quantized-state-space-models'?)",
    ]


def test_an_entry_for_no_paper_while_two_dumps_listed_are_missing_names_both(
    content: Path,
) -> None:
    # One entry, two dumps: each said in its own number ("their ids" named one entry).
    sources = content / "sources"
    (sources / "sources.yaml").write_text(
        "sources:\n  dump.txt: {captured: 2025-11-01}\n  gone.txt: {captured: 2025-11-02}\n"
        "  lost.txt: {captured: 2025-11-03}\n",
        encoding="utf-8",
    )
    write(content, papers=HEADER + "papers:\n  ring-attention:\n    themes: []\n")
    assert errors(content) == [
        f"{P}:3: unknown paper id 'ring-attention' (line 3): 1 entry names a paper no dump holds "
        "(its id no typo of any paper's); content/sources/sources.yaml lists gone.txt (line 3) "
        "and lost.txt (line 4), which are missing and may have held it: restore them, or remove "
        "that entry"
    ]


def test_entries_for_no_paper_are_each_an_error_while_no_dump_listed_is_missing(
    content: Path,
) -> None:
    # Without sources.yaml naming it, a dump deleted leaves no trace: each entry is said alone.
    write(content, papers=HEADER + "papers:\n  ring-attention:\n    themes: []\n")
    assert errors(content) == [
        f"{P}:3: unknown paper id 'ring-attention' (no paper has a similar id)"
    ]


TWINS = (
    "(papers whose titles slug alike take their ids in capture order, which a new dump or capture "
    "date can change; those sharing this id's stem, by id, those without a hash first: "
)


def test_an_unknown_id_that_differs_only_in_its_hash_names_the_twins_by_title(
    content: Path,
) -> None:
    # Two titles slugging to one 80-character id: the first captured gets it, the other its stem
    # and a hash of its title. Together was captured last, then its dump's date was edited:
    # "did you mean" Beyond's hashed id, nearest by letters, would name the wrong paper.
    # Together, with the id hashed ones sort after, is listed first: the likeliest meant.
    write_twins(content, beyond_first=False)
    write(content, papers=HEADER + f"papers:\n  {TWIN_STEM}-8bbdc7:\n    note: Together.\n")
    assert errors(content) == [
        f"{P}:3: unknown paper id '{TWIN_STEM}-8bbdc7' {TWINS}'{SHARED}' (…Together) and "
        f"'{TWIN_STEM}-35a23d' (…Beyond); put the entry under the id of the paper it was written "
        "for)"
    ]


def test_many_twins_are_told_apart_by_their_titles_ends_and_listed_at_most_eight(
    content: Path,
) -> None:
    # Nine titles of over a hundred characters, one 80-character slug: the message listed every
    # title in full, one line of over a thousand characters telling them apart at their ends.
    # Capped at five by id, it left out the unhashed id, captured first: hashed ones sort before.
    shared = "Scaling Laws for Mixture of Experts Language Models Under Tight Memory Budgets and "
    ends = [
        "Long Contexts in Practice",
        "Long Horizons for Agents",
        "Short Prompts at the Edge",
        "Many Tasks of Many Kinds",
        "Few Tasks with Few Shots",
        "Code Written by Assistants",
        "Zebra Finches in the Wild",
        "Agents That Plan Ahead",
        "Small Data Regimes",
    ]
    for number, end in enumerate(ends):
        dump = content / "sources" / f"d{number}.txt"
        dump.write_text(f"{shared}{end}\n\nAbstract {number}.\n", encoding="utf-8")
    ids = {
        paper.id: paper.title.removeprefix(shared)
        for paper in read_catalogue(content).papers
        if paper.title.startswith(shared)
    }
    assert len(ids) == 9
    stem = min(ids)[:73]
    write(content, papers=HEADER + f"papers:\n  {stem}-000000:\n    note: Which?\n")
    plain, *hashed = sorted(ids, key=len)  # d0.txt, read first, keeps the slug unhashed
    assert ids[plain] == ends[0]
    named = ", ".join(
        f"'{paper_id}' (…{ids[paper_id]})" for paper_id in [plain, *sorted(hashed)][:8]
    )
    assert errors(content) == [
        f"{P}:3: unknown paper id '{stem}-000000' {TWINS}{named} and 1 more; put the entry "
        "under the id of the paper it was written for)"
    ]


def test_an_unknown_id_differing_in_its_hash_from_one_paper_s_alone_is_a_typo(
    content: Path,
) -> None:
    # No twins, one paper whose id the key starts: told as twins sharing a stem, it sent the
    # curator looking for papers that slug alike where there was only a typo.
    write(content, papers=HEADER + "papers:\n  a-survey-of-cooking-robots-abcdef: {}\n")
    assert errors(content) == [
        f"{P}:3: unknown paper id 'a-survey-of-cooking-robots-abcdef' "
        "(did you mean 'a-survey-of-cooking-robots'?)"
    ]


def test_an_unknown_id_of_a_title_joined_by_its_abstract_names_the_paper_it_joined(
    content: Path,
) -> None:
    # A probe's paste: Y's abstract under X's title in an earlier dump. Y's own mention, its title
    # then unknown, joins X by the abstract, and an entry under Y's id names no paper.
    abstract = (
        "Mathematical reasoning is a core ability of human intelligence; we release a dataset of "
        "school-level problems to test how well neural sequence models acquire it."
    )
    sources = content / "sources"
    (sources / "a.txt").write_text(f"Deep Learning for Symbolic Mathematics\n\n{abstract}\n")
    (sources / "b.txt").write_text(
        f"Analysing Mathematical Reasoning Abilities of Neural Models\n\n{abstract}\n"
    )
    (sources / "sources.yaml").write_text(
        "sources:\n  a.txt: {captured: 2025-11-01}\n  b.txt: {captured: 2025-11-10}\n"
    )
    y = "analysing-mathematical-reasoning-abilities-of-neural-models"
    write(content, papers=HEADER + f"papers:\n  {y}:\n    note: Y.\n")
    assert errors(content) == [
        f"{P}:3: unknown paper id '{y}' (its title 'Analysing Mathematical Reasoning Abilities "
        "of Neural Models' at content/sources/b.txt:1 was joined by its abstract to 'Deep "
        "Learning for Symbolic Mathematics' at content/sources/a.txt:1, id "
        "'deep-learning-for-symbolic-mathematics': if they are one paper, retitled, put the entry "
        "under 'deep-learning-for-symbolic-mathematics'; if two, one of those mentions has the "
        "other's abstract, pasted: correct it in its dump)"
    ]


def write_gated_retitle(content: Path) -> None:
    """x.txt's 'Gated Attention' retitled in b.txt, whose dated mention names the paper."""
    sources = content / "sources"
    (sources / "x.txt").write_text(f"Gated Attention\n\n{GATED}\n")
    (sources / "b.txt").write_text(
        f"Gated Attention Training\n\n{GATED}\n\n  • 2 authors\n·\nMay 10, 2025 4\n"
    )
    (sources / "sources.yaml").write_text(
        "sources:\n  x.txt: {captured: 2025-11-01}\n  b.txt: {captured: 2025-11-10}\n"
    )


def test_a_joined_title_s_hint_quotes_the_title_written_where_the_abstract_was_matched(
    content: Path,
) -> None:
    # b.txt's mention, the richer, gives the paper its title: the hint quoted that at x.txt:1,
    # which reads "Gated Attention", and named one title twice.
    write_gated_retitle(content)
    assert [p.title for p in read_catalogue(content).papers if p.id == "gated-attention"] == [
        "Gated Attention Training"
    ]
    write(content, papers=HEADER + "papers:\n  gated-attention-training:\n    note: Y.\n")
    assert errors(content) == [
        f"{P}:3: unknown paper id 'gated-attention-training' (its title 'Gated Attention "
        "Training' at content/sources/b.txt:1 was joined by its abstract to 'Gated Attention' at "
        "content/sources/x.txt:1, id 'gated-attention': if they are one paper, retitled, put the "
        "entry under 'gated-attention'; if two, one of those mentions has the other's abstract, "
        "pasted: correct it in its dump)"
    ]


def test_a_joined_title_s_hint_merges_into_the_paper_s_entry_when_it_has_one(
    content: Path,
) -> None:
    # "put the entry under 'gated-attention'" made a duplicate key of the entry already there.
    write_gated_retitle(content)
    write(
        content,
        papers=HEADER + "papers:\n  gated-attention:\n    note: X.\n"
        "  gated-attention-training:\n    note: Y.\n",
    )
    assert errors(content) == [
        f"{P}:5: unknown paper id 'gated-attention-training' (its title 'Gated Attention "
        "Training' at content/sources/b.txt:1 was joined by its abstract to 'Gated Attention' at "
        "content/sources/x.txt:1, id 'gated-attention': if they are one paper, retitled, merge it "
        "into the entry under 'gated-attention' (line 3); if two, one of those mentions has the "
        "other's abstract, pasted: correct it in its dump)"
    ]
