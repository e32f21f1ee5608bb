"""The province's two agencies with their identification codes, the
directory's organisations outside the province, and a document issued to
them (edXML, exchange/)."""

from plone import api
from plone.app.testing import login
from qlvbdh_policy.exchange import directory
from routing_fixtures import issue_to
from routing_fixtures import make_province

CODES = {"sttt": "000.00.32.H55", "ubndcb": "000.32.30.H55"}
MINISTRY = ("000.00.00.G12", "Bộ Thông tin và Truyền thông", "18 Nguyễn Du, Hà Nội",
            "vanthu@mic.gov.vn")
PROVINCE = ("000.00.00.H41", "Ủy ban nhân dân tỉnh Long An", "Số 61 Nguyễn Huệ, Tân An",
            None)
HUB = "hub"  # the hub adapter's account
HUB_PASSWORD = "secret-2026-hub-adapter"


def make_exchange(portal):
    """make_province, the agencies' codes, two organisations, the hub adapter."""
    a, b = make_province(portal)
    with api.env.adopt_roles(["Manager"]):
        for agency in (a, b):
            agency.agency_code = CODES[agency.getId()]
            agency.address = "Số 23 đường 30/4, phường 1, TP Mỹ Tho"
        for code, name, address, email in (MINISTRY, PROVINCE):
            if directory.organisation(code) is None:
                directory.save(code, name, address, email)
        if api.user.get(userid=HUB) is None:
            api.user.create(email="hub@example.vn", username=HUB, password=HUB_PASSWORD,
                            properties={"fullname": "Bộ kết nối trục liên thông"})
            api.user.grant_roles(username=HUB, roles=["HubAdapter"])
    return a, b


def issue_outside(portal, a, codes=(MINISTRY[0], PROVINCE[0]), internal=(), **fields):
    """A document of ``a`` issued to ``codes`` outside the province (and
    to ``internal`` agencies), the clerk vta logged in after."""
    doc = issue_to(portal, a, list(internal), recipients_edxml=list(codes), **fields)
    login(portal, "vta")
    return doc
