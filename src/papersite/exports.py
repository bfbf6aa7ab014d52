"""The curated catalogue as data for reuse: JSON and CSV with one documented schema.

The same objects back ``papersite export`` and the papers.json published with the site, so what a
reader downloads is what a maintainer exports. themes.json gives what papers.json cannot: the
themes' titles and intros, and how their pages group and order the papers. Papers a curator hid
are left out, as on the site.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from papersite.catalogue import PAPER_ID_MAX_LENGTH
from papersite.curation import CuratedPaper, Curation, Section, arxiv_id_of
from papersite.errors import PapersiteError, cannot_write, display_path, spellings
from papersite.urls import ID_PATTERN, bibtex_url, feed_url, paper_url, theme_url

FORMATS = ("json", "csv")


@dataclass(frozen=True)
class ExportField:
    """One key of the export: its value's JSON Schema and its meaning (Markdown) for readers.

    README's "Export schema" table and the site's About page both show these, the type in words
    (see :attr:`type`); the published JSON Schema is made from them too (:func:`export_schema`).
    A test keeps the README's table the same, so none of the three can drift apart.
    """

    name: str
    schema: Mapping[str, Any]
    meaning: str

    @property
    def type(self) -> str:
        """The value's type in words: "string or null", "array of strings"."""
        kinds = self.schema["type"]
        return " or ".join(
            # Items given by a "$ref" are an object of the schema's $defs (themes.json's sections).
            f"array of {self.schema['items'].get('type', 'object')}s" if kind == "array" else kind
            for kind in ([kinds] if isinstance(kinds, str) else kinds)
        )


# The keys in the JSON objects' order, which is also the CSV's column order.
EXPORT_FIELDS = (
    ExportField(
        "id",
        # What catalogue.slugify makes: readers may use an id as a file or folder name.
        {"type": "string", "pattern": ID_PATTERN, "maxLength": PAPER_ID_MAX_LENGTH},
        f"stable ASCII slug of the title, at most {PAPER_ID_MAX_LENGTH} characters; when two "
        "papers' titles slug the same, the one captured first keeps it and the other gets a `-` "
        "and six hex digits of its title's SHA-256",
    ),
    ExportField(
        "title",
        {"type": "string"},
        (
            "the title, white space normalised, TeX markup in it read as text (`PanGu-$π$` as "
            "`PanGu-π`, `Caf\\'e` as `Café`, `100\\%` as `100%`; the id is made from it as "
            "written; markup read as nothing, such as `\\emph{}`, stays as written)"
        ),
    ),
    ExportField(
        "abstract",
        {"type": "string"},
        "the abstract as written, white space normalised, TeX's accent commands as the letters "
        'they make (`Schr\\"odinger` as `Schrödinger`)',
    ),
    ExportField(
        "authors", {"type": ["integer", "null"]}, "number of authors, when the dump shows it"
    ),
    ExportField(
        "organization",
        {"type": ["string", "null"]},
        "the organisation's display name, when the dump shows one instead of authors",
    ),
    ExportField(
        "published",
        {"type": ["string", "null"], "format": "date"},
        "ISO date (`2025-05-10`) of the paper's publication, as Daily Papers lists it (arXiv's, "
        "as a rule); null when unknown",
    ),
    ExportField(
        "upvotes",
        {"type": ["integer", "null"]},
        "upvotes, from the latest capture that shows them",
    ),
    ExportField(
        "upvotes_as_of",
        {"type": ["string", "null"], "format": "date"},
        "ISO date the upvotes were read (that dump's capture date)",
    ),
    ExportField(
        "themes",
        {"type": "array", "items": {"type": "string"}},
        "theme ids the paper is curated into, in theme display order (empty when unsorted)",
    ),
    ExportField(
        "links",
        # Not "uri": a link is taken from the text as written, so it may hold non-ASCII characters
        # (an IDN host, a word glued on by a dash), which an IRI allows and a URI does not.
        {"type": "array", "items": {"type": "string", "format": "iri"}},
        "URLs in the abstract, cleaned of trailing punctuation and LaTeX residue",
    ),
    ExportField(
        "sources",
        {"type": "array", "items": {"type": "string"}},
        "every dump file the paper appears in, in reading order (file name order)",
    ),
    ExportField(
        "url",
        # Relative, so the same export serves wherever the site is published.
        {"type": "string", "format": "uri-reference"},
        "the paper's page on the site, relative to the site root: `papers/<id>/`",
    ),
    ExportField(
        "sections",
        {"type": "object", "additionalProperties": {"type": "string"}},
        "theme id → section id, for each of `themes`",
    ),
    ExportField(
        "featured",
        {"type": "array", "items": {"type": "string"}},
        'the themes whose "start here" list the paper is on',
    ),
    ExportField(
        "note", {"type": ["string", "null"]}, "the curator's note (Markdown): why read this"
    ),
    ExportField("tags", {"type": "array", "items": {"type": "string"}}, "curators' tags"),
    ExportField(
        "arxiv",
        {"type": ["string", "null"]},
        "the paper's arXiv id, such as `2510.21450`: the one a curator gave, else the one an arXiv "
        "link in the abstract names, if of the paper's month (give or take one), unless a curator "
        "wrote `arxiv: null`; the id its page links and its BibTeX entry cites",
    ),
    ExportField(
        "curator_links",
        # As papers.yaml has them: a label once per paper, an http(s) address without white space.
        {"type": "object", "additionalProperties": {"type": "string", "format": "iri"}},
        "links a curator added, label → URL (`code` → `https://github.com/…`), in papers.yaml's "
        "order; the paper's page lists them before `links`",
    ),
)
FIELDS = tuple(field.name for field in EXPORT_FIELDS)


