from __future__ import annotations

import dataclasses
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papersite import curation_checks, rules
from papersite.catalogue import Catalogue, read_catalogue
from papersite.content import read_content, read_curation, sort_catalogue
from papersite.curation import (
    CuratedPaper,
    Curation,
    CurationFiles,
    ExtraLink,
    Placement,
    Section,
    Theme,
    arxiv_id_of,
)
from papersite.errors import PapersiteError, Problems
from papersite.markup import render_note
from papersite.render import THEME_ID_MAX_LENGTH, check_id, generate
from papersite.rules import Term
from papersite.unknown_ids import GROUPED_FROM

from .conftest import (
    CURATION_DATA,
    REPO,
    Lock,
    write_second_page,
)
from .curation_helpers import (
    ARXIV_PDF,
    ARXIV_TEACHING,
    HEADER,
    SHARED_LINK,
    P,
    T,
    curate,
    errors,
    paper,
    write,
)
from .sites import SETTINGS


def test_sections_list_curator_order_first_then_newest() -> None:
    theme = Theme("efficiency", "Efficiency", "", (Section("pruning", "Pruning"),))
    pin = (Placement("efficiency", "pruning", pinned=True),)
    old = CuratedPaper(paper("old", date(2020, 1, 1)), pin)
    new = CuratedPaper(paper("new", date(2024, 1, 1)), pin)
    first = CuratedPaper(
        paper("first", date(2019, 1, 1)), pin, order=1, featured=frozenset({"efficiency"})
    )
    loose = CuratedPaper(paper("loose"))
    curation = Curation((theme,), (old, new, first, loose))
    assert [i.paper.id for i in curation.in_section("efficiency", "pruning")] == [
        "first",
        "new",
        "old",
    ]
    assert [i.paper.id for i in curation.featured("efficiency")] == ["first"]
    assert [i.paper.id for i in curation.unsorted()] == ["loose"]
    assert curation.get("new") is new


def test_curator_orders_come_first_and_in_their_order() -> None:
    # Orders 3, 1, 2 given out of order and to older papers: they still lead, 1 to 3.
    theme = Theme("efficiency", "Efficiency", "", (Section("pruning", "Pruning"),))
    pin = (Placement("efficiency", "pruning", pinned=True),)
    picked = frozenset({"efficiency"})
    items = [
        CuratedPaper(paper("third", date(2019, 1, 1)), pin, order=3, featured=picked),
        CuratedPaper(paper("newest", date(2024, 1, 1)), pin, featured=picked),
        CuratedPaper(paper("first", date(2018, 1, 1)), pin, order=1, featured=picked),
        CuratedPaper(paper("second", date(2020, 1, 1)), pin, order=2, featured=picked),
    ]
    curation = Curation((theme,), tuple(items))
    expected = ["first", "second", "third", "newest"]
    assert [i.paper.id for i in curation.in_section("efficiency", "pruning")] == expected
    assert [i.paper.id for i in curation.featured("efficiency")] == expected


def test_papers_of_one_day_are_in_title_order_whatever_the_case() -> None:
    # By code point "LLM…" sorts before "attention…": a curator reads titles, not code points.
    day = date(2024, 5, 1)
    pin = (Placement("efficiency", "pruning", pinned=True),)
    titled = {
        "llm": "LLM Pruning at Scale",
        "attention": "attention Sinks in Pruned Models",
    }
    theme = Theme("efficiency", "Efficiency", "", (Section("pruning", "Pruning"),))
    placed = Curation(
        (theme,),
        tuple(
            CuratedPaper(dataclasses.replace(paper(pid, day), title=title), pin)
            for pid, title in titled.items()
        ),
    )
    loose = Curation(
        (),
        tuple(
            CuratedPaper(dataclasses.replace(paper(pid, day), title=title))
            for pid, title in titled.items()
        ),
    )
    assert [i.paper.id for i in placed.in_theme("efficiency")] == ["attention", "llm"]
    assert [i.paper.id for i in loose.unsorted()] == ["attention", "llm"]


def test_a_curation_made_from_another_indexes_its_own_papers() -> None:
    theme = Theme("efficiency", "Efficiency", "", (Section("pruning", "Pruning"),))
    pin = (Placement("efficiency", "pruning", pinned=True),)
    kept = CuratedPaper(paper("kept"), pin)
    dropped = CuratedPaper(paper("dropped"), pin)
    curation = Curation((theme,), (kept, dropped))
    smaller = dataclasses.replace(curation, papers=(kept,))
    assert [i.paper.id for i in smaller.in_theme("efficiency")] == ["kept"]
    assert smaller.get("dropped") is None
    assert [i.paper.id for i in curation.in_theme("efficiency")] == ["dropped", "kept"]
    assert curation.get("dropped") is dropped


# --- loading the curation files ------------------------------------------------------------------

THEMES = (CURATION_DATA / "themes.yaml").read_text(encoding="utf-8")


def test_the_fixture_curation_loads_cleanly(content: Path) -> None:
    curation, problems = curate(content)
    assert problems == []
    assert [theme.id for theme in curation.themes] == [
        "efficiency",
        "sequence-models",
        "arithmetic-reasoning",
    ]
    efficiency = curation.themes[0]
    assert efficiency.intro == "Making models *cheaper*."
    assert [s.id for s in efficiency.sections] == ["quantization", "fast-decoding"]
    assert [h.paper.id for h in curation.hidden] == ["a-survey-of-cooking-robots"]
    assert curation.hidden[0].reason == "Off topic for every theme."
    assert [i.paper.id for i in curation.unsorted()] == ["kernels-that-speed-up-training"]


def test_rules_place_papers_with_their_scores_and_best_section(content: Path) -> None:
    curation, _ = curate(content)
    speculative = curation.get("speculative-decoding-with-small-drafts")
    assert speculative is not None
    assert speculative.placements == (
        Placement("efficiency", "fast-decoding", pinned=False, score=6.5),
    )
    selective = curation.get("selective-state-space-models-for-long-context")
    assert selective is not None
    assert selective.placements == (
        Placement("sequence-models", "state-space", pinned=False, score=3.0),
    )


def test_pinned_themes_win_over_the_rules(content: Path) -> None:
    curation, _ = curate(content)
    add = curation.get("teaching-transformers-to-add")
    assert add is not None
    # The rules put it in sequence-models only; the decision sets both themes and their sections.
    assert add.placements == (
        Placement("sequence-models", "transformers", pinned=True, score=3.0),
        Placement("arithmetic-reasoning", "arithmetic", pinned=True, score=None),
    )
    assert add.featured == frozenset({"arithmetic-reasoning"})
    assert add.note == "The cleanest study of *length generalisation* on addition."
    assert (add.order, add.arxiv_id, add.tags) == (1, "2402.09371", ("addition",))
    assert add.links == (ExtraLink("code", "https://github.com/example/add"),)
    # 'remove' takes away one theme the rules chose and keeps the other; 'featured: true' means
    # every theme the paper ends up in.
    quantized = curation.get("quantized-state-space-models")
    assert quantized is not None
    assert quantized.themes == ("efficiency",)
    assert quantized.featured == frozenset({"efficiency"})


def test_remove_of_a_theme_the_rules_do_not_choose_is_a_guard_not_a_warning(
    content: Path,
) -> None:
    # The rules put the paper in efficiency and sequence-models, not in arithmetic-reasoning:
    # 'remove' keeps it out should they ever. A warning failed CI's check --strict on a rules
    # change in another file, and its "delete it" undid the guard.
    write(
        content,
        papers=HEADER + "papers:\n  quantized-state-space-models:\n"
        "    remove:\n      - sequence-models\n      - arithmetic-reasoning\n",
    )
    curation, problems = curate(content)
    assert not [problem for problem in problems if "remove" in problem]
    quantized = curation.get("quantized-state-space-models")
    assert quantized is not None
    assert quantized.themes == ("efficiency",)


def test_add_pins_the_section_of_a_theme_the_rules_chose(content: Path) -> None:
    write(
        content,
        papers=HEADER + "papers:\n  four-bit-quantization-of-large-language-models:\n"
        "    add: {efficiency: fast-decoding, arithmetic-reasoning: arithmetic}\n",
    )
    curation, problems = curate(content)
    assert problems == []
    item = curation.get("four-bit-quantization-of-large-language-models")
    assert item is not None
    assert item.placements == (
        Placement("efficiency", "fast-decoding", pinned=True, score=4.0),
        Placement("arithmetic-reasoning", "arithmetic", pinned=True, score=None),
    )


def test_rules_only_ignores_the_decisions(content: Path) -> None:
    curation, problems = curate(content, rules_only=True)
    assert problems == []
    assert curation.hidden == ()
    add = curation.get("teaching-transformers-to-add")
    assert add is not None
    assert add.placements == (Placement("sequence-models", "transformers", False, 3.0),)
    assert add.note is None


def test_sorting_by_the_rules_alone_scores_each_paper_once(
    content: Path, scorings: list[tuple[str, str]]
) -> None:
    # Sorted with the decisions first, for their checks, then by the rules alone: the second
    # sort reads the scores the first made, and scores only the papers papers.yaml hides.
    curation, problems = curate(content, rules_only=True)
    assert problems == []
    calls = list(scorings)
    # The themes with rules: arithmetic-reasoning has none.
    themes = ["efficiency", "sequence-models"]
    every = [item.paper.title for item in curation.papers]
    assert len(every) == len(set(every)) > 1
    assert sorted(calls) == sorted((theme, title) for theme in themes for title in every)


def test_an_empty_papers_file_is_fine(content: Path) -> None:
    # A new project starts it so (README, "Forking"): no word about it.
    no_papers = f"{T}:35: warning: theme 'arithmetic-reasoning' has no papers"
    write(content, papers=HEADER + "papers:\n")
    assert curate(content)[1] == [no_papers]


def test_a_papers_file_missing_beside_themes_yaml_is_a_warning(content: Path) -> None:
    # Deleted, it dropped every pin, hiding and note without a word, `check --strict` passing.
    (content / "curation" / "papers.yaml").unlink()
    assert curate(content)[1] == [
        f"{T}:35: warning: theme 'arithmetic-reasoning' has no papers",
        f"{P}: warning: missing: no paper is pinned, hidden or noted, so every paper goes by the "
        "rules; a new papers.yaml starts as a line 'papers:', and 'papersite triage' lists the "
        "papers to add",
    ]
    # With themes.yaml gone too, its error says what the folder lacks: no second word.
    (content / "curation" / "themes.yaml").unlink()
    assert curate(content)[1] == [f"{T}: missing: a curation folder needs themes.yaml"]


def test_a_file_of_the_curation_folder_not_read_is_named(content: Path) -> None:
    # papers.yml sat there unread: check said only that papers.yaml was missing.
    folder = content / "curation"
    (folder / "papers.yaml").rename(folder / "papers.yml")
    for name in (".gitkeep", "notes.md", "sources.yaml", "paper.json"):
        (folder / name).touch()
    alone = "not read: a curation folder holds themes.yaml and papers.yaml alone"
    # The likeliest meant for a missing file is named in its message, papers.yml before a JSON
    # file of a name alike; a hidden file is the tools'.
    assert curate(content)[1] == [
        f"content/curation/notes.md: warning: {alone}",
        f"content/curation/paper.json: warning: {alone}",
        f"content/curation/sources.yaml: warning: {alone}",
        f"{T}:35: warning: theme 'arithmetic-reasoning' has no papers",
        f"{P}: warning: missing (papers.yml is there: rename it?): no paper is pinned, hidden or "
        "noted, so every paper goes by the rules; a new papers.yaml starts as a line 'papers:', "
        "and 'papersite triage' lists the papers to add",
    ]
    (folder / "paper.json").unlink()
    (folder / "themes.yaml").rename(folder / "themes.yml")
    assert curate(content)[1] == [
        f"content/curation/notes.md: warning: {alone}",
        f"content/curation/papers.yml: warning: {alone} (did you mean papers.yaml?)",
        f"content/curation/sources.yaml: warning: {alone}",
        f"{T}: missing (themes.yml is there: rename it?): a curation folder needs themes.yaml",
    ]
    # A copy beside the file read is not read: no name to offer.
    (folder / "themes.yml").rename(folder / "themes.yaml")
    shutil.copy(folder / "papers.yml", folder / "papers.yaml")
    assert f"content/curation/papers.yml: warning: {alone}" in curate(content)[1]
    # A file in the folder's place has no files to name: it was read as lacking themes.yaml.
    shutil.rmtree(folder)
    folder.touch()
    assert curate(content)[1] == [f"{T}: missing: a curation folder needs themes.yaml"]


def test_only_a_file_likely_meant_for_a_missing_one_is_offered_to_rename(content: Path) -> None:
    # "thesis.pdf" was offered for themes.yaml, a folder "papers" and a broken link for
    # papers.yaml, and "themes.yaml.orig" before "themes.yml": by the name before the first dot.
    folder = content / "curation"
    (folder / "themes.yaml").rename(folder / "themes.yml")
    (folder / "papers.yaml").unlink()
    (folder / "thesis.pdf").touch()
    (folder / "themes.yaml.orig").touch()
    (folder / "papers").mkdir()
    (folder / "papers.yaml~").symlink_to(folder / "nowhere.yaml")
    alone = "not read: a curation folder holds themes.yaml and papers.yaml alone"
    assert curate(content)[1] == [
        f"content/curation/papers: warning: {alone}",
        f"content/curation/papers.yaml~: warning: {alone}",
        f"content/curation/themes.yaml.orig: warning: {alone} (did you mean themes.yaml?)",
        f"content/curation/thesis.pdf: warning: {alone}",
        f"{T}: missing (themes.yml is there: rename it?): a curation folder needs themes.yaml",
    ]


def test_an_entry_that_decides_nothing_is_a_warning_at_its_line(content: Path) -> None:
    # Written to keep the paper out of the rules' themes, it let them place it without a word.
    write(content, papers=HEADER + "papers:\n  teaching-transformers-to-add: {}\n")
    curation, problems = curate(content)
    assert (
        f"{P}:3: warning: paper 'teaching-transformers-to-add': its entry decides nothing, so "
        "the rules place the paper; write 'themes: []' to keep it in no theme, or remove the "
        "entry"
    ) in problems
    placed = curation.get("teaching-transformers-to-add")
    assert placed is not None
    assert placed.themes == ("sequence-models",)


@pytest.mark.parametrize(
    "entry",
    [
        "\n    links: {}\n    tags: []\n",
        " {add: {}, remove: []}\n",
        # False is the default: nothing featured it.
        "\n    featured: false\n",
    ],
)
def test_an_entry_of_empty_values_decides_nothing_too(content: Path, entry: str) -> None:
    # Empty lists and maps say no more than '{}' does: the rules place the paper. (An empty
    # note is an error of its own.)
    write(content, papers=HEADER + f"papers:\n  teaching-transformers-to-add:{entry}")
    assert (
        f"{P}:3: warning: paper 'teaching-transformers-to-add': its entry decides nothing, so "
        "the rules place the paper; write 'themes: []' to keep it in no theme, or remove the "
        "entry"
    ) in curate(content)[1]


