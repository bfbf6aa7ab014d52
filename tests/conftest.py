"""Shared fixtures: the small dumps in tests/data and content folders built from them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
SEEDS = REPO / "content" / "sources"

MakeContent = Callable[..., Path]


@pytest.fixture
def make_content(tmp_path: Path) -> MakeContent:
    """Build a content folder whose sources/ holds the named fixture dumps."""

    def make(*names: str, sources_yaml: str | None = None) -> Path:
        content = tmp_path / "content"
        folder = content / "sources"
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(DATA / name, folder / name)
        if sources_yaml is not None:
            (folder / "sources.yaml").write_text(sources_yaml, encoding="utf-8")
        return content

    return make
