"""Chains spelled out: their steps and one sentence in each language."""

from __future__ import annotations

from tsunagari.graph.model import Entity
from tsunagari.graph.vocabulary import relation_type
from tsunagari.queries.chains.chain import Chain, Step
from tsunagari.queries.chains.scoring import Candidate
from tsunagari.queries.projection import Projection


def spell_out(projection: Projection, candidate: Candidate) -> Chain:
    """The chain of a candidate, with its steps and explanations."""
    nodes = candidate.ids
    steps = [Step(projection.entities[nodes[0]])]
    steps += [
        Step(projection.entities[node], hop.relation, hop.forward)
        for node, hop in zip(nodes[1:], candidate.path, strict=True)
    ]
    return Chain(candidate.score, steps, explain(steps))



def explain(steps: list[Step]) -> dict[str, str]:
    """The chain as one sentence in Japanese and one in English.

    Each clause after the first refers back to the previous object ("which ...",
    「これが…」), so the sentence reads aloud without repeating long names.
    """
    sentences = {}
    for language, (back_reference, joiner, end) in LANGUAGE_STYLE.items():
        clauses = []
        for position, (before, after) in enumerate(zip(steps, steps[1:], strict=False)):
            assert after.via is not None and after.forward is not None
            subject = _name(before.entity, language) if position == 0 else back_reference
            clauses.append(
                relation_type(after.via.type).say(after.forward, language, subject,
                                                 _name(after.entity, language))
            )
        sentence = joiner.join(clauses)
        sentences[language] = sentence if sentence.endswith(end) else sentence + end
    return sentences


LANGUAGE_STYLE = {"ja": ("これ", "、", "。"), "en": ("which", ", ", ".")}
"""Per language: the back-reference to the previous object, the clause joiner, the full stop."""


def _name(entity: Entity, language: str) -> str:
    if language == "ja":
        return entity.name_ja or entity.name_en or entity.id
    return entity.name_en or entity.name_ja or entity.id
