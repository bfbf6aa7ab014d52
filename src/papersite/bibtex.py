"""BibTeX citations: one @misc entry per paper, for its page, its themes' files and papers.bib.

The dumps carry the number of authors but never their names, so entries have no author field. A
file says so in a comment above its entries, and a paper's page in its text: a ``note`` field
would be printed in the reader's own bibliography.

Fields are ASCII, for pdflatex, the engine of most conference templates, which stops at a
character it has no command for: pylatexenc writes the others as LaTeX commands, those it has.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple
from urllib.parse import quote

from pylatexenc.latexencode import (
    RULE_DICT,
    UnicodeToLatexConversionRule,
    UnicodeToLatexEncoder,
    get_builtin_uni2latex_dict,
)

from papersite.catalogue import Paper, arxiv_month
from papersite.markup import clean_text
from papersite.urls import arxiv_url, paper_url

NO_AUTHORS = "The Daily Papers dumps carry no author names: add them from each paper."
# Characters BibTeX and LaTeX treat as commands; escaped so a title compiles and reads as written.
# BibTeX finds the end of a field by counting braces and ignores backslashes while it counts, so
# "\}" would still close the field: braces become commands whose own braces always pair up.
# "\~{}" and "\^{}" would be accents over nothing: "~" and "^" are the characters' own commands.
# Ours, not pylatexenc's, which writes "{" as "\{" for LaTeX, where BibTeX would count it.
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
    # OT1, pdflatex's default font encoding, has other glyphs where ASCII has these ("<" prints
    # as "¡", "|" as "—"): their commands print them in OT1 and T1 alike.
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    # OT1 has no straight double quote (it prints "”", and \textquotedbl is T1's alone): a quote
    # that opens (_OPENING_QUOTE) is written "``", any other "''", as LaTeX authors write them.
    '"': "''",
}
# A quote opens when it starts the text or follows a space, an opening bracket or an opening curly
# quote, and what follows it is neither a space nor punctuation that ends a clause. After a dash, a
# slash, a colon, a comma, a semicolon, "=", "#", a straight quote, Spanish's "¡" and "¿", or a
# closing guillemet ('A—"B"', 'f("a","b")', 'x="y"', '""Hello," she said"', '»"x"'), it may close
# as well ('"C#"-style', '"x="-prefixed', '"Hi," she'): there it opens only before a word or an
# opening mark. Listed, not guessed from what is not a letter: a quote after "+", "%", "…" or "’"
# closes ('"C++"-style'). The text matched is _plain's, which writes "«" and "»" as "≪" and "≫".
_OPENING_QUOTE = re.compile(
    r'(?<![^\s(\[{‘“≪])"(?=[^\s.,;:!?)\]}])'
    r'|(?<=[—–\-/:,;=#¡¿"\'`≫])"(?=[\w(\[{\'`‘“≪¡¿$\\])'
)
_LATEX_TABLE = str.maketrans(_LATEX_SPECIAL)
# The same commands for a key field, each braced as BibTeX's "special character" ("{\%}"), which
# it takes for one letter: alpha's label, the key's first three letters, cannot end inside one, and
# sorting drops it whole instead of sorting "\textbraceleft{}x" under "t".
_KEY_TABLE = str.maketrans(
    {char: "{" + form.removesuffix("{}") + "}" for char, form in _LATEX_SPECIAL.items()}
)
# The characters whose pylatexenc form pdflatex typesets with LaTeX alone, in both the OT1 and T1
# font encodings (templates use either): about half of pylatexenc's table needs a package, such as
# amssymb's \mathbb, tipa's \textschwa or T2A's Cyrillic, which a reader's document may not load.
# Code points in hex; test_bibtex.py compiles every form with pdflatex and prints this list anew
# when pylatexenc changes it.
PDFLATEX_RANGES = """
A0-AA AC-B7 B9-BA BC-CF D1-DD DF-EF F1-FD FF-103 106-10F 112-117 11A-12D 130-148 14C-171 174-17E 192
1E7 1F5 228-229 2B7 2BC 2C6-2C7 2D8-2DA 2DC-2DD 307-308 386 388-38A 38C 38E-38F 391-3A1 3A3-3CE 3D1
3D5-3D6 3F1 3F5 E3F 2000-200A 200C 2010 2012-2016 2018-2019 201C-201D 2020-2022 2024-2026 2030-2034
203B 203D 2044 204E 2052 2057 205F-2061 2070-2071 2074-208E 2090-2093 2095-209C 20A1 20A4 20A6 20A9
20AB-20AC 20B1 2103 2109-210A 210E-210F 2113 2116-2118 211E 2120 2122 2126-2127 212A-212B 212E-212F
2134-2135 2190-2199 21A6 21A9-21AA 21BC-21BD 21C0-21C1 21CC 21D0-21D5 2200 2202-2203 2206-220D
220F-2213 2215 2217-221E 2220 2223 2225 2227-222B 222E 2236-2237 223A 223C 2240-2241 2243-2245
2247-2249 224D 2250 2254-2255 2260-2262 2264-2265 226A-226B 226D 227A-227D 2282-2287 228E 2291-2299
22A2-22A5 22C0-22C6 22C8 22E2-22E3 22EE-22EF 22F1 2308-230B 2316 2322-2323 2329-232A 23B0-23B1
2422-2423 25AD 25B3 25B9 25BD 25C3 25CB 25E6 25EF 2662 266A 27E8-27E9 27F5-27FA 27FC 2993 2A3F 2A6E
2A75 2AAF-2AB0 2AFD 3008-3009 FB00-FB04 1D400-1D467 1D5A0-1D5D3 1D670-1D6A3 1D7CE-1D7D7 1D7E2-1D7EB
1D7F6-1D7FF
"""
# What a character with no such form becomes: kept as it is, it would stop pdflatex; a reader who
# cites with xelatex or lualatex finds the title as written on the paper's page.
NO_LATEX_FORM = "?"
# Characters with no LaTeX form of their own, written as the one they stand for, which has one:
# a non-breaking hyphen as a hyphen ("GPT-4o-mini"), a narrow no-break space as a thin space ("\,",
# which does not break either), an ideographic space as a space, and the fullwidth forms of ASCII
# ("（", "：", "Ａ") as ASCII, as Unicode's compatibility mapping has them. Not that mapping whole
# (NFKC): it writes "x²" as "x2", which pdflatex typesets as it is. Guillemets and low quotes have
# commands only in T1 (OT1, LaTeX's default, stops at "\guillemotleft"): "«" and "»" are written
# as "≪" and "≫", math's "\ll" and "\gg", which babel sets smaller and raised for them under OT1;
# "‚" and "„" as one and two commas, which T1 joins into "„" itself.
_PLAIN_FORMS = {
    0xAB: "\u226a",
    0xBB: "\u226b",
    0x201A: ",",
    0x201E: ",,",
    0x2011: "-",
    0x202F: "\u2009",
    0x3000: " ",
    **{point: chr(point - 0xFEE0) for point in range(0xFF01, 0xFF5F)},
}
# What a file says above its entries when one of them wrote a character NO_LATEX_FORM, which
# reads the same as a "?" of the title.
LOST_CHARACTERS = (
    "Characters pdflatex cannot typeset are written ? here: "
    "each paper's page shows its title as written."
)
# What of a title an entry's key leaves out: anything before its first letter or digit, and an
# English article after it, which plain.bst's sorting of titles chops too ("The " from "The Pile").
_KEY_START = re.compile(r"[\W_]*(?:(?:A|An|The) (?=[\W_]*[^\W_]))?[\W_]*")
# The marks that close a pair, by the mark opening it. A key that leaves out an opening mark leaves
# out its closing one too: natbib's author-year styles print the key as the entry's author, where
# 'Why Should I Trust You?": Explaining' would show a quote closing none. Guillemets open either
# way ("« x »", "»x«"), and German's low quotes close with a high one.
_CLOSING = {
    '"': '"',
    "'": "'",
    "“": "”",
    "‘": "’",
    "„": "“”",
    "‚": "‘’",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "(": ")",
    "[": "]",
    "{": "}",
}
# pylatexenc writes an accented i over a dotless i (\"\i for "ï"), which biber reads as a dotless
# i and a combining accent, and pdflatex then stops at; LaTeX's own encodings, OT1 and T1, put an
# accent over "i" on the dotless one themselves.
_DOTLESS_I = re.compile(r"^(\\[`'^\"])\\i$")
# What a URL keeps as written in a url field: RFC 3986's reserved characters, and '%' so an
# address already percent-encoded stays the same address (letters, digits and "-._~" are kept).
_URL_KEPT = ":/?#[]@!$&'()*+,;=%"


class Citation(NamedTuple):
    """A paper's BibTeX entry, and the characters of its title the entry writes NO_LATEX_FORM."""

    entry: str
    lost: str


