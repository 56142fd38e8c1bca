"""Output formats and command-line behaviour of ``protocolgen diff``."""

from __future__ import annotations

import json
from pathlib import Path

from protocolgen.diff.model import Change, FileDiff
from protocolgen.diff.report import REPORTERS, md_cell
from tests.diff.conftest import EditSeed, run


def test_markdown_table_on_a_seed_edit(edit_seed: EditSeed) -> None:
    old, new = edit_seed(
        "lupus-uc-msc.yaml",
        [
            ("    count: 10\n", "    count: 20\n"),
            (
                "'Participant able to provide written informed consent'",
                "'Participant | guardian able to provide written informed consent'",
            ),
        ],
    )
    code, out = run("diff", str(old), str(new), "--format", "md")
    assert code == 0
    assert out.splitlines()[4:9] == [
        "| Section | Change | Before | After | Substantial |",
        "|---|---|---|---|---|",
        "| Design | Enrollment 10 → 20 (estimated) | 10 (estimated) | 20 (estimated) | Yes |",
        "| Eligibility | Inclusion criterion 1 changed"
        " | Participant able to provide written informed consent"
        " | Participant \\| guardian able to provide written informed consent | Yes |",
        "",
    ]
    assert "2 changes, 2 substantial." in out


def test_markdown_cells_escape_pipes_and_newlines() -> None:
    assert md_cell("a | b\nc\r\nd ") == "a \\| b<br>c<br>d"
    assert md_cell("<script>x</script> & y") == "&lt;script&gt;x&lt;/script&gt; &amp; y"
    change = Change("Narrative", "Section 'x|y' changed", "one\ntwo", "a|b", False, "/narrative/x")
    table = REPORTERS["md"]([FileDiff("a.yaml", "b.yaml", [change])])
    assert "| Narrative | Section 'x\\|y' changed | one<br>two | a\\|b | No |" in table


def test_json_shape(edit_seed: EditSeed) -> None:
    old, new = edit_seed("covid19-uc-msc.yaml", [("overall: RECRUITING", "overall: COMPLETED")])
    document = json.loads(run("diff", str(old), str(new), "--format", "json")[1])
    assert document["format"] == "protocolgen-diff" and document["version"] == 1
    assert document["summary"] == {"files": 1, "changed_files": 1, "changes": 1, "substantial": 1}
    assert document["files"][0]["status"] == "modified"


def test_text_output_and_exit_code(edit_seed: EditSeed) -> None:
    old, new = edit_seed("covid19-uc-msc.yaml", [("  - COVID-19\n", "  - COVID-19\n  - ARDS\n")])
    code, out = run("diff", str(old), str(new), "--exit-code")
    assert code == 1
    assert out.splitlines() == [
        f"{old} → {new}: 1 change, 0 substantial",
        "    Conditions: Condition 'ARDS' added",
        "      + ARDS",
    ]


def test_syntax_error_names_the_file(tmp_path: Path, edit_seed: EditSeed) -> None:
    old, new = edit_seed("covid19-uc-msc.yaml", [("  sex: ALL\n", "  sex: [ALL\n")])
    code, out = run("diff", str(old), str(new))
    assert code == 2
    assert f"{new}:" in out and "YAML syntax error" in out


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run("diff", "only-one.yaml")[0] == 2
    assert run("diff", "a.yaml", "b.yaml", "--format", "html")[0] == 2
    code, out = run("diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert code == 2 and "a.yaml" in out
