"""Everything papersite asks of MkDocs: its settings, the overrides, its build and its log.

``papersite build`` (papersite.build) and ``papersite serve`` (papersite.serve) both read
mkdocs.yml, hand MkDocs the same overrides of it (:func:`mkdocs_overrides`), and turn what MkDocs
logs and raises into papersite's one-line problems; this module holds that common part. MkDocs is
imported inside the functions that use it: the commands that never run it start faster.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import sys
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from papersite.characters import shows_nothing, unfit_in_address
from papersite.errors import (
    PapersiteError,
    Problem,
    Problems,
    cannot_read,
    display_path,
    printable,
)
from papersite.options import (
    EnvRead,
    Options,
    as_nothing_message,
    entry_written_at,
    env_read,
    in_file_order,
    inherited,
    options_of,
    set_twice,
    unreadable,
    written_at,
)
from papersite.render import NavEntry, SiteSettings, template_mistake
from papersite.search import SearchBackend, without_search_plugin
from papersite.sitemap import split_sitemap
from papersite.tags import with_tag_order
from papersite.theme_env import theme_env_plugin
from papersite.urls import as_uri, ascii_host
from papersite.wording import (
    as_yaml,
    describe,
    did_you_mean,
    listed,
    listing,
    nearest,
    suggest,
    typo_distance,
)
from papersite.yamlfile import yaml_bytes

# Material 9.7+ prints a notice about MkDocs 2.0 on every build unless this is set.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CONFIG_FILE = Path("mkdocs.yml")
# papersite's overrides of the theme's templates: the Atom feeds in every page's head, names for
# the search dialog and a paper's tags, which screen readers announce, a repository link that asks
# no other host about the repository (see partials/), and a 404 page that leads a stale link's
# reader on.
THEME_OVERRIDES = Path(__file__).parent / "templates" / "overrides"


def load_mkdocs_yaml(config_file: Path) -> dict[str, Any]:
    """The configuration file as written, before MkDocs validates it (docs_dir need not exist).

    A file that cannot be read, does not parse or holds no settings raises one PapersiteError.
    """
    from mkdocs import exceptions
    from mkdocs.utils.yaml import yaml_load

    inherited(config_file)  # before MkDocs follows the INHERIT its checks would have refused
    try:
        # Had as every settings file is (a pipe or a device put in its place meanwhile is
        # refused, not read for ever); named, as MkDocs finds an INHERIT next to the file.
        stream = io.BytesIO(yaml_bytes(config_file, display_path(config_file)))
        stream.name = str(config_file)
        written = yaml_load(stream)
    except OSError as error:
        raise PapersiteError(
            display_path(config_file), None, cannot_read(config_file, error)
        ) from None
    except exceptions.ConfigurationError as error:
        raise PapersiteError.from_problems([mkdocs_config_problem(config_file, error)]) from None
    # Every caller looks settings up by name; a list or a bare word there would fail as a bug.
    # (An empty file is read as no settings, {}.) The top level starts at the first line.
    if not isinstance(written, dict):
        raise PapersiteError(
            display_path(config_file),
            1,
            f"expected settings (key: value) at the top level, not {describe(written)}",
        )
    return written


def mkdocs_config_problem(config_file: Path, error: Exception) -> Problem:
    """MkDocs' error reading its configuration, in one line at the line it names.

    MkDocs words a YAML mistake over three lines, its place on the last; while serving, its dev
    server prints it with two chained tracebacks. The YAML error it wraps holds the place.
    """
    import yaml

    cause = error.__context__
    if isinstance(cause, yaml.MarkedYAMLError | yaml.reader.ReaderError):
        # The file an INHERIT of mkdocs.yml names has the mistake when the mark names it.
        if isinstance(cause, yaml.MarkedYAMLError):
            mark = cause.problem_mark or cause.context_mark
            name = mark.name if mark is not None else ""
        else:
            name = cause.name  # a control character, or a byte not UTF-8: MkDocs named its offset
        path = Path(name) if name and not name.startswith("<") else config_file
        line, why = unreadable(path, cause)
        return Problem(display_path(path), line, why)
    return Problem(display_path(config_file), None, one_line(str(error)))


def one_line(message: str) -> str:
    """MkDocs' message with its lines joined: papersite prints each problem on one line.

    MkDocs words some causes over lines ("Failed to load extension 'tocc'." then the exception);
    printed as they are, the second line would read as a problem of its own.
    """
    joined = ""
    for line in filter(None, (line.strip() for line in message.splitlines())):
        joined += f"{' ' if joined[-1:] in '.:;!?' else '; '}{line}" if joined else line
    return joined


def load_mkdocs_config(config_file: Path, **overrides: Any) -> Any:
    """MkDocs' validated configuration, with ``overrides`` replacing options of the file."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    if not config_file.is_file():
        raise PapersiteError(display_path(config_file), None, "no such MkDocs configuration file")
    try:
        written = load_mkdocs_yaml(config_file)
    except PapersiteError:
        written = {}  # a file that cannot be read is told by MkDocs' loading, as before
    if refused := refused_settings(written, config_file):
        raise PapersiteError.from_problems(refused)
    try:
        return load_config(str(config_file), **overrides)
    except exceptions.ConfigurationError as error:
        raise PapersiteError.from_problems([mkdocs_config_problem(config_file, error)]) from None


