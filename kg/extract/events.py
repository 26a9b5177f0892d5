"""Events: triggers typed into the contract's 23 classes, with their arguments."""

from __future__ import annotations

from ..types import Event, Statement
from .entities import EntityTable
from .parsed import Parsed


def find_events(parsed: Parsed, table: EntityTable, statements: list[Statement]) -> list[Event]:
    return []
