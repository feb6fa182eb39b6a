"""Text from disk or from a server, made safe to print on a terminal.

A file name may hold anything but ``/`` and NUL: an ESC sequence that recolours or clears
the terminal, sets its title or, on some terminals, answers back as typed input; a newline
that forges a line of output ("uploaded 0 failed"); bidi controls that reorder what is
shown; bytes that are not UTF-8 (lone surrogates after ``os.fsdecode``). Servers send
names and messages of their own. Everything the command prints for a person goes through
:func:`shown` (escapes, one line per item); ``--json`` and ``--events`` keep every name
exact (see the report's ``item_b64``/``path_b64`` for names that are not UTF-8).
"""

from __future__ import annotations

import sys
import unicodedata
from typing import IO

__all__ = ["echo", "shown"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Bidirectional overrides and isolates (reorder how the rest of a line is displayed).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Unicode categories never printed as is: controls (C0, DEL, C1), surrogates (a byte
#: that was not UTF-8), line and paragraph separators.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _needs_escape(char: str) -> bool:
    return char in _BIDI or unicodedata.category(char) in _ESCAPED_CATEGORIES


def shown(text: object) -> str:
    """*text* as one printable line: control characters, undecodable bytes, line
    separators and bidi controls written as ``\\n``, ``\\x1b``, ``\\xe9``, ``\\u202e``."""
    value = str(text)
    if value.isprintable() and not any(c in _BIDI for c in value):
        return value  # the common case, fast
    return "".join(_escape(c) if _needs_escape(c) else c for c in value)


def echo(text: object, file: IO[str] | None = None, *, flush: bool = False) -> None:
    """Print *text* made safe by :func:`shown` (our own messages hold no control codes)."""
    print(shown(text), file=file or sys.stdout, flush=flush)
