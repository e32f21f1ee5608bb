"""The check page's rules (rules/workflow_check.py)."""

from qlvbdh_policy.rules import workflow_check as W


def test_a_state_with_no_step_out_that_expects_one_is_stuck():
    assert W.is_stuck("in_hand", True, {}, {"Leader"})
    assert not W.is_stuck("done", False, {}, {"Leader"})  # the end of the road
    assert not W.is_stuck("stopped", False, {}, set())


def test_only_steps_no_one_present_may_take():
    actions = {"opinion": frozenset({"DeputyLeader"}), "recall": frozenset({"Manager"})}
    assert W.is_stuck("in_hand", True, actions, {"Leader", "Clerk", "Manager"})
    assert not W.is_stuck("in_hand", True, actions, {"DeputyLeader"})
    assert not W.is_stuck("in_hand", True, {"free": None}, set())


def test_a_state_no_one_waits_on():
    assert W.waits_on_no_one("in_hand", False)
    assert not W.waits_on_no_one("in_hand", True)
    assert not W.waits_on_no_one("done", False)
    assert not W.waits_on_no_one("", False)  # declares nothing: not a document state
