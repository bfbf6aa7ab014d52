"""How the review quotes a curator's text: a note, a reason for hiding, an intro, on one line.

Cut at a word to NOTE_SHOWN characters (shortened), or, edited, its new start (text_edit). Apart
from review.py so that the themes' edits word an intro as the papers' edits word a note, without
importing the review.
"""

from __future__ import annotations

from papersite.markup import escape_gfm

# Characters of a note or a reason for hiding the summary shows: enough for a reviewer to judge.
NOTE_SHOWN = 160


def shortened(text: str) -> str:
    """A curator's text cut to NOTE_SHOWN characters, at a word, for one line of the summary."""
    text = " ".join(text.split())
    if len(text) <= NOTE_SHOWN:
        return text
    return text[:NOTE_SHOWN].rsplit(" ", 1)[0] + " …"


def text_edit(name: str, text: str | None) -> str:
    """A note or an intro edited: its new text's start, shortened as an added paper's note is."""
    if not text:
        return f"{name} removed"
    return f"{name}, now: {escape_gfm(shortened(text))}"
