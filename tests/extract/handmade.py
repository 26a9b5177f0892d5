"""Parsed sentences built by hand, so a rule is tested on exactly the parse it is meant
for, without loading the model (spaCy's own tests do the same).

``parsed(table)`` takes one token a line, columns separated by spaces:

    WORD  TAG  DEP  HEAD  [LEMMA]  [ENT]

HEAD is the 0-based index of the head token (a token heading itself is the ROOT);
LEMMA defaults to the lower-cased word; ENT is an entity label (GPE, ORG, PERSON,
NORP...), consecutive tokens with the same label forming one entity, or ``B-LABEL`` to
start a new one. POS comes from the tag. A line ``--`` starts a new paragraph.

>>> p = parsed('''
... Russian  JJ   amod  1  russian  NORP
... forces   NNS  nsubj 2  force
... shelled  VBD  ROOT  2  shell
... Kharkiv  NNP  dobj  2  kharkiv  GPE
... .        .    punct 2
... ''')
>>> [t.lemma_ for t in p.paragraphs[0].doc]
['russian', 'force', 'shell', 'kharkiv', '.']
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract.parsed import Paragraph, Parsed
from kg.types import SourceDoc

TAG_POS = {
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "VB": "VERB",
    "VBD": "VERB",
    "VBG": "VERB",
    "VBN": "VERB",
    "VBP": "VERB",
    "VBZ": "VERB",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "RB": "ADV",
    "RBR": "ADV",
    "RBS": "ADV",
    "IN": "ADP",
    "DT": "DET",
    "PRP": "PRON",
    "PRP$": "PRON",
    "WP": "PRON",
    "WDT": "PRON",
    "CD": "NUM",
    "CC": "CCONJ",
    "TO": "PART",
    "RP": "ADP",
    "POS": "PART",
    "MD": "AUX",
    ".": "PUNCT",
    ",": "PUNCT",
    ":": "PUNCT",
    "``": "PUNCT",
    "''": "PUNCT",
    "-LRB-": "PUNCT",
    "-RRB-": "PUNCT",
    "HYPH": "PUNCT",
    "EX": "PRON",
    "$": "SYM",
}
AUXILIARIES = {
    "be",
    "have",
    "do",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "shall",
    "should",
    "must",
}


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """An English vocabulary: lexical attributes (``lower_``, ``is_title``...) set."""
    return English().vocab


def doc(table: str) -> Doc:
    """One spaCy Doc (one paragraph) from the table format of this module."""
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    words = [r[0] for r in rows]
    tags = [r[1] for r in rows]
    deps = [r[2] for r in rows]
    heads = [int(r[3]) for r in rows]
    lemmas = [r[4] if len(r) > 4 and r[4] != "_" else r[0].lower() for r in rows]
    pos = []
    for tag, lemma, dep in zip(tags, lemmas, deps, strict=True):
        aux = dep in ("aux", "auxpass") or (lemma in AUXILIARIES and dep != "ROOT")
        pos.append("AUX" if aux and tag.startswith(("VB", "MD")) else TAG_POS.get(tag, "X"))
    ents, open_label = [], None
    for row in rows:
        label = row[5] if len(row) > 5 else None
        if label is None:
            ents.append("O")
            open_label = None
        elif label.startswith("B-") or label != open_label:
            label = label.removeprefix("B-")
            ents.append(f"B-{label}")
            open_label = label
        else:
            ents.append(f"I-{label}")
    glued = {".", ",", "'s", ":", ";", "?", "!", ")", "''"}
    spaces = [i + 1 < len(words) and words[i + 1] not in glued for i in range(len(words))]
    return Doc(
        vocab(),
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        deps=deps,
        heads=heads,
        lemmas=lemmas,
        ents=ents,
        sent_starts=None,
    )


def parsed(table: str, doc_id: str = "hand", date: dt.date | None = dt.date(2024, 6, 10)) -> Parsed:
    """A Parsed document of one or more paragraphs (split by ``--`` lines)."""
    tables = [t for t in table.split("\n--\n")]
    docs = [doc(t) for t in tables if t.strip()]
    text, paragraphs = "", []
    for spacy_doc in docs:
        if text:
            text += "\n"
        paragraphs.append(Paragraph(len(text), spacy_doc))
        text += spacy_doc.text
    return Parsed(SourceDoc(id=doc_id, text=text, date=date), tuple(paragraphs))


def with_entities(table: str, entities: dict | None = None):
    """A hand-made parse and an EntityTable holding every occurrence of each name in
    ``entities`` (name -> type, or (type, label)), in text order; and the keys by name."""
    import re

    from kg.extract.entities.table import EntityTable
    from kg.types import Span

    doc = parsed(table)
    text, found = doc.doc.text, []
    for name, spec in (entities or {}).items():
        type_, label = spec if isinstance(spec, tuple) else (spec, None)
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            found.append((m.start(), m.end(), type_, label))
    assert len({f[0] for f in found}) == len(found), "overlapping entity names"
    entity_table, keys = EntityTable(), {}
    for start, end, type_, label in sorted(found):
        keys[text[start:end]] = entity_table.add(Span(start, end, text[start:end]), type_, label)
    assert set(keys) == set(entities or {}), "an entity name is not in the text"
    return doc, entity_table, keys
