"""Name keys: how entity names are compared and merged.

``normalise`` is a plain comparison key; ``fold`` also makes transliteration variants
meet (Zaluzhny / Zaluzhnyi), and is the key under which ``EntityTable`` merges mentions
and the document passes in ``candidate_passes.py`` compare names.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "normalise"]


def normalise(name: str) -> str:
    """A key for comparing names: lower case, no punctuation, single spaces."""
    return re.sub(r"[\W_]+", " ", name.lower()).strip()


def fold(name: str) -> str:
    """A key under which transliteration variants of a name meet.

    Lower case, no diacritics or punctuation, doubled letters single, and the endings
    -iy/-yi/-ii/-y/-yy/-i of each word made one: ``fold("Valeriy Zaluzhny") ==
    fold("Valerii Zaluzhnyi") == "valeri zaluzhni"``.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = normalise(text.replace("'", ""))
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"(?:iy|yi|ij|y|i)\b", "i", text)
