"""Benchmark: how soon `papersite serve` shows a curator's edit (target: under 3 s).

Run ``python -m benchmarks.bench_serve [--content content] [--edits 3] [--mkdocs-edits 0]``. It
copies the content and mkdocs.yml into a scratch folder, starts ``papersite serve`` on a free port
and times, from the moment a file is saved to the moment the preview serves the changed page:

- the baseline: an edit MkDocs sees directly (a line added to a generated Markdown page), which is
  what MkDocs' own rebuild costs and papersite cannot go below;
- a curator's edit: a paper's note in papers.yaml changed, which papersite must regenerate (left
  out when the content's papers.yaml does not hold that note, as synthetic content's does not);
- with ``--mkdocs-edits``, an edit of mkdocs.yml that shows on every page (its ``copyright``
  changed), for which papersite and MkDocs rebuild every page: timed until both the home page and a
  paper's page show it.

For synthetic content (``python -m benchmarks.synth OUT --papers 5000 --topics``), raise
``--timeout``: the first build and each rebuild take minutes at 50,000 papers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from papersite.mkdocs_glue import load_mkdocs_yaml
from papersite.wording import counted

REPO = Path(__file__).parent.parent
PAPER = "a-critical-review-of-recurrent-neural-networks-for-sequence-learning"
NOTE = "A readable tour of RNNs, LSTMs and bidirectional models"
TIMEOUT = 60.0
# The copyright line each mkdocs.yml edit writes; Material shows it in every page's footer.
COPYRIGHT = "copyright: {marker}\n"


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    """The page's text, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, marker: str, since: float, timeout: float = TIMEOUT) -> float:
    """Seconds from ``since`` until ``url`` serves a page holding ``marker``."""
    while time.perf_counter() - since < timeout:
        page = fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - since
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {marker!r} within {timeout:.0f} s")


def summary(what: str, times: list[float]) -> str:
    """One line of ``times``' median and max, or that none were taken."""
    if not times:
        return f"{what}: not timed"
    return (
        f"{what}: median {statistics.median(times):.2f} s, max {max(times):.2f} s "
        f"({counted(len(times), 'edit')})"
    )


def main() -> None:
    """Start the preview, make the edits, print the times."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--edits", type=int, default=3, help="papers.yaml edits to time")
    parser.add_argument("--mkdocs-edits", type=int, default=0, help="mkdocs.yml edits to time")
    parser.add_argument(
        "--timeout", type=float, default=TIMEOUT, help="seconds to wait for the preview or an edit"
    )
    args = parser.parse_args()
    (REPO / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=REPO / "build", prefix="bench-serve-") as tmp:
        root = Path(tmp)
        content = root / "content"
        shutil.copytree(args.content, content)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        port = free_port()
        # MkDocs serves the site under the path of site_url, as it will be published.
        mount = urlsplit(load_mkdocs_yaml(REPO / "mkdocs.yml")["site_url"]).path
        base = f"http://127.0.0.1:{port}{mount}"
        started = time.perf_counter()
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "papersite", "serve", "--content", str(content)),
                *("--config", str(root / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            ready = wait_for(base, "papersite", started, args.timeout)
            print(f"preview ready in {ready:.1f} s")
            time.sleep(2)  # let the first build's file watching settle
            papers_yaml = content / "curation" / "papers.yaml"
            noted = papers_yaml.is_file() and NOTE in papers_yaml.read_text(encoding="utf-8")
            if not noted:
                # Named as given, not in the scratch copy, which is gone once the run ends.
                given = args.content / "curation" / "papers.yaml"
                print(f"{given} holds no note {NOTE!r}: no papers.yaml edit timed")
            docs = root / "build" / "docs"
            about = docs / "about.md"
            baseline, edits, mkdocs_edits = [], [], []
            for number in range(args.edits):
                marker = f"Baseline edit {number}."
                since = time.perf_counter()
                with about.open("a", encoding="utf-8") as handle:
                    handle.write(f"\n{marker}\n")
                baseline.append(wait_for(base + "about/", marker, since, args.timeout))
                time.sleep(1)
                if not noted:
                    continue
                marker = f"Edited note {number}."
                text = papers_yaml.read_text(encoding="utf-8")
                since = time.perf_counter()
                papers_yaml.write_text(text.replace(NOTE, marker, 1), encoding="utf-8")
                edits.append(wait_for(base + f"papers/{PAPER}/", marker, since, args.timeout))
                papers_yaml.write_text(text, encoding="utf-8")
                time.sleep(3)  # the restored file regenerates too; let it finish
            # Any paper's page will do, synthetic content having no PAPER; the shipped one if there.
            paper = PAPER if (docs / "papers" / f"{PAPER}.md").is_file() else None
            paper = paper or min(page.stem for page in (docs / "papers").glob("*.md"))
            config = root / "mkdocs.yml"
            original = config.read_text(encoding="utf-8")
            for number in range(args.mkdocs_edits):
                # Each edit writes a new copyright, none restores the old: a restore would rebuild
                # every page again, minutes at scale, before the next edit could be timed.
                marker = f"Edited copyright {number}."
                since = time.perf_counter()
                config.write_text(original + COPYRIGHT.format(marker=marker), encoding="utf-8")
                # MkDocs serves no page while it rebuilds, so the second wait is short.
                wait_for(base, marker, since, args.timeout)
                mkdocs_edits.append(
                    wait_for(base + f"papers/{paper}/", marker, since, args.timeout)
                )
                time.sleep(3)  # let the file watching settle before the next save
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(summary("baseline (MkDocs sees a Markdown edit)", baseline))
    print(summary("curator's edit (papers.yaml note)", edits))
    print(summary("mkdocs.yml edit (copyright on every page)", mkdocs_edits))


if __name__ == "__main__":
    main()