def refused_settings(config: Mapping[str, Any], config_file: Path) -> list[Problem]:
    """The settings of ``config`` (mkdocs.yml as read) refused before MkDocs reads them.

    One list for both readers, :func:`site_settings` (generate) and :func:`load_mkdocs_config`
    (build, serve): a check added to one of them alone would be told by one command only.
    """
    unknown = _unknown_theme(config, config_file)
    return [
        *crashing_settings(config, config_file),
        *([unknown] if unknown is not None else []),
        *misspelt_settings(config, config_file),
    ]


def crashing_settings(config: Mapping[str, Any], config_file: Path) -> list[Problem]:
    """The settings in ``config`` (mkdocs.yml as read) MkDocs crashes on or misreads, each placed.

    MkDocs trusts theme.name and theme.custom_dir to be text and an entry of markdown_extensions
    to name one: else a traceback ("unhashable type: 'list'", "popitem(): dictionary is empty").
    An empty custom_dir it reads as mkdocs.yml's own folder, and published all of it (content/,
    notes) in the site, without papersite's overrides. A theme other than Material with the tags
    plugin it blamed on the plugin (:func:`_not_material`). Each is told at its line of the file
    of the chain writing it, before MkDocs sees it.
    """
    problems = [] if (other := _not_material(config, config_file)) is None else [other]
    theme = config.get("theme")
    theme = theme if isinstance(theme, Mapping) else {}
    name = theme.get("name")
    if name is not None and not isinstance(name, str):
        problems.append(
            Problem(
                *written_at(config_file, ("theme", "name")),
                f"theme name must be text, the theme's name (e.g. material), not {describe(name)}",
            )
        )
    custom_dir = theme.get("custom_dir")
    if custom_dir is not None and not (isinstance(custom_dir, str) and custom_dir.strip()):
        wanted = "the folder of the theme's overrides (e.g. overrides)"
        message = (
            f"theme custom_dir is empty: write {wanted}, or remove the line"
            if isinstance(custom_dir, str)
            else f"theme custom_dir must be text, {wanted}, not {describe(custom_dir)}"
        )
        problems.append(Problem(*written_at(config_file, ("theme", "custom_dir")), message))
    extensions = config.get("markdown_extensions")
    for index, entry in enumerate(extensions if isinstance(extensions, list) else []):
        if entry == {}:
            problems.append(
                Problem(
                    *entry_written_at(config_file, ("markdown_extensions",), index),
                    "an empty entry in markdown_extensions: write the extension's name, or "
                    "remove the line",
                )
            )
    return problems


def _unknown_theme(config: Mapping[str, Any], config_file: Path) -> Problem | None:
    """A theme name no installed theme has, told at the name's line with the theme likely meant.

    MkDocs refused 'materail' at 'theme:', the line above, listing the themes installed; a name
    that is no text is :func:`crashing_settings`' to refuse.
    """
    from mkdocs.utils import get_theme_names

    theme = config.get("theme")
    name = theme.get("name") if isinstance(theme, Mapping) else theme
    if not isinstance(name, str):
        return None
    installed = sorted(get_theme_names())
    if name in installed:
        return None
    message = (
        f"theme name is empty: write the theme's name {listing(installed, 'installed')}"
        if not name.strip()
        else f"no theme is named {name!r} {suggest(name, installed, 'installed themes')}"
    )
    return Problem(*_theme_name_at(config, config_file), message)


def _theme_name_at(config: Mapping[str, Any], config_file: Path) -> tuple[str, int | None]:
    """The file and line naming the theme: its 'name:', or 'theme:' written as the name alone."""
    keys = ("theme", "name") if isinstance(config.get("theme"), Mapping) else ("theme",)
    return written_at(config_file, keys)


def _not_material(config: Mapping[str, Any], config_file: Path) -> Problem | None:
    """The theme, when it is not Material but the plugins name Material's tags plugin as 'tags'.

    MkDocs looks for a plugin written 'tags' as the theme's own first (see tags.with_tag_order):
    with no theme, an empty one or another theme installed, it said 'The "tags" plugin is not
    installed' at plugins. The theme is the mistake, told at its line (the file's, when none is
    written). A theme name no theme has is :func:`_unknown_theme`'s.
    """
    from mkdocs.utils import get_theme_names

    theme = config.get("theme")
    name = theme.get("name") if isinstance(theme, Mapping) else theme
    plugins = config.get("plugins")
    # A map of plugins or a list of them (a name, or a map of one name to its options).
    entries = list(plugins) if isinstance(plugins, Mapping | list) else []
    tags = any(
        entry == "tags" or (isinstance(entry, Mapping) and "tags" in entry) for entry in entries
    )
    # A name that is no text is refused below, as MkDocs crashes on it.
    installed = name is None or (isinstance(name, str) and name in get_theme_names())
    if not tags or name == "material" or not installed:
        return None
    if "theme" not in config:
        what = "no theme is set"
    elif theme is None:
        what = "theme is empty"
    elif name is None:
        what = "theme has no name"
    else:
        what = f"theme {describe(name)} is not Material"
    return Problem(
        *_theme_name_at(config, config_file),
        f"{what}: papersite's site is built with Material (theme name: material); the 'tags' "
        "plugin in plugins is Material's",
    )


