"""The entity ruler and its gazetteers (kg/extract/entities/ruler.py, kg/data/lexicon/)."""

from __future__ import annotations

import pytest

from kg.extract.entities import ruler as pat
from kg.types import ENTITY_TYPES

pytestmark = pytest.mark.slow


def test_gazetteers_load_with_contract_types():
    assert len(pat.countries()) > 80
    assert len(pat.names()) > 100
    for entry in pat.names():
        assert entry.type in ENTITY_TYPES, entry
        assert entry.name.strip() == entry.name
    for country in pat.countries():
        assert country.forces, country
        assert all(adj[:1].isupper() for adj in country.adjectives), country


def test_indexes_find_countries_by_every_spelling():
    assert pat.country_by_name()["uk"].name == "United Kingdom"
    assert pat.country_by_adjective()["Sudanese"].name == "Sudan"
    assert pat.country_by_demonym()["Ukrainians"].forces == "Armed Forces of Ukraine"
    assert pat.country_by_capital()["Kiev"].name == "Ukraine"
    assert pat.name_index()["ap"].name == "Associated Press"


def test_ruler_sits_before_ner_and_is_added_once(nlp):
    names = nlp.pipe_names
    assert names.index(pat.RULER_NAME) < names.index("ner")
    pat.add_entity_ruler(nlp)
    assert nlp.pipe_names.count(pat.RULER_NAME) == 1


def _ruled(nlp, text: str) -> dict[str, tuple[str, str]]:
    doc = nlp(text)
    return {e.text: (e.label_, e.ent_id_) for e in doc.ents if e.label_ in ENTITY_TYPES}


@pytest.mark.parametrize(
    ("text", "span", "label", "ident"),
    [
        (
            "Ukrainian troops pushed east.",
            "Ukrainian troops",
            "MilitaryUnit",
            "@forces",
        ),
        (
            "Belarusian soldiers crossed at dawn.",
            "Belarusian soldiers",
            "MilitaryUnit",
            "@forces",
        ),
        (
            "Syria's armed forces left the base.",
            "Syria's armed forces",
            "MilitaryUnit",
            "@forces",
        ),
        (
            "The 47th Separate Mechanized Brigade moved up.",
            "47th Separate Mechanized Brigade",
            "MilitaryUnit",
            "@unit",
        ),
        (
            "Wagner mercenary group fighters left.",
            "Wagner mercenary group",
            "MilitaryUnit",
            "@group",
        ),
        ("Shelling hit the Sumy region again.", "Sumy region", "Region", "@region"),
        ("Boats crossed the Inhulets river.", "Inhulets river", "River", "@river"),
        ("He spoke on Russia-1 last night.", "Russia-1", "Organization", "Russia-1"),
        ("A spokesman told Al Jazeera on Monday.", "Al Jazeera", "Organization", "Al Jazeera"),
        (
            "The Russian defence ministry said so.",
            "Russian defence ministry",
            "Organization",
            "@ministry",
        ),
        (
            "Iranian state media reported the launch.",
            "Iranian state media",
            "Organization",
            "@statemedia",
        ),
        ("They fought on the Western Front in 1916.", "Western Front", "Place", "@place"),
    ],
)
def test_ruler_patterns(nlp, text, span, label, ident):
    assert _ruled(nlp, text).get(span) == (label, ident)


def test_short_acronyms_match_case_exactly(nlp):
    assert "AP" in _ruled(nlp, "Photo / AP")
    assert "ap" not in _ruled(nlp, "an ap app")


def test_nationality_adjectives_are_not_names_of_places(nlp):
    # "Russian region" must not become a Region called "Russian"
    assert "Russian region" not in _ruled(nlp, "Drones struck the Russian region overnight.")


# --- nationality marker, lower-case phrases, fewer Matcher patterns --------------------


@pytest.mark.parametrize(
    ("text", "span", "label", "ident"),
    [
        (
            "The South Sudanese army shelled the town.",
            "South Sudanese army",
            "MilitaryUnit",
            "@forces",
        ),
        (
            "Central African Republic's defence ministry was silent.",
            "Central African Republic's defence ministry",
            "Organization",
            "@ministry",
        ),
        (
            "A note came from the South Korean ministry of foreign affairs today.",
            "South Korean ministry of foreign affairs",
            "Organization",
            "@ministry",
        ),
        (
            "North Korean state news agency KCNA carried the claim.",
            "North Korean state news agency",
            "Organization",
            "@statemedia",
        ),
        (
            "New Zealand's air force sent a plane.",
            "New Zealand's air force",
            "MilitaryUnit",
            "@national",
        ),
        ("The Sri Lankan navy boarded a trawler.", "Sri Lankan navy", "MilitaryUnit", "@national"),
        (
            "Bosnia and Herzegovina's parliament met twice.",
            "Bosnia and Herzegovina's parliament",
            "Organization",
            "@national",
        ),
        (
            "Officers said the United States's border guards had left.",
            "United States's border guards",
            "MilitaryUnit",
            "@national",
        ),
        (
            "Ukraine's armed forces held the line.",
            "Ukraine's armed forces",
            "MilitaryUnit",
            "@forces",
        ),
        (
            "Turkey's foreign ministry said no.",
            "Turkey's foreign ministry",
            "Organization",
            "@ministry",
        ),
        (
            "Polish elite border troops arrived.",
            "Polish elite border troops",
            "MilitaryUnit",
            "@forces",
        ),
        ("They said Iran'S navy had sailed.", "Iran'S navy", "MilitaryUnit", "@national"),
    ],
)
def test_nationalities_of_any_length_in_each_construction(nlp, text, span, label, ident):
    assert _ruled(nlp, text).get(span) == (label, ident)


