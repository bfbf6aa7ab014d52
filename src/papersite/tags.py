"""The order readers expect of tags, and of the papers listed under each: alphabetical, any case.

Sorting text as written puts every capital before every lower-case letter ("LLM" before
"attention", "MIR-Bench" before "Med-EASi"). :func:`reading_order` compares the casefolded text
first and the text itself after, so names that differ only in case keep one order from build to
build. papersite orders a paper's tags with it (theme pages, paper pages, search entries).
"""

from __future__ import annotations


def reading_order(text: str) -> tuple[str, str]:
    """A sort key: the text whatever its case, then as written, so that no two texts tie."""
    return text.casefold(), text