def paper_object(item: CuratedPaper) -> dict[str, Any]:
    """One curated paper as a JSON-ready object in FIELDS order."""
    paper = item.paper
    return {
        "id": paper.id,
        "title": paper.title,
        "abstract": paper.abstract,
        "authors": paper.authors,
        "organization": paper.organization,
        "published": paper.published.isoformat() if paper.published else None,
        "upvotes": paper.upvotes,
        "upvotes_as_of": paper.upvotes_as_of.isoformat() if paper.upvotes_as_of else None,
        "themes": list(item.themes),
        "links": list(paper.links),
        "sources": list(paper.sources),
        "url": paper_url(paper.id),
        "sections": {placement.theme: placement.section for placement in item.placements},
        "featured": [theme for theme in item.themes if theme in item.featured],
        "note": item.note,
        "tags": list(item.tags),
        "arxiv": arxiv_id_of(item),
        "curator_links": {link.label: link.url for link in item.links},
    }


def export_objects(curation: Curation) -> list[dict[str, Any]]:
    """Every visible paper as an export object, sorted by id."""
    return [paper_object(item) for item in sorted(curation.papers, key=lambda i: i.paper.id)]


def to_json(objects: list[dict[str, Any]]) -> str:
    """The export as a JSON array, stable byte for byte for the same input."""
    return _dumps(objects)


# An identifier, not an address: the schema describes papersite's export wherever a site is
# published (its `url`s are relative for the same reason), so `papersite export --schema` and every
# site give the same bytes. Not the id of schemas/papers.schema.json, which is papers.yaml's.
SCHEMA_ID = "https://papersite.invalid/schemas/export.schema.json"


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON export, made from EXPORT_FIELDS."""
    paper = _object_schema(
        "One paper: every key is always present, null where a value is unknown.", EXPORT_FIELDS
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "papersite papers.json",
        "description": (
            "Every paper of a papersite reading list, as published in papers.json and written by "
            "`papersite export --format json`: an array of objects, one per paper, sorted by "
            "`id` (unique), with the keys in the order listed. Papers a curator hid are left out."
        ),
        "type": "array",
        # A name of its own, so a reader can validate one paper: papers.schema.json#/$defs/paper.
        "items": {"$ref": "#/$defs/paper"},
        "$defs": {"paper": paper},
    }


def schema_json() -> str:
    """The export's JSON Schema as a file, stable byte for byte."""
    return _dumps(export_schema())


