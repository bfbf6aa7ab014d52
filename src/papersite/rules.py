"""Rules that sort papers into themes and sections by the words in their titles and abstracts.

A rule is a list of weighted terms. A term earns its weight when it matches the abstract and
``title_weight`` times its weight when it matches the title, because a title names what a paper is
about while an abstract also mentions what it merely uses. A paper joins a theme when its score
reaches the theme's threshold and it matches none of the theme's exclusions; inside the theme it
goes to the section whose own terms score highest.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TypeVar

import regex

from papersite.catalogue import Paper
from papersite.errors import PapersiteError

DEFAULT_TITLE_WEIGHT = 3.0
# A curator's regex searches one title or abstract in microseconds. One that takes a second is
# backtracking catastrophically ("(.|..)+\d" tries every way to split the text into ones and
# twos), and would take hours over a catalogue: it is stopped and reported instead.
REGEX_TIMEOUT_SECONDS = 1.0
# What the regex terms of one reading of the curation may take together. A regex just under the
# timeout on each paper would otherwise cost that times every paper, and again for each such term
# (ten took 13 minutes over 476 papers). The shipped rules search 5,000 papers' texts in about a
# second in all, so legitimate rules stay far below it at 50,000. Seconds of CPU time, as the
# timeout's are (see RegexBudget.run).
REGEX_BUDGET_SECONDS = 30.0
_T = TypeVar("_T")
# What every paper's title or abstract holds: words of more than one letter, spaces between them,
# a sentence's end. A term that finds an empty match in it matches a place (the start or end of
# the text or of a word, a space), not words, and so every paper: "a*", "(foo)?", "x|", but also
# "\b(\d+-bit)?\b", which the empty text cannot show, having no word and so no word boundary.
# It has no place only an empty text has, so "^$", which no paper matches, is not taken for one.
_EVERY_TEXT = "ab cd."

# A space or hyphen inside a keyword matches either, or nothing: "key value" finds "key-value" and
# "keyvalue" alike, which is how the same term is spelt across abstracts.
_JOINER = re.compile(r"[\s-]+")
# What a regex gives a meaning ('kv[- ]cache', '\d+-bit', 'foo|bar', 'x.*y'): a keyword holding it
# may have been meant as a regex, yet is matched as written. Notation such as 'L^p' or '[CLS]
# token' is meant as written, so only a keyword that then matches no paper is told of it. Not '-',
# '.' or '+' alone, nor '*' ending a word: 'gpt-4', 'v1.5', 'C++' and 'quantiz*' are keywords.
_REGEX_SYNTAX = re.compile(r"[\[\]|?\\^${}]|\.[*+]|(?<=[\])])[*+]|\*(?=[^\s*-])")
# Word characters between brackets not escaped (after no backslash, or an even run of them): as a
# regex, a set of those characters matching one of them.
_BRACKETED_WORD = re.compile(r"(?<!\\)(?:\\\\)*(\[(\w+)\])")
# Characters that re.IGNORECASE matches with an ASCII letter but str.lower() does not turn into it.
# Folding them first means the literal prefilter below never rejects a text the pattern matches.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """Text lower-cased for the prefilter: an ASCII literal found case-insensitively is in it."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def keyword_folded(keyword: str) -> str:
    """A keyword with one letter for each that re.IGNORECASE matches alike, for comparing two.

    str.lower() keeps apart what re matches alike: a long s 'ſ' and 's', a dotless 'ı' and 'i',
    and a final sigma 'ς' and 'σ' (lower() even makes 'ΑΣ' 'ας'), so 'state*' and 'ſtate', which
    find the same texts, were no overlap. Each letter is lowered one by one, as re compares them;
    letters whose upper case is one ('ς' and 'σ' of 'Σ') are told as its lower case, as re does.
    Three rare pairs re also matches ('ΐ' U+0390 and U+1FD3, 'ΰ' U+03B0 and U+1FE3, 'ﬅ' and 'ﬆ')
    stay apart: an overlap not told, not one told wrongly.
    """
    if keyword.isascii():
        return keyword.lower()
    return "".join(_letter_folded(char) for char in keyword.translate(_FOLD))


