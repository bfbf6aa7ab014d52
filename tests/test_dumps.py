from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papersite.characters import HIDDEN, shows_nothing
from papersite.dumps import HEADER_PHRASES, detect_layout, format_dump, read_dump, read_text
from papersite.errors import PapersiteError, Severity
from papersite.sources import Layout, Line, Record, SourceFile

from .conftest import CAPTURED, DATA, source


def test_spaced_layout_reads_meta_blocks_field_by_field() -> None:
    dump = read_dump(source("spaced_small.txt"))
    assert dump.layout is Layout.SPACED
    assert dump.problems == []
    gated, memories, counting = dump.records
    assert gated == Record(
        source="spaced_small.txt",
        line=13,
        title="Gated Attention for Large Language Models",
        abstract=(
            "Gating mechanisms help. Code: https://github.com/qiuzh20/gated_attention{codes} and "
            "weights at https://huggingface.co/QwQZh/gated_attention{models}"
        ),
        authors=13,
        published=date(2025, 5, 10),
        upvotes=4,
        upvotes_as_of=CAPTURED,
        date_line=19,
    )
    # A year-less "Oct 29" on a page captured on 2025-11-20 is of the capture year.
    assert (memories.organization, memories.published, memories.upvotes, memories.year_given) == (
        "Apple",
        date(2025, 10, 29),
        2,
        False,
    )
    assert (memories.date_line, counting.date_line, dump.page_day) == (27, None, (11, 20))
    assert memories.abstract == "Small models fetch memory blocks from a bank."
    assert (counting.authors, counting.published, counting.upvotes) == (None, None, None)


def test_dense_layout_unglues_the_header_from_the_first_title() -> None:
    dump = read_dump(source("dense_small.txt"))
    assert dump.layout is Layout.DENSE
    assert [(r.line, r.title) for r in dump.records] == [
        (3, "Fine-tune Language Models"),
        (5, "Gated Attention for Large Language Models"),
    ]
    assert dump.records[0].abstract == "In-context learning is an emergent ability."


def test_dense_layout_with_header_on_its_own_line_parses_the_same() -> None:
    glued = read_dump(source("dense_small.txt")).records
    unglued = read_dump(source("dense_unglued.txt")).records
    assert [(r.title, r.abstract) for r in unglued] == [(r.title, r.abstract) for r in glued]


def test_a_header_typed_in_another_case_is_still_the_header() -> None:
    # "New" for "new" read as a paper without an abstract, and the header after it as a second
    # pasted page.
    text = _HEADER.replace("new\n", "New\n", 1).replace("Subscribe", "SUBSCRIBE")
    dump = read_text(text + "Paper\n\nIts abstract.\n", SourceFile(Path("d.txt"), "d.txt", "d.txt"))
    assert [(r.title, r.abstract) for r in dump.records] == [("Paper", "Its abstract.")]
    assert [str(p) for p in dump.problems] == []


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda b: b.replace(b"\n", b"\r\n"), id="crlf"),
        # Old Mac line ends: read as one line, "reads like abstract text, not a title".
        pytest.param(lambda b: b.replace(b"\n", b"\r"), id="cr"),
        pytest.param(lambda b: b.replace(b"\n", b"\r", 3).replace(b"\n", b"\r\n", 3), id="mixed"),
        pytest.param(lambda b: b"\xef\xbb\xbf" + b, id="bom"),
        pytest.param(lambda b: b.replace(b"\n", b"  \t\n"), id="trailing-spaces"),
    ],
)
@pytest.mark.parametrize("name", ["spaced_small.txt", "dense_small.txt"])
def test_messy_line_ends_parse_like_clean_input(
    tmp_path: Path, name: str, transform: object
) -> None:
    messy = tmp_path / name
    messy.write_bytes(transform((DATA / name).read_bytes()))  # type: ignore[operator]
    clean = read_dump(source(name))
    dirty = read_dump(SourceFile(messy, name, name, CAPTURED, CAPTURED.year))
    assert dirty.problems == []
    assert dirty.records == clean.records


def test_year_less_dates_without_a_capture_date_are_unknown_with_a_warning() -> None:
    dump = read_dump(source("spaced_small.txt", captured=None))
    assert dump.records[1].published is None
    assert dump.records[0].published == date(2025, 5, 10)
    assert dump.records[0].upvotes_as_of is None
    assert [str(p) for p in dump.problems] == [
        f"{dump.display}:27: warning: year-less date 'Oct 29 2' cannot be dated without the "
        "dump's capture date: add it to sources.yaml (captured: YYYY-MM-DD); until then the "
        "paper has no date"
    ]


def test_year_less_dates_are_reported_once_per_dump_at_the_first() -> None:
    paper = "Title {0}\n\nAbstract {0}.\n\n  • 2 authors\n·\n{1}\n\n"
    text = "".join(
        paper.format(n, when) for n, when in enumerate(["Nov 20 12", "May 2, 2025", "Dec 1"])
    )
    dump = read_text(text, SourceFile(Path("new.txt"), "new.txt", "new.txt"))
    assert [r.published for r in dump.records] == [None, date(2025, 5, 2), None]
    assert [str(p) for p in dump.problems] == [
        "new.txt:7: warning: year-less date 'Nov 20 12' and 1 more cannot be dated without the "
        "dump's capture date: add it to sources.yaml (captured: YYYY-MM-DD); until then the "
        "papers have no date"
    ]
    # A capture year is enough to date them.
    dated = read_text(text, SourceFile(Path("new.txt"), "new.txt", "new.txt", None, 2025))
    assert dated.problems == []
    # Whether each date was written with its year is kept: a year-less one took the capture's.
    assert [r.year_given for r in dated.records] == [False, True, False]


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        (
            "bad_meta.txt",
            17,
            "malformed meta block: '• three authors' is not '• N authors'; "
            "paper 'A Paper With A Broken Meta Block' skipped",
        ),
        (
            "bad_date.txt",
            11,
            "impossible date 'Feb 30, 2024'; paper 'A Paper From A Day That Never Was' skipped",
        ),
        (
            "truncated.txt",
            9,
            "title 'A Title Whose Abstract Was Cut Off' has no abstract (truncated dump?); "
            "paper skipped",
        ),
    ],
)
def test_bad_records_are_skipped_with_file_line_and_reason(
    name: str, line: int, message: str
) -> None:
    dump = read_dump(source(name))
    assert [str(p) for p in dump.skipped] == [f"{dump.display}:{line}: {message}"]
    assert dump.read == len(dump.records) + 1


def test_a_long_title_is_cut_to_sixty_characters_in_a_message() -> None:
    title = "A Title Whose Abstract Was Cut Off After a Subtitle Running Past Sixty Letters"
    text = f"Daily Papers\n\nNov 20\n\nA Complete Paper\n\nIts abstract.\n\n{title}\n"
    dump = read_text(text, source("cut.txt"))
    shown = "A Title Whose Abstract Was Cut Off After a Subtitle Running…"
    assert len(shown) == 60
    assert [str(p) for p in dump.skipped] == [
        f"cut.txt:9: title '{shown}' has no abstract (truncated dump?); paper skipped"
    ]


def test_an_abstract_left_without_its_title_is_said_to_lack_the_title() -> None:
    # The title line deleted: the abstract was read as a title and the dump called truncated.
    abstract = "In living organisms, homeostasis is kept by feedback loops. We model them."
    text = (
        f"A Complete Paper\n\nIts abstract.\n\n  • 2 authors\n·\nNov 19\n\n{abstract}\n\n"
        "  • 3 authors\n·\nNov 18\n\nNext Paper\n\nIts abstract.\n"
    )
    dump = read_text(text, source("lost.txt"))
    assert [r.title for r in dump.records] == ["A Complete Paper", "Next Paper"]
    assert [str(p) for p in dump.skipped] == [
        "lost.txt:9: 'In living organisms, homeostasis is kept by feedback loops.…' reads like "
        "abstract text, not a title (a sentence ending in a full stop), and no abstract follows "
        "it: is its paper's title missing? Paper skipped: add the title above it"
    ]
    assert dump.skipped_titles == []


ANOTHER_PAGE = (
    "starts here (two pages pasted into one file?): its header is skipped and its papers are "
    "read; split the file so that each page has its own capture date in sources.yaml"
)


@pytest.mark.parametrize(
    ("name", "papers", "cut_off", "page"),
    [
        (
            "two_pages.txt",
            [
                (13, "Gated Attention for Large Language Models"),
                (21, "Daily Papers"),
                (39, "Pretraining with Hierarchical Memories"),
            ],
            25,
            (27, "another captured page (Nov 19)"),
        ),
        (
            "dense_two_pages.txt",
            [(3, "Fine-tune Language Models"), (8, "Gated Attention for Large Language Models")],
            5,
            (6, "another captured page"),
        ),
    ],
)
def test_a_second_page_header_is_dropped_with_a_warning_and_its_papers_read(
    name: str, papers: list[tuple[int, str]], cut_off: int, page: tuple[int, str]
) -> None:
    dump = read_dump(source(name))
    assert [(r.line, r.title) for r in dump.records] == papers
    assert all("Get trending" not in r.abstract for r in dump.records)
    # A title left without its abstract at the end of a page does not take the next page's.
    assert [p.line for p in dump.skipped] == [cut_off]
    line, what = page
    assert [str(p) for p in dump.problems if p not in dump.skipped] == [
        f"{dump.display}:{line}: warning: {what} {ANOTHER_PAGE}"
    ]


