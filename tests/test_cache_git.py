"""``protocolgen build --changed-since REV``: only the specs that differ from a git revision."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC, git

FAST = ["--to", "md", "-j", "1"]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", *args, *FAST], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with three committed specs, used as the working directory."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    (root / "specs").mkdir(parents=True)
    for name in ("alpha", "beta", "gamma"):
        (root / "specs" / f"{name}.yaml").write_text(MINIMAL_SPEC.replace("Minimal", name))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "specs")
    monkeypatch.chdir(root)
    return root


def built(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_dir()) if out.exists() else []


def test_only_changed_and_new_specs_are_built(repo: Path) -> None:
    (repo / "specs" / "beta.yaml").write_text(MINIMAL_SPEC.replace("Minimal", "beta v2"))
    (repo / "specs" / "delta.yaml").write_text(MINIMAL_SPEC)  # untracked: new in this branch
    git(repo, "mv", "specs/gamma.yaml", "specs/gamma-renamed.yaml")
    code, output = invoke("specs", "-o", "out", "--changed-since", "HEAD")
    assert code == 0, output
    assert built(repo / "out") == ["beta", "delta", "gamma-renamed"]
    assert "Rendered 3 of 3 specs" in output
    index = (repo / "out" / "index.html").read_text()
    assert "beta v2" in index and "alpha trial" not in index


def test_a_committed_change_counts_against_an_older_revision(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    (repo / "specs" / "alpha.yaml").write_text(MINIMAL_SPEC.replace("Minimal", "alpha v2"))
    git(repo, "commit", "-q", "-am", "edit alpha")
    code, _ = invoke("specs", "-o", "out", "--changed-since", base)
    assert code == 0 and built(repo / "out") == ["alpha"]
    code, output = invoke("specs", "-o", "out2", "--changed-since", "HEAD")
    assert code == 0 and "No spec changed since HEAD" in output
    assert built(repo / "out2") == []


@pytest.mark.parametrize("rev", ["no-such-branch", "--all", "HEAD:specs"])
def test_an_unknown_revision_exits_2(repo: Path, rev: str) -> None:
    code, output = invoke("specs", "-o", "out", "--changed-since", rev)
    assert code == 2 and f"unknown revision '{rev}'" in output
    assert not (repo / "out").exists()


def test_outside_a_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "trial.yaml").write_text(MINIMAL_SPEC)
    monkeypatch.chdir(tmp_path)
    code, output = invoke("specs", "-o", "out", "--changed-since", "HEAD")
    assert code == 2 and "not inside a git repository" in output
