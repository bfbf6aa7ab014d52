from __future__ import annotations

import difflib
from datetime import date, datetime
from typing import Any

import pytest

from papersite import wording
from papersite.wording import closest, counted, describe, listed, suggest

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


def test_a_timestamp_is_described_with_its_time() -> None:
    # YAML reads 2025-10-31T09:30:00 as a datetime, a kind of date: its time shows too.
    assert describe(datetime(2025, 10, 31, 9, 30)) == "the date 2025-10-31T09:30:00"


@pytest.mark.parametrize(
    ("given", "known", "found"),
    [
        ("efficency", THEMES, "efficiency"),
        ("Efficiency", THEMES, "efficiency"),
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


def _slugs(count: int) -> list[str]:
    """Ids like the catalogue's: words of a small vocabulary joined by hyphens."""
    words = ["sparse", "attention", "state", "space", "models", "quantized", "long", "context"]
    words += ["memory", "decoding", "speculative", "mixture", "experts", "training", "efficient"]
    return [
        "-".join(words[(i * k + k) % len(words)] for k in range(1, 2 + i % 5)) + f"-{i}"
        for i in range(count)
    ]


def test_closest_in_a_long_list_is_as_close_as_difflib_s_choice_from_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # difflib against every one of 5,000 paper ids took 0.3-0.5 s an unknown id: hundreds of
    # stale ids in papers.yaml took minutes. It now compares the few most alike by letter pairs.
    known = _slugs(1_000)
    typos = [name[:-2] + "x" for name in known[::37]]
    typos += [name.replace("-", "", 1) for name in known[5::41]]
    compared: list[int] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: Any, *args: Any, **kwargs: Any) -> list[str]:
        compared.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    chosen = [closest(typo, known) for typo in typos]
    assert compared and max(compared) <= wording.LIKELY
    for typo, name in zip(typos, chosen, strict=True):
        # As near as the nearest of all (of names equally near, difflib's pick may differ).
        best = real(typo, known, n=1, cutoff=0.6)
        assert name is not None and best
        ratio = difflib.SequenceMatcher(None, typo, name).ratio()
        assert ratio == difflib.SequenceMatcher(None, typo, best[0]).ratio()
