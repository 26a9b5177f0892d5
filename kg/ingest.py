"""Ingest: files, folders, JSONL and standard input -> SourceDoc.

Supported inputs:

- ``.txt`` and ``.md``: one document; id = the file stem; metadata (date, url, title,
  publisher) from a sidecar ``<stem>.json`` or a front-matter block (``---`` lines at
  the top, ``key: value`` pairs). The text is the file as read (UTF-8, no newline
  translation), less the front matter and a leading byte-order mark.
- ``.html`` / ``.htm``: the main text, extracted by trafilatura; title, date and url
  from the page's metadata. Offsets refer to the extracted text.
- ``.jsonl`` (or gzipped, ``.jsonl.gz``): one JSON object a line with ``id``, ``text``
  and optional ``date``, ``url``, ``title``, ``publisher``; read lazily, a line at a
  time. A malformed line is reported and skipped.
- folders: every supported file below them, recursively, in sorted order.
- ``-``: standard input (JSONL if its first character is ``{``, else one text document).

Bad input never stops a batch: ``read_inputs`` yields a ``Failure`` for it and goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    MalformedInputError,
    TooLargeError,
)
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


def parse_date(value: object, where: str) -> dt.date | None:
    """An ISO date (``2022-09-09``, or the date part of a timestamp), or None."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise MalformedInputError(
            f"{where}: date {text!r} is not an ISO date; write it as YYYY-MM-DD"
        ) from None


def decode(data: bytes, where: str) -> str:
    """Bytes -> text, refusing empty, binary and non-UTF-8 input with a clear error."""
    if not data.strip():
        raise EmptyInputError(f"{where}: the file is empty; nothing to extract")
    if b"\x00" in data[:8192]:
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


