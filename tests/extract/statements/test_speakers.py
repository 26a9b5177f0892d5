"""The rules of ``statements.speaker``, ``statements.quote_speaker``, ``statements.medium``
and ``statements.actor`` (kg/extract/statements/speakers.py), each on a hand-made parse
(no model load) with an entity table filled by hand; and a check that every rule of the
statement and coreference lists has a test."""

from __future__ import annotations

import re
from pathlib import Path

from kg.extract.parsed import Paragraph
from kg.extract.rules import REGISTRY, Decision
from kg.extract.statements.finder import StatementFinder
from kg.extract.statements.quotes import quote_ranges
from kg.extract.statements.speakers import ACTOR, CO_SPEAKERS, MEDIUM, QUOTE_SPEAKER, SPEAKER
from kg.types import Statement
from tests.extract.handmade import with_entities


def build(table: str, entities: dict[str, str | tuple[str, str]] | None = None):
    """A StatementFinder on a hand-made parse, with every occurrence of each name in
    ``entities`` (name -> type, or (type, label)) added to its table, in text order;
    and the keys by name."""
    doc, entity_table, keys = with_entities(table, entities)
    return StatementFinder(doc, entity_table), keys


def para(finder: StatementFinder, index: int = 0) -> Paragraph:
    return finder.parsed.paragraphs[index]


def word(finder: StatementFinder, text: str, n: int = 0, index: int = 0):
    """The n-th token spelled ``text`` of paragraph ``index``."""
    return [t for t in para(finder, index).doc if t.text == text][n]


def rule(rule_list, name: str):
    """The function of the rule called ``name`` (it must be in the list)."""
    return next(r.func for r in rule_list if r.name == name)


def speaker(finder: StatementFinder, verb_text: str, n: int = 0) -> Decision | None:
    return SPEAKER.decide(finder, para(finder), word(finder, verb_text, n))


def medium(finder: StatementFinder, verb_text: str) -> Decision | None:
    return MEDIUM.decide(finder, para(finder), word(finder, verb_text))


def actor(finder: StatementFinder, token_text: str) -> Decision | None:
    return ACTOR.decide(finder, para(finder), word(finder, token_text))


# --- sentences shared by several tests ---------------------------------------------------

ACCORDING_TO_NETWORK = """
Twelve    CD   nummod    1
people    NNS  nsubjpass 3  person
were      VBD  auxpass   3  be
killed    VBN  ROOT      3  kill
,         ,    punct     3
according VBG  prep      3  accord
to        IN   prep      5
the       DT   det       9
Sudan     NNP  compound  9  _  ORG
Doctors   NNPS compound  9  doctors  ORG
Network   NNP  pobj      6  _  ORG
.         .    punct     3
"""

RSF_TOLD_REUTERS = """
The       DT   det      3
Rapid     NNP  compound 3  _  ORG
Support   NNP  compound 3  _  ORG
Forces    NNPS nsubj    4  forces  ORG
told      VBD  ROOT     4  tell
Reuters   NNP  dative   4  _  B-ORG
that      IN   mark     9
they      PRP  nsubj    9
had       VBD  aux      9  have
repelled  VBN  ccomp    4  repel
the       DT   det      11
attack    NN   dobj     9
and       CC   cc       9
accused   VBD  conj     9  accuse
the       DT   det      15
army      NN   dobj     13
of        IN   prep     13
shelling  VBG  pcomp    16 shell
civilians NNS  dobj     17 civilian
.         .    punct    4
"""
RSF_ENTITIES = {"Rapid Support Forces": "MilitaryUnit", "Reuters": "Organization"}

GENERAL_STAFF_IT_SAID = """
The       DT   det       2
General   NNP  compound  2  _  ORG
Staff     NNP  nsubj     3  _  ORG
reported  VBD  ROOT      3  report
44        CD   nummod    5
clashes   NNS  dobj      3  clash
.         .    punct     3
The       DT   det       8
attacks   NNS  nsubjpass 10 attack
were      VBD  auxpass   10 be
repelled  VBN  ccomp     13 repel
,         ,    punct     13
it        PRP  nsubj     13
said      VBD  ROOT      13 say
.         .    punct     13
"""

TELEGRAM_CHANNELS = """
Telegram   NNP  compound 1  _  ORG
channels   NNS  nsubj    2  channel
claimed    VBD  ROOT     2  claim
Russian    JJ   amod     4  _  NORP
forces     NNS  nsubj    6  force
had        VBD  aux      6  have
entered    VBN  ccomp    2  enter
Vovchansk  NNP  dobj     6  _  GPE
.          .    punct    2
"""
TELEGRAM_ENTITIES = {"Telegram": "Organization", "Vovchansk": "Settlement"}

