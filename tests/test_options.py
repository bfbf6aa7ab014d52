from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from papersite.errors import PapersiteError
from papersite.mkdocs_glue import load_mkdocs_yaml
from papersite.options import (
    DEFAULT_FEED_ENTRIES,
    DEFAULT_RECENT_PAPERS,
    DEFAULT_RELATED_PAPERS,
    DEFAULT_UNSORTED_PAGE_SIZE,
    KNOWN,
    MOST_RELATED_PAPERS,
    Options,
    options_of,
)
from papersite.yamlfile import MAX_DEPTH

from .conftest import REPO

MKDOCS_YML = """\
site_name: test
extra:
  analytics: {}
  papersite:
    search: material
    unsorted_page_size: 50
    theme_page_size: 20
    search_group_size: 10
    recent_papers: 10
    feed_entries: 100
    related_papers: 5
"""


@pytest.mark.parametrize(
    ("config", "options"),
    [
        ({}, Options()),
        ({"extra": {"analytics": {}}}, Options()),
        ({"extra": {"papersite": {}}}, Options()),
        ({"extra": {"papersite": {"search": "material"}}}, Options("material")),
        ({"extra": {"papersite": {"search": "pagefind"}}}, Options("pagefind")),
        ({"extra": {"papersite": {"unsorted_page_size": 7}}}, Options(unsorted_page_size=7)),
        ({"extra": {"papersite": {"theme_page_size": 9}}}, Options(theme_page_size=9)),
        ({"extra": {"papersite": {"search_group_size": 1}}}, Options(search_group_size=1)),
        ({"extra": {"papersite": {"recent_papers": 3}}}, Options(recent_papers=3)),
        ({"extra": {"papersite": {"recent_papers": 0}}}, Options(recent_papers=0)),
        ({"extra": {"papersite": {"feed_entries": 1}}}, Options(feed_entries=1)),
        ({"extra": {"papersite": {"related_papers": 12}}}, Options(related_papers=12)),
        ({"extra": {"papersite": {"related_papers": 0}}}, Options(related_papers=0)),
        (
            {"extra": {"papersite": {"related_papers": MOST_RELATED_PAPERS}}},
            Options(related_papers=MOST_RELATED_PAPERS),
        ),
    ],
)
def test_options_come_from_extra_papersite_with_defaults(
    config: dict[str, object], options: Options
) -> None:
    assert options_of(config, Path("mkdocs.yml")) == options
    assert Options().unsorted_page_size == DEFAULT_UNSORTED_PAGE_SIZE
    assert Options().recent_papers == DEFAULT_RECENT_PAPERS == 10
    assert Options().feed_entries == DEFAULT_FEED_ENTRIES == 100
    assert Options().related_papers == DEFAULT_RELATED_PAPERS == 5


def test_the_shipped_mkdocs_yml_has_sound_options() -> None:
    config = REPO / "mkdocs.yml"
    assert options_of(load_mkdocs_yaml(config), config) == Options("material", 1000, 300)


@pytest.mark.parametrize(
    ("written", "wrong", "line", "message"),
    [
        ("search: material", "search: lunr", 5, "must be one of material, pagefind, not 'lunr'"),
        ("page_size: 50", "page_size: 0", 6, "unsorted_page_size must be a whole number above 0"),
        ("page_size: 20", "page_size: 2.5", 7, "theme_page_size must be a whole number above 0"),
        ("group_size: 10", "group_size: -1", 8, "search_group_size must be a whole number above 0"),
        ("search: material", "serach: pagefind", 5, r"no option 'serach' \(did you mean 'search'"),
        (
            "recent_papers: 10",
            "recent_paper: 10",
            9,
            r"no option 'recent_paper' \(did you mean 'recent_papers'\?\)$",
        ),
        ("search: material", "colour: red", 5, r"no option 'colour' \(options: search, unsorted_"),
        ("search: material", "search:", 5, "must be one of material, pagefind, not empty$"),
        ("search: material", "search: off", 5, "must be one of material, pagefind, not false$"),
    ],
)
def test_a_bad_option_is_refused_at_its_line(
    tmp_path: Path, written: str, wrong: str, line: int, message: str
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS_YML.replace(written, wrong), encoding="utf-8")
    with pytest.raises(PapersiteError, match=message) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert error.value.problems[0].line == line
    assert error.value.path == str(config)


