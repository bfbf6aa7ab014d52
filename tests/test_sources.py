from __future__ import annotations

import io
import os
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papersite import sources
from papersite.dumps import read_dump, read_text
from papersite.errors import PapersiteError, Problems, Severity, display_path, printable
from papersite.schema import validate
from papersite.sources import (
    MAX_DUMP_BYTES,
    MissingDump,
    SourceFile,
    discover_sources,
    today_anywhere,
)
from papersite.yamlfile import load_yaml_file

from .conftest import CAPTURED, DATA, SEEDS, Lock, MakeContent, source


def test_binary_files_are_refused_with_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(b"A Title\n\x00\x01\x02binary")
    dump = read_dump(SourceFile(path, "dump.txt", "dump.txt"))
    assert [(p.line, p.message) for p in dump.problems] == [
        (2, "binary file (NUL byte); file skipped")
    ]
    assert dump.records == []


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (b"", "not UTF-8: byte 0xfe at column 5, shown as U+FFFD; save the file as UTF-8"),
        (
            b"\nCaf\xe9\n\nLatin-1 \xe9t\xe9.\n",
            "not UTF-8: byte 0xfe at column 5 (and 2 more lines), shown as U+FFFD; "
            "save the file as UTF-8",
        ),
    ],
)
def test_bytes_that_are_not_utf8_are_an_error_at_their_line_and_the_dump_is_still_read(
    tmp_path: Path, tail: bytes, message: str
) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(b"Title\n\nAbstract.\n\nSecond\n\nBad \xfe byte.\n" + tail)
    dump = read_dump(SourceFile(path, "dump.txt", "dump.txt"))
    assert [(r.title, r.abstract) for r in dump.records][:2] == [
        ("Title", "Abstract."),
        ("Second", "Bad \ufffd byte."),
    ]
    assert [(p.line, p.severity, p.message) for p in dump.problems] == [
        (7, Severity.ERROR, message)
    ]


def test_control_characters_are_a_warning_at_their_line_naming_them(tmp_path: Path) -> None:
    # A terminal's colour code pasted into a title showed on the site as a U+FFFD nobody saw.
    path = tmp_path / "dump.txt"
    path.write_bytes(b"Need\x1b[31mis All\x1b[0m You Need\n\nAbs\x0btract\x0c \x1b.\n")
    dump = read_dump(SourceFile(path, "dump.txt", "dump.txt"))
    assert [(r.title, r.abstract) for r in dump.records] == [
        ("Need\ufffd[31mis All\ufffd[0m You Need", "Abs\ufffdtract\ufffd \ufffd.")
    ]
    assert [(p.line, p.severity, printable(p.message)) for p in dump.problems] == [
        (
            1,
            Severity.WARNING,
            "control character '\\x1b': shown as U+FFFD; remove it from the dump",
        ),
        (
            3,
            Severity.WARNING,
            "control characters '\\x0b', '\\x0c', '\\x1b': shown as U+FFFD; "
            "remove them from the dump",
        ),
    ]


def test_characters_xml_forbids_are_a_warning_at_their_line_like_controls(tmp_path: Path) -> None:
    # U+FFFE and U+FFFF are no XML characters: one in a title passed the check with no warning
    # and made every feed holding the paper "not well-formed", which strict readers refuse.
    path = tmp_path / "dump.txt"
    path.write_text("Half\ufffeway\n\nAbstract \uffff.\n", encoding="utf-8")
    dump = read_dump(SourceFile(path, "dump.txt", "dump.txt"))
    assert [(r.title, r.abstract) for r in dump.records] == [("Half\ufffdway", "Abstract \ufffd.")]
    assert [(p.line, p.severity, printable(p.message)) for p in dump.problems] == [
        (
            line,
            Severity.WARNING,
            f"control character '{code}': shown as U+FFFD; remove it from the dump",
        )
        for line, code in [(1, "\\ufffe"), (3, "\\uffff")]
    ]


@pytest.mark.parametrize("in_memory", [False, True])
def test_control_characters_on_many_lines_are_named_on_the_first_few_then_counted(
    tmp_path: Path, in_memory: bool
) -> None:
    # A dump pasted from a terminal, a colour code on every title and abstract, gave one warning
    # a line: 601 for 300 papers, burying every other.
    text = "".join(f"\x1b[1mTitle {n}\x1b[0m\n\n\x1b[3mAbstract {n}.\n\n" for n in range(1, 6))
    source = SourceFile(tmp_path / "dump.txt", "dump.txt", "dump.txt")
    if in_memory:
        dump = read_text(text, source)
    else:
        source.path.write_text(text, encoding="utf-8")
        dump = read_dump(source)
    assert len(dump.records) == 5
    named = "control character '\\x1b': shown as U+FFFD; remove it from the dump"
    assert [(p.line, p.severity, printable(p.message)) for p in dump.problems] == [
        (1, Severity.WARNING, named),
        (3, Severity.WARNING, named),
        (5, Severity.WARNING, named),
        (
            7,
            Severity.WARNING,
            "control characters on this line and 6 more lines, as on the 3 lines named above: "
            "shown as U+FFFD; remove them from the dump",
        ),
    ]


def test_a_huge_line_is_refused_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Title\n\n" + b"x" * 1_000_000 + b"\n")
    dump = read_dump(SourceFile(path, "huge.txt", "huge.txt"))
    assert [(p.line, p.severity) for p in dump.problems] == [(3, Severity.ERROR)]
    assert "longer than 65,536 bytes" in dump.problems[0].message


def test_sources_yaml_labels_and_dates_files(make_content: MakeContent) -> None:
    content = make_content(
        "spaced_small.txt",
        "dense_small.txt",
        sources_yaml=(DATA / "sources_small.yaml").read_text(),
    )
    problems = Problems()
    found = {s.name: s for s in discover_sources(content, problems).sources}
    assert list(problems) == []
    assert found["spaced_small.txt"].label == "Small spaced dump"
    assert found["spaced_small.txt"].captured == date(2025, 11, 20)
    assert (found["dense_small.txt"].captured, found["dense_small.txt"].captured_year) == (
        None,
        2025,
    )
    # Where each 'captured' is written, for a message that finds it wrong.
    yaml_file = display_path(content / "sources" / "sources.yaml")
    assert [found[name].captured_at for name in ("spaced_small.txt", "dense_small.txt")] == [
        (yaml_file, line)
        for line, text in enumerate((DATA / "sources_small.yaml").read_text().splitlines(), 1)
        if "captured:" in text
    ]


