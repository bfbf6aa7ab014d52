from __future__ import annotations

import csv
import io
import json
import re

from papersite.catalogue import load_catalogue
from papersite.curation import uncurated
from papersite.exports import EXPORT_FIELDS, FIELDS, ExportField, export_objects, to_csv, to_json

from .conftest import REPO, MakeContent


def test_json_export_has_the_documented_schema(make_content: MakeContent) -> None:
    content = make_content(
        "spaced_small.txt", sources_yaml="sources:\n  spaced_small.txt:\n    captured: 2025-11-20\n"
    )
    objects = json.loads(to_json(export_objects(uncurated(load_catalogue(content)))))
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
    }


def test_csv_export_round_trips_through_a_csv_reader(make_content: MakeContent) -> None:
    objects = export_objects(uncurated(load_catalogue(make_content("spaced_small.txt"))))
    rows = list(csv.DictReader(io.StringIO(to_csv(objects))))
    assert [row["id"] for row in rows] == [o["id"] for o in objects]
    gated = next(r for r in rows if r["id"] == "gated-attention-for-large-language-models")
    assert gated["links"] == (
        "https://github.com/qiuzh20/gated_attention | https://huggingface.co/QwQZh/gated_attention"
    )
    assert gated["organization"] == ""


def test_exports_are_deterministic(make_content: MakeContent) -> None:
    content = make_content("spaced_small.txt", "dense_small.txt")
    assert to_json(export_objects(uncurated(load_catalogue(content)))) == to_json(
        export_objects(uncurated(load_catalogue(content)))
    )


def test_csv_cells_cannot_run_as_spreadsheet_formulas(make_content: MakeContent) -> None:
    [gated] = [
        o
        for o in export_objects(uncurated(load_catalogue(make_content("spaced_small.txt"))))
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
    assert row["id"] == "gated-attention-for-large-language-models"


def test_readme_s_export_schema_table_is_the_one_the_about_page_shows() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Export schema\n")[1].split("\n## ")[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+?) \| (.+?) \|$", section, re.MULTILINE)
    assert [ExportField(*row) for row in rows] == list(EXPORT_FIELDS)