def test_marker_sets_length_of_longest_nationality(nlp):
    doc = nlp("The South Sudanese and Ukraine's troops, and the Russian Federation's navy.")
    marks = {t.text: t._.get(pat.NATIONALITY_ATTR) for t in doc if t._.get(pat.NATIONALITY_ATTR)}
    # "Sudanese" alone is one too; "the Russian Federation's" starts at "the"
    assert marks == {"South": 2, "Sudanese": 1, "Ukraine": 2, "the": 4, "Russian": 3}


def _construction_starts() -> set[str]:
    bodies = {words.split()[0] for words, _ in pat.NATIONAL_BODIES}
    kinds = set(pat.MINISTRY_KINDS)
    return pat.FORCE_MODIFIERS | pat.FORCE_NOUNS | kinds | bodies | {"ministry", "minstry", "state"}


def test_longest_nationality_is_enough(nlp):
    # the marker keeps only the longest nationality starting at a word ("Russian
    # Federation's", not "Russian"): right when the word after a shorter one, inside
    # the longer one, cannot begin a construction
    heads = [
        (*words, "'s") if possessive else words for words, possessive in pat.nationality_heads(nlp)
    ]
    starts = _construction_starts()
    for short in heads:
        for long in heads:
            if len(long) > len(short) and long[: len(short)] == short:
                assert long[len(short)].lower() not in starts, (short, long)


def test_nationality_patterns_do_not_grow_with_countries(nlp):
    ruler = nlp.get_pipe(pat.RULER_NAME)
    lengths = pat.nationality_lengths(nlp)
    assert lengths[0] == 1 and len(lengths) <= 8
    nationality = [
        p for p in ruler.patterns if isinstance(p["pattern"], list) and "_" in p["pattern"][0]
    ]
    assert len(nationality) == (4 + len(pat.NATIONAL_BODIES)) * len(lengths)
    adjectives = set(pat.country_by_adjective())
    for p in ruler.patterns:  # no pattern spells a nationality out any more
        if isinstance(p["pattern"], list) and p["id"].startswith("@") and p["id"] != "@org":
            assert (
                not {t.get("TEXT") for t in p["pattern"] if isinstance(t.get("TEXT"), str)}
                & adjectives
            )


def test_matcher_holds_few_token_patterns(nlp):
    ruler = nlp.get_pipe(pat.RULER_NAME)
    token = [p for p in ruler.patterns if isinstance(p["pattern"], list)]
    lower = nlp.get_pipe(pat.LOWER_RULER_NAME).patterns
    assert len(lower) > 200  # gazetteer names in any case: phrase-matched on LOWER
    assert all(isinstance(p["pattern"], str) for p in lower)
    # what the Matcher still tries at every token (904 before the nationality marker; the
    # national bodies add 6 each, one per nationality length: ~20 ms a seed article)
    assert len(token) < 200
    assert len([p for p in token if pat.lower_words(p["pattern"])]) <= 1  # "u.s.a."


@pytest.mark.parametrize("text", ["AL JAZEERA", "al jazeera", "Al Jazeera", "al JAZEERA"])
def test_lower_case_gazetteer_names_match_in_any_case(nlp, text):
    assert _ruled(nlp, f"A producer told {text} on Monday.").get(text) == (
        "Organization",
        "Al Jazeera",
    )


def test_one_word_weapons_share_a_pattern(nlp):
    ruler = nlp.get_pipe(pat.RULER_NAME)
    weapon_tokens = [
        p for p in ruler.patterns if p["id"] == "@weapon" and isinstance(p["pattern"], list)
    ]
    assert len(weapon_tokens) < 20
    text = "Patriot batteries, Bayraktar attack drones and Iskander-M missiles were used."
    ents = {e.text: e.label_ for e in nlp(text).ents}
    assert ents.get("Patriot batteries") == pat.WEAPON
    assert ents.get("Bayraktar attack drones") == pat.WEAPON
    assert ents.get("Iskander-M missiles") == pat.WEAPON