def test_only_txt_files_are_read_and_others_are_named_in_a_warning(
    make_content: MakeContent,
) -> None:
    content = make_content(
        "spaced_small.txt",
        sources_yaml="sources:\n  README.md: {}\n  CAPS.TXT: {}\n  spaced_small.txt: {}\n"
        "  gone.txt: {}\n",
    )
    folder = content / "sources"
    (folder / "README.md").write_text("About these dumps\n\nProse, not a paper.\n")
    (folder / "sources.yml").write_text("sources: {}\n")
    (folder / "CAPS.TXT").write_bytes((DATA / "dense_small.txt").read_bytes())
    (folder / "old").mkdir()
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / ".gitkeep").write_text("")
    (folder / ".DS_Store").write_bytes(b"\x00\x01Bud1")
    problems = Problems()
    found = discover_sources(content, problems).sources
    # A broken link named as a dump is one: reading it fails, with an error (read_dump).
    assert [s.name for s in found] == ["CAPS.TXT", "gone.txt", "spaced_small.txt"]
    assert [str(p) for p in problems] == [
        f"{folder}/README.md: warning: not a .txt file, so not read as a dump",
        f"{folder}/old: warning: a folder, not read: dumps go directly in {folder}",
        # No "did you mean sources.yaml?" where sources.yaml is (test_a_misnamed_sources_yaml...).
        f"{folder}/sources.yml: warning: not a .txt file, so not read as a dump",
        f"{folder}/sources.yaml:2: lists 'README.md', which is not a dump: "
        "only .txt files are read",
    ]


@pytest.mark.parametrize(
    ("sources_yaml", "hint"),
    [(None, " (did you mean sources.yaml?)"), ("sources:\n  spaced_small.txt: {}\n", "")],
)
def test_a_misnamed_sources_yaml_is_told_the_name_only_when_there_is_no_sources_yaml(
    make_content: MakeContent, sources_yaml: str | None, hint: str
) -> None:
    # Beside sources.yaml, "sources.yaml~" is an editor's backup: renaming it would replace it.
    content = make_content("spaced_small.txt", sources_yaml=sources_yaml)
    folder = content / "sources"
    (folder / "sources.yaml~").write_text("sources: {}\n")
    problems = Problems()
    discover_sources(content, problems)
    assert [str(p) for p in problems] == [
        f"{folder}/sources.yaml~: warning: not a .txt file, so not read as a dump{hint}"
    ]


def test_sources_yaml_naming_a_missing_file_is_an_error(make_content: MakeContent) -> None:
    content = make_content(
        "spaced_small.txt",
        sources_yaml="sources:\n  gone.txt:\n    label: Gone\n  spaced_small.txt: {}\n",
    )
    problems = Problems()
    missing = discover_sources(content, problems).missing
    assert [str(p) for p in problems] == [
        f"{content}/sources/sources.yaml:2: lists 'gone.txt', "
        f"but {content}/sources has no such file"
    ]
    # Its papers are gone too: papers.yaml's entries for them are said as one, naming it.
    assert missing == (MissingDump("gone.txt", f"{content}/sources/sources.yaml", 2),)


def test_a_duplicate_key_in_sources_yaml_does_not_hide_its_other_mistakes(
    make_content: MakeContent,
) -> None:
    content = make_content(
        "spaced_small.txt",
        sources_yaml="sources:\n  spaced_small.txt:\n    label: S\n    label: T\n"
        "  gone.txt:\n    label: Gone\n",
    )
    problems = Problems()
    found = {s.name: s for s in discover_sources(content, problems).sources}
    assert [str(p) for p in problems] == [
        f"{content}/sources/sources.yaml:4: duplicate key 'label' (first defined on line 3)",
        f"{content}/sources/sources.yaml:5: lists 'gone.txt', "
        f"but {content}/sources has no such file",
    ]
    assert found["spaced_small.txt"].label == "S"


@pytest.mark.parametrize(
    ("dumps", "hint", "unlisted"),
    [
        # The one dump left without an entry is what the copied entry was for, however unlike.
        (["dense_small.txt"], ": did you mean 'dense_small.txt', which no entry lists?", []),
        # Of several, the one whose name is closest; none close, each is a warning of its own.
        (
            ["spaced_smalll.txt", "dense_small.txt"],
            ": did you mean 'spaced_smalll.txt', which no entry lists?",
            ["dense_small.txt"],
        ),
        (["x1.txt", "x2.txt"], "", ["x1.txt", "x2.txt"]),
    ],
)
def test_a_key_written_twice_names_the_unlisted_dump_it_was_likely_meant_for(
    make_content: MakeContent, dumps: list[str], hint: str, unlisted: list[str]
) -> None:
    entry = "  spaced_small.txt:\n    label: S\n    captured: 2025-11-20\n"
    content = make_content("spaced_small.txt", sources_yaml=f"sources:\n{entry}{entry}")
    folder = content / "sources"
    for name in dumps:
        (folder / name).write_bytes((DATA / "dense_small.txt").read_bytes())
    problems = Problems()
    discover_sources(content, problems)
    assert [str(p) for p in problems] == [
        f"{folder}/sources.yaml:5: duplicate key 'spaced_small.txt' (first defined on line 2)"
        + hint,
        *(f"{folder}/{name}: {UNLISTED}" for name in unlisted),
    ]


def test_sources_yaml_with_a_bad_capture_date_names_the_line(make_content: MakeContent) -> None:
    content = make_content(
        "spaced_small.txt",
        sources_yaml="sources:\n  spaced_small.txt:\n    label: S\n    captured: last tuesday\n",
    )
    problems = Problems()
    discover_sources(content, problems)
    assert [(p.line, p.message) for p in problems] == [
        (
            4,
            "'spaced_small.txt': captured must be a date (2025-10-31) or a year (2025), "
            "not 'last tuesday'",
        )
    ]