def test_an_entry_of_no_themes_decides_something(content: Path) -> None:
    write(content, papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    themes: []\n")
    curation, problems = curate(content)
    assert not any("decides nothing" in problem for problem in problems)
    placed = curation.get("teaching-transformers-to-add")
    assert placed is not None
    assert placed.themes == ()


@pytest.mark.parametrize(("written", "shown"), [("", "nothing"), (" null", "'null'")])
def test_an_entry_of_nothing_stays_an_error(content: Path, written: str, shown: str) -> None:
    write(content, papers=HEADER + f"papers:\n  teaching-transformers-to-add:{written}\n")
    assert errors(content) == [
        f"{P}:3: 'teaching-transformers-to-add' must be a map of keys to values, not {shown}"
        + (", which YAML reads as nothing" if written else "")
    ]


# --- validation messages, word for word ----------------------------------------------------------


@pytest.mark.parametrize(
    ("papers", "expected"),
    [
        (
            "papers:\n  teaching-transformers:\n    themes: [sequence-models]\n",
            f"{P}:3: unknown paper id 'teaching-transformers' "
            "(did you mean 'teaching-transformers-to-add'?)",
        ),
        (
            "papers:\n  four-bit-quantisation-of-large-language-models: {}\n",
            f"{P}:3: unknown paper id 'four-bit-quantisation-of-large-language-models' "
            "(did you mean 'four-bit-quantization-of-large-language-models'?)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    featued: true\n",
            f"{P}:4: unknown key 'featued' (did you mean 'featured'?)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    colour: red\n",
            f"{P}:4: unknown key 'colour' (expected: add, arxiv, featured, hidden, links, note, "
            "order, remove, ...)",
        ),
        ("paper:\n  x: {}\n", f"{P}:2: unknown key 'paper' (did you mean 'papers'?)"),
        (
            "papers:\n  teaching-transformers-to-add:\n    order: first\n",
            f"{P}:4: 'order' must be a whole number, not 'first'",
        ),
        # A float JSON Schema counts as whole: 1e3 and 1.0 were read as 1000 and 1 unseen.
        (
            "papers:\n  teaching-transformers-to-add:\n    order: 1e3\n",
            f"{P}:4: 'order' must be a whole number, not '1e3', which YAML reads as the number "
            "1000.0; write it in plain digits, 1000",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    order: 1.0\n",
            f"{P}:4: 'order' must be a whole number, not the number 1.0; write it in plain "
            "digits, 1",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    tags: [ok, '<!-- -->']\n",
            f"{P}:4: item 2 of 'tags' must hold a letter or a digit, not '<!-- -->'",
        ),
        (
            f"papers:\n  teaching-transformers-to-add:\n    tags: [{'x' * 41}]\n",
            f"{P}:4: item 1 of 'tags' is longer than 40 characters",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    tags: [a]\n    tags: [b]\n"
            "    note: x\n    note: y\n",
            f"{P}:7: duplicate key 'note' (first defined on line 6)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    arxiv: 2402.09370\n",
            f"{P}:4: 'arxiv' must be quoted text such as '2510.21450'; unquoted, YAML reads it as "
            "a number",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    arxiv: [2402.09370]\n",
            f"{P}:4: 'arxiv' must be quoted text such as '2510.21450', or null for no arXiv id, "
            "not a list",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    arxiv: 'arxiv.org/abs/2402.09370'\n",
            f"{P}:4: 'arxiv' must look like '2510.21450', not 'arxiv.org/abs/2402.09370'",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    links: {code: github.com/x/y}\n",
            f"{P}:4: 'code' must be a web address starting with http:// or https://, not "
            "'github.com/x/y'",
        ),
        *(
            (
                f"papers:\n  teaching-transformers-to-add:\n    links:\n      paper: {url}\n",
                f"{P}:5: 'paper' has {said}",
            )
            for url, said in (
                ("http://example.org/a b", "a space: percent-encode it as %20 or remove it"),
                ("'https://github.com/a/b '", "a trailing space: remove it"),
            )
        ),
        # papers.json's schema promises an IRI, which RFC 3987 keeps these out of.
        *(
            (
                f"papers:\n  teaching-transformers-to-add:\n    links:\n      paper: {url}\n",
                f"{P}:5: 'paper' has a '{char}', which no web address may hold: percent-encode it "
                f"as {encoded}",
            )
            for url, char, encoded in (
                ("'https://example.com/?q=1&r=\"2\"'", '"', "%22"),
                ("https://example.com/{x}", "{", "%7B"),
                ("https://example.com/a`b", "`", "%60"),
                ("https://example.com/a\\b", "\\", "%5C"),
            )
        ),
        # A format character shows nothing in a pull request's diff; the page's href held it
        # percent-encoded ('.../y%E2%80%8B', a page not found), or it reversed what followed.
        *(
            (
                f'papers:\n  teaching-transformers-to-add:\n    links:\n      code: "{url}"\n',
                f"{P}:5: 'code' holds characters that do not show as themselves: {named}; delete "
                "them, or percent-encode them if they are meant",
            )
            for url, named in (
                ("https://github.com/x/y\\u200b", "<U+200B>"),
                ("https://x.org/\\u202etxt.exe", "<U+202E>"),
                ("https://x.org/effi\\u00adcient\\ufeff", "<U+00AD>, <U+FEFF>"),
                ("https://x.org/a\\u2060b\\u200e", "<U+2060>, <U+200E>"),
                ("https://x.org/\\U000e0001", "<U+E0001>"),
            )
        ),
        # A '%' that encodes nothing: no IRI, as papers.json's schema promises, nor a site_url.
        (
            "papers:\n  teaching-transformers-to-add:\n    links:\n"
            "      code: https://x.org/a%zz\n",
            f"{P}:5: 'code' has a '%' not followed by two hex digits: write a '%' as %25",
        ),
        # A label's reordering or hiding characters, as a title's (characters.HIDDEN).
        *(
            (
                f'papers:\n  teaching-transformers-to-add:\n    links:\n      "{label}": '
                "https://x.org/\n",
                f"{P}:5: the label {shown} in 'links' holds characters that {what}: {named}; "
                "delete them",
            )
            for label, shown, what, named in (
                ("x\\u202eyz", "'x\\u202eyz'", "reorder the text after them", "<U+202E>"),
                (
                    "co\\u00adde\\u2066",
                    "'co\\xadde\\u2066'",
                    "do not show as themselves",
                    "<U+00AD>, <U+2066>",
                ),
                (
                    "\\ufeffcode\\u200b",
                    "'\\ufeffcode\\u200b'",
                    "do not show as themselves",
                    "<U+FEFF>, <U+200B>",
                ),
                # The invisible math operators, pasted from a formula: "f(x)" with one between.
                (
                    "f\\u2061(x)\\u2063\\u2064",
                    "'f\\u2061(x)\\u2063\\u2064'",
                    "do not show as themselves",
                    "<U+2061>, <U+2063>, <U+2064>",
                ),
            )
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    links:\n"
            "      code: 'https://github.com/x/y'\n      '': 'https://example.org'\n",
            f"{P}:6: a label in 'links' is blank, so its link would show nothing; give it a name, "
            "such as code",
        ),
        # A label of characters a page keeps but draws as nothing: a link that shows nothing.
        *(
            (
                f'papers:\n  teaching-transformers-to-add:\n    links:\n      "{label}": '
                "https://x.org/\n",
                f"{P}:5: a label in 'links' is blank, so its link would show nothing; give it a "
                "name, such as code",
            )
            for label in ("\\u200e", "\\u200d", "\\u3164", "\\u206e", " \\u0301")
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: sequence-models\n",
            f"{P}:4: 'themes' must be a list or a map of keys to values, not 'sequence-models'; "
            "write themes: {sequence-models: <section>} or themes: [sequence-models]",
        ),
        (
            # The value is a map, as 'themes' may be: the map's own mistake, not "not a map".
            "papers:\n  teaching-transformers-to-add:\n"
            "    themes: {sequence-models: [transformers, state-space]}\n",
            f"{P}:4: 'sequence-models' must be text, not a list; a paper goes in one section of "
            "a theme",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    add: [sequence-models: transformers]\n",
            f"{P}:4: item 1 of 'add' must be text, not a map; to give sections, write 'add' as a "
            "map: {theme: section, ...}",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    featured: [efficiency, efficiency]\n",
            f"{P}:4: 'featured' lists 'efficiency' twice",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    note: ''\n",
            f"{P}:4: 'note' is empty",
        ),
        # Not "or delete it": deleting it is warned of, which fails 'check --strict'.
        ("# nothing yet\n", f"{P}:1: the file is empty: start it with 'papers:'"),
        # Only spaces were taken, and got a featured paper past the warning for no note.
        *(
            (
                f"papers:\n  teaching-transformers-to-add:\n    {key}: '   '\n",
                f"{P}:4: '{key}' holds only spaces: write the text",
            )
            for key in ("note", "hidden")
        ),
        # Characters a page draws as nothing: its "Curator's note" section was left empty.
        *(
            (
                f'papers:\n  teaching-transformers-to-add:\n    note: "{note}"\n',
                f"{P}:4: 'note' shows nothing, only {names}: write the text",
            )
            for note, names in (
                ("\\u2061", "<U+2061>"),
                ("\\u200b \\u200d", "<U+200B>, <U+200D>"),
                ("&#8203;", "<U+200B>"),
                # A no-break space shows as a space: the message named nothing.
                ("&nbsp;", "<U+00A0>"),
                ("&nbsp;\\u200b&nbsp;", "<U+00A0>, <U+200B>"),
            )
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    note: '[](<>)'\n",
            f"{P}:4: 'note' shows nothing: write the text",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    tags: [Addition, 3]\n",
            f"{P}:4: item 2 of 'tags' must be text, not the number 3",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: [Sequence Models]\n",
            f"{P}:4: 'Sequence Models' is not a valid id (that is the title of theme "
            "'sequence-models': write its id)",
        ),
        # A title where an id goes names the id, ignoring case and the spaces around it.
        (
            "papers:\n  teaching-transformers-to-add:\n    featured: [' sequence models']\n",
            f"{P}:4: ' sequence models' is not a valid id (that is the title of theme "
            "'sequence-models': write its id)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: {efficiency: Fast Decoding}\n",
            f"{P}:4: 'Fast Decoding' is not a valid id (that is the title of section "
            "'fast-decoding': write its id)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    add: {efficiency: Transformers}\n",
            f"{P}:4: 'Transformers' is not a valid id (that is the title of section 'transformers' "
            "of theme 'sequence-models': write its id)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    remove: [Quantization]\n",
            f"{P}:4: 'Quantization' is not a valid id (that is the title of a section of theme "
            "'efficiency': write a theme id)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: {Efficiency: quantization}\n",
            f"{P}:4: unknown theme 'Efficiency' (that is the title of theme 'efficiency': write "
            "its id)",
        ),
        # An id but for case, or a typo, is named, the case no edit.
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: [Sequence_Models]\n",
            f"{P}:4: 'Sequence_Models' is not a valid id (did you mean 'sequence-models'?)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: {efficiency: Fast_Decoding}\n",
            f"{P}:4: 'Fast_Decoding' is not a valid id (did you mean 'fast-decoding'?)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n"
            "    themes: {sequence-models: State-Space}\n",
            f"{P}:4: 'State-Space' is not a valid id (did you mean 'state-space'?)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n"
            "    themes: {sequence-models: TRANSFOMERS}\n",
            f"{P}:4: 'TRANSFOMERS' is not a valid id (did you mean 'transformers'?)",
        ),
        # Otherwise the hint's example is an id of the kind the place takes, a section one of the
        # theme's own.
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: [Sequence_Stuff]\n",
            f"{P}:4: 'Sequence_Stuff' is not a valid id: use lower-case words joined by hyphens, "
            "like 'sequence-models'",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n"
            "    themes: {sequence-models: Recurrent-Networks}\n",
            f"{P}:4: 'Recurrent-Networks' is not a valid id: use lower-case words joined by "
            "hyphens, like 'state-space'",
        ),
        # Another theme's section says whose it is.
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: {efficiency: state-space}\n",
            f"{P}:4: unknown section 'state-space' in theme 'efficiency' (a section of theme "
            "'sequence-models')",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: [efficency]\n",
            f"{P}:4: unknown theme 'efficency' (did you mean 'efficiency'?)",
        ),
        # Capitalised as well as misspelt, beside an entry naming the theme: its case is no edit.
        (
            "papers:\n  teaching-transformers-to-add:\n"
            "    themes: {Efficency: efficient-training}\n"
            "  quantized-state-space-models:\n    themes: [efficiency]\n",
            f"{P}:4: unknown theme 'Efficency' (did you mean 'efficiency'?)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    remove: [poetry]\n",
            # Listed as themes.yaml lists them.
            f"{P}:4: unknown theme 'poetry' (themes: efficiency, sequence-models, "
            "arithmetic-reasoning)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    themes:\n"
            "      efficiency: quantisation\n",
            f"{P}:5: unknown section 'quantisation' in theme 'efficiency' "
            "(did you mean 'quantization'?)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: [efficiency]\n"
            "    add: [arithmetic-reasoning]\n",
            f"{P}:5: 'themes' already sets every theme of the paper; use 'add' and 'remove' only "
            "without it",
        ),
        (
            # 'add' won without a word.
            "papers:\n  teaching-transformers-to-add:\n    add: {efficiency: quantization}\n"
            "    remove: [sequence-models, efficiency]\n",
            f"{P}:5: 'efficiency' is both in 'add' and in 'remove': keep it in the one you mean",
        ),
        # Each with the fix the entry takes: 'add' beside 'themes' would be an error.
        (
            "papers:\n  teaching-transformers-to-add:\n    featured: [efficiency]\n",
            f"{P}:4: featured in 'efficiency', but the paper is not in that theme: add it with "
            "'add: [efficiency]', or take 'efficiency' out of 'featured'",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    themes: [sequence-models]\n"
            "    featured: [efficiency]\n",
            f"{P}:5: featured in 'efficiency', but the paper is not in that theme: add "
            "'efficiency' to its 'themes', or take 'efficiency' out of 'featured'",
        ),
        (
            "papers:\n  quantized-state-space-models:\n    remove: [efficiency]\n"
            "    featured: [efficiency]\n",
            f"{P}:5: featured in 'efficiency', but the paper is not in that theme: take "
            "'efficiency' out of its 'remove', or take 'efficiency' out of 'featured'",
        ),
        # A second 'add' beside the entry's own was a duplicate key, in either form.
        (
            "papers:\n  teaching-transformers-to-add:\n    add: [sequence-models]\n"
            "    featured: [efficiency]\n",
            f"{P}:5: featured in 'efficiency', but the paper is not in that theme: add "
            "'efficiency' to its 'add', or take 'efficiency' out of 'featured'",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    add: {sequence-models: transformers}\n"
            "    featured: [efficiency]\n",
            f"{P}:5: featured in 'efficiency', but the paper is not in that theme: add "
            "'efficiency' to its 'add', or take 'efficiency' out of 'featured'",
        ),
        (
            "papers:\n  a-survey-of-cooking-robots:\n    featured: true\n",
            f"{P}:4: featured, but the paper is in no theme: put it in one with 'add', or drop "
            "'featured'",
        ),
        (
            "papers:\n  a-survey-of-cooking-robots:\n    themes: []\n    featured: true\n",
            f"{P}:5: featured, but the paper is in no theme: name its themes in 'themes', or drop "
            "'featured'",
        ),
        (
            "papers:\n  teaching-transformers-to-add: {}\n  teaching-transformers-to-add: {}\n",
            f"{P}:4: duplicate key 'teaching-transformers-to-add' (first defined on line 3)",
        ),
        # An alias above its anchor, or a typo of one: told to quote '*tta' as text, a curator
        # got a second error, an entry's text where a map goes.
        (
            "papers:\n  teaching-transformers-to-add: *tta\n"
            "  quantized-state-space-models: &tta\n    themes: [efficiency]\n",
            f"{P}:3: YAML syntax error: alias *tta names no anchor defined before it: anchor &tta "
            "is defined later, at line 4; an alias must come after its anchor",
        ),
        (
            "papers:\n  quantized-state-space-models: &tta\n    themes: [efficiency]\n"
            "  teaching-transformers-to-add: *tat\n",
            f"{P}:5: YAML syntax error: alias *tat names no anchor defined before it: did you mean "
            "*tta (anchor at line 3)?",
        ),
        (
            "papers:\n  - [unclosed\n",
            f"{P}:3: YAML syntax error: the [ on this line is never closed: end it with ] (YAML "
            "read on to the end of the file looking for it)",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    note: !!python/object:os.system ls\n",
            f"{P}:4: 'note': unsupported YAML tag '!!python/object:os.system': remove it",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    order: 1\n    arxiv: !custom\n",
            f"{P}:5: 'arxiv': unsupported YAML tag '!custom': remove it",
        ),
        (
            "papers:\n  teaching-transformers-to-add:\n    arxiv: !!null '1506.00019'\n",
            f"{P}:4: 'arxiv': '!!null' reads '1506.00019' as nothing: write 'arxiv: null' for "
            "nothing, or '1506.00019' without the tag",
        ),
    ],
)
def test_papers_yaml_problems_name_file_line_and_fix(
    content: Path, papers: str, expected: str
) -> None:
    write(content, papers=HEADER + papers)
    assert expected in curate(content)[1]


def test_a_misspelt_section_is_reported_once_not_echoed_by_featured(content: Path) -> None:
    # The paper lands in no theme because of the typo; "featured, but the paper is in no theme"
    # would send the curator after a second mistake that is not there.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    themes:\n"
        "      efficiency: quantisation\n    featured: true\n",
    )
    assert errors(content) == [
        f"{P}:5: unknown section 'quantisation' in theme 'efficiency' "
        "(did you mean 'quantization'?)"
    ]


def test_a_theme_id_beside_a_section_the_schema_refuses_is_checked_too(content: Path) -> None:
    # The entry is skipped for its section; its theme, as wrong, was left unsaid until then.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    themes:\n"
        "      Efficiency: Quantization\n",
    )
    assert errors(content) == [
        f"{P}:5: 'Quantization' is not a valid id (that is the title of section 'quantization' "
        "of theme 'efficiency': write its id)",
        f"{P}:5: unknown theme 'Efficiency' (that is the title of theme 'efficiency': write its "
        "id)",
    ]
    # Two ids written as one key, the colon left out, are one mistake, which the schema says.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    themes:\n"
        "      efficiency quantization:\n",
    )
    assert errors(content) == [
        f"{P}:5: 'efficiency quantization' must be text, not nothing; write themes: "
        "{efficiency: quantization}"
    ]


# What the message of a regex that matches empty text goes on to say.
REQUIRED = (
    "make part of it required ('+', one or more, instead of '*', which allows none; "
    "no '?' after the whole; no empty alternative, as in 'a|')"
)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            (
                "{keyword: speculative decoding, weight: 2}",
                "{keyword: 'speculative decod(ing|er)', weight: 2}",
            ),
            f"{T}:17: warning: keyword 'speculative decod(ing|er)' is matched literally, '|' "
            "included, and matches no paper: as a regex it matches 1 paper ('Speculative Decoding' "
            "first); for a pattern, write 'regex:' for 'keyword:'",
        ),
        (
            # Written alone in a section's terms: the whole term to write instead.
            ("terms: [quantiz*, four bits", "terms: [quantiz*, 'eight.*bits|four-bit', four bits"),
            f"{T}:9: warning: keyword 'eight.*bits|four-bit' is matched literally, '.*' and '|' "
            "included, and matches no paper: as a regex it matches 2 papers ('Four-Bit' first); "
            "for a pattern, write {regex: 'eight.*bits|four-bit'}",
        ),
        (("exclude: [survey]", "exclude: ['\\bsurvey\\b']"), f"{T}:19: warning: keyword "),
    ],
)
def test_a_keyword_holding_regex_syntax_is_a_warning_at_its_line(
    content: Path, edit: tuple[str, str], expected: str
) -> None:
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    assert edit[0] in themes
    write(content, themes=themes.replace(*edit, 1))
    _, problems = curate(content)
    (warning,) = [problem for problem in problems if "matched literally" in problem]
    assert warning.startswith(expected)
    # Only a warning: the term is kept, and matches as written.
    assert not errors(content)


def literal_keywords(content: Path, themes: str, term: str) -> list[str]:
    """The 'matched literally' warnings once ``term`` is added to a section's terms."""
    edit = "terms: [quantiz*, four bits"
    assert edit in themes
    write(content, themes=themes.replace(edit, f"terms: [quantiz*, {term}, four bits", 1))
    _, problems = curate(content)
    return [problem for problem in problems if "matched literally" in problem]


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        # Before, {regex: 'it's|bits'}, which YAML cannot read: the quote ends the text.
        ('"it\'s|bits"', "{regex: 'it''s|bits'}"),
        ("'four[- ]bits'", "{regex: 'four[- ]bits'}"),
    ],
)
def test_the_regex_a_keyword_is_told_to_be_is_one_to_copy(
    content: Path, written: str, suggested: str
) -> None:
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    (warning,) = literal_keywords(content, themes, written)
    assert warning.endswith(f"for a pattern, write {suggested}")
    # The text suggested, written in its place, reads as the regex meant: no warning, no error.
    assert not literal_keywords(content, themes, suggested)
    assert not errors(content)


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # Up to three papers are counted; past them the search stops.
        ("'model[s]'", "as a regex it matches 3 papers ("),
        ("'mod[e]l|speed'", "as a regex it matches more than 3 papers ("),
        # A pattern every paper matches would put every paper in the theme: not suggested.
        # Every paper readers see: the fixture's hidden one is not counted, and said not to be
        # (check counts 7 papers in all).
        ("'[a-z]'", "as a regex it would match every paper shown (6 papers; papers.yaml hides 1)"),
    ],
)
def test_the_papers_a_keyword_would_match_as_a_regex_are_counted_up_to_a_few(
    content: Path, written: str, told: str
) -> None:
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    (warning,) = literal_keywords(content, themes, written)
    assert f"and matches no paper: {told}" in warning
    assert ("for a pattern, write" in warning) == ("every paper" not in told)


def test_a_keyword_matching_every_paper_as_a_regex_says_every_paper_without_hidden_ones(
    content: Path,
) -> None:
    papers = (content / "curation" / "papers.yaml").read_text(encoding="utf-8")
    unhidden = re.sub(r"\n +hidden: .*", "", papers)
    assert unhidden != papers
    write(content, papers=unhidden)
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    (warning,) = literal_keywords(content, themes, "'[a-z]'")
    assert warning.endswith(": as a regex it would match every paper (7 papers)")


def test_suggestions_stop_once_their_time_is_spent(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A regex slow on every paper would make the check slow for a suggestion: none is made.
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    assert literal_keywords(content, themes, "'model[s]'")[0].endswith("{regex: 'model[s]'}")
    monkeypatch.setattr(curation_checks, "AS_REGEX_SECONDS", 0.0)
    (warning,) = literal_keywords(content, themes, "'model[s]'")
    assert warning.endswith("and matches no paper")
    assert not errors(content)


def test_a_keyword_that_would_run_away_as_a_regex_gets_no_suggestion_and_no_error(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "REGEX_TIMEOUT_SECONDS", 0.05)
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    # As a keyword it matches nothing, quickly; read as a regex, it runs away on a title.
    (warning,) = literal_keywords(content, themes, r"'(.|..)+\d'")
    assert warning.endswith("and matches no paper")
    assert not errors(content)


@pytest.mark.parametrize(
    "written",
    [
        # Not a regex: 'regex:' would only make the warning an error.
        "'gpt[4'",
        "{keyword: 'gpt[4'}",
        # A regex, but one that matches empty text, an error too.
        "'x.*|'",
        # Regexes matching no paper: 'regex:' would change nothing but the warning.
        "'kv[- ]cache'",
        "'e^x'",
        "'$100'",
    ],
)
def test_a_keyword_that_is_no_regex_matching_a_paper_is_not_told_to_be_one(
    content: Path, written: str
) -> None:
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    (warning,) = literal_keywords(content, themes, written)
    assert warning.endswith("and matches no paper")
    assert not errors(content)


# A paper written in the notation abstracts use, added to the fixture dump.
NOTATION_PAPER = (
    "Width Bounds for L^p Approximation\n"
    "We bound the width for L^p approximation of e^x, pool the [CLS] token and spend $100.\n"
)


@pytest.mark.parametrize("written", ["'L^p'", "'[CLS] token'", "'$100'", "'e^x'"])
def test_a_keyword_holding_regex_syntax_that_matches_a_paper_is_no_warning(
    content: Path, written: str
) -> None:
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    # Until a paper holds it, the keyword matches none, and that is said.
    assert literal_keywords(content, themes, written)
    dump = content / "sources" / "dump.txt"
    dump.write_text(dump.read_text(encoding="utf-8") + NOTATION_PAPER, encoding="utf-8")
    assert literal_keywords(content, themes, written) == []


def test_a_keyword_matching_only_hidden_papers_matches_none_readers_see(content: Path) -> None:
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    dump = content / "sources" / "dump.txt"
    dump.write_text(dump.read_text(encoding="utf-8") + NOTATION_PAPER, encoding="utf-8")
    papers = (content / "curation" / "papers.yaml").read_text(encoding="utf-8")
    hidden = "  width-bounds-for-l-p-approximation:\n    hidden: Off topic.\n"
    write(content, papers=papers + hidden)
    # The rest of the site is what a reader sees: a hidden paper leaves the keyword matching none.
    (warning,) = literal_keywords(content, themes, "'L^p'")
    assert warning.endswith(
        "and matches only hidden papers (papers.yaml hides 'width-bounds-for-l-p-approximation')"
    )
    assert not errors(content)


def test_a_keyword_is_not_told_to_be_a_regex_matching_only_hidden_papers(content: Path) -> None:
    # As a regex it finds "Cooking" in the fixture's one hidden paper, which no reader sees.
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    (warning,) = literal_keywords(content, themes, "'cook(s|ing)'")
    assert warning.endswith("and matches no paper")


@pytest.mark.parametrize(
    "written", ["'[CLS] token'", "'[MASK] tokens'", "'[sep] token'", "'[CLS] token|pooling'"]
)
def test_a_name_in_brackets_is_not_told_to_be_a_set_of_its_letters(
    content: Path, written: str
) -> None:
    # As a regex '[CLS] token' finds "s token" in "proposes tokens": a set of letters, not the
    # token the curator named, with a '|' or without. That it matches no paper is still said.
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    (warning,) = literal_keywords(content, themes, written)
    assert warning.endswith("and matches no paper")


def test_a_keyword_holding_regex_syntax_is_no_warning_without_papers(content: Path) -> None:
    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    (content / "sources" / "dump.txt").write_text("", encoding="utf-8")
    assert literal_keywords(content, themes, "'kv[- ]cache'") == []


# What the message of a section id starting with 'paper-' goes on to say.
PAPER_ANCHORS = (
    "on the theme's page, #paper-<id> is the anchor of the paper with that id, where the paper's "
    "own page links to; choose an id that does not start with 'paper-'"
)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("title: Efficiency\n", "titel: Efficiency\n"),
            f"{T}:4: unknown key 'titel' (did you mean 'title'?)",
        ),
        # Said once, as the unknown key's "did you mean"; the file then has no themes to read
        # (it stopped with KeyError: 'themes', a traceback, once the missing key went unsaid).
        (("\nthemes:\n", "\nhemes:\n"), f"{T}:2: unknown key 'hemes' (did you mean 'themes'?)"),
        (
            ("    title: Efficiency\n", ""),
            f"{T}:3: item 1 of 'themes' is missing 'title'",
        ),
        (
            ("title: Quantization\n", "title: ' '\n"),
            f"{T}:8: 'title' holds only spaces: write the text",
        ),
        (("threshold: 3\n", "threshold: -1\n"), f"{T}:14: 'threshold' must be above 0, not -1"),
        (
            ("threshold: 3\n", "threshold: high\n"),
            f"{T}:14: 'threshold' must be a number, not 'high'",
        ),
        (
            ("{regex: 'speed(s|ed)? up', weight: 0.5}", "{regex: 'speed(s|ed up', weight: 0.5}"),
            f"{T}:18: invalid regex 'speed(s|ed up': missing ), unterminated subpattern at "
            "position 5",
        ),
        (
            # re reads the brace as itself, the regex package as a named list: it crashed check.
            ("{regex: 'speed(s|ed)? up', weight: 0.5}", "{regex: 'x{speed}', weight: 0.5}"),
            f"{T}:18: invalid regex 'x{{speed}}': expected }} (write \\{{ for a brace) at "
            "position 3",
        ),
        (
            # In a section's terms: at the term's line, not the section's.
            ("terms: [quantiz*, four bits", "terms:\n          - {regex: 'four (bits'}\n        #"),
            f"{T}:10: invalid regex 'four (bits': missing ), unterminated subpattern at position 5",
        ),
        (
            # arithmetic-reasoning has no rules to use its sections' terms yet: still checked.
            (
                "        title: Arithmetic\n",
                "        title: Arithmetic\n        terms: [sum*, {regex: 'word (problem'}]\n",
            ),
            f"{T}:41: invalid regex 'word (problem': missing ), unterminated subpattern at "
            "position 5",
        ),
        (
            ("        - quantiz*\n", "        - '*'\n"),
            f"{T}:16: keyword '*' would match every paper: a keyword needs a word to find "
            "('*' only ends one, as in 'quantiz*')",
        ),
        (
            ("{keyword: speculative decoding, weight: 2}", "{keyword: '-', weight: 2}"),
            f"{T}:17: keyword '-' would match every paper: a keyword needs a word to find "
            "('*' only ends one, as in 'quantiz*')",
        ),
        (
            ("{regex: 'speed(s|ed)? up'", "{regex: '(speed(s|ed)? up)?'"),
            f"{T}:18: regex '(speed(s|ed)? up)?' matches empty text, and so every paper: "
            f"{REQUIRED}",
        ),
        (
            # In a section's terms, and between word boundaries, which empty text alone has none of.
            (
                "terms: [quantiz*, four bits",
                "terms:\n          - {regex: '\\b(four bits)?\\b'}\n        #",
            ),
            f"{T}:10: regex '\\b(four bits)?\\b' matches empty text, and so every paper: "
            f"{REQUIRED}",
        ),
        (
            # An exclusion, where it would keep every paper out of the theme.
            ("exclude: [survey]", "exclude: [{regex: 'survey|'}]"),
            f"{T}:19: regex 'survey|' matches empty text, and so every paper: {REQUIRED}",
        ),
        (
            ("{keyword: speculative decoding, weight: 2}", "{keyword: speculative, regex: x}"),
            f"{T}:17: item 2 of 'terms' must have 'keyword' or 'regex', not both",
        ),
        (
            ("- id: sequence-models\n", "- id: efficiency\n"),
            f"{T}:20: duplicate theme id 'efficiency' (first defined on line 3)",
        ),
        (
            ("- id: fast-decoding\n", "- id: quantization\n"),
            f"{T}:10: duplicate section id 'quantization' in theme 'efficiency' (first defined "
            "on line 7)",
        ),
        (
            # No paper has the id 'reviews' yet; one a later dump brings would.
            ("- id: fast-decoding\n", "- id: paper-reviews\n"),
            f"{T}:10: section id 'paper-reviews' is taken: {PAPER_ANCHORS}",
        ),
        (
            ("- id: arithmetic-reasoning\n", "- id: papers\n"),
            f"{T}:35: theme id 'papers' is taken: feeds/papers.xml is the feed of every paper; "
            "choose another id",
        ),
        (
            ("- id: arithmetic-reasoning\n", "- id: index\n"),
            f"{T}:35: theme id 'index' is taken: themes/index.md would be the themes folder's own "
            "page, at themes/; choose another id",
        ),
        (
            # Its feed would overwrite the empty sitemap written beside the feeds.
            ("- id: arithmetic-reasoning\n", "- id: sitemap\n"),
            f"{T}:35: theme id 'sitemap' is taken: feeds/sitemap.xml is the empty sitemap "
            "Material for MkDocs looks for next to the feeds; choose another id",
        ),
        (
            ("default_section: transformers", "default_section: Transformers "),
            f"{T}:34: 'Transformers' is not a valid id (that is the title of section "
            "'transformers': write its id)",
        ),
        (
            ("- id: fast-decoding\n", "- id: Fast decoding\n"),
            f"{T}:10: 'Fast decoding' is not a valid id: use lower-case words joined by hyphens, "
            "like 'fast-decoding'",
        ),
        (
            ("default_section: transformers", "default_section: transformer"),
            f"{T}:34: unknown section 'transformer' in theme 'sequence-models' "
            "(did you mean 'transformers'?)",
        ),
        (
            (THEMES, "# a comment\nthemes: {}\n"),
            f"{T}:2: 'themes' must be a list, not a map",
        ),
        (
            ("{keyword: speculative decoding, weight: 2}", "{keyword: speculative, weight: '2'}"),
            f"{T}:17: 'weight' must be a number, not '2'; remove the quotes, which make it text",
        ),
        # A whole number no float holds ended in OverflowError where the rules are built.
        (
            ("threshold: 3", f"threshold: 1{'0' * 310}"),
            f"{T}:14: 'threshold' is too large",
        ),
        (
            ("title_weight: 2", f"title_weight: 1{'0' * 310}"),
            f"{T}:32: 'title_weight' is too large",
        ),
        (
            ("weight: 2}", f"weight: -1{'0' * 310}}}"),
            f"{T}:17: 'weight' is too far below 0",
        ),
        # Taken silently, a NaN weight dropped the theme from a paper's scores, and no score
        # reached an infinite threshold.
        (("weight: 2}", "weight: .nan}"), f"{T}:17: 'weight' must be a finite number, not '.nan'"),
        (
            ("threshold: 3", "threshold: .inf"),
            f"{T}:14: 'threshold' must be a finite number, not '.inf'",
        ),
        (
            ("title_weight: 2", "title_weight: .NaN"),
            f"{T}:32: 'title_weight' must be a finite number, not '.NaN'",
        ),
        (
            ("- quantiz*\n", "- 3\n"),
            f"{T}:16: item 1 of 'terms' must be text or a map of keys to values, not the number 3",
        ),
        (
            ("{keyword: speculative decoding, weight: 2}", "{weight: 2}"),
            f"{T}:17: item 2 of 'terms' must have 'keyword' or 'regex'",
        ),
    ],
)
def test_themes_yaml_problems_name_file_line_and_fix(
    content: Path, edit: tuple[str, str], expected: str
) -> None:
    assert expected in problems_once(content, edit)


