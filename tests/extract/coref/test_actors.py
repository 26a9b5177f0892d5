"""The rules of ``coref.actor`` (kg/extract/coref/actors.py): which actor a subject, agent
or possessor token stands for, each on a hand-made parse (no model load) with an entity
table filled by hand."""

from __future__ import annotations

from kg.extract.coref.actors import ACTOR
from kg.extract.coref.resolver import Resolver
from kg.extract.parsed import Paragraph
from kg.extract.rules import Decision
from tests.extract.handmade import with_entities


def build(table: str, entities: dict[str, str | tuple[str, str]] | None = None):
    """A Resolver on a hand-made parse, with every occurrence of each name in ``entities``
    (name -> type, or (type, label)) added to its table, in text order; and the keys by
    name."""
    doc, entity_table, keys = with_entities(table, entities)
    return Resolver(doc, entity_table), keys


def para(res: Resolver) -> Paragraph:
    return res.parsed.paragraphs[0]


def word(res: Resolver, text: str, n: int = 0):
    """The n-th token spelled ``text``."""
    return [t for t in para(res).doc if t.text == text][n]


def rule(name: str):
    """The function of the ``coref.actor`` rule called ``name``."""
    return next(r.func for r in ACTOR if r.name == name)


def actor(res: Resolver, text: str, n: int = 0, demonym: bool = True) -> Decision | None:
    return ACTOR.decide(res, para(res), word(res, text, n), demonym)


def call(name: str, res: Resolver, text: str, n: int = 0, demonym: bool = True):
    """One rule's own answer for the n-th token spelled ``text``."""
    return rule(name)(res, para(res), word(res, text, n), demonym)


HAMAS_IT_SAID = """
Hamas    NNP  nsubj    1  _  ORG
fired    VBD  ROOT     1  fire
rockets  NNS  dobj     1  rocket
at       IN   prep     1
Tel      NNP  compound 5  _  GPE
Aviv     NNP  pobj     3  _  GPE
.        .    punct    1
It       PRP  nsubj    8
said     VBD  ROOT     8  say
no       DT   det      10
one      NN   nsubjpass 12
was      VBD  auxpass  12 be
hurt     VBN  ccomp    8  hurt
.        .    punct    8
"""
HAMAS_ENTITIES = {"Hamas": "Organization", "Tel Aviv": "Settlement"}

HAMAS_STATEMENT = """
Hamas      NNP   nsubj  1  _  ORG
said       VBD   ROOT   1  say
it         PRP   nsubj  3
fired      VBD   ccomp  1  fire
rockets    NNS   dobj   3  rocket
.          .     punct  1
{owner}    {tag} {dep}  7
statement  NN    nsubj  14
,          ,     punct  7
carried    VBN   acl    7  carry
by         IN    agent  9
Al         NNP   compound 12 _ ORG
Jazeera    NNP   pobj   10 _  ORG
,          ,     punct  7
gave       VBD   ROOT   14 give
no         DT    det    16
details    NNS   dobj   14 detail
.          .     punct  14
"""
STATEMENT_ENTITIES = {"Hamas": "Organization", "Al Jazeera": "Organization"}


def test_relative_pronoun_the_network_which_monitors_casualties():
    res, keys = build(
        """
The         DT   det      3
Sudan       NNP  compound 3  _  ORG
Doctors     NNPS compound 3  doctors  ORG
Network     NNP  nsubj    9  _  ORG
,           ,    punct    3
which       WDT  nsubj    6
monitors    VBZ  relcl    3  monitor
casualties  NNS  dobj     6  casualty
,           ,    punct    3
said        VBD  ROOT     9  say
.           .    punct    9
""",
        {"Sudan Doctors Network": "Organization"},
    )
    assert actor(res, "which") == Decision(
        keys["Sudan Doctors Network"], "coref.actor.relative_pronoun"
    )
    assert call("coref.actor.relative_pronoun", res, "Network") is None

    residents, _ = build(
        """
Residents  NNS  nsubj  5  resident
,          ,    punct  0
who        WP   nsubj  3
fled       VBD  relcl  0  flee
,          ,    punct  0
said       VBD  ROOT   5  say
.          .    punct  5
"""
    )
    assert actor(residents, "who") == Decision(None, "coref.actor.relative_pronoun")


