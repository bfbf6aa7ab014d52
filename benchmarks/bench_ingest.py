"""Benchmark: parse and merge N synthetic papers (target: 50,000 in under 2 s).

Run ``python -m benchmarks.bench_ingest [--papers N]``. It also times a baseline in the same run,
reading the same files line by line and doing nothing else, so a slow machine shows as a slow
baseline rather than as a slow parser. Record results in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from pathlib import Path

from benchmarks.synth import write_dumps
from papersite.catalogue import read_catalogue


def _baseline(folder: Path) -> float:
    started = time.perf_counter()
    for path in sorted(folder.glob("*.txt")):
        with path.open("rb") as handle:
            for raw in handle:
                raw.decode("utf-8").rstrip()
    return time.perf_counter() - started


def main() -> None:
    """Write the dumps, then time the baseline and read_catalogue (best of --repeat runs)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=50_000, help="papers in the synthetic dumps")
    parser.add_argument("--repeat", type=int, default=3, help="runs, the best one reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        paths = write_dumps(content / "sources", args.papers)
        size = sum(p.stat().st_size for p in paths)
        baseline = min(_baseline(content / "sources") for _ in range(args.repeat))
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            catalogue = read_catalogue(content)
            timings.append(time.perf_counter() - started)
        assert len(catalogue) == args.papers, (len(catalogue), args.papers)
        read = sum(s.read for s in catalogue.sources)
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}"
    )
    print(
        f"input: {len(paths)} dumps, {size / 1e6:.1f} MB, {read:,} records, "
        f"{len(catalogue):,} papers"
    )
    print(f"baseline (read and decode lines): {baseline:.2f} s")
    print(
        f"parse and merge (best of {args.repeat}): {min(timings):.2f} s "
        f"({min(timings) / baseline:.1f}x baseline)"
    )


if __name__ == "__main__":
    main()
