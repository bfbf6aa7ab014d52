from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema.exceptions import SchemaError

from papersite import schema as schema_module
from papersite.characters import HIDDEN, NOT_IN_TAG
from papersite.errors import PapersiteError
from papersite.markup import escape_url
from papersite.schema import SCHEMA_DIR, SchemaProblem, load_schema, validate
from papersite.urls import ID_PATTERN
from papersite.yamlfile import load_yaml_text

# themes.yaml's smallest valid theme, to put one mistake in at a time.
THEME = "themes:\n  - id: a\n    title: A\n    sections: [{id: s, title: S}]\n"
CAPTURED = "sources:\n  a.txt:\n    captured: "
SECTIONS_HINT = (
    ": a theme needs at least one section, such as 'sections: [{id: overview, title: Overview}]'"
)


def problems(text: str, schema: str) -> list[tuple[int, str]]:
    """Each problem validate finds in the YAML text, as its line and message."""
    return [(p.line, p.message) for p in validate(load_yaml_text(text, "x.yaml"), schema)]


@pytest.mark.parametrize(
    ("schema", "text", "found"),
    [
        # A file whose schema requires a key says which one to start with; else any content.
        # Not "or delete it": themes.yaml deleted is an error, papers.yaml deleted a warning.
        ("themes", "# to do\n", (1, "the file is empty: start it with 'themes: []'")),
        ("sources", "", (1, "the file is empty: write its content")),
        # A key with nothing after it is told what the empty file and the theme without sections
        # are: "must be a list, not nothing" alone left what to write unsaid.
        ("themes", "themes:\n", (1, "'themes' must be a list, not nothing; write 'themes: []'")),
        (
            "themes",
            THEME.replace(" [{id: s, title: S}]", ""),
            (4, "'sections' must be a list, not nothing" + SECTIONS_HINT),
        ),
        (
            "sources",
            "sources: [a.txt]\n",
            (1, "'sources' must be a map of keys to values, not a list"),
        ),
        # A value of neither type a oneOf offers is told both.
        (
            "sources",
            CAPTURED + "true\n",
            (3, "'captured' must be text or a whole number, not true"),
        ),
        # A value of one branch's type is told that branch's mistake.
        ("sources", CAPTURED + "1989\n", (3, "'captured' must be at least 1990, not 1989")),
        # A bound the messages do not word themselves is told in jsonschema's words, named.
        (
            "sources",
            CAPTURED + "3000\n",
            (3, "'captured': 3000 is greater than the maximum of 2100"),
        ),
        # A theme needs a section: the message says so, and how one is written.
        (
            "themes",
            THEME.replace("[{id: s, title: S}]", "[]"),
            (4, "'sections' is empty" + SECTIONS_HINT),
        ),
        (
            "themes",
            THEME.replace("    sections: [{id: s, title: S}]\n", ""),
            (2, "item 1 of 'themes' is missing 'sections'" + SECTIONS_HINT),
        ),
        # Not for a section's title, empty or missing.
        ("themes", THEME.replace("title: S", "title: ''"), (4, "'title' is empty")),
        # Empty text breaks both minLength and the pattern for text that is not blank: said once.
        ("papers", "papers:\n  p:\n    note: ''\n", (3, "'note' is empty")),
        ("themes", THEME.replace("title: A", "title: ''"), (3, "'title' is empty")),
        # A label has no minLength: its pattern says it, in the same words.
        ("sources", "sources:\n  a.txt:\n    label: ''\n", (3, "'label' is empty")),
        (
            "themes",
            THEME + "    rules: {threshold: 1, terms: [x], title_weight: -1}\n",
            (5, "'title_weight' must be at least 0, not -1"),
        ),
        (
            "themes",
            THEME + "    rules: {threshold: 1, terms: [{keyword: x, weight: true}]}\n",
            (5, "'weight' must be a number, not true"),
        ),
        # A whole number no float holds: it cannot be used as a weight, nor compared with one.
        (
            "themes",
            THEME + f"    rules: {{threshold: 1, terms: [x], title_weight: 1{'0' * 310}}}\n",
            (5, "'title_weight' is too large"),
        ),
        # Told once: not also that it is below the minimum.
        (
            "themes",
            THEME + f"    rules: {{threshold: 1, terms: [x], title_weight: -1{'0' * 310}}}\n",
            (5, "'title_weight' is too far below 0"),
        ),
        ("papers", f"papers:\n  p:\n    order: 1{'0' * 400}\n", (3, "'order' is too large")),
        # minimum and exclusiveMinimum let NaN through: every comparison with it is false.
        (
            "themes",
            THEME + "    rules: {threshold: .nan, terms: [x]}\n",
            (5, "'threshold' must be a finite number, not '.nan'"),
        ),
        # Told once: not also that it is not above 0.
        (
            "themes",
            THEME + "    rules: {threshold: -.inf, terms: [x]}\n",
            (5, "'threshold' must be a finite number, not '-.inf'"),
        ),
        (
            "themes",
            THEME + "    rules: {threshold: 1, terms: [{keyword: x, weight: 1.0e+400}]}\n",
            (5, "'weight' is too large"),
        ),
        # Read as YAML 1.1 reads numbers, 08 (no octal number) was text, and the message told to
        # remove quotes the file did not have; 010 was 8.
        (
            "papers",
            "papers:\n  p:\n    order: 08\n    note: 010\n",
            (4, "'note' must be text, not '010', which YAML reads as the number 10"),
        ),
        (
            "papers",
            "papers:\n  p:\n    order: 1:30\n",
            (3, "'order' must be a whole number, not '1:30'"),
        ),
        # Quotes are told to be taken off only where the file has them.
        (
            "papers",
            "papers:\n  p:\n    order: '08'\n",
            (3, "'order' must be a whole number, not '08'; remove the quotes, which make it text"),
        ),
        (
            "papers",
            "papers:\n  p:\n    order: !!str 8\n",
            (3, "'order' must be a whole number, not '8'"),
        ),
        (
            "papers",
            "papers:\n  p:\n    order: |\n      8\n",
            (3, "'order' must be a whole number, not '8\n'"),
        ),
        # YAML reads nan unquoted as text too: taking the quotes off would not help.
        (
            "themes",
            THEME + "    rules: {threshold: 1, terms: [{keyword: x, weight: 'nan'}]}\n",
            (5, "'weight' must be a number, not 'nan'"),
        ),
        (
            "papers",
            "papers:\n  p:\n    featured: maybe\n",
            (3, "'featured' must be true or false or a list, not 'maybe'"),
        ),
        # 'hidden' takes the reason, not a switch: it was "must be text, not true" alone.
        (
            "papers",
            "papers:\n  p:\n    hidden: true\n",
            (
                3,
                "'hidden' must be text, not true; write the reason the paper is off the site, "
                "as in 'hidden: Not a research paper.'",
            ),
        ),
        (
            "papers",
            "papers:\n  p:\n    hidden: false\n",
            (3, "'hidden' must be text, not false; to keep the paper on the site, delete 'hidden'"),
        ),
        (
            "papers",
            "papers:\n  p:\n    order: 1.5\n",
            (3, "'order' must be a whole number, not the number 1.5"),
        ),
        # Named as written, where YAML reads it as something else: "not true" named a word the
        # curator never wrote.
        (
            "papers",
            "papers:\n  p:\n    hidden: yes\n",
            (
                3,
                "'hidden' must be text, not 'yes', which YAML reads as true; write the reason the "
                "paper is off the site, as in 'hidden: Not a research paper.'",
            ),
        ),
        (
            "papers",
            "papers:\n  p:\n    featured: 010\n",
            (
                3,
                "'featured' must be true or false or a list, not '010', which YAML reads as the "
                "number 10",
            ),
        ),
        # A bool is an int to Python, not to YAML: false is no number.
        (
            "papers",
            "papers:\n  p:\n    arxiv: false\n",
            (
                3,
                "'arxiv' must be quoted text such as '2510.21450'; unquoted, YAML reads it as "
                "false; write 'arxiv: null' for a paper with no arXiv id",
            ),
        ),
    ],
)
def test_a_typical_mistake_is_one_sentence_at_its_line(
    schema: str, text: str, found: tuple[int, str]
) -> None:
    assert problems(text, schema) == [found]


