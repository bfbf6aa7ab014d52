from __future__ import annotations

from pathlib import Path

from papersite.catalogue import load_catalogue
from papersite.curation import read_curation
from papersite.errors import Problems
from papersite.triage import format_triage, triage


def report(content: Path) -> str:
    catalogue = load_catalogue(content)
    problems = Problems()
    files = read_curation(content, catalogue, problems)
    assert files is not None
    assert list(problems) == []
    return format_triage(triage(files, catalogue))


def test_triage_lists_undecided_papers_and_disagreements_then_a_snippet(
    curated_content: Path,
) -> None:
    papers = curated_content / "curation" / "papers.yaml"
    # Unhide the survey so it needs a decision too.
    papers.write_text(
        papers.read_text()
        .replace("  a-survey-of-cooking-robots:\n", "")
        .replace("    hidden: Off topic for every theme.\n", "")
    )
    assert report(curated_content) == (
        "2 papers in no theme and not yet decided in content/curation/papers.yaml\n"
        "\n"
        "  a-survey-of-cooking-robots\n"
        "    A Survey of Cooking Robots\n"
        "    suggested: no rule matched\n"
        "\n"
        "  kernels-that-speed-up-training\n"
        "    Kernels That Speed Up Training\n"
        "    suggested: efficiency 1.5 of 3\n"
        "\n"
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
        "\n"
        "Paste under 'papers:' in content/curation/papers.yaml, then check each line:\n"
        "\n"
        "  a-survey-of-cooking-robots:\n"
        "    themes: []  # no rule matched\n"
        "  kernels-that-speed-up-training:\n"
        "    themes: {efficiency: quantization}  # efficiency 1.5 of 3\n"
    )


def test_an_excluded_theme_is_named_with_its_exclusion(curated_content: Path) -> None:
    (curated_content / "sources" / "dump.txt").write_text(
        "Quantization Survey\nA survey of quantized networks.\n", encoding="utf-8"
    )
    (curated_content / "curation" / "papers.yaml").write_text("papers:\n", encoding="utf-8")
    text = report(curated_content)
    assert "    suggested: efficiency 4 of 3 (excluded by 'survey')\n" in text
    assert (
        "  quantization-survey:\n    themes: []  # efficiency 4 of 3 (excluded by 'survey')\n"
        in (text)
    )


def test_the_triage_snippet_pastes_into_papers_yaml(curated_content: Path) -> None:
    text = report(curated_content)
    snippet = text.split("then check each line:\n\n", 1)[1]
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text() + snippet, encoding="utf-8")
    assert report(curated_content).startswith(
        "0 papers in no theme and not yet decided in content/curation/papers.yaml\n"
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
    assert [line for line in snippet.splitlines() if not line.startswith("    ")] == [
        "  '2024':",
        "  'null':",
        "  on-models:",
        "  'yes':",
    ]
    papers.write_text("papers:\n" + snippet, encoding="utf-8")
    assert report(curated_content).startswith("0 papers in no theme and not yet decided")
