from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pylatexenc.latexencode import UnicodeToLatexEncoder, get_builtin_uni2latex_dict

from papersite.bibtex import (
    LOST_CHARACTERS,
    NO_LATEX_FORM,
    arxiv_year,
    bibtex_entry,
    bibtex_file,
    bibtex_text,
    citation,
    lost_characters,
    pdflatex_code_points,
)
from papersite.catalogue import Paper

# The engine of the NeurIPS and ICML templates, and BibTeX; TeX Live's, when this machine has it.
needs_pdflatex = pytest.mark.skipif(
    shutil.which("pdflatex") is None or shutil.which("bibtex") is None,
    reason="needs pdflatex and bibtex (Debian: texlive-latex-base)",
)


def paper(paper_id: str, title: str, published: date | None) -> Paper:
    """A paper with three authors and a fixed abstract: a citation shows neither."""
    return Paper(paper_id, title, "Abstract <b>x</b> & y.", 3, None, published, None, None, (), ())


def test_bibtex_entry_escapes_latex_and_has_no_note_for_the_reader_s_bibliography() -> None:
    entry = bibtex_entry(
        paper("w-min", "w_{min} & 100% {Fast} $x$ #1 ~ ^", date(2025, 5, 10)), "https://ex.org/"
    )
    assert entry == (
        "@misc{w-min,\n"
        r"  title = {{w\_\textbraceleft{}min\textbraceright{} \& 100\% \textbraceleft{}Fast"
        r"\textbraceright{} \$x\$ \#1 \textasciitilde{} \textasciicircum{}}}," + "\n"
        r"  key = {w{\_}{\textbraceleft}min{\textbraceright} {\&} 100{\%} {\textbraceleft}Fast"
        r"{\textbraceright} {\$}x{\$} {\#}1 {\textasciitilde} {\textasciicircum}}," + "\n"
        "  year = {2025},\n"
        "  url = {https://ex.org/papers/w-min/}\n"
        "}\n"
    )
    undated = bibtex_entry(paper("u", "U", None), "https://ex.org/")
    assert "year" not in undated


def test_bibtex_entry_gives_the_arxiv_reference_and_links_the_paper() -> None:
    entry = bibtex_entry(
        paper("mamba", "Mamba", date(2023, 12, 1)), "https://ex.org/", "2312.00752"
    )
    assert entry == (
        "@misc{mamba,\n"
        "  title = {{Mamba}},\n"
        "  key = {Mamba},\n"
        "  year = {2023},\n"
        "  howpublished = {arXiv:2312.00752},\n"
        "  url = {https://arxiv.org/abs/2312.00752}\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("arxiv_id", "year"),
    [
        ("2312.00752", 2023),
        ("0704.0001v2", 2007),
        ("hep-th/9901001", 1999),
        ("math.GT/0309136", 2003),
        (None, None),
        ("not-an-id", None),
    ],
)
def test_an_undated_paper_s_year_comes_from_its_arxiv_id(
    arxiv_id: str | None, year: int | None
) -> None:
    entry = bibtex_entry(paper("p", "P", None), "https://ex.org/", arxiv_id)
    assert (f"  year = {{{year}}}," in entry) is (year is not None)
    assert "year" in entry or year is None


def test_a_bibtex_file_says_in_a_comment_what_it_holds_and_that_authors_are_missing() -> None:
    # A "?" of the title is no lost character: the file says nothing of them.
    cited = [citation(paper(i, i.upper() + "?", None), "https://ex.org/") for i in "ab"]
    text = bibtex_file("Site: Efficiency\n theme", cited)
    assert text == (
        "% Site: Efficiency theme\n"
        "% The Daily Papers dumps carry no author names: add them from each paper.\n"
        "\n" + cited[0].entry + "\n" + cited[1].entry
    )


@pytest.mark.parametrize(
    ("title", "comment"),
    [
        ('A @preamble{"\\input{x}"}', "% A (at)preamble\\textbraceleft{}``\\textbackslash{}input"),
        ("Efficiency\n@misc{x,}", "% Efficiency (at)misc\\textbraceleft{}x,\\textbraceright{}\n"),
        ("Schrödinger's cats", "% Schr{\\\"o}dinger's cats\n"),
    ],
)
def test_a_title_in_the_file_s_comment_cannot_start_an_entry(title: str, comment: str) -> None:
    text = bibtex_file(title, [])
    assert text.startswith(comment)
    assert "@" not in text and text.isascii()