@pytest.mark.parametrize(
    ("mark", "codec", "named"),
    [
        # Called UTF-16 text, for the FF FE its mark starts with.
        ("\ufeff", "utf-32-le", "UTF-32 text (little-endian, byte-order mark FF FE 00 00)"),
        # Called not UTF-8 at line 1.
        ("\ufeff", "utf-32-be", "UTF-32 text (big-endian, byte-order mark 00 00 FE FF)"),
        # Called a YAML syntax error: "character U+0000 is not allowed".
        ("", "utf-16-le", "UTF-16 text without a byte-order mark (little-endian, it seems)"),
        ("", "utf-32-le", "UTF-32 text without a byte-order mark (little-endian, it seems)"),
    ],
)
def test_sources_yaml_in_utf16_or_utf32_is_refused_naming_its_encoding(
    make_content: MakeContent, mark: str, codec: str, named: str
) -> None:
    content = make_content("spaced_small.txt")
    yaml_file = content / "sources" / "sources.yaml"
    yaml_file.write_bytes(f"{mark}sources:\n  spaced_small.txt:\n    label: S\n".encode(codec))
    problems = Problems()
    discover_sources(content, problems)
    assert [str(p) for p in problems] == [
        f"{display_path(yaml_file)}: {named}: save the file as UTF-8"
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "",
            "label is empty: write the text readers see for this dump, "
            "or leave 'label' out to show its file name",
        ),
        ("2025", "label must be text"),
    ],
)
def test_a_bad_label_is_an_error_at_its_line_and_the_capture_date_is_kept(
    make_content: MakeContent, written: str, message: str
) -> None:
    content = make_content(
        "spaced_small.txt",
        sources_yaml=f"sources:\n  spaced_small.txt:\n    label: {written}\n"
        "    captured: 2025-11-20\n",
    )
    problems = Problems()
    (found,) = discover_sources(content, problems).sources
    assert [(p.line, p.message) for p in problems] == [(3, f"'spaced_small.txt': {message}")]
    assert (found.label, found.captured, found.captured_year) == (
        "spaced_small.txt",
        CAPTURED,
        2025,
    )
    # Its year-less dates are dated: no second message asks for the date sources.yaml gives.
    assert read_dump(found).problems == []


@pytest.mark.parametrize(
    "written",
    ["2025-11-20T09:30:00", "2025-11-20 09:30:00+01:00", "'2025-11-20'", '"2025-11-20"'],
)
def test_a_capture_time_or_a_quoted_date_is_that_day(
    make_content: MakeContent, written: str
) -> None:
    content = make_content(
        "spaced_small.txt",
        sources_yaml=f"sources:\n  spaced_small.txt:\n    label: S\n    captured: {written}\n",
    )
    problems = Problems()
    (found,) = discover_sources(content, problems).sources
    assert list(problems) == []
    assert type(found.captured) is date
    assert (found.captured, found.captured_year) == (CAPTURED, 2025)
    # Year-less "Oct 29" is dated against it: a datetime here once ended in a TypeError.
    dump = read_dump(found)
    assert dump.problems == []
    assert dump.records[1].published == date(2025, 10, 29)


def test_unknown_keys_in_sources_yaml_are_named_at_their_own_line_and_the_rest_read(
    make_content: MakeContent,
) -> None:
    content = make_content(
        "spaced_small.txt",
        "dense_small.txt",
        sources_yaml=(
            "sources:\n"
            "  spaced_small.txt:\n"
            "    lable: Small spaced dump\n"
            "    captured: 2025-11-20\n"
            "  dense_small.txt:\n"
            "    label: Small dense dump\n"
            "    date: 2025\n"
            "sourcse: {}\n"
        ),
    )
    problems = Problems()
    found = {s.name: s for s in discover_sources(content, problems).sources}
    assert [(p.line, p.message) for p in problems] == [
        (8, "unknown key 'sourcse' (did you mean 'sources'?)"),
        (3, "unknown key 'lable' (did you mean 'label'?)"),
        (7, "unknown key 'date' (expected: label, captured)"),
    ]
    assert found["spaced_small.txt"].captured == date(2025, 11, 20)
    assert found["dense_small.txt"].label == "Small dense dump"


def test_every_impossible_capture_date_is_reported(
    make_content: MakeContent,
) -> None:
    # 2025-19-11 is shaped like a date, so YAML 1.1 would call it one and fail the whole file.
    content = make_content(
        "spaced_small.txt",
        "dense_small.txt",
        sources_yaml=(
            "sources:\n  spaced_small.txt:\n    label: S\n    captured: 2025-19-11\n"
            "  dense_small.txt:\n    label: D\n    captured: 2025-11-31\n"
        ),
    )
    problems = Problems()
    found = {source.name: source for source in discover_sources(content, problems).sources}
    # Its form is right: what is wrong is said, not "must be a date (2025-10-31)".
    assert [(p.line, p.message) for p in problems] == [
        (
            4,
            "'spaced_small.txt': captured '2025-19-11' is an impossible date: there is no month 19",
        ),
        (
            7,
            "'dense_small.txt': captured '2025-11-31' is an impossible date: "
            "November 2025 has 30 days",
        ),
    ]
    # Only the date is lost: the labels are still shown.
    assert {name: found[name].label for name in found} == {
        "dense_small.txt": "D",
        "spaced_small.txt": "S",
    }


def test_an_empty_capture_date_is_an_error_at_its_line_and_the_label_is_kept(
    make_content: MakeContent,
) -> None:
    # Left empty, it once read as no date at all, without a word: the dump then ranked after every
    # dated one for ids, and its year-less dates went undated.
    content = make_content(
        "spaced_small.txt",
        sources_yaml="sources:\n  spaced_small.txt:\n    label: S\n    captured:\n",
    )
    problems = Problems()
    (found,) = discover_sources(content, problems).sources
    assert [(p.line, p.message) for p in problems] == [
        (
            4,
            "'spaced_small.txt': captured is empty: write the day the page was captured "
            "(2025-10-31), or the year (2025) when the day is unknown",
        )
    ]
    assert (found.label, found.captured, found.captured_year) == ("S", None, None)


def test_sources_yaml_and_its_schema_refuse_the_same_empty_values(
    make_content: MakeContent,
) -> None:
    # Editors underline what the schema refuses: papersite must not accept it unseen.
    content = make_content(
        "spaced_small.txt",
        "dense_small.txt",
        sources_yaml="sources:\n  spaced_small.txt:\n    label:\n    captured:\n"
        "  dense_small.txt:\n    label: ' '\n",
    )
    problems = Problems()
    found = discover_sources(content, problems).sources
    document = load_yaml_file(content / "sources" / "sources.yaml", "sources.yaml")
    schema_lines = [p.line for p in validate(document, "sources")]
    assert [p.line for p in problems] == schema_lines == [3, 4, 6]
    # A blank label shows the file name, as a missing one does, never an empty source.
    assert [source.label for source in found] == ["dense_small.txt", "spaced_small.txt"]


