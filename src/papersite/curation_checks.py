"""The checks of a curation that need the papers sorted: they warn of what only shows then.

content.py runs them, through run_checks, once curation.py's sort_papers has placed every
paper: a section or theme that stays empty, a term of the rules matching most papers, two papers
with one arXiv id, too many featured papers, a keyword with regex syntax that matches no paper,
an intro's link to no page. Each is a warning at the line of themes.yaml or papers.yaml to change.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from itertools import islice
from urllib.parse import urlsplit

from papersite import urls
from papersite.catalogue import Catalogue, unversioned_arxiv_id
from papersite.curation import (
    FEATURED_AT_MOST,
    OTHER_SECTION,
    PAPERS_FILE,
    CuratedPaper,
    Curation,
    CurationFiles,
    IntroLink,
    arxiv_id_source,
)
from papersite.errors import PapersiteError, Problems
from papersite.rules import RegexBudget, RunawayRegex, Term, Text, bracketed_names
from papersite.wording import closest, counted, describe, did_you_mean, lines_named, listed
from papersite.yamlfile import single_quoted

# What the suggestions to write a keyword holding regex syntax as a regex may take together
# (searching every paper for each): a suggestion, unlike a rule, is no reason to wait.
AS_REGEX_SECONDS = 2.0
# How many papers such a suggestion counts, at most; one more is "more than" them.
AS_REGEX_COUNTED = 3
# A term of a theme's rules found in more than this share of the papers shown, and in at least
# BROAD_AT_LEAST of them, is too broad to tell the theme's papers from the rest (or, excluding,
# keeps most papers out): a warning. The shipped rules' broadest, 'language model*', is in a third
# of the seed papers; below 20 papers, a share says little (the tests' catalogues have a handful).
BROAD_SHARE = 0.5
BROAD_AT_LEAST = 20


def run_checks(
    files: CurationFiles, catalogue: Catalogue, curation: Curation, problems: Problems
) -> None:
    """Run every check of the sorted curation, each warning going to ``problems``.

    The one list of them: a check missing here never runs. content.py sorts the warnings by
    file and line afterwards; this order only decides between two at one line.
    """
    check_empty_themes(files, catalogue, curation, problems)
    check_featured_count(files, curation, problems)
    check_shared_arxiv_ids(files, curation, problems)
    check_intro_links(files, catalogue, curation, problems)
    check_literal_keywords(files, catalogue, curation, problems)
    check_broad_terms(files, catalogue, curation, problems)
    check_empty_sections(files, catalogue, curation, problems)


def check_empty_themes(
    files: CurationFiles, catalogue: Catalogue, curation: Curation, problems: Problems
) -> None:
    """Warn at the line of each theme no paper is in.

    Without papers.yaml's decisions a theme may well be empty: that is no news. Nor is it for a
    theme without rules, or one papers.yaml names by another id, which their errors say; nor when
    no paper was read at all, which the sources folder's problem says once, or while a dump could
    not be read or sources.yaml lists one that is missing, whose papers may be the theme's.
    """
    # A dump unread or missing leaves its papers unplaced: a theme pinned or ruled only them was
    # said empty beside the dump's error, and was not once it was read or restored (as
    # unknown_ids waits for it).
    if not files.papers_read or not catalogue.papers or catalogue.waiting_for_dumps:
        return
    explained = files.without_rules | files.misnamed
    for theme in curation.themes:
        if theme.id not in explained and not curation.in_theme(theme.id):
            problems.warning(
                files.themes_path,
                files.theme_lines.get(theme.id),
                f"theme '{theme.id}' has no papers",
            )


def check_empty_sections(
    files: CurationFiles, catalogue: Catalogue, curation: Curation, problems: Problems
) -> None:
    """Warn at the line of an empty section the rules alone would fill.

    papers.yaml pins every paper it has an entry for, so a section added with terms stays empty
    until entries name it, its page saying only "No papers in this section yet.", though its
    terms match papers the curator meant for it. A section nothing would fill is no news: it waits
    for papers to come (the shipped 'math-training'). Nor is one without papers.yaml's decisions,
    in a theme without rules or misnamed, one an unknown id may stand for, or in an empty theme,
    which is warned of already; nor while a dump could not be read or is missing, whose papers
    may be pinned to the section.
    """
    # The papers of a dump unread or missing are not placed: a section pinned only them was said
    # to be empty, and told to take papers pinned elsewhere, until the dump was read again (or
    # restored).
    if not files.papers_read or catalogue.waiting_for_dumps:
        return
    explained = files.without_rules | files.misnamed
    empty = {
        (theme.id, section.id): section
        for theme in curation.themes
        if theme.id not in explained and curation.in_theme(theme.id)
        for section, papers in curation.grouped(theme)
        if not papers
        and section is not OTHER_SECTION
        and (theme.id, section.id) not in files.misnamed_sections
    }
    if not empty:
        return
    themes = {theme for theme, _ in empty}
    ruled: Counter[tuple[str, str]] = Counter()
    try:
        # From the scores kept from the sort: only the sections of these themes are worked out,
        # for the papers their rules accept. Hidden papers aside: papers.yaml places them nowhere.
        for item in curation.papers:
            for theme, score in files.scores(item.paper).items():
                if theme in themes and score.accepted and (theme, score.section) in empty:
                    ruled[theme, score.section] += 1
    except RunawayRegex as runaway:
        # A section's regex, which only the rules alone run on pinned papers: said at its line;
        # the count it stopped would be wrong.
        files.forget_scores()
        problems.extend(runaway.problems)
        return
    for (theme, section), count in ruled.items():
        one = count == 1
        problems.warning(
            files.themes_path,
            files.section_lines.get((theme, section)),
            f"section '{section}' of theme '{theme}' has no papers, though the rules alone "
            f"would put {counted(count, 'paper')} there: {PAPERS_FILE} places "
            f"{'it' if one else 'each'} elsewhere: pin "
            f"{'it to the section if it belongs' if one else 'those that belong'} there "
            "('papersite export --themes --rules-only' lists the rules' choice, with hidden "
            "papers)",
        )


def check_broad_terms(
    files: CurationFiles, catalogue: Catalogue, curation: Curation, problems: Problems
) -> None:
    """Warn at each term of a theme's rules that matches most papers shown (see BROAD_SHARE).

    Such a term scores nearly every paper alike, so it tells no theme's papers from the others:
    its weight works as a lower threshold ('model*' at 4 in a theme of 4 took in most papers); an
    exclusion keeps nearly every paper out. A section's term is counted against its theme's
    papers: one in most of them leans most papers to its section, whichever they are about (the
    'transformer*' once shipped in 'attention-transformers' chose the section of 9 papers, each of
    which curators then pinned elsewhere). A theme's terms are counted from the scores the sort
    kept, which hold each term a paper matches, and its sections' from the sections worked out
    (by the sort, unless papers.yaml names the paper's section); only the exclusions are
    searched again. Nothing is said while papers.yaml or a dump cannot be read, or a dump
    sources.yaml lists is missing.
    """
    shown = len(curation.papers)
    # A theme's papers are among those shown: fewer than BROAD_AT_LEAST, no term is counted.
    # Without papers.yaml's decisions the rules place every paper, and a term counted against
    # what they give a theme is no news (as an empty theme is not): said above its syntax error,
    # it was gone once that was fixed. Nor is a count of the papers the dumps read give, while
    # one could not be read or is missing (as unknown_ids waits for it): with one of the shipped
    # dumps binary, 'training' was said in 39 of the 77 papers left in 'efficiency', and in none
    # too many once it was read again.
    if (
        shown < BROAD_AT_LEAST
        or not files.rule_terms
        or not files.papers_read
        or catalogue.waiting_for_dumps
    ):
        return
    matched: Counter[int] = Counter()  # by the id of the term, which files.rule_terms keeps
    taken: Counter[str] = Counter()  # each theme's papers, its sections' terms counted in them
    texts: list[Text] = []
    try:
        for item in curation.papers:
            scores = files.scores(item.paper)
            for score in scores.values():
                for hit in score.hits:
                    matched[id(hit.term)] += 1
            for theme in item.themes:
                if (kept := scores.get(theme)) is not None:
                    taken[theme] += 1
                    for hit in kept.section_hits:
                        matched[id(hit.term)] += 1
            # One Text for all the paper's scores (CurationFiles.scores).
            texts.extend(score.text for score in islice(scores.values(), 1))
        for written in files.rule_terms:
            if written.excluding:
                # Term.matches, its literal tested first here: most papers lack it, and a call
                # for each paper made this check 0.8 s at 50,000 papers, not 0.6 (9 exclusions,
                # each then 0.04 s, nearly all of it looking for the literal).
                term, literal = written.term, written.term.literal
                matched[id(term)] = sum(
                    1
                    for text in texts
                    if (literal in text.title_folded or literal in text.abstract_folded)
                    and term.matches(text)
                )
    except RunawayRegex as runaway:
        # An exclusion's regex, searched where an earlier exclusion kept the paper out, or a
        # section's, on a paper whose section papers.yaml names: said at its line, and the counts
        # it stopped would be wrong.
        files.forget_scores()
        problems.extend(runaway.problems)
        return
    for written in files.rule_terms:
        term, theme, section = written.term, written.theme, written.section
        among = shown if section is None else taken[theme]
        count = matched[id(term)]
        # The most a term may match unwarned.
        if count <= max(among * BROAD_SHARE, BROAD_AT_LEAST - 1):
            continue
        if section is not None:
            papers = f"{among} papers of theme '{theme}'"
            outcome = (
                f"too broad to tell the papers of section '{section}' from the theme's others; "
                "narrow it (a longer word, a phrase)"
            )
        else:
            papers = f"{among} papers shown" if curation.hidden else f"{among} papers"
            outcome = (
                f"as an exclusion it keeps each of them out of theme '{theme}'; narrow it to the "
                "papers the theme should not take"
                if written.excluding
                else f"too broad to tell the papers of theme '{theme}' from the others; narrow it "
                "(a longer word, a phrase)"
            )
        problems.warning(
            files.themes_path,
            written.line,
            f"{term.kind} '{term.text}' matches {count} of {papers}: {outcome}, or remove it",
        )


def check_shared_arxiv_ids(files: CurationFiles, curation: Curation, problems: Problems) -> None:
    """Warn where a paper on the site gets an arXiv id another one has, naming both.

    Their pages would link one arXiv page and their citations cite one paper: one id is wrong, be
    it a curator's 'arxiv' or one read from a link in an abstract (a cited paper's of the same
    month). The warning is at the second paper's 'arxiv' line, else at its abstract, and offers
    'arxiv: null' when either id was read from a link.
    """
    # By the id: the first paper's id, where it is written, and whether it was read from a link.
    first: dict[str, tuple[str, str, bool]] = {}
    for item in curation.papers:
        found = arxiv_id_source(item)
        if found is None:
            continue
        arxiv_id, link = found
        path, line, whence = _arxiv_origin(item, link, files)
        # The version aside: 2312.00752v2 is the paper 2312.00752 is.
        key = unversioned_arxiv_id(arxiv_id)
        if key not in first:
            at = path if line is None else f"{path}:{line}"
            first[key] = (item.paper.id, at, link is not None)
            continue
        other, other_at, other_linked = first[key]
        # A paper whose only id is a cited paper's has none of its own: a new id would be
        # invented, where 'arxiv: null' says so. Two curators' ids are one mistyped.
        cites = link is not None or other_linked
        none = (
            ", or 'arxiv: null' if it has none: a link may be to a paper it cites" if cites else ""
        )
        problems.warning(
            path,
            line,
            f"paper '{item.paper.id}' has arXiv id {arxiv_id}{whence}, as paper '{other}' "
            f"({other_at}) does: their pages would link one arXiv page and their citations cite "
            f"one paper; give the wrong one its own id with 'arxiv' in {PAPERS_FILE}{none}",
            paper=item.paper.id,
        )


def _arxiv_origin(
    item: CuratedPaper, link: str | None, files: CurationFiles
) -> tuple[str, int | None, str]:
    """Where a paper's arXiv id is written (papers.yaml's 'arxiv', else its abstract), and whence.

    ``link`` is the link the id was read from, None for the curator's (:func:`arxiv_id_source`).
    Whence is said for an id read from a link, naming the link: it may be a cited paper's.
    """
    decision = files.decisions.get(item.paper.id)
    if link is None and decision is not None:
        return files.papers_path, decision.arxiv_line or decision.line, ""
    whence = f" (from the link {link} in its abstract)" if link is not None else ""
    # A paper built in memory (tests) is written nowhere: papers.yaml is where it is fixed.
    path, line = item.paper.abstract_at or (files.papers_path, None)
    return path, line, whence


def check_featured_count(files: CurationFiles, curation: Curation, problems: Problems) -> None:
    """Warn of a theme with more featured papers than CONTRIBUTING.md's 3–5, at the one too many.

    More than a few "start here" picks are no longer a place to start. Too few is no warning: a
    new theme has none yet.
    """
    for theme in curation.themes:
        lines = sorted(
            decision.featured_line or decision.line
            for item in curation.featured(theme.id)
            if (decision := files.decisions.get(item.paper.id)) is not None
        )
        if len(lines) > FEATURED_AT_MOST:
            problems.warning(
                files.papers_path,
                lines[FEATURED_AT_MOST],
                f"theme '{theme.id}' has {len(lines)} featured papers ({lines_named(lines)}); "
                f"CONTRIBUTING.md suggests 3–{FEATURED_AT_MOST}: unfeature at least "
                f"{len(lines) - FEATURED_AT_MOST}",
            )


def check_literal_keywords(
    files: CurationFiles, catalogue: Catalogue, curation: Curation, problems: Problems
) -> None:
    """Warn at each keyword holding regex syntax that matches no paper, as it is matched literally.

    Only these keywords are searched again, in every paper's title and abstract, as the rules
    search them. One that matches a paper is notation meant as written ('L^p', '[CLS] token',
    '$100'): no warning. With no papers at all there is nothing to tell.

    The papers are those readers see, as "theme has no papers" counts them and as a link to a
    hidden paper's page is said to lead nowhere: a keyword matching only papers papers.yaml hides
    brings no paper to any page, so it is told, naming the papers it matches; nor is a regex
    reading that finds only hidden papers suggested. ``curation`` is the one with papers.yaml's
    decisions, even for --rules-only. Nothing is said while a dump could not be read or is
    missing: its papers, not searched, may be the ones a keyword matches.
    """
    # "matches no paper" counted only the papers read: a keyword found in a dump unread (or
    # missing) was told to be a regex, and was fine once the dump was read again (or restored).
    if not files.literal_keywords or not catalogue.papers or catalogue.waiting_for_dumps:
        return
    hidden = {item.paper.id for item in curation.hidden}
    shown_texts = [Text.of(paper) for paper in catalogue.papers if paper.id not in hidden]
    hidden_papers = [(paper.id, Text.of(paper)) for paper in catalogue.papers if paper.id in hidden]
    budget = RegexBudget(AS_REGEX_SECONDS)
    for written in files.literal_keywords:
        if any(written.term.matches(text) for text in shown_texts):
            continue
        keyword = written.term.text
        shown = listed([f"'{part}'" for part in written.syntax])
        matched = [paper_id for paper_id, text in hidden_papers if written.term.matches(text)]
        if matched:
            ids = listed([f"'{paper_id}'" for paper_id in matched[:AS_REGEX_COUNTED]])
            more = len(matched) - AS_REGEX_COUNTED
            ids += f" and {counted(more, 'other')}" if more > 0 else ""
            outcome = f"matches only hidden papers ({PAPERS_FILE} hides {ids})"
        else:
            outcome = "matches no paper"
        problems.warning(
            written.path,
            written.line,
            f"keyword '{keyword}' is matched literally, {shown} included, and {outcome}"
            + _as_regex(
                keyword, shown_texts, budget, alone=written.alone, hidden=len(hidden_papers)
            ),
        )


def _as_regex(
    keyword: str, texts: Sequence[Text], budget: RegexBudget, *, alone: bool, hidden: int = 0
) -> str:
    """What to write for a keyword holding regex syntax: ': as a regex it matches …', or "".

    ``texts`` are the papers shown; ``hidden`` counts those papers.yaml hides, which are not.

    Only a keyword that is a valid regex matching some paper is told to be one: 'gpt[4' is no
    pattern ('regex:' would only turn the warning into an error), and one that matches no paper
    either ('L^p', a '^' inside) would leave the theme as it is, without the warning. One that
    matches every paper is said to, not suggested. The suggestions share ``budget``: a regex slow
    on every paper gets none rather than making the check slow.

    A suggestion is for regex syntax the curator may have written on purpose, which the regex
    reading then finds papers by. Notation read as a regex mostly finds none: '^' and '$' inside
    ('L^p', '$100') anchor nowhere, and '|x|' matches empty text, so neither is suggested. A name
    in brackets ('[CLS] token') is the notation that does find papers as a regex, by one of its
    letters in another word ('s token' in "proposes tokens"), never what was meant: no suggestion
    for a keyword holding one (see :func:`bracketed_names`), whatever else it holds.
    """
    if bracketed_names(keyword):
        return ""
    try:
        term = Term.regex(keyword, budget=budget)
        if term.matches_empty():
            return ""
        # A few matches are enough to say how many and to show one; no need to count them all.
        found = list(islice((text for text in texts if term.matches(text)), AS_REGEX_COUNTED + 1))
        every = bool(found) and all(term.matches(text) for text in texts)
    except (re.error, PapersiteError):  # PapersiteError: the regex runs away, or out of budget
        return ""
    if not found:
        return ""
    if every:
        # "every paper (6 papers)" beside check's "8 papers" in all read as a miscount.
        shown = f"; {PAPERS_FILE} hides {hidden}" if hidden else ""
        every_paper = "every paper shown" if hidden else "every paper"
        return f": as a regex it would match {every_paper} ({counted(len(texts), 'paper')}{shown})"
    # One match shown, so a curator sees what the regex finds, meant or not: 'p(y|x)' finds 'py'.
    match = term.pattern.search(found[0].title) or term.pattern.search(found[0].abstract)
    example = f" ({describe(match.group())} first)" if match else ""
    how_many = (
        counted(len(found), "paper")
        if len(found) <= AS_REGEX_COUNTED
        else f"more than {counted(AS_REGEX_COUNTED, 'paper')}"
    )
    # A term written alone has no 'keyword:' to change: the whole term is shown.
    fix = f"{{regex: {single_quoted(keyword)}}}" if alone else "'regex:' for 'keyword:'"
    return f": as a regex it matches {how_many}{example}; for a pattern, write {fix}"


def check_intro_links(
    files: CurationFiles, catalogue: Catalogue, curation: Curation, problems: Problems
) -> None:
    """Warn of a relative link in an intro that leads to no page of the site.

    MkDocs checks no link in the pages' HTML, where intros are; the site's own papers and themes
    are known here, so a link into papers/ or themes/ is checked (others, such as a feed, are
    not). A link is read from the theme's page, its first when the theme is split into pages.
    A link to a paper no dump read is not said to lead nowhere while a dump could not be read or
    is missing.
    """
    for link in files.intro_links:
        reason = _dead_end(link, curation, waiting=catalogue.waiting_for_dumps)
        if reason is not None:
            problems.warning(
                files.themes_path, link.line, f"'intro': relative link {link.url!r} {reason}"
            )


def _dead_end(link: IntroLink, curation: Curation, *, waiting: bool) -> str | None:
    """Why a relative link of a theme's page leads to no page of the site, or None if it may.

    ``waiting``: a dump could not be read or is missing, so a paper id no dump read may be one of
    its papers.
    """
    page = urls.theme_url(link.theme)
    path = urlsplit(link.url).path
    if not path or path.startswith("/"):
        # A fragment or query stays on the theme's page; an address from the root of the host
        # depends on where the site is served, which is not known here.
        return None
    resolved = posixpath.normpath(posixpath.join(page, path))
    if resolved == posixpath.pardir or resolved.startswith(f"{posixpath.pardir}/"):
        return f"leads out of the site: from the theme's page, {page}, it climbs above the root"
    where = f"leads to no page: from the theme's page, {page}, it is {resolved}/"
    folder, _, rest = f"{resolved}/".partition("/")
    name = rest.removesuffix("/")
    if f"{folder}/" == urls.PAPERS and name and "/" not in name:
        if curation.get(name) is not None:
            return None
        if any(item.paper.id == name for item in curation.hidden):
            return f"{where}, the page of paper '{name}', which papers.yaml hides"
        if waiting:
            # The paper may be in a dump unread or missing, as an entry naming it is kept
            # (unknown_ids).
            return None
        close = closest(name, [item.paper.id for item in curation.papers])
        return f"{where}: no paper has that id" + (f" {did_you_mean(name, close)}" if close else "")
    if f"{folder}/" == urls.THEMES and name:
        theme_id, _, number = name.partition("/")
        unread = curation.unread_themes
        if unread is None or theme_id in unread:
            return None  # its entry is in error, and reported: fixed, it may be there
        now = next((theme.id for theme in curation.themes if theme_id in theme.formerly), None)
        if now is not None:
            # It works, sending the reader on: the theme's own address saves them the detour.
            # isdigit() takes "²" and int() cannot read it, nor thousands of digits: the first page.
            readable = number.isascii() and number.isdecimal() and len(number) <= 9
            page_number = int(number) if readable else 1
            new = urls.list_page_url(urls.theme_url(now), page_number)
            return f"leads to {resolved}/, the old address of theme '{now}': link to {new}"
        if curation.theme(theme_id) is None:
            close = closest(theme_id, [theme.id for theme in curation.themes])
            return f"{where}: no theme has the id '{theme_id}'" + (
                f" {did_you_mean(theme_id, close)}" if close else ""
            )
        # A theme split into pages has themes/<id>/2/ and on; how many depends on its papers.
        return None if number == "" or (number.isascii() and number.isdecimal()) else where
    return where if f"{folder}/" in (urls.PAPERS, urls.THEMES) else None