@pytest.mark.parametrize("between", ["", "\n", "\n\n"], ids=["no-newline", "newline", "blank"])
@pytest.mark.parametrize("name", ["spaced_small.txt", "dense_small.txt"])
def test_two_copies_of_a_page_pasted_together_read_as_two_pages(name: str, between: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8").rstrip("\n")
    once = read_text(text, source(name))
    twice = read_text(text + between + text, source(name))
    assert [(r.title, r.abstract, r.published) for r in twice.records] == 2 * [
        (r.title, r.abstract, r.published) for r in once.records
    ]
    assert once.problems == []
    ((severity, message),) = [(p.severity, p.message) for p in twice.problems]
    assert severity is Severity.WARNING and message.endswith(ANOTHER_PAGE)


def test_bad_meta_skips_only_its_own_paper() -> None:
    dump = read_dump(source("bad_meta.txt"))
    assert [r.title for r in dump.records] == ["A Good Paper", "Another Good Paper"]


def test_a_dump_saved_as_latin1_is_one_error_first_not_a_malformed_meta_block_each() -> None:
    # Its '·' separators are byte 0xb7, not UTF-8: shown as U+FFFD, they break the meta blocks
    # of lines 10 and 22, whose papers are skipped with that error, not reported again each.
    dump = read_dump(source("latin1.txt"))
    not_utf8 = (
        "tests/data/latin1.txt:10: not UTF-8: byte 0xb7 at column 1 (and 3 more lines), shown as "
        "U+FFFD; save the file as UTF-8 (2 papers skipped until then: such a line is in their "
        "meta block)"
    )
    # A meta block wrong in another way is still its own error, after the cause of the rest.
    missing_dot = (
        "tests/data/latin1.txt:29: malformed meta block: expected '• N authors' or an "
        "organisation, then '·', then a date; paper 'Lost Separators' skipped"
    )
    assert [str(problem) for problem in dump.problems] == [not_utf8, missing_dot]
    assert [str(problem) for problem in dump.skipped] == [not_utf8, not_utf8, missing_dot]
    assert [record.title for record in dump.records] == ["Caf\ufffd Models"]
    assert dump.read == 4
    assert sorted(dump.skipped_titles) == [
        "Counting With Transformers",
        "Lost Separators",
        "Pretraining with Hierarchical Memories",
    ]


@pytest.mark.parametrize(
    ("name", "line", "opening", "what"),
    [
        ("api_json.txt", 1, "[", "JSON (Hugging Face's API, saved as .txt?)"),
        ("page_source.txt", 2, "<!doctype html>", "HTML (the page's source, saved as .txt?)"),
    ],
)
def test_a_json_or_html_file_saved_as_txt_is_refused_whole(
    name: str, line: int, opening: str, what: str
) -> None:
    # Read as dumps they published papers titled '[', '{', '<!doctype html>' and '<body>'.
    dump = read_dump(source(name))
    assert [str(problem) for problem in dump.problems] == [
        f"tests/data/{name}:{line}: '{opening}' opens {what}, not a Daily Papers page copied as "
        "text; file skipped: open the page in a browser, copy its text (select all, copy) and "
        "paste it into the dump"
    ]
    assert dump.unread
    assert dump.records == []


@pytest.mark.parametrize(
    "first",
    [
        "[Re] Reproducing a Paper",
        "{Braces} in a Title",
        "<b>Bold</b> Claims",
        "<3 Hearts",
        # Refused whole, as JSON or HTML, by a rule that looked at their first characters only.
        "[[Wiki]] Links for LLMs",
        '{ "quoted" } Policies',
        "<html> Understanding via LLMs",
        "<!-- Comment --> Models",
        "<s>",
    ],
)
def test_a_title_opening_with_a_bracket_or_a_tag_is_read_as_a_title(first: str) -> None:
    dump = read_text(f"{first}\n\nIts abstract.\n", source("d.txt", None))
    assert [record.title for record in dump.records] == [first]


@pytest.mark.parametrize(
    ("first", "what"),
    [
        ('[{"paper": {"id": "2401.00001",', "JSON (Hugging Face's API, saved as .txt?)"),
        ('{"papers": [', "JSON (Hugging Face's API, saved as .txt?)"),
        # Read as a title with no abstract.
        (
            '<div class="x"><h3>Title</h3><p>Abs</p></div>',
            "HTML (the page's source, saved as .txt?)",
        ),
        ('<html lang="en">', "HTML (the page's source, saved as .txt?)"),
        (
            "<!-- saved from url=(0014)about:internet -->",
            "HTML (the page's source, saved as .txt?)",
        ),
    ],
)
def test_a_first_line_of_json_or_page_markup_refuses_the_file(first: str, what: str) -> None:
    with pytest.raises(PapersiteError) as raised:
        read_text(f"{first}\n\nIts abstract.\n", source("d.txt", None))
    assert str(raised.value).startswith(f"d.txt:1: '{first}' opens {what}, not a Daily Papers")


def test_a_first_line_nested_deeper_than_the_json_parser_goes_refuses_the_file() -> None:
    # json.loads raised RecursionError, and 'papersite check' ended in its traceback.
    with pytest.raises(PapersiteError) as raised:
        read_text("[" * 5000 + "\n\nIts abstract.\n", source("d.txt", None))
    assert "' opens JSON (Hugging Face's API, saved as .txt?), not a" in str(raised.value)


def test_empty_file_gets_a_warning_naming_it() -> None:
    dump = read_dump(source("empty.txt"))
    assert [(p.severity, p.message) for p in dump.problems] == [(Severity.WARNING, "empty file")]
    assert dump.problems[0].path.endswith("empty.txt")


def test_layout_is_told_by_content_not_by_name() -> None:
    spaced = [Line(1, "T"), Line(2, ""), Line(3, "A")]
    dense = [Line(1, "T"), Line(2, "A"), Line(3, "T2"), Line(4, "A2"), Line(5, "")]
    assert detect_layout(spaced) is Layout.SPACED
    assert detect_layout(dense) is Layout.DENSE


def _two_papers(bad: str, good: str) -> str:
    meta = "\n\n  • 2 authors\n·\n"
    return f"A Paper\n\nIts abstract.{meta}{bad}\n\nGood Paper\n\nIts abstract.{meta}{good}\n"


@pytest.mark.parametrize(
    ("captured", "year", "bad", "reason", "good"),
    [
        (
            date(2025, 11, 25),
            2025,
            "May 22, 2204",
            "is after the dump's capture date, 2025-11-25 in sources.yaml",
            "Nov 25, 2025",
        ),
        (
            date(2025, 11, 25),
            2025,
            "Nov 26, 2025 3",
            "is after the dump's capture date, 2025-11-25 in sources.yaml",
            "Nov 25, 2025 3",
        ),
        (
            None,
            2025,
            "Jan 2, 2026",
            "is after 2025, the dump's capture year in sources.yaml",
            "Dec 31, 2025",
        ),
        (None, None, "May 22, 2204", "is after 2100", "Dec 31, 2100"),
        (None, None, "May 22, 1204", "is before 1990", "Jan 1, 1990"),
    ],
)
def test_a_date_no_capture_could_show_is_dropped_with_a_warning(
    captured: date | None, year: int | None, bad: str, reason: str, good: str
) -> None:
    dump = read_text(
        _two_papers(bad, good), SourceFile(Path("d.txt"), "d.txt", "d.txt", captured, year)
    )
    assert [str(p) for p in dump.problems] == [
        f"d.txt:7: warning: date '{bad}' {reason} (a typo in the year?): "
        "the paper is kept without a date; correct it in the dump"
    ]
    dropped, kept = dump.records
    assert (dropped.title, dropped.authors, dropped.published) == ("A Paper", 2, None)
    assert kept.published is not None


def test_a_year_after_a_year_less_date_is_read_as_upvotes_with_a_warning() -> None:
    # "May 17 2022" was silently published as 2025-05-17 with 2022 upvotes.
    dump = read_text(
        _two_papers("May 17 2022", "May 18 2101"),
        SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 10, 31), 2025),
    )
    assert [str(p) for p in dump.problems] == [
        "d.txt:7: warning: 'May 17 2022' was read as a date without its year and 2022 upvotes: "
        "is 2022 its year, its comma dropped ('May 17, 2022')? If so, add the comma"
    ]
    assert [(r.published, r.upvotes) for r in dump.records] == [
        (date(2025, 5, 17), 2022),
        (date(2025, 5, 18), 2101),
    ]