UNLISTED = (
    "warning: not listed in sources.yaml: add it there with a label and the day the page was "
    "captured (captured: YYYY-MM-DD); until then its papers' pages name it by its file name, "
    "and its year-less dates and upvotes go undated"
)


@pytest.mark.parametrize(("listed", "unlisted"), [("dense", "spaced"), ("spaced", "dense")])
def test_a_dump_sources_yaml_does_not_list_is_one_warning_naming_it(
    make_content: MakeContent, listed: str, unlisted: str
) -> None:
    content = make_content(
        "spaced_small.txt",
        "dense_small.txt",
        sources_yaml=f"sources:\n  {listed}_small.txt:\n    label: L\n    captured: 2025-11-20\n",
    )
    problems = Problems()
    found = {s.name: s for s in discover_sources(content, problems).sources}
    assert [str(p) for p in problems] == [f"{content}/sources/{unlisted}_small.txt: {UNLISTED}"]
    source = found[f"{unlisted}_small.txt"]
    assert (source.label, source.captured, source.captured_year) == (source.name, None, None)
    # That warning says why its year-less dates go undated: reading it repeats nothing.
    assert read_dump(source).problems == []


@pytest.mark.parametrize(
    ("sources_yaml", "message"),
    [
        ("sources: [spaced_small.txt]\n", "1: 'sources' must map file names"),
        ("- spaced_small.txt\n", "1: expected one key, 'sources'"),
        ("sources:\n  spaced_small.txt: 2025-11-20\n", "2: 'spaced_small.txt' must have "),
        ("sources:\n  spaced_small.txt:\n    captured: soon\n", "3: 'spaced_small.txt': captured "),
        ("sources:\n  spaced_small.txt:\n    captrued: 2025-11-20\n", "3: unknown key 'captrued' "),
        ("sourcse:\n  spaced_small.txt:\n    captured: 2025-11-20\n", "1: unknown key 'sourcse' "),
    ],
)
def test_a_dump_whose_sources_yaml_entry_is_in_error_gets_only_that_error(
    make_content: MakeContent, sources_yaml: str, message: str
) -> None:
    content = make_content("spaced_small.txt", sources_yaml=sources_yaml)
    problems = Problems()
    (found,) = discover_sources(content, problems).sources
    (problem,) = problems
    assert str(problem).startswith(f"{content}/sources/sources.yaml:{message}")
    # Not "add it to sources.yaml" about a dump that is there: the error says what to fix.
    assert read_dump(found).problems == []


def test_a_listed_dump_without_a_capture_date_is_told_to_give_its_entry_one(
    make_content: MakeContent,
) -> None:
    content = make_content("spaced_small.txt", sources_yaml="sources:\n  spaced_small.txt: {}\n")
    problems = Problems()
    (found,) = discover_sources(content, problems).sources
    assert list(problems) == []
    assert [p.message for p in read_dump(found).problems] == [
        "year-less date 'Oct 29 2' cannot be dated without the dump's capture date: give its "
        "entry in sources.yaml a capture date (captured: YYYY-MM-DD); until then the paper has "
        "no date"
    ]


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("spaced_small", " (did you mean 'spaced_small.txt'?)"),
        ("Spaced_Small.TXT", " (did you mean 'spaced_small.txt'?)"),
        ("spaced_smal.txt", " (did you mean 'spaced_small.txt'?)"),
        # Renamed: an error for the old name, and a warning to list the new one, said apart.
        ("gone.txt", " (renamed to 'spaced_small.txt'?)"),
    ],
)
def test_a_sources_yaml_key_missing_its_file_names_the_dump_it_likely_meant(
    make_content: MakeContent, key: str, hint: str
) -> None:
    content = make_content(
        "spaced_small.txt",
        "dense_small.txt",
        sources_yaml=f"sources:\n  dense_small.txt: {{}}\n  {key}:\n    captured: 2025-11-20\n",
    )
    problems = Problems()
    discovered = discover_sources(content, problems)
    gone = discovered.missing
    found = {s.name: s for s in discovered.sources}
    folder = content / "sources"
    missing = f"{folder}/sources.yaml:3: lists '{key}', but {folder} has no such file{hint}"
    # With a hint, the error is all there is to fix: no warning asks to list the dump it names.
    unlisted = [] if hint else [f"{folder}/spaced_small.txt: {UNLISTED}"]
    assert [str(p) for p in problems] == [missing, *unlisted]
    assert read_dump(found["spaced_small.txt"]).problems == []
    # The dump it names is read, papers and all: none of papers.yaml's unknown ids is its.
    assert gone == ()


def test_a_dump_gone_from_the_list_is_no_rename_when_two_came(make_content: MakeContent) -> None:
    content = make_content(
        "spaced_small.txt",
        "dense_small.txt",
        sources_yaml="sources:\n  gone.txt:\n    captured: 2025-11-20\n",
    )
    problems = Problems()
    discover_sources(content, problems)
    folder = content / "sources"
    assert [str(p) for p in problems] == [
        f"{folder}/sources.yaml:2: lists 'gone.txt', but {folder} has no such file",
        f"{folder}/dense_small.txt: {UNLISTED}",
        f"{folder}/spaced_small.txt: {UNLISTED}",
    ]


@pytest.mark.parametrize(
    "key",
    # Read as the number 5, a date, true, and a number.
    ["005", "2025-11-20", "yes", "1.5"],
)
def test_a_sources_yaml_key_yaml_reads_as_no_text_is_named_as_written(
    make_content: MakeContent, key: str
) -> None:
    content = make_content(sources_yaml=f"sources:\n  {key}:\n    captured: 2025-11-20\n")
    folder = content / "sources"
    (folder / f"{key}.txt").write_bytes((DATA / "spaced_small.txt").read_bytes())
    problems = Problems()
    (found,) = discover_sources(content, problems).sources
    # One message, in the curator's words: not the number YAML made of it, nor a second one
    # asking to list the dump it names.
    assert [str(p) for p in problems] == [
        f"{folder}/sources.yaml:2: lists '{key}', but {folder} has no such file "
        f"(did you mean '{key}.txt'?)"
    ]
    assert read_dump(found).problems == []


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        ("2025-11-20", 2, "must have 'label' and 'captured'"),
        (
            "\n    label: ''",
            3,
            "label is empty: write the text readers see for this dump, "
            "or leave 'label' out to show its file name",
        ),
        (
            "\n    captured: soon",
            3,
            "captured must be a date (2025-10-31) or a year (2025), not 'soon'",
        ),
    ],
)
def test_an_entry_under_a_key_yaml_reads_as_no_text_is_named_as_written(
    make_content: MakeContent, entry: str, line: int, message: str
) -> None:
    content = make_content(sources_yaml=f"sources:\n  005_2026_11_30: {entry}\n")
    folder = content / "sources"
    (folder / "005_2026_11_30.txt").write_bytes((DATA / "dense_small.txt").read_bytes())
    problems = Problems()
    discover_sources(content, problems)
    separator = " " if message.startswith("must") else ": "
    assert [(p.line, p.message) for p in problems] == [
        (line, f"'005_2026_11_30'{separator}{message}"),
        (
            2,
            f"lists '005_2026_11_30', but {folder} has no such file "
            "(did you mean '005_2026_11_30.txt'?)",
        ),
    ]


