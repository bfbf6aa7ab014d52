from __future__ import annotations

import dataclasses
import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papersite import rules as rules_module
from papersite.catalogue import Paper
from papersite.errors import PapersiteError
from papersite.rules import (
    RegexBudget,
    RunawayRegex,
    SectionRule,
    Term,
    ThemeRules,
    bracketed_names,
    fold,
    keyword_pattern,
    keyword_within,
    regex_syntax,
    score_terms,
)

from .conftest import at_least


def paper(title: str, abstract: str = "Nothing to see.") -> Paper:
    return Paper("p", title, abstract, None, None, None, None, None, (), ())


@pytest.mark.parametrize(
    ("keyword", "text", "found"),
    [
        ("quantiz*", "Quantized weights", True),
        ("quantiz*", "dequantize", False),
        ("kv cache", "a KV-cache of", True),
        ("kv cache", "the kvcache grows", True),
        ("state-space", "state space models", True),
        ("rnn", "RNNs", False),
        ("rnn*", "RNNs", True),
        ("c++", "written in C++.", True),
    ],
)
def test_keywords_match_whole_words_any_case(keyword: str, text: str, found: bool) -> None:
    assert bool(re.search(keyword_pattern(keyword), text, re.IGNORECASE)) is found


@pytest.mark.parametrize(
    ("narrow", "wide", "within"),
    [
        ("models*", "model*", True),
        ("model*", "models*", False),
        ("mamba", "Mamba*", True),
        ("mamba*", "mamba", False),
        ("subquadratic", "sub-quadratic", True),  # a hyphen matches nothing too
        ("sub-quadratic", "subquadratic", False),  # nor 'sub quadratic'
        ("state-space", "state space*", True),
        ("state space*", "state-space", False),
        # The wider may match the start of the narrower's match, up to a character no word has.
        ("gpt-4", "GPT*", True),
        ("wireless-network", "wireless*", True),
        ("v1.5", "v1*", True),
        ("c++", "c", True),
        ("model* *", "model*", True),
        ("model*", "model* *", True),
        # But not its middle, nor a start a word character follows ('GPT4', 'modelcompression').
        ("model compression", "compress*", False),
        ("gpt-4", "gpt", False),
        ("model compression", "model", False),
        ("a b", "ab*", False),
        ("fast", "faster", False),
        # Letters re.IGNORECASE matches alike, though lower() keeps them apart: a long s, a
        # dotless i, a final sigma ('ΑΣ' lowers to 'ας').
        ("\u017ftate", "state*", True),
        ("\u0131t", "IT", True),
        ("\u03c3", "\u03c2", True),
        ("\u03b1\u03c3", "\u0391\u03a3", True),
        ("\u017ftates", "state", False),
    ],
)
def test_a_keyword_is_within_another_when_each_of_its_matches_starts_with_one_of_the_other(
    narrow: str, wide: str, within: bool
) -> None:
    assert keyword_within(narrow, wide) is within


@pytest.mark.parametrize(
    ("keyword", "syntax", "meant"),
    [
        ("kv[- ]cache", ("[", "]"), "the KV-cache grows"),
        (r"\d+-bit", ("\\",), "4-bit weights"),
        ("speedup|speed up", ("|",), "a 2x speedup"),
        ("linear.*attention", (".*",), "linear-time attention"),
        ("(sub)+quadratic", ("+",), "a subquadratic cost"),
        ("tokens?", ("?",), "every token"),
        ("^mamba$", ("^", "$"), "Mamba"),
        ("a{2}", ("{", "}"), "aa"),
        ("state*space", ("*",), "statespace"),
    ],
)
def test_a_keyword_holding_regex_syntax_is_told_and_matches_literally(
    keyword: str, syntax: tuple[str, ...], meant: str
) -> None:
    assert regex_syntax(keyword) == syntax
    # What the curator meant is found by the regex, not by the keyword written.
    assert Term.regex(keyword).matches(paper(meant))
    assert not Term.keyword(keyword).matches(paper(meant))