def misspelt_settings(config: Mapping[str, Any], config_file: Path) -> list[Problem]:
    """Each top-level key of ``config`` (mkdocs.yml as read) misspelt from a setting, placed.

    MkDocs only warns of a key it does not have, naming no line, and builds without it:
    'plugin:' built the site with neither the tags plugin nor search's settings, 'extra_cs:'
    without papersite's stylesheet, and generate said nothing. A key a typo away from a setting
    (:func:`_misspelt_from`), or without its 'site_' ('description:'), is refused at its line,
    with the setting meant. One like no setting is left to MkDocs' warning (an error under
    --strict), as MkDocs keeps it in the settings handed to the theme's templates and plugins,
    which may read it.
    """
    known = _mkdocs_settings()
    # MkDocs tells one of these what replaces it ("Use 'nav' instead").
    skipped = {*known, *_mkdocs_former_settings()}
    problems = []
    for key in config:
        hint = _misspelt_from(key, known) if isinstance(key, str) and key not in skipped else None
        if hint is not None:
            problems.append(
                Problem(
                    *written_at(config_file, (key,)),
                    f"{_no_setting(as_yaml(key), hint)}, and would ignore it",
                )
            )
    return problems


# A setting's name this long or longer is a word, not an abbreviation: one edit from it is a typo
# ('xtra' for 'extra', 'hook' for 'hooks'), where the typo rule (wording.misspelt) waits for five
# letters, as ids that short are mostly abbreviations.
_SETTING_TYPO_FROM = 4


def _misspelt_from(key: str, known: list[str]) -> str | None:
    """The hint "(did you mean 'x'?)", x the setting of ``known`` ``key`` is a typo of, or None.

    A setting's name without its 'site_' prefix is one too ('description', 'author', 'url',
    Jekyll's and Hugo's names for them): MkDocs has no setting of those names to be meant. A
    typo of a setting MkDocs removed is told the one it moved to: 'page' (of 'pages') 'nav'.
    """
    if (prefixed := f"site_{key.casefold()}") in known:
        return did_you_mean(key, prefixed)
    if (meant := _typo_of(key, known)) is not None:
        return did_you_mean(key, meant)
    moved = {name: to for name, to in _mkdocs_former_settings().items() if to is not None}
    if (former := _typo_of(key, list(moved))) is not None:
        return f"(did you mean '{moved[former]}'? MkDocs' '{former}' is now '{moved[former]}')"
    return None


def _typo_of(key: str, known: list[str]) -> str | None:
    """The name of ``known`` that ``key`` is a typo of (:func:`_misspelt_from`), else None."""
    meant = nearest(key, known)
    if meant is None and len(key) >= _SETTING_TYPO_FROM:
        folded = key.casefold()
        meant = next((name for name in known if typo_distance(folded, name.casefold()) == 1), None)
    return meant


def papersite_options(config_file: Path) -> Options:
    """The options under extra.papersite, for callers that need one before the settings.

    Checked with the rest of the settings, as :func:`site_settings` checks them: a bad one raises
    every problem of the chain at once, not the options' alone (build told of a bad site_url a
    run later than of a bad option, where generate named both).
    """
    site_settings(config_file, 0)
    return options_of(load_mkdocs_yaml(config_file), config_file)


def _unusable_address(read: EnvRead | None, key: str, address: str) -> str | None:
    """Why ``address``, mkdocs.yml's ``key`` (site_url or repo_url), is no usable address, or None.

    A page's address, and so its feed entry's id and link, is site_url with the page's path
    after it: what no address may hold (a space, '"', '<', a zero-width space, a '%' that
    encodes nothing: see characters.unfit_in_address) makes every one no IRI (an invalid Atom
    id); and after a query or a fragment the path is no path, so every entry's link led to the
    home page. repo_url is held to the same rule but the last: Material writes it into every
    page's header as it is, where a '"' broke the HTML, while a query or fragment harms no link.
    Both must have a host and any port a port may be (see :func:`_unfit_host`).

    One read from an environment variable (!ENV, as the deploy sets both) names it: the line
    the message points to does not show the value, and a trailing space there shows nowhere.
    ``read`` is how MkDocs reads ``key`` when an !ENV writes it (options.env_read).
    """
    shown = _shown_address(read, address)
    if unfit := unfit_in_address(address):
        return f"{key} {shown} {unfit}"
    if wrong := _unfit_host(address):
        wanted, example = _ADDRESSES[key]
        return f"{key} {shown} {wrong}: write {wanted} in full, e.g. {example}"
    if wrong := _refused_by_idna(address):
        return f"{key} {shown} {wrong}"
    for mark, what in (("?", "a query"), ("#", "a fragment")):
        if key == "site_url" and mark in address:
            return (
                f"site_url {shown} has {what} ('{mark}'), which would end every "
                "page's address before its path: write the address of the site's root, e.g. "
                "https://example.github.io/papers/"
            )
    return None


def _shown_address(read: EnvRead | None, address: str) -> str:
    """``address`` quoted, with the environment variable (!ENV) it is read from, if any.

    As the deploy sets both: the line a message points to does not show the value, and a
    trailing space there shows nowhere. One read as an !ENV's default names that !ENV: its last
    item is easily taken for a variable.
    """
    shown = describe(address)
    if read is None:
        return shown
    if read.variable is not None:
        return f"{shown}, read from the environment variable {read.variable} (!ENV),"
    # No default (nothing is read), or a list or a map, is no address.
    if read.default_text is None:
        return shown
    written = ", ".join([*read.variables, read.default_text])
    return (
        f"{shown}, the default of !ENV [{written}], {listed(read.variables)} being unset (its "
        "last item is the default),"
    )


# An address's scheme, as RFC 3986 writes one: 'https:', 'mailto:'.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# The schemes of a web page's address, the one site_url and repo_url may have.
_WEB_SCHEMES = ("https", "http")
# What site_url and repo_url hold, in a message's words, and an example of it.
_ADDRESSES = {
    "site_url": ("the published address", "https://example.github.io/papers/"),
    "repo_url": ("the repository's address", "https://github.com/owner/papers"),
}


