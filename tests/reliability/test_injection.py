"""Class 2 (docs/reliability.md): spec text never becomes a command, markup or a new line in
what reads protocolgen's output: the GitHub runner, a terminal, a pull-request comment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from protocolgen.cli import main
from protocolgen.quoting import markdown, visible
from tests.conftest import MINIMAL_SPEC

# A key (any text is a valid YAML key) that tries every trick at once: a newline that starts a
# workflow command, a bare CR, ESC sequences (window title, erase line, OSC 8 link), a bidi
# override, a line separator, and Markdown that mentions, links and shows an image.
HOSTILE = (
    "x\\n::warning file=a::pwned\\r::add-mask::secret\\e]0;title\\a\\e[2K"
    "\\e]8;;http://evil\\e\\\\link\\u202e\\u2028::stop-commands::tok @octocat "
    "![i](http://evil/p.png) [l](http://evil) <b>html</b> | cell | `tick`"
)
OWN_COMMAND = re.compile(r"^::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,title=PG\d{3}::")


@pytest.fixture
def hostile_spec(tmp_path: Path) -> Path:
    path = tmp_path / "trial.yaml"
    text = MINIMAL_SPEC.replace("conditions: [Lupus]", f'conditions: [Lupus]\n"{HOSTILE}": 1')
    text = text.replace("time_frame: Day 28", 'time_frame: "Day 28\\n::error::forged"')
    path.write_text(text, encoding="utf-8")
    return path


def _validate(*args: str) -> str:
    result = CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def _no_terminal_controls(text: str) -> None:
    lines = text.splitlines()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]",
                         "".join(lines)), "a control character reached the output"
    assert not any(line.startswith("::") for line in lines if not OWN_COMMAND.match(line))


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_human_formats_keep_each_finding_on_its_line(hostile_spec: Path, fmt: str) -> None:
    out = _validate(str(hostile_spec), "--format", fmt)
    _no_terminal_controls(out)
    unknown = [line for line in out.splitlines() if "PG102" in line]
    assert len(unknown) == 1 and "\\n::warning" in unknown[0] and "\\x1b]0;" in unknown[0]
    assert "\\u202e" in unknown[0]


def test_github_commands_only_ours(hostile_spec: Path) -> None:
    out = _validate(str(hostile_spec), "--format", "github")
    _no_terminal_controls(out)
    lines = out.splitlines()
    assert lines and all(OWN_COMMAND.match(line) for line in lines), lines
    assert not any("%0A" in line or "%0D" in line for line in lines)  # nothing to unescape


def test_github_file_property_of_a_hostile_file_name(tmp_path: Path) -> None:
    name = "a,line=9::%0A::error::x.yaml"
    (tmp_path / name).write_text("spec_version: [\n", encoding="utf-8")
    out = _validate(str(tmp_path / name), "--format", "github")
    (line,) = out.splitlines()
    assert OWN_COMMAND.match(line) and "%250A" in line and "a%2Cline=9%3A%3A" in line


def _markdown_tokens(text: str) -> list[str]:
    """Every token type GitHub's CommonMark (+ tables) parser makes of ``text``; the line
    breaks protocolgen writes in table cells (``<br>``) are ``br``."""
    parser = MarkdownIt("commonmark").enable("table")
    kinds = []
    for token in parser.parse(text):
        kinds.append(token.type)
        for child in token.children or []:
            kinds.append("br" if child.type == "html_inline" and child.content == "<br>"
                         else child.type)
    return kinds


def _assert_inert_markdown(text: str) -> None:
    kinds = _markdown_tokens(text)
    assert not {"image", "link_open", "html_inline", "html_block", "code_inline"} & set(kinds)
    assert not re.search(r"(?<![&\w])@\w", text), "an @mention survives"
    assert not re.search(r"https?://\w", text), "a URL GitHub would link survives"
    assert "\r" not in text


def test_step_summary_table_is_inert(hostile_spec: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _validate(str(hostile_spec), "--format", "github")
    text = summary.read_text(encoding="utf-8")
    _assert_inert_markdown(text)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    findings = _validate(str(hostile_spec), "--format", "concise").splitlines()
    assert len(rows) == len(findings) + 1  # header row + one per finding, none split


def test_diff_markdown_for_a_pr_comment_is_inert(tmp_path: Path) -> None:
    old = tmp_path / "old `x` @team.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(MINIMAL_SPEC, encoding="utf-8")
    changed = MINIMAL_SPEC.replace(
        "brief_summary: A summary.",
        'brief_summary: "@octocat ![x](http://evil/p.png)\\r# forged [l](https://evil)"',
    ).replace("[Lupus]", '["Lupus\\e]0;t\\a", "@everyone <img src=x>"]')
    new.write_text(changed, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "md"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    _assert_inert_markdown(result.output)
    headings = [line for line in result.output.splitlines() if line.startswith("#")]
    assert headings[0] == "## Summary of changes" and len(headings) == 2
    text = CliRunner().invoke(main, ["diff", str(old), str(new)]).output
    _no_terminal_controls(text)


def test_import_findings_are_one_line(tmp_path: Path) -> None:
    record = tmp_path / "r.json"
    record.write_text('{"protocolSection": {"identificationModule": '
                      '{"nctId": "NCT00000001", "briefTitle": "t"}, "designModule": '
                      '{"studyType": "X"}, "evil\\n::error::forged\\u001b[2J": 1}}',
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "ctgov", str(record)], catch_exceptions=False)
    _no_terminal_controls(result.stderr)
    assert "::error::forged" in result.stderr  # shown, on the finding's own line


def test_rendered_documents_have_no_control_characters(tmp_path: Path) -> None:
    spec = tmp_path / "t.yaml"
    spec.write_text(MINIMAL_SPEC.replace(
        "brief_summary: A summary.",
        'brief_summary: "A\\0B\\aC\\eD\\x85# forged\\rE\\u2028F\\x9b"',
    ), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(spec), "--to", "md,html,txt", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for name in ("summary.md", "summary.html", "summary.txt"):
        text = (out / "t" / name).read_text(encoding="utf-8")
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", text), name
    md = (out / "t" / "summary.md").read_text(encoding="utf-8")
    assert not any(line.startswith("# forged") for line in md.splitlines())


def test_tool_errors_quote_paths(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "x\n::error::y\x1b[2J.yaml")])
    assert result.exit_code == 2
    _no_terminal_controls(result.output)
    assert "x\\n::error::y\\x1b[2J.yaml" in result.output


def test_quoting_helpers() -> None:
    assert visible("a\nb\x1b\u202e\udce9") == "a\\nb\\x1b\\u202e\\xe9"
    assert visible("plain – text, ünïcode 😀") == "plain – text, ünïcode 😀"
    # Plain ASCII takes a shortcut: every ASCII control character is still shown.
    for code in [*range(0x20), 0x7F]:
        assert visible(f"a{chr(code)}b") in ("a\\nb", "a\\rb", "a\\tb", f"a\\x{code:02x}b")
    assert visible("ASCII text, 100% printable ~") == "ASCII text, 100% printable ~"
    assert markdown("a\r\nb", breaks="<br>") == "a<br>b"
    assert "&#8203;" in markdown("@octocat") and "&lt;" in markdown("<b>")
