"""The state a document takes when its agency changes workflow policy
(rules.state_mapping, issue 22)."""

from qlvbdh_policy.rules import state_mapping

STANDARD = ("pending", "registered", "submitted", "assigned", "in_progress", "completed",
            "filed", "returned", "recalled")
SIMPLE = tuple(s for s in STANDARD if s != "submitted")


def test_the_same_state_id_is_kept():
    assert state_mapping.target("assigned", SIMPLE, {}) == "assigned"
    assert state_mapping.target("submitted", STANDARD, {}) == "submitted"


def test_a_state_the_new_workflow_lacks_needs_the_mapping():
    assert state_mapping.target("submitted", SIMPLE, {}) is None
    assert state_mapping.target("submitted", SIMPLE, {"submitted": "registered"}) == "registered"


def test_the_mapping_wins_over_the_same_id_and_must_reach_a_state():
    assert state_mapping.target("assigned", SIMPLE, {"assigned": "registered"}) == "registered"
    assert state_mapping.target("submitted", SIMPLE, {"submitted": "nowhere"}) is None
    assert state_mapping.unknown_targets({"submitted": "nowhere", "assigned": "registered"},
                                         SIMPLE) == [("submitted", "nowhere")]


def test_unmapped_names_each_state_with_its_documents():
    in_use = {"submitted": ["A", "B"], "assigned": ["C"]}
    assert state_mapping.unmapped(in_use, SIMPLE, {}) == {"submitted": ["A", "B"]}
    assert state_mapping.unmapped(in_use, SIMPLE, {"submitted": "registered"}) == {}
    assert state_mapping.unmapped(in_use, STANDARD, {}) == {}


def test_a_mapping_is_an_object_of_state_ids():
    assert state_mapping.mapping_is_well_formed({})
    assert state_mapping.mapping_is_well_formed({"submitted": "registered"})
    assert not state_mapping.mapping_is_well_formed(["submitted"])
    assert not state_mapping.mapping_is_well_formed({"submitted": 1})
    assert not state_mapping.mapping_is_well_formed(None)


def test_the_known_counterpart_is_suggested_not_applied():
    assert state_mapping.suggested({"submitted": 2, "assigned": 1}, SIMPLE) == {
        "submitted": "registered"}
    assert state_mapping.suggested({"submitted": 2}, STANDARD) == {}
    assert state_mapping.suggested({"checked": 1}, SIMPLE) == {}
