from __future__ import annotations

from papersite.errors import Problem
from papersite.review import Review, ThemeCount
from papersite.summary import format_review

# The review of a pull request whose papers.yaml cannot be read, built by hand: the summary needs
# no content, only a Review (tests/test_review.py runs the comparison on content folders).
NOT_READ = Review(
    base_total=4,
    head_total=None,
    counts=(
        ThemeCount("efficiency", "Efficiency", 3, None, None),
        ThemeCount("unsorted", "Unsorted", 1, None, None),
    ),
    added=(),
    moved=(),
    removed=(),
    problems=(Problem("head/curation/papers.yaml", 7, "YAML syntax error"),),
    head_unread=("head/curation/papers.yaml",),
)
CHECK = "### Check\n\n- **error** `head/curation/papers.yaml:7`: YAML syntax error\n"


def test_a_review_whose_papers_were_not_compared_counts_the_base_alone() -> None:
    text = format_review(NOT_READ)
    assert text.startswith("## Content review\n\n**Papers not compared**: this pull request's ")
    assert text.endswith(
        "| theme | base | this PR | change | featured |\n"
        "| --- | ---: | ---: | ---: | ---: |\n"
        "| Efficiency | 3 | not counted |  |  |\n"
        "| Unsorted | 1 | not counted |  |  |\n"
        "\n" + CHECK
    )


def test_a_review_cut_to_its_limit_keeps_its_check_list() -> None:
    cut = format_review(NOT_READ, 400)
    assert len(cut.encode("utf-8")) <= 400
    assert cut.startswith("## Content review\n\n\n**The review is cut here**: it runs to 568 bytes")
    assert cut.endswith('"The pull request"); its Check list follows.\n\n' + CHECK)
