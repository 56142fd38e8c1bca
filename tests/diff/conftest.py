"""Helpers for diff tests: seed specs copied into tmp_path and edited as text, like a user would."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import SPECS

#: (seed file name, [(old text, new text), ...]) → (old path, new path)
EditSeed = Callable[[str, list[tuple[str, str]]], tuple[Path, Path]]


def edit(text: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new``; ``old`` must occur exactly once, so a test cannot go stale."""
    assert text.count(old) == 1, f"expected exactly one {old!r}"
    return text.replace(old, new)


@pytest.fixture
def edit_seed(tmp_path: Path) -> EditSeed:
    """Copy a seed spec into tmp_path as old.yaml and write an edited new.yaml beside it."""

    def make(seed: str, edits: list[tuple[str, str]]) -> tuple[Path, Path]:
        text = (SPECS / seed).read_text(encoding="utf-8")
        old = tmp_path / "old.yaml"
        old.write_text(text, encoding="utf-8")
        for before, after in edits:
            text = edit(text, before, after)
        new = tmp_path / "new.yaml"
        new.write_text(text, encoding="utf-8")
        return old, new

    return make


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    """Run ``protocolgen`` with ``args``; returns the exit code and the output."""
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.output


def changes(old: Path, new: Path) -> list[dict[str, Any]]:
    """The changes ``protocolgen diff --format json`` reports between two files."""
    code, out = run("diff", str(old), str(new), "--format", "json")
    assert code == 0, out
    found: list[dict[str, Any]] = json.loads(out)["files"][0]["changes"]
    return found