def bibtex_text(text: str) -> str:
    r"""Text for a BibTeX field, all ASCII: every brace in it has its pair, and pdflatex takes it.

    LaTeX specials are escaped; any other character is pylatexenc's LaTeX form of it where pdflatex
    typesets that unaided (``{\'e}``, braced so BibTeX keeps its case), else NO_LATEX_FORM. A
    character with no visible form of its own is left out (see :func:`_plain`).
    """
    return _encoded(text, _LATEX_TABLE)


def bibtex_key(text: str) -> str:
    """Text for a key field: :func:`bibtex_text`, each LaTeX special one BibTeX special character.

    Styles sort an entry without an author by its key, and alpha's label starts with it.
    """
    return _encoded(text, _KEY_TABLE)


def _encoded(text: str, specials: dict[int, str]) -> str:
    """The text in ASCII: its LaTeX specials by ``specials``, other characters as LaTeX forms."""
    escaped = _OPENING_QUOTE.sub("``", _plain(text)).translate(specials)
    return escaped if escaped.isascii() else _latex_encoder().unicode_to_latex(escaped)


def lost_characters(text: str) -> str:
    """The characters :func:`bibtex_text` writes NO_LATEX_FORM, each once, in the text's order."""
    if text.isascii():
        return ""
    forms = _pdflatex_forms()
    lost = (c for c in _plain(text) if not c.isascii() and ord(c) not in forms)
    return "".join(dict.fromkeys(lost))