def _no_address(read: EnvRead | None, key: str, value: object) -> str | None:
    """Why ``value``, mkdocs.yml's ``key`` (site_url or repo_url), is no absolute address, or None.

    None too for a repo_url of nothing: it is optional (no repository link). An !ENV read as
    nothing names its variables and why, as site_name's does; a value the variable's text is
    read as (123, true) names the text; an address without its scheme says so, and one with a
    scheme other than https or http ('ftp:', 'mailto:') names it. ``read`` is
    how MkDocs reads ``key`` when an !ENV writes it (options.env_read).
    """
    wanted, example = _ADDRESSES[key]
    if key == "repo_url" and (value is None or value == ""):
        return None
    scheme = _scheme_of(value) if isinstance(value, str) else None
    if scheme and scheme.group()[:-1].lower() not in _WEB_SCHEMES:
        # Feeds and citations hand site_url to readers as a web page's address; Material links
        # repo_url from every page. MkDocs takes ftp:// and refuses 'mailto:a@b.c' only when it
        # builds, in words naming no variable ("it should include the http:// (scheme)").
        return (
            f"{key} {_shown_address(read, str(value))} has the scheme {scheme.group()!r}: write "
            f"{wanted} as an https:// (or http://) one, e.g. {example}"
        )
    if isinstance(value, str) and "://" in value:
        return None
    blank = value is None or (isinstance(value, str) and not value.strip())
    if blank:
        from_env = as_nothing_message(read, key, wanted, example)
        return from_env or f"{key} must be {wanted}, e.g. {example}"
    if not isinstance(value, str):
        if read is None or read.variable is None:
            return f"{key} must be {wanted}, e.g. {example}, not {describe(value)}"
        # MkDocs reads the variable's text as YAML: '123' is a number, 'yes' true.
        return (
            f"{key} is read from the environment variable {read.variable} (!ENV), set to "
            f"{read.text!r}, which YAML reads as {describe(value)}: set it to {wanted}, "
            f"e.g. {example}"
        )
    missing = "no host (://)" if scheme else "no scheme (https://)"
    return (
        f"{key} {_shown_address(read, value)} has {missing}: write {wanted} in full, e.g. {example}"
    )


def _scheme_of(address: str) -> re.Match[str] | None:
    """The scheme ``address`` starts with ('https:'), or None.

    'example.org:8080/' is a host and a port with no scheme before them, not the scheme
    'example.org:' (a scheme may hold dots): what follows a scheme's ':' is no digit.
    """
    scheme = _SCHEME.match(address)
    return None if scheme is None or address[scheme.end() :][:1].isdigit() else scheme


def _unfit_host(address: str) -> str | None:
    """What is wrong with the host or port of ``address`` (scheme://host...), or None.

    MkDocs takes 'https://.github.io/papers/' (an unset variable in 'https://${OWNER}.github.io')
    and refuses 'https:///papers/' only when it builds, in words naming no variable; before
    that, generate wrote every feed and citation with the address's path taken for its host.
    """
    try:
        parts = urlsplit(address)
    except ValueError as error:  # an unclosed '[', a character NFKC turns into a '/' or '@'
        return f"has a host no address may have ({error})"
    host = parts.hostname or ""
    if not host:
        return "has no host (after ://)"
    host_port = parts.netloc.rpartition("@")[2]
    if "[" in host_port:
        # urlsplit reads 'x[::1]y' as the host '::1', leaving what is around it unsaid.
        before, _, rest = host_port.partition("[")
        after = rest.partition("]")[2]
        if before or after[:1] not in ("", ":"):
            return (
                "has text around its bracketed host: write the IPv6 address alone in brackets, "
                "then any ':' and port"
            )
        written = after[1:]
    # A bracketed IPv6 address is written with colons, not names between dots. One dot may end
    # a name: 'example.com.' is the name fully qualified.
    elif "" in host.removesuffix(".").split("."):
        return "has a host with a dot at an end or two dots together"
    else:
        written = host_port.partition(":")[2]
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        if ":" in written:
            return f"has more than one port ({written!r}): keep one, a number from 1 to 65535"
        return f"has the port {written!r}, not a number from 1 to 65535"
    return None


def _refused_by_idna(address: str) -> str | None:
    """Why no browser can look up the host of ``address`` (one :func:`_unfit_host` passed), or None.

    Browsers write a host beyond ASCII in IDNA's ASCII form (IDNA 2008, UTS 46), as as_uri does
    for the sitemap, feeds and citations: one IDNA refuses (a label over 63 characters, a
    character no label may hold, such as '☃') is no address, and as_uri raises on it.
    """
    host_port = urlsplit(address).netloc.rpartition("@")[2]
    if host_port.startswith("["):  # an IPv6 address, all ASCII
        return None
    try:
        ascii_host(host_port.partition(":")[0])
    except UnicodeError as error:  # idna.IDNAError
        return f"has a host no browser can look up, as IDNA refuses it: {printable(str(error))}"
    return None


