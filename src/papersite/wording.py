"""Wording that messages and pages share: counts with their nouns, values and near misses named.

Problem messages, triage's report and the pages all speak of things the same way: "3 papers",
"the number 7", "(did you mean 'efficiency'?)".
"""

from __future__ import annotations

import difflib
import functools
import heapq
from collections.abc import Sequence
from datetime import date


def counted(number: int, noun: str) -> str:
    """The number with its noun, plural unless one: '1 error', '2 warnings', '0 papers'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def listed(items: Sequence[str]) -> str:
    """Items as a sentence lists them: 'a', 'a and b', 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def describe(value: object) -> str:
    """A value as a message shows it: its kind, and the value itself when short."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return type(value).__name__


def suggest(given: str, known: Sequence[str], label: str) -> str:
    """'(did you mean 'x'?)' for a near miss, else '(<label>: a, b, c)' listing what is known.

    Listed in the order given: themes and sections as the curator wrote them, which is how they
    find them in the file. A ``label`` starting with "no " is said as it is instead of a list, for
    long lists such as paper ids where naming eight of them would not help.
    """
    close = closest(given, known)
    if close is not None:
        return f"(did you mean '{close}'?)"
    if label.startswith("no "):
        return f"({label})"
    if not known:
        return f"({label}: none)"
    listed = ", ".join(known) if len(known) <= 8 else ", ".join(known[:8]) + ", ..."
    return f"({label}: {listed})"


def closest(given: str, known: Sequence[str]) -> str | None:
    """The known name a typo most likely meant: one it starts, else the closest by difflib."""
    # Curators often paste the start of a long id; difflib scores a short prefix of an 80-character
    # slug too low, so prefixes are tried first.
    starts = [name for name in known if name.startswith(given)] if given else []
    if starts:
        return difflib.get_close_matches(given, starts, n=1, cutoff=0.0)[0]
    matches = difflib.get_close_matches(given, _likely(given, tuple(known)), n=1, cutoff=0.6)
    return matches[0] if matches else None


# Past this many names, difflib compares only the LIKELY most like the one given (_likely).
LIKELY_FROM = 200
LIKELY = 20


def _likely(given: str, known: tuple[str, ...]) -> Sequence[str]:
    """The names difflib compares ``given`` with: all, or of a long list the most alike.

    difflib's ratio took 0.3-0.5 s for one unknown paper id against 5,000 ids (slugs share their
    letters, so its quick filters let most through): a papers.yaml with hundreds of stale ids
    took minutes to check. Pairs of letters in common pick the few worth its ratio.
    """
    if len(known) <= LIKELY_FROM:
        return known
    pairs = _pairs(given)
    index = _pairs_of(known)
    # Dice's coefficient, as difflib's ratio counts matches against both lengths.
    alike = heapq.nlargest(
        LIKELY,
        range(len(known)),
        key=lambda i: len(pairs & index[i]) / ((len(pairs) + len(index[i])) or 1),
    )
    return [known[i] for i in sorted(alike)]


def _pairs(name: str) -> frozenset[str]:
    return frozenset(name[i : i + 2] for i in range(len(name) - 1))


@functools.lru_cache(maxsize=4)
def _pairs_of(known: tuple[str, ...]) -> list[frozenset[str]]:
    """Each name's pairs of letters, made once for a list a check asks about many times."""
    return [_pairs(name) for name in known]
