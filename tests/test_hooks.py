"""``.pre-commit-hooks.yaml``: well-formed, and each hook's entry is a working command.

pre-commit itself is not run: it calls ``entry`` with the staged spec files appended, so the
test does the same through CliRunner (and, for the import check, in a fresh interpreter).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC, ROOT

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
REQUIRED = ("id", "name", "entry", "language")


def hooks() -> dict[str, dict[str, Any]]:
    listed = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert isinstance(listed, list) and listed
    return {hook["id"]: hook for hook in listed}


def entry_args(hook_id: str) -> list[str]:
    """The hook's entry as arguments of the ``protocolgen`` command group."""
    argv = shlex.split(hooks()[hook_id]["entry"])
    assert argv[0] == "protocolgen"
    return argv[1:]


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "specs" / "trial.yaml"
    path.parent.mkdir()
    path.write_text(MINIMAL_SPEC, encoding="utf-8")
    return path


def test_every_hook_has_the_required_keys() -> None:
    for hook_id, hook in hooks().items():
        missing = [key for key in REQUIRED if not hook.get(key)]
        assert not missing, f"{hook_id} lacks {missing}"
        assert hook["language"] == "python"
        assert re.search(hook["files"], "specs/ra-uc-msc.yaml")
        assert not re.search(hook["files"], "docs/example.yaml")


def test_validate_hook_runs_protocolgen_validate(spec: Path) -> None:
    args = entry_args("protocolgen-validate")
    assert args == ["validate"]
    runner = CliRunner()
    result = runner.invoke(main, [*args, str(spec)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "1 file checked: 0 errors" in result.output
    spec.write_text(MINIMAL_SPEC.replace("overall: COMPLETED", "overall: DONE"))
    result = runner.invoke(main, [*args, str(spec)], catch_exceptions=False)
    assert result.exit_code == 1 and "DONE" in result.output  # a commit with errors is stopped


def test_validate_hook_never_imports_weasyprint(spec: Path) -> None:
    # Run the entry in a fresh interpreter, as pre-commit would, then look at what it loaded.
    probe = (
        "import sys\n"
        "from protocolgen.cli import main\n"
        "code = None\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "sys.stderr.write(f'exit={code} weasyprint={\"weasyprint\" in sys.modules}')\n"
    )
    argv = [sys.executable, "-c", probe, *entry_args("protocolgen-validate"), str(spec)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert done.stderr.endswith("exit=0 weasyprint=False"), done.stderr


def test_render_hook_is_manual_and_its_entry_parses(spec: Path) -> None:
    hook = hooks()["protocolgen-render"]
    assert hook["stages"] == ["manual"]  # PDFs are too slow for every commit
    args = entry_args("protocolgen-render")
    command = main.get_command(click.Context(main), args[0])
    assert command is not None
    ctx = command.make_context(args[0], [*args[1:], str(spec)])
    assert ctx.params["formats"] == ("md", "html", "txt", "pdf")
    assert str(ctx.params["out"]) == "out"