HAMAS_SAID = """
Hamas    NNP  nsubj    1  _  ORG
said     VBD  ROOT     1  say
it       PRP  nsubj    3
fired    VBD  ccomp    1  fire
rockets  NNS  dobj     3  rocket
at       IN   prep     3
Tel      NNP  compound 7  _  GPE
Aviv     NNP  pobj     5  _  GPE
.        .    punct    1
"""
HAMAS_ENTITIES = {"Hamas": "Organization", "Tel Aviv": "Settlement"}

HOLDING_THE_LINE = """
"        ``    punct  4
Our      PRP$  poss   2  our
forces   NNS   nsubj  4  force
are      VBP   aux    4  be
holding  VBG   ROOT   4  hold
the      DT    det    6
line     NN    dobj   4
.        .     punct  4
"        ''    punct  4
"""

RSF_ADVISER_SAID = """
An       DT   det    2
RSF      NNP  compound 2  _  ORG
adviser  NN   nsubj  3
said     VBD  ROOT   3  say
.        .    punct  3
"""


# --- statements.speaker ------------------------------------------------------------------


def test_according_to_source_is_the_source_or_the_publisher():
    finder, keys = build(ACCORDING_TO_NETWORK, {"Sudan Doctors Network": "Organization"})
    assert speaker(finder, "according") == Decision(
        (keys["Sudan Doctors Network"], 0.8), "statements.speaker.according_to_source"
    )

    video, keys = build(
        """
Five      CD   nummod    1
soldiers  NNS  nsubjpass 3  soldier
were      VBD  auxpass   3  be
captured  VBN  ROOT      3  capture
,         ,    punct     3
according VBG  prep      3  accord
to        IN   prep      5
a         DT   det       8
video     NN   pobj      6
released  VBN  acl       8  release
by        IN   agent     9
the       DT   det       12
RSF       NNP  pobj      10 _  ORG
.         .    punct     3
""",
        {"RSF": "MilitaryUnit"},
    )
    assert speaker(video, "according") == Decision(
        (keys["RSF"], 0.8), "statements.speaker.according_to_source"
    )
    according_to_source = rule(SPEAKER, "statements.speaker.according_to_source")
    assert according_to_source(video, para(video), word(video, "captured")) is None


def test_second_speech_act_is_the_first_ones_speaker():
    finder, keys = build(RSF_TOLD_REUTERS, RSF_ENTITIES)
    rsf = keys["Rapid Support Forces"]
    assert speaker(finder, "told") == Decision((rsf, 0.85), "statements.speaker.clause_subject")
    assert speaker(finder, "accused") == Decision(
        (rsf, 0.85), "statements.speaker.second_speech_act"
    )
    second_speech_act = rule(SPEAKER, "statements.speaker.second_speech_act")
    assert second_speech_act(finder, para(finder), word(finder, "told")) is None


def test_pronoun_continues_speaker_it_said_after_the_general_staff_reported():
    finder, keys = build(GENERAL_STAFF_IT_SAID, {"General Staff": "MilitaryUnit"})
    assert speaker(finder, "said") == Decision(
        (keys["General Staff"], 0.8), "statements.speaker.pronoun_continues_speaker"
    )
    # "he" cannot stand for the General Staff: the subject is left unresolved
    he, _ = build(
        GENERAL_STAFF_IT_SAID.replace("it        PRP", "he        PRP"),
        {"General Staff": "MilitaryUnit"},
    )
    pronoun_continues_speaker = rule(SPEAKER, "statements.speaker.pronoun_continues_speaker")
    assert pronoun_continues_speaker(he, para(he), word(he, "said")) is None
    assert speaker(he, "said") == Decision((None, 0.6), "statements.speaker.clause_subject")


QASSAM_THEN_IT_ADDED = """
The       DT   det      1
Brigades  NNP  nsubj    2  _  ORG
said      VBD  ROOT     2  say
it        PRP  nsubj    4
attacked  VBD  ccomp    2  attack
Israel    NNP  dobj     4  _  GPE
.         .    punct    2
--
"         ``   punct    4
Our       PRP$ poss     2  our
fighters  NNS  nsubj    4  fighter
near      IN   prep     2
Israel    NNP  pobj     3  _  GPE
stormed   VBD  ccomp    11 storm
the       DT   det      6
site      NN   dobj     4
,         ,    punct    11
"         ''   punct    11
it        PRP  nsubj    11
added     VBD  ROOT     11 add
.         .    punct    11
"""


