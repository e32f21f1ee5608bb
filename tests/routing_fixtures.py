"""Two agencies with one person per role, for routing and access tests."""

from domain_fixtures import make_agency
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from plone.app.testing import login
from plone.app.uuid.utils import uuidToObject
from qlvbdh_policy.agencies.setup import ensure_oversight_group
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import steps
from qlvbdh_policy.stats import access_log

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
    # the fixture's people exist before the access log's tests begin
    with api.env.adopt_roles(["Manager"]), access_log.logged_by_caller():
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


def draft_to(portal, a, recipients, **fields):
    """A draft of staff xla (its Owner, logged in after) to ``recipients``
    with its appendix; ``fields``: more of the draft's fields."""
    login(portal, "xla")
    doc = outgoing(a["di-2026"], file=pdf(), drafting_department=a["vp"].UID(),
                   recipients_internal=[r.UID() for r in recipients], **fields)
    # the Manager-created fixture is owned by xla: make it so
    doc.changeOwnership(api.user.get(userid="xla").getUser())
    doc.manage_setLocalRoles("xla", ["Owner"])
    doc.reindexObjectSecurity()
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=doc, type="File", id="phu-luc.pdf", title="Phụ lục",
                           file=pdf("Phụ lục.pdf"))
    return doc


def sign_draft(portal, doc):
    """Reviewed by the head, signed by the leader; the clerk vta logged in after."""
    login(portal, "xla")
    steps.simple_step(doc, "submit_review")
    login(portal, "tpa")
    steps.simple_step(doc, "approve")
    login(portal, "lda")
    steps.simple_step(doc, "sign")
    login(portal, "vta")
    return doc


def issue_to(portal, a, recipients, **fields):
    """Drafted by staff, reviewed by the head, signed, issued by the clerk;
    ``fields``: more of the draft's fields."""
    doc = signed_for(portal, a, recipients, **fields)
    steps.simple_step(doc, "issue")
    return doc


def signed_for(portal, a, recipients, **fields):
    """Drafted by staff, reviewed by the head, signed: ready to issue (the
    clerk vta logged in after)."""
    return sign_draft(portal, draft_to(portal, a, recipients, **fields))

def copy_of(doc, agency):
    entry = delivery.deliveries(doc)[agency.UID()]
    return uuidToObject(entry["copy_uid"], unrestricted=True)


#: the agency's archivist (Lưu trữ viên cơ quan, issue 19): one of the
#: office's staff, with the archive's duty (the group sttt-archivists)
ARCHIVIST = "lta"


def make_archivist(portal, abbr="sttt", userid=ARCHIVIST):
    with api.env.adopt_roles(["Manager"]), access_log.logged_by_caller():
        if api.user.get(userid=userid) is None:
            api.user.create(email=f"{userid}@example.vn", username=userid, password=PASSWORD,
                            properties={"fullname": "Lê Thị Lưu Trữ"})
        api.group.add_user(groupname=f"{abbr}-vp", username=userid)
        api.group.add_user(groupname=f"{abbr}-archivists", username=userid)
    return userid
