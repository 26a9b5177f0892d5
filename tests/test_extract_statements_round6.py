"""Round-6 speaker rules on sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_parsed, parse
from kg.types import SourceDoc

pytestmark = pytest.mark.slow


def speakers(nlp, text: str) -> list[str | None]:
    x = extract_parsed(parse(SourceDoc(id="t", text=text, date=dt.date(2024, 3, 5)), nlp))
    labels = {e.key: e.label for e in x.entities}
    return [labels.get(s.speaker) for s in x.statements]


def test_the_fleet_said_is_the_fleet_named_before(nlp):
    text = (
        "Russia's Northern Fleet began exercises in the Barents Sea on Monday. "
        '"Two submarines have left port," the fleet said in a statement.'
    )
    assert speakers(nlp, text) == ["Northern Fleet"]
