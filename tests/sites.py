"""Content and curation for site tests: the fixture dumps, sorted into themes by hand.

The curation loader is not needed: these records are what it would return, including hostile
notes, tags and titles that must come out as text.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from papersite.catalogue import Catalogue, read_catalogue
from papersite.content import Loaded
from papersite.curation import CuratedPaper, Curation, ExtraLink, Placement, Section, Theme
from papersite.render import SiteSettings

from .conftest import DATA, REPO

SETTINGS = SiteSettings(
    "papersite", "https://example.org/site/", datetime(2025, 11, 20, tzinfo=UTC)
)


def with_options(settings: SiteSettings = SETTINGS, /, **options: Any) -> SiteSettings:
    """``settings`` with these options of extra.papersite (Options' fields) set."""
    return dataclasses.replace(settings, options=dataclasses.replace(settings.options, **options))


SOURCES_YAML = """sources:
  spaced_small.txt:
    label: Daily Papers, captured 20 Nov 2025
    captured: 2025-11-20
  hostile.txt:
    label: <b>Hostile</b> & {{ capture }}
    captured: 2025-11-21
  # Listed, so not reported, but with neither: its papers' pages name it by its file name.
  dense_small.txt: {}
"""
HOSTILE_NOTE = (
    "Read **this** first. <script>alert('note')</script> <b>raw</b> "
    "[bad](javascript:alert(1)) [good](https://example.org/a_b)"
)
HOSTILE_TAG = "<i>tag</i> & co"

THEMES = (
    Theme(
        "efficiency",
        "Efficiency <& friends>",
        "Making models *cheaper*. <iframe src=x></iframe>",
        (
            Section("attention", "Attention | *gating*", "Gates on heads."),
            Section("memory", "Memory & {{ recall }}"),
        ),
    ),
    Theme("reasoning", "Arithmetic reasoning", "", (Section("counting", "Counting"),)),
)


def write_content(root: Path) -> Path:
    """A content folder with the small spaced, dense and hostile dumps."""
    content = root / "content"
    sources = content / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for name in ("spaced_small.txt", "dense_small.txt", "hostile.txt"):
        shutil.copy(DATA / name, sources / name)
    (sources / "sources.yaml").write_text(SOURCES_YAML, encoding="utf-8")
    return content


def curate(catalogue: Catalogue) -> Curation:
    """Themes and placements for the fixture papers; unknown ids stay unsorted."""
    places = {
        "gated-attention-for-large-language-models": ("efficiency", "attention"),
        "pretraining-with-hierarchical-memories": ("efficiency", "memory"),
        "script-alert-title-script-friends": ("efficiency", "attention"),
        "counting-with-transformers": ("reasoning", "counting"),
        "counting-stars-with-underscores-pipes-hashes": ("reasoning", "counting"),
    }
    items = []
    for paper in catalogue.papers:
        place = places.get(paper.id)
        if place is None:
            items.append(CuratedPaper(paper))
            continue
        hostile = paper.id == "script-alert-title-script-friends"
        items.append(
            CuratedPaper(
                paper,
                (Placement(place[0], place[1], pinned=True),),
                note=HOSTILE_NOTE if hostile else None,
                # A pick with a note and one without: the "Start here" box shows each as it is.
                featured=frozenset({place[0]})
                if hostile or paper.id.startswith("counting-with")
                else frozenset(),
                tags=(HOSTILE_TAG, "attention") if hostile else ("attention",),
                arxiv_id="2505.06708" if paper.id.startswith("gated") else None,
                links=(ExtraLink("Code", "https://github.com/example/code"),)
                if paper.id.startswith("gated")
                else (),
            )
        )
    return Curation(THEMES, tuple(items))


def loaded(root: Path) -> Loaded:
    """The fixture content, loaded and curated."""
    catalogue = read_catalogue(write_content(root))
    return Loaded(catalogue, curate(catalogue), ())


def related_listed(page: Path) -> list[str] | None:
    """The ids a paper's page (Markdown or built) lists as related, or None without the section."""
    text = page.read_text(encoding="utf-8")
    if '<h2 id="related-papers">' not in text:
        return None
    section = text.split('<h2 id="related-papers">', 1)[1].split("<h2 ", 1)[0]
    return re.findall(r'<li><a href="\.\./\.\./papers/([^/"]+)/"', section)


def config_with(tmp_path: Path, shipped: Path, option: str, value: str) -> Path:
    """A copy of the shipped mkdocs.yml in ``tmp_path`` with one option of extra.papersite set."""
    config = tmp_path / "mkdocs.yml"
    text = shipped.read_text(encoding="utf-8")
    written = re.compile(rf"(?m)^    {option}: .*$")
    assert written.search(text), f"the shipped mkdocs.yml sets no {option}"
    config.write_text(written.sub(f"    {option}: {value}", text), encoding="utf-8")
    return config


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes: two builds compared."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def paged_config(root: Path) -> Path:
    """mkdocs.yml in ``root``, with one paper a theme page and two an Unsorted page."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for option in ("theme_page_size: ", "unsorted_page_size: "):
        assert f"    {option}" in text
    text = re.sub(r"(    theme_page_size:) \d+", r"\1 1", text)
    text = re.sub(r"(    unsorted_page_size:) \d+", r"\1 2", text)
    config = root / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config
