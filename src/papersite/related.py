"""Related papers: the nearest neighbours of each paper by TF-IDF cosine similarity.

Titles and abstracts become L2-normalised sparse TF-IDF vectors, so a dot product is a cosine.
sparse_dot_topn multiplies them on every core, keeping only each row's best few scores: memory
grows with the number of papers, never with its square, which is what lets 50,000 papers fit.
With a real vocabulary nearly every pair of papers shares some word, so the product is nearly
dense; scipy's sparse product took 91 s on 50,000 such papers, this one 26 s on two cores.
Where sparse_dot_topn has no wheel (pyproject.toml says which platforms), scipy's product is
used a block of rows at a time, with the same answers.

Importing scikit-learn takes 0.7-2 s, and comparing 5,000 papers about 0.6 s. A build asks a
:class:`RelatedWorker` for them before it reads the content: a second process imports
scikit-learn while this one reads and curates, then compares the papers while this one renders
the pages that list no related papers.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np

from papersite.catalogue import Paper

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# Scores kept per paper beyond the ones shown: a tie at the cut sends a paper to the exact path.
TIE_ROOM = 4
# Rows compared at a time by scipy, each ranked whole (without sparse_dot_topn, or a row tied at
# the cut): at most BLOCK x n scores held, 8 bytes each (50,000 papers: about 100 MB).
BLOCK = 256


@dataclass(frozen=True)
class Related:
    """Papers similar to one paper, most similar first."""

    paper_id: str
    related: tuple[str, ...]


# Every paper's related papers: known, or being computed elsewhere (call it to wait for them).
RelatedPapers = Mapping[str, Related] | Callable[[], Mapping[str, Related]]


def related_papers(papers: Sequence[Paper], count: int) -> dict[str, Related]:
    """For every paper, up to ``count`` others by descending similarity (ties: catalogue order)."""
    if len(papers) < 2 or count < 1:
        return {paper.id: Related(paper.id, ()) for paper in papers}
    matrix = tfidf_matrix(papers)
    if matrix is None:  # every text was stop words only: nothing to compare
        return {paper.id: Related(paper.id, ()) for paper in papers}
    k = min(count, len(papers) - 1)
    try:
        from sparse_dot_topn import sp_matmul_topn
    except ImportError:  # a platform it has no wheel for (see pyproject.toml): scipy, slower
        return _by_blocks(papers, matrix, k)
    return _by_best_scores(papers, matrix, k, sp_matmul_topn)


def _by_best_scores(
    papers: Sequence[Paper], matrix: csr_matrix, k: int, sp_matmul_topn: Callable[..., Any]
) -> dict[str, Related]:
    """Related papers from sparse_dot_topn's product, which keeps each row's best scores only."""
    # Never a whole row: memory stays linear in the number of papers. Room for the paper itself,
    # and for ties at the cut.
    wanted = k + 1 + TIE_ROOM
    transposed = matrix.T.tocsr()
    threads = _cpus()
    best = sp_matmul_topn(
        matrix, transposed, top_n=wanted, threshold=0.0, n_threads=threads if threads > 1 else None
    )
    chosen_by_row: list[tuple[str, ...] | None] = []
    tied: list[int] = []
    for index in range(len(papers)):
        start, stop = best.indptr[index], best.indptr[index + 1]
        scores = best.data[start:stop].tolist()
        others = best.indices[start:stop].tolist()
        pairs = zip(scores, others, strict=True)
        chosen = sorted((-score, other) for score, other in pairs if other != index)[:k]
        if stop - start == wanted and chosen and -chosen[-1][0] == min(scores):
            # Papers scoring the same as the last one chosen may have been cut, and which ones
            # the kernel keeps is arbitrary: this paper's whole row is ranked instead, below.
            tied.append(index)
            chosen_by_row.append(None)
        else:
            chosen_by_row.append(tuple(papers[other].id for _, other in chosen))
    whole = _ranked_whole(papers, matrix, transposed, tied, k)
    return {
        paper.id: Related(paper.id, chosen if chosen is not None else whole[index])
        for index, (paper, chosen) in enumerate(zip(papers, chosen_by_row, strict=True))
    }


def _by_blocks(papers: Sequence[Paper], matrix: csr_matrix, k: int) -> dict[str, Related]:
    """Related papers from scipy's product, BLOCK rows at a time, each row ranked whole."""
    whole = _ranked_whole(papers, matrix, matrix.T.tocsr(), range(len(papers)), k)
    return {paper.id: Related(paper.id, whole[index]) for index, paper in enumerate(papers)}


def _ranked_whole(
    papers: Sequence[Paper],
    matrix: csr_matrix,
    transposed: csr_matrix,
    rows: Sequence[int],
    k: int,
) -> dict[int, tuple[str, ...]]:
    """The related papers of each of ``rows``, from every score in its row, by scipy's product."""
    ranked: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(rows), BLOCK):
        block = rows[start : start + BLOCK]
        product = (matrix[np.asarray(block)] @ transposed).tocsr()
        for offset, index in enumerate(block):
            low, high = product.indptr[offset], product.indptr[offset + 1]
            scores, others = product.data[low:high], product.indices[low:high]
            # Only the scores the product holds: ranking a row's zeros too, as a dense row, was
            # most of the time of ranking rows whole (copies of a paper tie with many others).
            shared = (scores > 0.0) & (others != index)  # a paper is not related to itself
            ranked[index] = _top(scores[shared], others[shared], k, papers)
    return ranked


