"""Synthetic Daily Papers dumps of any size, in either layout, for benchmarks.

Papers are drawn from a fixed vocabulary with a seeded generator, so the same arguments always
write the same files; a share of them repeats across dumps, as real captures do.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from papersite.dumps import format_dump
from papersite.sources import Layout, Record

SHIPPED_THEMES = Path(__file__).parent.parent / "content" / "curation" / "themes.yaml"
SEEDS = Path(__file__).parent.parent / "content"

WORDS = (
    "attention transformer recurrent state space model sparse quantization pruning distillation "
    "arithmetic reasoning math addition multiplication benchmark efficient training inference "
    "memory long context linear kernel decoding speculative cache low rank adapter language vision "
    "graph diffusion token scaling law theorem proof numeracy sequence mamba lstm gru convolution "
    "expert mixture hardware latency energy compression evaluation dataset learning neural network"
).split()
CAPTURED = date(2025, 11, 20)
# With --topics the filler words leave out anything a theme's rules look for, and one paper in four
# gets a sentence on one topic below instead, so themes fill as they would with real captures.
TOPIC_WORDS = frozenset(
    "attention transformer recurrent state space sparse quantization pruning distillation "
    "arithmetic reasoning math addition multiplication efficient training inference memory long "
    "context linear decoding speculative cache low rank adapter token scaling law theorem proof "
    "numeracy sequence mamba lstm gru expert mixture hardware latency energy compression".split()
)
TOPICS = (
    "We quantize weights to 4-bit with a learned codebook and keep accuracy.",
    "Pruning half the weights gives a sparse network with the same loss.",
    "A linear attention layer shrinks the KV cache for long context inference.",
    "Speculative decoding cuts latency and raises serving throughput.",
    "A state space model in the style of Mamba replaces the transformer on long sequences.",
    "A recurrent network with gated memory competes with attention on sequence modelling.",
    "The model learns multi-digit arithmetic: addition and multiplication of long numbers.",
    "Numeracy of language models is measured on math word problems and arithmetic reasoning.",
)


def seed_words() -> tuple[str, ...]:
    """Every word of the shipped seed papers' titles and abstracts, as often as it occurs there.

    Drawn from, it gives text with a real vocabulary's size and skew (a few words everywhere, most
    rare), which is what a search index's size depends on.
    """
    from papersite.catalogue import read_catalogue

    catalogue = read_catalogue(SEEDS)
    text = " ".join(f"{paper.title} {paper.abstract}" for paper in catalogue.papers)
    return tuple(re.findall(r"[a-z][a-z-]*[a-z]", text.lower()))


def synthetic_records(
    count: int, seed: int = 0, *, topics: bool = False, real_words: bool = False
) -> list[Record]:
    """``count`` distinct papers with titles, abstracts and (mostly) metadata.

    With ``topics``, only one paper in four is about a topic the shipped themes look for; with
    ``real_words``, words are drawn from the seed papers (see :func:`seed_words`) rather than
    from a vocabulary of 60.
    """
    rng = random.Random(seed)
    words = seed_words() if real_words else WORDS
    if topics:
        words = tuple(word for word in words if word not in TOPIC_WORDS)
    records = []
    for index in range(count):
        title = " ".join(rng.choice(words).capitalize() for _ in range(rng.randint(4, 11)))
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(8, 22))).capitalize() + "."
            for _ in range(rng.randint(6, 12))
        ]
        if topics and index % 4 == 0:
            sentences.insert(1, TOPICS[(index // 4) % len(TOPICS)])
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


def write_dumps(
    folder: Path,
    papers: int,
    per_file: int = 5000,
    seed: int = 0,
    *,
    topics: bool = False,
    real_words: bool = False,
) -> list[Path]:
    """Write ``papers`` papers as dumps of ``per_file`` into ``folder``, alternating layouts.

    One mention in twenty is repeated in the next file, so merging has work to do.
    """
    folder.mkdir(parents=True, exist_ok=True)
    records = synthetic_records(papers, seed, topics=topics, real_words=real_words)
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
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="content folder to create (sources/ inside)")
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument(
        "--topics",
        action="store_true",
        help="one paper in four on a theme's topic, and the shipped themes.yaml in curation/",
    )
    parser.add_argument("--real-words", action="store_true", help="words drawn from the seeds")
    args = parser.parse_args()
    write_content(args.out, args.papers, topics=args.topics, real_words=args.real_words)


def write_content(
    out: Path, papers: int, *, topics: bool = False, real_words: bool = False
) -> Path:
    """A content folder: synthetic dumps, and with ``topics`` the shipped themes (no decisions)."""
    write_dumps(out / "sources", papers, topics=topics, real_words=real_words)
    if topics:
        curation = out / "curation"
        curation.mkdir(parents=True, exist_ok=True)
        shutil.copy(SHIPPED_THEMES, curation / "themes.yaml")
    return out


if __name__ == "__main__":
    main()