@pytest.mark.parametrize("count", ["1000001", "99999999999999999999999", "9" * 5000])
def test_an_absurd_upvote_count_is_dropped_with_a_warning(count: str) -> None:
    # Shown as "99999999999999999999999 upvotes"; 5,000 digits made int() raise.
    dump = read_text(
        _two_papers(f"Jan 26 {count}", "Jan 27 1000000"),
        SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 10, 31), 2025),
    )
    shown = f"Jan 26 {count}" if len(count) < 50 else f"Jan 26 {count[:52]}…"
    assert [str(p) for p in dump.problems] == [
        f"d.txt:7: warning: the upvote count in '{shown}' is over 1,000,000, more than any "
        "paper has: the paper is kept without upvotes; correct it in the dump"
    ]
    assert [(r.published, r.upvotes, r.upvotes_as_of) for r in dump.records] == [
        (date(2025, 1, 26), None, None),
        (date(2025, 1, 27), 1_000_000, date(2025, 10, 31)),
    ]


@pytest.mark.parametrize("count", ["100001", "9" * 5000])
def test_an_absurd_number_of_authors_is_dropped_with_a_warning(count: str) -> None:
    # 5,000 digits made int() raise, ending the whole run.
    text = _two_papers("Jan 26", "Jan 27").replace("• 2 authors", f"• {count} authors", 1)
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 10, 31), 2025))
    shown = f"• {count} authors" if len(count) < 50 else f"• {count[:57]}…"
    assert [str(p) for p in dump.problems] == [
        f"d.txt:5: warning: the number of authors in '{shown}' is over 100,000, more than any "
        "paper has: the paper is kept without it; correct it in the dump"
    ]
    assert [(r.authors, r.published) for r in dump.records] == [
        (None, date(2025, 1, 26)),
        (2, date(2025, 1, 27)),
    ]


@pytest.mark.parametrize(
    ("zero", "twelve", "three"), [("0", "12", "3"), ("\u0660", "\u0661\u0662", "\u0663")]
)
def test_counts_written_with_thousands_of_leading_zeros_are_read_as_their_number(
    zero: str, twelve: str, three: str
) -> None:
    # Their length was tested without the zeros, then int() given them: past 4,300 digits it
    # raised, ending the whole run. Any script's zeros: \d matches Arabic-Indic digits too.
    zeros = zero * 4400
    text = _two_papers("Jan 26", f"Nov 10 {zeros}{twelve}").replace(
        "• 2 authors", f"• {zeros}{three} authors", 1
    )
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 11, 20), 2025))
    assert dump.problems == []
    assert [(r.authors, r.upvotes) for r in dump.records] == [(3, None), (2, 12)]


def test_format_characters_that_reorder_or_hide_are_left_out_with_a_warning_naming_them() -> None:
    # A right-to-left override showed as "Unterminated ereh eltit edirrevo", and reversed the rest
    # of an abstract's paragraph; a zero-width space, soft hyphen or U+FEFF split a title's word.
    text = (
        "Unterminated \u202eoverride title here\u202c\n\nIts abstract, \u202eé\u202c.\n\n"
        "Atten\u200btion Is \u200b\u200bAll\u00ad You\ufeff Need\n\nAnother \u200babstract.\n\n"
        "Caf\u00e9 Models \U000f0000\n\nA third \u2067isolate\u2069.\n\n"
        "\u200b\u2060\n\nA fourth abstract.\n\nFifth\n\n\u202e \u202d\n"
    )
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt"))
    assert [(r.title, r.abstract) for r in dump.records] == [
        ("Unterminated override title here", "Its abstract, é."),
        ("Attention Is All You Need", "Another abstract."),
        ("Caf\u00e9 Models \U000f0000", "A third isolate."),
    ]
    assert [str(p) for p in dump.problems] == [
        # What reordering ones do, said alike of a title and an abstract (characters.hidden_effect).
        "d.txt:1: warning: title 'Unterminated override title here' holds characters that "
        "reorder the text after them: <U+202E>, <U+202C>; they are left out of the title: "
        "remove them from the dump",
        "d.txt:3: warning: the abstract of 'Unterminated override title here' holds characters "
        "that reorder the text after them: <U+202E>, <U+202C>; they are left out of the "
        "abstract: remove them from the dump",
        "d.txt:5: warning: title 'Attention Is All You Need' holds characters that do not show "
        "as themselves: <U+200B>, <U+00AD>, <U+FEFF>; they are left out of the title: remove "
        "them from the dump",
        "d.txt:7: warning: the abstract of 'Attention Is All You Need' holds characters that do "
        "not show as themselves: <U+200B>; they are left out of the abstract: remove them from "
        "the dump",
        "d.txt:11: warning: the abstract of 'Café Models \\U000f0000' holds characters that "
        "reorder the text after them: <U+2067>, <U+2069>; they are left out of the abstract: "
        "remove them from the dump",
        "d.txt:13: title of characters that do not show, <U+200B>, <U+2060>, only; paper skipped",
        "d.txt:19: the abstract of 'Fifth' is of characters that do not show, <U+202E>, "
        "<U+202D>, only; paper skipped",
    ]


def test_characters_that_hide_in_a_word_are_left_out_of_an_abstract_as_of_a_title() -> None:
    # Kept, "effi<U+00AD>cient" was no match for a search of "efficient". Joiners and direction
    # marks stay, as in a title; with a reordering one, what is said is that they do not show.
    text = (
        "Title\n\nAn effi\u00adcient zero\u200bwidth word\u2060joiner\ufeff model "
        "\u200c\u200e.\n\n"
        "Second\n\nIts \u202eabstract\u202c, \u200bhere.\n\n"
        "Third\n\nA sum a\u2064b of f\u2061(x).\n"
    )
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt"))
    assert [record.abstract for record in dump.records] == [
        "An efficient zerowidth wordjoiner model \u200c\u200e.",
        "Its abstract, here.",
        "A sum ab of f(x).",
    ]
    assert [str(p) for p in dump.problems] == [
        "d.txt:3: warning: the abstract of 'Title' holds characters that do not show as "
        "themselves: <U+00AD>, <U+200B>, <U+2060>, <U+FEFF>; they are left out of the abstract: "
        "remove them from the dump",
        "d.txt:7: warning: the abstract of 'Second' holds characters that do not show as "
        "themselves: <U+202E>, <U+202C>, <U+200B>; they are left out of the abstract: remove "
        "them from the dump",
        "d.txt:11: warning: the abstract of 'Third' holds characters that do not show as "
        "themselves: <U+2064>, <U+2061>; they are left out of the abstract: remove them from "
        "the dump",
    ]


@pytest.mark.parametrize(
    "title",
    [
        # Persian: ZWNJ
        "\u0645\u062f\u0644\u200c\u0647\u0627\u06cc \u0632\u0628\u0627\u0646\u06cc",
        "\u05e2\u05d9\u05d1\u05d5\u05d3 \u05e9\u05e4\u05d4\u200f (NLP)",  # Hebrew: RLM
        "Left \u200eto right",  # LRM
        "\u0646\u0645\u0627\u0630\u062c\u061c 2025",  # Arabic: ALM
        "\U0001f468\u200d\U0001f4bb Coding Agents",  # an emoji's ZWJ
        "Flags \U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # tags
    ],
)
def test_joiners_and_direction_marks_stay_in_a_title_silently(title: str) -> None:
    # Left out, a Persian word was misspelt and 👨‍💻 split in two, with a warning to remove them.
    dump = read_text(
        f"{title}\n\nIts abstract \u200f.\n", SourceFile(Path("d.txt"), "d.txt", "d.txt")
    )
    assert [(r.title, r.abstract) for r in dump.records] == [(title, "Its abstract \u200f.")]
    assert dump.problems == []


def test_a_title_of_a_joiner_only_is_skipped() -> None:
    dump = read_text("\u200d\u200b\n\nIts abstract.\n", SourceFile(Path("d.txt"), "d.txt", "d.txt"))
    assert dump.records == []
    assert [str(p) for p in dump.problems] == [
        "d.txt:1: title of characters that do not show, <U+200B>, <U+200D>, only; paper skipped"
    ]


def test_a_title_or_abstract_of_kept_format_characters_and_spaces_is_skipped() -> None:
    # Both were published blank: a joiner is kept in a title, and an abstract of characters left
    # out of it shows nothing either.
    text = "\u200d \u200d\n\nIts abstract.\n\nSecond\n\n\u200b\u200b\u2060\n"
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt"))
    assert dump.records == []
    assert [str(p) for p in dump.problems] == [
        "d.txt:1: title of characters that do not show, <U+200D>, only; paper skipped",
        "d.txt:7: the abstract of 'Second' is of characters that do not show, <U+200B>, "
        "<U+2060>, only; paper skipped",
    ]


