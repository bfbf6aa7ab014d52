"""Benchmark: this machine's cost of creating a build's page files, the spread of "render".

Run ``python -m benchmarks.bench_files [--files 5000] [--folder build] [--repeat 3]``. It times
creating that many 2 KB files in one new folder, as a build creates its paper pages, one thread and
then several alternating, so that a slow spell of the disk shows in every row of one run. The
figures sit beside the whole build's in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

DATA = b"x" * 2048


def create(path: str) -> None:
    """Create one file exclusively and write it, as papersite's SiteWriter does in a new folder."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with open(fd, "wb") as file:
        file.write(DATA)


def time_creating(folder: Path, files: int, threads: int) -> float:
    """Seconds ``threads`` threads take to create ``files`` files in a new folder in ``folder``."""
    target = Path(tempfile.mkdtemp(dir=folder, prefix="bench-files-"))
    try:
        paths = [os.fspath(target / f"{i}.md") for i in range(files)]
        start = time.perf_counter()
        if threads == 1:
            for path in paths:
                create(path)
        else:
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(create, paths, chunksize=50))
        return time.perf_counter() - start
    finally:
        shutil.rmtree(target)


def main() -> None:
    """Print the time each way of creating the files took, runs alternating."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--folder", type=Path, default=Path("build"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    for run in range(1, args.repeat + 1):
        for threads in (1, 4):
            seconds = time_creating(args.folder, args.files, threads)
            line = f"run {run}: {args.files:,} files, {threads} thread(s): {seconds:.2f} s"
            print(line, flush=True)


if __name__ == "__main__":
    main()