def test_pronoun_last_speaker_it_added_in_a_quoted_paragraph_of_its_own():
    finder, keys = build(QASSAM_THEN_IT_ADDED, {"Brigades": "MilitaryUnit", "Israel": "Country"})
    second = para(finder, 1)
    added = word(finder, "added", index=1)
    assert SPEAKER.decide(finder, second, added) == Decision(
        (keys["Brigades"], 0.75), "statements.speaker.pronoun_last_speaker"
    )
    pronoun_last_speaker = rule(SPEAKER, "statements.speaker.pronoun_last_speaker")
    # "he" cannot stand for the Brigades; a paragraph with no quotation is left alone
    he, _ = build(
        QASSAM_THEN_IT_ADDED.replace("it        PRP  nsubj    11", "he        PRP  nsubj    11"),
        {"Brigades": "MilitaryUnit", "Israel": "Country"},
    )
    assert pronoun_last_speaker(he, para(he, 1), word(he, "added", index=1)) is None
    staff, _ = build(GENERAL_STAFF_IT_SAID, {"General Staff": "MilitaryUnit"})
    assert pronoun_last_speaker(staff, para(staff), word(staff, "said")) is None


def test_speech_participle_it_said_adding_that():
    finder, keys = build(
        """
Hamas    NNP  nsubj    1  _  ORG
said     VBD  ROOT     1  say
,        ,    punct    1
adding   VBG  advcl    1  add
that     IN   mark     6
it       PRP  nsubj    6
fired    VBD  ccomp    3  fire
rockets  NNS  dobj     6  rocket
.        .    punct    1
""",
        {"Hamas": "Organization"},
    )
    assert speaker(finder, "adding") == Decision(
        (keys["Hamas"], 0.85), "statements.speaker.speech_participle"
    )
    speech_participle = rule(SPEAKER, "statements.speaker.speech_participle")
    assert speech_participle(finder, para(finder), word(finder, "said")) is None


def test_stranded_or_hung_subject_in_a_statement_broadcast_on_ptv_the_ispr_said():
    finder, keys = build(
        """
In          IN   prep     9
a           DT   det      2
statement   NN   pobj     0
broadcast   VBN  acl      2
on          IN   prep     3
PTV         NNP  pobj     4  _  ORG
,           ,    punct    5
the         DT   det      8
ISPR        NNP  appos    5  _  B-ORG
said        VBD  ROOT     9  say
militants   NNS  nsubj    11 militant
attacked    VBD  ccomp    9  attack
a           DT   det      13
checkpoint  NN   dobj     11
.           .    punct    9
""",
        {"PTV": "Organization", "ISPR": "Organization"},
    )
    assert speaker(finder, "said") == Decision(
        (keys["ISPR"], 0.7), "statements.speaker.stranded_or_hung_subject"
    )
    stranded_or_hung_subject = rule(SPEAKER, "statements.speaker.stranded_or_hung_subject")
    assert stranded_or_hung_subject(finder, para(finder), word(finder, "attacked")) is None


def test_clause_subject_is_the_subject_of_the_verb_or_of_its_clause():
    finder, keys = build(HAMAS_SAID, HAMAS_ENTITIES)
    assert speaker(finder, "said") == Decision(
        (keys["Hamas"], 0.85), "statements.speaker.clause_subject"
    )
    declined, keys = build(
        """
Hamas     NNP  nsubj  1  _  ORG
declined  VBD  ROOT   1  decline
to        TO   aux    3
comment   VB   xcomp  1
.         .    punct  1
""",
        {"Hamas": "Organization"},
    )
    assert speaker(declined, "comment") == Decision(
        (keys["Hamas"], 0.85), "statements.speaker.clause_subject"
    )
    # Telegram is the medium of its channels, not their speaker
    channels, _ = build(TELEGRAM_CHANNELS, TELEGRAM_ENTITIES)
    assert speaker(channels, "claimed") == Decision(
        (None, 0.6), "statements.speaker.clause_subject"
    )


def test_counted_speaker_one_commented():
    finder, _ = build(
        """
"          ``   punct  8
We         PRP  nsubj  2  we
have       VBP  ccomp  8
nothing    NN   dobj   2
left       VBN  acl    3  leave
,          ,    punct  8
"          ''   punct  8
one        CD   ROOT   7
commented  VBD  acl    7  comment
.          .    punct  7
"""
    )
    assert speaker(finder, "commented") == Decision(
        (None, 0.6), "statements.speaker.counted_speaker"
    )
    counted_speaker = rule(SPEAKER, "statements.speaker.counted_speaker")
    hamas, _ = build(HAMAS_SAID, HAMAS_ENTITIES)
    assert counted_speaker(hamas, para(hamas), word(hamas, "said")) is None


def test_no_speaker_for_a_subjectless_report():
    finder, _ = build(
        """
Confirmed  VBN  ROOT    0  confirm
:          :    punct   0
two        CD   nummod  3
drones     NNS  nsubj   4  drone
shot       VBN  ccomp   0  shoot
down       RP   prt     4
over       IN   prep    4
Kyiv       NNP  pobj    6  _  GPE
.          .    punct   0
""",
        {"Kyiv": "Settlement"},
    )
    assert speaker(finder, "Confirmed") == Decision((None, 0.5), "statements.speaker.no_speaker")


