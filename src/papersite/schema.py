"""JSON Schema validation of YAML documents, reported as curator-friendly messages with lines.

The schemas in the package's schemas/ folder serve twice: editors use them (through the
``# yaml-language-server`` line) to complete and check while a curator types, and
``papersite check`` validates with them here.
A maintained validator (jsonschema) beats hand-written type checks; this module only turns its
errors into one plain sentence each, at the line of the offending key.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from papersite.characters import (
    HIDDEN,
    NOT_IN_TAG,
    hidden_effect,
    shows_nothing,
    unfit_in_address,
    unseen_names,
)
from papersite.errors import PapersiteError, Problems, display_path
from papersite.urls import ID_PATTERN
from papersite.wording import closest, describe, listed, suggest, unlike_letters
from papersite.yamlfile import DuplicateKey, Location, YamlDocument, load_yaml_file, unquoted_key

# Inside the package, so a plain `pip install .` (as the deploy workflow runs) has them; the YAML
# files in content/ point editors at the same files by a path relative to the checkout.
SCHEMA_DIR = Path(__file__).parent / "schemas"

_ID_HINT = "use lower-case words joined by hyphens, like '{example}'"
# After an id's letters outside ASCII, named: what its letters may be.
_ID_LETTERS = "(an id's letters are a to z)"
# An id of each kind as a curator sees them in the shipped files, for the hint's example: a theme's
# id shown where a section's goes would send the curator looking in the wrong list.
_ID_EXAMPLES = {"theme": "sequence-models", "section": "fast-decoding"}
# A theme with no sections would have nowhere on its page for a paper: what to write instead.
_SECTIONS_HINT = (
    ": a theme needs at least one section, such as 'sections: [{id: overview, title: Overview}]'"
)
# A number as a curator writes one, which YAML reads as a number when it is not quoted.
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
# The schemas' pattern for text that must hold more than white space (a note, a title).
_NOT_BLANK = r"\S"
# The start of a web address, as the links' pattern takes it.
_WEB = re.compile(r"https?://")
# What may follow a key run into its value, a space or a colon left out: 'themes {a', 'themes:{a',
# 'hidden:Not a paper.'
_RUN_ON = re.compile(r"[ \t{\[]|:\S")
# A list item or map key a fix can write as it is, unquoted, on one line: an id, a tag.
_PLAIN_ITEM = re.compile(r"\w[\w .+/-]{0,59}")
# What the keys of the maps keyed by free text are, by the map's own key.
_FREE_KEYS = {"links": "link label", "themes": "theme id", "add": "theme id"}
# What a curator writes for "no arXiv id" besides null, casefolded ('none', a quoted 'null', '',
# 'no' read as false): each told that null is how to say it.
_NO_ARXIV_ID = {"", "none", "null", "~", "nil", "n/a", "no", "false"}
# How a curator says a paper has no arXiv id, in the schema's messages and curation's.
WRITE_ARXIV_NULL = "write 'arxiv: null' for a paper with no arXiv id"

_BOUNDS = ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")


# The schemas' "iri" format, which the links take: the part of an IRI their pattern cannot spell
# (format characters, in every script's ranges), checked with the rest of unfit_in_address.
_FORMATS = FormatChecker(formats=())
_FORMATS.checks("iri")(lambda value: not isinstance(value, str) or not unfit_in_address(value))
# And a link's label, "visible-text": what no pattern can spell either, a text of characters a
# page keeps but draws as nothing (a direction mark, a joiner, a Hangul filler), a blank link.
_FORMATS.checks("visible-text")(
    lambda value: not isinstance(value, str) or not shows_nothing(value)
)


def _finite(value: object) -> bool:
    """Whether a number is one a float holds, not .nan nor .inf: a whole number past 1.8e308 is not.

    YAML reads a whole number of any length, and a weight or threshold is used as a float, which
    such a number cannot become (OverflowError). YAML's .nan and .inf are floats, but a NaN weight
    drops its theme from a paper's scores and no score reaches an infinite or NaN threshold; and
    minimum and maximum let NaN through, as every comparison with it is false. No value of a
    curation file needs any of them.
    """
    if isinstance(value, float):
        return math.isfinite(value)
    return not isinstance(value, int) or -sys.float_info.max <= value <= sys.float_info.max


_TYPES = Draft202012Validator.TYPE_CHECKER
# The schemas' validator, whose numbers are those a float holds: see _finite.
_Validator: type[Draft202012Validator] = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    type_checker=_TYPES.redefine_many(
        {
            "number": lambda _, value: _TYPES.is_type(value, "number") and _finite(value),
            # Not a float, which JSON Schema counts when whole: 'order: 1e3' or '1.0' was taken
            # as 1000 or 1 unseen, where the curator may have meant 1.3 or the digits 13.
            "integer": lambda _, value: (
                _TYPES.is_type(value, "integer") and not isinstance(value, float) and _finite(value)
            ),
        }
    ),
)


@dataclass(frozen=True)
class SchemaProblem:
    """One way a document breaks its schema: where (as a location in the data) and what."""

    location: Location
    line: int
    message: str
    # For a value that is not a valid id: "theme" or "section", the kind of id its place takes.
    id_kind: str | None = None


@cache
def load_schema(name: str) -> Draft202012Validator:
    """The validator for schemas/<name>.schema.json, itself checked against the metaschema."""
    path = SCHEMA_DIR / f"{name}.schema.json"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PapersiteError(str(path), None, f"cannot read schema: {exc.strerror}") from None
    Draft202012Validator.check_schema(schema)
    return _Validator(schema, format_checker=_FORMATS)


def validate(document: YamlDocument, schema: str) -> list[SchemaProblem]:
    """Every way the document breaks the named schema, in file order."""
    found: list[SchemaProblem] = []
    for error in load_schema(schema).iter_errors(document.data):
        found.extend(_explain(error, document))
    # jsonschema reports each missing key of an object apart, and each message names them all.
    return sorted(dict.fromkeys(found), key=lambda p: p.line)


def _explain(error: ValidationError, document: YamlDocument) -> Iterable[SchemaProblem]:
    error = _narrow(error)
    location: Location = tuple(error.absolute_path)
    # The stubs type these as unions with "unset"; a reported error always has them set.
    schema: Any = error.schema
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(schema.get("properties", {}))
        known = set(allowed)
        # Maps keyed by free text (paper ids, link labels) allow any key; only fixed keys end here.
        for key in error.instance:
            if key not in known:
                run_in = _run_in_hint(str(key), allowed)
                hint = f": {run_in}" if run_in else _link_hint(str(key), error.instance[key], known)
                hint = hint or f" {suggest(str(key), allowed, 'expected')}"
                yield SchemaProblem(
                    (*location, key), document.line(*location, key), f"unknown key '{key}'{hint}"
                )
        return
    if "propertyNames" in error.schema_path:
        # The key itself is wrong (error.instance is the key): name its line, not its map's.
        label: Any = error.instance
        if not isinstance(label, str):
            # 2024-06-10, no or 010 unquoted: a date, false and 10, no label or id as written.
            what = _FREE_KEYS.get(str(location[-1]) if location else "", "key")
            message = unquoted_key(what, document.key_text(*location, label), label)
            yield SchemaProblem((*location, label), document.line(*location, label), message)
            return
        if error.validator == "format" and HIDDEN.search(label):
            return  # the "not" error names them: one mistake, not two
        if error.validator == "not":
            message = _hidden_message(f"the label {describe(label)} in {_name(location)}", label)
        else:
            message = (
                f"a label in {_name(location)} is blank, so its link would show nothing; give it "
                "a name, such as code"
            )
        yield SchemaProblem((*location, label), document.line(*location, label), message)
        return
    if (
        error.validator == "pattern"
        and len(location) >= 2
        and location[-2] == "tags"
        and NOT_IN_TAG.search(str(error.instance))
    ):
        return  # the "not" error names them: a tag of them alone has no letter once they go
    if error.validator in _BOUNDS and not _finite(error.instance):
        return  # the type's error says what is wrong with it, in its own words
    if error.validator == "format" and not re.search(
        schema.get("pattern", ""), str(error.instance)
    ):
        return  # the pattern's error says it: a space, or no web address at all
    if (
        error.validator == "pattern"
        and error.validator_value == _NOT_BLANK
        and error.instance == ""
        and "minLength" in schema
    ):
        return  # its minLength already says it is empty: "holds only spaces" would say it twice
    if error.validator == "required" and not _missing(error):
        return  # each is an unknown key's "did you mean", said at its line: one mistake, not two
    invalid_id = error.validator == "pattern" and error.validator_value == ID_PATTERN
    kind = _id_kind(location) if invalid_id else None
    message = _message(
        error,
        location,
        document.written_values.get(location),
        location in document.quoted,
    )
    if error.validator in ("type", "oneOf") and location and location[0] == "papers":
        message += _written_fix(document.data, location, error.instance)
    if error.validator == "type" and isinstance(error.instance, str) and "properties" in schema:
        # An entry's one key run into its value, themes:[a], is text to YAML, not a map.
        run_in = _run_in_hint(error.instance, sorted(schema["properties"]))
        message += f"; {run_in}" if run_in else ""
    yield SchemaProblem(location, document.line(*location), message, kind)


def _narrow(error: ValidationError) -> ValidationError:
    """Inside a oneOf, the branch meant for this kind of value explains the problem best.

    When the value is of the type one branch takes (a map where a list or a map goes), that
    branch's deepest error is the mistake ('weight' must be a number); when no branch takes its
    type, the oneOf itself says best what was expected. jsonschema's best_match is no help here:
    at equal depth it prefers the weak oneOf errors, and it descends into branches of any type.
    """
    while error.validator in ("oneOf", "anyOf") and error.context:
        branches: Any = error.validator_value
        meant = [
            number
            for number, branch in enumerate(branches)
            if isinstance(branch, dict) and _takes_type(branch.get("type"), error.instance)
        ]
        if len(meant) != 1:
            return error
        found = [e for e in error.context if e.relative_schema_path[0] == meant[0]]
        if not found:
            return error
        # max keeps the first of equals: the error jsonschema met first, in the schema's order.
        error = max(found, key=lambda e: len(e.absolute_path))
    return error


def _takes_type(expected: object, value: object) -> bool:
    """Whether a schema's 'type' (a name, a list of names, or none) admits the value."""
    names = [expected] if isinstance(expected, str) else expected
    if not isinstance(names, list):
        return False
    return any(Draft202012Validator.TYPE_CHECKER.is_type(value, name) for name in names)