def test_a_bibtex_file_says_so_when_an_entry_wrote_a_character_it_lost_as_a_question_mark() -> None:
    cited = [citation(paper(i, t, None), "https://ex.org/") for i, t in [("a", "A"), ("b", "大")]]
    assert [c.lost for c in cited] == ["", "大"]
    text = bibtex_file("Site: Efficiency", cited)
    assert text == (
        "% Site: Efficiency\n"
        "% The Daily Papers dumps carry no author names: add them from each paper.\n"
        f"% {LOST_CHARACTERS}\n"
        "\n" + cited[0].entry + "\n" + cited[1].entry
    )


@pytest.mark.parametrize(
    ("title", "lost"),
    [
        ("A title? Yes", ""),
        ("PanGu-$π$ and Naïve", ""),
        ("大模型 🦙 大", "大模型🦙"),
        # Nothing is lost where nothing shows: the joiners of a family, an emoji's selector.
        ("Family \U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f468\U0001f469\U0001f467"),
        ("I \u2764\ufe0f GPT\u20114o", "\u2764"),
    ],
)
def test_lost_characters_are_those_written_as_a_question_mark(title: str, lost: str) -> None:
    assert lost_characters(title) == lost
    assert bibtex_text(title).count("?") == title.count("?") + sum(
        title.count(c) for c in set(lost)
    )


def bibtex_fields(entry: str) -> dict[str, str]:
    """The fields of one entry, split as BibTeX does: by brace depth, backslashes ignored."""
    head, _, body = entry.partition(",\n")
    assert head.startswith("@misc{")
    fields: dict[str, str] = {}
    rest = body
    while rest.strip() != "}":
        name, found, rest = rest.partition(" = {")
        assert found, f"not a field: {name!r}"
        depth, end = 1, -1
        while depth:
            end += 1
            depth += {"{": 1, "}": -1}.get(rest[end], 0)
        fields[name.strip()] = rest[:end]
        rest = rest[end + 1 :].removeprefix(",\n").removeprefix("\n")
    return fields


