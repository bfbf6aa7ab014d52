from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st

from papersite.characters import CONTROL
from papersite.markup import (
    clean_text,
    escape_gfm,
    escape_html,
    escape_markdown,
    escape_url,
    located_note_problems,
    note_problems,
    render_note,
    safe_url,
    shown_length,
    unlisted_items,
)


def test_escape_html_keeps_every_character_visible() -> None:
    assert escape_html("a<b & \"c\" 'd'") == "a&lt;b &amp; &quot;c&quot; &#x27;d&#x27;"


def test_escape_markdown_escapes_every_special_markdown_acts_on() -> None:
    assert escape_markdown("w_{min} *x* | #1 [a](b) <i>") == (
        r"w\_\{min\} \*x\* \| \#1 \[a\]\(b\) &lt;i&gt;"
    )


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        # Under a line of text, "===" or "---" makes it a heading; "#", "+", "-" and "1." start
        # a heading or a list.
        ("=== x", "\\=== x"),
        ("--- x", "\\--- x"),
        ("# x", "\\# x"),
        ("+ x", "\\+ x"),
        ("3) x", "3\\) x"),
        # Elsewhere in the line they are text.
        ("a = b - c + 1. #2", "a = b - c + 1. #2"),
    ],
)
def test_escape_gfm_escapes_what_would_start_a_block(text: str, escaped: str) -> None:
    assert escape_gfm(text) == escaped


def test_control_characters_never_reach_a_page() -> None:
    # STX/ETX would let text pose as Python-Markdown's placeholders.
    assert clean_text("a\x02wzxhzdk:0\x03b\tc") == "a\ufffdwzxhzdk:0\ufffdb\tc"


@given(st.text())
def test_clean_text_replaces_exactly_the_control_characters(text: str) -> None:
    # Its fast path for printable text must never let one through.
    assert clean_text(text) == CONTROL.sub("\ufffd", text)


@pytest.mark.parametrize("character", [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]])
def test_every_c0_and_c1_control_but_tab_newline_and_return_is_replaced(character: str) -> None:
    expected = character if character in "\t\n\r" else "\ufffd"
    assert clean_text(f"a{character}b") == f"a{expected}b"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html,<script>",
        "vbscript:msgbox",
        "//evil.example/x",
    ],
)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=c", "http://x.org", "mailto:a@b.org", "../papers/x/", "#top"]
)
def test_safe_urls_pass(url: str) -> None:
    assert safe_url(url) == url


def test_escape_url_encodes_quotes_and_spaces() -> None:
    assert escape_url('https://x.org/a b"c<d>') == "https://x.org/a%20b%22c%3Cd%3E"


def test_notes_are_markdown_without_raw_html_or_script_links() -> None:
    html = render_note(
        "Read **this**. <script>alert(1)</script> <b>x</b> "
        "[bad](javascript:alert(1)) [also bad](&#106;avascript:x) [good](https://example.org)"
    )
    assert html == (
        "<p>Read <strong>this</strong>. &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt; "
        'bad also bad <a href="https://example.org">good</a></p>'
    )


def test_an_unsafe_link_shows_its_text_plain_as_one_without_an_address_does() -> None:
    # An <a> without href would read as a link that leads nowhere.
    assert render_note("Run [x](javascript:1) now") == render_note("Run [x]() now")
    assert render_note("Run [x](javascript:1) now") == "<p>Run x now</p>"
    assert note_problems("[x](javascript:1)") == (
        "link 'javascript:1' is dropped: only an https://, http://, mailto: or "
        "relative address is linked",
    )
    # An image inside it keeps its own link, as inside a link with no address.
    assert render_note("[![img](x.png)](javascript:x)") == render_note("[![img](x.png)]()")
    assert render_note("[![img](x.png)](javascript:x)") == '<p><a href="x.png">img</a></p>'
    assert note_problems("[![img](x.png)](javascript:x)")[1:] == (
        "link 'javascript:x' is dropped: only an https://, http://, mailto: or "
        "relative address is linked",
    )


