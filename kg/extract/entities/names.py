"""Name keys: how entity names are compared and merged.

``normalise`` is a plain comparison key; ``fold`` also makes transliteration variants
meet (Zaluzhny / Zaluzhnyi), and is the key under which ``EntityTable`` merges mentions
and the document passes in ``passes.py`` compare names.
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

    Lower case, no diacritics or punctuation, "y" read as "i" and doubled letters
    single, so that the endings -iy/-yi/-ii/-y/-yy/-i of each word are one and the
    Ukrainian yi/iy/ya spellings meet: ``fold("Valeriy Zaluzhny") ==
    fold("Valerii Zaluzhnyi") == "valeri zaluzhni"``, ``fold("Klishchiyivka") ==
    fold("Klishchiivka")``, ``fold("Kupyansk") == fold("Kupiansk")``.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = normalise(text.replace("'", "").replace("\u2019", ""))
    text = text.replace("y", "i")
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"(?:ij)\b", "i", text)
