from __future__ import annotations

import importlib.resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
from mkdocs.structure.toc import AnchorLink

from papersite.build import build_site
from papersite.mkdocs_glue import THEME_OVERRIDES
from papersite.shared_parts import (
    SHARED_BLOCKS,
    SHARED_PARTIALS,
    TOC_PARTIAL,
    SharedParts,
    settings_addresses,
    shared_parts_for,
)
from papersite.theme_env import template_folders

from .conftest import REPO
from .sites import loaded, paged_config, tree

# What a fork may change in mkdocs.yml that Material's shared parts read: features that reshape the
# navigation and footer, a logo, a language, a repository link, one palette, scripts and styles.
FORKS = {
    "shipped": {},
    "features": {
        "  features:\n": "  features:\n"
        + "".join(
            f"    - {feature}\n"
            for feature in (
                "navigation.tabs",
                "navigation.sections",
                "navigation.indexes",
                "navigation.path",
                "navigation.footer",
                "navigation.prune",
                "toc.integrate",
                "header.autohide",
            )
        )
    },
    "theme": {
        "  font: false\n": "  font: false\n  language: de\n  logo: stylesheets/logo.svg\n"
        "  icon:\n    repo: fontawesome/brands/github\n",
        "extra_css:\n": "copyright: Curated by <b>us</b>\nextra_css:\n  - extra/fork.css\n",
        "extra_javascript:\n": "extra_javascript:\n  - extra/fork.js\n",
    },
    # Addresses from the settings inside one paper's folder: that page links to them as ./.
    "inside": {
        "extra:\n": "extra:\n  homepage: papers/{paper}\n",
        "extra_javascript:\n": "extra_javascript:\n  - papers/{paper}/fork.js\n",
    },
    # A fork's own templates: its copyright partial, which Material's footer includes, names the
    # page. Nothing is shared then.
    "custom_dir": {"  font: false\n": "  font: false\n  custom_dir: fork-overrides\n"},
}
FORK_PARTIALS = {
    "custom_dir": {"partials/copyright.html": "<div>Report {{ page.title | e }}</div>"},
}


FORK_MARKS = {
    "shipped": ['class="md-source"'],
    "features": ["md-tabs", "md-nav--integrated"],
    "theme": ['lang="de"', "extra/fork.js", "extra/fork.css", "Curated by <b>us</b>", "logo.svg"],
    "inside": ["fork.js"],
    "custom_dir": ["<div>Report "],
}