@pytest.mark.parametrize(
    ("wrong", "line", "message"),
    [
        (
            "recent_papers: -1",
            9,
            "extra.papersite.recent_papers must be a whole number, 0 or more, not -1",
        ),
        (
            "recent_papers: ten",
            9,
            "extra.papersite.recent_papers must be a whole number, 0 or more, not 'ten'",
        ),
        (
            "recent_papers: true",
            9,
            "extra.papersite.recent_papers must be a whole number, 0 or more, not true",
        ),
        (
            "recent_papers: yes",
            9,
            "extra.papersite.recent_papers must be a whole number, 0 or more, not true",
        ),
        # Shown as YAML writes them, not as Python does (datetime.date(2024, 1, 1), [True]).
        (
            "recent_papers: 2024-01-01",
            9,
            "extra.papersite.recent_papers must be a whole number, 0 or more, not 2024-01-01",
        ),
        (
            "recent_papers: [true, null]",
            9,
            "extra.papersite.recent_papers must be a whole number, 0 or more, not [true, null]",
        ),
        # A feed every page names must have papers in it.
        (
            "feed_entries: 0",
            10,
            "extra.papersite.feed_entries must be a whole number above 0, not 0",
        ),
        (
            "feed_entries: '20'",
            10,
            "extra.papersite.feed_entries must be a whole number above 0, not '20'",
        ),
        (
            "related_papers: -5",
            11,
            "extra.papersite.related_papers must be a whole number from 0 to 100, not -5",
        ),
        (
            "related_papers: 2.0",
            11,
            "extra.papersite.related_papers must be a whole number from 0 to 100, not 2.0",
        ),
        # Each paper's best scores are kept while comparing: memory grows with the count.
        (
            f"related_papers: {MOST_RELATED_PAPERS + 1}",
            11,
            "extra.papersite.related_papers must be a whole number from 0 to 100, not 101",
        ),
        (
            "related_papers: 5000",
            11,
            "extra.papersite.related_papers must be a whole number from 0 to 100, not 5000",
        ),
        (
            "related_papers:",
            11,
            "extra.papersite.related_papers must be a whole number from 0 to 100, not empty",
        ),
        # Read by MkDocs as YAML 1.1, these were 8, 90, 2 and 104 without a word, where
        # papers.yaml (YAML 1.2) reads 010 as 10 and 1:30 or 0_2 as text.
        (
            "recent_papers: 010",
            9,
            "extra.papersite.recent_papers is written 010, which mkdocs.yml (YAML 1.1) reads as 8 "
            "and papersite's content files (YAML 1.2) as 10: write it in plain digits, 8 or 10",
        ),
        (
            "related_papers: 1:30",
            11,
            "extra.papersite.related_papers is written 1:30, which mkdocs.yml (YAML 1.1) reads as "
            "90 and papersite's content files (YAML 1.2) as text: write it in plain digits, 90",
        ),
        (
            "related_papers: 0_2",
            11,
            "extra.papersite.related_papers is written 0_2, which mkdocs.yml (YAML 1.1) reads as "
            "2 and papersite's content files (YAML 1.2) as text: write it in plain digits, 2",
        ),
        # 144 would be refused next: only the number in bounds is offered.
        (
            "related_papers: 0144",
            11,
            "extra.papersite.related_papers is written 0144, which mkdocs.yml (YAML 1.1) reads as "
            "100 and papersite's content files (YAML 1.2) as 144: write it in plain digits, 100",
        ),
        # Out of bounds however read: told to write 104 or 150, it was refused again.
        (
            "related_papers: 0150",
            11,
            "extra.papersite.related_papers must be a whole number from 0 to 100, not 0150",
        ),
        # As written: told to write 0 or -10000 in plain digits, that was refused next.
        (
            "feed_entries: +0",
            10,
            "extra.papersite.feed_entries must be a whole number above 0, not +0",
        ),
        (
            "unsorted_page_size: -0",
            6,
            "extra.papersite.unsorted_page_size must be a whole number above 0, not -0",
        ),
        # Taken silently, where +0 and 00 were told to be written 0.
        (
            "related_papers: -0",
            11,
            "extra.papersite.related_papers is written -0: write it in plain digits, 0",
        ),
        (
            "feed_entries: -10_000",
            10,
            "extra.papersite.feed_entries must be a whole number above 0, not -10_000",
        ),
        (
            "feed_entries: 0x10",
            10,
            "extra.papersite.feed_entries is written 0x10: write it in plain digits, 16",
        ),
        (
            "feed_entries: +10",
            10,
            "extra.papersite.feed_entries is written +10: write it in plain digits, 10",
        ),
    ],
)
def test_a_bad_count_of_papers_is_refused_at_its_line(
    tmp_path: Path, wrong: str, line: int, message: str
) -> None:
    config = tmp_path / "mkdocs.yml"
    option = wrong.split(":")[0]
    config.write_text(re.sub(rf"(?m)(?<=^    ){option}: .*$", wrong, MKDOCS_YML), encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value) == f"{config}:{line}: {message}"


