"""Stage 3, statements: quoted and reported speech, and who said it, through what."""

from .quotes import find_statements

__all__ = ["find_statements"]
