"""The rules of ``statements.speech_verb`` and ``statements.clause`` (kg/extract/statements/
speech.py), each on a hand-made parse of the sentence it is meant for (no model load)."""

from __future__ import annotations

from kg.extract.parsed import Paragraph
from kg.extract.rules import Decision
from kg.extract.statements.quotes import quote_ranges
from kg.extract.statements.speech import CLAUSE, SPEECH_VERB
from tests.extract.handmade import parsed


def paragraph(table: str) -> Paragraph:
    return parsed(table).paragraphs[0]


def word(para: Paragraph, text: str, n: int = 0):
    """The n-th token spelled ``text``."""
    return [t for t in para.doc if t.text == text][n]


def rule(rule_list, name: str):
    """The function of the rule called ``name`` (it must be in the list)."""
    return next(r.func for r in rule_list if r.name == name)


def speech(para: Paragraph, text: str, n: int = 0) -> Decision | None:
    return SPEECH_VERB.decide(word(para, text, n), quote_ranges(para.doc.text))


def clause(para: Paragraph, text: str) -> tuple[str, list[str]] | None:
    """The CLAUSE decision as (rule, the reported words)."""
    decision = CLAUSE.decide(word(para, text))
    return None if decision is None else (decision.rule, [t.text for t in decision.value])


# --- sentences shared by several tests ---------------------------------------------------

KILLED_ACCORDING_TO = """
Twelve    CD   nummod    1
people    NNS  nsubjpass 3  person
were      VBD  auxpass   3  be
killed    VBN  ROOT      3  kill
and       CC   cc        3
118       CD   nsubj     6
injured   VBN  conj      3  injure
,         ,    punct     6
according VBG  prep      6  accord
to        IN   prep      8
the       DT   det       13
Sudan     NNP  compound  13
Doctors   NNPS compound  13 doctors
Network   NNP  pobj      9
.         .    punct     3
"""

CALLED_FOR_CEASEFIRE = """
The       DT   det      1
UN        NNP  nsubj    2
called    VBD  ROOT     2  call
for       IN   prep     2
an        DT   det      6
immediate JJ   amod     6
ceasefire NN   pobj     3
.         .    punct    2
"""

CALLED_ON_ALLIES = """
Zelensky  NNP  nsubj    1
called    VBD  ROOT     1  call
on        IN   prep     1
allies    NNS  pobj     2  ally
to        TO   aux      5
deliver   VB   xcomp    1
air       NN   compound 7
defence   NN   compound 8
systems   NNS  dobj     5  system
.         .    punct    1
"""

CALLED_A_FABRICATION = """
The          DT   det    1
ministry     NN   nsubj  2
called       VBD  ROOT   2  call
the          DT   det    4
claim        NN   dobj   2
"            ``   punct  7
a            DT   det    7
fabrication  NN   oprd   2
"            ''   punct  7
.            .    punct  2
"""

CALLED_IRON_SWORD = """
The        DT   det      1
army       NN   nsubj    2
called     VBD  ROOT     2  call
the        DT   det      4
operation  NN   dobj     2
"          ``   punct    7
Iron       NNP  compound 7
Sword      NNP  oprd     2
"          ''   punct    7
.          .    punct    2
"""


# --- statements.speech_verb --------------------------------------------------------------


def test_inside_quotes_a_speech_verb_is_quoted_not_spoken():
    para = paragraph(
        """
He      PRP  nsubj  1  he
said    VBD  ROOT   1  say
:       :    punct  1
"       ``   punct  5
They    PRP  nsubj  5  they
told    VBD  ccomp  1  tell
us      PRP  dobj   5  we
to      TO   aux    8
leave   VB   xcomp  5
.       .    punct  5
"       ''   punct  1
"""
    )
    assert para.doc.text == 'He said: " They told us to leave. "'
    assert speech(para, "told") == Decision(None, "statements.speech_verb.inside_quotes")
    inside_quotes = rule(SPEECH_VERB, "statements.speech_verb.inside_quotes")
    assert inside_quotes(word(para, "said"), quote_ranges(para.doc.text)) is None
    assert speech(para, "said") == Decision(True, "statements.speech_verb.speech_lemma")