# --- statements.quote_speaker --------------------------------------------------------------


def test_caption_name_a_persons_name_after_the_quote():
    finder, keys = build(
        """
"           ``   punct    3
We          PRP  nsubj    3  we
will        MD   aux      3
rebuild     VB   ROOT     3
every       DT   det      5
school      NN   dobj     3
.           .    punct    3
"           ''   punct    3
Oleksandr   NNP  compound 9  _  PERSON
Marchenko   NNP  ROOT     9  _  PERSON
,           ,    punct    9
a           DT   det      12
teacher     NN   appos    9
in          IN   prep     12
Kharkiv     NNP  pobj     13 _  GPE
.           .    punct    9
""",
        {"Oleksandr Marchenko": "Person", "Kharkiv": "Settlement"},
    )
    text = para(finder).doc.text
    (_, end), *_ = quote_ranges(text)
    assert QUOTE_SPEAKER.decide(finder, 0, para(finder), end) == Decision(
        (keys["Oleksandr Marchenko"], None, 0.6), "statements.quote_speaker.caption_name"
    )

    said, _ = build(
        """
"           ``   punct    3
We          PRP  nsubj    3  we
will        MD   aux      3
rebuild     VB   ccomp    10
every       DT   det      5
school      NN   dobj     3
,           ,    punct    10
"           ''   punct    10
Oleksandr   NNP  compound 9  _  PERSON
Marchenko   NNP  nsubj    10 _  PERSON
said        VBD  ROOT     10 say
.           .    punct    10
""",
        {"Oleksandr Marchenko": "Person"},
    )
    (_, end), *_ = quote_ranges(para(said).doc.text)
    caption_name = rule(QUOTE_SPEAKER, "statements.quote_speaker.caption_name")
    assert caption_name(said, 0, para(said), end) is None  # a speech verb follows


def _zelensky_then_quote():
    """Paragraph 0 names Zelensky; paragraph 1 is a quote with no verb."""
    finder, keys = build(
        """
Zelensky  NNP  nsubj  1  _  PERSON
wrote     VBD  ROOT   1  write
on        IN   prep   1
Telegram  NNP  pobj   2  _  ORG
.         .    punct  1
--
"""
        + HOLDING_THE_LINE,
        {"Zelensky": "Person", "Telegram": "Organization"},
    )
    (_, end), *_ = quote_ranges(para(finder, 1).doc.text)
    return finder, keys, end


def test_previous_quote_continues_the_last_direct_quote():
    finder, keys, end = _zelensky_then_quote()
    first = para(finder, 0)
    span = finder.parsed.span(first, 0, len(first.doc.text))
    earlier = Statement(
        key=f"st{span.start}",
        quote=span.text,
        span=span,
        direct=True,
        speaker=keys["Zelensky"],
        medium=keys["Telegram"],
    )
    finder.last_direct = (0, earlier)
    assert QUOTE_SPEAKER.decide(finder, 1, para(finder, 1), end) == Decision(
        (keys["Zelensky"], keys["Telegram"], 0.6), "statements.quote_speaker.previous_quote"
    )
    previous_quote = rule(QUOTE_SPEAKER, "statements.quote_speaker.previous_quote")
    assert previous_quote(finder, 2, para(finder, 1), end) is None  # a paragraph between


def test_previous_statement_a_quote_after_a_reported_statement():
    finder, keys, end = _zelensky_then_quote()
    first = para(finder, 0)
    span = finder.parsed.span(first, 0, len(first.doc.text))
    reported = Statement(
        key=f"st{span.start}", quote=span.text, span=span, direct=False, speaker=keys["Zelensky"]
    )
    finder.last_statement = (0, reported)
    assert QUOTE_SPEAKER.decide(finder, 1, para(finder, 1), end) == Decision(
        (keys["Zelensky"], None, 0.5), "statements.quote_speaker.previous_statement"
    )
    previous_statement = rule(QUOTE_SPEAKER, "statements.quote_speaker.previous_statement")
    assert previous_statement(finder, 2, para(finder, 1), end) is None  # a paragraph between


def test_unattributed_quote_when_nothing_came_before():
    finder, _, end = _zelensky_then_quote()
    assert finder.last_direct is None
    assert QUOTE_SPEAKER.decide(finder, 1, para(finder, 1), end) == Decision(
        (None, None, 0.3), "statements.quote_speaker.unattributed_quote"
    )


# --- statements.medium ---------------------------------------------------------------------


