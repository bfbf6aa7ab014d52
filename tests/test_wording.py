from __future__ import annotations

import difflib
import heapq
import random
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from papersite import wording
from papersite.wording import (
    LINES_HIDDEN_FROM,
    LINES_LISTED,
    as_yaml,
    closest,
    counted,
    describe,
    described_apart,
    lines_named,
    listed,
    suggest,
    suggestion,
)

THEMES = ["efficiency", "sequence-models", "arithmetic-reasoning"]
LONG_ID = "pararnn-unlocking-parallel-training-of-nonlinear-rnns-for-large-language-models"


@pytest.mark.parametrize(
    ("number", "noun", "said"),
    [
        (0, "paper", "0 papers"),
        (1, "paper", "1 paper"),
        (2, "paper", "2 papers"),
        (1000, "error", "1000 errors"),
        # Nouns of two words take the plural on the last: "and 3 more lines".
        (1, "more line", "1 more line"),
        (3, "more line", "3 more lines"),
    ],
)
def test_counted_says_the_number_with_its_noun_plural_unless_one(
    number: int, noun: str, said: str
) -> None:
    assert counted(number, noun) == said


@pytest.mark.parametrize(
    ("items", "said"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_listed_says_items_as_a_sentence_lists_them(items: list[str], said: str) -> None:
    assert listed(items) == said


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (None, "nothing"),
        # Booleans are ints to Python: YAML's true must not be "the number True".
        (True, "true"),
        (False, "false"),
        (0, "the number 0"),
        (-3, "the number -3"),
        (2.5, "the number 2.5"),
        ("", "''"),
        ("first", "'first'"),
        ("x" * 60, "'" + "x" * 60 + "'"),
        ("x" * 57 + "yyyy", "'" + "x" * 57 + "...'"),
        (date(2025, 10, 31), "the date 2025-10-31"),
        ([], "a list"),
        ([1, 2], "a list"),
        ({}, "a map"),
        ({"a": 1}, "a map"),
        # Nothing YAML gives, but a message still names it rather than failing.
        ({1, 2}, "set"),
    ],
)
def test_describe_names_a_value_as_a_message_shows_it(value: object, said: str) -> None:
    assert describe(value) == said


@pytest.mark.parametrize(
    ("one", "other", "said"),
    [
        # Alike in the 57 characters describe keeps: whole.
        (
            "x" * 57 + "y" * 5,
            "x" * 57 + "z",
            ("'" + "x" * 57 + "y" * 5 + "'", "'" + "x" * 57 + "z'"),
        ),
        # The cuts differ, or neither is cut: as describe has them.
        (
            "x" * 56 + "y" * 9,
            "x" * 56 + "z" * 9,
            ("'" + "x" * 56 + "y...'", "'" + "x" * 56 + "z...'"),
        ),
        ("x" * 57 + "y", "x" * 57 + "z", ("'" + "x" * 57 + "y'", "'" + "x" * 57 + "z'")),
    ],
)
def test_described_apart_shows_where_two_texts_differ(
    one: str, other: str, said: tuple[str, str]
) -> None:
    assert described_apart(one, other) == said


def test_a_timestamp_is_described_with_its_time() -> None:
    # YAML reads 2025-10-31T09:30:00 as a datetime, a kind of date: its time shows too.
    assert describe(datetime(2025, 10, 31, 9, 30)) == "the date 2025-10-31T09:30:00"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (2.5, "2.5"),
        (float("inf"), ".inf"),
        (float("-inf"), "-.inf"),
        (float("nan"), ".nan"),
        # Text keeps its quotes: '10' reads apart from the number 10.
        ("10", "'10'"),
        (date(2024, 1, 1), "2024-01-01"),
        (datetime(2025, 10, 31, 9, 30), "2025-10-31T09:30:00"),
        ([True, None, [date(2024, 1, 1)]], "[true, null, [2024-01-01]]"),
        ({"a": False, "b": {"c": 1}}, "{'a': false, 'b': {'c': 1}}"),
        ({}, "{}"),
    ],
)
def test_as_yaml_shows_a_value_as_yaml_writes_it_not_as_python_does(
    value: object, said: str
) -> None:
    assert as_yaml(value) == said


