"""The entity ruler's components without the model: spaCy's ``span_ruler`` matches into
a span group, and ``EntityChooser`` makes the best non-overlapping matches entities."""

from __future__ import annotations

from functools import lru_cache

import pytest
import spacy
from spacy.tokens import Span

from kg.extract.entities import ruler as pat


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    pat.add_entity_ruler(nlp)
    return nlp


def ents(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


@lru_cache(maxsize=1)
def tokenizer():
    return spacy.blank("en")


def chosen(text: str, matches: list[tuple[int, int, str, str]], ents=()) -> list[tuple]:
    """What the chooser makes of hand-made matches (start, end, label, id)."""
    doc = tokenizer()(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    doc.spans[pat.SPANS_KEY] = [Span(doc, s, e, label=lb, span_id=i) for s, e, lb, i in matches]
    doc = pat.EntityChooser()(doc)
    assert pat.SPANS_KEY not in doc.spans  # the matches are gone once chosen
    return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]


def test_components_sit_in_order_and_are_added_once(blank):
    names = [n for n in blank.pipe_names if n.startswith("conflict_kg")]
    assert names == [pat.NATIONALITY_MARKER, pat.RULER_NAME, pat.LOWER_RULER_NAME, pat.CHOOSER_NAME]
    pat.add_entity_ruler(blank)
    assert blank.pipe_names.count(pat.RULER_NAME) == 1


def test_longest_match_wins():
    text = "the Sumy region border"
    assert chosen(text, [(1, 2, "Settlement", "Sumy"), (1, 3, "Region", "@region")]) == [
        (1, 3, "Region", "@region")
    ]


def test_leftmost_of_equal_lengths_wins():
    text = "a b c"
    assert chosen(text, [(1, 3, "Place", "@place"), (0, 2, "Place", "@place")]) == [
        (0, 2, "Place", "@place")
    ]


def test_gazetteer_name_beats_rule_on_the_same_words():
    text = "the Dnipro River"
    matches = [(1, 3, "River", "@river"), (1, 3, "River", "Dnipro River")]
    assert chosen(text, matches) == [(1, 3, "River", "Dnipro River")]
    assert chosen(text, matches[::-1]) == [(1, 3, "River", "Dnipro River")]


def test_ties_of_two_names_do_not_depend_on_order():
    text = "Al Jazeera said"
    matches = [(0, 2, "Organization", "Al Jazeera"), (0, 2, "Person", "Al Jazeera")]
    assert chosen(text, matches) == chosen(text, matches[::-1])


def test_earlier_entities_block_matches():
    text = "in Kherson City today"
    assert chosen(text, [(1, 3, "Settlement", "@place")], ents=[(1, 2, "GPE")]) == [
        (1, 2, "GPE", "")
    ]


def test_no_matches_leave_the_doc_alone():
    assert chosen("nothing here", []) == []


def test_gazetteer_and_rules_on_a_blank_pipeline(blank):
    found = ents(blank, "Boats crossed the Inhulets river as the Dnipro River rose.")
    assert ("Inhulets river", "River", "@river") in found
    assert ("Dnipro River", "River", "Dnipro River") in found


@pytest.mark.parametrize("text", ["AL JAZEERA", "al jazeera", "Al Jazeera"])
def test_lower_case_names_match_in_any_case(blank, text):
    assert (text, "Organization", "Al Jazeera") in ents(blank, f"He told {text} so.")


def test_short_acronyms_match_case_exactly(blank):
    assert ("AP", "Organization", "Associated Press") in ents(blank, "Photo / AP")
    assert not ents(blank, "an ap app")


def test_nationality_patterns_use_the_marker(blank):
    assert ("South Sudanese army", "MilitaryUnit", "@forces") in ents(
        blank, "The South Sudanese army shelled the town."
    )


def test_a_junta_and_contingents_are_a_country_s_forces(blank):
    assert ("Myanmar junta", "MilitaryUnit", "@forces") in ents(
        blank, "An air strike launched by the Myanmar junta killed 40 people."
    )
    assert ("Ugandan contingents", "MilitaryUnit", "@forces") in ents(
        blank, "Ugandan contingents supported the operation."
    )


def test_a_name_the_tokenizer_splits_in_lower_case_stays_a_token_pattern(blank):
    exact, any_case = pat.split_patterns(
        blank,
        [
            {"label": "Country", "pattern": [{"LOWER": "u.s.a."}], "id": "United States"},
            {
                "label": "Organization",
                "pattern": [{"LOWER": "al"}, {"LOWER": "jazeera"}],
                "id": "AJ",
            },
            {"label": "Organization", "pattern": [{"ORTH": "AP"}], "id": "Associated Press"},
        ],
    )
    assert [p["pattern"] for p in exact] == [[{"LOWER": "u.s.a."}], "AP"]
    assert [p["pattern"] for p in any_case] == ["al jazeera"]


def test_ruler_survives_serialisation(blank):
    text = "The South Sudanese army and Al Jazeera reported HIMARS strikes; AP said so."
    loaded = spacy.blank("en")
    pat.add_entity_ruler(loaded)
    loaded.from_bytes(blank.to_bytes())
    assert ents(loaded, text) == ents(blank, text)
