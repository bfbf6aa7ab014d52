"""BibTeX citations: one @misc entry per paper, for its page, its themes' files and papers.bib.

The dumps carry the number of authors but never their names, so entries have no author field. A
file says so in a comment above its entries, and a paper's page in its text: a ``note`` field
would be printed in the reader's own bibliography.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from papersite.catalogue import Paper
from papersite.markup import clean_text
from papersite.urls import paper_url

NO_AUTHORS = "The Daily Papers dumps carry no author names: add them from each paper."
# An arXiv id, as papers.schema.json has it, its two year digits in group 1 or 2: '2312.00752'
# (YYMM.number, since 2007), 'hep-th/9901001' or 'math.GT/0309136' (archive/YYMMnumber, 1991-2007).
ARXIV_ID = re.compile(r"(?:(\d{2})\d{2}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/(\d{2})\d{5})(?:v\d+)?")
# Characters BibTeX and LaTeX treat as commands; escaped so a title compiles and reads as written.
# BibTeX finds the end of a field by counting braces and ignores backslashes while it counts, so
# "\}" would still close the field: braces become commands whose own braces always pair up.
# "\~{}" and "\^{}" would be accents over nothing: "~" and "^" are the characters' own commands.
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_TABLE = str.maketrans(_LATEX_SPECIAL)
# What a URL keeps as written in a url field: RFC 3986's reserved characters, and '%' so an
# address already percent-encoded stays the same address (letters, digits and "-._~" are kept).
_URL_KEPT = ":/?#[]@!$&'()*+,;=%"


def bibtex_text(text: str) -> str:
    """Text for a BibTeX field: LaTeX specials escaped, so every brace in it has its pair."""
    return clean_text(text).translate(_LATEX_TABLE)


def url_field(url: str) -> str:
    r"""A URL for a BibTeX url field, which styles print verbatim (``\url``, biblatex).

    LaTeX escapes would be printed there as written ("my\_papers"), a link to nowhere; so the
    URL stays as typed, but for the characters no URL holds as such: braces, which would
    unbalance the field, a backslash, spaces and non-ASCII are percent-encoded, the same address.
    """
    return quote(url, safe=_URL_KEPT)


def bibtex_entry(paper: Paper, site_url: str, arxiv_id: str | None = None) -> str:
    """A @misc entry keyed by the paper id; the title is double-braced to keep its case.

    With the paper's arXiv id, the entry names it as biblatex and BibTeX styles read an e-print
    (``eprint`` and ``archivePrefix``), which they print as an arXiv reference and link.
    """
    fields = [("title", "{" + bibtex_text(paper.title) + "}")]
    year = paper.published.year if paper.published else arxiv_year(arxiv_id)
    if year:
        fields.append(("year", str(year)))
    if arxiv_id:
        fields += [("eprint", bibtex_text(arxiv_id)), ("archivePrefix", "arXiv")]
        # The paper itself, where a reader of the bibliography finds it; not this reading list.
        fields.append(("url", url_field(f"https://arxiv.org/abs/{arxiv_id}")))
    else:
        fields.append(("url", url_field(site_url + paper_url(paper.id))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{paper.id},\n{body}\n}}\n"


def arxiv_year(arxiv_id: str | None) -> int | None:
    """The year an arXiv id was given in, or None when it is not an arXiv id."""
    match = ARXIV_ID.fullmatch(arxiv_id or "")
    if match is None:
        return None
    two_digits = int(match.group(1) or match.group(2))
    # Old-style ids began in 1991; new-style ones in 2007.
    return 1900 + two_digits if two_digits >= 91 else 2000 + two_digits


def bibtex_file(title: str, entries: Iterable[str]) -> str:
    """A .bib file: a comment naming what it holds and the missing authors, then the entries."""
    head = f"% {' '.join(title.split())}\n% {NO_AUTHORS}\n"
    return "\n".join((head, *entries))
