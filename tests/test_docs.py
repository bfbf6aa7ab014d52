"""The developers' maps, README's module table and DEVELOPING.md, name what the code holds."""

from __future__ import annotations

import importlib
import re

from .conftest import REPO

PACKAGE = REPO / "src" / "papersite"


def _readme_modules() -> set[str]:
    """The modules README's "How it works" table names, a row naming one or several."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it works", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`(\w+\.py)`", row.split(" | ")[0])}


def test_readme_s_module_map_names_every_module_and_no_other() -> None:
    modules = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py"}
    assert _readme_modules() == modules


def test_developing_names_only_modules_files_and_commands_that_exist() -> None:
    guide = (REPO / "DEVELOPING.md").read_text(encoding="utf-8")
    # A module named by its file must exist; a name in one (`content.load_content`) must be there.
    named = set(re.findall(r"`(\w+)\.py`", guide))
    assert named and all((PACKAGE / f"{module}.py").exists() for module in named)
    dotted = re.findall(r"`(\w+)\.(\w+)`", guide)
    found = [(m, name) for m, name in dotted if name != "py" and (PACKAGE / f"{m}.py").exists()]
    assert len(found) > 5
    for module, name in found:
        assert hasattr(importlib.import_module(f"papersite.{module}"), name), f"{module}.{name}"
    for path in re.findall(r"`((?:tests|src|benchmarks)/[\w/.<>-]+)`", guide):
        if "<" not in path:
            assert (REPO / path).exists(), path
    targets = set(re.findall(r"^(\w+):", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))
    for target in re.findall(r"make (\w+)", guide):
        assert target in targets, target