@pytest.mark.parametrize(
    ("given", "known", "found"),
    [
        ("efficency", THEMES, "efficiency"),
        ("Efficiency", THEMES, "efficiency"),
        # Short, and alike but for case: difflib finds no letter in common.
        ("ID", ["formerly", "id", "intro"], "id"),
        ("ID", [f"x{number}" for number in range(300)] + ["id"], "id"),
        # Two letters side by side swapped, one edit: difflib finds half of 'di' out of order.
        ("di", ["formerly", "id", "intro"], "id"),
        ("di", [f"x{number}" for number in range(300)] + ["id"], "id"),
        # The whole name swapped, before one it only starts.
        ("di", ["display", "id"], "id"),
        # The start of a long id scores too low for difflib; being its start is enough.
        ("pararnn", [LONG_ID, "parallel", "rnn"], LONG_ID),
        ("p", [LONG_ID, "quantization"], LONG_ID),
        # Of several it starts, the one closest to it: "seq" is nearer "sequence" than "sequences".
        ("seq", ["sequences-of-models", "sequence"], "sequence"),
        ("vision", THEMES, None),
        ("efficiency", [], None),
        ("", THEMES, None),
    ],
)
def test_closest_is_the_name_a_typo_most_likely_meant(
    given: str, known: list[str], found: str | None
) -> None:
    assert closest(given, known) == found


@pytest.mark.parametrize(
    ("given", "known", "label", "said"),
    [
        ("efficency", THEMES, "themes", "(did you mean 'efficiency'?)"),
        # A near miss is named even where the list would not be.
        ("efficency", THEMES, "no such theme", "(did you mean 'efficiency'?)"),
        ("vision", THEMES, "themes", "(themes: efficiency, sequence-models, arithmetic-reasoning)"),
        ("vision", THEMES, "no such theme", "(no such theme)"),
        ("vision", [], "themes", "(themes: none)"),
        (
            "zz",
            [f"t{n}" for n in range(8, 0, -1)],
            "themes",
            "(themes: t8, t7, t6, t5, t4, t3, t2, t1)",
        ),
        (
            "zz",
            [f"t{n}" for n in range(9, 0, -1)],
            "themes",
            "(themes: t9, t8, t7, t6, t5, t4, t3, t2, ...)",
        ),
    ],
)
def test_suggest_names_the_near_miss_else_lists_what_is_known_in_its_order(
    given: str, known: list[str], label: str, said: str
) -> None:
    assert suggest(given, known, label) == said


def test_suggestion_keeps_the_name_its_hint_suggests() -> None:
    assert suggestion("efficency", THEMES, "themes") == (
        "(did you mean 'efficiency'?)",
        "efficiency",
    )
    assert suggestion("vision", THEMES, "no such theme") == ("(no such theme)", None)


