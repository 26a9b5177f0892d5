"""The extraction vocabularies: ``kg/data/lexicon/``, one file per vocabulary, read here only.

Every word list, table and gazetteer the rules use is a data file, so adding a word is one
line in one file and no code change. Four formats, by suffix:

- ``NAME.txt``: a word list, one entry a line (``words("speech_verbs")``);
- ``NAME.tsv``: a table whose first non-comment line names the columns
  (``table("demonyms")`` -> {first column: second column}, ``rows("event_types")`` -> dicts,
  ``numbers("count_words")`` -> {first column: int or float});
- ``NAME.json``: structured data with an ``"_about"`` entry (``data("triggers")``);
- ``NAME.jsonl``: one JSON object a line (``records("names")``).

Text files open with ``#`` lines saying what the vocabulary is for (required); ``#`` lines
after them are comments. Each file is validated when first read (no empty, padded or
repeated entries; every table row with every column) and cached; a broken file raises
LexiconError naming the file and the line. ``check()`` reads them all.

>>> "say" in words("speech_verbs")
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from importlib.abc import Traversable

from ..errors import LexiconError

__all__ = ["check", "data", "groups", "names", "numbers", "records", "rows", "table", "words"]

SUFFIXES = (".txt", ".tsv", ".json", ".jsonl")


def _folder() -> Traversable:
    return resources.files("kg") / "data" / "lexicon"


def _file(name: str, suffix: str) -> Traversable:
    path = _folder() / f"{name}{suffix}"
    if not path.is_file():
        known = ", ".join(names()) or "none"
        raise LexiconError(
            f"no vocabulary {name}{suffix} in kg/data/lexicon/ (known: {known}); "
            "add the file or correct the name"
        )
    return path


def _lines(name: str, suffix: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the entries of a text vocabulary, after its header."""
    text = _file(name, suffix).read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#"):
        raise LexiconError(
            f"kg/data/lexicon/{name}{suffix}: line 1 must be a '#' header saying what the "
            "vocabulary is for"
        )
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        yield number, line


def _bad(name: str, suffix: str, number: int, what: str) -> LexiconError:
    return LexiconError(f"kg/data/lexicon/{name}{suffix}, line {number}: {what}")


@cache
def words(name: str) -> frozenset[str]:
    """The entries of the word list ``NAME.txt``."""
    seen: dict[str, int] = {}
    for number, line in _lines(name, ".txt"):
        if line != line.strip() or "\t" in line:
            raise _bad(name, ".txt", number, f"{line!r} has padding or a tab")
        if line in seen:
            raise _bad(name, ".txt", number, f"{line!r} repeats line {seen[line]}")
        seen[line] = number
    return frozenset(seen)


#: Whitespace at either end of the line or of a cell (a tab's neighbour).
_PADDED = re.compile(r"\A\s|\s\Z|\s\t|\t\s")


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of the table ``NAME.tsv`` as dicts keyed by its column names."""
    lines = _lines(name, ".tsv")
    try:
        _, header = next(lines)
    except StopIteration:
        raise LexiconError(f"kg/data/lexicon/{name}.tsv: no column names") from None
    columns = header.split("\t")
    out, seen = [], {}
    for number, line in lines:
        cells = line.split("\t")
        # a cell padded or empty (as ``any(c != c.strip() or not c ...)``, one regex a line)
        if len(cells) != len(columns) or "" in cells or _PADDED.search(line):
            raise _bad(name, ".tsv", number, f"needs {len(columns)} non-empty cells {columns}")
        if cells[0] in seen:
            raise _bad(name, ".tsv", number, f"{cells[0]!r} repeats line {seen[cells[0]]}")
        seen[cells[0]] = number
        out.append(dict(zip(columns, cells, strict=True)))
    return tuple(out)


@cache
def table(name: str) -> dict[str, str]:
    """The table ``NAME.tsv`` as {first column: second column}."""
    out = {}
    for row in rows(name):
        key, value, *_ = row.values()
        out[key] = value
    return out


@cache
def groups(name: str, column: str) -> tuple[frozenset[str], ...]:
    """The first-column entries of ``NAME.tsv`` grouped by ``column``, groups in the order
    they first appear; rows whose ``column`` is ``-`` belong to no group.

    >>> groups("event_types", "group")[1] == {"Offensive", "Advance", "Encirclement"}
    True
    """
    members: dict[str, list[str]] = {}
    for row in rows(name):
        if column not in row:
            raise LexiconError(f"kg/data/lexicon/{name}.tsv: no column {column!r}")
        if row[column] != "-":
            members.setdefault(row[column], []).append(next(iter(row.values())))
    return tuple(frozenset(m) for m in members.values())


@cache
def numbers(name: str) -> dict[str, int | float]:
    """The table ``NAME.tsv`` as {first column: the number in its second column}.

    A number with a decimal point is a float ("0.5"), any other an int ("12").
    """
    out: dict[str, int | float] = {}
    for key, value in table(name).items():
        try:
            out[key] = float(value) if "." in value else int(value)
        except ValueError:
            raise LexiconError(
                f"kg/data/lexicon/{name}.tsv: {key!r} has {value!r}, which is no number"
            ) from None
    return out


@cache
def data(name: str) -> dict:
    """The structured vocabulary ``NAME.json`` (an object with an ``"_about"`` entry)."""
    path = _file(name, ".json")
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise LexiconError(f"kg/data/lexicon/{name}.json: not valid JSON ({exc})") from None
    if not isinstance(value, dict) or not isinstance(value.get("_about"), str):
        raise LexiconError(f"kg/data/lexicon/{name}.json: must be an object with an '_about' text")
    return value


@cache
def records(name: str) -> tuple[dict, ...]:
    """The objects of ``NAME.jsonl``, one a line (``#`` header lines first)."""
    out = []
    for number, line in _lines(name, ".jsonl"):
        try:
            value = json.loads(line)
        except ValueError as exc:
            raise _bad(name, ".jsonl", number, f"not valid JSON ({exc})") from None
        if not isinstance(value, dict):
            raise _bad(name, ".jsonl", number, "must be a JSON object")
        out.append(value)
    return tuple(out)


def names() -> list[str]:
    """Every vocabulary file, as ``NAME.suffix``."""
    return sorted(p.name for p in _folder().iterdir() if p.name.endswith(SUFFIXES))


def check() -> list[str]:
    """Read and validate every vocabulary; the file names read. Raises LexiconError."""
    readers = {".txt": words, ".tsv": rows, ".json": data, ".jsonl": records}
    for file_name in names():
        stem, dot, suffix = file_name.rpartition(".")
        readers[dot + suffix](stem)
    return names()
