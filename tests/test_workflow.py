"""The CI workflows in docs/ci.md: valid against their schemas, and their commands work.

GitHub itself is not run. The test takes the workflow YAML out of docs/ci.md, validates it
against the GitHub workflow JSON Schema that check-jsonschema vendors, then runs each
``protocolgen`` command of its ``run:`` steps in a temporary git repository holding the seed
specs (base commit, then one edited spec), with ``${{ }}`` expressions replaced by values
from that repository. The GitLab snippet gets the same treatment.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT, SPECS, git

CI_DOC = ROOT / "docs" / "ci.md"
FENCE = re.compile(r"^```yaml\n(.*?)^```", re.M | re.S)
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
EDITED = "lupus-uc-msc"
#: Builds in tests skip PDFs (WeasyPrint would add seconds); every other option is kept.
NO_PDF = ["--to", "md,html,txt"]


def yaml_blocks() -> list[str]:
    return FENCE.findall(CI_DOC.read_text(encoding="utf-8"))


def workflow(marker: str) -> dict[str, Any]:
    """The first YAML block of docs/ci.md containing ``marker``, parsed."""
    block = next(b for b in yaml_blocks() if marker in b)
    data: dict[Any, Any] = yaml.safe_load(block)
    # PyYAML reads YAML 1.1, where a bare `on` key is the boolean True; GitHub reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    return data


def vendored_schema(name: str) -> dict[str, Any]:
    files = resources.files("check_jsonschema.builtin_schemas.vendor")
    schema: dict[str, Any] = json.loads(files.joinpath(name).read_text(encoding="utf-8"))
    return schema


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository with the seed specs (the base commit) and one spec edited on top."""
    root = tmp_path_factory.mktemp("spec-repo")
    shutil.copytree(SPECS, root / "specs")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "specs")
    git(root, "commit", "-q", "-m", "seed specs")
    base = git(root, "rev-parse", "HEAD")
    spec = root / "specs" / f"{EDITED}.yaml"
    text = spec.read_text(encoding="utf-8")
    edited = re.sub(r"(enrollment:\s*\{?\s*count:\s*)(\d+)", r"\g<1>99", text, count=1)
    assert edited != text, "the seed spec's enrollment count moved; update the test"
    spec.write_text(edited, encoding="utf-8")
    git(root, "commit", "-q", "-am", "more participants")
    return root, base


def commands(lines: list[str], values: dict[str, str]) -> list[list[str]]:
    """Each ``protocolgen ...`` line as an argv, expressions and variables substituted."""
    found = []
    for line in lines:
        line = line.strip()
        if not line.startswith("protocolgen "):
            continue

        def value(match: re.Match[str]) -> str:
            assert match.group(1) in values, f"no test value for {match.group(0)}"
            return values[match.group(1)]

        line = EXPRESSION.sub(value, line)
        for name, text in values.items():
            line = line.replace(f"${name}", text)
        assert "$" not in line, f"unsubstituted variable in {line!r}"
        found.append(shlex.split(line))
    return found


def execute(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one protocolgen command line as the CI shell would: no shell, `> file` honoured."""
    target = None
    if ">" in argv:
        at = argv.index(">")
        argv, target = argv[:at], argv[at + 1]
    if argv[1] == "build" and "--to" not in argv:
        argv = [*argv, *NO_PDF]
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    done = subprocess.run(
        [sys.executable, "-m", "protocolgen", *argv[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if target is not None:
        (cwd / target).write_text(done.stdout, encoding="utf-8")
    return done


def test_github_workflow_matches_the_github_schema() -> None:
    flow = workflow("runs-on:")
    jsonschema.validate(flow, vendored_schema("github-workflows.json"))
    uses = [s.get("uses", "") for job in flow["jobs"].values() for s in job["steps"]]
    for action in ("github/codeql-action/upload-sarif", "actions/upload-artifact"):
        assert any(u.startswith(action + "@") for u in uses), action
    for job in flow["jobs"].values():
        assert 0 < job["timeout-minutes"] <= 60
        for step in job["steps"]:  # what a fork's read-only token cannot do is skipped
            if step.get("uses", "").startswith(
                ("github/codeql-action/upload-sarif", "marocchino/sticky-pull-request-comment")
            ):
                assert "!github.event.pull_request.head.repo.fork" in step["if"]


def test_github_workflow_commands_run_in_a_spec_repository(repo: tuple[Path, str]) -> None:
    root, base = repo
    flow = workflow("runs-on:")
    lines = [
        line
        for job in flow["jobs"].values()
        for step in job["steps"]
        for line in step.get("run", "").splitlines()
    ]
    values = {"github.event.pull_request.base.sha": base}
    ran = {}
    for argv in commands(lines, values):
        done = execute(argv, root)
        assert done.returncode == 0, (argv, done.stdout, done.stderr)
        ran[argv[1]] = done
    assert set(ran) == {"validate", "diff", "build"}

    sarif = json.loads((root / "findings.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert "::warning file=specs/" in ran["validate"].stdout  # the --format github annotations

    diff_md = (root / "diff.md").read_text(encoding="utf-8")
    assert diff_md.startswith("## Summary of changes")
    assert f"specs/{EDITED}.yaml" in diff_md and "Enrollment" in diff_md and "99" in diff_md

    out = root / "out"
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [EDITED]  # changed only
    assert (out / EDITED / "summary.html").is_file() and (out / "index.html").is_file()
    assert "Rendered 1 of 1 specs" in ran["build"].stdout


def test_gitlab_snippet_matches_the_gitlab_schema_and_runs(repo: tuple[Path, str]) -> None:
    root, base = repo
    snippet = workflow("merge_request_event")
    jsonschema.validate(snippet, vendored_schema("gitlab-ci.json"))
    job = snippet["protocolgen"]
    assert job["artifacts"]["reports"]["junit"] == "protocolgen-junit.xml"
    argvs = commands(job["script"], {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base})
    assert [argv[1] for argv in argvs] == ["validate", "build"]
    for argv in argvs:
        done = execute(argv, root)
        assert done.returncode == 0, (argv, done.stdout, done.stderr)
    suites = ET.parse(root / "protocolgen-junit.xml").getroot()
    assert len(suites.findall("testsuite")) == len(list(SPECS.glob("*.yaml")))  # one per spec
    assert suites.findall(".//testcase")