def _letter_folded(char: str) -> str:
    """One character as :func:`keyword_folded` tells it: 'σ' for 'Σ', 'σ' and 'ς'."""
    # re matches one character with one: 'ß' upper-cases to 'SS', which no 'ß' matches, so stays.
    lower = char.lower()
    if len(lower) != 1:
        return char
    upper = lower.upper()
    again = upper.lower() if len(upper) == 1 else lower
    # Only 'İ' (U+0130) lower-cases to two characters, and it left above: a guard should a
    # later Unicode upper-case another letter to it.
    return again if len(again) == 1 else lower


@dataclass(frozen=True)
class Text:
    """A paper's title and abstract, with their folded forms for the prefilter, made once."""

    title: str
    abstract: str
    title_folded: str
    abstract_folded: str

    @classmethod
    def of(cls, paper: Paper) -> Text:
        """The texts of one paper."""
        return cls(paper.title, paper.abstract, fold(paper.title), fold(paper.abstract))


def keyword_pattern(keyword: str) -> str:
    """The regex for a keyword: whole words, any case, '*' at a word's end matching any ending."""
    words = [word for word in _JOINER.split(keyword.strip()) if word]
    parts: list[str] = []
    for word in words:
        if word.endswith("*"):
            parts.append(re.escape(word.rstrip("*")) + r"\w*")
        else:
            parts.append(re.escape(word))
    body = r"[\s-]*".join(parts)
    # Look-arounds rather than \b, so keywords that start or end with a symbol ("C++") still work.
    first = re.escape(words[0].rstrip("*")) if words else ""
    if not first:
        return rf"(?<!\w){body}(?!\w)"
    # The same as "(?<!\w)" + body, written literal first: a pattern that opens with a look-behind
    # makes the regex engine try it at every position, while one that opens with a literal lets it
    # jump from one occurrence of that literal to the next (three times faster on abstracts). The
    # look-behind then checks the character before the literal, which it spans with its width.
    return rf"{first}(?<!\w{first}){body[len(first) :]}(?!\w)"


def keyword_within(narrow: str, wide: str) -> bool:
    r"""Whether keyword ``wide`` matches where each match of keyword ``narrow`` starts.

    So 'models*' in 'model*', 'mamba' in 'mamba*', 'subquadratic' in 'sub-quadratic' (a hyphen
    matching nothing too), and 'gpt-4' in 'gpt*', which matches the 'gpt' of 'GPT-4': a paper
    ``narrow`` finds, ``wide`` finds too. Both patterns (:func:`keyword_pattern`) are whole words
    between the same look-arounds, so this is whether each text the body of ``narrow`` matches
    starts with one the body of ``wide`` matches, ending at its end or before a character no word
    has. Each body is letters, '\w*' for a word's '*' and '[\s-]*' between words: the pairs of a
    place in ``narrow`` and the places in ``wide`` a text reaching it may be at are followed over
    one character of each kind that tells the two apart (each letter written, another word
    character, a space).
    """
    # Whatever the text, spaces and hyphens left out, it starts with each keyword's letters up to
    # its first '*': unless one of those starts the other, no text is matched by both. This
    # settles nearly every pair of a list at once (themes.yaml's lists make thousands; curation
    # pairs a keyword only with those whose start passes, and this check stays for other callers).
    start_one, start_other = keyword_start(narrow), keyword_start(wide)
    if not (start_one.startswith(start_other) or start_other.startswith(start_one)):
        return False
    narrow, wide = keyword_folded(narrow), keyword_folded(wide)
    one, other = _keyword_steps(narrow), _keyword_steps(wide)
    written = {step for step in (*one, *other) if len(step) == 1}
    # A word character neither writes: any other acts as it does.
    letter = next(c for c in map(chr, range(ord("a"), 0x3000)) if c.isalnum() and c not in written)
    alphabet = (*written, letter, " ")
    start = (_passed(one, {0}), _passed(other, {0}))
    todo = [(place, frozenset(start[1])) for place in start[0]]
    done = set(todo)
    while todo:
        place, places = todo.pop()
        ended = len(other) in places  # wide matches here if no word character follows
        if place == len(one) and not ended:
            return False
        for char in alphabet:
            if ended and not _WORD_CHARACTER.fullmatch(char):
                continue  # wide has matched: what the text goes on with is no matter
            after = _passed(other, _stepped(other, places, char))
            for reached in _passed(one, _stepped(one, {place}, char)):
                pair = (reached, frozenset(after))
                if pair not in done:
                    done.add(pair)
                    todo.append(pair)
    return True