@pytest.mark.parametrize(
    ("note", "said"),
    [
        # Made safe without a word before: a curator saw nothing until the page was published.
        ("A <em>raw</em> tag", ["raw HTML '<em>'"]),
        ("<div>\nblock\n</div>", ["raw HTML '<div>'"]),
        ("<!-- todo -->", ["raw HTML '<!--'"]),
        # Each link is told of, not the first alone.
        (
            "[js](javascript:alert(1)) and ![i](data:image/png,x)",
            ["link 'javascript:alert(1)'", "image 'data:image/png,x'"],
        ),
        # An unsafe image inside a link went without a word: only the link's was told.
        (
            "[![](javascript:1)](https://ok.com) [![a](data:x)](https://ok.org)",
            ["link 'https://ok.com'", "image 'javascript:1'", "image 'data:x'"],
        ),
        ("<b>x</b> [js](javascript:x)", ["raw HTML '<b>'", "link 'javascript:x'"]),
        ("# Big heading\n\nText", ["heading 'Big heading'"]),
        ("Text\n---", ["heading 'Text'"]),
        ("#\n\nText", ["an empty heading (a line of '#' alone)"]),
        # One that shows nothing is as empty: "heading '\u200b' shows as bold text" was said.
        ("# &#8203;\n\nText", ["an empty heading (a line of '#' alone)"]),
        ("# \u200b\n\nText", ["an empty heading (a line of '#' alone)"]),
        # Its text as shown: an entity in it was quoted as Python-Markdown's placeholder.
        ("# Tom &amp; Jerry", ["heading 'Tom & Jerry'"]),
        ("![i](https://e.com/i.png)", ["image 'https://e.com/i.png'"]),
        ("See [](https://e.com/).", ["link 'https://e.com/'"]),
        ("# [](https://e.com/)", ["heading 'https://e.com/'", "link 'https://e.com/'"]),
        # Text that only looks blank is none; an address that is blank is none either.
        (
            "See [\u3164](https://e.com/) [&#8203;](https://e.com/z)",
            ["link 'https://e.com/'", "link 'https://e.com/z'"],
        ),
        (
            "See [ ](<>).",
            [
                "a link with neither text nor address is left out: give it both, as [text](https://…)"
            ],
        ),
        ("Read [the paper]().", ["link 'the paper'"]),
        # A heading its link left empty: the link is what to mend, not the '#'.
        (
            "## [](<>)",
            [
                "a link with neither text nor address is left out: give it both, as [text](https://…)"
            ],
        ),
        ("# [](javascript:alert(1))", ["link 'javascript:alert(1)'"]),
        # Written to show as code, or not HTML at all: nothing to say.
        ("`<div>` and\n\n```\n<b>code</b>\n```\n\n    <i>indented</i>", []),
        ("a < b, x<y and <https://example.org>; [rel](../other/), [m](mailto:a@b.c)", []),
    ],
)
def test_note_problems_name_what_rendering_changes(note: str, said: list[str]) -> None:
    problems = note_problems(note)
    assert [
        p.split(" shows")[0].split(" is dropped")[0].split(" reads")[0] for p in problems
    ] == said


@pytest.mark.parametrize(
    ("text", "unlisted"),
    [
        # Straight under a line of text: the paragraph goes on, dashes, stars and numbers showing.
        (
            "Key points:\n- fewer *bits* & less\n- more data",
            ["- fewer *bits* & less", "- more data"],
        ),
        ("Then:\n* one\n+ two", ["* one", "+ two"]),
        ("Steps:\n1. one\n2. two", ["1. one", "2. two"]),
        ("Items:\n-\tone", ["-\tone"]),
        # What a '>' block makes of a blank line before a list: a single newline.
        ("It covers:\n- LSTMs", ["- LSTMs"]),
        # Lists as Markdown wants them, and what only looks like one.
        ("Key points:\n\n- a list\n- of two\n  wrapped", []),
        ("# Heading\n- a list", []),
        ("- a list\nwrapped\n- on", []),
        ("```\ncode:\n- not a list\n```", []),
        ("A dash, and\n\n    indented code:\n    - not a list", []),
        ("when we add\n\\- 3 as a bias, escaped", []),
        ("a year at a line's start, in\n2023. We", []),
        # Numbered from 3: after a colon, or with an item below it, a list is meant; with the
        # blank line one renders, from 3.
        ("Read:\n3. this", ["3. this"]),
        ("See also\n3. this\n4. that", ["3. this", "4. that"]),
        # A quote's text goes on, lazily, on lines without '>': the list is in its paragraph.
        ("> quoted\nlazily\n- item", ["- item"]),
        ("> quoted\n- item\n- two", ["- item", "- two"]),
        ("> - a quoted list\n- goes on", []),
        ("> quoted\n\n- a list", []),
        # Only a line that ends it ends the paragraph: the list goes on under it, or after it.
        ("Text\n## Heading\ntext\n- one", ["- one"]),
        ("Text\nmore\n--\n- one", ["- one"]),
        ("Text\n    ---\n- one", ["- one"]),
        ("> > quoted\n- item", ["- item"]),
    ],
)
def test_list_items_straight_under_text_are_found_as_written(
    text: str, unlisted: list[str]
) -> None:
    assert unlisted_items(text) == unlisted
    if unlisted:
        # As rendered: no list; with the blank line the message asks for, a list.
        first = text.index(unlisted[0])
        assert "<li>" not in render_note(text)
        assert "<li>" in render_note(text[:first] + "\n" + text[first:])