@pytest.mark.parametrize(
    "title",
    [
        "x}}, author = {Mallory",
        "x\\}, author = {Mallory} {",
        "}}}@misc{evil, author={Mallory}}",
        "{{{ Mallory",
    ],
)
def test_no_title_can_close_its_bibtex_field(title: str) -> None:
    fields = bibtex_fields(bibtex_entry(paper("p", title, date(2025, 5, 10)), "https://ex.org/"))
    assert list(fields) == ["title", "key", "year", "url"]
    assert "Mallory" in fields["title"] and "Mallory" in fields["key"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # Every special at once, the backslash first: its command's braces are not escaped again.
        (
            "\\{}%&$#_~^",
            r"\textbackslash{}\textbraceleft{}\textbraceright{}\%\&\$\#\_"
            r"\textasciitilde{}\textasciicircum{}",
        ),
        # "\~{}" and "\^{}" would print accents over nothing: the shipped "Byte-~and", "x^2".
        ("Byte-~and", r"Byte-\textasciitilde{}and"),
        ("x^2", r"x\textasciicircum{}2"),
        ("C:\\new}", r"C:\textbackslash{}new\textbraceright{}"),
        ("plain text, (parentheses) and 'quotes'", "plain text, (parentheses) and 'quotes'"),
        # A control character cannot be typeset: it is replaced, as on the paper's page.
        ("bell\x07here", "bell?here"),
        # pdflatex stops at a character it has no command for: "PanGu-$π$" is shipped.
        ("PanGu-$π$", r"PanGu-\${\ensuremath{\pi}}\$"),
        ("Naïve Schrödinger", r"Na{\"i}ve Schr{\"o}dinger"),
        # Braced, so BibTeX's case changes leave the accent's letter as written.
        ("ÉCOLE é", r"{\'E}COLE {\'e}"),
        # An accent written as a combining character is one letter, as in the title it shows.
        ("Cafe\u0301", r"Caf{\'e}"),
        (
            "x ≤ y → ∞, 5 × 10² – “q” …",
            r"x {\ensuremath{\leq}} y {\textrightarrow} {\ensuremath{\infty}}, 5 {\texttimes} "
            r"10{\texttwosuperior} {\textendash} {\textquotedblleft}q{\textquotedblright} "
            r"{\textellipsis}",
        ),
        # No LaTeX form, or one that needs a package (amssymb's \mathbb, T2A's Cyrillic): "?".
        ("大模型 🦙 ℝ Привет", "??? ? ? ??????"),
        # Characters with no visible form of their own are left out, not shown as "?": a
        # zero-width space, a byte order mark, the joiners of a family, an emoji's selector,
        # direction marks; those with a LaTeX command keep it (a soft hyphen's "\-").
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467", "???"),
        ("I \u2764\ufe0f it\U000e0101", "I ? it"),
        ("\u200eleft\u202bright\u202c", "leftright"),
        ("soft\u00adhyphen", r"soft{\-}hyphen"),
        # Written as OT1, pdflatex's default encoding, prints them: raw they print "¡Bench¿", "—",
        # and a straight quote as a closing one.
        ("Q&A <Bench> | a>b", r"Q\&A \textless{}Bench\textgreater{} \textbar{} a\textgreater{}b"),
        ('"Quotes" and ("nested", [\'single\']) 5"', "``Quotes'' and (``nested'', ['single']) 5''"),
        # A quote opens after what ends no word or clause, and closes after what does.
        ("'\"Delta\"'", "'``Delta'''"),
        ('Foo—"Bar"', r"Foo{\textemdash}``Bar''"),
        ('Model-"X" And/"Or" Quote:"Colon"', "Model-``X'' And/``Or'' Quote:``Colon''"),
        ('"Hi," she said, "bye"! "end"', "``Hi,'' she said, ``bye''! ``end''"),
        # After a comma or semicolon, before a word: a spreadsheet formula's arguments.
        (
            '=HYPERLINK("http://evil.example","click") Networks',
            "=HYPERLINK(``http://evil.example'',``click'') Networks",
        ),
        ('"a";"b" "c,"-d', "``a'';``b'' ``c,''-d"),
        ('a " b "', "a '' b ''"),
        # After a straight quote too: nested quotes open twice and close twice.
        ('""Hello," she said"', "````Hello,'' she said''"),
        ('A ""double""', "A ````double''''"),
        # After "=", "#", Spanish's "¡" and "¿", and either guillemet (written "≪" and "≫").
        ('x="y" #"z"', r"x=``y'' \#``z''"),
        ('¡"x"! ¿"y"?', r"{\textexclamdown}``x''! {\textquestiondown}``y''?"),
        (
            '»"x"« «"y"»',
            r"{\ensuremath{\gg}}``x''{\ensuremath{\ll}} {\ensuremath{\ll}}``y''{\ensuremath{\gg}}",
        ),
        # After what is not listed as opening ("+", "%", "…", "’"), or before a comma, it closes.
        ('"C++"-style', "``C++''-style"),
        # After "#", "=" or a quote, one that a hyphen, slash or plus follows closes.
        ('Beyond "C#"-style', r"Beyond ``C\#''-style"),
        ('"Q#"+Qiskit, "C#"/Java', r"``Q\#''+Qiskit, ``C\#''/Java"),
        ('Using "x="-prefixed', "Using ``x=''-prefixed"),
        ('A "He said "hi""-style', "A ``He said ``hi''''-style"),
        ('"Top-1%"-accuracy', r"``Top-1\%''-accuracy"),
        ("On \"the 'best'\", revisited", "On ``the 'best''', revisited"),
        ('"Wait…"-and-see', r"``Wait{\textellipsis}''-and-see"),
        ('"Models’"-based', r"``Models{\textquoteright}''-based"),
        # Characters with no form, written as the one they stand for.
        ("GPT\u20114o\u2011mini", "GPT-4o-mini"),
        ("10\u202fkm", r"10{\,}km"),
        ("模型\u3000LLM", "?? LLM"),
        ("（ＬＬＭ）：＄５\uff05", r"(LLM):\$5\%"),
        # Those that had a form keep it: a minus sign, a figure dash, a superscript, a ligature.
        ("\u2212\u2012x\u00b2\ufb01", r"{\ensuremath{-}}{-}x{\texttwosuperior}{fi}"),
    ],
)
def test_bibtex_text_escapes_each_latex_special_once(text: str, field: str) -> None:
    assert bibtex_text(text) == field


