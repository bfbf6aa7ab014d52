"""serve_hooks: the file serve names in MkDocs' ``hooks`` setting, loaded as MkDocs loads it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from papersite import serve
from papersite.mkdocs_glue import THEME_OVERRIDES
from papersite.theme_env import CompactLoader


def _hooks_config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    # No plugins: the events registered are the hooks file's alone.
    config.load_dict({"site_name": "Hooks", "plugins": [], "hooks": [str(serve.HOOKS_FILE)]})
    errors, warnings = config.validate()
    assert errors == [] and warnings == []
    return config


def test_mkdocs_registers_the_serve_and_shutdown_hooks(tmp_path: Path) -> None:
    config = _hooks_config(tmp_path)
    events = {name: len(methods) for name, methods in config.plugins.events.items() if methods}
    assert events == {"config": 1, "env": 1, "serve": 1, "shutdown": 1}


def test_on_env_prepares_the_theme_as_build_does(tmp_path: Path) -> None:
    # The preview renders the pages build does: with the shared parts, a fresh set each rebuild
    # (an edited template, or mkdocs.yml, shows on the next).
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    theme = {"name": "material", "custom_dir": str(THEME_OVERRIDES)}
    config.load_dict(
        {"site_name": "Hooks", "plugins": [], "theme": theme, "hooks": [str(serve.HOOKS_FILE)]}
    )
    assert config.validate() == ([], [])
    rendered = []
    for build in ("first", "second"):
        block = "{% block config %}" + build + " {{ page.url }}{% endblock %}"
        loader = jinja2.DictLoader({"base.html": block})
        env = config.plugins.on_env(
            jinja2.Environment(loader=loader), config=config, files=Files([])
        )
        nav = SimpleNamespace(pages=[])
        pages = [SimpleNamespace(url=url) for url in ("papers/a/", "papers/b/", "tags/c/")]
        assert isinstance(env.loader, CompactLoader)  # and the templates' indentation is cut
        base = env.get_template("base.html")
        rendered.append([base.render(page=page, nav=nav) for page in pages])
    assert rendered == [
        ["first papers/a/", "first papers/a/", "first tags/c/"],
        ["second papers/a/", "second papers/a/", "second tags/c/"],
    ]


def test_on_config_escapes_the_texts_the_theme_writes_as_they_are_once(tmp_path: Path) -> None:
    # As build has them (see test_build): the preview's home page had a broken head.
    config = _hooks_config(tmp_path)
    config["site_description"] = 'Say "hi" & <b>'
    for _ in range(2):  # every rebuild: escaped once, however often the event runs
        config = config.plugins.on_config(config)
    assert config["site_description"] == "Say &#34;hi&#34; &amp; &lt;b&gt;"
    assert config["site_name"] == "Hooks"


def test_on_serve_hands_mkdocs_arguments_to_serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs passes config and builder as keywords and serves what the hook returns: a mismatch
    # fails here rather than in a curator's preview.
    config = _hooks_config(tmp_path)
    calls: list[tuple[Any, Any]] = []
    replaced = object()

    def on_serve(server: Any, config: Any = None) -> Any:
        calls.append((server, config))
        return replaced

    monkeypatch.setattr(serve, "on_serve", on_serve)
    server = object()
    assert config.plugins.on_serve(server, config=config, builder=lambda: None) is replaced  # type: ignore[arg-type]
    assert calls == [(server, config)]


def test_on_serve_outside_a_preview_leaves_the_server_alone(tmp_path: Path) -> None:
    config = _hooks_config(tmp_path)
    server = object()
    assert serve._serving is None
    assert config.plugins.on_serve(server, config=config, builder=lambda: None) is server  # type: ignore[arg-type]


def test_on_shutdown_reaches_serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _hooks_config(tmp_path)
    stopped: list[bool] = []
    monkeypatch.setattr(serve, "on_shutdown", lambda: stopped.append(True))
    config.plugins.on_shutdown()
    assert stopped == [True]
