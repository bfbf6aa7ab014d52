"""Live preview for curators: MkDocs' dev server over Markdown that is regenerated on every edit.

MkDocs watches the generated docs folder and reloads the browser. A thread here watches the content
folder and the templates; on a change it regenerates the Markdown, and the writer rewrites only the
files whose bytes changed. An edit that breaks the content prints its problems and keeps the last
good preview on screen.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from papersite.build import (
    CONFIG_FILE,
    generate_docs,
    load_content,
    mkdocs_logging,
    mkdocs_nav,
    read_mkdocs_yaml,
)
from papersite.errors import PapersiteError
from papersite.render import TEMPLATES

POLL_SECONDS = 0.5


def snapshot(folders: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every file under the folders: a cheap change detector."""
    seen: dict[Path, tuple[int, int]] = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                stat = path.stat()
                seen[path] = (stat.st_mtime_ns, stat.st_size)
    return seen


def regenerate(content: Path, docs: Path, config_file: Path) -> bool:
    """Regenerate the Markdown; problems are printed and the previous pages kept."""
    try:
        generate_docs(load_content(content), docs, config_file=config_file)
    except PapersiteError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return False
    return True


def _watch(content: Path, docs: Path, config_file: Path, stop: threading.Event) -> None:
    folders = [content, TEMPLATES]
    before = snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(folders)
        if now != before:
            before = now
            if regenerate(content, docs, config_file):
                print("papersite: content changed, pages regenerated", file=sys.stderr)


def serve(content: Path, *, config_file: Path = CONFIG_FILE, dev_addr: str | None = None) -> None:
    """Generate the pages, then serve them with live reload until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    loaded = load_content(content)
    docs = config_file.parent / str(read_mkdocs_yaml(config_file).get("docs_dir", "docs"))
    generated = generate_docs(loaded, docs, config_file=config_file)
    stop = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(content, docs, config_file, stop), name="papersite-watch", daemon=True
    )
    watcher.start()
    overrides: dict[str, Any] = {"nav": mkdocs_nav(generated.nav)}
    if dev_addr:
        overrides["dev_addr"] = dev_addr
    print("papersite: serving; adding or renaming a theme needs a restart", file=sys.stderr)
    try:
        with mkdocs_logging(logging.INFO):
            mkdocs_serve(config_file=str(config_file), livereload=True, **overrides)
    finally:
        stop.set()