@pytest.mark.parametrize(
    "text",
    [
        # A heading, a rule or a setext underline ends the paragraph: a list may start below it.
        "Intro text\n## Heading\n- one",
        "Attention:\n# comment-looking\n2. one\n3. two",
        "Title\n---\n- one",
        "Title\n=\n- one",
        "Text\n***\n- one",
        "Text\n  _ _ _\n- one",
        # A bare '>' is a blank line in the quote, and a '>' under text starts a quote.
        "> A quote\n>\n- one",
        "> A quote\n>>\n- one",
        "Text\n> - a\n- b",
    ],
)
def test_a_list_under_a_heading_a_rule_or_in_a_quote_is_not_found(text: str) -> None:
    assert unlisted_items(text) == []
    assert "<li>" in render_note(text)


def test_a_rule_of_spaced_dashes_is_no_item() -> None:
    assert unlisted_items("Text\n- - -") == []
    assert render_note("Text\n- - -") == "<p>Text</p>\n<hr>"


def test_the_list_warning_quotes_the_item_and_says_how_to_write_a_list() -> None:
    assert note_problems("Key points:\n- a\n- b") == (
        "'- a' (and 1 more) reads as more of the line above it, not as a list item: a list needs "
        "a blank line before it (in a '|' block: a '>' block or quotes fold a single blank line "
        "away); write '\\-' for a dash that starts no list",
    )


def test_a_relative_link_in_a_note_shown_on_several_pages_is_named() -> None:
    # The note shows on the paper's page and its theme's, from which '../other/' leads apart.
    # An address written with an entity still names its scheme, as a browser reads it.
    note = "See [this](../other/) and [that](#cite), [out](&#104;ttps://example.org)."
    assert note_problems(note) == ()
    assert note_problems("[out](&#104;ttps://example.org)", pages=2) == ()
    assert note_problems(note, pages=2) == (
        "relative link '../other/' leads somewhere else from each page that shows the note (the "
        "paper's and its themes'): give the full address, https://…",
        "relative link '#cite' leads somewhere else from each page that shows the note (the "
        "paper's and its themes'): give the full address, https://…",
    )


class _Links(HTMLParser):
    """The href and src values of an HTML fragment, as a browser reads them."""

    def __init__(self, fragment: str) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value) for name, value in attrs if name in ("href", "src")]


def test_a_note_shown_deeper_leads_where_its_curator_wrote_it_to() -> None:
    # A section's intro is written from themes/t/ and may show on themes/t/2/, a folder deeper.
    note = (
        "[paper](../../papers/p/) [theme](../u/) ![img](../../i.png) [q](?page=2) [same]() "
        "[here](#memory) [host](/x/) [ent](&#47;y/) [web](https://example.org/a) "
        '[mail](mailto:a@b.c) [bad](javascript:x) and `<a href="../code/">` as code'
    )
    written, shown = "https://example.org/site/themes/t/", "https://example.org/site/themes/t/2/"
    as_written = _Links(render_note(note)).found
    deeper = render_note(note, prefix="../")
    # Every link but the dropped one and "[same]()", whose text shows plain; none of the code.
    assert len(as_written) == 9
    assert [(tag, name) for tag, name, _ in _Links(deeper).found] == [
        (tag, name) for tag, name, _ in as_written
    ]
    for (_, _, before), (_, _, after) in zip(as_written, _Links(deeper).found, strict=True):
        assert before is not None and after is not None
        if before.startswith("#"):
            assert after == before  # a place on the page that shows it, whichever that is
        else:
            assert urljoin(shown, after) == urljoin(written, before), before
    # Only attributes change: text that looks like one is as written.
    assert '&lt;a href="../code/"&gt;' in deeper
    assert render_note(note, prefix="") == render_note(note)


