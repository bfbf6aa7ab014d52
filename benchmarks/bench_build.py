"""Benchmark: the whole `papersite build` of N synthetic papers, stage by stage, against a floor.

Run ``python -m benchmarks.bench_build --papers 500 5000 [--search pagefind]``. For each N it writes
synthetic content (``--topics``: one paper in four on a theme's topic, sorted by the shipped
themes.yaml; ``--real-words``: words drawn from the seed papers instead of a vocabulary of 60, for
search indexes of a real size), then runs two child processes, one after the other so they do
not share the cores:

- the build: papersite's stages timed one by one (parse, curate, related papers, render, MkDocs,
  search index), exactly as ``build_site`` runs them;
- the floor: plain MkDocs Material, with the same mkdocs.yml, building N one-paragraph pages kept
  out of the nav. No site of N pages can be built faster with these tools, so the ratio to it says
  what papersite adds, on any machine.

Peak memory is each child's maximum resident set (``os.wait4``). Search payload: Material's
search_index.json, or the Pagefind files a browser fetches for its first search (Playwright with
Debian's chromium, when it is installed). Record the printed table in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.synth import write_content
from papersite.build import folder_size

REPO = Path(__file__).parent.parent
CONFIG = REPO / "mkdocs.yml"


@dataclass(frozen=True)
class ChildRun:
    """What one child process reported, with its wall time and peak memory."""

    report: dict[str, Any]
    seconds: float
    max_rss_mb: float
    # The most memory the child and its own children (the related papers' worker, Pagefind)
    # held at one time, sampled: what the machine must have.
    together_mb: float


def tree_rss_mb(root: int) -> float:
    """The resident memory of process ``root`` and all its descendants now, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:  # gone meanwhile
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        children.setdefault(int(fields["PPid"]), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])  # kernel threads have none
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total / 1024