@pytest.mark.parametrize(
    ("given", "meant", "said"),
    [
        ("efficency", "efficiency", "(did you mean 'efficiency'?)"),
        # Looks the same: its Cyrillic letter is named.
        (
            "\u0435fficiency",
            "efficiency",
            "(did you mean 'efficiency'? its '\u0435' is U+0435 CYRILLIC SMALL LETTER IE, not a "
            "Latin letter)",
        ),
        (
            "\u0435ffici\u0435ncy-m\u043edels",
            "efficiency-models",
            "(did you mean 'efficiency-models'? its '\u0435' is U+0435 CYRILLIC SMALL LETTER IE "
            "and '\u043e' is U+043E CYRILLIC SMALL LETTER O, not Latin letters)",
        ),
        # A Latin letter of another kind is named, but it is one.
        (
            "\u00e9fficiency",
            "efficiency",
            "(did you mean 'efficiency'? its '\u00e9' is U+00E9 LATIN SMALL LETTER E WITH ACUTE)",
        ),
        # A letter the name meant holds too is no look-alike.
        ("caf\u00e9s", "caf\u00e9", "(did you mean 'caf\u00e9'?)"),
        # No letter: named, but not said to be no Latin letter.
        (
            "fast\u2014decoding",
            "fast-decoding",
            "(did you mean 'fast-decoding'? its '\u2014' is U+2014 EM DASH)",
        ),
        # One that does not show as itself is left to the message's escapes ('\\u200b').
        ("efficiency\u200b", "efficiency", "(did you mean 'efficiency'?)"),
        # An accent written apart is quoted composed with its letter, not alone on the quote mark.
        (
            "efficie\u0301ncy",
            "efficiency",
            "(did you mean 'efficiency'? its '\u00e9' is U+00E9 LATIN SMALL LETTER E WITH ACUTE)",
        ),
        # A fullwidth letter is Latin all the same: named, not said to be no Latin letter.
        (
            "\uff53equence-models",
            "sequence-models",
            "(did you mean 'sequence-models'? its '\uff53' is U+FF53 FULLWIDTH LATIN SMALL "
            "LETTER S)",
        ),
        # One no letter holds composed is quoted on the letter it marks.
        (
            "q\u0301uantization",
            "quantization",
            "(did you mean 'quantization'? its 'q\u0301' is 'q' with U+0301 COMBINING ACUTE "
            "ACCENT)",
        ),
    ],
)
def test_did_you_mean_names_the_letters_that_only_look_like_the_name_s(
    given: str, meant: str, said: str
) -> None:
    assert wording.did_you_mean(given, meant) == said


def test_suggest_names_the_letters_that_only_look_like_the_near_miss_s() -> None:
    assert suggest("\u0435fficiency", THEMES, "themes") == (
        "(did you mean 'efficiency'? its '\u0435' is U+0435 CYRILLIC SMALL LETTER IE, not a Latin "
        "letter)"
    )


@pytest.mark.parametrize(
    ("given", "known", "looks"),
    [
        # Letters outside ASCII where they differ: however short.
        ("c\u043est", "cost", True),
        ("efficient-archite\u0441tures", "efficient-architectures", True),
        ("\u0435ffici\u0435ncy", "efficiency", True),
        # Compared composed: an accent written apart is one letter with its own.
        ("efficie\u0301ncy", "efficiency", True),
        # An ASCII letter other than the known id's is a typo, if anything.
        ("c\u043ests", "costs", True),
        ("c\u043ests", "coats", False),
        ("cots", "cost", False),
        # Nor is one with no letter of the known id's: all in another script, or but a hyphen.
        ("\u044c\u0434", "ml", False),
        ("\u0441\u043e-\u0455\u0442", "co-st", False),
        # Another length, or the same id, is no look-alike.
        ("c\u043ests", "cost", False),
        ("cost", "cost", False),
    ],
)
def test_looks_like_is_the_known_id_with_letters_outside_ascii_for_some_of_its_own(
    given: str, known: str, looks: bool
) -> None:
    assert wording.looks_like(given, known) is looks


@pytest.mark.parametrize(
    ("given", "named", "found"),
    [
        # However short: no typo is under five letters, a look-alike is.
        ("c\u043est", (), "cost"),
        # Of several, the one fewest letters from it ('cost', not 'cast' too), then the one
        # whose letters its own are named for ('\u043e' CYRILLIC SMALL LETTER O: 'cost', not
        # 'cast'), then one named, else the first ('\u0441' is CYRILLIC SMALL LETTER ES).
        ("c\u043e\u0455t", (), "cost"),
        ("c\u043est", ("cast",), "cost"),
        ("c\u0441t", (), "cot"),
        ("c\u0441t", ("cat",), "cat"),
        # It wins over a typo nearer by edits.
        ("cos\u0442", (), "cost"),
        ("cosx", (), None),
    ],
)
def test_a_look_alike_is_nearest_however_short(
    given: str, named: tuple[str, ...], found: str | None
) -> None:
    known = ["cot", "cast", "cat", "cost", "cosy"]
    assert wording.nearest(given, known, named) == found
    if found is not None and not named:
        assert closest(given, known) == found


