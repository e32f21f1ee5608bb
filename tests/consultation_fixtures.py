"""A draft of sttt's office for the comments on drafts (issue 20), drafted
by xla, with its file and an attachment (tests/consultation)."""

from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from plone.app.testing import login


def make_draft(portal, title="Dự thảo Quyết định ban hành Quy chế sử dụng phần mềm"):
    a = portal["sttt"]
    login(portal, "xla")
    doc = outgoing(a["di-2026"], title=title, file=pdf("Dự thảo quy chế.pdf"),
                   drafting_department=a["vp"].UID())
    # the Manager-created fixture is owned by xla: make it so
    doc.changeOwnership(api.user.get(userid="xla").getUser())
    doc.manage_setLocalRoles("xla", ["Owner"])
    doc.reindexObjectSecurity()
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=doc, type="File", id="phu-luc.pdf", title="Phụ lục",
                           file=pdf("Phụ lục.pdf"))
    return doc
