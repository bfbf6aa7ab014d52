"""The GitHub workflows, linted here because they never run on this machine.

check-jsonschema validates them against its vendored copies of the GitHub workflow and Dependabot
schemas (no network), and zizmor audits them for security mistakes (offline, as
.github/zizmor.yml says); the assertions below hold the project's own rules: no
pull_request_target, least permissions, and the steps CI, deploy and the link check must have.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from papersite.cli import _parser
from papersite.mkdocs_glue import load_mkdocs_yaml

from .conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
Workflow = dict[str, Any]


def load(name: str) -> Workflow:
    loaded: dict[Any, Any] = yaml.safe_load(
        (GITHUB / "workflows" / name).read_text(encoding="utf-8")
    )
    # YAML 1.1 reads the key `on` as the boolean true; give it its name back.
    return {("on" if key is True else key): value for key, value in loaded.items()}


def steps(workflow: Workflow, job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return found


def uses(workflow: Workflow, job: str, action: str) -> dict[str, Any]:
    """The one step of the job that uses the action (any version)."""
    matching = [s for s in steps(workflow, job) if s.get("uses", "").split("@")[0] == action]
    assert len(matching) == 1, f"{job} uses {action} {len(matching)} times"
    return matching[0]


def runs(workflow: Workflow, job: str) -> list[str]:
    """Every shell command line of the job."""
    return [line for s in steps(workflow, job) for line in s.get("run", "").splitlines()]


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_there_are_the_three_workflows() -> None:
    assert [w.name for w in WORKFLOWS] == ["ci.yml", "deploy.yml", "links.yml"]


def test_workflows_and_dependabot_match_githubs_schemas() -> None:
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.dependabot", GITHUB / "dependabot.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_bumps_pyproject_and_the_pins_from_one_pip_entry() -> None:
    # Dependabot's pip scan of / reads pyproject.toml and the requirements files of the folders
    # right under it, requirements/ among them: an entry for /requirements as well opened a
    # second pull request for the same bumps.
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    pip = [entry for entry in config["updates"] if entry["package-ecosystem"] == "pip"]
    assert [entry["directory"] for entry in pip] == ["/"]
    assert (REPO / "pyproject.toml").is_file()
    assert sorted(path.name for path in (REPO / "requirements").glob("*.txt")) == [
        "build.txt",
        "dev.txt",
        "site.txt",
    ]


def test_the_schema_check_catches_a_misspelt_key(tmp_path: Path) -> None:
    text = (GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8")
    broken = tmp_path / "ci.yml"
    broken.write_text(text.replace("    runs-on:", "    permisions: {}\n    runs-on:", 1))
    result = check_jsonschema("vendor.github-workflows", broken)
    assert result.returncode == 1
    assert "'permisions' was unexpected" in result.stdout


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    """zizmor's audits of the workflows, offline, with the repository's .github/zizmor.yml."""
    command = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"
    config = ["--config", str(GITHUB / "zizmor.yml")]
    return subprocess.run(
        [command, "--offline", "--no-progress", *config, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_zizmor_finds_no_security_mistake_in_the_workflows() -> None:
    # Template injection, credentials persisted by checkout, excessive permissions, caches a
    # pull request could poison, ...: the audits of https://docs.zizmor.sh/audits/.
    result = zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_catches_a_pull_requests_title_run_as_shell(tmp_path: Path) -> None:
    text = (GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8")
    broken = tmp_path / "ci.yml"
    injected = '      - run: echo "${{ github.event.pull_request.title }}"\n'
    broken.write_text(text.replace("    steps:\n", "    steps:\n" + injected, 1), encoding="utf-8")
    assert broken.read_text(encoding="utf-8") != text
    result = zizmor(broken)
    assert result.returncode != 0
    assert "template-injection" in result.stdout + result.stderr


def test_no_workflow_runs_on_pull_request_target() -> None:
    # It runs a fork's code with the repository's secrets and a writable token. Comments may
    # warn against it; no key or expression may use it.
    for path in WORKFLOWS:
        code = [line.split("#")[0] for line in path.read_text(encoding="utf-8").splitlines()]
        assert not [line for line in code if "pull_request_target" in line], path.name
        assert "pull_request_target" not in load(path.name)["on"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_only_reads_by_default(path: Path) -> None:
    assert load(path.name)["permissions"] == {"contents": "read"}


def test_write_permissions_are_held_only_by_the_jobs_that_need_them() -> None:
    granted = {
        (path.name, job, scope)
        for path in WORKFLOWS
        for job, spec in load(path.name)["jobs"].items()
        for scope, level in spec.get("permissions", {}).items()
        if level == "write"
    }
    assert granted == {
        ("deploy.yml", "deploy", "pages"),
        ("deploy.yml", "deploy", "id-token"),
        ("links.yml", "report", "issues"),
    }


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_release_and_checkouts_keep_no_token(path: Path) -> None:
    workflow = load(path.name)
    for job in workflow["jobs"]:
        for step in steps(workflow, job):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+|[0-9a-f]{40})", step["uses"]), step
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_ci_checks_tests_builds_uploads_and_summarises() -> None:
    ci = load("ci.yml")
    assert set(ci["on"]) == {"pull_request", "push"}
    assert ci["env"]["NO_MKDOCS_2_WARNING"] == "1"
    assert ci["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    python = uses(ci, "check", "actions/setup-python")["with"]
    assert (python["python-version"], python["cache"]) == ("3.11", "pip")
    commands = runs(ci, "check")
    for command in ("papersite check --strict", "make test", "papersite build --strict"):
        assert any(line.startswith(command) for line in commands), command
    order = [
        next(i for i, line in enumerate(commands) if line.startswith(c))
        for c in ("make install", "papersite check", "make test", "papersite build")
    ]
    assert order == sorted(order)
    uploads = [s["with"] for s in steps(ci, "check") if "upload-artifact" in s.get("uses", "")]
    assert {"name": "site", "path": "site/"}.items() <= uploads[0].items()


def test_ci_tests_on_every_python_the_classifiers_name() -> None:
    ci = load("ci.yml")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pattern = re.compile(r"Programming Language :: Python :: (3\.\d+)")
    named = [m[1] for c in project["classifiers"] if (m := pattern.fullmatch(c))]
    first = uses(ci, "check", "actions/setup-python")["with"]["python-version"]
    newer = ci["jobs"]["newer-python"]
    assert [first, *newer["strategy"]["matrix"]["python"]] == named
    python = uses(ci, "newer-python", "actions/setup-python")["with"]["python-version"]
    assert python == "${{ matrix.python }}"
    assert "make test" in runs(ci, "newer-python")
    # The same tools as on 3.11: no browser or BibTeX test skips on a newer Python alone.
    provided = {
        job: [s["run"] for s in steps(ci, job) if s.get("name", "").startswith("Provide")]
        for job in ("check", "newer-python")
    }
    assert provided["newer-python"] == provided["check"] != []


def test_ci_reviews_a_pull_request_against_its_base_branch_checked_out_aside() -> None:
    ci = load("ci.yml")
    base = next(s for s in steps(ci, "check") if s.get("with", {}).get("path") == "base")
    assert base["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    review = next(s for s in steps(ci, "check") if "papersite review" in s.get("run", ""))
    assert review["if"] == base["if"] == "github.event_name == 'pull_request'"
    assert review["run"].endswith('>> "$GITHUB_STEP_SUMMARY"')
    assert "--base-content base/content" in review["run"]
    # Cut to fit: GitHub shows no job summary over 1 MiB, and reviewers would get none.
    assert "--job-summary" in review["run"].split()


def test_deploy_publishes_with_the_pages_actions_one_run_at_a_time() -> None:
    deploy = load("deploy.yml")
    assert deploy["on"] == {
        "workflow_run": {"workflows": ["CI"], "types": ["completed"], "branches": ["main"]},
        "workflow_dispatch": None,
    }
    assert load("ci.yml")["name"] == "CI"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "papersite build --strict --site-dir site" in runs(deploy, "build")
    # The published address and the repository reach mkdocs.yml's !ENV tags from the build.
    pages = uses(deploy, "build", "actions/configure-pages")
    build = next(s for s in steps(deploy, "build") if s.get("name") == "Build the site")
    assert steps(deploy, "build").index(pages) < steps(deploy, "build").index(build)
    assert build["env"] == {
        "PAPERSITE_SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}",
        "PAPERSITE_REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
    }
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # Either form of the tag: `!ENV NAME`, or `!ENV [NAME, default]` as a fork may write.
    for name in ("PAPERSITE_SITE_URL", "PAPERSITE_REPO_URL"):
        assert re.search(rf"!ENV (\[ *)?{name}\b", config), name
    assert uses(deploy, "build", "actions/upload-pages-artifact")["with"]["path"] == "site"
    job = deploy["jobs"]["deploy"]
    assert job["needs"] == "build"
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    assert uses(deploy, "deploy", "actions/deploy-pages")["id"] == "deployment"


def test_deploy_waits_for_ci_to_pass_on_a_push_to_main_and_builds_that_commit() -> None:
    # workflow_run fires for every CI run, failed ones and pull requests' too (a fork's branch may
    # be named main): the build must follow only a successful push to this repository.
    build = load("deploy.yml")["jobs"]["build"]
    condition = " ".join(build["if"].split())
    assert condition == (
        "github.event_name == 'workflow_dispatch' && github.ref == 'refs/heads/main' "
        "|| github.event.workflow_run.conclusion == 'success' "
        "&& github.event.workflow_run.event == 'push' "
        "&& github.event.workflow_run.head_repository.full_name == github.repository"
    )
    checkout = uses(load("deploy.yml"), "build", "actions/checkout")["with"]
    assert checkout["ref"] == "${{ github.event.workflow_run.head_sha || github.sha }}"


@pytest.mark.parametrize("name", ["deploy.yml", "links.yml"])
def test_the_deploy_and_link_check_install_only_hash_checked_pins(name: str) -> None:
    # pip install . would fetch the build backend unpinned into an isolated environment.
    assert runs(load(name), "check" if name == "links.yml" else "build")[:2] == [
        "python -m pip install --require-hashes -r requirements/site.txt -r requirements/build.txt",
        "python -m pip install --no-deps --no-build-isolation .",
    ]


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_make_install_fetches_only_hash_checked_pins(tmp_path: Path) -> None:
    # As the deploy and the link check: the README says nothing unchecked is fetched, which an
    # unpinned `pip install --upgrade pip` in the recipe once made untrue.
    make = ["make", "--no-print-directory", "-n", "-C", str(REPO), "install"]
    made = subprocess.run([*make, f"VENV={tmp_path / 'venv'}"], check=True, capture_output=True)
    lines = made.stdout.decode().splitlines()
    installs = [line.split(" -m pip install ")[1] for line in lines if " -m pip install " in line]
    assert installs == [
        "--quiet --require-hashes -r requirements/dev.txt -r requirements/build.txt",
        "--quiet --no-deps --no-build-isolation -e .",
    ]


def test_the_build_backend_is_pinned_with_hashes_within_pyproject_s_range() -> None:
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = _pins(REPO / "requirements" / "build.txt")
    wanted = [Requirement(text) for text in config["build-system"]["requires"]]
    assert sorted(pins) == sorted(canonicalize_name(r.name) for r in wanted)
    for requirement in wanted:
        assert requirement.specifier.contains(pins[canonicalize_name(requirement.name)])
    text = (REPO / "requirements" / "build.txt").read_text(encoding="utf-8")
    assert text.count("--hash=sha256:") >= len(pins)


def test_links_are_checked_weekly_and_an_issue_opened_only_when_some_break() -> None:
    links = load("links.yml")
    assert set(links["on"]) == {"schedule", "workflow_dispatch"}
    lychee = uses(links, "check", "lycheeverse/lychee-action")
    assert lychee["with"]["fail"] is False  # the report job acts on the result instead
    report = links["jobs"]["report"]
    assert report["if"] == "needs.check.outputs.broken == 'true'"
    # The job that may write issues runs no shell of its own.
    assert all("run" not in step for step in report["steps"])
    issue = uses(links, "report", "peter-evans/create-issue-from-file")["with"]
    # While a link stays broken, the issue opened for it is updated, not opened again each week.
    existing = links["jobs"]["existing"]
    assert report["needs"] == ["check", "existing"]
    assert existing["if"] == report["if"]
    assert existing["permissions"] == {"issues": "read"}
    assert issue["issue-number"] == "${{ needs.existing.outputs.number }}"
    find = " ".join(existing["steps"][0]["run"].split())
    assert "--state open --label links" in find and f'.title == "{issue["title"]}"' in find
    assert issue["labels"] == "links"
    # One run at a time: two overlapping runs (a manual one during Monday's) would each find no
    # open issue, and each open one.
    assert links["concurrency"] == {"group": "links", "cancel-in-progress": False}


# The site_url mkdocs.yml writes, and its path, where the site lies without PAPERSITE_SITE_URL.
SHIPPED_URL = load_mkdocs_yaml(REPO / "mkdocs.yml")["site_url"]
SHIPPED_PATH = urlsplit(SHIPPED_URL).path

# Stands in for papersite on PATH: prints the arguments it was given.
FAKE_PAPERSITE = '#!/bin/sh\necho "$@"\n'


@pytest.mark.parametrize(
    ("site_url", "site_dir"),
    [
        (None, f"public{SHIPPED_PATH}"),
        ("https://example.org/", "public/"),
        ("https://example.org/a/b", "public/a/b/"),
    ],
)
def test_the_link_check_builds_the_site_at_site_url_s_path_under_lychee_s_root(
    tmp_path: Path, site_url: str | None, site_dir: str
) -> None:
    # The 404 page, served at any depth, links from the server's root (/papersite/about/), and
    # lychee looks such a link up under its --root-dir: built straight into the root, the site
    # gave 19 "File not found" every week and the issue never closed.
    links = load("links.yml")
    build = next(s for s in steps(links, "check") if s.get("name") == "Build the site")
    fakes = tmp_path / "bin"
    fakes.mkdir()
    (fakes / "papersite").write_text(FAKE_PAPERSITE)
    # A script, not a link: a venv's Python linked elsewhere no longer finds the venv.
    (fakes / "python").write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n')
    for fake in fakes.iterdir():
        fake.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{fakes}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO / "src"),
    }
    env.pop("PAPERSITE_SITE_URL", None)
    if site_url is not None:
        env["PAPERSITE_SITE_URL"] = site_url
    output = tmp_path / "github_output"
    env["GITHUB_OUTPUT"] = str(output)
    done = subprocess.run(
        ["bash", "-e", "-c", build["run"]],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["build", "--strict", "--site-dir", site_dir]
    args = " ".join(uses(links, "check", "lycheeverse/lychee-action")["with"]["args"].split())
    assert " --root-dir ${{ github.workspace }}/public " in args
    assert args.endswith(" public")
    # The site's own address, live only once deployed, is left out: the fork's, when it has one.
    assert " --exclude '${{ steps.build.outputs.own }}' " in args
    own = re.fullmatch(r"own=(.*)\n", output.read_text(encoding="utf-8"))
    assert own is not None
    url = (site_url or SHIPPED_URL).rstrip("/") + "/"
    assert re.match(own[1], url + "papers/x/") and not re.match(own[1], "https://elsewhere.org/")
    assert not re.match(own[1], url.replace(".", "x", 1))  # its dots are escaped


def test_every_papersite_command_in_a_workflow_parses() -> None:
    # Catches an option renamed in the CLI but not in a workflow.
    lines = [
        line
        for path in WORKFLOWS
        for job in load(path.name)["jobs"]
        for line in runs(load(path.name), job)
        if line.startswith("papersite ")
    ]
    assert len(lines) == 5
    for line in lines:
        words = shlex.split(line.split(">>")[0])
        _parser().parse_args(words[1:])


def test_every_make_target_in_a_workflow_exists() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = {
        line.split()[1]
        for path in WORKFLOWS
        for job in load(path.name)["jobs"]
        for line in runs(load(path.name), job)
        if line.startswith("make ")
    }
    assert targets == {"install", "test"}
    for target in targets:
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_make_fuzz_runs_no_property_fewer_times_than_its_profile_says() -> None:
    # A count set on a property wins over the profile's: a plain number there capped seven
    # properties at 200 to 400 examples in `make fuzz`. at_least keeps the larger of the two.
    pinned = [
        f"{path.name}:{node.lineno}"
        for path in sorted((REPO / "tests").glob("test_*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "settings"
        for keyword in node.keywords
        if keyword.arg == "max_examples"
        and not (
            isinstance(keyword.value, ast.Call) and ast.unparse(keyword.value.func) == "at_least"
        )
    ]
    assert pinned == []


@pytest.mark.parametrize("dev_addr", [None, "127.0.0.1:8001"])
def test_make_serve_takes_another_address(dev_addr: str | None) -> None:
    # "choose another address with --dev-addr IP:PORT", serve says when 8000 is taken.
    given = [f"DEV_ADDR={dev_addr}"] if dev_addr else []
    # STAMP emptied: the venv's installation is not the recipe asked about.
    make = ["make", "--no-print-directory", "-n", "-C", str(REPO), "serve", "STAMP=", *given]
    (line,) = subprocess.run(make, check=True, capture_output=True, text=True).stdout.splitlines()
    words = shlex.split(line)
    assert words[0].endswith("/papersite")
    assert _parser().parse_args(words[1:]).dev_addr == dev_addr


def test_the_pull_request_template_asks_for_the_strict_check() -> None:
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "- [ ] I ran `papersite check --strict`" in template


def test_a_plain_install_carries_every_file_the_package_reads() -> None:
    # deploy.yml and links.yml run `pip install .`, which copies only the package and the files
    # package-data names: a schema or template left out works in the editable checkout of `make`
    # and breaks on GitHub (the schemas once lived outside the package and did just that).
    import tomllib

    import papersite
    from papersite.render import TEMPLATES
    from papersite.schema import SCHEMA_DIR

    package = Path(papersite.__file__).parent
    assert SCHEMA_DIR.is_relative_to(package)
    assert TEMPLATES.is_relative_to(package)
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["papersite"]
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    data = {
        path
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert data, "the package holds its templates and schemas"
    assert sorted(data - shipped) == []


def _pins(lock: Path) -> dict[str, str]:
    """The releases a pip-compile file pins, by normalised name."""
    from packaging.utils import canonicalize_name

    text = lock.read_text(encoding="utf-8")
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", text, re.MULTILINE)
    }


@pytest.mark.parametrize(("lock", "extras"), [("site.txt", ()), ("dev.txt", ("test",))])
def test_the_locks_pin_every_dependency_within_pyproject_s_ranges(
    lock: str, extras: tuple[str, ...]
) -> None:
    # CI installs requirements/dev.txt and the deploy requirements/site.txt, never pyproject's
    # ranges: a dependency added or a range changed without `make lock` must fail here.
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"]]
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    pins = _pins(REPO / "requirements" / lock)
    for text in wanted:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements/{lock}: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements/{lock} pins {name}=={pins[name]}, outside {requirement.specifier}"
        )
    # Every pin carries its hashes: pip --require-hashes refuses a file with one missing.
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (REPO / "requirements" / lock).read_text("utf-8"))
    unhashed = [b.split()[0] for b in blocks if "==" in b.split()[0] and "--hash=sha256:" not in b]
    assert unhashed == []


def test_the_deploy_builds_with_the_releases_ci_tests() -> None:
    site, dev = _pins(REPO / "requirements/site.txt"), _pins(REPO / "requirements/dev.txt")
    assert {name: dev.get(name) for name in site} == site


# Stands in for PYTHON: logs how it was called, runs the version check `make` gives it as a Python
# of the version the test names, and fails anything else (making the venv) without making it.
FAKE_PYTHON = """#!{python}
import sys
with open({log!r}, "a") as log:
    log.write(" ".join(sys.argv[1:3]) + "\\n")
