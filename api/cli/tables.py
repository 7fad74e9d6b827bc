"""Plain-text tables that line up with Japanese (double-width) text in a terminal."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from tsunagari.graph.model import Entity
from tsunagari.queries.chains import Chain
from tsunagari.queries.desk import DeskAnswer


def width(text: str) -> int:
    """Terminal columns the text takes: 2 for wide and full-width characters."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, columns: int) -> str:
    if width(text) <= columns:
        return text + " " * (columns - width(text))
    out, used = "", 0
    for ch in text:
        if used + width(ch) > columns - 1:
            break
        out += ch
        used += width(ch)
    return out + "…" + " " * (columns - used - 1)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 40) -> str:
    """Rows under headers, each column as wide as its widest cell (at most max_width).

    >>> print(render_table(["id", "name"], [["osaka-pref", "大阪府"]]))
    id          name
    ----------  ------
    osaka-pref  大阪府
    """
    widths = [
        min(max_width, max([width(h)] + [width(str(r[i])) for r in rows]))
        for i, h in enumerate(headers)
    ]
    lines = [
        "  ".join(_fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in rows:
        lines.append("  ".join(_fit(str(c), w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _both(entity: Entity) -> str:
    """Japanese name with the English beside it."""
    if entity.name_ja and entity.name_en:
        return f"{entity.name_ja} ({entity.name_en})"
    return entity.display_name


def render_chains(chains: Sequence[Chain]) -> str:
    """Numbered chains: each hop with its relation, direction, quote and locator."""
    if not chains:
        return "no chain found"
    blocks = []
    for number, chain in enumerate(chains, 1):
        lines = [f"{number}. score {chain.score:.3f}, {chain.hops} hop(s)",
                 f"   {_both(chain.steps[0].entity)}"]
        for step in chain.steps[1:]:
            assert step.via is not None
            arrow = {"forward": "→", "backward": "←"}.get(step.direction or "", "—")
            lines.append(f"   {arrow} {step.via.type} {arrow} {_both(step.entity)}")
            evidence = step.via.evidence[0]
            lines.append(f"       「{evidence.quote}」 {evidence.document} {evidence.locator}")
        lines.append(f"   ja: {chain.explanation['ja']}")
        lines.append(f"   en: {chain.explanation['en']}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_answer(answer: DeskAnswer) -> str:
    """A desk answer: what was understood, the advice, the organisations, the chains."""
    language = answer.question.language
    understood = "; ".join(f"{r.slot}: {r.text}" for r in answer.question.recognised)
    lines = [f"intent: {answer.question.intent}" + (f" ({understood})" if understood else ""), ""]
    lines += [note[language] for note in answer.notes]
    lines += [answer.advice[language], ""]
    rows = [[item.role, _both(item.entity), item.reason[language]] for item in answer.items]
    lines.append(render_table(["role", "organisation", "why"], rows, max_width=60))
    if answer.chains:
        lines += ["", render_chains(answer.chains)]
    return "\n".join(lines)
