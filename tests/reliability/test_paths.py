"""Hostile paths and file-system faults for ``build`` / ``render`` (issue §2).

Each test snapshots the folder *around* the output folder before and after the run and
asserts that nothing outside ``out/`` changed.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC
from tests.reliability.helpers import check_tree, snapshot

FAST = ["--to", "md,html,txt", "-j", "1"]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    (tmp_path / "specs").mkdir()
    path = tmp_path / "specs" / "trial.yaml"
    path.write_text(MINIMAL_SPEC, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("stem", "slug"),
    [("a..b", "a-b"), ("trial..", "trial"), ("CON", "con-trial"), ("index", "index-trial"),
     ("-rf", "rf"), ("a b\tc", "a-b-c"), ("\u202eevil", "evil"), ("x" * 200, "x" * 64)],
)
def test_hostile_spec_file_names_stay_inside_out(tmp_path: Path, stem: str, slug: str) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / f"{stem}.yaml").write_text(MINIMAL_SPEC, encoding="utf-8")
    before = snapshot(tmp_path)
    code, _ = invoke("build", str(tmp_path / "specs"), "-o", str(tmp_path / "out"), *FAST)
    assert code == 0
    assert (tmp_path / "out" / slug / "summary.md").is_file()
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("out")} == before


def test_trial_ids_that_look_like_paths_are_only_text(spec: Path, tmp_path: Path) -> None:
    """Ids inside the spec never name a file: only the spec's file name does."""
    text = MINIMAL_SPEC.replace(
        "brief_title: Minimal trial",
        "brief_title: ../../etc/passwd\n  sponsor_protocol_id: /etc/passwd\x85../..\\\\x",
    )
    spec.write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    code, output = invoke("render", str(spec), "-o", str(tmp_path / "out"), *FAST)
    assert code in (0, 1), output
    assert {k for k in snapshot(tmp_path) if not k.startswith("out")} == set(before)


def test_spec_path_with_dot_dot_is_named_by_its_stem(spec: Path, tmp_path: Path) -> None:
    indirect = f"{spec.parent}/../specs/../specs/{spec.name}"
    code, _ = invoke("render", indirect, "-o", str(tmp_path / "out"), *FAST)
    assert code == 0 and (tmp_path / "out" / "trial" / "summary.md").is_file()
    dots = spec.parent / "....yaml"  # stem "..": discovery skips it in a folder, not by name
    dots.write_text(MINIMAL_SPEC)
    code, _ = invoke("render", str(dots), "-o", str(tmp_path / "out2"), *FAST)
    assert code == 0 and (tmp_path / "out2" / "trial" / "summary.md").is_file()


def test_nul_in_the_output_path_is_a_clear_error(spec: Path, tmp_path: Path) -> None:
    code, output = invoke("render", str(spec), "-o", f"{tmp_path}/o\x00ut", *FAST)
    assert code == 2 and "NUL byte" in output


def test_output_folder_given_as_a_symlink_is_followed(spec: Path, tmp_path: Path) -> None:
    """``-o link`` where the user made ``link`` point at a folder: legitimate, followed."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    code, _ = invoke("build", str(spec.parent), "-o", str(tmp_path / "link"), *FAST)
    assert code == 0 and (real / "trial" / "summary.html").is_file()
    assert (tmp_path / "link").is_symlink()


def test_symlinked_trial_folder_inside_out_is_refused(spec: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "summary.md").write_text("not yours")
    out = tmp_path / "out"
    out.mkdir()
    (out / "trial").symlink_to(outside, target_is_directory=True)
    before = snapshot(tmp_path)
    code, output = invoke("build", str(spec.parent), "-o", str(out), *FAST)
    assert code == 2 and "is a symbolic link" in output
    assert snapshot(tmp_path) == before  # nothing written or deleted, in or out of out/
    # Same when the spec has errors (its stale outputs would be deleted through the link).
    spec.write_text(MINIMAL_SPEC.replace("overall: COMPLETED", "overall: DONE"))
    before = snapshot(tmp_path)
    code, output = invoke("build", str(spec.parent), "-o", str(out), *FAST)
    assert code == 2 and snapshot(tmp_path) == before


@pytest.mark.parametrize("name", ["summary.html", "index.html", ".protocolgen-cache.json"])
def test_symlinked_output_file_is_replaced_not_followed(
    spec: Path, tmp_path: Path, name: str
) -> None:
    """``os.replace`` onto a link replaces the link: the file it pointed at is untouched."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    where = out / "trial" / name if name.startswith("summary") else out / name
    where.parent.mkdir(parents=True)
    where.symlink_to(victim)
    code, _ = invoke("build", str(spec.parent), "-o", str(out), *FAST)
    assert code == 0
    assert victim.read_text() == "precious"
    assert not where.is_symlink() and where.is_file()


def test_symlink_to_dev_zero_as_a_cached_output_is_not_read(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("build", str(spec.parent), "-o", str(out), *FAST)[0] == 0
    (out / "trial" / "summary.md").unlink()
    (out / "trial" / "summary.md").symlink_to("/dev/zero")  # a read would never end
    code, output = invoke("build", str(spec.parent), "-o", str(out), *FAST)
    assert code == 0 and "Rendered 1 of 1" in output
    assert not (out / "trial" / "summary.md").is_symlink()


def test_read_only_output_folder_is_a_clear_error(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("render", str(spec), "-o", str(out), *FAST)[0] == 0
    before = snapshot(tmp_path)
    # Root ignores permission bits: there the folders are made immutable (chattr +i).
    root = os.geteuid() == 0
    if root and (not shutil.which("chattr") or subprocess.run(
        ["chattr", "+i", str(out), str(out / "trial")], check=False).returncode):
        pytest.skip("running as root without chattr +i support")
    if not root:
        for folder in (out, out / "trial"):
            folder.chmod(0o555)
    try:
        code, output = invoke("render", str(spec), "-o", str(out), *FAST, "--no-cache")
    finally:
        if root:
            subprocess.run(["chattr", "-i", str(out), str(out / "trial")], check=True)
        for folder in (out, out / "trial"):
            folder.chmod(0o755)
    assert code == 2, output
    assert "cannot write" in output and "Traceback" not in output
    assert "Permission denied" in output or "Operation not permitted" in output
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk_is_a_clear_error_and_keeps_old_outputs(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    out = tmp_path / "out"
    assert invoke("render", str(spec), "-o", str(out), *FAST)[0] == 0
    before = snapshot(tmp_path)
    spec.write_text(MINIMAL_SPEC.replace("Minimal trial", "Changed trial"))
    before["specs/trial.yaml"] = snapshot(tmp_path)["specs/trial.yaml"]

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "fsync":
        monkeypatch.setattr(os, "fsync", full)
    else:
        real = tempfile.NamedTemporaryFile

        def opened(*args: object, **kwargs: object) -> object:
            handle = real(*args, **kwargs)  # type: ignore[call-overload]
            handle.write = full
            return handle

        monkeypatch.setattr(tempfile, "NamedTemporaryFile", opened)
    code, output = invoke("render", str(spec), "-o", str(out), *FAST)
    assert code == 2 and "No space left on device" in output
    assert snapshot(tmp_path) == before  # old outputs intact, no temporary file left
    assert check_tree(out) == []
