"""Generate a synthetic graph in conflict-kg's shape, of about N triples, as N-Quads.

Documents are named graphs holding their articles, mentions, entities, events and
statements, like ``kg build -o x.nq``. Entities come from a fixed pool and are reused
across documents with a Zipf-like skew (a few cities and armies appear everywhere),
so entity triples repeat in many documents' graphs, as in real output.

    .venv/bin/python benchmarks/gen_graph.py 100000 out/bench-100k.nq
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ID = "https://w3id.org/conflict-kg/id/"
CKG = "https://w3id.org/conflict-kg/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
GAF = "http://groundedannotationframework.org/gaf#"
GEO = "http://www.opengis.net/ont/geosparql#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SAME_AS = "<http://www.w3.org/2002/07/owl#sameAs>"
EVENT_TYPES = [
    "Attack",
    "Shelling",
    "AirStrike",
    "MissileStrike",
    "DroneStrike",
    "Battle",
    "Offensive",
    "Advance",
    "Capture",
    "Liberation",
    "Withdrawal",
    "Casualties",
    "Destruction",
]
FACTUALITY = ["Asserted"] * 6 + ["Claimed"] * 3 + ["Denied", "Hypothetical"]
SYLLABLES = ["ka", "ro", "vi", "len", "dor", "mir", "sk", "pol", "ta", "ne", "iv", "bor", "ze"]


def _name(rng: random.Random, words: int = 1) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        for _ in range(words)
    )


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def make_pool(rng: random.Random, size: int) -> list[dict]:
    kinds = [
        ("person", "Person", 2),
        ("unit", "MilitaryUnit", 3),
        ("org", "Organization", 2),
        ("settlement", "Settlement", 1),
        ("region", "Region", 2),
    ]
    pool = []
    for i in range(size):
        prefix, cls, words = kinds[i % len(kinds)]
        label = _name(rng, words)
        entity = {
            "iri": f"<{ID}{prefix}/{label.lower().replace(' ', '-')}-{i}>",
            "cls": cls,
            "label": label,
            "qid": f"Q{rng.randint(1000, 9_999_999)}" if i % 3 else None,
            "point": None,
        }
        if cls in ("Settlement", "Region"):
            entity["point"] = f"{rng.uniform(22, 40):.5f} {rng.uniform(44, 52):.5f}"
        pool.append(entity)
    return pool


def generate(target: int, out: Path, seed: int = 42) -> int:
    """Write about ``target`` quads to ``out``; return the number written."""
    rng = random.Random(seed)
    pool = make_pool(rng, max(200, target // 500))
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    places = [e for e in pool if e["point"]]
    actors = [e for e in pool if e["cls"] in ("Person", "MilitaryUnit", "Organization")]
    place_weights = [1 / (rank + 1) for rank in range(len(places))]
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        doc_index = 0
        while written < target:
            doc_index += 1
            doc = f"{ID}doc/bench-{doc_index}"
            graph = f"<{doc}>"
            lines: list[str] = []

            def add(s: str, p: str, o: str, lines: list[str] = lines, graph: str = graph) -> None:
                lines.append(f"{s} {p} {o} {graph} .\n")

            published = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            add(graph, RDF_TYPE, "<https://schema.org/NewsArticle>")
            add(graph, RDF_TYPE, f"<{NIF}Context>")
            add(graph, "<http://purl.org/dc/terms/identifier>", _lit(f"bench-{doc_index}"))
            add(graph, "<https://schema.org/datePublished>", _typed(published, "date"))
            offset = 0

            def mention(owner: str, text: str, doc: str = doc, graph: str = graph) -> None:
                nonlocal offset
                offset += rng.randint(5, 80)
                iri = f"<{doc}#char={offset},{offset + len(text)}>"
                add(owner, f"<{GAF}denotedBy>", iri)
                add(iri, RDF_TYPE, f"<{NIF}Phrase>")
                add(iri, f"<{NIF}referenceContext>", graph)
                add(iri, f"<{NIF}beginIndex>", _typed(offset, "nonNegativeInteger"))
                add(iri, f"<{NIF}endIndex>", _typed(offset + len(text), "nonNegativeInteger"))
                add(iri, f"<{NIF}anchorOf>", _lit(text))
                offset += len(text)

            entities = rng.choices(pool, weights, k=6) + rng.choices(places, place_weights, k=2)
            for entity in entities:
                add(entity["iri"], RDF_TYPE, f"<{CKG}{entity['cls']}>")
                add(entity["iri"], LABEL, _lit(entity["label"]))
                if entity["qid"]:
                    add(entity["iri"], SAME_AS, f"<http://www.wikidata.org/entity/{entity['qid']}>")
                    add(entity["iri"], f"<{CKG}linkConfidence>", _typed("0.95", "decimal"))
                if entity["point"]:
                    geometry = entity["iri"][:-1] + "#geometry>"
                    add(entity["iri"], f"<{GEO}hasGeometry>", geometry)
                    add(geometry, f"<{GEO}asWKT>", f'"POINT({entity["point"]})"^^<{GEO}wktLiteral>')
                mention(entity["iri"], entity["label"])
            statements = []
            for k in range(2):
                statement = f"<{ID}statement/bench-{doc_index}-{k}>"
                speaker = rng.choice(actors)
                quote = " ".join(_name(rng) for _ in range(rng.randint(6, 16))).lower()
                add(statement, RDF_TYPE, f"<{CKG}Statement>")
                add(statement, f"<{CKG}quote>", _lit(quote))
                add(statement, f"<{CKG}direct>", _typed("true" if k else "false", "boolean"))
                add(statement, f"<{CKG}speaker>", speaker["iri"])
                if k:
                    add(statement, f"<{CKG}medium>", rng.choice(actors)["iri"])
                add(statement, f"<{CKG}about>", rng.choice(entities)["iri"])
                mention(statement, quote)
                statements.append(statement)
            for k in range(3):
                event = f"<{ID}event/bench-{doc_index}-{k}>"
                kind = rng.choice(EVENT_TYPES)
                factuality = rng.choice(FACTUALITY)
                add(event, RDF_TYPE, f"<{CKG}{kind}>")
                add(event, f"<{CKG}agent>", rng.choice(actors)["iri"])
                add(event, f"<{CKG}place>", rng.choices(places, place_weights)[0]["iri"])
                add(
                    event,
                    f"<{CKG}date>",
                    _typed(f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "date"),
                )
                add(event, f"<{CKG}factuality>", f"<{CKG}{factuality}>")
                if factuality != "Asserted":
                    add(event, f"<{CKG}reportedBy>", rng.choice(statements))
                mention(event, kind.lower())
            handle.writelines(lines)
            written += len(lines)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=int, help="about how many triples")
    parser.add_argument("out", type=Path, help="output .nq file")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    count = generate(args.triples, args.out, args.seed)
    print(f"wrote {count} quads to {args.out}")


if __name__ == "__main__":
    main()
