"""Hostile spec text prints as text; templates errors are TemplateError; nothing is fetched."""

from __future__ import annotations

import copy
import io
import socket
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from protocolgen.api import check_source
from protocolgen.errors import TemplateError
from protocolgen.render.pdf import PdfRenderer
from protocolgen.render.synopsis_view import build_synopsis
from protocolgen.resources import data_dir

RICH = Path(__file__).parent / "fixtures" / "rich-soa.yaml"
TEMPLATES = data_dir("templates")


@pytest.fixture(scope="module")
def listener() -> Iterator[socket.socket]:
    """A local port that must never see a connection."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.setblocking(False)
        yield sock


def test_hostile_text_is_printed_and_fetches_nothing(listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    hostile = [
        '<img src="file:///etc/passwd">',
        f"<style>@import url(http://127.0.0.1:{port}/x)</style>",
        f'<img src="http://127.0.0.1:{port}/img.png">',
        "{{ 7*7 }}",
        "</td></tr></table>",
    ]
    checked = check_source(str(RICH))
    assert checked.document is not None
    data = copy.deepcopy(checked.document.data)
    data["identification"]["brief_title"] = " ".join(hostile)
    data["eligibility"]["inclusion"] = hostile
    data["locations"][0]["facility"] = hostile[2]
    data["schedule"]["activities"][0]["name"] = hostile[4]

    renderer = PdfRenderer([TEMPLATES])
    pdf = pypdf.PdfReader(io.BytesIO(renderer.render(data, [])))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)

    for item in hostile:
        assert item in text
    assert "root:x:0" not in text
    with pytest.raises(BlockingIOError):
        listener.accept()
    for url in renderer.fetcher.fetched:  # only ever template files
        assert url.startswith(TEMPLATES.as_uri())


def _user_templates(tmp_path: Path, source: str) -> Path:
    (tmp_path / "synopsis.html.j2").write_text(source, encoding="utf-8")
    return tmp_path


def _data() -> dict[str, object]:
    checked = check_source(str(RICH))
    assert checked.document is not None
    return checked.document.data  # type: ignore[no-any-return]


def test_template_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    user = _user_templates(tmp_path, "<html>\n<body>\n{% if %}\n</body></html>\n")
    with pytest.raises(TemplateError, match=r"synopsis\.html\.j2:3"):
        PdfRenderer([user, TEMPLATES]).render_html(_data(), [])


def test_undefined_name_names_template_and_line(tmp_path: Path) -> None:
    user = _user_templates(tmp_path, "<html>\n<body>\n\n{{ view.no_such_field }}\n</body></html>")
    with pytest.raises(TemplateError, match=r"synopsis\.html\.j2:4: .*no_such_field"):
        PdfRenderer([user, TEMPLATES]).render_html(_data(), [])


def test_template_asking_for_outside_file_stops(tmp_path: Path) -> None:
    user = _user_templates(
        tmp_path, '<html><body><img src="file:///etc/passwd"><p>x</p></body></html>')
    with pytest.raises(TemplateError, match="refused"):
        PdfRenderer([user, TEMPLATES]).render(_data(), [])


def test_build_date_only_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_synopsis(_data(), []).build_date == ""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_synopsis(_data(), []).build_date == "2023-11-14"