def run_child(*args: str) -> ChildRun:
    """Run this module as a child with ``args``; its last stdout line is a JSON report."""
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bench_build", *args],
        stdout=subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    ) as child:
        together = 0.0
        done = threading.Event()

        def sample() -> None:
            nonlocal together
            while not done.wait(0.25):
                together = max(together, tree_rss_mb(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        assert child.stdout is not None
        output = child.stdout.read()
        done.set()
        sampler.join()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"child {args[0]} failed with status {child.returncode}")
    report = json.loads(output.decode().strip().splitlines()[-1])
    # Linux reports ru_maxrss in kilobytes.
    return ChildRun(report, seconds, usage.ru_maxrss / 1024, together)


def child_build(content: Path, site: Path, config: Path) -> dict[str, Any]:
    """papersite's build, as build_content runs it, with each stage timed.

    Related papers are compared in the worker process the build starts first; "related" is the
    time this process waited for them, and the worker's own CPU time is reported beside.
    """
    from papersite.build import build_epoch, index_search
    from papersite.catalogue import read_catalogue
    from papersite.content import sort_catalogue
    from papersite.errors import Problems
    from papersite.mkdocs_glue import papersite_options, run_mkdocs, site_settings
    from papersite.related import Related, RelatedWorker
    from papersite.render import generate

    stages: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[name] = stages.get(name, 0.0) + now - clock
        clock = now

    with RelatedWorker() as worker:
        catalogue = read_catalogue(content)
        lap("parse")
        curation = sort_catalogue(content, catalogue, Problems())
        lap("curate")
        count = papersite_options(config).related_papers
        pending = worker.compute([item.paper for item in curation.papers], count)
        waited = 0.0

        def related() -> Mapping[str, Related]:
            nonlocal waited
            started = time.perf_counter()
            result = pending()
            waited = time.perf_counter() - started
            return result

        epoch = build_epoch(catalogue)
        docs = site.parent / "docs"
        generated = generate(
            catalogue, curation, site_settings(config, epoch), docs, related=related
        )
        lap("render")
        stages["render"] -= waited
        stages["related"] = waited
    # The worker has been joined: its CPU time and memory are this process's children's so far.
    worker_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with index_search(generated, site.parent) as finish_index:
        lap("render")  # writing Pagefind's pages and starting it: rendering for its index
        run_mkdocs(config, docs, site, generated.nav, epoch=epoch, search=generated.search.backend)
        lap("mkdocs")
        finish_index(site)
        lap("search index")
    return {
        "stages": stages,
        "papers": generated.papers,
        "worker_cpu": worker_usage.ru_utime + worker_usage.ru_stime,
        "worker_rss_mb": worker_usage.ru_maxrss / 1024,
    }


def child_floor(content: Path, site: Path, config: Path) -> dict[str, Any]:
    """Plain MkDocs Material: one page per paper, title and abstract only, not in the nav."""
    from mkdocs.commands.build import build

    from papersite.catalogue import read_catalogue
    from papersite.mkdocs_glue import load_mkdocs_config, mkdocs_logging

    catalogue = read_catalogue(content)
    docs = site.parent / "floor-docs"
    (docs / "papers").mkdir(parents=True)
    (docs / "index.md").write_text("# Floor\n\nPlain pages.\n", encoding="utf-8")
    for paper in catalogue.papers:
        (docs / "papers" / f"{paper.id}.md").write_text(
            f"# {paper.title}\n\n{paper.abstract}\n", encoding="utf-8"
        )
    started = time.perf_counter()
    with mkdocs_logging():
        build(
            load_mkdocs_config(
                config, docs_dir=str(docs), site_dir=str(site), nav=[{"Home": "index.md"}]
            )
        )
    return {"stages": {"mkdocs": time.perf_counter() - started}, "papers": len(catalogue)}


def pagefind_first_search(site: Path, query: str) -> dict[str, int] | None:
    """Bytes of each Pagefind file a browser fetches to show the first results for ``query``.

    Counted as a static host sends them: Pagefind's own index files are gzipped already, and
    hosts such as GitHub Pages gzip JavaScript, CSS and JSON on the way.
    """
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return None
    from playwright.sync_api import Response, sync_playwright

    fetched: dict[str, int] = {}

    def on_response(response: Response) -> None:
        # Pagefind's files, and the Search page's script that asks it.
        if "/pagefind/" in response.url or response.url.endswith("/search.js"):
            body = response.body()
            compressible = response.url.endswith((".js", ".css", ".json"))
            name = response.url.rsplit("/", 1)[1]
            fetched[name] = len(gzip.compress(body, 6)) if compressible else len(body)

    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page()
        page.on("response", on_response)
        page.goto(f"{base}search/")
        page.locator("#ps-search-input").fill(query)
        page.locator(".ps-search-result").first.wait_for(state="visible", timeout=60_000)
        page.wait_for_load_state("networkidle")
        browser.close()
    return fetched


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host's answers, without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(
    site: Path, handler: type[QuietHandler] = QuietHandler, path: str = "/"
) -> Iterator[str]:
    """Serve a built site on a free local port, as a static host would; yields its base URL.

    ``path`` is the base URL's path, which ``handler`` answers at.
    """
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def pagefind_config(folder: Path, group_size: int | None = None) -> Path:
    """A copy of mkdocs.yml that picks the Pagefind backend (``group_size`` papers to a page)."""
    text = CONFIG.read_text(encoding="utf-8")
    config = folder / "mkdocs.yml"
    # As a maintainer switches: by uncommenting the line mkdocs.yml ships for it.
    if "    # search: pagefind\n" not in text:
        raise SystemExit("mkdocs.yml no longer offers '# search: pagefind' to uncomment")
    chosen = "    search: pagefind\n"
    if group_size is not None:
        chosen += f"    search_group_size: {group_size}\n"
    config.write_text(text.replace("    # search: pagefind\n", chosen), "utf-8")
    return config


