"""All known rules, and which of them run for a given draft."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .datacache import package_data
from .draft import CHANNELS
from .errors import GuideError, UsageError
from .finding import Severity
from .guide.model import Guide, Selection
from .rule import CATEGORIES, Rule, validate_rule

ENTRY_POINT_GROUP = "netlint.rules"


def builtin_rules() -> list[Rule]:
    """Instances of every rule class defined in the ``netlint.rules`` package."""
    from . import rules as pkg

    found: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == module.__name__
                    and obj.code):
                found.append(obj())
    return found


def builtin_packs() -> list[str]:
    root = package_data("netlint.packs")
    return sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".yml"))


def _pack_files(ref: str, guide: Guide) -> list[tuple[str, str]]:
    """(display path, text) of each pack file a guide's ``packs:`` entry names."""
    if "/" not in ref and not ref.endswith((".yml", ".yaml")):
        res = package_data("netlint.packs") / f"{ref}.yml"
        if not res.is_file():
            f, line = guide.where("packs")
            raise GuideError(f, f"no built-in rule pack named '{ref}' "
                                f"(built-in: {', '.join(builtin_packs())})", line=line, key="packs")
        return [(f"<pack:{ref}>", res.read_text(encoding="utf-8"))]
    path = Path(ref)
    if not path.is_absolute():
        path = Path(guide.base_dir) / path
    files = sorted(path.glob("*.yml")) + sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    out = []
    for file in files:
        try:
            out.append((str(file), file.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            f, line = guide.where("packs")
            raise GuideError(f, f"cannot read rule pack '{file}'", line=line, key="packs") from None
    return out


def plugin_distributions() -> list[tuple[str, bytes]]:
    """(metadata folder, entry_points.txt) of the installed distributions that
    register netlint rules, read straight from ``sys.path``: importing
    ``importlib.metadata`` alone costs ~60 ms, a sixth of a cold check, and most
    installs have no plugin at all."""
    found: list[tuple[str, bytes]] = []
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), "rb") as fh:
                    data = fh.read()
            except OSError:
                continue
            if f"[{ENTRY_POINT_GROUP}]".encode() in data:
                found.append((name, data))
    return found


def plugin_rules() -> list[Rule]:
    if not plugin_distributions():
        return []
    from importlib.metadata import entry_points

    found: list[Rule] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not stop the run
            print(f"netlint: plugin '{ep.name}' failed to load: {exc}", file=sys.stderr)
            continue
        items = obj() if callable(obj) and not isinstance(obj, type) else obj
        if isinstance(items, type):
            items = [items()]
        elif isinstance(items, Rule):
            items = [items]
        for item in items:
            rule = item() if isinstance(item, type) else item
            rule.source = f"plugin:{ep.name}"
            found.append(rule)
    return found


def _specificity(selector: str, rule: Rule) -> int:
    """How closely a selector names a rule: 0 no match, higher is more specific."""
    if selector == "ALL":
        return 1
    if selector == rule.code or selector == rule.name:
        return 100
    if selector.lower() == rule.category:
        return 2
    if rule.code.startswith(selector) and selector[:1].isupper():
        return 2 + len(selector)
    return 0


def _known_selector(selector: str, rules: Iterable[Rule]) -> bool:
    return any(_specificity(selector, r) for r in rules) or selector in CATEGORIES


@dataclass
class Registry:
    """The rules a guide can use: built-ins, its packs, and installed plugins."""

    rules: dict[str, Rule]

    @classmethod
    def for_guide(cls, guide: Guide, *, plugins: bool | None = None) -> Registry:
        from .kinds import load_pack

        all_rules: list[Rule] = builtin_rules()
        for ref in guide.packs:
            for display, text in _pack_files(ref, guide):
                all_rules.extend(load_pack(text, display))
        if guide.plugins if plugins is None else plugins:
            for rule in plugin_rules():
                problems = validate_rule(rule)
                if problems:
                    print(f"netlint: plugin rule {rule!r} ignored: {'; '.join(problems)}",
                          file=sys.stderr)
                    continue
                all_rules.append(rule)
        by_code: dict[str, Rule] = {}
        for rule in all_rules:
            if rule.code in by_code:
                other = by_code[rule.code]
                raise GuideError(rule.source, f"rule code {rule.code} ({rule.name}) is already "
                                              f"used by {other.name} from {other.source}")
            by_code[rule.code] = rule
        return cls(by_code)

    @cached_property
    def by_name(self) -> dict[str, Rule]:
        return {r.name: r for r in self.rules.values()}

    def get(self, code_or_name: str) -> Rule | None:
        return self.rules.get(code_or_name) or self.by_name.get(code_or_name)

    def sorted(self) -> list[Rule]:
        return [self.rules[c] for c in sorted(self.rules)]

    def check_selectors(self, selectors: Sequence[str], what: str) -> None:
        for sel in selectors:
            if not _known_selector(sel, self.rules.values()):
                raise UsageError(f"{what}: unknown rule code, name or category '{sel}'")

    def select(self, layers: Sequence[Selection]) -> set[str]:
        """Apply selection layers in order (base guide first, command line last).

        Within a layer the most specific selector wins; on a tie, ignore wins.
        """
        enabled = {c for c, r in self.rules.items() if r.default_enabled}
        for layer in layers:
            for code, rule in self.rules.items():
                sel = max((_specificity(x, rule) for x in
                           [*(layer.select or ()), *layer.extend_select]), default=0)
                ign = max((_specificity(x, rule) for x in layer.ignore), default=0)
                if layer.select is not None and sel == 0:
                    # A plain 'select' replaces the set; extend-select alone adds.
                    enabled.discard(code)
                if sel > ign:
                    enabled.add(code)
                elif ign and ign >= sel:
                    enabled.discard(code)
        return enabled


