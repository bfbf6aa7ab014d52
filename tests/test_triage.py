from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from papersite.catalogue import read_catalogue
from papersite.cli import main
from papersite.content import load_content, read_curation
from papersite.errors import PapersiteError, Problems
from papersite.triage import Room, about_theme, format_triage, room_in, triage, triage_content
from papersite.yamlfile import MAX_BYTES, MAX_NODES


@pytest.fixture
def curated_content(curated_content: Path) -> Path:
    """The shared curated content, its paper pinned out of sequence-models by 'themes'.

    Its entry's 'remove' alone leaves it waiting, the rules choosing its other themes (see
    test_a_paper_whose_entry_only_adds_or_removes_themes_still_waits): these tests want a pinned
    paper the rules would sort differently. One line for one, so the lines after keep their numbers.
    """
    papers = curated_content / "curation" / "papers.yaml"
    text = papers.read_text(encoding="utf-8")
    assert REMOVED in text
    papers.write_text(text.replace(REMOVED, PINNED), encoding="utf-8")
    return curated_content


# The shared fixture's entry for quantized-state-space-models adjusts the rules; as a pin instead.
REMOVED = "    remove: [sequence-models]\n"
PINNED = "    themes: {efficiency: quantization}\n"


def report(content: Path) -> str:
    catalogue = read_catalogue(content)
    problems = Problems()
    files = read_curation(content, catalogue, problems)
    assert files is not None
    assert list(problems) == []
    return format_triage(triage(files, catalogue))


def test_triage_lists_every_undecided_paper_counts_disagreements_then_a_snippet(
    curated_content: Path,
) -> None:
    papers = curated_content / "curation" / "papers.yaml"
    # Unhide the survey so it needs a decision too.
    papers.write_text(
        papers.read_text()
        .replace("  a-survey-of-cooking-robots:\n", "")
        .replace("    hidden: Off topic for every theme.\n", "")
    )
    # Papers the rules placed wait for a decision as much as those in no theme; the pins the
    # rules disagree with are a rule-tuning aid, counted so as not to bury them.
    assert report(curated_content) == (
        "5 papers not yet decided in content/curation/papers.yaml: 2 in no theme, "
        "3 placed by the rules\n"
        "\n"
        "In no theme (2):\n"
        "\n"
        "  a-survey-of-cooking-robots\n"
        "    A Survey of Cooking Robots\n"
        "    scores: no rule matched\n"
        "\n"
        "  kernels-that-speed-up-training\n"
        "    Kernels That Speed Up Training\n"
        "    suggested: efficiency 1.5 of 3\n"
        "\n"
        "Placed by the rules (3):\n"
        "\n"
        "  four-bit-quantization-of-large-language-models\n"
        "    Four-Bit Quantization of Large Language Models\n"
        "    rules: efficiency (quantization); scores: efficiency 4 of 3\n"
        "\n"
        "  selective-state-space-models-for-long-context\n"
        "    Selective State Space Models for Long Context\n"
        "    rules: sequence-models (state-space); scores: sequence-models 3 of 2\n"
        "\n"
        "  speculative-decoding-with-small-drafts\n"
        "    Speculative Decoding with Small Drafts\n"
        "    rules: efficiency (fast-decoding); scores: efficiency 6.5 of 3\n"
        "\n"
        "2 pinned papers the rules would sort differently "
        "(papersite triage --disagreements lists them)\n"
        "\n"
        "Paste under 'papers:' in content/curation/papers.yaml, then check each line:\n"
        "\n"
        "  # A Survey of Cooking Robots\n"
        "  a-survey-of-cooking-robots:\n"
        "    themes: []  # no rule matched\n"
        "  # Kernels That Speed Up Training\n"
        "  kernels-that-speed-up-training:\n"
        "    themes: []  # suggested: efficiency 1.5 of 3, {efficiency: quantization}\n"
        "  # Four-Bit Quantization of Large Language Models\n"
        "  four-bit-quantization-of-large-language-models:\n"
        "    themes: {efficiency: quantization}  # efficiency 4 of 3\n"
        "  # Selective State Space Models for Long Context\n"
        "  selective-state-space-models-for-long-context:\n"
        "    themes: {sequence-models: state-space}  # sequence-models 3 of 2\n"
        "  # Speculative Decoding with Small Drafts\n"
        "  speculative-decoding-with-small-drafts:\n"
        "    themes: {efficiency: fast-decoding}  # efficiency 6.5 of 3\n"
    )