@pytest.mark.parametrize(
    ("blank", "named"),
    [
        # Printable, so not caught as format characters were: each was published blank.
        ("\ufe0f", "<U+FE0F>"),  # a variation selector
        ("\U000e0100", "<U+E0100>"),
        ("\u3164", "<U+3164>"),  # the Hangul filler
        ("\u115f\u1160\uffa0", "<U+115F>, <U+1160>, <U+FFA0>"),
        ("\u2800", "<U+2800>"),  # the Braille pattern blank
        ("\u0301", "<U+0301>"),  # a combining accent on nothing
        ("\u20dd", "<U+20DD>"),  # an enclosing mark on nothing
        ("\ufe0f \u200d", "<U+FE0F>, <U+200D>"),
    ],
)
def test_a_title_or_abstract_of_blank_letters_or_lone_marks_is_skipped(
    blank: str, named: str
) -> None:
    text = f"{blank}\n\nIts abstract.\n\nSecond\n\n{blank}\n\nA\u0301 \u3164\n\nShown.\n"
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt"))
    # A mark on a letter shows (composed with it), and a filler beside it does no harm.
    assert [record.title for record in dump.records] == ["\u00c1 \u3164"]
    assert [str(p) for p in dump.problems] == [
        f"d.txt:1: title of characters that do not show, {named}, only; paper skipped",
        f"d.txt:7: the abstract of 'Second' is of characters that do not show, {named}, only; "
        "paper skipped",
    ]


_HEADER = (
    "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n"
    "byAK and the research community\n\n"
)
AFTER_CAPTURE_FIX = (
    "a page shows no date after its capture: check 'captured', or move papers pasted from a "
    "later page to a dump of their own"
)


def test_html_entities_are_read_as_their_characters_with_one_warning_at_the_first() -> None:
    # Kept as text, 'Can&#x27;t' made a paper of its own, id 'why-can-x27-t-...', shown as such.
    text = (
        "Plain Title\n\nR&D at AT&T; no entity.\n\n"
        "Why Can&#x27;t Models Count?\n\nEntities &amp; Tags, &#39;quoted&#39;, &notit;.\n\n"
        "Caf&eacute; &lt;Models&gt;\n\nAn abstract&nbsp;with a no-break space.\n"
    )
    dump = read_text(text, source("d.txt", None))
    assert [(record.title, record.abstract) for record in dump.records] == [
        ("Plain Title", "R&D at AT&T; no entity."),
        ("Why Can't Models Count?", "Entities & Tags, 'quoted', &notit;."),
        ("Caf\u00e9 <Models>", "An abstract with a no-break space."),
    ]
    assert [str(problem) for problem in dump.problems] == [
        "d.txt:5: warning: HTML entities ('&#x27;' here, and any on later lines) were read as "
        "the characters they stand for: is the dump a copy of the page's source? Copy the "
        "page's text from the browser instead"
    ]


def test_a_control_character_written_as_an_entity_is_replaced_with_a_warning() -> None:
    # html.unescape dropped '&#x1b;' (the page showed 'Escape[31mRed') and read '&#0;' as U+FFFD,
    # unsaid: the warning of a literal control character never saw them.
    text = "Escape&#x1b;[31mRed Title\n\nNul &#0;, surrogate &#xD800;, dash &#150;.\n"
    dump = read_text(text, source("d.txt", None))
    assert [(record.title, record.abstract) for record in dump.records] == [
        ("Escape\ufffd[31mRed Title", "Nul \ufffd, surrogate \ufffd, dash \u2013.")
    ]
    assert [str(problem) for problem in dump.problems] == [
        "d.txt:1: warning: control character written as an HTML entity, '&#x1b;': shown as "
        "U+FFFD; remove it from the dump",
        "d.txt:1: warning: HTML entities ('&#x1b;' here, and any on later lines) were read as "
        "the characters they stand for: is the dump a copy of the page's source? Copy the "
        "page's text from the browser instead",
        "d.txt:3: warning: HTML entities for no text, '&#0;' (a control character), '&#xD800;' "
        "(a surrogate): shown as U+FFFD; remove them from the dump",
    ]


@pytest.mark.parametrize(
    ("entity", "kind"),
    [
        ("&#xDFFF;", "a surrogate"),
        ("&#xFDD0;", "a noncharacter"),
        ("&#x110000;", "a number past Unicode"),
    ],
)
def test_an_entity_for_no_text_that_is_no_control_character_is_named_for_what_it_is(
    entity: str, kind: str
) -> None:
    # Each was called a control character.
    dump = read_text(f"Title\n\nAn {entity} abstract.\n", source("d.txt", None))
    assert str(dump.problems[0]) == (
        f"d.txt:3: warning: HTML entity for no text, '{entity}' ({kind}): shown as U+FFFD; "
        "remove it from the dump"
    )


def test_a_line_with_control_characters_literal_and_as_entities_is_one_warning() -> None:
    # Two warnings came for line 1, one from each check; then one naming only '\x1b'.
    dump = read_text("Escape\x1b and &#x1b; Title\n\nIts abstract.\n", source("d.txt", None))
    assert [str(problem) for problem in dump.problems] == [
        "d.txt:1: warning: control character '\\x1b', and control character written as an HTML "
        "entity, '&#x1b;': shown as U+FFFD; remove them from the dump",
        "d.txt:1: warning: HTML entities ('&#x1b;' here, and any on later lines) were read as "
        "the characters they stand for: is the dump a copy of the page's source? Copy the "
        "page's text from the browser instead",
    ]


def test_one_warning_names_literal_control_characters_and_entities_for_no_text() -> None:
    # It named only '\x1b': '&#x7;' and '&#xD800;', once named in a warning of their own, unsaid.
    text = "Title \x1b and &#x7; and &#xD800; end\n\nIts abstract.\n"
    dump = read_text(text, source("d.txt", None))
    assert [str(problem) for problem in dump.problems] == [
        "d.txt:1: warning: control character '\\x1b', and HTML entities for no text, '&#x7;' "
        "(a control character), '&#xD800;' (a surrogate): shown as U+FFFD; remove them from the "
        "dump",
        "d.txt:1: warning: HTML entities ('&#x7;' here, and any on later lines) were read as "
        "the characters they stand for: is the dump a copy of the page's source? Copy the "
        "page's text from the browser instead",
    ]


def test_control_characters_past_the_named_lines_are_told_at_the_first_line_holding_them() -> None:
    # The entity on line 11 is found after the literal one on line 13 (once the lines are read):
    # 'on this line' pointed at line 13, past the first line holding one.
    abstracts = ["Its abstract.", "Its abstract.", "Its &#x1b; abstract.", "Its abstract."]
    text = "".join(f"Title {n}\x1b\n\n{abstract}\n\n" for n, abstract in enumerate(abstracts))
    dump = read_text(text, source("d.txt", None))
    assert [str(problem) for problem in dump.problems][-1] == (
        "d.txt:11: warning: control characters on this line and 1 more line, as on the 3 lines "
        "named above: shown as U+FFFD; remove them from the dump"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Can&#x27;t Stop\nWrapped Lines\n\nAn abstract. It goes on.\n",
            "title 'Can't Stop Wrapped Lines' is wrapped over lines 5-6",
        ),
        (
            "Can&#x27;t Stop\nWrapped Lines\nThird Line\n\nNext Title\n\nIts abstract.\n",
            "paper 'Can't Stop Wrapped Lines' skipped",
        ),
        ("Can&#x27;t Stop\n", "title 'Can't Stop' has no abstract"),
    ],
    ids=["wrapped", "cannot-tell", "no-abstract"],
)
def test_a_title_is_named_with_its_entities_read_before_its_paper_is(
    text: str, message: str
) -> None:
    # Read only once its paper was, the title was named 'Can&#x27;t Stop ...'.
    dump = read_text(f"First Paper\n\nIts abstract.\n\n{text}", source("d.txt", None))
    assert any(message in problem.message for problem in dump.problems), dump.problems


def test_an_entity_left_once_entities_are_read_is_kept_with_a_warning() -> None:
    # 'Count&amp;amp;Sort' was read once, silently: 'Count&amp;Sort', id '...-count-amp-sort'.
    text = "Count&amp;amp;Sort\n\nIts abstract.\n\nTags &amp;lt;b&amp;gt;\n\nIts abstract.\n"
    dump = read_text(text, source("d.txt", None))
    assert [record.title for record in dump.records] == ["Count&amp;Sort", "Tags &lt;b&gt;"]
    assert [str(problem) for problem in dump.problems][1:] == [
        "d.txt:1: warning: HTML entity '&amp;' is left once this line's entities are read (as "
        "any on later lines): double-escaped? Kept as '&amp;', as a browser shows it; if so, "
        "write the character it stands for in the dump"
    ]


def test_decomposed_text_is_read_composed() -> None:
    # An NFD title (as macOS copies) was another string than its NFC copy: searches missed it.
    composed = "Caf\u00e9 R\u00e9sum\u00e9s, na\u00efvely"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    text = f"{decomposed}\n\nAn abstract about {decomposed}.\n"
    dump = read_text(text, source("d.txt", None))
    assert [(record.title, record.abstract) for record in dump.records] == [
        (composed, f"An abstract about {composed}.")
    ]
    assert dump.problems == []