def test_channel_platform_telegram_channels_claimed():
    finder, keys = build(TELEGRAM_CHANNELS, TELEGRAM_ENTITIES)
    assert medium(finder, "claimed") == Decision(
        keys["Telegram"], "statements.medium.channel_platform"
    )
    bloggers, _ = build(
        """
Russian   JJ   amod   2  _  NORP
military  JJ   amod   2
bloggers  NNS  nsubj  3  blogger
claimed   VBD  ROOT   3  claim
.         .    punct  3
""",
        {"Russian": ("Country", "Russia")},
    )
    channel_platform = rule(MEDIUM, "statements.medium.channel_platform")
    assert channel_platform(bloggers, para(bloggers), word(bloggers, "claimed")) is None
    assert medium(bloggers, "claimed") is None


def test_told_or_on_told_reuters_wrote_on_telegram():
    finder, keys = build(RSF_TOLD_REUTERS, RSF_ENTITIES)
    assert medium(finder, "told") == Decision(keys["Reuters"], "statements.medium.told_or_on")
    wrote, keys = build(
        """
Zelensky  NNP  nsubj  1  _  PERSON
wrote     VBD  ROOT   1  write
on        IN   prep   1
Telegram  NNP  pobj   2  _  ORG
that      IN   mark   7
Russian   JJ   amod   6  _  NORP
forces    NNS  nsubj  7  force
withdrew  VBD  ccomp  1  withdraw
.         .    punct  1
""",
        {"Zelensky": "Person", "Telegram": "Organization"},
    )
    assert medium(wrote, "wrote") == Decision(keys["Telegram"], "statements.medium.told_or_on")
    reporters, _ = build(
        """
The        DT   det     1
governor   NN   nsubj   2
told       VBD  ROOT    2  tell
reporters  NNS  dative  2  reporter
.          .    punct   2
"""
    )
    told_or_on = rule(MEDIUM, "statements.medium.told_or_on")
    assert told_or_on(reporters, para(reporters), word(reporters, "told")) is None
    assert medium(reporters, "told") is None


# --- statements.actor ----------------------------------------------------------------------


def test_person_in_apposition_an_rsf_adviser_musa_abdelkarim():
    finder, keys = build(
        """
An          DT   det      2
RSF         NNP  compound 2  _  ORG
adviser     NN   nsubj    7
,           ,    punct    2
Musa        NNP  compound 5  _  PERSON
Abdelkarim  NNP  appos    2  _  PERSON
,           ,    punct    2
said        VBD  ROOT     7  say
.           .    punct    7
""",
        {"RSF": "MilitaryUnit", "Musa Abdelkarim": "Person"},
    )
    assert actor(finder, "adviser") == Decision(
        keys["Musa Abdelkarim"], "statements.actor.person_in_apposition"
    )
    alone, _ = build(RSF_ADVISER_SAID, {"RSF": "MilitaryUnit"})
    person_in_apposition = rule(ACTOR, "statements.actor.person_in_apposition")
    assert person_in_apposition(alone, para(alone), word(alone, "adviser")) is None


def test_national_body_the_sudanese_army_said():
    finder, keys = build(
        """
The       DT   det    2
Sudanese  JJ   amod   2  _  NORP
army      NN   nsubj  3
said      VBD  ROOT   3  say
.         .    punct  3
""",
        {"Sudanese": ("Country", "Sudan")},
    )
    decision = actor(finder, "army")
    assert decision is not None and decision.rule == "statements.actor.national_body"
    assert finder.table.type_of(decision.value) == "MilitaryUnit"
    assert finder.table.label_of(decision.value) == "Army of Sudan"
    assert [m.text for m in finder.table.mentions_of(decision.value)] == ["Sudanese army"]
    # named already: the army is that entity's
    named, keys = build(
        """
The       DT   det    2
Sudanese  JJ   amod   2  _  ORG
army      NN   nsubj  3  _  ORG
said      VBD  ROOT   3  say
.         .    punct  3
""",
        {"Sudanese army": ("MilitaryUnit", "Sudanese Armed Forces")},
    )
    national_body = rule(ACTOR, "statements.actor.national_body")
    assert national_body(named, para(named), word(named, "army")) is None
    assert actor(named, "army") == Decision(
        keys["Sudanese army"], "statements.actor.resolved_actor"
    )


