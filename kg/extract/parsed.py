"""A parsed document: the SourceDoc plus one spaCy Doc per paragraph, offsets kept.

Each paragraph (a line of the text) is parsed on its own: one Doc for a whole article
merges a quote with the next sentence. ``Parsed.span`` turns a spaCy span or token
range back into a ``Span`` with offsets into the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..types import SourceDoc, Span

_PARAGRAPH = re.compile(r"[^\n]+")
#: Paragraphs longer than this are cut at sentence-like boundaries before parsing.
MAX_PARAGRAPH = 20_000


#: Determiners that make a noun phrase definite ("the attack", "that battle").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def is_definite(token: Token) -> bool:
    """A noun with a definite determiner: "the offensive", "this attack"."""
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)


@dataclass(frozen=True)
class Paragraph:
    offset: int  # where the paragraph starts in the document text
    doc: Doc


@dataclass(frozen=True)
class Parsed:
    doc: SourceDoc
    paragraphs: tuple[Paragraph, ...]

    def span(self, para: Paragraph, start_char: int, end_char: int) -> Span:
        """A Span from paragraph-local character offsets."""
        start, end = para.offset + start_char, para.offset + end_char
        return Span(start, end, self.doc.text[start:end])

    def span_of(self, para: Paragraph, item: SpacySpan | Token) -> Span:
        """A Span for a spaCy span or token of ``para``."""
        if isinstance(item, Token):
            return self.span(para, item.idx, item.idx + len(item.text))
        return self.span(para, item.start_char, item.end_char)

    def sentences(self) -> Iterator[tuple[Paragraph, SpacySpan]]:
        for para in self.paragraphs:
            for sent in para.doc.sents:
                yield para, sent


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Paragraph pieces (offset, text): lines, with very long lines cut after a full stop."""
    for match in _PARAGRAPH.finditer(text):
        line, base = match.group(), match.start()
        if not line.strip():
            continue
        while len(line) > MAX_PARAGRAPH:
            cut = line.rfind(". ", 0, MAX_PARAGRAPH)
            cut = cut + 2 if cut > 0 else MAX_PARAGRAPH
            yield base, line[:cut]
            base, line = base + cut, line[cut:]
        yield base, line


def parse(doc: SourceDoc, nlp: Language) -> Parsed:
    return next(parse_many([doc], nlp))


def parse_many(
    docs: Iterable[SourceDoc], nlp: Language, batch_size: int = 64, n_process: int = 1
) -> Iterator[Parsed]:
    """Parse documents lazily, streaming the paragraphs of all of them through one
    ``nlp.pipe`` (``n_process`` > 1 parses in that many processes), in input order."""
    pending: list[tuple[SourceDoc, int]] = []  # documents in flight, with paragraph counts

    def paragraphs() -> Iterator[tuple[str, int]]:
        for doc in docs:
            chunks = list(_chunks(doc.text))
            pending.append((doc, len(chunks)))
            for offset, text in chunks:
                yield text, offset

    stream = nlp.pipe(paragraphs(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    current: list[Paragraph] = []
    for spacy_doc, offset in stream:
        current.append(Paragraph(offset, spacy_doc))
        while pending and len(current) >= pending[0][1]:
            doc, count = pending.pop(0)
            yield Parsed(doc, tuple(current[:count]))
            current = current[count:]
    for doc, count in pending:  # documents with no paragraph at all
        assert count == 0
        yield Parsed(doc, ())
