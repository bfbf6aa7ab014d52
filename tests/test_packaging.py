"""The wheel `pip install .` installs and the sdist an index would offer, built here offline.

Built by the venv's setuptools through its PEP 517 hooks, from a copy of the files a build reads,
so nothing is fetched and the checkout gets no build/ or egg-info folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path

import pytest

import papersite

from .conftest import REPO

# What setuptools reads for a wheel or an sdist; tests/ too, which the sdist could pick up.
SOURCES = ["pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "src", "tests"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("project")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".hypothesis")
            shutil.copytree(source, copy / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, copy / name)
    return copy


def build(project: Path, hook: str) -> Path:
    """The file setuptools' build_meta.<hook> makes from the project copy."""
    out = project.parent / hook
    code = f"from setuptools import build_meta; print(build_meta.{hook}({str(out)!r}))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / result.stdout.splitlines()[-1]


@pytest.fixture(scope="module")
def wheel(project: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(build(project, "build_wheel"))


@pytest.fixture(scope="module")
def metadata(wheel: zipfile.ZipFile) -> Message:
    [name] = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
    return HeaderParser().parsestr(wheel.read(name).decode("utf-8"))


@pytest.fixture(scope="module")
def sdist(project: Path) -> list[str]:
    with tarfile.open(build(project, "build_sdist")) as archive:
        # Each member's path without the papersite-<version>/ folder they all sit in.
        return [member.name.partition("/")[2] for member in archive.getmembers()]


def test_the_wheel_and_the_sdist_carry_the_license_text(
    wheel: zipfile.ZipFile, metadata: Message, sdist: list[str]
) -> None:
    # MIT asks for its notice to travel with every copy; `license = "MIT"` alone ships none.
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    [licence] = [name for name in wheel.namelist() if name.endswith(".dist-info/licenses/LICENSE")]
    assert wheel.read(licence) == (REPO / "LICENSE").read_bytes()
    assert "LICENSE" in sdist


def test_the_sdist_leaves_the_tests_out(sdist: list[str]) -> None:
    # setuptools would take tests/test_*.py alone, which fail to collect without the rest of the
    # repository (conftest.py, tests/data/, content/, .github/): 18 errors.
    assert "pyproject.toml" in sdist
    assert [name for name in sdist if name.startswith("tests")] == []


def test_the_wheel_says_what_an_index_shows(metadata: Message) -> None:
    assert metadata["Author"] == "The papersite authors"
    assert metadata.get_all("Project-URL") == [
        "Repository, https://github.com/papersite/papersite",
        "Issues, https://github.com/papersite/papersite/issues",
    ]
    classifiers = metadata.get_all("Classifier") or []
    assert "Framework :: MkDocs" in classifiers
    # The Pythons pyproject.toml names, which are those CI tests on (tests/test_workflows.py).
    python = "Programming Language :: Python :: 3."
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    named = [c for c in config["project"]["classifiers"] if c.startswith(python)]
    assert [c for c in classifiers if c.startswith(python)] == named
    assert python + "11" in named
    assert "mkdocs" in (metadata["Keywords"] or "").split(",")


def test_the_version_is_written_once_in_papersite_init(metadata: Message) -> None:
    # Written in pyproject.toml as well, the two drifted apart at the first release that bumped one.
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in config["project"]
    assert metadata["Version"] == papersite.__version__
