"""Benchmark: how soon `papersite serve` shows a curator's edit (target: under 3 s).

Run ``python -m benchmarks.bench_serve [--content content] [--edits 3]``. It copies the content and
mkdocs.yml into a scratch folder, starts ``papersite serve`` on a free port and times, from the
moment a file is saved to the moment the preview serves the changed page:

- the baseline: an edit MkDocs sees directly (a line added to a generated Markdown page), which is
  what MkDocs' own rebuild costs and papersite cannot go below;
- a curator's edit: a paper's note in papers.yaml changed, which papersite must regenerate.
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

from papersite.mkdocs_glue import read_mkdocs_yaml
from papersite.wording import counted

REPO = Path(__file__).parent.parent
PAPER = "a-critical-review-of-recurrent-neural-networks-for-sequence-learning"
NOTE = "A readable tour of RNNs, LSTMs and bidirectional models"
TIMEOUT = 60.0


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


def wait_for(url: str, marker: str, since: float) -> float:
    """Seconds from ``since`` until ``url`` serves a page holding ``marker``."""
    while time.perf_counter() - since < TIMEOUT:
        page = fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - since
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {marker!r} within {TIMEOUT:.0f} s")


def main() -> None:
    """Start the preview, make the edits, print the times."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--edits", type=int, default=3, help="papers.yaml edits to time")
    args = parser.parse_args()
    (REPO / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=REPO / "build", prefix="bench-serve-") as tmp:
        root = Path(tmp)
        content = root / "content"
        shutil.copytree(args.content, content)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        port = free_port()
        # MkDocs serves the site under the path of site_url, as it will be published.
        mount = urlsplit(read_mkdocs_yaml(REPO / "mkdocs.yml")["site_url"]).path
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
            ready = wait_for(base, "papersite", started)
            print(f"preview ready in {ready:.1f} s")
            time.sleep(2)  # let the first build's file watching settle
            papers_yaml = content / "curation" / "papers.yaml"
            about = root / "build" / "docs" / "about.md"
            baseline, edits = [], []
            for number in range(args.edits):
                marker = f"Baseline edit {number}."
                since = time.perf_counter()
                with about.open("a", encoding="utf-8") as handle:
                    handle.write(f"\n{marker}\n")
                baseline.append(wait_for(base + "about/", marker, since))
                time.sleep(1)
                marker = f"Edited note {number}."
                text = papers_yaml.read_text(encoding="utf-8")
                since = time.perf_counter()
                papers_yaml.write_text(text.replace(NOTE, marker, 1), encoding="utf-8")
                edits.append(wait_for(base + f"papers/{PAPER}/", marker, since))
                papers_yaml.write_text(text, encoding="utf-8")
                time.sleep(3)  # the restored file regenerates too; let it finish
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"baseline (MkDocs sees a Markdown edit): median {statistics.median(baseline):.2f} s, "
        f"max {max(baseline):.2f} s"
    )
    print(
        f"curator's edit (papers.yaml note): median {statistics.median(edits):.2f} s, "
        f"max {max(edits):.2f} s ({counted(len(edits), 'edit')})"
    )


if __name__ == "__main__":
    main()
