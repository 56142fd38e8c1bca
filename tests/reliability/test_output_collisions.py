"""Class 5 (docs/reliability.md): outputs never overwrite each other. Folder names are
chosen among all specs of the tree (also with --changed-since), a collision stops the run
naming both specs, and the cache key covers templates reached through linked folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC, git

FAST = ["--to", "md", "-j", "1"]


def build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", *args, *FAST], catch_exceptions=False)
    return result.exit_code, result.output


def spec(title: str) -> str:
    return MINIMAL_SPEC.replace("Minimal trial", title)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    (root / "specs" / "a").mkdir(parents=True)
    (root / "specs" / "a" / "trial.yaml").write_text(spec("Trial A"))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "specs")
    monkeypatch.chdir(root)
    return root


def test_changed_since_sees_the_collision_with_an_unchanged_spec(repo: Path) -> None:
    assert build("specs", "-o", "out")[0] == 0
    before = (repo / "out" / "trial" / "summary.md").read_text()
    (repo / "specs" / "b").mkdir()
    (repo / "specs" / "b" / "trial.yaml").write_text(spec("Trial B"))  # new in the branch
    code, output = build("specs", "-o", "out", "--changed-since", "HEAD")
    assert code == 2
    assert "specs/a/trial.yaml and specs/b/trial.yaml would both be rendered" in output
    assert (repo / "out" / "trial" / "summary.md").read_text() == before
    assert "Trial A" in (repo / "out" / "index.html").read_text()


def test_changed_since_renders_only_changed_specs_into_their_own_folders(repo: Path) -> None:
    (repo / "specs" / "b").mkdir()
    (repo / "specs" / "b" / "other.yaml").write_text(spec("Trial B"))
    code, output = build("specs", "-o", "out", "--changed-since", "HEAD")
    assert code == 0, output
    assert sorted(p.name for p in (repo / "out").iterdir() if p.is_dir()) == ["other"]


def test_names_that_slugify_alike_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "ra-uc-msc.yaml").write_text(spec("The real trial"))
    (tmp_path / "specs" / "RA UC MSC.yaml").write_text(spec("An impostor"))
    code, output = build(str(tmp_path / "specs"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "RA UC MSC.yaml and " in output and "ra-uc-msc.yaml would both be rendered" in output
    assert not (tmp_path / "out" / "ra-uc-msc").exists()


def test_cache_key_covers_templates_in_a_linked_folder(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "note.j2").write_text("Note: first\n")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "parts").symlink_to(shared, target_is_directory=True)
    (templates / "summary.md.j2").write_text("# {{ s.title }}\n{% include 'parts/note.j2' %}")
    (templates / "loop").symlink_to(templates, target_is_directory=True)  # must not hang
    (tmp_path / "t.yaml").write_text(MINIMAL_SPEC)
    out = tmp_path / "out"
    args = [str(tmp_path / "t.yaml"), "-o", str(out), "--templates", str(templates)]
    assert build(*args)[0] == 0
    assert "Note: first" in (out / "t" / "summary.md").read_text()
    (shared / "note.j2").write_text("Note: second\n")
    code, output = build(*args)
    assert code == 0 and "up to date" not in output
    assert "Note: second" in (out / "t" / "summary.md").read_text()
