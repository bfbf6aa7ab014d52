"""Reading a content folder: its catalogue and its curation, sorted, with every problem found.

The loaders every command uses (``read_content``, ``load_content``), and ``read_curation``, which
reads content/curation with themes_file.py and papers_file.py; the checks of curation_checks.py
run once curation.py has sorted the papers. Apart so that each module of the stage reads or checks
one thing, and this one alone knows their order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from papersite.catalogue import Catalogue, read_catalogue
from papersite.curation import (
    CURATION_DIR,
    PAPERS_FILE,
    THEMES_FILE,
    Curation,
    CurationFiles,
    sort_papers,
    uncurated,
)
from papersite.curation_checks import run_checks
from papersite.errors import Problem, Problems, absent, cannot_read, display_path, unlistable
from papersite.papers_file import read_decisions
from papersite.sources import OUTSIDE_CONTENT, outside_content, tools_file
from papersite.themes_file import read_themes
from papersite.unknown_ids import report_unknown_defaults
from papersite.wording import closest, counted, missing_naming_stray

# papers.yaml missing beside themes.yaml: what the curators lose, and how a new one starts.
NO_PAPERS_FILE = (
    f"missing: no paper is pinned, hidden or noted, so every paper goes by the rules; a new "
    f"{PAPERS_FILE} starts as a line 'papers:', and 'papersite triage' lists the papers to add"
)


@dataclass(frozen=True)
class Loaded:
    """The content of a folder, ready to render, and the problems met while reading it.

    From :func:`load_content` the problems are warnings only (errors raise); from
    :func:`read_content` they are every problem, errors too.
    """

    catalogue: Catalogue
    curation: Curation
    problems: tuple[Problem, ...]
    # The curation files as read, which triage compares with the rules; None without a folder.
    files: CurationFiles | None = None

    def counts(self) -> str:
        """The last line of ``papersite check``: the papers, the errors and the warnings."""
        found = Problems(list(self.problems))
        errors = len(found.failing())
        papers = counted(len(self.catalogue), "paper")
        if self.curation.hidden:
            # As review and build count them: a curator compares this line with theirs.
            papers += f", {len(self.catalogue) - len(self.curation.hidden)} on the site"
        return f"{papers}; {counted(errors, 'error')}, {counted(len(found) - errors, 'warning')}"


def read_content(
    content: Path, *, catalogue: Catalogue | None = None, rules_only: bool = False
) -> Loaded:
    """The catalogue and curation of a content folder, with every problem found in either.

    Nothing is raised for bad content: the dumps' errors and the curation's are all in
    ``problems``, so a command reports them at once (``papersite check``, a review). ``catalogue``,
    when given, is used instead of reading the sources again (the live preview keeps it while only
    the curation changes); ``rules_only`` as for :func:`sort_catalogue`.
    """
    if catalogue is None:
        catalogue = read_catalogue(content)
    problems = Problems()
    curation, files = _curate(content, catalogue, problems, rules_only=rules_only)
    # A warning about a paper that papers.yaml hides is answered (a second page of one paper).
    hidden = {item.paper.id for item in curation.hidden}
    read = [problem for problem in catalogue.problems if problem.paper not in hidden]
    return Loaded(catalogue, curation, (*read, *problems), files)


def load_content(
    content: Path,
    *,
    strict: bool = False,
    catalogue: Catalogue | None = None,
    rules_only: bool = False,
) -> Loaded:
    """:func:`read_content`, raising every problem in one PapersiteError when any is an error.

    With ``strict``, a warning raises too. Every command that needs content it can use loads it
    here, so each reports the same problems (the dumps' and the curation's) all at once.
    """
    loaded = read_content(content, catalogue=catalogue, rules_only=rules_only)
    Problems(list(loaded.problems)).raise_if_failing(strict=strict)
    return loaded


def sort_catalogue(
    content: Path, catalogue: Catalogue, problems: Problems, *, rules_only: bool = False
) -> Curation:
    """Read content/curation and sort the catalogue; problems are collected, not raised.

    Decisions in papers.yaml win over the rules; with ``rules_only`` they are checked but ignored,
    which shows how the rules alone would sort the catalogue.
    """
    return _curate(content, catalogue, problems, rules_only=rules_only)[0]


def _curate(
    content: Path, catalogue: Catalogue, problems: Problems, *, rules_only: bool
) -> tuple[Curation, CurationFiles | None]:
    """:func:`sort_catalogue`, with the files it read (None without a curation folder)."""
    found = Problems()
    files = read_curation(content, catalogue, found)
    if files is None:
        problems.extend(found)
        return uncurated(catalogue), None
    curation = sort_papers(files, catalogue, found)
    run_checks(files, catalogue, curation, found)
    # The rules alone score the papers papers.yaml hides too, where a regex may first run away:
    # given the problems, so it is reported with the rest (decisions ignored, nothing else is).
    if rules_only:
        curation = sort_papers(files, catalogue, found, rules_only=True)
    # Checks run in several passes; a curator fixes a file top to bottom, so report in that order.
    order = [files.themes_path, files.papers_path]
    problems.extend(
        sorted(found, key=lambda p: (order.index(p.path) if p.path in order else -1, p.line or 0))
    )
    return curation, files


def read_curation(content: Path, catalogue: Catalogue, problems: Problems) -> CurationFiles | None:
    """Read and check themes.yaml and papers.yaml; None when the content has no curation folder."""
    folder = content / CURATION_DIR
    if absent(folder):
        return None
    try:
        folder.stat()
    except OSError as error:  # a broken link: its files are not "missing", the link is broken
        problems.error(display_path(folder), None, cannot_read(folder, error, "folder"))
        return None
    # A file in the folder's place is read as a folder lacking themes.yaml, as before.
    if folder.is_dir() and (refusal := unlistable(folder)) is not None:
        problems.error(display_path(folder), None, cannot_read(folder, refusal, "folder"))
        return None
    themes_path = folder / THEMES_FILE
    papers_path = folder / PAPERS_FILE
    linked_out = [
        path
        for path in (folder, themes_path, papers_path)
        if path.exists() and outside_content(path, content)
    ]
    if linked_out:  # a linked folder takes its files with it: report only the first
        problems.error(display_path(linked_out[0]), None, OUTSIDE_CONTENT)
        return None
    misnamed = _stray_files(folder, problems)
    read = read_themes(themes_path, problems, misnamed.get(THEMES_FILE))
    if absent(papers_path) and not absent(themes_path):
        # Deleted, it took every decision with it without a word. A new project starts it as
        # 'papers:' (README, "Forking"), so only one that lost it is told.
        problems.warning(
            display_path(papers_path),
            None,
            missing_naming_stray(misnamed.get(PAPERS_FILE), NO_PAPERS_FILE),
        )
    papers = read_decisions(papers_path, catalogue, read, problems)
    decisions = papers.decisions
    report_unknown_defaults(display_path(themes_path), read, papers, problems)
    return CurationFiles(
        read.themes,
        read.rules,
        decisions or {},
        display_path(themes_path),
        display_path(papers_path),
        read.lines,
        themes_sound=read.unchecked == frozenset() and not read.without_rules,
        without_rules=read.without_rules,
        papers_read=decisions is not None,
        unknown_entries=papers.unknown_entries,
        in_error=papers.unread
        | papers.duplicated
        | {paper_id for paper_id, decision in (decisions or {}).items() if not decision.sound},
        unread_themes=read.unchecked,
        intro_links=read.intro_links,
        misnamed=papers.misnamed,
        literal_keywords=read.literal_keywords,
        rule_terms=read.rule_terms,
        section_lines=read.section_lines,
        misnamed_sections=papers.misnamed_sections,
    )


def _stray_files(folder: Path, problems: Problems) -> dict[str, str]:
    """Each file of the curation folder papersite does not read, warned of, in name order.

    "papers.yml" sat there unread, and check said only that papers.yaml was missing. The stray
    file likeliest meant for a curation file that is missing (and told missing) is named in that
    message instead, by the name it stands for: "papers.yml" by "papers.yaml" (_meant_rank).
    """
    misnamed: dict[str, str] = {}
    try:
        paths = sorted(folder.iterdir())
    except OSError:  # a file named curation, or a folder not to be listed: reading says why
        return misnamed
    paths = [p for p in paths if not tools_file(p) and p.name not in (THEMES_FILE, PAPERS_FILE)]
    for meant in (THEMES_FILE, PAPERS_FILE):
        # papers.yaml is told missing only beside a themes.yaml (read_curation).
        told_missing = meant == THEMES_FILE or not absent(folder / THEMES_FILE)
        if not (absent(folder / meant) and told_missing):
            continue
        ranked = [
            (rank, path.name)
            for path in paths
            if path.name not in misnamed.values() and (rank := _meant_rank(path, meant)) is not None
        ]
        if ranked:
            misnamed[meant] = min(ranked)[1]
    for path in paths:
        if path.name in misnamed.values():
            continue
        near = [name for name in (THEMES_FILE, PAPERS_FILE) if _meant_rank(path, name) is not None]
        hint = f" (did you mean {near[0]}?)" if near and absent(folder / near[0]) else ""
        problems.warning(
            display_path(path),
            None,
            f"not read: a curation folder holds {THEMES_FILE} and {PAPERS_FILE} alone{hint}",
        )
    return misnamed


def _meant_rank(path: Path, meant: str) -> int | None:
    """How likely a stray file of the curation folder is ``meant`` misnamed, 0 likeliest; or None.

    Only a regular file can be renamed to one read: "themes.yml" first, then the name with another
    YAML-ish suffix ("themes.YAML", "themes.yaml.txt", "themes.yaml.orig"), then a YAML file of
    a name near ("theme.yaml"). Not "thesis.pdf", a folder "papers/" or a broken link, which
    the name before the first dot alone took for themes.yaml or papers.yaml.
    """
    if not path.is_file():
        return None
    name, stem = path.name.casefold(), meant.removesuffix(".yaml")
    if name == f"{stem}.yml":
        return 0
    if name.startswith((f"{stem}.yaml", f"{stem}.yml")):
        return 1
    # Near by the name before the first dot, of a YAML file: by the whole name, difflib took
    # "sources.yaml" for themes.yaml for their ".yaml".
    stems = [known.removesuffix(".yaml") for known in (THEMES_FILE, PAPERS_FILE)]
    yaml = {".yaml", ".yml"} & {suffix.casefold() for suffix in path.suffixes}
    return 2 if yaml and closest(name.split(".")[0], stems) == stem else None
