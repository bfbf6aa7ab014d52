"""BibTeX citations: one @misc entry per paper, for a paper's page and a file per theme.

The dumps carry the number of authors but never their names, so entries have no author field and
say so in a note; the curator or reader adds the names from the paper itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from papersite.catalogue import Paper
from papersite.exports import paper_url
from papersite.markup import clean_text

NO_AUTHORS_NOTE = "Author names are not recorded in the Hugging Face Daily Papers dumps"
# Characters BibTeX and LaTeX treat as commands; escaped so a title compiles and reads as written.
# BibTeX finds the end of a field by counting braces and ignores backslashes while it counts, so
# "\}" would still close the field: braces become commands whose own braces always pair up.
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_LATEX_TABLE = str.maketrans(_LATEX_SPECIAL)


def bibtex_text(text: str) -> str:
    """Text for a BibTeX field: LaTeX specials escaped, so every brace in it has its pair."""
    return clean_text(text).translate(_LATEX_TABLE)


def bibtex_entry(paper: Paper, site_url: str, arxiv_id: str | None = None) -> str:
    """A @misc entry keyed by the paper id; the title is double-braced to keep its case.

    With the paper's arXiv id, the entry names it as biblatex and BibTeX styles read an e-print
    (``eprint`` and ``archivePrefix``), which they print as an arXiv reference and link.
    """
    fields = [("title", "{" + bibtex_text(paper.title) + "}")]
    if paper.published:
        fields.append(("year", str(paper.published.year)))
    if arxiv_id:
        fields += [("eprint", bibtex_text(arxiv_id)), ("archivePrefix", "arXiv")]
    fields.append(("url", bibtex_text(site_url + paper_url(paper.id))))
    fields.append(("note", NO_AUTHORS_NOTE))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{paper.id},\n{body}\n}}\n"


def bibtex_file(papers: Iterable[tuple[Paper, str | None]], site_url: str) -> str:
    """Entries for several papers, each with its arXiv id or None, separated by blank lines."""
    return "\n".join(bibtex_entry(paper, site_url, arxiv_id) for paper, arxiv_id in papers)
