from __future__ import annotations

import contextlib
import errno
import gc
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import jinja2
import pytest
from benchmarks.bench_serve import fetch, free_port

from papersite import build, serve
from papersite.cli import main
from papersite.errors import PapersiteError, display_path
from papersite.mkdocs_glue import (
    THEME_OVERRIDES,
    load_mkdocs_config,
    load_mkdocs_yaml,
    mkdocs_failures,
    mkdocs_logging,
)
from papersite.options import line_of
from papersite.render import MARKER, TEMPLATES, SiteWriter
from papersite.serve import Preview
from papersite.tags import SORT_OPTIONS

from .conftest import REPO
from .sites import config_with, related_listed

# mkdocs.yml's site_name line as written, and its number: a fork names its own site.
_SITE_NAME = re.search(
    r"^site_name:.*$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE
)
assert _SITE_NAME is not None
SITE_NAME_LINE = _SITE_NAME.group()
SITE_NAME_AT = _SITE_NAME.string[: _SITE_NAME.start()].count("\n") + 1


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
    catalogues = counting(monkeypatch, "read_catalogue")
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


def test_a_file_made_unreadable_then_readable_again_is_read_again(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # chmod keeps a file's time and size: a dump made unreadable went untold behind the
    # catalogue read before it, and papers.yaml made readable again stayed "cannot read" in
    # the box until some other file changed. (Root reads either way; the preview looks alike.)
    preview.start()
    catalogues = counting(monkeypatch, "read_catalogue")
    loads = counting(monkeypatch, "load_content")
    dump = next((preview.content / "sources").glob("*.txt"))
    papers = preview.content / "curation" / "papers.yaml"
    steps = [(dump, 0o000, 1), (dump, 0o644, 2), (papers, 0o000, 2), (papers, 0o644, 2)]
    for step, (path, mode, reads) in enumerate(steps, 1):
        path.chmod(mode)
        preview.refresh()
        assert (len(catalogues), len(loads)) == (reads, step)
    assert preview.failed == ()
    assert f"papersite: {display_path(papers)} changed" in capsys.readouterr().err


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


def test_a_new_count_of_related_papers_in_mkdocs_yml_finds_them_again(
    curated_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = config_with(tmp_path, REPO / "mkdocs.yml", "related_papers", "2")
    preview = Preview(curated_content, tmp_path / "docs", config)
    related = counting(monkeypatch, "related_papers")
    preview.generate()
    pages = sorted((preview.docs / "papers").glob("*.md"))
    assert max(len(related_listed(page) or ()) for page in pages) == 2
    config_with(tmp_path, REPO / "mkdocs.yml", "related_papers", "1")
    assert preview.regenerate()
    assert len(related) == 2
    assert max(len(related_listed(page) or ()) for page in pages) == 1


def test_an_edit_to_a_file_mkdocs_yml_inherits_regenerates_the_pages(
    curated_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Only an edit to mkdocs.yml itself was seen: base.yml's waited for mkdocs.yml to be saved.
    base = config_with(tmp_path, REPO / "mkdocs.yml", "related_papers", "2").rename(
        tmp_path / "base.yml"
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    preview = Preview(curated_content, tmp_path / "docs", tmp_path / "mkdocs.yml")
    preview.start()
    pages = sorted((preview.docs / "papers").glob("*.md"))
    assert max(len(related_listed(page) or ()) for page in pages) == 2
    capsys.readouterr()
    base.write_text(base.read_text().replace("related_papers: 2", "related_papers: 1  # fewer"))
    preview.refresh()
    assert re.fullmatch(
        r"papersite: base.yml changed, pages regenerated in .* s, every page rebuilt\n",
        capsys.readouterr().err,
    )
    assert max(len(related_listed(page) or ()) for page in pages) == 1


@pytest.mark.parametrize("inherited", [False, True])
def test_an_edit_to_a_setting_of_mkdocs_alone_rebuilds_every_page(
    inherited: bool, curated_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # copyright, extra, the palette change no Markdown, and MkDocs' dirty rebuilds render only
    # touched pages: the browser reloaded, and the setting showed on no page.
    edited = tmp_path / ("base.yml" if inherited else "mkdocs.yml")
    shutil.copy(REPO / "mkdocs.yml", edited)
    if inherited:
        (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    preview = Preview(curated_content, tmp_path / "docs", tmp_path / "mkdocs.yml")
    preview.start()
    pages = list(preview.docs.rglob("*.md"))
    for page in pages:
        os.utime(page, ns=(0, 0))
    capsys.readouterr()
    edited.write_text(edited.read_text() + "copyright: The lab\n")
    preview.refresh()
    assert capsys.readouterr().err == (
        f"papersite: {display_path(edited)} changed, every page rebuilt\n"
    )
    assert all(page.stat().st_mtime_ns > 0 for page in pages)


def test_an_edited_dump_is_read_again(preview: Preview, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogues = counting(monkeypatch, "read_catalogue")
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


def _problems_shown(preview: Preview) -> dict[str, Any]:
    """What the preview's script shows at the top of every page (see Preview.show_problems)."""
    shown: dict[str, Any] = json.loads((preview.docs / serve.PROBLEMS_FILE).read_text("utf-8"))
    return shown


def test_the_errors_of_an_edit_are_shown_on_every_page_until_fixed(preview: Preview) -> None:
    # The browser kept the last good pages without a sign of the mistake: only the terminal said.
    preview.start()
    assert _problems_shown(preview) == {"message": "", "problems": []}
    script = (preview.docs / serve.PROBLEMS_SCRIPT).read_bytes()
    assert script == (TEMPLATES / "preview.js").read_bytes()
    papers = preview.content / "curation" / "papers.yaml"
    good = papers.read_text()
    # Curator text quoted in a message is shown as text: the script sets it, never as HTML.
    papers.write_text(good.replace("teaching-transformers-to-add:", "<b>teaching</b>:", 1))
    assert not preview.regenerate()
    # Every problem as the terminal has it, the warnings the edit brought too; both counted.
    assert _problems_shown(preview) == {
        "message": "papersite: 1 error, 1 warning; this preview shows the last good pages "
        "until it is fixed (the terminal says the same)",
        "problems": [
            "content/curation/themes.yaml:35: warning: theme 'arithmetic-reasoning' has no papers",
            "content/curation/papers.yaml:3: unknown paper id '<b>teaching</b>' "
            "(no paper has a similar id)",
        ],
    }
    papers.write_text(good)
    assert preview.regenerate()
    assert _problems_shown(preview) == {"message": "", "problems": []}
    # Generating the pages again kept the script, which MkDocs copies into the served site.
    assert (preview.docs / serve.PROBLEMS_SCRIPT).read_bytes() == script


def test_a_preview_started_with_errors_shows_them_and_the_site_once_fixed(
    preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    # It refused to start: the curator had to fix the file from the terminal's words, then start
    # it again, where the preview is the place to fix it.
    papers = preview.content / "curation" / "papers.yaml"
    good = papers.read_text()
    papers.write_text(good.replace("teaching-transformers-to-add:", "no-such-paper:", 1))
    preview.start()
    err = capsys.readouterr().err
    assert "content/curation/papers.yaml:3: unknown paper id 'no-such-paper'" in err
    assert err.endswith(
        "papersite: the preview shows a page listing the errors, and the site once they are fixed\n"
    )
    shown = _problems_shown(preview)
    assert shown["message"] == (
        "papersite: 1 error, 1 warning; this preview shows the site once it is fixed "
        "(the terminal says the same)"
    )
    assert len(shown["problems"]) == 2
    # One page, with what it asks for (the site's stylesheet, script and feeds' sitemap), and
    # no navigation to build it with.
    page = (preview.docs / "index.md").read_text("utf-8")
    assert page == (TEMPLATES / "preview-waiting.md").read_text("utf-8")
    assert sorted(_files(preview.docs)) == sorted(
        [
            "index.md",
            "stylesheets/papersite.css",
            "javascripts/papersite.js",
            "feeds/sitemap.xml",
            serve.PROBLEMS_SCRIPT,
            serve.PROBLEMS_FILE,
        ]
    )
    assert preview.nav == []
    papers.write_text(good)
    assert preview.regenerate()
    assert _problems_shown(preview) == {"message": "", "problems": []}
    assert (preview.docs / "index.md").read_text("utf-8") != page
    assert (preview.docs / "papers" / "teaching-transformers-to-add.md").is_file()
    assert [entry for entry in preview.nav if "Arithmetic" in str(entry)]


@pytest.mark.parametrize(
    ("link", "target", "said"),
    [
        # Path.resolve raised RuntimeError("Symlink loop from ...") while the content's error
        # was being told: a traceback.
        ("curation", "curation", "content/curation: cannot read folder: Too many levels"),
        ("curation/papers.yaml", "papers.yaml", "content/curation/papers.yaml: cannot read file"),
        ("sources/dump.txt", "dump.txt", "content/sources/dump.txt: cannot read file"),
        # A link out of the content folder to nowhere was taken for no input's mistake: one line
        # and exit 1, where the preview serves the content's errors until they are fixed.
        ("curation", "/nonexistent/curation", "content/curation: cannot read folder: No such"),
    ],
)
def test_a_preview_started_with_a_link_that_loops_or_leads_nowhere_shows_the_error(
    preview: Preview, capsys: pytest.CaptureFixture[str], link: str, target: str, said: str
) -> None:
    path = preview.content / link
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
    path.symlink_to(target)
    preview.start()
    err = capsys.readouterr().err
    assert err.startswith(said)
    assert err.endswith(
        "papersite: the preview shows a page listing the errors, and the site once they are fixed\n"
    )
    assert (preview.docs / "index.md").read_text("utf-8") == (
        TEMPLATES / "preview-waiting.md"
    ).read_text("utf-8")


def test_a_preview_started_with_errors_serves_none_of_an_earlier_preview_s_pages(
    preview: Preview,
) -> None:
    # Made with a navigation no longer known: served without one, MkDocs would list every
    # paper's page in its own.
    preview.start()
    assert (preview.docs / "papers" / "teaching-transformers-to-add.md").is_file()
    (preview.content / "curation" / "papers.yaml").write_text("papers: [\n")
    started_again = Preview(preview.content, preview.docs, preview.config_file)
    started_again.start()
    assert not (preview.docs / "papers").exists()
    assert "index.md" in _files(preview.docs)


def test_a_preview_that_cannot_write_its_docs_folder_does_not_start(
    preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    # Not the content's error: no edit of the inputs would fix it.
    preview.docs.mkdir()
    (preview.docs / "notes.txt").write_text("someone's own file")
    with pytest.raises(PapersiteError, match="not made by papersite"):
        preview.start()
    assert _files(preview.docs) == {"notes.txt"}


def _with_docs_dir(docs_dir: str) -> tuple[Path, int]:
    """The project's mkdocs.yml as ./mkdocs.yml, with ``docs_dir``; and the line it is at."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    written = re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {docs_dir}", text, count=1)
    assert written != text
    Path("mkdocs.yml").write_text(written, encoding="utf-8")
    return Path("mkdocs.yml"), written[: written.index("\ndocs_dir:")].count("\n") + 2


@pytest.mark.parametrize(
    ("docs_dir", "holds"),
    [
        (".", True),  # the checkout, .git and all
        ("content", True),
        ("mkdocs.yml", True),
        ("overrides", True),  # the theme's custom_dir
        ("templates", True),  # papersite's own
        ("..", True),
        ("content/sources", False),
        ("content/new", False),  # not there yet: generated files among the curators' inputs
        ("overrides/partials", False),
    ],
)
def test_a_docs_folder_holding_or_inside_an_input_is_refused_whatever_marker_it_holds(
    curated_content: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    docs_dir: str,
    holds: bool,
) -> None:
    # A pull request can commit the marker that lets the writer prune a folder, and docs_dir.
    config, line = _with_docs_dir(docs_dir)
    for folder in ("overrides/partials", "templates"):
        Path(folder).mkdir(parents=True)
        (Path(folder) / "main.html").write_text("{% extends 'base.html' %}")
    monkeypatch.setattr(serve, "TEMPLATES", Path("templates").absolute())
    for folder in (".", "content", "content/sources", "overrides", "templates"):
        (Path(folder) / MARKER).touch()
    (curated_content / "curation" / "papers.yaml").write_text("papers: [\n")
    before = {path: path.read_bytes() for path in Path().rglob("*") if path.is_file()}
    preview = Preview(curated_content, Path(docs_dir), config, theme=Path("overrides").absolute())
    with pytest.raises(PapersiteError) as error:
        preview.start()
    assert {path: path.read_bytes() for path in Path().rglob("*") if path.is_file()} == before
    assert capsys.readouterr().err == ""
    said = (
        "refusing to write the pages there: it is, or holds, the project, the content, "
        "mkdocs.yml, the templates or your home folder; choose a folder of their own, "
        "such as build/docs"
        if holds
        else "refusing to write the pages inside the content or the templates: choose a folder "
        "of their own, such as build/docs"
    )
    assert str(error.value) == f"mkdocs.yml:{line}: docs_dir {docs_dir!r}: {said}"


@pytest.mark.parametrize("docs_dir", ["loop", "loop/docs"])
def test_a_docs_folder_whose_links_loop_is_one_line_at_its_line(
    curated_content: Path, docs_dir: str
) -> None:
    # Path.resolve raised RuntimeError("Symlink loop from ...") in the check: a traceback.
    Path("loop").symlink_to("loop")
    config, line = _with_docs_dir(docs_dir)
    preview = Preview(curated_content, Path(docs_dir), config)
    with pytest.raises(PapersiteError) as error:
        preview.start()
    said = (
        "symbolic-link loop: following the link never reaches a folder"
        if docs_dir == "loop"
        else "lies under loop, a symbolic-link loop: following it never reaches a folder"
    )
    assert str(error.value) == f"mkdocs.yml:{line}: docs_dir {docs_dir!r}: {said}"


@pytest.mark.parametrize("broken", [False, True])
def test_a_docs_folder_that_is_a_file_is_one_line_with_the_content_s_errors_or_without(
    preview: Preview, capsys: pytest.CaptureFixture[str], broken: bool
) -> None:
    if broken:  # the page saying to fix the content's errors could not be written either
        (preview.content / "curation" / "papers.yaml").write_text("papers: [\n")
    preview.docs = Path("README.md")
    preview.docs.write_text("the project's")
    with pytest.raises(PapersiteError) as error:
        preview.start()
    # Refused at docs_dir's line in mkdocs.yml, before anything is written.
    assert str(error.value).endswith(": docs_dir 'README.md': is a file, not a folder")
    # The content's errors are not said first: no edit of them would let the preview start.
    assert "papers.yaml" not in capsys.readouterr().err
    assert preview.docs.read_text() == "the project's"


@pytest.mark.parametrize("broken", [False, True])
def test_a_docs_folder_papersite_did_not_make_is_said_once_in_any_folder(
    curated_content: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    broken: bool,
) -> None:
    # Among the inputs, the refusal was taken for an error of the content, printed, then raised.
    # Such a folder is refused before: the writer's refusal is what a later check might let by.
    monkeypatch.setattr(serve, "docs_folder_refusal", lambda *args: None)
    if broken:
        (curated_content / "curation" / "papers.yaml").write_text("papers: [\n")
    preview = Preview(curated_content, curated_content / "curation", REPO / "mkdocs.yml")
    with pytest.raises(PapersiteError) as error:
        preview.start()
    assert str(error.value) == (
        "content/curation: folder is not empty and was not made by papersite: choose another"
    )
    assert capsys.readouterr().err == ""


def _files(folder: Path) -> set[str]:
    """The files under ``folder``, relative to it, papersite's marker left out."""
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != ".papersite-generated"
    }


def test_every_page_of_the_preview_runs_its_script_at_every_rebuild(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configs = _settings_of_two_rebuilds(curated_content, monkeypatch)
    assert [[str(script) for script in config.extra_javascript] for config in configs] == [
        ["javascripts/papersite.js", serve.PROBLEMS_SCRIPT]
    ] * 2


def test_the_content_s_warnings_are_printed_as_check_prints_them_once_per_generation(
    preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    # `check --strict` in CI fails on warnings: the preview is where a curator learns of them.
    (preview.content / "sources" / "sources.yaml").write_text("sources: {}\n", encoding="utf-8")
    preview.generate()
    unlisted = (
        "content/sources/dump.txt: warning: not listed in sources.yaml: add it there with a label"
    )
    assert capsys.readouterr().err.startswith(unlisted)
    papers = preview.content / "curation" / "papers.yaml"
    # A featured paper without a note.
    papers.write_text(papers.read_text().replace("    note: Quantizes state-space", "    #"))
    assert preview.regenerate()
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(unlisted)
    assert err[1].startswith("content/curation/papers.yaml:13: warning: featured without a 'note'")
    assert len(err) == 2


def test_the_terminal_names_the_file_that_changed_or_what_the_files_are(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said "content changed" whatever changed, a template or mkdocs.yml; and "pages
    # regenerated" after a comment, which changes no page.
    shutil.copy(REPO / "mkdocs.yml", "mkdocs.yml")
    preview = Preview(curated_content, Path("docs"), Path("mkdocs.yml"))
    preview.start()
    capsys.readouterr()
    papers = preview.content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text() + "# a\n")
    preview.refresh()
    config = Path("mkdocs.yml")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("theme_page_size: 300\n", "theme_page_size: 1\n"))
    papers.write_text(papers.read_text() + "# bb\n")
    preview.refresh()
    said = [
        re.sub(r"in [0-9.]+ s", "in N s", line) for line in capsys.readouterr().err.splitlines()
    ]
    assert said == [
        "papersite: content/curation/papers.yaml changed, no page changed",
        # Every page, for the settings of MkDocs' mkdocs.yml holds too.
        "papersite: content and mkdocs.yml changed, pages regenerated in N s, every page rebuilt",
    ]


def test_files_of_three_kinds_changed_are_listed_as_a_sentence(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It read "content and templates and mkdocs.yml".
    monkeypatch.chdir(REPO)  # where the terminal names files from
    changed = {preview.content / "curation" / "papers.yaml", TEMPLATES / "paper.md.j2"}
    assert preview._what_changed(changed) == "content and templates"
    changed.add(preview.config_file)
    assert preview._what_changed(changed) == "content, templates and mkdocs.yml"


def test_unchanged_content_writes_nothing(preview: Preview) -> None:
    preview.start()  # the preview's own files too
    stamps = {p: p.stat().st_mtime_ns for p in preview.docs.rglob("*") if p.is_file()}
    assert preview.regenerate()
    assert {p: p.stat().st_mtime_ns for p in preview.docs.rglob("*") if p.is_file()} == stamps


def test_a_new_theme_updates_the_navigation_in_place_and_every_page(preview: Preview) -> None:
    preview.generate()
    nav = preview.nav
    assert {"Efficiency": "themes/efficiency.md"} in nav
    stamps = {p: p.stat().st_mtime_ns for p in preview.docs.rglob("*") if p.is_file()}
    themes = preview.content / "curation" / "themes.yaml"
    themes.write_text(
        themes.read_text().replace(
            "themes:\n",
            "themes:\n  - id: robotics\n    title: Robotics\n    sections:\n"
            "      - {id: all, title: All}\n",
            1,
        )
    )
    assert preview.regenerate()
    # The very list MkDocs' dev server builds with, changed in place.
    assert preview.nav is nav
    assert [next(iter(entry)) for entry in nav][:3] == ["Home", "Robotics", "Efficiency"]
    # Every page shows the navigation: all are touched, so MkDocs rebuilds all of them.
    assert all(p.stat().st_mtime_ns > stamp for p, stamp in stamps.items())


def test_a_plugin_with_options_survives_the_preview_s_rebuilds(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # The shipped mkdocs.yml gives Material's tags plugin an option of its own.
    assert "\n  - tags:\n      # " in text
    config = Path("mkdocs.yml")
    config.write_text(text, "utf-8")
    loads: list[object] = []

    def mkdocs_serve(config_file: str, livereload: bool, build_type: str, **overrides: Any) -> None:
        # MkDocs' dev server reads its settings, with the same overrides, for every rebuild.
        for _ in range(3):
            loads.append(load_mkdocs_config(Path(config_file), **overrides))

    monkeypatch.setattr("mkdocs.commands.serve.serve", mkdocs_serve)
    serve.serve(curated_content, config_file=config, dev_addr=f"127.0.0.1:{free_port()}")
    assert len(loads) == 3
    # The option mkdocs.yml sets is kept beside the sort order papersite adds, every time.
    tags = [load.plugins["material/tags"].config for load in loads]  # type: ignore[attr-defined]
    assert [(t.export, t.tags_sort_by is not None) for t in tags] == [(False, True)] * 3


def _free_address() -> str:
    """An address to preview at that nothing listens on now (8000, the default, may be taken)."""
    return f"127.0.0.1:{free_port()}"


def _settings_of_two_rebuilds(content: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """MkDocs' settings as its dev server reads them for two rebuilds of serve's preview."""
    configs: list[Any] = []

    def mkdocs_serve(config_file: str, livereload: bool, build_type: str, **overrides: Any) -> None:
        for _ in range(2):
            configs.append(load_mkdocs_config(Path(config_file), **overrides))

    monkeypatch.setattr("mkdocs.commands.serve.serve", mkdocs_serve)
    serve.serve(content, config_file=REPO / "mkdocs.yml", dev_addr=_free_address())
    return configs


def test_the_preview_orders_tags_as_the_build_does_at_every_rebuild(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configs = _settings_of_two_rebuilds(curated_content, monkeypatch)
    assert len(configs) == 2
    for config in configs:
        options = config.plugins["material/tags"].config
        assert {name: options[name] for name in SORT_OPTIONS} == SORT_OPTIONS


@pytest.mark.parametrize(
    ("dev_addr", "reason"),
    [
        # MkDocs' "localhost: Must be a string of format 'IP:PORT'" named no option.
        ("localhost", "no port"),
        ("foo", "no port"),
        # Served at mkdocs.yml's address without a word.
        ("", "empty"),
        ("127.0.0.1:abc", "'abc' is not a valid port"),
        ("foo:8000", "'foo' does not appear to be an IPv4 or IPv6 address"),
        # MkDocs reads the port with int(): served at 3333, and at 8000.
        ("127.0.0.1:\u0663\u0663\u0663\u0663", "'\u0663\u0663\u0663\u0663' is not a valid port"),
        ("127.0.0.1:8000 ", "ends with a space"),
        (" 127.0.0.1:8000", "starts with a space"),
        # In the words of mkdocs.yml's dev_addr, "localhost:0: port must be ...".
        ("localhost:0", "port must be from 1 to 65535"),
    ],
)
def test_a_malformed_address_is_one_line_before_any_page_is_generated(
    dev_addr: str, reason: str, mkdocs_not_reached: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--dev-addr", dev_addr]) == 1
    assert capsys.readouterr().err == (
        f"--dev-addr '{dev_addr}': {reason}; write IP:PORT, such as 127.0.0.1:8001\n"
    )
    assert not mkdocs_not_reached.exists()


def test_an_address_without_a_host_is_told_so_with_its_port(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs said "'' does not appear to be an IPv4 or IPv6 address".
    shutil.copy(REPO / "mkdocs.yml", "mkdocs.yml")
    assert main(["serve", "--dev-addr", ":8000"]) == 1
    assert capsys.readouterr().err == (
        "--dev-addr ':8000': no host; write IP:PORT, such as 127.0.0.1:8000\n"
    )


@pytest.mark.parametrize(
    ("content", "reason"), [("nowhere", "no such folder"), ("a-file", "not a folder")]
)
def test_a_content_folder_that_is_none_is_one_line_at_start(
    content: str, reason: str, curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It served a page of the error until stopped, where every other command exits 1.
    shutil.copy(REPO / "mkdocs.yml", "mkdocs.yml")
    Path("a-file").write_text("x\n", encoding="utf-8")
    assert main(["serve", "--content", content, "--dev-addr", _free_address()]) == 1
    assert capsys.readouterr().err == (
        f"{content}: {reason}: --content names the content folder (default: ./content)\n"
    )


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("loop", "loop: cannot read folder: Too many levels of symbolic links (a link that loops)"),
        ("broken", "broken: cannot read folder: No such file or directory (a broken link?)"),
        # A loop in a middle part of the path, named there.
        (
            "lk/loopc/x",
            "lk/loopc: cannot read folder: Too many levels of symbolic links (a link that loops)",
        ),
    ],
)
def test_a_content_folder_link_that_loops_or_leads_nowhere_is_told_so_at_start(
    content: str, said: str, curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "no such folder", where every other command names the link (see sources.no_sources_folder).
    shutil.copy(REPO / "mkdocs.yml", "mkdocs.yml")
    Path("loop").symlink_to("loop")
    Path("broken").symlink_to("/nonexistent/content")
    Path("lk").mkdir()
    Path("lk", "loopc").symlink_to("loopc")
    assert main(["serve", "--content", content, "--dev-addr", _free_address()]) == 1
    assert capsys.readouterr().err == f"{said}\n"


def test_a_malformed_address_in_mkdocs_yml_is_mkdocs_yml_s_error(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("mkdocs.yml").write_text(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8") + "dev_addr: localhost\n",
        encoding="utf-8",
    )
    assert main(["serve"]) == 1
    # At its line: the file's last.
    line = Path("mkdocs.yml").read_text(encoding="utf-8").count("\n")
    assert capsys.readouterr().err == (
        f"mkdocs.yml:{line}: MkDocs serve failed: Config value 'dev_addr': "
        "Must be a string of format 'IP:PORT'\n"
    )


def _site_url_inherited(written: str) -> None:
    """mkdocs.yml with its site_url in b.yml, which INHERIT names, written there as ``written``."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    own = re.sub(r"(?m)^site_url: .*\n", "", text)
    assert own != text
    Path("mkdocs.yml").write_text("INHERIT: b.yml\n" + own, encoding="utf-8")
    Path("b.yml").write_text(f"site_url: {written}\n", encoding="utf-8")


SITE_URL_5 = (
    "b.yml:1: site_url must be the published address, e.g. https://example.github.io/papers/, "
    "not the number 5"
)


def test_a_setting_refused_in_an_inherited_file_is_one_line_at_start(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs' "mkdocs.yml: MkDocs serve failed: Config value 'site_url': Expected a string"
    # followed papersite's line for the same mistake: build says it once.
    _site_url_inherited("5")
    assert main(["serve", "--dev-addr", _free_address()]) == 1
    assert capsys.readouterr().err == f"{SITE_URL_5}\n"


def _with_theme_setting(setting: str) -> int:
    """The project's mkdocs.yml with ``setting`` added to its theme, written here; its line."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\ntheme:\n  name: material\n" in text
    edited = text.replace(
        "\ntheme:\n  name: material\n", f"\ntheme:\n  name: material\n  {setting}\n"
    )
    Path("mkdocs.yml").write_text(edited, "utf-8")
    return edited.splitlines().index(f"  {setting}") + 1


# MkDocs' serve leaves its server's socket open when its first build fails (it shuts the server
# down only once serving began, mkdocs/commands/serve.py); the command exits at once after, so
# papersite lets it be, and the test collects it here rather than warn in the next test.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_theme_language_material_lacks_is_one_line_at_its_setting_at_start(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The preview's first build failed in papersite's overrides, which include the language's
    # file: it was "templates/overrides/main.html:10: no template named ...", blaming papersite.
    line = _with_theme_setting("language: english")
    assert main(["serve", "--dev-addr", _free_address()]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"mkdocs.yml:{line}: theme language 'english' is not one Material has (e.g. en, de)"
    )
    gc.collect()


def test_a_theme_setting_mkdocs_crashes_on_is_one_line_at_its_setting_at_start(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs' "TypeError: expected str, bytes or os.PathLike object, not int", a traceback.
    line = _with_theme_setting("custom_dir: 0")
    assert main(["serve", "--dev-addr", _free_address()]) == 1
    assert capsys.readouterr().err == (
        f"mkdocs.yml:{line}: theme custom_dir must be text, the folder of the theme's overrides "
        "(e.g. overrides), not the number 0\n"
    )


def test_a_yaml_mistake_in_mkdocs_yml_is_one_line_at_its_line(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    Path("mkdocs.yml").write_text(text + "bogus_key: [\n", "utf-8")
    assert main(["serve", "--dev-addr", _free_address()]) == 1
    line = text.count("\n") + 1  # the typo's, not the one after it where the file ends
    assert capsys.readouterr().err == (
        f"mkdocs.yml:{line}: YAML syntax error: the [ on this line is never closed: end it with ] "
        "(YAML read on to the end of the file looking for it)\n"
    )


def test_a_misspelt_plugin_is_one_line_as_build_reports_it(
    curated_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # Unchanged, the preview would start and serve until stopped.
    assert "\n  - tags:\n" in text
    Path("mkdocs.yml").write_text(text.replace("\n  - tags:\n", "\n  - tagz:\n"), "utf-8")
    assert main(["serve", "--dev-addr", _free_address()]) == 1
    line = text[: text.index("\nplugins:")].count("\n") + 2
    assert capsys.readouterr().err == (
        f"mkdocs.yml:{line}: MkDocs serve failed: Config value 'plugins': The \"tagz\" plugin is "
        "not installed\n"
    )


def _instead_of_mkdocs_serve(monkeypatch: pytest.MonkeyPatch, does: Callable[[], None]) -> str:
    """Run ``does`` where MkDocs' dev server would run; a free address to give serve.

    The project's mkdocs.yml is copied to the working folder, where serve reads it.
    """

    def mkdocs_serve(**options: object) -> None:
        does()

    shutil.copy(REPO / "mkdocs.yml", "mkdocs.yml")
    monkeypatch.setattr("mkdocs.commands.serve.serve", mkdocs_serve)
    return _free_address()


def test_a_failed_first_build_is_reported_with_its_cause(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mkdocs.exceptions import Abort

    def fails_to_build() -> None:
        # What MkDocs' build does on a page it cannot render: log the cause, raise a bare Abort.
        logging.getLogger("mkdocs.commands.build").error("Error reading page 'about.md': boom")
        raise Abort("Aborted with a BuildError!")

    address = _instead_of_mkdocs_serve(monkeypatch, fails_to_build)
    assert main(["serve", "--dev-addr", address]) == 1
    # The cause once, in the error: not printed as well while MkDocs was starting. Nor was it
    # serving, without search or with.
    assert capsys.readouterr().err.splitlines() == [
        "mkdocs.yml: MkDocs serve failed: Error reading page 'about.md': boom",
    ]


def test_the_preview_says_it_serves_without_search_once_mkdocs_serves(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    said: list[str] = []

    def serving(preview: Preview, build_again: Callable[[], None]) -> None:
        said.extend(capsys.readouterr().err.splitlines())

    _serving(monkeypatch, lambda config_file, overrides: None)(serving)
    assert said.count("papersite: serving without search") == 1
    assert said[-1] == "papersite: serving without search"


def test_a_rebuild_s_errors_are_printed_once_the_preview_is_serving(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def serves_then_fails_to_rebuild() -> None:
        # What MkDocs logs when the curator breaks mkdocs.yml while it serves; it goes on serving.
        logging.getLogger("mkdocs.livereload").info("[12:00:00] Serving on http://127.0.0.1/")
        logging.getLogger("mkdocs.config").error("Config value 'markdown_extensions': boom")

    address = _instead_of_mkdocs_serve(monkeypatch, serves_then_fails_to_rebuild)
    assert main(["serve", "--dev-addr", address]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        "mkdocs: error: Config value 'markdown_extensions': boom"
    )


def test_a_redirect_is_no_warning_and_a_page_not_found_is(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs warned at every visit to the root, which it redirects to site_url's path.
    def visited() -> None:
        requests = logging.getLogger("mkdocs.livereload")
        requests.warning('[12:00:00] "GET / HTTP/1.1" code 302')
        requests.warning('[12:00:01] "GET /papersite/nowhere/ HTTP/1.1" code 404')

    address = _instead_of_mkdocs_serve(monkeypatch, visited)
    assert main(["serve", "--dev-addr", address]) == 0
    err = capsys.readouterr().err
    assert "code 302" not in err
    assert err.splitlines()[-1] == (
        'mkdocs: warning: [12:00:01] "GET /papersite/nowhere/ HTTP/1.1" code 404'
    )


def test_pages_the_nav_leaves_out_are_not_noted_as_build_notes_none(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Content without tags: the Tags page is written, and the nav papersite sets leaves it out.
    def built() -> None:
        nav = logging.getLogger("mkdocs.structure.nav")
        nav.info(
            "The following pages exist in the docs directory, but are not included in the "
            '"nav" configuration:\n  - tags.md'
        )
        # Asked for in mkdocs.yml (validation: nav: omitted_files: warn), build prints it too.
        nav.warning(
            "The following pages exist in the docs directory, but are not included in the "
            '"nav" configuration:\n  - notes.md'
        )

    address = _instead_of_mkdocs_serve(monkeypatch, built)
    assert main(["serve", "--dev-addr", address]) == 0
    err = capsys.readouterr().err
    assert "tags.md" not in err
    assert err.splitlines()[-1] == "  - notes.md"


@pytest.fixture
def mkdocs_not_reached(curated_content: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The docs folder serve would generate; the test fails if MkDocs' dev server is started."""
    _instead_of_mkdocs_serve(monkeypatch, lambda: pytest.fail("MkDocs was started"))
    return Path(str(load_mkdocs_yaml(Path("mkdocs.yml"))["docs_dir"]))


@pytest.mark.parametrize("port", ["0", "65536", "99999"])
def test_a_port_no_server_can_listen_on_is_one_line(
    port: str, mkdocs_not_reached: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs takes any number: it would fail with a traceback after building the site, or, for
    # port 0, serve on a port it does not tell.
    assert main(["serve", "--dev-addr", f"127.0.0.1:{port}"]) == 1
    assert capsys.readouterr().err == (
        f"--dev-addr '127.0.0.1:{port}': port must be from 1 to 65535; "
        "write IP:PORT, such as 127.0.0.1:8001\n"
    )
    assert not mkdocs_not_reached.exists()


def test_a_port_no_server_can_listen_on_in_mkdocs_yml_is_one_line(
    mkdocs_not_reached: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = Path("mkdocs.yml").read_text(encoding="utf-8")
    Path("mkdocs.yml").write_text(text + "dev_addr: localhost:0\n", encoding="utf-8")
    assert main(["serve"]) == 1
    # At its line, the file's last, as MkDocs' refusal of a malformed one is: it had none.
    line = text.count("\n") + 1
    assert capsys.readouterr().err == (
        f"mkdocs.yml:{line}: dev_addr 'localhost:0': port must be from 1 to 65535; write another "
        "there, or serve elsewhere with --dev-addr IP:PORT\n"
    )
    assert not mkdocs_not_reached.exists()


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1", errno.EADDRINUSE),
        # TEST-NET-1, for documentation: no address of this machine.
        ("192.0.2.1", errno.EADDRNOTAVAIL),
    ],
    ids=["in-use", "not-this-machine-s"],
)
def test_an_address_the_preview_cannot_listen_on_is_one_line_before_any_page_is_generated(
    host: str, reason: int, mkdocs_not_reached: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        assert main(["serve", "--dev-addr", f"{host}:{port}"]) == 1
    assert capsys.readouterr().err == (
        f"{host}:{port}: cannot serve the preview there: {os.strerror(reason)}; "
        "choose another address with --dev-addr IP:PORT (make serve DEV_ADDR=IP:PORT)\n"
    )
    assert not mkdocs_not_reached.exists()


@pytest.mark.parametrize(
    ("host", "reason"),
    [("127.0.0.1", errno.EADDRINUSE), ("192.0.2.1", errno.EADDRNOTAVAIL)],
    ids=["in-use", "not-this-machine-s"],
)
def test_an_address_in_mkdocs_yml_the_preview_cannot_listen_on_is_named_at_its_line(
    host: str, reason: int, mkdocs_not_reached: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As its port outside 1-65535 is: the address alone named no file to change it in.
    text = Path("mkdocs.yml").read_text(encoding="utf-8")
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        Path("mkdocs.yml").write_text(text + f"dev_addr: {host}:{port}\n", encoding="utf-8")
        assert main(["serve"]) == 1
    line = text.count("\n") + 1
    assert capsys.readouterr().err == (
        f"mkdocs.yml:{line}: dev_addr '{host}:{port}': cannot serve the preview there: "
        f"{os.strerror(reason)}; write another there, or serve elsewhere with --dev-addr IP:PORT "
        "(make serve DEV_ADDR=IP:PORT)\n"
    )
    assert not mkdocs_not_reached.exists()


def _raises_os_error(reason: int) -> Callable[[], None]:
    def fail() -> None:
        raise OSError(reason, os.strerror(reason))

    return fail


def test_an_address_taken_while_the_pages_were_built_is_one_line(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Free when papersite looked, taken by the time MkDocs binds, after building the site.
    address = _instead_of_mkdocs_serve(monkeypatch, _raises_os_error(errno.EADDRINUSE))
    assert main(["serve", "--dev-addr", address]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{address}: cannot serve the preview there: {os.strerror(errno.EADDRINUSE)}; "
        "choose another address with --dev-addr IP:PORT (make serve DEV_ADDR=IP:PORT)"
    )


def test_an_address_in_mkdocs_yml_taken_while_the_pages_were_built_is_named_at_its_line(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    address = _instead_of_mkdocs_serve(monkeypatch, _raises_os_error(errno.EADDRINUSE))
    text = Path("mkdocs.yml").read_text(encoding="utf-8")
    Path("mkdocs.yml").write_text(text + f"dev_addr: {address}\n", encoding="utf-8")
    assert main(["serve"]) == 1
    line = text.count("\n") + 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"mkdocs.yml:{line}: dev_addr '{address}': cannot serve the preview there: "
        f"{os.strerror(errno.EADDRINUSE)}; write another there, or serve elsewhere with "
        "--dev-addr IP:PORT (make serve DEV_ADDR=IP:PORT)"
    )


def test_another_os_error_from_mkdocs_is_not_blamed_on_the_address(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # EACCES may be a file MkDocs may not read as well as a port: not told as the address's.
    address = _instead_of_mkdocs_serve(monkeypatch, _raises_os_error(errno.EACCES))
    with pytest.raises(PermissionError):
        main(["serve", "--dev-addr", address])


def _served(url: str, marker: str, timeout: float = 90.0) -> bool:
    """Whether ``url`` serves a page holding ``marker`` before ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and marker in page:
            return True
        time.sleep(0.2)
    return False


@contextlib.contextmanager
def preview_running(
    content: Path,
    config: Path,
    *,
    stderr: int = subprocess.DEVNULL,
    env: Mapping[str, str] = {},
    serving: tuple[str, str] = ("about/", "Sequence Models"),
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``papersite serve`` in a process of its own at a free address, once it serves a page.

    Yields the process and the address of the site; ``env`` is added to this process' environment.
    ``serving``: the page waited for (from the site's address) and a text it holds.
    """
    port = free_port()
    # MkDocs serves the site under the path of site_url, as it will be published.
    mount = urlsplit(load_mkdocs_yaml(config)["site_url"]).path
    base = f"http://127.0.0.1:{port}{mount}"
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "papersite", "serve", "--content", str(content)),
            *("--config", str(config), "--dev-addr", f"127.0.0.1:{port}"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        # Ctrl-C stops it as in a terminal, even when the tests run where SIGINT is ignored (a
        # background job), which the process would inherit.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert _served(base + serving[0], serving[1])
        time.sleep(1)  # the first build's file watching settles
        yield server, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _add_a_theme(content: Path) -> None:
    """Add a theme titled Robotics Lab, first in the content's themes.yaml."""
    themes = content / "curation" / "themes.yaml"
    themes.write_text(
        themes.read_text().replace(
            "themes:\n",
            "themes:\n  - id: robotics\n    title: Robotics Lab\n    sections:\n"
            "      - {id: all, title: All}\n",
            1,
        )
    )


@pytest.mark.slow
def test_the_running_preview_shows_a_new_theme_in_every_page_s_navigation(
    curated_content: Path, tmp_path: Path
) -> None:
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    with preview_running(curated_content, tmp_path / "mkdocs.yml") as (_, base):
        _add_a_theme(curated_content)
        # The About page's Markdown is the same: only the navigation changed on it.
        assert _served(base + "about/", "Robotics Lab")
        assert _served(base + "papers/teaching-transformers-to-add/", "Robotics Lab")


@pytest.mark.slow
def test_a_preview_started_with_errors_serves_the_site_once_they_are_fixed(
    curated_content: Path, tmp_path: Path
) -> None:
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    papers = curated_content / "curation" / "papers.yaml"
    good = papers.read_text()
    papers.write_text("papers: [\n")
    waiting = ("", "Fix the content")
    with preview_running(curated_content, tmp_path / "mkdocs.yml", serving=waiting) as (_, base):
        papers.write_text(good)
        assert _served(base + "about/", "Sequence Models")
        assert _served(base + "papers/teaching-transformers-to-add/", "Teaching Transformers")


@pytest.mark.slow
def test_the_running_preview_rebuilds_as_a_file_mkdocs_yml_inherits_is_edited(
    curated_content: Path, tmp_path: Path
) -> None:
    # MkDocs watches mkdocs.yml alone: base.yml's new site name showed once mkdocs.yml was saved.
    base = tmp_path / "base.yml"
    shutil.copy(REPO / "mkdocs.yml", base)
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    with preview_running(curated_content, tmp_path / "mkdocs.yml") as (_, address):
        renamed = "site_name: Renamed While Serving"
        base.write_text(base.read_text().replace(SITE_NAME_LINE, renamed))
        assert _served(address + "about/", "Renamed While Serving", timeout=30)


@pytest.mark.parametrize("broken", [False, True])
def test_a_docs_folder_removed_while_serving_is_written_again_and_watched_afresh(
    broken: bool, preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    preview.start()
    watched: list[int] = []
    preview.rewatch = lambda: watched.append(len(_files(preview.docs)))
    if broken:
        papers = preview.content / "curation" / "papers.yaml"
        papers.write_text("papers: [\n")
        preview.refresh()
    capsys.readouterr()
    shutil.rmtree(preview.docs)  # make clean
    preview.refresh()
    # Watched before the pages are written, so that MkDocs' watcher sees them all.
    assert watched == [0]
    said = capsys.readouterr().err.splitlines()
    docs = display_path(preview.docs)
    if broken:
        assert said[-1] == (
            f"papersite: {docs} was removed: the preview shows the site once the errors are fixed"
        )
        assert (preview.docs / "index.md").read_bytes() == (
            TEMPLATES / "preview-waiting.md"
        ).read_bytes()
        assert _problems_shown(preview)["problems"]
    else:
        assert re.fullmatch(
            rf"papersite: {docs} was removed, pages written again in .* s", said[-1]
        )
        assert (preview.docs / "about.md").is_file()
        assert _problems_shown(preview)["problems"] == []
    preview.refresh()  # nothing more to do
    assert watched == [0]


@pytest.mark.slow
def test_the_running_preview_serves_on_once_its_docs_folder_is_removed(
    curated_content: Path, tmp_path: Path
) -> None:
    # make clean or git clean while serving: MkDocs' watcher of the folder stopped for good, and
    # the preview stayed stale, edits and all.
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    docs = tmp_path / str(load_mkdocs_yaml(tmp_path / "mkdocs.yml")["docs_dir"])
    with preview_running(curated_content, tmp_path / "mkdocs.yml") as (_, base):
        shutil.rmtree(docs)
        time.sleep(2)  # MkDocs' watcher looks every 0.5 s: it finds the folder gone
        _add_a_theme(curated_content)
        assert _served(base + "about/", "Robotics Lab", timeout=30)
        assert (docs / "about.md").is_file()


def _removed_while_written(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, times: int
) -> list[int]:
    """Remove the docs folder as the About page is written, ``times`` times (rm -rf, make clean).

    The home and theme pages are written before it and are gone with the folder; the writer writes
    the rest into folders it makes again. The list counts MkDocs' watcher watching anew.
    """
    write = SiteWriter.write
    removed: list[int] = []

    def removing(self: SiteWriter, relative: str, data: str | bytes) -> None:
        if relative == "about.md" and len(removed) < times:
            removed.append(1)
            shutil.rmtree(self.root)
        write(self, relative, data)

    monkeypatch.setattr(SiteWriter, "write", removing)
    watched: list[int] = []
    preview.rewatch = lambda: watched.append(1)
    return watched


@pytest.mark.parametrize("times", [1, 3])
def test_a_docs_folder_removed_while_its_pages_are_written_is_written_again_whole(
    times: int,
    preview: Preview,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The pages written before the removal were missing, yet said regenerated; the folder, without
    # its marker, was refused by every later regeneration as not made by papersite.
    preview.start()
    pages = _files(preview.docs)
    watched = _removed_while_written(preview, monkeypatch, times)
    capsys.readouterr()
    papers = preview.content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text() + "# x\n")
    preview.refresh()
    said = capsys.readouterr().err
    assert re.fullmatch(
        r"papersite: content/curation/papers.yaml changed, pages regenerated in .* s\n", said
    )
    assert _files(preview.docs) == pages
    assert (preview.docs / MARKER).is_file()
    assert len(watched) == times
    assert _problems_shown(preview)["problems"] == []
    papers.write_text(papers.read_text() + "# yy\n")
    preview.refresh()
    assert not preview.failed


def test_a_docs_folder_removed_as_often_as_its_pages_are_written_is_written_at_the_next_look(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    preview.start()
    pages = _files(preview.docs)
    _removed_while_written(preview, monkeypatch, serve.WRITE_ATTEMPTS)
    capsys.readouterr()
    papers = preview.content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text() + "# x\n")
    preview.refresh()
    # Never said regenerated with pages missing.
    assert capsys.readouterr().err == (
        "docs: removed while papersite wrote the pages, 5 times in a row: they are written "
        "again at the next look\n"
    )
    preview.refresh()
    assert re.fullmatch(
        r"papersite: docs was removed, pages written again in .* s\n", capsys.readouterr().err
    )
    assert _files(preview.docs) == pages
    assert not preview.failed


def test_a_file_in_place_of_the_docs_folder_is_one_line_and_the_folder_written_once_it_goes(
    preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    # rm -rf build/docs; touch build/docs: every look printed a NotADirectoryError's traceback.
    preview.start()
    pages = _files(preview.docs)
    shutil.rmtree(preview.docs)
    preview.docs.write_text("someone's")
    capsys.readouterr()
    papers = preview.content / "curation" / "papers.yaml"
    for edit in ("# a\n", "# bb\n"):
        papers.write_text(papers.read_text() + edit)
        preview.refresh()
    # Said once, and the file, not papersite's, left as it is.
    assert capsys.readouterr().err == (
        "docs: is a file, not a folder: the preview serves the last good pages, and writes the "
        "pages there again once the file is removed\n"
    )
    assert preview.docs.read_text() == "someone's"
    preview.docs.unlink()
    preview.refresh()
    # The edits made meanwhile are in the pages written: no second regeneration for them.
    assert re.fullmatch(
        r"papersite: docs was removed, pages written again in .* s\n", capsys.readouterr().err
    )
    assert _files(preview.docs) == pages


@pytest.mark.parametrize("marker", [False, True])
def test_a_docs_folder_emptied_while_serving_is_written_again(
    marker: bool, preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    # rm -rf build/docs/* keeps the folder, and its marker (a dot file): nothing was noticed.
    preview.start()
    pages = _files(preview.docs)
    for path in preview.docs.iterdir():
        if path.name != MARKER or not marker:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    capsys.readouterr()
    preview.refresh()
    assert re.fullmatch(
        r"papersite: docs was emptied, pages written again in .* s\n", capsys.readouterr().err
    )
    assert _files(preview.docs) == pages
    preview.refresh()  # nothing more to do
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("removed", "said"),
    [
        (["papers"], "docs/papers was removed"),
        # Named in order of name: they were in the order the folder listed them (themes first).
        (["papers", "themes"], "docs/papers and docs/themes were removed"),
        # A theme split into pages has a folder of its own, for its pages after the first.
        (["themes/efficiency"], "docs/themes/efficiency was removed"),
        (
            ["papers/teaching-transformers-to-add.md"],
            "docs/papers/teaching-transformers-to-add.md was removed",
        ),
        (
            ["index.md", "themes/efficiency/2.md"],
            "docs/index.md and docs/themes/efficiency/2.md were removed",
        ),
        # rm build/docs/papers/*.md: thousands of them at 50,000 papers.
        (
            ["papers/*.md"],
            "docs/papers/four-bit-quantization-of-large-language-models.md, "
            "docs/papers/kernels-that-speed-up-training.md, "
            "docs/papers/quantized-state-space-models.md, "
            "docs/papers/selective-state-space-models-for-long-context.md and 2 more were removed",
        ),
    ],
)
def test_a_folder_or_page_removed_from_the_docs_folder_while_serving_is_written_again(
    removed: list[str],
    said: str,
    curated_content: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # rm -rf build/docs/papers: MkDocs removed the papers' pages it served, and nothing said why
    # nor wrote them again until an unrelated edit; a folder deeper down (build/docs/themes/<id>)
    # or a page removed stayed so even once the top folders were looked at.
    config = config_with(tmp_path, REPO / "mkdocs.yml", "theme_page_size", "1")
    preview = Preview(curated_content, tmp_path / "docs", config)
    preview.start()
    pages = _files(preview.docs)
    for pattern in removed:
        for path in preview.docs.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    capsys.readouterr()
    preview.refresh()
    assert re.fullmatch(
        rf"papersite: {said}, pages written again in .* s\n", capsys.readouterr().err
    )
    assert _files(preview.docs) == pages
    preview.refresh()  # nothing more to do
    assert capsys.readouterr().err == ""


def test_a_file_in_place_of_a_folder_of_the_docs_folder_is_said_once_and_written_once_gone(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # rm -rf build/docs/themes; : > build/docs/themes: the writer's refusal was printed, and the
    # pages regenerated, at every look (twice a second) until the file went.
    preview.start()
    pages = _files(preview.docs)
    shutil.rmtree(preview.docs / "themes")
    (preview.docs / "themes").write_text("")
    capsys.readouterr()
    preview.refresh()
    assert capsys.readouterr().err == (
        "docs/themes: not a file papersite writes, in a folder holding papersite's marker "
        "(.papersite-generated), whose files papersite removes: refusing to touch the folder; "
        "move the file out, or choose another folder for the pages\n"
        "papersite: docs/themes was removed: the preview shows the site once the errors are "
        "fixed\n"
    )
    generated = counting(monkeypatch, "generate_docs")
    preview.refresh()
    preview.refresh()
    assert capsys.readouterr().err == ""
    assert generated == []
    (preview.docs / "themes").unlink()
    preview.refresh()
    assert re.fullmatch(
        r"papersite: docs/themes was removed, pages written again in .* s\n",
        capsys.readouterr().err,
    )
    assert _files(preview.docs) == pages


def _folder_in_place_of(page: Path) -> None:
    """rm <page>; mkdir <page>, its folder's time then moved back (see serve.RECENT_NS)."""
    page.unlink()
    page.mkdir()
    _moved_back(page.parent)


def _written_again(said: str, removed: str) -> bool:
    """Whether ``said`` is the one line of the docs folder's ``removed`` written again."""
    pattern = rf"papersite: docs/{re.escape(removed)} was removed, pages written again in .* s\n"
    return re.fullmatch(pattern, said) is not None


def _moved_back(folder: Path) -> None:
    """Move the folder's modification time back past serve.RECENT_NS, each time to another."""
    changed = folder.stat().st_mtime_ns
    os.utime(folder, ns=(changed, changed - 2 * serve.RECENT_NS))


def test_a_folder_in_place_of_a_page_of_the_docs_folder_is_said_once_and_written_once_gone(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # rm build/docs/papers/<page>.md; mkdir build/docs/papers/<page>.md: its folder listed the
    # same names, so nothing was said nor written, and the page was not found until an edit.
    preview.start()
    pages = _files(preview.docs)
    page = preview.docs / "papers" / "teaching-transformers-to-add.md"
    page.unlink()
    page.mkdir()
    capsys.readouterr()
    preview.refresh()
    assert capsys.readouterr().err == (
        "docs/papers/teaching-transformers-to-add.md: cannot write: Is a directory\n"
        "papersite: docs/papers/teaching-transformers-to-add.md was removed: the preview shows "
        "the site once the errors are fixed\n"
    )
    # The other pages stay: the page saying to fix the errors pruned them, and the folder.
    assert _files(preview.docs) == pages - {"papers/teaching-transformers-to-add.md"}
    assert page.is_dir()
    generated = counting(monkeypatch, "generate_docs")
    # Its folder is listed again once, not at every look, as long as nothing in it changes: once
    # the file system's clock moved on (see serve.RECENT_NS).
    os.utime(page.parent, ns=(0, 0))
    real = os.scandir
    listed: list[str] = []

    def scandir(path: Any) -> Any:
        listed.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    for _ in range(3):
        preview.refresh()
    assert capsys.readouterr().err == ""
    assert generated == []
    assert listed.count(os.fspath(page.parent)) == 1
    page.rmdir()
    preview.refresh()
    assert _written_again(capsys.readouterr().err, f"papers/{page.name}")
    assert _files(preview.docs) == pages


def test_folders_in_place_of_pages_one_after_another_are_each_said_once(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder in a second page's place while one stood in a first's: only the last one said was
    # remembered, so the two were found gone in turn, the pages regenerated and the writer's
    # refusal printed at every look, for good. The first one removed, its page was said removed
    # again at every look: the writer stops at the second, and the page stayed unwritten.
    preview.start()
    pages = _files(preview.docs)
    first = preview.docs / "papers" / "teaching-transformers-to-add.md"
    second = preview.docs / "papers" / "four-bit-quantization-of-large-language-models.md"
    generated = counting(monkeypatch, "generate_docs")
    refused = (
        "docs/papers/four-bit-quantization-of-large-language-models.md: cannot write: Is a "
        "directory\n"
    )
    for page in (first, second):
        _folder_in_place_of(page)
        capsys.readouterr()
        preview.refresh()
        assert capsys.readouterr().err.endswith(
            f"papersite: docs/papers/{page.name} was removed: the preview shows the site once "
            "the errors are fixed\n"
        )
        for _ in range(3):
            preview.refresh()
        assert capsys.readouterr().err == ""
    assert len(generated) == 2
    first.rmdir()
    _moved_back(first.parent)
    preview.refresh()
    assert capsys.readouterr().err == (
        f"{refused}papersite: docs/papers/teaching-transformers-to-add.md was removed: the "
        "preview shows the site once the errors are fixed\n"
    )
    for _ in range(3):
        preview.refresh()
    assert capsys.readouterr().err == ""
    assert len(generated) == 3
    second.rmdir()
    preview.refresh()
    assert _written_again(capsys.readouterr().err, f"papers/{second.name}")
    assert _files(preview.docs) == pages


def test_a_folder_in_place_of_the_same_page_again_is_said_again(
    preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    # mkdir, rmdir, then rm and mkdir of the same page again: the page was still remembered as
    # having a folder in its place, so the second folder was never said, and the page was not
    # written again until an edit.
    preview.start()
    pages = _files(preview.docs)
    page = preview.docs / "papers" / "teaching-transformers-to-add.md"
    for _ in range(2):
        _folder_in_place_of(page)
        capsys.readouterr()
        preview.refresh()
        assert capsys.readouterr().err == (
            "docs/papers/teaching-transformers-to-add.md: cannot write: Is a directory\n"
            "papersite: docs/papers/teaching-transformers-to-add.md was removed: the preview "
            "shows the site once the errors are fixed\n"
        )
        page.rmdir()
        preview.refresh()
        assert _written_again(capsys.readouterr().err, f"papers/{page.name}")
        assert _files(preview.docs) == pages


def test_an_os_error_while_looking_leaves_the_watcher_watching(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Raised out of the watcher's thread, it ended it: later edits did nothing.
    preview.start()
    preview.serving.set()
    real = serve.snapshot
    failures = [OSError(errno.EIO, "Input/output error")]

    def snapshot(paths: Any) -> dict[Path, serve.Seen]:
        if failures:
            raise failures.pop()
        return real(paths)

    monkeypatch.setattr(serve, "snapshot", snapshot)
    monkeypatch.setattr(serve, "POLL_SECONDS", 0.01)
    watcher = serve._Watcher(preview)
    watcher.start()
    try:
        deadline = time.monotonic() + 30
        while failures and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)
        assert watcher._thread.is_alive()
    finally:
        watcher.stop()
    err = capsys.readouterr().err
    assert "OSError: [Errno 5] Input/output error" in err
    assert err.endswith("papersite: regenerating failed (a bug); still watching\n")


def test_a_file_gone_right_after_it_was_seen_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Editors write and delete temporary files as they save (vim's "4913"): one can be gone
    # the moment after the watcher first saw it.
    (tmp_path / "papers.yaml").write_text("papers: {}\n")
    (tmp_path / "4913").write_text("")
    real_stat = Path.stat

    def stat(path: Path, **kwargs: bool) -> os.stat_result:
        result = real_stat(path, **kwargs)
        if path.name == "4913" and os.path.exists(path):
            os.unlink(path)
        return result

    monkeypatch.setattr(Path, "stat", stat)
    assert tmp_path / "papers.yaml" in serve.snapshot([tmp_path])


def test_a_docs_folder_that_is_a_file_is_one_line_before_mkdocs_starts(
    mkdocs_not_reached: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mkdocs_not_reached.parent.mkdir(parents=True, exist_ok=True)
    mkdocs_not_reached.write_text("not a folder")
    assert main(["serve", "--dev-addr", f"127.0.0.1:{free_port()}"]) == 1
    line = line_of(Path("mkdocs.yml"), ("docs_dir",))
    assert capsys.readouterr().err == (
        f"mkdocs.yml:{line}: docs_dir '{mkdocs_not_reached}': is a file, not a folder\n"
    )


def test_a_full_disk_while_regenerating_is_one_line_and_keeps_the_last_pages(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from papersite.render import SiteWriter

    preview.start()
    before = {p: p.read_bytes() for p in preview.docs.rglob("*") if p.is_file()}
    capsys.readouterr()

    def write(self: SiteWriter, relative: str, data: str | bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")  # as write() fails: no file

    monkeypatch.setattr(SiteWriter, "write", write)
    papers = preview.content / "curation" / "papers.yaml"
    papers.write_text(
        papers.read_text().replace("The cleanest study", "Edited, the cleanest study")
    )
    preview.refresh()
    # The working folder holds the docs folder (see curated_content): the path is told from there.
    assert capsys.readouterr().err == "docs: cannot write: No space left on device\n"
    assert {p: p.read_bytes() for p in preview.docs.rglob("*") if p.is_file()} == before
    assert preview.failed


@pytest.mark.parametrize("foreign", [".about.md.swp", "papers/notes.txt"])
def test_a_file_papersite_never_writes_in_the_docs_folder_is_one_line_and_shown_until_gone(
    preview: Preview, capsys: pytest.CaptureFixture[str], foreign: str
) -> None:
    # Vim's swap file beside a page open in it: the box's writer refused the folder as well, and
    # its refusal came as a traceback, "a bug", with the box left as it was.
    preview.start()
    (preview.docs / foreign).touch()
    capsys.readouterr()
    papers = preview.content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text() + "# x\n")
    preview.refresh()
    refusal = (
        f"docs/{foreign}: not a file papersite writes, in a folder holding papersite's marker "
        f"({MARKER}), whose files papersite removes: refusing to touch the folder; move the file "
        "out, or choose another folder for the pages"
    )
    assert capsys.readouterr().err == refusal + "\n"
    assert _problems_shown(preview)["problems"] == [refusal]
    assert (preview.docs / foreign).exists()
    (preview.docs / foreign).unlink()
    papers.write_text(papers.read_text() + "# yy\n")
    preview.refresh()
    assert not preview.failed
    assert _problems_shown(preview) == {"message": "", "problems": []}


def test_a_file_papersite_never_writes_in_the_docs_folder_stops_the_start(
    preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    preview.start()
    (preview.docs / ".about.md.swp").touch()
    capsys.readouterr()
    with pytest.raises(PapersiteError, match="not a file papersite writes"):
        Preview(preview.content, preview.docs, preview.config_file).start()
    assert capsys.readouterr().err == ""


def test_a_docs_folder_whose_marker_is_removed_while_serving_is_one_line(
    preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    preview.start()
    (preview.docs / MARKER).unlink()
    capsys.readouterr()
    papers = preview.content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text() + "# x\n")
    preview.refresh()
    assert capsys.readouterr().err == (
        "docs: folder is not empty and was not made by papersite: choose another\n"
    )
    assert not (preview.docs / MARKER).exists()


def test_a_bug_met_regenerating_is_told_and_the_next_edit_regenerates(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    preview.start()
    calls: list[int] = []

    def regenerate() -> bool:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a bug")
        return True

    monkeypatch.setattr(preview, "regenerate", regenerate)
    papers = preview.content / "curation" / "papers.yaml"
    # Each edit a new size: two writes within one clock tick share a modification time.
    for edit in ("# a\n", "# bb\n"):
        papers.write_text(papers.read_text() + edit)
        preview.refresh()
    assert len(calls) == 2  # the next edit regenerated, after the bug
    err = capsys.readouterr().err
    assert "RuntimeError: a bug" in err
    assert "regenerating failed (a bug); still watching" in err


def test_the_watcher_regenerates_in_turn_with_mkdocs_once_it_serves(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve, "POLL_SECONDS", 0.01)
    held: list[bool] = []
    monkeypatch.setattr(preview, "refresh", lambda: held.append(preview.lock.locked()))
    stop = threading.Event()
    watcher = threading.Thread(target=serve._watch, args=(preview, stop), daemon=True)
    watcher.start()
    try:
        preview.serving.set()
        deadline = time.monotonic() + 30
        while not held and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        watcher.join()
    assert held
    assert all(held)


def test_mkdocs_stopping_stops_a_regeneration_at_its_next_page(
    preview: Preview, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The stop waited for the regeneration to end: 10 s and more at 5,000 papers, and a
    # container's stop sends SIGKILL 10 s after SIGTERM.
    monkeypatch.setattr(serve, "POLL_SECONDS", 0.01)
    preview.start()
    writing = threading.Event()
    written: list[str] = []
    real_write = SiteWriter.write

    def write(writer: SiteWriter, relative: str, data: str | bytes) -> None:
        if len(written) == 3:  # the regeneration is under way: the preview stops meanwhile
            writing.set()
            assert preview.stop.wait(30)
        real_write(writer, relative, data)
        written.append(relative)

    monkeypatch.setattr(SiteWriter, "write", write)
    papers = preview.content / "curation" / "papers.yaml"
    papers.write_text(papers.read_text() + "# an edit\n")
    watcher = serve._Watcher(preview)
    monkeypatch.setattr(serve, "_watching", watcher)
    watcher.start()
    preview.serving.set()
    assert writing.wait(30)
    serve.on_shutdown()  # as MkDocs' dev server stops, before it removes its site
    assert len(written) == 3  # not one page more
    assert not preview.lock.locked()
    assert capsys.readouterr().err == ""  # the stop is no bug to tell
    watcher.stop()  # again, as serve does at its end: nothing more


def serving_site_in(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview whose MkDocs dev server builds into ``site``, as on_serve is told it."""
    preview = Preview(tmp_path / "content", tmp_path / "docs", tmp_path / "mkdocs.yml")
    monkeypatch.setattr(serve, "_serving", preview)
    serve.on_serve(SimpleNamespace(builder=lambda: None), SimpleNamespace(site_dir=str(site)))


def test_mkdocs_s_built_site_is_removed_by_a_process_of_its_own_as_the_preview_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs removed the site it built in a temporary folder before serve returned: 20 to 45 s
    # at 50,000 papers after SIGTERM, and a container's stop sends SIGKILL 10 s after it.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where MkDocs' mkdtemp makes it
    site = tmp_path / "mkdocs_site"
    (site / "papers" / "a-paper").mkdir(parents=True)
    (site / "papers" / "a-paper" / "index.html").write_text("<p>a paper</p>")
    serving_site_in(site, tmp_path, monkeypatch)
    removers: list[subprocess.Popen[bytes] | None] = []
    remove_aside = serve._remove_aside
    monkeypatch.setattr(serve, "_remove_aside", lambda path: removers.append(remove_aside(path)))
    serve.on_shutdown()
    assert not site.exists()  # nothing left for MkDocs to remove before serve returns
    [remover] = removers
    assert remover is not None
    assert remover.pid != os.getpid()
    assert remover.wait(30) == 0
    assert list(tmp_path.iterdir()) == []  # removed all the same


@pytest.mark.parametrize("name", ["site", "mkdocs_site"])
def test_a_site_folder_not_mkdocs_temporary_one_is_left_to_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # Only the folder MkDocs' dev server made with mkdtemp is removed aside, never one elsewhere.
    site = tmp_path / "elsewhere" / name
    site.mkdir(parents=True)
    serving_site_in(site, tmp_path, monkeypatch)
    serve.on_shutdown()
    assert site.is_dir()


def test_as_a_container_s_first_process_the_site_is_left_to_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PID 1's exit kills the remover too (a probe found the site left in /tmp at every stop).
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(os, "getpid", lambda: 1)
    site = tmp_path / "mkdocs_site"
    site.mkdir()
    serving_site_in(site, tmp_path, monkeypatch)
    serve.on_shutdown()
    assert site.is_dir()  # where MkDocs removes it, before serve returns


def test_mkdocs_s_watcher_waiting_for_its_turn_stops_when_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It waited for the regeneration holding the lock to end, and MkDocs' stop waited for it.
    asked = threading.Event()

    class Lock:
        """The preview's lock, telling when it is asked for."""

        def __init__(self) -> None:
            self.lock = threading.Lock()

        def acquire(self, *args: Any, **kwargs: Any) -> bool:
            asked.set()
            return self.lock.acquire(*args, **kwargs)

        def release(self) -> None:
            self.lock.release()

    lock = Lock()
    preview = Preview(tmp_path / "content", tmp_path / "docs", tmp_path / "mkdocs.yml")
    monkeypatch.setattr(preview, "lock", lock)
    monkeypatch.setattr(serve, "_serving", preview)
    looked: list[float] = []
    emitter = SimpleNamespace(stopped_event=threading.Event(), queue_events=looked.append)
    server = SimpleNamespace(builder=lambda: None, observer=SimpleNamespace(emitters=[emitter]))
    serve.on_serve(server)
    with lock.lock:  # a regeneration
        waiting = threading.Thread(target=emitter.queue_events, args=(0.01,), daemon=True)
        waiting.start()
        assert asked.wait(30)
        emitter.stopped_event.set()
        waiting.join(timeout=30)
        assert not waiting.is_alive()
    assert looked == []


def _serving(
    monkeypatch: pytest.MonkeyPatch, build: Callable[[str, dict[str, Any]], None]
) -> Callable[[Callable[[Preview, Callable[[], None]], None]], None]:
    """Run serve with MkDocs' dev server replaced by what it does to its hooks, then ``does``.

    The dev server reads its settings (and so papersite's hooks) and calls on_serve after its
    first build. ``build(config_file, overrides)`` is its build, and ``does(preview, rebuild)``
    runs where it would serve: ``rebuild`` is a rebuild as its watcher starts one.
    """

    def run(does: Callable[[Preview, Callable[[], None]], None]) -> None:
        def mkdocs_serve(
            config_file: str, livereload: bool, build_type: str, **overrides: Any
        ) -> None:
            config = load_mkdocs_config(Path(config_file), **overrides)
            server = SimpleNamespace(builder=lambda *args: build(config_file, overrides))
            config.plugins.on_serve(server, config=config, builder=server.builder)
            assert serve._serving is not None
            does(serve._serving, server.builder)

        shutil.copy(REPO / "mkdocs.yml", "mkdocs.yml")
        monkeypatch.setattr("mkdocs.commands.serve.serve", mkdocs_serve)
        assert main(["serve", "--dev-addr", f"127.0.0.1:{free_port()}"]) == 0

    return run


def test_mkdocs_rebuilds_only_once_a_regeneration_has_written_every_page(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs' watcher wakes at the first page papersite rewrites: a build reading the pages while
    # they are written failed on a page changed between its reading and its rendering.
    order: list[str] = []
    rebuild: threading.Thread | None = None
    real_generate_docs = build.generate_docs

    def generate_docs(*args: Any, **kwargs: Any) -> Any:
        order.append("writing")
        if rebuild is not None:
            rebuild.start()
            rebuild.join(timeout=0.5)  # time for it to build, were it free to
        generated = real_generate_docs(*args, **kwargs)
        order.append("written")
        return generated

    monkeypatch.setattr("papersite.serve.generate_docs", generate_docs)

    def edit_while_serving(preview: Preview, build_again: Callable[[], None]) -> None:
        nonlocal rebuild
        rebuild = threading.Thread(target=build_again)
        themes = preview.content / "curation" / "themes.yaml"
        themes.write_text(themes.read_text().replace("title: Efficiency", "title: Speed", 1))
        with preview.lock:  # as the watcher regenerates
            preview.refresh()
        rebuild.join()

    _serving(monkeypatch, lambda config_file, overrides: order.append("built"))(edit_while_serving)
    assert order == ["writing", "written", "writing", "written", "built"]


def test_mkdocs_s_watcher_sees_a_regeneration_s_writes_all_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs' watcher looks every 0.5 s and a regeneration writes for a second or so: it saw the
    # first pages in one look and the rest in the next, and MkDocs rebuilt twice for one save.
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers.polling import PollingObserver

    docs = tmp_path / "docs"
    docs.mkdir()
    preview = Preview(tmp_path / "content", docs, tmp_path / "mkdocs.yml")
    monkeypatch.setattr(serve, "_serving", preview)
    seen: list[tuple[float, str]] = []

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if not event.is_directory:
                seen.append((time.monotonic(), Path(str(event.src_path)).name))

    observer = PollingObserver(timeout=0.05)  # as MkDocs' dev server has it, looking faster
    observer.schedule(Handler(), str(docs), recursive=True)
    serve.on_serve(SimpleNamespace(builder=lambda: None, observer=observer))
    observer.start()
    try:
        time.sleep(0.2)  # its first look
        with preview.lock:  # as a regeneration writes
            (docs / "first.md").write_text("first")
            time.sleep(0.5)  # ten looks' time
            (docs / "last.md").write_text("last")
            written = time.monotonic()
        deadline = time.monotonic() + 10
        while len(seen) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        observer.stop()
        observer.join()
    assert sorted(name for _, name in seen) == ["first.md", "last.md"]
    assert all(when >= written for when, _ in seen)


def test_a_page_papersite_removes_is_removed_from_the_served_site(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs' rebuilds write what changed and delete nothing: a hidden paper's page stayed served.
    built = Path("site")  # mkdocs.yml's site_dir, where MkDocs' dev server has its own

    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        docs = Path(config_file).parent / str(load_mkdocs_yaml(Path(config_file))["docs_dir"])
        for page in docs.rglob("*.md"):  # as MkDocs builds them, one folder a page
            name = page.relative_to(docs).with_suffix("").as_posix()
            target = built / ("" if name == "index" else name) / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("page")

    def hide_a_paper(preview: Preview, build_again: Callable[[], None]) -> None:
        page = built / "papers" / "quantized-state-space-models" / "index.html"
        mkdocs_build("mkdocs.yml", {})  # the first build
        assert page.exists()
        papers = preview.content / "curation" / "papers.yaml"
        papers.write_text(
            papers.read_text().replace(
                "  quantized-state-space-models:\n",
                "  quantized-state-space-models:\n    hidden: Not for now.\n",
                1,
            )
        )
        build_again()
        assert not page.parent.exists()
        assert (built / "papers" / "teaching-transformers-to-add" / "index.html").exists()

    _serving(monkeypatch, mkdocs_build)(hide_a_paper)


@pytest.mark.parametrize(
    ("removed", "standing"),
    [("tags", "tags/index.html"), ("tags.md", "tags")],
    ids=["folder-where-a-file-was", "file-where-a-folder-was"],
)
def test_a_built_page_of_another_kind_now_is_skipped_and_the_rest_removed(
    tmp_path: Path, removed: str, standing: str
) -> None:
    # rm -rf build/docs/tags; : > build/docs/tags; rm build/docs/tags: the file's built copy was
    # site/tags, the folder of the tags' pages again, and unlinking it failed every later rebuild.
    site = tmp_path / "site"
    (site / standing).parent.mkdir(parents=True, exist_ok=True)
    (site / standing).write_text("page")
    (site / "about").mkdir()
    (site / "about" / "index.html").write_text("page")
    config = SimpleNamespace(site_dir=str(site), use_directory_urls=True)
    serve._remove_built([removed, "about.md"], tmp_path / "docs", config)
    assert (site / standing).is_file()
    assert not (site / "about").exists()


def test_a_file_in_place_of_the_docs_folder_leaves_the_served_site_as_it_was(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every built page was removed as gone, and the rebuild failed: "docs_dir isn't an existing
    # directory". Stopped meanwhile, serve failed to remove its own files from the folder.
    built = Path("site")
    builds: list[int] = []

    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        builds.append(1)
        (built / "about").mkdir(parents=True, exist_ok=True)
        (built / "about" / "index.html").write_text("page")

    def replace_the_folder(preview: Preview, build_again: Callable[[], None]) -> None:
        mkdocs_build("mkdocs.yml", {})  # the first build
        shutil.rmtree(preview.docs)
        preview.docs.write_text("")
        build_again()
        assert (built / "about" / "index.html").exists()
        assert len(builds) == 1

    _serving(monkeypatch, mkdocs_build)(replace_the_folder)


def test_a_docs_folder_removed_as_mkdocs_builds_is_no_error(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # make clean during a rebuild: "MkDocs serve failed" was said of a state serve mends itself.
    removed: list[int] = []

    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        docs = Path(config_file).parent / str(load_mkdocs_yaml(Path(config_file))["docs_dir"])
        if not removed:
            removed.append(1)
            shutil.rmtree(docs)
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(docs))

    def remove_as_built(preview: Preview, build_again: Callable[[], None]) -> None:
        capsys.readouterr()
        build_again()
        assert capsys.readouterr().err == ""
        build_again()  # as MkDocs' watcher does, the folder written again
        assert re.fullmatch(
            r"papersite: build/docs was removed, pages written again in .* s\n",
            capsys.readouterr().err,
        )

    _serving(monkeypatch, mkdocs_build)(remove_as_built)


def test_a_change_to_mkdocs_yml_regenerates_the_pages_before_mkdocs_rebuilds(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # papersite's options, such as the page sizes, are in mkdocs.yml: MkDocs alone watched it.
    seen: list[bool] = []

    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        docs = Path(config_file).parent / str(load_mkdocs_yaml(Path(config_file))["docs_dir"])
        seen.append((docs / "themes" / "efficiency" / "2.md").exists())

    def shorter_pages(preview: Preview, build_again: Callable[[], None]) -> None:
        config = Path("mkdocs.yml")
        text = config.read_text(encoding="utf-8")
        assert "theme_page_size: 300\n" in text
        config.write_text(text.replace("theme_page_size: 300\n", "theme_page_size: 1\n"))
        build_again()

    _serving(monkeypatch, mkdocs_build)(shorter_pages)
    assert seen == [True]


def test_the_watcher_regenerates_when_mkdocs_yml_changes(curated_content: Path) -> None:
    shutil.copy(REPO / "mkdocs.yml", "mkdocs.yml")
    config = Path("mkdocs.yml")
    preview = Preview(curated_content, Path("docs"), config)
    preview.start()
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("theme_page_size: 300\n", "theme_page_size: 1\n"))
    preview.refresh()
    assert (preview.docs / "themes" / "efficiency" / "2.md").exists()


def _said_as_mkdocs_yml_is(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    edited: Callable[[str], list[str]],
) -> list[list[str]]:
    """What the preview prints as mkdocs.yml is each of ``edited(its text)`` in turn, and rebuilt.

    For each, the lines printed but the one saying mkdocs.yml changed (and what was done).
    """
    said: list[list[str]] = []

    def edits(preview: Preview, build_again: Callable[[], None]) -> None:
        config = Path("mkdocs.yml")
        for text in edited(config.read_text(encoding="utf-8")):
            config.write_text(text, encoding="utf-8")
            capsys.readouterr()
            build_again()  # as MkDocs' watcher rebuilds, regenerating first
            err = capsys.readouterr().err.splitlines()
            said.append([line for line in err if not line.startswith("papersite: mkdocs.yml ch")])

    monkeypatch.setattr(serve, "POLL_SECONDS", 3600)  # the watcher would race the edits' refresh
    _serving(monkeypatch, lambda config_file, overrides: None)(edits)
    return said


def test_an_edit_to_a_setting_read_at_start_up_says_to_start_again(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The preview gives MkDocs the theme (and plugins, hooks...) as read at start-up: a new
    # palette was said to be "regenerated" and never showed.
    red = "primary: red"
    said = _said_as_mkdocs_yml_is(
        monkeypatch,
        capsys,
        lambda text: [
            text + "# a comment\n",
            text.replace("primary: indigo", red, 1),
            text.replace("primary: indigo", red, 1) + "hooks: [more_hooks.py]\n",
            text,
        ],
    )
    again = "stop the preview and start it again to see"
    assert said == [
        [],
        [f"papersite: mkdocs.yml's theme changed: {again} it"],
        # The theme's new palette was told already.
        [f"papersite: mkdocs.yml's hooks changed: {again} it"],
        [],
    ]


def test_a_new_site_url_is_told_once_and_only_one_a_new_start_would_take(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Told again at every later edit of mkdocs.yml, and for 'ftp://x', at which a start stops.
    def site_urls(text: str) -> list[str]:
        assert "\nsite_url: " in text
        moved = re.sub(r"(?m)^site_url: .*$", "site_url: https://example.org/other/", text)
        return [
            moved,
            moved + "copyright: x\n",
            moved.replace("https://example.org/other/", "ftp://x"),
            moved.replace("https://example.org/other/", "https://example.org/third/"),
        ]

    said = _said_as_mkdocs_yml_is(monkeypatch, capsys, site_urls)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    line = text[: text.index("\nsite_url: ")].count("\n") + 2
    changed = (
        "papersite: mkdocs.yml's site_url changed: stop the preview and start it again to see it"
    )
    assert said == [
        [changed],
        [],
        [
            f"mkdocs.yml:{line}: site_url 'ftp://x' has the scheme 'ftp:': write the published "
            "address as an https:// (or http://) one, e.g. https://example.github.io/papers/"
        ],
        [changed],
    ]


def _told_of_startup_settings(started: str, edited: str) -> str:
    """What a preview started with ./mkdocs.yml ``started`` says once it is ``edited``."""
    config = Path("mkdocs.yml")
    config.write_text(started, encoding="utf-8")
    startup = serve._startup_settings(load_mkdocs_yaml(config))
    preview = Preview(Path("content"), Path("docs"), config, startup=startup)
    config.write_text(edited, encoding="utf-8")
    return "".join(f"{line}\n" for line in preview._startup_settings_changed())


def test_site_url_s_path_is_read_at_start_up_its_host_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs' dev server mounts the site at site_url's path once: a new path gave 404 unsaid.
    monkeypatch.chdir(tmp_path)
    started = "site_name: Papers\nsite_url: https://example.org/papersite/\n"
    told = [
        _told_of_startup_settings(started, f"site_name: Papers\nsite_url: {url}\n")
        for url in (
            "https://other.example.com/papersite/",  # the host alone: rebuilt as it is
            "https://example.org/papersite",  # the same mount path to MkDocs
            "https://example.org/other/",
            "https://example.org/",
        )
    ]
    again = "stop the preview and start it again to see it"
    changed = f"papersite: mkdocs.yml's site_url changed: {again}\n"
    assert told == ["", "", changed, changed]


def test_a_custom_dir_that_does_not_exist_is_said_as_build_says_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It was only "theme changed: start it again", and the preview would not have started.
    monkeypatch.chdir(tmp_path)
    config = Path("mkdocs.yml")
    started = "site_name: Papers\ntheme:\n  name: mkdocs\n"
    Path("docs").mkdir()
    missing = started + "  custom_dir: missing\n"
    config.write_text(missing, encoding="utf-8")
    # papersite build's words for it, from MkDocs' refusal of the setting.
    with (
        pytest.raises(PapersiteError) as built,
        mkdocs_logging(logging.ERROR) as log,
        mkdocs_failures(log, config),
    ):
        load_mkdocs_config(config)
    cause = built.value.problems[0].message.removeprefix("MkDocs build failed: ").rstrip(".")
    assert "custom_dir" in cause
    said = _told_of_startup_settings(started, missing)
    # At the custom_dir's line, and no "start it again": the preview would not start.
    assert said == f"mkdocs.yml:4: {cause}; the preview goes on with the theme it started with\n"
    # Once the folder is there, the theme is one to start again with.
    Path("missing").mkdir()
    said = _told_of_startup_settings(started, missing)
    again = "stop the preview and start it again to see it"
    assert said == f"papersite: mkdocs.yml's theme changed: {again}\n"


def test_a_yaml_mistake_in_mkdocs_yml_while_serving_is_one_line(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        # MkDocs' rebuild reads its settings first: it raised, and the dev server printed the
        # two chained tracebacks.
        load_config(config_file, **overrides)

    shown: list[list[str]] = []

    def typo(preview: Preview, build_again: Callable[[], None]) -> None:
        Path("site").mkdir()  # mkdocs.yml's site_dir, which MkDocs serves
        config = Path("mkdocs.yml")
        config.write_text(config.read_text(encoding="utf-8") + "bogus_key: [\n")
        build_again()
        # papersite's regeneration, reading its options, has met the mistake first.
        assert preview.failed
        # MkDocs copies the docs folder's box only when it builds: the served site has it too.
        shown.append(json.loads(Path("site", serve.PROBLEMS_FILE).read_text())["problems"])

    from mkdocs.config import load_config

    _serving(monkeypatch, mkdocs_build)(typo)
    line = (REPO / "mkdocs.yml").read_text(encoding="utf-8").count("\n") + 1  # the typo's
    err = capsys.readouterr().err
    # Once: papersite's regeneration and MkDocs' rebuild both met it.
    assert err.count("YAML syntax error") == 1
    error = (
        f"mkdocs.yml:{line}: YAML syntax error: the [ on this line is never closed: end it with ] "
        "(YAML read on to the end of the file looking for it)"
    )
    assert err.splitlines()[-1] == error
    assert shown == [[error]]


def _edited_while_serving(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    written: str,
    edited: str,
) -> tuple[int, list[str], list[list[str]]]:
    """What the preview says and shows as mkdocs.yml's line ``written`` is ``edited``, then back.

    That line's number; the lines printed for MkDocs' rebuild after the edit; the box's problems
    after it, and after the rebuild once the line is written back.
    """

    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        # MkDocs' rebuild reads its settings first: it logged the cause and raised an Abort, and
        # the dev server printed "Aborted with a configuration error!" and held every request.
        load_config(config_file, **overrides)

    said: list[str] = []
    shown: list[list[str]] = []

    def refused(preview: Preview, build_again: Callable[[], None]) -> None:
        site = Path("site")  # mkdocs.yml's site_dir, which MkDocs serves
        site.mkdir()
        config = Path("mkdocs.yml")
        good = config.read_text(encoding="utf-8")
        assert f"\n{written}\n" in good
        config.write_text(good.replace(f"\n{written}\n", f"\n{edited}\n"))
        capsys.readouterr()
        build_again()  # returns: the dev server then answers requests
        said.extend(capsys.readouterr().err.splitlines())
        shown.append(json.loads((site / serve.PROBLEMS_FILE).read_text())["problems"])
        config.write_text(good)
        build_again()
        shown.append(json.loads((site / serve.PROBLEMS_FILE).read_text())["problems"])

    from mkdocs.config import load_config

    _serving(monkeypatch, mkdocs_build)(refused)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    return text[: text.index(f"\n{written}\n")].count("\n") + 2, said, shown


def test_a_setting_mkdocs_refuses_while_serving_is_one_line_and_shown_until_fixed(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    line, said, shown = _edited_while_serving(
        monkeypatch, capsys, "use_directory_urls: true", "use_directory_urls: maybe"
    )
    error = (
        f"mkdocs.yml:{line}: MkDocs serve failed: 'use_directory_urls' must be true or false, "
        "not 'maybe'"
    )
    # What changed, then why MkDocs rebuilt nothing: "no page changed" said first read as done.
    assert said == ["papersite: mkdocs.yml changed", error]
    # In the box under the last good pages, and gone once a rebuild succeeds.
    assert shown == [[error], []]


@pytest.mark.parametrize(
    ("edited", "said"),
    [
        ("site_name: 123", ("'site_name' must be text, not the number 123",)),
        # Appended: MkDocs keeps the last, and refused it as well, in its own words. papersite
        # checks the one MkDocs keeps, too.
        (
            f"{SITE_NAME_LINE}\nsite_name: 123",
            (
                f"site_name is set twice, first on line {SITE_NAME_AT}: keep one",
                "'site_name' must be text, not the number 123",
            ),
        ),
    ],
    ids=["replaced", "appended"],
)
def test_a_setting_papersite_and_mkdocs_both_refuse_while_serving_is_one_error(
    edited: str,
    said: tuple[str, ...],
    curated_content: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    line, printed, shown = _edited_while_serving(monkeypatch, capsys, SITE_NAME_LINE, edited)
    line += edited.count("\n")  # the last key edited in
    errors = [f"mkdocs.yml:{line}: {each}" for each in said]
    # papersite's regeneration met it first; MkDocs' "MkDocs serve failed: 'site_name' must be
    # text..." was one more error in the box ("2 errors"), of the same mistake.
    assert printed == errors
    assert shown == [errors, []]


def _said_by_a_rebuild(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    build: Callable[[str, dict[str, Any]], None],
    before: Callable[[], None] = lambda: None,
) -> list[str]:
    """The lines the preview prints for one rebuild by ``build``, once ``before`` has run."""
    said: list[str] = []

    def rebuild(preview: Preview, build_again: Callable[[], None]) -> None:
        before()
        capsys.readouterr()
        build_again()
        said.extend(capsys.readouterr().err.splitlines())

    _serving(monkeypatch, build)(rebuild)
    return said


def test_a_settings_chain_papersite_refuses_while_serving_is_not_read_by_mkdocs(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # 'INHERIT: pipe' in base.yml: papersite refused it, then MkDocs' rebuild read the chain, waited
    # on the pipe for ever, holding the lock, and the preview never answered again.
    builds: list[str] = []

    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        builds.append(Path("base.yml").read_text(encoding="utf-8"))

    def refused_then_mended(preview: Preview, build_again: Callable[[], None]) -> None:
        site = Path("site")  # mkdocs.yml's site_dir, which MkDocs serves
        site.mkdir()
        os.mkfifo("pipe")
        config = Path("mkdocs.yml")
        config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"))
        base = Path("base.yml")
        base.write_text("copyright: x\n", encoding="utf-8")
        build_again()
        base.write_text("INHERIT: pipe\ncopyright: x\n", encoding="utf-8")
        capsys.readouterr()
        build_again()
        said.extend(capsys.readouterr().err.splitlines())
        shown.append(json.loads((site / serve.PROBLEMS_FILE).read_text())["problems"])
        base.write_text("copyright: y\n", encoding="utf-8")
        build_again()

    said: list[str] = []
    shown: list[list[str]] = []
    _serving(monkeypatch, mkdocs_build)(refused_then_mended)
    error = (
        "pipe: is not a regular file (a pipe, a socket or a device) (named by INHERIT at "
        "base.yml:1)"
    )
    assert said == [error]
    assert shown == [[error]]
    # Not asked to rebuild while refused; once mended, it rebuilds.
    assert builds == ["copyright: x\n", "copyright: y\n"]


def _said_and_shown_as_edited(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    build: Callable[[str, dict[str, Any]], None],
    before: Callable[[], None],
    edits: list[tuple[str, str]],
) -> tuple[list[str], list[list[str]]]:
    """What the preview prints, and its box shows, as each of ``edits`` is saved and rebuilt.

    ``build`` is MkDocs' build; ``before`` is run and rebuilt first. An edit is a file's name
    and its new text; the lines printed are those of every rebuild after an edit, the box's
    problems one list for each.
    """
    said: list[str] = []
    shown: list[list[str]] = []

    def edited(preview: Preview, build_again: Callable[[], None]) -> None:
        site = Path("site")  # mkdocs.yml's site_dir, which MkDocs serves
        site.mkdir()
        before()
        build_again()
        for name, text in edits:
            Path(name).write_text(text, encoding="utf-8")
            capsys.readouterr()
            build_again()
            said.extend(capsys.readouterr().err.splitlines())
            shown.append(json.loads((site / serve.PROBLEMS_FILE).read_text())["problems"])

    _serving(monkeypatch, build)(edited)
    return said, shown


def test_a_new_mistake_in_a_refused_base_file_is_told_and_shown_alone(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # With the chain refused, mkdocs.yml alone was watched: the second mistake was never printed,
    # and the box listed it after the first, mended.
    def inheriting() -> None:
        config = Path("mkdocs.yml")
        config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"))
        Path("base.yml").write_text("copyright: x\n", encoding="utf-8")

    said, shown = _said_and_shown_as_edited(
        monkeypatch,
        capsys,
        lambda config_file, overrides: None,
        inheriting,
        [("base.yml", "INHERIT: 5\n"), ("base.yml", "INHERIT: nowhere.yml\n")],
    )
    first = "base.yml:1: INHERIT must be the name of a YAML file, not the number 5"
    second = "base.yml:1: INHERIT names 'nowhere.yml': no such file"
    assert said == [first, second]
    assert shown == [[first], [second]]


def test_a_setting_refused_in_an_inherited_file_while_serving_is_one_error(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs' "mkdocs.yml: MkDocs serve failed: Config value 'site_url': Expected a string" was
    # printed after papersite's line, and the box said "2 errors" of one mistake.
    from mkdocs.config import load_config

    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        load_config(config_file, **overrides)

    said, shown = _said_and_shown_as_edited(
        monkeypatch,
        capsys,
        mkdocs_build,
        lambda: _site_url_inherited("https://papersite.github.io/papersite/"),
        [("b.yml", "site_url: 5\n")],
    )
    assert said == [SITE_URL_5]
    assert shown == [[SITE_URL_5]]


def test_mkdocs_yml_gone_while_serving_is_said_once(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mkdocs.config import load_config

    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        load_config(config_file, **overrides)  # "Config file 'mkdocs.yml' does not exist."

    said = _said_by_a_rebuild(monkeypatch, capsys, mkdocs_build, Path("mkdocs.yml").unlink)
    # papersite's regeneration said it first, in its words; MkDocs' rebuild then met it too.
    assert said == ["mkdocs.yml: cannot read file: No such file or directory"]


def test_a_rebuild_that_fails_otherwise_is_one_line_and_the_preview_serves_on(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        raise KeyError("palette")  # a plugin's or the theme's own failure

    said = _said_by_a_rebuild(monkeypatch, capsys, mkdocs_build)
    # Where it was raised stands for the traceback: a bug is found from it.
    line = mkdocs_build.__code__.co_firstlineno + 1
    assert said == [
        f"mkdocs.yml: MkDocs serve failed: KeyError: 'palette' (raised at {__file__}:{line})"
    ]


def test_a_rebuild_failing_with_a_message_over_lines_is_still_one_line(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        raise RuntimeError("Could not load the theme.\nNo module named 'x'")

    said = _said_by_a_rebuild(monkeypatch, capsys, mkdocs_build)
    assert len(said) == 1
    assert said[0].startswith(
        "mkdocs.yml: MkDocs serve failed: RuntimeError: Could not load the theme. "
        "No module named 'x' (raised at "
    )


def test_a_rebuild_s_errors_are_printed_when_it_succeeds_all_the_same(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Kept while MkDocs rebuilds, to name a failure: a rebuild that went on is no failure, and
    # they are printed at its end as they were at once.
    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        logging.getLogger("mkdocs.plugins").error("a plugin's complaint")

    def serving() -> None:
        logging.getLogger("mkdocs.livereload").info("[12:00:00] Serving on http://127.0.0.1/")

    said = _said_by_a_rebuild(monkeypatch, capsys, mkdocs_build, serving)
    assert said == ["mkdocs: error: a plugin's complaint"]


def _with_own_theme(folder: Path) -> Path:
    """A copy of the shipped mkdocs.yml in ``folder`` whose theme's custom_dir is a copy of
    papersite's overrides there, ``theme/``; the copy of mkdocs.yml is returned."""
    shutil.copytree(THEME_OVERRIDES, folder / "theme")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  name: material\n" in text
    config = folder / "mkdocs.yml"
    config.write_text(
        text.replace("\n  name: material\n", "\n  name: material\n  custom_dir: theme\n")
    )
    return config


def test_an_edit_to_the_theme_s_templates_has_every_page_rebuilt(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs watches only the docs folder and mkdocs.yml, and its dirty rebuilds render only the
    # pages touched: the pages kept the old template until some other edit, then mixed both.
    theme = Path("theme")
    shutil.copytree(THEME_OVERRIDES, theme)
    preview = Preview(curated_content, Path("docs"), REPO / "mkdocs.yml", theme=theme)
    preview.start()
    stamps = {p: p.stat().st_mtime_ns for p in preview.docs.rglob("*") if p.is_file()}
    generations = counting(monkeypatch, "generate_docs")
    capsys.readouterr()
    main_html = theme / "main.html"
    main_html.write_text(main_html.read_text().replace("{{ super() }}", "{{ super() }}<meta>", 1))
    preview.refresh()
    assert all(p.stat().st_mtime_ns > stamp for p, stamp in stamps.items())
    assert not generations  # the Markdown is the same
    assert capsys.readouterr().err == "papersite: theme/main.html changed, every page rebuilt\n"


def test_a_template_edit_mkdocs_fails_to_render_is_not_said_to_have_rebuilt_every_page(
    curated_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # "theme/main.html changed, every page rebuilt" came just before the error that stopped it.
    theme = Path("theme")
    shutil.copytree(THEME_OVERRIDES, theme)

    def mkdocs_build(config_file: str, overrides: dict[str, Any]) -> None:
        raise jinja2.TemplateSyntaxError(
            "unexpected '}'", 12, "main.html", str(theme / "main.html")
        )

    said: list[str] = []

    def broken(preview: Preview, build_again: Callable[[], None]) -> None:
        preview.theme = theme
        preview.inputs_seen = serve.snapshot(preview.inputs)
        main_html = theme / "main.html"
        main_html.write_text(main_html.read_text().replace("{{ super() }}", "{{ super() }", 1))
        capsys.readouterr()
        with preview.lock:  # as the watcher regenerates
            preview.refresh()
        build_again()  # the pages touched start MkDocs' rebuild
        said.extend(capsys.readouterr().err.splitlines())

    _serving(monkeypatch, mkdocs_build)(broken)
    assert said == ["papersite: theme/main.html changed", "theme/main.html:12: unexpected '}'"]


@pytest.mark.parametrize("own", [False, True], ids=["papersite-s", "mkdocs-yml-s"])
def test_the_preview_watches_the_theme_s_custom_dir_mkdocs_renders_with(
    own: bool, curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watched: list[Path | None] = []

    def mkdocs_serve(config_file: str, livereload: bool, build_type: str, **overrides: Any) -> None:
        assert serve._serving is not None
        watched.append(serve._serving.theme)

    monkeypatch.setattr("mkdocs.commands.serve.serve", mkdocs_serve)
    config = _with_own_theme(Path.cwd()) if own else REPO / "mkdocs.yml"
    assert main(["serve", "--config", str(config), "--dev-addr", _free_address()]) == 0
    assert watched == [Path.cwd() / "theme" if own else THEME_OVERRIDES]


@pytest.mark.slow
def test_the_running_preview_shows_an_edit_to_the_theme_s_templates(
    curated_content: Path, tmp_path: Path
) -> None:
    config = _with_own_theme(tmp_path)
    with preview_running(curated_content, config) as (_, base):
        main_html = tmp_path / "theme" / "main.html"
        probe = '<meta name="probe" content="PROBE-MAIN">'
        main_html.write_text(
            main_html.read_text().replace("{{ super() }}", "{{ super() }}" + probe, 1)
        )
        assert _served(base + "about/", probe)
        assert _served(base + "papers/teaching-transformers-to-add/", probe)


@pytest.mark.slow
def test_the_running_preview_answers_through_a_mistake_in_the_theme_s_templates(
    curated_content: Path, tmp_path: Path
) -> None:
    config = _with_own_theme(tmp_path)
    main_html = tmp_path / "theme" / "main.html"
    good = main_html.read_text()
    terminal = tmp_path / "stderr.txt"
    with (
        terminal.open("w") as stderr,
        preview_running(curated_content, config, stderr=stderr.fileno()) as (_, base),
    ):
        main_html.write_text(good.replace("{{ super() }}", "{{ super() }}{% if %}", 1))
        # MkDocs' dev server held every request until a rebuild succeeded, with no word.
        assert _served(base + serve.PROBLEMS_FILE, "Expected an expression")
        page = fetch(base + "about/")
        assert page is not None
        assert "Sequence Models" in page  # the last good page
        probe = '<meta name="probe" content="PROBE-FIXED">'
        main_html.write_text(good.replace("{{ super() }}", "{{ super() }}" + probe, 1))
        assert _served(base + "about/", probe)
        fixed = fetch(base + serve.PROBLEMS_FILE)
        assert fixed is not None
        assert json.loads(fixed)["problems"] == []
    err = terminal.read_text()
    line = good[: good.index("{{ super() }}")].count("\n") + 1
    assert f"theme/main.html:{line}: Expected an expression, got 'end of statement block'" in err
    assert "Traceback" not in err


STOPPED = [(signal.SIGINT, "papersite: interrupted"), (signal.SIGTERM, "papersite: terminated")]


@pytest.mark.parametrize(("signum", "said"), STOPPED, ids=["ctrl-c", "sigterm"])
def test_a_stopped_preview_says_so_and_exits_as_a_stopped_build_does(
    signum: signal.Signals,
    said: str,
    curated_content: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # MkDocs' dev server catches the KeyboardInterrupt, says "Shutting down..." and returns:
    # papersite exited 0, as if done.
    def stopped() -> None:
        try:
            signal.raise_signal(signum)
            pytest.fail("the signal raised nothing")
        except KeyboardInterrupt:
            logging.getLogger("mkdocs.commands.serve").info("Shutting down...")

    address = _instead_of_mkdocs_serve(monkeypatch, stopped)
    # As in a terminal, where Python's handler raises KeyboardInterrupt (tests may run where
    # SIGINT is ignored).
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        assert main(["serve", "--dev-addr", address]) == 128 + signum
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, before)
    assert capsys.readouterr().err.splitlines()[-1] == said


@pytest.mark.parametrize(
    "signum", [None, signal.SIGINT, signal.SIGTERM], ids=["exit", "ctrl-c", "sigterm"]
)
def test_the_preview_s_own_files_leave_the_docs_folder_with_it(
    signum: signal.Signals | None, curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # They stayed, and a plain ``mkdocs build`` of the docs folder published them.
    docs = Path(load_mkdocs_yaml(REPO / "mkdocs.yml")["docs_dir"])
    own = [docs / serve.PROBLEMS_SCRIPT, docs / serve.PROBLEMS_FILE]
    served: list[bool] = []

    def serving() -> None:
        served.append(all(path.exists() for path in own))
        if signum is not None:
            with contextlib.suppress(KeyboardInterrupt):  # as MkDocs' dev server does
                signal.raise_signal(signum)

    address = _instead_of_mkdocs_serve(monkeypatch, serving)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        assert main(["serve", "--dev-addr", address]) == (0 if signum is None else 128 + signum)
    finally:
        signal.signal(signal.SIGINT, before)
    assert served == [True]
    assert not any(path.exists() for path in own)
    assert (docs / "index.md").exists()  # the pages stay, as after a build


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "said"), STOPPED, ids=["ctrl-c", "sigterm"])
def test_a_stopped_preview_leaves_nothing_behind(
    signum: signal.Signals, said: str, curated_content: Path, tmp_path: Path
) -> None:
    temp = tmp_path / "temp"  # where MkDocs and papersite make their temporary folders
    temp.mkdir()
    config = tmp_path / "mkdocs.yml"
    shutil.copy(REPO / "mkdocs.yml", config)
    env = {"TMPDIR": str(temp)}
    with preview_running(curated_content, config, stderr=subprocess.PIPE, env=env) as (server, _):
        server.send_signal(signum)
        _, err = server.communicate(timeout=60)
    assert server.returncode == 128 + signum
    assert err.splitlines()[-1] == said
    assert "Shutting down" not in err
    assert not list(temp.iterdir())