# The ASCII characters whose place in OT1, pdflatex's default font encoding, holds another glyph
# (Computer Modern's OT1 tables: "<" is "¡", "|" an em dash, '"' a closing quote, "\\" an opening
# one, "_" a dot accent, "{" an en dash, "}" a double acute).
OT1_OTHERWISE = '<>|"\\_{}'


@pytest.mark.parametrize("char", OT1_OTHERWISE)
def test_no_character_ot1_prints_as_another_is_written_as_itself(char: str) -> None:
    assert bibtex_text(char) != char


def balanced(text: str) -> bool:
    """Whether BibTeX reads every brace of ``text`` as paired: backslashes do not escape one."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_every_character_is_written_in_ascii_with_its_braces_paired() -> None:
    # Whatever pylatexenc writes for a character, it cannot close or open a field for the next.
    for point in range(0x80, 0x30000):
        char = chr(point)
        if unicodedata.category(char) in ("Cs", "Cn"):
            continue
        text = bibtex_text(char)
        assert text.isascii() and balanced(text), f"U+{point:04X}: {text!r}"


@given(st.text())
def test_no_text_can_close_its_title_field_or_leave_ascii(title: str) -> None:
    fields = bibtex_fields(bibtex_entry(paper("p", title, date(2025, 5, 10)), "https://ex.org/"))
    assert list(fields) == ["title", "key", "year", "url"]
    assert fields["title"].isascii() and fields["key"].isascii()


def test_an_undated_paper_without_an_arxiv_id_has_no_year_and_links_its_page() -> None:
    assert bibtex_entry(paper("u", "U {2}", None), "https://ex.org/") == (
        "@misc{u,\n"
        r"  title = {{U \textbraceleft{}2\textbraceright{}}}," + "\n"
        r"  key = {U {\textbraceleft}2{\textbraceright}}," + "\n"
        "  url = {https://ex.org/papers/u/}\n"
        "}\n"
    )


def test_the_paper_s_own_date_gives_the_year_before_its_arxiv_id_does() -> None:
    # A paper on Daily Papers in 2025 with an id given in 2023: its date is what the dumps show.
    entry = bibtex_entry(paper("p", "P", date(2025, 1, 2)), "https://ex.org/", "2312.00752v2")
    assert entry == (
        "@misc{p,\n"
        "  title = {{P}},\n"
        "  key = {P},\n"
        "  year = {2025},\n"
        "  howpublished = {arXiv:2312.00752v2},\n"
        "  url = {https://arxiv.org/abs/2312.00752v2}\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("arxiv_id", "year"),
    [
        # Old style, archive/YYMMnumber: arXiv began in August 1991, so 91 to 99 are the 1900s.
        ("hep-th/9108001", 1991),
        ("hep-th/9912999v3", 1999),
        ("cond-mat/0001001", 2000),
        ("math.GT/0702001", 2007),
        # New style, YYMM.number, from April 2007: four digits after the dot, then five.
        ("0704.0001", 2007),
        ("1412.9999", 2014),
        ("1501.00001", 2015),
        ("2512.12345v10", 2025),
        # Close to an id but not one: no year rather than a wrong one.
        ("2312.123", None),
        ("2312.123456", None),
        ("arXiv:2312.00752", None),
        ("https://arxiv.org/abs/2312.00752", None),
        ("hep-th/990100", None),
        ("", None),
        (None, None),
    ],
)
def test_arxiv_year_reads_the_year_of_either_style_of_id(
    arxiv_id: str | None, year: int | None
) -> None:
    assert arxiv_year(arxiv_id) == year


def test_a_bibtex_file_without_entries_is_its_comment_alone() -> None:
    assert bibtex_file("Site: Empty", []) == (
        "% Site: Empty\n% The Daily Papers dumps carry no author names: add them from each paper.\n"
    )


@pytest.mark.parametrize(
    ("site_url", "url"),
    [
        # Styles print the url field verbatim (\url, biblatex): "\_" would be printed, a dead link.
        ("https://owner.github.io/my_papers/", "https://owner.github.io/my_papers/papers/p/"),
        ("https://example.edu/~alice/", "https://example.edu/~alice/papers/p/"),
        ("https://example.org/a%20b/", "https://example.org/a%20b/papers/p/"),
        # Braces would unbalance the field, where no escape helps: percent-encoded, the same URL.
        ("https://example.org/{x}\\/", "https://example.org/%7Bx%7D%5C/papers/p/"),
        ("https://example.org/papiers-é/", "https://example.org/papiers-%C3%A9/papers/p/"),
    ],
)
def test_the_url_of_a_paper_s_page_is_written_as_a_reader_follows_it(
    site_url: str, url: str
) -> None:
    fields = bibtex_fields(bibtex_entry(paper("p", "P", None), site_url))
    assert fields["url"] == url


def pdflatex_errors(folder: Path, name: str, preamble: str, lines: list[str]) -> set[int]:
    """The indexes of ``lines`` pdflatex reports an error on, each line a paragraph of its own."""
    head = ["\\documentclass{article}", *preamble.splitlines(), "\\begin{document}"]
    body = [f"x{line}x\\par" for line in lines]
    (folder / f"{name}.tex").write_text(
        "\n".join([*head, *body, "\\end{document}", ""]), encoding="ascii"
    )
    subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", f"{name}.tex"],
        cwd=folder,
        capture_output=True,
        check=False,
        timeout=300,
    )
    log = (folder / f"{name}.log").read_text(encoding="latin-1")
    # Each error names the line TeX was reading: "l.12 x\\foo".
    return {int(n) - len(head) - 1 for n in re.findall(r"^l\.(\d+) ", log, re.MULTILINE)}


@needs_pdflatex
def test_the_characters_kept_are_those_whose_latex_form_pdflatex_typesets_unaided(
    tmp_path: Path,
) -> None:
    # Every character pylatexenc has a form for, in plain LaTeX, with both font encodings
    # templates use: the kept ones compile, and no other would. When pylatexenc changes, paste
    # the list this prints into PDFLATEX_RANGES.
    encoder = UnicodeToLatexEncoder(
        non_ascii_only=True, replacement_latex_protection="braces-all", unknown_char_warning=False
    )
    points = sorted(p for p in get_builtin_uni2latex_dict() if p >= 0x80)
    forms = [encoder.unicode_to_latex(chr(point)) for point in points]
    failing = pdflatex_errors(tmp_path, "ot1", "", forms)
    failing |= pdflatex_errors(tmp_path, "t1", "\\usepackage[T1]{fontenc}", forms)
    typeset = {point for number, point in enumerate(points) if number not in failing}
    ranges: list[list[int]] = []
    for point in sorted(typeset):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    listed = " ".join(f"{a:X}" if a == b else f"{a:X}-{b:X}" for a, b in ranges)
    assert typeset == pdflatex_code_points(), textwrap.fill(listed, 100)


@needs_pdflatex
def test_every_form_bibtex_text_writes_compiles_in_both_font_encodings(tmp_path: Path) -> None:
    # The forms of characters written as another (a guillemet as "\ll"), with pylatexenc's.
    points = [p for p in range(0x80, 0x30000) if unicodedata.category(chr(p)) not in ("Cs", "Cn")]
    written = [(p, bibtex_text(chr(p))) for p in points]
    forms = [(p, form) for p, form in written if form not in ("", NO_LATEX_FORM)]
    assert {0xAB, 0xBB, 0x201A, 0x201E} <= {p for p, _ in forms}
    lines = [form for _, form in forms]
    failing = pdflatex_errors(tmp_path, "ot1", "", lines)
    failing |= pdflatex_errors(tmp_path, "t1", "\\usepackage[T1]{fontenc}", lines)
    assert not [f"U+{forms[n][0]:04X} {forms[n][1]}" for n in sorted(failing)]


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Mamba", "Mamba"),
        # Sorting and alpha's label start at the first letter or digit: "Qu" sorts under "q".
        ("“Quoted” {title}", r"Quoted {\textbraceleft}title{\textbraceright}"),
        # After an article, as plain.bst sorts titles: "The Pile" under "p", alpha's "Pil".
        ("The Pile", "Pile"),
        ("“A Survey”", "Survey"),
        # natbib's author-year styles print the key as the author: a mark left out takes the one
        # closing it along, never "Why Should I Trust You?”: Explaining".
        (
            '"Why Should I Trust You?": Explaining the Predictions of Any Classifier',
            "Why Should I Trust You?: Explaining the Predictions of Any Classifier",
        ),
        ('The "Best" Model', "Best Model"),
        ("‘Don’t Stop’ Pretraining", r"Don{\textquoteright}t Stop Pretraining"),
        ("'Delta' and 'x'", "Delta and 'x'"),
        # A leading elision closes nowhere: the quote opening 'quoted' was left out as its close.
        ("'Tis the season: a 'quoted' word", "Tis the season: a 'quoted' word"),
        ("'90s rock 'n' roll", "90s rock 'n' roll"),
        ("'Tis the U.S.'s best", "Tis the U.S.'s best"),
        ("'Hello' world", "Hello world"),
        ("'Rock 'n' Roll' Models", "Rock 'n' Roll Models"),
        # A straight single quote after a space opens, as a double one does: pairs stay whole.
        ("'Hello, 'world'' nested", "Hello, 'world' nested"),
        ("'Tis the 'season'", "Tis the 'season'"),
        # A plural's possessive closes no elision: "models'" kept, and 'day' a pair.
        ("'Tis the models' 'day'", "Tis the models' 'day'"),
        ("' Hello 'world'' nested", "Hello 'world' nested"),
        ("'(Un)supervised 'world'' x", "Unsupervised 'world' x"),
        (
            "«Bonjour» „Welt“ »Hallo«",
            r"Bonjour ,,Welt{\textquotedblleft} {\ensuremath{\gg}}Hallo{\ensuremath{\ll}}",
        ),
        ("(Un)supervised (x)", "Unsupervised (x)"),
        ("(Pre-(Training)) [Re] Models", "Pre-(Training) [Re] Models"),
        ("(“The Pile”) x", "Pile x"),
        ("{Braced} x", "Braced x"),
        # A straight quote opens or closes as in the title's field: the key keeps a pair whole.
        ('"Hello, "world"" nested', "Hello, ``world{''} nested"),
        ('"a "b" c" d', "a ``b{''} c d"),
        # A pair that does not close in the title leaves nothing else out.
        ('"Unclosed (x', "Unclosed (x"),
        ('"a,"b" weird', "a,``b{''} weird"),
        ("An Image Is Worth 16x16 Words", "Image Is Worth 16x16 Words"),
        ("Attention Is All You Need", "Attention Is All You Need"),
        ("A", "A"),
        ("The 2nd", "2nd"),
        ("The ...", "The ..."),
        ("$π$-Net", r"{\ensuremath{\pi}}{\$}-Net"),
        # Each command one BibTeX special character, so a label cannot end inside one.
        ("100% a_b & c", r"100{\%} a{\_}b {\&} c"),
        ("Émile ~x^2", r"{\'E}mile {\textasciitilde}x{\textasciicircum}2"),
        # Without a letter or digit the key is the whole title: never empty, which styles ignore.
        ("«…»", r"{\ensuremath{\ll}}{\textellipsis}{\ensuremath{\gg}}"),
    ],
)
def test_an_entry_s_key_is_its_title_for_styles_to_sort_and_label_it_by(
    title: str, key: str
) -> None:
    fields = bibtex_fields(bibtex_entry(paper("p", title, None), "https://ex.org/"))
    assert fields["key"] == key
    assert balanced(key)


PDFLATEX = ["pdflatex", "-halt-on-error", "-interaction=nonstopmode", "paper"]


def tex_run(command: list[str], folder: Path) -> str:
    """Run a TeX program in ``folder``, asserting it succeeds; what it printed."""
    run = subprocess.run(
        command,
        cwd=folder,
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    return run.stdout


def assert_no_tex_errors(log: Path) -> None:
    """Assert pdflatex's log holds no error ("! ...")."""
    assert not re.findall(r"^!.*", log.read_text(encoding="latin-1"), re.MULTILINE)