@pytest.mark.parametrize(
    ("keyword", "written"),
    [
        ("L^p", "the L^p norm"),
        ("[CLS] token", "pool the [CLS] token"),
        ("$100", "a run costs $100."),
        ("e^x", "grows as e^x"),
        (r"\(x\)", r"the map \(x\) is"),
    ],
)
def test_notation_holding_regex_syntax_is_found_as_a_keyword_not_as_a_regex(
    keyword: str, written: str
) -> None:
    # So the warning of a keyword with regex syntax waits for the papers: this one finds its own.
    assert regex_syntax(keyword)
    assert Term.keyword(keyword).matches(paper(written))
    assert not Term.regex(keyword).matches(paper(written))


@pytest.mark.parametrize(
    "keyword", ["gpt-4", "v1.5", "c++", "quantiz*", "early exit*", "rnn* cell", "state-space"]
)
def test_a_keyword_s_own_syntax_is_no_regex_syntax(keyword: str) -> None:
    assert regex_syntax(keyword) == ()


@pytest.mark.parametrize(
    ("keyword", "names"),
    [
        ("[CLS] token", ("[CLS]",)),
        ("pool [mask] and [SEP]", ("[mask]", "[SEP]")),
        ("option [A]", ("[A]",)),
        ("[EN]-[DE] pairs", ("[EN]", "[DE]")),
        # '\[' is a bracket to a regex too (that regex finds "[CLS]"); after '\\', a set.
        (r"\[CLS\] token", ()),
        (r"a\\[CLS]", ("[CLS]",)),
        # Sets written on purpose: two spellings, digits, ranges, classes, joiners.
        ("optimi[sz]ation", ()),
        ("[Tt]ransformer", ()),
        ("model[s]", ()),
        ("int[248]", ()),
        ("[a-z]+former", ()),
        (r"[\d.]+x", ()),
        ("kv[- ]cache", ()),
        ("[^a]bc", ()),
    ],
)
def test_a_name_in_brackets_is_told_from_a_set(keyword: str, names: tuple[str, ...]) -> None:
    assert bracketed_names(keyword) == names


def rules(**overrides: object) -> ThemeRules:
    settings: dict[str, object] = {
        "theme": "efficiency",
        "threshold": 3.0,
        "terms": (Term.keyword("quantiz*"), Term.regex(r"speed(s|ed)? up", 0.5)),
        "sections": (
            SectionRule("quantization", (Term.keyword("bits"),)),
            SectionRule("fast-decoding", (Term.keyword("draft"),)),
        ),
        "default_section": "fast-decoding",
    }
    settings.update(overrides)
    return ThemeRules(**settings)  # type: ignore[arg-type]


def test_a_title_match_counts_title_weight_times_an_abstract_match() -> None:
    score = rules().score(paper("Quantized Nets", "We quantize nets to four bits."))
    assert score.score == 4.0
    assert score.accepted
    assert [(hit.term.text, hit.points) for hit in score.hits] == [("quantiz*", 4.0)]
    assert rules(title_weight=1.0).score(paper("Quantized Nets", "We quantize.")).score == 2.0


def test_a_paper_below_the_threshold_is_scored_but_not_accepted() -> None:
    score = rules().score(paper("Nets", "We quantize and it speeds up."))
    assert score.score == 1.5
    assert not score.accepted


def test_a_paper_scoring_exactly_the_threshold_is_accepted() -> None:
    # themes.yaml: a paper joins the theme when its score reaches the threshold.
    score = rules().score(paper("Quantized Nets"))
    assert score.score == score.threshold == 3.0
    assert score.accepted


def test_an_exclusion_vetoes_whatever_the_score() -> None:
    score = rules(exclude=(Term.keyword("survey"),)).score(paper("Quantization: a Survey"))
    assert score.score == 3.0
    assert score.excluded_by is not None and score.excluded_by.text == "survey"
    assert not score.accepted


def test_negative_weights_count_against() -> None:
    terms = (Term.keyword("quantiz*"), Term.keyword("vision", -2.0))
    assert rules(terms=terms).score(paper("Quantized Vision Nets")).score == -3.0


