"""Rules that sort papers into themes and sections by the words in their titles and abstracts.

A rule is a list of weighted terms. A term earns its weight when it matches the abstract and
``title_weight`` times its weight when it matches the title, because a title names what a paper is
about while an abstract also mentions what it merely uses. A paper joins a theme when its score
reaches the theme's threshold and it matches none of the theme's exclusions; inside the theme it
goes to the section whose own terms score highest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from papersite.catalogue import Paper

DEFAULT_TITLE_WEIGHT = 3.0

# A space or hyphen inside a keyword matches either, or nothing: "key value" finds "key-value" and
# "keyvalue" alike, which is how the same term is spelt across abstracts.
_JOINER = re.compile(r"[\s-]+")


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
    return rf"(?<!\w){body}(?!\w)"


@dataclass(frozen=True)
class Term:
    """One keyword or regex with its weight; ``text`` is what the curator wrote."""

    text: str
    pattern: re.Pattern[str]
    weight: float = 1.0

    @classmethod
    def keyword(cls, keyword: str, weight: float = 1.0) -> Term:
        """A term from a keyword (see :func:`keyword_pattern`)."""
        return cls(keyword, re.compile(keyword_pattern(keyword), re.IGNORECASE), weight)

    @classmethod
    def regex(cls, regex: str, weight: float = 1.0) -> Term:
        """A term from a regular expression; raises re.error when it does not compile."""
        return cls(regex, re.compile(regex, re.IGNORECASE), weight)

    def matches(self, paper: Paper) -> bool:
        """Whether the term occurs in the paper's title or abstract."""
        return bool(self.pattern.search(paper.title) or self.pattern.search(paper.abstract))


@dataclass(frozen=True)
class Hit:
    """A term that matched a paper, and the points it earned."""

    term: Term
    points: float


def score_terms(terms: tuple[Term, ...], paper: Paper, title_weight: float) -> list[Hit]:
    """Every term that matches the paper, with its points: weight per field, title scaled."""
    hits: list[Hit] = []
    for term in terms:
        points = 0.0
        if term.pattern.search(paper.title):
            points += term.weight * title_weight
        if term.pattern.search(paper.abstract):
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
    section: str
    hits: tuple[Hit, ...]

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

    def score(self, paper: Paper) -> ThemeScore:
        """Score a paper for this theme and choose the section it would go to."""
        hits = score_terms(self.terms, paper, self.title_weight)
        excluded_by = next((term for term in self.exclude if term.matches(paper)), None)
        return ThemeScore(
            theme=self.theme,
            score=round(sum(hit.points for hit in hits), 3),
            threshold=self.threshold,
            excluded_by=excluded_by,
            section=self.section_for(paper),
            hits=tuple(hits),
        )

    def section_for(self, paper: Paper) -> str:
        """The section whose terms score highest; the first listed wins a tie; else the default."""
        best, best_score = self.default_section, 0.0
        for rule in self.sections:
            points = sum(hit.points for hit in score_terms(rule.terms, paper, self.title_weight))
            if points > best_score:
                best, best_score = rule.section, points
        return best
