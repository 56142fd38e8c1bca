"""Findings about a spec: small ordered values, converted to 1-based positions once."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from operator import attrgetter


class Severity(enum.IntEnum):
    """How serious a finding is. Ordered, so ``max()`` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding: where it is, what is wrong, and how to fix it.

    ``line`` and ``column`` are 1-based; ``pointer`` is the JSON pointer of the value the
    finding is about (``""`` for the whole document).
    """

    path: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    hint: str = field(default="", compare=False)
    pointer: str = field(default="", compare=False)

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        code: str,
        severity: Severity,
        message: str,
        hint: str = "",
        pointer: str = "",
    ) -> None:
        # The generated __init__ of a frozen dataclass sets each field through
        # object.__setattr__; one update of the instance dictionary takes half the time,
        # and a batch makes tens of findings per spec.
        self.__dict__.update(
            path=path, line=line, column=column, code=code, severity=severity,
            message=message, hint=hint, pointer=pointer,
        )

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[object, ...]]:
        # Sent back from `validate -j` workers by the thousand: as the field values, half
        # the bytes and half the time of pickling the instance dictionary.
        return Diagnostic, (self.path, self.line, self.column, self.code, self.severity,
                            self.message, self.hint, self.pointer)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "hint": self.hint,
            "pointer": self.pointer,
        }


#: The order of :class:`Diagnostic` (path, line, column, code) as a sort key: sorting with it
#: gives the same order as comparing the findings, computing each key once.
ORDER = attrgetter("path", "line", "column", "code")


@dataclass
class FileReport:
    """Everything found in one spec file."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: True when the file could not be read or decoded at all (exit code 2).
    unreadable: bool = False

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass
class Summary:
    """Counts over a whole run."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    unreadable: int = 0

    def add(self, report: FileReport) -> None:
        """Count one more file's findings."""
        self.files += 1
        for d in report.diagnostics:
            if d.severity is Severity.ERROR:
                self.errors += 1
            elif d.severity is Severity.WARNING:
                self.warnings += 1
            elif d.severity is Severity.INFO:
                self.infos += 1
        self.unreadable += report.unreadable

    @classmethod
    def of(cls, reports: list[FileReport]) -> Summary:
        return cls(
            files=len(reports),
            errors=sum(r.count(Severity.ERROR) for r in reports),
            warnings=sum(r.count(Severity.WARNING) for r in reports),
            infos=sum(r.count(Severity.INFO) for r in reports),
            unreadable=sum(1 for r in reports if r.unreadable),
        )
