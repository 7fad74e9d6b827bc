"""What makes a text unfit to store: lone surrogates (no UTF-8 form) and control characters.

Names, quotes and other short fields may hold tab and line breaks but no other
control character; document text may hold any character but NUL that UTF-8 can
encode (PDF extraction leaves form feeds and the like).
"""

from __future__ import annotations

import re

SURROGATE = re.compile("[\ud800-\udfff]")
CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
"""The control characters a field may not hold, as a regular expression class body."""
CONTROL = re.compile(f"[{CONTROLS}]")


def _at(match: re.Match[str], what: str) -> str:
    return f"{what} U+{ord(match.group()):04X} at character {match.start()}"


def unencodable(text: str) -> str | None:
    """Why the text has no UTF-8 form, or None.

    >>> unencodable("大阪府")
    >>> unencodable("a\\ud800")
    'lone surrogate U+D800 at character 1'
    """
    found = SURROGATE.search(text)
    return _at(found, "lone surrogate") if found else None


def field_fault(text: str) -> str | None:
    """Why the text cannot be a name, quote or other field, or None.

    >>> field_fault("Dong Nai\\tProvince")
    >>> field_fault("大阪\\x07府")
    'control character U+0007 at character 2'
    """
    found = CONTROL.search(text)
    return _at(found, "control character") if found else unencodable(text)
