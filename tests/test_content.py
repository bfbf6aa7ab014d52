"""The shipped reading list's own tests: its counts, theme ids, papers and settings.

Every other test file holds for any content/ and any names in mkdocs.yml. The tests here pin what
upstream ships: how many papers its dumps give, how its curators sorted them, how close the rules
come to them, particular seed papers read field by field, and the examples README.md and
CONTRIBUTING.md give with its ids. A fork that ships its own content (other dumps, themes.yaml and
papers.yaml) and its own site name rewrites this file for them, or deletes it (README, "Forking").
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from benchmarks.bench_rules import agreement, sorting
from jsonschema import Draft202012Validator

from papersite.catalogue import Catalogue, read_catalogue
from papersite.cli import main
from papersite.content import load_content, read_content, sort_catalogue
from papersite.curation import Curation
from papersite.errors import Problems
from papersite.exports import theme_objects, to_json
from papersite.mkdocs_glue import site_settings
from papersite.render import format_date, search_example
from papersite.schema import SCHEMA_DIR
from papersite.yamlfile import load_yaml_text

from .conftest import REPO
from .test_contributing import CURATION_EXAMPLES, applied, placed

SHIPPED = REPO / "content"

# --- mkdocs.yml ----------------------------------------------------------------------------------


def test_the_shipped_mkdocs_yml_names_papersite_and_its_own_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Outside the deploy (which sets both variables), upstream's address and no repository link.
    monkeypatch.delenv("PAPERSITE_SITE_URL", raising=False)
    monkeypatch.delenv("PAPERSITE_REPO_URL", raising=False)
    settings = site_settings(REPO / "mkdocs.yml", 0)
    assert settings.site_name == "papersite"
    assert (settings.site_url, settings.repo_url) == (
        "https://papersite.github.io/papersite/",
        None,
    )


# --- the dumps -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return read_catalogue(SHIPPED)


def test_shipped_seeds_give_476_papers_from_508_records(shipped: Catalogue) -> None:
    assert len(shipped) == 476
    assert sum(s.read for s in shipped.sources) == 508
    assert sum(s.merged for s in shipped.sources) == 32
    assert shipped.problems == ()


def test_check_reads_the_five_shipped_dumps_into_476_papers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--content", str(SHIPPED)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "476 papers; 0 errors, 0 warnings"
    assert sum("records read" in line for line in out) == 5


def test_the_shipped_site_has_a_page_for_each_of_the_476_papers(shipped_site: Path) -> None:
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    assert len(papers) == 476


def test_a_spaced_paper_field_by_field(shipped: Catalogue) -> None:
    paper = shipped.get(
        "gated-attention-for-large-language-models-non-linearity-sparsity-and-attention"
    )
    assert paper is not None
    assert paper.title == (
        "Gated Attention for Large Language Models: "
        "Non-linearity, Sparsity, and Attention-Sink-Free"
    )
    assert paper.abstract.startswith("Gating mechanisms have been widely utilized")
    assert (paper.authors, paper.organization) == (13, None)
    assert paper.published == date(2025, 5, 10)
    assert paper.links == (
        "https://github.com/qiuzh20/gated_attention",
        "https://huggingface.co/QwQZh/gated_attention",
    )
    assert paper.sources == ("001_2cf56e38467cd970.txt",)


def test_an_organisation_paper_with_upvotes(shipped: Catalogue) -> None:
    paper = shipped.get(
        "pretraining-with-hierarchical-memories-separating-long-tail-and-common-knowledge"
    )
    assert paper is not None
    assert (paper.organization, paper.authors) == ("Apple", None)
    assert (paper.published, paper.upvotes, paper.upvotes_as_of) == (
        date(2025, 9, 29),
        2,
        date(2025, 11, 12),
    )


def test_a_dense_paper_field_by_field(shipped: Catalogue) -> None:
    paper = shipped.get("fine-tune-language-models-to-approximate-unbiased-in-context-learning")
    assert paper is not None
    assert paper.title == "Fine-tune Language Models to Approximate Unbiased In-context Learning"
    assert paper.abstract.startswith("In-context learning (ICL) is an astonishing emergent ability")
    assert paper.abstract.endswith("a classic fine-tuning method.")
    assert (paper.authors, paper.organization, paper.published, paper.upvotes) == (
        None,
        None,
        None,
        None,
    )
    assert paper.sources == ("004_ed85d18493c4dc68.txt",)


def test_a_paper_in_three_dumps_keeps_the_dated_mention_and_lists_every_source(
    shipped: Catalogue,
) -> None:
    paper = shipped.get(
        "pararnn-unlocking-parallel-training-of-nonlinear-rnns-for-large-language-models"
    )
    assert paper is not None
    assert len(paper.sources) == 3
    assert paper.published is not None


def test_each_shipped_dump_s_label_writes_its_capture_day_as_the_pages_write_dates(
    shipped: Catalogue,
) -> None:
    # A paper's page said "4 upvotes as of 12 Nov 2025" above "captured 12 November 2025".
    dated = [summary.source for summary in shipped.sources if summary.source.captured]
    assert len(dated) == 4
    for source in dated:
        assert source.label.endswith(f"captured {format_date(source.captured)}"), source.name


def test_the_shipped_tex_titles_are_shown_as_text(shipped: Catalogue) -> None:
    paper = shipped.get(
        "texttt-simple-idealized-1d-nlse-pseudo-spectral-solver-for-the-1d-nonlinear"
    )
    assert paper is not None
    assert paper.title.startswith("simple-idealized-1d-nlse: Pseudo-Spectral Solver")
    assert not [p.title for p in shipped.papers if "$" in p.title or "\\" in p.title]


# --- the curation --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def curated(shipped: Catalogue) -> tuple[Curation, Curation]:
    curation = sort_catalogue(SHIPPED, shipped, Problems())
    rules_only = sort_catalogue(SHIPPED, shipped, Problems(), rules_only=True)
    return curation, rules_only


@pytest.mark.parametrize(
    "name", ["curation/themes.yaml", "curation/papers.yaml", "sources/sources.yaml"]
)
def test_the_shipped_files_point_editors_at_the_schema_papersite_checks_with(name: str) -> None:
    path = SHIPPED / name
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    schema_path = (path.parent / first.removeprefix(prefix)).resolve()
    assert schema_path == (SCHEMA_DIR / f"{path.stem}.schema.json").resolve()
    Draft202012Validator.check_schema(json.loads(schema_path.read_text(encoding="utf-8")))


def test_every_shipped_theme_has_three_to_five_featured_papers_with_notes(
    curated: tuple[Curation, Curation],
) -> None:
    # CONTRIBUTING.md's rule for curators, which a fork's first themes may not meet yet.
    curation = curated[0]
    assert [t.id for t in curation.themes] == [
        "efficiency",
        "sequence-models",
        "arithmetic-reasoning",
    ]
    for theme in curation.themes:
        featured = curation.featured(theme.id)
        assert 3 <= len(featured) <= 5, theme.id
        assert all(item.note for item in featured), theme.id


def test_the_shipped_themes_json_features_papers_in_every_theme(
    curated: tuple[Curation, Curation],
) -> None:
    # tests/test_exports.py validates themes.json for any content; a featured list of the wrong
    # type would pass there by being empty, as a fork's first themes' lists may be.
    themes = json.loads(to_json(theme_objects(curated[0])))
    assert all(theme["featured"] for theme in themes)


def test_the_shipped_curation_keeps_its_theme_counts(curated: tuple[Curation, Curation]) -> None:
    # Every seed paper is pinned, so a rule change cannot move one silently.
    curation = curated[0]
    counts = {theme.id: len(curation.in_theme(theme.id)) for theme in curation.themes}
    assert counts == {"efficiency": 86, "sequence-models": 100, "arithmetic-reasoning": 13}
    assert len(curation.unsorted()) == 303


@pytest.mark.parametrize(
    ("theme", "floor"),
    [("efficiency", 0.82), ("sequence-models", 0.81), ("arithmetic-reasoning", 0.92)],
)
def test_the_rules_alone_stay_close_to_the_curators(
    curated: tuple[Curation, Curation], theme: str, floor: float
) -> None:
    # The rules sort next week's papers; a change that makes them agree less with the curators'
    # decisions on the seed corpus fails here (figures in BENCHMARKS.md).
    curation, rules_only = curated
    assert agreement(theme, sorting(rules_only), sorting(curation)).f1 >= floor


def test_the_search_example_of_the_shipped_content_is_its_first_theme_title() -> None:
    curation = load_content(SHIPPED).curation
    # "Efficiency" is in the title or abstract of papers of that theme, so search finds them.
    assert search_example(curation) == "Efficiency"


# --- README.md's and CONTRIBUTING.md's examples --------------------------------------------------


@pytest.mark.parametrize("example", CURATION_EXAMPLES.values(), ids=CURATION_EXAMPLES.keys())
def test_every_curation_example_passes_a_strict_check_of_the_shipped_content(
    example: str, tmp_path: Path
) -> None:
    # Real paper, theme and section ids, so a curator who copies an example gets no error, and
    # picks featured within the 3-5 a theme may have.
    schema, text = placed(example)
    content = tmp_path / "content"
    shutil.copytree(SHIPPED, content)
    path = content / "curation" / f"{schema}.yaml"
    path.write_text(applied(schema, load_yaml_text(text, "example").data, path), encoding="utf-8")
    problems = read_content(content).problems
    if schema == "themes":
        # A theme example shows a few of its sections, and a rename leaves papers.yaml naming the
        # old id: what papers.yaml then says of the theme is for its own entries to fix.
        problems = tuple(p for p in problems if p.path == str(path))
    assert [str(problem) for problem in problems] == []


def test_contributing_s_check_sample_is_what_check_says_of_its_mistakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its four mistakes made in the shipped papers.yaml, at the lines it names: it named lines
    # 29 to 1986, where the shipped file holds other entries.
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    sample = guide.split("with a hint when there is one:\n\n```\n", 1)[1].split("```", 1)[0]
    content = tmp_path / "content"
    shutil.copytree(SHIPPED, content)
    papers = content / "curation" / "papers.yaml"
    lines = papers.read_text(encoding="utf-8").split("\n")
    mistakes = {
        "    featured: true": "    featued: true",
        "    order: 3": "    order: first",
        "    arxiv: '1506.00019'": "    arxiv: 1506.00019",
        "  a-global-context-mechanism-for-sequence-labeling:": "  a-global-context-mechanism:",
    }
    for told in sample.splitlines()[:-1]:
        number = int(told.split(":")[1])
        lines[number - 1] = mistakes.pop(lines[number - 1])
    assert mistakes == {}
    papers.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    # The problems on stderr, the totals last on stdout.
    said = [*captured.err.splitlines(), captured.out.splitlines()[-1]]
    assert said[-5:] == sample.splitlines()
