"""The named-rule machinery (kg/extract/rules.py) and the hand-made parses of the tests."""

from __future__ import annotations

import pytest

from kg.extract.rules import NOTHING, REGISTRY, Decision, RuleList, rule_docs
from tests.extract.handmade import parsed


@pytest.fixture
def rules():
    made = []

    def make(name):
        made.append(name)
        return RuleList(name)

    yield make
    for name in made:
        REGISTRY.pop(name, None)


def test_first_rule_that_decides_wins(rules):
    size = rules("test.size")

    @size.rule
    def big(n):
        "Over a hundred is big."
        return "big" if n > 100 else None

    @size.rule
    def positive(n):
        "Any positive number is small."
        return "small" if n > 0 else None

    assert size.decide(500) == Decision("big", "test.size.big")
    assert size.decide(5) == Decision("small", "test.size.positive")
    assert size.decide(-1) is None
    assert [r.name for r in size] == ["test.size.big", "test.size.positive"]


def test_nothing_stops_the_list(rules):
    agent = rules("test.agent")

    @agent.rule
    def _no_agent_in_headlines(text):
        "A headline names no agent."
        return NOTHING if text.isupper() else None

    @agent.rule
    def first_word(text):
        "The first word acts."
        return text.split()[0]

    assert agent.decide("RSF ATTACK") == Decision(None, "test.agent.no_agent_in_headlines")
    assert agent.value("RSF attacked") == "RSF"


def test_a_rule_needs_a_docstring_and_a_unique_name(rules):
    lst = rules("test.docs")
    with pytest.raises(TypeError, match="docstring"):

        @lst.rule
        def undocumented(x):
            return x

    with pytest.raises(ValueError, match="exists already"):
        RuleList("test.docs")


def test_rule_docs_give_the_first_docstring_line(rules):
    lst = rules("test.doc_lines")

    @lst.rule
    def one(x):
        """Decides one.

        More words that stay out of the graph."""
        return 1

    assert rule_docs()["test.doc_lines.one"] == "Decides one."


def test_every_registered_rule_is_documented_and_named_after_its_list():
    import kg.extract  # noqa: F401  (registers every rule list)

    for decision, rule_list in REGISTRY.items():
        for rule in rule_list:
            assert rule.name.startswith(decision + "."), rule.name
            assert rule.doc, rule.name


def test_handmade_parse_keeps_offsets_across_paragraphs():
    p = parsed(
        """
Troops  NNS nsubj 1
advanced VBD ROOT 1 advance
--
They PRP nsubj 1 they
retreated VBD ROOT 1 retreat
"""
    )
    second = p.paragraphs[1]
    assert p.doc.text == "Troops advanced\nThey retreated"
    assert p.span_of(second, second.doc[1]).text == "retreated"


def test_every_rule_has_a_test_of_its_own():
    """Each registered rule is named (as a function or by its full name) in a test file
    under tests/extract/, so a rule added without a test fails here."""
    from pathlib import Path

    import kg.extract.coref.actors  # noqa: F401  (loaded lazily by the pipeline)
    import kg.extract.entities  # noqa: F401
    import kg.extract.events  # noqa: F401
    import kg.extract.factuality  # noqa: F401
    import kg.extract.statements  # noqa: F401

    source = "\n".join(p.read_text() for p in Path(__file__).parent.rglob("test_*.py"))
    untested = [
        rule.name
        for decision, rules in REGISTRY.items()
        if decision.split(".")[0] in ("entities", "coref", "statements", "events", "factuality")
        for rule in rules
        if rule.name not in source and rule.func.__name__ not in source
    ]
    assert not untested, untested


def test_no_function_of_the_extractor_is_longer_than_60_lines():
    """Decisions are small named rules: no function under kg/extract/ passes 60 lines."""
    import ast
    from pathlib import Path

    import kg.extract

    root = Path(kg.extract.__file__).parent
    long = [
        f"{path.relative_to(root)}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in root.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > 60
    ]
    assert not long, long