def test_notes_keep_code_blocks_and_lists() -> None:
    assert (
        render_note("- one\n- `a<b`") == "<ul>\n<li>one</li>\n<li><code>a&lt;b</code></li>\n</ul>"
    )


def test_a_note_s_headings_show_as_bold_text() -> None:
    # A note sits under a paper's <h3> in theme lists: "# Why" must not make a page-sized <h1>,
    # nor any heading read as one of the page's own.
    assert render_note("# Why *now*\n\nBecause.\n\nHow\n---\n\n##### Deep") == (
        "<p><strong>Why <em>now</em></strong></p>\n<p>Because.</p>\n"
        "<p><strong>How</strong></p>\n<p><strong>Deep</strong></p>"
    )
    # An empty one shows nothing, not an empty bold paragraph.
    assert render_note("#\n\nText\n\n## ") == "<p>Text</p>"
    # Nor does one of a zero-width space, written or as its entity, or emphasised.
    assert render_note("# &#8203;\n\nText\n\n## \u200b\n\n### *\u3164*") == "<p>Text</p>"


def test_a_note_s_images_show_as_links_to_them() -> None:
    # Loaded, an image would tell its host of every reader of every page showing the note.
    assert render_note("![a chart](https://e.com/i.png) and ![](https://e.com/j.png)") == (
        '<p><a href="https://e.com/i.png">a chart</a> and '
        '<a href="https://e.com/j.png">https://e.com/j.png</a></p>'
    )
    # Inside a link, its alt text alone: links do not nest.
    assert render_note("[![a chart](https://e.com/i.png)](https://e.com/)") == (
        '<p><a href="https://e.com/"><span>a chart</span></a></p>'
    )
    # The alt text as a browser shows it, plain: not "*a* `big` chart", nor "a \\*".
    assert render_note("![*a* `big` chart](https://e.com/i.png) ![a \\*][i]\n\n[i]: i.png") == (
        '<p><a href="https://e.com/i.png">a big chart</a> <a href="i.png">a *</a></p>'
    )

    # Inside a link with no address, which shows its text plain, the image's own link is kept:
    # it was all that linked, and the image said to show as a link.
    assert render_note("[![img](x.png)]()") == '<p><a href="x.png">img</a></p>'
    assert note_problems("[![img](x.png)](<>)") == (
        "image 'x.png' shows as a link, not as an image: notes and intros show no images, "
        "not even the site's own; write [text](…) to link to it",
    )
    # Text of its own beside the image still loses its link, and is said to.
    assert render_note("[see ![img](x.png)]()") == '<p>see <a href="x.png">img</a></p>'
    assert "link 'see img' shows as plain text" in note_problems("[see ![img](x.png)]()")[1]


def test_a_link_without_text_shows_its_address() -> None:
    # "[](…)" makes an empty <a>: nothing to see or click, in a heading (made bold) or not.
    assert render_note("# [](https://e.com/)\n\nSee [ ][r].\n\n[r]: https://e.com/r") == (
        '<p><strong><a href="https://e.com/">https://e.com/</a></strong></p>\n'
        '<p>See <a href="https://e.com/r">https://e.com/r</a>.</p>'
    )
    # An image is its text: its address where it has no alt text.
    assert render_note("[![](https://e.com/i.png)](https://e.com/)") == (
        '<p><a href="https://e.com/"><span>https://e.com/i.png</span></a></p>'
    )
    # As written, not as the page's folder makes it.
    assert render_note("[](sub/)", prefix="../") == '<p><a href="../sub/">sub/</a></p>'
    # Text that only looks blank is no text: a Hangul filler, a zero-width space (as written or
    # as an entity), a no-break space, emphasis around nothing seen.
    for text in ("\u3164", "\u200b", "&#8203;", "&nbsp;", "*\u2060*"):
        assert render_note(f"[{text}](https://e.com/)") == (
            '<p><a href="https://e.com/">https://e.com/</a></p>'
        ), text
    assert render_note("![&nbsp;](https://e.com/i.png)") == (
        '<p><a href="https://e.com/i.png">https://e.com/i.png</a></p>'
    )