def test_negated_speech_verb_reports_nothing():
    para = paragraph(
        """
The     DT   det    1
army    NN   nsubj  4
did     VBD  aux    4  do
not     RB   neg    4
say     VB   ROOT   4
where   WRB  advmod 9
the     DT   det    7
troops  NNS  nsubj  9  troop
were    VBD  aux    9  be
going   VBG  ccomp  4  go
.       .    punct  4
"""
    )
    assert speech(para, "say") == Decision(None, "statements.speech_verb.negated")


def test_speech_lemma_is_a_verb_of_the_vocabulary_and_not_a_noun():
    para = paragraph(
        """
The     DT   det       1
report  NN   nsubj     2  report
said    VBD  ROOT      2  say
two     CD   nummod    4
drones  NNS  nsubjpass 6  drone
were    VBD  auxpass   6  be
shot    VBN  ccomp     2  shoot
down    RP   prt       6
.       .    punct     2
"""
    )
    assert speech(para, "said") == Decision(True, "statements.speech_verb.speech_lemma")
    speech_lemma = rule(SPEECH_VERB, "statements.speech_verb.speech_lemma")
    assert speech_lemma(word(para, "report"), []) is None  # the noun "report"
    assert speech(para, "report") is None
    assert speech(para, "shot") is None


def test_went_on_continues_speech():
    para = paragraph(
        """
He      PRP  nsubj  1  he
went    VBD  ROOT   1  go
on      RP   prt    1
:       :    punct  1
"       ``   punct  7
We      PRP  nsubj  7  we
will    MD   aux    7
hold    VB   ccomp  1
the     DT   det    9
line    NN   dobj   7
.       .    punct  7
"       ''   punct  1
"""
    )
    assert speech(para, "went") == Decision(True, "statements.speech_verb.went_on")

    travel = paragraph(
        """
Troops   NNS  nsubj  1  troop
went     VBD  ROOT   1  go
to       IN   prep   1
Bakhmut  NNP  pobj   2
"""
    )
    went_on = rule(SPEECH_VERB, "statements.speech_verb.went_on")
    assert went_on(word(travel, "went"), []) is None
    assert speech(travel, "went") is None


def test_according_to_attributes_unless_the_source_is_bare_data():
    para = paragraph(KILLED_ACCORDING_TO)
    assert speech(para, "according") == Decision(True, "statements.speech_verb.according_to")

    hedge = paragraph(
        """
Twelve       CD   nummod    1
people       NNS  nsubjpass 3  person
were         VBD  auxpass   3  be
killed       VBN  ROOT      3  kill
,            ,    punct     3
according    VBG  prep      3  accord
to           IN   prep      5
preliminary  JJ   amod      8
data         NNS  pobj      6  data
.            .    punct     3
"""
    )
    assert speech(hedge, "according") == Decision(None, "statements.speech_verb.according_to")

    owned = paragraph(
        """
Twelve     CD   nummod    1
people     NNS  nsubjpass 3  person
were       VBD  auxpass   3  be
killed     VBN  ROOT      3  kill
,          ,    punct     3
according  VBG  prep      3  accord
to         IN   prep      5
UN         NNP  compound  8
figures    NNS  pobj      6  figure
.          .    punct     3
"""
    )
    assert speech(owned, "according") == Decision(True, "statements.speech_verb.according_to")


def test_called_on_or_for_is_an_appeal():
    for_ = paragraph(CALLED_FOR_CEASEFIRE)
    assert speech(for_, "called") == Decision(True, "statements.speech_verb.called_on_or_for")
    on = paragraph(CALLED_ON_ALLIES)
    assert speech(on, "called") == Decision(True, "statements.speech_verb.called_on_or_for")

    up = paragraph(
        """
Kyiv        NNP  nsubj  1
called      VBD  ROOT   1  call
up          RP   prt    1
reservists  NNS  dobj   1  reservist
.           .    punct  1
"""
    )
    called_on_or_for = rule(SPEECH_VERB, "statements.speech_verb.called_on_or_for")
    assert called_on_or_for(word(up, "called"), []) is None
    assert speech(up, "called") is None


def test_quoted_verdict_call_is_the_subjects_verdict():
    para = paragraph(CALLED_A_FABRICATION)
    assert speech(para, "called") == Decision(True, "statements.speech_verb.quoted_verdict_call")
    name = paragraph(CALLED_IRON_SWORD)  # a quoted proper name is a name, not a verdict
    quoted_verdict_call = rule(SPEECH_VERB, "statements.speech_verb.quoted_verdict_call")
    assert quoted_verdict_call(word(name, "called"), quote_ranges(name.doc.text)) is None
    assert speech(name, "called") is None


