"""The vocabularies (kg/data/lexicon/) and their one reader (kg/extract/lexicon.py)."""

from __future__ import annotations

import ast
import pathlib

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.errors import LexiconError
from kg.extract import lexicon
from kg.ontology import CKG, ID, PREFIXES
from kg.types import EVENT_TYPES

ROOT = pathlib.Path(__file__).resolve().parents[2]
READERS = (
    lexicon.words,
    lexicon.rows,
    lexicon.table,
    lexicon.numbers,
    lexicon.data,
    lexicon.records,
    lexicon.groups,
)


def _clear() -> None:
    for reader in READERS:
        reader.cache_clear()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """Point the reader at an empty tmp folder (caches cleared before and after)."""
    monkeypatch.setattr(lexicon, "_folder", lambda: tmp_path)
    _clear()
    yield tmp_path
    _clear()


def test_every_vocabulary_loads():
    read = lexicon.check()
    assert "speech_verbs.txt" in read and "triggers.json" in read and "names.jsonl" in read
    assert len(read) == len(list((ROOT / "kg/data/lexicon").glob("*.*"))) - 1  # README.md


def test_every_text_vocabulary_says_what_it_is_for():
    for path in (ROOT / "kg/data/lexicon").iterdir():
        if path.suffix in (".txt", ".tsv", ".jsonl"):
            assert path.read_text(encoding="utf-8").startswith("# "), path.name


def test_readme_lists_every_vocabulary():
    readme = (ROOT / "kg/data/lexicon/README.md").read_text(encoding="utf-8")
    for name in lexicon.names():
        assert f"| `{name}` |" in readme, name


def test_package_data_ships_the_folder():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/**/*"' in pyproject


def test_words_rows_table_numbers(folder):
    (folder / "w.txt").write_text("# what for\n# a comment\nalpha\n\nbeta\n", encoding="utf-8")
    (folder / "t.tsv").write_text("# what for\nword\tvalue\none\t1\nhalf\t0.5\n", "utf-8")
    assert lexicon.words("w") == {"alpha", "beta"}
    assert lexicon.rows("t") == ({"word": "one", "value": "1"}, {"word": "half", "value": "0.5"})
    assert lexicon.table("t") == {"one": "1", "half": "0.5"}
    numbers = lexicon.numbers("t")
    assert numbers == {"one": 1, "half": 0.5} and isinstance(numbers["one"], int)


def test_groups(folder):
    (folder / "g.tsv").write_text("# what for\nt\tg\na\tx\nb\t-\nc\ty\nd\tx\n", "utf-8")
    assert lexicon.groups("g", "g") == (frozenset({"a", "d"}), frozenset({"c"}))
    with pytest.raises(LexiconError, match="no column 'h'"):
        lexicon.groups("g", "h")


@pytest.mark.parametrize(
    ("file", "text", "line", "what"),
    [
        ("w.txt", "# what for\nalpha\nbeta\nalpha\n", 4, "repeats line 2"),
        ("w.txt", "# what for\nalpha\n beta\n", 3, "padding"),
        ("w.txt", "# what for\nalpha\nbeta \n", 3, "padding"),
        ("w.txt", "# what for\nal\tpha\n", 2, "tab"),
        ("t.tsv", "# what for\nword\tvalue\none\t1\ntwo\n", 4, "needs 2 non-empty cells"),
        ("t.tsv", "# what for\nword\tvalue\none\t1\t2\n", 3, "needs 2 non-empty cells"),
        ("t.tsv", "# what for\nword\tvalue\none\t\n", 3, "needs 2 non-empty cells"),
        ("t.tsv", "# what for\nword\tvalue\none\t1\none\t2\n", 4, "repeats line 3"),
        ("r.jsonl", '# what for\n{"a": 1}\n{"a": \n', 3, "not valid JSON"),
        ("r.jsonl", '# what for\n{"a": 1}\n[1]\n', 3, "must be a JSON object"),
    ],
)
def test_a_malformed_file_names_the_file_and_the_line(folder, file, text, line, what):
    (folder / file).write_text(text, encoding="utf-8")
    stem, suffix = file.split(".")
    reader = {"txt": lexicon.words, "tsv": lexicon.table, "jsonl": lexicon.records}[suffix]
    with pytest.raises(LexiconError) as caught:
        reader(stem)
    assert f"kg/data/lexicon/{file}, line {line}:" in str(caught.value)
    assert what in str(caught.value)
    with pytest.raises(LexiconError):
        lexicon.check()


@pytest.mark.parametrize("file", ["w.txt", "t.tsv", "r.jsonl"])
def test_a_file_without_its_header_is_refused(folder, file):
    (folder / file).write_text("alpha\n", encoding="utf-8")
    stem, suffix = file.split(".")
    reader = {"txt": lexicon.words, "tsv": lexicon.rows, "jsonl": lexicon.records}[suffix]
    with pytest.raises(LexiconError, match=rf"kg/data/lexicon/{file}: line 1 must be a '#'"):
        reader(stem)


