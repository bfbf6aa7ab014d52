from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from papersite.catalogue import read_catalogue
from papersite.content import sort_catalogue
from papersite.curation import CuratedPaper, Curation, Placement, Section, Theme, uncurated
from papersite.errors import Problems
from papersite.exports import (
    EXPORT_FIELDS,
    FIELDS,
    FORMULA_STARTS,
    SCHEMA_ID,
    SECTION_FIELDS,
    THEME_FIELDS,
    THEMES_SCHEMA_ID,
    export_objects,
    export_schema,
    schema_json,
    theme_objects,
    themes_schema,
    themes_schema_json,
    to_csv,
    to_json,
    write_export,
)

from .conftest import HASH_SEEDS, REPO, MakeContent, run_hash_seeded
from .sites import loaded


def test_json_export_has_the_documented_schema(make_content: MakeContent) -> None:
    content = make_content(
        "spaced_small.txt", sources_yaml="sources:\n  spaced_small.txt:\n    captured: 2025-11-20\n"
    )
    objects = json.loads(to_json(export_objects(uncurated(read_catalogue(content)))))
    gated = next(o for o in objects if o["id"] == "gated-attention-for-large-language-models")
    assert list(gated) == list(FIELDS)
    assert gated == {
        "id": "gated-attention-for-large-language-models",
        "title": "Gated Attention for Large Language Models",
        "abstract": gated["abstract"],
        "authors": 13,
        "organization": None,
        "published": "2025-05-10",
        "upvotes": 4,
        "upvotes_as_of": "2025-11-20",
        "themes": [],
        "links": [
            "https://github.com/qiuzh20/gated_attention",
            "https://huggingface.co/QwQZh/gated_attention",
        ],
        "sources": ["spaced_small.txt"],
        "url": "papers/gated-attention-for-large-language-models/",
        "sections": {},
        "featured": [],
        "note": None,
        "tags": [],
        "arxiv": None,
        "curator_links": {},
    }


def test_csv_export_round_trips_through_a_csv_reader(make_content: MakeContent) -> None:
    objects = export_objects(uncurated(read_catalogue(make_content("spaced_small.txt"))))
    rows = list(csv.DictReader(io.StringIO(to_csv(objects))))
    assert [row["id"] for row in rows] == [o["id"] for o in objects]
    gated = next(r for r in rows if r["id"] == "gated-attention-for-large-language-models")
    assert gated["links"] == (
        "https://github.com/qiuzh20/gated_attention | https://huggingface.co/QwQZh/gated_attention"
    )
    assert gated["organization"] == ""


def test_an_export_written_to_a_file_is_the_same_bytes_on_windows(
    make_content: MakeContent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows' text mode ends each written "\n" in "\r\n": `-o papers.csv` differed from the
    # site's papers.csv and from stdout's export, a note's newline inside a cell included. Text
    # written through Path.write_text is made to do as Windows would.
    def as_on_windows(path: Path, data: str, encoding: str | None = None, **_: object) -> int:
        with path.open("w", encoding=encoding, newline="\r\n") as file:
            return file.write(data)

    monkeypatch.setattr(Path, "write_text", as_on_windows)
    objects = export_objects(uncurated(read_catalogue(make_content("spaced_small.txt"))))
    text = to_csv([{**objects[0], "note": "two\nlines"}, *objects[1:]])
    write_export(text, tmp_path / "papers.csv")
    assert (tmp_path / "papers.csv").read_bytes() == text.encode("utf-8")
    assert b"\r" not in (tmp_path / "papers.csv").read_bytes()


def test_a_curator_s_links_are_exported_by_label_in_papers_yaml_s_order(
    curated_content: Path,
) -> None:
    papers = curated_content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text(encoding="utf-8").replace(
            "links: {code: 'https://github.com/example/add'}",
            "links: {project: 'https://example.org/add', code: 'https://github.com/example/add'}",
        ),
        encoding="utf-8",
    )
    problems = Problems()
    curation = sort_catalogue(curated_content, read_catalogue(curated_content), problems)
    assert not list(problems)
    objects = export_objects(curation)
    [add] = [o for o in objects if o["id"] == "teaching-transformers-to-add"]
    assert add["curator_links"] == {
        "project": "https://example.org/add",
        "code": "https://github.com/example/add",
    }
    assert list(add["curator_links"]) == ["project", "code"]
    assert all(o["curator_links"] == {} for o in objects if o is not add)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(to_csv(objects)))}
    assert rows["teaching-transformers-to-add"]["curator_links"] == (
        "project: https://example.org/add | code: https://github.com/example/add"
    )
    assert list(rows["teaching-transformers-to-add"])[-1] == "curator_links"


