"""Parts of Material's pages that many pages share, rendered once for them all.

Material renders its whole navigation, header buttons, footer, settings script, stylesheets and
scripts into every page. For a page in the navigation they differ (its entry is marked active),
but for a page outside it, such as every paper's, they depend on the page only through its
address: links are written relative to it. So every paper page got the same HTML for them,
rendered again: with the shipped mkdocs.yml, about a fifth of MkDocs' time for 5,000 papers
(BENCHMARKS.md, rows t).

:class:`SharedParts` renders each such part once per folder of pages outside the navigation and
gives every later page of that folder the same text. Pages in the same folder get the same
relative link to any address outside their own folders, so the text is the same as rendering it
again would give, byte for byte (tests/test_shared_parts.py builds sites both ways). A page with
an address the parts link to inside its own folder renders its parts itself: a page of the
navigation, or an address from the settings (the logo, extra.homepage, extra_css and
extra_javascript); theme assets are never there (render.generate writes each page alone in its
folder). The contents sidebar is shared in the same way by the pages with the same sections,
wherever they are: its links are the page's own anchors. Nor is anything shared when the theme's
templates are not Material's and papersite's alone (:func:`shared_parts_for`): a fork's own
partial, included by a shared one, may read the page. :func:`papersite.theme_env.prepare_env`
installs it; Zensical, which runs no plugins, renders every page whole, to the same HTML.
"""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

import jinja2

# Material's partial templates (9.8) that read the page only through the `url` filter, which
# writes addresses relative to the page: the navigation (a page outside it is no entry's, so no
# entry is active), the header's search box and repository link (both papersite's copies),
# palette toggle and logo, the back-to-top button, and the footer (whose links to the previous and
# next page only a page of the navigation has).
SHARED_PARTIALS = (
    "partials/nav.html",
    "partials/search.html",
    "partials/palette.html",
    "partials/logo.html",
    "partials/source.html",
    "partials/top.html",
    "partials/footer.html",
)
# Blocks of Material's base.html of the same kind: the settings script (__config), whose only
# addresses are the site's root and the search worker's, and the stylesheets and scripts.
SHARED_BLOCKS = ("config", "styles", "scripts")
# Material's partial that reads the page only through its table of contents, whose links are the
# page's own anchors (#abstract): the same for every page with the same sections, in any folder,
# as every paper's page is but for a section or two (the title, a level-1 heading, is not listed).
TOC_PARTIAL = "partials/toc.html"

# What Jinja compiles a template or a block to: a function yielding the output's pieces.
RenderFunction = Callable[[jinja2.runtime.Context], Iterator[str]]