def test_pronoun_it_is_the_last_organisation_we_is_nobody():
    res, keys = build(HAMAS_IT_SAID, HAMAS_ENTITIES)
    assert actor(res, "It") == Decision(keys["Hamas"], "coref.actor.pronoun")
    assert call("coref.actor.pronoun", res, "Hamas") is None

    we, _ = build(
        """
We    PRP  nsubj  2  we
will  MD   aux    2
respond VB ROOT   2
.     .    punct  2
"""
    )
    assert actor(we, "We") == Decision(None, "coref.actor.pronoun")


def test_name_in_apposition_to_noun_unifil_beats_the_un():
    res, keys = build(
        """
The           DT   det      3
UN            NNP  compound 3  _  ORG
peacekeeping  NN   compound 3
force         NN   nsubj    9
in            IN   prep     3
Lebanon       NNP  pobj     4  _  GPE
,             ,    punct    3
UNIFIL        NNP  appos    3  _  ORG
,             ,    punct    3
said          VBD  ROOT     9  say
.             .    punct    9
""",
        {"UN": "Organization", "Lebanon": "Country", "UNIFIL": "MilitaryUnit"},
    )
    assert actor(res, "force") == Decision(keys["UNIFIL"], "coref.actor.name_in_apposition_to_noun")
    assert call("coref.actor.named", res, "force") == keys["UN"]  # the description's name
    assert call("coref.actor.name_in_apposition_to_noun", res, "UNIFIL") is None


def test_bracketed_name_the_mission_in_congo_monusco():
    res, keys = build(
        """
The           DT     det      3
UN            NNP    compound 3  _  ORG
peacekeeping  NN     compound 3
mission       NN     nsubj    9
in            IN     prep     3
Congo         NNP    pobj     4  _  GPE
(             -LRB-  punct    7
MONUSCO       NNP    appos    5  _  ORG
)             -RRB-  punct    7
said          VBD    ROOT     9  say
.             .      punct    9
""",
        {"UN": "Organization", "Congo": "Country", "MONUSCO": "MilitaryUnit"},
    )
    assert actor(res, "mission") == Decision(keys["MONUSCO"], "coref.actor.bracketed_name")
    assert call("coref.actor.bracketed_name", res, "Congo") is None


def test_named_a_token_inside_an_actor_mention():
    res, keys = build(HAMAS_IT_SAID, HAMAS_ENTITIES)
    assert actor(res, "Hamas") == Decision(keys["Hamas"], "coref.actor.named")
    assert call("coref.actor.named", res, "Aviv") is None  # a settlement is no actor


def test_members_of_group_rebels_of_the_march_23_movement():
    res, keys = build(
        """
Rebels    NNS  nsubj    6  rebel
of        IN   prep     0
the       DT   det      5
March     NNP  compound 5  _  ORG
23        CD   compound 5  _  ORG
Movement  NNP  pobj     1  _  ORG
seized    VBD  ROOT     6  seize
Goma      NNP  dobj     6  _  GPE
.         .    punct    6
""",
        {"March 23 Movement": "MilitaryUnit", "Goma": "Settlement"},
    )
    assert actor(res, "Rebels") == Decision(
        keys["March 23 Movement"], "coref.actor.members_of_group"
    )
    member, _ = build(
        """
A         DT   det      1
member    NN   nsubj    7
of        IN   prep     1
the       DT   det      6
March     NNP  compound 6  _  ORG
23        CD   compound 6  _  ORG
Movement  NNP  pobj     2  _  ORG
said      VBD  ROOT     7  say
.         .    punct    7
""",
        {"March 23 Movement": "MilitaryUnit"},
    )
    # one member speaks for himself
    assert call("coref.actor.members_of_group", member, "member") is None


