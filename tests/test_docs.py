"""README's module table, DEVELOPING.md and SECURITY.md name what the code and the project hold."""

from __future__ import annotations

import importlib
import re
import tomllib

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


def test_developing_says_where_each_module_without_a_test_file_is_tested() -> None:
    # It named two of them; the review's four modules, tested with review.py, went unsaid.
    guide = (REPO / "DEVELOPING.md").read_text(encoding="utf-8")
    conventions = guide.split("**Every test can fail.**", 1)[1].split("\n- **", 1)[0]
    untested = {
        path.name
        for path in PACKAGE.glob("*.py")
        if not path.name.startswith("__") and not (REPO / "tests" / f"test_{path.stem}.py").exists()
    }
    assert untested
    assert untested <= set(re.findall(r"`(\w+\.py)`", conventions))


# SECURITY.md's names of packages whose project names differ.
_PACKAGE_NAMES = {"Material": "mkdocs-material", "Python-Markdown": "markdown"}


def _project(name: str) -> str:
    """A package's project name as pip compares them: 'sparse_dot_topn' as 'sparse-dot-topn'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def test_security_names_every_package_papersite_depends_on() -> None:
    # It named neither pylatexenc nor idna, added since.
    security = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    listed = re.search(r"Only well-known packages are used \(([^)]*)\)", security)
    assert listed is not None
    named = {_project(_PACKAGE_NAMES.get(n.strip(), n.strip())) for n in listed[1].split(",")}
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    depends = {
        _project(re.split(r"[\[<>=!~;\s]", d, maxsplit=1)[0]) for d in project["dependencies"]
    }
    assert named == depends