def test_an_option_an_inherit_holds_is_refused_at_the_line_of_the_file_writing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PAPERSITE_UNSET", raising=False)
    config, base = tmp_path / "mkdocs.yml", tmp_path / "base.yml"

    def options(own: str, inherited: str) -> Options:
        """The options of a mkdocs.yml writing ``own``, inheriting ``inherited``'s."""
        base.write_text(MKDOCS_YML.replace("recent_papers: 10", inherited), encoding="utf-8")
        own = f"INHERIT: base.yml\nextra:\n  papersite:\n    {own}\n"
        config.write_text(own, encoding="utf-8")
        return options_of(load_mkdocs_yaml(config), config)

    with pytest.raises(PapersiteError) as error:
        options("feed_entries: 5", "recent_papers: 010")
    assert str(error.value).startswith(f"{base}:9: extra.papersite.recent_papers is written 010,")
    # MkDocs merges the file over the one it inherits: its own value wins, and is the one checked.
    assert options("recent_papers: 7", "recent_papers: 010").recent_papers == 7
    with pytest.raises(PapersiteError) as error:
        options("recent_papers: 010", "recent_papers: 0")
    assert str(error.value).startswith(f"{config}:4: extra.papersite.recent_papers is written 010,")
    # Written as MkDocs' !ENV, the value is no number written in digits: nothing to check.
    assert (
        options("recent_papers: !ENV [PAPERSITE_UNSET, 5]", "recent_papers: 010").recent_papers == 5
    )


def test_a_number_a_merge_key_or_an_env_default_brings_is_checked_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs reads both as YAML 1.1 reads their digits: 010 was 8 without a word.
    monkeypatch.delenv("PAPERSITE_UNSET", raising=False)
    monkeypatch.setenv("PAPERSITE_SET", "7")
    config, base = tmp_path / "mkdocs.yml", tmp_path / "base.yml"
    counts = "extra:\n  counts: &counts\n    recent_papers: 010\n  papersite:\n    <<: *counts\n"
    said = "extra.papersite.recent_papers is written 010, which mkdocs.yml (YAML 1.1) reads as 8"

    def options(written: str, inherited: str = "site_name: x\n") -> Options:
        """The options of a mkdocs.yml ``written``, inheriting base.yml's ``inherited``."""
        base.write_text(inherited, encoding="utf-8")
        config.write_text(f"INHERIT: base.yml\n{written}", encoding="utf-8")
        return options_of(load_mkdocs_yaml(config), config)

    with pytest.raises(PapersiteError) as error:
        options("", counts)
    assert str(error.value).startswith(f"{base}:3: {said}")
    with pytest.raises(PapersiteError) as error:
        options("extra:\n  papersite:\n    recent_papers: !ENV [PAPERSITE_UNSET, 010]\n")
    assert str(error.value).startswith(f"{config}:4: {said}")
    # The map's own setting wins over the merged one, and a variable set over the default.
    assert options("", f"{counts}    recent_papers: 3\n").recent_papers == 3
    env = "extra:\n  papersite:\n    recent_papers: !ENV [PAPERSITE_SET, 010]\n"
    assert options(env).recent_papers == 7
    # A whole extra.papersite map as an !ENV's default is read as MkDocs reads it too.
    with pytest.raises(PapersiteError) as error:
        options("extra:\n  papersite: !ENV\n    - PAPERSITE_UNSET\n    - recent_papers: 010\n")
    assert str(error.value).startswith(f"{config}:5: {said}")


