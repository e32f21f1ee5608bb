"""Building blocks for domain tests: an agency with registers."""

from plone import api
from plone.namedfile.file import NamedBlobFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_agency(portal, abbr="sttt", notation="STTTT",
                title="Sở Thông tin và Truyền thông", year=2026):
    with api.env.adopt_roles(["Manager"]):
        agency = api.content.create(
            container=portal, type="Agency", id=abbr, title=title, domain_abbr=abbr,
            notation_abbr=notation, level="so_nganh",
        )
        api.content.create(container=agency, type="Department", title="Văn phòng",
                           notation_abbr="VP", id="vp")
        api.content.create(container=agency, type="Register", id=f"den-{year}",
                           title=f"Sổ văn bản đến {year}", kind="incoming", year=year)
        api.content.create(container=agency, type="Register", id=f"di-{year}",
                           title=f"Sổ văn bản đi {year}", kind="outgoing", year=year)
    return agency


def pdf(name="Quyết định số 05.pdf", data=PDF):
    return NamedBlobFile(data=data, filename=name, contentType="application/pdf")


def incoming(register, **kw):
    import datetime

    fields = dict(
        title="Quyết định về việc ban hành Quy chế sử dụng phần mềm",
        sender_name="UBND tỉnh Tiền Giang",
        code_number="123",
        code_notation="QĐ-UBND",
        doc_date=datetime.date(2026, 11, 20),
        doc_type="quyet_dinh",
    )
    fields.update(kw)
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=register, type="IncomingDocument", **fields)


def outgoing(register, **kw):
    fields = dict(title="Quyết định về việc cử cán bộ đi học", doc_type="quyet_dinh")
    fields.update(kw)
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=register, type="OutgoingDocument", **fields)


ISSUE_PATH = ("submit_review", "approve", "sign", "issue")


def issue(doc):
    """Draft → review → signing → signed → issued, as a manager."""
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        for transition in ISSUE_PATH[ISSUE_PATH.index(next_step(doc)):]:
            wftool.doActionFor(doc, transition)
    return doc


def next_step(doc):
    state = api.content.get_state(doc)
    return {"draft": "submit_review", "review": "approve", "signing": "sign",
            "signed": "issue"}[state]
