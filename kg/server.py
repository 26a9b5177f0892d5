"""Run the ``oxigraph`` server binary: start, wait until it answers, stop.

>>> with OxigraphServer() as server:          # doctest: +SKIP
...     print(server.query_url)
http://127.0.0.1:40123/query

The binary comes with the ``oxigraph`` PyPI package and sits next to the venv's
Python; ``bulk_load`` uses its offline loader, which needs the server stopped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from kg.errors import StoreError

__all__ = ["DEFAULT_PORT", "OxigraphServer", "bulk_load", "find_oxigraph", "free_port", "port_free"]

_STDERR_TAIL = 2000
DEFAULT_PORT = 7878
"""Oxigraph's own default port, which ``kg serve`` takes when it is free."""


def _clean_stderr(text: str) -> str:
    """The binary's message without a Rust backtrace, cut to a readable length."""
    text = text.split("Stack backtrace:")[0].strip()
    return text[-_STDERR_TAIL:]


def find_oxigraph() -> Path:
    """Return the ``oxigraph`` binary: next to ``sys.executable`` first, then on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise StoreError(
        "The oxigraph server binary was not found next to "
        f"{sys.executable} or on PATH. Install it with: pip install oxigraph"
    )


def free_port(host: str = "127.0.0.1") -> int:
    """Ask the OS for a TCP port that is free right now on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_free(host: str, port: int) -> bool:
    """Whether a server could listen on ``host:port`` now.

    SO_REUSEADDR, as the oxigraph binary (Rust's std) sets it: connections of a
    server stopped a moment ago (TIME_WAIT) do not count as "in use".
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


class OxigraphServer:
    """A context manager around ``oxigraph serve`` on ``host:port``.

    ``location`` is the on-disk database folder (created if missing); ``None`` keeps
    the data in memory. ``port=None`` picks a free port; with ``fallback``, a busy
    ``port`` is replaced by a free one (``moved_from`` then holds the busy port).
    ``union_default_graph`` serves the union of all graphs as the default graph.
    """

    def __init__(
        self,
        location: Path | None = None,
        port: int | None = None,
        host: str = "127.0.0.1",
        *,
        timeout: float = 20.0,
        union_default_graph: bool = False,
        fallback: bool = False,
    ) -> None:
        self.location = Path(location) if location is not None else None
        self.host = host
        self.port = port if port is not None else free_port(host)
        self.timeout = timeout
        self.union_default_graph = union_default_graph
        self.fallback = fallback
        self.moved_from: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base_url}/store"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> OxigraphServer:
        """Start the server and wait until ``/query`` answers; raise StoreError if not."""
        if self.is_running():
            return self
        binary = find_oxigraph()
        if not port_free(self.host, self.port) and self.fallback:
            self.moved_from, self.port = self.port, free_port(self.host)
        if not port_free(self.host, self.port):
            raise StoreError(
                f"Port {self.port} on {self.host} is already in use; choose another with "
                "--port or leave it out to pick a free one."
            )
        command = [str(binary), "serve", "--bind", f"{self.host}:{self.port}"]
        if self.location is not None:
            command += ["--location", str(self.location)]
        if self.union_default_graph:
            command.append("--union-default-graph")
        self._stderr = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr
            )
        except OSError as err:
            raise StoreError(f"Could not run {binary}: {err}") from err
        self._wait_ready()
        return self

    def _stderr_text(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", errors="replace")
        return _clean_stderr(text)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.timeout
        probe = f"{self.query_url}?query=ASK%7B%7D"
        delay = 0.01
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                stderr = self._stderr_text()
                self._close_stderr()
                raise StoreError(
                    f"oxigraph serve exited with code {self._process.returncode} before "
                    f"answering on {self.base_url}. Its stderr: {stderr or '(empty)'}"
                )
            try:
                with urllib.request.urlopen(probe, timeout=1.0) as response:
                    if response.status == 200 and self.is_running():
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
        stderr = self._stderr_text()
        self.stop()
        raise StoreError(
            f"oxigraph serve did not answer on {self.query_url} within {self.timeout:.0f} s. "
            f"Its stderr: {stderr or '(empty)'}"
        )

    def stop(self, grace: float = 5.0) -> None:
        """Terminate the server (SIGTERM), kill it if it does not exit within ``grace`` s."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=grace)
        self._close_stderr()

    def _close_stderr(self) -> None:
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def bulk_load(location: Path, files: Sequence[Path], *, timeout: float | None = None) -> None:
    """Load RDF files into the on-disk store at ``location`` with ``oxigraph load``.

    The format is guessed from each file's extension. The server must be stopped
    (the database is locked while it runs). Raise StoreError quoting oxigraph's message.
    """
    if not files:
        return
    for path in files:
        if not Path(path).is_file():
            raise StoreError(f"Cannot bulk-load {path}: no such file.")
    location = Path(location)
    location.mkdir(parents=True, exist_ok=True)
    command = [str(find_oxigraph()), "load", "--location", str(location), "--file"]
    command += [str(path) for path in files]
    try:
        result = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as err:
        raise StoreError(f"oxigraph load did not finish within {timeout} s.") from err
    if result.returncode != 0:
        stderr = _clean_stderr(result.stderr.decode("utf-8", errors="replace"))
        hint = " Is a server running on this location? Stop it first." if "lock" in stderr else ""
        raise StoreError(
            f"oxigraph load into {location} failed (exit {result.returncode}): {stderr}{hint}"
        )
