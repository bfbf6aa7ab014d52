"""CONTRIBUTING.md teaches curators by example, so its examples must be what papersite accepts."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from papersite.schema import load_schema
from papersite.yamlfile import load_yaml_text

from .conftest import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", GUIDE, re.DOTALL)


def test_the_guide_has_an_example_for_each_everyday_change() -> None:
    assert len(EXAMPLES) == 6
    assert sum(example.startswith("sources:") for example in EXAMPLES) == 1
    assert sum(example.startswith("themes:") for example in EXAMPLES) == 1


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_yaml_example_is_valid_where_the_guide_puts_it(example: str) -> None:
    # A sources.yaml or themes.yaml example is the whole file; the others are papers.yaml's, or
    # entries to paste under `papers:`, as the guide says.
    if example.startswith(("sources:", "themes:")):
        schema, text = example.split(":", 1)[0], example
    else:
        schema = "papers"
        text = example if example.startswith("papers:") else "papers:\n" + example
    # Read as papersite reads the files (which warns of a comment cutting text short, say).
    data = load_yaml_text(text, "CONTRIBUTING.md").data
    if schema == "sources":
        # Editors, which the schema is for, read a date as the text written (YAML 1.2).
        data = yaml.load(text, Loader=yaml.BaseLoader)
    errors = [e.message for e in load_schema(schema).iter_errors(data)]
    assert errors == []


def test_every_key_a_paper_entry_may_have_is_named_in_the_guide() -> None:
    schema: Any = load_schema("papers").schema
    keys = sorted(schema["$defs"]["decision"]["properties"])
    listed = re.search(r"The keys a paper entry may have: (.*?) \(see", GUIDE, re.DOTALL)
    assert listed is not None
    assert sorted(re.findall(r"`(\w+)`", listed.group(1))) == keys
