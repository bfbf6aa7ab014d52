from __future__ import annotations

import importlib.resources
import logging
import os
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pytest
import yaml
from mkdocs import exceptions
from mkdocs.utils.yaml import get_yaml_loader

from papersite import mkdocs_glue
from papersite.errors import PapersiteError, Problem, display_path
from papersite.mkdocs_glue import (
    THEME_OVERRIDES,
    _source_date_epoch,
    crashing_settings,
    load_mkdocs_config,
    load_mkdocs_yaml,
    mkdocs_config_problem,
    mkdocs_failures,
    mkdocs_logging,
    mkdocs_nav,
    mkdocs_overrides,
    run_mkdocs,
    site_settings,
    with_theme_overrides,
)
from papersite.options import MAX_INHERITED, line_of
from papersite.render import NavEntry, SiteSettings
from papersite.search import SearchSettings
from papersite.tags import SORT_OPTIONS
from papersite.yamlfile import MAX_BYTES, load_yaml_text

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


# papersite's copies of Material's partials, each with its changes: (Material's text, ours).
PARTIAL_CHANGES = {
    "search.html": (('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'),),
    "source.html": (('class="md-source" data-md-component="source">', 'class="md-source">'),),
    "tags.html": (
        ('<nav class="md-tags" {{', '<nav class="md-tags" aria-label="Tags" {{'),
        (
            '{% if tag.url %}\n        <a href="{{ tag.url | url }}"',
            "{% set tag_url = (page.meta.tag_pages or {})[tag.name] or tag.url %}\n"
            '      {% if tag_url %}\n        <a href="{{ tag_url | url }}"',
        ),
    ),
}


@pytest.mark.parametrize("partial", sorted(PARTIAL_CHANGES))
def test_papersite_s_partials_are_material_s_own_but_for_their_changes(partial: str) -> None:
    """A Material release that changes one of these partials shows here, so the copy is brought up
    to date rather than hiding the change."""
    theirs = (
        importlib.resources.files("material") / "templates" / "partials" / partial
    ).read_text()
    # Each file opens with a Jinja comment (Material's says it was generated): compare what follows.
    ours = (THEME_OVERRIDES / "partials" / partial).read_text().split("-#}\n", 1)[1]
    for before, after in PARTIAL_CHANGES[partial]:
        assert ours.count(after) == 1
        ours = ours.replace(after, before)
    assert ours == theirs.split("-#}\n", 1)[1]


def test_every_partial_papersite_overrides_is_checked_against_material_s() -> None:
    assert sorted(p.name for p in (THEME_OVERRIDES / "partials").iterdir()) == sorted(
        PARTIAL_CHANGES
    )


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
    ],
)
def test_the_repository_s_address_comes_from_mkdocs_yml(
    tmp_path: Path, line: str, repo_url: str | None
) -> None:
    assert settings_from(tmp_path, line).repo_url == repo_url


def test_how_many_papers_lists_show_comes_from_mkdocs_yml(tmp_path: Path) -> None:
    written = "    recent_papers: 3\n    feed_entries: 7\n    related_papers: 0\n"
    options = settings_from(tmp_path, f"extra:\n  papersite:\n{written}").options
    assert (options.recent_papers, options.feed_entries, options.related_papers) == (3, 7, 0)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("", None),
        ("site_author: Ada Lovelace\n", "Ada Lovelace"),
        ("site_author: ' '\n", None),
        ("site_author:\n", None),
    ],
)
def test_the_feeds_author_is_mkdocs_yml_s_site_author(
    tmp_path: Path, line: str, author: str | None
) -> None:
    assert settings_from(tmp_path, line).site_author == author


@pytest.mark.parametrize("value", ["false", "no", "off"])
def test_use_directory_urls_false_is_refused_at_its_line(tmp_path: Path, value: str) -> None:
    # Built with exit 0, and 3,447 links of the shipped site led nowhere (papers/<id>/ became
    # papers/<id>.html, while the pages, feeds, data files and redirects name folders).
    with pytest.raises(PapersiteError) as error:
        settings_from(tmp_path, f"theme: material\nuse_directory_urls: {value}\n")
    assert str(error.value) == (
        f"{tmp_path / 'mkdocs.yml'}:4: use_directory_urls must be true: papersite's pages, feeds "
        "and data files link to each page as a folder (papers/<id>/), which false would make a "
        "file (papers/<id>.html), so every such link would lead nowhere: write true, or remove "
        "the line"
    )
    assert settings_from(tmp_path, "use_directory_urls: true\n").site_name == "x"


@pytest.mark.parametrize(
    ("line", "shown"),
    [("site_author: [Ana, Bo]\n", "a list"), ("site_author: 42\n", "the number 42")],
)
def test_a_site_author_that_is_not_text_is_refused_at_its_line(
    tmp_path: Path, line: str, shown: str
) -> None:
    # MkDocs said "Expected type: <class 'str'>" without a line; generate left it out silently.
    with pytest.raises(PapersiteError) as error:
        settings_from(tmp_path, "theme: material\n" + line)
    assert str(error.value) == (
        f"{tmp_path / 'mkdocs.yml'}:4: site_author must be text, the author's name, not {shown}"
    )


def test_the_shipped_mkdocs_yml_takes_the_addresses_the_deploy_sets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PAPERSITE_SITE_URL", raising=False)
    monkeypatch.delenv("PAPERSITE_REPO_URL", raising=False)
    plain = site_settings(CONFIG, 0)
    # Without the deploy's variables, the addresses mkdocs.yml writes (a fork writes its own;
    # tests/test_content.py holds the shipped ones).
    written = load_mkdocs_yaml(CONFIG)
    assert (plain.site_url, plain.repo_url) == (written["site_url"], written.get("repo_url"))
    monkeypatch.setenv("PAPERSITE_SITE_URL", "https://owner.github.io/fork")
    monkeypatch.setenv("PAPERSITE_REPO_URL", "https://github.com/owner/fork")
    deployed = site_settings(CONFIG, 0)
    assert deployed.site_url == "https://owner.github.io/fork/"
    assert deployed.repo_url == "https://github.com/owner/fork"
    config = load_mkdocs_config(CONFIG, docs_dir=str(CONFIG.parent / "tests"))
    assert (config.site_url, config.repo_url) == (deployed.site_url, deployed.repo_url)


@pytest.mark.parametrize(
    ("url", "said"),
    [
        (
            'https://github.com/x/a"b',
            "has a '\"', which no web address may hold: percent-encode it as %22",
        ),
        ("https://github.com/x/a b", "has a space: percent-encode it as %20 or remove it"),
        # Set with a space after it, as a copied address may be: the file's line shows none.
        ("https://github.com/x/a ", "has a trailing space: remove it"),
        (" https://github.com/x/a", "has a leading space: remove it"),
        # Not "a trailing space": a tab, which the variable's value shows as '\t'.
        ("https://github.com/x/a\t", "has a trailing tab: remove it"),
        (
            "https://github.com/x/a%zz",
            "has a '%' not followed by two hex digits: write a '%' as %25",
        ),
    ],
)
def test_a_repo_url_no_address_may_be_is_refused_at_its_line_as_site_url_is(
    monkeypatch: pytest.MonkeyPatch, url: str, said: str
) -> None:
    # Material writes repo_url into every page's header as it is: a '"' built broken HTML.
    # The deploy sets it through the variable, which is named: the line holds no address.
    monkeypatch.setenv("PAPERSITE_REPO_URL", url)
    with pytest.raises(PapersiteError) as error:
        site_settings(CONFIG, 0)
    line = line_of(CONFIG, ("repo_url",))
    assert str(error.value) == (
        f"{display_path(CONFIG)}:{line}: repo_url {url!r}, read from the environment "
        f"variable PAPERSITE_REPO_URL (!ENV), {said}"
    )


def test_a_site_url_set_in_its_variable_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PAPERSITE_SITE_URL", "https://owner.github.io/fork/?x")
    with pytest.raises(PapersiteError) as error:
        site_settings(CONFIG, 0)
    line = line_of(CONFIG, ("site_url",))
    assert str(error.value) == (
        f"{display_path(CONFIG)}:{line}: site_url 'https://owner.github.io/fork/?x', read from "
        "the environment variable PAPERSITE_SITE_URL (!ENV), has a query ('?'), which would end "
        "every page's address before its path: write the address of the site's root, e.g. "
        "https://example.github.io/papers/"
    )


