"""The emulation score's pure rules (rules/emulation.py, Quy chế Điều 12):
the weights a site manager writes, each criterion's score, the weighted
mean, the ranking with ties."""

from qlvbdh_policy.rules import emulation as E

import pytest

FULL = dict(outgoing_issued=10, outgoing_electronic=8, incoming_registered=20,
            incoming_electronic=5, completed_on_time=3, completed_late=1,
            delivered_to_agencies=4, acknowledged_same_day=1, accounts=8, accounts_logged_in=6)


def test_the_defaults_read_back_and_weigh_every_criterion():
    weights = E.read_weights(E.DEFAULT_LINES)
    assert list(weights) == [c.key for c in E.CRITERIA]
    assert sum(weights.values()) == 100
    assert E.read_weights(E.write_weights(weights)) == weights


@pytest.mark.parametrize("lines, expected", [
    (["on_time_rate|25"], {"on_time_rate": 25.0}),
    ([" on_time_rate | 2,5 ", "", "delivery_feedback|0.75"],
     {"on_time_rate": 2.5, "delivery_feedback": 0.75}),
    (["active_accounts_share|100"], {"active_accounts_share": 100.0}),
    # 0 switches a criterion off (README: weights 0–100)
    (["on_time_rate|25", "delivery_feedback|0"], {"on_time_rate": 25.0, "delivery_feedback": 0.0}),
    (["on_time_rate|0,00", "active_accounts_share|1"],
     {"on_time_rate": 0.0, "active_accounts_share": 1.0}),
])
def test_weights_are_read(lines, expected):
    assert E.read_weights(lines) == expected


@pytest.mark.parametrize("lines, number, reason", [
    (["on_time_rate 25"], 1, E.BAD_LINE),
    (["on_time_rate|"], 1, E.BAD_LINE),
    (["|25"], 1, E.BAD_LINE),
    (["on_time_rate|25", "speed|10"], 2, E.UNKNOWN),
    (["on_time_rate|25", "", "on_time_rate|10"], 3, E.TWICE),
    (["on_time_rate|-5"], 1, E.BAD_WEIGHT),
    (["on_time_rate|100.01"], 1, E.BAD_WEIGHT),
    (["on_time_rate|101"], 1, E.BAD_WEIGHT),
    (["on_time_rate|ba mươi"], 1, E.BAD_WEIGHT),
    (["on_time_rate|1.234"], 1, E.BAD_WEIGHT),
    (["on_time_rate|1e2"], 1, E.BAD_WEIGHT),
    ([], 0, E.NONE),
    (["", "  "], 0, E.NONE),
    (["on_time_rate|0", "delivery_feedback|0"], 0, E.NONE),  # every criterion off
])
def test_bad_lines_are_refused_naming_the_line(lines, number, reason):
    with pytest.raises(E.WeightError) as refused:
        E.read_weights(lines)
    assert (refused.value.number, refused.value.reason) == (number, reason)


def test_each_criterion_is_the_share_it_measures_out_of_100():
    scores = {c.key: E.criterion_score(c, FULL) for c in E.CRITERIA}
    assert scores == {"outgoing_electronic_share": 80.0, "incoming_electronic_share": 25.0,
                      "on_time_rate": 75.0, "delivery_feedback": 25.0,
                      "active_accounts_share": 75.0}
    assert E.criterion_score(E.BY_KEY["on_time_rate"],
                             dict(completed_on_time=2, completed_late=1)) == 66.67


def test_without_data_a_use_scores_zero_and_a_quality_is_left_out():
    empty = {}
    assert E.criterion_score(E.BY_KEY["outgoing_electronic_share"], empty) == 0.0
    assert E.criterion_score(E.BY_KEY["active_accounts_share"], empty) == 0.0
    assert E.criterion_score(E.BY_KEY["on_time_rate"], empty) is None
    assert E.criterion_score(E.BY_KEY["delivery_feedback"], {"delivery_feedback": None}) is None


def test_the_score_is_the_weighted_mean_of_the_criteria_that_count():
    weights = E.read_weights(E.DEFAULT_LINES)
    total, scores = E.score(weights, FULL)
    assert total == round((30 * 80 + 20 * 25 + 25 * 75 + 15 * 25 + 10 * 75) / 100, 2) == 59.0
    assert scores["on_time_rate"] == 75.0
    # nothing completed, nothing delivered: those two are left out
    figures = dict(FULL, completed_on_time=0, completed_late=0, delivered_to_agencies=0)
    total, scores = E.score(weights, figures)
    assert scores["on_time_rate"] is None and scores["delivery_feedback"] is None
    assert total == round((30 * 80 + 20 * 25 + 10 * 75) / 60, 2) == 60.83


def test_no_criterion_counting_means_no_score():
    assert E.score({"on_time_rate": 10}, {}) == (None, {"on_time_rate": None})


def test_a_weight_changes_the_order():
    a = dict(FULL, outgoing_electronic=10, accounts_logged_in=1)  # all electronic, few logins
    b = dict(FULL, outgoing_electronic=2, accounts_logged_in=8)  # little electronic, all log in
    one = {"outgoing_electronic_share": 60, "active_accounts_share": 40}
    other = {"outgoing_electronic_share": 10, "active_accounts_share": 90}
    assert E.score(one, a)[0] > E.score(one, b)[0]
    assert E.score(other, a)[0] < E.score(other, b)[0]


@pytest.mark.parametrize("scores, ranks, order", [
    ([50.0, 70.0, 60.0], [3, 1, 2], [1, 2, 0]),
    ([70.0, 50.0, 70.0, 60.0], [1, 4, 1, 3], [0, 2, 3, 1]),  # a tie: 1, 1, 3, 4
    ([None, 10.0, 0.0], [None, 1, 2], [1, 2, 0]),  # no score: no rank, last
    ([40.0, 40.0, 40.0], [1, 1, 1], [0, 1, 2]),
    ([], [], []),
])
def test_ranks_share_a_place_on_a_tie_and_skip_after_it(scores, ranks, order):
    assert E.rank(scores) == (ranks, order)


def test_a_weight_of_0_switches_a_criterion_off():
    """Its score is still there to read; the mean is the other criteria's,
    exactly as if its line were left out."""
    on = E.read_weights(["outgoing_electronic_share|30", "on_time_rate|25"])
    off = E.read_weights(["outgoing_electronic_share|30", "on_time_rate|25",
                          "active_accounts_share|0"])
    total, scores = E.score(off, FULL)
    assert total == E.score(on, FULL)[0] == round((30 * 80 + 25 * 75) / 55, 2)
    assert scores["active_accounts_share"] == 75.0
    # a criterion switched off that has no data changes nothing either
    figures = dict(FULL, completed_on_time=0, completed_late=0)
    assert E.score(E.read_weights(["outgoing_electronic_share|30", "on_time_rate|0"]),
                   figures)[0] == 80.0
