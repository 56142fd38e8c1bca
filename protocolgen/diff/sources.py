"""Where the two versions come from: two files, or a git revision against the working tree.

Git is run as a subprocess with a list argv (never a shell) and only reads: ``rev-parse`` to
find the repository and check the revision, ``ls-tree`` to list the specs at the revision,
``show REV:path`` for their content. Specs are parsed with the normal loader, so a spec that
is parseable but schema-invalid is still compared; one that does not parse stops the run.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from protocolgen import api
from protocolgen.diff.model import ADDED, REMOVED, Change, FileDiff, diff_specs
from protocolgen.errors import ProtocolgenError
from protocolgen.git import GitError, in_repo, resolve, run
from protocolgen.loading import LoadResult, load_bytes, load_path


class SpecLoadError(ProtocolgenError):
    """Raised when one of the specs to compare cannot be read or parsed (YAML syntax)."""


def diff_files(old: str, new: str) -> FileDiff:
    """Compare the spec files ``old`` and ``new`` (``-`` reads one of them from stdin)."""
    return FileDiff(old, new, diff_specs(_data(api.load(old)), _data(api.load(new))))


def diff_base(rev: str, paths: list[str], *, cwd: Path | None = None) -> list[FileDiff]:
    """Compare every spec under ``paths`` as it was at ``rev`` with the working tree.

    Specs that exist on one side only are reported as added or deleted. Paths are relative to
    ``cwd`` (default: the current directory) and must lie inside its git repository.
    """
    here = (cwd or Path.cwd()).resolve()
    top, commit = resolve(rev, here)
    scopes = [in_repo(here / p, top) for p in (paths or ["."])]
    listed = run(
        ["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit],
        top,
        f"cannot list the files at '{rev}'",
    ).decode("utf-8", "replace")
    before = {p for p in listed.split("\0") if p and _wanted(PurePosixPath(p), scopes)}
    now = {
        in_repo(Path(p), top).as_posix()
        for p in api.discover([str(top / s) for s in scopes if (top / s).exists()])
    }
    missing = [s for s in scopes if not (top / s).exists() and not _has(before, s)]
    if missing:
        raise GitError(f"no such file or directory here or at '{rev}': {missing[0]}")
    diffs = []
    for path in sorted(before | now):
        shown = f"{rev}:{path}"
        old = (
            _data(
                load_bytes(run(["show", f"{commit}:{path}"], top, f"cannot read {shown}"), shown)
            )
            if path in before
            else None
        )
        new = _data(load_path(top / path, path)) if path in now else None
        diffs.append(_compare(shown, old, path, new))
    return diffs


def _compare(
    old_name: str, old: dict[str, Any] | None, new_name: str, new: dict[str, Any] | None
) -> FileDiff:
    if old is not None and new is not None:
        return FileDiff(old_name, new_name, diff_specs(old, new))
    # A whole spec added or deleted is one row, so every format and --exit-code see it.
    title = _title(new if new is not None else old)
    if old is None:
        return FileDiff(None, new_name, [Change("Spec", "Spec added", "", title, True, "", ADDED)])
    row = Change("Spec", "Spec deleted", title, "", True, "", REMOVED)
    return FileDiff(old_name, None, [row])


def _title(spec: dict[str, Any] | None) -> str:
    ident = (spec or {}).get("identification")
    title = ident.get("brief_title") if isinstance(ident, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else "(untitled)"


def _data(loaded: LoadResult) -> dict[str, Any]:
    """The spec's data, or :class:`SpecLoadError` naming the file and the first finding."""
    doc = loaded.document
    if doc is None or not isinstance(doc.data, dict):
        first = loaded.diagnostics[0] if loaded.diagnostics else None
        if first is None:
            raise SpecLoadError(f"{doc.path if doc else 'spec'}: cannot load the spec")
        raise SpecLoadError(
            f"{first.path}:{first.line}:{first.column}: {first.code} {first.message}"
            " (fix it before comparing; 'protocolgen validate' shows every finding)"
        )
    return doc.data


def _wanted(path: PurePosixPath, scopes: list[PurePosixPath]) -> bool:
    """A spec at ``path`` (repo-relative) lies under one of ``scopes`` and is not hidden."""
    if path.suffix not in api.SPEC_SUFFIXES:
        return False
    for scope in scopes:
        if path == scope:
            return True
        if scope == PurePosixPath(".") or scope in path.parents:
            below = path.relative_to(scope) if scope != PurePosixPath(".") else path
            if not any(part.startswith(".") for part in below.parts):
                return True
    return False


def _has(listed: set[str], scope: PurePosixPath) -> bool:
    return any(_wanted(PurePosixPath(p), [scope]) for p in listed)
