"""CONTRIBUTING.md and README.md teach by example: their examples must be what papersite accepts."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from papersite.options import options_of
from papersite.schema import load_schema
from papersite.yamlfile import load_yaml_text

from .conftest import REPO


def yaml_examples(name: str) -> dict[str, str]:
    """The ```yaml blocks of a Markdown file at the repository's root, by file and line.

    A block indented with its fences (in a list item) is unindented as far as they are.
    """
    markdown = (REPO / name).read_text(encoding="utf-8")
    examples = {}
    for block in re.finditer(r"(?ms)^( *)```yaml\n(.*?)^\1```", markdown):
        line = markdown.count("\n", 0, block.start()) + 2
        examples[f"{name}:{line}"] = re.sub(rf"(?m)^{block.group(1)}", "", block.group(2))
    return examples


GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLES = yaml_examples("CONTRIBUTING.md")
README_EXAMPLES = yaml_examples("README.md")
ALL_EXAMPLES = EXAMPLES | README_EXAMPLES


def placed(example: str) -> tuple[str, str]:
    """The file an example belongs in, by its schema's name, and the example as that whole file.

    A sources.yaml or themes.yaml example is the whole file, and one starting `extra:` is
    mkdocs.yml's; a theme alone goes under `themes:`; the others are papers.yaml's, or entries to
    paste under `papers:`, as the guide says.
    """
    if example.startswith(("sources:", "themes:")):
        return example.split(":", 1)[0], example
    if example.startswith("extra:"):
        return "mkdocs", example
    if example.startswith("  - id:"):
        return "themes", "themes:\n" + example
    return "papers", example if example.startswith("papers:") else "papers:\n" + example


def test_the_guide_has_an_example_for_each_everyday_change() -> None:
    assert len(EXAMPLES) == 7
    assert sum(example.startswith("sources:") for example in EXAMPLES.values()) == 1
    assert sum(example.startswith("themes:") for example in EXAMPLES.values()) == 1


def test_the_readme_has_an_example_of_each_file_a_curator_edits() -> None:
    # So that an example the tests below would not recognise cannot go unchecked.
    files = [placed(example)[0] for example in README_EXAMPLES.values()]
    assert files == ["mkdocs", "themes", "papers"]


@pytest.mark.parametrize("example", ALL_EXAMPLES.values(), ids=ALL_EXAMPLES.keys())
def test_every_yaml_example_is_valid_where_the_docs_put_it(example: str, tmp_path: Path) -> None:
    schema, text = placed(example)
    if schema == "mkdocs":
        # Read from a file, as the build reads mkdocs.yml; a bad option raises, naming its line.
        config = tmp_path / "mkdocs.yml"
        config.write_text(text, encoding="utf-8")
        options_of(yaml.safe_load(text), config)
        return
    # Read as papersite reads the files (which warns of a comment cutting text short, say).
    data = load_yaml_text(text, "example").data
    if schema == "sources":
        # Editors, which the schema is for, read a date as the text written (YAML 1.2).
        data = yaml.load(text, Loader=yaml.BaseLoader)
    errors = [e.message for e in load_schema(schema).iter_errors(data)]
    assert errors == []


def applied(schema: str, example: Any, path: Path) -> str:
    """The shipped curation file at ``path`` as the example changes it, as YAML text.

    A paper's entry replaces the one papers.yaml has for it; a theme replaces the one of its id,
    or of an id in its `formerly` (renamed), and is added after the others when there is none.
    """
    shipped = yaml.safe_load(path.read_text(encoding="utf-8"))
    if schema == "papers":
        shipped["papers"].update(example["papers"])
    for theme in example.get("themes", []) if schema == "themes" else []:
        formerly = theme.get("formerly", [])
        ids = {theme["id"], *([formerly] if isinstance(formerly, str) else formerly)}
        themes = shipped["themes"]
        at = next((i for i, old in enumerate(themes) if old["id"] in ids), len(themes))
        themes[at : at + 1] = [theme]
    # Not folded: each value stays on its line, as a curator writes it.
    return yaml.safe_dump(shipped, sort_keys=False, allow_unicode=True, width=math.inf)


CURATION_EXAMPLES = {
    name: example
    for name, example in ALL_EXAMPLES.items()
    if placed(example)[0] in ("papers", "themes")
}


def test_every_key_a_paper_entry_may_have_is_named_in_the_guide() -> None:
    schema: Any = load_schema("papers").schema
    keys = sorted(schema["$defs"]["decision"]["properties"])
    listed = re.search(r"The keys a paper entry may have: (.*?) \(see", GUIDE, re.DOTALL)
    assert listed is not None
    assert sorted(re.findall(r"`(\w+)`", listed.group(1))) == keys