def _plain(text: str) -> str:
    r"""The text pdflatex is given: composed, with plain forms, without invisible characters.

    Composed first, so "e" and a combining accent are one "é", whatever is escaped around them.
    Left out: format characters (a zero-width space or joiner, a byte order mark, a direction mark)
    and variation selectors (the emoji form of "❤️"), which show nothing themselves and would
    show as NO_LATEX_FORM; but not those pdflatex has a command for (a soft hyphen's ``\-``).
    """
    composed = unicodedata.normalize("NFC", clean_text(text))
    if composed.isascii():
        return composed
    forms = _pdflatex_forms()
    return "".join(
        "" if ord(c) not in forms and _invisible(c) else _PLAIN_FORMS.get(ord(c), c)
        for c in composed
    )


def _invisible(char: str) -> bool:
    """Whether a character has no visible form of its own: a format character, a selector."""
    point = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
    )


def pdflatex_code_points() -> frozenset[int]:
    """The code points PDFLATEX_RANGES names."""
    points: set[int] = set()
    for part in PDFLATEX_RANGES.split():
        first, _, last = part.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)


@cache
def _pdflatex_forms() -> dict[int, str]:
    """The LaTeX form pylatexenc has for each character pdflatex typesets unaided, by code point."""
    kept = pdflatex_code_points()
    return {
        point: _DOTLESS_I.sub(r"\1i", latex)
        for point, latex in get_builtin_uni2latex_dict().items()
        if point in kept
    }


