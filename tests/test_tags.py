from __future__ import annotations

from papersite.tags import reading_order


def test_reading_order_is_alphabetical_whatever_the_case() -> None:
    tags = ["zebra", "LLM", "attention", "MIR-Bench", "Med-EASi", "llm"]
    assert sorted(tags, key=reading_order) == [
        "attention",
        "LLM",
        "llm",
        "Med-EASi",
        "MIR-Bench",
        "zebra",
    ]


def test_texts_that_differ_only_in_case_keep_one_order_whatever_came_first() -> None:
    assert sorted(["llm", "LLM", "Llm"], key=reading_order) == ["LLM", "Llm", "llm"]
    assert sorted(["LLM", "Llm", "llm"], key=reading_order) == ["LLM", "Llm", "llm"]
