"""Read-only git access for ``diff --base`` and ``build --changed-since``.

Git runs as a subprocess with a list argv, never through a shell, and only reads. A revision
that starts with ``-`` is refused before git could read it as an option.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path, PurePosixPath

from protocolgen.errors import ProtocolgenError


class GitError(ProtocolgenError):
    """Raised outside a git repository, for an unknown revision, or when git fails."""


def run(args: list[str], cwd: Path, failure: str) -> bytes:
    """Git's standard output; a failure is a :class:`GitError` ending with git's last line."""
    git = shutil.which("git")
    if git is None:
        raise GitError("this needs git, and git was not found on PATH")
    try:
        done = subprocess.run([git, *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(failure + (f" ({detail[-1]})" if detail else ""))
    return done.stdout


def text(args: list[str], cwd: Path, failure: str) -> str:
    """Git's standard output as text."""
    return run(args, cwd, failure).decode("utf-8", "replace")


def resolve(rev: str, cwd: Path) -> tuple[Path, str]:
    """The top of the repository containing ``cwd`` and the commit ``rev`` names."""
    if rev.startswith("-"):  # git would read it as an option
        raise GitError(f"unknown revision '{rev}'")
    top = Path(text(["rev-parse", "--show-toplevel"], cwd, "not inside a git repository").strip())
    top = top.resolve()
    spec = f"{rev}^{{commit}}"  # the revision must name a commit, not a blob or a tree
    commit = text(["rev-parse", "--verify", "--quiet", spec], top, f"unknown revision '{rev}'")
    return top, commit.strip()


def in_repo(path: Path, top: Path) -> PurePosixPath:
    """``path`` relative to the repository top, '/'-separated; outside it is a GitError."""
    try:
        return PurePosixPath(path.resolve().relative_to(top).as_posix())
    except ValueError as exc:
        raise GitError(f"{path} is outside the git repository at {top}") from exc
