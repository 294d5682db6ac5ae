"""Finding, reading, validating and merging style guides."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import yamlpos
from ..conversation import CONVERSATION_SCHEMA
from ..datacache import package_data
from ..draft import CHANNELS
from ..errors import GuideError
from ..grammar.config import SCHEMA as GRAMMAR_SCHEMA
from ..policy import POLICY_SCHEMA
from . import schema as s
from .model import Guide, Selection

GUIDE_FILENAMES = ("netlint.yml", ".netlint.yml", "netlint.yaml", ".netlint.yaml")
DEFAULT_GUIDE = "default"

_SELECTORS = s.ListOf(s.Str())
_RULE = s.Map({
    "severity": s.Enum(("error", "warning", "info")),
    "options": s.Map(extra=s.AnyValue()),
})
_SELECTION_FIELDS: dict[str, s.Schema] = {
    "select": _SELECTORS, "extend-select": _SELECTORS, "ignore": _SELECTORS,
}
_CHANNEL = s.Map({**_SELECTION_FIELDS, "rules": s.Map(extra=_RULE)})

GUIDE_SCHEMA = s.Map({
    "extends": s.OneOf((s.Str(), s.ListOf(s.Str()))),
    "name": s.Str(),
    "description": s.Str(),
    "default-channel": s.Enum(CHANNELS),
    "nlp": s.Map({"model": s.Str()}),
    **_SELECTION_FIELDS,
    "rules": s.Map(extra=_RULE),
    "channels": s.Map({ch: _CHANNEL for ch in CHANNELS}),
    "per-path-ignores": s.Map(extra=_SELECTORS),
    "vocabulary": s.Map({
        "accept": s.ListOf(s.Str()),
        "reject": s.Map(extra=s.OneOf((s.Str(), s.AnyValue()))),
    }),
    "packs": s.ListOf(s.Str()),
    "plugins": s.Bool(),
    "placeholders": s.Map({
        "syntaxes": s.ListOf(s.Str()),
        "custom": s.Map(extra=s.Str()),
        "variables": s.ListOf(s.Str()),
        "require-fallback": s.Bool(),
    }),
    "templates": s.Map({"paths": s.ListOf(s.Str())}),
    "files": s.Map({"include": s.ListOf(s.Str()), "exclude": s.ListOf(s.Str())}),
    # Family sections: each rule family validates its own keys.
    "grammar": GRAMMAR_SCHEMA,
    "policy": POLICY_SCHEMA,
    "conversation": CONVERSATION_SCHEMA,
    "rubric": s.Map(extra=s.AnyValue()),
})


def builtin_guides() -> list[str]:
    root = package_data("netlint.styleguides")
    return sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".yml"))


def _read_builtin(name: str) -> tuple[str, str]:
    res = package_data("netlint.styleguides") / f"{name}.yml"
    if not res.is_file():
        raise GuideError(name, f"no built-in guide named '{name}' "
                               f"(built-in: {', '.join(builtin_guides())})")
    return f"<builtin:{name}>", res.read_text(encoding="utf-8")


def _parse(path: str, text: str) -> yamlpos.Located:
    try:
        located = yamlpos.load(text)
    except yamlpos.ParseError as exc:
        raise GuideError(path, exc.message, line=exc.line) from None
    if located.data is None:
        located.data = {}
    s.validate(GUIDE_SCHEMA, located, path)
    return located


def _read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GuideError(str(path), "style guide not found") from None
    except UnicodeDecodeError:
        raise GuideError(str(path), "style guide is not UTF-8 text") from None
    except OSError as exc:
        raise GuideError(str(path), exc.strerror or str(exc)) from None


def _record_locations(
    data: Any, located: yamlpos.Located, path: str, prefix: tuple[str, ...],
    out: dict[tuple[str, ...], tuple[str, int]],
) -> None:
    if isinstance(data, dict):
        for k, v in data.items():
            line = located.line_of(data, k)
            key = (*prefix, str(k))
            if line:
                out[key] = (path, line)
            _record_locations(v, located, path, key, out)


def _merge(base: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """Child keys override base keys; mappings merge deeply, lists are replaced."""
    out = dict(base)
    for k, v in child.items():
        if isinstance(v, Mapping) and isinstance(out.get(k), Mapping):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


class _Layer:
    def __init__(self, path: str, data: dict[str, Any], located: yamlpos.Located):
        self.path = path
        self.data = data
        self.located = located


def _resolve(ref: str, origin: str | None, stack: tuple[str, ...]) -> list[_Layer]:
    """Load a guide and its ``extends`` chain, base first."""
    if origin is not None and (ref.startswith((".", "/")) or ref.endswith((".yml", ".yaml"))):
        base = Path(origin).parent if not origin.startswith("<") else Path.cwd()
        path = str((base / ref).resolve())
    elif origin is None and (os.sep in ref or ref.endswith((".yml", ".yaml", ".toml"))):
        path = str(Path(ref).resolve())
    else:
        path = f"<builtin:{ref}>"
    if path in stack:
        chain = " -> ".join([*stack, path])
        raise GuideError(origin or path, f"'extends' cycle: {chain}")
    if path.startswith("<builtin:"):
        display, text = _read_builtin(ref)
        located = _parse(display, text)
    elif path.endswith(".toml"):
        display = path
        located = _parse_pyproject(Path(path))
    else:
        display = path
        located = _parse(display, _read_file(Path(path)))
    data = located.data
    parents = data.get("extends")
    layers: list[_Layer] = []
    for parent in [parents] if isinstance(parents, str) else (parents or []):
        try:
            layers.extend(_resolve(parent, display, (*stack, path)))
        except GuideError as exc:
            if exc.path == parent or "not found" in exc.detail or "no built-in" in exc.detail:
                line = located.line_of(data, "extends")
                raise GuideError(display, f"cannot extend '{parent}': {exc.detail}",
                                 line=line, key="extends") from None
            raise
    layers.append(_Layer(display, data, located))
    return layers


def _parse_pyproject(path: Path) -> yamlpos.Located:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(_read_file(path))
    except tomllib.TOMLDecodeError as exc:
        raise GuideError(str(path), f"invalid TOML: {exc}") from None
    section = (data.get("tool") or {}).get("netlint")
    if section is None:
        raise GuideError(str(path), "no [tool.netlint] section")
    located = yamlpos.Located(section)
    s.validate(GUIDE_SCHEMA, located, f"{path} [tool.netlint]")
    return located


def load_guide(ref: str | os.PathLike[str] | None = None, *, start: str | None = None) -> Guide:
    """Load a guide by path or built-in name; with no ``ref``, discover one.

    Discovery: ``netlint.yml`` / ``.netlint.yml`` in ``start`` (default: the
    current directory) or a parent, else ``[tool.netlint]`` in the nearest
    ``pyproject.toml``, else the built-in default guide.
    """
    if ref is None:
        ref = discover(Path(start or os.getcwd()))
    ref = str(ref)
    layers = _resolve(ref, None, ())
    merged: dict[str, Any] = {}
    locations: dict[tuple[str, ...], tuple[str, int]] = {}
    selections = []
    for layer in layers:
        body = {k: v for k, v in layer.data.items() if k != "extends"}
        merged = _merge(merged, body)
        _record_locations(layer.data, layer.located, layer.path, (), locations)
        sel = Selection.from_mapping(layer.data)
        if not sel.is_empty():
            selections.append(sel)
    for key in ("select", "extend-select", "ignore"):
        merged.pop(key, None)
    last = layers[-1].path
    base_dir = str(Path(last).parent) if not last.startswith("<") else os.getcwd()
    return Guide(
        data=merged,
        sources=tuple(layer.path for layer in layers),
        selections=tuple(selections),
        locations=locations,
        base_dir=base_dir,
    )


def discover(start: Path) -> str:
    for folder in (start, *start.parents):
        for name in GUIDE_FILENAMES:
            candidate = folder / name
            if candidate.is_file():
                return str(candidate)
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.netlint]" in candidate.read_text(
            encoding="utf-8", errors="replace"
        ):
            return str(candidate)
    return DEFAULT_GUIDE
