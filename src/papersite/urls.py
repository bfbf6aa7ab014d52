"""The site's addresses: where every page and data file is, from the site's root.

The one place that spells the site's layout. Python builds paths with these names and the
templates get this module as the global ``urls`` (``render._environment``), so moving a folder is
an edit here, and a name a template gets wrong fails rendering instead of breaking a link.
Ids in them were checked to be one safe folder name each (``render.check_id``): nothing needs
quoting. MkDocs serves the docs file ``x.md`` at ``x/`` (:func:`page_file` goes the other way).
The one address spelled elsewhere is the feed of newest papers in templates/overrides/main.html,
which MkDocs renders with its own templates (a test checks it matches :data:`NEWEST_FEED`).
The addresses of other sites that pages and citations link to are here too, at the end.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus, urlsplit, urlunsplit

HOME = ""
# The folder of theme pages; its own page would be index.md in it (themes_file.RESERVED_THEME_IDS).
THEMES = "themes/"
# The folder of paper pages.
PAPERS = "papers/"
SEARCH = "search/"
TAGS = "tags/"
UNSORTED = "unsorted/"
ABOUT = "about/"
# The data files beside the pages (papersite.exports writes them).
PAPERS_JSON = "papers.json"
PAPERS_CSV = "papers.csv"
PAPERS_SCHEMA = "papers.schema.json"
THEMES_JSON = "themes.json"
THEMES_SCHEMA = "themes.schema.json"
# Every paper's feed and citations take the name a theme's would: the theme id "papers" is
# reserved for them (themes_file.RESERVED_THEME_IDS).
EVERY_PAPER = "papers"
# Material looks for a sitemap next to each feed a page names (render.FEEDS_SITEMAP says why):
# FEEDS_SITEMAP, where a theme's feed by this name would be, so the theme id is reserved for it
# (themes_file.RESERVED_THEME_IDS).
SITEMAP = "sitemap"
STYLESHEET = "stylesheets/papersite.css"
SCRIPT = "javascripts/papersite.js"
SEARCH_SCRIPT = "javascripts/search.js"
# Crawlers read it at a host's root only: written for a site_url without a path (render).
ROBOTS = "robots.txt"
# A paper's anchor on a theme page, a tag page or Unsorted, before its id: the paper's own page
# links there, and so may curators' notes (themes_file refuses a section id starting so).
PAPER_ANCHOR_PREFIX = "paper-"

# What an id in an address is, as the JSON Schemas write it (themes.yaml's, the exports'): words of
# lower-case letters and digits joined by single hyphens. The schema files spell it out, being JSON;
# Python takes it from here. render.check_id, before writing, checks a looser form and a length.
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def paper_url(paper_id: str) -> str:
    """The paper's page."""
    return f"{PAPERS}{paper_id}/"


def theme_url(theme_id: str) -> str:
    """The theme's page (its first, when the theme is split into pages)."""
    return f"{THEMES}{theme_id}/"


def feed_url(theme_id: str) -> str:
    """The Atom feed of a theme's papers (of every paper for :data:`EVERY_PAPER`)."""
    return f"feeds/{theme_id}.xml"


def bibtex_url(theme_id: str) -> str:
    """The BibTeX of a theme's papers (of every paper for :data:`EVERY_PAPER`)."""
    return f"bibtex/{theme_id}.bib"


def tag_url(slug: str) -> str:
    """A tag's page, listing its papers (its first, when split into pages), by its slug.

    The slug is ``tags.tag_slugs``', one safe folder name like the ids. The Tags page lists the
    tags, each at its anchor (``markup.tag_anchor``), where older links to a tag still land.
    """
    return f"{TAGS}{slug}/"


def list_page_url(first: str, number: int) -> str:
    """Page ``number`` of a list split into pages whose first page is at ``first``.

    The first keeps the list's own address, which the navigation and older links use.
    """
    return first if number == 1 else f"{first}{number}/"


