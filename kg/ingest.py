"""Ingest: files, folders, JSONL and standard input -> SourceDoc.

Supported inputs:

- ``.txt`` and ``.md``: one document; id = the file stem; metadata (date, url, title,
  publisher) from a sidecar ``<stem>.json`` or a front-matter block (``---`` lines at
  the top, ``key: value`` pairs). The text is the file as read (UTF-8, no newline
  translation), less the front matter and a leading byte-order mark.
- ``.html`` / ``.htm``: the main text, extracted by trafilatura; title, date and url
  from the page's metadata. Offsets refer to the extracted text.
- ``.jsonl`` (or gzipped, ``.jsonl.gz``): one JSON object a line with ``id``, ``text``
  and optional ``date``,
  ``url``, ``title``, ``publisher``. A malformed line is reported and skipped; the
  other lines are read (a raw NUL or a bad byte costs only its own line, if that).
- folders: every supported file below them, recursively, in sorted order.
- ``-``: standard input (JSONL if its first character is ``{``, else one text document
  whose id is ``--id`` or ``stdin-<hash of its text>``).

Bad input never stops a batch: ``read_inputs`` yields a ``Failure`` for what cannot be
read at all and goes on. Bad metadata never costs a document: it is repaired or left
out with a warning (see :mod:`kg.repair` and :mod:`kg.pubdate`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import (
    W_CHARACTERS,
    W_DATE,
    W_DATE_RANGE,
    W_ID,
    W_METADATA,
    W_URL,
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    MalformedInputError,
    TooLargeError,
)
from .pubdate import read_date
from .repair import repair_url, scrub
from .types import Failure, SourceDoc

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
GZIP_SUFFIXES = (".jsonl.gz", ".ndjson.gz")
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
#: Largest input file read (bytes); larger files are reported and skipped.
MAX_BYTES = 50 * 1024 * 1024
META_KEYS = ("date", "url", "title", "publisher")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class ReadOptions:
    """How ``read_inputs`` reads, and the warnings it collects on the way."""

    default_date: dt.date | None = None
    dayfirst: bool = False
    max_bytes: int = MAX_BYTES
    stdin_id: str | None = None
    warnings: list[Failure] = field(default_factory=list)

    def warn(self, where: str, message: str, code: str) -> None:
        self.warnings.append(Failure(where, f"{where}: {message}", code))


def looks_binary(data: bytes) -> bool:
    """More than one NUL byte in a hundred (images, UTF-16): not text. A stray NUL in
    a text is replaced, with a warning, like any other control character."""
    head = data[:8192]
    return head.count(b"\x00") > max(1, len(head) // 100)


def decode(data: bytes, where: str) -> str:
    """Bytes -> text, refusing empty, binary and non-UTF-8 input with a clear error."""
    if not data.strip():
        raise EmptyInputError(f"{where}: the file is empty; nothing to extract")
    if looks_binary(data):
        raise BinaryInputError(
            f"{where}: looks like a binary file (it contains NUL bytes); "
            "give conflict-kg plain text, Markdown, HTML or JSONL"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{where}: not valid UTF-8 (byte {exc.start}); convert it first, "
            "e.g. iconv -f WINDOWS-1252 -t UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(
            f"{path}: {size:,} bytes is over the limit of {max_bytes:,}; split it "
            "(a JSONL file of one document a line reads any size) or raise --max-bytes"
        )
    return path.read_bytes()


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def _sidecar(path: Path, opts: ReadOptions) -> dict:
    """The sidecar ``<stem>.json``'s metadata; an unreadable one is a warning."""
    side = path.with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        opts.warn(str(side), f"metadata is not valid JSON ({exc}); left out", W_METADATA)
        return {}
    if not isinstance(meta, dict):
        opts.warn(str(side), "metadata must be a JSON object; left out", W_METADATA)
        return {}
    return meta