def test_pasting_the_snippet_leaves_a_paper_in_no_theme_where_the_site_shows_it(
    curated_content: Path,
) -> None:
    # A paper the rules score 1.5 of 3 was pinned into the theme by the snippet: a fork's curator
    # who pasted it as README says moved off-topic papers into a theme without a word.
    papers = curated_content / "curation" / "papers.yaml"
    text = report(curated_content)
    papers.write_text(papers.read_text() + text.split("then check each line:\n\n", 1)[1])
    curation = load_content(curated_content).curation
    assert "kernels-that-speed-up-training" in {item.paper.id for item in curation.unsorted()}
    assert report(curated_content).startswith("0 papers not yet decided")


def test_the_disagreements_are_listed_on_request(curated_content: Path) -> None:
    catalogue = read_catalogue(curated_content)
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    assert format_triage(triage(files, catalogue), disagreements=True) == (
        "2 pinned papers the rules would sort differently\n"
        "\n"
        "  quantized-state-space-models (content/curation/papers.yaml:11)\n"
        "    Quantized State Space Models\n"
        "    pinned: efficiency (quantization)\n"
        "    rules:  efficiency (quantization), sequence-models (state-space); scores: "
        "sequence-models 4 of 2, efficiency 4 of 3\n"
        "\n"
        "  teaching-transformers-to-add (content/curation/papers.yaml:3)\n"
        "    Teaching Transformers to Add\n"
        "    pinned: sequence-models (transformers), arithmetic-reasoning (arithmetic)\n"
        "    rules:  sequence-models (transformers); scores: sequence-models 3 of 2\n"
    )


def test_one_theme_s_papers_are_listed_on_request(curated_content: Path) -> None:
    catalogue = read_catalogue(curated_content)
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    report = triage(files, catalogue)
    # The rules alone would add the first to sequence-models; the second is pinned there and
    # in arithmetic-reasoning, whose rules do not place it.
    pinned = {item.paper.id for item in report.disagreements}
    assert pinned == {"quantized-state-space-models", "teaching-transformers-to-add"}
    for theme_id, expected in (
        ("sequence-models", {"quantized-state-space-models"}),
        ("arithmetic-reasoning", {"teaching-transformers-to-add"}),
        ("efficiency", set()),
    ):
        about = report.about(theme_id)
        assert {item.paper.id for item in about.disagreements} == expected, theme_id
    waiting = {item.paper.id for item in report.undecided}
    scored = {item.paper.id for item in report.about("efficiency").undecided}
    assert scored and scored < waiting
    assert all(
        any(score.theme == "efficiency" for score in item.suggestions)
        for item in report.about("efficiency").undecided
    )
    text = format_triage(report.about("arithmetic-reasoning"), disagreements=True)
    assert text.startswith(
        "1 pinned paper the rules would sort differently, for theme 'arithmetic-reasoning'\n"
    )
    text = format_triage(report.about("sequence-models"))
    assert "papersite triage --disagreements --theme sequence-models lists them" in text


def test_a_theme_is_found_by_its_id_or_a_former_one_and_a_wrong_one_is_refused(
    curated_content: Path,
) -> None:
    themes = curated_content / "curation" / "themes.yaml"
    themes.write_text(
        themes.read_text().replace(
            "id: arithmetic-reasoning", "id: arithmetic\n    formerly: [sums]"
        )
    )
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text().replace("arithmetic-reasoning", "arithmetic"))
    catalogue = read_catalogue(curated_content)
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    report = triage(files, catalogue)
    assert about_theme(report, files, "arithmetic") == (report.about("arithmetic"), None)
    # As the site's old addresses do, a renamed theme's old id leads to it.
    assert about_theme(report, files, "sums") == (
        report.about("arithmetic"),
        "--theme sums: it is now 'arithmetic'",
    )
    with pytest.raises(PapersiteError) as raised:
        about_theme(report, files, "arithmetic-reasoning")
    assert str(raised.value) == (
        "content/curation/themes.yaml: --theme: no theme has the id 'arithmetic-reasoning' "
        "(did you mean 'arithmetic'?)"
    )


