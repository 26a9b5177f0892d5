"""Stage 2, coreference: which entity a pronoun, a description ("the ministry", "the
rebels") or a nationality word ("Russian shelling") stands for in its document."""

from .resolver import Resolver

__all__ = ["Resolver"]
