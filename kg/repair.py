"""Repairs for what documents bring in: characters no RDF store takes, and URLs.

- ``scrub``: lone surrogates (``\\ud800``, from JSON escapes or undecodable file names)
  and C0 control characters other than tab, line feed and carriage return (NUL, ESC,
  form feed...) are **replaced** by U+FFFD, one for one, so offsets into the text still
  match the input character for character.
- ``repair_url``: surrounding spaces and control characters are removed, a ``%`` that
  starts no escape becomes ``%25``, spaces and ``<>"{}|\\^``` are percent-encoded; a
  value that is still no absolute IRI (``not a url``, ``http://[bad/``, a space in the
  host) is refused with the reason.

>>> scrub("a\\x00b\\ud800")
('a\\ufffdb\\ufffd', 2)
>>> repair_url(" https://e.org/a b%zz ")
('https://e.org/a%20b%25zz', 'surrounding spaces removed; percent-encoded')
>>> repair_url("not a url")
(None, 'not an absolute URL (it has no scheme such as https:)')
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

REPLACEMENT = "\ufffd"
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\ud800-\udfff]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
_HOST = re.compile(r"[^\s<>\"{}|\\^`%\[\]@:/?#]+")
#: what ``url_iri`` leaves as it is: reserved characters and escapes
IRI_SAFE = ":/?#[]@!$&'()*+,;=%~"


def scrub(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates and C0 controls (not tab/LF/CR) replaced by U+FFFD,
    and how many were replaced."""
    clean, count = _BAD_CHARS.subn(REPLACEMENT, text)
    return clean, count


def url_iri(url: str) -> str:
    """The IRI written for a (repaired) url: non-ASCII and unsafe characters encoded."""
    return quote(url, safe=IRI_SAFE)


def repair_url(value: str) -> tuple[str | None, str | None]:
    """``(url, None)`` when it is fine, ``(url, what was repaired)``, or ``(None, why it
    cannot be used)``."""
    text = _BAD_CHARS.sub("", value)
    notes = ["control characters or lone surrogates removed"] if text != value else []
    if text.strip() != text:
        notes.append("surrounding spaces removed")
        text = text.strip()
    if not _SCHEME.match(text):
        return None, "not an absolute URL (it has no scheme such as https:)"
    fixed = _IRI_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", _LONE_PERCENT.sub("%25", text))
    if fixed != text:
        notes.append("percent-encoded")
    problem = _problem(text, fixed)
    if problem:
        return None, problem
    return fixed, "; ".join(notes) or None


def _problem(text: str, fixed: str) -> str | None:
    """Why the url is no usable IRI, or None."""
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # "Invalid IPv6 URL"
        return f"not a usable URL ({exc})"
    if text[len(parts.scheme) + 1 :].startswith("//") or parts.scheme in ("http", "https"):
        host = parts.hostname or ""
        if not host or not (_HOST.fullmatch(host) or _ip_literal(parts.netloc)):
            return "not a usable URL (no valid host name)"
    from pyoxigraph import NamedNode

    try:
        NamedNode(url_iri(fixed))
    except ValueError as exc:
        return f"not a valid IRI ({exc})"
    return None


def _ip_literal(netloc: str) -> bool:
    host = netloc.rsplit("@", 1)[-1]
    return bool(re.fullmatch(r"\[[0-9A-Fa-f:.]+\](?::\d*)?", host))