# --- themes.json: the reading list's themes, as their pages group and order the papers ----------

# What themes.yaml's ids are (its schema's $defs/id); the section a page adds for papers placed in
# a section the theme lacks (curation.OTHER_SECTION) has one too.
_ID = {"type": "string", "pattern": ID_PATTERN}
_IDS = {"type": "array", "items": _ID}
# Markdown as curators write it, as papers.json's `note` is: the HTML a page shows depends on the
# page (a later page of a theme needs one more "../" in a relative link), the Markdown does not.
_INTRO = (
    "the curator's introduction as written in themes.yaml (Markdown, which the page shows as "
    "HTML); relative links in it lead from the theme's page (the theme's `url`); null when there "
    "is none"
)

# A section's keys in the order themes.json writes them, which its schema and README's table
# follow: a reader finds them listed as the file has them.
SECTION_FIELDS = (
    ExportField(
        "id",
        _ID,
        "the section's id, its anchor on the theme's page (`#<id>`); `other` for the papers "
        "placed in a section the theme no longer has, listed last as Other papers",
    ),
    ExportField("title", {"type": "string"}, "the section's heading on the page"),
    ExportField("intro", {"type": ["string", "null"]}, _INTRO),
    ExportField(
        "papers",
        _IDS,
        "ids of the section's papers (papers.json's `id`), in the order the page lists them: "
        "those a curator gave an `order` first, by it, then the newest published first, then by "
        "title",
    ),
)

# A theme's keys, in the order themes.json writes them too.
THEME_FIELDS = (
    ExportField("id", _ID, "the theme's id, as papers.json's `themes` and `sections` name it"),
    ExportField("title", {"type": "string"}, "the theme's title, its page's heading"),
    ExportField("intro", {"type": ["string", "null"]}, _INTRO),
    ExportField(
        "url",
        {"type": "string", "format": "uri-reference"},
        "the theme's page on the site, relative to the site root: `themes/<id>/` (a long theme "
        "goes on at `themes/<id>/2/` and on)",
    ),
    ExportField(
        "feed",
        {"type": "string", "format": "uri-reference"},
        "the Atom feed of its papers, relative to the site root: `feeds/<id>.xml`",
    ),
    ExportField(
        "bibtex",
        {"type": "string", "format": "uri-reference"},
        "the BibTeX of its papers, relative to the site root: `bibtex/<id>.bib`",
    ),
    ExportField(
        "formerly",
        _IDS,
        "the ids the theme had before it was renamed, the oldest first: data from an older site "
        "may name it by one, and their addresses lead to the theme",
    ),
    ExportField(
        "featured",
        _IDS,
        'ids of the papers its "start here" list shows, in that order (empty when none)',
    ),
    ExportField(
        "sections",
        {"type": "array", "items": {"$ref": "#/$defs/section"}},
        "its sections in page order, each with its papers in page order; every paper of the "
        "theme is in exactly one",
    ),
)


def theme_objects(curation: Curation) -> list[dict[str, Any]]:
    """Every theme as a JSON-ready object in THEME_FIELDS order, in the site's theme order.

    Its sections and their papers come from :meth:`Curation.grouped`, as its page's do.
    """
    return [
        {
            "id": theme.id,
            "title": theme.title,
            "intro": _intro(theme.intro),
            "url": theme_url(theme.id),
            "feed": feed_url(theme.id),
            "bibtex": bibtex_url(theme.id),
            "formerly": list(theme.formerly),
            "featured": [item.paper.id for item in curation.featured(theme.id)],
            "sections": [
                _section_object(section, items) for section, items in curation.grouped(theme)
            ],
        }
        for theme in curation.themes
    ]


def themes_json(curation: Curation) -> str:
    """themes.json as the site publishes it and ``papersite export --themes`` writes it."""
    return to_json(theme_objects(curation))