def _page(page_date: str, *dates: str) -> str:
    """A spaced page dated ``page_date`` (line 11 when given) whose papers' meta dates, from line
    19 on, are ``dates``, one every eight lines."""
    head = _HEADER + (f"{page_date}\n\n" if page_date else "\n\n")
    papers = "".join(
        f"Paper {n}\n\nAbstract {n}.\n\n  • 2 authors\n·\n{when}\n\n"
        for n, when in enumerate(dates)
    )
    return head + papers


def test_a_year_less_date_after_the_capture_date_is_a_warning_saying_how_it_was_read() -> None:
    # The next day's papers pasted into the file: "Nov 28" was silently published in 2024.
    text = _page("Nov 27", "Nov 25 88", "Dec 1, 2023 40", "Nov 28 5")
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 11, 27), 2025))
    assert [r.published for r in dump.records] == [
        date(2025, 11, 25),
        date(2023, 12, 1),
        date(2024, 11, 28),
    ]
    assert [str(p) for p in dump.problems] == [
        "d.txt:35: warning: year-less date 'Nov 28 5' is after the dump's capture date, "
        f"2025-11-27 in sources.yaml: it was read as 2024-11-28; {AFTER_CAPTURE_FIX}"
    ]


def test_dates_with_runs_of_spaces_between_their_parts_read_as_with_one() -> None:
    # "Nov 25  31" (two spaces before the upvotes) was a malformed meta block: its paper skipped.
    spaced = ("Nov  20", "Sep 30  3", "Jan 26,  2025  1", "Nov  18 12")
    captured = SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 11, 20), 2025)
    dump = read_text(_page(*spaced), captured)
    single = read_text(_page(*(" ".join(when.split()) for when in spaced)), captured)
    assert dump.problems == single.problems == []
    assert dump.records == single.records
    assert [(r.published, r.upvotes) for r in dump.records] == [
        (date(2025, 9, 30), 3),
        (date(2025, 1, 26), 1),
        (date(2025, 11, 18), 12),
    ]


def test_dates_with_unicode_spaces_between_their_parts_read_as_with_one() -> None:
    # "Dec\u00a02", as browsers copy it, was a malformed meta block: its paper skipped.
    spaced = (
        "Nov\u00a020",
        "Sep\u00a030\u00a03",
        "Jan\u202f26,\u20092025\u30001",
        "Nov 18\u00a012",
    )
    captured = SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 11, 20), 2025)
    dump = read_text(_page(*spaced), captured)
    single = read_text(_page(*(" ".join(when.split()) for when in spaced)), captured)
    assert dump.problems == single.problems == []
    assert dump.records == single.records
    assert dump.page_day == (11, 20)
    assert [(r.published, r.upvotes) for r in dump.records] == [
        (date(2025, 9, 30), 3),
        (date(2025, 1, 26), 1),
        (date(2025, 11, 18), 12),
    ]


def test_a_date_not_read_is_an_error_showing_the_forms_read() -> None:
    captured = SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 11, 20), 2025)
    dump = read_text(_page("Nov 20", "Nov 18 12", "Sep 30 +3"), captured)
    assert [r.published for r in dump.records] == [date(2025, 11, 18)]
    assert [str(p) for p in dump.problems] == [
        "d.txt:27: malformed meta block: expected a date like 'May 22, 2024' or 'Nov 20', the "
        "upvotes after it if shown ('May 22, 2024 4', 'Nov 20 12'), got 'Sep 30 +3'; paper "
        "'Paper 1' skipped"
    ]


def test_feb_29_in_a_capture_year_without_one_is_a_warning_saying_how_it_was_read() -> None:
    # Read silently as 2024-02-29 before: no page captured in 2025 shows a Feb 29.
    text = _page("Mar 3", "Mar 2 8", "Feb 29 5")
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 3, 3), 2025))
    assert [r.published for r in dump.records] == [date(2025, 3, 2), date(2024, 2, 29)]
    assert [str(p) for p in dump.problems] == [
        "d.txt:27: warning: year-less date 'Feb 29 5' is not a date of 2025, the year of the "
        "dump's capture date (2025-03-03 in sources.yaml): it was read as 2024-02-29; check "
        "'captured'"
    ]


@pytest.mark.parametrize(
    ("page_date", "message"),
    [
        (
            "Nov 27",
            "d.txt:11: warning: page date 'Nov 27' differs from captured 2025-11-01 in "
            "sources.yaml: 'captured' is the day the page was copied, its date or the day after; "
            "correct it; year-less date 'Nov 25 88' (line 19) and 1 more are after 2025-11-01: "
            "they were read a year earlier, this one as 2024-11-25",
        ),
        (
            "",
            "d.txt:19: warning: year-less date 'Nov 25 88' and 1 more are after the dump's "
            "capture date, 2025-11-01 in sources.yaml: they were read a year earlier, this one as "
            "2024-11-25",
        ),
    ],
)
def test_year_less_dates_after_the_capture_date_are_one_warning_for_the_dump(
    page_date: str, message: str
) -> None:
    # A capture date weeks early re-dates a whole page to the year before: one warning says so,
    # in the page date's when the page has one, which comes ahead of the papers' problems.
    text = _page(page_date, "Nov 25 88", "Dec 1, 2023 40", "Nov 28 5") + "Cut Off Title\n"
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2025, 11, 1), 2025))
    assert [r.published for r in dump.records] == [
        date(2024, 11, 25),
        date(2023, 12, 1),
        date(2024, 11, 28),
    ]
    cut_off = "d.txt:37: title 'Cut Off Title' has no abstract (truncated dump?); paper skipped"
    warning = f"{message}; {AFTER_CAPTURE_FIX}"
    expected = [warning, cut_off] if page_date else [cut_off, warning]
    assert [str(p) for p in dump.problems] == expected


def test_page_date_disagreeing_with_capture_date_is_a_warning() -> None:
    dump = read_dump(source("spaced_small.txt", captured=date(2025, 11, 19)))
    assert [(p.line, p.severity) for p in dump.problems] == [(11, Severity.WARNING)]
    assert dump.problems[0].message == (
        "page date 'Nov 20' differs from captured 2025-11-19 in sources.yaml: 'captured' is the "
        "day the page was copied, its date or the day after; correct it"
    )


def test_a_page_captured_the_day_after_its_date_is_no_warning() -> None:
    # Copied where the day has turned before it has where the page is dated: a curator could
    # clear the warning only by entering a capture date that is not the day of the copy.
    dump = read_dump(source("spaced_small.txt", captured=date(2025, 11, 21)))
    assert dump.problems == []


@pytest.mark.parametrize(
    ("page_date", "read"),
    [
        # December 31's page, copied the day after: its year-less dates are of its own year.
        ("Dec 31", [date(2025, 12, 31), date(2025, 12, 30), date(2025, 1, 1)]),
        # January 1's page, or one whose date is not known: of the capture year, the later two
        # after the capture date read a year earlier and warned about.
        ("Jan 1", [date(2025, 12, 31), date(2025, 12, 30), date(2026, 1, 1)]),
        ("", [date(2025, 12, 31), date(2025, 12, 30), date(2026, 1, 1)]),
    ],
)
def test_a_december_31_page_copied_on_new_year_s_day_reads_year_less_dates_in_its_year(
    page_date: str, read: list[date]
) -> None:
    text = _page(page_date, "Dec 31", "Dec 30", "Jan 1")
    dump = read_text(text, SourceFile(Path("d.txt"), "d.txt", "d.txt", date(2026, 1, 1), 2026))
    assert [r.published for r in dump.records] == read
    assert bool(dump.problems) is (page_date != "Dec 31")


# --- property-based: random papers round-trip through either layout -------------------------

_META_LINE = re.compile(
    r"(?:^| · )(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2}(?:, +\d{4})?(?: +\d+)?$"
)
_words = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs"),
        # Nor the noncharacters U+FFFE and U+FFFF, no XML characters: the reader replaces them
        # with U+FFFD and warns, as it does control characters (characters.CONTROL).
        exclude_characters="\ufffe\uffff",
    ),
    min_size=1,
    max_size=12,
)
_line = (
    st.lists(_words, min_size=1, max_size=12)
    # Composed, as text is read: decomposed text is composed.
    .map(lambda words: unicodedata.normalize("NFC", " ".join(words)))
    # No HTML entity: it is read as the character it stands for.
    .filter(lambda text: not re.search(r"&[#\w]+;", text))
    .filter(lambda text: not any(text.startswith(p) for p in HEADER_PHRASES) and text != "·")
    # What reads as a meta block's line, alone or all three on one, is one: no text is that.
    .filter(lambda text: not text.startswith("•") and not _META_LINE.search(text))
)

# No title in the shipped dumps ends in a full stop: a line at a title's place that does, followed
# by one that reads like a title, is the end of an abstract split over two lines (dense layout).
# Nor holds a format character (a right-to-left override, a zero-width space): those are left out.
# Nor is it only marks (a lone U+0300): a title that shows nothing is refused, its paper skipped.
_title = _line.filter(
    lambda text: (
        not text.endswith(".")
        and all(unicodedata.category(c) != "Cf" for c in text)
        and not shows_nothing(text)
    )
)
# And abstracts end as finished text does: the file's last one that ends mid-sentence is cut off.
# Nor hold the format characters left out of them as out of titles (a zero-width space).
_abstract = _line.filter(lambda text: not HIDDEN.search(text)).map(lambda text: f"{text}.")