@pytest.mark.parametrize("schema", ["themes", "papers"])
def test_the_start_an_empty_file_is_told_to_write_is_valid(schema: str) -> None:
    # "start it with 'themes:'" led to "'themes' must be a list, not nothing".
    [(_, message)] = problems("", schema)
    start = message.split("start it with '", 1)[1].split("'", 1)[0]
    assert problems(start + "\n", schema) == []


# What an 'arxiv' written as "no id" otherwise than null is told.
NULL_HINT = "; write 'arxiv: null' for a paper with no arXiv id"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("none", f"must look like '2510.21450', not 'none'{NULL_HINT}"),
        ("None", f"must look like '2510.21450', not 'None'{NULL_HINT}"),
        ("'null'", f"must look like '2510.21450', not 'null'{NULL_HINT}, null unquoted"),
        ("''", f"must look like '2510.21450', not ''{NULL_HINT}, null unquoted"),
        (
            "no",
            "must be quoted text such as '2510.21450'; unquoted, YAML reads it as "
            f"false{NULL_HINT}",
        ),
    ],
)
def test_an_arxiv_written_as_no_id_otherwise_than_null_is_told_to_write_null(
    written: str, expected: str
) -> None:
    # "not 'none'" alone left the curator to guess how to say a paper has no arXiv id.
    text = f"papers:\n  p:\n    arxiv: {written}\n"
    assert problems(text, "papers") == [(3, f"'arxiv' {expected}")]