# Titles of every kind of character a .bib file must carry.
HARD_TITLES = [
    "PanGu-$π$: Enhancing Language Model Architectures",
    "Memorize, Factorize, or be Naïve; Schrödinger; ÉCOLE; Łódź; Ærø",
    'Combining Byte-~and Word-Level \\texttt{x} 100% {braces} #1 a_b x^2 & "Q" <A> | more',
    "大模型 🦙 ℝ Привет ■ ɛ-greedy",
    "x ≤ y → ∞, 5 × 10² – “quoted” … α β Γ ∑ ∈ ≈ ± ‘’ — •",
    "GPT\u20114o\u2011mini\u200b \u2764\ufe0f 10\u202fkm （ＬＬＭ）\u00ad\u2212",
    "{\\%}_ The Braced « guillemets » „low“ ‚single‘",
]


@needs_pdflatex
@pytest.mark.parametrize(
    ("style", "preamble"),
    [("plain", "\\usepackage[T1]{fontenc}\n"), ("alpha", ""), ("abbrv", "")],
)
def test_a_bib_file_of_hard_titles_builds_with_pdflatex_and_bibtex(
    tmp_path: Path, style: str, preamble: str
) -> None:
    entries = [
        citation(paper(f"p{n}", title, date(2025, 5, 10)), "https://ex.org/~a_b/")
        for n, title in enumerate(HARD_TITLES)
    ]
    # The file's comment holds a theme's title, which a pull request sets: BibTeX takes an '@'
    # anywhere outside an entry for the start of one.
    title = 'Hard @preamble{"\\typeout{PWNED}"} @misc{evil, title={Injected}}'
    (tmp_path / "refs.bib").write_text(bibtex_file(title, entries), encoding="ascii")
    (tmp_path / "paper.tex").write_text(
        f"\\documentclass{{article}}\n{preamble}\\usepackage{{url}}\n\\begin{{document}}\n"
        f"\\nocite{{*}}\n\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n\\end{{document}}\n",
        encoding="ascii",
    )
    for command in (PDFLATEX, ["bibtex", "paper"], PDFLATEX, PDFLATEX):
        output = tex_run(command, tmp_path)
        # Without an author, an entry without a key is sorted and labelled by its BibTeX key.
        assert "Warning--" not in output, output[-2000:]
    assert_no_tex_errors(tmp_path / "paper.log")
    bbl = (tmp_path / "paper.bbl").read_text(encoding="ascii")
    # Sorted by title, from its first letter: the title of no letter BibTeX knows first.
    order = re.findall(r"^\\bibitem(?:\[.*\])?\{(p\d)\}$", bbl, re.MULTILINE)
    assert order == ["p3", "p6", "p2", "p5", "p1", "p0", "p4"]
    if style == "alpha":
        assert "\\bibitem[Bra25]{p6}" in bbl and "\\bibitem[Com25]{p2}" in bbl
    assert "PWNED" not in bbl and "evil" not in bbl and "Injected" not in bbl