def problems_once(content: Path, edit: tuple[str, str]) -> list[str]:
    """The problems of the fixture curation once its themes.yaml is edited (old text, new)."""
    old, new = edit
    assert old in THEMES
    write(content, themes=THEMES.replace(old, new, 1))
    return curate(content)[1]


# What a repeated term's warning goes on to say, in a list that scores and in exclusions.
EXCLUDED_ONCE = "either keeps the same papers out; remove one"
SPECULATIVE = "{keyword: speculative decoding, weight: 2}"
RECURRENCE = "terms: [state space, transformer*, recurrence"


def both(first: float, second: float, *, matching: str = "one") -> str:
    """The end of a repeated scoring term's warning, with the two weights."""
    return (
        f"a paper matching {matching} matches both, so both weights count "
        f"({first:g} and {second:g}); "
        "keep one, with the weight meant"
    )


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            (SPECULATIVE, f"{SPECULATIVE}\n        - {{keyword: Speculative Decoding, weight: 2}}"),
            f"{T}:18: warning: keyword 'Speculative Decoding' repeats keyword 'speculative "
            f"decoding' (line 17): {both(2, 2)}",
        ),
        (
            # A hyphen matches what a space does: the same pattern. Weights that cancel out
            # are named, not said to count twice.
            (
                SPECULATIVE,
                f"{SPECULATIVE}\n        - {{keyword: speculative-decoding, weight: -2}}",
            ),
            f"{T}:18: warning: keyword 'speculative-decoding' repeats keyword 'speculative "
            f"decoding' (line 17): {both(2, -2)}",
        ),
        (
            # The third names the first, in a section's terms written on one line.
            ("terms: [quantiz*, four bits", "terms: [quantiz*, Quantiz*, QUANTIZ*, four bits"),
            f"{T}:9: warning: keyword 'QUANTIZ*' repeats keyword 'quantiz*' (line 9): {both(1, 1)}",
        ),
        (
            # A regex that is the keyword's own pattern; and two regexes alike.
            (RECURRENCE, f"{RECURRENCE}, {{regex: '{rules.keyword_pattern('recurrence')}'}}"),
            f"{T}:33: warning: regex '{rules.keyword_pattern('recurrence')}' repeats keyword "
            f"'recurrence' (line 33): {both(1, 1)}",
        ),
        (
            # Regexes match in any case too.
            (
                RECURRENCE,
                f"{RECURRENCE}, {{regex: 'recurr(ent|ence)'}}, {{regex: 'Recurr(ent|ence)'}}",
            ),
            f"{T}:33: warning: regex 'Recurr(ent|ence)' repeats regex 'recurr(ent|ence)' "
            f"(line 33): {both(1, 1)}",
        ),
        (
            ("exclude: [survey]", "exclude: [survey, Survey]"),
            f"{T}:19: warning: keyword 'Survey' repeats keyword 'survey' (line 19): "
            f"{EXCLUDED_ONCE}",
        ),
        # Letters re.IGNORECASE matches alike though lower() keeps them apart (rules.
        # keyword_folded): each was told as finding nothing the other does not, not as a repeat.
        *(
            (
                ("exclude: [survey]", f"exclude: [survey, {first}, {again}]"),
                f"{T}:19: warning: keyword '{again}' repeats keyword '{first}' (line 19): "
                f"{EXCLUDED_ONCE}",
            )
            for first, again in [
                ("sparsity", "\u017fparsity"),
                ("iterative", "\u0130terative"),
                ("\u03bc-law", "\u00b5-law"),
            ]
        ),
    ],
)
def test_a_term_repeated_in_its_list_is_a_warning_at_the_repeat_naming_the_first(
    content: Path, edit: tuple[str, str], expected: str
) -> None:
    problems = problems_once(content, edit)
    repeats = [problem for problem in problems if " repeats " in problem]
    # The last is the one expected (of three, the second repeats the first too); no errors.
    assert repeats[-1:] == [expected]
    assert all(": warning: " in problem for problem in problems)


@pytest.mark.parametrize(
    "terms",
    [
        # Each list scores on its own: a theme's terms and a section's.
        "state space, transformer*, recurrence, {regex: 'speed(s|ed)? up'}",
        # A regex finding more than the keyword, or less: not the same term. A regex of the
        # keyword's words finds them inside longer words ('Mambaformer'); the keyword does not.
        "state space, transformer*, recurrence, {regex: 'recurrences?'}",
        "state space, transformer*, recurrence, {regex: recurrence}",
        "state space, transformer*, {keyword: 'key value'}, {regex: 'key-value'}",
        # Hyphens and spaces differ in a regex, as does a word's ending; and an escape's case.
        "state space, transformer*, {regex: 'state-space'}, {regex: transformers}",
        "state space, transformer*, recurrence, {regex: 'a\\sb'}, {regex: 'a\\Sb'}",
    ],
)
def test_terms_that_find_different_text_are_no_repeat(content: Path, terms: str) -> None:
    write(content, themes=THEMES.replace(RECURRENCE.removeprefix("terms: ["), terms, 1))
    assert curate(content)[1] == []


# What a weight of 0, or any weight on an exclusion, goes on to say.
NO_SCORE = (
    "has weight 0, so it changes no paper's score: give it the weight meant (negative to count "
    "against a paper), or remove it"
)
EXCLUDED_ANYWAY = (
    "is kept out of the theme whatever its weight; remove the weight (a term of 'terms' with a "
    "negative weight counts against a paper instead)"
)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            (SPECULATIVE, "{keyword: speculative decoding, weight: 0}"),
            f"{T}:17: warning: keyword 'speculative decoding' {NO_SCORE}",
        ),
        (
            # At the weight's own line, in a term written over two.
            (SPECULATIVE, "keyword: speculative decoding\n          weight: 0.0"),
            f"{T}:18: warning: keyword 'speculative decoding' {NO_SCORE}",
        ),
        (
            ("weight: 0.5}", "weight: 0}"),
            f"{T}:18: warning: regex 'speed(s|ed)? up' {NO_SCORE}",
        ),
        (
            # A section's terms pick its papers by score too.
            ("terms: [quantiz*, four bits", "terms: [quantiz*, {keyword: four bits, weight: 0}"),
            f"{T}:9: warning: keyword 'four bits' {NO_SCORE}",
        ),
        *(
            (
                ("exclude: [survey]", f"exclude: [{{keyword: survey, weight: {weight}}}]"),
                f"{T}:19: warning: 'weight' does nothing in 'exclude': a paper keyword 'survey' "
                f"matches {EXCLUDED_ANYWAY}",
            )
            for weight in ("2", "-1", "0")
        ),
        (
            ("exclude: [survey]", "exclude: [survey, {regex: 'robots?', weight: 3}]"),
            f"{T}:19: warning: 'weight' does nothing in 'exclude': a paper regex 'robots?' "
            f"matches {EXCLUDED_ANYWAY}",
        ),
    ],
)
def test_a_weight_that_does_nothing_is_a_warning_at_its_line(
    content: Path, edit: tuple[str, str], expected: str
) -> None:
    assert problems_once(content, edit) == [expected]


def out_of_reach(threshold: str, theme: str, weights: str, title_weight: str, most: str) -> str:
    """The message of a threshold no paper can reach."""
    return (
        f"threshold {threshold} is out of reach of theme '{theme}': a paper matching each of its "
        f"terms of positive weight ({weights} in all) in its title (×{title_weight}) and abstract "
        f"scores {most}, so the rules put no paper in it; lower the threshold, or weigh the "
        "terms more"
    )


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            # 1 + 2 + 0.5 for the title three times and the abstract once: 14 at most.
            ("threshold: 3", "threshold: 14.5"),
            f"{T}:14: warning: {out_of_reach('14.5', 'efficiency', '3.5', '3', '14')}",
        ),
        (
            ("threshold: 2\n      title_weight: 2", "threshold: 10\n      title_weight: 2"),
            f"{T}:31: warning: {out_of_reach('10', 'sequence-models', '3', '2', '9')}",
        ),
        (
            # A negative weight takes nothing from the most; a title weight of 0 adds nothing.
            (
                "threshold: 2\n      title_weight: 2\n      terms: [",
                "threshold: 4\n      title_weight: 0\n      terms: [{keyword: mamba, weight: -3}, ",
            ),
            f"{T}:31: warning: {out_of_reach('4', 'sequence-models', '3', '0', '3')}",
        ),
    ],
)
def test_a_threshold_no_paper_can_reach_is_a_warning_at_its_line(
    content: Path, edit: tuple[str, str], expected: str
) -> None:
    problems = problems_once(content, edit)
    assert [problem for problem in problems if "out of reach" in problem] == [expected]


@pytest.mark.parametrize(
    "edit",
    [
        # 14 exactly: a paper matching every term in its title and abstract reaches it.
        ("threshold: 3", "threshold: 14"),
        ("threshold: 2\n      title_weight: 2", "threshold: 9\n      title_weight: 2"),
    ],
)
def test_a_threshold_a_paper_can_reach_is_no_warning(content: Path, edit: tuple[str, str]) -> None:
    assert not [problem for problem in problems_once(content, edit) if "out of reach" in problem]


def add_papers(content: Path, gadgets: int, others: int = 0) -> None:
    """Papers added to the fixture's dump: ``gadgets`` about gadgets, ``others`` about widgets."""
    papers = [
        (f"Gadget Study {number}", f"We build gadget number {number} and measure it.")
        for number in range(gadgets)
    ] + [
        (f"Widget Study {number}", f"We build widget number {number} and weigh it.")
        for number in range(others)
    ]
    with (content / "sources" / "dump.txt").open("a", encoding="utf-8") as dump:
        dump.writelines(f"{title}\n{abstract}\n" for title, abstract in papers)


def broad(problems: list[str]) -> list[str]:
    """The warnings of terms too broad, of all the problems."""
    # A section's term's warning names its theme after the papers it counts.
    return [
        problem
        for problem in problems
        if " papers: " in problem or " shown: " in problem or " papers of theme '" in problem
    ]


GADGETS = "terms: [state space, transformer*, recurrence, {keyword: gadget*, weight: 4}"
TOO_BROAD = (
    "too broad to tell the papers of theme 'sequence-models' from the others; narrow it (a longer "
    "word, a phrase), or remove it"
)
KEPT_OUT = (
    "as an exclusion it keeps each of them out of theme 'efficiency'; narrow it to the papers the "
    "theme should not take, or remove it"
)


@pytest.mark.parametrize(
    ("edit", "gadgets", "expected"),
    [
        # 30 of the 37 papers, the fixture's hidden one aside.
        (
            (RECURRENCE, GADGETS),
            30,
            f"{T}:33: warning: keyword 'gadget*' matches 30 of 36 papers shown: {TOO_BROAD}",
        ),
        (
            ("exclude: [survey]", "exclude: [survey, {regex: 'gadgets?'}]"),
            30,
            f"{T}:19: warning: regex 'gadgets?' matches 30 of 36 papers shown: {KEPT_OUT}",
        ),
        # 20 papers at least, more than half: 20 of 26.
        (
            (RECURRENCE, GADGETS),
            20,
            f"{T}:33: warning: keyword 'gadget*' matches 20 of 26 papers shown: {TOO_BROAD}",
        ),
    ],
)
def test_a_term_matching_most_papers_is_a_warning_at_its_line(
    content: Path, edit: tuple[str, str], gadgets: int, expected: str
) -> None:
    add_papers(content, gadgets)
    assert broad(problems_once(content, edit)) == [expected]


def test_no_term_is_said_too_broad_while_papers_yaml_cannot_be_read(content: Path) -> None:
    # Its decisions dropped, the rules place every paper, and a term counted against the papers
    # they give a theme ('training' in 47 of the 90 the shipped rules alone put in 'efficiency')
    # was said too broad above papers.yaml's syntax error, in check and in the preview's box:
    # gone once it was fixed. As a theme or section said empty, it is no news then.
    add_papers(content, 30)
    write(content, papers="papers:\n  teaching-transformers-to-add: {themes: [oops\n")
    problems = problems_once(content, (RECURRENCE, GADGETS))
    assert broad(problems) == []
    assert [problem for problem in problems if ": warning: " not in problem] == [
        f"{P}:2: YAML syntax error: the [ on this line is never closed: end it with ] (YAML read "
        "on to the end of the file looking for it)"
    ]


def test_no_term_is_said_too_broad_while_a_dump_cannot_be_read(content: Path) -> None:
    # Its papers missing, a term was counted among those the other dumps give: with one of the
    # shipped dumps binary, 'training' was said in 39 of the 77 papers left in 'efficiency', and
    # in none too many once it was read again. As unknown ids are, it waits for the dump.
    add_papers(content, 30)
    (content / "sources" / "later.txt").write_bytes(b"Binary\x00data\n")
    problems = problems_once(content, (RECURRENCE, GADGETS))
    assert broad(problems) == []
    assert read_catalogue(content).unread == ("content/sources/later.txt",)
    # Read again, the same papers' term is said too broad.
    (content / "sources" / "later.txt").unlink()
    assert len(broad(curate(content)[1])) == 1


# What the checks below say of the content _pin_a_later_dump makes once the later dump is gone.
WITHOUT_LATER_DUMP = [
    "'intro': relative link '../../",
    "section 'drafting' of theme 'e",
    "keyword '$5 gadgets' is matche",
    "theme 'arithmetic-reasoning' h",
]


def _warnings(content: Path) -> list[str]:
    """The warnings curating ``content`` gives, each the first 30 characters of its message."""
    said = [problem for problem in curate(content)[1] if ": warning: " in problem]
    return [problem.split(": warning: ")[1][:30] for problem in said]


def _pin_a_later_dump(content: Path) -> Path:
    """A dump whose one paper alone fills a theme and a section, matches a keyword, is linked.

    Returns the dump's path; the keyword holds regex syntax, the link is in an intro.
    """
    later = content / "sources" / "later.txt"
    later.write_text("Gadget Drafts\nWe draft with $5 gadgets and little else.\n", encoding="utf-8")
    themes = DRAFTING.replace("TERMS", "small drafts, draft*, $5 gadgets").replace(
        "intro: Making models *cheaper*.",
        "intro: Making models *cheaper*; [start here](../../papers/gadget-drafts/).",
        1,
    )
    write(
        content,
        themes=themes,
        papers=HEADER
        + "papers:\n"
        + "  speculative-decoding-with-small-drafts:\n    themes: {efficiency: fast-decoding}\n"
        + "  gadget-drafts:\n"
        + "    themes: {efficiency: drafting, arithmetic-reasoning: arithmetic}\n",
    )
    assert curate(content)[1] == []
    return later


def test_no_theme_section_keyword_or_link_is_said_wrong_while_a_dump_cannot_be_read(
    content: Path,
) -> None:
    # With the dump binary, the checks counted the papers the others gave: the theme and the
    # section were said empty, the keyword to match no paper and the link to lead to no page,
    # beside the dump's error. They wait for the dump.
    later = _pin_a_later_dump(content)
    later.write_bytes(b"Binary\x00data\n")
    assert _warnings(content) == []
    assert read_catalogue(content).unread == ("content/sources/later.txt",)
    # Without the dump, the paper is gone, and each check says what it finds.
    later.unlink()
    assert _warnings(content) == WITHOUT_LATER_DUMP


def test_no_theme_section_keyword_or_link_is_said_wrong_while_a_dump_listed_is_missing(
    content: Path,
) -> None:
    # Deleted while sources.yaml lists it, the dump is an error that may mean it is to be
    # restored: the same four warnings spoke from the papers left beside it, as they did while
    # it could not be read. They wait until sources.yaml no longer lists it.
    later = _pin_a_later_dump(content)
    listing = "sources:\n  dump.txt: {captured: 2025-11-01}\n  later.txt: {captured: 2025-11-02}\n"
    (content / "sources" / "sources.yaml").write_text(listing, encoding="utf-8")
    assert curate(content)[1] == []
    later.unlink()
    assert [dump.name for dump in read_catalogue(content).missing] == ["later.txt"]
    assert _warnings(content) == []
    (content / "sources" / "sources.yaml").write_text(
        listing.replace("  later.txt: {captured: 2025-11-02}\n", ""), encoding="utf-8"
    )
    assert _warnings(content) == WITHOUT_LATER_DUMP


def test_a_broad_term_counts_the_papers_without_hidden_ones_when_none_is(content: Path) -> None:
    add_papers(content, 30)
    papers = (CURATION_DATA / "papers.yaml").read_text(encoding="utf-8")
    hidden = "  a-survey-of-cooking-robots:\n    hidden: Off topic for every theme.\n"
    assert papers.endswith(hidden)
    write(content, papers=papers.removesuffix(hidden))
    assert broad(problems_once(content, (RECURRENCE, GADGETS))) == [
        f"{T}:33: warning: keyword 'gadget*' matches 30 of 37 papers: {TOO_BROAD}"
    ]


@pytest.mark.parametrize(
    ("gadgets", "others", "terms"),
    [
        (19, 0, GADGETS),  # most of 25 papers, but fewer than 20
        (20, 14, GADGETS),  # 20 of 40: half, not more
        (0, 0, f"{GADGETS}, {{regex: '[a-z]'}}"),  # each of the fixture's 6 papers shown
    ],
)
def test_a_term_matching_half_the_papers_or_fewer_than_20_is_no_warning(
    content: Path, gadgets: int, others: int, terms: str
) -> None:
    add_papers(content, gadgets, others)
    assert broad(problems_once(content, (RECURRENCE, terms))) == []


