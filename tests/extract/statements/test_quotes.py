"""The rules of ``statements.quote`` (kg/extract/statements/quotes.py): which quoted
passages are statements. They take (paragraph text, start, end, introducing verb or None);
the verbs come from hand-made parses (no model load)."""

from __future__ import annotations

from kg.extract.rules import Decision
from kg.extract.statements.quotes import QUOTE, quote_ranges
from tests.extract.handmade import parsed
from tests.extract.statements.test_speech import CALLED_A_FABRICATION


def rule(name: str):
    """The function of the ``statements.quote`` rule called ``name``."""
    return next(r.func for r in QUOTE if r.name == name)


def the_quote(text: str) -> tuple[int, int]:
    """The one quoted passage of ``text``."""
    (only,) = quote_ranges(text)
    return only


def decide(text: str, verb=None) -> Decision | None:
    return QUOTE.decide(text, *the_quote(text), verb)


def verb_of(table: str, text: str):
    """The paragraph text of a hand-made parse and its token spelled ``text``."""
    para = parsed(table).paragraphs[0]
    return para.doc.text, next(t for t in para.doc if t.text == text)


def test_opens_sentence_a_quote_that_opens_its_sentence_is_a_statement():
    text = '"We will not retreat," the commander said.'
    assert text[slice(*the_quote(text))] == "We will not retreat"
    assert decide(text) == Decision(True, "statements.quote.opens_sentence")
    later = 'Kharkiv was shelled overnight. "We heard five explosions," a resident said.'
    assert decide(later) == Decision(True, "statements.quote.opens_sentence")
    opens_sentence = rule("statements.quote.opens_sentence")
    colon = 'The commander said: "We will not retreat."'
    assert opens_sentence(colon, *the_quote(colon), None) is None


def test_after_colon_a_quote_after_a_colon_is_a_statement():
    text = 'The commander said: "We will not retreat."'
    assert decide(text) == Decision(True, "statements.quote.after_colon")
    after_colon = rule("statements.quote.after_colon")
    mid = 'The army claimed a "substantial" victory.'
    assert after_colon(mid, *the_quote(mid), None) is None


def test_quoted_verdict_of_call_is_the_subjects_word():
    text, called = verb_of(
        CALLED_A_FABRICATION,
        "called",
    )
    assert text[slice(*the_quote(text))] == "a fabrication"
    assert decide(text, called) == Decision(True, "statements.quote.quoted_verdict_of_call")

    name, called = verb_of(
        """
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
""",
        "called",
    )
    quoted_verdict_of_call = rule("statements.quote.quoted_verdict_of_call")
    assert quoted_verdict_of_call(name, *the_quote(name), called) is None
    assert decide(name, called) == Decision(None, "statements.quote.scare_quote")


def test_attributed_by_verb_a_quote_of_three_words_or_more():
    text, said = verb_of(
        """
The         DT   det    1
governor    NN   nsubj  2
said        VBD  ROOT   2  say
the         DT   det    4
strike      NN   nsubj  5
was         VBD  ccomp  2  be
"           ``   punct  9
a           DT   det    9
deliberate  JJ   amod   9
attack      NN   attr   5
on          IN   prep   9
civilians   NNS  pobj   10 civilian
"           ''   punct  9
.           .    punct  2
""",
        "said",
    )
    assert decide(text, said) == Decision(True, "statements.quote.attributed_by_verb")
    attributed_by_verb = rule("statements.quote.attributed_by_verb")
    assert attributed_by_verb(text, *the_quote(text), None) is None  # no verb

    short, claimed = verb_of(
        """
Russia     NNP  nsubj  1
claimed    VBD  ROOT   1  claim
a          DT   det    5
"          ``   punct  4
substantial JJ  amod   5
"          ''   punct  4
victory    NN   dobj   1
.          .    punct  1
""",
        "claimed",
    )
    assert attributed_by_verb(short, *the_quote(short), claimed) is None  # one word
    assert decide(short, claimed) == Decision(None, "statements.quote.scare_quote")


def test_long_passage_eight_words_or_more_even_unattributed():
    text = 'The statement ended with "we will rebuild every house and every school in Kharkiv".'
    assert decide(text) == Decision(True, "statements.quote.long_passage")
    seven = 'The banner read "glory to the heroes of the front".'
    long_passage = rule("statements.quote.long_passage")
    assert long_passage(seven, *the_quote(seven), None) is None


def test_scare_quote_short_and_unattributed_is_no_statement():
    text = 'The army claimed a "substantial" victory.'
    assert decide(text) == Decision(None, "statements.quote.scare_quote")
    seven = 'The banner read "glory to the heroes of the front".'
    assert decide(seven) == Decision(None, "statements.quote.scare_quote")