def test_a_repeat_read_as_true_is_named_as_yaml_writes_it() -> None:
    # Booleans are YAML 1.1's, yes and on both true: not "lists 'True' twice", Python's spelling.
    assert problems("papers:\n  p:\n    tags: [yes, on]\n", "papers") == [
        (3, "item 1 of 'tags' must be text, not 'yes', which YAML reads as true"),
        (3, "item 2 of 'tags' must be text, not 'on', which YAML reads as true"),
        (3, "'tags' lists true twice"),
    ]


# A list or map of papers.yaml written another way: the message ends in the key written right.
PAPER = "papers:\n  p:\n    "


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "themes: {sequence-models}",
            "'sequence-models' must be text, not nothing; write themes: "
            "{sequence-models: <section>} or themes: [sequence-models]",
        ),
        # The colon between a theme and its section left out.
        (
            "themes: {sequence-models recurrent-networks}",
            "'sequence-models recurrent-networks' must be text, not nothing; write themes: "
            "{sequence-models: recurrent-networks}",
        ),
        (
            "add:\n      efficiency: quantization\n      sequence-models:",
            "'sequence-models' must be text, not nothing; write add: "
            "{efficiency: quantization, sequence-models: <section>}",
        ),
        (
            "themes: sequence-models",
            "'themes' must be a list or a map of keys to values, not 'sequence-models'; write "
            "themes: {sequence-models: <section>} or themes: [sequence-models]",
        ),
        (
            "themes: efficiency, sequence-models",
            "'themes' must be a list or a map of keys to values, not 'efficiency, "
            "sequence-models'; write themes: {efficiency: <section>, sequence-models: <section>} "
            "or themes: [efficiency, sequence-models]",
        ),
        ("tags: survey", "'tags' must be a list, not 'survey'; write tags: [survey]"),
        (
            "tags: rnn, long context",
            "'tags' must be a list, not 'rnn, long context'; write tags: [rnn, long context]",
        ),
        (
            "remove: efficiency",
            "'remove' must be a list, not 'efficiency'; write remove: [efficiency]",
        ),
        (
            "links: github.com/a/b",
            "'links' must be a map of keys to values, not 'github.com/a/b'; write links: "
            "{code: 'https://github.com/a/b'}",
        ),
        (
            "links: https://example.org/a",
            "'links' must be a map of keys to values, not 'https://example.org/a'; write links: "
            "{<label>: 'https://example.org/a'}",
        ),
        # Nothing to build a fix from, or nothing a fix could write plainly: the message alone.
        ("links: example", "'links' must be a map of keys to values, not 'example'"),
        ("tags: 'a: b'", "'tags' must be a list, not 'a: b'"),
        ("tags: 'it''s'", "'tags' must be a list, not 'it's'"),
        # A link written as a key of the entry goes under 'links'; "did you mean 'order'?" misled.
        (
            "code: https://github.com/a/b",
            "unknown key 'code': a link goes under 'links', as in links: "
            "{code: 'https://github.com/a/b'}",
        ),
        # A key run into its value, the colon or the space after it left out.
        (
            "themes {sequence-models: recurrent-networks}",
            "unknown key 'themes {sequence-models': write 'themes:' followed by a space",
        ),
        (
            "themes:{sequence-models: recurrent-networks}",
            "unknown key 'themes:{sequence-models': write 'themes:' followed by a space",
        ),
    ],
)
def test_a_list_or_map_written_another_way_is_told_how_to_write_it(
    written: str, message: str
) -> None:
    # At the line of the key, the last of the written text.
    assert problems(PAPER + written + "\n", "papers") == [(3 + written.count("\n"), message)]