@pytest.mark.parametrize(
    ("gadgets", "expected"),
    [
        # 20 of the 46 papers shown, not more than half: counted against the theme's 22 papers.
        (
            20,
            [
                f"{T}:29: warning: keyword 'gadget*' matches 20 of 22 papers of theme "
                "'sequence-models': too broad to tell the papers of section 'transformers' from "
                "the theme's others; narrow it (a longer word, a phrase), or remove it"
            ],
        ),
        (19, []),  # most of the theme's 21 papers, but fewer than 20
    ],
)
def test_a_section_term_matching_most_of_its_themes_papers_is_a_warning(
    content: Path, gadgets: int, expected: list[str]
) -> None:
    add_papers(content, gadgets, 20)
    themes = THEMES.replace(RECURRENCE, GADGETS, 1)
    write(content, themes=themes.replace("terms: [transformer*]", "terms: [transformer*, gadget*]"))
    assert broad(curate(content)[1]) == expected


def within(first: float, second: float) -> str:
    """The end of an overlapping scoring keyword's warning, with the two weights."""
    return both(first, second, matching="it")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            (RECURRENCE, f"{RECURRENCE}, model*, {{keyword: models*, weight: 2}}"),
            f"{T}:33: warning: keyword 'models*' finds nothing keyword 'model*' (line 33) does "
            f"not: {within(2, 1)}",
        ),
        (
            # The narrower written first is told at its own line, naming the wider below it.
            (
                SPECULATIVE,
                f"{SPECULATIVE}\n        - mamba\n        - {{keyword: Mamba*, weight: 2}}",
            ),
            f"{T}:18: warning: keyword 'mamba' finds nothing keyword 'Mamba*' (line 19) does "
            f"not: {within(1, 2)}",
        ),
        (
            # A hyphen matches nothing too: 'subquadratic' is 'sub-quadratic' written together.
            (RECURRENCE, f"{RECURRENCE}, sub-quadratic, subquadratic"),
            f"{T}:33: warning: keyword 'subquadratic' finds nothing keyword 'sub-quadratic' "
            f"(line 33) does not: {within(1, 1)}",
        ),
        (
            # A long s is an 's' to re.IGNORECASE: 'ſparse' finds what 'sparse*' does.
            (RECURRENCE, f"{RECURRENCE}, sparse*, \u017fparse"),
            f"{T}:33: warning: keyword '\u017fparse' finds nothing keyword 'sparse*' (line 33) "
            f"does not: {within(1, 1)}",
        ),
        (
            # 'gpt*' matches the 'gpt' each match of 'gpt-4' starts with: 'GPT-4', 'GPT 4'.
            (RECURRENCE, f"{RECURRENCE}, GPT*, gpt-4"),
            f"{T}:33: warning: keyword 'gpt-4' finds nothing keyword 'GPT*' (line 33) does "
            f"not: {within(1, 1)}",
        ),
        (
            ("exclude: [survey]", "exclude: [survey*, surveys]"),
            f"{T}:19: warning: keyword 'surveys' finds nothing keyword 'survey*' (line 19) does "
            "not: 'survey*' already keeps out every paper it does; remove it",
        ),
    ],
)
def test_a_keyword_finding_only_what_another_of_its_list_does_is_a_warning_at_the_narrower(
    content: Path, edit: tuple[str, str], expected: str
) -> None:
    # A paper finding 'models' scored 'model*' and 'models*' both, without a word.
    problems = problems_once(content, edit)
    assert [problem for problem in problems if " finds nothing " in problem] == [expected]
    assert all(": warning: " in problem for problem in problems)


@pytest.mark.parametrize(
    "terms",
    [
        # A phrase's match is longer than the word's: weighting a phrase more is written so.
        "state space, transformer*, recurrence, {keyword: model compression}, compress*",
        # Neither finds all the other does; nor a keyword what a regex finds (see _sameness).
        "state space, transformer*, recurrence, fast, faster, model*, modal*",
        "state space, transformer*, recurrence, {regex: 'mamba'}, mamba*",
        # A narrower keyword taking back some of what a wider one gives.
        "state space, transformer*, recurrence, efficien*, {keyword: efficiently, weight: -1}",
        # A weight of 0 counts nothing (which is a warning of its own).
        "state space, transformer*, recurrence, {keyword: llm*, weight: 0}, LLMs",
        # 'gpt' is no match in 'GPT4', which 'gpt-4' finds ('-' matching nothing too).
        "state space, transformer*, recurrence, gpt, gpt-4",
    ],
)
def test_keywords_that_overlap_only_in_part_or_on_purpose_are_no_warning(
    content: Path, terms: str
) -> None:
    write(content, themes=THEMES.replace(RECURRENCE.removeprefix("terms: ["), terms, 1))
    assert [problem for problem in curate(content)[1] if NO_SCORE not in problem] == []


def test_a_theme_id_written_as_a_title_is_one_error_not_one_per_paper_naming_it(
    content: Path,
) -> None:
    # Each paper of papers.yaml naming 'arithmetic-reasoning' was an "unknown theme" error too.
    write(
        content, themes=THEMES.replace("- id: arithmetic-reasoning", "- id: Arithmetic Reasoning")
    )
    assert errors(content) == [
        f"{T}:35: 'Arithmetic Reasoning' is not a valid id: use lower-case words joined by "
        "hyphens, like 'sequence-models'"
    ]


def test_a_section_id_two_other_themes_hold_names_both(content: Path) -> None:
    # It read "(a section of theme 'a' and 'b')".
    old = "      - id: arithmetic\n"
    assert old in THEMES
    write(content, themes=THEMES.replace(old, "      - id: state-space\n"))
    write(
        content,
        papers="papers:\n  teaching-transformers-to-add:\n    themes: {efficiency: state-space}\n",
    )
    assert errors(content) == [
        f"{P}:3: unknown section 'state-space' in theme 'efficiency' (a section of themes "
        "'sequence-models' and 'arithmetic-reasoning')"
    ]


def test_papers_naming_a_theme_whose_id_is_taken_wait_for_its_new_id(content: Path) -> None:
    # 'papers' was kept as a theme, counted in the summary, and each paper naming the id it had,
    # its title's, was told to write 'papers', the very id refused.
    write(content, themes=THEMES.replace("- id: arithmetic-reasoning", "- id: papers"))
    write(
        content,
        papers=PAPERS + "  selective-state-space-models-for-long-context:\n    add: [papers]\n",
    )
    curation, problems = curate(content)
    assert problems == [
        f"{T}:35: theme id 'papers' is taken: feeds/papers.xml is the feed of every paper; "
        "choose another id"
    ]
    assert [theme.id for theme in curation.themes] == ["efficiency", "sequence-models"]
    assert curation.summary("content/curation") == (
        "content/curation: 2 themes (efficiency 3, sequence-models 2), 1 unsorted, 1 hidden"
    )
    # Counted in the singular where one, and without empty brackets where none.
    one = dataclasses.replace(curation, themes=curation.themes[:1])
    assert one.summary("c").startswith("c: 1 theme (efficiency 3), ")
    assert dataclasses.replace(curation, themes=()).summary("c").startswith("c: 0 themes, ")


# A theme's regex that backtracks catastrophically on a paper's text: "(.|..)+" tries every way
# of splitting the text into ones and twos before it finds no digit.
RUNAWAY = r"{regex: '(.|..)+\d', weight: 0.5}"


def test_a_regex_that_runs_away_on_a_paper_is_reported_at_its_line_and_the_rest_checked(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "REGEX_TIMEOUT_SECONDS", 0.05)
    old = "{regex: 'speed(s|ed)? up', weight: 0.5}"
    assert old in THEMES
    write(content, themes=THEMES.replace(old, RUNAWAY, 1))
    with (content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write("  no-such-paper:\n    order: 1\n")
    curation, problems = curate(content)
    # Once, though every paper is searched: stopped, it matches nothing and costs nothing after.
    assert [problem for problem in problems if problem.startswith(f"{T}:18:")] == [
        rf"{T}:18: regex '(.|..)+\d' ran over 0.05 s on one paper's text ('Four-Bit "
        "Quantization of Large Language Models'): a repeat of something that can match the "
        "same text in several ways, such as (.|..)+ or (\\w+\\s?)+, can take exponentially "
        "long; write it so each part of a text can match one way only (from there on it is "
        "taken to match no paper, so that the rest is checked)"
    ]
    # The rest of the content is checked all the same.
    assert f"{P}:17: unknown paper id 'no-such-paper'" in [p.split(" (")[0] for p in problems]
    # And the keywords still score: the quantization papers are where they were.
    assert [item.paper.id for item in curation.in_theme("efficiency")][:1] == [
        "four-bit-quantization-of-large-language-models"
    ]


def test_a_regex_that_runs_away_only_on_a_hidden_paper_is_reported_by_the_rules_alone(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "REGEX_TIMEOUT_SECONDS", 0.05)
    old = "{regex: 'speed(s|ed)? up', weight: 0.5}"
    # Searched only in a text holding "cook", the hidden survey's, where it runs away.
    write(content, themes=THEMES.replace(old, r"{regex: '((.|..)+)+cook\d'}", 1))
    # papers.yaml hides the paper: its decision spares it the rules.
    assert errors(content) == []
    _, problems = curate(content, rules_only=True)
    assert [problem.split(" on one")[0] for problem in problems] == [
        rf"{T}:18: regex '((.|..)+)+cook\d' ran over 0.05 s"
    ]


def test_the_regexes_of_one_reading_share_one_budget(content: Path) -> None:
    def regexes(files: CurationFiles) -> list[Term]:
        every = [term for rules in files.rules for term in (*rules.terms, *rules.exclude)]
        every += [term for rules in files.rules for s in rules.sections for term in s.terms]
        return [term for term in every if term.kind == "regex"]

    themes = (content / "curation" / "themes.yaml").read_text(encoding="utf-8")
    edit = "terms: [quantiz*, four bits"
    assert edit in themes
    # A section's regex beside the theme's rules' own.
    write(content, themes=themes.replace(edit, "terms: [quantiz*, {regex: 'four.bits'}, four bits"))
    catalogue = read_catalogue(content)
    first, second = (read_curation(content, catalogue, Problems()) for _ in range(2))
    assert first is not None and second is not None
    assert len(regexes(first)) == 2
    assert len({id(term.budget) for term in regexes(first)}) == 1
    # Each reading (a check, a preview's regeneration) starts with a budget of its own.
    assert regexes(first)[0].budget is not regexes(second)[0].budget


def test_regexes_taking_too_long_together_are_reported_once_and_the_rest_checked(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No regex runs away, yet together they would take too long: a budget of nothing shows it.
    monkeypatch.setattr(rules, "REGEX_BUDGET_SECONDS", 0.0)
    # A second regex, a section's: one is reported, and every regex stopped.
    edit = "terms: [quantiz*, four bits"
    write(content, themes=THEMES.replace(edit, "terms: [quantiz*, {regex: 'four.bits'}, four bits"))
    with (content / "curation" / "papers.yaml").open("a", encoding="utf-8") as papers:
        papers.write("  no-such-paper:\n    order: 1\n")
    curation, problems = curate(content)
    # None has spent any of it: the one running first (on the first paper, the section's) is
    # named; the theme's, searched in a later paper, then matches nothing without a word.
    assert [problem for problem in problems if problem.startswith(T)] == [
        f"{T}:9: regex 'four.bits' took 0 of the 0 s the regexes may take together "
        "across the papers: a repeat of something that can match the same text in several "
        "ways, such as (.|..)+ or (\\w+\\s?)+, can take exponentially long; write it so each "
        "part of a text can match one way only (from there on every regex term is taken to "
        "match no paper, keywords alone scoring, so that the rest is checked)"
    ]
    assert f"{P}:17: unknown paper id 'no-such-paper'" in [p.split(" (")[0] for p in problems]
    # The keywords alone sort the papers: quantiz* still finds its papers.
    assert "four-bit-quantization-of-large-language-models" in [
        item.paper.id for item in curation.in_theme("efficiency")
    ]


def test_a_regex_that_matches_empty_text_is_left_out_so_papers_stay_where_they_were(
    content: Path,
) -> None:
    old = "{regex: 'speed(s|ed)? up', weight: 0.5}"
    assert old in THEMES
    # Weighed to reach the threshold alone: kept, it would put every paper in the theme.
    write(content, themes=THEMES.replace(old, "{regex: '(speed(s|ed)? up)?', weight: 5}", 1))
    curation, problems = curate(content)
    assert [problem.split(": ")[0] for problem in problems] == [f"{T}:18"]
    assert [i.paper.id for i in curation.unsorted()] == ["kernels-that-speed-up-training"]


def test_a_section_id_that_is_a_paper_s_anchor_on_the_theme_page_is_refused(
    content: Path,
) -> None:
    # The rules put this paper in fast-decoding, whose heading would take the paper's anchor.
    anchor = "paper-speculative-decoding-with-small-drafts"
    write(content, themes=THEMES.replace("- id: fast-decoding\n", f"- id: {anchor}\n", 1))
    curation, problems = curate(content)
    assert problems == [f"{T}:10: section id '{anchor}' is taken: {PAPER_ANCHORS}"]
    # The section is still read, so what papers.yaml says of it is checked as usual; the page
    # would have two elements with one id, and the paper's link would land on the heading.
    placed = curation.get("speculative-decoding-with-small-drafts")
    assert placed is not None and placed.placements[0].section == anchor
    generate(read_catalogue(content), curation, SETTINGS, Path("docs"))
    page = Path("docs", "themes", "efficiency.md").read_text(encoding="utf-8")
    assert (page.count(f"{{ #{anchor} }}"), page.count(f'id="{anchor}"')) == (1, 1)


def test_a_theme_with_no_papers_is_a_warning(content: Path) -> None:
    write(content, papers=HEADER + "papers:\n")
    assert curate(content)[1] == [f"{T}:35: warning: theme 'arithmetic-reasoning' has no papers"]


# A section added to 'efficiency' after its others, its id on line 13.
DRAFTING = THEMES.replace(
    "    rules:\n      threshold: 3\n",
    "      - id: drafting\n        title: Drafting\n        terms: [TERMS]\n"
    "    rules:\n      threshold: 3\n",
    1,
)


@pytest.mark.parametrize(
    ("terms", "said"),
    [
        # Waiting for new papers: nothing to say.
        ("pruning", []),
        # papers.yaml pins every paper it has an entry for: the rules never fill the section.
        (
            "small drafts, draft*",
            [
                f"{T}:13: warning: section 'drafting' of theme 'efficiency' has no papers, though "
                "the rules alone would put 1 paper there: papers.yaml places it elsewhere: pin it "
                "to the section if it belongs there ('papersite export --themes --rules-only' "
                "lists the rules' choice, with hidden papers)"
            ],
        ),
    ],
)
def test_an_empty_section_the_rules_would_fill_is_a_warning_at_its_line(
    content: Path, terms: str, said: list[str]
) -> None:
    # Its page said "No papers in this section yet.", and the check nothing.
    pinned = "  speculative-decoding-with-small-drafts:\n    themes: {efficiency: fast-decoding}\n"
    write(content, themes=DRAFTING.replace("TERMS", terms), papers=HEADER + "papers:\n" + pinned)
    assert [p for p in curate(content)[1] if "'drafting'" in p] == said


def test_a_section_is_not_said_empty_in_an_empty_theme_or_while_an_unknown_id_may_be_it(
    content: Path,
) -> None:
    # Every paper out of 'efficiency': one warning, the theme's.
    removed = "".join(f"  {paper_id}:\n    remove: [efficiency]\n" for paper_id in NAMING)
    write(
        content, themes=DRAFTING.replace("TERMS", "pruning"), papers=HEADER + "papers:\n" + removed
    )
    assert [p for p in curate(content)[1] if "efficiency" in p] == [
        f"{T}:3: warning: theme 'efficiency' has no papers"
    ]
    # An entry naming an unknown section of the theme may mean it: the error says so.
    write(
        content,
        papers=HEADER
        + "papers:\n  kernels-that-speed-up-training:\n    add: {efficiency: drafts}\n",
    )
    assert [p for p in curate(content)[1] if "draft" in p] == [
        f"{P}:4: unknown section 'drafts' in theme 'efficiency' (did you mean 'drafting'?)"
    ]


def test_hiding_the_second_page_of_a_paper_sharing_an_abstract_answers_its_warning(
    content: Path,
) -> None:
    # The new title met first with a revised abstract is a second page; its later mention with
    # the old abstract is warned of, naming the page to hide, and hiding it answers the warning.
    sources = content / "sources"
    write_second_page(sources)
    (sources / "sources.yaml").write_text(
        "sources:\n  x.txt: {captured: 2025-11-01}\n  a.txt: {captured: 2025-11-10}\n"
        "  b.txt: {captured: 2025-11-10}\n"
    )
    write(content, papers=HEADER + "papers: {}\n")
    told = [p for p in read_content(content).problems if "has the abstract of" in p.message]
    assert [(p.path, p.line, p.paper) for p in told] == [
        ("content/sources/b.txt", 1, "gated-attention-training")
    ]
    hide = "papers:\n  gated-attention-training:\n    hidden: The same paper as gated-attention.\n"
    write(content, papers=HEADER + hide)
    loaded = read_content(content)
    assert not [p for p in loaded.problems if "has the abstract of" in p.message]
    assert [item.paper.id for item in loaded.curation.hidden] == ["gated-attention-training"]


def test_every_problem_is_reported_in_one_pass(content: Path) -> None:
    write(
        content,
        papers=HEADER + "papers:\n  nope: {}\n  teaching-transformers-to-add:\n    order: x\n"
        "  quantized-state-space-models:\n    themes: [efficency]\n",
    )
    assert curate(content)[1] == [
        f"{T}:35: warning: theme 'arithmetic-reasoning' has no papers",
        f"{P}:3: unknown paper id 'nope' (no paper has a similar id)",
        f"{P}:5: 'order' must be a whole number, not 'x'",
        f"{P}:7: unknown theme 'efficency' (did you mean 'efficiency'?)",
    ]


def test_the_curation_names_the_papers_whose_entries_are_in_error(content: Path) -> None:
    # 'order: x' keeps the entry from being read, and the rules alone place the paper; an unknown
    # theme is dropped from what the entry decides. Neither paper is where the curators put it.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    order: x\n"
        "  quantized-state-space-models:\n    themes: [efficency]\n"
        "  a-survey-of-cooking-robots:\n    hidden: Off topic.\n",
    )
    curation = curate(content)[0]
    assert curation.papers_read
    assert curation.in_error == {"teaching-transformers-to-add", "quantized-state-space-models"}


def test_a_broken_themes_file_does_not_flood_papers_yaml_with_unknown_themes(
    content: Path,
) -> None:
    write(content, themes=THEMES.replace("themes:\n", "themes:\n  - [\n", 1))
    problems = curate(content)[1]
    assert len(problems) == 1
    assert problems[0].startswith(f"{T}:")


def test_tags_written_differently_for_one_place_on_the_tags_page_are_refused(
    content: Path,
) -> None:
    # 'Linear RNN' and 'linear rnn' get one anchor: links to the second would land on the first.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    tags: [Linear RNN]\n"
        "  quantized-state-space-models:\n    tags: [ssm, linear rnn, Linear-RNN]\n"
        "  a-survey-of-cooking-robots:\n    hidden: Off topic.\n    tags: [LINEAR RNN]\n",
    )
    advice = "write one tag one way, and tell tags apart by a letter or digit"
    assert errors(content) == [
        f"{P}:6: tag 'linear rnn' and tag 'Linear RNN' (line 4) would share one place on the "
        f"tags page (#tag:linear-rnn): {advice}",
        f"{P}:6: tag 'Linear-RNN' and tag 'Linear RNN' (line 4) would share one place on the "
        f"tags page (#tag:linear-rnn): {advice}",
    ]


def test_a_tag_sharing_a_place_with_a_commoner_one_is_one_error_at_its_own_lines(
    content: Path,
) -> None:
    # 'Survey' written first, then 'survey' on four papers: one error, at the rarer spelling,
    # not one at each of the four 'survey's. As common, the first written is the one kept.
    ids = ["teaching-transformers-to-add", *NAMING, "a-survey-of-cooking-robots"]
    write(
        content,
        papers=HEADER
        + f"papers:\n  {ids[0]}:\n    tags: [Survey, RNN]\n"
        + "".join(f"  {paper_id}:\n    tags: [survey]\n" for paper_id in ids[1:5])
        + f"  {ids[5]}:\n    tags: [rnn, SURVEY]\n  {ids[6]}:\n    tags: [Survey]\n",
    )
    advice = "write one tag one way, and tell tags apart by a letter or digit"
    assert errors(content) == [
        f"{P}:4: tag 'Survey' (here and on line 16) and tag 'survey' (on 4 papers, lines 6, 8, "
        f"10 and 12) would share one place on the tags page (#tag:survey): {advice}",
        f"{P}:14: tag 'rnn' and tag 'RNN' (line 4) would share one place on the tags page "
        f"(#tag:rnn): {advice}",
        f"{P}:14: tag 'SURVEY' and tag 'survey' (on 4 papers, lines 6, 8, 10 and 12) would share "
        f"one place on the tags page (#tag:survey): {advice}",
    ]


@pytest.mark.parametrize(
    "char",
    ["\u200c", "\u200d", "\u200e", "\u200f", "\u034f", "\ufe0f", "\u180e", "\u061c", "\U000e0020"],
)
def test_tags_sharing_a_place_name_what_does_not_show_in_either(content: Path, char: str) -> None:
    # Kept in a tag, as a Persian word or an emoji is spelt with them, but left out of the anchor:
    # 'survey<U+200C>' reads as 'survey', and the error said only that both shared a place.
    escaped = char.encode("unicode_escape").decode()
    named = f"<U+{ord(char):04X}>"
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    tags: [survey]\n"
        f'  quantized-state-space-models:\n    tags: ["survey{escaped}"]\n'
        f'  kernels-that-speed-up-training:\n    tags: ["survey{escaped}"]\n'
        "  four-bit-quantization-of-large-language-models:\n    tags: [Survey]\n",
    )
    # The commoner spelling is the one holding it: named as well.
    assert errors(content) == [
        f"{P}:4: tag 'survey' and tag 'survey{escaped}' (on 2 papers, lines 6 and 8) would share "
        f"one place on the tags page (#tag:survey), and look alike: 'survey{escaped}' holds "
        f"characters that do not show, {named}; write one tag one way, and tell tags apart by a "
        "letter or digit",
        f"{P}:10: tag 'Survey' and tag 'survey{escaped}' (on 2 papers, lines 6 and 8) would share "
        f"one place on the tags page (#tag:survey), and look alike: 'survey{escaped}' holds "
        f"characters that do not show, {named}; write one tag one way, and tell tags apart by a "
        "letter or digit",
    ]


