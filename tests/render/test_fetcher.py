"""The restrictive WeasyPrint fetcher: template files in, everything else out."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint.urls import FatalURLFetchingError, fetch

from protocolgen.render.fetcher import RefusedURL, RestrictedFetcher
from protocolgen.resources import data_dir

TEMPLATES = data_dir("templates")


@pytest.fixture
def fetcher() -> RestrictedFetcher:
    return RestrictedFetcher([TEMPLATES])


def test_serves_a_template_file(fetcher: RestrictedFetcher) -> None:
    url = (TEMPLATES / "synopsis.css").as_uri()
    response = fetcher.fetch(url)
    assert b"@page" in response.read()
    assert response.content_type == "text/css"
    assert fetcher.fetched == [url]


def test_serves_data_urls(fetcher: RestrictedFetcher) -> None:
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.org/font.woff2",
        "ftp://example.org/x",
        "file://otherhost/etc/passwd",
        "/etc/passwd",
    ],
)
def test_refuses_anything_else(fetcher: RestrictedFetcher, url: str) -> None:
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.fetched == []


def test_refuses_dot_dot_escape(fetcher: RestrictedFetcher) -> None:
    # as_uri() would normalise the path, so the ../ is written into the URL by hand.
    url = TEMPLATES.as_uri() + "/../pyproject.toml"
    assert (TEMPLATES / ".." / "pyproject.toml").exists()
    with pytest.raises(RefusedURL, match="outside"):
        fetcher.fetch(url)
    with pytest.raises(RefusedURL):
        fetcher.fetch(TEMPLATES.as_uri() + "/%2e%2e/pyproject.toml")


def test_refuses_symlink_pointing_out(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    root.mkdir()
    (root / "passwd.css").symlink_to("/etc/passwd")
    with pytest.raises(RefusedURL, match="outside"):
        RestrictedFetcher([root]).fetch((root / "passwd.css").as_uri())


def test_refusal_stops_weasyprint(fetcher: RestrictedFetcher) -> None:
    # fail_on_errors turns a refusal into a fatal error instead of a warning and a PDF
    # with a hole in it.
    with pytest.raises(FatalURLFetchingError), fetch(fetcher, "file:///etc/passwd"):
        pass