def page_file(url: str) -> str:
    """The Markdown file, under the docs folder, that MkDocs serves at a page's ``url``."""
    return f"{url.removesuffix('/')}.md" if url else "index.md"


def redirect_file(url: str) -> str:
    """The HTML file, under the docs folder, that MkDocs copies as it is and serves at ``url``.

    What a theme's old address holds (``curation.Theme.formerly``): a page leading to the new one.
    """
    return f"{url}index.html"


def up_to_root(url: str) -> str:
    """The relative way from the page at ``url`` back to the site's root: ``../`` a folder."""
    return "../" * url.count("/")


def up_to(url: str, folder: str) -> str:
    """The relative way from the page at ``url`` up to ``folder``, which holds it."""
    if not url.startswith(folder):
        raise ValueError(f"{url!r} is not in {folder!r}")
    return up_to_root(url.removeprefix(folder))


NEWEST_FEED = feed_url(EVERY_PAPER)
FEEDS_SITEMAP = feed_url(SITEMAP)
EVERY_BIBTEX = bibtex_url(EVERY_PAPER)


def arxiv_url(arxiv_id: str) -> str:
    """The paper's page on arXiv, which its page, its citation and papers.json link."""
    return f"https://arxiv.org/abs/{arxiv_id}"


def arxiv_title_search_url(title: str) -> str:
    """The search of arXiv for papers titled ``title``, for a paper whose arXiv id is unknown."""
    return f"https://arxiv.org/search/?query={quote_plus(title)}&searchtype=title"


def hugging_face_search_url(title: str) -> str:
    """Hugging Face Papers' search for ``title``, for a paper whose arXiv id is unknown."""
    return f"https://huggingface.co/papers?q={quote_plus(title)}"


# A run of characters no URI may hold as they are: all but ASCII.
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
# A host and its port (':8000'), if any: any string matches.
_HOST_PORT = re.compile(r"(.*?)(:[0-9]*)?")


def as_uri(address: str) -> str:
    """``address`` (site_url) as a URI: its host in IDNA's ASCII form, other non-ASCII encoded.

    As RFC 3987 maps an IRI to a URI: 'https://bücher.example/lesen/' is
    'https://xn--bcher-kva.example/lesen/', '/café/' '/caf%C3%A9/'. The sitemap must list URIs
    (sitemaps.org), and MkDocs writes site_url into it as it is. An ASCII address is returned
    unchanged. A host IDNA refuses raises ``idna.IDNAError`` (see :func:`ascii_host`):
    mkdocs_glue refuses such a site_url at its line first.
    """
    if address.isascii():
        return address
    parts = urlsplit(address)
    user, at, host_port = parts.netloc.rpartition("@")
    split = _HOST_PORT.fullmatch(host_port)
    assert split is not None  # the pattern matches any text
    host, port = split.groups("")
    netloc = f"{_percent_encoded(user)}{at}{ascii_host(host)}{port}"
    rest = (_percent_encoded(part) for part in (parts.path, parts.query, parts.fragment))
    return urlunsplit((parts.scheme, netloc, *rest))


def ascii_host(host: str) -> str:
    """``host`` as a browser looks it up: IDNA 2008 with UTS 46's mapping, 'straße.de' unchanged.

    Python's own "idna" codec is IDNA 2003, which maps 'ß' to 'ss' and 'ς' to 'σ': it published
    'https://straße.de/' as 'https://strasse.de/', another domain. A host IDNA refuses (a label
    over 63 characters, a character no label may hold, such as '☃') raises ``idna.IDNAError``.
    """
    if host.isascii():
        return host
    # Here, not at the top: only a host beyond ASCII needs its tables, and every command imports
    # this module.
    import idna

    return idna.encode(host, uts46=True, transitional=False).decode("ascii")


def _percent_encoded(text: str) -> str:
    """``text`` with each non-ASCII character as the percent-encoding of its UTF-8 bytes."""
    return _NOT_ASCII.sub(lambda run: quote(run.group(), safe=""), text)