@cache
def _latex_encoder() -> UnicodeToLatexEncoder:
    """The encoder of pylatexenc, made once and only when a title needs it (it takes 20 ms)."""
    return UnicodeToLatexEncoder(
        # ASCII is _LATEX_TABLE's to escape, before: what the encoder writes must stay as written.
        non_ascii_only=True,
        conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, _pdflatex_forms())],
        replacement_latex_protection="braces-all",
        unknown_char_policy=lambda char: NO_LATEX_FORM,
        unknown_char_warning=False,
    )


def url_field(url: str) -> str:
    r"""A URL for a BibTeX url field, which styles print verbatim (``\url``, biblatex).

    LaTeX escapes would be printed there as written ("my\_papers"), a link to nowhere; so the
    URL stays as typed, but for the characters no URL holds as such: braces, which would
    unbalance the field, a backslash, spaces and non-ASCII are percent-encoded, the same address.
    """
    return quote(url, safe=_URL_KEPT)


def bibtex_entry(paper: Paper, site_url: str, arxiv_id: str | None = None) -> str:
    r"""A @misc entry keyed by the paper id; the title is double-braced to keep its case.

    Without an author, BibTeX styles sort the entry by its ``key`` field (else warn "need author
    or key" and sort by the paper id) and alpha labels it from the key: the key is the title, from
    its first letter or digit, after an article (alpha's label "Pil21" for "“The Pile”", not
    "{\textquotedblleft}Th21"), without the marks closing the quotes and brackets it leaves out
    (:func:`_key`). natbib's author-year styles cite it by the whole key, without the year:
    plainnat's calc.label takes a key for a complete label and adds no year to one; an article kept
    would sort every "A ..." title under "a" there too, and make alpha's label "A C15".

    With the paper's arXiv id, ``howpublished`` is the reference arXiv asks for
    ("arXiv:2312.00752"), which every style prints for a @misc, and ``url`` its arXiv page, which
    natbib's styles and biblatex print too. Not ``eprint`` and ``archivePrefix``: plain, alpha,
    unsrt, ieeetr and acm ignore them, and biblatex and urlbst's styles, which print them, would
    print the id twice.
    """
    title = paper.title
    fields = [("title", "{" + bibtex_text(title) + "}"), ("key", bibtex_key(_key(title)))]
    year = paper.published.year if paper.published else arxiv_year(arxiv_id)
    if year:
        fields.append(("year", str(year)))
    if arxiv_id:
        fields.append(("howpublished", "arXiv:" + bibtex_text(arxiv_id)))
        # The paper itself, where a reader of the bibliography finds it; not this reading list.
        fields.append(("url", url_field(arxiv_url(arxiv_id))))
    else:
        fields.append(("url", url_field(site_url + paper_url(paper.id))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{paper.id},\n{body}\n}}\n"


def _key(title: str) -> str:
    """The text of a title's key: from its first letter or digit, after an article (_KEY_START).

    Each opening mark left out takes its closing mark with it (_CLOSING), so the key has both of a
    pair or neither: "“The Pile”: A Dataset" is keyed "Pile: A Dataset".
    """
    key = _KEY_START.sub("", title, count=1)
    if not key:
        # A title without a letter or digit is its own key: styles take an empty key for none.
        return title
    # Places in the key as the title has it, not as a mark left out before would shift them: a
    # straight quote opens or closes by what is next to it there, as in the title's field.
    left_out: set[int] = set()
    for place, mark in enumerate(title[: len(title) - len(key)]):
        if mark in _CLOSING:
            # "'Tis", "'90s": a straight quote before a word may be an elision, closing nothing.
            elision = mark == "'" and title[place + 1].isalnum()
            at = _closing_at(key, mark, _CLOSING[mark], left_out, elision)
            if at is not None:
                left_out.add(at)
    return "".join(char for at, char in enumerate(key) if at not in left_out)


