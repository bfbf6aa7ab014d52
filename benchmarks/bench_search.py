"""Benchmark: what grouping papers in Pagefind's index costs the ranking of search results.

Run ``python -m benchmarks.bench_search [--content content] [--groups 10]``. It builds the content
twice with the Pagefind backend: one paper to a Pagefind page, where Pagefind ranks the papers
itself (the baseline), and ``--groups`` papers to a page, where the Search page ranks the papers
of the groups Pagefind finds (templates/search.js). Then, in Chromium, it asks both:

- every paper's title, pasted whole: where does that paper come (1st, in the top 10, missed)?
- the most common words of the titles, one at a time: how many of the baseline's top 10 does the
  grouped search also list in its top 10, and how many have the word in their title?
- two neighbouring words of a title, for 60 titles: Pagefind lists only pages holding both, so how
  many papers listed hold both (the start of each word, as a stand-in for its stem)? And are the
  papers with both in their title listed first, then those with one?

Needs Debian's chromium. Record the printed figures in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.bench_build import REPO, pagefind_config, serving
from papersite.build import build_site
from papersite.curation import load_content

CHROMIUM = Path("/usr/bin/chromium")
TOP = 10
# Pagefind's own ranking of papers, with its default options, when each is a page of its own: the
# baseline (the Search page set other options on the same module).
BASELINE = """async ([query, count]) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  await pagefind.options({ baseUrl: "/", ranking: { termFrequency: 1.0 } });
  const found = await pagefind.search(query);
  const pages = await Promise.all(found.results.slice(0, count).map((r) => r.data()));
  return pages.map((page) => page.anchors[0].id);
}"""
GROUPED = "([query, count]) => window.papersiteSearch.rank(query, count)"
# Function words: left out of word queries; the Search page leaves the same out of every query.
COMMON = frozenset(
    "a an and are as at be by for from has have in into is it its of on or our that the their "
    "this to via we what when which while with without".split()
)


@dataclass(frozen=True)
class Comparison:
    """How the grouped search ranks against the baseline."""

    titles: int
    first: tuple[int, int]  # title queries whose paper came first: baseline, grouped
    top: tuple[int, int]  # ... came in the top 10
    words: int
    overlap: float  # mean share of the baseline's top 10 the grouped top 10 also holds
    titled: tuple[float, float]  # mean share of a word's top 10 with the word in their title
    pairs: int
    both: tuple[float, float]  # mean share of a word pair's results holding both words
    listed: tuple[float, float]  # mean number of papers listed for a word pair (at most 10)
    # Share of word pairs whose results come in title order: papers with both words in the title
    # first, then those with one, then the rest.
    ordered: tuple[float, float]


@contextmanager
def searching(site: Path) -> Iterator[Any]:
    """A Chromium page on ``site``'s Search page, served on a free port."""
    from playwright.sync_api import sync_playwright

    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page()
        page.goto(f"{base}search/")
        page.wait_for_function("window.papersiteSearch !== undefined")
        yield page
        browser.close()


def rankings(site: Path, script: str, queries: Sequence[str]) -> list[list[str]]:
    """The top paper ids for each query, as ``script`` ranks them on ``site``."""
    with searching(site) as page:
        return [page.evaluate(script, [query, TOP]) for query in queries]


def common_words(titles: Sequence[str], count: int) -> list[str]:
    """The ``count`` commonest words of the titles, short and function words left out."""
    words = Counter(
        word
        for title in titles
        for word in re.findall(r"[a-z]+", title.lower())
        if len(word) > 3 and word not in COMMON
    )
    return [word for word, _ in words.most_common(count)]


def word_pairs(titles: Sequence[str], count: int) -> list[str]:
    """Two neighbouring words of ``count`` titles, function words left out, drawn at random."""
    rng = random.Random(0)
    pairs = []
    for title in titles:
        words = [w for w in re.findall(r"[a-z]+", title.lower()) if len(w) > 3 and w not in COMMON]
        if len(words) >= 2:
            start = rng.randrange(len(words) - 1)
            pairs.append(f"{words[start]} {words[start + 1]}")
    rng.shuffle(pairs)
    return pairs[:count]


