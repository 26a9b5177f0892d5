"""Stage 4, events: trigger words and their types, then agent, target, place and time."""

from .builder import find_events

__all__ = ["find_events"]