def _message(
    error: ValidationError,
    location: Location,
    written: str | None = None,
    quoted: bool = False,
) -> str:
    """One line for a schema error; ``written`` is the value as the file has it, when not text.

    ``quoted``: whether the value is written in quotes.
    """
    name = _name(location)
    value: Any = error.instance
    expected: Any = error.validator_value
    kind = error.validator
    keys = _alternative_keys(error)
    if keys:
        both = " or ".join(f"'{key}'" for key in keys)
        extra = ", not both" if isinstance(value, dict) and all(k in value for k in keys) else ""
        return f"{name} must have {both}{extra}"
    if kind in ("type", "oneOf", "anyOf"):
        return _type_message(error, location, written, quoted)
    if kind == "required":
        missing = _missing(error)
        hint = _SECTIONS_HINT if location[:1] == ("themes",) and "sections" in missing else ""
        return f"{name} is missing {listed([repr(key) for key in missing])}{hint}"
    if kind == "maxLength":
        if _id_kind(location):
            # render.check_id refuses it as a folder name: said here, the check names its line.
            return (
                f"{name} is longer than {expected} characters, the most an id in a page address "
                "may have: shorten it"
            )
        return f"{name} is longer than {expected} characters"
    if kind == "pattern":
        return _pattern_message(error, location, quoted)
    if kind == "format" and expected == "iri":
        return f"{name} {unfit_in_address(value)}"
    if kind == "not":
        # Only a tag's "not" reaches here (a label's is a key's): a tag is a page's address
        # and a chip, and must read as the text it shows, as a label must, blanks and all.
        return _hidden_message(f"{name}, {describe(value)},", value, NOT_IN_TAG)
    if kind in ("minLength", "minItems"):
        # A theme's page is its sections: with none, no paper would have a place on it.
        hint = _SECTIONS_HINT if location[:1] == ("themes",) and location[-1] == "sections" else ""
        return f"{name} is empty{hint}"
    if kind == "uniqueItems":
        repeat = _first_repeat(value)
        # As YAML writes it: 'tags: [yes, on]' lists true twice, not Python's 'True'.
        shown = f"'{repeat}'" if isinstance(repeat, str) else describe(repeat)
        return f"{name} lists {shown} twice"
    if kind in ("minimum", "exclusiveMinimum"):
        bound = "at least" if kind == "minimum" else "above"
        return f"{name} must be {bound} {expected}, not {value}"
    return f"{name}: {error.message}"


