"""What a state means, read from its variables (rules/state_meanings.py):
plain unit tests, no Zope."""

from qlvbdh_policy.rules import state_meanings as M

import pytest

#: the shipped incoming workflow's meanings, as its definition.xml gives them
INCOMING = {
    "pending": {"waiting_for": "clerk", "task": "accept", "phase": "new", "in_book": "False",
                "counts_overdue": "False"},
    "registered": {"waiting_for": "clerk", "task": "submit", "phase": "in_hand",
                   "in_book": "True", "counts_overdue": "True"},
    "submitted": {"waiting_for": "leader", "task": "assign", "phase": "in_hand",
                  "in_book": "True", "counts_overdue": "True"},
    # a state a site manager adds in the ZMI, values typed as text
    "deputy_opinion": {"waiting_for": "group:deputies", "task": "opinion",
                       "phase": "in_hand", "in_book": "có", "counts_overdue": "1"},
    "assigned": {"waiting_for": "handler", "task": "handle", "phase": "in_hand",
                 "in_book": "True", "counts_overdue": "True"},
    "completed": {"waiting_for": "handler", "task": "file", "phase": "done", "in_book": "True",
                  "counts_overdue": "False"},
    "filed": {"waiting_for": "nobody", "task": "", "phase": "done", "in_book": "True",
              "counts_overdue": "False"},
    "returned": {"waiting_for": "nobody", "phase": "stopped", "in_book": "True"},
    # a state of a copy that declares nothing
    "bare": {},
}


@pytest.fixture
def meanings():
    return {state: M.meaning_from(values) for state, values in INCOMING.items()}


@pytest.mark.parametrize("value, expected", [
    ("clerk", ("clerk", None)), ("Leader", ("leader", None)), (" handler ", ("handler", None)),
    ("role:DeputyLeader", ("role", "DeputyLeader")), ("group:deputies", ("group", "deputies")),
    ("group:", ("nobody", None)), ("phó giám đốc", ("nobody", None)), ("", ("nobody", None)),
    (None, ("nobody", None)),
])
def test_who_waits(value, expected):
    assert M.parse_waiting(value) == expected


@pytest.mark.parametrize("value, expected", [
    (True, True), (False, False), ("True", True), ("false", False), ("có", True),
    ("không", False), ("1", True), ("0", False), ("", False), (None, False), (1, True),
])
def test_truth_as_the_zmi_stores_it(value, expected):
    assert M.parse_bool(value) is expected


def test_a_state_declaring_nothing_means_nothing(meanings):
    bare = meanings["bare"]
    assert bare == M.NOTHING
    assert not bare.someone_waits
    assert not any(test(bare) for test in M.GROUPS.values())


def test_the_task_shown(meanings):
    assert meanings["deputy_opinion"].shown_task == "opinion"
    assert M.meaning_from({"waiting_for": "clerk", "task": "ký nháy"}).shown_task == M.ACT
    assert M.meaning_from({"waiting_for": "clerk"}).shown_task == M.ACT


def test_groups_of_states(meanings):
    where = lambda group: M.states_where(meanings, group)  # noqa: E731
    assert where("new") == {"pending"}
    assert where("registered") == {"registered", "submitted", "deputy_opinion", "assigned",
                                   "completed", "filed"}
    assert where("open") == {"registered", "submitted", "deputy_opinion", "assigned"}
    assert where("done") == {"completed", "filed"}
    assert where("in_book") == where("registered") | {"returned"}
    assert where("being_handled") == {"assigned"}
    assert where("active") == {"pending", "registered", "submitted", "deputy_opinion",
                               "assigned", "completed"}
    assert where("counts_overdue") == {"registered", "submitted", "deputy_opinion", "assigned"}
    assert where("drafting") == frozenset()


def test_outgoing_groups():
    out = {
        "draft": M.meaning_from({"waiting_for": "drafter", "task": "draft", "phase": "in_hand"}),
        "signed": M.meaning_from({"waiting_for": "clerk", "task": "issue", "phase": "in_hand"}),
        "issued": M.meaning_from({"phase": "done", "in_book": "True"}),
        "recalled": M.meaning_from({"phase": "stopped", "in_book": "True"}),
    }
    assert M.states_where(out, "drafting") == {"draft"}
    assert M.states_where(out, "unissued") == {"draft", "signed"}
    assert M.states_where(out, "issued") == {"issued"}
    assert M.states_where(out, "in_book") == {"issued", "recalled"}


def test_problems_name_the_variable_and_value():
    assert M.problems(INCOMING["deputy_opinion"]) == []
    assert M.problems({}) == []
    assert M.problems({"waiting_for": "phó giám đốc", "task": "ký", "phase": "xong",
                       "in_book": "có lẽ", "counts_overdue": "True"}) == [
        ("waiting_for", "phó giám đốc"), ("task", "ký"), ("phase", "xong"),
        ("in_book", "có lẽ")]
    assert M.problems({"waiting_for": "nobody"}) == []


def test_every_variable_has_its_description():
    assert set(M.DESCRIPTIONS) == set(M.VARIABLES)