def test_body_of_named_organisation_the_magen_david_adom_ambulance_service():
    res, keys = build(
        """
the        DT   det      5
Magen      NNP  compound 3  _  ORG
David      NNP  compound 3  _  ORG
Adom       NNP  compound 5  _  ORG
ambulance  NN   compound 5
service    NN   nsubj    6
said       VBD  ROOT     6  say
.          .    punct    6
""",
        {"Magen David Adom": "Organization"},
    )
    mda = keys["Magen David Adom"]
    assert call("coref.actor.body_of_named_organisation", res, "service") == mda
    assert call("coref.actor.body_of_named_organisation", res, "ambulance") is None


def test_outlet_in_compound_the_al_jazeera_channel():
    res, keys = build(
        """
the      DT   det      3
Al       NNP  compound 2  _  ORG
Jazeera  NNP  compound 3  _  ORG
channel  NN   nsubj    4
reported VBD  ROOT     4  report
.        .    punct    4
""",
        {"Al Jazeera": "Organization"},
    )
    assert call("coref.actor.outlet_in_compound", res, "channel") == keys["Al Jazeera"]
    assert call("coref.actor.outlet_in_compound", res, "Jazeera") is None


def test_apposition_musa_an_rsf_commander():
    res, keys = build(
        """
Musa       NNP  nsubj    5  _  PERSON
,          ,    punct    0
an         DT   det      4
RSF        NNP  compound 4  _  ORG
commander  NN   appos    0
said       VBD  ROOT     5  say
.          .    punct    5
""",
        {"RSF": "MilitaryUnit"},
    )
    assert actor(res, "Musa") == Decision(keys["RSF"], "coref.actor.apposition")
    assert call("coref.actor.apposition", res, "commander") is None


def test_the_group_is_the_organisation_named_last():
    res, keys = build(
        """
Hamas    NNP  nsubj  1  _  ORG
fired    VBD  ROOT   1  fire
rockets  NNS  dobj   1  rocket
.        .    punct  1
The      DT   det    5
group    NN   nsubj  6
said     VBD  ROOT   6  say
.        .    punct  6
""",
        {"Hamas": "Organization"},
    )
    assert actor(res, "group") == Decision(keys["Hamas"], "coref.actor.the_group")
    alone, _ = build(
        """
The    DT   det    1
group  NN   nsubj  2
said   VBD  ROOT   2  say
.      .    punct  2
"""
    )
    assert actor(alone, "group") == Decision(None, "coref.actor.the_group")


def test_the_ministry_is_the_body_named_last_whose_name_holds_it():
    res, keys = build(
        """
The       DT   det       3
Gaza      NNP  compound  3  _  ORG
Health    NNP  compound  3  _  ORG
Ministry  NNP  nsubj     4  _  ORG
said      VBD  ROOT      4  say
40        CD   nummod    6
people    NNS  nsubjpass 8  person
were      VBD  auxpass   8  be
killed    VBN  ccomp     4  kill
.         .    punct     4
The       DT   det       12
health    NN   compound  12
ministry  NN   nsubj     13
added     VBD  ROOT      13 add
.         .    punct     13
""",
        {"Gaza Health Ministry": "Organization"},
    )
    assert actor(res, "ministry") == Decision(
        keys["Gaza Health Ministry"], "coref.actor.the_ministry"
    )
    official, _ = build(
        """
A         DT   det       2
ministry  NN   compound  2
official  NN   nsubj     3
said      VBD  ROOT      3  say
.         .    punct     3
""",
        {},
    )
    assert call("coref.actor.the_ministry", official, "ministry") is None  # not definite


