"""Stage 3, statements: quoted and reported speech, and who said it, through what.

- ``quotes``: quotation marks, and which quoted passages are statements (``statements.quote``);
- ``speech``: speech verbs (``statements.speech_verb``) and what they report
  (``statements.clause``);
- ``speakers``: the speaker, medium and speaking actor (``statements.speaker``,
  ``statements.quote_speaker``, ``statements.medium``, ``statements.actor``);
- ``finder``: the walk over a document's paragraphs.
"""

from .finder import find_statements

__all__ = ["find_statements"]