def tfidf_matrix(papers: Sequence[Paper]) -> csr_matrix | None:
    """The papers' L2-normalised TF-IDF vectors, one row each; None when no paper has a word."""
    # Here, not at the top: a build imports this module but compares papers in a worker process.
    from sklearn.feature_extraction.text import TfidfVectorizer

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
        matrix: csr_matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # "empty vocabulary": every text was stop words only
        return None
    return matrix


def _top(
    scores: np.ndarray, others: np.ndarray, k: int, papers: Sequence[Paper]
) -> tuple[str, ...]:
    """The ``k`` best of ``others`` (indexes into ``papers``) by their ``scores``."""
    places = np.arange(len(scores))
    if len(scores) > k:
        # The k-th largest score; ties at it go to the papers first in catalogue order, so the
        # choice never depends on how argpartition happens to break them.
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        above = places[scores > kth]
        level = places[scores == kth]
        level = level[np.argsort(others[level], kind="stable")][: k - len(above)]
        places = np.concatenate((above, level))
    chosen = sorted(places.tolist(), key=lambda place: (-float(scores[place]), int(others[place])))
    return tuple(papers[int(others[place])].id for place in chosen)


class RelatedWorker:
    """Computes related papers in a second process, started at once, while this one goes on.

    Used as a context manager: leaving it stops the process, finished or not. Where scikit-learn
    is imported already, or there is one CPU, nothing is gained: the papers are compared in this
    process, when the result is first asked for.
    """

    def __init__(self, *, background: bool | None = None) -> None:
        if background is None:
            background = "sklearn" not in sys.modules and _cpus() > 1
        self._process: multiprocessing.process.BaseProcess | None = None
        self._result: dict[str, Related] | None = None
        self._asked = False
        if background:
            context = multiprocessing.get_context("spawn")  # no fork of a process with threads
            self._connection, theirs = context.Pipe()
            process = context.Process(
                target=_serve, args=(theirs,), name="papersite related papers", daemon=True
            )
            try:
                with _interrupts_ignored():
                    process.start()
            except OSError:  # no process to be had (a limit on processes, say): compare here
                self._connection.close()
            else:
                self._process = process
            finally:
                theirs.close()

    def compute(self, papers: Sequence[Paper], count: int) -> Callable[[], Mapping[str, Related]]:
        """Start finding ``count`` related papers for each of ``papers``; call what is returned.

        Calling it gives the result, waiting for it. A worker compares one list of papers: asking
        again is a mistake, and raises.
        """
        if self._asked:
            raise RuntimeError("a RelatedWorker compares one list of papers, asked twice")
        self._asked = True
        if self._process is None:
            return lambda: self._local(papers, count)
        try:
            self._connection.send((list(papers), count))
        except OSError:  # the worker is gone, and its end of the pipe with it
            raise self._stopped() from None
        return self._receive

    def close(self) -> None:
        """Stop the worker process, whatever it is doing."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            self._process = None

    def __enter__(self) -> RelatedWorker:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _local(self, papers: Sequence[Paper], count: int) -> dict[str, Related]:
        if self._result is None:
            self._result = related_papers(papers, count)
        return self._result

    def _receive(self) -> dict[str, Related]:
        if self._result is not None:
            return self._result
        assert self._process is not None, "the worker was closed before its result was read"
        # A worker killed (out of memory, say) never answers: wait for its exit too.
        wait([self._connection, self._process.sentinel])
        try:
            if not self._connection.poll():
                raise self._stopped()
            outcome, value = self._connection.recv()
        except (EOFError, OSError):  # gone while its answer was half written, or unread
            raise self._stopped() from None
        if outcome == "error":
            raise RuntimeError(f"comparing papers failed in the worker process:\n{value}")
        result: dict[str, Related] = value
        self._result = result
        return result

    def _stopped(self) -> RuntimeError:
        assert self._process is not None
        self._process.join()
        return RuntimeError(
            f"the process comparing papers stopped (exit code {self._process.exitcode})"
        )


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Ctrl-C ignored meanwhile, in this process and in the processes it starts.

    Ctrl-C interrupts every process of the terminal's foreground group: the worker would print a
    traceback of its own beside the build's one-line message. A process started with SIGINT
    ignored keeps it ignored (Python installs its handler only over the default one); the build
    stops the worker when it is interrupted itself.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; _serve ignores it then
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def _serve(connection: Connection) -> None:
    """The worker process: import scikit-learn, then compare the papers it is sent, once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Importing beside receiving: the papers fill the pipe's buffer, and the build would wait
    # for the import to finish before it could go on if this process read them only after it.
    importing = threading.Thread(
        target=importlib.import_module, args=("sklearn.feature_extraction.text",)
    )
    importing.start()
    try:
        papers, count = connection.recv()
    except EOFError:  # the build stopped before it had papers to compare
        return
    importing.join()
    answer: tuple[str, object]
    try:
        answer = ("ok", related_papers(papers, count))
    except Exception:
        answer = ("error", traceback.format_exc())
    with contextlib.suppress(OSError):  # the build is gone (killed): nobody to tell
        connection.send(answer)


def _cpus() -> int:
    """CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
