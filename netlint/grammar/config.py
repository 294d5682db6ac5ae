"""The guide's ``grammar:`` section, and the engine it asks for.

```yaml
grammar:
  backend: languagetool        # builtin (default) | languagetool | harper
  url: http://lt.internal:8081 # a team's own LanguageTool server; without it, local mode
  language: en-US
  disabled-rules: [WHITESPACE_RULE]
  enabled-rules: []
  timeout: 5                   # seconds per request
  dialect: american            # harper only
```
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ..guide import schema as s
from .backend import Backend

if TYPE_CHECKING:
    from ..guide.model import Guide

BACKENDS = ("builtin", "languagetool", "harper")

SCHEMA = s.Map({
    "backend": s.Enum(BACKENDS),
    "url": s.Str(),
    "language": s.Str(),
    "disabled-rules": s.ListOf(s.Str()),
    "enabled-rules": s.ListOf(s.Str()),
    "timeout": s.Num(),
    "level": s.Enum(("default", "picky")),
    "dialect": s.Enum(("american", "british", "australian", "canadian", "indian")),
})


class GrammarConfig(NamedTuple):
    backend: str = "builtin"
    url: str | None = None
    language: str = "en-US"
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    timeout: float = 5.0
    level: str = "default"
    dialect: str = "american"

    @classmethod
    def from_section(cls, section: Mapping[str, Any]) -> GrammarConfig:
        return cls(
            backend=str(section.get("backend", "builtin")),
            url=section.get("url") or None,
            language=str(section.get("language", "en-US")),
            disabled_rules=tuple(section.get("disabled-rules") or ()),
            enabled_rules=tuple(section.get("enabled-rules") or ()),
            timeout=float(section.get("timeout", 5.0)),
            level=str(section.get("level", "default")),
            dialect=str(section.get("dialect", "american")),
        )

    @classmethod
    def of(cls, guide: Guide) -> GrammarConfig:
        return cls.from_section(guide.section("grammar"))

    @property
    def sends_off_machine(self) -> bool:
        return self.backend == "languagetool" and self.url is not None

    def describe(self) -> str:
        """One line for ``--verbose``: which engine, and where drafts go."""
        if self.backend == "languagetool" and self.url:
            from .languagetool import check_url

            return (f"grammar: LanguageTool server; drafts are sent to {check_url(self.url)} "
                    f"(timeout {self.timeout:g} s)")
        if self.backend == "languagetool":
            return "grammar: local LanguageTool (language-tool-python); drafts stay on this machine"
        if self.backend == "harper":
            return "grammar: Harper (harper-py); drafts stay on this machine"
        return "grammar: built-in rules; drafts stay on this machine"

    def build(self) -> Backend | None:
        """The engine, or None for builtin. Raises BackendUnavailable."""
        if self.backend == "languagetool":
            from .languagetool import LanguageToolLocal, LanguageToolServer

            if self.url:
                return LanguageToolServer(self.url, language=self.language, timeout=self.timeout,
                                          disabled_rules=self.disabled_rules,
                                          enabled_rules=self.enabled_rules, level=self.level)
            return LanguageToolLocal(language=self.language, disabled_rules=self.disabled_rules,
                                     enabled_rules=self.enabled_rules)
        if self.backend == "harper":
            from .harper_backend import HarperBackend

            return HarperBackend(dialect=self.dialect, disabled_rules=self.disabled_rules,
                                 enabled_rules=self.enabled_rules)
        return None