def _latex_has(*files: str) -> bool:
    """Whether TeX finds every one of ``files`` (kpsewhich prints a path for each it finds)."""
    if shutil.which("kpsewhich") is None:
        return False
    run = subprocess.run(["kpsewhich", *files], capture_output=True, text=True, check=False)
    return len(run.stdout.splitlines()) == len(files)


needs_biblatex = pytest.mark.skipif(
    shutil.which("biber") is None
    or not _latex_has("biblatex.sty", "etoolbox.sty"),  # biblatex needs etoolbox
    reason="needs biber, biblatex and etoolbox "
    "(Debian: biber, texlive-bibtex-extra, texlive-latex-recommended)",
)


def biblatex_bbl(folder: Path, bib: str) -> str:
    """The .bbl biber writes for a document printing every entry of ``bib`` with biblatex."""
    (folder / "refs.bib").write_text(bib, encoding="ascii")
    (folder / "paper.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n"
        "\\usepackage[backend=biber]{biblatex}\n\\addbibresource{refs.bib}\n"
        "\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n",
        encoding="ascii",
    )
    for command in (PDFLATEX, ["biber", "paper"], PDFLATEX):
        tex_run(command, folder)
    assert_no_tex_errors(folder / "paper.log")
    return (folder / "paper.bbl").read_text(encoding="utf-8")