def site_settings(config_file: Path, epoch: int) -> SiteSettings:
    """The site's name, address, author and options from mkdocs.yml.

    Feeds and citations need an absolute URL. Bad settings raise one PapersiteError carrying
    every problem of them and of the options, and every key written twice in a file of the
    chain, each at its file and line, in file order (see options.in_file_order): a curator fixes
    them all in one go, not one a run.
    """
    config = load_mkdocs_yaml(config_file)
    # The files INHERIT leads to, each read once here: a value an !ENV writes is traced in them.
    chain = inherited(config_file)
    problems = Problems()
    # A key written twice: the rest are checked with the last, which MkDocs reads.
    problems.extend(set_twice(chain))
    site_url = config.get("site_url")
    site_name = config.get("site_name")
    # In the words MkDocs' refusal takes (_in_our_words): serve shows MkDocs' as this one, once.
    # A file mkdocs.yml inherits may be the one writing it.
    if site_name is not None and not isinstance(site_name, str):
        problems.error(
            *written_at(config_file, ("site_name",)),
            f"'site_name' must be text, not {describe(site_name)}",
        )
    # A blank one would head the home page '#' and title the feeds ' : <theme>'; a Hangul filler
    # or a zero-width space alone is as blank, as a dump's title of them is (see dumps).
    elif site_name is None or shows_nothing(site_name):
        # An !ENV read as nothing, empty or only spaces: "must be set" (or "shows nothing") named
        # neither the variable nor why. One read as a zero-width space is told what it shows.
        blank = site_name is None or not site_name.strip()
        from_env = (
            as_nothing_message(
                env_read(chain, ("site_name",)), "site_name", "the site's name", "Papers"
            )
            if blank
            else None
        )
        if from_env:
            message = from_env
        elif not site_name:
            message = "site_name must be set"
        else:
            message = (
                f"site_name {describe(site_name)} shows nothing: write the site's name, which "
                "heads the home page and the feeds"
            )
        problems.error(*written_at(config_file, ("site_name",)), message)
    problems.extend(refused_settings(config, config_file))
    repo_url = config.get("repo_url")
    for key, address in (("site_url", site_url), ("repo_url", repo_url)):
        read = env_read(chain, (key,))
        wrong = _no_address(read, key, address)
        if wrong is None and isinstance(address, str) and address:
            wrong = _unusable_address(read, key, address)
        if wrong:
            problems.error(*written_at(config_file, (key,)), wrong)
    site_author = config.get("site_author")
    # MkDocs refuses one that is no text only when it builds, and without its line; generate
    # would leave it out of the feeds without a word.
    if site_author is not None and not isinstance(site_author, str):
        # A file mkdocs.yml inherits may be the one writing it, as site_name's.
        problems.error(
            *written_at(config_file, ("site_author",)),
            f"site_author must be text, the author's name, not {describe(site_author)}",
        )
    # MkDocs then writes papers/<id>.html, while the pages papersite renders, its feeds, data
    # files and redirects name folders: the build passed and every such link led nowhere.
    if config.get("use_directory_urls") is False:
        problems.error(
            *written_at(config_file, ("use_directory_urls",)),
            "use_directory_urls must be true: papersite's pages, feeds and data files link to "
            "each page as a folder (papers/<id>/), which false would make a file "
            "(papers/<id>.html), so every such link would lead nowhere: write true, or remove "
            "the line",
        )
    try:
        options = options_of(config, config_file)
    except PapersiteError as error:
        problems.extend(error.problems)
    if problems:
        raise in_file_order(chain, problems)
    # The checks above took only text for these, and only an absolute address for site_url.
    assert isinstance(site_name, str)
    assert isinstance(site_url, str)
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    # Feeds, citations and redirects name the same addresses as MkDocs' pages (run_mkdocs).
    site_url = as_uri(site_url)
    # ... and a web address for repo_url, or none (None or "": no repository link).
    if not (isinstance(repo_url, str) and repo_url):
        repo_url = None
    # A blank one names nobody.
    if not (isinstance(site_author, str) and site_author.strip()):
        site_author = None
    built = datetime.fromtimestamp(epoch, UTC)
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, Mapping) else None
    return SiteSettings(
        site_name,
        site_url,
        built,
        options=options,
        language=language if isinstance(language, str) and language else "en",
        repo_url=repo_url,
        site_author=site_author,
    )


def mkdocs_overrides(
    written: Mapping[str, Any], nav: list[dict[str, str]], *, search: bool
) -> dict[str, Any]:
    """The settings papersite gives MkDocs over ``written`` (mkdocs.yml as read), for every build.

    They are the navigation, the theme with papersite's template overrides, and the plugins with
    Material's tags plugin ordering tags as readers expect (:func:`papersite.tags.with_tag_order`).
    Without ``search``, Material's search plugin is left out: ``papersite build`` leaves it out for
    Pagefind, whose Search page it would compete with, and ``papersite serve`` always, as the
    preview's dirty rebuilds would give it an index of the rebuilt pages alone. ``nav`` is kept as
    the very list given: the preview changes it in place for MkDocs' next rebuild.
    """
    theme = written.get("theme")
    overrides: dict[str, Any] = {"nav": nav, "theme": with_theme_overrides(theme)}
    plugins = written.get("plugins")
    if not search:
        plugins = without_search_plugin(plugins)
    if plugins is not None:  # none written: MkDocs' default, search alone
        overrides["plugins"] = with_tag_order(plugins, theme)
    return overrides


def with_theme_overrides(theme: Any) -> Any:
    """mkdocs.yml's ``theme`` with papersite's template overrides as its ``custom_dir``.

    They are set here rather than in mkdocs.yml because the site's feeds are papersite's own, and
    a custom_dir written there is found next to the file: a copy of mkdocs.yml elsewhere would
    lose it. A theme with a custom_dir of its own keeps it (MkDocs takes one), and no theme stays
    MkDocs' default.
    """
    if isinstance(theme, str):
        return {"name": theme, "custom_dir": str(THEME_OVERRIDES)}
    if isinstance(theme, Mapping) and theme.get("custom_dir") is None:
        return {**theme, "custom_dir": str(THEME_OVERRIDES)}
    return theme


