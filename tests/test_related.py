from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence

import numpy as np
import pytest

from papersite import related as related_module
from papersite.catalogue import Paper
from papersite.options import DEFAULT_RELATED_PAPERS
from papersite.related import Related, RelatedWorker, related_papers

# What the shipped site lists.
COUNT = DEFAULT_RELATED_PAPERS


def paper(paper_id: str, title: str, abstract: str) -> Paper:
    return Paper(paper_id, title, abstract, None, None, None, None, None, (), ())


PAPERS = [
    paper("a", "Sparse attention for long context", "Sparse attention kernels cut memory."),
    paper(
        "b", "Long context with sparse attention", "Attention that is sparse scales to long text."
    ),
    paper("c", "Arithmetic in transformers", "Transformers learn addition and multiplication."),
    paper("d", "Multiplication by transformers", "Can transformers multiply numbers?"),
    paper("e", "Quantum image classification", "Qubits classify digits."),
    paper("f", "Pruning large models", "Pruning removes weights from models."),
    paper("g", "Structured pruning", "Structured pruning removes heads and weights."),
]


def test_nearest_paper_comes_first_and_a_paper_is_never_its_own_neighbour() -> None:
    result = related_papers(PAPERS, COUNT)
    assert result["a"].related[0] == "b"
    assert result["c"].related[0] == "d"
    assert result["f"].related[0] == "g"
    assert all(pid not in r.related and len(r.related) <= 5 for pid, r in result.items())


def test_papers_with_nothing_in_common_get_no_related_papers() -> None:
    assert related_papers(PAPERS, COUNT)["e"].related == ()


def test_tiny_catalogues_work() -> None:
    assert related_papers([], COUNT) == {}
    assert related_papers(PAPERS[:1], COUNT)["a"].related == ()
    assert (
        related_papers([paper("x", "The", "a"), paper("y", "The", "of")], COUNT)["x"].related == ()
    )


def test_a_shared_title_word_counts_for_more_than_a_shared_abstract_word() -> None:
    # "y" shares x's title word, "z" its abstract word; counted alike, z would win the tie by
    # coming first.
    papers = [
        paper("x", "Kernels", "Caching."),
        paper("z", "Pruning", "Caching."),
        paper("y", "Kernels", "Tokens."),
    ]
    assert related_papers(papers, COUNT)["x"].related == ("y", "z")


def test_a_word_in_most_papers_of_a_large_catalogue_relates_none() -> None:
    # "benchmark" is in 12 of 20 papers, each with a word of its own: it says nothing of what a
    # paper is about. p00 and p01 also share a rarer word.
    papers = [
        paper(f"p{i:02d}", f"Unique{chr(97 + i)}", "Benchmark." if i < 12 else "")
        for i in range(20)
    ]
    papers[:2] = [dataclasses.replace(p, abstract="Benchmark kernels.") for p in papers[:2]]
    result = related_papers(papers, COUNT)
    assert result["p00"].related == ("p01",)
    assert result["p02"].related == ()


def whole_rows(papers: list[Paper], count: int = 5) -> dict[str, tuple[str, ...]]:
    """Related papers from every pair's score: the definition the fast path must match."""
    matrix = related_module.tfidf_matrix(papers)
    assert matrix is not None
    scores = (matrix @ matrix.T).toarray()
    answer = {}
    for i, row in enumerate(scores):
        ranked = sorted((-row[j], j) for j in range(len(papers)) if j != i and row[j] > 0)
        answer[papers[i].id] = tuple(papers[j].id for _, j in ranked[:count])
    return answer


