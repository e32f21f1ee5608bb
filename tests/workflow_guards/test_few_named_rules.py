"""The rule that names a few agencies of many and counts the rest."""

from qlvbdh_policy.rules.few_named import few_named


def test_few_names_are_all_written():
    assert few_named(["A", "B"]) == (["A", "B"], 0)
    assert few_named([]) == ([], 0)


def test_a_single_one_left_is_named_rather_than_counted():
    assert few_named(["A", "B", "C", "D"]) == (["A", "B", "C", "D"], 0)


def test_many_names_give_three_and_a_count():
    names = [f"Cơ quan {i}" for i in range(30)]
    assert few_named(names) == (names[:3], 27)
    assert few_named(names, at_most=1) == (names[:1], 29)