def _type_message(
    error: ValidationError, location: Location, written: str | None, quoted: bool
) -> str:
    """The line for a value of a type its place does not take ('type', or no branch of a 'oneOf').

    An empty file, a number too large or not finite, an unquoted arXiv id each have their own;
    else what was expected, with a hint at what the curator most likely meant.
    """
    name = _name(location)
    value: Any = error.instance
    expected: Any = error.validator_value
    if error.validator == "type" and not location and value is None:
        keys = error.schema.get("required", []) if isinstance(error.schema, dict) else []
        start = f"start it with '{_empty_start(error.schema, keys[0])}'" if keys else ""
        # Not "or delete it": themes.yaml deleted is "missing: ... needs themes.yaml", and
        # papers.yaml deleted is warned of, which fails 'check --strict'.
        return f"the file is empty: {start or 'write its content'}"
    # Of the type asked for, but no number a float holds: see _finite.
    numeric = error.validator == "type" and expected in ("number", "integer")
    if numeric and _TYPES.is_type(value, expected) and not _finite(value):
        spelled = (written or "").lstrip("+-").startswith(".")  # .nan, .inf, -.inf
        if spelled or (isinstance(value, float) and math.isnan(value)):
            return f"{name} must be a finite number, not '{written or value}'"
        return f"{name} is too large" if value > 0 else f"{name} is too far below 0"
    if location and location[-1] == "arxiv" and isinstance(value, int | float):
        # A bool is an int to Python: 'arxiv: false' is no number.
        read = describe(value) if isinstance(value, bool) else "a number"
        return (
            f"{name} must be quoted text such as '2510.21450'; unquoted, YAML reads it as "
            f"{read}{_null_hint(value, quoted)}"
        )
    if location and location[-1] == "arxiv":
        # Its schema's "text or empty" would read as if 'arxiv:' with nothing were fine: null
        # is written out (curation refuses the empty value).
        return (
            f"{name} must be quoted text such as '2510.21450', or null for no arXiv id, not "
            f"{_as_written(value, written)}"
        )
    hint = (
        _placement_hint(location, value)
        or _hidden_hint(location, value)
        or _quoted_number_hint(error, value, quoted)
        or _whole_number_hint(error, value)
        or _nothing_hint(error, location, value)
    )
    return f"{name} must be {_expected(error)}, not {_as_written(value, written)}{hint}"


