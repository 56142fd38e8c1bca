"""Changed-only builds: the cache manifest in ``out/`` and what makes a spec render again."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from protocolgen import build, cache
from protocolgen.cli import main
from protocolgen.diagnostics import Diagnostic, Severity
from tests.conftest import MINIMAL_SPEC

FAST = ["--to", "md,html,txt", "-j", "1"]
NAMES = ["alpha", "beta", "gamma"]


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    for name in NAMES:
        text = MINIMAL_SPEC.replace("Minimal trial", f"Trial {name}")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The brief title of every spec the renderer is asked to render, in order."""
    calls: list[str] = []
    real = build.Renderer.render

    def counting(self: build.Renderer, data: dict[str, Any], findings: Any) -> dict[str, bytes]:
        calls.append(data["identification"]["brief_title"])
        return real(self, data, findings)

    monkeypatch.setattr(build.Renderer, "render", counting)
    return calls


@pytest.fixture
def run(specs: Path, tmp_path: Path, rendered: list[str]) -> Callable[..., tuple[int, str]]:
    """``protocolgen build specs -o out`` with extra arguments; clears the render log first."""

    def invoke(*extra: str) -> tuple[int, str]:
        rendered.clear()
        args = ["build", str(specs), "-o", str(tmp_path / "out"), *FAST, *extra]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        return result.exit_code, result.output

    return invoke


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time of every output: a rewrite changes at least the inode."""
    return {
        str(p.relative_to(out)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(out.rglob("summary.*"))
    }


def test_no_op_rebuild_renders_nothing_and_touches_no_output(
    run: Callable[..., tuple[int, str]], tmp_path: Path, rendered: list[str]
) -> None:
    out = tmp_path / "out"
    assert run()[0] == 0
    assert sorted(rendered) == [f"Trial {n}" for n in NAMES]
    before = stamps(out)
    code, output = run()
    assert code == 0 and rendered == []
    assert "Rendered 0 of 3 specs (3 up to date)" in output
    assert stamps(out) == before
    assert 'href="beta/summary.html"' in (out / "index.html").read_text()  # still listed


def test_changing_one_spec_renders_only_that_spec(
    run: Callable[..., tuple[int, str]], specs: Path, tmp_path: Path, rendered: list[str]
) -> None:
    out = tmp_path / "out"
    run()
    before = stamps(out)
    beta = specs / "beta.yaml"
    beta.write_text(beta.read_text().replace("count: 10", "count: 12"))
    code, output = run()
    assert code == 0 and rendered == ["Trial beta"]
    assert "Rendered 1 of 3 specs (2 up to date)" in output
    after = stamps(out)
    for name, stamp in before.items():
        assert (after[name] == stamp) == (not name.startswith("beta/")), name


@pytest.mark.parametrize("damage", ["delete", "edit"])
def test_a_deleted_or_edited_output_is_rendered_again(
    run: Callable[..., tuple[int, str]], tmp_path: Path, rendered: list[str], damage: str
) -> None:
    run()
    target = tmp_path / "out" / "gamma" / "summary.md"
    original = target.read_bytes()
    if damage == "delete":
        target.unlink()
    else:
        target.write_text("edited by hand\n")
    run()
    assert rendered == ["Trial gamma"]
    assert target.read_bytes() == original


def test_templates_formats_config_and_no_cache_invalidate(
    run: Callable[..., tuple[int, str]], specs: Path, tmp_path: Path, rendered: list[str]
) -> None:
    run()
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "summary.css").write_text("body { color: teal; }\n")
    run("--templates", str(custom))
    assert len(rendered) == 3  # a user template directory is part of every key
    run("--templates", str(custom), "--to", "md")
    assert len(rendered) == 3  # other formats
    (specs / "protocolgen.toml").write_text('ignore = ["PG5"]\n')
    run("--templates", str(custom), "--to", "md")
    assert len(rendered) == 3  # the effective configuration changed
    run("--templates", str(custom), "--to", "md")
    assert rendered == []
    run("--templates", str(custom), "--to", "md", "--no-cache")
    assert len(rendered) == 3


def test_a_spec_with_errors_loses_its_stale_outputs(
    run: Callable[..., tuple[int, str]], specs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run()
    (out / "alpha" / "notes.txt").write_text("kept: not a protocolgen output")
    (out / "beta" / "synopsis.pdf").write_bytes(b"%PDF- from an earlier run")
    for name in ("alpha", "beta"):
        spec = specs / f"{name}.yaml"
        spec.write_text(spec.read_text().replace("overall: COMPLETED", "overall: DONE"))
    code, output = run()
    assert code == 1
    assert "1 not rendered" not in output and "2 not rendered because of errors" in output
    assert "outputs of an earlier run removed for 2" in output
    assert [p.name for p in (out / "alpha").iterdir()] == ["notes.txt"]
    assert not (out / "beta").exists()
    manifest = json.loads((out / cache.MANIFEST).read_text())
    assert sorted(manifest["specs"]) == ["gamma"]
    index = (out / "index.html").read_text()
    assert 'href="alpha/summary.html"' not in index and "Not rendered" in index


def test_a_broken_manifest_means_a_full_build(
    run: Callable[..., tuple[int, str]], tmp_path: Path, rendered: list[str]
) -> None:
    run()
    manifest = tmp_path / "out" / cache.MANIFEST
    for broken in (
        "{not json",
        '{"format": "protocolgen-cache", "version": 0, "specs": {}}',
        '{"format": "protocolgen-cache", "version": 1, "specs": {"a": 3}}',
    ):
        manifest.write_text(broken)
        code, _ = run()
        assert code == 0 and len(rendered) == 3
    assert json.loads(manifest.read_text())["version"] == cache.VERSION


def test_the_process_pool_uses_the_cache_too(specs: Path, tmp_path: Path) -> None:
    args = ["build", str(specs), "-o", str(tmp_path / "out"), "--to", "md", "-j", "2"]
    first = CliRunner().invoke(main, args, catch_exceptions=False)
    second = CliRunner().invoke(main, args, catch_exceptions=False)
    assert "Rendered 3 of 3 specs into" in first.output
    assert "Rendered 0 of 3 specs (3 up to date)" in second.output


def test_the_key_covers_the_findings(specs: Path) -> None:
    # Rules compare dates with today: the same bytes can gain a finding overnight.
    source = str(specs / "alpha.yaml")
    stale = Diagnostic(source, 5, 3, "PG404", Severity.WARNING, "the start date has passed")
    one = cache.spec_key("ctx", source, MINIMAL_SPEC, [])
    assert one == cache.spec_key("ctx", source, MINIMAL_SPEC, [])
    assert one != cache.spec_key("ctx", source, MINIMAL_SPEC, [stale])
    assert one != cache.spec_key("other", source, MINIMAL_SPEC, [])
    assert one != cache.spec_key("ctx", source, MINIMAL_SPEC + "\n", [])


def test_run_context_hashes_every_template_file(tmp_path: Path) -> None:
    (tmp_path / "partial.j2").write_text("a")
    one = cache.run_context(["md"], [tmp_path])
    (tmp_path / "partial.j2").write_text("b")
    assert cache.run_context(["md"], [tmp_path]) != one
    assert cache.run_context(["md", "html"], [tmp_path]) != cache.run_context(["md"], [tmp_path])


def test_manifest_is_written_atomically_and_sorted(
    run: Callable[..., tuple[int, str]], tmp_path: Path
) -> None:
    run()
    out = tmp_path / "out"
    manifest = json.loads((out / cache.MANIFEST).read_text())
    assert manifest["format"] == "protocolgen-cache"
    assert list(manifest["specs"]) == NAMES
    entry = manifest["specs"]["alpha"]
    assert sorted(entry["outputs"]) == ["summary.html", "summary.md", "summary.txt"]
    assert entry["outputs"]["summary.md"] == cache.digest((out / "alpha/summary.md").read_bytes())
    assert not [p for p in os.listdir(out) if p.endswith(".tmp")]


def test_rendering_one_spec_keeps_the_entries_of_the_others(
    run: Callable[..., tuple[int, str]], specs: Path, tmp_path: Path, rendered: list[str]
) -> None:
    run()
    out = tmp_path / "out"
    args = ["render", str(specs / "alpha.yaml"), "-o", str(out), *FAST, "--no-cache"]
    rendered.clear()
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0 and rendered == ["Trial alpha"]  # --no-cache: rendered anyway
    assert list(json.loads((out / cache.MANIFEST).read_text())["specs"]) == NAMES
    run()
    assert rendered == []
