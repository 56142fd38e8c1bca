"""Shared checks for the reliability tests: run protocolgen in a subprocess, snapshot a
folder tree, and assert that every output under its final name is complete."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pypdf

from protocolgen import cache

ROOT = Path(__file__).resolve().parents[2]
#: Temporary files of write_atomic: ``.<name>.<random>.tmp``.
TEMP = re.compile(r"^\..+\.tmp$")


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "protocolgen", *args]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def run(
    *args: str, cwd: Path | None = None, timeout: float = 60, user: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m protocolgen ARGS`` to completion (as ``user`` when given; needs root)."""
    return subprocess.run(
        command(*args), cwd=cwd, env=env(), capture_output=True, text=True, timeout=timeout,
        check=False, user=user,
    )


def start(*args: str, cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """``python -m protocolgen ARGS`` in its own process group (for killpg)."""
    return subprocess.Popen(
        command(*args), cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    )


def snapshot(root: Path) -> dict[str, str]:
    """Every path below ``root`` (links not followed) → its kind and content hash."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[rel] = "dir"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.closed: list[str] = []

    def handle_endtag(self, tag: str) -> None:
        self.closed.append(tag)


def check_file(path: Path) -> None:
    """``path`` is a complete output: text ends its last line, HTML closes ``</html>``,
    a PDF opens with pypdf and has pages, the manifest is JSON."""
    data = path.read_bytes()
    assert data, f"{path} is empty"
    if path.suffix in (".md", ".txt"):
        assert data.decode("utf-8").endswith("\n"), f"{path} is cut short"
    elif path.suffix == ".html":
        parser = _Html()
        parser.feed(data.decode("utf-8"))
        parser.close()
        assert parser.closed[-1:] == ["html"], f"{path} is cut short"
    elif path.suffix == ".pdf":
        reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
        assert len(reader.pages) >= 1, path
    elif path.name == cache.MANIFEST:
        assert json.loads(data)["format"] == "protocolgen-cache"


def check_tree(out: Path) -> list[Path]:
    """Check every output in ``out``; return the temporary files found (not checked)."""
    temps = []
    for path in sorted(out.rglob("*")):
        if path.is_dir():
            continue
        if TEMP.match(path.name):
            temps.append(path)
        else:
            check_file(path)
    return temps


def check_manifest(out: Path) -> None:
    """Every entry of the cache manifest names files that exist with the recorded hash."""
    manifest = json.loads((out / cache.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["specs"], manifest
    for slug, entry in manifest["specs"].items():
        for name, recorded in entry["outputs"].items():
            assert cache.digest((out / slug / name).read_bytes()) == recorded, (slug, name)
