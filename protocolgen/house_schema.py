"""Validate a spec against a "house" JSON Schema its modeline names, treating it as hostile.

The schema comes with the pull request, so it is read and used under limits:

* only a regular file inside the project, read through :func:`protocolgen.project.read_inside`
  with the spec size limit;
* no retrieval of any kind: ``$ref`` is resolved by a ``referencing`` registry whose
  ``retrieve`` refuses, so a reference to ``http(s)://``, ``file://`` or another file (also
  one made absolute by an ``http`` ``$id``) is a finding naming the URI, never a request;
* a time budget (:data:`BUDGET_SECONDS`, enforced with a timer signal where protocolgen runs
  in the main thread, as the CLI and its workers do) against catastrophic patterns and
  ``$ref`` explosions, a cap of :data:`MAX_FINDINGS` violations, and nesting too deep for
  Python's recursion limit reported instead of raised.

Violations are worded as the packaged schema's are (:func:`protocolgen.schema.translate`),
under code PG107; a schema that cannot be used is a PG018 warning saying why.
"""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.ecma_regex import ecma_validator
from protocolgen.loading import Document
from protocolgen.schema import translate

#: Wall-clock budget for loading a house schema and validating one spec against it.
BUDGET_SECONDS = 2.0
#: At most this many PG107 findings per spec; a note says when more were left out.
MAX_FINDINGS = 100


class Unusable(Exception):
    """The house schema cannot be used; the message says why (a PG018 warning)."""


class _OutOfTime(Exception):
    pass


#: Schemas (by content) that ran out of time in this process, with the reason: a run of many
#: specs under one hostile schema pays the budget once, not once per spec.
_OUT_OF_TIME: dict[bytes, str] = {}


def violations(doc: Document, raw: bytes, shown: str) -> list[Diagnostic]:
    """PG107 findings of ``doc`` against the schema in ``raw`` (named ``shown`` in messages).

    Raises :class:`Unusable` when the schema cannot be read, refers to something outside
    itself, or does not finish within the budget.
    """
    if raw in _OUT_OF_TIME:  # one spec ran out of time: do not spend the budget per spec
        raise Unusable(_OUT_OF_TIME[raw] + " (for an earlier spec of this run)")
    refused: list[str] = []
    found: list[Diagnostic] = []
    try:
        with _deadline(BUDGET_SECONDS):
            cls, schema = _schema(raw)
            for error in cls(schema, registry=_registry(refused)).iter_errors(doc.data):
                if len(found) >= MAX_FINDINGS:
                    found.append(_more(doc, shown))
                    break
                for d in translate(doc, error):
                    found.append(Diagnostic(
                        d.path, d.line, d.column, "PG107", Severity.ERROR,
                        f"breaks the schema named in the modeline ({shown}): {d.message}",
                        d.hint, d.pointer,
                    ))
    except Unusable:
        raise
    except _OutOfTime as exc:
        if len(_OUT_OF_TIME) >= 16:  # a bounded memory, like the lru_cache of _schema
            _OUT_OF_TIME.clear()
        _OUT_OF_TIME[raw] = (f"checking the spec against it took longer than "
                             f"{BUDGET_SECONDS:g} s (a catastrophic pattern or a $ref explosion?)")
        raise Unusable(_OUT_OF_TIME[raw]) from exc
    except RecursionError as exc:
        raise Unusable("it nests or refers to itself too deeply to be checked") from exc
    except Exception as exc:  # a hostile schema: whatever jsonschema raises is a finding
        if refused:
            raise Unusable(f"it refers to {refused[0]}, and protocolgen never fetches or reads "
                           "schemas it is not given") from exc
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise Unusable(message[:200]) from exc
    return found


@lru_cache(maxsize=16)
def _schema(raw: bytes) -> tuple[Any, Any]:
    """The validator class and checked schema in ``raw`` (loaded once per distinct schema)."""
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import SchemaError

    try:
        schema = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, too many digits
        raise Unusable(f"it is not JSON: {exc}") from exc
    if not isinstance(schema, (dict, bool)):
        raise Unusable("the file is not a JSON Schema object")
    cls = ecma_validator(validators.validator_for(schema, default=Draft202012Validator))
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        raise Unusable(f"it is not a valid JSON Schema: {exc.message}") from exc
    return cls, schema


def _registry(refused: list[str]) -> Any:
    from referencing import Registry
    from referencing.exceptions import NoSuchResource

    def retrieve(uri: str) -> Any:
        refused.append(uri)
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]

    return Registry(retrieve=retrieve)  # type: ignore[call-arg]


def _more(doc: Document, shown: str) -> Diagnostic:
    return Diagnostic(doc.path, 1, 1, "PG107", Severity.ERROR,
                      f"more violations of the schema named in the modeline ({shown}) "
                      f"were left out after the first {MAX_FINDINGS}", "")


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`_OutOfTime` in the block after ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