def test_the_best_scoring_section_wins_and_the_default_catches_the_rest() -> None:
    assert rules().section_for(paper("Quantized", "A draft model at four bits; bits.")) == (
        "quantization"
    )
    assert rules().section_for(paper("Quantized", "A draft.")) == "fast-decoding"
    assert rules().section_for(paper("Quantized")) == "fast-decoding"


def test_a_section_tie_goes_to_the_section_listed_first() -> None:
    assert rules().section_for(paper("Quantized", "A draft at eight bits.")) == "quantization"


# Letters re.IGNORECASE matches with ASCII ones although str.lower() keeps them apart, and text
# around them, so the prefilter meets every case where it could wrongly reject a match.
_ALPHABET = "kKsSiI\u0130\u0131\u017f\u212a-+ _cv4ae\u00e9"


@settings(max_examples=at_least(400), deadline=None)
@given(
    keyword=st.sampled_from(
        [
            "kiss",
            "sik*",
            "c++",
            "kv cache",
            "s-i",
            "ask*",
            "\u00e9ik",
            "4-sk",
            "ask kiss*",
            "sik as",
        ]
    ),
    text=st.text(alphabet=_ALPHABET, max_size=30),
)
def test_the_literal_prefilter_never_rejects_a_text_the_pattern_matches(
    keyword: str, text: str
) -> None:
    term = Term.keyword(keyword)
    assert term.literal or not keyword.isascii()
    expected = bool(term.pattern.search(text))
    assert term.matches(paper(text, "")) is expected
    assert bool(score_terms((term,), paper("", text), 3.0)) is expected


def _plain_pattern(keyword: str) -> str:
    """keyword_pattern as the rules define it, before it was rewritten literal first for speed."""
    words = [word for word in re.split(r"[\s-]+", keyword.strip()) if word]
    parts = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in words]
    return r"(?<!\w)" + r"[\s-]*".join(parts) + r"(?!\w)"


@settings(max_examples=at_least(400), deadline=None)
@given(
    keyword=st.sampled_from(
        ["kiss", "sik*", "c++", "kv cache", "s-i", "ask*", "\u00e9ik", "*k", "+"]
    ),
    text=st.text(alphabet=_ALPHABET, max_size=30),
)
def test_the_literal_first_pattern_finds_exactly_what_the_plain_one_finds(
    keyword: str, text: str
) -> None:
    fast = re.compile(keyword_pattern(keyword), re.IGNORECASE)
    plain = re.compile(_plain_pattern(keyword), re.IGNORECASE)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=at_least(400), deadline=None)
@given(
    regex=st.sampled_from(
        [
            r"(?<!in\s)\bask\b",
            r"(ik|ke)\s(a\s\w+\s)?sik",
            r"ca+k",
            r"k\.?s",
            r"(?x) k i  s",
            r"s(?-i:K)i",
            r"ki|sk",
            r"\d+(\.\d+)?\s?(x|\u00d7)\s(ik)",
        ]
    ),
    text=st.text(alphabet=_ALPHABET + ".1\u00d7", max_size=30),
)
def test_a_regex_term_s_prefilter_never_rejects_a_text_it_matches(regex: str, text: str) -> None:
    term = Term.regex(regex)
    expected = bool(term.pattern.search(text))
    assert term.matches(paper(text, "")) is expected
    assert bool(score_terms((term,), paper("", text), 3.0)) is expected


@pytest.mark.parametrize(
    ("regex", "literal"),
    [
        (r"(memory|compute)\s(and\s\w+\s)?constraint", "constraint"),
        (r"(?<!in\s)\bAddition\b", "addition"),
        (r"reduc\w*\s(of\s)?cost", "reduc"),
        (r"fewer (parameters|layers)|less than half", ""),
        (r"ab*cd", "cd"),
    ],
)
def test_a_regex_term_s_literal_is_the_longest_run_every_match_has(
    regex: str, literal: str
) -> None:
    assert Term.regex(regex).literal == literal


