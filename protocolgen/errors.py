"""The one exception family for "protocolgen cannot go on".

Problems in a spec are never raised: they are :class:`~protocolgen.diagnostics.Diagnostic`
values. These exceptions are for broken invocations and environments. Each is a
``click.ClickException``, so the CLI prints the message and exits with code 2 without any
command needing its own ``try``/``except``.
"""

from __future__ import annotations

import click

from protocolgen.quoting import visible


class ProtocolgenError(click.ClickException):
    """Base class: the tool cannot go on. Exit code 2."""

    exit_code = 2

    def format_message(self) -> str:
        # Messages quote paths and template text: never let them print a control sequence
        # or start a new line (docs/reliability.md, class 2).
        return visible(self.message)


class InputError(ProtocolgenError):
    """Raised when a path given on the command line cannot be read at all."""


class ConfigError(ProtocolgenError):
    """Raised when configuration (``[tool.protocolgen]``, ``protocolgen.toml``) is invalid."""


class TemplateError(ProtocolgenError):
    """Raised when a template cannot be loaded or rendered (a typo in a custom template)."""


class OutputError(ProtocolgenError):
    """Raised when an output file or directory cannot be written."""