# --- statements.clause -------------------------------------------------------------------


def test_according_to_clause_is_the_whole_clause_it_hangs_on():
    para = paragraph(KILLED_ACCORDING_TO)
    assert clause(para, "according") == (
        "statements.clause.according_to_clause",
        ["Twelve", "people", "were", "killed", "and", "118", "injured", ",", "."],
    )
    according_to_clause = rule(CLAUSE, "statements.clause.according_to_clause")
    assert according_to_clause(word(para, "killed")) is None


def test_clausal_complement_is_what_said_reports():
    para = paragraph(
        """
The       DT   det      2
General   NNP  compound 2
Staff     NNP  nsubj    3
said      VBD  ROOT     3  say
that      IN   mark     7
Russian   JJ   amod     6
forces    NNS  nsubj    7  force
launched  VBD  ccomp    3  launch
44        CD   nummod   9
attacks   NNS  dobj     7  attack
.         .    punct    3
"""
    )
    assert clause(para, "said") == (
        "statements.clause.clausal_complement",
        ["that", "Russian", "forces", "launched", "44", "attacks"],
    )
    clausal_complement = rule(CLAUSE, "statements.clause.clausal_complement")
    assert clausal_complement(word(para, "launched")) is None  # no clause of its own


def test_claimed_infinitive_is_what_was_claimed():
    para = paragraph(
        """
Russia    NNP  nsubj  1
claimed   VBD  ROOT   1  claim
to        TO   aux    4
have      VB   aux    4
repelled  VBN  xcomp  1  repel
the       DT   det    6
attack    NN   dobj   4
.         .    punct  1
"""
    )
    assert clause(para, "claimed") == (
        "statements.clause.claimed_infinitive",
        ["to", "have", "repelled", "the", "attack"],
    )
    claimed_infinitive = rule(CLAUSE, "statements.clause.claimed_infinitive")
    assert claimed_infinitive(word(paragraph(CALLED_ON_ALLIES), "called")) is None


def test_acknowledged_object_is_what_was_confirmed():
    para = paragraph(
        """
The        DT   det    1
army       NN   nsubj  2
confirmed  VBD  ROOT   2  confirm
the        DT   det    4
strike     NN   dobj   2
on         IN   prep   4
Kharkiv    NNP  pobj   5
.          .    punct  2
"""
    )
    assert clause(para, "confirmed") == (
        "statements.clause.acknowledged_object",
        ["the", "strike", "on", "Kharkiv"],
    )
    pronoun = paragraph(
        """
The        DT   det    1
army       NN   nsubj  2
confirmed  VBD  ROOT   2  confirm
it         PRP  dobj   2
.          .    punct  2
"""
    )
    acknowledged_object = rule(CLAUSE, "statements.clause.acknowledged_object")
    assert acknowledged_object(word(pronoun, "confirmed")) is None
    assert clause(pronoun, "confirmed") is None


def test_appeal_complement_is_what_was_urged():
    para = paragraph(
        """
The       DT   det    1
UN        NNP  nsubj  2
urged     VBD  ROOT   2  urge
both      DT   det    4
sides     NNS  dobj   2  side
to        TO   aux    6
withdraw  VB   xcomp  2
from      IN   prep   6
the       DT   det    9
town      NN   pobj   7
.         .    punct  2
"""
    )
    assert clause(para, "urged") == (
        "statements.clause.appeal_complement",
        ["to", "withdraw", "from", "the", "town"],
    )
    assert clause(paragraph(CALLED_ON_ALLIES), "called") == (
        "statements.clause.appeal_complement",
        ["to", "deliver", "air", "defence", "systems"],
    )
    restraint = paragraph(
        """
The        DT   det    1
UN         NNP  nsubj  2
urged      VBD  ROOT   2  urge
restraint  NN   dobj   2
.          .    punct  2
"""
    )
    appeal_complement = rule(CLAUSE, "statements.clause.appeal_complement")
    assert appeal_complement(word(restraint, "urged")) is None
    assert clause(restraint, "urged") is None


def test_call_for_object_is_what_is_called_for():
    para = paragraph(CALLED_FOR_CEASEFIRE)
    assert clause(para, "called") == (
        "statements.clause.call_for_object",
        ["an", "immediate", "ceasefire"],
    )
    call_for_object = rule(CLAUSE, "statements.clause.call_for_object")
    assert call_for_object(word(paragraph(CALLED_ON_ALLIES), "called")) is None