@pytest.mark.parametrize(
    ("term", "literal", "also"),
    [
        (Term.keyword("in-context learning"), "learning", ("context", "in")),
        (Term.keyword("language model*"), "language", ("model",)),
        (Term.keyword("quantiz*"), "quantiz", ()),
        (Term.regex(r"reduc\w*\s(of\s)?cost"), "reduc", ("cost",)),
        (Term.regex(r"ki|sk"), "", ()),
    ],
)
def test_a_term_s_prefilter_holds_every_literal_its_matches_contain(
    term: Term, literal: str, also: tuple[str, ...]
) -> None:
    assert (term.literal, term.also) == (literal, also)


def test_the_regex_is_searched_only_in_fields_holding_every_literal() -> None:
    term = Term.keyword("language model*")
    spy, folded_spy = mock.Mock(wraps=term.pattern), mock.Mock(wraps=term.folded_pattern)
    spied = dataclasses.replace(term, pattern=spy, folded_pattern=folded_spy)
    # The title has "language" but no "model": only the abstract is searched, and being ASCII,
    # in its folded form, without IGNORECASE.
    assert score_terms((spied,), paper("A language of its own", "Models of language."), 3.0) == []
    assert (spy.search.call_count, folded_spy.search.call_count) == (0, 1)
    assert not spied.found("A language of its own", "a language of its own")
    assert (spy.search.call_count, folded_spy.search.call_count) == (0, 1)
    # Text that is not ASCII is searched as written, with the IGNORECASE pattern.
    assert spied.found("Language modelling à la carte", "language modelling à la carte")
    assert (spy.search.call_count, folded_spy.search.call_count) == (1, 1)


_ASCII = "kKsSiIaAeE +-_4.\n"


@settings(max_examples=at_least(400), deadline=None)
@given(
    keyword=st.sampled_from(
        ["kiss", "SIK*", "c++", "KV cache", "s-i", "Ask*", "4-sk", "ask kiss*", "*k", "+", "_i"]
    ),
    text=st.text(alphabet=_ASCII, max_size=30),
)
def test_the_folded_pattern_finds_in_ascii_text_what_the_ignorecase_one_finds(
    keyword: str, text: str
) -> None:
    term = Term.keyword(keyword)
    assert term.folded_pattern is not None
    expected = [m.span() for m in term.pattern.finditer(text)]
    assert [m.span() for m in term.folded_pattern.finditer(fold(text))] == expected
    assert term.matches(paper(text, "")) is bool(expected)


def test_only_an_ascii_keyword_gets_a_folded_pattern() -> None:
    # IGNORECASE matches "s" with the long s (U+017F), which lower() leaves as it is.
    assert Term.keyword("\u017fik").folded_pattern is None
    assert Term.keyword("\u017fik").matches(paper("sik"))
    assert Term.regex("sik").folded_pattern is None


def test_a_term_says_whether_it_was_written_as_a_keyword_or_a_regex() -> None:
    # The same text means another pattern as each: the review names which one changed.
    assert [Term.keyword("\u017fik").kind, Term.keyword("sik").kind] == ["keyword", "keyword"]
    assert Term.regex("sik").kind == "regex"


def test_the_prefilter_folds_the_letters_ignorecase_treats_as_ascii() -> None:
    assert Term.keyword("kiss").matches(paper("\u212ai\u017f\u017f"))
    assert Term.keyword("in").matches(paper("\u0130N"))
    assert not Term.keyword("kiss").matches(paper("kis"))


def test_the_section_is_worked_out_only_when_asked_for() -> None:
    score = rules().score(paper("Quantized", "A draft."))
    # Kept, with the section terms' hits, under ThemeScore._sections.
    assert "_sections" not in vars(score)
    assert score.section == "fast-decoding"
    assert "_sections" in vars(score)
    assert [hit.term.text for hit in score.section_hits] == ["draft"]