@pytest.mark.parametrize(
    ("written", "key"),
    [("themes:[efficiency]", "themes"), ("hidden:Not a research paper.", "hidden")],
)
def test_an_entry_of_one_key_run_into_its_value_is_told_the_space(written: str, key: str) -> None:
    # YAML reads 'themes:[efficiency]' as the entry's text, not as a key.
    assert problems(f"papers:\n  p:\n    {written}\n", "papers") == [
        (
            2,
            f"'p' must be a map of keys to values, not '{written}'; write '{key}:' "
            "followed by a space",
        )
    ]


def test_text_with_a_colon_is_no_key_run_into_its_value() -> None:
    # 'hiddenness:' and 'hidden: ' are not 'hidden' with its space left out.
    for written in ("hiddenness:x", "see: https://a.org"):
        [(_, message)] = problems(f"papers:\n  p: '{written}'\n", "papers")
        assert "followed by a space" not in message


def test_problems_come_in_file_order_each_unknown_key_at_its_own_line() -> None:
    # jsonschema finds the unknown keys of a map before the mistakes in its known ones.
    document = load_yaml_text(
        "papers:\n  p:\n    colour: red\n    order: x\n    size: 3\nextra: 1\n", "x.yaml"
    )
    expected = "(expected: add, arxiv, featured, hidden, links, note, order, remove, ...)"
    assert validate(document, "papers") == [
        SchemaProblem(("papers", "p", "colour"), 3, f"unknown key 'colour' {expected}"),
        SchemaProblem(("papers", "p", "order"), 4, "'order' must be a whole number, not 'x'"),
        SchemaProblem(("papers", "p", "size"), 5, f"unknown key 'size' {expected}"),
        SchemaProblem(("extra",), 6, "unknown key 'extra' (expected: papers)"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            THEME + "    rules: {threshhold: 1, terms: [x]}\n",
            [(5, "unknown key 'threshhold' (did you mean 'threshold'?)")],
        ),
        (
            THEME.replace("sections:", "sectons:"),
            [(4, "unknown key 'sectons' (did you mean 'sections'?)")],
        ),
        # Alike but for case, however short: no letter of 'ID' is in 'id'.
        (THEME.replace("- id:", "- ID:"), [(2, "unknown key 'ID' (did you mean 'id'?)")]),
        # Two letters swapped: difflib alone found no key near, and 'id' was said missing too.
        (THEME.replace("- id:", "- di:"), [(2, "unknown key 'di' (did you mean 'id'?)")]),
        # A required key no unknown key stands for is still missing.
        (
            THEME.replace("- id:", "- ID:").replace("    title: A\n", ""),
            [
                (2, "unknown key 'ID' (did you mean 'id'?)"),
                (2, "item 1 of 'themes' is missing 'title'"),
            ],
        ),
        # Each key missing is named once, on one line.
        (
            "themes:\n  - sections: [{id: s, title: S}]\n",
            [(2, "item 1 of 'themes' is missing 'id' and 'title'")],
        ),
    ],
)
def test_a_misspelt_required_key_is_one_mistake_at_its_line(
    text: str, found: list[tuple[int, str]]
) -> None:
    assert problems(text, "themes") == found


def test_a_valid_document_has_no_problems() -> None:
    assert problems(THEME, "themes") == []


def test_each_schema_is_loaded_once_from_the_package() -> None:
    validator = load_schema("themes")
    assert load_schema("themes") is validator
    shipped = json.loads((SCHEMA_DIR / "themes.schema.json").read_text(encoding="utf-8"))
    assert validator.schema == shipped


def test_a_schema_missing_from_the_package_is_named_with_the_reason() -> None:
    with pytest.raises(PapersiteError) as raised:
        load_schema("no-such")
    assert raised.value.path == str(SCHEMA_DIR / "no-such.schema.json")
    assert (raised.value.line, raised.value.message) == (
        None,
        "cannot read schema: No such file or directory",
    )


