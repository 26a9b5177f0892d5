"""Statements: direct and indirect speech, speakers, media, scare quotes (real model)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_parsed, parse
from kg.extract.statements.quotes import quote_ranges
from kg.types import SourceDoc

pytestmark = pytest.mark.slow


def run(nlp, text: str):
    x = extract_parsed(parse(SourceDoc(id="t", text=text, date=dt.date(2023, 5, 12)), nlp))
    labels = {e.key: e.label for e in x.entities}
    return x, labels


def speaker(labels, stmt):
    return labels.get(stmt.speaker) if stmt.speaker else None


def test_quote_ranges_straight_and_curly():
    text = '\u201cWe hold the line,\u201d he said. "Nothing more."'
    got = [text[s:e] for s, e in quote_ranges(text)]
    assert got == ["We hold the line", "Nothing more."]


def test_direct_quote_with_name_and_medium(nlp):
    text = (
        '"The bridge at Dubno is fully under our control," Oleksandr Marchenko, '
        "the regional governor, told Reuters."
    )
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert stmt.direct and stmt.quote == "The bridge at Dubno is fully under our control"
    assert text[stmt.span.start : stmt.span.end] == stmt.quote
    assert speaker(labels, stmt) == "Oleksandr Marchenko"
    assert labels.get(stmt.medium) == "Reuters"


def test_quote_split_around_attribution_gives_two_statements(nlp):
    text = (
        'Amina Yusuf spoke to the crowd. "We stayed in the cellar for two weeks," '
        'she went on: "Now we only want to go home."'
    )
    x, labels = run(nlp, text)
    quotes = [s.quote for s in x.statements]
    assert quotes == ["We stayed in the cellar for two weeks", "Now we only want to go home."]
    assert all(speaker(labels, s) == "Amina Yusuf" for s in x.statements)


def test_multi_sentence_quote_is_one_statement(nlp):
    text = (
        '"The town is surrounded. We have no water. Send help," said Carlos Mendoza, '
        "a local priest."
    )
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert stmt.quote.startswith("The town is surrounded.") and stmt.quote.endswith("help")
    assert speaker(labels, stmt) == "Carlos Mendoza"


def test_indirect_speech_with_that_clause(nlp):
    text = "Colonel Jean Dupont said that the rebels had withdrawn from the airport overnight."
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert not stmt.direct
    assert stmt.quote == "the rebels had withdrawn from the airport overnight"
    assert speaker(labels, stmt) == "Jean Dupont" or "Dupont" in speaker(labels, stmt)


def test_indirect_speech_with_organisation_speaker(nlp):
    text = "NATO said the convoy was heading towards the border."
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert stmt.quote == "the convoy was heading towards the border"
    assert speaker(labels, stmt) == "NATO"


def test_according_to(nlp):
    text = "According to the United Nations, 300 families fled the district last week."
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert "300 families fled the district" in stmt.quote
    assert speaker(labels, stmt) == "the United Nations" or "United Nations" in speaker(
        labels, stmt
    )


def test_pronoun_speaker_resolves_to_previous_subject(nlp):
    text = (
        'Pedro Alvarez visited the front on Monday.\n"Our men are exhausted," he wrote on Telegram.'
    )
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert speaker(labels, stmt) == "Pedro Alvarez"
    assert labels.get(stmt.medium) == "Telegram"


def test_pronoun_gender_check_skips_male_speaker(nlp):
    text = (
        'Mikhail Petrov said the shelling had stopped. A woman told reporters: "We slept '
        'in the metro." Then she added: "My house is gone."'
    )
    x, labels = run(nlp, text)
    by_quote = {s.quote: s for s in x.statements}
    assert speaker(labels, by_quote["My house is gone."]) is None
    assert speaker(labels, by_quote["We slept in the metro."]) is None


def test_unattributed_quote_continues_previous_speaker(nlp):
    text = (
        '"The roads are mined," Ahmed Saleh wrote on Facebook.\n'
        '"Nobody can leave the village before the rains."'
    )
    x, labels = run(nlp, text)
    assert [speaker(labels, s) for s in x.statements] == ["Ahmed Saleh", "Ahmed Saleh"]


def test_scare_quotes_are_not_statements(nlp):
    text = 'Officials called it a "historic" day after the "special" operation ended.'
    x, _ = run(nlp, text)
    assert x.statements == ()


def test_quote_inside_reported_clause_is_absorbed(nlp):
    text = 'The mayor, Ana Lopes, said the situation was "under control" but tense.'
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert not stmt.direct and '"under control"' in stmt.quote
    assert speaker(labels, stmt) == "Ana Lopes"


def test_negated_speech_verb_reports_nothing(nlp):
    text = "The ministry did not say where the troops were going."
    x, _ = run(nlp, text)
    assert x.statements == ()


def test_about_lists_entities_in_the_quote(nlp):
    text = '"Kherson will be free again," President Volodymyr Zelensky said.'
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert any(labels[k] == "Kherson" for k in stmt.about)
    assert stmt.speaker not in stmt.about


def test_pro_country_speakers_are_not_the_country(nlp):
    text = "Pro-Iranian militia leaders and other sources confirmed the convoy had reached Deir ez-Zor."  # noqa: E501
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert speaker(labels, stmt) is None


def test_stranded_conjunct_subject_is_the_speaker(nlp):
    text = (
        "Serbia said it was sending police to the border and pro-Belgrade officials in the "
        'north acknowledged a "serious" escalation.'
    )
    x, labels = run(nlp, text)
    speakers = [speaker(labels, s) for s in x.statements]
    assert speakers[0] == "Serbia"
    assert speakers[-1] is None and len(speakers) == 2


def test_it_said_continues_the_previous_speaker_not_the_last_subject(nlp):
    text = (
        "Ukraine's General Staff reported that Russian forces launched 14 assaults near "
        "Pokrovsk. The attacks were repelled, it said."
    )
    x, labels = run(nlp, text)
    speakers = [speaker(labels, s) for s in x.statements]
    assert len(speakers) == 2 and speakers[0] == speakers[1] and speakers[0] is not None
    assert "Russian" not in speakers[1]


def test_he_said_does_not_take_a_woman_speaker(nlp):
    text = (
        "Olena Kovalenko said the shelling had stopped. Then it began again, he said, "
        "pointing at the river."
    )
    x, labels = run(nlp, text)
    assert speaker(labels, x.statements[-1]) != "Olena Kovalenko"


def test_platform_channels_are_the_medium_not_the_speaker(nlp):
    text = "Telegram channels close to the Houthis claimed that two ships were hit."
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert labels.get(stmt.medium) == "Telegram"
    assert speaker(labels, stmt) != "Telegram"


def test_nationality_person_noun_is_no_speaker(nlp):
    text = "A Syrian army officer said the convoy had reached Deir ez-Zor on Monday."
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert speaker(labels, stmt) is None


def test_entity_in_a_modifier_of_a_body_is_no_speaker(nlp):
    text = (
        "At least 14 people died in the raid, according to the Yemen Data Project, "
        "a monitoring group."
    )
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert speaker(labels, stmt) != "Yemen"


def test_named_apposition_beats_the_group_in_a_compound(nlp):
    text = "A Hezbollah official, Karim Haddad, told Al Mayadeen that the fighters had withdrawn."
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert speaker(labels, stmt) == "Karim Haddad"


def test_unknown_name_typed_by_its_apposition_speaks(nlp):
    text = "Energoatom, the state nuclear operator, said two power lines had been cut."
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert speaker(labels, stmt) == "Energoatom"
    assert x.entity(stmt.speaker).type == "Organization"


def test_pronoun_after_according_to_continues_that_speaker(nlp):
    text = (
        "Three houses burned in Bilhorod, according to Olena Koval, the village head. "
        "Nobody was hurt, she said."
    )
    x, labels = run(nlp, text)
    assert [speaker(labels, s) for s in x.statements] == ["Olena Koval", "Olena Koval"]


def test_the_group_said_is_the_organisation_named_before(nlp):
    x, labels = run(
        nlp,
        "Nine people died, according to the Syrian Observatory for Human Rights, a "
        "monitoring group. A clinic in Idlib was hit by rockets, the group said.",
    )
    hit = [s for s in x.statements if "clinic" in s.quote]
    assert hit and labels[hit[0].speaker] == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize(
    "text, who, quote",
    [
        (
            "The Southern Command reported 31 artillery duels near Kherson over the past day.",
            "Southern Command",
            "31 artillery duels near Kherson over the past day",
        ),
        (
            "Residents of Goma reported heavy gunfire near the airport on Sunday night.",
            None,
            "heavy gunfire near the airport",
        ),
    ],
)
def test_a_reported_noun_phrase_is_a_statement(nlp, text, who, quote):
    x, labels = run(nlp, text)
    assert len(x.statements) == 1
    assert x.statements[0].quote.startswith(quote)
    assert speaker(labels, x.statements[0]) == who


def test_a_second_speech_act_joined_by_and_is_a_second_statement(nlp):
    x, labels = run(
        nlp,
        "A Hamas official, Basem Naim, told the BBC that talks in Cairo had stalled and "
        "accused Israel of blocking aid convoys.",
    )
    quotes = [s.quote for s in x.statements]
    assert quotes == ["talks in Cairo had stalled", "Israel of blocking aid convoys"]
    assert {speaker(labels, s) for s in x.statements} == {"Basem Naim"}


def test_called_on_someone_to_do_something_is_a_statement(nlp):
    x, labels = run(
        nlp, "Armenian Prime Minister Nikol Pashinyan called on Moscow to send peacekeepers."
    )
    assert [s.quote for s in x.statements] == ["to send peacekeepers"]
    assert speaker(labels, x.statements[0]) == "Nikol Pashinyan"


def test_said_in_a_statement_that(nlp):
    x, labels = run(
        nlp,
        'The Ethiopian army said in a statement that its units had "routed" rebel fighters '
        "near Lalibela.",
    )
    assert len(x.statements) == 1
    assert x.statements[0].quote.startswith("its units had")


def test_a_denial_inside_a_report_is_not_the_speaker(nlp):
    x, labels = run(
        nlp,
        "The Armenian foreign ministry said Azerbaijan was shelling Jermuk, a charge Baku denies.",
    )
    assert len(x.statements) == 1
    assert speaker(labels, x.statements[0]) == "Ministry of Foreign Affairs of Armenia"


@pytest.mark.parametrize(
    "text, start",
    [
        (
            "GOMA, Congo, March 3 - M23 rebels shelled the outskirts of Sake overnight, "
            "killing four people, local officials said.",
            "M23 rebels shelled",
        ),
        (
            "KHARTOUM, June 2 (Reuters) - Artillery fire hit a market in Bahri on Sunday, "
            "witnesses said.",
            "Artillery fire hit",
        ),
    ],
)
def test_a_dateline_opens_no_indirect_quote(nlp, text, start):
    x, _ = run(nlp, text)
    assert len(x.statements) == 1
    assert x.statements[0].quote.startswith(start)


def test_a_parenthetical_speech_verb_reports_what_comes_before(nlp):
    x, labels = run(
        nlp,
        "Militants stormed a checkpoint near Tillaberi on Friday, setting vehicles and the "
        "barracks on fire, villagers and officials said, as the army sent reinforcements.",
    )
    first = x.statements[0]
    assert first.quote.startswith("Militants stormed a checkpoint")
    assert "villagers" not in first.quote


# --- organisations that speak again under a description -------------------------------


def _speakers(nlp, text: str) -> list[tuple[str, str | None]]:
    x, labels = run(nlp, text)
    return [
        (s.quote.split()[0], speaker(labels, s))
        for s in sorted(x.statements, key=lambda s: s.span.start)
    ]


def test_the_ministry_said_is_the_ministry_named_before(nlp):
    text = (
        "Nine people were killed in the strikes, the Lebanese health ministry said. "
        "Another 52 people were wounded across the south, the ministry said in a statement."
    )
    assert _speakers(nlp, text) == [
        ("Nine", "Ministry of Health of Lebanon"),
        ("Another", "Ministry of Health of Lebanon"),
    ]


def test_a_description_needs_the_words_of_the_name(nlp):
    text = (
        "Nine people were killed, the Lebanese health ministry said. "
        "The roads were closed, the agency said."
    )
    assert _speakers(nlp, text)[1] == ("The", None)  # no agency was named


def test_its_statement_is_the_last_organisation_that_spoke(nlp):
    text = (
        "The Interior Ministry of Tajikistan said its guards had repelled an attack on a post. "
        "Separately, Kyrgyz units shelled two villages near the border. "
        "Its statement, carried by the state agency Khovar, said drones had struck a depot."
    )
    spoke = _speakers(nlp, text)
    assert spoke[-1] == ("drones", spoke[0][1]) and spoke[0][1] is not None


def test_a_named_apposition_beats_a_name_inside_the_description(nlp):
    text = (
        "The United Nations peacekeeping force in Lebanon, UNIFIL, said one of its "
        "positions had been hit by tank fire."
    )
    assert _speakers(nlp, text) == [("one", "United Nations Interim Force in Lebanon")]


def test_gaza_health_ministry_is_gazas(nlp):
    text = "At least 11 people were killed in a strike on a school, the Gaza Health Ministry said."
    assert _speakers(nlp, text) == [("At", "Ministry of Health of Gaza")]


def test_according_to_a_video_released_by_a_unit_is_that_units_word(nlp):
    text = (
        "Drones struck a column of armoured vehicles near the river, according to a video "
        "released by the 72nd Mechanized Brigade."
    )
    [(_, who)] = _speakers(nlp, text)
    assert who is not None and "72nd" in who


@pytest.mark.parametrize(
    "text, words, who",
    [
        (
            "Russia, which keeps a military base in the region, called for an immediate ceasefire.",
            "an immediate ceasefire",
            "Russia",
        ),
        ("Pope Francis called for restraint on both sides.", "restraint on both sides", None),
    ],
)
def test_a_call_for_something_is_a_statement(nlp, text, words, who):
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert stmt.quote == words and not stmt.direct
    if who:
        assert speaker(labels, stmt) == who


def test_the_agency_said_is_the_organisation_that_spoke_last(nlp):
    text = (
        "The UN Office for the Coordination of Humanitarian Affairs said on Monday that aid "
        "trucks were stuck at the border. About 5,000 families have fled Rafah, the agency said."
    )
    x, labels = run(nlp, text)
    assert [speaker(labels, s) for s in x.statements] == ["OCHA", "OCHA"]


def test_a_bracketed_name_closing_the_speaker_phrase_is_the_speaker(nlp):
    text = (
        "The UN stabilisation mission in the east (MONUSCO) said two of its bases near Bunia "
        "had been attacked."
    )
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert speaker(labels, stmt) == "MONUSCO"


def test_the_rebels_said_is_the_armed_group_named_last(nlp):
    text = (
        "Government troops clashed with the Allied Democratic Forces near Oicha. "
        "The army said it had pushed back the attack. The rebels said they still held the road."
    )
    x, labels = run(nlp, text)
    assert speaker(labels, x.statements[-1]) == "Allied Democratic Forces"


@pytest.mark.parametrize(
    "text, who",
    [
        (
            "A UN panel of experts estimated that 2,000 foreign fighters were in the province.",
            "United Nations",
        ),
        (
            "Three people were hurt in Ashkelon, according to the Magen David Adom rescue service.",
            "Magen David Adom",
        ),
    ],
)
def test_a_body_named_by_its_organisation_speaks_for_it(nlp, text, who):
    x, labels = run(nlp, text)
    [stmt] = x.statements
    assert speaker(labels, stmt) == who


def test_according_to_after_a_conjunct_reports_the_whole_clause(nlp):
    text = "At least 19 people were killed and 40 injured in Kherson, according to local officials."
    x, _ = run(nlp, text)
    [stmt] = x.statements
    assert stmt.quote == "At least 19 people were killed and 40 injured in Kherson"


@pytest.mark.parametrize(
    "text, n",
    [
        ("According to preliminary data, 40 fighters were killed near Bakhmut.", 0),
        ("According to UN figures, 40 civilians were killed near Bakhmut.", 1),
        ("Forty civilians were killed, according to figures released by the army.", 1),
    ],
)
def test_data_with_no_source_is_a_hedge_not_a_statement(nlp, text, n):
    x, _ = run(nlp, text)
    assert len(x.statements) == n


# --- round 6 (tests/data/eval/README.md) ----------------------------------------


def speakers(nlp, text: str) -> list[str | None]:
    x = extract_parsed(parse(SourceDoc(id="t", text=text, date=dt.date(2024, 3, 5)), nlp))
    labels = {e.key: e.label for e in x.entities}
    return [labels.get(s.speaker) for s in x.statements]


def test_the_fleet_said_is_the_fleet_named_before(nlp):
    text = (
        "Russia's Northern Fleet began exercises in the Barents Sea on Monday. "
        '"Two submarines have left port," the fleet said in a statement.'
    )
    assert speakers(nlp, text) == ["Northern Fleet"]


# --- round 7 (tests/data/eval/README.md) ----------------------------------------


def test_called_the_claim_a_quoted_verdict_is_a_statement(nlp):
    text = 'The Sudanese army denied the report. The RSF called the accusation "pure invention".'
    x, labels = run(nlp, text)
    verdicts = [s for s in x.statements if s.quote == "pure invention"]
    assert len(verdicts) == 1 and speaker(labels, verdicts[0]) == "Rapid Support Forces"


def test_a_quoted_operation_name_is_no_statement(nlp):
    text = 'Israel called the operation "Northern Shield" in December.'
    x, _ = run(nlp, text)
    assert not [s for s in x.statements if s.quote == "Northern Shield"]


def test_speaker_the_parser_hangs_on_the_broadcaster(nlp):
    text = (
        "In a statement aired on RT, the Federal Security Service (FSB) said saboteurs "
        "had crossed the border near Sudzha."
    )
    [who] = speakers(nlp, text)
    assert who is not None and "Security Service" in who
