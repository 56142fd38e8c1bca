"""Configuration: ``[tool.protocolgen]`` in the nearest ``pyproject.toml``, or ``protocolgen.toml``.

Discovery walks up from the spec's directory and stops at the project root: the git top
level, or outside a repository the first folder with a ``pyproject.toml`` (a file in a
folder above the repository, maybe another user's, never decides). In each directory
``protocolgen.toml`` (settings at its top level) wins over ``pyproject.toml``; inside a
repository a ``pyproject.toml`` without a ``[tool.protocolgen]`` table is passed over, as
ruff and black do. Precedence: command-line
flag → nearest config file → defaults; flags default to None so they never override the
file silently. Mistakes in the file are findings positioned in the file, never exceptions.

    [tool.protocolgen]
    select = ["PG4", "PG5"]        # codes or code prefixes to run (default: all)
    ignore = ["PG422"]             # codes or prefixes not to run
    profiles = ["who-trds"]        # profiles checked by default
    pdf-variant = "pdf/ua-1"       # render/build: PDF/UA-1 or PDF/A-3u synopses
    [tool.protocolgen.severity]
    PG402 = "error"                # error, warning or info
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.project import Refused, read_inside, root_of
from protocolgen.rules.base import RULES

KEYS = ("select", "ignore", "severity", "profiles", "pdf-variant")
#: PDF variants ``pdf-variant`` / ``--pdf-variant`` accept (WeasyPrint's names).
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3u")
_CODE = re.compile(r"^PG\d{1,3}$")
_AT = re.compile(r"at line (\d+), column (\d+)")
_SEVERITIES = {s.label: s for s in Severity}


@dataclass(frozen=True)
class Settings:
    """The effective configuration for one spec, and the findings about the file it came from."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    profiles: tuple[str, ...] = ()
    path: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    pdf_variant: str | None = None

    def enabled(self, code: str) -> bool:
        """Whether findings with ``code`` are reported (loading and schema codes always are)."""
        if code not in RULES:
            return True
        if self.select and not code.startswith(self.select):
            return False
        return not code.startswith(self.ignore) if self.ignore else True


def find(start: Path) -> Path | None:
    """The config file nearest to ``start`` (a directory), walking up no further than the
    project root (:func:`protocolgen.project.root_of`); None when there is none."""
    root = root_of(start)
    for folder in (start, *start.parents):
        own = folder / "protocolgen.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and _has_section(project):
            return project
        if folder == root:
            break
    return None


def _has_section(path: Path) -> bool:
    # Cheap text test first: most pyproject.toml files never mention protocolgen.
    try:
        text = _read(path)
    except (OSError, UnicodeDecodeError):
        return False
    return "tool.protocolgen" in text or re.search(r"^\s*\[tool\]", text, re.M) is not None


@lru_cache(maxsize=64)
def load(path: Path) -> Settings:
    """Read settings from ``path``; problems become PG801-PG803 findings in the result."""
    shown = str(path)
    try:
        text = _read(path)
        parsed = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as e:
        return Settings(path=shown, diagnostics=(_diag(shown, 1, 1, "PG801", str(e)),))
    except (ValueError, RecursionError) as e:  # TOMLDecodeError; an integer over 4300 digits
        at = _AT.search(str(e))
        line, col = (int(at.group(1)), int(at.group(2))) if at else (1, 1)
        message = str(e) if isinstance(e, tomllib.TOMLDecodeError) else f"unreadable value: {e}"
        return Settings(path=shown, diagnostics=(_diag(shown, line, col, "PG801", message),))
    table: Any = parsed
    if path.name == "pyproject.toml":
        tool = parsed.get("tool", {})
        table = tool.get("protocolgen", {}) if isinstance(tool, dict) else {}
    elif isinstance(parsed.get("tool"), dict) and "protocolgen" in parsed["tool"]:
        # The pyproject.toml form in a file that holds settings at its top level.
        line, col = key_position(text, "tool")
        return Settings(path=shown, diagnostics=(_diag(
            shown, line, col, "PG802",
            f"[tool.protocolgen] is read from pyproject.toml only; in {path.name} the "
            "settings go at the top level (remove the [tool.protocolgen] line)",
        ),))
    if not isinstance(table, dict):
        line, col = key_position(text, "protocolgen")
        return Settings(path=shown, diagnostics=(
            _diag(shown, line, col, "PG803", "'tool.protocolgen' must be a table of settings"),
        ))
    return _settings(table, shown, text)


#: Largest configuration file read; a real one is a few hundred bytes.
MAX_CONFIG_BYTES = 1024 * 1024


