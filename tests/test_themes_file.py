from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from papersite import rules, themes_file
from papersite.errors import Problem, Problems
from papersite.rules import RegexBudget, Term
from papersite.yamlfile import Location, YamlDocument

from .curation_helpers import T

# Keywords sharing starts in every way one can begin another: '*' inside and at the end, spaces and
# hyphens joining words, with weights of each sign (a regex now and then, which pairs with none).
_OVERLAPPING_WORD = st.sampled_from(["mod", "model", "models", "el", "s", "sub"])


_OVERLAPPING_TERM = st.one_of(
    st.builds(
        lambda words, joiner, weight: {"keyword": joiner.join(words), "weight": weight},
        st.lists(
            st.builds(str.__add__, _OVERLAPPING_WORD, st.sampled_from(["", "*"])),
            min_size=1,
            max_size=3,
        ),
        st.sampled_from([" ", "-"]),
        st.sampled_from([1, 2, 1, -1, 0]),
    ),
    st.builds(lambda regex: {"regex": regex}, st.sampled_from(["mod(el)?", "models?"])),
)


def checked_terms(items: list[Any], *, excluding: bool) -> list[Problem]:
    """The problems of a list of terms as themes.yaml gives it, item n on line n + 1."""
    key = "exclude" if excluding else "terms"
    lines: dict[Location, int] = {(key, number): number + 1 for number in range(len(items))}
    problems = Problems()
    document = YamlDocument(T, {key: items}, lines)
    themes_file._terms(document, items, (key,), problems, [], RegexBudget())
    return problems.items


def pairwise_overlaps(items: list[dict[str, Any]], *, excluding: bool) -> list[Problem]:
    """The overlap warnings of a list, each new term checked against every earlier one."""
    problems = Problems()
    seen: dict[str, tuple[Term, int]] = {}
    for line, item in enumerate(items, 1):
        weight = float(item["weight"]) if "weight" in item else 1.0
        term = (
            Term.keyword(item["keyword"], weight)
            if "keyword" in item
            else Term.regex(item["regex"])
        )
        if seen.setdefault(themes_file._sameness(term), (term, line))[0] is term:
            for other in list(seen.values())[:-1]:
                themes_file._check_overlap(T, (term, line), other, excluding, problems)
    return problems.items


@given(items=st.lists(_OVERLAPPING_TERM, min_size=10, max_size=30), excluding=st.booleans())
# 'model*' pairs with 'models' (a longer start) and 'mod*' (a shorter): told in the list's order.
@example(items=[{"keyword": k} for k in ("models", "mod*", "model*")], excluding=False)
def test_overlaps_are_told_as_checking_every_pair_tells_them(
    items: list[dict[str, Any]], excluding: bool
) -> None:
    # Only pairs of keywords whose starts overlap are checked now: the same warnings, in order.
    problems = checked_terms(items, excluding=excluding)
    # Repeats and weights that do nothing (0, or any on an exclusion) are told apart.
    overlaps = [problem for problem in problems if " finds nothing " in problem.message]
    assert overlaps == pairwise_overlaps(items, excluding=excluding)


def test_a_long_list_checks_each_keyword_only_against_those_it_may_overlap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 5,000 keywords were each checked against every earlier one: 12.5 million checks, minutes.
    # Here each three-letter word pairs only with its own '-ing*' (neither finds the other's).
    words = ["".join(chr(ord("a") + i // 26**k % 26) for k in range(3)) for i in range(2500)]
    items = [keyword for word in words for keyword in (word, f"{word}ing*")]
    limit = 4 * len(items)
    calls = 0

    def counting(narrow: str, wide: str) -> bool:
        nonlocal calls
        calls += 1
        # Failing at once: the pairwise check would go on for a minute before failing.
        assert calls <= limit, f"keyword_within called over {limit} times for {len(items)} terms"
        return rules.keyword_within(narrow, wide)

    monkeypatch.setattr(themes_file, "keyword_within", counting)
    assert checked_terms(items, excluding=False) == []
    assert calls == len(items)  # each pair, each way round
