"""The one exception family users can cause; the CLI turns it into a message and exit code."""

from __future__ import annotations

import re

FINDING = 1
USAGE = 2
INTERNAL = 3
INTERRUPTED = 130


class JakkgError(Exception):
    """A problem with the user's input or data, reported without a traceback."""

    exit_code: int = USAGE


class DataFileError(JakkgError):
    """A data or query file that is missing, unreadable or not valid syntax."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path, self.line, self.column = path, line, column
        where = path if line is None else f"{path}:{line}:{column or 1}"
        super().__init__(f"{where}: {message}")


def clip(text: str, limit: int = 60) -> str:
    """``text`` as a quoted repr, cut to ``limit`` characters so errors stay one line."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    r"""``text`` with control characters (terminal escapes and the like) shown escaped.

    >>> printable("red \x1b[31mtext")
    'red \\x1b[31mtext'
    """
    return _CONTROL.sub(lambda match: repr(match[0])[1:-1], text)


class UnknownEntityError(JakkgError):
    """A name that matches no entity; carries close matches."""

    def __init__(self, name: str, suggestions: list[str], expected: str | None = None):
        self.name, self.suggestions = name, suggestions
        kind = f" {expected}" if expected else ""
        message = f"no{kind} entity named {clip(name)}"
        if suggestions:
            message += "; did you mean: " + ", ".join(suggestions) + "?"
        super().__init__(message)


class AmbiguousNameError(JakkgError):
    """A name shared by several entities; carries the choices."""

    def __init__(self, name: str, choices: list[str]):
        self.name, self.choices = name, choices
        super().__init__(f"{clip(name)} is ambiguous; it could be: " + "; ".join(choices))


class WrongClassError(JakkgError):
    """A name that resolves, but to an entity of the wrong class for the command."""
