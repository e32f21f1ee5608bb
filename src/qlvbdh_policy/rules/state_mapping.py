"""Where each document stands after its agency changes workflow policy
(issue 22).

A document keeps its state when the new workflow has a state of the same
id; otherwise the site manager names the state it takes (the mapping). A
state that neither reaches is refused before anything changes: a
document must never fall back silently to the new workflow's initial
state (Quy chế: every document's progress is kept, NĐ 30/2020 Điều 24).
"""

#: the states the shipped policies do not share, and what they stand for
#: in the other one: offered to the site manager, never applied unasked
SUGGESTED = {"submitted": "registered"}


def mapping_is_well_formed(mapping):
    """A JSON object of state id → state id (strings)."""
    return isinstance(mapping, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items())


def target(state, new_states, mapping):
    """The state ``state`` takes in a workflow with ``new_states``, or None."""
    if state in mapping:
        return mapping[state] if mapping[state] in new_states else None
    return state if state in new_states else None


def unknown_targets(mapping, new_states):
    """Sorted (state, target) pairs of the mapping whose target the new
    workflows lack."""
    return sorted((s, t) for s, t in mapping.items() if t not in new_states)


def unmapped(in_use, new_states, mapping):
    """{state: documents} of the states in use that reach no state of the
    new workflow; ``in_use`` is {state: documents}."""
    return {s: docs for s, docs in sorted(in_use.items())
            if target(s, new_states, mapping) is None}


def suggested(in_use, new_states):
    """The mapping offered for the states in use that the new workflow
    lacks, where one is known."""
    return {s: SUGGESTED[s] for s in sorted(in_use)
            if s not in new_states and SUGGESTED.get(s) in new_states}


def suggested_by_meaning(meaning, new_meanings):
    """The state offered for a state the new workflow lacks, from what the
    states mean (rules/state_meanings.Meaning): the first state of the new
    workflow (``new_meanings``, {state: Meaning} in its order) waiting for
    the same people in the same phase, else the first in the same phase
    (a deputy's step gone: the document goes back to the clerk's
    "registered", to be submitted again); None when no phase matches."""
    if not meaning.phase:
        return None
    for same in (lambda m: m.who == meaning.who and m.phase == meaning.phase,
                 lambda m: m.phase == meaning.phase):
        for state, candidate in new_meanings.items():
            if same(candidate):
                return state
    return None
