"""rules/signatures.py: one class per signature, the worst one per document."""

from qlvbdh_policy.rules import signatures as S

import pytest


@pytest.mark.parametrize("facts, expected", [
    (dict(intact=True, valid=True, modified=False, in_force=True, trusted=True), S.VALID),
    # a change to what was signed is named first, whatever else holds
    (dict(intact=False, valid=True, modified=False, in_force=True, trusted=True), S.MODIFIED),
    (dict(intact=True, valid=True, modified=True, in_force=True, trusted=True), S.MODIFIED),
    (dict(intact=True, valid=True, modified=True, in_force=False, trusted=False), S.MODIFIED),
    (dict(intact=True, valid=False, modified=False, in_force=True, trusted=True), S.BROKEN),
    (dict(intact=True, valid=True, modified=False, in_force=False, trusted=True), S.EXPIRED),
    # an expired certificate does not chain either: expiry is the reason to show
    (dict(intact=True, valid=True, modified=False, in_force=False, trusted=False), S.EXPIRED),
    (dict(intact=True, valid=True, modified=False, in_force=True, trusted=False), S.UNTRUSTED),
])
def test_classify(facts, expected):
    assert S.classify(**facts) == expected


@pytest.mark.parametrize("statuses, expected", [
    ([], S.UNSIGNED),
    ([S.UNSIGNED], S.UNSIGNED),
    ([S.VALID], S.VALID),
    ([S.VALID, S.VALID], S.VALID),
    ([S.VALID, S.UNTRUSTED], S.UNTRUSTED),
    ([S.EXPIRED, S.UNTRUSTED], S.UNTRUSTED),
    ([S.VALID, S.MODIFIED, S.BROKEN], S.MODIFIED),
    ([S.UNSIGNED, S.VALID], S.VALID),  # an unsigned annex leaves the signed main file valid
])
def test_document_status(statuses, expected):
    assert S.document_status(statuses) == expected


def test_only_valid_counts_as_verified():
    assert [s for s in S.STATUSES if S.is_verified(s)] == [S.VALID]


def test_every_class_has_a_label_and_a_mark():
    assert set(S.LABELS) == set(S.MARKS) == set(S.STATUSES)