def test_today_anywhere_is_the_date_in_the_latest_time_zone() -> None:
    # UTC+14 starts 28 November at 10:00 UTC on the 27th: a page captured there is not future.
    assert today_anywhere(datetime(2025, 11, 27, 9, 59, tzinfo=UTC)) == date(2025, 11, 27)
    assert today_anywhere(datetime(2025, 11, 27, 10, 0, tzinfo=UTC)) == date(2025, 11, 28)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2025-12-01",
            "captured 2025-12-01 is after today, 2025-11-30 (the date in the latest time zone, "
            "UTC+14): a page cannot be captured in the future (a typo in the year?)",
        ),
        (
            "2027-11-27",
            "captured 2027-11-27 is after today, 2025-11-30 (the date in the latest time zone, "
            "UTC+14): a page cannot be captured in the future (a typo in the year?)",
        ),
        (
            "2026",
            "captured 2026 is after this year, 2025: a page cannot be captured in the future "
            "(a typo?)",
        ),
    ],
)
def test_a_capture_date_after_today_is_an_error_at_its_line_and_costs_only_the_date(
    make_content: MakeContent, written: str, message: str
) -> None:
    content = make_content(
        "spaced_small.txt",
        sources_yaml=f"sources:\n  spaced_small.txt:\n    label: S\n    captured: {written}\n",
    )
    problems = Problems()
    (found,) = discover_sources(content, problems, today=date(2025, 11, 30)).sources
    assert [(p.line, p.message) for p in problems] == [(4, f"'spaced_small.txt': {message}")]
    assert (found.label, found.captured, found.captured_year) == ("S", None, None)
    # Its year-less dates are not dated, but no warning asks for the date the error is about.
    dump = read_dump(found)
    assert dump.problems == []
    assert dump.records[1].published is None


@pytest.mark.parametrize("written", ["2025-11-30", "2025", "'2025'", '"2025"'])
def test_a_capture_date_of_today_is_accepted(make_content: MakeContent, written: str) -> None:
    content = make_content(
        "spaced_small.txt",
        sources_yaml=f"sources:\n  spaced_small.txt:\n    label: S\n    captured: {written}\n",
    )
    problems = Problems()
    (found,) = discover_sources(content, problems, today=date(2025, 11, 30)).sources
    assert list(problems) == []
    assert found.captured_year == 2025


