"""Shell completion and colour, through the real entry point in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC

#: The console script pip installs: completion scripts call the command by this name.
ENTRY_POINT = Path(sys.executable).parent / "protocolgen"
CLEAN_ENV = {k: v for k, v in os.environ.items()
             if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE") and not k.startswith("_PRO")}


def protocolgen(
    *args: str, cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ENTRY_POINT), *args], capture_output=True,
                          text=True, check=False, cwd=cwd, env={**CLEAN_ENV, **env})


def complete(shell: str, words: str, cwd: Path | None = None) -> list[str]:
    """What protocolgen answers the completion script of ``shell`` for the command line."""
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    if shell == "fish":  # fish's script passes the word being completed itself
        cword = "" if words.endswith(" ") else words.split()[-1]
    done = protocolgen(cwd=cwd, _PROTOCOLGEN_COMPLETE=f"{shell}_complete", COMP_WORDS=words,
                       COMP_CWORD=cword)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_are_generated(shell: str) -> None:
    done = protocolgen(_PROTOCOLGEN_COMPLETE=f"{shell}_source")
    assert done.returncode == 0 and "_PROTOCOLGEN_COMPLETE" in done.stdout


@pytest.mark.parametrize(
    "words",
    ["protocolgen validate sp", "protocolgen build sp", "protocolgen validate x.yaml -o sp"],
)
def test_path_arguments_complete_as_files_in_bash(words: str) -> None:
    # "file" tells the bash script to complete file names itself (compopt -o default).
    assert complete("bash", words) == ["file,sp"]


def test_choices_and_commands_complete() -> None:
    assert "plain,xlsx" in complete("bash", "protocolgen validate x.yaml --format x")
    assert "plain,validate" in complete("bash", "protocolgen val")
    fish = complete("fish", "protocolgen validate x.yaml --format s")
    assert any(line.startswith("plain,sarif") for line in fish)
    assert complete("bash", "protocolgen validate x.yaml --profile ctgov,w") == [
        "plain,ctgov,who-trds"]


def finding_output(tmp_path: Path, env: dict[str, str]) -> str:
    spec = tmp_path / "trial.yaml"
    spec.write_text(MINIMAL_SPEC.replace("conditions: [Lupus]", "conditions: []"))
    clean = dict.fromkeys(("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"))
    result = CliRunner().invoke(main, ["validate", str(spec)], env={**clean, **env},
                                catch_exceptions=False)
    assert "PG301" in result.output
    return result.output


@pytest.mark.parametrize(
    ("env", "colour"),
    [({}, False), ({"FORCE_COLOR": "1"}, True), ({"CLICOLOR_FORCE": "1"}, True),
     ({"CLICOLOR_FORCE": "0"}, False), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
     ({"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, False)],
)
def test_forced_colour_and_no_color_wins(tmp_path: Path, env: dict[str, str], colour: bool) -> None:
    assert ("\x1b[" in finding_output(tmp_path, env)) is colour


def test_forced_colour_on_a_real_pipe_but_never_in_a_file(tmp_path: Path) -> None:
    target = tmp_path / "findings.txt"
    spec = tmp_path / "trial.yaml"
    spec.write_text(MINIMAL_SPEC.replace("conditions: [Lupus]", "conditions: []"))
    piped = protocolgen("validate", str(spec), FORCE_COLOR="1")
    assert "PG301" in piped.stdout and "\x1b[" in piped.stdout
    protocolgen("validate", str(spec), "-o", str(target), "--format", "text", FORCE_COLOR="1")
    assert "PG301" in target.read_text() and "\x1b[" not in target.read_text()