def without_sparse_dot_topn(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a platform sparse_dot_topn has no wheel for: importing it fails."""
    monkeypatch.setitem(sys.modules, "sparse_dot_topn", None)


# Each way of comparing papers, with a setting that makes its edge cases common: no room for
# ties beyond the papers shown, or blocks of a few rows.
WAYS = {
    "best scores, room 0": ("TIE_ROOM", 0, False),
    "best scores, room 1": ("TIE_ROOM", 1, False),
    "best scores, room 4": ("TIE_ROOM", 4, False),
    "best scores, tied rows ranked in blocks of 3": ("BLOCK", 3, False),
    "scipy, blocks of 1": ("BLOCK", 1, True),
    "scipy, blocks of 7": ("BLOCK", 7, True),
    "scipy, one block": ("BLOCK", 256, True),
}


@pytest.fixture(params=list(WAYS.values()), ids=list(WAYS))
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    setting, value, scipy = request.param
    monkeypatch.setattr(related_module, setting, value)
    if scipy:
        without_sparse_dot_topn(monkeypatch)


@pytest.mark.usefixtures("way")
def test_each_way_of_comparing_gives_what_every_pairs_score_gives() -> None:
    rng = np.random.default_rng(0)
    # Enough words that each is in fewer than half the papers (more are left out as too common).
    words = [f"{stem}{end}" for stem in ("sparse", "prun", "cach", "token") for end in "abcdefgh"]
    papers = [
        paper(f"p{i:02d}", " ".join(rng.choice(words, 2)), " ".join(rng.choice(words, 4)))
        for i in range(40)
    ]
    # Copies make ties, some of them at the cut between the papers shown and the rest.
    papers += [paper(f"q{i:02d}", p.title, p.abstract) for i, p in enumerate(papers[:20:3])]
    result = {pid: r.related for pid, r in related_papers(papers, COUNT).items()}
    assert result == whole_rows(papers)
    assert sum(len(r) == 5 for r in result.values()) > 30  # the papers do have neighbours


@pytest.mark.usefixtures("way")
@pytest.mark.parametrize("copies", [8, 30])
def test_ties_go_to_catalogue_order(copies: int) -> None:
    # 30 copies tie far beyond the scores kept for each paper; as many papers with words of their
    # own keep the copies' words from being too common to count.
    same = [paper(f"p{i}", "Sparse attention", "Sparse attention.") for i in range(copies)]
    same += [paper(f"x{i}", f"Unique{chr(97 + i)}", "") for i in range(copies)]
    assert related_papers(same, COUNT)["p3"].related == ("p0", "p1", "p2", "p4", "p5")
    assert related_papers(same, COUNT)["p0"].related == ("p1", "p2", "p3", "p4", "p5")


def test_without_sparse_dot_topn_scipy_compares_the_papers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    by_blocks = related_module._by_blocks

    def spy(papers: Sequence[Paper], matrix: object, k: int) -> dict[str, Related]:
        calls.append(k)
        return by_blocks(papers, matrix, k)

    monkeypatch.setattr(related_module, "_by_blocks", spy)
    fast = related_papers(PAPERS, COUNT)
    assert calls == []
    without_sparse_dot_topn(monkeypatch)
    assert related_papers(PAPERS, COUNT) == fast
    assert calls == [5]


def worker_processes() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == "papersite related papers"]


def test_a_worker_process_gives_the_same_related_papers() -> None:
    with RelatedWorker(background=True) as worker:
        assert len(worker_processes()) == 1
        result = worker.compute(PAPERS, COUNT)
        assert result() == related_papers(PAPERS, COUNT)
        assert result() is result()  # asked twice, received once
    assert worker_processes() == []


def test_without_a_worker_process_the_papers_are_compared_here() -> None:
    with RelatedWorker(background=False) as worker:
        assert worker_processes() == []
        assert worker.compute(PAPERS, COUNT)() == related_papers(PAPERS, COUNT)


def test_without_a_process_to_be_had_the_papers_are_compared_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(self: multiprocessing.process.BaseProcess) -> None:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", refuse)
    with RelatedWorker(background=True) as worker:
        assert worker_processes() == []
        assert worker.compute(PAPERS, COUNT)() == related_papers(PAPERS, COUNT)


@pytest.mark.parametrize("background", [True, False])
def test_a_worker_compares_one_list_of_papers(background: bool) -> None:
    with RelatedWorker(background=background) as worker:
        worker.compute(PAPERS, COUNT)
        with pytest.raises(RuntimeError, match="asked twice"):
            worker.compute(PAPERS[:2], COUNT)


def test_an_error_in_the_worker_is_raised_with_its_traceback() -> None:
    with RelatedWorker(background=True) as worker:
        result = worker.compute([*PAPERS, "not a paper"], COUNT)  # type: ignore[list-item]
        with pytest.raises(RuntimeError, match=r"(?s)failed in the worker.*AttributeError"):
            result()


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_killed_worker_is_reported_not_waited_for(when: str) -> None:
    with RelatedWorker(background=True) as worker:
        (process,) = worker_processes()
        if when == "before":
            os.kill(process.pid or 0, signal.SIGKILL)
            process.join()
        with pytest.raises(RuntimeError, match=r"stopped \(exit code -9\)"):
            result = worker.compute(PAPERS, COUNT)
            # Still importing scikit-learn, seconds from an answer.
            os.kill(process.pid or 0, signal.SIGKILL)
            result()


def test_ctrl_c_is_left_to_the_build_that_started_the_worker() -> None:
    # Ctrl-C reaches every process of the terminal's group; the build stops the worker itself.
    with RelatedWorker(background=True) as worker:
        (process,) = worker_processes()
        os.kill(process.pid or 0, signal.SIGINT)
        assert worker.compute(PAPERS, COUNT)() == related_papers(PAPERS, COUNT)
