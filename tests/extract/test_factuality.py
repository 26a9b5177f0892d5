"""One test per ``factuality`` rule, on hand-made parses (no model)."""

from __future__ import annotations

from kg.extract import factuality as fa
from tests.extract.handmade import parsed


def tok(table: str, i: int):
    return parsed(table).paragraphs[0].doc[i]


DID_NOT = """
Troops NNS nsubj 3 troop
did    VBD aux   3 do
not    RB  neg   3
capture VB ROOT  3 capture
Bakhmut NNP dobj 3 bakhmut GPE
"""


def test_negation():
    assert fa.negation(tok(DID_NOT, 3)) == "denied"
    assert fa.negation(tok("Troops NNS nsubj 1 troop\ncaptured VBD ROOT 1 capture", 1)) is None


def test_negating_verb():
    t = tok("Troops NNS nsubj 1 troop\nfailed VBD ROOT 1 fail\nto TO aux 3\ncapture VB xcomp 1", 3)
    assert fa.negating_verb(t) == "denied"


def test_prospect():
    t = tok("the DT det 2\npossible JJ amod 2\ncapture NN ROOT 2", 2)
    assert fa.prospect(t) == "hypothetical"
    assert fa.prospect(tok("the DT det 1\ncapture NN ROOT 1", 1)) is None


def test_purpose():
    t = tok(
        "It PRP nsubj 1 it\nis VBZ ROOT 1 be\nvital JJ acomp 1\nfor IN prep 2\nshelling NN pobj 3",
        4,
    )
    assert fa.purpose(t) == "hypothetical"


def test_intention():
    t = tok(
        "Russia NNP nsubj 1 russia GPE\nplans VBZ ROOT 1 plan\nto TO aux 3\nattack VB xcomp 1", 3
    )
    assert fa.intention(t) == "hypothetical"


def test_modal():
    t = tok("Troops NNS nsubj 2 troop\ncould MD aux 2\ncapture VB ROOT 2 capture", 2)
    assert fa.modal(t) == "hypothetical"
    assert fa.modal(tok(DID_NOT, 3)) is None


def test_condition():
    t = tok("if IN mark 2\ntroops NNS nsubj 2 troop\nwithdraw VBP ROOT 2 withdraw", 2)
    assert fa.condition(t) == "hypothetical"


def test_factuality_of_defaults_to_asserted():
    assert (
        fa.factuality_of(tok("Troops NNS nsubj 1 troop\ncaptured VBD ROOT 1 capture", 1))
        == "asserted"
    )
    assert fa.FACTUALITY.decide(tok(DID_NOT, 3)).rule == "factuality.negation"


def test_denied_report():
    t = tok(
        "The DT det 1\narmy NN nsubj 2\ndenied VBD ROOT 2 deny\nattacking VBG xcomp 2 attack\n"
        "the DT det 5\nvillage NN dobj 3",
        3,
    )
    assert fa.denied_report(t) == "denied"
    claims = tok(
        "Hamas NNP nsubj 1\nrejected VBD ROOT 1 reject\nclaims NNS dobj 1 claim\nthat IN mark 5\n"
        "fighters NNS nsubj 5 fighter\nshelled VBN acl 2 shell\nthe DT det 7\ncamp NN dobj 5",
        5,
    )
    assert fa.denied_report(claims) == "denied"
    said = tok(
        "Officials NNS nsubj 1\nsaid VBD ROOT 1 say\n"
        "troops NNS nsubj 3\nattacked VBD ccomp 1 attack",
        3,
    )
    assert fa.denied_report(said) is None


def test_appeal():
    end = tok(
        "The DT det 1\nUN NNP nsubj 2\ncalled VBD ROOT 2 call\nfor IN prep 2\nan DT det 5\n"
        "end NN pobj 3\nto IN prep 5\nattacks NNS pobj 6 attack",
        7,
    )
    assert fa.appeal(end) == "hypothetical"
    urged = tok(
        "Kyiv NNP nsubj 1\nurged VBD ROOT 1 urge\nMoscow NNP dobj 1\n"
        "to TO aux 4\nwithdraw VB xcomp 1",
        4,
    )
    assert fa.appeal(urged) == "hypothetical"
    probe = tok(
        "The DT det 1\nUN NNP nsubj 2\ndemanded VBD ROOT 2 demand\nan DT det 4\n"
        "inquiry NN dobj 2\ninto IN prep 4\nthe DT det 7\nshelling NN pobj 5",
        7,
    )
    assert fa.appeal(probe) is None  # the shelling happened: an inquiry is asked for


def test_appeal_object():
    t = "Law NN nsubj 1 law\ndemands VBZ ROOT 1 demand\nthe DT det 3\n"
    t += "withdrawal NN dobj 1 withdrawal"
    assert fa.appeal(tok(t, 3)) == "hypothetical"
    t = "They PRP nsubj 1 they\ncalled VBD ROOT 1 call\nthe DT det 3\nattack NN dobj 1 attack"
    assert fa.appeal(tok(t, 3)) is None


def test_intention_of_plan_noun():
    t = (
        "He PRP nsubj 1 he\nannounced VBD ROOT 1 announce\nplans NNS dobj 1 plan\nto TO aux 4\n"
        "carry VB acl 2 carry\nout RP prt 4\nan DT det 7\noperation NN dobj 4 operation"
    )
    assert fa.intention(tok(t, 7)) == "hypothetical"


def test_impossible():
    t = "Evacuation NN nsubj 1 evacuation\nis VBZ ROOT 1 be\nimpossible JJ acomp 1 impossible"
    assert fa.impossible(tok(t, 0)) == "hypothetical"
    t = "Evacuation NN nsubj 1 evacuation\nis VBZ ROOT 1 be\nslow JJ acomp 1 slow"
    assert fa.impossible(tok(t, 0)) is None