def _front_matter(text: str, where: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def _sidecar(path: Path) -> dict:
    side = path.with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedInputError(f"{side}: metadata is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise MalformedInputError(f"{side}: metadata must be a JSON object")
    return meta


def _make_doc(doc_id: str, text: str, meta: dict, where: str, default_date) -> SourceDoc:
    if not text.strip():
        raise EmptyInputError(f"{where}: no text left to extract")
    date = parse_date(meta.get("date") or meta.get("published"), where) or default_date
    return SourceDoc(
        id=doc_id,
        text=text,
        date=date,
        url=str(meta["url"]) if meta.get("url") else None,
        title=str(meta["title"]) if meta.get("title") else None,
        publisher=str(meta["publisher"]) if meta.get("publisher") else None,
        source=where,
    )


def read_text_file(path: Path, default_date=None, max_bytes: int = MAX_BYTES) -> SourceDoc:
    text = decode(_read_bytes(path, max_bytes), str(path))
    front, text = _front_matter(text, str(path))
    meta = {**_sidecar(path), **front}
    return _make_doc(str(meta.get("id") or path.stem), text, meta, str(path), default_date)


def html_to_doc(html: str, doc_id: str, where: str, default_date=None) -> SourceDoc:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise EmptyInputError(f"{where}: no main text found in the HTML page")
    meta: dict = {}
    info = trafilatura.extract_metadata(html)
    if info is not None:
        meta = {"title": info.title, "date": info.date, "url": info.url}
    try:
        parse_date(meta.get("date"), where)
    except MalformedInputError:
        meta["date"] = None
    return _make_doc(doc_id, text, meta, where, default_date)


def read_html_file(path: Path, default_date=None, max_bytes: int = MAX_BYTES) -> SourceDoc:
    html = decode(_read_bytes(path, max_bytes), str(path))
    doc = html_to_doc(html, path.stem, str(path), default_date)
    side = _sidecar(path)
    if side:
        doc = _make_doc(doc.id, doc.text, {**_meta_of(doc), **side}, str(path), default_date)
    return doc


def _meta_of(doc: SourceDoc) -> dict:
    return {"date": doc.date, "url": doc.url, "title": doc.title, "publisher": doc.publisher}


def iter_jsonl(
    lines: Iterable[str], where: str, default_date=None
) -> Iterator[SourceDoc | Failure]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise MalformedInputError(f"{at}: a line must be a JSON object")
            if not isinstance(record.get("text"), str):
                raise MalformedInputError(f'{at}: the record has no "text" string')
            doc_id = str(record.get("id") or f"{Path(where).stem}-{number}")
            yield _make_doc(doc_id, record["text"], record, at, default_date)
        except json.JSONDecodeError as exc:
            yield Failure(at, f"{at}: not valid JSON ({exc.msg})", MalformedInputError.code)
        except InputError as exc:
            yield Failure(at, exc.message, exc.code)


def _open_jsonl(path: Path, mode: str, **kwargs):
    """A JSONL file, read through gzip when it is a ``.jsonl.gz``."""
    if path.suffix.lower() == ".gz":
        import gzip

        return gzip.open(path, mode if mode == "rb" else "rt", **kwargs)
    return path.open(mode, **kwargs)


def read_jsonl_file(
    path: Path, default_date=None, max_bytes: int | None = None
) -> Iterator[SourceDoc | Failure]:
    """One document a line, read lazily (``.jsonl``, ``.ndjson``, or gzipped ``.jsonl.gz``)."""
    import gzip

    try:
        with _open_jsonl(path, "rb") as stream:
            head = stream.read(8192)
        if b"\x00" in head:
            raise BinaryInputError(f"{path}: looks like a binary file (it contains NUL bytes)")
        with _open_jsonl(path, "r", encoding="utf-8", newline="") as stream:
            yield from iter_jsonl(stream, str(path), default_date)
    except (gzip.BadGzipFile, EOFError) as exc:
        yield Failure(str(path), f"{path}: not a readable gzip file ({exc})", InputError.code)
    except UnicodeDecodeError as exc:
        yield Failure(str(path), f"{path}: not valid UTF-8 ({exc.reason})", EncodingError.code)
    except InputError as exc:
        yield Failure(str(path), exc.message, exc.code)


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


def _suffix(path: Path) -> str:
    """The file's type suffix; ``.jsonl`` for a gzipped JSONL file."""
    if path.name.lower().endswith(GZIP_SUFFIXES):
        return ".jsonl"
    return path.suffix.lower()


def _read_stdin(default_date) -> Iterator[SourceDoc | Failure]:
    data = sys.stdin.buffer.read()
    try:
        text = decode(data, "<stdin>")
    except InputError as exc:
        yield Failure("-", exc.message, exc.code)
        return
    if text.lstrip().startswith("{"):
        yield from iter_jsonl(text.splitlines(), "stdin", default_date)
        return
    front, text = _front_matter(text, "<stdin>")
    try:
        yield _make_doc(str(front.get("id") or "stdin"), text, front, "<stdin>", default_date)
    except InputError as exc:
        yield Failure("-", exc.message, exc.code)


def read_inputs(
    paths: Iterable[str | Path],
    *,
    default_date: dt.date | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[SourceDoc | Failure]:
    """Every document in ``paths``, in a stable order; a Failure for each bad one.

    Documents with a repeated id get ``-2``, ``-3``... appended so none is lost.
    """
    seen: dict[str, int] = {}
    for item in _expand(paths):
        for result in _read_one(item, default_date, max_bytes):
            if isinstance(result, SourceDoc):
                count = seen.get(result.id, 0) + 1
                seen[result.id] = count
                if count > 1:
                    result = SourceDoc(**{**result.__dict__, "id": f"{result.id}-{count}"})
            yield result


def _read_one(item: Path | str, default_date, max_bytes: int) -> Iterator[SourceDoc | Failure]:
    if item == "-":
        yield from _read_stdin(default_date)
        return
    path = Path(item)
    where = str(path)
    if not path.exists():
        yield Failure(where, f"{where}: no such file or folder", InputError.code)
        return
    suffix = _suffix(path)
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path, default_date)
        elif suffix in HTML_SUFFIXES:
            yield read_html_file(path, default_date, max_bytes)
        elif suffix in TEXT_SUFFIXES or suffix == "":
            yield read_text_file(path, default_date, max_bytes)
        else:
            raise InputError(
                f"{where}: unsupported file type {suffix!r}; "
                f"use one of {', '.join(sorted(SUPPORTED))}"
            )
    except InputError as exc:
        yield Failure(where, exc.message, exc.code)
    except OSError as exc:
        yield Failure(where, f"{where}: cannot be read ({exc.strerror})", InputError.code)