def _text(value: object, name: str, where: str, opts: ReadOptions) -> str | None:
    """A metadata field as text, control characters replaced; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dict | list):
        opts.warn(where, f"{name} is not text ({type(value).__name__}); left out", W_METADATA)
        return None
    text, bad = scrub(str(value))
    if bad:
        opts.warn(where, f"{name}: {bad} control character(s) replaced by U+FFFD", W_CHARACTERS)
    return text if text.strip() else None


def _url(value: object, where: str, opts: ReadOptions) -> str | None:
    if value is None or value == "" or isinstance(value, dict | list):
        return _text(value, "url", where, opts)
    url, note = repair_url(str(value))
    if note:
        shown = str(value).encode("utf-8", "backslashreplace").decode()
        action = "left out" if url is None else f"written as <{url}>"
        opts.warn(where, f"url {shown!r}: {note}; {action}", W_URL)
    return url


def _date(meta: dict, where: str, opts: ReadOptions) -> tuple[dt.date | None, str | None]:
    value = meta.get("date") or meta.get("published")
    reading = read_date(value, dayfirst=opts.dayfirst)
    if reading.problem:
        opts.warn(where, f"date {reading.problem}; the document is kept without it", W_DATE)
    if reading.literal:
        opts.warn(
            where,
            f"date {reading.literal} is outside years 1-9999; kept as a plain dcterms:date "
            "literal, not used to resolve relative dates",
            W_DATE_RANGE,
        )
    date = reading.date
    if date is None and reading.literal is None:
        date = opts.default_date
    return date, reading.literal


def _make_doc(doc_id: str, text: str, meta: dict, where: str, opts: ReadOptions) -> SourceDoc:
    text, bad = scrub(text)
    if bad:
        opts.warn(where, f"text: {bad} control character(s) or lone surrogate(s) replaced "
                  "by U+FFFD", W_CHARACTERS)  # fmt: skip
    if not text.strip():
        raise EmptyInputError(f"{where}: no text left to extract")
    date, literal = _date(meta, where, opts)
    return SourceDoc(
        id=doc_id,
        text=text,
        date=date,
        url=_url(meta.get("url"), where, opts),
        title=_text(meta.get("title"), "title", where, opts),
        publisher=_text(meta.get("publisher"), "publisher", where, opts),
        source=where,
        date_literal=literal,
    )


def _doc_id(value: object, fallback: str, where: str, opts: ReadOptions) -> str:
    """The id as given, control characters replaced and spaces trimmed, else ``fallback``."""
    given = "" if value is None or isinstance(value, dict | list) else str(value)
    clean, bad = scrub(given)
    clean = clean.strip()
    if bad or (given and clean != given):
        opts.warn(where, f"id repaired (control characters, spaces): now {clean!r}", W_ID)
    if not clean and given:
        opts.warn(where, f"id {given!r} is empty once repaired: now {fallback!r}", W_ID)
    return clean or fallback


def read_text_file(path: Path, opts: ReadOptions) -> SourceDoc:
    text = decode(_read_bytes(path, opts.max_bytes), str(path))
    front, text = _front_matter(text)
    meta = {**_sidecar(path, opts), **front}
    where = str(path)
    doc_id = _doc_id(meta.get("id") or path.stem, scrub(path.stem)[0], where, opts)
    return _make_doc(doc_id, text, meta, where, opts)


def _html(html: str, where: str) -> tuple[str, dict]:
    """The page's main text (trafilatura) and its title, date and url."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise EmptyInputError(f"{where}: no main text found in the HTML page")
    info = trafilatura.extract_metadata(html)
    if info is None:
        return text, {}
    return text, {"title": info.title, "date": info.date, "url": info.url}


def html_to_doc(html: str, doc_id: str, where: str, opts: ReadOptions) -> SourceDoc:
    text, meta = _html(html, where)
    return _make_doc(doc_id, text, meta, where, opts)


def read_html_file(path: Path, opts: ReadOptions) -> SourceDoc:
    """An HTML page; a sidecar .json's metadata wins over the page's own."""
    where = str(path)
    text, meta = _html(decode(_read_bytes(path, opts.max_bytes), where), where)
    meta = {**{k: v for k, v in meta.items() if v}, **_sidecar(path, opts)}
    doc_id = _doc_id(path.stem, scrub(path.stem)[0], where, opts)
    return _make_doc(doc_id, text, meta, where, opts)