# The settings MkDocs' theme templates write into pages as they are, MkDocs' Jinja escaping
# nothing: Material's <meta name="description" content="{{ config.site_description }}"> (the home
# page's), <meta name="author"> and <title> in every head, the header's aria-label. A '"' in one
# ended the attribute, a '<' opened a tag.
_TEMPLATE_TEXTS = ("site_name", "site_description", "site_author")


def with_texts_escaped(config: Any) -> Any:
    """``config`` (MkDocs' settings, loaded) with its _TEMPLATE_TEXTS HTML-escaped, in place.

    Each is escaped once, as Markup: a template escaping it itself (``| e``, as papersite's
    main.html and Material's header do) leaves it as it is. papersite's own pages and feeds read
    mkdocs.yml themselves (:func:`site_settings`) and get the text as written.
    """
    for key in _TEMPLATE_TEXTS:
        value = config.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            config[key] = Markup.escape(value)
    return config


def mkdocs_nav(nav: tuple[NavEntry, ...]) -> list[dict[str, str]]:
    """The navigation as mkdocs.yml writes it."""
    return [{entry.title: entry.path} for entry in nav]


# Under MkDocs' logger: printed as its warnings are, and counted with them by its --strict.
_LOG = logging.getLogger("mkdocs.papersite")


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    nav: tuple[NavEntry, ...],
    *,
    epoch: int,
    strict: bool = False,
    progress: bool = False,
    search: SearchBackend = "material",
) -> None:
    """Run MkDocs' build on generated docs; its warnings go to stderr, its failures raise.

    MkDocs is given :func:`mkdocs_overrides`; with the Pagefind backend, Material's search plugin
    is left out: its index would be built for nothing, and its search box would compete with the
    Search page. papersite's plugins join MkDocs' own: :mod:`papersite.theme_env`'s, the sitemap's
    split, and with ``progress`` a progress bar.
    """
    from mkdocs.commands.build import build

    written = load_mkdocs_yaml(config_file)
    overrides = mkdocs_overrides(written, mkdocs_nav(nav), search=search != "pagefind")
    site_url = written.get("site_url")
    if isinstance(site_url, str):
        # MkDocs writes site_url into the sitemap as it is, where a URI is due (sitemaps.org),
        # and into every page's canonical address. Not in serve, which serves at its own.
        overrides["site_url"] = as_uri(site_url)
    with mkdocs_logging() as log, mkdocs_failures(log, config_file), _source_date_epoch(epoch):
        # Under --strict they are what the build fails with: told as its causes, at their lines.
        log.keep_setting_warnings = strict
        config = load_mkdocs_config(
            config_file, docs_dir=str(docs_dir), site_dir=str(site_dir), strict=strict, **overrides
        )
        with_texts_escaped(config)
        if progress:
            config.plugins["papersite-progress"] = _progress_plugin()
        config.plugins["papersite-sitemap"] = _sitemap_plugin(epoch)
        config.plugins["papersite-theme-env"] = theme_env_plugin(THEME_OVERRIDES)
        build(config)


@contextlib.contextmanager
def _source_date_epoch(epoch: int) -> Iterator[None]:
    """MkDocs dates the sitemap (and its gzip header) from this variable, or from today."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _sitemap_plugin(epoch: int) -> Any:
    """A plugin splitting the sitemap MkDocs wrote (see :func:`papersite.sitemap.split_sitemap`).

    MkDocs writes one sitemap of every page, which crawlers refuse past 50,000 URLs. Split at the
    end of MkDocs' build, a sitemap left whole is one of MkDocs' warnings, which --strict fails.
    """
    from mkdocs.plugins import BasePlugin

    class Sitemap(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_post_build(self, *, config: Any) -> None:
            # site_settings refused a mkdocs.yml without an absolute site_url before any page
            # was rendered, so MkDocs' sitemap names every page whole, and the index its parts.
            split_sitemap(Path(config.site_dir), config.site_url, epoch, warn=_LOG.warning)

    return Sitemap()


def _progress_plugin() -> Any:
    """A plugin that advances a progress bar as MkDocs writes pages."""
    from mkdocs.plugins import BasePlugin
    from tqdm import tqdm

    class Progress(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        bar: Any = None

        def on_files(self, files: Any, *, config: Any) -> Any:
            self.bar = tqdm(
                total=len(files.documentation_pages()), unit="pages", desc="MkDocs", leave=False
            )
            return files

        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            self.bar.update()
            return output

        def on_post_build(self, *, config: Any) -> None:
            self.bar.close()

    return Progress()


class MkDocsLog(logging.Handler):
    """Prints MkDocs' messages on stderr and keeps its errors for the PapersiteError they cause.

    Set ``print_errors`` once no error ends the command (a running preview, whose failed rebuilds
    MkDocs survives): errors are then printed like the rest, as nothing else would show them.
    Set ``keep_setting_warnings`` when MkDocs' warnings about settings abort it (--strict): they
    are kept as errors, the causes a failure names at their lines, not printed apart.
    """

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.errors: list[str] = []
        self.print_errors = False
        self.keep_setting_warnings = False

    def emit(self, record: logging.LogRecord) -> None:
        """Print one message, or keep it when it is an error."""
        message = record.getMessage()
        kept = record.levelno >= logging.ERROR or (
            self.keep_setting_warnings and _refused_setting(message) is not None
        )
        if kept and not self.print_errors:
            self.errors.append(message)
            return
        label = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        print(f"mkdocs: {label}{record.getMessage()}", file=sys.stderr)

    @contextlib.contextmanager
    def keeping_errors(self) -> Iterator[None]:
        """Meanwhile errors are kept, not printed: those of one rebuild, which a failure names.

        The errors of a rebuild that succeeds are printed at its end, as they would have been.
        """
        printing, self.print_errors, self.errors = self.print_errors, False, []
        failed = True
        try:
            yield
            failed = False
        finally:
            self.print_errors = printing
            if printing and not failed:
                for error in self.errors:
                    print(f"mkdocs: error: {error}", file=sys.stderr)


@contextlib.contextmanager
def mkdocs_logging(level: int = logging.WARNING) -> Iterator[MkDocsLog]:
    """Route MkDocs' log to stderr meanwhile; messages below ``level`` (chatter) are dropped."""
    logger = logging.getLogger("mkdocs")
    handler = MkDocsLog(level)
    saved = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, level = saved
        logger.setLevel(level)


