"""Wording that messages and pages share: counts with their nouns, values and near misses named.

Problem messages, triage's report and the pages all speak of things the same way: "3 papers",
"the number 7", "(did you mean 'efficiency'?)".
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import math
import unicodedata
from collections.abc import Collection, Sequence
from datetime import date


def counted(number: int, noun: str) -> str:
    """The number with its noun, plural unless one: '1 error', '2 warnings', '0 papers'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def listed(items: Sequence[str]) -> str:
    """Items as a sentence lists them: 'a', 'a and b', 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def shortened(text: str, limit: int = 60) -> str:
    """Text cut to ``limit`` characters, the last an ellipsis, for a message quoting it."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# describe shows a text up to this long whole, and a longer one cut to its first _DESCRIBED.
_DESCRIBED_WHOLE = 60
_DESCRIBED = 57


def describe(value: object) -> str:
    """A value as a message shows it: its kind, and the value itself when short."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= _DESCRIBED_WHOLE else f"'{value[:_DESCRIBED]}...'"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return type(value).__name__


def as_yaml(value: object) -> str:
    """A value as the curator wrote it in YAML, for a message: true, null, 2024-01-01, [1, 'a'].

    Python's repr shows YAML's true as True and a date as datetime.date(2024, 1, 1), words the
    curator never wrote; text keeps its quotes, so '10' reads apart from the number 10.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):  # a datetime too, with its time: 2025-10-31T09:30:00
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, list | tuple):
        return f"[{', '.join(as_yaml(item) for item in value)}]"
    if isinstance(value, dict):
        return f"{{{', '.join(f'{as_yaml(k)}: {as_yaml(v)}' for k, v in value.items())}}}"
    return repr(value)


def described_apart(one: str, other: str) -> tuple[str, str]:
    """Two texts as :func:`describe` shows them, whole when its cut would hide how they differ.

    Two long titles alike in their first 57 characters (a "V2" added) would read as one.
    """
    if one[:_DESCRIBED] == other[:_DESCRIBED] and max(len(one), len(other)) > _DESCRIBED_WHOLE:
        return f"'{one}'", f"'{other}'"
    return describe(one), describe(other)


def suggest(given: str, known: Sequence[str], label: str) -> str:
    """'(did you mean 'x'?)' for a near miss, else '(<label>: a, b, c)' listing what is known.

    Listed in the order given: themes and sections as the curator wrote them, which is how they
    find them in the file. A ``label`` starting with "no " is said as it is instead of a list, for
    long lists such as paper ids where naming eight of them would not help.
    """
    return suggestion(given, known, label)[0]


def suggestion(given: str, known: Sequence[str], label: str) -> tuple[str, str | None]:
    """:func:`suggest`'s hint, with the known name it suggests (None when it lists them instead).

    For a message that goes on to use the name meant, such as an unknown paper id's.
    """
    close = closest(given, known)
    if close is not None:
        return did_you_mean(given, close), close
    return listing(known, label), None


def did_you_mean(given: str, meant: str) -> str:
    """'(did you mean 'x'?)', naming the letters of ``given`` that only look like those of 'x'."""
    unlike = unlike_letters(given, meant)
    return f"(did you mean '{meant}'? {unlike})" if unlike else f"(did you mean '{meant}'?)"


def missing_naming_stray(stray: str | None, message: str) -> str:
    """``message``, a file's "missing: ...", naming the ``stray`` file beside it meant for it.

    Said of the curation files, by themes_file.py and content.py: each tells its own file missing,
    and content.py's _stray_files finds the strays.
    """
    if stray is None:
        return message
    return message.replace("missing", f"missing ({stray} is there: rename it?)", 1)


