"""Two agencies with one person per role, for routing and access tests."""

from domain_fixtures import make_agency
from plone import api
from plone.app.testing import login
from qlvbdh_policy.agency_setup import ensure_oversight_group

PASSWORD = "secret-2026-routing"

# user id → (agency, group suffix, full name)
PEOPLE = {
    "vta": ("sttt", "clerks", "Nguyễn Thị Văn Thư"),
    "lda": ("sttt", "leaders", "Trần Văn Lãnh Đạo"),
    "tpa": ("sttt", "vp-heads", "Phạm Trưởng Phòng"),
    "xla": ("sttt", "vp", "Lê Minh Hiếu"),
    "pha": ("sttt", "vp", "Võ Phối Hợp"),
    "dba": ("sttt", "vp", "Đỗ Để Biết"),
    "cba": ("sttt", "vp", "Huỳnh Không Liên Quan"),
    "qta": ("sttt", "admins", "Quản Trị Viên"),
    "vtb": ("ubndcb", "clerks", "Văn Thư Cái Bè"),
    "ldb": ("ubndcb", "leaders", "Lãnh Đạo Cái Bè"),
    "cbb": ("ubndcb", "staff", "Cán Bộ Cái Bè"),
    "giamsat": (None, "province-oversight", "Giám Sát Tỉnh"),
}


def make_people(portal):
    with api.env.adopt_roles(["Manager"]):
        ensure_oversight_group()
        for userid, (abbr, suffix, fullname) in PEOPLE.items():
            if api.user.get(userid=userid) is None:
                api.user.create(
                    email=f"{userid}@example.vn", username=userid, password=PASSWORD,
                    properties={"fullname": fullname},
                )
            group = f"{abbr}-{suffix}" if abbr else suffix
            api.group.add_user(groupname=group, username=userid)


def make_province(portal):
    a = make_agency(portal)
    b = make_agency(portal, abbr="ubndcb", notation="UBND",
                    title="Ủy ban nhân dân huyện Cái Bè")
    make_people(portal)
    return a, b


def as_user(portal, userid):
    login(portal, userid)