NOT_A_DATE = "must be a date (2025-10-31) or a year (2025), not"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("9999-12-31", "9999-12-31 is not between 1990 and 2100"),
        ("2204", "2204 is not between 1990 and 2100"),
        # Quoted, a year is still a year, with the same bounds.
        ("'2204'", "2204 is not between 1990 and 2100"),
        # Written right, but no such day: what is wrong is said.
        ("'2024-02-30'", "'2024-02-30' is an impossible date: February 2024 has 29 days"),
        ("2025-02-00", "'2025-02-00' is an impossible date: there is no day 00"),
        # Eight digits that make no day are not offered as one.
        ("20251131", "20251131 is not between 1990 and 2100"),
        ("19891120", "19891120 is not between 1990 and 2100"),
        # A day written another way is told how to write it. YAML reads the first as the number
        # 20251120.
        ("20251120", f"{NOT_A_DATE} 20251120 (did you mean 2025-11-20?)"),
        ("2025_11_20", f"{NOT_A_DATE} '2025_11_20' (did you mean 2025-11-20?)"),
        ("2025/11/20", f"{NOT_A_DATE} '2025/11/20' (did you mean 2025-11-20?)"),
        ("2025.11.20", f"{NOT_A_DATE} '2025.11.20' (did you mean 2025-11-20?)"),
        ("20.11.2025", f"{NOT_A_DATE} '20.11.2025' (did you mean 2025-11-20?)"),
        ("'20251120'", f"{NOT_A_DATE} '20251120' (did you mean 2025-11-20?)"),
        # Dashes without the leading zeros were offered nothing, slashes and dots a day.
        ("2025-1-5", f"{NOT_A_DATE} '2025-1-5' (did you mean 2025-01-05?)"),
        ("2025-01-5", f"{NOT_A_DATE} '2025-01-5' (did you mean 2025-01-05?)"),
        # Without the leading zeros, no such day is told why as one with them is: it was told
        # only that it must be a date.
        ("2025-13-5", "'2025-13-5' is an impossible date: there is no month 13"),
        ("2025-2-30", "'2025-2-30' is an impossible date: February 2025 has 28 days"),
        ("2025-2-29", "'2025-2-29' is an impossible date: February 2025 has 28 days"),
        ("2025-2-0", "'2025-2-0' is an impossible date: there is no day 0"),
        ("2024-2-29", f"{NOT_A_DATE} '2024-2-29' (did you mean 2024-02-29?)"),
        # Year 0 is no day of Python's, and was said to be an impossible date.
        ("0000-01-01", "0000-01-01 is not between 1990 and 2100"),
        # No such day in a year out of bounds: the year is what is said, not "February 0 has 29
        # days".
        ("'0000-02-30'", "0000-02-30 is not between 1990 and 2100"),
        ("'0999-02-30'", "0999-02-30 is not between 1990 and 2100"),
        # No such day with spaces around it was told only that it must be a date.
        (
            "'2025-02-29 '",
            "'2025-02-29 ' is an impossible date: February 2025 has 28 days; remove the spaces "
            "around it too",
        ),
        (
            '"2025-02-30\\u00a0"',
            "'2025-02-30\u00a0' is an impossible date: February 2025 has 28 days; remove the "
            "spaces around it too",
        ),
        # Spaces inside the quotes, which the message's quotes hardly show: was offered nothing.
        ('"2025-10-31 "', f"{NOT_A_DATE} '2025-10-31 ' (did you mean 2025-10-31?)"),
        ('" 2025-10-31"', f"{NOT_A_DATE} ' 2025-10-31' (did you mean 2025-10-31?)"),
        ('"2025-1-5 "', f"{NOT_A_DATE} '2025-1-5 ' (did you mean 2025-01-05?)"),
        ("' 2025'", f"{NOT_A_DATE} ' 2025' (did you mean 2025?)"),
        # Shown as YAML writes them, not as Python does (True, [datetime.date(2025, 11, 20)]).
        ("yes", f"{NOT_A_DATE} true"),
        ("[2025-11-20]", f"{NOT_A_DATE} [2025-11-20]"),
        # Day and month cannot be told apart with slashes and the year last.
        ("11/10/2025", f"{NOT_A_DATE} '11/10/2025'"),
        # A year in another base is named with the year it spells: 0x7E9 and 0o3751 were read as
        # 2025 unseen, and 2025 is what YAML 1.1 reads the next two as. A leading zero was shown
        # without it, or read unseen.
        (
            "0x7E9",
            "0x7E9 is 2025 written as a hexadecimal number: write the year in plain digits, 2025",
        ),
        (
            "0o3751",
            "0o3751 is 2025 written as an octal number: write the year in plain digits, 2025",
        ),
        (
            "0b111_1110_1001",
            "'0b111_1110_1001' is 2025 written as a binary number: write the year in plain "
            "digits, 2025",
        ),
        (
            "33:45",
            "'33:45' is 2025 written as a sexagesimal (base 60) number: write the year in plain "
            "digits, 2025",
        ),
        (
            "02025",
            "02025 is 2025 written with a leading zero: write the year in plain digits, 2025",
        ),
        # A sign or a '_' in a year: +2025 was read as 2025 unseen, 2_025 told only that it
        # must be a date or a year.
        ("+2025", "+2025 is 2025 written with a sign: write the year in plain digits, 2025"),
        ("'+2025'", "'+2025' is 2025 written with a sign: write the year in plain digits, 2025"),
        (
            "2_025",
            "'2_025' has '_' in it: YAML 1.1 reads it as 2025, papersite as text; write the year "
            "in plain digits, 2025",
        ),
        (
            "'0999'",
            "'0999' is 999 written with a leading zero: write the year in plain digits, from "
            "1990 to 2100",
        ),
    ],
)
def test_a_capture_date_out_of_range_or_written_otherwise_is_an_error_at_its_line(
    make_content: MakeContent, written: str, message: str
) -> None:
    content = make_content(
        "spaced_small.txt",
        sources_yaml=f"sources:\n  spaced_small.txt:\n    label: S\n    captured: {written}\n",
    )
    problems = Problems()
    discover_sources(content, problems)
    assert [(p.line, p.message) for p in problems] == [
        (4, f"'spaced_small.txt': captured {message}")
    ]


# --- property-based: corrupting a seed never raises anything but PapersiteError --------------


def _seed_bytes() -> list[bytes]:
    return [path.read_bytes()[:6000] for path in sorted(SEEDS.glob("*.txt"))]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(_seed_bytes()),
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=5999),
            st.binary(min_size=0, max_size=8),
            st.integers(0, 40),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_corrupted_seeds_only_ever_give_papersite_errors(
    tmp_path_factory: pytest.TempPathFactory, seed: bytes, edits: list[tuple[int, bytes, int]]
) -> None:
    data = bytearray(seed)
    for position, insert, delete in edits:
        position = min(position, len(data))
        data[position : position + delete] = insert
    path = tmp_path_factory.mktemp("fuzz") / "dump.txt"
    path.write_bytes(bytes(data))
    try:
        dump = read_dump(SourceFile(path, "dump.txt", "dump.txt", CAPTURED, 2025))
    except PapersiteError:
        return
    # Whatever came out is accounted for: kept, or skipped with a reason.
    assert dump.read == len(dump.records) + len(dump.skipped)
    assert all(p.line is None or p.line >= 1 for p in dump.problems)


def test_an_oversized_dump_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_DUMP_BYTES + 1)  # sparse: costs no disk
    dump = read_dump(SourceFile(path, "huge.txt", "huge.txt"))
    assert [(p.line, p.severity) for p in dump.problems] == [(None, Severity.ERROR)]
    assert dump.problems[0].message.startswith(f"file is {MAX_DUMP_BYTES + 1:,} bytes")


