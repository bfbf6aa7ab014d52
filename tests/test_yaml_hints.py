from __future__ import annotations

from typing import Any

import pytest
import yaml

from papersite import yaml_hints
from papersite.schema import load_schema
from papersite.yaml_hints import read_again


def test_the_entry_keys_are_the_schema_s() -> None:
    schema: Any = load_schema("papers").schema
    entry = schema["$defs"]["decision"]
    assert set(entry["properties"]) == yaml_hints._ENTRY_KEYS


@pytest.mark.parametrize("text", ["theme:\n  name: [\n", "theme:\n  tags: [a,\n\n"])
def test_read_again_names_a_bracket_left_open_where_it_opens(text: str) -> None:
    # It leans on PyYAML's insides, the parser's marks and "<stream end>" in its words: should
    # either change, the '[' would be named at the last line, or not at all.
    with pytest.raises(yaml.MarkedYAMLError) as error:
        yaml.safe_load(text)
    mark = error.value.problem_mark
    assert mark is not None and mark.line + 1 > 2  # past the last line with text
    assert read_again(text, error.value) == (
        2,
        "the [ on this line is never closed: end it with ] (YAML read on to the end of the file "
        "looking for it)",
    )
