"""The real yaml-language-server (as VS Code runs it) on our schema, driven over stdio.

It completes keys and codes with their labels, hovers with each field's description, and
underlines the same schema problems, at the same places, as ``protocolgen validate``.
The server is installed by ``make sync`` (``npm ci --prefix tools/lsp``); the test is
skipped only when Node.js is absent.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from protocolgen import api
from tests.conftest import ROOT, SPECS
from tests.editor.lsp import LspClient

SERVER = ROOT / "tools" / "lsp" / "node_modules" / "yaml-language-server" / "bin" / \
    "yaml-language-server"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed: no editor test")

#: Edits to a valid spec, each a schema problem (or, for the YAML 1.2 cases, not one).
TYPOS = [
    ("  allocation: RANDOMIZED", "  alocation: RANDOMIZED"),                 # unknown key
    ("  overall: UNKNOWN", "  overall: UNKNWON"),                             # unknown code
    ("    date: '2017-12-26'", "    date: '2017-13-26'"),                     # month 13
    ("    date: '2020-06-30'", "    date: '2020-06-32'"),                     # day 32
    ("  masking:\n    type: SINGLE", "  masking:\n    type: yes"),            # text, not a code
    ("  study_type: INTERVENTIONAL", "  study_type: INTERVENTIONAL\n  has_dmc: true"),  # key
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    (root / "schemas").mkdir()
    shutil.copy(ROOT / "schemas" / "trial.schema.json", root / "schemas")
    (root / "specs").mkdir()
    return root


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[LspClient]:
    assert SERVER.is_file(), "yaml-language-server is not installed: run `make sync`"
    assert NODE is not None
    client = LspClient([NODE, str(SERVER), "--stdio"], project)
    yield client
    client.close()


def write(project: Path, name: str, text: str) -> Path:
    path = project / "specs" / name
    path.write_text(text, encoding="utf-8")
    return path


def items(answer: Any) -> list[dict[str, Any]]:
    return list(answer["items"] if isinstance(answer, dict) else answer)


def at(text: str, needle: str) -> dict[str, int]:
    """The LSP position (0-based line and character) just after ``needle`` in ``text``."""
    before = text[: text.index(needle) + len(needle)]
    return {"line": before.count("\n"), "character": len(before.split("\n")[-1])}


def test_diagnostics_agree_with_protocolgen_validate(server: LspClient, project: Path) -> None:
    text = (SPECS / "ra-uc-msc.yaml").read_text(encoding="utf-8")
    for old, new in TYPOS:
        assert old in text, old
        text = text.replace(old, new, 1)
    spec = write(project, "typos.yaml", text)
    underlined = server.wait_diagnostics(server.open(spec))
    editor = {(d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1)
              for d in underlined}
    checked = api.check_source(str(spec)).report.diagnostics
    schema = {(d.line, d.column) for d in checked if d.code.startswith("PG1")}
    assert len(schema) == len(TYPOS) and editor == schema, (underlined, checked)


def test_yaml_1_2_words_mean_the_same_in_the_editor(server: LspClient, project: Path) -> None:
    text = (SPECS / "ra-uc-msc.yaml").read_text(encoding="utf-8")
    text += "ipd_sharing:\n  plan: NO\n  description: yes\n"  # YAML 1.1 would say booleans
    spec = write(project, "yaml12.yaml", text)
    assert server.wait_diagnostics(server.open(spec)) == []
    assert not [d for d in api.check_source(str(spec)).report.diagnostics
                if d.code.startswith("PG1")]


def test_codes_complete_with_their_labels_and_meanings(server: LspClient, project: Path) -> None:
    text = (SPECS / "ra-uc-msc.yaml").read_text(encoding="utf-8")
    text = text.replace("    type: SINGLE  # who is masked is not shown on the page", "    type: ")
    spec = write(project, "complete.yaml", text)
    uri = server.open(spec)
    answer = server.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": at(text, "  masking:\n    type: ")})
    found = {i["label"]: i.get("documentation", {}) for i in items(answer)}
    assert set(found) == {"NONE", "SINGLE", "DOUBLE", "TRIPLE", "QUADRUPLE"}
    none = found["NONE"]
    assert none["kind"] == "markdown" and none["value"].startswith("**None (Open Label)** — ")


def test_keys_complete_and_hover_shows_the_description(server: LspClient, project: Path) -> None:
    text = (SPECS / "ra-uc-msc.yaml").read_text(encoding="utf-8")
    text = text.replace("status:\n", "status:\n  \n", 1)
    spec = write(project, "keys.yaml", text)
    uri = server.open(spec)
    answer = server.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": at(text, "status:\n  ")})
    labels = {i["label"] for i in items(answer)}
    assert {"why_stopped", "primary_completion_date", "last_known"} <= labels
    assert "overall" not in labels and "start_date" not in labels  # already written
    hover = server.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": at(text, "  alloca")})
    shown = hover["contents"]["value"]
    assert "#### Allocation" in shown
    assert "`RANDOMIZED`: **Randomized** — Participants are assigned to arms by chance." in shown


@pytest.mark.parametrize("with_project", [True, False])
def test_the_modeline_protocolgen_new_writes_reaches_the_schema(
    server: LspClient, project: Path, tmp_path: Path, with_project: bool
) -> None:
    from click.testing import CliRunner

    from protocolgen.cli import main

    target = (project / "specs" if with_project else tmp_path) / f"new-{with_project}.yaml"
    result = CliRunner().invoke(main, ["new", str(target)], catch_exceptions=False)
    assert ("project's schemas/" in result.output) is with_project
    text = target.read_text(encoding="utf-8").replace("brief_title:", "brief_titel:", 1)
    target.write_text(text, encoding="utf-8")
    messages = [d["message"] for d in server.wait_diagnostics(server.open(target))]
    assert any("brief_titel" in m for m in messages), messages
