"""Where every entity stands: the places above it, transitively, and its country's place.

Most entities stand in one place, so the places above a place are built once
and shared (as one frozenset) by everything standing in it. An entity whose
locations do not reach its own country is tied to that country's place; only
the entities below such a tie are walked again.
"""

from __future__ import annotations

from collections import defaultdict

from tsunagari.graph.model import Entity

EMPTY: frozenset[str] = frozenset()


def place_closures(
    entities: dict[str, Entity], parents: dict[str, set[str]]
) -> dict[str, frozenset[str]]:
    """Every place each entity stands in, at any depth (`parents` gains the country ties)."""
    closures = _Closures(parents)
    found = {entity_id: closures.of(entity_id) for entity_id in entities}
    tied = _country_ties(entities, found)
    for entity_id, place in tied.items():
        parents.setdefault(entity_id, set()).add(place)
    again = _below(tied, parents)
    closures.forget(again)
    found.update((entity_id, closures.of(entity_id)) for entity_id in again)
    return found


def _country_ties(
    entities: dict[str, Entity], closures: dict[str, frozenset[str]]
) -> dict[str, str]:
    """The country's place of every entity whose locations do not reach its country.

    An entity's `country` (JP, VN ...) says it stands in that country even where
    no LOCATED_IN says so. The country's place is the top place with that code that answers
    to the code itself (Japan answers to "JP"; the region Kansai, also JP, does not), then the
    first by id: never a choice that depends on the order entities come in.
    """
    reached: dict[tuple[frozenset[str], str], bool] = {}

    def reaches(entity_id: str, country: str) -> bool:
        key = (closures[entity_id], country)
        if key not in reached:
            reached[key] = any(entities[p].country == country for p in key[0] if p in entities)
        return reached[key]

    tops: dict[str, list[Entity]] = defaultdict(list)
    for e in entities.values():
        if e.is_pure_place and e.country and not reaches(e.id, e.country):
            tops[e.country].append(e)
    countries = {
        country: min(places, key=lambda place: (not place.is_country, place.id)).id
        for country, places in tops.items()
    }
    ties = {}
    for entity in entities.values():
        place = countries.get(entity.country)
        if place is not None and place != entity.id and not reaches(entity.id, entity.country):
            ties[entity.id] = place
    return ties


def _below(starts: dict[str, str], parents: dict[str, set[str]]) -> set[str]:
    """The starts and every entity standing in one of them, at any depth."""
    if not starts:
        return set()
    children: dict[str, list[str]] = defaultdict(list)
    for child, above in parents.items():
        for parent in above:
            children[parent].append(child)
    found = set(starts)
    frontier = list(starts)
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


class _Closures:
    """Places above each entity, memoised; an entity with one parent shares its parent's set."""

    def __init__(self, parents: dict[str, set[str]]) -> None:
        self.parents = parents
        self._memo: dict[str, frozenset[str]] = {}
        self._above: dict[str, frozenset[str]] = {}
        self._active: set[str] = set()

    def of(self, entity_id: str) -> frozenset[str]:
        known = self._memo.get(entity_id)
        if known is not None:
            return known
        parents = self.parents.get(entity_id, ())
        if len(parents) == 1:  # most entities: share the places of the one they stand in
            known = self._above.get(next(iter(parents)))
            if known is not None and entity_id not in known:
                self._memo[entity_id] = known
                return known
        if entity_id in self._active:
            return _closure(entity_id, self.parents)
        self._active.add(entity_id)
        above = [self._with(parent) for parent in parents]
        found = above[0] if len(above) == 1 else EMPTY.union(*above)
        self._active.discard(entity_id)
        if entity_id in found:
            found = found - {entity_id}
        self._memo[entity_id] = found
        return found

    def _with(self, place: str) -> frozenset[str]:
        """The place and every place above it."""
        known = self._above.get(place)
        if known is None:
            known = self._above[place] = self.of(place) | {place}
        return known

    def forget(self, entity_ids: set[str]) -> None:
        """Drop what was found for these entities (their parents changed)."""
        for entity_id in entity_ids:
            self._memo.pop(entity_id, None)
            self._above.pop(entity_id, None)


def _closure(start: str, parents: dict[str, set[str]]) -> frozenset[str]:
    """Every place reachable upwards from start."""
    seen: set[str] = set()
    frontier = list(parents.get(start, ()))
    while frontier:
        place = frontier.pop()
        if place not in seen:
            seen.add(place)
            frontier.extend(parents.get(place, ()))
    seen.discard(start)
    return frozenset(seen)
