"""YAML parsing that remembers the line of every mapping, for error messages."""

from __future__ import annotations

from typing import Any

import yaml


class LineDict(dict[str, Any]):
    """A mapping that knows the 1-based line it starts on."""

    line: int = 0


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML has it (much faster on large files)."""


def _construct(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    if isinstance(node, yaml.MappingNode):
        result = LineDict()
        result.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            result[str(key)] = _construct(value_node, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, loader) for item in node.value]
    return loader.construct_object(node, deep=True)


def parse_with_lines(text: str) -> Any:
    """Parse one YAML document; mappings come back as LineDict.

    Raises yaml.YAMLError (with its mark) on malformed input.

    >>> data = parse_with_lines("a: 1\\nitems:\\n  - id: x\\n")
    >>> data["items"][0].line
    3
    """
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _construct(node, loader)
    finally:
        loader.dispose()