def test_dumps_are_streamed_so_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    # 30 MB of padding between two papers: a parser that loaded the file would hold all of it.
    padding = (b" " * 60_000 + b"\n") * 500
    path = tmp_path / "padded.txt"
    path.write_bytes(b"First\n\nAbstract one.\n\n" + padding + b"Second\n\nAbstract two.\n")
    tracemalloc.start()
    try:
        dump = read_dump(SourceFile(path, "padded.txt", "padded.txt"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [r.title for r in dump.records] == ["First", "Second"]
    assert peak < 2_000_000, f"peak {peak:,} bytes for a {path.stat().st_size:,}-byte file"


def test_a_file_found_binary_part_way_is_skipped_whole(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(b"Title\n\nAbstract.\n\nSecond\n\nBad \x00 byte.\n")
    dump = read_dump(SourceFile(path, "dump.txt", "dump.txt"))
    assert (dump.records, dump.read) == ([], 0)
    assert [(p.line, p.message) for p in dump.problems] == [
        (7, "binary file (NUL byte); file skipped")
    ]


def test_dumps_linking_outside_the_content_folder_are_not_read(
    make_content: MakeContent, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret Title\n\nGITHUB_TOKEN=ghs_do_not_publish\n", encoding="utf-8")
    content = make_content(
        "spaced_small.txt",
        sources_yaml="sources:\n  leak.txt:\n    captured: 2025-11-20\n"
        "  inside.txt: {}\n  spaced_small.txt: {}\n",
    )
    (content / "sources" / "leak.txt").symlink_to(secret)
    (content / "sources" / "inside.txt").symlink_to(content / "sources" / "spaced_small.txt")
    problems = Problems()
    found = discover_sources(content, problems).sources
    assert [source.name for source in found] == ["inside.txt", "spaced_small.txt"]
    assert [str(p) for p in problems] == [
        f"{content}/sources/leak.txt: symbolic link to a place outside the content folder; not read"
    ]


@pytest.mark.parametrize("target", ["nowhere.txt", "/nonexistent/x"])
def test_a_dump_replaced_by_a_broken_link_is_one_that_cannot_be_read(
    make_content: MakeContent, target: str
) -> None:
    # Listed in sources.yaml, it is no file listed by mistake: one error, naming the link.
    content = make_content(
        "spaced_small.txt", sources_yaml="sources:\n  gone.txt: {}\n  spaced_small.txt: {}\n"
    )
    (content / "sources" / "gone.txt").symlink_to(target)
    problems = Problems()
    found = discover_sources(content, problems).sources
    assert [source.name for source in found] == ["gone.txt", "spaced_small.txt"]
    assert list(problems) == []
    dump = read_dump(found[0])
    assert dump.unread
    assert [str(p) for p in dump.problems] == [
        f"{content}/sources/gone.txt: cannot read file: No such file or directory (a broken link?)"
    ]


def test_a_sources_folder_without_dumps_is_a_warning(make_content: MakeContent) -> None:
    # Its only sign was every papers.yaml entry an unknown id, and every theme without papers.
    content = make_content(sources_yaml="sources: {}\n")
    problems = Problems()
    assert discover_sources(content, problems).sources == ()
    assert [str(p) for p in problems] == [
        f"{content}/sources: warning: no dumps in this folder: put the dumps (.txt) there"
    ]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("moved.yaml", "No such file or directory (a broken link?)"),
        ("sources.yaml", "Too many levels of symbolic links (a link that loops)"),
    ],
)
def test_a_sources_yaml_behind_a_link_that_leads_nowhere_cannot_be_read(
    make_content: MakeContent, target: str, reason: str
) -> None:
    # It was read as no sources.yaml: every label and capture date dropped, unsaid.
    content = make_content("spaced_small.txt")
    (content / "sources" / "sources.yaml").symlink_to(target)
    problems = Problems()
    discover_sources(content, problems)
    assert [str(p) for p in problems] == [
        f"{content}/sources/sources.yaml: cannot read file: {reason}"
    ]


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("folder", "is a folder, not a file: dumps go directly in {folder}"),
        ("pipe", "is not a regular file (a pipe, a socket or a device)"),
        ("link to a pipe", "is not a regular file (a pipe, a socket or a device)"),
    ],
)
def test_a_dump_replaced_by_a_folder_or_a_pipe_is_one_that_cannot_be_read(
    make_content: MakeContent, kind: str, message: str
) -> None:
    # It was warned of as no file, and sources.yaml's entry for it called no dump though named
    # .txt: one error now, and a pipe is never opened (that would wait for a writer for ever).
    content = make_content(
        "spaced_small.txt", sources_yaml="sources:\n  gone.txt: {}\n  spaced_small.txt: {}\n"
    )
    folder = content / "sources"
    gone = folder / "gone.txt"
    if kind == "folder":
        gone.mkdir()
        (gone / "001.txt").write_text("A Paper\n\nIts abstract.\n")
    elif kind == "pipe":
        os.mkfifo(gone)
    else:
        os.mkfifo(content / "pipe")
        gone.symlink_to(content / "pipe")
    problems = Problems()
    found = discover_sources(content, problems).sources
    assert [source.name for source in found] == ["gone.txt", "spaced_small.txt"]
    assert list(problems) == []
    dump = read_dump(found[0])
    assert dump.unread
    assert [str(p) for p in dump.problems] == [f"{gone}: {message.format(folder=folder)}"]


@pytest.mark.parametrize("kind", ["folder", "pipe", "broken link"])
def test_a_dump_that_cannot_be_read_is_not_also_told_to_be_listed(
    make_content: MakeContent, kind: str
) -> None:
    # Unlisted, it was told to be listed with a label and a capture date too: no advice for a
    # folder or a pipe, whose one message is that it cannot be read.
    content = make_content("spaced_small.txt", sources_yaml="sources:\n  spaced_small.txt: {}\n")
    gone = content / "sources" / "gone.txt"
    if kind == "folder":
        gone.mkdir()
    elif kind == "pipe":
        os.mkfifo(gone)
    else:
        gone.symlink_to("/nonexistent/x")
    problems = Problems()
    found = discover_sources(content, problems).sources
    assert [source.name for source in found] == ["gone.txt", "spaced_small.txt"]
    assert list(problems) == []
    assert read_dump(found[0]).unread


@pytest.mark.parametrize("linked", ["sources", "sources/sources.yaml"])
def test_a_sources_folder_or_yaml_linking_outside_is_not_read(tmp_path: Path, linked: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "sources.yaml").write_text("sources: {}\n", encoding="utf-8")
    (outside / "dump.txt").write_text("Title\n\nAbstract.\n", encoding="utf-8")
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    target = outside if linked == "sources" else outside / "sources.yaml"
    if linked == "sources":
        (content / "sources").rmdir()
    else:  # a folder without dumps is a warning of its own
        (content / "sources" / "dump.txt").write_text("Title\n\nAbstract.\n", encoding="utf-8")
    (content / linked).symlink_to(target)
    problems = Problems()
    discover_sources(content, problems)
    assert [str(p) for p in problems] == [
        f"{content}/{linked}: symbolic link to a place outside the content folder; not read"
    ]


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("sources", "Too many levels of symbolic links (a link that loops)"),
        ("/nonexistent/sources", "No such file or directory (a broken link?)"),
    ],
)
def test_a_sources_folder_link_that_loops_or_leads_nowhere_is_told_so(
    tmp_path: Path, target: str, said: str
) -> None:
    # "no sources folder: put the dumps there" sent the curator looking for the folder's name.
    content = tmp_path / "content"
    content.mkdir()
    (content / "sources").symlink_to(target)
    problems = Problems()
    assert discover_sources(content, problems).sources == ()
    assert [str(p) for p in problems] == [f"{content}/sources: cannot read folder: {said}"]


