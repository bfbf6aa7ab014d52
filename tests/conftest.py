"""Shared fixtures: the small dumps in tests/data and content folders built from them."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, is_hypothesis_test, settings

from papersite.catalogue import Paper
from papersite.rules import Text, ThemeRules, ThemeScore
from papersite.sources import SourceFile

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
SEEDS = REPO / "content" / "sources"
CURATION_DATA = DATA / "curation"
# A content folder of a few records copied from a shipped dump, with the curation they need: real
# input for code tests, which read it rather than content/, a fork's own (tests/test_content.py).
EXCERPT = DATA / "excerpt"


# Seeds of Python's string hashes for runs that must agree byte for byte: within one process two
# runs hash alike, so set or dict order leaking into output shows only across processes.
HASH_SEEDS = ("1", "2")


def run_hash_seeded(seed: str, code: str, *args: str) -> str:
    """The standard output of ``python -c code args`` run from the checkout, hashing with ``seed``.

    From the checkout, ``code`` can import the tests' fixtures (``tests.sites``) as well.
    """
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-c", code, *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _dumps_digest(folder: Path) -> str:
    """SHA-256 of the folder's dumps, names and bytes, in name order."""
    digest = hashlib.sha256()
    for dump in sorted(folder.glob("*.txt")):
        digest.update(dump.name.encode() + b"\0" + dump.read_bytes() + b"\0")
    return digest.hexdigest()


# Browser tests that need the shipped content: those of search ranking ask for particular seed
# papers ("linear attention", a title pasted whole), others for a paper by name, ten papers or
# more for one word, a first theme of many papers with "Start here" picks, two themes or five
# related papers, which a fork's first content may lack. They run where content/sources holds the
# five seed dumps, as upstream's does.
SHIPS_SEEDS = (
    _dumps_digest(SEEDS) == "8b66d10ed47c0d2fe89aad07a2010bbcb5f932d15a805f7e711ad1c9360a660d"
)
seeds_only = pytest.mark.skipif(
    not SHIPS_SEEDS,
    reason="needs the papers of the shipped seed dumps, which content/sources no longer holds",
)

MakeContent = Callable[..., Path]

# The capture date source() gives a fixture dump unless told otherwise.
CAPTURED = date(2025, 11, 20)


def source(name: str, captured: date | None = CAPTURED, year: int | None = None) -> SourceFile:
    """A fixture dump in tests/data, as sources.yaml would describe it: captured on ``captured``."""
    return SourceFile(
        DATA / name, name, name, captured, year or (captured.year if captured else None)
    )


# Property-based tests run about a hundred examples in `make test`; `make fuzz` sets
# HYPOTHESIS_PROFILE=fuzz for ten thousand, a longer hunt for maintainers (README, "Tests").
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def at_least(examples: int) -> int:
    """``examples``, or the loaded profile's count when that is more.

    A property that needs more than a hundred examples in `make test` sets its own count, and a
    count set on a test wins over the profile's: written as a plain number, it would also cap the
    property at that number in `make fuzz`, which then never runs it hard.
    """
    return max(examples, settings().max_examples)


@pytest.fixture(scope="session", autouse=True)
def no_repository_link() -> Iterator[None]:
    """Sites built here link no repository, as the shipped mkdocs.yml gives none outside the deploy.

    What a test sees then does not hang on the environment it runs in; a fork's mkdocs.yml may
    give repo_url a default, `!ENV [PAPERSITE_REPO_URL, ...]`, which an empty PAPERSITE_REPO_URL
    leaves unused. Tests of the link set the variable, or write repo_url, themselves.
    """
    with pytest.MonkeyPatch.context() as patch:
        if "PAPERSITE_REPO_URL" not in os.environ:
            patch.setenv("PAPERSITE_REPO_URL", "")
        yield


@pytest.fixture
def make_content(tmp_path: Path) -> MakeContent:
    """Build a content folder whose sources/ holds the named fixture dumps."""

    def make(*names: str, sources_yaml: str | None = None) -> Path:
        content = tmp_path / "content"
        folder = content / "sources"
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(DATA / name, folder / name)
        if sources_yaml is not None:
            (folder / "sources.yaml").write_text(sources_yaml, encoding="utf-8")
        return content

    return make


GATED = (
    "We study gated attention in large language models and find that a sigmoid gate after the "
    "attention output improves training stability and scaling across model sizes."
)


def write_second_page(sources: Path) -> None:
    """Dumps making 'Gated Attention Training' a second page of 'Gated Attention' (x.txt).

    a.txt reads the new title first with a revised abstract, so it is a paper of its own; b.txt,
    dated as a.txt in the sources.yaml each test writes, has it with x.txt's abstract: two papers
    share that abstract, a warning at b.txt:1 (catalogue._report_shared).
    """
    revised = GATED.replace("improves training stability", "stabilizes training")
    (sources / "x.txt").write_text(f"Gated Attention\n\n{GATED}\n", encoding="utf-8")
    (sources / "a.txt").write_text(f"Gated Attention Training\n\n{revised}\n", encoding="utf-8")
    (sources / "b.txt").write_text(f"Gated Attention Training\n\n{GATED}\n", encoding="utf-8")


@pytest.fixture
def curated_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content folder with the dump and curation files in tests/data/curation, as ./content.

    The working folder moves to it, so messages name files as a curator sees them:
    content/curation/papers.yaml.
    """
    monkeypatch.chdir(tmp_path)
    content = Path("content")
    (content / "sources").mkdir(parents=True)
    (content / "curation").mkdir()
    shutil.copy(CURATION_DATA / "dump.txt", content / "sources" / "dump.txt")
    for name in ("themes.yaml", "papers.yaml"):
        shutil.copy(CURATION_DATA / name, content / "curation" / name)
    return content


@pytest.fixture
def content(curated_content: Path) -> Path:
    """curated_content, by the name the curation's tests give it (tests/curation_helpers.py)."""
    return curated_content