def test_a_schema_that_breaks_the_metaschema_is_refused_as_the_bug_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A name no other test loads: load_schema keeps what it loads for the whole run.
    (tmp_path / "broken-for-test.schema.json").write_text('{"type": 5}', encoding="utf-8")
    monkeypatch.setattr(schema_module, "SCHEMA_DIR", tmp_path)
    with pytest.raises(SchemaError):
        load_schema("broken-for-test")


@pytest.mark.parametrize("name", ["themes", "papers"])
def test_the_id_pattern_the_messages_know_is_the_schemas(name: str) -> None:
    # A title written where an id goes is explained only for a pattern the messages know as ids.
    declared = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert declared["$defs"]["id"]["pattern"] == ID_PATTERN


def test_papers_schema_says_to_write_arxiv_null_where_editors_take_an_empty_value() -> None:
    # To the schema, and so to an editor, 'arxiv:' is null as 'arxiv: null' is; curation refuses
    # the empty one. The description, an editor's hover, is all that can tell the curator.
    declared = json.loads((SCHEMA_DIR / "papers.schema.json").read_text(encoding="utf-8"))
    arxiv = declared["$defs"]["decision"]["properties"]["arxiv"]
    assert problems("papers:\n  p:\n    arxiv:\n", "papers") == []
    assert "Write null, not an empty value" in arxiv["description"]


def test_the_characters_a_label_or_tag_may_not_hold_are_those_dumps_leave_out_of_a_title() -> None:
    # The schema spells them out, being JSON, for editors; characters.HIDDEN is Python's set.
    declared = json.loads((SCHEMA_DIR / "papers.schema.json").read_text(encoding="utf-8"))
    decision = declared["$defs"]["decision"]["properties"]
    every = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]
    label = decision["links"]["propertyNames"]["not"]["pattern"]
    assert [c for c in every if re.search(label, c)] == HIDDEN.findall("".join(every))
    # A tag refuses the blanks too (characters.NOT_IN_TAG).
    tag = decision["tags"]["items"]["not"]["pattern"]
    assert [c for c in every if re.search(tag, c)] == NOT_IN_TAG.findall("".join(every))


def test_a_link_address_keeps_the_joiners_a_persian_word_and_an_emoji_are_spelt_with() -> None:
    text = (
        "papers:\n  p:\n    links:\n"
        "      wiki: https://fa.wikipedia.org/wiki/\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n"
        "      family: https://x.org/\U0001f468\u200d\U0001f469\n"
    )
    assert problems(text, "papers") == []
    # The page's href holds them percent-encoded, as a browser sends them.
    assert escape_url("https://x.org/\U0001f468\u200d\U0001f469") == (
        "https://x.org/%F0%9F%91%A8%E2%80%8D%F0%9F%91%A9"
    )


@pytest.mark.parametrize(
    ("label", "said"),
    [
        # Blank once they are deleted, a label of them is told what to delete, once.
        ("\u200b", "holds characters that do not show as themselves: <U+200B>; delete them"),
        (" ", "is blank"),
        ("\u200e\u3164", "is blank"),
    ],
)
def test_a_link_label_that_shows_nothing_is_one_problem(label: str, said: str) -> None:
    text = f'papers:\n  p:\n    links:\n      "{label}": https://x.org/\n'
    found = problems(text, "papers")
    assert len(found) == 1
    assert said in found[0][1]


def test_a_link_label_keeps_the_joiners_and_marks_scripts_and_emoji_are_written_with() -> None:
    # Without its joiner the emoji shows as two; without its non-joiner a Persian word is
    # misspelt; the direction marks place a Hebrew word among others.
    labels = [
        "👨\u200d💻",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "\u200f\u05e7\u05d5\u05d3\u200e",
    ]
    links = "".join(f'      "{label}": https://example.org/\n' for label in labels)
    assert problems(f"papers:\n  p:\n    links:\n{links}", "papers") == []


def test_a_link_the_pattern_refuses_is_not_told_of_its_format_characters_as_well() -> None:
    # One mistake, one sentence: the space (or the missing http://) is said, the rest once fixed.
    links = '      code: "https://x.org/a b\\u200b"\n      site: "x.org\\u200b"\n'
    assert problems(f"papers:\n  p:\n    links:\n{links}", "papers") == [
        (4, "'code' has a space: percent-encode it as %20 or remove it"),
        (5, "'site' must be a web address starting with http:// or https://, not 'x.org\u200b'"),
    ]
