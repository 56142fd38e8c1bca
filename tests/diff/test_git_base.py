"""``protocolgen diff --base REV``: a temporary git repository, edited after its first commit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SPECS, git
from tests.diff.conftest import edit, run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two seed specs committed, as the current directory."""
    # Keep the user's and the system's git configuration (hooks, signing) out of the test.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repo"
    (root / "specs").mkdir(parents=True)
    for name in ("lupus-uc-msc.yaml", "covid19-uc-msc.yaml"):
        shutil.copy(SPECS / name, root / "specs" / name)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    monkeypatch.chdir(root)
    return root


def test_edit_added_and_deleted_specs(repo: Path) -> None:
    lupus = repo / "specs" / "lupus-uc-msc.yaml"
    lupus.write_text(edit(lupus.read_text(), "    count: 10\n", "    count: 12\n"))
    (repo / "specs" / "covid19-uc-msc.yaml").unlink()
    shutil.copy(SPECS / "ra-uc-msc.yaml", repo / "specs" / "ra-uc-msc.yaml")

    code, out = run("diff", "--base", "HEAD", "specs", "--format", "json", "--exit-code")
    assert code == 1
    files = json.loads(out)["files"]
    assert [(f["old"], f["new"], f["status"]) for f in files] == [
        ("HEAD:specs/covid19-uc-msc.yaml", None, "deleted"),
        ("HEAD:specs/lupus-uc-msc.yaml", "specs/lupus-uc-msc.yaml", "modified"),
        (None, "specs/ra-uc-msc.yaml", "added"),
    ]
    assert files[0]["changes"][0]["label"] == "Spec deleted"
    assert [c["label"] for c in files[1]["changes"]] == ["Enrollment 10 → 12 (estimated)"]
    assert files[2]["changes"][0]["after"].startswith("The Safety and Effects of Mesenchymal")


def test_clean_tree_has_no_changes(repo: Path) -> None:
    code, out = run("diff", "--base", "HEAD", "--exit-code")
    assert code == 0
    assert out == ("specs/covid19-uc-msc.yaml: no changes\nspecs/lupus-uc-msc.yaml: no changes\n")


def test_deleted_spec_named_explicitly(repo: Path) -> None:
    (repo / "specs" / "lupus-uc-msc.yaml").unlink()
    code, out = run("diff", "--base", "HEAD", "specs/lupus-uc-msc.yaml")
    assert code == 0
    assert out.startswith("HEAD:specs/lupus-uc-msc.yaml (deleted): 1 change, 1 substantial\n")


def test_unknown_revision_exits_two(repo: Path) -> None:
    code, out = run("diff", "--base", "no-such-rev")
    assert code == 2
    assert "unknown revision 'no-such-rev'" in out
    assert run("diff", "--base", "--output=x")[0] == 2


def test_outside_a_repository_exits_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(outside)
    code, out = run("diff", "--base", "HEAD")
    assert code == 2
    assert "not inside a git repository" in out


def test_spec_broken_at_the_revision_names_it(repo: Path) -> None:
    lupus = repo / "specs" / "lupus-uc-msc.yaml"
    good = lupus.read_text()
    lupus.write_text(good + "oops: [unclosed\n")
    git(repo, "commit", "-q", "-am", "broken")
    lupus.write_text(good)
    code, out = run("diff", "--base", "HEAD", "specs")
    assert code == 2
    assert "HEAD:specs/lupus-uc-msc.yaml:" in out and "YAML syntax error" in out