def test_a_paper_featured_in_several_themes_lists_them_in_the_themes_order(
    make_content: MakeContent,
) -> None:
    # The order the paper's themes are in, which neither sorting the ids nor reversing them gives.
    first = read_catalogue(make_content("spaced_small.txt")).papers[0]
    themes = ("sequence-models", "arithmetic-reasoning", "pruning", "efficiency")
    item = CuratedPaper(
        first,
        tuple(Placement(theme, "main", pinned=True) for theme in themes),
        featured=frozenset(themes) - {"pruning"},
    )
    [exported] = [o for o in export_objects(Curation((), (item,))) if o["id"] == first.id]
    assert exported["featured"] == ["sequence-models", "arithmetic-reasoning", "efficiency"]


def csv_items(cell: str) -> list[str]:
    """A list cell's items, read as README says: split at ' | ', then each '\\|' read as '|'."""
    return [item.replace("\\|", "|") for item in cell.split(" | ")] if cell else []


def test_a_list_cell_splits_into_its_items_whatever_they_hold(make_content: MakeContent) -> None:
    [gated] = [
        o
        for o in export_objects(uncurated(read_catalogue(make_content("spaced_small.txt"))))
        if o["id"] == "gated-attention-for-large-language-models"
    ]
    # papersite check takes each: a tag needs a letter, a dump a .txt name, a label to show.
    tags = ["x | y", "a|b", "back\\|slash", "plain"]
    sources = ["a | b.txt", "c.txt"]
    links = {"code | py: main": "https://example.org/a|b", "data": "https://example.org/d"}
    row = next(
        csv.DictReader(
            io.StringIO(
                to_csv([{**gated, "tags": tags, "sources": sources, "curator_links": links}])
            )
        )
    )
    assert row["tags"] == r"x \| y | a\|b | back\\|slash | plain"
    assert row["sources"] == r"a \| b.txt | c.txt"
    assert row["curator_links"] == (
        r"code \| py: main: https://example.org/a\|b | data: https://example.org/d"
    )
    assert (csv_items(row["tags"]), csv_items(row["sources"])) == (tags, sources)
    # A map's value holds no ': ' (section ids, addresses): its item splits at the last one.
    assert dict(i.rsplit(": ", 1) for i in csv_items(row["curator_links"])) == links


# Half of an item's pieces meet at the separator, so items holding ' | ' come up in every run.
# No carriage return: to_csv writes one as a newline on purpose (a lone CR is a row break to many
# readers), so an item holding one reads back with a newline in its place.
ITEM = st.lists(
    st.sampled_from([" | ", " ", "|", "\\", "\\|"]) | st.characters(exclude_characters="\r"),
    min_size=1,
).map("".join)


@given(st.lists(ITEM, min_size=1))
def test_any_list_of_tags_reads_back_from_its_cell(tags: list[str]) -> None:
    text = to_csv([{**dict.fromkeys(FIELDS), "tags": tags}])
    cell = next(csv.DictReader(io.StringIO(text)))["tags"]
    # A cell's leading "'" is always an added one (see the About page): a reader strips it.
    assert csv_items(cell.removeprefix("'")) == tags
    assert cell.startswith("'") == tags[0].startswith((*FORMULA_STARTS, "'"))


# The fixture site's exports, in the order `papersite export` writes them: JSON, CSV, themes.
EXPORTS = """
import sys
from pathlib import Path

from papersite.exports import export_objects, themes_json, to_csv, to_json
from tests.sites import loaded

curation = loaded(Path(sys.argv[1])).curation
print(to_json(export_objects(curation)), to_csv(export_objects(curation)), themes_json(curation))
"""


