"""Named rules: every decision of the extractor is an ordered list of small functions.

A decision ("is this token a trigger, and of which type?", "who is the agent?", "who
is the speaker?") is a ``RuleList``. Each rule is a plain function with a one-line
docstring, registered in order with ``@LIST.rule``; it looks at what it is given and
either decides (returns a value) or passes (returns None). ``decide`` runs the rules in
order and returns the first ``Decision``: the value and the rule's name, which
``kg build`` records in the provenance graph (``prov:wasGeneratedBy`` / ``ckg:decidedBy``
a rule IRI), so a user can ask with SPARQL why the graph says something.

A rule that decides "nothing" (stop looking, there is no agent) returns ``NOTHING``;
``decide`` then gives ``Decision(None, rule)``.

>>> shout = RuleList("doc.shout")
>>> @shout.rule
... def exclamation(text):
...     "A sentence ending in '!' is shouted."
...     return True if text.endswith("!") else None
>>> shout.decide("Fire!")
Decision(value=True, rule='doc.shout.exclamation')
>>> shout.decide("Calm.") is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["NOTHING", "REGISTRY", "Decision", "Rule", "RuleList", "rule_docs"]

T = TypeVar("T")


class _Nothing:
    """The value a rule returns to decide that there is nothing (and stop the list)."""

    def __repr__(self) -> str:
        return "NOTHING"


NOTHING: Any = _Nothing()


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One named rule: ``name`` is "<decision>.<function name>"."""

    name: str
    func: Callable[..., T | None]

    @property
    def doc(self) -> str:
        """The rule's one-line docstring."""
        return (self.func.__doc__ or "").strip().splitlines()[0]


@dataclass(frozen=True)
class Decision(Generic[T]):
    """What a rule list decided, and which rule decided it."""

    value: T | None
    rule: str


#: Every rule list by decision name, in the order the modules define them.
REGISTRY: dict[str, RuleList] = {}


class RuleList(Generic[T]):
    """An ordered list of named rules for one decision; the first rule that decides wins."""

    def __init__(self, decision: str) -> None:
        if decision in REGISTRY:
            raise ValueError(f"a rule list {decision!r} exists already")
        self.decision = decision
        self.rules: list[Rule[T]] = []
        REGISTRY[decision] = self

    def rule(self, func: Callable[..., T | None]) -> Callable[..., T | None]:
        """Decorator: append ``func`` to the list (it needs a one-line docstring)."""
        if not (func.__doc__ or "").strip():
            raise TypeError(f"rule {func.__name__} of {self.decision} needs a docstring")
        name = f"{self.decision}.{func.__name__.lstrip('_')}"
        if any(r.name == name for r in self.rules):
            raise ValueError(f"rule {name} is registered twice")
        self.rules.append(Rule(name, func))
        return func

    def decide(self, *args: Any, **kwargs: Any) -> Decision[T] | None:
        """The first rule's decision, or None when every rule passes."""
        for rule in self.rules:
            value = rule.func(*args, **kwargs)
            if value is NOTHING:
                return Decision(None, rule.name)
            if value is not None:
                return Decision(value, rule.name)
        return None

    def value(self, *args: Any, **kwargs: Any) -> T | None:
        """The decided value alone (None when no rule decides)."""
        decision = self.decide(*args, **kwargs)
        return None if decision is None else decision.value

    def __iter__(self) -> Iterator[Rule[T]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __repr__(self) -> str:
        return f"RuleList({self.decision!r}, {len(self.rules)} rules)"


def rule_docs() -> dict[str, str]:
    """Every registered rule's name and docstring, for the provenance graph (the
    extraction stages are imported first: their rule lists register on import, and a
    process that only merges results, e.g. a Dask client, has not imported them)."""
    from . import entities, events, statements  # noqa: F401

    return {rule.name: rule.doc for rules in REGISTRY.values() for rule in rules}
