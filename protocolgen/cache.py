"""Incremental builds: the content-hash cache in ``out/`` and ``--changed-since REV``.

A spec is rendered again only when its cache key changes. The key is a SHA-256 over
everything that can change its outputs: the spec text, every file on the template search
path (a user ``--templates`` directory included), the formats, the protocolgen version and
source code, the effective configuration and the spec's findings. Findings go in because
rules compare dates with today, so the same spec can gain a finding overnight and its draft
box must show it. The source code goes in because a development checkout changes the view
model without changing the version number.

``out/.protocolgen-cache.json`` maps each slug to its key and the SHA-256 of every file it
wrote. A spec counts as up to date only when the key matches *and* each recorded file still
exists with its recorded hash, so a deleted or hand-edited output is rendered again. A
missing, unreadable or older-format manifest is simply an empty cache: a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from protocolgen import __version__, api, config
from protocolgen.diagnostics import Diagnostic
from protocolgen.errors import OutputError, TemplateError
from protocolgen.git import in_repo, resolve, text
from protocolgen.render import OUTPUT_NAMES
from protocolgen.render.output import write_atomic

MANIFEST = ".protocolgen-cache.json"
_PACKAGE = Path(__file__).resolve().parent
#: Goes up when the manifest's shape or the key's ingredients change meaning.
VERSION = 1


@dataclass(frozen=True)
class Entry:
    """What the manifest records for one slug: the cache key and each output's SHA-256."""

    key: str
    outputs: dict[str, str] = field(default_factory=dict)


