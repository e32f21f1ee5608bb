"""Pure rules of the accounts: the password policy, one-time passwords, and
an account's kind and department as group memberships."""

from qlvbdh_policy.rules import account_groups as g
from qlvbdh_policy.rules import passwords as p

import pytest


@pytest.mark.parametrize("password, login, full_name, expected", [
    ("Hoa-sen-2026", "nguyenthanhphuc@sttt", "Nguyễn Thanh Phúc", []),
    ("abc12", "x@sttt", None, [p.TOO_SHORT]),
    ("abcdefghij", "x@sttt", None, [p.NO_LETTER_OR_DIGIT]),
    ("1234567890", "x@sttt", None, [p.NO_LETTER_OR_DIGIT]),
    ("nguyenthanhphuc76", "nguyenthanhphuc@sttt", None, [p.HAS_ACCOUNT_NAME]),
    ("NguyenThanhPhuc1", "ntphuc@sttt", "Nguyễn Thanh Phúc", [p.HAS_ACCOUNT_NAME]),
    ("Ntphuc-2026", "ntphuc@sttt", None, [p.HAS_ACCOUNT_NAME]),
    ("Phúc-ơi-2026", "ntphuc@sttt", "Nguyễn Thanh Phúc", []),
    ("", "x", None, [p.TOO_SHORT, p.NO_LETTER_OR_DIGIT]),
])
def test_password_policy(password, login, full_name, expected):
    assert p.problems(password, login, full_name) == expected


def test_short_names_are_not_words_to_avoid():
    # a two-letter account name would refuse half the dictionary
    assert p.names_in("vt@sttt") == set()


def test_one_time_passwords_follow_the_policy_and_differ():
    made = {p.one_time_password() for _ in range(200)}
    assert len(made) == 200
    for password in made:
        assert len(password) == p.ONE_TIME_LENGTH and not p.problems(password)
        assert not set(password) & set("0O1lI")


@pytest.mark.parametrize("kind, department, groups", [
    (g.STAFF, None, ["sttt-staff"]),
    (g.STAFF, "vp", ["sttt-vp"]),
    (g.DEPARTMENT_HEAD, "vp", ["sttt-vp-heads"]),
    (g.CLERK, None, ["sttt-clerks"]),
    (g.CLERK, "vp", ["sttt-clerks", "sttt-vp"]),
    (g.LEADER, "vp", ["sttt-leaders"]),
    (g.ADMIN, "cntt", ["sttt-admins", "sttt-cntt"]),
])
def test_kind_and_department_as_groups_and_back(kind, department, groups):
    assert g.groups_for("sttt", kind, department) == groups
    expected_department = None if kind == g.LEADER else department
    assert g.read_kind("sttt", groups, ["vp", "cntt"]) == (kind, expected_department)


def test_refusals_name_the_field():
    with pytest.raises(g.KindError) as kind:
        g.groups_for("sttt", "boss")
    assert kind.value.field == "kind"
    with pytest.raises(g.KindError) as head:
        g.groups_for("sttt", g.DEPARTMENT_HEAD)
    assert head.value.field == "department"


def test_reading_groups_of_other_agencies():
    held = ["ubndcb-clerks", "sttt-vp", "province-oversight"]
    assert g.agency_groups("sttt", held, ["vp"]) == ["sttt-vp"]
    assert g.read_kind("sttt", held, ["vp"]) == (g.STAFF, "vp")
    assert g.read_kind("sttt", ["province-oversight"], ["vp"]) == (None, None)


@pytest.mark.parametrize("groupid, agency", [
    ("sttt-clerks", "sttt"), ("sttt-vp-heads", "sttt"), ("Administrators", None),
    ("-x", None), ("", None), (None, None),
])
def test_the_agency_a_group_is_named_after(groupid, agency):
    from qlvbdh_policy.rules.group_names import agency_id_of_group

    assert agency_id_of_group(groupid) == agency