def test_exports_are_the_same_bytes_in_processes_hashing_apart(tmp_path: Path) -> None:
    outputs = [run_hash_seeded(seed, EXPORTS, str(tmp_path / seed)) for seed in HASH_SEEDS]
    assert "efficiency" in outputs[0]
    assert outputs[0] == outputs[1]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(make_content: MakeContent) -> None:
    [gated] = [
        o
        for o in export_objects(uncurated(read_catalogue(make_content("spaced_small.txt"))))
        if o["id"] == "gated-attention-for-large-language-models"
    ]
    hostile = {
        **gated,
        "title": '=HYPERLINK("https://evil.example","click")',
        "abstract": "-2+3 is not a formula",
        "organization": "\tcmd|' /C calc'!A0",
        "note": "+1 and\r=2 and\r\n@3",
        "tags": ["@SUM(A1:A9)", "=x"],
        "arxiv": "plain",
        # A leading "'" of the text itself: marked too, so that no reader strips it as the mark.
        "published": "'=quoted",
    }
    text = to_csv([hostile])
    assert "\r" not in text  # a bare CR would start a new row in many readers
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["title"] == '\'=HYPERLINK("https://evil.example","click")'
    assert row["abstract"] == "'-2+3 is not a formula"
    assert row["organization"] == "'\tcmd|' /C calc'!A0"
    assert row["note"] == "'+1 and\n=2 and\n@3"
    assert row["tags"] == "'@SUM(A1:A9) | =x"
    assert row["arxiv"] == "plain"
    assert row["published"] == "''=quoted"
    assert row["id"] == "gated-attention-for-large-language-models"


def readme_tables() -> list[list[tuple[str, str, str]]]:
    """The rows of README's "Export schema" tables: papers.json's, a theme's, a section's."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Export schema\n")[1].split("\n## ")[0]
    papers, themes = section.split("\n### themes.json\n")
    theme, section_keys = themes.split("\nA section:\n")
    return [
        re.findall(r"^\| `(\w+)` \| ([^|]+?) \| (.+?) \|$", table, re.MULTILINE)
        for table in (papers, theme, section_keys)
    ]


def test_readme_s_export_schema_table_is_the_one_the_about_page_shows() -> None:
    # And so README's numbers are the code's: the id's "at most 80 characters" is the constant's.
    assert readme_tables()[0] == [(f.name, f.type, f.meaning) for f in EXPORT_FIELDS]


def test_readme_s_themes_json_tables_are_the_schema_s_fields() -> None:
    assert readme_tables()[1:] == [
        [(f.name, f.type, f.meaning) for f in fields] for fields in (THEME_FIELDS, SECTION_FIELDS)
    ]


# --- the JSON Schema ------------------------------------------------------------------------------


def _is_iri(value: object) -> bool:
    parts = urlsplit(str(value))
    return bool(parts.scheme and parts.netloc) and not re.search(r"\s", str(value))


def schema_validator() -> Draft202012Validator:
    """A validator of the export schema that checks formats as well as types."""
    checker = FormatChecker()
    # jsonschema checks "iri" only with an optional package papersite has no other use for: a
    # link must at least have a scheme and a host, and no white space.
    checker.checks("iri")(_is_iri)
    return Draft202012Validator(export_schema(), format_checker=checker)


def test_the_schema_is_draft_2020_12_with_exactly_the_export_fields_in_order() -> None:
    schema = export_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert (schema["$id"], schema["title"]) == (SCHEMA_ID, "papersite papers.json")
    assert schema["type"] == "array"  # papers.json is a bare array, as to_json writes it
    paper = schema["$defs"]["paper"]
    assert list(paper["properties"]) == [f.name for f in EXPORT_FIELDS]
    assert paper["required"] == list(FIELDS)
    assert paper["additionalProperties"] is False
    for field in EXPORT_FIELDS:
        assert paper["properties"][field.name]["description"] == field.meaning
        nullable = "null" in paper["properties"][field.name]["type"]
        assert nullable == field.type.endswith(" or null"), field.name
    assert json.loads(schema_json()) == schema


def test_the_schema_cannot_be_edited_through_what_export_schema_returns() -> None:
    export_schema()["$defs"]["paper"]["properties"]["links"]["items"]["format"] = "date"
    assert export_schema()["$defs"]["paper"]["properties"]["links"]["items"]["format"] == "iri"


def test_the_test_content_s_export_validates_with_every_field_filled_somewhere(
    tmp_path: Path,
) -> None:
    papers = json.loads(to_json(export_objects(loaded(tmp_path).curation)))
    schema_validator().validate(papers)
    # Else a field could be given the wrong type and still pass, being null or empty everywhere.
    assert {name for name in FIELDS if any(p[name] not in (None, [], {}) for p in papers)} == set(
        FIELDS
    )


def test_the_shipped_content_s_export_validates() -> None:
    content = REPO / "content"
    catalogue = read_catalogue(content)
    problems = Problems()
    papers = json.loads(to_json(export_objects(sort_catalogue(content, catalogue, problems))))
    assert not list(problems)
    assert papers
    schema_validator().validate(papers)


@pytest.mark.parametrize(
    ("change", "keyword"),
    [
        ({"authors": "13"}, "type"),
        ({"title": None}, "type"),
        ({"sections": {"efficiency": 1}}, "type"),
        ({"note": ...}, "required"),
        ({"doi": "10.1000/182"}, "additionalProperties"),
        ({"published": "May 10, 2025"}, "format"),
        ({"links": ["github.com/qiuzh20/gated_attention"]}, "format"),
        ({"id": "Gated Attention"}, "pattern"),
    ],
)
def test_a_broken_paper_fails_validation(
    make_content: MakeContent, change: dict[str, Any], keyword: str
) -> None:
    objects = export_objects(uncurated(read_catalogue(make_content("spaced_small.txt"))))
    assert broken_first(schema_validator(), objects, change) == [keyword]


def broken_first(
    validator: Draft202012Validator, objects: list[dict[str, Any]], change: dict[str, Any]
) -> list[str]:
    """What fails when the valid ``objects``' first takes ``change`` (a key set to ... removed)."""
    validator.validate(objects)
    changed = {**objects[0], **change}
    for name in [name for name, value in change.items() if value is ...]:
        del changed[name]
    return [str(error.validator) for error in validator.iter_errors([*objects[1:], changed])]