def _section_object(section: Section, items: list[CuratedPaper]) -> dict[str, Any]:
    return {
        "id": section.id,
        "title": section.title,
        "intro": _intro(section.intro),
        "papers": [item.paper.id for item in items],
    }


def _intro(text: str) -> str | None:
    # As the pages: an intro of white space alone shows nothing (render._note).
    return text if text.strip() else None


THEMES_SCHEMA_ID = "https://papersite.invalid/schemas/themes.schema.json"


def themes_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of themes.json, made from THEME_FIELDS and SECTION_FIELDS."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": THEMES_SCHEMA_ID,
        "title": "papersite themes.json",
        "description": (
            "The themes of a papersite reading list, as published in themes.json and written by "
            "`papersite export --themes`: an array of objects, one per theme, in the order the "
            "site shows them, with the keys in the order listed. Each lists its papers by id "
            "(papers.json has the papers) as its page groups and orders them. Papers a curator "
            "hid are left out."
        ),
        "type": "array",
        "items": {"$ref": "#/$defs/theme"},
        "$defs": {
            "theme": _object_schema("One theme: every key is always present.", THEME_FIELDS),
            "section": _object_schema(
                "One section of a theme's page: every key is always present.", SECTION_FIELDS
            ),
        },
    }


def themes_schema_json() -> str:
    """themes.json's JSON Schema as a file, stable byte for byte."""
    return _dumps(themes_schema())


def _object_schema(description: str, fields: tuple[ExportField, ...]) -> dict[str, Any]:
    """An object whose keys are ``fields``, each required, and no other."""
    return {
        "type": "object",
        "description": description,
        "properties": {
            # A copy: a caller editing the schema must not edit the fields.
            field.name: {**copy.deepcopy(dict(field.schema)), "description": field.meaning}
            for field in fields
        },
        "required": [field.name for field in fields],
        "additionalProperties": False,
    }


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# A spreadsheet runs a cell starting with one of these as a formula (or DDE command): scraped
# titles and curators' notes must stay text when a reader opens papers.csv.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Added before a cell starting with one of FORMULA_STARTS, and before one starting with itself:
# then every cell's leading "'" is an added one, which a reader strips without looking further
# (a title "'Quoted' words" is written "''Quoted' words"; a spreadsheet shows it as written).
TEXT_MARK = "'"
# Between the items of a list cell, and of a map's 'key: value' items.
LIST_SEPARATOR = " | "


