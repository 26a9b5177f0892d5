"""Speakers that are bodies: a state body named by its country, a statement standing for
whoever issued it, an outlet named in a compound (statements.actor, coref.actor)."""

from __future__ import annotations

from kg.extract.coref.actors import outlet_in_compound, the_statement
from kg.extract.entities.table import EntityTable
from kg.extract.parsed import Parsed
from kg.extract.statements.finder import StatementFinder
from kg.extract.statements.speakers import ACTOR, national_body
from tests.extract.handmade import parsed


def finder_for(p: Parsed, *entities: tuple[str, str, str | None]) -> StatementFinder:
    """A finder whose table holds the given (surface, type, label) entities."""
    table = EntityTable()
    text = p.doc.text
    for surface, type_, label in entities:
        start = text.index(surface)
        table.add(p.span(p.paragraphs[0], start, start + len(surface)), type_, label)
    return StatementFinder(p, table)


AIR_FORCE = """
Ukraine  NNP  poss   3  ukraine GPE
's       POS  case   0
air      NN   compound 3
force    NN   nsubj  4
said     VBD  ROOT   4  say
"""


def test_a_body_named_by_its_country_speaks_not_the_country():
    p = parsed(AIR_FORCE)
    finder = finder_for(p, ("Ukraine", "Country", "Ukraine"))
    force = p.paragraphs[0].doc[3]
    key = national_body(finder, p.paragraphs[0], force)
    assert finder.table.label_of(key) == "Air Force of Ukraine"
    assert finder.table.type_of(key) == "MilitaryUnit"
    assert [m.text for m in finder.table.mentions_of(key)] == ["Ukraine's air force"]
    fresh = finder_for(p, ("Ukraine", "Country", "Ukraine"))
    decision = ACTOR.decide(fresh, p.paragraphs[0], force)
    assert decision.rule == "statements.actor.national_body"
    assert ACTOR.decide(fresh, p.paragraphs[0], force).rule == "statements.actor.resolved_actor"


def test_a_body_an_entity_already_names_is_left_to_that_entity():
    p = parsed(AIR_FORCE)
    finder = finder_for(p, ("Ukraine", "Country", "Ukraine"), ("air force", "MilitaryUnit", "UAF"))
    assert national_body(finder, p.paragraphs[0], p.paragraphs[0].doc[3]) is None


def test_a_person_noun_is_no_body():
    p = parsed(
        AIR_FORCE.replace("air      NN   compound 3\nforce    NN", "top  JJ  amod 3\nofficial NN")
    )
    finder = finder_for(p, ("Ukraine", "Country", "Ukraine"))
    assert national_body(finder, p.paragraphs[0], p.paragraphs[0].doc[3]) is None


STATEMENT = """
The      DT   det    2
ministry NN   nsubj  2
said     VBD  ROOT   2 say
--
The        DT   det    1
statement  NN   nsubj  2
said       VBD  ROOT   2 say
--
A          DT   det    2
ministry   NN   compound 2
statement  NN   nsubj  3
said       VBD  ROOT   3 say
"""


def test_the_statement_is_whoever_spoke_last_or_the_body_its_modifier_names():
    p = parsed(STATEMENT)
    finder = finder_for(p, ("ministry", "Organization", "Ministry of Defence of Niger"))
    ministry = finder.table.key_at(4, 12)
    finder.resolver.remember_speaker(4, ministry)
    second, third = p.paragraphs[1], p.paragraphs[2]
    assert the_statement(finder.resolver, second, second.doc[1], True) == ministry
    assert the_statement(finder.resolver, third, third.doc[2], True) == ministry


def test_its_statement_is_left_to_the_possessive_rule():
    p = parsed("""
Its        PRP$ poss   1 its
statement  NN   nsubj  2
said       VBD  ROOT   2 say
""")
    finder = finder_for(p)
    assert the_statement(finder.resolver, p.paragraphs[0], p.paragraphs[0].doc[1], True) is None


def test_an_outlet_noun_stands_for_the_organisation_in_its_compound():
    p = parsed("""
The      DT   det      3
Reuters  NNP  compound 3 reuters ORG
news     NN   compound 3
agency   NN   nsubj    4
reported VBD  ROOT     4 report
""")
    finder = finder_for(p, ("Reuters", "Organization", "Reuters"))
    para = p.paragraphs[0]
    assert outlet_in_compound(finder.resolver, para, para.doc[3], True) == finder.table.key_at(
        4, 11
    )
    assert outlet_in_compound(finder.resolver, para, para.doc[2], True) is None  # "news"
