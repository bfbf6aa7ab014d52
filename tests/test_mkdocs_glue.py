from __future__ import annotations

from pathlib import Path

import pytest

from papersite.mkdocs_glue import (
    THEME_OVERRIDES,
    load_mkdocs_config,
    site_settings,
    with_theme_overrides,
)
from papersite.render import SiteSettings
from papersite.search import SearchSettings

from .conftest import REPO

CONFIG = REPO / "mkdocs.yml"


def test_papersite_s_theme_overrides_join_the_theme_unless_it_has_its_own() -> None:
    ours = str(THEME_OVERRIDES)
    assert (THEME_OVERRIDES / "main.html").is_file()
    assert with_theme_overrides("material") == {"name": "material", "custom_dir": ours}
    assert with_theme_overrides({"name": "material", "font": False}) == {
        "name": "material",
        "font": False,
        "custom_dir": ours,
    }
    own = {"name": "material", "custom_dir": "overrides"}
    assert with_theme_overrides(own) == own
    assert with_theme_overrides(None) is None


def settings_from(tmp_path: Path, lines: str) -> SiteSettings:
    """The site settings of a mkdocs.yml holding a name and address, then ``lines``."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nsite_url: https://example.org/\n{lines}", encoding="utf-8")
    return site_settings(config, 0)


@pytest.mark.parametrize(
    ("theme", "search"),
    [
        ("theme:\n  name: material\n", SearchSettings("material", 10, "en")),
        (
            "theme:\n  name: material\n  language: de\n"
            "extra:\n  papersite:\n    search: pagefind\n    search_group_size: 4\n",
            SearchSettings("pagefind", 4, "de"),
        ),
        ("theme: material\n", SearchSettings()),  # MkDocs also takes a theme by name alone
    ],
)
def test_search_settings_come_from_mkdocs_yml_with_the_theme_s_language(
    tmp_path: Path, theme: str, search: SearchSettings
) -> None:
    assert settings_from(tmp_path, theme).search == search


@pytest.mark.parametrize(
    ("line", "repo_url"),
    [
        ("", None),
        ("repo_url: https://github.com/owner/papersite\n", "https://github.com/owner/papersite"),
        ("repo_url: javascript:alert(1)\n", None),
    ],
)
def test_the_repository_s_address_comes_from_mkdocs_yml(
    tmp_path: Path, line: str, repo_url: str | None
) -> None:
    assert settings_from(tmp_path, line).repo_url == repo_url


def test_how_many_papers_lists_show_comes_from_mkdocs_yml(tmp_path: Path) -> None:
    options = "    recent_papers: 3\n    feed_entries: 7\n    related_papers: 0\n"
    settings = settings_from(tmp_path, f"extra:\n  papersite:\n{options}")
    assert (settings.recent_papers, settings.feed_entries, settings.related_papers) == (3, 7, 0)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("", None),
        ("site_author: Ada Lovelace\n", "Ada Lovelace"),
        ("site_author: ' '\n", None),
        ("site_author: 42\n", None),
    ],
)
def test_the_feeds_author_is_mkdocs_yml_s_site_author(
    tmp_path: Path, line: str, author: str | None
) -> None:
    assert settings_from(tmp_path, line).site_author == author


def test_the_shipped_mkdocs_yml_takes_the_addresses_the_deploy_sets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PAPERSITE_SITE_URL", raising=False)
    monkeypatch.delenv("PAPERSITE_REPO_URL", raising=False)
    plain = site_settings(CONFIG, 0)
    assert (plain.site_url, plain.repo_url) == ("https://papersite.github.io/papersite/", None)
    monkeypatch.setenv("PAPERSITE_SITE_URL", "https://owner.github.io/fork")
    monkeypatch.setenv("PAPERSITE_REPO_URL", "https://github.com/owner/fork")
    deployed = site_settings(CONFIG, 0)
    assert deployed.site_url == "https://owner.github.io/fork/"
    assert deployed.repo_url == "https://github.com/owner/fork"
    config = load_mkdocs_config(CONFIG, docs_dir=str(CONFIG.parent / "tests"))
    assert (config.site_url, config.repo_url) == (deployed.site_url, deployed.repo_url)
