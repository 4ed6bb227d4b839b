"""`brieftui add`: saving pages from a local HTTP server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import brieftui
from brieftui import fetch

PAGE = (Path(__file__).parent / "ingest" / "fixtures" / "web" / "harbour.html").read_bytes()
NO_CANONICAL = PAGE.replace(
    b'<link rel="canonical" href="https://post.example/news/harbour-dredging">', b""
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        routes = {
            "/news/harbour.html": (200, "text/html; charset=utf-8", NO_CANONICAL),
            "/pdf": (200, "application/pdf", b"%PDF-1.4 ..."),
            "/big": (200, "text/html", b"<p>" + b"x" * 5000),
            "/empty": (200, "text/html", b"   "),
        }
        if self.path in ("/to-file", "/to-ftp"):
            self.send_response(302)
            where = "file:///etc/passwd" if self.path == "/to-file" else "ftp://127.0.0.1/x"
            self.send_header("Location", where)
            self.end_headers()
            return
        if self.path == "/redirect":
            self.send_response(301)
            self.send_header("Location", "/news/harbour.html")
            self.end_headers()
            return
        if self.path == "/trickle":  # a few bytes at a time, never a read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(400):
                try:
                    self.wfile.write(b"<p>slow</p>")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.02)
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, ctype, body = routes.get(self.path, (404, "text/html", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.agents.append(self.headers.get("User-Agent"))  # type: ignore[attr-defined]


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.agents = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_saves_a_page_that_then_opens_with_its_url(server: str, tmp_path: Path) -> None:
    url = server + "/news/harbour.html"
    (result,) = fetch.add_pages([url], tmp_path / "brief", timeout=5)
    assert result.ok, result.reason
    assert result.path == tmp_path / "brief" / "127-0-0-1-harbour.html"
    assert result.line().startswith(f"saved {url} → ")
    doc = brieftui.load([result.path], cache=False).documents[0]
    assert doc.title == "Harbour dredging plan approved after two-year fight"
    assert doc.url == url  # from the saved-from comment: the page names no canonical URL


def test_never_overwrites(server: str, tmp_path: Path) -> None:
    (tmp_path / "127-0-0-1-harbour.html").write_text("mine", encoding="utf-8")
    url = server + "/news/harbour.html"
    results = fetch.add_pages([url, url], tmp_path, timeout=5)
    assert [r.path.name for r in results] == [
        "127-0-0-1-harbour-2.html",
        "127-0-0-1-harbour-3.html",
    ]
    assert (tmp_path / "127-0-0-1-harbour.html").read_text(encoding="utf-8") == "mine"


def test_follows_an_http_redirect(server: str, tmp_path: Path) -> None:
    (result,) = fetch.add_pages([server + "/redirect"], tmp_path, timeout=5)
    assert result.ok and result.path.name == "127-0-0-1-harbour.html"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/pdf", "not a web page (application/pdf)"),
        ("/missing", "HTTP 404"),
        ("/to-file", "HTTP 302: redirect not followed"),
        ("/loop", "HTTP 302: redirect not followed"),
        ("/to-ftp", "redirected to a refused URL: only http and https"),
        ("/empty", "the page is empty"),
    ],
)
def test_refusals_are_one_line(server: str, tmp_path: Path, path: str, reason: str) -> None:
    (result,) = fetch.add_pages([server + path], tmp_path, timeout=5)
    assert not result.ok and reason in result.reason
    assert "\n" not in result.line() and result.line().startswith("refused ")
    assert not list(tmp_path.iterdir())


def test_a_page_that_trickles_in_is_refused_at_the_deadline(server: str) -> None:
    """From a trial: a server sending 8 bytes a second held `brieftui add` for a minute
    although each read came within the 20 s timeout."""
    started = time.monotonic()
    with pytest.raises(fetch.Refused, match=r"longer than 0\.5 s"):
        fetch.fetch(server + "/trickle", timeout=5, deadline=0.5)
    assert time.monotonic() - started < 4


def test_size_cap(server: str, tmp_path: Path) -> None:
    (result,) = fetch.add_pages([server + "/big"], tmp_path, timeout=5, max_bytes=1000)
    assert not result.ok and "larger than" in result.reason


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/a",
        "javascript:alert(1)",
        "example.com/a",
        "http://",
        "data:text/html,hi",
    ],
)
def test_only_http_and_https(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a refused URL must not be fetched")

    monkeypatch.setattr(fetch, "_opener", no_network)
    (result,) = fetch.add_pages([url], tmp_path)
    assert not result.ok and result.reason


def test_sends_a_user_agent(server: str, tmp_path: Path) -> None:
    import urllib.request

    seen: list[str] = []
    original = urllib.request.OpenerDirector.open

    def spy(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(request.get_header("User-agent"))
        return original(self, request, *args, **kwargs)

    urllib.request.OpenerDirector.open = spy  # type: ignore[method-assign]
    try:
        fetch.add_pages([server + "/news/harbour.html"], tmp_path, timeout=5)
    finally:
        urllib.request.OpenerDirector.open = original  # type: ignore[method-assign]
    assert seen and seen[0].startswith("brieftui/")


def test_file_stem_is_safe() -> None:
    assert (
        fetch.file_stem("https://www.Example.com/a/../News/Big%20Story.html?x=1")
        == "example-com-big-20story"
    )
    assert fetch.file_stem("https://example.com/") == "example-com"
    assert "/" not in fetch.file_stem("https://example.com/..%2F..%2Fetc%2Fpasswd")


def test_fetch_is_the_only_module_that_can_reach_the_network() -> None:
    import ast

    src = Path(fetch.__file__).resolve().parent
    network = {"urllib.request", "http.client", "socket", "ssl", "requests", "urllib3", "httpx"}
    offenders = []
    for path in src.rglob("*.py"):
        if path.name == "fetch.py" and path.parent == src:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            offenders += [f"{path.name}: {n}" for n in names if n in network]
    assert offenders == []


def test_a_folder_is_made_only_inside_one_that_exists_and_checked_before_fetching(
    server: str, tmp_path: Path, capsys
) -> None:
    """From a trial: `add --to /nonexistent` made /nonexistent (parents and all) and
    `--to` an existing file fetched the page before refusing it. A new brief folder is
    made inside an existing one; anything else is a usage error before any fetch."""
    from brieftui.cli.main import main

    url = server + "/news/harbour.html"
    fresh = tmp_path / "new-brief"
    (result,) = fetch.add_pages([url], fresh, timeout=5)
    assert result.ok and result.path is not None and result.path.parent == fresh

    deep = tmp_path / "no" / "such" / "folder"
    (refused,) = fetch.add_pages([url], deep, timeout=5)
    assert not refused.ok and "create it first" in (refused.reason or "")
    assert not (tmp_path / "no").exists()

    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    capsys.readouterr()
    assert main(["add", url, "--to", str(deep)]) == 2
    assert main(["add", url, "--to", str(a_file), "--json"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert "create it first" in err[0] and '"error"' in err[1] and "not a folder" in err[1]
    assert main(["add", url, "--to", ""]) == 2  # an unset $DIR: not the current folder
    assert main(["add", url, "--to", str(a_file / "sub")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert "--to is empty" in err[0] and f"{a_file} is not a folder" in err[1]
    assert not (tmp_path / "no").exists() and a_file.read_text(encoding="utf-8") == "mine"
