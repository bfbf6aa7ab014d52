"""Benchmark: how the site's search ranks papers, with Pagefind or with Material's search.

Run ``python -m benchmarks.bench_search [--content content] [--groups 10] [--material]
[--misses]``. It builds the content twice with the Pagefind backend: one paper to a Pagefind page,
where Pagefind ranks the papers itself (the baseline), and ``--groups`` papers to a page, where the
Search page ranks the papers of the groups Pagefind finds (templates/search.js). Then, in
Chromium, it asks both:

- every paper's title, pasted whole: where does that paper come (1st, in the top 10, missed)?
- the most common words of the titles, one at a time: how many of the baseline's top 10 does the
  grouped search also list in its top 10, and how many have the word in their title?
- two neighbouring words of a title, for 60 titles: Pagefind lists only pages holding both, so how
  many papers listed hold both (the start of each word, as a stand-in for its stem)? And are the
  papers with both in their title listed first, then those with one?

``--material`` asks the same of Material's built-in search (lunr) instead, typed into the header's
search box of the site built with mkdocs.yml, and of the same site built with each setting in
SETTINGS; the baseline is mkdocs.yml as it is. Material lists pages holding any word of a query,
papers and the site's other pages alike: a paper's place is among the papers in the first 10
results listed. It also types the first five letters of each common word, as a reader does on the
way to the word: how many of the top 10 have a title word starting so?

``--misses`` then prints each title pasted whole whose paper the shipped search does not list
first (the grouped Search page, or Material's with mkdocs.yml as it is): its rank, or "not in the
top 10", and the titles listed above it.

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

from benchmarks.bench_build import CONFIG, REPO, pagefind_config, serving
from papersite.build import build_site
from papersite.content import Loaded, load_content

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
# A query typed into Material's search box: the box emptied first, so that the next result is this
# query's (Material shows its placeholder for an empty box), then the papers among the first
# results listed. Material reads the box on keyup and renders a result's first 10 items at once.
MATERIAL = """async ([query, count]) => {
  const box = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const placeholder = "Type to start searching";
  const until = async (done) => {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  box.value = "";
  box.dispatchEvent(new KeyboardEvent("keyup"));
  await until(() => meta.textContent === placeholder);
  box.value = query;
  box.dispatchEvent(new KeyboardEvent("keyup"));
  await until(() => meta.textContent !== placeholder);
  const links = [...document.querySelectorAll(".md-search-result__item > a")].slice(0, count);
  return links
    .map((link) => new URL(link.href).pathname.match(/^\\/papers\\/([^/]+)\\/$/))
    .filter(Boolean)
    .map((found) => found[1]);
}"""
# Settings of Material's search plugin compared with mkdocs.yml's own: pipelines other than its
# English default (stopWordFilter alone), with lunr's English stemmer and its trimmer (non-word
# characters off a word's ends); and a title weighing less against the abstract (Material's
# default boosts: title 1000, text 1). Material ends every query word with a wildcard, and lunr
# runs no pipeline on such a word: stemmed, the index holds "attent", which "attention*" misses.
SETTINGS = (
    "pipeline: [stemmer, stopWordFilter]",
    "pipeline: [stemmer, stopWordFilter, trimmer]",
    "fields: {title: {boost: 10}}",
)
# Function words: left out of word queries; the Search page leaves the same out of every query.
COMMON = frozenset(
    "a an and are as at be by for from has have in into is it its of on or our that the their "
    "this to via we what when which while with without".split()
)
# Letters of a common word typed, for Material's search, which finds words by their start.
TYPED = 5


@dataclass(frozen=True)
class Queries:
    """The queries asked, and what they are checked against."""

    titles: dict[str, str]  # each paper's title by id, in the curation's order
    text: dict[str, str]  # each paper's title and abstract by id, in lower case
    words: list[str]  # the commonest title words
    pairs: list[str]  # two neighbouring words of a title
    typed: list[str]  # the commonest title words' first letters

    @classmethod
    def of(cls, loaded: Loaded) -> Queries:
        """The queries for ``loaded``'s papers."""
        papers = [item.paper for item in loaded.curation.papers]
        titles = {paper.id: paper.title for paper in papers}
        words = common_words(list(titles.values()), 50)
        return cls(
            titles,
            {paper.id: f"{paper.title} {paper.abstract}".lower() for paper in papers},
            words,
            word_pairs(list(titles.values()), 60),
            list(dict.fromkeys(word[:TYPED] for word in words)),
        )

    def asked(self, typed: bool = False) -> list[str]:
        """Every query, in the order ``figures`` reads their rankings."""
        return [*self.titles.values(), *self.words, *self.pairs, *(self.typed if typed else ())]


@dataclass(frozen=True)
class Figures:
    """How one search ranks the queries."""

    first: float  # share of title queries whose paper came first
    top: float  # ... came in the top 10
    pasted: list[list[str]]  # each title's top 10, in the curation's order
    words: list[list[str]]  # each common word's top 10
    titled: float  # mean share of a word's top 10 with the word in their title
    both: float  # mean share of a word pair's results holding both words
    listed: float  # mean number of papers listed for a word pair (at most 10)
    # Share of word pairs whose results come in title order: papers with both words in the title
    # first, then those with one, then the rest.
    ordered: float
    # Mean share of a typed start's top 10 with a title word starting so, a place left empty
    # counting as none (None: not asked).
    started: float | None = None

    def overlap(self, base: Figures) -> float:
        """Mean share of ``base``'s top 10 for a common word that this top 10 also holds."""
        shares = [
            len(set(b) & set(f)) / len(b) for b, f in zip(base.words, self.words, strict=True) if b
        ]
        return sum(shares) / len(shares) if shares else 1.0


def mean(values: Sequence[float]) -> float:
    """The mean of ``values``, 0 for none."""
    return sum(values) / len(values) if values else 0.0


def figures(queries: Queries, found: Sequence[list[str]]) -> Figures:
    """Score one search's rankings of ``queries.asked()`` (and, if asked, the typed starts)."""
    titles, text = queries.titles, queries.text
    ids = list(titles)
    pasted = found[: len(ids)]
    words = list(found[len(ids) : len(ids) + len(queries.words)])
    paired = found[len(ids) + len(words) : len(ids) + len(words) + len(queries.pairs)]
    typed = found[len(ids) + len(words) + len(paired) :]

    def in_title_order(pair: str, ranking: list[str]) -> bool:
        held = [sum(w[:5] in titles[i].lower() for w in pair.split()) for i in ranking]
        return held == sorted(held, reverse=True)

    def title_words(paper_id: str) -> list[str]:
        return re.findall(r"[a-z]+", titles[paper_id].lower())

    return Figures(
        mean([bool(r) and r[0] == paper_id for paper_id, r in zip(ids, pasted, strict=True)]),
        mean([paper_id in r for paper_id, r in zip(ids, pasted, strict=True)]),
        list(pasted),
        words,
        mean(
            [
                sum(word in titles[paper_id].lower() for paper_id in ranking) / len(ranking)
                for word, ranking in zip(queries.words, words, strict=True)
                if ranking
            ]
        ),
        mean(
            [
                sum(all(w[:5] in text[paper_id] for w in pair.split()) for paper_id in ranking)
                / len(ranking)
                for pair, ranking in zip(queries.pairs, paired, strict=True)
                if ranking
            ]
        ),
        mean([len(ranking) for ranking in paired]),
        mean([in_title_order(pair, r) for pair, r in zip(queries.pairs, paired, strict=True)]),
        mean(
            [
                sum(any(w.startswith(start) for w in title_words(i)) for i in r) / TOP
                for start, r in zip(queries.typed, typed, strict=True)
            ]
        )
        if typed
        else None,
    )


@contextmanager
def browsing(site: Path, path: str, ready: str) -> Iterator[Any]:
    """A Chromium page at ``path`` of ``site``, served on a free port, once ``ready`` holds."""
    from playwright.sync_api import sync_playwright

    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page()
        page.goto(f"{base}{path}")
        page.wait_for_function(ready)
        yield page
        browser.close()


def rankings(site: Path, script: str, queries: Sequence[str]) -> list[list[str]]:
    """The top paper ids for each query, as ``script`` ranks them on ``site``'s Search page."""
    with browsing(site, "search/", "window.papersiteSearch !== undefined") as page:
        return [page.evaluate(script, [query, TOP]) for query in queries]


def material_rankings(site: Path, queries: Sequence[str]) -> list[list[str]]:
    """The top paper ids for each query typed into Material's search box on ``site``."""
    # The placeholder shows once the index has loaded: a query typed before is lost.
    ready = "document.querySelector('.md-search-result__meta').textContent.startsWith('Type')"
    with browsing(site, "about/", ready) as page:
        return [page.evaluate(MATERIAL, [query, TOP]) for query in queries]


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


def compare(content: Path, group_size: int, root: Path) -> tuple[Queries, Figures, Figures]:
    """Build ``content`` one paper and ``group_size`` papers to a page; rank the queries on both."""
    loaded = load_content(content)
    sites = {}
    for size in (1, group_size):
        folder = root / f"groups-{size}"
        folder.mkdir()
        build_site(loaded, folder / "site", config_file=pagefind_config(folder, size))
        sites[size] = folder / "site"
    queries = Queries.of(loaded)
    base = figures(queries, rankings(sites[1], BASELINE, queries.asked()))
    return queries, base, figures(queries, rankings(sites[group_size], GROUPED, queries.asked()))


def material_config(folder: Path, setting: str) -> Path:
    """A copy of mkdocs.yml whose search plugin has ``setting`` (one line of YAML)."""
    text = CONFIG.read_text(encoding="utf-8")
    config = folder / "mkdocs.yml"
    plugin = "  - search:\n"
    if text.count(plugin) != 1:
        raise SystemExit("mkdocs.yml no longer has '  - search:' among its plugins")
    config.write_text(text.replace(plugin, f"{plugin}      {setting}\n"), "utf-8")
    return config


def compare_material(content: Path, root: Path) -> tuple[Queries, dict[str, Figures]]:
    """Build ``content`` with mkdocs.yml and with each of SETTINGS; rank the queries on each."""
    loaded = load_content(content)
    queries = Queries.of(loaded)
    configs = {"mkdocs.yml": CONFIG}
    for number, setting in enumerate(SETTINGS):
        folder = root / f"setting-{number}"
        folder.mkdir()
        configs[setting] = material_config(folder, setting)
    results = {}
    for number, (label, config) in enumerate(configs.items()):
        site = root / f"material-{number}" / "site"
        build_site(loaded, site, config_file=config)
        results[label] = figures(queries, material_rankings(site, queries.asked(typed=True)))
    return queries, results


def print_pagefind(queries: Queries, base: Figures, grouped: Figures, groups: int) -> None:
    """Print how the grouped search ranks against Pagefind's own."""
    print(f"{len(queries.titles)} titles, each pasted whole; {TOP} results kept")
    for label, which in (("first", "first"), (f"top {TOP}", "top")):
        print(
            f"  paper {label}: one to a page {getattr(base, which):.1%}, "
            f"{groups} to a page {getattr(grouped, which):.1%}"
        )
    print(
        f"{len(queries.words)} common title words: the grouped top {TOP} holds "
        f"{grouped.overlap(base):.1%} of the baseline's top {TOP}; the word is in the title of "
        f"{base.titled:.1%} of the baseline's and {grouped.titled:.1%} of the grouped"
    )
    print(
        f"{len(queries.pairs)} pairs of title words: both words in {base.both:.1%} of the "
        f"baseline's results and {grouped.both:.1%} of the grouped; papers listed "
        f"{base.listed:.1f} and {grouped.listed:.1f} a pair; in title order (both words in "
        f"the title, then one, then none) {base.ordered:.1%} and {grouped.ordered:.1%}"
    )


def print_material(queries: Queries, results: dict[str, Figures]) -> None:
    """Print one row of BENCHMARKS.md's search table per configuration of Material's search."""
    print(
        f"Material's search, {len(queries.titles)} titles, {len(queries.words)} common title "
        f"words, {len(queries.pairs)} pairs, {len(queries.typed)} starts of {TYPED} letters; "
        f"papers among the first {TOP} results"
    )
    print(
        "| configuration | title pasted whole: its paper first | in the top 10 | common title "
        "words: share of the baseline's top 10 also listed | top 10 with the word in the title | "
        "pairs: results holding both | papers listed a pair | pairs listed in title order | "
        f"a word's first {TYPED} letters: top 10 with a title word starting so |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    base = next(iter(results.values()))
    for label, found in results.items():
        overlap = "–" if found is base else f"{found.overlap(base):.1%}"
        print(
            f"| {label} | {found.first:.1%} | {found.top:.1%} | {overlap} | {found.titled:.1%} | "
            f"{found.both:.1%} | {found.listed:.1f} | {found.ordered:.1%} | {found.started:.1%} |"
        )


def print_misses(queries: Queries, search: str, found: Figures) -> None:
    """Print each title pasted whole whose paper ``search`` does not list first, and those above."""
    titles = queries.titles
    missed = [
        (paper_id, ranking)
        for paper_id, ranking in zip(titles, found.pasted, strict=True)
        if ranking[:1] != [paper_id]
    ]
    print(f"{len(missed)} titles pasted whole whose paper {search} does not list first")
    for paper_id, ranking in missed:
        if paper_id in ranking:
            above = ranking[: ranking.index(paper_id)]
            print(f"- {titles[paper_id]} (rank {len(above) + 1}), after:")
        else:
            above = ranking
            listed = "which lists:" if above else "nothing listed"
            print(f"- {titles[paper_id]} (not in the top {TOP}), {listed}")
        for number, other in enumerate(above, 1):
            print(f"  {number}. {titles[other]}")


def main() -> None:
    """Compare and print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--groups", type=int, default=10, help="papers to a Pagefind page")
    parser.add_argument("--material", action="store_true", help="Material's search instead")
    parser.add_argument(
        "--misses", action="store_true", help="then each pasted title not first, and those above"
    )
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit("needs Debian's chromium: apt-get install chromium")
    (REPO / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=REPO / "build", prefix="bench-search-") as tmp:
        if args.material:
            queries, results = compare_material(args.content, Path(tmp))
            print_material(queries, results)
            if args.misses:
                print_misses(queries, "Material's search", results["mkdocs.yml"])
        else:
            queries, base, grouped = compare(args.content, args.groups, Path(tmp))
            print_pagefind(queries, base, grouped, args.groups)
            if args.misses:
                print_misses(queries, "the Search page", grouped)


if __name__ == "__main__":
    main()