@pytest.mark.parametrize(
    ("written", "variables", "said"),
    [
        (
            "site_url: !ENV PS_URL",
            {"PS_URL": ""},
            "site_url is read from the environment variable PS_URL (!ENV), which is set but "
            "empty: set it to the published address",
        ),
        *(
            (
                "site_url: !ENV PS_URL",
                {"PS_URL": null},
                f"site_url is read from the environment variable PS_URL (!ENV), set to '{null}', "
                "which YAML reads as nothing: set it to the published address",
            )
            for null in ("null", "~")
        ),
        (
            "site_url: !ENV PS_URL",
            {"PS_URL": "123"},
            "site_url is read from the environment variable PS_URL (!ENV), set to '123', which "
            "YAML reads as the number 123: set it to the published address, e.g. "
            "https://example.github.io/papers/",
        ),
        (
            "site_url: !ENV PS_URL",
            {"PS_URL": "example.com/x/"},
            "site_url 'example.com/x/', read from the environment variable PS_URL (!ENV), has no "
            "scheme (https://): write the published address in full, e.g. "
            "https://example.github.io/papers/",
        ),
        # MkDocs reads an !ENV list's last item as its default: PS_B is read as text.
        (
            "site_url: !ENV [PS_A, PS_B]",
            {},
            "site_url 'PS_B', the default of !ENV [PS_A, PS_B], PS_A being unset (its last item "
            "is the default), has no scheme (https://): write the published address in full, "
            "e.g. https://example.github.io/papers/",
        ),
        (
            "site_url: !ENV [PS_A, PS_B, PS_C]",
            {},
            "site_url 'PS_C', the default of !ENV [PS_A, PS_B, PS_C], PS_A and PS_B being unset "
            "(its last item is the default), has no scheme (https://): write the published "
            "address in full, e.g. https://example.github.io/papers/",
        ),
        (
            "site_url: !ENV [PS_A]",
            {},
            "site_url is read from the environment variable PS_A (!ENV), which is unset: set it, "
            "or write a default after it, !ENV [PS_A, https://example.github.io/papers/]",
        ),
        # MkDocs reads the first variable set, empty or not: the one after it is not read.
        (
            "site_url: !ENV [PS_A, PS_B, https://example.org/]",
            {"PS_A": "", "PS_B": "https://example.org/"},
            "site_url is read from the environment variable PS_A (!ENV), which is set but empty: "
            "set it to the published address, or unset it for PS_B and the default to be read",
        ),
        (
            "site_url: https://example.org/\nrepo_url: !ENV PS_URL",
            {"PS_URL": "github.com/x/a"},
            "repo_url 'github.com/x/a', read from the environment variable PS_URL (!ENV), has no "
            "scheme (https://): write the repository's address in full, e.g. "
            "https://github.com/owner/papers",
        ),
        (
            "site_url: https://example.org/\nrepo_url: !ENV PS_URL",
            {"PS_URL": "yes"},
            "repo_url is read from the environment variable PS_URL (!ENV), set to 'yes', which "
            "YAML reads as true: set it to the repository's address, e.g. "
            "https://github.com/owner/papers",
        ),
    ],
)
def test_an_address_an_env_reads_wrong_is_refused_at_its_line_naming_the_variable(
    here: Path,
    monkeypatch: pytest.MonkeyPatch,
    written: str,
    variables: dict[str, str],
    said: str,
) -> None:
    # "mkdocs.yml: site_url must be the published address" named no line, variable or reason.
    for name in ("PS_URL", "PS_A", "PS_B", "PS_C"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    (here / "mkdocs.yml").write_text(f"site_name: x\n{written}\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        site_settings(here / "mkdocs.yml", 0)
    line = 3 if written.startswith("site_url: https") else 2
    assert one_problem(error) == f"mkdocs.yml:{line}: {said}"


def test_a_repo_url_an_env_reads_as_nothing_is_no_repository_link(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # repo_url is optional: the deploy leaves its variable unset or empty for no link.
    monkeypatch.setenv("PS_URL", "")
    (here / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://example.org/\nrepo_url: !ENV PS_URL\n", encoding="utf-8"
    )
    assert site_settings(here / "mkdocs.yml", 0).repo_url is None


def test_a_repo_url_with_a_query_or_fragment_is_taken(tmp_path: Path) -> None:
    # Unlike site_url's, no page's address is built on it.
    line = "repo_url: https://github.com/x/a?tab=readme#top\n"
    assert settings_from(tmp_path, line).repo_url == "https://github.com/x/a?tab=readme#top"


SITE_EXAMPLE = "write the published address in full, e.g. https://example.github.io/papers/"
REPO_EXAMPLE = "write the repository's address in full, e.g. https://github.com/owner/papers"
DOTS = "has a host with a dot at an end or two dots together"
IDNA = "has a host no browser can look up, as IDNA refuses it: "


@pytest.mark.parametrize(
    ("key", "url", "said"),
    [
        *(
            ("site_url", url, f"has no host (after ://): {SITE_EXAMPLE}")
            for url in ("https:///papers/", "https://", "http://")
        ),
        # 'https://${OWNER}.github.io/papers/' with OWNER unset: MkDocs built it.
        ("site_url", "https://.github.io/papers/", f"{DOTS}: {SITE_EXAMPLE}"),
        ("site_url", "https://a..org/", f"{DOTS}: {SITE_EXAMPLE}"),
        ("site_url", "https://a.org../", f"{DOTS}: {SITE_EXAMPLE}"),
        *(
            (
                "site_url",
                f"https://a.org:{port}/",
                f"has the port '{port}', not a number from 1 to 65535: {SITE_EXAMPLE}",
            )
            for port in ("99999", "x")
        ),
        # Not the port '90': the first ':' ends the host.
        *(
            (
                "site_url",
                url,
                f"has more than one port ('{ports}'): keep one, a number from 1 to 65535: "
                f"{SITE_EXAMPLE}",
            )
            for url, ports in (
                ("https://a.org:8080:90/", "8080:90"),
                ("https://[::1]:80:90/", "80:90"),
            )
        ),
        # urlsplit takes the host '::1' and leaves the rest unsaid.
        *(
            (
                "site_url",
                url,
                "has text around its bracketed host: write the IPv6 address alone in brackets, "
                f"then any ':' and port: {SITE_EXAMPLE}",
            )
            for url in ("https://[::1]x/", "https://x[::1]/", "https://u@[::1]x:80/")
        ),
        (
            "site_url",
            "https://[::1/",
            f"has a host no address may have (Invalid IPv6 URL): {SITE_EXAMPLE}",
        ),
        *(
            (
                "site_url",
                url,
                f"has the scheme '{scheme}': write the published address as an https:// (or "
                "http://) one, e.g. https://example.github.io/papers/",
            )
            for url, scheme in (("ftp://a.org/", "ftp:"), ("file:///tmp/x", "file:"))
        ),
        ("site_url", "https:/a.org", f"has no host (://): {SITE_EXAMPLE}"),
        # No browser could open them; as_uri raised a traceback.
        ("site_url", "https://☃.net/", f"{IDNA}Codepoint U+2603 at position 1 of '☃' not allowed"),
        ("repo_url", "https://a-é-.org/x/a", f"{IDNA}Label must not start or end with a hyphen"),
        # A host and a port, not the scheme 'a.org:'.
        ("site_url", "a.org:8080/papers/", f"has no scheme (https://): {SITE_EXAMPLE}"),
        # Held to the same rules: 'javascript:x' was left unlinked without a word.
        ("repo_url", "https://", f"has no host (after ://): {REPO_EXAMPLE}"),
        ("repo_url", "https://.com/x/a", f"{DOTS}: {REPO_EXAMPLE}"),
        *(
            (
                "repo_url",
                url,
                f"has the scheme '{scheme}': write the repository's address as an https:// (or "
                "http://) one, e.g. https://github.com/owner/papers",
            )
            for url, scheme in (("javascript:x", "javascript:"), ("mailto:a@b.c", "mailto:"))
        ),
    ],
)
def test_an_address_with_no_web_host_scheme_or_port_is_refused_naming_its_variable(
    monkeypatch: pytest.MonkeyPatch, key: str, url: str, said: str
) -> None:
    # MkDocs said "The URL isn't valid, it should include the http:// (scheme)", naming no
    # variable, once generate had written feeds and BibTeX with the host "papers"; the rest it
    # built.
    variable = f"PAPERSITE_{key.upper()}"
    monkeypatch.setenv(variable, url)
    with pytest.raises(PapersiteError) as error:
        site_settings(CONFIG, 0)
    line = line_of(CONFIG, (key,))
    assert str(error.value) == (
        f"{display_path(CONFIG)}:{line}: {key} {url!r}, read from the environment variable "
        f"{variable} (!ENV), {said}"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://a.org:8080/x/",
        "http://[::1]:80/",
        "HTTPS://A.org/",
        "https://u@a.org/",
        # Fully qualified: one dot may end a host.
        "https://a.org./",
    ],
)
def test_a_web_address_with_a_port_or_an_ip_is_taken(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("PAPERSITE_SITE_URL", url)
    monkeypatch.setenv("PAPERSITE_REPO_URL", url)
    settings = site_settings(CONFIG, 0)
    assert (settings.site_url, settings.repo_url) == (url, url)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the working folder, so messages name files as a curator types them."""
    monkeypatch.chdir(tmp_path)
    return Path()


def one_problem(error: pytest.ExceptionInfo[PapersiteError]) -> str:
    """The one problem an error carries, as papersite prints it."""
    [problem] = error.value.problems
    return str(problem)


def problem_read_and_loaded(config_file: Path) -> str:
    """The one problem both reading and loading ``config_file`` raise: the same, as printed."""
    with pytest.raises(PapersiteError) as read:
        load_mkdocs_yaml(config_file)
    with pytest.raises(PapersiteError) as loaded:
        load_mkdocs_config(config_file)
    assert one_problem(read) == one_problem(loaded)
    return one_problem(read)


def test_mkdocs_yml_is_read_as_written_an_empty_one_as_no_settings(here: Path) -> None:
    (here / "mkdocs.yml").write_text("site_name: x\ndocs_dir: nowhere-yet\n", encoding="utf-8")
    assert load_mkdocs_yaml(here / "mkdocs.yml") == {"site_name": "x", "docs_dir": "nowhere-yet"}
    (here / "empty.yml").write_text("", encoding="utf-8")
    assert load_mkdocs_yaml(here / "empty.yml") == {}


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("missing.yml", "missing.yml: cannot read file: No such file or directory"),
        (".", ".: cannot read file: Is a directory"),
        # Path.resolve raised RuntimeError("Symlink loop from ..."): a traceback.
        (
            "loop.yml",
            "loop.yml: cannot read file: Too many levels of symbolic links (a link that loops)",
        ),
        # Said as a file missing, as if no link were there.
        ("broken.yml", "broken.yml: cannot read file: No such file or directory (a broken link?)"),
    ],
)
def test_an_mkdocs_yml_that_cannot_be_read_is_one_line(here: Path, name: str, said: str) -> None:
    (here / "loop.yml").symlink_to("loop.yml")
    (here / "broken.yml").symlink_to("gone.yml")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / name)
    assert one_problem(error) == said


def test_a_yaml_mistake_in_a_file_mkdocs_yml_inherits_is_named_at_that_file_s_line(
    here: Path,
) -> None:
    (here / "mkdocs.yml").write_text("site_name: x\nINHERIT: base.yml\n", encoding="utf-8")
    (here / "base.yml").write_text("theme:\n  name: [\n", encoding="utf-8")
    # Not at line 3, after the last, where PyYAML found the file's end.
    said = (
        "base.yml:2: YAML syntax error: the [ on this line is never closed: end it with ] (YAML "
        "read on to the end of the file looking for it)"
    )
    with pytest.raises(PapersiteError) as read:
        load_mkdocs_yaml(here / "mkdocs.yml")
    with pytest.raises(PapersiteError) as loaded:
        load_mkdocs_config(here / "mkdocs.yml")
    assert one_problem(read) == f"{said} (named by INHERIT at mkdocs.yml:2)"
    assert one_problem(loaded) == said


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda base: base.mkdir(), "base.yml: cannot read file: Is a directory"),
        # Path.resolve raised RuntimeError("Symlink loop from ..."): a traceback.
        (
            lambda base: base.symlink_to("base.yml"),
            "base.yml: cannot read file: Too many levels of symbolic links (a link that loops)",
        ),
        # Said as a file missing, as if no link were there.
        (
            lambda base: base.symlink_to("gone.yml"),
            "base.yml: cannot read file: No such file or directory (a broken link?)",
        ),
        # Waited for a writer for ever; /dev/zero was read until memory ran out.
        (os.mkfifo, "base.yml: is not a regular file (a pipe, a socket or a device)"),
        (
            lambda base: base.symlink_to("/dev/zero"),
            "base.yml: is not a regular file (a pipe, a socket or a device)",
        ),
        (
            lambda base: base.write_bytes(b"#" * (MAX_BYTES + 1)),
            f"base.yml: file is over {MAX_BYTES:,} bytes, the limit for YAML",
        ),
        (
            lambda base: base.write_bytes(b"theme: material\nsite_name: caf\xe9\n"),
            "base.yml:2: not UTF-8: byte 0xe9 at column 15; save the file as UTF-8",
        ),
        (
            lambda base: base.write_text("theme: material\n\tname: x\n", encoding="utf-8"),
            "base.yml:2: YAML syntax error: a tab character: YAML indents and separates with "
            "spaces only; replace it with spaces",
        ),
        # A control character, at its line, which old Mac line ends (CR alone) end too.
        (
            lambda base: base.write_bytes("theme: material\rsite_name: café\x1b\r".encode()),
            "base.yml:2: YAML syntax error: character U+001B is not allowed",
        ),
        (
            lambda base: base.write_bytes(b"theme: material\r\n\r\nsite_name: a\x07b\n"),
            "base.yml:3: YAML syntax error: character U+0007 is not allowed",
        ),
        # Where the quote opens, the file ending on its line or after it.
        *(
            (
                lambda base, end=end: base.write_text(
                    f'theme: material\nsite_name: "x{end}', encoding="utf-8"
                ),
                "base.yml:2: YAML syntax error: the text in double quotes that starts on this "
                'line is never closed: end it with " (quoted text may go on over several lines, '
                "so YAML read on to the end of the file)",
            )
            for end in ("", "\n\n")
        ),
    ],
)
def test_a_file_mkdocs_yml_inherits_that_cannot_be_read_is_named_with_the_inherit(
    here: Path, make: Callable[[Path], object], said: str
) -> None:
    # MkDocs named mkdocs.yml, and the file it inherits only by a position in its bytes.
    (here / "mkdocs.yml").write_text("site_name: x\nINHERIT: base.yml\n", encoding="utf-8")
    make(here / "base.yml")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(error) == f"{said} (named by INHERIT at mkdocs.yml:2)"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "site_name: x\ntheme: {name: material,\n\n",
            "mkdocs.yml:2: YAML syntax error: the { on this line is never closed: end it with } "
            "(YAML read on to the end of the file looking for it)",
        ),
        # Not at the last line in PyYAML's words ("found unexpected end of stream").
        *(
            (
                f"site_name: x\ntheme: {quote}material\nrepo_name: x\n\n",
                f"mkdocs.yml:2: YAML syntax error: the text in {name} that starts on this line "
                f"is never closed: end it with {quote} (quoted text may go on over several "
                "lines, so YAML read on to the end of the file)",
            )
            for quote, name in (("'", "single quotes"), ('"', "double quotes"))
        ),
        # Anything else PyYAML finds past the end: at the last line with text, said as in
        # papersite's own files.
        (
            "site_name: x\ntheme\n\n",
            "mkdocs.yml:2: YAML syntax error: 'theme' has no ':' after it, so YAML reads the lines "
            "below as more of it; add ':' after 'theme'",
        ),
    ],
)
def test_a_yaml_mistake_found_past_mkdocs_yml_s_end_is_named_at_a_line_it_has(
    here: Path, written: str, said: str
) -> None:
    # PyYAML names the line after the last, where the file ended: line 4 of 3.
    (here / "mkdocs.yml").write_text(written, encoding="utf-8")
    assert problem_read_and_loaded(here / "mkdocs.yml") == said


# Mistakes curators make in any YAML file, each the same in mkdocs.yml as in a curation file.
SYNTAX_MISTAKES = {
    "a [ left open": "site_name: x\nsite_description: [papers\nsite_url: https://a.org/\n",
    "a { left open": "site_name: x\ntheme: {name: material\nsite_url: https://a.org/\n",
    "a tab indenting": "site_name: x\ntheme:\n\tname: material\n",
    "no space after ':'": "site_name: x\ntheme:\n  name:material\n  language: en\n",
    "a quote left open": 'site_name: "x\ntheme: material\nsite_url: "https://a.org/"\n',
    "a quote inside quotes": "site_name: 'It's mine'\ntheme: material\n",
    "a key dedented": "site_name: x\ntheme:\n  name: material\n language: en\n  palette: {}\n",
    "a key indented": "site_name: x\ntheme:\n  name: material\n    language: en\n",
    "': ' inside text": "site_name: x\nsite_description: Papers: the best\n",
    "a '- ' among keys": "site_name: x\ntheme:\n  name: material\n  - language: en\n",
    "no ':' after a key": "site_name: x\ntheme\n  name: material\n",
    "a value starting with '@'": "site_name: x\nsite_author: @me\n",
    "a second document": "site_name: x\n---\nsite_url: https://a.org/\n",
    "a backslash in double quotes": 'site_name: x\nsite_description: "a\\d b"\n',
    "an anchor named twice": "site_name: &x a\nsite_description: &x b\n",
}


@pytest.mark.parametrize("written", SYNTAX_MISTAKES.values(), ids=SYNTAX_MISTAKES.keys())
def test_a_yaml_mistake_in_mkdocs_yml_is_said_as_in_a_curation_file(
    here: Path, written: str
) -> None:
    # MkDocs gave PyYAML's words at PyYAML's line: "expected ',' or ']', but got ':'" at the
    # line below a '[' left open, "found character '\t' that cannot start any token".
    assert "YAML syntax error: " in said_as_in_a_curation_file(here, written)


def said_as_in_a_curation_file(here: Path, written: str) -> str:
    """The problem ``written`` is in papers.yaml, past the file's name: the same in mkdocs.yml.

    And in a file mkdocs.yml inherits, naming the INHERIT.
    """
    with pytest.raises(PapersiteError) as curation:
        load_yaml_text(written, "papers.yaml")
    said = one_problem(curation).removeprefix("papers.yaml")
    (here / "mkdocs.yml").write_text(written, encoding="utf-8")
    assert problem_read_and_loaded(here / "mkdocs.yml") == f"mkdocs.yml{said}"
    (here / "mkdocs.yml").write_text("site_name: x\nINHERIT: base.yml\n", encoding="utf-8")
    (here / "base.yml").write_text(written, encoding="utf-8")
    with pytest.raises(PapersiteError) as read:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(read) == f"base.yml{said} (named by INHERIT at mkdocs.yml:2)"
    return said


def test_a_bracket_left_open_in_mkdocs_yml_is_named_where_it_opens(here: Path) -> None:
    written = "site_name: [papersite\nsite_url: https://a.org/\ntheme:\n  name: material\n"
    (here / "mkdocs.yml").write_text(written, encoding="utf-8")
    # Was "mkdocs.yml:2: YAML syntax error: expected ',' or ']', but got ':'".
    assert problem_read_and_loaded(here / "mkdocs.yml") == (
        "mkdocs.yml:1: YAML syntax error: the [ on this line is never closed: end it with ] (YAML "
        "read on to line 2 looking for it)"
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # MkDocs' own tags are no mistake: the one told is the '[' left open after them.
        (
            "site_name: !ENV [SITE_NAME, x]\nsite_description: [papers\nrepo_name: a\n",
            "mkdocs.yml:2: YAML syntax error: the [ on this line is never closed: end it with ] "
            "(YAML read on to line 3 looking for it)",
        ),
        (
            "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: "
            "!!python/name:material.extensions.emoji.twemoji\n      emoji_generator: [a\n"
            "  - toc\n",
            "mkdocs.yml:5: YAML syntax error: the [ on this line is never closed: end it with ] "
            "(YAML read on to the end of the file looking for it)",
        ),
    ],
)
def test_mkdocs_own_tags_are_read_past_to_the_mistake(here: Path, written: str, said: str) -> None:
    (here / "mkdocs.yml").write_text(written, encoding="utf-8")
    assert problem_read_and_loaded(here / "mkdocs.yml") == said


@pytest.mark.parametrize(
    "written",
    [
        "site_name: !NOPE x\n",
        "site_name: x\ntheme:\n  name: material\n  features: [!NOPE a]\n",
        "site_name: x\n!NOPE theme: material\n",
        "site_name: !!nope x\n",
    ],
)
def test_a_tag_mkdocs_does_not_know_is_said_as_in_a_curation_file(here: Path, written: str) -> None:
    # Was "YAML syntax error: could not determine a constructor for the tag '!NOPE'", where
    # papers.yaml names the key and the fix, and calls it no syntax error.
    assert "unsupported YAML tag '!" in said_as_in_a_curation_file(here, written)


@pytest.mark.parametrize(
    ("tag", "said"),
    [
        # Removed, '!env' would leave the variable's name as the folder.
        ("!env", "'!env' (did you mean '!ENV'?)"),
        # MkDocs reads it, with a loader bound to the configuration it loads: no typo to fix.
        (
            "!relative",
            "'!relative', which MkDocs reads but papersite does not: write out the value it "
            "stands for",
        ),
    ],
)
def test_a_tag_of_mkdocs_or_a_typo_of_one_is_not_told_to_be_removed(
    here: Path, tag: str, said: str
) -> None:
    written = f"site_name: x\ndocs_dir: {tag} $config_dir/docs\n"
    (here / "mkdocs.yml").write_text(written, encoding="utf-8")
    with pytest.raises(PapersiteError) as read:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(read) == f"mkdocs.yml:2: 'docs_dir': unsupported YAML tag {said}"


@pytest.mark.parametrize(
    ("written", "line"),
    [
        # MkDocs reads the comment's words after it as a line of its own: line 5 was named.
        ("site_name: x\ntheme:\n  name: material\n  # a note\u2028 more\n  language: en\n", 4),
        ("site_name: x\nsite_url: https://a.org/ # a note\u2028more\n", 2),
        ("site_name: x\r\ntheme:\r\n  name: material  # a\x85  b\r\n  language: en\r\n", 3),
    ],
)
def test_an_invisible_line_break_mkdocs_yml_trips_on_is_named_at_its_line(
    here: Path, written: str, line: int
) -> None:
    (here / "mkdocs.yml").write_text(written, encoding="utf-8", newline="")
    with pytest.raises(PapersiteError) as read:
        load_mkdocs_yaml(here / "mkdocs.yml")
    with pytest.raises(PapersiteError) as loaded:
        load_mkdocs_config(here / "mkdocs.yml")
    character = next(c for c in written if c in "\x85\u2028")
    name = "line separator" if character == "\u2028" else "next line"
    assert (
        one_problem(read)
        == one_problem(loaded)
        == (
            f"mkdocs.yml:{line}: YAML syntax error: invisible line break U+{ord(character):04X} "
            f"({name}), read as the end of the line; remove it"
        )
    )


@pytest.mark.parametrize(
    ("name", "written", "line", "character"),
    [
        # Read as 'recent_papers: 0': the home page lost its list without a word.
        (
            "mkdocs.yml",
            "site_name: x\nextra:\n  papersite:\n    # was set to zero once:\u2028    "
            "recent_papers: 0\n",
            4,
            "U+2028 (line separator)",
        ),
        # Read as a top-level key of its own.
        ("mkdocs.yml", "site_name: x\r\n# comment\x85words: here\r\n", 2, "U+0085 (next line)"),
        ("base.yml", "theme: material\n# a\u2029b: c\n", 2, "U+2029 (paragraph separator)"),
    ],
)
def test_an_invisible_line_break_mkdocs_reads_past_is_refused_at_its_line(
    here: Path, name: str, written: str, line: int, character: str
) -> None:
    (here / "mkdocs.yml").write_text("site_name: x\nINHERIT: base.yml\n", encoding="utf-8")
    (here / name).write_text(written, encoding="utf-8", newline="")
    with pytest.raises(PapersiteError) as read:
        load_mkdocs_yaml(here / "mkdocs.yml")
    named_by = " (named by INHERIT at mkdocs.yml:2)" if name == "base.yml" else ""
    assert one_problem(read) == (
        f"{name}:{line}: invisible line break {character}, which MkDocs reads as the end of the "
        "line though an editor shows none: what follows it on the line is read as a line of its "
        f"own (a comment's words as a setting); remove it{named_by}"
    )


def test_an_invisible_line_break_is_not_blamed_for_a_mistake_it_did_not_make(here: Path) -> None:
    # It was told "invisible line break U+2028 ... remove it", and the ': ' in the text left unsaid.
    written = "site_name: x\nsite_author: me: you # note\u2028\ntheme: material\n"
    (here / "mkdocs.yml").write_text(written, encoding="utf-8")
    with pytest.raises(PapersiteError) as read:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(read) == (
        "mkdocs.yml:2: YAML syntax error: ': ' inside unquoted text reads as another key; put the "
        "text after 'site_author:' in double quotes (and line 2 holds an invisible line break "
        "U+2028 (line separator), read as the end of the line: remove it too)"
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # A break at the end of a comment, not the mistake's cause.
        (
            "site_name: x\nsite_url: https://x.org/ # c\u2028\nsite_author: a: b\nrepo_name: x\n",
            "mkdocs.yml:3: YAML syntax error: ': ' inside unquoted text reads as another key; put "
            "the text after 'site_author:' in double quotes",
        ),
        (
            'site_name: x\nsite_url: https://x.org/ # c\u2028\nsite_description: "a\n',
            "mkdocs.yml:3: YAML syntax error: the text in double quotes that starts on this line "
            'is never closed: end it with " (quoted text may go on over several lines, so YAML '
            "read on to the end of the file)",
        ),
        (
            "site_name: x\r# c\nsite_author: a: b\nsite_url: https://x.org/\n",
            "mkdocs.yml:2: YAML syntax error: ': ' inside unquoted text reads as another key; put "
            "the text after 'site_author:' in double quotes",
        ),
        (
            "site_name: x\r\n# c\x85\r\nsite_url: https://x.org/\r\nsite_author: [b\r\n",
            "mkdocs.yml:4: YAML syntax error: the [ on this line is never closed: end it with ] "
            "(YAML read on to the end of the file looking for it)",
        ),
    ],
)
def test_a_yaml_mistake_after_a_break_an_editor_does_not_show_is_named_at_the_editor_s_line(
    here: Path, written: str, said: str
) -> None:
    # PyYAML counts a line at a CR alone in a file of LF ends, and at U+2028: one line too low.
    (here / "mkdocs.yml").write_text(written, encoding="utf-8", newline="")
    assert problem_read_and_loaded(here / "mkdocs.yml") == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "site_name: *nm\nsite_description: &nm Papers\n",
            "mkdocs.yml:1: YAML syntax error: alias *nm names no anchor defined before it: anchor "
            "&nm is defined later, at line 2; an alias must come after its anchor",
        ),
        # The anchor's line as an editor numbers it, past a break PyYAML counts and it does not.
        (
            "site_author: a # c\u2028\nsite_name: &nm x\nsite_description: *nms\n",
            "mkdocs.yml:3: YAML syntax error: alias *nms names no anchor defined before it: did "
            "you mean *nm (anchor at line 2)?",
        ),
        (
            "site_name: x\nsite_description: *nm\n",
            "mkdocs.yml:2: YAML syntax error: alias *nm: no anchor &nm in this file",
        ),
    ],
)
def test_an_undefined_alias_in_mkdocs_yml_is_worded_as_in_papersite_s_files(
    here: Path, written: str, said: str
) -> None:
    # MkDocs' loader gave PyYAML's "found undefined alias 'nm'", naming neither anchor nor rule.
    (here / "mkdocs.yml").write_text(written, encoding="utf-8", newline="")
    assert problem_read_and_loaded(here / "mkdocs.yml") == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            b"site_name: x\nsite_url: https://example.org/\x07\n",
            "mkdocs.yml:2: YAML syntax error: character U+0007 is not allowed",
        ),
        (
            b"site_name: x\r\ntheme: material\r\nsite_author: caf\xe9\r\n",
            "mkdocs.yml:3: not UTF-8: byte 0xe9 at column 17; save the file as UTF-8",
        ),
    ],
)
def test_a_character_mkdocs_yml_cannot_hold_is_named_at_its_line(
    here: Path, written: bytes, said: str
) -> None:
    # MkDocs named it only by its position in the file: "unacceptable character #x0007 ...
    # position 37", as it did a file mkdocs.yml inherits.
    (here / "mkdocs.yml").write_bytes(written)
    assert problem_read_and_loaded(here / "mkdocs.yml") == said


@pytest.mark.parametrize(
    ("mark", "codec", "named"),
    [
        # Called "unacceptable character #x0000" by PyYAML, which read it as UTF-16.
        ("\ufeff", "utf-32-le", "UTF-32 text (little-endian, byte-order mark FF FE 00 00)"),
        ("\ufeff", "utf-32-be", "UTF-32 text (big-endian, byte-order mark 00 00 FE FF)"),
        ("", "utf-16-le", "UTF-16 text without a byte-order mark (little-endian, it seems)"),
        # PyYAML reads it, but git shows it as binary: refused as papersite's own YAML files are.
        ("\ufeff", "utf-16-le", "UTF-16 text (little-endian, byte-order mark FF FE)"),
    ],
)
@pytest.mark.parametrize("inherits", [True, False])
def test_mkdocs_yml_or_a_file_it_inherits_in_utf16_or_utf32_is_named_so(
    here: Path, mark: str, codec: str, named: str, inherits: bool
) -> None:
    text = f"{mark}theme: material\nsite_name: Café\n"
    if inherits:
        (here / "mkdocs.yml").write_text("site_name: x\nINHERIT: base.yml\n", encoding="utf-8")
        (here / "base.yml").write_bytes(text.encode(codec))
        said = f"base.yml: {named}: save the file as UTF-8 (named by INHERIT at mkdocs.yml:2)"
    else:
        (here / "mkdocs.yml").write_bytes(text.encode(codec))
        said = f"mkdocs.yml: {named}: save the file as UTF-8"
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(error) == said


@pytest.mark.parametrize(
    ("inherit", "said"),
    [
        ("[base.yml]", "must be the name of a YAML file, not a list"),
        ("12", "must be the name of a YAML file, not the number 12"),
        ("{a: b}", "must be the name of a YAML file, not a map"),
        ("", "must be the name of a YAML file, not nothing"),
        ("true", "must be the name of a YAML file, not true"),
        ("missing.yml", "names 'missing.yml': no such file"),
        (
            "mkdocs.yml",
            "leads back to mkdocs.yml (mkdocs.yml → mkdocs.yml): a file cannot inherit from itself",
        ),
        # As MkDocs resolves !ENV: an unset variable is nothing, else its default, whatever that is.
        *(
            (
                written,
                "is read from the environment variable PAPERSITE_UNSET (!ENV), which is unset: "
                "set it, or write a default after it, !ENV [PAPERSITE_UNSET, base.yml]",
            )
            for written in ("!ENV PAPERSITE_UNSET", "!ENV [PAPERSITE_UNSET]")
        ),
        # Written so, not read from a variable: nothing to name but the value.
        ("''", "must be the name of a YAML file, not ''"),
        ("!ENV [PAPERSITE_UNSET, 5]", "must be the name of a YAML file, not the number 5"),
        (
            "!ENV [PAPERSITE_UNSET, mkdocs.yml]",
            "leads back to mkdocs.yml (mkdocs.yml → mkdocs.yml): a file cannot inherit from itself",
        ),
    ],
)
def test_an_inherit_mkdocs_cannot_follow_is_one_line_at_its_line(
    here: Path, monkeypatch: pytest.MonkeyPatch, inherit: str, said: str
) -> None:
    monkeypatch.delenv("PAPERSITE_UNSET", raising=False)
    (here / "mkdocs.yml").write_text(f"site_name: x\nINHERIT: {inherit}\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(error) == f"mkdocs.yml:2: INHERIT {said}"


@pytest.mark.parametrize(
    ("inherit", "said"),
    [
        ("'base.yml '", "'base.yml ': no such file (with a trailing space; base.yml exists)"),
        (
            "!ENV PAPERSITE_SPACED",
            "'base.yml ': no such file (with a trailing space; base.yml exists)",
        ),
        ("' base.yml'", "' base.yml': no such file (with a leading space; base.yml exists)"),
        ("' base.yml  '", "' base.yml  ': no such file (with spaces around it; base.yml exists)"),
        ("'other.yml '", "'other.yml ': no such file"),
    ],
)
def test_an_inherit_with_spaces_around_a_file_s_name_is_told_the_file_it_names(
    here: Path, monkeypatch: pytest.MonkeyPatch, inherit: str, said: str
) -> None:
    # "INHERIT names base.yml : no such file", of a variable set to 'base.yml ', hid the space.
    monkeypatch.setenv("PAPERSITE_SPACED", "base.yml ")
    (here / "base.yml").write_text("theme: material\n", encoding="utf-8")
    (here / "mkdocs.yml").write_text(f"site_name: x\nINHERIT: {inherit}\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(error) == f"mkdocs.yml:2: INHERIT names {said}"


@pytest.mark.parametrize(
    ("inherit", "said"),
    [
        # GitHub Actions gives "" for a repository variable never defined.
        (
            "!ENV PAPERSITE_EMPTY",
            "is read from the environment variable PAPERSITE_EMPTY (!ENV), which is set but empty: "
            "set it to a YAML file's name",
        ),
        # A variable set is read, empty or not: the default after it is not.
        (
            "!ENV [PAPERSITE_UNSET, PAPERSITE_EMPTY, base.yml]",
            "is read from the environment variable PAPERSITE_EMPTY (!ENV), which is set but empty: "
            "set it to a YAML file's name, or unset it for the default to be read",
        ),
        (
            "!ENV PAPERSITE_NULL",
            "is read from the environment variable PAPERSITE_NULL (!ENV), set to 'null', which "
            "YAML reads as nothing: set it to a YAML file's name",
        ),
        (
            "!ENV [PAPERSITE_UNSET, PAPERSITE_OTHER, ~]",
            "is read from the environment variables PAPERSITE_UNSET and PAPERSITE_OTHER (!ENV), "
            "which are all unset, and its default is empty: set one, or write a YAML file's name "
            "as the default, !ENV [PAPERSITE_UNSET, PAPERSITE_OTHER, base.yml]",
        ),
        (
            "!ENV [PAPERSITE_UNSET, ~]",
            "is read from the environment variable PAPERSITE_UNSET (!ENV), which is unset, and its "
            "default is empty: set it, or write a YAML file's name as the default, "
            "!ENV [PAPERSITE_UNSET, base.yml]",
        ),
        # A default of "" is read as empty text, not nothing: "not ''" named no variable either.
        (
            '!ENV [PAPERSITE_UNSET, ""]',
            "is read from the environment variable PAPERSITE_UNSET (!ENV), which is unset, and its "
            "default is empty: set it, or write a YAML file's name as the default, "
            "!ENV [PAPERSITE_UNSET, base.yml]",
        ),
        (
            "!ENV PAPERSITE_BLANK",
            "is read from the environment variable PAPERSITE_BLANK (!ENV), which is set to only "
            "spaces, '  ': set it to a YAML file's name",
        ),
    ],
)
def test_an_inherit_an_env_reads_as_nothing_names_its_variables(
    here: Path, monkeypatch: pytest.MonkeyPatch, inherit: str, said: str
) -> None:
    # "INHERIT must be the name of a YAML file, not nothing" named neither the variable nor why.
    monkeypatch.delenv("PAPERSITE_UNSET", raising=False)
    monkeypatch.delenv("PAPERSITE_OTHER", raising=False)
    monkeypatch.setenv("PAPERSITE_EMPTY", "")
    monkeypatch.setenv("PAPERSITE_NULL", "null")
    monkeypatch.setenv("PAPERSITE_BLANK", "  ")
    (here / "mkdocs.yml").write_text(f"site_name: x\nINHERIT: {inherit}\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(error) == f"mkdocs.yml:2: INHERIT {said}"


def test_an_inherit_written_twice_is_refused(here: Path) -> None:
    # MkDocs follows the last one; which the writer meant is not known.
    (here / "base.yml").write_text("theme: material\n", encoding="utf-8")
    (here / "mkdocs.yml").write_text(
        "site_name: x\nINHERIT: base.yml\nINHERIT: mkdocs.yml\n", encoding="utf-8"
    )
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(error) == "mkdocs.yml:3: INHERIT is set twice, first on line 2: keep one"


@pytest.mark.parametrize(
    ("file", "written", "said"),
    [
        # Appended at the end: the last one silently won, in build and serve.
        ("mkdocs.yml", "site_name: x\ndocs_dir: d\nsite_name: y\n", ("3: site_name", 1)),
        ("base.yml", "theme:\n  name: material\n  name: mkdocs\n", ("3: theme.name", 2)),
        (
            "mkdocs.yml",
            "site_name: x\nmarkdown_extensions:\n  - toc: {permalink: true, permalink: false}\n",
            ("3: markdown_extensions.toc.permalink", 3),
        ),
    ],
)
def test_a_key_written_twice_in_one_map_is_refused_naming_both_lines(
    here: Path, file: str, written: str, said: tuple[str, int]
) -> None:
    inherit = "INHERIT: base.yml\nsite_url: https://example.org/\n"
    (here / "mkdocs.yml").write_text("site_name: x\n" + inherit, encoding="utf-8")
    (here / "base.yml").write_text("theme: material\n", encoding="utf-8")
    (here / file).write_text(written + (inherit if file == "mkdocs.yml" else ""), "utf-8")
    with pytest.raises(PapersiteError) as error:
        site_settings(here / "mkdocs.yml", 0)
    where, first = said
    assert one_problem(error) == f"{file}:{where} is set twice, first on line {first}: keep one"


def test_a_key_written_twice_is_told_with_every_other_mistake_checked_as_mkdocs_reads_it(
    here: Path,
) -> None:
    # Refused alone as the chain was read, it hid every other mistake until mended.
    (here / "base.yml").write_text(
        "theme: material\nsite_name: 123\n"
        "extra:\n  papersite:\n    recent_papers: 5\n    recent_papers: x\n",
        encoding="utf-8",
    )
    (here / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_url: https://example.org/\nsite_url: example.org\n",
        encoding="utf-8",
    )
    with pytest.raises(PapersiteError) as error:
        site_settings(here / "mkdocs.yml", 0)
    # MkDocs reads the last of two (PyYAML's dict keeps it): that one is checked.
    assert load_mkdocs_yaml(here / "mkdocs.yml")["site_url"] == "example.org"
    assert [str(problem) for problem in error.value.problems] == [
        "mkdocs.yml:3: site_url is set twice, first on line 2: keep one",
        "mkdocs.yml:3: site_url 'example.org' has no scheme (https://): write the published "
        "address in full, e.g. https://example.github.io/papers/",
        "base.yml:2: 'site_name' must be text, not the number 123",
        "base.yml:6: extra.papersite.recent_papers is set twice, first on line 5: keep one",
        "base.yml:6: extra.papersite.recent_papers must be a whole number, 0 or more, not 'x'",
    ]


def test_keys_a_merge_key_brings_may_be_set_again_and_merge_keys_written_twice(
    here: Path,
) -> None:
    (here / "mkdocs.yml").write_text(
        "x-a: &a {name: material, language: en}\nx-b: &b {palette: {}}\n"
        "site_name: x\ntheme:\n  <<: *a\n  <<: *b\n  name: mkdocs\n",
        encoding="utf-8",
    )
    theme = load_mkdocs_yaml(here / "mkdocs.yml")["theme"]
    assert theme == {"name": "mkdocs", "language": "en", "palette": {}}


@pytest.mark.parametrize(
    ("base", "said"),
    [
        ("# the base\n- a\n", "2: expected settings (key: value) at the top level, not a list"),
        ("hello\n", "1: expected settings (key: value) at the top level, not 'hello'"),
    ],
)
def test_a_file_mkdocs_yml_inherits_that_holds_no_settings_is_named(
    here: Path, base: str, said: str
) -> None:
    # MkDocs would merge it into mkdocs.yml's settings, and fail with a TypeError.
    (here / "base.yml").write_text(base, encoding="utf-8")
    (here / "mkdocs.yml").write_text("site_name: x\nINHERIT: base.yml\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(error) == f"base.yml:{said}"


def test_an_inherit_that_leads_back_round_a_loop_is_named_where_it_does(here: Path) -> None:
    (here / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    (here / "base.yml").write_text("theme: material\nINHERIT: mkdocs.yml\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(error) == (
        "base.yml:2: INHERIT leads back to mkdocs.yml (mkdocs.yml → base.yml → mkdocs.yml): a "
        "file cannot inherit from itself"
    )


def test_an_inherit_chain_longer_than_mkdocs_can_follow_is_named_where_it_goes_too_far(
    here: Path,
) -> None:
    # MkDocs follows INHERIT by recursion: 1,200 files ran out of Python's stack.
    (here / "mkdocs.yml").write_text("INHERIT: b1.yml\n", encoding="utf-8")
    for number in range(1, MAX_INHERITED + 1):
        (here / f"b{number}.yml").write_text(f"INHERIT: b{number + 1}.yml\n", encoding="utf-8")
    (here / f"b{MAX_INHERITED + 1}.yml").write_text("site_name: Deep\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(here / "mkdocs.yml")
    assert one_problem(error) == (
        f"b{MAX_INHERITED - 1}.yml:1: INHERIT leads through more than {MAX_INHERITED} files: "
        "MkDocs cannot follow a chain that long"
    )
    (here / f"b{MAX_INHERITED - 1}.yml").write_text("site_name: Deep\n", encoding="utf-8")
    assert load_mkdocs_yaml(here / "mkdocs.yml")["site_name"] == "Deep"


def test_mkdocs_error_in_a_file_inherited_is_explained_without_reading_it_whole(
    here: Path,
) -> None:
    # MkDocs stops at the first byte it refuses; the explanation read the file whole to find its
    # line: 'INHERIT: /dev/zero' until memory ran out. It is had as every settings file is.
    (here / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    (here / "base.yml").write_bytes(b"\x00" + b"#" * MAX_BYTES)
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_config(here / "mkdocs.yml")
    assert one_problem(error) == f"base.yml: file is over {MAX_BYTES:,} bytes, the limit for YAML"


def test_an_mkdocs_error_without_a_yaml_cause_names_the_file_alone(here: Path) -> None:
    error = exceptions.ConfigurationError("Aborted with 1 configuration errors!")
    assert mkdocs_config_problem(here.absolute() / "mkdocs.yml", error) == Problem(
        "mkdocs.yml", None, "Aborted with 1 configuration errors!"
    )


@pytest.mark.parametrize("name", ["missing.yml", "."])
def test_load_mkdocs_config_needs_a_file(here: Path, name: str) -> None:
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_config(here / name)
    assert one_problem(error) == f"{name}: no such MkDocs configuration file"


def test_load_mkdocs_config_s_overrides_replace_the_file_s_options(here: Path) -> None:
    (here / "docs").mkdir()
    (here / "mkdocs.yml").write_text("site_name: written\n", encoding="utf-8")
    config = load_mkdocs_config(here / "mkdocs.yml", site_name="given", docs_dir="docs")
    assert config.site_name == "given"
    assert config.docs_dir == str((here / "docs").absolute())


@pytest.mark.parametrize(
    ("own", "base", "said"),
    [
        # MkDocs' "TypeError: unhashable type: 'list'" (and 'dict'), a traceback.
        (
            "theme: {name: [material]}\n",
            "",
            "mkdocs.yml:2: theme name must be text, the theme's name (e.g. material), not a list",
        ),
        (
            "",
            "theme:\n  name: {}\n",
            "base.yml:3: theme name must be text, the theme's name (e.g. material), not a map",
        ),
        # MkDocs' "TypeError: expected str, bytes or os.PathLike object, not int".
        (
            "theme:\n  name: material\n  custom_dir: 0\n",
            "",
            "mkdocs.yml:4: theme custom_dir must be text, the folder of the theme's overrides "
            "(e.g. overrides), not the number 0",
        ),
        # MkDocs read it as mkdocs.yml's folder: the site published the whole project.
        (
            "theme: {name: material, custom_dir: ''}\n",
            "",
            "mkdocs.yml:2: theme custom_dir is empty: write the folder of the theme's overrides "
            "(e.g. overrides), or remove the line",
        ),
        (
            "",
            "theme:\n  name: material\n  custom_dir: ' '\n",
            "base.yml:4: theme custom_dir is empty: write the folder of the theme's overrides "
            "(e.g. overrides), or remove the line",
        ),
        # MkDocs' "KeyError: 'popitem(): dictionary is empty'", a traceback.
        (
            "markdown_extensions:\n  - toc\n  - {}\n",
            "",
            "mkdocs.yml:4: an empty entry in markdown_extensions: write the extension's name, or "
            "remove the line",
        ),
        (
            "",
            "markdown_extensions:\n- {}\n",
            "base.yml:3: an empty entry in markdown_extensions: write the extension's name, or "
            "remove the line",
        ),
        # MkDocs blamed the plugin: 'Config value 'plugins': The "tags" plugin is not installed'.
        (
            "plugins: [search, tags]\n",
            "",
            "mkdocs.yml: no theme is set: papersite's site is built with Material (theme name: "
            "material); the 'tags' plugin in plugins is Material's",
        ),
        (
            "theme:\nplugins:\n  - tags\n",
            "",
            "mkdocs.yml:2: theme is empty: papersite's site is built with Material (theme name: "
            "material); the 'tags' plugin in plugins is Material's",
        ),
        (
            "plugins: {tags: {}}\n",
            "theme:\n  name: mkdocs\n",
            "base.yml:3: theme 'mkdocs' is not Material: papersite's site is built with Material "
            "(theme name: material); the 'tags' plugin in plugins is Material's",
        ),
        (
            "plugins: [tags]\n",
            "theme: readthedocs\n",
            "base.yml:2: theme 'readthedocs' is not Material: papersite's site is built with "
            "Material (theme name: material); the 'tags' plugin in plugins is Material's",
        ),
        (
            "theme:\n  name:\n  palette: {}\nplugins: [tags]\n",
            "",
            "mkdocs.yml:3: theme has no name: papersite's site is built with Material (theme "
            "name: material); the 'tags' plugin in plugins is Material's",
        ),
        # MkDocs refused it at 'theme:', the line above, only listing the themes installed.
        (
            "theme:\n  name: materail\n",
            "",
            "mkdocs.yml:3: no theme is named 'materail' (did you mean 'material'?)",
        ),
        (
            "",
            "theme: Material\n",
            "base.yml:2: no theme is named 'Material' (did you mean 'material'?)",
        ),
        (
            "theme: {name: '', custom_dir: overrides}\n",
            "",
            "mkdocs.yml:2: theme name is empty: write the theme's name (installed: material, "
            "mkdocs, readthedocs)",
        ),
        # Each built the site without the setting, MkDocs warning at no line; generate was silent.
        (
            "plugin:\n  - search\n",
            "",
            "mkdocs.yml:2: MkDocs has no setting 'plugin' (did you mean 'plugins'?), and would "
            "ignore it",
        ),
        (
            "",
            "markdown_extension: [toc]\n",
            "base.yml:2: MkDocs has no setting 'markdown_extension' "
            "(did you mean 'markdown_extensions'?), and would ignore it",
        ),
        (
            "extra_cs: [a.css]\n",
            "",
            "mkdocs.yml:2: MkDocs has no setting 'extra_cs' (did you mean 'extra_css'?), and would "
            "ignore it",
        ),
        # Four letters, one edit: a word's typo, where ids that short are mostly abbreviations.
        (
            "xtra: {}\n",
            "",
            "mkdocs.yml:2: MkDocs has no setting 'xtra' (did you mean 'extra'?), and would "
            "ignore it",
        ),
        (
            "Theme: material\n",
            "",
            "mkdocs.yml:2: MkDocs has no setting 'Theme' (did you mean 'theme'?), and would ignore "
            "it",
        ),
        # A setting without its 'site_', as Jekyll and Hugo name them: built without it.
        (
            "description: Papers we read\n",
            "",
            "mkdocs.yml:2: MkDocs has no setting 'description' (did you mean 'site_description'?), "
            "and would ignore it",
        ),
        (
            "",
            "author: The lab\n",
            "base.yml:2: MkDocs has no setting 'author' (did you mean 'site_author'?), and would "
            "ignore it",
        ),
        (
            "url: https://example.org/\n",
            "",
            "mkdocs.yml:2: MkDocs has no setting 'url' (did you mean 'site_url'?), and would "
            "ignore it",
        ),
        # Not "did you mean 'pages'?", which MkDocs refuses as removed ("Use 'nav' instead").
        (
            "page: [index.md]\n",
            "",
            "mkdocs.yml:2: MkDocs has no setting 'page' (did you mean 'nav'? MkDocs' 'pages' is "
            "now 'nav'), and would ignore it",
        ),
        # MkDocs' loader follows INHERIT alone: a base's settings went unread.
        (
            "inherit: other.yml\n",
            "",
            "mkdocs.yml:2: MkDocs has no setting 'inherit' (did you mean 'INHERIT'?), and would "
            "ignore it",
        ),
    ],
)
def test_a_setting_mkdocs_crashes_on_or_misreads_is_refused_at_its_line(
    here: Path, own: str, base: str, said: str
) -> None:
    # Refused by generate and build (site_settings) and before MkDocs loads it (build, serve).
    (here / "base.yml").write_text(f"site_url: https://example.org/\n{base}", encoding="utf-8")
    (here / "mkdocs.yml").write_text(f"INHERIT: base.yml\n{own}site_name: x\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as settings:
        site_settings(here / "mkdocs.yml", 0)
    with pytest.raises(PapersiteError) as loaded:
        load_mkdocs_config(here / "mkdocs.yml")
    assert one_problem(settings) == one_problem(loaded) == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("site_url: https://example.org/\n", ": site_name must be set"),
        ("site_url: https://example.org/\nsite_name: ''\n", ":2: site_name must be set"),
        ("site_url: https://example.org/\nsite_name:\n", ":2: site_name must be set"),
        # Set, but to nothing a page shows: a space, a Hangul filler, a zero-width space.
        (
            "site_url: https://example.org/\nsite_name: ' '\n",
            ":2: site_name ' ' shows nothing: write the site's name, which heads the home page "
            "and the feeds",
        ),
        (
            'site_url: https://example.org/\nsite_name: "\\u3164"\n',
            ":2: site_name '\\u3164' shows nothing: write the site's name, which heads the home "
            "page and the feeds",
        ),
        # The Braille pattern blank too: quoted as it is, the quotes looked empty.
        (
            'site_url: https://example.org/\nsite_name: "\\u2800"\n',
            ":2: site_name '\\u2800' shows nothing: write the site's name, which heads the home "
            "page and the feeds",
        ),
        (
            'site_url: https://example.org/\nsite_name: "\\u200b "\n',
            ":2: site_name '\\u200b ' shows nothing: write the site's name, which heads the "
            "home page and the feeds",
        ),
        # Not "must be set": it is, and MkDocs refuses it in these words.
        (
            "site_name: [x]\nsite_url: https://example.org/\n",
            ":1: 'site_name' must be text, not a list",
        ),
        (
            "site_name: 12\nsite_url: https://example.org/\n",
            ":1: 'site_name' must be text, not the number 12",
        ),
        (
            "site_name: 2024-01-01\nsite_url: https://example.org/\n",
            ":1: 'site_name' must be text, not the date 2024-01-01",
        ),
        (
            "site_name: x\n",
            ": site_url must be the published address, e.g. https://example.github.io/papers/",
        ),
        (
            "site_name: x\nsite_url: example.org/papers/\n",
            ":2: site_url 'example.org/papers/' has no scheme (https://): write the published "
            "address in full, e.g. https://example.github.io/papers/",
        ),
        (
            "site_name: x\nsite_url: 123\n",
            ":2: site_url must be the published address, e.g. https://example.github.io/papers/, "
            "not the number 123",
        ),
        # Each page's address, its feed entry's id, is site_url and the page's path.
        (
            "site_name: x\nsite_url: https://example.org/my site/\n",
            ":2: site_url 'https://example.org/my site/' has a space: percent-encode it as %20 or "
            "remove it",
        ),
        *(
            (
                f"site_name: x\nsite_url: https://example.org/{end}\n",
                f":2: site_url 'https://example.org/{end}' has {what} ('{end[0]}'), which would "
                "end every page's address before its path: write the address of the site's "
                "root, e.g. https://example.github.io/papers/",
            )
            for end, what in (("#x/", "a fragment"), ("?lang=en", "a query"))
        ),
        # What no curator link may hold either: no feed entry's id would be an IRI.
        *(
            (
                f"site_name: x\nsite_url: '{url}'\n",
                f":2: site_url {shown} {said}",
            )
            for url, shown, said in (
                (
                    'https://x.org/a"b/',
                    "'https://x.org/a\"b/'",
                    "has a '\"', which no web address may hold: percent-encode it as %22",
                ),
                (
                    "https://x.org/a<b>",
                    "'https://x.org/a<b>'",
                    "has a '<', which no web address may hold: percent-encode it as %3C",
                ),
                (
                    "https://x.org/a\\b",
                    "'https://x.org/a\\b'",
                    "has a '\\', which no web address may hold: percent-encode it as %5C",
                ),
                (
                    "https://x.org/a{b}",
                    "'https://x.org/a{b}'",
                    "has a '{', which no web address may hold: percent-encode it as %7B",
                ),
                (
                    "https://x.org/pa\u200bpers/",
                    "'https://x.org/pa\\u200bpers/'",
                    "holds characters that do not show as themselves: <U+200B>; delete them, or "
                    "percent-encode them if they are meant",
                ),
                (
                    "https://x.org/a%zz/",
                    "'https://x.org/a%zz/'",
                    "has a '%' not followed by two hex digits: write a '%' as %25",
                ),
            )
        ),
    ],
)
def test_feeds_and_citations_need_the_site_s_name_and_absolute_address(
    here: Path, written: str, said: str
) -> None:
    (here / "mkdocs.yml").write_text(written, encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        site_settings(here / "mkdocs.yml", 0)
    assert one_problem(error) == f"mkdocs.yml{said}"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("site_name: [x]", "'site_name' must be text, not a list"),
        ("site_name:", "site_name must be set"),
    ],
)
def test_a_site_name_an_inherited_file_writes_is_refused_at_its_line(
    here: Path, written: str, said: str
) -> None:
    (here / "base.yml").write_text(f"theme: material\n{written}\n", encoding="utf-8")
    (here / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_url: https://example.org/\n", encoding="utf-8"
    )
    with pytest.raises(PapersiteError) as error:
        site_settings(here / "mkdocs.yml", 0)
    assert one_problem(error) == f"base.yml:2: {said}"


@pytest.mark.parametrize(
    ("own", "inherited", "said"),
    [
        (
            "site_name: !ENV PAPERSITE_UNSET\n",
            "",
            "mkdocs.yml:2: site_name is read from the environment variable PAPERSITE_UNSET (!ENV), "
            "which is unset: set it, or write a default after it, !ENV [PAPERSITE_UNSET, Papers]",
        ),
        (
            "site_name: !ENV [PAPERSITE_EMPTY, Papers]\n",
            "",
            "mkdocs.yml:2: site_name is read from the environment variable PAPERSITE_EMPTY (!ENV), "
            "which is set but empty: set it to the site's name, or unset it for the default to be "
            "read",
        ),
        # Named in the file writing it: the file mkdocs.yml inherits.
        (
            "",
            "site_name: !ENV [PAPERSITE_UNSET, PAPERSITE_OTHER, ~]\n",
            "base.yml:1: site_name is read from the environment variables PAPERSITE_UNSET and "
            "PAPERSITE_OTHER (!ENV), which are all unset, and its default is empty: set one, or "
            "write the site's name as the default, !ENV [PAPERSITE_UNSET, PAPERSITE_OTHER, Papers]",
        ),
        # A default of "" is read as empty text: "site_name must be set" named no variable.
        (
            'site_name: !ENV [PAPERSITE_UNSET, PAPERSITE_OTHER, ""]\n',
            "",
            "mkdocs.yml:2: site_name is read from the environment variables PAPERSITE_UNSET and "
            "PAPERSITE_OTHER (!ENV), which are all unset, and its default is empty: set one, or "
            "write the site's name as the default, !ENV [PAPERSITE_UNSET, PAPERSITE_OTHER, Papers]",
        ),
        (
            "site_name: !ENV [PAPERSITE_UNSET, '  ']\n",
            "",
            "mkdocs.yml:2: site_name is read from the environment variable PAPERSITE_UNSET (!ENV), "
            "which is unset, and its default is only spaces: set it, or write the site's name as "
            "the default, !ENV [PAPERSITE_UNSET, Papers]",
        ),
        # "site_name '  ' shows nothing" did not say where the spaces came from.
        (
            "site_name: !ENV [PAPERSITE_BLANK, Papers]\n",
            "",
            "mkdocs.yml:2: site_name is read from the environment variable PAPERSITE_BLANK (!ENV), "
            "which is set to only spaces, '  ': set it to the site's name, or unset it for the "
            "default to be read",
        ),
    ],
)
def test_a_site_name_an_env_reads_as_nothing_names_its_variables(
    here: Path, monkeypatch: pytest.MonkeyPatch, own: str, inherited: str, said: str
) -> None:
    # "site_name must be set" named neither the variable nor why it was not.
    monkeypatch.delenv("PAPERSITE_UNSET", raising=False)
    monkeypatch.delenv("PAPERSITE_OTHER", raising=False)
    monkeypatch.setenv("PAPERSITE_EMPTY", "")
    monkeypatch.setenv("PAPERSITE_BLANK", "  ")
    (here / "base.yml").write_text(inherited or "theme: material\n", encoding="utf-8")
    (here / "mkdocs.yml").write_text(
        f"INHERIT: base.yml\n{own}site_url: https://example.org/\n", encoding="utf-8"
    )
    with pytest.raises(PapersiteError) as error:
        site_settings(here / "mkdocs.yml", 0)
    assert one_problem(error) == said


def test_every_bad_setting_and_option_is_refused_at_once_in_file_order(here: Path) -> None:
    # A bad site_url was told alone, ahead of the options' problems, and two bad addresses one a
    # run: a curator fixed one, ran again, and was told of the next.
    (here / "base.yml").write_text("theme: material\nsite_name: ''\n", encoding="utf-8")
    (here / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        "extra:\n"
        "  papersite:\n"
        "    feed_entries: 0\n"
        "site_url: example.org\n"
        "repo_url: ftp://example.org/x\n"
        "site_author: 42\n",
        encoding="utf-8",
    )
    with pytest.raises(PapersiteError) as error:
        site_settings(here / "mkdocs.yml", 0)
    assert [str(problem) for problem in error.value.problems] == [
        "mkdocs.yml:4: extra.papersite.feed_entries must be a whole number above 0, not 0",
        "mkdocs.yml:5: site_url 'example.org' has no scheme (https://): write the published "
        "address in full, e.g. https://example.github.io/papers/",
        "mkdocs.yml:6: repo_url 'ftp://example.org/x' has the scheme 'ftp:': write the "
        "repository's address as an https:// (or http://) one, e.g. https://github.com/owner/papers",
        "mkdocs.yml:7: site_author must be text, the author's name, not the number 42",
        "base.yml:2: site_name must be set",
    ]


def test_a_site_author_a_base_writes_is_named_at_its_line_there_in_file_order(
    here: Path,
) -> None:
    # Named at mkdocs.yml, with no line, ahead of the base's other problems.
    (here / "base.yml").write_text(
        "theme: material\nsite_name: ''\nsite_author: 42\nsite_url: example.org\n",
        encoding="utf-8",
    )
    (here / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        site_settings(here / "mkdocs.yml", 0)
    assert [str(problem) for problem in error.value.problems] == [
        "base.yml:2: site_name must be set",
        "base.yml:3: site_author must be text, the author's name, not the number 42",
        "base.yml:4: site_url 'example.org' has no scheme (https://): write the published "
        "address in full, e.g. https://example.github.io/papers/",
    ]


def test_site_settings_take_the_address_as_a_folder_and_the_build_time_from_the_epoch(
    here: Path,
) -> None:
    (here / "mkdocs.yml").write_text(
        "site_name: Papers\nsite_url: https://example.org/sub\n"
        "theme: {name: material, language: ''}\n"
        "extra:\n  papersite: {unsorted_page_size: 7, theme_page_size: 5}\n",
        encoding="utf-8",
    )
    settings = site_settings(here / "mkdocs.yml", 86400)
    assert (settings.site_name, settings.site_url) == ("Papers", "https://example.org/sub/")
    assert settings.built == datetime(1970, 1, 2, tzinfo=UTC)
    assert (settings.options.unsorted_page_size, settings.options.theme_page_size) == (7, 5)
    # A language left empty is MkDocs' default, English, to the search as to the theme.
    assert settings.search.language == "en"


def test_the_overrides_keep_mkdocs_default_plugins_unless_search_is_left_out() -> None:
    nav = [{"Home": "index.md"}]
    with_search = mkdocs_overrides({"theme": "material"}, nav, search=True)
    assert with_search == {"nav": nav, "theme": with_theme_overrides("material")}
    # The preview changes the navigation in place for MkDocs' next rebuild: the very list.
    assert with_search["nav"] is nav
    # No plugins written is MkDocs' search alone; without it, no plugin at all.
    assert mkdocs_overrides({}, nav, search=False) == {"nav": nav, "theme": None, "plugins": []}


def test_the_overrides_order_tags_and_leave_search_out_of_the_plugins_written() -> None:
    written = {"theme": {"name": "material"}, "plugins": ["search", "tags", {"offline": {}}]}
    before = repr(written)
    with_search = mkdocs_overrides(written, [], search=True)
    assert with_search["plugins"] == ["search", {"tags": dict(SORT_OPTIONS)}, {"offline": {}}]
    without = mkdocs_overrides(written, [], search=False)
    assert without["plugins"] == [{"tags": dict(SORT_OPTIONS)}, {"offline": {}}]
    assert repr(written) == before


def test_the_navigation_is_written_as_mkdocs_yml_writes_it() -> None:
    nav = (NavEntry("Home", "index.md"), NavEntry("Efficiency &lt;&gt;", "themes/efficiency.md"))
    assert mkdocs_nav(nav) == [
        {"Home": "index.md"},
        {"Efficiency &lt;&gt;": "themes/efficiency.md"},
    ]
    assert mkdocs_nav(()) == []


def test_mkdocs_log_prints_warnings_keeps_errors_and_drops_chatter(
    capsys: pytest.CaptureFixture[str],
) -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    with mkdocs_logging() as log:
        logger.info("Building documentation...")
        logger.warning("Doc file 'a.md' contains a link %s", "'b.md'")
        logger.error("Error reading page 'about.md'")
        assert log.errors == ["Error reading page 'about.md'"]
        # Once no error ends the command (a running preview), errors show like the rest.
        log.print_errors = True
        logger.error("rebuild failed")
    assert capsys.readouterr().err == (
        "mkdocs: warning: Doc file 'a.md' contains a link 'b.md'\nmkdocs: error: rebuild failed\n"
    )
    assert log.errors == ["Error reading page 'about.md'"]
    with mkdocs_logging(logging.INFO):
        logger.info("Documentation built")
    assert capsys.readouterr().err == "mkdocs: Documentation built\n"


def test_mkdocs_logging_puts_the_logger_back_as_it_found_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    logger = logging.getLogger("mkdocs")
    handlers, level = list(logger.handlers), logger.level
    # Unlike what the block sets, so that putting back is seen.
    monkeypatch.setattr(logger, "propagate", True)
    logger.setLevel(logging.CRITICAL)
    try:
        with mkdocs_logging():
            assert (logger.propagate, logger.level) == (False, logging.INFO)
            assert len(logger.handlers) == len(handlers) + 1
        assert (logger.propagate, logger.level) == (True, logging.CRITICAL)
        assert logger.handlers == handlers
    finally:
        logger.setLevel(level)


def test_mkdocs_failing_is_one_problem_per_cause_it_logged(here: Path) -> None:
    with (
        mkdocs_logging() as log,
        pytest.raises(PapersiteError) as error,
        mkdocs_failures(log, here / "mkdocs.yml"),
    ):
        logging.getLogger("mkdocs.plugins").error("first cause")
        logging.getLogger("mkdocs.structure").error("second cause")
        raise exceptions.Abort("Aborted with 2 errors in strict mode!")
    assert [str(p) for p in error.value.problems] == [
        "mkdocs.yml: MkDocs build failed: first cause",
        "mkdocs.yml: MkDocs build failed: second cause",
    ]


def test_a_cause_mkdocs_words_over_lines_is_one_line(here: Path) -> None:
    with (
        mkdocs_logging() as log,
        pytest.raises(PapersiteError) as error,
        mkdocs_failures(log, here / "mkdocs.yml"),
    ):
        logging.getLogger("mkdocs.config").error("Failed to load 'x'.\nError: no 'x'\n\n  at a\n")
        raise exceptions.Abort("Aborted with a configuration error!")
    assert (
        one_problem(error)
        == "mkdocs.yml: MkDocs build failed: Failed to load 'x'. Error: no 'x'; at a"
    )


def test_a_markdown_extension_that_is_not_there_is_one_line_at_its_setting(
    tmp_path: Path, here: Path
) -> None:
    # MkDocs words it over two lines: the extension, then the ModuleNotFoundError.
    written = CONFIG.read_text(encoding="utf-8")
    config = here / "mkdocs.yml"
    config.write_text(written.replace("markdown_extensions:\n", "markdown_extensions:\n  - tocc\n"))
    line = written.splitlines().index("markdown_extensions:") + 1
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        run_mkdocs(config, docs, tmp_path / "site", (NavEntry("Home", "index.md"),), epoch=0)
    assert one_problem(error) == (
        f"mkdocs.yml:{line}: MkDocs build failed: Config value 'markdown_extensions': Failed to "
        "load extension 'tocc'. ModuleNotFoundError: No module named 'tocc'"
    )


@pytest.mark.parametrize(
    ("theme", "said"),
    [
        (
            "  language: english\n",
            "base.yml:4: theme language 'english' is not one Material has (e.g. en, de)",
        ),
        # Left empty: "TemplateNotFound: 'partials/languages/.html'" at the theme's line.
        (
            "  language: ''\n",
            "base.yml:4: theme language '' is not one Material has (e.g. en, de)",
        ),
        (
            "  palette: 5\n",
            "base.yml:2: MkDocs build failed: TypeError: 'int' object is not iterable "
            "(check theme: palette)",
        ),
        (
            "  features: 5\n",
            "base.yml:2: MkDocs build failed: TypeError: argument of type 'int' is not iterable "
            "(check theme: features)",
        ),
    ],
)
def test_a_theme_setting_the_theme_fails_on_is_one_line_at_its_setting(
    here: Path, theme: str, said: str
) -> None:
    # Material trusts its settings: each failed as a traceback from its templates.
    (here / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: x\n", encoding="utf-8")
    base = f"copyright: x\ntheme:\n  name: material\n{theme}"
    (here / "base.yml").write_text(base, encoding="utf-8")
    docs = here / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    nav = (NavEntry("Home", "index.md"),)
    with pytest.raises(PapersiteError) as error:
        run_mkdocs(here / "mkdocs.yml", docs, here / "site", nav, epoch=0)
    assert one_problem(error) == said


def test_a_setting_mkdocs_does_not_have_is_told_at_its_line_under_strict(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs warned naming no file or line, then failed with "Aborted with 2 configuration
    # warnings in 'strict' mode!" at mkdocs.yml. Keys like no setting: a typo of one is refused
    # before MkDocs reads them (see misspelt_settings).
    (here / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_name: x\nbaseurl: y\n", encoding="utf-8"
    )
    (here / "base.yml").write_text("copyright: c\ncolour: z\n", encoding="utf-8")
    docs = here / "docs"
    docs.mkdir()
    nav = (NavEntry("Home", "index.md"),)
    with pytest.raises(PapersiteError) as error:
        run_mkdocs(here / "mkdocs.yml", docs, here / "site", nav, epoch=0, strict=True)
    # In file order, though MkDocs warns of them in no set order (it takes them from a set).
    assert [str(problem) for problem in error.value.problems] == [
        "mkdocs.yml:3: MkDocs build failed: MkDocs has no setting 'baseurl' "
        "(did you mean 'site_url'?)",
        "base.yml:2: MkDocs build failed: MkDocs has no setting 'colour' "
        # Not 'pages', which MkDocs removed.
        "(settings: site_name, nav, exclude_docs, draft_docs, not_in_nav, site_url, "
        "site_description, site_author, ...)",
    ]
    assert "Unrecognised" not in capsys.readouterr().err


def test_a_sitemap_left_whole_is_one_of_mkdocs_warnings_which_strict_fails_on(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def left_whole(site: Path, site_url: str, epoch: int, *, warn: Callable[[str], None]) -> int:
        assert (site / "sitemap.xml").is_file()  # split once MkDocs has written it
        warn("sitemap.xml has 3 URLs, more than the 2 a sitemap may hold, ...")
        return 0

    monkeypatch.setattr(mkdocs_glue, "split_sitemap", left_whole)
    (here / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://example.org/\n", encoding="utf-8"
    )
    docs = here / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    nav = (NavEntry("Home", "index.md"),)
    run_mkdocs(here / "mkdocs.yml", docs, here / "site", nav, epoch=0)
    said = "mkdocs: warning: sitemap.xml has 3 URLs, more than the 2 a sitemap may hold, ...\n"
    assert capsys.readouterr().err == said
    with pytest.raises(PapersiteError) as error:
        run_mkdocs(here / "mkdocs.yml", docs, here / "site", nav, epoch=0, strict=True)
    assert capsys.readouterr().err == said
    assert one_problem(error) == (
        "mkdocs.yml: MkDocs build failed: Aborted with 1 warnings in strict mode!"
    )


@pytest.mark.parametrize(
    "written",
    [
        # Material's tags plugin named in full loads under any theme; without it, any theme builds.
        {"theme": "readthedocs", "plugins": ["material/tags"]},
        {"theme": {"name": "mkdocs"}, "plugins": ["search"]},
        {"plugins": {"search": {}}},
        # A theme no theme has: refused as such (above), not as a theme other than Material.
        {"theme": "materail", "plugins": ["tags"]},
    ],
)
def test_a_theme_other_than_material_without_its_tags_plugin_is_left_alone(
    here: Path, written: dict[str, object]
) -> None:
    assert crashing_settings(written, here / "mkdocs.yml") == []


@pytest.mark.parametrize("key", ["nva", "colour", "analytics", "my_theme_setting"])
def test_a_key_like_no_setting_is_left_to_mkdocs_warning(here: Path, key: str) -> None:
    # MkDocs keeps it for the theme's templates and plugins, which may read it; it warns of it,
    # and --strict fails on that (above). Three letters are too few to tell a typo by.
    (here / "mkdocs.yml").write_text(
        f"site_name: x\nsite_url: https://example.org/\n{key}: 1\n", encoding="utf-8"
    )
    assert site_settings(here / "mkdocs.yml", 0).site_name == "x"


def test_an_error_outside_the_theme_s_templates_keeps_its_traceback(here: Path) -> None:
    # A bug of papersite's or a plugin's, theme settings or not: not blamed on them.
    (here / "mkdocs.yml").write_text("theme:\n  name: material\n  palette: 5\n")
    with (
        mkdocs_logging() as log,
        pytest.raises(TypeError),
        mkdocs_failures(log, here / "mkdocs.yml"),
    ):
        raise TypeError("a bug")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("use_directory_urls: maybe", "'use_directory_urls' must be true or false, not 'maybe'"),
        ("use_directory_urls: 3", "'use_directory_urls' must be true or false, not the number 3"),
        ("site_description: [a, b]", "'site_description' must be text, not a list"),
    ],
)
# In a file INHERIT names, it is told there: it was told at mkdocs.yml, with no line.
@pytest.mark.parametrize("written_in", ["mkdocs.yml", "base.yml"])
def test_a_setting_of_the_wrong_type_is_said_with_its_value_as_written(
    here: Path, written: str, said: str, written_in: str
) -> None:
    # MkDocs said "Expected type: <class 'bool'> but received: <class 'str'>": Python's classes.
    (here / "docs").mkdir()
    (here / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    (here / "base.yml").write_text("copyright: x\n", encoding="utf-8")
    with (here / written_in).open("a", encoding="utf-8") as file:
        file.write(f"{written}\nsite_name: x\n")
    with (
        mkdocs_logging() as log,
        pytest.raises(PapersiteError) as error,
        mkdocs_failures(log, here / "mkdocs.yml"),
    ):
        load_mkdocs_config(here / "mkdocs.yml")
    assert one_problem(error) == f"{written_in}:2: MkDocs build failed: {said}"


def test_a_wrong_type_is_said_in_mkdocs_words_where_the_value_written_is_not_it(
    here: Path,
) -> None:
    # Overridden by papersite: the value written is not the one refused.
    config = "site_name: x\nstrict: true\nuse_directory_urls: maybe\n"
    (here / "mkdocs.yml").write_text(config, encoding="utf-8")
    wrong = "Expected type: <class 'bool'> but received: <class 'str'>"
    told = "must be true or false, not 'maybe'"
    names = ("strict", "site_url", "use_directory_urls")
    with (
        mkdocs_logging() as log,
        pytest.raises(PapersiteError) as error,
        mkdocs_failures(log, here / "mkdocs.yml"),
    ):
        for name in names:
            logging.getLogger("mkdocs.config").error(f"Config value '{name}': {wrong}")
        raise exceptions.Abort("Aborted with 3 configuration errors!")
    assert [str(p) for p in error.value.problems] == [
        f"mkdocs.yml:2: MkDocs build failed: Config value 'strict': {wrong}",
        f"mkdocs.yml: MkDocs build failed: Config value 'site_url': {wrong}",
        f"mkdocs.yml:3: MkDocs build failed: 'use_directory_urls' {told}",
    ]


@pytest.mark.parametrize(
    ("raised", "cause"),
    [
        (
            exceptions.ConfigurationError("Config value 'dev_addr': bad"),
            "Config value 'dev_addr': bad",
        ),
        # papersite's own error inside MkDocs (a hook's) is told by its message alone.
        (PapersiteError("content/x.yaml", 3, "broken"), "broken"),
    ],
)
def test_mkdocs_failing_without_a_logged_cause_is_told_by_its_exception(
    here: Path, raised: Exception, cause: str
) -> None:
    with (
        mkdocs_logging() as log,
        pytest.raises(PapersiteError) as error,
        mkdocs_failures(log, here / "mkdocs.yml", "serve"),
    ):
        raise raised
    assert one_problem(error) == f"mkdocs.yml: MkDocs serve failed: {cause}"


def test_another_exception_inside_mkdocs_is_left_to_show_as_the_bug_it_is(here: Path) -> None:
    with (
        mkdocs_logging() as log,
        pytest.raises(KeyError),
        mkdocs_failures(log, here / "mkdocs.yml"),
    ):
        raise KeyError("plugin bug")


@pytest.mark.parametrize("before", [None, "1600000000"])
def test_source_date_epoch_is_set_for_the_build_and_put_back_after(
    monkeypatch: pytest.MonkeyPatch, before: str | None
) -> None:
    if before is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", before)
    with _source_date_epoch(1700000000):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    assert os.environ.get("SOURCE_DATE_EPOCH") == before


def test_a_mistake_in_the_theme_overrides_is_one_error_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overrides = tmp_path / "overrides"
    shutil.copytree(THEME_OVERRIDES, overrides)
    main_html = overrides / "main.html"
    lines = main_html.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if "{{ super() }}" in text)
    lines[line - 1] = "  {{ oops( super() curated }}\n"
    main_html.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(mkdocs_glue, "THEME_OVERRIDES", overrides)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    nav = (NavEntry("Home", "index.md"),)
    with pytest.raises(PapersiteError) as error:
        run_mkdocs(CONFIG, docs, tmp_path / "site", nav, epoch=0)
    assert (
        one_problem(error) == f"{display_path(main_html)}:{line}: expected token ',', got 'curated'"
    )


def test_a_template_error_outside_the_overrides_is_left_to_show_as_a_bug(here: Path) -> None:
    with (
        mkdocs_logging() as log,
        pytest.raises(jinja2.TemplateNotFound),
        mkdocs_failures(log, here / "mkdocs.yml"),
    ):
        jinja2.Environment(loader=jinja2.DictLoader({})).get_template("missing.html")


def test_the_search_separator_holds_no_lookbehind_which_older_browsers_refuse() -> None:
    # Material compiles it with `new RegExp` in each reader's browser; Safari before 16.4 throws on
    # a lookbehind, and search would then find nothing at all.
    config = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=get_yaml_loader())
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    separator = search["separator"]
    assert "(?<=" not in separator and "(?<!" not in separator
    assert re.split(separator, "papers.csv e.g. U.S. (BRNN)") == [
        "papers",
        "csv",
        "e.g.",
        "U.S.",
        "BRNN",
        "",
    ]