@st.composite
def records(draw: st.DrawFn, layout: Layout) -> list[Record]:
    count = draw(st.integers(min_value=1, max_value=6))
    result = []
    for _ in range(count):
        title, abstract = draw(_title), draw(_abstract)
        if layout is Layout.DENSE or not draw(st.booleans()):
            result.append(Record("dump.txt", 0, title, abstract))
            continue
        published = draw(st.dates(min_value=date(1990, 1, 1), max_value=CAPTURED))
        upvotes = draw(st.none() | st.integers(min_value=0, max_value=10_000))
        organization = draw(
            st.none() | st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", fullmatch=True)
        )
        authors = None if organization else draw(st.integers(min_value=1, max_value=500))
        result.append(
            Record(
                "dump.txt",
                0,
                title,
                abstract,
                authors=authors,
                organization=organization,
                published=published,
                upvotes=upvotes,
                upvotes_as_of=CAPTURED if upvotes is not None else None,
            )
        )
    return result


def _comparable(items: list[Record]) -> list[Record]:
    """The records with their line numbers zeroed: the writer does not know them."""
    return [dataclasses.replace(r, line=0, date_line=None) for r in items]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.sampled_from(Layout), data=st.data())
def test_random_papers_round_trip_through_either_layout(
    layout: Layout, data: st.DataObject
) -> None:
    papers = data.draw(records(layout))
    text = format_dump(papers, layout, page_date=CAPTURED)
    dump = read_text(text, SourceFile(Path("dump.txt"), "dump.txt", "dump.txt", CAPTURED, 2025))
    assert dump.problems == []
    assert dump.layout is layout
    assert _comparable(dump.records) == _comparable(papers)


# --- dense dumps whose lines stop alternating title, abstract ----------------------------------

SPLIT = (
    "so titles and abstracts stop alternating here: is the abstract before it split over two "
    "lines, or a line missing?"
)
AFTER_SPLIT = [
    "Fine-tune Language Models",
    "Unified Demonstration Retriever for In-Context Learning",
    "Gated Attention for Large Language Models",
]


def test_a_dense_abstract_split_over_two_lines_is_an_error_there_and_the_rest_read() -> None:
    # Each later abstract once read as a title and each title as the abstract before it.
    dump = read_dump(source("dense_split.txt"))
    assert [r.title for r in dump.records] == AFTER_SPLIT
    assert dump.records[1].abstract == "In-context learning is a new learning paradigm."
    assert [str(p) for p in dump.problems] == [
        f"{dump.display}:7: reads like abstract text, not a title (sentences ending in a full "
        f"stop), {SPLIT} Paper 'General Covariance Data Augmentation for Neural PDE Solvers' "
        "(line 5) is skipped and this line is not read"
    ]
    assert dump.skipped_titles == ["General Covariance Data Augmentation for Neural PDE Solvers"]
    assert dump.read == 4


def _dense(*lines: str) -> str:
    return "\n".join(["Daily Papers", "Subscribe", *lines]) + "\n"


TITLE_LIKE = (
    "read as its abstract but like a title, are skipped and this line is not read: if '{}' is a "
    "title, line 5 is the end of the abstract above it, split over two lines, or a title whose "
    "abstract is missing"
)


FIRST = ("Fine-tune Language Models", "In-context learning is an emergent ability.")
LAST = ("Gated Attention for Large Language Models", "Gating mechanisms help, again.")
LONG = "Our method " + "scales well, " * 30 + "and ends here."


@pytest.mark.parametrize(
    ("middle", "line", "why", "lost"),
    [
        # The rest of the abstract is one sentence: a title may end in a full stop, but this one
        # has a title after it.
        (
            ["Second Paper", "It starts here.", "It ends here.", "Third Paper", "Third."],
            7,
            "a sentence ending in a full stop, and a title after it",
            "Paper 'Second Paper' (line 5) is skipped and this line is not read",
        ),
        # Longer than any title, though not a sentence.
        (
            ["Second Paper", "It starts here", LONG[:-1], "Third Paper", "Third."],
            7,
            f"{len(LONG) - 1} characters, longer than any title, and a title after it",
            "Paper 'Second Paper' (line 5) and 'It starts here' (line 6), "
            + TITLE_LIKE.format("It starts here"),
        ),
        # Split in three: one error for the run.
        (
            ["Second Paper", "It starts.", "It goes on. " + LONG, "More.", "Third Paper", "3."],
            7,
            "sentences ending in a full stop",
            "Paper 'Second Paper' (line 5) is skipped and lines 7-8 are not read",
        ),
    ],
    ids=["one-sentence", "long", "three-lines"],
)
def test_a_dense_line_breaking_the_alternation_skips_the_paper_before_it(
    middle: list[str], line: int, why: str, lost: str
) -> None:
    dump = read_text(_dense(*FIRST, *middle, *LAST), source("split.txt"))
    assert [r.title for r in dump.records] == [FIRST[0], "Third Paper", LAST[0]]
    assert [str(p) for p in dump.problems] == [
        f"split.txt:{line}: reads like abstract text, not a title ({why}), {SPLIT} {lost}"
    ]


@pytest.mark.parametrize(
    ("fifth", "sixth"),
    [
        # A title without its abstract, then a title: the second was lost, never named.
        ("Dense NoAbs Two", "Dense NoAbs Three"),
        # An abstract split before its last, title-like, line: that line was named as a paper,
        # the title after it not at all, and nothing said where the split was.
        ("https://github.com/lab/repo", "Dense Title After A Split"),
    ],
    ids=["title-without-abstract", "split-before-a-title-like-line"],
)
def test_a_dense_break_after_two_title_like_lines_names_both(fifth: str, sixth: str) -> None:
    middle = (fifth, sixth, "Its abstract. It goes on.")
    dump = read_text(_dense(*FIRST, *middle, *LAST), source("split.txt"))
    assert [r.title for r in dump.records] == [FIRST[0], LAST[0]]
    assert [str(p) for p in dump.problems] == [
        "split.txt:7: reads like abstract text, not a title (sentences ending in a full stop), "
        f"{SPLIT} Paper '{fifth}' (line 5) and '{sixth}' (line 6), {TITLE_LIKE.format(sixth)}"
    ]
    assert sorted(dump.skipped_titles) == sorted([fifth, sixth])


def test_a_dense_sentence_at_a_titles_place_is_a_title_only_when_an_abstract_follows() -> None:
    # At the end of the file, nothing follows it.
    dump = read_text(_dense(*FIRST, *LAST, "Its last sentence."), source("split.txt"))
    assert [r.title for r in dump.records] == [FIRST[0]]
    assert [str(p) for p in dump.problems] == [
        "split.txt:7: reads like abstract text, not a title (a sentence ending in a full stop), "
        f"{SPLIT} Paper '{LAST[0]}' (line 5) is skipped and this line is not read"
    ]
    # An abstract after it: a title, however rare a full stop ends one, or however long it is.
    for title in ("A Study of Everything, Etc.", "A Study " + "of Everything " * 30):
        titled = (title, "We study everything. It goes well.")
        dump = read_text(_dense(*FIRST, *titled, *LAST), source("split.txt"))
        assert dump.problems == []
        assert [r.title for r in dump.records] == [FIRST[0], title.strip(), LAST[0]]


# --- spaced dumps whose paragraphs lost a blank line -------------------------------------------


def test_spaced_lines_without_their_blank_line_are_read_as_meant_with_a_warning() -> None:
    # A title glued to its abstract was once two "meta block with no paper before it" errors,
    # and the paper lost without its title named.
    dump = read_dump(source("spaced_glued.txt"))
    assert [(r.line, r.title, r.abstract, r.authors, r.organization) for r in dump.records] == [
        (5, "Gated Attention for Large Language Models", "Gating mechanisms help.", 13, None),
        (
            13,
            "Pretraining with Hierarchical Memories",
            "Small models fetch memory blocks from a bank.",
            None,
            "Apple",
        ),
        (20, "Counting With Transformers", "We count.", 2, None),
        (27, "A Paper Without Its Blank Lines", "Its abstract.", 3, None),
    ]
    assert dump.records[3].upvotes == 7
    add = "read as such; add the blank line"
    assert [str(p) for p in dump.problems] == [
        f"{dump.display}:13: warning: no blank line between title 'Pretraining with "
        f"Hierarchical Memories' and its abstract: {add}",
        f"{dump.display}:22: warning: no blank line between the abstract of 'Counting With "
        f"Transformers' and its meta block: {add}",
        f"{dump.display}:27: warning: no blank line between title 'A Paper Without Its Blank "
        f"Lines' and its abstract, and its meta block: {add}",
    ]