def test_a_runaway_regex_is_stopped_and_reported_at_its_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "(.|..)+\d" tries every way of splitting the text into ones and twos before it fails.
    monkeypatch.setattr(rules_module, "REGEX_TIMEOUT_SECONDS", 0.05)
    term = Term.regex(r"(.|..)+\d", 1.0, ("content/curation/themes.yaml", 42))
    with pytest.raises(PapersiteError) as caught:
        term.matches(paper("a" * 60 + ":", ""))
    assert (caught.value.path, caught.value.line) == ("content/curation/themes.yaml", 42)
    assert caught.value.message.startswith(r"regex '(.|..)+\d' ran over 0.05 s on one paper's")


def test_a_runaway_regex_is_reported_once_then_matches_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rules_module, "REGEX_TIMEOUT_SECONDS", 0.05)
    budget = RegexBudget(5.0)
    runaway = Term.regex(r"(.|..)+\d", 1.0, ("content/curation/themes.yaml", 42), budget)
    other = Term.regex("draft", 1.0, ("content/curation/themes.yaml", 43), budget)
    with pytest.raises(RunawayRegex):
        runaway.matches(paper("a" * 60 + ":", ""))
    left = budget.left
    # Stopped: not searched again, so it costs nothing, even where it would match.
    assert not runaway.matches(paper("a" * 60 + ":", ""))
    assert not runaway.matches(paper("a1"))
    assert budget.left == left
    # Only that term: the others sharing the budget still search.
    assert other.matches(paper("A draft"))


def test_every_regex_sharing_a_budget_spent_matches_nothing_once_reported() -> None:
    budget = RegexBudget(5.0)
    first = Term.regex("draft", 1.0, ("content/curation/themes.yaml", 5), budget)
    second = Term.regex("model", 1.0, ("content/curation/themes.yaml", 7), budget)
    budget.left = 0.0
    with pytest.raises(RunawayRegex) as caught:
        first.matches(paper("A draft"))
    assert "every regex term is taken to match no paper, keywords alone scoring" in (
        caught.value.message
    )
    assert not first.matches(paper("A draft"))
    assert not second.matches(paper("A model"))
    # Keywords are no regexes: they still match.
    assert Term.keyword("model").matches(paper("A model"))


def test_regex_terms_sharing_a_budget_spend_it_together() -> None:
    budget = RegexBudget(5.0)
    first = Term.regex("draft", 1.0, ("content/curation/themes.yaml", 5), budget)
    # Alternatives, no literal to prefilter by: searched in every text.
    second = Term.regex("model|scheme", 1.0, ("content/curation/themes.yaml", 7), budget)
    assert first.matches(paper("A draft"))
    assert 0 < budget.left < 5.0
    spent = budget.left
    assert not second.matches(paper("A draft"))
    assert budget.left < spent
    assert sum(seconds for _, seconds in budget.spent.values()) == pytest.approx(5.0 - budget.left)
    # Spent: the next search, whichever term's, stops curation at the line of the term that
    # spent the most (either here: both are quick).
    budget.left = 0.0
    heaviest = budget.heaviest()
    assert heaviest is not None and heaviest[0] in (first, second)
    with pytest.raises(PapersiteError) as caught:
        second.matches(paper("A model"))
    assert (caught.value.path, caught.value.line) == heaviest[0].written_at
    assert caught.value.message.startswith(f"regex '{heaviest[0].text}' took ")
    assert "of the 5 s the regexes may take together across the papers: a repeat of" in (
        caught.value.message
    )


def test_regexes_out_of_budget_name_the_one_that_spent_it_not_the_one_running() -> None:
    # "(.|..)+\d" backtracks for milliseconds on this text, under the limit for one search;
    # "model|scheme" takes microseconds, and is the one searching when the budget runs out.
    budget = RegexBudget(5.0)
    themes = "content/curation/themes.yaml"
    slow = Term.regex(r"(.|..)+\d", 1.0, (themes, 3), budget)
    fast = Term.regex("model|scheme", 1.0, (themes, 7), budget)
    for _ in range(3):
        assert not slow.matches(paper("a" * 18 + ":", ""))
        assert not fast.matches(paper("A draft"))
    budget.left = 0.0
    with pytest.raises(PapersiteError) as caught:
        fast.matches(paper("A model"))
    assert (caught.value.path, caught.value.line) == (themes, 3)
    assert caught.value.message.startswith(r"regex '(.|..)+\d' took ")
    assert "'model|scheme'" not in caught.value.message
    heaviest = budget.heaviest()
    assert heaviest is not None and heaviest[0] is slow