def to_csv(objects: list[dict[str, Any]]) -> str:
    r"""The export as CSV; lists are joined with ' | ' (maps as 'key: value'), nulls are empty.

    A '|' inside an item is written '\|', so a reader splitting a cell at ' | ' finds the items:
    a tag, a dump's file name or a link's label may hold ' | ' itself. Cells that a spreadsheet
    would run as a formula get a leading ``'`` (TEXT_MARK), and so do cells starting with one,
    and carriage returns become newlines, which the writer quotes: a lone CR is a row break to
    many readers, and Python's writer leaves it unquoted when rows end in a newline.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for item in objects:
        writer.writerow([_csv_cell(item[name]) for name in FIELDS])
    return buffer.getvalue()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        text = LIST_SEPARATOR.join(
            f"{_csv_item(key)}: {_csv_item(part)}" for key, part in value.items()
        )
    elif isinstance(value, list):
        text = LIST_SEPARATOR.join(_csv_item(part) for part in value)
    else:
        text = str(value)
    if text.startswith((*FORMULA_STARTS, TEXT_MARK)):
        text = TEXT_MARK + text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _csv_item(part: object) -> str:
    # With every '|' of an item escaped, ' | ' is only ever found between items; and reading each
    # '\|' back as '|' gives the item as written, since every '|' follows the backslash added.
    return str(part).replace("|", "\\|")


SERIALISERS: dict[str, Callable[[list[dict[str, Any]]], str]] = {"json": to_json, "csv": to_csv}


def check_export_target(path: Path, content: Path, config_file: Path) -> None:
    """Refuse to write an export over the project's inputs: the content folder's, or mkdocs.yml's.

    An export replaces its file whole: ``-o content/curation/papers.yaml`` or ``-o mkdocs.yml``
    destroyed what the site is made from, unsaid (exit 0). Refused: a path inside the content
    folder, as written or with symbolic links followed, as ``generate --out`` is
    (build.docs_folder_refusal); and the same file, by any link, as one of the content folder's,
    as ``config_file``, as the mkdocs.yml beside the content folder (the project's, when run from
    elsewhere) or as a file their INHERIT leads to. Said before the content is read, so the
    refusal comes alone.
    """
    target, folder = spellings(path), spellings(content)
    if any(t.is_relative_to(f) for t in target for f in folder):
        message = "refusing to write the export inside the content folder: choose a file outside it"
    elif any(
        target & spellings(config) or _same_file(path, config)
        for config in _config_files(content, config_file)
    ):
        message = "refusing to write the export over the MkDocs configuration: choose another file"
    else:
        linked = _hard_linked_in(path, content)
        if linked is None:
            return
        message = (
            f"refusing to write the export over {display_path(linked)}, the same file (a hard "
            "link to it): choose another file"
        )
    raise PapersiteError(display_path(path), None, message)


def _config_files(content: Path, config_file: Path) -> list[Path]:
    """``config_file``, the mkdocs.yml beside ``content``, and the files their INHERIT names.

    Imported here: options brings in MkDocs, which ``export`` without ``-o`` does without.
    """
    from papersite.options import inheriting

    beside = Path(os.path.abspath(content)).parent / config_file.name
    files = []
    for config in (config_file, beside):
        try:
            # Each file is had before it is read: one that cannot be (a pipe, a device, a file
            # too big for settings) is still protected, by its name, and followed no further.
            for path in inheriting(config):
                files.append(path)
        except PapersiteError:
            # A bad INHERIT is for the commands that read mkdocs.yml to say: the export goes on.
            pass
    return files


def _same_file(path: Path, other: Path) -> bool:
    """Whether ``path`` and ``other`` are one existing file, by whatever links."""
    try:
        return os.path.samefile(path, other)
    except OSError:  # either missing: writing ``path`` loses nothing of ``other``
        return False


def _hard_linked_in(path: Path, content: Path) -> Path | None:
    """The file under ``content`` that ``path`` is a hard link to, if any.

    Only a file with more than one link is looked for, so an export to a new file or an ordinary
    one walks nothing.
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    if stat.st_nlink < 2:
        return None
    for folder, _, names in os.walk(content):
        for name in names:
            candidate = Path(folder, name)
            if _same_file(candidate, path):
                return candidate
    return None


def export_format(given: str | None, output: Path | None, *, json_only: str | None) -> str:
    """The format to write: ``given`` (``--format``), else CSV for an ``output`` named ``.csv``.

    ``export -o papers.csv`` wrote JSON into papers.csv, unsaid: the name says which format is
    meant, as pandoc reads it. ``json_only`` names the option (``--schema``, ``--themes``) whose
    file has no CSV: a ``.csv`` name with it is refused rather than given JSON.
    """
    named_csv = output is not None and output.suffix.lower() == ".csv"
    if json_only is not None and named_csv:
        assert output is not None  # named_csv
        message = f"{json_only} writes JSON, which has no CSV: name the file .json"
        raise PapersiteError(display_path(output), None, message)
    return given or ("csv" if named_csv else "json")


def write_export(text: str, path: Path) -> None:
    """Write an export to ``path``; a path that cannot be written is the user's mistake."""
    try:
        # Bytes, as the site's data files and stdout's export are: text mode would end each line
        # (and each newline inside a quoted CSV cell) in CRLF on Windows.
        path.write_bytes(text.encode("utf-8"))
    except OSError as error:
        raise cannot_write(path, error) from None