def _pattern_message(error: ValidationError, location: Location, quoted: bool) -> str:
    """The line for text a pattern refuses: blank text, a tag, an arXiv id, a link or an id."""
    name = _name(location)
    value: Any = error.instance
    if error.validator_value == _NOT_BLANK:
        return f"{name} is empty" if value == "" else f"{name} holds only spaces: write the text"
    if len(location) >= 2 and location[-2] == "tags":
        # A tag without one becomes an empty anchor on the tags page, shared with others.
        return f"{name} must hold a letter or a digit, not {describe(value)}"
    if location and location[-1] == "arxiv":
        return (
            f"{name} must look like '2510.21450', not {describe(value)}{_null_hint(value, quoted)}"
        )
    if len(location) >= 3 and location[-2] == "links":
        web = isinstance(value, str) and _WEB.match(value.strip())
        if web and (unfit := unfit_in_address(value)):
            return f"{name} {unfit}"
        return (
            f"{name} must be a web address starting with http:// or https://, not {describe(value)}"
        )
    foreign = foreign_letters(value)
    if foreign:
        return f"{describe(value)} is not a valid id: {foreign} {_ID_LETTERS}"
    return not_an_id(value, _ID_EXAMPLES[_id_kind(location) or "section"])


def _empty_start(schema: object, key: str) -> str:
    """The first line of a file of nothing yet: 'papers:', but 'themes: []' (a list, not null)."""
    properties = schema.get("properties", {}) if isinstance(schema, dict) else {}
    expected = properties.get(key, {}).get("type")
    if _takes_type(expected, None):
        return f"{key}:"
    return f"{key}: []" if expected == "array" else f"{key}: {{}}"


