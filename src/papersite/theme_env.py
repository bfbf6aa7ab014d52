"""papersite's changes to MkDocs' Jinja environment of the theme, made as each build makes it.

Two, both leaving what a reader sees as it was:

- The templates' indentation is not copied into every page. Material's templates indent their
  HTML and put each ``{% if %}`` on a line of its own, and a page carried the indentation of
  every line, those a tag leaves empty included: 2.6 KB of a paper page's 19.5 KB, repeated in
  every page of the site. :class:`CompactLoader` reads Material's, MkDocs' and papersite's
  templates with each run of whitespace that holds line breaks, between two tags (of HTML or
  Jinja), cut to those line breaks. A browser shows any run of whitespace as one space, unless
  CSS keeps it as written (``<pre>``, ``<textarea>``), and a line break still ends a line of
  script, so a page shows and runs as before (tests/test_theme_env.py builds sites both ways).
  Whitespace inside a tag's attributes or a script's strings lies between other characters and
  is kept; so is a page's content, written into the templates, and a template's line numbers,
  which Jinja's errors name.
- Material's parts that are the same on every page of a folder are rendered once per folder,
  and its contents sidebar once per set of sections (:mod:`papersite.shared_parts`).

``papersite build`` installs them as a plugin (:func:`theme_env_plugin`), ``papersite serve``
from its hooks file. Zensical, which runs no plugins, writes Material's pages as they are.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2

from papersite.shared_parts import shared_parts_for

# A run of whitespace holding a line break between the end of a tag, of Jinja's or HTML's (">",
# "%}", "}}", "#}"), or the template's start, and the start of one ("<", "{") or the template's
# end; its line breaks are kept. HTML's whitespace alone: a no-break space, which Python's \s
# matches, shows.
_BREAK_RUN = re.compile(r"(?:(?<=[>}])|^)[ \t\r\f]*\n[ \t\n\r\f]*(?=[<{]|\Z)")
# Text in which whitespace shows as it is written (<pre>, <textarea>), and JavaScript's template
# strings (`...`), which keep their line breaks and indentation: a template holding any is read
# as it is. Jinja's comments are left out of the check: papersite's name things `like this`.
_KEPT_AS_WRITTEN = re.compile(r"<pre\b|<textarea\b|`", re.IGNORECASE)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def compacted(source: str) -> str:
    """A template's source with each run of whitespace between tags cut to its line breaks."""
    return _BREAK_RUN.sub(lambda run: "\n" * run[0].count("\n"), source)


def keeps_whitespace(source: str) -> bool:
    """Whether a template holds text whose whitespace shows or runs as written."""
    return _KEPT_AS_WRITTEN.search(_JINJA_COMMENT.sub("", source)) is not None


class CompactLoader(jinja2.BaseLoader):
    """Reads templates through another loader, those from ``folders`` :func:`compacted`.

    A template from any other folder (a fork's ``custom_dir``), or one that
    :func:`keeps_whitespace`, is read as it is written.
    """

    def __init__(self, loader: jinja2.BaseLoader, folders: Iterable[Path]) -> None:
        self.loader = loader
        self.folders = tuple(folder.resolve() for folder in folders)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """The template's source, compacted when it is one of ``folders``' own."""
        source, filename, uptodate = self.loader.get_source(environment, template)
        if filename is not None and self._compacts(Path(filename)) and not keeps_whitespace(source):
            source = compacted(source)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        """The templates of the loader read through."""
        return self.loader.list_templates()

    def _compacts(self, file: Path) -> bool:
        file = file.resolve()
        return any(file.is_relative_to(folder) for folder in self.folders)


def template_folders(own_templates: Path) -> frozenset[Path]:
    """The template folders of papersite's theme overrides, of Material and of MkDocs."""
    return frozenset(
        {own_templates.resolve(), *(_templates_of(package) for package in ("material", "mkdocs"))}
    )


def _templates_of(package: str) -> Path:
    return Path(str(importlib.resources.files(package) / "templates")).resolve()


def prepare_env(env: jinja2.Environment, config: Any, own_templates: Path) -> None:
    """Make papersite's changes to one build's environment, before shared parts compile any.

    Material's tags plugin, whose ``on_env`` runs first, reads its listings' templates as written.
    """
    folders = template_folders(own_templates)
    if env.loader is not None:
        env.loader = CompactLoader(env.loader, folders)
    parts = shared_parts_for(config, folders)
    if parts is not None:
        parts.install(env)


def theme_env_plugin(own_templates: Path) -> Any:
    """An MkDocs plugin running :func:`prepare_env` as each build's environment is made."""
    from mkdocs.plugins import BasePlugin

    class ThemeEnvPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_env(self, env: jinja2.Environment, *, config: Any, files: Any) -> jinja2.Environment:
            prepare_env(env, config, own_templates)
            return env

    return ThemeEnvPlugin()