def test_suggest_names_a_short_look_alike_with_its_letters() -> None:
    # Half its letters Cyrillic: too unlike 'cost' for difflib, but it reads the same.
    assert suggest("\u0441\u043est", ["cost", "sequence-models"], "themes") == (
        "(did you mean 'cost'? its '\u0441' is U+0441 CYRILLIC SMALL LETTER ES and '\u043e' is "
        "U+043E CYRILLIC SMALL LETTER O, not Latin letters)"
    )


@pytest.mark.parametrize(
    ("one", "other", "edits"),
    [
        ("efficiency", "efficiency", 0),
        ("efficiency", "efficency", 1),
        # Two letters next to each other swapped: one edit.
        ("sequence-models", "sequence-modles", 1),
        ("arithmetic-numeracy", "arithmetic-numerasy", 1),
        ("fast-decoding", "fast-encoding", 2),
        ("efficiency", "efficient-ml", 4),
        ("", "abc", 3),
    ],
)
def test_typo_distance_counts_a_swap_of_letters_side_by_side_as_one_edit(
    one: str, other: str, edits: int
) -> None:
    assert wording.typo_distance(one, other) == wording.typo_distance(other, one) == edits
    for limit in range(4):
        # Over the limit is limit + 1, whatever the distance.
        assert wording.typo_distance(one, other, limit) == min(edits, limit + 1)
        assert wording.typo_distance(other, one, limit) == min(edits, limit + 1)


class _Counted(str):
    """An id counting the letters looked up in it."""

    looked_up = 0

    def __getitem__(self, index: Any) -> str:
        _Counted.looked_up += 1
        return str.__getitem__(self, index)


def test_misspelt_compares_only_letters_a_typo_could_align() -> None:
    # A deleted dump's 45 entries, each asked whether it is a typo of 431 paper ids of ~75
    # letters, compared every letter of one with every letter of the other: a minute of
    # `check`, and of each of the preview's regenerations while the dump stayed missing.
    given = "adaptive-computation-modules-granular-conditional-computation-for-efficient"
    known = _Counted("b-mojo-hybrid-state-space-realizations-of-foundation-models-with-eidetic")
    _Counted.looked_up = 0
    assert not wording.misspelt(given, known)
    # Two lookups a compared pair of letters; a typo here is 2 edits, so at most 5 letters of
    # the other id are compared to each letter of this one: 10 a letter, not 2 x 75.
    assert _Counted.looked_up <= 10 * len(given)


@pytest.mark.parametrize(
    ("given", "known", "looks"),
    [
        ("sequence-modles", "sequence-models", True),
        ("efficency", "efficiency", True),
        ("arithmetic-numerasy", "arithmetic-numeracy", True),
        # Two edits from 16 letters on.
        ("aritmetic-numerasy", "arithmetic-numeracy", True),
        ("aritmetic-numersy", "arithmetic-numeracy", False),
        # Alike to difflib, but other words.
        ("efficiency", "efficient-ml", False),
        ("fast-decoding", "fast-encoding", False),
        ("efficiencyy", "efficiencies", False),
        # One edit from five letters on, a swap of letters side by side too.
        ("csots", "costs", True),
        ("mdoel", "model", True),
        ("models", "modles", True),
        # Shorter, one edit is another id, mostly an abbreviation: 'rl' is not 'ml' misspelt.
        ("rl", "ml", False),
        ("ml", "mk", False),
        ("llm", "lm", False),
        ("cots", "cost", False),
        ("rl", "rlx", False),
        # An id is no typo of itself.
        ("cost", "cost", False),
        ("model", "model", False),
    ],
)
def test_misspelt_is_an_edit_a_letter_in_8_one_to_two_from_5_letters_on(
    given: str, known: str, looks: bool
) -> None:
    assert wording.misspelt(given, known) is looks


