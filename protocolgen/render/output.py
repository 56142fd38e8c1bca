"""Writing outputs safely: folder names derived from specs, and atomic file writes.

A trial's output folder is named after its spec file's stem (``specs/ra-uc-msc.yaml`` →
``out/ra-uc-msc/``): every spec has a file name, while ``sponsor_protocol_id`` is optional
and often absent from drafts. The stem is sanitised to lowercase ``[a-z0-9-]``, so no
``../``, absolute path, NUL or device name can ever reach the file system. Two specs whose
slugs collide (``a/trial.yaml`` and ``b/trial.yaml``, or ``RA UC MSC.yaml`` and
``ra-uc-msc.yaml``) stop the run with an error naming both: a numbered suffix would let a new
spec take over the folder (and the published links) of an existing one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePath
from typing import IO

from protocolgen.errors import ConfigError, OutputError
from protocolgen.quoting import visible

#: Longest folder name; long enough for any real protocol id, short for every file system.
MAX_SLUG = 64
#: Names Windows reserves for devices (with any extension), and our own index page.
RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "index"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)


def slugify(name: str) -> str:
    """``"Trial 01 (Ü).yaml"``-like names → ``"trial-01-u"``: lowercase ``[a-z0-9-]`` only."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    if not slug:
        return "trial"
    if slug in RESERVED:
        return f"{slug}-trial"
    return slug


def spec_slug(source: str) -> str:
    """The output folder name of the spec at ``source`` (``-`` is standard input)."""
    if source == "-":
        return "stdin"
    # PurePath.stem drops every directory part, so '../x.yaml' and '/etc/x.yaml' give 'x'.
    return slugify(PurePath(source.replace("\\", "/")).stem)


def unique_slugs(sources: Iterable[str]) -> list[str]:
    """The slug of each source; an :class:`OutputError` naming both specs when two collide.

    Call it with every spec of the run (also under ``--changed-since``), so that which folder
    a spec gets never depends on which other specs changed.
    """
    owners: dict[str, str] = {}
    slugs = []
    for source in sources:
        slug = spec_slug(source)
        if slug in owners:
            raise OutputError(
                f"{visible(owners[slug])} and {visible(source)} would both be rendered into "
                f"'{slug}/' (output folders are named after the spec file); rename one of them"
            )
        owners[slug] = source
        slugs.append(slug)
    return slugs


def ensure_dir(path: Path) -> None:
    """Create ``path`` and its parents; failure is an :class:`OutputError` (exit 2)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        reason = getattr(exc, "strerror", None) or exc
        raise OutputError(f"cannot create the output folder {path!s:.200}: {reason}") from exc


def trial_dir(out_dir: Path, slug: str) -> Path:
    """``out_dir/slug``, refusing a symbolic link planted there.

    ``-o`` itself may be a link (the user chose it), but a link *inside* the output folder
    would make protocolgen write or delete files outside it, so it is an :class:`OutputError`.
    """
    folder = out_dir / slug
    if folder.is_symlink():
        raise OutputError(
            f"{folder} is a symbolic link; protocolgen does not write through links inside "
            "the output folder: remove it and run again"
        )
    return folder


def write_atomic(path: Path, content: bytes | str) -> None:
    """Write ``content`` to ``path`` so readers see the old file or the new one, never half.

    See :func:`atomic_writer`; on any failure an :class:`OutputError` is raised.
    """
    with atomic_writer(path) as handle:
        handle.write(content.encode("utf-8") if isinstance(content, str) else content)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """A binary file to write in pieces that appears at ``path`` whole, when the block ends.

    The bytes go to a temporary file in the same directory (so the rename stays on one file
    system), are flushed to disk, then ``os.replace`` swaps it in. On any failure (or an
    exception in the block) the temporary file is removed; OS errors become
    :class:`OutputError`.
    """
    ensure_dir(path.parent)
    try:
        # Not a `with` here: the file must outlive the block so it can be renamed into place.
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except (OSError, ValueError) as exc:
        raise OutputError(f"cannot write {path!s:.200}: {getattr(exc, 'strerror', exc)}") from exc
    temp = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # NamedTemporaryFile creates 0600; outputs are ordinary shareable documents.
        os.chmod(temp, 0o644)
        # Replaces a symbolic link planted at ``path`` by the file; never writes through it.
        os.replace(temp, path)
    except BaseException as exc:  # also Ctrl-C: no temporary file is left behind
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise


#: ``.<output name>.<random>.tmp``: the temporary files of :func:`write_atomic` that a build
#: killed before its ``os.replace`` leaves behind (a kill cannot run the cleanup above).
_TEMP = re.compile(r"^\.(?P<name>[^/]+)\.[A-Za-z0-9_]{6,}\.tmp$")


def remove_stale_temps(out_dir: Path, names: Iterable[str]) -> list[Path]:
    """Delete the temporary files of an interrupted run for ``names`` in ``out_dir`` and in
    its trial folders; call it only while holding :func:`output_lock`. Returns what went."""
    wanted = set(names)
    removed = []
    folders = [out_dir, *(p for p in out_dir.iterdir() if p.is_dir() and not p.is_symlink())]
    for folder in folders:
        for entry in folder.iterdir():
            match = _TEMP.match(entry.name)
            if match and match["name"] in wanted and not entry.is_symlink() and entry.is_file():
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


#: Descriptors holding an :func:`output_lock` in this process.
_LOCKS: set[int] = set()


def release_inherited_locks() -> None:
    """In a forked worker: close the lock descriptors copied from the parent.

    An ``flock`` lives as long as any copy of its descriptor, so a worker orphaned by a killed
    parent would otherwise keep the next run waiting.
    """
    for fd in list(_LOCKS):
        with contextlib.suppress(OSError):
            os.close(fd)
        _LOCKS.discard(fd)


@contextlib.contextmanager
def output_lock(out_dir: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` (``flock`` on the folder itself, no lock file).

    A second run into the same folder waits (calling ``on_wait`` once) until the first is
    done, so it sees a finished folder and manifest. The lock goes with the process, also
    on SIGKILL. Where ``fcntl`` does not exist (Windows) runs are not serialised.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    ensure_dir(out_dir)
    try:
        fd = os.open(out_dir, os.O_RDONLY)
    except OSError as exc:
        raise OutputError(f"cannot open the output folder {out_dir}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        _LOCKS.add(fd)
        yield
    finally:
        _LOCKS.discard(fd)
        os.close(fd)  # closing the descriptor releases the lock


def build_date() -> str:
    """The build date for the index: from ``SOURCE_DATE_EPOCH`` only, else none at all.

    Outputs never contain "now", so two builds of the same specs are byte-identical;
    reproducible-build tooling sets ``SOURCE_DATE_EPOCH`` when a date should appear.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return ""
    try:
        stamp = dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise ConfigError(f"SOURCE_DATE_EPOCH must be a Unix timestamp, not {raw!r}") from exc
    return stamp.strftime("%Y-%m-%d")
