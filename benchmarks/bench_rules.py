"""Benchmark: how well the rules alone sort the seed corpus, per theme.

Run ``python -m benchmarks.bench_rules [--content DIR] [--labels FILE ...] [--misses] [--split]``.
It sorts the catalogue by the rules alone (as ``papersite export --rules-only`` does) and compares
each theme with a reference: the shipped curation, where every seed paper's themes were decided by
reading it, or label files mapping paper id to ``{themes: [...], sections: {...}}``. It prints
precision, recall and F1 per theme, and how often a correctly themed paper lands in the reference
section. Record results in BENCHMARKS.md.

``--misses`` lists each disagreement, wrong sections included (with ``--split``, on the tune half
only). ``--split`` also reports each half of the reference on its own: the "tune" half (papers
whose id has an even CRC-32) and the "held-out" half (odd). Tune the rules looking at the tune
half only; the held-out half then says whether a change generalises or merely fits the seed.
"""

from __future__ import annotations

import argparse
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from papersite.catalogue import read_catalogue
from papersite.content import sort_catalogue
from papersite.curation import Curation
from papersite.errors import Problems

# Paper id -> theme id -> section id.
Sorting = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class ThemeAgreement:
    """How a predicted sorting agrees with the reference on one theme."""

    theme: str
    true_positives: int
    false_positives: int
    false_negatives: int
    same_section: int

    @property
    def precision(self) -> float:
        """Share of the papers the rules put in the theme that belong there."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of the theme's papers the rules find."""
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def sorting(curation: Curation) -> dict[str, dict[str, str]]:
    """Every visible paper's themes and sections."""
    return {
        item.paper.id: {p.theme: p.section for p in item.placements} for item in curation.papers
    }


def read_labels(paths: list[Path]) -> dict[str, dict[str, str]]:
    """Label files (id -> themes, sections) as a sorting."""
    found: dict[str, dict[str, str]] = {}
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for paper_id, label in data.items():
            sections = label.get("sections") or {}
            found[paper_id] = {theme: sections.get(theme, "") for theme in label["themes"]}
    return found


def half(paper_id: str) -> str:
    """The split half a paper falls in, stable across runs and machines: 'tune' or 'held-out'."""
    return "tune" if zlib.crc32(paper_id.encode("utf-8")) % 2 == 0 else "held-out"


def agreement(theme: str, predicted: Sorting, reference: Sorting) -> ThemeAgreement:
    """Compare one theme over the papers the reference covers."""
    tp = fp = fn = same = 0
    for paper_id, wanted in reference.items():
        got = predicted.get(paper_id, {})
        if theme in got and theme in wanted:
            tp += 1
            same += got[theme] == wanted[theme]
        elif theme in got:
            fp += 1
        elif theme in wanted:
            fn += 1
    return ThemeAgreement(theme, tp, fp, fn, same)


def print_table(
    themes: list[str],
    predicted: Sorting,
    reference: Sorting,
    titles: Mapping[str, str],
    misses: bool,
) -> None:
    """One Markdown row per theme; with ``misses``, each disagreement under its theme."""
    print(f"{len(reference)} papers in the reference")
    print("| theme | papers | precision | recall | F1 | same section |")
    print("| --- | --- | --- | --- | --- | --- |")
    for theme in themes:
        result = agreement(theme, predicted, reference)
        wanted = result.true_positives + result.false_negatives
        section = result.same_section / result.true_positives if result.true_positives else 0.0
        print(
            f"| {theme} | {wanted} | {result.precision:.2f} | {result.recall:.2f} "
            f"| **{result.f1:.2f}** | {section:.0%} |"
        )
        if misses:
            for paper_id, wanted_themes in sorted(reference.items()):
                got = predicted.get(paper_id, {})
                if theme in got and theme in wanted_themes:
                    if got[theme] != wanted_themes[theme]:
                        print(
                            f"    section {got[theme]} not {wanted_themes[theme]}: "
                            f"{titles.get(paper_id, paper_id)}"
                        )
                elif theme in got or theme in wanted_themes:
                    label = "extra" if theme in got else "missed"
                    print(f"    {label}: {titles.get(paper_id, paper_id)}")


def main() -> None:
    """Print the rules' agreement with the reference, theme by theme."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--labels", type=Path, nargs="*", help="label files (default: curation)")
    parser.add_argument("--misses", action="store_true", help="list each disagreement")
    parser.add_argument(
        "--split", action="store_true", help="also report the tune and held-out halves apart"
    )
    args = parser.parse_args()
    catalogue = read_catalogue(args.content)
    problems = Problems()
    curated = sort_catalogue(args.content, catalogue, problems)
    rules = sorting(sort_catalogue(args.content, catalogue, Problems(), rules_only=True))
    problems.raise_if_failing()
    reference = read_labels(args.labels) if args.labels else sorting(curated)
    themes = [theme.id for theme in curated.themes]
    titles = {paper_id: paper.title for paper_id in reference if (paper := catalogue.get(paper_id))}
    print_table(themes, rules, reference, titles, args.misses and not args.split)
    if args.split:
        for name in ("tune", "held-out"):
            print(f"\n{name} half:")
            part = {key: value for key, value in reference.items() if half(key) == name}
            print_table(themes, rules, part, titles, args.misses and name == "tune")


if __name__ == "__main__":
    main()