@needs_biblatex
def test_a_bib_file_of_hard_titles_builds_with_biblatex_and_biber(tmp_path: Path) -> None:
    # Biber read pylatexenc's \"\i for "ï" as a dotless i and a combining diaeresis, which
    # pdflatex stopped at: "Unicode character ̈ (U+0308) not set up for use with LaTeX".
    entries = [
        citation(paper(f"p{n}", title, date(2025, 5, 10)), "https://ex.org/~a_b/")
        for n, title in enumerate([*HARD_TITLES, "Naïve, naíve, naìve, naîve"])
    ]
    bbl = biblatex_bbl(tmp_path, bibtex_file("Hard", entries))
    assert len(re.findall(r"\\entry\{p\d+\}", bbl)) == 8


def cited_bbl(tmp_path: Path, style: str, preamble: str) -> str:
    """The .bbl of a document citing an arXiv paper with ``style``, its whitespace one space.

    BibTeX wraps a .bbl's lines where it likes: what a reader sees does not depend on where.
    """
    arxiv = citation(
        paper("review", "A Critical Review of Recurrent Neural Networks", None),
        "https://ex.org/",
        "1506.00019",
    )
    (tmp_path / "refs.bib").write_text(bibtex_file("Cited", [arxiv]), encoding="ascii")
    (tmp_path / "paper.tex").write_text(
        f"\\documentclass{{article}}\n\\usepackage{{url}}\n{preamble}\\begin{{document}}\n"
        f"\\cite{{review}}\n\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n"
        "\\end{document}\n",
        encoding="ascii",
    )
    for command in (PDFLATEX, ["bibtex", "paper"], PDFLATEX, PDFLATEX):
        output = tex_run(command, tmp_path)
        assert "Warning--" not in output, output[-2000:]
    assert_no_tex_errors(tmp_path / "paper.log")
    return " ".join((tmp_path / "paper.bbl").read_text(encoding="ascii").split())