@contextlib.contextmanager
def mkdocs_failures(
    log: MkDocsLog, config_file: Path, command: str = "build", theme: Path = THEME_OVERRIDES
) -> Iterator[None]:
    """Turn MkDocs' failure meanwhile into a PapersiteError, one problem for each cause it logged.

    MkDocs logs the causes and raises a bare "Aborted": without them the message says nothing.
    ``command`` names what failed, as in "MkDocs build failed: ...". A cause about one setting is
    at that setting's line of ``config_file``. A mistake in the theme's templates (papersite's
    overrides, or the ``theme`` folder mkdocs.yml names), which MkDocs lets through as Jinja2's
    own error, is one line at its template line, as one in papersite's page templates is. One
    a theme setting makes in the theme's templates ('palette: 5') is one line at that setting
    (see :func:`_theme_setting_failure`); any other error is raised as it is, a bug.
    """
    from mkdocs import exceptions

    try:
        yield
    except jinja2.TemplateError as error:
        # A language Material lacks fails in whichever template includes its file, papersite's
        # overrides too (the preview's first build): the setting is the mistake, not the template.
        mistake = (
            _missing_language(error, config_file)
            or template_mistake(error, theme)
            or _theme_setting_failure(error, config_file, command)
        )
        if mistake is None:
            raise
        raise mistake from None
    except (exceptions.MkDocsException, PapersiteError) as error:
        causes = log.errors or [str(error.message if isinstance(error, PapersiteError) else error)]
        problems = [
            Problem(
                *_setting_place(config_file, cause),
                f"MkDocs {command} failed: {_in_our_words(config_file, cause)}",
            )
            for cause in map(one_line, causes)
        ]
        ordered = _unknown_in_file_order(config_file, causes, problems)
        raise PapersiteError.from_problems(ordered) from None
    except Exception as error:
        # 'palette: 5' fails in the theme's templates as a TypeError: not papersite's bug.
        failure = _theme_setting_failure(error, config_file, command)
        if failure is None:
            raise
        raise failure from None


def _unknown_in_file_order(
    config_file: Path, causes: list[str], problems: list[Problem]
) -> list[Problem]:
    """``problems``, MkDocs' settings it does not have among them put in file order, in place.

    MkDocs warns of them from a set, in an order that changes from run to run; the others keep
    MkDocs' order.
    """
    at = [i for i, cause in enumerate(causes) if _UNKNOWN_SETTING.fullmatch(one_line(cause))]
    if len(at) < 2:
        return problems
    try:
        ordered = in_file_order(inherited(config_file), (problems[i] for i in at)).problems
    except PapersiteError:  # a chain that cannot be read was told already
        return problems
    placed = list(problems)
    for i, problem in zip(at, ordered, strict=True):
        placed[i] = problem
    return placed


# The names of a template's frames: its compiled code's ('root', 'block_x'), and those Jinja2
# gives the frames it rewrites to point at the template's line (jinja2.debug).
_TEMPLATE_FRAMES = ("root", "top-level template code", "template")
# The theme settings MkDocs itself reads; the rest are the theme's, which its templates use.
_MKDOCS_THEME_SETTINGS = frozenset({"name", "custom_dir", "locale", "static_templates"})
# The language file Material's templates include for theme.language (an empty one: ".html").
_LANGUAGE_TEMPLATE = re.compile(r"partials/languages/(.*)\.html")


def _missing_language(error: Exception, config_file: Path) -> PapersiteError | None:
    """``error``, Material's template for theme.language not found, at that setting's line."""
    missing = (
        _LANGUAGE_TEMPLATE.fullmatch(str(error.name))
        if isinstance(error, jinja2.TemplateNotFound)
        else None
    )
    if missing is None:
        return None
    try:
        written = load_mkdocs_yaml(config_file).get("theme")
    except PapersiteError:
        return None
    language = written.get("language") if isinstance(written, Mapping) else None
    if missing[1] != str(language):
        return None
    return PapersiteError(
        *written_at(config_file, ("theme", "language")),
        f"theme language {describe(language)} is not one Material has (e.g. en, de)",
    )