def test_a_number_an_env_variable_holds_is_checked_as_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs reads the variable's text as YAML 1.1 too: 010 was 8 without a word.
    monkeypatch.delenv("PAPERSITE_UNSET", raising=False)
    monkeypatch.setenv("PAPERSITE_SET", "010")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nextra:\n  papersite:\n    recent_papers: !ENV [PAPERSITE_UNSET, "
        "PAPERSITE_SET, 5]\n",
        encoding="utf-8",
    )
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value) == (
        f"{config}:4: extra.papersite.recent_papers is read from the environment variable "
        "PAPERSITE_SET (!ENV), set to '010', which MkDocs (YAML 1.1) reads as 8: set it in plain "
        "digits, 8 or 10"
    )
    # No content file reads the variable: how YAML 1.2 reads '1_0' (as text) is not told.
    monkeypatch.setenv("PAPERSITE_SET", "1_0")
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value).endswith(
        "set to '1_0', which MkDocs (YAML 1.1) reads as 10: set it in plain digits, 10"
    )
    # Taken silently, while ' 10' was refused.
    monkeypatch.setenv("PAPERSITE_SET", "+10")
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value).endswith("(!ENV), set to '+10': set it in plain digits, 10")
    monkeypatch.setenv("PAPERSITE_SET", "-0")
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value).endswith("(!ENV), set to '-0': set it in plain digits, 0")
    # Its plain digits refused too: the bounds are what to tell.
    monkeypatch.setenv("PAPERSITE_SET", "-1_0")
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value).endswith("(!ENV), set to '-1_0': set it to a whole number, 0 or more")
    monkeypatch.setenv("PAPERSITE_SET", "12")
    assert options_of(load_mkdocs_yaml(config), config).recent_papers == 12


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (
            "' 10'",
            "which MkDocs reads as text: set it to a whole number, 0 or more, without spaces",
        ),
        (
            "'10 '",
            "which MkDocs reads as text: set it to a whole number, 0 or more, without spaces",
        ),
        ("'0o10'", "which MkDocs reads as text: set it to a whole number, 0 or more"),
        ("'1e1'", "which MkDocs reads as text: set it to a whole number, 0 or more"),
        ("'yes'", "which MkDocs reads as true: set it to a whole number, 0 or more"),
        ("'-1'", "set it to a whole number, 0 or more"),
    ],
)
def test_a_number_an_env_variable_holds_refused_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, said: str
) -> None:
    # "must be a whole number, 0 or more, not ' 10'" named no variable, as the 010 message does.
    monkeypatch.setenv("PAPERSITE_SET", value.strip("'"))
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nextra:\n  papersite:\n    recent_papers: !ENV [PAPERSITE_SET, 10]\n",
        encoding="utf-8",
    )
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value) == (
        f"{config}:4: extra.papersite.recent_papers is read from the environment variable "
        f"PAPERSITE_SET (!ENV), set to {value}{', ' if said.startswith('which') else ': '}{said}"
    )


def test_options_an_env_variable_holds_are_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs reads the variable's text as one value: "must hold options" did not say why.
    monkeypatch.setenv("PAPERSITE_SET", "{recent_papers: 010}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nextra:\n  papersite: !ENV [PAPERSITE_SET, {recent_papers: 5}]\n",
        encoding="utf-8",
    )
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value) == (
        f"{config}:3: extra.papersite is read from the environment variable PAPERSITE_SET "
        "(!ENV), set to '{recent_papers: 010}', which MkDocs reads as text: a variable holds one "
        "value, not options; write them in the file (search, unsorted_page_size, "
        "theme_page_size, search_group_size, recent_papers, feed_entries, related_papers)"
    )


