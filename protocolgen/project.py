"""The project a spec belongs to, and reading files inside it without trusting them.

A spec in a pull request may name other files (a modeline's house schema) or be a symbolic
link itself. protocolgen reads such files only when they are regular files inside the
project, through one bounded reader: never a device (``/dev/zero``), a FIFO (which blocks),
or a link that leaves the project (docs/reliability.md, classes 1 and 7).

The project root of a path is the nearest folder at or above it that holds ``.git`` (the
repository's top level); outside a repository, the nearest one with a ``pyproject.toml``,
then the nearest one keeping the trial schema in ``schemas/trial.schema.json`` (a project
``protocolgen new`` writes relative modelines for); without any, the working directory when
the path is below it, else the path's own folder. Configuration discovery stops there too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: What marks the top of a project, in order: a git work tree; outside one, a Python project;
#: else a folder keeping the trial schema beside its specs.
MARKERS = (".git", "pyproject.toml", "schemas/trial.schema.json")


class Refused(Exception):
    """A file protocolgen will not read; the message says why, for a finding."""


def root_of(folder: Path) -> Path:
    """The project root for ``folder`` (an absolute, resolved directory; see module doc)."""
    for marker in MARKERS:
        for candidate in (folder, *folder.parents):
            if os.path.lexists(candidate / marker):
                return candidate
    cwd = Path.cwd().resolve()
    return cwd if folder.is_relative_to(cwd) else folder


def inside(path: Path, root: Path) -> Path:
    """``path`` with every link followed, when that is inside ``root``; else :class:`Refused`."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # missing, or a loop of links (RuntimeError < 3.13)
        raise Refused(getattr(exc, "strerror", None) or "a loop of symbolic links") from exc
    if not real.is_relative_to(root.resolve()):
        link = " (through a symbolic link)" if real != path.absolute() else ""
        raise Refused(f"it is outside the project {root}{link}")
    return real


def leaves_project(path: Path) -> str | None:
    """Why the file at ``path`` is refused when a link takes it outside its project, else None.

    The project is the one of the folder ``path`` is named in (before links are followed).
    """
    named = os.path.abspath(path)
    if os.path.realpath(named) == named:
        # No link anywhere on the way: the file is in the folder it is named in, and that
        # folder is at or below its project root (one realpath instead of a root search).
        return None
    folder = Path(named).parent
    try:
        real = path.resolve(strict=True)
        root = root_of(folder).resolve()
    except (OSError, RuntimeError):
        return None  # missing or a loop: reading it reports that
    if real.is_relative_to(root):
        return None
    return f"it is a symbolic link to {real}, outside the project {root}"


def read_inside(path: Path, root: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, inside ``root``, at most ``limit`` of them.

    Opened without blocking (a FIFO with no writer would wait forever) and checked with
    ``fstat`` on the open descriptor, so what is read is what was checked.
    """
    real = inside(path, root)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise Refused(exc.strerror or str(exc)) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refused("it is not a regular file")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise Refused(exc.strerror or str(exc)) from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Refused(f"it is larger than the {limit // (1024 * 1024)} MiB limit")
    return data
