"""YAML parsing that remembers the line of every mapping, for error messages.

Lines are counted as editors count them, by "\\n" (YAML itself also counts NEL and
the Unicode line separators). Anchors and aliases are refused: an annotation never
needs them, and aliases nested in aliases make a few lines expand without bound.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import yaml


class LineDict(dict[str, Any]):
    """A mapping that knows the 1-based line it starts on, and the line of each key."""

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """The line of a key, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML has it (much faster on large files)."""


class _Lines:
    """1-based line numbers of character offsets in one text."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def of(self, index: int) -> int:
        return bisect_right(self._starts, index)


def _construct(node: yaml.Node, loader: yaml.SafeLoader, lines: _Lines, seen: set[int]) -> Any:
    if id(node) in seen:
        raise yaml.constructor.ConstructorError(
            None, None, "anchors and aliases (&name, *name) are not allowed", node.start_mark
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result = LineDict(lines.of(node.start_mark.index))
        for key_node, value_node in node.value:
            key = str(_construct(key_node, loader, lines, seen))
            result.key_lines[key] = lines.of(key_node.start_mark.index)
            result[key] = _construct(value_node, loader, lines, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, loader, lines, seen) for item in node.value]
    return loader.construct_object(node, deep=True)


def parse_with_lines(text: str) -> Any:
    """Parse one YAML document; mappings come back as LineDict.

    Raises yaml.YAMLError on malformed input (`error_line` says where).

    >>> data = parse_with_lines("a: 1\\nitems:\\n  - id: x\\n    name: y\\n")
    >>> data["items"][0].line, data["items"][0].line_of("name")
    (3, 4)
    """
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _construct(node, loader, _Lines(text), set())
    finally:
        loader.dispose()


def error_line(error: yaml.YAMLError, text: str) -> int:
    """The 1-based line a YAML error points at (1 when it names no place).

    >>> try:
    ...     parse_with_lines("a: 1\\nb: [\\n")
    ... except yaml.YAMLError as exc:
    ...     print(error_line(exc, "a: 1\\nb: [\\n"))
    3
    """
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return _Lines(text).of(mark.index)
    character = getattr(error, "character", None)
    if character is not None:
        # A reader error: the first character YAML does not accept, found where it first stands.
        at = text.find(character if isinstance(character, str) else chr(character))
        return _Lines(text).of(at) if at >= 0 else 1
    return 1


def error_reason(error: yaml.YAMLError) -> str:
    """What is wrong, without the parser's own position text."""
    character = getattr(error, "character", None)
    if character is not None:
        code = ord(character) if isinstance(character, str) else character
        return f"character U+{code:04X} is not allowed in YAML"
    return str(getattr(error, "problem", None) or error)