def test_the_rebels_are_the_armed_group_named_last():
    res, keys = build(
        """
The     DT   det    1
M23     NNP  nsubj  2  _  ORG
seized  VBD  ROOT   2  seize
Goma    NNP  dobj   2  _  GPE
.       .    punct  2
The     DT   det    6
rebels  NNS  nsubj  7  rebel
said    VBD  ROOT   7  say
.       .    punct  7
""",
        {"M23": "MilitaryUnit", "Goma": "Settlement"},
    )
    assert actor(res, "rebels") == Decision(keys["M23"], "coref.actor.the_rebels")
    alone, _ = build(
        """
The     DT   det    1
rebels  NNS  nsubj  2  rebel
said    VBD  ROOT   2  say
.       .    punct  2
"""
    )
    assert call("coref.actor.the_rebels", alone, "rebels") is None


def test_its_statement_is_the_speaker_before_it():
    res, keys = build(
        HAMAS_STATEMENT.format(owner="Its", tag="PRP$", dep="poss"), STATEMENT_ENTITIES
    )
    assert actor(res, "statement") == Decision(keys["Hamas"], "coref.actor.its_statement")
    the, _ = build(HAMAS_STATEMENT.format(owner="The", tag="DT", dep="det"), STATEMENT_ENTITIES)
    assert call("coref.actor.its_statement", the, "statement") is None


def test_the_statement_is_whoever_spoke_last():
    res, keys = build(HAMAS_STATEMENT.format(owner="The", tag="DT", dep="det"), STATEMENT_ENTITIES)
    assert actor(res, "statement") == Decision(keys["Hamas"], "coref.actor.the_statement")
    its, _ = build(HAMAS_STATEMENT.format(owner="Its", tag="PRP$", dep="poss"), STATEMENT_ENTITIES)
    assert call("coref.actor.the_statement", its, "statement") is None


OFFICIAL_AFTER_MARCHENKO = """
Oleksandr  NNP  compound 1  _  PERSON
Marchenko  NNP  nsubj    2  _  PERSON
resigned   VBD  ROOT     2  resign
.          .    punct    2
The        DT   det      5
{role}     NN   nsubj    6
said       VBD  ROOT     6  say
.          .    punct    6
"""


SECRETARY_GENERAL = """
UN         NNP  compound 3  _  ORG
Secretary  NNP  compound 3
-          HYPH punct    3
General    NNP  compound 5
António    NNP  compound 5  _  PERSON
Guterres   NNP  nsubj    6  _  PERSON
spoke      VBD  ROOT     6  speak
.          .    punct    6
The        DT   det      11
Secretary  NNP  compound 11
-          HYPH punct    11
General    NNP  nsubj    12
condemns   VBZ  ROOT     12 condemn
the        DT   det      14
attack     NN   dobj     12
.          .    punct    12
"""


def test_the_titled_person_the_secretary_general_is_guterres():
    res, keys = build(SECRETARY_GENERAL, {"UN": "Organization", "António Guterres": "Person"})
    assert actor(res, "General", 1) == Decision(
        keys["António Guterres"], "coref.actor.the_titled_person"
    )
    # no one was named with the title: the rule passes
    res, _ = build(SECRETARY_GENERAL, {"UN": "Organization"})
    assert call("coref.actor.the_titled_person", res, "General", 1) is None


IRAN_BACKED_GROUP = """
Hezbollah  NNP  nsubj    1  _  ORG
fired      VBD  ROOT     1  fire
.          .    punct    1
The        DT   det      7
Iran       NNP  npadvmod 6  _  GPE
-          HYPH punct    6
backed     VBN  amod     7  back
group      NN   nsubj    8
said       VBD  ROOT     8  say
.          .    punct    8
"""