@pytest.mark.parametrize(
    ("tag", "shown", "what", "named"),
    [
        ("a\\u2064b", "'a\\u2064b'", "do not show as themselves", "<U+2064>"),
        ("zero\\u200bwidth", "'zero\\u200bwidth'", "do not show as themselves", "<U+200B>"),
        ("word\\u2060joined", "'word\\u2060joined'", "do not show as themselves", "<U+2060>"),
        ("effi\\u00adcient", "'effi\\xadcient'", "do not show as themselves", "<U+00AD>"),
        ("rnn\\u202e", "'rnn\\u202e'", "reorder the text after them", "<U+202E>"),
        # Nothing else in it: the characters are the mistake, not the letter it lacks.
        ("\\u200b", "'\\u200b'", "do not show as themselves", "<U+200B>"),
        # Drawn blank, a letter to the anchor: 'survey<U+3164>' was a second 'survey', unsaid,
        # and '<U+FFA0>' a chip of nothing.
        ("survey\\u3164", "'survey\\u3164'", "do not show as themselves", "<U+3164>"),
        ("\\uffa0", "'\\uffa0'", "do not show as themselves", "<U+FFA0>"),
        ("braille\\u2800blank", "'braille\\u2800blank'", "do not show as themselves", "<U+2800>"),
    ],
)
def test_a_tag_holding_characters_that_do_not_show_is_refused_at_its_line(
    content: Path, tag: str, shown: str, what: str, named: str
) -> None:
    # A tag becomes a page's address and a chip, as a label becomes a link: the same rule, so
    # 'survey<U+2064>' is no second 'survey' the page shows alike.
    write(
        content,
        papers=HEADER + f'papers:\n  teaching-transformers-to-add:\n    tags: [ok, "{tag}"]\n',
    )
    assert errors(content) == [
        f"{P}:4: item 2 of 'tags', {shown}, holds characters that {what}: {named}; delete them"
    ]


def test_a_tag_like_one_of_two_spellings_sharing_an_anchor_counts_that_one_s_papers(
    content: Path,
) -> None:
    # 'deep learning' and 'deep-learning' are one anchor but two spellings, one paper each: the
    # warning said 'deep learning' was on 2 papers.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    tags: [deep learning]\n"
        "  quantized-state-space-models:\n    tags: [deep-learning]\n"
        "  kernels-that-speed-up-training:\n    tags: [Deep_Learning]\n",
    )
    assert [problem for problem in curate(content)[1] if "warning: tag" in problem] == [
        f"{P}:8: warning: tag 'Deep_Learning' looks like 'deep learning' on 1 paper: the tags "
        "page lists them as two tags; if they are one, write 'deep learning'"
    ]


def test_a_tag_written_as_another_but_for_case_plural_or_hyphens_is_a_warning(
    content: Path,
) -> None:
    # Each would be a tag of its own on the tags page. The commoner form is the one to write, the
    # first written of two as common; a hidden paper's tags are on no page and count for nothing.
    write(
        content,
        papers=HEADER
        + "papers:\n  teaching-transformers-to-add:\n    tags: [benchmark, multimodal]\n"
        "  quantized-state-space-models:\n    tags: [Benchmarks, Multi-Modal, loss, 1990s]\n"
        "  four-bit-quantization-of-large-language-models:\n    tags: [benchmark, los, '1990']\n"
        "  kernels-that-speed-up-training:\n    tags: [benchmark, Benchmarks]\n"
        "  speculative-decoding-with-small-drafts:\n    tags: [GPT-4]\n"
        "  selective-state-space-models-for-long-context:\n    tags: [gpt4]\n"
        "  a-survey-of-cooking-robots:\n    hidden: Off topic.\n    tags: [Benchmark, GPT 4]\n",
    )
    apart = "the tags page lists them as two tags; if they are one, write"
    assert [problem for problem in curate(content)[1] if "warning: tag" in problem] == [
        f"{P}:6: warning: tag 'Benchmarks' (here and on line 10) looks like 'benchmark' on "
        f"3 papers: {apart} 'benchmark'",
        f"{P}:6: warning: tag 'Multi-Modal' looks like 'multimodal' on 1 paper: {apart} "
        "'multimodal'",
        f"{P}:14: warning: tag 'gpt4' looks like 'GPT-4' on 1 paper: {apart} 'GPT-4'",
    ]
    assert errors(content) == []


def test_a_tag_is_plural_by_a_lower_case_s_or_es_after_a_hiss(content: Path) -> None:
    # 'TTS' (text to speech) is no plural of 'TT', nor 'GPS' of 'GP': their 'S' is a letter. A
    # plural in 'es' is known by its singular: 'caches' is of 'cache', 'processes' of 'process'.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n"
        "    tags: [TT, GP, Gaussian process, cache, box, LLM, state_space]\n"
        "  quantized-state-space-models:\n"
        "    tags: [TTS, GPS, Gaussian_processes, caches, boxes, LLMs, State Spaces]\n",
    )
    assert [p.split(" on 1 paper")[0] for p in curate(content)[1] if "warning: tag" in p] == [
        f"{P}:6: warning: tag '{plural}' looks like '{singular}'"
        for plural, singular in [
            ("Gaussian_processes", "Gaussian process"),
            ("caches", "cache"),
            ("boxes", "box"),
            ("LLMs", "LLM"),
            ("State Spaces", "state_space"),
        ]
    ]


@pytest.mark.parametrize("featured", [5, 6, 7])
def test_a_theme_with_more_than_five_featured_papers_is_a_warning_at_the_one_too_many(
    content: Path, featured: int
) -> None:
    # CONTRIBUTING.md asks for 3–5 "start here" picks a theme. Every paper of the fixture dump,
    # each entry's 'featured' on lines 5, 9, 13, ...
    ids = ["teaching-transformers-to-add", *NAMING, "a-survey-of-cooking-robots"][:featured]
    write(
        content,
        papers=HEADER
        + "papers:\n"
        + "".join(
            f"  {paper_id}:\n    themes: {{efficiency: quantization}}\n    featured: true\n"
            "    note: Read it first.\n"
            for paper_id in ids
        ),
    )
    expected = {
        5: [],
        6: [
            f"{P}:25: warning: theme 'efficiency' has 6 featured papers (lines 5, 9, 13, 17, 21 "
            "and 25); CONTRIBUTING.md suggests 3–5: unfeature at least 1"
        ],
        7: [
            f"{P}:25: warning: theme 'efficiency' has 7 featured papers (lines 5, 9, 13, 17, 21, "
            "25 and 29); CONTRIBUTING.md suggests 3–5: unfeature at least 2"
        ],
    }
    assert [p for p in curate(content)[1] if "featured papers" in p] == expected[featured]


def test_a_featured_paper_without_a_note_is_a_warning(content: Path) -> None:
    # Readers are sent to it first: the note is where they learn why.
    write(
        content,
        papers=HEADER + "papers:\n  quantized-state-space-models:\n    featured: true\n"
        "  teaching-transformers-to-add:\n    featured: true\n    note: Read it first.\n",
    )
    assert [problem for problem in curate(content)[1] if "featured" in problem] == [
        f"{P}:4: warning: featured without a 'note': say in one line why to read it first"
    ]


def test_raw_html_and_unsafe_links_in_notes_and_intros_are_warnings_at_their_lines(
    content: Path,
) -> None:
    # Made safe on the page without a word: the curator learnt of it from a reader.
    write(
        content,
        themes=THEMES.replace(
            "intro: Making models *cheaper*.", "intro: Making <b>models</b> cheap."
        ).replace("title: Fast decoding\n", "title: Fast decoding\n        intro: '<br>'\n"),
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n"
        "    note: A [demo](javascript:alert(1)) worth it.\n",
    )
    warnings = [p for p in curate(content)[1] if "'intro'" in p or "'note'" in p]
    assert [(w.split(":")[1], w.split("'")[3]) for w in warnings] == [
        ("5", "<b>"),
        ("12", "<br>"),
        ("4", "javascript:alert(1)"),
    ]
    assert warnings[-1] == (
        f"{P}:4: warning: 'note': link 'javascript:alert(1)' is dropped: only an https://, "
        "http://, mailto: or relative address is linked"
    )
    assert errors(content) == []


def test_an_unsafe_link_in_an_intro_is_told_in_words_that_fit_an_intro(content: Path) -> None:
    # "a note may link to …" was said of an intro too.
    write(
        content,
        themes=THEMES.replace(
            "intro: Making models *cheaper*.", "intro: Making [models](javascript:x) cheap."
        ),
    )
    assert [p for p in curate(content)[1] if "'intro'" in p] == [
        f"{T}:5: warning: 'intro': link 'javascript:x' is dropped: only an https://, http://, "
        "mailto: or relative address is linked"
    ]


def test_headings_images_and_empty_links_in_notes_are_warnings_at_their_lines(
    content: Path,
) -> None:
    # Shown as bold text, as a link and as an address: the curator is told, as of raw HTML.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n"
        "    note: |\n      # Big heading\n\n      ![chart](https://e.com/i.png)\n"
        "      See [](https://e.com/).\n\n      [](<>)\n",
    )
    # Each at its own line: the '|' block's lines are the note's one for one.
    assert [p for p in curate(content)[1] if "'note'" in p] == [
        f"{P}:5: warning: 'note': heading 'Big heading' shows as bold text: a heading here would "
        "read as one of the page's own; write **bold** instead",
        f"{P}:7: warning: 'note': image 'https://e.com/i.png' shows as a link, not as an image: "
        "the site loads nothing from other sites, which would learn of every reader; write "
        "[text](https://…) to link to it",
        f"{P}:8: warning: 'note': link 'https://e.com/' shows as its address, having no text: "
        "write [text](https://…) to say what it leads to",
        f"{P}:10: warning: 'note': a link with neither text nor address is left out: give it "
        "both, as [text](https://…)",
    ]
    assert errors(content) == []


def test_each_bad_link_in_a_literal_note_is_told_at_its_line_and_in_a_folded_one_at_the_key(
    content: Path,
) -> None:
    # A '>' block joins lines, quoted text may too: a link may be on any of the lines joined.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n"
        "    note: |\n      Why.\n\n      [a](javascript:1) and\n      [b](javascript:2)\n"
        "  quantized-state-space-models:\n"
        "    note: >\n      Why.\n\n      [a](javascript:1) and\n      [b](javascript:2)\n",
    )
    assert [p.split(": warning")[0] for p in curate(content)[1] if "'note'" in p] == [
        f"{P}:7",
        f"{P}:8",
        f"{P}:10",
        f"{P}:10",
    ]
    assert errors(content) == []


def test_a_literal_note_s_links_are_told_at_their_lines_past_a_line_of_spaces(
    content: Path,
) -> None:
    # An editor's indent left on a blank line sent every warning of the note to its key.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n"
        "    note: |\n      [a](javascript:1) and\n          \n      [b](javascript:2)\n",
    )
    assert [p.split(": warning")[0] for p in curate(content)[1] if "'note'" in p] == [
        f"{P}:5",
        f"{P}:7",
    ]


def test_a_featured_paper_s_long_note_is_a_warning_at_its_line(content: Path) -> None:
    # Shown in full twice on each theme's page: on the paper's "Start here" card, in its section.
    long = "word " * 101  # 504 characters, stripped
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n"
        f"    featured: true\n    note: {long}\n"
        f"  quantized-state-space-models:\n    note: {long}\n",
    )
    assert [p for p in curate(content)[1] if "'note'" in p] == [
        f"{P}:5: warning: 'note' shows 504 characters, more than a featured paper's card takes in: "
        "its themes' pages show it in full, on the card and in its section; keep it to 500, a "
        "sentence or two on why to read it first"
    ]
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n"
        f"    featured: true\n    note: {'word ' * 100}\n",
    )
    assert [p for p in curate(content)[1] if "'note'" in p] == []
    # What a reader sees is counted: not the links' addresses, not each code point of an emoji.
    link = f"[a link](https://e.com/{'x' * 150})"
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467 "
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n"
        f"    featured: true\n    note: 'Read {link}, {link} and {link}; {family * 101}'\n",
    )
    assert [p for p in curate(content)[1] if "'note'" in p] == []


@pytest.mark.parametrize(
    ("note", "line"),
    [
        # A '|' block keeps its lines: the item's is known (the key is on line 4).
        ("|\n      Why:\n      kept short.\n      - the item", 7),
        # A '>' block folds a line into the one before, and a blank line into a line break.
        (">\n      Why,\n      folded.\n\n      - the item", 8),
        # Other text is told at its key's line: escapes and folding make its lines hard to tell.
        ('"Why:\\n- the item"', 4),
        ("'Why:\n\n      - the item'", 4),
    ],
)
def test_a_list_item_under_text_in_a_note_is_told_at_its_line_where_the_block_shows_it(
    content: Path, note: str, line: int
) -> None:
    # Told at the note's key: in a long note the curator looked for the item line by line.
    write(
        content,
        papers=HEADER + f"papers:\n  teaching-transformers-to-add:\n    note: {note}\n",
    )
    assert [p for p in curate(content)[1] if "'note'" in p] == [
        f"{P}:{line}: warning: 'note': '- the item' reads as more of the line above it, not as a "
        "list item: a list needs a blank line before it (in a '|' block: a '>' block or quotes "
        "fold a single blank line away); write '\\-' for a dash that starts no list"
    ]


FOLDED = (
    "is joined to the line above it: a '>' block folds its lines into one; write the text as "
    "a '|' block to keep its lines, with a blank line before a list; write '\\-' for a dash "
    "that starts no list"
)


@pytest.mark.parametrize(
    ("note", "told"),
    [
        # Folded into 'Read these: - one - two': one line of dashes, and no other warning.
        (
            ">\n      Read these:\n      - one\n      - two",
            "6: warning: 'note': '- one' (and 1 more)",
        ),
        # 'Read these:\n- one - two': the item under text is told as the line YAML joined.
        (">\n      Read these:\n\n      - one\n      - two", "8: warning: 'note': '- two'"),
        ("|\n      Read these:\n\n      - one\n      - two", None),
        # An indentation indicator counts from the key's indent: the block's is the same.
        (
            ">2\n      Read these:\n      - one\n      - two",
            "6: warning: 'note': '- one' (and 1 more)",
        ),
        # A blank line is a line break, not a fold; so is the break around a deeper line.
        (">\n      Read these:\n\n\n      - one\n\n      - two", None),
        (">\n      Read these:\n\n\n        - one\n        - two", None),
    ],
)
def test_a_list_in_a_folded_block_is_told_at_the_line_yaml_joins_to_the_one_above(
    content: Path, note: str, told: str | None
) -> None:
    # The site showed the list as one line of dashes, with no warning or one quoting the joined
    # text the curator never wrote.
    write(
        content,
        papers=HEADER + f"papers:\n  teaching-transformers-to-add:\n    note: {note}\n",
    )
    warnings = [p for p in curate(content)[1] if "'note'" in p]
    assert warnings == ([f"{P}:{told} {FOLDED}"] if told else [])


def test_a_dash_as_an_aside_a_folded_block_joins_is_told_how_to_keep_it_and_escaped_is_not(
    content: Path,
) -> None:
    # The warning said only to write a '|' block, which would make the aside a list item.
    aside = "- with a dash as an aside - and the history."
    entry = "papers:\n  teaching-transformers-to-add:\n    note: >\n      The method is old\n"
    write(content, papers=HEADER + f"{entry}      {aside}\n")
    assert [p for p in curate(content)[1] if "'note'" in p] == [
        f"{P}:6: warning: 'note': {aside!r} {FOLDED}"
    ]
    # As the warning says: '\-' is a dash as text, folded into the line above as meant.
    write(content, papers=HEADER + f"{entry}      \\{aside}\n")
    curation, problems = curate(content)
    assert [p for p in problems if "'note'" in p] == []
    item = curation.get("teaching-transformers-to-add")
    assert item is not None and item.note is not None
    assert "The method is old - with a dash as an aside" in render_note(item.note)


def test_a_list_in_a_folded_intro_is_told_and_renders_as_a_list_in_a_literal_block(
    content: Path,
) -> None:
    intro = "Read these:\n\n      - one\n      - two\n"
    write(
        content,
        themes=THEMES.replace("intro: Making models *cheaper*.\n", f"intro: >\n      {intro}"),
    )
    assert [p for p in curate(content)[1] if "'intro'" in p] == [
        f"{T}:9: warning: 'intro': '- two' {FOLDED}"
    ]
    # As the warning says: a '|' block keeps the lines, and the list renders as one.
    write(
        content,
        themes=THEMES.replace("intro: Making models *cheaper*.\n", f"intro: |\n      {intro}"),
    )
    curation, problems = curate(content)
    assert [p for p in problems if "'intro'" in p] == []
    theme = curation.theme("efficiency")
    assert theme is not None
    assert "<li>one</li>\n<li>two</li>" in render_note(theme.intro)


def test_a_relative_link_in_an_intro_that_leads_to_no_page_is_a_warning_at_its_line(
    content: Path,
) -> None:
    # It passed 'check --strict', and the theme's page had a dead link. Intros show on the theme's
    # page, themes/<id>/, so '../../' climbs to the site's root, and '../' to the themes.
    links = [
        "../../papers/no-such-paper/",
        "../../papers/teaching-transformers-to-ad/",
        "../../papers/a-survey-of-cooking-robots/",
        "papers/teaching-transformers-to-add/",
        "../../../papers/teaching-transformers-to-add/",
        "../sequence-model/",
        # These lead to pages: a paper's, a theme's, another page of one, an anchor of the page.
        "../../papers/teaching-transformers-to-add/#abstract",
        "../sequence-models/",
        "2/",
        "#fast-decoding",
    ]
    intro = " ".join(f"[{number}]({link})" for number, link in enumerate(links))
    write(
        content,
        themes=THEMES.replace("intro: Making models *cheaper*.", f"intro: '{intro}'").replace(
            "title: Fast decoding\n", "title: Fast decoding\n        intro: '[x](../papers/)'\n"
        ),
    )
    nowhere = "leads to no page: from the theme's page, themes/efficiency/, it is"
    assert [p for p in curate(content)[1] if "'intro'" in p] == [
        f"{T}:5: warning: 'intro': relative link '../../papers/no-such-paper/' {nowhere} "
        "papers/no-such-paper/: no paper has that id",
        f"{T}:5: warning: 'intro': relative link '../../papers/teaching-transformers-to-ad/' "
        f"{nowhere} papers/teaching-transformers-to-ad/: no paper has that id (did you mean "
        "'teaching-transformers-to-add'?)",
        f"{T}:5: warning: 'intro': relative link '../../papers/a-survey-of-cooking-robots/' "
        f"{nowhere} papers/a-survey-of-cooking-robots/, the page of paper "
        "'a-survey-of-cooking-robots', which papers.yaml hides",
        f"{T}:5: warning: 'intro': relative link 'papers/teaching-transformers-to-add/' "
        f"{nowhere} themes/efficiency/papers/teaching-transformers-to-add/",
        f"{T}:5: warning: 'intro': relative link '../../../papers/teaching-transformers-to-add/' "
        "leads out of the site: from the theme's page, themes/efficiency/, it climbs above the "
        "root",
        f"{T}:5: warning: 'intro': relative link '../sequence-model/' {nowhere} "
        "themes/sequence-model/: no theme has the id 'sequence-model' (did you mean "
        "'sequence-models'?)",
        f"{T}:12: warning: 'intro': relative link '../papers/' {nowhere} themes/papers/: no "
        "theme has the id 'papers'",
    ]


def test_a_relative_link_in_an_intro_to_a_former_id_names_the_theme_s_address(
    content: Path,
) -> None:
    intro = "[a](../sequence-models/) [b](../old-ml/) [c](../old-ml/2/#transformers)"
    themes = THEMES.replace("intro: Making models *cheaper*.", f"intro: '{intro}'").replace(
        "  - id: sequence-models\n", "  - id: sequence-models\n    formerly: old-ml\n"
    )
    write(content, themes=themes)
    assert [p for p in curate(content)[1] if "'intro'" in p] == [
        f"{T}:5: warning: 'intro': relative link '../old-ml/' leads to themes/old-ml/, the old "
        "address of theme 'sequence-models': link to themes/sequence-models/",
        f"{T}:5: warning: 'intro': relative link '../old-ml/2/#transformers' leads to "
        "themes/old-ml/2/, the old address of theme 'sequence-models': link to "
        "themes/sequence-models/2/",
    ]


@pytest.mark.parametrize("page", ["\u00b2", "1" * 5000])
def test_a_link_to_a_former_id_s_page_that_is_no_number_links_its_first_page(
    content: Path, page: str
) -> None:
    # "²" is a digit to str.isdigit(), and int() cannot read it, nor 5,000 digits.
    themes = THEMES.replace(
        "intro: Making models *cheaper*.", f"intro: '[c](../old-ml/{page}/)'"
    ).replace("  - id: sequence-models\n", "  - id: sequence-models\n    formerly: old-ml\n")
    write(content, themes=themes)
    assert [p for p in curate(content)[1] if "'intro'" in p] == [
        f"{T}:5: warning: 'intro': relative link '../old-ml/{page}/' leads to "
        f"themes/old-ml/{page}/, the old address of theme 'sequence-models': link to "
        "themes/sequence-models/",
    ]


def test_featuring_a_hidden_paper_is_a_warning(content: Path) -> None:
    write(
        content,
        papers=HEADER + "papers:\n  a-survey-of-cooking-robots:\n    hidden: Off topic.\n"
        "    featured: true\n    note: Kept for later.\n",
    )
    assert f"{P}:5: warning: hidden, so 'featured' has no effect" in curate(content)[1]
    assert errors(content) == []