class SharedParts:
    """The shared parts of one MkDocs build: each rendered once per folder or sections, then reused.

    ``addresses`` are the site's own addresses the parts link to besides the navigation's pages
    (:func:`settings_addresses`).
    """

    def __init__(self, addresses: tuple[str, ...] = ()) -> None:
        self._addresses = addresses
        self._texts: dict[tuple[str, Hashable], str] = {}
        # The navigation of this build, the ids of its pages, and every address a page's folder
        # is checked for: MkDocs gives the same Navigation to every page of a build.
        self._nav: object = None
        self._nav_ids: frozenset[int] = frozenset()
        self._linked: tuple[str, ...] = ()
        # The last page asked about and its answer: each of its parts asks in turn.
        self._page: object = None
        self._page_folder: str | None = None
        self.rendered = 0
        self.reused = 0

    def install(self, env: jinja2.Environment) -> None:
        """Wrap the shared partials and base.html's shared blocks of MkDocs' environment."""
        if env.is_async:  # Its templates render through other functions; left as they are.
            return
        # A part a theme does not have (renamed in a later Material) is rendered on every page.
        for name in (*SHARED_PARTIALS, TOC_PARTIAL):
            with contextlib.suppress(jinja2.TemplateNotFound):
                template = env.get_template(name)
                shared_by = self._contents if name == TOC_PARTIAL else self._folder
                template.root_render_func = self._wrap(name, template.root_render_func, shared_by)
        with contextlib.suppress(jinja2.TemplateNotFound):
            base = env.get_template("base.html")
            for name in SHARED_BLOCKS:
                if name in base.blocks:
                    part = f"base.html#{name}"
                    base.blocks[name] = self._wrap(part, base.blocks[name], self._folder)

    def _wrap(
        self,
        part: str,
        render: RenderFunction,
        shared_by: Callable[[jinja2.runtime.Context], Hashable | None],
    ) -> RenderFunction:
        """``render``, whose text is shared by the pages ``shared_by`` gives the same key."""

        def shared(context: jinja2.runtime.Context) -> Iterator[str]:
            among = shared_by(context)
            if among is None:
                yield from render(context)
                return
            key = (part, among)
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = "".join(render(context))
                self.rendered += 1
            else:
                self.reused += 1
            yield text

        return shared

    def _folder(self, context: jinja2.runtime.Context) -> str | None:
        """The folder whose pages share this page's parts; None to render them for it alone."""
        page, nav = context.get("page"), context.get("nav")
        url = getattr(page, "url", None)
        if nav is None or not isinstance(url, str):
            return None
        if nav is not self._nav:
            # Texts rendered with another navigation hold its links: none is kept.
            self._texts.clear()
            self._nav, self._page = nav, None
            pages = list(getattr(nav, "pages", ()))
            self._nav_ids = frozenset(id(entry) for entry in pages)
            # "papers/x" and "papers/x/a.js" are inside the page papers/x/: each address ends
            # in "/", to be tested with startswith.
            linked = (*(str(entry.url) for entry in pages), *self._addresses)
            self._linked = tuple(address.rstrip("/") + "/" for address in linked)
        if page is not self._page:
            self._page = page
            inside = id(page) in self._nav_ids or any(a.startswith(url) for a in self._linked)
            # "papers/x/" and "papers/x.html" (use_directory_urls: false) are both in "papers".
            self._page_folder = None if inside else posixpath.dirname(url.rstrip("/"))
        return self._page_folder

    def _contents(self, context: jinja2.runtime.Context) -> Hashable | None:
        """What the contents partial reads of the page's table of contents; None to render alone.

        Each heading's level too, though the partial reads only the first's: a margin, at no cost.
        """
        toc = getattr(context.get("page"), "toc", None)
        try:
            items = list(toc)  # type: ignore[arg-type]
            # The partial lists a page's title (a level-1 heading first) by its sections alone;
            # its output then differs in whitespace from an untitled list's, hence the flag.
            titled = bool(items) and items[0].level == 1
            key = (titled, _headings(items[0].children if titled else items))
            hash(key)
            return key
        except (TypeError, AttributeError):  # not MkDocs' TableOfContents: rendered as it is
            return None


def _headings(items: Any) -> tuple[Hashable, ...]:
    """Every heading's anchor, title, level and Material's typeset title, children within."""
    return tuple(
        (
            item.url,
            item.title,
            item.level,
            repr(getattr(item, "typeset", None)),
            _headings(item.children),
        )
        for item in items
    )


def settings_addresses(config: Any) -> tuple[str, ...]:
    """The site's own addresses that MkDocs' settings have the shared parts link to.

    The home page (extra.homepage), the logo, extra_css and extra_javascript; a full URL or an
    address from the host's root is the same from every page, and left out.
    """
    written = [config.extra.get("homepage"), config.theme.get("logo"), *config.extra_css]
    written += [getattr(script, "path", script) for script in config.extra_javascript]
    return tuple(
        posixpath.normpath(address).removeprefix("./")
        for address in written
        if isinstance(address, str)
        and address
        and "://" not in address
        and not address.startswith("/")
    )


def shared_parts_for(config: Any, template_folders: frozenset[Path]) -> SharedParts | None:
    """A fresh :class:`SharedParts` for a build with these settings, or None to share nothing.

    Nothing is shared when the theme reads templates from a folder other than
    ``template_folders`` (papersite's overrides, Material's and MkDocs' own): a fork's
    ``custom_dir`` may hold a partial that a shared one includes (Material's footer includes
    partials/copyright.html) and that reads the page, its title say; each page then renders every
    part itself.
    """
    if any(Path(folder).resolve() not in template_folders for folder in config.theme.dirs):
        return None
    return SharedParts(settings_addresses(config))
