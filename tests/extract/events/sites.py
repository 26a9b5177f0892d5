"""Hand-made parses set up for the event rules: the token, its paragraph, the resolver."""

from __future__ import annotations

from kg.extract.coref.resolver import Resolver
from kg.extract.entities import find_entities
from kg.extract.events.arguments import Arguments, Site
from kg.extract.events.builder import Builder, Found
from tests.extract.handmade import parsed


def on(table: str, i: int):
    """(token i of the first paragraph, resolver, paragraph) for a trigger rule."""
    p = parsed(table)
    para = p.paragraphs[0]
    return para.doc[i], Resolver(p, find_entities(p)), para


def site(table: str, i: int, typ: str = "Other", **kw) -> tuple[Arguments, Site]:
    """(Arguments, Site of token i) for an argument rule."""
    p = parsed(table)
    table_ = find_entities(p)
    args = Arguments(table_, Resolver(p, table_))
    return args, Site(p.paragraphs[0], p.paragraphs[0].doc[i], typ, **kw)


def label(args: Arguments, key: str | None) -> str | None:
    return None if key is None else args.table.label_of(key)


def built(table: str) -> tuple[Builder, list[Found], dict]:
    """A builder and its per-paragraph events (before the document-wide passes)."""
    p = parsed(table)
    b = Builder(p, find_entities(p), [])
    index = {(q.offset, s.start): n for n, (q, s) in enumerate(p.sentences())}
    found = [f for para in p.paragraphs for f in b.paragraph(para, index)]
    return b, found, {(f.para.offset, f.token.i): f for f in found}