def _closing_at(
    text: str, opening: str, closing: str, left_out: set[int], elision: bool = False
) -> int | None:
    """Where the first of ``closing`` is that closes an ``opening`` before the text, if anywhere.

    A pair opened in the text closes first ("(Pre-(Training)) Models"), and an apostrophe, a single
    closing quote between two letters or digits ("Don’t"), closes none. A straight double quote
    opens where the title's field writes it "``" (_OPENING_QUOTE): in '"Hello, "world"" nested'
    the second quote opens and the third closes it. Marks at ``left_out`` close others already.
    A straight single quote after a space opens another quotation, as a straight double quote
    does there: in "' Hello 'world'' nested" the third quote closes the left-out first. With
    ``elision`` (a straight single quote before a word, maybe "'Tis"), only a quote after a word
    and before no letter closes it, and not one after an "s" before a space, a plural's possessive:
    "'Tis a 'quoted' word", "'90s rock 'n' roll" and "'Tis the models' 'day'" leave out none.
    """
    depth = 0
    for at, char in enumerate(text):
        if at in left_out:
            continue
        if char == opening and (
            opening not in closing
            or (char == '"' and _opens(text, at))
            # A straight single quote after a space opens another quotation (the key starts at a
            # letter or digit, never at one).
            or (char == "'" and text[at - 1].isspace())
        ):
            depth += 1
        elif elision and char == "'" and text[at + 1 : at + 2].isalpha():
            continue  # before a letter it closes no quotation: "'Tis the U.S.'s"
        elif elision and char == "'" and text[at - 1] == "s" and text[at + 1 : at + 2].isspace():
            # A plural's possessive ("'Tis the models' day"): were it taken for the close, the
            # key would lose it and pair the quotes after it wrongly.
            continue
        elif char in closing and not _apostrophe(text, at):
            if depth == 0:
                return at
            depth -= 1
    return None


def _opens(text: str, at: int) -> bool:
    """Whether the straight double quote at ``text[at]`` opens a quotation (_OPENING_QUOTE)."""
    # Matched as _encoded matches it, on _plain's text: next to what pdflatex is given.
    before = _plain(text[:at])[-1:]
    after = _plain(text[at + 1 :])[:1]
    return _OPENING_QUOTE.match(before + '"' + after, len(before)) is not None


def _apostrophe(text: str, at: int) -> bool:
    """Whether ``text[at]`` is an apostrophe: a single quote between letters or digits."""
    return (
        text[at] in "'’"
        and 0 < at < len(text) - 1
        and text[at - 1].isalnum()
        and text[at + 1].isalnum()
    )


def citation(paper: Paper, site_url: str, arxiv_id: str | None = None) -> Citation:
    """The paper's :func:`bibtex_entry`, with what its title lost (an arXiv id is ASCII)."""
    return Citation(bibtex_entry(paper, site_url, arxiv_id), lost_characters(paper.title))


def arxiv_year(arxiv_id: str | None) -> int | None:
    """The year an arXiv id was given in, or None when it is not an arXiv id."""
    given = arxiv_month(arxiv_id or "")
    return given[0] if given is not None else None


def bibtex_file(title: str, citations: Iterable[Citation]) -> str:
    """A .bib file: a comment naming what it holds and the missing authors, then the entries.

    When an entry wrote a character NO_LATEX_FORM, a third line of the comment says so.
    """
    citations = list(citations)
    lost = any(c.lost for c in citations)
    head = f"% {_comment(title)}\n% {NO_AUTHORS}\n" + (f"% {LOST_CHARACTERS}\n" * lost)
    return "\n".join((head, *(c.entry for c in citations)))


def _comment(text: str) -> str:
    """Text for a comment line of a .bib file: one line of ASCII without an '@'.

    BibTeX has no comments: it skips whatever is outside an entry up to the next '@', which starts
    one, so a theme title holding "@preamble{...}" would put LaTeX of its choice into every
    reader's document.
    """
    return " ".join(bibtex_text(text).replace("@", "(at)").split())
