"""Errors that netlint reports to the user as one line and exit status 2."""

from __future__ import annotations


class NetlintError(Exception):
    """Base class: a problem with the user's input, guide or command line."""

    exit_code = 2


class InputError(NetlintError):
    """A draft file that cannot be read (missing, binary, not UTF-8, malformed)."""


class GuideError(NetlintError):
    """A style guide or rule pack that is invalid.

    The message names the file and, when known, the line and the key.
    """

    def __init__(self, path: str, message: str, line: int | None = None, key: str | None = None):
        self.path = path
        self.line = line
        self.key = key
        self.detail = message
        where = f"{path}:{line}" if line else path
        keypart = f" key '{key}':" if key else ""
        super().__init__(f"{where}:{keypart} {message}")


class UsageError(NetlintError):
    """A command-line option that makes no sense (unknown rule code, bad format)."""
