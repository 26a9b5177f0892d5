"""Stage 3's walk: the statements of a document, paragraph by paragraph.

Indirect speech first (a reported clause may absorb quotation marks), then the quoted
passages left over; each becomes a ``Statement`` that names the rule that found it and
the rules that chose its speaker and medium.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ...types import Statement
from ..coref.resolver import Resolver
from ..entities.cues import dateline_end
from ..entities.table import EntityTable
from ..parsed import Paragraph, Parsed
from ..rules import Decision
from .quotes import QUOTE, in_any, quote_ranges, tokens_in
from .speakers import CO_SPEAKERS, MEDIUM, QUOTE_SPEAKER, SPEAKER
from .speech import CLAUSE, speech_verbs

CLOSING_MARKS = "\"'\u201d\u2019"


class StatementFinder:
    """Finds a document's statements; rules read its ``parsed``, ``table``, ``resolver``
    ``last_direct`` (the last direct quote, with its paragraph index) and
    ``last_statement`` (the last statement of any kind, with its paragraph index)."""

    def __init__(self, parsed: Parsed, table: EntityTable) -> None:
        self.parsed = parsed
        self.table = table
        self.resolver = Resolver(parsed, table)
        self.out: list[Statement] = []
        self.last_direct: tuple[int, Statement] | None = None
        self.last_statement: tuple[int, Statement] | None = None

    def about(self, start: int, end: int, speaker: str | None) -> tuple[str, ...]:
        """The entities named inside a statement's words, other than its speaker."""
        keys: list[str] = []
        for key in self.table.keys_in(start, end):
            if key != speaker and key not in keys:
                keys.append(key)
        return tuple(keys)

    def add(
        self,
        para: Paragraph,
        start: int,
        end: int,
        direct: bool,
        found: str,
        speaker: Decision,
        medium: Decision | None,
        nth: int = 1,
    ) -> Statement:
        """Record a statement: paragraph-local range, the rule that found it, and the
        speaker decision (value (key, confidence)) and medium decision; the ``nth``
        speaker of the same words (2, 3, ...) gets the key ``st<offset>-<nth>``."""
        span = self.parsed.span(para, start, end)
        key, confidence = speaker.value[0], speaker.value[-1]
        if key is not None:
            self.resolver.remember_speaker(span.start, key)
        stmt = Statement(
            key=f"st{span.start}" if nth == 1 else f"st{span.start}-{nth}",
            quote=span.text,
            span=span,
            direct=direct,
            speaker=key,
            medium=medium.value if medium is not None else None,
            about=self.about(span.start, span.end, key),
            confidence=round(confidence, 2),
            rule=found,
            decided_by=tuple(d.rule for d in (speaker, medium) if d is not None),
        )
        self.out.append(stmt)
        return stmt

    def add_co_speakers(self, para: Paragraph, stmt: Statement, verb: Token) -> None:
        """One more statement of the same words for each further speaker of the verb."""
        decision = CO_SPEAKERS.decide(self, para, verb, stmt.speaker)
        start, end = stmt.span.start - para.offset, stmt.span.end - para.offset
        medium = Decision(stmt.medium, stmt.decided_by[-1]) if stmt.medium else None
        for nth, key in enumerate(decision.value or (), 2):
            speaker = Decision((key, stmt.confidence or 0.5), decision.rule)
            self.add(para, start, end, stmt.direct, stmt.rule or "", speaker, medium, nth)

    def reported_range(self, para: Paragraph, verb: Token) -> tuple[int, int, str] | None:
        """Paragraph-local range of the clause a speech verb reports, and the rule."""
        decision = CLAUSE.decide(verb)
        if decision is None or decision.value is None:
            return None
        opening = dateline_end(para.doc.text)  # "KYIV, May 17 - " opens no quote
        tokens = sorted((t for t in decision.value if t.idx >= opening), key=lambda t: t.i)
        while tokens and (
            tokens[0].dep_ == "mark"
            or tokens[0].lower_ in ("which", "that", "who", ",")
            or tokens[0].is_punct
        ):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct and tokens[-1].text not in CLOSING_MARKS:
            tokens = tokens[:-1]
        if len(tokens) < 2:
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), decision.rule

    def paragraph(self, index: int, para: Paragraph) -> None:
        """Find the statements of one paragraph, in text order."""
        quotes = quote_ranges(para.doc.text)
        verbs = speech_verbs(para.doc, quotes)
        pending, absorbed = self.indirect(para, quotes, verbs)
        pending += self.direct(para, quotes, [v for v, _ in verbs], absorbed)
        for _, kind, start, end, verb, found, speaker in sorted(pending, key=lambda p: p[0]):
            if kind == "indirect":
                medium = MEDIUM.decide(self, para, verb)
                stmt = self.add(para, start, end, False, found, speaker, medium)
                self.add_co_speakers(para, stmt, verb)
                self.last_statement = (index, stmt)
                continue
            if verb is not None:
                speaker, medium = SPEAKER.decide(self, para, verb), MEDIUM.decide(self, para, verb)
            else:
                speaker = QUOTE_SPEAKER.decide(self, index, para, end)
                value = speaker.value
                medium = Decision(value[1], speaker.rule) if value[1] is not None else None
                speaker = Decision((value[0], value[2]), speaker.rule)
            stmt = self.add(para, start, end, True, found, speaker, medium)
            if verb is not None:
                self.add_co_speakers(para, stmt, verb)
            self.last_direct = self.last_statement = (index, stmt)

    def indirect(self, para: Paragraph, quotes, verbs) -> tuple[list, set]:
        """Reported clauses of the paragraph's speech verbs, and the quotes they absorb."""
        text = para.doc.text
        pending, absorbed = [], set()
        for verb, _ in verbs:
            found = self.reported_range(para, verb)
            if found is None:
                continue
            start, end, rule = found
            if any(q[0] - 1 <= start < q[1] + 1 for q in quotes):
                continue  # the clause opens inside quotation marks: a direct quote
            for q in quotes:  # a quotation the clause opens runs on to its closing mark
                if start < q[0] < end < q[1]:
                    end = q[1] + 1 if text[q[1] : q[1] + 1] in '"\u201d\u2019' else q[1]
            absorbed.update(q for q in quotes if start - 1 <= q[0] and q[1] <= end + 1)
            speaker = SPEAKER.decide(self, para, verb)  # before this paragraph's statements
            speaker = Decision((speaker.value[0], speaker.value[1] - 0.1), speaker.rule)
            pending.append((start, "indirect", start, end, verb, rule, speaker))
        return pending, absorbed

    def direct(self, para: Paragraph, quotes, verbs: list[Token], absorbed) -> list:
        """Quoted passages that are statements, each with its introducing verb."""
        pending = []
        for qs, qe in quotes:
            if (qs, qe) in absorbed:
                continue
            verb = self.verb_for(para, qs, qe, quotes, verbs)
            decision = QUOTE.decide(para.doc.text, qs, qe, verb)
            if decision is not None and decision.value:
                pending.append((qs, "direct", qs, qe, verb, decision.rule, None))
        return pending

    def verb_for(
        self, para: Paragraph, qs: int, qe: int, quotes, verbs: list[Token]
    ) -> Token | None:
        """The speech verb that introduces a quote, if any."""
        inner = tokens_in(para, qs, qe)
        for verb in verbs:
            for token in inner:
                if verb in token.ancestors and not in_any(verb, [(qs, qe)]):
                    return verb  # the verb governs the quote
        later = [q[0] for q in quotes if q[0] > qe]
        limit = min(later) if later else len(para.doc.text)
        after = [v for v in verbs if qe <= v.idx < limit]
        if after:
            between = para.doc.text[qe : after[0].idx]
            if not re.search(r"[.!?]\s", between.lstrip("\"'\u201d\u2019.,!? ")):
                return after[0]
        earlier = [q[1] for q in quotes if q[1] < qs]
        floor = max(earlier) if earlier else 0
        before = [v for v in verbs if floor <= v.idx < qs]
        if before and not re.search(r"[.!?]\s", para.doc.text[before[-1].idx : qs]):
            return before[-1]
        return None


def find_statements(parsed: Parsed, table: EntityTable) -> list[Statement]:
    """All statements of a document, in text order, with unique keys ``st<offset>``."""
    finder = StatementFinder(parsed, table)
    for index, para in enumerate(parsed.paragraphs):
        finder.paragraph(index, para)
    seen: dict[str, Statement] = {}
    for stmt in sorted(finder.out, key=lambda s: s.span):
        seen.setdefault(stmt.key, stmt)
    return list(seen.values())
