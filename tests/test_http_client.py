"""kg.http_client: retries with backoff and Retry-After, explicit auth, one-line errors.

A small real HTTP server on 127.0.0.1 (stdlib http.server in a thread) plays the
misbehaving store: it fails a set number of times, asks for credentials, or hangs.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.errors import CredentialsError, QueryError, StoreError, UnreachableError, UsageError
from kg.http_client import HttpClient, check_url
from kg.server import free_port


class Handler(BaseHTTPRequestHandler):
    """``/flaky/N`` fails N times with 503 then answers; ``/basic`` wants user:pw;
    ``/slow`` answers after 2 s; ``/missing`` is 404."""

    seen: dict[str, int] = {}

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self, status: int, body: bytes = b"ok", headers: dict[str, str] | None = None):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        count = self.seen[self.path] = self.seen.get(self.path, 0) + 1
        if self.path.startswith("/flaky/"):
            failures = int(self.path.rsplit("/", 1)[1])
            if count <= failures:
                self._answer(503, b"busy", {"Retry-After": "0"})
            else:
                self._answer(200)
        elif self.path == "/basic":
            expected = "Basic " + base64.b64encode(b"user:pw").decode()
            if self.headers.get("Authorization") == expected:
                self._answer(200)
            else:
                self._answer(401, b"who are you", {"WWW-Authenticate": 'Basic realm="kg"'})
        elif self.path == "/slow":
            time.sleep(2)
            self._answer(200)
        else:
            self._answer(404, b"<html><b>no such</b> endpoint</html>")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_5xx_is_retried_until_it_works(base: str) -> None:
    client = HttpClient(retries=3, backoff=0.01)
    assert client.request("POST", base + "/flaky/2", data={"q": "x"}).status_code == 200
    assert Handler.seen["/flaky/2"] == 3


def test_5xx_after_the_retries_quotes_the_server(base: str) -> None:
    client = HttpClient(retries=1, backoff=0.01, error=QueryError)
    with pytest.raises(QueryError, match="failed with 503: busy"):
        client.request("GET", base + "/flaky/5")
    assert Handler.seen["/flaky/5"] == 2


def test_refused_credentials_are_a_credentials_error(base: str) -> None:
    with pytest.raises(CredentialsError, match="refused the credentials .401.*KG_STORE_USER"):
        HttpClient(retries=0).request("GET", base + "/basic")
    with pytest.raises(CredentialsError, match="--auth digest"):
        HttpClient(("user", "wrong"), auth_scheme="basic", retries=0).request(
            "GET", base + "/basic"
        )
    assert CredentialsError("x").exit_code == 2


def test_auth_is_explicit_or_read_from_the_challenge(base: str) -> None:
    explicit = HttpClient(("user", "pw"), auth_scheme="basic", retries=0)
    assert explicit.request("GET", base + "/basic").status_code == 200
    negotiated = HttpClient(("user", "pw"), auth_scheme="auto", retries=0)
    assert negotiated.request("GET", base + "/basic").status_code == 200  # Basic challenge
    with pytest.raises(UsageError, match="basic, digest"):
        HttpClient(("user", "pw"), auth_scheme="kerberos")


def test_timeouts_and_unreachable_servers_are_one_line(base: str) -> None:
    with pytest.raises(UnreachableError, match="no answer within 0.3 s"):
        HttpClient(timeout=0.3, retries=0).request("GET", base + "/slow")
    closed = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(UnreachableError, match="Cannot reach .*Connection refused.* 2 attempts"):
        HttpClient(retries=1, backoff=0.01).request("GET", closed)
    assert issubclass(UnreachableError, StoreError) and UnreachableError("x").exit_code == 2


def test_other_refusals_quote_the_server_without_markup(base: str) -> None:
    with pytest.raises(StoreError, match="failed with 404: no such endpoint"):
        HttpClient(retries=0).request("GET", base + "/missing")


@pytest.mark.parametrize("url", ["127.0.0.1:7878/store", "localhost/query", "ftp://h/x", ""])
def test_urls_without_http_scheme_are_usage_errors(url: str) -> None:
    with pytest.raises(UsageError, match="no http:// or https:// scheme"):
        check_url(url)