# --- themes.json ----------------------------------------------------------------------------------


def themes_validator() -> Draft202012Validator:
    """A validator of themes.json's schema that checks formats as well as types."""
    return Draft202012Validator(themes_schema(), format_checker=FormatChecker())


def test_the_themes_schema_is_draft_2020_12_with_exactly_the_fields_in_order() -> None:
    schema = themes_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert (schema["$id"], schema["title"]) == (THEMES_SCHEMA_ID, "papersite themes.json")
    assert schema["type"] == "array"
    for name, fields in (("theme", THEME_FIELDS), ("section", SECTION_FIELDS)):
        definition = schema["$defs"][name]
        assert list(definition["properties"]) == [f.name for f in fields]
        assert definition["required"] == [f.name for f in fields]
        assert definition["additionalProperties"] is False
        for field in fields:
            assert definition["properties"][field.name]["description"] == field.meaning
    assert json.loads(themes_schema_json()) == schema
    assert themes_schema_json().endswith("}\n")


def test_the_test_content_s_themes_json_is_its_themes_as_their_pages_group_them(
    curated_content: Path,
) -> None:
    problems = Problems()
    curation = sort_catalogue(curated_content, read_catalogue(curated_content), problems)
    assert not list(problems)
    text = to_json(theme_objects(curation))
    themes = json.loads(text)
    themes_validator().validate(themes)
    assert text == json.dumps(themes, ensure_ascii=False, indent=2) + "\n"
    assert [t["id"] for t in themes] == [t.id for t in curation.themes]
    assert themes[2] == {
        "id": "arithmetic-reasoning",
        "title": "Arithmetic Reasoning",
        "intro": "Numbers.",
        "url": "themes/arithmetic-reasoning/",
        "feed": "feeds/arithmetic-reasoning.xml",
        "bibtex": "bibtex/arithmetic-reasoning.bib",
        "formerly": [],
        "featured": ["teaching-transformers-to-add"],
        "sections": [
            {
                "id": "arithmetic",
                "title": "Arithmetic",
                "intro": None,
                "papers": ["teaching-transformers-to-add"],
            }
        ],
    }
    # The rules placed both; papers.yaml features one (`featured: true`), in its one theme.
    [efficiency] = [t for t in themes if t["id"] == "efficiency"]
    assert efficiency["featured"] == ["quantized-state-space-models"]
    assert [(s["id"], s["papers"]) for s in efficiency["sections"]] == [
        (
            "quantization",
            ["four-bit-quantization-of-large-language-models", "quantized-state-space-models"],
        ),
        ("fast-decoding", ["speculative-decoding-with-small-drafts"]),
    ]
    # A hidden paper is in no theme's sections, nor anywhere else in the file.
    [hidden] = curation.hidden
    assert hidden.paper.id == "a-survey-of-cooking-robots"
    assert hidden.paper.id not in text
    # Each paper of papers.json is where its `themes` and `sections` say, and nowhere else.
    placed = {
        (theme["id"], section["id"], paper_id)
        for theme in themes
        for section in theme["sections"]
        for paper_id in section["papers"]
    }
    assert placed == {
        (theme_id, section_id, paper["id"])
        for paper in export_objects(curation)
        for theme_id, section_id in paper["sections"].items()
    }