def unlike_letters(given: str, meant: str) -> str:
    r"""The letters of ``given`` outside ASCII that ``meant`` lacks, named; "" when there are none.

    'еfficiency', its first letter Cyrillic, looks just like 'efficiency': "did you mean
    'efficiency'?" alone names what the curator sees written. Each such letter is said with its
    code point and Unicode name ("its 'е' is U+0435 CYRILLIC SMALL LETTER IE, not a Latin
    letter"); "not a Latin letter" only when all are letters and none a Latin one ('é' is one,
    '—' is no letter). Letters are quoted composed (NFC: 'é', not 'e' and a lone
    accent). Characters that do not show as themselves are left to the message's escapes
    ('\u200b': :func:`papersite.errors.printable`).
    """
    given, meant = unicodedata.normalize("NFC", given), unicodedata.normalize("NFC", meant)
    # A combining mark NFC leaves alone (no letter holds it) is quoted on the letter it marks: on
    # its own it would land on the quote mark.
    marked = {
        mark: base + mark
        for base, mark in itertools.pairwise(given)
        if unicodedata.combining(mark) and not unicodedata.combining(base)
    }
    unlike = [
        letter
        for letter in dict.fromkeys(given)
        if not letter.isascii() and letter.isprintable() and letter not in meant
    ]
    if not unlike:
        return ""
    names = [unicodedata.name(letter, "") for letter in unlike]
    said = listed(
        [
            f"'{marked[letter]}' is '{marked[letter][:-1]}' with U+{ord(letter):04X} {name}"
            if letter in marked
            else f"'{letter}' is U+{ord(letter):04X} {name}".rstrip()
            for letter, name in zip(unlike, names, strict=True)
        ]
    )
    if not all(letter.isalpha() for letter in unlike) or any(
        "LATIN" in name.split() for name in names
    ):
        return f"its {said}"
    return f"its {said}, not {'a Latin letter' if len(unlike) == 1 else 'Latin letters'}"


def listing(known: Sequence[str], label: str) -> str:
    """'(<label>: a, b, c)' listing what is known: :func:`suggest` without a near miss."""
    if label.startswith("no "):
        return f"({label})"
    if not known:
        return f"({label}: none)"
    listed = ", ".join(known) if len(known) <= 8 else ", ".join(known[:8]) + ", ..."
    return f"({label}: {listed})"


def typo_distance(one: str, other: str, limit: int | None = None) -> int:
    """The fewest edits turning one id into the other, a swap of letters side by side one edit.

    An edit adds, drops or changes a letter, or swaps two next to each other ('modles' for
    'models' is one edit, not two): Damerau-Levenshtein's distance, as its optimal string
    alignment (no letter is edited twice).

    Given a ``limit``, a distance over it is ``limit + 1``: only the letters at most ``limit``
    apart are compared, and the comparing stops once every alignment is over it. Asking whether
    one id is a typo of each of 431 others, all the letters of each pair were compared: a deleted
    dump's 45 entries took a minute to check (and each of the preview's regenerations as long).
    """
    if limit is not None and abs(len(one) - len(other)) > limit:
        return limit + 1
    over = len(one) + len(other) + 1 if limit is None else limit + 1
    reach = over  # how far from the diagonal a letter is compared
    previous: list[int] = []
    row = [min(j, over) for j in range(len(other) + 1)]
    for i, letter in enumerate(one, 1):
        before, previous, row = previous, row, [over] * (len(other) + 1)
        row[0] = min(i, over)
        for j in range(max(1, i - reach), min(len(other), i + reach) + 1):
            theirs = other[j - 1]
            row[j] = min(
                over,
                previous[j] + 1,
                row[j - 1] + 1,
                previous[j - 1] + (letter != theirs),
            )
            if i > 1 and j > 1 and letter == other[j - 2] and one[i - 2] == theirs:
                row[j] = min(row[j], before[j - 2] + 1)
        # No later row is below this one's least (a swap's cell is no less than its diagonal's).
        if min(row) >= over:
            return over
    return row[-1]


