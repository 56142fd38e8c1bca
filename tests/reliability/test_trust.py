"""Class 7 (docs/reliability.md): trust boundaries. Configuration outside the repository
never decides, specs linked from outside the project are not read, and patterns mean what
JSON Schema says (no trailing newline slipping past ``$``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from protocolgen.ecma_regex import compiled, translate
from tests.conftest import MINIMAL_SPEC


def _validate(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(main, ["validate", *args, "--format", "json"],
                                catch_exceptions=False)
    found = [d for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]]
    return result.exit_code, found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "specs").mkdir()
    return root


#: A spec with a broken cross-reference (an error), and settings that would silence it.
BROKEN = MINIMAL_SPEC.replace("interventions: [I1]}", "interventions: [I9]}")
SILENCE = 'ignore = ["PG2"]\n'


@pytest.mark.parametrize("name", ["protocolgen.toml", "pyproject.toml"])
def test_config_above_the_repository_is_not_used(repo: Path, name: str) -> None:
    settings = SILENCE if name == "protocolgen.toml" else "[tool.protocolgen]\n" + SILENCE
    (repo.parent / name).write_text(settings, encoding="utf-8")
    spec = repo / "specs" / "t.yaml"
    spec.write_text(BROKEN, encoding="utf-8")
    code, found = _validate(str(spec))
    assert code == 1 and any(d["code"].startswith("PG2") for d in found)


def test_config_inside_the_repository_is_used(repo: Path) -> None:
    (repo / "protocolgen.toml").write_text(SILENCE, encoding="utf-8")
    spec = repo / "specs" / "t.yaml"
    spec.write_text(BROKEN, encoding="utf-8")
    code, found = _validate(str(spec))
    assert code == 0 and not any(d["code"].startswith("PG2") for d in found)


def test_spec_linked_to_a_file_outside_the_project_is_refused(repo: Path) -> None:
    outside = repo.parent / "secret.yaml"
    outside.write_text("SECRET_TOKEN_abc123: 1\n", encoding="utf-8")
    (repo / "specs" / "evil.yaml").symlink_to(outside)
    (repo / "specs" / "good.yaml").write_text(MINIMAL_SPEC, encoding="utf-8")
    for target in (str(repo / "specs" / "evil.yaml"), str(repo / "specs")):
        result = CliRunner().invoke(main, ["validate", target], catch_exceptions=False)
        assert result.exit_code == 2
        assert "SECRET_TOKEN" not in result.output
        assert "PG001" in result.output and "outside the project" in result.output


def test_spec_linked_inside_the_project_is_read(repo: Path) -> None:
    (repo / "specs" / "real.yaml").write_text(MINIMAL_SPEC, encoding="utf-8")
    (repo / "specs" / "alias.yaml").symlink_to(repo / "specs" / "real.yaml")
    assert _validate(str(repo / "specs" / "alias.yaml")) == (0, [])


@pytest.mark.parametrize(("old", "new"), [
    ("{id: A1, label", '{id: "A1\\n", label'),
    ("interventions: [I1]}", 'interventions: ["I1\\n"]}'),
    ("overall: COMPLETED", "overall: COMPLETED\n  start_date: {date: \"2024-01-01\\n\", "
                           "type: ACTUAL}"),
])
def test_a_trailing_newline_does_not_pass_a_pattern(tmp_path: Path, old: str, new: str) -> None:
    spec = tmp_path / "t.yaml"
    text = MINIMAL_SPEC.replace(old, new)
    assert text != MINIMAL_SPEC
    spec.write_text(text, encoding="utf-8")
    code, found = _validate(str(spec))
    assert code == 1 and "PG105" in {d["code"] for d in found}, found


def test_ecma_translation() -> None:
    assert translate(r"^[A-Za-z][A-Za-z0-9_.-]*$") == r"^[A-Za-z][A-Za-z0-9_.-]*\Z"
    assert translate(r"[$]a\$") == r"[$]a\$"  # a literal dollar stays literal
    assert not compiled(r"^\d+$").search("١٢٣")  # ECMA \d is ASCII
    assert compiled(r"^\d+$").search("123") and not compiled("^a$").search("a\n")
