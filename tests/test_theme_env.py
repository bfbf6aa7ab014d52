from __future__ import annotations

import os
import re
from pathlib import Path

import jinja2
import pytest

from papersite import theme_env
from papersite.build import build_site
from papersite.mkdocs_glue import THEME_OVERRIDES
from papersite.theme_env import CompactLoader, compacted, keeps_whitespace, template_folders

from .sites import loaded, paged_config, tree

PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


def lines_of(html: str) -> list[str]:
    """The page's lines without their leading and trailing whitespace, empty ones left out."""
    stripped = (line.strip(" \t\r\f") for line in html.split("\n"))
    return [line for line in stripped if line]


def test_compacted_cuts_each_run_of_whitespace_holding_a_break_to_the_break() -> None:
    source = "<a>\n    {% if x %}\t\n\n      <b>one  two</b>\r\n\f </a>  \n"
    assert compacted(source) == "<a>\n{% if x %}\n<b>one  two</b>\n</a>\n"
    # A no-break space shows, unlike HTML's whitespace: kept, as are runs without a break.
    assert compacted("a\n\u00a0b  c") == "a\n\u00a0b  c"


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("<div>\n  <pre>  x\n    y</pre>\n</div>", True),
        ("<TEXTAREA>\n  x</TEXTAREA>", True),
        ("<script>let s = `a\n  b`</script>", True),
        ("{# the `feeds` of a page #}\n  <div>\n  </div>", False),
        ("<div>\n  <preview-card></preview-card>\n</div>", False),
    ],
)
def test_a_template_whose_whitespace_shows_or_runs_is_kept(source: str, kept: bool) -> None:
    assert keeps_whitespace(source) is kept


def test_the_loader_compacts_the_known_folders_templates_alone(tmp_path: Path) -> None:
    known, fork = tmp_path / "known", tmp_path / "fork"
    for folder, name in ((known, "a.html"), (known, "pre.html"), (fork, "b.html")):
        folder.mkdir(exist_ok=True)
        body = "<pre>\n  x</pre>" if name == "pre.html" else "<p>\n  {{ x }}\n</p>"
        (folder / name).write_text(body, encoding="utf-8")
    env = jinja2.Environment(
        loader=CompactLoader(jinja2.FileSystemLoader([str(known), str(fork)]), [known])
    )
    assert env.get_template("a.html").render(x="1\n  2") == "<p>\n1\n  2\n</p>"
    assert env.get_template("pre.html").render() == "<pre>\n  x</pre>"
    assert env.get_template("b.html").render(x="1") == "<p>\n  1\n</p>"
    assert env.list_templates() == ["a.html", "b.html", "pre.html"]
    # The inner loader's check that a template is up to date: the preview reads an edited one.
    _, filename, uptodate = env.loader.get_source(env, "a.html")  # type: ignore[union-attr]
    assert filename == str(known / "a.html")
    assert uptodate is not None and uptodate()
    os.utime(known / "a.html", (0, 0))
    assert not uptodate()


def test_the_folders_are_papersites_materials_and_mkdocs_templates() -> None:
    names = {(folder.parent.name, folder.name) for folder in template_folders(THEME_OVERRIDES)}
    assert names == {("templates", "overrides"), ("material", "templates"), ("mkdocs", "templates")}


def test_a_site_shows_what_its_templates_as_written_give_in_fewer_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = loaded(tmp_path)
    config = paged_config(tmp_path)
    monkeypatch.setenv("PAPERSITE_REPO_URL", "https://github.com/example/list")
    build_site(site, tmp_path / "compact", config_file=config)
    monkeypatch.setattr(theme_env, "compacted", lambda source: source)
    build_site(site, tmp_path / "written", config_file=config)

    compact, written = tree(tmp_path / "compact"), tree(tmp_path / "written")
    assert compact.keys() == written.keys()
    pages = [name for name in compact if name.endswith(".html")]
    assert any(name.startswith("papers/") for name in pages)
    for name in [*pages, "sitemap.xml"]:
        small, large = compact[name].decode(), written[name].decode()
        # The same lines, each as written, in the same order; <pre> as written, whitespace and all.
        assert lines_of(small) == lines_of(large), name
        assert PRE.findall(small) == PRE.findall(large), name
        # Material's indentation is gone: no line but a <pre>'s starts with whitespace.
        assert not re.search(r"(?m)^[ \t\r\f]", PRE.sub("", small)), name
        assert len(small) < len(large), name
    paper = next(name for name in pages if name.startswith("papers/"))
    assert len(compact[paper]) < 0.9 * len(written[paper])
    for name in compact.keys() - set(pages) - {"sitemap.xml", "sitemap.xml.gz"}:
        assert compact[name] == written[name], name
