"""`protocolgen validate` as a user runs it: output lines, exit codes, formats, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import SPECS

WriteSpec = Callable[..., Path]


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.output


def test_clean_spec_exits_zero_with_a_summary(write_spec: WriteSpec, minimal_spec: str) -> None:
    code, out = run("validate", str(write_spec(minimal_spec)))
    assert code == 0
    assert out == "1 file checked: 0 errors, 0 warnings\n"


def test_warnings_exit_zero_unless_strict(write_spec: WriteSpec, minimal_spec: str) -> None:
    path = write_spec(minimal_spec.replace("conditions: [Lupus]", "conditions: []"))
    code, out = run("validate", str(path))
    assert code == 0
    assert f"{path}:16:1: PG301 warning: no condition is named" in out
    assert "    hint: List the disease" in out
    assert run("validate", "--strict", str(path))[0] == 1


def test_errors_exit_one(write_spec: WriteSpec, minimal_spec: str) -> None:
    path = write_spec(minimal_spec.replace("sex: ALL", "sex: BOTH"))
    code, out = run("validate", str(path))
    assert code == 1
    assert "PG103 error: 'eligibility.sex' must be one of ALL, FEMALE, MALE" in out
    assert out.endswith("1 file checked: 1 error, 0 warnings\n")


def test_unreadable_file_exits_two(write_spec: WriteSpec) -> None:
    path = write_spec(b"\xff\xfe\x00\x00binary")
    code, out = run("validate", str(path))
    assert code == 2
    assert "PG002 error" in out and "(1 unreadable)" in out


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "no such file or directory" in out


def test_directory_is_searched_recursively_and_sorted(
    write_spec: WriteSpec, minimal_spec: str, tmp_path: Path
) -> None:
    (tmp_path / "sub").mkdir()
    write_spec(minimal_spec, "sub/b.yml")
    write_spec(minimal_spec, "a.yaml")
    write_spec("not: a spec\n", "notes.txt")
    code, out = run("validate", "--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == [str(tmp_path / "a.yaml"), str(tmp_path / "sub" / "b.yml")]
    assert code == 0


def test_stdin(minimal_spec: str) -> None:
    code, out = run("validate", "-", stdin=minimal_spec.replace("ALL", "all"))
    assert code == 1
    assert out.startswith("<stdin>:")


def test_json_format_is_versioned(write_spec: WriteSpec, minimal_spec: str) -> None:
    path = write_spec(minimal_spec.replace("conditions: [Lupus]", "conditions: []"))
    _, out = run("validate", "--format", "json", str(path))
    payload = json.loads(out)
    assert (payload["format"], payload["version"]) == ("protocolgen-findings", 1)
    assert payload["summary"] == {
        "files": 1,
        "errors": 0,
        "warnings": 1,
        "infos": 0,
        "unreadable": 0,
    }
    (finding,) = payload["files"][0]["diagnostics"]
    assert finding == {
        "path": str(path),
        "line": 16,
        "column": 1,
        "code": "PG301",
        "severity": "warning",
        "message": "no condition is named",
        "hint": "List the disease or condition studied under 'conditions:'.",
        "pointer": "/conditions",
    }


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01",
        b"[",
        b"- a\n",
        b"a: &a [*a]\n",
        b"spec_version: 1\n",
        b"{" * 5000,
        "a: \u202e\ufeff\n".encode(),
        b"\xef\xbb\xbf",
        b"? ? ? a\n",
    ],
)
def test_no_input_makes_a_traceback(write_spec: WriteSpec, content: bytes) -> None:
    path = write_spec(content)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output


def test_no_color_when_not_a_terminal_or_no_color_set(
    write_spec: WriteSpec, minimal_spec: str
) -> None:
    path = write_spec(minimal_spec.replace("conditions: [Lupus]", "conditions: []"))
    result = CliRunner().invoke(main, ["validate", str(path)], env={"NO_COLOR": "1"}, color=True)
    assert "\x1b[" not in result.output


def test_help_teaches_examples_and_exit_codes() -> None:
    code, out = run("validate", "--help")
    assert code == 0
    assert "protocolgen validate specs/" in out and "Exit codes:" in out


def test_validate_never_imports_weasyprint() -> None:
    probe = (
        "import sys\n"
        "from protocolgen.cli import main\n"
        "try:\n"
        f"    main(['validate', {str(SPECS)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('weasyprint', 'jinja2', 'protocolgen.build')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    # Rendering commands are imported only when run: validate starts fast.
    assert out.stdout.strip().endswith("[]")


def test_python_dash_m_entry_point(write_spec: WriteSpec, minimal_spec: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "protocolgen", "validate", str(write_spec(minimal_spec))],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and out.stdout == "1 file checked: 0 errors, 0 warnings\n"


def test_several_formats_in_one_run(
    write_spec: WriteSpec, minimal_spec: str, tmp_path: Path
) -> None:
    path = write_spec(minimal_spec.replace("conditions: [Lupus]", "conditions: []"))
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    code, out = run(
        "validate",
        str(path),
        "--format",
        "sarif",
        "-o",
        str(sarif),
        "--format",
        "junit",
        "-o",
        str(junit),
        "--format",
        "concise",
    )
    assert code == 0
    assert out == f"{path}:16:1: PG301 no condition is named\n"
    assert json.loads(sarif.read_text())["runs"][0]["results"][0]["ruleId"] == "PG301"
    assert junit.read_text().startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_two_formats_to_stdout_is_a_usage_error(write_spec: WriteSpec, minimal_spec: str) -> None:
    result = CliRunner().invoke(
        main, ["validate", str(write_spec(minimal_spec)), "--format", "json", "--format", "sarif"]
    )
    assert result.exit_code == 2
    assert "give an --output-file for each --format except one" in result.output


def test_fail_on_warning_and_exit_zero(write_spec: WriteSpec, minimal_spec: str) -> None:
    warned = write_spec(minimal_spec.replace("conditions: [Lupus]", "conditions: []"), "w.yaml")
    broken = write_spec(minimal_spec.replace("sex: ALL", "sex: BOTH"), "e.yaml")
    assert run("validate", str(warned), "--fail-on", "warning")[0] == 1
    assert run("validate", str(warned), "--fail-on", "error")[0] == 0
    assert run("validate", str(broken), "--exit-zero")[0] == 0
    assert run("validate", str(broken))[0] == 1


def test_parse_failures_honour_the_format(write_spec: WriteSpec) -> None:
    path = write_spec("a: [1\n")
    code, out = run("validate", str(path), "--format", "json")
    assert code == 1
    (finding,) = json.loads(out)["files"][0]["diagnostics"]
    assert (finding["code"], finding["line"], finding["column"]) == ("PG010", 2, 1)


def test_github_format_appends_a_job_summary(
    write_spec: WriteSpec, minimal_spec: str, tmp_path: Path
) -> None:
    path = write_spec(minimal_spec.replace("conditions: [Lupus]", "conditions: []"))
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n")
    result = CliRunner().invoke(
        main,
        ["validate", str(path), "--format", "github"],
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.exit_code == 0
    assert result.output.startswith("::warning file=")
    text = summary.read_text()
    assert text.startswith("# earlier step\n## protocolgen findings")
    assert "| PG301 | warning | no condition is named |" in text
