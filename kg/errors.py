"""One catalogue of errors. Library code raises these; only ``kg.cli`` turns them into
a message on stderr and an exit code (1 = data error, 2 = usage error).

Each message says what went wrong and what to do next.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error conflict-kg raises on purpose."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class UsageError(KgError):
    """The command was called wrongly (bad option value, unknown format)."""

    code = "E001"
    exit_code = 2


class InputError(KgError):
    """An input file or folder cannot be read as a document."""

    code = "E010"


class EmptyInputError(InputError):
    code = "E011"


class BinaryInputError(InputError):
    code = "E012"


class EncodingError(InputError):
    code = "E013"


class TooLargeError(InputError):
    code = "E014"


class MalformedInputError(InputError):
    code = "E015"


class ModelError(KgError):
    """No usable spaCy pipeline is installed."""

    code = "E020"


class OutputError(KgError):
    """The output could not be written."""

    code = "E030"


class UnwritableOutputError(OutputError):
    """The output path cannot be written: found before any input is read."""

    code = "E031"
    exit_code = 2


class QueryError(KgError):
    """A SPARQL query is missing, malformed or failed."""

    code = "E040"


class StoreError(KgError):
    """A triple store is unreachable or refused a request (its own message is quoted)."""

    code = "E050"


class UnreachableError(StoreError):
    """An endpoint does not answer (refused, unknown host, timeout): check the URL."""

    code = "E051"
    exit_code = 2


class CredentialsError(StoreError):
    """An endpoint refused the credentials (401/403): give a user allowed to do it."""

    code = "E052"
    exit_code = 2


class KbError(KgError):
    """The knowledge base or a Wikidata source could not be read."""

    code = "E060"


class NoDocumentsError(KgError):
    """Every input failed, or none was given."""

    code = "E070"


class LexiconError(KgError):
    """A vocabulary file under kg/data/lexicon/ is missing or malformed."""

    code = "E080"


class ValidationError(KgError):
    """A graph could not be checked at all (unreadable file or shapes, a reasoner failure).

    A graph that was checked and breaks the shapes or the ontology is not an error: ``kg
    validate`` reports it and exits 1.
    """

    code = "E090"
    exit_code = 2


# Warnings: the document is kept and lands in the graph; something in it was repaired or
# left out. ``kg build`` prints them as "kg: [W0xx] warning: <file:line>: ...".
W_NO_DATE = "W001"  # no publication date at all: relative dates stay unresolved
W_CHARACTERS = "W002"  # lone surrogates / control characters replaced by U+FFFD
W_DATE = "W003"  # a date that cannot be read (or an ambiguous d/m/y): left out
W_DATE_RANGE = "W004"  # a date outside years 1-9999: kept as a plain dcterms:date literal
W_URL = "W005"  # a url repaired (spaces, bad %-escapes) or, when unusable, left out
W_ID = "W006"  # an id repaired, or renamed because another document has it
W_METADATA = "W007"  # metadata (sidecar .json, a field) unusable: the text is still read
W_LINK = "W008"  # the online linking endpoint failed: its mentions left unlinked