def test_resolved_actor_unless_only_a_modifier_of_the_speaker():
    finder, keys = build(HAMAS_SAID, HAMAS_ENTITIES)
    assert actor(finder, "Hamas") == Decision(keys["Hamas"], "statements.actor.resolved_actor")
    # "An RSF adviser" is someone of the RSF, not the RSF
    adviser, _ = build(RSF_ADVISER_SAID, {"RSF": "MilitaryUnit"})
    assert actor(adviser, "adviser") == Decision(None, "statements.actor.resolved_actor")
    # "A Ukrainian soldier" is no statement of Ukraine
    soldier, _ = build(
        """
A          DT   det    2
Ukrainian  JJ   amod   2  _  NORP
soldier    NN   nsubj  3
said       VBD  ROOT   3  say
.          .    punct  3
""",
        {"Ukrainian": ("Country", "Ukraine")},
    )
    assert actor(soldier, "soldier") == Decision(None, "statements.actor.resolved_actor")
    # a place is no actor
    kharkiv, _ = build(
        """
Kharkiv  NNP  nsubj  1  _  GPE
said     VBD  ROOT   1  say
.        .    punct  1
""",
        {"Kharkiv": "Settlement"},
    )
    resolved_actor = rule(ACTOR, "statements.actor.resolved_actor")
    assert resolved_actor(kharkiv, para(kharkiv), word(kharkiv, "Kharkiv")) is None


def test_named_by_apposition_ukrenergo_the_national_grid_operator():
    finder, _ = build(
        """
Ukrenergo  NNP  nsubj    7
,          ,    punct    0
the        DT   det      5
national   JJ   amod     5
grid       NN   compound 5
operator   NN   appos    0
,          ,    punct    0
said       VBD  ROOT     7  say
power      NN   compound 9
outages    NNS  nsubj    11 outage
would      MD   aux      11
continue   VB   ccomp    7
.          .    punct    7
"""
    )
    decision = actor(finder, "Ukrenergo")
    assert decision is not None and decision.rule == "statements.actor.named_by_apposition"
    (entity,) = finder.table.entities()
    assert (entity.key, entity.type, entity.label, entity.confidence) == (
        decision.value,
        "Organization",
        "Ukrenergo",
        0.4,
    )
    medic, _ = build(
        """
Moroz   NNP  nsubj    5
,       ,    punct    0
a       DT   det      4
combat  NN   compound 4
medic   NN   appos    0
said    VBD  ROOT     5  say
.       .    punct    5
"""
    )
    decision = actor(medic, "Moroz")
    assert decision is not None and decision.rule == "statements.actor.named_by_apposition"
    assert medic.table.type_of(decision.value) == "Person"
    assert medic.table.label_of(decision.value) == "Moroz"

    hub, _ = build(
        """
Kupiansk  NNP  nsubjpass 6
,         ,    punct     0
a         DT   det       4
rail      NN   compound  4
hub       NN   appos     0
was       VBD  auxpass   6  be
shelled   VBN  ROOT      6  shell
.         .    punct     6
"""
    )
    named_by_apposition = rule(ACTOR, "statements.actor.named_by_apposition")
    assert named_by_apposition(hub, para(hub), word(hub, "Kupiansk")) is None
    assert hub.table.entities() == ()


def test_missed_person_name_a_run_of_capitalised_names():
    finder, _ = build(
        """
Oleksandr  NNP  compound 1
Marchenko  NNP  nsubj    2
said       VBD  ROOT     2  say
.          .    punct    2
"""
    )
    decision = actor(finder, "Marchenko")
    assert decision is not None and decision.rule == "statements.actor.missed_person_name"
    (entity,) = finder.table.entities()
    assert (entity.key, entity.type, entity.label, entity.confidence) == (
        decision.value,
        "Person",
        "Oleksandr Marchenko",
        0.4,
    )
    surname, _ = build(
        """
Marchenko  NNP  nsubj  1
said       VBD  ROOT   1  say
.          .    punct  1
"""
    )
    missed_person_name = rule(ACTOR, "statements.actor.missed_person_name")
    assert missed_person_name(surname, para(surname), word(surname, "Marchenko")) is None
    assert actor(surname, "Marchenko") is None
    staff, _ = build(
        """
General    NNP  compound 1
Staff      NNP  nsubj    2
said       VBD  ROOT     2  say
.          .    punct    2
"""
    )
    assert missed_person_name(staff, para(staff), word(staff, "Staff")) is None  # a body


# --- every rule has a test -----------------------------------------------------------------

TESTED_LISTS = {
    "statements.speech_verb",
    "statements.clause",
    "statements.quote",
    "statements.speaker",
    "statements.quote_speaker",
    "statements.medium",
    "statements.actor",
    "coref.actor",
}