# What a keyword's regex matches, as steps: a character written, or any run (empty too) of word
# characters (a word's '*') or of spaces and hyphens (between words).
_ANY_WORD = r"\w"
_WORD_CHARACTER = re.compile(_ANY_WORD)
_ANY_JOINER = r"[\s-]"


def keyword_start(keyword: str) -> str:
    """A keyword's characters up to its first '*', folded, without what joins its words.

    Each text the keyword matches starts with them once spaces and hyphens are left out, so two
    keywords match a text in common only if one's start starts the other's (see keyword_within).
    """
    letters = []
    for word in (word for word in _JOINER.split(keyword_folded(keyword).strip()) if word):
        letters.append(word.rstrip("*"))
        if word.endswith("*"):
            break
    return "".join(letters)


def _keyword_steps(keyword: str) -> list[str]:
    """A keyword's body (see :func:`keyword_pattern`) as steps: letters and runs."""
    steps: list[str] = []
    for word in (word for word in _JOINER.split(keyword.strip()) if word):
        if steps:
            steps.append(_ANY_JOINER)
        steps.extend(word.rstrip("*"))
        if word.endswith("*"):
            steps.append(_ANY_WORD)
    return steps


def _passed(steps: list[str], places: set[int]) -> set[int]:
    """The places, and those reached by skipping runs from them (a run may be empty)."""
    reached = set(places)
    for place in sorted(places):
        while place < len(steps) and len(steps[place]) > 1:
            place += 1
            reached.add(place)
    return reached


def _stepped(steps: list[str], places: Iterable[int], char: str) -> set[int]:
    """The places after reading ``char`` at each of ``places``: a run stays, a letter moves on."""
    reached = set()
    for place in places:
        step = steps[place] if place < len(steps) else ""
        if step == char:
            reached.add(place + 1)
        elif len(step) > 1 and re.fullmatch(step, char):
            reached.add(place)
    return reached


def regex_syntax(keyword: str) -> tuple[str, ...]:
    """The regex syntax a keyword holds ('[', '|', '.*'), each once, in the order written."""
    return tuple(dict.fromkeys(match.group() for match in _REGEX_SYNTAX.finditer(keyword)))


def bracketed_names(keyword: str) -> tuple[str, ...]:
    r"""The names a keyword writes in brackets ('[CLS]', '[mask]'), which a regex reads as sets.

    A set a curator writes on purpose offers one character against another at one place: a
    spelling's two ('optimi[sz]e', '[Tt]ransformer'), digits ('int[48]'), a range or a class
    ('[a-z]', '[\d.]'), a space or a hyphen ('[- ]'). Three or more word characters with a letter
    among them spell a word instead, and letters all in capitals, which a search ignoring case has
    no use for in a set, a token's or an option's name ('[CLS]', '[EN]', '[A]'): notation written
    as it reads, which as a regex matches one of its letters in some other word.
    """
    names: dict[str, None] = {}
    for match in _BRACKETED_WORD.finditer(keyword):
        written, word = match.groups()
        if any(char.isalpha() for char in word) and (len(word) >= 3 or word.isupper()):
            names[written] = None
    return tuple(names)