def _hidden_message(what: str, text: str, refused: re.Pattern[str] = HIDDEN) -> str:
    """``what`` holds characters ``refused`` (characters.HIDDEN, a tag's NOT_IN_TAG), named.

    As the schemas' "not" patterns spell them: what dumps leave out of a title, blanks in a tag.
    """
    hidden = refused.findall(text)
    return (
        f"{what} holds characters that {hidden_effect(hidden)}: {unseen_names(hidden)}; delete them"
    )


def _nothing_hint(error: ValidationError, location: Location, value: object) -> str:
    """For 'themes:' or a theme's 'sections:' with nothing after them: what to write, as when empty.

    An empty file is told to start with 'themes: []', and a theme without sections is shown one.
    """
    if value is not None:
        return ""
    if location[:1] == ("themes",) and location[-1] == "sections":
        return _SECTIONS_HINT
    if len(location) == 1 and isinstance(location[0], str):
        start = _empty_start({"properties": {location[0]: error.schema}}, location[0])
        return f"; write '{start}'"
    return ""


def _null_hint(value: object, quoted: bool) -> str:
    """For an 'arxiv' written as a "no id" other than null ('none', 'null' quoted, no): null's."""
    if value is not False and not (
        isinstance(value, str) and value.strip().casefold() in _NO_ARXIV_ID
    ):
        return ""
    # Quoted, 'null' is the text null: the quotes are what is wrong.
    unquoted = ", null unquoted" if quoted else ""
    return f"; {WRITE_ARXIV_NULL}{unquoted}"


def not_an_id(value: object, example: str) -> str:
    """The message for a value that is no valid id, ``example`` showing what one looks like."""
    return f"{describe(value)} is not a valid id: {_ID_HINT.format(example=example)}"


def foreign_letters(value: object) -> str:
    """For an id wrong only in its letters outside ASCII ('fast-deсoding'): those, named.

    It already looks like lower-case words joined by hyphens, so saying so would not help: its
    letters are said with their code points and names instead (:func:`unlike_letters`). "" for
    any other value.
    """
    if not isinstance(value, str) or value.isascii():
        return ""
    value = unicodedata.normalize("NFC", value)
    latin = "".join(
        "a" if letter.isalpha() and not letter.isascii() else letter for letter in value
    )
    return unlike_letters(value, "") if re.match(ID_PATTERN, latin) else ""


