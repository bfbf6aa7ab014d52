"""CONTRIBUTING.md teaches curators by example, so its examples must be what papersite accepts."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from papersite.schema import load_schema

from .conftest import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", GUIDE, re.DOTALL)


def test_the_guide_has_an_example_for_each_everyday_change() -> None:
    assert len(EXAMPLES) == 4


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_yaml_example_is_a_valid_papers_yaml_entry(example: str) -> None:
    # Later examples are entries to paste under `papers:`, as the guide says.
    text = example if example.startswith("papers:") else "papers:\n" + example
    errors = [e.message for e in load_schema("papers").iter_errors(yaml.safe_load(text))]
    assert errors == []


def test_every_key_a_paper_entry_may_have_is_named_in_the_guide() -> None:
    schema: Any = load_schema("papers").schema
    keys = sorted(schema["$defs"]["decision"]["properties"])
    listed = re.search(r"The keys a paper entry may have: (.*?) \(see", GUIDE, re.DOTALL)
    assert listed is not None
    assert sorted(re.findall(r"`(\w+)`", listed.group(1))) == keys