def test_every_statement_and_coreference_rule_has_a_test():
    """A rule counts as tested when the test files here or in ../coref/ name it in full
    ("statements.clause.parenthetical", as a decision asserts it) or call its function
    ("national_body(..."): a rule added to one of these lists, or a new statements./coref.
    list, fails here until it has a test."""
    import kg.extract.coref.actors  # noqa: F401  (registers coref.actor: imported lazily)
    import kg.extract.statements.finder  # noqa: F401  (registers the statements.* lists)

    here = Path(__file__).resolve().parent
    files = [*here.glob("test_*.py"), *(here.parent / "coref").glob("test_*.py")]
    source = "\n".join(f.read_text(encoding="utf-8") for f in files)
    lists = {n: rl for n, rl in REGISTRY.items() if n.startswith(("statements.", "coref."))}
    assert TESTED_LISTS <= set(lists)
    untested = [
        rule.name
        for rule_list in lists.values()
        for rule in rule_list
        if f'"{rule.name}"' not in source and not re.search(rf"\b{rule.func.__name__}\(", source)
    ]
    assert untested == []


INTERFAX_QUOTED = """
Interfax  NNP  nsubj      1  _  ORG
quoted    VBD  ROOT       1  quote
the       DT   det        4
FSB       NNP  compound   4  _  ORG
service   NN   dobj       1
as        IN   prep       1
saying    VBG  pcomp      5  say
gunmen    NNS  nsubjpass  10  gunman
had       VBD  aux        10  have
been      VBN  auxpass    10  be
arrested  VBN  ccomp      6  arrest
.         .    punct      1
"""


def test_quoted_as_saying_the_one_quoted_speaks_through_the_quoter():
    finder, keys = build(INTERFAX_QUOTED, {"Interfax": "Organization", "FSB": "Organization"})
    assert speaker(finder, "saying") == Decision(
        (keys["FSB"], 0.8), "statements.speaker.quoted_as_saying"
    )
    assert medium(finder, "saying") == Decision(
        keys["Interfax"], "statements.medium.quoting_outlet"
    )
    quoted_as_saying = rule(SPEAKER, "statements.speaker.quoted_as_saying")
    assert quoted_as_saying(finder, para(finder), word(finder, "quoted")) is None


def test_named_channel_the_telegram_channel_vchk_ogpu_reported():
    finder, keys = build(
        """
The       DT   det       2
Telegram  NNP  compound  2  _  ORG
channel   NN   nsubj     6
VChK      NNP  compound  5
-         HYPH punct     5
OGPU      NNP  appos     2
reported  VBD  ROOT      6  report
attempts  NNS  dobj      6  attempt
.         .    punct     6
""",
        {"Telegram": "Organization"},
    )
    decision = ACTOR.decide(finder, para(finder), word(finder, "channel"))
    assert decision is not None and decision.rule == "statements.actor.named_channel"
    assert finder.table.label_of(decision.value).replace(" ", "") == "VChK-OGPU"
    assert finder.table.type_of(decision.value) == "Organization"
    named_channel = rule(ACTOR, "statements.actor.named_channel")
    assert named_channel(finder, para(finder), word(finder, "Telegram")) is None


SNA_AND_AUSSOM = """
The         DT   det       2
Somali      NNP  compound  2  _  ORG
Army        NNP  nsubj     5  _  ORG
and         CC   cc        2
AUSSOM      NNP  conj      2  _  ORG
reported    VBD  ROOT      5  report
no          DT   det       7
casualties  NNS  dobj      5  casualty
.           .    punct     5
"""


def test_conjoined_subjects_the_army_and_aussom_reported():
    finder, keys = build(SNA_AND_AUSSOM, {"Somali Army": "MilitaryUnit", "AUSSOM": "Organization"})
    verb = word(finder, "reported")
    decision = CO_SPEAKERS.decide(finder, para(finder), verb, keys["Somali Army"])
    assert decision == Decision((keys["AUSSOM"],), "statements.co_speakers.conjoined_subjects")
    alone = CO_SPEAKERS.decide(finder, para(finder), verb, None)
    assert alone == Decision((), "statements.co_speakers.single_speaker")
    finder.paragraph(0, para(finder))
    assert [(s.key, s.speaker, s.quote) for s in finder.out] == [
        ("st36", keys["Somali Army"], "no casualties"),
        ("st36-2", keys["AUSSOM"], "no casualties"),
    ]


def test_statement_saying_the_ministry_issued_a_statement_saying():
    finder, keys = build(
        """
The        DT   det    1
ministry   NN   nsubj  2  _  ORG
issued     VBD  ROOT   2  issue
a          DT   det    4
statement  NN   dobj   2
saying     VBG  acl    4  say
troops     NNS  nsubj  7  troop
withdrew   VBD  ccomp  5  withdraw
.          .    punct  2
""",
        {"ministry": "Organization"},
    )
    assert speaker(finder, "saying") == Decision(
        (keys["ministry"], 0.8), "statements.speaker.statement_saying"
    )
    statement_saying = rule(SPEAKER, "statements.speaker.statement_saying")
    assert statement_saying(finder, para(finder), word(finder, "withdrew")) is None


