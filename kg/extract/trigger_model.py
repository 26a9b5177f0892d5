"""The trained trigger model: a small spaCy span categoriser, shipped in the package.

``make train`` trains it on the DEV gold triggers (scripts/trigger_data.py,
kg/train/triggers.cfg) and writes it to ``kg/data/models/triggers``. ``kg build
--trigger-model`` adds it to the pipeline as the ``ckg_trigger_model`` component (after
the lemmatizer: it reads part of speech, dependency and lemma); it marks single tokens
as event triggers of a contract type in ``doc.spans["ckg_triggers"]``, with the
probability in the span group's ``scores``. The rules decide first: the
``events.trigger.trained_model`` rule, the last of the list, takes a marked token only
when no rule has typed or refused it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import ModelError

#: Where ``make train`` writes the model and where the package ships it.
MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models" / "triggers"
#: The span group the model writes.
SPANS_KEY = "ckg_triggers"
#: The pipe name of the spancat inside the shipped model.
PIPE = "trigger_model"
#: The probability from which a marked token is a trigger.
THRESHOLD = 0.5
#: A rule's trigger the model gives a lower probability than this is skipped (0: never).
VETO = 0.0
#: Where the component keeps every token's best (type, probability).
SCORES = "ckg_trigger_scores"


@lru_cache(maxsize=4)
def _spancat(path: str):  # noqa: ANN202 (a spaCy SpanCategorizer)
    import spacy

    try:
        return spacy.load(path).get_pipe(PIPE)
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"the trigger model at {path} could not be loaded ({exc})") from exc


class TriggerModel:
    """The pipeline component: runs the shipped span categoriser on a parsed Doc."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.spancat = _spancat(path)

    def __call__(self, doc: Doc) -> Doc:
        """Mark the Doc's triggers (``doc.spans``) and keep every token's best score."""
        if not len(doc):
            return doc
        suggested, scores = self.spancat.predict([doc])
        self.spancat.set_annotations([doc], (suggested, scores))
        labels = self.spancat.labels
        best = [("", 0.0)] * len(doc)
        for (start, _end), row in zip(suggested.dataXd.tolist(), scores.tolist(), strict=True):
            k = max(range(len(row)), key=row.__getitem__)
            best[start] = (labels[k], round(row[k], 4))
        doc.user_data[SCORES] = best
        return doc


@Language.factory("ckg_trigger_model", default_config={"path": ""})
def make_trigger_model(nlp: Language, name: str, path: str) -> TriggerModel:
    """The ``ckg_trigger_model`` factory; ``path`` empty means the shipped model."""
    return TriggerModel(path or str(MODEL_DIR))


def add_trigger_model(nlp: Language, path: str | Path | None = None) -> None:
    """Add the trigger model (the shipped one unless ``path``) at the end of ``nlp``."""
    nlp.add_pipe("ckg_trigger_model", config={"path": str(path or "")})


def model_score(token: Token) -> tuple[str, float] | None:
    """The trigger model's best (event type, probability) for ``token``; None when the
    model did not run on its Doc."""
    best = token.doc.user_data.get(SCORES)
    return None if best is None else tuple(best[token.i])


def model_trigger(token: Token) -> tuple[str, float] | None:
    """(event type, probability) when the trigger model marks ``token``, else None."""
    best = model_score(token)
    return best if best is not None and best[1] >= THRESHOLD else None


def model_doubts(token: Token) -> bool:
    """Whether the model ran and gives ``token`` less than ``VETO`` (never when 0)."""
    best = model_score(token)
    return VETO > 0 and best is not None and best[1] < VETO