def test_a_link_with_neither_text_nor_address_or_unsafe_without_text_shows_nothing() -> None:
    # An empty <a href=""> shows nothing a reader can see, yet takes the keyboard's focus; an
    # unsafe address is not for a reader to read as a link's text either.
    for link in (
        "[ ](<>)",
        "[](  )",
        "[&#8203;](&#32;)",
        "![](<>)",
        "[](javascript:x)",
        "![](data:x)",
    ):
        assert render_note(f"See {link}, *{link}*.") == "<p>See , .</p>", link
    # A paragraph it alone made goes with it.
    assert render_note("Top\n\n[](<>)\n\n![](javascript:x)\n\nEnd") == "<p>Top</p>\n<p>End</p>"


@pytest.mark.parametrize(
    "note",
    [
        "## [](<>)",
        "# [](javascript:alert(1))",
        "- [](<>)",
        "1. [](<>)",
        "> [](<>)",
        "- **[](<>)**",
        "- [](javascript:x)",
        # A table none of whose cells, its header's included, holds anything else.
        "| [](<>) | *[](<>)* |\n|---|---|\n| [](javascript:x) | |",
    ],
)
def test_what_a_left_out_link_empties_goes_with_it(note: str) -> None:
    # <li></li> showed a bullet by nothing, <blockquote> a bar, <strong></strong> in a heading
    # made bold an empty paragraph.
    assert render_note(f"Top\n\n{note}\n\nEnd") == "<p>Top</p>\n<p>End</p>"


def test_a_table_row_left_out_links_empty_goes_and_the_header_stays() -> None:
    # An empty row showed as a gap across the table; the header row names the columns.
    assert render_note(
        "| [](<>) | b |\n|---|---|\n| [](<>) | *[](javascript:x)* |\n| c | |\n| [](<>) | |"
    ) == (
        "<table>\n<thead>\n<tr>\n<th></th>\n<th>b</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>c</td>\n<td></td>\n</tr>\n</tbody>\n</table>"
    )
    # A row written empty is the curator's, and stays.
    assert "<td></td>\n<td></td>" in render_note("| a | b |\n|---|---|\n| | |")


@pytest.mark.parametrize(
    ("note", "html"),
    [
        ("a  \n[](<>)", "<p>a</p>"),
        ("[](<>)  \nline", "<p>line</p>"),
        ("*[](<>)* trailing", "<p>trailing</p>"),
        ("leading [](javascript:x)", "<p>leading</p>"),
        ("- [](<>)  \n  item", "<ul>\n<li>item</li>\n</ul>"),
        ("# [](<>) *why*", "<p><strong><em>why</em></strong></p>"),
    ],
)
def test_a_left_out_link_leaves_no_break_or_space_at_its_block_s_edge(note: str, html: str) -> None:
    # "<p>a<br>\n</p>" showed an empty line under "a"; "<p> trailing</p>" began with a space.
    assert render_note(note) == html


def test_a_link_without_an_address_shows_its_text_plain() -> None:
    # <a href=""> reloads the page: the address forgotten, the text is all there is to show.
    for link in ("[the paper]()", "[the paper](<>)", "[the paper]( )", "[the paper](&#32;)"):
        assert render_note(f"Read {link}.") == "<p>Read the paper.</p>", link
    assert render_note("[**](<>)") == "<p>**</p>"
    assert render_note("a [*the* `p` y](<>) z ![alt]()") == (
        "<p>a <em>the</em> <code>p</code> y z alt</p>"
    )
    assert note_problems("Read [the paper]().") == (
        "link 'the paper' shows as plain text, having no address: give it one, as "
        "[text](https://…)",
    )


@pytest.mark.parametrize(
    ("note", "length"),
    [
        # The text a reader sees: not the links' addresses, not the Markdown's marks.
        (f"**Read** [this]({'https://e.com/' + 'x' * 300}) &amp; `<b>`", 15),
        ("Two\n\n- lines  and\n- a list", 20),
        # A browser keeps each no-break space, where it makes a run of spaces one.
        ("a &nbsp;\u00a0 b", 6),
        # A character as a reader tells them apart: a family emoji, a decomposed letter.
        ("\U0001f469\u200d\U0001f469\u200d\U0001f467 e\u0301", 3),
    ],
)
def test_a_note_s_shown_length_counts_what_a_reader_sees(note: str, length: int) -> None:
    assert shown_length(note) == length