def _id_kind(location: Location) -> str | None:
    """Whether the value at this place of themes.yaml or papers.yaml is a theme's id or a section's.

    None for any other place. In papers.yaml, 'themes' and 'add' are lists of theme ids or maps of
    theme id to section id; 'remove' and 'featured' list theme ids. In themes.yaml, 'formerly' is
    a theme id or a list of them.
    """
    match location:
        case ("themes", int(), "id"):
            return "theme"
        case ("themes", int(), "sections", int(), "id"):
            return "section"
        case ("themes", int(), "rules", "default_section"):
            return "section"
        case ("themes", int(), "formerly") | ("themes", int(), "formerly", int()):
            return "theme"
        case ("papers", _, "themes" | "add" | "remove" | "featured", int()):
            return "theme"
        case ("papers", _, "themes" | "add", str()):
            return "section"
    return None


def _quoted_number_hint(error: ValidationError, value: object, quoted: bool) -> str:
    """For a number written in quotes where a number belongs: weight: '2'.

    Only for quotes the file has: text written as a block ('|') or tagged '!!str' has none.
    """
    if (
        not quoted
        or error.validator != "type"
        or error.validator_value not in ("number", "integer")
    ):
        return ""
    if not isinstance(value, str) or not _NUMBER.fullmatch(value.strip()):
        return ""  # "nan" is text to YAML unquoted too: no hint for it
    return "; remove the quotes, which make it text"


def _whole_number_hint(error: ValidationError, value: object) -> str:
    """For a whole number written as a float where a whole number belongs: order: 1e3, 1.0."""
    if error.validator_value != "integer" or not isinstance(value, float):
        return ""
    if not math.isfinite(value) or not value.is_integer():
        return ""  # 1.5 is no whole number to name
    return f"; write it in plain digits, {int(value)}"


def _placement_hint(location: Location, value: object) -> str:
    """For papers.yaml's 'themes' and 'add': how to give themes with their sections."""
    if len(location) != 4 or location[0] != "papers" or location[2] not in ("themes", "add"):
        return ""
    if isinstance(location[3], int) and isinstance(value, dict):  # [sequence-models: rnns]
        return f"; to give sections, write '{location[2]}' as a map: {{theme: section, ...}}"
    if isinstance(location[3], str) and isinstance(value, list):  # {sequence-models: [a, b]}
        return "; a paper goes in one section of a theme"
    return ""


def _hidden_hint(location: Location, value: object) -> str:
    """For papers.yaml's 'hidden' written as a switch (true, false) or left empty: what it takes."""
    if len(location) != 3 or location[0] != "papers" or location[2] != "hidden":
        return ""
    if value is False:
        return "; to keep the paper on the site, delete 'hidden'"
    return "; write the reason the paper is off the site, as in 'hidden: Not a research paper.'"


def _run_in_hint(key: str, allowed: list[str]) -> str:
    """For a known key run into its value: 'themes {sequence-models' or 'themes:{...}'.

    Without a space after its colon (or without the colon), YAML reads the key and the start of
    its value as one key.
    """
    for name in allowed:
        if _runs_into(key, name):
            return f"write '{name}:' followed by a space"
    return ""


def _runs_into(key: str, name: str) -> bool:
    """Whether ``key`` is the key ``name`` run into its value (:func:`_run_in_hint`)."""
    return key.startswith(name) and bool(_RUN_ON.match(key, len(name)))


def _missing(error: ValidationError) -> list[str]:
    """The keys a ``required`` error finds missing, but those an unknown key is told it meant.

    'threshhold: 4' is one mistake: "unknown key 'threshhold' (did you mean 'threshold'?)" says
    it, and "'rules' is missing 'threshold'" would count it twice.
    """
    value: Any = error.instance
    required: Any = error.validator_value
    missing = [key for key in required if key not in value]
    meant = _meant_keys(value, error.schema)
    return [key for key in missing if key not in meant]