@pytest.mark.parametrize("permission", ["list", "search"])
def test_a_sources_folder_without_permission_to_list_or_search_it_cannot_be_read(
    tmp_path: Path, lock_folder: Lock, permission: str
) -> None:
    # Looking for sources.yaml in a folder chmod 000 raised PermissionError, a traceback.
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "sources.yaml").write_text("sources: {}\n")
    lock_folder(content / "sources", permission)
    problems = Problems()
    assert discover_sources(content, problems).sources == ()
    assert [str(p) for p in problems] == [
        f"{content}/sources: cannot read folder: Permission denied"
    ]


# --- dumps saved as UTF-16 or UTF-32 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec", "shown"),
    [
        (b"\xff\xfe", "utf-16-le", "little-endian, byte-order mark FF FE"),
        (b"\xfe\xff", "utf-16-be", "big-endian, byte-order mark FE FF"),
        # UTF-32 was refused while UTF-16 was read: the mark makes either decode exactly.
        (b"\xff\xfe\x00\x00", "utf-32-le", "little-endian, byte-order mark FF FE 00 00"),
        (b"\x00\x00\xfe\xff", "utf-32-be", "big-endian, byte-order mark 00 00 FE FF"),
    ],
)
@pytest.mark.parametrize("name", ["spaced_small.txt", "dense_small.txt"])
def test_utf16_or_utf32_with_a_byte_order_mark_is_read_with_a_warning_to_save_it_as_utf8(
    tmp_path: Path, name: str, bom: bytes, codec: str, shown: str
) -> None:
    # Windows editors save "Unicode" text so; it was refused as a binary file for its NUL bytes.
    text = (DATA / name).read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / name
    path.write_bytes(bom + text.encode(codec))
    dump = read_dump(SourceFile(path, name, name, CAPTURED, CAPTURED.year))
    assert dump.records == read_dump(source(name)).records
    assert [str(p) for p in dump.problems] == [
        f"{dump.display}:1: warning: {codec[:6].upper()} text ({shown}): read as such; save the "
        "file as UTF-8"
    ]


@pytest.mark.parametrize(
    ("codec", "order"),
    [
        ("utf-16-le", "little"),
        ("utf-16-be", "big"),
        # Called a binary file for its NUL bytes, where UTF-16 was named.
        ("utf-32-le", "little"),
        ("utf-32-be", "big"),
    ],
)
def test_utf16_or_utf32_without_a_byte_order_mark_is_named_not_called_binary(
    tmp_path: Path, codec: str, order: str
) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes((DATA / "spaced_small.txt").read_text(encoding="utf-8").encode(codec))
    dump = read_dump(SourceFile(path, "dump.txt", "dump.txt"))
    assert (dump.records, dump.unread) == ([], True)
    assert [(p.line, p.severity, p.message) for p in dump.problems] == [
        (
            1,
            Severity.ERROR,
            f"{codec[:6].upper()} text without a byte-order mark ({order}-endian, it seems): "
            "save the file as UTF-8; file skipped",
        )
    ]


@pytest.mark.parametrize(
    ("bom", "codec", "cut"),
    [(b"\xff\xfe", "utf-16-le", 1), (b"\xff\xfe\x00\x00", "utf-32-le", 2)],
)
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_cut_utf16_or_utf32_dump_skips_the_paper_it_breaks_with_the_error_about_its_bytes(
    tmp_path: Path, bom: bytes, codec: str, cut: int, ending: str
) -> None:
    # Cut in the last paper's meta block, it was blamed on the meta block ("malformed meta
    # block ... skipped"), as a byte that is not UTF-8 there is not.
    path = tmp_path / "dump.txt"
    lines = ["Title", "", "Abstract.", "", "Second", "", "Bad unit.", "", "apple Apple", "·"]
    text = ending.join([*lines, "Oct 29 2"])
    path.write_bytes((bom + text.encode(codec))[:-cut])
    dump = read_dump(SourceFile(path, "dump.txt", "dump.txt"))
    assert [record.title for record in dump.records] == ["Title"]
    error = (
        11,
        Severity.ERROR,
        # The byte and column as a UTF-8 dump's error names them: the "2" cut short.
        f"not valid {codec[:6].upper()} despite its byte-order mark: byte 0x32 at column 8, "
        "shown as U+FFFD; save the file as UTF-8 (1 paper skipped until then: such a line is in "
        "their meta block)",
    )
    assert [(p.line, p.severity, p.message) for p in dump.problems][1:] == [error]
    assert [(p.line, p.severity, p.message) for p in dump.skipped] == [error]
    assert dump.skipped_titles == ["Second"]


def test_lone_carriage_returns_end_lines_even_past_the_longest_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A binary readline() ends lines at LF only: a file saved with old Mac line ends was one line,
    # and one longer than the longest line allowed was refused. A CRLF cut by that limit is one
    # line end.
    monkeypatch.setattr(sources, "MAX_LINE_BYTES", 8)
    data = b"ab\rcdefg\r\nhi\rjk\rlm\rno\rp"
    assert list(sources._raw_lines(io.BytesIO(data))) == [
        b"ab\r",
        b"cdefg\r\n",
        b"hi\r",
        b"jk\r",
        b"lm\r",
        b"no\r",
        b"p",
    ]


@pytest.mark.parametrize(
    ("bom", "codec", "bad"),
    [
        # A lone high surrogate (D800): not UTF-16.
        (b"\xff\xfe", "utf-16-le", b"\x00\xd8"),
        # A code point past U+10FFFF: not UTF-32.
        (b"\xff\xfe\x00\x00", "utf-32-le", b"\x00\x00\x11\x00"),
    ],
)
def test_utf16_or_utf32_that_does_not_decode_is_an_error_at_its_line_and_the_rest_read(
    tmp_path: Path, bom: bytes, codec: str, bad: bytes
) -> None:
    path = tmp_path / "dump.txt"
    # The bad unit is in the second paper's abstract.
    before, after = "Title\n\nAbstract.\n\nSecond\n\nBad ", " unit.\n"
    path.write_bytes(bom + before.encode(codec) + bad + after.encode(codec))
    dump = read_dump(SourceFile(path, "dump.txt", "dump.txt"))
    assert [(r.title, r.abstract) for r in dump.records] == [
        ("Title", "Abstract."),
        ("Second", "Bad \ufffd unit."),
    ]
    assert [(p.line, p.severity, p.message) for p in dump.problems][1:] == [
        (
            7,
            Severity.ERROR,
            f"not valid {codec[:6].upper()} despite its byte-order mark: byte 0x00 at column 5, "
            "shown as U+FFFD; save the file as UTF-8",
        )
    ]