def test_a_duplicate_key_does_not_hide_the_file_s_other_mistakes(content: Path) -> None:
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    note: a\n    note: b\n"
        "  quantized-state-space-models:\n    themes: [efficency]\n",
    )
    assert errors(content) == [
        f"{P}:5: duplicate key 'note' (first defined on line 4)",
        f"{P}:7: unknown theme 'efficency' (did you mean 'efficiency'?)",
    ]


def test_a_mistake_in_a_theme_s_rules_still_lets_papers_yaml_be_checked(content: Path) -> None:
    # The theme ids and sections are all known: papers.yaml's own mistakes show in the same pass.
    write(content, themes=THEMES.replace("'speed(s|ed)? up'", "'speed(s|ed? up'", 1))
    write(
        content,
        papers=HEADER + "papers:\n  quantized-state-space-models:\n    themes: [efficency]\n",
    )
    found = errors(content)
    assert len(found) == 2
    assert found[0].startswith(f"{T}:18: invalid regex 'speed(s|ed? up'")
    assert found[1] == f"{P}:4: unknown theme 'efficency' (did you mean 'efficiency'?)"


PAPERS = (CURATION_DATA / "papers.yaml").read_text(encoding="utf-8")
# Typos naming sequence-models, and a section of efficiency, lines 18 to 19.
TYPOS = (
    "  selective-state-space-models-for-long-context:\n"
    "    themes: {sequence-models: state-spaces, efficiency: quantisation}\n"
    "    featured: [sequence-model]\n"
)


def test_a_mistake_in_a_theme_s_rules_costs_only_its_rules(content: Path) -> None:
    # efficiency and its sections are still known, so papers.yaml is checked against them; only
    # the rules are gone, so the paper they placed in it, quantized-state-space-models (featured:
    # true), is not said to be in no theme, and efficiency is not said to have no papers.
    write(content, themes=THEMES.replace("threshold: 3\n", "threshold: 0\n", 1))
    write(content, papers=PAPERS + TYPOS)
    assert curate(content)[1] == [
        f"{T}:14: 'threshold' must be above 0, not 0",
        f"{P}:18: unknown section 'state-spaces' in theme 'sequence-models' "
        "(did you mean 'state-space'?)",
        f"{P}:18: unknown section 'quantisation' in theme 'efficiency' "
        "(did you mean 'quantization'?)",
        f"{P}:19: unknown theme 'sequence-model' (did you mean 'sequence-models'?)",
    ]


def test_a_theme_that_cannot_be_read_costs_only_what_papers_yaml_says_of_it(
    content: Path,
) -> None:
    # A section of efficiency lacks its title, so efficiency is not read: what papers.yaml says
    # of it cannot be checked and is not reported, but its mistakes about other themes are.
    write(content, themes=THEMES.replace("        title: Quantization\n", "        titel: x\n"))
    write(content, papers=PAPERS + TYPOS)
    # The misspelt key is one mistake: "missing 'title'" is not said as well.
    assert curate(content)[1] == [
        f"{T}:8: unknown key 'titel' (did you mean 'title'?)",
        f"{P}:18: unknown section 'state-spaces' in theme 'sequence-models' "
        "(did you mean 'state-space'?)",
        f"{P}:19: unknown theme 'sequence-model' (did you mean 'sequence-models'?)",
    ]


# The papers of the fixture dump not hidden in papers.yaml, for entries naming an id.
NAMING = (
    "four-bit-quantization-of-large-language-models",
    "kernels-that-speed-up-training",
    "quantized-state-space-models",
    "selective-state-space-models-for-long-context",
    "speculative-decoding-with-small-drafts",
)
RENAMED = THEMES.replace("  - id: efficiency\n", "  - id: efficient-ml\n", 1)
# Five entries naming 'efficiency' twice: in 'themes' (lines 4, 7, …) and 'featured' (5, 8, …).
NAMING_TWICE = (
    HEADER
    + "papers:\n"
    + "".join(
        f"  {paper_id}:\n    themes: {{efficiency: quantization}}\n    featured: [efficiency]\n"
        for paper_id in NAMING
    )
)
WRITE_ITS_ID = "(that is the title of theme 'efficient-ml': write its id)"
KEEP_OLD = (
    ", and add 'formerly: [efficiency]' to theme 'efficient-ml' in themes.yaml so its old "
    "addresses keep working"
)
# Where the theme may have been removed, as a fork replacing the themes does, not renamed.
# Deleted, not emptied: an empty papers.yaml is refused, and 'papersite triage' with it.
AFRESH = "start papers.yaml afresh: leave only its line 'papers:' and run 'papersite triage'"
GONE = f"; or, if it is gone, remove it from the entries (or {AFRESH})"
# 'efficiency' is the title of 'efficient-ml', an id 4 edits from it: renamed, not misspelt.
TITLE_OF_IT = (
    f"unknown theme 'efficiency' {WRITE_ITS_ID}, here and in {{more}}: renamed in themes.yaml? "
    f"rename it in each{KEEP_OLD}"
)


def test_an_id_renamed_in_themes_yaml_alone_is_one_error_for_all_the_entries_naming_it(
    content: Path,
) -> None:
    # A line for each place naming the old id buried the file's other errors (87 of them, when
    # 'efficiency' became 'efficient-ml' in the shipped content).
    write(content, themes=RENAMED, papers=NAMING_TWICE)
    curation, problems = curate(content)
    assert [problem for problem in problems if ": warning: " not in problem] == [
        f"{P}:4: " + TITLE_OF_IT.format(more="4 more entries (lines 5, 7, 8, 10, 11, … 17)")
    ]
    # Only the reporting is grouped: each entry is still in error.
    assert curation.in_error == set(NAMING)


@pytest.mark.parametrize(
    ("theme", "typo", "line"),
    [("efficiency", "efficency", 3), ("sequence-models", "sequence-modles", 20)],
)
def test_a_theme_id_misspelt_in_themes_yaml_is_said_to_be_the_likely_mistake(
    content: Path, theme: str, typo: str, line: int
) -> None:
    # 'Renamed in themes.yaml? rename it in each' had the curator copy the typo into every entry
    # (86 of them, for 'efficency' in the shipped content); its hint said to write it too.
    papers = HEADER + "papers:\n"
    for paper_id in NAMING:
        papers += f"  {paper_id}:\n    themes: [{theme}]\n"
    write(
        content, themes=THEMES.replace(f"  - id: {theme}\n", f"  - id: {typo}\n", 1), papers=papers
    )
    assert errors(content) == [
        f"{P}:4: unknown theme '{theme}', here and in 4 more entries (lines 6, 8, 10 and 12): "
        f"theme '{typo}' (themes.yaml line {line}), which no entry names, looks like a "
        "misspelling of it: if so, correct its id there; if the theme was renamed, rename it in "
        f"each entry, and add 'formerly: [{theme}]' to theme '{typo}' in themes.yaml so its old "
        "addresses keep working"
    ]
    # Empty only until the typo is fixed, as the error says: no warning of its own.
    assert not [problem for problem in curate(content)[1] if f"'{typo}' has no" in problem]


# 'quantization' written 'fast-encoding', for a section other entries name like 'fast-decoding'.
FAST_ENCODING = THEMES.replace("      - id: quantization\n", "      - id: fast-encoding\n", 1)


@pytest.mark.parametrize(
    ("new", "fix"),
    [
        # Unlike the old id: renamed, most likely; not 'fast-encoding', which another entry names.
        (
            "draft-models",
            "renamed to 'draft-models' in themes.yaml (line 10), the only section of the theme "
            "no entry names? rename it in each entry",
        ),
        (
            "fast-decodng",
            "section 'fast-decodng' (themes.yaml line 10), which no entry names, looks like a "
            "misspelling of it: if so, correct its id there; if the section was renamed, rename "
            "it in each entry",
        ),
    ],
)
def test_a_section_renamed_in_themes_yaml_alone_is_said_to_be_the_one_no_entry_names(
    content: Path, new: str, fix: str
) -> None:
    # '(did you mean 'fast-encoding'?)' had the curator move every paper of the renamed section
    # into one other entries fill, and the check then passed.
    papers = HEADER + "papers:\n"
    for number, paper_id in enumerate(NAMING):
        section = "fast-encoding" if number == 4 else "fast-decoding"
        papers += f"  {paper_id}:\n    themes: {{efficiency: {section}}}\n"
    themes = FAST_ENCODING.replace("      - id: fast-decoding\n", f"      - id: {new}\n", 1)
    write(content, themes=themes, papers=papers)
    assert errors(content) == [
        f"{P}:4: unknown section 'fast-decoding' in theme 'efficiency', here and in 3 more "
        f"entries (lines 6, 8 and 10): {fix}"
    ]


def test_a_section_is_not_said_renamed_while_several_of_its_theme_s_are_named_by_no_entry(
    content: Path,
) -> None:
    papers = HEADER + "papers:\n"
    for paper_id in NAMING[:4]:
        papers += f"  {paper_id}:\n    themes: {{efficiency: fast-decoding}}\n"
    themes = FAST_ENCODING.replace("      - id: fast-decoding\n", "      - id: speculation\n", 1)
    write(content, themes=themes, papers=papers)
    assert errors(content) == [
        f"{P}:4: unknown section 'fast-decoding' in theme 'efficiency', here and in 3 more "
        "entries (lines 6, 8 and 10): renamed in themes.yaml? the sections of the theme no entry "
        "names are 'fast-encoding' (line 7) and 'speculation' (line 10): rename it in each entry "
        "to the one it became"
    ]


# The section fast-decoding misspelt in themes.yaml (line 10), which its default_section (line 15)
# names as the entries do.
DEFAULT_MISSPELT = THEMES.replace(
    "      - id: fast-decoding\n", "      - id: fast-decodng\n", 1
).replace("      threshold: 3\n", "      threshold: 3\n      default_section: fast-decoding\n", 1)


def test_a_section_id_misspelt_beside_the_default_many_entries_name_is_said_to_be_the_typo(
    content: Path,
) -> None:
    # The default's '(did you mean 'fast-decodng'?)' and the entries' 'correct its id there'
    # took a third run: the default, corrected to the typo, was wrong again once the id was fixed.
    write(content, themes=DEFAULT_MISSPELT, papers=_naming(*["efficiency: fast-decoding"] * 4))
    unknown = "unknown section 'fast-decoding' in theme 'efficiency'"
    assert errors(content) == [
        f"{T}:15: {unknown}: section 'fast-decodng' (line 10) looks like a misspelling of it: "
        "correct its id there",
        f"{P}:4: {unknown}, here and in 3 more entries (lines 6, 8 and 10): section "
        "'fast-decodng' (themes.yaml line 10) looks like a misspelling of it, which the theme's "
        "default_section (line 15) names too: correct its id there",
    ]
    write(content, themes=DEFAULT_MISSPELT.replace("- id: fast-decodng\n", "- id: fast-decoding\n"))
    assert errors(content) == []


@pytest.mark.parametrize("entries", [0, 1, 2])
def test_a_default_beside_a_section_few_entries_name_is_told_did_you_mean(
    content: Path, entries: int
) -> None:
    # 'correct its id there' at the section moved the default's typo into the section's id and
    # anchor: with no entry, or a few, to tell which spelling is meant, the section's is trusted.
    # The entries naming the default's spelling are told the same, so one pass fixes them all.
    write(
        content, themes=DEFAULT_MISSPELT, papers=_naming(*["efficiency: fast-decoding"] * entries)
    )
    unknown = "unknown section 'fast-decoding' in theme 'efficiency'"
    hint = "(did you mean 'fast-decodng'?)"
    assert errors(content) == [
        f"{T}:15: {unknown} {hint}",
        *(f"{P}:{4 + 2 * n}: {unknown} {hint}" for n in range(entries)),
    ]
    write(
        content,
        themes=DEFAULT_MISSPELT.replace(
            "default_section: fast-decoding", "default_section: fast-decodng"
        ),
        papers=_naming(*["efficiency: fast-decodng"] * entries),
    )
    assert errors(content) == []


def test_a_default_beside_a_section_is_told_did_you_mean_while_papers_yaml_cannot_be_read(
    content: Path,
) -> None:
    # The section's id was blamed, and once papers.yaml was fixed the entries blamed the default.
    write(content, themes=DEFAULT_MISSPELT, papers=HEADER + "papers: [\n")
    assert (
        f"{T}:15: unknown section 'fast-decoding' in theme 'efficiency' "
        "(did you mean 'fast-decodng'?)"
    ) in errors(content)


def test_a_section_id_misspelt_in_its_default_too_is_to_be_corrected_at_both(
    content: Path,
) -> None:
    # Told to correct the section's id alone, the curator had a second run to find the default.
    themes = DEFAULT_MISSPELT.replace(
        "default_section: fast-decoding", "default_section: fast-decodng"
    )
    write(content, themes=themes, papers=_naming(*["efficiency: fast-decoding"] * 4))
    assert errors(content) == [
        f"{P}:4: unknown section 'fast-decoding' in theme 'efficiency', here and in 3 more "
        "entries (lines 6, 8 and 10): section 'fast-decodng' (themes.yaml line 10) looks like a "
        "misspelling of it: if so, correct its id there and default_section at line 15; if the "
        "section was renamed, rename it in each entry"
    ]
    write(content, themes=themes.replace("fast-decodng", "fast-decoding"))
    assert errors(content) == []


def test_a_misspelt_default_of_a_theme_whose_id_is_taken_is_told_too(content: Path) -> None:
    # The theme is not kept, its id being taken: its default was looked for among those kept.
    themes = THEMES.replace("- id: sequence-models\n", "- id: papers\n", 1)
    write(
        content,
        themes=themes.replace("default_section: transformers", "default_section: transformer"),
    )
    assert (
        f"{T}:34: unknown section 'transformer' in theme 'papers' "
        "(did you mean 'transformers'?)" in errors(content)
    )


def _naming(*placed: str) -> str:
    """papers.yaml with an entry for each paper of the dump in turn, its 'themes' as ``placed``."""
    papers = [*NAMING, "teaching-transformers-to-add"]
    return (
        HEADER
        + "papers:\n"
        + "".join(
            f"  {paper_id}:\n    themes: {{{themes}}}\n"
            for paper_id, themes in zip(papers, placed, strict=False)
        )
    )


# 'efficiency' with a section no entry names yet, 'drafting' (line 13).
WITH_DRAFTING = DRAFTING.replace("TERMS", "pruning")


def test_a_section_misspelt_in_many_entries_is_said_to_be_a_typo_of_the_one_others_name(
    content: Path,
) -> None:
    # 'Renamed to 'drafting', the only section no entry names?' had the curator move the four
    # papers into it, and the check then passed.
    write(
        content,
        themes=WITH_DRAFTING,
        papers=_naming(
            *["efficiency: fast-decodng"] * 4,
            "efficiency: fast-decoding",
            "efficiency: quantization",
        ),
    )
    assert errors(content) == [
        f"{P}:4: unknown section 'fast-decodng' in theme 'efficiency' (did you mean "
        "'fast-decoding'?), here and in 3 more entries (lines 6, 8 and 10): if so, correct it in "
        "each"
    ]


def test_a_section_renamed_beside_a_new_one_names_both_not_one_alike_that_others_fill(
    content: Path,
) -> None:
    # '(did you mean 'fast-encoding'?)', two edits from 'fast-decoding' and filled by another
    # entry, had the curator move the four papers into it, and the check then passed.
    themes = WITH_DRAFTING.replace("      - id: quantization\n", "      - id: fast-encoding\n", 1)
    themes = themes.replace("      - id: fast-decoding\n", "      - id: draft-models\n", 1)
    write(
        content,
        themes=themes,
        papers=_naming(*["efficiency: fast-decoding"] * 4, "efficiency: fast-encoding"),
    )
    assert errors(content) == [
        f"{P}:4: unknown section 'fast-decoding' in theme 'efficiency', here and in 3 more "
        "entries (lines 6, 8 and 10): renamed in themes.yaml? the sections of the theme no entry "
        "names are 'draft-models' (line 10) and 'drafting' (line 13): rename it in each entry to "
        "the one it became"
    ]


def test_two_sections_renamed_at_once_are_not_said_to_be_one_alike_that_others_fill(
    content: Path,
) -> None:
    # 'quantization' became 'low-bits' and 'fast-decoding' 'draft-models'; 'fast-encoding', a
    # third, is filled by another entry: no "did you mean" sends papers there, grouped or not.
    themes = WITH_DRAFTING.replace("      - id: quantization\n", "      - id: low-bits\n", 1)
    themes = themes.replace("      - id: fast-decoding\n", "      - id: draft-models\n", 1)
    themes = themes.replace("      - id: drafting\n", "      - id: fast-encoding\n", 1)
    write(
        content,
        themes=themes,
        papers=_naming(
            *["efficiency: fast-decoding"] * 4,
            "efficiency: fast-encoding",
            "efficiency: quantisation",
        ),
    )
    assert errors(content) == [
        f"{P}:4: unknown section 'fast-decoding' in theme 'efficiency', here and in 3 more "
        "entries (lines 6, 8 and 10): renamed in themes.yaml? the sections of the theme no entry "
        "names are 'low-bits' (line 7) and 'draft-models' (line 10): rename it in each entry to "
        "the one it became",
        f"{P}:14: unknown section 'quantisation' in theme 'efficiency' "
        "(sections: low-bits, draft-models, fast-encoding)",
    ]


QUANTIZATON = "(that is the title of section 'quantizaton': write its id)"


def test_two_sections_misspelt_in_themes_yaml_are_each_said_to_be_the_likely_mistake(
    content: Path,
) -> None:
    # '(did you mean 'fast-decodng'?) ... rename it in each' had the curator copy the typo into
    # every entry instead of correcting one line of themes.yaml.
    themes = THEMES.replace("      - id: quantization\n", "      - id: quantizaton\n", 1)
    themes = themes.replace("      - id: fast-decoding\n", "      - id: fast-decodng\n", 1)
    write(
        content,
        themes=themes,
        papers=_naming(*["efficiency: fast-decoding"] * 4, *["efficiency: quantization"] * 2),
    )
    assert errors(content) == [
        f"{P}:4: unknown section 'fast-decoding' in theme 'efficiency', here and in 3 more "
        "entries (lines 6, 8 and 10): section 'fast-decodng' (themes.yaml line 10), which no "
        "entry names, looks like a misspelling of it: if so, correct its id there; if the section "
        "was renamed, rename it in each entry",
        # Two entries: an error at each, which the section's title names.
        f"{P}:12: unknown section 'quantization' in theme 'efficiency' {QUANTIZATON}",
        f"{P}:14: unknown section 'quantization' in theme 'efficiency' {QUANTIZATON}",
    ]


@pytest.mark.parametrize("entries", [3, 4])
def test_a_theme_misspelt_in_entries_is_a_typo_of_the_theme_others_name_not_a_new_one_alike(
    content: Path, entries: int
) -> None:
    # A new theme 'efficiencies' no entry names yet is 3 edits from 'efficiencyy': not said to
    # be misspelt in themes.yaml, where correcting it would have named the new theme anew.
    themes = THEMES + (
        "  - id: efficiencies\n    title: Efficiencies\n    intro: More.\n    sections:\n"
        "      - id: misc\n        title: Misc\n"
    )
    write(
        content,
        themes=themes,
        papers=_naming(*["efficiencyy: quantization"] * entries, "efficiency: quantization"),
    )
    lines = [4, 6, 8, 10][:entries]
    if entries < GROUPED_FROM:
        said = [
            f"{P}:{line}: unknown theme 'efficiencyy' (did you mean 'efficiency'?)"
            for line in lines
        ]
    else:
        said = [
            f"{P}:4: unknown theme 'efficiencyy' (did you mean 'efficiency'?), here and in 3 more "
            "entries (lines 6, 8 and 10): if so, correct it in each"
        ]
    assert errors(content) == said


# 'efficiency' with the sections 'ml' (line 7) and 'reinforcement' (line 10), once 'rl'.
SHORT_IDS = THEMES.replace("      - id: quantization\n", "      - id: ml\n", 1).replace(
    "      - id: fast-decoding\n", "      - id: reinforcement\n", 1
)
REINFORCEMENT = (
    "renamed to 'reinforcement' in themes.yaml (line 10), the only section of the theme no entry "
    "names?"
)


@pytest.mark.parametrize("entries", [3, 4])
def test_a_short_section_id_renamed_is_not_said_to_be_a_typo_of_another_short_one(
    content: Path, entries: int
) -> None:
    # '(did you mean 'ml'?)', one edit from 'rl' but another word, had the curator move the
    # papers of the renamed section into one other entries fill, and the check then passed.
    write(
        content,
        themes=SHORT_IDS,
        papers=_naming(*["efficiency: rl"] * entries, *["efficiency: ml"] * (6 - entries)),
    )
    lines = [4, 6, 8, 10][:entries]
    if entries < GROUPED_FROM:
        said = [
            f"{P}:{line}: unknown section 'rl' in theme 'efficiency' ({REINFORCEMENT} if so, "
            "write 'reinforcement')"
            for line in lines
        ]
    else:
        said = [
            f"{P}:4: unknown section 'rl' in theme 'efficiency', here and in 3 more entries "
            f"(lines 6, 8 and 10): {REINFORCEMENT} rename it in each entry"
        ]
    assert errors(content) == said


def test_a_short_section_id_misspelt_in_themes_yaml_is_not_said_to_be_another_short_one(
    content: Path,
) -> None:
    # 'ml' written 'mk' in themes.yaml: '(did you mean 'rl'?)' sent the entries to 'rl'.
    themes = SHORT_IDS.replace("      - id: ml\n", "      - id: mk\n", 1)
    themes = themes.replace("      - id: reinforcement\n", "      - id: rl\n", 1)
    write(content, themes=themes, papers=_naming(*["efficiency: ml"] * 2, "efficiency: rl"))
    assert errors(content) == [
        f"{P}:{line}: unknown section 'ml' in theme 'efficiency' (renamed to 'mk' in themes.yaml "
        "(line 7), the only section of the theme no entry names? if so, write 'mk')"
        for line in (4, 6)
    ]


