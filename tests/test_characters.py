from __future__ import annotations

import json
import re

import pytest

from papersite.characters import (
    _NOT_IN_IRI,
    BLANK,
    hidden_effect,
    shows_nothing,
    unfit_in_address,
    unseen_names,
)
from papersite.schema import SCHEMA_DIR


@pytest.mark.parametrize(
    "text",
    ["", " \t\n", "\u200b", "\u200d\u200c", "\u0301", "\ufe0f", "\u3000", *BLANK, "\u3164 \u2800"],
)
def test_spaces_format_characters_marks_and_blanks_alone_show_nothing(text: str) -> None:
    assert shows_nothing(text)


@pytest.mark.parametrize("text", ["a", " x ", "\u200bé", "👨\u200d💻", "漢", "\u0301a", "-"])
def test_a_text_with_one_character_that_shows_shows_something(text: str) -> None:
    assert not shows_nothing(text)


def test_unseen_names_name_each_character_once_in_order_and_leave_spaces_out() -> None:
    assert unseen_names("\u200b \u2060\u200b\U000e0001") == "<U+200B>, <U+2060>, <U+E0001>"
    assert unseen_names("") == ""
    # Ones other than ASCII's are named: '&nbsp;' alone made a note that showed nothing.
    assert unseen_names("\u00a0 \u3000\t") == "<U+00A0>, <U+3000>"


def test_hidden_effect_says_reordering_only_when_every_character_reorders() -> None:
    assert hidden_effect("\u202e\u202c\u2066") == "reorder the text after them"
    assert hidden_effect("\u202e\u200b") == "do not show as themselves"
    assert hidden_effect("\u00ad") == "do not show as themselves"


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("https://x.org/a b", "has a space: percent-encode it as %20 or remove it"),
        # Encoded as what it is: a tab is no space.
        ("https://x.org/a\tb", "has a tab: percent-encode it as %09 or remove it"),
        ("https://x.org/a\u3000b", "has a space: percent-encode it as %E3%80%80 or remove it"),
        # No host is percent-encoded: '%20' there is no host either.
        ("https://exam\tple.com/", "has a tab in its host: remove it"),
        ("https://u@exam ple.com:80/x", "has a space in its host: remove it"),
        ("https://a b@x.org/", "has a space: percent-encode it as %20 or remove it"),
        # Not a space to encode: 'https://a.org/\nx' was told to make it %20.
        *((f"https://x.org/a{end}b", "has a line break: remove it") for end in "\n\r\u2028"),
        ("https://x.org/a\n", "has a trailing line break: remove it"),
        # At an end, a space is no part of the address: percent-encoded, it would still be there.
        (" https://x.org/a", "has a leading space: remove it"),
        # A tab is named as one: told of a space, a curator looked for one and found none.
        ("https://x.org/a\t", "has a trailing tab: remove it"),
        ("\thttps://x.org/a", "has a leading tab: remove it"),
        (" https://x.org/a b ", "has spaces around it: remove them"),
        ("\thttps://x.org/a\t", "has tabs around it: remove them"),
        ("\thttps://x.org/a ", "has a tab before it and a space after it: remove them"),
        (
            "https://x.org/a|b",
            "has a '|', which no web address may hold: percent-encode it as %7C",
        ),
        (
            "https://x.org/\u202eexe\u200b",
            "holds characters that do not show as themselves: <U+202E>, <U+200B>; delete them, "
            "or percent-encode them if they are meant",
        ),
        ("https://x.org/a%zz", "has a '%' not followed by two hex digits: write a '%' as %25"),
        ("https://x.org/100%", "has a '%' not followed by two hex digits: write a '%' as %25"),
        ("https://x.org/caf%C3%A9/é", None),
        # The joiners a Persian word and an emoji are spelt with; other format characters not.
        ("https://fa.wikipedia.org/wiki/\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", None),
        ("https://x.org/\U0001f468\u200d\U0001f469", None),
        (
            "https://x.org/a\u200cb\u200e",
            "holds characters that do not show as themselves: <U+200E>; delete them, or "
            "percent-encode them if they are meant",
        ),
    ],
)
def test_unfit_in_address_names_what_no_web_address_may_hold(
    address: str, said: str | None
) -> None:
    assert unfit_in_address(address) == said


def test_the_characters_a_link_address_may_not_hold_are_those_not_in_an_iri() -> None:
    # The schema spells them out, being JSON, for editors; _NOT_IN_IRI is Python's set, which
    # unfit_in_address names. Spaces the pattern refuses too, as unfit_in_address does first.
    declared = json.loads((SCHEMA_DIR / "papers.schema.json").read_text(encoding="utf-8"))
    pattern = declared["$defs"]["decision"]["properties"]["links"]["additionalProperties"][
        "pattern"
    ]
    every = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]
    refused = [c for c in every if not re.search(pattern, f"https://x.org/{c}")]
    assert [c for c in refused if not c.isspace()] == _NOT_IN_IRI.findall("".join(every))
