"""Related papers: the nearest neighbours of each paper by TF-IDF cosine similarity.

Titles and abstracts become L2-normalised sparse TF-IDF vectors, so a dot product is a cosine.
Similarities are computed a block of rows at a time and only the top k of each row kept: memory
grows with the number of papers, never with its square, which is what lets 50,000 papers fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from papersite.catalogue import Paper

RELATED_COUNT = 5
# Rows per block: a block's similarity row set is at most BLOCK x n floats (50,000 papers: 100 MB).
BLOCK = 256


@dataclass(frozen=True)
class Related:
    """Papers similar to one paper, most similar first."""

    paper_id: str
    related: tuple[str, ...]


def related_papers(papers: Sequence[Paper], count: int = RELATED_COUNT) -> dict[str, Related]:
    """For every paper, up to ``count`` others by descending similarity (ties: catalogue order)."""
    if len(papers) < 2 or count < 1:
        return {paper.id: Related(paper.id, ()) for paper in papers}
    # Title words count twice: a shared title word says more than a shared abstract word.
    texts = [f"{p.title} {p.title} {p.abstract}" for p in papers]
    vectorizer = TfidfVectorizer(
        stop_words="english",
        sublinear_tf=True,
        dtype=np.float32,
        # Words in most abstracts ("model", "results") cost the most to multiply and say least.
        max_df=0.5 if len(papers) >= 20 else 1.0,
        token_pattern=r"(?u)\b[^\W\d_][\w-]+\b",
    )
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # every text was stop words only: nothing to compare
        return {paper.id: Related(paper.id, ()) for paper in papers}
    transposed = matrix.T.tocsc()
    k = min(count, len(papers) - 1)
    result: dict[str, Related] = {}
    for start in range(0, len(papers), BLOCK):
        stop = min(start + BLOCK, len(papers))
        scores = (matrix[start:stop] @ transposed).toarray()
        rows = np.arange(stop - start)
        scores[rows, rows + start] = -1.0  # a paper is not related to itself
        for offset, row in enumerate(scores):
            index = start + offset
            result[papers[index].id] = Related(papers[index].id, _top(row, k, papers))
    return result


def _top(row: np.ndarray, k: int, papers: Sequence[Paper]) -> tuple[str, ...]:
    # The k-th largest score; ties at it go to the papers first in catalogue order, so the choice
    # never depends on how argpartition happens to break them.
    kth = np.partition(row, len(row) - k)[len(row) - k]
    above = np.flatnonzero(row > kth)
    level = np.flatnonzero(row == kth)[: k - len(above)]
    chosen = sorted([*above.tolist(), *level.tolist()], key=lambda i: (-float(row[i]), i))
    return tuple(papers[i].id for i in chosen if row[i] > 0.0)