def test_triage_of_content_is_about_a_theme_on_request_and_needs_a_curation_folder(
    curated_content: Path,
) -> None:
    # The library's checks, not the CLI's: `papersite triage` only prints what it is given.
    loaded = load_content(curated_content)
    assert loaded.files is not None
    report = triage(loaded.files, loaded.catalogue)
    assert triage_content(loaded, curated_content) == (report, None)
    assert triage_content(loaded, curated_content, "efficiency") == (
        report.about("efficiency"),
        None,
    )
    shutil.rmtree(curated_content / "curation")
    with pytest.raises(PapersiteError) as raised:
        triage_content(load_content(curated_content), curated_content)
    assert str(raised.value) == "content/curation: no curation folder: nothing to triage"


def test_an_excluded_theme_is_named_with_its_exclusion(curated_content: Path) -> None:
    (curated_content / "sources" / "dump.txt").write_text(
        "Quantization Survey\nA survey of quantized networks.\n", encoding="utf-8"
    )
    (curated_content / "curation" / "papers.yaml").write_text("papers:\n", encoding="utf-8")
    text = report(curated_content)
    # Excluded, it is not suggested, in the listing as in the snippet.
    assert "    scores: efficiency 4 of 3 (excluded by 'survey')\n" in text
    assert (
        "  quantization-survey:\n    themes: []  # efficiency 4 of 3 (excluded by 'survey')\n"
        in (text)
    )


def test_the_listing_suggests_only_the_themes_the_snippet_does(curated_content: Path) -> None:
    # 0.5 of 3 was "suggested" in the listing, and only a score in the snippet's comment.
    (curated_content / "sources" / "dump.txt").write_text(
        "Reading Faster\nA reader that speeds up reading.\n"
        "Faster Reading\nA recurrence that speeds up reading.\n",
        encoding="utf-8",
    )
    (curated_content / "curation" / "papers.yaml").write_text("papers:\n", encoding="utf-8")
    text = report(curated_content)
    assert "  reading-faster\n    Reading Faster\n    scores: efficiency 0.5 of 3\n" in text
    assert "  reading-faster:\n    themes: []  # efficiency 0.5 of 3\n" in text
    # Beside a theme suggested, it is one of the other scores.
    assert "    suggested: sequence-models 1 of 2; other scores: efficiency 0.5 of 3\n" in text
    assert (
        "  faster-reading:\n    themes: []  # suggested: sequence-models 1 of 2, "
        "{sequence-models: transformers}\n" in text
    )


