"""Class 8 (docs/reliability.md): user templates (``--templates``, which a pull request may
change) run in Jinja's immutable sandbox: they lay out the view model, nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC

ESCAPES = {
    "cycler-globals": "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "str-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "self-globals": "{{ self.__init__.__globals__ }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "mutate-view": "{{ s.conditions.append('x') }}{{ s.conditions }}",
    "format-string": "{{ '{0.__class__.__init__.__globals__}'.format(s) }}",
}


def _build(tmp_path: Path, name: str, template: str, to: str) -> tuple[int, str]:
    templates = tmp_path / "templates"
    templates.mkdir(exist_ok=True)
    (templates / name).write_text(template, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(MINIMAL_SPEC, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(tmp_path / "t.yaml"), "-o", str(tmp_path / "out"), "--to", to,
               "--templates", str(templates), "-j", "1"], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("attack", ESCAPES)
def test_a_template_cannot_leave_the_sandbox(tmp_path: Path, attack: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _build(tmp_path, "summary.md.j2", ESCAPES[attack], "md")
    assert code == 2, output
    assert "summary.md.j2:1: access to attribute" in output and "is unsafe" in output
    assert not (tmp_path / "MARKER").exists()
    assert not (tmp_path / "out" / "t" / "summary.md").exists()


def test_the_pdf_template_is_sandboxed_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _build(tmp_path, "synopsis.html.j2", ESCAPES["cycler-globals"], "pdf")
    assert code == 2, output
    assert not (tmp_path / "MARKER").exists()


def test_what_a_template_may_do(tmp_path: Path) -> None:
    template = (
        "{% set ns = namespace(n=0) %}{% for c in s.conditions %}{% set ns.n = ns.n + 1 %}"
        "- {{ c | md_inline | upper }}\n{% endfor %}{{ ns.n }} {{ s.title | wordcount }}"
        " {{ (s.conditions + ['x']) | join(',') }} {{ {'a': 1}.items() | list }}\n"
    )
    code, output = _build(tmp_path, "summary.md.j2", template, "md")
    assert code == 0, output
    text = (tmp_path / "out" / "t" / "summary.md").read_text(encoding="utf-8")
    assert text == "- LUPUS\n1 2 Lupus,x [('a', 1)]\n"