@pytest.mark.parametrize(
    ("key", "set_to", "default", "read"),
    [
        ("extra", "hello", "", "set to 'hello', which MkDocs reads as text"),
        (
            "extra",
            "{papersite: {}}",
            ", {papersite: {}}",
            "set to '{papersite: {}}', which MkDocs reads as text",
        ),
        ("extra", None, "", "which is unset, with no default"),
        ("extra", None, ", 5", "which is unset, and its default is 5"),
        ("extra.papersite", None, ", pagefind", "which is unset, and its default is 'pagefind'"),
    ],
)
def test_extra_and_extra_papersite_read_from_a_variable_as_no_map_name_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    set_to: str | None,
    default: str,
    read: str,
) -> None:
    # extra's said "extra must hold settings (key: value), ..., not 'hello'", or "extra is
    # empty" of an unset variable: the line shows the !ENV, not what MkDocs read from it.
    if set_to is None:
        monkeypatch.delenv("PAPERSITE_SET", raising=False)
    else:
        monkeypatch.setenv("PAPERSITE_SET", set_to)
    env = f"!ENV [PAPERSITE_SET{default}]"
    written = (
        f"site_name: x\nextra: {env}\n"
        if key == "extra"
        else f"site_name: x\nextra:\n  papersite: {env}\n"
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(written, encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    what, fix = (
        ("settings", ", such as papersite's options (papersite: ...)")
        if key == "extra"
        else ("options", f" ({', '.join(KNOWN)})")
    )
    assert str(error.value) == (
        f"{config}:{written.count(chr(10))}: {key} is read from the environment variable "
        f"PAPERSITE_SET (!ENV), {read}: a variable holds one value, not {what}; write them in "
        f"the file{fix}"
    )


def test_a_file_an_inherit_written_as_env_leads_to_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PAPERSITE_UNSET", raising=False)
    config, base = tmp_path / "mkdocs.yml", tmp_path / "cfg" / "base.yml"
    base.parent.mkdir()
    base.write_text(MKDOCS_YML.replace("recent_papers: 10", "recent_papers: 010"), encoding="utf-8")
    config.write_text("INHERIT: !ENV [PAPERSITE_UNSET, cfg/base.yml]\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value).startswith(f"{base}:9: extra.papersite.recent_papers is written 010,")


def test_settings_nested_too_deep_are_refused_at_their_line(tmp_path: Path) -> None:
    # PyYAML's composer recurses once per level: a RecursionError traceback, as papersite's own
    # YAML files were before yamlfile bounded their nesting.
    config, base = tmp_path / "mkdocs.yml", tmp_path / "base.yml"
    config.write_text("site_name: x\nnav: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(config)
    assert str(error.value) == f"{config}:2: nesting deeper than {MAX_DEPTH} levels"
    # In a file an INHERIT names, block style, at the line it goes too deep.
    config.write_text("INHERIT: base.yml\nsite_name: x\n", encoding="utf-8")
    nested = "".join(f"{'  ' * level}k{level}:\n" for level in range(60))
    base.write_text(f"site_url: https://e.org/\nextra:\n{nested}", encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        load_mkdocs_yaml(config)
    assert str(error.value) == (
        f"{base}:43: nesting deeper than {MAX_DEPTH} levels (named by INHERIT at {config}:1)"
    )
    # As deep as papersite's own files may be, it is read.
    config.write_text("nav: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", encoding="utf-8")
    assert load_mkdocs_yaml(config)["nav"] is not None


def test_extra_papersite_must_hold_options(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  papersite: pagefind\n", encoding="utf-8")
    with pytest.raises(PapersiteError, match="must hold options") as error:
        options_of({"extra": {"papersite": "pagefind"}}, config)
    assert error.value.problems[0].line == 3


@pytest.mark.parametrize(
    ("written", "message"),
    [
        # Under extra, not extra.papersite: it was silently ignored.
        (
            "site_name: x\nextra:\n  feed_entries: 5\n",
            ":3: feed_entries is an option of papersite: it belongs under extra.papersite, "
            "indented two spaces more",
        ),
        (
            MKDOCS_YML.replace("  analytics: {}\n", "  analytics: {}\n  recent_papers: 3\n"),
            ":4: recent_papers is an option of papersite: it belongs under extra.papersite, "
            "indented two spaces more",
        ),
        # papersite misspelt: MkDocs takes any key under extra, so every option was left unread.
        (
            "site_name: x\nextra:\n  papersit:\n    recent_papers: 0\n",
            ":3: extra has no 'papersit' (did you mean 'papersite'?): papersite's options go "
            "under extra.papersite",
        ),
        # Beside papersite itself, still most likely a typo: its options would go unread too.
        (
            MKDOCS_YML.replace(
                "  analytics: {}\n", "  analytics: {}\n  Papersite:\n    search: x\n"
            ),
            ":4: extra has no 'Papersite' (did you mean 'papersite'?): papersite's options go "
            "under extra.papersite",
        ),
        # Outside extra: MkDocs warned of a key it does not have (generate said nothing), and
        # handed the theme's to Material, which never reads it; every option was left unread.
        (
            "site_name: x\npapersite:\n  search: pagefind\n",
            ":2: papersite's options go under extra (extra.papersite): written at the top level, "
            "they are ignored",
        ),
        # One option at the top level: MkDocs only warned of it, at no line, and ignored it.
        (
            "site_name: x\nrelated_papers: 3\n",
            ":2: related_papers is an option of papersite: it belongs under extra.papersite; "
            "written at the top level, it is ignored",
        ),
        (
            MKDOCS_YML + "search: pagefind\n",
            ":12: search is an option of papersite: it belongs under extra.papersite; written at "
            "the top level, it is ignored",
        ),
        (
            "site_name: x\ntheme:\n  name: material\n  papersite:\n    recent_papers: 0\n",
            ":4: papersite's options go under extra (extra.papersite): written under theme, they "
            "are ignored",
        ),
        # generate took it as no options, where MkDocs' build refused it.
        (
            "site_name: x\nextra:\n",
            ":2: extra is empty: write its settings under it, such as papersite's options "
            "(papersite: ...), or remove the line",
        ),
        (
            "site_name: x\nextra: [papersite]\n",
            ":2: extra must hold settings (key: value), such as papersite's options "
            "(papersite: ...), not a list",
        ),
    ],
)
# One set twice is site_settings' to tell, with every other mistake (see test_mkdocs_glue).
def test_an_option_misplaced_is_refused_at_its_line(
    tmp_path: Path, written: str, message: str
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(written, encoding="utf-8")
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value) == f"{config}{message}"


def test_no_option_of_papersite_is_named_as_a_setting_of_mkdocs() -> None:
    # Refused at the top level (above), where a setting of MkDocs so named would be meant.
    from papersite.mkdocs_glue import _mkdocs_settings

    assert not set(KNOWN) & set(_mkdocs_settings())


def test_a_template_s_own_key_like_papersite_under_extra_is_left_alone(tmp_path: Path) -> None:
    # Not a typo by the typo rule (difflib's likeness, the other "did you mean"s', takes a prefix).
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  papers: 1\n  paper: 2\n", encoding="utf-8")
    assert options_of(load_mkdocs_yaml(config), config) == Options()


def test_papersite_misspelt_is_refused_in_the_file_writing_it(tmp_path: Path) -> None:
    config, base = tmp_path / "mkdocs.yml", tmp_path / "base.yml"
    base.write_text(MKDOCS_YML, encoding="utf-8")
    config.write_text(
        "INHERIT: base.yml\nextra:\n  paperstie:\n    search: pagefind\n", encoding="utf-8"
    )
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value) == (
        f"{config}:3: extra has no 'paperstie' (did you mean 'papersite'?): papersite's options "
        "go under extra.papersite"
    )


@pytest.mark.parametrize(("first", "second"), [("5", "010"), ("010", "5")])
def test_of_two_merged_maps_setting_an_option_the_one_mkdocs_reads_is_checked(
    tmp_path: Path, first: str, second: str
) -> None:
    # PyYAML keeps one of them by the key strings' identity, not by order: 'recent_papers',
    # written twice, is two strings, and the second map's wins. papersite had the first's.
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"x-a: &a {{recent_papers: {first}}}\nx-b: &b {{recent_papers: {second}}}\n"
        "site_name: x\nextra:\n  papersite:\n    <<: [*a, *b]\n",
        encoding="utf-8",
    )
    written = load_mkdocs_yaml(config)
    read = written["extra"]["papersite"]["recent_papers"]
    if read == 5:
        assert options_of(written, config).recent_papers == 5
    else:
        line = 1 if first == "010" else 2
        with pytest.raises(PapersiteError) as error:
            options_of(written, config)
        assert str(error.value).startswith(
            f"{config}:{line}: extra.papersite.recent_papers is written 010, which mkdocs.yml "
            f"(YAML 1.1) reads as {read} "
        )


def test_an_option_key_yaml_reads_as_true_is_named_as_yaml_writes_it(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS_YML.replace("search: material", "yes: pagefind"), encoding="utf-8")
    # Neither Python's True nor YAML's true: the curator wrote yes.
    with pytest.raises(PapersiteError, match=r"has no option yes \(options: search, ") as error:
        options_of(load_mkdocs_yaml(config), config)
    # At its own line, not extra.papersite's: its text is 'yes', not 'True'.
    lines = config.read_text(encoding="utf-8").splitlines()
    assert error.value.problems[0].line == lines.index("    yes: pagefind") + 1


@pytest.mark.parametrize("order", ["*a, *b", "*b, *a"])
def test_of_two_merged_maps_setting_a_one_letter_key_the_one_mkdocs_reads_is_named(
    tmp_path: Path, order: str
) -> None:
    # One-letter strings are one object to Python: PyYAML keeps the first map's, as it reads.
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "x-a: &a {x: 1}\nx-b: &b {x: 2}\n"
        f"site_name: x\nextra:\n  papersite:\n    <<: [{order}]\n",
        encoding="utf-8",
    )
    written = load_mkdocs_yaml(config)
    with pytest.raises(PapersiteError, match="has no option 'x'") as error:
        options_of(written, config)
    # The line writing the value MkDocs reads: map a's, of value 1, is on line 1.
    assert error.value.problems[0].line == written["extra"]["papersite"]["x"]


def test_every_bad_option_is_refused_at_once_in_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first alone was told: a curator fixed it, ran again, and was told of the next.
    monkeypatch.setenv("PAPERSITE_A", "x")
    monkeypatch.setenv("PAPERSITE_B", "1.5")
    config, base = tmp_path / "mkdocs.yml", tmp_path / "base.yml"
    base.write_text(MKDOCS_YML.replace("feed_entries: 100", "feed_entries: 0"), encoding="utf-8")
    config.write_text(
        "INHERIT: base.yml\n"
        "extra:\n"
        "  recent_papers: 3\n"
        "  papersite:\n"
        "    related_papers: x\n"
        "    serach: pagefind\n"
        "    search_group_size: !ENV [PAPERSITE_B, 10]\n"
        "    unsorted_page_size: -1\n"
        "    theme_page_size: !ENV [PAPERSITE_A, 10]\n",
        encoding="utf-8",
    )
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert [str(problem) for problem in error.value.problems] == [
        f"{config}:3: recent_papers is an option of papersite: it belongs under extra.papersite, "
        "indented two spaces more",
        f"{config}:5: extra.papersite.related_papers must be a whole number from 0 to 100, not 'x'",
        f"{config}:6: extra.papersite has no option 'serach' (did you mean 'search'?)",
        f"{config}:7: extra.papersite.search_group_size is read from the environment variable "
        "PAPERSITE_B (!ENV), set to '1.5', which MkDocs reads as 1.5: set it to a whole number "
        "above 0",
        f"{config}:8: extra.papersite.unsorted_page_size must be a whole number above 0, not -1",
        f"{config}:9: extra.papersite.theme_page_size is read from the environment variable "
        "PAPERSITE_A (!ENV), set to 'x', which MkDocs reads as text: set it to a whole number "
        "above 0",
        f"{base}:10: extra.papersite.feed_entries must be a whole number above 0, not 0",
    ]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("pagefnd", "set to 'pagefnd': set it to one of material, pagefind"),
        ("yes", "set to 'yes', which MkDocs reads as true: set it to one of material, pagefind"),
        (" pagefind", "set to ' pagefind': set it to one of material, pagefind, without spaces"),
    ],
)
def test_a_search_an_env_variable_holds_refused_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, said: str
) -> None:
    # "must be one of material, pagefind, not 'pagefnd'" named no variable, as a number's does.
    monkeypatch.setenv("SEARCH_BACKEND", value)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nextra:\n  papersite:\n    search: !ENV [SEARCH_BACKEND, material]\n",
        encoding="utf-8",
    )
    with pytest.raises(PapersiteError) as error:
        options_of(load_mkdocs_yaml(config), config)
    assert str(error.value) == (
        f"{config}:4: extra.papersite.search is read from the environment variable "
        f"SEARCH_BACKEND (!ENV), {said}"
    )


def test_readme_names_every_option_with_its_default() -> None:
    # README is where curators and forks learn the options (extra.papersite in mkdocs.yml): an
    # option added to Options but not there, or a default changed in one place only, misleads.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    defaults = Options()
    for option in dataclasses.fields(Options):
        assert re.search(rf"`{option.name}`|^\s+{option.name}: ", readme, re.M), option.name
        # Where README gives the default in brackets after the name, "`feed_entries` (100)".
        written = re.search(rf"`{option.name}` \(([\d,]+)\)", readme)
        if written:
            assert int(written[1].replace(",", "")) == getattr(defaults, option.name), option.name
    # And the defaults README gives in brackets are most of them, so the check has teeth.
    assert len(re.findall(r"`[a-z_]+` \([\d,]+\)", readme)) >= 5