def test_one_theme_s_triage_says_which_papers_the_rules_place_only_elsewhere(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A curator triaging efficiency read "placed by the rules" as placed in efficiency, and pasted
    # pins into sequence-models: this paper is there, efficiency's regex scoring it 0.5.
    with (curated_content / "sources" / "dump.txt").open("a", encoding="utf-8") as dump:
        dump.write("Transformers for Reading\nA transformer that speeds up reading.\n")
    assert main(["triage", "--theme", "efficiency"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(
        "4 papers not yet decided in content/curation/papers.yaml, for theme 'efficiency': 1 in "
        "no theme, 3 placed by the rules (1 of them only in other themes, scored by its rules)\n"
    )
    assert "    rules: sequence-models (transformers); scores: sequence-models 3 of 2" in text
    # The whole triage says nothing of it: there, placed is placed anywhere.
    assert main(["triage"]) == 0
    assert ", scored by its rules)" not in capsys.readouterr().out


def test_the_triage_snippet_pastes_into_papers_yaml(curated_content: Path) -> None:
    text = report(curated_content)
    snippet = text.split("then check each line:\n\n", 1)[1]
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text() + snippet, encoding="utf-8")
    # Pinned where the rules put them, the placed papers are decided as well.
    assert report(curated_content).startswith(
        "0 papers not yet decided in content/curation/papers.yaml\n"
    )


def test_the_snippet_quotes_ids_yaml_would_not_read_back_as_text(curated_content: Path) -> None:
    # A paper titled "Yes" gets the id yes, which YAML reads unquoted as true, and so on.
    (curated_content / "sources" / "dump.txt").write_text(
        "Yes\nModels that agree.\nNull\nModels of nothing.\n2024\nA year of models.\n"
        "On Models\nA paper on models.\n",
        encoding="utf-8",
    )
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text("papers:\n", encoding="utf-8")
    text = report(curated_content)
    snippet = text.split("then check each line:\n\n", 1)[1]
    assert [line for line in snippet.splitlines() if not line.startswith(("    ", "  #"))] == [
        "  '2024':",
        "  'null':",
        "  on-models:",
        "  'yes':",
    ]
    papers.write_text("papers:\n" + snippet, encoding="utf-8")
    assert report(curated_content).startswith("0 papers not yet decided")


def test_the_snippet_titles_each_entry_as_papers_yaml_does(curated_content: Path) -> None:
    # Entries came as ids alone, where papers.yaml has each under its title; the title is shown
    # as messages quote it, what does not show as itself escaped (the catalogue already keeps a
    # title to one line, without controls).
    (curated_content / "sources" / "dump.txt").write_text(
        "On Models\ufe0f\nA paper on models.\n", encoding="utf-8"
    )
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text("papers:\n", encoding="utf-8")
    snippet = report(curated_content).split("then check each line:\n\n", 1)[1]
    assert snippet.splitlines()[:2] == ["  # On Models\\ufe0f", "  on-models:"]
    papers.write_text("papers:\n" + snippet, encoding="utf-8")
    assert report(curated_content).startswith("0 papers not yet decided")


def test_a_paper_with_an_entry_already_gets_a_line_to_add_to_it(curated_content: Path) -> None:
    # Tags alone leave the paper's themes to the rules; a second key for it would be an error.
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text()
        + "  four-bit-quantization-of-large-language-models:\n    tags: [int4]\n",
        encoding="utf-8",
    )
    text = report(curated_content)
    assert (
        "\n  four-bit-quantization-of-large-language-models (content/curation/papers.yaml:17)\n"
        in (text)
    )
    paste, add = text.split("then check each line:\n\n", 1)[1].split(
        "\nAdd to the entries already in content/curation/papers.yaml, at the lines given:\n\n"
    )
    assert add == (
        "  four-bit-quantization-of-large-language-models:  # line 17\n"
        "    themes: {efficiency: quantization}  # efficiency 4 of 3\n"
    )
    assert "four-bit" not in paste
    papers.write_text(papers.read_text() + paste, encoding="utf-8")
    assert report(curated_content).startswith("1 paper not yet decided")


def test_the_lines_to_add_to_entries_are_in_the_order_of_their_lines(
    curated_content: Path,
) -> None:
    # They were in the order of the papers' ids: '# line 19' above '# line 17'.
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text()
        + "  speculative-decoding-with-small-drafts:\n    tags: [drafts]\n"
        + "  four-bit-quantization-of-large-language-models:\n    tags: [int4]\n",
        encoding="utf-8",
    )
    add = report(curated_content).split("at the lines given:\n\n")[1]
    assert [line for line in add.splitlines() if "# line" in line] == [
        "  speculative-decoding-with-small-drafts:  # line 17",
        "  four-bit-quantization-of-large-language-models:  # line 19",
    ]


def _unhide_the_survey(papers: Path) -> None:
    papers.write_text(
        papers.read_text()
        .replace("  a-survey-of-cooking-robots:\n", "")
        .replace("    hidden: Off topic for every theme.\n", "")
    )