@pytest.mark.parametrize(
    ("glued", "line", "message"),
    [
        # An abstract in two lines, or an abstract and the next title: which cannot be told.
        (
            "Second Paper\n\nIts abstract,\nwrapped.\n\n  • 2 authors\n·\nMay 12, 2025",
            11,
            "lines 11-12 have no blank lines between them, so which is a title and which an "
            "abstract cannot be told; paper 'Second Paper' skipped: separate them with blank "
            "lines",
        ),
        (
            "Second Paper\n  • 2 authors\n·\nMay 12, 2025",
            9,
            "title 'Second Paper' has no abstract (truncated dump?); paper skipped",
        ),
    ],
    ids=["three-lines", "title-and-meta"],
)
def test_spaced_lines_without_blank_lines_that_cannot_be_told_apart_name_the_paper(
    glued: str, line: int, message: str
) -> None:
    text = f"First Paper\n\nIts abstract.\n\n  • 1 author\n·\nMay 11, 2025\n\n{glued}\n\n"
    text += "Third Paper\n\nIts abstract.\n"
    dump = read_text(text, source("glued.txt"))
    assert [r.title for r in dump.records] == ["First Paper", "Third Paper"]
    assert [str(p) for p in dump.problems] == [f"glued.txt:{line}: {message}"]
    assert dump.skipped_titles == ["Second Paper"]


WRAPPED = "Wrapped Title Paper That Is Quite Long And"


@pytest.mark.parametrize(
    ("after", "titles", "message"),
    [
        # Its abstract after it: one title in two lines. Read as a title and its abstract, the
        # real abstract was said to lack its title, and adding one made it worse.
        (
            "\n\nIts abstract. It is long.\n\n  • 3 authors\n·\nMay 12, 2025",
            [f"{WRAPPED} Continues On A Second Line"],
            "glued.txt:9: warning: title 'Wrapped Title Paper That Is Quite Long And Continues On "
            "A S…' is wrapped over lines 9-10: joined as one title, as abstract text follows it; "
            "join its lines in the dump",
        ),
        # Its meta block after it: a title and its abstract, however much that reads like a title.
        (
            "\n  • 3 authors\n·\nMay 12, 2025",
            [WRAPPED],
            f"glued.txt:9: warning: no blank line between title '{WRAPPED}' and its abstract, and "
            "its meta block: read as such; add the blank line",
        ),
        (
            "",
            [WRAPPED],
            f"glued.txt:9: warning: no blank line between title '{WRAPPED}' and its abstract: "
            "read as such; add the blank line",
        ),
        # Over three lines: lines 10-11 were said to lack blank lines, and the abstract its title.
        (
            "\nAnd A Third\n\nIts abstract. It is long.\n\n  • 3 authors\n·\nMay 12, 2025",
            [f"{WRAPPED} Continues On A Second Line And A Third"],
            "glued.txt:9: warning: title 'Wrapped Title Paper That Is Quite Long And Continues On "
            "A S…' is wrapped over lines 9-11: joined as one title, as abstract text follows it; "
            "join its lines in the dump",
        ),
        # Anything else after three: which line ends the title cannot be told, the paper skipped.
        (
            "\nAnd A Third",
            [],
            "glued.txt:9: lines 9-11 have no blank lines between them, so which is a title and "
            "which an abstract cannot be told; paper 'Wrapped Title Paper That Is Quite Long And "
            "Continues On A S…' skipped: separate them with blank lines",
        ),
        (
            "\nAnd A Third\n  • 3 authors\n·\nMay 12, 2025",
            [],
            "glued.txt:9: lines 9-11 have no blank lines between them, so which is a title and "
            f"which an abstract cannot be told; paper '{WRAPPED}' skipped: separate them with "
            "blank lines",
        ),
    ],
    ids=[
        "abstract-after",
        "meta-after",
        "title-after",
        "three-abstract-after",
        "three-title-after",
        "three-meta-after",
    ],
)
def test_a_spaced_title_wrapped_over_lines_is_joined_when_its_abstract_follows(
    after: str, titles: list[str], message: str
) -> None:
    text = f"First Paper\n\nIts abstract.\n\n  • 1 author\n·\nMay 11, 2025\n\n{WRAPPED}\n"
    text += f"Continues On A Second Line{after}\n\nThird Paper\n\nIts abstract.\n"
    dump = read_text(text, source("glued.txt"))
    assert [r.title for r in dump.records] == ["First Paper", *titles, "Third Paper"]
    assert [str(p) for p in dump.problems] == [message]


# --- spaced meta blocks out of shape -----------------------------------------------------------

ONE_LINE_META = "  • 4 authors · Nov 18 12"
GATED = "Gated Recurrent Units Revisited for Long Context"
SPARSE = "Sparse Attention at Scale"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (ONE_LINE_META, ", each on a line of its own"),
        ("apple Apple · Nov 18, 2025", ", each on a line of its own"),
        ("  • 4 authors", ""),
        ("Nov 18 12", ""),
    ],
    ids=["one-line", "one-line-organisation", "authors-alone", "date-alone"],
)
def test_a_spaced_meta_block_out_of_shape_skips_its_paper_at_its_line(
    meta: str, expected: str
) -> None:
    # A meta block on one line was read as the next paper's title, every line after it shifted:
    # the block published as a title, the next title as its abstract, and that paper's abstract
    # reported 4 lines on as a title without an abstract.
    text = (DATA / "spaced_meta_one_line.txt").read_text(encoding="utf-8")
    dump = read_text(text.replace(ONE_LINE_META, meta), source("dump.txt"))
    assert [(r.line, r.title, r.authors) for r in dump.records] == [(13, SPARSE, 3)]
    assert [str(p) for p in dump.problems] == [
        "dump.txt:11: malformed meta block: expected '• N authors' or an organisation, then '·', "
        f"then a date{expected}; paper '{GATED}' skipped"
    ]
    assert dump.read == 2
    assert dump.skipped_titles == [GATED]


def test_a_spaced_meta_block_split_by_blank_lines_is_read_as_one_with_a_warning() -> None:
    text = (DATA / "spaced_meta_one_line.txt").read_text(encoding="utf-8")
    dump = read_text(
        text.replace(ONE_LINE_META, "  • 4 authors\n\n·\n\nNov 18 12"), source("d.txt")
    )
    assert [(r.line, r.title, r.authors, r.upvotes) for r in dump.records] == [
        (7, GATED, 4, 12),
        (17, SPARSE, 3, 7),
    ]
    assert [str(p) for p in dump.problems] == [
        "d.txt:11: warning: blank lines between the lines of a meta block (lines 11-15): read as "
        "one block; remove the blank lines"
    ]


@pytest.mark.parametrize("who", ["  * 4 authors", "- 4 authors", "· 4 authors", "4 authors"])
def test_an_authors_line_with_another_bullet_is_the_number_of_authors(who: str) -> None:
    # '  * 4 authors' was read as an organisation named '4 authors', published as such.
    text = (DATA / "spaced_meta_one_line.txt").read_text(encoding="utf-8")
    dump = read_text(text.replace(ONE_LINE_META, f"{who}\n·\nNov 18 12"), source("d.txt"))
    assert [(r.title, r.authors, r.organization) for r in dump.records] == [
        (GATED, 4, None),
        (SPARSE, 3, None),
    ]
    assert dump.problems == []


def test_html_entities_in_a_meta_block_are_read_as_their_characters() -> None:
    # 'Meta &amp; Co' was published as such, and 'Nov&nbsp;18' skipped its paper as malformed.
    text = (DATA / "spaced_meta_one_line.txt").read_text(encoding="utf-8")
    meta = "meta-llama Meta &amp; Co\n·\nNov&nbsp;18 12"
    dump = read_text(text.replace(ONE_LINE_META, meta), source("d.txt"))
    assert [(r.title, r.organization, r.published, r.upvotes) for r in dump.records] == [
        (GATED, "Meta & Co", date(2025, 11, 18), 12),
        (SPARSE, None, date(2025, 11, 19), 7),
    ]
    assert [str(p) for p in dump.problems] == [
        "d.txt:11: warning: HTML entities ('&amp;' here, and any on later lines) were read as "
        "the characters they stand for: is the dump a copy of the page's source? Copy the "
        "page's text from the browser instead"
    ]


def test_a_page_date_pasted_among_spaced_papers_is_not_read_as_a_title() -> None:
    # "Nov 21" at a title's place was a paper, the next title its abstract, and the next abstract
    # a title without an abstract: two papers lost and a made-up one published.
    dump = read_dump(source("spaced_page_date_pasted.txt"))
    assert [(r.line, r.title, r.published) for r in dump.records] == [
        (7, GATED, date(2025, 11, 18)),
        (17, SPARSE, date(2025, 11, 19)),
    ]
    assert [str(p) for p in dump.problems] == [
        f"{dump.display}:15: warning: date 'Nov 21' alone where a title should be: the date of "
        "another captured page, pasted in with its papers? It is not read, and the papers after "
        "it are; split the file so that each page has its own capture date in sources.yaml",
    ]