def test_according_to_a_statement_by_the_ministry_is_the_ministrys_not_its_medium():
    finder, keys = build(
        """
According  VBG  prep       9  accord
to         IN   prep       0
a          DT   det        3
statement  NN   pobj       1
by         IN   prep       3
the        DT   det        6
ministry   NN   pobj       4  _  ORG
,          ,    punct      9
three      CD   nsubjpass  9
died       VBD  ROOT       9  die
.          .    punct      9
""",
        {"ministry": "Organization"},
    )
    assert speaker(finder, "According") == Decision(
        (keys["ministry"], 0.8), "statements.speaker.according_to_source"
    )
    told_or_on = rule(MEDIUM, "statements.medium.told_or_on")
    assert told_or_on(finder, para(finder), word(finder, "According")) is None


def test_outlet_noun_the_reuters_news_agency_reported_is_reuters():
    finder, keys = build(
        """
The       DT   det       3
Reuters   NNP  compound  3  _  ORG
news      NN   compound  3
agency    NN   nsubj     4
reported  VBD  ROOT      4  report
.         .    punct     4
""",
        {"Reuters": "Organization"},
    )
    assert actor(finder, "agency") == Decision(keys["Reuters"], "statements.actor.resolved_actor")


ARMY_SPOKESPERSON = """
Ethiopian    NNP  compound  1  _  ORG
forces       NNS  nsubj     2  force  ORG
fought       VBD  ROOT      2  fight
.            .    punct     2
An           DT   det       6
army         NN   compound  6
spokesperson NN   nsubj     7
told         VBD  ROOT      7  tell
AFP          NNP  dobj      7  _  ORG
.            .    punct     7
"""


def test_army_spokesperson_speaks_for_the_one_national_army():
    finder, keys = build(
        ARMY_SPOKESPERSON,
        {
            "Ethiopian forces": ("MilitaryUnit", "Ethiopian National Defense Force"),
            "AFP": "Organization",
        },
    )
    assert actor(finder, "spokesperson") == Decision(
        keys["Ethiopian forces"], "statements.actor.army_spokesperson"
    )
    # no national army named: no decision
    alone, _ = build(ARMY_SPOKESPERSON, {"AFP": "Organization"})
    army_spokesperson = rule(ACTOR, "statements.actor.army_spokesperson")
    assert army_spokesperson(alone, para(alone), word(alone, "spokesperson")) is None


BOTH_SIDES = """
Armenia     NNP  nsubj     1  _  GPE
accused     VBD  ROOT      1  accuse
Azerbaijan  NNP  dobj      1  _  GPE
.           .    punct     1
Both        DT   det       5
sides       NNS  nsubj     6  side
blamed      VBD  ROOT      6  blame
each        DT   det       8
other       JJ   dobj      6
.           .    punct     6
"""


def test_both_sides_and_other_side_the_two_countries_named_last():
    finder, keys = build(BOTH_SIDES, {"Armenia": "Country", "Azerbaijan": "Country"})
    blamed = word(finder, "blamed")
    first = speaker(finder, "blamed")
    assert first == Decision((keys["Azerbaijan"], 0.7), "statements.speaker.both_sides")
    other = CO_SPEAKERS.decide(finder, para(finder), blamed, keys["Azerbaijan"])
    assert other == Decision((keys["Armenia"],), "statements.co_speakers.other_side")
    # one country named: no two sides
    one, _ = build(BOTH_SIDES, {"Armenia": "Country"})
    both_sides = rule(SPEAKER, "statements.speaker.both_sides")
    assert both_sides(one, para(one), word(one, "blamed")) is None


def test_pronoun_continues_speaker_it_said_after_x_quoted_y_as_saying_is_y():
    text = INTERFAX_QUOTED + (
        "It    PRP  nsubj      13\n"
        "said  VBD  ROOT       13  say\n"
        "they  PRP  nsubjpass  16\n"
        "were  VBD  auxpass    16  be\n"
        "moved VBN  ccomp      13  move\n"
        ".     .    punct      13\n"
    )
    finder, keys = build(text, {"Interfax": "Organization", "FSB": "Organization"})
    assert speaker(finder, "said") == Decision(
        (keys["FSB"], 0.8), "statements.speaker.pronoun_continues_speaker"
    )


def test_army_spokesperson_not_a_single_military_officer():
    text = ARMY_SPOKESPERSON.replace("spokesperson NN", "officer      NN")
    finder, _ = build(
        text,
        {
            "Ethiopian forces": ("MilitaryUnit", "Ethiopian National Defense Force"),
            "AFP": "Organization",
        },
    )
    army_spokesperson = rule(ACTOR, "statements.actor.army_spokesperson")
    assert army_spokesperson(finder, para(finder), word(finder, "officer")) is None