def test_a_table_needs_column_names(folder):
    (folder / "t.tsv").write_text("# what for\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="t.tsv: no column names"):
        lexicon.rows("t")


def test_a_number_table_holds_numbers(folder):
    (folder / "n.tsv").write_text("# what for\nword\tvalue\nfew\tsome\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="n.tsv: 'few' has 'some', which is no number"):
        lexicon.numbers("n")


@pytest.mark.parametrize(
    ("text", "what"),
    [("{", "not valid JSON"), ('{"a": 1}', "'_about'"), ("[1]", "'_about'")],
)
def test_bad_json_is_refused(folder, text, what):
    (folder / "d.json").write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match="kg/data/lexicon/d.json") as caught:
        lexicon.data("d")
    assert what in str(caught.value)


def test_an_unknown_name_lists_the_known_ones(folder):
    (folder / "w.txt").write_text("# what for\nalpha\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"no vocabulary nope\.txt .*known: w\.txt"):
        lexicon.words("nope")
    with pytest.raises(LexiconError, match="known: w.txt"):
        lexicon.table("w")  # a word list is no table


# --- the vocabularies against the code and the ontology ------------------------------


def test_event_types_are_the_contract_classes():
    assert [row["type"] for row in lexicon.rows("event_types")] == list(EVENT_TYPES)


def test_event_type_codes_are_the_ontology_close_matches():
    """acled/plover/cameo columns = the class's skos:closeMatch in the ontology."""
    graph = Graph().parse(ROOT / "ontology/conflict-kg.ttl")
    codes = "https://w3id.org/conflict-kg/codes/"
    acled, plover, cameo = (Namespace(f"{codes}{s}#") for s in ("acled", "plover", "cameo"))

    def cell(values):
        return ", ".join(sorted(values)) or "-"

    for row in lexicon.rows("event_types"):
        matches = [str(m) for m in graph.objects(CKG[row["type"]], SKOS.closeMatch)]
        acled_codes = [m for m in matches if m.startswith(str(acled))]
        labels = [str(graph.value(URIRef(m), RDFS.label)) for m in acled_codes]
        assert sorted(row["acled_sub_event_type"].split(", ")) == sorted(labels or ["-"]), row
        assert row["plover"].split(", ") == sorted(
            m.removeprefix(str(plover)) for m in matches if m.startswith(str(plover))
        ) or ["-"], row
        assert (
            cell(m.removeprefix(str(cameo)) for m in matches if m.startswith(str(cameo)))
            == (row["cameo"])
        ), row
        assert (row["acled_event_type"] == "-") == (not acled_codes), row


def test_lenient_groups_come_from_event_types():
    from kg.evaluate import EVENT_GROUPS
    from kg.extract.events.triggers import LENIENT_GROUPS

    assert LENIENT_GROUPS[0] >= {"Attack", "Shelling", "Destruction"}
    assert list(LENIENT_GROUPS) == list(EVENT_GROUPS)
    assert len(LENIENT_GROUPS) == 5


def test_prefixes_agree_with_the_namespaces():
    assert PREFIXES["ckg"] == str(CKG._NS)
    assert PREFIXES["doc"] == ID + "doc/"
    assert all(ns.startswith(ID) for p, ns in PREFIXES.items() if p in ("person", "event", "rule"))


def test_the_lexicon_loads_without_spacy():
    import subprocess
    import sys

    code = (
        "import sys, kg.extract.lexicon, kg.ontology, kg.link.normalise;"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- no vocabulary left in code ------------------------------------------------------

#: Literal collections of more than this many strings belong in kg/data/lexicon/.
MAX_LITERAL_STRINGS = 12


def _strings(node: ast.AST) -> int:
    """How many string constants an element holds: 1 for "a", 3 for "a b c".split()."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return 1
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return len(node.func.value.value.split())
    return 0


def _size(node: ast.AST) -> int:
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        return sum(_strings(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return sum(_strings(k) for k in node.keys if k is not None)
    return _strings(node) if isinstance(node, ast.Call) else 0


def _exempt(tree: ast.AST) -> set[int]:
    """``__all__`` lists and ``Literal[...]`` subscripts."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                out.add(id(node.value))
        if isinstance(node, ast.Subscript):
            name = node.value
            if (isinstance(name, ast.Name) and name.id == "Literal") or (
                isinstance(name, ast.Attribute) and name.attr == "Literal"
            ):
                out.add(id(node.slice))
    return out


def literal_collections(source: str) -> list[tuple[int, int]]:
    """(line, strings) of every literal collection of more than MAX_LITERAL_STRINGS strings."""
    tree = ast.parse(source)
    exempt = _exempt(tree)
    return [
        (node.lineno, size)
        for node in ast.walk(tree)
        if id(node) not in exempt and (size := _size(node)) > MAX_LITERAL_STRINGS
    ]


def test_the_checker_counts_words_and_exempts_all_and_literal():
    many = " ".join(f"w{i}" for i in range(13))
    assert literal_collections(f"X = frozenset({many!r}.split())") == [(1, 13)]
    assert literal_collections(f"X = {{{', '.join(repr(w) for w in many.split())}}}") == [(1, 13)]
    assert literal_collections(f"X = {{{', '.join(f'{w!r}: 1' for w in many.split())}}}")
    assert literal_collections(f"__all__ = {many.split()!r}") == []
    assert literal_collections(f"T = Literal[{', '.join(repr(w) for w in many.split())}]") == []
    assert literal_collections(f"X = {many.split()[:12]!r}") == []


def test_no_vocabulary_is_left_in_code():
    found = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        for line, size in literal_collections(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}:{line}: {size} strings")
    assert not found, "move these word lists to kg/data/lexicon/:\n" + "\n".join(found)
