"""Name normalisation for linking: case, diacritics, apostrophes and the many ways
Ukrainian and Russian names are written in Latin letters.

Two keys are used:

- ``exact_key`` folds case, diacritics, apostrophes, soft signs and punctuation only
  ("Kup'yansk" and "Kupyansk" share it; "Kupiansk" does not);
- ``skeleton`` also folds the transliteration schemes (kh/h, g/h, y/i/j, ia/ya/ja,
  ie/ye/je, iu/yu/ju, final -yi/-y/-iy, doubled letters), so that Izium, Izyum and
  Izjum, or Zaluzhnyi and Zaluzhny, share one key.

``transliterate`` turns Cyrillic names into Latin spellings (the Ukrainian national
scheme for Ukrainian, a BGN-like scheme for Russian), which gives the Russian-derived
spellings ("Kharkov", "Balakleya") as aliases without writing them by hand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..extract import lexicon

__all__ = [
    "exact_key",
    "skeleton",
    "transliterate",
    "latin_variants",
    "strip_article",
    "NORMALISER_VERSION",
]

#: Bump when the keys change (stored KB indexes are rebuilt when it differs).
NORMALISER_VERSION = 1

_APOSTROPHES = "'ʼ’‘`´ʹʻ\"″“”«»"
_SOFT = "ьъЬЪ"
_DROP = str.maketrans("", "", _APOSTROPHES + _SOFT)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)

#: The transliteration tables and skeleton rules (``kg/data/lexicon/transliteration.json``).
_TRANSLITERATION = lexicon.data("transliteration")
# Ukrainian national transliteration (2010), word-initial forms first.
_UK_INITIAL: dict[str, str] = _TRANSLITERATION["uk_initial"]
_UK: dict[str, str] = _TRANSLITERATION["uk"]
# Russian, BGN/PCGN-like (without apostrophes for the soft sign).
_RU: dict[str, str] = _TRANSLITERATION["ru"]
_RU_INITIAL: dict[str, str] = _TRANSLITERATION["ru_initial"]
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Applied in order to a lower-case, apostrophe-free, ASCII string.
_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in _TRANSLITERATION["skeleton"]
)


_KEEP = {"й": "\x01", "Й": "\x02", "ї": "\x03", "Ї": "\x04", "ё": "\x05", "Ё": "\x06"}
_KEEP_IN = str.maketrans(_KEEP)
_KEEP_OUT = str.maketrans({v: k for k, v in _KEEP.items()})


def _strip_marks(text: str) -> str:
    """Drop diacritics, but keep Cyrillic й, ї and ё whole (NFKD would split them)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_KEEP_IN))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_KEEP_OUT)


@lru_cache(maxsize=65536)
def exact_key(name: str) -> str:
    """Lower case, no diacritics, no apostrophes or soft signs, single spaces.

    >>> exact_key("Kup'yans'k") == exact_key("Kupyansk")
    True
    """
    text = _strip_marks(name.strip().lower()).translate(_DROP)
    return _NON_WORD.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A key that folds transliteration schemes; Cyrillic is transliterated first.

    >>> skeleton("Izium") == skeleton("Izyum") == skeleton("Izjum")
    True
    >>> skeleton("Zaluzhnyi") == skeleton("Zaluzhny")
    True
    """
    text = exact_key(name)
    if _CYRILLIC.search(text):
        text = exact_key(transliterate(text, "uk"))
    for pattern, repl in _SKELETON_RULES:
        text = pattern.sub(repl, text)
    return text


def _translit_word(word: str, table: dict[str, str], initial: dict[str, str]) -> str:
    out = []
    for i, ch in enumerate(word):
        low = ch.lower()
        if low in table:
            rep = initial.get(low, table[low]) if i == 0 else table[low]
            out.append(rep.capitalize() if ch != low and rep else rep)
        else:
            out.append(ch)
    return "".join(out)


def transliterate(text: str, lang: str = "uk") -> str:
    """Cyrillic -> Latin with the Ukrainian ("uk") or Russian ("ru") scheme.

    >>> transliterate("Харків", "uk"), transliterate("Харьков", "ru")
    ('Kharkiv', 'Kharkov')
    """
    table, initial = (_RU, _RU_INITIAL) if lang == "ru" else (_UK, _UK_INITIAL)
    text = text.replace("зг", "zgh") if lang == "uk" else text
    return re.sub(r"\w+", lambda m: _translit_word(m.group(0), table, initial), text)


def latin_variants(name: str, lang: str) -> list[str]:
    """Latin spellings of a name: itself if Latin, else its transliteration."""
    if not name:
        return []
    if _CYRILLIC.search(name):
        return [transliterate(name, lang)]
    return [name]


_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def strip_article(name: str) -> str:
    """Drop a leading "the" and a trailing possessive: "the Kremlin's" -> "Kremlin"."""
    return _POSSESSIVE.sub("", _ARTICLE.sub("", name.strip())).strip()
