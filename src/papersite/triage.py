"""Triage for curators: what the rules could not place, and where they disagree with a decision.

``papersite triage`` lists papers in no theme that no decision covers yet, and pinned papers whose
rules would pick other themes (a hint to tune the rules or to revisit the pin). It ends with a
papers.yaml snippet for the undecided papers, so a curator edits suggestions instead of typing ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from papersite.catalogue import Catalogue, Paper
from papersite.curation import CurationFiles, Placement, sort_papers
from papersite.errors import counted
from papersite.rules import ThemeScore
from papersite.yamlfile import plain_key


@dataclass(frozen=True)
class TriageItem:
    """One paper to look at: what the rules score it, and what the curation decided."""

    paper: Paper
    scores: tuple[ThemeScore, ...]
    placements: tuple[Placement, ...] = ()
    line: int | None = None

    @property
    def suggestions(self) -> tuple[ThemeScore, ...]:
        """Themes whose rules score the paper at all, closest to their threshold first."""
        scored = [score for score in self.scores if score.score > 0]
        return tuple(sorted(scored, key=lambda s: -s.score / s.threshold))

    @property
    def rules_themes(self) -> tuple[str, ...]:
        """The themes the rules alone would put the paper in."""
        return tuple(score.theme for score in self.scores if score.accepted)


@dataclass(frozen=True)
class Triage:
    """Papers waiting for a decision, and decisions the rules disagree with."""

    papers_path: str
    unsorted: tuple[TriageItem, ...]
    disagreements: tuple[TriageItem, ...]


def triage(files: CurationFiles, catalogue: Catalogue) -> Triage:
    """Compare the rules with the decisions for every visible paper."""
    curation = sort_papers(files, catalogue)
    unsorted: list[TriageItem] = []
    disagreements: list[TriageItem] = []
    for item in curation.papers:
        scores = files.scores(item.paper)
        ranked = tuple(scores[theme.id] for theme in files.themes if theme.id in scores)
        decision = files.decisions.get(item.paper.id)
        if decision is None or not decision.pins_themes:
            if not item.placements:
                unsorted.append(TriageItem(item.paper, ranked))
            continue
        entry = TriageItem(item.paper, ranked, item.placements, decision.line)
        if set(entry.rules_themes) != set(item.themes):
            disagreements.append(entry)
    return Triage(files.papers_path, tuple(unsorted), tuple(disagreements))


def format_triage(report: Triage) -> str:
    """The triage as text for the terminal, ending in a snippet to paste into papers.yaml."""
    lines: list[str] = []
    unsorted = counted(len(report.unsorted), "paper")
    lines.append(f"{unsorted} in no theme and not yet decided in {report.papers_path}")
    for item in report.unsorted:
        lines += ["", f"  {item.paper.id}", f"    {item.paper.title}"]
        lines.append(f"    suggested: {_scores(item.suggestions)}")
    differing = counted(len(report.disagreements), "pinned paper")
    lines += ["", f"{differing} the rules would sort differently"]
    for item in report.disagreements:
        pinned = ", ".join(f"{p.theme} ({p.section})" for p in item.placements) or "no theme"
        # Where the rules would put it, written as the pin is, so the two lines compare at a glance.
        ruled = [f"{s.theme} ({s.section})" for s in item.scores if s.accepted]
        lines += ["", f"  {item.paper.id} ({report.papers_path}:{item.line})"]
        lines += [f"    {item.paper.title}", f"    pinned: {pinned}"]
        lines.append(
            f"    rules:  {', '.join(ruled) or 'no theme'}; scores: {_scores(item.suggestions)}"
        )
    if report.unsorted:
        lines += ["", f"Paste under 'papers:' in {report.papers_path}, then check each line:", ""]
        lines += snippet(report.unsorted)
    return "\n".join(lines) + "\n"


def snippet(items: tuple[TriageItem, ...]) -> list[str]:
    """papers.yaml entries for undecided papers: themes scoring half their threshold or more."""
    lines: list[str] = []
    for item in items:
        near = [s for s in item.suggestions if s.excluded_by is None and s.score * 2 >= s.threshold]
        lines.append(f"  {plain_key(item.paper.id)}:")
        if near:
            pins = ", ".join(f"{s.theme}: {s.section}" for s in near)
            lines.append(f"    themes: {{{pins}}}  # {_scores(tuple(near))}")
        else:
            lines.append(f"    themes: []  # {_scores(item.suggestions)}")
    return lines


def _scores(scores: tuple[ThemeScore, ...]) -> str:
    if not scores:
        return "no rule matched"
    parts = []
    for score in scores:
        text = f"{score.theme} {score.score:g} of {score.threshold:g}"
        if score.excluded_by is not None:
            text += f" (excluded by '{score.excluded_by.text}')"
        parts.append(text)
    return ", ".join(parts)
