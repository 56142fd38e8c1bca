"""``--pdf-variant pdf/ua-1|pdf/a-3u`` (and ``pdf-variant`` in the configuration).

No PDF/UA or PDF/A validator (veraPDF, PAC) installs here, so these tests check the structure
those standards require that pypdf can see; docs/synopsis.md lists what is not verified.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from protocolgen.cli import main
from tests.conftest import SPECS

SPEC = SPECS / "ra-uc-msc.yaml"


def build(folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["render", str(folder / SPEC.name), "--to", "pdf",
                                       "-o", str(folder / "out"), "-j", "1", *args],
                                catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfReader]:
    readers = {}
    for variant in ("pdf/ua-1", "pdf/a-3u"):
        folder = tmp_path_factory.mktemp(variant.replace("/", "-"))
        shutil.copy(SPEC, folder)
        code, output = build(folder, "--pdf-variant", variant)
        assert code == 0, output
        readers[variant] = PdfReader(folder / "out" / SPEC.stem / "synopsis.pdf")
    return readers


def xmp(reader: PdfReader) -> str:
    return str(reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8"))


def embedded_fonts(reader: PdfReader) -> tuple[set[str], set[str]]:
    names, embedded = set(), set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            names.add(font["/BaseFont"])
            parts = [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]
            for part in parts:
                descriptor = part.get("/FontDescriptor")
                if descriptor and any(k in descriptor.get_object()
                                      for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    embedded.add(font["/BaseFont"])
    return names, embedded


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/a-3u"])
def test_tagged_with_language_title_and_embedded_fonts(
    rendered: dict[str, PdfReader], variant: str
) -> None:
    reader = rendered[variant]
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True and "/StructTreeRoot" in root  # noqa: E712
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert "Rheumatoid Arthritis" in xmp(reader)  # dc:title, shown instead of the file name
    names, embedded = embedded_fonts(reader)
    assert names and names == embedded


def test_pdf_ua_1_declares_its_part(rendered: dict[str, PdfReader]) -> None:
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1<', xmp(rendered["pdf/ua-1"]))


def test_pdf_a_3u_declares_part_conformance_and_an_output_intent(
    rendered: dict[str, PdfReader],
) -> None:
    reader = rendered["pdf/a-3u"]
    text = xmp(reader)
    assert re.search(r'pdfaid:part="3"|<pdfaid:part>3<', text)
    assert re.search(r'pdfaid:conformance="U"|<pdfaid:conformance>U<', text)
    (intent,) = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    assert len(reader.trailer["/ID"]) == 2  # PDF/A requires a file identifier


def test_variant_from_the_configuration_and_in_the_cache_key(tmp_path: Path) -> None:
    shutil.copy(SPEC, tmp_path)
    (tmp_path / "protocolgen.toml").write_text('pdf-variant = "pdf/a-3u"\n')
    assert build(tmp_path)[0] == 0
    reader = PdfReader(tmp_path / "out" / SPEC.stem / "synopsis.pdf")
    assert "/OutputIntents" in reader.trailer["/Root"]
    # Another variant is another PDF: not "up to date".
    code, output = build(tmp_path, "--pdf-variant", "pdf/ua-1")
    assert code == 0 and "up to date" not in output
    assert "/OutputIntents" not in PdfReader(tmp_path / "out" / SPEC.stem / "synopsis.pdf")\
        .trailer["/Root"]


def test_unknown_variant_is_a_usage_error_and_a_config_finding(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(SPEC), "--pdf-variant", "pdf/x-4"])
    assert result.exit_code == 2 and "pdf/ua-1" in result.output
    shutil.copy(SPEC, tmp_path)
    (tmp_path / "protocolgen.toml").write_text('pdf-variant = "pdf/x-4"\n')
    checked = CliRunner().invoke(main, ["validate", str(tmp_path / SPEC.name)])
    assert "PG803" in checked.output and "pdf-variant" in checked.output
