"""Synthetic Daily Papers dumps of any size, in either layout, for benchmarks.

Papers are drawn from a fixed vocabulary with a seeded generator, so the same arguments always
write the same files; a share of them repeats across dumps, as real captures do.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from papersite.sources import Layout, Record, format_dump

WORDS = (
    "attention transformer recurrent state space model sparse quantization pruning distillation "
    "arithmetic reasoning math addition multiplication benchmark efficient training inference "
    "memory long context linear kernel decoding speculative cache low rank adapter language vision "
    "graph diffusion token scaling law theorem proof numeracy sequence mamba lstm gru convolution "
    "expert mixture hardware latency energy compression evaluation dataset learning neural network"
).split()
CAPTURED = date(2025, 11, 20)


def synthetic_records(count: int, seed: int = 0) -> list[Record]:
    """``count`` distinct papers with titles, abstracts and (mostly) metadata."""
    rng = random.Random(seed)
    records = []
    for index in range(count):
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(4, 11)))
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22))).capitalize() + "."
            for _ in range(rng.randint(6, 12))
        ]
        if index % 7 == 0:
            sentences.append(f"Code: https://github.com/lab{index}/repo{index}.")
        dated = index % 5 != 0
        records.append(
            Record(
                source="",
                line=0,
                title=f"{title} {index}",
                abstract=" ".join(sentences),
                authors=rng.randint(1, 40) if dated else None,
                published=CAPTURED - timedelta(days=rng.randint(0, 2000)) if dated else None,
                upvotes=rng.randint(0, 300) if dated else None,
                upvotes_as_of=CAPTURED if dated else None,
            )
        )
    return records


def write_dumps(folder: Path, papers: int, per_file: int = 5000, seed: int = 0) -> list[Path]:
    """Write ``papers`` papers as dumps of ``per_file`` into ``folder``, alternating layouts.

    One mention in twenty is repeated in the next file, so merging has work to do.
    """
    folder.mkdir(parents=True, exist_ok=True)
    records = synthetic_records(papers, seed)
    paths = []
    for number, start in enumerate(range(0, papers, per_file)):
        chunk = records[start : start + per_file]
        repeats = records[start + per_file : start + per_file + per_file // 20]
        layout = Layout.SPACED if number % 2 == 0 else Layout.DENSE
        if layout is Layout.DENSE:
            chunk = [Record("", 0, r.title, r.abstract) for r in chunk + repeats]
        else:
            chunk = chunk + repeats
        path = folder / f"{number:03d}_synthetic.txt"
        path.write_text(format_dump(chunk, layout, page_date=CAPTURED), encoding="utf-8")
        paths.append(path)
    (folder / "sources.yaml").write_text(
        "sources:\n"
        + "".join(f"  {p.name}:\n    captured: {CAPTURED.isoformat()}\n" for p in paths),
        encoding="utf-8",
    )
    return paths


def main() -> None:
    """Write a synthetic content folder: ``python -m benchmarks.synth OUT --papers N``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, help="content folder to create (sources/ inside)")
    parser.add_argument("--papers", type=int, default=5000)
    args = parser.parse_args()
    write_dumps(args.out / "sources", args.papers)


if __name__ == "__main__":
    main()
