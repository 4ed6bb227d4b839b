"""Single-file saved pages (``.mhtml``, ``.mht``) → the page's HTML bytes.

Chrome and Edge save a page as one MIME file ("Webpage, Single File"): a
``multipart/related`` message whose first ``text/html`` part is the page, the
images and styles after it, each part quoted-printable or base64. The HTML is taken
out here and read like any saved page (:mod:`brieftui.ingest.html`); the address the
page was saved from (``Snapshot-Content-Location``, or the part's
``Content-Location``) is put in front of it as a browser's ``<!-- saved from url=… -->``
comment, which :func:`~brieftui.ingest.html.saved_from` already reads.

Why not :mod:`email`: the file is untrusted and may be tens of megabytes of images.
This reads only the headers it needs, finds parts by ``bytes.find`` of the boundary
(linear, in C), and decodes one part, so its time is linear in the file and bounded
in what it keeps. Every failure is a ``ValueError`` with a one-line reason.
"""

from __future__ import annotations

import binascii
import re

MAX_MHTML_BYTES = 64_000_000
"""The largest single-file page read: its images come inline, so it is far larger than
the page's HTML (which :data:`~brieftui.ingest.html.MAX_HTML_BYTES` still bounds)."""
MAX_HEADER_BYTES = 64_000
"""Headers longer than this are not a saved page's (a browser writes a few lines)."""

_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))', re.IGNORECASE)
_CHARSET = re.compile(rb'charset\s*=\s*"?([A-Za-z0-9._:-]{1,40})', re.IGNORECASE)
_URL_SAFE = re.compile(r"[^\x21-\x7e]")


class NotMhtml(ValueError):
    """The file is not a single-file saved page brieftui can read."""


def _split_head(data: bytes) -> tuple[bytes, bytes]:
    """(headers, body) at the first blank line (CRLF or LF), the headers bounded."""
    window = data[: MAX_HEADER_BYTES + 4]
    ends = [(at, len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if (at := window.find(sep)) != -1]
    if not ends:
        raise NotMhtml("not a single-file web page (no MIME headers)")
    at, size = min(ends)
    return data[:at], data[at + size :]


def _headers(head: bytes) -> dict[str, bytes]:
    """Header name (lower case) → value, continuation lines joined; the first of each."""
    out: dict[str, bytes] = {}
    name = ""
    for line in head.replace(b"\r\n", b"\n").split(b"\n"):
        if line[:1] in (b" ", b"\t") and name:
            out[name] += b" " + line.strip()
            continue
        key, sep, value = line.partition(b":")
        if not sep:
            name = ""
            continue
        name = key.strip().decode("ascii", "replace").lower()
        if name in out:
            name = ""  # a repeated header: the first one counts
            continue
        out[name] = value.strip()
    return out


def _decode_body(body: bytes, encoding: bytes) -> bytes:
    encoding = encoding.strip().lower()
    try:
        if encoding == b"quoted-printable":
            return binascii.a2b_qp(body)
        if encoding == b"base64":
            return binascii.a2b_base64(body)
    except binascii.Error as exc:
        raise NotMhtml(f"the page's HTML part is damaged ({exc})") from None
    return body  # 7bit, 8bit, binary or none given


def _to_utf8(html: bytes, content_type: bytes) -> bytes:
    """The HTML as UTF-8 when its part names another charset (the page itself may not)."""
    m = _CHARSET.search(content_type)
    charset = m.group(1).decode("ascii").lower() if m else ""
    if not charset or charset.replace("-", "").replace("_", "") in ("utf8", "usascii", "ascii"):
        return html
    try:
        return html.decode(charset, errors="replace").encode("utf-8")
    except LookupError:
        return html  # an unknown charset: the page's own declaration decides


def _saved_from(url: bytes) -> bytes:
    """A browser's "saved from" comment for ``url`` (made ASCII-safe), or nothing."""
    text = _URL_SAFE.sub("", url.decode("ascii", "replace"))[:2000]
    if not text or "-->" in text:
        return b""
    return f"<!-- saved from url=({len(text):04d}){text} -->\n".encode("ascii")


def html_of_mhtml(data: bytes, limit: int) -> bytes:
    """The HTML of a single-file saved page, at most ``limit`` bytes once decoded, with
    the address it was saved from in front as a "saved from" comment.

    Raises :class:`NotMhtml` (a ``ValueError``) when the file has no MIME boundary or no
    HTML part, and ``OverflowError`` when the file or its HTML is too large.
    """
    if len(data) > MAX_MHTML_BYTES:
        raise OverflowError(f"larger than {MAX_MHTML_BYTES // 1_000_000} MB")
    head, body = _split_head(data)
    top = _headers(head)
    m = _BOUNDARY.search(top.get("content-type", b""))
    if m is None:
        raise NotMhtml("not a single-file web page (no multipart boundary)")
    delimiter = b"--" + (m.group(1) or m.group(2))
    url = top.get("snapshot-content-location", b"")
    at = body.find(delimiter)
    while at != -1:
        start = at + len(delimiter)
        if body[start : start + 2] == b"--":
            break  # the closing delimiter
        nxt = body.find(delimiter, start)
        part = body[start : nxt if nxt != -1 else len(body)]
        at = nxt
        part_head, part_body = _split_head(part.lstrip(b" \t").removeprefix(b"\r\n").lstrip(b"\n"))
        fields = _headers(part_head)
        content_type = fields.get("content-type", b"text/plain")
        if not content_type.lower().startswith(b"text/html"):
            continue
        if len(part_body) > 2 * limit + 4096:  # base64 and quoted-printable at most double it
            raise OverflowError(f"its page is larger than {limit // 1_000_000} MB")
        html = _to_utf8(
            _decode_body(part_body, fields.get("content-transfer-encoding", b"")), content_type
        )
        if len(html) > limit:
            raise OverflowError(f"its page is larger than {limit // 1_000_000} MB")
        return _saved_from(url or fields.get("content-location", b"")) + html
    raise NotMhtml("no HTML page inside the single-file web page")


__all__ = ["MAX_MHTML_BYTES", "NotMhtml", "html_of_mhtml"]