def compare(content: Path, group_size: int, root: Path) -> Comparison:
    """Build ``content`` one paper and ``group_size`` papers to a page; compare their rankings."""
    loaded = load_content(content)
    sites = {}
    for size in (1, group_size):
        folder = root / f"groups-{size}"
        folder.mkdir()
        build_site(loaded, folder / "site", config_file=pagefind_config(folder, size))
        sites[size] = folder / "site"
    papers = {item.paper.id: item.paper.title for item in loaded.curation.papers}
    text = {
        item.paper.id: f"{item.paper.title} {item.paper.abstract}".lower()
        for item in loaded.curation.papers
    }
    titles = list(papers.values())
    words = common_words(titles, 50)
    pairs = word_pairs(titles, 60)
    base = rankings(sites[1], BASELINE, titles + words + pairs)
    grouped = rankings(sites[group_size], GROUPED, titles + words + pairs)
    paired = len(titles) + len(words)
    ids = list(papers)
    first = [0, 0]
    top = [0, 0]
    for index, paper_id in enumerate(ids):
        for which, ranking in enumerate((base[index], grouped[index])):
            first[which] += bool(ranking) and ranking[0] == paper_id
            top[which] += paper_id in ranking
    overlaps = [
        len(set(b) & set(g)) / len(b)
        for b, g in zip(base[len(ids) : paired], grouped[len(ids) : paired], strict=True)
        if b
    ]
    titled = [
        [
            sum(word in papers[paper_id].lower() for paper_id in ranking) / len(ranking)
            for word, ranking in zip(words, found[len(ids) : paired], strict=True)
            if ranking
        ]
        for found in (base, grouped)
    ]
    both = [
        [
            sum(all(w[:5] in text[paper_id] for w in pair.split()) for paper_id in ranking)
            / len(ranking)
            for pair, ranking in zip(pairs, found[paired:], strict=True)
            if ranking
        ]
        for found in (base, grouped)
    ]
    listed = [
        sum(len(ranking) for ranking in found[paired:]) / len(pairs) for found in (base, grouped)
    ]

    def in_title_order(pair: str, ranking: list[str]) -> bool:
        held = [sum(w[:5] in papers[i].lower() for w in pair.split()) for i in ranking]
        return held == sorted(held, reverse=True)

    ordered = [
        sum(
            in_title_order(pair, ranking)
            for pair, ranking in zip(pairs, found[paired:], strict=True)
        )
        / len(pairs)
        for found in (base, grouped)
    ]
    return Comparison(
        len(ids),
        (first[0], first[1]),
        (top[0], top[1]),
        len(overlaps),
        sum(overlaps) / len(overlaps) if overlaps else 1.0,
        (sum(titled[0]) / len(titled[0]), sum(titled[1]) / len(titled[1])),
        len(pairs),
        (sum(both[0]) / len(both[0]), sum(both[1]) / len(both[1])),
        (listed[0], listed[1]),
        (ordered[0], ordered[1]),
    )


def main() -> None:
    """Compare and print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--groups", type=int, default=10, help="papers to a Pagefind page")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit("needs Debian's chromium: apt-get install chromium")
    (REPO / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=REPO / "build", prefix="bench-search-") as tmp:
        result = compare(args.content, args.groups, Path(tmp))
    print(f"{result.titles} titles, each pasted whole; {TOP} results kept")
    for label, (base, grouped) in (("first", result.first), (f"top {TOP}", result.top)):
        print(
            f"  paper {label}: one to a page {base / result.titles:.1%}, "
            f"{args.groups} to a page {grouped / result.titles:.1%}"
        )
    print(
        f"{result.words} common title words: the grouped top {TOP} holds "
        f"{result.overlap:.1%} of the baseline's top {TOP}; the word is in the title of "
        f"{result.titled[0]:.1%} of the baseline's and {result.titled[1]:.1%} of the grouped"
    )
    print(
        f"{result.pairs} pairs of title words: both words in {result.both[0]:.1%} of the "
        f"baseline's results and {result.both[1]:.1%} of the grouped; papers listed "
        f"{result.listed[0]:.1f} and {result.listed[1]:.1f} a pair; in title order (both words in "
        f"the title, then one, then none) {result.ordered[0]:.1%} and {result.ordered[1]:.1%}"
    )


if __name__ == "__main__":
    main()