def _meant_keys(value: dict[Any, Any], schema: Any) -> set[str]:
    """The known keys an object's unknown keys are told they meant, run in or by "did you mean".

    As the message for unknown keys words it: a key with a link hint is told of 'links' instead.
    """
    if schema.get("additionalProperties") is not False:
        return set()  # its other keys are not unknown: none is told it meant another
    allowed = sorted(schema.get("properties", {}))
    known = set(allowed)
    meant = set()
    for key in value:
        if key in known or _link_hint(str(key), value[key], known):
            continue
        run_in = next((name for name in allowed if _runs_into(str(key), name)), None)
        close = run_in or closest(str(key), allowed)
        if close is not None:
            meant.add(close)
    return meant


def _link_hint(key: str, value: object, known: set[str]) -> str:
    """For a web address under a key of its own, ``code: https://...``: links go under 'links'."""
    if "links" not in known or not isinstance(value, str) or not _WEB.match(value.strip()):
        return ""
    return f": a link goes under 'links', as in links: {{{_flow_key(key)}: {_quoted_url(value)}}}"


def _written_fix(data: object, location: Location, value: object) -> str:
    """For papers.yaml's lists and maps written another way: the key written as it must be.

    Built from what was written (``tags: survey`` becomes ``tags: [survey]``); empty when that
    cannot be told, or would not read as one plain line.
    """
    if len(location) == 4 and location[2] in ("themes", "add") and value is None:
        # {sequence-models} or {sequence-models recurrent-networks}: a map with keys alone.
        parent = value_at(data, location[:-1])
        if not isinstance(parent, dict):
            return ""
        return _placements_fix(str(location[2]), parent)
    if len(location) != 3 or not isinstance(value, str):
        return ""
    key = str(location[2])
    if key == "links":
        if not _WEB.match(value.strip()) and not re.fullmatch(r"[\w-]+(\.[\w-]+)+/\S*", value):
            return ""
        label = (
            "code" if re.match(r"(https?://)?(www\.)?(github|gitlab)\.com/", value) else "<label>"
        )
        return f"; write links: {{{label}: {_quoted_url(value)}}}"
    items = [item.strip() for item in value.split(",")]
    if not all(_PLAIN_ITEM.fullmatch(item) for item in items):
        return ""
    if key in ("themes", "add"):
        return _placements_fix(key, dict.fromkeys(items))
    if key in ("remove", "tags"):
        return f"; write {key}: [{', '.join(items)}]"
    return ""


def _placements_fix(key: str, written: dict[Any, Any]) -> str:
    """'themes' or 'add' as a map of theme to section (and as a list, when no section is given).

    A key of two ids, 'sequence-models recurrent-networks', is a theme and its section with the
    colon left out.
    """
    pairs: list[str] = []
    sections_given = False
    for theme, section in written.items():
        words = str(theme).split()
        if section is None and len(words) == 2 and all(re.match(ID_PATTERN, w) for w in words):
            theme, section = words
        if not isinstance(theme, str) or not _PLAIN_ITEM.fullmatch(theme):
            return ""
        if section is not None and not (
            isinstance(section, str) and _PLAIN_ITEM.fullmatch(section)
        ):
            return ""
        sections_given = sections_given or section is not None
        pairs.append(f"{theme}: {section or '<section>'}")
    if not pairs:
        return ""
    fix = f"; write {key}: {{{', '.join(pairs)}}}"
    if not sections_given:
        fix += f" or {key}: [{', '.join(pair.split(':')[0] for pair in pairs)}]"
    return fix


def value_at(data: Any, location: Location) -> Any:
    """The value at ``location`` in the loaded data."""
    for step in location:
        data = data[step]
    return data


def _flow_key(key: str) -> str:
    return key if _PLAIN_ITEM.fullmatch(key) else "<label>"


def _quoted_url(value: str) -> str:
    """A web address as a fix writes it: quoted, https:// added when it starts with a host."""
    url = value.strip()
    if not _WEB.match(url):
        url = "https://" + url
    if len(url) > 100 or re.search(r"[\s']", url):
        return "'https://...'"
    return f"'{url}'"