def test_the_shipped_content_s_themes_json_validates() -> None:
    content = REPO / "content"
    problems = Problems()
    curation = sort_catalogue(content, read_catalogue(content), problems)
    assert not list(problems)
    themes = json.loads(to_json(theme_objects(curation)))
    themes_validator().validate(themes)
    assert [t["id"] for t in themes] == [t.id for t in curation.themes]
    for theme in themes:
        ids = [paper_id for section in theme["sections"] for paper_id in section["papers"]]
        assert sorted(ids) == sorted(i.paper.id for i in curation.in_theme(theme["id"]))
        assert set(theme["featured"]) <= set(ids)
    # No featured paper is valid content (a fork's first themes): tests/test_content.py asks the
    # shipped themes for picks, without which a featured list of the wrong type passed, empty.


def test_themes_without_sections_or_papers_and_a_section_the_theme_lacks(
    make_content: MakeContent,
) -> None:
    catalogue = read_catalogue(make_content("spaced_small.txt"))
    first, second, *rest = catalogue.papers
    themes = (
        # No sections at all, as no themes.yaml allows, and no papers: nothing to list.
        Theme("bare", "Bare", "  ", ()),
        # Sections, but no paper in them: each section is on its page, empty.
        Theme("empty", "Empty", "Soon.", (Section("later", "Later", "Wait."),)),
        # A paper placed in a section the theme no longer has: the page lists it last.
        Theme("kept", "Kept", "", (Section("now", "Now"),), formerly=("old-kept",)),
    )
    papers = (
        CuratedPaper(
            first, (Placement("kept", "gone", pinned=True),), featured=frozenset({"kept"})
        ),
        CuratedPaper(second, (Placement("kept", "now", pinned=True),)),
        *(CuratedPaper(paper) for paper in rest),
    )
    objects = theme_objects(Curation(themes, papers))
    themes_validator().validate(objects)
    bare, empty, kept = objects
    assert (bare["intro"], bare["featured"], bare["sections"]) == (None, [], [])
    assert empty["sections"] == [{"id": "later", "title": "Later", "intro": "Wait.", "papers": []}]
    assert (kept["formerly"], kept["featured"]) == (["old-kept"], [first.id])
    assert kept["sections"] == [
        {"id": "now", "title": "Now", "intro": None, "papers": [second.id]},
        {"id": "other", "title": "Other papers", "intro": None, "papers": [first.id]},
    ]


@pytest.mark.parametrize(
    ("change", "keyword"),
    [
        ({"featured": "a-paper"}, "type"),
        ({"formerly": ...}, "required"),
        ({"count": 3}, "additionalProperties"),
        ({"id": "Efficiency"}, "pattern"),
        ({"sections": [{"id": "s", "title": "S", "intro": None}]}, "required"),
    ],
)
def test_a_broken_theme_fails_validation(
    tmp_path: Path, change: dict[str, Any], keyword: str
) -> None:
    objects = theme_objects(loaded(tmp_path).curation)
    assert broken_first(themes_validator(), objects, change) == [keyword]