def test_each_link_a_note_changes_is_told_at_its_line_up_to_five_of_a_kind() -> None:
    # A curator mending a long note finds each link where it is, not only the first.
    note = (
        "Intro\n\n[a](javascript:1) and\n[b]()\n\n| x |\n|---|\n| [](<>) |\n\n[c][r]\n\n[r]: data:x"
    )
    assert [(line, problem.split(":")[0]) for line, problem in located_note_problems(note)] == [
        (7, "a link with neither text nor address is left out"),
        (3, "link 'b' shows as plain text, having no address"),
        (2, "link 'javascript"),
        # The link's address is on its reference's line.
        (11, "link 'data"),
    ]
    many = "\n".join(f"[{number}](javascript:{number})" for number in range(8))
    told = located_note_problems(many)
    assert [line for line, _ in told] == [0, 1, 2, 3, 4]
    assert told[-1][1] == (
        "link 'javascript:4' (and 3 more) is dropped: only an https://, http://, "
        "mailto: or relative address is linked"
    )
    left_out = (
        "a link with neither text nor address is left out: give it both, as [text](https://…)"
    )
    assert note_problems("[](<>) *[](<>)*") == (left_out, left_out)


def test_two_links_to_one_unsafe_definition_are_told_once_at_its_line() -> None:
    # Both were told at the definition's line, alike: one thing to mend, said twice.
    dropped = (
        "link 'javascript:q' is dropped: only an https://, http://, mailto: or relative address "
        "is linked"
    )
    note = "[a][r]\n\n[b][r]\n\n[r]: javascript:q\n"
    assert located_note_problems(note) == ((4, dropped),)
    assert note_problems(note) == (dropped,)
    # Written at two lines, each is told at its own.
    note = "[a](javascript:q)\n\n[b](javascript:q)\n"
    assert located_note_problems(note) == ((0, dropped), (2, dropped))


def test_a_relative_image_is_not_said_to_be_from_another_site() -> None:
    assert note_problems("![](../x.png)") == (
        "image '../x.png' shows as a link, not as an image: notes and intros show no images, "
        "not even the site's own; write [text](…) to link to it",
    )


@pytest.mark.parametrize(
    ("above", "middle", "address"),
    [
        ("[a][r]", "[b](javascript:2)", "javascript:1"),
        ("![a][r]", "![b](https://e.com/2.png)", "https://e.com/1.png"),
        ("[][r]", "[](https://e.com/2)", "https://e.com/1"),
    ],
)
def test_a_link_is_told_at_its_line_when_one_above_it_is_defined_below(
    above: str, middle: str, address: str
) -> None:
    # Matched by its number in the list, the middle link was told at the definition's line:
    # the lines above the definition hold it first in the list, the whole note the link above.
    note = f"see {above} here\n\nmiddle {middle}\n\n[r]: {address}"
    told = located_note_problems(note)
    assert [(line, address in problem) for line, problem in told] == [(4, True), (2, False)]


@pytest.mark.parametrize(
    ("note", "line"),
    [
        # Cut inside the fence, the fence is unclosed and the example renders as a link: the
        # example's line was told, not the real link's.
        ("Intro\n\n```\n[x](javascript:1)\n```\n\nthen [y](javascript:1) here\n", 6),
        # A fence the whole note leaves unclosed is text: its link is told at its line.
        ("Intro\n\n```\n[x](javascript:1)\n", 3),
        # '```' closes no '~~~' block, yet a cut ending on it is taken for one outside any: its
        # line is found, and the note without it still drops the link. Told at the key's line.
        ("~~~\n[x](javascript:1)\n```\nfoo\n~~~\nthen [y](javascript:1)", None),
        # A setext heading is told at its text's line, not its underline's.
        ("Intro\n\nHead\n---", 2),
        ("Intro\n\nHead\n===", 2),
    ],
)
def test_a_problem_is_told_at_its_line_or_none_never_at_a_line_that_is_fine(
    note: str, line: int | None
) -> None:
    assert [index for index, _ in located_note_problems(note)] == [line]