def _theme_setting_failure(
    error: Exception, config_file: Path, command: str
) -> PapersiteError | None:
    """``error``, raised while the theme rendered a page, as one line at mkdocs.yml's theme.

    Material trusts its settings: 'language: english' fails as a template not found, and
    'palette: 5' or 'features: 5' as a TypeError in its templates, each a traceback naming no
    setting. None when no template was rendering or the theme (as the chain merges it) has no
    setting of its own to blame: then the error is a bug, and its traceback stays.
    """
    trace = error.__traceback__
    rendering = False
    while trace is not None:
        code = trace.tb_frame.f_code
        # A template's code is compiled under the template's file name, never a module's.
        rendering = rendering or (
            not code.co_filename.endswith(".py")
            and (code.co_name in _TEMPLATE_FRAMES or code.co_name.startswith(("block_", "block ")))
        )
        trace = trace.tb_next
    try:
        written = load_mkdocs_yaml(config_file).get("theme")
    except PapersiteError:
        return None
    if not rendering or not isinstance(written, Mapping):
        return None
    settings = [str(key) for key in written if key not in _MKDOCS_THEME_SETTINGS]
    if not settings:
        return None
    why = one_line(f"{type(error).__name__}: {error}")
    return PapersiteError(
        *written_at(config_file, ("theme",)),
        f"MkDocs {command} failed: {why} (check theme: {', '.join(settings)})",
    )


# How MkDocs begins the error of a setting it refuses (1.6): "Config value 'plugins': ...".
_SETTING_ERROR = re.compile(r"Config value '([^']+)'")


def _refused_setting(cause: str) -> str | None:
    """The setting MkDocs' error ``cause`` is about, where it says ("Config value 'x': ...")."""
    setting = _SETTING_ERROR.match(cause)
    return None if setting is None else setting[1]


def _setting_place(config_file: Path, cause: str) -> tuple[str, int | None]:
    """The file and line setting what MkDocs' error ``cause`` is about, where it says.

    The nearest file of ``config_file``'s INHERIT chain writing the setting, as for papersite's own
    settings (options.written_at): "site_description: [a]" in a base file is told at its line
    there, not at mkdocs.yml with none. Else ``config_file``, with no line.
    """
    setting = _refused_setting(cause)
    if setting is None:
        return display_path(config_file), None
    return written_at(config_file, (setting,))


# How MkDocs (1.6) refuses a setting of the wrong type: "Config value 'use_directory_urls':
# Expected type: <class 'bool'> but received: <class 'str'>".
_WRONG_TYPE = re.compile(
    r"Config value '([^']+)': Expected type: <class '(\w+)'> but received: <class '\w+'>"
)
# How MkDocs (1.6) warns of a setting it does not have: "Config value 'site_descripton':
# Unrecognised configuration name: site_descripton".
_UNKNOWN_SETTING = re.compile(r"Config value '([^']+)': Unrecognised configuration name: .*")
# What each type MkDocs expects is, in a curator's words.
_TYPE_WORDS = {
    "bool": (bool, "true or false"),
    "int": (int, "a whole number"),
    "float": (float, "a number"),
    "str": (str, "text"),
    "list": (list, "a list"),
    "dict": (dict, "settings (key: value)"),
}


def _in_our_words(config_file: Path, cause: str) -> str:
    """MkDocs' error ``cause``, a wrong type said with the value as written: else as it is.

    MkDocs names Python's classes ("Expected type: <class 'bool'>"), and not the value: "must be
    true or false, not 'maybe'" says both in the curator's words. Only a value written in
    ``config_file`` or a file its INHERIT leads to (as MkDocs merges them), and not of the type
    expected, is named: one papersite overrides is not the value written there. A setting MkDocs
    does not have (a warning, fatal under --strict) is told the nearest MkDocs has.
    """
    if unknown := _UNKNOWN_SETTING.fullmatch(cause):
        return _no_setting(f"'{unknown[1]}'", suggest(unknown[1], _mkdocs_settings(), "settings"))
    wrong = _WRONG_TYPE.fullmatch(cause)
    if wrong is None or wrong[2] not in _TYPE_WORDS:
        return cause
    expected, words = _TYPE_WORDS[wrong[2]]
    try:
        written = load_mkdocs_yaml(config_file)
    except PapersiteError:
        return cause
    if wrong[1] not in written or isinstance(written[wrong[1]], expected):
        return cause
    return f"'{wrong[1]}' must be {words}, not {describe(written[wrong[1]])}"


def _no_setting(shown: str, hint: str) -> str:
    """A key MkDocs has no setting of, ``shown`` as written, with ``hint`` (the one meant)."""
    return f"MkDocs has no setting {shown} {hint}"


def _mkdocs_settings() -> list[str]:
    """The names of the settings MkDocs has, which a misspelt one is told the nearest of.

    INHERIT too, which MkDocs' YAML loader follows and takes out before the settings are checked:
    'inherit:' or 'INHERT:' left every setting of the base unread. Not those MkDocs has removed
    or deprecated (:func:`_mkdocs_former_settings`): 'page:' was told "did you mean 'pages'?",
    which MkDocs then refused as removed ("Use 'nav' instead").
    """
    from mkdocs.config.defaults import MkDocsConfig

    former = _mkdocs_former_settings()
    # config_file_path is MkDocs' own record of the file read, never written.
    return [
        name
        for name, _ in MkDocsConfig._schema
        if name != "config_file_path" and name not in former
    ] + ["INHERIT"]


def _mkdocs_former_settings() -> dict[str, str | None]:
    """The settings MkDocs has removed or deprecated, each with the one it moved to, if any.

    'pages' moved to 'nav'; 'google_analytics' to none (the theme's options). MkDocs still reads
    them, to say what replaces them: a key of these names is left to its message.
    """
    from mkdocs.config import config_options
    from mkdocs.config.defaults import MkDocsConfig

    return {
        name: option.moved_to
        for name, option in MkDocsConfig._schema
        if isinstance(option, config_options.Deprecated)
    }