def test_that_clause_on_noun_said_in_a_statement_that():
    para = paragraph(
        """
The        DT   det       1
ministry   NN   nsubj     2
said       VBD  ROOT      2  say
in         IN   prep      2
a          DT   det       5
statement  NN   pobj      3
that       IN   mark      10
two        CD   nummod    8
civilians  NNS  nsubjpass 10 civilian
were       VBD  auxpass   10 be
killed     VBN  acl       5  kill
.          .    punct     2
"""
    )
    assert clause(para, "said") == (
        "statements.clause.that_clause_on_noun",
        ["that", "two", "civilians", "were", "killed"],
    )
    bare = paragraph(
        """
The        DT   det    1
ministry   NN   nsubj  2
said       VBD  ROOT   2  say
in         IN   prep   2
a          DT   det    5
statement  NN   pobj   3
.          .    punct  2
"""
    )
    that_clause_on_noun = rule(CLAUSE, "statements.clause.that_clause_on_noun")
    assert that_clause_on_noun(word(bare, "said")) is None
    assert clause(bare, "said") is None


def test_reported_object_keeps_later_modifiers_but_not_the_medium():
    para = paragraph(
        """
The       DT   det      2
General   NNP  compound 2
Staff     NNP  nsubj    3
reported  VBD  ROOT     3  report
44        CD   nummod   5
clashes   NNS  dobj     3  clash
along     IN   prep     3
the       DT   det      8
front     NN   pobj     6
on        IN   prep     3
Telegram  NNP  pobj     9
.         .    punct    3
"""
    )
    assert clause(para, "reported") == (
        "statements.clause.reported_object",
        ["44", "clashes", "along", "the", "front"],
    )
    pronoun = paragraph(
        """
The       DT   det      2
General   NNP  compound 2
Staff     NNP  nsubj    3
reported  VBD  ROOT     3  report
it        PRP  dobj     3
.         .    punct    3
"""
    )
    reported_object = rule(CLAUSE, "statements.clause.reported_object")
    assert reported_object(word(pronoun, "reported")) is None
    assert clause(pronoun, "reported") is None


def test_parenthetical_reports_the_sentence_up_to_the_comma_before_the_speaker():
    para = paragraph(
        """
Militants       NNS  nsubj      1  militant
stormed         VBD  ROOT       1  storm
a               DT   det        3
checkpoint      NN   dobj       1
near            IN   prep       3
Tillaberi       NNP  pobj       4
on              IN   prep       1
Friday          NNP  pobj       6
,               ,    punct      1
setting         VBG  advcl      1  set
vehicles        NNS  dobj       9  vehicle
on              IN   prep       9
fire            NN   pobj       11
,               ,    punct      1
villagers       NNS  nsubj      17 villager
and             CC   cc         14
officials       NNS  conj       14 official
said            VBD  parataxis  1  say
,               ,    punct      17
as              IN   mark       22
the             DT   det        21
army            NN   nsubj      22
sent            VBD  advcl      1  send
reinforcements  NNS  dobj       22 reinforcement
.               .    punct      1
"""
    )
    assert clause(para, "said") == (
        "statements.clause.parenthetical",
        "Militants stormed a checkpoint near Tillaberi on Friday , "
        "setting vehicles on fire".split(),
    )
    parenthetical = rule(CLAUSE, "statements.clause.parenthetical")
    assert parenthetical(word(para, "stormed")) is None  # not a parataxis


def test_claimed_lives_reports_deaths_not_speech():
    para = paragraph(
        """
The     DT   det    1
attack  NN   nsubj  2
claimed VBD  ROOT   2 claim
the     DT   det    4
lives   NNS  dobj   2 life
"""
    )
    assert speech(para, "claimed") == Decision(None, "statements.speech_verb.claimed_lives")


def test_condemn_reports_its_object():
    para = paragraph(
        """
The       DT   det      1
ministry  NN   nsubj    2
condemned VBD  ROOT     2 condemn
the       DT   det      4
attack    NN   dobj     2 attack
on        IN   prep     4
Goma      NNP  pobj     5 goma GPE
"""
    )
    assert speech(para, "condemned").rule == "statements.speech_verb.speech_lemma"
    assert clause(para, "condemned") == (
        "statements.clause.reported_object",
        ["the", "attack", "on", "Goma"],
    )
