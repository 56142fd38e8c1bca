"""Class 1 (docs/reliability.md): a house schema named by a modeline never fetches or reads
anything else, is read only from a regular file inside the project, and runs on a budget."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from protocolgen.house_schema import BUDGET_SECONDS
from tests.conftest import MINIMAL_SPEC


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "specs").mkdir()
    (tmp_path / "schemas").mkdir()
    return tmp_path


def _validate(project: Path, schema: Any = None, ref: str = "../schemas/house.json",
              spec: str = MINIMAL_SPEC) -> tuple[int, list[dict[str, Any]], float]:
    if schema is not None:
        text = schema if isinstance(schema, str) else json.dumps(schema)
        (project / "schemas" / "house.json").write_text(text, encoding="utf-8")
    path = project / "specs" / "t.yaml"
    path.write_text(f"# yaml-language-server: $schema={ref}\n{spec}", encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["validate", str(path), "--format", "json"],
                                catch_exceptions=False)
    elapsed = time.perf_counter() - start
    found = json.loads(result.stdout)["files"][0]["diagnostics"]
    return result.exit_code, found, elapsed


class Listener:
    """A TCP server on 127.0.0.1 that accepts and never answers, counting connections."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Any:
    server = Listener()
    yield server
    server.close()


def _only_pg018(found: list[dict[str, Any]], *words: str) -> str:
    codes = [d["code"] for d in found]
    assert codes == ["PG018"], found
    message = str(found[0]["message"])
    assert all(word in message for word in words), message
    return message


def test_ref_to_http_is_never_fetched(project: Path, listener: Listener) -> None:
    url = f"http://127.0.0.1:{listener.port}/x.json"
    code, found, elapsed = _validate(project, {"properties": {"status": {"$ref": url}}})
    assert listener.connections == 0
    _only_pg018(found, url, "never fetches")
    assert code == 0 and elapsed < 5


def test_ref_against_an_http_id_is_never_fetched(project: Path, listener: Listener) -> None:
    base = f"http://127.0.0.1:{listener.port}/house.json"
    schema = {"$id": base, "properties": {"status": {"$ref": "other.json"}}}
    code, found, _ = _validate(project, schema)
    assert listener.connections == 0 and code == 0
    _only_pg018(found, f"http://127.0.0.1:{listener.port}/other.json")


def test_local_refs_under_an_http_id_still_work(project: Path, listener: Listener) -> None:
    schema = {"$id": f"http://127.0.0.1:{listener.port}/h.json",
              "$defs": {"t": {"type": "integer"}},
              "properties": {"spec_version": {"$ref": "#/$defs/t"},
                             "status": {"$ref": "#/$defs/t"}}}
    code, found, _ = _validate(project, schema)
    assert listener.connections == 0 and code == 1
    assert [d["code"] for d in found] == ["PG107"]
    assert "'status' must be a whole number, not a mapping" in found[0]["message"]


def test_file_refs_are_never_read(project: Path) -> None:
    secret = project.parent / "secret.json"
    secret.write_text('{"type": "string"}', encoding="utf-8")
    code, found, _ = _validate(project, {"properties": {"status": {"$ref": secret.as_uri()}}})
    _only_pg018(found, secret.as_uri())
    assert code == 0


@pytest.mark.parametrize("ref", ["/dev/zero", "fifo.json", "../../outside.json", "link.json",
                                 "file:///etc/passwd", "missing.json", "loop.json"])
def test_only_regular_files_inside_the_project(project: Path, ref: str) -> None:
    os.mkfifo(project / "specs" / "fifo.json")
    outside = project.parent / "outside.json"
    outside.write_text('{"required": ["nothing"]}', encoding="utf-8")
    (project / "specs" / "link.json").symlink_to(outside)
    (project / "specs" / "loop.json").symlink_to(project / "specs" / "loop.json")
    code, found, elapsed = _validate(project, ref=ref)
    _only_pg018(found, "cannot be used")
    assert code == 0 and elapsed < 5


def test_a_link_inside_the_project_is_followed(project: Path) -> None:
    (project / "schemas" / "real.json").write_text('{"required": ["acronym"]}', encoding="utf-8")
    (project / "specs" / "house.json").symlink_to(project / "schemas" / "real.json")
    code, found, _ = _validate(project, ref="house.json")
    assert [d["code"] for d in found] == ["PG107"] and code == 1


def test_violations_use_protocolgens_wording(project: Path) -> None:
    schema = {"required": ["acronym"],
              "properties": {"status": {"properties": {"overall": {"enum": ["RECRUITING"]}}}}}
    code, found, _ = _validate(project, schema)
    assert code == 1
    messages = sorted(d["message"] for d in found)
    assert all(d["code"] == "PG107" for d in found)
    assert "'status.overall' must be one of RECRUITING" in messages[0]
    assert "the spec is missing the required key 'acronym'" in messages[1]
    assert "is not one of" not in " ".join(messages)  # not jsonschema's own wording


HOSTILE_SCHEMAS = {
    "catastrophic-pattern": {"properties": {"identification": {"properties": {
        "brief_title": {"pattern": "^(a|a)+$"}}}}},
    "ref-explosion": {
        "$defs": {f"d{i}": {"allOf": [{"$ref": f"#/$defs/d{i - 1}"}] * 2} for i in range(1, 40)}
        | {"d0": {"type": "object"}},
        "$ref": "#/$defs/d39"},
    "recursive-ref": {"$ref": "#"},
    "unresolvable-ref": {"$ref": "#/$defs/nowhere"},
    "100k-deep-json": "[" * 100_000 + "]" * 100_000,
    "huge-integer": '{"maxLength": ' + "9" * 5000 + "}",
    "not-a-schema": {"type": 5},
    "not-json": "{",
}


@pytest.mark.parametrize("name", HOSTILE_SCHEMAS)
def test_hostile_schema_is_a_finding_within_the_budget(project: Path, name: str) -> None:
    spec = MINIMAL_SPEC.replace("Minimal trial", "a" * 40 + "!")
    code, found, elapsed = _validate(project, HOSTILE_SCHEMAS[name], spec=spec)
    _only_pg018(found, "cannot be used")
    assert code == 0
    assert elapsed < BUDGET_SECONDS + 3


def test_a_slow_schema_costs_its_budget_once_per_run(project: Path) -> None:
    (project / "schemas" / "house.json").write_text(json.dumps(HOSTILE_SCHEMAS["ref-explosion"]))
    paths = []
    for n in range(4):
        path = project / "specs" / f"t{n}.yaml"
        path.write_text("# yaml-language-server: $schema=../schemas/house.json\n" + MINIMAL_SPEC)
        paths.append(str(path))
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["validate", *paths, "--format", "json"],
                                catch_exceptions=False)
    elapsed = time.perf_counter() - start
    files = json.loads(result.stdout)["files"]
    assert [d["code"] for f in files for d in f["diagnostics"]] == ["PG018"] * 4
    assert elapsed < 2 * BUDGET_SECONDS + 3  # not 4 budgets