def _stdin_id(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"stdin-{digest[:12]}"


def iter_jsonl(
    lines: Iterable[bytes], where: str, opts: ReadOptions, stdin: bool = False
) -> Iterator[SourceDoc | Failure]:
    """One document a line (lines as bytes: a bad byte costs its own line only)."""
    for number, raw in enumerate(lines, 1):
        at = f"{where}:{number}"
        try:
            line = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            message = f"{at}: not valid UTF-8 (byte {exc.start}); line skipped"
            yield Failure(at, message, EncodingError.code)
            continue
        if not line.strip():
            continue
        try:
            yield _jsonl_doc(line, number, at, where, opts, stdin)
        except json.JSONDecodeError as exc:
            yield Failure(at, f"{at}: not valid JSON ({exc.msg})", MalformedInputError.code)
        except InputError as exc:
            yield Failure(at, exc.message, exc.code)


def _jsonl_doc(line: str, number: int, at: str, where: str, opts, stdin: bool) -> SourceDoc:
    record = json.loads(line, strict=False)  # raw control characters are scrubbed later
    if not isinstance(record, dict):
        raise MalformedInputError(f"{at}: a line must be a JSON object")
    if not isinstance(record.get("text"), str):
        raise MalformedInputError(f'{at}: the record has no "text" string')
    if not stdin:
        fallback = f"{Path(where).stem}-{number}"
    elif opts.stdin_id:
        fallback = f"{opts.stdin_id}-{number}"
    else:
        fallback = _stdin_id(line)
    doc_id = _doc_id(record.get("id"), fallback, at, opts)
    return _make_doc(doc_id, record["text"], record, at, opts)


def _open_jsonl(path: Path):
    """A JSONL file in binary, read through gzip when it is a ``.jsonl.gz``."""
    if path.suffix.lower() == ".gz":
        import gzip

        return gzip.open(path, "rb")
    return path.open("rb")


def read_jsonl_file(path: Path, opts: ReadOptions) -> Iterator[SourceDoc | Failure]:
    """One document a line, read lazily (``.jsonl``, ``.ndjson``, or gzipped ``.jsonl.gz``)."""
    import gzip

    try:
        with _open_jsonl(path) as stream:
            if looks_binary(stream.read(8192)):
                raise BinaryInputError(f"{path}: looks like a binary file (it contains NUL bytes)")
            stream.seek(0)
            yield from iter_jsonl(stream, str(path), opts)
    except InputError as exc:
        yield Failure(str(path), exc.message, exc.code)
    except (gzip.BadGzipFile, EOFError) as exc:
        yield Failure(str(path), f"{path}: not a readable gzip file ({exc})", InputError.code)


def _suffix(path: Path) -> str:
    """The file's type suffix; ``.jsonl`` for a gzipped JSONL file."""
    if path.name.lower().endswith(GZIP_SUFFIXES):
        return ".jsonl"
    return path.suffix.lower()


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    for item in paths:
        if str(item) == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _suffix(child) in SUPPORTED:
                    yield child
        else:
            yield path


def _read_stdin(opts: ReadOptions) -> Iterator[SourceDoc | Failure]:
    data = sys.stdin.buffer.read()
    if data.lstrip().removeprefix(b"\xef\xbb\xbf").startswith(b"{"):
        yield from iter_jsonl(data.split(b"\n"), "<stdin>", opts, stdin=True)
        return
    try:
        text = decode(data, "<stdin>")
        front, body = _front_matter(text)
        given = opts.stdin_id or front.get("id")
        doc_id = _doc_id(given, _stdin_id(text), "<stdin>", opts)
        yield _make_doc(doc_id, body, front, "<stdin>", opts)
    except InputError as exc:
        yield Failure("-", exc.message, exc.code)


def read_inputs(
    paths: Iterable[str | Path],
    *,
    default_date: dt.date | None = None,
    max_bytes: int = MAX_BYTES,
    dayfirst: bool = False,
    stdin_id: str | None = None,
    warnings: list[Failure] | None = None,
) -> Iterator[SourceDoc | Failure]:
    """Every document in ``paths``, in a stable order; a Failure for each bad one.

    Repairs are appended to ``warnings`` (when given). A document whose id another one
    already has gets ``-2``, ``-3``... (the first not taken by any document of the batch).
    """
    opts = ReadOptions(default_date, dayfirst, max_bytes, stdin_id)
    if warnings is not None:
        opts.warnings = warnings
    results = [result for item in _expand(paths) for result in _read_one(item, opts)]
    yield from _unique_ids(results, opts)


def read_inputs_lazily(
    paths: Iterable[str | Path],
    *,
    default_date: dt.date | None = None,
    max_bytes: int = MAX_BYTES,
    dayfirst: bool = False,
    stdin_id: str | None = None,
    warnings: list[Failure] | None = None,
) -> Iterator[SourceDoc | Failure]:
    """``read_inputs``, holding one document at a time: the inputs are read twice, the
    first time keeping only the ids (to give repeated ids the same new ones); standard
    input, which cannot be read twice, is kept in memory."""
    paths = list(paths)
    stdin: dict[str, list] = {}

    def results(opts: ReadOptions, replay: bool) -> Iterator[SourceDoc | Failure]:
        for item in _expand(paths):
            if item != "-":
                yield from _read_one(item, opts)
                continue
            if not stdin:
                once = ReadOptions(default_date, dayfirst, max_bytes, stdin_id)
                stdin["docs"], stdin["warnings"] = list(_read_one(item, once)), once.warnings
            if replay:
                opts.warnings.extend(stdin["warnings"])
            yield from stdin["docs"]

    first = ReadOptions(default_date, dayfirst, max_bytes, stdin_id)
    taken = {r.id for r in results(first, False) if isinstance(r, SourceDoc)}
    opts = ReadOptions(default_date, dayfirst, max_bytes, stdin_id)
    if warnings is not None:
        opts.warnings = warnings
    yield from _unique_ids(results(opts, True), opts, taken)


def _unique_ids(
    results: Iterable[SourceDoc | Failure], opts: ReadOptions, taken: set[str] | None = None
) -> Iterator[SourceDoc | Failure]:
    if taken is None:
        results = list(results)
        taken = {r.id for r in results if isinstance(r, SourceDoc)}
    first: dict[str, str] = {}
    for result in results:
        if isinstance(result, SourceDoc):
            where = result.source or result.id
            if result.id in first:
                number = 2
                while f"{result.id}-{number}" in taken:
                    number += 1
                new = f"{result.id}-{number}"
                taken.add(new)
                opts.warn(
                    where,
                    f"id {result.id!r} is also the id of {first[result.id]}; "
                    f"this document is now {new!r}",
                    W_ID,
                )
                result = replace(result, id=new)
            first[result.id] = where
        yield result


def _read_one(item: Path | str, opts: ReadOptions) -> Iterator[SourceDoc | Failure]:
    if item == "-":
        yield from _read_stdin(opts)
        return
    path = Path(item)
    where = str(path)
    if not path.exists():
        yield Failure(where, f"{where}: no such file or folder", InputError.code)
        return
    suffix = _suffix(path)
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path, opts)
        elif suffix in HTML_SUFFIXES:
            yield read_html_file(path, opts)
        elif suffix in TEXT_SUFFIXES or suffix == "":
            yield read_text_file(path, opts)
        else:
            raise InputError(
                f"{where}: unsupported file type {suffix!r}; "
                f"use one of {', '.join(sorted(SUPPORTED))}"
            )
    except InputError as exc:
        yield Failure(where, exc.message, exc.code)
    except OSError as exc:
        yield Failure(where, f"{where}: cannot be read ({exc.strerror})", InputError.code)