# 'fast-decoding' renamed to an id themes.yaml refuses (line 10).
ANCHOR_ID = THEMES.replace("      - id: fast-decoding\n", "      - id: paper-decoding\n", 1)
TAKEN = f"{T}:10: section id 'paper-decoding' is taken: {PAPER_ANCHORS}"
RENAMED_TAKEN = "renamed to 'paper-decoding' in themes.yaml (line 10), an id taken?"


@pytest.mark.parametrize("entries", [3, 4])
def test_a_section_renamed_to_an_id_refused_is_not_offered_as_the_rename(
    content: Path, entries: int
) -> None:
    # "renamed to 'paper-decoding' ... rename it in each entry" had the curator edit every entry
    # to an id the same run refuses: each entry was in error again once the section was fixed.
    write(
        content,
        themes=ANCHOR_ID,
        papers=_naming(
            *["efficiency: fast-decoding"] * entries, *["efficiency: quantization"] * (6 - entries)
        ),
    )
    if entries < GROUPED_FROM:
        said = [
            f"{P}:{line}: unknown section 'fast-decoding' in theme 'efficiency' ({RENAMED_TAKEN} "
            "if so, choose another id for the section there, and write that one here)"
            for line in [4, 6, 8]
        ]
    else:
        said = [
            f"{P}:4: unknown section 'fast-decoding' in theme 'efficiency', here and in 3 more "
            f"entries (lines 6, 8 and 10): {RENAMED_TAKEN} choose another id for the section "
            "there, and write that one in each entry"
        ]
    assert errors(content) == [TAKEN, *said]


def test_a_section_id_refused_is_no_did_you_mean(content: Path) -> None:
    # '(did you mean 'paper-decoding'?)' sent the entry to an id the same run refuses.
    write(
        content,
        themes=ANCHOR_ID,
        papers=_naming("efficiency: paper-decodng", "efficiency: quantization"),
    )
    assert errors(content) == [
        TAKEN,
        f"{P}:4: unknown section 'paper-decodng' in theme 'efficiency' ({RENAMED_TAKEN} if so, "
        "choose another id for the section there, and write that one here)",
    ]


@pytest.mark.parametrize(
    ("default", "said"),
    [
        (
            "paper-decodng",
            "unknown section 'paper-decodng' in theme 'efficiency' (sections: "
            "quantization, paper-decoding)",
        ),
        (
            "Paper-Decoding",
            "'Paper-Decoding' is not a valid id: use lower-case words joined by "
            "hyphens, like 'quantization'",
        ),
    ],
)
def test_a_default_section_is_not_told_to_name_a_section_id_refused(
    content: Path, default: str, said: str
) -> None:
    # '(did you mean 'paper-decoding'?)': followed, the default was wrong again once the
    # section's id was fixed.
    themes = ANCHOR_ID.replace("    rules:\n", f"    rules:\n      default_section: {default}\n", 1)
    write(content, themes=themes)
    assert errors(content) == [TAKEN, f"{T}:14: {said}"]


# 'efficiency' with the sections 'math-numeracy' (line 7), 'benchmarks' (10) and 'training' (13).
PREFIXED = (
    DRAFTING.replace("TERMS", "pruning")
    .replace("      - id: quantization\n", "      - id: math-numeracy\n", 1)
    .replace("      - id: fast-decoding\n", "      - id: benchmarks\n", 1)
    .replace("      - id: drafting\n", "      - id: training\n", 1)
)


@pytest.mark.parametrize(
    ("last", "hint"),
    [
        (
            "training",
            "(renamed to 'benchmarks' in themes.yaml (line 10), the only section of the theme no "
            "entry names? if so, write 'benchmarks')",
        ),
        # Two sections no entry names: the theme's sections are listed.
        ("math-numeracy", "(sections: math-numeracy, benchmarks, training)"),
    ],
)
def test_a_section_id_renamed_is_not_said_to_be_one_others_fill_that_it_starts(
    content: Path, last: str, hint: str
) -> None:
    # 'math' renamed 'benchmarks': '(did you mean 'math-numeracy'?)' at each of the three entries
    # had the curator move their papers into it, and the check then passed.
    write(
        content,
        themes=PREFIXED,
        papers=_naming(
            *["efficiency: math"] * 3, *["efficiency: math-numeracy"] * 2, f"efficiency: {last}"
        ),
    )
    assert errors(content) == [
        f"{P}:{line}: unknown section 'math' in theme 'efficiency' {hint}" for line in (4, 6, 8)
    ]


def test_a_theme_renamed_unlike_its_old_id_is_named_at_each_of_a_few_entries(
    content: Path,
) -> None:
    # 'cost' is the only theme no entry names, as a grouped error says.
    papers = NAMING_TWICE.split(f"  {NAMING[2]}:")[0] + NAMING_THE_OTHERS.replace(
        "teaching-transformers-to-add", NAMING[2]
    )
    write(content, themes=UNLIKE, papers=papers)
    hint = (
        "(renamed to 'cost' in themes.yaml (line 3), the only theme no entry names? if so, write "
        "'cost', and add 'formerly: [efficiency]' to theme 'cost' in themes.yaml so its old "
        "addresses keep working)"
    )
    assert errors(content) == [
        f"{P}:{line}: unknown theme 'efficiency' {hint}" for line in (4, 5, 7, 8)
    ]


@pytest.mark.parametrize("entries", [2, 4])
def test_an_id_with_a_letter_only_like_a_latin_one_is_said_to_hold_it(
    content: Path, entries: int
) -> None:
    # 'еfficiency', its first letter Cyrillic: '(did you mean 'efficiency'?)' named what looked
    # the same, and the grouped error said to correct themes.yaml, where ids are ASCII.
    write(content, papers=_naming(*["\u0435fficiency: fast-decoding"] * entries))
    meant = (
        "unknown theme '\u0435fficiency' (did you mean 'efficiency'? its '\u0435' is U+0435 "
        "CYRILLIC SMALL LETTER IE, not a Latin letter)"
    )
    if entries < GROUPED_FROM:
        said = [f"{P}:{line}: {meant}" for line in (4, 6)]
    else:
        said = [
            f"{P}:4: {meant}, here and in 3 more entries (lines 6, 8 and 10): if so, correct it "
            "in each"
        ]
    assert errors(content) == said


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("  - id: sums\n    formerly: [arithmetic-reasoning]\n", "arithmetic-reasoning"),
        ("  - id: sums\n    title: Numbers\n", "numbers"),
        ("  - id: sums\n", "Arithmetic Reasoning"),
    ],
)
def test_a_theme_papers_yaml_names_by_its_old_id_or_title_is_not_also_said_to_be_empty(
    content: Path, written: str, named: str
) -> None:
    # Renamed in themes.yaml alone: the errors at the entries say what to write, and the theme
    # is empty only until they do.
    themes = THEMES.replace("  - id: arithmetic-reasoning\n", written, 1)
    themes = themes.replace("    title: Arithmetic Reasoning\n", "", 1 if "title" in written else 0)
    for theme in (named, "efficiency"):
        papers = f"papers:\n  teaching-transformers-to-add:\n    themes: ['{theme}']\n"
        write(content, themes=themes, papers=HEADER + papers)
        # The sections the one entry leaves empty aside.
        warnings = [p for p in curate(content)[1] if ": warning: theme " in p]
        # Named by another theme's id, it is empty as far as papers.yaml says.
        empty = [f"{T}:35: warning: theme 'sums' has no papers"] if theme == "efficiency" else []
        assert (warnings, len(errors(content))) == (empty, 0 if theme == "efficiency" else 1)


def test_an_unknown_id_named_by_a_few_entries_is_an_error_at_each(content: Path) -> None:
    write(content, themes=RENAMED, papers=NAMING_TWICE.split(f"  {NAMING[2]}:")[0])
    assert errors(content) == [
        f"{P}:{line}: unknown theme 'efficiency' {WRITE_ITS_ID}" for line in (4, 5, 7, 8)
    ]


def test_entries_naming_different_unknown_ids_are_grouped_by_id(content: Path) -> None:
    write(
        content,
        themes=RENAMED,
        papers=HEADER
        + "papers:\n"
        + "".join(
            f"  {paper_id}:\n    add: {{sequence-models: state-spaces}}\n    remove: [efficiency]\n"
            for paper_id in NAMING[:4]
        ),
    )
    assert errors(content) == [
        f"{P}:4: unknown section 'state-spaces' in theme 'sequence-models', here and in 3 more "
        "entries (lines 7, 10 and 13): section 'state-space' (themes.yaml line 24), which no "
        "entry names, looks like a misspelling of it: if so, correct its id there; if the section "
        "was renamed, rename it in each entry",
        f"{P}:5: " + TITLE_OF_IT.format(more="3 more entries (lines 8, 11 and 14)"),
    ]


@pytest.mark.parametrize(
    ("written", "keep", "gone"),
    [
        # Like in id to difflib, not in title, but no typo (3 edits): one of the themes no entry
        # names, the error lists them. Or it is gone, as where a fork replaced the themes.
        (
            "  - id: efficiency-ml\n    title: Speed\n",
            ", and add 'formerly: [efficiency]' to the theme it became",
            GONE,
        ),
        # A typo: that theme.
        (
            "  - id: eficiency\n    title: Speed\n",
            ", and add 'formerly: [efficiency]' to theme 'eficiency'",
            "",
        ),
        # Other old ids listed already: one more goes among them. Its title is 'Efficiency':
        # renamed, not gone.
        (
            "  - id: efficient-ml\n    formerly: [fast]\n",
            ", and add 'efficiency' to the 'formerly' of theme 'efficient-ml'",
            "",
        ),
        # No theme like it, and several no entry names: the one it became is said so.
        (
            "  - id: speed\n    title: Speed\n",
            ", and add 'formerly: [efficiency]' to the theme it became",
            GONE,
        ),
    ],
)
def test_a_renamed_theme_s_old_addresses_are_said_to_be_kept_by_formerly(
    content: Path, written: str, keep: str, gone: str
) -> None:
    themes = THEMES.replace("  - id: efficiency\n", written, 1)
    if "title" in written:
        themes = themes.replace("    title: Efficiency\n", "", 1)
    write(content, themes=themes, papers=NAMING_TWICE)
    (error,) = errors(content)
    keeping = f"{keep} in themes.yaml so its old addresses keep working" if keep else ""
    assert re.search(
        f"rename it in each( entry)?( to the one it became)?{re.escape(keeping + gone)}$", error
    )


# Naming the other two themes: after the five entries of NAMING_TWICE, lines 19 and 20.
NAMING_THE_OTHERS = (
    "  teaching-transformers-to-add:\n"
    "    themes: {arithmetic-reasoning: arithmetic, sequence-models: transformers}\n"
)
# 'efficiency' renamed to an id and title unlike its own.
UNLIKE = THEMES.replace(
    "  - id: efficiency\n    title: Efficiency\n", "  - id: cost\n    title: Cost\n", 1
)


def test_a_theme_renamed_unlike_its_old_id_is_named_when_no_entry_names_it(
    content: Path,
) -> None:
    # 'cost' is the only theme no entry names: the one 'efficiency' became, most likely. That it
    # has no papers follows from the error, which says what to write: no warning of its own.
    assert UNLIKE != THEMES
    write(content, themes=UNLIKE, papers=NAMING_TWICE + NAMING_THE_OTHERS)
    # The entries leave 'state-space' empty: a warning of its own.
    assert [p for p in curate(content)[1] if ": warning: section " not in p] == [
        f"{P}:4: unknown theme 'efficiency', here and in 4 more entries (lines 5, 7, 8, 10, 11, "
        "… 17): renamed to 'cost' in themes.yaml (line 3), the only theme no entry names? rename "
        "it in each entry, and add 'formerly: [efficiency]' to theme 'cost' in themes.yaml so its "
        f"old addresses keep working{GONE}"
    ]


def test_more_unknown_themes_than_themes_no_entry_names_are_said_to_be_removed(
    content: Path,
) -> None:
    # A fork replacing the three themes with one: each old theme was said to be "renamed to
    # 'robotics' …, the only theme no entry names?", which three themes cannot all have been.
    write(
        content,
        themes="themes:\n  - {id: robotics, title: Robotics, sections: [{id: a, title: A}]}\n",
        papers=NAMING_TWICE + NAMING_THE_OTHERS,
    )
    removed = f"removed from themes.yaml? remove it from the entries, or {AFRESH}"
    assert curate(content)[1] == [
        f"{P}:4: unknown theme 'efficiency' (themes: robotics), here and in 4 more entries "
        f"(lines 5, 7, 8, 10, 11, … 17): {removed}",
        f"{P}:19: unknown theme 'arithmetic-reasoning' (themes: robotics): {removed}",
        f"{P}:19: unknown theme 'sequence-models' (themes: robotics): {removed}",
    ]


@pytest.mark.parametrize("entries", [1, 5])
def test_no_theme_is_said_to_be_empty_while_an_unknown_theme_may_be_its_old_id(
    content: Path, entries: int
) -> None:
    # Several themes no entry names: any of them may be the one renamed, grouped error or not.
    papers = HEADER + "papers:\n"
    for paper_id in NAMING[:entries]:
        papers += f"  {paper_id}:\n    themes: [efficiency]\n"
    write(content, themes=UNLIKE, papers=papers)
    assert [p for p in curate(content)[1] if ": warning: theme " in p] == []
    # Once the entries name the new id, a theme still empty is said to be.
    write(content, papers=papers.replace("[efficiency]", "[cost]"))
    assert [p for p in curate(content)[1] if ": warning: theme " in p] == [
        f"{T}:35: warning: theme 'arithmetic-reasoning' has no papers"
    ]


# 'efficiency' renamed 'efficient-ml' with its old id kept: its id is on line 3.
RENAMED_FORMERLY = THEMES.replace(
    "  - id: efficiency\n", "  - id: efficient-ml\n    formerly: [efficiency]\n", 1
)


def test_formerly_keeps_the_old_ids_of_a_theme(content: Path) -> None:
    for written in ("[efficiency, efficient-models]", "efficiency"):
        themes = THEMES.replace("  - id: arithmetic-reasoning\n", "  - id: numbers\n", 1)
        themes = themes.replace(
            "  - id: efficiency\n", f"  - id: efficient-ml\n    formerly: {written}\n", 1
        )
        themes = themes.replace(
            "    title: Arithmetic", "    formerly: arithmetic-reasoning\n    title: Arithmetic", 1
        )
        write(content, themes=themes)
        curation, _ = curate(content)
        assert [(t.id, t.formerly) for t in curation.themes] == [
            ("efficient-ml", tuple(written.strip("[]").split(", "))),
            ("sequence-models", ()),
            ("numbers", ("arithmetic-reasoning",)),
        ]


def test_a_former_id_must_be_free(content: Path) -> None:
    themes = THEMES.replace(
        "  - id: efficiency\n",
        "  - id: efficiency\n"
        "    formerly: [efficiency, sequence-models, papers, sitemap, old-ml]\n",
        1,
    ).replace(
        "  - id: arithmetic-reasoning\n", "  - id: arithmetic-reasoning\n    formerly: old-ml\n"
    )
    write(content, themes=themes)
    curation, problems = curate(content)
    assert [p for p in problems if ": warning: " not in p] == [
        f"{T}:4: 'formerly' names the theme's own id 'efficiency': remove it",
        f"{T}:4: 'formerly' names 'sequence-models', the id of the theme on line 21: an address "
        "can lead to one theme only; remove 'sequence-models' from 'formerly'",
        f"{T}:4: 'formerly' cannot name 'papers': feeds/papers.xml is the feed of every paper; "
        "remove it",
        f"{T}:4: 'formerly' cannot name 'sitemap': feeds/sitemap.xml is the empty sitemap "
        "Material for MkDocs looks for next to the feeds; remove it",
        f"{T}:37: 'formerly' names 'old-ml', already a former id of theme 'efficiency' (line 3): "
        "its old address can lead to one theme only; keep it in one",
    ]
    # Only the free id is kept; the themes themselves are read.
    assert [(t.id, t.formerly) for t in curation.themes] == [
        ("efficiency", ("old-ml",)),
        ("sequence-models", ()),
        ("arithmetic-reasoning", ()),
    ]


@pytest.mark.parametrize(
    ("written", "line", "name"),
    [
        ("  - id: {id}\n", 35, "'id'"),
        ("  - id: arithmetic-reasoning\n    formerly: [old, {id}]\n", 36, "item 2 of 'formerly'"),
        ("  - id: arithmetic-reasoning\n    formerly: {id}\n", 36, "'formerly'"),
    ],
)
def test_an_id_too_long_for_a_page_address_is_an_error_at_its_line(
    content: Path, written: str, line: int, name: str
) -> None:
    # Building refuses it (render.check_id) naming no file or line: the check says where.
    for length in (THEME_ID_MAX_LENGTH, THEME_ID_MAX_LENGTH + 1):
        long_id = "a" * length
        themes = THEMES.replace("  - id: arithmetic-reasoning\n", written.format(id=long_id), 1)
        write(content, themes=themes, papers=HEADER + "papers: {}\n")
        found = [p for p in curate(content)[1] if ": warning: " not in p]
        if length == THEME_ID_MAX_LENGTH:
            assert (found, check_id("theme", long_id, "here")) == ([], long_id)
            continue
        assert found == [
            f"{T}:{line}: {name} is longer than {THEME_ID_MAX_LENGTH} characters, the most an id "
            "in a page address may have: shorten it"
        ]
        with pytest.raises(PapersiteError, match="cannot be a page address"):
            check_id("theme", long_id, "here")


def test_a_former_id_must_be_a_valid_id(content: Path) -> None:
    themes = THEMES.replace(
        "  - id: efficiency\n", "  - id: efficiency\n    formerly: [Efficient ML]\n", 1
    )
    write(content, themes=themes)
    curation, problems = curate(content)
    assert [p for p in problems if ": warning: " not in p] == [
        f"{T}:4: 'Efficient ML' is not a valid id: use lower-case words joined by hyphens, like "
        "'sequence-models'"
    ]
    # The mistake costs the old ids only.
    assert (curation.themes[0].id, curation.themes[0].formerly) == ("efficiency", ())


def test_entries_naming_an_id_of_a_formerly_in_error_wait_for_its_fix(content: Path) -> None:
    themes = RENAMED_FORMERLY.replace("[efficiency]", "[efficiency, Efficient ML]")
    write(content, themes=themes, papers=NAMING_TWICE)
    curation, problems = curate(content)
    # The mistake is said once, in themes.yaml; the entries naming the old id are not checked.
    assert [p for p in problems if ": warning: " not in p] == [
        f"{T}:4: 'Efficient ML' is not a valid id: use lower-case words joined by hyphens, like "
        "'sequence-models'"
    ]
    assert curation.in_error == set(NAMING)


def test_an_entry_naming_a_former_id_says_what_it_became(content: Path) -> None:
    write(content, themes=RENAMED_FORMERLY, papers=NAMING_TWICE)
    assert errors(content) == [
        f"{P}:4: unknown theme 'efficiency': it is now 'efficient-ml' (themes.yaml line 3), here "
        "and in 4 more entries (lines 5, 7, 8, 10, 11, … 17): write 'efficient-ml' in each"
    ]
    write(content, papers=NAMING_TWICE.split(f"  {NAMING[1]}:")[0])
    assert errors(content) == [
        f"{P}:{line}: unknown theme 'efficiency': it is now 'efficient-ml' (themes.yaml line 3): "
        "write 'efficient-ml'"
        for line in (4, 5)
    ]


def test_a_paper_id_yaml_reads_as_other_than_text_must_be_quoted(content: Path) -> None:
    # Papers titled "Yes" and "2024": unquoted, their ids are read as true and a number. The
    # entry is still checked as meant; a null key is reported and the rest of the file read.
    (content / "sources" / "more.txt").write_text(
        "Yes\nModels that agree.\n2024\nA year of models.\n", encoding="utf-8"
    )
    write(
        content,
        papers=HEADER + "papers:\n  yes:\n    themes: [efficency]\n  2024: {}\n  null: {}\n"
        "  on: {}\n  teaching-transformers-to-add:\n    order: first\n",
    )
    assert errors(content) == [
        f"{P}:3: paper id yes must be quoted ('yes'): unquoted, YAML reads it as true",
        f"{P}:4: unknown theme 'efficency' (did you mean 'efficiency'?)",
        f"{P}:5: paper id 2024 must be quoted ('2024'): unquoted, YAML reads it as the number 2024",
        f"{P}:6: key null is read as nothing (YAML's null); quote it, 'null', to mean the text",
        f"{P}:7: key on must be quoted ('on'): unquoted, YAML reads it as true, which cannot be "
        "told from yes on line 3",
        f"{P}:9: 'order' must be a whole number, not 'first'",
    ]


def test_a_link_label_or_theme_key_yaml_reads_as_other_than_text_must_be_quoted(
    content: Path,
) -> None:
    # Unquoted, these labels were read as a date (which crashed the JSON export), false, 10 and
    # 1.1; 1 and yes were taken for one key. The entry is reported, not built with them.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    links:\n"
        "      2024-06-10: https://www.youtube.com/watch?v=talk\n"
        "      no: https://example.org/no\n      010: https://example.org/8\n"
        "      1.10: https://example.org/v\n      1: https://example.org/1\n"
        "      yes: https://example.org/yes\n"
        "  a-survey-of-cooking-robots:\n    themes: {2024: quantization}\n",
    )
    curation, found = curate(content)
    assert [problem for problem in found if ": warning: " not in problem] == [
        f"{P}:5: link label 2024-06-10 must be quoted ('2024-06-10'): unquoted, YAML reads it "
        "as the date 2024-06-10",
        f"{P}:6: link label no must be quoted ('no'): unquoted, YAML reads it as false",
        f"{P}:7: link label 010 must be quoted ('010'): unquoted, YAML reads it as the number 10",
        f"{P}:8: link label 1.10 must be quoted ('1.10'): unquoted, YAML reads it as the "
        "number 1.1",
        f"{P}:9: link label 1 must be quoted ('1'): unquoted, YAML reads it as the number 1",
        f"{P}:10: key yes must be quoted ('yes'): unquoted, YAML reads it as true, which cannot "
        "be told from 1 on line 9",
        f"{P}:12: theme id 2024 must be quoted ('2024'): unquoted, YAML reads it as the number "
        "2024",
    ]
    assert all(isinstance(link.label, str) for item in curation.papers for link in item.links)