UNKNOWN_LAYOUT = (
    "before a title: a page layout papersite does not read (upvotes and submitter above each "
    "paper); file skipped: copy each paper as its title, its abstract, then '• N authors', '·' "
    "and its date"
)


def test_a_dump_with_upvotes_and_submitter_above_each_title_is_refused_at_the_first() -> None:
    # Each '13' was a paper whose abstract was 'Submitted by', each 'akhaliq' one whose abstract
    # was the title, merged as duplicates, and every real abstract said to lack its title.
    dump = read_dump(source("submitted_by.txt"))
    assert (dump.records, dump.unread) == ([], True)
    assert [str(p) for p in dump.problems] == [
        f"{dump.display}:13: '13' and 'Submitted by' on lines of their own {UNKNOWN_LAYOUT}"
    ]
    # Without the count, and with the submitter on the same line, in a dense dump.
    text = _dense(*FIRST, "Submitted by akhaliq", *LAST)
    with pytest.raises(PapersiteError) as raised:
        read_text(text, source("d.txt"))
    assert (
        str(raised.value)
        == f"d.txt:5: 'Submitted by akhaliq' on a line of its own {UNKNOWN_LAYOUT}"
    )


@pytest.mark.parametrize(
    ("submitter", "shown"),
    [
        # A display name with a space: '13' was published as a paper titled '13'.
        (
            "13\n\nSubmitted by Hugging Face",
            "'13' and 'Submitted by Hugging Face' on lines of their own",
        ),
        # A colon: the next paper was skipped as reading like abstract text.
        ("Submitted by: akhaliq", "'Submitted by: akhaliq' on a line of its own"),
        # No count: the handle alone on the next line, and a title after it, are the layout's.
        ("Submitted by\n\nakhaliq", "'Submitted by' on a line of its own"),
        # Below a count, any submitter: these published '13' as a paper, without a word.
        (
            "13\n\nSubmitted by Jean Paul de Rossi",
            "'13' and 'Submitted by Jean Paul de Rossi' on lines of their own",
        ),
        ("13\n\nSubmitted by J. Smith", "'13' and 'Submitted by J. Smith' on lines of their own"),
        (
            "13\n\nSubmitted by akhaliq (AK)",
            "'13' and 'Submitted by akhaliq (AK)' on lines of their own",
        ),
        # Spaces other than one: the same.
        ("Submitted  by akhaliq", "'Submitted  by akhaliq' on a line of its own"),
        # A no-break space is shown escaped, as messages show one.
        ("Submitted\u00a0by akhaliq", "'Submitted\\xa0by akhaliq' on a line of its own"),
        # No count, a name of several words and a title below: 'Submitted by Hugging Face' was
        # read as a title, the title below it as its abstract, the real paper lost.
        ("Submitted by Hugging Face", "'Submitted by Hugging Face' on a line of its own"),
        (
            "Submitted by: Jean Paul de Rossi",
            "'Submitted by: Jean Paul de Rossi' on a line of its own",
        ),
        # Below a count, 'by' glued to the handle, as copied page text loses the space.
        ("13\n\nSubmitted byakhaliq", "'13' and 'Submitted byakhaliq' on lines of their own"),
    ],
    ids=[
        "display-name",
        "colon",
        "handle-below",
        "long-name",
        "initials",
        "name-after",
        "two-spaces",
        "nbsp",
        "display-name-no-count",
        "long-name-no-count",
        "glued-by",
    ],
)
def test_a_short_submitter_line_refuses_the_dump(submitter: str, shown: str) -> None:
    text = f"{submitter}\n\n{FIRST[0]}\n\n{FIRST[1]}\n"
    with pytest.raises(PapersiteError) as raised:
        read_text(text, source("d.txt"))
    assert str(raised.value) == f"d.txt:1: {shown} {UNKNOWN_LAYOUT}"


def test_submitters_of_several_words_with_no_count_refuse_the_dump() -> None:
    # Three nonsense records and no problem: each 'Submitted by' line was a title, the title
    # below it its abstract, and each abstract the next paper's title.
    text = "\n\n".join(
        ["Submitted by Jean Paul de Rossi", *FIRST, "Submitted by Hugging Face", *LAST]
    )
    with pytest.raises(PapersiteError) as raised:
        read_text(text + "\n", source("d.txt"))
    assert str(raised.value) == (
        f"d.txt:1: 'Submitted by Jean Paul de Rossi' on a line of its own {UNKNOWN_LAYOUT}"
    )


@pytest.mark.parametrize(
    "paper",
    [
        # A title: the whole dump was refused as the upvotes-and-submitter layout.
        (
            "Submitted by Humans: Detecting LLM-Written Peer Reviews",
            "Reviews written by models are flagged.",
        ),
        # An abstract: refused the same way.
        (
            "Peer Reviews at Scale",
            "Submitted by reviewers to a large venue, 10,000 reviews were analysed; most agree.",
        ),
        # Short titles, shaped as a submitter's line: with no count above them, nor a handle and
        # a title below them, they are titles; the whole dump was refused, every paper lost.
        ("Submitted By Mistake", "Papers sent to the wrong venue are studied."),
        ("Submitted by Robots", "Agents that submit papers are studied."),
        ("Submitted by", "A title of two words is studied."),
        # Of any length: its abstract below it tells it from a submitter.
        (
            "Submitted by Many Hands Across the World",
            "Papers with many authors are studied.",
        ),
    ],
    ids=[
        "title",
        "abstract",
        "title-of-three-words",
        "title-of-one-handle",
        "title-alone",
        "title-of-many-words",
    ],
)
def test_a_paper_whose_text_starts_submitted_by_is_read(paper: tuple[str, str]) -> None:
    dump = read_text(_dense(*FIRST, *paper, *LAST), source("d.txt"))
    assert [(r.title, r.abstract) for r in dump.records] == [FIRST, paper, LAST]
    assert (dump.problems, dump.unread) == ([], False)


# --- dumps cut off in their last paper ---------------------------------------------------------

CUT = "the file looks cut off here"
COPY = "copy the rest of the page into the dump"


def test_a_spaced_dump_cut_in_its_last_meta_block_keeps_the_paper_with_a_warning() -> None:
    # '  • 6 aut' was read as a title without an abstract, the paper before it kept unsaid.
    dump = read_dump(source("spaced_cut.txt"))
    assert [(r.title, r.abstract, r.authors, r.published) for r in dump.records] == [
        ("A Complete Paper", "Its abstract.", 2, date(2025, 5, 10)),
        ("The Last Paper On The Page", "Its abstract, whole.", None, None),
    ]
    assert [str(p) for p in dump.problems] == [
        f"{dump.display}:17: warning: {CUT}, in the meta block of 'The Last Paper On The Page': "
        f"the paper is kept without its authors and date; {COPY}"
    ]


@pytest.mark.parametrize(
    ("tail", "who"),
    [
        ("  • 6 authors\n·", {"authors": 6}),
        ("  • 6 authors\n·\nNov", {"authors": 6}),
        ("apple Apple\n·\nMay 22, 20", {"organization": "Apple"}),
        ("  • 6 authors\n·\nNov 28,", {"authors": 6}),
    ],
)
def test_a_spaced_dump_cut_in_its_last_date_keeps_the_authors(
    tail: str, who: dict[str, object]
) -> None:
    text = "First Paper\n\nIts abstract.\n\n  • 1 author\n·\nMay 11, 2025\n\nLast Paper\n\n"
    dump = read_text(f"{text}Its abstract.\n\n{tail}", source("cut.txt"))
    last = dump.records[-1]
    assert (last.title, last.published, last.upvotes) == ("Last Paper", None, None)
    assert {k: v for k, v in dataclasses.asdict(last).items() if k in who and v} == who
    assert [(p.line, p.severity, p.message) for p in dump.problems] == [
        (
            len(text.splitlines()) + 3 + tail.count("\n"),
            Severity.WARNING,
            f"{CUT}, in the meta block of 'Last Paper': the paper is kept without its date; {COPY}",
        )
    ]


@pytest.mark.parametrize(
    ("name", "line", "authors"),
    [("spaced_small.txt", 31, " and no authors or date follow it"), ("dense_small.txt", 6, "")],
)
def test_a_dumps_last_abstract_cut_mid_sentence_is_kept_with_a_warning(
    name: str, line: int, authors: str
) -> None:
    whole = (DATA / name).read_text(encoding="utf-8")
    text = whole[: whole.rindex(" ")]  # cut inside the last abstract's last word
    dump = read_text(text, source(name))
    clean = read_dump(source(name))
    assert [r.title for r in dump.records] == [r.title for r in clean.records]
    last = dump.records[-1]
    assert [str(p) for p in dump.problems] == [
        f"{name}:{line}: warning: {CUT}: the abstract of '{last.title}' ends mid-sentence "
        f"('…{last.abstract[-30:]}'){authors}; the paper is kept as read: {COPY}"
    ]
    # A last abstract that ends in a link or a full stop is whole.
    for end in (" https://github.com/lab/repo", " see lab.github.io", "."):
        assert read_text(text + end, source(name)).problems == []
