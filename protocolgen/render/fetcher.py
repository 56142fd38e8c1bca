"""A WeasyPrint URL fetcher that reads only files inside the template and asset directories.

WeasyPrint fetches every ``url()`` and ``src`` it meets: stylesheets, fonts, images. Its
default fetcher follows ``file://`` anywhere on disk, plain HTTP(S) and redirects, so a
template that names a URL (or spec text that became markup by mistake) could read
``/etc/passwd`` into a PDF or call an internal address. :class:`RestrictedFetcher` allows:

* ``file:`` URLs whose real path (symlinks resolved) lies inside one of the allowed roots;
* ``data:`` URLs, which read nothing.

Everything else (network schemes, other files, ``../`` escapes, symlinks pointing out) is
refused with :class:`RefusedURL`. The fetcher is built with ``fail_on_errors=True`` so
WeasyPrint turns a refusal into a fatal error instead of a warning and a silently
incomplete PDF.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

#: Largest file the fetcher reads; a bundled font is well under this.
MAX_ASSET_BYTES = 64 * 1024 * 1024


class RefusedURL(ValueError):
    """Raised when a URL is outside what the fetcher allows."""


class RestrictedFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint is untyped
    """Fetch ``file:`` URLs under ``roots`` and ``data:`` URLs; refuse everything else.

    ``fetched`` records every URL served, so tests and callers can see what a render read.
    """

    def __init__(self, roots: Iterable[Path]) -> None:
        # allow_redirects=False and the protocol list are a second fence: fetch() below never
        # hands a network URL to urllib, but if a future WeasyPrint called the opener
        # directly, it would still refuse anything but file and data.
        super().__init__(
            timeout=5,
            allowed_protocols=("file", "data"),
            allow_redirects=False,
            fail_on_errors=True,
        )
        self.roots: tuple[Path, ...] = tuple(Path(r).resolve() for r in roots)
        self.fetched: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        """Serve ``url`` if allowed, otherwise raise :class:`RefusedURL`."""
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            response = super().fetch(url, headers)
        elif scheme == "file":
            response = self._file(url)
        else:
            raise RefusedURL(f"refused to fetch {url!r}: only bundled template files are read")
        self.fetched.append(url)
        return response

    def allows(self, path: Path) -> bool:
        """Whether ``path`` (after resolving ``..`` and symlinks) is inside an allowed root."""
        real = path.resolve()
        return any(real.is_relative_to(root) for root in self.roots)

    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        # file://host/path names a file on another machine (an SMB share on Windows).
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused to fetch {url!r}: remote file URL")
        path = Path(unquote(parts.path))
        if not path.is_absolute() or not self.allows(path):
            raise RefusedURL(f"refused to fetch {url!r}: outside the template directories")
        real = path.resolve()
        if not real.is_file():
            raise RefusedURL(f"refused to fetch {url!r}: not a regular file")
        if real.stat().st_size > MAX_ASSET_BYTES:
            raise RefusedURL(f"refused to fetch {url!r}: larger than {MAX_ASSET_BYTES} bytes")
        mime = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, real.read_bytes(), {"Content-Type": mime})