def test_ruler_survives_serialisation(nlp, tmp_path):
    import spacy

    texts = [
        "The South Sudanese army and Al Jazeera reported HIMARS strikes near Kherson.",
        "Ukraine's armed forces and the Israeli air force; AP and the UN said so.",
    ]
    expected = [
        [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents] for doc in nlp.pipe(texts)
    ]
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert [
        [(e.start, e.end, e.label_, e.ent_id_) for e in d.ents] for d in loaded.pipe(texts)
    ] == expected
    loaded.from_bytes(nlp.to_bytes())
    assert [
        [(e.start, e.end, e.label_, e.ent_id_) for e in d.ents] for d in loaded.pipe(texts)
    ] == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, type_, label",
    [
        (
            "Tajik forces shelled three villages, Kyrgyzstan's State Border Service said.",
            "Organization",
            "Kyrgyz State Border Service",
        ),
        (
            "Tajikistan's State Committee for National Security said its troops responded.",
            "Organization",
            "Tajik State Committee for National Security",
        ),
        (
            "Ukraine's State Emergency Service said rescuers pulled six people from the rubble.",
            "Organization",
            "Ukrainian State Emergency Service",
        ),
        ("The Greek coast guard rescued 40 people.", "MilitaryUnit", "Greek Coast Guard"),
    ],
)
def test_national_bodies_named_by_their_country(nlp, text, type_, label):
    from kg.extract import parse
    from kg.extract.entities import find_entities
    from kg.types import SourceDoc

    ents = find_entities(parse(SourceDoc(id="t", text=text), nlp)).entities()
    assert (type_, label) in {(e.type, e.label) for e in ents}


@pytest.mark.slow
def test_a_gazetteer_name_wins_a_tie_with_a_rule(nlp):
    doc = nlp("Ukrainian forces crossed the Dnipro River near Krynky.")
    [ent] = [e for e in doc.ents if e.text == "Dnipro River"]
    assert ent.ent_id_ == "Dnipro River"  # the gazetteer's name, not the "@river" rule
    with nlp.select_pipes(disable=[pat.CHOOSER_NAME, "ner"]):
        matched = nlp(doc.text)
    matches = nlp.get_pipe(pat.CHOOSER_NAME).ranked(matched)
    assert {m.id_ for m in matches if m.text == "Dnipro River"} == {"Dnipro River", "@river"}
    spans = [(m.start, m.end) for m in matches]
    assert spans == sorted(spans, key=lambda m: (m[1] - m[0], -m[0]), reverse=True)


# --- actors of other theatres: the gazetteer names and types them ---------------------


@pytest.mark.parametrize(
    ("text", "type_", "label"),
    [
        ("The RSF shelled El Fasher on Sunday.", "MilitaryUnit", "Rapid Support Forces"),
        (
            "JNIM claimed the attack on the army post.",
            "MilitaryUnit",
            "Jama'at Nusrat al-Islam wal-Muslimin",
        ),
        (
            "Jama'a Nusrat ul-Islam wa al-Muslimin fighters ambushed a convoy near Djibo.",
            "MilitaryUnit",
            "Jama'at Nusrat al-Islam wal-Muslimin",
        ),
        (
            "ISWAP fighters raided the village overnight.",
            "MilitaryUnit",
            "Islamic State West Africa Province",
        ),
        ("OCHA said 26,000 people had fled.", "Organization", "OCHA"),
        (
            "The MNDAA seized the regional command in Lashio.",
            "MilitaryUnit",
            "Myanmar National Democratic Alliance Army",
        ),
        ("The Tatmadaw bombed a school in Sagaing.", "MilitaryUnit", "Myanmar Armed Forces"),
        ("AUSSOM troops recaptured Sabiid with the SNA.", "MilitaryUnit", "Somali National Army"),
        (
            "AUSSOM troops recaptured Sabiid.",
            "MilitaryUnit",
            "African Union Support and Stabilisation Mission in Somalia",
        ),
        ("AFC/M23 rebels entered Goma.", "MilitaryUnit", "M23"),
        ("Fighters of the YPG withdrew from Manbij.", "MilitaryUnit", "People's Protection Units"),
        ("The Al-Quds Brigades fired rockets at Sderot.", "MilitaryUnit", "Al-Quds Brigades"),
        ("IS claimed the bombing in Damascus.", "MilitaryUnit", "Islamic State"),
        (
            "Lashkar-e-Taiba was blamed for the attack in Pahalgam.",
            "MilitaryUnit",
            "Lashkar-e-Taiba",
        ),
        ("The Houthi-run Al-Masirah TV reported three strikes.", "Organization", "Al-Masirah"),
        ("MONUSCO said two of its bases were hit.", "Organization", "MONUSCO"),
        (
            "ECOWAS condemned the coup in Niamey.",
            "Organization",
            "Economic Community of West African States",
        ),
    ],
)
def test_actors_of_other_theatres_are_typed_by_the_gazetteer(nlp, text, type_, label):
    from kg.extract import parse
    from kg.extract.entities import find_entities
    from kg.types import SourceDoc

    ents = find_entities(parse(SourceDoc(id="t", text=text), nlp)).entities()
    assert (type_, label) in {(e.type, e.label) for e in ents}, [(e.type, e.label) for e in ents]


@pytest.mark.parametrize("text", ["What is the RSF?", "This is it.", "He said it is over."])
def test_the_short_alias_is_of_islamic_state_matches_only_in_capitals(nlp, text):
    assert all(ident != "Islamic State" for _, ident in _ruled(nlp, text).values())
