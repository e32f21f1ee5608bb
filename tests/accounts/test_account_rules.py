"""Quy chế Điều 6: account names (6.2) and domain abbreviations (6.1),
as pure rules."""

from qlvbdh_policy.accounts import suggest_username
from qlvbdh_policy.accounts import UsernameError
from qlvbdh_policy.rules.domain_names import candidates as domain_candidates
from qlvbdh_policy.rules.domain_names import is_reserved
from qlvbdh_policy.rules.domain_names import suggest_domain_abbr

import pytest


def test_examples_of_the_regulation():
    assert suggest_username("Lê Minh Hiếu") == "leminhhieu"
    taken = []
    names = []
    for birth_year in (1976, 1976, 1976, 1976, 1978):
        name = suggest_username("Nguyễn Thanh Phúc", birth_year, taken)
        taken.append(name)
        names.append(name)
    assert names == ["nguyenthanhphuc", "nthanhphuc", "ntphuc", "nguyenthanhphuc76",
                     "nguyenthanhphuc78"]


@pytest.mark.parametrize("full_name, birth_year, taken, expected", [
    ("Đặng Thị Ngọc Điệp", None, (), "dangthingocdiep"),
    ("Đặng Thị Ngọc Điệp", None, ("dangthingocdiep",), "dthingocdiep"),
    ("Đặng Thị Ngọc Điệp", None, ("dangthingocdiep", "dthingocdiep"), "dtndiep"),
    ("  nguyễn   THANH  phúc ", None, (), "nguyenthanhphuc"),
    ("NGUYEN THANH PHUC", None, ("NguyenThanhPhuc",), "nthanhphuc"),
    ("Hiếu", None, (), "hieu"),
    ("Hiếu", 1990, ("hieu",), "hieu90"),
    ("Lê Hiếu", None, ("lehieu",), "lhieu"),
    ("Lê Hiếu", 2001, ("lehieu", "lhieu"), "lehieu01"),
    ("Trương Thị Ánh-Tuyết", None, (), "truongthianhtuyet"),
    ("Ngô Quang Đức", "1968", ("ngoquangduc", "nquangduc", "nqduc"), "ngoquangduc68"),
    ("Huỳnh Ngọc Bảo Châu", None, ("huynhngocbaochau", "hngocbaochau"), "hnbchau"),
])
def test_harder_names(full_name, birth_year, taken, expected):
    assert suggest_username(full_name, birth_year, taken) == expected


def test_every_option_taken_is_reported_not_guessed():
    taken = ["nguyenthanhphuc", "nthanhphuc", "ntphuc"]
    with pytest.raises(UsernameError) as error:
        suggest_username("Nguyễn Thanh Phúc", None, taken)
    assert "năm sinh" in str(error.value) and "ntphuc" in str(error.value)
    with pytest.raises(UsernameError) as error:
        suggest_username("Nguyễn Thanh Phúc", 1976, taken + ["nguyenthanhphuc76"])
    assert "quản trị viên" in str(error.value)


@pytest.mark.parametrize("bad", ["", "   ", "---"])
def test_empty_names_are_refused(bad):
    with pytest.raises(UsernameError):
        suggest_username(bad)


@pytest.mark.parametrize("year", ["76", "abc", 3000])
def test_birth_year_must_be_a_year(year):
    with pytest.raises(UsernameError):
        suggest_username("Nguyễn Thanh Phúc", year, ["nguyenthanhphuc", "nthanhphuc", "ntphuc"])


@pytest.mark.parametrize("name, expected", [
    ("Sở Thông tin và Truyền thông", "sttt"),
    ("Ủy ban nhân dân huyện Cái Bè", "ubndcb"),
    ("Ủy ban nhân dân tỉnh Tiền Giang", "ubndtg"),
    ("Sở Nội vụ", "snv"),
    ("Sở Kế hoạch và Đầu tư", "skhdt"),
    ("Ủy ban nhân dân thành phố Mỹ Tho", "ubndmt"),
])
def test_domain_abbreviation(name, expected):
    assert suggest_domain_abbr(name) == expected


def test_domain_clash_gets_the_level():
    huyen = suggest_domain_abbr("Ủy ban nhân dân huyện Cai Lậy")
    thi_xa = suggest_domain_abbr("Ủy ban nhân dân thị xã Cai Lậy", taken=[huyen])
    assert (huyen, thi_xa) == ("ubndcl", "ubndtxcl")
    assert domain_candidates("Ủy ban nhân dân huyện Cai Lậy") == ["ubndcl", "ubndhcl"]
    assert suggest_domain_abbr("Sở Nội vụ", taken=["snv"]) == "snv2"



@pytest.mark.parametrize("abbr", ["province", "www", "api", "admin", "mail", "WWW"])
def test_system_names_are_reserved(abbr):
    assert is_reserved(abbr)


def test_a_name_whose_initials_are_a_system_name_gets_a_number():
    assert domain_candidates("Ấp Phú Ích") == ["api"]
    assert suggest_domain_abbr("Ấp Phú Ích") == "api2"
    assert not is_reserved(suggest_domain_abbr("Sở Tư pháp"))