@pytest.mark.parametrize(
    ("given", "named", "found"),
    [
        ("efficiencyy", (), "efficiency"),
        ("efficiencie", (), "efficiencies"),
        # As near: the one papers.yaml uses, else the first.
        ("efficienc", (), "efficiency"),
        ("efficienc", ("efficienct",), "efficienct"),
        ("vision", (), None),
    ],
)
def test_nearest_is_the_id_a_typo_is_fewest_edits_from(
    given: str, named: tuple[str, ...], found: str | None
) -> None:
    known = ["efficiency", "efficienct", "efficiencies", "efficient-ml"]
    assert wording.nearest(given, known, named) == found


@pytest.mark.parametrize(
    ("given", "found"),
    [
        # Only its case differs: that id, however many letters differ in case, however short.
        ("Sequence-Models", "sequence-models"),
        ("SEQUENCE-MODELS", "sequence-models"),
        ("RL", "rl"),
        ("Sequence-Model", "sequence-models"),
    ],
)
def test_nearest_counts_no_edit_for_case(given: str, found: str) -> None:
    assert wording.nearest(given, ["rl", "sequence-models", "efficiency"]) == found


@pytest.mark.parametrize("given", ["LOSS-FUNCTIONS", "lo\u00df-functions", "LO\u1e9e-FUNCTIONS"])
def test_nearest_folds_case_as_closest_does(given: str) -> None:
    # 'ß' and 'ẞ' fold to 'ss' (casefold), not lower(): nearest found no id where closest did.
    known = ["rl", "loss-functions"]
    assert wording.nearest(given, known) == closest(given, known) == "loss-functions"


def _slugs(count: int) -> list[str]:
    """Ids like the catalogue's: words of a small vocabulary joined by hyphens."""
    words = ["sparse", "attention", "state", "space", "models", "quantized", "long", "context"]
    words += ["memory", "decoding", "speculative", "mixture", "experts", "training", "efficient"]
    return [
        "-".join(words[(i * k + k) % len(words)] for k in range(1, 2 + i % 5)) + f"-{i}"
        for i in range(count)
    ]


_GET_CLOSE_MATCHES = difflib.get_close_matches


def _count_compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many names each call of difflib.get_close_matches is given, filled as they come."""
    compared: list[int] = []

    def counting(word: str, possibilities: Any, *args: Any, **kwargs: Any) -> list[str]:
        compared.append(len(possibilities))
        return _GET_CLOSE_MATCHES(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return compared


def test_closest_in_a_long_list_is_as_close_as_difflib_s_choice_from_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # difflib against every one of 5,000 paper ids took 0.3-0.5 s an unknown id: hundreds of
    # stale ids in papers.yaml took minutes. It now compares the few most alike by letter pairs.
    known = _slugs(1_000)
    typos = [name[:-2] + "x" for name in known[::37]]
    typos += [name.replace("-", "", 1) for name in known[5::41]]
    compared = _count_compared(monkeypatch)
    chosen = [closest(typo, known) for typo in typos]
    assert compared and max(compared) <= wording.LIKELY
    for typo, name in zip(typos, chosen, strict=True):
        # As near as the nearest of all (of names equally near, difflib's pick may differ).
        best = _GET_CLOSE_MATCHES(typo, known, n=1, cutoff=0.6)
        assert name is not None and best
        ratio = difflib.SequenceMatcher(None, typo, name).ratio()
        assert ratio == difflib.SequenceMatcher(None, typo, best[0]).ratio()


def _plain_likely(given: str, known: list[str], most: int = wording.LIKELY) -> list[str]:
    """Names.likely as computed first: every name's letter pairs scored against the given one."""
    pairs = frozenset(given[i : i + 2] for i in range(len(given) - 1))
    each = [frozenset(name[i : i + 2] for i in range(len(name) - 1)) for name in known]
    alike = heapq.nlargest(
        most,
        range(len(known)),
        key=lambda i: len(pairs & each[i]) / ((len(pairs) + len(each[i])) or 1),
    )
    return [known[i] for i in sorted(alike)]


