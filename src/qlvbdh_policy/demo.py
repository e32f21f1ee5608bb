"""Demo data for `make run`: departments, accounts, documents, so that a
new user sees a living system. Idempotent like the province loader."""

from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
from qlvbdh_policy.agencies.province import read_csv
from qlvbdh_policy.agencies.setup import ensure_oversight_group
from qlvbdh_policy.stats import access_log
from qlvbdh_policy.timeutil import vietnam_today
from zope.container.interfaces import INameChooser

import datetime

DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def ensure_departments(site, rows):
    for row in rows:
        agency = site.get(row["agency"])
        if agency is not None and row["id"] not in agency.objectIds():
            api.content.create(
                container=agency, type="Department", id=row["id"],
                title=row["title"], notation_abbr=row["notation_abbr"],
            )


def ensure_users(site, rows):
    for row in rows:
        with access_log.logged_by_caller():  # the demo's people, not changes
            if api.user.get(username=row["username"]) is None:
                api.user.create(
                    email=row["email"], username=row["username"], password=row["password"],
                    properties={"fullname": row["fullname"]},
                )
            for group in (row.get("groups") or "").split():
                if api.group.get(groupname=group) is not None:
                    api.group.add_user(groupname=group, username=row["username"])


def ensure_documents(site, rows):
    year = vietnam_today().year
    for row in rows:
        agency = site.get(row["agency"])
        register = agency.get(f"{row['register']}-{year}") if agency is not None else None
        if register is None:
            continue
        if api.content.find(context=register, Title=row["title"], unrestricted=True):
            continue
        fields = {"title": row["title"], "doc_type": row["doc_type"],
                  "urgency": row.get("urgency") or "thuong"}
        if row["type"] == "IncomingDocument":
            fields.update(
                sender_name=row["sender_name"], code_number=row["code_number"],
                code_notation=row["code_notation"],
                doc_date=datetime.date.fromisoformat(row["doc_date"]),
            )
        else:
            dept = agency.get(row.get("drafting_department") or "")
            fields["drafting_department"] = dept.UID() if dept is not None else None
            fields["recipients_internal"] = [
                site[abbr].UID() for abbr in (row.get("recipients") or "").split() if abbr in site
            ]
        fields["file"] = NamedBlobFile(
            data=DEMO_PDF, filename=f"{row['title'][:60]}.pdf", contentType="application/pdf"
        )
        doc_id = INameChooser(register).chooseName(row["title"][:80], register)
        doc = api.content.create(container=register, type=row["type"], id=doc_id, **fields)
        if row.get("drafter"):
            owned_by(doc, row["drafter"])
        if row.get("issue") == "yes":
            wftool = api.portal.get_tool("portal_workflow")
            for transition in ("submit_review", "approve", "sign", "issue"):
                wftool.doActionFor(doc, transition)


def owned_by(doc, userid):
    """The draft is its drafter's, as if drafted by them: only the owner
    submits a draft for review, and the demo is loaded by the Zope admin,
    who is no one of the agency ("Kiểm tra quy trình" would flag the draft
    as stuck, issue 22)."""
    user = api.user.get(userid=userid)
    if user is None:
        return
    doc.changeOwnership(user.getUser())
    for principal, roles in doc.get_local_roles():
        if "Owner" in roles:
            kept = [r for r in roles if r != "Owner"]
            if kept:
                doc.manage_setLocalRoles(principal, kept)
            else:
                doc.manage_delLocalRoles([principal])
    doc.manage_setLocalRoles(userid, ["Owner"])
    doc.setCreators((userid,))
    doc.reindexObject()
    doc.reindexObjectSecurity()


def load_demo(site, folder):
    folder = Path(folder)
    with api.env.adopt_roles(["Manager"]):
        ensure_oversight_group()
        ensure_departments(site, read_csv(folder / "departments.csv"))
        users = read_csv(folder / "users.csv")
        ensure_users(site, users)
        ensure_documents(site, read_csv(folder / "documents.csv"))
    return users