def test_the_snippet_holds_the_first_papers_and_says_how_to_get_the_rest(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 50,000 papers' entries took papers.yaml to 6.4 MB: one sitting's worth at a time.
    papers = curated_content / "curation" / "papers.yaml"
    _unhide_the_survey(papers)
    assert main(["triage", "--snippet", "2"]) == 0
    text = capsys.readouterr().out
    assert (
        "\nThe snippet below holds the first 2 of the 5 papers waiting (--snippet N sets how "
        "many, 2 now): paste and check them, then run papersite triage again for the next\n"
        "\nPaste under 'papers:' in content/curation/papers.yaml, then check each line:\n\n"
        "  # A Survey of Cooking Robots\n"
        "  a-survey-of-cooking-robots:\n"
        "    themes: []  # no rule matched\n"
        "  # Kernels That Speed Up Training\n"
        "  kernels-that-speed-up-training:\n"
        "    themes: []  # suggested: efficiency 1.5 of 3, {efficiency: quantization}\n"
    ) in text
    assert text.endswith("# suggested: efficiency 1.5 of 3, {efficiency: quantization}\n")
    papers.write_text(papers.read_text() + text.split("then check each line:\n\n", 1)[1])
    assert main(["triage", "--snippet", "2"]) == 0
    assert "the first 2 of the 3 papers waiting" in capsys.readouterr().out
    # Room for all: no word of a limit.
    assert main(["triage", "--snippet", "3"]) == 0
    assert "The snippet below" not in capsys.readouterr().out


def test_the_snippet_never_takes_papers_yaml_past_the_limit_of_a_yaml_file(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = curated_content / "curation" / "papers.yaml"
    _unhide_the_survey(papers)
    # Room for about one entry and a half, whatever --snippet asks.
    entry = (
        "  # A Survey of Cooking Robots\n"
        "  a-survey-of-cooking-robots:\n"
        "    themes: []  # no rule matched\n"
    )
    written = papers.read_text(encoding="utf-8")
    padding = MAX_BYTES - len(written.encode()) - len(entry) * 3 // 2
    papers.write_text(written + "#" * (padding - 1) + "\n", encoding="utf-8")
    assert main(["triage", "--snippet", "100"]) == 0
    text = capsys.readouterr().out
    assert (
        "\nThe snippet below holds the first 1 of the 5 papers waiting: "
        "content/curation/papers.yaml has room for no more within the limits of a YAML file "
        f"({MAX_BYTES:,} bytes and {MAX_NODES:,} values); a paper in no theme stays in Unsorted "
        "without an entry\n"
    ) in text
    snippet = text.split("then check each line:\n\n", 1)[1]
    assert snippet == entry
    papers.write_text(papers.read_text() + snippet, encoding="utf-8")
    assert main(["check"]) == 0
    capsys.readouterr()
    # Full: no snippet at all, only why.
    assert main(["triage"]) == 0
    text = capsys.readouterr().out
    assert "The snippet below holds the first 0 of the 4 papers waiting: " in text
    assert "Paste under" not in text


def test_the_snippet_counts_the_values_it_adds_as_well(curated_content: Path) -> None:
    catalogue = read_catalogue(curated_content)
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    # An entry of one pin is six values: its id, its map, 'themes', the pin's map, theme, section;
    # the first, in no theme, is four ('themes: []' and a suggestion in a comment).
    text = format_triage(triage(files, catalogue), room=Room(10**6, 15))
    assert "holds the first 2 of the 4 papers waiting" in text
    assert text.count("    themes: {") == 1
    text = format_triage(triage(files, catalogue), room=Room(10**6, 16), most=3)
    assert text.count("    themes: {") == 2


def test_room_in_papers_yaml_is_what_the_limits_leave(curated_content: Path) -> None:
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text("papers:\n  a:\n    themes: [b]\n", encoding="utf-8")
    # The map, 'papers', its map, 'a', its map, 'themes', the list and 'b'.
    assert room_in(papers) == Room(MAX_BYTES - 29, MAX_NODES - 8)
    papers.unlink()
    assert room_in(papers) == Room(MAX_BYTES - 8, MAX_NODES - 3)


def test_a_papers_yaml_past_the_limit_says_what_to_do(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text() + "#" * MAX_BYTES + "\n", encoding="utf-8")
    assert main(["check"]) == 1
    assert (
        f"content/curation/papers.yaml: file is over {MAX_BYTES:,} bytes, the limit for YAML: "
        "papers.yaml cannot be split, so shorten it: take out comments (a triage snippet's "
        "scores), or the last paste, and paste fewer (papersite triage --snippet N)\n"
    ) in capsys.readouterr().err
    entries = "".join(f"  p{n}: {{tags: [a, b]}}\n" for n in range(MAX_NODES // 6))
    papers.write_text("papers:\n" + entries, encoding="utf-8")
    assert main(["check"]) == 1
    assert (
        "values: papers.yaml cannot be split, so shorten it: take out comments"
    ) in capsys.readouterr().err


@pytest.mark.parametrize("disagreements", [False, True])
def test_triage_scores_each_paper_once(
    curated_content: Path,
    capsys: pytest.CaptureFixture[str],
    scorings: list[tuple[str, str]],
    disagreements: bool,
) -> None:
    # Sorting with the decisions, sorting again for triage and listing the scores each asked the
    # rules anew: at 50,000 papers, three times the half minute of scoring them.
    assert main(["triage", *(["--disagreements"] if disagreements else [])]) == 0
    assert capsys.readouterr().out
    calls = list(scorings)
    catalogue = read_catalogue(curated_content)
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    # Every paper papers.yaml does not hide, for every theme: once each.
    hidden = {paper_id for paper_id, d in files.decisions.items() if d.hidden is not None}
    shown = [paper.title for paper in catalogue.papers if paper.id not in hidden]
    assert sorted(calls) == sorted((r.theme, title) for r in files.rules for title in shown)


def test_a_paper_whose_entry_only_adds_or_removes_themes_still_waits(
    curated_content: Path,
) -> None:
    # 'add' and 'remove' adjust the rules' choice without setting it, yet such papers were dropped
    # from triage as decided, and --disagreements called the rules' part of their themes pinned.
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text(encoding="utf-8").replace(PINNED, REMOVED)
        + "  four-bit-quantization-of-large-language-models:\n    add: [arithmetic-reasoning]\n"
        + "  selective-state-space-models-for-long-context:\n    remove: [sequence-models]\n",
        encoding="utf-8",
    )
    places = _places(curated_content)
    text = report(curated_content)
    assert text.startswith(
        "5 papers not yet decided in content/curation/papers.yaml: 2 in no theme, "
        "3 placed by the rules\n"
    )
    # Each part of where the paper is, labelled by where it comes from.
    for listed in (
        "  selective-state-space-models-for-long-context (content/curation/papers.yaml:19)\n"
        "    Selective State Space Models for Long Context\n"
        "    rules: sequence-models (state-space); remove: sequence-models; "
        "scores: sequence-models 3 of 2\n",
        "  four-bit-quantization-of-large-language-models (content/curation/papers.yaml:17)\n"
        "    Four-Bit Quantization of Large Language Models\n"
        "    rules: efficiency (quantization); add: arithmetic-reasoning (arithmetic); "
        "scores: efficiency 4 of 3\n",
        "  quantized-state-space-models (content/curation/papers.yaml:11)\n"
        "    Quantized State Space Models\n"
        "    rules: efficiency (quantization), sequence-models (state-space); "
        "remove: sequence-models; scores: sequence-models 4 of 2, efficiency 4 of 3\n",
    ):
        assert listed in text
    assert "\n1 pinned paper the rules would sort differently (" in text
    # 'themes' beside 'add' or 'remove' is an error: the snippet says its line replaces them, and
    # suggests no theme the entry removes the paper from.
    add = text.split("at the lines given:\n\n")[1]
    assert add == (
        "  quantized-state-space-models:  # line 11, replacing its 'remove'\n"
        "    themes: {efficiency: quantization}  # sequence-models 4 of 2, efficiency 4 of 3\n"
        "  four-bit-quantization-of-large-language-models:  # line 17, replacing its 'add'\n"
        "    themes: {efficiency: quantization, arithmetic-reasoning: arithmetic}"
        "  # efficiency 4 of 3\n"
        "  selective-state-space-models-for-long-context:  # line 19, replacing its 'remove'\n"
        "    themes: []  # sequence-models 3 of 2\n"
    )
    # Written in as it says, the lines decide the papers, each where it was.
    lines = papers.read_text(encoding="utf-8").splitlines(keepends=True)
    for head, pin in zip(add.splitlines()[::2], add.splitlines()[1::2], strict=True):
        number = int(head.split("# line ")[1].split(",")[0])
        adjusts = next(
            n for n in range(number, len(lines)) if lines[n].startswith(("    add:", "    remove:"))
        )
        lines[adjusts] = pin + "\n"
    papers.write_text("".join(lines), encoding="utf-8")
    assert report(curated_content).startswith("2 papers not yet decided")
    assert _places(curated_content) == places


@pytest.mark.parametrize(
    ("entry", "expected", "note"),
    [
        (
            "  four-bit-quantization-of-large-language-models: {add: [arithmetic-reasoning], "
            'tags: [int4], note: "Read: it\'s #1"}\n',
            "  four-bit-quantization-of-large-language-models: {themes: {efficiency: quantization, "
            "arithmetic-reasoning: arithmetic}, tags: [int4], note: 'Read: it''s #1'}  # line 17, "
            "replacing the entry; efficiency 4 of 3\n",
            "Read: it's #1",
        ),
        # It said "line 17, replacing the entry": put over line 17 only, the entry's other lines
        # were left behind, a YAML syntax error.
        (
            "  four-bit-quantization-of-large-language-models: {add: [arithmetic-reasoning],\n"
            "      tags: [int4], note: 'Read\n"
            "      first'}\n",
            "  four-bit-quantization-of-large-language-models: {themes: {efficiency: quantization, "
            "arithmetic-reasoning: arithmetic}, tags: [int4], note: Read first}  # lines 17–19, "
            "replacing the entry; efficiency 4 of 3\n",
            "Read first",
        ),
        # Its first key on the line below its '{', it was taken for a block entry: "line 17,
        # replacing its 'add'" and a 'themes:' line, which put over line 17 left the '{' out.
        (
            "  four-bit-quantization-of-large-language-models: {\n"
            "      add: [arithmetic-reasoning], tags: [int4], note: Read first}\n",
            "  four-bit-quantization-of-large-language-models: {themes: {efficiency: quantization, "
            "arithmetic-reasoning: arithmetic}, tags: [int4], note: Read first}  # lines 17–18, "
            "replacing the entry; efficiency 4 of 3\n",
            "Read first",
        ),
    ],
    ids=["one line", "over lines", "first key below the brace"],
)
def test_an_entry_in_flow_style_is_given_whole_in_flow_style(
    curated_content: Path, entry: str, expected: str, note: str
) -> None:
    # Its line was "# line 17, replacing its 'add'" and a block 'themes:' line, which cannot go
    # inside braces; put in place of the whole line, it dropped the entry's tags.
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text(encoding="utf-8") + entry, encoding="utf-8")
    places = _places(curated_content)
    text = report(curated_content)
    written = text.split("at the lines given:\n\n")[1]
    assert written == expected
    # Put in the entry's place, the line decides the paper where it was, its tags and note kept.
    papers.write_text(papers.read_text(encoding="utf-8").replace(entry, written), encoding="utf-8")
    assert "four-bit-quantization-of-large-language-models" not in report(curated_content)
    assert _places(curated_content) == places
    catalogue = read_catalogue(curated_content)
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    decision = files.decisions["four-bit-quantization-of-large-language-models"]
    assert (decision.tags, decision.note) == (("int4",), note)


@pytest.mark.parametrize(
    "entry",
    [
        # Written out from its values, it was '{themes: {…}, tags: [moe]}': in its place, the
        # other entry's '*t' named no anchor.
        "  four-bit-quantization-of-large-language-models: "
        "{add: [arithmetic-reasoning], tags: &t [moe]}\n"
        "  kernels-that-speed-up-training:\n"
        "    themes: []\n"
        "    tags: *t\n",
        # Written out, its comment was lost.
        "  four-bit-quantization-of-large-language-models: {add: [arithmetic-reasoning],"
        "  # for the kernels\n"
        "      tags: [moe]}\n",
        # Its first key below its '{', it was taken for a block entry, and its 'themes' line
        # given to write below the id, outside the braces.
        "  four-bit-quantization-of-large-language-models: {\n"
        "      add: [arithmetic-reasoning], tags: &t [moe]}\n"
        "  kernels-that-speed-up-training:\n"
        "    themes: []\n"
        "    tags: *t\n",
    ],
    ids=["anchor", "comment", "first key below the brace"],
)
def test_an_entry_in_flow_style_with_an_anchor_or_a_comment_is_kept_as_written(
    curated_content: Path, entry: str
) -> None:
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text(encoding="utf-8") + entry, encoding="utf-8")
    places = _places(curated_content)
    written = report(curated_content).split("at the lines given:\n\n")[1]
    pin = "themes: {efficiency: quantization, arithmetic-reasoning: arithmetic}"
    assert written == (
        "  four-bit-quantization-of-large-language-models:  # line 17, in its braces, replacing "
        "its 'add' (kept as written: it holds an anchor, an alias or a comment)\n"
        f"    {pin}  # efficiency 4 of 3\n"
    )
    # Written in its braces as it says, the line decides the paper where it was, the rest kept.
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text.replace("add: [arithmetic-reasoning]", pin), encoding="utf-8")
    assert "four-bit-quantization-of-large-language-models" not in report(curated_content)
    assert _places(curated_content) == places
    catalogue = read_catalogue(curated_content)
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    assert files.decisions["four-bit-quantization-of-large-language-models"].tags == ("moe",)


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        # Its entry decides nothing (check warns so), and has no key to put 'themes' beside.
        (
            "  four-bit-quantization-of-large-language-models: {}\n",
            "  four-bit-quantization-of-large-language-models: {themes: {efficiency: "
            "quantization}}  # line 17, replacing the entry; efficiency 4 of 3\n",
        ),
        # Its keys are the other entry's: the pin stands for it alone, the tags written out.
        (
            "  kernels-that-speed-up-training: &shared\n"
            "    tags: [moe]\n"
            "  four-bit-quantization-of-large-language-models: *shared\n",
            "  four-bit-quantization-of-large-language-models: {themes: {efficiency: "
            "quantization}, tags: [moe]}  # line 19, replacing the entry (an alias of line 17's "
            "map, written out as its own); efficiency 4 of 3\n",
        ),
    ],
    ids=["empty", "alias"],
)
def test_an_entry_written_empty_or_as_an_alias_is_given_whole(
    curated_content: Path, entries: str, expected: str
) -> None:
    # Its snippet was "# line 17" and '    themes: []' to go under the id line: put there, check
    # said "YAML syntax error: this line starts in column 5 and the key on line 17 in column 3".
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text(encoding="utf-8") + entries, encoding="utf-8")
    places = _places(curated_content)
    catalogue = read_catalogue(curated_content)
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    written = format_triage(triage(files, catalogue)).split("at the lines given:\n\n")[1]
    line = next(line for line in written.splitlines(keepends=True) if "four-bit" in line)
    assert line == expected
    # Put in the entry's place, the line decides the paper where it was, its tags kept.
    entry = next(line for line in entries.splitlines(keepends=True) if "four-bit" in line)
    papers.write_text(papers.read_text(encoding="utf-8").replace(entry, line), encoding="utf-8")
    assert "four-bit-quantization-of-large-language-models" not in report(curated_content)
    assert _places(curated_content) == places
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    tags = ("moe",) if "*shared" in entries else ()
    assert files.decisions["four-bit-quantization-of-large-language-models"].tags == tags


def test_the_disagreements_leave_out_a_paper_whose_entry_only_adds_a_theme(
    curated_content: Path,
) -> None:
    # Listed as "pinned: sequence-models (transformers), arithmetic-reasoning (arithmetic)", the
    # rules' choice called a pin; it is not decided, and the listing labels each part.
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text(encoding="utf-8").replace(
            "    themes: {arithmetic-reasoning: arithmetic, sequence-models: transformers}\n",
            "    add: [arithmetic-reasoning]\n",
        ),
        encoding="utf-8",
    )
    catalogue = read_catalogue(curated_content)
    files = read_curation(curated_content, catalogue, Problems())
    assert files is not None
    report = triage(files, catalogue)
    assert "teaching-transformers-to-add" not in format_triage(report, disagreements=True)
    assert (
        "    rules: sequence-models (transformers); add: arithmetic-reasoning (arithmetic); "
        "scores: sequence-models 3 of 2\n"
    ) in format_triage(report)


def _places(content: Path) -> dict[str, set[tuple[str, str]]]:
    """Every paper's themes and sections, as the site shows them."""
    return {
        item.paper.id: {(p.theme, p.section) for p in item.placements}
        for item in load_content(content).curation.papers
    }
