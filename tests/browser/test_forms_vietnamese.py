"""Add, edit and view pages of every type speak Vietnamese."""

from domain_fixtures import incoming
from domain_fixtures import make_agency
from domain_fixtures import outgoing
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import getUtility
from zope.i18n import translate
from zope.schema import getFieldsInOrder

import html
import pytest
import re
import requests
import transaction

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
TYPES = {
    # type: (container path for ++add++, object path for edit/view)
    "Agency": ("", "sttt"),
    "Department": ("sttt", "sttt/vp"),
    "Register": ("sttt", "sttt/den-2026"),
    "IncomingDocument": ("sttt/den-2026", "sttt/den-2026/{incoming}"),
    "OutgoingDocument": ("sttt/di-2026", "sttt/di-2026/{outgoing}"),
}


@pytest.fixture
def site(server, server_url):
    agency = make_agency(server["portal"])
    ids = {
        "incoming": incoming(agency["den-2026"]).getId(),
        "outgoing": outgoing(agency["di-2026"]).getId(),
    }
    transaction.commit()
    return server_url, ids


def page_text(url):
    r = requests.get(url, auth=AUTH, timeout=60)
    assert r.status_code == 200, url
    return html.unescape(r.text)


def labels(portal_type, with_readonly, skip=()):
    schema = getUtility(IDexterityFTI, name=portal_type).lookupSchema()
    for name, field in getFieldsInOrder(schema):
        if (field.readonly and not with_readonly) or name in skip:
            continue
        english = str(field.title)
        vietnamese = translate(field.title, target_language="vi")
        assert vietnamese != english, f"{portal_type}.{name}: no Vietnamese title"
        yield english, vietnamese


@pytest.mark.parametrize("portal_type", sorted(TYPES))
def test_add_form(site, portal_type):
    url, _ids = site
    container, _obj = TYPES[portal_type]
    text = page_text(f"{url}/{container}/++add++{portal_type}".replace("//++", "/++"))
    for english, vietnamese in labels(portal_type, with_readonly=False):
        assert vietnamese in text
        assert f">{english}<" not in text.replace("\n", "").replace("  ", "")
    assert "Lưu" in text and "Hủy bỏ" in text
    assert "Add " not in text.split("<main")[1] if "<main" in text else True
    if portal_type in ("IncomingDocument", "OutgoingDocument"):  # the usual type preselected
        assert re.search(r'<option[^>]*selected="selected"[^>]*value="cong_van"', text)


@pytest.mark.parametrize("portal_type", sorted(TYPES))
def test_edit_and_view(site, portal_type):
    url, ids = site
    path = TYPES[portal_type][1].format(**ids)
    edit = page_text(f"{url}/{path}/edit")
    view = page_text(f"{url}/{path}")
    for english, vietnamese in labels(portal_type, with_readonly=False):
        assert vietnamese in edit
    # the view shows the title as its heading, not as a labelled field
    for english, vietnamese in labels(portal_type, with_readonly=True, skip=("title",)):
        assert vietnamese in view
    assert "Sửa " in edit