@needs_pdflatex
@pytest.mark.parametrize("style", ["plain", "alpha", "unsrt", "abbrv", "ieeetr", "acm"])
def test_classic_styles_print_the_arxiv_reference_once(tmp_path: Path, style: str) -> None:
    # They print no eprint and no url field: without howpublished, a bare title and year.
    bbl = cited_bbl(tmp_path, style, "")
    assert bbl.count("arXiv:1506.00019, 2015.") == 1, bbl
    assert "Critical Review of Recurrent Neural Networks" in bbl


@pytest.mark.skipif(not _latex_has("natbib.sty", "plainnat.bst"), reason="needs natbib")
@needs_pdflatex
@pytest.mark.parametrize("style", ["plainnat", "abbrvnat", "unsrtnat"])
def test_natbib_styles_print_the_arxiv_reference_and_its_page_once(
    tmp_path: Path, style: str
) -> None:
    bbl = cited_bbl(tmp_path, style, "\\usepackage{natbib}\n")
    assert bbl.count("arXiv:1506.00019") == 1, bbl
    assert bbl.count("\\url{https://arxiv.org/abs/1506.00019}") == 1, bbl
    # Cited by the key, which natbib takes for a whole label: no year after it, "()".
    assert "\\bibitem[Critical Review of Recurrent Neural Networks()]{review}" in bbl


@needs_biblatex
def test_biblatex_prints_the_arxiv_reference_once(tmp_path: Path) -> None:
    # biblatex prints howpublished, eprint and url for a @misc: the id is in one field alone.
    arxiv = citation(paper("review", "A Review", None), "https://ex.org/", "1506.00019")
    bbl = biblatex_bbl(tmp_path, bibtex_file("Cited", [arxiv]))
    fields = dict(re.findall(r"\\field\{(\w+)\}\{(.*)\}$", bbl, re.MULTILINE))
    assert fields["howpublished"] == "arXiv:1506.00019"
    assert "eprint" not in fields and "eprinttype" not in fields
    # The key sorts it, as BibTeX's styles do: under "R", not "A".
    assert fields["sortinit"] == "R"
    assert re.search(r"\\verb\{url\}\n\s*\\verb https://arxiv.org/abs/1506.00019\n", bbl)