def misspelt(given: str, known: str) -> bool:
    """Whether ``given`` looks like ``known`` mistyped: an edit a letter in 8, one to two, from 5.

    A "did you mean" by difflib's likeness also finds other words: 'efficient-ml' for
    'efficiency', 'fast-encoding' for 'fast-decoding' (two edits in 13 letters). Following one to
    a section other entries fill moves papers into it without a word, so a typo is only this.

    Ids shorter than TYPO_FROM letters are no typo of anything: they are mostly abbreviations,
    and one edit, a fourth to half of the id, makes another ('rl' and 'ml', 'llm' and 'lm',
    'cost' and 'cots'). From five letters on, four are left as written to know the word by.
    """
    shorter = min(len(given), len(known))
    if shorter < TYPO_FROM:
        return False
    edits = min(TYPO_EDITS, max(1, shorter // TYPO_LETTERS))
    return given != known and typo_distance(given, known, edits) <= edits


# A typo is at most this many edits (typo_distance), one in this many letters of the shorter id,
# and only in ids of this many letters or more.
TYPO_EDITS = 2
TYPO_LETTERS = 8
TYPO_FROM = 5


def looks_like(given: str, known: str) -> bool:
    """Whether ``given`` is ``known`` with letters outside ASCII for some of its own: 'cоst'.

    Compared composed (NFC), letter by letter: the same length, and wherever they differ,
    ``given`` has a letter outside ASCII ('о' CYRILLIC SMALL LETTER O for 'o', 'é' for 'e').
    Such an id reads as the known one, so it is that one, however short: no table of look-alike
    letters is needed to know which it was meant to be. Some letter or digit is the known id's
    own: one in another script throughout ('ьд', typed with another keyboard layout) is
    as long as many ids, and like none.
    """
    given, known = unicodedata.normalize("NFC", given), unicodedata.normalize("NFC", known)
    if given == known or len(given) != len(known):
        return False
    pairs = list(zip(given, known, strict=True))
    return all(mine == theirs or not mine.isascii() for mine, theirs in pairs) and any(
        mine == theirs and mine.isalnum() for mine, theirs in pairs
    )


def look_alike(given: str, known: Sequence[str], named: Collection[str] = ()) -> str | None:
    """The known id ``given`` looks like (:func:`looks_like`), else None.

    Of several ('cоst' looks like 'cost' and 'cast'), the one fewest letters from it, then
    the one whose letters its own are said to be by their Unicode names (:func:`_reads_as`), then
    one in ``named``, then the first.
    """
    if given.isascii():
        return None  # the quick answer for most: a look-alike has a letter outside ASCII
    given = unicodedata.normalize("NFC", given)
    alike = [name for name in known if looks_like(given, name)]
    return min(
        alike,
        key=lambda name: (
            sum(map(str.__ne__, given, name)),
            -sum(map(_reads_as, given, name)),
            name not in named,
        ),
        default=None,
    )


def _reads_as(letter: str, latin: str) -> bool:
    """Whether a letter outside ASCII is said to be the Latin one, by its parts or its name.

    'é' is 'e' with an accent (NFKD), 'о' is CYRILLIC SMALL LETTER O: not a table of
    look-alikes ('с' is ES), only enough to choose between known ids it looks like.
    """
    if letter == latin or letter.isascii():
        return False
    name = unicodedata.name(letter, "")
    return unicodedata.normalize("NFKD", letter)[:1] == latin or name.endswith(
        f" LETTER {latin.upper()}"
    )


def nearest(given: str, known: Sequence[str], named: Collection[str] = ()) -> str | None:
    """The known id ``given`` looks like or misspelt from, else None.

    An id it looks like (:func:`look_alike`) first, however short; else the nearest it looks
    misspelt from (:func:`misspelt`), of ids as near one in ``named`` (one papers.yaml uses: the
    typo is more likely beside it), then the first. Case is no edit: 'Efficency' is misspelt
    from 'efficiency' as 'efficency' is, and 'Sequence-Models' is 'sequence-models', however
    short: only its case differs, so no other id is as likely. Case is folded as
    :func:`closest` folds it ('ß' is 'ss'), so that the two find one id alike but for case.
    """
    alike = look_alike(given, known, named)
    if alike is not None:
        return alike
    # Compared as written too: 'Efficiency', only capitalised, is one edit from 'efficiency'.
    folded = given.casefold()
    near = [
        name
        for name in known
        if misspelt(given, name)
        or misspelt(folded, name.casefold())
        or (name != given and name.casefold() == folded)
    ]
    return min(
        near,
        key=lambda name: (typo_distance(folded, name.casefold()), name not in named),
        default=None,
    )


def closest(given: str, known: Sequence[str]) -> str | None:
    """The known name a typo most likely meant: one it looks like, one it starts, else by difflib.

    A name with two letters side by side swapped (:func:`_swapped`) comes before one it starts.
    One it looks like (:func:`look_alike`) reads the same: difflib counts its look-alike letters
    as wrong, and may prefer another, or none when the id is short. One it is but for case
    ('ID' for 'id') is it: difflib finds no letter of 'ID' in 'id'.
    """
    alike = look_alike(given, known)
    if alike is not None:
        return alike
    names = _names(tuple(known)) if len(known) > LIKELY_FROM else None
    folded = given.casefold()
    if names is not None:
        same = names.folded.get(folded)
    else:
        same = next((name for name in known if name.casefold() == folded), None)
    if same is not None:
        return same
    # Two letters side by side swapped ('di' for 'id') is one edit, as typo_distance counts it,
    # but difflib finds half of a short name's letters out of order: 'di' got no suggestion.
    # The whole name is written, so it comes before a name that only starts with it.
    swapped = _swapped(given, known, names)
    if swapped is not None:
        return swapped
    # Curators often paste the start of a long id; difflib scores a short prefix of an 80-character
    # slug too low, so prefixes are tried first.
    if not given:
        starts: Sequence[str] = []
    elif names is not None:
        starts = names.starting(given)
    else:
        starts = [name for name in known if name.startswith(given)]
    if starts:
        return difflib.get_close_matches(given, starts, n=1, cutoff=0.0)[0]
    likely = known if names is None else names.likely(given)
    matches = difflib.get_close_matches(given, _within_reach(given, likely, 0.6), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _swapped(given: str, known: Sequence[str], names: Names | None) -> str | None:
    """The first known name that is ``given`` with two letters side by side swapped, else None."""
    swaps = {
        given[:at] + given[at + 1] + given[at] + given[at + 2 :]
        for at in range(len(given) - 1)
        if given[at] != given[at + 1]
    }
    if names is not None:
        # Looked up, not searched for: a long list is indexed for that (Names).
        return min(swaps & names.held, key=names.names.index, default=None)
    return next((name for name in known if name in swaps), None)


def _within_reach(given: str, names: Sequence[str], cutoff: float) -> list[str]:
    """The names difflib's ratio against ``given`` might put at ``cutoff`` or above, in order.

    difflib's ratio took 0.1-0.3 ms a pair of paper ids (60-80 letters, sharing most letters, so
    its quick_ratio lets most through): a dump deleted left 288 unknown ids to check against 188,
    6 s of a check. Its matching blocks are letters both hold in the same order, so they are at
    most the longest common subsequence: a name whose ratio with that count for its matches
    falls below ``cutoff`` has a real ratio below it, and difflib would not pick it. Dropping
    only those cannot change its pick; the subsequence takes a bitwise pass a letter.
    """
    # Hyyrö's bit-parallel longest common subsequence: bit j of row stands for letter j of given,
    # each letter of a name turning to 0 the bits its matches extend; the 0s count the subsequence.
    masks: dict[str, int] = {}
    for at, letter in enumerate(given):
        masks[letter] = masks.get(letter, 0) | 1 << at
    full = (1 << len(given)) - 1
    reached = []
    for name in names:
        row = full
        for letter in name:
            matched = row & masks.get(letter, 0)
            row = ((row + matched) | (row - matched)) & full
        common = len(given) - row.bit_count()
        total = len(given) + len(name)
        # As difflib's ratio computes it, so a ratio at the cutoff is not dropped by rounding.
        if not total or 2.0 * common / total >= cutoff:
            reached.append(name)
    return reached


# Past this many names, difflib compares only the LIKELY most like the one given (Names.likely).
LIKELY_FROM = 200
LIKELY = 20


class Names:
    """A long list of names, indexed once to find those like a given one among them quickly.

    difflib's ratio took 0.3-0.5 s for one unknown paper id against 5,000 ids (slugs share their
    letters, so its quick filters let most through): a papers.yaml with hundreds of stale ids
    took minutes to check. Pairs of letters in common pick the few worth its ratio. Intersecting
    the pairs of every name with the given one's still took 0.13 s an unknown id at 50,000 papers
    (200 typos: 27 s of a check), so each pair is indexed once with the names holding it, and the
    names sorted once for prefixes: 2-3 ms an unknown id, besides difflib's ratio of the few.
    """

    def __init__(self, names: Sequence[str]) -> None:
        # numpy only here: check imports this module, and most checks never search a long list.
        import numpy as np

        self.names = tuple(names)
        self._sorted = sorted(self.names)
        # Every name, to look one up at once (closest's swapped letters).
        self.held = frozenset(self.names)
        # Each name by its case-folded form, the first of those alike but for case.
        self.folded: dict[str, str] = {}
        for name in reversed(self.names):
            self.folded[name.casefold()] = name
        count = len(self.names)
        lengths = np.fromiter(map(len, self.names), dtype=np.int64, count=count)
        # Every letter of every name in one array; surrogatepass, as a str may hold lone ones.
        text = "".join(self.names).encode("utf-32-le", "surrogatepass")
        letters = np.frombuffer(text, dtype=np.uint32).astype(np.int64)
        owner = np.repeat(np.arange(count, dtype=np.int64), lengths)
        # A pair is a letter and the next, unless the next starts another name.
        within = np.ones(max(len(letters) - 1, 0), dtype=bool)
        last = np.cumsum(lengths)[lengths > 0] - 1
        within[last[last < len(within)]] = False
        pair = (letters[:-1] << 21 | letters[1:])[within]  # code points are below 2**21
        owner = owner[:-1][within]
        # Grouped by pair, each name once in a pair's group, as the pairs of a name are a set.
        order = np.lexsort((owner, pair))
        pair, owner = pair[order], owner[order]
        first = np.ones(len(pair), dtype=bool)
        first[1:] = (pair[1:] != pair[:-1]) | (owner[1:] != owner[:-1])
        pair, owner = pair[first], owner[first]
        self._sizes = np.bincount(owner, minlength=count)
        self._pairs, starts = np.unique(pair, return_index=True)
        self._bounds = np.append(starts, len(pair))
        self._owners = owner.astype(np.int32)

    def starting(self, given: str) -> list[str]:
        """The names that start with ``given`` (sorted: order does not matter to difflib)."""
        found = []
        at = bisect.bisect_left(self._sorted, given)
        while at < len(self._sorted) and self._sorted[at].startswith(given):
            found.append(self._sorted[at])
            at += 1
        return found

    def likely(self, given: str, most: int = LIKELY) -> list[str]:
        """The ``most`` names sharing most pairs of letters with ``given``, in the list's order.

        Alike is Dice's coefficient, as difflib's ratio counts matches against both lengths; of
        names equally alike, the first in the list.
        """
        import numpy as np

        count = len(self.names)
        if most <= 0:
            return []
        if count <= most:
            return list(self.names)
        codes = sorted({ord(a) << 21 | ord(b) for a, b in itertools.pairwise(given)})
        at = np.searchsorted(self._pairs, codes)
        groups = [
            self._owners[self._bounds[i] : self._bounds[i + 1]]
            for i, code in zip(at.tolist(), codes, strict=True)
            if i < len(self._pairs) and self._pairs[i] == code
        ]
        shared = np.bincount(
            np.concatenate(groups) if groups else np.zeros(0, dtype=np.int32), minlength=count
        )
        # As Python's int / int: both exact as floats, so the same correctly rounded quotient.
        alike = shared / np.maximum(self._sizes + len(codes), 1)
        # The most-th best score: all above it, and of those equal to it the first ones.
        bar = np.partition(alike, count - most)[count - most]
        above = np.flatnonzero(alike > bar)
        equal = np.flatnonzero(alike == bar)[: most - len(above)]
        chosen = np.sort(np.concatenate((above, equal)))
        return [self.names[i] for i in chosen.tolist()]


@functools.lru_cache(maxsize=2)
def _names(known: tuple[str, ...]) -> Names:
    """The index of a list a check asks about many times, made once."""
    return Names(known)


# Of the other lines a grouped error names, the first ones and the last: it stays one line.
LINES_LISTED = 5
# Lines are left out from this many on: '…' in place of one or two is no shorter to read.
LINES_HIDDEN_FROM = 3


def lines_named(lines: list[int]) -> str:
    """'lines 7, 10 and 13', the first few and the last of many: 'lines 5, 7, 8, 10, 11, … 17'."""
    named = [str(line) for line in lines]
    if len(named) >= LINES_LISTED + 1 + LINES_HIDDEN_FROM:
        return f"lines {', '.join(named[:LINES_LISTED])}, … {named[-1]}"
    return f"{'line' if len(named) == 1 else 'lines'} {listed(named)}"