# Two titles that slug to one id, cut at PAPER_ID_MAX_LENGTH: the first captured gets it, the other
# the id's stem (TWIN_STEM) and six hex digits of its title's hash.
LONG = "A Very Long Title About Quantization That Goes On and On Past Eighty Characters Surely"
SHARED = "a-very-long-title-about-quantization-that-goes-on-and-on-past-eighty-characters"
TWIN_STEM = "a-very-long-title-about-quantization-that-goes-on-and-on-past-eighty-char"


# Locks a folder as chmod takes away its read permission ("list": its files cannot be listed) or
# its search permission ("search": nothing in it can be looked at), for root too, who is refused
# neither (tests may run as root).
Lock = Callable[[Path, str], None]


@pytest.fixture
def lock_folder(monkeypatch: pytest.MonkeyPatch) -> Lock:
    real_stat, real_listdir, real_scandir = os.stat, os.listdir, os.scandir

    def lock(folder: Path, permission: str) -> None:
        locked = os.path.abspath(folder)

        def denied(path: object) -> PermissionError:
            return PermissionError(errno.EACCES, "Permission denied", os.fspath(str(path)))

        def within(path: object) -> bool:
            # Not abspath alone: it drops a trailing '.', which is a look inside the folder.
            parent = os.path.dirname(os.path.join(os.getcwd(), os.fspath(str(path))))
            return permission == "search" and os.path.abspath(parent) == locked

        def listed(path: object) -> bool:
            return permission == "list" and os.path.abspath(os.fspath(str(path))) == locked

        def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            if within(path):
                raise denied(path)
            return real_stat(path, *args, **kwargs)

        def listdir(path: Any = ".") -> list[str]:
            if listed(path) or within(os.path.join(os.fspath(str(path)), os.curdir)):
                raise denied(path)
            return real_listdir(path)

        def scandir(path: Any = ".") -> Any:
            if listed(path) or within(os.path.join(os.fspath(str(path)), os.curdir)):
                raise denied(path)
            return real_scandir(path)

        monkeypatch.setattr(os, "stat", stat)
        monkeypatch.setattr(os, "listdir", listdir)
        monkeypatch.setattr(os, "scandir", scandir)

    return lock


def write_twins(content: Path, *, beyond_first: bool) -> None:
    """Dumps b.txt ("LONG And Beyond") and a.txt ("LONG And Together") in content's sources.

    sources.yaml dates them so that Beyond's is captured first, or Together's: that one gets
    SHARED, the other TWIN_STEM-35a23d (Beyond) or TWIN_STEM-8bbdc7 (Together).
    """
    sources = content / "sources"
    (sources / "b.txt").write_text(f"{LONG} And Beyond\n\nWe go beyond.\n", encoding="utf-8")
    (sources / "a.txt").write_text(f"{LONG} And Together\n\nWe go together.\n", encoding="utf-8")
    beyond, together = (
        ("2025-11-01", "2025-11-10") if beyond_first else ("2025-11-10", "2025-11-01")
    )
    (sources / "sources.yaml").write_text(
        f"sources:\n  b.txt: {{captured: {beyond}}}\n  a.txt: {{captured: {together}}}\n",
        encoding="utf-8",
    )


@pytest.fixture
def scorings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every scoring of a paper for a theme from here on, as (theme id, paper title), in order.

    Scoring is most of the time of sorting a large catalogue: a test counts it with this.
    """
    scored: list[tuple[str, str]] = []
    score = ThemeRules.score

    def counted(rules: ThemeRules, paper: Paper | Text) -> ThemeScore:
        scored.append((rules.theme, paper.title))
        return score(rules, paper)

    monkeypatch.setattr(ThemeRules, "score", counted)
    return scored


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden pages in tests/golden from the current output",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every Hypothesis test ``property``: `make fuzz` runs them all, none forgotten."""
    for item in items:
        if isinstance(item, pytest.Function) and is_hypothesis_test(item.obj):
            item.add_marker(pytest.mark.property)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped content, built once per session with `papersite build`."""
    from papersite.cli import main

    site = tmp_path_factory.mktemp("shipped") / "site"
    status = main(["build", "--content", str(REPO / "content"), "--site-dir", str(site)])
    assert status == 0
    return site


@pytest.fixture(scope="session")
def shipped_pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped content built with the Pagefind search backend."""
    from benchmarks.bench_build import pagefind_config

    from papersite.cli import main

    root = tmp_path_factory.mktemp("shipped-pagefind")
    config = pagefind_config(root)
    status = main(
        [
            "build",
            "--content",
            str(REPO / "content"),
            "--config",
            str(config),
            "--site-dir",
            str(root / "site"),
        ]
    )
    assert status == 0
    return root / "site"


@pytest.fixture(scope="session")
def curated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the small fixture dumps with hand-made themes, hostile text included."""
    from papersite.build import build_site

    from .sites import loaded

    root = tmp_path_factory.mktemp("curated")
    build_site(loaded(root), root / "site", config_file=REPO / "mkdocs.yml")
    return root / "site"


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture site with one paper a theme page and two an Unsorted page."""
    from papersite.build import build_site

    from .sites import loaded, paged_config

    root = tmp_path_factory.mktemp("paged")
    build_site(loaded(root), root / "site", config_file=paged_config(root))
    return root / "site"


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture site again, built with the Pagefind search backend."""
    from benchmarks.bench_build import pagefind_config

    from papersite.build import build_site

    from .sites import loaded

    root = tmp_path_factory.mktemp("pagefind")
    build_site(loaded(root), root / "site", config_file=pagefind_config(root))
    return root / "site"