def test_a_paper_entry_at_the_top_level_is_named_and_the_rest_still_checked(
    content: Path,
) -> None:
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    order: first\n"
        "quantized-state-space-models:\n  themes: [efficiency]\ncolour: red\n",
    )
    assert errors(content) == [
        f"{P}:4: 'order' must be a whole number, not 'first'",
        f"{P}:5: 'quantized-state-space-models' is a paper id: its entry belongs under "
        "'papers:', indented two spaces",
        f"{P}:7: unknown key 'colour' (expected: papers)",
    ]
    # Its decision is not applied: the rules alone place the paper.
    assert "quantized-state-space-models" in curate(content)[0].in_error


def test_an_entry_s_keys_at_the_papers_column_are_one_error_at_the_entry(content: Path) -> None:
    # YAML reads them as entries of their own: it was three errors, none saying to indent them.
    write(
        content,
        papers=HEADER + "papers:\n  a-survey-of-cooking-robots:\n    hidden: Off topic.\n"
        "  teaching-transformers-to-add:\n  themes: {sequence-models: transformers}\n"
        "  note: Adds.\n  quantized-state-space-models:\n    themes: [efficiency]\n",
    )
    assert errors(content) == [
        f"{P}:5: the keys of 'teaching-transformers-to-add' (themes, note) are at the papers' "
        "column: indent them four spaces, under the id",
    ]
    assert curate(content)[0].in_error == {"teaching-transformers-to-add"}


def test_a_key_moved_left_to_the_papers_column_is_named_with_its_entry(content: Path) -> None:
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    themes: [efficiency]\n"
        "  note: Adds.\n  tags: [addition]\n",
    )
    assert errors(content) == [
        f"{P}:5: 'note' and 'tags' are at the papers' column, not among the keys of "
        "'teaching-transformers-to-add' above: indent them four spaces, like them",
    ]
    assert curate(content)[0].in_error == {"teaching-transformers-to-add"}


@pytest.mark.parametrize("indent", ["    ", "      "])
def test_a_paper_entry_indented_into_the_one_above_says_so_once(content: Path, indent: str) -> None:
    # At four spaces its keys are the entry above's again: their duplicate is no mistake of its own.
    write(
        content,
        papers=HEADER + "papers:\n  teaching-transformers-to-add:\n    themes: [efficiency]\n"
        f"    quantized-state-space-models:\n{indent}themes: [sequence-models]\n",
    )
    assert errors(content) == [
        f"{P}:5: 'quantized-state-space-models' is a paper id: its entry is indented two spaces, "
        "like the others",
    ]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("papers:\n", ""),
            f"{P}:2: the 3 paper entries from line 2 to 14 belong under 'papers:', indented two "
            "spaces; the file is missing 'papers:': write it on a line of its own above them",
        ),
        (
            ("\n  ", "\n"),
            f"{P}:3: the 3 paper entries from line 3 to 15 belong under 'papers:', indented two "
            "spaces",
        ),
    ],
)
def test_paper_entries_all_outside_papers_are_one_error_and_not_counted(
    content: Path, edit: tuple[str, str], expected: str
) -> None:
    # The 'papers:' line lost, or the file dedented: an error per paper, 477 for the shipped
    # file; and dedented, the summary counted the rules alone as if they were the curators'.
    write(content, papers=PAPERS.replace(*edit))
    curation, problems = curate(content)
    assert problems == [expected]
    assert curation.summary("content/curation") == (
        "content/curation: 3 themes (efficiency, sequence-models, arithmetic-reasoning); papers "
        "not counted, as papers.yaml could not be read"
    )


def test_a_curation_folder_needs_themes_yaml(content: Path) -> None:
    (content / "curation" / "themes.yaml").unlink()
    assert curate(content)[1][0] == f"{T}: missing: a curation folder needs themes.yaml"


@pytest.mark.parametrize(
    ("name", "target", "reason"),
    [
        ("papers.yaml", "papers-moved.yaml", "No such file or directory (a broken link?)"),
        ("themes.yaml", "themes-moved.yaml", "No such file or directory (a broken link?)"),
        ("papers.yaml", "papers.yaml", "Too many levels of symbolic links (a link that loops)"),
        ("themes.yaml", "themes.yaml", "Too many levels of symbolic links (a link that loops)"),
    ],
)
def test_a_curation_file_behind_a_link_that_leads_nowhere_cannot_be_read(
    content: Path, name: str, target: str, reason: str
) -> None:
    # papers.yaml was read as left out: `check --strict` passed, every decision dropped; a
    # themes.yaml was said to be missing, and a looping one too.
    (content / "curation" / name).unlink()
    (content / "curation" / name).symlink_to(target)
    assert errors(content) == [f"content/curation/{name}: cannot read file: {reason}"]


def test_a_curation_folder_behind_a_broken_link_cannot_be_read(content: Path) -> None:
    (content / "curation").rename("curation-moved")
    (content / "curation").symlink_to("nowhere")
    assert errors(content) == [
        "content/curation: cannot read folder: No such file or directory (a broken link?)"
    ]


@pytest.mark.parametrize("permission", ["list", "search"])
def test_a_curation_folder_without_permission_to_list_or_search_it_cannot_be_read(
    content: Path, lock_folder: Lock, permission: str
) -> None:
    # Looking for themes.yaml in a folder chmod 000 raised PermissionError: a traceback from
    # check, and from each of serve's regenerations.
    lock_folder(content / "curation", permission)
    assert errors(content) == ["content/curation: cannot read folder: Permission denied"]


@pytest.mark.parametrize("empty_folder", [False, True])
def test_with_no_paper_read_the_unknown_ids_are_one_error(
    content: Path, empty_folder: bool
) -> None:
    # Each entry of papers.yaml was an unknown id with no similar one (477 for the shipped file),
    # and each theme was told it has no papers; the sources folder's problem says why.
    shutil.rmtree(content / "sources")
    if empty_folder:
        (content / "sources").mkdir()
    assert curate(content)[1] == [
        f"{P}:3: unknown paper id 'teaching-transformers-to-add' and 2 more: no paper was read "
        "from the sources (see there why); check again once one is"
    ]


def test_an_empty_themes_yaml_is_not_told_to_delete_it(content: Path) -> None:
    # It was, and deleted it is the error above.
    (content / "curation" / "themes.yaml").write_text("# to do\n", encoding="utf-8")
    assert curate(content)[1][0] == f"{T}:1: the file is empty: start it with 'themes: []'"


# --- the shipped curation ------------------------------------------------------------------------


def test_the_shipped_curation_is_clean_even_when_strict() -> None:
    content = REPO / "content"
    problems = Problems()
    sort_catalogue(content, read_catalogue(content), problems)
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("linked", ["curation/papers.yaml", "curation"])
def test_curation_linking_outside_the_content_folder_is_not_read(
    content: Path, linked: str
) -> None:
    outside = Path("outside").absolute()
    (content / "curation").rename(outside)
    if linked == "curation":
        (content / "curation").symlink_to(outside)
    else:
        (content / "curation").mkdir()
        (content / "curation" / "themes.yaml").write_text(THEMES, encoding="utf-8")
        (content / linked).symlink_to(outside / "papers.yaml")
    curation, problems = curate(content)
    assert problems == [
        f"content/{linked}: symbolic link to a place outside the content folder; not read"
    ]
    assert curation.themes == ()


# --- property-based: a mangled curation file gives problems with places, never a traceback -------

_CURATION_PIECES = st.sampled_from(
    [
        "themes: ", "papers: ", "- id: x\n", "featured: true", "order: first", "hidden: ",
        "add: [", "remove: {", "tags: [", "arxiv: 2402.09371", "links: {code: javascript:x}",
        "regex: '(' ", "keyword: ", "weight: -1e400", "threshold: ", "title_weight: ~",
        "default_section: ", "sections: []", "intro: <script>", "&a ", "*a", "<<: ", "!!int ",
        "2025-13-45", "{", "}", "[", "]", ": ", ", ", "- ", "'", '"', "\n", "\n  ", "\n    ",
        "#", "null", "{}", "[]", "efficiency", "arithmetic", "teaching-transformers-to-add",
    ]
)  # fmt: skip


@pytest.fixture(scope="module")
def fixture_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    content = tmp_path_factory.mktemp("catalogue") / "content"
    (content / "sources").mkdir(parents=True)
    shutil.copy(CURATION_DATA / "dump.txt", content / "sources" / "dump.txt")
    return read_catalogue(content)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["themes.yaml", "papers.yaml"]),
    edits=st.lists(
        st.tuples(st.integers(0, 1200), st.integers(0, 30), st.lists(_CURATION_PIECES, max_size=4)),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_curation_files_only_ever_give_problems_with_places(
    tmp_path_factory: pytest.TempPathFactory,
    fixture_catalogue: Catalogue,
    name: str,
    edits: list[tuple[int, int, list[str]]],
) -> None:
    content = tmp_path_factory.mktemp("fuzz") / "content"
    (content / "curation").mkdir(parents=True)
    for file in ("themes.yaml", "papers.yaml"):
        shutil.copy(CURATION_DATA / file, content / "curation" / file)
    text = (CURATION_DATA / name).read_text(encoding="utf-8")
    for position, delete, inserts in edits:
        position = min(position, len(text))
        text = text[:position] + "".join(inserts) + text[position + delete :]
    (content / "curation" / name).write_text(text, encoding="utf-8")
    problems = Problems()
    try:
        sort_catalogue(content, fixture_catalogue, problems)
    except PapersiteError as error:
        problems.extend(error.problems)
    for problem in problems:
        assert Path(problem.path).name in {"themes.yaml", "papers.yaml"}, problem
        assert problem.line is None or problem.line >= 1, problem


@pytest.mark.parametrize(
    ("curators", "links", "arxiv_id"),
    [
        # The curator's id wins over a link, which may be to a paper the abstract cites.
        ("2402.09371", ("https://arxiv.org/abs/2312.00752",), "2402.09371"),
        ("hep-th/9901001v2", (), "hep-th/9901001v2"),
        (None, ("https://github.com/a/b", "https://arxiv.org/abs/2405.04517"), "2405.04517"),
        (None, ("http://www.arxiv.org/pdf/2405.04517v2",), "2405.04517"),
        # Not an id (papersite check reports it): the abstract's link gives the id instead.
        ("arxiv.org/abs/1", ("https://arxiv.org/abs/2405.04517",), "2405.04517"),
        (None, ("https://arxiv.org/list/cs.LG/recent", "https://example.org/2405.04517"), None),
        (None, ("https://arxiv.org/pdf/2405.04517v2.pdf",), "2405.04517"),
        (None, ("https://arxiv.org/abs/hep-th/9901001v2",), "hep-th/9901001"),
        # The id must end where the link's does: a digit too many is a typo, not 2312.00752.
        (None, ("https://arxiv.org/pdf/2312.007521",), None),
        (None, ("https://arxiv.org/abs/2312.00752x",), None),
        # Digits of another script are no id of arXiv's (ARXIV_ID takes none): the page linked
        # an address arXiv has not, and search indexed an id no reader types.
        (
            None,
            ("https://arxiv.org/abs/\u0662\u0663\u0661\u0662.\u0660\u0660\u0667\u0665\u0662",),
            None,
        ),
    ],
)
def test_a_paper_s_arxiv_id_is_the_curator_s_else_an_arxiv_link_s_in_its_abstract(
    curators: str | None, links: tuple[str, ...], arxiv_id: str | None
) -> None:
    item = CuratedPaper(dataclasses.replace(paper("p"), links=links), arxiv_id=curators)
    assert arxiv_id_of(item) == arxiv_id


@pytest.mark.parametrize(
    ("published", "links", "arxiv_id"),
    [
        # "We build on the Transformer": a paper of 2018 is not arXiv 1706.03762.
        (date(2018, 4, 24), ("https://arxiv.org/abs/1706.03762",), None),
        (
            date(2018, 4, 24),
            ("https://arxiv.org/abs/1706.03762", "https://arxiv.org/abs/1804.08838"),
            "1804.08838",
        ),
        # A date at the turn of a month may be a month either side of its id's (2111.00396).
        (date(2021, 10, 30), ("https://arxiv.org/abs/2111.00396",), "2111.00396"),
        (date(2022, 1, 2), ("https://arxiv.org/abs/2112.00001",), "2112.00001"),
        (date(2021, 10, 30), ("https://arxiv.org/abs/2112.00001",), None),
        (date(1999, 1, 20), ("https://arxiv.org/abs/hep-th/9901001",), "hep-th/9901001"),
        (date(2007, 1, 20), ("https://arxiv.org/abs/hep-th/9901001",), None),
    ],
)
def test_an_arxiv_link_is_a_dated_paper_s_own_only_when_its_id_is_of_the_paper_s_month(
    published: date, links: tuple[str, ...], arxiv_id: str | None
) -> None:
    item = CuratedPaper(dataclasses.replace(paper("p", published), links=links))
    assert arxiv_id_of(item) == arxiv_id


def _link_in_abstract(content: Path, title: str, link: str) -> None:
    """Append a sentence with ``link`` to the abstract of ``title`` in the fixture's dump."""
    dump = content / "sources" / "dump.txt"
    lines = dump.read_text(encoding="utf-8").split("\n")
    at = lines.index(title) + 1
    lines[at] += f" See {link}."
    dump.write_text("\n".join(lines), encoding="utf-8")


def test_two_papers_with_one_arxiv_id_are_warned_of_at_the_second_s_place(content: Path) -> None:
    # Of two links, the second paper's is named at its abstract; of a link and a curator's id,
    # the curator's at its 'arxiv' line. The version and '.pdf' make no other paper.
    _link_in_abstract(content, "Four-Bit Quantization of Large Language Models", ARXIV_PDF)
    _link_in_abstract(content, "Kernels That Speed Up Training", "https://arxiv.org/abs/2312.00752")
    _link_in_abstract(content, "Speculative Decoding with Small Drafts", ARXIV_TEACHING)
    shared = [str(p) for p in read_content(content).problems if "arXiv id" in p.message]
    assert shared == [
        "content/sources/dump.txt:14: warning: paper 'kernels-that-speed-up-training' has arXiv "
        f"id 2312.00752 (from the link https://arxiv.org/abs/2312.00752 in its abstract), as paper "
        f"'four-bit-quantization-of-large-language-models' (content/sources/dump.txt:2) does: "
        f"{SHARED_LINK}",
        "content/curation/papers.yaml:8: warning: paper 'teaching-transformers-to-add' has arXiv "
        "id 2402.09371, as paper 'speculative-decoding-with-small-drafts' "
        f"(content/sources/dump.txt:4) does: {SHARED_LINK}",
    ]


def test_arxiv_null_gives_a_paper_no_arxiv_id_whatever_its_abstract_links() -> None:
    linked = dataclasses.replace(paper("p"), links=("https://arxiv.org/abs/2405.04517",))
    assert arxiv_id_of(CuratedPaper(linked, no_arxiv_id=True)) is None


def test_arxiv_null_takes_a_cited_paper_s_id_off_the_page_the_citation_and_the_export(
    content: Path,
) -> None:
    # The link is a cited paper's (teaching-transformers-to-add's, which the curator gave it):
    # without 'arxiv: null' the paper's page would link it and its citation cite it.
    _link_in_abstract(content, "Speculative Decoding with Small Drafts", ARXIV_TEACHING)
    papers = (CURATION_DATA / "papers.yaml").read_text(encoding="utf-8")
    write(content, papers=papers + "  speculative-decoding-with-small-drafts:\n    arxiv: null\n")
    curation, problems = curate(content)
    assert not [problem for problem in problems if "arXiv id" in problem]
    item = curation.get("speculative-decoding-with-small-drafts")
    assert item is not None and arxiv_id_of(item) is None
    generate(read_catalogue(content), curation, SETTINGS, Path("docs"))
    page = Path("docs", "papers", "speculative-decoding-with-small-drafts.md").read_text("utf-8")
    assert "arxiv.org/abs/2402.09371" in page  # the abstract's link, as written
    assert "arXiv:2402.09371" not in page and "howpublished" not in page
    exported = json.loads(Path("docs", "papers.json").read_text("utf-8"))
    assert {o["id"]: o["arxiv"] for o in exported}["speculative-decoding-with-small-drafts"] is None


# An anchor alone, or the non-specific tag '!', is that empty value too: it was taken for null.
@pytest.mark.parametrize("written", ["", "  # to look up", " &a", " !", " &a  # to look up"])
def test_an_empty_arxiv_is_refused_saying_to_write_null_or_the_id(
    content: Path, written: str
) -> None:
    # YAML reads it as null too, but it may be an id not written yet: not taken for 'no id'.
    write(
        content, papers=HEADER + f"papers:\n  teaching-transformers-to-add:\n    arxiv:{written}\n"
    )
    assert errors(content) == [
        f"{P}:4: 'arxiv' is empty: write 'arxiv: null' for a paper with no arXiv id, or its id, "
        "quoted: '2510.21450'"
    ]


@pytest.mark.parametrize(
    "written",
    [
        "null",
        "Null",
        "NULL",
        "~",
        "!!null",
        "!!null  # cites it",
        "!<tag:yaml.org,2002:null>",
        "&a null",
        "&a !!null",
        "!!null &a",
        "!!null null",
        "!!null ~",
    ],
)
def test_arxiv_null_written_any_way_yaml_spells_null_is_taken(content: Path, written: str) -> None:
    # '!!null' with nothing after the tag was refused as empty, telling to write what was written.
    write(
        content, papers=HEADER + f"papers:\n  teaching-transformers-to-add:\n    arxiv: {written}\n"
    )
    assert errors(content) == []
    item = curate(content)[0].get("teaching-transformers-to-add")
    assert item is not None and item.no_arxiv_id


# 'c\u043est' with a Cyrillic 'о': it reads as 'cost', a theme's id too short to be misspelt. A
# theme's id as a key of 'themes' is any text to the schema: unknown ids are found by the check.
COST_CYRILLIC = "c\u043est"
LETTER_O = "its '\u043e' is U+043E CYRILLIC SMALL LETTER O, not a Latin letter"


def test_a_short_theme_id_with_a_look_alike_letter_at_one_entry_is_said_to_be_the_id(
    content: Path,
) -> None:
    # Another entry names 'cost': a guess of it alike to difflib alone would not be made, a
    # look-alike is one whatever the length.
    write(
        content,
        themes=UNLIKE,
        papers=HEADER
        + "papers:\n  quantized-state-space-models:\n"
        + f"    themes: {{{COST_CYRILLIC}: quantization}}\n"
        + "  kernels-that-speed-up-training:\n    themes: [cost]\n",
    )
    assert errors(content) == [
        f"{P}:4: unknown theme '{COST_CYRILLIC}' (did you mean 'cost'? {LETTER_O})"
    ]


def test_a_short_theme_id_with_a_look_alike_letter_in_many_entries_is_a_typo_in_each(
    content: Path,
) -> None:
    # Not a theme renamed in themes.yaml: its id is ASCII, so the entries hold the mistake.
    papers = HEADER + "papers:\n"
    for paper_id in NAMING:
        papers += f"  {paper_id}:\n    themes: {{{COST_CYRILLIC}: quantization}}\n"
    write(content, themes=UNLIKE, papers=papers)
    assert errors(content) == [
        f"{P}:4: unknown theme '{COST_CYRILLIC}' (did you mean 'cost'? {LETTER_O}), here and in "
        "4 more entries (lines 6, 8, 10 and 12): if so, correct it in each"
    ]
    # In a list, where an id's letters are the schema's to check: the theme it reads as is named.
    write(
        content, papers=papers.replace(f"{{{COST_CYRILLIC}: quantization}}", f"[{COST_CYRILLIC}]")
    )
    said = f"'{COST_CYRILLIC}' is not a valid id (did you mean 'cost'? {LETTER_O})"
    assert errors(content) == [f"{P}:{line}: {said}" for line in (4, 6, 8, 10, 12)]


def test_a_theme_id_with_an_accent_written_apart_names_it_composed(content: Path) -> None:
    write(
        content,
        papers=HEADER
        + "papers:\n  quantized-state-space-models:\n"
        + "    themes: {efficie\u0301ncy: quantization}\n",
    )
    assert errors(content) == [
        f"{P}:4: unknown theme 'efficie\u0301ncy' (did you mean 'efficiency'? its '\u00e9' is "
        "U+00E9 LATIN SMALL LETTER E WITH ACUTE)"
    ]


@pytest.mark.parametrize(
    ("written", "letter"),
    [
        (
            "fast-de\u0441oding",
            "its '\u0441' is U+0441 CYRILLIC SMALL LETTER ES, not a Latin letter",
        ),
        # An accent written apart is named composed with its letter, not alone on a quote mark.
        ("fast-deco\u0301ding", "its '\u00f3' is U+00F3 LATIN SMALL LETTER O WITH ACUTE"),
    ],
)
def test_an_invalid_id_wrong_only_in_look_alike_letters_names_them(
    content: Path, written: str, letter: str
) -> None:
    # Saying to use lower-case words joined by hyphens would not help: it looks like that.
    write(content, themes=THEMES.replace("      - id: fast-decoding\n", f"      - id: {written}\n"))
    assert errors(content)[:1] == [
        f"{T}:10: '{written}' is not a valid id: {letter} (an id's letters are a to z)"
    ]
    # In papers.yaml, the id it looks like is named too.
    write(
        content,
        themes=THEMES,
        papers=HEADER
        + f"papers:\n  quantized-state-space-models:\n    themes: {{efficiency: {written}}}\n",
    )
    assert errors(content) == [
        f"{P}:4: '{written}' is not a valid id (did you mean 'fast-decoding'? {letter})"
    ]


def test_a_theme_is_not_said_empty_while_its_entry_names_an_unknown_section_of_it(
    content: Path,
) -> None:
    # The entry's error says what to write; the theme is empty only for it.
    write(
        content,
        papers=HEADER
        + "papers:\n  teaching-transformers-to-add:\n"
        + "    themes: {arithmetic-reasoning: addition}\n",
    )
    assert [p for p in curate(content)[1] if "arithmetic" in p] == [
        f"{P}:4: unknown section 'addition' in theme 'arithmetic-reasoning' (renamed to "
        "'arithmetic' in themes.yaml (line 39), the only section of the theme no entry names? if "
        "so, write 'arithmetic')"
    ]
