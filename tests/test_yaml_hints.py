from __future__ import annotations

from typing import Any

import pytest
import yaml

from papersite import yaml_hints
from papersite.errors import PapersiteError
from papersite.schema import load_schema
from papersite.yaml_hints import read_again
from papersite.yamlfile import load_yaml_text


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


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a: &x [1, !NOPE 2]\nb: *x\n", "'a': unsupported YAML tag '!NOPE': remove it"),
        # A map starts where its first key does: the key's tag is the one refused.
        ("!NOPE a: 1\n", "unsupported YAML tag '!NOPE': remove it"),
        ("a:\n  b: !!nope 1\n", "'b': unsupported YAML tag '!!nope': remove it"),
        ("a: !env X\n", "'a': unsupported YAML tag '!env' (did you mean '!ENV'?)"),
    ],
)
def test_unknown_tag_words_a_tag_no_constructor_reads_as_papers_yaml_does(
    text: str, said: str
) -> None:
    # It leans on PyYAML's words, "could not determine a constructor for the tag '!NOPE'", and
    # its mark at the tagged node: should either change, MkDocs' words would stand.
    with pytest.raises(yaml.MarkedYAMLError) as error:
        yaml.safe_load(text)
    assert yaml_hints.unknown_tag(text, error.value, ["!ENV", "!relative"]) == said


def test_unknown_tag_leaves_other_errors_alone() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as error:
        yaml.safe_load("a: [1\n")
    assert yaml_hints.unknown_tag("a: [1\n", error.value) is None


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ("a: &x 1\nb: &x 2\n", 2, "anchor &x is already defined at line 1"),
        # At the second anchor, wherever either is; a map's anchor comes before its key.
        (
            "papers:\n  a: &n {note: x}\n  b:\n    tags: [&n y]\n",
            4,
            "anchor &n is already defined at line 2",
        ),
        ("a: [&x 1, &x 2]\n", 1, "anchor &x is already defined at line 1"),
    ],
)
def test_an_anchor_defined_twice_is_named_at_the_second_with_the_first_s_line(
    text: str, line: int, said: str
) -> None:
    # YAML 1.2 lets the second take the name over; PyYAML refuses it, saying only "second
    # occurrence", in papers.yaml and (through read_again) in mkdocs.yml alike.
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    name = said.split()[1].removeprefix("&")
    expected = f"{said}: give this one another name, and the aliases *{name} meant for it"
    assert (caught.value.line, caught.value.message) == (line, f"YAML syntax error: {expected}")
    with pytest.raises(yaml.MarkedYAMLError) as error:
        yaml.load(text, Loader=yaml.Loader)  # as MkDocs reads mkdocs.yml
    assert read_again(text, error.value) == (line, expected)