def test_a_search_may_take_no_longer_than_the_budget_left() -> None:
    # "(.|..)+\d" runs away for a second on this text: what is left of the budget stops it first.
    budget = RegexBudget(5.0)
    budget.left = 0.05
    with pytest.raises(PapersiteError) as caught:
        Term.regex(r"(.|..)+\d", budget=budget).matches(paper("a" * 60 + ":", ""))
    assert caught.value.message.startswith(r"regex '(.|..)+\d' took ")
    assert "of the 5 s the regexes may take together" in caught.value.message
    assert budget.left <= 0


def test_telling_whether_a_regex_matches_empty_text_spends_its_budget() -> None:
    budget = RegexBudget(5.0)
    term = Term.regex("a*|b", budget=budget)
    assert term.matches_empty()
    assert budget.left < 5.0
    # Spent: not told here, but the first search stops curation at the term's line.
    budget.left = 0.0
    assert not term.matches_empty()
    with pytest.raises(PapersiteError):
        term.matches(paper("a"))


def test_a_regex_term_made_alone_has_a_budget_of_its_own() -> None:
    budget = Term.regex("a").budget
    assert budget is not None and budget is not Term.regex("b").budget
    assert budget.left == budget.seconds == rules_module.REGEX_BUDGET_SECONDS
    assert Term.keyword("a").budget is None


def test_a_regex_re_backtracks_on_for_hours_is_quick() -> None:
    # re takes exponential time on this (a curator's pattern that hung `papersite check`); the
    # regex package sees the repeat cannot help and stops. The timeout is left as it is.
    term = Term.regex(r"(\w+\s?)+:")
    abstract = "We present a method for training large language models with little memory " * 3
    assert not term.matches(paper("", abstract))


# Regexes that can match empty text: each finds a place, not a word, and every paper has one.
MATCH_EMPTY = [
    "a*",
    "(speed(s|ed)? up)?",
    "x|",
    "|x",
    r"\d*",
    "(?!survey)",
    "$",
    # The empty text has no word, so no edge of one: only a text with words shows these.
    r"\b(\d+-bit)?\b",
    r"\b(speeds?)?\b",
    r"(?<=\s)(up)?",
    r"\b",
    # A word of the text the check looks in: matched there, and empty at the next word's edge.
    r"\b(ab)?\b",
]


@pytest.mark.parametrize(
    ("kind", "text", "empty"),
    [
        *(("regex", regex, True) for regex in MATCH_EMPTY),
        ("regex", "speed(s|ed)? up", False),
        ("regex", r"\b\d+-bit\b", False),
        ("regex", r"\w+", False),
        # A look-ahead finds a place, but only in papers holding its words.
        ("regex", "(?=quantiz)", False),
        # Empty text alone matches it, and no paper is empty.
        ("regex", "^$", False),
        ("keyword", "*", True),
        ("keyword", "-", True),
        ("keyword", "* *", True),
        ("keyword", "quantiz*", False),
        ("keyword", "c++", False),
    ],
)
def test_a_term_that_can_match_empty_text_is_told_apart(kind: str, text: str, empty: bool) -> None:
    term = Term.regex(text) if kind == "regex" else Term.keyword(text)
    assert term.matches_empty() is empty


@settings(max_examples=at_least(200), deadline=None)
@given(
    regex=st.sampled_from(MATCH_EMPTY),
    abstract=st.from_regex(r"\A[A-Za-z0-9]{2,9}( [A-Za-z0-9,;:()-]{1,9}){1,12}\.\Z"),
)
def test_a_regex_that_can_match_empty_text_matches_every_paper(regex: str, abstract: str) -> None:
    # Why check refuses it: words, spaces and a full stop are all it needs to match.
    assert Term.regex(regex).matches(paper("", abstract))