@pytest.mark.parametrize("fork", FORKS)
def test_a_site_is_byte_for_byte_what_rendering_every_part_again_gives(
    fork: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed: list[SharedParts] = []
    install = SharedParts.install

    def recorded(self: SharedParts, env: jinja2.Environment) -> None:
        installed.append(self)
        install(self, env)

    site = loaded(tmp_path)
    config = paged_config(tmp_path)
    text = config.read_text(encoding="utf-8")
    for before, after in FORKS[fork].items():
        assert before in text
        text = text.replace(before, after.format(paper=site.curation.papers[0].paper.id), 1)
    config.write_text(text, encoding="utf-8")
    for name, partial in FORK_PARTIALS.get(fork, {}).items():
        (tmp_path / "fork-overrides" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "fork-overrides" / name).write_text(partial, encoding="utf-8")
    monkeypatch.setenv("PAPERSITE_REPO_URL", "https://github.com/example/list")
    monkeypatch.setattr(SharedParts, "install", recorded)
    build_site(site, tmp_path / "shared", config_file=config)
    monkeypatch.setattr(SharedParts, "install", lambda self, env: None)
    build_site(site, tmp_path / "whole", config_file=config)

    shared, whole = tree(tmp_path / "shared"), tree(tmp_path / "whole")
    paper = next(name for name in shared if name.startswith("papers/") and name.endswith(".html"))
    for mark in FORK_MARKS[fork]:  # the fork's settings took: its pages show them
        assert mark in shared[paper].decode(), mark
    assert shared.keys() == whole.keys()
    assert [name for name in shared if shared[name] != whole[name]] == []
    if fork in FORK_PARTIALS:
        assert installed == []
        return
    # Paper pages, a theme's later pages (themes/x/2/) and tags' pages all reused theirs.
    folders = {folder for _, folder in installed[0]._texts if isinstance(folder, str)}
    assert {"papers", "tags"} <= folders
    assert any(folder.startswith("themes/") for folder in folders)
    assert installed[0].reused > installed[0].rendered > 0
    # Paper pages with other sections (notes, no related papers) had contents sidebars of their own.
    assert len([part for part, _ in installed[0]._texts if part == TOC_PARTIAL]) > 1


class FakePage:
    def __init__(self, url: str) -> None:
        self.url = url


def environment() -> tuple[jinja2.Environment, list[str]]:
    """Material's shared parts as tiny templates that log each render, under a page template."""
    rendered: list[str] = []

    def log(name: str) -> str:
        rendered.append(name)
        return ""

    # Each part names itself and the page it was rendered for.
    templates = {
        name: "{{ log('" + name + "') }}[" + name + " for {{ page.url }}]"
        for name in SHARED_PARTIALS
    }
    blocks = [
        "{% block " + name + " %}{{ log('" + name + "') }}<" + name + " for {{ page.url }}>"
        "{% endblock %}"
        for name in SHARED_BLOCKS
    ]
    includes = ['{% include "' + name + '" %}' for name in SHARED_PARTIALS]
    templates["base.html"] = "".join(blocks + includes)
    templates["main.html"] = '{% extends "base.html" %}'
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    env.globals["log"] = log
    return env, rendered


def render(env: jinja2.Environment, url: str, nav: Any) -> str:
    page = next((p for p in nav.pages if p.url == url), None) or FakePage(url)
    return env.get_template("main.html").render(page=page, nav=nav)


def test_pages_outside_the_nav_in_one_folder_share_parts_and_others_render_their_own() -> None:
    env, rendered = environment()
    parts = SharedParts()
    parts.install(env)
    nav = SimpleNamespace(pages=[FakePage(""), FakePage("themes/a/"), FakePage("guide/b/c/")])
    parts_each = len(SHARED_PARTIALS) + len(SHARED_BLOCKS)

    first = render(env, "papers/x/", nav)
    assert "for papers/x/" in first and len(rendered) == parts_each
    # A sibling gets the first page's text: the same as its own would be, links being relative.
    assert render(env, "papers/y/", nav) == first
    assert len(rendered) == parts_each and parts.reused == parts_each

    # Another folder renders its own once; so does each page of the nav, every time.
    assert "for themes/a/2/" in render(env, "themes/a/2/", nav)
    assert len(rendered) == 2 * parts_each
    for _ in range(2):
        assert "for themes/a/" in render(env, "themes/a/", nav)
    assert len(rendered) == 4 * parts_each
    # A page with a page of the nav below it links to it from its own folder: its own parts.
    for url in ("guide/b/", "guide/x/"):
        assert f"for {url}" in render(env, url, nav)
    assert len(rendered) == 6 * parts_each
    assert parts.rendered == 3 * parts_each


def test_a_template_without_a_page_renders_as_it_is() -> None:
    env, rendered = environment()
    SharedParts().install(env)
    nav = SimpleNamespace(pages=[FakePage("")])
    for _ in range(2):
        env.get_template("main.html").render(page=None, nav=nav)
    assert len(rendered) == 2 * (len(SHARED_PARTIALS) + len(SHARED_BLOCKS))


def test_a_new_navigation_renders_its_parts_afresh() -> None:
    env, rendered = environment()
    parts = SharedParts()
    parts.install(env)
    for nav in (SimpleNamespace(pages=[FakePage("")]), SimpleNamespace(pages=[FakePage("")])):
        for url in ("papers/x/", "papers/y/"):
            render(env, url, nav)
    assert len(rendered) == 2 * (len(SHARED_PARTIALS) + len(SHARED_BLOCKS))


def test_an_address_from_the_settings_inside_a_pages_folder_makes_it_render_its_own() -> None:
    env, rendered = environment()
    parts = SharedParts(("papers/x", "papers/y/a.js", "papers/z2/b.js"))
    parts.install(env)
    nav = SimpleNamespace(pages=[FakePage("")])
    for url in ("papers/x/", "papers/y/", "papers/z/", "papers/w/"):
        render(env, url, nav)
    # x and y render theirs; z and w share one ("papers/z2/" is not inside "papers/z/").
    assert len(rendered) == 3 * (len(SHARED_PARTIALS) + len(SHARED_BLOCKS))


def headings(*titles: str, typeset: str | None = None) -> list[AnchorLink]:
    """A table of contents of level-2 headings, the last with a level-3 child."""
    items = [AnchorLink(title, title.lower(), 2) for title in titles]
    items[-1].children.append(AnchorLink("Child", "child", 3))
    if typeset is not None:
        items[0].typeset = {"title": typeset}  # type: ignore[attr-defined]
    return items


def titled(title: str, *sections: str) -> list[AnchorLink]:
    """A page's table of contents as MkDocs makes it: its title, the sections within."""
    top = AnchorLink(title, title.lower(), 1)
    top.children.extend(headings(*sections))
    return [top]


def test_pages_with_the_same_sections_share_materials_contents_sidebar() -> None:
    def material() -> jinja2.Environment:
        folder = importlib.resources.files("material") / "templates"
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)))
        env.globals.update(lang=SimpleNamespace(t=lambda key: key), config={"mdx_configs": {}})
        # What the other shared parts and base.html use, MkDocs' own.
        env.filters.update(url=lambda address: address, script_tag=str)
        return env

    env, alone = material(), material()
    parts = SharedParts()
    parts.install(env)
    nav = SimpleNamespace(pages=[FakePage("")])

    def sidebar(url: str, toc: Any) -> str:
        page = SimpleNamespace(url=url, toc=toc)
        text = env.get_template(TOC_PARTIAL).render(page=page, nav=nav)
        # Byte for byte what rendering it for this page alone gives.
        assert text == alone.get_template(TOC_PARTIAL).render(page=page, nav=nav)
        return text

    first = sidebar("papers/x/", titled("One", "Abstract", "Cite"))
    assert 'href="#abstract"' in first and 'href="#child"' in first and "One" not in first
    # Other titles, the same sections, anywhere, a page of the navigation's too: rendered once.
    for url, title in (("papers/y/", "Two"), ("themes/a/2/", "Three"), ("", "Four")):
        assert sidebar(url, titled(title, "Abstract", "Cite")) == first
    assert (parts.rendered, parts.reused) == (1, 3)
    # Any difference in what the partial reads makes a sidebar of its own.
    others = [
        titled("One", "Abstract"),
        titled("One", "Abstract", "Notes"),
        headings("Abstract", "Cite"),
        headings("Abstract", "Cite", typeset="<b>Abstract</b>"),
        [AnchorLink("Abstract", "summary", 2), *headings("Cite")],
        [AnchorLink("ABSTRACT", "abstract", 2), *headings("Cite")],  # the same anchors
        [*headings("Abstract", "Cite")[:1], AnchorLink("Cite", "cite", 2)],  # no child
        [],
    ]
    for contents in others:
        assert sidebar("papers/z/", contents) != first
    assert parts.rendered == 1 + len(others)
    # Not a table of contents MkDocs would give: rendered for the page alone, every time.
    for _ in range(2):
        sidebar("papers/w/", [SimpleNamespace(url="#a", title="A", children=[])])
        sidebar("papers/w/", [AnchorLink(["A"], "a", 2)])  # type: ignore[arg-type]
    assert parts.rendered == 1 + len(others)