def _read(path: Path) -> str:
    """The text of the config file at ``path``: a regular file, at most 1 MiB."""
    try:
        raw = read_inside(path, Path(path.anchor), MAX_CONFIG_BYTES)
    except Refused as exc:
        raise OSError(f"cannot read the configuration file: {exc}") from exc
    return raw.decode("utf-8")


def _settings(table: dict[str, Any], shown: str, text: str) -> Settings:
    found: list[Diagnostic] = []

    after = max(text.find("[tool.protocolgen"), 0)

    def report(key: str, code: str, message: str) -> None:
        line, col = key_position(text, key, after)
        found.append(_diag(shown, line, col, code, message))

    for key in table:
        if key not in KEYS:
            report(key, "PG802", f"unknown configuration key '{key}' (known: {', '.join(KEYS)})")
    select = _codes(table.get("select", []), "select", report)
    ignore = _codes(table.get("ignore", []), "ignore", report)
    severity: dict[str, Severity] = {}
    raw = table.get("severity", {})
    if not isinstance(raw, dict):
        report("severity", "PG803", "'severity' must be a table of CODE = \"error|warning|info\"")
        raw = {}
    for code, level in raw.items():
        if code not in RULES:
            report(code, "PG803", f"'{code}' in 'severity' is not a rule code")
        elif not isinstance(level, str) or level not in _SEVERITIES:
            shown_level = f"'{level}'" if isinstance(level, str) else repr(level)
            message = f"severity {shown_level} for {code} is not error, warning or info"
            report(code, "PG803", message)
        else:
            severity[code] = _SEVERITIES[level]
    # Imported here: the profiles package imports the rules, which this module is imported by.
    from protocolgen.profiles import PROFILES

    profiles = table.get("profiles", [])
    if not isinstance(profiles, list) or not all(isinstance(p, str) for p in profiles):
        report("profiles", "PG803", "'profiles' must be a list of profile names")
        profiles = []
    for name in profiles:
        if name not in PROFILES:
            report("profiles", "PG803", f"unknown profile '{name}' (known: {', '.join(PROFILES)})")
    variant = table.get("pdf-variant")
    if variant is not None and variant not in PDF_VARIANTS:
        report("pdf-variant", "PG803",
               f"'pdf-variant' must be one of {', '.join(PDF_VARIANTS)}, not {variant!r}")
        variant = None
    return Settings(
        tuple(select),
        tuple(ignore),
        severity,
        tuple(p for p in profiles if p in PROFILES),
        shown,
        tuple(found),
        variant,
    )


def _codes(value: Any, key: str, report: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report(key, "PG803", f"'{key}' must be a list of rule codes or prefixes")
        return []
    good = []
    for code in value:
        if _CODE.match(code) and any(known.startswith(code) for known in RULES):
            good.append(code)
        else:
            report(key, "PG803", f"'{code}' in '{key}' matches no rule code")
    return good


def key_position(text: str, key: str, after: int = 0) -> tuple[int, int]:
    """Line and column (1-based) where ``key`` is first written in ``text`` from ``after``.

    tomllib keeps no positions, so this looks for the key at the start of an assignment or
    a table header, which is where TOML allows a bare or quoted key to be written.
    """
    pattern = re.compile(
        rf"(?:^\s*|[.\[]\s*)[\"']?{re.escape(key)}[\"']?\s*(?:=|\]|\.)", re.MULTILINE
    )
    match = pattern.search(text, after)
    if not match:
        return 1, 1
    start = text.index(key, match.start())
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def _diag(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    hints = {
        "PG801": "Fix the TOML syntax.",
        "PG802": "Remove the key or correct its spelling (see docs/rules.md#configuration).",
        "PG803": "Correct the value (see docs/rules.md#configuration).",
    }
    return Diagnostic(path, line, col, code, Severity.ERROR, message, hints[code])


def resolve(spec: str | None, explicit: str | None = None) -> Settings:
    """Settings for a spec at ``spec`` (None for standard input: start from the cwd).

    ``explicit`` is a ``--config`` path, used instead of discovery.
    """
    if explicit is not None:
        return load(Path(explicit).resolve())
    start = Path.cwd() if spec is None else Path(spec).resolve().parent
    found = find(start)
    return load(found) if found else Settings()


def merge_profiles(flag: Iterable[str] | None, settings: Settings) -> tuple[str, ...]:
    """The profiles to check: the flag when given, else the config file's default profiles."""
    return tuple(flag) if flag is not None else settings.profiles