def measure(
    papers: int, topics: bool, search: str, root: Path, repeat: int = 1, real_words: bool = False
) -> dict[str, Any]:
    """Build N papers and the floor, ``repeat`` times each; one row of figures from the fastest."""
    content = write_content(root / "content", papers, topics=topics, real_words=real_words)
    config = pagefind_config(root) if search == "pagefind" else CONFIG
    builds, floors = [], []
    # Alternating, so a slow spell of the machine weighs on both; the fastest of each is kept.
    for _ in range(repeat):
        for folder in ("build", "floor"):
            shutil.rmtree(root / folder, ignore_errors=True)
        builds.append(run_child("build", str(content), str(root / "build" / "site"), str(config)))
        floors.append(run_child("floor", str(content), str(root / "floor" / "site"), str(CONFIG)))
    build = min(builds, key=lambda run: run.seconds)
    floor = min(floors, key=lambda run: run.report["stages"]["mkdocs"])
    site = root / "build" / "site"
    files, size = folder_size(site)
    own = sum(v for k, v in build.report["stages"].items() if k not in {"mkdocs"})
    row: dict[str, Any] = {
        "papers": papers,
        "stages": build.report["stages"],
        "whole": build.seconds,
        "own": own,
        "floor": floor.report["stages"]["mkdocs"],
        "floor_whole": floor.seconds,
        "rss_mb": build.max_rss_mb,
        "together_mb": build.together_mb,
        "floor_rss_mb": floor.max_rss_mb,
        "worker_cpu": build.report["worker_cpu"],
        "worker_rss_mb": build.report["worker_rss_mb"],
        "files": files,
        "bytes": size,
        "search": search,
        "repeat": repeat,
    }
    index = site / "search" / "search_index.json"
    row["material_index"] = index.stat().st_size if index.exists() else None
    if search == "pagefind":
        bundle = site / "pagefind"
        row["pagefind_bundle"] = folder_size(bundle)[1]
        title = json.loads((site / "papers.json").read_text(encoding="utf-8"))[papers // 2]
        # A reader's usual first search is a word or two; a pasted title is the costly case.
        row["pagefind_first_search"] = {
            "one word": pagefind_first_search(site, "speculative"),
            "a whole title": pagefind_first_search(site, title["title"]),
        }
    return row


def print_row(row: dict[str, Any]) -> None:
    """Print one N's figures."""
    stages = ", ".join(f"{k} {v:.2f} s" for k, v in row["stages"].items())
    floor = row["floor"]
    best = f", fastest of {row['repeat']} runs" if row["repeat"] > 1 else ""
    print(f"\n{row['papers']:,} papers (search: {row['search']}{best})")
    print(f"  stages: {stages}")
    print(
        f"  whole build {row['whole']:.1f} s (process, imports included); "
        f"floor (MkDocs on plain pages) {floor:.1f} s"
    )
    print(
        f"  whole/floor {row['whole'] / floor:.2f}x; papersite's own stages {row['own']:.2f} s = "
        f"{row['own'] / row['whole']:.1%} of the whole build, {row['own'] / floor:.1%} of the floor"
    )
    print(
        f"  related papers' worker process: {row['worker_cpu']:.2f} s CPU (importing "
        f"scikit-learn included), peak {row['worker_rss_mb']:.0f} MB"
    )
    print(
        f"  peak memory {row['rss_mb']:.0f} MB, the largest of the build's processes "
        f"(floor {row['floor_rss_mb']:.0f} MB); {row['together_mb']:.0f} MB all at once"
    )
    print(
        f"  site {row['files']:,} files, {row['bytes'] / 1e6:.1f} MB, "
        f"{row['bytes'] / row['papers'] / 1e3:.1f} KB per paper"
    )
    if row["material_index"] is not None:
        print(f"  Material search_index.json {row['material_index'] / 1e6:.2f} MB")
    if row.get("pagefind_bundle") is not None:
        print(f"  Pagefind bundle {row['pagefind_bundle'] / 1e6:.1f} MB")
        for query, first in row["pagefind_first_search"].items():
            shown = "no chromium" if first is None else f"{sum(first.values()) / 1e3:.0f} KB"
            print(f"  first search transfer, {query}: {shown}")
            for name, size in sorted((first or {}).items(), key=lambda item: -item[1]):
                print(f"    {size / 1e3:7.1f} KB  {name}")


def main() -> None:
    """Measure each N, then the growth from the smallest to the largest."""
    if len(sys.argv) > 1 and sys.argv[1] in {"build", "floor"}:
        kind, content, site, config = sys.argv[1:5]
        run = child_build if kind == "build" else child_floor
        print(json.dumps(run(Path(content), Path(site), Path(config))))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--papers", type=int, nargs="+", default=[500, 5000], help="list sizes to build"
    )
    parser.add_argument("--topics", action="store_true", help="papers the shipped themes sort")
    parser.add_argument(
        "--real-words", action="store_true", help="words drawn from the seed papers, not 60"
    )
    parser.add_argument("--search", choices=["material", "pagefind"], default="material")
    parser.add_argument(
        "--repeat", type=int, default=1, help="build and floor this many times, keep the fastest"
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )
    rows = []
    # Under build/, on the disk a real build writes to (a machine's /tmp may be another).
    (REPO / "build").mkdir(exist_ok=True)
    for papers in args.papers:
        with tempfile.TemporaryDirectory(dir=REPO / "build", prefix="bench-") as tmp:
            rows.append(
                measure(papers, args.topics, args.search, Path(tmp), args.repeat, args.real_words)
            )
        print_row(rows[-1])
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        scale = large["papers"] / small["papers"]
        print(
            f"\ngrowth {small['papers']:,} -> {large['papers']:,} papers ({scale:.0f}x): "
            f"whole build {large['whole'] / small['whole']:.1f}x, "
            f"own stages {large['own'] / small['own']:.1f}x, "
            f"floor {large['floor'] / small['floor']:.1f}x"
        )


if __name__ == "__main__":
    main()
