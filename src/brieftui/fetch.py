"""``brieftui add URL...``: save web pages into a brief folder, as ``.html`` files.

This is the only code in brieftui that touches the network; opening a brief never
does. What it promises:

* only ``http`` and ``https`` URLs, also after a redirect (urllib would follow one to
  ``ftp:``); anything else is refused before a connection is made;
* a timeout per connection and read, a deadline for the whole page (a server that
  sends a few bytes a second never trips a read timeout), a size cap (checked against Content-Length and
  again while reading), at most :data:`MAX_REDIRECTS` redirects, a user agent that
  says what is asking;
* only web pages (``text/html``, ``application/xhtml+xml``) are saved;
* a safe file name from the URL (host and last path segment, letters, digits and
  dashes only), never overwriting a file: a name already taken gets ``-2``, ``-3``…,
  and the file is created with ``O_EXCL`` so a race cannot overwrite either;
* the page is saved as served, after a first line ``<!-- saved from url=(NNNN)URL -->``
  (the comment browsers write in a saved page), so the document keeps its URL even
  when the page names no canonical one;
* one line per URL: what was saved where, or why it was refused.

Only the standard library (``urllib``) is used.
"""

from __future__ import annotations

import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from urllib.parse import urlsplit

from brieftui import __version__
from brieftui.safe_text import display_path, visible

TIMEOUT = 20.0
DEADLINE = 60.0
"""Seconds a whole page may take, however steadily it trickles in."""
"""Seconds for connecting and for each read."""
MAX_BYTES = 10_000_000
"""The largest page saved."""
MAX_REDIRECTS = 5
USER_AGENT = f"brieftui/{__version__} (saves one page for offline reading; Python urllib)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16
_SLUG = re.compile(r"[^a-z0-9]+")


class Refused(Exception):
    """A URL that is not fetched or not saved, with the one-line reason."""


@dataclass(frozen=True, slots=True)
class Result:
    """What happened to one URL: saved to ``path``, or refused with ``reason``."""

    url: str
    path: Path | None = None
    size: int = 0
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.path is not None

    def line(self) -> str:
        """The one line shown for this URL (controls in the URL made visible)."""
        url = visible(self.url)
        if self.path is not None:
            return f"saved {url} → {visible(str(self.path))} ({self.size // 1024 + 1} KB)"
        return f"refused {url}: {visible(_one_line(self.reason or ''))}"


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host, else raise :class:`Refused`."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise Refused(f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme or "no scheme"
        raise Refused(f"only http and https URLs are fetched ({shown})")
    if not parts.hostname:
        raise Refused("the URL has no host")
    if any(ch.isspace() or not ch.isprintable() for ch in url.strip()):
        raise Refused("the URL holds spaces or control characters")
    return url.strip()


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects only to http(s), and at most :data:`MAX_REDIRECTS` of them."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        try:
            check_url(newurl)
        except Refused as exc:
            raise urllib.error.URLError(f"redirected to a refused URL: {exc}") from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    """An opener with only what http(s) needs: no file:, ftp: or data: handlers."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _SafeRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE,
) -> tuple[bytes, str]:
    """``(body, final URL)`` of a web page; :class:`Refused` with the reason otherwise."""
    url = check_url(url)
    give_up = time.monotonic() + deadline
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "identity",
        },
    )
    try:
        with _opener().open(request, timeout=timeout) as response:
            final = response.geturl()
            ctype = (response.headers.get_content_type() or "").lower()
            if response.headers.get("Content-Type") and ctype not in HTML_TYPES:
                raise Refused(f"not a web page ({ctype})")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise Refused(f"larger than {max_bytes // 1_000_000} MB")
            chunks: list[bytes] = []
            total = 0
            # read1: what has arrived, so the deadline is checked however slow the server
            while chunk := response.read1(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise Refused(f"larger than {max_bytes // 1_000_000} MB")
                chunks.append(chunk)
                if time.monotonic() > give_up:
                    raise Refused(f"took longer than {deadline:g} s in all")
    except Refused:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:  # a redirect urllib would not follow (loop, ftp:, file:)
            raise Refused(
                f"HTTP {exc.code}: redirect not followed ({_one_line(exc.msg)})"
            ) from None
        raise Refused(f"HTTP {exc.code} {_one_line(str(exc.reason))}") from None
    except urllib.error.URLError as exc:
        raise Refused(f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise Refused(f"timed out after {timeout:g} s") from None
    except (OSError, HTTPException, ValueError) as exc:
        raise Refused(f"cannot fetch: {exc}") from None
    body = b"".join(chunks)
    if not body.strip():
        raise Refused("the page is empty")
    return body, final


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def file_stem(url: str) -> str:
    """A safe file stem from a URL: ``host-last-segment``, lower-case letters, digits, dashes."""
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1] if segments else ""
    last = re.sub(r"\.(?:html?|xhtml|php|aspx?|jsp)$", "", last, flags=re.IGNORECASE)
    stem = _SLUG.sub("-", f"{host}-{last}".lower()).strip("-")
    return stem[:80].strip("-") or "page"


def save(body: bytes, url: str, folder: Path) -> Path:
    """Write the page to a new file in ``folder``; never overwrites an existing file."""
    stem = file_stem(url)
    header = f"<!-- saved from url=({len(url):04d}){url} -->\n".encode()
    for n in range(1, 10_000):
        path = folder / (f"{stem}.html" if n == 1 else f"{stem}-{n}.html")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(header + body)
        return path
    raise Refused("no free file name")


def folder_problem(folder: Path) -> str | None:
    """Why pages cannot be saved into ``folder``, or None: it is a folder, or a new one
    whose parent folder exists."""
    shown = display_path(folder)
    if folder.is_dir():
        return None
    if folder.exists() or folder.is_symlink():
        return f"{shown} is not a folder"
    parent = folder.parent
    if parent.exists() and not parent.is_dir():
        return f"{display_path(parent)} is not a folder"
    if not parent.is_dir():
        return f"no folder {display_path(parent)} to make {shown} in (create it first)"
    return None


def add_pages(
    urls: Iterable[str],
    folder: Path,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> list[Result]:
    """Fetch and save each URL into ``folder``; one result each.

    The folder is made when missing, but only inside a folder that exists (as ``mkdir``
    without ``-p``), and before anything is fetched it must be able to be one: a
    mistyped ``--to ~/brefs/x`` is refused, not the start of a new tree of folders.
    """
    problem = folder_problem(folder)
    if problem is not None:
        return [Result(url, reason=problem) for url in urls]
    results: list[Result] = []
    folder_ready = False
    for url in urls:
        try:
            body, final = fetch(url, timeout=timeout, max_bytes=max_bytes)
            if not folder_ready:
                try:
                    folder.mkdir(exist_ok=True)
                except OSError as exc:
                    raise Refused(
                        f"cannot create {display_path(folder)}: {exc.strerror or exc}"
                    ) from None
                folder_ready = True
            try:
                path = save(body, check_url(final) if final else url, folder)
            except OSError as exc:
                raise Refused(
                    f"cannot write into {display_path(folder)}: {exc.strerror or exc}"
                ) from None
            results.append(Result(url, path, len(body)))
        except Refused as exc:
            results.append(Result(url, reason=str(exc)))
    return results
