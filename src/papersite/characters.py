"""Which characters papersite refuses, removes or names, and why: the rules in one place.

Scraped titles and abstracts, curators' labels and addresses, and the site's name reach pages,
feeds and messages. A character that cannot be shown (a control), one that reorders or hides in
the text (a right-to-left override, a zero-width space), or one drawn blank (a Hangul filler)
would make a page, a feed or a message say something other than what it seems to: such
characters are replaced (:data:`CONTROL`), left out of titles and abstracts and refused in labels
and tags (:data:`HIDDEN`; blanks in tags too, :data:`NOT_IN_TAG`), refused in addresses
(:func:`unfit_in_address`), and named in messages (:func:`unseen_names`, :data:`INVISIBLE`). Text
of nothing else shows nothing (:func:`shows_nothing`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

# C0 and C1 control characters (bar tab and newline) cannot be shown and are invalid in HTML and
# XML; Python-Markdown also uses STX/ETX to mark its placeholders, so data must never carry them.
# The noncharacters U+FFFE and U+FFFF and lone surrogates are no XML characters either: one in a
# title made the whole feed "not well-formed", which strict readers refuse; so they count as ones.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Format characters that reorder text without being part of any script's spelling: the
# bidirectional embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069). An override
# reverses the rest of the page's line ("Unterminated ereh eltit edirrevo"), in an abstract the
# rest of its paragraph; left out of both (dumps), and refused in a link's label and a tag (schema).
REORDERING = "\u202a-\u202e\u2066-\u2069"
REORDERS = re.compile(f"[{REORDERING}]")
# Left out of titles and abstracts too, and refused in labels and tags, as they hide in a word and
# spell nothing: a text must read, and be found (the browser's find, the site's search, where
# "effi<U+00AD>cient" was no match for "efficient"), as the words it shows. The zero-width space
# U+200B and the word joiner U+2060 only hint where a line may break; U+FEFF is a byte-order mark
# pasted mid-text; a soft hyphen U+00AD shows only where a line breaks, and comes from a PDF's
# hyphenation. The invisible math operators U+2061-U+2064 (function application, invisible times,
# separator and plus) tell only a formula's reader what sits between two symbols, and come pasted
# from MathML: in prose they hide as U+2060 does. Kept silently: the joiners U+200C and U+200D and
# the direction marks U+200E, U+200F and U+061C, which Persian, Hebrew, Arabic and emoji are
# written with (without its non-joiner a Persian word is misspelt, without its joiner 👨‍💻 shows as
# two emoji); and every other format character (Arabic number signs, the Mongolian vowel
# separator U+180E, which Mongolian spells a word's last vowel with, a flag emoji's tags).
_HIDING = "\u200b\u2060-\u2064\ufeff\u00ad"
HIDDEN = re.compile(f"[{REORDERING}{_HIDING}]")

# Letters and signs that are drawn blank: the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0
# (letters, Lo) and the Braille pattern blank U+2800 (a symbol, So).
BLANK = "\u115f\u1160\u3164\uffa0\u2800"
# What a tag may not hold: HIDDEN's, and a blank anywhere in it, not only a tag of nothing else
# (a label of only blanks is refused as showing nothing). A tag is a chip and a heading on the
# tags page, so 'survey<U+3164>' showed as a second 'survey', and '<U+FFA0>' as an empty chip;
# being letters, a filler is kept in the tag's anchor where HIDDEN's are not, so no clash with
# 'survey' told of it. The other characters a label keeps are kept too (a Persian word's joiners,
# an emoji's variation selector): they are part of a spelling, and a tag they make a look-alike
# of is told of by that clash (curation), which names them.
NOT_IN_TAG = re.compile(f"[{REORDERING}{_HIDING}{BLANK}]")
# Format characters (Cf), and marks (Mn, Me) with nothing to sit on: a variation selector
# (U+FE00-FE0F, U+E0100-E01EF) or a combining accent alone shows nothing.
_UNSHOWN_CATEGORIES = frozenset(("Cf", "Mn", "Me"))

# What errors.printable escapes though str.isprintable() accepts it (see there), and review
# names: a mark that shows as nothing after a letter, a digit or ASCII punctuation, and every
# blank, so that a message quoting what shows_nothing refused shows what it quotes.
INVISIBLE = re.compile(
    r"(?<=[^\W_]|[!-/:-@\[-`{-~])[\u034f\u180b-\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]"
    f"|[{BLANK}]"
)

# What shows yet RFC 3987 keeps out of an IRI, which the links' pattern refuses and papers.json's
# schema promises each curator link is: one a consumer's validator or parser refused. No address
# may hold them, nor a space, nor a format character: see unfit_in_address.
_NOT_IN_IRI = re.compile(r'["<>\\^`{|}]')
# The format characters an address may hold: the joiners, which a Persian word and an emoji are
# spelt with (a label keeps them too, see HIDDEN); a page's href holds them percent-encoded.
_JOINERS = "\u200c\u200d"
# What unseen_names leaves out: the spaces a message shows as themselves.
_ASCII_SPACES = frozenset(" \t\n\r\f\v")
# The line breaks of Python's str.splitlines() (and YAML's, and more): LF, CR, VT, FF, the C1 and
# Unicode ones.
_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# A '%' that starts no percent-encoded byte: RFC 3987 allows none, and readers guess what it means.
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def shows_nothing(text: str) -> bool:
    """Whether ``text`` is only spaces, format characters, marks and blanks: a page shows it blank.

    A mark is shown on the character before it; in a text of nothing else it has none to sit on.
    A dump's title or abstract (papersite.dumps), a link's label and the site's name are refused
    when so.
    """
    return all(
        char.isspace() or char in BLANK or unicodedata.category(char) in _UNSHOWN_CATEGORIES
        for char in text
    )


def unseen_name(char: str) -> str:
    """A character that does not show as itself, named as ``<U+202E>``."""
    return f"<U+{ord(char):04X}>"


def unseen_names(chars: Iterable[str]) -> str:
    """Each character but spaces named once, in order, as ``<U+200B>``: "<U+200B>, <U+2060>".

    Only ASCII's spaces, tabs and line breaks are left out: a no-break space (U+00A0, '&nbsp;')
    or an ideographic one (U+3000) is named, for a note of one alone shows nothing, and the
    message is to say what it holds.
    """
    return ", ".join(
        dict.fromkeys(unseen_name(char) for char in chars if char not in _ASCII_SPACES)
    )


def unshown_in(text: str) -> list[str]:
    """The characters of ``text`` a page shows as nothing: format characters and :data:`INVISIBLE`.

    Kept in a tag (a Persian word's joiner, an emoji's variation selector), they are named where
    they make it look like another tag: 'survey<U+200C>' is read as 'survey'.
    """
    return [
        char
        for at, char in enumerate(text)
        if unicodedata.category(char) == "Cf" or INVISIBLE.match(text, at)
    ]


def hidden_effect(chars: Iterable[str]) -> str:
    """What the :data:`HIDDEN` characters ``chars`` do to a text, as "holds characters that …" ends.

    What reordering ones do is said when they are all there is: it is what a reader sees.
    """
    if all(REORDERS.fullmatch(char) for char in chars):
        return "reorder the text after them"
    return "do not show as themselves"


def _in_host(address: str, index: int) -> bool:
    """Whether ``address[index]`` is in its host (after '://' and any 'user@', before '/?#')."""
    start = address.find("://")
    if start < 0:
        return False
    start += len("://")
    end = re.compile(r"[/?#]").search(address, start)
    authority = address[start : end.start() if end else len(address)]
    return start + authority.rfind("@") < index < start + len(authority)


def _blank_kind(char: str) -> str:
    """What a message calls the blank ``char``: "line break", "tab" or "space".

    A tab told as a space was looked for among the spaces, and not found.
    """
    if _LINE_BREAK.match(char):
        return "line break"
    return "tab" if char == "\t" else "space"


def unfit_in_address(address: str) -> str | None:
    """What ``address`` holds that no web address may, with the fix: "has a space: ...", or None.

    One rule for a curator's link and for site_url and repo_url (mkdocs_glue): a space, a
    character RFC 3987 keeps out of an IRI, a format character (category Cf: a zero-width
    space, a bidi control, a soft hyphen, a byte-order mark) but the joiners U+200C and U+200D,
    which shows nothing in a pull request's diff, yet the page's href holds it percent-encoded
    (".../y%E2%80%8B", a page not found), or a '%' that encodes nothing.
    """
    # A space at an end is one copied with the address (or left in an !ENV variable): no
    # address ends so, so percent-encoding it would keep the mistake.
    ends = (address[:1].isspace(), address[-1:].isspace())
    if all(ends):
        first, last = _blank_kind(address[0]), _blank_kind(address[-1])
        if first == last:
            return f"has {first}s around it: remove them"
        return f"has a {first} before it and a {last} after it: remove them"
    if any(ends):
        kind = _blank_kind(address[0] if ends[0] else address[-1])
        return f"has a {'leading' if ends[0] else 'trailing'} {kind}: remove it"
    # Not a space to encode: a line break splits what was pasted as one address, or joins two.
    if _LINE_BREAK.search(address):
        return "has a line break: remove it"
    if found := re.search(r"\s", address):
        char = found.group()
        kind = _blank_kind(char)
        # No character of a host name is percent-encoded: '%20' there is no host either.
        if _in_host(address, found.start()):
            return f"has a {kind} in its host: remove it"
        return f"has a {kind}: percent-encode it as {quote(char)} or remove it"
    if found := _NOT_IN_IRI.search(address):
        char = found.group()
        return (
            f"has a '{char}', which no web address may hold: percent-encode it as %{ord(char):02X}"
        )
    hidden = [
        char for char in address if unicodedata.category(char) == "Cf" and char not in _JOINERS
    ]
    if hidden:
        return (
            f"holds characters that do not show as themselves: {unseen_names(hidden)}; delete "
            "them, or percent-encode them if they are meant"
        )
    if _LONE_PERCENT.search(address):
        return "has a '%' not followed by two hex digits: write a '%' as %25"
    return None
