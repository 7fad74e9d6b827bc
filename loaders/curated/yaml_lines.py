"""YAML parsing that remembers the line of every mapping, for error messages.

Lines are counted as editors count them, by "\\n" (YAML itself also counts NEL and
the Unicode line separators). Anchors and aliases are refused: an annotation never
needs them, and aliases nested in aliases make a few lines expand without bound.
Values are built from the parser's events as they come, not from a tree of nodes.
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


YAML_ONLY_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
"""Characters YAML counts as line breaks where an editor counting "\n" may not."""
STRING_TAG = "tag:yaml.org,2002:str"


class _Builder:
    """Values built straight from the parser's events (no node tree: a large file is read in
    a fraction of the time and memory), every mapping a LineDict."""

    def __init__(self, loader: yaml.SafeLoader, text: str) -> None:
        self.loader = loader
        self.lines = _Lines(text) if any(ch in text for ch in YAML_ONLY_BREAKS) else None

    def line_of(self, mark: Any) -> int:
        """The 1-based line of a parser mark, counted by "\\n"."""
        return self.lines.of(mark.index) if self.lines else mark.line + 1

    def document(self) -> Any:
        """The stream's one document (None when it has none)."""
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            loader.get_event()
            return None
        start = loader.get_event().start_mark
        value = self.value()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", start,
                "but found another document", loader.get_event().start_mark)
        loader.get_event()
        return value

    def value(self) -> Any:
        event = self.loader.get_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases (&name, *name) are not allowed", event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if isinstance(event, yaml.MappingStartEvent):
            result = LineDict(self.line_of(event.start_mark))
            while not self.loader.check_event(yaml.MappingEndEvent):
                key_line = self.line_of(self.loader.peek_event().start_mark)
                key = str(self.value())
                result.key_lines[key] = key_line
                result[key] = self.value()
            self.loader.get_event()
            return result
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not self.loader.check_event(yaml.SequenceEndEvent):
                items.append(self.value())
            self.loader.get_event()
            return items
        raise yaml.constructor.ConstructorError(
            None, None, f"unexpected {type(event).__name__}", event.start_mark)

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == STRING_TAG:
            return event.value
        start: Any = event.start_mark  # libyaml's marks serve as well as PyYAML's
        end: Any = event.end_mark
        node = yaml.ScalarNode(tag, event.value, start, end, event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"{event.value!r} is not a valid {tag.rsplit(':', 1)[-1]}",
                start) from None


def parse_with_lines(text: str) -> Any:
    """Parse one YAML document; mappings come back as LineDict.

    Raises yaml.YAMLError on malformed input (`error_line` says where).

    >>> data = parse_with_lines("a: 1\\nitems:\\n  - id: x\\n    name: y\\n")
    >>> data["items"][0].line, data["items"][0].line_of("name")
    (3, 4)
    """
    loader = SafeLoader(text)
    try:
        return _Builder(loader, text).document()
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
