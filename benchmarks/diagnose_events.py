"""Show, for each gold event of the seed, the events the graph has in its sentence
(type, trigger, agent, places, factuality): the quickest way to see why a score is low.

    python benchmarks/diagnose_events.py out/seeds.ttl
"""

import json
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.evaluate import find_span as _find_sentence
from kg.ontology import CKG, GAF, NIF
from kg.types import EVENT_TYPES

g = Graph().parse(sys.argv[1])
ROOT = Path(__file__).resolve().parent.parent
gold = json.load(open(ROOT.parent / "shared/gold/seed.json"))
text = (ROOT / "seeds/000_c5e17baf4e438267.txt").read_text(encoding="utf-8")


def lab(n):
    return str(g.value(n, RDFS.label)) if n else None


evs = []
for t in EVENT_TYPES:
    for e in g.subjects(RDF.type, CKG[t]):
        m = g.value(e, GAF.denotedBy)
        b = int(g.value(m, NIF.beginIndex))
        evs.append(
            (
                b,
                t,
                str(g.value(m, NIF.anchorOf)),
                lab(g.value(e, CKG.agent)),
                sorted(lab(p) for p in g.objects(e, CKG.place)),
                str(g.value(e, CKG.factuality)).split("#")[-1],
            )
        )
evs.sort()
for ge in gold["events"]:
    s, e = _find_sentence(text, ge["sentence"])
    preds = [x for x in evs if s <= x[0] < e]
    print("GOLD", ge["type"], repr(ge["trigger"]), "agent=", ge["agent"], "place=", ge["place"])
    for p in preds:
        print("    pred", p[1:])