# Few letters, so names share pairs and tie often; one beyond the BMP and one past 2**16 too.
_NAME = st.text(st.sampled_from("aaabbbc-\u00e9\U0001f600"), max_size=7)


@given(st.lists(_NAME, max_size=40), _NAME, st.integers(0, 12))
# A pair twice in a name counts once; no pair spans the end of one name and the next.
@example(["aab", "aaaaab"], "aab", 1)
@example(["cd", "ab", "xy"], "bx", 1)
def test_the_index_picks_what_scoring_every_name_picks(
    known: list[str], typo: str, most: int
) -> None:
    names = wording.Names(known)
    assert names.likely(typo, most) == _plain_likely(typo, known, most)
    assert sorted(names.starting(typo)) == sorted(name for name in known if name.startswith(typo))


def test_closest_in_a_long_list_is_what_scoring_every_name_gives() -> None:
    # The index's answers against the plain computation's, where the index is used: past
    # LIKELY_FROM names, near misses, prefixes, and names sharing no pair.
    rnd = random.Random(5)
    known = _slugs(3_000)
    typos = [name[:-3] + rnd.choice("xyz") for name in rnd.sample(known, 40)]
    typos += [name[: rnd.randint(1, 12)] for name in rnd.sample(known, 10)]
    typos += ["", "q", "zzzz-qqqq", "\U0001f600\U0001f600"]
    for typo in typos:
        starts = [name for name in known if name.startswith(typo)] if typo else []
        plain = difflib.get_close_matches(
            typo, starts or _plain_likely(typo, known), n=1, cutoff=0.0 if starts else 0.6
        )
        assert closest(typo, known) == (plain[0] if plain else None), typo


# Ids left unknown when a dump is deleted: titles of their own, 40-80 letters as paper ids are.
_STALE = [
    "when-is-a-convolutional-filter-easy-to-learn",
    "you-only-look-at-screens-multimodal-chain-of-action-agents",
    "streamdiffusion-a-pipeline-level-solution-for-real-time-interactive-generation",
    "let-s-agree-to-agree-neural-networks-share-classification-order-on-real-datasets",
]


def test_closest_leaves_difflib_only_the_ids_it_might_pick(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Fewer than LIKELY_FROM long ids, so no index: difflib's ratio against each of 188 took 6 s
    # of a check for 288 ids a deleted dump left unknown. Ids that cannot reach its cutoff are
    # left out first.
    known = [f"{name}-{name[::-1]}"[:80] for name in _slugs(190)]
    compared = _count_compared(monkeypatch)
    assert [closest(stale, known) for stale in _STALE] == [None] * len(_STALE)
    assert compared == [0] * len(_STALE)
    assert closest(known[7][:-3] + "xyz", known) == known[7]


@given(st.lists(_NAME, max_size=30), _NAME, st.sampled_from([0.0, 0.3, 0.6, 0.75, 1.0]))
def test_names_out_of_reach_are_below_difflib_s_cutoff(
    known: list[str], typo: str, cutoff: float
) -> None:
    reached = wording._within_reach(typo, known, cutoff)
    assert reached == [name for name in known if name in reached]
    for name in known:
        if name not in reached:
            assert difflib.SequenceMatcher(None, name, typo).ratio() < cutoff
    assert difflib.get_close_matches(typo, reached, n=1, cutoff=cutoff) == (
        difflib.get_close_matches(typo, known, n=1, cutoff=cutoff)
    )


@pytest.mark.parametrize("count", range(1, LINES_LISTED + LINES_HIDDEN_FROM + 3))
def test_lines_are_left_out_only_when_three_or_more_would_be(count: int) -> None:
    lines = list(range(10, 10 + count))
    named = lines_named(lines)
    hidden = count - LINES_LISTED - 1
    if hidden >= 3:
        shown = ", ".join(map(str, lines[:LINES_LISTED]))
        assert named == f"lines {shown}, … {lines[-1]}"
    else:
        word, _, numbers = named.partition(" ")
        assert word == ("line" if count == 1 else "lines")
        assert numbers.replace(" and", ",").split(", ") == list(map(str, lines))