def _as_written(value: object, written: str | None) -> str:
    """A value as a message names it: as written too, when YAML read it as something else.

    'hidden: yes' is True to YAML; "not true" named a word the curator never wrote.
    """
    shown = describe(value)
    if written is None or shown == written or shown.endswith(f" {written}"):
        return shown
    return f"'{written}', which YAML reads as {shown}"


def _alternative_keys(error: ValidationError) -> list[str]:
    """For a oneOf of ``required`` branches (this key or that one), the keys it offers."""
    branches: Any = error.validator_value
    if error.validator != "oneOf" or not all(
        isinstance(b, dict) and set(b) == {"required"} for b in branches
    ):
        return []
    return [key for branch in branches for key in branch["required"]]


def _first_repeat(values: list[Any]) -> Any:
    for index, value in enumerate(values):
        if value in values[:index]:
            return value
    return None


def _name(location: Location) -> str:
    """How a message names the value: its key, or 'item N of' its list."""
    if not location:
        return "the file"
    last = location[-1]
    if isinstance(last, int):
        return f"item {last + 1} of {_name(location[:-1])}"
    return f"'{last}'"


_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a map of keys to values",
    "null": "empty",
}


def _expected(error: ValidationError) -> str:
    value: Any = error.validator_value
    if error.validator == "type":
        types = value
        names = [_TYPE_NAMES[t] for t in ([types] if isinstance(types, str) else types)]
    else:
        names = [
            _TYPE_NAMES[str(branch.get("type"))]
            for branch in value
            if isinstance(branch, dict) and isinstance(branch.get("type"), str)
        ]
    return " or ".join(dict.fromkeys(names)) or "something else"


# Says more of a schema problem than its message, or None to keep the message; "" when another
# problem's message already says it, and this one is left out.
Explain = Callable[[YamlDocument, SchemaProblem], str | None]


def read_checked(
    path: Path,
    schema: str,
    problems: Problems,
    *,
    explain: Explain | None = None,
    side_effect: Callable[[YamlDocument, DuplicateKey], bool] | None = None,
    too_big: str = "",
) -> tuple[YamlDocument, set[Location]] | None:
    """A YAML file checked against its schema, with the places of the mistakes found.

    Every problem goes to ``problems``, none is raised. None when the file cannot be used at all: it
    does not parse, or its top level is wrong. An entry (a theme, a paper's decision) that breaks
    the schema is reported, and the caller skips it, or the part of it the mistake is in, so the
    rest of the file is still checked; so is an unknown key beside the file's own. ``explain`` may
    say more of a mistake than the schema can; a duplicate key ``side_effect`` tells from a mistake
    it explains is left unsaid.
    """
    try:
        document = load_yaml_file(
            path,
            display_path(path),
            problems=problems,
            report_duplicates=side_effect is None,
            too_big=too_big,
        )
    except PapersiteError as error:
        problems.extend(error.problems)
        return None
    if side_effect is not None:
        problems.extend(d.problem for d in document.duplicates if not side_effect(document, d))
    declared: Any = load_schema(schema).schema
    own = declared.get("properties", {})
    broken: set[Location] = set()
    usable = True
    for problem in validate(document, schema):
        message = explain(document, problem) if explain else None
        if message is None:
            message = problem.message
        if message:
            problems.error(document.path, problem.line, message)
        if len(problem.location) >= 2:
            broken.add(problem.location)
        elif not problem.location or problem.location[0] in own:
            usable = False
    # A required top-level key missing is left unsaid when an unknown key is told it meant it
    # ('hemes:', "did you mean 'themes'?"): one mistake, but the file still has nothing to read.
    if isinstance(document.data, dict) and any(
        key not in document.data for key in declared.get("required", [])
    ):
        usable = False
    return (document, broken) if usable else None