def digest(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def run_context(formats: Sequence[str], dirs: Sequence[Path]) -> str:
    """The part of every key shared by the whole run: version, code, formats and templates.

    Each template file counts with its position on the search path and its relative name, so
    adding an override in ``--templates`` (same name, new place) changes the key too. Every
    file Jinja could load counts, also through a symbolic link to a folder (which
    ``Path.rglob`` would not enter).
    """
    sha = hashlib.sha256(f"{VERSION}\0{__version__}\0{','.join(formats)}\0".encode())
    for number, folder in enumerate([_PACKAGE, *dirs]):
        for name, path in _reachable_files(folder):
            if path.suffix == ".pyc":  # compiled copies of the sources hashed beside them
                continue
            sha.update(f"{number}\0{name}\0".encode())
            sha.update(digest(path.read_bytes()).encode())
    return sha.hexdigest()


#: Most files hashed below one template folder (a link to ``/`` must not walk the disk).
MAX_TEMPLATE_FILES = 5_000


def _reachable_files(folder: Path) -> list[tuple[str, Path]]:
    """(relative name, path) of every regular file below ``folder``, links followed once."""
    found: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:  # a link back up, or a second link to the same folder
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        for name in files:
            path = Path(top) / name
            if path.is_file():  # regular file, or a link to one (never a FIFO or device)
                found.append((path.relative_to(folder).as_posix(), path))
        if len(found) > MAX_TEMPLATE_FILES:
            raise TemplateError(f"the template folder {folder} holds more than "
                                f"{MAX_TEMPLATE_FILES} files (through links); give a smaller one")
    return sorted(found)


def spec_key(context: str, source: str, text: str, findings: Iterable[Diagnostic]) -> str:
    """The cache key of one spec (see the module docstring for what goes in)."""
    settings = config.resolve(source)
    effective = {
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "severity": {code: s.label for code, s in sorted(settings.severity.items())},
        "profiles": list(settings.profiles),
    }
    ordered = sorted(json.dumps(d.to_dict(), sort_keys=True) for d in findings)
    payload = json.dumps([context, effective, ordered], sort_keys=True)
    return digest(payload.encode("utf-8") + b"\0" + text.encode("utf-8"))


def _regular(path: Path) -> bool:
    """Whether ``path`` is a plain file, not a link (to a file outside ``out/``, to
    ``/dev/zero``, …) or a FIFO that a read would follow or block on."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def up_to_date(entry: Entry, key: str, folder: Path) -> bool:
    """Whether ``folder`` still holds exactly the outputs recorded under the same ``key``."""
    if entry.key != key or not entry.outputs:
        return False
    for name, recorded in entry.outputs.items():
        path = folder / name
        try:
            if not _regular(path) or digest(path.read_bytes()) != recorded:
                return False  # a planted link is replaced by the file when rendered again
        except OSError:  # deleted (or unreadable): render it again
            return False
    return True


def remove_outputs(folder: Path) -> list[str]:
    """Delete the outputs protocolgen writes (only those names) from ``folder``.

    Called for a spec that now has errors, so an earlier run's summaries cannot be mistaken
    for current ones. Other files are left alone; the folder goes only when it is empty.
    """
    removed = []
    for name in OUTPUT_NAMES.values():
        path = folder / name
        if path.is_file() or path.is_symlink():  # unlink removes a link, not its target
            try:
                path.unlink()
            except OSError as exc:
                raise OutputError(f"cannot remove the stale output {path}: {exc}") from exc
            removed.append(name)
    if removed and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return removed


class Manifest:
    """``out/.protocolgen-cache.json``: slug → :class:`Entry`, read once and written once."""

    def __init__(self, out_dir: Path, entries: dict[str, Entry] | None = None) -> None:
        self.path = out_dir / MANIFEST
        self.entries = dict(entries or {})

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The manifest in ``out_dir``; anything unreadable is an empty cache (a full build)."""
        if not _regular(out_dir / MANIFEST):  # missing, or a link / FIFO planted there
            return cls(out_dir)
        try:
            raw = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
            if raw.get("format") != "protocolgen-cache" or raw.get("version") != VERSION:
                return cls(out_dir)
            specs = raw["specs"]
            entries = {
                str(slug): Entry(str(e["key"]), {str(k): str(v) for k, v in e["outputs"].items()})
                for slug, e in specs.items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(out_dir)
        return cls(out_dir, entries)

    def update(self, outcomes: Iterable[tuple[str, Entry | None]]) -> None:
        """Record each slug's new entry (None: not rendered, forget it) and save if changed.

        Slugs not in ``outcomes`` keep their entries, so rendering a few specs into a shared
        folder does not make the others' outputs look stale.
        """
        changed = False
        for slug, entry in outcomes:
            old = self.entries.pop(slug, None)
            if entry is not None:
                self.entries[slug] = entry
            changed |= old != entry
        if changed:
            self.save()

    def save(self) -> None:
        """Write the manifest atomically (through :func:`write_atomic`)."""
        specs = {
            slug: {"key": e.key, "outputs": dict(sorted(e.outputs.items()))}
            for slug, e in sorted(self.entries.items())
        }
        body = {"format": "protocolgen-cache", "version": VERSION, "specs": specs}
        write_atomic(self.path, json.dumps(body, indent=1, sort_keys=True) + "\n")


def changed_since(rev: str, sources: Sequence[str], *, cwd: Path | None = None) -> list[str]:
    """The specs among ``sources`` that differ from git revision ``rev`` or are untracked.

    Git runs read-only, with a list argv and no shell. Outside a repository, for an unknown
    revision or a spec outside the repository, :class:`GitError` (exit code 2) is raised.
    """
    here = (cwd or Path.cwd()).resolve()
    top, commit = resolve(rev, here)
    # Renames count as an added file, so a moved spec is rendered under its new name.
    diffed = text(["diff", "--name-only", "--no-renames", "-z", commit, "--"], top,
                  "git diff failed")
    untracked = text(["ls-files", "--others", "--exclude-standard", "-z"], top, "git failed")
    changed = {p for p in (diffed + "\0" + untracked).split("\0") if p}
    picked = []
    for source in sources:
        if source == api.STDIN:
            picked.append(source)  # standard input is never in git: always "changed"
            continue
        if in_repo(here / source, top).as_posix() in changed:
            picked.append(source)
    return picked