def test_the_settings_addresses_are_the_sites_own_as_relative_paths() -> None:
    config = SimpleNamespace(
        extra={"homepage": "./papers/x/"},
        theme={"logo": "https://example.org/logo.svg"},
        extra_css=["/root.css", "css/a.css"],
        extra_javascript=[SimpleNamespace(path="js/./b.js"), "js/c.js", ""],
    )
    assert settings_addresses(config) == ("papers/x", "css/a.css", "js/b.js", "js/c.js")


def test_nothing_is_shared_when_a_theme_folder_is_not_materials_or_papersites() -> None:
    material = importlib.resources.files("material") / "templates"
    mkdocs = importlib.resources.files("mkdocs") / "templates"
    own = THEME_OVERRIDES

    def config(*dirs: object) -> Any:
        return SimpleNamespace(
            theme=SimpleNamespace(dirs=[str(d) for d in dirs], get=lambda key: None),
            extra={},
            extra_css=[],
            extra_javascript=[],
        )

    folders = template_folders(own)
    assert shared_parts_for(config(own, material, mkdocs), folders) is not None
    assert shared_parts_for(config(REPO / "overrides", material, mkdocs), folders) is None


def test_an_async_environment_is_left_as_it_is() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"base.html": ""}), enable_async=True)
    template = env.get_template("base.html")
    before = template.root_render_func
    SharedParts().install(env)
    assert env.get_template("base.html").root_render_func is before


def test_the_shared_parts_are_materials_own_templates_and_blocks() -> None:
    # A part Material renamed would be skipped (SharedParts.install), every page slower.
    folder = importlib.resources.files("material") / "templates"
    for name in (*SHARED_PARTIALS, TOC_PARTIAL):
        assert folder.joinpath(name).is_file(), name
    base = folder.joinpath("base.html").read_text(encoding="utf-8")
    for block in SHARED_BLOCKS:
        assert f"{{% block {block} %}}" in base, block