def required_literals(regex: str) -> tuple[str, ...]:
    """The runs of plain ASCII characters in every match of ``regex``, lower-cased, longest first.

    Only characters matched one after the other at the top level of the pattern count: nothing
    inside a group, an alternative or a repeat, which a match may skip. Curators' regex terms were
    searched in every paper; with these literals as their prefilter most are not.
    """
    # The parser re itself uses (private, untyped): no public API exposes a parsed pattern.
    from re import _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(regex, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return ()
    runs = [""]
    for op, value in parsed.data:
        if op == _parser.LITERAL and value < 128:
            runs[-1] += chr(value).lower()
        elif runs[-1]:
            runs.append("")
    return _longest_first(runs)


def _longest_first(literals: Iterable[str]) -> tuple[str, ...]:
    """Distinct non-empty literals, the longest (as a rule the rarest, the best test) first."""
    return tuple(sorted({literal for literal in literals if literal}, key=lambda x: (-len(x), x)))


@dataclass
class RegexBudget:
    """The seconds the regex terms sharing it may still spend searching, all together.

    It keeps what each term spent, so that the one that spent the budget is named when it runs
    out, not whichever term happens to be searching then (a good one, as often as not).
    """

    seconds: float = field(default_factory=lambda: REGEX_BUDGET_SECONDS)
    left: float = field(init=False)
    # Each term's seconds, by the term's id: the term is kept with them, so its id stays its own.
    spent: dict[int, tuple[Term, float]] = field(init=False, default_factory=dict)
    # Terms that ran away on one paper's text, by id as in ``spent``, and whether the budget ran
    # out: each is reported once (see Term.search), then matches nothing.
    stopped: dict[int, Term] = field(init=False, default_factory=dict)
    exhausted: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.left = self.seconds

    def run(self, term: Term, search: Callable[[float], _T]) -> _T:
        """``search(timeout)`` with what is left, at most REGEX_TIMEOUT_SECONDS; its time spent.

        The time is ``term``'s. TimeoutError at once when nothing is left: the regex package
        reads a timeout of 0 as none.
        """
        timeout = min(REGEX_TIMEOUT_SECONDS, self.left)
        if timeout <= 0:
            raise TimeoutError
        # CPU time of this thread, not the wall clock: the budget stops regexes that do too much
        # work, and a loaded machine (a CI runner, other builds) would otherwise spend it for
        # them, failing rules that pass on an idle one. It is the clock the regex package stops
        # a search by too: its timeout counts the process's CPU time (C's clock()), which is at
        # least this thread's, so a search given what is left never runs past it.
        start = time.thread_time()
        try:
            return search(timeout)
        finally:
            took = time.thread_time() - start
            self.left -= took
            _, before = self.spent.get(id(term), (term, 0.0))
            self.spent[id(term)] = (term, before + took)

    def heaviest(self) -> tuple[Term, float] | None:
        """The term that spent the most of the budget, and what it spent; None before any did."""
        return max(self.spent.values(), key=lambda spent: spent[1], default=None)


class RunawayRegex(PapersiteError):
    """A regex term ran over the time for one paper's text, or spent what the regexes share.

    Raised once for each: from then on the term (or, the budget spent, every regex term sharing
    it) matches nothing, so whoever applies the rules reports this and carries on.
    """


@dataclass(frozen=True)
class Term:
    """One keyword or regex with its weight; ``text`` is what the curator wrote.

    ``literal`` is a lower-case ASCII string that every match contains ("" when there is none,
    as for a regex made only of alternatives). Looking for it with ``in`` costs a small fraction
    of a regex search; most terms miss most papers, so this prefilter does most of the work.
    """

    text: str
    # Curators' regexes run on the regex package, which sidesteps most catastrophic backtracking
    # that re falls into ("(\w+\s?)+:" hangs re on an abstract) and can stop a search that
    # still runs away; keywords, whose patterns papersite writes, run on re.
    pattern: re.Pattern[str] | regex.Pattern[str]
    weight: float = 1.0
    literal: str = ""
    # Other literals every match contains: tested only when ``literal`` is found, so a keyword of
    # common words ("language model*") is searched only in texts holding all of them.
    also: tuple[str, ...] = ()
    # An ASCII keyword's pattern without IGNORECASE, for the folded (lower-cased) form of an ASCII
    # text, where it finds what ``pattern`` finds in the text: IGNORECASE has re compare every
    # character both ways, and this searches abstracts about 40% faster. None for other terms.
    folded_pattern: re.Pattern[str] | None = None
    # The file and line the curator wrote the term on, for a regex that runs away.
    written_at: tuple[str, int | None] | None = None
    # What the regex terms of one reading of the curation may still take, shared and spent by
    # each of them; mutable, so not part of what a term is.
    budget: RegexBudget | None = field(default=None, compare=False, repr=False)

    @classmethod
    def keyword(cls, keyword: str, weight: float = 1.0) -> Term:
        """A term from a keyword (see :func:`keyword_pattern`)."""
        pattern = re.compile(keyword_pattern(keyword), re.IGNORECASE)
        # A keyword's words occur in every match as written (a trailing '*' only adds an ending).
        words = (word.rstrip("*").lower() for word in _JOINER.split(keyword.strip()))
        literals = _longest_first(word for word in words if word.isascii())
        # Only an ASCII keyword: IGNORECASE matches "s" with "ſ", which lower() keeps apart.
        folded = re.compile(keyword_pattern(keyword.lower())) if keyword.isascii() else None
        return cls(keyword, pattern, weight, *_split(literals), folded_pattern=folded)

    @classmethod
    def regex(
        cls,
        text: str,
        weight: float = 1.0,
        written_at: tuple[str, int | None] | None = None,
        budget: RegexBudget | None = None,
    ) -> Term:
        """A term from a regular expression; raises re.error when it does not compile.

        ``budget`` is shared by the regexes read together (one reading of the curation); a term
        without one gets its own.
        """
        # re's syntax, which README documents, and its messages, which point at the mistake;
        # VERSION0 has the regex package read the pattern as re does.
        re.compile(text, re.IGNORECASE)
        try:
            pattern = regex.compile(text, regex.IGNORECASE | regex.VERSION0)
        except regex.error as error:
            # Where re reads a brace as itself, regex may read a repeat or a named list
            # ("{speed}"): re.error all the same, so callers tell the curator which regex.
            hint = r" (write \{ for a brace)" if "{" in text else ""
            # Its stubs declare neither, though the package's error has both, as re's has.
            message: str = getattr(error, "msg", str(error))
            position: int | None = getattr(error, "pos", None)
            raise re.error(f"{message}{hint}", text, position) from None
        literals = _split(required_literals(text))
        budget = RegexBudget() if budget is None else budget
        return cls(text, pattern, weight, *literals, written_at=written_at, budget=budget)

    @property
    def kind(self) -> str:
        """What the curator wrote the term as: "keyword" or "regex"."""
        # Only a regex term runs on the regex package (see ``pattern``).
        return "regex" if isinstance(self.pattern, regex.Pattern) else "keyword"

    def matches_empty(self) -> bool:
        """Whether the term can match empty text at a place every paper has, so every paper.

        A curator who marks a whole pattern optional ("(speed up)?") or leaves an alternative empty
        ("speedup|") means a pattern that finds words; the one written finds nothing, everywhere.
        """
        # Every match, not only the first: "\b(ab)?\b" matches "ab" first, then empty after it.
        found: Iterable[re.Match[str] | regex.Match[str]]
        if not isinstance(self.pattern, regex.Pattern):
            found = self.pattern.finditer(_EVERY_TEXT)
            return any(match.start() == match.end() for match in found)
        # Spent from the budget too: each of many terms could otherwise take its second here.
        budget = self.budget if self.budget is not None else RegexBudget()
        pattern: regex.Pattern[str] = self.pattern
        try:
            return budget.run(
                self,
                lambda timeout: any(
                    match.start() == match.end()
                    for match in pattern.finditer(_EVERY_TEXT, timeout=timeout)
                ),
            )
        except TimeoutError:
            # Running away on six characters, it will on a paper (or the budget is spent): search
            # reports it at its line.
            return False

    def matches(self, paper: Paper | Text) -> bool:
        """Whether the term occurs in the paper's title or abstract."""
        text = paper if isinstance(paper, Text) else Text.of(paper)
        return self.found(text.title, text.title_folded) or self.found(
            text.abstract, text.abstract_folded
        )

    def found(self, text: str, folded: str) -> bool:
        """Whether the term occurs in ``text``, whose :func:`fold` is ``folded``."""
        if self.literal not in folded:  # "" is in every text
            return False
        if self.also and not all(literal in folded for literal in self.also):
            return False
        return self.search(text, folded)

    def search(self, text: str, folded: str) -> bool:
        """Whether the pattern matches ``text``, whose :func:`fold` is ``folded``; no prefilter.

        A regex that runs away, or spends what is left of its budget, raises RunawayRegex: once,
        after which it (or every regex sharing the budget spent) matches nothing.
        """
        # isascii() reads a flag CPython keeps on every string: it costs nothing.
        if self.folded_pattern is not None and text.isascii():
            return self.folded_pattern.search(folded) is not None
        if not isinstance(self.pattern, regex.Pattern):
            return self.pattern.search(text) is not None
        budget = self.budget if self.budget is not None else RegexBudget()
        # Stopped already, and reported: it matches nothing rather than fail every search after.
        if budget.exhausted or id(self) in budget.stopped:
            return False
        pattern: regex.Pattern[str] = self.pattern
        # Whether what the terms together may take, not the limit for one search, stops this one.
        shared = budget.left < REGEX_TIMEOUT_SECONDS
        try:
            found = budget.run(self, lambda timeout: pattern.search(text, timeout=timeout))
            return found is not None
        except TimeoutError:
            if shared:
                # The term searching when the budget ran out may well be a good one that came
                # after the one that spent it: the curator is told of the one to rewrite.
                term, spent = budget.heaviest() or (self, 0.0)
                path, line = term.written_at or ("themes.yaml", None)
                took = (
                    f"regex '{term.text}' took {_seconds(spent)} of the {budget.seconds:g} s "
                    "the regexes may take together across the papers"
                )
                # Every regex term, not only the heaviest: any search would now fail at once.
                budget.exhausted = True
                meanwhile = "every regex term is taken to match no paper, keywords alone scoring"
            else:
                path, line = self.written_at or ("themes.yaml", None)
                shown = text if len(text) <= 60 else text[:60] + "…"
                took = (
                    f"regex '{self.text}' ran over {REGEX_TIMEOUT_SECONDS:g} s on one paper's "
                    f"text ('{shown}')"
                )
                # Only this term: a regex that runs away on one text would on others too, each
                # costing the timeout from the budget the good regexes share.
                budget.stopped[id(self)] = self
                meanwhile = "it is taken to match no paper"
            raise RunawayRegex(
                path,
                line,
                f"{took}: a repeat of something that can match the same text in several ways, "
                "such as (.|..)+ or (\\w+\\s?)+, can take exponentially long; write it so "
                f"each part of a text can match one way only (from there on {meanwhile}, so "
                "that the rest is checked)",
            ) from None


def _seconds(seconds: float) -> str:
    """Seconds to two significant digits, written out: '27', '2.7', '0.027', never '2.7e-05'."""
    return format(Decimal(f"{seconds:.2g}"), "f")


def _split(literals: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    return (literals[0], literals[1:]) if literals else ("", ())


@dataclass(frozen=True)
class Hit:
    """A term that matched a paper, and the points it earned."""

    term: Term
    points: float


def score_terms(terms: tuple[Term, ...], paper: Paper | Text, title_weight: float) -> list[Hit]:
    """Every term that matches the paper, with its points: weight per field, title scaled."""
    text = paper if isinstance(paper, Text) else Text.of(paper)
    hits: list[Hit] = []
    # Term.found, inlined: this loop runs for every term, paper and field.
    title, title_folded = text.title, text.title_folded
    abstract, abstract_folded = text.abstract, text.abstract_folded
    for term in terms:
        points = 0.0
        literal, also, search = term.literal, term.also, term.search
        if (
            literal in title_folded
            and (not also or all(x in title_folded for x in also))
            and search(title, title_folded)
        ):
            points += term.weight * title_weight
        if (
            literal in abstract_folded
            and (not also or all(x in abstract_folded for x in also))
            and search(abstract, abstract_folded)
        ):
            points += term.weight
        if points:
            hits.append(Hit(term, points))
    return hits


@dataclass(frozen=True)
class SectionRule:
    """The terms that pick a section inside its theme."""

    section: str
    terms: tuple[Term, ...] = ()


@dataclass(frozen=True)
class ThemeScore:
    """What the rules make of one paper for one theme."""

    theme: str
    score: float
    threshold: float
    excluded_by: Term | None
    hits: tuple[Hit, ...]
    # The section is worked out only when asked for: most papers join no theme, and scoring the
    # sections of every theme for them was half the time of sorting a large catalogue.
    rules: ThemeRules = field(repr=False, compare=False)
    text: Text = field(repr=False, compare=False)

    @cached_property
    def _sections(self) -> tuple[str, tuple[Hit, ...]]:
        return self.rules.section_scored(self.text)

    @property
    def section(self) -> str:
        """The section the paper would go to in this theme (see :meth:`ThemeRules.section_for`)."""
        return self._sections[0]

    @property
    def section_hits(self) -> tuple[Hit, ...]:
        """Every term of the theme's sections the paper matches, kept with its section."""
        return self._sections[1]

    @property
    def accepted(self) -> bool:
        """Whether the rules put the paper in the theme."""
        return self.excluded_by is None and self.score >= self.threshold


@dataclass(frozen=True)
class ThemeRules:
    """A theme's rules: scoring terms, threshold, exclusions and how to pick a section."""

    theme: str
    threshold: float
    terms: tuple[Term, ...]
    sections: tuple[SectionRule, ...]
    default_section: str
    exclude: tuple[Term, ...] = ()
    title_weight: float = DEFAULT_TITLE_WEIGHT

    def score(self, paper: Paper | Text) -> ThemeScore:
        """Score a paper for this theme and choose the section it would go to."""
        text = paper if isinstance(paper, Text) else Text.of(paper)
        hits = score_terms(self.terms, text, self.title_weight)
        excluded_by = next((term for term in self.exclude if term.matches(text)), None)
        return ThemeScore(
            theme=self.theme,
            score=round(sum(hit.points for hit in hits), 3),
            threshold=self.threshold,
            excluded_by=excluded_by,
            hits=tuple(hits),
            rules=self,
            text=text,
        )

    def section_for(self, paper: Paper | Text) -> str:
        """The section whose terms score highest; the first listed wins a tie; else the default."""
        return self.section_scored(paper)[0]

    def section_scored(self, paper: Paper | Text) -> tuple[str, tuple[Hit, ...]]:
        """:meth:`section_for`, with every section term the paper matches.

        The hits cost nothing more to keep, and tell which terms decide sections (a check counts
        them, see curation_checks.check_broad_terms).
        """
        text = paper if isinstance(paper, Text) else Text.of(paper)
        best, best_score = self.default_section, 0.0
        hits: list[Hit] = []
        for rule in self.sections:
            found = score_terms(rule.terms, text, self.title_weight)
            hits.extend(found)
            points = sum(hit.points for hit in found)
            if points > best_score:
                best, best_score = rule.section, points
        return best, tuple(hits)
