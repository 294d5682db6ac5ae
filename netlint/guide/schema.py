"""A small schema language for guides and rule packs, with errors that name the line."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import GuideError
from ..yamlpos import Located


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


class Schema:
    expected = "a value"

    def check(self, value: Any, at: Checker, key: str, container: Any, index: Any) -> None:
        if not self.accepts(value):
            at.fail(f"expected {self.expected}, found {_describe(value)}", key, container, index)

    def accepts(self, value: Any) -> bool:
        return True


class AnyValue(Schema):
    pass


class Str(Schema):
    expected = "a string"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, str)


class Int(Schema):
    expected = "an integer"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)


class Num(Schema):
    expected = "a number"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)


class Bool(Schema):
    expected = "true or false"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, bool)


class Enum(Schema):
    def __init__(self, choices: tuple[str, ...]):
        self.choices = choices

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.choices)

    def accepts(self, value: Any) -> bool:
        return value in self.choices


class OneOf(Schema):
    def __init__(self, options: tuple[Schema, ...]):
        self.options = options

    @property
    def expected(self) -> str:  # type: ignore[override]
        return " or ".join(o.expected for o in self.options)

    def check(self, value: Any, at: Checker, key: str, container: Any, index: Any) -> None:
        for option in self.options:
            if option.accepts(value):
                option.check(value, at, key, container, index)
                return
        at.fail(f"expected {self.expected}, found {_describe(value)}", key, container, index)

    def accepts(self, value: Any) -> bool:
        return any(o.accepts(value) for o in self.options)


class ListOf(Schema):
    def __init__(self, item: Schema):
        self.item = item

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a list of {self.item.expected.removeprefix('a ').removeprefix('an ')}s"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, list)

    def check(self, value: Any, at: Checker, key: str, container: Any, index: Any) -> None:
        if not isinstance(value, list):
            at.fail(f"expected {self.expected}, found {_describe(value)}", key, container, index)
        for i, item in enumerate(value):
            self.item.check(item, at, f"{key}[{i}]", value, i)


class Map(Schema):
    """A mapping with known keys (``fields``) and, optionally, free keys (``extra``)."""

    expected = "a mapping"

    def __init__(self, fields: Mapping[str, Schema] | None = None, extra: Schema | None = None,
                 required: tuple[str, ...] = (),
                 key_check: Callable[[str], str | None] | None = None):
        self.fields = {} if fields is None else fields
        self.extra = extra
        self.required = required
        self.key_check = key_check

    def accepts(self, value: Any) -> bool:
        return isinstance(value, dict)

    def check(self, value: Any, at: Checker, key: str, container: Any, index: Any) -> None:
        if not isinstance(value, dict):
            at.fail(f"expected a mapping, found {_describe(value)}", key, container, index)
        for name in self.required:
            if name not in value:
                at.fail(f"missing required key '{name}'", key, container, index)
        for k, v in value.items():
            sub = f"{key}.{k}" if key else str(k)
            if k in self.fields:
                self.fields[k].check(v, at, sub, value, k)
            elif self.extra is not None:
                if self.key_check is not None and (problem := self.key_check(str(k))):
                    at.fail(problem, sub, value, k)
                self.extra.check(v, at, sub, value, k)
            else:
                known = ", ".join(sorted(self.fields))
                at.fail(f"unknown key (expected one of: {known})", sub, value, k)


class Checker:
    def __init__(self, path: str, located: Located):
        self.path = path
        self.located = located

    def fail(self, message: str, key: str, container: Any, index: Any) -> None:
        line = self.located.line_of(container, index) if container is not None else None
        raise GuideError(self.path, message, line=line, key=key or None)


def validate(schema: Schema, located: Located, path: str) -> None:
    schema.check(located.data, Checker(path, located), "", None, None)
