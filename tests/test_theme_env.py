from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from papersite import theme_env
from papersite.build import build_site
from papersite.mkdocs_glue import THEME_OVERRIDES
from papersite.theme_env import CompactLoader, compacted, keeps_whitespace, template_folders

from .sites import loaded, paged_config, tree

PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
BREAK_RUN = re.compile(r"[ \t\r\f]*\n[ \t\n\r\f]*")


class Tokens(HTMLParser):
    """A page as its tags, each with its attributes as written, and the text between them.

    In the text, a run of whitespace holding line breaks stands as its line breaks alone: what a
    browser shows of it (one space, or none at a block's edge) and what a script reads of it.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.tokens: list[tuple[str, ...]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("<", tag, *(f"{name}={value!r}" for name, value in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("</", tag))

    def handle_data(self, data: str) -> None:
        text = BREAK_RUN.sub(lambda run: "\n" * run[0].count("\n"), data)
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + text)
        else:
            self.tokens.append(("text", text))

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("<!--", data))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("<!", decl))


def test_compacted_cuts_each_run_of_whitespace_between_tags_to_its_line_breaks() -> None:
    source = "  \n<a>\n    {% if x %}\t\n\n      <b>one  two</b>\r\n\f </a>  \n"
    assert compacted(source) == "\n<a>\n{% if x %}\n\n<b>one  two</b>\n</a>\n"
    # The lines stay where they were: Jinja's errors name them.
    assert compacted(source).count("\n") == source.count("\n")
    # A no-break space shows, unlike HTML's whitespace: kept, as are runs without a break.
    assert compacted("<a>\n\u00a0<b>  <c>") == "<a>\n\u00a0<b>  <c>"
    # Whitespace beside other characters (an attribute's value, a script's string, text) stays.
    kept = '<a title="{{ x }}:\n    more">\n  text\n</a><script>s = "a\\\n   b"</script>'
    assert compacted(kept) == kept


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
        # The same tags and attributes, and text; <pre> as written, whitespace and all.
        assert Tokens(small).tokens == Tokens(large).tokens, name
        assert PRE.findall(small) == PRE.findall(large), name
        # Material's indentation is gone: between two tags, outside a <pre>, line breaks alone.
        runs = re.findall(r">([ \t\n\r\f]+)<", PRE.sub("", small))
        assert [run for run in runs if "\n" in run and run.strip("\n")] == [], name
        assert len(small) < len(large), name
    paper = next(name for name in pages if name.startswith("papers/"))
    assert len(compact[paper]) < 0.9 * len(written[paper])
    for name in compact.keys() - set(pages) - {"sitemap.xml", "sitemap.xml.gz"}:
        assert compact[name] == written[name], name