if sys.argv[1] != "-c":
    sys.exit(1)
sys.version_info = {version!r}
exec(sys.argv[2])
"""


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
@pytest.mark.parametrize(
    ("version", "refused"),
    [((2, 7, 18), True), ((3, 10, 13), True), ((3, 11, 4), True), ((3, 11, 5), False)],
)
def test_make_install_refuses_an_old_python_in_one_line_before_making_the_venv(
    tmp_path: Path, version: tuple[int, int, int], refused: bool
) -> None:
    fake, log, venv = tmp_path / "python-old", tmp_path / "calls.log", tmp_path / "venv"
    fake.write_text(FAKE_PYTHON.format(python=sys.executable, log=str(log), version=version))
    fake.chmod(0o755)
    made = subprocess.run(
        ["make", "-C", str(REPO), "install", f"PYTHON={fake}", f"VENV={venv}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode != 0
    calls = log.read_text().splitlines()
    assert calls[0].startswith("-c import sys")
    if refused:
        assert calls == calls[:1]
        assert made.stderr.splitlines()[0] == (
            f"papersite needs Python 3.11.5+, but {fake} is Python "
            f"{'.'.join(map(str, version))} ({sys.executable}): name a newer one, as in "
            "make PYTHON=python3.12"
        )
    else:
        assert calls[1:] == ["-m venv"]
    assert not venv.exists()
