"""An agency's identification code (mã định danh): written as Quyết định
28/2018 Điều 10.2.a says, and one agency's only (the edXML inbox finds the
agency a message is for by it). Refused in REST with the field named and
nothing stored, in the edit form before saving."""

from html_forms import submit
from lxml import html
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.exchange import directory
from rest_client import call
from rest_client import refused
from routing_fixtures import make_province

import pytest
import requests
import transaction

OWNER = SITE_OWNER_NAME


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    a, b = make_province(portal)
    a.agency_code = "000.00.32.H55"
    directory.save("000.00.00.G22", "Văn phòng Chính phủ")
    transaction.commit()
    return server_url, portal


def code_of(site, abbr):
    return call("GET", f"{site[0]}/{abbr}", OWNER).json()["agency_code"]


@pytest.mark.parametrize("value", ["abc", "000.00.32", "000-00-32-H55", "000.00.32.H5X"])
def test_a_code_not_written_as_the_rule_says_is_refused(site, value):
    url = site[0]
    body = refused(call("PATCH", f"{url}/ubndcb", OWNER, {"agency_code": value}), 400,
                   "agency_code")
    assert "13 ký tự" in body["errors"][0]["message"], body
    assert code_of(site, "ubndcb") is None


def test_the_code_of_another_agency_or_of_the_directory_is_refused(site):
    url = site[0]
    body = refused(call("PATCH", f"{url}/ubndcb", OWNER, {"agency_code": "000.00.32.h55"}),
                   400, "agency_code")
    message = body["errors"][0]["message"]
    assert "000.00.32.H55" in message and "đã là mã định danh của Sở Thông tin và Truyền thông" in message, message
    body = refused(call("PATCH", f"{url}/ubndcb", OWNER, {"agency_code": "000.00.00.G22"}),
                   400, "agency_code")
    assert "Văn phòng Chính phủ" in body["errors"][0]["message"]
    assert code_of(site, "ubndcb") is None


def test_a_free_code_is_kept_and_saving_again_keeps_it(site):
    url = site[0]
    assert call("PATCH", f"{url}/ubndcb", OWNER, {"agency_code": "000.00.33.H55"}
                ).status_code == 204
    assert code_of(site, "ubndcb") == "000.00.33.H55"
    # the agency's own code is no conflict with itself
    assert call("PATCH", f"{url}/ubndcb", OWNER, {"title": "Ủy ban nhân dân huyện Cái Bè"}
                ).status_code == 204
    assert code_of(site, "ubndcb") == "000.00.33.H55"


def test_the_edit_form_names_the_field_before_saving(site):
    url = site[0]
    s = requests.Session()
    s.auth = (OWNER, SITE_OWNER_PASSWORD)
    s.headers["Accept"] = "text/html"
    page = submit(s, f"{url}/ubndcb/@@edit", {"form.widgets.agency_code": "000.00.32.H55"})
    assert page.status_code == 200
    tree = html.fromstring(page.text)
    [error] = tree.xpath("//div[@id='formfield-form-widgets-agency_code']"
                         "//div[contains(@class, 'invalid-feedback') or @class='error']")
    assert "Sở Thông tin và Truyền thông" in error.text_content()
    page = submit(s, f"{url}/ubndcb/@@edit", {"form.widgets.agency_code": "abc"})
    tree = html.fromstring(page.text)
    [error] = tree.xpath("//div[@id='formfield-form-widgets-agency_code']"
                         "//div[contains(@class, 'invalid-feedback') or @class='error']")
    assert "13 ký tự" in error.text_content()
    assert code_of(site, "ubndcb") is None