def validate_guide_rules(guide: Guide, registry: Registry) -> None:
    """Rule codes and options in a guide must exist and match the rule's types."""
    def check_selection(sel: Mapping[str, Any], prefix: tuple[str, ...]) -> None:
        for key in ("select", "extend-select", "ignore"):
            for i, value in enumerate(sel.get(key) or ()):
                if not _known_selector(value, registry.rules.values()):
                    f, line = guide.where(*prefix, key)
                    raise GuideError(f, f"unknown rule code, name or category '{value}'",
                                     line=line, key=".".join((*prefix, f"{key}[{i}]")))

    def check_rules(rules: Mapping[str, Any], prefix: tuple[str, ...]) -> None:
        for ref, cfg in rules.items():
            rule = registry.get(ref)
            if rule is None:
                f, line = guide.where(*prefix, ref)
                raise GuideError(f, f"unknown rule '{ref}'", line=line,
                                 key=".".join((*prefix, ref)))
            for opt, value in ((cfg or {}).get("options") or {}).items():
                problem = option_problem(rule, opt, value)
                if problem:
                    f, line = guide.where(*prefix, ref, "options", opt)
                    raise GuideError(f, problem, line=line,
                                     key=".".join((*prefix, ref, "options", opt)))

    for layer_sel in guide.selections:
        check_selection({"select": layer_sel.select, "extend-select": layer_sel.extend_select,
                         "ignore": layer_sel.ignore}, ())
    check_rules(guide.rules, ("rules",))
    for ch in CHANNELS:
        chan = guide.channel(ch)
        check_selection(chan, ("channels", ch))
        check_rules(chan.get("rules") or {}, ("channels", ch, "rules"))
    for pattern, sels in guide.per_path_ignores.items():
        check_selection({"ignore": sels}, ("per-path-ignores", pattern))


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _compatible(default: Any, value: Any) -> bool:
    if default is None or value is None:
        return True
    if isinstance(default, dict) and set(default) <= {*CHANNELS, "default"} and default:
        # Channel-keyed default: accept a plain value or a channel mapping.
        if isinstance(value, dict):
            return all(_compatible(next(iter(default.values())), v) for v in value.values())
        return any(_compatible(d, value) for d in default.values())
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def option_problem(rule: Rule, option: str, value: Any) -> str | None:
    defaults = rule.defaults
    if option not in defaults:
        known = ", ".join(sorted(defaults)) or "none"
        return f"rule {rule.code} ({rule.name}) has no option '{option}' (options: {known})"
    if not _compatible(defaults[option], value):
        return (f"rule {rule.code} option '{option}' expects {_type_name(defaults[option])}, "
                f"found {value!r}")
    return None


def resolve_options(rule: Rule, guide: Guide, channel: str,
                    extra: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], Severity]:
    """Defaults < guide ``rules`` < guide ``channels.<ch>.rules`` < ``extra``.

    Option values given per channel (``{email: 200, chat: 80}``) are narrowed
    to the draft's channel here, so rules always see plain values.
    """
    options = dict(rule.defaults)
    severity = rule.severity
    chan_rules = guide.channel(channel).get("rules") or {}
    for table in (guide.rules, chan_rules):
        for key in (rule.code, rule.name):
            cfg = table.get(key)
            if cfg:
                options.update(cfg.get("options") or {})
                if cfg.get("severity"):
                    severity = Severity.parse(cfg["severity"])
    if extra:
        options.update(extra)
    for k, v in options.items():
        if isinstance(v, dict) and v and set(v) <= {*CHANNELS, "default"}:
            options[k] = v.get(channel, v.get("default"))
    return options, severity