def test_the_described_group_the_iran_backed_group_is_hezbollah():
    res, keys = build(IRAN_BACKED_GROUP, {"Hezbollah": "MilitaryUnit", "Iran": "Country"})
    assert actor(res, "group") == Decision(keys["Hezbollah"], "coref.actor.the_described_group")
    # a bare "the group" is the_group's, not this rule's
    plain, _ = build(
        """
Hezbollah  NNP  nsubj  1  _  ORG
fired      VBD  ROOT   1  fire
.          .    punct  1
The        DT   det    4
group      NN   nsubj  5
said       VBD  ROOT   5  say
.          .    punct  5
""",
        {"Hezbollah": "MilitaryUnit"},
    )
    assert call("coref.actor.the_described_group", plain, "group") is None


def test_the_official_is_the_last_person_of_a_compatible_gender():
    res, keys = build(
        OFFICIAL_AFTER_MARCHENKO.format(role="official"), {"Oleksandr Marchenko": "Person"}
    )
    assert actor(res, "official") == Decision(
        keys["Oleksandr Marchenko"], "coref.actor.the_official"
    )
    she, _ = build(
        OFFICIAL_AFTER_MARCHENKO.format(role="spokeswoman"), {"Oleksandr Marchenko": "Person"}
    )
    assert actor(she, "spokeswoman") == Decision(None, "coref.actor.the_official")
    senior, _ = build(
        """
A          DT   det    2
senior     JJ   amod   2
official   NN   nsubj  3
said       VBD  ROOT   3  say
.          .    punct  3
"""
    )
    assert call("coref.actor.the_official", senior, "official") is None


GENERALS = """
Russia     NNP  nsubj  1  _  GPE
launched   VBD  ROOT   1  launch
the        DT   det    3
offensive  NN   dobj   1
.          .    punct  1
Its        PRP$ poss   6
generals   NNS  nsubj  7  general
expected   VBD  ROOT   7  expect
a          DT   det    9
breakthrough NN dobj   7
.          .    punct  7
"""


def test_possessor_its_generals_are_russias():
    res, keys = build(GENERALS, {"Russia": "Country"})
    assert actor(res, "generals") == Decision(keys["Russia"], "coref.actor.possessor")
    assert call("coref.actor.possessor", res, "Russia") is None
    alone, _ = build(  # no actor before "Their"
        """
Their     PRP$ poss   1  their
generals  NNS  nsubj  2  general
expected  VBD  ROOT   2  expect
a         DT   det    4
breakthrough NN dobj  2
.         .    punct  2
"""
    )
    assert actor(alone, "generals") == Decision(None, "coref.actor.possessor")


def test_nationality_russian_troops_are_russia():
    table = """
Russian  JJ   amod   1  _  NORP
troops   NNS  nsubj  2  troop
shelled  VBD  ROOT   2  shell
Kharkiv  NNP  dobj   2  _  GPE
.        .    punct  2
"""
    res, _ = build(table, {"Kharkiv": "Settlement"})
    decision = actor(res, "troops")
    assert decision is not None and decision.rule == "coref.actor.nationality"
    assert res.table.type_of(decision.value) == "Country"
    assert res.table.label_of(decision.value) == "Russia"
    assert [m.text for m in res.table.mentions_of(decision.value)] == ["Russian"]
    plain, _ = build(table, {"Kharkiv": "Settlement"})
    assert actor(plain, "troops", demonym=False) == Decision(None, "coref.actor.nationality")


def test_the_military_is_the_armed_force_named_last_with_that_word():
    res, keys = build(
        """
The       DT   det       2
Israeli   JJ   amod      2  israeli  NORP
military  NN   nsubj     3  _  ORG
said      VBD  ROOT      3  say
.         .    punct     3
The       DT   det       6
military  NN   nsubj     7
added     VBD  ROOT      7  add
.         .    punct     7
""",
        {"Israeli military": ("MilitaryUnit", "Israel Defense Forces")},
    )
    assert actor(res, "military", 1) == Decision(
        keys["Israeli military"], "coref.actor.the_ministry"
    )
