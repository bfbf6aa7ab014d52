from __future__ import annotations

from pathlib import Path

import pytest

from papersite import serve
from papersite.serve import Preview

from .conftest import REPO


@pytest.fixture
def preview(curated_content: Path, tmp_path: Path) -> Preview:
    return Preview(curated_content, tmp_path / "docs", REPO / "mkdocs.yml")


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(serve, name)

    def wrapper(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(serve, name, wrapper)
    return calls


def test_a_curation_edit_reuses_the_catalogue_and_related_papers(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogues = counting(monkeypatch, "load_catalogue")
    related = counting(monkeypatch, "related_papers")
    preview.generate()
    page = preview.docs / "papers" / "teaching-transformers-to-add.md"
    papers = preview.content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text().replace("The cleanest study", "Edited, the cleanest study")
    )
    assert preview.regenerate()
    assert "Edited, the cleanest study" in page.read_text()
    assert (len(catalogues), len(related)) == (1, 1)


def test_hiding_a_paper_computes_related_papers_again(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    related = counting(monkeypatch, "related_papers")
    preview.generate()
    papers = preview.content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text().replace(
            "  quantized-state-space-models:\n",
            "  quantized-state-space-models:\n    hidden: Not for now.\n",
            1,
        )
    )
    assert preview.regenerate()
    assert not (preview.docs / "papers" / "quantized-state-space-models.md").exists()
    assert len(related) == 2


def test_an_edited_dump_is_read_again(preview: Preview, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogues = counting(monkeypatch, "load_catalogue")
    preview.generate()
    dump = preview.content / "sources" / "dump.txt"
    dump.write_text(dump.read_text().replace("which speeds up inference", "which is faster"))
    assert preview.regenerate()
    assert len(catalogues) == 2
    page = preview.docs / "papers" / "speculative-decoding-with-small-drafts.md"
    assert "which is faster" in page.read_text()


def test_an_edit_that_breaks_the_content_keeps_the_last_pages(
    preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    preview.generate()
    before = sorted(preview.docs.rglob("*.md"))
    (preview.content / "curation" / "papers.yaml").write_text("papers: [\n")
    assert not preview.regenerate()
    assert "papers.yaml" in capsys.readouterr().err
    assert sorted(preview.docs.rglob("*.md")) == before


def test_unchanged_content_writes_nothing(preview: Preview) -> None:
    preview.generate()
    stamps = {p: p.stat().st_mtime_ns for p in preview.docs.rglob("*") if p.is_file()}
    assert preview.regenerate()
    assert {p: p.stat().st_mtime_ns for p in preview.docs.rglob("*") if p.is_file()} == stamps
