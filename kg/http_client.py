"""The one HTTP layer of conflict-kg: a requests Session with urllib3 retries.

``kg load``, ``kg query --endpoint`` and the online linker (``kg.link.sparql``) all
talk to SPARQL servers through :class:`HttpClient`: connection errors, read errors and
the statuses 429/500/502/503/504 are retried with exponential backoff (urllib3's
``Retry``, which also honours ``Retry-After``); every request has a timeout; auth is
explicit (``basic`` or ``digest``), or ``auto``: one bodiless probe reads the server's
``WWW-Authenticate`` challenge (never a guess from the URL).

What goes wrong becomes one line from the error catalogue: a URL without a scheme is a
:class:`~kg.errors.UsageError`, an unreachable server an
:class:`~kg.errors.UnreachableError` and refused credentials a
:class:`~kg.errors.CredentialsError` (all exit 2); any other refusal quotes the server.

>>> client = HttpClient(retries=0)
>>> url = "http://127.0.0.1:7878/query"
>>> client.request("POST", url, data={"query": "ASK {}"})  # doctest: +SKIP
<Response [200]>
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth
from urllib3.util.retry import Retry

from kg.errors import CredentialsError, KgError, StoreError, UnreachableError, UsageError

__all__ = ["AUTH_SCHEMES", "RETRY_STATUSES", "HttpClient", "check_url", "server_message"]

AUTH_SCHEMES = ("auto", "basic", "digest")
RETRY_STATUSES = (429, 500, 502, 503, 504)
_USER_AGENT = "conflict-kg"


def check_url(url: str, what: str = "endpoint") -> str:
    """Return ``url`` if it is an absolute http(s) URL with a host; UsageError if not.

    >>> check_url("127.0.0.1:7878/store")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: [E001] ... did you mean http://127.0.0.1:7878/store ?
    """
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"The {what} URL {url!r} has no http:// or https:// scheme; "
            f"did you mean http://{url.strip().split('://')[-1]} ?"
        )
    return url.strip()


@dataclass
class HttpClient:
    """A Session with retries, a timeout, explicit auth and one-line errors.

    ``error`` is the catalogue class raised when a server refuses a request (a 4xx
    other than 401/403, or 5xx after the retries), so callers keep their own code.
    """

    auth: tuple[str, str] | None = None
    auth_scheme: str = "auto"
    timeout: float = 60.0
    retries: int = 3
    backoff: float = 0.25
    user_agent: str = _USER_AGENT
    error: type[KgError] = StoreError
    session: requests.Session = field(default_factory=requests.Session)
    requests_sent: int = 0
    _auth: AuthBase | None = field(default=None, repr=False)
    _negotiated: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        if self.auth_scheme not in AUTH_SCHEMES:
            raise UsageError(
                f"Unknown auth scheme {self.auth_scheme!r}: use {', '.join(AUTH_SCHEMES)}."
            )
        retry = Retry(
            total=self.retries,
            connect=self.retries,
            read=self.retries,
            status=self.retries,
            other=0,
            backoff_factor=self.backoff,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=None,  # our POSTs and PUTs replace whole graphs: idempotent
            raise_on_status=False,
            respect_retry_after_header=True,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = self.user_agent
        if self.auth and self.auth_scheme == "basic":
            self._auth, self._negotiated = HTTPBasicAuth(*self.auth), True
        elif self.auth and self.auth_scheme == "digest":
            self._auth, self._negotiated = HTTPDigestAuth(*self.auth), True

    def _negotiate(self, url: str) -> None:
        """``auto``: one bodiless probe; Digest if the server's challenge asks for it."""
        if self._negotiated or not self.auth:
            return
        self._negotiated = True
        challenge = self.probe(url).get("WWW-Authenticate", "").lower()
        auth_class = HTTPDigestAuth if challenge.startswith("digest") else HTTPBasicAuth
        self._auth = auth_class(*self.auth)

    def probe(self, url: str) -> Mapping[str, str]:
        """The headers of a ``HEAD`` (any status); UnreachableError if nobody answers."""
        return self._send("HEAD", url, auth=None, timeout=min(self.timeout, 30)).headers

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        check_url(url)
        self.requests_sent += 1
        kwargs.setdefault("timeout", self.timeout)
        try:
            return self.session.request(method, url, **kwargs)
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema) as err:
            raise UsageError(f"The URL {url!r} is not valid: {err}") from None
        except requests.RequestException as err:
            if not _timed_out(err):
                raise UnreachableError(
                    f"Cannot reach {_short(url)} ({_reason(err)}) after {self.retries + 1} "
                    "attempts. Is the server running and the URL right?"
                ) from None
            raise UnreachableError(
                f"{_short(url)} gave no answer within {kwargs['timeout']:g} s "
                f"({self.retries + 1} attempts); is the server busy? Give a longer --timeout."
            ) from None

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send one request (retried as configured); raise a one-line catalogue error."""
        self._negotiate(url)
        response = self._send(method, url, auth=self._auth, **kwargs)
        if response.status_code in (401, 403):
            hint = (
                "Set KG_STORE_USER and KG_STORE_PASSWORD (or --user, or a ~/.netrc entry) "
                "for a user allowed to do this"
            )
            if self.auth:
                hint += ", or try --auth digest / --auth basic"
            raise CredentialsError(
                f"{_short(url)} refused the credentials ({response.status_code}): "
                f"{server_message(response)} {hint}."
            )
        if response.status_code >= 400:
            raise self.error(
                f"{method} {_short(url)} failed with {response.status_code}: "
                f"{server_message(response)}"
            )
        return response


def _timed_out(err: Exception) -> bool:
    """Whether a request failed on a timeout (urllib3 wraps a read timeout in retries)."""
    if isinstance(err, requests.Timeout):
        return True
    reason = getattr(err.args[0], "reason", None) if err.args else None
    return isinstance(reason, urllib3.exceptions.TimeoutError) and not isinstance(
        reason,
        urllib3.exceptions.NewConnectionError,  # a refused connection, in urllib3 2
    )


def _reason(err: Exception) -> str:
    text = str(err)
    match = re.search(r"\[Errno -?\d+\] [^'\")]+", text)
    if match:
        return match.group(0).strip()
    for known in ("Connection refused", "Name or service not known", "timed out"):
        if known in text:
            return known
    return text[:200]


def _short(url: str) -> str:
    return url if len(url) < 160 else url[:157] + "..."


def server_message(response: requests.Response) -> str:
    """The server's error text, tags and runs of space removed, cut to 500 characters."""
    text = re.sub(r"<[^>]+>", " ", response.text or "")
    text = re.sub(r"\s+", " ", text).strip()
    return (text[:500] + "...") if len(text) > 500 else (text or response.reason or "")
