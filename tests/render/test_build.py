"""``protocolgen build`` / ``render`` through the CLI, custom templates, slugs, atomic writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from protocolgen.errors import OutputError
from protocolgen.render.output import slugify, spec_slug, unique_slugs, write_atomic
from tests.conftest import MINIMAL_SPEC, SPECS

FAST = ["--to", "md,html,txt", "-j", "1"]
SUMMARIES = ["summary.md", "summary.html", "summary.txt"]
BROKEN_SPEC = MINIMAL_SPEC.replace("status:\n  overall: COMPLETED", "status:\n  overall: DONE")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    """A folder with one clean spec and one with an error finding."""
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "good-trial.yaml").write_text(MINIMAL_SPEC, encoding="utf-8")
    (folder / "broken.yaml").write_text(BROKEN_SPEC, encoding="utf-8")
    return folder


def test_build_renders_clean_specs_and_skips_specs_with_errors(
    specs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, output = invoke("build", str(specs), "-o", str(out), *FAST)
    assert code == 1
    assert sorted(p.name for p in (out / "good-trial").iterdir()) == sorted(SUMMARIES)
    assert not (out / "broken").exists()
    assert "broken.yaml" in output and "DONE" in output  # the finding says why
    assert "Rendered 1 of 2 specs" in output and "1 not rendered" in output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="good-trial/summary.html">Minimal trial</a>' in index
    assert "Not rendered" in index and "1 error" in index
    assert "Rendering" not in output  # no progress bar outside a terminal


def test_the_index_links_every_document_written_and_no_other(
    specs: Path, tmp_path: Path
) -> None:
    import re

    out = tmp_path / "out"
    code, output = invoke("build", str(specs), "-o", str(out), "--to", "html,txt,docx,soa-xlsx",
                          "-j", "1")
    assert code == 1, output
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', index)
    assert links == [
        ("good-trial/summary.html", "Minimal trial"),
        ("good-trial/synopsis.docx", "Synopsis (Word)"),
        ("good-trial/soa.xlsx", "Schedule of activities (Excel)"),
        ("good-trial/summary.txt", "Summary (text)"),
    ]
    assert all((out / href).is_file() for href, _ in links)
    assert "broken/" not in index  # a spec not rendered links nothing


def test_build_of_the_seed_specs_in_a_process_pool(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = invoke("build", str(SPECS), "-o", str(out), "--to", "md,html,txt", "-j", "2")
    assert code == 0, output
    slugs = sorted(p.stem for p in SPECS.glob("*.yaml"))
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == slugs
    index = (out / "index.html").read_text(encoding="utf-8")
    for slug in slugs:
        assert f'href="{slug}/summary.html"' in index
    assert "Phase 1/Phase 2" in index and "Draft" in index
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_build_twice_is_byte_identical(tmp_path: Path) -> None:
    invoke("build", str(SPECS), "-o", str(tmp_path / "a"), *FAST)
    invoke("build", str(SPECS), "-o", str(tmp_path / "b"), *FAST)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert files
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_build_date_comes_only_from_source_date_epoch(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    invoke("build", str(specs), "-o", str(tmp_path / "out"), *FAST)
    assert "built 2023-11-14" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, output = invoke("build", str(specs), "-o", str(tmp_path / "out"), *FAST)
    assert code == 2 and "SOURCE_DATE_EPOCH" in output


def test_render_writes_only_the_chosen_formats_and_no_index(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _ = invoke("render", str(SPECS / "lupus-uc-msc.yaml"), "--to", "md", "-o", str(out))
    assert code == 0
    assert [p.name for p in (out / "lupus-uc-msc").iterdir()] == ["summary.md"]
    assert not (out / "index.html").exists()


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, output = invoke("render", str(SPECS / "lupus-uc-msc.yaml"), "--to", "md,rtf")
    assert code == 2 and "unknown format rtf" in output


def test_user_templates_override_builtins_by_name(tmp_path: Path) -> None:
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "summary.md.j2").write_text("SPONSOR TEMPLATE: {{ s.title | md }}\n")
    (custom / "summary.css").write_text("body { color: rebeccapurple; }\n")
    out = tmp_path / "out"
    spec = str(SPECS / "lupus-uc-msc.yaml")
    code, _ = invoke("render", spec, "--to", "md,html", "-o", str(out), "--templates", str(custom))
    assert code == 0
    summary_md = (out / "lupus-uc-msc" / "summary.md").read_text()
    assert summary_md == "SPONSOR TEMPLATE: UC-MSCs for Lupus\n"
    html = (out / "lupus-uc-msc" / "summary.html").read_text()
    assert "rebeccapurple" in html and "Participation Criteria" in html  # built-in page, own CSS


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("# {{ s.title }}\n\n{{ s.titel }}\n", "summary.md.j2:3"),  # StrictUndefined typo
        ("# {{ s.title }\n", "summary.md.j2:1: template syntax error"),
        ('{% include "_nope.j2" %}\n', "template not found: _nope.j2"),
    ],
)
def test_template_errors_exit_2_with_name_and_line(
    tmp_path: Path, template: str, expected: str
) -> None:
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "summary.md.j2").write_text(template)
    spec = str(SPECS / "lupus-uc-msc.yaml")
    code, output = invoke(
        "render", spec, "--to", "md", "-o", str(tmp_path / "o"), "--templates", str(custom)
    )
    assert code == 2
    assert expected in output


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("RA UC-MSC (v2)", "ra-uc-msc-v2"),
        ("Ünïcödé_Trial", "unicode-trial"),
        ("../../etc/passwd", "etc-passwd"),
        ("a\x00b", "a-b"),
        ("CON", "con-trial"),
        ("index", "index-trial"),
        ("...", "trial"),
        ("x" * 100, "x" * 64),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_spec_slug_uses_only_the_file_stem() -> None:
    assert spec_slug("../../evil/../x.yaml") == "x"
    assert spec_slug("/etc/Trial 01.yaml") == "trial-01"
    assert spec_slug("C:\\specs\\lpt1.yml") == "lpt1-trial"
    assert spec_slug("-") == "stdin"
    assert unique_slugs(["a/trial.yaml", "b/other.yaml"]) == ["trial", "other"]
    with pytest.raises(OutputError, match=r"a/trial\.yaml and c/Trial\.yml"):
        unique_slugs(["a/trial.yaml", "c/Trial.yml"])


def test_specs_with_the_same_slug_stop_the_run(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / "specs" / folder).mkdir(parents=True)
        text = MINIMAL_SPEC.replace("Minimal trial", f"Trial {folder.upper()}")
        (tmp_path / "specs" / folder / "trial.yaml").write_text(text)
    out = tmp_path / "out"
    code, output = invoke("build", str(tmp_path / "specs"), "-o", str(out), *FAST)
    assert code == 2
    assert "a/trial.yaml and " in output and "b/trial.yaml would both be rendered" in output
    assert not (out / "trial").exists()


def test_atomic_write_replaces_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "summary.md"
    write_atomic(target, "one")
    write_atomic(target, b"two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["summary.md"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_failed_atomic_write_keeps_the_old_file_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.md"]


def test_unwritable_output_folder_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    code, output = invoke("build", str(SPECS), "-o", str(blocker / "sub"), *FAST)
    assert code == 2 and "cannot create the output folder" in output


def test_validate_never_imports_weasyprint() -> None:
    code = "import sys, protocolgen.cli; sys.exit('weasyprint' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
