"""The resolved style guide: the company's writing policy as data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from ..placeholders import DEFAULT_SYNTAXES, Syntaxes, compile_syntaxes

T = TypeVar("T")


class Selection(NamedTuple):
    """One layer of rule selection (a guide file, a channel, the command line)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Selection:
        sel = data.get("select")
        return cls(
            select=tuple(sel) if sel is not None else None,
            extend_select=tuple(data.get("extend-select") or ()),
            ignore=tuple(data.get("ignore") or ()),
        )

    def is_empty(self) -> bool:
        return self.select is None and not self.extend_select and not self.ignore


@dataclass(frozen=True)
class Guide:
    """A style guide after ``extends`` has been resolved.

    ``data`` is the merged mapping (what ``netlint guide show`` prints);
    ``selections`` keeps each file's select/ignore in order, base first, so
    that a child guide's ``extend-select`` adds to its parent's choice.
    """

    data: Mapping[str, Any]
    sources: tuple[str, ...] = ()
    selections: tuple[Selection, ...] = ()
    # (key path) -> (file, line), for errors found after loading.
    locations: Mapping[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)
    base_dir: str = "."
    # What rule families derive from the guide (their policy, compiled phrases):
    # computed once per guide, not once per draft.
    _derived: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[no-any-return]

    @property
    def name(self) -> str:
        return str(self.data.get("name", "unnamed guide"))

    @property
    def default_channel(self) -> str:
        return str(self.data.get("default-channel", "email"))

    @property
    def nlp_model(self) -> str:
        return str((self.data.get("nlp") or {}).get("model", "en_core_web_sm"))

    @property
    def rules(self) -> Mapping[str, Mapping[str, Any]]:
        return self.data.get("rules") or {}

    def channel(self, name: str) -> Mapping[str, Any]:
        return (self.data.get("channels") or {}).get(name) or {}

    @property
    def per_path_ignores(self) -> Mapping[str, list[str]]:
        return self.data.get("per-path-ignores") or {}

    @property
    def packs(self) -> tuple[str, ...]:
        return tuple(self.data.get("packs") or ())

    @property
    def plugins(self) -> bool:
        return bool(self.data.get("plugins", True))

    @cached_property
    def accepted_words(self) -> frozenset[str]:
        vocab = self.data.get("vocabulary") or {}
        return frozenset(w.lower() for w in vocab.get("accept") or ())

    @cached_property
    def accepted_terms(self) -> tuple[str, ...]:
        """Accepted vocabulary as written (case kept: product names, acronyms)."""
        vocab = self.data.get("vocabulary") or {}
        return tuple(vocab.get("accept") or ())

    @property
    def rejected_words(self) -> Mapping[str, str | None]:
        vocab = self.data.get("vocabulary") or {}
        return vocab.get("reject") or {}

    @property
    def placeholders(self) -> Mapping[str, Any]:
        return self.data.get("placeholders") or {}

    @cached_property
    def placeholder_pattern(self) -> Syntaxes:
        cfg = self.placeholders
        return compile_syntaxes(cfg.get("syntaxes") or DEFAULT_SYNTAXES, cfg.get("custom") or {})

    @property
    def template_paths(self) -> tuple[str, ...]:
        return tuple((self.data.get("templates") or {}).get("paths") or ())

    @property
    def files(self) -> Mapping[str, Any]:
        return self.data.get("files") or {}

    def section(self, name: str) -> Mapping[str, Any]:
        """A family's own top-level section (grammar, policy, rubric, ...)."""
        value = self.data.get(name)
        return value if isinstance(value, Mapping) else {}

    def where(self, *keys: str) -> tuple[str, int | None]:
        """The file and line that set a key path, for error messages."""
        for n in range(len(keys), 0, -1):
            if keys[:n] in self.locations:
                f, line = self.locations[keys[:n]]
                return f, line
        return (self.sources[-1] if self.sources else "<guide>"), None
